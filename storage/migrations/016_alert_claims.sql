-- A case about to get an alert of its own (in no wave) claims it here first. A later copy may tag the
-- case into a wave while that alert goes out; the wave's lead is then this case, whose card grows, so
-- the wave never gets a second card. The claim fails once the case is in a wave: it goes the wave's way.
ALTER TABLE cases ADD COLUMN alert_claimed INTEGER NOT NULL DEFAULT 0;
