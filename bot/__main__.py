"""The command line: ``python -m bot [run|classify|demo|migrate|copy-db SRC DST]``."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from bot.config import ConfigError, Settings, load_settings


def _configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # aiohttp logs request URLs, which contain the token, at DEBUG level.
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)


async def _run(settings: Settings) -> None:
    from bot.app import CONCURRENT_UPDATES, create_bot, create_dispatcher, open_storage

    bot = create_bot(settings)
    storage = await open_storage(settings)
    dp = create_dispatcher(settings, bot, storage)
    if settings.bot_mode == "webhook":
        from bot.webhook import run_webhook

        try:
            await run_webhook(settings, bot, dp, storage)
        finally:
            await bot.session.close()
        return
    try:
        await dp.start_polling(
            bot, handle_signals=True, close_bot_session=True, tasks_concurrency_limit=CONCURRENT_UPDATES
        )
    finally:
        await bot.session.close()


async def _migrate(settings: Settings) -> int:
    """Apply the database migrations (SQLite or PostgreSQL) and report the schema version."""
    from bot.app import open_storage

    storage = await open_storage(settings, migrate=False)
    try:
        version = await storage.db.migrate()
    finally:
        await storage.close()
    print(f"Database ({storage.db.dialect}) is at schema version {version}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["copy-db"]:  # its own arguments and no settings: SRC and DST are given
        from bot.cli.copy_db import run_copy_db

        return run_copy_db(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m bot", description="Otklik: handling negative comments")
    parser.add_argument("command", nargs="?", default="run", choices=["run", "classify", "demo", "migrate", "copy-db"])
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        if args.command == "run":
            settings.token()
    except ConfigError as error:
        print(f"Configuration error: {error}", file=sys.stderr)
        return 2
    if args.command in ("run", "demo"):
        from bot.datafiles import DataFileError
        from bot.i18n import catalog

        try:
            catalog()  # the texts are checked at start, not when the first alert needs one
        except DataFileError as error:
            print(f"Data file error: {error}", file=sys.stderr)
            return 2
    _configure_logging(settings.log_level)
    if args.command == "classify":
        from bot.cli.classify import run_classify

        return run_classify(sys.stdin, sys.stdout, settings)
    if args.command == "migrate":
        return asyncio.run(_migrate(settings))
    if args.command == "demo":
        from bot.cli.demo import run_demo

        return asyncio.run(run_demo(sys.stdout))
    asyncio.run(_run(settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
