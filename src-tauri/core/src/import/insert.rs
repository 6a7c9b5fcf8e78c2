//! Writes a checked export into an empty, migrated data file, row for row
//! with the export's ids, so references and the audit trail stay valid.

use crate::audit;
use crate::error::Result;
use crate::export::json::ExportDocument;
use crate::snapshots;
use rusqlite::{params, Transaction};

pub(super) fn document(tx: &Transaction<'_>, doc: &ExportDocument) -> Result<()> {
    let r = &doc.report;
    tx.execute(
        "INSERT INTO report (id, key, title, subtitle, authors, publisher, published)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            r.id,
            r.key,
            r.title,
            r.subtitle,
            serde_json::to_string(&r.authors).expect("strings serialise"),
            r.publisher,
            r.published
        ],
    )?;
    for o in &doc.owners {
        tx.execute(
            "INSERT INTO owner (id, name, title, unit, email, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![o.id, o.name, o.title, o.unit, o.email, o.active],
        )?;
    }
    for r in &doc.recommendations {
        tx.execute(
            "INSERT INTO recommendation (id, report_id, number, title, lead_sentence, text, findings,
                 target_date, lead_owner_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                r.id,
                r.report_id,
                r.number,
                r.title,
                r.lead,
                r.text,
                r.findings,
                r.target_date,
                r.lead_owner_id
            ],
        )?;
        for owner in &r.supporting_owner_ids {
            tx.execute(
                "INSERT INTO supporting_owner (recommendation_id, owner_id) VALUES (?1, ?2)",
                params![r.id, owner],
            )?;
        }
    }
    for m in &doc.milestones {
        tx.execute(
            "INSERT INTO milestone (id, recommendation_id, title, owner_id, baseline_due, current_due,
                 state, completed_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                m.id,
                m.recommendation_id,
                m.title,
                m.owner_id,
                m.baseline_due,
                m.current_due,
                m.state,
                m.completed_on
            ],
        )?;
        for v in &m.revisions {
            tx.execute(
                "INSERT INTO milestone_revision (id, milestone_id, old_due, new_due, reason, revised_at,
                     revised_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    v.id,
                    v.milestone_id,
                    v.old_due,
                    v.new_due,
                    v.reason,
                    v.revised_at,
                    v.revised_by
                ],
            )?;
        }
    }
    for e in &doc.evidence {
        tx.execute(
            "INSERT INTO evidence (id, recommendation_id, milestone_id, observed_on, kind, author, text,
                 source_ref, recorded_at, recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                e.id,
                e.recommendation_id,
                e.milestone_id,
                e.observed_on,
                e.kind,
                e.author,
                e.text,
                e.source_ref,
                e.recorded_at,
                e.recorded_by
            ],
        )?;
    }
    for p in &doc.periods {
        tx.execute(
            "INSERT INTO period (id, label, starts_on, ends_on, state, signed_off_at, signed_off_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                p.id,
                p.label,
                p.starts_on,
                p.ends_on,
                p.state,
                p.signed_off_at,
                p.signed_off_by
            ],
        )?;
    }
    for a in &doc.assessments {
        tx.execute(
            "INSERT INTO assessment (id, period_id, recommendation_id, status, confidence, commentary,
                 next_steps, risks, decisions_required, reported_at, reported_by, review_state,
                 review_comment, reviewed_at, reviewed_by, accepted_status, accepted_confidence)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            params![
                a.id,
                a.period_id,
                a.recommendation_id,
                a.status,
                a.confidence,
                a.commentary,
                a.next_steps,
                a.risks,
                a.decisions_required,
                a.reported_at,
                a.reported_by,
                a.review_state,
                a.review_comment,
                a.reviewed_at,
                a.reviewed_by,
                a.accepted_status,
                a.accepted_confidence
            ],
        )?;
    }
    for r in &doc.reviewers {
        tx.execute(
            "INSERT INTO reviewer (id, name, role, public_key, fingerprint, added_at, added_by,
                 removed_at, removed_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                r.id,
                r.name,
                r.role,
                r.public_key,
                r.fingerprint,
                r.added_at,
                r.added_by,
                r.removed_at,
                r.removed_by
            ],
        )?;
    }
    for d in &doc.decisions {
        tx.execute(
            "INSERT INTO signed_decision (id, reviewer_id, period_id, assessment_id, decision,
                 statement, signature, applied_at, applied_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                d.id,
                d.reviewer_id,
                d.period_id,
                d.assessment_id,
                d.decision,
                d.statement,
                d.signature,
                d.applied_at,
                d.applied_by
            ],
        )?;
    }
    if doc.sample {
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('kind', 'sample')",
            [],
        )?;
    }
    // The tracker keeps its identity across export and import; an export
    // made before identities existed gets the new file's.
    if let Some(id) = &doc.tracker_id {
        tx.execute("UPDATE meta SET value = ?1 WHERE key = 'tracker_id'", [id])?;
    }
    for snapshot in &doc.snapshots {
        snapshots::insert(tx, snapshot)?;
    }
    for event in &doc.audit {
        audit::insert_verbatim(tx, event)?;
    }
    // An export made before snapshots existed (format version 1), rebuilt
    // once the trail is in place: it dates when each milestone was added.
    snapshots::reconstruct_missing(tx)?;
    // An export made at data version 1 carries events from before the
    // chain: they are sealed as migration 2 sealed such a file's events.
    if doc.schema_version == 1 {
        crate::db::migrate::seal_events_of_version_1(tx)?;
    }
    Ok(())
}
