//! Milestones and the revisions of their due dates.
//!
//! A milestone keeps the due date it was planned with (the baseline) beside
//! the date it is now due. Moving the current date needs a reason and is
//! kept as a revision, so slippage — how far, how often, why — is always
//! visible. Slip is derived from the two dates, never stored.

use crate::actor::Actor;
use crate::audit::{Action, Change, Subject};
use crate::error::{CoreError, Result, Rule};
use crate::owners;
use crate::recommendations;
use crate::scales::{milestone_sql, MilestoneState};
use crate::seals::RecordKind;
use crate::tracker::Tracker;
use crate::validate::{self, limit, Lines};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneRevision {
    pub id: i64,
    pub milestone_id: i64,
    pub old_due: NaiveDate,
    pub new_due: NaiveDate,
    pub reason: String,
    pub revised_at: String,
    pub revised_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub id: i64,
    pub recommendation_id: i64,
    pub title: String,
    pub owner_id: Option<i64>,
    pub baseline_due: NaiveDate,
    pub current_due: NaiveDate,
    pub state: MilestoneState,
    pub completed_on: Option<NaiveDate>,
    pub revisions: Vec<MilestoneRevision>,
}

impl Milestone {
    /// Days the current due date lies after the baseline (negative when
    /// brought forward).
    pub fn slip_days(&self) -> i64 {
        (self.current_due - self.baseline_due).num_days()
    }

    /// How many times the due date was moved.
    pub fn replans(&self) -> usize {
        self.revisions.len()
    }

    /// Open and past its current due date on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.state.is_open() && self.current_due < today
    }

    /// The milestone as it stood at the end of `day`, from what its record
    /// dates: the due date moves made after `day` are undone (the first of
    /// them gives the date then in force) and a completion after `day` has
    /// not happened yet (the milestone was still in progress). A
    /// cancellation or deferral carries no date and is kept as recorded.
    ///
    /// This is how a period's figures are read at the period's end, however
    /// late it was signed off.
    pub fn as_at(&self, day: NaiveDate) -> Milestone {
        let (kept, later): (Vec<_>, Vec<_>) = self
            .revisions
            .iter()
            .cloned()
            .partition(|r| r.revised_on().is_none_or(|on| on <= day));
        let current_due = later.first().map_or(self.current_due, |r| r.old_due);
        let (state, completed_on) = match self.completed_on {
            Some(done) if done > day => (MilestoneState::InProgress, None),
            _ => (self.state, self.completed_on),
        };
        Milestone {
            current_due,
            state,
            completed_on,
            revisions: kept,
            ..self.clone()
        }
    }
}

impl MilestoneRevision {
    /// The day the due date was moved: the UTC date of `revised_at` (none
    /// for a time the program did not write, which then counts as before
    /// any day asked about).
    pub fn revised_on(&self) -> Option<NaiveDate> {
        self.revised_at.get(..10).and_then(|d| d.parse().ok())
    }
}

/// What a user enters for a new milestone.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewMilestone {
    pub recommendation_id: i64,
    pub title: String,
    pub owner_id: Option<i64>,
    /// Becomes both the baseline and the current due date.
    pub due: String,
}

/// A milestone's title: required, one line. Applied by the use cases and
/// by the importer alike.
pub(crate) fn check_title(title: &str) -> Result<()> {
    validate::required("title", title, limit::TITLE, Lines::Single)
}

/// Why a milestone's due date moved: required, so a slip always says why.
pub(crate) fn check_reason(reason: &str) -> Result<()> {
    validate::required("reason", reason, limit::REASON, Lines::Multi)
}

const COLUMNS: &str =
    "id, recommendation_id, title, owner_id, baseline_due, current_due, state, completed_on";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Milestone> {
    Ok(Milestone {
        id: r.get(0)?,
        recommendation_id: r.get(1)?,
        title: r.get(2)?,
        owner_id: r.get(3)?,
        baseline_due: r.get(4)?,
        current_due: r.get(5)?,
        state: r.get(6)?,
        completed_on: r.get(7)?,
        revisions: Vec::new(),
    })
}

fn revisions(conn: &Connection, milestone_id: i64) -> Result<Vec<MilestoneRevision>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, milestone_id, old_due, new_due, reason, revised_at, revised_by
         FROM milestone_revision WHERE milestone_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([milestone_id], |r| {
        Ok(MilestoneRevision {
            id: r.get(0)?,
            milestone_id: r.get(1)?,
            old_due: r.get(2)?,
            new_due: r.get(3)?,
            reason: r.get(4)?,
            revised_at: r.get(5)?,
            revised_by: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Milestone> {
    let mut m = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM milestone WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::not_found("milestone", id))?;
    m.revisions = revisions(conn, id)?;
    Ok(m)
}

/// The milestones added after `day`, by id. A milestone records no date of
/// its own; the audit trail does, and only its events after `day` are read
/// (newest first), so a sign-off a few weeks late reads a few weeks.
pub(crate) fn added_after(conn: &Connection, day: NaiveDate) -> Result<BTreeSet<i64>> {
    // "YYYY-MM-DD" of the next day sorts before every instant of that day.
    let from = day.succ_opt().unwrap_or(day).to_string();
    let mut stmt =
        conn.prepare_cached("SELECT at, action, entity_id FROM audit_event ORDER BY id DESC")?;
    let mut rows = stmt.query([])?;
    let mut out = BTreeSet::new();
    while let Some(row) = rows.next()? {
        if row.get::<_, String>(0)? < from {
            break;
        }
        if row.get::<_, String>(1)? == Action::AddMilestone.as_str() {
            out.extend(row.get::<_, Option<i64>>(2)?);
        }
    }
    Ok(out)
}

/// Milestones of one recommendation, or of all when `None`, by due date.
pub(crate) fn list(conn: &Connection, recommendation_id: Option<i64>) -> Result<Vec<Milestone>> {
    select(
        conn,
        "WHERE (?1 IS NULL OR recommendation_id = ?1)",
        params![recommendation_id],
    )
}

/// The milestones of a recommendation that matter from `since` on: every
/// one not done or cancelled, and those done, cancelled or due on or after
/// `since`; by due date. What a period's snapshot lists.
pub(crate) fn in_view(
    conn: &Connection,
    recommendation_id: i64,
    since: NaiveDate,
) -> Result<Vec<Milestone>> {
    // Three index ranges, one for each reason to list a milestone; an OR of
    // the three would read every milestone the recommendation ever had.
    static CONDITION: LazyLock<String> = LazyLock::new(|| {
        format!(
            "WHERE id IN (
                 SELECT id FROM milestone WHERE recommendation_id = ?1 AND state IN {}
                 UNION ALL
                 SELECT id FROM milestone WHERE recommendation_id = ?1 AND completed_on >= ?2
                 UNION ALL
                 SELECT id FROM milestone WHERE recommendation_id = ?1 AND current_due >= ?2)",
            *milestone_sql::NOT_CLOSED
        )
    });
    select(conn, &CONDITION, params![recommendation_id, since])
}

/// The milestones `condition` selects, by due date, with their revisions.
fn select(
    conn: &Connection,
    condition: &str,
    values: &[&dyn rusqlite::ToSql],
) -> Result<Vec<Milestone>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM milestone {condition} ORDER BY current_due, id"
    ))?;
    let mut found: Vec<Milestone> = stmt
        .query_map(values, from_row)?
        .collect::<rusqlite::Result<_>>()?;
    for m in &mut found {
        m.revisions = revisions(conn, m.id)?;
    }
    Ok(found)
}

/// How many of a recommendation's milestones are done, count (all but the
/// cancelled) and are open (planned or in progress) past their due date on
/// `today`.
pub(crate) fn counts(
    conn: &Connection,
    recommendation_id: i64,
    today: NaiveDate,
) -> Result<crate::snapshots::MilestoneCounts> {
    // Done and total from the running counts (schema 5); overdue ones are
    // open, and the open ones are few, so they are counted from the index.
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "SELECT coalesce((SELECT sum(n) FROM milestone_count
                              WHERE recommendation_id = ?1 AND state = '{done}'), 0),
                    coalesce((SELECT sum(n) FROM milestone_count
                              WHERE recommendation_id = ?1 AND state <> '{cancelled}'), 0),
                    (SELECT count(*) FROM milestone
                     WHERE recommendation_id = ?1 AND state IN {open} AND current_due < ?2)",
            done = MilestoneState::Done.key(),
            cancelled = MilestoneState::Cancelled.key(),
            open = *milestone_sql::OPEN,
        )
    });
    Ok(conn
        .prepare_cached(&SQL)?
        .query_row(params![recommendation_id, today], |r| {
            Ok(crate::snapshots::MilestoneCounts {
                done: r.get(0)?,
                total: r.get(1)?,
                overdue: r.get(2)?,
            })
        })?)
}

/// How many milestones a recommendation has, in any state.
pub(crate) fn count_all(conn: &Connection, recommendation_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(sum(n), 0) FROM milestone_count WHERE recommendation_id = ?1",
        )?
        .query_row([recommendation_id], |r| r.get(0))?)
}

/// A recommendation's next open milestone: planned or in progress, the
/// earliest due.
pub(crate) fn next_open(
    conn: &Connection,
    recommendation_id: i64,
) -> Result<Option<(i64, String, NaiveDate)>> {
    // One ordered range of the (recommendation, state, due) index per state,
    // merged: written as `state IN (…)`, SQLite walks every milestone of the
    // recommendation by due date instead, finished ones included.
    static SQL: LazyLock<String> = LazyLock::new(|| {
        let ranges: Vec<String> = MilestoneState::ALL
            .iter()
            .filter(|s| s.is_open())
            .map(|s| {
                format!(
                    "SELECT id, title, current_due FROM milestone
                     WHERE recommendation_id = ?1 AND state = '{}'",
                    s.key()
                )
            })
            .collect();
        format!("{} ORDER BY 3, 1 LIMIT 1", ranges.join(" UNION ALL "))
    });
    Ok(conn
        .prepare_cached(&SQL)?
        .query_row([recommendation_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?)
}

fn subject(m: &Milestone) -> Subject {
    Subject {
        kind: RecordKind::Milestone,
        id: m.id,
        recommendation_id: Some(m.recommendation_id),
    }
}

fn update(
    ch: &Change<'_>,
    id: i64,
    action: Action,
    apply: impl FnOnce(&Milestone) -> Result<()>,
) -> Result<Milestone> {
    let before = get(ch.tx, id)?;
    apply(&before)?;
    let after = get(ch.tx, id)?;
    ch.audit(action, subject(&after), Some(&before), Some(&after))?;
    Ok(after)
}

impl Tracker {
    pub fn milestones(&mut self, recommendation_id: Option<i64>) -> Result<Vec<Milestone>> {
        self.read(|c| list(c, recommendation_id))
    }

    pub fn milestone(&mut self, id: i64) -> Result<Milestone> {
        self.read(|c| get(c, id))
    }

    pub fn add_milestone(&mut self, actor: &Actor, input: &NewMilestone) -> Result<Milestone> {
        check_title(&input.title)?;
        let due = validate::date("due", &input.due)?;
        self.write(actor, |ch| {
            recommendations::require(ch.tx, "recommendation_id", input.recommendation_id)?;
            if let Some(owner) = input.owner_id {
                owners::require_active(ch.tx, "owner_id", owner)?;
            }
            ch.tx.execute(
                "INSERT INTO milestone (recommendation_id, title, owner_id, baseline_due, current_due)
                 VALUES (?1, ?2, ?3, ?4, ?4)",
                params![input.recommendation_id, input.title, input.owner_id, due],
            )?;
            let m = get(ch.tx, ch.tx.last_insert_rowid())?;
            ch.audit(Action::AddMilestone, subject(&m), None::<&()>, Some(&m))?;
            Ok(m)
        })
    }

    /// Renames a milestone or changes its owner. Dates move only through
    /// [`Tracker::move_milestone`], which keeps the reason.
    pub fn edit_milestone(
        &mut self,
        actor: &Actor,
        id: i64,
        title: &str,
        owner_id: Option<i64>,
    ) -> Result<Milestone> {
        check_title(title)?;
        self.write(actor, |ch| {
            update(ch, id, Action::EditMilestone, |before| {
                if let Some(owner) = owner_id.filter(|o| before.owner_id != Some(*o)) {
                    owners::require_active(ch.tx, "owner_id", owner)?;
                }
                ch.tx.execute(
                    "UPDATE milestone SET title = ?2, owner_id = ?3 WHERE id = ?1",
                    params![id, title, owner_id],
                )?;
                Ok(())
            })
        })
    }

    /// Moves the current due date, keeping the old date and the reason as a
    /// revision. The baseline never moves.
    pub fn move_milestone(
        &mut self,
        actor: &Actor,
        id: i64,
        new_due: &str,
        reason: &str,
    ) -> Result<Milestone> {
        let new_due = validate::date("new_due", new_due)?;
        check_reason(reason)?;
        self.write(actor, |ch| {
            update(ch, id, Action::MoveMilestone, |before| {
                if before.state.is_closed() {
                    return Err(CoreError::MilestoneClosed {
                        title: before.title.clone(),
                        state: before.state,
                    });
                }
                if new_due == before.current_due {
                    return Err(CoreError::invalid("new_due", Rule::Unchanged));
                }
                ch.tx.execute(
                    "INSERT INTO milestone_revision (milestone_id, old_due, new_due, reason, revised_at, revised_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![id, before.current_due, new_due, reason, ch.now, ch.actor.as_str()],
                )?;
                ch.tx.execute(
                    "UPDATE milestone SET current_due = ?2 WHERE id = ?1",
                    params![id, new_due],
                )?;
                Ok(())
            })
        })
    }

    /// Changes a milestone's state. Marking it done records the completion
    /// date (today when none is given; never in the future); leaving done
    /// clears it.
    pub fn set_milestone_state(
        &mut self,
        actor: &Actor,
        id: i64,
        state: &str,
        completed_on: Option<&str>,
    ) -> Result<Milestone> {
        let state = MilestoneState::parse("state", state)?;
        let completed = match state {
            MilestoneState::Done => {
                let today = self.clock.today();
                let d = validate::optional_date("completed_on", completed_on)?.unwrap_or(today);
                validate::not_after("completed_on", d, today)?;
                Some(d)
            }
            _ => None,
        };
        self.write(actor, |ch| {
            update(ch, id, Action::SetMilestoneState, |before| {
                if before.state == state && before.completed_on == completed {
                    return Err(CoreError::invalid("state", Rule::Unchanged));
                }
                ch.tx.execute(
                    "UPDATE milestone SET state = ?2, completed_on = ?3 WHERE id = ?1",
                    params![id, state, completed],
                )?;
                Ok(())
            })
        })
    }
}
