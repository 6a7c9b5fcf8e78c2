//! The register of people who may review a tracker, each named by their
//! public key.
//!
//! Registering a reviewer changes what "accepted" means: from then on an
//! assessment is accepted or returned, and a period signed off, only by a
//! decision a registered reviewer signed ([`crate::decisions`]); a typed
//! name no longer does. Removing a reviewer (a lost laptop, a new deputy
//! minister) keeps their row, so what they signed while registered still
//! names their key; their key signs nothing new.

use crate::actor::Actor;
use crate::audit::{Action, Change, Subject};
use crate::error::{CoreError, Result, Rule};
use crate::keys::{Fingerprint, PublicKey};
use crate::scales::ReviewerRole;
use crate::seals::RecordKind;
use crate::tracker::Tracker;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reviewer {
    pub id: i64,
    pub name: String,
    pub role: ReviewerRole,
    /// The public key's text ([`PublicKey::to_text`]).
    pub public_key: String,
    pub fingerprint: String,
    pub added_at: String,
    pub added_by: String,
    pub removed_at: Option<String>,
    pub removed_by: Option<String>,
}

impl Reviewer {
    pub fn key(&self) -> Result<PublicKey> {
        PublicKey::parse(&self.public_key)
    }

    pub fn registered(&self) -> bool {
        self.removed_at.is_none()
    }
}

/// What the executive assistant enters to register a reviewer.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReviewerInput {
    pub name: String,
    /// A [`ReviewerRole`] key; empty means the deputy minister.
    pub role: String,
    pub public_key: String,
}

const COLUMNS: &str =
    "id, name, role, public_key, fingerprint, added_at, added_by, removed_at, removed_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Reviewer> {
    Ok(Reviewer {
        id: r.get(0)?,
        name: r.get(1)?,
        role: r.get(2)?,
        public_key: r.get(3)?,
        fingerprint: r.get(4)?,
        added_at: r.get(5)?,
        added_by: r.get(6)?,
        removed_at: r.get(7)?,
        removed_by: r.get(8)?,
    })
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Reviewer> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM reviewer WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::not_found("reviewer", id))
}

/// Every reviewer ever registered, registered ones first, then by id.
pub(crate) fn list(conn: &Connection) -> Result<Vec<Reviewer>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM reviewer ORDER BY removed_at IS NOT NULL, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The registered reviewer whose key has `fingerprint`, if any.
pub(crate) fn registered_with(
    conn: &Connection,
    fingerprint: &Fingerprint,
) -> Result<Option<Reviewer>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM reviewer WHERE fingerprint = ?1 AND removed_at IS NULL"
        ))?
        .query_row([fingerprint.as_str()], from_row)
        .optional()?)
}

/// Whether the tracker has a registered reviewer: if so, only signed
/// decisions review it.
pub(crate) fn any_registered(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM reviewer WHERE removed_at IS NULL)")?
        .query_row([], |r| r.get(0))?)
}

/// The rule of the two keys, enforced: with a reviewer registered, a
/// review by a typed name is refused.
pub(crate) fn require_none_registered(conn: &Connection) -> Result<()> {
    if any_registered(conn)? {
        return Err(CoreError::SignatureRequired);
    }
    Ok(())
}

fn subject(id: i64) -> Subject {
    Subject {
        kind: RecordKind::Reviewer,
        id,
        recommendation_id: None,
    }
}

fn add(ch: &Change<'_>, input: &ReviewerInput) -> Result<Reviewer> {
    let key = PublicKey::parse(&input.public_key)?;
    // The name the executive assistant gives, else the one in the key.
    let name = if input.name.trim().is_empty() {
        key.name().to_owned()
    } else {
        input.name.trim().to_owned()
    };
    crate::validate::required(
        "name",
        &name,
        crate::validate::limit::NAME,
        crate::validate::Lines::Single,
    )?;
    let role = if input.role.is_empty() {
        ReviewerRole::DeputyMinister
    } else {
        ReviewerRole::parse("role", &input.role)?
    };
    let fingerprint = key.fingerprint();
    if registered_with(ch.tx, &fingerprint)?.is_some() {
        return Err(CoreError::invalid("public_key", Rule::AlreadyRegistered));
    }
    ch.tx.execute(
        "INSERT INTO reviewer (name, role, public_key, fingerprint, added_at, added_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            name,
            role,
            key.to_text(),
            fingerprint.as_str(),
            ch.now,
            ch.actor.as_str()
        ],
    )?;
    let after = get(ch.tx, ch.tx.last_insert_rowid())?;
    ch.audit(
        Action::AddReviewer,
        subject(after.id),
        None::<&()>,
        Some(&after),
    )?;
    Ok(after)
}

impl Tracker {
    /// Every reviewer ever registered, registered ones first.
    pub fn reviewers(&mut self) -> Result<Vec<Reviewer>> {
        self.read(list)
    }

    /// Registers a reviewer by their public key's text. From then on only
    /// signed decisions review this tracker.
    pub fn add_reviewer(&mut self, actor: &Actor, input: &ReviewerInput) -> Result<Reviewer> {
        self.write(actor, |ch| add(ch, input))
    }

    /// Takes a reviewer off the register: their key signs nothing new
    /// here; what they signed stays, with their key.
    pub fn remove_reviewer(&mut self, actor: &Actor, id: i64) -> Result<Reviewer> {
        self.write(actor, |ch| {
            let before = get(ch.tx, id)?;
            if !before.registered() {
                return Err(CoreError::invalid("reviewer", Rule::Inactive));
            }
            ch.tx.execute(
                "UPDATE reviewer SET removed_at = ?2, removed_by = ?3 WHERE id = ?1",
                params![id, ch.now, ch.actor.as_str()],
            )?;
            let after = get(ch.tx, id)?;
            ch.audit(
                Action::RemoveReviewer,
                subject(id),
                Some(&before),
                Some(&after),
            )?;
            Ok(after)
        })
    }
}
