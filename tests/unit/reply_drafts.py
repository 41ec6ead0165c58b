"""Every reply draft the bot can write for a broad, fixed set of inputs, grouped, for the snapshot test.

The inputs: every label and variant number, authors' names of every kind (male, female, both, Latin,
decorated, nicknames, none), problem phrases (the unit tests' own and the ones the classifier finds in
the typology sets), the comments of the typology sets run through the same path as
``python -m bot classify``, and the tests' own example strings (frozen in
``tests/data/reply_drafts_texts.json`` so that editing a test does not move the snapshot).

``python -m tests.unit.reply_drafts --write`` records the snapshot; do that only for an intended change of
wording, never to make the test pass after a refactor.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bot.classifier import Label, create_classifier
from bot.cli.classify import classify_line
from bot.replies import lint_reply, playbook_line, suggest_follow_up, suggest_reply
from bot.replies.custom import PLACEHOLDERS, parse_variants, render_custom
from bot.replies.grammar import (
    CASES,
    address_name,
    agree_past_verb,
    format_delay,
    name_gender,
    plural_agree,
    try_inflect_phrase,
)
from bot.replies.playbooks import PLAYBOOKS, clean_problem, follow_up_variants, variant_count
from bot.services.calm import sounds_calm

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = ROOT / "tests" / "data" / "reply_drafts.json"
TEXTS = ROOT / "tests" / "data" / "reply_drafts_texts.json"
TYPOLOGY = ("typology.jsonl", "typology_dev2.jsonl", "typology_dev3.jsonl", "typology_holdout.jsonl")
SAMPLES = 5

LANGS = ("ru", "en")
CASE_IDS = (0, 1, 2, 3, 4, 5, 6, 7, 123_456_789)
NAMES: tuple[str | None, ...] = (
    "Игорь",
    "Анна",
    "Саша",
    "Женя",
    "Alex",
    "Maria",
    "maria",
    "АННА",
    "анна",
    "Ольга-Мария",
    "Jean-Luc",
    "O'Brien",
    "Dmitry",
    "★彡Игорь彡★",
    "Игорь 🔥",
    "котик_99",
    "Котик",
    "admin",
    "Поддержка",
    "qwrtp",
    "ааааа",
    "",
    None,
)
PROBLEMS: tuple[str | None, ...] = (
    "доставка заказа",
    "долгая доставка",
    "возврат денег",
    "списание с карты",
    "холодная еда",
    "неправильный размер",
    "доступ к курсу",
    "блокировка карты",
    "связь",
    "вылеты приложения",
    "служба поддержки",
    "скорость интернета",
    "оплата заказа",
    "качество уроков",
    "холодные роллы",
    "Доставка заказа",
    "ДОСТАВКА",
    "Яндекс доставка",
    "Wi-Fi роутер",
    "чат-бот",
    "доставка и упаковка",
    "возврат денег и товаров",
    "заказ не пришёл",
    "промокод",
    "кешбэк за покупку",
    "тариф интернета",
    "курс по Python",
    "сайт",
    "вход в личный кабинет",
    "очень длинная проблема из многих слов которые никак не влезут в шаблон ответа",
    "{name} взлом",
    "  доставка заказа...  ",
    "delivery",
    "slow delivery of my order",
    "none",
    "",
    None,
)
FIXES: tuple[str | None, ...] = (
    None,
    "",
    "теперь курьер звонит за час до приезда",
    "Обновили приложение!",
    "  поменяли   службу доставки  ",
    "We switched couriers",
    "Шаблон {name} и }{",
)
CUSTOM_MESSAGES = (
    "{name}, простите за {problem_accs}. Пришлите {need} в личные сообщения.",
    "Спасибо, что написали {o_problem}.\n\nМы разберёмся {s_problem}, напишите нам.\n\n  Без проблемы: {need}  ",
    ", спасибо! Разберёмся.\n\n{name}! Ждём {need}.",
    "Проблема {problem_gent}, {problem_datv}, {problem_ablt}, {problem_loct}, {problem}.",
    "{unknown} и {name}",
    "незакрытая {name",
    "",
    "   \n\n  ",
    "\n\n".join(f"вариант {n}" for n in range(11)),
    "я" * 1001,
)
DELAYS = (-5, 0, 1, 59, 60, 61, 90, 300, 3599, 3600, 3660, 5400, 7200, 86_399, 86_400, 90_000, 172_800, 1_000_000)


def _texts() -> list[str]:
    loaded: list[str] = json.loads(TEXTS.read_text(encoding="utf-8"))
    return loaded


def _typology(name: str) -> list[dict[str, Any]]:
    path = ROOT / "benchmarks" / "data" / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _classify(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``python -m bot classify`` on ``rows`` in one stream, with names and languages varied per line."""
    classifier = create_classifier()
    out = []
    for n, row in enumerate(rows, start=1):
        line = dict(row)
        line.setdefault("date", 1_764_000_000 + 30 * n)  # not the clock: the snapshot must not depend on it
        line["author_name"] = NAMES[n % len(NAMES)]
        if n % 3 == 0:
            line["lang"] = "en"
        verdict = classify_line(classifier, json.dumps(line, ensure_ascii=False), n)
        # The reasons' wording is the classifier's and the catalog's (tests/unit/test_reason_codes.py):
        # this snapshot is about the drafts.
        verdict.pop("reasons", None)
        verdict.pop("reason_codes", None)
        out.append(verdict)
    return out


def _lint(text: str) -> list[list[str]]:
    return [[i.code, i.fragment, i.message_ru, i.message_en] for i in lint_reply(text)]


def _playbook_dump() -> list[Any]:
    out: list[Any] = []
    for label in Label:
        book = PLAYBOOKS[label]
        out.append([label.value, book.label.value, book.addresses_author, book.reply_by_default])
        for lang in ("ru", "en", "EN-us", "de", ""):
            out.append([book.line(lang), variant_count(label, lang)])
            out.extend([v.with_problem, v.without_problem] for v in book.variants(lang))
    for lang in LANGS:
        out.extend([v.with_problem, v.without_problem] for v in follow_up_variants(lang))
    return out


def groups() -> Iterator[tuple[str, list[Any]]]:
    texts = _texts()
    streams = {name: _typology(name) for name in TYPOLOGY}
    streams["tests"] = [{"text": t} for t in texts]
    classified = {name: _classify(rows) for name, rows in streams.items()}
    for name, results in classified.items():
        yield f"classify/{name}", results
    # Problem phrases the classifier finds in real comments, in first-seen order.
    found = list(dict.fromkeys(r["problem"] for rs in classified.values() for r in rs if r.get("problem")))
    yield "classify/problems", found

    yield "playbooks", _playbook_dump()
    yield "playbook_line", [playbook_line(label, lang) for label in Label for lang in ("ru", "en", "EN", "de")]

    drafts: list[str] = []
    for label in Label:
        for lang in LANGS:
            group: list[Any] = []
            for case_id in CASE_IDS:
                for name in NAMES:
                    for problem in PROBLEMS:
                        for thank in (False, True) if label is Label.POSITIVE else (False,):
                            reply = suggest_reply(
                                label,
                                problem=problem,
                                author_name=name,
                                case_id=case_id,
                                lang=lang,
                                thank_positive=thank,
                            )
                            group.append(reply)
                            if reply is not None and name in ("Анна", None):
                                drafts.append(reply)
            yield f"suggest_reply/{label.value}/{lang}", group
    for lang in LANGS:
        group = []
        for n, problem in enumerate(found + texts):
            for label in (Label.CONSTRUCTIVE, Label.IMPULSIVE, Label.TROLLING, Label.DIRECTED):
                group.append(
                    suggest_reply(label, problem=problem, author_name=NAMES[n % len(NAMES)], case_id=n, lang=lang)
                )
        yield f"suggest_reply/found_problems/{lang}", group
        group = []
        for case_id in CASE_IDS:
            for name in NAMES:
                for problem in PROBLEMS:
                    for fix in FIXES:
                        text = suggest_follow_up(problem=problem, author_name=name, case_id=case_id, lang=lang, fix=fix)
                        group.append(text)
                        if name in ("Анна", None) and fix in (None, FIXES[2]):
                            drafts.append(text)
        yield f"suggest_follow_up/{lang}", group
        yield f"clean_problem/{lang}", [clean_problem(p, lang) for p in (*PROBLEMS, *found, *texts)]

    yield "lint/drafts", [_lint(d) for d in dict.fromkeys(drafts)]
    yield "lint/texts", [_lint(t) for t in texts]
    yield "lint/typology", [_lint(str(row["text"])) for name in TYPOLOGY for row in streams[name]]
    comments = [*texts, *(str(row["text"]) for name in TYPOLOGY for row in streams[name])]
    yield "calm", [sounds_calm(t) for t in comments]

    yield "custom/placeholders", [[k, v] for k, v in PLACEHOLDERS.items()]
    yield "custom/parse", [list(parse_variants(m)) for m in CUSTOM_MESSAGES]
    group = []
    for message in CUSTOM_MESSAGES[:4]:
        variants = parse_variants(message)[0]
        for seq in range(4):
            for name in NAMES:
                for problem in PROBLEMS:
                    group.append(render_custom(variants, problem=problem, author_name=name, seq=seq))
    yield "custom/render", group

    names = [*NAMES, *(t for t in texts if len(t.split()) <= 2)]
    yield "grammar/names", [[address_name(n), name_gender(n) if n else None] for n in names]
    yield "grammar/delay", [[format_delay(s, "ru"), format_delay(s, "en")] for s in DELAYS]
    yield (
        "grammar/numbers",
        [plural_agree(n, w, c) for n in range(0, 113, 3) for w in ("день", "минута") for c in sorted(CASES)],
    )
    yield (
        "grammar/verbs",
        [agree_past_verb(v, g) for v in ("написал", "ошибся", "пришёл") for g in ("masc", "femn", None)],
    )
    phrases = [p for p in (*PROBLEMS, *found) if p]
    yield "grammar/inflect", [[try_inflect_phrase(p, c) for c in sorted(CASES)] for p in phrases]


def digest(items: list[Any]) -> dict[str, Any]:
    lines = [json.dumps(item, ensure_ascii=False, sort_keys=True) for item in items]
    sha = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    step = max(1, len(items) // SAMPLES)
    samples = {str(i): items[i] for i in range(0, len(items), step)[:SAMPLES]}
    return {"count": len(items), "sha256": sha, "samples": samples}


def snapshot() -> dict[str, dict[str, Any]]:
    return {name: digest(items) for name, items in groups()}


def main(argv: list[str]) -> int:
    if argv != ["--write"]:
        print("usage: python -m tests.unit.reply_drafts --write", file=sys.stderr)
        return 2
    SNAPSHOT.write_text(json.dumps(snapshot(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
