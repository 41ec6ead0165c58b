"""The text catalog: ``data/ru.toml`` and ``data/en.toml`` flattened into one dict per language.

``[alert] title = "..."`` is the text ``alert.title``. Every value must be a ``str.format`` template
with named placeholders only, and a key in ``en.toml`` must exist in ``ru.toml`` with the same
placeholders: a mistake stops the bot at start with the file and the line, instead of a
``KeyError`` the first time some admin presses the wrong button.

A text about a person may depend on their gender (Russian past tense: "Анна отправила",
"Борис отправил"): then it is a table ``{ any = "...", masc = "...", femn = "..." }``. ``any`` is
the text when the gender is unknown, written so that it needs none ("{who}: ответ отправлен"); a
language without genders gives a plain text for the same key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from string import Formatter
from typing import Any

from bot.datafiles import DataFile
from bot.domain.languages import DEFAULT_LANGUAGE

_FORMATTER = Formatter()


GENDERS = ("masc", "femn")
_GENDERED = frozenset({"any", *GENDERS})


@dataclass(frozen=True)
class Catalog:
    # Every key in every language: a key missing in a translation holds the Russian text. A gendered
    # text is here in its ``any`` form.
    texts: dict[str, dict[str, str]]
    # The keys each language's own file defines.
    own: dict[str, frozenset[str]]
    # Per language, the gendered texts: key -> {"masc": ..., "femn": ...}.
    gendered: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)


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


def _flatten(
    file: DataFile,
    node: dict[str, Any],
    prefix: str,
    out: dict[str, str],
    gendered: dict[str, dict[str, str]] | None = None,
) -> None:
    for name, value in node.items():
        where = prefix + name
        if isinstance(value, dict) and prefix and value and set(value) <= _GENDERED:
            if "any" not in value:
                raise file.fail(where, "a text by gender needs `any`, the text when the gender is unknown")
            forms: dict[str, str] = {}
            for gender, text in value.items():
                if not isinstance(text, str):
                    raise file.fail(where, f"{gender}: expected a text (a string), found {type(text).__name__}")
                _check_template(file, where, text)
                if placeholders(text) != placeholders(value["any"]):
                    raise file.fail(where, f"{gender}: placeholders differ from those of `any`")
                forms[gender] = text if placeholders(text) else text.format()
            out[where] = forms["any"]
            if gendered is not None:
                gendered[where] = {g: forms[g] for g in GENDERS if g in forms}
        elif isinstance(value, dict):
            _flatten(file, value, where + ".", out, gendered)
        elif not prefix:
            raise file.fail(where, f"expected a table of texts such as [{name}], found {type(value).__name__}")
        elif isinstance(value, str):
            _check_template(file, where, value)
            # A text without placeholders is returned as it is, so its {{ }} are undone here once.
            out[where] = value if placeholders(value) else value.format()
        else:
            raise file.fail(where, f"expected a text (a string), found {type(value).__name__}")


def texts_of(file: DataFile, gendered: dict[str, dict[str, str]] | None = None) -> dict[str, str]:
    """The flat ``key -> template`` table of one language file, checked; its gendered texts go into
    ``gendered``."""
    out: dict[str, str] = {}
    _flatten(file, file.table(""), "", out, gendered)
    return out


def build(files: dict[str, DataFile]) -> Catalog:
    """The catalog from one file per language (``files[DEFAULT_LANGUAGE]`` is required)."""
    default_file = files[DEFAULT_LANGUAGE]
    gendered: dict[str, dict[str, dict[str, str]]] = {DEFAULT_LANGUAGE: {}}
    default = texts_of(default_file, gendered[DEFAULT_LANGUAGE])
    texts = {DEFAULT_LANGUAGE: default}
    own = {DEFAULT_LANGUAGE: frozenset(default)}
    for lang, file in files.items():
        if lang == DEFAULT_LANGUAGE:
            continue
        gendered[lang] = {}
        translated = texts_of(file, gendered[lang])
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
        # A key the translation does not give keeps the Russian forms.
        gendered[lang] = {
            **{k: v for k, v in gendered[DEFAULT_LANGUAGE].items() if k not in translated},
            **gendered[lang],
        }
    return Catalog(texts, own, gendered)


def _names(fields: frozenset[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(fields)) or "none"
