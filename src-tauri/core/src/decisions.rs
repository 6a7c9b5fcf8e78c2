//! Signed decisions: a reviewer's accept, return or sign-off, signed with
//! their private key and kept with its signature.
//!
//! A decision is a *statement*, a small JSON text naming the tracker, the
//! period, the assessment as reported (by the hash of its content,
//! [`crate::assessments::reported_hash`]), what was decided, the comment,
//! when, and the reviewer's key. The reviewer's key signs that exact text
//! (minisign); the tracker stores both, so the decision can be checked
//! against the register years later, by `followthrough verify` or with
//! Debian's `minisign` and the reviewer's public key.
//!
//! A decision is applied under every rule a review by name meets (the
//! reviewer is not the reporter, "Fully implemented" needs evidence, a
//! period signs off only when all is accepted), by the registered
//! reviewer's name, in one transaction with its audit event; the event
//! seals the decision record beside the assessment or period it changed.
//! A decision on a report that changed after the reviewer saw it is
//! refused: the reviewer must see the new report.

use crate::actor::Actor;
use crate::assessments;
use crate::audit::{Action, Change};
use crate::error::{CoreError, Result, Rule};
use crate::keys::SecretKey;
use crate::periods;
use crate::reviewers::{self, Reviewer};
use crate::scales::DecisionKind;
use crate::seals::{self, RecordKind, Seals};
use crate::tracker::Tracker;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

pub const STATEMENT_FORMAT: &str = "followthrough-decision";

/// The text a reviewer signs. Its fields are in a fixed order and it is
/// stored exactly as signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub format: String,
    pub version: u32,
    pub tracker_id: String,
    pub period_id: i64,
    /// The period's label, for a person reading the statement.
    pub period: String,
    pub assessment_id: Option<i64>,
    /// The recommendation's number, for a person reading the statement.
    pub recommendation: Option<i64>,
    /// The hash of the assessment as reported, as the reviewer saw it.
    pub reported: Option<String>,
    pub decision: DecisionKind,
    pub comment: String,
    pub decided_at: String,
    pub reviewer: String,
    /// The signing key's fingerprint.
    pub key: String,
}

impl Statement {
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).expect("a statement serialises")
    }

    pub fn parse(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }
}

/// A decision as the tracker keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedDecision {
    pub id: i64,
    pub reviewer_id: i64,
    pub period_id: i64,
    pub assessment_id: Option<i64>,
    pub decision: DecisionKind,
    /// The statement, exactly as signed.
    pub statement: String,
    /// minisign's signature of `statement`.
    pub signature: String,
    pub applied_at: String,
    pub applied_by: String,
}

/// What a reviewer decides at the screen.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DecisionInput {
    pub period_id: i64,
    /// None for a period's sign-off.
    pub assessment_id: Option<i64>,
    /// A [`DecisionKind`] key.
    pub decision: String,
    pub comment: String,
    /// The hash of the report the reviewer was shown
    /// ([`crate::assessments::reported_hash`]); none for a sign-off.
    pub reported: Option<String>,
}

const COLUMNS: &str = "id, reviewer_id, period_id, assessment_id, decision, statement, signature, applied_at, applied_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<SignedDecision> {
    Ok(SignedDecision {
        id: r.get(0)?,
        reviewer_id: r.get(1)?,
        period_id: r.get(2)?,
        assessment_id: r.get(3)?,
        decision: r.get(4)?,
        statement: r.get(5)?,
        signature: r.get(6)?,
        applied_at: r.get(7)?,
        applied_by: r.get(8)?,
    })
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<SignedDecision> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM signed_decision WHERE id = ?1"
    ))?
    .query_row([id], from_row)
    .optional()?
    .ok_or_else(|| CoreError::not_found("signed decision", id))
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<SignedDecision>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM signed_decision ORDER BY id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Who signed a review (of an assessment, or a period's sign-off): the
/// reviewer's name and short key fingerprint as the statement names them,
/// and when they decided. Kept in a period's snapshot, so a briefing says
/// it years later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    pub reviewer: String,
    /// The first two groups of the key's fingerprint.
    pub key: String,
    pub decided_at: String,
    pub decision: DecisionKind,
}

impl Signer {
    fn of_statement(text: &str) -> Option<Signer> {
        Statement::parse(text).map(|s| Signer {
            reviewer: s.reviewer,
            key: crate::keys::short(&s.key).to_owned(),
            decided_at: s.decided_at,
            decision: s.decision,
        })
    }
}

/// Who signed what, as the screens, the status and the snapshots read it.
/// Most trackers hold no signed decision: made with one look at whether
/// any exists, the reader then answers every question without a query.
pub(crate) struct Signers<'c> {
    conn: &'c Connection,
    any: bool,
}

impl<'c> Signers<'c> {
    pub(crate) fn of(conn: &'c Connection) -> Result<Self> {
        Ok(Signers {
            conn,
            any: any(conn)?,
        })
    }

    /// The review standing on `a` was signed if a signed decision on it
    /// was applied at the moment it was reviewed (a later review by name,
    /// once no reviewer was registered, is not signed).
    pub(crate) fn review(&self, a: &crate::assessments::Assessment) -> Result<Option<Signer>> {
        match (&a.reviewed_at, self.any) {
            (Some(reviewed_at), true) => self.statement(
                "SELECT statement FROM signed_decision
                 WHERE assessment_id = ?1 AND applied_at = ?2
                 ORDER BY id DESC LIMIT 1",
                params![a.id, reviewed_at],
            ),
            _ => Ok(None),
        }
    }

    /// A period's sign-off was signed if a signed sign-off of it was
    /// applied at the moment it was signed off.
    pub(crate) fn sign_off(&self, period: &crate::periods::Period) -> Result<Option<Signer>> {
        match (&period.signed_off_at, self.any) {
            (Some(signed_off_at), true) => self.statement(
                "SELECT statement FROM signed_decision
                 WHERE period_id = ?1 AND assessment_id IS NULL AND decision = ?2
                     AND applied_at = ?3
                 ORDER BY id DESC LIMIT 1",
                params![period.id, DecisionKind::SignOff, signed_off_at],
            ),
            _ => Ok(None),
        }
    }

    /// The signer of the decision audit event `event_id` applied, if it
    /// applied one: the event seals the decision record it added beside
    /// the assessment or period it changed.
    pub(crate) fn event(&self, event_id: i64) -> Result<Option<Signer>> {
        if !self.any {
            return Ok(None);
        }
        let records: Option<String> = self
            .conn
            .prepare_cached("SELECT records FROM audit_event WHERE id = ?1")?
            .query_row([event_id], |r| r.get(0))
            .optional()?
            .flatten();
        let decision = records
            .and_then(|r| serde_json::from_str::<Seals>(&r).ok())
            .and_then(|s| {
                s.records
                    .into_iter()
                    .find(|(kind, _, _)| *kind == RecordKind::Decision)
            });
        match decision {
            Some((_, id, _)) => self.statement(
                "SELECT statement FROM signed_decision WHERE id = ?1",
                params![id],
            ),
            None => Ok(None),
        }
    }

    /// The signer named by the statement `sql` finds, if it finds one.
    fn statement(&self, sql: &str, args: impl rusqlite::Params) -> Result<Option<Signer>> {
        let text: Option<String> = self
            .conn
            .prepare_cached(sql)?
            .query_row(args, |r| r.get(0))
            .optional()?;
        Ok(text.and_then(|t| Signer::of_statement(&t)))
    }
}

/// Why a stored decision does not hold, if it does not: its statement is
/// not what it says it is, or its signature is not its reviewer's.
pub(crate) fn problem(
    decision: &SignedDecision,
    reviewer: &Reviewer,
    tracker_id: &str,
) -> Option<String> {
    let Some(statement) = Statement::parse(&decision.statement) else {
        return Some("its statement is not a decision".into());
    };
    let Ok(key) = reviewer.key() else {
        return Some(format!("reviewer {} has no readable key", reviewer.id));
    };
    if !key.verify(decision.statement.as_bytes(), &decision.signature) {
        return Some(format!(
            "its signature is not {}'s ({})",
            reviewer.name, reviewer.fingerprint
        ));
    }
    let agrees = statement.format == STATEMENT_FORMAT
        && statement.tracker_id == tracker_id
        && statement.key == reviewer.fingerprint
        && statement.period_id == decision.period_id
        && statement.assessment_id == decision.assessment_id
        && statement.decision == decision.decision;
    (!agrees).then(|| "its record does not match the statement its reviewer signed".into())
}

/// Applies a signed statement: the review it states, by the reviewer's
/// name, and the decision record; then the event, sealing both. The
/// signature was checked by the caller against `reviewer`'s key, and
/// `ch.actor` is the reviewer; `applied_by` is who applied it (the
/// reviewer at the computer, or the executive assistant applying a
/// response).
pub(crate) fn apply(
    ch: &Change<'_>,
    tracker_id: &str,
    reviewer: &Reviewer,
    statement: &Statement,
    signed: (&str, &str),
    applied_by: &str,
) -> Result<SignedDecision> {
    let (text, signature) = signed;
    if statement.tracker_id != tracker_id {
        return Err(CoreError::NotThisTracker);
    }
    if !reviewer.registered() || statement.key != reviewer.fingerprint {
        return Err(CoreError::NotAReviewer);
    }
    let insert = |assessment_id: Option<i64>| -> Result<SignedDecision> {
        ch.tx.execute(
            "INSERT INTO signed_decision (reviewer_id, period_id, assessment_id, decision, statement,
                 signature, applied_at, applied_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                reviewer.id,
                statement.period_id,
                assessment_id,
                statement.decision,
                text,
                signature,
                ch.now,
                applied_by
            ],
        )?;
        get(ch.tx, ch.tx.last_insert_rowid())
    };
    let seal = |kind: RecordKind, id: i64| -> Result<(RecordKind, i64, Option<String>)> {
        Ok((kind, id, seals::current(ch.tx, kind, id)?))
    };
    match statement.decision {
        DecisionKind::Accept | DecisionKind::Return => {
            let id = statement
                .assessment_id
                .ok_or_else(|| CoreError::invalid("assessment_id", Rule::Required))?;
            let current = assessments::get(ch.tx, id)?;
            if current.period_id != statement.period_id {
                return Err(CoreError::invalid("assessment_id", Rule::UnknownValue));
            }
            if statement.reported.as_deref() != Some(assessments::reported_hash(&current).as_str())
            {
                return Err(CoreError::ChangedSinceReview);
            }
            let (before, after) = if statement.decision == DecisionKind::Accept {
                assessments::accept(ch, id)?
            } else {
                assessments::return_(ch, id, &statement.comment)?
            };
            let decision = insert(Some(id))?;
            let action = if statement.decision == DecisionKind::Accept {
                Action::AcceptAssessment
            } else {
                Action::ReturnAssessment
            };
            let records = Seals::changed(vec![
                seal(RecordKind::Assessment, id)?,
                seal(RecordKind::Decision, decision.id)?,
            ]);
            ch.audit_sealed(
                action,
                assessments::subject_of(&after),
                Some(&before),
                Some(&after),
                &records,
            )?;
            Ok(decision)
        }
        DecisionKind::SignOff => {
            if statement.assessment_id.is_some() {
                return Err(CoreError::invalid("assessment_id", Rule::UnknownValue));
            }
            // Recorded first, so the snapshot frozen at sign-off names its
            // signer.
            let decision = insert(None)?;
            let (before, _, recorded) = periods::sign_off(ch, statement.period_id)?;
            let records = Seals::changed(vec![
                seal(RecordKind::Period, statement.period_id)?,
                seal(RecordKind::Decision, decision.id)?,
            ]);
            ch.audit_sealed(
                Action::SignOffPeriod,
                periods::subject_of(statement.period_id),
                Some(&before),
                Some(&recorded),
                &records,
            )?;
            Ok(decision)
        }
    }
}

/// Whether the tracker holds any signed decision.
pub(crate) fn any(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM signed_decision)")?
        .query_row([], |r| r.get(0))?)
}

/// Whether exactly this signed statement is already applied.
pub(crate) fn applied(conn: &Connection, text: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM signed_decision WHERE statement = ?1)")?
        .query_row([text], |r| r.get(0))?)
}

/// A decision's comment: the question a return asks is required; any
/// other comment is optional. The same check at the computer and on the
/// reviewer's laptop.
pub(crate) fn check_comment(decision: DecisionKind, comment: &str) -> Result<()> {
    use crate::validate::{limit::LONG_TEXT, Lines};
    match decision {
        DecisionKind::Return => {
            crate::validate::required("comment", comment, LONG_TEXT, Lines::Multi)
        }
        _ => crate::validate::optional("comment", comment, LONG_TEXT, Lines::Multi),
    }
}

impl Statement {
    /// The statement's text, and `key`'s signature of it with a one-line
    /// comment that minisign shows (and signs) beside it.
    pub(crate) fn signed_by(&self, key: &SecretKey) -> Result<(String, String)> {
        let comment = match self.recommendation {
            Some(n) => format!(
                "Followthrough: {} recommendation {n}, {}, by {}",
                self.decision.key(),
                self.period,
                self.reviewer
            ),
            None => format!(
                "Followthrough: {} {}, by {}",
                self.decision.key(),
                self.period,
                self.reviewer
            ),
        };
        let text = self.to_text();
        let signature = key.sign(text.as_bytes(), &comment)?;
        Ok((text, signature))
    }
}

impl Tracker {
    /// Every signed decision, oldest first.
    pub fn signed_decisions(&mut self) -> Result<Vec<SignedDecision>> {
        self.read(list)
    }

    /// A registered reviewer decides at this computer with their own key,
    /// unlocked with their passphrase: the decision is signed and applied
    /// at once. Refused, changing nothing, if the key is not registered
    /// here or the report changed since the reviewer was shown it.
    pub fn decide(&mut self, key: &SecretKey, input: &DecisionInput) -> Result<SignedDecision> {
        let decision = DecisionKind::parse("decision", &input.decision)?;
        let comment = input.comment.trim();
        check_comment(decision, comment)?;
        let fingerprint = key.public().fingerprint();
        let reviewer = self
            .read(|c| reviewers::registered_with(c, &fingerprint))?
            .ok_or(CoreError::NotAReviewer)?;
        let actor = Actor::new(&reviewer.name)?;
        let tracker_id = self.tracker_id().to_owned();
        self.write(&actor, |ch| {
            let period = periods::get(ch.tx, input.period_id)?;
            let (assessment_id, recommendation) = match (decision, input.assessment_id) {
                (DecisionKind::SignOff, _) => (None, None),
                (_, None) => return Err(CoreError::invalid("assessment_id", Rule::Required)),
                (_, Some(id)) => {
                    let a = assessments::get(ch.tx, id)?;
                    let number: i64 = ch.tx.query_row(
                        "SELECT number FROM recommendation WHERE id = ?1",
                        [a.recommendation_id],
                        |r| r.get(0),
                    )?;
                    (Some(id), Some(number))
                }
            };
            let statement = Statement {
                format: STATEMENT_FORMAT.to_owned(),
                version: 1,
                tracker_id: tracker_id.clone(),
                period_id: period.id,
                period: period.label.clone(),
                assessment_id,
                recommendation,
                reported: assessment_id.and(input.reported.clone()),
                decision,
                comment: comment.to_owned(),
                decided_at: ch.now.clone(),
                reviewer: reviewer.name.clone(),
                key: reviewer.fingerprint.clone(),
            };
            let (text, signature) = statement.signed_by(key)?;
            apply(
                ch,
                &tracker_id,
                &reviewer,
                &statement,
                (&text, &signature),
                &reviewer.name,
            )
        })
    }
}
