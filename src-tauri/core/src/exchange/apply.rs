//! Applying a response on the office computer: checked whole first, then
//! shown, then applied in one transaction.
//!
//! A response is refused whole, changing nothing, unless it opens with
//! the executive assistant's key, is signed by a reviewer on this
//! tracker's register, answers a package this tracker sent to that
//! reviewer, and every decision in it carries that reviewer's signature
//! over what the package showed. Then each decision is tried in turn, as
//! the reviewer at this computer would take it: those that hold are
//! applied; one on a report that changed since the package was made is
//! listed ("changed since review; send it again"), as is one a rule
//! refuses (the evidence gate, say); one applied before is listed as such,
//! so applying a response twice changes nothing the second time.
//!
//! The preview is the same work rolled back, so what it shows is exactly
//! what applying does.

use super::envelope::refused;
use super::package::{self, Sent};
use super::response::{self, ResponseContent};
use crate::actor::Actor;
use crate::audit::Change;
use crate::decisions::{self, Statement};
use crate::error::{CoreError, ErrorReport, ExchangeRefusal, Result};
use crate::keys::SecretKey;
use crate::reviewers::{self, Reviewer};
use crate::scales::DecisionKind;
use crate::tracker::Tracker;
use serde::Serialize;

/// What became, or would become, of one decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Applied (or, in a preview, would be).
    Applied,
    /// The same signed decision was applied before: nothing to do.
    AlreadyApplied,
    /// The report changed after the package was made: send it again.
    ChangedSinceReview,
    /// A rule refuses it now (`refusal` says which).
    Refused,
}

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub recommendation: Option<i64>,
    pub assessment_id: Option<i64>,
    pub decision: DecisionKind,
    pub comment: String,
    pub decided_at: String,
    pub outcome: Outcome,
    pub refusal: Option<ErrorReport>,
}

/// A response as checked: who sent it, on what, and each decision's fate.
#[derive(Debug, Clone, Serialize)]
pub struct Applying {
    pub response_id: String,
    pub package_id: String,
    pub period: String,
    pub reviewer: String,
    /// The first two groups of the reviewer's key's fingerprint.
    pub reviewer_key: String,
    pub items: Vec<Item>,
    /// Whether this is the applied result (else a preview).
    pub applied: bool,
}

impl Applying {
    /// How many decisions were (or would be) applied.
    pub fn changes(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.outcome == Outcome::Applied)
            .count()
    }
}

/// A response that passed every check of its whole.
struct Checked {
    content: ResponseContent,
    reviewer: Reviewer,
    sent: Sent,
    statements: Vec<(Statement, String, String)>,
}

fn check(t: &mut Tracker, bytes: &[u8], key: &SecretKey) -> Result<Checked> {
    let (content, sender) = response::open(bytes, key)?;
    let tracker_id = t.tracker_id().to_owned();
    let fingerprint = sender.fingerprint();
    let (reviewer, sent) = t.read(|c| {
        Ok((
            reviewers::registered_with(c, &fingerprint)?,
            package::sent(c, &content.package_id)?,
        ))
    })?;
    let reviewer = reviewer.ok_or(CoreError::NotAReviewer)?;
    if content.tracker_id != tracker_id {
        return Err(CoreError::NotThisTracker);
    }
    let sent = sent.ok_or_else(|| refused(ExchangeRefusal::NotSentHere))?;
    if sent.reviewer_key != reviewer.fingerprint || content.reviewer_key != reviewer.fingerprint {
        return Err(refused(ExchangeRefusal::NotSentHere));
    }
    if content.period_id != sent.period_id {
        return Err(refused(ExchangeRefusal::Damaged));
    }
    let reviewer_key = reviewer.key()?;
    let mut statements = Vec::new();
    for signed in &content.decisions {
        if !reviewer_key.verify(signed.statement.as_bytes(), &signed.signature) {
            return Err(refused(ExchangeRefusal::BadSignature));
        }
        let s =
            Statement::parse(&signed.statement).ok_or_else(|| refused(ExchangeRefusal::Damaged))?;
        let bound = s.format == decisions::STATEMENT_FORMAT
            && s.tracker_id == tracker_id
            && s.period_id == sent.period_id
            && s.key == reviewer.fingerprint
            && match s.assessment_id {
                // Bound to the report as the package carried it.
                Some(id) => s.reported.is_some() && s.reported == sent.reported.get(&id).cloned(),
                None => s.decision == DecisionKind::SignOff,
            };
        if !bound {
            return Err(refused(ExchangeRefusal::Damaged));
        }
        statements.push((s, signed.statement.clone(), signed.signature.clone()));
    }
    Ok(Checked {
        content,
        reviewer,
        sent,
        statements,
    })
}

/// Whether an error is a rule refusing one decision (listed), rather than
/// a failure of the whole (which stops everything).
fn refuses_one(e: &CoreError) -> bool {
    matches!(
        e,
        CoreError::SameReviewer { .. }
            | CoreError::AlreadyReviewed(_)
            | CoreError::EvidenceRequired { .. }
            | CoreError::PeriodSignedOff(_)
            | CoreError::PeriodIncomplete { .. }
            | CoreError::NotFound { .. }
            | CoreError::Invalid { .. }
    )
}

/// Tries each decision in turn, inside `ch`'s transaction; a refused one
/// is rolled back alone (a savepoint).
fn run(ch: &Change<'_>, tracker_id: &str, c: &Checked, applied_by: &str) -> Result<Vec<Item>> {
    let mut items = Vec::new();
    for (s, text, signature) in &c.statements {
        let mut item = Item {
            recommendation: s.recommendation,
            assessment_id: s.assessment_id,
            decision: s.decision,
            comment: s.comment.clone(),
            decided_at: s.decided_at.clone(),
            outcome: Outcome::Applied,
            refusal: None,
        };
        if decisions::applied(ch.tx, text)? {
            item.outcome = Outcome::AlreadyApplied;
            items.push(item);
            continue;
        }
        ch.tx.execute_batch("SAVEPOINT decision")?;
        let tried = decisions::apply(
            ch,
            tracker_id,
            &c.reviewer,
            s,
            (text, signature),
            applied_by,
        );
        match tried {
            Ok(_) => ch.tx.execute_batch("RELEASE decision")?,
            Err(e) => {
                ch.tx
                    .execute_batch("ROLLBACK TO decision; RELEASE decision")?;
                match e {
                    CoreError::ChangedSinceReview => item.outcome = Outcome::ChangedSinceReview,
                    e if refuses_one(&e) => {
                        item.outcome = Outcome::Refused;
                        item.refusal = Some(ErrorReport::from(&e));
                    }
                    e => return Err(e),
                }
            }
        }
        items.push(item);
    }
    Ok(items)
}

impl Tracker {
    /// Checks a response (opened with the executive assistant's unlocked
    /// `key`) and shows what applying it would do, changing nothing.
    pub fn preview_response(&mut self, bytes: &[u8], key: &SecretKey) -> Result<Applying> {
        self.respond(bytes, key, None)
    }

    /// Checks a response and applies the decisions that hold, in one
    /// transaction, each as an audit event by the reviewer that keeps the
    /// signature; `actor` is who applies it.
    pub fn apply_response(
        &mut self,
        actor: &Actor,
        bytes: &[u8],
        key: &SecretKey,
    ) -> Result<Applying> {
        self.respond(bytes, key, Some(actor))
    }

    fn respond(
        &mut self,
        bytes: &[u8],
        key: &SecretKey,
        applying: Option<&Actor>,
    ) -> Result<Applying> {
        let checked = check(self, bytes, key)?;
        let tracker_id = self.tracker_id().to_owned();
        let reviewer = Actor::new(&checked.reviewer.name)?;
        let applied_by = applying.map_or_else(|| reviewer.to_string(), |a| a.to_string());
        let items = match applying {
            Some(_) => self.write(&reviewer, |ch| run(ch, &tracker_id, &checked, &applied_by))?,
            None => self.rehearse(&reviewer, |ch| run(ch, &tracker_id, &checked, &applied_by))?,
        };
        Ok(Applying {
            response_id: checked.content.response_id.clone(),
            package_id: checked.content.package_id.clone(),
            period: checked.sent.period.clone(),
            reviewer: checked.reviewer.name.clone(),
            reviewer_key: crate::keys::short(&checked.reviewer.fingerprint).to_owned(),
            items,
            applied: applying.is_some(),
        })
    }
}
