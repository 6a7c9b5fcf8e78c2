//! Assessments: one per recommendation per reporting period, held with two
//! keys.
//!
//! The executive assistant *reports* a status and a confidence with the
//! commentary; a second person, the deputy minister, *accepts* the report or
//! *returns* it with a question. The one who reported cannot review, and
//! "Fully implemented" cannot be accepted without evidence dated on or
//! before the end of the period: the tracker resists declaring victory
//! early. Nothing in a signed-off period changes.

use crate::actor::Actor;
use crate::audit::{Action, Change, Subject};
use crate::error::{CoreError, Result, Rule};
use crate::evidence;
use crate::periods;
use crate::recommendations;
use crate::scales::{Confidence, ImplementationStatus, PeriodState, ReviewState};
use crate::seals::RecordKind;
use crate::tracker::Tracker;
use crate::validate::{self, limit, Lines};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub id: i64,
    pub period_id: i64,
    pub recommendation_id: i64,
    pub status: ImplementationStatus,
    pub confidence: Confidence,
    pub commentary: String,
    pub next_steps: String,
    pub risks: String,
    pub decisions_required: String,
    pub reported_at: String,
    pub reported_by: String,
    pub review_state: ReviewState,
    pub review_comment: String,
    pub reviewed_at: Option<String>,
    pub reviewed_by: Option<String>,
    /// What the deputy minister last accepted, kept when a new report
    /// awaits review.
    pub accepted_status: Option<ImplementationStatus>,
    pub accepted_confidence: Option<Confidence>,
}

/// What the executive assistant reports for one recommendation in one
/// period.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AssessmentInput {
    pub period_id: i64,
    pub recommendation_id: i64,
    pub status: String,
    pub confidence: String,
    pub commentary: String,
    pub next_steps: String,
    pub risks: String,
    pub decisions_required: String,
}

/// An assessment's free-text fields (commentary, next steps, risks,
/// decisions required, the review comment): optional, several lines each.
/// The use cases and the importer both apply it.
pub(crate) fn check_texts(fields: &[(&'static str, &str)]) -> Result<()> {
    for (field, value) in fields {
        validate::optional(field, value, limit::LONG_TEXT, Lines::Multi)?;
    }
    Ok(())
}

/// Returning an assessment needs a comment: the question the reporter
/// answers.
fn check_return_comment(comment: &str) -> Result<()> {
    validate::required("comment", comment, limit::LONG_TEXT, Lines::Multi)
}

const COLUMNS: &str = "id, period_id, recommendation_id, status, confidence, commentary, next_steps, risks, decisions_required, reported_at, reported_by, review_state, review_comment, reviewed_at, reviewed_by, accepted_status, accepted_confidence";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Assessment> {
    Ok(Assessment {
        id: r.get(0)?,
        period_id: r.get(1)?,
        recommendation_id: r.get(2)?,
        status: r.get(3)?,
        confidence: r.get(4)?,
        commentary: r.get(5)?,
        next_steps: r.get(6)?,
        risks: r.get(7)?,
        decisions_required: r.get(8)?,
        reported_at: r.get(9)?,
        reported_by: r.get(10)?,
        review_state: r.get(11)?,
        review_comment: r.get(12)?,
        reviewed_at: r.get(13)?,
        reviewed_by: r.get(14)?,
        accepted_status: r.get(15)?,
        accepted_confidence: r.get(16)?,
    })
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Assessment> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM assessment WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::not_found("assessment", id))
}

pub(crate) fn find(
    conn: &Connection,
    period_id: i64,
    recommendation_id: i64,
) -> Result<Option<Assessment>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM assessment WHERE period_id = ?1 AND recommendation_id = ?2"
        ))?
        .query_row([period_id, recommendation_id], from_row)
        .optional()?)
}

fn prefixed_columns() -> String {
    COLUMNS
        .split(", ")
        .map(|c| format!("a.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Assessments of one period, or of one recommendation across periods, or
/// all; ordered by period start then recommendation number.
pub(crate) fn list(
    conn: &Connection,
    period_id: Option<i64>,
    recommendation_id: Option<i64>,
) -> Result<Vec<Assessment>> {
    // Only the filters given go into the condition, so SQLite seeks the
    // matching index (`?1 IS NULL OR …` would make it read every period).
    let mut conditions = Vec::new();
    let mut values = Vec::new();
    if let Some(id) = period_id {
        conditions.push("a.period_id = ?");
        values.push(id);
    }
    if let Some(id) = recommendation_id {
        conditions.push("a.recommendation_id = ?");
        values.push(id);
    }
    let condition = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM assessment a
         JOIN period p ON p.id = a.period_id
         JOIN recommendation r ON r.id = a.recommendation_id
         {condition}
         ORDER BY p.starts_on, r.number",
        prefixed_columns()
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values), from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A recommendation's assessments with their period's label and state, the
/// latest `limit` periods' (every one when `None`), oldest first.
pub(crate) fn latest_of_recommendation(
    conn: &Connection,
    recommendation_id: i64,
    limit: Option<usize>,
) -> Result<Vec<(Assessment, String, PeriodState)>> {
    // CROSS JOIN keeps the periods as the outer loop, walked newest first
    // along their start-date index, so the query stops after `limit`
    // assessments. Left to choose, SQLite reads all of the recommendation's
    // assessments and sorts them: 3.5 ms instead of 0.1 ms at 800 periods.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {}, p.label, p.state FROM period p
         CROSS JOIN assessment a ON a.period_id = p.id AND a.recommendation_id = ?1
         ORDER BY p.starts_on DESC, p.id DESC LIMIT ?2",
        prefixed_columns()
    ))?;
    let limit = limit.map(|n| n as i64).unwrap_or(-1);
    let mut rows: Vec<_> = stmt
        .query_map(params![recommendation_id, limit], |r| {
            Ok((from_row(r)?, r.get(17)?, r.get(18)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.reverse();
    Ok(rows)
}

/// How many periods have an assessment of the recommendation.
pub(crate) fn count_of_recommendation(conn: &Connection, recommendation_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM assessment WHERE recommendation_id = ?1")?
        .query_row([recommendation_id], |r| r.get(0))?)
}

fn subject(a: &Assessment) -> Subject {
    Subject {
        kind: RecordKind::Assessment,
        id: a.id,
        recommendation_id: Some(a.recommendation_id),
    }
}

/// The reports of period `period_id` awaiting review, by recommendation number.
pub(crate) fn awaiting_review(
    conn: &Connection,
    period_id: i64,
) -> Result<Vec<crate::pages::ReviewQueueItem>> {
    Ok(conn
        .prepare_cached(
            "SELECT r.id, r.number FROM assessment a JOIN recommendation r ON r.id = a.recommendation_id
             WHERE a.period_id = ?1 AND a.review_state = ?2 ORDER BY r.number",
        )?
        .query_map(params![period_id, ReviewState::Pending], |r| {
            Ok(crate::pages::ReviewQueueItem {
                recommendation_id: r.get(0)?,
                number: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// The two-key rule: whoever reported an assessment cannot also review it
/// (names compared in their normal form, see [`crate::actor`]).
pub(crate) fn check_reviewer(reported_by: &str, reviewer: &str) -> Result<()> {
    if crate::actor::same_person(reported_by, reviewer) {
        return Err(CoreError::SameReviewer {
            actor: reviewer.to_owned(),
        });
    }
    Ok(())
}

/// The evidence gate: "Fully implemented" is accepted only when the
/// recommendation has evidence dated on or before the end of the period.
pub(crate) fn check_evidence_gate(
    status: ImplementationStatus,
    has_evidence: bool,
    number: i64,
    period_label: &str,
) -> Result<()> {
    if status == ImplementationStatus::FullyImplemented && !has_evidence {
        return Err(CoreError::EvidenceRequired {
            number,
            period: period_label.to_owned(),
        });
    }
    Ok(())
}

/// Loads an assessment for review, refusing reviews that the rules forbid.
fn reviewable(ch: &Change<'_>, id: i64) -> Result<(Assessment, periods::Period)> {
    let a = get(ch.tx, id)?;
    let period = periods::get(ch.tx, a.period_id)?;
    periods::require_open(&period)?;
    check_reviewer(&a.reported_by, ch.actor.as_str())?;
    Ok((a, period))
}

impl Tracker {
    pub fn assessments(
        &mut self,
        period_id: Option<i64>,
        recommendation_id: Option<i64>,
    ) -> Result<Vec<Assessment>> {
        self.read(|c| list(c, period_id, recommendation_id))
    }

    pub fn assessment(&mut self, id: i64) -> Result<Assessment> {
        self.read(|c| get(c, id))
    }

    /// Records (or replaces) the reported status, confidence and commentary
    /// for a recommendation in an open period. Any earlier review is set
    /// aside: a new report waits for a new review.
    pub fn report_assessment(
        &mut self,
        actor: &Actor,
        input: &AssessmentInput,
    ) -> Result<Assessment> {
        let status = ImplementationStatus::parse("status", &input.status)?;
        let confidence = Confidence::parse("confidence", &input.confidence)?;
        check_texts(&[
            ("commentary", &input.commentary),
            ("next_steps", &input.next_steps),
            ("risks", &input.risks),
            ("decisions_required", &input.decisions_required),
        ])?;
        self.write(actor, |ch| {
            let period = periods::get(ch.tx, input.period_id).map_err(|e| match e {
                CoreError::NotFound { .. } => CoreError::invalid("period_id", Rule::UnknownValue),
                e => e,
            })?;
            periods::require_open(&period)?;
            recommendations::require(ch.tx, "recommendation_id", input.recommendation_id)?;
            let before = find(ch.tx, input.period_id, input.recommendation_id)?;
            let values = params![
                input.period_id,
                input.recommendation_id,
                status,
                confidence,
                input.commentary,
                input.next_steps,
                input.risks,
                input.decisions_required,
                ch.now,
                ch.actor.as_str()
            ];
            let id = match &before {
                None => {
                    ch.tx.execute(
                        "INSERT INTO assessment (period_id, recommendation_id, status, confidence, commentary,
                             next_steps, risks, decisions_required, reported_at, reported_by)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                        values,
                    )?;
                    ch.tx.last_insert_rowid()
                }
                Some(b) => {
                    ch.tx.execute(
                        "UPDATE assessment SET status = ?3, confidence = ?4, commentary = ?5, next_steps = ?6,
                             risks = ?7, decisions_required = ?8, reported_at = ?9, reported_by = ?10,
                             review_state = 'pending'
                         WHERE period_id = ?1 AND recommendation_id = ?2",
                        values,
                    )?;
                    b.id
                }
            };
            let after = get(ch.tx, id)?;
            ch.audit(Action::ReportAssessment, subject(&after), before.as_ref(), Some(&after))?;
            Ok(after)
        })
    }

    /// The deputy minister accepts the reported status and confidence, by
    /// name: only while the tracker has no registered reviewer (then a
    /// signed decision does it, see [`crate::decisions`]).
    pub fn accept_assessment(&mut self, actor: &Actor, id: i64) -> Result<Assessment> {
        self.write(actor, |ch| {
            crate::reviewers::require_none_registered(ch.tx)?;
            let (before, after) = accept(ch, id)?;
            ch.audit(
                Action::AcceptAssessment,
                subject(&after),
                Some(&before),
                Some(&after),
            )?;
            Ok(after)
        })
    }

    /// The deputy minister returns the report with a question or comment,
    /// by name (as [`Tracker::accept_assessment`]). Whatever was accepted
    /// earlier stays on record as accepted.
    pub fn return_assessment(
        &mut self,
        actor: &Actor,
        id: i64,
        comment: &str,
    ) -> Result<Assessment> {
        check_return_comment(comment)?;
        self.write(actor, |ch| {
            crate::reviewers::require_none_registered(ch.tx)?;
            let (before, after) = return_(ch, id, comment)?;
            ch.audit(
                Action::ReturnAssessment,
                subject(&after),
                Some(&before),
                Some(&after),
            )?;
            Ok(after)
        })
    }
}

/// Accepts assessment `id` as `ch.actor`, under every rule of a review;
/// the caller records the event. Gives the assessment before and after.
pub(crate) fn accept(ch: &Change<'_>, id: i64) -> Result<(Assessment, Assessment)> {
    let (before, period) = reviewable(ch, id)?;
    if before.review_state == ReviewState::Accepted {
        return Err(CoreError::AlreadyReviewed(ReviewState::Accepted));
    }
    if before.status == ImplementationStatus::FullyImplemented {
        let number: i64 = ch.tx.query_row(
            "SELECT number FROM recommendation WHERE id = ?1",
            [before.recommendation_id],
            |r| r.get(0),
        )?;
        check_evidence_gate(
            before.status,
            evidence::exists_by(ch.tx, before.recommendation_id, period.ends_on)?,
            number,
            &period.label,
        )?;
    }
    ch.tx.execute(
        "UPDATE assessment SET review_state = 'accepted', review_comment = '', reviewed_at = ?2,
             reviewed_by = ?3, accepted_status = status, accepted_confidence = confidence
         WHERE id = ?1",
        params![id, ch.now, ch.actor.as_str()],
    )?;
    Ok((before, get(ch.tx, id)?))
}

/// Returns assessment `id` with `comment` as `ch.actor` (as [`accept`]).
pub(crate) fn return_(ch: &Change<'_>, id: i64, comment: &str) -> Result<(Assessment, Assessment)> {
    check_return_comment(comment)?;
    let (before, _) = reviewable(ch, id)?;
    if before.review_state == ReviewState::Returned {
        return Err(CoreError::AlreadyReviewed(ReviewState::Returned));
    }
    ch.tx.execute(
        "UPDATE assessment SET review_state = 'returned', review_comment = ?2, reviewed_at = ?3,
             reviewed_by = ?4
         WHERE id = ?1",
        params![id, comment, ch.now, ch.actor.as_str()],
    )?;
    Ok((before, get(ch.tx, id)?))
}

/// What a reviewer judges: the assessment as reported, without its
/// review. Its SHA-256 ([`reported_hash`]) binds a signed decision to the
/// report the reviewer saw; a new report changes it.
#[derive(Serialize)]
struct Reported<'a> {
    id: i64,
    period_id: i64,
    recommendation_id: i64,
    status: ImplementationStatus,
    confidence: Confidence,
    commentary: &'a str,
    next_steps: &'a str,
    risks: &'a str,
    decisions_required: &'a str,
    reported_at: &'a str,
    reported_by: &'a str,
}

/// The hash of an assessment as reported (see [`Reported`]).
pub fn reported_hash(a: &Assessment) -> String {
    crate::seals::seal_of(&Reported {
        id: a.id,
        period_id: a.period_id,
        recommendation_id: a.recommendation_id,
        status: a.status,
        confidence: a.confidence,
        commentary: &a.commentary,
        next_steps: &a.next_steps,
        risks: &a.risks,
        decisions_required: &a.decisions_required,
        reported_at: &a.reported_at,
        reported_by: &a.reported_by,
    })
}

pub(crate) fn subject_of(a: &Assessment) -> Subject {
    subject(a)
}

/// The deputy minister's returns of assessment `id`, oldest first, with
/// their comments: read from the trail's return events (each keeps the
/// comment it recorded, though a later report clears the assessment's own).
pub(crate) fn returns(conn: &Connection, id: i64) -> Result<Vec<crate::snapshots::Return>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, actor, coalesce(json_extract(after_json, '$.review_comment'), '')
         FROM audit_event
         WHERE entity_kind = ?1 AND entity_id = ?2 AND action = ?3
         ORDER BY id",
    )?;
    let rows = stmt.query_map(
        params![
            RecordKind::Assessment.as_str(),
            id,
            Action::ReturnAssessment.as_str()
        ],
        |r| {
            Ok(crate::snapshots::Return {
                at: r.get(0)?,
                by: r.get(1)?,
                comment: r.get(2)?,
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
