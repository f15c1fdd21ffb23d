//! Excel in and out, with no egui: the FORMAT RKT template a bidang fills on its own PC, the
//! compiled draft or signed RKT as a workbook, and the reading of a filled template; the same
//! for a unit's Rencana Aksi and its quarterly realisation.

pub mod export;
pub mod import;
pub mod master;
pub mod plan;
pub mod realisation;
mod sheet_limits;

/// Marks our templates (in a hidden sheet), so another workbook is not taken for one.
pub const MARKER: &str = "SOP-RKT FORMAT RKT v1";
/// The other templates' markers (each kept by its own module as its `MARKER`), here so that a
/// reader can name a file of another kind without depending on that kind's module.
pub const MASTER_MARKER: &str = "SOP-RKT DATA INDUK v1";
pub const PLAN_MARKER: &str = "SOP-RKT RENCANA AKSI v1";
pub const REAL_MARKER: &str = "SOP-RKT REALISASI v1";

/// Which of our templates a marker belongs to, for a file of another kind.
pub(crate) fn kind_of_marker(marker: &str) -> Option<&'static str> {
    match marker {
        MARKER => Some("templat FORMAT RKT"),
        MASTER_MARKER => Some("templat data induk"),
        PLAN_MARKER => Some("templat Rencana Aksi"),
        REAL_MARKER => Some("templat realisasi triwulan"),
        _ => None,
    }
}
pub const SHEET: &str = "FORMAT RKT";
pub const META_SHEET: &str = "_sop_rkt";
pub const LIST_SHEET: &str = "Daftar";
/// Rows a template offers for filling, and the most an import takes.
pub const TEMPLATE_ROWS: u32 = 1000;
pub const MAX_ROWS: usize = 10_000;

/// A part of a workbook as text (its XML), for tests that look at what a file says.
#[cfg(test)]
pub(crate) fn part(book: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).expect("a zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect("the part")
        .read_to_string(&mut text)
        .expect("text");
    text
}
