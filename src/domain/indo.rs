//! Indonesian writing of dates and times ("3 Januari 2023", "Senin, 9 Februari 2026 10.00 WITA").

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

pub fn month_name(month: u32) -> &'static str {
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Senin",
        Weekday::Tue => "Selasa",
        Weekday::Wed => "Rabu",
        Weekday::Thu => "Kamis",
        Weekday::Fri => "Jumat",
        Weekday::Sat => "Sabtu",
        Weekday::Sun => "Minggu",
    }
}

/// "3 Januari 2023"
pub fn date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), month_name(d.month()), d.year())
}

/// "Senin, 9 Februari 2026"
pub fn date_with_day(d: NaiveDate) -> String {
    format!("{}, {}", weekday_name(d.weekday()), date(d))
}

/// "10.00" (Indonesian writes a dot between hours and minutes).
pub fn time(t: NaiveTime) -> String {
    format!("{:02}.{:02}", t.hour(), t.minute())
}

/// "Senin, 9 Februari 2026 10.00 WITA"
pub fn datetime(t: NaiveDateTime) -> String {
    format!("{} {} WITA", date_with_day(t.date()), time(t.time()))
}

/// "9 Feb 2026 10.00": for tables.
pub fn datetime_short(t: NaiveDateTime) -> String {
    format!(
        "{} {} {} {}",
        t.day(),
        &month_name(t.month())[..3],
        t.year(),
        time(t.time())
    )
}

/// Parses "07:30" or "07.30".
/// A number written the Indonesian way, decimal comma, to a millionth and no trailing zeros:
/// 87.5 → "87,5", 144.0 → "144", 3.2500000000000004 → "3,25".
pub fn decimal(v: f64) -> String {
    format!("{}", (v * 1e6).round() / 1e6).replace('.', ",")
}

/// A name as printed under a signature: in capitals, its degrees as written ("Drs. H. RUSDI
/// HAMDANI, M.Si.", not "M.SI."). Degrees are what follows the first comma, and the short
/// dotted titles before the name (Drs., H., Hj., Dr., Ir.).
pub fn name_in_capitals(name: &str) -> String {
    let (head, tail) = match name.split_once(',') {
        Some((h, t)) => (h, Some(t)),
        None => (name, None),
    };
    let head: Vec<String> = head
        .split(' ')
        .map(|w| {
            let title = w.ends_with('.') && w.chars().count() <= 4;
            if title {
                w.to_string()
            } else {
                w.to_uppercase()
            }
        })
        .collect();
    let mut out = head.join(" ");
    if let Some(t) = tail {
        out.push(',');
        out.push_str(t);
    }
    out
}

/// A role written in capitals (an SOP column: "KASUBAG PERENCANAAN DAN PELAPORAN") as a
/// person's role is written in a sentence: "Kasubag Perencanaan dan Pelaporan". Conjunctions
/// stay small; a short all-capital abbreviation (JF, PP) stays as it is.
pub fn title_case(s: &str) -> String {
    const SMALL: [&str; 6] = ["dan", "atau", "di", "ke", "dari", "yang"];
    let word = |w: &str, first: bool| -> String {
        let lower = w.to_lowercase();
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if letters <= 2 && w.chars().all(|c| !c.is_lowercase()) && letters > 0 {
            w.to_string()
        } else if !first && SMALL.contains(&lower.as_str()) {
            lower
        } else {
            let mut c = lower.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    };
    s.split(' ')
        .enumerate()
        .map(|(i, w)| {
            // "KABID/KASUBAG/JF": each part of a slashed word on its own.
            w.split('/')
                .enumerate()
                .map(|(j, part)| word(part, i == 0 && j == 0))
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `s` closing a sentence: a name that ends in a degree ("M.Si.") already has its full stop,
/// and gets no second one ("M.Si..").
pub fn sentence_end(s: &str) -> String {
    let s = s.trim_end();
    if s.ends_with('.') {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// At most `max` characters of `s` (whole characters, not bytes), "…" marking a cut.
pub fn ellipsis(s: &str, max: usize) -> String {
    match s.char_indices().nth(max.saturating_sub(1)) {
        Some((i, _)) if s.chars().count() > max => format!("{}…", s[..i].trim_end()),
        _ => s.to_string(),
    }
}

pub fn parse_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim().replace('.', ":");
    NaiveTime::parse_from_str(&s, "%H:%M").ok()
}

/// Parses "2026-02-16", "16-02-2026" or "16/02/2026".
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_in_capitals_are_written_as_roles() {
        assert_eq!(
            title_case("KASUBAG PERENCANAAN DAN PELAPORAN"),
            "Kasubag Perencanaan dan Pelaporan"
        );
        assert_eq!(
            title_case("KABID/KASUBAG/JF PENYETARAAN"),
            "Kabid/Kasubag/JF Penyetaraan"
        );
        assert_eq!(title_case("KEPALA DINAS"), "Kepala Dinas");
        assert_eq!(title_case("TIM"), "Tim");
        assert_eq!(title_case("Sekretaris"), "Sekretaris");
    }

    #[test]
    fn decimals_take_a_comma_and_no_float_noise() {
        assert_eq!(decimal(87.5), "87,5");
        assert_eq!(decimal(144.0), "144");
        assert_eq!(decimal(2.9 + 0.07 * 5.0), "3,25");
    }

    #[test]
    fn a_signers_name_is_in_capitals_with_its_degrees_as_written() {
        assert_eq!(
            name_in_capitals("Drs. H. Rusdi Hamdani, M.Si."),
            "Drs. H. RUSDI HAMDANI, M.Si."
        );
        assert_eq!(
            name_in_capitals("Budi Santoso, S.T., M.M."),
            "BUDI SANTOSO, S.T., M.M."
        );
        assert_eq!(name_in_capitals("Rina Marlina"), "RINA MARLINA");
        assert_eq!(name_in_capitals("Ir. Abdul Muis"), "Ir. ABDUL MUIS");
    }

    #[test]
    fn a_name_ending_in_a_degree_closes_a_sentence_once() {
        assert_eq!(
            sentence_end("Drs. H. Rusdi Hamdani, M.Si."),
            "Drs. H. Rusdi Hamdani, M.Si."
        );
        assert_eq!(sentence_end("Budi Santoso"), "Budi Santoso.");
        assert_eq!(sentence_end("Budi Santoso, S.T. "), "Budi Santoso, S.T.");
    }

    #[test]
    fn ellipsis_cuts_whole_characters() {
        assert_eq!(ellipsis("Ketertiban", 20), "Ketertiban");
        assert_eq!(ellipsis("Ketertiban", 10), "Ketertiban");
        assert_eq!(ellipsis("Ketertiban umum", 10), "Ketertiba…");
        assert_eq!(ellipsis("ÄÖÜ ÄÖÜ", 5), "ÄÖÜ…");
        assert_eq!(ellipsis("abc", 0), "…");
    }

    #[test]
    fn writes_dates_the_indonesian_way() {
        let d = NaiveDate::from_ymd_opt(2023, 1, 3).unwrap();
        assert_eq!(date(d), "3 Januari 2023");
        assert_eq!(date_with_day(d), "Selasa, 3 Januari 2023");
        let t = d.and_hms_opt(9, 5, 0).unwrap();
        assert_eq!(datetime(t), "Selasa, 3 Januari 2023 09.05 WITA");
        assert_eq!(datetime_short(t), "3 Jan 2023 09.05");
    }

    #[test]
    fn parses_times_and_dates() {
        assert_eq!(parse_time("07.30"), NaiveTime::from_hms_opt(7, 30, 0));
        assert_eq!(parse_time("16:00"), NaiveTime::from_hms_opt(16, 0, 0));
        assert_eq!(parse_time("25:00"), None);
        let d = NaiveDate::from_ymd_opt(2026, 8, 17);
        assert_eq!(parse_date("2026-08-17"), d);
        assert_eq!(parse_date("17-08-2026"), d);
        assert_eq!(parse_date("17/08/2026"), d);
        assert_eq!(parse_date("17 Agustus"), None);
    }
}
