"""What the author explicitly asks for, answered when the composed draft does not already.

«Будет компенсация?», «Сколько ещё ждать?»: a draft that apologises and passes the case on but
leaves the question unanswered reads as a template. The answer never promises before a check: it says
when the question will be answered.
"""

from __future__ import annotations

import re

from bot.domain.reading import Reading

# Per flag (facts.toml): what in a draft already answers it, and the sentence added when nothing does.
_ANSWERED = {
    "asks_compensation": re.compile(
        r"компенс|перерасч|верн(?!ёмся|емся|усь)|деньг|возврат|compensat|refund|money|поверн|гроші", re.IGNORECASE
    ),
    "asks_how_long": re.compile(r"срок|когда|сколько|how long|when|термін|коли", re.IGNORECASE),
}
_SENTENCES = {
    "ru": {
        "asks_compensation": "О компенсации ответим здесь после проверки.",
        "asks_how_long": "Как только узнаем срок, сразу сообщим.",
    },
    "uk": {
        "asks_compensation": "Про компенсацію відповімо тут після перевірки.",
        "asks_how_long": "Щойно дізнаємося термін, одразу повідомимо.",
    },
    "en": {
        "asks_compensation": "We'll answer about compensation here once we've checked.",
        "asks_how_long": "We'll post how long it will take as soon as we know.",
    },
}


def answer_requests(text: str, reading: Reading) -> str:
    """``text`` with a sentence for each explicit request of the author it leaves unanswered."""
    sentences = _SENTENCES.get(reading.lang, {})
    added = [
        sentence
        for flag, sentence in sentences.items()
        if flag in reading.facts.flags and not _ANSWERED[flag].search(text)
    ]
    return " ".join([text, *added]) if added else text
