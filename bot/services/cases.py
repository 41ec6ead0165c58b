"""Comments in, cases out: classify, open or update the case, schedule, alert."""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.domain.clock import Clock, now_int
from bot.domain.comments import Comment
from bot.domain.incidents import Incident, IncidentStatus
from bot.domain.languages import language
from bot.domain.models import Author, Case, CaseStatus, ChatSettings, NewCase, ReplyStatus
from bot.domain.notes import Note
from bot.domain.ports import Alerts, ChatDirectory, ContextGate, Drafter, IncidentCards, ReplyScheduler, Store
from bot.domain.timing import after_quiet_hours, cooled_down
from bot.domain.verdicts import Classifier, Label, MessageIn, Verdict
from bot.replies import read_comment, suggest_reply, unfilled
from bot.replies.business import ChatKinds
from bot.replies.custom import render_custom
from bot.replies.variety import LastDrafts, unlike
from bot.services.calm import sounds_calm
from bot.services.incidents import IncidentDetector, Observed

if TYPE_CHECKING:  # numpy is imported only once the bot is assembled, after the start-up checks
    from bot.services.learning import LearningService

# Waves whose known members CaseService keeps (see _wave_known).
WAVES_KNOWN = 1000
# A chat's context rebuilt from its cases (see _recall_context): this far back, at most this many
# (the classifier keeps 30 minutes and 300 messages of a chat).
RECALL_SPAN = 1800
RECALLED = 300

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Outcome:
    verdict: Verdict
    case: Case | None
    alerted: int


def first_name(author: Author) -> str | None:
    if author.is_chat:
        return None
    return author.name.split()[0] if author.name.split() else None


def name_for_reply(author: Author) -> str | None:
    """The author's name as Telegram shows it, for the reply to choose how to address them (a first
    name with a patronymic is kept whole); ``None`` for a channel."""
    return None if author.is_chat or not author.name.strip() else author.name


class CaseService:
    def __init__(
        self,
        *,
        storage: Store,
        classifier: Classifier,
        admins: ChatDirectory,
        notifier: Alerts,
        sender: ReplyScheduler,
        default_delay: int,
        clock: Clock,
        context: ContextGate,
        learning: LearningService | None = None,
        incidents: IncidentDetector | None = None,
        incident_cards: IncidentCards | None = None,
    ) -> None:
        self._context = context
        # The chat's own layer is put in force before each of its messages (bot/services/learning.py).
        self.learning = learning
        self._incidents = incidents
        self._incident_cards = incident_cards
        self._storage = storage
        # The chat's kind of business (a café, a bank...), learnt from its title and comments: drafts read
        # each comment as that business's.
        self._kinds = ChatKinds()
        # The last draft suggested per chat: the next one opens differently (two insulters in a row).
        self._last = LastDrafts()
        self._classifier = classifier
        self._admins = admins
        self._notifier = notifier
        self._sender = sender
        self._default_delay = default_delay
        self._clock = clock
        # Per (chat, wave), the members known to be in the wave's cases already or to have none: every
        # copy names all the wave's members, and asking the database about each of them again at
        # every copy grew with the wave. The least recently grown waves are forgotten first.
        self._wave_known: OrderedDict[tuple[int, str], set[int]] = OrderedDict()

    async def register_chat(self, chat_id: int, title: str, type_: str, username: str | None, is_forum: bool) -> None:
        linked = await self._admins.linked_chat_id(chat_id)
        await self._storage.chats.upsert(
            chat_id=chat_id,
            title=title,
            type_=type_,
            username=username,
            is_forum=is_forum,
            linked_chat_id=linked,
            now=now_int(self._clock),
        )
        await self._admins.reload_admins(chat_id)

    async def draft_reply(
        self, chat_id: int, label: Label, problem: str | None, author: Author, text: str | None = None
    ) -> str | None:
        """The suggested reply to the comment ``text``: the chat's own variants when it has them, else
        one composed from what the comment says.

        The chat's running count per label picks the variant, so the chat does not see the same
        sentence twice in a row.
        """
        draft = await self.drafter(chat_id, label, problem, author, text)
        return draft(await self._storage.cases.next_variant(chat_id, label))

    async def drafter(
        self, chat_id: int, label: Label, problem: str | None, author: Author, text: str | None = None
    ) -> Drafter:
        """draft_reply() up to the variant number: a case being opened takes its number in the
        transaction that opens it, not in a write of its own."""
        lang = language((await self._storage.chats.settings(chat_id)).language)
        custom = await self._storage.templates.get(chat_id, label.value, lang) if label.negative else None
        name = name_for_reply(author)
        kind = self._kinds.kind(chat_id)
        reading = read_comment(text, problem=problem, kind=kind) if text else None

        def make(seq: int) -> str | None:
            found = (
                render_custom(custom, problem=problem, author_name=name, seq=seq, reading=reading) if custom else None
            )
            return found or suggest_reply(
                label, problem=problem, author_name=name, case_id=seq, lang=lang, text=text, reading=reading, kind=kind
            )

        def draft(seq: int) -> str | None:
            text = unlike(make, seq, self._last.get(chat_id)) if label.negative else make(seq)
            self._last.put(chat_id, text)
            return text

        return draft

    async def note_join(self, chat_id: int, user_ids: list[int], date: int) -> None:
        """Members who just joined: a newcomer who posts negative at once is a campaign sign."""
        async with self._context.chat(chat_id):
            for user_id in user_ids:
                self._classifier.note_join(chat_id, user_id, date)

    async def delay_for(self, chat_id: int) -> int:
        settings = await self._storage.chats.settings(chat_id)
        return settings.reply_delay if settings.reply_delay is not None else self._default_delay

    async def handle(self, comment: Comment) -> Outcome | None:
        """None when the author is an admin of the chat (their messages are never cases)."""
        chat = await self._storage.chats.get(comment.chat_id)
        if chat is None or not chat.active:
            await self.register_chat(
                comment.chat_id,
                comment.chat_title,
                comment.chat_type,
                comment.chat_username,
                comment.is_forum,
            )
        if not comment.author.is_chat and comment.author.id in await self._admins.admin_ids(comment.chat_id):
            await self._admin_message(comment)
            return None
        # Classifying and opening the case happen in the chat's order, on every instance: a copy that
        # reveals a wave must find the cases of the earlier copies already open, to tag them.
        async with self._context.chat(comment.chat_id):
            if self.learning is not None:
                await self.learning.prepare(comment.chat_id)
            if not self._classifier.knows(comment.chat_id):
                await self._recall_context(comment)
            verdict = self._classifier.classify(comment.for_classifier())
            self._kinds.note(comment.chat_id, comment.text, comment.chat_title)
            log.debug(
                "Chat %s message %s: %s, wave %s", comment.chat_id, comment.message_id, verdict.label, verdict.wave_id
            )
            now = now_int(self._clock)
            if not comment.edited:
                await self._storage.cases.count_message(comment.chat_id, verdict.label, now)
            existing = (
                await self._storage.cases.by_message(comment.chat_id, comment.message_id) if comment.edited else None
            )
            opened = None
            surge: Observed | None = None
            if existing is None and verdict.negative:
                opened = await self._open(comment, verdict, now)
                if opened[1] and self._incidents is not None:
                    lang = language((await self._storage.chats.settings(comment.chat_id)).language)
                    surge = await self._incidents.observe(opened[0], lang)
        if not comment.edited:
            await self._follow_author_mood(comment, verdict)
        if existing is None and opened is None:
            return Outcome(verdict, None, 0)
        settings = await self._storage.chats.settings(comment.chat_id)
        lang = language(settings.language)
        if existing is not None:
            reply_text = await self.draft_reply(
                comment.chat_id, verdict.label, verdict.problem, comment.author, comment.text
            )
            return await self._edited(existing, self._new_case(comment, verdict, reply_text), verdict, lang)
        assert opened is not None
        case, created = opened
        if not created:
            # The same comment again: an update tried again after its first try died between
            # opening the case and what follows must not leave any of it out.
            await self._resume(case, settings, now)
            return Outcome(verdict, case, 0)
        if surge is not None:
            return await self._in_incident(case, surge, verdict)
        if self._schedules(case, settings):
            case = await self._auto_schedule(case, settings, now, now)
        own = not case.wave_id and await self._storage.cases.claim_own_alert(case.id)
        if not case.wave_id and not own:
            # A later copy (here or on another instance) tagged it into a wave since it was opened:
            # the wave's one alert is the lead's, not one of its own.
            case = await self._reload(case)
        members = 0
        if case.wave_id:
            lead_id = await self._storage.cases.claim_wave_lead(case.chat_id, case.wave_id, case.id)
            if lead_id != case.id:
                # One alert per wave: the lead's card grows instead of a new alert (copies that come
                # together grow it in one edit). A lead that waited on a digest card gets its own now.
                await self._notifier.bring_out_wave(lead_id)
                self._notifier.refresh_soon(lead_id)
                return Outcome(verdict, case, 0)
            members = await self._storage.cases.wave_size(case.chat_id, case.wave_id)
        alerted = await self._notifier.send_new(case)
        if own:
            # Tagged into a wave while its card went out, it leads the wave: the copies that found
            # no card to grow yet are shown now, and a wave whose lead's own label was not alerted
            # gets its card now.
            case = await self._reload(case)
            if case.wave_id and not alerted:
                alerted = await self._notifier.send_new(case)
        if case.wave_id and await self._storage.cases.wave_size(case.chat_id, case.wave_id) != members:
            # Copies that came (to this or another instance) while the card was being sent found no
            # card to grow yet: show them now.
            await self._notifier.refresh(case)
        return Outcome(verdict, case, alerted)

    async def _recall_context(self, comment: Comment) -> None:
        """The chat's recent history, lost with the process (a restart, a ``kill -9``), rebuilt from
        its cases (its own too, when it is an update tried again): the comment that revealed a wave,
        handled again at the next start, must find the earlier copies (negative, so cases) to see the
        wave again, under the id its case has."""
        earlier = await self._storage.cases.recent_in_chat(
            comment.chat_id, comment.date - RECALL_SPAN, comment.message_id, RECALLED
        )
        if earlier:
            self._classifier.recall(
                [
                    (MessageIn(case.text, case.chat_id, case.author.id, case.created_at, case.message_id), case.wave_id)
                    for case in earlier
                ]
            )
            log.debug("Chat %s: context recalled from %d cases", comment.chat_id, len(earlier))

    @staticmethod
    def _schedules(case: Case, settings: ChatSettings) -> bool:
        text = case.reply_text
        return case.label is Label.IMPULSIVE and settings.auto_schedule and bool(text) and not unfilled(text or "")

    async def _auto_schedule(self, case: Case, settings: ChatSettings, start: int, now: int) -> Case:
        """The delayed reply to an impulsive comment, due the chat's delay after ``start``."""
        assert case.reply_text is not None
        due = after_quiet_hours(start + await self.delay_for(case.chat_id), settings)
        await self._sender.schedule(case, case.reply_text, max(0, due - now), None)
        await self._storage.cases.set_note(case.id, Note.of("note.auto_scheduled"))
        return await self._reload(case)

    async def _resume(self, case: Case, settings: ChatSettings, now: int) -> None:
        """What a first try that died after opening the case owed (its wave's earlier copies are
        seen to in ``_open``): the incident it is in shown and its members' replies held, or its
        own delayed reply."""
        incident = await self._storage.incidents.of_case(case.id)
        if incident is not None:
            if incident.status is IncidentStatus.OPEN:
                await self._resume_incident(incident)
            return
        if case.wave_id:
            # A copy that joined a wave whose card is out: that card shows it, not one of its own.
            lead_id = await self._storage.cases.claim_wave_lead(case.chat_id, case.wave_id, case.id)
            if lead_id != case.id:
                self._notifier.refresh_soon(lead_id)
            return
        await self._schedule_owed(case, settings, now)

    async def _resume_incident(self, incident: Incident) -> None:
        """An incident whose cards never went out (the try that opened it or joined it died first) gets
        them; until its statement is out, its members' replies wait for it, as when it opened."""
        assert self._incident_cards is not None
        if not await self._storage.incidents.cards(incident.id):
            await self._incident_cards.send_new(incident)
            log.info("Incident %s: its cards, lost with an earlier try, are sent", incident.id)
        if incident.published:
            return
        now = now_int(self._clock)
        for member in await self._storage.incidents.members(incident.id):
            if await self._cancel_automatic(member.id, now):
                await self._storage.cases.set_note(member.id, Note.of("note.in_incident", title=incident.title))
                self._notifier.refresh_soon(member.id)

    async def _cancel_automatic(self, case_id: int, now: int) -> bool:
        """Cancel the case's delayed reply if the bot scheduled it by itself; one an admin scheduled
        since stays (a try again must not undo what an admin did meanwhile)."""
        live = await self._storage.replies.latest_for_case(case_id)
        if live is None or live.status is not ReplyStatus.PENDING or live.created_by is not None:
            return False
        return await self._storage.replies.cancel_pending(case_id, now) is not None

    async def _schedule_owed(self, case: Case, settings: ChatSettings, now: int) -> None:
        """Schedule the reply a first try should have, unless anything happened to the case since:
        an admin acted, or a reply (even a cancelled one) exists."""
        if case.status is not CaseStatus.NEW or not self._schedules(case, settings):
            return
        if await self._storage.replies.latest_for_case(case.id) is not None:
            return
        await self._auto_schedule(case, settings, case.created_at, now)
        log.info("Case %s: its delayed reply, lost with an earlier try, is scheduled", case.id)

    async def _in_incident(self, case: Case, surge: Observed, verdict: Verdict) -> Outcome:
        """A comment in an incident gets no alert of its own: the incident's card shows it. Its
        reply (an impulsive one's included) waits for the statement, and will point to it."""
        assert self._incident_cards is not None
        now = now_int(self._clock)
        await self._storage.cases.set_note(case.id, Note.of("note.in_incident", title=surge.incident.title))
        if surge.opened:
            # The earlier members' replies wait for the statement too, and their alerts, already
            # out, say which incident they are part of now.
            await self._incident_cards.send_new(surge.incident)
            for member in await self._storage.incidents.members(surge.incident.id):
                if member.id == case.id:
                    continue
                await self._storage.replies.cancel_pending(member.id, now)
                await self._storage.cases.set_note(member.id, Note.of("note.in_incident", title=surge.incident.title))
                self._notifier.refresh_soon(member.id)
        else:
            self._incident_cards.refresh_soon(surge.incident.id)
        return Outcome(verdict, await self._reload(case), 0)

    @staticmethod
    def _new_case(comment: Comment, verdict: Verdict, reply_text: str | None) -> NewCase:
        return NewCase(
            chat_id=comment.chat_id,
            message_id=comment.message_id,
            thread_id=comment.thread_id,
            is_topic=comment.is_topic,
            author=comment.author,
            text=comment.text,
            label=verdict.label,
            toxic=verdict.toxic,
            confidence=verdict.confidence,
            reasons=verdict.reasons,
            problem=verdict.problem,
            wave_id=verdict.wave_id,
            reply_text=reply_text,
        )

    async def _open(self, comment: Comment, verdict: Verdict, now: int) -> tuple[Case, bool]:
        """Open the comment's case; when it reveals a wave, tag the earlier copies' cases too."""
        draft = await self.drafter(comment.chat_id, verdict.label, verdict.problem, comment.author, comment.text)
        case, created = await self._storage.cases.open(self._new_case(comment, verdict, None), now, draft=draft)
        reply_text = case.reply_text
        wave_ids = verdict.extra.get("wave_message_ids")
        if not created and verdict.wave_id and case.wave_id and isinstance(wave_ids, tuple | list):
            # Tried again: the first try may have died before the earlier copies joined the wave, or
            # before their replies were cancelled. The wave is the one the case was opened in: a
            # context rebuilt from the cases since (a restart) names it after the first copy's case,
            # not after its message.
            await self._rejoin_wave(case, case.wave_id, [int(i) for i in wave_ids], now)
        elif created and verdict.wave_id and isinstance(wave_ids, tuple | list):
            # The wave's first message looked ordinary when it came; now it is known to belong.
            known = self._wave_known.pop((case.chat_id, verdict.wave_id), set())
            self._wave_known[(case.chat_id, verdict.wave_id)] = known
            while len(self._wave_known) > WAVES_KNOWN:
                self._wave_known.popitem(last=False)
            known.add(case.message_id)  # opened in the wave just now
            unseen = [i for i in dict.fromkeys(int(i) for i in wave_ids) if i not in known]
            if unseen:
                before = {}
                for message_id in unseen:
                    found = await self._storage.cases.by_message(case.chat_id, message_id)
                    if found is not None and found.wave_id is None:
                        before[found.id] = found.reply_text
                joined = await self._storage.cases.tag_wave(case.chat_id, unseen, verdict.wave_id, reply_text, now)
                known.update(unseen)
                for case_id in joined:
                    # A wave gets one statement, not per-message replies; a card already out says why
                    # its suggested reply changed.
                    await self._storage.replies.cancel_pending(case_id, now)
                    if before.get(case_id) != reply_text:
                        await self._storage.cases.set_note(case_id, Note.of("note.wave_joined"))
        return case, created

    async def _rejoin_wave(self, case: Case, wave_id: str, message_ids: list[int], now: int) -> None:
        """The wave's earlier copies in it and without a reply waiting, once more (both idempotent)."""
        others = [i for i in dict.fromkeys(message_ids) if i != case.message_id]
        joined = await self._storage.cases.tag_wave(case.chat_id, others, wave_id, case.reply_text, now)
        for message_id in others:
            found = await self._storage.cases.by_message(case.chat_id, message_id)
            if found is None or found.wave_id != wave_id:
                continue
            if await self._cancel_automatic(found.id, now) or found.id in joined:
                await self._storage.cases.set_note(found.id, Note.of("note.wave_joined"))
                log.info("Case %s: joined wave %s after an earlier try died", found.id, wave_id)

    async def _admin_message(self, comment: Comment) -> None:
        """An admin answering a comment in the chat is a first action on its case."""
        if comment.reply_to is None:
            return
        case = await self._storage.cases.note_admin_reply(
            comment.chat_id, comment.reply_to, comment.author.id, now_int(self._clock)
        )
        if case is None:
            return
        await self._storage.cases.set_note(case.id, Note.of("note.admin_replied", who=comment.author.name))
        await self._notifier.refresh(await self._reload(case))

    async def _follow_author_mood(self, comment: Comment, verdict: Verdict) -> None:
        """A reply waiting for this author waits longer while they keep venting, and is held
        for the admins once they sound calm."""
        calm = not verdict.negative and sounds_calm(comment.text)
        if not verdict.negative and not calm:
            return  # nothing about this message can move a waiting reply
        pending = await self._storage.replies.pending_for_author(comment.chat_id, comment.author.id)
        if not pending:
            return
        now = now_int(self._clock)
        settings = await self._storage.chats.settings(comment.chat_id)
        delay = await self.delay_for(comment.chat_id)
        for reply in pending:
            if verdict.negative:
                due = after_quiet_hours(cooled_down(reply.created_at, now, delay), settings)
                if due <= reply.due_at:
                    continue
                await self._storage.replies.reschedule(reply.id, due, now)
                note = Note.of("note.postponed")
            elif calm:
                await self._storage.replies.cancel_pending(reply.case_id, now)
                note = Note.of("note.author_calmed", text=comment.text[:200])
            else:
                continue
            await self._storage.cases.set_note(reply.case_id, note)
            case = await self._storage.cases.get(reply.case_id)
            if case is not None:
                await self._notifier.refresh(case)

    async def _edited(self, existing: Case, new: NewCase, verdict: Verdict, lang: str) -> Outcome:
        now = now_int(self._clock)
        case = await self._storage.cases.reclassify(existing.id, new, now)
        if not verdict.negative:
            # The author took it back: a reply waiting for them is no longer wanted.
            await self._storage.replies.cancel_pending(case.id, now)
        await self._notifier.refresh(case, edited=True)
        return Outcome(verdict, case, 0)

    async def _reload(self, case: Case) -> Case:
        fresh = await self._storage.cases.get(case.id)
        assert fresh is not None
        return fresh
