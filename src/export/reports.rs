//! The reports after the Perjanjian Kinerja (Rencana Aksi, Laporan Capaian Kinerja of a
//! quarter, LKjIP tables), assembled from the database: signed by the head with their key's
//! passphrase and kept in the archive, or before that a copy marked DRAF.

use chrono::NaiveDateTime;

use super::{DocumentBase, ExportError, Result, document_base};
use crate::domain::performance::Summary;
use crate::domain::sop::Sop;
use crate::pdf::report_doc::{self, Report, ReportDocument};
use crate::pdf::rkt_doc::Signer;
use crate::store::{
    Identity, ReportEntry, ReportFacts, ReportKind, SignatureFacts, Store, StoreError,
};

/// The layout's name of a report the store signs.
pub fn report_of(kind: ReportKind) -> Report {
    match kind {
        ReportKind::RencanaAksi => Report::RencanaAksi,
        ReportKind::Capaian(q) => Report::Capaian(q),
        ReportKind::Lkjip => Report::Lkjip,
    }
}

fn document<'a>(
    base: &DocumentBase,
    kind: ReportKind,
    year: i32,
    summary: &'a Summary,
    signer: Option<Signer>,
) -> ReportDocument<'a> {
    ReportDocument {
        report: report_of(kind),
        year,
        letterhead: base.letterhead.clone(),
        summary,
        signer,
        paper: base.paper,
        has_logo: base.logo.is_some(),
    }
}

/// The report as the head signs it now, from the figures of the signing transaction.
fn signed_document<'a>(base: &DocumentBase, f: &ReportFacts<'a>) -> ReportDocument<'a> {
    let h = f.head;
    let signer = Signer {
        at: h.signed_at,
        position: h.position.to_string(),
        name: h.name.to_string(),
        rank: h.rank.to_string(),
        nip: Some(h.nip.to_string()).filter(|n| !n.trim().is_empty()),
        has_signature_image: false,
        has_stamp: false,
        certificate: Some(h.certificate.to_string()),
        audit_head: h.audit_head.map(str::to_string),
    };
    document(base, f.kind, f.year, f.summary, Some(signer))
}

/// The report made now from what the database holds, without a signature: marked "DRAF —
/// belum ditandatangani" on every page.
pub fn report_pdf_unsigned(
    store: &Store,
    kind: ReportKind,
    year: i32,
    now: NaiveDateTime,
) -> Result<Vec<u8>> {
    store.read(|| {
        if store.plan_rows(year, None)?.is_empty() {
            let what = match kind {
                ReportKind::RencanaAksi => String::new(),
                other => format!(", jadi {} tahun {year} belum dapat dibuat", other.title()),
            };
            return Err(ExportError::Nothing(format!(
                "Rencana Aksi tahun {year} belum dimulai{what}. TIM memulainya dari Perjanjian Kinerja yang sudah ditandatangani (halaman Rencana Aksi)."
            )));
        }
        let base = document_base(store)?;
        let summary = store.performance(year, kind.upto().number())?;
        let doc = document(&base, kind, year, &summary, None);
        Ok(report_doc::pdf(&doc, base.logo.as_deref(), now)?)
    })
}

/// The report: the signed file from the archive, byte for byte; before it is signed, the
/// draft made now.
pub fn report_pdf(
    store: &Store,
    kind: ReportKind,
    year: i32,
    now: NaiveDateTime,
) -> Result<Vec<u8>> {
    match store.report_pdf(kind, year)? {
        Some(bytes) => Ok(bytes),
        None => report_pdf_unsigned(store, kind, year, now),
    }
}

/// The head's key opened with its passphrase, the report made from the figures of the
/// signing transaction and signed digitally (PAdES), stored in the archive.
pub fn sign_report(
    store: &mut Store,
    sop: &Sop,
    kind: ReportKind,
    year: i32,
    pass: &str,
    who: &Identity,
    now: NaiveDateTime,
) -> Result<ReportEntry> {
    let key = store.unlock_signing_key(who, pass, sop, now)?;
    let base = document_base(store)?;
    let render = |f: &ReportFacts<'_>, facts: &SignatureFacts| {
        let doc = signed_document(&base, f);
        let pdf = report_doc::pdf(&doc, base.logo.as_deref(), f.head.signed_at)
            .map_err(|e| StoreError::Invalid(e.0))?;
        super::sign::sign_as(&key, &pdf, facts)
    };
    Ok(store.sign_report(sop, kind, year, &key, who, now, &render)?)
}
