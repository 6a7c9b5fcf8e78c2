//! The audit trail: who changed what, when, before and after.
//!
//! Events are written through [`Change`], the context of one use case's
//! transaction, so an event can only exist together with the change it
//! describes, and a change cannot be committed without its event.

use crate::actor::Actor;
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One use case in progress: its transaction, its time, its actor and the
/// machine it runs on.
pub struct Change<'a> {
    pub tx: &'a Transaction<'a>,
    pub now: String,
    pub actor: &'a Actor,
    pub machine: &'a str,
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
}

impl Sealed<'_> {
    /// SHA-256, in hex, of the event's fields as a JSON array: unambiguous
    /// (every string is quoted and escaped) and stable.
    fn hash(&self) -> String {
        use sha2::{Digest, Sha256};
        let canonical = serde_json::json!([
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
        ])
        .to_string();
        Sha256::digest(canonical.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// The id and hash of the newest event, if any.
fn head(conn: &Connection) -> Result<(i64, Option<String>)> {
    Ok(conn
        .query_row(
            "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, None)))
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
        }
        .hash()
    }
}

fn stored_events(conn: &Connection, only_unsealed: bool) -> Result<Vec<StoredEvent>> {
    let sql = format!(
        "SELECT id, at, actor, machine, app_version, action, entity_kind, entity_id, recommendation_id,
                before_json, after_json, prev_hash, hash
         FROM audit_event {} ORDER BY id",
        if only_unsealed { "WHERE hash IS NULL" } else { "" }
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], |r| {
        Ok(StoredEvent {
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
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Seals, in id order, the events written before the chain existed (schema
/// migration 2).
pub(crate) fn seal_unsealed(tx: &Transaction<'_>) -> Result<()> {
    let mut prev: Option<String> = tx
        .query_row(
            "SELECT hash FROM audit_event WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    for event in stored_events(tx, true)? {
        let hash = event.seal(prev.as_deref());
        tx.execute(
            "UPDATE audit_event SET prev_hash = ?2, hash = ?3 WHERE id = ?1",
            params![event.id, prev, hash],
        )?;
        prev = Some(hash);
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
    Ok(first_broken(stored_events(conn, false)?).map(|(_, link)| link))
}

/// Checks events held outside a data file (oldest first, as an export lists
/// them) the way [`verify_chain`] checks the table, so a trail edited in
/// transit is refused. Returns the position of the first broken event.
pub fn verify_events(events: &[AuditEvent]) -> Option<(usize, BrokenLink)> {
    first_broken(events.iter().map(AuditEvent::to_stored))
}

fn first_broken(events: impl IntoIterator<Item = StoredEvent>) -> Option<(usize, BrokenLink)> {
    let mut prev: Option<String> = None;
    for (i, event) in events.into_iter().enumerate() {
        let broken = |reason: &str| {
            Some((
                i,
                BrokenLink {
                    event_id: event.id,
                    reason: reason.to_owned(),
                },
            ))
        };
        let Some(hash) = event.hash.as_deref() else {
            return broken("the event is not sealed");
        };
        if event.prev_hash != prev {
            return broken(
                "the event does not follow the one before it (an event was removed, inserted or reordered)",
            );
        }
        if event.seal(prev.as_deref()) != hash {
            return broken("the event's content was changed after it was written");
        }
        prev = Some(hash.to_owned());
    }
    None
}

/// Writes an event exactly as it was recorded elsewhere, seal included (an
/// import carries the trail of the tracker it came from).
pub(crate) fn insert_verbatim(tx: &Transaction<'_>, event: &AuditEvent) -> Result<()> {
    let stored = event.to_stored();
    let [at, actor, machine, app_version, action, entity_kind] = &stored.text;
    tx.execute(
        "INSERT INTO audit_event (id, at, actor, machine, app_version, action, entity_kind, entity_id,
             recommendation_id, before_json, after_json, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
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
            stored.hash
        ],
    )?;
    Ok(())
}

/// What an event is about.
#[derive(Debug, Clone, Copy)]
pub struct Subject {
    pub kind: &'static str,
    pub id: i64,
    pub recommendation_id: Option<i64>,
}

impl Change<'_> {
    /// Records `action` on `subject`, with the states before and after.
    pub fn audit<B: Serialize, A: Serialize>(
        &self,
        action: &str,
        subject: Subject,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<()> {
        let before = before
            .map(serde_json::to_string)
            .transpose()
            .map_err(to_db)?;
        let after = after
            .map(serde_json::to_string)
            .transpose()
            .map_err(to_db)?;
        let (last_id, prev_hash) = head(self.tx)?;
        let id = last_id + 1;
        let hash = Sealed {
            id,
            at: &self.now,
            actor: self.actor.as_str(),
            machine: self.machine,
            app_version: crate::VERSION,
            action,
            entity_kind: subject.kind,
            entity_id: Some(subject.id),
            recommendation_id: subject.recommendation_id,
            before: before.as_deref(),
            after: after.as_deref(),
            prev_hash: prev_hash.as_deref(),
        }
        .hash();
        self.tx.execute(
            "INSERT INTO audit_event (id, at, actor, machine, app_version, action, entity_kind, entity_id,
                 recommendation_id, before_json, after_json, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                id,
                self.now,
                self.actor.as_str(),
                self.machine,
                crate::VERSION,
                action,
                subject.kind,
                subject.id,
                subject.recommendation_id,
                before,
                after,
                prev_hash,
                hash
            ],
        )?;
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
    pub machine: String,
    pub app_version: String,
    pub action: String,
    pub entity_kind: String,
    pub entity_id: Option<i64>,
    pub recommendation_id: Option<i64>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
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
        }
    }
}

/// Which events to list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub recommendation_id: Option<i64>,
    pub entity: Option<(String, i64)>,
    /// Newest first, at most this many (all when `None`).
    pub limit: Option<u32>,
    /// Only events older than this one: the next page of a list whose last
    /// shown event this is. A key rather than an offset, so each page is one
    /// index seek however deep into a long trail it is.
    pub before_id: Option<i64>,
}

pub fn list(conn: &Connection, filter: &AuditFilter) -> Result<Vec<AuditEvent>> {
    // The condition names only the filters given, so SQLite walks the
    // matching index newest first (a `?1 IS NULL OR …` condition would make
    // it read the whole trail instead).
    let mut conditions = Vec::new();
    let mut values: Vec<rusqlite::types::Value> = Vec::new();
    if let Some((kind, id)) = &filter.entity {
        conditions.push("entity_kind = ? AND entity_id = ?");
        values.push(kind.clone().into());
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
    values.push(filter.limit.map(i64::from).unwrap_or(-1).into());
    let condition = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, at, actor, action, entity_kind, entity_id, recommendation_id, before_json, after_json,
                machine, app_version, prev_hash, hash
         FROM audit_event {condition}
         ORDER BY id DESC
         LIMIT ?"
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
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM audit_event", [], |r| r.get(0))?)
}
