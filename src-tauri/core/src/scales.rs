//! The closed vocabularies of the tracker: the two assessment scales and the
//! states and kinds of the other records.
//!
//! Each value has a stable snake_case key (stored in SQLite, exported in JSON
//! and CSV, sent to the UI) and an English label. Labels in other languages
//! belong to the front ends; the key is the contract.

use crate::error::{CoreError, Result, Rule};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! vocabulary {
    (
        $(#[$doc:meta])*
        $name:ident { $( $variant:ident = $key:literal, $label:literal; )+ }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $( $variant ),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            pub fn key(self) -> &'static str {
                match self { $( $name::$variant => $key ),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $( $name::$variant => $label ),+ }
            }

            pub fn from_key(key: &str) -> Option<Self> {
                match key { $( $key => Some($name::$variant), )+ _ => None }
            }

            /// Parses user input for `field`, refusing anything off the scale.
            pub fn parse(field: &'static str, key: &str) -> Result<Self> {
                Self::from_key(key).ok_or(CoreError::Invalid { field, rule: Rule::UnknownValue })
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let key = String::deserialize(d)?;
                $name::from_key(&key).ok_or_else(|| serde::de::Error::unknown_variant(
                    &key, &[ $( $key ),+ ]))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let key = v.as_str()?;
                $name::from_key(key).ok_or_else(|| rusqlite::types::FromSqlError::Other(
                    format!("unknown {} {key:?}", stringify!($name)).into()))
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.key().into())
            }
        }
    };
}

vocabulary! {
    /// Implementation status, on the scale the Auditor General of Ontario uses
    /// in its follow-up reports.
    ImplementationStatus {
        FullyImplemented = "fully_implemented", "Fully implemented";
        InProcess = "in_process", "In the process of being implemented";
        LittleOrNoProgress = "little_or_no_progress", "Little or no progress";
        WillNotBeImplemented = "will_not_be_implemented", "Will not be implemented";
        NoLongerApplicable = "no_longer_applicable", "No longer applicable";
    }
}

vocabulary! {
    /// Delivery confidence, on the five-point scale of the UK Infrastructure
    /// and Projects Authority.
    Confidence {
        Green = "green", "Green";
        AmberGreen = "amber_green", "Amber/Green";
        Amber = "amber", "Amber";
        AmberRed = "amber_red", "Amber/Red";
        Red = "red", "Red";
    }
}

impl Confidence {
    /// 5 for Green down to 1 for Red: a higher number is better, which is how
    /// a trend between periods is read.
    pub fn rank(self) -> u8 {
        match self {
            Confidence::Green => 5,
            Confidence::AmberGreen => 4,
            Confidence::Amber => 3,
            Confidence::AmberRed => 2,
            Confidence::Red => 1,
        }
    }

    /// What the IPA scale says each rating means.
    pub fn definition(self) -> &'static str {
        match self {
            Confidence::Green => "Successful delivery appears highly likely.",
            Confidence::AmberGreen => {
                "Successful delivery appears probable; constant attention is needed."
            }
            Confidence::Amber => {
                "Successful delivery appears feasible but significant issues exist."
            }
            Confidence::AmberRed => "Successful delivery is in doubt; urgent action is needed.",
            Confidence::Red => "Successful delivery appears to be unachievable.",
        }
    }
}

vocabulary! {
    MilestoneState {
        Planned = "planned", "Planned";
        InProgress = "in_progress", "In progress";
        Done = "done", "Done";
        Deferred = "deferred", "Deferred";
        Cancelled = "cancelled", "Cancelled";
    }
}

impl MilestoneState {
    /// Open milestones still have a due date that matters.
    pub fn is_open(self) -> bool {
        matches!(self, MilestoneState::Planned | MilestoneState::InProgress)
    }
}

vocabulary! {
    EvidenceKind {
        Progress = "progress", "Progress";
        Decision = "decision", "Decision";
        Risk = "risk", "Risk";
        Issue = "issue", "Issue";
        Document = "document", "Document";
        Metric = "metric", "Metric";
    }
}

vocabulary! {
    PeriodState {
        Open = "open", "Open";
        SignedOff = "signed_off", "Signed off";
    }
}

vocabulary! {
    /// The deputy minister's key on an assessment.
    ReviewState {
        Pending = "pending", "Awaiting review";
        Accepted = "accepted", "Accepted";
        Returned = "returned", "Returned";
    }
}

vocabulary! {
    /// How a recommendation's confidence moved since the previous period.
    Trend {
        Up = "up", "Improved";
        Down = "down", "Worsened";
        Same = "same", "No change";
        New = "new", "New this period";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_unknown_keys_are_refused() {
        for s in ImplementationStatus::ALL {
            assert_eq!(ImplementationStatus::from_key(s.key()), Some(*s));
        }
        for c in Confidence::ALL {
            assert_eq!(Confidence::parse("confidence", c.key()).unwrap(), *c);
        }
        let err = Confidence::parse("confidence", "purple").unwrap_err();
        assert_eq!(err.field(), Some("confidence"));
        assert_eq!(err.rule(), Some(Rule::UnknownValue));
    }

    #[test]
    fn confidence_ranks_green_highest() {
        let ranks: Vec<u8> = Confidence::ALL.iter().map(|c| c.rank()).collect();
        assert_eq!(ranks, vec![5, 4, 3, 2, 1]);
    }
}
