//! A typed cell of a table typed like a spreadsheet (FORMAT RKT, Rencana Aksi, realisation),
//! worked as in Excel or Calc: a cell reached by Tab, the
//! arrows, Enter or a click is selected (a thick frame); typing, pasting, Backspace or Delete
//! replace what it holds; F2, Enter or a double click edit it with the caret at the end; Esc
//! puts back the value it had; Ctrl+Z while editing undoes the typing in this cell only. The
//! typing is saved at once; the undoable edit is recorded when the cell is left.

use egui::{Event, EventFilter, Key, Modifiers, Sense, Stroke, Ui};

use crate::app::{Command, theme};
use crate::session::SheetCol;

use super::grid_cell_edit::{
    Cell, MARGIN, Start, after_last_tab, begin, commit, editing_ui, record_typing, unsaved_frame,
};
use super::grid_form::{Grid, GridState};

pub(super) fn text_cell_ui(
    ui: &mut Ui,
    grid: &dyn Grid,
    form: &mut GridState,
    out: &mut Vec<Command>,
    i: usize,
    col: SheetCol,
) {
    let row_id = grid.row_id(i);
    let key = (row_id, col);
    let value = grid.value(i, col);
    let id = ui.make_persistent_id(("sel", row_id, col));
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
        editing_ui(ui, grid, form, out, &cell);
    } else {
        selected_ui(ui, grid, form, out, &cell);
    }
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

/// The cell selected or merely shown: its value, cut to its lines with "…", in a field's frame.
fn selected_ui(
    ui: &mut Ui,
    grid: &dyn Grid,
    form: &mut GridState,
    out: &mut Vec<Command>,
    cell: &Cell,
) {
    let lines = if cell.col.two_lines() { 2.0 } else { 1.0 };
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
        Stroke::new(2.0, theme::ACCENT)
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
    let pos = if cell.col.right_aligned() {
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
        commit(form, out, cell.key);
    }
    if resp.gained_focus() {
        form.selected = Some(cell.i);
        super::grid_form::reveal(ui, &resp, form);
        typed_after_tab(ui, form, out, cell);
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
        arrows(ui, grid, form, cell);
    }
}

/// The arrows on a selected cell: the cell above, below, left or right of it.
fn arrows(ui: &mut Ui, grid: &dyn Grid, form: &mut GridState, cell: &Cell) {
    let [up, down, left, right] = ui.input_mut(|inp| {
        [
            Key::ArrowUp,
            Key::ArrowDown,
            Key::ArrowLeft,
            Key::ArrowRight,
        ]
        .map(|k| inp.consume_key(Modifiers::NONE, k))
    });
    let rows = grid.len();
    let cols = grid.cols();
    let at = cols.iter().position(|&c| c == cell.col).unwrap_or(0);
    let target = if up {
        cell.i.checked_sub(1).map(|i| (i, cell.col))
    } else if down {
        Some(cell.i + 1)
            .filter(|&i| i < rows)
            .map(|i| (i, cell.col))
    } else if left {
        at.checked_sub(1).map(|c| (cell.i, cols[c]))
    } else if right {
        cols.get(at + 1).map(|&c| (cell.i, c))
    } else {
        None
    };
    if let Some((i, col)) = target {
        form.focus = Some((i, col));
        form.selected = Some(i);
    }
}

/// Letters typed right after the Tab that reached this cell, in the same frame (a quick hand on
/// a busy PC): they are this cell's, and replace what it held as any typing does.
fn typed_after_tab(ui: &mut Ui, form: &mut GridState, out: &mut Vec<Command>, cell: &Cell) {
    let typed: String = ui.input(|inp| {
        let after_tab = after_last_tab(&inp.events).unwrap_or(inp.events.len());
        inp.events[after_tab..]
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    });
    if typed.is_empty() {
        return;
    }
    begin(ui, form, cell.key, cell.edit_id, cell.value, Start::Replace);
    let mut state =
        egui::text_edit::TextEditState::load(ui.ctx(), cell.edit_id).unwrap_or_default();
    let end = egui::text::CCursor::new(typed.chars().count());
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::one(end)));
    state.store(ui.ctx(), cell.edit_id);
    record_typing(form, out, cell, typed);
    ui.ctx().request_repaint();
}
