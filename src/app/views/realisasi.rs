//! Realisasi: after each quarter, each unit reports the realisation of its Rencana Aksi
//! indikator (with the capaian beside it), kendala and tindak lanjut, the budget its sub
//! kegiatan realised, and the evidence; then submits it, which locks the quarter for it.

use egui::{RichText, Ui};

use crate::app::{ActCmd, Command, ViewCmd, ViewCtx, theme};
use crate::domain::indo;
use crate::domain::quarter::Quarter;

use super::realisasi_form::{RealisasiForm, text};
use super::widgets::{hint_ui, section_title_ui};

pub fn realisasi_ui(ui: &mut Ui, view: &ViewCtx, form: &mut RealisasiForm, out: &mut Vec<Command>) {
    let plan = &view.data.plan;
    let q = Quarter::new(view.quarter).unwrap_or(Quarter::ALL[0]);
    ui.horizontal_wrapped(|ui| {
        section_title_ui(ui, &format!("Realisasi {} {}", q.short(), view.year));
        ui.separator();
        quarter_picker_ui(ui, view, form, q, out);
        if !plan.real_rows.is_empty() {
            ui.separator();
            super::year_excel::real_excel_ui(ui, view, q, out);
        }
    });
    ui.separator();
    if plan.signed.is_none() {
        hint_ui(ui, text::NOT_SIGNED);
    }
    let open = q.open_on(view.year, view.now.date());
    let share = if plan.real_rows.is_empty() {
        1.0
    } else {
        theme::TOOLS_SHARE
    };
    let locked = super::widgets::above_table_ui(ui, "realisasi_alat", share, |ui| {
        tools_ui(ui, view, form, q, open.err(), out)
    });
    if plan.real_rows.is_empty() {
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("realisasi_gulir")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            super::realisasi_table::table_ui(ui, view, form, q, out, locked);
            ui.add_space(theme::SPACE_L);
            super::realisasi_bukti::budget_ui(ui, view, form, (q, locked), out);
            ui.add_space(theme::SPACE_L);
            super::realisasi_bukti::evidence_ui(ui, view, form, (q, locked), out);
        });
}

/// TW I to IV; a quarter not yet ended is greyed out, and says why on hover.
fn quarter_picker_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    form: &mut RealisasiForm,
    shown: Quarter,
    out: &mut Vec<Command>,
) {
    ui.label(text::QUARTER);
    for q in Quarter::ALL {
        let why = q.open_on(view.year, view.now.date()).err();
        let resp = ui
            .add_enabled(
                why.is_none() || q == shown,
                egui::Button::selectable(q == shown, q.short()),
            )
            .on_disabled_hover_text(why.unwrap_or_default());
        if resp.clicked() && q != shown {
            let rows = &view.data.plan.real_rows;
            out.extend(
                form.grid
                    .pending(&|id| rows.iter().any(|r| r.plan.id == id)),
            );
            form.grid.selected = None;
            form.budget.clear();
            out.push(Command::View(ViewCmd::SelectQuarter(q.number())));
        }
    }
}

/// The unit, its report's state and due date, who may fill it, submitting and reopening;
/// whether the tables are read-only.
fn tools_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    form: &mut RealisasiForm,
    q: Quarter,
    not_open: Option<String>,
    out: &mut Vec<Command>,
) -> bool {
    let plan = &view.data.plan;
    let status = |u: i64| {
        plan.statuses
            .iter()
            .find(|s| s.unit.id == u)
            .map_or(String::new(), |s| s.label().to_string())
    };
    ui.horizontal_wrapped(|ui| {
        let rows = &plan.real_rows;
        let grid = &mut form.grid;
        let mut leaving = || grid.pending(&|id| rows.iter().any(|r| r.plan.id == id));
        if super::unit_gate::unit_picker_ui(ui, view, "unit_realisasi", &status, &mut leaving, out)
        {
            form.grid.selected = None;
            form.budget.clear();
        }
        if let Some(s) = view
            .unit
            .and_then(|u| plan.statuses.iter().find(|s| s.unit.id == u))
        {
            let color = if s.late {
                theme::ERROR
            } else {
                ui.visuals().text_color()
            };
            ui.label(
                RichText::new(format!("· {}", s.label()))
                    .strong()
                    .color(color),
            );
        }
        if let Some(due) = plan.due {
            ui.label(format!("· {}: {}", text::DUE, indo::date(due)));
        }
        ui.label(RichText::new(text::KEYS_SHORT).color(theme::MUTED))
            .on_hover_text(text::KEYS);
    });
    if let Some(why) = not_open {
        hint_ui(ui, &why);
        return true;
    }
    if plan.real_rows.is_empty() {
        if plan.signed.is_some() {
            hint_ui(ui, text::NO_ROWS);
        }
        return true;
    }
    if let Some(sub) = &plan.submission {
        theme::notice(theme::LOCKED_FILL).show(ui, |ui| {
            ui.label(
                RichText::new(format!(
                    "Dilaporkan oleh {} pada {}. Realisasi {} unit ini terkunci (hanya baca).",
                    sub.submitted_by,
                    indo::datetime(sub.submitted_at),
                    q.short()
                ))
                .strong(),
            );
            if super::unit_gate::in_tim(view) {
                ui.horizontal(|ui| {
                    let id = ui.label(text::REOPEN_REASON).id;
                    ui.add(
                        egui::TextEdit::singleline(&mut form.reopen_reason).desired_width(360.0),
                    )
                    .labelled_by(id);
                    if ui.button(text::REOPEN).clicked() {
                        out.push(Command::Act(ActCmd::ReopenRealisation {
                            reason: std::mem::take(&mut form.reopen_reason),
                        }));
                    }
                });
            }
        });
        return true;
    }
    if plan.signed.is_none() {
        return true;
    }
    let submit = format!("✉ {} {}", text::SUBMIT, q.short());
    let pressed = super::grid_table::gate_and_undo_ui(
        ui,
        view,
        "Realisasi",
        (&mut form.proxy_reason, &form.grid),
        out,
        |ui| {
            ui.separator();
            ui.button(RichText::new(submit).strong()).clicked()
        },
    );
    if pressed == Some(true) {
        // What is still being typed goes in first.
        let rows = &plan.real_rows;
        out.extend(
            form.grid
                .pending(&|id| rows.iter().any(|r| r.plan.id == id)),
        );
        out.push(Command::Act(ActCmd::SubmitRealisation));
    }
    let may_edit = pressed.is_some();
    !may_edit
}
