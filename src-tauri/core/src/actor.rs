//! Who is making a change. Every write names its actor, recorded in the audit
//! trail; the front ends default it to the operating-system user and let the
//! user set it.
//!
//! The two-key rule ("the person who reported cannot also accept") compares
//! names, so two spellings of one name must be one person: names are
//! compared in a normal form (Unicode NFKC, case folded, white space
//! trimmed and collapsed, invisible characters removed), and a new name
//! holding invisible characters is refused, so "Alex" and "Alex\u{200B}"
//! can never pass for two people.

use crate::error::{CoreError, Result, Rule};
use crate::validate::{self, limit, Lines};
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

/// Unicode's default-ignorable code points: characters that draw nothing.
/// The zero-width joiner and non-joiner are left out: Persian and Indic
/// names need them, and the normal form removes them anyway.
fn invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5
        | 0x180B..=0x180F | 0x200B | 0x200E..=0x200F | 0x202A..=0x202E
        | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F | 0xFEFF | 0xFFA0
        | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

/// The form in which two names are compared.
pub fn normal_form(name: &str) -> String {
    let folded: String = name
        .nfkc()
        .filter(|c| !invisible(*c) && !matches!(*c, '\u{200C}' | '\u{200D}'))
        .flat_map(char::to_lowercase)
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether two recorded names are the same person's.
pub fn same_person(a: &str, b: &str) -> bool {
    normal_form(a) == normal_form(b)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Actor(String);

impl Actor {
    pub fn new(name: &str) -> Result<Self> {
        validate::required("actor", name, limit::ACTOR, Lines::Single)?;
        if name.chars().any(invisible) {
            return Err(CoreError::Invalid {
                field: "actor",
                rule: Rule::InvisibleCharacter,
            });
        }
        Ok(Actor(name.to_owned()))
    }

    /// Whether this actor is the person recorded as `name`.
    pub fn is(&self, name: &str) -> bool {
        same_person(&self.0, name)
    }

    /// The name of the person logged in to this computer, or
    /// [`Actor::PLACEHOLDER`] when the system gives none.
    pub fn from_os() -> Self {
        let name = ["USER", "USERNAME", "LOGNAME"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| Actor::new(v).is_ok());
        Actor(name.unwrap_or_else(|| Self::PLACEHOLDER.to_owned()))
    }

    /// What changes are recorded as when neither the person nor the
    /// operating system gives a name.
    pub const PLACEHOLDER: &'static str = "unknown";

    /// The person's name, or none when only the placeholder is known: a
    /// document names who prepared it only when someone is known.
    pub fn known_name(&self) -> Option<&str> {
        (self.0 != Self::PLACEHOLDER).then_some(self.0.as_str())
    }

    /// The author of records the program writes itself (the seeded report).
    pub(crate) fn system() -> Self {
        Actor("followthrough".to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Actor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// This computer's host name, or "" when the system does not say.
pub fn machine_name() -> String {
    let from_file = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .ok();
    from_file
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|s| {
            s.trim()
                .chars()
                .filter(|c| !c.is_control())
                .take(200)
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_real_name_is_known() {
        assert_eq!(Actor::new("Alex").unwrap().known_name(), Some("Alex"));
        assert_eq!(Actor::new(Actor::PLACEHOLDER).unwrap().known_name(), None);
    }

    #[test]
    fn spellings_of_one_name_are_one_person() {
        for other in [
            "Alex ",
            " alex",
            "ALEX",
            "Al\u{200B}ex",
            "Alex\u{FEFF}",
            "\u{FF21}lex",
            "Alex\u{00AD}",
        ] {
            assert!(same_person("Alex", other), "{other:?}");
        }
        assert!(same_person("Alex  Morgan", "Alex Morgan"));
        // Composed and decomposed accents are one spelling.
        assert!(same_person("Hélène", "He\u{301}le\u{300}ne"));
        assert!(!same_person("Hélène", "Helene"));
        assert!(!same_person("Alex", "Alexa"));
    }

    #[test]
    fn a_name_with_invisible_characters_is_refused() {
        for name in [
            "Al\u{200B}ex",
            "Alex\u{2060}",
            "\u{202E}xelA",
            "Alex\u{FE0F}",
        ] {
            assert_eq!(
                Actor::new(name).unwrap_err().rule(),
                Some(Rule::InvisibleCharacter),
                "{name:?}"
            );
        }
        // Persian names need the zero-width non-joiner.
        assert!(
            Actor::new("\u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645}").is_ok()
        );
    }
}
