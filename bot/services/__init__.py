"""Casework that does not speak Telegram: it reaches storage and Telegram through bot.domain.ports."""
