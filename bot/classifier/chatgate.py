"""Whether a chat's layer may decide: its track record against the global verdict on the chat's own
admins' decisions, kept test-then-train (prequential).

Before the layer learns from a decision, the layer's verdict and the global verdict on that comment
are each scored against the admin's label: is the comment an alert or not (what the admins act on and
what the benchmark's F1 counts). Only the decisions where the two differ tell them apart; the layer
wins one or loses one. The layer's generalisations apply (its pull) only while its wins exceed its
losses by more than an anytime-valid bound (a normal-mixture confidence sequence, Howard et al. 2021):
the record is looked at after every decision, so a fixed z-test would open by chance on a long enough
stream of noise.

Two biases the record corrects:

- **What the admins see depends on the gate.** They decide only alerts. While the layer decides, a
  comment it calms is never shown, so its wrong calls would go unrecorded and the record would only
  grow in its favour. So one comment in ``HOLDOUT`` (by its features, the same in every process) is
  always decided by the global verdict: there the layer's calming is still tested. Each decision
  counts with the inverse of the chance that it could be seen (inverse propensity): a calming by
  ``HOLDOUT`` while the gate is open, an alert only the layer raised by ``HOLDOUT / (HOLDOUT - 1)``.
- **Accuracy is not what an admin loses.** Calming a true negative (a missed complaint) costs F1 more
  than calming a false alarm gains: about (2 − F1) against F1. A decision whose comment was negative
  weighs (2 − P) / P, P the global verdict's share of right alerts in this chat (its own decisions,
  smoothed; P ≤ F1 when recall ≥ precision, so the weight errs on the side of the global verdict).

An admin's exact comment remembered by the layer is not the layer's judgement and is not scored, and
comments marked missed (/missed) are not either: how often admins look for misses is unknown, so they
cannot be weighed against the alerts. Both still teach the layer.
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import orjson

# One comment in this many is decided by the global verdict even while the gate is open.
HOLDOUT = 5
# The confidence sequence: its error rate over the whole stream, and where it is tightest (in the
# decisions' squared weights: about ten decisions).
ALPHA = 0.05
RHO = 10.0
# The smallest precision the cost weight assumes (the weight of a negative stays below 19).
_MIN_PRECISION = 0.1


def signature(ids: Sequence[int]) -> int:
    """A comment's features as one number, whatever their order (the same in every process and
    Python version, unlike ``hash``)."""
    return zlib.crc32(struct.pack(f"<{len(ids)}q", *sorted(ids)))


def held_out(ids: Sequence[int]) -> bool:
    """This comment is decided by the global verdict whatever the gate: the layer is tested there."""
    return signature(ids) % HOLDOUT == 0


@dataclass(frozen=True, slots=True)
class Gate:
    """A chat's record: the weighted decisions each side got right where they differed."""

    layer_wins: float = 0.0
    global_wins: float = 0.0
    variance: float = 0.0  # the sum of the squared weights
    alerts: int = 0  # alerts of the global verdict that admins decided, unbiased ones only
    confirmed: int = 0  # of them, the ones the admins said were negative
    differed: int = 0  # decisions scored where the two differed, unweighted (what /stats shows)
    layer_right: int = 0  # of them, the ones the layer got right

    @property
    def lead(self) -> float:
        return self.layer_wins - self.global_wins

    @property
    def bound(self) -> float:
        """The lead the layer needs: beyond it, that it is no better has chance ``ALPHA`` at most,
        however often the record is looked at."""
        v = self.variance + RHO
        return math.sqrt(v * (math.log(v / RHO) + 2.0 * math.log(1.0 / ALPHA)))

    @property
    def open(self) -> bool:
        return self.lead > self.bound

    @property
    def precision(self) -> float:
        return max((self.confirmed + 1) / (self.alerts + 2), _MIN_PRECISION)

    def scored(self, *, layer_alert: bool, global_alert: bool, negative: bool, ids: Sequence[int]) -> Gate:
        """The record after one admin decision on an alert (``negative``: the admin's label), the
        layer's and the global verdict taken before the layer learns from it."""
        shown_by_global = not self.open or held_out(ids)
        gate = self
        if global_alert and shown_by_global:
            gate = replace(gate, alerts=gate.alerts + 1, confirmed=gate.confirmed + negative)
        if layer_alert == global_alert:
            return gate
        if global_alert:  # the layer would calm it: seen only where the global verdict decides
            if not shown_by_global:
                return gate
            weight = float(HOLDOUT) if self.open else 1.0
        else:  # an alert only the layer raised: seen only where the layer decides
            if shown_by_global:
                return gate
            weight = HOLDOUT / (HOLDOUT - 1)
        if negative:
            p = self.precision
            weight *= (2.0 - p) / p
        right = layer_alert == negative
        return replace(
            gate,
            layer_wins=gate.layer_wins + weight * right,
            global_wins=gate.global_wins + weight * (not right),
            variance=gate.variance + weight * weight,
            differed=gate.differed + 1,
            layer_right=gate.layer_right + right,
        )

    def dumps(self) -> dict[str, Any]:
        return {
            "layer_wins": round(self.layer_wins, 4),
            "global_wins": round(self.global_wins, 4),
            "variance": round(self.variance, 4),
            "alerts": self.alerts,
            "confirmed": self.confirmed,
            "differed": self.differed,
            "layer_right": self.layer_right,
        }

    @classmethod
    def stored(cls, layer: str) -> Gate | None:
        """The record in a stored layer's JSON, without reading the layer (no numpy); None when the
        layer was stored before there was one."""
        data = orjson.loads(layer).get("gate")
        return cls.loads(data) if data is not None else None

    @classmethod
    def loads(cls, data: dict[str, Any]) -> Gate:
        return cls(
            float(data["layer_wins"]),
            float(data["global_wins"]),
            float(data["variance"]),
            int(data["alerts"]),
            int(data["confirmed"]),
            int(data["differed"]),
            int(data["layer_right"]),
        )
