-- Incidents: a surge of genuine complaints about one thing in one chat, shown to its admins as
-- one card and answered with one public statement (bot/services/incidents.py).
CREATE TABLE incidents (
    id                   {{AUTOINCREMENT_PK}},
    chat_id              {{BIGINT}} NOT NULL,
    key                  TEXT       NOT NULL,  -- the term the complaints share ("payment", "молоко")
    title                TEXT       NOT NULL,  -- as admins read it: "не проходит оплата в приложении"
    status               TEXT       NOT NULL DEFAULT 'open',  -- open, resolved, dismissed
    started_at           {{BIGINT}} NOT NULL,  -- the first member's time
    last_at              {{BIGINT}} NOT NULL,  -- the latest member's time
    statement_text       TEXT,                 -- the draft, then the text published
    statement_message_id {{BIGINT}},
    statement_at         {{BIGINT}},
    result_text          TEXT,
    result_message_id    {{BIGINT}},
    resolved_at          {{BIGINT}}
);
CREATE INDEX incidents_chat_status ON incidents (chat_id, status);

CREATE TABLE incident_members (
    incident_id {{BIGINT}} NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    case_id     {{BIGINT}} NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    joined_at   {{BIGINT}} NOT NULL,
    PRIMARY KEY (incident_id, case_id)
);
CREATE UNIQUE INDEX incident_members_case ON incident_members (case_id);

-- Negative comments (not copy-paste waves) with the terms they are about, for the surge detector:
-- the recent ones are compared, the older ones give the chat's usual rate per term.
CREATE TABLE incident_candidates (
    case_id    {{BIGINT}} PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    chat_id    {{BIGINT}} NOT NULL,
    author_id  {{BIGINT}} NOT NULL,
    terms      TEXT       NOT NULL,  -- " payment app молоко ": each term between spaces
    created_at {{BIGINT}} NOT NULL
);
CREATE INDEX incident_candidates_chat_time ON incident_candidates (chat_id, created_at);

-- One card per incident per admin (or alert group), edited in place as it grows.
CREATE TABLE incident_cards (
    incident_id {{BIGINT}} NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    chat_id     {{BIGINT}} NOT NULL,
    message_id  {{BIGINT}} NOT NULL,
    PRIMARY KEY (incident_id, chat_id)
);

-- Replies posted to members (kind 'statement' points to the statement, 'result' to the result):
-- one per author and kind, never twice.
CREATE TABLE incident_answers (
    incident_id {{BIGINT}} NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    author_id   {{BIGINT}} NOT NULL,
    kind        TEXT       NOT NULL,
    case_id     {{BIGINT}} NOT NULL,
    created_at  {{BIGINT}} NOT NULL,
    PRIMARY KEY (incident_id, author_id, kind)
);

-- "Not an incident": the admin's correction, with the cases it split back, for the learning loop.
CREATE TABLE incident_corrections (
    id          {{AUTOINCREMENT_PK}},
    incident_id {{BIGINT}} NOT NULL,
    chat_id     {{BIGINT}} NOT NULL,
    key         TEXT       NOT NULL,
    case_ids    TEXT       NOT NULL,  -- JSON list
    admin_id    {{BIGINT}} NOT NULL,
    created_at  {{BIGINT}} NOT NULL
);

-- Alert storms: alerts beyond an admin's rate are folded into one digest card per chat and admin.
-- A folded alert is an `alerts` row with in_digest = 1 whose message is the digest card.
ALTER TABLE alerts ADD COLUMN in_digest INTEGER NOT NULL DEFAULT 0;
CREATE INDEX alerts_chat_created ON alerts (chat_id, created_at);
CREATE TABLE digest_cards (
    id         {{AUTOINCREMENT_PK}},
    chat_id    {{BIGINT}} NOT NULL,  -- the source chat
    admin_id   {{BIGINT}} NOT NULL,  -- the admin (or alert group) it went to
    message_id {{BIGINT}} NOT NULL,
    started_at {{BIGINT}} NOT NULL,
    updated_at {{BIGINT}} NOT NULL
);
CREATE INDEX digest_cards_chat_admin ON digest_cards (chat_id, admin_id, id);
