//! Per-user preferences kept outside the data file (a tracker file can move
//! between people; who *you* are and how you read it stay with you).

use crate::error::{CoreError, Result, Rule};
use crate::language::Language;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The name recorded on every change; the OS user when unset.
    pub actor: Option<String>,
    /// The interface's language; the operating system's when unset.
    #[serde(deserialize_with = "crate::language::deserialize_lenient")]
    pub language: Option<Language>,
    /// Whether the window opens in the deputy minister's review mode.
    pub review_mode: bool,
    /// The folder the last briefing was saved in, where the save dialog
    /// opens next time.
    pub briefing_folder: Option<String>,
    /// The window's zoom, in percent; 100 when unset.
    pub zoom_percent: Option<u16>,
}

/// The zooms the window allows, in percent: from half size to three times.
pub const ZOOM_PERCENT: std::ops::RangeInclusive<u16> = 50..=300;

/// A zoom the window allows, or why not.
pub fn check_zoom(percent: u32) -> Result<u16> {
    u16::try_from(percent)
        .ok()
        .filter(|p| ZOOM_PERCENT.contains(p))
        .ok_or(CoreError::Invalid {
            field: "zoom",
            rule: Rule::NotInRange,
        })
}

impl Settings {
    /// Reads settings, treating a missing or unreadable file as defaults
    /// (preferences are never worth refusing to start over).
    pub fn load(path: &Path) -> Settings {
        std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| CoreError::io(format!("cannot create {}", dir.display()), e))?;
        }
        let bytes = serde_json::to_vec_pretty(self).expect("settings serialise");
        crate::output::write_own_file(path, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_this_version_does_not_know_loses_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, r#"{"actor": "Deputy Minister", "language": "de"}"#).unwrap();
        let s = Settings::load(&path);
        assert_eq!(s.actor.as_deref(), Some("Deputy Minister"));
        assert_eq!(s.language, None);

        let chosen = Settings {
            language: Some(Language::French),
            ..s
        };
        chosen.save(&path).unwrap();
        assert_eq!(Settings::load(&path), chosen);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(r#""language": "fr""#), "{text}");
    }
}
