"""Every package data file read and checked at start (``python -m bot run|demo|classify``).

Apart from ``bot.app`` so that ``python -m bot classify`` checks them without importing aiogram
(about half a second of its start-up)."""

from __future__ import annotations

from bot.i18n import catalog
from bot.replies import load_data as load_reply_data
from bot.replies.datacheck import forget_lines
from bot.services.calm import calm_phrases
from bot.services.incident_terms import incident_words
from bot.services.incident_texts import statement_texts


def check_data_files() -> None:
    """Read and check every package data file (texts, reply playbooks, word lists) now, so that a mistake
    in one stops the bot at start with one line naming the file and line, not at the first alert."""
    catalog()
    load_reply_data()
    calm_phrases()
    incident_words()
    statement_texts()
    forget_lines()
