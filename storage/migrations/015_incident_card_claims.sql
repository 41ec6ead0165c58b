-- An incident card owed to an admin is claimed here before it is sent, by one instance: with several
-- on one database, two sweeps (or a sweep and the first sending) never both send it. The claim goes
-- when the card is recorded in incident_cards, or when the send fails; one left by an instance that
-- is gone (killed between the claim and the record) is taken over by another.
CREATE TABLE incident_card_claims (
    incident_id {{BIGINT}} NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    chat_id     {{BIGINT}} NOT NULL,
    owner       TEXT       NOT NULL,  -- the instance sending it ('' when instances are not tracked)
    claimed_at  {{BIGINT}} NOT NULL,
    PRIMARY KEY (incident_id, chat_id)
);
