//! STAND-IN, replaced at merge by the report engineer's `export::sign_report` and
//! `export::report_pdf_unsigned` (the real PDFs and their PAdES signature). Only the signatures
//! are real here, so the window's signing flow compiles and says why nothing is signed yet.

use chrono::NaiveDateTime;

use crate::domain::sop::Sop;
use crate::export::ExportError;
use crate::store::{Identity, ReportEntry, ReportKind, Store};

/// Signs `kind` of `year` by the head `who` with their key's passphrase (stand-in: refuses).
pub fn sign_report(
    _store: &mut Store,
    _sop: &Sop,
    _kind: ReportKind,
    _year: i32,
    _pass: &str,
    _who: &Identity,
    _now: NaiveDateTime,
) -> Result<ReportEntry, ExportError> {
    Err(ExportError::Nothing("belum tersedia".into()))
}

/// The report as it would be signed now, unsigned (stand-in: refuses).
pub fn report_pdf_unsigned(
    _store: &Store,
    _kind: ReportKind,
    _year: i32,
    _now: NaiveDateTime,
) -> Result<Vec<u8>, ExportError> {
    Err(ExportError::Nothing("belum tersedia".into()))
}
