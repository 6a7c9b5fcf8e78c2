//! Record seals: the audit trail vouches for every record, not only for
//! itself.
//!
//! Every record of a tracker (the tracker's own identity, the report, each
//! owner, recommendation, milestone with its revisions, evidence note,
//! period with its frozen snapshot, assessment) has a canonical form: its
//! exchange-format value with object keys sorted and empty (null) fields
//! left out, as compact JSON. Its seal is the SHA-256 of that text. Each
//! audit event carries the seal of the record it changed, as the record
//! stood after the change (none for a record it deleted), and the event's
//! own hash covers that list, so the chain of events fixes the state of
//! every record.
//!
//! [`Replay`] reads a trail oldest first and works out which seal every
//! record must have now; comparing that with the records themselves shows
//! any record added, changed or removed without its event. The same replay
//! checks an export before it is imported.
//!
//! A trail that began before seals existed (a file made before data
//! version 6, or an export of one) starts sealing with one event of scope
//! [`Scope::All`] that lists the seal of every record as it then stood.
//! Any later event of that scope must agree with the replay up to it, so it
//! cannot be used to pass an edited record off as sealed.
//!
//! Leaving null fields out keeps seals valid when a later version adds an
//! optional field to a record: the old records' canonical text does not
//! change. A field added with a non-null default needs a new sealing event
//! written by its migration's follow-up step.

use crate::assessments::{self, Assessment};
use crate::error::{CoreError, Result};
use crate::evidence::{self, Evidence};
use crate::export::json::ExportDocument;
use crate::milestones::{self, Milestone};
use crate::owners::{self, Owner};
use crate::periods::{self, Period};
use crate::recommendations::{self, Recommendation, Report};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The kinds of record a tracker holds, and that audit events are about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// The tracker itself: its identity and whether it is a sample (id 0).
    Tracker,
    Report,
    Owner,
    Recommendation,
    Milestone,
    Evidence,
    Period,
    Assessment,
    /// A reviewer on the register (data version 7 on).
    Reviewer,
    /// A signed decision (data version 7 on).
    Decision,
}

impl RecordKind {
    pub const ALL: [RecordKind; 10] = [
        RecordKind::Tracker,
        RecordKind::Report,
        RecordKind::Owner,
        RecordKind::Recommendation,
        RecordKind::Milestone,
        RecordKind::Evidence,
        RecordKind::Period,
        RecordKind::Assessment,
        RecordKind::Reviewer,
        RecordKind::Decision,
    ];

    /// The word stored in `audit_event.entity_kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Tracker => "tracker",
            RecordKind::Report => "report",
            RecordKind::Owner => "owner",
            RecordKind::Recommendation => "recommendation",
            RecordKind::Milestone => "milestone",
            RecordKind::Evidence => "evidence",
            RecordKind::Period => "period",
            RecordKind::Assessment => "assessment",
            RecordKind::Reviewer => "reviewer",
            RecordKind::Decision => "decision",
        }
    }

    /// The table whose ids are this kind's ids (none for the tracker).
    fn table(self) -> Option<&'static str> {
        match self {
            RecordKind::Tracker => None,
            RecordKind::Report => Some("report"),
            RecordKind::Owner => Some("owner"),
            RecordKind::Recommendation => Some("recommendation"),
            RecordKind::Milestone => Some("milestone"),
            RecordKind::Evidence => Some("evidence"),
            RecordKind::Period => Some("period"),
            RecordKind::Assessment => Some("assessment"),
            RecordKind::Reviewer => Some("reviewer"),
            RecordKind::Decision => Some("signed_decision"),
        }
    }
}

impl std::fmt::Display for RecordKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether an event seals only the records it changed, or every record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Changed,
    All,
}

/// The newest event of a trail: its id and hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Head {
    pub event_id: i64,
    pub hash: String,
}

/// One record's seal: `[kind, id, sha256]`, or `[kind, id, null]` for a
/// record that no longer exists.
pub type RecordSeal = (RecordKind, i64, Option<String>);

/// What an event's `records` column holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seals {
    pub scope: Scope,
    pub records: Vec<RecordSeal>,
    /// For a restore or an import: the newest event of the content it
    /// replaced, so a trail that goes back in time says why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced: Option<Head>,
}

impl Seals {
    pub fn changed(records: Vec<RecordSeal>) -> Self {
        Seals {
            scope: Scope::Changed,
            records,
            replaced: None,
        }
    }

    /// The text stored in the event (and covered by its hash).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("seals serialise")
    }
}

/// The canonical text of a record's value: keys sorted, nulls left out.
fn canonical(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map
                .into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, canonical(v)))
                .collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().collect::<Map<String, Value>>())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(canonical).collect()),
        other => other,
    }
}

/// The seal of a record's value.
pub fn seal_of<T: Serialize>(record: &T) -> String {
    let value = serde_json::to_value(record).expect("records serialise");
    crate::files::sha256_hex(canonical(value).to_string().as_bytes())
}

/// What a period's record covers besides the period: its frozen snapshot,
/// named by fingerprint (whose content is checked against the fingerprint
/// separately).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct SnapshotSeal {
    taken_at: String,
    reconstructed: bool,
    fingerprint: String,
}

#[derive(Serialize)]
struct PeriodRecord<'a> {
    #[serde(flatten)]
    period: &'a Period,
    snapshot: Option<SnapshotSeal>,
}

/// The tracker's own record: the rows of `meta`, as an object.
fn tracker_record(conn: &Connection) -> Result<Value> {
    let rows: Vec<(String, String)> = conn
        .prepare_cached("SELECT key, value FROM meta ORDER BY key")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Value::Object(
        rows.into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect(),
    ))
}

fn snapshot_seal(conn: &Connection, period_id: i64) -> Result<Option<SnapshotSeal>> {
    Ok(conn
        .prepare_cached(
            "SELECT taken_at, reconstructed, fingerprint FROM period_snapshot WHERE period_id = ?1",
        )?
        .query_row([period_id], |r| {
            Ok(SnapshotSeal {
                taken_at: r.get(0)?,
                reconstructed: r.get(1)?,
                fingerprint: r.get(2)?,
            })
        })
        .optional()?)
}

/// Turns "no such record" into `None`.
fn found<T>(r: Result<T>) -> Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(CoreError::NotFound { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The seal a record has in the file now, or `None` if it does not exist.
pub(crate) fn current(conn: &Connection, kind: RecordKind, id: i64) -> Result<Option<String>> {
    Ok(match kind {
        RecordKind::Tracker => (id == 0)
            .then(|| tracker_record(conn))
            .transpose()?
            .map(|v| seal_of(&v)),
        RecordKind::Report => found(recommendations::report(conn, id))?.map(|r| seal_of(&r)),
        RecordKind::Owner => found(owners::get(conn, id))?.map(|r| seal_of(&r)),
        RecordKind::Recommendation => found(recommendations::get(conn, id))?.map(|r| seal_of(&r)),
        RecordKind::Milestone => found(milestones::get(conn, id))?.map(|r| seal_of(&r)),
        RecordKind::Evidence => found(evidence::get(conn, id))?.map(|r| seal_of(&r)),
        RecordKind::Period => match found(periods::get(conn, id))? {
            None => None,
            Some(period) => Some(seal_of(&PeriodRecord {
                snapshot: snapshot_seal(conn, id)?,
                period: &period,
            })),
        },
        RecordKind::Assessment => found(assessments::get(conn, id))?.map(|r| seal_of(&r)),
        RecordKind::Reviewer => found(crate::reviewers::get(conn, id))?.map(|r| seal_of(&r)),
        RecordKind::Decision => found(crate::decisions::get(conn, id))?.map(|r| seal_of(&r)),
    })
}

/// Every record of the file with its seal, by kind then id. Records are
/// read one at a time, so memory grows with the number of records, not
/// with their text.
pub(crate) fn all_current(conn: &Connection) -> Result<Vec<RecordSeal>> {
    let mut out = Vec::new();
    for kind in RecordKind::ALL {
        let ids: Vec<i64> = match kind.table() {
            None => vec![0],
            Some(table) => conn
                .prepare(&format!("SELECT id FROM {table} ORDER BY id"))?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?,
        };
        for id in ids {
            out.push((kind, id, current(conn, kind, id)?));
        }
    }
    Ok(out)
}

/// Every record of an export with its seal, by kind then id, each with the
/// JSON path it came from.
pub fn of_document(doc: &ExportDocument) -> Vec<(RecordSeal, String)> {
    let mut out = Vec::new();
    let mut tracker = Map::new();
    if let Some(id) = &doc.tracker_id {
        tracker.insert("tracker_id".into(), Value::String(id.clone()));
    }
    if doc.sample {
        tracker.insert("kind".into(), Value::String("sample".into()));
    }
    out.push((
        (
            RecordKind::Tracker,
            0,
            Some(seal_of(&Value::Object(tracker))),
        ),
        "$".to_owned(),
    ));
    fn push<T: Serialize>(
        out: &mut Vec<(RecordSeal, String)>,
        kind: RecordKind,
        path: &str,
        items: &[T],
        id: impl Fn(&T) -> i64,
    ) {
        for (i, item) in items.iter().enumerate() {
            out.push((
                (kind, id(item), Some(seal_of(item))),
                format!("$.{path}[{i}]"),
            ));
        }
    }
    let report: &Report = &doc.report;
    out.push((
        (RecordKind::Report, report.id, Some(seal_of(report))),
        "$.report".to_owned(),
    ));
    push(
        &mut out,
        RecordKind::Owner,
        "owners",
        &doc.owners,
        |o: &Owner| o.id,
    );
    push(
        &mut out,
        RecordKind::Recommendation,
        "recommendations",
        &doc.recommendations,
        |r: &Recommendation| r.id,
    );
    push(
        &mut out,
        RecordKind::Milestone,
        "milestones",
        &doc.milestones,
        |m: &Milestone| m.id,
    );
    push(
        &mut out,
        RecordKind::Evidence,
        "evidence",
        &doc.evidence,
        |e: &Evidence| e.id,
    );
    for (i, p) in doc.periods.iter().enumerate() {
        let snapshot = doc
            .snapshots
            .iter()
            .find(|s| s.period_id == p.id)
            .map(|s| SnapshotSeal {
                taken_at: s.taken_at.clone(),
                reconstructed: s.reconstructed,
                fingerprint: s.fingerprint.clone(),
            });
        out.push((
            (
                RecordKind::Period,
                p.id,
                Some(seal_of(&PeriodRecord {
                    period: p,
                    snapshot,
                })),
            ),
            format!("$.periods[{i}]"),
        ));
    }
    push(
        &mut out,
        RecordKind::Assessment,
        "assessments",
        &doc.assessments,
        |a: &Assessment| a.id,
    );
    push(
        &mut out,
        RecordKind::Reviewer,
        "reviewers",
        &doc.reviewers,
        |r: &crate::reviewers::Reviewer| r.id,
    );
    push(
        &mut out,
        RecordKind::Decision,
        "decisions",
        &doc.decisions,
        |d: &crate::decisions::SignedDecision| d.id,
    );
    out.sort_by_key(|((kind, id, _), _)| (*kind, *id));
    out
}

/// Why a trail and the records it vouches for disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The event carries no seals although events before it do.
    Unsealed { event_id: i64 },
    /// The first sealing event of a trail that began without seals does
    /// not seal every record.
    FirstNotAll { event_id: i64 },
    /// An event that seals every record disagrees with the trail before it.
    AllDisagrees {
        event_id: i64,
        kind: RecordKind,
        id: i64,
    },
    /// The event's seals cannot be read.
    Unreadable { event_id: i64, reason: String },
    /// No event of the trail seals records.
    NoSeals,
    /// A record exists that no event accounts for.
    NotInTrail { kind: RecordKind, id: i64 },
    /// A record the trail says exists is not there.
    Missing { kind: RecordKind, id: i64 },
    /// A record is not what its latest event sealed.
    Changed { kind: RecordKind, id: i64 },
}

impl Problem {
    /// The record concerned, if the problem is one record's.
    pub fn record(&self) -> Option<(RecordKind, i64)> {
        match self {
            Problem::NotInTrail { kind, id }
            | Problem::Missing { kind, id }
            | Problem::Changed { kind, id } => Some((*kind, *id)),
            _ => None,
        }
    }

    /// The event concerned, if the problem is one event's.
    pub fn event(&self) -> Option<i64> {
        match self {
            Problem::Unsealed { event_id }
            | Problem::FirstNotAll { event_id }
            | Problem::AllDisagrees { event_id, .. }
            | Problem::Unreadable { event_id, .. } => Some(*event_id),
            _ => None,
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Unsealed { event_id } => write!(
                f,
                "audit event {event_id} does not seal the records it changed, though the events before it do"
            ),
            Problem::FirstNotAll { event_id } => write!(
                f,
                "audit event {event_id} is the first to seal records but does not seal all of them"
            ),
            Problem::AllDisagrees { event_id, kind, id } => write!(
                f,
                "audit event {event_id} seals {kind} {id} differently from the events before it"
            ),
            Problem::Unreadable { event_id, reason } => {
                write!(f, "the seals of audit event {event_id} cannot be read ({reason})")
            }
            Problem::NoSeals => f.write_str("no audit event seals the records"),
            Problem::NotInTrail { kind, id } => write!(
                f,
                "{kind} {id} is not in the audit trail (it was added without an event)"
            ),
            Problem::Missing { kind, id } => write!(
                f,
                "{kind} {id} is missing, though the audit trail says it exists (it was removed without an event)"
            ),
            Problem::Changed { kind, id } => write!(
                f,
                "{kind} {id} is not what the audit trail recorded (it was changed without an event)"
            ),
        }
    }
}

/// The seal every record must have, worked out from a trail read oldest
/// first.
#[derive(Debug, Default)]
pub struct Replay {
    state: BTreeMap<(RecordKind, i64), String>,
    /// Events read so far, and whether any of them sealed records.
    events: usize,
    sealing: bool,
}

impl Replay {
    /// Takes the next event (by id order) and its `records` text.
    pub fn apply(&mut self, event_id: i64, records: Option<&str>) -> Result<(), Problem> {
        let first_event = self.events == 0;
        self.events += 1;
        let Some(text) = records else {
            return if self.sealing {
                Err(Problem::Unsealed { event_id })
            } else {
                Ok(())
            };
        };
        let seals: Seals = serde_json::from_str(text).map_err(|e| Problem::Unreadable {
            event_id,
            reason: e.to_string(),
        })?;
        match seals.scope {
            Scope::All => {
                let listed: BTreeMap<(RecordKind, i64), String> = seals
                    .records
                    .into_iter()
                    .filter_map(|(k, id, h)| h.map(|h| ((k, id), h)))
                    .collect();
                if self.sealing {
                    if let Some((kind, id)) = first_difference(&self.state, &listed) {
                        return Err(Problem::AllDisagrees { event_id, kind, id });
                    }
                }
                self.state = listed;
            }
            Scope::Changed => {
                if !self.sealing && !first_event {
                    return Err(Problem::FirstNotAll { event_id });
                }
                for (kind, id, hash) in seals.records {
                    match hash {
                        Some(h) => self.state.insert((kind, id), h),
                        None => self.state.remove(&(kind, id)),
                    };
                }
            }
        }
        self.sealing = true;
        Ok(())
    }

    /// Compares the replayed seals with the records that exist, given by
    /// kind then id. Returns the first disagreement, with its position in
    /// `current`.
    pub fn compare(&self, current: &[RecordSeal]) -> Result<(), (Problem, Option<usize>)> {
        if !self.sealing {
            return Err((Problem::NoSeals, None));
        }
        let now: BTreeMap<(RecordKind, i64), (usize, &str)> = current
            .iter()
            .enumerate()
            .filter_map(|(i, (k, id, h))| h.as_deref().map(|h| ((*k, *id), (i, h))))
            .collect();
        for ((kind, id), (i, hash)) in &now {
            match self.state.get(&(*kind, *id)) {
                None => {
                    return Err((
                        Problem::NotInTrail {
                            kind: *kind,
                            id: *id,
                        },
                        Some(*i),
                    ))
                }
                Some(sealed) if sealed != hash => {
                    return Err((
                        Problem::Changed {
                            kind: *kind,
                            id: *id,
                        },
                        Some(*i),
                    ))
                }
                Some(_) => {}
            }
        }
        if let Some((kind, id)) = self.state.keys().find(|k| !now.contains_key(k)) {
            return Err((
                Problem::Missing {
                    kind: *kind,
                    id: *id,
                },
                None,
            ));
        }
        Ok(())
    }
}

fn first_difference(
    a: &BTreeMap<(RecordKind, i64), String>,
    b: &BTreeMap<(RecordKind, i64), String>,
) -> Option<(RecordKind, i64)> {
    a.iter()
        .find(|(k, v)| b.get(k) != Some(v))
        .map(|(k, _)| *k)
        .or_else(|| b.keys().find(|k| !a.contains_key(k)).copied())
}

/// A seal that lists every record now in the file (a tracker's first
/// sealing event).
pub(crate) fn everything(conn: &Connection) -> Result<Seals> {
    Ok(Seals {
        scope: Scope::All,
        records: all_current(conn)?
            .into_iter()
            .filter(|(_, _, h)| h.is_some())
            .collect(),
        replaced: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn canonical_text_ignores_key_order_and_null_fields() {
        let a = json!({"b": 1, "a": {"y": null, "x": [1, {"q": 2, "p": null}]}});
        let b = json!({"a": {"x": [1, {"q": 2}]}, "b": 1});
        assert_eq!(seal_of(&a), seal_of(&b));
        assert_ne!(
            seal_of(&a),
            seal_of(&json!({"a": {"x": [1, {"q": 3}]}, "b": 1}))
        );
        // Empty text is a value, not an absence.
        assert_ne!(seal_of(&json!({"a": ""})), seal_of(&json!({})));
    }

    fn seals(scope: Scope, records: Vec<RecordSeal>) -> String {
        Seals {
            scope,
            records,
            replaced: None,
        }
        .to_json()
    }

    fn h(s: &str) -> Option<String> {
        Some(s.to_owned())
    }

    #[test]
    fn a_replay_follows_changes_and_deletions() {
        let mut r = Replay::default();
        r.apply(
            1,
            Some(&seals(Scope::Changed, vec![(RecordKind::Owner, 1, h("a"))])),
        )
        .unwrap();
        r.apply(
            2,
            Some(&seals(Scope::Changed, vec![(RecordKind::Owner, 2, h("b"))])),
        )
        .unwrap();
        r.apply(
            3,
            Some(&seals(Scope::Changed, vec![(RecordKind::Owner, 1, None)])),
        )
        .unwrap();
        assert_eq!(r.compare(&[(RecordKind::Owner, 2, h("b"))]), Ok(()));
        assert_eq!(
            r.compare(&[(RecordKind::Owner, 2, h("c"))]).unwrap_err().0,
            Problem::Changed {
                kind: RecordKind::Owner,
                id: 2
            }
        );
        assert_eq!(
            r.compare(&[]).unwrap_err().0,
            Problem::Missing {
                kind: RecordKind::Owner,
                id: 2
            }
        );
        assert_eq!(
            r.compare(&[
                (RecordKind::Owner, 2, h("b")),
                (RecordKind::Owner, 3, h("x"))
            ])
            .unwrap_err()
            .0,
            Problem::NotInTrail {
                kind: RecordKind::Owner,
                id: 3
            }
        );
    }

    #[test]
    fn a_trail_that_began_unsealed_must_first_seal_everything() {
        let mut r = Replay::default();
        r.apply(1, None).unwrap();
        assert_eq!(
            r.apply(2, Some(&seals(Scope::Changed, vec![]))),
            Err(Problem::FirstNotAll { event_id: 2 })
        );
        let mut r = Replay::default();
        r.apply(1, None).unwrap();
        r.apply(
            2,
            Some(&seals(Scope::All, vec![(RecordKind::Owner, 1, h("a"))])),
        )
        .unwrap();
        assert_eq!(r.apply(3, None), Err(Problem::Unsealed { event_id: 3 }));
    }

    #[test]
    fn a_later_seal_of_everything_cannot_launder_an_edit() {
        let mut r = Replay::default();
        r.apply(
            1,
            Some(&seals(Scope::All, vec![(RecordKind::Owner, 1, h("a"))])),
        )
        .unwrap();
        assert_eq!(
            r.apply(
                2,
                Some(&seals(
                    Scope::All,
                    vec![(RecordKind::Owner, 1, h("edited"))]
                ))
            ),
            Err(Problem::AllDisagrees {
                event_id: 2,
                kind: RecordKind::Owner,
                id: 1
            })
        );
        r.apply(
            3,
            Some(&seals(Scope::All, vec![(RecordKind::Owner, 1, h("a"))])),
        )
        .unwrap();
    }
}
