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
from bot.classifier.headline import headline_shape
from bot.classifier.normalize import Normalized
from bot.domain.verdicts import Label, MessageIn, Reason, ReasonCode, Verdict
from bot.language.morph import WORD_CACHE_LIMIT, Lemmatizer, shared_lemmatizer, trim_cache

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
    "headline",
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
# one regex call: ``min``/``max`` over the letters made a string object of each
_TWO_BYTE = re.compile("[\u0080-\u07ff]*").fullmatch


def _gram_crcs(tok: str) -> list[int]:
    """CRC32 of each of a token's word-bounded character 2–5-grams (UTF-8), in ``_SPANS`` order, unmasked:
    the bot's path masks a whole message's at once in numpy, where ``& _MASK`` here cost as much again."""
    w = f"<{tok[:24]}>"
    crc = zlib.crc32
    if w.isascii():
        b = w.encode()
        return [crc(b[s]) for s in _ASCII_SLICES[len(w)]]
    if _TWO_BYTE(w, 1, len(w) - 1):
        b = w.encode()
        return [crc(b[s]) for s in _TWO_BYTE_SLICES[len(w)]]
    return [crc(w[i:j].encode()) for i, j in _SPANS[len(w)]]


def _gram_ids(tok: str) -> set[int]:
    """The buckets of a token's word-bounded character 2–5-grams (CRC32 of each n-gram's UTF-8)."""
    return {c & _MASK for c in _gram_crcs(tok)}


class _Word(NamedTuple):
    """What the hasher keeps of a token (about 200 bytes)."""

    crcs: bytes  # its n-grams' CRC32 then its lemma's bucket, uint32 each, as ``_gram_crcs`` lists them
    lemma: str
    lemma_utf8: bytes
    pair_state: int  # CRC32 state after "b:{lemma} ": a lemma pair's bucket continues it


class Hasher:
    """Word-bounded character 2–5-grams of each token, and lemma 1–2-grams, as bucket numbers.

    A token's n-grams and lemma are cached (bounded): a word seen before costs one look-up. A new word's
    n-grams are hashed in one comprehension over its encoded bytes; caching n-grams separately was
    slower than CRC32 itself. With the lemma the cache keeps the CRC32 state after "b:lemma " and the
    lemma's bytes, so that a lemma pair's bucket is one CRC32 call continuing the first lemma's state.
    """

    def __init__(self, limit: int = WORD_CACHE_LIMIT) -> None:
        self.limit = limit
        self._tokens: dict[str, _Word] = {}

    def _token(self, tok: str, lem: Lemmatizer) -> _Word:
        info = lem.info(tok)
        lemma = info.lemmas[0] if info.lemmas else tok
        crcs = _gram_crcs(tok)
        lb = lemma.encode()
        crc = zlib.crc32
        crcs.append(crc(lb, _LEMMA_HEAD))  # the bucket of "l:{lemma}"
        out = _Word(struct.pack(f"{len(crcs)}I", *crcs), lemma, lb, crc(b" ", crc(lb, _PAIR_HEAD)))
        trim_cache(self._tokens, self.limit)
        self._tokens[tok] = out
        return out

    def token_lemmas(self, tokens: Sequence[str], lem: Lemmatizer) -> list[_Word]:
        """What the cache keeps of each token (see ``_Word``)."""
        get = self._tokens.get
        return [get(tok) or self._token(tok, lem) for tok in tokens[:200]]

    def indices(self, tokens: Sequence[str], lem: Lemmatizer) -> list[int]:
        """The message's distinct bucket numbers (the hashed features are binary), in the order training
        has always listed them: each word's set of buckets, the sets joined, then the lemma pairs'."""
        hits = self.token_lemmas(tokens, lem)
        if not hits:
            return []
        # each word's buckets as its own set lists them (it kept them so), then the sets joined in turn
        words = [list({c & _MASK for c in array("I", h.crcs)}) for h in hits]
        out = set(words[0]).union(*words[1:])
        crc = zlib.crc32
        # a pair's bucket: CRC32 of "b:{p} {q}", continued from p's state after "b:{p} "
        out.update([crc(q.lemma_utf8, p.pair_state) & _MASK for p, q in pairwise(hits)])
        return list(out)

    def unique_ids(self, tokens: Sequence[str], lem: Lemmatizer) -> np.ndarray[Any, Any]:
        """The same buckets as ``indices``, sorted, as an int64 array: for ``Model.logits``.

        The words' packed CRC32s are joined as bytes, masked and sorted in numpy, and a bucket is kept
        where it differs from the one before: a set of Python ints built from the same ids, then turned
        back into an array, cost about four times as many instructions.
        """
        hits = self.token_lemmas(tokens, lem)
        if not hits:
            return _NO_IDS
        crc = zlib.crc32
        pairs = [crc(q.lemma_utf8, p.pair_state) for p, q in pairwise(hits)]
        raw = np.frombuffer(
            b"".join([_SLOT, *[h.crcs for h in hits], struct.pack(f"{len(pairs)}I", *pairs)]), np.uint32
        )
        # masked into int64 (the index type ``take`` wants), then -1 in the first slot: after sorting it
        # stands before every bucket, so each bucket's first copy differs from its left neighbour
        s = np.bitwise_and(raw, _MASK, dtype=np.int64)
        s[0] = -1
        s.sort()
        tail = s[1:]
        out: np.ndarray[Any, Any] = tail[tail != s[:-1]]
        return out


_PAIR_HEAD = zlib.crc32(b"b:")
_LEMMA_HEAD = zlib.crc32(b"l:")
_SLOT = bytes(4)
_NO_IDS = np.zeros(0, dtype=np.int64)
_UKRAINIAN = re.compile("[іїєґ]")


def script_shares(tokens: Sequence[str], raw: str) -> tuple[float, float]:
    """(share of Latin-script tokens, 1.0 if Ukrainian letters appear): the rules read Russian only."""
    latin = 0
    for t in tokens:  # a loop, not sum() over a generator: a resumed generator per token costs more
        if "a" <= t[:1] <= "z":
            latin += 1
    return latin / max(len(tokens), 1), float(_UKRAINIAN.search(raw) is not None)


def dense_values(j: Judgement) -> tuple[float | int | bool, ...]:
    """The rules' signals for one message, in ``DENSE_NAMES`` order, as the rules hold them (counts and
    flags not yet floats: ``Model.logits`` packs them as float32 directly, which converts them alike)."""
    f: Features = j.features
    n: Normalized = j.norm
    ctx = j.context
    return (
        f.neg,
        f.pos,
        f.troll,
        f.campaign,
        j.scores.specificity,  # f.specificity as the rules computed it once (a property: it counts again)
        j.scores.negativity,
        f.toxic,
        f.obscene,
        len(f.insults),
        f.sarcasm,
        f.mock_frame,
        f.quitting,
        f.irony,
        f.admin_jab,
        f.second_person,
        f.shouting,
        f.question,
        f.info_question,
        f.polite,
        f.laugh,
        f.smiley,
        math.log1p(f.n_tokens),
        f.praise,
        f.resolved,
        f.contrast,
        f.repeat,
        f.rhetorical,
        f.failures,
        f.first_person,
        f.problem_report,
        f.strong_events,
        len(f.details),
        len(f.topics),
        len(f.events),
        f.targeted,
        f.thanked,
        len(f.negated_pos),
        n.caps_ratio,
        min(n.exclaims, 5),
        min(n.questions, 5),
        len(n.urls),
        len(n.mentions),
        min(len(n.emojis), 5),
        n.sad,
        n.happy,
        len(n.masked),
        *script_shares(n.tokens, n.raw),
        headline_shape(n, shared_lemmatizer()),
        j.verdict.wave_id is not None,
        ctx is not None and ctx.newcomer_age is not None,
        ctx is not None and ctx.burst > 0,
        *_ONE_HOT[j.verdict.label],
    )


def dense_features(j: Judgement) -> list[float]:
    """The rules' signals for one message, in ``DENSE_NAMES`` order, as floats (for training)."""
    return list(map(float, dense_values(j)))


_ONE_HOT = {lb: tuple(other is lb for other in LABELS) for lb in LABELS}
# a message's dense signals and 1.0 (the bias's row), as float32
_DENSE_ROW = struct.Struct(f"{len(DENSE_NAMES) + 1}f")
# 1/sqrt(n) n times, float32, for the n hashed rows of a message: kept for the usual sizes (under 4 MB)
_SCALES: dict[int, np.ndarray[Any, Any]] = {}


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

    # The standardisation folded into the dense weights once, the bias as a last row for a dense vector
    # ending in 1.0: x @ (W / scale) + (bias - mean / scale @ W) costs one product a message instead of
    # three array operations.
    _dense_wb: np.ndarray[Any, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        w = np.asarray(self.dense, dtype=np.float64) / np.asarray(self.scale, dtype=np.float64)[:, None]
        b = np.asarray(self.bias, dtype=np.float64) - np.asarray(self.mean, dtype=np.float64) @ w
        object.__setattr__(self, "_dense_wb", np.vstack([w, b[None, :]]).astype(np.float32))

    def scores(self, ids: Sequence[int], dense: Sequence[float]) -> np.ndarray[Any, Any]:
        """The heads' raw logits (``HEADS`` order) for one message's bucket ids (any order) and dense
        signals: ``logits`` over the same ids sorted, so exactly what the bot computes."""
        return self.logits(np.unique(np.asarray(ids, dtype=np.int64)), dense)

    @property
    def veto_threshold_or_default(self) -> float:
        return self.negative_threshold if self.veto_threshold is None else self.veto_threshold

    def logits(self, unique: np.ndarray[Any, Any], dense: Sequence[float | int | bool]) -> np.ndarray[Any, Any]:
        """``scores`` for the sorted distinct ids of ``Hasher.unique_ids``: the bias rides on the dense
        product, and the hashed rows are summed, scaled, by one matrix-vector product (float32)."""
        # float32 through struct (C's double-to-float cast, as numpy's): several times cheaper than
        # numpy reading a sequence of Python numbers one by one. ``ndarray.dot`` runs the same BLAS
        # product as ``@`` (the same bits on every dev_sentiment row) at a third of its call overhead.
        out: np.ndarray[Any, Any] = np.frombuffer(_DENSE_ROW.pack(*dense, 1.0), dtype=np.float32).dot(self._dense_wb)
        n = len(unique)
        if n:
            scale = _SCALES.get(n)
            if scale is None:
                scale = np.full(n, 1.0 / math.sqrt(n), dtype=np.float32)
                if n < 1024:
                    _SCALES[n] = scale
            out += scale.dot(self.hashed.take(unique, axis=0))
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
        """The hashed bucket ids (binary features, scaled by 1/sqrt(n) in ``Model.logits``) and the dense
        signals (``DENSE_NAMES`` order, unstandardised) of a message the rules have read."""
        return self.hasher.indices(j.norm.tokens, self._lem), dense_features(j)

    def read(self, message: MessageIn) -> Reading:
        """Everything the heads see and say for one message, before the decision: for layers that learn
        on top (per-chat weights add to ``logits``; ``decide`` turns them into a verdict)."""
        j = self.judge(message)
        ids, dense = self.featurize(j)
        return Reading(j, ids, dense, self.model.logits(self.hasher.unique_ids(j.norm.tokens, self._lem), dense))

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
            model.logits(self.hasher.unique_ids(j.norm.tokens, self._lem), dense_values(j)),
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
