-- Per-chat settings for admin commands, reminders, quiet hours and retention.
ALTER TABLE chat_settings ADD COLUMN alert_labels   TEXT    NOT NULL DEFAULT 'constructive,impulsive,trolling,directed';
ALTER TABLE chat_settings ADD COLUMN quiet_start    INTEGER;           -- minutes after local midnight
ALTER TABLE chat_settings ADD COLUMN quiet_end      INTEGER;
ALTER TABLE chat_settings ADD COLUMN timezone       TEXT    NOT NULL DEFAULT 'UTC';
ALTER TABLE chat_settings ADD COLUMN reminder_hours INTEGER NOT NULL DEFAULT 4;   -- 0 = off
ALTER TABLE chat_settings ADD COLUMN alerts_to      TEXT    NOT NULL DEFAULT 'admins';  -- admins | group | both
ALTER TABLE chat_settings ADD COLUMN alert_chat_id  {{BIGINT}};
ALTER TABLE chat_settings ADD COLUMN digest         INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chat_settings ADD COLUMN retention_days INTEGER NOT NULL DEFAULT 30;

-- An admin who muted a chat's alerts in private.
CREATE TABLE admin_mutes (
    chat_id  {{BIGINT}} NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    user_id  {{BIGINT}} NOT NULL,
    muted_at {{BIGINT}} NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);

-- The case lifecycle: who took it, when it was first acted on, resolved, reminded.
ALTER TABLE cases ADD COLUMN taken_by        {{BIGINT}};
ALTER TABLE cases ADD COLUMN taken_by_name   TEXT;
ALTER TABLE cases ADD COLUMN first_action_at {{BIGINT}};
ALTER TABLE cases ADD COLUMN closed_at       {{BIGINT}};
ALTER TABLE cases ADD COLUMN reminded_at     {{BIGINT}};
ALTER TABLE cases ADD COLUMN resolution      TEXT;
ALTER TABLE cases ADD COLUMN text_removed    INTEGER NOT NULL DEFAULT 0;
CREATE INDEX cases_chat_created ON cases(chat_id, created_at);

-- A case may have a reply and, later, a public follow-up: one live message of each kind.
ALTER TABLE replies ADD COLUMN kind TEXT NOT NULL DEFAULT 'reply';
DROP INDEX replies_one_live;
CREATE UNIQUE INDEX replies_one_live ON replies(case_id, kind)
    WHERE status IN ('pending', 'sending', 'sent', 'uncertain');

-- Reply variants an admin wrote for a chat, per label and language (JSON list of templates).
CREATE TABLE chat_templates (
    chat_id    {{BIGINT}} NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    label      TEXT       NOT NULL,
    language   TEXT       NOT NULL,
    variants   TEXT       NOT NULL,
    updated_by {{BIGINT}},
    updated_at {{BIGINT}} NOT NULL,
    PRIMARY KEY (chat_id, label, language)
);

-- Counts of every classified message per chat and day, for the share of negative messages.
CREATE TABLE message_stats (
    chat_id {{BIGINT}} NOT NULL,
    day     {{BIGINT}} NOT NULL,   -- UTC epoch day
    label   TEXT       NOT NULL,
    count   {{BIGINT}} NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, day, label)
);
