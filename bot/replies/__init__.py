"""Reply drafting for Otklik: playbooks per label, Russian grammar, and a doctrine linter.

Pure Python: no aiogram, no I/O (pymorphy3 dictionaries load lazily on first use).
"""

from bot.replies.lint import LintIssue, lint_reply
from bot.replies.playbooks import playbook_line, suggest_follow_up, suggest_reply

__all__ = ["LintIssue", "lint_reply", "playbook_line", "suggest_follow_up", "suggest_reply"]
