"""The classifier's word lists live in bot/classifier/data/*.toml: read from there, and checked as read."""

from __future__ import annotations

from importlib import resources

import pytest

from bot.classifier import MessageIn, RulesClassifier
from bot.classifier.features import FeatureExtractor
from bot.classifier.lexicon import PACKAGE, Lexicon, read_lexicon
from bot.datafiles import DataFile, DataFileError, parse


def shipped(name: str) -> str:
    return resources.files(PACKAGE).joinpath(name).read_text(encoding="utf-8")


def edited(name: str, old: str, new: str) -> Lexicon:
    """The shipped lexicon with one change to one file."""

    def open_file(file: str) -> DataFile:
        text = shipped(file)
        if file == name:
            assert old in text, f"{old!r} is not in {file}"
            text = text.replace(old, new, 1)
        return parse(f"bot/classifier/data/{file}", text)

    return read_lexicon(open_file)


def test_an_insult_added_to_the_data_file_makes_a_message_toxic() -> None:
    message = MessageIn(text="ну ты и бурундук")
    assert not RulesClassifier().classify(message).toxic
    lexicon = edited("toxic.toml", 'insults = [\n    "дурак",', 'insults = [\n    "бурундук", "дурак",')
    verdict = RulesClassifier(features=FeatureExtractor(lexicon)).classify(message)
    assert verdict.toxic and verdict.label.negative


def test_a_problem_topic_added_to_the_data_file_is_named_in_the_verdict() -> None:
    message = MessageIn(text="третий день не работает телепорт, заявка 55123 висит")
    assert RulesClassifier().classify(message).problem != "телепортация"
    lexicon = edited("cues.toml", "[problem_topics]\n", '[problem_topics]\n"телепорт" = "телепортация"\n')
    verdict = RulesClassifier(features=FeatureExtractor(lexicon)).classify(message)
    assert verdict.problem == "телепортация"


@pytest.mark.parametrize(
    ("name", "old", "new", "key", "message"),
    [
        ("cues.toml", "why = '(?:^|", "why = '(?:^|(", "why = ", "patterns.why: not a valid pattern"),
        ("toxic.toml", "'хуйн',", "'хуйн(',", "obscene_roots = [", "obscene_roots: 'хуйн(': not a valid pattern"),
        (
            "toxic.toml",
            'weak_insults = [\n    "олень",',
            'weak_insults = [\n    "бурундук",',
            "weak_insults = [",
            "бурундук: not in the list",
        ),
        ("sentiment.toml", 'negators = ["не",', 'negators = ["не совсем",', "negators = [", "expected one word"),
        ("sentiment.toml", "weight = 0.5", "weight = 0", "[[negative]]", "weight 0: expected a number above 0"),
        (
            "sentiment.toml",
            "weight = 0.5\nwords = [\n",
            'weight = 0.5\nwords = [\n    "ужас",\n',
            "[[negative]]",
            "'ужас' has two weights",
        ),
        (
            "sentiment.toml",
            'positive_emoji = "',
            'positive_emoji = "" #',
            "positive_emoji = ",
            "expected a non-empty string",
        ),
        ("sentiment.toml", "negators = [", 'negatros = ["нет"]\nnegators = [', "negatros = ", "negatros: unknown key"),
        (
            "cues.toml",
            '"доставка" = "доставка заказа"',
            '"доставка" = 5',
            '"доставка" = ',
            "problem_topics.доставка: expected",
        ),
        (
            "cues.toml",
            'clown_emoji = "🤡"',
            'clown_emoji = "🦄"',
            "clown_emoji = ",
            "expected one emoji of troll_emoji",
        ),
        ("grammar.toml", '"a" = "а"', '"ab" = "а"', '"ab" = ', "lookalikes.ab: expected one character"),
    ],
)
def test_a_mistake_names_the_file_and_the_line(name: str, old: str, new: str, key: str, message: str) -> None:
    with pytest.raises(DataFileError) as caught:
        edited(name, old, new)
    text = shipped(name).replace(old, new, 1)
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row.startswith(key))
    assert str(caught.value).startswith(f"bot/classifier/data/{name}:{line}: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_the_shipped_files_read_once() -> None:
    from bot.classifier.lexicon import lexicon

    assert lexicon() is lexicon()
    # every weight group and word list arrived, with ё read as е
    lex = lexicon()
    assert lex.sentiment.negative["ужас"] == 2.0 and lex.sentiment.positive["спасибо"] == 2.0
    assert "дурак" in lex.toxic.insults and lex.cues.problem_topics["курьер"] == "работа курьера"
    assert all("ё" not in word for word in lex.sentiment.negative)
