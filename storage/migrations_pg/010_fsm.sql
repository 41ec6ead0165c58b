-- PostgreSQL twin of storage/migrations/010_fsm.sql.
CREATE TABLE fsm_states (
    bot_id                 BIGINT NOT NULL,
    chat_id                BIGINT NOT NULL,
    user_id                BIGINT NOT NULL,
    thread_id              BIGINT NOT NULL DEFAULT 0,
    business_connection_id TEXT   NOT NULL DEFAULT '',
    destiny                TEXT   NOT NULL DEFAULT 'default',
    state                  TEXT,
    data                   TEXT   NOT NULL DEFAULT '{}',
    updated_at             BIGINT NOT NULL,
    PRIMARY KEY (bot_id, chat_id, user_id, thread_id, business_connection_id, destiny)
);

DROP TABLE pending_inputs;
DROP TABLE admin_inputs;
