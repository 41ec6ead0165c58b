"""Every reachable admin gets every alert: copies are owed per (case, admin), and the ones that did
not go out (a failure, a crash between two admins' copies, admins not loaded yet) follow."""

from __future__ import annotations

from bot.cluster.instances import InstanceRegistry
from bot.fake_api import Fault
from tests.conftest import ANNA, BORIS, DMITRY, GROUP, VERA, Harness

CONSTRUCTIVE = "Заказ №4821 ждал 3 часа, курьер не позвонил, а деньги с карты списали. Верните деньги!"
OTHER = -1001000000077


def _registry(h: Harness) -> InstanceRegistry:
    registry = h.dp["registry"]
    assert isinstance(registry, InstanceRegistry)
    return registry


async def test_a_copy_that_failed_for_one_admin_follows_in_the_sweep_once(ready: Harness) -> None:
    ready.fake.faults.append(Fault("sendMessage", 400, "Bad Request: chat not found", chat_id=BORIS["id"]))
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    assert len(ready.alerts_to(ANNA["id"])) == 1 and ready.alerts_to(BORIS["id"]) == []
    registry = _registry(ready)
    await registry.recover()  # owed again only a minute after the failure
    assert ready.alerts_to(BORIS["id"]) == []
    ready.clock.advance(61)
    await registry.recover()
    assert len(ready.alerts_to(ANNA["id"])) == 1 and len(ready.alerts_to(BORIS["id"])) == 1
    ready.clock.advance(3600)
    await registry.recover()
    assert len(ready.alerts_to(ANNA["id"])) == 1 and len(ready.alerts_to(BORIS["id"])) == 1
    assert ready.alerts_to(VERA["id"]) == []  # never pressed Start: owed nothing


async def test_a_copy_lost_between_two_admins_by_a_gone_instance_is_sent_by_the_next(ready: Harness) -> None:
    # As a process killed after Anna's copy went out and before Boris's: the case is the gone
    # instance's, Anna's copy is recorded, Boris's is not.
    ready.storage.db.owner = "gone"
    ready.fake.blocked.add(BORIS["id"])
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    ready.fake.blocked.discard(BORIS["id"])
    ready.fake.private_message(BORIS, "/start")  # reachable again (as he was before the "crash")
    await ready.feed()
    [case] = await ready.storage.cases.list_for_chat(GROUP)
    assert [alert.chat_id for alert in await ready.storage.cases.alerts(case.id)] == [ANNA["id"]]
    registry = _registry(ready)
    ready.storage.db.owner = registry.id
    await registry.recover()  # start-up recovery: "gone" is not live
    assert len(ready.alerts_to(ANNA["id"])) == 1 and len(ready.alerts_to(BORIS["id"])) == 1
    await registry.recover()
    assert len(ready.alerts_to(BORIS["id"])) == 1  # adopted once, sent once


async def test_a_live_instances_case_is_left_to_it(ready: Harness) -> None:
    ready.storage.db.owner = "busy"
    await ready.storage.instances.register("busy", "elsewhere", 1, now=int(ready.clock.now))
    ready.fake.faults.append(Fault("sendMessage", 400, "Bad Request: chat not found", chat_id=BORIS["id"]))
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    ready.clock.advance(61)
    await ready.storage.instances.heartbeat("busy", "elsewhere", 1, now=int(ready.clock.now))
    registry = _registry(ready)
    ready.storage.db.owner = registry.id
    await registry.recover()
    assert ready.alerts_to(BORIS["id"]) == []  # "busy" sends it itself


async def test_cases_whose_admins_could_not_be_loaded_are_alerted_when_the_list_loads(ready: Harness) -> None:
    ready.fake.add_group(OTHER, "Вторая кофейня", owner=ANNA, admins=(BORIS,))
    ready.fake.faults.append(Fault("getChatAdministrators", 502, "Bad Gateway", times=100))
    ready.fake.comment(OTHER, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    [case] = await ready.storage.cases.list_for_chat(OTHER)
    assert await ready.storage.cases.alerts(case.id) == []  # nobody known to alert
    ready.fake.faults.clear()
    await _registry(ready).recover()  # the sweep loads the list, then sends what is owed
    for admin in (ANNA, BORIS):
        assert len([a for a in ready.alerts_to(admin["id"]) if "Вторая кофейня" in a["text"]]) == 1


async def test_an_admin_list_loading_while_running_sends_the_copies_at_once(ready: Harness) -> None:
    registry = _registry(ready)
    await registry.start()
    try:
        ready.fake.add_group(OTHER, "Вторая кофейня", owner=ANNA, admins=(BORIS,))
        ready.fake.faults.append(Fault("getChatAdministrators", 502, "Bad Gateway", times=100))
        ready.fake.comment(OTHER, DMITRY, CONSTRUCTIVE)
        await ready.feed()
        assert [a for a in ready.alerts_to(ANNA["id"]) if "Вторая кофейня" in a["text"]] == []
        ready.fake.faults.clear()
        # The next comment there loads the list (a calm one: no case of its own).
        ready.fake.comment(OTHER, DMITRY, "Спасибо, разобрались")
        await ready.feed()
        await registry.settle()
        for admin in (ANNA, BORIS):
            assert len([a for a in ready.alerts_to(admin["id"]) if "Вторая кофейня" in a["text"]]) == 1
    finally:
        await registry.stop()
