//! Makes the fixture tracker of one schema version with the program as it
//! was at that version: the SAMPLE tracker on a fixed date, and its JSON
//! export. Usage: make_fixture OUT.sqlite3 OUT.json
use followthrough_core::{sample, FixedClock};
fn main() {
    let mut args = std::env::args().skip(1);
    let out = args.next().expect("output path");
    let json = args.next().expect("export path");
    let noon = chrono::DateTime::parse_from_rfc3339("2026-11-25T12:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let mut t = sample::create(std::path::Path::new(&out), Box::new(FixedClock(noon)))
        .expect("sample tracker");
    std::fs::write(&json, t.export_json().expect("export")).expect("write the export");
    // Closing the last connection folds the write-ahead log into the file,
    // so the one file is the whole tracker.
    drop(t);
    assert!(!std::path::Path::new(&format!("{out}-wal")).exists());
}
