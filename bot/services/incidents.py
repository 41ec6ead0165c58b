"""Surges of genuine complaints become incidents.

Within one chat, negative comments (not copy-paste waves: those stay ``directed``) are read for
what they are about (``bot/services/incident_terms.py``). When comments about one thing come from
``min_authors`` different people within ``window`` seconds, and faster than the chat's usual rate
for that thing (``factor`` times its count per window over the last ``baseline`` seconds), they open
an incident; later comments about it join while it is open and active. Each incident is one card
per admin instead of an alert per comment.

Everything is in the database, read and written inside the chat's context gate (one chat's
comments one at a time, on every instance), so instances share incidents and a restart loses none.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from dataclasses import dataclass

from bot.domain.clock import Clock, now_int
from bot.domain.incidents import Incident
from bot.domain.models import Case
from bot.domain.ports import Store
from bot.domain.verdicts import Label
from bot.replies import read_comment
from bot.services.incident_terms import is_place, related_terms, subject_terms, title_of

log = logging.getLogger(__name__)

# Labels an incident gathers: genuine complaints, not organised attacks.
MEMBER_LABELS = frozenset({Label.CONSTRUCTIVE, Label.IMPULSIVE, Label.TROLLING})
# A place ("в приложении") joins the title when at least this share of the first members name it.
PLACE_SHARE = 1 / 3


@dataclass(frozen=True, slots=True)
class SurgeRules:
    window: int = 600  # seconds in which the complaints must come
    min_authors: int = 3  # different people complaining about the same thing
    factor: float = 3.0  # times the chat's usual rate for that thing
    baseline: int = 86_400  # the past that gives the usual rate
    idle: int = 1_800  # an incident with no new member for this long takes none (a new surge opens another)
    keep: int = 7 * 86_400  # candidates older than this are forgotten
    # Each "not an incident" in the chat about the same term within ``memory`` seconds doubles the
    # authors that term needs to open another, up to ``max_doublings`` times.
    memory: int = 30 * 86_400
    max_doublings: int = 3


@dataclass(frozen=True, slots=True)
class Observed:
    incident: Incident
    opened: bool  # True when this comment opened it (its earlier members were found with it)


class IncidentDetector:
    def __init__(self, storage: Store, clock: Clock, rules: SurgeRules | None = None) -> None:
        self._storage = storage
        self._clock = clock
        self.rules = rules or SurgeRules()
        self._pruned_at = 0

    async def _prune(self, now: int) -> None:
        """The candidates older than ``keep`` go, once an hour (their rate is then no one's usual)."""
        if now - self._pruned_at < 3600:
            return
        self._pruned_at = now
        await self._storage.incidents.forget_candidates(now - self.rules.keep)

    async def observe(self, case: Case, lang: str) -> Observed | None:
        """Call inside the chat's context gate, for a case just opened. The incident it opened or
        joined, or None."""
        if case.wave_id or case.label not in MEMBER_LABELS:
            return None
        terms = subject_terms(case.text, read_comment(case.text, problem=case.problem))
        related: frozenset[str] | None = None
        if not terms:
            # Naming nothing, it can only join an open incident of its concept family (below): when
            # it names no family's word either, there is nothing to look up.
            related = related_terms(case.text)
            if not related:
                return None
        rules = self.rules
        now = now_int(self._clock)
        store = self._storage.incidents
        open_now = await store.open_in_chat(case.chat_id, now - rules.idle)
        for incident in open_now:
            if incident.key in terms:
                await store.join(incident.id, case.id, case.created_at, now)
                return Observed(incident, opened=False)
        if open_now:
            # During an outage people say it in words the precise reading misses ("деньги списались,
            # а заказ не оформился"): a complaint in the open incident's concept family joins it.
            # Only an open incident lowers the bar; it never opens one.
            if related is None:
                related = related_terms(case.text)
            for incident in open_now:
                if incident.key in related:
                    await store.join(incident.id, case.id, case.created_at, now)
                    return Observed(incident, opened=False)
        if not terms:
            return None
        await self._prune(now)
        await store.add_candidate(case.id, case.chat_id, case.author.id, terms, case.created_at)
        # A problem before a place: "оплата" names an outage better than "приложение".
        for term in sorted(terms, key=lambda found: (is_place(found), found)):
            opened = await self._surge(case, term, lang, now)
            if opened is not None:
                return Observed(opened, opened=True)
        return None

    async def _surge(self, case: Case, term: str, lang: str, now: int) -> Incident | None:
        rules = self.rules
        store = self._storage.incidents
        found = await store.candidates(case.chat_id, term, now - rules.window)
        authors = len({c.author_id for c in found})
        if authors < rules.min_authors:
            return None
        # The admins' "not an incident" corrections are the chat's lesson about this term: read from the
        # database (so every instance and a restart learn the same), asked only once a surge is near.
        splits = await store.dismissals(case.chat_id, term, now - rules.memory)
        if splits and max(splits) >= now - rules.idle:
            return None  # the admins said it was not an incident a moment ago
        if authors < rules.min_authors * 2 ** min(len(splits), rules.max_doublings):
            return None
        # The usual rate over the chat's known past (up to ``baseline``), per window.
        known = await store.known_since(case.chat_id)
        span = min(rules.baseline, now - (known if known is not None else now)) - rules.window
        past = await store.term_count(case.chat_id, term, now - rules.baseline, now - rules.window)
        usual = past * rules.window / span if span >= rules.window else 0.0
        # Faster than usual by more than chance: a chat that often talks about this needs a clear
        # jump (three standard deviations of a Poisson count above its usual rate), not one more.
        if len(found) < max(rules.factor * usual, usual + 3 * math.sqrt(usual) + 1):
            return None
        places = Counter(t for c in found for t in c.terms if t != term and is_place(t))
        named = [place for place, n in places.most_common() if n >= PLACE_SHARE * len(found)]
        incident = await store.create(
            case.chat_id,
            term,
            title_of(term, named, lang),
            [c.case_id for c in found],
            min(c.created_at for c in found),
            max(c.created_at for c in found),
            now,
        )
        log.info("Chat %s: incident %s opened (%s, %d comments)", case.chat_id, incident.id, term, len(found))
        return incident
