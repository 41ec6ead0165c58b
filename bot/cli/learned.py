"""``python -m bot learned --chat ID``: what a chat's own layer weighs most, both ways, for an audit."""

from __future__ import annotations

from typing import TextIO

from bot.classifier.chatgate import HOLDOUT, Gate
from bot.classifier.chatlayer import ChatLayer
from storage import Storage

TOP = 15


def describe(chat_id: int, layer: ChatLayer | None, examples: int, active_since: int | None, out: TextIO) -> None:
    if layer is None:
        print(f"Chat {chat_id} has no learned layer (no admin decisions yet, or it was forgotten).", file=out)
        return
    state = f"deciding since {active_since} (epoch)" if active_since is not None else "not deciding yet"
    print(f"Chat {chat_id}: {examples} decisions learned, {len(layer.ids)} features kept, {state}.", file=out)
    bias = ", ".join(
        f"{lb}: {v:+.2f}"
        for lb, v in zip(
            ("constructive", "impulsive", "trolling", "directed", "neutral", "positive"),
            layer.bias.tolist(),
            strict=True,
        )
    )
    print(f"Bias per label: {bias}", file=out)
    print(gate_line(layer.gate), file=out)
    pulls = sorted(layer.negativity(), key=lambda x: x[1])
    print(f"\nToward an alert (negative), the strongest {TOP}:", file=out)
    for name, value in [p for p in reversed(pulls) if p[1] > 0][:TOP]:
        print(f"  {value:+.3f}  {name}", file=out)
    print(f"\nAway from an alert (calm), the strongest {TOP}:", file=out)
    for name, value in [p for p in pulls if p[1] < 0][:TOP]:
        print(f"  {value:+.3f}  {name}", file=out)


def gate_line(gate: Gate | None) -> str:
    """The gate's state and the record behind it, in decisions weighted as the gate weighs them."""
    if gate is None:
        return "Gate: no track record yet (stored before there was one): rebuilt at the chat's next decision."
    record = (
        f"layer right {gate.layer_wins:.1f}, global right {gate.global_wins:.1f} where they differed, "
        f"lead {gate.lead:+.1f}, bound {gate.bound:.1f}"
    )
    if gate.open:
        return (
            f"Gate: open, the layer's pull applies ({record}); one comment in {HOLDOUT} stays with the global verdict."
        )
    return f"Gate: closed, the layer's pull is not applied yet ({record}); remembered comments keep their labels."


async def show_learned(storage: Storage, chat_id: int, out: TextIO) -> int:
    stored = await storage.learning.layer(chat_id)
    layer = ChatLayer.loads(stored.layer) if stored is not None else None
    describe(chat_id, layer, stored.examples if stored else 0, stored.active_since if stored else None, out)
    return 0
