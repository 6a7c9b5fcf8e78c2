//! Who is making a change. Every write names its actor, recorded in the audit
//! trail; the front ends default it to the operating-system user and let the
//! user set it.

use crate::error::Result;
use crate::validate::{self, limit, Lines};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Actor(String);

impl Actor {
    pub fn new(name: &str) -> Result<Self> {
        validate::required("actor", name, limit::ACTOR, Lines::Single)?;
        Ok(Actor(name.to_owned()))
    }

    /// The name of the person logged in to this computer, or "unknown".
    pub fn from_os() -> Self {
        let name = ["USER", "USERNAME", "LOGNAME"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| Actor::new(v).is_ok());
        Actor(name.unwrap_or_else(|| "unknown".to_owned()))
    }

    /// The author of records the program writes itself (the seeded report).
    pub(crate) fn system() -> Self {
        Actor("followthrough".to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Actor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// This computer's host name, or "" when the system does not say.
pub fn machine_name() -> String {
    let from_file = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .ok();
    from_file
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|s| {
            s.trim()
                .chars()
                .filter(|c| !c.is_control())
                .take(200)
                .collect()
        })
        .unwrap_or_default()
}
