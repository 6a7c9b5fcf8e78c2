//! How a reporting period travels to a reviewer's laptop, and their
//! decisions come back, with no server between the two computers.
//!
//! The executive assistant writes a *review package* ([`package`]): the
//! period as it stands, signed with the assistant's key and encrypted to
//! the reviewer's. On the reviewer's laptop the same program opens it into
//! an *inbox* ([`inbox`]), where the reviewer's work in progress is kept
//! as they go, and writes a *response* ([`response`]): each decision
//! signed on its own, bound to the report the reviewer saw, the whole
//! signed again and encrypted to the assistant. Back on the office
//! computer, the response is checked and applied ([`apply`]).
//!
//! Both files are an [`envelope`]: signed, then encrypted. Nothing in one
//! is trusted before its signature is checked against a key the receiver
//! already holds: the reviewer's register entry on the tracker's side, the
//! sender's fingerprint confirmed once by the reviewer on theirs.

pub mod apply;
pub mod envelope;
pub mod inbox;
pub mod package;
pub mod response;

use crate::error::{CoreError, Result};

/// A new random identity (128 bits, in hex) for a package or a response.
pub(crate) fn new_id() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| {
        CoreError::io(
            "cannot read the system's random numbers",
            std::io::Error::other(e.to_string()),
        )
    })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
