//! Restoring a backup: the chosen backup is checked, the current content
//! is kept as a backup (byte for byte when it does not open), and the
//! content is replaced whole, the restore recorded in the audit trail of
//! the restored content (see [`crate::replace`]).

use crate::actor::Actor;
use crate::audit::Action;
use crate::clock::Clock;
use crate::error::{CoreError, Result};
use crate::progress::{Progress, Stage};
use crate::replace::{self, Operator, Replacement, Staged};
use crate::tracker::Tracker;
use std::path::{Path, PathBuf};

impl Tracker {
    /// Replaces this open tracker's content with the backup at `backup`,
    /// after checking it and keeping the current content as a backup.
    /// Needs exclusive use of the file: refused while another window or
    /// command has it open. Returns where the previous content was kept.
    pub fn restore(
        &mut self,
        backup: &Path,
        actor: &Actor,
        progress: &Progress<'_>,
    ) -> Result<Option<PathBuf>> {
        let staged = Staged::copy_of(self.path(), backup, self.clock(), progress)?;
        let machine = self.machine().to_owned();
        replace::into_open(
            self,
            staged,
            Replacement {
                action: Action::Restore,
                actor,
                machine: &machine,
                details: serde_json::json!({ "from": backup.display().to_string() }),
                protect: vec![backup.to_owned()],
            },
            progress,
        )
    }
}

/// Replaces `data_file` with the backup at `backup`, after checking the
/// backup and keeping the current file (as a checked backup, or byte for
/// byte when it does not open). No window or command may have the file
/// open meanwhile; a window restores through [`Tracker::restore`]. Returns
/// the restored tracker and where the previous content was kept.
pub fn restore(
    data_file: &Path,
    backup: &Path,
    clock: Box<dyn Clock>,
    by: Operator<'_>,
    progress: &Progress<'_>,
) -> Result<(Tracker, Option<PathBuf>)> {
    let Operator {
        actor,
        machine,
        witness,
    } = by;
    let staged = Staged::copy_of(data_file, backup, &*clock, progress)?;
    let replacement = Replacement {
        action: Action::Restore,
        actor,
        machine,
        details: serde_json::json!({ "from": backup.display().to_string() }),
        protect: vec![backup.to_owned()],
    };
    match Tracker::open(data_file, clock.boxed()) {
        Ok(t) => {
            let mut t = t.with_machine(machine);
            t.set_witness(witness);
            let kept = replace::into_open(&mut t, staged, replacement, progress)?;
            Ok((t, kept))
        }
        Err(e)
            if matches!(e, CoreError::Missing(_)) || replace::replaceable_when_unreadable(&e) =>
        {
            progress.stage(Stage::Replacing, false);
            replace::into_path(data_file, staged, clock, replacement, witness)
        }
        Err(e) => Err(e),
    }
}
