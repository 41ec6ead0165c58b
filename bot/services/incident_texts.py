"""The public texts of an incident, drafted from ``bot/services/data/statements.toml``: the statement,
the reply pointing each member to it, the result, and the note to members once it is fixed."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bot.datafiles import DataFile, load
from bot.domain.incidents import Incident
from bot.replies import datacheck as check
from bot.services.incident_terms import THING

KINDS = (
    "statement",
    "statement_thing",
    "answer",
    "result",
    "result_thing",
    "notify",
    "answer_unlinked",
    "notify_unlinked",
)
PLACEHOLDERS = {
    "statement": ("title", "next_update", "extra"),
    "statement_thing": ("title", "next_update", "extra"),
    "answer": ("link",),
    "result": ("title",),
    "result_thing": ("title",),
    "notify": ("link",),
    "answer_unlinked": (),
    "notify_unlinked": (),
}


@dataclass(frozen=True, slots=True)
class StatementTexts:
    texts: dict[str, dict[str, str]]  # language -> kind -> template
    extras: dict[str, dict[str, str]]  # language -> concept -> line


@lru_cache(maxsize=1)
def statement_texts() -> StatementTexts:
    """Read and checked on first use (called at start to check early)."""
    return read_statement_texts(load("bot.services.data", "statements.toml"))


def read_statement_texts(file: DataFile) -> StatementTexts:
    check.only_keys(file, "", 1, file.table(""), ("ru", "en"))
    texts: dict[str, dict[str, str]] = {}
    extras: dict[str, dict[str, str]] = {}
    for lang in ("ru", "en"):
        table = file.table(lang)
        line = file.line_of(lang)
        check.only_keys(file, lang, line, table, (*KINDS, "extra"))
        texts[lang] = {}
        for kind in KINDS:
            text = check.text(file, lang, line, table, kind)
            texts[lang][kind] = check.template(
                file, f"{lang}.{kind}", file.line_of(f"{lang}.{kind}"), text, PLACEHOLDERS[kind]
            )
        extras[lang] = {str(k): str(v) for k, v in file.table(f"{lang}.extra").items()}
    return StatementTexts(texts, extras)


def _lang(lang: str) -> str:
    return lang if lang in ("ru", "en") else "en"


def _thing(incident: Incident) -> bool:
    return incident.key.startswith(THING)


def statement(incident: Incident, lang: str, next_update: str) -> str:
    data = statement_texts()
    lang = _lang(lang)
    kind = "statement_thing" if _thing(incident) else "statement"
    extra = data.extras[lang].get(incident.key, "")
    return data.texts[lang][kind].format(title=incident.title, next_update=next_update, extra=extra)


def answer(lang: str, link: str | None) -> str:
    """The reply pointing a member to the statement; without a link when the bot never learned
    where the statement is (an admin marked it as posted)."""
    if link is None:
        return statement_texts().texts[_lang(lang)]["answer_unlinked"]
    return statement_texts().texts[_lang(lang)]["answer"].format(link=link)


def result(incident: Incident, lang: str) -> str:
    kind = "result_thing" if _thing(incident) else "result"
    return statement_texts().texts[_lang(lang)][kind].format(title=incident.title)


def notify(lang: str, link: str | None) -> str:
    if link is None:
        return statement_texts().texts[_lang(lang)]["notify_unlinked"]
    return statement_texts().texts[_lang(lang)]["notify"].format(link=link)
