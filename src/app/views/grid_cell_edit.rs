//! The cell being edited in a typed table (grid_cell.rs selects it): the editor opened with
//! the value selected or the caret at its end, each change saved as typed, the edit recorded
//! when the cell is left, the value it had put back on Esc.

use egui::text::{CCursor, CCursorRange};
use egui::text_edit::TextEditState;
use egui::{Id, Key, Modifiers, Stroke, Ui};

use crate::app::{ActCmd, Command, theme};
use crate::session::SheetCol;

use super::grid_form::{CellKey, Grid, GridState, text};

/// How an edit begins: typing over the whole value, or the value kept with the caret at its end.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Start {
    Replace,
    AtEnd,
}

/// The inner margin of egui's text field, so a selected cell and its editor are the same size.
pub(super) const MARGIN: egui::Vec2 = egui::vec2(4.0, 2.0);

/// What both states of a cell know of it.
pub(super) struct Cell<'a> {
    pub(super) key: CellKey,
    /// The cell while selected; its editor has `edit_id`.
    pub(super) id: Id,
    pub(super) edit_id: Id,
    pub(super) i: usize,
    pub(super) col: SheetCol,
    pub(super) value: &'a str,
    pub(super) name: String,
}

/// Opens the cell's editor: the whole value selected (what is typed replaces it) or the caret
/// at its end, and an undo history of this edit alone, starting from the value it had.
pub(super) fn begin(
    ui: &Ui,
    form: &mut GridState,
    key: CellKey,
    edit_id: Id,
    value: &str,
    start: Start,
) {
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

/// The cell being edited: every change saved as typed; leaving it records the edit, Esc
/// restores the value it had.
pub(super) fn editing_ui(
    ui: &mut Ui,
    grid: &dyn Grid,
    form: &mut GridState,
    out: &mut Vec<Command>,
    cell: &Cell,
) {
    let key = cell.key;
    let mut text = form
        .buffers
        .get(&key)
        .map_or_else(|| cell.value.to_string(), |b| b.1.clone());
    // egui drops the focus on Escape before any widget runs; it is read here to tell it from
    // leaving the cell.
    let escape = ui.input(|i| i.key_pressed(Key::Escape));
    let edit = if cell.col.two_lines() {
        // Enter still goes to the next row; Shift+Enter starts a new line.
        egui::TextEdit::multiline(&mut text)
            .desired_rows(2)
            .return_key(egui::KeyboardShortcut::new(Modifiers::SHIFT, Key::Enter))
    } else {
        egui::TextEdit::singleline(&mut text)
    };
    let align = if cell.col.right_aligned() {
        egui::Align2::RIGHT_CENTER
    } else {
        egui::Align2::LEFT_TOP
    };
    // What was typed after a Tab in this same frame (a quick hand on a busy PC) is the next
    // cell's: egui's editor would take every letter of the frame, so it sees those only after.
    let after_tab = ui.input_mut(|inp| {
        after_last_tab(&inp.events)
            .map(|i| inp.events.split_off(i))
            .unwrap_or_default()
    });
    let resp = ui.add(
        edit.id(cell.edit_id)
            .desired_width(f32::INFINITY)
            .margin(MARGIN)
            .align(align),
    );
    ui.input_mut(|inp| inp.events.extend(after_tab));
    resp.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::TextInput, true, &cell.name);
        info.current_text_value = Some(text.clone());
        info
    });
    if form.unsaved.contains_key(&key) {
        unsaved_frame(ui, &resp);
    }
    if resp.changed() {
        record_typing(form, out, cell, text.clone());
    }
    // A two-line cell keeps the focus on Enter: it is left here as a one-line cell is.
    let enter_here = cell.col.two_lines()
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
        let rows = grid.len();
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
            out.push(Command::Act(ActCmd::Typing {
                row_id: key.0,
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
    commit(form, out, key);
    if enter {
        if cell.i + 1 < grid.len() {
            form.focus = Some((cell.i + 1, cell.col));
            form.selected = Some(cell.i + 1);
        } else if let Some((add, col)) = grid.past_end(cell.i) {
            // Enter on the last row starts a new one, so a whole table fills from the keys.
            out.push(add);
            form.focus = Some((cell.i + 1, col));
            form.selected = Some(cell.i + 1);
        } else {
            // A table of fixed rows (one per indikator): the last row's cell stays selected.
            form.focus = Some((cell.i, cell.col));
        }
    }
}

/// Where the frame's events after its last Tab press begin; `None` without a Tab.
pub(super) fn after_last_tab(events: &[egui::Event]) -> Option<usize> {
    events
        .iter()
        .rposition(|e| {
            matches!(
                e,
                egui::Event::Key {
                    key: Key::Tab,
                    pressed: true,
                    ..
                }
            )
        })
        .map(|i| i + 1)
}

/// Text typed into a cell: kept beside the value the cell had before this typing (for the edit
/// recorded when it is left), and saved at once.
pub(super) fn record_typing(
    form: &mut GridState,
    out: &mut Vec<Command>,
    cell: &Cell,
    text: String,
) {
    let original = form
        .buffers
        .get(&cell.key)
        .map_or_else(|| cell.value.to_string(), |b| b.0.clone());
    form.buffers.insert(cell.key, (original, text.clone()));
    out.push(Command::Act(ActCmd::Typing {
        row_id: cell.key.0,
        col: cell.col,
        text,
    }));
}

/// The undoable edit of a cell that was left, when its text changed.
pub(super) fn commit(form: &mut GridState, out: &mut Vec<Command>, key: CellKey) {
    if let Some((original, typed)) = form.buffers.remove(&key) {
        let new = key.1.normalized(&typed);
        if new != original {
            out.push(Command::Act(ActCmd::SetCell {
                row_id: key.0,
                col: key.1,
                old: original,
                new,
            }));
        }
    }
}

/// A cell the database refused: framed in red, with why on hover.
pub(super) fn unsaved_frame(ui: &Ui, resp: &egui::Response) {
    ui.painter().rect_stroke(
        resp.rect,
        2.0,
        Stroke::new(2.0, theme::ERROR),
        egui::StrokeKind::Inside,
    );
    resp.clone().on_hover_text(text::UNSAVED_CELL);
}
