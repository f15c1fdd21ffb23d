//! The FORMAT RKT table: scrolled sideways on small screens, one row per line, each cell the
//! widget its column needs. The typing and the keys are the grid's (grid_cell.rs), shared with
//! the Rencana Aksi and the realisation.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::app::{ActCmd, Command, RktEdit, ViewCtx, theme};
use crate::domain::rkt::{CodeLevel, Col, RowValues};
use crate::session::SheetCol;
use crate::store::RktRow;

use super::format_form::FormatForm;
use super::grid_form::{GridState, RowsGrid};
use super::grid_table::{ROW_H, framed_ui, pick_cell_ui, row_number_ui};

type RktGrid<'a> = RowsGrid<'a, RktRow>;

/// Enter on the last row starts a new one after it, so a whole table fills from the keys.
fn new_row_after(r: &RktRow) -> (Command, SheetCol) {
    let add = RktEdit::Add {
        after: Some(r.position),
        values: RowValues::default(),
    };
    (Command::Act(ActCmd::Rkt(add)), SheetCol::Rkt(Col::Sasaran))
}

pub(super) fn table_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    form: &mut FormatForm,
    out: &mut Vec<Command>,
    locked: bool,
) {
    let grid = RktGrid {
        rows: &view.data.rows,
        cols: Col::ALL.map(SheetCol::Rkt).to_vec(),
        id: |r| r.id,
        value: |r, col| match col {
            SheetCol::Rkt(c) => r.values.get(c),
            _ => "",
        },
        past_end: Some(new_row_after),
    };
    super::grid_table::sideways_ui(ui, &mut form.grid, "format_rkt_geser", |ui, state| {
        table_body_ui(ui, view, &grid, state, out, locked)
    });
}

fn table_body_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    grid: &RktGrid,
    form: &mut GridState,
    out: &mut Vec<Command>,
    locked: bool,
) {
    let rows = grid.rows;
    let table = TableBuilder::new(ui)
        .id_salt(("format_rkt", view.unit))
        .striped(true)
        .cell_layout(egui::Layout::top_down(egui::Align::Min))
        .column(Column::exact(34.0))
        // Sasaran and Indikator: a Renstra sentence's first words on two lines (wider, and the
        // table no longer fits 1366 pixels).
        .column(Column::initial(150.0).resizable(true).clip(true))
        .column(Column::initial(180.0).resizable(true).clip(true))
        // "indeks", "kasus", "orang" whole.
        .column(Column::initial(66.0).resizable(true))
        .column(Column::initial(60.0).resizable(true))
        .column(Column::initial(170.0).resizable(true).clip(true))
        .column(Column::initial(130.0).resizable(true))
        .column(Column::initial(80.0).resizable(true))
        .column(Column::initial(190.0).resizable(true).clip(true))
        .column(Column::remainder().at_least(220.0).clip(true));
    let adding = out
        .iter()
        .any(|c| matches!(c, Command::Act(ActCmd::Rkt(RktEdit::Add { .. }))));
    let table = super::grid_table::follow_focus(table, form, rows.len(), adding);
    table
        .header(24.0, |mut h| {
            h.col(|ui| {
                ui.strong("No");
            });
            for c in Col::ALL {
                h.col(|ui| {
                    ui.strong(c.title());
                });
            }
        })
        .body(|body| {
            body.rows(ROW_H, rows.len(), |mut row| {
                let i = row.index();
                let r = &rows[i];
                let problems = view.data.rows_check.row(i);
                row.col(|ui| row_number_ui(ui, form, i));
                for col in Col::ALL {
                    row.col(|ui| {
                        let problem = problems.iter().find(|p| p.0 == col).map(|p| p.1.as_str());
                        framed_ui(ui, problem, |ui| {
                            cell_ui(ui, view, grid, form, out, i, r, col, locked)
                        });
                    });
                }
            });
        });
}

/// One cell: a picker for the columns that come from master data, a text field otherwise.
#[allow(clippy::too_many_arguments)]
// Long: one match arm per kind of column.
fn cell_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    grid: &RktGrid,
    form: &mut GridState,
    out: &mut Vec<Command>,
    i: usize,
    r: &RktRow,
    col: Col,
    locked: bool,
) {
    let value = r.values.get(col);
    let master = &view.data.master;
    if locked {
        super::grid_table::shown_cell_ui(ui, value);
        return;
    }
    let set = |out: &mut Vec<Command>, col: Col, new: &str| {
        out.push(Command::Act(ActCmd::SetCell {
            row_id: r.id,
            col: SheetCol::Rkt(col),
            old: r.values.get(col).to_string(),
            new: new.to_string(),
        }))
    };
    // The Renstra's sentences wrap over the row's two lines, as the long text cells do.
    let lines = if matches!(col, Col::Sasaran | Col::Indikator) {
        2
    } else {
        1
    };
    let picker = |ui: &mut Ui, options: Vec<String>, form: &mut GridState| {
        pick_cell_ui(
            ui,
            form,
            i,
            r.id,
            SheetCol::Rkt(col),
            value,
            &options,
            lines,
        )
    };
    match col {
        Col::Sasaran => {
            let options = master.renstra.iter().map(|s| s.text.clone()).collect();
            if let Some(v) = picker(ui, options, form)
                && v != value
            {
                set(out, Col::Sasaran, &v);
            }
        }
        Col::Indikator => {
            let inds = master.indikator_of(&r.values.sasaran);
            let options = inds.iter().map(|x| x.text.clone()).collect();
            if let Some(v) = picker(ui, options, form)
                && v != value
            {
                set(out, Col::Indikator, &v);
                // The Renstra gives the unit and this year's target.
                if let Some(ind) = inds.iter().find(|x| x.text == v) {
                    set(out, Col::Satuan, &ind.satuan);
                    if let Some(t) = ind.target(view.year) {
                        set(out, Col::Target, t);
                    }
                }
            }
        }
        Col::SumberDana => {
            if let Some(v) = picker(ui, master.funding.clone(), form)
                && v != value
            {
                set(out, Col::SumberDana, &v);
            }
        }
        Col::Code => {
            // Found by its code or by words of its name, as in the other pick-lists; what is
            // typed to find it never becomes the code.
            let subs: Vec<_> = master
                .codes
                .iter()
                .filter(|c| c.level == CodeLevel::SubKegiatan)
                .collect();
            let options = subs
                .iter()
                .map(|c| format!("{}  {}", c.code, c.name))
                .collect::<Vec<_>>();
            if let Some(v) = picker(ui, options.clone(), form)
                && let Some(c) = options.iter().position(|o| *o == v).map(|k| subs[k])
                && c.code != value
            {
                set(out, Col::Code, &c.code);
            }
        }
        _ => super::grid_cell::text_cell_ui(ui, grid, form, out, i, SheetCol::Rkt(col)),
    }
    if col == Col::Code
        && let Some(code) = master.code(value)
    {
        ui.label(RichText::new(&code.name).small().color(theme::MUTED));
    }
}
