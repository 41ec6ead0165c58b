"""The command line: ``classify`` and ``demo`` as real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "BOT_TOKEN"}


def test_classify_streams_one_line_per_input(tmp_path: Path) -> None:
    wave = "Не покупайте в этом магазине, товар брак, деньги не вернули! Репост!"
    lines = [
        json.dumps({"text": "Заказ 5512 не пришёл, курьер не звонил, верните деньги"}, ensure_ascii=False),
        "это не json",
        json.dumps({"no_text": 1}),
        json.dumps({"text": "Спасибо, всё пришло быстро!"}, ensure_ascii=False),
        *(
            json.dumps(
                {
                    "text": wave.upper() if i == 1 else wave,
                    "chat_id": -100500,
                    "user_id": 10 + i,
                    "date": 1764000000 + 30 * i,
                    "message_id": 50 + i,
                },
                ensure_ascii=False,
            )
            for i in range(3)
        ),
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "classify"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=_env(),
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == len(lines)
    assert out[0]["label"] == "constructive" and out[0]["negative"] is True and out[0]["reply"]
    assert set(out[0]) >= {"label", "negative", "toxic", "confidence", "reasons", "reply"}
    assert 0.0 <= out[0]["confidence"] <= 1.0 and out[0]["reasons"]
    assert "error" in out[1] and "error" in out[2]
    assert out[3]["label"] == "positive" and out[3]["negative"] is False and out[3]["reply"] is None
    assert [o["label"] for o in out[5:7]] == ["directed", "directed"]  # the wave from its second message on
    assert out[5]["wave_id"] == out[6]["wave_id"] is not None


def test_demo_runs_without_token(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "demo"],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for expected in (
        "ЛИЧНО → Анна",
        "конструктивный",
        "эмоциональный",
        "троллинг",
        "организованная атака",
        "В ЧАТЕ",
        "удалений, банов и ограничений: 0",
    ):
        assert expected in out
    assert out.count("💬 В ЧАТЕ") == 2  # the reply Anna sent and the delayed one to the venting comment
