"""The multi-step inputs of the private chat with an admin.

Each state's data names what the text is for: ``case_id`` for a case, ``chat_id`` and ``label``
for a chat's reply variants; ``draft`` holds a text kept while the admin decides (a flagged reply,
the follow-up on offer, flagged variants).
"""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class CaseInput(StatesGroup):
    reply = State()  # the reply's new text, after "Edit"
    resolution = State()  # what was done, after "Resolved" on a constructive case
    follow_up = State()  # the public outcome is on offer; a typed text replaces the draft


class TemplateInput(StatesGroup):
    variants = State()  # a chat's new reply variants for one label


class IncidentInput(StatesGroup):
    statement = State()  # the public statement's text, after "Edit" on its draft
    result = State()  # the published result's text
