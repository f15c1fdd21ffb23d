//! Undo and redo of FORMAT RKT edits. Every step is a database change in both directions, so
//! undoing a delete restores the row in the database too.

use chrono::NaiveDateTime;

use super::RktEdit;
use crate::domain::rkt::Col;
use crate::domain::sop::Sop;
use crate::store::{Identity, Result, Store};

/// A done edit, with what it takes to undo and redo it.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Cell {
        row_id: i64,
        col: Col,
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
        RktEdit::SetCell {
            row_id,
            col,
            old,
            new,
        } => {
            if old == new {
                return Ok(None);
            }
            store.set_cell(row_id, col, &new, who)?;
            Op::Cell {
                row_id,
                col,
                old,
                new,
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
        } => store.set_cell(*row_id, *col, if forward { new } else { old }, who),
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

    /// Whether there is an edit to undo, and one to redo (the buttons are greyed out without).
    pub fn can(&self) -> (bool, bool) {
        (!self.done.is_empty(), !self.undone.is_empty())
    }

    /// Undoes the last edit; returns it, or `None` when there is none.
    pub fn undo(
        &mut self,
        store: &mut Store,
        sop: &Sop,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<Option<Op>> {
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
        store: &mut Store,
        sop: &Sop,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<Option<Op>> {
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
    /// What the op changed, named as the table shows it (`rows`: the unit's rows before it
    /// ran); `forward`: redone, else undone.
    pub fn describe(&self, rows: &[crate::store::RktRow], forward: bool) -> String {
        let row = |id: &i64| {
            rows.iter()
                .position(|r| r.id == *id)
                .map_or_else(|| "baris".to_string(), |i| format!("baris {}", i + 1))
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
        let set = RktEdit::SetCell {
            row_id,
            col: Col::Target,
            old: String::new(),
            new: "87,5".into(),
        };
        h.push(
            apply_edit(&mut store, 2026, unit, set, &op, now())
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
            h.undo(&mut store, &Sop::embedded(), &op, now())
                .unwrap()
                .is_some()
        );
        assert_eq!(store.rkt_rows(2026, unit).unwrap()[0].values.target, "87,5");
        assert!(
            h.undo(&mut store, &Sop::embedded(), &op, now())
                .unwrap()
                .is_some()
        );
        assert_eq!(store.rkt_rows(2026, unit).unwrap()[0].values.target, "");
        assert!(
            h.redo(&mut store, &Sop::embedded(), &op, now())
                .unwrap()
                .is_some()
        );
        assert_eq!(store.rkt_rows(2026, unit).unwrap()[0].values.target, "87,5");
        assert!(
            h.undo(&mut store, &Sop::embedded(), &op, now())
                .unwrap()
                .is_some()
        );
        assert!(
            h.undo(&mut store, &Sop::embedded(), &op, now())
                .unwrap()
                .is_some()
        );
        assert!(
            store.rkt_rows(2026, unit).unwrap().is_empty(),
            "undoing the creation"
        );
        assert!(
            h.undo(&mut store, &Sop::embedded(), &op, now())
                .unwrap()
                .is_none()
        );
    }
}
