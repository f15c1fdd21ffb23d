//! The audit log chain's head as a signed PDF carries it (#25): "<id>:<64 hex digits>" in the
//! info dictionary, inside the bytes the signature covers, and its short form printed under
//! the signature block. Read back to compare with the database's chain (`store::audit_chain`).

/// A head as stored beside a signature and written into its PDF: "<id>:<64 hex digits>".
pub fn head_text(id: i64, hash: &[u8; 32]) -> String {
    format!("{id}:{}", hex(hash))
}

/// A head as a reader sees it in the PDF: "#<id> <first 16 hex digits>…".
pub fn short_head(id: i64, hash: &[u8; 32]) -> String {
    format!("#{id} {}…", &hex(hash)[..16])
}

/// `head_text` read back.
pub fn parse_head(text: &str) -> Option<(i64, [u8; 32])> {
    let (id, digits) = text.trim().split_once(':')?;
    let id = id.parse::<i64>().ok().filter(|i| *i > 0)?;
    if digits.len() != 64 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut hash = [0u8; 32];
    for (i, out) in hash.iter_mut().enumerate() {
        *out = u8::from_str_radix(&digits[2 * i..2 * i + 2], 16).ok()?;
    }
    Some((id, hash))
}

/// The head written into a signed PDF, read from the bytes its (latest) digital signature
/// covers: what was appended after signing cannot stand in for it. `None` for a file without
/// a signature or without a head (signed before the chain existed).
pub fn signed_audit_head(pdf: &[u8]) -> Option<(i64, [u8; 32])> {
    let signed = crate::pdf::pades::embedded(pdf)?;
    let end = pdf.len().checked_sub(signed.unsigned_after)?;
    head_in(pdf.get(..end)?)
}

/// The info dictionary's head entry (`/SopRktAuditHead (…)`, written uncompressed by
/// `pdfa::archival`), the last one in `bytes`.
fn head_in(bytes: &[u8]) -> Option<(i64, [u8; 32])> {
    let key = format!("/{}", crate::pdf::pdfa::AUDIT_HEAD_KEY);
    let at = bytes
        .windows(key.len())
        .rposition(|w| w == key.as_bytes())?;
    let rest = bytes.get(at + key.len()..)?;
    let rest = &rest[rest.iter().position(|b| !b.is_ascii_whitespace())?..];
    let rest = rest.strip_prefix(b"(")?;
    let close = rest.iter().take(100).position(|&b| b == b')')?;
    parse_head(std::str::from_utf8(&rest[..close]).ok()?)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
