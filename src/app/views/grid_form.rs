//! The state of a table typed like a spreadsheet (FORMAT RKT, Rencana Aksi, realisation) and
//! what a table tells its cells: shared by the grid's parts (grid_cell, grid_cell_edit,
//! grid_table) and the pages that hold one.

use std::collections::HashMap;

use egui::Ui;

use crate::app::{ActCmd, Command};
use crate::session::{Sheet, SheetCol};

pub(super) mod text {
    pub const UNSAVED_CELL: &str = "Belum tersimpan: basis data menolak perubahan ini (lihat pesan di atas). Teks tetap di sini; tinggalkan sel ini lagi untuk menyimpan.";
}

/// What a table tells its cells: its rows and typed columns, each cell's value.
pub(super) trait Grid {
    /// The typed columns, left to right: the arrows go through these.
    fn cols(&self) -> &[SheetCol];
    fn len(&self) -> usize;
    fn row_id(&self, i: usize) -> i64;
    fn value(&self, i: usize, col: SheetCol) -> &str;
    /// Enter on the last row: the command that adds a row, and the column to go to in it (the
    /// FORMAT RKT fills from the keys; the other tables have a row per indikator).
    fn past_end(&self, _i: usize) -> Option<(Command, SheetCol)> {
        None
    }
}

/// A table's rows as the grid sees them: what each row's id and each cell's value is.
pub(super) struct RowsGrid<'a, R> {
    pub rows: &'a [R],
    pub cols: Vec<SheetCol>,
    pub id: fn(&R) -> i64,
    pub value: fn(&R, SheetCol) -> &str,
    /// Enter on the last row of row `R`: a new row after it, and the column to go to.
    pub past_end: Option<NewRow<R>>,
}

/// The command that adds a row after this one, and the column the keyboard goes to in it.
pub(super) type NewRow<R> = fn(&R) -> (Command, SheetCol);

impl<R> Grid for RowsGrid<'_, R> {
    fn cols(&self) -> &[SheetCol] {
        &self.cols
    }
    fn len(&self) -> usize {
        self.rows.len()
    }
    fn row_id(&self, i: usize) -> i64 {
        (self.id)(&self.rows[i])
    }
    fn value(&self, i: usize, col: SheetCol) -> &str {
        (self.value)(&self.rows[i], col)
    }
    fn past_end(&self, i: usize) -> Option<(Command, SheetCol)> {
        self.past_end.map(|f| f(&self.rows[i]))
    }
}

/// A cell of a table: its row's id and its column.
pub(super) type CellKey = (i64, SheetCol);

#[derive(Debug, Default)]
pub struct GridState {
    /// The current row (index in the table's rows).
    pub selected: Option<usize>,
    /// Cells being typed in: the value before typing (for undo) and the text now. The text is
    /// saved as it is typed; leaving the cell records the undoable edit.
    pub(super) buffers: HashMap<CellKey, (String, String)>,
    /// Cells whose text the database refused (full disk, read-only file, not a number): kept
    /// in `buffers`, shown as typed with a red frame, and saved again when the cell is next
    /// left. With the unit whose table was open when it was first refused.
    pub(super) unsaved: HashMap<CellKey, Option<i64>>,
    /// Move the keyboard focus to this cell on the next frame.
    pub(super) focus: Option<(usize, SheetCol)>,
    /// The cell being edited (a selected cell only shows its value): keys typed go into it,
    /// and Ctrl+Z undoes the typing there rather than the last committed change.
    pub(super) editing: Option<CellKey>,
    /// A cell just reached from the keyboard, to bring into view sideways on the next frame (the
    /// table's own vertical scroll area takes a widget's request in both directions, so the
    /// sideways one is made here), and where the sideways scroll stood.
    pub(super) reveal: Option<egui::Rangef>,
    pub(super) sideways: Option<(f32, egui::Rangef)>,
}

impl GridState {
    /// After a cell's edit of `sheet` reached the database (`saved`) or was refused: a refused
    /// text is kept as typed rather than lost. `unit` is the unit whose table is open.
    pub fn settle(&mut self, sheet: Sheet, cmd: &Command, saved: bool, unit: Option<i64>) {
        let (key, old, new, typing) = match cmd {
            Command::Act(ActCmd::SetCell {
                row_id,
                col,
                old,
                new,
            }) => ((*row_id, *col), old, new, false),
            Command::Act(ActCmd::Typing { row_id, col, text }) => {
                ((*row_id, *col), text, text, true)
            }
            _ => return,
        };
        if key.1.sheet() != sheet {
            return;
        }
        if saved {
            // Typing saved a keystroke: the cell may still be refused when it is left.
            if !typing {
                self.unsaved.remove(&key);
            }
        } else {
            // A retry from another unit's page keeps the unit it was typed in.
            self.unsaved.entry(key).or_insert(unit);
            if !typing {
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

    /// Refused cells in the table on screen (`here`: its row ids), and the units of those in
    /// other tables.
    pub(super) fn unsaved_split(&self, here: &dyn Fn(i64) -> bool) -> (usize, Vec<Option<i64>>) {
        let (mine, elsewhere): (Vec<_>, Vec<_>) =
            self.unsaved.iter().partition(|((id, _), _)| here(*id));
        let mut units: Vec<Option<i64>> = elsewhere.into_iter().map(|(_, u)| *u).collect();
        units.sort_unstable();
        (mine.len(), units)
    }

    /// Commits of the cells still being typed in the rows shown (`here`: their ids; the unit
    /// is left, submitted, or the window closes), and of every refused cell, whichever unit
    /// it is in: a refused text is tried again rather than dropped, and kept again if it is
    /// refused again.
    pub fn pending(&mut self, here: &dyn Fn(i64) -> bool) -> Vec<Command> {
        let unsaved = &self.unsaved;
        self.buffers
            .drain()
            .filter(|(key, _)| unsaved.contains_key(key) || here(key.0))
            .filter_map(|((row_id, col), (old, typed))| {
                let new = col.normalized(&typed);
                (old != new).then_some(Command::Act(ActCmd::SetCell {
                    row_id,
                    col,
                    old,
                    new,
                }))
            })
            .collect()
    }
}

/// A cell reached from the keyboard (Tab, the arrows, Enter) comes into view, at once and
/// sideways too; one reached with the mouse is in view already.
pub(super) fn reveal(ui: &Ui, resp: &egui::Response, state: &mut GridState) {
    if ui.input(|i| i.pointer.any_pressed() || i.pointer.any_released()) {
        return;
    }
    resp.scroll_to_me_animation(None, egui::style::ScrollAnimation::none());
    state.reveal = Some(resp.rect.x_range());
    ui.ctx().request_repaint();
}
