"""A doctrine linter for public replies: flags what a brand should never post.

Families (``LintIssue.code``): ``insult``, ``aggression``, ``sarcasm``, ``blame`` (blaming the customer),
``denial`` (denying the complaint or calling it a lie), ``shouting`` (caps, "!!!"), ``threat`` (deletion,
bans, courts). Word patterns match on pymorphy3 lemmas, so inflected forms are caught too: "сами
виноваты", "сама виновата" and "сам виноват" are one pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.replies.grammar import morph


@dataclass(frozen=True, slots=True)
class LintIssue:
    code: str
    message_ru: str
    message_en: str
    fragment: str


_MESSAGES: dict[str, tuple[str, str]] = {
    "insult": (
        "Оскорбление: так отвечать нельзя, даже троллю.",
        "Insult: never acceptable, not even towards a troll.",
    ),
    "aggression": (
        "Агрессия: грубый тон или обвинение автора, читатели встанут на его сторону.",
        "Aggression: a rude tone or accusing the author turns readers against the brand.",
    ),
    "sarcasm": (
        "Сарказм или насмешка: в публичном ответе читается как издёвка.",
        "Sarcasm or mockery: in a public reply it reads as taunting.",
    ),
    "blame": (
        "Перекладывание вины на клиента: лучше объяснить и предложить помощь.",
        "Blaming the customer: explain and offer help instead.",
    ),
    "denial": (
        "Отрицание: не спорьте с фактами и не называйте жалобу ложью — сначала проверьте.",
        "Denial: don't dispute facts or call the complaint a lie; check first.",
    ),
    "shouting": (
        "Крик: капслок и несколько восклицательных знаков звучат агрессивно.",
        "Shouting: caps lock and repeated exclamation marks read as aggressive.",
    ),
    "threat": (
        "Угроза удалением, баном или санкциями: негатив не удаляют и не запугивают.",
        "Threat of deletion, a ban or sanctions: negative comments are never deleted or threatened.",
    ),
}

CODES: frozenset[str] = frozenset(_MESSAGES)

_WORD_RE = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:-[A-Za-zА-Яа-яЁё]+)*")


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int
    lemmas: frozenset[str]
    pos: frozenset[str]


@lru_cache(maxsize=16384)
def _analyse(word: str) -> tuple[frozenset[str], frozenset[str]]:
    low = word.lower().replace("ё", "е")
    parses: list[Any] = list(morph().parse(low))
    lemmas = {low} | {str(p.normal_form).replace("ё", "е") for p in parses}
    pos = {str(p.tag.POS) for p in parses if p.tag.POS}
    return frozenset(lemmas), frozenset(pos)


def _tokenise(text: str) -> list[_Tok]:
    out = []
    for m in _WORD_RE.finditer(text):
        lemmas, pos = _analyse(m.group(0))
        out.append(_Tok(m.group(0), m.start(), m.end(), lemmas, pos))
    return out


def _w(text: str) -> frozenset[str]:
    return frozenset(text.replace("ё", "е").split())


@dataclass(frozen=True, slots=True)
class _Rule:
    """A sequence of slots (lemma sets); up to ``gap`` other words may stand between slots."""

    code: str
    slots: tuple[frozenset[str], ...]
    gap: int = 0
    # Skip the match if one of these lemmas stands right before it ("нам нужно было" is self-critique).
    unless_before: frozenset[str] = frozenset()


def _rule(code: str, *slots: str, gap: int = 0, unless_before: str = "") -> _Rule:
    return _Rule(code, tuple(_w(s) for s in slots), gap, _w(unless_before))


_YOU = "вы ты"
_RULES: tuple[_Rule, ...] = (
    # Blaming the customer.
    _rule("blame", "сам", "виноватый виновный виноват"),
    _rule("blame", _YOU, "виноватый виновный виноват", gap=2),
    _rule("blame", "ваш твой", "вина", gap=1),
    _rule("blame", "по это", "ваш твой", "ошибка"),
    _rule("blame", "это", "ваш твой", "проблема"),
    _rule("blame", "не", "наш", "проблема"),
    _rule(
        "blame",
        "надо нужно следовать стоить",
        "быть",
        "читать прочитать прочесть думать подумать смотреть посмотреть внимательный внимательно "
        "проверить проверять изучить раньше сразу",
        gap=2,
        unless_before="мы я нам мне",
    ),
    _rule("blame", _YOU, "надо нужно следовать стоить", "быть", gap=1),
    _rule("blame", _YOU, "не", "уметь понимать понять разобраться дочитать прочитать читать", gap=2),
    _rule("blame", _YOU, "неправильно невнимательно неверно криво", gap=2),
    _rule("blame", "читать читайте прочитать смотреть", "внимательный внимательно условие правило", gap=1),
    _rule("blame", "научиться учиться", "пользоваться читать", gap=1),
    _rule("blame", "весь", "написать указать", "в на", gap=1),
    # Denial and calling the author a liar.
    _rule(
        "denial",
        _YOU,
        "врать лгать обманывать выдумывать выдумать придумать придумывать сочинять преувеличивать клеветать",
        gap=2,
    ),
    _rule("denial", "это", "неправда ложь вранье враньё клевета фейк вброс", gap=1),
    _rule("denial", "вранье враньё клевета вброс фейк"),
    _rule("denial", "такой этот", "не", "быть бывать", gap=1),
    _rule("denial", "такой этот", "не", "мочь", "быть", gap=1),
    _rule("denial", "у", "мы", "весь", "работать порядок нормально хорошо исправно", gap=2),
    _rule("denial", "наш", "сторона", "весь", "работать порядок нормально хорошо верно правильно", gap=2),
    _rule("denial", "мы", "не", "виноватый виновный виноват", gap=1),
    _rule("denial", "мы", "ни", "при", "чем что", gap=1),
    _rule("denial", "наш", "вина", "нет", gap=1),
    _rule("denial", "никакой", "проблема", "не", "быть", gap=1),
    # Aggression.
    _rule("aggression", "заткнуться отвалить проваливать убираться отстать"),
    _rule("aggression", "катиться идти пойти", "лес вон отсюда", gap=1),
    _rule("aggression", "не", "нравиться", "не", "покупать пользоваться читать смотреть есть", gap=2),
    _rule("aggression", "никто", "не", "держать заставлять"),
    _rule("aggression", "ваш твой", "мнение", "никто", "не", "интересовать волновать", gap=1),
    _rule(
        "aggression",
        _YOU,
        "бот тролль провокатор хейтер проплатить проплаченный заказной конкурент",
        gap=2,
    ),
    _rule("aggression", "проплаченный заказной", "отзыв комментарий аккаунт", gap=1),
    _rule("aggression", "заказуха задолбать "),
    _rule("aggression", _YOU, "надоесть задолбать достать", gap=1),
    # Sarcasm.
    _rule("sarcasm", "ну ага", "конечно"),
    _rule("sarcasm", "ага", "как", "же"),
    _rule("sarcasm", "очень", "смешно остроумно"),
    _rule("sarcasm", "спасибо", "кэп капитан"),
    _rule("sarcasm", "какой", "неожиданность"),
    _rule("sarcasm", "ой", "весь всё"),
    _rule("sarcasm", "не", "смешить"),
    _rule("sarcasm", "какой", "мы", "нежный обидчивый"),
    _rule("sarcasm", "браво гениально гений бедненький бедняжка ну-ну да-да ха-ха"),
    # Threats of sanctions outside the chat.
    _rule(
        "threat",
        "подать обратиться заявление привлечь написать",
        "суд полиция прокуратура ответственность иск",
        gap=3,
    ),
    _rule("threat", "черный", "список"),
    _rule("threat", "бан"),
)

_INSULTS = _w(
    "дурак дура идиот идиотка тупой тупица дебил кретин придурок болван бестолочь олух лох ничтожество "
    "урод мразь тварь скотина истеричка неадекват неадекватный быдло нищеброд хам хамло клоун псих "
    "ненормальный шизик баран козел свинья чмо лузер неудачник бездарь безмозглый криворукий нытик "
    "жалкий позорище сумасшедший"
)
_MAT_RE = re.compile(
    r"\b(?:х[уy][йяеёию]\w*|\w*пизд\w*|[её]б[аиуоеёлн]\w*|бля\w*|сук[аиуе]?|муда\w*|говн\w*|дерьм\w*"
    r"|жоп\w*)\b",
    re.IGNORECASE,
)
_THREAT_VERBS = _w("удалить удалять заблокировать блокировать исключить исключать выгнать выкинуть выкидывать снести")
# Verbs that are a threat on their own ("забаним").
_BAN_VERBS = _w("забанить банить кикнуть кикать")
_THREAT_MODALS = _w("мы я прийтись вынужденный вынудить")
_THREAT_OBJECTS_NEAR = _w("вы ты")
_THREAT_OBJECTS = _w("комментарий коммент сообщение отзыв пост аккаунт чат группа канал")
_SARCASM_RE = re.compile(r"[🙄😂🤣🤡😏🙃😆😜🥱]|\){2,}|\({3,}|\bха(?:-?ха)+\b", re.IGNORECASE)
_EXCLAIM_RE = re.compile(r"!{2,}|\?+!+|!+\?+")
_CAPS_WORD_RE = re.compile(r"\b[A-ZА-ЯЁ]{2,}(?:-[A-ZА-ЯЁ]+)*\b")


def _match_rule(rule: _Rule, toks: list[_Tok]) -> list[tuple[int, int]]:
    found = []
    for i, tok in enumerate(toks):
        if not tok.lemmas & rule.slots[0]:
            continue
        if rule.unless_before and any(toks[j].lemmas & rule.unless_before for j in range(max(0, i - 2), i)):
            continue
        end = _match_from(rule, toks, 1, i)
        if end is not None:
            found.append((i, end))
    return found


def _match_from(rule: _Rule, toks: list[_Tok], slot: int, prev: int) -> int | None:
    if slot == len(rule.slots):
        return prev
    for j in range(prev + 1, min(len(toks), prev + 2 + rule.gap)):
        if toks[j].lemmas & rule.slots[slot]:
            end = _match_from(rule, toks, slot + 1, j)
            if end is not None:
                return end
    return None


def _issue(code: str, fragment: str) -> LintIssue:
    ru, en = _MESSAGES[code]
    return LintIssue(code, ru, en, fragment)


def _threats(text: str, toks: list[_Tok]) -> list[LintIssue]:
    issues = []
    for i, tok in enumerate(toks):
        if tok.lemmas & _BAN_VERBS:
            issues.append(_issue("threat", tok.text))
            continue
        if not tok.lemmas & _THREAT_VERBS:
            continue
        if tok.pos == {"INFN"} and not any(toks[j].lemmas & _THREAT_MODALS for j in range(max(0, i - 4), i)):
            continue  # "если вы хотите удалить аккаунт": an infinitive is a threat only after "мы"/"придётся"
        for j in range(max(0, i - 3), min(len(toks), i + 4)):
            near = abs(j - i) <= 2 and toks[j].lemmas & _THREAT_OBJECTS_NEAR
            if j != i and (near or toks[j].lemmas & _THREAT_OBJECTS):
                a, b = sorted((i, j))
                issues.append(_issue("threat", text[toks[a].start : toks[b].end]))
                break
    return issues


def _shouting(text: str) -> list[LintIssue]:
    issues = [_issue("shouting", m.group(0)) for m in _EXCLAIM_RE.finditer(text)]
    words = list(_CAPS_WORD_RE.finditer(text))
    run: list[re.Match[str]] = []

    def flush() -> None:
        letters = sum(len(m.group(0).replace("-", "")) for m in run)
        if run and ((letters >= 7 and len(run) >= 2) or any(len(m.group(0)) >= 5 for m in run)):
            issues.append(_issue("shouting", text[run[0].start() : run[-1].end()]))

    for m in words:
        if run and text[run[-1].end() : m.start()].strip(" ,") != "":
            flush()
            run = []
        run.append(m)
    flush()
    return issues


def lint_reply(text: str) -> list[LintIssue]:
    """Everything in ``text`` that breaks the doctrine; an empty list means the reply is fine."""
    toks = _tokenise(text)
    issues: list[LintIssue] = []
    for tok in toks:
        if tok.lemmas & _INSULTS:
            issues.append(_issue("insult", tok.text))
    issues.extend(_issue("insult", m.group(0)) for m in _MAT_RE.finditer(text))
    for rule in _RULES:
        for a, b in _match_rule(rule, toks):
            issues.append(_issue(rule.code, text[toks[a].start : toks[b].end]))
    issues.extend(_threats(text, toks))
    issues.extend(_issue("sarcasm", m.group(0)) for m in _SARCASM_RE.finditer(text))
    issues.extend(_shouting(text))
    seen: set[tuple[str, str]] = set()
    unique = []
    for issue in issues:
        key = (issue.code, issue.fragment.lower())
        if key not in seen:
            seen.add(key)
            unique.append(issue)
    return unique


def is_clean(text: str) -> bool:
    return not lint_reply(text)
