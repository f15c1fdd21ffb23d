//! How hard a signing key's passphrase is to guess. zxcvbn (the standard estimator:
//! dictionaries, names, dates, keyboard runs, repeats) is told the official's own name, NIP and
//! office, and a list of words common in Indonesian passwords, which its English dictionaries
//! lack. A passphrase is admitted from 10^12 guesses by that count (and zxcvbn's score 3).

use zeroize::Zeroizing;

/// The fewest characters (not bytes) a passphrase may have.
pub const MIN_CHARS: usize = 12;

/// The lowest zxcvbn score admitted: 3, "safely unguessable" (≥ 10^8 guesses).
pub const MIN_SCORE: u8 = 3;

/// And the fewest guesses (log10) admitted: 10^12. At a second of PBKDF2 a guess a score-3
/// passphrase (10^8) falls to one RTX 4090 in about a day; 10^12 takes it ~28 years
/// (`search_cost`). Four unrelated words already count far more.
pub const MIN_GUESSES_LOG10: f64 = 12.0;

/// A passphrase's strength by zxcvbn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Strength {
    /// 0–4.
    pub score: u8,
    /// log10 of the guesses zxcvbn counts an attacker needs.
    pub guesses_log10: f64,
    /// The score in words: "sangat lemah" … "sangat kuat".
    pub label: &'static str,
}

/// Words common in Indonesian passwords (and in this office's), most common first: zxcvbn
/// ranks a word by its place in the list. Lower case; zxcvbn matches case-insensitively and
/// with l33t substitutions and reversals.
const COMMON: &[&str] = &[
    // Passwords and their words.
    "rahasia",
    "sayang",
    "sayangku",
    "cinta",
    "cintaku",
    "akusayangkamu",
    "katasandi",
    "sandi",
    "kunci",
    "masuk",
    "rahasiaku",
    "sandiku",
    "password",
    "pasword",
    "admin",
    "administrator",
    "operator",
    "pengguna",
    "qwerty",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "1qaz2wsx",
    "bismillah",
    "alhamdulillah",
    "allahuakbar",
    "subhanallah",
    "insyaallah",
    "masyaallah",
    "assalamualaikum",
    "allah",
    "muhammad",
    "islam",
    "indonesia",
    "merdeka",
    "garuda",
    "pancasila",
    "bhinneka",
    "nusantara",
    // This office and its region.
    "balangan",
    "paringin",
    "satpolpp",
    "satpol",
    "pamong",
    "praja",
    "polisi",
    "kalimantan",
    "kalsel",
    "banjarmasin",
    "banjarbaru",
    "banjar",
    "martapura",
    "amuntai",
    "tabalong",
    "barabai",
    "kandangan",
    "hulu",
    "sungai",
    "selatan",
    "kabupaten",
    "pemkab",
    "pemda",
    "pemerintah",
    "dinas",
    "kantor",
    "kepala",
    "kasat",
    "bupati",
    "sekretaris",
    "pegawai",
    "asn",
    "pns",
    "rkt",
    "sop",
    // Common first names.
    "ahmad",
    "siti",
    "nur",
    "dewi",
    "sri",
    "agus",
    "budi",
    "rizky",
    "putri",
    "putra",
    "fitri",
    "rahmat",
    "hidayat",
    "yusuf",
    "abdul",
    "rahman",
    "hasan",
    "ali",
    "fauzi",
    "wahyu",
    "eka",
    "dian",
    "indah",
    "ayu",
    // Everyday words.
    "ganteng",
    "cantik",
    "manis",
    "bunga",
    "mawar",
    "melati",
    "kucing",
    "anjing",
    "monyet",
    "rumah",
    "keluarga",
    "ayah",
    "ibu",
    "bapak",
    "mama",
    "papa",
    "anak",
    "istri",
    "suami",
    "sukses",
    "bahagia",
    "semangat",
    "juara",
    "mantap",
    "selamat",
    "pagi",
    "malam",
    "persib",
    "persija",
    "arema",
    // Months and days.
    "januari",
    "februari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "november",
    "desember",
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "sabtu",
    "minggu",
];

fn label(score: u8) -> &'static str {
    match score {
        0 => "sangat lemah",
        1 => "lemah",
        2 => "sedang",
        3 => "kuat",
        _ => "sangat kuat",
    }
}

/// The words of the official's own data (name, NIP, office) as zxcvbn's user inputs: each
/// word of three characters or more, each whole entry with its spaces and dots removed, and a
/// NIP's date of birth (its first eight digits).
fn personal_words(personal: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for entry in personal {
        let lower = entry.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .collect();
        out.extend(words.iter().map(|w| w.to_string()));
        let joined: String = words.concat();
        if words.len() > 1 {
            out.push(joined);
        }
        if lower.len() == 18 && lower.chars().all(|c| c.is_ascii_digit()) {
            out.push(lower[..8].to_string());
        }
    }
    out
}

/// log10 of the guesses for `pass`: zxcvbn's, or, when lower, the product of its pieces'
/// guesses (× the pieces' orderings) without zxcvbn's floor of 10^4 per extra piece. That
/// floor models an attacker who does not know how many words to join; one who aims at this
/// office tries its own words, the official's name and a year first, and "satpolppbalangan2026"
/// is three such guesses (10^6), not 10^8.
fn estimate(pass: &str, inputs: &[&str]) -> f64 {
    let e = zxcvbn::zxcvbn(pass, inputs);
    let seq = e.sequence();
    let orderings: f64 = (1..=seq.len()).map(|i| (i as f64).log10()).sum();
    let pieces: f64 = seq
        .iter()
        .map(|m| (m.guesses.unwrap_or(1).max(1) as f64).log10())
        .sum();
    e.guesses_log10().min(orderings + pieces)
}

/// zxcvbn's score thresholds (10^3, 10^6, 10^8, 10^10 guesses).
fn score(guesses_log10: f64) -> u8 {
    match guesses_log10 {
        g if g < 3.0 => 0,
        g if g < 6.0 => 1,
        g if g < 8.0 => 2,
        g if g < 10.0 => 3,
        _ => 4,
    }
}

/// How guessable `pass` is, told the official's own data (name, NIP, office name) and the
/// common Indonesian words. The passphrase is also judged without its separators (spaces,
/// dots, dashes): they add next to nothing for an attacker, and zxcvbn would otherwise read
/// "rusdi.hamdani.2026" as partly random.
pub fn strength(pass: &str, personal: &[&str]) -> Strength {
    let mut inputs = personal_words(personal);
    for w in COMMON {
        if !inputs.iter().any(|i| i == w) {
            inputs.push((*w).to_string());
        }
    }
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let mut guesses_log10 = estimate(pass, &inputs);
    let joined: Zeroizing<String> =
        Zeroizing::new(pass.chars().filter(|c| c.is_alphanumeric()).collect());
    if !joined.is_empty() && joined.len() != pass.len() {
        guesses_log10 = guesses_log10.min(estimate(&joined, &inputs));
    }
    let score = score(guesses_log10);
    Strength {
        score,
        guesses_log10,
        label: label(score),
    }
}

/// A new passphrase checked: long enough, not a number, not a few characters repeated, not
/// made mostly of common words, names or the official's own data. The refusal is a sentence
/// for the official.
pub fn check(pass: &str, personal: &[&str]) -> Result<Strength, String> {
    let chars = pass.chars().count();
    if chars < MIN_CHARS {
        return Err(format!(
            "Kata sandi terlalu pendek: {chars} karakter; paling sedikit {MIN_CHARS} karakter."
        ));
    }
    if pass
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace())
    {
        return Err(
            "Kata sandi tidak boleh hanya angka (tanggal, NIP, dan nomor telepon mudah ditebak); pakai beberapa kata."
                .into(),
        );
    }
    let mut distinct: Vec<char> = pass.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 5 {
        return Err(
            "Kata sandi itu hanya beberapa karakter yang diulang; pakai beberapa kata yang berbeda."
                .into(),
        );
    }
    let s = strength(pass, personal);
    if s.score < MIN_SCORE || s.guesses_log10 < MIN_GUESSES_LOG10 {
        let lower = Zeroizing::new(pass.to_lowercase());
        let own = personal_words(personal)
            .iter()
            .any(|w| w.chars().count() >= 4 && lower.contains(w.as_str()));
        let why = if own {
            "memuat nama, NIP, atau nama kantor Anda"
        } else {
            "sebagian besar berupa kata umum, nama, tanggal, atau pola papan ketik"
        };
        return Err(format!(
            "Kata sandi itu mudah ditebak ({}): {why}. Pakai empat kata atau lebih yang tidak berhubungan, misalnya kopi-hitam-di-tepi-sungai.",
            s.label
        ));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: [&str; 3] = [
        "Drs. H. Rusdi Hamdani, M.Si.",
        "197104152000031007",
        "Satuan Polisi Pamong Praja Kabupaten Balangan",
    ];

    #[test]
    fn common_words_the_office_and_the_officials_own_name_are_refused() {
        for pass in [
            "rahasiarahasia",
            "satpolppbalangan2026",
            "RusdiHamdani1971",
            "rusdi.hamdani.2026",
            "Rusdi Hamdani 1971",
            "hamdanirusdi2026",
            "bismillah123456",
            "indonesiamerdeka45",
            "paringinbalangan",
        ] {
            let e = check(pass, &HEAD).unwrap_err();
            assert!(e.starts_with("Kata sandi itu mudah ditebak"), "{pass}: {e}");
        }
        let e = check("RusdiHamdani1971", &HEAD).unwrap_err();
        assert!(e.contains("memuat nama, NIP, atau nama kantor Anda"), "{e}");
        // zxcvbn alone, knowing nothing of the official, rates it "very strong".
        assert_eq!(u8::from(zxcvbn::zxcvbn("RusdiHamdani1971", &[]).score()), 4);
    }

    #[test]
    fn a_phrase_of_unrelated_words_is_admitted() {
        let s = check("kopi-hitam-di-tepi-sungai-barito", &HEAD).unwrap();
        assert!(s.score >= MIN_SCORE, "{s:?}");
        assert!(s.guesses_log10 >= 8.0, "{s:?}");
        assert!(s.label == "kuat" || s.label == "sangat kuat");
    }

    #[test]
    fn length_is_counted_in_characters() {
        let e = check("a1b2c3d4e5f", &HEAD).unwrap_err();
        assert_eq!(
            e,
            "Kata sandi terlalu pendek: 11 karakter; paling sedikit 12 karakter."
        );
        // Eleven characters, 22 bytes in UTF-8: still too short.
        let greek = "αβγδεζηθικλ";
        assert_eq!(greek.len(), 22);
        assert!(check(greek, &HEAD).unwrap_err().contains("11 karakter"));
        // Twelve characters (15 bytes) pass the length rule (two short words are still too
        // guessable: the 10^12 floor refuses them in its own words).
        let twelve = "kopi·hitam·é";
        assert_eq!(twelve.chars().count(), 12);
        let said = check(twelve, &HEAD).unwrap_err();
        assert!(!said.contains("terlalu pendek"), "{said}");
        assert!(said.contains("mudah ditebak"), "{said}");
    }

    #[test]
    fn numbers_and_repeated_characters_are_refused() {
        assert!(
            check("197104152000031007", &HEAD)
                .unwrap_err()
                .contains("hanya angka")
        );
        assert!(
            check("839201746582", &[])
                .unwrap_err()
                .contains("hanya angka")
        );
        for pass in ["aaaaaaaaaaaa", "abababababab", "xyzxyzxyzxyzxyz"] {
            assert!(check(pass, &[]).unwrap_err().contains("diulang"), "{pass}");
        }
    }

    #[test]
    fn labels_follow_the_score() {
        assert_eq!(strength("", &[]).label, "sangat lemah");
        assert_eq!(strength("rahasia", &[]).score, 0);
        assert_eq!(
            strength("kopi-hitam-di-tepi-sungai-barito", &[]).label,
            "sangat kuat"
        );
    }
}
