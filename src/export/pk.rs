//! The Perjanjian Kinerja of a year, assembled from its signed RKT: signed by the head with
//! their PIN and kept in the archive, or (before that) a copy to sign by hand.

use chrono::NaiveDateTime;

use super::{ExportError, Result, document_base};
use crate::domain::sop::Sop;
use crate::pdf::pk_doc::{Party, PkDocument};
use crate::pdf::rkt_doc::full_position;
use crate::store::{HeadSigning, Identity, PkEntry, PkFacts, SignatureFacts, Store, StoreError};

/// The PK of `facts`; `signed`: with the head's digital signature (its date and certificate),
/// else a copy whose date and signatures are left for the pen.
fn document(base: &super::DocumentBase, facts: &PkFacts<'_>, signed: bool) -> PkDocument {
    let h = facts.head;
    let office = h.office;
    PkDocument {
        year: facts.rkt.year,
        rkt_version: facts.rkt.version,
        rkt_code: facts.rkt.code(),
        letterhead: base.letterhead.clone(),
        rows: facts.rows.to_vec(),
        code_names: facts.code_names.clone(),
        first: Party {
            name: h.name.into(),
            position: full_position(h.position, &base.letterhead.region),
            rank: h.rank.into(),
            nip: Some(h.nip.to_string()).filter(|n| !n.is_empty()),
        },
        second: Party {
            name: office.bupati_name.trim().into(),
            position: office.bupati_position.trim().into(),
            rank: String::new(),
            nip: Some(office.bupati_nip.trim().to_string()).filter(|n| !n.is_empty()),
        },
        signed_at: signed.then_some(h.signed_at),
        certificate: signed.then(|| h.certificate.to_string()),
        audit_head: h.audit_head.filter(|_| signed).map(str::to_string),
        paper: base.paper,
        has_logo: base.logo.is_some(),
    }
}

/// "Tandatangani Perjanjian Kinerja": the head's key opened with its passphrase, the PK made from
/// the signed RKT and signed digitally, stored in the archive (one transaction in the store).
pub fn sign_pk(
    store: &mut Store,
    sop: &Sop,
    year: i32,
    pass: &str,
    who: &Identity,
    now: NaiveDateTime,
) -> Result<PkEntry> {
    let key = store.unlock_signing_key(who, pass, sop, now)?;
    let base = document_base(store)?;
    let render = |f: &PkFacts<'_>, facts: &SignatureFacts| {
        let doc = document(&base, f, true);
        let pdf = crate::pdf::pk_pdf(&doc, base.logo.as_deref(), f.head.signed_at)
            .map_err(|e| StoreError::Invalid(e.0))?;
        super::sign::sign_as(&key, &pdf, facts)
    };
    Ok(store.sign_pk(sop, year, &key, who, now, &render)?)
}

/// The year's PK: the signed file from the archive, byte for byte; before it is signed, a copy
/// made now from the signed RKT, its date and signatures left for the pen.
pub fn pk_pdf(store: &Store, year: i32, now: NaiveDateTime) -> Result<Vec<u8>> {
    store.read(|| {
        if let Some(bytes) = store.pk_pdf(year)? {
            return Ok(bytes);
        }
        let rkt = store.signature(year)?.ok_or_else(|| {
            ExportError::Nothing(format!(
                "RKT tahun {year} belum ditandatangani; Perjanjian Kinerja dibuat dari RKT yang ditandatangani."
            ))
        })?;
        let base = document_base(store)?;
        let rows = store.draft_rows(rkt.draft_id)?;
        let code_names = store.draft_code_names(rkt.draft_id)?;
        let office = store.settings()?.office;
        let facts = PkFacts {
            rkt: &rkt,
            rows: &rows,
            code_names: &code_names,
            // A copy to sign by hand: the RKT's signer, no certificate, no chain's head.
            head: HeadSigning {
                name: &rkt.name,
                position: &rkt.position,
                rank: &rkt.rank,
                nip: &rkt.nip,
                office: &office,
                signed_at: now,
                certificate: "",
                audit_head: None,
            },
        };
        let doc = document(&base, &facts, false);
        Ok(crate::pdf::pk_pdf(&doc, base.logo.as_deref(), now)?)
    })
}
