//! Everything that decides something, without any GUI: the SOP, working time, the workflow,
//! Indonesian formats. The views only draw what these compute.

pub mod calendar;
pub mod carry;
pub mod duration;
pub mod indo;
pub mod io_words;
pub mod nip;
pub mod pin;
pub mod rkt;
pub mod seal;
pub mod sop;
mod toml_words;
pub mod workflow;

/// The years an RKT may be made for, wherever a year is typed (window, command line) or stored.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2200;

/// Checks a year against `YEARS`, saying the range in Indonesian.
pub fn check_year(year: i32) -> Result<i32, String> {
    if YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(format!(
            "Tahun {year} di luar rentang {}–{}.",
            YEARS.start(),
            YEARS.end()
        ))
    }
}
