//! The audit trail: who changed what, when, before and after.
//!
//! Events are written through [`Change`], the context of one use case's
//! transaction, so an event can only exist together with the change it
//! describes, and a change cannot be committed without its event.
//!
//! Each event is sealed with a SHA-256 hash over its fields and the hash of
//! the event before it, so an event changed, removed or reordered breaks
//! the chain. From data version 6 an event also carries the seals of the
//! records it changed ([`crate::seals`]), and its hash covers them, so the
//! chain fixes what every record holds.

use crate::actor::Actor;
use crate::error::{CoreError, Result};
use crate::seals::{self, Head, RecordKind, Seals};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::cell::RefCell;

/// What an event records: the one vocabulary of audit actions. The word
/// each stores is what exports carry and the window translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A new tracker's first event, sealing its identity.
    CreateTracker,
    /// A file made before data version 6: every record sealed as it stood.
    SealRecords,
    SeedReport,
    SeedRecommendation,
    MarkSample,
    AddOwner,
    UpdateOwner,
    DeactivateOwner,
    ReactivateOwner,
    DeleteOwner,
    AssignOwners,
    SetTargetDate,
    AddMilestone,
    EditMilestone,
    MoveMilestone,
    SetMilestoneState,
    AddEvidence,
    OpenPeriod,
    SignOffPeriod,
    ReportAssessment,
    AcceptAssessment,
    ReturnAssessment,
    Backup,
    Restore,
    Import,
    Export,
    Briefing,
    /// The user accepted a file whose trail ends before what this computer
    /// had seen (an older copy put in place on purpose).
    TrustFile,
    AddReviewer,
    RemoveReviewer,
    /// A review package written for a reviewer: which period, to whom, and
    /// the report of each assessment as packaged.
    SendForReview,
}

impl Action {
    /// Every action, in the order of the enum (a test checks that each
    /// word `as_str` can give is here).
    pub const ALL: [Action; 31] = [
        Action::CreateTracker,
        Action::SealRecords,
        Action::SeedReport,
        Action::SeedRecommendation,
        Action::MarkSample,
        Action::AddOwner,
        Action::UpdateOwner,
        Action::DeactivateOwner,
        Action::ReactivateOwner,
        Action::DeleteOwner,
        Action::AssignOwners,
        Action::SetTargetDate,
        Action::AddMilestone,
        Action::EditMilestone,
        Action::MoveMilestone,
        Action::SetMilestoneState,
        Action::AddEvidence,
        Action::OpenPeriod,
        Action::SignOffPeriod,
        Action::ReportAssessment,
        Action::AcceptAssessment,
        Action::ReturnAssessment,
        Action::Backup,
        Action::Restore,
        Action::Import,
        Action::Export,
        Action::Briefing,
        Action::TrustFile,
        Action::AddReviewer,
        Action::RemoveReviewer,
        Action::SendForReview,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::CreateTracker => "create_tracker",
            Action::SealRecords => "seal_records",
            Action::SeedReport => "seed_report",
            Action::SeedRecommendation => "seed_recommendation",
            Action::MarkSample => "mark_sample",
            Action::AddOwner => "add_owner",
            Action::UpdateOwner => "update_owner",
            Action::DeactivateOwner => "deactivate_owner",
            Action::ReactivateOwner => "reactivate_owner",
            Action::DeleteOwner => "delete_owner",
            Action::AssignOwners => "assign_owners",
            Action::SetTargetDate => "set_target_date",
            Action::AddMilestone => "add_milestone",
            Action::EditMilestone => "edit_milestone",
            Action::MoveMilestone => "move_milestone",
            Action::SetMilestoneState => "set_milestone_state",
            Action::AddEvidence => "add_evidence",
            Action::OpenPeriod => "open_period",
            Action::SignOffPeriod => "sign_off_period",
            Action::ReportAssessment => "report_assessment",
            Action::AcceptAssessment => "accept_assessment",
            Action::ReturnAssessment => "return_assessment",
            Action::Backup => "backup",
            Action::Restore => "restore",
            Action::Import => "import",
            Action::Export => "export",
            Action::Briefing => "briefing",
            Action::TrustFile => "trust_file",
            Action::AddReviewer => "add_reviewer",
            Action::RemoveReviewer => "remove_reviewer",
            Action::SendForReview => "send_for_review",
        }
    }
}

/// One use case in progress: its transaction, its time, its actor and the
/// machine it runs on.
pub struct Change<'a> {
    pub tx: &'a Transaction<'a>,
    pub now: String,
    pub actor: &'a Actor,
    pub machine: &'a str,
    /// The newest event this change wrote, for the witness once committed.
    pub(crate) head: RefCell<Option<Head>>,
}

impl<'a> Change<'a> {
    pub(crate) fn new(
        tx: &'a Transaction<'a>,
        now: String,
        actor: &'a Actor,
        machine: &'a str,
    ) -> Self {
        Change {
            tx,
            now,
            actor,
            machine,
            head: RefCell::new(None),
        }
    }
}

/// The fields an event's hash covers, in a fixed order.
struct Sealed<'a> {
    id: i64,
    at: &'a str,
    actor: &'a str,
    machine: &'a str,
    app_version: &'a str,
    action: &'a str,
    entity_kind: &'a str,
    entity_id: Option<i64>,
    recommendation_id: Option<i64>,
    before: Option<&'a str>,
    after: Option<&'a str>,
    prev_hash: Option<&'a str>,
    /// The record seals (data version 6 on); events without them are
    /// hashed over the first twelve fields, as version 2 sealed them.
    records: Option<&'a str>,
}

impl Sealed<'_> {
    /// SHA-256, in hex, of the event's fields as a JSON array: unambiguous
    /// (every string is quoted and escaped) and stable.
    fn hash(&self) -> String {
        let mut fields = serde_json::json!([
            self.id,
            self.at,
            self.actor,
            self.machine,
            self.app_version,
            self.action,
            self.entity_kind,
            self.entity_id,
            self.recommendation_id,
            self.before,
            self.after,
            self.prev_hash,
        ]);
        if let Some(records) = self.records {
            fields
                .as_array_mut()
                .expect("an array")
                .push(records.into());
        }
        crate::files::sha256_hex(fields.to_string().as_bytes())
    }
}

/// The id and hash of the newest event, if any.
fn last(conn: &Connection) -> Result<(i64, Option<String>)> {
    Ok(conn
        .prepare_cached("SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, None)))
}

/// The newest sealed event of the trail: what backups, exports, briefings
/// and the witness record as the trail's head.
pub fn head(conn: &Connection) -> Result<Option<Head>> {
    let (event_id, hash) = last(conn)?;
    Ok(hash.map(|hash| Head { event_id, hash }))
}

/// Whether the trail holds the event `head` names, with that hash.
pub(crate) fn holds(conn: &Connection, head: &Head) -> Result<bool> {
    let hash: Option<Option<String>> = conn
        .prepare_cached("SELECT hash FROM audit_event WHERE id = ?1")?
        .query_row([head.event_id], |r| r.get(0))
        .optional()?;
    Ok(hash.flatten().as_deref() == Some(head.hash.as_str()))
}

/// Whether a restore or an import recorded, in its seals, that it replaced
/// content whose newest event was `head`.
pub(crate) fn replaced(conn: &Connection, head: &Head) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM audit_event
                            WHERE records IS NOT NULL AND json_valid(records)
                              AND json_extract(records, '$.replaced.event_id') = ?1
                              AND json_extract(records, '$.replaced.hash') = ?2)",
        )?
        .query_row(params![head.event_id, head.hash], |r| r.get(0))?)
}

/// An event's stored columns, in the order the hash covers them, then its
/// recorded previous hash and hash.
struct StoredEvent {
    id: i64,
    text: [String; 6],
    entity_id: Option<i64>,
    recommendation_id: Option<i64>,
    before: Option<String>,
    after: Option<String>,
    prev_hash: Option<String>,
    hash: Option<String>,
    records: Option<String>,
}

impl StoredEvent {
    fn seal(&self, prev_hash: Option<&str>) -> String {
        let [at, actor, machine, app_version, action, entity_kind] = &self.text;
        Sealed {
            id: self.id,
            at,
            actor,
            machine,
            app_version,
            action,
            entity_kind,
            entity_id: self.entity_id,
            recommendation_id: self.recommendation_id,
            before: self.before.as_deref(),
            after: self.after.as_deref(),
            prev_hash,
            records: self.records.as_deref(),
        }
        .hash()
    }
}

/// Reads every event in id order, one at a time, so a long trail is
/// checked without holding it in memory.
fn each_stored_event(
    conn: &Connection,
    mut f: impl FnMut(StoredEvent) -> Result<bool>,
) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, machine, app_version, action, entity_kind, entity_id, recommendation_id,
                before_json, after_json, prev_hash, hash, records
         FROM audit_event ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let event = StoredEvent {
            id: r.get(0)?,
            text: [
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ],
            entity_id: r.get(7)?,
            recommendation_id: r.get(8)?,
            before: r.get(9)?,
            after: r.get(10)?,
            prev_hash: r.get(11)?,
            hash: r.get(12)?,
            records: r.get(13)?,
        };
        if !f(event)? {
            break;
        }
    }
    Ok(())
}

/// Where the chain of events first fails to hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokenLink {
    pub event_id: i64,
    pub reason: String,
}

/// Walks the whole trail and reports the first event whose content, or
/// whose link to the event before it, no longer matches its seal.
pub fn verify_chain(conn: &Connection) -> Result<Option<BrokenLink>> {
    let mut chain = Chain::default();
    let mut broken = None;
    each_stored_event(conn, |event| {
        broken = chain.next(&event);
        Ok(broken.is_none())
    })?;
    Ok(broken)
}

/// Walks the whole trail once, checking its chain and replaying its record
/// seals: what `verify` needs, in one read of the table.
pub(crate) fn verify_trail(
    conn: &Connection,
) -> Result<std::result::Result<seals::Replay, TrailProblem>> {
    let mut chain = Chain::default();
    let mut replay = seals::Replay::default();
    let mut problem = None;
    each_stored_event(conn, |event| {
        if let Some(link) = chain.next(&event) {
            problem = Some(TrailProblem::Chain(link));
        } else if let Err(p) = replay.apply(event.id, event.records.as_deref()) {
            problem = Some(TrailProblem::Seals(p));
        }
        Ok(problem.is_none())
    })?;
    Ok(match problem {
        None => Ok(replay),
        Some(p) => Err(p),
    })
}

/// What can be wrong with a trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrailProblem {
    Chain(BrokenLink),
    Seals(seals::Problem),
}

/// Checks events held outside a data file (oldest first, as an export lists
/// them) the way [`verify_chain`] checks the table, so a trail edited in
/// transit is refused. Returns the position of the first broken event.
pub fn verify_events(events: &[AuditEvent]) -> Option<(usize, BrokenLink)> {
    let mut chain = Chain::default();
    events
        .iter()
        .enumerate()
        .find_map(|(i, e)| chain.next(&e.to_stored()).map(|link| (i, link)))
}

/// The hash chain, checked one event at a time.
#[derive(Default)]
struct Chain {
    prev: Option<String>,
}

impl Chain {
    fn next(&mut self, event: &StoredEvent) -> Option<BrokenLink> {
        let broken = |reason: &str| {
            Some(BrokenLink {
                event_id: event.id,
                reason: reason.to_owned(),
            })
        };
        let Some(hash) = event.hash.as_deref() else {
            return broken("the event is not sealed");
        };
        if event.prev_hash != self.prev {
            return broken(
                "the event does not follow the one before it (an event was removed, inserted or reordered)",
            );
        }
        if event.seal(self.prev.as_deref()) != hash {
            return broken("the event's content was changed after it was written");
        }
        self.prev = Some(hash.to_owned());
        None
    }
}

/// Writes an event exactly as it was recorded elsewhere, seal included (an
/// import carries the trail of the tracker it came from).
pub(crate) fn insert_verbatim(tx: &Transaction<'_>, event: &AuditEvent) -> Result<()> {
    let stored = event.to_stored();
    let [at, actor, machine, app_version, action, entity_kind] = &stored.text;
    tx.execute(
        "INSERT INTO audit_event (id, at, actor, machine, app_version, action, entity_kind, entity_id,
             recommendation_id, before_json, after_json, prev_hash, hash, records)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            stored.id,
            at,
            actor,
            machine,
            app_version,
            action,
            entity_kind,
            stored.entity_id,
            stored.recommendation_id,
            stored.before,
            stored.after,
            stored.prev_hash,
            stored.hash,
            stored.records
        ],
    )?;
    Ok(())
}

/// The largest event id: past it, an id no longer survives the trip
/// through JSON and the window exactly (2^53 - 1).
pub const MAX_ID: i64 = 9_007_199_254_740_991;

/// What an event is about: a record, and the recommendation it concerns
/// (for that recommendation's history).
#[derive(Debug, Clone, Copy)]
pub struct Subject {
    pub kind: RecordKind,
    pub id: i64,
    pub recommendation_id: Option<i64>,
}

impl Subject {
    /// The tracker itself (backups, exports, restores, its identity).
    pub const TRACKER: Subject = Subject {
        kind: RecordKind::Tracker,
        id: 0,
        recommendation_id: None,
    };
}

impl Change<'_> {
    /// Records `action` on `subject`, with the states before and after, and
    /// seals the subject's record as it now stands.
    pub fn audit<B: Serialize, A: Serialize>(
        &self,
        action: Action,
        subject: Subject,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<()> {
        let seal = seals::current(self.tx, subject.kind, subject.id)?;
        let records = Seals::changed(vec![(subject.kind, subject.id, seal)]);
        self.audit_sealed(action, subject, before, after, &records)
    }

    /// Records an event with the seals given (every record, for a
    /// tracker's first sealing event; the replaced head, for a restore).
    pub(crate) fn audit_sealed<B: Serialize, A: Serialize>(
        &self,
        action: Action,
        subject: Subject,
        before: Option<&B>,
        after: Option<&A>,
        records: &Seals,
    ) -> Result<()> {
        let before = before
            .map(serde_json::to_string)
            .transpose()
            .map_err(to_db)?;
        let after = after
            .map(serde_json::to_string)
            .transpose()
            .map_err(to_db)?;
        let records = records.to_json();
        let (last_id, prev_hash) = last(self.tx)?;
        let id = last_id
            .checked_add(1)
            .filter(|id| *id <= MAX_ID)
            .ok_or_else(|| CoreError::Damaged {
                path: self.tx.path().unwrap_or_default().into(),
                detail: format!(
                    "its newest audit event has the id {last_id}, after which no event can be written"
                ),
            })?;
        let action = action.as_str();
        let hash = Sealed {
            id,
            at: &self.now,
            actor: self.actor.as_str(),
            machine: self.machine,
            app_version: crate::VERSION,
            action,
            entity_kind: subject.kind.as_str(),
            entity_id: Some(subject.id),
            recommendation_id: subject.recommendation_id,
            before: before.as_deref(),
            after: after.as_deref(),
            prev_hash: prev_hash.as_deref(),
            records: Some(&records),
        }
        .hash();
        self.tx
            .prepare_cached(
                "INSERT INTO audit_event (id, at, actor, machine, app_version, action, entity_kind,
                     entity_id, recommendation_id, before_json, after_json, prev_hash, hash, records)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?
            .execute(params![
                id,
                self.now,
                self.actor.as_str(),
                self.machine,
                crate::VERSION,
                action,
                subject.kind.as_str(),
                subject.id,
                subject.recommendation_id,
                before,
                after,
                prev_hash,
                hash,
                records
            ])?;
        *self.head.borrow_mut() = Some(Head { event_id: id, hash });
        Ok(())
    }
}

fn to_db(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(e))
}

/// Formats an instant the way the data file stores it.
pub fn timestamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditEvent {
    pub id: i64,
    pub at: String,
    pub actor: String,
    /// Recorded from data version 2 on (empty in an export of version 1).
    #[serde(default)]
    pub machine: String,
    #[serde(default)]
    pub app_version: String,
    pub action: String,
    pub entity_kind: String,
    pub entity_id: Option<i64>,
    pub recommendation_id: Option<i64>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    /// The chain's links, from data version 2 on (absent in an export of
    /// version 1, whose events are sealed when imported).
    #[serde(default)]
    pub prev_hash: Option<String>,
    #[serde(default)]
    pub hash: Option<String>,
    /// The seals of the records the event changed (data version 6 on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<Value>,
}

impl AuditEvent {
    /// The event as its row holds it. `before` and `after` are written back
    /// as compact JSON; serde_json keeps object keys in their order
    /// (`preserve_order`), so this is the very text that was sealed.
    fn to_stored(&self) -> StoredEvent {
        let text = |v: &Option<Value>| v.as_ref().map(Value::to_string);
        StoredEvent {
            id: self.id,
            text: [
                self.at.clone(),
                self.actor.clone(),
                self.machine.clone(),
                self.app_version.clone(),
                self.action.clone(),
                self.entity_kind.clone(),
            ],
            entity_id: self.entity_id,
            recommendation_id: self.recommendation_id,
            before: text(&self.before),
            after: text(&self.after),
            prev_hash: self.prev_hash.clone(),
            hash: self.hash.clone(),
            records: text(&self.records),
        }
    }
}

/// Which events to list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub recommendation_id: Option<i64>,
    pub entity: Option<(RecordKind, i64)>,
    /// Newest first, at most this many (all when `None`).
    pub limit: Option<u32>,
    /// Only events older than this one: the next page of a list whose last
    /// shown event this is. A key rather than an offset, so each page is one
    /// index seek however deep into a long trail it is.
    pub before_id: Option<i64>,
    /// Read each event's record seals too (an export carries them; a
    /// screen of changes does not show them).
    pub with_seals: bool,
    /// Only events recorded under one of these names, as recorded.
    pub actors: Option<Vec<String>>,
    /// Only events of these actions.
    pub actions: Option<Vec<Action>>,
    /// Only events recorded at or after this instant, and before `until`
    /// (both in the stored form, [`timestamp`]).
    pub since: Option<String>,
    pub until: Option<String>,
}

pub fn list(conn: &Connection, filter: &AuditFilter) -> Result<Vec<AuditEvent>> {
    // The condition names only the filters given, so SQLite walks the
    // matching index newest first (a `?1 IS NULL OR …` condition would make
    // it read the whole trail instead).
    let mut conditions = Vec::new();
    let mut values: Vec<rusqlite::types::Value> = Vec::new();
    if let Some((kind, id)) = &filter.entity {
        conditions.push("entity_kind = ? AND entity_id = ?");
        values.push(kind.as_str().to_owned().into());
        values.push((*id).into());
    }
    if let Some(rec) = filter.recommendation_id {
        conditions.push("recommendation_id = ?");
        values.push(rec.into());
    }
    if let Some(before) = filter.before_id {
        conditions.push("id < ?");
        values.push(before.into());
    }
    let in_list = |n: usize| vec!["?"; n].join(", ");
    let actor_condition;
    if let Some(actors) = &filter.actors {
        actor_condition = format!("actor IN ({})", in_list(actors.len()));
        conditions.push(&actor_condition);
        values.extend(actors.iter().map(|a| a.clone().into()));
    }
    let action_condition;
    if let Some(actions) = &filter.actions {
        action_condition = format!("action IN ({})", in_list(actions.len()));
        conditions.push(&action_condition);
        values.extend(actions.iter().map(|a| a.as_str().to_owned().into()));
    }
    if let Some(since) = &filter.since {
        conditions.push("at >= ?");
        values.push(since.clone().into());
    }
    if let Some(until) = &filter.until {
        conditions.push("at < ?");
        values.push(until.clone().into());
    }
    values.push(filter.limit.map(i64::from).unwrap_or(-1).into());
    let condition = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, at, actor, action, entity_kind, entity_id, recommendation_id, before_json, after_json,
                machine, app_version, prev_hash, hash, {}
         FROM audit_event {condition}
         ORDER BY id DESC
         LIMIT ?",
        if filter.with_seals { "records" } else { "NULL" }
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| {
        let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
        Ok(AuditEvent {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            entity_kind: r.get(4)?,
            entity_id: r.get(5)?,
            recommendation_id: r.get(6)?,
            before: parse(r.get(7)?),
            after: parse(r.get(8)?),
            machine: r.get(9)?,
            app_version: r.get(10)?,
            prev_hash: r.get(11)?,
            hash: r.get(12)?,
            records: parse(r.get(13)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM audit_event", [], |r| r.get(0))?)
}
