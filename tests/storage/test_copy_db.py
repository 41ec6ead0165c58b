"""``python -m bot copy-db``: a SQLite database filled through the repositories, copied to SQLite and to
PostgreSQL (a fresh schema; see conftest.py), then read back through the repositories."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from bot.cli.copy_db import mask_url, redact
from bot.domain.incidents import AnswerKind
from bot.domain.learning import NewExample, Source
from bot.domain.models import Author, CaseStatus, ChatAdmin, NewCase, ReplyKind
from bot.domain.notes import Note
from bot.domain.verdicts import Label
from storage import IntegrityError, Storage
from storage.copy import CopyError, copy_database, tables
from storage.database import Database
from storage.fsm import FsmKey
from tests.storage.conftest import Backend

ROOT = Path(__file__).resolve().parents[2]
CHAT = -1001
OTHER = -1002
ANNA, BORIS = 11, 12
NOW = 1_764_000_000


def _case(chat_id: int, message_id: int, label: Label, author: int) -> NewCase:
    return NewCase(
        chat_id=chat_id,
        message_id=message_id,
        thread_id=5 if message_id % 2 else None,
        is_topic=message_id % 3 == 0,
        author=Author(id=author, name=f"Автор {author}", username=None if author % 2 else f"a{author}", is_chat=False),
        text=f"Заказ {message_id} не пришёл, верните деньги",
        label=label,
        toxic=label is Label.TROLLING,
        confidence=0.5 + message_id / 100,
        reasons=("называет проблему", f"детали: {message_id}"),
        problem="доставка заказа",
        wave_id="w1" if label is Label.DIRECTED else None,
        reply_text="Ответ «с кавычками» & <тегами>",
    )


async def fill(s: Storage) -> list[int]:
    """Something in every table, through the repositories; returns the case ids."""
    await s.chats.upsert(chat_id=CHAT, title="Кофейня <Зерно> & Co", type_="supergroup", username="zerno", now=NOW)
    await s.chats.upsert(chat_id=OTHER, title="Другой", type_="supergroup", username=None, now=NOW, is_forum=True)
    admins = [ChatAdmin(CHAT, ANNA, "Анна", "anna", False), ChatAdmin(CHAT, BORIS, "Борис", None, False)]
    await s.chats.replace_admins(CHAT, admins, now=NOW)
    await s.chats.put_admin(ChatAdmin(OTHER, ANNA, "Анна", "anna", True))
    await s.chats.update_settings(
        CHAT, reply_delay=900, language="en", quiet_start=22 * 60, quiet_end=7 * 60, timezone="Europe/Moscow"
    )
    await s.chats.update_settings(OTHER, digest=True, alert_labels=("constructive", "trolling"), retention_days=7)
    await s.users.started(user_id=ANNA, name="Анна", username="anna", language_code="ru", now=NOW)
    await s.users.started(user_id=BORIS, name="Борис", username=None, language_code=None, now=NOW)
    await s.users.mark_unreachable(BORIS, "blocked", now=NOW + 1)
    await s.instances.register("otklik-bot1:1", "otklik-bot1", 1, now=NOW)
    s.db.owner = "otklik-bot1:1"  # stamped on the cases it opens and the replies it claims
    ids = []
    labels = [Label.CONSTRUCTIVE, Label.IMPULSIVE, Label.TROLLING, Label.DIRECTED, Label.CONSTRUCTIVE]
    for n, label in enumerate(labels, start=1):
        case, _ = await s.cases.open(_case(CHAT if n < 5 else OTHER, 100 + n, label, 20 + n), now=NOW + n)
        ids.append(case.id)
        await s.cases.count_message(case.chat_id, label, now=NOW + n)
        await s.cases.next_variant(case.chat_id, label)
        await s.cases.add_alert(case.id, ANNA, 5000 + n, now=NOW + n)
    await s.cases.note_miss(ids[0], BORIS, "Telegram server says - Bad Gateway", now=NOW + 5)
    await s.cases.count_message(CHAT, Label.NEUTRAL, now=NOW + 86400)
    assert await s.cases.claim_wave_lead(CHAT, "w1", ids[3]) == ids[3]
    await s.cases.take(ids[0], ANNA, "Анна", now=NOW + 10)
    await s.cases.relabel(ids[2], Label.IMPULSIVE, "Другой ответ", actor_id=BORIS, now=NOW + 11)
    await s.cases.set_status(ids[4], CaseStatus.RESOLVED, actor_id=ANNA, now=NOW + 12, detail="починили")
    await s.cases.set_resolution(ids[4], "Заменили курьера")
    await s.cases.set_note(ids[1], Note.of("note.taken", who="Анна"))
    conversation = FsmKey(bot_id=7, chat_id=ANNA, user_id=ANNA)
    await s.fsm.set_state(conversation, "CaseInput:reply", now=NOW + 13)
    await s.fsm.set_data(conversation, {"case_id": ids[0], "draft": "Черновик «ответа» & <тегами>"}, now=NOW + 13)
    for case_id, chat, reply_to, due_at, by, kind in [
        (ids[0], CHAT, 101, NOW, ANNA, ReplyKind.REPLY),
        (ids[1], CHAT, 102, NOW + 7200, None, ReplyKind.REPLY),
        (ids[4], OTHER, 105, NOW + 60, ANNA, ReplyKind.FOLLOW_UP),
    ]:
        await s.replies.schedule(
            case_id=case_id,
            chat_id=chat,
            reply_to=reply_to,
            thread_id=5 if reply_to % 2 else None,
            text=f"Ответ на {reply_to}",
            due_at=due_at,
            created_by=by,
            now=NOW,
            kind=kind,
        )
    sent = await s.replies.live_for_case(ids[0])
    assert sent is not None and await s.replies.claim(sent.id, NOW + 1)
    await s.replies.mark_sent(sent.id, 9001, now=NOW + 2)
    await s.stats.mute(OTHER, ANNA, now=NOW)
    await s.templates.put(CHAT, "constructive", "ru", ["{name}, спасибо", "Разберёмся"], by=ANNA, now=NOW)
    assert await s.updates.take(777, "{}", now=NOW)
    await s.updates.keep([(778, '{"update_id": 778, "message": {"text": "ещё не разобрано"}}')], now=NOW)
    await s.updates.keep([(779, '{"update_id": 779}')], now=NOW)
    await s.updates.fail(779, "OperationalError: database is locked", now=NOW, delays=(5,), chat_id=CHAT)
    await s.updates.fail(779, "OperationalError: database is locked", now=NOW + 5, delays=(5,), chat_id=CHAT)
    decision = NewExample(
        chat_id=CHAT,
        case_id=ids[0],
        actor_id=ANNA,
        source=Source.RELABEL,
        label=Label.NEUTRAL,
        bot_label=Label.CONSTRUCTIVE,
        bot_confidence=0.77,
        features=(12, 345, 262143),
        text="Кофе «холодный» & <сладкий>",
    )
    await s.learning.add_example(decision, NOW + 3)
    await s.learning.save_layer(CHAT, '{"layer": "как есть"}', 1, expected=0, active_since=NOW + 3, now=NOW + 3)
    # An incident with its candidates, card and answer; a dismissed one; a digest card with a folded alert.
    for case_id in ids[:2]:
        await s.incidents.add_candidate(case_id, CHAT, 20 + case_id, {"payment", "app"}, NOW + 20)
    incident = await s.incidents.create(CHAT, "payment", "не проходит оплата", ids[:2], NOW + 1, NOW + 2, NOW + 20)
    await s.incidents.add_card(incident.id, ANNA, 6001)
    assert await s.incidents.claim_card(incident.id, ANNA + 1, "instance-a", NOW + 21)  # a card being sent
    await s.incidents.published(incident.id, 9100, "Мы знаем о проблеме", NOW + 30)
    await s.incidents.claim_answer(incident.id, 21, AnswerKind.STATEMENT, ids[0], NOW + 31)
    dismissed = await s.incidents.create(
        CHAT, "delivery", "задерживается доставка", [ids[2]], NOW + 3, NOW + 3, NOW + 21
    )
    await s.incidents.dismiss(dismissed.id, ANNA, NOW + 40)
    await s.digests.add(OTHER, ANNA, 6002, NOW + 50)
    await s.digests.fold(ids[4], BORIS, 6003, NOW + 50)
    return ids


@dataclass
class Snapshot:
    """What the repositories read back: must be the same after a copy."""

    values: dict[str, Any]


async def read_back(s: Storage, ids: list[int]) -> Snapshot:
    values: dict[str, Any] = {}
    for chat in (CHAT, OTHER):
        values[f"chat {chat}"] = await s.chats.get(chat)
        values[f"admins {chat}"] = await s.chats.admins(chat)
        values[f"settings {chat}"] = await s.chats.settings(chat)
        values[f"cases {chat}"] = await s.cases.list_for_chat(chat)
        values[f"counts {chat}"] = await s.stats.message_counts(chat)
        values[f"pending {chat}"] = await s.stats.pending_replies(chat)
        values[f"recipients {chat}"] = await s.users.alert_recipients(chat)
    values["chats of anna"] = await s.chats.chats_of_admin(ANNA)
    values["live instances"] = await s.instances.live("otklik-bot2:1", "otklik-bot2", 1, now=NOW + 10)
    values["wave lead"] = await s.cases.claim_wave_lead(CHAT, "w1", ids[0])
    values["users"] = [await s.users.get(user) for user in (ANNA, BORIS)]
    values["inbox"] = await s.updates.waiting()
    values["dead updates"] = await s.updates.dead()
    values["owed copies"] = await s.cases.missing_copies(NOW - 86400, NOW + 30)
    values["muted"] = await s.stats.is_muted(OTHER, ANNA)
    values["incidents"] = [await s.incidents.get(i) for i in (1, 2)]
    values["incident summary"] = await s.incidents.summary(1)
    values["incident cards"] = await s.incidents.cards(1)
    values["incident candidates"] = await s.incidents.candidates(CHAT, "app", 0)
    values["corrections"] = await s.incidents.corrections(CHAT)
    values["answers"] = await s.incidents.answered(1, AnswerKind.STATEMENT)
    values["digest"] = await s.digests.current(OTHER, ANNA, 0)
    values["template"] = await s.templates.get(CHAT, "constructive", "ru")
    values["decisions"] = await s.learning.examples(CHAT)
    values["chat layer"] = await s.learning.layer(CHAT)
    conversation = FsmKey(bot_id=7, chat_id=ANNA, user_id=ANNA)
    values["conversation"] = (await s.fsm.state(conversation), await s.fsm.data(conversation))
    for case_id in ids:
        values[f"case {case_id}"] = await s.cases.get(case_id)
        values[f"events {case_id}"] = await s.cases.events(case_id)
        values[f"alerts {case_id}"] = await s.cases.alerts(case_id)
        values[f"reply {case_id}"] = await s.replies.latest_for_case(case_id)
        values[f"followup {case_id}"] = await s.replies.latest_for_case(case_id, ReplyKind.FOLLOW_UP)
    return Snapshot(values)


async def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, columns by name, rows sorted: equal for equal data on either backend."""
    found = {}
    for table in await tables(db):
        columns = sorted(table.columns)
        rows = await db.fetchall(f"SELECT {', '.join(columns)} FROM {table.name}")
        found[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return found


@pytest.fixture
async def source(tmp_path: Path) -> AsyncIterator[tuple[Storage, list[int]]]:
    s = await Storage.open(tmp_path / "src.sqlite3")
    try:
        yield s, await fill(s)
    finally:
        await s.close()  # closing twice is harmless


async def test_copy_reads_back_the_same_through_the_repositories(
    source: tuple[Storage, list[int]], backend: Backend
) -> None:
    src, ids = source
    before = await read_back(src, ids)
    src_rows = await dump(src.db)
    empty = [name for name, rows in src_rows.items() if not rows]
    assert not empty, f"a new table? give {empty} rows in fill() above, so that its copy is tested"
    dst = await backend.open()
    try:
        done: list[tuple[str, int]] = []
        report = await copy_database(src.db, dst.db, batch_size=2, on_table=lambda t, n: done.append((t, n)))
        assert done == list(report.rows.items())
        assert report.rows == {name: len(rows) for name, rows in src_rows.items()}
        assert await dump(dst.db) == src_rows
        assert (await read_back(dst, ids)).values == before.values
        # New rows continue after the copied ones.
        assert report.next_ids["cases"] == max(ids) + 1
        case, created = await dst.cases.open(_case(CHAT, 999, Label.IMPULSIVE, 40), now=NOW + 100)
        assert created and case.id == max(ids) + 1
        reply, _ = await dst.replies.schedule(
            case_id=case.id, chat_id=CHAT, reply_to=999, thread_id=None, text="x", due_at=NOW, created_by=None, now=NOW
        )
        assert reply.id == report.next_ids["replies"]
        # A repeat of an update seen before the move is still recognised.
        assert not await dst.updates.take(777, "{}", now=NOW)
    finally:
        await dst.close()


async def test_round_trip_back_to_sqlite_and_ids_never_reused(
    source: tuple[Storage, list[int]], backend: Backend, tmp_path: Path
) -> None:
    src, _ = source
    # Ids the source handed out for rows that are gone are not handed out again after the move.
    await src.db.execute("UPDATE sqlite_sequence SET seq = 40 WHERE name = 'cases'")
    dst = await backend.open()
    back = await Storage.open(tmp_path / "back.sqlite3")
    try:
        await copy_database(src.db, dst.db)
        report = await copy_database(dst.db, back.db)
        assert await dump(back.db) == await dump(src.db)
        assert report.next_ids["cases"] == 41
        for storage in (dst, back):
            case, _ = await storage.cases.open(_case(CHAT, 999, Label.IMPULSIVE, 40), now=NOW + 100)
            assert case.id == 41
    finally:
        for storage in (dst, back):
            await storage.close()


async def test_refuses_a_destination_that_holds_data(source: tuple[Storage, list[int]], backend: Backend) -> None:
    src, _ = source
    dst = await backend.open()
    try:
        await dst.chats.upsert(chat_id=-5, title="Уже здесь", type_="group", username=None, now=NOW)
        before = await dump(dst.db)
        with pytest.raises(CopyError, match=r"destination already holds data \(table chats is not empty\)"):
            await copy_database(src.db, dst.db)
        assert await dump(dst.db) == before
    finally:
        await dst.close()


async def test_a_failed_copy_leaves_the_destination_empty(source: tuple[Storage, list[int]], backend: Backend) -> None:
    src, _ = source
    # An orphan event (written with foreign keys off) is refused by the destination halfway through the copy.
    await src.db.execute("PRAGMA foreign_keys=OFF")
    await src.db.execute("INSERT INTO case_events (case_id, action, created_at) VALUES (999, 'opened', 1)")
    dst = await backend.open()
    try:
        with pytest.raises(IntegrityError, match=r"(?i)foreign key"):
            await copy_database(src.db, dst.db, batch_size=3)
        assert {name: rows for name, rows in (await dump(dst.db)).items() if rows} == {}
    finally:
        await dst.close()


async def test_refuses_a_source_behind_the_schema(tmp_path: Path) -> None:
    src = await Storage.open(tmp_path / "old.sqlite3", migrate=False)
    dst = await Storage.open(tmp_path / "new.sqlite3")
    try:
        with pytest.raises(CopyError, match=r"source is at schema version 0, this code expects \d+: upgrade it first"):
            await copy_database(src.db, dst.db)
    finally:
        await src.close()
        await dst.close()


async def test_table_order_comes_from_the_schema(backend: Backend, tmp_path: Path) -> None:
    sqlite = await Storage.open(tmp_path / "order.sqlite3")
    other = await backend.open()
    try:
        for storage in (sqlite, other):
            order = await tables(storage.db)
            names = [table.name for table in order]
            assert "schema_version" not in names and not any(name.startswith("sqlite_") for name in names)
            for position, table in enumerate(order):
                assert table.parents <= set(names[:position]), table.name
        assert {t.name: set(t.columns) for t in await tables(sqlite.db)} == {
            t.name: set(t.columns) for t in await tables(other.db)
        }
    finally:
        await sqlite.close()
        await other.close()


# The command line -------------------------------------------------------------------------------


def _with_password(url: str) -> tuple[str, str]:
    """(url, password): the URL with a password in it (trust auth ignores a made-up one)."""
    parts = urlsplit(url)
    if parts.password:
        return url, parts.password
    password = "s3cret-Pa55word"
    user, _, host = parts.netloc.rpartition("@")
    return urlunsplit(parts._replace(netloc=f"{user}:{password}@{host}")), password


async def _copy_db(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("BOT_TOKEN", None)
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", "copy-db", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def test_cli_copies_prints_counts_and_never_the_password(
    source: tuple[Storage, list[int]], backend: Backend, tmp_path: Path
) -> None:
    src, ids = source
    src_rows = await dump(src.db)
    await src.close()
    dst_url, password = _with_password(backend.url) if backend.name == "postgresql" else (backend.url, "")
    src_url = f"sqlite:///{tmp_path / 'src.sqlite3'}"

    done = await _copy_db(src_url, dst_url, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    output = done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"Copying {src_url} -> {mask_url(dst_url)}"
    for name, rows in src_rows.items():
        assert f"  {name:<20} {len(rows):>12,}" in lines
    total = sum(len(rows) for rows in src_rows.values())
    assert f"Copied {total:,} rows in {len(src_rows)} tables" in done.stdout
    assert f"cases {max(ids) + 1}" in lines[-1]
    if password:
        assert password not in output and ":***@" in done.stdout

    again = await _copy_db(src_url, dst_url, cwd=tmp_path)
    assert again.returncode == 1 and again.stderr.count("\n") == 1
    assert again.stderr.startswith("copy-db: the destination already holds data (table chats is not empty)")
    if password:
        assert password not in again.stdout + again.stderr

    dst = await backend.open()
    try:
        assert await dump(dst.db) == src_rows
    finally:
        await dst.close()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["sqlite:///missing.sqlite3", "sqlite:///new.sqlite3"],
            1,
            "copy-db: the source database missing.sqlite3 does not exist",
        ),
        (["sqlite:///a.sqlite3", "sqlite:///./a.sqlite3"], 1, "copy-db: SRC and DST are the same database"),
        (["mysql://x/y", "sqlite:///new.sqlite3"], 2, "copy-db: bad URL: expected sqlite:///"),
    ],
)
async def test_cli_refusals(tmp_path: Path, args: list[str], code: int, message: str) -> None:
    done = await _copy_db(*args, cwd=tmp_path)
    assert done.returncode == code and done.stderr.startswith(message), done.stderr
    assert not (tmp_path / "new.sqlite3").exists()


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        ("sqlite:///data/bot.sqlite3", "sqlite:///data/bot.sqlite3"),
        ("postgresql://otklik@db:5432/otklik", "postgresql://otklik@db:5432/otklik"),
        (
            "postgresql://otklik:p%40ss@db:5432/otklik?search_path=s",
            "postgresql://otklik:***@db:5432/otklik?search_path=s",
        ),
        ("postgres://u:pw@[::1]/d", "postgres://u:***@[::1]/d"),
        ("postgresql://u@h/d?password=top&sslmode=require", "postgresql://u@h/d?password=***&sslmode=require"),
    ],
)
def test_passwords_are_masked(url: str, masked: str) -> None:
    assert mask_url(url) == masked
    assert redact("error for u:p%40ss and p@ss, top and pw", url).count("***") == {
        "postgresql://otklik:p%40ss@db:5432/otklik?search_path=s": 2,
        "postgres://u:pw@[::1]/d": 1,
        "postgresql://u@h/d?password=top&sslmode=require": 1,
    }.get(url, 0)
