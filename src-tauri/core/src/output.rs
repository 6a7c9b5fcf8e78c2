//! Writing outputs (exports, briefings) so that an output never destroys an
//! input.
//!
//! An output path chosen by mistake (the data file itself, its write-ahead
//! log, a backup, `/dev/null`) must never be written over. Before anything
//! is written, the path is resolved (a symbolic link is followed, and the
//! file it points to is written, not the link replaced) and refused when it
//! is, or would replace:
//!
//! - the tracker's data file, under any name (a hard link included);
//! - a file SQLite or Followthrough keeps beside it (`-wal`, `-shm`,
//!   `-journal`, the lock files, working files of a restore or import);
//! - anything in its backups folder;
//! - any SQLite database (another tracker, another program's data);
//! - anything that is not a regular file: a folder, a device, a pipe.
//!
//! An accepted output is written whole or not at all: into a working file
//! beside the target, flushed, then renamed over it.

use crate::backup;
use crate::error::{CoreError, OutputRefusal, Result};
use crate::files;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The names beside a data file that belong to it.
const BESIDE_DATA_FILE: [&str; 5] = ["-wal", "-shm", "-journal", ".lock", ".window.lock"];

/// Follows symbolic links from `path` to the path a write would reach
/// (which may not exist yet).
fn follow_links(path: &Path) -> Result<PathBuf> {
    let mut p = path.to_owned();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&p)
                    .map_err(files::io(format!("cannot read the link {}", p.display())))?;
                p = if target.is_absolute() {
                    target
                } else {
                    files::folder_of(&p).join(target)
                };
            }
            _ => return Ok(p),
        }
    }
    Err(CoreError::OutputRefused {
        path: path.to_owned(),
        reason: OutputRefusal::NotARegularFile,
    })
}

/// The absolute, link-free form of a path whose file may not exist yet.
fn resolved(path: &Path) -> Result<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(path) {
        return Ok(p);
    }
    let folder = files::folder_of(path);
    let folder = std::fs::canonicalize(folder).map_err(files::io(format!(
        "cannot write {}: its folder",
        path.display()
    )))?;
    Ok(folder.join(path.file_name().unwrap_or_default()))
}

/// Whether two existing paths are the same file (hard links included).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

fn is_sqlite(path: &Path) -> bool {
    let mut header = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .is_ok()
        && &header == b"SQLite format 3\0"
}

/// Checks that `target` may receive an output of the tracker at
/// `data_file`, and returns the path that will be written (the file a
/// symbolic link points to).
pub fn check(data_file: &Path, target: &Path) -> Result<PathBuf> {
    let refuse = |reason| CoreError::OutputRefused {
        path: target.to_owned(),
        reason,
    };
    if target.file_name().is_none() {
        return Err(refuse(OutputRefusal::NotARegularFile));
    }
    let real = resolved(&follow_links(target)?)?;
    let exists = match std::fs::metadata(&real) {
        Ok(m) if m.is_file() => true,
        Ok(_) => return Err(refuse(OutputRefusal::NotARegularFile)),
        Err(_) => false,
    };
    let data = resolved(data_file)?;
    if real == data || (exists && same_file(&real, &data)) {
        return Err(refuse(OutputRefusal::DataFile));
    }
    let data_name = files::name_of(&data);
    let real_name = files::name_of(&real);
    let beside = files::folder_of(&real) == files::folder_of(&data);
    if beside
        && (BESIDE_DATA_FILE
            .iter()
            .any(|s| real_name == format!("{data_name}{s}"))
            || real_name.starts_with(&format!(".{data_name}.")))
    {
        return Err(refuse(OutputRefusal::SideFile));
    }
    if let Ok(backups) = std::fs::canonicalize(backup::backups_dir(&data)) {
        if real.starts_with(&backups) {
            return Err(refuse(OutputRefusal::Backup));
        }
    }
    if exists && is_sqlite(&real) {
        return Err(refuse(OutputRefusal::Database));
    }
    Ok(real)
}

/// Checks a folder that is to receive several outputs (the CSV export):
/// never the backups folder, and a folder if it exists.
pub fn check_folder(data_file: &Path, dir: &Path) -> Result<()> {
    let refuse = |reason| CoreError::OutputRefused {
        path: dir.to_owned(),
        reason,
    };
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => return Err(refuse(OutputRefusal::NotARegularFile)),
        _ => {}
    }
    let data = resolved(data_file)?;
    if let (Ok(backups), Ok(dir)) = (
        std::fs::canonicalize(backup::backups_dir(&data)),
        std::fs::canonicalize(dir),
    ) {
        if dir.starts_with(&backups) {
            return Err(refuse(OutputRefusal::Backup));
        }
    }
    Ok(())
}

/// An output written whole under a working name beside its target, ready
/// to take the target's name. Dropped unplaced, it is removed.
#[derive(Debug)]
pub struct Prepared {
    working: Option<PathBuf>,
    target: PathBuf,
}

impl Prepared {
    /// The path the output will have.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Gives the output its name (one rename, then the folder flushed).
    pub fn place(mut self) -> Result<PathBuf> {
        let working = self.working.take().expect("placed once");
        if let Err(e) = files::rename_into_place(&working, &self.target) {
            let _ = std::fs::remove_file(&working);
            return Err(e);
        }
        Ok(self.target.clone())
    }
}

impl Drop for Prepared {
    fn drop(&mut self) {
        if let Some(w) = self.working.take() {
            let _ = std::fs::remove_file(w);
        }
    }
}

/// Checks `target` ([`check`]) and writes `bytes` beside it, flushed,
/// under a working name: what can fail for lack of space fails here, before
/// anything is recorded or replaced. Returns it with its SHA-256.
pub fn prepare(data_file: &Path, target: &Path, bytes: &[u8]) -> Result<(Prepared, String)> {
    prepare_with(data_file, target, |w| {
        w.write_all(bytes)
            .map_err(|e| files::io_error(format!("cannot write {}", target.display()), e))
    })
}

/// As [`prepare`], for an output written piece by piece by `write` (a
/// large export, which is never held in memory whole).
pub fn prepare_with(
    data_file: &Path,
    target: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> Result<()>,
) -> Result<(Prepared, String)> {
    let real = check(data_file, target)?;
    let working = files::working_name(&real, "output");
    let fail = |e| files::io_error(format!("cannot write {}", real.display()), e);
    let prepared = Prepared {
        working: Some(working.clone()),
        target: real.clone(),
    };
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&working)
        .map_err(fail)?;
    let mut out = Hashing::new(std::io::BufWriter::new(file));
    write(&mut out)?;
    let (file, digest) = out.finish().map_err(fail)?;
    file.sync_all().map_err(fail)?;
    Ok((prepared, digest))
}

/// A writer that passes bytes on and hashes them as they go.
pub struct Hashing<W: std::io::Write> {
    inner: W,
    hasher: sha2::Sha256,
}

impl<W: std::io::Write> Hashing<W> {
    pub fn new(inner: W) -> Self {
        use sha2::Digest;
        Hashing {
            inner,
            hasher: sha2::Sha256::new(),
        }
    }
}

impl Hashing<std::io::BufWriter<std::fs::File>> {
    fn finish(mut self) -> std::io::Result<(std::fs::File, String)> {
        use sha2::Digest;
        use std::io::Write;
        self.inner.flush()?;
        let digest = crate::files::hex(&self.hasher.finalize());
        let file = self.inner.into_inner().map_err(|e| e.into_error())?;
        Ok((file, digest))
    }
}

impl Hashing<std::io::Sink> {
    /// The SHA-256 of what `write` writes, without keeping it.
    pub fn digest_of(write: impl FnOnce(&mut dyn std::io::Write) -> Result<()>) -> Result<String> {
        use sha2::Digest;
        let mut h = Hashing::new(std::io::sink());
        write(&mut h)?;
        Ok(crate::files::hex(&h.hasher.finalize()))
    }
}

impl<W: std::io::Write> std::io::Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        use sha2::Digest;
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes a file the program keeps for itself (preferences, the witness)
/// whole or not at all.
pub(crate) fn write_own_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = files::write_working_file(path, "saving", bytes)?;
    if let Err(e) = files::rename_into_place(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(())
}
