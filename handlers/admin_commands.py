"""Admin commands sent in a group: checked live, answered in private, never with data in the group.

Anyone who is not an admin gets no data (at most a short private hint); the command message is
never deleted. An anonymous admin (posting as the group) gets a short note in the group, because
the bot cannot message the group itself privately.
"""

from __future__ import annotations

import logging
from html import escape
from typing import TYPE_CHECKING

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError
from aiogram.filters import Command, CommandObject
from aiogram.types import Chat as TgChat
from aiogram.types import Message

from bot.domain.clock import Clock, now_int
from bot.domain.languages import language
from bot.domain.models import Chat
from bot.i18n import t
from bot.services.report import parse_period
from bot.telegram.commands import AdminCommands, Out, deliver
from handlers.filters import LooksLikeCommand, group_chats
from storage import Storage

if TYPE_CHECKING:
    from bot.app import Services

log = logging.getLogger(__name__)

GROUP_COMMANDS = ("settings", "stats", "cases", "pending", "check", "export", "help")


async def answer_for(
    name: str,
    arg: str | None,
    chat: Chat,
    user_id: int,
    lang: str,
    commands: AdminCommands,
    repo: Storage,
    clock: Clock,
) -> list[Out]:
    """The answer to one command about ``chat``; the caller has checked ``user_id`` is its admin."""
    if name == "stats":
        period = parse_period(arg)
        if period is None:
            return [Out(text=t(lang, "stats.usage"))]
        return await commands.stats(chat, period, lang)
    if name == "cases":
        return await commands.cases(chat, lang)
    if name == "pending":
        return await commands.pending(chat, lang)
    if name == "export":
        return await commands.export(chat, lang)
    if name == "settings":
        return await commands.settings(chat, user_id)
    if name == "check":
        return commands.check(arg or "", lang)
    if name == "mute":
        if await repo.stats.is_muted(chat.id, user_id):
            return [Out(text=t(lang, "mute.already", chat=escape(chat.title)))]
        await repo.stats.mute(chat.id, user_id, now_int(clock))
        return [Out(text=t(lang, "mute.done", chat=escape(chat.title)))]
    if name == "unmute":
        if not await repo.stats.is_muted(chat.id, user_id):
            return [Out(text=t(lang, "unmute.already", chat=escape(chat.title)))]
        await repo.stats.unmute(chat.id, user_id)
        return [Out(text=t(lang, "unmute.done", chat=escape(chat.title)))]
    return [Out(text=t(lang, "help.group"))]


async def on_group_command(
    message: Message,
    command: CommandObject,
    bot: Bot,
    repo: Storage,
    services: Services,
    commands: AdminCommands,
    clock: Clock,
) -> None:
    chat = message.chat
    chat_settings = await repo.chats.settings(chat.id)
    lang = language(chat_settings.language)
    if message.sender_chat is not None:
        if message.sender_chat.id == chat.id:
            # An anonymous admin: only Telegram knows who it is, and it has no private chat.
            await message.reply(t(lang, "access.anonymous"))
        return  # someone posting as a channel is not an admin of this group
    user = message.from_user
    if user is None or user.is_bot:
        return
    if not await services.admins.is_admin_now(chat.id, user.id):
        await _private_hint(bot, user.id, t(language(user.language_code), "access.not_admin", chat=_title(chat)))
        return
    stored = await repo.chats.get(chat.id)
    if stored is None or not stored.active:
        await services.cases.register_chat(
            chat.id, chat.title or str(chat.id), chat.type, chat.username, bool(chat.is_forum)
        )
        stored = await repo.chats.get(chat.id)
    assert stored is not None
    outs = await answer_for(command.command.lower(), command.args, stored, user.id, lang, commands, repo, clock)
    try:
        await deliver(bot, user.id, outs)
    except TelegramForbiddenError:
        await message.reply(t(lang, "access.start_me"))


def _title(chat: TgChat) -> str:
    return escape(chat.title or str(chat.id))


async def _private_hint(bot: Bot, user_id: int, text: str) -> None:
    """A short private note to a non-admin; silently nothing when they never started the bot."""
    try:
        await bot.send_message(user_id, text)
    except TelegramAPIError as error:
        log.debug("No private hint for %s: %s", user_id, error)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(LooksLikeCommand(), group_chats())
    router.message.register(on_group_command, Command(*GROUP_COMMANDS))
    return router
