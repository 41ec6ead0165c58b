# The bot's package first, so aiogram's types are built on first use here as in production.
import bot  # noqa: F401
