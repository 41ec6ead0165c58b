"""Security: the token never leaks into logs or errors; forged buttons from outsiders do nothing."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from bot.domain.models import CaseStatus
from bot.fake_api import FakeTelegram, Fault, serve
from bot.fake_api.core import user
from tests.conftest import ANNA, DMITRY, GROUP, STRANGER, Harness

TOKEN = "424242:AAE-sEcReT-PaRt_ofTheToken-1234567"
SECRET = TOKEN.split(":", 1)[1]
E2E_GROUP = -1001888000001
OWNER = user(8001, "Ирина", "irina")
AUTHOR = user(8101, "Кирилл")
COMPLAINT = "Заказ 5531 не доставили, курьер не звонил, деньги списали 3 дня назад. Верните деньги!"


def _sent_to(chat_id: int):  # type: ignore[no-untyped-def]
    return lambda call: call.method == "sendMessage" and call.params.get("chat_id") == chat_id


@pytest.mark.e2e
async def test_token_never_in_logs_through_errors_and_a_network_drop(tmp_path: Path) -> None:
    fake = FakeTelegram()
    fake.add_group(E2E_GROUP, "Магазин «Осень»", owner=OWNER)
    log_path = tmp_path / "bot.log"
    env = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}",
        "IMPULSIVE_REPLY_DELAY": "1d",
        "LOG_LEVEL": "DEBUG",
    }
    proc: asyncio.subprocess.Process | None = None
    try:
        async with serve(fake, TOKEN) as base_url:
            port = base_url.rsplit(":", 1)[1]
            handle = log_path.open("ab")
            proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                cwd=str(tmp_path),
                env={**env, "TELEGRAM_API_BASE": base_url},
                stdout=handle,
                stderr=handle,
            )
            handle.close()
            await fake.wait_for(lambda c: c.method == "getMe", timeout=30)
            # Errors of every kind: 401 and 500 on polling, 500s on the calls a comment makes.
            fake.faults.extend(
                [
                    Fault("getUpdates", 401, "Unauthorized", times=1),
                    Fault("getUpdates", 500, "Internal Server Error", times=1),
                    Fault("getChat", 500, "Internal Server Error", times=1),
                    Fault("getChatAdministrators", 500, "Internal Server Error", times=1),
                ]
            )
            fake.private_message(OWNER, "/start")
            fake.bot_added(E2E_GROUP, OWNER)
            await fake.wait_for(_sent_to(OWNER["id"]), timeout=30)  # the /start answer, after the faults
            await fake.wait_for(lambda c: c.method == "getChatAdministrators", count=1, timeout=30)
            fake.faults.append(Fault("sendMessage", 500, "Internal Server Error", chat_id=OWNER["id"], times=1))
            fake.comment(E2E_GROUP, AUTHOR, COMPLAINT)
            await fake.wait_for(_sent_to(OWNER["id"]), count=2, timeout=30)  # the failed alert try
            fake.faults.append(Fault("getChatMember", 401, "Unauthorized", times=1))
            fake.press(OWNER, fake.messages[(E2E_GROUP, 100)], "case:send:1")
            await fake.wait_for(lambda c: c.method == "getChatMember", timeout=30)
            await asyncio.sleep(0.5)
        # The server is gone mid-run: polling fails with connection errors for a while.
        await asyncio.sleep(3)
        async with serve(fake, TOKEN, port=int(port)):
            # Back again: the bot polls again and answers.
            answers = len(fake.sent("sendMessage", OWNER["id"]))
            fake.private_message(OWNER, "/help")
            await fake.wait_for(_sent_to(OWNER["id"]), count=answers + 1, timeout=30)
            assert proc.returncode is None
            proc.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(proc.wait(), 30) == 0
    except BaseException:
        print(log_path.read_text(encoding="utf-8", errors="replace")[-3000:])
        raise
    finally:
        if proc is not None and proc.returncode is None:
            proc.kill()
            await proc.wait()
    log = log_path.read_text(encoding="utf-8", errors="replace")
    assert "Failed to fetch updates" in log  # the errors did happen and were logged
    assert "Unauthorized" in log
    assert TOKEN not in log
    assert SECRET not in log
    assert SECRET.lower() not in log.lower()


# --- forged buttons from the admin of another chat ----------------------------------------------

OTHER_GROUP = -1001000000077
GLEB = user(1501, "Глеб", "gleb_other_admin")
CONSTRUCTIVE = "Заказ №4821 ждал 3 часа, курьер не позвонил, а деньги с карты списали. Верните деньги!"


async def test_admin_of_another_chat_can_neither_see_nor_act(ready: Harness) -> None:
    ready.fake.add_group(OTHER_GROUP, "Чужая <группа>", owner=GLEB)
    ready.fake.bot_added(OTHER_GROUP, GLEB)
    await ready.start_admins(GLEB)
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    # He does not see it: no alert to him, and /start lists only his own chat.
    assert ready.alerts_to(GLEB["id"]) == []
    start_answer = ready.fake.sent("sendMessage", GLEB["id"])[-1].params["text"]
    assert "Чужая" in start_answer and "Зерно" not in start_answer
    alert = ready.alerts_to(ANNA["id"])[0]
    for data in (
        f"case:send:{case.id}",
        f"case:later:{case.id}",
        f"case:edit:{case.id}",
        f"case:ignore:{case.id}",
        f"case:resolve:{case.id}",
        f"case:label:{case.id}:positive",
        f"case:cancel:{case.id}",
    ):
        await ready.press(GLEB, alert, data)
    # Nothing happened in either chat, the case is untouched, and he was told he cannot.
    assert ready.posted_in_group() == []
    assert ready.fake.sent("sendMessage", OTHER_GROUP) == []
    fresh = await ready.storage.cases.get(case.id)
    assert fresh is not None and fresh.status is CaseStatus.NEW and fresh.label is case.label
    assert fresh.reply_text == case.reply_text
    assert await ready.conversation(GLEB).get_state() is None  # not asked to type anything
    answers = [c for c in ready.fake.sent("answerCallbackQuery")]
    assert len(answers) == 7 and all("админ" in str(a.params.get("text")) for a in answers)
    assert [e for e in await ready.storage.cases.events(case.id) if e[0] == GLEB["id"]] == []
    # His own chat's cases stay his: an outsider of his chat cannot act there either.
    ready.fake.comment(OTHER_GROUP, STRANGER, CONSTRUCTIVE)
    await ready.feed()
    other_case = (await ready.storage.cases.list_for_chat(OTHER_GROUP))[0]
    await ready.press(ANNA, ready.alerts_to(GLEB["id"])[0], f"case:send:{other_case.id}")
    assert ready.fake.sent("sendMessage", OTHER_GROUP) == []
