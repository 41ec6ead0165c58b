"""The database migrations, one set for SQLite and PostgreSQL (read by ``storage/migration_files.py``).

To add one, write ``NNN_what_it_does.sql`` with the next number, once for both backends:

- ids, Telegram ids and epoch times as ``{{BIGINT}}``; a generated id as ``id {{AUTOINCREMENT_PK}}``;
  a float as ``{{DOUBLE}}``; flags and small counts as plain ``INTEGER``; ``TEXT`` as it is.
- Only if a statement cannot be written once, put it in ``NNN_what_it_does.sqlite.sql`` and
  ``NNN_what_it_does.postgresql.sql`` (both are required); each backend runs the shared file, then its own.

Never edit a migration that has shipped: a database records only the number it reached
(``PRAGMA user_version`` on SQLite, the ``schema_version`` table on PostgreSQL).
"""
