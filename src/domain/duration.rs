//! "Waktu" of the SOP's Mutu Baku: an amount of working time.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DurationUnit {
    Minutes,
    Hours,
    /// Working days.
    Days,
    /// Working weeks of five working days.
    Weeks,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WorkDuration {
    pub amount: u32,
    pub unit: DurationUnit,
}

impl WorkDuration {
    pub const fn new(amount: u32, unit: DurationUnit) -> Self {
        Self { amount, unit }
    }

    /// Working minutes, given the length of one working day in minutes.
    pub fn working_minutes(self, day_minutes: u32) -> u64 {
        let amount = u64::from(self.amount);
        match self.unit {
            DurationUnit::Minutes => amount,
            DurationUnit::Hours => amount * 60,
            DurationUnit::Days => amount * u64::from(day_minutes),
            DurationUnit::Weeks => amount * 5 * u64::from(day_minutes),
        }
    }
}

impl fmt::Display for WorkDuration {
    /// As the SOP writes it: "15 Menit", "3 Hari", "1 Minggu".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            DurationUnit::Minutes => "Menit",
            DurationUnit::Hours => "Jam",
            DurationUnit::Days => "Hari",
            DurationUnit::Weeks => "Minggu",
        };
        write!(f, "{} {unit}", self.amount)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_per_unit() {
        let day = 510; // 07:30-16:00
        assert_eq!(
            WorkDuration::new(15, DurationUnit::Minutes).working_minutes(day),
            15
        );
        assert_eq!(
            WorkDuration::new(2, DurationUnit::Hours).working_minutes(day),
            120
        );
        assert_eq!(
            WorkDuration::new(3, DurationUnit::Days).working_minutes(day),
            1530
        );
        assert_eq!(
            WorkDuration::new(1, DurationUnit::Weeks).working_minutes(day),
            2550
        );
    }

    #[test]
    fn displays_like_the_sop() {
        assert_eq!(
            WorkDuration::new(15, DurationUnit::Minutes).to_string(),
            "15 Menit"
        );
        assert_eq!(
            WorkDuration::new(1, DurationUnit::Weeks).to_string(),
            "1 Minggu"
        );
    }
}
