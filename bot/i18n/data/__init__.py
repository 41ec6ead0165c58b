"""Package data of bot.i18n: the text catalog, one TOML file per language."""
