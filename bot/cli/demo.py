"""``python -m bot demo``: a scripted Russian chat through the real dispatcher, no token needed.

The bot runs against the in-process fake Bot API; the demo prints what each admin receives
and what the bot posts in the group.
"""

from __future__ import annotations

import asyncio
import html
import re
import tempfile
from pathlib import Path
from typing import Any, TextIO

from aiogram import Bot, Dispatcher

from bot.app import create_bot, create_dispatcher
from bot.config import load_settings
from bot.fake_api import Call, FakeSession, FakeTelegram
from bot.fake_api.core import PUNITIVE_METHODS, user
from bot.replies.grammar import inflect_name
from bot.telegram.limiter import Limits
from storage import Storage

GROUP_ID = -1001500000001
DEMO_TOKEN = "123456:DEMO-TOKEN-NOT-REAL"
DEMO_DELAY = 2

ANNA = user(1001, "Анна", "anna_admin")
BORIS = user(1002, "Борис", "boris_admin")
VERA = user(1003, "Вера")
DMITRY = user(2001, "Дмитрий", "dima_k")
OLGA = user(2002, "Ольга")
TROLL = user(2003, "Kek", "kek_master")
MARIA = user(2004, "Мария")
ATTACKERS = [user(3001 + i, name) for i, name in enumerate(("Иван П.", "Сергей М.", "Павел Д."))]


def _plain(text: str) -> str:
    text = re.sub(
        r"<blockquote>(.*?)</blockquote>",
        lambda m: "  │ " + m.group(1).replace("\n", "\n  │ "),
        text,
        flags=re.S,
    )
    return html.unescape(re.sub(r"<[^>]+>", "", text))


class Demo:
    def __init__(self, out: TextIO, fake: FakeTelegram, bot: Bot, dp: Dispatcher) -> None:
        self.out = out
        self.fake = fake
        self.bot = bot
        self.dp = dp
        self._seen = 0
        self._names = {ANNA["id"]: "Анна", BORIS["id"]: "Борис", VERA["id"]: "Вера"}

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    async def feed(self) -> None:
        for update in self.fake.drain():
            await self.dp.feed_raw_update(self.bot, update)

    def show_new_calls(self) -> list[Call]:
        calls = self.fake.calls[self._seen :]
        self._seen = len(self.fake.calls)
        for call in calls:
            chat_id = call.params.get("chat_id")
            if call.method == "sendMessage" and chat_id == GROUP_ID:
                self.say(f"  💬 В ЧАТЕ, ответ бота на сообщение {call.params['reply_parameters']['message_id']}:")
                self.say("  │ " + str(call.params["text"]).replace("\n", "\n  │ "))
            elif call.method == "sendMessage" and isinstance(chat_id, int):
                who = self._names.get(chat_id, str(chat_id))
                if chat_id in self.fake.blocked:
                    self.say(f"  🚫 {who}: недоступна (не нажимала Start) — уведомление не дошло")
                    continue
                self.say(f"  📩 ЛИЧНО → {who}:")
                self.say("    " + _plain(str(call.params["text"])).replace("\n", "\n    "))
                buttons = [
                    b["text"] for row in (call.params.get("reply_markup") or {}).get("inline_keyboard", []) for b in row
                ]
                if buttons:
                    self.say("    [" + "] [".join(buttons) + "]")
            elif call.method == "editMessageText":
                who = self._names.get(chat_id, str(chat_id)) if isinstance(chat_id, int) else "?"
                status = [
                    line
                    for line in _plain(str(call.params["text"])).splitlines()
                    if line.startswith(("Статус", "Последнее"))
                ]
                lines = _plain(str(call.params["text"])).splitlines()
                # Which card: its author, or the wave's first message (several cards change in turn).
                about = next(
                    (line.split(": ", 1)[1] for line in lines if line.startswith(("Автор:", "Первое сообщение:"))), ""
                )
                card = f" ({about})" if about else ""
                self.say(f"  ✏️ уведомление у {inflect_name(who, 'gent')}{card} обновлено: " + " · ".join(status))
        return calls

    async def step(self, title: str) -> None:
        await self.feed()
        await asyncio.sleep(0.05)
        self.say(f"\n— {title}")
        self.show_new_calls()


def _find_alert(fake: FakeTelegram, admin_id: int, fragment: str) -> dict[str, Any]:
    for (chat_id, _), message in reversed(fake.messages.items()):
        if chat_id == admin_id and fragment in str(message.get("text")):
            return message
    raise LookupError(fragment)


async def run_demo(out: TextIO) -> int:
    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(
            BOT_TOKEN=DEMO_TOKEN,
            DATABASE_URL=f"sqlite:///{Path(folder) / 'demo.sqlite3'}",
            IMPULSIVE_REPLY_DELAY=str(DEMO_DELAY),
            ALERT_CHAT_ID="",
        )
        fake = FakeTelegram(can_read_all_group_messages=False)
        fake.add_group(GROUP_ID, "Пекарня «Колос» — обсуждение", owner=ANNA, admins=(BORIS, VERA))
        fake.blocked.add(VERA["id"])
        # The in-process fake has no flood limits; the demo shows behaviour, not pacing.
        bot = create_bot(settings, session=FakeSession(fake), limits=Limits(per_second=1000, private_interval=0.0))
        storage = await Storage.open(Path(folder) / "demo.sqlite3")
        dp = create_dispatcher(settings, bot, storage)
        demo = Demo(out, fake, bot, dp)
        await dp.emit_startup(bot=bot, **dp.workflow_data)
        demo.show_new_calls()
        try:
            await _script(demo, fake)
        finally:
            await dp.emit_shutdown(bot=bot, **dp.workflow_data)
            await bot.session.close()
    return 0


async def _script(demo: Demo, fake: FakeTelegram) -> None:
    say = demo.say
    say("Демо «Отклик»: группа «Пекарня «Колос» — обсуждение», админы Анна, Борис и Вера.")
    say("Бот работает через настоящий диспетчер против встроенного фейкового Bot API.")
    fake.private_message(ANNA, "/start")
    fake.private_message(BORIS, "/start")
    await demo.step("Анна и Борис нажали Start (Вера — нет)")
    fake.bot_added(GROUP_ID, ANNA)
    await demo.step("Бота добавили в группу админом")

    fake.comment(
        GROUP_ID,
        DMITRY,
        "Заказ №4821 ждал 3 часа, курьер так и не позвонил, а деньги с карты списали. Верните деньги или привезите заказ!",
    )
    await demo.step("Дмитрий: жалоба с конкретикой")
    fake.comment(GROUP_ID, OLGA, "Да вы задолбали!!! Худшая пекарня в городе, вечно всё через одно место, бесите")
    await demo.step("Ольга: эмоции")
    fake.comment(GROUP_ID, TROLL, "Админ, ты там живой? 🤡 Кто вообще ест эти булки, лохи")
    await demo.step("Тролль")
    fake.comment(GROUP_ID, MARIA, "Круассаны сегодня просто огонь, спасибо!")
    await demo.step("Мария: благодарность (ничего не происходит)")
    for attacker in ATTACKERS:
        fake.comment(
            GROUP_ID,
            attacker,
            "Не покупайте в Колосе! Отравился их выпечкой, расскажите всем, сделайте репост!",
        )
        await asyncio.sleep(0.01)
    await demo.step("Волна одинаковых сообщений от трёх аккаунтов")

    alert = _find_alert(fake, ANNA["id"], "Дмитрий")
    send = next(
        b["callback_data"]
        for row in alert["reply_markup"]["inline_keyboard"]
        for b in row
        if b["callback_data"].startswith("case:send:")
    )
    fake.press(ANNA, alert, send)
    await demo.step(f"Анна нажимает «Отправить сейчас» ({send})")

    say(f"\n— Ждём {DEMO_DELAY} с, пока Ольга остынет…")
    await asyncio.sleep(DEMO_DELAY + 1.0)
    demo.show_new_calls()
    punitive = [c.method for c in fake.calls if c.method in PUNITIVE_METHODS]
    say(f"\nИтого вызовов Bot API: {len(fake.calls)}; удалений, банов и ограничений: {len(punitive)}.")
