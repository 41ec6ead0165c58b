-- What a chat's admins decided about its comments, kept as examples its own classifier layer learns
-- from (bot/classifier/chatlayer.py). The text goes with the chat's retention (like the cases'); the
-- hashed feature ids and the global verdict stay, so a layer can still be rebuilt from them.
CREATE TABLE chat_examples (
    id             {{AUTOINCREMENT_PK}},
    chat_id        {{BIGINT}} NOT NULL,
    case_id        {{BIGINT}},            -- NULL for a comment the bot missed (/missed)
    actor_id       {{BIGINT}} NOT NULL,
    source         TEXT       NOT NULL,   -- confirm | relabel | missed
    label          TEXT       NOT NULL,   -- what the admin said it is
    bot_label      TEXT       NOT NULL,   -- the global verdict on the text alone: the prior
    bot_confidence {{DOUBLE}} NOT NULL,
    features       TEXT       NOT NULL,   -- hashed lemma 1-2-gram ids, space-separated
    text           TEXT,                  -- NULL once past the chat's retention
    state          TEXT       NOT NULL DEFAULT 'active',  -- active | superseded | disputed
    created_at     {{BIGINT}} NOT NULL
);
CREATE INDEX chat_examples_chat ON chat_examples(chat_id, id);
CREATE INDEX chat_examples_case ON chat_examples(case_id);

-- A chat's learned layer (JSON), one row per chat; version grows with every write so each instance
-- sees at its next message that its copy is stale. active_since: when it first decided a verdict.
CREATE TABLE chat_layers (
    chat_id      {{BIGINT}} PRIMARY KEY,
    version      {{BIGINT}} NOT NULL,
    examples     INTEGER    NOT NULL,
    layer        TEXT       NOT NULL,
    active_since {{BIGINT}},
    updated_at   {{BIGINT}} NOT NULL
);

-- 0: the chat's layer is paused (neither learns nor decides); examples are still kept.
ALTER TABLE chat_settings ADD COLUMN learning INTEGER NOT NULL DEFAULT 1;
