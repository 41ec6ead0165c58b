"""The text catalog: ``data/ru.toml`` and ``data/en.toml`` flattened into one dict per language.

``[alert] title = "..."`` is the text ``alert.title``. Every value must be a ``str.format`` template
with named placeholders only, and a key in ``en.toml`` must exist in ``ru.toml`` with the same
placeholders: a mistake stops the bot at start with the file and the line, instead of a
``KeyError`` the first time some admin presses the wrong button.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Formatter
from typing import Any

from bot.datafiles import DataFile
from bot.domain.languages import DEFAULT_LANGUAGE

_FORMATTER = Formatter()


@dataclass(frozen=True)
class Catalog:
    # Every key in every language: a key missing in a translation holds the Russian text.
    texts: dict[str, dict[str, str]]
    # The keys each language's own file defines.
    own: dict[str, frozenset[str]]


def placeholders(template: str) -> frozenset[str]:
    """The names of the ``{placeholders}`` in a template (assumed well-formed)."""
    return frozenset(name for _, name, _, _ in _FORMATTER.parse(template) if name is not None)


def _check_template(file: DataFile, where: str, template: str) -> None:
    try:
        fields = [(name, spec) for _, name, spec, _ in _FORMATTER.parse(template) if name is not None]
    except ValueError as error:
        raise file.fail(where, f"not a valid template ({error}); write {{{{ and }}}} for a literal brace") from None
    for name, spec in fields:
        if not name.isidentifier():
            raise file.fail(where, f"placeholder {{{name}}} must be a plain name like {{chat}}")
        if spec and "{" in spec:
            raise file.fail(where, f"placeholder {{{name}}} has a nested placeholder in its format")


def _flatten(file: DataFile, node: dict[str, Any], prefix: str, out: dict[str, str]) -> None:
    for name, value in node.items():
        where = prefix + name
        if isinstance(value, dict):
            _flatten(file, value, where + ".", out)
        elif not prefix:
            raise file.fail(where, f"expected a table of texts such as [{name}], found {type(value).__name__}")
        elif isinstance(value, str):
            _check_template(file, where, value)
            # A text without placeholders is returned as it is, so its {{ }} are undone here once.
            out[where] = value if placeholders(value) else value.format()
        else:
            raise file.fail(where, f"expected a text (a string), found {type(value).__name__}")


def texts_of(file: DataFile) -> dict[str, str]:
    """The flat ``key -> template`` table of one language file, checked."""
    out: dict[str, str] = {}
    _flatten(file, file.table(""), "", out)
    return out


def build(files: dict[str, DataFile]) -> Catalog:
    """The catalog from one file per language (``files[DEFAULT_LANGUAGE]`` is required)."""
    default_file = files[DEFAULT_LANGUAGE]
    default = texts_of(default_file)
    texts = {DEFAULT_LANGUAGE: default}
    own = {DEFAULT_LANGUAGE: frozenset(default)}
    for lang, file in files.items():
        if lang == DEFAULT_LANGUAGE:
            continue
        translated = texts_of(file)
        for key, template in translated.items():
            if key not in default:
                raise file.fail(key, f"not in {default_file.path}: every text needs its Russian original")
            mine, original = placeholders(template), placeholders(default[key])
            if mine != original:
                raise file.fail(
                    key,
                    f"placeholders {_names(mine)} differ from {_names(original)} in {default_file.path}",
                )
        texts[lang] = {**default, **translated}
        own[lang] = frozenset(translated)
    return Catalog(texts, own)


def _names(fields: frozenset[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(fields)) or "none"
