"""Every patch of a library's internals still holds: a probe per patch, run against what is installed."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest

from bot.compat import PATCHES

COMPAT = Path(__file__).resolve().parents[2] / "bot" / "compat"


@pytest.mark.parametrize("patch", PATCHES, ids=[p.module for p in PATCHES])
async def test_the_patch_still_holds(patch) -> None:  # type: ignore[no-untyped-def]
    probe = getattr(importlib.import_module(f"bot.compat.{patch.module}"), patch.probe)
    result = probe()
    if inspect.isawaitable(result):
        await result


def test_every_compat_module_is_listed() -> None:
    modules = {p.stem for p in COMPAT.glob("*.py") if p.stem != "__init__"}
    assert modules == {patch.module for patch in PATCHES}


def test_no_private_access_outside_compat() -> None:
    # The attributes the patches wrap: reaching them elsewhere would bypass the probes.
    root = COMPAT.parents[1]
    needles = ("._conn", "_handle_update_tasks", "re._parser", "from re import _parser", "model_post_init")
    offenders = [
        f"{path.relative_to(root)}: {needle}"
        for folder in ("bot", "handlers", "storage")
        for path in (root / folder).rglob("*.py")
        if "compat" not in path.parts
        for needle in needles
        if needle in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
