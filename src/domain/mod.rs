//! Everything that decides something, without any GUI: the SOP, working time, the workflow,
//! Indonesian formats. The views only draw what these compute.

pub mod action_plan;
pub mod calendar;
pub mod capaian;
pub mod carry;
pub mod duration;
pub mod evidence;
pub mod indo;
pub mod io_words;
pub mod measure;
pub mod nip;
pub mod passphrase;
pub mod performance;
pub mod pick;
pub mod pin;
pub mod quarter;
pub mod rkt;
pub mod rkt_changes;
pub mod seal;
pub mod secret;
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

/// Checks a Renstra period: both years in `YEARS`, the last not before the first, ten years
/// at most (a Renstra runs five; ten leaves room for a transition).
pub fn check_period(first: i32, last: i32) -> Result<(), String> {
    check_year(first)?;
    check_year(last)?;
    if last < first {
        return Err(format!(
            "Periode {first}–{last} tidak sah: tahun akhir harus sama dengan atau sesudah tahun awal."
        ));
    }
    if last - first >= 10 {
        return Err(format!(
            "Periode {first}–{last} terlalu panjang; sebuah Renstra paling lama sepuluh tahun."
        ));
    }
    Ok(())
}

/// A period's first and last year as typed ("2027", "2031"), checked by `check_period`.
pub fn parse_period(first: &str, last: &str) -> Result<(i32, i32), String> {
    let year = |s: &str, what: &str| {
        s.trim()
            .parse::<i32>()
            .map_err(|_| format!("Tahun {what} periode harus angka tahun, mis. 2027."))
    };
    let (first, last) = (year(first, "awal")?, year(last, "akhir")?);
    check_period(first, last)?;
    Ok((first, last))
}

/// A new period as typed: checked, and overlapping none of the `existing` (first, last).
pub fn parse_new_period(
    first: &str,
    last: &str,
    existing: impl IntoIterator<Item = (i32, i32)>,
) -> Result<(i32, i32), String> {
    let (f, l) = parse_period(first, last)?;
    match existing.into_iter().find(|(a, b)| *a <= l && *b >= f) {
        Some((a, b)) => Err(format!(
            "Periode {f}–{l} bertumpang tindih dengan periode Renstra {a}–{b} yang sudah ada."
        )),
        None => Ok((f, l)),
    }
}

#[cfg(test)]
mod tests {
    use super::{check_period, parse_new_period, parse_period};

    #[test]
    fn a_period_typed_is_read_and_checked_before_anything_is_asked() {
        assert_eq!(parse_period(" 2027 ", "2031"), Ok((2027, 2031)));
        assert_eq!(
            parse_period("", "2031").unwrap_err(),
            "Tahun awal periode harus angka tahun, mis. 2027."
        );
        assert!(
            parse_period("2031", "2027")
                .unwrap_err()
                .contains("tahun akhir")
        );
        let existing = [(2021, 2026), (2027, 2031)];
        assert_eq!(parse_new_period("2032", "2036", existing), Ok((2032, 2036)));
        assert_eq!(
            parse_new_period("2030", "2034", existing).unwrap_err(),
            "Periode 2030–2034 bertumpang tindih dengan periode Renstra 2027–2031 yang sudah ada."
        );
    }

    #[test]
    fn a_period_is_ten_years_at_most_forward_and_in_range() {
        assert!(check_period(2027, 2031).is_ok());
        assert!(check_period(2027, 2027).is_ok());
        assert!(check_period(2027, 2036).is_ok());
        for (first, last, why) in [
            (2027, 2037, "terlalu panjang"),
            (2031, 2027, "tahun akhir harus sama dengan atau sesudah"),
            (1999, 2003, "Tahun 1999 di luar rentang"),
            (2198, 2201, "Tahun 2201 di luar rentang"),
        ] {
            let e = check_period(first, last).unwrap_err();
            assert!(e.contains(why), "{first}–{last}: {e}");
        }
    }
}
