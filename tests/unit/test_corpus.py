"""The labelled corpus under bot/classifier/corpus/: its JSONL files are well formed and its two parts stay apart.

The train part (corpus/train/) is for fitting and tuning; the blind parts (corpus/blind/, and corpus/blind2/ written
later, after the first had been scored over many rounds) only measure, so none of their texts may appear in the train
part. The train part may be absent: then only the checks of the blind part run.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "bot" / "classifier" / "corpus"
PARTS = ("train", "blind", "blind2")
BLIND_PARTS = ("blind", "blind2")

FIELDS = (
    "id",
    "text",
    "label",
    "negative",
    "toxic",
    "lang",
    "domain",
    "tags",
    "wave",
    "chat_id",
    "user_id",
    "date",
    "author_name",
)
NEGATIVE = {"constructive": True, "impulsive": True, "trolling": True, "directed": True}
LABELS = (*NEGATIVE, "neutral", "positive")
LANGS = ("ru", "en", "uk", "mixed")
FOREIGN = ("en", "uk", "mixed")
DOMAINS = (
    "shop",
    "marketplace",
    "delivery",
    "food",
    "bank",
    "telecom",
    "app",
    "game",
    "media",
    "city",
    "school",
    "creator",
    "cafe",
    "other",
)
ID_RE = re.compile(r"[A-Za-z][A-Za-z_]*[0-9]+")
TAG_RE = re.compile(r"[a-z][a-z0-9_]*")
DATE_MIN, DATE_MAX = 1_600_000_000, 1_900_000_000  # unix seconds around 1,764,000,000

BLIND_MIN_LINES = 600
BLIND2_MIN_LINES = 300
BLIND_MIN_PER_LABEL = 40
BLIND_MIN_WAVES = 10
MIN_FOREIGN_SHARE = 0.10
WAVE_MIN_LINES = 3
WAVE_MAX_SPAN = 30 * 60  # a copy-paste wave comes within minutes


@dataclass(frozen=True)
class Line:
    path: Path
    number: int
    raw: str

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(CORPUS)}:{self.number}"


@dataclass(frozen=True)
class Row:
    line: Line
    data: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.data.get(key)


def files(part: str) -> list[Path]:
    folder = CORPUS / part
    return sorted(folder.rglob("*.jsonl")) if folder.is_dir() else []


@cache
def lines(part: str) -> tuple[Line, ...]:
    out = []
    for path in files(part):
        text = path.read_text(encoding="utf-8")
        for number, raw in enumerate(text.split("\n"), start=1):
            if raw == "" and number == text.count("\n") + 1:
                continue  # the end of the file after its last newline
            out.append(Line(path, number, raw))
    return tuple(out)


@cache
def rows(part: str) -> tuple[Row, ...]:
    out = []
    for line in lines(part):
        try:
            data = json.loads(line.raw)
        except json.JSONDecodeError:
            continue  # reported by test_every_line_parses
        if isinstance(data, dict):
            out.append(Row(line, data))
    return tuple(out)


def present_parts() -> list[str]:
    return [part for part in PARTS if files(part)]


def normalized(text: str) -> str:
    """Lower case, ё as е, every run of punctuation, symbols and spaces as one space."""
    return re.sub(r"[\W_]+", " ", text.lower().replace("ё", "е")).strip()


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def field_errors(data: dict[str, Any]) -> list[str]:
    errors = []
    if tuple(data) != FIELDS:
        return [f"fields {list(data)} instead of {list(FIELDS)}"]
    if not isinstance(data["id"], str) or not ID_RE.fullmatch(data["id"]):
        errors.append(f"id {data['id']!r} is not <prefix><number>")
    if not isinstance(data["text"], str) or not data["text"].strip():
        errors.append("text is not a non-empty string")
    if data["label"] not in LABELS:
        errors.append(f"label {data['label']!r} not in {LABELS}")
    for key in ("negative", "toxic"):
        if not isinstance(data[key], bool):
            errors.append(f"{key} {data[key]!r} is not a boolean")
    if data["lang"] not in LANGS:
        errors.append(f"lang {data['lang']!r} not in {LANGS}")
    if data["domain"] not in DOMAINS:
        errors.append(f"domain {data['domain']!r} not in {DOMAINS}")
    tags = data["tags"]
    if not isinstance(tags, list) or not all(isinstance(t, str) and TAG_RE.fullmatch(t) for t in tags):
        errors.append(f"tags {tags!r} are not a list of lower_snake_case strings")
    elif len(set(tags)) != len(tags):
        errors.append(f"tags {tags!r} repeat a tag")
    if data["wave"] is not None and (not isinstance(data["wave"], str) or not data["wave"].strip()):
        errors.append(f"wave {data['wave']!r} is neither null nor a non-empty string")
    if not is_int(data["chat_id"]) or data["chat_id"] >= 0:
        errors.append(f"chat_id {data['chat_id']!r} is not a negative integer (a group's id)")
    if not is_int(data["user_id"]) or data["user_id"] <= 0:
        errors.append(f"user_id {data['user_id']!r} is not a positive integer")
    if not is_int(data["date"]) or not DATE_MIN <= data["date"] <= DATE_MAX:
        errors.append(f"date {data['date']!r} is not unix seconds between {DATE_MIN} and {DATE_MAX}")
    if not isinstance(data["author_name"], str) or not data["author_name"].strip():
        errors.append("author_name is not a non-empty string")
    return errors


def test_blind_part_is_present() -> None:
    assert files("blind"), f"no JSONL file under {CORPUS / 'blind'}"


@pytest.mark.parametrize("part", present_parts())
def test_every_line_parses(part: str) -> None:
    bad = []
    for line in lines(part):
        try:
            data = json.loads(line.raw)
        except json.JSONDecodeError as exc:
            bad.append(f"{line.where}: {exc}")
            continue
        if not isinstance(data, dict):
            bad.append(f"{line.where}: not a JSON object")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("part", present_parts())
def test_fields_and_types(part: str) -> None:
    bad = [f"{row.line.where}: {error}" for row in rows(part) for error in field_errors(row.data)]
    assert not bad, "\n".join(bad[:50])


@pytest.mark.parametrize("part", present_parts())
def test_negative_follows_the_label(part: str) -> None:
    bad = [
        f"{row.line.where}: label {row['label']} with negative={row['negative']}"
        for row in rows(part)
        if row["label"] in LABELS and row["negative"] is not NEGATIVE.get(row["label"], False)
    ]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("part", BLIND_PARTS)
def test_blind_ids_have_the_b_prefix(part: str) -> None:
    bad = [row.line.where for row in rows(part) if not str(row["id"]).startswith("b")]
    assert not bad, "ids without the prefix b: " + ", ".join(bad)


def test_ids_are_unique_across_both_parts() -> None:
    seen: dict[str, str] = {}
    dupes = []
    for part in PARTS:
        for row in rows(part):
            key = str(row["id"])
            if key in seen:
                dupes.append(f"{key} at {seen[key]} and {row.line.where}")
            else:
                seen[key] = row.line.where
    assert not dupes, "\n".join(dupes)


@pytest.mark.parametrize("part", BLIND_PARTS)
def test_no_blind_text_is_in_the_train_part(part: str) -> None:
    train = {normalized(str(row["text"])): row.line.where for row in rows("train")}
    leaks = [
        f"{row.line.where} = {train[key]}: {row['text']!r}"
        for row in rows(part)
        if (key := normalized(str(row["text"]))) in train
    ]
    assert not leaks, "blind texts found in the train part:\n" + "\n".join(leaks)


def test_blind_part_is_big_enough_for_every_label() -> None:
    blind = rows("blind")
    assert len(lines("blind")) >= BLIND_MIN_LINES
    counts = Counter(row["label"] for row in blind)
    short = {label: counts[label] for label in LABELS if counts[label] < BLIND_MIN_PER_LABEL}
    assert not short, f"labels under {BLIND_MIN_PER_LABEL} lines in the blind part: {short}"


@pytest.mark.parametrize("part", present_parts())
def test_part_has_english_ukrainian_and_mixed_lines(part: str) -> None:
    total = len(rows(part))
    foreign = sum(row["lang"] in FOREIGN for row in rows(part))
    assert foreign >= MIN_FOREIGN_SHARE * total, f"{foreign} of {total} lines in {FOREIGN}"


@pytest.mark.parametrize("part", present_parts())
def test_waves_are_several_accounts_in_one_chat_within_minutes(part: str) -> None:
    waves: dict[str, list[Row]] = defaultdict(list)
    for row in rows(part):
        if isinstance(row["wave"], str):
            waves[row["wave"]].append(row)
    bad = []
    for wave, members in sorted(waves.items()):
        where = members[0].line.where
        users = {row["user_id"] for row in members}
        chats = {row["chat_id"] for row in members}
        dates = [row["date"] for row in members if is_int(row["date"])]
        labels = {row["label"] for row in members}
        if len(members) < WAVE_MIN_LINES:
            bad.append(f"wave {wave} ({where}): {len(members)} lines, at least {WAVE_MIN_LINES} needed")
        if len(users) != len(members):
            bad.append(f"wave {wave} ({where}): {len(members)} lines from {len(users)} user_ids")
        if len(chats) != 1:
            bad.append(f"wave {wave} ({where}): spread over chats {sorted(chats)}")
        if dates and max(dates) - min(dates) > WAVE_MAX_SPAN:
            bad.append(f"wave {wave} ({where}): spans {max(dates) - min(dates)} s")
        if labels != {"directed"}:
            bad.append(f"wave {wave} ({where}): labels {sorted(labels)}, a wave is directed")
    assert not bad, "\n".join(bad)


def test_second_blind_part_is_new_text_with_every_label() -> None:
    blind = {normalized(str(row["text"])) for row in rows("blind")}
    repeats = [row.line.where for row in rows("blind2") if normalized(str(row["text"])) in blind]
    assert not repeats, "lines of blind2 repeat the first blind part: " + ", ".join(repeats)
    assert len(lines("blind2")) >= BLIND2_MIN_LINES
    counts = Counter(row["label"] for row in rows("blind2"))
    assert all(counts[label] >= 20 for label in LABELS), counts


def test_blind_part_has_enough_waves() -> None:
    waves = {row["wave"] for row in rows("blind") if row["wave"] is not None}
    assert len(waves) >= BLIND_MIN_WAVES, f"{len(waves)} waves in the blind part"


@pytest.mark.parametrize("part", present_parts())
def test_a_user_id_is_one_author(part: str) -> None:
    names: dict[Any, set[Any]] = defaultdict(set)
    for row in rows(part):
        names[row["user_id"]].add(row["author_name"])
    bad = {user: sorted(map(str, n)) for user, n in names.items() if len(n) > 1}
    assert not bad, f"user_ids with several author names: {bad}"


@pytest.mark.parametrize("part", present_parts())
def test_dates_do_not_go_back_within_a_chat(part: str) -> None:
    last: dict[tuple[Path, Any], Row] = {}
    bad = []
    for row in rows(part):
        if not is_int(row["date"]):
            continue
        key = (row.line.path, row["chat_id"])
        before = last.get(key)
        if before is not None and row["date"] < before["date"]:
            bad.append(f"{row.line.where}: date {row['date']} before {before['date']} at {before.line.where}")
        last[key] = row
    assert not bad, "\n".join(bad)
