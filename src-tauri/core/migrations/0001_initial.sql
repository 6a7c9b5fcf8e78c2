-- Followthrough schema, version 1.
--
-- Shipped migrations are never edited: a later change is a new file.
-- Dates are ISO text (YYYY-MM-DD); instants are UTC text
-- (YYYY-MM-DDTHH:MM:SS.sssZ). Scale values are stable snake_case keys;
-- the CHECK constraints repeat the core's vocabularies so that a file edited
-- by hand cannot hold a value the program would not understand.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE report (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    subtitle     TEXT NOT NULL DEFAULT '',
    authors      TEXT NOT NULL CHECK (json_valid(authors) AND json_type(authors) = 'array'),
    publisher    TEXT NOT NULL DEFAULT '',
    published    TEXT NOT NULL
) STRICT;

CREATE TABLE owner (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    title       TEXT NOT NULL DEFAULT '',
    unit        TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE recommendation (
    id             INTEGER PRIMARY KEY,
    report_id      INTEGER NOT NULL REFERENCES report(id),
    number         INTEGER NOT NULL CHECK (number >= 1),
    title          TEXT NOT NULL,
    lead_sentence  TEXT NOT NULL,
    text           TEXT NOT NULL,
    findings       TEXT NOT NULL,
    target_date    TEXT,
    lead_owner_id  INTEGER REFERENCES owner(id),
    UNIQUE (report_id, number)
) STRICT;

CREATE TABLE supporting_owner (
    recommendation_id INTEGER NOT NULL REFERENCES recommendation(id),
    owner_id          INTEGER NOT NULL REFERENCES owner(id),
    PRIMARY KEY (recommendation_id, owner_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX supporting_owner_by_owner ON supporting_owner(owner_id);

CREATE TABLE milestone (
    id                INTEGER PRIMARY KEY,
    recommendation_id INTEGER NOT NULL REFERENCES recommendation(id),
    title             TEXT NOT NULL CHECK (length(trim(title)) > 0),
    owner_id          INTEGER REFERENCES owner(id),
    baseline_due      TEXT NOT NULL,
    current_due       TEXT NOT NULL,
    state             TEXT NOT NULL DEFAULT 'planned'
                      CHECK (state IN ('planned', 'in_progress', 'done', 'deferred', 'cancelled')),
    completed_on      TEXT,
    CHECK ((state = 'done') = (completed_on IS NOT NULL)),
    -- lets evidence name a milestone of its own recommendation only
    UNIQUE (id, recommendation_id)
) STRICT;

CREATE INDEX milestone_by_recommendation ON milestone(recommendation_id, current_due);
CREATE INDEX milestone_by_owner ON milestone(owner_id);

-- Every move of a milestone's current due date, with its reason. Slip is
-- derived from baseline and current dates, never stored.
CREATE TABLE milestone_revision (
    id            INTEGER PRIMARY KEY,
    milestone_id  INTEGER NOT NULL REFERENCES milestone(id),
    old_due       TEXT NOT NULL,
    new_due       TEXT NOT NULL,
    reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    revised_at    TEXT NOT NULL,
    revised_by    TEXT NOT NULL
) STRICT;

CREATE INDEX milestone_revision_by_milestone ON milestone_revision(milestone_id, id);

CREATE TABLE evidence (
    id                INTEGER PRIMARY KEY,
    recommendation_id INTEGER NOT NULL REFERENCES recommendation(id),
    milestone_id      INTEGER,
    observed_on       TEXT NOT NULL,
    kind              TEXT NOT NULL
                      CHECK (kind IN ('progress', 'decision', 'risk', 'issue', 'document', 'metric')),
    author            TEXT NOT NULL,
    text              TEXT NOT NULL CHECK (length(trim(text)) > 0),
    source_ref        TEXT NOT NULL DEFAULT '',
    recorded_at       TEXT NOT NULL,
    recorded_by       TEXT NOT NULL,
    FOREIGN KEY (milestone_id, recommendation_id) REFERENCES milestone(id, recommendation_id)
) STRICT;

CREATE INDEX evidence_by_recommendation ON evidence(recommendation_id, observed_on);
CREATE INDEX evidence_by_milestone ON evidence(milestone_id);

CREATE TABLE period (
    id             INTEGER PRIMARY KEY,
    label          TEXT NOT NULL UNIQUE CHECK (length(trim(label)) > 0),
    starts_on      TEXT NOT NULL,
    ends_on        TEXT NOT NULL CHECK (ends_on >= starts_on),
    state          TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'signed_off')),
    signed_off_at  TEXT,
    signed_off_by  TEXT,
    CHECK ((state = 'signed_off') = (signed_off_at IS NOT NULL AND signed_off_by IS NOT NULL))
) STRICT;

CREATE INDEX period_by_start ON period(starts_on);

-- One assessment per recommendation per period. The reported values are the
-- executive assistant's key; the review columns are the deputy minister's.
-- accepted_* keep what was last accepted, so a re-report after acceptance
-- shows both the new claim and the standing accepted position.
CREATE TABLE assessment (
    id                  INTEGER PRIMARY KEY,
    period_id           INTEGER NOT NULL REFERENCES period(id),
    recommendation_id   INTEGER NOT NULL REFERENCES recommendation(id),
    status              TEXT NOT NULL CHECK (status IN ('fully_implemented', 'in_process',
                            'little_or_no_progress', 'will_not_be_implemented', 'no_longer_applicable')),
    confidence          TEXT NOT NULL CHECK (confidence IN ('green', 'amber_green', 'amber', 'amber_red', 'red')),
    commentary          TEXT NOT NULL DEFAULT '',
    next_steps          TEXT NOT NULL DEFAULT '',
    risks               TEXT NOT NULL DEFAULT '',
    decisions_required  TEXT NOT NULL DEFAULT '',
    reported_at         TEXT NOT NULL,
    reported_by         TEXT NOT NULL,
    review_state        TEXT NOT NULL DEFAULT 'pending' CHECK (review_state IN ('pending', 'accepted', 'returned')),
    review_comment      TEXT NOT NULL DEFAULT '',
    reviewed_at         TEXT,
    reviewed_by         TEXT,
    accepted_status     TEXT CHECK (accepted_status IS NULL OR accepted_status IN ('fully_implemented',
                            'in_process', 'little_or_no_progress', 'will_not_be_implemented', 'no_longer_applicable')),
    accepted_confidence TEXT CHECK (accepted_confidence IS NULL OR accepted_confidence IN ('green',
                            'amber_green', 'amber', 'amber_red', 'red')),
    UNIQUE (period_id, recommendation_id)
) STRICT;

CREATE INDEX assessment_by_recommendation ON assessment(recommendation_id);

-- Every change, written in the same transaction as the change itself.
CREATE TABLE audit_event (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    entity_kind  TEXT NOT NULL,
    entity_id    INTEGER,
    -- the recommendation the change concerns, if any, for its history view
    recommendation_id INTEGER,
    before_json  TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
    after_json   TEXT CHECK (after_json IS NULL OR json_valid(after_json))
) STRICT;

CREATE INDEX audit_event_by_entity ON audit_event(entity_kind, entity_id);
CREATE INDEX audit_event_by_recommendation ON audit_event(recommendation_id);
