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

    /// Done or cancelled: finished, so its due date can no longer move.
    /// (Deferred is neither open nor closed: set aside, it may be planned
    /// again.)
    pub fn is_closed(self) -> bool {
        matches!(self, MilestoneState::Done | MilestoneState::Cancelled)
    }

    /// The states `keep` selects, as an SQL list (`('planned',
    /// 'in_progress')`), so that queries read the rules above rather than
    /// spelling them again.
    pub(crate) fn sql_list(keep: fn(MilestoneState) -> bool) -> String {
        let keys: Vec<String> = Self::ALL
            .iter()
            .filter(|s| keep(**s))
            .map(|s| format!("'{}'", s.key()))
            .collect();
        format!("({})", keys.join(", "))
    }
}

/// SQL that reads the milestone rules above, built once.
pub(crate) mod milestone_sql {
    use super::MilestoneState;
    use std::sync::LazyLock;

    /// `('planned', 'in_progress')`.
    pub static OPEN: LazyLock<String> =
        LazyLock::new(|| MilestoneState::sql_list(MilestoneState::is_open));
    /// Every state but done and cancelled.
    pub static NOT_CLOSED: LazyLock<String> =
        LazyLock::new(|| MilestoneState::sql_list(|s| !s.is_closed()));
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

impl Trend {
    /// How confidence moved from the previous period's assessment to this
    /// one's: the one rule the dashboard, the briefing and the CSV view
    /// read. None when this period has no assessment yet.
    pub fn between(now: Option<Confidence>, before: Option<Confidence>) -> Option<Trend> {
        let now = now?;
        Some(match before {
            None => Trend::New,
            Some(b) => match now.rank().cmp(&b.rank()) {
                std::cmp::Ordering::Greater => Trend::Up,
                std::cmp::Ordering::Less => Trend::Down,
                std::cmp::Ordering::Equal => Trend::Same,
            },
        })
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

    #[test]
    fn a_trend_reads_confidence_against_the_previous_period() {
        use Confidence::*;
        assert_eq!(Trend::between(None, Some(Green)), None);
        assert_eq!(Trend::between(Some(Red), None), Some(Trend::New));
        assert_eq!(Trend::between(Some(Amber), Some(AmberRed)), Some(Trend::Up));
        assert_eq!(
            Trend::between(Some(AmberRed), Some(Amber)),
            Some(Trend::Down)
        );
        assert_eq!(Trend::between(Some(Green), Some(Green)), Some(Trend::Same));
    }

    #[test]
    fn milestone_state_lists_for_sql_follow_the_rules() {
        assert_eq!(*milestone_sql::OPEN, "('planned', 'in_progress')");
        assert_eq!(
            *milestone_sql::NOT_CLOSED,
            "('planned', 'in_progress', 'deferred')"
        );
    }
}

vocabulary! {
    /// What a registered reviewer is to the tracker: the deputy minister
    /// unless the register says otherwise.
    ReviewerRole {
        DeputyMinister = "deputy_minister", "Deputy minister";
        AssociateDeputyMinister = "associate_deputy_minister", "Associate deputy minister";
        Delegate = "delegate", "Delegate";
    }
}

vocabulary! {
    /// What a reviewer decided, in a signed decision.
    DecisionKind {
        Accept = "accept", "Accepted";
        Return = "return", "Returned";
        SignOff = "sign_off", "Signed off";
    }
}
