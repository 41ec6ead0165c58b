"""Thin aiogram routers, one module per kind of event."""

from __future__ import annotations

from aiogram import Router

from handlers import alerts, errors, group_messages, membership, private


def get_routers() -> list[Router]:
    """In order: errors first (it sees all), then membership, buttons, private chat, groups."""
    return [errors.router, membership.router, alerts.router, private.router, group_messages.router]
