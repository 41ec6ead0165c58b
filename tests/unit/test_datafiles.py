"""Data files: a mistake is reported as one line naming the file and the line where it is."""

from __future__ import annotations

import pytest

from bot.datafiles import DataFileError, parse

TEXT = """\
# lexicon
[toxic]
roots = ["дурак", "идиот"]
weight = 2

[toxic.extra]
phrases = ["ну и", 5]
flag = "yes"
"""


def test_values_are_read_and_checked() -> None:
    data = parse("lex.toml", TEXT)
    assert data.strings("toxic.roots") == ("дурак", "идиот")
    assert data.value("toxic.weight", int) == 2
    assert set(data.table("toxic")) == {"roots", "weight", "extra"}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda d: d.strings("toxic.extra.phrases"), "lex.toml:7: toxic.extra.phrases: expected a list"),
        (lambda d: d.value("toxic.extra.flag", int), "lex.toml:8: toxic.extra.flag: expected int, found str"),
        (lambda d: d.value("toxic.weight", str), "lex.toml:4: toxic.weight: expected str, found int"),
        (lambda d: d.table("toxic.roots"), "lex.toml:3: toxic.roots: expected a table"),
        (lambda d: d.get("toxic.missing"), "lex.toml: toxic.missing: missing"),
    ],
)
def test_errors_name_file_and_line(call, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DataFileError) as caught:
        call(parse("lex.toml", TEXT))
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_broken_toml_names_its_line() -> None:
    with pytest.raises(DataFileError, match=r"^broken\.toml:3: not valid TOML"):
        parse("broken.toml", 'a = 1\nb = "x"\nc = [1,\n')


def test_line_search_stays_inside_the_named_table() -> None:
    text = "[a]\nname = 1\n[b]\nname = 2\n"
    assert parse("t.toml", text).line_of("b.name") == 4
    assert parse("t.toml", text).line_of("a.name") == 2
