"""Text normalisation for Russian chat messages: pure functions, no I/O.

What it does, in order: bounds the length, drops control characters, pulls out
links, @mentions, emoji and numbers, removes invisible characters, joins words spelt out
letter by letter, measures shouting (caps, "!!!", "???"),
lowercases, folds ё→е, collapses stretched letters, maps Latin look-alikes inside
Cyrillic words, and unmasks masked profanity ("х*р", "бл@", "п#здец").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from bot.classifier.lexicon import lexicon
from bot.language.morph import trim_cache

# Only the head of a message is analysed: huge inputs must never hang the bot.
MAX_CHARS = 2000

_URL = re.compile(r"(?:https?://|www\.|t\.me/)\S+|\b[a-z0-9-]+\.(?:ru|com|рф|net|org|me|io|shop)\b(?:/\S*)?")
# What any link _URL finds holds: a scheme's "://", "www.", "t.me/" or a dot before one of its domains.
# Most texts with a "." have none, and this costs a fraction of _URL's pass (a word start tried at every
# character).
_URL_HINT = re.compile(r"://|www\.|t\.me/|\.(?:ru|com|рф|net|org|me|io|shop)")
_MENTION = re.compile(r"(?<![\w@])@[a-zA-Z][\w]{3,31}")
_HASHTAG = re.compile(r"(?<![\w#])#([^\W\d_][\w]*)")
_EMOJI = re.compile("[\U0001f300-\U0001faff\U0001f000-\U0001f2ff\u2600-\u27bf\u2b00-\u2bff\u2190-\u21ff\u3030\u303d]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufe00-\ufe0f]")
# Invisible characters inside words (zero-width space and joiners, word joiner, BOM, soft hyphen):
# removed, not turned into spaces, so "за\u200bдолбали" stays one word.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]")
# A word spelt out letter by letter ("з а д о л б а л и", "х.р.е.н"): at least 4 single letters
# joined by one separator each; Russian one-letter words rarely come four in a row.
_SPACED = re.compile(r"(?<![^\W\d_])(?:[^\W\d_][ .\-_*]){3,}[^\W\d_](?![^\W\d_])")
_SPACED_SEP = re.compile(r"[ .\-_*]")
# What any such word holds inside: a single letter between two separators, twice. Searched first (its
# leading class lets the engine skip ahead); _SPACED, with a look-behind tried at every character, runs
# only on the few texts where this is found.
_SPACED_HINT = re.compile(r"[ .\-_*][^\W\d_][ .\-_*][^\W\d_][ .\-_*]")
_STRETCH = re.compile(r"([^\W\d_])\1{2,}")
_TRIPLE = re.compile(r"(.)\1\1")
_RAW_TOKEN = re.compile(r"[\w*@#$%]+")
_MASK_RUN = re.compile(r"[*@#$%]+")
_HAS_CYR = re.compile(r"[а-я]")
_HAS_LAT = re.compile(r"[a-z0]")
_OTHER_DIGITS = re.compile(r"[1-9]")
# Everything but a letter, in runs: removing them leaves the letters to count (a list of every
# letter, as findall would make, costs twice as much).
_NON_LETTERS = re.compile(r"[\W\d_]+")
_UPPER = re.compile(r"[A-ZА-ЯЁ]")
_BANG_RUN = re.compile(r"[!?]{2,}|!\s*!|\?\s*\?")
_SAD = re.compile(r"[:;=]-?\(+|\){1,}[:;=]|\({2,}|(?<=[^\s(])\(\s*$|^\(+\s*$|:'\(|☹")
_HAPPY = re.compile(r"[:;=]-?[)dDрР]+|\){2,}|(?<=[^\s)])\)\s*$|\bхд\b|xd\b")
# _HAPPY's first branch alone: without ")", "хд" and "xd" in the text no other branch can match, and
# this one counts the same faces in far less time (most texts with ":" have no ")": times, lists).
_HAPPY_FACE = re.compile(r"[:;=]-?[)dDрР]+")
_NUMBER = re.compile(r"\d[\d\s.,:/-]*\d|\d")
# Dots or digits standing for letters inside a word: "х.рня", "п..дец", "е6ать", "п0здец".
_DOT_MASK = re.compile(r"(?<![\w.])[а-я]{1,5}\.{1,3}[а-я]{1,8}(?![\w])")
# What any _DOT_MASK match holds: a dot right before a letter. Two texts in three have a dot, one in
# twenty-four of those this piece (dev_sentiment): _DOT_MASK's look-behind, tried at every
# character, runs only there.
_DOT_HINT = re.compile(r"\.[а-я]")
_DIGIT_MASK = re.compile(r"(?<=[а-я])\d+(?=[а-я])")


@dataclass(slots=True)
class Normalized:
    """A message after normalisation, with the surface signals the rules read."""

    text: str
    tokens: list[str]
    # Lowercased text with digits and punctuation kept (links and @mentions removed).
    raw: str = ""
    emojis: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    caps_ratio: float = 0.0
    exclaim_runs: int = 0
    question_runs: int = 0
    exclaims: int = 0
    questions: int = 0
    masked: list[str] = field(default_factory=list)
    sad: int = 0
    happy: int = 0
    truncated: bool = False


def _mask_regex(token: str) -> re.Pattern[str]:
    parts = []
    pos = 0
    for m in _MASK_RUN.finditer(token):
        parts.append(re.escape(token[pos : m.start()]))
        width = max(3, len(m.group()) + 2)
        parts.append(f"[а-я]{{1,{width}}}")
        pos = m.end()
    parts.append(re.escape(token[pos:]))
    return re.compile("".join(parts))


def unmask(token: str) -> str | None:
    """The profane word a masked token stands for ("п#здец" → "пиздец"), else None."""
    letters = _MASK_RUN.sub("", token)
    if not letters or len(token) > 20 or not _HAS_CYR.search(letters):
        return None
    rx = _mask_regex(token)
    for word in lexicon().toxic.mask_targets:
        if rx.fullmatch(word):
            return word
    return None


def _unmask_dots(low: str) -> str:
    """Dots inside a word ("х.рня", "бл..ть") standing for letters of a profane word become a mask;
    any other dotted pair ("т.е", "конец.здесь") stays as it was."""

    def sub(m: re.Match[str]) -> str:
        word = m.group()
        # two letters ("г.о", "т.е") are an abbreviation far more often than a masked word
        if len(word) - word.count(".") < 3:
            return word
        masked = word.replace(".", "*")
        return masked if unmask(masked) is not None else word

    return _DOT_MASK.sub(sub, low)


def _fold_word(word: str) -> str:
    """Latin look-alikes and digits inside a Cyrillic word become Cyrillic letters."""
    if _HAS_CYR.search(word) and _HAS_LAT.search(word) and not _OTHER_DIGITS.search(word):
        # the table is in data/grammar.toml; the prefilter folds pattern pieces with the same one
        return word.translate(lexicon().grammar.lookalikes)
    return word


def _shout(original: str) -> float:
    if original.islower():
        return 0.0  # no capital letter at all (and at least one small one)
    upper = len(_UPPER.findall(original))
    if upper < 3:
        # with at most 2 capitals the ratio is 0 or small: skip counting every letter
        return 0.0 if upper == 0 else min(upper / max(len(original), 5), 1.0)
    letters = len(_NON_LETTERS.sub("", original))
    if letters < 5:
        return 0.0
    return min(upper / letters, 1.0)


_token_cache: dict[str, tuple[tuple[str, ...], bool]] = {}


def _split_token(raw: str) -> tuple[tuple[str, ...], bool]:
    """One raw token → its words (look-alikes folded, masks resolved) and whether it was masked profanity."""
    hit_cache = _token_cache.get(raw)
    if hit_cache is not None:
        return hit_cache
    word = raw.replace("_", "")
    res: tuple[tuple[str, ...], bool]
    if not word:
        res = ((), False)
    elif _MASK_RUN.search(word):
        folded = _fold_word(word)
        hit = unmask(folded)
        if hit is not None:
            res = ((hit,), True)
        else:
            # "@" inside a Cyrillic word is an "а"; other masks just split the word
            folded = folded.replace("@", "а") if _HAS_CYR.search(folded) else folded
            pieces = (_fold_word(p) for p in _MASK_RUN.split(folded) if p)
            res = (tuple(p for p in pieces if not p.isdigit()), False)
    else:
        # "е6ать", "п0здец": a digit inside a Cyrillic word may stand for a letter of a profane word
        hit = unmask(_DIGIT_MASK.sub("*", word)) if _DIGIT_MASK.search(word) is not None else None
        if hit is not None:
            res = ((hit,), True)
        else:
            w = _fold_word(word)
            res = ((() if w.isdigit() else (w,)), False)
    trim_cache(_token_cache)
    _token_cache[raw] = res
    return res


def normalize(text: object) -> Normalized:
    """Normalise any input; never raises (non-strings become their ``str``)."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    truncated = len(text) > MAX_CHARS
    if truncated:
        text = text[:MAX_CHARS]
    try:
        text = unicodedata.normalize("NFC", text)
    except ValueError:  # pragma: no cover - lone surrogates
        text = text.encode("utf-8", "replace").decode("utf-8")
    if _INVISIBLE.search(text) is not None:
        text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    if _SPACED_HINT.search(text) is not None and _SPACED.search(text) is not None:
        text = _SPACED.sub(lambda m: _SPACED_SEP.sub("", m.group()), text)

    if ("." in text or "/" in text) and _URL_HINT.search(lowered := text.lower()) is not None:
        urls = _URL.findall(lowered)
        low = _URL.sub(" ", text) if urls else text
    else:
        urls, low = [], text
    if "@" in low:
        mentions = [m.lower() for m in _MENTION.findall(low)]
        low = _MENTION.sub(" ", low)
    else:
        mentions = []
    hashtags = [h.lower().replace("ё", "е") for h in _HASHTAG.findall(low)] if "#" in low else []
    emojis = _EMOJI.findall(low)
    caps = _shout(low)
    runs = _BANG_RUN.findall(low) if ("!" in low or "?" in low) else []
    exclaim_runs = sum(1 for r in runs if "!" in r)
    question_runs = sum(1 for r in runs if "?" in r and "!" not in r)
    sad = len(_SAD.findall(low)) if ("(" in low or ")" in low or "☹" in low) else 0
    low = low.lower()
    if ")" in low or "хд" in low or "xd" in low:
        happy = len(_HAPPY.findall(low))
    else:
        happy = len(_HAPPY_FACE.findall(low)) if ":" in low else 0
    exclaims = low.count("!")
    questions = low.count("?")

    low = low.replace("ё", "е")
    if _TRIPLE.search(low) is not None:
        # "ужаааас": only texts with a tripled character pay for the letter-class substitution
        low = _STRETCH.sub(r"\1", low)
    numbers = _NUMBER.findall(low)
    if "." in low and _DOT_HINT.search(low) is not None:
        low = _unmask_dots(low)

    tokens: list[str] = []
    masked: list[str] = []
    cached = _token_cache.get
    for raw in _RAW_TOKEN.findall(low):
        words, was_masked = cached(raw) or _split_token(raw)
        if words:
            tokens.extend(words)
            if was_masked:
                masked.extend(words)

    return Normalized(
        text=" ".join(tokens),
        tokens=tokens,
        raw=low,
        emojis=emojis,
        urls=urls,
        mentions=mentions,
        hashtags=hashtags,
        numbers=numbers,
        caps_ratio=caps,
        exclaim_runs=exclaim_runs,
        question_runs=question_runs,
        exclaims=exclaims,
        questions=questions,
        masked=masked,
        sad=sad,
        happy=happy,
        truncated=truncated,
    )
