//! The one way a change is written: a write transaction (refused on a database opened for
//! reading only), the change and its audit row in it, both stamped with the office's time, and
//! one commit, so a change and its record land together or not at all.

use std::ops::Deref;

use chrono::{FixedOffset, NaiveDateTime};
use rusqlite::Connection;

use super::{Result, Store, audit, time_to_db};
use crate::domain::workflow::Actor;

/// An open write transaction, the office's time offset and the moment of the change. Derefs to
/// the transaction's `Connection`, so the tables' helpers take it as they are.
pub(super) struct Write<'t> {
    tx: &'t Connection,
    offset: FixedOffset,
    now: NaiveDateTime,
}

impl Deref for Write<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.tx
    }
}

impl Write<'_> {
    /// Appends the audit row of this change made by `actor` outside the workflow (no step): to
    /// a year's FORMAT RKT or draft (`year`), or to the office's data (`None`).
    pub(super) fn audit(
        &self,
        actor: &Actor,
        year: Option<i32>,
        action: &str,
        detail: &str,
    ) -> Result<()> {
        audit::append_by(self.tx, self.offset, actor, self.now, year, action, detail)
    }

    /// The moment of the change as stored ("2026-02-02T08:00:00+08:00").
    pub(super) fn time(&self) -> String {
        time_to_db(self.now, self.offset)
    }

    pub(super) fn offset(&self) -> FixedOffset {
        self.offset
    }

    pub(super) fn now(&self) -> NaiveDateTime {
        self.now
    }
}

impl Store {
    /// Runs `f` in one write transaction at `now` and commits it when `f` succeeds; an error
    /// (a refusal, a failed statement) rolls back everything `f` wrote, its audit row too.
    pub(super) fn write<T>(
        &mut self,
        now: NaiveDateTime,
        f: impl FnOnce(&Write<'_>) -> Result<T>,
    ) -> Result<T> {
        let offset = self.settings()?.offset();
        self.in_write_tx(|tx| f(&Write { tx, offset, now }))
    }
}
