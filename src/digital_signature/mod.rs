//! The head's digital signature on the RKT PDF (PAdES baseline B-B, an uncertified electronic
//! signature in the sense of PP 71/2019 Pasal 60): the office's root certificate, each signer's
//! key and certificate (`keys`), and the detached CMS signature a PDF carries (`cms`). No GUI,
//! no database: the store keeps what these make.

pub mod cms;
pub mod keys;

/// A PDF's digital signature checked against the office certificates trusted here: `None` when
/// the file carries no signature at all.
pub fn check_pdf(
    pdf: &[u8],
    trusted_roots: &[Vec<u8>],
) -> Option<Result<cms::Checked, cms::CheckError>> {
    let e = crate::pdf::pades::embedded(pdf)?;
    if !e.covers_whole_file {
        return Some(Err(cms::CheckError::Changed));
    }
    Some(
        cms::check_detached(&e.cms, &e.digest, trusted_roots).map(|c| cms::Checked {
            reason: e.reason,
            signed_at: e.signed_at,
            ..c
        }),
    )
}
