//! Period snapshots: everything a briefing shows for one reporting period,
//! frozen, with a SHA-256 fingerprint of its canonical JSON.
//!
//! Signing a period off stores its snapshot in the same transaction, and a
//! briefing of a signed-off period is made from that snapshot alone, so the
//! same period always gives the same briefing, byte for byte, whatever
//! happens to the tracker afterwards. A briefing of an open period is made
//! from a snapshot of the live data, taken when it is asked for, and is
//! marked as a draft.
//!
//! The canonical form is the compact JSON serde writes for [`Snapshot`]:
//! fields in declaration order, lists in a fixed order (recommendations by
//! number, milestones by due date then id, notes by date then id), so equal
//! content always gives equal bytes and an equal fingerprint.

use crate::assessments::{self, Assessment};
use crate::audit;
use crate::decisions::{Signer, Signers};
use crate::error::{CoreError, Result, Rule};
use crate::evidence::{self, Evidence};
use crate::milestones::{self, Milestone};
use crate::owners::{self, Owner};
use crate::periods::{self, Period};
use crate::recommendations;
use crate::scales::{EvidenceKind, MilestoneState, PeriodState};
use crate::tracker::Tracker;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub report_title: String,
    pub report_subtitle: String,
    pub period: Period,
    /// The period before this one, if any, which "what changed" compares to.
    pub previous_period_id: Option<i64>,
    /// When the snapshot was taken (the sign-off, for a signed-off period).
    pub taken_at: String,
    /// The day the figures are read at: the period's last day, or the day
    /// the snapshot was taken if that came first. (Snapshots frozen by
    /// earlier versions hold the sign-off day; [`Snapshot::at_period_end`]
    /// reads them at the period's end.)
    pub as_of: NaiveDate,
    pub recommendations: Vec<RecommendationSnapshot>,
    /// Who signed the period off with their key, when a registered
    /// reviewer did (absent for a sign-off by name, and in snapshots of
    /// versions before signed decisions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_off_signer: Option<Signer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecommendationSnapshot {
    pub id: i64,
    pub number: i64,
    pub title: String,
    /// The sentence the report sets in bold.
    pub lead: String,
    pub text: String,
    pub target_date: Option<NaiveDate>,
    pub lead_owner: Option<OwnerName>,
    pub supporting_owners: Vec<OwnerName>,
    /// This period's assessment, if one was reported.
    pub assessment: Option<Assessment>,
    /// Each time the deputy minister returned this period's assessment.
    pub returns: Vec<Return>,
    /// The milestones that matter to this period: every one not done or
    /// cancelled, and those done, cancelled or due on or after its first day. Work finished
    /// before the period is counted in `milestone_counts`, not listed, so a
    /// snapshot (and a briefing) stays the same size however long the
    /// tracker's history grows. (Snapshots frozen before the counts existed
    /// list every milestone.)
    pub milestones: Vec<MilestoneSnapshot>,
    /// Counts over all the recommendation's milestones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestone_counts: Option<MilestoneCounts>,
    /// Notes observed up to `as_of`, by kind key.
    pub evidence_counts: BTreeMap<String, i64>,
    /// Notes observed within the period (up to `as_of`), oldest first.
    pub period_evidence: Vec<Evidence>,
    /// Who signed the review standing on `assessment` with their key, when
    /// a registered reviewer did (absent for a review by name, and in
    /// snapshots of versions before signed decisions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_signer: Option<Signer>,
}

/// How many of a recommendation's milestones are done, count (all but the
/// cancelled) and are overdue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneCounts {
    pub done: i64,
    pub total: i64,
    pub overdue: i64,
}

impl RecommendationSnapshot {
    /// The stored counts, or, for a snapshot frozen before they were
    /// stored (which lists every milestone), the counts of its list.
    pub fn milestone_counts(&self) -> MilestoneCounts {
        self.milestone_counts.unwrap_or_else(|| MilestoneCounts {
            done: self
                .milestones
                .iter()
                .filter(|m| m.milestone.state == MilestoneState::Done)
                .count() as i64,
            total: self
                .milestones
                .iter()
                .filter(|m| m.milestone.state != MilestoneState::Cancelled)
                .count() as i64,
            overdue: self.milestones.iter().filter(|m| m.overdue).count() as i64,
        })
    }

    /// The open milestone due soonest.
    pub fn next_milestone(&self) -> Option<&MilestoneSnapshot> {
        self.milestones
            .iter()
            .filter(|m| m.milestone.state.is_open())
            .min_by_key(|m| (m.milestone.current_due, m.milestone.id))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnerName {
    pub name: String,
    pub title: String,
    pub unit: String,
}

impl From<&Owner> for OwnerName {
    fn from(o: &Owner) -> Self {
        OwnerName {
            name: o.name.clone(),
            title: o.title.clone(),
            unit: o.unit.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Return {
    pub at: String,
    pub by: String,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneSnapshot {
    pub milestone: Milestone,
    pub owner: Option<String>,
    pub slip_days: i64,
    pub overdue: bool,
}

impl Snapshot {
    /// The canonical bytes the fingerprint covers.
    pub fn canonical_json(&self) -> String {
        serde_json::to_string(self).expect("a snapshot serialises")
    }

    /// SHA-256 of the canonical JSON, in hex.
    pub fn fingerprint(&self) -> String {
        crate::files::sha256_hex(self.canonical_json().as_bytes())
    }

    /// A snapshot's fingerprint as a briefing prints it: of the stored
    /// content when frozen; for a draft, of its content leaving out the time
    /// it was taken, so the same content always gives the same fingerprint.
    fn printed_fingerprint(&mut self, draft: bool) -> String {
        if !draft {
            return self.fingerprint();
        }
        // Left out for the fingerprint and put back: no copy of the content.
        let taken_at = std::mem::take(&mut self.taken_at);
        let fingerprint = self.fingerprint();
        self.taken_at = taken_at;
        fingerprint
    }

    pub fn recommendation(&self, number: i64) -> Option<&RecommendationSnapshot> {
        self.recommendations.iter().find(|r| r.number == number)
    }

    /// The day the period's figures are read at: the period's last day, or
    /// the day the snapshot was taken when that came first (a draft of a
    /// period under way).
    pub fn figures_on(&self) -> NaiveDate {
        self.as_of.min(self.period.ends_on)
    }

    /// The snapshot read as its period stood on [`Snapshot::figures_on`]:
    /// each milestone as it stood that day ([`Milestone::as_at`]: later
    /// completions and date moves set aside), done and overdue counted that
    /// day, and only the notes observed by then. The assessments and the
    /// deputy minister's decisions stay as recorded at sign-off.
    ///
    /// A period signed off weeks after it ended was frozen with the work of
    /// those weeks in it; read this way, its briefing reports the period and
    /// the next period's briefing reports the weeks. Snapshots are stored
    /// as they were taken (their fingerprints cover that) and read through
    /// this; reading one twice changes nothing. One taken on or before its
    /// period's last day (a draft of a period under way, and every snapshot
    /// this version takes, which it reads at the period's end as it takes
    /// it) holds the records as they stood that day and is returned as is.
    pub fn at_period_end(self) -> Snapshot {
        if !self.taken_after_its_period() {
            return self;
        }
        let day = self.period.ends_on;
        self.read_at(day)
    }

    /// [`Snapshot::at_period_end`] of a borrowed snapshot, copied only when
    /// reading it changes anything.
    pub fn read_at_period_end(&self) -> Cow<'_, Snapshot> {
        if self.taken_after_its_period() {
            Cow::Owned(self.clone().at_period_end())
        } else {
            Cow::Borrowed(self)
        }
    }

    /// Frozen by an earlier version after its period ended: its records
    /// hold work done after the period.
    fn taken_after_its_period(&self) -> bool {
        self.as_of > self.period.ends_on
    }

    /// The snapshot of records taken after `day`, as they stood on `day`.
    fn read_at(mut self, day: NaiveDate) -> Snapshot {
        self.as_of = day;
        for rec in &mut self.recommendations {
            let done_later = rec
                .milestones
                .iter()
                .filter(|m| m.milestone.completed_on.is_some_and(|d| d > day))
                .count() as i64;
            for m in &mut rec.milestones {
                m.milestone = m.milestone.as_at(day);
                m.slip_days = m.milestone.slip_days();
                m.overdue = m.milestone.is_overdue(day);
            }
            rec.milestones
                .sort_by_key(|m| (m.milestone.current_due, m.milestone.id));
            // Every milestone done on or after the period's first day is
            // listed, so the completions after `day` are all subtracted; the
            // overdue ones are open, and every open one is listed.
            if let Some(c) = &mut rec.milestone_counts {
                c.done -= done_later;
                c.overdue = rec.milestones.iter().filter(|m| m.overdue).count() as i64;
            }
            rec.period_evidence.retain(|n| n.observed_on <= day);
        }
        self
    }
}

/// A snapshot as stored at sign-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredSnapshot {
    pub period_id: i64,
    pub taken_at: String,
    /// Built when the data file gained snapshots (schema version 3) for a
    /// period signed off before, from the data as it then stood.
    pub reconstructed: bool,
    pub fingerprint: String,
    pub content: Snapshot,
}

/// Takes a snapshot of `period` from the data as it stands on `today`, read
/// as at the period's end (or `today`, if the period is still under way).
pub(crate) fn build(
    c: &Connection,
    period: &Period,
    today: NaiveDate,
    taken_at: &str,
) -> Result<Snapshot> {
    let as_of = today.min(period.ends_on);
    let report = recommendations::reports(c)?
        .into_iter()
        .next()
        .ok_or_else(|| CoreError::not_found("report", "seeded"))?;
    let all_periods = periods::list(c)?;
    let previous_period_id = all_periods
        .iter()
        .filter(|p| p.starts_on < period.starts_on)
        .max_by_key(|p| p.starts_on)
        .map(|p| p.id);
    let owners: BTreeMap<i64, Owner> = owners::list(c)?.into_iter().map(|o| (o.id, o)).collect();
    let name = |id: Option<i64>| id.and_then(|i| owners.get(&i)).map(OwnerName::from);
    let assessments = assessments::list(c, Some(period.id), None)?;
    let signers = Signers::of(c)?;
    let added_later = milestones::added_after(c, as_of)?;

    let mut recs = Vec::new();
    for r in recommendations::list(c)? {
        let assessment = assessments
            .iter()
            .find(|a| a.recommendation_id == r.id)
            .cloned();
        let returns = match &assessment {
            Some(a) => assessments::returns(c, a.id)?,
            None => Vec::new(),
        };
        let mut counts = milestones::counts(c, r.id, as_of)?;
        let mut listed = milestones::in_view(c, r.id, period.starts_on)?;
        // A milestone added after `as_of` and first due after it was not
        // part of the period: neither listed nor counted. (One added late
        // but due in or before the period is history entered late, and
        // counts.)
        for &id in &added_later {
            let m = match listed.iter().position(|m| m.id == id) {
                Some(i) if listed[i].baseline_due > as_of => listed.remove(i),
                Some(_) => continue,
                None => match milestones::get(c, id) {
                    Ok(m) if m.recommendation_id == r.id && m.baseline_due > as_of => m,
                    _ => continue,
                },
            };
            counts.total -= i64::from(m.state != MilestoneState::Cancelled);
            counts.done -= i64::from(m.state == MilestoneState::Done);
        }
        let mut milestones: Vec<MilestoneSnapshot> = listed
            .into_iter()
            .map(|m| MilestoneSnapshot {
                owner: m
                    .owner_id
                    .and_then(|i| owners.get(&i))
                    .map(|o| o.name.clone()),
                slip_days: m.slip_days(),
                overdue: m.is_overdue(as_of),
                milestone: m,
            })
            .collect();
        milestones.sort_by_key(|m| (m.milestone.current_due, m.milestone.id));
        let mut evidence_counts: BTreeMap<String, i64> = EvidenceKind::ALL
            .iter()
            .map(|k| (k.key().to_owned(), 0))
            .collect();
        for (kind, n) in evidence::counts_by_kind(c, r.id, as_of)? {
            *evidence_counts.entry(kind.key().to_owned()).or_default() += n;
        }
        let mut period_evidence = evidence::observed_between(c, r.id, period.starts_on, as_of)?;
        period_evidence.sort_by_key(|n| (n.observed_on, n.id));
        let review_signer = match &assessment {
            Some(a) => signers.review(a)?,
            None => None,
        };
        recs.push(RecommendationSnapshot {
            id: r.id,
            number: r.number,
            lead_owner: name(r.lead_owner_id),
            supporting_owners: r
                .supporting_owner_ids
                .iter()
                .filter_map(|i| name(Some(*i)))
                .collect(),
            title: r.title,
            lead: r.lead,
            text: r.text,
            target_date: r.target_date,
            assessment,
            returns,
            milestones,
            milestone_counts: Some(counts),
            evidence_counts,
            period_evidence,
            review_signer,
        });
    }
    recs.sort_by_key(|r| r.number);
    let snapshot = Snapshot {
        report_title: report.title,
        report_subtitle: report.subtitle,
        period: period.clone(),
        previous_period_id,
        taken_at: taken_at.to_owned(),
        as_of,
        recommendations: recs,
        sign_off_signer: signers.sign_off(period)?,
    };
    // Taken after the period ended: the records hold later work, which
    // reading them at the period's end sets aside.
    Ok(if today > period.ends_on {
        snapshot.read_at(as_of)
    } else {
        snapshot
    })
}

fn date_of(instant: &str) -> Result<NaiveDate> {
    instant
        .get(..10)
        .and_then(|d| d.parse().ok())
        // A sign-off time the program stored is always a full instant; an
        // imported one that is not is refused as the field it came from.
        .ok_or(CoreError::invalid("signed_off_at", Rule::NotADate))
}

/// Stores the snapshot of a period being signed off, at `now`.
pub(crate) fn freeze(tx: &Transaction<'_>, period: &Period, now: &str) -> Result<StoredSnapshot> {
    let content = build(tx, period, date_of(now)?, now)?;
    store(tx, period.id, now, false, content)
}

fn store(
    tx: &Transaction<'_>,
    period_id: i64,
    taken_at: &str,
    reconstructed: bool,
    content: Snapshot,
) -> Result<StoredSnapshot> {
    let stored = StoredSnapshot {
        period_id,
        taken_at: taken_at.to_owned(),
        reconstructed,
        fingerprint: content.fingerprint(),
        content,
    };
    insert(tx, &stored)?;
    Ok(stored)
}

/// Writes a snapshot row exactly as given (an import carries them over).
pub(crate) fn insert(tx: &Transaction<'_>, s: &StoredSnapshot) -> Result<()> {
    tx.execute(
        "INSERT INTO period_snapshot (period_id, taken_at, reconstructed, content, fingerprint)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            s.period_id,
            s.taken_at,
            s.reconstructed,
            s.content.canonical_json(),
            s.fingerprint
        ],
    )?;
    Ok(())
}

/// Gives every signed-off period without a snapshot one built from the data
/// as it stands, marked as reconstructed: files signed off before data
/// version 3 (after their migrations, see [`crate::upkeep`]) and imports of
/// exports made before snapshots existed.
pub(crate) fn reconstruct_missing(tx: &Transaction<'_>) -> Result<()> {
    for p in periods::list(tx)? {
        if p.state != PeriodState::SignedOff || get(tx, p.id)?.is_some() {
            continue;
        }
        let at = p.signed_off_at.clone().unwrap_or_default();
        let content = build(tx, &p, date_of(&at)?, &at)?;
        store(tx, p.id, &at, true, content)?;
    }
    Ok(())
}

/// The fingerprint of each frozen snapshot, by period id.
pub(crate) fn fingerprints(c: &Connection) -> Result<BTreeMap<i64, String>> {
    Ok(
        c.prepare_cached("SELECT period_id, fingerprint FROM period_snapshot")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?,
    )
}

pub(crate) fn get(c: &Connection, period_id: i64) -> Result<Option<StoredSnapshot>> {
    let row: Option<(String, bool, String, String)> = c
        .query_row(
            "SELECT taken_at, reconstructed, content, fingerprint FROM period_snapshot WHERE period_id = ?1",
            [period_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    row.map(|(taken_at, reconstructed, content, fingerprint)| {
        let content: Snapshot = serde_json::from_str(&content).map_err(|e| CoreError::Damaged {
            path: c.path().unwrap_or_default().into(),
            detail: format!("the snapshot of period {period_id} cannot be read: {e}"),
        })?;
        // A frozen snapshot edited by another tool no longer matches its
        // fingerprint; it is reported, never briefed from.
        if content.fingerprint() != fingerprint {
            return Err(CoreError::Damaged {
                path: c.path().unwrap_or_default().into(),
                detail: format!(
                    "the snapshot of period {period_id} no longer matches its fingerprint"
                ),
            });
        }
        Ok(StoredSnapshot {
            period_id,
            taken_at,
            reconstructed,
            fingerprint,
            content,
        })
    })
    .transpose()
}

pub(crate) fn list(c: &Connection) -> Result<Vec<StoredSnapshot>> {
    let ids: Vec<i64> = c
        .prepare("SELECT s.period_id FROM period_snapshot s JOIN period p ON p.id = s.period_id ORDER BY p.starts_on")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter()
        .map(|id| get(c, id).map(|s| s.expect("listed")))
        .collect()
}

/// A period's snapshot as the spreadsheet view reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodReading {
    /// Read at the period's end ([`Snapshot::at_period_end`]).
    pub snapshot: Snapshot,
    /// The fingerprint of the snapshot as stored, or of a draft's content
    /// (leaving out the time it was taken).
    pub fingerprint: String,
    /// Made from live data (an open period).
    pub draft: bool,
}

/// What a briefing is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefingSource {
    /// Read at the period's end ([`Snapshot::at_period_end`]).
    pub snapshot: Snapshot,
    /// The fingerprint of the snapshot as stored, or of a draft's content
    /// (leaving out the time it was taken).
    pub fingerprint: String,
    /// Made from live data (an open period): every page says DRAFT.
    pub draft: bool,
    /// The previous period's snapshot, read at its end, for the trend of
    /// each assessment.
    pub previous: Option<Snapshot>,
    /// The audit trail's place the briefing stands on: the event that
    /// signed the period off (so the same snapshot always names the same
    /// event), or the trail's newest event for a draft.
    pub trail_head: Option<crate::seals::Head>,
    /// When the report was published (`2019-04`), for the title block; not
    /// part of the snapshot, whose fingerprint stays what it was.
    pub report_published: Option<String>,
}

impl Tracker {
    /// Every period's snapshot, oldest period first: the frozen one of a
    /// signed-off period, or one of the live data (a draft) for an open
    /// period. What the briefing-period view of the CSV export lists.
    pub fn period_snapshots(&mut self) -> Result<Vec<PeriodReading>> {
        let now = audit::timestamp(self.clock.now());
        let today = self.clock.today();
        self.read(|c| {
            let mut out = Vec::new();
            for p in periods::list(c)? {
                let (mut content, draft) = match get(c, p.id)? {
                    Some(s) => (s.content, false),
                    None => (build(c, &p, today, &now)?, true),
                };
                out.push(PeriodReading {
                    fingerprint: content.printed_fingerprint(draft),
                    snapshot: content.at_period_end(),
                    draft,
                });
            }
            out.sort_by_key(|r| r.snapshot.period.starts_on);
            Ok(out)
        })
    }

    /// The stored snapshot of a signed-off period.
    pub fn period_snapshot(&mut self, period_id: i64) -> Result<Option<StoredSnapshot>> {
        self.read(|c| get(c, period_id))
    }

    /// The snapshot a briefing of `period_id` is made from: the frozen one
    /// of a signed-off period, or the live data of an open one (a draft),
    /// with the previous period's for comparison.
    pub fn briefing_source(&mut self, period_id: i64) -> Result<BriefingSource> {
        let now = audit::timestamp(self.clock.now());
        let today = self.clock.today();
        self.read(|c| {
            let period = periods::get(c, period_id)?;
            let (mut frozen, draft) = match get(c, period_id)? {
                Some(s) => (s.content, false),
                None => (build(c, &period, today, &now)?, true),
            };
            // The fingerprint covers what is stored; the briefing reads it
            // at the period's end.
            let fingerprint = frozen.printed_fingerprint(draft);
            let snapshot = frozen.at_period_end();
            let trail_head = if draft {
                audit::head(c)?
            } else {
                periods::sign_off_event(c, period_id)?
            };
            let previous = match snapshot.previous_period_id {
                None => None,
                Some(id) => Some(match get(c, id)? {
                    Some(s) => s.content.at_period_end(),
                    None => build(c, &periods::get(c, id)?, today, &now)?,
                }),
            };
            let report_published = recommendations::reports(c)?
                .into_iter()
                .find(|r| r.title == snapshot.report_title)
                .map(|r| r.published);
            Ok(BriefingSource {
                report_published,
                fingerprint,
                snapshot,
                draft,
                previous,
                trail_head,
            })
        })
    }
}
