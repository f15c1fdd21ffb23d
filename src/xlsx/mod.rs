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
