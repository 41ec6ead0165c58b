"""Whether a later message from the author sounds like they calmed down or took it back."""

from __future__ import annotations

import re

_CALM = re.compile(
    r"\b(?:извин\w*|прост(?:и|ите)\b|погорячил\w*|был[аи]? неправ\w*|сорян\w*|сорри|"
    r"вс[её] реш\w*|уже реш\w*|разобрал\w*|вопрос снят|вс[её] (?:хорошо|ок|норм\w*)|"
    r"спасибо|благодар\w*|отбой|проехали)",
    re.IGNORECASE,
)


def sounds_calm(text: str) -> bool:
    return bool(_CALM.search(text[:2000]))
