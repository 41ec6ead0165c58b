"""``python -m bot classify``: JSON Lines in, one verdict per line out, same context as the bot."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TextIO

from bot.classifier import Classifier, MessageIn, create_classifier
from bot.config import Settings
from bot.domain.languages import language
from bot.replies import read_comment, suggest_reply
from bot.replies.business import ChatKinds
from bot.replies.variety import LastDrafts, unlike
from bot.telegram.reasons import reason_text


def _int(value: Any, name: str, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"'{name}' must be an integer")
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"'{name}' must be an integer, not {str(value)[:40]!r}") from None


def _date(data: dict[str, Any]) -> int:
    """Unix seconds, or an ISO 8601 time as chat exports write it (no zone: UTC); Telegram Desktop's
    export gives ``date`` as ISO text and the seconds as ``date_unixtime``."""
    value = data.get("date")
    if value is None and data.get("date_unixtime") is not None:
        return _int(data.get("date_unixtime"), "date_unixtime", 0)
    if isinstance(value, str) and not value.strip().lstrip("-").isdigit():
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"'date' must be Unix seconds or an ISO 8601 time, not {value[:40]!r}") from None
        return int((moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp())
    return _int(value, "date", int(time.time()))


class Thread:
    """What the running bot keeps per chat, for a stream of comments: the running count of replies per
    label (so that one chat does not get the same sentence twice in a row) and the waves already
    answered (a wave gets one statement: the copies after the first get no draft of their own), and the
    chat's kind of business, from its title (``chat_title``, when given) and its comments so far."""

    def __init__(self) -> None:
        self._counts: dict[tuple[int, str], int] = {}
        self._waves: set[tuple[int, str]] = set()
        self.kinds = ChatKinds()
        self.last = LastDrafts()

    def next_variant(self, chat_id: int, label: str) -> int:
        key = (chat_id, label)
        self._counts[key] = self._counts.get(key, 0) + 1
        return self._counts[key]

    def first_of_wave(self, chat_id: int, wave_id: str) -> bool:
        key = (chat_id, wave_id)
        if key in self._waves:
            return False
        self._waves.add(key)
        return True


def classify_line(classifier: Classifier, line: str, line_no: int, thread: Thread | None = None) -> dict[str, Any]:
    """One verdict; with a ``thread``, drafts vary per chat and label, and a wave is answered once."""
    try:
        data = json.loads(line)
    except ValueError as error:
        return {"error": f"invalid JSON: {error}"}
    if not isinstance(data, dict):
        return {"error": "expected a JSON object"}
    text = data.get("text")
    if not isinstance(text, str):
        return {"error": "'text' is required and must be a string"}
    try:
        message = MessageIn(
            text=text,
            chat_id=_int(data.get("chat_id"), "chat_id", 0),
            user_id=_int(data.get("user_id"), "user_id", 0),
            date=_date(data),
            message_id=_int(data.get("message_id"), "message_id", line_no),
        )
    except ValueError as error:
        return {"error": str(error)}
    verdict = classifier.classify(message)
    name = data.get("author_name")
    kind = None
    if thread is not None:
        title = data.get("chat_title")
        thread.kinds.note(message.chat_id, text, title if isinstance(title, str) else None)
        kind = thread.kinds.kind(message.chat_id)
    reading = read_comment(text, problem=verdict.problem, kind=kind)
    wave_copy = (
        thread is not None
        and verdict.wave_id is not None
        and not thread.first_of_wave(message.chat_id, str(verdict.wave_id))
    )
    reply = None
    if not wave_copy:

        def make(seq: int) -> str | None:
            return suggest_reply(
                verdict.label,
                problem=verdict.problem,
                author_name=name if isinstance(name, str) else None,
                case_id=seq,
                lang=language(data.get("lang") if isinstance(data.get("lang"), str) else None),
                text=text,
                reading=reading,
            )

        if thread is None:
            reply = make(message.message_id)
        else:
            seq = thread.next_variant(message.chat_id, verdict.label.value)
            reply = unlike(make, seq, thread.last.get(message.chat_id)) if verdict.negative else make(seq)
            thread.last.put(message.chat_id, reply)
    result: dict[str, Any] = {
        "label": verdict.label.value,
        "negative": verdict.negative,
        "toxic": verdict.toxic,
        "confidence": round(verdict.confidence, 3),
        # Russian phrases, as the interface has always given them; the codes beside them
        "reasons": [reason_text("ru", reason) for reason in verdict.reasons],
        "reason_codes": [reason.code.value for reason in verdict.reasons],
        "reply": reply,
        "problem": verdict.problem,
        "wave_id": verdict.wave_id,
        "topic": reading.topic.value,
        "facts": reading.facts.as_dict(),
        "business": kind,
    }
    if wave_copy:
        # One statement for the whole wave: it is the first copy's draft.
        result["reply_note"] = "одно заявление на всю волну: см. ответ на первое сообщение"
    return result


def run_classify(
    stdin: TextIO, stdout: TextIO, settings: Settings, after_start: Callable[[], None] | None = None
) -> int:
    classifier = create_classifier(learned=settings.classifier_model)
    if after_start is not None:
        after_start()
    thread = Thread()
    for line_no, line in enumerate(stdin, start=1):
        result: dict[str, Any] = (
            classify_line(classifier, line, line_no, thread) if line.strip() else {"error": "empty line"}
        )
        stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0
