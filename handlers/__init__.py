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

    Order: errors first (it sees all), then membership, admin commands, alert buttons, the private
    chat, groups.
    """
    return [
        errors.create_router(),
        membership.create_router(),
        # Commands and their buttons before the catch-alls: the alert router answers every other
        # button, the private router every other message, and group messages are comments.
        settings_panel.create_router(),
        templates.create_router(),
        private_commands.create_router(),
        admin_commands.create_router(),
        alerts.create_router(),
        private.create_router(),
        group_messages.create_router(),
    ]
