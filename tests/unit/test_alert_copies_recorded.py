"""Alert copies sent together are each recorded once, however slowly the database takes them: two
alerts recording what is waiting at the same time must not record (and then take out) the same copy
twice, which failed the second alert's update, to be handled and alerted again."""

from __future__ import annotations

import asyncio
from typing import Any, cast

import pytest

from bot.telegram.notifier import AlertNotifier
from bot.telegram.pending import record_pending


class _Cases:
    def __init__(self, fail: set[tuple[int, int]] | None = None) -> None:
        self.recorded: list[tuple[int, int, int]] = []
        self.fail = fail or set()

    async def add_alert(self, case_id: int, chat_id: int, message_id: int, now: int) -> None:
        await asyncio.sleep(0.01)  # the write waits for the database (a transaction, a checkpoint)
        if (case_id, chat_id) in self.fail:
            raise OSError("disk full")
        self.recorded.append((case_id, chat_id, message_id))


class _Storage:
    def __init__(self, cases: _Cases) -> None:
        self.cases = cases


def _notifier(cases: _Cases) -> AlertNotifier:
    return AlertNotifier(cast(Any, None), cast(Any, _Storage(cases)), lambda: 0.0, None)


async def test_copies_recorded_at_the_same_time_are_each_recorded_once() -> None:
    cases = _Cases()
    notifier = _notifier(cases)
    notifier._unrecorded[(1, 10)] = (100, 5)
    first = asyncio.create_task(notifier._record_copies())
    await asyncio.sleep(0)  # the first is writing its copy when the second alert's copy is out
    notifier._unrecorded[(2, 10)] = (200, 5)
    await asyncio.gather(first, notifier._record_copies())
    assert sorted(cases.recorded) == [(1, 10, 100), (2, 10, 200)]
    assert notifier._unrecorded == {}


async def test_a_copy_whose_record_fails_stays_for_the_next_time() -> None:
    cases = _Cases(fail={(1, 10)})
    notifier = _notifier(cases)
    notifier._unrecorded[(1, 10)] = (100, 5)
    with pytest.raises(OSError):
        await notifier._record_copies()
    assert notifier._unrecorded == {(1, 10): (100, 5)}
    cases.fail.clear()
    await notifier._record_copies()
    assert cases.recorded == [(1, 10, 100)] and notifier._unrecorded == {}


async def test_incident_cards_and_replies_record_the_same_way() -> None:
    """record_pending, which the incident cards and the replies posted use too."""
    written: list[tuple[str, int]] = []

    async def record(key: str, value: int) -> None:
        await asyncio.sleep(0.01)
        written.append((key, value))

    pending = {"card": 1}
    first = asyncio.create_task(record_pending(pending, record))
    await asyncio.sleep(0)
    pending["reply"] = 2
    await asyncio.gather(first, record_pending(pending, record), record_pending(pending, record))
    assert sorted(written) == [("card", 1), ("reply", 2)] and pending == {}
