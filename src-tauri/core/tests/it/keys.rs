//! A person's keys: made, locked with a passphrase, unlocked; public keys
//! read back; signatures and encryption that hold, and that refuse.

use followthrough_core::keys::{encrypt, PublicKey, SecretKey};
use followthrough_core::{CoreError, Rule};

const PASSPHRASE: &str = "correct horse battery staple";

fn rule(e: CoreError) -> (Option<&'static str>, Option<Rule>) {
    (e.field(), e.rule())
}

#[test]
fn a_key_locked_with_a_passphrase_unlocks_with_it_only() {
    let key = SecretKey::generate("Deputy Minister").unwrap();
    let file = key.lock(PASSPHRASE).unwrap();
    assert!(
        file.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"),
        "{file}"
    );
    assert!(
        !file.contains("RWQ") && !file.contains("AGE-SECRET-KEY"),
        "nothing of the key in clear"
    );

    let unlocked = SecretKey::unlock(&file, PASSPHRASE).unwrap();
    assert_eq!(unlocked.public(), key.public());
    assert_eq!(unlocked.public().name(), "Deputy Minister");

    let wrong = SecretKey::unlock(&file, "correct horse battery stapler").unwrap_err();
    assert_eq!(
        rule(wrong),
        (Some("passphrase"), Some(Rule::WrongPassphrase))
    );
    let not_a_key = SecretKey::unlock("hello", PASSPHRASE).unwrap_err();
    assert_eq!(rule(not_a_key), (Some("key_file"), Some(Rule::NotAKeyFile)));
    // A file encrypted to a key, not to a passphrase, is not a key file.
    let other = encrypt(b"{}", key.public()).unwrap();
    let refused = SecretKey::unlock(std::str::from_utf8(&other).unwrap(), PASSPHRASE).unwrap_err();
    assert_eq!(rule(refused), (Some("key_file"), Some(Rule::NotAKeyFile)));
}

#[test]
fn a_short_passphrase_or_an_empty_name_is_refused() {
    let key = SecretKey::generate("Deputy Minister").unwrap();
    assert_eq!(
        rule(key.lock("short").unwrap_err()),
        (Some("passphrase"), Some(Rule::TooShort))
    );
    assert_eq!(
        rule(SecretKey::generate("  ").err().unwrap()),
        (Some("name"), Some(Rule::Required))
    );
}

#[test]
fn a_public_key_reads_back_from_its_text_with_the_same_fingerprint() {
    let key = SecretKey::generate("Deputy Minister").unwrap();
    let text = key.public().to_text();
    // As a mail client might pass it on: indented, with blank lines.
    let pasted = format!(
        "\n\n{}\n",
        text.lines()
            .map(|l| format!("  {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let read = PublicKey::parse(&pasted).unwrap();
    assert_eq!(read.fingerprint(), key.public().fingerprint());
    assert_eq!(read.name(), "Deputy Minister");

    let fp = read.fingerprint();
    let groups: Vec<&str> = fp.as_str().split(' ').collect();
    assert_eq!(groups.len(), 8);
    assert!(groups.iter().all(|g| g.len() == 4
        && g.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase())));
    assert_eq!(fp.short(), groups[..2].join(" "));
    assert!(text.contains(&format!("fingerprint: {fp}")));

    // Two keys never share a fingerprint; a key's text with another key's
    // signing line is another key.
    let other = SecretKey::generate("Deputy Minister").unwrap();
    assert_ne!(other.public().fingerprint(), fp);
    let mixed = text.replace(
        &format!("sign: {}", key.public().minisign_key()),
        &format!("sign: {}", other.public().minisign_key()),
    );
    assert_ne!(PublicKey::parse(&mixed).unwrap().fingerprint(), fp);
}

#[test]
fn text_that_is_not_a_public_key_is_refused() {
    let text = SecretKey::generate("Deputy Minister")
        .unwrap()
        .public()
        .to_text();
    for bad in [
        String::new(),
        "hello".to_owned(),
        text.replace("Followthrough public key", "Some key"),
        text.lines()
            .filter(|l| !l.starts_with("encrypt"))
            .collect::<Vec<_>>()
            .join("\n"),
        text.replace("sign: RW", "sign: XX"),
        text.replace("encrypt: age1", "encrypt: age2"),
        text.replace("name: Deputy Minister", "name: "),
    ] {
        let e = PublicKey::parse(&bad)
            .err()
            .unwrap_or_else(|| panic!("read as a key: {bad}"));
        assert_eq!(
            rule(e),
            (Some("public_key"), Some(Rule::NotAPublicKey)),
            "{bad}"
        );
    }
}

#[test]
fn a_signature_holds_for_its_message_and_key_only() {
    let key = SecretKey::generate("Deputy Minister").unwrap();
    let other = SecretKey::generate("Someone Else").unwrap();
    let message = br#"{"decision":"accept"}"#;
    let signature = key.sign(message, "decision on recommendation 5").unwrap();
    assert!(key.public().verify(message, &signature));
    assert!(key.public().signed(&signature));
    assert!(!other.public().verify(message, &signature));
    assert!(!other.public().signed(&signature));
    assert!(!key.public().verify(br#"{"decision":"return"}"#, &signature));
    // Any byte flipped of what the signature signs (all but its first line,
    // minisign's "untrusted comment"): refused.
    let bytes = signature.as_bytes();
    let signed_from = signature.find('\n').unwrap() + 1;
    for i in signed_from..bytes.len() {
        if bytes[i] == b'\n' {
            continue;
        }
        let mut changed = bytes.to_vec();
        changed[i] ^= 0x01;
        let Ok(changed) = String::from_utf8(changed) else {
            continue;
        };
        assert!(!key.public().verify(message, &changed), "byte {i} flipped");
    }
}

#[test]
fn debians_minisign_checks_a_signature_without_followthrough() {
    let key = SecretKey::generate("Deputy Minister").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let message = dir.path().join("decision.json");
    std::fs::write(&message, br#"{"decision":"accept"}"#).unwrap();
    let signature = key
        .sign(
            &std::fs::read(&message).unwrap(),
            "decision on recommendation 5",
        )
        .unwrap();
    std::fs::write(dir.path().join("decision.json.minisig"), &signature).unwrap();
    let check = |pk: &str| {
        std::process::Command::new("minisign")
            .args(["-V", "-q", "-P", pk, "-m"])
            .arg(&message)
            .output()
            .expect("Debian's minisign (scripts/setup-debian.sh installs it)")
    };
    let out = check(&key.public().minisign_key());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let other = SecretKey::generate("Someone Else").unwrap();
    assert!(!check(&other.public().minisign_key()).status.success());
    std::fs::write(&message, br#"{"decision":"return"}"#).unwrap();
    assert!(!check(&key.public().minisign_key()).status.success());
}

#[test]
fn what_is_encrypted_to_a_person_opens_with_their_key_only() {
    let dm = SecretKey::generate("Deputy Minister").unwrap();
    let ea = SecretKey::generate("Executive Assistant").unwrap();
    let sealed = encrypt(b"the period as it stands", dm.public()).unwrap();
    assert!(sealed.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"));
    assert_eq!(
        dm.decrypt(&sealed).as_deref(),
        Some(&b"the period as it stands"[..])
    );
    assert_eq!(ea.decrypt(&sealed), None);
    assert_eq!(dm.decrypt(b"not encrypted"), None);
    let mut flipped = sealed.clone();
    let middle = flipped.len() / 2;
    flipped[middle] = if flipped[middle] == b'A' { b'B' } else { b'A' };
    assert_eq!(dm.decrypt(&flipped), None);
}

#[test]
fn a_keyring_makes_one_key_keeps_it_locked_and_never_replaces_it() {
    use followthrough_core::keyring::Keyring;
    use followthrough_core::ErrorCode;
    let dir = tempfile::tempdir().unwrap();
    let ring = Keyring::at(dir.path().join("keys"));
    assert!(ring.public().is_none());
    let public = ring.create("Deputy Minister", PASSPHRASE).unwrap();
    assert_eq!(ring.public().unwrap(), public);
    let locked = std::fs::read_to_string(ring.key_file()).unwrap();
    assert!(locked.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(ring.key_file())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "only its owner reads the key file");
    }
    assert_eq!(ring.unlock(PASSPHRASE).unwrap().public(), &public);
    assert_eq!(
        rule(ring.unlock("wrong passphrase!").unwrap_err()),
        (Some("passphrase"), Some(Rule::WrongPassphrase))
    );
    assert_eq!(
        ring.create("Someone", PASSPHRASE).unwrap_err().code(),
        ErrorCode::Exists
    );
    assert_eq!(
        ring.unlock(PASSPHRASE).unwrap().public(),
        &public,
        "the first key stays"
    );
    let brought = followthrough_core::keyring::unlock_file(&ring.key_file(), PASSPHRASE).unwrap();
    assert_eq!(brought.public(), &public);
}
