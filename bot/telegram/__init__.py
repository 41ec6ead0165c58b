"""The Telegram edge: updates in, alerts, buttons, commands and replies out."""
