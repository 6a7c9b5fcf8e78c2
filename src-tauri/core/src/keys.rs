//! A person's keys: the one way Followthrough signs, checks signatures,
//! encrypts to a person and protects a private key.
//!
//! Each person who signs (the executive assistant who sends a period for
//! review, the deputy minister who decides on it) makes a key pair on their
//! own computer: an Ed25519 key that signs, in minisign's format, so that
//! Debian's `minisign` tool can check a signature without Followthrough;
//! and an age X25519 key that review packages are encrypted to. The
//! private half is kept in a *key file* encrypted with the person's
//! passphrase (age's scrypt), and never leaves their computer; the public
//! half is a short text to send or read out, named by a [`Fingerprint`] in
//! groups short enough to check over the telephone.
//!
//! Nothing here is cryptography written by hand: `minisign` signs and
//! verifies, `age` encrypts and decrypts; this module only chooses how they
//! are used and gives the errors a user can act on.

use crate::error::{CoreError, Result, Rule};
use age::secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::io::{Cursor, Read, Write};
use std::str::FromStr;

/// scrypt's work factor (log2 N) for a key file: about a quarter of a
/// second and 32 MiB on an office laptop, a cost paid once per unlock that
/// makes guessing a passphrase slow.
const WORK_FACTOR: u8 = 15;
/// The highest work factor accepted when unlocking, so a key file cannot
/// make the program spend minutes (age's own limit is higher).
const MAX_WORK_FACTOR: u8 = 20;
/// A passphrase shorter than this is refused when a key is made.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

const PUBLIC_HEADER: &str = "Followthrough public key";
const SECRET_FORMAT: &str = "followthrough-secret-key";

/// A person's public key: their name as they gave it, the key that checks
/// their signatures and the key that encrypts to them.
#[derive(Clone)]
pub struct PublicKey {
    name: String,
    verifying: minisign::PublicKey,
    recipient: age::x25519::Recipient,
}

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PublicKey({}, {})", self.name, self.fingerprint())
    }
}

impl PartialEq for PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.fingerprint() == other.fingerprint()
    }
}

/// A public key's fingerprint: 128 bits of the SHA-256 of both of its keys,
/// as eight groups of four characters (`3F9A 12C0 …`), to read aloud and
/// compare. Its first two groups name the key in lists.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Fingerprint(String);

impl Fingerprint {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first two groups, enough to tell a handful of keys apart.
    pub fn short(&self) -> &str {
        short(&self.0)
    }
}

/// The first two groups of a fingerprint's text ([`Fingerprint::short`]).
pub fn short(fingerprint: &str) -> &str {
    fingerprint.get(..9).unwrap_or(fingerprint)
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn bad_public_key() -> CoreError {
    CoreError::invalid("public_key", Rule::NotAPublicKey)
}

impl PublicKey {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn fingerprint(&self) -> Fingerprint {
        let text = format!(
            "followthrough-key\n{}\n{}\n",
            self.verifying.to_base64(),
            self.recipient
        );
        let hex = crate::files::sha256_hex(text.as_bytes()).to_uppercase();
        let groups: Vec<&str> = (0..8).map(|i| &hex[i * 4..i * 4 + 4]).collect();
        Fingerprint(groups.join(" "))
    }

    /// The key in minisign's own form (`RW…`), which `minisign -V -P`
    /// takes to check a signature without Followthrough.
    pub fn minisign_key(&self) -> String {
        self.verifying.to_base64()
    }

    /// The text a person sends so others can check their signatures and
    /// encrypt to them. Lines other than the three named ones are ignored
    /// when reading, so the fingerprint written for people to compare is
    /// never trusted in place of the keys themselves.
    pub fn to_text(&self) -> String {
        format!(
            "{PUBLIC_HEADER}\nname: {}\nfingerprint: {}\nsign: {}\nencrypt: {}\n",
            self.name,
            self.fingerprint(),
            self.verifying.to_base64(),
            self.recipient
        )
    }

    /// Reads [`PublicKey::to_text`]'s text (surrounding blank lines and
    /// spaces, as a mail or a chat adds them, are allowed).
    pub fn parse(text: &str) -> Result<Self> {
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        if lines.next() != Some(PUBLIC_HEADER) {
            return Err(bad_public_key());
        }
        let (mut name, mut sign, mut encrypt) = (None, None, None);
        for line in lines {
            let Some((key, value)) = line.split_once(':') else {
                return Err(bad_public_key());
            };
            let value = value.trim();
            match key.trim() {
                "name" => name = Some(value),
                "sign" => sign = Some(value),
                "encrypt" => encrypt = Some(value),
                _ => {}
            }
        }
        let (Some(name), Some(sign), Some(encrypt)) = (name, sign, encrypt) else {
            return Err(bad_public_key());
        };
        crate::validate::required(
            "public_key",
            name,
            crate::validate::limit::NAME,
            crate::validate::Lines::Single,
        )
        .map_err(|_| bad_public_key())?;
        let verifying = minisign::PublicKey::from_base64(sign).map_err(|_| bad_public_key())?;
        // minisign reads any 42 bytes as a key; an Ed25519 key says so.
        if !verifying.to_bytes().starts_with(b"Ed") {
            return Err(bad_public_key());
        }
        Ok(PublicKey {
            name: name.to_owned(),
            verifying,
            recipient: age::x25519::Recipient::from_str(encrypt).map_err(|_| bad_public_key())?,
        })
    }

    /// Checks that `signature` (minisign's text) is this key's signature of
    /// `message`. Any failure (another key, a changed message, a damaged
    /// signature) is the same answer: not signed by this key.
    pub fn verify(&self, message: &[u8], signature: &str) -> bool {
        let Ok(sig) = minisign::SignatureBox::from_string(signature) else {
            return false;
        };
        minisign::verify(
            &self.verifying,
            &sig,
            Cursor::new(message),
            true,
            false,
            false,
        )
        .is_ok()
    }

    /// The key id minisign writes in a signature, to find which of several
    /// known keys made it.
    pub fn signed(&self, signature: &str) -> bool {
        minisign::SignatureBox::from_string(signature)
            .map(|sig| sig.keynum() == self.verifying.keynum())
            .unwrap_or(false)
    }
}

/// The person's private key, unlocked: it signs and decrypts.
pub struct SecretKey {
    public: PublicKey,
    signing: minisign::SecretKey,
    identity: age::x25519::Identity,
}

/// Shows only the public half: a private key never reaches a log.
impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretKey({:?})", self.public)
    }
}

/// What a key file holds once decrypted.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SecretKeyFile {
    format: String,
    version: u32,
    name: String,
    sign_public: String,
    sign_secret: String,
    decrypt: String,
}

fn wrong_passphrase() -> CoreError {
    CoreError::invalid("passphrase", Rule::WrongPassphrase)
}

fn not_a_key_file() -> CoreError {
    CoreError::invalid("key_file", Rule::NotAKeyFile)
}

fn crypto_fault(what: &str, e: impl std::fmt::Display) -> CoreError {
    CoreError::io(what.to_owned(), std::io::Error::other(e.to_string()))
}

impl SecretKey {
    /// Makes a new key pair for the person called `name`.
    pub fn generate(name: &str) -> Result<Self> {
        let name = crate::validate::required(
            "name",
            name,
            crate::validate::limit::NAME,
            crate::validate::Lines::Single,
        )
        .map(|()| name.trim().to_owned())?;
        let pair = minisign::KeyPair::generate_unencrypted_keypair()
            .map_err(|e| crypto_fault("cannot make a signing key", e))?;
        let identity = age::x25519::Identity::generate();
        Ok(SecretKey {
            public: PublicKey {
                name,
                verifying: pair.pk,
                recipient: identity.to_public(),
            },
            signing: pair.sk,
            identity,
        })
    }

    pub fn public(&self) -> &PublicKey {
        &self.public
    }

    /// The key file's text: the private key encrypted with `passphrase`
    /// (age, scrypt), armored so it survives being copied as text.
    pub fn lock(&self, passphrase: &str) -> Result<String> {
        if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(CoreError::invalid("passphrase", Rule::TooShort));
        }
        let file = SecretKeyFile {
            format: SECRET_FORMAT.to_owned(),
            version: 1,
            name: self.public.name.clone(),
            sign_public: self.public.verifying.to_base64(),
            sign_secret: self
                .signing
                .to_box(None)
                .map_err(|e| crypto_fault("cannot write the signing key", e))?
                .into_string(),
            decrypt: self.identity.to_string().expose_secret().to_owned(),
        };
        let plain = serde_json::to_vec(&file).expect("a key file serialises");
        let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned()));
        recipient.set_work_factor(WORK_FACTOR);
        let out = armored(&plain, &recipient, "cannot protect the key")?;
        Ok(String::from_utf8(out).expect("armor is text"))
    }

    /// Unlocks a key file's text with its passphrase. A wrong passphrase
    /// and a file that is not a key file are told apart, so the window can
    /// say which.
    pub fn unlock(key_file: &str, passphrase: &str) -> Result<Self> {
        let reader = age::armor::ArmoredReader::new(key_file.trim().as_bytes());
        let decryptor = age::Decryptor::new(reader).map_err(|_| not_a_key_file())?;
        if !decryptor.is_scrypt() {
            return Err(not_a_key_file());
        }
        let mut identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
        identity.set_max_work_factor(MAX_WORK_FACTOR);
        let mut reader =
            decryptor
                .decrypt(std::iter::once(&identity as _))
                .map_err(|e| match e {
                    age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => {
                        wrong_passphrase()
                    }
                    _ => not_a_key_file(),
                })?;
        let mut plain = Vec::new();
        reader
            .read_to_end(&mut plain)
            .map_err(|_| not_a_key_file())?;
        let file: SecretKeyFile = serde_json::from_slice(&plain).map_err(|_| not_a_key_file())?;
        if file.format != SECRET_FORMAT || file.version != 1 {
            return Err(not_a_key_file());
        }
        let signing = minisign::SecretKeyBox::from_string(&file.sign_secret)
            .and_then(|b| b.into_unencrypted_secret_key())
            .map_err(|_| not_a_key_file())?;
        let identity =
            age::x25519::Identity::from_str(&file.decrypt).map_err(|_| not_a_key_file())?;
        let verifying =
            minisign::PublicKey::from_base64(&file.sign_public).map_err(|_| not_a_key_file())?;
        Ok(SecretKey {
            public: PublicKey {
                name: file.name,
                recipient: identity.to_public(),
                verifying,
            },
            signing,
            identity,
        })
    }

    /// Signs `message`; `comment` (one line) is signed with it and shown
    /// by `minisign -V`.
    pub fn sign(&self, message: &[u8], comment: &str) -> Result<String> {
        let comment: String = comment.chars().filter(|c| !c.is_control()).collect();
        minisign::sign(
            Some(&self.public.verifying),
            &self.signing,
            Cursor::new(message),
            Some(&comment),
            None,
        )
        .map(|sig| sig.into_string())
        .map_err(|e| crypto_fault("cannot sign", e))
    }

    /// Decrypts what [`encrypt`] wrote to this person. `None` when it was
    /// not written to them (or is not an encrypted file at all).
    pub fn decrypt(&self, encrypted: &[u8]) -> Option<Vec<u8>> {
        let reader = age::armor::ArmoredReader::new(encrypted);
        let decryptor = age::Decryptor::new(reader).ok()?;
        let mut reader = decryptor
            .decrypt(std::iter::once(&self.identity as _))
            .ok()?;
        let mut plain = Vec::new();
        reader.read_to_end(&mut plain).ok()?;
        Some(plain)
    }
}

/// Encrypts `plain` to `to` (age, X25519), armored as text.
pub fn encrypt(plain: &[u8], to: &PublicKey) -> Result<Vec<u8>> {
    armored(plain, &to.recipient, "cannot encrypt")
}

/// `plain` encrypted to one recipient (a person's key, or a passphrase),
/// armored as text; `what` names the work in an error.
fn armored(plain: &[u8], recipient: &dyn age::Recipient, what: &str) -> Result<Vec<u8>> {
    let fail = |e: &dyn std::fmt::Display| crypto_fault(what, e);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(recipient)).map_err(|e| fail(&e))?;
    let mut out = Vec::new();
    let armor = age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor)
        .map_err(|e| fail(&e))?;
    let mut writer = encryptor.wrap_output(armor).map_err(|e| fail(&e))?;
    writer
        .write_all(plain)
        .and_then(|()| writer.finish())
        .and_then(|armor| armor.finish())
        .map_err(|e| fail(&e))?;
    Ok(out)
}
