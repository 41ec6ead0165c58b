"""Run a short script in a fresh interpreter (what it imports, and when, is then its own) and read
the JSON object it prints."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any


def run_probe(script: str, *args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    result: dict[str, Any] = json.loads(out)
    return result
