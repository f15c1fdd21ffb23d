//! A PDF signature field as PAdES places it: a signature dictionary (`/ETSI.CAdES.detached`)
//! whose `/ByteRange` covers the whole file but its own `/Contents`, where the CMS goes. The
//! file is prepared with room for the CMS, its signed ranges hashed, the CMS written in; and a
//! signed file's ranges and CMS read back for checking. Kept PDF/A-1b: the field's widget is
//! printable, zero-sized, with an empty appearance (the visible signature block is the page's,
//! drawn by the layout).

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
    // Where the placeholder landed: the hex string of zeros after /Contents.
    let zeros = "0".repeat(CONTENTS_BYTES * 2);
    let open =
        find(&bytes, format!("<{zeros}>").as_bytes(), 0).ok_or("ruang tanda tangan hilang")?;
    let close = open + zeros.len() + 2;
    let range = [0, open, close, bytes.len() - close];
    // The ByteRange, rewritten in place with the same width.
    let wide = format!("[0 {WIDE} {WIDE} {WIDE}]");
    let at = find(&bytes, wide.as_bytes(), 0).ok_or("ByteRange hilang")?;
    let real = format!("[0 {} {} {}]", range[1], range[2], range[3]);
    let padded = format!("{real:<width$}", width = wide.len());
    bytes[at..at + wide.len()].copy_from_slice(padded.as_bytes());
    Ok(Prepared { bytes, range })
}

fn ranges_digest(bytes: &[u8], range: &[usize; 4]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(&bytes[range[0]..range[0] + range[1]]);
    h.update(&bytes[range[2]..range[2] + range[3]]);
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
        let start = self.range[1] + 1;
        self.bytes[start..start + hex.len()].copy_from_slice(hex.as_bytes());
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
    /// The ranges leave out exactly the signature and nothing else of the file.
    pub covers_whole_file: bool,
    /// The dictionary's /Reason and /M (office time), written by `prepare`.
    pub reason: Option<String>,
    pub signed_at: Option<chrono::NaiveDateTime>,
}

/// The last signature of `pdf`, if it has one.
pub fn embedded(pdf: &[u8]) -> Option<Embedded> {
    let key = b"/ByteRange";
    let mut at = None;
    let mut from = 0;
    while let Some(p) = find(pdf, key, from) {
        at = Some(p);
        from = p + 1;
    }
    let at = at?;
    let open = find(pdf, b"[", at)?;
    let close = find(pdf, b"]", open)?;
    let nums: Vec<usize> = std::str::from_utf8(&pdf[open + 1..close])
        .ok()?
        .split_whitespace()
        .map(|n| n.parse().ok())
        .collect::<Option<_>>()?;
    let range: [usize; 4] = nums.try_into().ok()?;
    let (a, b) = (range[0] + range[1], range[2]);
    if range[0] != 0 || b <= a + 1 || b + range[3] > pdf.len() {
        return None;
    }
    let hex = std::str::from_utf8(pdf.get(a + 1..b - 1)?).ok()?;
    let mut cms: Vec<u8> = (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
        .collect::<Option<_>>()?;
    // The padding: zeros after the DER's own length.
    if let Some(len) = der_length(&cms) {
        cms.truncate(len);
    }
    // The rest of the signature dictionary follows /Contents, inside the signed ranges.
    let rest = &pdf[b..pdf.len().min(b + 2048)];
    let rest = &rest[..find(rest, b">>", 0).unwrap_or(rest.len())];
    Some(Embedded {
        digest: ranges_digest(pdf, &range),
        cms,
        covers_whole_file: pdf.get(a) == Some(&b'<')
            && pdf.get(b - 1) == Some(&b'>')
            && b + range[3] == pdf.len(),
        reason: literal(rest, b"/Reason("),
        signed_at: literal(rest, b"/M(").and_then(|m| {
            chrono::NaiveDateTime::parse_from_str(m.get(2..16)?, "%Y%m%d%H%M%S").ok()
        }),
    })
}

/// The ASCII literal string after `key` (as `prepare` writes it: no escapes).
fn literal(dict: &[u8], key: &[u8]) -> Option<String> {
    let start = find(dict, key, 0)? + key.len();
    let end = find(dict, b")", start)?;
    let text = std::str::from_utf8(&dict[start..end]).ok()?;
    (!text.contains('\\')).then(|| text.to_string())
}

/// The length of the DER value at the start of `b` (tag, length, contents).
fn der_length(b: &[u8]) -> Option<usize> {
    let first = *b.get(1)?;
    if first < 0x80 {
        return Some(2 + usize::from(first));
    }
    let n = usize::from(first & 0x7f);
    let len = b
        .get(2..2 + n)?
        .iter()
        .fold(0usize, |a, &x| (a << 8) | usize::from(x));
    Some(2 + n + len)
}
