"""Reply drafting for Otklik: playbooks per label, Russian grammar, and a doctrine linter.

Pure Python: no aiogram, no I/O (pymorphy3 dictionaries load lazily on first use).
"""

from bot.replies.playbooks import playbook_line, suggest_reply

__all__ = ["playbook_line", "suggest_reply"]
