//! The FORMAT RKT table: scrolled sideways on small screens, one row per line, each cell the
//! widget its column needs.

use egui::{RichText, Stroke, Ui};
use egui_extras::{Column, TableBuilder};

use crate::app::{ActCmd, Command, RktEdit, ViewCtx, theme};
use crate::domain::rkt::{CodeLevel, Col};
use crate::store::RktRow;

use super::format_form::{FormatForm, reveal, text};

const ROW_H: f32 = 44.0;

pub(super) fn table_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    form: &mut FormatForm,
    out: &mut Vec<Command>,
    locked: bool,
) {
    let rows = &view.data.rows;
    // Wider than a small screen: the whole table scrolls sideways, so the last columns stay in
    // reach at 1024 pixels; at 1366 every column fits.
    let mut area = egui::ScrollArea::horizontal()
        .id_salt("format_rkt_geser")
        .auto_shrink([false, true]);
    if let Some(cell) = form.reveal.take()
        && let Some((offset, seen)) = form.sideways
    {
        let shift = if cell.max > seen.max {
            cell.max - seen.max + 8.0
        } else if cell.min < seen.min {
            cell.min - seen.min - 8.0
        } else {
            0.0
        };
        if shift != 0.0 {
            area = area.horizontal_scroll_offset((offset + shift).max(0.0));
        }
    }
    let shown = area.show(ui, |ui| {
        // A table that fits shows no sideways bar for a rounding.
        super::widgets::fit_page_width(ui);
        table_body_ui(ui, view, form, out, locked, rows)
    });
    form.sideways = Some((shown.state.clamped_offset().x, shown.inner_rect.x_range()));
}

fn table_body_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    form: &mut FormatForm,
    out: &mut Vec<Command>,
    locked: bool,
    rows: &[RktRow],
) {
    let mut table = TableBuilder::new(ui)
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
    match form.focus {
        Some((idx, _)) if idx < rows.len() => table = table.scroll_to_row(idx, None),
        // A row asked for in this frame arrives with the next one.
        Some(_) if adding => {}
        // The row it waited for never came (the database refused the new row): asking to
        // scroll to it every frame would keep the window repainting.
        Some(_) => form.focus = None,
        None => {}
    }
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
                // The current row shows in its number only: a selected egui row would paint
                // the text of its fields in the selection colour, unreadable on white.
                let problems = view.data.rows_check.row(i);
                row.col(|ui| {
                    // Clicked, not reached by Tab: Tab goes from a row's last cell to the next
                    // row's first, as in a spreadsheet.
                    let number =
                        egui::Button::selectable(form.selected == Some(i), (i + 1).to_string())
                            .sense(egui::Sense::CLICK);
                    if ui.add(number).clicked() {
                        form.selected = Some(i);
                    }
                });
                for col in Col::ALL {
                    row.col(|ui| {
                        let problem = problems.iter().find(|p| p.0 == col).map(|p| &p.1);
                        let frame = egui::Frame::new().stroke(match problem {
                            Some(_) => Stroke::new(1.5, theme::ERROR),
                            None => Stroke::NONE,
                        });
                        let resp = frame
                            .show(ui, |ui| cell_ui(ui, view, form, out, i, r, col, locked))
                            .response;
                        if let Some(p) = problem {
                            resp.on_hover_text(format!("⚠ {p}"));
                        }
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
    form: &mut FormatForm,
    out: &mut Vec<Command>,
    i: usize,
    r: &RktRow,
    col: Col,
    locked: bool,
) {
    let value = r.values.get(col);
    let master = &view.data.master;
    if locked {
        // Two lines fit a row; more would be sliced by the row's edge.
        super::widgets::clamped_label_ui(ui, value, 2);
        return;
    }
    let set = |out: &mut Vec<Command>, col: Col, new: &str| {
        out.push(Command::Act(ActCmd::Rkt(RktEdit::SetCell {
            row_id: r.id,
            col,
            old: r.values.get(col).to_string(),
            new: new.to_string(),
        })))
    };
    // The Renstra's sentences wrap over the row's two lines, as the long text cells do.
    let lines = if matches!(col, Col::Sasaran | Col::Indikator) {
        2
    } else {
        1
    };
    let picker = |ui: &mut Ui, options: Vec<String>, form: &mut FormatForm| {
        let id = ui.make_persistent_id(("pilih", r.id, col.db_name()));
        let name = format!("{} baris {}", col.title(), i + 1);
        let (resp, picked) =
            super::picker::picker_lines_ui(ui, id, value, text::PICK, &options, &name, lines);
        if form.focus == Some((i, col)) {
            resp.request_focus();
            form.focus = None;
        }
        if resp.gained_focus() {
            reveal(ui, &resp, form);
        }
        if resp.gained_focus() || resp.clicked() {
            form.selected = Some(i);
        }
        picked
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
        _ => super::format_cell::text_cell_ui(ui, view, form, out, i, r, col),
    }
    if col == Col::Code
        && let Some(code) = master.code(value)
    {
        ui.label(RichText::new(&code.name).small().color(theme::MUTED));
    }
}
