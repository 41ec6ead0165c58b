"""``python -m bot replay-dead``: the updates given up on after every retry, tried again.

An update whose handling kept failing (bot/telegram/inbox.py) is parked as dead in the inbox. Once
the cause is fixed, this puts every dead update back, owned by no instance: the running bot takes
them within seconds (the inbox's retry loop), or the next one to start does. ``--list`` only shows them.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from typing import TextIO

from storage import Storage
from storage.updates import KeptUpdate


def _line(kept: KeptUpdate) -> str:
    when = datetime.fromtimestamp(kept.dead_at or 0, UTC).strftime("%Y-%m-%d %H:%M UTC")
    where = f"chat {kept.chat_id}" if kept.chat_id is not None else "no group chat"
    return f"  update {kept.update_id} ({where}), {kept.attempts} tries, given up {when}: {kept.error}"


async def replay_dead(storage: Storage, out: TextIO = sys.stdout, *, only_list: bool = False) -> int:
    """Show the dead updates and, unless ``only_list``, put them back; returns how many there were."""
    dead = await storage.updates.dead() if only_list else await storage.updates.requeue_dead(now=int(time.time()))
    if not dead:
        print("No dead updates: every update taken was handled or is still being tried.", file=out)
        return 0
    for kept in dead:
        print(_line(kept), file=out)
    if only_list:
        print(f"{len(dead)} dead updates; `python -m bot replay-dead` tries them again.", file=out)
    else:
        print(
            f"Put back {len(dead)} dead updates: the running bot tries them within seconds "
            "(or the bot tries them when it next starts).",
            file=out,
        )
    return len(dead)
