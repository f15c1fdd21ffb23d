//! Excel in and out, with no egui: the FORMAT RKT template a bidang fills on its own PC, the
//! compiled draft or signed RKT as a workbook, and the reading of a filled template.

pub mod export;
pub mod import;
pub mod master;
mod sheet_limits;

/// Marks our templates (in a hidden sheet), so another workbook is not taken for one.
pub const MARKER: &str = "SOP-RKT FORMAT RKT v1";
pub const SHEET: &str = "FORMAT RKT";
pub const META_SHEET: &str = "_sop_rkt";
pub const LIST_SHEET: &str = "Daftar";
/// Rows a template offers for filling, and the most an import takes.
pub const TEMPLATE_ROWS: u32 = 1000;
pub const MAX_ROWS: usize = 10_000;
