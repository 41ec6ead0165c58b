"""``python -m bot --help`` and ``python -m bot COMMAND --help`` describe every command."""

from __future__ import annotations

import re

import pytest

from bot.__main__ import build_parser, main

# The commands main() dispatches; a new one must be added here and described in the help.
COMMANDS = ["run", "classify", "demo", "migrate", "copy-db", "backup", "replay-dead", "learned"]


def _help(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 0
    return capsys.readouterr().out


def test_parser_knows_exactly_the_dispatched_commands() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    assert list(subparsers.choices or {}) == COMMANDS


def test_top_level_help_lists_every_command_with_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    out = _help(capsys, ["--help"])
    for name in COMMANDS:
        line = re.search(rf"^ +{re.escape(name)} +(\S.*)$", out, flags=re.M)
        assert line is not None, f"{name} is not listed in --help"
        assert len(line.group(1).split()) >= 4, f"{name} has no one-line summary"


@pytest.mark.parametrize("name", COMMANDS)
def test_each_command_help_has_a_description(capsys: pytest.CaptureFixture[str], name: str) -> None:
    out = _help(capsys, [name, "--help"])
    assert out.startswith(f"usage: python -m bot {name}")
    # argparse prints: usage, a blank line, the description, a blank line, the options.
    paragraphs = [p for p in out.split("\n\n") if p.strip()]
    description = paragraphs[1]
    assert not description.lstrip().startswith(("options:", "positional arguments:"))
    assert len(description.split()) >= 8, f"{name} --help has no description"
