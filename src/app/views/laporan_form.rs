//! The Capaian & Laporan page's form state, shared by the page (laporan.rs) and its report rows
//! (laporan_report.rs).

use super::file_path::TypedPath;
use crate::store::ReportKind;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LaporanForm {
    /// The report whose "Tandatangani …" was pressed: its passphrase field is open.
    pub signing: Option<ReportKind>,
    /// The head's key passphrase, cleared as soon as it is sent.
    pub pass: String,
    /// The report whose button was pressed last: its row says the outcome.
    pub asked: Option<ReportKind>,
    /// A path typed where no save dialog could be shown.
    pub typed: Option<TypedPath>,
}
