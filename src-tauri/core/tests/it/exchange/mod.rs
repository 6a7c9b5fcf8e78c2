//! Review packages and responses between two computers: the executive
//! assistant's tracker and the reviewer's laptop (an inbox in a folder of
//! its own, no tracker).

mod apply;
mod envelope;
mod inbox;
mod package;

use crate::common::*;
use crate::reviewers::register;
use followthrough_core::exchange::inbox::{Inbox, Received, Session};
use followthrough_core::keys::SecretKey;
use std::path::PathBuf;

pub const NOW: &str = "2026-11-26T09:00:00.000Z";

/// The two computers: the office's tracker with a period of eight reports
/// awaiting review and the deputy minister registered; the laptop's inbox.
pub struct TwoComputers {
    pub office: Fixture,
    pub ea_key: SecretKey,
    pub dm_key: SecretKey,
    pub reviewer_id: i64,
    pub period_id: i64,
    pub laptop: tempfile::TempDir,
}

impl TwoComputers {
    pub fn new() -> Self {
        let mut office = fixture();
        let period_id = office.period("2026-27 Q3", "2026-10-01", "2026-12-31");
        for n in 1..=8 {
            office.report(period_id, n, "in_process", "amber");
        }
        let dm_key = SecretKey::generate("Deputy Minister").unwrap();
        let reviewer_id = register(&mut office, &dm_key);
        TwoComputers {
            office,
            ea_key: SecretKey::generate("Executive Assistant").unwrap(),
            dm_key,
            reviewer_id,
            period_id,
            laptop: tempfile::tempdir().unwrap(),
        }
    }

    pub fn inbox(&self) -> Inbox {
        Inbox::at(self.laptop.path().join("reviews"))
    }

    /// Writes a package of the period for the deputy minister.
    pub fn send(&mut self) -> Vec<u8> {
        let target = self.office.dir.path().join("q3.ftreview");
        let written = self
            .office
            .tracker
            .write_review_package(
                &self.office.ea,
                &self.ea_key,
                self.reviewer_id,
                self.period_id,
                &target,
            )
            .unwrap();
        assert_eq!(written.path, target);
        std::fs::read(target).unwrap()
    }

    /// Opens a package on the laptop, confirming the sender.
    pub fn open(&self, package: &[u8]) -> Session {
        match self
            .inbox()
            .receive(package, &self.dm_key, true, NOW)
            .unwrap()
        {
            Received::Opened { session } => *session,
            other => panic!("not opened: {other:?}"),
        }
    }

    /// The assessment id of recommendation `number` in the session.
    pub fn assessment(session: &Session, number: i64) -> i64 {
        session
            .package
            .snapshot
            .recommendations
            .iter()
            .find(|r| r.number == number)
            .and_then(|r| r.assessment.as_ref())
            .unwrap()
            .id
    }

    /// Writes the response to `session` on the laptop.
    pub fn respond(&self, session: &mut Session) -> Vec<u8> {
        let target = self.laptop.path().join("q3.ftdecisions");
        let data_file: PathBuf = self.laptop.path().join("own.sqlite3");
        self.inbox()
            .write_response(session, &self.dm_key, NOW, &data_file, &target)
            .unwrap();
        std::fs::read(target).unwrap()
    }
}
