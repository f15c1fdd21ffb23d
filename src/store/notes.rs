//! `draft_notes`: the correction notes of a year's Draft RKT, written at the correction steps
//! and by the head's return, open until resolved.

use chrono::NaiveDateTime;
use rusqlite::{Connection, params};

use super::identity::{self, Identity};
use super::{Result, Store, StoreError, time_from_db};

/// A correction note: on one row (`row_key`) or on the whole draft, open until resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: i64,
    pub row_key: Option<String>,
    pub step: Option<u32>,
    pub author: String,
    pub text: String,
    pub created_at: NaiveDateTime,
    pub resolved: Option<(String, NaiveDateTime)>,
}

/// Stores a note in the caller's transaction (a note added, or the head's reason for a
/// return).
pub(super) fn insert_note(
    conn: &Connection,
    year: i32,
    row_key: Option<&str>,
    step: Option<u32>,
    author: &str,
    text: &str,
    at: &str,
) -> Result<i64> {
    if text.trim().is_empty() {
        return Err(StoreError::Invalid(
            "Isi catatan koreksi wajib diisi.".into(),
        ));
    }
    conn.execute(
        "INSERT INTO draft_notes (year, row_key, step, author, text, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![year, row_key, step, author, text.trim(), at],
    )?;
    Ok(conn.last_insert_rowid())
}

impl Store {
    /// Adds a correction note (who, at which step, what).
    pub fn add_note(
        &mut self,
        year: i32,
        row_key: Option<&str>,
        step: Option<u32>,
        text: &str,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<i64> {
        self.write(now, |w| {
            // Any official may write one: step 7 takes corrections from the bidang and the
            // sekretariat alike; the note carries its author's name.
            let actor = identity::acting(w, who)?.actor;
            insert_note(w, year, row_key, step, &actor.name, text, &w.time())
        })
    }

    pub fn resolve_note(&mut self, id: i64, who: &Identity, now: NaiveDateTime) -> Result<()> {
        self.write(now, |w| {
            let actor = identity::acting(w, who)?.actor;
            let n = w.execute(
                "UPDATE draft_notes SET resolved_at = ?1, resolved_by = ?2 WHERE id = ?3 AND resolved_at IS NULL",
                params![w.time(), actor.name, id],
            )?;
            if n == 0 {
                return Err(StoreError::Invalid(
                    "Catatan itu sudah selesai atau tidak ada.".into(),
                ));
            }
            Ok(())
        })
    }

    /// The year's notes, open ones first, newest first.
    pub fn notes(&self, year: i32) -> Result<Vec<Note>> {
        let offset = self.settings()?.offset();
        let mut stmt = self.conn.prepare(
            "SELECT id, row_key, step, author, text, created_at, resolved_by, resolved_at FROM draft_notes
             WHERE year = ?1 ORDER BY resolved_at IS NOT NULL, id DESC",
        )?;
        Ok(stmt
            .query_map([year], |r| {
                let by: Option<String> = r.get(6)?;
                let at: Option<String> = r.get(7)?;
                Ok(Note {
                    id: r.get(0)?,
                    row_key: r.get(1)?,
                    step: r.get(2)?,
                    author: r.get(3)?,
                    text: r.get(4)?,
                    created_at: time_from_db(&r.get::<_, String>(5)?, offset),
                    resolved: by.zip(at.map(|a| time_from_db(&a, offset))),
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }
}
