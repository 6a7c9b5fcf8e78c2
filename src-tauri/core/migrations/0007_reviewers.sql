-- Data version 7: the people who may review a tracker, and the decisions
-- they signed.
--
-- Until this version the two-key rule compared two typed names, which
-- anyone at the keyboard can type. A tracker now keeps a register of its
-- reviewers, each named by their public key (a minisign Ed25519 key that
-- checks their signatures, and an age key that review packages are
-- encrypted to). Once one is registered, an assessment is accepted or
-- returned, and a period signed off, only by a decision a registered
-- reviewer signed with their private key.
--
-- A signed decision keeps the exact text that was signed (`statement`, a
-- JSON object) and its minisign signature, so `followthrough verify`, or
-- Debian's `minisign` with the reviewer's key, can check it years later.
-- A reviewer removed from the register stays in the table (`removed_at`),
-- so the decisions they signed while registered still name their key.

CREATE TABLE reviewer (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role TEXT NOT NULL CHECK (role IN ('deputy_minister', 'associate_deputy_minister', 'delegate')),
    public_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 39),
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,
    removed_at TEXT,
    removed_by TEXT,
    CHECK ((removed_at IS NULL) = (removed_by IS NULL))
);

-- A key is registered once at a time.
CREATE UNIQUE INDEX reviewer_registered_key ON reviewer (fingerprint) WHERE removed_at IS NULL;

CREATE TABLE signed_decision (
    id INTEGER PRIMARY KEY,
    reviewer_id INTEGER NOT NULL REFERENCES reviewer (id),
    period_id INTEGER NOT NULL REFERENCES period (id),
    -- None for a period's sign-off.
    assessment_id INTEGER REFERENCES assessment (id),
    decision TEXT NOT NULL CHECK (decision IN ('accept', 'return', 'sign_off')),
    statement TEXT NOT NULL CHECK (json_valid(statement)),
    signature TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    applied_by TEXT NOT NULL,
    CHECK ((decision = 'sign_off') = (assessment_id IS NULL))
);

CREATE INDEX signed_decision_assessment ON signed_decision (assessment_id);
CREATE INDEX signed_decision_period ON signed_decision (period_id);
