"""Presses on incident cards and their drafts: ``inc:<op>:<incident_id>`` (``bot/telegram/callbacks.py``).

Honoured only for someone who is an admin of the incident's chat at that moment."""

from __future__ import annotations

from typing import Any

from aiogram import BaseMiddleware, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, TelegramObject

from bot.domain.incidents import Incident
from bot.telegram.callbacks import IncidentPress
from bot.telegram.incident_actions import IncidentActions
from handlers.access import Handler, pressed_by_admin
from storage import Storage


class IncidentAdmin(BaseMiddleware):
    """For ``IncidentPress`` buttons: gives ``incident`` and ``lang`` (the chat's language)."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, CallbackQuery)
        button = data.get("callback_data")
        if not isinstance(button, IncidentPress):
            raise TypeError(f"IncidentAdmin guards IncidentPress buttons, got {button!r}")
        repo: Storage = data["repo"]
        incident = await repo.incidents.get(button.incident_id)
        lang = await pressed_by_admin(event, data, incident.chat_id if incident is not None else None)
        if incident is None or lang is None:
            return None
        data["incident"] = incident
        data["lang"] = lang
        return await handler(event, data)


async def on_incident_button(
    query: CallbackQuery,
    callback_data: IncidentPress,
    incident: Incident,
    lang: str,
    incident_actions: IncidentActions,
    state: FSMContext,
) -> None:
    screen = await incident_actions.perform(callback_data.op, incident, query.from_user.id, lang, state)
    if screen.text is not None and query.message is not None:
        await query.message.answer(screen.text, reply_markup=screen.keyboard)
    await query.answer(screen.toast or None, show_alert=not screen.ok)


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.middleware(IncidentAdmin())
    router.callback_query.register(on_incident_button, IncidentPress.filter())
    return router
