"""Who may act: every press and every typed answer about a case or a chat is honoured only for an
admin of that chat, asked of Telegram at that moment.

Inner middlewares of the routers that act on a case or a chat. They run once the handler's filter
has parsed the button (or the FSM state or the command matched), look the case or chat up once,
check the presser, and hand the handler what they found: ``case`` or ``chat``, and (except for
menu buttons) ``lang``, the chat's language. A refused event is answered here and never reaches
the handler.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from html import escape
from typing import Any, Protocol

from aiogram import BaseMiddleware, Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, TelegramObject

from bot.domain.languages import language
from bot.i18n import t
from bot.services.cases import CaseService
from bot.telegram.admins import AdminDirectory
from bot.telegram.callbacks import CaseAction
from storage import Storage

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class _AboutChat(Protocol):
    chat_id: int


async def _chat_language(repo: Storage, chat_id: int) -> str:
    return language((await repo.chats.settings(chat_id)).language)


async def pressed_by_admin(event: CallbackQuery, data: dict[str, Any], chat_id: int | None) -> str | None:
    """The chat's language when the presser is its admin at this moment; else the press is answered here
    (not found when ``chat_id`` is None, not an admin otherwise) and None returned."""
    if chat_id is None:
        await event.answer(t("ru", "toast.not_found"), show_alert=True)
        return None
    repo: Storage = data["repo"]
    admins: AdminDirectory = data["admins"]
    lang = await _chat_language(repo, chat_id)
    if not await admins.is_admin_now(chat_id, event.from_user.id):
        await event.answer(t(lang, "toast.not_admin"), show_alert=True)
        return None
    return lang


class CaseAdmin(BaseMiddleware):
    """For ``CaseAction`` buttons: gives ``case`` and ``lang``."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, CallbackQuery)
        button = data.get("callback_data")
        if not isinstance(button, CaseAction):
            raise TypeError(f"CaseAdmin guards CaseAction buttons, got {button!r}")
        repo: Storage = data["repo"]
        case = await repo.cases.get(button.case_id)
        lang = await pressed_by_admin(event, data, case.chat_id if case is not None else None)
        if case is None or lang is None:
            return None
        data["case"] = case
        data["lang"] = lang
        return await handler(event, data)


class ChatAdmin(BaseMiddleware):
    """For buttons about one chat (a ``chat_id`` field): gives ``chat``.

    ``refusal`` is the text for someone who is not (or no longer) its admin, in their language.
    """

    def __init__(self, refusal: Callable[[str], str]) -> None:
        self._refusal = refusal

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, CallbackQuery)
        button: _AboutChat = data["callback_data"]
        repo: Storage = data["repo"]
        admins: AdminDirectory = data["admins"]
        chat = await repo.chats.get(button.chat_id)
        if chat is None or not await admins.is_admin_now(chat.id, event.from_user.id):
            await event.answer(self._refusal(language(event.from_user.language_code)), show_alert=True)
            return None
        data["chat"] = chat
        return await handler(event, data)


class AnswerAdmin(BaseMiddleware):
    """For a text typed in a conversation (``bot/telegram/fsm/states.py``): gives ``case`` (its data has a
    ``case_id``) or ``chat`` (a ``chat_id``), and ``lang``. A refused conversation ends."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, Message) and event.from_user is not None
        state: FSMContext = data["state"]
        repo: Storage = data["repo"]
        admins: AdminDirectory = data["admins"]
        asked = await state.get_data()
        chat_id: int | None = None
        gone = "toast.not_found"
        if isinstance(asked.get("case_id"), int):
            case = await repo.cases.get(asked["case_id"])
            if case is not None:
                data["case"], chat_id = case, case.chat_id
        elif isinstance(asked.get("chat_id"), int):
            gone = "toast.not_admin"  # as for a chat the bot no longer knows
            chat = await repo.chats.get(asked["chat_id"])
            if chat is not None:
                data["chat"], chat_id = chat, chat.id
        if chat_id is None:
            await state.clear()
            await event.answer(t("ru", gone))
            return None
        lang = await _chat_language(repo, chat_id)
        if not await admins.is_admin_now(chat_id, event.from_user.id):
            await state.clear()
            await event.answer(t(lang, "toast.not_admin"))
            return None
        data["lang"] = lang
        return await handler(event, data)


class GroupAdmin(BaseMiddleware):
    """For admin commands sent in a group: gives ``chat`` (registered if the bot did not know it
    yet) and ``lang``. A non-admin gets at most a short private hint, an anonymous admin a note in
    the group (the bot cannot write to the group privately), someone posting as a channel nothing.
    """

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, Message)
        bot: Bot = data["bot"]
        repo: Storage = data["repo"]
        admins: AdminDirectory = data["admins"]
        cases: CaseService = data["cases"]
        chat = event.chat
        lang = await _chat_language(repo, chat.id)
        if event.sender_chat is not None:
            if event.sender_chat.id == chat.id:
                # An anonymous admin: only Telegram knows who it is, and it has no private chat.
                await event.reply(t(lang, "access.anonymous"))
            return None  # someone posting as a channel is not an admin of this group
        user = event.from_user
        if user is None or user.is_bot:
            return None
        if not await admins.is_admin_now(chat.id, user.id):
            hint = t(language(user.language_code), "access.not_admin", chat=escape(chat.title or str(chat.id)))
            try:
                await bot.send_message(user.id, hint)
            except TelegramAPIError as error:
                # Most likely they never started the bot: then nothing, and nothing in the group.
                log.debug("No private hint for %s: %s", user.id, error)
            return None
        stored = await repo.chats.get(chat.id)
        if stored is None or not stored.active:
            await cases.register_chat(
                chat.id, chat.title or str(chat.id), chat.type, chat.username, bool(chat.is_forum)
            )
            stored = await repo.chats.get(chat.id)
        assert stored is not None
        data["chat"] = stored
        data["lang"] = lang
        return await handler(event, data)
