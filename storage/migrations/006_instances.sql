-- Several instances on one database: who is alive, who claimed what, which case leads a wave.
-- A reply left 'sending' or a case left without alerts is recovered only when the instance that
-- took it is gone; a live instance's work in progress is left alone.
CREATE TABLE instances (
    id         TEXT       PRIMARY KEY,
    host       TEXT       NOT NULL,
    pid        INTEGER    NOT NULL,
    started_at {{BIGINT}} NOT NULL,
    seen_at    {{BIGINT}} NOT NULL
);
ALTER TABLE replies ADD COLUMN claimed_by TEXT;
ALTER TABLE cases ADD COLUMN opened_by TEXT;
-- One alert per wave: the case that claims its wave here is alerted, the others grow its card.
CREATE TABLE wave_leads (
    chat_id {{BIGINT}} NOT NULL,
    wave_id TEXT       NOT NULL,
    case_id {{BIGINT}} NOT NULL REFERENCES cases(id),
    PRIMARY KEY (chat_id, wave_id)
);
