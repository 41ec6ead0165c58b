"""Decoding request fields the way the Bot API does: JSON where JSON was sent."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

# Free-text fields stay strings even when they look like JSON ("123", "true").
_TEXT_FIELDS = frozenset({"text", "caption", "callback_query_id", "url", "inline_message_id", "query"})


def decode_params(fields: Iterable[tuple[str, str]]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for name, raw in fields:
        if name in _TEXT_FIELDS:
            params[name] = raw
            continue
        try:
            params[name] = json.loads(raw)
        except ValueError:
            params[name] = raw
    return params
