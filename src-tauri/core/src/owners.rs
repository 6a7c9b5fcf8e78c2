//! Owners: the people or roles who lead recommendations and own milestones.
//!
//! Owners are deactivated rather than deleted once they hold any work, so
//! the history of who was accountable for what is never lost.

use crate::actor::Actor;
use crate::audit::{Action, Change, Subject};
use crate::error::{CoreError, Result, Rule};
use crate::scales::milestone_sql;
use crate::seals::RecordKind;
use crate::tracker::Tracker;
use crate::validate::{self, limit, Lines};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    pub id: i64,
    pub name: String,
    pub title: String,
    pub unit: String,
    pub email: String,
    pub active: bool,
}

/// What a user enters for an owner.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct OwnerInput {
    pub name: String,
    pub title: String,
    pub unit: String,
    pub email: String,
}

impl OwnerInput {
    fn validate(&self) -> Result<()> {
        check_fields(&self.name, &self.title, &self.unit, &self.email)
    }
}

/// The rules of an owner's fields: the use cases and the importer (see
/// `import::check`) both apply these.
pub(crate) fn check_fields(name: &str, title: &str, unit: &str, email: &str) -> Result<()> {
    validate::required("name", name, limit::NAME, Lines::Single)?;
    validate::optional("title", title, limit::NAME, Lines::Single)?;
    validate::optional("unit", unit, limit::NAME, Lines::Single)?;
    validate::email("email", email)
}

const COLUMNS: &str = "id, name, title, unit, email, active";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Owner> {
    Ok(Owner {
        id: r.get(0)?,
        name: r.get(1)?,
        title: r.get(2)?,
        unit: r.get(3)?,
        email: r.get(4)?,
        active: r.get(5)?,
    })
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Owner> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM owner WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::not_found("owner", id))
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<Owner>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM owner ORDER BY active DESC, name COLLATE NOCASE, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Checks that `id` names an active owner, for assignment to `field`.
pub(crate) fn require_active(conn: &Connection, field: &'static str, id: i64) -> Result<()> {
    let active: Option<bool> = conn
        .query_row("SELECT active FROM owner WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    match active {
        None => Err(CoreError::invalid(field, Rule::UnknownValue)),
        Some(false) => Err(CoreError::invalid(field, Rule::Inactive)),
        Some(true) => Ok(()),
    }
}

/// How much work an owner holds; open work blocks deletion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OwnerLoad {
    pub lead_of: i64,
    pub supporting: i64,
    pub open_milestones: i64,
    pub all_milestones: i64,
}

pub(crate) fn load(conn: &Connection, id: i64) -> Result<OwnerLoad> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "SELECT
               (SELECT count(*) FROM recommendation WHERE lead_owner_id = ?1),
               (SELECT count(*) FROM supporting_owner WHERE owner_id = ?1),
               (SELECT count(*) FROM milestone WHERE owner_id = ?1 AND state IN {}),
               (SELECT count(*) FROM milestone WHERE owner_id = ?1)",
            *milestone_sql::OPEN
        )
    });
    Ok(conn.query_row(&SQL, [id], |r| {
        Ok(OwnerLoad {
            lead_of: r.get(0)?,
            supporting: r.get(1)?,
            open_milestones: r.get(2)?,
            all_milestones: r.get(3)?,
        })
    })?)
}

fn subject(id: i64) -> Subject {
    Subject {
        kind: RecordKind::Owner,
        id,
        recommendation_id: None,
    }
}

impl Tracker {
    pub fn owners(&mut self) -> Result<Vec<Owner>> {
        self.read(list)
    }

    pub fn owner(&mut self, id: i64) -> Result<Owner> {
        self.read(|c| get(c, id))
    }

    pub fn owner_load(&mut self, id: i64) -> Result<OwnerLoad> {
        self.read(|c| {
            get(c, id)?;
            load(c, id)
        })
    }

    pub fn add_owner(&mut self, actor: &Actor, input: &OwnerInput) -> Result<Owner> {
        input.validate()?;
        self.write(actor, |ch| {
            ch.tx.execute(
                "INSERT INTO owner (name, title, unit, email) VALUES (?1, ?2, ?3, ?4)",
                params![input.name, input.title, input.unit, input.email],
            )?;
            let owner = get(ch.tx, ch.tx.last_insert_rowid())?;
            ch.audit(
                Action::AddOwner,
                subject(owner.id),
                None::<&()>,
                Some(&owner),
            )?;
            Ok(owner)
        })
    }

    pub fn update_owner(&mut self, actor: &Actor, id: i64, input: &OwnerInput) -> Result<Owner> {
        input.validate()?;
        self.write(actor, |ch| {
            let before = get(ch.tx, id)?;
            ch.tx.execute(
                "UPDATE owner SET name = ?2, title = ?3, unit = ?4, email = ?5 WHERE id = ?1",
                params![id, input.name, input.title, input.unit, input.email],
            )?;
            let after = get(ch.tx, id)?;
            ch.audit(
                Action::UpdateOwner,
                subject(id),
                Some(&before),
                Some(&after),
            )?;
            Ok(after)
        })
    }

    /// Deactivates (or reactivates) an owner. An inactive owner keeps the
    /// work already assigned but cannot be given more.
    pub fn set_owner_active(&mut self, actor: &Actor, id: i64, active: bool) -> Result<Owner> {
        self.write(actor, |ch| {
            let before = get(ch.tx, id)?;
            if before.active == active {
                return Ok(before);
            }
            ch.tx.execute(
                "UPDATE owner SET active = ?2 WHERE id = ?1",
                params![id, active],
            )?;
            let after = get(ch.tx, id)?;
            let action = if active {
                Action::ReactivateOwner
            } else {
                Action::DeactivateOwner
            };
            ch.audit(action, subject(id), Some(&before), Some(&after))?;
            Ok(after)
        })
    }

    /// Deletes an owner entered by mistake. Refused once the owner holds any
    /// work, open or finished: deactivate them instead.
    pub fn delete_owner(&mut self, actor: &Actor, id: i64) -> Result<()> {
        self.write(actor, |ch| delete(ch, id))
    }
}

fn delete(ch: &Change<'_>, id: i64) -> Result<()> {
    let before = get(ch.tx, id)?;
    let load = load(ch.tx, id)?;
    if load.lead_of + load.supporting + load.all_milestones > 0 {
        return Err(CoreError::OwnerHoldsWork {
            name: before.name,
            lead_of: load.lead_of,
            supporting: load.supporting,
            milestones: load.all_milestones,
            open_milestones: load.open_milestones,
        });
    }
    ch.tx.execute("DELETE FROM owner WHERE id = ?1", [id])?;
    ch.audit(Action::DeleteOwner, subject(id), Some(&before), None::<&()>)
}
