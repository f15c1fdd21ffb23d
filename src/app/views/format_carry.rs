//! "Mulai dari RKT tahun lalu": offered while a year's formats are all empty; the preview per
//! unit (rows, targets old → new, rows that no longer fit the master data) before anything is
//! written.

use egui::{RichText, Ui};

use crate::app::{ActCmd, Command, ViewCtx, theme};
use crate::domain::carry::{CarryPlan, UnitPlan};

use super::widgets::{card_ui, hint_ui, section_title_ui};

mod text {
    pub const START: &str = "Mulai dari RKT Tahun Lalu...";
    pub const START_HINT: &str = "Semua FORMAT RKT tahun ini masih kosong. Baris tiap unit dapat dibawa dari RKT tahun lalu (yang ditandatangani, atau draf terakhirnya) dengan target tahun ini dari Renstra; pagu tetap untuk direvisi unit. Pratinjau dulu, belum ada yang disimpan.";
    pub const TITLE: &str = "Pratinjau: mulai dari tahun lalu";
    pub const UNIT: &str = "Unit";
    pub const ROWS: &str = "Baris dibawa";
    pub const TARGETS: &str = "Target berubah";
    pub const PROBLEMS: &str = "Bermasalah";
    pub const FILLED: &str = "sudah diisi — tidak diubah";
    pub const KEEP: &str =
        "Bawa juga baris bermasalah (tetap ditandai merah sampai diperbaiki unitnya)";
    pub const CANCEL: &str = "Batal";
    pub const DETAIL: &str = "Rincian";
}

/// The offer (when `offer`) or the preview waiting for a yes; `keep` is the user's choice for
/// the rows with a problem.
pub(super) fn carry_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    offer: bool,
    keep: &mut bool,
    out: &mut Vec<Command>,
) {
    match &view.data.carry {
        Some(plan) => preview_ui(ui, plan, keep, out),
        None if offer => card_ui(ui, |ui| {
            hint_ui(ui, text::START_HINT);
            if ui.button(text::START).clicked() {
                out.push(Command::Act(ActCmd::PreviewCarry));
            }
        }),
        None => {}
    }
}

fn preview_ui(ui: &mut Ui, plan: &CarryPlan, keep: &mut bool, out: &mut Vec<Command>) {
    card_ui(ui, |ui| {
        section_title_ui(ui, text::TITLE);
        ui.label(format!(
            "Dasar: {}. Ke FORMAT RKT {}.",
            plan.source, plan.to_year
        ));
        if plan.no_period {
            ui.colored_label(
                theme::ERROR,
                format!(
                    "Tahun {} belum masuk periode Renstra mana pun: target tidak bisa diambil dari Renstra. Tambahkan periodenya di Pengaturan → Data Induk.",
                    plan.to_year
                ),
            );
        }
        egui::Grid::new("carry_units")
            .num_columns(4)
            .striped(true)
            .spacing([16.0, 4.0])
            .show(ui, |ui| {
                for h in [text::UNIT, text::ROWS, text::TARGETS, text::PROBLEMS] {
                    ui.strong(h);
                }
                ui.end_row();
                for u in &plan.units {
                    ui.label(&u.unit);
                    if u.filled {
                        ui.label(RichText::new(text::FILLED).color(theme::MUTED));
                        ui.label("");
                        ui.label("");
                    } else {
                        ui.label(u.rows.len().to_string());
                        ui.label(u.targets_changed().to_string());
                        let p = u.problems();
                        ui.label(RichText::new(p.to_string()).color(if p > 0 {
                            theme::ERROR
                        } else {
                            theme::MUTED
                        }));
                    }
                    ui.end_row();
                }
            });
        for (unit, rows) in &plan.vanished {
            ui.colored_label(
                theme::ERROR,
                format!("{unit} tidak ada lagi di daftar unit: {rows} barisnya tidak dibawa."),
            );
        }
        egui::CollapsingHeader::new(text::DETAIL)
            .id_salt("carry_detail")
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .max_height(260.0)
                    .id_salt("carry_detail_scroll")
                    .show(ui, |ui| {
                        for u in plan.units.iter().filter(|u| !u.filled) {
                            unit_detail_ui(ui, u);
                        }
                    });
            });
        let problems = plan.problems();
        if problems > 0 {
            ui.checkbox(keep, format!("{} ({problems} baris)", text::KEEP));
        }
        let n = plan.rows_written(*keep);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(n > 0, egui::Button::new(format!("Bawa {n} Baris")))
                .clicked()
            {
                out.push(Command::Act(ActCmd::Carry {
                    keep_problems: *keep,
                }));
            }
            if ui.button(text::CANCEL).clicked() {
                out.push(Command::Act(ActCmd::CancelCarry));
            }
        });
    });
}

fn unit_detail_ui(ui: &mut Ui, u: &UnitPlan) {
    let changed = u.rows.iter().filter(|r| r.target_changed());
    let troubled = u.rows.iter().filter(|r| !r.problems.is_empty());
    if u.targets_changed() + u.problems() == 0 {
        return;
    }
    ui.strong(&u.unit);
    for r in changed {
        ui.label(format!(
            "Target {}: {} → {}",
            r.values.indikator, r.old_target, r.values.target
        ));
    }
    for r in troubled {
        ui.colored_label(
            theme::ERROR,
            format!("{}: {}", r.values.code, r.problems.join("; ")),
        );
    }
}
