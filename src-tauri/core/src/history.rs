//! The History screen's questions of the audit trail: which kind of change,
//! by whom, between which days, for which recommendation.
//!
//! The trail records actions (`audit::Action`); people ask about kinds of
//! work ("milestones", "reviews"), so each action has its kind
//! (`Action::kind`, one whole match) and a kind is the actions that have
//! it. People are who the two-key rule says they are: two spellings of one
//! name (`actor::same_person`) are one person here too. Days are the
//! person's own: a day typed on the screen runs from local midnight to
//! local midnight, given the screen's offset from UTC on that day, so an
//! event made at 20:00 in Ottawa on the 3rd is found on the 3rd, not the
//! 4th.

use crate::audit::{self, Action, AuditEvent, AuditFilter};
use crate::decisions::{Signer, Signers};
use crate::error::{CoreError, Result, Rule};
use crate::validate;
use chrono::{Days, NaiveDate, NaiveTime, TimeDelta};
use serde::{Deserialize, Serialize};

/// A kind of change, as the History screen offers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Reports, acceptances and returns.
    Assessments,
    Milestones,
    Evidence,
    /// Owners, who owns which recommendation, and target dates.
    Owners,
    /// Opening and signing off reporting periods.
    Periods,
    /// Backups, restores, imports, exports and briefings.
    Files,
    /// The tracker's creation, the report's text, sealing, the register
    /// of reviewers.
    Setup,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 7] = [
        ChangeKind::Assessments,
        ChangeKind::Milestones,
        ChangeKind::Evidence,
        ChangeKind::Owners,
        ChangeKind::Periods,
        ChangeKind::Files,
        ChangeKind::Setup,
    ];

    /// The actions of this kind, in the order of [`Action::ALL`].
    pub fn actions(self) -> Vec<Action> {
        Action::ALL
            .into_iter()
            .filter(|a| a.kind() == self)
            .collect()
    }
}

/// What the History screen asks: each part optional. `from` and `to` are
/// days as typed (`YYYY-MM-DD`, empty for none); `from_offset_minutes` and
/// `to_offset_minutes` are the screen's local offset east of UTC on each
/// (they differ across a change of clocks).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct HistoryQuery {
    pub recommendation_id: Option<i64>,
    pub actor: Option<String>,
    pub kind: Option<ChangeKind>,
    pub from: String,
    pub to: String,
    pub from_offset_minutes: i32,
    pub to_offset_minutes: i32,
    pub limit: Option<u32>,
    pub before_id: Option<i64>,
}

/// The most a local time zone is away from UTC (UTC−12 to UTC+14), in minutes.
const MAX_OFFSET_MINUTES: i32 = 14 * 60;

impl HistoryQuery {
    /// The trail filter this asks for, given every name recorded on the
    /// trail (`recorded`, for the spellings of the person asked about), or
    /// which field is wrong: a day that is not a date, or a `to` before
    /// `from`.
    pub fn filter(&self, recorded: &[String]) -> Result<AuditFilter> {
        let from = validate::optional_date("from", Some(self.from.trim()))?;
        let to = validate::optional_date("to", Some(self.to.trim()))?;
        if let (Some(from), Some(to)) = (from, to) {
            validate::ordered("to", from, to)?;
        }
        for (field, minutes) in [
            ("from_offset_minutes", self.from_offset_minutes),
            ("to_offset_minutes", self.to_offset_minutes),
        ] {
            if minutes.abs() > MAX_OFFSET_MINUTES {
                return Err(CoreError::Invalid {
                    field,
                    rule: Rule::NotInRange,
                });
            }
        }
        let midnight = |day: NaiveDate, minutes: i32| {
            let offset = TimeDelta::minutes(i64::from(minutes));
            audit::timestamp((day.and_time(NaiveTime::MIN) - offset).and_utc())
        };
        let actors = self
            .actor
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|asked| {
                recorded
                    .iter()
                    .filter(|r| crate::actor::same_person(r, asked))
                    .cloned()
                    .collect::<Vec<_>>()
            });
        Ok(AuditFilter {
            recommendation_id: self.recommendation_id,
            limit: self.limit,
            before_id: self.before_id,
            actors,
            actions: self.kind.map(ChangeKind::actions),
            since: from.map(|d| midnight(d, self.from_offset_minutes)),
            until: to
                .and_then(|d| d.checked_add_days(Days::new(1)))
                .map(|d| midnight(d, self.to_offset_minutes)),
            ..Default::default()
        })
    }
}

/// An event as a screen of changes shows it. A review (an acceptance, a
/// return, a sign-off) also says how it was made: `signed` is its signer
/// when a registered reviewer's key signed it, `null` when it was made by
/// name; other events leave it out.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEvent {
    #[serde(flatten)]
    pub event: AuditEvent,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed: Option<Option<Signer>>,
}

/// Whether `action` is a review, which is signed or made by name.
fn is_review(action: &str) -> bool {
    [
        Action::AcceptAssessment,
        Action::ReturnAssessment,
        Action::SignOffPeriod,
    ]
    .iter()
    .any(|a| a.as_str() == action)
}

/// `events` as a screen shows them, each review with how it was made.
pub(crate) fn shown(signers: &Signers<'_>, events: Vec<AuditEvent>) -> Result<Vec<HistoryEvent>> {
    events
        .into_iter()
        .map(|event| {
            let signed = match is_review(&event.action) {
                true => Some(signers.event(event.id)?),
                false => None,
            };
            Ok(HistoryEvent { event, signed })
        })
        .collect()
}

/// Every name recorded on the trail, each spelling once.
pub(crate) fn recorded_names(conn: &rusqlite::Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached("SELECT DISTINCT actor FROM audit_event")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The people named on the trail, in order of name, one entry per person
/// (the first spelling in that order standing for the others): whom the
/// screen offers to filter by.
pub fn people(recorded: &[String]) -> Vec<String> {
    let mut names: Vec<&String> = recorded.iter().collect();
    names.sort_by_key(|n| (crate::actor::normal_form(n), (*n).clone()));
    names.dedup_by(|a, b| crate::actor::same_person(a, b));
    names.into_iter().cloned().collect()
}

impl Action {
    /// The kind of change this action is. Every action has one: a new
    /// action cannot be added without saying which (the match is whole),
    /// and `ChangeKind::actions` must then list it (a test checks both agree).
    pub fn kind(self) -> ChangeKind {
        use Action::*;
        match self {
            ReportAssessment | AcceptAssessment | ReturnAssessment => ChangeKind::Assessments,
            AddMilestone | EditMilestone | MoveMilestone | SetMilestoneState => {
                ChangeKind::Milestones
            }
            AddEvidence => ChangeKind::Evidence,
            AddOwner | UpdateOwner | DeactivateOwner | ReactivateOwner | DeleteOwner
            | AssignOwners | SetTargetDate => ChangeKind::Owners,
            OpenPeriod | SignOffPeriod | SendForReview => ChangeKind::Periods,
            Backup | Restore | Import | Export | Briefing | TrustFile => ChangeKind::Files,
            CreateTracker | SealRecords | SeedReport | SeedRecommendation | MarkSample
            | AddReviewer | RemoveReviewer => ChangeKind::Setup,
        }
    }
}
