//! Alur SOP: for now the SOP's steps as a table with their live state. The swimlane
//! flowchart (SOP AP notation) is built by the next stage.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::app::{ViewCtx, theme};
use crate::domain::indo;
use crate::domain::sop::Symbol;

use super::widgets::{hint_ui, section_title_ui, state_badge_ui};

mod text {
    pub const PENDING: &str = "Diagram alir (swimlane) SOP dibangun pada tahap berikutnya; sementara ini langkah SOP ditampilkan sebagai tabel.";
    pub const HEADERS: [&str; 8] = [
        "No",
        "Uraian Prosedur",
        "Pelaksana",
        "Kelengkapan",
        "Waktu",
        "Output",
        "Status",
        "Batas waktu / selesai",
    ];
}

fn symbol_name(s: Symbol) -> &'static str {
    match s {
        Symbol::Start => "Mulai",
        Symbol::Process => "Proses",
        Symbol::Decision => "Keputusan",
        Symbol::End => "Selesai",
    }
}

pub fn alur_ui(ui: &mut Ui, ctx: &ViewCtx) {
    let id = &ctx.sop.identity;
    section_title_ui(ui, &format!("{} — Nomor {}", id.name, id.number));
    hint_ui(
        ui,
        &format!("Sumber: {}. {}", ctx.sop_source.describe(), text::PENDING),
    );
    ui.add_space(theme::SPACE);
    TableBuilder::new(ui)
        .id_salt("alur_tabel")
        .striped(true)
        .column(Column::exact(36.0))
        .column(Column::initial(300.0).at_least(180.0))
        .column(Column::initial(230.0))
        .column(Column::initial(150.0))
        .column(Column::exact(80.0))
        .column(Column::initial(150.0))
        .column(Column::exact(110.0))
        .column(Column::remainder())
        .header(24.0, |mut h| {
            for t in text::HEADERS {
                h.col(|ui| {
                    ui.strong(t);
                });
            }
        })
        .body(|mut body| {
            for (step, view) in ctx.sop.steps.iter().zip(&ctx.steps) {
                body.row(44.0, |mut row| {
                    row.col(|ui| {
                        ui.label(step.no.to_string());
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(&step.text).wrap())
                            .on_hover_text(symbol_name(step.symbol));
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(ctx.sop.lane_names(step)).wrap());
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(&step.equipment).wrap());
                    });
                    row.col(|ui| {
                        ui.label(step.duration.to_string());
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(&step.output).wrap());
                    });
                    row.col(|ui| state_badge_ui(ui, view.state));
                    row.col(|ui| {
                        let t = match &view.done {
                            Some(d) => format!("{} · {}", d.actor_name, indo::datetime_short(d.at)),
                            None => view.due.map(indo::datetime_short).unwrap_or_default(),
                        };
                        ui.label(RichText::new(t).small());
                    });
                });
            }
        });
}
