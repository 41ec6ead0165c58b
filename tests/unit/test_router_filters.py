"""Every handler and filter the routers register is a coroutine: aiogram would run any other in a
worker thread for each update it checks."""

from __future__ import annotations

from aiogram.types import Chat, Message

from handlers import get_routers


def test_no_filter_or_handler_runs_in_a_thread() -> None:
    in_thread = []
    for router in get_routers():
        for event, observer in router.observers.items():
            for handler in observer.handlers:
                checks = [handler, *(handler.filters or [])]
                in_thread += [(router.name, event, c.callback) for c in checks if not c.awaitable]
            in_thread += [(router.name, event, f.callback) for f in observer._handler.filters or [] if not f.awaitable]
    assert in_thread == []


async def test_a_comment_skips_the_command_routers_and_a_command_still_reaches_them() -> None:
    from aiogram.enums import ChatType
    from aiogram.filters import Command

    from handlers.filters import LooksLikeCommand

    chat = Chat(id=-1001, type=ChatType.SUPERGROUP)

    def message(text: str | None, caption: str | None = None) -> Message:
        return Message(message_id=1, date=0, chat=chat, text=text, caption=caption)

    looks = LooksLikeCommand()
    for text, caption in [("/stats", None), ("  /templates@otklik_bot", None), (None, "/help"), ("/", None)]:
        assert await looks(message(text, caption)) is True
    for text, caption in [("Где мой заказ?", None), ("ответ / вопрос", None), (None, None), ("", "фото")]:
        assert await looks(message(text, caption)) is False
    # the routers that hold only commands check it first
    for router in get_routers():
        commands = [f for h in router.message.handlers for f in h.filters or [] if isinstance(f.callback, Command)]
        if commands and len(commands) == len(router.message.handlers):
            assert any(isinstance(f.callback, LooksLikeCommand) for f in router.message._handler.filters or []), (
                router.name
            )


async def test_group_comments_come_first_and_pass_the_group_commands_on() -> None:
    from aiogram.enums import ChatType

    from handlers import admin_commands, templates
    from handlers.filters import NotOneOfCommands

    chat = Chat(id=-1001, type=ChatType.SUPERGROUP)
    comments = NotOneOfCommands("stats", "templates")
    for text in ["/stats", "  /stats за неделю", "/stats@otklik_bot", "/templates"]:
        assert await comments(Message(message_id=1, date=0, chat=chat, text=text)) is False, text
    for text in ["Где заказ?", "/Stats", "/statistics", "/ужас, а не сервис", "/", "a/stats", None]:
        assert await comments(Message(message_id=1, date=0, chat=chat, text=text)) is True, text
    assert await comments(Message(message_id=1, date=0, chat=chat, caption="/stats")) is False

    routers = get_routers()
    assert routers[0].name == "handlers.group_messages"
    (passes,) = [
        f.callback for f in routers[0].message._handler.filters or [] if isinstance(f.callback, NotOneOfCommands)
    ]
    for name in (*admin_commands.GROUP_COMMANDS, templates.COMMAND):
        assert await passes(Message(message_id=1, date=0, chat=chat, text=f"/{name}")) is False, name
