"""Command menus per scope and language (``setMyCommands``).

Group admins see the admin commands, other group members see none, private chats see the
private ones; Russian by default and English for ``language_code="en"``.
"""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeDefault,
)

from bot.i18n import t

# The commands of each menu, in order; the descriptions are the texts ``menu.group.<command>`` and
# ``menu.private.<command>``.
GROUP_ADMIN_COMMANDS = ("settings", "stats", "cases", "pending", "check", "missed", "export", "help")
PRIVATE_COMMANDS = (
    "start",
    "chats",
    "stats",
    "cases",
    "pending",
    "settings",
    "mute",
    "unmute",
    "check",
    "missed",
    "export",
    "help",
)


def _commands(menu: str, names: tuple[str, ...], lang: str) -> list[BotCommand]:
    return [BotCommand(command=name, description=t(lang, f"menu.{menu}.{name}")) for name in names]


async def setup_command_menus(bot: Bot) -> None:
    """Set every menu; call once at start-up (the calls are idempotent)."""
    for lang in ("ru", "en"):
        code = None if lang == "ru" else "en"
        # Members of groups see no commands; the default scope stays empty too.
        await bot.delete_my_commands(scope=BotCommandScopeDefault(), language_code=code)
        await bot.delete_my_commands(scope=BotCommandScopeAllGroupChats(), language_code=code)
        await bot.set_my_commands(
            _commands("group", GROUP_ADMIN_COMMANDS, lang),
            scope=BotCommandScopeAllChatAdministrators(),
            language_code=code,
        )
        await bot.set_my_commands(
            _commands("private", PRIVATE_COMMANDS, lang), scope=BotCommandScopeAllPrivateChats(), language_code=code
        )
