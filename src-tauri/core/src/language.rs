//! The two languages Followthrough speaks: of the interface, of a briefing,
//! of a saved preference and of the command line's `--lang`. One type, so
//! that "en" and "fr" are spelled, parsed and defaulted in one place; how a
//! briefing words dates and terms in each lives with the briefing.

use crate::error::{CoreError, Result, Rule};
use serde::{Deserialize, Deserializer, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Language {
    #[serde(rename = "en")]
    English,
    #[serde(rename = "fr")]
    French,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::English, Language::French];

    /// `en` or `fr`, as every front end and file names them.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "en" => Some(Language::English),
            "fr" => Some(Language::French),
            _ => None,
        }
    }

    /// Like [`Self::from_code`], refusing anything else as a bad value of
    /// `field`.
    pub fn parse(field: &'static str, code: &str) -> Result<Self> {
        Self::from_code(code).ok_or(CoreError::Invalid {
            field,
            rule: Rule::UnknownValue,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
        }
    }

    /// The language a user gets before choosing one: French when the
    /// operating system's locale (the first non-empty of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG`, read by the caller) is French, else
    /// English.
    pub fn of_locale<'a>(locale_variables: impl IntoIterator<Item = Option<&'a str>>) -> Self {
        let locale = locale_variables
            .into_iter()
            .flatten()
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        if locale.to_ascii_lowercase().starts_with("fr") {
            Language::French
        } else {
            Language::English
        }
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Reads an optional language leniently: a value this version does not know
/// (a preference written by a newer one) is no choice rather than an error,
/// so the rest of the file still counts.
pub fn deserialize_lenient<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Language>, D::Error> {
    let code = Option::<String>::deserialize(d)?;
    Ok(code.as_deref().and_then(Language::from_code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_nothing_else_parses() {
        for l in Language::ALL {
            assert_eq!(Language::from_code(l.code()), Some(l));
            assert_eq!(serde_json::to_string(&l).unwrap(), format!("\"{l}\""));
        }
        assert_eq!(Language::from_code("de"), None);
        assert_eq!(Language::from_code("FR"), None);
        assert!(Language::parse("language", "").is_err());
    }

    #[test]
    fn the_locale_chooses_french_or_english() {
        assert_eq!(
            Language::of_locale([None, Some("fr_CA.UTF-8")]),
            Language::French
        );
        assert_eq!(
            Language::of_locale([Some(""), Some("FR")]),
            Language::French
        );
        assert_eq!(
            Language::of_locale([Some("en_CA.UTF-8"), Some("fr_CA")]),
            Language::English
        );
        assert_eq!(Language::of_locale([None, None]), Language::English);
    }
}
