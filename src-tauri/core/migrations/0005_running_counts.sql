-- Followthrough schema, version 5: running counts, so the dashboard and a
-- recommendation's page cost the same after ten years as after one.
--
-- Counting a recommendation's milestones by state, or its evidence notes,
-- reads every one of them: at 2,500 milestones and 25,000 notes a
-- recommendation (the 100x benchmark tracker), the dashboard spent most of
-- its 23 ms there. These tables hold the counts instead. Triggers keep them
-- in step with their tables in the same transaction as each change, so a
-- count can never disagree with the rows it counts; `followthrough verify`
-- checks that it does not.

CREATE TABLE milestone_count (
    recommendation_id INTEGER NOT NULL,
    state             TEXT NOT NULL,
    n                 INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (recommendation_id, state)
) STRICT, WITHOUT ROWID;

INSERT INTO milestone_count (recommendation_id, state, n)
SELECT recommendation_id, state, count(*) FROM milestone GROUP BY recommendation_id, state;

CREATE TRIGGER milestone_count_insert AFTER INSERT ON milestone BEGIN
    INSERT INTO milestone_count (recommendation_id, state, n)
    VALUES (new.recommendation_id, new.state, 1)
    ON CONFLICT (recommendation_id, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER milestone_count_delete AFTER DELETE ON milestone BEGIN
    UPDATE milestone_count SET n = n - 1
    WHERE recommendation_id = old.recommendation_id AND state = old.state;
END;
CREATE TRIGGER milestone_count_update AFTER UPDATE OF recommendation_id, state ON milestone BEGIN
    UPDATE milestone_count SET n = n - 1
    WHERE recommendation_id = old.recommendation_id AND state = old.state;
    INSERT INTO milestone_count (recommendation_id, state, n)
    VALUES (new.recommendation_id, new.state, 1)
    ON CONFLICT (recommendation_id, state) DO UPDATE SET n = n + 1;
END;

CREATE TABLE evidence_count (
    recommendation_id INTEGER NOT NULL,
    kind              TEXT NOT NULL,
    n                 INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (recommendation_id, kind)
) STRICT, WITHOUT ROWID;

INSERT INTO evidence_count (recommendation_id, kind, n)
SELECT recommendation_id, kind, count(*) FROM evidence GROUP BY recommendation_id, kind;

CREATE TRIGGER evidence_count_insert AFTER INSERT ON evidence BEGIN
    INSERT INTO evidence_count (recommendation_id, kind, n)
    VALUES (new.recommendation_id, new.kind, 1)
    ON CONFLICT (recommendation_id, kind) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER evidence_count_delete AFTER DELETE ON evidence BEGIN
    UPDATE evidence_count SET n = n - 1
    WHERE recommendation_id = old.recommendation_id AND kind = old.kind;
END;
CREATE TRIGGER evidence_count_update AFTER UPDATE OF recommendation_id, kind ON evidence BEGIN
    UPDATE evidence_count SET n = n - 1
    WHERE recommendation_id = old.recommendation_id AND kind = old.kind;
    INSERT INTO evidence_count (recommendation_id, kind, n)
    VALUES (new.recommendation_id, new.kind, 1)
    ON CONFLICT (recommendation_id, kind) DO UPDATE SET n = n + 1;
END;

-- A recommendation's page lists the milestones still open, due since the
-- period began or finished since then; with this index each of the three is
-- a range of an index rather than a read of every milestone.
CREATE INDEX milestone_by_recommendation_completed ON milestone(recommendation_id, completed_on);
