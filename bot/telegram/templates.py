"""Editing a chat's reply variants from Telegram: show, replace (validated), back to defaults."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.clock import Clock, now_int
from bot.domain.languages import language
from bot.domain.models import Chat
from bot.domain.verdicts import NEGATIVE_LABELS, Label
from bot.i18n import count, label_name, lint_warning, t
from bot.replies import lint_reply
from bot.replies.custom import PLACEHOLDERS, parse_variants
from bot.replies.playbooks import PLAYBOOKS
from bot.telegram.admins import AdminDirectory
from bot.telegram.callbacks import TemplateOp, TemplatePress
from bot.telegram.fsm.states import TemplateInput
from storage import Storage

_ORDER = (Label.CONSTRUCTIVE, Label.IMPULSIVE, Label.TROLLING, Label.DIRECTED)
assert set(_ORDER) == NEGATIVE_LABELS


@dataclass(frozen=True, slots=True)
class Screen:
    text: str
    keyboard: InlineKeyboardMarkup | None = None


def _placeholders() -> str:
    return ", ".join("{" + name + "}" for name in PLACEHOLDERS)


class TemplateEditor:
    """The screens of /templates and what their buttons and the typed variants do.

    Except for ``menu_for``, the caller has checked that the user is an admin of the chat now
    (``handlers/access.py``); ``state`` is the user's conversation (``TemplateInput``).
    """

    def __init__(self, storage: Storage, admins: AdminDirectory, clock: Clock) -> None:
        self._storage = storage
        self._admins = admins
        self._clock = clock

    async def _lang(self, chat: Chat) -> str:
        return language((await self._storage.chats.settings(chat.id)).language)

    async def menu_for(self, chat_id: int, user_id: int) -> Screen | None:
        """The label menu for /templates sent in a group; None unless the user is its admin now."""
        chat = await self._storage.chats.get(chat_id)
        if chat is None or not await self._admins.is_admin_now(chat_id, user_id):
            return None
        return await self.menu(chat)

    async def menu(self, chat: Chat) -> Screen:
        lang = await self._lang(chat)
        rows = [
            [InlineKeyboardButton(text=label_name(lang, label), callback_data=_press(TemplateOp.SHOW, chat.id, label))]
            for label in _ORDER
        ]
        return Screen(t(lang, "tpl.pick_label", chat=escape(chat.title)), InlineKeyboardMarkup(inline_keyboard=rows))

    async def press(self, press: TemplatePress, chat: Chat, user_id: int, state: FSMContext) -> Screen:
        label = press.label
        if press.op is TemplateOp.MENU or label is None:
            return await self.menu(chat)
        lang = await self._lang(chat)
        if press.op is TemplateOp.EDIT:
            await state.set_state(TemplateInput.variants)
            await state.set_data({"chat_id": chat.id, "label": label.value})
            return Screen(t(lang, "tpl.ask", label=label_name(lang, label), placeholders=escape(_placeholders())))
        if press.op is TemplateOp.RESET:
            await self._storage.templates.reset(chat.id, label.value, lang)
            return Screen(t(lang, "tpl.reset", label=label_name(lang, label)))
        if press.op is TemplateOp.KEEP:
            asked = await state.get_data()
            draft = asked.get("draft")
            if (
                await state.get_state() != TemplateInput.variants.state
                or asked.get("chat_id") != chat.id
                or not isinstance(draft, list)
                or not draft
            ):
                return Screen(t(lang, "toast.not_found"))
            return await self._save(user_id, chat, lang, label, [str(v) for v in draft], state)
        return await self._show(chat, lang, label)

    async def _show(self, chat: Chat, lang: str, label: Label) -> Screen:
        custom = await self._storage.templates.get(chat.id, label.value, lang)
        variants = custom or [v.with_problem for v in PLAYBOOKS[label].variants(lang)]
        listing = "\n\n".join(f"{n}. {escape(v)}" for n, v in enumerate(variants, start=1))
        source = t(lang, "tpl.source.custom" if custom else "tpl.source.default")
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    InlineKeyboardButton(
                        text=t(lang, "btn.tpl_replace"), callback_data=_press(TemplateOp.EDIT, chat.id, label)
                    ),
                    InlineKeyboardButton(
                        text=t(lang, "btn.tpl_reset"), callback_data=_press(TemplateOp.RESET, chat.id, label)
                    ),
                ],
                [InlineKeyboardButton(text=t(lang, "btn.back"), callback_data=_press(TemplateOp.MENU, chat.id))],
            ]
        )
        text = t(
            lang,
            "tpl.show",
            label=label_name(lang, label),
            chat=escape(chat.title),
            source=source,
            variants=listing,
            placeholders=escape(_placeholders()),
        )
        return Screen(text[:4000], keyboard)

    async def take_text(self, user_id: int, chat: Chat, lang: str, text: str, state: FSMContext) -> Screen:
        """New variants typed in private for the label the conversation is about."""
        try:
            label = Label(str((await state.get_data()).get("label")))
        except ValueError:
            await state.clear()
            return Screen(t(lang, "toast.not_found"))
        variants, errors = parse_variants(text)
        if errors:
            return Screen(t(lang, "tpl.errors", errors=escape("\n".join(errors))))
        issues = [issue for variant in variants for issue in lint_reply(variant)]
        if issues:
            await state.update_data(draft=variants)
            keep = InlineKeyboardButton(
                text=t(lang, "btn.tpl_keep"), callback_data=_press(TemplateOp.KEEP, chat.id, label)
            )
            return Screen(lint_warning(lang, issues), InlineKeyboardMarkup(inline_keyboard=[[keep]]))
        return await self._save(user_id, chat, lang, label, variants, state)

    async def _save(
        self, user_id: int, chat: Chat, lang: str, label: Label, variants: list[str], state: FSMContext
    ) -> Screen:
        await self._storage.templates.put(chat.id, label.value, lang, variants, user_id, now_int(self._clock))
        await state.clear()
        saved = count(lang, len(variants), "variant")
        return Screen(t(lang, "tpl.saved", count=saved, label=label_name(lang, label), chat=escape(chat.title)))


def _press(op: TemplateOp, chat_id: int, label: Label | None = None) -> str:
    return TemplatePress(op=op, chat_id=chat_id, label=label).pack()
