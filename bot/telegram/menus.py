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

GROUP_ADMIN_COMMANDS: dict[str, list[tuple[str, str]]] = {
    "ru": [
        ("settings", "Настройки чата"),
        ("stats", "Статистика с графиком: 7d, 30d, all"),
        ("cases", "Открытые случаи"),
        ("pending", "Запланированные ответы"),
        ("check", "Проверить текст"),
        ("export", "Случаи в CSV"),
        ("help", "Команды"),
    ],
    "en": [
        ("settings", "Chat settings"),
        ("stats", "Statistics with a chart: 7d, 30d, all"),
        ("cases", "Open cases"),
        ("pending", "Scheduled replies"),
        ("check", "Check a text"),
        ("export", "Cases as CSV"),
        ("help", "Commands"),
    ],
}

PRIVATE_COMMANDS: dict[str, list[tuple[str, str]]] = {
    "ru": [
        ("start", "Подключить уведомления"),
        ("chats", "Мои чаты и что исправить"),
        ("stats", "Статистика чата"),
        ("cases", "Открытые случаи"),
        ("pending", "Запланированные ответы"),
        ("settings", "Настройки чата"),
        ("mute", "Выключить уведомления чата"),
        ("unmute", "Включить уведомления чата"),
        ("check", "Проверить текст"),
        ("export", "Случаи в CSV"),
        ("help", "Как это работает"),
    ],
    "en": [
        ("start", "Turn on alerts"),
        ("chats", "My chats and what to fix"),
        ("stats", "A chat's statistics"),
        ("cases", "Open cases"),
        ("pending", "Scheduled replies"),
        ("settings", "Chat settings"),
        ("mute", "Mute a chat's alerts"),
        ("unmute", "Unmute a chat's alerts"),
        ("check", "Check a text"),
        ("export", "Cases as CSV"),
        ("help", "How it works"),
    ],
}


def _commands(pairs: list[tuple[str, str]]) -> list[BotCommand]:
    return [BotCommand(command=name, description=description) for name, description in pairs]


async def setup_command_menus(bot: Bot) -> None:
    """Set every menu; call once at start-up (the calls are idempotent)."""
    for lang in ("ru", "en"):
        code = None if lang == "ru" else "en"
        # Members of groups see no commands; the default scope stays empty too.
        await bot.delete_my_commands(scope=BotCommandScopeDefault(), language_code=code)
        await bot.delete_my_commands(scope=BotCommandScopeAllGroupChats(), language_code=code)
        await bot.set_my_commands(
            _commands(GROUP_ADMIN_COMMANDS[lang]),
            scope=BotCommandScopeAllChatAdministrators(),
            language_code=code,
        )
        await bot.set_my_commands(
            _commands(PRIVATE_COMMANDS[lang]), scope=BotCommandScopeAllPrivateChats(), language_code=code
        )
