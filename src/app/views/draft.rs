//! The Draft RKT (steps 6-9): compile, read any version, correct the newest one cell by cell
//! (each correction is the next version), and compare two versions.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::app::{Command, ViewCtx, theme};
use crate::domain::indo;
use crate::domain::rkt::{Col, format_rupiah};
use crate::store::Correction;

use super::widgets::{card_ui, hint_ui, section_title_ui};

mod text {
    pub const TITLE: &str = "Draft RKT";
    pub const COMPILE: &str = "⚙ Kompilasi Draft RKT";
    pub const COMPILE_HINT: &str = "Kompilasi menyusun versi baru dari semua format yang sudah dikumpulkan, dikelompokkan menurut sasaran, program, kegiatan dan sub kegiatan.";
    pub const NONE: &str = "Belum ada Draft RKT tahun ini. Kumpulkan format unit, lalu kompilasi.";
    pub const VERSION: &str = "Versi";
    pub const COMPARE: &str = "Bandingkan dengan versi";
    pub const NO_COMPARE: &str = "— tidak membandingkan —";
    pub const CAN_CORRECT: &str =
        "Klik ganda sel pada versi terbaru untuk mengoreksinya; setiap koreksi menjadi versi baru.";
    pub const READ_ONLY: &str =
        "Versi ini hanya baca. Koreksi dilakukan pada versi terbaru saat langkah koreksi aktif.";
    pub const SAME: &str = "Kedua versi sama.";
    pub const UNIT: &str = "Unit";
    pub const NOTES: &str = "Catatan koreksi";
    pub const RESOLVE: &str = "Tandai selesai";
    pub const ADD_NOTE: &str = "Tambah Catatan";
    pub const NOTE_HINT: &str = "Klik nomor baris untuk memberi catatan pada baris itu; klik lagi untuk catatan seluruh draft. Catatan pengembalian dari Kepala muncul di sini pada putaran berikutnya.";
}

/// A cell of the newest version being corrected.
#[derive(Debug)]
struct Editing {
    key: String,
    col: Col,
    text: String,
    /// The text before typing: an unchanged cell makes no new version.
    before: String,
    /// Focus is asked for once, when the cell opens: asked every frame, it would be taken back
    /// from Enter, Tab or a click elsewhere, and the correction could never be left.
    focused: bool,
}

#[derive(Debug, Default)]
pub struct DraftForm {
    editing: Option<Editing>,
    /// The row a new note is about (None: the whole draft).
    pub note_row: Option<String>,
    pub note: String,
}

impl DraftForm {
    /// Opens a cell for correction; one still open elsewhere is committed first.
    fn pending_then_open(&mut self, out: &mut Vec<Command>, key: &str, col: Col, value: &str) {
        out.extend(self.pending());
        self.editing = Some(Editing {
            key: key.to_string(),
            col,
            text: value.to_string(),
            before: value.to_string(),
            focused: false,
        });
    }

    /// The correction being typed, committed because its table is left (another tab, page or
    /// year, or the window closes) rather than lost.
    pub fn pending(&mut self) -> Option<Command> {
        let e = self.editing.take()?;
        let changed = e.text != e.before;
        changed.then_some(Command::Correct(Correction {
            key: e.key,
            col: e.col,
            value: e.text,
        }))
    }
}

pub fn draft_ui(ui: &mut Ui, view: &ViewCtx, form: &mut DraftForm, out: &mut Vec<Command>) {
    section_title_ui(ui, text::TITLE);
    ui.horizontal(|ui| {
        if ui.button(RichText::new(text::COMPILE).strong()).clicked() {
            out.push(Command::Compile);
        }
        hint_ui(ui, text::COMPILE_HINT);
    });
    let Some(shown) = &view.data.draft_shown else {
        hint_ui(ui, text::NONE);
        return;
    };
    let newest = view.data.drafts.first().map(|d| d.version) == Some(shown.version);
    ui.horizontal(|ui| {
        let id = ui.label(text::VERSION).id;
        egui::ComboBox::from_id_salt("versi_draf")
            .selected_text(format!("{}", shown.version))
            .show_ui(ui, |ui| {
                for d in &view.data.drafts {
                    if ui
                        .selectable_label(
                            d.version == shown.version,
                            format!("Versi {} — {}", d.version, d.note),
                        )
                        .clicked()
                    {
                        out.push(Command::ShowDraft(Some(d.version)));
                    }
                }
            })
            .response
            .labelled_by(id);
        ui.label(
            RichText::new(format!(
                "{} · {} · {} baris · {}",
                shown.created_by,
                indo::datetime_short(shown.created_at),
                shown.rows,
                format_rupiah(shown.pagu)
            ))
            .color(theme::MUTED),
        );
        ui.separator();
        let id = ui.label(text::COMPARE).id;
        let current = view.data.compared.as_ref().map(|(a, b, _)| (*a, *b));
        egui::ComboBox::from_id_salt("bandingkan")
            .selected_text(match current {
                Some((a, b)) => format!("{a} ↔ {b}"),
                None => text::NO_COMPARE.into(),
            })
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(current.is_none(), text::NO_COMPARE)
                    .clicked()
                {
                    out.push(Command::CompareDrafts(None));
                }
                for d in view
                    .data
                    .drafts
                    .iter()
                    .filter(|d| d.version != shown.version)
                {
                    if ui
                        .selectable_label(false, format!("Versi {}", d.version))
                        .clicked()
                    {
                        out.push(Command::CompareDrafts(Some((d.version, shown.version))));
                    }
                }
            })
            .response
            .labelled_by(id);
    });
    if let Some((a, b, diff)) = &view.data.compared {
        card_ui(ui, |ui| {
            ui.label(
                RichText::new(format!(
                    "Versi {a} → versi {b}: {} ditambah, {} dihapus, {} diubah",
                    diff.added.len(),
                    diff.removed.len(),
                    diff.changed.len()
                ))
                .strong(),
            );
            if diff.added.is_empty() && diff.removed.is_empty() && diff.changed.is_empty() {
                hint_ui(ui, text::SAME);
            }
            for r in &diff.added {
                ui.label(
                    RichText::new(format!(
                        "+ {} — {} ({})",
                        r.unit, r.values.indikator, r.values.code
                    ))
                    .color(theme::OK),
                );
            }
            for r in &diff.removed {
                ui.label(
                    RichText::new(format!(
                        "− {} — {} ({})",
                        r.unit, r.values.indikator, r.values.code
                    ))
                    .color(theme::ERROR),
                );
            }
            for (before, after, cols) in &diff.changed {
                for c in cols {
                    ui.label(format!(
                        "✎ {} — {}: {}: \"{}\" → \"{}\"",
                        after.unit,
                        after.values.indikator,
                        c.title(),
                        before.values.get(*c),
                        after.values.get(*c)
                    ));
                }
            }
        });
    }
    notes_ui(ui, view, form, out);
    let can_correct = newest
        && view
            .correction_step()
            .is_some_and(|step| super::step_actions::may_act(view, step));
    hint_ui(
        ui,
        if can_correct {
            text::CAN_CORRECT
        } else {
            text::READ_ONLY
        },
    );
    rows_ui(ui, view, form, out, can_correct);
}

/// Correction notes: open ones with their row, a form to add one, "done" to resolve.
fn notes_ui(ui: &mut Ui, view: &ViewCtx, form: &mut DraftForm, out: &mut Vec<Command>) {
    let open: Vec<_> = view
        .data
        .notes
        .iter()
        .filter(|n| n.resolved.is_none())
        .collect();
    let row_name = |key: &str| {
        view.data
            .draft_rows
            .iter()
            .position(|r| r.key == key)
            .map(|i| {
                format!(
                    "baris {} ({})",
                    i + 1,
                    view.data.draft_rows[i].values.indikator
                )
            })
            .unwrap_or_else(|| "baris yang sudah dihapus".into())
    };
    egui::CollapsingHeader::new(format!("{} ({} terbuka)", text::NOTES, open.len()))
        .default_open(!open.is_empty())
        .show(ui, |ui| {
            for n in &open {
                ui.horizontal_wrapped(|ui| {
                    let about = n
                        .row_key
                        .as_deref()
                        .map_or_else(|| "seluruh draft".to_string(), row_name);
                    ui.label(format!(
                        "✎ {} — {}{}: {}",
                        n.author,
                        about,
                        n.step.map(|s| format!(", langkah {s}")).unwrap_or_default(),
                        n.text
                    ));
                    if ui.small_button(text::RESOLVE).clicked() {
                        out.push(Command::ResolveNote(n.id));
                    }
                });
            }
            let resolved = view.data.notes.len() - open.len();
            if resolved > 0 {
                hint_ui(ui, &format!("{resolved} catatan sudah selesai."));
            }
            ui.horizontal(|ui| {
                let about = form
                    .note_row
                    .as_deref()
                    .map_or_else(|| "seluruh draft".to_string(), row_name);
                let id = ui.label(format!("Catatan untuk {about}")).id;
                ui.add(egui::TextEdit::singleline(&mut form.note).desired_width(360.0))
                    .labelled_by(id);
                if ui.button(text::ADD_NOTE).clicked() {
                    out.push(Command::AddNote {
                        row_key: form.note_row.clone(),
                        text: form.note.clone(),
                    });
                }
            });
            hint_ui(ui, text::NOTE_HINT);
        });
}

fn rows_ui(
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

fn table_ui(
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
