"""The deployment files: docker-compose.yml, deploy/Caddyfile, Dockerfile, .env.example and the systemd unit.

Images cannot be pulled here, so the files are checked for what they promise: two bot instances in webhook
mode on one PostgreSQL and one Redis, secrets from the environment, and a proxy that routes to both.
PyYAML is not a dependency; ``load_yaml`` reads the block-style subset docker-compose.yml is written in
(mappings, ``- item`` lists, JSON-style ``[...]`` lists, quoted strings, one anchor and ``<<: *merge``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings

ROOT = Path(__file__).resolve().parents[2]
VARIABLE = re.compile(r"\$\{(\w+)(?::([?-])([^}]*))?\}")


# A reader for the YAML subset ----------------------------------------------------------------------


def _lines(text: str) -> list[tuple[int, str]]:
    found = []
    for raw in text.splitlines():
        quoted, cut = "", len(raw)
        for i, char in enumerate(raw):
            if quoted:
                quoted = "" if char == quoted else quoted
            elif char in "\"'":
                quoted = char
            elif char == "#" and (i == 0 or raw[i - 1] in " \t"):
                cut = i
                break
        line = raw[:cut].rstrip()
        if line.strip():
            assert "\t" not in line, f"tabs in YAML: {raw!r}"
            found.append((len(line) - len(line.lstrip()), line.strip()))
    return found


def _scalar(text: str) -> Any:
    if text.startswith(("[", '"')):
        return json.loads(text)
    assert not text.startswith(("{", "'", "|", ">", "&", "*")), f"outside the subset: {text!r}"
    return text


def _block(lines: list[tuple[int, str]], i: int, indent: int, anchors: dict[str, Any]) -> tuple[Any, int]:
    if lines[i][1].startswith("- "):
        items = []
        while i < len(lines) and lines[i][0] == indent and lines[i][1].startswith("- "):
            items.append(_scalar(lines[i][1][2:].strip()))
            i += 1
        return items, i
    mapping: dict[str, Any] = {}
    while i < len(lines) and lines[i][0] == indent:
        key, colon, rest = lines[i][1].partition(":")
        assert colon and key and (not rest or rest.startswith(" ")), f"outside the subset: {lines[i][1]!r}"
        rest, i = rest.strip(), i + 1
        anchor = None
        if rest.startswith("&"):
            anchor, rest = rest[1:], ""
        if key == "<<":
            mapping.update(anchors[rest.removeprefix("*")])
            continue
        if rest:
            value = _scalar(rest)
        elif i < len(lines) and lines[i][0] > indent:
            value, i = _block(lines, i, lines[i][0], anchors)
        else:
            value = None
        assert key not in mapping, f"key {key!r} twice"
        mapping[key] = value
        if anchor:
            anchors[anchor] = value
    return mapping, i


def load_yaml(text: str) -> Any:
    lines = _lines(text)
    value, end = _block(lines, 0, 0, {})
    assert end == len(lines), f"not read: {lines[end]}"
    return value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('a: 1\nb:\n  c: "x # y"  # comment\n', {"a": "1", "b": {"c": "x # y"}}),
        ('x: &base\n  k: v\ny:\n  <<: *base\n  z: ["a", ""]\n', {"x": {"k": "v"}, "y": {"k": "v", "z": ["a", ""]}}),
        ('l:\n  - "80:80"\n  - ./a:/b:ro\nv:\n  p:\n', {"l": ["80:80", "./a:/b:ro"], "v": {"p": None}}),
    ],
)
def test_the_yaml_reader(text: str, expected: Any) -> None:
    assert load_yaml(text) == expected


# The files -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded = load_yaml((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _bots(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: service
        for name, service in compose["services"].items()
        if (service.get("environment") or {}).get("BOT_MODE") == "webhook"
    }


def _interpolate(value: str, samples: dict[str, str]) -> str:
    """Compose's ``${VAR}``, ``${VAR:?message}`` and ``${VAR:-default}``, with sample values for the required."""

    def one(match: re.Match[str]) -> str:
        name, kind, arg = match.groups()
        return arg if kind == "-" else samples[name]

    return VARIABLE.sub(one, value)


def test_two_bot_instances_in_webhook_mode_on_one_database_and_redis(compose: dict[str, Any]) -> None:
    bots = _bots(compose)
    assert sorted(bots) == ["bot1", "bot2"]
    first, second = bots.values()
    assert first["environment"] == second["environment"]
    assert first["image"] == second["image"] and first["build"] == second["build"] == "."
    assert first["hostname"] != second["hostname"]
    env = first["environment"]
    assert env["DATABASE_URL"].startswith("postgresql://") and "@postgres:5432/" in env["DATABASE_URL"]
    assert env["REDIS_URL"] == "redis://redis:6379/0"
    assert env["WEBHOOK_LISTEN"] == "0.0.0.0:8080"
    for bot in bots.values():
        assert bot["depends_on"] == {
            "postgres": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
        }
        assert "/healthz" in " ".join(bot["healthcheck"]["test"])


def test_secrets_come_from_the_environment(compose: dict[str, Any]) -> None:
    env = _bots(compose)["bot1"]["environment"]
    for name in ("BOT_TOKEN", "WEBHOOK_SECRET"):
        assert re.fullmatch(rf"\$\{{{name}:\?[^}}]+\}}", env[name]), env[name]
    password = "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}"
    assert compose["services"]["postgres"]["environment"]["POSTGRES_PASSWORD"] == password
    assert env["DATABASE_URL"] == f"postgresql://otklik:{password}@postgres:5432/otklik"


def test_the_bots_settings_are_valid(compose: dict[str, Any]) -> None:
    env = _bots(compose)["bot1"]["environment"]
    aliases = {field.alias for field in Settings.model_fields.values()}
    assert set(env) <= aliases
    samples = {
        "BOT_TOKEN": "123456:ABC",
        "WEBHOOK_DOMAIN": "bot.example.com",
        "WEBHOOK_SECRET": "s3cret",
        "POSTGRES_PASSWORD": "pw",
    }
    settings = Settings(**{name: _interpolate(value, samples) for name, value in env.items()})
    assert settings.bot_mode == "webhook"
    assert settings.webhook_url == "https://bot.example.com/telegram/webhook"
    assert settings.redis_url_value() == "redis://redis:6379/0"


def test_postgres_and_redis_keep_health(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert services["postgres"]["volumes"] == ["pgdata:/var/lib/postgresql/data"]
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert "pgdata" in compose["volumes"]
    # Only the proxy is reachable from outside.
    assert [name for name, service in services.items() if "ports" in service] == ["proxy"]


def test_the_proxy_terminates_tls_and_routes_the_webhook_to_every_instance(compose: dict[str, Any]) -> None:
    proxy = compose["services"]["proxy"]
    assert "443:443" in proxy["ports"]
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    code = "\n".join(line.split("#", 1)[0].rstrip() for line in caddyfile.splitlines())
    assert re.search(r"^\{\$WEBHOOK_DOMAIN\} \{$", code, re.M), "the site is the webhook's domain (automatic HTTPS)"
    assert re.search(r"@webhook \{\s*method POST\s*path \{\$WEBHOOK_PATH\}\s*\}", code)
    upstreams = re.findall(r"^\s*reverse_proxy (.+) \{$", code, re.M)
    assert upstreams == [" ".join(f"{name}:8080" for name in _bots(compose))]
    assert "health_uri /healthz" in code
    # The proxy and the bots take the domain and the path from the same variables, with the same default.
    bot_url = _bots(compose)["bot1"]["environment"]["WEBHOOK_URL"]
    assert bot_url.startswith("https://" + proxy["environment"]["WEBHOOK_DOMAIN"])
    assert bot_url.endswith(proxy["environment"]["WEBHOOK_PATH"])
    assert sorted(proxy["depends_on"]) == sorted(_bots(compose))


def test_env_example_lists_every_variable_compose_reads() -> None:
    compose_text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^(\w+)=", example, re.M))
    read = {match.group(1) for match in VARIABLE.finditer(compose_text)}
    assert read - listed == set()
    # The bot's own settings in .env.example are real settings (the compose-only ones aside).
    aliases = {field.alias for field in Settings.model_fields.values()}
    assert listed - aliases == {"WEBHOOK_DOMAIN", "WEBHOOK_PATH", "POSTGRES_PASSWORD"}


def test_dockerfile_runs_the_bot_as_a_non_root_user() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    instructions = [line for line in dockerfile.splitlines() if line and not line.startswith(("#", " "))]
    assert instructions[0] == "FROM python:3.11-slim"
    assert re.search(r"^RUN pip install \"?/src", dockerfile, re.M)
    users = [line.split()[1] for line in instructions if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    assert instructions[-1] == 'CMD ["python", "-m", "bot"]'
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert ".env" in ignored and "data/" in ignored  # no token and no database baked into the image


def test_the_systemd_unit_is_kept() -> None:
    unit = (ROOT / "deploy" / "otklik.service").read_text(encoding="utf-8")
    assert "ExecStart=/opt/otklik/.venv/bin/python -m bot" in unit
