"""Editing a chat's reply variants from Telegram: show, replace (validated), back to defaults."""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.clock import Clock, now_int
from bot.domain.languages import language
from bot.domain.verdicts import NEGATIVE_LABELS, Label
from bot.i18n import count, label_name, lint_warning, t
from bot.replies import lint_reply
from bot.replies.custom import PLACEHOLDERS, parse_variants
from bot.replies.playbooks import PLAYBOOKS
from bot.telegram.admins import AdminDirectory
from storage import Storage

PREFIX = "tpl"
INPUT_KIND = "templates"
_ORDER = (Label.CONSTRUCTIVE, Label.IMPULSIVE, Label.TROLLING, Label.DIRECTED)
assert set(_ORDER) == NEGATIVE_LABELS


@dataclass(frozen=True, slots=True)
class TemplatePress:
    """``tpl:<action>:<chat_id>[:<label>]``: menu, show, edit, reset, keep."""

    action: str
    chat_id: int
    label: Label | None = None

    def pack(self) -> str:
        data = f"{PREFIX}:{self.action}:{self.chat_id}"
        return data + (f":{self.label.value}" if self.label else "")

    @classmethod
    def parse(cls, data: str | None) -> TemplatePress | None:
        parts = (data or "").split(":")
        if len(parts) not in (3, 4) or parts[0] != PREFIX or parts[1] not in ("menu", "show", "edit", "reset", "keep"):
            return None
        try:
            chat_id = int(parts[2])
            label = Label(parts[3]) if len(parts) == 4 else None
        except ValueError:
            return None
        if label is not None and not label.negative:
            return None
        return cls(parts[1], chat_id, label)


@dataclass(frozen=True, slots=True)
class Screen:
    text: str
    keyboard: InlineKeyboardMarkup | None = None


def _placeholders() -> str:
    return ", ".join("{" + name + "}" for name in PLACEHOLDERS)


class TemplateEditor:
    def __init__(self, storage: Storage, admins: AdminDirectory, clock: Clock) -> None:
        self._storage = storage
        self._admins = admins
        self._clock = clock

    async def _chat(self, chat_id: int, user_id: int) -> tuple[str, str] | None:
        """(title, chat language) when the user is an admin of the chat right now."""
        chat = await self._storage.chats.get(chat_id)
        if chat is None or not await self._admins.is_admin_now(chat_id, user_id):
            return None
        return chat.title, language((await self._storage.chats.settings(chat_id)).language)

    async def menu(self, chat_id: int, user_id: int) -> Screen | None:
        found = await self._chat(chat_id, user_id)
        if found is None:
            return None
        title, lang = found
        rows = [
            [
                InlineKeyboardButton(
                    text=label_name(lang, label), callback_data=TemplatePress("show", chat_id, label).pack()
                )
            ]
            for label in _ORDER
        ]
        return Screen(t(lang, "tpl.pick_label", chat=escape(title)), InlineKeyboardMarkup(inline_keyboard=rows))

    async def press(self, press: TemplatePress, user_id: int) -> Screen | None:
        """None when the presser is not an admin of that chat now."""
        if press.action == "menu" or press.label is None:
            return await self.menu(press.chat_id, user_id)
        found = await self._chat(press.chat_id, user_id)
        if found is None:
            return None
        title, lang = found
        label = press.label
        now = now_int(self._clock)
        if press.action == "edit":
            await self._storage.templates.expect_input(user_id, INPUT_KIND, press.chat_id, label.value, now)
            return Screen(t(lang, "tpl.ask", label=label_name(lang, label), placeholders=escape(_placeholders())))
        if press.action == "reset":
            await self._storage.templates.reset(press.chat_id, label.value, lang)
            return Screen(t(lang, "tpl.reset", label=label_name(lang, label)))
        if press.action == "keep":
            pending = await self._storage.templates.pending_input(user_id)
            if pending is None or pending[1] != press.chat_id or not pending[2]:
                return Screen(t(lang, "toast.not_found"))
            draft = json.loads(pending[2])
            return await self._save(user_id, press.chat_id, title, lang, label, [str(v) for v in draft["variants"]])
        return await self._show(press.chat_id, title, lang, label)

    async def _show(self, chat_id: int, title: str, lang: str, label: Label) -> Screen:
        custom = await self._storage.templates.get(chat_id, label.value, lang)
        variants = custom or [v.with_problem for v in PLAYBOOKS[label].variants(lang)]
        listing = "\n\n".join(f"{n}. {escape(v)}" for n, v in enumerate(variants, start=1))
        source = t(lang, "tpl.source.custom" if custom else "tpl.source.default")
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    InlineKeyboardButton(
                        text=t(lang, "btn.tpl_replace"), callback_data=TemplatePress("edit", chat_id, label).pack()
                    ),
                    InlineKeyboardButton(
                        text=t(lang, "btn.tpl_reset"), callback_data=TemplatePress("reset", chat_id, label).pack()
                    ),
                ],
                [InlineKeyboardButton(text=t(lang, "btn.back"), callback_data=TemplatePress("menu", chat_id).pack())],
            ]
        )
        text = t(
            lang,
            "tpl.show",
            label=label_name(lang, label),
            chat=escape(title),
            source=source,
            variants=listing,
            placeholders=escape(_placeholders()),
        )
        return Screen(text[:4000], keyboard)

    async def take_text(self, user_id: int, text: str) -> Screen | None:
        """New variants typed in private; None when none were asked for."""
        pending = await self._storage.templates.pending_input(user_id)
        if pending is None or pending[0] != INPUT_KIND:
            return None
        chat_id, arg = pending[1], pending[2] or ""
        label_value = json.loads(arg)["label"] if arg.startswith("{") else arg
        found = await self._chat(chat_id, user_id)
        if found is None:
            await self._storage.templates.clear_input(user_id)
            return Screen(t("ru", "toast.not_admin"))
        title, lang = found
        label = Label(label_value)
        variants, errors = parse_variants(text)
        if errors:
            return Screen(t(lang, "tpl.errors", errors=escape("\n".join(errors))))
        issues = [issue for variant in variants for issue in lint_reply(variant)]
        if issues:
            draft = json.dumps({"label": label.value, "variants": variants}, ensure_ascii=False)
            await self._storage.templates.expect_input(user_id, INPUT_KIND, chat_id, draft, now_int(self._clock))
            keep = InlineKeyboardButton(
                text=t(lang, "btn.tpl_keep"), callback_data=TemplatePress("keep", chat_id, label).pack()
            )
            return Screen(lint_warning(lang, issues), InlineKeyboardMarkup(inline_keyboard=[[keep]]))
        return await self._save(user_id, chat_id, title, lang, label, variants)

    async def _save(
        self, user_id: int, chat_id: int, title: str, lang: str, label: Label, variants: list[str]
    ) -> Screen:
        await self._storage.templates.put(chat_id, label.value, lang, variants, user_id, now_int(self._clock))
        await self._storage.templates.clear_input(user_id)
        saved = count(lang, len(variants), "variant")
        return Screen(t(lang, "tpl.saved", count=saved, label=label_name(lang, label), chat=escape(title)))
