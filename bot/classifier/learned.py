"""The learned layer: hashed n-grams and the rules' own signals → three small linear heads.

Inference is numpy only. The weights (``data/model.npz``, built by ``python -m bot.classifier.train``)
hold one column per output: ``negative``, ``toxic`` and the six doctrine labels. The rules engine runs
first: its cues are features, and its per-chat context stays a guard rail (a copy-paste wave is
directed whatever the model says).
"""

from __future__ import annotations

import math
import re
import struct
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from bot.classifier.context import ContextTracker
from bot.classifier.engine import Judgement, RulesClassifier, _reasons
from bot.classifier.features import FeatureExtractor, Features
from bot.classifier.normalize import Normalized
from bot.domain.verdicts import Label, MessageIn, Reason, ReasonCode, Verdict
from bot.language.morph import WORD_CACHE_LIMIT, Lemmatizer, trim_cache

MODEL_PATH = Path(__file__).resolve().parent / "data" / "model.npz"
N_BUCKETS = 1 << 18
_MASK = N_BUCKETS - 1
LABELS: tuple[Label, ...] = tuple(Label)
NEGATIVE_COLUMNS = tuple(i for i, lb in enumerate(LABELS) if lb.negative)
CALM_COLUMNS = tuple(i for i, lb in enumerate(LABELS) if not lb.negative)
# Output columns: 0 negative, 1 toxic, 2.. the labels in Label's order.
HEADS = ("negative", "toxic", *(lb.value for lb in LABELS))

DENSE_NAMES: tuple[str, ...] = (
    "neg",
    "pos",
    "troll",
    "campaign",
    "specificity",
    "negativity",
    "toxic",
    "obscene",
    "insults",
    "sarcasm",
    "mock_frame",
    "quitting",
    "irony",
    "admin_jab",
    "second_person",
    "shouting",
    "question",
    "info_question",
    "polite",
    "laugh",
    "smiley",
    "log_tokens",
    "praise",
    "resolved",
    "contrast",
    "repeat",
    "rhetorical",
    "failures",
    "first_person",
    "problem_report",
    "strong_events",
    "details",
    "topics",
    "events",
    "targeted",
    "thanked",
    "negated_pos",
    "caps",
    "exclaims",
    "questions",
    "urls",
    "mentions",
    "emojis",
    "sad",
    "happy",
    "masked",
    "latin",
    "ukrainian",
    "wave",
    "newcomer",
    "burst",
    *(f"rules_{lb.value}" for lb in LABELS),
)


def _bucket(s: str) -> int:
    return zlib.crc32(s.encode("utf-8")) & _MASK


# (start, end) of every 2–5-gram in a word of each length ("<" + at most 24 letters + ">").
_SPANS = tuple(tuple((i, i + n) for n in (2, 3, 4, 5) for i in range(size - n + 1)) for size in range(27))
# The same n-grams as slices of the word's UTF-8 bytes, in the same order: for an ASCII word (a byte a
# letter) and for a word whose letters all take two bytes (Cyrillic, Greek, Latin with accents:
# U+0080–U+07FF) between the one-byte "<" and ">". Slicing the bytes once encoded costs far less than
# encoding every n-gram, and the n-grams' bytes, so their buckets, are the same.
_ASCII_SLICES = tuple(tuple(slice(i, j) for i, j in spans) for spans in _SPANS)
_TWO_BYTE_SLICES = tuple(
    tuple(slice(2 * i - 1 if i else 0, 2 * j - 1 if j < size else 2 * j - 2) for i, j in spans)
    for size, spans in enumerate(_SPANS)
)


def _gram_ids(tok: str) -> set[int]:
    """The buckets of a token's word-bounded character 2–5-grams (CRC32 of each n-gram's UTF-8)."""
    core = tok[:24]
    w = f"<{core}>"
    crc = zlib.crc32
    if core.isascii():
        b = w.encode()
        return {crc(b[s]) & _MASK for s in _ASCII_SLICES[len(w)]}
    if min(core) >= "\x80" and max(core) < "\u0800":
        b = w.encode()
        return {crc(b[s]) & _MASK for s in _TWO_BYTE_SLICES[len(w)]}
    return {crc(w[i:j].encode()) & _MASK for i, j in _SPANS[len(w)]}


class Hasher:
    """Word-bounded character 2–5-grams of each token, and lemma 1–2-grams, as bucket numbers.

    A token's buckets and lemma are cached (bounded): a word seen before costs one look-up. A new word's
    n-grams are hashed in one comprehension over its encoded bytes; caching n-grams separately was
    slower than CRC32 itself. With the lemma the cache keeps the CRC32 state after "b:lemma " and the
    lemma's bytes, so that a lemma pair's bucket is one CRC32 call continuing the first lemma's state.
    """

    def __init__(self, limit: int = WORD_CACHE_LIMIT) -> None:
        self.limit = limit
        self._tokens: dict[str, tuple[array[int], str, bytes, int]] = {}

    def _token(self, tok: str, lem: Lemmatizer) -> tuple[array[int], str, bytes, int]:
        info = lem.info(tok)
        lemma = info.lemmas[0] if info.lemmas else tok
        ids = _gram_ids(tok)
        ids.add(_bucket("l:" + lemma))
        # A packed array: 4 bytes an id, where a set of int objects would take about 2 KB a word. Filled
        # from packed bytes (one copy) rather than from the set (an argument parse per id); same order.
        lb = lemma.encode()
        out = (array("i", struct.pack(f"{len(ids)}i", *ids)), lemma, lb, zlib.crc32(b" ", zlib.crc32(lb, _PAIR_HEAD)))
        trim_cache(self._tokens, self.limit)
        self._tokens[tok] = out
        return out

    def token_lemmas(self, tokens: Sequence[str], lem: Lemmatizer) -> list[tuple[array[int], str, bytes, int]]:
        """Each token's (bucket ids, lemma, lemma's UTF-8, CRC32 state after "b:lemma "), from the cache."""
        get = self._tokens.get
        return [get(tok) or self._token(tok, lem) for tok in tokens[:200]]

    def indices(self, tokens: Sequence[str], lem: Lemmatizer) -> list[int]:
        """The message's distinct bucket numbers (the hashed features are binary)."""
        hits = self.token_lemmas(tokens, lem)
        if not hits:
            return []
        # The order of the list is the set's, and the heads sum the rows in it (float32): the set is
        # built the same way every time, so the sum is the same to the last bit.
        out = set(hits[0][0]).union(*[h[0] for h in hits[1:]])
        crc = zlib.crc32
        # a pair's bucket: CRC32 of "b:{p} {q}", continued from p's state after "b:{p} "
        out.update([crc(q[2], p[3]) & _MASK for p, q in pairwise(hits)])
        return list(out)

    def unique_ids(self, tokens: Sequence[str], lem: Lemmatizer) -> np.ndarray[Any, Any]:
        """The same buckets as ``indices``, sorted, as an int32 array: for ``Model.logits``.

        The words' packed ids are joined as bytes and sorted in numpy, and a bucket is kept where it
        differs from the one before: a set of Python ints built from the same ids, then turned back into
        an array, cost about four times as many instructions.
        """
        hits = self.token_lemmas(tokens, lem)
        if not hits:
            return _NO_IDS
        crc = zlib.crc32
        pairs = [crc(q[2], p[3]) & _MASK for p, q in pairwise(hits)]
        # -1 first: after sorting it stands before every bucket, so each bucket's first copy differs
        # from its left neighbour, the first one included
        s = np.frombuffer(b"".join([_SENTINEL, *[h[0] for h in hits], struct.pack(f"{len(pairs)}i", *pairs)]), np.int32)
        s = np.sort(s)
        tail = s[1:]
        out: np.ndarray[Any, Any] = tail[tail != s[:-1]]
        return out


_PAIR_HEAD = zlib.crc32(b"b:")
_SENTINEL = struct.pack("i", -1)
_NO_IDS = np.zeros(0, dtype=np.int32)
_UKRAINIAN = re.compile("[іїєґ]")


def script_shares(tokens: Sequence[str], raw: str) -> tuple[float, float]:
    """(share of Latin-script tokens, 1.0 if Ukrainian letters appear): the rules read Russian only."""
    latin = sum(1 for t in tokens if "a" <= t[:1] <= "z")
    return latin / max(len(tokens), 1), float(_UKRAINIAN.search(raw) is not None)


def dense_features(j: Judgement) -> list[float]:
    """The rules' signals for one message, in ``DENSE_NAMES`` order."""
    f: Features = j.features
    n: Normalized = j.norm
    ctx = j.context
    rules = j.verdict.label
    return [
        f.neg,
        f.pos,
        f.troll,
        f.campaign,
        f.specificity,
        j.scores.negativity,
        float(f.toxic),
        float(f.obscene),
        float(len(f.insults)),
        float(f.sarcasm),
        float(f.mock_frame),
        float(f.quitting),
        float(f.irony),
        float(f.admin_jab),
        float(f.second_person),
        float(f.shouting),
        float(f.question),
        float(f.info_question),
        float(f.polite),
        float(f.laugh),
        float(f.smiley),
        math.log1p(f.n_tokens),
        float(f.praise),
        float(f.resolved),
        float(f.contrast),
        float(f.repeat),
        float(f.rhetorical),
        float(f.failures),
        float(f.first_person),
        float(f.problem_report),
        float(f.strong_events),
        float(len(f.details)),
        float(len(f.topics)),
        float(len(f.events)),
        float(f.targeted),
        float(f.thanked),
        float(len(f.negated_pos)),
        n.caps_ratio,
        float(min(n.exclaims, 5)),
        float(min(n.questions, 5)),
        float(len(n.urls)),
        float(len(n.mentions)),
        float(min(len(n.emojis), 5)),
        float(n.sad),
        float(n.happy),
        float(len(n.masked)),
        *script_shares(n.tokens, n.raw),
        float(j.verdict.wave_id is not None),
        float(ctx is not None and ctx.newcomer_age is not None),
        float(ctx is not None and ctx.burst > 0),
        *(float(rules is lb) for lb in LABELS),
    ]


@dataclass(frozen=True, slots=True)
class Model:
    """Weights of the three heads: one column per output (``HEADS``)."""

    hashed: np.ndarray[Any, Any]  # (N_BUCKETS, len(HEADS)) float16
    dense: np.ndarray[Any, Any]  # (len(DENSE_NAMES), len(HEADS)) float32
    mean: np.ndarray[Any, Any]
    scale: np.ndarray[Any, Any]
    bias: np.ndarray[Any, Any]
    negative_threshold: float
    toxic_threshold: float
    # p(negative) under which the model overrules a negative verdict of the rules; None: the same as
    # ``negative_threshold`` (one threshold whatever the rules said). See ``decide``.
    veto_threshold: float | None = None

    # The standardisation folded into the dense weights once: x @ (W / scale) + (bias - mean / scale @ W)
    # costs one product a message instead of three array operations.
    _dense_w: np.ndarray[Any, Any] = field(init=False, repr=False, compare=False)
    _bias0: np.ndarray[Any, Any] = field(init=False, repr=False, compare=False)
    # The same with the bias as a last row, for a dense vector ending in 1.0 (``logits``)
    _dense_wb: np.ndarray[Any, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        w = np.asarray(self.dense, dtype=np.float64) / np.asarray(self.scale, dtype=np.float64)[:, None]
        b = np.asarray(self.bias, dtype=np.float64) - np.asarray(self.mean, dtype=np.float64) @ w
        object.__setattr__(self, "_dense_w", w.astype(np.float32))
        object.__setattr__(self, "_bias0", b.astype(np.float32))
        object.__setattr__(self, "_dense_wb", np.vstack([self._dense_w, self._bias0[None, :]]))

    def scores(self, ids: Sequence[int], dense: Sequence[float]) -> np.ndarray[Any, Any]:
        """The heads' raw logits (``HEADS`` order) for one message's bucket ids and dense signals."""
        # float32 through struct (C's double-to-float cast, as numpy's): several times cheaper than
        # numpy reading a list of Python floats one by one
        x = np.frombuffer(struct.pack(f"{len(dense)}f", *dense), dtype=np.float32)
        out: np.ndarray[Any, Any] = x @ self._dense_w
        out += self._bias0
        if ids:
            # the ids as an index array first: ``take`` converts a list of ints several times slower;
            # the rows are summed in the ids' order, as always (float32, so the order counts)
            rows = self.hashed.take(np.fromiter(ids, dtype=np.intp, count=len(ids)), axis=0)
            out += rows.sum(axis=0) * (1.0 / math.sqrt(len(ids)))
        return out

    @property
    def veto_threshold_or_default(self) -> float:
        return self.negative_threshold if self.veto_threshold is None else self.veto_threshold

    def logits(self, unique: np.ndarray[Any, Any], dense: Sequence[float]) -> np.ndarray[Any, Any]:
        """``scores`` for the sorted distinct ids of ``Hasher.unique_ids``, in fewer numpy calls: the bias
        rides on the dense product, and the hashed rows are summed, scaled, by one matrix-vector product.
        The rows are added in another order than ``scores`` adds them (float32): the logits agree to
        about 1e-6, not to the last bit."""
        x = np.frombuffer(struct.pack(f"{len(dense) + 1}f", *dense, 1.0), dtype=np.float32)
        out: np.ndarray[Any, Any] = x @ self._dense_wb
        n = len(unique)
        if n:
            out += np.full(n, 1.0 / math.sqrt(n), dtype=np.float32) @ self.hashed.take(unique, axis=0)
        return out

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            hashed=self.hashed.astype(np.float16),
            dense=self.dense.astype(np.float32),
            mean=self.mean.astype(np.float32),
            scale=self.scale.astype(np.float32),
            bias=self.bias.astype(np.float32),
            thresholds=np.array(
                [self.negative_threshold, self.toxic_threshold, self.veto_threshold_or_default], dtype=np.float32
            ),
            dense_names=np.array(DENSE_NAMES),
            heads=np.array(HEADS),
        )

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> Model:
        with np.load(path, allow_pickle=False) as z:
            if tuple(str(x) for x in z["dense_names"]) != DENSE_NAMES or tuple(str(x) for x in z["heads"]) != HEADS:
                raise ValueError(f"{path}: the model was trained on other features; retrain it")
            # float32 in memory (8 MB): summing float16 rows converts each time
            hashed = np.asarray(z["hashed"], dtype=np.float32)
            if hashed.shape != (N_BUCKETS, len(HEADS)):
                raise ValueError(f"{path}: expected {N_BUCKETS} buckets")
            th = z["thresholds"]
            return cls(
                hashed=hashed,
                dense=z["dense"],
                mean=z["mean"],
                scale=z["scale"],
                bias=z["bias"],
                negative_threshold=float(th[0]),
                toxic_threshold=float(th[1]),
                veto_threshold=float(th[2]) if len(th) > 2 else None,
            )


@lru_cache(maxsize=1)
def shared_model() -> Model:
    """The shipped weights, read once per process."""
    return Model.load(MODEL_PATH)


class Decision(NamedTuple):
    """The heads' decision on one message (a named tuple: one is built per message, at a fraction of a
    frozen dataclass's cost)."""

    label: Label
    toxic: bool
    confidence: float
    p_negative: float
    p_toxic: float


def decide(model: Model, raw: np.ndarray[Any, Any], wave: bool = False, rules_negative: bool | None = None) -> Decision:
    """Label, toxic flag and confidence from the heads' raw scores (``Model.scores``).

    ``rules_negative``: whether the rules' own verdict is negative. When it is, the message stays negative
    unless p(negative) falls under ``veto_threshold``; when it is not (or unknown), p(negative) must reach
    ``negative_threshold``. The two are equal unless the weights set them apart."""
    values = raw.tolist()
    exp = math.exp
    # the logistic function, inlined (bounded: exp never overflows)
    p_neg_head = 1.0 / (1.0 + exp(-max(min(values[0], 30.0), -30.0)))
    p_tox = 1.0 / (1.0 + exp(-max(min(values[1], 30.0), -30.0)))
    logits = values[2:]
    top = max(logits)
    exps = [exp(v - top) for v in logits]
    total = sum(exps)
    probs = [e / total for e in exps]
    p_neg = 0.5 * p_neg_head + 0.5 * sum([probs[i] for i in NEGATIVE_COLUMNS])
    if wave:
        label = Label.DIRECTED
        conf = max(p_neg, 0.75)
    else:
        threshold = model.negative_threshold
        if rules_negative and model.veto_threshold is not None:
            threshold = model.veto_threshold
        cols = NEGATIVE_COLUMNS if p_neg >= threshold else CALM_COLUMNS
        best = max(cols, key=probs.__getitem__)
        label = LABELS[best]
        side = p_neg if label.negative else 1.0 - p_neg
        conf = side * probs[best] / sum([probs[i] for i in cols])
    return Decision(label, p_tox >= model.toxic_threshold, round(min(max(conf, 0.05), 0.97), 3), p_neg, p_tox)


@dataclass(frozen=True, slots=True)
class Reading:
    """One message as the heads see it: the rules' judgement, the features and the raw logits."""

    judgement: Judgement
    ids: list[int]
    dense: list[float]
    logits: np.ndarray[Any, Any]  # one per HEADS entry


class LearnedClassifier(RulesClassifier):
    """The rules read the message and its chat; the learned heads decide label and toxic flag."""

    def __init__(
        self,
        lemmatizer: Lemmatizer | None = None,
        context: ContextTracker | None = None,
        features: FeatureExtractor | None = None,
        model: Model | None = None,
    ) -> None:
        super().__init__(lemmatizer, context, features)
        self.model = model if model is not None else shared_model()
        self.hasher = Hasher()

    def featurize(self, j: Judgement) -> tuple[list[int], list[float]]:
        """The hashed bucket ids (binary features, scaled by 1/sqrt(n) in ``Model.scores``) and the dense
        signals (``DENSE_NAMES`` order, unstandardised) of a message the rules have read."""
        return self.hasher.indices(j.norm.tokens, self._lem), dense_features(j)

    def read(self, message: MessageIn) -> Reading:
        """Everything the heads see and say for one message, before the decision: for layers that learn
        on top (per-chat weights add to ``logits``; ``decide`` turns them into a verdict)."""
        j = self.judge(message)
        ids, dense = self.featurize(j)
        return Reading(j, ids, dense, self.model.scores(ids, dense))

    def decide(self, r: Reading, logits: np.ndarray[Any, Any] | None = None) -> Decision:
        """The decision from a reading's logits (or adjusted ones of the same shape)."""
        raw = r.logits if logits is None else logits
        rules = r.judgement.verdict
        return decide(self.model, raw, wave=rules.wave_id is not None, rules_negative=rules.label.negative)

    def _classify(self, message: MessageIn) -> Verdict:
        # ``read`` and ``decide`` inlined: no ``Reading`` to build on the bot's path
        j = self.judge(message)
        rules = j.verdict
        model = self.model
        d = decide(
            model,
            model.logits(self.hasher.unique_ids(j.norm.tokens, self._lem), dense_features(j)),
            wave=rules.wave_id is not None,
            rules_negative=rules.label.negative,
        )
        f = j.features
        if d.label is rules.label:
            reasons = rules.reasons
            problem = rules.problem
        else:
            problem = f.topics[0] if d.label.negative and f.topics else None
            kept = [c for c in j.context_reasons if c.code is not ReasonCode.WAVE]
            reasons = (Reason(ReasonCode.MODEL), *kept, *_reasons(d.label, f, problem))
        extra = dict(rules.extra)
        extra["model_negative"] = round(d.p_negative, 3)
        extra["model_toxic"] = round(d.p_toxic, 3)
        extra["rules_label"] = rules.label.value
        return Verdict(
            label=d.label,
            toxic=d.toxic or (f.obscene and bool(f.toxic_words)),
            confidence=d.confidence,
            reasons=tuple(reasons),
            problem=problem,
            wave_id=rules.wave_id,
            extra=extra,
        )
