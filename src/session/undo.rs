//! Undo and redo of the typed tables' edits (FORMAT RKT, Rencana Aksi, realisation). Every step
//! is a database change in both directions, so undoing a delete restores the row in the
//! database too.

use chrono::NaiveDateTime;

use super::RktEdit;
use super::sheet::{Sheet, SheetCol};
use crate::domain::sop::Sop;
use crate::store::{Identity, Result, Store};

/// A done edit, with what it takes to undo and redo it.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Cell {
        row_id: i64,
        col: SheetCol,
        old: String,
        new: String,
    },
    /// A row created (undo deletes it) or deleted (`deleted`: undo restores it).
    Row {
        row_id: i64,
        deleted: bool,
    },
    Move {
        row_id: i64,
        from: f64,
        to: f64,
    },
    /// A year started from the last one: undo takes all its rows away, redo brings them back.
    Carry {
        year: i32,
        row_ids: Vec<i64>,
    },
}

#[derive(Debug, Default)]
pub struct History {
    done: Vec<Op>,
    undone: Vec<Op>,
}

const LIMIT: usize = 200;

/// Commits an edit; returns the op to remember.
pub fn apply_edit(
    store: &mut Store,
    year: i32,
    unit: i64,
    edit: RktEdit,
    who: &Identity,
    now: NaiveDateTime,
) -> Result<Option<Op>> {
    Ok(Some(match edit {
        RktEdit::Add { after, values } => {
            let row_id = store.insert_row(year, unit, after, &values, who)?;
            Op::Row {
                row_id,
                deleted: false,
            }
        }
        RktEdit::Delete { row_id } => {
            store.set_row_deleted(row_id, true, who, now)?;
            Op::Row {
                row_id,
                deleted: true,
            }
        }
        RktEdit::Move { row_id, from, to } => {
            store.set_row_position(row_id, to, who)?;
            Op::Move { row_id, from, to }
        }
    }))
}

/// Commits a cell's edit in whichever table it is; the op to remember, none when nothing
/// changed.
pub fn apply_cell(
    store: &mut Store,
    row_id: i64,
    col: SheetCol,
    (old, new): (String, String),
    who: &Identity,
    now: NaiveDateTime,
) -> Result<Option<Op>> {
    if old == new {
        return Ok(None);
    }
    set_cell(store, row_id, col, &new, who, now)?;
    Ok(Some(Op::Cell {
        row_id,
        col,
        old,
        new,
    }))
}

/// One cell of any typed table written, by the store's rules for that table.
pub fn set_cell(
    store: &mut Store,
    row_id: i64,
    col: SheetCol,
    value: &str,
    who: &Identity,
    now: NaiveDateTime,
) -> Result<()> {
    match col {
        SheetCol::Rkt(c) => store.set_cell(row_id, c, value, who),
        SheetCol::Plan(c) => store.set_plan_cell(row_id, c, value, who),
        SheetCol::Real(q, c) => store.set_real_cell(row_id, q, c, value, who, now),
    }
}

fn run(
    store: &mut Store,
    sop: &Sop,
    op: &Op,
    forward: bool,
    who: &Identity,
    now: NaiveDateTime,
) -> Result<()> {
    match op {
        Op::Cell {
            row_id,
            col,
            old,
            new,
        } => set_cell(
            store,
            *row_id,
            *col,
            if forward { new } else { old },
            who,
            now,
        ),
        Op::Row { row_id, deleted } => {
            // Forward repeats the edit: a deletion deletes, a creation restores.
            let delete = if forward { *deleted } else { !*deleted };
            store.set_row_deleted(*row_id, delete, who, now)
        }
        Op::Move { row_id, from, to } => {
            store.set_row_position(*row_id, if forward { *to } else { *from }, who)
        }
        Op::Carry { year, row_ids } => {
            store.set_carried_deleted(sop, *year, row_ids, !forward, who, now)
        }
    }
}

impl History {
    pub fn push(&mut self, op: Op) {
        self.done.push(op);
        if self.done.len() > LIMIT {
            self.done.remove(0);
        }
        self.undone.clear();
    }

    /// Whether there is an edit of `sheet` to undo, and one to redo (the buttons are greyed
    /// out without): an edit of another table is not undone from this one, unseen.
    pub fn can(&self, sheet: Sheet) -> (bool, bool) {
        let of = |ops: &[Op]| ops.last().is_some_and(|o| o.sheet() == sheet);
        (of(&self.done), of(&self.undone))
    }

    /// Undoes the last edit, when it is of `sheet`; returns it, or `None` when there is none.
    pub fn undo(
        &mut self,
        sheet: Sheet,
        store: &mut Store,
        sop: &Sop,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<Option<Op>> {
        if !self.can(sheet).0 {
            return Ok(None);
        }
        replay(
            &mut self.done,
            &mut self.undone,
            false,
            store,
            sop,
            who,
            now,
        )
    }

    pub fn redo(
        &mut self,
        sheet: Sheet,
        store: &mut Store,
        sop: &Sop,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<Option<Op>> {
        if !self.can(sheet).1 {
            return Ok(None);
        }
        replay(&mut self.undone, &mut self.done, true, store, sop, who, now)
    }
}

/// Runs the last op of `from` (`forward`: again; else backwards) and moves it to `to`; a
/// refused op stays where it was.
fn replay(
    from: &mut Vec<Op>,
    to: &mut Vec<Op>,
    forward: bool,
    store: &mut Store,
    sop: &Sop,
    who: &Identity,
    now: NaiveDateTime,
) -> Result<Option<Op>> {
    let Some(op) = from.pop() else {
        return Ok(None);
    };
    if let Err(e) = run(store, sop, &op, forward, who, now) {
        from.push(op);
        return Err(e);
    }
    to.push(op.clone());
    Ok(Some(op))
}

impl Op {
    /// The table the op changed.
    pub fn sheet(&self) -> Sheet {
        match self {
            Op::Cell { col, .. } => col.sheet(),
            _ => Sheet::Rkt,
        }
    }

    /// What the op changed, named as the table shows it (`row_no`: a row's place in its table
    /// before it ran); `forward`: redone, else undone.
    pub fn describe(&self, row_no: &dyn Fn(i64) -> Option<usize>, forward: bool) -> String {
        let row = |id: &i64| {
            row_no(*id).map_or_else(|| "baris".to_string(), |i| format!("baris {}", i + 1))
        };
        let quoted = |v: &str| {
            if v.is_empty() {
                "(kosong)".to_string()
            } else {
                format!("\"{v}\"")
            }
        };
        match self {
            Op::Cell {
                row_id,
                col,
                old,
                new,
            } => {
                let (from, to) = if forward { (old, new) } else { (new, old) };
                format!(
                    "{} {}: {} → {}",
                    col.title(),
                    row(row_id),
                    quoted(from),
                    quoted(to)
                )
            }
            Op::Row { row_id, deleted } => {
                let gone = if forward { *deleted } else { !*deleted };
                let what = if gone { "dihapus" } else { "dikembalikan" };
                format!("{} {what}", row(row_id))
            }
            Op::Move { row_id, .. } => format!("{} dipindahkan", row(row_id)),
            Op::Carry { row_ids, .. } => {
                let what = if forward {
                    "dibawa lagi"
                } else {
                    "ditarik kembali"
                };
                format!("{} baris dari tahun lalu {what}", row_ids.len())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rkt::RowValues;

    fn now() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 2, 2)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    #[test]
    fn undo_and_redo_go_through_the_database() {
        let mut store = Store::open_in_memory().unwrap();
        let unit = store.units().unwrap()[0].id;
        let op = crate::store::test_support::everyone(&mut store);
        let mut h = History::default();
        let add = RktEdit::Add {
            after: None,
            values: RowValues::default(),
        };
        let created = apply_edit(&mut store, 2026, unit, add, &op, now())
            .unwrap()
            .unwrap();
        let Op::Row { row_id, .. } = created else {
            panic!()
        };
        h.push(created);
        let set = (String::new(), "87,5".to_string());
        let target = SheetCol::Rkt(crate::domain::rkt::Col::Target);
        h.push(
            apply_cell(&mut store, row_id, target, set, &op, now())
                .unwrap()
                .unwrap(),
        );
        h.push(
            apply_edit(
                &mut store,
                2026,
                unit,
                RktEdit::Delete { row_id },
                &op,
                now(),
            )
            .unwrap()
            .unwrap(),
        );
        assert!(store.rkt_rows(2026, unit).unwrap().is_empty());
        // Undo the delete: the row is back in the database, with its value.
        assert!(
            h.undo(Sheet::Rkt, &mut store, &Sop::embedded(), &op, now())
                .unwrap()
                .is_some()
        );
        assert_eq!(store.rkt_rows(2026, unit).unwrap()[0].values.target, "87,5");
        assert!(
            h.undo(Sheet::Rkt, &mut store, &Sop::embedded(), &op, now())
                .unwrap()
                .is_some()
        );
        assert_eq!(store.rkt_rows(2026, unit).unwrap()[0].values.target, "");
        assert!(
            h.redo(Sheet::Rkt, &mut store, &Sop::embedded(), &op, now())
                .unwrap()
                .is_some()
        );
        assert_eq!(store.rkt_rows(2026, unit).unwrap()[0].values.target, "87,5");
        assert!(
            h.undo(Sheet::Rkt, &mut store, &Sop::embedded(), &op, now())
                .unwrap()
                .is_some()
        );
        assert!(
            h.undo(Sheet::Rkt, &mut store, &Sop::embedded(), &op, now())
                .unwrap()
                .is_some()
        );
        assert!(
            store.rkt_rows(2026, unit).unwrap().is_empty(),
            "undoing the creation"
        );
        assert!(
            h.undo(Sheet::Rkt, &mut store, &Sop::embedded(), &op, now())
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn an_edit_is_undone_only_from_its_own_table() {
        let mut h = History::default();
        h.push(Op::Row {
            row_id: 1,
            deleted: false,
        });
        assert_eq!(h.can(Sheet::Rkt), (true, false));
        assert_eq!(h.can(Sheet::Plan), (false, false));
        h.push(Op::Cell {
            row_id: 7,
            col: SheetCol::Real(2, crate::domain::action_plan::RealCol::Kendala),
            old: String::new(),
            new: "hujan".into(),
        });
        assert_eq!(h.can(Sheet::Real), (true, false));
        assert_eq!(
            h.can(Sheet::Rkt),
            (false, false),
            "the last edit is elsewhere"
        );
        let mut store = Store::open_in_memory().unwrap();
        let op = crate::store::test_support::everyone(&mut store);
        let sop = Sop::embedded();
        // Asked from another table: nothing is undone, and nothing is lost.
        assert!(
            h.undo(Sheet::Plan, &mut store, &sop, &op, now())
                .unwrap()
                .is_none()
        );
        assert_eq!(h.can(Sheet::Real), (true, false));
    }
}
