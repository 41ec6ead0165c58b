-- An update whose handling failed stays in the inbox: how often it failed, the last error, when it
-- is tried again, and when it was given up on (dead: shown in /healthz, told once to the chat's
-- admins, tried again by `python -m bot replay-dead`). chat_id is the group a dead comment came from.
ALTER TABLE inbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE inbox ADD COLUMN error TEXT;
ALTER TABLE inbox ADD COLUMN next_try_at {{BIGINT}};
ALTER TABLE inbox ADD COLUMN dead_at {{BIGINT}};
ALTER TABLE inbox ADD COLUMN chat_id {{BIGINT}};
ALTER TABLE inbox ADD COLUMN noted_at {{BIGINT}};

-- Alert copies that could not be sent to an admin (not a 403: that marks the admin unreachable).
-- A copy is owed to every reachable admin of the case's chat; the ones sent are in `alerts`, and
-- a failed one is tried again after next_try_at, by start-up recovery and the sweep while running.
CREATE TABLE alert_misses (
    case_id     {{BIGINT}} NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    chat_id     {{BIGINT}} NOT NULL,
    attempts    INTEGER    NOT NULL DEFAULT 0,
    error       TEXT,
    next_try_at {{BIGINT}} NOT NULL,
    PRIMARY KEY (case_id, chat_id)
);
