"""What each admin command answers, for one chat the caller has already checked rights for.

Handlers check rights and decide where the answer goes; this module builds the answer as a list
of ``Out`` items (text, photo or document) and never picks a chat by itself.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from typing import TYPE_CHECKING

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import (
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
)

from bot.classifier.chatgate import HOLDOUT
from bot.domain.clock import Clock, now_int
from bot.domain.languages import language
from bot.domain.learning import Source
from bot.domain.links import comment_url
from bot.domain.models import Chat, ChatSettings
from bot.domain.verdicts import Classifier, Label, MessageIn
from bot.i18n import label_name, pct, span, t
from bot.replies import playbook_parts, suggest_reply
from bot.services.export import cases_csv, examples_csv
from bot.services.report import (
    NEGATIVE_ORDER,
    PERIODS,
    StatsSummary,
    daily_series,
    day_start_epoch,
    local_day,
    period_start,
    summarize,
    zone,
)
from bot.telegram import chart, panel
from bot.telegram.admins import ADMIN_STATUSES, AdminDirectory
from bot.telegram.callbacks import Action, CaseAction, CasesPage, SettingsPress
from bot.telegram.reasons import reasons_html
from storage import Storage

if TYPE_CHECKING:  # numpy is imported only once the bot is assembled, after the start-up checks
    from bot.services.learning import LearningService

log = logging.getLogger(__name__)

LIST_LIMIT = 20
PENDING_LIMIT = 10
CAPTION_LIMIT = 1024
CHECK_LIMIT = 4096
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


@dataclass(frozen=True, slots=True)
class Out:
    """One message to send: text (with optional buttons), a photo or a document."""

    text: str | None = None
    keyboard: InlineKeyboardMarkup | None = None
    photo: bytes | None = None
    document: bytes | None = None
    filename: str | None = None


@dataclass(frozen=True, slots=True)
class PanelAnswer:
    """After a press on the settings panel: the toast, and the panel to show (None: unchanged)."""

    toast: str | None
    alert: bool = False
    text: str | None = None
    keyboard: InlineKeyboardMarkup | None = None


async def deliver(bot: Bot, chat_id: int, outs: list[Out]) -> None:
    """Send the answer in order; Telegram errors propagate to the caller (403 = not started)."""
    for out in outs:
        if out.photo is not None:
            await bot.send_photo(chat_id, BufferedInputFile(out.photo, out.filename or "stats.png"), caption=out.text)
        elif out.document is not None:
            await bot.send_document(
                chat_id,
                BufferedInputFile(out.document, out.filename or "export.csv"),
                caption=out.text,
            )
        elif out.text:
            await bot.send_message(chat_id, out.text, reply_markup=out.keyboard, link_preview_options=_NO_PREVIEW)


def _page_button(text: str, chat_id: int, page: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=CasesPage(chat_id=chat_id, page=page).pack())


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class AdminCommands:
    def __init__(
        self,
        *,
        bot: Bot,
        storage: Storage,
        classifier: Classifier,
        clock: Clock,
        default_delay: int,
        fallback_alert_chat: int | None,
        admins: AdminDirectory,
    ) -> None:
        self._bot = bot
        self._storage = storage
        self._admins = admins
        self._classifier = classifier
        self._clock = clock
        self._default_delay = default_delay
        self._fallback_alert_chat = fallback_alert_chat
        # The chat's own layer (None when the classifier has none): /stats, /missed, /export, /settings.
        self.learning: LearningService | None = None

    # /stats -----------------------------------------------------------------------------------

    async def stats(self, chat: Chat, period: str, lang: str) -> list[Out]:
        settings = await self._storage.chats.settings(chat.id)
        tz = zone(settings.timezone)
        now = now_int(self._clock)
        days = PERIODS[period]
        first = None
        if days is None:
            facts_all = await self._storage.stats.case_facts(chat.id)
            first = facts_all[0].created_at if facts_all else None
        start = period_start(period, now, tz, first)
        since = day_start_epoch(start, tz) if days is not None else None
        facts = await self._storage.stats.case_facts(chat.id, since)
        counts = await self._storage.stats.message_counts(chat.id, since // 86400 if since is not None else None)
        open_cases = await self._storage.stats.open_cases(chat.id)
        summary = summarize(facts, counts, open_cases, now=now, reminder_hours=settings.reminder_hours)
        series = daily_series(facts, start, local_day(now, tz), tz)
        period_text = self.period_text(period, start, local_day(now, tz), lang)
        text = render_summary(summary, chat, period_text, lang)
        learned = await self._learning_lines(chat, lang)
        if learned:
            text += "\n\n" + learned
        title = t(lang, "chart.title", chat=chat.title, period=period_text)
        try:
            png = await asyncio.to_thread(chart.render_chart, series, title, lang)
        except ImportError:
            return [Out(text=text + "\n\n" + t(lang, "stats.no_chart"))]
        if len(text) <= CAPTION_LIMIT:
            return [Out(text=text, photo=png, filename=f"stats-{period}.png")]
        return [Out(photo=png, filename=f"stats-{period}.png"), Out(text=text)]

    async def _learning_lines(self, chat: Chat, lang: str) -> str | None:
        """How the chat's alerts fared before and after its own layer began deciding."""
        if self.learning is None:
            return None
        facts = await self._storage.stats.case_facts(chat.id)
        alerts = [(f.created_at, Label(f.original_label), Label(f.label)) for f in facts]
        acc = await self.learning.accuracy(chat.id, alerts)
        if acc.examples == 0:
            return None
        lines = [t(lang, "learn.stats_title", examples=acc.examples)]
        if acc.active_since is None:
            lines.append(t(lang, "learn.stats_waiting", needed=self.learning.min_decisions))
        elif acc.gate is not None:
            gate = acc.gate
            key = "learn.stats_applied" if gate.open else "learn.stats_not_applied"
            right = pct(gate.layer_right / gate.differed) if gate.differed else pct(0)
            lines.append(t(lang, key, differed=gate.differed, right=right, holdout=HOLDOUT))
        for key, total, false, changed in (
            ("learn.stats_before", acc.before_alerts, acc.before_false, acc.before_relabelled),
            ("learn.stats_after", acc.after_alerts, acc.after_false, acc.after_relabelled),
        ):
            if total:
                lines.append(
                    t(
                        lang,
                        key,
                        alerts=total,
                        precision=pct((total - false) / total),
                        relabelled=pct(changed / total),
                    )
                )
        return "\n".join(lines)

    # /missed ----------------------------------------------------------------------------------

    async def missed(self, chat: Chat, text: str, kind: str | None, user_id: int, lang: str) -> list[Out]:
        """An admin marks a comment the bot did not alert on as negative, with its kind."""
        if self.learning is None:
            return [Out(text=t(lang, "learn.off"))]
        try:
            label = Label((kind or "").strip().lower())
        except ValueError:
            label = None
        if label is None or not label.negative or not text.strip():
            return [Out(text=t(lang, "learn.missed_usage"))]
        learned = await self.learning.record(
            chat_id=chat.id, case_id=None, text=text[:CHECK_LIMIT], label=label, actor_id=user_id, source=Source.MISSED
        )
        key = "learn.missed_done" if learned else "learn.missed_kept"
        return [Out(text=t(lang, key, chat=escape(chat.title), label=label_name(lang, label)))]

    @staticmethod
    def period_text(period: str, start: date, end: date, lang: str) -> str:
        dates = f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"
        return t(lang, f"period.{period}", dates=dates)

    # /cases -----------------------------------------------------------------------------------

    async def cases(self, chat: Chat, lang: str, page: int = 0) -> list[Out]:
        """The open cases, newest first, ``LIST_LIMIT`` a page, with «←»/«→» buttons to the others
        (``cases:<chat_id>:<page>``): every open case can be reached, also those gathered on a
        digest card. A page past the end shows the last one."""
        open_cases = await self._storage.stats.open_cases(chat.id)
        if not open_cases:
            return [Out(text=t(lang, "cases.none", chat=escape(chat.title)))]
        now = now_int(self._clock)
        pages = -(-len(open_cases) // LIST_LIMIT)
        page = min(max(page, 0), pages - 1)
        newest = open_cases[::-1]
        lines = [t(lang, "cases.title", chat=escape(chat.title), count=len(open_cases))]
        for case in newest[page * LIST_LIMIT : (page + 1) * LIST_LIMIT]:
            url = comment_url(chat, case)
            link = f'<a href="{escape(url)}">#{case.id}</a>' if url else f"#{case.id}"
            who = (
                t(lang, "cases.taken", name=escape(case.taken_by_name))
                if case.taken_by_name
                else t(lang, "cases.nobody")
            )
            lines.append(
                t(
                    lang,
                    "cases.item",
                    link=link,
                    label=label_name(lang, case.label),
                    author=escape(case.author.name),
                    age=span(max(0, now - case.created_at), lang),
                    status=t(lang, f"cases.status.{case.status.value}"),
                    who=who,
                    text=escape(_clip(" ".join(case.text.split()), 90)),
                )
            )
        if pages == 1:
            return [Out(text="\n\n".join(lines))]
        lines.append(t(lang, "cases.page", page=page + 1, pages=pages))
        row = []
        if page > 0:
            row.append(_page_button(t(lang, "cases.btn_newer"), chat.id, page - 1))
        if page < pages - 1:
            row.append(_page_button(t(lang, "cases.btn_older"), chat.id, page + 1))
        return [Out(text="\n\n".join(lines), keyboard=InlineKeyboardMarkup(inline_keyboard=[row]))]

    # /pending ---------------------------------------------------------------------------------

    async def pending(self, chat: Chat, lang: str) -> list[Out]:
        items = await self._storage.stats.pending_replies(chat.id)
        if not items:
            return [Out(text=t(lang, "pending.none", chat=escape(chat.title)))]
        settings = await self._storage.chats.settings(chat.id)
        tz = zone(settings.timezone)
        now = now_int(self._clock)
        outs = [Out(text=t(lang, "pending.title", chat=escape(chat.title), count=len(items)))]
        for item in items[:PENDING_LIMIT]:
            case, reply = item.case, item.reply
            url = comment_url(chat, case)
            link = f'<a href="{escape(url)}">#{case.id}</a>' if url else f"#{case.id}"
            at = datetime.fromtimestamp(reply.due_at, tz).strftime("%d.%m %H:%M")
            text = t(
                lang,
                "pending.item",
                link=link,
                author=escape(case.author.name),
                label=label_name(lang, case.label),
                when=span(max(0, reply.due_at - now), lang),
                at=at,
                tz=escape(settings.timezone),
                comment=escape(_clip(case.text, 300)),
                reply=escape(_clip(reply.text, 600)),
            )
            keyboard = InlineKeyboardMarkup(
                inline_keyboard=[
                    [
                        InlineKeyboardButton(
                            text=t(lang, "pending.cancel"),
                            callback_data=CaseAction.data(Action.CANCEL, case.id),
                        ),
                        InlineKeyboardButton(
                            text=t(lang, "pending.send"),
                            callback_data=CaseAction.data(Action.SEND, case.id),
                        ),
                    ]
                ]
            )
            outs.append(Out(text=text, keyboard=keyboard))
        if len(items) > PENDING_LIMIT:
            outs.append(Out(text=t(lang, "pending.more", count=len(items) - PENDING_LIMIT)))
        return outs

    # /check -----------------------------------------------------------------------------------

    def check(self, text: str, lang: str) -> list[Out]:
        text = text.strip()
        if not text:
            return [Out(text=t(lang, "check.usage"))]
        # chat_id=0: no per-chat context is read or written, so the chat's wave tracking stays clean.
        verdict = self._classifier.classify(MessageIn(text=text[:CHECK_LIMIT], chat_id=0))
        reply = suggest_reply(
            verdict.label, problem=verdict.problem, author_name=None, case_id=0, lang=lang, text=text[:CHECK_LIMIT]
        )
        lines = [
            t(lang, "check.title"),
            f"<blockquote>{escape(_clip(text, 600))}</blockquote>",
            t(
                lang,
                "check.label",
                label=label_name(lang, verdict.label),
                confidence=round(verdict.confidence * 100),
            )
            + (t(lang, "check.toxic") if verdict.toxic else ""),
            t(lang, "check.negative" if verdict.negative else "check.not_negative"),
        ]
        if verdict.reasons:
            lines.append(t(lang, "check.reasons", reasons=reasons_html(lang, verdict.reasons)))
        if verdict.negative:
            kind, advice = playbook_parts(verdict.label, lang)
            lines.append(t(lang, "check.playbook", kind=escape(kind), playbook=escape(advice)))
        if reply:
            lines.append(t(lang, "check.reply") + f"\n<blockquote>{escape(reply)}</blockquote>")
        else:
            lines.append(t(lang, "check.no_reply"))
        return [Out(text="\n".join(lines))]

    # /export ----------------------------------------------------------------------------------

    async def export(self, chat: Chat, lang: str) -> list[Out]:
        settings = await self._storage.chats.settings(chat.id)
        cases = await self._storage.stats.all_cases(chat.id)
        data = cases_csv(chat, cases, zone(settings.timezone))
        stamp = time.strftime("%Y%m%d", time.gmtime(now_int(self._clock)))
        outs = [
            Out(
                text=t(lang, "export.caption", chat=escape(chat.title), count=len(cases)),
                document=data,
                filename=f"otklik-cases-{abs(chat.id)}-{stamp}.csv",
            )
        ]
        examples = await self.learning.examples(chat.id) if self.learning is not None else []
        if examples:
            outs.append(
                Out(
                    text=t(lang, "learn.export_caption", count=len(examples)),
                    document=examples_csv(examples, zone(settings.timezone)),
                    filename=f"otklik-decisions-{abs(chat.id)}-{stamp}.csv",
                )
            )
        return outs

    # /settings --------------------------------------------------------------------------------

    async def alert_groups(self, user_id: int) -> list[Chat]:
        """Chats the user administers (stored list) that could receive another chat's alerts."""
        return [c for c in await self._storage.chats.chats_of_admin(user_id) if c.active]

    async def settings_view(
        self, chat: Chat, settings: ChatSettings, user_id: int, menu: str | None = None
    ) -> tuple[str, InlineKeyboardMarkup]:
        lang = settings.language if settings.language in ("ru", "en") else "ru"
        alert_chat = await self._storage.chats.get(settings.alert_chat_id) if settings.alert_chat_id else None
        text = panel.panel_text(
            chat,
            settings,
            lang,
            default_delay=self._default_delay,
            alert_chat=alert_chat,
            fallback_set=self._fallback_alert_chat is not None,
        )
        if menu is None:
            return text, panel.main_keyboard(chat.id, settings, lang)
        groups = await self.alert_groups(user_id) if menu == "alerts_to" else []
        return text, panel.menu_keyboard(chat.id, menu, settings, lang, groups)

    async def press_settings(self, chat: Chat, press: SettingsPress, user_id: int) -> PanelAnswer:
        """A press on ``chat``'s panel by ``user_id``, its admin now: stored at once. Choosing
        another group for alerts also needs admin rights there."""
        current = await self._storage.chats.settings(chat.id)
        lang = language(current.language)
        change = panel.apply_press(press, current)
        if change.error is not None:
            return PanelAnswer(t(lang, change.error), alert=True)
        if change.check_chat is not None:
            target = await self._storage.chats.get(change.check_chat)
            if target is None or not target.active or not await self._admins.is_admin_now(change.check_chat, user_id):
                return PanelAnswer(t(lang, "set.group_not_admin"), alert=True)
        if change.fields:
            current = await self._storage.chats.update_settings(chat.id, **change.fields)
            log.info("Chat %s settings changed by %s: %s", chat.id, user_id, change.fields)
            if change.fields.get("learning") and self.learning is not None:
                await self.learning.rebuild(chat.id)  # with the decisions kept while paused
        if change.forget and self.learning is not None:
            removed = await self.learning.forget(chat.id)
            log.info("Chat %s: %s forgot its learned layer (%s examples)", chat.id, user_id, removed)
            text, keyboard = await self.settings_view(chat, current, user_id)
            return PanelAnswer(t(lang, "set.forgotten"), text=text, keyboard=keyboard)
        text, keyboard = await self.settings_view(chat, current, user_id, change.menu)
        saved = t(language(current.language), "set.saved") if change.fields else None
        return PanelAnswer(saved, text=text, keyboard=keyboard)

    async def settings(self, chat: Chat, user_id: int) -> list[Out]:
        settings = await self._storage.chats.settings(chat.id)
        text, keyboard = await self.settings_view(chat, settings, user_id)
        return [Out(text=text, keyboard=keyboard)]

    # /chats -----------------------------------------------------------------------------------

    async def chat_status(self, chat: Chat, user_id: int, lang: str, can_read_all: bool) -> str:
        """One chat in /chats: do my alerts arrive, what the bot may do there, what to fix."""
        settings = await self._storage.chats.settings(chat.id)
        user = await self._storage.users.get(user_id)
        muted = await self._storage.stats.is_muted(chat.id, user_id)
        _, unreachable = await self._storage.users.alert_recipients(chat.id)
        problems: list[str] = []
        bot_admin = chat.bot_is_admin
        member_ok = chat.active
        try:
            me = await self._bot.get_chat_member(chat.id, (await self._bot.me()).id)
            bot_admin = me.status in ADMIN_STATUSES
            member_ok = me.status not in ("left", "kicked")
        except TelegramAPIError as error:
            log.info("Could not read the bot's rights in %s: %s", chat.id, error)
        if not member_ok:
            problems.append(t(lang, "chats.p.removed"))
        elif not bot_admin:
            problems.append(t(lang, "chats.p.not_admin" if not can_read_all else "chats.p.not_admin_ok"))
        if user is None or not user.reachable:
            problems.append(t(lang, "chats.p.blocked"))
        if settings.alerts_to == "group" and settings.alert_chat_id is None and self._fallback_alert_chat is None:
            problems.append(t(lang, "chats.p.no_group"))
        if unreachable:
            problems.append(t(lang, "chats.p.others", names=escape(", ".join(unreachable))))
        if muted:
            alerts = t(lang, "chats.muted")
        elif settings.alerts_to == "group":
            alerts = t(lang, "chats.to_group")
        elif user is not None and user.reachable:
            alerts = t(lang, "chats.alerts_on")
        else:
            alerts = t(lang, "chats.alerts_off")
        rights = t(lang, "chats.bot_admin" if bot_admin else "chats.bot_member")
        lines = [f"<b>{escape(chat.title)}</b>", alerts, rights]
        lines += [f"⚠️ {p}" for p in problems]
        return "\n".join(lines)


def render_summary(summary: StatsSummary, chat: Chat, period_text: str, lang: str) -> str:
    lines = [t(lang, "stats.title", chat=escape(chat.title), period=period_text)]
    lines.append(t(lang, "stats.cases", count=summary.cases_total))
    per_label = [
        f"{label_name(lang, label)} {summary.per_label.get(label, 0)}"
        for label in NEGATIVE_ORDER
        if summary.per_label.get(label, 0)
    ]
    if per_label:
        lines.append("  " + " · ".join(per_label))
    share = summary.negative_share
    lines.append(
        t(
            lang,
            "stats.share",
            share=pct(share) if share is not None else "—",
            negative=summary.negative_messages,
            total=summary.messages_total,
        )
    )
    lines.append(
        t(
            lang,
            "stats.times",
            first=span(summary.median_first_action, lang) if summary.median_first_action is not None else "—",
            closed=span(summary.median_resolution, lang) if summary.median_resolution is not None else "—",
        )
    )
    overdue = str(summary.overdue) if summary.overdue is not None else t(lang, "stats.reminders_off")
    lines.append(t(lang, "stats.open", open=summary.open_cases, overdue=overdue))
    if summary.precision:
        parts = [
            f"{label_name(lang, label)} {pct(p.share)} ({p.kept}/{p.total})" for label, p in summary.precision.items()
        ]
        lines.append(t(lang, "stats.precision", corrections=summary.corrections) + "\n  " + " · ".join(parts))
    return "\n".join(lines)
