"""Every press no other router took: a button from an old version, or data that is not any
button's (forged, damaged). It changes nothing and says so."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery

from bot.domain.languages import language
from bot.i18n import t


async def stale_button(query: CallbackQuery) -> None:
    await query.answer(t(language(query.from_user.language_code), "set.bad"))


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(stale_button)
    return router
