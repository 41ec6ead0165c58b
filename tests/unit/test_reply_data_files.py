"""The reply data files (and the casework's calm.toml): a mistake in one is one line naming the file, the line and what is wrong.

Each case alters the text of a shipped file and reads it with ``bot.datafiles.parse``, so the shipped
files are never touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from bot.datafiles import DataFile, DataFileError, parse
from bot.domain.verdicts import Label
from bot.replies import load_data, playbook_files, suggest_reply
from bot.replies.custom import PLACEHOLDERS, parse_variants, read_custom
from bot.replies.grammar_words import grammar_words, read_grammar_words
from bot.replies.lint import CODES
from bot.replies.lint_rules import lint_rules, read_lint_rules
from bot.replies.playbook_files import read_follow_up, read_needs, read_playbooks
from bot.services.calm import read_calm

PACKAGE = "bot.replies.data"


def shipped(name: str) -> str:
    return resources.files(PACKAGE).joinpath(name).read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the only occurrence of ``needle`` in ``text``."""
    assert text.count(needle) == 1, needle
    return text[: text.index(needle)].count("\n") + 1


def altered(name: str, old: str, new: str) -> str:
    text = shipped(name)
    assert old in text, old
    return text.replace(old, new, 1)


def failure(name: str, text: str, read: Callable[[DataFile], Any]) -> str:
    with pytest.raises(DataFileError) as caught:
        read(parse(f"bot/replies/data/{name}", text))
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_shipped_files_read_as_the_bot_uses_them() -> None:
    data = playbook_files.reply_data()
    assert list(data.playbooks) == list(Label)
    assert data.playbooks[Label.NEUTRAL].variants("ru") == ()
    assert not data.playbooks[Label.DIRECTED].addresses_author
    assert not data.playbooks[Label.POSITIVE].reply_by_default
    assert all(len(data.follow_up[lang]) >= 4 for lang in ("ru", "en"))
    assert data.needs[0].ru == "номер заказа или фото чека"
    assert data.default_need.en == "the details"


def test_unknown_placeholder_names_file_line_and_variant() -> None:
    old = "Извините за проблему {s_problem}"
    text = altered("playbooks.toml", old, "Извините за проблему {s_problm}")
    message = failure("playbooks.toml", text, read_playbooks)
    line = line_of(text, "{s_problm}")
    assert message.startswith(f"bot/replies/data/playbooks.toml:{line}: constructive.ru#3.with_problem: ")
    assert "unknown placeholder {s_problm}" in message


def test_problem_placeholder_in_the_text_without_a_problem_is_refused() -> None:
    # The bot fills only {need} when the problem is unknown: {o_problem} there would break the reply.
    old = "Слышим вас. Если расскажете подробнее, что случилось"
    text = altered("playbooks.toml", old, "Слышим вас. Если расскажете {o_problem}")
    message = failure("playbooks.toml", text, read_playbooks)
    line = line_of(text, "расскажете {o_problem}")
    assert message.startswith(f"bot/replies/data/playbooks.toml:{line}: impulsive.ru#3.without_problem: ")
    assert "unknown placeholder {o_problem}; known here: need" in message


def test_english_text_may_not_use_russian_cases() -> None:
    text = altered("playbooks.toml", "the trouble with {problem}. Please", "the trouble with {problem_gent}. Please")
    message = failure("playbooks.toml", text, read_playbooks)
    assert message.startswith(
        f"bot/replies/data/playbooks.toml:{line_of(text, 'with {problem_gent}')}: constructive.en#1"
    )


def test_unmatched_brace_is_refused() -> None:
    text = altered("playbooks.toml", "Спасибо за отзыв, это очень поддерживает!", "Спасибо за {отзыв")
    message = failure("playbooks.toml", text, read_playbooks)
    assert message.startswith(f"bot/replies/data/playbooks.toml:{line_of(text, '{отзыв')}: positive.ru#4.text: ")
    assert "unmatched" in message


def test_unknown_label_is_refused() -> None:
    text = shipped("playbooks.toml") + '\n[complaint]\nline_ru = "x"\nline_en = "x"\n'
    message = failure("playbooks.toml", text, read_playbooks)
    assert message.startswith(
        f"bot/replies/data/playbooks.toml:{line_of(text, '[complaint]')}: complaint: unknown label"
    )


def test_missing_label_is_refused() -> None:
    old = '[neutral]\nline_ru = "Нейтральное сообщение: действий не требуется."\nline_en = "Neutral message: no action needed."\n'
    text = altered("playbooks.toml", old, "")
    assert failure("playbooks.toml", text, read_playbooks).startswith(
        "bot/replies/data/playbooks.toml:1: neutral: missing"
    )


def test_empty_variant_list_is_refused() -> None:
    old = 'line_en = "Neutral message: no action needed."\n'
    text = altered("playbooks.toml", old, old + "ru = []\nen = []\n")
    message = failure("playbooks.toml", text, read_playbooks)
    assert message.startswith(
        f"bot/replies/data/playbooks.toml:{line_of(text, 'ru = []')}: neutral.ru: expected one or more"
    )


def test_variants_in_one_language_only_are_refused() -> None:
    text = altered("playbooks.toml", "[[trolling.en]]", "[[trolling.de]]")
    message = failure("playbooks.toml", text, read_playbooks)
    assert message.startswith("bot/replies/data/playbooks.toml:")
    assert "trolling.de: unknown key" in message


def test_a_misspelt_key_is_refused() -> None:
    text = altered("playbooks.toml", "reply_by_default = false", "reply_by_defualt = false")
    message = failure("playbooks.toml", text, read_playbooks)
    assert message.startswith(f"bot/replies/data/playbooks.toml:{line_of(text, 'reply_by_defualt')}: positive.")


def test_flag_must_be_true_or_false() -> None:
    text = altered("playbooks.toml", "addresses_author = false", 'addresses_author = "no"')
    message = failure("playbooks.toml", text, read_playbooks)
    assert message.startswith(f"bot/replies/data/playbooks.toml:{line_of(text, 'addresses_author = ')}: directed.")


def test_follow_up_refuses_a_non_list() -> None:
    text = 'ru = "Спасибо за терпение."\n\n[[en]]\n' + shipped("follow_up.toml").split("\n[[en]]\n", 1)[1]
    message = failure("follow_up.toml", text, read_follow_up)
    assert message.startswith("bot/replies/data/follow_up.toml:1: ru: expected one or more [[ru]] tables")


def test_follow_up_knows_fix_but_playbooks_do_not() -> None:
    assert "{fix}" in shipped("follow_up.toml")
    text = altered("playbooks.toml", "Если нужна помощь, напишите — разберёмся.", "{fix} Если нужна помощь, напишите.")
    assert "unknown placeholder {fix}" in failure("playbooks.toml", text, read_playbooks)


def test_needs_refuse_a_word_list_that_is_not_a_list() -> None:
    text = altered(
        "needs.toml", 'words = ["приложение", "вылет", "обновление", "краш", "баг", "сбой"]', 'words = "приложение"'
    )
    message = failure("needs.toml", text, read_needs)
    assert message.startswith(f"bot/replies/data/needs.toml:{line_of(text, 'words = ' + chr(34))}: need#5.words: ")


def test_needs_refuse_capitals() -> None:
    text = altered("needs.toml", '"вылет",', '"Вылет",')
    message = failure("needs.toml", text, read_needs)
    assert message.startswith(f"bot/replies/data/needs.toml:{line_of(text, 'Вылет')}: need#5.words: 'Вылет'")


def test_lint_rules_read_as_the_linter_uses_them() -> None:
    rules = lint_rules()
    assert set(rules.messages) == CODES
    assert [r.code for r in rules.rules][:1] == ["blame"]
    assert "дурак" in rules.insults
    assert rules.mat.search("какая ЖОПА")
    assert rules.exclaim.search("Ждите!!!") and not rules.exclaim.search("Ждите!")


def test_lint_regex_that_does_not_compile_is_refused() -> None:
    text = altered("lint.toml", "'муда\\w*'", "'муда(\\w*'")
    message = failure("lint.toml", text, read_lint_rules)
    assert message.startswith(
        f"bot/replies/data/lint.toml:{line_of(text, 'муда(')}: insult.patterns: bad regular expression"
    )


def test_lint_unknown_family_is_refused() -> None:
    text = shipped("lint.toml") + '\n[rudeness]\nru = "x"\nen = "x"\n'
    message = failure("lint.toml", text, read_lint_rules)
    assert message.startswith(f"bot/replies/data/lint.toml:{line_of(text, '[rudeness]')}: rudeness: unknown family")


def test_lint_missing_family_is_refused() -> None:
    text = shipped("lint.toml").split("\n[shouting]\n")[0]
    message = failure("lint.toml", text, read_lint_rules)
    assert message.startswith("bot/replies/data/lint.toml:1: shouting: missing")


def test_lint_rule_that_is_not_a_list_of_words_is_refused() -> None:
    text = altered("lint.toml", '{ words = ["не", "смешить"] }', '{ words = "не смешить" }')
    message = failure("lint.toml", text, read_lint_rules)
    assert message.startswith(
        f"bot/replies/data/lint.toml:{line_of(text, 'не смешить')}: sarcasm.rules#7.words: expected"
    )


def test_lint_rule_gap_is_a_small_whole_number() -> None:
    text = altered(
        "lint.toml", '{ words = ["мы", "не", "виноватый виновный виноват"], gap = 1 }', '{ words = ["мы"], gap = 1.5 }'
    )
    message = failure("lint.toml", text, read_lint_rules)
    assert message.startswith(f"bot/replies/data/lint.toml:{line_of(text, 'gap = 1.5')}: denial.rules#8.gap: ")


def test_lint_word_lists_are_lower_case() -> None:
    text = altered("lint.toml", '"идиотка"', '"Идиотка"')
    message = failure("lint.toml", text, read_lint_rules)
    assert message.startswith(f"bot/replies/data/lint.toml:{line_of(text, 'Идиотка')}: insult.lemmas: 'Идиотка'")


def test_lint_threat_list_must_be_a_list() -> None:
    text = altered("lint.toml", 'objects_near = ["вы", "ты"]', 'objects_near = "вы"')
    message = failure("lint.toml", text, read_lint_rules)
    assert message.startswith(
        f"bot/replies/data/lint.toml:{line_of(text, 'objects_near = ')}: threat.objects_near: expected a list"
    )


def test_custom_placeholder_the_bot_cannot_fill_is_refused() -> None:
    # {fix} is filled only in follow-ups: a chat's own variant with it would keep the braces.
    text = altered("custom.toml", 'need = "что попросить', 'fix = "что исправили"\nneed = "что попросить')
    message = failure("custom.toml", text, read_custom)
    assert message.startswith(
        f"bot/replies/data/custom.toml:{line_of(text, 'fix = ')}: placeholders.fix: not one the bot fills"
    )


def test_custom_error_message_with_an_unknown_slot_is_refused() -> None:
    text = altered("custom.toml", "длиннее {max} символов", "длиннее {limit} символов")
    message = failure("custom.toml", text, read_custom)
    assert message.startswith(
        f"bot/replies/data/custom.toml:{line_of(text, '{limit}')}: errors.too_long: unknown placeholder {{limit}}"
    )


def test_custom_placeholders_and_messages_as_admins_see_them() -> None:
    assert list(PLACEHOLDERS)[:2] == ["name", "problem"]
    assert "need" in PLACEHOLDERS
    variants, errors = parse_variants("{name}, {fix}\n\n{problem")
    assert variants == ["{name}, {fix}", "{problem"]
    assert errors == [
        "#1: неизвестная подстановка {fix} / unknown placeholder",
        "#2: незакрытая скобка { } / unbalanced braces",
    ]


def test_grammar_words_refuse_a_capital_and_a_bad_translit() -> None:
    text = altered("grammar.toml", '"поддержка"', '"Поддержка"')
    line = line_of(text, '"Поддержка", ')
    message = failure("grammar.toml", text, read_grammar_words)
    assert message.startswith(f"bot/replies/data/grammar.toml:{line}: names.not_names: 'Поддержка'")
    text = altered("grammar.toml", 'zh = "ж"', 'zh = "zh"')
    message = failure("grammar.toml", text, read_grammar_words)
    assert message.startswith(
        f"bot/replies/data/grammar.toml:{line_of(text, 'zh = ')}: names.translit.zh: expected Cyrillic"
    )


def test_grammar_delay_unit_needs_its_words() -> None:
    text = altered("grammar.toml", 'one_en = "in an hour"\n', "")
    message = failure("grammar.toml", text, read_grammar_words)
    assert message.startswith(
        f"bot/replies/data/grammar.toml:{line_of(text, '[delay.hour]')}: delay.hour.one_en: missing"
    )


def test_grammar_translit_takes_the_longest_spelling_first() -> None:
    table = grammar_words().translit
    assert table[0] == ("shch", "щ")
    assert [len(latin) for latin, _ in table] == sorted((len(latin) for latin, _ in table), reverse=True)


def test_calm_phrase_that_does_not_compile_is_refused() -> None:
    text = resources.files("bot.services.data").joinpath("calm.toml").read_text(encoding="utf-8")
    text = text.replace("'отбой'", "'отбой['")
    with pytest.raises(DataFileError) as caught:
        read_calm(parse("bot/services/data/calm.toml", text))
    assert str(caught.value).startswith(
        f"bot/services/data/calm.toml:{line_of(text, 'отбой[')}: phrases: bad regular expression"
    )


CACHES = (playbook_files.reply_data, lint_rules, grammar_words)


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    for cache in CACHES:
        cache.cache_clear()
    yield
    for cache in CACHES:
        cache.cache_clear()


def test_load_data_reads_every_reply_file_once(fresh_caches: None) -> None:
    load_data()
    assert [cache.cache_info().currsize for cache in CACHES] == [1, 1, 1]
    load_data()
    assert all(cache.cache_info().hits >= 1 and cache.cache_info().misses == 1 for cache in CACHES)


def test_a_broken_file_stops_the_first_reply_with_one_line(fresh_caches: None, monkeypatch: pytest.MonkeyPatch) -> None:
    text = altered(
        "playbooks.toml",
        "Если нужна помощь, напишите — разберёмся.",
        "Если нужна помощь, {name}. Напишите — разберёмся.",
    )

    def broken(package: str, name: str) -> DataFile:
        found = parse(f"bot/replies/data/{name}", shipped(name))
        return parse(found.path, text) if name == "playbooks.toml" else found

    monkeypatch.setattr(playbook_files, "load", broken)
    with pytest.raises(DataFileError) as caught:
        suggest_reply(Label.IMPULSIVE, problem=None, author_name=None, case_id=0)
    line = line_of(text, "{name}. Напишите")
    assert str(caught.value).startswith(
        f"bot/replies/data/playbooks.toml:{line}: impulsive.ru#5.without_problem: unknown placeholder {{name}}"
    )


@pytest.mark.parametrize("command", ["run", "demo", "classify"])
def test_a_broken_playbook_stops_the_bot_at_start(
    command: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot import __main__ as cli

    shipped = resources.files("bot.replies.data").joinpath("playbooks.toml").read_text(encoding="utf-8")
    real_load = playbook_files.load

    def load(package: str, name: str) -> DataFile:
        if name != "playbooks.toml":
            return real_load(package, name)
        return parse("bot/replies/data/playbooks.toml", shipped.replace("[constructive", "[constructiv", 1))

    monkeypatch.setattr(playbook_files, "load", load)
    playbook_files.reply_data.cache_clear()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_TOKEN", "123:abc")
    try:
        assert cli.main([command]) == 2
    finally:
        playbook_files.reply_data.cache_clear()
    err = capsys.readouterr().err
    assert err.startswith("Data file error: bot/replies/data/playbooks.toml:") and err.count("\n") == 1
