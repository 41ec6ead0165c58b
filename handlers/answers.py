"""What an admin types in private when the bot asked for it: a reply's new text, what was done
about a case, a follow-up, a chat's reply variants.

The conversation's state (``bot/telegram/fsm/states.py``) says what the text is for; the typist must still
be an admin of that case's or chat's chat (``handlers/access.py``).
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.domain.models import Case, Chat
from bot.i18n import t
from bot.telegram.actions import CaseActions, Presser
from bot.telegram.admins import display_name
from bot.telegram.fsm.states import CaseInput, IncidentInput, TemplateInput
from bot.telegram.incident_actions import IncidentActions
from bot.telegram.templates import TemplateEditor
from handlers.access import AnswerAdmin
from handlers.filters import PlainText, private_chat
from storage import Storage


async def case_text(message: Message, case: Case, lang: str, actions: CaseActions, state: FSMContext) -> None:
    assert message.from_user is not None and message.text is not None
    presser = Presser(message.from_user.id, display_name(message.from_user))
    answer = await actions.take_text(case, presser, lang, message.text, state)
    await message.answer(answer.text, reply_markup=answer.keyboard)


async def template_text(message: Message, chat: Chat, lang: str, templates: TemplateEditor, state: FSMContext) -> None:
    assert message.from_user is not None and message.text is not None
    screen = await templates.take_text(message.from_user.id, chat, lang, message.text, state)
    await message.answer(screen.text, reply_markup=screen.keyboard)


async def incident_text(
    message: Message, chat: Chat, lang: str, incident_actions: IncidentActions, state: FSMContext, repo: Storage
) -> None:
    """The statement's or the result's text, typed after "Edit" on its draft."""
    assert message.text is not None
    asked = await state.get_data()
    which = "statement" if await state.get_state() == IncidentInput.statement.state else "result"
    incident = await repo.incidents.get(int(asked.get("incident_id", 0)))
    if incident is None or incident.chat_id != chat.id:
        await state.clear()
        await message.answer(t(lang, "toast.not_found"))
        return
    screen = await incident_actions.take_text(incident, lang, message.text, which)
    # Only once the text is kept: a try that dies before must find the question still asked.
    await state.clear()
    await message.answer(screen.text or "", reply_markup=screen.keyboard)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(private_chat(), PlainText())
    router.message.middleware(AnswerAdmin())
    router.message.register(case_text, StateFilter(CaseInput))
    router.message.register(template_text, StateFilter(TemplateInput))
    router.message.register(incident_text, StateFilter(IncidentInput))
    return router
