//! Helpers shared by the store's unit tests.

use chrono::{NaiveDate, NaiveDateTime};

pub use crate::domain::workflow::Actor;

/// Settings changes in tests are made by the operator.
pub fn operator() -> Actor {
    Actor::operator()
}

/// A moment of 2026 in office time.
pub fn at(month: u32, day: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, month, day)
        .and_then(|d| d.and_hms_opt(hour, 0, 0))
        .expect("valid test time")
}
