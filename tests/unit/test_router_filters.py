"""Every handler and filter the routers register is a coroutine: aiogram would run any other in a
worker thread for each update it checks."""

from __future__ import annotations

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
