//! The identity page of the SOP (SOP AP format), laid out as the office's document.

use egui::{RichText, Ui};

use crate::app::{ViewCtx, theme};
use crate::domain::indo;

use super::widgets::card_ui;

mod text {
    pub const NUMBER: &str = "Nomor SOP";
    pub const CREATED: &str = "Tanggal Pembuatan";
    pub const REVISED: &str = "Tanggal Revisi";
    pub const RATIFIED: &str = "Tanggal Pengesahan";
    pub const RATIFIED_BY: &str = "Disahkan oleh";
    pub const NAME: &str = "Nama SOP";
    pub const LEGAL: &str = "Dasar Hukum";
    pub const QUALIFICATIONS: &str = "Kualifikasi Pelaksana";
    pub const RELATED: &str = "Keterkaitan";
    pub const EQUIPMENT: &str = "Peralatan/Perlengkapan";
    pub const WARNINGS: &str = "Peringatan";
    pub const RECORDS: &str = "Pencatatan dan Pendataan";
    pub const NONE: &str = "—";
}

fn numbered_ui(ui: &mut Ui, title: &str, items: &[String]) {
    ui.label(RichText::new(format!("{title}:")).strong());
    if items.is_empty() {
        ui.label(text::NONE);
    }
    for (i, item) in items.iter().enumerate() {
        ui.add(egui::Label::new(format!("{}. {item}", i + 1)).wrap());
    }
}

pub fn identity_ui(ui: &mut Ui, view: &ViewCtx) {
    let id = &view.sop.identity;
    let date =
        |d: Option<chrono::NaiveDate>| d.map(indo::date).unwrap_or_else(|| text::NONE.into());
    egui::ScrollArea::both()
        .id_salt("alur_identitas")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            super::widgets::fit_page_width(ui);
            // A page's width on a wide screen; the window's on a narrower one.
            ui.set_max_width(ui.available_width().min(1100.0));
            card_ui(ui, |ui| {
                ui.columns(2, |cols| {
                    cols[0].vertical_centered(|ui| {
                        ui.add_space(theme::SPACE_XL);
                        ui.label(
                            RichText::new(id.agency.to_uppercase())
                                .family(theme::bold_family())
                                .size(17.0),
                        );
                    });
                    egui::Grid::new("identitas_sop")
                        .num_columns(2)
                        .spacing([10.0, 6.0])
                        .show(&mut cols[1], |ui| {
                            for (k, v) in [
                                (text::NUMBER, id.number.clone()),
                                (text::CREATED, date(id.created)),
                                (text::REVISED, date(id.revised)),
                                (text::RATIFIED, date(id.ratified)),
                                (text::RATIFIED_BY, id.ratified_by.clone()),
                                (text::NAME, id.name.clone()),
                            ] {
                                ui.label(RichText::new(k).color(theme::MUTED));
                                ui.label(format!(": {v}"));
                                ui.end_row();
                            }
                        });
                });
            });
            for (left, right) in [
                (
                    (text::LEGAL, &id.legal_basis),
                    (text::QUALIFICATIONS, &id.qualifications),
                ),
                (
                    (text::RELATED, &id.related),
                    (text::EQUIPMENT, &id.equipment),
                ),
                ((text::WARNINGS, &id.warnings), (text::RECORDS, &id.records)),
            ] {
                ui.add_space(theme::SPACE);
                card_ui(ui, |ui| {
                    ui.columns(2, |cols| {
                        numbered_ui(&mut cols[0], left.0, left.1);
                        numbered_ui(&mut cols[1], right.0, right.1);
                    });
                });
            }
            if !id.place_and_date.is_empty() {
                ui.add_space(theme::SPACE);
                ui.label(RichText::new(&id.place_and_date).color(theme::MUTED));
            }
        });
}
