//! Pengaturan → data induk through Excel: the Renstra periods, the Renstra of a period and the
//! code list as templates, and a filled workbook previewed before anything is stored.

use egui::{RichText, Ui};

use super::file_dialog;
use super::pengaturan_form::{MasterForm, RenstraChoice};
use super::widgets::{FileKind, card_ui, hint_ui, section_title_ui};
use crate::app::{Command, MasterCmd, OfficeCmd, ViewCtx, theme};
use crate::session::MasterPreview;

mod text {
    pub const TITLE: &str = "Data Induk dari Excel";
    pub const PERIODS: &str = "Periode Renstra";
    pub const NO_PERIODS: &str = "belum ada.";
    pub const PERIOD: &str = "Periode templat Renstra";
    pub const NEW_PERIOD: &str = "Periode baru…";
    pub const FIRST: &str = "Tahun awal";
    pub const LAST: &str = "Tahun akhir";
    pub const ADD_PERIOD: &str = "Tambah Periode";
    pub const EXPORT_RENSTRA: &str = "Ekspor Templat Renstra...";
    pub const EXPORT_CODES: &str = "Ekspor Templat Daftar Kode...";
    pub const IMPORT: &str = "Impor Data Induk dari Excel...";
    pub const HINT: &str = "Templat Renstra berisi indikator periode yang dipilih (kosong untuk periode baru): satu baris per indikator, satu kolom target per tahun. Templat daftar kode berisi semua kode program, kegiatan, dan sub kegiatan. Isi di Excel atau LibreOffice (untuk menghapus sebuah kode atau indikator, kosongkan isi barisnya: lembar templat terkunci sehingga barisnya tidak bisa dihapus), lalu impor: pratinjau dulu, baru disimpan setelah \"Impor\". Kode dan indikator yang masih dipakai FORMAT RKT tidak dihapus; RKT yang sudah ditandatangani tetap memakai nama kode saat ditandatangani.";
    pub const IMPORT_DO: &str = "Impor";
    pub const CANCEL: &str = "Batal";
    pub const ADDED: &str = "Baru";
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
        // The preview first, where the person looks after choosing the file.
        match &ctx.data.master_import {
            Some(p) => preview_ui(ui, p, out),
            None => forget_scrolled(ui),
        }
        hint_ui(ui, text::HINT);
        let periods: Vec<String> = ctx.data.periods.iter().map(|p| p.label()).collect();
        ui.label(format!(
            "{}: {}",
            text::PERIODS,
            if periods.is_empty() {
                text::NO_PERIODS.to_string()
            } else {
                periods.join(", ")
            }
        ));
        renstra_template_ui(ui, ctx, form, out);
        ui.horizontal_wrapped(|ui| {
            if ui.button(text::EXPORT_CODES).clicked()
                && let Some(path) =
                    file_dialog::save_kind(ctx.data_dir, "Daftar Kode.xlsx", FileKind::Excel)
            {
                out.push(Command::Master(MasterCmd::ExportCodesTemplate(path)));
            }
            if ui.button(text::IMPORT).clicked()
                && let Some(p) = file_dialog::open(ctx.data_dir, "Excel", &["xlsx"])
            {
                out.push(Command::Master(MasterCmd::PreviewMasterImport(p)));
            }
        });
    });
}

/// The period chosen first (one of the list, or a new one whose years are checked here), then
/// the save dialog, named for that period: a dialog never opens only to be refused after.
fn renstra_template_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut MasterForm, out: &mut Vec<Command>) {
    let periods: Vec<(i32, i32)> = ctx
        .data
        .periods
        .iter()
        .map(|p| (p.first_year, p.last_year))
        .collect();
    // A new period, once added (by its button, or by importing the template made for it), is
    // chosen as itself (its fields emptied for the next).
    let typed = (form.renstra_choice == Some(RenstraChoice::New))
        .then(|| crate::domain::parse_period(&form.period_first, &form.period_last).ok())
        .flatten();
    if let Some((f, l)) = form.period_added.or(typed)
        && periods.contains(&(f, l))
    {
        form.renstra_choice = Some(RenstraChoice::Period(f, l));
        form.period_added = None;
        form.period_first.clear();
        form.period_last.clear();
    }
    let choice = form.renstra_choice.unwrap_or_else(|| {
        let year = ctx.data.master.period.map(|p| (p.first_year, p.last_year));
        year.or(periods.last().copied())
            .map_or(RenstraChoice::New, |(f, l)| RenstraChoice::Period(f, l))
    });
    let label = |c: RenstraChoice| match c {
        RenstraChoice::Period(f, l) => format!("{f}–{l}"),
        RenstraChoice::New => text::NEW_PERIOD.to_string(),
    };
    let mut chosen = choice;
    ui.horizontal_wrapped(|ui| {
        let id = ui.label(text::PERIOD).id;
        egui::ComboBox::from_id_salt("periode_templat_renstra")
            .selected_text(label(choice))
            .show_ui(ui, |ui| {
                for c in periods
                    .iter()
                    .map(|(f, l)| RenstraChoice::Period(*f, *l))
                    .chain([RenstraChoice::New])
                {
                    ui.selectable_value(&mut chosen, c, label(c));
                }
            })
            .response
            .labelled_by(id);
        if chosen == RenstraChoice::New {
            for (label, value) in [
                (text::FIRST, &mut form.period_first),
                (text::LAST, &mut form.period_last),
            ] {
                let id = ui.label(label).id;
                ui.add(egui::TextEdit::singleline(value).desired_width(60.0))
                    .labelled_by(id);
            }
            if ui.button(text::ADD_PERIOD).clicked() {
                form.period_added =
                    crate::domain::parse_period(&form.period_first, &form.period_last).ok();
                out.push(Command::Office(OfficeCmd::AddRenstraPeriod {
                    first_year: form.period_first.clone(),
                    last_year: form.period_last.clone(),
                }));
            }
        }
        if ui.button(text::EXPORT_RENSTRA).clicked() {
            let years = match chosen {
                RenstraChoice::Period(f, l) => Ok((f, l)),
                RenstraChoice::New => crate::domain::parse_new_period(
                    &form.period_first,
                    &form.period_last,
                    periods.iter().copied(),
                ),
            };
            form.renstra_error = years.as_ref().err().cloned();
            if let Ok((first_year, last_year)) = years
                && let Some(path) = file_dialog::save_kind(
                    ctx.data_dir,
                    &format!("Templat Renstra {first_year}-{last_year}.xlsx"),
                    FileKind::Excel,
                )
            {
                out.push(Command::Master(MasterCmd::ExportRenstraTemplate {
                    first_year,
                    last_year,
                    path,
                }));
            }
        }
    });
    if chosen != choice {
        form.renstra_error = None;
    }
    form.renstra_choice = Some(chosen);
    if let Some(e) = &form.renstra_error {
        ui.label(RichText::new(format!("⚠ {e}")).color(theme::ERROR));
    }
}

fn scrolled_key() -> egui::Id {
    egui::Id::unique("pratinjau_data_induk_digulir")
}

/// No preview now: the next one (even of the same file) is scrolled to again.
fn forget_scrolled(ui: &Ui) {
    ui.ctx().data_mut(|d| d.remove::<String>(scrolled_key()));
}

fn preview_ui(ui: &mut Ui, p: &MasterPreview, out: &mut Vec<Command>) {
    let plan = &p.plan;
    let shown = theme::notice(theme::PENDING_FILL).show(ui, |ui| {
        ui.label(
            RichText::new(format!(
                "Impor {}: {} — {} baru, {} berubah, {} dihapus, {} tetap, {} masalah",
                p.path.file_name().and_then(|n| n.to_str()).unwrap_or(""),
                p.read.book.label(),
                plan.added.len(),
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
            (text::ADDED, &plan.added),
            (text::CHANGED, &plan.changed),
            (text::REMOVED, &plan.removed),
            (text::KEPT, &plan.kept),
        ] {
            if lines.is_empty() {
                continue;
            }
            egui::CollapsingHeader::new(format!("{title} ({})", lines.len()))
                .id_salt(title)
                // A few are named at once ("1 baru: 1.05.02.2.03 …"); a long list waits.
                .default_open(lines.len() <= 10)
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
    // Brought into view once, when it appears (the card can sit below the window's edge).
    let this = format!("{}|{}", p.path.display(), p.read.book.label());
    let seen = ui.ctx().data(|d| d.get_temp::<String>(scrolled_key()));
    if seen.as_deref() != Some(this.as_str()) {
        shown.response.scroll_to_me(Some(egui::Align::TOP));
        ui.ctx().data_mut(|d| d.insert_temp(scrolled_key(), this));
    }
}
