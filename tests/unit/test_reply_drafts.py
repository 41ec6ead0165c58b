"""Reply drafts stay byte-identical to the snapshot taken before the reply texts moved to data files.

The snapshot (``tests/data/reply_drafts.json``) holds a sha256 per group of drafts and a few samples; see
``tests/unit/reply_drafts.py`` for the inputs and for how to record it again after an intended change.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.unit.reply_drafts import SNAPSHOT, snapshot

EXPECTED: dict[str, dict[str, Any]] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def actual() -> dict[str, dict[str, Any]]:
    return snapshot()


def test_same_groups(actual: dict[str, dict[str, Any]]) -> None:
    assert list(actual) == list(EXPECTED)


@pytest.mark.parametrize("group", list(EXPECTED))
def test_drafts_unchanged(actual: dict[str, dict[str, Any]], group: str) -> None:
    got, want = actual[group], EXPECTED[group]
    # Samples first: when they differ, pytest shows the very drafts that changed.
    assert got["count"] == want["count"]
    assert got["samples"] == want["samples"]
    assert got["sha256"] == want["sha256"]
