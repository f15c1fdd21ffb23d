//! Excel on the Format RKT page: the chosen unit's template out, a filled one in (picked or
//! dropped on the window), and the preview of what it holds before anything is stored.

use egui::{RichText, Ui};

use super::widgets::{FileKind, hint_ui, save_dialog};
use crate::app::{Command, FileCmd, ViewCtx, theme};
use crate::domain::indo;
use crate::domain::rkt::{Col, format_rupiah};

mod text {
    pub const EXPORT_TEMPLATE: &str = "Ekspor Templat Excel...";
    pub const IMPORT: &str = "Impor dari Excel...";
    pub const IMPORT_DO: &str = "Impor";
    pub const PREVIEW_ROWS: &str = "Baris yang akan diimpor";
    pub const PREVIEW_PAGU: &str = "Jumlah pagu di berkas";
    pub const PREVIEW_NOW: &str = "sekarang";
    pub const DROP_HINT: &str = "atau seret berkas .xlsx ke jendela ini";
    pub const DROP_HERE: &str =
        "Lepaskan berkas Excel untuk melihat pratinjau impornya (belum ada yang disimpan).";
    pub const IMPORT_CANCEL: &str = "Batal Impor";
    pub const IMPORT_HINT: &str = "Baris unit ini diganti seluruhnya dengan baris dari berkas (baris lama tetap tersimpan sebagai terhapus, dan data dicadangkan dulu).";
}

/// What the file holds, before anything is stored: the first rows and the pagu beside the
/// unit's present total.
fn preview_rows_ui(ui: &mut Ui, view: &ViewCtx, p: &crate::xlsx::import::Preview) {
    const SHOWN: usize = 30;
    let now = view.data.unit_status(p.unit_id).map_or(0, |s| s.pagu);
    ui.label(format!(
        "{}: {} ({} {})",
        text::PREVIEW_PAGU,
        format_rupiah(p.pagu),
        text::PREVIEW_NOW,
        format_rupiah(now)
    ));
    egui::CollapsingHeader::new(format!("{} ({})", text::PREVIEW_ROWS, p.rows.len()))
        .id_salt("pratinjau_impor")
        .show(ui, |ui| {
            // Sideways too: the columns may be wider than the window.
            egui::ScrollArea::both()
                .id_salt("impor_pratinjau_gulir")
                .max_height(super::widgets::room_below(ui))
                .show(ui, |ui| {
                    egui::Grid::new("pratinjau_baris")
                        .striped(true)
                        .num_columns(6)
                        .show(ui, |ui| {
                            for c in ["No", Col::Sasaran.title(), Col::Target.title()] {
                                ui.strong(c);
                            }
                            for c in [Col::Code, Col::Pagu, Col::Keterangan] {
                                ui.strong(c.title());
                            }
                            ui.end_row();
                            for (i, r) in p.rows.iter().take(SHOWN).enumerate() {
                                ui.label((i + 1).to_string());
                                ui.label(indo::ellipsis(&r.sasaran, 48));
                                ui.label(&r.target);
                                ui.label(&r.code);
                                ui.label(&r.pagu);
                                ui.label(indo::ellipsis(&r.keterangan, 32));
                                ui.end_row();
                            }
                        });
                    if p.rows.len() > SHOWN {
                        ui.label(format!("… dan {} baris lain.", p.rows.len() - SHOWN));
                    }
                });
        });
}

/// Excel out and in for the chosen unit, and the preview of a file read for import.
// Long: the Excel row of buttons, the dropped file and the preview, in page order.
/// `may_fill`: the person may fill this unit's format now; only then is a file offered in. A
/// dropped file is still previewed (it names its own unit and year, and the page turns to
/// them); storing it is the store's to refuse.
pub fn excel_ui(ui: &mut Ui, view: &ViewCtx, may_fill: bool, out: &mut Vec<Command>) {
    let unit_name = view
        .unit
        .and_then(|u| view.data.units.iter().find(|x| x.id == u))
        .map_or("", |u| u.name.as_str());
    ui.horizontal(|ui| {
        if ui.button(text::EXPORT_TEMPLATE).clicked()
            && let Some(p) = save_dialog(
                &format!("FORMAT RKT {} {}.xlsx", view.year, unit_name),
                FileKind::Excel,
            )
        {
            out.push(Command::File(FileCmd::ExportTemplate(p)));
        }
        if !may_fill {
            return;
        }
        if ui.button(text::IMPORT).clicked()
            && let Some(p) = rfd::FileDialog::new()
                .add_filter("Excel", &["xlsx"])
                .pick_file()
        {
            out.push(Command::File(FileCmd::PreviewImport(p)));
        }
        ui.label(RichText::new(text::DROP_HINT).color(theme::MUTED));
    });
    // A file from an e-mail or Explorer dropped on the window: previewed like one picked (a
    // file that is not a template is refused there, with its reason).
    let (dropped, hovering) = ui.input(|i| {
        (
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .find(|p| !p.as_os_str().is_empty()),
            !i.raw.hovered_files.is_empty(),
        )
    });
    if let Some(p) = dropped {
        out.push(Command::File(FileCmd::PreviewImport(p)));
    }
    if hovering {
        theme::notice(theme::PENDING_FILL).show(ui, |ui| {
            ui.label(RichText::new(text::DROP_HERE).strong());
        });
    }
    let Some((path, p)) = &view.data.import else {
        return;
    };
    theme::notice(theme::PENDING_FILL).show(ui, |ui| {
        // Across the page, however narrow its list.
        ui.set_min_width(ui.available_width());
        ui.label(
            RichText::new(format!(
                "Impor {}: {} tahun {} — {} baris, {} masalah",
                path.file_name().and_then(|n| n.to_str()).unwrap_or(""),
                p.unit_name,
                p.year,
                p.rows.len(),
                p.problems.len()
            ))
            .strong(),
        );
        // The decision first, and what it does: in view however long the preview below is.
        hint_ui(ui, text::IMPORT_HINT);
        ui.horizontal(|ui| {
            let ok = p.problems.is_empty();
            if ui
                .add_enabled(
                    ok,
                    egui::Button::new(format!("{} {} baris", text::IMPORT_DO, p.rows.len())),
                )
                .clicked()
            {
                out.push(Command::File(FileCmd::ConfirmImport(true)));
            }
            if ui.button(text::IMPORT_CANCEL).clicked() {
                out.push(Command::File(FileCmd::ConfirmImport(false)));
            }
        });
        for n in &p.notes {
            ui.label(RichText::new(format!("ℹ {n}")).color(theme::MUTED));
        }
        for m in p.problems.iter().take(12) {
            ui.label(RichText::new(format!("⚠ {m}")).color(theme::ERROR));
        }
        if p.problems.len() > 12 {
            ui.label(format!("… dan {} masalah lain.", p.problems.len() - 12));
        }
        preview_rows_ui(ui, view, p);
    });
}
