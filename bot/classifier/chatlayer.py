"""A chat's own layer on top of the global verdict, learned from its admins' decisions.

The global classifier (the rules, or the learned model when ``CLASSIFIER_MODEL`` is on) gives a
verdict; its label and confidence are the prior: log-odds with the verdict's label at its confidence
and the rest shared by the other labels. A chat's layer adds a bias per label and weights on at most
``CAPACITY`` hashed lemma 1–2-grams (``WordGrams``: CRC32 buckets like the global model's), and
the best label of the sum wins. Its pull is bounded: no label moves by more than ``PULL`` in
log-odds, so a very sure verdict stays. A copy-paste wave stays directed whatever the layer says.

Learning is softmax regression by plain SGD, one step per decision, against the same prior: a chat
whose admins agree with the bot changes little, and one that keeps relabelling the same words moves
those words. The features are scaled by 1/√n so one step moves the example's own log-odds by about
``RATE`` times the error, whatever the message's length.

Nothing here knows storage: the layers are handed in (``LayerCache``), and the service keeps them
in step with the database (``bot/services/learning.py``).

The layer's pull applies only while its gate is open (``bot/classifier/chatgate.py``): its track record
on the chat's own decisions beats the global verdict's by more than chance, and never on the one comment
in ``HOLDOUT`` that the global verdict keeps deciding so that the record stays honest. An admin's own
label on a comment it remembers applies whatever the gate says.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import sys
import zlib
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Protocol

import orjson

from bot.classifier.chatgate import Gate, held_out, signature
from bot.classifier.engine import Judgement, RulesClassifier, _reasons
from bot.domain.verdicts import Label, MessageIn, Reason, ReasonCode, Verdict
from bot.language.morph import WORD_CACHE_LIMIT, Lemmatizer, shared_lemmatizer


class _Numpy:
    """numpy, imported at its first use: most chats never get a layer, and importing numpy at start
    costs the running bot about 12 MB of memory it would not otherwise use."""

    def __getattr__(self, name: str) -> Any:
        import numpy

        globals()["np"] = numpy
        return getattr(numpy, name)


if TYPE_CHECKING:
    import numpy as np
else:
    np = _Numpy()

LABELS: tuple[Label, ...] = tuple(Label)
INDEX = {label: i for i, label in enumerate(LABELS)}
N_LABELS = len(LABELS)
# Features a chat's layer keeps: beyond, the weakest go (about 13 KB a chat in memory).
CAPACITY = 400
# The most a layer moves one label's log-odds.
PULL = 2.5
# SGD steps: the words' share and the chat's bias. The bias moves every message of the chat, and the
# admins see only alerts, so most corrections say "not negative": at 0.01 the bias drifted to calm and
# cost recall in whole windows (telecom stream, −0.038 F1); at 0.003 no window loses more than 0.01.
RATE = 0.7
BIAS_RATE = 0.003
# Comments an admin labelled, remembered by their set of features: the same comment again (a repost,
# a copy from the same account) gets the admin's label at once, the most recent ``MEMORY`` kept.
MEMORY = 200
# Fewer features than this make no signature (too many unrelated comments share them).
MEMORY_MIN_FEATURES = 3
# The prior's confidence is bounded like the verdicts' own.
_LOW, _HIGH = 0.05, 0.97


# A message's tokens read (the rest is ignored), so its features: the words' and the pairs'.
_MAX_TOKENS = 200
_MAX_FEATURES = 2 * _MAX_TOKENS - 1
N_BUCKETS = 1 << 18  # as the global model's hashed features (bot/classifier/learned.py)
_MASK = N_BUCKETS - 1
# The feature counts at which the stored form keeps a layer's reach (``ChatLayer._reach``): the reach
# grows with the count, so the value at the next point of the grid bounds every count up to it, and the
# bound costs 6 × 24 numbers to store and read instead of 6 × 400.
REACH_GRID = (0, 1, 2, 3, 4, 5, 6, 7, 9, 11, 13, 15, 19, 23, 27, 31, 39, 47, 63, 79, 111, 159, 255, _MAX_FEATURES)
# float32 rounding in the stored bound: a message this close to it is looked at in full.
_SLACK = 1e-3
# For each feature count, the place in REACH_GRID of the stored bound that covers it (a bisect, once).
_GRID_AT = tuple(bisect_left(REACH_GRID, n) for n in range(_MAX_FEATURES + 1))


class WordGrams:
    """A message's lemma 1–2-grams as bucket numbers: each token's lemma and bucket kept (bounded),
    a pair's bucket mixed from its two lemmas' so that the bot's path builds no strings."""

    def __init__(self, lem: Lemmatizer) -> None:
        self._lem = lem
        self._tokens: dict[str, tuple[str, int]] = {}

    def head(self, tokens: Sequence[str]) -> int:
        """The first feature ``ids`` gives (the first token's bucket), -1 for no tokens: one dict
        lookup, enough to tell that a message is none of the comments a layer remembers."""
        if not tokens:
            return -1
        found = self._tokens.get(tokens[0]) or self._token(tokens[0])
        return found[1]

    def _token(self, tok: str) -> tuple[str, int]:
        info = self._lem.info(tok)
        lemma = info.lemmas[0] if info.lemmas else tok
        found = (lemma, zlib.crc32(("l:" + lemma).encode("utf-8")) & _MASK)
        if len(self._tokens) > WORD_CACHE_LIMIT:
            self._tokens.clear()
        self._tokens[tok] = found
        return found

    def ids(self, tokens: Sequence[str]) -> list[int]:
        """The ids ``named`` gives (the words', then the pairs'): list comprehensions, as this runs
        for the messages a layer might move."""
        get = self._tokens.get
        words = [(get(tok) or self._token(tok))[1] for tok in tokens[:_MAX_TOKENS]]
        # _pair, inlined
        pairs = [((a * 0x9E3779B1) ^ (b * 0x85EBCA6B) ^ 0x5BD1E995) & _MASK for a, b in pairwise(words)]
        # as many as ``named`` gives, so a message weighs the same learnt and decided
        return list(dict.fromkeys(words + pairs))

    def named(self, tokens: Sequence[str]) -> dict[int, str]:
        """The same ids, each with a readable name (for learning and the audit)."""
        out: dict[int, str] = {}
        prev: tuple[str, int] | None = None
        for tok in tokens[:_MAX_TOKENS]:
            found = self._tokens.get(tok) or self._token(tok)
            out[found[1]] = found[0]
            if prev is not None:
                out[_pair(prev[1], found[1])] = f"{prev[0]} {found[0]}"
            prev = found
        return out


def _pair(a: int, b: int) -> int:
    return ((a * 0x9E3779B1) ^ (b * 0x85EBCA6B) ^ 0x5BD1E995) & _MASK


def prior_logits(label: Label, confidence: float) -> np.ndarray[Any, Any]:
    """The global verdict as log-odds: its label at its confidence, the rest shared evenly."""
    c = min(max(confidence, _LOW), _HIGH)
    out = np.full(N_LABELS, math.log((1.0 - c) / (N_LABELS - 1)), dtype=np.float32)
    out[INDEX[label]] = math.log(c)
    return out


def _softmax(z: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    e = np.exp(z - z.max())
    return np.asarray(e / e.sum())


@dataclass(frozen=True, slots=True)
class ChatLayer:
    """One chat's weights. ``ids`` sorted; ``weights`` one row per id, one column per label."""

    ids: np.ndarray[Any, Any]  # (K,) int64
    weights: np.ndarray[Any, Any]  # (K, N_LABELS) float32
    bias: np.ndarray[Any, Any]  # (N_LABELS,) float32
    names: tuple[str, ...]  # one per id, for the audit (python -m bot learned)
    examples: int = 0  # decisions learned
    # Decisions each feature took part in: its step shrinks as 1/√count, so a word in every
    # message of the chat ("банк" in a bank's) moves slowly and a rare, telling one quickly.
    counts: np.ndarray[Any, Any] | None = None
    # (signature of a labelled comment's features, label index, its first feature or -1 when not
    # known), oldest first.
    memory: tuple[tuple[int, int, int], ...] = ()
    # The track record that opens the layer's pull; None: stored before there was one (closed, and
    # the service learns the chat's decisions again to rebuild it).
    gate: Gate | None = None
    # Derived once per layer for the bot's path: the row of each id, the bias as floats.
    _index: dict[int, int] = field(init=False, compare=False, repr=False)
    _bias: list[float] = field(init=False, compare=False, repr=False)
    _open: bool = field(init=False, compare=False, repr=False)
    _memory: dict[int, int] = field(init=False, compare=False, repr=False)
    # The remembered comments' first features (None: some not known, every message is looked up).
    _heads: frozenset[int] | None = field(init=False, compare=False, repr=False)
    # Per global label b: the most any label's bias exceeds b's, and ``_reach[b, n]``: the most the
    # features of a message with at most n of them can lift another label over b (each feature's lead,
    # its best label's weight less b's, the n largest summed, scaled by 1/√n, the maximum up to n).
    # With them ``may_move`` bounds the layer's effect before the message's features are computed.
    _bias_lead: list[float] = field(init=False, compare=False, repr=False)
    _reach: np.ndarray[Any, Any] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", dict(zip(self.ids.tolist(), range(len(self.ids)), strict=True)))
        object.__setattr__(self, "_bias", [float(v) for v in self.bias.tolist()])
        object.__setattr__(self, "_open", self.gate is not None and self.gate.open)
        object.__setattr__(self, "_memory", {m[0]: m[1] for m in self.memory})
        heads = {m[2] for m in self.memory}
        object.__setattr__(self, "_heads", None if -1 in heads else frozenset(heads))
        b = self.bias.astype(np.float64)
        object.__setattr__(self, "_bias_lead", [float(b.max() - v) for v in b])
        w = self.weights.astype(np.float64)
        lead = -np.sort(-(w.max(axis=1)[:, None] - w), axis=0)  # (K, labels), largest first
        top = np.zeros((_MAX_FEATURES + 1, N_LABELS))
        k = min(len(w), _MAX_FEATURES)
        top[1 : k + 1] = np.cumsum(lead[:k], axis=0)
        top[k + 1 :] = top[k]
        n = np.sqrt(np.maximum(np.arange(_MAX_FEATURES + 1), 1))[:, None]
        reach = np.maximum.accumulate(top / n, axis=0).T
        object.__setattr__(self, "_reach", np.asarray(np.minimum(reach, 2 * PULL), dtype=np.float32))

    def may_move(self, base: int, margin: float, n_tokens: int, head: int) -> bool:
        """False when this layer surely leaves a verdict of label ``base`` as it is: no remembered
        comment starts with ``head``, and no label can gain ``margin`` (the verdict's lead in
        log-odds) over it. A message of T tokens has at most 2T−1 features, and no label moves
        by more than 2·PULL against another."""
        if self._memory and (self._heads is None or head in self._heads):
            return True
        if not self._open:
            return False
        n = max(2 * min(n_tokens, _MAX_TOKENS) - 1, 0)
        return self._bias_lead[base] + float(self._reach[base, n]) >= margin

    def remembered(self, ids: Sequence[int]) -> Label | None:
        """The label an admin gave this very comment (the same features), if it is remembered."""
        if len(ids) < MEMORY_MIN_FEATURES or not self._memory:
            return None
        found = self._memory.get(signature(ids))
        return LABELS[found] if found is not None else None

    @classmethod
    def empty(cls) -> ChatLayer:
        return cls(
            np.zeros(0, dtype=np.int64),
            np.zeros((0, N_LABELS), dtype=np.float32),
            np.zeros(N_LABELS, dtype=np.float32),
            (),
            0,
            np.zeros(0, dtype=np.float32),
            gate=Gate(),
        )

    @property
    def is_open(self) -> bool:
        """The gate lets the layer's pull decide (besides the comments held out)."""
        return self._open

    def pull(self, ids: Sequence[int]) -> list[float]:
        """``logits`` on the bot's path: a dict lookup per feature, numpy only when some are known."""
        if not self._open or held_out(ids):
            return [0.0] * N_LABELS
        rows = [r for r in map(self._index.get, ids) if r is not None]
        if not rows:
            z = self._bias
        else:
            z = (self.bias + self.weights[rows].sum(axis=0) * (1.0 / math.sqrt(len(ids)))).tolist()
        return [PULL if v > PULL else -PULL if v < -PULL else v for v in z]

    def logits(self, ids: Sequence[int]) -> np.ndarray[Any, Any]:
        """The layer's pull on each label for a message with these feature ids, bounded: nothing while
        its gate is closed or for a comment held out."""
        if not self._open or held_out(ids):
            return np.zeros(N_LABELS, dtype=np.float32)
        return self.raw_logits(ids)

    def raw_logits(self, ids: Sequence[int]) -> np.ndarray[Any, Any]:
        """What the layer would pull, gate or not (what its record scores)."""
        z = self.bias.copy()
        if len(ids) and len(self.ids):
            rows = self._rows(np.fromiter(ids, dtype=np.int64, count=len(ids)))
            if len(rows):
                z += self.weights[rows].sum(axis=0) * (1.0 / math.sqrt(len(ids)))
        return np.asarray(np.clip(z, -PULL, PULL))

    def _rows(self, ids: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        pos = np.searchsorted(self.ids, ids)
        pos[pos >= len(self.ids)] = 0
        return np.asarray(pos[self.ids[pos] == ids])

    def decide(self, prior: np.ndarray[Any, Any], ids: Sequence[int]) -> tuple[Label, float]:
        p = _softmax(prior + self.logits(ids))
        remembered = self.remembered(ids)
        best = INDEX[remembered] if remembered is not None else int(p.argmax())
        return LABELS[best], float(p[best])

    def view(self) -> LayerView:
        """The copy the bot decides with (no numpy on its path)."""
        return LayerView.loads(self.dumps())

    # Learning -----------------------------------------------------------------------------------

    def learn(
        self, features: dict[int, str], prior: np.ndarray[Any, Any], label: Label, *, scored: bool = True
    ) -> ChatLayer:
        """The layer after one SGD step on a message (its feature ids and names) an admin labelled,
        the message remembered with its label. ``scored``: a decision on an alert, which the gate's
        record scores first (test, then train); a comment marked missed is not."""
        gate = self.gate if self.gate is not None else Gate()
        if scored and self.remembered(list(features)) is None:
            own = LABELS[int(np.argmax(prior + self.raw_logits(list(features))))]
            gate = gate.scored(
                layer_alert=own.negative,
                global_alert=LABELS[int(np.argmax(prior))].negative,
                negative=label.negative,
                ids=list(features),
            )
        layer = self._with(features)
        ids = list(features)
        rows = layer._rows(np.asarray(ids, dtype=np.int64)) if ids else np.zeros(0, dtype=np.int64)
        scale = 1.0 / math.sqrt(len(ids)) if ids else 0.0
        raw = layer.bias + (layer.weights[rows].sum(axis=0) * scale if len(rows) else 0.0)
        p = _softmax(prior + np.clip(raw, -PULL, PULL))
        target = np.zeros(N_LABELS, dtype=np.float32)
        target[INDEX[label]] = 1.0
        error = (p - target).astype(np.float32)
        # A label already pushed to the bound in the direction asked learns nothing more there: the
        # words would only grow without changing any verdict.
        saturated = ((raw >= PULL) & (error < 0)) | ((raw <= -PULL) & (error > 0))
        error[saturated] = 0.0
        weights = layer.weights.copy()
        counts = layer._counts().copy()
        if len(rows):
            counts[rows] += 1.0
            weights[rows] -= (RATE * scale / np.sqrt(counts[rows]))[:, None] * error
        bias = layer.bias - BIAS_RATE * error
        memory = layer.memory
        if len(ids) >= MEMORY_MIN_FEATURES:
            key = signature(ids)
            memory = (*(m for m in memory if m[0] != key), (key, INDEX[label], ids[0]))[-MEMORY:]
        return ChatLayer(
            layer.ids, weights, bias.astype(np.float32), layer.names, layer.examples + 1, counts, memory, gate
        )

    def _counts(self) -> np.ndarray[Any, Any]:
        return self.counts if self.counts is not None else np.ones(len(self.ids), dtype=np.float32)

    def _with(self, features: dict[int, str]) -> ChatLayer:
        """This layer with rows for the new ids; over ``CAPACITY``, the weakest rows not in this
        message go."""
        known = set(self.ids.tolist())
        new = [(i, name) for i, name in features.items() if i not in known]
        if not new:
            return self
        ids = np.concatenate([self.ids, np.asarray([i for i, _ in new], dtype=np.int64)])
        weights = np.concatenate([self.weights, np.zeros((len(new), N_LABELS), dtype=np.float32)])
        counts = np.concatenate([self._counts(), np.zeros(len(new), dtype=np.float32)])
        names = self.names + tuple(name for _, name in new)
        if len(ids) > CAPACITY:
            strength = np.abs(weights).max(axis=1)
            strength[np.isin(ids, np.asarray(list(features), dtype=np.int64))] = np.inf
            keep = np.sort(np.argsort(-strength, kind="stable")[:CAPACITY])
            ids, weights, counts, names = ids[keep], weights[keep], counts[keep], tuple(names[i] for i in keep)
        order = np.argsort(ids, kind="stable")
        return ChatLayer(
            ids[order],
            weights[order],
            self.bias,
            tuple(names[i] for i in order),
            self.examples,
            counts[order],
            self.memory,
            self.gate,
        )

    # The audit ----------------------------------------------------------------------------------

    def negativity(self) -> list[tuple[str, float]]:
        """Each feature's pull toward a negative label (positive) or a calm one (negative)."""
        neg = [INDEX[lb] for lb in LABELS if lb.negative]
        calm = [INDEX[lb] for lb in LABELS if not lb.negative]
        pull = self.weights[:, neg].max(axis=1) - self.weights[:, calm].max(axis=1) if len(self.ids) else []
        return [(name, round(float(v), 3)) for name, v in zip(self.names, pull, strict=True)]

    # Stored form --------------------------------------------------------------------------------

    def dumps(self) -> str:
        # The arrays as little-endian bytes in base64 and the names as one string: reading a layer is
        # a few decodes, not a parse of thousands of numbers (a chat's first message waits for it).
        return json.dumps(
            {
                "labels": [lb.value for lb in LABELS],
                "examples": self.examples,
                "bias": [round(float(v), 5) for v in self.bias],
                "ids": _b64(self.ids.astype("<i8")),
                "weights": _b64(self.weights.astype("<f4")),
                "counts": _b64(self._counts().astype("<f4")),
                "names": "\n".join(n.replace("\n", " ") for n in self.names),
                "memory": _b64(np.asarray(self.memory, dtype="<i8").reshape(-1)),
                "memory_columns": 3,
                # what the bot's path needs to skip a message (``LayerView``), computed once here
                "reach": _b64(self._reach[:, list(REACH_GRID)].astype("<f4")),
                **({"gate": self.gate.dumps()} if self.gate is not None else {}),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def loads(cls, text: str, *, names: bool = True) -> ChatLayer:
        """The stored layer; without ``names`` (the copy that only decides) it takes about half the
        memory, and learning from it names new features only."""
        data = json.loads(text)
        if data.get("labels") != [lb.value for lb in LABELS]:
            raise ValueError("the chat layer was learned over other labels")
        ids = _array(data["ids"], "<i8").astype(np.int64)
        weights = _array(data["weights"], "<f4").astype(np.float32).reshape(len(ids), N_LABELS)
        counts = _array(data["counts"], "<f4").astype(np.float32)
        if len(counts) != len(ids):
            raise ValueError("the chat layer's arrays differ in length")
        # layers stored before the first feature was kept have two columns: -1, "not known"
        columns = int(data.get("memory_columns", 2))
        rows = _array(data.get("memory", ""), "<i8").reshape(-1, columns).tolist()
        memory = tuple(map(tuple, rows)) if columns > 2 else tuple((k, v, -1) for k, v in rows)
        gate = Gate.loads(data["gate"]) if "gate" in data else None
        if not names:
            return cls(
                ids,
                weights,
                np.asarray(data["bias"], dtype=np.float32),
                ("",) * len(ids),
                int(data["examples"]),
                counts,
                memory,
                gate,
            )
        kept = tuple(data["names"].split("\n")) if ids.size else ()
        if len(kept) != len(ids):
            raise ValueError("the chat layer's names differ in length")
        bias = np.asarray(data["bias"], dtype=np.float32)
        return cls(ids, weights, bias, kept, int(data["examples"]), counts, memory, gate)


def _b64(a: np.ndarray[Any, Any]) -> str:
    return base64.b64encode(a.tobytes()).decode("ascii")


def _array(text: str, dtype: str) -> np.ndarray[Any, Any]:
    return np.frombuffer(base64.b64decode(text), dtype=dtype)


class Decides(Protocol):
    """What the bot's path asks of a chat's layer: ``ChatLayer``, or the ``LayerView`` of one."""

    @property
    def examples(self) -> int: ...
    def may_move(self, base: int, margin: float, n_tokens: int, head: int) -> bool: ...
    def pull(self, ids: Sequence[int]) -> list[float]: ...
    def remembered(self, ids: Sequence[int]) -> Label | None: ...


_LABEL_VALUES = [lb.value for lb in LABELS]


def _native(a: array[Any]) -> array[Any]:
    if sys.byteorder == "big":  # the stored form is little-endian
        a.byteswap()
    return a


class LayerView:
    """A chat's layer as the bot decides with it, read from its stored form with the standard library
    only: no numpy in a process that only decides, and reading one costs a JSON parse and a few
    base64 decodes. The bound ``may_move`` uses is stored with the layer; the features' index is
    built at the first message that gets past it (most of a chat's messages never do). Its verdicts
    are ``ChatLayer``'s, up to float rounding."""

    __slots__ = (
        "_bias",
        "_bias_lead",
        "_heads",
        "_ids",
        "_index",
        "_memory",
        "_open",
        "_reach",
        "_w",
        "_weights",
        "examples",
    )

    def __init__(self, data: dict[str, Any]) -> None:
        self.examples = int(data["examples"])
        self._open = "gate" in data and Gate.loads(data["gate"]).open
        self._bias = [float(v) for v in data["bias"]]
        top = max(self._bias)
        self._bias_lead = [top - v for v in self._bias]
        reach = _native(array("f", binascii.a2b_base64(data["reach"])))
        g = len(REACH_GRID)
        if len(self._bias) != N_LABELS or len(reach) != N_LABELS * g:
            raise ValueError("the chat layer's bound has another shape")
        self._reach: list[list[float]] = [reach[i * g : (i + 1) * g].tolist() for i in range(N_LABELS)]
        # the features and their weights, decoded at the first message that needs them
        self._ids: str = data["ids"]
        self._weights: str = data["weights"]
        self._w: array[float] = array("f")
        self._index: dict[int, int] | None = None
        columns = int(data.get("memory_columns", 2))
        rows = _native(array("q", binascii.a2b_base64(data.get("memory", "")))).tolist()
        self._memory = {rows[i]: rows[i + 1] for i in range(0, len(rows), columns)}
        heads = frozenset(rows[2::columns]) if columns > 2 else frozenset((-1,))
        self._heads = None if -1 in heads else heads

    @classmethod
    def loads(cls, text: str) -> LayerView:
        data = orjson.loads(text)  # a fifth of json's time on these long base64 strings
        if data.get("labels") != _LABEL_VALUES:
            raise ValueError("the chat layer was learned over other labels")
        if "reach" not in data:  # stored before the bound was: computed once, with numpy
            return ChatLayer.loads(text, names=False).view()
        return cls(data)

    def may_move(self, base: int, margin: float, n_tokens: int, head: int) -> bool:
        """As ``ChatLayer.may_move``, with the reach at the next stored feature count."""
        if self._memory and (self._heads is None or head in self._heads):
            return True
        if not self._open:
            return False
        n = max(2 * min(n_tokens, _MAX_TOKENS) - 1, 0)
        return self._bias_lead[base] + self._reach[base][_GRID_AT[n]] + _SLACK >= margin

    def _built(self) -> dict[int, int]:
        ids = _native(array("q", binascii.a2b_base64(self._ids))).tolist()
        weights = _native(array("f", binascii.a2b_base64(self._weights)))
        if len(weights) != len(ids) * N_LABELS:
            raise ValueError("the chat layer's arrays differ in length")
        self._w = weights
        self._index = dict(zip(ids, range(0, len(weights), N_LABELS), strict=True))
        self._ids = self._weights = ""  # decoded: the text would only hold memory
        return self._index

    def pull(self, ids: Sequence[int]) -> list[float]:
        """``ChatLayer.pull``: a sparse sum over the message's features the layer knows."""
        if not self._open or held_out(ids):
            return [0.0] * N_LABELS
        index = self._index if self._index is not None else self._built()
        rows = [r for r in map(index.get, ids) if r is not None]
        if rows:
            w = self._w
            sums = [0.0] * N_LABELS
            for r in rows:
                sums = [a + b for a, b in zip(sums, w[r : r + N_LABELS], strict=True)]
            scale = 1.0 / math.sqrt(len(ids))
            z = [b + v * scale for b, v in zip(self._bias, sums, strict=True)]
        else:
            z = self._bias
        return [PULL if v > PULL else -PULL if v < -PULL else v for v in z]

    def remembered(self, ids: Sequence[int]) -> Label | None:
        if len(ids) < MEMORY_MIN_FEATURES or not self._memory:
            return None
        found = self._memory.get(signature(ids))
        return LABELS[found] if found is not None else None


class LayerCache:
    """The layers in force, per chat, most recently used kept: at most ``limit`` chats in memory
    (as ``LayerView``: about 25 KB each as read, 55 KB once its feature index is built).

    The service fills it before each message (``put``); a chat it forgot is read again from the
    database then, so the bound costs a read, never a verdict.
    """

    def __init__(self, limit: int = 1000) -> None:
        self.limit = limit
        self._layers: OrderedDict[int, tuple[Decides | None, int]] = OrderedDict()

    def put(self, chat_id: int, layer: Decides | None, version: int) -> None:
        self._layers[chat_id] = (layer, version)
        self._layers.move_to_end(chat_id)
        while len(self._layers) > self.limit:
            self._layers.popitem(last=False)

    def version(self, chat_id: int) -> int | None:
        """The version held for the chat (0 for "no layer"), None when not held."""
        held = self._layers.get(chat_id)
        return None if held is None else held[1]

    def get(self, chat_id: int) -> Decides | None:
        held = self._layers.get(chat_id)
        if held is None:
            return None
        self._layers.move_to_end(chat_id)
        return held[0]

    def drop(self, chat_id: int) -> None:
        self._layers.pop(chat_id, None)

    def __len__(self) -> int:
        return len(self._layers)


@dataclass(frozen=True, slots=True)
class Reading:
    """What a chat's layer learns from one message: its features and the global verdict as prior."""

    features: dict[int, str]
    label: Label
    confidence: float

    @property
    def prior(self) -> np.ndarray[Any, Any]:
        return prior_logits(self.label, self.confidence)


# A verdict's confidence as the prior uses it: bounded, its log and the log of each other label's share.
# Confidences are rounded to three decimals, so a few hundred values; the logs are computed once each.
_LOGS: dict[float, tuple[float, float, float]] = {}


def _logs(confidence: float) -> tuple[float, float, float]:
    c = min(max(confidence, _LOW), _HIGH)
    found = (c, math.log(c), math.log((1.0 - c) / (N_LABELS - 1)))
    if len(_LOGS) >= 10_000:
        _LOGS.clear()
    _LOGS[confidence] = found
    return found


class ChatLayerClassifier:
    """The global classifier, then the chat's layer where one is in force (``layers``)."""

    def __init__(self, base: RulesClassifier, layers: LayerCache | None = None) -> None:
        self.base = base
        self.layers = layers if layers is not None else LayerCache()
        self._grams = WordGrams(shared_lemmatizer())
        self._last: Judgement | None = None
        judge = base.judge

        # The layer reads the tokens the rules already normalised: the last judgement is kept
        # rather than normalising the message twice.
        def keep(message: MessageIn) -> Judgement:
            j = judge(message)
            self._last = j
            return j

        base.judge = keep  # type: ignore[method-assign]

    def __getattr__(self, name: str) -> Any:
        # context, wave_members and the rest of the base classifier's surface
        return getattr(self.base, name)

    def note_join(self, chat_id: int, user_id: int, date: int) -> None:
        self.base.note_join(chat_id, user_id, date)

    def knows(self, chat_id: int) -> bool:
        return self.base.knows(chat_id)

    def recall(self, messages: Sequence[tuple[MessageIn, str | None]]) -> None:
        self.base.recall(messages)

    def classify(self, message: MessageIn) -> Verdict:
        self._last = None
        verdict = self.base.classify(message)
        layer = self.layers.get(message.chat_id) if message.chat_id else None
        j = self._last
        if layer is None or j is None:
            return verdict
        try:
            return self._adjust(verdict, layer, j)
        except Exception:  # noqa: BLE001 - the chat's layer is a correction; never lose the verdict
            return verdict

    def _adjust(self, verdict: Verdict, layer: Decides, j: Judgement) -> Verdict:
        if verdict.wave_id is not None:
            return verdict  # a recognised wave is directed whatever the chat's layer says
        c, own, rest = _LOGS.get(verdict.confidence) or _logs(verdict.confidence)
        base = INDEX[verdict.label]
        tokens = j.norm.tokens
        if not layer.may_move(base, own - rest, len(tokens), self._grams.head(tokens)):
            return verdict  # most messages: the layer cannot overturn this verdict, no features needed
        ids = self._grams.ids(tokens)
        z = layer.pull(ids)
        scores = [rest + v for v in z]
        scores[base] = own + z[base]
        remembered = layer.remembered(ids)
        best = INDEX[remembered] if remembered is not None else max(range(N_LABELS), key=scores.__getitem__)
        if best == base:
            return verdict  # the layer agrees: the verdict as it was, at no cost
        top = max(scores)
        p = math.exp(scores[best] - top) / sum(math.exp(s - top) for s in scores)
        if remembered is not None:
            p = max(p, c)  # the admin's own word on this very comment
        label = LABELS[best]
        extra = dict(verdict.extra)
        extra["chat_layer"] = label.value
        f = j.features
        problem = verdict.problem if verdict.problem and label.negative else None
        if label.negative and problem is None and f.topics:
            problem = f.topics[0]
        extra["global_label"] = verdict.label.value
        kept = [r for r in j.context_reasons if r.code is not ReasonCode.WAVE]
        reasons = (Reason(ReasonCode.CHAT_LAYER), *kept, *_reasons(label, f, problem))
        return replace(
            verdict,
            label=label,
            confidence=round(min(max(p, _LOW), _HIGH), 3),
            reasons=reasons,
            problem=problem,
            extra=extra,
        )

    def reading(self, text: str) -> Reading:
        """The message as a chat's layer learns it: its features and the global verdict on the text
        alone (no chat: the prior must not include the layer being taught)."""
        self._last = None
        verdict = self.base.classify(MessageIn(text=text))
        j = self._last
        features: dict[int, str] = self._grams.named(j.norm.tokens) if j is not None else {}
        return Reading(features, verdict.label, verdict.confidence)
