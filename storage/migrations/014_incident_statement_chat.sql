-- Where an incident's statement was posted: the chat itself (NULL, as before) or the channel the
-- chat discusses; the answers link there and the result replies to it there.
ALTER TABLE incidents ADD COLUMN statement_chat_id {{BIGINT}};
