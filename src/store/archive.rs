//! The archive of signed RKTs (step 11): each signed PDF, byte for byte, with its SHA-256.

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, params};

use super::identity::{self, Identity};
use super::{Result, Store, StoreError, time_from_db};
use crate::domain::seal;
use crate::domain::sop::{Requirement, Sop};
use crate::domain::workflow::Intent;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveEntry {
    pub id: i64,
    pub year: i32,
    pub version: i64,
    pub signer: String,
    pub signed_at: NaiveDateTime,
    pub code: String,
    pub pdf_sha256: String,
    pub size: usize,
    pub paper: String,
    pub archived_at: NaiveDateTime,
    pub archived_by: String,
}

const ENTRY_SQL: &str = "SELECT a.id, s.year, d.version, s.name, s.signed_at, s.content_sha256,
        a.pdf_sha256, length(a.pdf), a.paper, a.archived_at, a.archived_by
    FROM archive a JOIN signatures s ON s.id = a.signature_id JOIN drafts d ON d.id = s.draft_id";

impl Store {
    /// Step 11: stores the signed RKT's PDF and its hash, and completes the archiving step, in
    /// one transaction.
    pub fn archive_signed(
        &mut self,
        sop: &Sop,
        year: i32,
        pdf: &[u8],
        paper: &str,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<ArchiveEntry> {
        let cal = self.work_calendar()?;
        let sig = self.signature(year)?.ok_or_else(|| {
            StoreError::Invalid(format!("RKT tahun {year} belum ditandatangani."))
        })?;
        let step = sop.step_requiring(Requirement::Archived).map(|s| s.no);
        let sha = seal::sha256_hex(pdf);
        self.write(now, |w| {
            // The archiving step's lane is checked by its transition below.
            let actor = identity::acting(w, who)?.actor;
            w.execute(
                "INSERT INTO archive (signature_id, pdf, pdf_sha256, paper, archived_at, archived_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![sig.id, pdf, sha, paper, w.time(), actor.name],
            )
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.code == rusqlite::ErrorCode::ConstraintViolation =>
                {
                    StoreError::Invalid(format!("RKT tahun {year} sudah ada di arsip."))
                }
                other => other.into(),
            })?;
            if let Some(step) = step {
                super::cycles::transition_in(
                    w,
                    &cal,
                    sop,
                    year,
                    &Intent::Complete {
                        step,
                        note: format!("Diarsipkan: PDF {} KB", pdf.len().div_ceil(1024)),
                    },
                    &actor,
                )?;
            }
            Ok(())
        })?;
        self.archive_entries()?
            .into_iter()
            .find(|e| e.year == year)
            .ok_or_else(|| StoreError::Invalid("Arsip tidak tersimpan.".into()))
    }

    /// Every archived RKT, newest year first.
    pub fn archive_entries(&self) -> Result<Vec<ArchiveEntry>> {
        let offset = self.settings()?.offset();
        let mut stmt = self
            .conn
            .prepare(&format!("{ENTRY_SQL} ORDER BY s.year DESC"))?;
        let rows = stmt.query_map([], |r| entry(r, offset))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn archived_pdf(&self, id: i64) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row("SELECT pdf FROM archive WHERE id = ?1", [id], |r| r.get(0))
            .optional()?)
    }

    /// "Periksa keaslian": the archived RKT whose PDF is exactly these bytes, if any.
    pub fn find_archived(&self, bytes: &[u8]) -> Result<Option<ArchiveEntry>> {
        let offset = self.settings()?.offset();
        let sha = seal::sha256_hex(bytes);
        let found = self
            .conn
            .query_row(
                &format!("{ENTRY_SQL} WHERE a.pdf_sha256 = ?1"),
                [&sha],
                |r| entry(r, offset),
            )
            .optional()?;
        // The hash names the file; comparing the bytes too leaves no doubt.
        match found {
            Some(e) if self.archived_pdf(e.id)?.as_deref() == Some(bytes) => Ok(Some(e)),
            _ => Ok(None),
        }
    }
}

fn entry(r: &rusqlite::Row, offset: chrono::FixedOffset) -> rusqlite::Result<ArchiveEntry> {
    let content: String = r.get(5)?;
    Ok(ArchiveEntry {
        id: r.get(0)?,
        year: r.get(1)?,
        version: r.get(2)?,
        signer: r.get(3)?,
        signed_at: time_from_db(&r.get::<_, String>(4)?, offset),
        code: seal::short_code(&content),
        pdf_sha256: r.get(6)?,
        size: r.get::<_, i64>(7)? as usize,
        paper: r.get(8)?,
        archived_at: time_from_db(&r.get::<_, String>(9)?, offset),
        archived_by: r.get(10)?,
    })
}
