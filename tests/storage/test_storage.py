"""Repositories on a real SQLite file and on PostgreSQL (see conftest.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import pytest

from bot.domain.models import Author, CaseStatus, ChatAdmin, NewCase, ReplyKind, ReplyStatus
from bot.domain.verdicts import Label
from storage import IntegrityError, Storage
from storage.migration_files import migrations
from tests.storage.conftest import Backend

CHAT = -1001


@pytest.fixture
async def store(backend: Backend) -> AsyncIterator[Storage]:
    s = await backend.open()
    await s.chats.upsert(chat_id=CHAT, title="Чат", type_="supergroup", username=None, now=100)
    yield s
    await s.close()


def new_case(message_id: int = 10, label: Label = Label.CONSTRUCTIVE) -> NewCase:
    return NewCase(
        chat_id=CHAT,
        message_id=message_id,
        thread_id=5,
        is_topic=False,
        author=Author(id=7, name="Дмитрий", username="dima", is_chat=False),
        text="Заказ 12 не пришёл",
        label=label,
        toxic=False,
        confidence=0.8,
        reasons=("называет проблему",),
        problem="доставка заказа",
        wave_id=None,
        reply_text="Ответ",
    )


async def test_pragmas_and_migrations(store: Storage, backend: Backend) -> None:
    if backend.name == "sqlite":
        async with store.db.conn.execute("PRAGMA journal_mode") as cur:  # type: ignore[attr-defined]
            assert (await cur.fetchone())[0] == "wal"
        async with store.db.conn.execute("PRAGMA foreign_keys") as cur:  # type: ignore[attr-defined]
            assert (await cur.fetchone())[0] == 1
        async with store.db.conn.execute("PRAGMA user_version") as cur:  # type: ignore[attr-defined]
            assert (await cur.fetchone())[0] == len(migrations())
    else:
        rows = await store.db.fetchall("SELECT version FROM schema_version ORDER BY version")
        assert [row["version"] for row in rows] == list(range(1, len(migrations("postgresql")) + 1))
    # Opening again applies nothing twice and keeps the data.
    await store.close()
    again = await backend.open()
    assert await again.db.migrate() == len(migrations())
    assert (await again.chats.get(CHAT)) is not None
    store.db = again.db  # let the fixture close the new connection


async def test_foreign_keys_are_enforced(store: Storage) -> None:
    with pytest.raises(IntegrityError):
        async with store.db.transaction() as conn:
            await conn.execute("INSERT INTO alerts (case_id, chat_id, message_id, created_at) VALUES (999, 1, 1, 1)")


async def test_case_open_is_idempotent_per_message(store: Storage) -> None:
    first, created = await store.cases.open(new_case(), now=200)
    again, created_again = await store.cases.open(new_case(), now=300)
    assert created and not created_again and first.id == again.id
    assert first.reasons == ("называет проблему",) and first.status is CaseStatus.NEW
    assert first.author.username == "dima" and first.thread_id == 5


async def test_reply_lifecycle_claim_once_and_one_live_reply(store: Storage) -> None:
    case, _ = await store.cases.open(new_case(), now=200)
    reply, created = await store.replies.schedule(
        case_id=case.id,
        chat_id=CHAT,
        reply_to=10,
        thread_id=None,
        text="Ответ",
        due_at=500,
        created_by=None,
        now=200,
    )
    assert created and reply.status is ReplyStatus.PENDING
    second, created_second = await store.replies.schedule(
        case_id=case.id,
        chat_id=CHAT,
        reply_to=10,
        thread_id=None,
        text="Другой",
        due_at=900,
        created_by=None,
        now=210,
    )
    assert not created_second and second.id == reply.id
    assert (await store.cases.get(case.id)).status is CaseStatus.SCHEDULED  # type: ignore[union-attr]
    assert await store.replies.due(499) == []
    assert [r.id for r in await store.replies.due(500)] == [reply.id]
    assert await store.replies.claim(reply.id, 500)
    assert not await store.replies.claim(reply.id, 500)  # a second claimer loses
    await store.replies.mark_sent(reply.id, 777, 501)
    sent = await store.replies.get(reply.id)
    assert sent is not None and sent.status is ReplyStatus.SENT and sent.sent_message_id == 777
    assert (await store.cases.get(case.id)).status is CaseStatus.ANSWERED  # type: ignore[union-attr]


async def test_interrupted_send_becomes_uncertain_not_pending(store: Storage) -> None:
    case, _ = await store.cases.open(new_case(), now=200)
    reply, _ = await store.replies.schedule(
        case_id=case.id,
        chat_id=CHAT,
        reply_to=10,
        thread_id=None,
        text="Ответ",
        due_at=200,
        created_by=None,
        now=200,
    )
    assert await store.replies.claim(reply.id, 200)
    recovered = await store.replies.recover_interrupted(300)
    assert [r.id for r in recovered] == [reply.id]
    assert (await store.replies.get(reply.id)).status is ReplyStatus.UNCERTAIN  # type: ignore[union-attr]
    assert await store.replies.due(10_000) == []  # never re-sent silently
    await store.replies.confirm_uncertain(case.id, sent=False, now=400)
    assert [r.id for r in await store.replies.due(400)] == [reply.id]


async def test_cancel_pending_reopens_scheduled_case(store: Storage) -> None:
    case, _ = await store.cases.open(new_case(), now=200)
    await store.replies.schedule(
        case_id=case.id,
        chat_id=CHAT,
        reply_to=10,
        thread_id=None,
        text="Ответ",
        due_at=900,
        created_by=None,
        now=200,
    )
    cancelled = await store.replies.cancel_pending(case.id, 300)
    assert cancelled is not None and cancelled.status is ReplyStatus.CANCELLED
    assert (await store.cases.get(case.id)).status is CaseStatus.NEW  # type: ignore[union-attr]
    assert await store.replies.cancel_pending(case.id, 301) is None
    # After a cancel a new reply may be scheduled.
    _, created = await store.replies.schedule(
        case_id=case.id,
        chat_id=CHAT,
        reply_to=10,
        thread_id=None,
        text="Ответ",
        due_at=900,
        created_by=None,
        now=302,
    )
    assert created


async def test_a_cards_latest_reply_and_follow_up_in_one_read(store: Storage) -> None:
    case, _ = await store.cases.open(new_case(), now=200)
    assert await store.replies.latest_of_each_kind(case.id) == {}

    async def schedule(text: str, now: int, kind: ReplyKind = ReplyKind.REPLY) -> None:
        await store.replies.schedule(
            case_id=case.id, chat_id=CHAT, reply_to=10, thread_id=None, text=text, due_at=900,
            created_by=None, now=now, kind=kind,
        )  # fmt: skip

    await schedule("Первый ответ", 201)
    await store.replies.cancel_pending(case.id, 202)
    await schedule("Второй ответ", 203)
    await schedule("Что исправили", 204, ReplyKind.FOLLOW_UP)
    latest = await store.replies.latest_of_each_kind(case.id)
    assert {kind: reply.text for kind, reply in latest.items()} == {
        ReplyKind.REPLY: "Второй ответ",  # the cancelled first one is older
        ReplyKind.FOLLOW_UP: "Что исправили",
    }
    assert latest[ReplyKind.REPLY] == await store.replies.latest_for_case(case.id)


async def test_admins_users_and_recipients(store: Storage) -> None:
    await store.chats.replace_admins(
        CHAT,
        [
            ChatAdmin(CHAT, 1, "Анна", "anna", False),
            ChatAdmin(CHAT, 2, "Борис", None, False),
            ChatAdmin(CHAT, 3, "Вера", None, False),
        ],
        now=100,
    )
    await store.users.started(user_id=1, name="Анна", username="anna", language_code="ru", now=100)
    await store.users.started(user_id=2, name="Борис", username=None, language_code="en", now=100)
    await store.users.mark_unreachable(2, "blocked", now=150)
    reachable, unreachable = await store.users.alert_recipients(CHAT)
    assert [u.id for u in reachable] == [1]
    assert unreachable == ["Борис", "Вера"]
    # An alert reads both in one go, with why each admin cannot be messaged.
    both, why = await store.users.reach(CHAT)
    assert [u.id for u in both] == [1] and why == [("Борис", "blocked"), ("Вера", "never_started")]
    assert await store.users.unreachable_admins(CHAT) == why
    # Pressing Start again makes an admin reachable.
    await store.users.started(user_id=2, name="Борис", username=None, language_code="en", now=200)
    reachable, _ = await store.users.alert_recipients(CHAT)
    assert [u.id for u in reachable] == [1, 2]
    assert [c.id for c in await store.chats.chats_of_admin(3)] == [CHAT]
    await store.chats.remove_admin(CHAT, 3)
    assert await store.chats.chats_of_admin(3) == []


async def test_settings_defaults_and_updates(store: Storage) -> None:
    settings = await store.chats.settings(CHAT)
    assert settings.reply_delay is None and settings.auto_schedule and settings.language == "ru"
    updated = await store.chats.update_settings(CHAT, reply_delay=900, language="en", auto_schedule=False)
    assert (updated.reply_delay, updated.language, updated.auto_schedule) == (900, "en", False)


async def test_relabel_keeps_old_and_new(store: Storage) -> None:
    case, _ = await store.cases.open(new_case(), now=200)
    old = await store.cases.relabel(case.id, Label.TROLLING, "Новый", actor_id=1, now=300)
    assert old == "constructive"
    fresh = await store.cases.get(case.id)
    assert fresh is not None and fresh.label is Label.TROLLING and fresh.reply_text == "Новый"


async def test_transaction_rolls_back_on_error(store: Storage) -> None:
    with pytest.raises(RuntimeError):
        async with store.db.transaction() as conn:
            await conn.execute("UPDATE chats SET title = 'Другое' WHERE id = ?", (CHAT,))
            raise RuntimeError("boom")
    chat = await store.chats.get(CHAT)
    assert chat is not None and chat.title == "Чат"


async def test_reply_variants_rotate_per_chat_and_label(store: Storage) -> None:
    firsts = [await store.cases.next_variant(CHAT, Label.CONSTRUCTIVE) for _ in range(3)]
    assert firsts == [0, 1, 2]
    assert await store.cases.next_variant(CHAT, Label.TROLLING) == 0  # each label counts on its own


async def test_a_case_takes_its_variant_number_as_it_opens(store: Storage) -> None:
    def draft(n: int) -> str:
        return f"Вариант {n}"

    await store.cases.next_variant(CHAT, Label.CONSTRUCTIVE)  # counted before, outside a case
    texts = [(await store.cases.open(new_case(mid), now=200, draft=draft))[0].reply_text for mid in (60, 61)]
    assert texts == ["Вариант 1", "Вариант 2"]
    stored = await store.cases.by_message(CHAT, 61)
    assert stored is not None and stored.reply_text == "Вариант 2"
    trolling = dataclasses.replace(new_case(62), label=Label.TROLLING)
    assert (await store.cases.open(trolling, now=200, draft=draft))[0].reply_text == "Вариант 0"
    assert await store.cases.next_variant(CHAT, Label.CONSTRUCTIVE) == 3  # one count, shared
    # a case rolled back takes no number
    with pytest.raises(RuntimeError):
        await store.cases.open(new_case(63), now=200, draft=lambda n: _raise(RuntimeError("no draft")))
    assert await store.cases.by_message(CHAT, 63) is None
    assert await store.cases.next_variant(CHAT, Label.CONSTRUCTIVE) == 4


def _raise(error: Exception) -> str:
    raise error


async def test_old_texts_are_forgotten_per_chat_retention(store: Storage) -> None:
    await store.chats.update_settings(CHAT, retention_days=10)
    old, _ = await store.cases.open(new_case(10), now=100)
    fresh, _ = await store.cases.open(new_case(11), now=100 + 9 * 86400)
    assert await store.cases.forget_old_texts(now=100 + 10 * 86400 + 1) == 1
    gone = await store.cases.get(old.id)
    kept = await store.cases.get(fresh.id)
    assert gone is not None and gone.text == "" and gone.label is Label.CONSTRUCTIVE
    assert kept is not None and kept.text == "Заказ 12 не пришёл"
    assert await store.cases.forget_old_texts(now=100 + 10 * 86400 + 2) == 0


async def test_a_chats_templates_are_read_once_and_dropped_when_changed(store: Storage) -> None:
    await store.templates.put(CHAT, "trolling", "ru", ["Один ответ"], by=1, now=100)
    await store.templates.put(CHAT, "trolling", "en", ["One reply"], by=1, now=100)
    assert await store.templates.get(CHAT, "trolling", "ru") == ["Один ответ"]
    await store.db.execute("DELETE FROM chat_templates WHERE chat_id = ?", (CHAT,))  # behind its back
    assert await store.templates.get(CHAT, "trolling", "en") == ["One reply"]  # kept: one read per chat
    await store.templates.put(CHAT, "impulsive", "ru", ["Слышим"], by=1, now=101)  # a change drops it
    assert await store.templates.get(CHAT, "trolling", "en") is None
    assert await store.templates.get(CHAT, "impulsive", "ru") == ["Слышим"]
    await store.templates.reset(CHAT, "impulsive", "ru")
    assert await store.templates.get(CHAT, "impulsive", "ru") is None
