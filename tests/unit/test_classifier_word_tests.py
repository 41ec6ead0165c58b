"""Word tests read from the cached word profiles give what a scan of the message's words gives, also past
the words profiled (a message longer than the word bound)."""

from __future__ import annotations

import pytest

from bot.classifier import features as fx
from bot.classifier.features import shared_extractor
from bot.classifier.normalize import normalize
from bot.language.morph import shared_lemmatizer

FILLER = " ".join(["ну"] * (fx._MAX_TOKENS + 5))


@pytest.mark.parametrize(
    "word", ["газом", "стекла", "провода", "кусок", "glass", "вместе", "давайте", "подпишите", "нас", "окно", "ну"]
)
def test_profile_bits_match_the_word_scans(word: str) -> None:
    ex = shared_extractor()
    prof = ex._profile(word, shared_lemmatizer())
    assert bool(prof.claims & fx._C_HAZARD_PART) == any(p in word for p in ex.cues.hazard_parts)
    assert bool(prof.claims & fx._C_CALL_PREFIX) == word.startswith(ex.cues.call_prefixes)


@pytest.mark.parametrize("text", ["в подъезде запах газа", "в салате кусок стекла"])
def test_a_hazard_past_the_profiled_words_is_still_read(text: str) -> None:
    ex, lem = shared_extractor(), shared_lemmatizer()
    short = ex.extract(normalize(text), lem)
    long = ex.extract(normalize(f"{FILLER} {text}"), lem)
    assert short.hazards and long.hazards == short.hazards


def test_a_call_past_the_profiled_words_is_still_read() -> None:
    ex, lem = shared_extractor(), shared_lemmatizer()
    long = ex.extract(normalize(f"{FILLER} давайте все напишем жалобу вместе"), lem)
    assert "давайте все" in long.campaign_cues
    calm = ex.extract(normalize(f"{FILLER} спасибо за доставку"), lem)
    assert not calm.campaign_cues
