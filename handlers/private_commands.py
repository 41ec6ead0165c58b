"""Admin commands in the private chat: /help, /chats, /check, and per-chat commands with a picker.

The picker lists only chats where the user is an admin right now (asked live), and every press
(``pick:<command>:<chat_id>``) checks again before answering.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.domain.clock import Clock
from bot.domain.languages import language
from bot.domain.models import Chat
from bot.i18n import t
from bot.services.report import parse_period
from bot.telegram.commands import AdminCommands, Out, deliver
from handlers.admin_commands import answer_for
from handlers.filters import DataStartsWith, LooksLikeCommand, private_chat
from storage import Storage

if TYPE_CHECKING:
    from bot.app import Services

log = logging.getLogger(__name__)

PICK = "pick"
# Commands about one chat; "stats" carries its period: ``stats.30d``.
PER_CHAT = ("stats", "cases", "pending", "settings", "export", "mute", "unmute")


async def live_chats(user_id: int, repo: Storage, services: Services) -> list[Chat]:
    """Active chats where ``user_id`` is an admin now: the stored list, each confirmed live."""
    found = []
    for chat in await repo.chats.chats_of_admin(user_id):
        if chat.active and await services.admins.is_admin_now(chat.id, user_id):
            found.append(chat)
    return found


def _pick_data(code: str, chat_id: int) -> str:
    data = f"{PICK}:{code}:{chat_id}"
    if len(data.encode()) > 64:
        raise ValueError("callback data longer than 64 bytes")
    return data


def _parse_pick(data: str | None) -> tuple[str, str | None, int] | None:
    """(command, argument, chat_id) from ``pick:<command>[.<arg>]:<chat_id>``."""
    parts = (data or "").split(":")
    if len(parts) != 3 or parts[0] != PICK:
        return None
    name, _, arg = parts[1].partition(".")
    if name not in PER_CHAT:
        return None
    try:
        chat_id = int(parts[2])
    except ValueError:
        return None
    return name, arg or None, chat_id


async def on_help(message: Message) -> None:
    lang = language(message.from_user.language_code if message.from_user else None)
    await message.answer("\n\n".join([t(lang, "help.about"), t(lang, "help.group"), t(lang, "help.private")]))


async def on_chats(
    message: Message,
    bot: Bot,
    repo: Storage,
    services: Services,
    commands: AdminCommands,
    clock: Clock,
) -> None:
    user = message.from_user
    if user is None:
        return
    lang = language(user.language_code)
    chats = await live_chats(user.id, repo, services)
    if not chats:
        await message.answer(t(lang, "chats.none"))
        return
    me = await bot.me()
    blocks = [t(lang, "chats.title")]
    for chat in chats:
        blocks.append(await commands.chat_status(chat, user.id, lang, bool(me.can_read_all_group_messages)))
    await message.answer("\n\n".join(blocks))


async def on_check(
    message: Message,
    command: CommandObject,
    bot: Bot,
    repo: Storage,
    commands: AdminCommands,
    clock: Clock,
) -> None:
    user = message.from_user
    if user is None:
        return
    lang = language(user.language_code)
    if not await repo.chats.chats_of_admin(user.id):
        await message.answer(t(lang, "access.no_chats"))
        return
    await deliver(bot, message.chat.id, commands.check(command.args or "", lang))


async def on_per_chat(
    message: Message,
    command: CommandObject,
    bot: Bot,
    repo: Storage,
    services: Services,
    commands: AdminCommands,
    clock: Clock,
) -> None:
    user = message.from_user
    if user is None:
        return
    lang = language(user.language_code)
    name = command.command.lower()
    code = name
    if name == "stats":
        period = parse_period(command.args)
        if period is None:
            await message.answer(t(lang, "stats.usage"))
            return
        code = f"stats.{period}"
    chats = await live_chats(user.id, repo, services)
    if not chats:
        await message.answer(t(lang, "access.no_chats"))
        return
    if len(chats) == 1:
        await _answer(code, chats[0], user.id, lang, bot, repo, commands, clock)
        return
    buttons = []
    for chat in chats:
        label = chat.title
        if name in ("mute", "unmute"):
            label = ("🔕 " if await repo.stats.is_muted(chat.id, user.id) else "🔔 ") + label
        buttons.append([InlineKeyboardButton(text=label, callback_data=_pick_data(code, chat.id))])
    await message.answer(t(lang, "access.pick"), reply_markup=InlineKeyboardMarkup(inline_keyboard=buttons))


async def _answer(
    code: str,
    chat: Chat,
    user_id: int,
    lang: str,
    bot: Bot,
    repo: Storage,
    commands: AdminCommands,
    clock: Clock,
) -> None:
    name, _, arg = code.partition(".")
    outs: list[Out] = await answer_for(name, arg or None, chat, user_id, lang, commands, repo, clock)
    await deliver(bot, user_id, outs)


async def on_pick(
    query: CallbackQuery,
    bot: Bot,
    repo: Storage,
    services: Services,
    commands: AdminCommands,
    clock: Clock,
) -> None:
    lang = language(query.from_user.language_code)
    parsed = _parse_pick(query.data)
    if parsed is None:
        await query.answer()
        return
    name, arg, chat_id = parsed
    chat = await repo.chats.get(chat_id)
    if chat is None or not await services.admins.is_admin_now(chat_id, query.from_user.id):
        await query.answer(t(lang, "access.lost"), show_alert=True)
        return
    await query.answer()
    code = f"{name}.{arg}" if arg else name
    await _answer(code, chat, query.from_user.id, lang, bot, repo, commands, clock)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(LooksLikeCommand(), private_chat())
    router.message.register(on_help, Command("help"))
    router.message.register(on_chats, Command("chats"))
    router.message.register(on_check, Command("check"))
    router.message.register(on_per_chat, Command(*PER_CHAT))
    router.callback_query.register(on_pick, DataStartsWith(f"{PICK}:"))
    return router
