//! Below the quarter's indikator table: the budget the unit's sub kegiatan realised (typed in
//! rupiah, saved when the field is left) with its serapan, and the evidence of the row chosen
//! (opened, removed, added from a file).

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::app::{ActCmd, Command, FileCmd, ViewCtx, theme};
use crate::domain::action_plan::parse_budget;
use crate::domain::evidence::size_words;
use crate::domain::indo;
use crate::domain::measure::serapan;
use crate::domain::quarter::Quarter;
use crate::domain::rkt::format_rupiah;

use super::realisasi_form::{RealisasiForm, text};
use super::widgets::{hint_ui, section_title_ui};

/// The extensions the evidence dialog offers (the store tells a file by its first bytes).
const EXTENSIONS: [&str; 5] = ["pdf", "jpg", "jpeg", "png", "xlsx"];

/// The unit's sub kegiatan in quarter `q`; `locked`: shown, not typed.
pub(super) fn budget_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    form: &mut RealisasiForm,
    (q, locked): (Quarter, bool),
    out: &mut Vec<Command>,
) {
    section_title_ui(ui, &format!("{} {}", text::BUDGET, q.short()));
    let budget = &view.data.plan.budget;
    if budget.is_empty() {
        hint_ui(ui, text::NO_BUDGET);
        return;
    }
    let real_title = format!("Realisasi Anggaran {}", q.short());
    let serapan_title = format!("Serapan {}", q.short());
    TableBuilder::new(ui)
        .id_salt(("anggaran", view.unit, q.number()))
        .striped(true)
        .vscroll(false)
        .column(Column::initial(420.0).clip(true))
        .column(Column::initial(150.0))
        .column(Column::initial(190.0))
        .column(Column::initial(110.0))
        .header(24.0, |mut h| {
            for t in [
                "Sub Kegiatan",
                "Pagu",
                real_title.as_str(),
                serapan_title.as_str(),
            ] {
                h.col(|ui| {
                    ui.strong(t);
                });
            }
        })
        .body(|body| {
            body.rows(super::grid_table::ROW_H, budget.len(), |mut row| {
                let b = &budget[row.index()];
                let name = view
                    .data
                    .master
                    .code(&b.code)
                    .map_or(String::new(), |c| c.name.clone());
                row.col(|ui| {
                    super::grid_table::shown_cell_ui(ui, &format!("{} — {name}", b.code));
                });
                row.col(|ui| {
                    super::grid_table::figure_cell_ui(
                        ui,
                        &format_rupiah(b.pagu),
                        ui.visuals().text_color(),
                    );
                });
                row.col(|ui| {
                    if locked {
                        super::grid_table::figure_cell_ui(ui, &b.amount, ui.visuals().text_color());
                        return;
                    }
                    let typed = form
                        .budget
                        .entry(b.code.clone())
                        .or_insert_with(|| b.amount.clone());
                    let output = egui::TextEdit::singleline(typed)
                        .align(egui::Align2::RIGHT_CENTER)
                        .desired_width(f32::INFINITY)
                        .show(ui);
                    let resp = output.response.clone();
                    // As in a spreadsheet: what is typed into an amount replaces it.
                    if resp.gained_focus() {
                        let mut state = output.state;
                        let all = egui::text::CCursorRange::two(
                            egui::text::CCursor::new(0),
                            egui::text::CCursor::new(typed.chars().count()),
                        );
                        state.cursor.set_char_range(Some(all));
                        state.store(ui.ctx(), resp.id);
                    }
                    let name = format!("{real_title} {}", b.code);
                    resp.widget_info(|| {
                        let mut info =
                            egui::WidgetInfo::labeled(egui::Role::TextInput, true, &name);
                        info.current_text_value = Some(typed.clone());
                        info
                    });
                    if resp.lost_focus() && *typed != b.amount {
                        out.push(Command::Act(ActCmd::SetBudget {
                            code: b.code.clone(),
                            amount: typed.clone(),
                        }));
                        // Read again from the database, as stored (or as it was, if refused).
                        form.budget.remove(&b.code);
                    }
                });
                row.col(|ui| {
                    let share = parse_budget(&b.amount)
                        .ok()
                        .flatten()
                        .and_then(|v| serapan(b.pagu, v));
                    let shown = share.map_or(String::new(), |s| {
                        format!("{} %", indo::decimal((s * 100.0).round() / 100.0))
                    });
                    super::grid_table::figure_cell_ui(ui, &shown, theme::ACCENT);
                });
            });
        });
}

/// The evidence of the row chosen in the indikator table.
pub(super) fn evidence_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    form: &RealisasiForm,
    (q, locked): (Quarter, bool),
    out: &mut Vec<Command>,
) {
    let plan = &view.data.plan;
    let Some(r) = form.grid.selected.and_then(|i| plan.real_rows.get(i)) else {
        section_title_ui(ui, text::EVIDENCE);
        hint_ui(ui, text::CHOOSE_ROW);
        return;
    };
    section_title_ui(
        ui,
        &format!(
            "{} {} — {}",
            text::EVIDENCE,
            q.short(),
            r.plan.values.indikator
        ),
    );
    let files: Vec<_> = plan
        .evidence
        .iter()
        .filter(|e| e.plan_row_id == r.plan.id)
        .collect();
    if files.is_empty() {
        hint_ui(ui, text::NO_EVIDENCE);
    }
    egui::Grid::new(("bukti", r.plan.id))
        .striped(true)
        .num_columns(6)
        .show(ui, |ui| {
            for e in files {
                ui.label(&e.name);
                ui.label(size_words(e.size));
                ui.label(RichText::new(format!("SHA-256 {}…", &e.sha256[..16])).monospace())
                    .on_hover_text(&e.sha256);
                ui.label(
                    RichText::new(format!(
                        "{}, {}",
                        e.added_by,
                        indo::datetime_short(e.added_at)
                    ))
                    .color(theme::MUTED),
                );
                if ui.button(text::OPEN).clicked() {
                    out.push(Command::File(FileCmd::OpenEvidence { id: e.id }));
                }
                if ui
                    .add_enabled(!locked, egui::Button::new(text::REMOVE))
                    .clicked()
                {
                    out.push(Command::File(FileCmd::RemoveEvidence { id: e.id }));
                }
                ui.end_row();
            }
        });
    if !locked
        && ui.button(text::ADD).clicked()
        && let Some(path) = super::file_dialog::open(view.data_dir, text::FILTER, &EXTENSIONS)
    {
        out.push(Command::File(FileCmd::AddEvidence {
            row_id: r.plan.id,
            q: q.number(),
            path,
        }));
    }
}
