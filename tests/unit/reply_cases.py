"""Helpers the reply tests share: a comment's drafts over several case ids (a chat's drafts rotate their
variants), and whether a draft is free of the doctrine's faults."""

from __future__ import annotations

from bot.domain.verdicts import Label
from bot.replies import lint_reply, suggest_reply


def drafts(
    label: Label, text: str, kind: str | None = None, author: str | None = "Ольга", cases: range = range(4)
) -> list[str]:
    found = [suggest_reply(label, problem=None, author_name=author, case_id=n, text=text, kind=kind) for n in cases]
    assert all(found), found
    return [d for d in found if d]


def doctrine_clean(draft: str) -> bool:
    return not [i for i in lint_reply(draft) if i.code in {"insult", "aggression", "sarcasm", "blame", "denial"}]
