"""Admin commands: statistics and its chart, lists, CSV export, the settings panel, menus.

Plain logic and rendering; the aiogram routers live in ``handlers/admin_commands.py``,
``handlers/private_commands.py`` and ``handlers/settings_panel.py``.
"""
