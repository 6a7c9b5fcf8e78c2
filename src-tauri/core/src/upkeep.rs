//! The work that runs each time a tracker is opened, after every migration:
//! what needs today's code and the latest schema.
//!
//! A file whose trail seals no records yet — a new tracker, or one made
//! before data version 6 — gets its snapshots of periods signed off before
//! version 3 rebuilt from the data as it stands (marked as reconstructed),
//! then one event that seals every record (for a new tracker, its
//! identity), then the report and its recommendations if they are missing.
//!
//! Once the trail seals records, nothing is added on opening: a seeded
//! record missing from a sealed tracker was removed behind the program's
//! back, and putting it back silently would hide that from `verify`.
//!
//! All of it runs in one transaction: a kill leaves the file as the
//! migrations left it, and the next open does it again.

use crate::actor::Actor;
use crate::audit::{Action, Subject};
use crate::error::Result;
use crate::seals;
use crate::tracker::Tracker;
use rusqlite::Connection;

/// Whether any event of the trail carries record seals.
fn sealing(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM audit_event WHERE records IS NOT NULL)",
        [],
        |r| r.get(0),
    )?)
}

pub(crate) fn run(t: &mut Tracker) -> Result<()> {
    // The usual case, a sealed trail, costs one read and no write lock.
    if sealing(t.connection())? {
        return Ok(());
    }
    t.write(&Actor::system(), |ch| {
        if sealing(ch.tx)? {
            return Ok(());
        }
        {
            let events = crate::audit::count(ch.tx)?;
            let reports: i64 = ch
                .tx
                .query_row("SELECT count(*) FROM report", [], |r| r.get(0))?;
            let action = if events == 0 && reports == 0 {
                Action::CreateTracker
            } else {
                Action::SealRecords
            };
            crate::snapshots::reconstruct_missing(ch.tx)?;
            let all = seals::everything(ch.tx)?;
            let tracker_id: Option<String> = ch
                .tx
                .query_row("SELECT value FROM meta WHERE key = 'tracker_id'", [], |r| {
                    r.get(0)
                })
                .ok();
            let after = serde_json::json!({
                "tracker_id": tracker_id,
                "records_sealed": all.records.len(),
                "events_before": events,
            });
            ch.audit_sealed(action, Subject::TRACKER, None::<&()>, Some(&after), &all)?;
        }
        crate::seed::ensure(ch)
    })
}
