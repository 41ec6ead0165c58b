-- Polling: updates taken from Telegram are kept here until handled. Taking the next batch tells
-- Telegram the last one arrived, so an update the process died on would otherwise be gone; start-up
-- handles what is left here.
CREATE TABLE inbox (
    update_id   {{BIGINT}} PRIMARY KEY,
    body        TEXT       NOT NULL,
    received_at {{BIGINT}} NOT NULL
);
