"""Every verdict on every labelled set is the one stored in tests/data/classifier_verdicts.

The typology sets are part of the repository; the two real-message sets lie in shared/ beside the
checkout (../shared/data), and only their absence skips them. A change of rules changes verdicts on
purpose: store the new ones with ``python -m tests.unit.verdict_snapshot --write``.
"""

from __future__ import annotations

import json

import pytest

from tests.unit.verdict_snapshot import ALL_SETS, SHARED_DATA, VerdictSet, differences, manifest, verdicts


@pytest.mark.parametrize("vset", ALL_SETS, ids=lambda s: s.name)
def test_verdicts_are_the_stored_ones(vset: VerdictSet) -> None:
    if not vset.path.exists():
        if vset.path.parent == SHARED_DATA:
            pytest.skip(f"{SHARED_DATA} is missing: the shared dev sets are not beside this checkout")
        pytest.fail(f"{vset.path} is missing")
    stored = manifest()[vset.name]
    got = verdicts(vset)
    assert len(got.rows) == stored["rows"]
    if got.sha256 != stored["sha256"]:
        texts = [json.loads(line)["text"] for line in vset.lines()]
        pytest.fail(differences(vset.name, got, texts.__getitem__))
