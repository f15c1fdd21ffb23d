//! The quarter's indikator table: the plan's indikator and target shown, the realisation,
//! kendala and tindak lanjut typed as the FORMAT RKT is (grid_cell.rs), the capaian and its
//! category computed beside the realisation, and how many evidence files each row has.

use egui::Ui;
use egui_extras::{Column, TableBuilder};

use crate::app::{Command, ViewCtx, theme};
use crate::domain::action_plan::{PlanCol, RealCol, parse_realisation};
use crate::domain::capaian::CategoryScale;
use crate::domain::indo;
use crate::domain::measure::{Measured, reached};
use crate::domain::quarter::Quarter;
use crate::session::SheetCol;
use crate::store::RealRow;

use super::grid_form::{Grid, GridState, RowsGrid};
use super::grid_table::{ROW_H, figure_cell_ui, framed_ui, row_number_ui, shown_cell_ui};
use super::realisasi_form::RealisasiForm;

type RealGrid<'a> = RowsGrid<'a, RealRow>;

/// The columns between the target and the evidence: the typed ones, and the capaian computed
/// beside the realisation.
#[derive(Clone, Copy)]
enum Shown {
    Typed(RealCol),
    Capaian,
    Kategori,
}

const SHOWN: [Shown; 5] = [
    Shown::Typed(RealCol::Realisasi),
    Shown::Capaian,
    Shown::Kategori,
    Shown::Typed(RealCol::Kendala),
    Shown::Typed(RealCol::TindakLanjut),
];

/// The capaian of a row's realisation in quarter `q`, as the table shows it: the percentage
/// (empty while none) and its category, or why there is none.
pub(super) fn capaian_of(r: &RealRow, q: Quarter, scale: &CategoryScale) -> (String, String) {
    let Ok(plan) = r.plan.values.plan() else {
        return ("—".into(), "Rencana Aksi baris ini belum lengkap".into());
    };
    let mut figures = [None; 4];
    match parse_realisation(&r.values.realisasi) {
        Ok(f) => figures[q.number() as usize - 1] = f,
        Err(e) => return ("—".into(), e),
    }
    match &reached(&plan, &figures, q, scale).quarters[q.number() as usize - 1] {
        Measured::Capaian { percent, category } => (
            format!("{} %", indo::decimal((percent * 100.0).round() / 100.0)),
            category.clone(),
        ),
        Measured::NotReported => (String::new(), String::new()),
        Measured::NoTarget => ("—".into(), format!("Tanpa target {}", q.short())),
        Measured::Unmeasurable(e) => ("—".into(), e.sentence().into()),
    }
}

pub(super) fn table_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    form: &mut RealisasiForm,
    q: Quarter,
    out: &mut Vec<Command>,
    locked: bool,
) {
    let n = q.number();
    let grid = RealGrid {
        rows: &view.data.plan.real_rows,
        cols: RealCol::ALL.map(|c| SheetCol::Real(n, c)).to_vec(),
        id: |r| r.plan.id,
        value: |r, col| match col {
            SheetCol::Real(_, c) => r.values.get(c),
            _ => "",
        },
        past_end: None,
    };
    super::grid_table::sideways_ui(ui, &mut form.grid, "realisasi_geser", |ui, state| {
        body_ui(ui, view, &grid, state, q, out, locked)
    });
}

fn body_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    grid: &RealGrid,
    state: &mut GridState,
    q: Quarter,
    out: &mut Vec<Command>,
    locked: bool,
) {
    let rows = grid.rows;
    let target_title = format!("Target {}", q.short());
    let titles = [
        "Indikator Kinerja",
        "Satuan",
        target_title.as_str(),
        RealCol::Realisasi.title(),
        "Capaian",
        "Kategori",
        RealCol::Kendala.title(),
        RealCol::TindakLanjut.title(),
        "Bukti",
    ];
    let table = TableBuilder::new(ui)
        .id_salt(("realisasi", view.unit, q.number()))
        .striped(true)
        .vscroll(false)
        .cell_layout(egui::Layout::top_down(egui::Align::Min))
        .column(Column::exact(34.0))
        .column(Column::initial(240.0).resizable(true).clip(true))
        .column(Column::initial(64.0).resizable(true).clip(true))
        .column(Column::initial(84.0).resizable(true))
        .column(Column::initial(90.0).resizable(true))
        .column(Column::initial(76.0).resizable(true))
        .column(Column::initial(96.0).resizable(true).clip(true))
        .column(Column::initial(230.0).resizable(true).clip(true))
        .column(Column::remainder().at_least(200.0).clip(true))
        .column(Column::exact(48.0));
    let table = super::grid_table::follow_focus(table, state, rows.len(), false);
    let scale = &view.data.plan.scale;
    table
        .header(24.0, |mut h| {
            h.col(|ui| {
                ui.strong("No");
            });
            for t in titles {
                h.col(|ui| {
                    ui.strong(t);
                });
            }
        })
        .body(|body| {
            body.rows(ROW_H, rows.len(), |mut row| {
                let i = row.index();
                let r = &rows[i];
                row.col(|ui| row_number_ui(ui, state, i));
                row.col(|ui| shown_cell_ui(ui, &r.plan.values.indikator));
                row.col(|ui| shown_cell_ui(ui, &r.plan.values.satuan));
                row.col(|ui| {
                    let target = r.plan.values.get(PlanCol::of_quarter(q));
                    figure_cell_ui(ui, target, ui.visuals().text_color());
                });
                let (percent, category) = capaian_of(r, q, scale);
                for shown in SHOWN {
                    row.col(|ui| match shown {
                        Shown::Typed(c) => {
                            let col = SheetCol::Real(q.number(), c);
                            typed_ui(ui, grid, state, out, i, col, locked)
                        }
                        Shown::Capaian => figure_cell_ui(ui, &percent, theme::ACCENT),
                        Shown::Kategori => {
                            ui.label(egui::RichText::new(&category).small().color(theme::MUTED))
                                .on_hover_text(&category);
                        }
                    });
                }
                row.col(|ui| {
                    let b =
                        egui::Button::selectable(state.selected == Some(i), r.evidence.to_string())
                            .sense(egui::Sense::CLICK);
                    if ui
                        .add(b)
                        .on_hover_text("Bukti dukung baris ini (di bawah)")
                        .clicked()
                    {
                        state.selected = Some(i);
                    }
                });
            });
        });
}

/// A typed cell, or its value when the table is read-only; a realisation the store refused is
/// framed red by the grid, its sentence said above.
fn typed_ui(
    ui: &mut Ui,
    grid: &RealGrid,
    state: &mut GridState,
    out: &mut Vec<Command>,
    i: usize,
    col: SheetCol,
    locked: bool,
) {
    if locked {
        shown_cell_ui(ui, grid.value(i, col));
        return;
    }
    // A realisation typed that is not a number: the store's own sentence on the cell.
    let refused = match col {
        SheetCol::Real(_, RealCol::Realisasi) => state
            .buffers
            .get(&(grid.row_id(i), col))
            .and_then(|(_, typed)| parse_realisation(typed).err()),
        _ => None,
    };
    framed_ui(ui, refused.as_deref(), |ui| {
        super::grid_cell::text_cell_ui(ui, grid, state, out, i, col)
    });
}
