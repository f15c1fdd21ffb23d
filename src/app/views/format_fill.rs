//! The "Isi Format" tab: the unit picked, who may fill it, the toolbar, the keys, and the table.

use egui::{RichText, Ui};

use crate::app::{ActCmd, Command, RktEdit, ViewCtx, theme};
use crate::domain::indo;
use crate::domain::rkt::{Col, RowValues, format_rupiah};
use crate::session::SheetCol;

use super::format_form::{FormatForm, text};
use super::widgets::hint_ui;

pub(super) fn fill_ui(ui: &mut Ui, view: &ViewCtx, form: &mut FormatForm, out: &mut Vec<Command>) {
    let rows = &view.data.rows;
    // Above the table, its tools and notices (a carry preview among them) take at most part of
    // the page and scroll within it when longer: the table keeps the rest, and nothing above
    // it is pushed below the window's edge. An import's preview takes the whole page while it
    // waits: it shows the unit's rows against the file's, and at 125 % a share of the page
    // left it one row to decide on.
    let previewing = view.data.import.is_some();
    let share = if rows.is_empty() || previewing {
        1.0
    } else {
        theme::TOOLS_SHARE
    };
    let locked = super::widgets::above_table_ui(ui, "format_alat", share, |ui| {
        tools_ui(ui, view, form, out)
    });
    if !rows.is_empty() && !previewing {
        super::format_table::table_ui(ui, view, form, out, locked);
    }
}

/// Everything above the table, in compact rows that wrap when the window is narrow; whether
/// the table is read-only.
fn tools_ui(ui: &mut Ui, view: &ViewCtx, form: &mut FormatForm, out: &mut Vec<Command>) -> bool {
    let rows = &view.data.rows;
    let submission = view
        .unit
        .and_then(|u| view.data.unit_status(u))
        .and_then(|s| s.submission.clone());
    // A year whose formats are all empty may start from the last one.
    let year_empty = view.data.signature.is_none()
        && view
            .data
            .unit_statuses
            .iter()
            .all(|s| s.rows == 0 && s.submission.is_none());
    super::format_carry::carry_ui(ui, view, year_empty, &mut form.carry_keep, out);
    // The unit, its sums and the keys' help on one row (the help whole on hover).
    ui.horizontal_wrapped(|ui| {
        unit_picker_ui(ui, view, form, out);
        summary_ui(ui, view, form);
        ui.label(RichText::new(text::KEYS_SHORT).color(theme::MUTED))
            .on_hover_text(text::KEYS);
    });
    let may_edit =
        super::unit_gate::unit_gate_ui(ui, view, "FORMAT RKT", &mut form.proxy_reason, out);
    let locked = submission.is_some() || !may_edit;
    if let Some(sub) = &submission {
        locked_ui(ui, sub, &mut form.reopen_reason, out);
    }
    if view.data.master.renstra.is_empty() || view.data.master.codes.is_empty() {
        hint_ui(ui, text::NO_MASTER);
    }
    // The table's own tools, not while an import's preview stands in for the table.
    if !locked && view.data.import.is_none() {
        toolbar_ui(ui, form, out, rows, view.undo_redo);
        super::grid_table::undo_keys(ui, &form.grid, out);
    }
    // Excel out (reading) and a file's preview (writing nothing) for whoever views; storing the
    // rows is refused by the store to anyone not filling this unit.
    super::format_excel::excel_ui(ui, view, !locked, out);
    if rows.is_empty() {
        hint_ui(
            ui,
            if locked {
                text::EMPTY_VIEW
            } else {
                text::EMPTY
            },
        );
    }
    locked
}

/// The unit's format is submitted: by whom and when, and the TIM's way to reopen it.
fn locked_ui(
    ui: &mut Ui,
    sub: &crate::store::Submission,
    reason: &mut String,
    out: &mut Vec<Command>,
) {
    theme::notice(theme::LOCKED_FILL).show(ui, |ui| {
        ui.label(
            RichText::new(format!(
                "Terkunci — dikumpulkan oleh {} pada {}. Format ini terkunci (hanya baca).",
                sub.submitted_by,
                indo::datetime(sub.submitted_at)
            ))
            .strong(),
        );
        ui.horizontal(|ui| {
            let id = ui.label(text::REOPEN_REASON).id;
            ui.add(egui::TextEdit::singleline(reason).desired_width(360.0))
                .labelled_by(id);
            if ui.button(text::REOPEN).clicked() {
                out.push(Command::Act(ActCmd::Reopen {
                    reason: reason.clone(),
                }));
                reason.clear();
            }
        });
    });
}

/// Add, insert, duplicate, delete and move rows, undo and redo, submit.
// Long: one button per edit, in the order the toolbar shows them.
fn toolbar_ui(
    ui: &mut Ui,
    form: &mut FormatForm,
    out: &mut Vec<Command>,
    rows: &[crate::store::RktRow],
    undo_redo: (bool, bool),
) {
    let sel = form.grid.selected.filter(|&i| i < rows.len());
    let selected_row = sel.map(|i| &rows[i]);
    ui.horizontal_wrapped(|ui| {
        if ui.button(text::ADD).clicked() {
            out.push(Command::Act(ActCmd::Rkt(RktEdit::Add {
                after: rows.last().map(|r| r.position),
                values: RowValues::default(),
            })));
            form.grid.focus = Some((rows.len(), SheetCol::Rkt(Col::Sasaran)));
        }
        ui.add_enabled_ui(selected_row.is_some(), |ui| {
            if ui.button(text::INSERT).clicked()
                && let Some(i) = sel
            {
                let after = i
                    .checked_sub(1)
                    .map(|p| rows[p].position)
                    .unwrap_or(rows[i].position - 1.0);
                out.push(Command::Act(ActCmd::Rkt(RktEdit::Add {
                    after: Some(after),
                    values: RowValues::default(),
                })));
            }
            if ui.button(text::DUPLICATE).clicked()
                && let Some(r) = selected_row
            {
                out.push(Command::Act(ActCmd::Rkt(RktEdit::Add {
                    after: Some(r.position),
                    values: r.values.clone(),
                })));
            }
            if ui.button(text::DELETE).clicked()
                && let Some(r) = selected_row
            {
                out.push(Command::Act(ActCmd::Rkt(RktEdit::Delete { row_id: r.id })));
            }
            if ui.button(text::UP).clicked()
                && let Some(i) = sel.filter(|&i| i > 0)
            {
                let before = if i >= 2 {
                    rows[i - 2].position
                } else {
                    rows[i - 1].position - 2.0
                };
                out.push(Command::Act(ActCmd::Rkt(RktEdit::Move {
                    row_id: rows[i].id,
                    from: rows[i].position,
                    to: (before + rows[i - 1].position) / 2.0,
                })));
                form.grid.selected = Some(i - 1);
            }
            if ui.button(text::DOWN).clicked()
                && let Some(i) = sel.filter(|&i| i + 1 < rows.len())
            {
                let after = rows
                    .get(i + 2)
                    .map_or(rows[i + 1].position + 2.0, |r| r.position);
                out.push(Command::Act(ActCmd::Rkt(RktEdit::Move {
                    row_id: rows[i].id,
                    from: rows[i].position,
                    to: (rows[i + 1].position + after) / 2.0,
                })));
                form.grid.selected = Some(i + 1);
            }
        });
        super::grid_table::undo_buttons_ui(ui, undo_redo, out);
        ui.separator();
        if ui
            .button(RichText::new(format!("✉ {}", text::SUBMIT)).strong())
            .clicked()
        {
            out.extend(form.pending(rows));
            out.push(Command::Act(ActCmd::Submit));
        }
    });
}

/// The unit's pagu and rows, and the cells not saved (here or in another unit): in the row
/// it is drawn in.
fn summary_ui(ui: &mut Ui, view: &ViewCtx, form: &FormatForm) {
    let rows = &view.data.rows;
    let check = &view.data.rows_check;
    let (invalid, total) = (check.invalid, check.pagu);
    ui.label(RichText::new(format!("{}: {}", text::TOTAL, format_rupiah(total))).strong());
    ui.label(format!("· {} baris", rows.len()));
    if invalid > 0 {
        ui.label(RichText::new(format!("· ⚠ {invalid} {}", text::INVALID)).color(theme::ERROR));
    }
    let (here, elsewhere) = form
        .grid
        .unsaved_split(&|id| rows.iter().any(|r| r.id == id));
    let warn = |ui: &mut Ui, text: String| {
        ui.label(RichText::new(text).color(theme::ERROR).strong());
    };
    if here > 0 {
        warn(ui, format!("· ⚠ {here} {}", text::UNSAVED));
    }
    if !elsewhere.is_empty() {
        let mut names: Vec<&str> = elsewhere
            .iter()
            .filter_map(|u| view.data.units.iter().find(|x| Some(x.id) == *u))
            .map(|u| u.name.as_str())
            .collect();
        names.dedup();
        warn(
            ui,
            format!(
                "· ⚠ {} {} {} {}",
                elsewhere.len(),
                text::UNSAVED_ELSEWHERE,
                names.join(", "),
                text::UNSAVED_ELSEWHERE_HINT
            ),
        );
    }
}

fn unit_picker_ui(ui: &mut Ui, view: &ViewCtx, form: &mut FormatForm, out: &mut Vec<Command>) {
    let status = |u: i64| {
        view.data
            .unit_status(u)
            .map_or("", |s| s.label())
            .to_string()
    };
    let rows = &view.data.rows;
    let mut leaving = || form.pending(rows);
    if super::unit_gate::unit_picker_ui(ui, view, "unit_rkt", &status, &mut leaving, out) {
        form.grid.selected = None;
    }
}
