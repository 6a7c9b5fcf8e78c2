-- Followthrough schema, version 4: a full-text index for search, and an
-- index that keeps the dashboard fast however long the history grows.
--
-- Search reads what people write: evidence notes (text and source),
-- milestone titles and the four texts of an assessment. Scanning every row
-- with LIKE grows with the tracker; an FTS5 index finds the rows holding
-- the searched words in time that grows with the number of hits instead.
-- The indexes hold no copy of the text (external content): triggers keep
-- them in step with their tables in the same transaction as each change,
-- and each is built from its table when this migration runs.

CREATE VIRTUAL TABLE evidence_search USING fts5(
    text, source_ref,
    content = 'evidence', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO evidence_search (evidence_search) VALUES ('rebuild');

CREATE TRIGGER evidence_search_insert AFTER INSERT ON evidence BEGIN
    INSERT INTO evidence_search (rowid, text, source_ref)
    VALUES (new.id, new.text, new.source_ref);
END;
CREATE TRIGGER evidence_search_delete AFTER DELETE ON evidence BEGIN
    INSERT INTO evidence_search (evidence_search, rowid, text, source_ref)
    VALUES ('delete', old.id, old.text, old.source_ref);
END;
CREATE TRIGGER evidence_search_update AFTER UPDATE OF text, source_ref ON evidence BEGIN
    INSERT INTO evidence_search (evidence_search, rowid, text, source_ref)
    VALUES ('delete', old.id, old.text, old.source_ref);
    INSERT INTO evidence_search (rowid, text, source_ref)
    VALUES (new.id, new.text, new.source_ref);
END;

CREATE VIRTUAL TABLE milestone_search USING fts5(
    title,
    content = 'milestone', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO milestone_search (milestone_search) VALUES ('rebuild');

CREATE TRIGGER milestone_search_insert AFTER INSERT ON milestone BEGIN
    INSERT INTO milestone_search (rowid, title) VALUES (new.id, new.title);
END;
CREATE TRIGGER milestone_search_delete AFTER DELETE ON milestone BEGIN
    INSERT INTO milestone_search (milestone_search, rowid, title)
    VALUES ('delete', old.id, old.title);
END;
CREATE TRIGGER milestone_search_update AFTER UPDATE OF title ON milestone BEGIN
    INSERT INTO milestone_search (milestone_search, rowid, title)
    VALUES ('delete', old.id, old.title);
    INSERT INTO milestone_search (rowid, title) VALUES (new.id, new.title);
END;

CREATE VIRTUAL TABLE assessment_search USING fts5(
    commentary, next_steps, risks, decisions_required,
    content = 'assessment', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO assessment_search (assessment_search) VALUES ('rebuild');

CREATE TRIGGER assessment_search_insert AFTER INSERT ON assessment BEGIN
    INSERT INTO assessment_search (rowid, commentary, next_steps, risks, decisions_required)
    VALUES (new.id, new.commentary, new.next_steps, new.risks, new.decisions_required);
END;
CREATE TRIGGER assessment_search_delete AFTER DELETE ON assessment BEGIN
    INSERT INTO assessment_search (assessment_search, rowid, commentary, next_steps, risks, decisions_required)
    VALUES ('delete', old.id, old.commentary, old.next_steps, old.risks, old.decisions_required);
END;
CREATE TRIGGER assessment_search_update
AFTER UPDATE OF commentary, next_steps, risks, decisions_required ON assessment BEGIN
    INSERT INTO assessment_search (assessment_search, rowid, commentary, next_steps, risks, decisions_required)
    VALUES ('delete', old.id, old.commentary, old.next_steps, old.risks, old.decisions_required);
    INSERT INTO assessment_search (rowid, commentary, next_steps, risks, decisions_required)
    VALUES (new.id, new.commentary, new.next_steps, new.risks, new.decisions_required);
END;

-- The dashboard and every snapshot count a recommendation's milestones by
-- state and find its next open one: this index answers both without
-- reading the milestones themselves.
CREATE INDEX milestone_by_recommendation_state ON milestone(recommendation_id, state, current_due);
