-- What an admin is asked to type next that is not about one case (e.g. a chat's reply templates).
CREATE TABLE admin_inputs (
    user_id    {{BIGINT}} PRIMARY KEY,
    kind       TEXT       NOT NULL,
    chat_id    {{BIGINT}} NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    arg        TEXT,
    created_at {{BIGINT}} NOT NULL
);

-- The local day (YYYYMMDD) of the last daily digest, so a restart never sends two.
ALTER TABLE chat_settings ADD COLUMN digest_day INTEGER;
