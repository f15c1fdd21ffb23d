//! The rows of a Draft RKT version: the newest one's cells corrected by a double click, an
//! older one read only, a compared pair with its changes marked.

use egui::Ui;
use egui_extras::{Column, TableBuilder};

use super::draft_form::{DraftForm, text};
use crate::app::{Command, ViewCtx};
use crate::domain::rkt::Col;

pub(super) fn rows_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    form: &mut DraftForm,
    out: &mut Vec<Command>,
    can_correct: bool,
) {
    let rows = &view.data.draft_rows;
    // Each column as wide as what it usually holds; the table scrolls sideways rather than
    // cutting every column short. A cell still cut reads whole on hover.
    let width = |c: Col| match c {
        Col::Satuan | Col::Target => 70.0,
        Col::SumberDana => 90.0,
        Col::Pagu => 130.0,
        Col::Code => 150.0,
        _ => 190.0,
    };
    egui::ScrollArea::horizontal()
        .id_salt("draf_geser")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            super::widgets::fit_page_width(ui);
            let mut table = TableBuilder::new(ui)
                .id_salt("draf_rows")
                .striped(true)
                // Room for "100 ✎2": a row number never turns into "…".
                .column(Column::exact(58.0))
                .column(Column::initial(190.0).resizable(true).clip(true));
            for c in &Col::ALL[..Col::ALL.len() - 1] {
                table = table.column(Column::initial(width(*c)).resizable(true).clip(true));
            }
            table_ui(table, view, form, out, can_correct, rows);
        });
}

// Long: the table builder's column setup and its row closure belong together.
pub(super) fn table_ui(
    table: TableBuilder<'_>,
    view: &ViewCtx,
    form: &mut DraftForm,
    out: &mut Vec<Command>,
    can_correct: bool,
    rows: &[crate::domain::rkt::DraftRow],
) {
    table
        .column(Column::remainder().at_least(200.0).clip(true))
        .header(24.0, |mut h| {
            h.col(|ui| {
                ui.strong("No");
            });
            h.col(|ui| {
                ui.strong(text::UNIT);
            });
            for c in Col::ALL {
                h.col(|ui| {
                    ui.strong(c.title());
                });
            }
        })
        .body(|body| {
            body.rows(26.0, rows.len(), |mut row| {
                let i = row.index();
                let r = &rows[i];
                let open_notes = view
                    .data
                    .notes
                    .iter()
                    .filter(|n| n.resolved.is_none() && n.row_key.as_deref() == Some(&r.key))
                    .count();
                row.col(|ui| {
                    let label = if open_notes > 0 {
                        format!("{} ✎{open_notes}", i + 1)
                    } else {
                        (i + 1).to_string()
                    };
                    let chosen = form.note_row.as_deref() == Some(&r.key);
                    if ui.selectable_label(chosen, label).clicked() {
                        form.note_row = if chosen { None } else { Some(r.key.clone()) };
                    }
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&r.unit).truncate());
                });
                for c in Col::ALL {
                    row.col(|ui| {
                        let editing = form
                            .editing
                            .as_mut()
                            .filter(|e| e.key == r.key && e.col == c);
                        if let Some(e) = editing {
                            let resp = ui.add(
                                egui::TextEdit::singleline(&mut e.text)
                                    .desired_width(f32::INFINITY),
                            );
                            resp.widget_info(|| {
                                egui::WidgetInfo::labeled(
                                    egui::Role::TextInput,
                                    true,
                                    format!("Koreksi {} baris {}", c.title(), i + 1),
                                )
                            });
                            if !e.focused {
                                resp.request_focus();
                                e.focused = true;
                            } else if resp.lost_focus() {
                                // Escape cancels; Enter, Tab or a click elsewhere commit.
                                let cancelled = ui.input(|i| i.key_pressed(egui::Key::Escape));
                                let pending = form.pending();
                                if !cancelled {
                                    out.extend(pending);
                                }
                            }
                        } else {
                            let value = r.values.get(c);
                            let resp = ui.add(
                                egui::Label::new(value)
                                    .truncate()
                                    .sense(egui::Sense::click()),
                            );
                            if can_correct && resp.double_clicked() {
                                form.pending_then_open(out, &r.key, c, value);
                            }
                        }
                    });
                }
            });
        });
}
