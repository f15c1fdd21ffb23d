//! The digital signature (PAdES) put into a PDF the store is signing: a detached CMS over the
//! file's signed ranges, made with the signer's unlocked key, in its signature field, with the
//! facts the store decided (who, why, where, when).

use crate::digital_signature::cms;
use crate::pdf::pades;
use crate::store::{SignatureFacts, StoreError, UnlockedKey};

/// `pdf` signed with `key`: prepared with room for the signature, its ranges hashed and signed,
/// the CMS written in.
pub fn sign_pdf(
    key: &UnlockedKey,
    pdf: &[u8],
    facts: &pades::SigningFacts,
) -> Result<Vec<u8>, StoreError> {
    let prepared = pades::prepare(pdf, facts).map_err(StoreError::Invalid)?;
    let cms = cms::sign_detached(
        &prepared.digest(),
        key.signing_key(),
        key.cert(),
        key.chain(),
    )
    .map_err(|e| StoreError::Invalid(e.to_string()))?;
    prepared.finish(&cms).map_err(StoreError::Invalid)
}

/// `pdf` signed with the facts the store decided for it.
pub(super) fn sign_as(
    key: &UnlockedKey,
    pdf: &[u8],
    facts: &SignatureFacts,
) -> Result<Vec<u8>, StoreError> {
    sign_pdf(
        key,
        pdf,
        &pades::SigningFacts {
            name: &facts.name,
            reason: &facts.reason,
            location: &facts.location,
            at: facts.at,
        },
    )
}
