//! NIP (Nomor Induk Pegawai): 18 digits, printed in groups of 8, 6, 1, 3
//! (birth date, appointment month, sex, serial number).

use chrono::NaiveDate;

/// A checked NIP, stored as its 18 digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nip(String);

impl Nip {
    /// Accepts the digits with or without spaces; checks the length and the dates inside.
    pub fn parse(input: &str) -> Result<Nip, String> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.is_empty() {
            return Err("NIP kosong".into());
        }
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!("NIP \"{}\" hanya boleh berisi angka", input.trim()));
        }
        if digits.len() != 18 {
            return Err(format!(
                "NIP harus 18 angka, yang diketik {} angka",
                digits.len()
            ));
        }
        let num = |r: std::ops::Range<usize>| digits[r].parse::<u32>().unwrap_or(0);
        if NaiveDate::from_ymd_opt(num(0..4) as i32, num(4..6), num(6..8)).is_none() {
            return Err(format!(
                "8 angka pertama NIP ({}) bukan tanggal lahir yang sah (TTTTBBHH)",
                &digits[0..8]
            ));
        }
        if !(1..=12).contains(&num(12..14)) {
            return Err(format!(
                "angka ke-9 s.d. 14 NIP ({}) bukan tahun dan bulan pengangkatan (TTTTBB)",
                &digits[8..14]
            ));
        }
        if !matches!(&digits[14..15], "1" | "2") {
            return Err("angka ke-15 NIP (jenis kelamin) harus 1 atau 2".into());
        }
        Ok(Nip(digits))
    }

    pub fn digits(&self) -> &str {
        &self.0
    }

    /// "19700312 199503 1 004"
    pub fn grouped(&self) -> String {
        format_grouped(&self.0)
    }
}

/// Groups 18 digits as 8 6 1 3; anything else is returned unchanged.
pub fn format_grouped(digits: &str) -> String {
    if digits.len() == 18 && digits.chars().all(|c| c.is_ascii_digit()) {
        format!(
            "{} {} {} {}",
            &digits[0..8],
            &digits[8..14],
            &digits[14..15],
            &digits[15..18]
        )
    } else {
        digits.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_eight_six_one_three() {
        let nip = Nip::parse("197003121995031004").unwrap();
        assert_eq!(nip.grouped(), "19700312 199503 1 004");
        assert_eq!(Nip::parse("19700312 199503 1 004").unwrap(), nip);
    }

    #[test]
    fn refuses_bad_nips_with_a_reason() {
        for (input, needle) in [
            ("", "kosong"),
            ("1970031219950310", "18 angka"),
            ("19700312199503100A", "hanya boleh"),
            ("197013121995031004", "tanggal lahir"),
            ("197003121995131004", "pengangkatan"),
            ("197003121995033004", "jenis kelamin"),
        ] {
            let err = Nip::parse(input).unwrap_err();
            assert!(err.contains(needle), "{input}: {err}");
        }
    }
}
