//! The core's integration tests, as one test program: one link instead of
//! one per file. Run them with `cargo test --release -p followthrough-core
//! --test it`, or a part with a filter on the module path, such as
//! `--test it import::`.
//!
//! A module here tests the source module of the same path in `src/` (a
//! folder there is a folder here). The last group tests properties that
//! cross every module. The crash harness (`tests/crash.rs`) stays a program
//! of its own: it is its own `main` and kills copies of itself. Fixtures
//! are in `tests/fixtures/`.

mod common;

mod assessments;
mod audit;
mod backup;
mod changes;
mod contradictions;
mod dashboard;
mod db;
mod decisions;
mod evidence;
mod exchange;
mod export;
mod history;
mod import;
mod instance;
mod keys;
mod milestones;
mod owners;
mod pages;
mod periods;
mod recommendations;
mod reviewers;
mod sample;
mod search;
mod seed;
mod snapshots;
mod witness;

// Across modules: a full disk (Linux, as root), mistakes and faults met in
// one process, hostile text in every field, and changes made behind the
// program's back.
mod disk_full;
mod faults;
mod hostile;
mod tamper;
