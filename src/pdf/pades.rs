//! A PDF signature field as PAdES places it: a signature dictionary (`/ETSI.CAdES.detached`)
//! whose `/ByteRange` covers the whole file but its own `/Contents`, where the CMS goes. The
//! file is prepared with room for the CMS, its signed ranges hashed, the CMS written in; and a
//! signed file's signatures (every one, in every revision) and their CMS read back for checking
//! (`survey`), with every offset from the file checked. Kept PDF/A-1b: the field's widget is
//! printable, zero-sized, with an empty appearance (the visible signature block is the page's,
//! drawn by the layout).

mod syntax;

use lopdf::{Dictionary, Document, Object, StringFormat};
use sha2::{Digest, Sha256};

/// Room for the CMS: two certificates and an ECDSA signature take about 1.5 KB.
const CONTENTS_BYTES: usize = 8192;
/// A placeholder wide enough for any offset in the file, rewritten in place.
const WIDE: i64 = 9_999_999_999;

/// Who signs, where and why, as the signature dictionary records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningFacts<'a> {
    pub name: &'a str,
    pub reason: &'a str,
    pub location: &'a str,
    /// Office local time (WITA), written with its offset.
    pub at: chrono::NaiveDateTime,
}

/// A PDF with an empty signature, waiting for its CMS.
#[derive(Debug, Clone)]
pub struct Prepared {
    bytes: Vec<u8>,
    range: [usize; 4],
}

fn text(s: &str) -> Object {
    if s.is_ascii() {
        Object::string_literal(s)
    } else {
        let mut b = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            b.extend(u.to_be_bytes());
        }
        Object::String(b, StringFormat::Hexadecimal)
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The PDF with a signature field on its last page and room for the CMS.
pub fn prepare(pdf: &[u8], facts: &SigningFacts<'_>) -> Result<Prepared, String> {
    let mut doc = Document::load_mem(pdf).map_err(|e| format!("PDF tidak terbaca: {e}"))?;
    let page = *doc.get_pages().values().last().ok_or("PDF tanpa halaman")?;
    let sig = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Sig".to_vec())),
        ("Filter", Object::Name(b"Adobe.PPKLite".to_vec())),
        ("SubFilter", Object::Name(b"ETSI.CAdES.detached".to_vec())),
        (
            "ByteRange",
            Object::Array(vec![
                Object::Integer(0),
                Object::Integer(WIDE),
                Object::Integer(WIDE),
                Object::Integer(WIDE),
            ]),
        ),
        (
            "Contents",
            Object::String(vec![0; CONTENTS_BYTES], StringFormat::Hexadecimal),
        ),
        ("Name", text(facts.name)),
        ("Reason", text(facts.reason)),
        ("Location", text(facts.location)),
        (
            "M",
            Object::string_literal(facts.at.format("D:%Y%m%d%H%M%S+08'00'").to_string()),
        ),
    ]);
    let sig_id = doc.add_object(sig);
    // PDF/A-1 wants every widget to have a normal appearance: an empty form here.
    let blank = doc.add_object(lopdf::Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"XObject".to_vec())),
            ("Subtype", Object::Name(b"Form".to_vec())),
            (
                "BBox",
                Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]),
            ),
        ]),
        Vec::new(),
    ));
    // Print flag only (PDF/A-1 forbids hidden annotations); zero-sized: nothing drawn.
    let field = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Annot".to_vec())),
        ("Subtype", Object::Name(b"Widget".to_vec())),
        ("FT", Object::Name(b"Sig".to_vec())),
        ("T", text("Tanda tangan Kepala")),
        ("V", Object::Reference(sig_id)),
        ("F", Object::Integer(4)),
        (
            "Rect",
            Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]),
        ),
        ("P", Object::Reference(page)),
        (
            "AP",
            Object::Dictionary(Dictionary::from_iter(vec![("N", Object::Reference(blank))])),
        ),
    ]);
    let field_id = doc.add_object(field);
    let page_dict = doc
        .get_object_mut(page)
        .and_then(Object::as_dict_mut)
        .map_err(|e| format!("halaman PDF: {e}"))?;
    let mut annots = match page_dict.get(b"Annots") {
        Ok(Object::Array(a)) => a.clone(),
        _ => Vec::new(),
    };
    annots.push(Object::Reference(field_id));
    page_dict.set("Annots", Object::Array(annots));
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| format!("katalog PDF: {e}"))?;
    let catalog = doc
        .get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .map_err(|e| format!("katalog PDF: {e}"))?;
    catalog.set(
        "AcroForm",
        Dictionary::from_iter(vec![
            ("Fields", Object::Array(vec![Object::Reference(field_id)])),
            // Signatures exist; the file is changed only by appending.
            ("SigFlags", Object::Integer(3)),
        ]),
    );
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)
        .map_err(|e| format!("menulis PDF: {e}"))?;
    with_room(bytes)
}

/// The file with its (first) empty signature located and its ByteRange written in.
fn with_room(mut bytes: Vec<u8>) -> Result<Prepared, String> {
    // Where the placeholder landed: the hex string of zeros after /Contents.
    let placeholder = format!("<{}>", "0".repeat(CONTENTS_BYTES * 2));
    const LOST: &str = "ruang tanda tangan hilang";
    let open = find(&bytes, placeholder.as_bytes(), 0).ok_or(LOST)?;
    let close = open.checked_add(placeholder.len()).ok_or(LOST)?;
    let range = [0, open, close, bytes.len().checked_sub(close).ok_or(LOST)?];
    // The ByteRange, rewritten in place with the same width.
    let wide = format!("[0 {WIDE} {WIDE} {WIDE}]");
    let at = find(&bytes, wide.as_bytes(), 0).ok_or("ByteRange hilang")?;
    let real = format!("[0 {} {} {}]", range[1], range[2], range[3]);
    let padded = format!("{real:<width$}", width = wide.len());
    if padded.len() != wide.len() {
        return Err("PDF terlalu besar untuk ditandatangani".into());
    }
    bytes
        .get_mut(at..)
        .and_then(|b| b.get_mut(..wide.len()))
        .ok_or("ByteRange hilang")?
        .copy_from_slice(padded.as_bytes());
    Ok(Prepared { bytes, range })
}

/// SHA-256 of all but the placeholder (`prepare` made the range, so it lies in the file).
fn ranges_digest(bytes: &[u8], range: &[usize; 4]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(&bytes[..range[1]]);
    h.update(&bytes[range[2]..]);
    h.finalize().into()
}

impl Prepared {
    /// SHA-256 of everything but the placeholder: what the CMS signs.
    pub fn digest(&self) -> [u8; 32] {
        ranges_digest(&self.bytes, &self.range)
    }

    /// The signed PDF: the CMS written into the placeholder (hex, zero-padded).
    pub fn finish(mut self, cms: &[u8]) -> Result<Vec<u8>, String> {
        if cms.len() > CONTENTS_BYTES {
            return Err(format!("tanda tangan terlalu besar ({} bita)", cms.len()));
        }
        let hex: String = cms.iter().map(|b| format!("{b:02X}")).collect();
        // After the placeholder's "<"; it holds CONTENTS_BYTES * 2 digits, more than `hex`.
        self.range[1]
            .checked_add(1)
            .and_then(|start| self.bytes.get_mut(start..))
            .and_then(|room| room.get_mut(..hex.len()))
            .ok_or("ruang tanda tangan hilang")?
            .copy_from_slice(hex.as_bytes());
        Ok(self.bytes)
    }
}

/// A signed PDF's signature, read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embedded {
    /// SHA-256 of the signed ranges.
    pub digest: [u8; 32],
    /// The CMS (DER, without the padding).
    pub cms: Vec<u8>,
    /// Its ranges reach the end of the file: nothing was added after it.
    pub covers_whole_file: bool,
    /// The dictionary's /Reason and /M (as written: office time for ours), inside the signed
    /// ranges.
    pub reason: Option<String>,
    pub signed_at: Option<chrono::NaiveDateTime>,
    /// /M as seconds since 1970 (UTC): when the certificates must have been valid.
    pub signed_at_unix: Option<i64>,
    /// Which revision its ranges end with (1: the first); `None` when they end inside one.
    pub revision: Option<usize>,
    /// How many bytes of the file follow its ranges, unsigned by it.
    pub unsigned_after: usize,
    /// Nothing but zeros follows the CMS inside /Contents (no data hidden beside it).
    pub zero_padded: bool,
}

/// Every signature of a file and its revisions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Survey {
    /// In the order their ranges end: the last is the latest.
    pub signatures: Vec<Embedded>,
    /// One per `%%EOF` (an incremental update adds one), and one more for bytes after the last.
    pub revisions: usize,
}

/// Every signature dictionary of `pdf` and every revision, each signature's ranges checked
/// against the file; a signature whose ranges cannot be what a signer wrote is refused with
/// words. A file that is not a PDF has no signature.
pub fn survey(pdf: &[u8]) -> Result<Survey, String> {
    let head = pdf.get(..1024).unwrap_or(pdf);
    if find(head, b"%PDF-", 0).is_none() {
        return Ok(Survey::default());
    }
    let found = syntax::read(pdf)?;
    let mut ends = found.eof_ends;
    if ends.last().is_none_or(|&(_, e)| e < pdf.len()) {
        ends.push((pdf.len(), pdf.len()));
    }
    let mut signatures = found
        .signatures
        .iter()
        .map(|s| embed(pdf, s, &ends))
        .collect::<Result<Vec<_>, _>>()?;
    signatures.sort_by_key(|e| std::cmp::Reverse(e.unsigned_after));
    Ok(Survey {
        signatures,
        revisions: ends.len(),
    })
}

/// The latest signature of `pdf`, if it has a readable one.
pub fn embedded(pdf: &[u8]) -> Option<Embedded> {
    survey(pdf).ok()?.signatures.pop()
}

/// `revision_ends`: where each revision ends, without and with the end-of-line after its
/// `%%EOF` (a signer may sign either).
fn embed(
    pdf: &[u8],
    s: &syntax::SigDict,
    revision_ends: &[(usize, usize)],
) -> Result<Embedded, String> {
    const OUTSIDE: &str = "/ByteRange tanda tangan menunjuk ke luar berkas";
    let n = |i: usize| -> Result<usize, String> {
        s.byte_range
            .get(i)
            .and_then(|&v| usize::try_from(v).ok())
            .ok_or_else(|| OUTSIDE.to_string())
    };
    let (first, gap_start, gap_end, tail) = (n(0)?, n(1)?, n(2)?, n(3)?);
    if first != 0 {
        return Err("/ByteRange tanda tangan tidak mulai dari awal berkas".into());
    }
    let end = gap_end.checked_add(tail).ok_or(OUTSIDE)?;
    if end > pdf.len() {
        return Err(OUTSIDE.into());
    }
    // What is left out must be exactly this signature's /Contents: nothing else goes unsigned.
    if (gap_start, gap_end) != s.contents {
        return Err("/ByteRange tanda tangan tidak tepat menyisihkan /Contents-nya".into());
    }
    let inner = pdf
        .get(gap_start..gap_end)
        .and_then(|g| g.strip_prefix(b"<"))
        .and_then(|g| g.strip_suffix(b">"))
        .filter(|g| g.len() % 2 == 0 && g.iter().all(u8::is_ascii_hexdigit))
        .ok_or("/Contents tanda tangan berisi selain angka heksadesimal")?;
    let bytes: Vec<u8> = inner
        .chunks_exact(2)
        .map(|p| hex_value(p[0]) << 4 | hex_value(p[1]))
        .collect();
    let len = der_length(&bytes)
        .filter(|&n| n <= bytes.len())
        .ok_or("/Contents tanda tangan bukan CMS (DER)")?;
    let mut h = Sha256::new();
    h.update(&pdf[..gap_start]);
    h.update(&pdf[gap_end..end]);
    let m = s.m.as_deref().and_then(pdf_date);
    Ok(Embedded {
        digest: h.finalize().into(),
        zero_padded: bytes[len..].iter().all(|&b| b == 0),
        cms: bytes[..len].to_vec(),
        covers_whole_file: end == pdf.len(),
        reason: s.reason.as_deref().map(text_string),
        signed_at: m.map(|(local, _)| local),
        signed_at_unix: m.map(|(_, unix)| unix),
        revision: revision_ends
            .iter()
            .position(|&(marker, line)| end == marker || end == line)
            .and_then(|i| i.checked_add(1)),
        unsigned_after: pdf.len() - end,
    })
}

fn hex_value(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => 0,
    }
}

/// A PDF text string: UTF-16BE after its byte-order mark, else one byte a character; control
/// characters left out (the words go to a terminal).
fn text_string(b: &[u8]) -> String {
    let chars: Vec<char> = match b.strip_prefix(&[0xFE, 0xFF]) {
        Some(u) => char::decode_utf16(u.chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]])))
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
        None => b.iter().map(|&c| char::from(c)).collect(),
    };
    chars.into_iter().filter(|c| !c.is_control()).collect()
}

/// A PDF date, "D:YYYYMMDDHHmmSS" and its offset ("+08'00'", "-05'00'", "Z"; none read as
/// UTC): the time as written, and as seconds since 1970.
fn pdf_date(s: &[u8]) -> Option<(chrono::NaiveDateTime, i64)> {
    let s = s.strip_prefix(b"D:").unwrap_or(s);
    let digits = s.get(..14).filter(|d| d.iter().all(u8::is_ascii_digit))?;
    let num = |from: usize, to: usize| -> Option<u32> {
        std::str::from_utf8(digits.get(from..to)?)
            .ok()?
            .parse()
            .ok()
    };
    let local =
        chrono::NaiveDate::from_ymd_opt(i32::try_from(num(0, 4)?).ok()?, num(4, 6)?, num(6, 8)?)?
            .and_hms_opt(num(8, 10)?, num(10, 12)?, num(12, 14)?)?;
    let tz = &s[14..];
    let offset = match tz.first() {
        None | Some(b'Z') => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let d: Vec<u8> = tz[1..].iter().copied().filter(u8::is_ascii_digit).collect();
            let part = |r: std::ops::Range<usize>| -> Option<i64> {
                std::str::from_utf8(d.get(r)?).ok()?.parse().ok()
            };
            let (hh, mm) = (part(0..2)?, part(2..4).unwrap_or(0));
            if hh > 23 || mm > 59 {
                return None;
            }
            if sign == b'-' {
                -(hh * 3600 + mm * 60)
            } else {
                hh * 3600 + mm * 60
            }
        }
        _ => return None,
    };
    Some((local, local.and_utc().timestamp().checked_sub(offset)?))
}

/// The length of the DER SEQUENCE at the start of `b` (tag, length, contents); `None` for
/// anything else, BER's indefinite length included.
fn der_length(b: &[u8]) -> Option<usize> {
    if *b.first()? != 0x30 {
        return None;
    }
    let first = *b.get(1)?;
    if first < 0x80 {
        return 2usize.checked_add(usize::from(first));
    }
    let n = usize::from(first & 0x7f);
    if n == 0 || n > std::mem::size_of::<usize>() {
        return None;
    }
    let len = b.get(2..2 + n)?.iter().try_fold(0usize, |a, &x| {
        a.checked_mul(256)?.checked_add(usize::from(x))
    })?;
    2usize.checked_add(n)?.checked_add(len)
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// A one-page PDF, as small as lopdf writes one.
    pub fn tiny_pdf() -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        let page = doc.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Page".to_vec())),
            ("Parent", Object::Reference(pages)),
            (
                "MediaBox",
                Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]),
            ),
        ]));
        doc.objects.insert(
            pages,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Pages".to_vec())),
                ("Kids", Object::Array(vec![Object::Reference(page)])),
                ("Count", Object::Integer(1)),
            ])),
        );
        let catalog = doc.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference(pages)),
        ]));
        doc.trailer.set("Root", Object::Reference(catalog));
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    pub fn facts(at: chrono::NaiveDateTime) -> SigningFacts<'static> {
        SigningFacts {
            name: "Kepala",
            reason: "Menyetujui RKT tahun 2025 versi 1",
            location: "Paringin",
            at,
        }
    }

    /// A later signature as an incremental update: `pdf` kept byte for byte, then a signature
    /// dictionary with room for its CMS, an xref section for it and a trailer.
    pub fn prepare_update(pdf: &[u8], facts: &SigningFacts<'_>) -> Prepared {
        let text = String::from_utf8_lossy(pdf);
        // The numbers right after the last `key` (lopdf writes "/Root 4 0 R/Size 5>>").
        let after = |key: &str| -> Vec<String> {
            let at = text.rfind(key).unwrap() + key.len();
            let run: String = text[at..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || c.is_ascii_whitespace())
                .collect();
            run.split_whitespace().map(str::to_string).collect()
        };
        let prev = &after("startxref")[0];
        let root = after("/Root")[..2].join(" ");
        let id: u32 = after("/Size")[0].parse().unwrap();
        let mut out = pdf.to_vec();
        out.push(b'\n');
        let object_at = out.len();
        out.extend(
            format!(
                "{id} 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 {WIDE} {WIDE} {WIDE}] /Contents <{}> /Reason ({}) /M (D:{}+08'00') >>\nendobj\n",
                "0".repeat(CONTENTS_BYTES * 2),
                facts.reason,
                facts.at.format("%Y%m%d%H%M%S"),
            )
            .as_bytes(),
        );
        let xref_at = out.len();
        out.extend(
            format!(
                "xref\n0 1\n0000000000 65535 f \n{id} 1\n{object_at:010} 00000 n \ntrailer\n<< /Size {} /Root {root} R /Prev {prev} >>\nstartxref\n{xref_at}\n%%EOF\n",
                id + 1
            )
            .as_bytes(),
        );
        with_room(out).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    fn at() -> chrono::NaiveDateTime {
        crate::test_time::moment(2025, 1, 20, 9, 0)
    }

    /// A DER SEQUENCE standing in for a CMS: the file's structure is what is read here.
    const CMS: [u8; 5] = [0x30, 0x03, 0x02, 0x01, 0x07];

    fn signed() -> (Vec<u8>, [u8; 32]) {
        let p = prepare(&tiny_pdf(), &facts(at())).unwrap();
        let digest = p.digest();
        (p.finish(&CMS).unwrap(), digest)
    }

    #[test]
    fn our_signature_reads_back_covering_the_one_revision() {
        let (pdf, digest) = signed();
        let s = survey(&pdf).unwrap();
        assert_eq!(s.revisions, 1);
        let [e] = s.signatures.as_slice() else {
            panic!("{s:?}")
        };
        assert_eq!(e.digest, digest);
        assert_eq!(e.cms, CMS);
        assert!(e.covers_whole_file && e.zero_padded);
        assert_eq!((e.revision, e.unsigned_after), (Some(1), 0));
        assert_eq!(
            e.reason.as_deref(),
            Some("Menyetujui RKT tahun 2025 versi 1")
        );
        assert_eq!(e.signed_at, Some(at()));
        // 09.00 WITA is 01.00 UTC.
        let utc = crate::test_time::moment(2025, 1, 20, 1, 0)
            .and_utc()
            .timestamp();
        assert_eq!(e.signed_at_unix, Some(utc));
        assert_eq!(embedded(&pdf).as_ref(), Some(e));
        // Not a PDF: no signature, nothing refused.
        assert_eq!(
            survey(b"bukan PDF /ByteRange [0 1 2 3]"),
            Ok(Survey::default())
        );
    }

    /// The insider's input: a comment naming the file's own ranges and a length of 2^64 - 1.
    /// It is a comment, so no signature: bytes after the signed revision.
    #[test]
    fn a_trailing_comment_is_an_unsigned_tail_not_a_signature() {
        let (pdf, _) = signed();
        let e = embedded(&pdf).unwrap();
        let (a, b) = (e_gap(&pdf).0, e_gap(&pdf).1);
        let tail = format!("%/ByteRange [0 {a} {b} 18446744073709551615]\n");
        let attacked = [pdf.clone(), tail.clone().into_bytes()].concat();
        let s = survey(&attacked).unwrap();
        assert_eq!(s.revisions, 2);
        let [e2] = s.signatures.as_slice() else {
            panic!("{s:?}")
        };
        assert_eq!((e2.revision, e2.unsigned_after), (Some(1), tail.len()));
        assert!(!e2.covers_whole_file);
        assert_eq!(e2.digest, e.digest);
        // The same numbers in a real signature dictionary: refused in words, no overflow.
        let dict = format!(
            "\n<< /Type /Sig /ByteRange [0 {a} {b} 18446744073709551615] /Contents <00> >>\n"
        );
        let err = survey(&[pdf.clone(), dict.into_bytes()].concat()).unwrap_err();
        assert!(err.contains("ke luar berkas"), "{err}");
    }

    /// Where `pdf`'s signature leaves its gap (from the ByteRange `prepare` wrote).
    fn e_gap(pdf: &[u8]) -> (usize, usize) {
        let found = syntax::read(pdf).unwrap();
        found.signatures[0].contents
    }

    #[test]
    fn ranges_that_leave_out_more_or_reach_outside_are_refused() {
        let (pdf, _) = signed();
        let (a, b) = e_gap(&pdf);
        let len = pdf.len();
        let with_range = |range: String| {
            let at = find(&pdf, b"/ByteRange", 0).unwrap();
            let at = find(&pdf, b"[", at).unwrap();
            let end = find(&pdf, b"]", at).unwrap() + 1;
            let new = format!("{range:<width$}", width = end - at);
            assert_eq!(new.len(), end - at, "{range}");
            let mut changed = pdf.clone();
            changed[at..end].copy_from_slice(new.as_bytes());
            survey(&changed)
        };
        assert!(with_range(format!("[0 {a} {b} {}]", len - b)).is_ok());
        let cases = [
            (format!("[1 {a} {b} {}]", len - b), "awal berkas"),
            (format!("[0 {} {b} {}]", a - 10, len - b), "menyisihkan"),
            (format!("[0 {a} {} {}]", b + 2, len - b - 2), "menyisihkan"),
            (format!("[0 {a} {b} {}]", len - b + 1), "ke luar berkas"),
            (format!("[0 {a} {b} -1]"), "ke luar berkas"),
            (format!("[0 {a} {b}]"), "empat bilangan"),
        ];
        for (range, words) in cases {
            let err = with_range(range.clone()).unwrap_err();
            assert!(err.contains(words), "{range}: {err}");
        }
    }

    #[test]
    fn an_incremental_update_is_a_revision_with_its_own_signature() {
        let (pdf, first) = signed();
        let later = crate::test_time::moment(2025, 2, 3, 10, 0);
        let p = testing::prepare_update(&pdf, &facts(later));
        let second = p.digest();
        let both = p.finish(&CMS).unwrap();
        let s = survey(&both).unwrap();
        assert_eq!(s.revisions, 2);
        let [one, two] = s.signatures.as_slice() else {
            panic!("{s:?}")
        };
        assert_eq!(
            (one.digest, one.revision, one.covers_whole_file),
            (first, Some(1), false)
        );
        assert_eq!(one.unsigned_after, both.len() - pdf.len());
        assert_eq!(
            (two.digest, two.revision, two.covers_whole_file),
            (second, Some(2), true)
        );
        assert_eq!(two.signed_at, Some(later));
        assert_eq!(embedded(&both).as_ref(), Some(two));
        // lopdf, as another reader, opens the updated file.
        assert!(Document::load_mem(&both).is_ok());
    }

    #[test]
    fn padding_after_the_cms_is_zeros_or_the_signature_is_marked() {
        let (pdf, _) = signed();
        let (a, _) = e_gap(&pdf);
        let mut hidden = pdf.clone();
        // A digit well after the 5-byte CMS, inside the padding.
        hidden[a + 1 + 2 * CMS.len() + 40] = b'7';
        let e = embedded(&hidden).unwrap();
        assert!(!e.zero_padded);
        assert_eq!(e.cms, CMS);
        // Not hex at all there: the string ends short of its gap, refused in words.
        hidden[a + 1 + 2 * CMS.len() + 40] = b'x';
        assert!(survey(&hidden).unwrap_err().contains("/Contents"));
    }

    #[test]
    fn pdf_dates_and_der_lengths_are_read_with_checked_arithmetic() {
        let t = |s: &str| pdf_date(s.as_bytes()).map(|(_, unix)| unix);
        let base = crate::test_time::moment(2025, 1, 20, 9, 0)
            .and_utc()
            .timestamp();
        assert_eq!(t("D:20250120090000+08'00'"), Some(base - 8 * 3600));
        assert_eq!(t("D:20250120090000Z"), Some(base));
        assert_eq!(t("D:20250120090000"), Some(base));
        assert_eq!(t("D:20250120090000-05'30'"), Some(base + 5 * 3600 + 1800));
        for bad in [
            "D:2025",
            "D:20251320090000Z",
            "D:20250120090000+99'00'",
            "D:2025012009000x",
        ] {
            assert_eq!(t(bad), None, "{bad}");
        }
        assert_eq!(der_length(&[0x30, 0x03, 1, 2, 3]), Some(5));
        assert_eq!(der_length(&[0x30, 0x82, 0x01, 0x00]), Some(4 + 256));
        assert_eq!(der_length(&[0x30, 0x80]), None, "BER indefinite length");
        assert_eq!(
            der_length(&[0x30, 0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
            None
        );
        assert_eq!(der_length(&[0x30, 0xff]), None);
        assert_eq!(der_length(&[0x04, 0x01, 0x00]), None);
    }
}
