//! The toml reader's English explanations of a broken sop.toml, said in Indonesian for the
//! person who edits the file. What is not recognised keeps the original words in brackets, so
//! a support person still sees them.

/// Indonesian for one toml/serde error message (the line is reported beside it). `written` is
/// the text the error points at, where the message alone cannot tell what was meant.
pub fn explain(detail: &str, written: Option<&str>) -> String {
    let d = detail.trim();
    // An unquoted date is a TOML date-time, which serde hands over as a map: "tertulis tabel"
    // would send the user looking for a table that is not there.
    if d.starts_with("invalid type: map") && written.is_some_and(looks_like_date) {
        return "tanggal harus diapit tanda kutip, seperti \"2023-01-03\"".to_string();
    }
    if let Some(name) = between(d, "missing field `", "`") {
        return format!("isian `{name}` belum ada");
    }
    if let Some(name) = between(d, "unknown field `", "`") {
        let known = d
            .split_once("expected one of ")
            .map(|(_, rest)| format!(" (yang dikenal: {rest})"))
            .unwrap_or_default();
        return format!("isian `{name}` tidak dikenal{known}");
    }
    if let Some(rest) = d.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return format!(
            "jenis nilai salah: tertulis {}, seharusnya {}",
            kind(found),
            kind(expected)
        );
    }
    let known: &[(&str, &str)] = &[
        ("duplicate key", "isian yang sama ditulis dua kali"),
        (
            "unclosed array table",
            "nama tabel `[[...]]` belum ditutup dengan `]]`",
        ),
        (
            "unclosed table",
            "nama tabel `[...]` belum ditutup dengan `]`",
        ),
        (
            "invalid basic string",
            "teks belum ditutup dengan tanda kutip \"",
        ),
        (
            "string values must be quoted",
            "teks harus diapit tanda kutip \"...\"",
        ),
        (
            "unexpected key or value",
            "ada isi lain setelah nilai; tulis satu isian per baris",
        ),
        ("unclosed array", "daftar `[...]` belum ditutup dengan `]`"),
        ("invalid number", "bilangan tidak sah"),
    ];
    for (english, indonesian) in known {
        if d.starts_with(english) {
            return (*indonesian).to_string();
        }
    }
    format!("penulisan tidak sah (keterangan asli pembaca TOML: {d})")
}

/// `2023-01-03`, alone or as the start of a TOML date-time.
fn looks_like_date(s: &str) -> bool {
    let b = s.trim().as_bytes();
    b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &s[s.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

/// serde's names of kinds of value, as a user of the file knows them.
fn kind(s: &str) -> String {
    let s = s.trim();
    let words: &[(&str, &str)] = &[
        ("a string", "teks dalam tanda kutip"),
        ("string", "teks"),
        ("a sequence", "daftar [ ... ]"),
        ("sequence", "daftar"),
        ("map", "tabel"),
        ("a boolean", "true atau false"),
        ("boolean", "true/false"),
        ("integer", "bilangan"),
        ("floating point", "bilangan desimal"),
        ("u32", "bilangan bulat"),
        ("u64", "bilangan bulat"),
        ("i64", "bilangan bulat"),
        ("f64", "bilangan"),
    ];
    for (english, indonesian) in words {
        if let Some(rest) = s.strip_prefix(english) {
            return format!("{indonesian}{rest}");
        }
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_mistakes_are_said_in_indonesian() {
        assert_eq!(
            explain("missing field `nama`", None),
            "isian `nama` belum ada"
        );
        assert_eq!(
            explain(
                "unknown field `instansii`, expected one of `instansi`, `nomor`",
                None
            ),
            "isian `instansii` tidak dikenal (yang dikenal: `instansi`, `nomor`)"
        );
        assert_eq!(
            explain("invalid type: string \"satu\", expected u32", None),
            "jenis nilai salah: tertulis teks \"satu\", seharusnya bilangan bulat"
        );
        assert_eq!(
            explain("invalid type: integer `1`, expected a string", None),
            "jenis nilai salah: tertulis bilangan `1`, seharusnya teks dalam tanda kutip"
        );
        assert_eq!(
            explain("duplicate key", None),
            "isian yang sama ditulis dua kali"
        );
        assert_eq!(
            explain("unclosed array table, expected `]`", None),
            "nama tabel `[[...]]` belum ditutup dengan `]]`"
        );
        assert_eq!(
            explain("unclosed table, expected `]`", None),
            "nama tabel `[...]` belum ditutup dengan `]`"
        );
        assert_eq!(
            explain(
                "string values must be quoted, expected literal string",
                None
            ),
            "teks harus diapit tanda kutip \"...\""
        );
    }

    #[test]
    fn a_date_without_quotes_is_named_as_a_date() {
        assert_eq!(
            explain("invalid type: map, expected a string", Some("2023-01-03")),
            "tanggal harus diapit tanda kutip, seperti \"2023-01-03\""
        );
        // A real table where text belongs stays a table.
        assert_eq!(
            explain("invalid type: map, expected a string", Some("{ a = 1 }")),
            "jenis nilai salah: tertulis tabel, seharusnya teks dalam tanda kutip"
        );
    }

    #[test]
    fn anything_else_keeps_its_original_words() {
        assert_eq!(
            explain("something new in toml 2", None),
            "penulisan tidak sah (keterangan asli pembaca TOML: something new in toml 2)"
        );
    }
}
