"""Thin aiogram routers, one module per kind of event."""

from __future__ import annotations

from aiogram import Router

from handlers import (
    admin_commands,
    alerts,
    answers,
    errors,
    group_messages,
    incidents,
    membership,
    private,
    private_commands,
    settings_panel,
    stale_buttons,
    templates,
)


def get_routers() -> list[Router]:
    """Fresh routers (a router joins one dispatcher only).

    Order: group messages first, which are most of the traffic: they pass one router, and the
    group commands pass it on to theirs. Then errors (it sees all), membership, the group commands,
    the private chat's commands and buttons, the alert buttons, the answers admins type when asked,
    and the private chat. Commands and their buttons come before the catch-alls: the stale-button
    router answers every other button, the private router every other message.
    """
    return [
        group_messages.create_router(commands=(*admin_commands.GROUP_COMMANDS, templates.COMMAND)),
        errors.create_router(),
        membership.create_router(),
        templates.create_router(),
        admin_commands.create_router(),
        settings_panel.create_router(),
        private_commands.create_router(),
        alerts.create_router(),
        incidents.create_router(),
        stale_buttons.create_router(),
        answers.create_router(),
        private.create_router(),
    ]
