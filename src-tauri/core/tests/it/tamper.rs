//! Changes made behind the program's back are caught: any row edited,
//! inserted or deleted in the file (past its triggers, which are put back
//! as they were), and any single flipped bit that changes what the file
//! holds, makes opening or `verify` fail. The tracker is the SAMPLE fixture
//! of the current data version, witnessed on this "computer" first.
//!
//! `PROPTEST_CASES` and `FOLLOWTHROUGH_BIT_FLIPS` run longer sessions.

use crate::common::*;
use followthrough_core::witness::Witness;
use followthrough_core::{FixedClock, Tracker};
use proptest::prelude::*;
use rusqlite::types::Value as Sql;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// The tables a person's data lives in, and those kept for it (running
/// counts, frozen snapshots, the trail, the tracker's identity).
const TABLES: [&str; 16] = [
    "meta",
    "report",
    "owner",
    "recommendation",
    "supporting_owner",
    "milestone",
    "milestone_revision",
    "evidence",
    "period",
    "assessment",
    "period_snapshot",
    "audit_event",
    "milestone_count",
    "evidence_count",
    "reviewer",
    "signed_decision",
];

struct Copy {
    _dir: tempfile::TempDir,
    path: PathBuf,
    witness: Witness,
}

/// The current fixture, opened once with a witness (as the program on
/// this computer would have) and closed.
fn witnessed_copy() -> Copy {
    let (dir, path, _) = old_tracker(followthrough_core::db::migrate::latest_version());
    let witness = Witness::at(dir.path().join("config/witness"));
    let t = open(&path, &witness).unwrap();
    drop(t);
    Copy {
        _dir: dir,
        path,
        witness,
    }
}

fn open(path: &Path, witness: &Witness) -> followthrough_core::Result<Tracker> {
    Tracker::open(path, Box::new(FixedClock::on(date(TODAY))))?.with_witness(witness.clone())
}

/// Whether the program notices: opening refuses the file, or verify fails.
fn caught(c: &Copy) -> Result<String, String> {
    match open(&c.path, &c.witness) {
        Err(e) => Ok(format!("refused on open: {e}")),
        Ok(mut t) => match t.verify() {
            Err(e) => Ok(format!("verify: {e}")),
            Ok(()) => Err("opened and verified as if nothing had happened".into()),
        },
    }
}

/// Runs `sql` on the file as another tool would (foreign keys off, CHECK
/// constraints ignored), with the append-only and frozen triggers dropped
/// first and put back after.
fn behind_the_back(path: &Path, sql: &str, params: &[Sql]) -> rusqlite::Result<usize> {
    let c = Connection::open(path)?;
    // As the sqlite3 shell would: no foreign keys, and CHECKs ignored.
    c.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON;")?;
    let triggers: Vec<(String, String)> = c
        .prepare(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'
               AND tbl_name IN ('audit_event', 'period_snapshot')",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (name, _) in &triggers {
        c.execute_batch(&format!("DROP TRIGGER {name}"))?;
    }
    let changed = c.execute(sql, rusqlite::params_from_iter(params));
    for (_, sql) in &triggers {
        c.execute_batch(sql)?;
    }
    changed
}

fn rows(path: &Path, table: &str) -> Vec<Vec<(String, Sql)>> {
    let c = Connection::open(path).unwrap();
    let mut stmt = c.prepare(&format!("SELECT * FROM {table}")).unwrap();
    let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
    stmt.query_map([], |r| {
        Ok(names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), r.get::<_, Sql>(i).unwrap()))
            .collect())
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// A value of the same kind as `v`, but different.
fn other(v: &Sql, salt: u32) -> Sql {
    match v {
        Sql::Null => Sql::Text(format!("x{salt}")),
        Sql::Integer(i) => Sql::Integer(i ^ (1 << (salt % 3))),
        Sql::Real(r) => Sql::Real(r + 1.0),
        Sql::Text(t) => {
            // Keep a date a date and a key a key where the table checks
            // its values, so the edit gets past SQLite's own constraints.
            if t.len() == 10 && t.as_bytes()[4] == b'-' {
                Sql::Text(format!(
                    "{}{}",
                    &t[..9],
                    (t.as_bytes()[9] - b'0' + 1) % 9 + 1
                ))
            } else {
                let mut s = t.clone();
                s.push(char::from(b'a' + (salt % 26) as u8));
                Sql::Text(s)
            }
        }
        Sql::Blob(b) => Sql::Blob([b.as_slice(), &[salt as u8]].concat()),
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Update {
        table: usize,
        row: usize,
        column: usize,
        salt: u32,
    },
    Delete {
        table: usize,
        row: usize,
    },
    Insert {
        table: usize,
        row: usize,
        salt: u32,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    let table = 0..TABLES.len();
    prop_oneof![
        (table.clone(), any::<usize>(), any::<usize>(), any::<u32>()).prop_map(
            |(table, row, column, salt)| Edit::Update {
                table,
                row,
                column,
                salt
            }
        ),
        (table.clone(), any::<usize>()).prop_map(|(table, row)| Edit::Delete { table, row }),
        (table, any::<usize>(), any::<u32>()).prop_map(|(table, row, salt)| Edit::Insert {
            table,
            row,
            salt
        }),
    ]
}

/// Applies the edit; `None` when SQLite itself refuses it (a constraint)
/// or it would change nothing, so there is nothing to catch.
fn apply(c: &Copy, e: &Edit) -> Option<String> {
    let (t, row) = match e {
        Edit::Update { table, row, .. }
        | Edit::Delete { table, row }
        | Edit::Insert { table, row, .. } => (TABLES[*table], *row),
    };
    let all = rows(&c.path, t);
    if all.is_empty() {
        return None;
    }
    let r = &all[row % all.len()];
    // A running count of zero is the same as no row: not a change.
    if t.ends_with("_count")
        && matches!(r.iter().find(|(n, _)| n == "n"), Some((_, Sql::Integer(0))))
    {
        return None;
    }
    let key: Vec<&(String, Sql)> = r.iter().filter(|(_, v)| *v != Sql::Null).collect();
    let whr = key
        .iter()
        .map(|(n, _)| format!("{n} IS ?"))
        .collect::<Vec<_>>()
        .join(" AND ");
    let key_values: Vec<Sql> = key.iter().map(|(_, v)| v.clone()).collect();
    let done = match e {
        Edit::Update { column, salt, .. } => {
            let (name, value) = &r[column % r.len()];
            let new = other(value, *salt);
            let mut params = vec![new];
            params.extend(key_values);
            behind_the_back(
                &c.path,
                &format!("UPDATE {t} SET {name} = ? WHERE {whr}"),
                &params,
            )
            .map(|n| format!("{t}.{name} of one row changed ({n} row)"))
        }
        Edit::Delete { .. } => behind_the_back(
            &c.path,
            &format!("DELETE FROM {t} WHERE {whr}"),
            &key_values,
        )
        .map(|n| format!("one row of {t} deleted ({n} row)")),
        Edit::Insert { salt, .. } => {
            // A copy of the row with a fresh key.
            let names: Vec<&str> = r.iter().map(|(n, _)| n.as_str()).collect();
            let mut values: Vec<Sql> = r.iter().map(|(_, v)| v.clone()).collect();
            let key_column = match t {
                "meta" => "key",
                "supporting_owner" => "owner_id",
                "milestone_count" | "evidence_count" => "recommendation_id",
                "period_snapshot" => "period_id",
                _ => "id",
            };
            let i = names.iter().position(|n| *n == key_column).unwrap();
            values[i] = match &values[i] {
                Sql::Integer(n) => Sql::Integer(n + 1000 + i64::from(*salt % 1000)),
                v => other(v, *salt),
            };
            let marks = vec!["?"; names.len()].join(", ");
            behind_the_back(
                &c.path,
                &format!("INSERT INTO {t} ({}) VALUES ({marks})", names.join(", ")),
                &values,
            )
            .map(|n| format!("a row added to {t} ({n} row)"))
        }
    };
    match done {
        Ok(what) if !what.contains("(0 row)") => Some(what),
        other => {
            if std::env::var_os("TAMPER_DEBUG").is_some() {
                eprintln!("not applied: {e:?} on {t}: {other:?}");
            }
            None
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(120),
        max_shrink_iters: 32,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_row_edited_inserted_or_deleted_behind_the_programs_back_is_caught(e in edit()) {
        let c = witnessed_copy();
        let Some(what) = apply(&c, &e) else { return Ok(()) };
        prop_assert!(caught(&c).is_ok(), "{what}: {}", caught(&c).unwrap_err());
    }
}

#[test]
fn the_newest_events_removed_are_caught_through_the_witness() {
    let c = witnessed_copy();
    let last: i64 = Connection::open(&c.path)
        .unwrap()
        .query_row("SELECT max(id) FROM audit_event", [], |r| r.get(0))
        .unwrap();
    behind_the_back(
        &c.path,
        "DELETE FROM audit_event WHERE id >= ?",
        &[Sql::Integer(last - 2)],
    )
    .unwrap();
    let why = caught(&c).unwrap();
    assert!(why.contains("no longer holds event"), "{why}");
}

#[test]
fn a_dropped_trigger_is_caught() {
    let c = witnessed_copy();
    Connection::open(&c.path)
        .unwrap()
        .execute_batch("DROP TRIGGER audit_event_no_delete")
        .unwrap();
    let why = caught(&c).unwrap();
    assert!(why.contains("structure"), "{why}");
}

#[test]
fn a_rewritten_snapshot_with_a_recomputed_fingerprint_is_caught() {
    let c = witnessed_copy();
    let (period, content): (i64, String) = Connection::open(&c.path)
        .unwrap()
        .query_row("SELECT period_id, content FROM period_snapshot", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let forged = content.replace("[SAMPLE]", "[FORGED]");
    assert_ne!(forged, content);
    let fingerprint = followthrough_core::files::sha256_hex(forged.as_bytes());
    behind_the_back(
        &c.path,
        "UPDATE period_snapshot SET content = ?, fingerprint = ? WHERE period_id = ?",
        &[
            Sql::Text(forged),
            Sql::Text(fingerprint),
            Sql::Integer(period),
        ],
    )
    .unwrap();
    let why = caught(&c).unwrap();
    assert!(why.contains("period"), "{why}");
}

/// Everything the file holds, as text: every row of every table except the
/// search indexes' internal ones (checked by FTS5 itself), the structure,
/// and the header fields that mean something to the program.
fn content(path: &Path) -> Option<String> {
    let c = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    let mut out = String::new();
    for pragma in ["user_version", "application_id"] {
        let v: i64 = c.pragma_query_value(None, pragma, |r| r.get(0)).ok()?;
        out.push_str(&format!("{pragma} {v}\n"));
    }
    let tables: Vec<(String, Option<String>)> = c
        .prepare("SELECT name, sql FROM sqlite_schema ORDER BY name")
        .ok()?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .ok()?
        .collect::<Result<_, _>>()
        .ok()?;
    for (name, sql) in &tables {
        // SQLite reads a declared type without regard to case, and the
        // text of the full-text index's internal tables is SQLite's, not
        // the program's: only what it means counts there (see db/schema.rs).
        let sql = match sql {
            Some(sql) if name.contains("_search_") => Some(sql.to_lowercase()),
            other => other.clone(),
        };
        out.push_str(&format!("{name}: {sql:?}\n"));
    }
    for (name, _) in tables {
        let internal = name.starts_with("sqlite_") || name.contains("_search_");
        if internal || !TABLES.contains(&name.as_str()) {
            continue;
        }
        let mut stmt = c.prepare(&format!("SELECT * FROM {name}")).ok()?;
        let n = stmt.column_count();
        let mut rows = stmt.query([]).ok()?;
        while let Some(r) = rows.next().ok()? {
            for i in 0..n {
                out.push_str(&format!("{:?}|", r.get_ref(i).ok()?));
            }
            out.push('\n');
        }
    }
    Some(out)
}

#[test]
fn every_bit_flip_that_changes_what_the_file_holds_is_caught() {
    let flips: usize = std::env::var("FOLLOWTHROUGH_BIT_FLIPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    let original = witnessed_copy();
    let bytes = std::fs::read(&original.path).unwrap();
    let before = content(&original.path).unwrap();
    // A fixed walk over the file, so a failure can be replayed.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let (mut changed, mut unchanged) = (0, 0);
    for _ in 0..flips {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let bit = (state % (bytes.len() as u64 * 8)) as usize;
        let c = witnessed_copy();
        let mut flipped = bytes.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        std::fs::write(&c.path, &flipped).unwrap();
        if content(&c.path).as_deref() == Some(before.as_str()) {
            unchanged += 1;
            continue;
        }
        changed += 1;
        if let Err(why) = caught(&c) {
            panic!(
                "bit {bit} (byte {}) changed the content and was not caught: {why}",
                bit / 8
            );
        }
    }
    println!(
        "{flips} bit flips: {changed} changed the content, all caught; {unchanged} changed nothing"
    );
    assert!(changed > flips / 20, "the flips reached the content");
}

#[test]
fn every_column_of_every_table_edited_and_every_table_deleted_from_or_added_to_is_caught() {
    let mut applied = 0;
    for (table, name) in TABLES.iter().enumerate() {
        let columns = {
            let c = witnessed_copy();
            rows(&c.path, name).first().map(|r| r.len()).unwrap_or(0)
        };
        let mut edits: Vec<Edit> = (0..columns)
            .map(|column| Edit::Update {
                table,
                row: 1,
                column,
                salt: 5,
            })
            .collect();
        edits.push(Edit::Delete { table, row: 1 });
        edits.push(Edit::Insert {
            table,
            row: 1,
            salt: 7,
        });
        for e in edits {
            let c = witnessed_copy();
            let Some(what) = apply(&c, &e) else { continue };
            applied += 1;
            if let Err(why) = caught(&c) {
                panic!("{what}: {why}");
            }
        }
    }
    println!("{applied} edits behind the program's back, all caught");
    assert!(applied > 100, "the edits reached the tables ({applied})");
}
