//! Progress of work that can take more than a second on a large tracker (a
//! backup, a restore, checking the backups, a briefing), and the user's
//! wish to cancel it.
//!
//! The work reports each stage it enters, and within a stage how far it is
//! when it can tell (`total` 0 when it cannot: SQLite's integrity check
//! does not say how far it is). It looks at the cancel flag only where
//! stopping leaves nothing behind: before anything is put in place. Once a
//! backup is being linked into place or a restore replaces the content,
//! the work finishes; a front end hides its cancel button from then on
//! (`cancellable` is false).

use crate::error::{CoreError, Result};
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};

/// What the work is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Copying the tracker into a working file.
    Copying,
    /// Checking a copy (or a backup) with SQLite's integrity check.
    Checking,
    /// Keeping the current content as a backup before it is replaced.
    KeepingCurrent,
    /// Putting the new content in place.
    Replacing,
    /// Checking each backup in the backups folder.
    CheckingBackups,
    /// Reading what a briefing shows.
    Reading,
    /// Laying the briefing out.
    Typesetting,
    /// Writing the file.
    Writing,
    /// Recording the work in the audit trail.
    Recording,
}

/// One report: the stage, how far into it, and whether stopping now is
/// still safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Step {
    pub stage: Stage,
    pub done: u64,
    /// 0 when the stage cannot tell how much there is.
    pub total: u64,
    pub cancellable: bool,
}

/// Where a long operation reports to, and the flag that asks it to stop.
/// [`Progress::none`] for callers that show nothing (the command line, the
/// window's automatic backup, tests).
#[derive(Clone, Copy)]
pub struct Progress<'a> {
    report: Option<&'a (dyn Fn(Step) + Sync)>,
    cancel: Option<&'a AtomicBool>,
}

impl<'a> Progress<'a> {
    pub fn none() -> Self {
        Progress {
            report: None,
            cancel: None,
        }
    }

    pub fn new(report: &'a (dyn Fn(Step) + Sync), cancel: Option<&'a AtomicBool>) -> Self {
        Progress {
            report: Some(report),
            cancel,
        }
    }

    /// Reports a stage whose end cannot be told in advance.
    pub fn stage(&self, stage: Stage, cancellable: bool) {
        self.step(stage, 0, 0, cancellable);
    }

    pub fn step(&self, stage: Stage, done: u64, total: u64, cancellable: bool) {
        if let Some(report) = self.report {
            report(Step {
                stage,
                done,
                total,
                cancellable: cancellable && self.cancel.is_some(),
            });
        }
    }

    /// Whether the user asked to stop.
    pub fn cancelled(&self) -> bool {
        self.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
    }

    /// Stops the work here, with [`CoreError::Cancelled`], if the user
    /// asked. Call only where stopping leaves nothing behind.
    pub fn check(&self) -> Result<()> {
        if self.cancelled() {
            Err(CoreError::Cancelled)
        } else {
            Ok(())
        }
    }
}

/// Runs `work` (one long SQLite statement on `conn`, such as `VACUUM
/// INTO`) while a watcher reports `stage` every tenth of a second with
/// `measure()` out of `total`, and interrupts the statement if the user
/// asks to stop (when `cancellable`). Without a reporter or a cancel flag
/// there is no watcher, so callers that show nothing pay nothing.
pub(crate) fn watched<T>(
    progress: &Progress<'_>,
    conn: &rusqlite::Connection,
    (stage, total, cancellable): (Stage, u64, bool),
    measure: impl Fn() -> u64 + Sync,
    work: impl FnOnce() -> Result<T>,
) -> Result<T> {
    progress.step(stage, 0, total, cancellable);
    if progress.report.is_none() && progress.cancel.is_none() {
        return work();
    }
    let finished = AtomicBool::new(false);
    let interrupt = conn.get_interrupt_handle();
    let result = std::thread::scope(|scope| {
        scope.spawn(|| {
            while !finished.load(Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(100));
                if cancellable && progress.cancelled() {
                    interrupt.interrupt();
                }
                progress.step(stage, measure().min(total), total, cancellable);
            }
        });
        let result = work();
        finished.store(true, Ordering::Relaxed);
        result
    });
    match result {
        Err(_) if cancellable && progress.cancelled() => Err(CoreError::Cancelled),
        other => other,
    }
}

impl Default for Progress<'_> {
    fn default() -> Self {
        Progress::none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn steps_reach_the_reporter_and_cancel_is_seen() {
        let seen = Mutex::new(Vec::new());
        let report = |s: Step| seen.lock().unwrap().push(s);
        let cancel = AtomicBool::new(false);
        let p = Progress::new(&report, Some(&cancel));
        p.step(Stage::Copying, 5, 10, true);
        assert!(p.check().is_ok());
        cancel.store(true, Ordering::Relaxed);
        assert!(matches!(p.check(), Err(CoreError::Cancelled)));
        p.stage(Stage::Recording, false);
        let seen = seen.into_inner().unwrap();
        assert_eq!(seen.len(), 2);
        assert_eq!(
            seen[0],
            Step {
                stage: Stage::Copying,
                done: 5,
                total: 10,
                cancellable: true
            }
        );
        assert!(!seen[1].cancellable);
    }

    #[test]
    fn without_a_cancel_flag_nothing_is_cancellable() {
        let seen = Mutex::new(Vec::new());
        let report = |s: Step| seen.lock().unwrap().push(s);
        let p = Progress::new(&report, None);
        p.stage(Stage::Checking, true);
        assert!(!seen.lock().unwrap()[0].cancellable);
        assert!(p.check().is_ok());
        Progress::none().stage(Stage::Checking, true);
    }
}
