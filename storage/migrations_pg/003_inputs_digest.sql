-- PostgreSQL twin of storage/migrations/003_inputs_digest.sql.
CREATE TABLE admin_inputs (
    user_id    BIGINT PRIMARY KEY,
    kind       TEXT   NOT NULL,
    chat_id    BIGINT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    arg        TEXT,
    created_at BIGINT NOT NULL
);

ALTER TABLE chat_settings ADD COLUMN digest_day INTEGER;
