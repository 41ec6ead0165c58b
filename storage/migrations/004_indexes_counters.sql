-- Per-message cost must not grow with the number of stored cases: every lookup on the
-- message path has an index, and the reply variant comes from a counter, not a COUNT(*).
CREATE INDEX replies_case_kind ON replies(case_id, kind, id);
CREATE INDEX replies_chat_status ON replies(chat_id, status);
CREATE INDEX cases_chat_wave ON cases(chat_id, wave_id);
CREATE INDEX cases_chat_label ON cases(chat_id, label);
CREATE INDEX cases_chat_author ON cases(chat_id, author_id);
-- Reminders (every minute) and the start-up check look only at open cases.
CREATE INDEX cases_status_created ON cases(status, created_at);

CREATE TABLE label_counters (
    chat_id {{BIGINT}} NOT NULL,
    label   TEXT       NOT NULL,
    n       {{BIGINT}} NOT NULL,
    PRIMARY KEY (chat_id, label)
);
INSERT INTO label_counters (chat_id, label, n) SELECT chat_id, label, COUNT(*) FROM cases GROUP BY chat_id, label;
