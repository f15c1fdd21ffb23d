//! The year's quarters (triwulan, TW I–IV): their dates, when a unit's realisation report is
//! due, and how quarterly figures make the year's.

use super::calendar::WorkCalendar;
use chrono::{Datelike, NaiveDate};

/// A quarter of a year: 1 to 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter(u8);

impl Quarter {
    pub const ALL: [Quarter; 4] = [Quarter(1), Quarter(2), Quarter(3), Quarter(4)];

    pub fn new(n: u32) -> Result<Quarter, String> {
        match n {
            1..=4 => Ok(Quarter(n as u8)),
            _ => Err(format!(
                "Triwulan {n} tidak ada; triwulan adalah 1 sampai 4."
            )),
        }
    }

    pub fn number(self) -> u32 {
        u32::from(self.0)
    }

    /// "TW I" … "TW IV", as reports head their columns.
    pub fn short(self) -> &'static str {
        ["TW I", "TW II", "TW III", "TW IV"][usize::from(self.0 - 1)]
    }

    /// "Triwulan I" … "Triwulan IV".
    pub fn long(self) -> &'static str {
        ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"][usize::from(self.0 - 1)]
    }

    pub fn first_day(self, year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, 3 * self.number() - 2, 1).expect("a quarter's first day")
    }

    pub fn last_day(self, year: i32) -> NaiveDate {
        let next = if self.0 == 4 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, 3 * self.number() + 1, 1)
        };
        next.expect("the next quarter's first day")
            .pred_opt()
            .expect("a day before")
    }

    /// The quarter a day falls in.
    pub fn of(day: NaiveDate) -> Quarter {
        Quarter(((day.month() - 1) / 3 + 1) as u8)
    }

    /// The report of this quarter is due on the `nth` working day after its last day
    /// (commonly the 10th: weekends and the office's holidays do not count).
    pub fn report_due(self, year: i32, nth: u32, calendar: &WorkCalendar) -> NaiveDate {
        let after = self.last_day(year).succ_opt().expect("a day after");
        calendar
            .working_days_from(after, nth.max(1) as usize)
            .last()
            .copied()
            .expect("working days follow")
    }

    /// A quarter can be reported on from the day after it ends (the realisation of TW II is
    /// known in July): before that it is not yet open.
    pub fn open_on(self, year: i32, today: NaiveDate) -> Result<(), String> {
        if today > self.last_day(year) {
            Ok(())
        } else {
            Err(format!(
                "{} {year} belum berakhir; realisasinya dapat diisi mulai {}.",
                self.long(),
                super::indo::date(self.last_day(year).succ_opt().expect("a day after"))
            ))
        }
    }
}

/// How an indikator's quarterly figures make the year's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accumulation {
    /// Each quarter's figure is the state so far (a percentage, a running count): the year's is
    /// the last quarter's.
    Cumulative,
    /// Each quarter's figure is that quarter's own amount: the year's is their sum.
    PerQuarter,
}

impl Accumulation {
    pub fn code(self) -> &'static str {
        match self {
            Accumulation::Cumulative => "kumulatif",
            Accumulation::PerQuarter => "per_triwulan",
        }
    }

    pub fn from_code(s: &str) -> Option<Accumulation> {
        match s.trim() {
            "kumulatif" => Some(Accumulation::Cumulative),
            "per_triwulan" => Some(Accumulation::PerQuarter),
            _ => None,
        }
    }

    /// The figure of the year so far from the quarters reported (`None` = not yet): the last one
    /// reported when cumulative, the sum of those reported otherwise. `None` when none is.
    pub fn to_date(self, quarters: &[Option<f64>; 4], upto: Quarter) -> Option<f64> {
        let known = quarters[..upto.number() as usize].iter().flatten();
        match self {
            Accumulation::Cumulative => known.last().copied(),
            Accumulation::PerQuarter => {
                let v: Vec<f64> = known.copied().collect();
                (!v.is_empty()).then(|| v.iter().sum())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn quarters_have_their_months_and_names() {
        let q = Quarter::new(2).unwrap();
        assert_eq!(
            (q.first_day(2027), q.last_day(2027)),
            (d(2027, 4, 1), d(2027, 6, 30))
        );
        let q4 = Quarter::new(4).unwrap();
        assert_eq!(q4.last_day(2027), d(2027, 12, 31));
        assert_eq!(Quarter::new(1).unwrap().last_day(2028), d(2028, 3, 31));
        assert_eq!(Quarter::of(d(2027, 9, 30)).short(), "TW III");
        assert_eq!(Quarter::of(d(2027, 10, 1)).long(), "Triwulan IV");
        let e = Quarter::new(5).unwrap_err();
        assert!(e.contains("1 sampai 4"), "{e}");
    }

    #[test]
    fn the_report_is_due_on_the_tenth_working_day_holidays_skipped() {
        let mut cal = WorkCalendar::default();
        // TW I 2027 ends on Wednesday 31 March; 1 April is day 1, weekends skipped:
        // 1, 2, 5, 6, 7, 8, 9, 12, 13, 14 April.
        let q1 = Quarter::new(1).unwrap();
        assert_eq!(q1.report_due(2027, 10, &cal), d(2027, 4, 14));
        // A holiday inside (Good Friday, 2 April 2027) moves it a working day on.
        cal.holidays.insert(d(2027, 4, 2));
        assert_eq!(q1.report_due(2027, 10, &cal), d(2027, 4, 15));
        // TW IV's is in the next year.
        let q4 = Quarter::new(4).unwrap();
        assert_eq!(q4.report_due(2027, 1, &cal), d(2028, 1, 3));
    }

    #[test]
    fn a_quarter_opens_the_day_after_it_ends() {
        let q2 = Quarter::new(2).unwrap();
        let e = q2.open_on(2027, d(2027, 6, 30)).unwrap_err();
        assert!(e.contains("Triwulan II 2027 belum berakhir"), "{e}");
        assert!(e.contains("1 Juli 2027"), "{e}");
        assert!(q2.open_on(2027, d(2027, 7, 1)).is_ok());
        assert!(q2.open_on(2026, d(2027, 1, 1)).is_ok(), "a past year's");
    }

    #[test]
    fn the_years_figure_is_the_last_state_or_the_sum() {
        let tw = [Some(20.0), Some(45.0), None, None];
        let q3 = Quarter::new(3).unwrap();
        assert_eq!(Accumulation::Cumulative.to_date(&tw, q3), Some(45.0));
        assert_eq!(Accumulation::PerQuarter.to_date(&tw, q3), Some(65.0));
        let q1 = Quarter::new(1).unwrap();
        assert_eq!(Accumulation::PerQuarter.to_date(&tw, q1), Some(20.0));
        assert_eq!(Accumulation::Cumulative.to_date(&[None; 4], q3), None);
        for a in [Accumulation::Cumulative, Accumulation::PerQuarter] {
            assert_eq!(Accumulation::from_code(a.code()), Some(a));
        }
    }
}
