//! The audit trail: who changed what, when, before and after.
//!
//! Events are written through [`Change`], the context of one use case's
//! transaction, so an event can only exist together with the change it
//! describes, and a change cannot be committed without its event.

use crate::actor::Actor;
use crate::error::Result;
use rusqlite::{params, Connection, Transaction};
use serde::Serialize;
use serde_json::Value;

/// One use case in progress: its transaction, its time and its actor.
pub struct Change<'a> {
    pub tx: &'a Transaction<'a>,
    pub now: String,
    pub actor: &'a Actor,
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
        self.tx.execute(
            "INSERT INTO audit_event (at, actor, action, entity_kind, entity_id, recommendation_id, before_json, after_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                self.now,
                self.actor.as_str(),
                action,
                subject.kind,
                subject.id,
                subject.recommendation_id,
                before,
                after
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

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEvent {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity_kind: String,
    pub entity_id: Option<i64>,
    pub recommendation_id: Option<i64>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Which events to list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub recommendation_id: Option<i64>,
    pub entity: Option<(String, i64)>,
    /// Newest first, at most this many (all when `None`).
    pub limit: Option<u32>,
}

pub fn list(conn: &Connection, filter: &AuditFilter) -> Result<Vec<AuditEvent>> {
    let (kind, id) = match &filter.entity {
        Some((k, i)) => (Some(k.as_str()), Some(*i)),
        None => (None, None),
    };
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, actor, action, entity_kind, entity_id, recommendation_id, before_json, after_json
         FROM audit_event
         WHERE (?1 IS NULL OR recommendation_id = ?1)
           AND (?2 IS NULL OR (entity_kind = ?2 AND entity_id = ?3))
         ORDER BY id DESC
         LIMIT ?4",
    )?;
    let limit = filter.limit.map(i64::from).unwrap_or(-1);
    let rows = stmt.query_map(params![filter.recommendation_id, kind, id, limit], |r| {
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
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM audit_event", [], |r| r.get(0))?)
}
