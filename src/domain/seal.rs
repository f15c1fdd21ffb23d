//! What a signature seals: the signed version's content in one canonical text, its SHA-256, and
//! the short verification code printed on every page.

use sha2::{Digest, Sha256};

use super::rkt::{Col, DraftRow};

/// Who signed and when, as sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedSigner<'a> {
    pub name: &'a str,
    pub position: &'a str,
    pub rank: &'a str,
    pub nip: &'a str,
    /// "2027-01-04 09:05:07" (office time)
    pub signed_at: &'a str,
}

/// One line per fact, tab-separated, so that any change of a value changes the hash.
pub fn canonical(year: i32, version: i64, rows: &[DraftRow], signer: &SealedSigner) -> String {
    let mut s = format!(
        "RKT\t{year}\tversi\t{version}\nditandatangani\t{}\t{}\t{}\t{}\t{}\n",
        signer.name, signer.position, signer.rank, signer.nip, signer.signed_at
    );
    for r in rows {
        s.push_str(&r.key);
        s.push('\t');
        s.push_str(&r.unit);
        for c in Col::ALL {
            s.push('\t');
            // Tabs and newlines inside a value cannot be confused with separators.
            s.push_str(
                &r.values
                    .get(c)
                    .replace('\\', "\\\\")
                    .replace('\t', "\\t")
                    .replace('\n', "\\n"),
            );
        }
        s.push('\n');
    }
    s
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// "9F3A-21C0-7B44-E5D2": the first 64 bits of the hash, easy to read out over the phone.
pub fn short_code(hex: &str) -> String {
    let up = hex.to_uppercase();
    let chars: Vec<char> = up.chars().take(16).collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rkt::RowValues;

    fn rows() -> Vec<DraftRow> {
        vec![DraftRow {
            key: "u1-r1".into(),
            unit: "Bidang Trantibum".into(),
            values: RowValues {
                indikator: "Persentase\tgangguan".into(),
                pagu: "1.000".into(),
                ..Default::default()
            },
            pagu: 1000,
        }]
    }

    fn signer() -> SealedSigner<'static> {
        SealedSigner {
            name: "Ahmad Fauzi",
            position: "Kepala",
            rank: "Pembina",
            nip: "197003122000031004",
            signed_at: "2027-01-04 09:05:07",
        }
    }

    #[test]
    fn any_change_changes_the_code() {
        let base = sha256_hex(canonical(2027, 3, &rows(), &signer()).as_bytes());
        assert_eq!(base.len(), 64);
        let mut changed = rows();
        changed[0].values.target = "1".into();
        let other = sha256_hex(canonical(2027, 3, &changed, &signer()).as_bytes());
        assert_ne!(base, other);
        assert_ne!(
            base,
            sha256_hex(canonical(2027, 4, &rows(), &signer()).as_bytes())
        );
        let code = short_code(&base);
        assert_eq!(code.len(), 19);
        assert_eq!(code.matches('-').count(), 3);
        assert_eq!(code.replace('-', ""), base[..16].to_uppercase());
    }

    #[test]
    fn separators_inside_values_are_escaped() {
        let c = canonical(2027, 1, &rows(), &signer());
        assert!(c.contains("Persentase\\tgangguan"));
        assert_eq!(c.lines().count(), 3);
    }
}
