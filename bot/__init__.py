"""Otklik: a Telegram assistant for handling negative comments the right way."""

__version__ = "0.1.0"

# Before anything imports aiogram: its Telegram types are built when first used (saves ~100 MB).
from bot.compat import lazy_types as _lazy_types  # noqa: F401
