//! The rows of a FORMAT RKT file read for import, drawn against the unit's rows now: every
//! column, each changed cell "old → new", new rows marked, the rows the file no longer holds
//! listed. What changed is computed outside (`domain::rkt_changes`); this only draws it.

use egui::{RichText, Ui};

use crate::app::{ViewCtx, theme};
use crate::domain::indo;
use crate::domain::rkt::{Col, RowValues, format_rupiah};
use crate::domain::rkt_changes::Change;
use crate::xlsx::import::Preview;

mod text {
    pub const ROWS: &str = "Baris yang akan diimpor";
    pub const GONE: &str = "Baris sekarang yang tidak ada di berkas (akan terhapus)";
    pub const PAGU: &str = "Jumlah pagu di berkas";
    pub const NOW: &str = "sekarang";
    pub const AGAINST: &str = "Dibanding baris unit sekarang";
    pub const NO: &str = "No";
    pub const NO_NOW: &str = "No sekarang";
    pub const STATE: &str = "Status";
    pub const NEW: &str = "baru";
    pub const CHANGED: &str = "berubah";
}

/// The most rows drawn (a file can hold thousands; the count says the rest).
const SHOWN: usize = 200;
/// Characters of a cell shown; the whole text on hover.
const CELL_CHARS: usize = 36;

/// The pagu beside the unit's, what changes in words, and the rows (collapsed until opened).
pub fn preview_rows_ui(ui: &mut Ui, view: &ViewCtx, p: &Preview) {
    let now = view.data.unit_status(p.unit_id).map_or(0, |s| s.pagu);
    ui.label(format!(
        "{}: {} ({} {})",
        text::PAGU,
        format_rupiah(p.pagu),
        text::NOW,
        format_rupiah(now)
    ));
    ui.label(RichText::new(format!("{}: {}", text::AGAINST, p.changes.summary())).strong());
    egui::CollapsingHeader::new(format!("{} ({})", text::ROWS, p.rows.len()))
        .id_salt("pratinjau_impor")
        .default_open(true)
        .show(ui, |ui| {
            egui::ScrollArea::both()
                .id_salt("impor_pratinjau_gulir")
                .max_height(super::widgets::room_below(ui))
                .show(ui, |ui| rows_grid_ui(ui, p));
        });
    if p.changes.gone.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("{} ({})", text::GONE, p.changes.gone.len()))
        .id_salt("pratinjau_impor_hilang")
        .show(ui, |ui| {
            egui::ScrollArea::both()
                .id_salt("impor_hilang_gulir")
                .max_height(super::widgets::room_below(ui))
                .show(ui, |ui| gone_grid_ui(ui, &p.changes.gone));
        });
}

fn header_ui(ui: &mut Ui, first: &str) {
    ui.strong(first);
    ui.strong(text::STATE);
    for c in Col::ALL {
        ui.strong(c.title());
    }
    ui.end_row();
}

/// A cell's text cut to fit, the whole of it on hover when cut.
fn cell_ui(ui: &mut Ui, shown: RichText, whole: &str) {
    let r = ui.label(shown);
    if whole.chars().count() > CELL_CHARS {
        r.on_hover_text(whole);
    }
}

fn rows_grid_ui(ui: &mut Ui, p: &Preview) {
    egui::Grid::new("pratinjau_baris")
        .striped(true)
        .num_columns(Col::ALL.len() + 2)
        .show(ui, |ui| {
            header_ui(ui, text::NO);
            for (i, r) in p.rows.iter().take(SHOWN).enumerate() {
                let change = p.changes.rows.get(i);
                ui.label((i + 1).to_string());
                match change {
                    Some(Change::New) => ui.label(RichText::new(text::NEW).color(theme::OK)),
                    Some(Change::Changed(_)) => {
                        ui.label(RichText::new(text::CHANGED).color(theme::ACCENT))
                    }
                    _ => ui.label(""),
                };
                for c in Col::ALL {
                    let new = r.get(c);
                    let old = match change {
                        Some(Change::Changed(cells)) => {
                            cells.iter().find(|(x, _)| *x == c).map(|(_, v)| v)
                        }
                        _ => None,
                    };
                    match old {
                        Some(old) => {
                            let both = format!("{old} → {new}");
                            let shown = format!(
                                "{} → {}",
                                indo::ellipsis(old, CELL_CHARS / 2),
                                indo::ellipsis(new, CELL_CHARS / 2)
                            );
                            // Marked as a cell to look at, as the table marks a locked one.
                            egui::Frame::new().fill(theme::LOCKED_FILL).show(ui, |ui| {
                                cell_ui(ui, RichText::new(shown).strong(), &both);
                            });
                        }
                        None => cell_ui(ui, RichText::new(indo::ellipsis(new, CELL_CHARS)), new),
                    }
                }
                ui.end_row();
            }
        });
    if p.rows.len() > SHOWN {
        ui.label(format!("… dan {} baris lain.", p.rows.len() - SHOWN));
    }
}

fn gone_grid_ui(ui: &mut Ui, gone: &[(usize, RowValues)]) {
    egui::Grid::new("pratinjau_hilang")
        .striped(true)
        .num_columns(Col::ALL.len() + 2)
        .show(ui, |ui| {
            header_ui(ui, text::NO_NOW);
            for (no, r) in gone.iter().take(SHOWN) {
                ui.label(no.to_string());
                ui.label(RichText::new("hilang").color(theme::ERROR));
                for c in Col::ALL {
                    let v = r.get(c);
                    cell_ui(
                        ui,
                        RichText::new(indo::ellipsis(v, CELL_CHARS)).strikethrough(),
                        v,
                    );
                }
                ui.end_row();
            }
        });
}
