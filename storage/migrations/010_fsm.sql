-- aiogram's FSM state and data of each admin's private conversation (bot/telegram/fsm/sql_storage.py): what
-- they are asked to type next (a reply after "Edit", what was done after "Resolve", a follow-up,
-- new reply variants) and the draft kept meanwhile. A missing thread or business connection is
-- stored as 0 and '' so that the key is one primary key.
CREATE TABLE fsm_states (
    bot_id                 {{BIGINT}} NOT NULL,
    chat_id                {{BIGINT}} NOT NULL,
    user_id                {{BIGINT}} NOT NULL,
    thread_id              {{BIGINT}} NOT NULL DEFAULT 0,
    business_connection_id TEXT    NOT NULL DEFAULT '',
    destiny                TEXT    NOT NULL DEFAULT 'default',
    state                  TEXT,
    data                   TEXT    NOT NULL DEFAULT '{}',
    updated_at             {{BIGINT}} NOT NULL,
    PRIMARY KEY (bot_id, chat_id, user_id, thread_id, business_connection_id, destiny)
);

-- Every flow that used them keeps its state in fsm_states now. An input pending at the upgrade is
-- dropped: the admin presses the button again.
DROP TABLE pending_inputs;
DROP TABLE admin_inputs;
