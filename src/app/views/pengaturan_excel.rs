//! Pengaturan → data induk through Excel: the Renstra periods, the Renstra of a period and the
//! code list as templates, and a filled workbook previewed before anything is stored.

use egui::{RichText, Ui};

use super::pengaturan_form::MasterForm;
use super::widgets::{FileKind, card_ui, hint_ui, save_dialog, section_title_ui};
use crate::app::{Command, MasterCmd, OfficeCmd, ViewCtx, theme};
use crate::session::MasterPreview;

mod text {
    pub const TITLE: &str = "Data Induk dari Excel";
    pub const PERIODS: &str = "Periode Renstra";
    pub const NO_PERIODS: &str = "Belum ada periode Renstra.";
    pub const FIRST: &str = "Tahun awal";
    pub const LAST: &str = "Tahun akhir";
    pub const ADD_PERIOD: &str = "Tambah Periode";
    pub const EXPORT_RENSTRA: &str = "Ekspor Templat Renstra...";
    pub const EXPORT_CODES: &str = "Ekspor Templat Daftar Kode...";
    pub const IMPORT: &str = "Impor Data Induk dari Excel...";
    pub const HINT: &str = "Templat Renstra berisi indikator periode itu (kosong untuk periode baru): satu baris per indikator, satu kolom target per tahun. Templat daftar kode berisi semua kode program, kegiatan, dan sub kegiatan. Isi di Excel atau LibreOffice, lalu impor: pratinjau dulu, baru disimpan setelah \"Impor\". Kode dan indikator yang masih dipakai FORMAT RKT tidak dihapus; RKT yang sudah ditandatangani tetap memakai nama kode saat ditandatangani.";
    pub const IMPORT_DO: &str = "Impor";
    pub const CANCEL: &str = "Batal";
    pub const CHANGED: &str = "Yang berubah";
    pub const REMOVED: &str = "Dihapus (tidak dipakai)";
    pub const KEPT: &str = "Tidak ada di berkas tetapi dipakai: tetap";
}

pub(super) fn master_excel_ui(
    ui: &mut Ui,
    ctx: &ViewCtx,
    form: &mut MasterForm,
    out: &mut Vec<Command>,
) {
    super::pengaturan_form::scroll_if_sent(ui, super::pengaturan_form::Section::Master);
    card_ui(ui, |ui| {
        section_title_ui(ui, text::TITLE);
        hint_ui(ui, text::HINT);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(text::PERIODS).strong());
            if ctx.data.periods.is_empty() {
                ui.label(text::NO_PERIODS);
            }
            for p in &ctx.data.periods {
                ui.label(p.label());
            }
        });
        ui.horizontal_wrapped(|ui| {
            for (label, value) in [
                (text::FIRST, &mut form.period_first),
                (text::LAST, &mut form.period_last),
            ] {
                let id = ui.label(label).id;
                ui.add(egui::TextEdit::singleline(value).desired_width(60.0))
                    .labelled_by(id);
            }
            if ui.button(text::ADD_PERIOD).clicked() {
                out.push(Command::Office(OfficeCmd::AddRenstraPeriod {
                    first_year: form.period_first.clone(),
                    last_year: form.period_last.clone(),
                }));
            }
            if ui.button(text::EXPORT_RENSTRA).clicked()
                && let Some(path) = save_dialog(
                    &format!(
                        "Renstra {}-{}.xlsx",
                        form.period_first.trim(),
                        form.period_last.trim()
                    ),
                    FileKind::Excel,
                )
            {
                out.push(Command::Master(MasterCmd::ExportRenstraTemplate {
                    first_year: form.period_first.clone(),
                    last_year: form.period_last.clone(),
                    path,
                }));
            }
        });
        ui.horizontal_wrapped(|ui| {
            if ui.button(text::EXPORT_CODES).clicked()
                && let Some(path) = save_dialog("Daftar Kode.xlsx", FileKind::Excel)
            {
                out.push(Command::Master(MasterCmd::ExportCodesTemplate(path)));
            }
            if ui.button(text::IMPORT).clicked()
                && let Some(p) = rfd::FileDialog::new()
                    .add_filter("Excel", &["xlsx"])
                    .pick_file()
            {
                out.push(Command::Master(MasterCmd::PreviewMasterImport(p)));
            }
        });
        if let Some(p) = &ctx.data.master_import {
            preview_ui(ui, p, out);
        }
    });
}

fn preview_ui(ui: &mut Ui, p: &MasterPreview, out: &mut Vec<Command>) {
    let plan = &p.plan;
    theme::notice(theme::PENDING_FILL).show(ui, |ui| {
        ui.label(
            RichText::new(format!(
                "Impor {}: {} — {} baru, {} berubah, {} dihapus, {} tetap, {} masalah",
                p.path.file_name().and_then(|n| n.to_str()).unwrap_or(""),
                p.read.book.label(),
                plan.added,
                plan.changed.len(),
                plan.removed.len(),
                plan.kept.len(),
                plan.problems.len()
            ))
            .strong(),
        );
        for n in &p.read.notes {
            ui.label(RichText::new(format!("ℹ {n}")).color(theme::MUTED));
        }
        for m in plan.problems.iter().take(12) {
            ui.label(RichText::new(format!("⚠ {m}")).color(theme::ERROR));
        }
        if plan.problems.len() > 12 {
            ui.label(format!("… dan {} masalah lain.", plan.problems.len() - 12));
        }
        for (title, lines) in [
            (text::CHANGED, &plan.changed),
            (text::REMOVED, &plan.removed),
            (text::KEPT, &plan.kept),
        ] {
            if lines.is_empty() {
                continue;
            }
            egui::CollapsingHeader::new(format!("{title} ({})", lines.len()))
                .id_salt(title)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt((title, "scroll"))
                        .max_height(160.0)
                        .show(ui, |ui| {
                            for l in lines {
                                ui.label(RichText::new(l).small());
                            }
                        });
                });
        }
        ui.horizontal(|ui| {
            if ui
                .add_enabled(plan.problems.is_empty(), egui::Button::new(text::IMPORT_DO))
                .clicked()
            {
                out.push(Command::Master(MasterCmd::ConfirmMasterImport(true)));
            }
            if ui.button(text::CANCEL).clicked() {
                out.push(Command::Master(MasterCmd::ConfirmMasterImport(false)));
            }
        });
    });
}
