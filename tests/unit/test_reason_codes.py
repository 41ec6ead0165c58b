"""Reasons are codes and words: phrased in the reader's language at the edge, stored as codes."""

from __future__ import annotations

import json
from string import Formatter

import pytest

from bot.classifier import Cue, MessageIn, Reason, ReasonCode, create_classifier
from bot.cli.classify import classify_line
from bot.datafiles import load
from bot.domain.models import decode_reasons, encode_reasons
from bot.telegram.reasons import LANGUAGES, reason_text, reasons_html

PLACEHOLDERS = {"quote": {"word"}, ReasonCode.WAVE: {"n"}, ReasonCode.NEWCOMER: {"n"}, ReasonCode.BURST: {"n"}}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_code_and_cue_has_a_phrase_in_both_languages(lang: str) -> None:
    table = load("bot.i18n.data", f"{lang}.toml").table("reason")
    cues = table["cue"]
    assert set(table) - {"quote", "cue"} == {code.value for code in ReasonCode}
    assert set(cues) == {cue.value for cue in Cue}
    for code in ReasonCode:
        # the same placeholders in both languages: {n} for counts, {words} or none for the rest
        assert placeholders(table[code.value]) <= PLACEHOLDERS.get(code, {"words"}), code
    assert placeholders(table["quote"]) == {"word"}
    assert all(isinstance(text, str) and text and not placeholders(text) for text in cues.values())


def test_both_languages_use_the_same_placeholders() -> None:
    ru, en = (load("bot.i18n.data", f"{lang}.toml").table("reason") for lang in ("ru", "en"))
    for key in ru:
        if key != "cue":
            assert placeholders(ru[key]) == placeholders(en[key]), key


@pytest.mark.parametrize(
    ("lang", "reason", "text"),
    [
        ("ru", Reason(ReasonCode.INSULT, ("дурак",)), "оскорбление: «дурак»"),
        ("en", Reason(ReasonCode.INSULT, ("дурак",)), "insult: “дурак”"),
        ("en", Reason(ReasonCode.WAVE, ("3",)), "a copy of other accounts' messages (3 accounts)"),
        ("ru", Reason(ReasonCode.NEWCOMER, ("5",)), "аккаунт вступил в чат 5 мин назад"),
        ("en", Reason(ReasonCode.SARCASM), "sarcasm"),
        (
            "ru",
            Reason(ReasonCode.MOCKERY, ("лох",), (Cue.RHETORICAL_QUESTION,)),
            "насмешка или провокация: «лох», риторический вопрос",
        ),
        (
            "en",
            Reason(ReasonCode.CALL, (), (Cue.RECOMMENDS_RIVAL,)),
            "a call to the audience: recommends another company",
        ),
        # a language the catalog lacks reads Russian
        ("de", Reason(ReasonCode.SARCASM), "сарказм"),
        # a reason stored by an older version is shown as it was written
        ("en", "называет конкретную проблему: доставка", "называет конкретную проблему: доставка"),
    ],
)
def test_a_reason_reads_in_the_language_asked(lang: str, reason: Reason | str, text: str) -> None:
    assert reason_text(lang, reason) == text


def test_the_authors_words_and_legacy_prose_are_escaped_for_html() -> None:
    reasons = (Reason(ReasonCode.NEGATIVE_WORDS, ("<b>ужас</b>",)), "старое <i>")
    assert reasons_html("en", reasons) == "negative words: “&lt;b&gt;ужас&lt;/b&gt;”; старое &lt;i&gt;"


def test_stored_reasons_are_codes_and_words_and_read_back_the_same() -> None:
    reasons = (
        Reason(ReasonCode.INSULT, ("дурак",)),
        Reason(ReasonCode.MOCKERY, ("лох",), (Cue.RHETORICAL_QUESTION,)),
        Reason(ReasonCode.SARCASM),
    )
    stored = encode_reasons(reasons)
    assert json.loads(stored) == [
        {"code": "insult", "words": ["дурак"]},
        {"code": "mockery", "words": ["лох"], "cues": ["rhetorical_question"]},
        {"code": "sarcasm"},
    ]
    assert "оскорбление" not in stored and "сарказм" not in stored
    assert decode_reasons(stored) == reasons


def test_rows_written_by_older_versions_and_unknown_codes_still_read() -> None:
    assert decode_reasons('["эмоции без конкретики", "крик: капс"]') == ("эмоции без конкретики", "крик: капс")
    assert decode_reasons('[{"code": "from_the_future", "words": ["x"]}]') == ("from_the_future: x",)
    mixed = decode_reasons('["сарказм", {"code": "sarcasm", "cues": ["rhetorical_question", "new_cue"]}]')
    assert mixed == ("сарказм", Reason(ReasonCode.SARCASM, ("new_cue",), (Cue.RHETORICAL_QUESTION,)))


def test_the_cli_keeps_russian_reasons_and_adds_their_codes() -> None:
    line = json.dumps({"text": "ты дурак, админ"}, ensure_ascii=False)
    out = classify_line(create_classifier(), line, 1)
    verdict = create_classifier().classify(MessageIn(text="ты дурак, админ"))
    assert out["reason_codes"] == [reason.code.value for reason in verdict.reasons]
    assert "insult" in out["reason_codes"]
    assert out["reasons"] == [reason_text("ru", reason) for reason in verdict.reasons]
    assert "оскорбление: «дурак»" in out["reasons"]
