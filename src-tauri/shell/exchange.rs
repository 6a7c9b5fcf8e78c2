//! What the window holds for keys and review packages: this person's
//! keyring and inbox, the key they unlocked (for a stated few minutes), and
//! a package or response chosen in a dialog and awaiting the user's
//! confirmation (trusting a new sender, applying what was previewed).

use crate::error::{AppError, AppResult};
use followthrough_core::exchange::inbox::Inbox;
use followthrough_core::keyring::Keyring;
use followthrough_core::keys::SecretKey;
use followthrough_core::{CoreError, Rule};
use serde::Serialize;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long an unlocked key stays unlocked after its last use.
pub const UNLOCKED_FOR: Duration = Duration::from_secs(10 * 60);

struct Unlocked {
    key: SecretKey,
    /// The person's own key from their keyring, or a key file brought to
    /// this computer.
    own: bool,
    until: Instant,
}

pub struct Exchange {
    pub keyring: Option<Keyring>,
    pub inbox: Option<Inbox>,
    unlocked: Mutex<Option<Unlocked>>,
    /// A package chosen in the open dialog whose sender awaits confirming.
    pub pending_package: Mutex<Option<Vec<u8>>>,
    /// A response previewed and awaiting "Apply".
    pub pending_response: Mutex<Option<Vec<u8>>>,
}

/// The unlocked key, as the window shows it.
#[derive(Debug, Clone, Serialize)]
pub struct UnlockedKey {
    pub name: String,
    pub fingerprint: String,
    pub own: bool,
    /// Minutes left before it locks itself.
    pub minutes_left: u64,
}

impl Exchange {
    /// This person's keyring (configuration folder) and inbox (data folder).
    pub fn for_user() -> Self {
        Exchange {
            keyring: Keyring::for_user(),
            inbox: followthrough_core::paths::data_dir().map(|d| Inbox::at(d.join("reviews"))),
            unlocked: Mutex::new(None),
            pending_package: Mutex::new(None),
            pending_response: Mutex::new(None),
        }
    }

    pub fn keyring(&self) -> AppResult<&Keyring> {
        self.keyring
            .as_ref()
            .ok_or_else(|| AppError::Dialog("this system has no settings folder for a key".into()))
    }

    pub fn inbox(&self) -> AppResult<&Inbox> {
        self.inbox
            .as_ref()
            .ok_or_else(|| AppError::Dialog("this system has no application-data folder".into()))
    }

    /// Keeps `key` unlocked for [`UNLOCKED_FOR`].
    pub fn keep(&self, key: SecretKey, own: bool) -> AppResult<()> {
        *self.unlocked.lock().map_err(|_| AppError::Poisoned)? = Some(Unlocked {
            key,
            own,
            until: Instant::now() + UNLOCKED_FOR,
        });
        Ok(())
    }

    pub fn lock(&self) -> AppResult<()> {
        *self.unlocked.lock().map_err(|_| AppError::Poisoned)? = None;
        Ok(())
    }

    /// The unlocked key, if one is and it has not expired.
    pub fn unlocked(&self) -> AppResult<Option<UnlockedKey>> {
        let mut slot = self.unlocked.lock().map_err(|_| AppError::Poisoned)?;
        if slot.as_ref().is_some_and(|u| u.until <= Instant::now()) {
            *slot = None;
        }
        Ok(slot.as_ref().map(|u| UnlockedKey {
            name: u.key.public().name().to_owned(),
            fingerprint: u.key.public().fingerprint().as_str().to_owned(),
            own: u.own,
            minutes_left: u
                .until
                .saturating_duration_since(Instant::now())
                .as_secs()
                .div_ceil(60),
        }))
    }

    /// Runs `f` with the key: the one unlocked (its time renewed), else this
    /// person's own unlocked now with `passphrase` and kept. With neither,
    /// the passphrase is asked for (a field error the window shows).
    pub fn with_key<T>(
        &self,
        passphrase: Option<&str>,
        f: impl FnOnce(&SecretKey) -> AppResult<T>,
    ) -> AppResult<T> {
        self.with(passphrase, false, f)
    }

    /// As [`Exchange::with_key`], with this person's own key only: what
    /// they send, open and apply is theirs, even while a reviewer's key
    /// brought to this computer is unlocked (which then gives way).
    pub fn with_own_key<T>(
        &self,
        passphrase: Option<&str>,
        f: impl FnOnce(&SecretKey) -> AppResult<T>,
    ) -> AppResult<T> {
        self.with(passphrase, true, f)
    }

    fn with<T>(
        &self,
        passphrase: Option<&str>,
        own_only: bool,
        f: impl FnOnce(&SecretKey) -> AppResult<T>,
    ) -> AppResult<T> {
        let mut slot = self.unlocked.lock().map_err(|_| AppError::Poisoned)?;
        if slot
            .as_ref()
            .is_some_and(|u| u.until <= Instant::now() || (own_only && !u.own))
        {
            *slot = None;
        }
        if slot.is_none() {
            let passphrase =
                passphrase
                    .filter(|p| !p.is_empty())
                    .ok_or_else(|| CoreError::Invalid {
                        field: "passphrase",
                        rule: Rule::Required,
                    })?;
            let key = self.keyring()?.unlock(passphrase)?;
            *slot = Some(Unlocked {
                key,
                own: true,
                until: Instant::now(),
            });
        }
        let unlocked = slot.as_mut().expect("unlocked just now");
        unlocked.until = Instant::now() + UNLOCKED_FOR;
        f(&unlocked.key)
    }
}
