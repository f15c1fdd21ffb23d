//! The Rencana Aksi table: the PK's columns shown, Arah and Sifat picked from their words, the
//! quarters' targets and the actions typed, the sub kegiatan picked from the unit's own in the
//! signed RKT; each problem framed red with its sentence on hover.

use egui::Ui;
use egui_extras::{Column, TableBuilder};

use crate::app::{ActCmd, Command, ViewCtx};
use crate::domain::action_plan::{ARAH_WORDS, PlanCol, SIFAT_WORDS, split_codes};
use crate::session::SheetCol;
use crate::store::PlanRow;

use super::grid_form::{GridState, RowsGrid};
use super::grid_table::{ROW_H, framed_ui, pick_cell_ui, row_number_ui, shown_cell_ui};
use super::rencana_aksi_form::RencanaForm;

/// Marks a sub kegiatan the row already has: picking it again takes it off.
const CHOSEN: &str = "✔ ";

type PlanGrid<'a> = RowsGrid<'a, PlanRow>;

pub(super) fn table_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    form: &mut RencanaForm,
    out: &mut Vec<Command>,
    locked: bool,
) {
    let grid = PlanGrid {
        rows: &view.data.plan.rows,
        // The unit's own columns, left to right (the PK's are shown, not typed).
        cols: PlanCol::ALL
            .into_iter()
            .filter(|c| !c.from_pk())
            .map(SheetCol::Plan)
            .collect(),
        id: |r| r.id,
        value: |r, col| match col {
            SheetCol::Plan(c) => r.values.get(c),
            _ => "",
        },
        past_end: None,
    };
    super::grid_table::sideways_ui(ui, &mut form.grid, "rencana_geser", |ui, state| {
        body_ui(ui, view, &grid, state, out, locked)
    });
}

fn body_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    grid: &PlanGrid,
    state: &mut GridState,
    out: &mut Vec<Command>,
    locked: bool,
) {
    let rows = grid.rows;
    let table = TableBuilder::new(ui)
        .id_salt(("rencana_aksi", view.unit))
        .striped(true)
        .cell_layout(egui::Layout::top_down(egui::Align::Min))
        .column(Column::exact(34.0))
        // Every column in view at 1366 pixels; the PK's sentences on two lines.
        .column(Column::initial(120.0).resizable(true).clip(true))
        .column(Column::initial(152.0).resizable(true).clip(true))
        .column(Column::initial(56.0).resizable(true).clip(true))
        .column(Column::initial(62.0).resizable(true))
        // "— pilih —" whole.
        .column(Column::initial(96.0).resizable(true))
        .column(Column::initial(110.0).resizable(true))
        .columns(Column::initial(60.0).resizable(true), 4)
        .column(Column::initial(190.0).resizable(true).clip(true))
        .column(Column::remainder().at_least(170.0).clip(true));
    let table = super::grid_table::follow_focus(table, state, rows.len(), false);
    table
        .header(36.0, |mut h| {
            h.col(|ui| {
                ui.strong("No");
            });
            for c in PlanCol::ALL {
                h.col(|ui| {
                    // "Target TW I" over two lines in a narrow column.
                    ui.add(egui::Label::new(egui::RichText::new(c.title()).strong()).wrap());
                });
            }
        })
        .body(|body| {
            body.rows(ROW_H, rows.len(), |mut row| {
                let i = row.index();
                let problems = view.data.plan.problems.get(i);
                row.col(|ui| row_number_ui(ui, state, i));
                for col in PlanCol::ALL {
                    row.col(|ui| {
                        let problem = problems
                            .and_then(|p| p.iter().find(|p| p.0 == col))
                            .map(|p| p.1.as_str());
                        framed_ui(ui, problem, |ui| {
                            cell_ui(ui, view, grid, state, out, i, col, locked)
                        });
                    });
                }
            });
        });
}

/// One cell: shown (the PK's, or a signed plan), a pick-list, or typed.
#[allow(clippy::too_many_arguments)]
fn cell_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    grid: &PlanGrid,
    state: &mut GridState,
    out: &mut Vec<Command>,
    i: usize,
    col: PlanCol,
    locked: bool,
) {
    let r = &grid.rows[i];
    let value = r.values.get(col);
    let subs = &view.data.plan.subs;
    let shown_subs = || {
        split_codes(value)
            .iter()
            .map(|c| match subs.iter().find(|(s, _)| s == c) {
                Some((_, name)) => format!("{c} — {name}"),
                None => c.clone(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    if locked || col.from_pk() {
        let shown = if col == PlanCol::SubKegiatan {
            shown_subs()
        } else {
            value.to_string()
        };
        shown_cell_ui(ui, &shown);
        return;
    }
    let sheet_col = SheetCol::Plan(col);
    let mut set = |new: String| {
        if new != value {
            out.push(Command::Act(ActCmd::SetCell {
                row_id: r.id,
                col: sheet_col,
                old: value.to_string(),
                new,
            }));
        }
    };
    match col {
        PlanCol::Arah | PlanCol::Sifat => {
            let words = if col == PlanCol::Arah {
                ARAH_WORDS
            } else {
                SIFAT_WORDS
            };
            let options: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            if let Some(v) = pick_cell_ui(ui, state, i, r.id, sheet_col, value, &options, 1) {
                set(v);
            }
        }
        PlanCol::SubKegiatan => {
            let mut codes = split_codes(value);
            let options: Vec<String> = subs
                .iter()
                .map(|(code, name)| {
                    let mark = if codes.contains(code) { CHOSEN } else { "" };
                    format!("{mark}{code} — {name}")
                })
                .collect();
            let shown = shown_subs();
            if let Some(v) = pick_cell_ui(ui, state, i, r.id, sheet_col, &shown, &options, 2) {
                let code = split_codes(v.trim_start_matches(CHOSEN))
                    .into_iter()
                    .next()
                    .unwrap_or_default();
                match codes.iter().position(|c| *c == code) {
                    Some(k) => {
                        codes.remove(k);
                    }
                    None => codes.push(code),
                }
                set(codes.join("\n"));
            }
        }
        _ => super::grid_cell::text_cell_ui(ui, grid, state, out, i, sheet_col),
    }
}
