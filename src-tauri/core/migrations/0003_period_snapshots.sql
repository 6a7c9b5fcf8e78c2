-- Followthrough schema, version 3: frozen snapshots of signed-off periods.
--
-- Signing a period off freezes everything its briefing shows, as canonical
-- JSON with its SHA-256 fingerprint, in the same transaction as the
-- sign-off. A briefing of a signed-off period is made from this snapshot
-- only, so it is the same document however the tracker changes later.
-- Periods signed off before this version get a snapshot built from the
-- data as it stands when the migration runs, marked as reconstructed.

CREATE TABLE period_snapshot (
    period_id     INTEGER PRIMARY KEY REFERENCES period(id),
    taken_at      TEXT NOT NULL,
    reconstructed INTEGER NOT NULL DEFAULT 0 CHECK (reconstructed IN (0, 1)),
    content       TEXT NOT NULL CHECK (json_valid(content)),
    fingerprint   TEXT NOT NULL CHECK (length(fingerprint) = 64)
) STRICT;

CREATE TRIGGER period_snapshot_no_update
BEFORE UPDATE ON period_snapshot
BEGIN
    SELECT RAISE(ABORT, 'a period snapshot is frozen: it cannot be changed');
END;

CREATE TRIGGER period_snapshot_no_delete
BEFORE DELETE ON period_snapshot
BEGIN
    SELECT RAISE(ABORT, 'a period snapshot is frozen: it cannot be deleted');
END;
