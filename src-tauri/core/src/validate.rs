//! Input checks shared by every use case. Each returns the parsed value or a
//! [`CoreError::Invalid`] naming the field and the rule, before anything is
//! written.
//!
//! Text is stored exactly as entered (nothing is trimmed or rewritten, so
//! what a user typed is what they read back); it is refused only when it is
//! empty where required, longer than its limit, or carries control
//! characters that have no place in a note.

use crate::error::{CoreError, Result, Rule};
use chrono::NaiveDate;

/// Length limits, in Unicode scalar values.
pub mod limit {
    pub const NAME: usize = 200;
    pub const TITLE: usize = 300;
    pub const EMAIL: usize = 254;
    pub const LABEL: usize = 40;
    pub const REASON: usize = 2_000;
    pub const SOURCE: usize = 2_000;
    pub const LONG_TEXT: usize = 20_000;
    pub const ACTOR: usize = 120;
}

/// Whether a field may hold line breaks and tabs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    Single,
    Multi,
}

fn check_text(field: &'static str, value: &str, max: usize, lines: Lines) -> Result<()> {
    if value.chars().count() > max {
        return Err(CoreError::invalid(field, Rule::TooLong));
    }
    let allowed = |c: char| lines == Lines::Multi && matches!(c, '\n' | '\r' | '\t');
    if value.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(CoreError::invalid(field, Rule::ControlCharacter));
    }
    Ok(())
}

/// A text that must hold something other than white space.
pub fn required(field: &'static str, value: &str, max: usize, lines: Lines) -> Result<()> {
    if value.trim().is_empty() {
        return Err(CoreError::invalid(field, Rule::Required));
    }
    check_text(field, value, max, lines)
}

/// A text that may be empty.
pub fn optional(field: &'static str, value: &str, max: usize, lines: Lines) -> Result<()> {
    check_text(field, value, max, lines)
}

/// An email address, or nothing. Only the shape is checked: one `@` with
/// something on each side, a dot in the domain, no spaces.
pub fn email(field: &'static str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Ok(());
    }
    check_text(field, value, limit::EMAIL, Lines::Single)?;
    let shaped = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if shaped {
        Ok(())
    } else {
        Err(CoreError::invalid(field, Rule::NotAnEmail))
    }
}

pub const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(d) => d,
    None => panic!("valid date"),
};
pub const LATEST: NaiveDate = match NaiveDate::from_ymd_opt(2100, 12, 31) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// A calendar date written `YYYY-MM-DD`, between 2000 and 2100.
pub fn date(field: &'static str, value: &str) -> Result<NaiveDate> {
    if value.trim().is_empty() {
        return Err(CoreError::invalid(field, Rule::Required));
    }
    // chrono accepts a few looser shapes (e.g. one-digit months); the data
    // format is exactly ten characters.
    if value.len() != 10 {
        return Err(CoreError::invalid(field, Rule::NotADate));
    }
    let d = NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| CoreError::invalid(field, Rule::NotADate))?;
    if d < EARLIEST || d > LATEST {
        return Err(CoreError::invalid(field, Rule::DateOutOfRange));
    }
    Ok(d)
}

/// A date that may be left empty.
pub fn optional_date(field: &'static str, value: Option<&str>) -> Result<Option<NaiveDate>> {
    match value {
        None => Ok(None),
        Some("") => Ok(None),
        Some(v) => date(field, v).map(Some),
    }
}

/// A date that has already happened (evidence observed, work completed).
pub fn not_after(field: &'static str, d: NaiveDate, today: NaiveDate) -> Result<()> {
    if d > today {
        Err(CoreError::invalid(field, Rule::InFuture))
    } else {
        Ok(())
    }
}

/// `end` must not fall before `start`.
pub fn ordered(field: &'static str, start: NaiveDate, end: NaiveDate) -> Result<()> {
    if end < start {
        Err(CoreError::invalid(field, Rule::EndBeforeStart))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(r: Result<impl std::fmt::Debug>) -> Rule {
        r.unwrap_err().rule().unwrap()
    }

    #[test]
    fn required_text_rejects_blank_long_and_control_characters() {
        assert!(required("title", "Plan", 10, Lines::Single).is_ok());
        assert_eq!(
            rule(required("title", "  \n", 10, Lines::Multi)),
            Rule::Required
        );
        assert_eq!(
            rule(required("title", "abcdefghijk", 10, Lines::Single)),
            Rule::TooLong
        );
        assert_eq!(
            rule(required("title", "a\u{0}b", 10, Lines::Multi)),
            Rule::ControlCharacter
        );
        assert_eq!(
            rule(required("title", "a\nb", 10, Lines::Single)),
            Rule::ControlCharacter
        );
        assert!(required("text", "a\nb\tc", 10, Lines::Multi).is_ok());
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        assert!(required("title", "éééééééééé", 10, Lines::Single).is_ok());
    }

    #[test]
    fn dates_must_be_real_iso_dates_in_range() {
        assert_eq!(
            date("due", "2026-11-25").unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
        );
        assert_eq!(rule(date("due", "")), Rule::Required);
        assert_eq!(rule(date("due", "2026-02-30")), Rule::NotADate);
        assert_eq!(rule(date("due", "2026-2-3")), Rule::NotADate);
        assert_eq!(rule(date("due", "25/11/2026")), Rule::NotADate);
        assert_eq!(rule(date("due", "1999-12-31")), Rule::DateOutOfRange);
        assert_eq!(rule(date("due", "2101-01-01")), Rule::DateOutOfRange);
    }

    #[test]
    fn emails_need_a_plausible_shape() {
        assert!(email("email", "").is_ok());
        assert!(email("email", "a.b@ontario.ca").is_ok());
        for bad in ["a", "a@b", "@b.ca", "a@b@c.ca", "a b@c.ca", "a@.ca", "a@c."] {
            assert_eq!(rule(email("email", bad)), Rule::NotAnEmail, "{bad}");
        }
    }
}
