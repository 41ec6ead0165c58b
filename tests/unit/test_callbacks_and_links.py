"""Button data and links: the fixed formats, and forged or damaged data refused."""

from __future__ import annotations

import pytest
from aiogram.types import CallbackQuery, User

from bot.domain.links import comment_url
from bot.domain.models import Author, Case, CaseStatus, Chat, ChatSettings
from bot.domain.verdicts import Label
from bot.services.report import PERIODS
from bot.telegram.callbacks import (
    Action,
    ButtonData,
    CaseAction,
    CasesPage,
    ChatPick,
    IncidentOp,
    IncidentPress,
    PickCommand,
    SettingsOp,
    SettingsPress,
    TemplateOp,
    TemplatePress,
)
from bot.telegram.panel import MENUS, apply_press, main_keyboard, menu_keyboard
from bot.telegram.render import author_html


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("case:send:12", CaseAction(action=Action.SEND, case_id=12)),
        ("case:later:1", CaseAction(action=Action.LATER, case_id=1)),
        ("case:label:7:trolling", CaseAction(action=Action.LABEL, case_id=7, arg="trolling")),
        ("case:cancel:99999999999", CaseAction(action=Action.CANCEL, case_id=99999999999)),
        ("settings:-1001234567890:auto_schedule", SettingsPress(chat_id=-1001234567890, op=SettingsOp.AUTO_SCHEDULE)),
        (
            "settings:-1001234567890:timezone:Europe/Moscow",
            SettingsPress(chat_id=-1001234567890, op=SettingsOp.TIMEZONE, value="Europe/Moscow"),
        ),
        ("pick:cases:-1001234567890", ChatPick(command=PickCommand.CASES, chat_id=-1001234567890)),
        ("pick:stats:-1001234567890:30d", ChatPick(command=PickCommand.STATS, chat_id=-1001234567890, period="30d")),
        ("templates:menu:-1001", TemplatePress(op=TemplateOp.MENU, chat_id=-1001)),
        ("templates:edit:-1001:directed", TemplatePress(op=TemplateOp.EDIT, chat_id=-1001, label=Label.DIRECTED)),
        ("inc:publish:42", IncidentPress(op=IncidentOp.PUBLISH, incident_id=42)),
        ("inc:split:7", IncidentPress(op=IncidentOp.SPLIT, incident_id=7)),
        ("cases:-1001234567890:3", CasesPage(chat_id=-1001234567890, page=3)),
    ],
)
def test_parse_and_pack_round_trip(data: str, expected: ButtonData) -> None:
    assert type(expected).unpack(data) == expected
    assert expected.pack() == data


def test_no_argument_packs_without_a_trailing_separator() -> None:
    # aiogram's own CallbackData packs a missing optional field as an empty part: "case:send:5:".
    assert CaseAction(action=Action.SEND, case_id=5).pack() == "case:send:5"
    assert CaseAction.unpack("case:send:5").arg is None


async def _filtered(kind: type[ButtonData], data: str) -> object:
    query = CallbackQuery(id="1", from_user=User(id=1, is_bot=False, first_name="A"), chat_instance="c", data=data)
    return await kind.filter()(query)


@pytest.mark.parametrize(
    "data",
    [
        "",
        "case",
        "case:send",
        "case:nuke:1",
        "case:SEND:1",
        "case:send:x",
        "case:send:-1",
        "case:send:0",
        "other:send:1",
        "case:send:1:a:b",
        "case:send:１",  # a fullwidth digit: int() reads it as 1
        "case:send:٣",  # an Arabic-Indic digit
        "case:send:" + "9" * 54,
        "case:send:9223372036854775808",  # one past BIGINT
        "case:send:+5",
        "case:send:05",
        "case:send: 5",
        "case:send:5_0",
        "case:send:5.0",
        "case:send:5:",  # what aiogram's own CallbackData would write for no argument
        "case:label:5:троллинг",
        "case:label:5:" + "x" * 21,
    ],
)
async def test_forged_or_broken_case_data_fails_the_filter(data: str) -> None:
    assert await _filtered(CaseAction, data) is False


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        (SettingsPress, "settings:abc:auto_schedule"),
        (SettingsPress, "settings:-100:auto"),  # the old opcodes are not names here
        (SettingsPress, "settings:-100:timezone:Europe/Москва"),
        (SettingsPress, "settings:-1OO:digest"),
        (ChatPick, "pick:rm:1"),
        (ChatPick, "pick:stats:-100:99d"),
        (ChatPick, "pick:stats.30d:-100"),  # the old form
        (TemplatePress, "templates:show:-100:neutral"),  # no reply variants for a positive label
        (TemplatePress, "templates:drop:-100:trolling"),
        (TemplatePress, "tpl:edit:-100:trolling"),
        (IncidentPress, "inc:nuke:1"),
        (IncidentPress, "inc:publish:0"),
        (IncidentPress, "inc:publish:05"),
        (IncidentPress, "inc:publish:1:x"),
        (IncidentPress, "case:publish:1"),
        (CasesPage, "cases:-100:-1"),
        (CasesPage, "cases:-100:01"),
        (CasesPage, "cases:-100"),
    ],
)
async def test_forged_or_broken_menu_data_fails_the_filter(kind: type[ButtonData], data: str) -> None:
    assert await _filtered(kind, data) is False


BIGGEST = 2**63 - 1
SMALLEST = -(2**63)
LONGEST_WORD = "x" * 20


def test_the_longest_data_of_every_kind_of_button_fits_64_bytes() -> None:
    # Each field at the longest its type allows: no button the bot can make is refused by Telegram.
    packed = [CaseAction(action=a, case_id=BIGGEST, arg=LONGEST_WORD).pack() for a in Action]
    packed += [SettingsPress(chat_id=SMALLEST, op=op, value=LONGEST_WORD).pack() for op in SettingsOp]
    packed += [ChatPick(command=c, chat_id=SMALLEST, period=p).pack() for c in PickCommand for p in PERIODS]
    packed += [
        TemplatePress(op=op, chat_id=SMALLEST, label=label).pack()
        for op in TemplateOp
        for label in Label
        if label.negative
    ]
    packed += [IncidentPress(op=op, incident_id=BIGGEST).pack() for op in IncidentOp]
    packed.append(CasesPage(chat_id=SMALLEST, page=10**9).pack())
    assert max(len(data.encode()) for data in packed) <= 64
    # and the limit is reached: a longer value would not fit, so the bounds are not loose
    assert max(len(data.encode()) for data in packed) == 64


def test_every_button_of_the_settings_panel_parses_back_and_is_accepted() -> None:
    settings = ChatSettings(chat_id=SMALLEST, alert_chat_id=SMALLEST + 1)
    groups = [_chat(SMALLEST + 1, None), _chat(-1001234567890, None)]
    keyboards = [main_keyboard(SMALLEST, settings, "ru")]
    keyboards += [menu_keyboard(SMALLEST, menu, settings, "ru", groups) for menu in MENUS]
    data = [str(b.callback_data) for keyboard in keyboards for row in keyboard.inline_keyboard for b in row]
    assert len(data) > 50  # every choice of every menu
    for packed in data:
        press = SettingsPress.unpack(packed)
        assert press.pack() == packed and len(packed.encode()) <= 64
        assert apply_press(press, settings).error is None, packed


def _case(thread: int | None, topic: bool) -> Case:
    return Case(
        id=1,
        chat_id=-1001234567890,
        message_id=55,
        thread_id=thread,
        is_topic=topic,
        author=Author(1, "A", None, False),
        text="t",
        label=Label.CONSTRUCTIVE,
        toxic=False,
        confidence=0.5,
        reasons=(),
        problem=None,
        wave_id=None,
        reply_text=None,
        status=CaseStatus.NEW,
        note=None,
        created_at=0,
        updated_at=0,
    )


def _chat(chat_id: int, username: str | None) -> Chat:
    return Chat(chat_id, "T", "supergroup", username, None, False, True, True, None)


@pytest.mark.parametrize(
    ("chat", "thread", "topic", "url"),
    [
        (_chat(-1001234567890, None), None, False, "https://t.me/c/1234567890/55"),
        (_chat(-1001234567890, None), 40, False, "https://t.me/c/1234567890/55?thread=40"),
        (_chat(-1001234567890, None), 40, True, "https://t.me/c/1234567890/40/55"),
        (_chat(-1001234567890, "shop_chat"), 40, False, "https://t.me/shop_chat/55?thread=40"),
        (_chat(-4001, None), None, False, None),
    ],
)
def test_comment_urls(chat: Chat, thread: int | None, topic: bool, url: str | None) -> None:
    assert comment_url(chat, _case(thread, topic)) == url


def test_author_html_escapes() -> None:
    html = author_html(Author(5, "<script>&", None, False))
    assert "&lt;script&gt;&amp;" in html and "tg://user?id=5" in html
    assert "@evil" in author_html(Author(5, "x", "evil", False))


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("case_id", [1, 7, 10**12, 2**63 - 1])
@pytest.mark.parametrize("arg", [None, *(label.value for label in Label)])
def test_the_quick_alert_button_data_is_what_the_factory_packs(action: Action, case_id: int, arg: str | None) -> None:
    data = CaseAction.data(action, case_id, arg)
    assert data == CaseAction(action=action, case_id=case_id, arg=arg).pack()
    assert CaseAction.unpack(data) == CaseAction(action=action, case_id=case_id, arg=arg)


@pytest.mark.parametrize(("case_id", "arg"), [(0, None), (2**63, None), (-5, None), (5, "bad arg"), (5, "x" * 30)])
def test_the_quick_alert_button_data_refuses_what_the_factory_refuses(case_id: int, arg: str | None) -> None:
    with pytest.raises(ValueError):
        CaseAction.data(Action.SEND, case_id, arg)
