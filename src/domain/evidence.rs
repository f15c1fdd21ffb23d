//! Bukti dukung: the files a unit gives as evidence of its realisation. Only kinds any office
//! PC opens (PDF, JPG, PNG, XLSX), told by their first bytes rather than their name (a renamed
//! file is caught), and no larger than a flash disk or e-mail carries comfortably.

/// The largest evidence file taken (25 MB: a scanned report of a few dozen pages).
pub const MAX_BYTES: u64 = 25 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Jpg,
    Png,
    Xlsx,
}

impl Kind {
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Jpg => "jpg",
            Kind::Png => "png",
            Kind::Xlsx => "xlsx",
        }
    }
}

const KINDS: &str = "PDF, JPG, PNG, atau XLSX";

/// Says what kind of evidence a file is from its name, size and first bytes (at least 8), or
/// why it is not taken.
pub fn check(name: &str, size: u64, head: &[u8]) -> Result<Kind, String> {
    if size == 0 {
        return Err(format!("Berkas \"{name}\" kosong (0 bita)."));
    }
    if size > MAX_BYTES {
        return Err(format!(
            "Berkas \"{name}\" terlalu besar ({}); bukti paling besar {}. Perkecil pindaiannya \
             (misalnya 150 dpi) atau bagi menjadi beberapa berkas.",
            size_words(size),
            size_words(MAX_BYTES)
        ));
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    let by_bytes = if head.starts_with(b"%PDF-") {
        Some(Kind::Pdf)
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Kind::Jpg)
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Kind::Png)
    } else if head.starts_with(b"PK\x03\x04") && ext == "xlsx" {
        // A ZIP: an .xlsx by name (a .docx or .zip is also a ZIP, and is not taken).
        Some(Kind::Xlsx)
    } else {
        None
    };
    by_bytes.ok_or_else(|| {
        format!(
            "Berkas \"{name}\" bukan {KINDS} (isinya tidak dikenali{}).",
            if ext.is_empty() {
                String::new()
            } else {
                format!(", walau namanya berakhiran .{ext}")
            }
        )
    })
}

/// "3,4 MB", "820 KB", "12 bita"; rounded up, so a file just over the limit does not read as
/// the limit itself.
pub fn size_words(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b >= KB * KB {
        format!(
            "{} MB",
            super::indo::decimal((b / KB / KB * 10.0).ceil() / 10.0)
        )
    } else if b >= KB {
        format!("{} KB", (b / KB).ceil())
    } else {
        format!("{bytes} bita")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_told_by_their_first_bytes() {
        assert_eq!(check("laporan.pdf", 10, b"%PDF-1.7\n"), Ok(Kind::Pdf));
        assert_eq!(
            check("FOTO.JPG", 10, &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0, 0]),
            Ok(Kind::Jpg)
        );
        assert_eq!(check("peta.png", 10, b"\x89PNG\r\n\x1a\n"), Ok(Kind::Png));
        assert_eq!(
            check("rekap.xlsx", 10, b"PK\x03\x04\x14\x00"),
            Ok(Kind::Xlsx)
        );
        // A PDF named .jpg is still a PDF: what it holds decides.
        assert_eq!(check("scan.jpg", 10, b"%PDF-1.4"), Ok(Kind::Pdf));
    }

    #[test]
    fn other_files_are_refused_with_words() {
        let e = check("surat.docx", 10, b"PK\x03\x04\x14\x00").unwrap_err();
        assert!(e.contains("bukan PDF, JPG, PNG, atau XLSX"), "{e}");
        let e = check("virus.pdf", 10, b"MZ\x90\x00").unwrap_err();
        assert!(e.contains("walau namanya berakhiran .pdf"), "{e}");
        let e = check("kosong.pdf", 0, b"").unwrap_err();
        assert!(e.contains("kosong"), "{e}");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_saying_both_sizes() {
        assert!(check("besar.pdf", MAX_BYTES, b"%PDF-1.7").is_ok());
        let e = check("besar.pdf", MAX_BYTES + 1, b"%PDF-1.7").unwrap_err();
        assert!(e.contains("terlalu besar (25,1 MB)"), "{e}");
        assert!(e.contains("paling besar 25 MB"), "{e}");
    }

    #[test]
    fn sizes_are_said_as_people_say_them() {
        assert_eq!(size_words(12), "12 bita");
        assert_eq!(size_words(820 * 1024), "820 KB");
        assert_eq!(size_words(3_565_158), "3,4 MB");
    }
}
