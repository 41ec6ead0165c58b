"""Private alerts to a chat's admins, and keeping every copy of an alert up to date.

Every reachable admin is owed a copy of every alert. The copies sent are in ``alerts``, one per
(case, admin); a copy that could not be sent (not a 403, which marks the admin unreachable) is noted
in ``alert_misses`` and owed again a minute later. ``send_owed`` sends what is owed: at start-up
for the cases of an instance that died between two admins' copies, every minute while running, and
as soon as a chat's admin list loads after it could not be (see ``bot/cluster/instances.py``).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter, OrderedDict
from collections.abc import Awaitable, Callable, Collection
from datetime import datetime
from html import escape

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError
from aiogram.types import InlineKeyboardMarkup

from bot.domain.clock import Clock, now_int
from bot.domain.languages import language
from bot.domain.models import Case, ReplyKind, ReplyStatus
from bot.domain.timing import zone
from bot.domain.verdicts import Label
from bot.i18n import t
from bot.tasks import log_round_failure
from bot.telegram.cards import NO_PREVIEW, edit_card
from bot.telegram.digest import AlertDigest
from bot.telegram.json_session import only_message_id
from bot.telegram.pending import record_pending
from bot.telegram.render import AlertView, WaveSummary, render_keyboard, render_text
from storage import Storage
from storage.cache import TtlCache

log = logging.getLogger(__name__)

# How long a card waits for more changes before it is edited (see AlertNotifier.refresh_soon).
COALESCE_DELAY = 1.0
# The wait of a card edited that way less than GROWING_WINDOW seconds before: still growing.
GROWING_DELAY = 3.0
GROWING_WINDOW = 10.0
# Cards whose last coalesced edit is remembered (the least recent are forgotten first).
REMEMBERED_CARDS = 10_000
# A case this process opened is owed copies by send_owed once its first sending is over here, or,
# when that never happened (its update failed in between and was tried again), this long after.
OWN_GRACE = 300


async def troll_already_answered(storage: Storage, case: Case) -> bool:
    """A troll gets at most one reply per thread: has this author had one there already?"""
    return case.label is Label.TROLLING and await storage.replies.answered_author_in_thread(
        case.chat_id, case.author.id, case.thread_id, exclude_case=case.id
    )


class AlertNotifier:
    def __init__(self, bot: Bot, storage: Storage, clock: Clock, fallback_chat_id: int | None) -> None:
        self._bot = bot
        self._storage = storage
        self._clock = clock
        self._fallback = fallback_chat_id
        # Cards due for a coalesced update (see refresh_soon), and the tasks that will do it.
        self.coalesce_delay = COALESCE_DELAY
        self.growing_delay = GROWING_DELAY
        self._due: set[int] = set()
        self._pending: set[asyncio.Task[None]] = set()
        # Per chat: the local day and the admins who get no alerts, as last shown, and the case whose
        # card showed it. The line is on the first card after it changes and once a day, not on all.
        self._unreachable_shown: OrderedDict[int, tuple[str, tuple[tuple[str, str], ...], int]] = OrderedDict()
        # Cards given a coalesced edit in the last GROWING_WINDOW seconds (its ttl): still growing.
        self.edited_lately: TtlCache[int, bool] = TtlCache(GROWING_WINDOW, REMEMBERED_CARDS)
        # Cases whose new alert is going out, and those of them that changed meanwhile: the copies
        # sent after the change were rendered before it.
        self._sending: Counter[int] = Counter()  # a count: recovery may resend while one is going out
        self._changed_while_sending: set[int] = set()
        # Cases whose first sending is over in this process (the most recent ones), and one sweep
        # for owed copies at a time (start-up, the minute sweep and an admin list loading may meet).
        self._sent_here: OrderedDict[int, None] = OrderedDict()
        # Waves' leads whose card was brought out of the digest cards (or needed not be), lately.
        self._waves_out: OrderedDict[int, None] = OrderedDict()
        self._owed_lock = asyncio.Lock()
        # Alert storms: set by the assembly (bot/app.py); None sends every alert on its own.
        self.digest: AlertDigest | None = None
        # Copies sent whose record failed (the database refused it right after): (case, chat) ->
        # (message id, when), recorded before the next sweep looks for copies owed, so that the
        # copy is neither sent again nor left unedited.
        self._unrecorded: dict[tuple[int, int], tuple[int, int]] = {}

    async def view(
        self, case: Case, *, edited: bool = False, unreachable: list[tuple[str, str]] | None = None
    ) -> AlertView:
        chat = await self._storage.chats.get(case.chat_id)
        assert chat is not None
        settings = await self._storage.chats.settings(case.chat_id)
        latest = await self._storage.replies.latest_of_each_kind(case.id)
        reply, follow_up = latest.get(ReplyKind.REPLY), latest.get(ReplyKind.FOLLOW_UP)
        wave = None
        if case.wave_id:
            members = await self._storage.cases.wave_members(case.chat_id, case.wave_id)
            accounts = tuple(dict.fromkeys(name for name, _ in members))
            times = [at for _, at in members]
            wave = WaveSummary(len(members), accounts, min(times), max(times))
        troll_answered = (reply is None or reply.status is ReplyStatus.CANCELLED) and await troll_already_answered(
            self._storage, case
        )
        missing = tuple(
            unreachable if unreachable is not None else await self._storage.users.unreachable_admins(case.chat_id)
        )
        return AlertView(
            case=case,
            chat=chat,
            reply=reply,
            lang=language(settings.language),
            wave=wave,
            unreachable=missing,
            show_unreachable=self._show_unreachable(case, missing, settings.timezone),
            edited=edited,
            follow_up=follow_up,
            troll_answered=troll_answered,
            timezone=settings.timezone,
        )

    def _show_unreachable(self, case: Case, missing: tuple[tuple[str, str], ...], timezone: str) -> bool:
        """Whether the case's card says who gets no alerts: the first card after the list changes or
        a new day begins in the chat, and that card whenever it is redrawn; not every card."""
        if not missing:
            return False
        day = datetime.fromtimestamp(self._clock(), zone(timezone)).date().isoformat()
        names = tuple(sorted(missing))
        shown = self._unreachable_shown.get(case.chat_id)
        if shown is None or shown[:2] != (day, names):
            self._unreachable_shown[case.chat_id] = (day, names, case.id)
            self._unreachable_shown.move_to_end(case.chat_id)
            while len(self._unreachable_shown) > REMEMBERED_CARDS:
                self._unreachable_shown.popitem(last=False)
            return True
        return shown[2] == case.id

    async def send_new(self, case: Case) -> int:
        """Alert the chat's reachable admins, and the alert group where the chat's settings or
        unreachable admins call for it. Returns how many chats got the alert.

        A change to the case while the copies go out (a copy revealing a wave, say) edits the
        copies already out; the ones sent after it are brought up to date once all are out."""
        self._sending[case.id] += 1
        try:
            return await self._send_new(case)
        finally:
            self._sent(case.id)

    def _sent(self, case_id: int) -> None:
        self._sending[case_id] -= 1
        if not self._sending[case_id]:
            del self._sending[case_id]
        self._sent_here[case_id] = None
        self._sent_here.move_to_end(case_id)
        while len(self._sent_here) > REMEMBERED_CARDS:
            self._sent_here.popitem(last=False)
        if case_id not in self._sending and case_id in self._changed_while_sending:
            self._changed_while_sending.discard(case_id)
            self.refresh_soon(case_id)

    async def _send_new(self, case: Case) -> int:
        settings = await self._storage.chats.settings(case.chat_id)
        if case.label.value not in settings.alert_labels:
            return 0
        group = settings.alert_chat_id or self._fallback
        recipients, unreachable = await self._storage.users.reach(case.chat_id)
        missing = tuple(unreachable)
        delivered = 0
        lost = 0
        # Every copy reads the same: rendered once, not per admin, and only once a copy goes out on
        # its own (in an alert storm every admin may get it on the digest card instead).
        rendered: tuple[str, InlineKeyboardMarkup] | None = None

        async def render() -> tuple[str, InlineKeyboardMarkup]:
            nonlocal rendered
            if rendered is None:
                rendered = self._render(await self.view(case, unreachable=unreachable))
            return rendered

        if settings.alerts_to in ("admins", "both"):
            delivered = await self._deliver(case, [user.id for user in recipients], render)
            lost = len(recipients) - delivered
            if lost:
                # The ones who got it should see who did not. Read now, so it shows any change
                # made meanwhile too.
                view = await self.view(case)
                rendered = self._render(view)
                missing = view.unreachable
                await self.refresh(case, view=view)
                self._changed_while_sending.discard(case.id)
        wants_group = settings.alerts_to in ("group", "both") or delivered == 0 or bool(missing)
        if group is not None and wants_group:
            delivered += await self._deliver(case, [group], render)
        if delivered == 0:
            log.warning("Case %s in chat %s: no admin could be alerted", case.id, case.chat_id)
        return delivered

    async def bring_out_wave(self, lead_id: int) -> int:
        """A wave's card on its own for the admins whose copy of its lead waits on a digest card: its
        first copy read as everyday venting during an incident before the copies showed the wave, and
        an organised attack does not wait. An admin over the alert rate keeps it on the digest card (a
        storm's rule). Returns how many copies went out; asked once per lead in this process (the
        wave's other copies find it done)."""
        if lead_id in self._waves_out:
            return 0
        self._waves_out[lead_id] = None
        while len(self._waves_out) > REMEMBERED_CARDS:
            self._waves_out.popitem(last=False)
        waiting = await self._storage.cases.digest_copies(lead_id)
        case = await self._storage.cases.get(lead_id) if waiting else None
        if case is None:
            return 0
        taken = [
            chat_id
            for chat_id in waiting
            if not (self.digest is not None and await self.digest.over_rate(chat_id))
            and await self._storage.cases.unfold(lead_id, chat_id)
        ]
        if not taken:
            return 0
        self._sending[case.id] += 1
        try:
            rendered = self._render(await self.view(case))
            sent = 0
            for chat_id in taken:
                message_id = await self._send(case, chat_id, rendered)
                if message_id is not None:
                    self._unrecorded[(case.id, chat_id)] = (message_id, now_int(self._clock))
                    await self._record_copies()
                    sent += 1
        finally:
            self._sent(case.id)
        log.info("Wave led by case %s: its card went out on its own to %d of %d", lead_id, sent, len(taken))
        return sent

    async def resend_missing(self, since: int, live: Collection[str] = (), owner: str | None = None) -> int:
        """Alerts for cases opened just before their instance died (not in ``live``), which never
        went out. With ``owner``, each case is first adopted, so only one instance resends it."""
        count = 0
        async with self._owed_lock:
            await self._record_copies()
            for case, opened_by in await self._storage.cases.unalerted_since(since, live):
                if owner is not None and not await self._storage.cases.adopt(case.id, opened_by, owner):
                    continue
                if await self.send_new(case):
                    count += 1
        return count

    async def send_owed(
        self, since: int, live: Collection[str] = (), owner: str | None = None, *, chat_id: int | None = None
    ) -> int:
        """Send each reachable admin the copies they lack of the open cases opened since ``since``
        (in one chat, or all): after a crash between two admins' copies, a copy that failed, an
        admin list that could not be loaded when the case opened. Cases of another live instance
        are left to it; a gone instance's are adopted first (only one instance sends them); this
        instance's own once their first sending is over. Returns how many copies went out."""
        now = now_int(self._clock)
        sent = 0
        async with self._owed_lock:
            await self._record_copies()
            for case, opened_by, admin_ids in await self._storage.cases.missing_copies(since, now, chat_id):
                if opened_by == owner:
                    under_way = case.id not in self._sent_here and case.created_at > now - OWN_GRACE
                    if case.id in self._sending or under_way:
                        continue  # its first sending is under way, here
                elif opened_by in live:
                    continue  # another instance's, at work
                elif owner is not None and not await self._storage.cases.adopt(case.id, opened_by, owner):
                    continue  # another instance adopted it first
                settings = await self._storage.chats.settings(case.chat_id)
                if case.label.value not in settings.alert_labels or settings.alerts_to == "group":
                    continue
                sent += await self._send_copies(case, admin_ids)
        return sent

    async def _send_copies(self, case: Case, admin_ids: list[int]) -> int:
        self._sending[case.id] += 1
        rendered: tuple[str, InlineKeyboardMarkup] | None = None

        async def render() -> tuple[str, InlineKeyboardMarkup]:
            nonlocal rendered
            if rendered is None:
                rendered = self._render(await self.view(case))
            return rendered

        try:
            delivered = await self._deliver(case, admin_ids, render)
        finally:
            self._sent(case.id)
        if delivered:
            log.info("Case %s: sent %d of %d copies its admins lacked", case.id, delivered, len(admin_ids))
        return delivered

    async def note_dead(self, chat_id: int, count: int) -> int:
        """Tell a chat's admins (the alert group when none can be reached) that ``count`` of its
        comments could not be handled; returns how many chats were told."""
        chat = await self._storage.chats.get(chat_id)
        settings = await self._storage.chats.settings(chat_id)
        title = chat.title if chat is not None else str(chat_id)
        text = t(language(settings.language), "inbox.dead", chat=escape(title), count=count)
        recipients, _ = await self._storage.users.reach(chat_id)
        targets = [user.id for user in recipients]
        group = settings.alert_chat_id or self._fallback
        if not targets and group is not None:
            targets = [group]
        told = 0
        for target in targets:
            try:
                await self._bot.send_message(target, text, link_preview_options=NO_PREVIEW)
                told += 1
            except TelegramForbiddenError as error:
                await self._storage.users.mark_unreachable(target, error.message, now_int(self._clock))
            except TelegramAPIError as error:
                log.warning("Could not tell %s about comments of chat %s not handled: %s", target, chat_id, error)
        if not told:
            log.warning("Nobody could be told that %d comments of chat %s were not handled", count, chat_id)
        return told

    def _render(self, view: AlertView) -> tuple[str, InlineKeyboardMarkup]:
        return render_text(view, self._clock()), render_keyboard(view)

    async def _deliver(
        self, case: Case, chat_ids: list[int], render: Callable[[], Awaitable[tuple[str, InlineKeyboardMarkup]]]
    ) -> int:
        """Send the alert (drawn by ``render`` when a copy first goes out on its own) to each chat in
        turn, noting each copy as soon as it is out. Returns how many went out.

        Noted at once, not all together after the last: a copy that reveals a wave while this
        alert is going out must find this case alerted, to grow its card rather than send a second
        alert (noting them together let about 3 % more alerts through in the benchmark's mix)."""
        delivered = 0
        digest = self.digest
        # During an incident in the chat, what can wait goes on the digest card too (see
        # bot/services/incident_focus.py): asked once per alert, and only for an admin under the rate.
        waits: bool | None = None
        for chat_id in chat_ids:
            if digest is not None:
                over = await digest.over_rate(chat_id)
                if not over and waits is None:
                    waits = await digest.waits_for_incident(case)
                if (over or waits) and await digest.gather(case, chat_id):
                    # On the chat's digest card instead (bot/telegram/digest.py).
                    delivered += 1
                    continue
            message_id = await self._send(case, chat_id, await render())
            if message_id is not None:
                self._unrecorded[(case.id, chat_id)] = (message_id, now_int(self._clock))
                await self._record_copies()
                delivered += 1
        return delivered

    async def _record_copies(self) -> None:
        """Record the copies sent and not recorded yet; one that fails again stays for the next time."""
        await record_pending(self._unrecorded, lambda key, copy: self._storage.cases.add_alert(*key, *copy))

    async def _send(self, case: Case, chat_id: int, rendered: tuple[str, InlineKeyboardMarkup]) -> int | None:
        """The alert's message id in that chat; None when it could not be sent there."""
        text, keyboard = rendered
        try:
            with only_message_id():
                message = await self._bot.send_message(
                    chat_id, text, reply_markup=keyboard, link_preview_options=NO_PREVIEW
                )
        except TelegramForbiddenError as error:
            log.info("Admin %s cannot be messaged: %s", chat_id, error.message)
            await self._storage.users.mark_unreachable(chat_id, error.message, now_int(self._clock))
            return None
        except TelegramAPIError as error:
            retry_at = await self._storage.cases.note_miss(case.id, chat_id, str(error), now_int(self._clock))
            log.warning(
                "Alert for case %s to %s failed, tried again in %d s: %s",
                case.id,
                chat_id,
                retry_at - now_int(self._clock),
                error,
            )
            return None
        return message.message_id

    def refresh_soon(self, case_id: int) -> None:
        """Update a case's card shortly; requests that come meanwhile are served by that one update.

        A wave's card changes with every new copy: twenty copies in a few seconds make one or two
        edits of each admin's card instead of twenty (which would also eat into Telegram's limits).
        A card still growing after such an edit waits longer for the next (``growing_delay``): a
        long attack keeps its cards current every few seconds, and each admin's private chat, where
        Telegram allows one message a second, keeps room for the new alerts.
        """
        if case_id in self._due:
            return
        self._due.add(case_id)
        growing, _ = self.edited_lately.get(case_id)
        delay = self.growing_delay if growing else self.coalesce_delay
        task = asyncio.create_task(self._refresh_after(case_id, delay), name=f"refresh-card-{case_id}")
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def settle(self) -> None:
        """Wait for the coalesced updates already asked for (before a stop, and in tests)."""
        while self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)

    async def _refresh_after(self, case_id: int, delay: float) -> None:
        await asyncio.sleep(delay)
        self._due.discard(case_id)
        self.edited_lately.put(case_id, True)
        try:
            case = await self._storage.cases.get(case_id)
            if case is not None:
                await self.refresh(case)
        except Exception as error:  # noqa: BLE001 - logged by log_round_failure
            log_round_failure(log, f"Could not update the card of case {case_id}", error)

    async def refresh(self, case: Case, *, view: AlertView | None = None, edited: bool = False) -> None:
        """Edit every copy of the case's alert to show its current state."""
        if case.id in self._sending:
            self._changed_while_sending.add(case.id)
        alerts = await self._storage.cases.alerts(case.id)
        if not alerts:
            return  # no copy of its own anywhere (none out yet, or all on digest cards): nothing to draw
        view = view or await self.view(case, edited=edited)
        text = render_text(view, self._clock())
        keyboard = render_keyboard(view)
        for alert in alerts:
            try:
                await edit_card(self._bot, alert.chat_id, alert.message_id, text, keyboard)
            except TelegramAPIError as error:
                log.warning("Could not update alert %s/%s: %s", alert.chat_id, alert.message_id, error)
