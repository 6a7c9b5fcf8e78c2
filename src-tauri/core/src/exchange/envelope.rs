//! The one shape of every file that travels between the two computers:
//! a JSON text (the content) signed by its sender's key, with the sender's
//! public key beside it, all encrypted to the receiver.
//!
//! Signed then encrypted: only the receiver can read it, and once read,
//! the signature proves who wrote it and that not a byte changed. (age's
//! encryption is authenticated too, so a byte changed on the way is
//! refused before the signature is even read.)

use crate::error::{CoreError, ExchangeRefusal, Result};
use crate::keys::{encrypt, PublicKey, SecretKey};
use serde::{Deserialize, Serialize};

const FORMAT: &str = "followthrough-envelope";

/// What an envelope holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    ReviewPackage,
    ReviewResponse,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    format: String,
    version: u32,
    kind: Kind,
    /// The sender's public key's text.
    sender: String,
    /// The content, exactly as signed.
    content: String,
    /// minisign's signature of `content` by `sender`.
    signature: String,
}

/// An envelope opened: its content, whose signature holds for `sender`.
#[derive(Debug)]
pub struct Opened {
    pub content: String,
    pub sender: PublicKey,
}

pub(crate) fn refused(reason: ExchangeRefusal) -> CoreError {
    CoreError::ExchangeRefused { reason }
}

/// Signs `content` with `sender`'s key and encrypts the whole to `to`.
pub fn seal(
    kind: Kind,
    content: &str,
    sender: &SecretKey,
    to: &PublicKey,
    comment: &str,
) -> Result<Vec<u8>> {
    let envelope = Envelope {
        format: FORMAT.to_owned(),
        version: 1,
        kind,
        sender: sender.public().to_text(),
        content: content.to_owned(),
        signature: sender.sign(content.as_bytes(), comment)?,
    };
    encrypt(
        serde_json::to_string(&envelope)
            .expect("an envelope serialises")
            .as_bytes(),
        to,
    )
}

/// Decrypts `bytes` with `me`'s key and checks the signature against the
/// sender's key it carries. Whether that sender is to be trusted is the
/// caller's question.
pub fn open(kind: Kind, bytes: &[u8], me: &SecretKey) -> Result<Opened> {
    let plain = me
        .decrypt(bytes)
        .ok_or_else(|| refused(ExchangeRefusal::NotReadable))?;
    let envelope: Envelope =
        serde_json::from_slice(&plain).map_err(|_| refused(ExchangeRefusal::Damaged))?;
    if envelope.format != FORMAT || envelope.version != 1 {
        return Err(refused(ExchangeRefusal::Damaged));
    }
    if envelope.kind != kind {
        return Err(refused(ExchangeRefusal::WrongKind));
    }
    let sender =
        PublicKey::parse(&envelope.sender).map_err(|_| refused(ExchangeRefusal::Damaged))?;
    if !sender.verify(envelope.content.as_bytes(), &envelope.signature) {
        return Err(refused(ExchangeRefusal::BadSignature));
    }
    Ok(Opened {
        content: envelope.content,
        sender,
    })
}
