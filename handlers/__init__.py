"""Thin aiogram routers, one module per kind of event."""

from __future__ import annotations

from aiogram import Router

from handlers import (
    admin_commands,
    alerts,
    errors,
    group_messages,
    membership,
    private,
    private_commands,
    settings_panel,
    templates,
)


def get_routers() -> list[Router]:
    """Fresh routers (a router joins one dispatcher only).

    Order: errors first (it sees all), then membership; the group commands, then group messages,
    which are most of the traffic and so pass as few routers as possible; then the private chat's
    commands and buttons, the alert buttons and the private chat. Commands and their buttons come
    before the catch-alls: group messages are comments, the alert router answers every other
    button, the private router every other message.
    """
    return [
        errors.create_router(),
        membership.create_router(),
        templates.create_router(),
        admin_commands.create_router(),
        group_messages.create_router(),
        settings_panel.create_router(),
        private_commands.create_router(),
        alerts.create_router(),
        private.create_router(),
    ]
