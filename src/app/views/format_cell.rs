//! A typed cell of the FORMAT RKT table, worked as in Excel or Calc: a cell reached by Tab, the
//! arrows, Enter or a click is selected (a thick frame); typing, pasting, Backspace or Delete
//! replace what it holds; F2, Enter or a double click edit it with the caret at the end; Esc
//! puts back the value it had; Ctrl+Z while editing undoes the typing in this cell only. The
//! typing is saved at once; the undoable edit is recorded when the cell is left.

use egui::text::{CCursor, CCursorRange};
use egui::text_edit::TextEditState;
use egui::{Event, EventFilter, Id, Key, Modifiers, Sense, Stroke, Ui};

use crate::app::{ActCmd, Command, RktEdit, ViewCtx, theme};
use crate::domain::rkt::{Col, RowValues};
use crate::store::RktRow;

use super::format_form::{FormatForm, normalized, text};

/// How an edit begins: typing over the whole value, or the value kept with the caret at its end.
#[derive(Clone, Copy, PartialEq)]
enum Start {
    Replace,
    AtEnd,
}

/// The inner margin of egui's text field, so a selected cell and its editor are the same size.
const MARGIN: egui::Vec2 = egui::vec2(4.0, 2.0);

pub(super) fn text_cell_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    form: &mut FormatForm,
    out: &mut Vec<Command>,
    i: usize,
    r: &RktRow,
    col: Col,
) {
    let key = (r.id, col);
    let value = r.values.get(col);
    let id = ui.make_persistent_id(("sel", r.id, col.db_name()));
    let edit_id = id.with("ubah");
    if form.focus == Some((i, col)) {
        ui.memory_mut(|m| m.request_focus(id));
        form.focus = None;
    }
    // A key on the selected cell starts the edit in this same frame, so the editor takes the
    // very keystroke that started it (the first letter replaces the value).
    if form.editing != Some(key)
        && ui.memory(|m| m.has_focus(id))
        && let Some(start) = start_from_keys(ui)
    {
        begin(ui, form, key, edit_id, value, start);
        form.selected = Some(i);
    }
    let cell = Cell {
        key,
        id,
        edit_id,
        i,
        col,
        value,
        name: format!("{} baris {}", col.title(), i + 1),
    };
    if form.editing == Some(key) {
        editing_ui(ui, view, form, out, &cell, r);
    } else {
        selected_ui(ui, view, form, out, &cell, r);
    }
}

/// What both states of a cell know of it.
struct Cell<'a> {
    key: (i64, Col),
    /// The cell while selected; its editor has `edit_id`.
    id: Id,
    edit_id: Id,
    i: usize,
    col: Col,
    value: &'a str,
    name: String,
}

/// Free text that runs long keeps to the row's two lines.
fn two_lines(col: Col) -> bool {
    matches!(col, Col::PenanggungJawab | Col::Keterangan)
}

fn right_aligned(col: Col) -> bool {
    matches!(col, Col::Pagu | Col::Target)
}

/// The keys that start an edit on a selected cell; F2 and Enter are taken, a typed letter is
/// left for the editor.
fn start_from_keys(ui: &mut Ui) -> Option<Start> {
    ui.input_mut(|inp| {
        if inp.consume_key(Modifiers::NONE, Key::F2) || inp.consume_key(Modifiers::NONE, Key::Enter)
        {
            return Some(Start::AtEnd);
        }
        let replaces = inp.events.iter().any(|e| match e {
            Event::Text(t) => !t.is_empty(),
            Event::Paste(t) => !t.is_empty(),
            Event::Key {
                key: Key::Backspace | Key::Delete,
                pressed: true,
                modifiers,
                ..
            } => !modifiers.any(),
            _ => false,
        });
        replaces.then_some(Start::Replace)
    })
}

/// Opens the cell's editor: the whole value selected (what is typed replaces it) or the caret
/// at its end, and an undo history of this edit alone, starting from the value it had.
fn begin(ui: &Ui, form: &mut FormatForm, key: (i64, Col), edit_id: Id, value: &str, start: Start) {
    let text = form.buffers.get(&key).map_or(value, |b| b.1.as_str());
    let n = text.chars().count();
    let range = match start {
        Start::Replace => CCursorRange::two(CCursor::new(0), CCursor::new(n)),
        Start::AtEnd => CCursorRange::one(CCursor::new(n)),
    };
    let mut state = TextEditState::load(ui.ctx(), edit_id).unwrap_or_default();
    state.cursor.set_char_range(Some(range));
    let mut undoer = egui::util::undoer::Undoer::default();
    undoer.add_undo(&(range, text.to_string()));
    state.set_undoer(undoer);
    state.store(ui.ctx(), edit_id);
    ui.memory_mut(|m| m.request_focus(edit_id));
    form.editing = Some(key);
}

/// The cell selected or merely shown: its value, cut to its lines with "…", in a field's frame.
fn selected_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    form: &mut FormatForm,
    out: &mut Vec<Command>,
    cell: &Cell,
    r: &RktRow,
) {
    let lines = if two_lines(cell.col) { 2.0 } else { 1.0 };
    let font = egui::TextStyle::Body.resolve(ui.style());
    let row_h = ui.fonts_mut(|f| f.row_height(&font));
    let size = egui::vec2(ui.available_width(), row_h * lines + 2.0 * MARGIN.y);
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let resp = ui.interact(rect, cell.id, Sense::click());
    let shown = form
        .buffers
        .get(&cell.key)
        .map_or(cell.value, |b| b.1.as_str());
    let focused = resp.has_focus();
    let visuals = ui.visuals();
    let stroke = if focused {
        Stroke::new(2.0, visuals.selection.stroke.color)
    } else {
        visuals.widgets.inactive.bg_stroke
    };
    ui.painter().rect(
        rect,
        visuals.widgets.inactive.corner_radius,
        visuals.extreme_bg_color,
        stroke,
        egui::StrokeKind::Inside,
    );
    let job = super::widgets::clamped_job(
        shown,
        font,
        visuals.text_color(),
        (rect.width() - 2.0 * MARGIN.x).max(10.0),
        lines as usize,
    );
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    let inner = rect.shrink2(MARGIN);
    let pos = if right_aligned(cell.col) {
        egui::pos2(inner.right() - galley.size().x, inner.top())
    } else {
        inner.left_top()
    };
    let elided = galley.elided;
    ui.painter()
        .with_clip_rect(rect)
        .galley(pos, galley, visuals.text_color());
    resp.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::TextInput, true, &cell.name);
        info.current_text_value = Some(shown.to_string());
        info
    });
    if form.unsaved.contains_key(&cell.key) {
        unsaved_frame(ui, &resp);
    } else if elided {
        resp.clone().on_hover_text(shown);
    }
    if resp.clicked() {
        resp.request_focus();
    }
    // A text the database refused is tried again each time its cell is left.
    if resp.lost_focus() && form.buffers.contains_key(&cell.key) {
        commit(form, out, cell.key, r);
    }
    if resp.gained_focus() {
        form.selected = Some(cell.i);
        super::format_form::reveal(ui, &resp, form);
    }
    if resp.double_clicked() {
        begin(ui, form, cell.key, cell.edit_id, cell.value, Start::AtEnd);
        form.selected = Some(cell.i);
        ui.ctx().request_repaint();
    }
    if focused {
        // The arrows move between cells and Escape leaves the selection where it is, rather
        // than egui moving the focus to whichever widget lies that way or dropping it.
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                cell.id,
                EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    escape: true,
                    tab: false,
                },
            )
        });
        arrows(ui, view, form, cell);
    }
}

/// The arrows on a selected cell: the cell above, below, left or right of it.
fn arrows(ui: &mut Ui, view: &ViewCtx, form: &mut FormatForm, cell: &Cell) {
    let [up, down, left, right] = ui.input_mut(|inp| {
        [
            Key::ArrowUp,
            Key::ArrowDown,
            Key::ArrowLeft,
            Key::ArrowRight,
        ]
        .map(|k| inp.consume_key(Modifiers::NONE, k))
    });
    let rows = view.data.rows.len();
    let at = Col::ALL.iter().position(|&c| c == cell.col).unwrap_or(0);
    let target = if up {
        cell.i.checked_sub(1).map(|i| (i, cell.col))
    } else if down {
        Some(cell.i + 1)
            .filter(|&i| i < rows)
            .map(|i| (i, cell.col))
    } else if left {
        at.checked_sub(1).map(|c| (cell.i, Col::ALL[c]))
    } else if right {
        Col::ALL.get(at + 1).map(|&c| (cell.i, c))
    } else {
        None
    };
    if let Some((i, col)) = target {
        form.focus = Some((i, col));
        form.selected = Some(i);
    }
}

/// The cell being edited: every change saved as typed; leaving it records the edit, Esc
/// restores the value it had.
fn editing_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    form: &mut FormatForm,
    out: &mut Vec<Command>,
    cell: &Cell,
    r: &RktRow,
) {
    let key = cell.key;
    let mut text = form
        .buffers
        .get(&key)
        .map_or_else(|| cell.value.to_string(), |b| b.1.clone());
    // egui drops the focus on Escape before any widget runs; it is read here to tell it from
    // leaving the cell.
    let escape = ui.input(|i| i.key_pressed(Key::Escape));
    let edit = if two_lines(cell.col) {
        // Enter still goes to the next row; Shift+Enter starts a new line.
        egui::TextEdit::multiline(&mut text)
            .desired_rows(2)
            .return_key(egui::KeyboardShortcut::new(Modifiers::SHIFT, Key::Enter))
    } else {
        egui::TextEdit::singleline(&mut text)
    };
    let align = if right_aligned(cell.col) {
        egui::Align2::RIGHT_CENTER
    } else {
        egui::Align2::LEFT_TOP
    };
    let resp = ui.add(
        edit.id(cell.edit_id)
            .desired_width(f32::INFINITY)
            .margin(MARGIN)
            .align(align),
    );
    resp.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::TextInput, true, &cell.name);
        info.current_text_value = Some(text.clone());
        info
    });
    if form.unsaved.contains_key(&key) {
        unsaved_frame(ui, &resp);
    }
    if resp.changed() {
        let original = form
            .buffers
            .get(&key)
            .map_or_else(|| cell.value.to_string(), |b| b.0.clone());
        form.buffers.insert(key, (original, text.clone()));
        out.push(Command::Act(ActCmd::RktTyping {
            row_id: r.id,
            col: cell.col,
            text: text.clone(),
        }));
    }
    // A two-line cell keeps the focus on Enter: it is left here as a one-line cell is.
    let enter_here = two_lines(cell.col)
        && resp.has_focus()
        && ui.input_mut(|inp| inp.consume_key(Modifiers::NONE, Key::Enter));
    if enter_here {
        resp.surrender_focus();
    }
    // The arrow is taken from the frame's input: the row below gets the focus in this same
    // frame and would otherwise see the same key and move on, down to the last row.
    let (up, down) = if resp.has_focus() {
        ui.input_mut(|inp| {
            (
                inp.consume_key(Modifiers::NONE, Key::ArrowUp),
                inp.consume_key(Modifiers::NONE, Key::ArrowDown),
            )
        })
    } else {
        (false, false)
    };
    if up || down {
        let rows = view.data.rows.len();
        let target = if up {
            cell.i.checked_sub(1)
        } else {
            Some(cell.i + 1).filter(|&n| n < rows)
        };
        if let Some(t) = target {
            form.focus = Some((t, cell.col));
            form.selected = Some(t);
        }
    }
    // Without the focus the cell is being edited no more (Tab, a click elsewhere, Enter, Esc).
    if resp.has_focus() && !enter_here {
        return;
    }
    form.editing = None;
    if escape {
        if let Some((original, typed)) = form.buffers.remove(&key)
            && typed != original
        {
            // The typing was saved as it went: the value it had goes back to the database.
            out.push(Command::Act(ActCmd::RktTyping {
                row_id: r.id,
                col: cell.col,
                text: original,
            }));
        }
        form.unsaved.remove(&key);
        ui.memory_mut(|m| m.request_focus(cell.id));
        return;
    }
    // The Enter that left this cell must not start an edit in the cell it goes to.
    let enter = enter_here || ui.input_mut(|inp| inp.consume_key(Modifiers::NONE, Key::Enter));
    commit(form, out, key, r);
    if enter {
        if cell.i + 1 < view.data.rows.len() {
            form.focus = Some((cell.i + 1, cell.col));
            form.selected = Some(cell.i + 1);
        } else {
            // Enter on the last row starts a new one, so a whole table fills from the keys.
            out.push(Command::Act(ActCmd::Rkt(RktEdit::Add {
                after: Some(r.position),
                values: RowValues::default(),
            })));
            form.focus = Some((cell.i + 1, Col::Sasaran));
            form.selected = Some(cell.i + 1);
        }
    }
}

/// The undoable edit of a cell that was left, when its text changed.
fn commit(form: &mut FormatForm, out: &mut Vec<Command>, key: (i64, Col), r: &RktRow) {
    if let Some((original, typed)) = form.buffers.remove(&key) {
        let new = normalized(key.1, &typed);
        if new != original {
            out.push(Command::Act(ActCmd::Rkt(RktEdit::SetCell {
                row_id: r.id,
                col: key.1,
                old: original,
                new,
            })));
        }
    }
}

/// A cell the database refused: framed in red, with why on hover.
fn unsaved_frame(ui: &Ui, resp: &egui::Response) {
    ui.painter().rect_stroke(
        resp.rect,
        2.0,
        Stroke::new(2.0, theme::ERROR),
        egui::StrokeKind::Inside,
    );
    resp.clone().on_hover_text(text::UNSAVED_CELL);
}
