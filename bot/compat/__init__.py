"""Every place Otklik relies on another library's private internals, listed in one package.

Each patch lives in a module of its own here, says why it exists, names the upstream versions it was
checked against, and has a probe: a function that raises ``AssertionError`` when the private thing
it relies on is gone or behaves differently. ``tests/unit/test_compat.py`` runs every probe, so an
upgrade that breaks a patch fails the tests by name instead of slowing or breaking the bot quietly.

Importing this package imports no library: ``bot/__init__.py`` loads ``lazy_types`` through it just
before anything imports aiogram.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Patch:
    module: str  # bot.compat.<module>
    library: str
    relies_on: str
    checked: str  # the versions the patch and its probe were checked against
    probe: str = "probe"  # the function in ``module`` that fails when upstream changed


PATCHES: tuple[Patch, ...] = (
    Patch(
        "lazy_types",
        "pydantic, aiogram",
        "BaseModel.model_rebuild's private _types_namespace argument, passed by aiogram/types/__init__.py",
        "pydantic 2.13.4-2.13.5 (pydantic-core 2.46), aiogram 3.31.0",
    ),
    Patch(
        "bot_context",
        "pydantic, aiogram",
        "aiogram objects' private attribute _bot set by model_post_init; __pydantic_private__",
        "pydantic 2.13.4-2.13.5, aiogram 3.31.0",
    ),
    Patch(
        "aiosqlite_raw",
        "aiosqlite",
        "aiosqlite.Connection._conn, the sqlite3 connection its worker thread uses",
        "aiosqlite 0.20.0-0.22.1",
    ),
    Patch(
        "re_parser",
        "CPython",
        "re._parser and re._constants, the parse tree behind re.compile (the classifier's prefilter)",
        "CPython 3.11.7",
    ),
    Patch(
        "dawg_words",
        "pymorphy3, DAWG2-Python",
        "RecordDAWG.dct._units, .guide._units, ._payload_separator, ._struct: the dictionary's arrays",
        "pymorphy3 2.0.6, DAWG2-Python 0.9.0",
    ),
    Patch(
        "aiogram_tasks",
        "aiogram",
        "Dispatcher._handle_update_tasks, the updates being handled while polling",
        "aiogram 3.31.0",
    ),
)
