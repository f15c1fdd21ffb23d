//! `pk_archive`: the Perjanjian Kinerja of a year, made from its signed and archived RKT and
//! signed digitally by the head (PAdES), kept beside the RKT. Append-only (triggers).

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, params};

use super::audit_chain;
use super::authority;
use super::drafts::{code_names, load_draft_rows};
use super::identity::Identity;
use super::signer_keys::UnlockedKey;
use super::signing::{HeadSigning, Signature, SignatureFacts};
use super::{Result, Store, StoreError, time_from_db};
use crate::domain::rkt::DraftRow;
use crate::domain::sop::{Requirement, Sop};

/// A Perjanjian Kinerja in the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PkEntry {
    pub id: i64,
    pub year: i32,
    pub signer: String,
    pub bupati: String,
    pub signed_at: NaiveDateTime,
    pub cert_fingerprint: String,
    pub pdf_sha256: String,
    pub size: usize,
}

/// What the PK's PDF is made from, inside the signing transaction.
pub struct PkFacts<'a> {
    /// The year's RKT signature the PK follows.
    pub rkt: &'a Signature,
    pub rows: &'a [DraftRow],
    pub code_names: &'a HashMap<String, String>,
    /// The head signing now.
    pub head: HeadSigning<'a>,
}

/// Makes the PK's PDF and signs it digitally with the facts given; the store keeps the signed
/// bytes it returns.
pub type RenderPk<'a> = dyn Fn(&PkFacts<'_>, &SignatureFacts) -> Result<Vec<u8>> + 'a;

const ENTRY_SQL: &str = "SELECT id, year, signer, bupati, signed_at, cert_fingerprint, pdf_sha256, length(pdf) FROM pk_archive";

fn entry_from(r: &rusqlite::Row, offset: chrono::FixedOffset) -> rusqlite::Result<PkEntry> {
    Ok(PkEntry {
        id: r.get(0)?,
        year: r.get(1)?,
        signer: r.get(2)?,
        bupati: r.get(3)?,
        signed_at: time_from_db(&r.get::<_, String>(4)?, offset),
        cert_fingerprint: r.get(5)?,
        pdf_sha256: r.get(6)?,
        size: r.get::<_, i64>(7)? as usize,
    })
}

impl Store {
    pub fn pk_entries(&self) -> Result<Vec<PkEntry>> {
        let offset = self.settings()?.offset();
        let mut stmt = self
            .conn
            .prepare(&format!("{ENTRY_SQL} ORDER BY year DESC"))?;
        Ok(stmt
            .query_map([], |r| entry_from(r, offset))?
            .collect::<rusqlite::Result<_>>()?)
    }

    pub fn pk_entry(&self, year: i32) -> Result<Option<PkEntry>> {
        let offset = self.settings()?.offset();
        Ok(self
            .conn
            .query_row(&format!("{ENTRY_SQL} WHERE year = ?1"), [year], |r| {
                entry_from(r, offset)
            })
            .optional()?)
    }

    /// The signed PK's file, byte for byte.
    pub fn pk_pdf(&self, year: i32) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row("SELECT pdf FROM pk_archive WHERE year = ?1", [year], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// "Tandatangani Perjanjian Kinerja": after step 11, the head (an official of the signing
    /// lane, with the key their PIN opened) signs the year's PK, made now from the signed RKT
    /// and signed digitally by `render` with the facts decided here; stored with its audit row
    /// in one transaction.
    pub fn sign_pk(
        &mut self,
        sop: &Sop,
        year: i32,
        key: &UnlockedKey,
        who: &Identity,
        now: NaiveDateTime,
        render: &RenderPk<'_>,
    ) -> Result<PkEntry> {
        key.check_owner(who)?;
        let settings = self.settings()?;
        if settings.office.bupati_name.trim().is_empty() {
            return Err(StoreError::Invalid(
                "Nama Bupati (pihak kedua Perjanjian Kinerja) belum diisi di Pengaturan → Kantor."
                    .into(),
            ));
        }
        let official = self
            .official(who.official_id())?
            .ok_or_else(|| StoreError::Invalid("Pejabat tidak ditemukan.".into()))?;
        let rkt = self.signature(year)?.ok_or_else(|| {
            StoreError::Invalid(format!(
                "RKT tahun {year} belum ditandatangani; Perjanjian Kinerja dibuat dari RKT yang ditandatangani dan diarsipkan."
            ))
        })?;
        self.write(now, |w| {
            let actor = authority::in_lane_of(w, sop, Requirement::Signed, who)?;
            let archived: bool = w.query_row(
                "SELECT EXISTS (SELECT 1 FROM archive WHERE signature_id = ?1)",
                [rkt.id],
                |r| r.get(0),
            )?;
            if !archived {
                let at = sop
                    .step_requiring(Requirement::Archived)
                    .map(|s| format!(" (langkah {})", s.no))
                    .unwrap_or_default();
                return Err(StoreError::Invalid(format!(
                    "RKT tahun {year} belum diarsipkan{at}; Perjanjian Kinerja menyusul sesudahnya."
                )));
            }
            let exists: bool = w.query_row(
                "SELECT EXISTS (SELECT 1 FROM pk_archive WHERE year = ?1)",
                [year],
                |r| r.get(0),
            )?;
            if exists {
                return Err(StoreError::Invalid(format!(
                    "Perjanjian Kinerja tahun {year} sudah ditandatangani dan diarsipkan."
                )));
            }
            let rows = load_draft_rows(w, rkt.draft_id)?;
            let code_names = code_names(w, rkt.draft_id)?;
            // The history the signature vouches for, read before the PDF is made.
            let audit_head = audit_chain::head_text(w)?;
            let head =
                HeadSigning::of(&official, &settings.office, key, now, audit_head.as_deref());
            let signed = render(
                &PkFacts {
                    rkt: &rkt,
                    rows: &rows,
                    code_names: &code_names,
                    head,
                },
                &head.signature_facts(&format!("Perjanjian Kinerja tahun {year}")),
            )?;
            let sha = crate::domain::seal::sha256_hex(&signed);
            let bupati = settings.office.bupati_name.trim().to_string();
            w.execute(
                "INSERT INTO pk_archive (year, signature_id, official_id, signer, bupati, signed_at, cert_fingerprint, pdf, pdf_sha256, audit_head)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    year,
                    rkt.id,
                    official.id,
                    official.name,
                    bupati,
                    w.time(),
                    key.fingerprint(),
                    signed,
                    sha,
                    audit_head
                ],
            )?;
            w.audit(
                &actor,
                Some(year),
                "pk.tandatangan",
                &format!(
                    "Perjanjian Kinerja {year} dengan {bupati}, dari RKT versi {}",
                    rkt.version
                ),
            )?;
            Ok(())
        })?;
        self.pk_entry(year)?
            .ok_or_else(|| StoreError::Invalid("Perjanjian Kinerja tidak tersimpan.".into()))
    }
}
