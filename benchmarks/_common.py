"""Shared pieces of the benchmarks: a varied Russian comment mix, the bot process, /proc readings.

Not a benchmark itself. Everything runs on 127.0.0.1 against ``bot.fake_api``.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sqlite3
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from bot.fake_api import FakeTelegram  # noqa: E402
from bot.fake_api.core import user  # noqa: E402

TOKEN = "5550001234:BENCH-secret-part-never-logged"

# --- a realistic mix of comments, generated combinatorially ----------------------------------

_NAMES = [
    "Анна", "Мария", "Елена", "Ольга", "Наталья", "Ирина", "Светлана", "Татьяна", "Юлия", "Ксения",
    "Дмитрий", "Алексей", "Сергей", "Андрей", "Иван", "Михаил", "Никита", "Павел", "Артём", "Егор",
    "Гульнара", "Тимур", "Ренат", "Зарина", "Вика", "Костя", "Lena", "Max", "Саша <b>", "Женя & Co",
]  # fmt: skip
_SURNAMES = ["", "", "Иванова", "Петров", "Смирнова", "Кузнецов", "Попова", "Соколов", "К.", "_official"]

_THINGS = ["заказ", "доставка", "курьер", "пицца", "торт", "подписка", "тариф", "интернет", "карта",
           "урок", "курс", "возврат", "кофе", "роллы", "посылка", "приложение", "оплата", "кешбэк",
           "вебинар", "бургер", "роутер", "кредит", "абонемент", "букет", "самокат", "пакет услуг"]  # fmt: skip
_DAYS = ["понедельник", "вторник", "среду", "пятницу", "субботу", "воскресенье", "праздники"]
_CITIES = ["Москве", "Казани", "Твери", "Новосибирске", "Сочи", "Перми", "Самаре", "Туле", "Омске"]
_SMILES = ["", "", ")", ":)", "😊", "❤️", "👍", "🔥"]

# Each kind is built from independent parts, so two authors rarely write near-identical texts
# (near-duplicates from several accounts are how the bot recognises a directed wave).
_PARTS: dict[str, list[list[str]]] = {
    "question": [
        ["Подскажите,", "Добрый день!", "Здравствуйте.", "Вопрос:", "Ребята,", "Коллеги, а", ""],
        [
            "{thing} можно оформить на {day}?",
            "во сколько открываетесь в {day}?",
            "есть ли {thing} без сахара?",
            "сколько стоит {thing} до {city}?",
            "кто пробовал новый {thing}?",
            "можно оплатить {thing} картой при получении?",
            "где посмотреть статус, номер {n}?",
            "работает ли {thing} в {city}?",
            "а скидка на {thing} ещё действует?",
            "как поменять адрес в заказе {n}?",
        ],
        ["", "Спасибо!", "Заранее благодарю.", "Очень нужно к {day}.", "{smile}"],
    ],
    "positive": [
        ["Спасибо большое,", "Ребята, вы лучшие:", "Очень довольна,", "Хочу поблагодарить:", "Ура,"],
        [
            "{thing} {good}",
            "заказывали {thing} в {day}, {good}",
            "пользуюсь уже {k} месяцев, {good}",
            "в {city} {thing} {good}",
        ],
        ["", "Рекомендую!", "Отдельное спасибо {name}.", "Буду брать ещё.", "{smile}", "Так держать!"],
    ],
    "neutral": [
        ["", "Ок,", "Понятно,", "Хорошо,", "{name},"],
        [
            "жду {thing} в {day}",
            "я из {city_from}, тоже интересно",
            "посмотрю {thing} позже",
            "напишу в личку",
            "видела пост про {thing}",
            "номер заказа {n}",
            "скину фото вечером",
        ],
        ["", ".", "{smile}", "спасибо за ответ."],
    ],
    "constructive": [
        ["", "Добрый день.", "Здравствуйте!", "Уже {k} раз пишу.", "{name} подтвердит:"],
        [
            "Заказ №{n} ждал {hours} часа, курьер так и не позвонил, а деньги списали.",
            "{thing} не работает уже {days} дня, в поддержке ответа нет.",
            "Привезли {thing} холодным, опоздали на {hours} часа, чек №{n}.",
            "Списали оплату дважды за заказ {n}, второй платёж не вернули.",
            "В {city} {thing} опять опоздал на {hours} часа, заказ {n}.",
            "Оператор обещал перезвонить про {thing} в {day} и не перезвонил, обращение {n}.",
            "В {thing} положили не то, вместо основного блюда пустая коробка, заказ {n}.",
        ],
        [
            "Верните деньги!",
            "Когда исправите?",
            "Разберитесь, пожалуйста.",
            "Прошу вернуть деньги за доставку.",
            "Жду ответа.",
            "",
        ],
    ],
    "impulsive": [
        ["Да вы достали!!!", "Ненавижу!!!", "Это просто ужас!!!", "Задолбали уже!!", "ВЫ ИЗДЕВАЕТЕСЬ?!"],
        ["Худший {thing} в городе,", "{thing} опять отвратительный,", "сколько можно,", "больше никогда,"],
        ["бесите", "позор вам!!!", "кошмар", "бесит!!!", "никому не советую!!!"],
    ],
    "trolling": [
        ["Ахаха,", "Ну-ну,", "Лол,", "Опять клоуны,", "Админ, ты живой?"],
        [
            "{thing} у них лучший, ага 🤡",
            "кто это вообще покупает? 😂",
            "расскажите ещё сказку про {thing}",
            "или уже уволили за такой {thing}? 🤣",
            "кто ведётся на эту рекламу {thing}?",
        ],
        ["", "Смешно же", "🤡🤡", "давайте, удаляйте"],
    ],
    "directed": [
        ["Не покупайте у них!", "Внимание всем:", "Люди, осторожно!"],
        [
            "Это мошенники, {thing} не привозят, деньги не возвращают.",
            "Компания обманывает клиентов, {thing} подделка.",
        ],
        ["Отписывайтесь все!", "Делитесь, пока не удалили!", "Жалуйтесь в Роспотребнадзор, репост!"],
    ],
}
_GOOD = ["очень вкусно", "пришёл вовремя", "просто супер", "на высоте", "лучше всех", "как всегда отлично"]
_CITIES_FROM = ["Москвы", "Казани", "Твери", "Перми", "Самары", "Тулы"]


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        thing=rng.choice(_THINGS),
        good=rng.choice(_GOOD),
        smile=rng.choice(_SMILES),
        day=rng.choice(_DAYS),
        city=rng.choice(_CITIES),
        city_from=rng.choice(_CITIES_FROM),
        n=rng.randint(100, 99999),
        k=rng.randint(2, 30),
        hours=rng.randint(2, 5),
        days=rng.randint(2, 9),
        name=rng.choice(_NAMES),
    )


# (kind, weight): 60% neutral and positive, 40% negative of all four kinds.
MIX = [
    ("question", 22),
    ("positive", 20),
    ("neutral", 18),
    ("constructive", 16),
    ("impulsive", 11),
    ("trolling", 8),
    ("directed", 5),
]


def comment_mix(seed: int = 8) -> Iterator[tuple[str, str]]:
    """Endless (kind, text) in the proportions of ``MIX``."""
    rng = random.Random(seed)
    names = [name for name, _ in MIX]
    weights = [w for _, w in MIX]
    while True:
        kind = rng.choices(names, weights)[0]
        parts = [_fill(rng, rng.choice(options)) for options in _PARTS[kind]]
        text = " ".join(part for part in parts if part)
        yield kind, text[:1].upper() + text[1:]


def authors(count: int, seed: int = 9, first_id: int = 10_000_000) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    people = []
    for i in range(count):
        name = rng.choice(_NAMES)
        last = rng.choice(_SURNAMES)
        extra: dict[str, Any] = {"last_name": last} if last else {}
        username = f"user{first_id + i}" if rng.random() < 0.6 else None
        people.append(user(first_id + i, name, username, **extra))
    return people


# --- the process under test -------------------------------------------------------------------


@dataclass
class Process:
    proc: asyncio.subprocess.Process
    log: Path

    @property
    def pid(self) -> int:
        return self.proc.pid

    async def stop(self, timeout: float = 30) -> int:
        if self.proc.returncode is not None:
            return self.proc.returncode
        self.proc.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self.proc.wait(), timeout)
        except TimeoutError:
            self.proc.kill()
            return await self.proc.wait()


async def start_process(args: list[str], base_url: str, workdir: Path, **env: str) -> Process:
    log = workdir / "process.log"
    handle = log.open("ab")
    try:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            *args,
            cwd=str(workdir),
            env={
                **os.environ,
                "PYTHONPATH": str(REPO_ROOT),
                "BOT_TOKEN": TOKEN,
                "TELEGRAM_API_BASE": base_url,
                **env,
            },
            stdout=handle,
            stderr=handle,
        )
    finally:
        handle.close()
    return Process(proc, log)


async def start_bot(
    base_url: str,
    workdir: Path,
    log_level: str = "WARNING",
    database_url: str | None = None,
    args: list[str] | None = None,
    **env: str,
) -> Process:
    """The bot (``args``: another way to start it, a hook or a profiler) with the benchmarks' settings;
    ``env`` adds to them (PYTHONPATH included, to run another checkout)."""
    return await start_process(
        args or ["-m", "bot"],
        base_url,
        workdir,
        DATABASE_URL=database_url or f"sqlite:///{workdir / 'bot.sqlite3'}",
        IMPULSIVE_REPLY_DELAY="1d",  # no scheduled replies go out during a run
        # The fake has no flood limits; pacing would measure Telegram's limits, not the bot.
        OUTGOING_LIMITS="false",
        LOG_LEVEL=log_level,
        **env,
    )


async def start_minimal(base_url: str, workdir: Path) -> Process:
    return await start_process([str(REPO_ROOT / "benchmarks" / "minimal_bot.py")], base_url, workdir)


def rss_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process in MB, from /proc."""
    values: dict[str, float] = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024
    return values["VmRSS"], values["VmHWM"]


class StatsCounter:
    """How many group messages the bot has classified: the ``message_stats`` counts in its DB."""

    def __init__(self, db: Path) -> None:
        self._db = db
        self._conn: sqlite3.Connection | None = None

    def __call__(self) -> int:
        if self._conn is None:
            if not self._db.exists():
                return 0
            self._conn = sqlite3.connect(f"file:{self._db}?mode=ro", uri=True, timeout=5)
        try:
            row = self._conn.execute("SELECT COALESCE(SUM(count), 0) FROM message_stats").fetchone()
        except sqlite3.OperationalError:
            return 0
        return int(row[0])

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()


class PgStatsCounter:
    """``StatsCounter`` for a bot on PostgreSQL: the same sum, read every 20 ms by a task."""

    def __init__(self, url: str) -> None:
        self._url = url
        self._value = 0
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        import asyncpg

        conn = await asyncpg.connect(self._url)

        async def poll() -> None:
            try:
                while True:
                    with suppress(asyncpg.UndefinedTableError):  # not migrated yet
                        self._value = int(await conn.fetchval("SELECT COALESCE(SUM(count), 0) FROM message_stats"))
                    await asyncio.sleep(0.02)
            finally:
                await conn.close()

        self._task = asyncio.create_task(poll())

    def __call__(self) -> int:
        return self._value

    async def aclose(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)


@asynccontextmanager
async def bench_database(workdir: Path, postgres: str | None) -> AsyncIterator[tuple[str, Callable[[], int]]]:
    """(DATABASE_URL for the bot, how many group messages it has classified so far).

    SQLite: a file in ``workdir``. PostgreSQL (``postgres`` is the server's URL): a fresh schema
    for this run (the bot gets it through ``?search_path=``), dropped afterwards.
    """
    if postgres is None:
        counter = StatsCounter(workdir / "bot.sqlite3")
        try:
            yield f"sqlite:///{workdir / 'bot.sqlite3'}", counter
        finally:
            counter.close()
        return
    import asyncpg

    schema = f"bench_{os.getpid()}_{random.randrange(10**9)}"
    admin = await asyncpg.connect(postgres)
    try:
        await admin.execute(f"CREATE SCHEMA {schema}")
        url = f"{postgres}{'&' if '?' in postgres else '?'}search_path={schema}"
        pg_counter = PgStatsCounter(url)
        await pg_counter.start()
        try:
            yield url, pg_counter
        finally:
            await pg_counter.aclose()
    finally:
        await admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        await admin.close()


async def wait_until(predicate: Callable[[], bool], timeout: float, step: float = 0.02) -> bool:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if predicate():
            return True
        await asyncio.sleep(step)
    return predicate()


async def setup_world(
    fake: FakeTelegram, groups: list[int], admins_per_group: int, first_admin_id: int = 500_000
) -> list[dict[str, Any]]:
    """Groups with an owner and admins; every admin but the last of each group pressed Start.

    Pushes the /start messages and the bot-added updates; the caller waits for the bot to
    have read them (``getChatAdministrators`` once per group).
    """
    started: list[dict[str, Any]] = []
    next_id = first_admin_id
    for index, chat_id in enumerate(groups):
        team = []
        for _ in range(admins_per_group):
            team.append(user(next_id, f"Админ{next_id}", f"admin{next_id}"))
            next_id += 1
        fake.add_group(chat_id, f"Магазин №{index} <shop> & Co", owner=team[0], admins=tuple(team[1:]))
        for admin in team[:-1] if len(team) > 1 else team:
            started.append(admin)
        if len(team) > 1:
            fake.blocked.add(team[-1]["id"])
    for admin in started:
        fake.private_message(admin, "/start")
    for chat_id in groups:
        owner = next(m["user"] for m in fake.members[chat_id].values() if m["status"] == "creator")
        fake.bot_added(chat_id, owner)
    return started


async def warmed_up(
    fake: FakeTelegram,
    proc: Process,
    counter: Callable[[], int],
    groups: list[int],
    comment: Callable[[], None],
    warmup: int,
) -> None:
    """Once the bot answers: the world set up (three admins a group), then ``warmup`` comments
    handled, so what is measured after excludes start-up and first-use costs."""
    await fake.wait_for(lambda c: c.method == "getMe", timeout=180)
    await setup_world(fake, groups, admins_per_group=3)
    await fake.wait_for(lambda c: c.method == "getChatAdministrators", count=len(groups), timeout=60)
    for _ in range(warmup):
        comment()
    if not await wait_until(lambda: counter() >= warmup, timeout=120):
        raise RuntimeError(f"warm-up did not finish; see {proc.log}")
