-- Chats the bot watches. Data stays when the bot is removed (active = 0).
CREATE TABLE chats (
    id               {{BIGINT}} PRIMARY KEY,
    title            TEXT       NOT NULL,
    type             TEXT       NOT NULL,
    username         TEXT,
    linked_chat_id   {{BIGINT}},
    is_forum         INTEGER    NOT NULL DEFAULT 0,
    active           INTEGER    NOT NULL DEFAULT 1,
    bot_is_admin     INTEGER    NOT NULL DEFAULT 0,
    admins_loaded_at {{BIGINT}},
    added_at         {{BIGINT}} NOT NULL,
    updated_at       {{BIGINT}} NOT NULL
);

CREATE TABLE chat_admins (
    chat_id      {{BIGINT}} NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    user_id      {{BIGINT}} NOT NULL,
    name         TEXT       NOT NULL,
    username     TEXT,
    is_anonymous INTEGER    NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, user_id)
);
CREATE INDEX chat_admins_user ON chat_admins(user_id);

-- People who pressed Start in private: only they can receive alerts.
CREATE TABLE users (
    id                 {{BIGINT}} PRIMARY KEY,
    name               TEXT       NOT NULL,
    username           TEXT,
    language_code      TEXT,
    started_at         {{BIGINT}} NOT NULL,
    reachable          INTEGER    NOT NULL DEFAULT 1,
    unreachable_at     {{BIGINT}},
    unreachable_reason TEXT
);

CREATE TABLE chat_settings (
    chat_id       {{BIGINT}} PRIMARY KEY REFERENCES chats(id) ON DELETE CASCADE,
    reply_delay   {{BIGINT}},
    auto_schedule INTEGER    NOT NULL DEFAULT 1,
    language      TEXT       NOT NULL DEFAULT 'ru'
);

-- One case per negative comment.
CREATE TABLE cases (
    id              {{AUTOINCREMENT_PK}},
    chat_id         {{BIGINT}} NOT NULL REFERENCES chats(id),
    message_id      {{BIGINT}} NOT NULL,
    thread_id       {{BIGINT}},
    is_topic        INTEGER    NOT NULL DEFAULT 0,
    author_id       {{BIGINT}} NOT NULL,
    author_name     TEXT       NOT NULL,
    author_username TEXT,
    author_is_chat  INTEGER    NOT NULL DEFAULT 0,
    text            TEXT       NOT NULL,
    label           TEXT       NOT NULL,
    toxic           INTEGER    NOT NULL,
    confidence      {{DOUBLE}} NOT NULL,
    reasons         TEXT       NOT NULL,
    problem         TEXT,
    wave_id         TEXT,
    reply_text      TEXT,
    status          TEXT       NOT NULL DEFAULT 'new',
    note            TEXT,
    created_at      {{BIGINT}} NOT NULL,
    updated_at      {{BIGINT}} NOT NULL,
    UNIQUE (chat_id, message_id)
);
CREATE INDEX cases_chat_status ON cases(chat_id, status);

-- Which admin message shows which case, so every copy can be edited.
CREATE TABLE alerts (
    id         {{AUTOINCREMENT_PK}},
    case_id    {{BIGINT}} NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    chat_id    {{BIGINT}} NOT NULL,
    message_id {{BIGINT}} NOT NULL,
    created_at {{BIGINT}} NOT NULL,
    UNIQUE (case_id, chat_id)
);

-- Replies to post in the chat. Status moves pending -> sending -> sent; a crash while
-- sending leaves 'sending', which start-up turns into 'uncertain' for an admin to confirm.
CREATE TABLE replies (
    id              {{AUTOINCREMENT_PK}},
    case_id         {{BIGINT}} NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    chat_id         {{BIGINT}} NOT NULL,
    reply_to        {{BIGINT}} NOT NULL,
    thread_id       {{BIGINT}},
    text            TEXT       NOT NULL,
    due_at          {{BIGINT}} NOT NULL,
    status          TEXT       NOT NULL,
    attempts        INTEGER    NOT NULL DEFAULT 0,
    sent_message_id {{BIGINT}},
    error           TEXT,
    created_by      {{BIGINT}},
    created_at      {{BIGINT}} NOT NULL,
    updated_at      {{BIGINT}} NOT NULL
);
CREATE INDEX replies_due ON replies(status, due_at);
-- At most one live reply per case: a second press of "send" finds the first.
CREATE UNIQUE INDEX replies_one_live ON replies(case_id)
    WHERE status IN ('pending', 'sending', 'sent', 'uncertain');

-- What an admin is asked to type next in the private chat (survives restarts).
CREATE TABLE pending_inputs (
    user_id    {{BIGINT}} PRIMARY KEY,
    case_id    {{BIGINT}} NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind       TEXT       NOT NULL,
    draft      TEXT,
    created_at {{BIGINT}} NOT NULL
);

-- Who did what to a case; label corrections keep the old and new label.
CREATE TABLE case_events (
    id         {{AUTOINCREMENT_PK}},
    case_id    {{BIGINT}} NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    actor_id   {{BIGINT}},
    action     TEXT       NOT NULL,
    detail     TEXT,
    created_at {{BIGINT}} NOT NULL
);
CREATE INDEX case_events_case ON case_events(case_id);
