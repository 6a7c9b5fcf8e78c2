//! The envelope every exchanged file is: compressed, signed, encrypted;
//! what opens is bounded before its signature is read.

use followthrough_core::exchange::envelope::{open, seal, Kind, MAX_OPENED};
use followthrough_core::keys::{encrypt, SecretKey};
use followthrough_core::{CoreError, ExchangeRefusal};
use std::io::Write;

fn refusal(e: CoreError) -> ExchangeRefusal {
    match e {
        CoreError::ExchangeRefused { reason } => reason,
        other => panic!("refused for another reason: {other}"),
    }
}

#[test]
fn an_envelope_round_trips_compressed() {
    let ea = SecretKey::generate("Executive Assistant").unwrap();
    let dm = SecretKey::generate("Deputy Minister").unwrap();
    // A period's JSON repeats its field names on every record.
    let content: String = (0..2_000)
        .map(|i| format!(r#"{{"id":{i},"status":"in_process","confidence":"amber"}},"#))
        .collect();
    let sealed = seal(Kind::ReviewPackage, &content, &ea, dm.public(), "test").unwrap();
    assert!(
        sealed.len() * 4 < content.len(),
        "{} bytes sealed for {} of content",
        sealed.len(),
        content.len()
    );
    let opened = open(Kind::ReviewPackage, &sealed, &dm).unwrap();
    assert_eq!(opened.content, content);
    assert_eq!(opened.sender.fingerprint(), ea.public().fingerprint());
}

#[test]
fn what_would_open_beyond_the_bound_or_is_not_compressed_is_refused() {
    let dm = SecretKey::generate("Deputy Minister").unwrap();
    // Anyone can encrypt to a public key: a small file that would grow
    // past the bound once decompressed.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..=(MAX_OPENED / zeros.len() as u64) {
        gz.write_all(&zeros).unwrap();
    }
    let bomb = encrypt(&gz.finish().unwrap(), dm.public()).unwrap();
    assert!(bomb.len() < 2 * 1024 * 1024, "the file itself is small");
    let e = open(Kind::ReviewPackage, &bomb, &dm).unwrap_err();
    assert_eq!(refusal(e), ExchangeRefusal::Damaged);

    // Encrypted to the right key, but not what Followthrough writes.
    let plain = encrypt(br#"{"format":"followthrough-envelope"}"#, dm.public()).unwrap();
    let e = open(Kind::ReviewPackage, &plain, &dm).unwrap_err();
    assert_eq!(refusal(e), ExchangeRefusal::Damaged);
}
