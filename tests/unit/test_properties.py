"""Property-based: the normaliser and the classifier take any text, and answer the same way twice."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.classifier import Label, MessageIn, Reason, ReasonCode, create_classifier
from bot.classifier.normalize import MAX_CHARS, Normalized, normalize

# The reason the classifier gives up with: a verdict that means "the engine raised inside".
FALLBACK_REASON = Reason(ReasonCode.UNREADABLE)

_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
_TRICKY = (
    "*@#$%!?.,:;()[]{}<>&\"'`_~|\\/-+=^ \t\n\r"
    "\x00\x01\x07\x1b\x7f\x85\x9f\u00ad\u200b\u200d\u200e\u202e\u2028\u2060\ufe0f\ufeff"
    "\u0301\u0308ёЁ0123456789xXoOpPaAcCeEhHkKmMtTyYbBuU"
)
_EMOJI = "🤬😡🤡😂🤣👍❤️🔥💩🙏🏻👨‍👩‍👧☹️✅⭐"

# Any text without lone surrogates (Telegram delivers UTF-8), plus texts biased to Russian chat.
russianish = st.text(alphabet=st.sampled_from(_CYRILLIC + _TRICKY + _EMOJI), max_size=300)
anything = st.text(max_size=300)
huge = st.tuples(st.text(min_size=1, max_size=12), st.integers(200, 20_000)).map(lambda p: p[0] * p[1])
texts = st.one_of(anything, russianish, huge)

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def classifier_factory() -> object:
    # One lemmatizer for the module (the dictionaries are loaded once); a fresh classifier
    # (fresh per-chat context) for every call that asks for one.
    create_classifier()
    return create_classifier


@PROPERTY
@given(texts)
def test_normalize_never_raises_and_is_well_formed(text: str) -> None:
    result = normalize(text)
    assert isinstance(result, Normalized)
    assert all(isinstance(token, str) and token for token in result.tokens)
    assert 0.0 <= result.caps_ratio <= 1.0
    assert result.truncated == (len(text) > MAX_CHARS)
    assert len(result.raw) <= 2 * MAX_CHARS
    assert not any(ch in result.text for ch in "\x00\x1b\u202e\u200b")
    assert normalize(text) == result  # pure


@PROPERTY
@given(st.one_of(st.none(), st.integers(), st.floats(allow_nan=True), st.binary(max_size=50)))
def test_normalize_accepts_non_strings(value: object) -> None:
    assert isinstance(normalize(value), Normalized)


@PROPERTY
@given(
    text=texts,
    chat_id=st.one_of(st.just(0), st.integers(-(10**13), -1)),
    user_id=st.integers(0, 10**10),
    date=st.one_of(st.just(0), st.integers(1, 2**33)),
    message_id=st.integers(0, 2**31),
    edited=st.booleans(),
)
def test_classifier_always_gives_a_valid_deterministic_verdict(
    classifier_factory: object,
    text: str,
    chat_id: int,
    user_id: int,
    date: int,
    message_id: int,
    edited: bool,
) -> None:
    assert callable(classifier_factory)
    message = MessageIn(text=text, chat_id=chat_id, user_id=user_id, date=date, message_id=message_id, edited=edited)
    first = classifier_factory().classify(message)
    assert isinstance(first.label, Label)
    assert first.label in set(Label)
    assert 0.0 <= first.confidence <= 1.0
    assert isinstance(first.toxic, bool)
    assert all(isinstance(reason, Reason) and isinstance(reason.code, ReasonCode) for reason in first.reasons)
    # The engine did not fall back to its "could not parse" answer: nothing raised inside.
    assert FALLBACK_REASON not in first.reasons
    if first.label.negative:
        assert first.negative
    # Same input, fresh classifier: same verdict.
    again = classifier_factory().classify(message)
    assert (again.label, again.toxic, again.confidence, again.reasons, again.problem) == (
        first.label,
        first.toxic,
        first.confidence,
        first.reasons,
        first.problem,
    )


@settings(max_examples=40, deadline=None)
@given(st.lists(texts, min_size=2, max_size=25))
def test_a_stream_of_messages_in_one_chat_never_breaks_the_context(
    classifier_factory: object, batch: list[str]
) -> None:
    """Waves, bursts and newcomers: the per-chat context sees many messages and still answers."""
    assert callable(classifier_factory)
    classifier = classifier_factory()
    for i, text in enumerate(batch):
        classifier.note_join(-100123, 5000 + i, 1_764_000_000 + i)
        verdict = classifier.classify(
            MessageIn(text=text, chat_id=-100123, user_id=5000 + i % 4, date=1_764_000_000 + i, message_id=i)
        )
        assert FALLBACK_REASON not in verdict.reasons
        assert 0.0 <= verdict.confidence <= 1.0
