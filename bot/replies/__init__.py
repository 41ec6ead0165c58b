"""Reply drafting for Otklik: playbooks per label, Russian grammar, and a doctrine linter.

Pure Python: no aiogram, no network (pymorphy3 dictionaries and the TOML files in ``bot/replies/data``
load lazily on first use, once; ``load_data`` reads and checks the files up front).
"""

from bot.replies.compose_files import compose_data
from bot.replies.custom import PLACEHOLDERS
from bot.replies.grammar_words import grammar_words
from bot.replies.handoff import handoff_data
from bot.replies.harm import harm_data
from bot.replies.lint import LintIssue, lint_reply, unfilled
from bot.replies.lint_rules import lint_rules
from bot.replies.playbook_files import reply_data
from bot.replies.playbooks import playbook_line, playbook_parts, suggest_follow_up, suggest_reply
from bot.replies.protective_step import protective_step_data
from bot.replies.reading import read_comment, reading_data
from bot.replies.remedy import is_remedy_slot, remedy_data
from bot.replies.safety_line import safety_line_data


def load_data() -> None:
    """Read and check every reply data file now, so that a mistake in one stops the bot at start with
    one line (``DataFileError``) rather than at the first reply."""
    reply_data()
    reading_data()
    compose_data()
    lint_rules()
    grammar_words()
    remedy_data()
    harm_data()
    safety_line_data()
    protective_step_data()
    handoff_data()
    len(PLACEHOLDERS)


__all__ = [
    "LintIssue",
    "is_remedy_slot",
    "lint_reply",
    "load_data",
    "playbook_line",
    "playbook_parts",
    "read_comment",
    "suggest_follow_up",
    "suggest_reply",
    "unfilled",
]
