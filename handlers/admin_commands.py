"""Admin commands sent in a group: checked live, answered in private, never with data in the group.

Anyone who is not an admin gets no data (at most a short private hint); the command message is
never deleted. An anonymous admin (posting as the group) gets a short note in the group, because
the bot cannot message the group itself privately. Both are ``handlers/access.py``'s
``GroupAdmin``; the handler answers admins only.
"""

from __future__ import annotations

from html import escape

from aiogram import Bot, Router
from aiogram.exceptions import TelegramForbiddenError
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.domain.clock import Clock, now_int
from bot.domain.models import Chat
from bot.i18n import t
from bot.services.report import parse_period
from bot.telegram.commands import AdminCommands, Out, deliver
from handlers.access import GroupAdmin
from handlers.filters import LooksLikeCommand, group_chats
from storage import Storage

GROUP_COMMANDS = ("settings", "stats", "cases", "pending", "check", "export", "help", "missed")


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
    chat: Chat,
    lang: str,
    bot: Bot,
    repo: Storage,
    commands: AdminCommands,
    clock: Clock,
) -> None:
    assert message.from_user is not None
    user_id = message.from_user.id
    name = command.command.lower()
    if name == "missed":
        # Sent as a reply to the comment the bot missed; the kind is the argument.
        replied = message.reply_to_message
        text = (replied.text or replied.caption or "") if replied is not None else ""
        outs = await commands.missed(chat, text, command.args, user_id, lang)
    else:
        outs = await answer_for(name, command.args, chat, user_id, lang, commands, repo, clock)
    try:
        await deliver(bot, user_id, outs)
    except TelegramForbiddenError:
        await message.reply(t(lang, "access.start_me"))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(LooksLikeCommand(), group_chats())
    router.message.middleware(GroupAdmin())
    router.message.register(on_group_command, Command(*GROUP_COMMANDS))
    return router
