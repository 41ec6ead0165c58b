"""The command line: ``python -m bot [run|classify|demo|migrate|copy-db SRC DST]``."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sqlite3
import sys
from typing import TYPE_CHECKING

from bot.config import ConfigError, Settings, load_settings

if TYPE_CHECKING:
    from bot.telegram.token_watch import TokenWatch

log = logging.getLogger("bot")


def _configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # aiohttp logs request URLs, which contain the token, at DEBUG level.
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)


async def _run(settings: Settings) -> int:
    """Start, serve until SIGTERM or SIGINT, stop; raises ``Fatal`` when it cannot start."""
    from bot.app import CONCURRENT_UPDATES, create_bot, create_dispatcher
    from bot.startup import CONFIGURATION, Fatal, open_database, reach_telegram
    from bot.telegram.token_watch import token_watch

    bot = create_bot(settings)
    storage = None
    loop = asyncio.get_running_loop()
    starting = asyncio.current_task()
    assert starting is not None
    # A stop asked for while the database opens or Telegram is awaited ends the start quietly.
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, starting.cancel)
    try:
        try:
            storage = await open_database(settings)
            await reach_telegram(bot, settings.telegram_start_timeout)
        except asyncio.CancelledError:
            log.info("Stopped before start-up finished")
            return 0
        finally:
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.remove_signal_handler(sig)
        dp = create_dispatcher(settings, bot, storage)
        watch = token_watch(bot)
        # A token revoked meanwhile stops the bot the way SIGTERM does (updates under way finish and
        # are recorded), then ends it as a configuration error.
        revoked = asyncio.create_task(_stop_when_revoked(watch), name="token-revoked") if watch else None
        try:
            if settings.bot_mode == "webhook":
                from bot.webhook import run_webhook

                await run_webhook(settings, bot, dp, storage)
            else:
                await dp.start_polling(
                    bot, handle_signals=True, close_bot_session=True, tasks_concurrency_limit=CONCURRENT_UPDATES
                )
        finally:
            if revoked is not None:
                revoked.cancel()
        if watch is not None and watch.revoked.is_set():
            raise Fatal(
                "BOT_TOKEN: Telegram refused the token while the bot was running (401 Unauthorized); "
                "it was revoked or replaced: copy the current one from @BotFather",
                CONFIGURATION,
            )
        return 0
    finally:
        # Closed by the dispatcher's shutdown on a normal stop; here when start-up failed halfway,
        # so that aiosqlite's thread does not keep the process alive.
        if storage is not None:
            await storage.close()
        await bot.session.close()


async def _stop_when_revoked(watch: TokenWatch) -> None:
    await watch.revoked.wait()
    signal.raise_signal(signal.SIGTERM)


def _postgres_error() -> type[BaseException]:
    """asyncpg's errors once PostgreSQL was used: a bot on SQLite never imports asyncpg."""
    asyncpg = sys.modules.get("asyncpg")
    return asyncpg.PostgresError if asyncpg is not None else sqlite3.Error


def _serve(settings: Settings) -> int:
    """``run``: the exit status; a failure is one line on stderr, without a traceback."""
    from bot.startup import CONFIGURATION, RUNTIME, Fatal

    try:
        return asyncio.run(_run(settings))
    except Fatal as fatal:
        heading = "Configuration error" if fatal.status == CONFIGURATION else "Cannot go on"
        print(f"{heading}: {fatal.line}", file=sys.stderr)
        return fatal.status
    except (sqlite3.Error, _postgres_error()) as error:
        log.debug("The database failed", exc_info=error)
        print(f"Cannot go on: DATABASE_URL: {type(error).__name__}: {error}", file=sys.stderr)
        return RUNTIME
    except Exception as error:
        log.debug("Stopped by an unexpected error", exc_info=error)
        print(f"Cannot go on: {type(error).__name__}: {error} (LOG_LEVEL=DEBUG shows where)", file=sys.stderr)
        return RUNTIME


async def _migrate(settings: Settings) -> int:
    """Apply the database migrations (SQLite or PostgreSQL) and report the schema version."""
    from bot.app import open_storage
    from storage.database import DatabaseUnusable

    try:
        storage = await open_storage(settings, migrate=False)
    except DatabaseUnusable as error:
        print(f"migrate: DATABASE_URL: {error}", file=sys.stderr)
        return 2 if error.setup else 1
    try:
        version = await storage.db.migrate()
    finally:
        await storage.close()
    print(f"Database ({storage.db.dialect}) is at schema version {version}")
    return 0


async def _replay_dead(settings: Settings, *, only_list: bool) -> int:
    from bot.app import open_storage
    from bot.cli.replay_dead import replay_dead
    from bot.config import SqliteTarget, database_target
    from storage.database import DatabaseUnusable

    target = database_target(settings.database_url)
    if isinstance(target, SqliteTarget) and not target.path.is_file():
        print(f"replay-dead: DATABASE_URL: there is no database file at {target.path}", file=sys.stderr)
        return 1
    try:
        storage = await open_storage(settings)
    except DatabaseUnusable as error:
        print(f"replay-dead: DATABASE_URL: {error}", file=sys.stderr)
        return 2 if error.setup else 1
    try:
        await replay_dead(storage, sys.stdout, only_list=only_list)
    finally:
        await storage.close()
    return 0


async def _learned(settings: Settings, chat_id: int) -> int:
    import sys as _sys

    from bot.app import open_storage
    from bot.cli.learned import show_learned
    from storage.database import DatabaseUnusable

    try:
        storage = await open_storage(settings)
    except DatabaseUnusable as error:
        print(f"learned: DATABASE_URL: {error}", file=_sys.stderr)
        return 2 if error.setup else 1
    try:
        return await show_learned(storage, chat_id, _sys.stdout)
    finally:
        await storage.close()


# name: (one line for the list in ``python -m bot --help``, the description for ``python -m bot NAME --help``)
COMMANDS: dict[str, tuple[str, str]] = {
    "run": (
        "start the bot (the default when no command is given)",
        "Start the bot: long polling, or an HTTP server for Telegram's webhook when BOT_MODE=webhook. "
        "Needs BOT_TOKEN. Applies the database migrations at start. SIGTERM or SIGINT stop it cleanly "
        "(exit 0).",
    ),
    "classify": (
        "classify JSON Lines from stdin, one JSON verdict per line on stdout",
        'Read JSON Lines on stdin ({"text": ..., optionally chat_id, user_id, date, message_id, '
        "author_name, lang}) and write one JSON line per input line to stdout, in order, flushed as it "
        "goes: label, negative, toxic, confidence, reasons and the suggested reply. Per-chat context "
        "(copy-paste waves) works as in the running bot. A line that is not valid JSON gets "
        '{"error": ...} and the stream goes on. No token needed.',
    ),
    "demo": (
        "play a scripted chat against a built-in fake Telegram; no token needed",
        "Run a scripted Russian conversation (a complaint, venting, a troll, thanks and a copy-paste wave) "
        "through the real dispatcher against the built-in fake Bot API, and print what each admin "
        "receives and what the bot posts in the group. Nothing goes to Telegram.",
    ),
    "migrate": (
        "create or upgrade the database tables and print the schema version",
        "Apply the missing migrations to DATABASE_URL (SQLite or PostgreSQL) and print the schema "
        "version. The bot also applies them at start; run this before the first start on PostgreSQL or "
        "before copy-db from an older database.",
    ),
    "copy-db": (
        "copy every table of one database into an empty one (e.g. SQLite to PostgreSQL)",
        # Listed here for the overview only: main() hands copy-db's arguments to its own parser
        # (bot/cli/copy_db.py), which describes SRC, DST and --batch-size.
        "Copy every table of SRC into DST, e.g. from SQLite to PostgreSQL.",
    ),
    "backup": (
        "copy the running bot's SQLite database to a new file, consistently",
        "Copy the SQLite database of DATABASE_URL to PATH (a new file) with SQLite's online backup API: "
        "one consistent moment, while the bot keeps running. The copy is checked (integrity_check) and is "
        "one self-contained file; restore it by stopping the bot and putting it in place "
        "(docs/operations.md, Backups). For PostgreSQL use pg_dump. Exit 0 copied, 1 failed or refused, "
        "2 not SQLite.",
    ),
    "replay-dead": (
        "try again the updates given up on after every retry",
        "Updates whose handling failed are tried again after 5 s, 30 s, 2 min, 10 min and 1 h, then kept "
        "as dead (GET /healthz counts them, the log names each, the chat's admins get a note). Once the "
        "cause is fixed, this puts them all back: the running bot tries them within seconds, or the bot "
        "does when it next starts. --list only shows them. Needs DATABASE_URL, no token.",
    ),
    "learned": (
        "print what a chat's own learned layer weighs most, both ways",
        "Print the layer a chat learned from its admins' decisions (docs/classifier.md, Learning per "
        "chat): how many decisions, the bias per label, and the words and word pairs that pull most toward "
        "an alert and away from one. Needs DATABASE_URL, no token.",
    ),
}


class _CommandsFormatter(argparse.HelpFormatter):
    """argparse's, with room for the longest command name beside its summary (Python 3.11 measures
    the commands' names only up to a point, and puts a long one's summary on a line of its own)."""

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if isinstance(action, argparse._SubParsersAction):
            for name in action.choices:
                self._action_max_length = max(self._action_max_length, len(name) + 2 * self._indent_increment)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Otklik: a Telegram bot that helps admins handle negative comments. It never deletes, "
        "bans or restricts anything.",
        epilog="Settings come from the environment and from .env in the current directory (the environment "
        "wins); .env.example lists them all. python -m bot COMMAND --help describes a command.",
        formatter_class=_CommandsFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name, (summary, description) in COMMANDS.items():
        command = commands.add_parser(name, help=summary, description=description)
        if name == "backup":
            command.add_argument(
                "path", metavar="PATH", help="the new file to write, e.g. /backup/bot-2026-12-07.sqlite3"
            )
        elif name == "learned":
            command.add_argument("--chat", type=int, required=True, metavar="ID", help="the chat's id, e.g. -100123")
        elif name == "replay-dead":
            command.add_argument("--list", action="store_true", help="only show the dead updates")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["copy-db"]:  # its own arguments and no settings: SRC and DST are given
        from bot.cli.copy_db import run_copy_db

        return run_copy_db(argv[1:])
    args = build_parser().parse_args(argv)
    args.command = args.command or "run"
    try:
        settings = load_settings()
        if args.command == "run":
            settings.token()
    except ConfigError as error:
        print(f"Configuration error: {error}", file=sys.stderr)
        return 2
    if args.command in ("run", "demo", "classify"):
        from bot.data_check import check_data_files
        from bot.datafiles import DataFileError

        try:
            check_data_files()
        except DataFileError as error:
            print(f"Data file error: {error}", file=sys.stderr)
            return 2
    _configure_logging(settings.log_level)
    if args.command == "classify":
        from bot.cli.classify import run_classify
        from bot.gc_policy import settle_after_start

        # The bot's collector settings: a file is read as fast as the bot reads a chat.
        return run_classify(sys.stdin, sys.stdout, settings, after_start=settle_after_start)
    if args.command == "migrate":
        return asyncio.run(_migrate(settings))
    if args.command == "backup":
        from bot.cli.backup import run_backup

        return run_backup(settings.database_url, args.path)
    if args.command == "learned":
        return asyncio.run(_learned(settings, args.chat))
    if args.command == "replay-dead":
        return asyncio.run(_replay_dead(settings, only_list=args.list))
    if args.command == "demo":
        from bot.cli.demo import run_demo

        return asyncio.run(run_demo(sys.stdout))
    return _serve(settings)


if __name__ == "__main__":
    sys.exit(main())
