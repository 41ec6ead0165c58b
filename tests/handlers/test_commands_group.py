"""Admin commands sent in a group: rights checked live, answers in private, one chat's data only."""

from __future__ import annotations

import csv
import io
import struct
import sys
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiogram import Bot
from aiogram.methods import TelegramMethod
from aiogram.types import BufferedInputFile

from bot.domain.models import ReplyStatus
from bot.fake_api.core import FakeTelegram, user
from bot.services.report import DailySeries
from bot.telegram import chart
from tests.conftest import ANNA, BORIS, DMITRY, GROUP, OLGA, STRANGER, VERA, Harness

GROUP2 = -1001000000077
GLEB = user(1010, "Глеб", "gleb_admin")
CONSTRUCTIVE = "Заказ №4821 ждал 3 часа, курьер не позвонил, а деньги с карты списали. Верните деньги!"
IMPULSIVE = "Да вы задолбали!!! Худшая кофейня в городе, бесите"
OTHER_CHAT_COMPLAINT = "Хлеб №77 привезли чёрствый, курьер опоздал на 2 часа, верните деньги за заказ!"


# The fake Bot API answers media uploads; the test also keeps the uploaded bytes.


def _media(fake: FakeTelegram, params: dict[str, Any], kind: str) -> Any:
    chat_id = params.get("chat_id")
    if chat_id in fake.blocked:
        return fake._error(403, "Forbidden: bot can't initiate conversation with a user")
    assert isinstance(chat_id, int)
    message: dict[str, Any] = {
        "message_id": fake.next_message_id(chat_id),
        "date": int(fake.clock()),
        "chat": fake._chat_for(chat_id),
        "from": fake.bot_user,
    }
    if kind == "photo":
        message["photo"] = [{"file_id": "p1", "file_unique_id": "p1", "width": 1200, "height": 600}]
    else:
        message["document"] = {"file_id": "d1", "file_unique_id": "d1", "file_name": "cases.csv"}
    if params.get("caption"):
        message["caption"] = params["caption"]
    return message


class Uploads:
    """A request middleware that records every file the bot uploads."""

    def __init__(self) -> None:
        self.files: list[tuple[str, int, str, bytes]] = []

    async def __call__(
        self,
        make_request: Callable[[Bot, TelegramMethod[Any]], Awaitable[Any]],
        bot: Bot,
        method: TelegramMethod[Any],
    ) -> Any:
        for name in ("photo", "document"):
            value = getattr(method, name, None)
            if isinstance(value, BufferedInputFile):
                chat_id = getattr(method, "chat_id", 0)
                self.files.append((name, int(chat_id), value.filename or "", value.data))
        return await make_request(bot, method)


def enable_media(h: Harness) -> Uploads:
    fake = h.fake
    fake._m_sendPhoto = lambda params: _media(fake, params, "photo")  # type: ignore[attr-defined]
    fake._m_sendDocument = lambda params: _media(fake, params, "document")  # type: ignore[attr-defined]
    uploads = Uploads()
    h.bot.session.middleware(uploads)
    return uploads


def texts_to(h: Harness, chat_id: int) -> list[str]:
    return [
        str(c.params.get("text") or c.params.get("caption") or "")
        for c in h.fake.calls
        if c.method in ("sendMessage", "sendPhoto", "sendDocument") and c.params.get("chat_id") == chat_id
    ]


def data_calls(h: Harness, chat_id: int) -> list[str]:
    return [c.method for c in h.fake.calls if c.params.get("chat_id") == chat_id]


async def command(h: Harness, who: dict[str, Any], text: str, chat_id: int = GROUP, **extra: Any) -> None:
    message = h.fake.comment(chat_id, who, text, **extra)
    message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    await h.feed()


@pytest.fixture
async def two_chats(ready: Harness) -> Harness:
    """GROUP as in ``ready`` plus GROUP2, where only Gleb is an admin; a complaint in each."""
    ready.fake.add_group(GROUP2, "Пекарня <Колос>", owner=GLEB)
    await ready.start_admins(GLEB)
    ready.fake.bot_added(GROUP2, GLEB)
    await ready.feed()
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    ready.fake.comment(GROUP2, OLGA, OTHER_CHAT_COMPLAINT)
    await ready.feed()
    assert len(await ready.storage.cases.list_for_chat(GROUP)) == 1
    assert len(await ready.storage.cases.list_for_chat(GROUP2)) == 1
    return ready


# Who may ask ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["/stats", "/cases", "/pending", "/export", "/settings", "/check верните деньги", "/help"]
)
async def test_non_admin_gets_no_data_only_a_private_hint(two_chats: Harness, text: str) -> None:
    h = two_chats
    uploads = enable_media(h)
    h.fake.private_message(STRANGER, "/start")
    await h.feed()
    before = len(h.fake.calls)
    await command(h, STRANGER, text)
    new = h.fake.calls[before:]
    to_stranger = [c for c in new if c.params.get("chat_id") == STRANGER["id"]]
    assert [c.method for c in to_stranger] == ["sendMessage"]
    assert "только для админов" in to_stranger[0].params["text"]
    assert "Кофейня &lt;Зерно&gt; &amp; Co" in to_stranger[0].params["text"]
    assert not [c for c in new if c.params.get("chat_id") == GROUP and c.method.startswith("send")]
    assert not uploads.files
    assert not [c for c in h.fake.calls if c.method in ("deleteMessage", "deleteMessages")]
    # The command was not classified as a comment either.
    assert len(await h.storage.cases.list_for_chat(GROUP)) == 1


async def test_non_admin_who_never_started_gets_nothing_at_all(two_chats: Harness) -> None:
    h = two_chats
    h.fake.blocked.add(STRANGER["id"])
    before = len(h.fake.calls)
    await command(h, STRANGER, "/cases")
    sent = [c for c in h.fake.calls[before:] if c.method == "sendMessage" and c.params.get("chat_id") != STRANGER["id"]]
    assert sent == []


async def test_admin_of_one_chat_gets_no_data_in_the_other(two_chats: Harness) -> None:
    h = two_chats
    uploads = enable_media(h)
    for text in ("/cases", "/stats", "/export", "/pending", "/settings"):
        await command(h, ANNA, text, chat_id=GROUP2)
    answers = texts_to(h, ANNA["id"])
    assert not any("Хлеб" in a or "Ольга" in a for a in answers)
    assert all("только для админов" in a for a in answers[-5:])
    assert not uploads.files


async def test_anonymous_admin_gets_a_note_in_the_group_without_data(two_chats: Harness) -> None:
    h = two_chats
    before = len(h.fake.calls)
    await command(h, user(1087968824, "Group"), "/cases", sender_chat=h.fake.public_chat(GROUP))
    new = [c for c in h.fake.calls[before:] if c.method == "sendMessage"]
    assert len(new) == 1 and new[0].params["chat_id"] == GROUP
    assert "анонимно" in new[0].params["text"]
    assert "Дмитрий" not in new[0].params["text"] and "4821" not in new[0].params["text"]


async def test_admin_who_never_pressed_start_is_told_in_the_group_without_data(two_chats: Harness) -> None:
    h = two_chats  # Vera is an admin but blocked (never pressed Start)
    before = len(h.fake.calls)
    await command(h, VERA, "/cases")
    in_group = [c for c in h.fake.calls[before:] if c.method == "sendMessage" and c.params["chat_id"] == GROUP]
    assert len(in_group) == 1
    assert "Start" in in_group[0].params["text"] and "4821" not in in_group[0].params["text"]


# /cases ---------------------------------------------------------------------------------------------


async def test_cases_lists_open_cases_with_link_and_who_has_them(two_chats: Harness) -> None:
    h = two_chats
    h.fake.comment(GROUP, OLGA, IMPULSIVE)
    await h.feed()
    cases = await h.storage.cases.list_for_chat(GROUP)
    alert = h.alerts_to(ANNA["id"])[0]
    await h.press(BORIS, alert, f"case:take:{cases[0].id}")
    await command(h, ANNA, "/cases")
    text = texts_to(h, ANNA["id"])[-1]
    assert "Открытые случаи" in text and ": 2" in text
    assert f'href="https://t.me/c/{str(GROUP)[4:]}/{cases[0].message_id}"' in text
    assert "в работе: Борис" in text and "никто не взял" in text
    assert "Дмитрий" in text and "Ольга" in text
    assert "Хлеб" not in text  # the other chat's case
    assert not [
        c
        for c in h.fake.calls
        if c.method == "sendMessage" and c.params["chat_id"] == GROUP and "Открытые" in c.params["text"]
    ]


async def test_cases_of_second_chat_show_only_its_own(two_chats: Harness) -> None:
    h = two_chats
    await command(h, GLEB, "/cases", chat_id=GROUP2)
    text = texts_to(h, GLEB["id"])[-1]
    assert "Пекарня &lt;Колос&gt;" in text and "Ольга" in text
    assert "Дмитрий" not in text and "Кофейня" not in text


# /stats -----------------------------------------------------------------------------------------------


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


async def test_stats_sends_chart_and_summary_privately(two_chats: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    h = two_chats
    uploads = enable_media(h)
    seen: list[DailySeries] = []
    real = chart.render_chart

    def spy(series: DailySeries, title: str, lang: str) -> bytes:
        seen.append(series)
        return real(series, title, lang)

    monkeypatch.setattr(chart, "render_chart", spy)
    # Yesterday: the complaint (opened by the fixture). Today: venting, a troll, a neutral question.
    h.clock.advance(86400)
    h.fake.comment(GROUP, OLGA, IMPULSIVE)
    h.fake.comment(GROUP, STRANGER, "Во сколько вы завтра открываетесь?")
    await h.feed()
    cases = await h.storage.cases.list_for_chat(GROUP)
    complaint, venting = cases[0], cases[1]
    alert = next(a for a in h.alerts_to(ANNA["id"]) if f"case:resolve:{complaint.id}" in str(a["reply_markup"]))
    await h.press(ANNA, alert, f"case:resolve:{complaint.id}")
    venting_alert = next(a for a in h.alerts_to(ANNA["id"]) if f":{venting.id}" in str(a["reply_markup"]))
    await h.press(ANNA, venting_alert, f"case:label:{venting.id}:trolling")

    await command(h, ANNA, "/stats 7d")
    photos = [f for f in uploads.files if f[0] == "photo"]
    assert len(photos) == 1 and photos[0][1] == ANNA["id"]
    assert _png_size(photos[0][3]) == (1200, 600)
    series = seen[-1]
    assert len(series.days) == 7
    assert series.counts["constructive"][-2:] == (1, 0)
    assert series.counts["trolling"][-2:] == (0, 1)  # relabelled: counted under the corrected label
    assert series.counts["impulsive"] == (0,) * 7
    caption = h.fake.sent("sendPhoto", ANNA["id"])[-1].params["caption"]
    assert "Негативных случаев: <b>2</b>" in caption
    assert "Доля негатива среди сообщений: <b>67%</b> (2 из 3)" in caption
    assert "эмоциональный 0% (0/1)" in caption  # the bot's "impulsive" was corrected
    assert "Открыто сейчас: <b>1</b>" in caption
    assert "Кофейня &lt;Зерно&gt; &amp; Co" in caption
    assert not h.fake.sent("sendPhoto", GROUP)
    assert not [c for c in h.fake.sent("sendMessage", GROUP) if "Негатив" in c.params["text"]]


async def test_stats_counts_only_this_chat(two_chats: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    h = two_chats
    enable_media(h)
    seen: list[DailySeries] = []
    real = chart.render_chart
    monkeypatch.setattr(chart, "render_chart", lambda s, t, lang: seen.append(s) or real(s, t, lang))
    await command(h, GLEB, "/stats all", chat_id=GROUP2)
    assert seen[-1].total() == 1
    caption = h.fake.sent("sendPhoto", GLEB["id"])[-1].params["caption"]
    assert "Негативных случаев: <b>1</b>" in caption and "Пекарня" in caption and "Кофейня" not in caption


async def test_stats_text_only_without_matplotlib(two_chats: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    h = two_chats
    uploads = enable_media(h)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    monkeypatch.setitem(sys.modules, "matplotlib.backends.backend_agg", None)
    await command(h, ANNA, "/stats 30d")
    assert not uploads.files
    text = h.fake.sent("sendMessage", ANNA["id"])[-1].params["text"]
    assert "Негативных случаев: <b>1</b>" in text and "matplotlib" in text and "30 дней" in text


async def test_stats_rejects_an_unknown_period(two_chats: Harness) -> None:
    h = two_chats
    await command(h, ANNA, "/stats 5y")
    assert "/stats 30d" in h.fake.sent("sendMessage", ANNA["id"])[-1].params["text"]


# /pending -------------------------------------------------------------------------------------------


async def test_pending_lists_scheduled_replies_and_its_buttons_work(two_chats: Harness) -> None:
    h = two_chats
    h.fake.comment(GROUP, OLGA, IMPULSIVE)
    h.fake.comment(GROUP, STRANGER, "Вы меня бесите, худшие, задолбали!!! Отвратительно")
    await h.feed()
    pending = await h.storage.stats.pending_replies(GROUP)
    assert len(pending) == 2
    await command(h, ANNA, "/pending")
    cards = [m for (cid, _), m in h.fake.messages.items() if cid == ANNA["id"] and "Уйдёт через" in m.get("text", "")]
    assert len(cards) == 2
    first, second = cards
    cancel = h.button(first, "case:cancel:")
    assert cancel == f"case:cancel:{pending[0].case.id}"
    await h.press(ANNA, first, cancel)
    assert (await h.storage.replies.get(pending[0].reply.id)).status is ReplyStatus.CANCELLED  # type: ignore[union-attr]
    send = h.button(second, "case:send:")
    await h.press(ANNA, second, send)
    assert (await h.storage.replies.get(pending[1].reply.id)).status is ReplyStatus.SENT  # type: ignore[union-attr]
    posted = h.posted_in_group()
    assert posted[-1]["reply_parameters"]["message_id"] == pending[1].case.message_id
    await command(h, ANNA, "/pending")
    assert "нет запланированных" in h.fake.sent("sendMessage", ANNA["id"])[-1].params["text"]


async def test_pending_buttons_refuse_a_non_admin(two_chats: Harness) -> None:
    h = two_chats
    h.fake.comment(GROUP, OLGA, IMPULSIVE)
    await h.feed()
    await command(h, ANNA, "/pending")
    card = next(
        m for (cid, _), m in h.fake.messages.items() if cid == ANNA["id"] and "Уйдёт через" in m.get("text", "")
    )
    await h.press(GLEB, card, h.button(card, "case:send:"))
    pending = await h.storage.stats.pending_replies(GROUP)
    assert len(pending) == 1 and not h.posted_in_group()


# /check, /export, /help -------------------------------------------------------------------------------


async def test_check_shows_label_reasons_and_reply_without_touching_the_chat(two_chats: Harness) -> None:
    h = two_chats
    counted = "SELECT SUM(count) FROM message_stats WHERE chat_id = ?"
    counted_before = (await h.storage.db.fetchone(counted, (GROUP,)))[0]
    await command(h, ANNA, "/check Заказ 5512 не пришёл, курьер не звонил, <b>верните</b> деньги")
    text = h.fake.sent("sendMessage", ANNA["id"])[-1].params["text"]
    assert "Тип: <b>конструктивный</b>" in text and "уверенность" in text
    assert "Почему:" in text and "Предложу ответить:" in text
    assert "&lt;b&gt;верните&lt;/b&gt;" in text
    assert len(await h.storage.cases.list_for_chat(GROUP)) == 1  # no case opened
    assert (await h.storage.db.fetchone(counted, (GROUP,)))[0] == counted_before


async def test_check_without_text_explains_usage(two_chats: Harness) -> None:
    await command(two_chats, ANNA, "/check")
    assert "/check Заказ" in two_chats.fake.sent("sendMessage", ANNA["id"])[-1].params["text"]


async def test_export_sends_this_chats_cases_as_csv_privately(two_chats: Harness) -> None:
    h = two_chats
    uploads = enable_media(h)
    h.fake.comment(
        GROUP, user(2050, '=HYPERLINK("x")'), "Капучино принесли холодный, ждал заказ 40 минут, верните деньги"
    )
    await h.feed()
    await command(h, BORIS, "/export")
    documents = [f for f in uploads.files if f[0] == "document"]
    assert len(documents) == 1 and documents[0][1] == BORIS["id"]
    assert documents[0][2].endswith(".csv")
    raw = documents[0][3]
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert {r["author"] for r in rows} == {"Дмитрий", '\'=HYPERLINK("x")'}  # formula neutralised
    cases = await h.storage.cases.list_for_chat(GROUP)
    assert [(r["id"], r["label"], r["status"]) for r in rows] == [
        (str(c.id), c.label.value, c.status.value) for c in cases
    ]
    assert "4821" in rows[0]["text"] and rows[0]["link"].startswith("https://t.me/c/")
    assert not any("Хлеб" in r["text"] for r in rows)
    assert (
        "Случаи чата «Кофейня &lt;Зерно&gt; &amp; Co»: 2"
        in h.fake.sent("sendDocument", BORIS["id"])[-1].params["caption"]
    )
    assert not h.fake.sent("sendDocument", GROUP)


async def test_help_in_group_goes_to_the_admin_privately(two_chats: Harness) -> None:
    h = two_chats
    await command(h, ANNA, "/help")
    text = h.fake.sent("sendMessage", ANNA["id"])[-1].params["text"]
    assert "/settings" in text and "/stats" in text and "/export" in text
    assert not [c for c in h.fake.sent("sendMessage", GROUP) if "/settings" in c.params["text"]]


async def test_english_chat_gets_english_answers(two_chats: Harness) -> None:
    h = two_chats
    await h.storage.chats.update_settings(GROUP, language="en")
    await command(h, ANNA, "/cases")
    assert "Open cases in" in h.fake.sent("sendMessage", ANNA["id"])[-1].params["text"]
