"""Thin aiogram routers, one module per kind of event."""

from __future__ import annotations

from aiogram import Router

from handlers import alerts, errors, group_messages, membership, private


def get_routers() -> list[Router]:
    """Fresh routers (a router joins one dispatcher only).

    Order: errors first (it sees all), then membership, buttons, the private chat, groups.
    """
    return [
        errors.create_router(),
        membership.create_router(),
        alerts.create_router(),
        private.create_router(),
        group_messages.create_router(),
    ]
