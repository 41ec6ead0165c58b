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
from bot.telegram.actions import CaseActions, Presser
from bot.telegram.admins import display_name
from bot.telegram.fsm.states import CaseInput, TemplateInput
from bot.telegram.templates import TemplateEditor
from handlers.access import AnswerAdmin
from handlers.filters import PlainText, private_chat


async def case_text(message: Message, case: Case, lang: str, actions: CaseActions, state: FSMContext) -> None:
    assert message.from_user is not None and message.text is not None
    presser = Presser(message.from_user.id, display_name(message.from_user))
    answer = await actions.take_text(case, presser, lang, message.text, state)
    await message.answer(answer.text, reply_markup=answer.keyboard)


async def template_text(message: Message, chat: Chat, lang: str, templates: TemplateEditor, state: FSMContext) -> None:
    assert message.from_user is not None and message.text is not None
    screen = await templates.take_text(message.from_user.id, chat, lang, message.text, state)
    await message.answer(screen.text, reply_markup=screen.keyboard)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(private_chat(), PlainText())
    router.message.middleware(AnswerAdmin())
    router.message.register(case_text, StateFilter(CaseInput))
    router.message.register(template_text, StateFilter(TemplateInput))
    return router
