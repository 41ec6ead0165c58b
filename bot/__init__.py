"""Otklik: a Telegram assistant for handling negative comments the right way."""

__version__ = "0.1.0"
