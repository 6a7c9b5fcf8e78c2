//! The one shape of every file that travels between the two computers:
//! a JSON text (the content) signed by its sender's key, with the sender's
//! public key beside it, all encrypted to the receiver.
//!
//! Signed then encrypted: only the receiver can read it, and once read,
//! the signature proves who wrote it and that not a byte changed. (age's
//! encryption is authenticated too, so a byte changed on the way is
//! refused before the signature is even read.)
//!
//! Compressed (gzip) before it is encrypted, as encrypted bytes do not
//! compress: a period's JSON shrinks several times over. Anyone can encrypt
//! to a public key, so what opens is decompressed only up to
//! [`MAX_OPENED`] bytes before its signature is checked.

use crate::error::{CoreError, ExchangeRefusal, Result};
use crate::keys::{encrypt, PublicKey, SecretKey};
use serde::{Deserialize, Serialize};

const FORMAT: &str = "followthrough-envelope";

/// The most an envelope may hold once decompressed: many times the
/// largest package a tracker writes, far below what would exhaust memory.
pub const MAX_OPENED: u64 = 256 * 1024 * 1024;

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
    let json = serde_json::to_vec(&envelope).expect("an envelope serialises");
    encrypt(&compress(&json), to)
}

fn compress(plain: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(plain)
        .and_then(|()| gz.finish())
        .expect("compressing into memory cannot fail")
}

/// The envelope's JSON: decompressed, at most [`MAX_OPENED`] bytes.
fn decompress(opened: Vec<u8>) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(opened.as_slice())
        .take(MAX_OPENED + 1)
        .read_to_end(&mut plain)
        .map_err(|_| refused(ExchangeRefusal::Damaged))?;
    if plain.len() as u64 > MAX_OPENED {
        return Err(refused(ExchangeRefusal::Damaged));
    }
    Ok(plain)
}

/// Decrypts `bytes` with `me`'s key and checks the signature against the
/// sender's key it carries. Whether that sender is to be trusted is the
/// caller's question.
pub fn open(kind: Kind, bytes: &[u8], me: &SecretKey) -> Result<Opened> {
    let plain = decompress(
        me.decrypt(bytes)
            .ok_or_else(|| refused(ExchangeRefusal::NotReadable))?,
    )?;
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
