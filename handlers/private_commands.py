"""Admin commands in the private chat: /help, /chats, /check, and per-chat commands with a picker.

The picker lists only chats where the user is an admin right now (asked live), and every press
(``pick:<command>:<chat_id>[:<period>]``, ``bot/telegram/callbacks.py``) checks again before answering
(``handlers/access.py``). So does every page turn of /cases (``cases:<chat_id>:<page>``), which edits
the list in place.
"""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message

from bot.domain.clock import Clock
from bot.domain.languages import language
from bot.domain.models import Chat
from bot.domain.verdicts import Label
from bot.i18n import t
from bot.services.report import parse_period
from bot.telegram.admins import AdminDirectory
from bot.telegram.callbacks import CasesPage, ChatPick, PickCommand
from bot.telegram.commands import AdminCommands, Out, deliver
from handlers.access import ChatAdmin
from handlers.admin_commands import answer_for
from handlers.filters import LooksLikeCommand, private_chat
from storage import Storage

log = logging.getLogger(__name__)

MISSED_KINDS = frozenset(label.value for label in Label if label.negative)

PER_CHAT = tuple(command.value for command in PickCommand if command is not PickCommand.MISSED)


async def live_chats(user_id: int, repo: Storage, admins: AdminDirectory) -> list[Chat]:
    """Active chats where ``user_id`` is an admin now: the stored list, each confirmed live."""
    found = []
    for chat in await repo.chats.chats_of_admin(user_id):
        if chat.active and await admins.is_admin_now(chat.id, user_id):
            found.append(chat)
    return found


async def on_help(message: Message) -> None:
    lang = language(message.from_user.language_code if message.from_user else None)
    await message.answer("\n\n".join([t(lang, "help.about"), t(lang, "help.group"), t(lang, "help.private")]))


async def on_chats(
    message: Message,
    bot: Bot,
    repo: Storage,
    admins: AdminDirectory,
    commands: AdminCommands,
    clock: Clock,
) -> None:
    user = message.from_user
    if user is None:
        return
    lang = language(user.language_code)
    chats = await live_chats(user.id, repo, admins)
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


async def on_missed(
    message: Message,
    command: CommandObject,
    bot: Bot,
    repo: Storage,
    admins: AdminDirectory,
    commands: AdminCommands,
    state: FSMContext,
) -> None:
    """``/missed <kind> <text>``: a negative comment the bot missed, for the chat picked (one: at once)."""
    user = message.from_user
    if user is None:
        return
    lang = language(user.language_code)
    kind, _, text = (command.args or "").strip().partition(" ")
    if not text.strip() or kind.lower() not in MISSED_KINDS:
        await message.answer(t(lang, "learn.missed_private_usage"))
        return
    chats = await live_chats(user.id, repo, admins)
    if not chats:
        await message.answer(t(lang, "access.no_chats"))
        return
    if len(chats) == 1:
        await deliver(bot, user.id, await commands.missed(chats[0], text, kind, user.id, lang))
        return
    await state.update_data(missed_text=text, missed_kind=kind.lower())
    await _offer_chats(message, lang, chats, PickCommand.MISSED, None, repo, user.id)


async def on_per_chat(
    message: Message,
    command: CommandObject,
    bot: Bot,
    repo: Storage,
    admins: AdminDirectory,
    commands: AdminCommands,
    clock: Clock,
) -> None:
    user = message.from_user
    if user is None:
        return
    lang = language(user.language_code)
    name = PickCommand(command.command.lower())
    period = None
    if name is PickCommand.STATS:
        period = parse_period(command.args)
        if period is None:
            await message.answer(t(lang, "stats.usage"))
            return
    chats = await live_chats(user.id, repo, admins)
    if not chats:
        await message.answer(t(lang, "access.no_chats"))
        return
    if len(chats) == 1:
        await _answer(name, period, chats[0], user.id, lang, bot, repo, commands, clock)
        return
    await _offer_chats(message, lang, chats, name, period, repo, user.id)


async def _offer_chats(
    message: Message, lang: str, chats: list[Chat], name: PickCommand, period: str | None, repo: Storage, user_id: int
) -> None:
    """The chat picker: one button per chat (with its mute state for /mute and /unmute)."""
    buttons = []
    for chat in chats:
        label = chat.title
        if name in (PickCommand.MUTE, PickCommand.UNMUTE):
            label = ("🔕 " if await repo.stats.is_muted(chat.id, user_id) else "🔔 ") + label
        pick = ChatPick(command=name, chat_id=chat.id, period=period)
        buttons.append([InlineKeyboardButton(text=label, callback_data=pick.pack())])
    await message.answer(t(lang, "access.pick"), reply_markup=InlineKeyboardMarkup(inline_keyboard=buttons))


async def _answer(
    name: PickCommand,
    period: str | None,
    chat: Chat,
    user_id: int,
    lang: str,
    bot: Bot,
    repo: Storage,
    commands: AdminCommands,
    clock: Clock,
) -> None:
    outs: list[Out] = await answer_for(name.value, period, chat, user_id, lang, commands, repo, clock)
    await deliver(bot, user_id, outs)


async def on_pick(
    query: CallbackQuery,
    callback_data: ChatPick,
    chat: Chat,
    bot: Bot,
    repo: Storage,
    commands: AdminCommands,
    clock: Clock,
    state: FSMContext,
) -> None:
    await query.answer()
    lang = language(query.from_user.language_code)
    if callback_data.command is PickCommand.MISSED:
        data = await state.get_data()
        text, kind = data.get("missed_text"), data.get("missed_kind")
        if not isinstance(text, str) or not isinstance(kind, str):
            await deliver(bot, query.from_user.id, [Out(text=t(lang, "learn.missed_private_usage"))])
            return
        await state.update_data(missed_text=None, missed_kind=None)
        await deliver(bot, query.from_user.id, await commands.missed(chat, text, kind, query.from_user.id, lang))
        return
    await _answer(
        callback_data.command, callback_data.period, chat, query.from_user.id, lang, bot, repo, commands, clock
    )


async def on_cases_page(
    query: CallbackQuery,
    callback_data: CasesPage,
    chat: Chat,
    bot: Bot,
    commands: AdminCommands,
) -> None:
    await query.answer()
    lang = language(query.from_user.language_code)
    outs = await commands.cases(chat, lang, callback_data.page)
    message = query.message
    if not isinstance(message, Message):  # too old to edit: a new message
        await deliver(bot, query.from_user.id, outs)
        return
    out = outs[0]
    assert out.text is not None
    try:
        await message.edit_text(
            out.text, reply_markup=out.keyboard, link_preview_options=LinkPreviewOptions(is_disabled=True)
        )
    except TelegramBadRequest as error:
        if "not modified" not in error.message:
            raise


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(LooksLikeCommand(), private_chat())
    router.message.register(on_help, Command("help"))
    router.message.register(on_chats, Command("chats"))
    router.message.register(on_check, Command("check"))
    router.message.register(on_missed, Command("missed"))
    router.message.register(on_per_chat, Command(*PER_CHAT))
    router.callback_query.middleware(ChatAdmin(lambda lang: t(lang, "access.lost")))
    router.callback_query.register(on_pick, ChatPick.filter())
    router.callback_query.register(on_cases_page, CasesPage.filter())
    return router
