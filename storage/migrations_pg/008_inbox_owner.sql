-- The instance that took each kept update. Webhook mode keeps updates too, and several instances
-- may serve one webhook: an instance hands on only the updates of instances that are gone.
ALTER TABLE inbox ADD COLUMN owner TEXT;
