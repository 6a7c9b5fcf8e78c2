//! Migration 2's data step, frozen as version 2 wrote it: seals, in id
//! order, the audit events written before the chain existed.
//!
//! An event's seal at version 2 is the SHA-256, in lowercase hex, of the
//! compact JSON array of its twelve fields `[id, at, actor, machine,
//! app_version, action, entity_kind, entity_id, recommendation_id,
//! before_json, after_json, prev_hash]`. The audit module computes the same
//! seal for such events today; this copy exists so that the step never
//! depends on what that module becomes.

use crate::error::Result;
use rusqlite::{params, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

pub(super) fn run(tx: &Transaction<'_>) -> Result<()> {
    let mut prev: Option<String> = tx
        .query_row(
            "SELECT hash FROM audit_event WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    type Row = (
        i64,
        [String; 6],
        Option<i64>,
        Option<i64>,
        Option<String>,
        Option<String>,
    );
    let events: Vec<Row> = tx
        .prepare(
            "SELECT id, at, actor, machine, app_version, action, entity_kind, entity_id,
                    recommendation_id, before_json, after_json
             FROM audit_event WHERE hash IS NULL ORDER BY id",
        )?
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                [
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ],
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (
        id,
        [at, actor, machine, app_version, action, entity_kind],
        entity_id,
        rec,
        before,
        after,
    ) in events
    {
        let canonical = serde_json::json!([
            id,
            at,
            actor,
            machine,
            app_version,
            action,
            entity_kind,
            entity_id,
            rec,
            before,
            after,
            prev,
        ])
        .to_string();
        let hash: String = Sha256::digest(canonical.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        tx.execute(
            "UPDATE audit_event SET prev_hash = ?2, hash = ?3 WHERE id = ?1",
            params![id, prev, hash],
        )?;
        prev = Some(hash);
    }
    Ok(())
}
