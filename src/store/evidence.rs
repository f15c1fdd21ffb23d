//! `evidence`: the bukti dukung of a quarter's realisation, kept in the database with its
//! SHA-256. A file is streamed in chunks into a blob reserved at its size, in the transaction
//! that records it: a kill midway rolls the whole import back (no half file anywhere), and a
//! 20 MB scan never sits whole in memory. A backup of the database carries the evidence too.

use std::io::{Read, Write as _};
use std::path::Path;

use chrono::NaiveDateTime;
use rusqlite::{MAIN_DB, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::identity::Identity;
use super::plan::plan_row;
use super::realisation::real_editor;
use super::units::unit_name;
use super::{Result, Store, StoreError, time_from_db};
use crate::domain::evidence;
use crate::domain::quarter::Quarter;

/// A chunk read and written at a time.
const CHUNK: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceEntry {
    pub id: i64,
    pub plan_row_id: i64,
    pub quarter: u32,
    pub name: String,
    pub kind: String,
    pub size: u64,
    pub sha256: String,
    pub added_by: String,
    pub added_at: NaiveDateTime,
}

const ENTRY_SQL: &str =
    "SELECT id, plan_row_id, quarter, name, kind, size, sha256, added_by, added_at FROM evidence";

fn entry_from(r: &rusqlite::Row, offset: chrono::FixedOffset) -> rusqlite::Result<EvidenceEntry> {
    Ok(EvidenceEntry {
        id: r.get(0)?,
        plan_row_id: r.get(1)?,
        quarter: r.get(2)?,
        name: r.get(3)?,
        kind: r.get(4)?,
        size: r.get::<_, i64>(5)? as u64,
        sha256: r.get(6)?,
        added_by: r.get(7)?,
        added_at: time_from_db(&r.get::<_, String>(8)?, offset),
    })
}

fn unreadable(name: &str, e: &std::io::Error) -> StoreError {
    StoreError::Invalid(format!(
        "Berkas \"{name}\" tidak dapat dibaca ({}); tidak ada yang disimpan.",
        crate::domain::io_words::explain(e)
    ))
}

impl Store {
    /// The evidence of a row in a quarter (files removed are left out).
    pub fn evidence(&self, plan_row_id: i64, q: u32) -> Result<Vec<EvidenceEntry>> {
        let offset = self.settings()?.offset();
        let mut stmt = self.conn.prepare_cached(&format!(
            "{ENTRY_SQL} WHERE plan_row_id = ?1 AND quarter = ?2 AND removed = 0 ORDER BY id"
        ))?;
        Ok(stmt
            .query_map(params![plan_row_id, q], |r| entry_from(r, offset))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Every file of the year up to quarter `upto`, in the order of the Rencana Aksi.
    pub fn year_evidence(&self, year: i32, upto: u32) -> Result<Vec<EvidenceEntry>> {
        year_evidence(&self.conn, self.settings()?.offset(), year, upto)
    }

    /// Takes `path` as evidence of a row's realisation in quarter `q`: refused in words when
    /// the file is too large, of a kind not taken, or unreadable; streamed into the database
    /// with its SHA-256 otherwise, all in one transaction.
    pub fn add_evidence(
        &mut self,
        plan_row_id: i64,
        q: u32,
        path: &Path,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<EvidenceEntry> {
        let quarter = Quarter::new(q).map_err(StoreError::Invalid)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let mut file = std::fs::File::open(path).map_err(|e| unreadable(&name, &e))?;
        let size = file.metadata().map_err(|e| unreadable(&name, &e))?.len();
        let mut head = [0u8; 8];
        let got = read_full(&mut file, &mut head).map_err(|e| unreadable(&name, &e))?;
        let kind = evidence::check(&name, size, &head[..got]).map_err(StoreError::Invalid)?;
        let id = self.write(now, |w| {
            let (year, row) = plan_row(w, plan_row_id)?;
            let actor = real_editor(w, year, quarter, row.unit_id, who, now.date())?;
            w.execute(
                "INSERT INTO evidence (plan_row_id, quarter, name, kind, size, sha256, content, added_by, added_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, zeroblob(?5), ?7, ?8)",
                params![
                    plan_row_id,
                    q,
                    name,
                    kind.extension(),
                    size as i64,
                    "0".repeat(64),
                    actor.name,
                    w.time()
                ],
            )?;
            let id = w.last_insert_rowid();
            let sha = stream_in(w, id, &head[..got], &mut file, size)
                .map_err(|e| unreadable(&name, &e))?;
            w.execute(
                "UPDATE evidence SET sha256 = ?1 WHERE id = ?2",
                params![sha, id],
            )?;
            let unit = unit_name(w, row.unit_id)?;
            w.audit(
                &actor,
                Some(year),
                "bukti.tambah",
                &format!(
                    "{unit} {}: \"{name}\" ({}, SHA-256 {sha}) untuk {}",
                    quarter.short(),
                    evidence::size_words(size),
                    row.values.indikator
                ),
            )?;
            Ok(id)
        })?;
        self.evidence_entry(id)?
            .ok_or_else(|| StoreError::Invalid("Bukti tidak tersimpan.".into()))
    }

    pub fn evidence_entry(&self, id: i64) -> Result<Option<EvidenceEntry>> {
        let offset = self.settings()?.offset();
        Ok(self
            .conn
            .query_row(&format!("{ENTRY_SQL} WHERE id = ?1"), [id], |r| {
                entry_from(r, offset)
            })
            .optional()?)
    }

    /// Writes an evidence file's bytes to `out`, chunk by chunk.
    pub fn copy_evidence(&self, id: i64, out: &mut dyn std::io::Write) -> Result<u64> {
        let mut blob = self
            .conn
            .blob_open(MAIN_DB, "evidence", "content", id, true)?;
        let mut buf = vec![0u8; CHUNK];
        let mut total = 0u64;
        loop {
            let n = blob.read(&mut buf)?;
            if n == 0 {
                break;
            }
            out.write_all(&buf[..n])?;
            total += n as u64;
        }
        Ok(total)
    }

    /// Takes an evidence file out of the report (it stays in the database, marked), while the
    /// quarter is still open for the unit.
    pub fn remove_evidence(&mut self, id: i64, who: &Identity, now: NaiveDateTime) -> Result<()> {
        let e = self
            .evidence_entry(id)?
            .ok_or_else(|| StoreError::Invalid("Bukti itu tidak ditemukan.".into()))?;
        let quarter = Quarter::new(e.quarter).map_err(StoreError::Invalid)?;
        self.write(now, |w| {
            let (year, row) = plan_row(w, e.plan_row_id)?;
            let actor = real_editor(w, year, quarter, row.unit_id, who, now.date())?;
            w.execute("UPDATE evidence SET removed = 1 WHERE id = ?1", [id])?;
            let unit = unit_name(w, row.unit_id)?;
            w.audit(
                &actor,
                Some(year),
                "bukti.hapus",
                &format!(
                    "{unit} {}: \"{}\" (SHA-256 {})",
                    quarter.short(),
                    e.name,
                    e.sha256
                ),
            )
        })
    }
}

pub(super) fn year_evidence(
    conn: &rusqlite::Connection,
    offset: chrono::FixedOffset,
    year: i32,
    upto: u32,
) -> Result<Vec<EvidenceEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ENTRY_SQL} WHERE removed = 0 AND quarter <= ?2 AND plan_row_id IN (SELECT id FROM plan_rows WHERE year = ?1)
         ORDER BY quarter, plan_row_id, id"
    ))?;
    Ok(stmt
        .query_map(params![year, upto], |r| entry_from(r, offset))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Fills the blob of row `id` from `head` then `file`, hashing as it goes; the file must still
/// be the size it was measured at.
fn stream_in(
    conn: &rusqlite::Connection,
    id: i64,
    head: &[u8],
    file: &mut std::fs::File,
    size: u64,
) -> std::io::Result<String> {
    let mut blob = conn
        .blob_open(MAIN_DB, "evidence", "content", id, false)
        .map_err(std::io::Error::other)?;
    let mut hash = Sha256::new();
    hash.update(head);
    blob.write_all(head)?;
    let mut written = head.len() as u64;
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        if written + n as u64 > size {
            return Err(std::io::Error::other("berkas berubah selama dibaca"));
        }
        hash.update(&buf[..n]);
        blob.write_all(&buf[..n])?;
        written += n as u64;
    }
    if written != size {
        return Err(std::io::Error::other("berkas berubah selama dibaca"));
    }
    Ok(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Reads until `buf` is full or the file ends; returns how much was read.
fn read_full(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match file.read(&mut buf[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(got)
}
