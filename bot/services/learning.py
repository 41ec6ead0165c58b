"""The loop from the admins' decisions to the chat's own layer: examples in, the layer learned, stored
and put in force on the next message, on every instance.

Guard rails: a chat's layer decides only after ``min_decisions`` decisions, and its pull only while its
track record on the chat's decisions beats the global verdict's (``chatgate.Gate``); its pull is bounded
(``chatlayer.PULL``); a decision that contradicts another admin's on the same comment is not learned
(both become disputed and the layer is rebuilt without them), so one click cannot flip what a colleague
confirmed; and every read and write names the chat, so no chat's decisions reach another's layer.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.classifier.chatgate import Gate
from bot.classifier.chatlayer import ChatLayer, ChatLayerClassifier, LayerView, prior_logits
from bot.domain.clock import Clock, now_int
from bot.domain.learning import Example, ExampleState, NewExample, Source
from bot.domain.ports import ChatStore, LearningStore
from bot.domain.verdicts import Label

log = logging.getLogger(__name__)

# Decisions a chat's layer needs before it decides anything (LEARNING_MIN_DECISIONS).
MIN_DECISIONS = 10
# Writes lost to another instance's write are retried this many times.
RETRIES = 5
# Seconds a chat's layer held here is trusted without asking the database: a change here or on another
# instance (told through the cache sync, ``stale``) ends it at once; the bound is for instances that
# cannot hear each other (no Redis), as for the chats' other cached rows (storage/cache.py).
FRESH_FOR = 5.0
FRESH_LIMIT = 20_000


@dataclass(frozen=True, slots=True)
class Accuracy:
    """How the bot's alerts in a chat fared before and after its layer began deciding."""

    active_since: int | None
    examples: int
    before_alerts: int
    before_false: int  # relabelled to neutral or positive by an admin
    before_relabelled: int
    after_alerts: int
    after_false: int
    after_relabelled: int
    gate: Gate | None = None  # the layer's track record (None: no layer, or one stored before the gate)


class LearningService:
    def __init__(
        self,
        *,
        store: LearningStore,
        chats: ChatStore,
        classifier: ChatLayerClassifier,
        clock: Clock,
        min_decisions: int = MIN_DECISIONS,
        changed: Callable[[int], None] | None = None,
        fresh_for: float = FRESH_FOR,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._store = store
        self._chats = chats
        self._classifier = classifier
        self._clock = clock
        self.min_decisions = min_decisions
        # told when a chat's layer changed here (the other instances then drop theirs: ``stale``)
        self._changed = changed
        # chats whose layer held here is known current until then (monotonic), without a read per message
        self._fresh: dict[int, float] = {}
        self._fresh_for = fresh_for
        self._monotonic = monotonic
        # counts ``stale`` calls: a change heard while a chat's layer was being read keeps it unfresh
        self._heard = 0

    def stale(self, chat_id: int) -> None:
        """The chat's layer or settings changed (here or on another instance): read again at its next
        message."""
        self._heard += 1
        self._fresh.pop(chat_id, None)

    def _held_fresh(self, chat_id: int) -> None:
        if len(self._fresh) >= FRESH_LIMIT:
            self._fresh.clear()  # a read each for the chats still writing, then bounded again
        self._fresh[chat_id] = self._monotonic() + self._fresh_for

    def _note_change(self, chat_id: int) -> None:
        self._fresh.pop(chat_id, None)
        if self._changed is not None:
            self._changed(chat_id)

    # In force ----------------------------------------------------------------------------------

    async def prepare(self, chat_id: int) -> None:
        """Put the chat's current layer in force for its next message. No query while the copy held here
        is known current (``FRESH_FOR``, ended by ``stale``); then the settings (cached) and one
        indexed read of the version, and the layer itself only when it changed."""
        cache = self._classifier.layers
        if cache.version(chat_id) is not None and self._fresh.get(chat_id, 0.0) > self._monotonic():
            return  # nothing changed since it was read: no query on the message's path
        heard = self._heard
        if not (await self._chats.settings(chat_id)).learning:
            cache.put(chat_id, None, -1)
            if heard == self._heard:
                self._held_fresh(chat_id)
            return
        version = await self._store.layer_version(chat_id)
        if cache.version(chat_id) != version:
            stored = await self._store.layer(chat_id) if version else None
            if stored is None:
                cache.put(chat_id, None, 0)
            else:
                try:
                    layer = LayerView.loads(stored.layer)
                except (ValueError, KeyError) as error:
                    log.warning("Chat %s: its learned layer cannot be read (%s); deciding without it", chat_id, error)
                    cache.put(chat_id, None, stored.version)
                else:
                    cache.put(chat_id, layer if layer.examples >= self.min_decisions else None, stored.version)
        if heard == self._heard:
            self._held_fresh(chat_id)

    def _in_force(self, layer: ChatLayer) -> LayerView | None:
        return layer.view() if layer.examples >= self.min_decisions else None

    # Decisions ---------------------------------------------------------------------------------

    async def record(
        self, *, chat_id: int, case_id: int | None, text: str, label: Label, actor_id: int, source: Source
    ) -> bool:
        """Keep an admin's decision on a comment as an example; True when the layer learned from it."""
        if not text.strip():
            return False  # past retention: nothing to read the features from
        reading = self._classifier.reading(text)
        new = NewExample(
            chat_id=chat_id,
            case_id=case_id,
            actor_id=actor_id,
            source=source,
            label=label,
            bot_label=reading.label,
            bot_confidence=reading.confidence,
            features=tuple(reading.features),
            text=text,
        )
        now = now_int(self._clock)
        earlier = (
            [e for e in await self._store.case_examples(case_id) if e.state is ExampleState.ACTIVE] if case_id else []
        )
        if any(e.label is label for e in earlier):
            # Already known: learning it twice would count it double. A try that died after keeping
            # it may not have learned it, though: then the layer learns its examples again.
            await self._catch_up(chat_id, 0)
            return False
        others = [e for e in earlier if e.actor_id != actor_id]
        if others:
            # Another admin said otherwise: neither label is learned until the case is clear.
            await self._store.add_example(new, now, ExampleState.DISPUTED)
            await self._store.set_state([e.id for e in earlier], ExampleState.DISPUTED)
            await self.rebuild(chat_id)
            return False
        await self._store.add_example(new, now)
        if earlier:  # the same admin changed their mind: the last word counts
            await self._store.set_state([e.id for e in earlier], ExampleState.SUPERSEDED)
            await self.rebuild(chat_id)
            return True
        if not (await self._chats.settings(chat_id)).learning:
            return False
        if await self._catch_up(chat_id, 1):
            return True
        scored = source is not Source.MISSED
        await self._update(chat_id, lambda layer: layer.learn(reading.features, reading.prior, label, scored=scored))
        return True

    async def _catch_up(self, chat_id: int, new: int) -> bool:
        """Rebuild the layer when it holds fewer examples than the chat keeps, besides the ``new``
        ones about to be learned: a decision kept by a try that died (or whose layer write kept
        losing to another instance's) before the layer learned it. True when it was rebuilt."""
        if not (await self._chats.settings(chat_id)).learning:
            return False
        stored = await self._store.layer(chat_id)
        learned = stored.examples if stored is not None else 0
        if stored is not None and learned and Gate.stored(stored.layer) is None:
            log.info("Chat %s: its layer has no track record yet; learning its decisions again", chat_id)
        elif len(await self._store.examples(chat_id, active_only=True)) <= learned + new:
            return False
        else:
            log.info("Chat %s: its layer missed decisions kept earlier; learning them all again", chat_id)
        await self.rebuild(chat_id)
        return True

    async def rebuild(self, chat_id: int) -> None:
        """The layer learned again from the chat's active examples, in order (after a dispute, a change
        of mind, or learning resumed)."""
        if not (await self._chats.settings(chat_id)).learning:
            return
        examples = await self._store.examples(chat_id, active_only=True)

        def relearn(old: ChatLayer) -> ChatLayer:
            return learn_all(examples, dict(zip(old.ids.tolist(), old.names, strict=True)))

        await self._update(chat_id, relearn)

    async def _update(self, chat_id: int, change: Callable[[ChatLayer], ChatLayer]) -> None:
        for _ in range(RETRIES):
            stored = await self._store.layer(chat_id)
            old = ChatLayer.loads(stored.layer) if stored is not None else ChatLayer.empty()
            layer = change(old)
            since = stored.active_since if stored is not None else None
            now = now_int(self._clock)
            if since is None and layer.examples >= self.min_decisions:
                since = now
            version = stored.version if stored is not None else 0
            if await self._store.save_layer(
                chat_id, layer.dumps(), layer.examples, expected=version, active_since=since, now=now
            ):
                self._note_change(chat_id)
                self._classifier.layers.put(chat_id, self._in_force(layer), version + 1)
                self._held_fresh(chat_id)
                return
        log.warning("Chat %s: its layer was changed elsewhere %s times in a row; this decision waits", chat_id, RETRIES)

    async def forget(self, chat_id: int) -> int:
        """Drop the chat's layer and examples: it decides as the global model again."""
        removed = await self._store.forget(chat_id)
        self._note_change(chat_id)
        self._classifier.layers.put(chat_id, None, 0)
        return removed

    # What admins and operators see ------------------------------------------------------------

    async def layer(self, chat_id: int) -> ChatLayer | None:
        stored = await self._store.layer(chat_id)
        return ChatLayer.loads(stored.layer) if stored is not None else None

    async def examples(self, chat_id: int) -> list[Example]:
        return await self._store.examples(chat_id)

    async def accuracy(self, chat_id: int, alerts: list[tuple[int, Label, Label]]) -> Accuracy:
        """``alerts``: (created_at, the bot's label, the label now) of the chat's cases."""
        stored = await self._store.layer(chat_id)
        since = stored.active_since if stored is not None else None
        # an alert of the very second the layer began was decided without it
        before = [a for a in alerts if since is None or a[0] <= since]
        after = [a for a in alerts if since is not None and a[0] > since]

        def false(xs: list[tuple[int, Label, Label]]) -> int:
            return sum(1 for _, _, now in xs if not now.negative)

        def changed(xs: list[tuple[int, Label, Label]]) -> int:
            return sum(1 for _, bot, now in xs if bot is not now)

        return Accuracy(
            since,
            stored.examples if stored is not None else 0,
            len(before),
            false(before),
            changed(before),
            len(after),
            false(after),
            changed(after),
            Gate.stored(stored.layer) if stored is not None else None,
        )


def learn_all(examples: list[Example], names: dict[int, str]) -> ChatLayer:
    layer = ChatLayer.empty()
    for e in examples:
        features = {i: names.get(i, f"#{i}") for i in e.features}
        prior = prior_logits(e.bot_label, e.bot_confidence)
        layer = layer.learn(features, prior, e.label, scored=e.source is not Source.MISSED)
    return layer
