//! Time enters the core only through a [`Clock`], so every rule that depends
//! on "now" or "today" (overdue milestones, stale evidence, audit times) is
//! testable with a fixed date.

use chrono::{DateTime, Local, NaiveDate, Utc};

pub trait Clock: Send + Sync {
    /// The current instant, recorded in UTC in the audit trail.
    fn now(&self) -> DateTime<Utc>;
    /// The calendar date the user is living in (local time), used for
    /// "overdue", "stale" and "not in the future".
    fn today(&self) -> NaiveDate;
    /// The same clock, for a second tracker opened on its behalf (the
    /// file a restore builds before it takes the data file's place).
    fn boxed(&self) -> Box<dyn Clock>;
}

/// The machine's clock and time zone.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
    fn today(&self) -> NaiveDate {
        Local::now().date_naive()
    }
    fn boxed(&self) -> Box<dyn Clock> {
        Box::new(*self)
    }
}

/// A clock that always answers the same instant; "today" is that instant's
/// UTC date.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl FixedClock {
    /// Noon UTC on the given day.
    pub fn on(date: NaiveDate) -> Self {
        FixedClock(date.and_hms_opt(12, 0, 0).expect("noon exists").and_utc())
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
    fn today(&self) -> NaiveDate {
        self.0.date_naive()
    }
    fn boxed(&self) -> Box<dyn Clock> {
        Box::new(*self)
    }
}

/// A clock moved by hand, shared by its copies: tests and generated
/// histories date each piece of work on the day it was done. "Now" is noon
/// UTC on the day set.
#[derive(Debug, Clone)]
pub struct ManualClock(std::sync::Arc<std::sync::Mutex<NaiveDate>>);

impl ManualClock {
    pub fn on(day: NaiveDate) -> Self {
        ManualClock(std::sync::Arc::new(std::sync::Mutex::new(day)))
    }

    /// Moves every copy of this clock to `day`.
    pub fn set(&self, day: NaiveDate) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = day;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        FixedClock::on(self.today()).0
    }
    fn today(&self) -> NaiveDate {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
    fn boxed(&self) -> Box<dyn Clock> {
        Box::new(self.clone())
    }
}
