"""Per-chat memory: copy-paste waves, newcomers posting negative, bursts of negativity.

Everything is bounded (chats, messages per chat, joins per chat, waves) and expires with
the messages' own clock (``MessageIn.date``), so it is deterministic and testable.
"""

from __future__ import annotations

import math
from bisect import bisect_left, insort
from collections import OrderedDict, deque
from collections.abc import Collection
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

MIN_WAVE_TOKENS = 5
NEGATIVES_KEPT = 2000
# near_duplicate() thresholds: shingle Jaccard, word Jaccard.
SHINGLE_JACCARD = 0.5
TOKEN_JACCARD = 0.75


@dataclass(slots=True)
class _Entry:
    user_id: int
    message_id: int
    date: int
    # Hashes of the words, 2-shingles and index keys: the strings themselves are not kept, which
    # makes an entry several times smaller (the context holds thousands of them). Tuples, not sets:
    # a set's table is several times the size of its items, and comparing a new message (a set)
    # with a kept entry needs only one side to be a set.
    tokens: tuple[int, ...]
    shingles: tuple[int, ...]
    negative: bool
    # The message's own verdict was negative (not just a negative tinge).
    flagged: bool = False
    wave_id: str | None = None
    # Arrival order in its chat: alive while not older than the chat's oldest kept entry.
    seq: int = 0
    # index_keys() of the current text
    keys: tuple[int, ...] = ()


@dataclass(slots=True)
class _Wave:
    wave_id: str
    first_date: int
    last_date: int
    users: set[int] = field(default_factory=set)
    messages: list[int] = field(default_factory=list)
    # (user_id, message_id) of every member, in the order they joined the wave.
    members: list[tuple[int, int]] = field(default_factory=list)
    # Some member read as negative on its own: copies of an innocent question or thanks never set it.
    negative: bool = False

    def add(self, user_id: int, message_id: int) -> None:
        if (user_id, message_id) in self.members:
            return
        self.users.add(user_id)
        self.messages.append(message_id)
        self.members.append((user_id, message_id))


@dataclass(slots=True)
class _Chat:
    entries: deque[_Entry]
    joins: OrderedDict[int, int] = field(default_factory=OrderedDict)
    waves: OrderedDict[str, _Wave] = field(default_factory=OrderedDict)
    # No wave's last_date is below this (a lower bound): most messages need no look at the waves.
    waves_expire_at: int = 0
    # Dates of the negative messages of the last day, kept sorted (see _note_negative).
    negatives: deque[int] = field(default_factory=lambda: deque(maxlen=NEGATIVES_KEPT))
    first_seen: int = 0
    last_seen: int = 0
    # Candidate index for wave matching: prefix key (word or shingle) → entries that carry it.
    index: dict[int, list[_Entry]] = field(default_factory=dict)
    postings: int = 0
    seq: int = 0


@dataclass(frozen=True, slots=True)
class ContextSignals:
    wave_id: str | None = None
    wave_messages: int = 0
    wave_accounts: int = 0
    # Seconds since this account joined the chat, when it joined recently.
    newcomer_age: int | None = None
    # Negative messages in the last burst window, when that is well above the chat's usual level.
    burst: int = 0
    # (user_id, message_id) of every wave member so far, this message included, oldest first.
    wave_members: tuple[tuple[int, int], ...] = ()
    # Some member of the wave (this one included) read as negative on its own.
    wave_negative: bool = False


def _note_negative(dates: deque[int], date: int) -> None:
    """Add a date to the sorted ``dates``, so a burst is counted by bisection, not by a pass over
    up to 2,000 dates at every negative message. Dates come in order but for the odd late one."""
    if not dates or dates[-1] <= date:
        dates.append(date)  # at the bound, the oldest goes
        return
    if len(dates) == dates.maxlen:
        dates.popleft()
    insort(dates, date)


def shingles(tokens: list[str]) -> frozenset[str]:
    """Word 2-shingles, robust to case and punctuation (tokens are already normalised)."""
    if len(tokens) < 2:
        return frozenset(tokens)
    return frozenset(f"{a} {b}" for a, b in pairwise(tokens))


def jaccard(a: frozenset[Any], b: Collection[Any]) -> float:
    """Jaccard similarity of a set and a collection of distinct items."""
    if not a or not b:
        return 0.0
    inter = len(a.intersection(b))
    return inter / (len(a) + len(b) - inter)


def near_duplicate(
    a_tokens: frozenset[Any], a_sh: frozenset[Any], b_tokens: Collection[Any], b_sh: Collection[Any]
) -> bool:
    """Same text up to small edits: shingle overlap, or nearly the same words."""
    # Jaccard ≥ t needs the smaller set to hold ≥ t of the larger: check sizes before intersecting
    la, lb = len(a_sh), len(b_sh)
    if min(la, lb) >= SHINGLE_JACCARD * max(la, lb) and jaccard(a_sh, b_sh) >= SHINGLE_JACCARD:
        return True
    la, lb = len(a_tokens), len(b_tokens)
    return min(la, lb) >= TOKEN_JACCARD * max(la, lb) and jaccard(a_tokens, b_tokens) >= TOKEN_JACCARD


def first_near_duplicate(
    candidates: list[_Entry], user_id: int, toks: frozenset[int], sh: frozenset[int]
) -> _Entry | None:
    """The first candidate by another account that near_duplicate() accepts, or None.

    near_duplicate() written out for one message against many: the loop runs over a few dozen
    candidates at every message of a busy chat, and the calls were most of its cost. The sums
    are the same, so it accepts exactly the same pairs (a test holds the two together).
    """
    la_s, la_t = len(sh), len(toks)
    for old in candidates:
        if old.user_id == user_id:
            continue
        b: tuple[int, ...] = old.shingles
        lb = len(b)
        if la_s and lb and (la_s >= SHINGLE_JACCARD * lb if la_s < lb else lb >= SHINGLE_JACCARD * la_s):
            inter = len(sh.intersection(b))
            if inter / (la_s + lb - inter) >= SHINGLE_JACCARD:
                return old
        b = old.tokens
        lb = len(b)
        if la_t and lb and (la_t >= TOKEN_JACCARD * lb if la_t < lb else lb >= TOKEN_JACCARD * la_t):
            inter = len(toks.intersection(b))
            if inter / (la_t + lb - inter) >= TOKEN_JACCARD:
                return old
    return None


def _rarity(key: str) -> tuple[int, int]:
    """A fixed global order that puts long (rarer) words and shingles first, so buckets stay small."""
    return -len(key), hash(key)


def _prefix(items: frozenset[str], threshold: float) -> list[str]:
    """Prefix filtering: two sets with Jaccard ≥ threshold share an item of their prefixes.

    Both prefixes are taken in one global order (longer first, then the string hash), of
    length |S| - ceil(threshold·|S|) + 1: then |A∩B| ≥ threshold·max(|A|,|B|) forces a common item.
    """
    n = len(items)
    if n == 0:
        return []
    keep = n - math.ceil(threshold * n - 1e-9) + 1
    return sorted(items, key=_rarity)[:keep]


def index_keys(tokens: frozenset[str], sh: frozenset[str]) -> frozenset[str]:
    """Keys under which an entry is indexed and looked up; every near-duplicate shares one."""
    return frozenset(_prefix(sh, SHINGLE_JACCARD) + _prefix(tokens, TOKEN_JACCARD))


def _fingerprint(tokens: list[str]) -> tuple[frozenset[int], frozenset[int], tuple[int, ...]]:
    """Hashes of a message's words and 2-shingles, and its index keys."""
    words = frozenset(tokens)
    grams = shingles(tokens)
    hashes = {item: hash(item) for item in words | grams}
    # The same int objects as in tokens and shingles, not a third copy of them.
    keys = tuple(hashes[k] for k in index_keys(words, grams))
    return frozenset(hashes[w] for w in words), frozenset(hashes[g] for g in grams), keys


class ContextTracker:
    """Bounded, expiring per-chat context."""

    def __init__(
        self,
        *,
        max_chats: int = 5000,
        max_messages: int = 300,
        max_entries: int = 5_000,
        max_joins: int = 2000,
        max_waves: int = 100,
        window: int = 1800,
        join_window: int = 3600,
        burst_window: int = 600,
        chat_ttl: int = 86_400,
    ) -> None:
        self.max_chats = max_chats
        self.max_messages = max_messages
        self.max_entries = max_entries
        self.max_joins = max_joins
        self.max_waves = max_waves
        self.window = window
        self.join_window = join_window
        self.burst_window = burst_window
        self.chat_ttl = chat_ttl
        self._chats: OrderedDict[int, _Chat] = OrderedDict()
        # Every chat this process has held, dropped since or not: only a chat never held here (a
        # restart emptied the memory) is worth rebuilding from storage. Rebuilding the chats the
        # memory budget dropped would undo the budget, over and over on a busy instance.
        self._held: set[int] = set()
        self._clock = 0
        # When set, every change is also noted here per chat as a plain event, for other instances
        # to replay (see bot/cluster/context.py).
        self.journal: dict[int, list[dict[str, Any]]] | None = None

    # -- bookkeeping -------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._chats)

    def messages_in(self, chat_id: int) -> int:
        chat = self._chats.get(chat_id)
        return len(chat.entries) if chat else 0

    def knows(self, chat_id: int) -> bool:
        """Whether the chat's context is still held (it may have been dropped for the memory budget)."""
        return chat_id in self._chats

    def held_before(self, chat_id: int) -> bool:
        """Whether this process has held the chat's context at some time, even if it is dropped now."""
        return chat_id in self._held

    def joins_in(self, chat_id: int) -> int:
        chat = self._chats.get(chat_id)
        return len(chat.joins) if chat else 0

    def _chat(self, chat_id: int, now: int) -> _Chat:
        chat = self._chats.get(chat_id)
        if chat is None:
            chat = _Chat(entries=deque(maxlen=self.max_messages), first_seen=now, last_seen=now)
            self._chats[chat_id] = chat
            if len(self._held) >= 20 * self.max_chats:
                self._held.clear()  # bounded: at worst a few chats are rebuilt once more
            self._held.add(chat_id)
            while len(self._chats) > self.max_chats:
                self._chats.popitem(last=False)
        else:
            self._chats.move_to_end(chat_id)
        chat.last_seen = max(chat.last_seen, now)
        return chat

    def _expire(self, chat: _Chat, now: int) -> None:
        horizon = now - self.window
        while chat.entries and chat.entries[0].date < horizon:
            chat.entries.popleft()
        if not chat.entries and chat.index:
            chat.index.clear()
            chat.postings = 0
        while chat.joins:
            uid, when = next(iter(chat.joins.items()))
            if when >= now - self.join_window:
                break
            del chat.joins[uid]
        if chat.waves and chat.waves_expire_at < horizon:
            for wid in [w for w, wave in chat.waves.items() if wave.last_date < horizon]:
                del chat.waves[wid]
            chat.waves_expire_at = min((wave.last_date for wave in chat.waves.values()), default=0)
        day = now - self.chat_ttl
        while chat.negatives and chat.negatives[0] < day:
            chat.negatives.popleft()

    def expire(self, now: int) -> None:
        """Forget chats silent for longer than ``chat_ttl``, then the least recently active chats
        while all chats together keep more than ``max_entries`` messages (a memory budget: an entry
        costs a few kilobytes)."""
        for cid in [c for c, chat in self._chats.items() if chat.last_seen < now - self.chat_ttl]:
            del self._chats[cid]
        total = sum(len(chat.entries) for chat in self._chats.values())
        while total > self.max_entries and len(self._chats) > 1:
            _, dropped = self._chats.popitem(last=False)
            total -= len(dropped.entries)

    # -- events ------------------------------------------------------------------------------
    def note_join(self, chat_id: int, user_id: int, date: int) -> None:
        if self.journal is not None:
            self.journal.setdefault(chat_id, []).append({"k": "j", "c": chat_id, "u": user_id, "d": date})
        chat = self._chat(chat_id, date)
        chat.joins.pop(user_id, None)
        chat.joins[user_id] = date
        while len(chat.joins) > self.max_joins:
            chat.joins.popitem(last=False)

    def observe(
        self,
        *,
        chat_id: int,
        user_id: int,
        message_id: int,
        date: int,
        edited: bool,
        tokens: list[str],
        negative: bool,
        verdict_negative: bool | None = None,
    ) -> ContextSignals:
        """Record one message and tell what the chat's recent history says about it.

        ``negative`` feeds the burst counter (a negative tinge is enough); ``verdict_negative``
        (default: ``negative``) is the message's own verdict and decides whether its wave is negative.
        """
        if self.journal is not None:
            self.journal.setdefault(chat_id, []).append(
                {"k": "m", "c": chat_id, "u": user_id, "m": message_id, "d": date, "e": edited, "t": tokens}
                | {"n": negative, "v": verdict_negative}
            )
        flagged = negative if verdict_negative is None else verdict_negative
        self._clock += 1
        if self._clock % 1000 == 0:
            self.expire(date)
        chat = self._chat(chat_id, date)
        self._expire(chat, date)

        toks, sh, keys = _fingerprint(tokens)
        entry: _Entry | None = None
        if edited:
            for old in reversed(chat.entries):
                if old.user_id == user_id and (old.message_id == message_id or not message_id):
                    entry = old
                    break
        is_new = entry is None
        if entry is None:
            entry = _Entry(user_id, message_id, date, tuple(toks), tuple(sh), negative, flagged)
            entry.keys = keys
        else:
            entry.tokens, entry.shingles = tuple(toks), tuple(sh)
            entry.keys = keys
            entry.negative = entry.negative or negative
            entry.flagged = entry.flagged or flagged

        wave = self._match_wave(chat_id, chat, entry, len(tokens), toks, sh)
        if is_new:
            self._append(chat, entry)
        else:
            # an edit is indexed under its new words too (stale keys are harmless: candidates are re-checked)
            self._index(chat, entry)

        newcomer: int | None = None
        joined = chat.joins.get(user_id)
        if joined is not None and 0 <= date - joined <= self.join_window:
            newcomer = date - joined

        burst = self._burst(chat, date) if negative else 0
        if wave is None:
            return ContextSignals(newcomer_age=newcomer, burst=burst)
        return ContextSignals(
            wave_id=wave.wave_id,
            wave_messages=len(wave.messages),
            wave_accounts=len(wave.users),
            newcomer_age=newcomer,
            burst=burst,
            wave_members=tuple(wave.members),
            wave_negative=wave.negative,
        )

    def _append(self, chat: _Chat, entry: _Entry) -> None:
        chat.seq += 1
        entry.seq = chat.seq
        chat.entries.append(entry)
        if entry.negative:
            _note_negative(chat.negatives, entry.date)
        self._index(chat, entry)

    def recall(
        self, *, chat_id: int, user_id: int, message_id: int, date: int, tokens: list[str], wave_id: str | None
    ) -> None:
        """Put back an earlier negative message kept elsewhere (a restart emptied the memory), in the
        wave it was found in then (by that wave's id), or in none; it is not matched as a new message
        is, so the context holds what was known and a later copy finds it as it would have. Recalled
        copies of it in no wave join its wave: the process died before they were tagged."""
        chat = self._chat(chat_id, date)
        self._expire(chat, date)
        toks, sh, keys = _fingerprint(tokens)
        entry = _Entry(user_id, message_id, date, tuple(toks), tuple(sh), True, True, wave_id, keys=keys)
        if wave_id is not None:
            wave = chat.waves.get(wave_id)
            if wave is None:
                wave = _Wave(wave_id, date, date, negative=True)
                chat.waves[wave_id] = wave
                chat.waves_expire_at = min(chat.waves_expire_at, date) if len(chat.waves) > 1 else date
                while len(chat.waves) > self.max_waves:
                    chat.waves.popitem(last=False)
            for old in reversed(self._candidates(chat, entry)):
                if old.wave_id is None and first_near_duplicate([old], user_id, toks, sh) is not None:
                    old.wave_id = wave_id
                    wave.add(old.user_id, old.message_id)
                    wave.first_date = min(wave.first_date, old.date)
            wave.add(user_id, message_id)
            wave.last_date = max(wave.last_date, date)
        self._append(chat, entry)

    def wave_members(self, chat_id: int, wave_id: str) -> tuple[tuple[int, int], ...]:
        """(user_id, message_id) of a live wave's members, oldest first; empty when unknown."""
        chat = self._chats.get(chat_id)
        wave = chat.waves.get(wave_id) if chat is not None else None
        return tuple(wave.members) if wave is not None else ()

    def _match_wave(
        self, chat_id: int, chat: _Chat, entry: _Entry, n_tokens: int, toks: frozenset[int], sh: frozenset[int]
    ) -> _Wave | None:
        if entry.wave_id is not None:
            known = chat.waves.get(entry.wave_id)
            if known is not None:
                known.negative = known.negative or entry.flagged
                return known
        if n_tokens < MIN_WAVE_TOKENS:
            return None
        old = first_near_duplicate(self._candidates(chat, entry), entry.user_id, toks, sh)
        if old is not None:
            wave = chat.waves.get(old.wave_id) if old.wave_id else None
            if wave is None:
                # Named after its first message, not a counter: instances that share the chat's
                # events but began at different points name the same wave alike.
                wave_id = f"{chat_id}:{old.date}:{old.user_id}:{old.message_id}"
                wave = _Wave(wave_id, old.date, old.date, negative=old.flagged)
                wave.add(old.user_id, old.message_id)
                old.wave_id = wave.wave_id
                chat.waves[wave.wave_id] = wave
                first = len(chat.waves) == 1
                chat.waves_expire_at = wave.last_date if first else min(chat.waves_expire_at, wave.last_date)
                while len(chat.waves) > self.max_waves:
                    chat.waves.popitem(last=False)
            entry.wave_id = wave.wave_id
            wave.add(entry.user_id, entry.message_id)
            wave.negative = wave.negative or entry.flagged
            wave.last_date = max(wave.last_date, entry.date)
            return wave
        return None

    def _index(self, chat: _Chat, entry: _Entry) -> None:
        keys = entry.keys
        index = chat.index
        for key in keys:
            bucket = index.get(key)
            if bucket is None:
                index[key] = [entry]
            else:
                bucket.append(entry)
        chat.postings += len(keys)
        if chat.postings > 64 * max(len(chat.entries), 16):
            # keys of evicted entries pile up in buckets nobody asks for again: rebuild now and then
            chat.index = {}
            chat.postings = 0
            for live in chat.entries:
                for key in live.keys:
                    chat.index.setdefault(key, []).append(live)
                    chat.postings += 1

    def _candidates(self, chat: _Chat, entry: _Entry) -> list[_Entry]:
        """Live entries sharing an index key with ``entry``, newest first (as a scan of all would meet them)."""
        if not chat.entries:
            return []
        oldest = chat.entries[0].seq
        found: dict[int, _Entry] = {}
        index = chat.index
        for key in entry.keys:
            bucket = index.get(key)
            if not bucket:
                continue
            if bucket[0].seq < oldest:
                bucket[:] = [e for e in bucket if e.seq >= oldest]
                if not bucket:
                    del index[key]
                    continue
            for e in bucket:
                found[e.seq] = e
        return [found[k] for k in sorted(found, reverse=True)]

    def _burst(self, chat: _Chat, now: int) -> int:
        recent = len(chat.negatives) - bisect_left(chat.negatives, now - self.burst_window)
        older = len(chat.negatives) - recent
        span = max(now - self.burst_window - chat.first_seen, 3600)
        usual = older * self.burst_window / span
        return recent if recent >= 5 and recent >= 3 * usual + 3 else 0
