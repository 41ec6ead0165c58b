-- Webhook mode: Telegram may deliver an update again (a retry after a timeout, or to another
-- instance); the first instance to claim its id processes it, the others skip it.
-- Rows older than a day are deleted (Telegram keeps an undelivered update for 24 hours).
CREATE TABLE processed_updates (
    update_id {{BIGINT}} PRIMARY KEY,
    seen_at   {{BIGINT}} NOT NULL
);
CREATE INDEX processed_updates_seen ON processed_updates(seen_at);
