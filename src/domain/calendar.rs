//! Working time: Monday to Friday within working hours, minus holidays.
//!
//! Due dates are computed in the office's local time (WITA by default). A duration is consumed
//! only inside working windows, so "1 Hari" from Friday 10:00 ends on Monday 10:00, and
//! "15 Menit" from 15:50 ends at 07:35 on the next working day.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::duration::WorkDuration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Default for WorkingHours {
    fn default() -> Self {
        Self {
            start: NaiveTime::from_hms_opt(7, 30, 0).expect("valid time"),
            end: NaiveTime::from_hms_opt(16, 0, 0).expect("valid time"),
        }
    }
}

impl WorkingHours {
    /// Checked constructor: the day must have some working time.
    pub fn new(start: NaiveTime, end: NaiveTime) -> Result<Self, String> {
        if end <= start {
            return Err("jam pulang harus sesudah jam masuk".into());
        }
        Ok(Self { start, end })
    }

    pub fn day_minutes(&self) -> u32 {
        (self.end - self.start).num_minutes() as u32
    }
}

/// WITA, Waktu Indonesia Tengah (UTC+8), where Paringin is.
pub fn wita() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

#[derive(Debug, Clone)]
pub struct WorkCalendar {
    pub hours: WorkingHours,
    pub holidays: BTreeSet<NaiveDate>,
    pub offset: FixedOffset,
}

impl Default for WorkCalendar {
    fn default() -> Self {
        Self {
            hours: WorkingHours::default(),
            holidays: BTreeSet::new(),
            offset: wita(),
        }
    }
}

impl WorkCalendar {
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&day)
    }

    /// The start of the first working day after `day`.
    fn next_working_start(&self, day: NaiveDate) -> NaiveDateTime {
        let mut d = day + Duration::days(1);
        while !self.is_working_day(d) {
            d += Duration::days(1);
        }
        d.and_time(self.hours.start)
    }

    /// The earliest working instant at or after `t`.
    pub fn clamp_to_working(&self, t: NaiveDateTime) -> NaiveDateTime {
        let day = t.date();
        if !self.is_working_day(day) || t.time() >= self.hours.end {
            return self.next_working_start(day);
        }
        if t.time() < self.hours.start {
            return day.and_time(self.hours.start);
        }
        t
    }

    /// `start` plus `duration` of working time.
    pub fn add(&self, start: NaiveDateTime, duration: WorkDuration) -> NaiveDateTime {
        let mut remaining = duration.working_minutes(self.hours.day_minutes()) as i64;
        let mut t = self.clamp_to_working(start);
        loop {
            let left_today = (t.date().and_time(self.hours.end) - t).num_minutes();
            if remaining <= left_today {
                return t + Duration::minutes(remaining);
            }
            remaining -= left_today;
            t = self.next_working_start(t.date());
        }
    }

    /// Where `t` falls on a line of working days starting at `origin` (0.0 = its start of
    /// work): whole working days passed plus the part of the working day done. Weekends and
    /// holidays take no room, as on the timeline.
    pub fn working_offset(&self, origin: NaiveDate, t: NaiveDateTime) -> f32 {
        let day_len = self.hours.day_minutes().max(1) as f32;
        let part = |t: NaiveDateTime| {
            if !self.is_working_day(t.date()) {
                return 0.0;
            }
            let m = (t.time() - self.hours.start).num_minutes() as f32;
            (m / day_len).clamp(0.0, 1.0)
        };
        if t.date() < origin {
            return -(self.working_days_between(t.date(), origin) as f32) + part(t);
        }
        let before = self
            .working_days_between(origin, t.date())
            .saturating_sub(u32::from(self.is_working_day(t.date())));
        before as f32 + part(t)
    }

    /// The working days from `origin`, `count` of them (for a timeline's axis).
    pub fn working_days_from(&self, origin: NaiveDate, count: usize) -> Vec<NaiveDate> {
        origin
            .iter_days()
            .filter(|d| self.is_working_day(*d))
            .take(count)
            .collect()
    }

    /// Working days from `from` to `to` (dates), counting both ends when they are working days.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working_day(*d))
            .count() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::duration::DurationUnit::*;

    use crate::test_time::moment as at;

    fn cal() -> WorkCalendar {
        WorkCalendar::default()
    }

    #[test]
    fn days_skip_the_weekend() {
        // Friday 6 Feb 2026 10:00 + 1 hari = Monday 9 Feb 10:00.
        assert_eq!(
            cal().add(at(2026, 2, 6, 10, 0), WorkDuration::new(1, Days)),
            at(2026, 2, 9, 10, 0)
        );
        // Thursday + 3 hari = Tuesday.
        assert_eq!(
            cal().add(at(2026, 2, 5, 9, 0), WorkDuration::new(3, Days)),
            at(2026, 2, 10, 9, 0)
        );
    }

    #[test]
    fn days_skip_a_holiday_and_a_weekend() {
        let mut c = cal();
        // Monday 16 Feb 2026 is a holiday in this test: Friday + 1 hari lands on Tuesday.
        c.holidays
            .insert(NaiveDate::from_ymd_opt(2026, 2, 16).unwrap());
        assert_eq!(
            c.add(at(2026, 2, 13, 8, 0), WorkDuration::new(1, Days)),
            at(2026, 2, 17, 8, 0)
        );
        assert!(!c.is_working_day(NaiveDate::from_ymd_opt(2026, 2, 16).unwrap()));
    }

    #[test]
    fn a_week_is_five_working_days() {
        // Wednesday 07:30 + 1 minggu = next Wednesday 07:30 ... expressed as the end of Tuesday.
        assert_eq!(
            cal().add(at(2026, 2, 4, 7, 30), WorkDuration::new(1, Weeks)),
            at(2026, 2, 10, 16, 0)
        );
    }

    #[test]
    fn minutes_stay_within_working_hours() {
        assert_eq!(
            cal().add(at(2026, 2, 4, 9, 0), WorkDuration::new(15, Minutes)),
            at(2026, 2, 4, 9, 15)
        );
        // 15:50 + 15 menit: 10 minutes today, 5 tomorrow from 07:30.
        assert_eq!(
            cal().add(at(2026, 2, 4, 15, 50), WorkDuration::new(15, Minutes)),
            at(2026, 2, 5, 7, 35)
        );
        // Friday 15:45 + 30 menit goes to Monday.
        assert_eq!(
            cal().add(at(2026, 2, 6, 15, 45), WorkDuration::new(30, Minutes)),
            at(2026, 2, 9, 7, 45)
        );
    }

    #[test]
    fn work_starts_at_the_next_working_instant() {
        // Saturday evening: counting starts Monday 07:30.
        assert_eq!(
            cal().add(at(2026, 2, 7, 19, 0), WorkDuration::new(30, Minutes)),
            at(2026, 2, 9, 8, 0)
        );
        // Before office hours: counting starts at 07:30 the same day.
        assert_eq!(
            cal().add(at(2026, 2, 4, 6, 0), WorkDuration::new(1, Days)),
            at(2026, 2, 4, 16, 0)
        );
    }

    #[test]
    fn working_hours_are_a_setting() {
        let mut c = cal();
        c.hours = WorkingHours::new(
            NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
        )
        .unwrap();
        assert_eq!(
            c.add(at(2026, 2, 4, 11, 0), WorkDuration::new(2, Hours)),
            at(2026, 2, 5, 9, 0)
        );
        assert!(
            WorkingHours::new(
                NaiveTime::from_hms_opt(16, 0, 0).unwrap(),
                NaiveTime::from_hms_opt(8, 0, 0).unwrap()
            )
            .is_err()
        );
    }

    #[test]
    fn positions_on_a_line_of_working_days() {
        let c = cal();
        let origin = NaiveDate::from_ymd_opt(2026, 2, 5).unwrap(); // Thursday
        assert_eq!(c.working_offset(origin, at(2026, 2, 5, 7, 30)), 0.0);
        assert!((c.working_offset(origin, at(2026, 2, 5, 11, 45)) - 0.5).abs() < 1e-3);
        // Friday end, the weekend and Monday start are the same place.
        assert_eq!(c.working_offset(origin, at(2026, 2, 6, 16, 0)), 2.0);
        assert_eq!(c.working_offset(origin, at(2026, 2, 7, 12, 0)), 2.0);
        assert_eq!(c.working_offset(origin, at(2026, 2, 9, 7, 30)), 2.0);
        let days = c.working_days_from(origin, 3);
        assert_eq!(days[2], NaiveDate::from_ymd_opt(2026, 2, 9).unwrap());
    }

    #[test]
    fn counts_working_days() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        assert_eq!(cal().working_days_between(d(2, 2), d(2, 13)), 10);
    }
}
