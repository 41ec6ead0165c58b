"""Incidents through the real dispatcher: a surge of payment complaints becomes one card per admin,
a published statement, answers to members, a result; copy-paste waves and quiet chats do not."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from bot.domain.incidents import IncidentStatus
from bot.domain.models import ReplyStatus
from bot.fake_api.core import user
from tests.conftest import ANNA, BORIS, GROUP, STRANGER, Harness, make_harness

OUTAGE = [
    line.strip()
    for line in (Path(__file__).parents[2] / "benchmarks" / "data" / "incident_outage.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
]
# Complaints about other things, as a chat gets them on any day.
OTHER = [
    "Курьер опоздал на полтора часа, пицца приехала холодная",
    "В магазине на Ленина грубый кассир, нахамил без причины",
    "Кофе сегодня горелый, невозможно пить",
]
PEOPLE = [user(5000 + i, f"Покупатель{i}") for i in range(80)]


def incident_cards(h: Harness, admin: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in h.alerts_to(admin["id"]) if "inc:" in json.dumps(m["reply_markup"])]


async def outage(h: Harness, count: int, step: float = 10.0) -> None:
    for i, text in enumerate(OUTAGE[:count]):
        h.fake.comment(GROUP, PEOPLE[i], text)
        await h.feed()
        h.clock.advance(step)


async def test_outage_opens_one_incident_with_one_card_per_admin(ready: Harness) -> None:
    before = len(ready.alerts_to(ANNA["id"]))
    ready.fake.comment(GROUP, PEOPLE[70], OTHER[0])
    await ready.feed()
    await outage(ready, 20)
    ready.fake.comment(GROUP, PEOPLE[71], OTHER[1])
    await ready.feed()
    incidents = await ready.storage.db.fetchall("SELECT id, key, title, status FROM incidents")
    assert len(incidents) == 1
    incident = await ready.storage.incidents.get(incidents[0]["id"])
    assert incident is not None and incident.status is IncidentStatus.OPEN
    assert "оплат" in incident.title
    members = await ready.storage.incidents.members(incident.id)
    texts = {case.text for case in members}
    negatives = [c for c in await ready.storage.cases.list_for_chat(GROUP) if c.text in OUTAGE]
    assert len(texts & set(OUTAGE)) >= 0.9 * len(negatives)
    assert not texts & set(OTHER)  # the unrelated complaints stay cases of their own
    for admin in (ANNA, BORIS):
        assert len(incident_cards(ready, admin)) == 1
    # The incident's messages to an admin: its members' alerts before the surge was seen, and the card.
    member_alerts = [
        m
        for m in ready.alerts_to(ANNA["id"])[before:]
        if any(f"{case.text}</blockquote>" in m["text"] for case in members)
    ]
    assert len(member_alerts) + len(incident_cards(ready, ANNA)) <= 3
    card = incident_cards(ready, ANNA)[0]
    assert str(len(members)) in card["text"] and "Покупатель" in card["text"]
    # The alerts that went out before the surge was seen now say they are part of it.
    assert member_alerts
    for alert in member_alerts:
        assert "часть инцидента" in ready.fake.messages[(ANNA["id"], alert["message_id"])]["text"]


# Payment complaints in words the precise reading misses (no "оплата" with a failure word).
LOOSE_PAYMENT = [
    "Списали дважды за один заказ, верните",
    "Сняли 500 рублей, а заказ так и не создан",
    "Чек пришёл на почту, а заказ так и висит в обработке",
    "Снимают деньги и ничего не происходит, безобразие",
]


async def test_complaints_in_the_incidents_family_join_it_without_alerts(ready: Harness) -> None:
    await outage(ready, 6, step=5)
    incidents = await ready.storage.db.fetchall("SELECT id FROM incidents")
    assert len(incidents) == 1
    before = len(ready.alerts_to(ANNA["id"]))
    for i, text in enumerate(LOOSE_PAYMENT):
        ready.fake.comment(GROUP, PEOPLE[40 + i], text)
        await ready.feed()
        ready.clock.advance(5)
    members = {case.text for case in await ready.storage.incidents.members(incidents[0]["id"])}
    loose = [c for c in await ready.storage.cases.list_for_chat(GROUP) if c.text in LOOSE_PAYMENT]
    assert loose and {c.text for c in loose} <= members
    assert len(ready.alerts_to(ANNA["id"])) == before  # on the card, no message of their own
    # Complaints about something else in the same minutes stay apart and are alerted.
    for i, text in enumerate([*OTHER, "Верните деньги за испорченный торт, крем прокис"]):
        ready.fake.comment(GROUP, PEOPLE[50 + i], text)
        await ready.feed()
    members = {case.text for case in await ready.storage.incidents.members(incidents[0]["id"])}
    assert not members & {*OTHER, "Верните деньги за испорченный торт, крем прокис"}
    assert len(ready.alerts_to(ANNA["id"])) > before


async def test_family_words_alone_open_no_incident(ready: Harness) -> None:
    for i, text in enumerate(LOOSE_PAYMENT):
        ready.fake.comment(GROUP, PEOPLE[i], text)
        await ready.feed()
        ready.clock.advance(30)
    assert await ready.storage.db.fetchall("SELECT id FROM incidents") == []


async def test_copy_paste_wave_stays_directed_and_apart(ready: Harness) -> None:
    await outage(ready, 6, step=5)
    attack = "Не покупайте здесь ничего, оплата это развод, они воруют деньги с карт, проверено!!!"
    for i in range(6):
        ready.fake.comment(GROUP, user(7000 + i, f"Бот{i}"), attack)
        await ready.feed()
        ready.clock.advance(2)
    await outage(ready, 4, step=5)
    waves = [c for c in await ready.storage.cases.list_for_chat(GROUP) if c.text == attack]
    assert waves and all(c.label.value == "directed" and c.wave_id for c in waves)
    for case in waves:
        assert await ready.storage.incidents.of_case(case.id) is None


async def test_quiet_chat_with_three_unrelated_complaints_opens_none(ready: Harness) -> None:
    for i, text in enumerate([OUTAGE[0], *OTHER[:2]]):
        ready.fake.comment(GROUP, PEOPLE[i], text)
        await ready.feed()
        ready.clock.advance(1200)
    assert await ready.storage.db.fetchall("SELECT id FROM incidents") == []
    assert len(ready.alerts_to(ANNA["id"])) == 3


async def test_statement_edit_publish_and_answers_once_per_author(ready: Harness) -> None:
    await outage(ready, 8)
    again = PEOPLE[5]
    ready.fake.comment(GROUP, again, "Опять не проходит оплата, уже второй раз пишу!")
    await ready.feed()
    card = incident_cards(ready, ANNA)[-1]
    assert "Покупатель5" in ready.fake.messages[(ANNA["id"], card["message_id"])]["text"].split("Написали не раз")[1]
    await ready.press(ANNA, card, ready.button(card, "inc:statement:"))
    draft = ready.alerts_to(ANNA["id"])[-1]
    assert "оплат" in draft["text"] and "обновление" in draft["text"]
    await ready.press(ANNA, draft, ready.button(draft, "inc:edit:"))
    ready.fake.private_message(ANNA, "Сейчас не проходит оплата <в приложении>. Чиним, обновим к 15:00.")
    await ready.feed()
    preview = ready.alerts_to(ANNA["id"])[-1]
    assert "&lt;в приложении&gt;" in preview["text"]  # the typed text is escaped
    await ready.press(BORIS, preview, ready.button(preview, "inc:publish:"))
    posted = ready.posted_in_group()
    assert posted[-1]["text"] == "Сейчас не проходит оплата <в приложении>. Чиним, обновим к 15:00."
    assert "reply_parameters" not in posted[-1]
    card = ready.fake.messages[(ANNA["id"], card["message_id"])]
    await ready.press(ANNA, card, ready.button(card, "inc:answer:"))
    incident_id = int(ready.button(card, "inc:answer:").split(":")[2])
    members = await ready.storage.incidents.members(incident_id)
    replies = await ready.storage.db.fetchall(
        "SELECT r.case_id, r.text, c.author_id FROM replies r JOIN cases c ON c.id = r.case_id"
    )
    authors = [row["author_id"] for row in replies]
    assert len(authors) == len(set(authors)) == len({c.author.id for c in members})
    assert all("t.me/c/" in row["text"] for row in replies)
    await ready.press(BORIS, card, ready.button(card, "inc:answer:"))
    again_replies = await ready.storage.db.fetchall("SELECT id FROM replies")
    assert len(again_replies) == len(replies)  # never twice to the same author


CHANNEL = -1001000000777


def buttons(message: dict[str, Any]) -> dict[str, str]:
    return {
        b["callback_data"].split(":")[1]: b["text"] for row in message["reply_markup"]["inline_keyboard"] for b in row
    }


async def statement_draft(h: Harness) -> tuple[dict[str, Any], dict[str, Any]]:
    """The incident's card and its statement's draft, an impulsive member's reply held for it."""
    await outage(h, 4)
    h.fake.comment(GROUP, PEOPLE[60], "Да пошли вы со своей оплатой и проблемами, бесите!!!")
    await h.feed()
    card = incident_cards(h, ANNA)[-1]
    await h.press(ANNA, card, h.button(card, "inc:statement:"))
    return card, h.alerts_to(ANNA["id"])[-1]


async def test_plain_group_statement_goes_only_to_the_chat(ready: Harness) -> None:
    _, draft = await statement_draft(ready)
    assert buttons(draft) == {"publish": "📣 Опубликовать", "edit": "✏️ Изменить текст"}


@pytest.mark.parametrize(
    ("username", "link"), [(None, "https://t.me/c/1000000777/"), ("brand_news", "https://t.me/brand_news/")]
)
async def test_statement_in_the_linked_channel_is_what_answers_point_to(
    ready: Harness, username: str | None, link: str
) -> None:
    ready.fake.add_channel(CHANNEL, "Бренд: новости", discussion=GROUP, username=username)
    card, draft = await statement_draft(ready)
    assert buttons(draft) == {"publish": "📣 В чат", "channel": "📣 В канал", "edit": "✏️ Изменить текст"}
    data = ready.button(draft, "inc:channel:")
    assert len(data.encode()) <= 64
    before = len(ready.posted_in_group())
    await ready.press(ANNA, draft, data)
    [post] = [m for (chat, _), m in ready.fake.messages.items() if chat == CHANNEL]
    assert "оплат" in post["text"]
    assert len(ready.posted_in_group()) == before  # not in the chat as well
    statement = f"{link}{post['message_id']}"
    # The impulsive member's held reply points to the channel post; so do the answers to members.
    held = await ready.storage.db.fetchall("SELECT text FROM replies")
    assert len(held) == 1 and statement in held[0]["text"]
    card = ready.fake.messages[(ANNA["id"], card["message_id"])]
    assert f"t.me/c/1000000777/{post['message_id']}" in card["text"]
    await ready.press(ANNA, card, ready.button(card, "inc:answer:"))
    answers = await ready.storage.db.fetchall("SELECT text FROM replies")
    assert len(answers) > 1 and all(statement in row["text"] for row in answers)
    # «решено»: the result replies to the statement in the channel.
    await ready.press(ANNA, card, ready.button(card, "inc:resolve:"))
    result = ready.alerts_to(ANNA["id"])[-1]
    await ready.press(ANNA, result, ready.button(result, "inc:done:"))
    last = ready.fake.sent("sendMessage", CHANNEL)[-1].params
    assert last["reply_parameters"]["message_id"] == post["message_id"]
    [row] = await ready.storage.db.fetchall("SELECT result_text, status FROM incidents")
    assert last["text"] == row["result_text"] and row["status"] == "resolved"


async def test_channel_refusing_the_statement_is_said_plainly_and_the_chat_stays(ready: Harness) -> None:
    ready.fake.add_channel(CHANNEL, "Бренд: новости", discussion=GROUP, bot_can_post=False)
    _, draft = await statement_draft(ready)
    await ready.press(ANNA, draft, ready.button(draft, "inc:channel:"))
    told = ready.alerts_to(ANNA["id"])[-1]
    assert "Канал не принял заявление" in told["text"] and "правом публиковать" in told["text"]
    assert buttons(told) == {"publish": "📣 В чат", "edit": "✏️ Изменить текст"}
    assert not [m for (chat, _), m in ready.fake.messages.items() if chat == CHANNEL]
    assert not await ready.storage.db.fetchall("SELECT id FROM replies")  # nothing points to a missing post
    await ready.press(ANNA, told, ready.button(told, "inc:publish:"))
    posted = ready.posted_in_group()[-1]
    assert "оплат" in posted["text"]
    statement = next(m for m in ready.in_group() if m["text"] == posted["text"])
    [row] = await ready.storage.db.fetchall("SELECT statement_chat_id, statement_message_id FROM incidents")
    assert row["statement_chat_id"] is None and row["statement_message_id"] == statement["message_id"]
    held = await ready.storage.db.fetchall("SELECT text FROM replies")
    assert len(held) == 1 and f"t.me/c/1000000042/{statement['message_id']}" in held[0]["text"]


async def test_only_current_admins_may_act(ready: Harness) -> None:
    await outage(ready, 5)
    card = incident_cards(ready, ANNA)[-1]
    posted = len(ready.posted_in_group())
    await ready.press(STRANGER, card, ready.button(card, "inc:statement:"))
    ready.fake.set_member(GROUP, BORIS, "member")  # demoted after the card went out
    await ready.press(BORIS, card, ready.button(card, "inc:split:"))
    incident = (await ready.storage.db.fetchall("SELECT status FROM incidents"))[0]
    assert incident["status"] == "open"
    assert len(ready.posted_in_group()) == posted
    assert not ready.alerts_to(STRANGER["id"])


async def test_resolved_posts_the_result_as_reply_to_the_statement(ready: Harness) -> None:
    await outage(ready, 5)
    card = incident_cards(ready, ANNA)[-1]
    await ready.press(ANNA, card, ready.button(card, "inc:statement:"))
    draft = ready.alerts_to(ANNA["id"])[-1]
    await ready.press(ANNA, draft, ready.button(draft, "inc:publish:"))
    statement_id = ready.fake.sent("sendMessage", GROUP)[-1]
    card = ready.fake.messages[(ANNA["id"], card["message_id"])]
    await ready.press(ANNA, card, ready.button(card, "inc:resolve:"))
    result = ready.alerts_to(ANNA["id"])[-1]
    assert "решен" in result["text"]
    await ready.press(ANNA, result, ready.button(result, "inc:done:"))
    statement = next(m for m in ready.in_group() if m["text"] == statement_id.params["text"])
    last = ready.posted_in_group()[-1]
    assert last["reply_parameters"]["message_id"] == statement["message_id"]
    incident = (await ready.storage.db.fetchall("SELECT id, status FROM incidents"))[0]
    assert incident["status"] == "resolved"
    kinds = await ready.storage.db.fetchall("SELECT kind FROM incident_answers")
    assert {row["kind"] for row in kinds} == {"result"}
    # Its members are resolved, and each author is told once, under their comment, when it goes out.
    incident_id = incident["id"]
    members = await ready.storage.incidents.members(incident_id)
    assert members and all(case.status.value == "resolved" for case in members)
    await ready.services.sender.send_due()
    told = [p for p in ready.posted_in_group() if "t.me/c/" in p["text"] and "reply_parameters" in p]
    replied_to = {p["reply_parameters"]["message_id"] for p in told}
    assert len(told) == len({case.author.id for case in members})
    assert replied_to <= {case.message_id for case in members}


async def test_not_an_incident_splits_into_cases_and_records_the_correction(ready: Harness) -> None:
    await outage(ready, 6)
    card = incident_cards(ready, ANNA)[-1]
    incident_id = int(ready.button(card, "inc:split:").split(":")[2])
    members = [c.id for c in await ready.storage.incidents.members(incident_id)]
    await ready.press(ANNA, card, ready.button(card, "inc:split:"))
    corrections = await ready.storage.incidents.corrections(GROUP)
    assert corrections == [(incident_id, "payment", sorted(members), ANNA["id"])]
    # Every member now has its alert (a message of its own or a place on the digest card).
    for case_id in members:
        rows = await ready.storage.db.fetchall(
            "SELECT 1 FROM alerts WHERE case_id = ? AND chat_id = ?", (case_id, ANNA["id"])
        )
        assert rows
    card = ready.fake.messages[(ANNA["id"], card["message_id"])]
    assert "Не инцидент" in card["text"]


async def test_impulsive_reply_in_incident_waits_for_the_statement(ready: Harness) -> None:
    await outage(ready, 4)
    ready.fake.comment(GROUP, PEOPLE[60], "Да пошли вы со своей оплатой и проблемами, бесите!!!")
    await ready.feed()
    case = (await ready.storage.cases.list_for_chat(GROUP))[-1]
    assert case.label.value == "impulsive"
    assert await ready.storage.incidents.of_case(case.id) is not None
    assert not await ready.storage.db.fetchall("SELECT id FROM replies WHERE case_id = ?", (case.id,))
    card = incident_cards(ready, ANNA)[-1]
    await ready.press(ANNA, card, ready.button(card, "inc:statement:"))
    draft = ready.alerts_to(ANNA["id"])[-1]
    await ready.press(ANNA, draft, ready.button(draft, "inc:publish:"))
    rows = await ready.storage.db.fetchall("SELECT text, status FROM replies WHERE case_id = ?", (case.id,))
    assert len(rows) == 1 and rows[0]["status"] == ReplyStatus.PENDING.value and "t.me/c/" in rows[0]["text"]


async def test_alert_storm_gathers_on_one_digest_card(tmp_path: Path) -> None:
    h = await make_harness(tmp_path, ALERT_RATE="2")
    try:
        await h.start_admins(ANNA, BORIS)
        await h.add_bot()
        storm = [
            *OTHER,
            "Заказ №5512 потеряли, никто не отвечает третий день",
            "Верните деньги за испорченный торт, это ужас",
            "Ужасный сервис, больше никогда не приду",
            "Официант нагрубил и принёс не тот заказ",
        ]
        for i, text in enumerate(storm):
            h.fake.comment(GROUP, PEOPLE[i], text)
            await h.feed()
        cases = await h.storage.cases.list_for_chat(GROUP)
        to_anna = h.alerts_to(ANNA["id"])
        assert len(to_anna) == 3  # two alerts, then one digest card edited in place
        digest = to_anna[-1]
        assert f"ещё {len(cases) - 2} комментари" in digest["text"] and "с негативом" in digest["text"]
        assert "pick:cases:" in json.dumps(digest["reply_markup"])
        for case in cases:  # none lost, none owed again
            assert await h.storage.db.fetchall(
                "SELECT 1 FROM alerts WHERE case_id = ? AND chat_id = ?", (case.id, ANNA["id"])
            )
        assert await h.services.notifier.send_owed(0) == 0
    finally:
        await h.storage.close()
        await h.bot.session.close()


def last_private(h: Harness, user_id: int) -> dict[str, Any]:
    return [m for (cid, _), m in h.fake.messages.items() if cid == user_id][-1]


def _everyday_complaints(count: int) -> list[str]:
    """Different negative comments of every kind (the typology set's, not organised attacks)."""
    texts = []
    for line in (Path(__file__).parents[2] / "benchmarks" / "data" / "typology.jsonl").read_text().splitlines():
        item = json.loads(line)
        if item["label"] in ("constructive", "impulsive", "trolling") and item["text"] not in texts:
            texts.append(item["text"])
    return texts[:count]


async def test_cases_pages_reach_every_case_gathered_on_the_digest_card(tmp_path: Path) -> None:
    h = await make_harness(tmp_path, ALERT_RATE="2")
    try:
        await h.start_admins(ANNA, BORIS)
        await h.add_bot()
        tricky = user(6999, "<b>Злой</b> & Co")
        for i, text in enumerate(_everyday_complaints(50)):
            h.fake.comment(GROUP, tricky if i == 0 else PEOPLE[i % len(PEOPLE)], text)
            await h.feed()
            h.clock.advance(3)
        open_ids = {case.id for case in await h.storage.stats.open_cases(GROUP)}
        gathered = {
            row["case_id"]
            for row in await h.storage.db.fetchall(
                "SELECT case_id FROM alerts WHERE chat_id = ? AND in_digest = 1", (ANNA["id"],)
            )
        }
        assert len(open_ids) > 20 and gathered and gathered <= open_ids  # more than one page
        digest = [m for m in h.alerts_to(ANNA["id"]) if "pick:cases:" in json.dumps(m["reply_markup"])][-1]
        await h.press(ANNA, digest, h.button(digest, "pick:cases:"))
        message = last_private(h, ANNA["id"])
        seen: set[int] = set()
        texts = []
        for _ in range(10):
            texts.append(message["text"])
            seen |= {int(found) for found in re.findall(r"#(\d+)", message["text"])}
            older = [b for row in message["reply_markup"]["inline_keyboard"] for b in row if "→" in b["text"]]
            if not older:
                break  # the last page
            assert len(older[0]["callback_data"].encode()) <= 64
            await h.press(ANNA, message, older[0]["callback_data"])
            assert last_private(h, ANNA["id"])["message_id"] == message["message_id"]  # edited in place
            message = last_private(h, ANNA["id"])
        assert seen == open_ids  # every open case, the digest card's among them, reached from Telegram
        assert len(texts) == -(-len(open_ids) // 20) and "Страница 1 из" in texts[0]
        assert all(len(html.unescape(re.sub(r"<[^>]+>", "", text))) <= 4096 for text in texts)  # Telegram's limit
        assert "&lt;b&gt;Злой&lt;/b&gt; &amp; Co" in texts[-1]  # the oldest case, its author escaped
        # Someone who is not an admin of the chat turns no page: the list is not edited.
        before = message["text"]
        await h.press(STRANGER, message, f"cases:{GROUP}:0")
        assert h.fake.messages[(ANNA["id"], message["message_id"])]["text"] == before
        assert "админ" in h.fake.sent("answerCallbackQuery")[-1].params["text"]
    finally:
        await h.storage.close()
        await h.bot.session.close()


# Everyday complaints unrelated to the outage (several kinds, several wordings), and what cannot wait.
EVERYDAY = [
    "Курьер опоздал на полтора часа, пицца приехала холодная",
    "В магазине на Ленина грубый кассир, нахамил без причины",
    "Кофе сегодня горелый, невозможно пить",
    "Да задолбали вы уже со своим сервисом, бесите!!!",
]
SAFETY = "Ребёнок отравился вашим йогуртом, всю ночь рвало, срочно разберитесь"
ATTACK = "Не покупайте тут ничего! Это лохотрон, деньги с карт воруют, все в суд!!!"


def digest_cards(h: Harness, admin: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        m
        for m in h.alerts_to(admin["id"])
        if "pick:cases:" in json.dumps(m["reply_markup"]) and "inc:" not in json.dumps(m["reply_markup"])
    ]


async def test_during_an_incident_the_chats_other_alerts_wait_on_its_digest_card(ready: Harness) -> None:
    await outage(ready, 6, step=5)
    (incident,) = await ready.storage.db.fetchall("SELECT id, title FROM incidents")
    before = {admin["id"]: len(ready.alerts_to(admin["id"])) for admin in (ANNA, BORIS)}
    for i, text in enumerate(EVERYDAY):
        ready.fake.comment(GROUP, PEOPLE[60 + i], text)
        await ready.feed()
        ready.clock.advance(20)
    everyday = [c for c in await ready.storage.cases.list_for_chat(GROUP) if c.text in EVERYDAY]
    assert len(everyday) == len(EVERYDAY)
    for admin in (ANNA, BORIS):
        # Far below the storm rate, yet one new message: the chat's digest card, edited in place.
        assert len(ready.alerts_to(admin["id"])) == before[admin["id"]] + 1
        (card,) = digest_cards(ready, admin)
        shown = ready.fake.messages[(admin["id"], card["message_id"])]["text"]
        assert f"ещё {len(EVERYDAY)} комментари" in shown
        assert html.escape(incident["title"]) in shown  # says why they wait
        for case in everyday:  # none lost: each is on the card and open in /cases
            assert await ready.storage.db.fetchall(
                "SELECT 1 FROM alerts WHERE case_id = ? AND chat_id = ? AND in_digest = 1", (case.id, admin["id"])
            )
            assert await ready.storage.incidents.of_case(case.id) is None
    assert await ready.services.notifier.send_owed(0) == 0

    # What cannot wait still comes as a message of its own: a health claim, an organised attack.
    for i, text in enumerate([SAFETY, ATTACK]):
        ready.fake.comment(GROUP, PEOPLE[70 + i], text)
        await ready.feed()
        assert f"{html.escape(text)}</blockquote>" in ready.alerts_to(ANNA["id"])[-1]["text"]
    assert len(ready.alerts_to(ANNA["id"])) == before[ANNA["id"]] + 3

    # Once the surge is over (no new member for the incident's idle time), alerts are their own again.
    ready.clock.advance(1801)
    ready.fake.comment(GROUP, PEOPLE[75], "Заказ №5512 потеряли, никто не отвечает третий день")
    await ready.feed()
    assert "Заказ №5512 потеряли" in ready.alerts_to(ANNA["id"])[-1]["text"]
    assert "case:" in json.dumps(ready.alerts_to(ANNA["id"])[-1]["reply_markup"])


async def test_a_wave_whose_first_copy_waited_on_the_digest_card_still_gets_its_own_card(ready: Harness) -> None:
    """During an incident the first copy of an attack may read as everyday venting and wait on the
    digest card; once the copies show a wave, the wave comes as a card of its own all the same."""
    await outage(ready, 6, step=5)
    copy = "Да задолбали вы уже со своим сервисом, бесите!!!"
    before = len(ready.alerts_to(ANNA["id"]))
    for i in range(6):
        ready.fake.comment(GROUP, user(7100 + i, f"Аккаунт{i}"), copy)
        await ready.feed()
        ready.clock.advance(2)
    wave = [c for c in await ready.storage.cases.list_for_chat(GROUP) if c.text == copy]
    assert len(wave) == 6 and all(c.wave_id for c in wave)
    for admin in (ANNA, BORIS):
        cards = [
            ready.fake.messages[(admin["id"], m["message_id"])]
            for m in ready.alerts_to(admin["id"])
            if "case:" in json.dumps(m["reply_markup"]) and copy in html.unescape(m["text"])
        ]
        assert len(cards) == 1 and "волн" in cards[0]["text"].lower()
    assert len(ready.alerts_to(ANNA["id"])) <= before + 2  # the digest card and the wave's card
    assert await ready.services.notifier.send_owed(0) == 0
