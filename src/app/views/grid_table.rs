//! The parts every typed table shares around its cells (grid_cell.rs): the sideways scroll that
//! follows the keyboard, the row number that selects a row, a problem's red frame, the
//! pick-list cell, read-only cells, and undo by key and button.

use egui::{Key, Stroke, Ui};
use egui_extras::TableBuilder;

use crate::app::{ActCmd, Command, ViewCtx, theme};
use crate::session::SheetCol;

use super::grid_form::{GridState, reveal};

mod text {
    pub const UNDO: &str = "↶ Urungkan";
    pub const REDO: &str = "↷ Ulangi";
    pub const PICK: &str = "— pilih —";
}

/// Row height of a typed table: two lines of text in a field.
pub(super) const ROW_H: f32 = 44.0;

/// A table wider than a small screen scrolls sideways as a whole, so its last columns stay in
/// reach at 1024 pixels; a cell reached from the keyboard is brought into view.
pub(super) fn sideways_ui(
    ui: &mut Ui,
    state: &mut GridState,
    id_salt: &str,
    body: impl FnOnce(&mut Ui, &mut GridState),
) {
    let mut area = egui::ScrollArea::horizontal()
        .id_salt(id_salt)
        .auto_shrink([false, true]);
    if let Some(cell) = state.reveal.take()
        && let Some((offset, seen)) = state.sideways
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
        body(ui, state)
    });
    state.sideways = Some((shown.state.clamped_offset().x, shown.inner_rect.x_range()));
}

/// The table scrolled to the row the keyboard goes to; `adding`: that row is asked for in this
/// frame and arrives with the next one.
pub(super) fn follow_focus<'a>(
    table: TableBuilder<'a>,
    state: &mut GridState,
    rows: usize,
    adding: bool,
) -> TableBuilder<'a> {
    match state.focus {
        Some((idx, _)) if idx < rows => table.scroll_to_row(idx, None),
        Some(_) if adding => table,
        // The row it waited for never came (the database refused the new row): asking to
        // scroll to it every frame would keep the window repainting.
        Some(_) => {
            state.focus = None;
            table
        }
        None => table,
    }
}

/// The row's number: clicked, it makes the row current. The current row shows in its number
/// only: a selected egui row would paint its fields' text in the selection colour.
pub(super) fn row_number_ui(ui: &mut Ui, state: &mut GridState, i: usize) {
    // Clicked, not reached by Tab: Tab goes from a row's last cell to the next row's first,
    // as in a spreadsheet.
    let number = egui::Button::selectable(state.selected == Some(i), (i + 1).to_string())
        .sense(egui::Sense::CLICK);
    if ui.add(number).clicked() {
        state.selected = Some(i);
    }
}

/// A cell framed in red when it has a problem, the problem said on hover.
pub(super) fn framed_ui(ui: &mut Ui, problem: Option<&str>, add: impl FnOnce(&mut Ui)) {
    let frame = egui::Frame::new().stroke(match problem {
        Some(_) => Stroke::new(1.5, theme::ERROR),
        None => Stroke::NONE,
    });
    let resp = frame.show(ui, add).response;
    if let Some(p) = problem {
        resp.on_hover_text(format!("⚠ {p}"));
    }
}

/// A pick-list cell of row `i`; `shown` is its value as shown, over `lines` lines. Returns the
/// option picked this frame.
#[allow(clippy::too_many_arguments)]
pub(super) fn pick_cell_ui(
    ui: &mut Ui,
    state: &mut GridState,
    i: usize,
    row_id: i64,
    col: SheetCol,
    shown: &str,
    options: &[String],
    lines: usize,
) -> Option<String> {
    let id = ui.make_persistent_id(("pilih", row_id, col));
    let name = format!("{} baris {}", col.title(), i + 1);
    let (resp, picked) =
        super::picker::picker_lines_ui(ui, id, shown, text::PICK, options, &name, lines);
    if state.focus == Some((i, col)) {
        resp.request_focus();
        state.focus = None;
    }
    if resp.gained_focus() {
        reveal(ui, &resp, state);
    }
    if resp.gained_focus() || resp.clicked() {
        state.selected = Some(i);
    }
    picked
}

/// A cell that is shown, not typed: two lines fit a row; more would be sliced by its edge.
pub(super) fn shown_cell_ui(ui: &mut Ui, value: &str) {
    super::widgets::clamped_label_ui(ui, value, 2);
}

/// A number shown at the right of its cell, as the typed numbers are.
pub(super) fn figure_cell_ui(ui: &mut Ui, value: &str, color: egui::Color32) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
        ui.label(egui::RichText::new(value).color(color));
    });
}

/// "Urungkan" and "Ulangi", greyed out without an edit of this table to undo or redo.
pub(super) fn undo_buttons_ui(ui: &mut Ui, undo_redo: (bool, bool), out: &mut Vec<Command>) {
    let (undo, redo) = undo_redo;
    if ui
        .add_enabled(undo, egui::Button::new(text::UNDO))
        .clicked()
    {
        out.push(Command::Act(ActCmd::Undo));
    }
    if ui
        .add_enabled(redo, egui::Button::new(text::REDO))
        .clicked()
    {
        out.push(Command::Act(ActCmd::Redo));
    }
}

/// Undo and redo of the last committed change, on a selected cell or a pick-list too; inside a
/// cell being edited (or another text field) they undo the typing there.
pub(super) fn undo_keys(ui: &mut Ui, state: &GridState, out: &mut Vec<Command>) {
    if state.editing.is_none() && !ui.ctx().text_edit_focused() {
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
            out.push(Command::Act(ActCmd::Undo));
        }
        if redo {
            out.push(Command::Act(ActCmd::Redo));
        }
    }
}

/// Who may type in the chosen unit's table `what` (unit_gate.rs), and for them undo and redo
/// by button and key, `more` beside the buttons (whether it was pressed). None when they may
/// not type.
pub(super) fn gate_and_undo_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    what: &str,
    (reason, state): (&mut String, &GridState),
    out: &mut Vec<Command>,
    more: impl FnOnce(&mut Ui) -> bool,
) -> Option<bool> {
    if !super::unit_gate::unit_gate_ui(ui, view, what, reason, out) {
        return None;
    }
    let pressed = ui
        .horizontal_wrapped(|ui| {
            undo_buttons_ui(ui, view.undo_redo, out);
            more(ui)
        })
        .inner;
    undo_keys(ui, state, out);
    Some(pressed)
}
