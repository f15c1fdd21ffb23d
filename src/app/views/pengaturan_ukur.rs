//! Pengaturan's Pengukuran Kinerja card (a pengelola's): the working day after each quarter
//! its realisation reports are due, and the capaian category scale as one line, its legend
//! previewed as typed. The store checks both and refuses bad input with its own sentence.

use egui::{RichText, Ui};

use crate::app::{Command, OfficeCmd, ViewCtx, theme};
use crate::domain::capaian::CategoryScale;
use crate::store::DUE_DAYS_RANGE;

use super::pengaturan_form::MeasureForm;
use super::widgets::{card_ui, hint_ui, labelled_edit, section_title_ui};

mod text {
    pub const TITLE: &str = "Pengukuran Kinerja";
    pub const DUE_DAYS: &str = "Batas laporan realisasi (hari kerja ke-)";
    pub const SCALE: &str = "Skala kategori capaian";
    pub const SAVE_DUE: &str = "Simpan Batas Laporan";
    pub const SAVE_SCALE: &str = "Simpan Skala Kategori";
    pub const PREVIEW: &str = "Pratinjau keterangan skala:";
    pub const SCALE_HINT: &str = "Tulis batas bawah tiap kategori (%), titik dua, lalu namanya; pisahkan dengan titik koma, mis. \"91: Sangat Baik; 76: Baik; 66: Cukup; 51: Kurang; 0: Sangat Kurang\". Skala ini dicetak di setiap laporan.";
}

pub fn measure_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut MeasureForm, out: &mut Vec<Command>) {
    card_ui(ui, |ui| {
        section_title_ui(ui, text::TITLE);
        egui::Grid::new("pengukuran").num_columns(2).show(ui, |ui| {
            labelled_edit(ui, text::DUE_DAYS, &mut form.due_days);
            labelled_edit(ui, text::SCALE, &mut form.scale);
        });
        hint_ui(
            ui,
            &format!(
                "Laporan realisasi triwulan jatuh tempo pada hari kerja ke-{} sesudah triwulan berakhir (hari libur tidak dihitung); boleh {}–{}.",
                ctx.data.measures.due_days,
                DUE_DAYS_RANGE.start(),
                DUE_DAYS_RANGE.end()
            ),
        );
        hint_ui(ui, text::SCALE_HINT);
        // What the reports would print, before it is saved; the store checks it again.
        ui.label(RichText::new(text::PREVIEW).strong());
        match CategoryScale::parse(&form.scale) {
            Ok(scale) => {
                for line in scale.legend() {
                    ui.label(format!("• {line}"));
                }
            }
            Err(e) => {
                ui.add(
                    egui::Label::new(RichText::new(format!("⚠ {e}")).color(theme::ERROR)).wrap(),
                );
            }
        }
        ui.horizontal(|ui| {
            if ui.button(text::SAVE_DUE).clicked() {
                out.push(Command::Office(OfficeCmd::SaveDueDays(
                    form.due_days.clone(),
                )));
            }
            if ui.button(text::SAVE_SCALE).clicked() {
                out.push(Command::Office(OfficeCmd::SaveCategoryScale(
                    form.scale.clone(),
                )));
            }
        });
    });
}
