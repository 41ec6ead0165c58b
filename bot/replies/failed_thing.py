"""Whether the thing a comment names is the thing that failed, so a draft may say «так вышло с роутером».

A comment names things around the failure too: where it happened («из-под снега торчит штырь», «в
снегу гвоздь»), what the author wishes for («могли бы нормальный роутер поставить») or what was
advertised («хотя заявлен нормальный роутер»). A draft that apologises «со снегом» or «с нормальным
роутером» gets the problem wrong, which a community manager would never send; without the thing the
draft keeps a line that names no object.
"""

from __future__ import annotations

import re

from bot.replies.grammar import morph

# Clauses: the thing and its failure are said in one of them.
_CLAUSES = re.compile(r"[.,;:!?()…\n]+|\s[—–-]\s|\s(?:а|но|хотя|зато)\s", re.IGNORECASE)
_WORD = re.compile(r"[а-яёА-ЯЁ]+(?:-[а-яёА-ЯЁ]+)*")
# A clause that speaks of a wish, an advert or a comparison rather than of what happened.
_NOT_HAPPENED = frozenset(
    {"бы", "хотя", "заявлен", "заявлено", "заявлена", "заявлены", "вместо", "лучше", "хоть"}
    | {"нормальный", "нормальную", "нормальное", "нормальные"}
)
# Prepositions of a place or a circumstance: «из-под снега», «в снегу», «на площадке». «с»/«со» is kept:
# «проблема с роутером» names the thing that failed.
_AROUND = frozenset(
    {"в", "во", "на", "из", "из-под", "из-за", "под", "над", "у", "за", "по", "от", "до", "к", "ко", "для"}
    | {"без", "при", "о", "об", "около", "возле", "рядом", "через", "между", "перед", "среди", "вдоль"}
)


# Things one is «in» that are the complaint themselves: «4 часа в очереди» is about the queue.
_BEING_IN = frozenset({"очередь", "пробка", "ожидание"})


def thing_failed(text: str, thing: str) -> bool:
    """``False`` when every mention of ``thing``'s head noun in ``text`` is a place, a wish or an advert."""
    head = thing.split()[-1].lower()
    lemmas = _lemmas(head)
    if lemmas & _BEING_IN:
        return True
    seen = False
    for clause in _CLAUSES.split(text.replace("ё", "е").replace("Ё", "Е")):
        said = _WORD.findall(clause)
        words = [word.lower() for word in said]
        for index, word in enumerate(words):
            if not lemmas & _lemmas(word):
                continue
            seen = True
            if _NOT_HAPPENED & set(words) or _governed(said, index):
                continue
            return True
    return not seen  # a thing read from elsewhere (a lemma this cannot find) is left as it was


def _governed(words: list[str], index: int) -> bool:
    """The noun at ``index`` follows a preposition of place, over the adjectives between them (a
    capitalised one is a name of its own: «на Полевой лифт стоит» speaks of the lift)."""
    at = index - 1
    while at >= 0 and words[at].islower() and any(t.startswith(("ADJF", "PRTF", "NUMR")) for t in _tags(words[at])):
        at -= 1
    return at >= 0 and words[at].lower() in _AROUND


def _lemmas(word: str) -> set[str]:
    return {p.normal_form.replace("ё", "е") for p in morph().parse(word)}


def _tags(word: str) -> list[str]:
    return [str(p.tag) for p in morph().parse(word)[:2]]
