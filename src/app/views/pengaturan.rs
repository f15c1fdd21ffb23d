//! Pengaturan: the office's data, working hours and holidays, and the page's layout (its other
//! cards in pengaturan_unit, pengaturan_pejabat, pengaturan_induk and pengaturan_sistem).

use egui::Ui;

use crate::app::{Command, OfficeCmd, ViewCtx, theme};
use crate::domain::indo;

use super::pengaturan_form::{PengaturanForm, Section, scroll_if_sent, text};
use super::widgets::{card_ui, hint_ui, labelled_edit, section_title_ui};

pub fn pengaturan_ui(
    ui: &mut Ui,
    ctx: &ViewCtx,
    form: &mut PengaturanForm,
    out: &mut Vec<Command>,
) {
    egui::ScrollArea::both()
        .id_salt("pengaturan_gulir")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            super::widgets::fit_page_width(ui);
            // Office data, officials, holidays and master data are a pengelola's to change
            // (the store refuses anyone else); others see them greyed, with the reason. The
            // very first official of an empty office is added before anyone can sign in.
            let manages = ctx.acting.is_some_and(|o| o.pengelola);
            if !manages {
                hint_ui(ui, text::PENGELOLA_ONLY);
            }
            ui.columns(2, |cols| {
                cols[0].add_enabled_ui(manages, |ui| {
                    office_ui(ui, ctx, form, out);
                    ui.add_space(theme::SPACE);
                    hours_ui(ui, ctx, form, out);
                    ui.add_space(theme::SPACE);
                    super::pengaturan_ukur::measure_ui(ui, ctx, &mut form.measure, out);
                    ui.add_space(theme::SPACE);
                    holidays_ui(ui, ctx, form, out);
                    ui.add_space(theme::SPACE);
                    super::pengaturan_unit::units_ui(ui, ctx, &mut form.unit, out);
                });
                cols[0].add_space(theme::SPACE);
                super::pengaturan_sistem::backups_ui(&mut cols[0], ctx, &mut form.restore, out);
                let first = ctx.data.officials.is_empty();
                cols[1].add_enabled_ui(manages || first, |ui| {
                    super::pengaturan_pejabat::officials_ui(ui, ctx, form, out);
                });
                cols[1].add_space(theme::SPACE);
                cols[1].add_enabled_ui(manages, |ui| {
                    super::pengaturan_induk::master_ui(ui, ctx, &mut form.master, out);
                });
                cols[1].add_space(theme::SPACE);
                super::pengaturan_sistem::signing_ui(&mut cols[1], ctx, &mut form.pin, out);
                cols[1].add_space(theme::SPACE);
                super::pengaturan_sertifikat::certificates_ui(
                    &mut cols[1],
                    ctx,
                    &mut form.key,
                    out,
                );
                cols[1].add_space(theme::SPACE);
                super::pengaturan_sistem::system_ui(&mut cols[1], ctx, out);
            });
        });
}

fn office_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut PengaturanForm, out: &mut Vec<Command>) {
    scroll_if_sent(ui, Section::Office);
    card_ui(ui, |ui| {
        section_title_ui(ui, text::OFFICE);
        let left = egui::Grid::new("kantor")
            .num_columns(2)
            .show(ui, |ui| {
                labelled_edit(ui, text::OFFICE_NAME, &mut form.office.name).lost_focus()
                    | labelled_edit(ui, text::OFFICE_ADDRESS, &mut form.office.address).lost_focus()
                    | labelled_edit(ui, text::OFFICE_CITY, &mut form.office.city).lost_focus()
                    | labelled_edit(ui, text::BUPATI_NAME, &mut form.office.bupati_name)
                        .lost_focus()
                    | labelled_edit(ui, text::BUPATI_POSITION, &mut form.office.bupati_position)
                        .lost_focus()
                    | labelled_edit(ui, text::BUPATI_NIP, &mut form.office.bupati_nip).lost_focus()
            })
            .inner;
        hint_ui(ui, text::SAVED_ON_LEAVE);
        // Saved when a changed field is left, like a spreadsheet cell, or with the button.
        let changed = form.office != ctx.data.settings.office;
        if ui.button(text::SAVE_OFFICE).clicked() || (left && changed) {
            out.push(Command::Office(OfficeCmd::SaveOffice(form.office.clone())));
        }
    });
}

fn hours_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut PengaturanForm, out: &mut Vec<Command>) {
    card_ui(ui, |ui| {
        section_title_ui(ui, text::HOURS);
        let left = egui::Grid::new("jam_kerja")
            .num_columns(2)
            .show(ui, |ui| {
                labelled_edit(ui, text::HOURS_START, &mut form.hours_start).lost_focus()
                    | labelled_edit(ui, text::HOURS_END, &mut form.hours_end).lost_focus()
            })
            .inner;
        hint_ui(ui, text::HOURS_HINT);
        let hours = &ctx.data.settings.hours;
        let changed =
            form.hours_start != indo::time(hours.start) || form.hours_end != indo::time(hours.end);
        if ui.button(text::SAVE_HOURS).clicked() || (left && changed) {
            out.push(Command::Office(OfficeCmd::SaveWorkingHours {
                start: form.hours_start.clone(),
                end: form.hours_end.clone(),
            }));
        }
    });
}

fn holidays_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut PengaturanForm, out: &mut Vec<Command>) {
    scroll_if_sent(ui, Section::Holidays);
    card_ui(ui, |ui| {
        section_title_ui(ui, text::HOLIDAYS);
        if ctx.data.holidays.is_empty() {
            hint_ui(ui, text::NO_HOLIDAYS);
        }
        // The button first (as "Ubah" before each official) and the name last, where it wraps
        // within the card: a long name in the middle column made the grid wider than its column.
        egui::Grid::new("libur")
            .num_columns(3)
            .striped(true)
            .show(ui, |ui| {
                for h in &ctx.data.holidays {
                    if ui.small_button(text::REMOVE).clicked() {
                        out.push(Command::Office(OfficeCmd::RemoveHoliday(h.day)));
                    }
                    ui.label(indo::date_with_day(h.day));
                    ui.add(egui::Label::new(&h.name).wrap());
                    ui.end_row();
                }
            });
        ui.separator();
        egui::Grid::new("libur_baru").num_columns(2).show(ui, |ui| {
            labelled_edit(ui, text::HOLIDAY_DATE, &mut form.holiday.day);
            labelled_edit(ui, text::HOLIDAY_NAME, &mut form.holiday.name);
        });
        if ui.button(text::ADD_HOLIDAY).clicked() {
            out.push(Command::Office(OfficeCmd::AddHoliday {
                day: form.holiday.day.clone(),
                name: form.holiday.name.clone(),
            }));
        }
    });
}
