//! Moments in office time (WITA) for the unit tests, written once.

use chrono::{NaiveDate, NaiveDateTime};

/// A moment: year, month, day, hour, minute.
pub fn moment(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(year, month, day)
        .and_then(|d| d.and_hms_opt(hour, minute, 0))
        .expect("valid test time")
}

/// A moment of 2026, on the hour.
pub fn at(month: u32, day: u32, hour: u32) -> NaiveDateTime {
    moment(2026, month, day, hour, 0)
}

/// A moment of February 2026, the month the workflow's tests walk through.
pub fn feb(day: u32, hour: u32) -> NaiveDateTime {
    at(2, day, hour)
}
