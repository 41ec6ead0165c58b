"""The text catalog: both languages complete and in step, every key the code names exists, mistakes in
the TOML files stop the bot with the file and the line."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import bot.i18n
from bot.__main__ import main
from bot.datafiles import DataFile, DataFileError, parse
from bot.domain.languages import language
from bot.domain.models import CaseStatus
from bot.domain.verdicts import Label
from bot.i18n import DEFAULT_LANGUAGE, LANGUAGES, catalog, keys, label_name, t
from bot.i18n.catalog import build, placeholders
from bot.services.report import PERIODS
from bot.telegram.menus import GROUP_ADMIN_COMMANDS, PRIVATE_COMMANDS
from bot.telegram.panel import ALERTS_TO

ROOT = Path(__file__).resolve().parents[2]
RU = "bot/i18n/data/ru.toml"
EN = "bot/i18n/data/en.toml"
KEY = re.compile(r"^[a-z_]+(?:\.[a-z0-9_]+)+$")
FILE_NAME = re.compile(r"\.(?:png|csv|txt|json|toml|sql)$")


def _files(ru: str, en: str) -> dict[str, DataFile]:
    return {"ru": parse(RU, ru), "en": parse(EN, en)}


def _literal_keys() -> list[tuple[str, int, str]]:
    """Every string constant in bot/ and handlers/ shaped like a text key of a catalog area."""
    areas = {key.partition(".")[0] for key in keys(DEFAULT_LANGUAGE)}
    found = []
    for folder in ("bot", "handlers"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and KEY.match(node.value)
                    and not FILE_NAME.search(node.value)
                    and node.value.partition(".")[0] in areas
                ):
                    found.append((str(path.relative_to(ROOT)), node.lineno, node.value))
    return found


def test_english_has_every_russian_text_and_nothing_else() -> None:
    assert keys("en") == keys("ru")
    assert len(keys("ru")) > 200


def test_placeholders_match_between_languages() -> None:
    texts = catalog().texts
    differ = {
        key: (placeholders(texts["ru"][key]), placeholders(texts["en"][key]))
        for key in keys("ru")
        if placeholders(texts["ru"][key]) != placeholders(texts["en"][key])
    }
    assert differ == {}


def test_the_scan_sees_keys_passed_around_and_not_file_names() -> None:
    seen = {key for _, _, key in _literal_keys()}
    # A key handed to a helper (a button, a note, a settings error) counts, like one inside t().
    assert {"btn.reopen", "note.gone", "set.bad", "alert.title", "span.lt_min"} <= seen
    assert "stats.png" not in seen and "export.csv" not in seen


def test_every_key_named_in_the_code_exists_in_both_languages() -> None:
    missing = [
        f"{path}:{line}: {key}" for path, line, key in _literal_keys() if key not in keys("ru") or key not in keys("en")
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("prefix", "values"),
    [
        ("label.", [label.value for label in Label]),
        ("cases.status.", [status.value for status in CaseStatus]),
        ("period.", list(PERIODS)),
        ("set.alerts_to.", list(ALERTS_TO)),
        ("language.", list(LANGUAGES)),
        ("why.", ["never_started", "blocked"]),  # storage/users.py: why an admin gets no alerts
        ("menu.group.", list(GROUP_ADMIN_COMMANDS)),
        ("menu.private.", list(PRIVATE_COMMANDS)),
    ],
)
def test_keys_built_from_values_exist_for_every_value(prefix: str, values: list[str]) -> None:
    for lang in LANGUAGES:
        assert {prefix + value for value in values} <= keys(lang)


def test_texts_render_as_html_templates_with_user_strings_escaped_by_callers() -> None:
    assert t("ru", "alert.title", chat="Пекарня") == "⚠️ <b>Негатив в «Пекарня»</b>"
    assert t("en", "alert.title", chat="Bakery") == "⚠️ <b>Negative comment in “Bakery”</b>"
    # The catalog does not escape: a value is inserted as given.
    assert t("en", "alert.author", author="<a>") == "Author: <a>"
    # A long text joined from wrapped lines keeps its single spaces; real line breaks stay.
    assert t("ru", "start.no_chats").count("  ") == 0 and "группу обсуждения канала и сделайте" in t(
        "ru", "start.no_chats"
    )
    assert t("en", "help.about").startswith("<b>What I do</b>\nI read a group")


@pytest.mark.parametrize(("code", "lang"), [("en", "en"), ("en-GB", "en"), ("ru", "ru"), ("de", "ru"), (None, "ru")])
def test_language_falls_back_to_russian(code: str | None, lang: str) -> None:
    assert language(code) == lang


def test_an_unknown_language_reads_russian() -> None:
    assert t("de", "btn.send") == t("ru", "btn.send") == "📤 Отправить сейчас"
    assert label_name("en", Label.IMPULSIVE) == label_name("en", "impulsive") == "venting"


def test_a_text_missing_in_english_falls_back_to_russian() -> None:
    built = build(_files('[btn]\nsend = "Отправить"\nback = "Назад"\n', '[btn]\nsend = "Send"\n'))
    assert built.texts["en"] == {"btn.send": "Send", "btn.back": "Назад"}
    assert built.own["en"] == frozenset({"btn.send"})


def test_any_table_is_read_like_the_others() -> None:
    ru = '[reason]\nevents = "описывает, что случилось: {what}"\n\n[reason.extra]\ncue = "призыв"\n'
    en = '[reason]\nevents = "describes what happened: {what}"\n'
    built = build(_files(ru, en))
    assert built.texts["ru"]["reason.events"].format(what="x") == "описывает, что случилось: x"
    assert built.texts["en"]["reason.events"] == "describes what happened: {what}"
    assert built.texts["en"]["reason.extra.cue"] == "призыв"


def test_braces_are_doubled_for_a_literal_brace() -> None:
    built = build(_files('[a]\nplain = "{{x}}"\nfilled = "{{x}} {y}"\n', ""))
    assert built.texts["ru"]["a.plain"] == "{x}"
    assert built.texts["ru"]["a.filled"].format(y=1) == "{x} 1"


@pytest.mark.parametrize(
    ("ru", "en", "error"),
    [
        ('[a]\nx = "ok"\ny = 5\n', "", f"{RU}:3: a.y: expected a text (a string), found int"),
        ('[a]\nx = ["a"]\n', "", f"{RU}:2: a.x: expected a text (a string), found list"),
        ('top = "x"\n[a]\nx = "y"\n', "", f"{RU}:1: top: expected a table of texts such as [top], found str"),
        ('[a]\n\n[a.b]\nx = "{chat"\n', "", f"{RU}:4: a.b.x: not a valid template"),
        ('[a]\nx = "oops }"\n', "", f"{RU}:2: a.x: not a valid template"),
        ('[a]\nx = "{} and {}"\n', "", f"{RU}:2: a.x: placeholder {{}} must be a plain name"),
        ('[a]\nx = "{user.name}"\n', "", f"{RU}:2: a.x: placeholder {{user.name}} must be a plain name"),
        ('[a]\nx = "{n:{w}}"\n', "", f"{RU}:2: a.x: placeholder {{n}} has a nested placeholder"),
        ('[a]\nx = "{chat}"\n', '[a]\nx = "{chat}"\nnew = "y"\n', f"{EN}:3: a.new: not in {RU}"),
        (
            '[a]\nx = "{chat}: {count}"\n',
            '[a]\n\nx = "{chat}"\n',
            f"{EN}:3: a.x: placeholders {{chat}} differ from {{chat}}, {{count}} in {RU}",
        ),
    ],
)
def test_a_broken_value_is_one_line_naming_file_and_line(ru: str, en: str, error: str) -> None:
    with pytest.raises(DataFileError) as caught:
        build(_files(ru, en))
    assert str(caught.value).startswith(error)
    assert "\n" not in str(caught.value)


def test_the_bot_does_not_start_with_a_broken_catalog(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = {"ru.toml": '[alert]\ntitle = "⚠️ <b>Негатив в «{chat»</b>"\n', "en.toml": ""}
    monkeypatch.setattr(
        bot.i18n, "load", lambda package, name: parse(f"{package.replace('.', '/')}/{name}", broken[name])
    )
    monkeypatch.setattr(bot.i18n, "_catalog", None)
    monkeypatch.setattr(bot.i18n, "_texts", {})
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_TOKEN", "123:abc")
    assert main(["demo"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"Data file error: {RU}:2: alert.title: not a valid template") and err.count("\n") == 1
