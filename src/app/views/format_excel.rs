//! Excel on the Format RKT page: the chosen unit's template out, a filled one in (picked or
//! dropped on the window), and the preview of what it holds before anything is stored.

use egui::{RichText, Ui};

use super::file_dialog;
use super::widgets::{FileKind, hint_ui};
use crate::app::{Command, FileCmd, ViewCtx, theme};

mod text {
    pub const EXPORT_TEMPLATE: &str = "Ekspor Templat Excel...";
    pub const IMPORT: &str = "Impor dari Excel...";
    pub const IMPORT_DO: &str = "Impor";
    pub const DROP_HINT: &str = "atau seret berkas .xlsx ke jendela ini";
    pub const DROP_HERE: &str =
        "Lepaskan berkas Excel untuk melihat pratinjau impornya (belum ada yang disimpan).";
    pub const IMPORT_CANCEL: &str = "Batal Impor";
    pub const IMPORT_HINT: &str = "Baris unit ini diganti seluruhnya dengan baris dari berkas (baris lama tetap tersimpan sebagai terhapus, dan data dicadangkan dulu). Tabel unit tampil lagi setelah Impor atau Batal Impor.";
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
            && let Some(p) = file_dialog::save_kind(
                view.data_dir,
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
            && let Some(p) = file_dialog::open(view.data_dir, "Excel", &["xlsx"])
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
        super::format_excel_rows::preview_rows_ui(ui, view, p);
    });
}
