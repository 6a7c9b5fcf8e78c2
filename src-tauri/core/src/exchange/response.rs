//! The response: the reviewer's decisions on a package, going back to the
//! executive assistant.
//!
//! Each decision is a [`Statement`] signed on its own, as a decision taken
//! at the office computer is, so the tracker keeps each one with its own
//! signature; it names the report it judges by the hash the package
//! carried. The response binds them to the package and the tracker, is
//! signed whole, and is encrypted to the key that signed the package.

use super::envelope::{self, Kind};
use super::inbox::{Inbox, Session};
use crate::decisions::{Statement, STATEMENT_FORMAT};
use crate::error::{ExchangeRefusal, Result};
use crate::keys::{PublicKey, SecretKey};
use crate::scales::DecisionKind;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const FORMAT: &str = "followthrough-review-response";
/// The file name's ending, which the window's dialogs filter on.
pub const EXTENSION: &str = "ftdecisions";

/// A statement with its signature, as the reviewer's key made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedStatement {
    pub statement: String,
    pub signature: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseContent {
    pub format: String,
    pub version: u32,
    pub response_id: String,
    pub package_id: String,
    pub tracker_id: String,
    pub period_id: i64,
    pub made_at: String,
    pub reviewer: String,
    pub reviewer_key: String,
    /// In the order to apply them: the reviews by recommendation number,
    /// then the sign-off, if any.
    pub decisions: Vec<SignedStatement>,
}

/// A response written.
#[derive(Debug, Clone, Serialize)]
pub struct ResponseWritten {
    pub path: PathBuf,
    pub decisions: usize,
    pub sign_off: bool,
}

/// The response's content for the work in `session`, each decision signed
/// with `key`.
pub fn content(session: &Session, key: &SecretKey, now: &str) -> Result<ResponseContent> {
    let package = &session.package;
    let fingerprint = key.public().fingerprint();
    let mut decisions = Vec::new();
    let mut sign = |statement: Statement| -> Result<()> {
        let (statement, signature) = statement.signed_by(key)?;
        decisions.push(SignedStatement {
            statement,
            signature,
        });
        Ok(())
    };
    let statement = |assessment_id: Option<i64>,
                     recommendation: Option<i64>,
                     decision: DecisionKind,
                     comment: &str,
                     decided_at: &str| Statement {
        format: STATEMENT_FORMAT.to_owned(),
        version: 1,
        tracker_id: package.tracker_id.clone(),
        period_id: package.period_id(),
        period: package.snapshot.period.label.clone(),
        assessment_id,
        recommendation,
        reported: assessment_id.and_then(|id| package.reported.get(&id).cloned()),
        decision,
        comment: comment.to_owned(),
        decided_at: decided_at.to_owned(),
        reviewer: key.public().name().to_owned(),
        key: fingerprint.as_str().to_owned(),
    };
    for rec in &package.snapshot.recommendations {
        let Some(a) = &rec.assessment else { continue };
        if let Some(d) = session.draft.decisions.get(&a.id) {
            sign(statement(
                Some(a.id),
                Some(rec.number),
                d.decision,
                &d.comment,
                &d.decided_at,
            ))?;
        }
    }
    if let Some(at) = &session.draft.sign_off {
        sign(statement(None, None, DecisionKind::SignOff, "", at))?;
    }
    Ok(ResponseContent {
        format: FORMAT.to_owned(),
        version: 1,
        response_id: super::new_id()?,
        package_id: package.package_id.clone(),
        tracker_id: package.tracker_id.clone(),
        period_id: package.period_id(),
        made_at: now.to_owned(),
        reviewer: key.public().name().to_owned(),
        reviewer_key: fingerprint.as_str().to_owned(),
        decisions,
    })
}

impl Inbox {
    /// Writes the response to the package open in `session`: the decisions
    /// so far, each signed with the reviewer's unlocked `key`, the whole
    /// signed and encrypted to the package's sender, at `target` (never
    /// over `data_file`, the reviewer's own tracker, or beside it).
    pub fn write_response(
        &self,
        session: &mut Session,
        key: &SecretKey,
        now: &str,
        data_file: &Path,
        target: &Path,
    ) -> Result<ResponseWritten> {
        if session.draft.decisions.is_empty() && session.draft.sign_off.is_none() {
            return Err(crate::CoreError::invalid(
                "decisions",
                crate::Rule::Required,
            ));
        }
        let to = PublicKey::parse(&session.about.sender_public_key)
            .map_err(|_| envelope::refused(ExchangeRefusal::Damaged))?;
        let content = content(session, key, now)?;
        let text = serde_json::to_string(&content).expect("a response serialises");
        let sealed = envelope::seal(
            Kind::ReviewResponse,
            &text,
            key,
            &to,
            &format!(
                "Followthrough decisions on {} by {}",
                session.package.snapshot.period.label, content.reviewer
            ),
        )?;
        let (prepared, _) = crate::output::prepare(data_file, target, &sealed)?;
        let path = prepared.place()?;
        self.mark_sent(session, now)?;
        Ok(ResponseWritten {
            path,
            decisions: content.decisions.len(),
            sign_off: session.draft.sign_off.is_some(),
        })
    }
}

/// Opens a response with the executive assistant's unlocked key: decrypted
/// and its signature checked against the key inside. Whether that key is a
/// registered reviewer's is the tracker's question ([`super::apply`]).
pub fn open(bytes: &[u8], key: &SecretKey) -> Result<(ResponseContent, PublicKey)> {
    let opened = envelope::open(Kind::ReviewResponse, bytes, key)?;
    let content: ResponseContent = serde_json::from_str(&opened.content)
        .map_err(|_| envelope::refused(ExchangeRefusal::Damaged))?;
    if content.format != FORMAT || content.version != 1 {
        return Err(envelope::refused(ExchangeRefusal::Damaged));
    }
    Ok((content, opened.sender))
}
