"""The reply playbooks, the follow-ups and what to ask for, read once from ``bot/replies/data`` and checked.

A mistake in one of the files (an unknown label, a placeholder the bot cannot fill, an empty list of
variants) stops the bot at the first reply with one line naming the file and the line; see the comments
at the top of each file for what it may hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from bot.datafiles import DataFile, load
from bot.domain.verdicts import Label
from bot.replies import datacheck as check
from bot.replies.grammar import CASES

Lang = Literal["ru", "en"]
LANGS: tuple[Lang, ...] = ("ru", "en")
PACKAGE = "bot.replies.data"

# What a template may name, by what the bot fills in (see ``playbooks.render``).
PROBLEM_SLOTS: dict[Lang, frozenset[str]] = {
    "ru": frozenset({f"problem_{case}" for case in CASES} | {"problem", "s_problem", "o_problem", "v_problem"}),
    "en": frozenset({"problem"}),
}
NEED = "need"
FIX = "fix"


def pick_lang(lang: str) -> Lang:
    return "en" if lang.lower().startswith("en") else "ru"


@dataclass(frozen=True, slots=True)
class Variant:
    """One reply: a text that names the problem and one that reads naturally without it."""

    with_problem: str
    without_problem: str


@dataclass(frozen=True, slots=True)
class Playbook:
    label: Label
    line_ru: str
    line_en: str
    variants_ru: tuple[Variant, ...] = ()
    variants_en: tuple[Variant, ...] = ()
    # Whether the reply may start with the author's name (not for a statement to a whole wave).
    addresses_author: bool = True
    # Whether ``suggest_reply`` returns a text by default (positive: only when asked).
    reply_by_default: bool = True

    def line(self, lang: str = "ru") -> str:
        return self.line_en if pick_lang(lang) == "en" else self.line_ru

    def variants(self, lang: str = "ru") -> tuple[Variant, ...]:
        return self.variants_en if pick_lang(lang) == "en" else self.variants_ru


@dataclass(frozen=True, slots=True)
class Need:
    """What to ask the author for when the problem has one of ``lemmas``."""

    lemmas: frozenset[str]
    ru: str  # accusative: "пришлите, пожалуйста, {need} в личные сообщения"
    en: str
    note_ru: str = ""
    note_en: str = ""


@dataclass(frozen=True, slots=True)
class ReplyData:
    playbooks: dict[Label, Playbook]
    follow_up: dict[Lang, tuple[Variant, ...]]
    needs: tuple[Need, ...]
    default_need: Need


@lru_cache(maxsize=1)
def reply_data() -> ReplyData:
    """Everything the reply drafts are made of; read on first use, then kept."""
    needs, default_need = read_needs(load(PACKAGE, "needs.toml"))
    return ReplyData(
        read_playbooks(load(PACKAGE, "playbooks.toml")),
        read_follow_up(load(PACKAGE, "follow_up.toml")),
        needs,
        default_need,
    )


def read_playbooks(file: DataFile) -> dict[Label, Playbook]:
    tables = file.table("")
    labels = [label.value for label in Label]
    check.only_keys(file, "", 1, tables, labels, what="label")
    books: dict[Label, Playbook] = {}
    for label in Label:
        if label.value not in tables:
            raise file.fail(label.value, f"missing: every label needs a playbook ({', '.join(labels)})")
        table = file.table(label.value)
        line = file.line_of(label.value)
        where = label.value
        check.only_keys(
            file, where, line, table, ("line_ru", "line_en", "addresses_author", "reply_by_default", *LANGS)
        )
        if ("ru" in table) != ("en" in table):
            missing = "en" if "ru" in table else "ru"
            raise check.error_at(file, line, f"{where}.{missing}", "missing: give the variants in both languages")
        variants = {
            lang: _variants(file, f"{where}.{lang}", table.get(lang), lang) if lang in table else () for lang in LANGS
        }
        books[label] = Playbook(
            label,
            check.text(file, where, line, table, "line_ru"),
            check.text(file, where, line, table, "line_en"),
            variants["ru"],
            variants["en"],
            addresses_author=check.flag(file, where, line, table, "addresses_author", True),
            reply_by_default=check.flag(file, where, line, table, "reply_by_default", True),
        )
    return books


def read_follow_up(file: DataFile) -> dict[Lang, tuple[Variant, ...]]:
    tables = file.table("")
    check.only_keys(file, "", 1, tables, LANGS, what="language")
    out: dict[Lang, tuple[Variant, ...]] = {}
    for lang in LANGS:
        if lang not in tables:
            raise file.fail(lang, "missing: give the follow-ups in both languages")
        out[lang] = _variants(file, lang, tables[lang], lang, extra=frozenset({FIX}))
    return out


def read_needs(file: DataFile) -> tuple[tuple[Need, ...], Need]:
    tables = file.table("")
    check.only_keys(file, "", 1, tables, ("need", "default"))
    needs = []
    found = check.items(file, "need", file.get("need"))
    lines = check.item_lines(file, "need", len(found))
    for index, table in enumerate(found):
        needs.append(_need(file, f"need#{index + 1}", lines[index], table, words=True))
    default = _need(file, "default", file.line_of("default"), file.table("default"), words=False)
    return tuple(needs), default


def _need(file: DataFile, where: str, line: int, table: dict[str, Any], *, words: bool) -> Need:
    keys = ("ru", "en", "note_ru", "note_en")
    check.only_keys(file, where, line, table, (*keys, "words") if words else keys)
    if ("note_ru" in table) != ("note_en" in table):
        raise check.error_at(file, line, where, "give note_ru and note_en together, or neither")
    notes = [check.text(file, where, line, table, key) if key in table else "" for key in ("note_ru", "note_en")]
    lemmas: frozenset[str] = frozenset()
    if words:
        found = table.get("words")
        word_line = check.key_line(file, line, "words")
        if not isinstance(found, list) or not found or not all(isinstance(w, str) and w.strip() for w in found):
            raise check.error_at(file, word_line, f"{where}.words", "expected a non-empty list of words")
        for word in found:
            if word != word.lower() or word != word.strip():
                raise check.error_at(
                    file,
                    check.line_after(file, word_line, f'"{word}"'),
                    f"{where}.words",
                    f"{word!r}: write words in lower case",
                )
        lemmas = frozenset(found)
    return Need(
        lemmas,
        check.text(file, where, line, table, "ru"),
        check.text(file, where, line, table, "en"),
        notes[0],
        notes[1],
    )


def _variants(
    file: DataFile, where: str, found: Any, lang: Lang, *, extra: frozenset[str] = frozenset()
) -> tuple[Variant, ...]:
    plain = frozenset({NEED}) | extra
    out = []
    tables = check.items(file, where, found)
    lines = check.item_lines(file, where, len(tables))
    for index, table in enumerate(tables):
        line = lines[index]
        at = f"{where}#{index + 1}"
        check.only_keys(file, at, line, table, ("with_problem", "without_problem", "text"))
        if "text" in table:
            if "with_problem" in table or "without_problem" in table:
                raise check.error_at(file, line, at, "give either text or with_problem and without_problem")
            text = _template(file, at, line, table, "text", plain)
            out.append(Variant(text, text))
            continue
        out.append(
            Variant(
                _template(file, at, line, table, "with_problem", plain | PROBLEM_SLOTS[lang]),
                _template(file, at, line, table, "without_problem", plain),
            )
        )
    return tuple(out)


def _template(file: DataFile, where: str, line: int, table: dict[str, Any], key: str, allowed: frozenset[str]) -> str:
    value = check.text(file, where, line, table, key)
    return check.template(file, f"{where}.{key}", check.key_line(file, line, key), value, allowed)
