//! This person's own key on this computer: the private key file, locked
//! with their passphrase, and its public half beside it, readable without
//! the passphrase (to show the fingerprint, to encrypt work in progress to
//! oneself).
//!
//! The folder is the user's own configuration folder; nothing here ever
//! writes the private key unlocked, and a key is never replaced silently
//! (a new key would orphan every decision the old one signed).

use crate::error::{CoreError, Result};
use crate::keys::{PublicKey, SecretKey};
use std::path::{Path, PathBuf};

const SECRET: &str = "key.age";
const PUBLIC: &str = "key.pub";

pub struct Keyring {
    dir: PathBuf,
}

impl Keyring {
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Keyring { dir: dir.into() }
    }

    /// The user's keyring, in their configuration folder.
    pub fn for_user() -> Option<Self> {
        crate::paths::config_dir().map(|d| Keyring::at(d.join("keys")))
    }

    /// The private key file (to copy to a USB key, say, for reviewing at
    /// another computer).
    pub fn key_file(&self) -> PathBuf {
        self.dir.join(SECRET)
    }

    /// This person's public key, if they have made one here.
    pub fn public(&self) -> Option<PublicKey> {
        let text = std::fs::read_to_string(self.dir.join(PUBLIC)).ok()?;
        PublicKey::parse(&text).ok()
    }

    /// Makes this person's key pair, locked with `passphrase`. Refused if
    /// one exists here.
    pub fn create(&self, name: &str, passphrase: &str) -> Result<PublicKey> {
        if self.key_file().exists() {
            return Err(CoreError::Exists(self.key_file()));
        }
        let key = SecretKey::generate(name)?;
        let locked = key.lock(passphrase)?;
        std::fs::create_dir_all(&self.dir).map_err(|e| {
            crate::files::io_error(format!("cannot create {}", self.dir.display()), e)
        })?;
        write_private(&self.key_file(), locked.as_bytes())?;
        std::fs::write(self.dir.join(PUBLIC), key.public().to_text()).map_err(|e| {
            crate::files::io_error(format!("cannot write {}", self.dir.display()), e)
        })?;
        Ok(key.public().clone())
    }

    /// Unlocks this person's key with their passphrase.
    pub fn unlock(&self, passphrase: &str) -> Result<SecretKey> {
        let text = std::fs::read_to_string(self.key_file())
            .map_err(|_| CoreError::not_found("key", self.key_file().display()))?;
        SecretKey::unlock(&text, passphrase)
    }
}

/// Unlocks the key file at `path` (a person's own, brought to this
/// computer) with its passphrase.
pub fn unlock_file(path: &Path, passphrase: &str) -> Result<SecretKey> {
    let text = std::fs::read_to_string(path)
        .map_err(|_| CoreError::invalid("key_file", crate::error::Rule::NotAKeyFile))?;
    SecretKey::unlock(&text, passphrase)
}

/// Writes a new file only its owner can read.
fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let fail = |e| crate::files::io_error(format!("cannot write {}", path.display()), e);
    let mut file = options.open(path).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.sync_all().map_err(fail)
}
