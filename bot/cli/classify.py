"""``python -m bot classify``: JSON Lines in, one verdict per line out, same context as the bot."""

from __future__ import annotations

import json
import time
from typing import Any, TextIO

from bot.classifier import Classifier, MessageIn, create_classifier
from bot.config import Settings
from bot.domain.languages import language
from bot.replies import suggest_reply
from bot.telegram.reasons import reason_text


def _int(value: Any, name: str, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"'{name}' must be an integer")
    return int(value)


def classify_line(classifier: Classifier, line: str, line_no: int) -> dict[str, Any]:
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
            date=_int(data.get("date"), "date", int(time.time())),
            message_id=_int(data.get("message_id"), "message_id", line_no),
        )
    except ValueError as error:
        return {"error": str(error)}
    verdict = classifier.classify(message)
    name = data.get("author_name")
    reply = suggest_reply(
        verdict.label,
        problem=verdict.problem,
        author_name=name if isinstance(name, str) else None,
        case_id=message.message_id,
        lang=language(data.get("lang") if isinstance(data.get("lang"), str) else None),
    )
    return {
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
    }


def run_classify(stdin: TextIO, stdout: TextIO, settings: Settings) -> int:
    classifier = create_classifier(learned=settings.classifier_model)
    for line_no, line in enumerate(stdin, start=1):
        if not line.strip():
            result: dict[str, Any] = {"error": "empty line"}
        else:
            result = classify_line(classifier, line, line_no)
        stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0
