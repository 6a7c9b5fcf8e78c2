-- Followthrough schema, version 6: every record sealed into the audit
-- trail, and a permanent identity for each tracker.
--
-- The hash chain of version 2 proves that no event was changed, removed or
-- reordered, but not that the records are what the events say: a note
-- edited in the file, with no event, left the chain whole. From this
-- version each event also carries, in `records`, the SHA-256 of the
-- complete record it changed as it stood after the change (or null for a
-- record deleted), and its seal covers that list. `followthrough verify`
-- replays the trail and compares every record of the file with the seal
-- its latest event gave it. A file made before this version gets, after
-- the migration, one event that seals every record as it then stands.
--
-- `tracker_id` names the tracker for as long as it exists, across
-- backups, exports and imports: the witness this computer keeps of each
-- tracker's newest event is filed under it.

ALTER TABLE audit_event ADD COLUMN records TEXT
    CHECK (records IS NULL OR json_valid(records));

INSERT INTO meta (key, value) VALUES ('tracker_id', lower(hex(randomblob(16))));
