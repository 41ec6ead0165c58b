"""The learned layer's fast hashing gives the buckets of its definition, in the same order.

The heads sum the rows of a message's buckets in float32 in the order ``Hasher.indices`` lists them,
so a faster hashing must give not only the same buckets but the same list: these tests compare it
with the definition written plainly (CRC32 of each n-gram's UTF-8, a set per word, the words' sets
joined, then the lemma pairs' buckets).
"""

from __future__ import annotations

import json
import zlib
from itertools import pairwise
from pathlib import Path

import pytest

from bot.classifier.learned import _MASK, _SPANS, Hasher, _gram_ids
from bot.classifier.normalize import normalize
from bot.language.morph import Lemmatizer, shared_lemmatizer, trim_cache

TRAIN = Path(__file__).resolve().parents[2] / "bot" / "classifier" / "corpus" / "train"


def _plain_grams(tok: str) -> set[int]:
    w = f"<{tok[:24]}>"
    return {zlib.crc32(w[i:j].encode("utf-8")) & _MASK for i, j in _SPANS[len(w)]}


def _plain_indices(tokens: list[str], lem: Lemmatizer) -> list[int]:
    words = []
    for tok in tokens[:200]:
        info = lem.info(tok)
        lemma = info.lemmas[0] if info.lemmas else tok
        ids = _plain_grams(tok)
        ids.add(zlib.crc32(("l:" + lemma).encode("utf-8")) & _MASK)
        words.append((list(ids), lemma))
    if not words:
        return []
    out = set(words[0][0]).union(*(w[0] for w in words[1:]))
    out.update(zlib.crc32(f"b:{p} {q}".encode()) & _MASK for (_, p), (_, q) in pairwise(words))
    return list(out)


@pytest.mark.parametrize(
    "tok",
    [
        "доставка",
        "x",
        "ё",
        "refund",
        "працює",
        "заказ2024",  # Cyrillic with ASCII digits: one and two bytes mixed
        "cafébar",
        "a€b",  # one and three bytes: as long in bytes as a two-byte word, must not pass for one
        "東京",
        "naïve",
        "оченьоченьоченьдлинноесловокотороенекончается",  # past the 24 letters read
        "αβγ",
        "😀",
    ],
)
def test_a_words_buckets_are_its_n_grams_crc32_in_the_same_order(tok: str) -> None:
    assert list(_gram_ids(tok)) == list(_plain_grams(tok))


def test_a_messages_ids_are_the_definitions_list_on_corpus_texts() -> None:
    lem = shared_lemmatizer()
    texts = [json.loads(line)["text"] for path in sorted(TRAIN.glob("*.jsonl")) for line in path.open(encoding="utf-8")]
    # glued texts too, past the 200 tokens the hashed features read
    texts += [" ".join(texts[i : i + 40]) for i in range(0, 400, 40)]
    hasher = Hasher(limit=500)  # small: the cache's trimming runs many times
    checked = 0
    for text in texts[:2500]:
        tokens = normalize(text).tokens
        assert hasher.indices(tokens, lem) == _plain_indices(tokens, lem), text
        checked += 1
    assert checked == 2500


def test_trim_cache_keeps_the_newer_half_and_stays_bounded() -> None:
    cache = {i: i for i in range(10)}
    trim_cache(cache, 10)
    assert list(cache) == [5, 6, 7, 8, 9]
    trim_cache(cache, 10)
    assert len(cache) == 5  # under the limit: nothing goes
