//! Keys, the register of reviewers and review packages, for the window:
//! thin calls into the core's `keyring`, `reviewers`, `decisions` and
//! `exchange`, with the system's dialogs choosing every file.

use crate::dialogs::{self, Ask};
use crate::error::AppResult;
use crate::exchange::{Exchange, UnlockedKey};
use crate::state::AppState;
use followthrough_core::decisions::{DecisionInput, SignedDecision};
use followthrough_core::exchange::apply::Applying;
use followthrough_core::exchange::inbox::{About, Received, Session};
use followthrough_core::exchange::package::{PackageWritten, EXTENSION as PACKAGE_EXT};
use followthrough_core::exchange::response::{ResponseWritten, EXTENSION as RESPONSE_EXT};
use followthrough_core::keys::PublicKey;
use followthrough_core::reviewers::{Reviewer, ReviewerInput};
use followthrough_core::{audit, Clock, CoreError, ExchangeRefusal, Rule, SystemClock};
use serde::Serialize;
use tauri::{AppHandle, Manager, State};

/// The largest review file read (a package at 100 times the sample's
/// history is a few hundred kilobytes).
const MAX_FILE: u64 = 64 * 1024 * 1024;

fn now() -> String {
    audit::timestamp(SystemClock.now())
}

/// This person's key and the key unlocked now, as the window shows them.
#[derive(Serialize)]
pub struct KeyState {
    /// This person's own public key, if they made one here.
    mine: Option<MyKey>,
    unlocked: Option<UnlockedKey>,
    unlocked_for_minutes: u64,
}

#[derive(Serialize)]
pub struct MyKey {
    name: String,
    fingerprint: String,
    public_key: String,
}

impl From<PublicKey> for MyKey {
    fn from(k: PublicKey) -> Self {
        MyKey {
            name: k.name().to_owned(),
            fingerprint: k.fingerprint().as_str().to_owned(),
            public_key: k.to_text(),
        }
    }
}

fn key_state_of(exchange: &Exchange) -> AppResult<KeyState> {
    Ok(KeyState {
        mine: exchange
            .keyring
            .as_ref()
            .and_then(|r| r.public())
            .map(MyKey::from),
        unlocked: exchange.unlocked()?,
        unlocked_for_minutes: crate::exchange::UNLOCKED_FOR.as_secs() / 60,
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn key_state(exchange: State<'_, Exchange>) -> AppResult<KeyState> {
    key_state_of(&exchange)
}

/// Makes this person's key pair, locked with `passphrase` (typed twice in
/// the window: `again` must match), and keeps it unlocked.
#[tauri::command(async, rename_all = "snake_case")]
pub fn create_my_key(
    exchange: State<'_, Exchange>,
    name: String,
    passphrase: String,
    again: String,
) -> AppResult<KeyState> {
    if passphrase != again {
        return Err(CoreError::Invalid {
            field: "again",
            rule: Rule::Differs,
        }
        .into());
    }
    let ring = exchange.keyring()?;
    ring.create(&name, &passphrase)?;
    exchange.keep(ring.unlock(&passphrase)?, true)?;
    key_state_of(&exchange)
}

/// Unlocks this person's key, or (`from_file`) a key file chosen in the
/// open dialog: a reviewer's own, brought to this computer. `None` when
/// the dialog was cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn unlock_key(
    app: AppHandle,
    window: tauri::WebviewWindow,
    passphrase: String,
    from_file: bool,
) -> AppResult<Option<KeyState>> {
    let exchange = app.state::<Exchange>();
    if passphrase.is_empty() {
        return Err(CoreError::Invalid {
            field: "passphrase",
            rule: Rule::Required,
        }
        .into());
    }
    let key = if from_file {
        let ask = Ask {
            title: ["Choose your key file", "Choisir votre fichier de clé"],
            filter: ["Followthrough key file", "Fichier de clé Followthrough"],
            extensions: &["age"],
            file_name: None,
        };
        let Some(path) = dialogs::open(&app, window, ask).await? else {
            return Ok(None);
        };
        followthrough_core::keyring::unlock_file(&path, &passphrase)?
    } else {
        exchange.keyring()?.unlock(&passphrase)?
    };
    let own = exchange
        .keyring
        .as_ref()
        .and_then(|r| r.public())
        .is_some_and(|mine| &mine == key.public());
    exchange.keep(key, own)?;
    key_state_of(&exchange).map(Some)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn lock_key(exchange: State<'_, Exchange>) -> AppResult<KeyState> {
    exchange.lock()?;
    key_state_of(&exchange)
}

/// Saves this person's public key, to send to the others, where they
/// choose in the save dialog. `None` when cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_my_public_key(
    app: AppHandle,
    window: tauri::WebviewWindow,
) -> AppResult<Option<String>> {
    let public =
        app.state::<Exchange>()
            .keyring()?
            .public()
            .ok_or_else(|| CoreError::NotFound {
                entity: "key",
                id: "yours".into(),
            })?;
    let ask = Ask {
        title: ["Save your public key", "Enregistrer votre clé publique"],
        filter: ["Public key", "Clé publique"],
        extensions: &["pub"],
        file_name: Some(format!("{}.pub", public.name())),
    };
    let Some(path) = dialogs::save(&app, window, ask).await? else {
        return Ok(None);
    };
    let data_file = app.state::<AppState>().data_file.clone();
    let (prepared, _) =
        followthrough_core::output::prepare(&data_file, &path, public.to_text().as_bytes())?;
    Ok(Some(prepared.place()?.display().to_string()))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn reviewers(state: State<'_, AppState>) -> AppResult<Vec<Reviewer>> {
    state.with_tracker(|t| t.reviewers())
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn add_reviewer(state: State<'_, AppState>, input: ReviewerInput) -> AppResult<Reviewer> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.add_reviewer(&actor, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn remove_reviewer(state: State<'_, AppState>, id: i64) -> AppResult<Reviewer> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.remove_reviewer(&actor, id))
}

/// Reads a public key from a file chosen in the open dialog, to fill the
/// register's form. `None` when cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn read_public_key_file(
    app: AppHandle,
    window: tauri::WebviewWindow,
) -> AppResult<Option<String>> {
    let ask = Ask {
        title: [
            "Choose the reviewer's public key",
            "Choisir la clé publique de l'examinateur",
        ],
        filter: ["Public key", "Clé publique"],
        extensions: &["pub", "txt"],
        file_name: None,
    };
    let Some(path) = dialogs::open(&app, window, ask).await? else {
        return Ok(None);
    };
    let bytes = dialogs::read(&path, 64 * 1024)?;
    let text = String::from_utf8(bytes).map_err(|_| CoreError::Invalid {
        field: "public_key",
        rule: Rule::NotAPublicKey,
    })?;
    PublicKey::parse(&text)?;
    Ok(Some(text))
}

/// A review at this computer, with the reviewer's unlocked key (their own
/// key file and passphrase).
#[tauri::command(async, rename_all = "snake_case")]
pub fn decide_signed(
    state: State<'_, AppState>,
    exchange: State<'_, Exchange>,
    input: DecisionInput,
    passphrase: Option<String>,
) -> AppResult<SignedDecision> {
    exchange.with_key(passphrase.as_deref(), |key| {
        state.with_tracker(|t| t.decide(key, &input))
    })
}

/// "Send for review…": a package of the period for the reviewer, signed
/// with this person's key, saved where they choose. `None` when cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn send_for_review(
    app: AppHandle,
    window: tauri::WebviewWindow,
    period_id: i64,
    reviewer_id: i64,
    passphrase: Option<String>,
) -> AppResult<Option<PackageWritten>> {
    let label = {
        let state = app.state::<AppState>();
        let exchange = app.state::<Exchange>();
        // The key and the choices are checked before the dialog opens.
        exchange.with_own_key(passphrase.as_deref(), |_| Ok(()))?;
        state.with_tracker(|t| t.period(period_id))?.label
    };
    let ask = Ask {
        title: ["Save the review package", "Enregistrer le paquet d'examen"],
        filter: ["Review package", "Paquet d'examen"],
        extensions: &[PACKAGE_EXT],
        file_name: Some(format!("review-{}.{PACKAGE_EXT}", label.replace(' ', "-"))),
    };
    let Some(path) = dialogs::save(&app, window, ask).await? else {
        return Ok(None);
    };
    let state = app.state::<AppState>();
    let exchange = app.state::<Exchange>();
    let actor = state.actor()?;
    exchange
        .with_own_key(None, |key| {
            state.with_tracker(|t| {
                t.write_review_package(&actor, key, reviewer_id, period_id, &path)
            })
        })
        .map(Some)
}

/// "Apply decisions…": a response chosen in the open dialog, checked and
/// shown (nothing applied yet). `None` when cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn preview_decisions(
    app: AppHandle,
    window: tauri::WebviewWindow,
    passphrase: Option<String>,
) -> AppResult<Option<Applying>> {
    app.state::<Exchange>()
        .with_own_key(passphrase.as_deref(), |_| Ok(()))?;
    let ask = Ask {
        title: [
            "Choose the reviewer's decisions",
            "Choisir les décisions de l'examinateur",
        ],
        filter: ["Decisions", "Décisions"],
        extensions: &[RESPONSE_EXT],
        file_name: None,
    };
    let Some(path) = dialogs::open(&app, window, ask).await? else {
        return Ok(None);
    };
    let bytes = dialogs::read(&path, MAX_FILE)?;
    let state = app.state::<AppState>();
    let exchange = app.state::<Exchange>();
    let shown = exchange.with_own_key(None, |key| {
        state.with_tracker(|t| t.preview_response(&bytes, key))
    })?;
    *exchange
        .pending_response
        .lock()
        .map_err(|_| crate::error::AppError::Poisoned)? = Some(bytes);
    Ok(Some(shown))
}

/// Applies the response last previewed.
#[tauri::command(async, rename_all = "snake_case")]
pub fn apply_decisions(
    state: State<'_, AppState>,
    exchange: State<'_, Exchange>,
) -> AppResult<Applying> {
    let bytes = exchange
        .pending_response
        .lock()
        .map_err(|_| crate::error::AppError::Poisoned)?
        .take()
        .ok_or_else(|| CoreError::ExchangeRefused {
            reason: ExchangeRefusal::Damaged,
        })?;
    let actor = state.actor()?;
    exchange.with_own_key(None, |key| {
        state.with_tracker(|t| t.apply_response(&actor, &bytes, key))
    })
}

/// The packages received on this computer, newest first.
#[tauri::command(async, rename_all = "snake_case")]
pub fn inbox(exchange: State<'_, Exchange>) -> AppResult<Vec<About>> {
    Ok(exchange.inbox()?.list()?)
}

/// "Open review package…": a package chosen in the open dialog (or, with
/// `trust`, the one just chosen, its sender's fingerprint now confirmed).
/// `None` when cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_review_package(
    app: AppHandle,
    window: tauri::WebviewWindow,
    passphrase: Option<String>,
    trust: bool,
) -> AppResult<Option<Received>> {
    let exchange = app.state::<Exchange>();
    exchange.with_own_key(passphrase.as_deref(), |_| Ok(()))?;
    let pending = exchange
        .pending_package
        .lock()
        .map_err(|_| crate::error::AppError::Poisoned)?
        .take();
    let bytes = match (trust, pending) {
        (true, Some(bytes)) => bytes,
        _ => {
            let ask = Ask {
                title: ["Open a review package", "Ouvrir un paquet d'examen"],
                filter: ["Review package", "Paquet d'examen"],
                extensions: &[PACKAGE_EXT],
                file_name: None,
            };
            let Some(path) = dialogs::open(&app, window, ask).await? else {
                return Ok(None);
            };
            dialogs::read(&path, MAX_FILE)?
        }
    };
    let exchange = app.state::<Exchange>();
    let received = exchange.with_own_key(None, |key| {
        Ok(exchange.inbox()?.receive(&bytes, key, trust, &now())?)
    })?;
    if matches!(received, Received::NeedsTrust { .. }) {
        *exchange
            .pending_package
            .lock()
            .map_err(|_| crate::error::AppError::Poisoned)? = Some(bytes);
    }
    Ok(Some(received))
}

/// A package received before, with the work done on it.
#[tauri::command(async, rename_all = "snake_case")]
pub fn review_session(
    exchange: State<'_, Exchange>,
    package_id: String,
    passphrase: Option<String>,
) -> AppResult<Session> {
    exchange.with_own_key(passphrase.as_deref(), |key| {
        Ok(exchange.inbox()?.session(&package_id, key)?)
    })
}

/// Records the reviewer's decision on one report of a package (or, with
/// an empty `decision`, takes it back), saved at once.
#[tauri::command(async, rename_all = "snake_case")]
pub fn package_decide(
    exchange: State<'_, Exchange>,
    package_id: String,
    assessment_id: i64,
    decision: String,
    comment: String,
) -> AppResult<Session> {
    exchange.with_own_key(None, |key| {
        let inbox = exchange.inbox()?;
        let mut session = inbox.session(&package_id, key)?;
        if decision.is_empty() {
            session.undecide(assessment_id);
        } else {
            session.decide(assessment_id, &decision, &comment, &now())?;
        }
        inbox.save(&session, key.public())?;
        Ok(session)
    })
}

/// Chooses (or no longer chooses) to sign the period off with the
/// decisions, saved at once.
#[tauri::command(async, rename_all = "snake_case")]
pub fn package_sign_off(
    exchange: State<'_, Exchange>,
    package_id: String,
    yes: bool,
) -> AppResult<Session> {
    exchange.with_own_key(None, |key| {
        let inbox = exchange.inbox()?;
        let mut session = inbox.session(&package_id, key)?;
        session.sign_off(yes, &now())?;
        inbox.save(&session, key.public())?;
        Ok(session)
    })
}

/// "Send decisions back…": the decisions, each signed, saved where the
/// reviewer chooses. `None` when cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn send_decisions(
    app: AppHandle,
    window: tauri::WebviewWindow,
    package_id: String,
    passphrase: Option<String>,
) -> AppResult<Option<ResponseWritten>> {
    let period = app
        .state::<Exchange>()
        .with_own_key(passphrase.as_deref(), |key| {
            Ok(app
                .state::<Exchange>()
                .inbox()?
                .session(&package_id, key)?
                .package
                .snapshot
                .period
                .label)
        })?;
    let ask = Ask {
        title: ["Save your decisions", "Enregistrer vos décisions"],
        filter: ["Decisions", "Décisions"],
        extensions: &[RESPONSE_EXT],
        file_name: Some(format!(
            "decisions-{}.{RESPONSE_EXT}",
            period.replace(' ', "-")
        )),
    };
    let Some(path) = dialogs::save(&app, window, ask).await? else {
        return Ok(None);
    };
    let data_file = app.state::<AppState>().data_file.clone();
    let exchange = app.state::<Exchange>();
    exchange
        .with_own_key(None, |key| {
            let inbox = exchange.inbox()?;
            let mut session = inbox.session(&package_id, key)?;
            Ok(inbox.write_response(&mut session, key, &now(), &data_file, &path)?)
        })
        .map(Some)
}
