//! Format RKT: each unit fills its FORMAT RKT (step 4), the TIM collects (step 5), compiles and
//! corrects the Draft RKT (steps 6-9). Keyboard first; every cell committed when it is left.

use std::collections::HashMap;

use egui::{Key, RichText, Stroke, Ui};
use egui_extras::{Column, TableBuilder};

use crate::app::{Command, RktEdit, ViewCtx, theme};
use crate::domain::indo;
use crate::domain::rkt::{Col, RowValues, format_rupiah, parse_rupiah};
use crate::store::RktRow;

use super::draft;
use super::widgets::{card_ui, hint_ui, section_title_ui};

mod text {
    pub const TAB_FILL: &str = "Isi Format";
    pub const TAB_COLLECT: &str = "Pengumpulan";
    pub const TAB_DRAFT: &str = "Draft RKT";
    pub const UNIT: &str = "Unit";
    pub const ADD: &str = "+ Tambah Baris";
    pub const INSERT: &str = "Sisipkan di Atas";
    pub const DUPLICATE: &str = "Duplikat";
    pub const DELETE: &str = "Hapus Baris";
    pub const UP: &str = "▲ Naik";
    pub const DOWN: &str = "▼ Turun";
    pub const UNDO: &str = "↶ Urungkan";
    pub const REDO: &str = "↷ Ulangi";
    pub const SUBMIT: &str = "Kumpulkan Format";
    pub const REOPEN: &str = "Buka Kembali";
    pub const REOPEN_REASON: &str = "Alasan membuka kembali";
    pub const TOTAL: &str = "Jumlah pagu unit";
    pub const EMPTY: &str = "Belum ada baris. Tekan \"Tambah Baris\" untuk mulai mengisi.";
    pub const KEYS: &str = "Tab/Shift+Tab: sel berikut/sebelumnya · Enter: baris berikut (di baris terakhir: baris baru) · ↑/↓: pindah baris · Ctrl+Z/Ctrl+Y: urungkan/ulangi. Setiap sel tersimpan begitu ditinggalkan.";
    pub const PICK: &str = "— pilih —";
    pub const NO_MASTER: &str = "Daftar Renstra, kode, atau sumber dana masih kosong: isi di Pengaturan (atau \"Isi data contoh\" di Beranda).";
    pub const INVALID: &str = "baris bermasalah";
    /// Followed by the units' names.
    pub const UNSAVED_ELSEWHERE: &str = "sel belum tersimpan di tabel";
    pub const UNSAVED_ELSEWHERE_HINT: &str = "(dicoba lagi setiap kali unit berganti)";
    pub const UNSAVED: &str = "sel belum tersimpan (berbingkai merah): tinggalkan sel itu lagi untuk menyimpan setelah masalahnya diatasi";
    pub const UNSAVED_CELL: &str = "Belum tersimpan: basis data menolak perubahan ini (lihat pesan di atas). Teks tetap di sini; tinggalkan sel ini lagi untuk menyimpan.";
    pub const COLLECT_TITLE: &str = "Pengumpulan FORMAT RKT (langkah 5)";
    pub const COLLECT_HINT: &str = "Langkah 5 dapat diselesaikan bila semua unit sudah mengumpulkan, atau dengan alasan melanjutkan tanpa menunggu (tercatat di riwayat).";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormatTab {
    #[default]
    Fill,
    Collect,
    Draft,
}

#[derive(Debug, Default)]
pub struct FormatForm {
    pub tab: FormatTab,
    /// The current row (index in the unit's rows).
    pub selected: Option<usize>,
    /// Cells being typed in: the value before typing (for undo) and the text now. The text is
    /// saved as it is typed; leaving the cell records the undoable edit.
    buffers: HashMap<(i64, Col), (String, String)>,
    /// Cells whose text the database refused (full disk, read-only file): kept in `buffers`,
    /// shown as typed with a red frame, and saved again when the cell is next left. With the
    /// unit whose table was open when it was first refused.
    unsaved: HashMap<(i64, Col), Option<i64>>,
    /// Move the keyboard focus to this cell on the next frame.
    focus: Option<(usize, Col)>,
    pub reopen_reason: String,
    /// Why the TIM fills this unit's format for it, being typed.
    pub proxy_reason: String,
    pub draft: draft::DraftForm,
    /// A cell just reached from the keyboard, to bring into view sideways on the next frame (the
    /// table's own vertical scroll area takes a widget's request in both directions, so the
    /// sideways one is made here), and where the sideways scroll stood.
    reveal: Option<egui::Rangef>,
    sideways: Option<(f32, egui::Rangef)>,
}

impl FormatForm {
    /// After a cell's edit reached the database (`saved`) or was refused: a refused text is
    /// kept as typed rather than lost. `unit` is the unit whose table is open.
    pub fn settle(&mut self, cmd: &Command, saved: bool, unit: Option<i64>) {
        let (key, old, new) = match cmd {
            Command::Rkt(RktEdit::SetCell {
                row_id,
                col,
                old,
                new,
            }) => ((*row_id, *col), old, new),
            Command::RktTyping { row_id, col, text } => ((*row_id, *col), text, text),
            _ => return,
        };
        if saved {
            // Typing saved a keystroke: the cell may still be refused when it is left.
            if matches!(cmd, Command::Rkt(_)) {
                self.unsaved.remove(&key);
            }
        } else {
            // A retry from another unit's page keeps the unit it was typed in.
            self.unsaved.entry(key).or_insert(unit);
            if matches!(cmd, Command::Rkt(_)) {
                self.buffers
                    .entry(key)
                    .or_insert_with(|| (old.clone(), new.clone()));
            }
        }
    }

    /// Cells whose text is not in the database yet, in any unit's table.
    pub fn unsaved(&self) -> usize {
        self.unsaved.len()
    }

    /// Refused cells in the table on screen, and the units of those in other tables.
    fn unsaved_split(&self, rows: &[RktRow]) -> (usize, Vec<Option<i64>>) {
        let (here, elsewhere): (Vec<_>, Vec<_>) = self
            .unsaved
            .iter()
            .partition(|((id, _), _)| rows.iter().any(|r| r.id == *id));
        let mut units: Vec<Option<i64>> = elsewhere.into_iter().map(|(_, u)| *u).collect();
        units.sort_unstable();
        (here.len(), units)
    }

    /// Commits of the cells still being typed in `rows` (the unit is left, submitted, or the
    /// window closes), and of every refused cell, whichever unit it is in: a refused text is
    /// tried again rather than dropped, and kept again if it is refused again.
    pub fn pending(&mut self, rows: &[RktRow]) -> Vec<Command> {
        let unsaved = &self.unsaved;
        self.buffers
            .drain()
            .filter(|(key, _)| unsaved.contains_key(key) || rows.iter().any(|r| r.id == key.0))
            .filter_map(|((row_id, col), (old, typed))| {
                let new = normalized(col, &typed);
                (old != new).then_some(Command::Rkt(RktEdit::SetCell {
                    row_id,
                    col,
                    old,
                    new,
                }))
            })
            .collect()
    }
}

/// How a committed value is kept: white space tidied (rkt::tidy), rupiah written with dots when
/// it reads as rupiah.
fn normalized(col: Col, typed: &str) -> String {
    let typed = crate::domain::rkt::tidy(typed);
    match col {
        Col::Pagu => parse_rupiah(&typed).map_or(typed, format_rupiah),
        _ => typed,
    }
}

pub fn format_ui(ui: &mut Ui, view: &ViewCtx, form: &mut FormatForm, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        section_title_ui(ui, &format!("FORMAT RKT Tahun {}", view.year));
        ui.separator();
        for (tab, label) in [
            (FormatTab::Fill, text::TAB_FILL),
            (FormatTab::Collect, text::TAB_COLLECT),
            (FormatTab::Draft, text::TAB_DRAFT),
        ] {
            if ui.selectable_label(form.tab == tab, label).clicked() && form.tab != tab {
                // A correction still open on the Draft RKT is kept, not dropped with its tab.
                out.extend(form.draft.pending());
                form.tab = tab;
            }
        }
    });
    ui.separator();
    match form.tab {
        FormatTab::Fill => fill_ui(ui, view, form, out),
        FormatTab::Collect => collect_ui(ui, view),
        FormatTab::Draft => draft::draft_ui(ui, view, &mut form.draft, out),
    }
}

fn unit_picker_ui(ui: &mut Ui, view: &ViewCtx, form: &mut FormatForm, out: &mut Vec<Command>) {
    let label_id = ui.label(text::UNIT).id;
    let current = view
        .data
        .units
        .iter()
        .find(|u| Some(u.id) == view.unit)
        .map(|u| u.name.clone())
        .unwrap_or_default();
    egui::ComboBox::from_id_salt("unit_rkt")
        .selected_text(current)
        .width(360.0)
        // Every unit in view at once (egui's default shows about six and hides the rest).
        .height(theme::LIST_HEIGHT)
        .show_ui(ui, |ui| {
            for u in &view.data.units {
                let status = view.data.unit_status(u.id).map_or("", |s| s.label());
                if ui
                    .selectable_label(Some(u.id) == view.unit, format!("{} — {status}", u.name))
                    .clicked()
                    && Some(u.id) != view.unit
                {
                    // Whatever is being typed belongs to the unit being left.
                    out.extend(form.pending(&view.data.rows));
                    form.selected = None;
                    out.push(Command::SelectUnit(u.id));
                }
            }
        })
        .response
        .labelled_by(label_id);
}

fn fill_ui(ui: &mut Ui, view: &ViewCtx, form: &mut FormatForm, out: &mut Vec<Command>) {
    let rows = &view.data.rows;
    let submission = view
        .unit
        .and_then(|u| view.data.unit_status(u))
        .and_then(|s| s.submission.clone());
    ui.horizontal(|ui| unit_picker_ui(ui, view, form, out));
    let may_edit = super::unit_gate::unit_gate_ui(ui, view, &mut form.proxy_reason, out);
    let locked = submission.is_some() || !may_edit;
    if let Some(sub) = &submission {
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
                ui.add(egui::TextEdit::singleline(&mut form.reopen_reason).desired_width(360.0))
                    .labelled_by(id);
                if ui.button(text::REOPEN).clicked() {
                    out.push(Command::Reopen {
                        reason: form.reopen_reason.clone(),
                    });
                    form.reopen_reason.clear();
                }
            });
        });
    }
    if view.data.master.renstra.is_empty() || view.data.master.codes.is_empty() {
        hint_ui(ui, text::NO_MASTER);
    }
    let sel = form.selected.filter(|&i| i < rows.len());
    let selected_row = sel.map(|i| &rows[i]);
    if !locked {
        ui.horizontal_wrapped(|ui| {
            if ui.button(text::ADD).clicked() {
                out.push(Command::Rkt(RktEdit::Add {
                    after: rows.last().map(|r| r.position),
                    values: RowValues::default(),
                }));
                form.focus = Some((rows.len(), Col::Sasaran));
            }
            ui.add_enabled_ui(selected_row.is_some(), |ui| {
                if ui.button(text::INSERT).clicked()
                    && let Some(i) = sel
                {
                    let after = i
                        .checked_sub(1)
                        .map(|p| rows[p].position)
                        .unwrap_or(rows[i].position - 1.0);
                    out.push(Command::Rkt(RktEdit::Add {
                        after: Some(after),
                        values: RowValues::default(),
                    }));
                }
                if ui.button(text::DUPLICATE).clicked()
                    && let Some(r) = selected_row
                {
                    out.push(Command::Rkt(RktEdit::Add {
                        after: Some(r.position),
                        values: r.values.clone(),
                    }));
                }
                if ui.button(text::DELETE).clicked()
                    && let Some(r) = selected_row
                {
                    out.push(Command::Rkt(RktEdit::Delete { row_id: r.id }));
                }
                if ui.button(text::UP).clicked()
                    && let Some(i) = sel.filter(|&i| i > 0)
                {
                    let before = if i >= 2 {
                        rows[i - 2].position
                    } else {
                        rows[i - 1].position - 2.0
                    };
                    out.push(Command::Rkt(RktEdit::Move {
                        row_id: rows[i].id,
                        from: rows[i].position,
                        to: (before + rows[i - 1].position) / 2.0,
                    }));
                    form.selected = Some(i - 1);
                }
                if ui.button(text::DOWN).clicked()
                    && let Some(i) = sel.filter(|&i| i + 1 < rows.len())
                {
                    let after = rows
                        .get(i + 2)
                        .map_or(rows[i + 1].position + 2.0, |r| r.position);
                    out.push(Command::Rkt(RktEdit::Move {
                        row_id: rows[i].id,
                        from: rows[i].position,
                        to: (rows[i + 1].position + after) / 2.0,
                    }));
                    form.selected = Some(i + 1);
                }
            });
            if ui.button(text::UNDO).clicked() {
                out.push(Command::Undo);
            }
            if ui.button(text::REDO).clicked() {
                out.push(Command::Redo);
            }
            ui.separator();
            if ui
                .button(RichText::new(format!("✉ {}", text::SUBMIT)).strong())
                .clicked()
            {
                out.extend(form.pending(rows));
                out.push(Command::Submit);
            }
        });
        hint_ui(ui, text::KEYS);
        // Undo and redo outside a cell (inside one, they undo the typing).
        if !ui.ctx().egui_wants_keyboard_input() {
            // Read from the key events themselves: a quick Ctrl+Z is released within the same
            // frame, and the frame's modifiers no longer show Ctrl by then.
            let (undo, redo) = ui.input_mut(|i| {
                (
                    i.consume_shortcut(&egui::KeyboardShortcut::new(
                        egui::Modifiers::COMMAND,
                        Key::Z,
                    )),
                    i.consume_shortcut(&egui::KeyboardShortcut::new(
                        egui::Modifiers::COMMAND,
                        Key::Y,
                    )),
                )
            });
            if undo {
                out.push(Command::Undo);
            }
            if redo {
                out.push(Command::Redo);
            }
        }
    }

    let check = &view.data.rows_check;
    let (invalid, total) = (check.invalid, check.pagu);
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("{}: {}", text::TOTAL, format_rupiah(total))).strong());
        ui.label(format!("· {} baris", rows.len()));
        if invalid > 0 {
            ui.label(RichText::new(format!("· ⚠ {invalid} {}", text::INVALID)).color(theme::ERROR));
        }
        let (here, elsewhere) = form.unsaved_split(rows);
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
    });
    // Excel out (reading) and a file's preview (writing nothing) for whoever views; storing the
    // rows is refused by the store to anyone not filling this unit.
    super::format_excel::excel_ui(ui, view, out);
    if rows.is_empty() {
        hint_ui(ui, text::EMPTY);
        return;
    }
    table_ui(ui, view, form, out, locked);
}

const ROW_H: f32 = 44.0;

fn table_ui(
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
    let shown = area.show(ui, |ui| table_body_ui(ui, view, form, out, locked, rows));
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
        .any(|c| matches!(c, Command::Rkt(RktEdit::Add { .. })));
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
                    if ui
                        .selectable_label(form.selected == Some(i), (i + 1).to_string())
                        .clicked()
                    {
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

/// A cell reached from the keyboard (Tab, the arrows, Enter) comes into view, at once and
/// sideways too; one reached with the mouse is in view already.
fn reveal(ui: &Ui, resp: &egui::Response, form: &mut FormatForm) {
    if ui.input(|i| i.pointer.any_pressed() || i.pointer.any_released()) {
        return;
    }
    resp.scroll_to_me_animation(None, egui::style::ScrollAnimation::none());
    form.reveal = Some(resp.rect.x_range());
    ui.ctx().request_repaint();
}

/// One cell: a picker for the columns that come from master data, a text field otherwise.
#[allow(clippy::too_many_arguments)]
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
        out.push(Command::Rkt(RktEdit::SetCell {
            row_id: r.id,
            col,
            old: r.values.get(col).to_string(),
            new: new.to_string(),
        }))
    };
    let picker = |ui: &mut Ui, options: Vec<String>, form: &mut FormatForm| {
        let id = ui.make_persistent_id(("pilih", r.id, col.db_name()));
        let name = format!("{} baris {}", col.title(), i + 1);
        let (resp, picked) = super::picker::picker_ui(ui, id, value, text::PICK, &options, &name);
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
                    if let Some((_, t)) = ind.targets.iter().find(|(y, _)| *y == view.year) {
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
        _ => text_cell_ui(ui, view, form, out, i, r, col),
    }
    if col == Col::Code
        && let Some(code) = master.code(value)
    {
        ui.label(RichText::new(&code.name).small().color(theme::MUTED));
    }
}

fn text_cell_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    form: &mut FormatForm,
    out: &mut Vec<Command>,
    i: usize,
    r: &RktRow,
    col: Col,
) {
    let rows = &view.data.rows;
    let key = (r.id, col);
    let value = r.values.get(col);
    let mut text = form
        .buffers
        .get(&key)
        .map_or_else(|| value.to_string(), |b| b.1.clone());
    let id = ui.make_persistent_id(("sel", r.id, col.db_name()));
    // Free text that runs long wraps over the row's two lines rather than being cut mid-word;
    // Enter still goes to the next row (Shift+Enter starts a new line).
    let two_lines = matches!(col, Col::PenanggungJawab | Col::Keterangan);
    // Not being edited, a long text keeps to the row's two lines and ends in "…" (the cell
    // stays the row's height); being edited, it shows whole.
    let editing = ui.memory(|m| m.has_focus(id));
    let mut clamp = |ui: &Ui, buf: &dyn egui::TextBuffer, wrap_width: f32| {
        let job = super::widgets::clamped_job(
            buf.as_str(),
            egui::TextStyle::Body.resolve(ui.style()),
            ui.visuals().text_color(),
            wrap_width,
            2,
        );
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let edit = if two_lines {
        let edit = egui::TextEdit::multiline(&mut text)
            .desired_rows(2)
            .return_key(egui::KeyboardShortcut::new(
                egui::Modifiers::SHIFT,
                Key::Enter,
            ));
        if editing {
            edit
        } else {
            edit.layouter(&mut clamp)
        }
    } else {
        egui::TextEdit::singleline(&mut text)
    };
    let resp = ui.add(edit.id(id).desired_width(f32::INFINITY).align(
        if matches!(col, Col::Pagu | Col::Target) {
            egui::Align2::RIGHT_CENTER
        } else {
            egui::Align2::LEFT_TOP
        },
    ));
    resp.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::TextInput,
            true,
            format!("{} baris {}", col.title(), i + 1),
        )
    });
    if form.unsaved.contains_key(&key) {
        ui.painter().rect_stroke(
            resp.rect,
            2.0,
            Stroke::new(2.0, theme::ERROR),
            egui::StrokeKind::Inside,
        );
        resp.clone().on_hover_text(text::UNSAVED_CELL);
    }
    if form.focus == Some((i, col)) {
        resp.request_focus();
        form.focus = None;
    }
    if resp.gained_focus() {
        form.selected = Some(i);
        reveal(ui, &resp, form);
    }
    if resp.changed() {
        let original = form
            .buffers
            .get(&key)
            .map_or_else(|| value.to_string(), |b| b.0.clone());
        form.buffers.insert(key, (original, text.clone()));
        out.push(Command::RktTyping {
            row_id: r.id,
            col,
            text: text.clone(),
        });
    }
    // A two-line cell keeps the focus on Enter: it is left here as a one-line cell is.
    let enter_here = two_lines
        && resp.has_focus()
        && ui.input_mut(|inp| inp.consume_key(egui::Modifiers::NONE, Key::Enter));
    if enter_here {
        resp.surrender_focus();
    }
    let enter = enter_here || ui.input(|inp| inp.key_pressed(Key::Enter));
    let left = resp.lost_focus() || enter_here;
    // The arrow is taken from the frame's input: the row below gets the focus in this same
    // frame and would otherwise see the same key and move on, down to the last row.
    let (up, down) = if resp.has_focus() {
        ui.input_mut(|inp| {
            (
                inp.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
                inp.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
            )
        })
    } else {
        (false, false)
    };
    if up || down {
        let target = if up {
            i.checked_sub(1)
        } else {
            Some(i + 1).filter(|&n| n < rows.len())
        };
        if let Some(t) = target {
            form.focus = Some((t, col));
            form.selected = Some(t);
        }
    }
    if left {
        if let Some((original, typed)) = form.buffers.remove(&key) {
            let new = normalized(col, &typed);
            if new != original {
                out.push(Command::Rkt(RktEdit::SetCell {
                    row_id: r.id,
                    col,
                    old: original,
                    new,
                }));
            }
        }
        if enter {
            if i + 1 < rows.len() {
                form.focus = Some((i + 1, col));
                form.selected = Some(i + 1);
            } else {
                // Enter on the last row starts a new one, so a whole table fills from the keys.
                out.push(Command::Rkt(RktEdit::Add {
                    after: Some(r.position),
                    values: RowValues::default(),
                }));
                form.focus = Some((i + 1, Col::Sasaran));
                form.selected = Some(i + 1);
            }
        }
    }
    // Type-to-search for the sub kegiatan code.
    if col == Col::Code && resp.has_focus() {
        let query = text.trim().to_lowercase();
        let matches: Vec<_> = view
            .data
            .master
            .codes
            .iter()
            .filter(|c| c.level == crate::domain::rkt::CodeLevel::SubKegiatan)
            .filter(|c| {
                query.is_empty()
                    || c.code.starts_with(&query)
                    || c.name.to_lowercase().contains(&query)
            })
            .take(8)
            .collect();
        if !matches.is_empty() {
            egui::Area::new(id.with("saran"))
                .order(egui::Order::Foreground)
                .fixed_pos(resp.rect.left_bottom())
                .show(ui.ctx(), |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        for c in matches {
                            if ui
                                .selectable_label(false, format!("{}  {}", c.code, c.name))
                                .clicked()
                            {
                                form.buffers.remove(&key);
                                out.push(Command::Rkt(RktEdit::SetCell {
                                    row_id: r.id,
                                    col,
                                    old: value.to_string(),
                                    new: c.code.clone(),
                                }));
                            }
                        }
                    });
                });
        }
    }
}

fn collect_ui(ui: &mut Ui, view: &ViewCtx) {
    section_title_ui(ui, text::COLLECT_TITLE);
    hint_ui(ui, text::COLLECT_HINT);
    card_ui(ui, |ui| {
        egui::Grid::new("pengumpulan")
            .num_columns(5)
            .striped(true)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                for h in ["Unit", "Status", "Baris", "Pagu", "Dikumpulkan"] {
                    ui.strong(h);
                }
                ui.end_row();
                for s in &view.data.unit_statuses {
                    ui.label(&s.unit.name);
                    let (icon, color) = match (&s.submission, s.rows) {
                        (Some(_), _) => ("✔", theme::OK),
                        (None, 0) => ("◻", theme::MUTED),
                        (None, _) => (
                            "✎",
                            theme::state_color(crate::domain::workflow::StepState::Active),
                        ),
                    };
                    ui.label(RichText::new(format!("{icon} {}", s.label())).color(color));
                    ui.label(s.rows.to_string());
                    ui.label(format_rupiah(s.pagu));
                    ui.label(
                        s.submission
                            .as_ref()
                            .map(|x| {
                                format!(
                                    "{} · {}",
                                    x.submitted_by,
                                    indo::datetime_short(x.submitted_at)
                                )
                            })
                            .unwrap_or_default(),
                    );
                    ui.end_row();
                }
                let done = view
                    .data
                    .unit_statuses
                    .iter()
                    .filter(|s| s.submission.is_some())
                    .count();
                let pagu: i64 = view.data.unit_statuses.iter().map(|s| s.pagu).sum();
                let rows: usize = view.data.unit_statuses.iter().map(|s| s.rows).sum();
                ui.strong("Jumlah");
                ui.strong(format!(
                    "{done} dari {} dikumpulkan",
                    view.data.unit_statuses.len()
                ));
                ui.strong(rows.to_string());
                ui.strong(format_rupiah(pagu));
                ui.end_row();
            });
    });
}
