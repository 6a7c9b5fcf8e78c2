//! `followthrough verify`: proof that the file holds exactly what its audit
//! trail says, and that the trail is whole.
//!
//! In order, each check reporting the first problem it finds:
//!
//! 1. SQLite's full integrity check, every reference between records, and
//!    the running counts against the rows they count.
//! 2. The structure (tables, indexes, triggers) is exactly what the
//!    migrations make: a dropped append-only trigger, a loosened CHECK or
//!    an added trigger is reported.
//! 3. The full-text indexes agree with the text they index.
//! 4. The audit trail's hash chain holds, and replaying its record seals
//!    gives exactly the records in the file: nothing added, changed or
//!    removed without its event.
//! 5. Every frozen snapshot matches its fingerprint, and the fingerprint the
//!    period's sign-off event recorded.
//! 6. The trail still holds the newest event this computer saw in it (the
//!    witness), and the newest event of every backup taken since the last
//!    restore or import.

use crate::audit::{self, Action, TrailProblem};
use crate::backup;
use crate::db::{self, migrate};
use crate::error::{CoreError, Result};
use crate::seals::{self, Head};
use crate::tracker::Tracker;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::Path;

/// Runs `PRAGMA integrity_check` and `foreign_key_check`, and checks the
/// running counts against their rows.
pub fn integrity(conn: &Connection, path: &Path) -> Result<()> {
    let damaged = |detail: String| CoreError::Damaged {
        path: path.to_owned(),
        detail,
    };
    let rows: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| damaged(e.to_string()))?;
    if rows != ["ok"] {
        return Err(damaged(rows.join("; ")));
    }
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .map_err(|e| damaged(e.to_string()))?;
    if broken > 0 {
        let which = if broken == 1 {
            "reference"
        } else {
            "references"
        };
        return Err(damaged(format!("{broken} broken {which} between records")));
    }
    for (counts, table, column) in [
        ("milestone_count", "milestone", "state"),
        ("evidence_count", "evidence", "kind"),
    ] {
        if !running_counts_agree(conn, counts, table, column).map_err(|e| damaged(e.to_string()))? {
            return Err(CoreError::Tampered {
                path: path.to_owned(),
                detail: format!("the running counts in {counts} disagree with the {table} rows"),
            });
        }
    }
    Ok(())
}

/// Whether a table of running counts (schema 5) holds exactly the counts of
/// the rows it counts. Files from before schema 5 have none to check.
fn running_counts_agree(
    conn: &Connection,
    counts: &str,
    table: &str,
    column: &str,
) -> rusqlite::Result<bool> {
    let present: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
        [counts],
        |r| r.get(0),
    )?;
    if !present {
        return Ok(true);
    }
    let actual = format!("SELECT recommendation_id, {column}, count(*) FROM {table} GROUP BY 1, 2");
    let kept = format!("SELECT recommendation_id, {column}, n FROM {counts} WHERE n > 0");
    conn.query_row(
        &format!(
            "SELECT NOT EXISTS ({actual} EXCEPT {kept}) AND NOT EXISTS ({kept} EXCEPT {actual})"
        ),
        [],
        |r| r.get(0),
    )
}

/// SQLite's full integrity check of the tracker at `path` (and its
/// references and running counts), through a read-only connection of its
/// own, so it can run beside a tracker open in the same program.
pub fn integrity_of_file(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.busy_timeout(crate::db::BUSY_TIMEOUT)?;
    integrity(&conn, path)
}

/// The full-text indexes (schema 4) against the text of their tables.
fn search_indexes(conn: &Connection, path: &Path) -> Result<()> {
    for index in ["evidence_search", "milestone_search", "assessment_search"] {
        let checked = conn.execute(
            &format!("INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)"),
            [],
        );
        if let Err(e) = checked {
            return Err(CoreError::Tampered {
                path: path.to_owned(),
                detail: format!("the search index {index} disagrees with its records ({e})"),
            });
        }
    }
    Ok(())
}

/// The trail's chain and seals, against the records of the file.
fn trail(conn: &Connection, path: &Path) -> Result<()> {
    let replay = match audit::verify_trail(conn)? {
        Ok(replay) => replay,
        Err(TrailProblem::Chain(link)) => {
            return Err(CoreError::AuditChainBroken {
                path: path.to_owned(),
                event_id: link.event_id,
                reason: link.reason,
            })
        }
        Err(TrailProblem::Seals(problem)) => {
            return Err(CoreError::Tampered {
                path: path.to_owned(),
                detail: problem.to_string(),
            })
        }
    };
    let current = seals::all_current(conn).map_err(|e| CoreError::Tampered {
        path: path.to_owned(),
        detail: format!("a record cannot be read ({e})"),
    })?;
    replay
        .compare(&current)
        .map_err(|(problem, _)| CoreError::Tampered {
            path: path.to_owned(),
            detail: problem.to_string(),
        })
}

/// Every frozen snapshot against its fingerprint and its sign-off event.
fn snapshots(conn: &Connection, path: &Path) -> Result<()> {
    // Reading a snapshot checks its content against its fingerprint.
    let stored = crate::snapshots::list(conn)?;
    let recorded = crate::periods::sign_off_fingerprints(conn)?;
    for s in &stored {
        if let Some(fingerprint) = recorded.get(&s.period_id) {
            if *fingerprint != s.fingerprint {
                return Err(CoreError::Tampered {
                    path: path.to_owned(),
                    detail: format!(
                        "the snapshot of period {} is not the one its sign-off froze",
                        s.period_id
                    ),
                });
            }
        }
    }
    Ok(())
}

/// Every signed decision against its reviewer's key; and every review
/// recorded while a reviewer was registered carries a signed decision.
/// A record edited in the file breaks its seal ([`trail`]); this also
/// catches a trail rewritten whole, which no key of the reviewer's signs.
fn signed_decisions(conn: &Connection, path: &Path) -> Result<()> {
    // Files of earlier data versions (a backup about to be restored) have
    // no register, nor any signed decision.
    if migrate::version(conn)? < 7 {
        return Ok(());
    }
    let tampered = |detail: String| CoreError::Tampered {
        path: path.to_owned(),
        detail,
    };
    let tracker_id: String = conn
        .query_row("SELECT value FROM meta WHERE key = 'tracker_id'", [], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or_default();
    for d in crate::decisions::list(conn)? {
        let reviewer = crate::reviewers::get(conn, d.reviewer_id)?;
        if let Some(problem) = crate::decisions::problem(&d, &reviewer, &tracker_id) {
            return Err(tampered(format!(
                "the signed decision {} does not hold: {problem}",
                d.id
            )));
        }
    }
    let mut stmt = conn.prepare(
        "SELECT id, action, entity_id,
                EXISTS (SELECT 1 FROM json_each(records, '$.records')
                        WHERE json_extract(value, '$[0]') = 'decision')
         FROM audit_event WHERE action IN (?1, ?2, ?3, ?4, ?5) ORDER BY id",
    )?;
    let events = stmt.query_map(
        [
            Action::AddReviewer.as_str(),
            Action::RemoveReviewer.as_str(),
            Action::AcceptAssessment.as_str(),
            Action::ReturnAssessment.as_str(),
            Action::SignOffPeriod.as_str(),
        ],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, bool>(3)?,
            ))
        },
    )?;
    let events: Vec<_> = events.collect::<rusqlite::Result<_>>()?;
    match unsigned_review(&events) {
        Some(id) => Err(tampered(format!(
            "event {id} records a review without a signed decision, while a reviewer was registered"
        ))),
        None => Ok(()),
    }
}

/// The first review event (`id`, action, entity, whether it seals a signed
/// decision) recorded while a reviewer was registered without a signed
/// decision, reading the register's events in the same order.
fn unsigned_review(events: &[(i64, String, Option<i64>, bool)]) -> Option<i64> {
    let mut registered = std::collections::HashSet::new();
    for (id, action, entity, signed) in events {
        if action == Action::AddReviewer.as_str() {
            registered.insert(*entity);
        } else if action == Action::RemoveReviewer.as_str() {
            registered.remove(entity);
        } else if !registered.is_empty() && !signed {
            return Some(*id);
        }
    }
    None
}

/// The newest event of a backup file, and the tracker it belongs to.
fn backup_head(file: &Path) -> Option<(String, Head)> {
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    let id: String = conn
        .query_row("SELECT value FROM meta WHERE key = 'tracker_id'", [], |r| {
            r.get(0)
        })
        .ok()?;
    let head = audit::head(&conn).ok()??;
    Some((id, head))
}

/// Backups of this tracker taken since the last restore or import must hold
/// a beginning of the current trail: a trail cut short after a backup was
/// taken no longer holds the backup's newest event. (A backup's own content
/// is checked against its own trail when it is restored.)
fn backups(conn: &Connection, tracker_id: &str, path: &Path) -> Result<()> {
    let since: Option<String> = conn
        .query_row(
            "SELECT max(at) FROM audit_event WHERE action IN (?1, ?2)",
            [Action::Restore.as_str(), Action::Import.as_str()],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    for b in backup::list(path)? {
        let Some((id, head)) = backup_head(&b.path) else {
            continue;
        };
        if id != tracker_id {
            continue;
        }
        let name = b.path.display().to_string();
        let taken = crate::audit::timestamp(b.taken_at);
        let after_replacement = since.as_deref().is_none_or(|s| taken.as_str() > s);
        if after_replacement && !audit::holds(conn, &head)? {
            return Err(CoreError::Tampered {
                path: path.to_owned(),
                detail: format!(
                    "its audit trail does not hold event {} of the backup {name}, taken {}: events were removed",
                    head.event_id, taken
                ),
            });
        }
    }
    Ok(())
}

impl Tracker {
    /// Checks the open file completely (see the module's list) and returns
    /// the first problem.
    pub fn verify(&mut self) -> Result<()> {
        let path = self.path().to_owned();
        let tracker_id = self.tracker_id().to_owned();
        let witness = self.witness().cloned();
        self.read(|c| {
            integrity(c, &path)?;
            db::check_schema(c, migrate::version(c)?, &path)?;
            search_indexes(c, &path)?;
            trail(c, &path)?;
            snapshots(c, &path)?;
            signed_decisions(c, &path)?;
            if let Some(w) = &witness {
                w.check(c, &tracker_id, &path)?;
            }
            backups(c, &tracker_id, &path)
        })
    }
}

/// Checks a file that is not open (a backup, a file being prepared for a
/// restore) as [`Tracker::verify`] checks an open one, without the
/// witness and the backups.
pub(crate) fn file(conn: &Connection, path: &Path) -> Result<()> {
    integrity(conn, path)?;
    db::check_schema(conn, migrate::version(conn)?, path)?;
    search_indexes(conn, path)?;
    trail(conn, path)?;
    snapshots(conn, path)?;
    signed_decisions(conn, path)
}

#[cfg(test)]
mod tests {
    use super::unsigned_review;

    fn event(id: i64, action: &str, entity: i64, signed: bool) -> (i64, String, Option<i64>, bool) {
        (id, action.to_owned(), Some(entity), signed)
    }

    #[test]
    fn a_review_by_name_counts_only_while_nobody_is_registered() {
        let by_name = event(1, "accept_assessment", 5, false);
        assert_eq!(unsigned_review(std::slice::from_ref(&by_name)), None);
        let registered = event(2, "add_reviewer", 1, false);
        let signed = event(3, "return_assessment", 5, true);
        let unsigned = event(4, "sign_off_period", 2, false);
        assert_eq!(
            unsigned_review(&[by_name.clone(), registered.clone(), signed.clone()]),
            None
        );
        assert_eq!(
            unsigned_review(&[
                by_name.clone(),
                registered.clone(),
                signed.clone(),
                unsigned.clone()
            ]),
            Some(4)
        );
        // Two registered, one removed: still one registered.
        let second = event(5, "add_reviewer", 2, false);
        let removed = event(6, "remove_reviewer", 1, false);
        let late = event(7, "accept_assessment", 6, false);
        assert_eq!(
            unsigned_review(&[registered.clone(), second, removed.clone(), late.clone()]),
            Some(7)
        );
        // Everyone removed: the single-computer flow again.
        assert_eq!(unsigned_review(&[registered, removed, late]), None);
    }
}
