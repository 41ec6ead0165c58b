"""Draw docs/alert-example.png: the first alert ``python -m bot demo`` sends, as a Telegram private chat.

    python docs/render_alert.py            # needs Chromium (Debian: apt-get install chromium)
    python docs/render_alert.py --html-only out.html

The alert is taken from the demo as it runs: its HTML text and inline keyboard exactly as the bot sent
them to the fake Bot API, checked against what the demo prints. Only the chat around it (header,
bubble, time) is drawn here. Not part of the package: a documentation tool.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path
from typing import Any

import bot.cli.demo as demo
from bot.fake_api import FakeTelegram

ROOT = Path(__file__).resolve().parents[1]
WIDTH = 560


def first_alert() -> tuple[dict[str, Any], str]:
    """The demo's first alert to its first admin (Анна), and everything the demo printed."""
    fakes: list[FakeTelegram] = []

    class Recording(FakeTelegram):
        # run_demo builds its fake inside; keep a handle on it to read the calls as sent.
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            fakes.append(self)

    setattr(demo, "FakeTelegram", Recording)  # noqa: B010 (the name run_demo looks up)
    printed = io.StringIO()
    asyncio.run(demo.run_demo(printed))
    for call in fakes[0].calls:
        markup = call.params.get("reply_markup") or {}
        if call.method == "sendMessage" and call.params.get("chat_id") == demo.ANNA["id"] and markup:
            params = dict(call.params, reply_markup=markup)
            return params, printed.getvalue()
    raise LookupError("the demo sent no alert")


def check_against_demo(params: dict[str, Any], printed: str) -> None:
    """The drawn alert must be the one the demo prints, word for word."""
    text = "    " + demo._plain(str(params["text"])).replace("\n", "\n    ")
    buttons = [b["text"] for row in params["reply_markup"]["inline_keyboard"] for b in row]
    expected = f"  📩 ЛИЧНО → Анна:\n{text}\n    [" + "] [".join(buttons) + "]"
    if expected not in printed:
        raise SystemExit("the alert drawn differs from what python -m bot demo prints")


def page(params: dict[str, Any], sent_at: str) -> str:
    # The text is Telegram HTML the bot produced (user strings already escaped): b, a, blockquote.
    body = str(params["text"]).replace("\n<blockquote>", "<blockquote>").replace("</blockquote>\n", "</blockquote>")
    body = body.replace("\n", "<br>")
    rows = "".join(
        '<div class="row">' + "".join(f'<div class="btn">{escape(b["text"])}</div>' for b in row) + "</div>"
        for row in params["reply_markup"]["inline_keyboard"]
    )
    return f"""<!doctype html><html lang="ru"><head><meta charset="utf-8"><style>
body {{ margin: 0; width: {WIDTH}px; font: 15px/1.38 "Liberation Sans", "DejaVu Sans", "Noto Color Emoji",
  sans-serif; background: #bfd39f; }}
.head {{ display: flex; align-items: center; gap: 10px; padding: 8px 14px; background: #fff;
  border-bottom: 1px solid #dadce0; }}
.ava {{ width: 38px; height: 38px; border-radius: 50%; background: #5fb0e6; color: #fff; font-weight: bold;
  display: flex; align-items: center; justify-content: center; font-size: 18px; }}
.name {{ font-weight: bold; }} .sub {{ color: #8a8f93; font-size: 13px; }}
.chat {{ padding: 12px 12px 14px; background: #bfd39f; }}
.msg {{ max-width: 470px; }}
.bubble {{ background: #fff; border-radius: 12px 12px 12px 4px; padding: 7px 10px 6px;
  box-shadow: 0 1px 1px rgba(0,0,0,.12); }}
.bubble a {{ color: #168acd; text-decoration: none; }}
blockquote {{ margin: 4px 0; padding: 3px 8px; border-left: 3px solid #3a95d4; background: #e9f3fb;
  border-radius: 4px; }}
.time {{ text-align: right; color: #8fa3b3; font-size: 12px; margin-top: 2px; }}
.row {{ display: flex; gap: 4px; margin-top: 4px; }}
.btn {{ flex: 1; text-align: center; color: #fff; background: rgba(73, 100, 55, .45); border-radius: 8px;
  padding: 8px 4px; font-size: 14px; font-weight: bold; }}
</style></head><body>
<div class="head"><div class="ava">О</div><div><div class="name">Отклик</div><div class="sub">бот</div></div></div>
<div class="chat"><div class="msg"><div class="bubble">{body}<div class="time">{sent_at}</div></div>{rows}</div></div>
</body></html>
"""


def screenshot(html_path: Path, png: Path, height: int) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("Chromium not found (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        flags = [
            "--headless",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--screenshot={png}",
            f"--window-size={WIDTH},{height}",
        ]
        if os.geteuid() == 0:
            flags.append("--no-sandbox")
        subprocess.run([browser, *flags, html_path.as_uri()], check=True, capture_output=True, timeout=120)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html-only", type=Path, metavar="PATH", help="write the page here, take no screenshot")
    parser.add_argument("--png", type=Path, default=ROOT / "docs" / "alert-example.png")
    parser.add_argument("--height", type=int, default=704, help="window height in pixels")
    args = parser.parse_args()
    params, printed = first_alert()
    check_against_demo(params, printed)
    html = page(params, time.strftime("%H:%M"))
    if args.html_only:
        args.html_only.write_text(html, encoding="utf-8")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        html_path = Path(folder) / "alert.html"
        html_path.write_text(html, encoding="utf-8")
        screenshot(html_path, args.png, args.height)
    print(f"wrote {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
