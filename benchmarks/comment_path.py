"""Which project modules a negative comment passes through, from the update to the admins' alert.

Builds the real dispatcher against the fake Bot API (as the handler tests do), warms it up with one
comment, then traces one new negative comment while it is handled and alerted, and prints the
project modules whose code ran, in the order they were first entered.

    python -m benchmarks.comment_path
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("bot", "handlers", "storage")


def module_of(filename: str) -> str | None:
    path = Path(filename)
    if not path.is_relative_to(ROOT) or path.suffix != ".py":
        return None
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[0] not in LAYERS or "fake_api" in parts:
        return None
    return ".".join(p for p in parts if p != "__init__")


async def trace_one_comment() -> list[str]:
    from bot.fake_api.core import user
    from tests.conftest import ANNA, BORIS, GROUP, make_harness

    with tempfile.TemporaryDirectory() as tmp:
        h = await make_harness(Path(tmp))
        try:
            await h.start_admins(ANNA, BORIS)
            await h.add_bot()
            h.fake.comment(GROUP, user(5001, "Олег"), "Заказ 4411 привезли холодным, курьер опоздал на час")
            await h.feed()
            seen: dict[str, None] = {}

            def profile(frame: FrameType, event: str, arg: Any) -> None:
                if event == "call":
                    name = module_of(frame.f_code.co_filename)
                    if name is not None:
                        seen.setdefault(name)

            h.fake.comment(GROUP, user(5002, "Ирина"), "Второй раз привозят не тот заказ, 5120, верните деньги")
            sys.setprofile(profile)
            try:
                await h.feed()
            finally:
                sys.setprofile(None)
            return list(seen)
        finally:
            await h.storage.close()
            await h.bot.session.close()


def main() -> None:
    modules = asyncio.run(trace_one_comment())
    for name in modules:
        print(name)
    print(f"{len(modules)} project modules from the update to the alert")


if __name__ == "__main__":
    main()
