-- Followthrough schema, version 2: a tamper-evident, append-only audit trail.
--
-- Each event records where it was written (machine, program version) and is
-- sealed with a SHA-256 hash over its content and the previous event's
-- hash, so an edited, removed or reordered event breaks the chain at that
-- point (`followthrough verify` finds it). Events written before this
-- version are sealed by the migration, in id order.
--
-- The triggers make the table append-only for every program that honours
-- them: an event can be sealed once (hash from NULL to a value) and never
-- changed or deleted afterwards.

ALTER TABLE audit_event ADD COLUMN machine TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_event ADD COLUMN app_version TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_event ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_event ADD COLUMN hash TEXT;

CREATE TRIGGER audit_event_sealed_no_update
BEFORE UPDATE ON audit_event
WHEN OLD.hash IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: a sealed event cannot be changed');
END;

CREATE TRIGGER audit_event_no_delete
BEFORE DELETE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: an event cannot be deleted');
END;
