"""While a surge is under way in a chat, its admins work from the incident's card; the chat's other
alerts wait on its digest card (one message, edited in place, none lost) instead of a message each,
so everyday complaints do not bury the card during an outage. What cannot wait still comes on its
own: an organised attack (``directed``, a copy-paste wave's card) and a health or safety claim."""

from __future__ import annotations

from bot.domain.incidents import Incident
from bot.domain.models import Case
from bot.domain.ports import Store
from bot.domain.reading import Topic
from bot.domain.verdicts import Label
from bot.replies import read_comment
from bot.services.incidents import SurgeRules

# An incident is under way while it is open and took a member this recently (it takes members as long).
UNDER_WAY = SurgeRules().idle


def cannot_wait(case: Case) -> bool:
    if case.wave_id or case.label is Label.DIRECTED:
        return True
    return read_comment(case.text, problem=case.problem).topic is Topic.SAFETY


async def under_way(store: Store, chat_id: int, now: int) -> Incident | None:
    """The chat's incident under way with the latest member, or None."""
    return await store.incidents.latest_open(chat_id, now - UNDER_WAY)


async def waits_behind(store: Store, case: Case, now: int) -> Incident | None:
    """The incident under way in the case's chat that its alert waits behind, or None (it goes out)."""
    if case.wave_id or case.label is Label.DIRECTED:
        return None  # decided without asking the database
    incident = await under_way(store, case.chat_id, now)
    if incident is None or cannot_wait(case):
        return None
    return incident
