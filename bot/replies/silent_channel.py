"""The usual channel the author says is silent: «менеджер не берёт трубку», «на горячей линии тишина».

A draft that answers the failure but not the silence reads as one more channel that will not answer
(the cm16 reading: «Проверим по номеру СМ-2026/1187» to someone whose manager does not pick up). The
draft acknowledges it in one short sentence of fixed words, whoever the author named: the author's own
words («пропал», «игнорит») are never repeated, and nothing is promised that the business has not
confirmed (no «перезвоним через час»).
"""

from __future__ import annotations

import re

# Who or what is silent, and how the draft names it. A person is said in the nominative («менеджер не
# выходит на связь»); a line or a service by where one calls («на горячей линии не отвечают»).
_PEOPLE = {
    "менеджер": "менеджер",
    "мастер": "мастер",
    "диспетчер": "диспетчер",
    "администратор": "администратор",
    "вожат": "вожатый",
    "куратор": "куратор",
    "агент": "агент",
    "бригадир": "бригадир",
    "курьер": "курьер",
}
_LINES = (
    (re.compile(r"горяч\w* лини", re.IGNORECASE), "на горячей линии не отвечают"),
    (re.compile(r"колл-?центр|call-?центр", re.IGNORECASE), "в колл-центре не отвечают"),
    (re.compile(r"поддержк|техподдержк", re.IGNORECASE), "в поддержке не отвечают"),
    (re.compile(r"\bчат\w*\b|вотсап|whatsapp|телеграм", re.IGNORECASE), "в чате не отвечают"),
    (re.compile(r"\bпочт\w*\b|письм|e-?mail", re.IGNORECASE), "на ваши письма не отвечают"),
    (re.compile(r"звон|трубк|телефон|дозвон", re.IGNORECASE), "по телефону не отвечают"),
)
# The silence itself, with a few words of who around it.
_SILENT = re.compile(
    r"не (?:бер[её]т|берут|взял\w*) трубк|трубку не (?:бер[её]т|берут)|не (?:бер[её]т|берут)$|"
    r"не отвеча\w+|не ответил\w*|"
    r"не перезв[ао]н\w+|не перезвонил\w*|не дозвон\w+|никто не бер[её]т|молч\w+|тишина|игнор\w+|"
    r"обещал\w* перезвонить и пропал\w*|выключен",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[^.!?;]+")
# A draft that already speaks of the silence.
_SAID = re.compile(
    r"не ответили|не отвечают|не отвечает|без ответа|не выходит на связь|не вышел на связь|дозвон|не перезван|"
    r"на ваши (?:письма|вопросы)",
    re.IGNORECASE,
)


def silent_channel(text: str) -> str | None:
    """What the draft says is silent («менеджер не выходит на связь»), or None when the author says
    no usual channel is silent."""
    for found in _CLAUSE.finditer(text):
        clause = found.group()
        if not _SILENT.search(clause):
            continue
        low = clause.lower()
        for stem, person in _PEOPLE.items():
            if re.search(rf"\b{stem}", low):
                return f"{person} не выходит на связь"
        if not _SILENT.search(low.replace("выключен", "")):
            continue  # «телефон выключен» with nobody's name is a device that fails, not a line that is silent
        for pattern, said in _LINES:
            if pattern.search(low):
                return said
        if re.search(r"не (?:бер[её]т|берут) трубк|трубку не", low):
            return "по телефону не отвечают"
    return None


# The draft speaks as the business: its own manager, its own line, never a third party's («нам жаль, что
# в поддержке не отвечают» read as if the support were someone else's, round 18).
_OURS = (
    (re.compile(r"^(\S+) не выходит на связь$"), r"наш \1 не вышел на связь"),
    (re.compile(r"^на ваши письма не отвечают$"), "мы не ответили на ваши письма"),
    (re.compile(r"^по телефону не отвечают$"), "мы не ответили на ваши звонки"),
    (re.compile(r"^(.+) не отвечают$"), r"мы не ответили вам \1"),
)


def in_our_voice(said: str) -> str:
    """«в поддержке не отвечают» → «мы не ответили вам в поддержке»: the silent channel as our own."""
    for pattern, ours in _OURS:
        if pattern.match(said):
            return pattern.sub(ours, said)
    return said


def with_silence(draft: str, text: str) -> str:
    """``draft`` with a sentence for the silent channel, when the author names one and the draft does
    not; after the opening sentence. The apology is not said twice in the same words."""
    said = silent_channel(text)
    if said is None or _SAID.search(draft):
        return draft
    said = in_our_voice(said)
    low = draft.lower()
    if "простите" in low or "извините" in low:
        line = f"И нам жаль, что {said}."
    elif "жаль" in low:
        line = f"И простите, что {said}."
    else:
        line = f"Простите, что {said}."
    # right after the opening apology, where it reads as part of it, not after a question or a promise
    first = re.search(r"[.!?](?=\s)", draft)
    if first is None:
        return f"{draft} {line}"
    return f"{draft[: first.end()]} {line}{draft[first.end() :]}"
