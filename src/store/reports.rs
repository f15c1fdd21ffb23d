//! `report_archive`: the Rencana Aksi, each quarter's Laporan Capaian Kinerja and the LKjIP's
//! tables, signed by the head (PAdES, as the RKT and the PK) and kept append-only. A report is
//! made inside the signing transaction from what the database holds then, and once signed, the
//! figures it holds no longer change (plan.rs, realisation.rs refuse).

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};

use super::audit_chain;
use super::authority;
use super::identity::Identity;
use super::measure::facts;
use super::plan::{load_plan_rows, plan_problems, plan_signed};
use super::signer_keys::UnlockedKey;
use super::signing::{HeadSigning, SignatureFacts};
use super::{Result, Store, StoreError, time_from_db};
use crate::domain::performance::{Summary, summarise};
use crate::domain::quarter::Quarter;
use crate::domain::sop::{Requirement, Sop};

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportKind {
    RencanaAksi,
    /// The Laporan Capaian Kinerja of a quarter.
    Capaian(Quarter),
    Lkjip,
}

impl ReportKind {
    pub fn code(self) -> &'static str {
        match self {
            ReportKind::RencanaAksi => "rencana_aksi",
            ReportKind::Capaian(_) => "capaian",
            ReportKind::Lkjip => "lkjip",
        }
    }

    /// 0 for a report of the year.
    pub fn quarter_number(self) -> u32 {
        match self {
            ReportKind::Capaian(q) => q.number(),
            _ => 0,
        }
    }

    /// The quarter its figures run to.
    pub fn upto(self) -> Quarter {
        match self {
            ReportKind::Capaian(q) => q,
            _ => Quarter::ALL[3],
        }
    }

    /// "Rencana Aksi", "Laporan Capaian Kinerja TW II", "Tabel LKjIP".
    pub fn title(self) -> String {
        match self {
            ReportKind::RencanaAksi => "Rencana Aksi".into(),
            ReportKind::Capaian(q) => format!("Laporan Capaian Kinerja {}", q.short()),
            ReportKind::Lkjip => "Tabel Capaian Kinerja LKjIP".into(),
        }
    }

    fn from_db(kind: &str, quarter: u32) -> Option<ReportKind> {
        match kind {
            "rencana_aksi" => Some(ReportKind::RencanaAksi),
            "capaian" => Quarter::new(quarter).ok().map(ReportKind::Capaian),
            "lkjip" => Some(ReportKind::Lkjip),
            _ => None,
        }
    }
}

/// A signed report in the archive.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportEntry {
    pub id: i64,
    pub kind: ReportKind,
    pub year: i32,
    pub signer: String,
    pub signed_at: NaiveDateTime,
    pub cert_fingerprint: String,
    pub pdf_sha256: String,
    pub size: usize,
}

/// What a report's PDF is made from, inside the signing transaction.
pub struct ReportFacts<'a> {
    pub kind: ReportKind,
    pub year: i32,
    /// The year measured up to the report's quarter (TW IV for the Rencana Aksi and LKjIP).
    pub summary: &'a Summary,
    /// The head signing now.
    pub head: HeadSigning<'a>,
}

/// Makes the report's PDF and signs it digitally with the facts given.
pub type RenderReport<'a> = dyn Fn(&ReportFacts<'_>, &SignatureFacts) -> Result<Vec<u8>> + 'a;

const ENTRY_SQL: &str = "SELECT id, kind, quarter, year, signer, signed_at, cert_fingerprint, pdf_sha256, length(pdf) FROM report_archive";

fn entry_from(r: &rusqlite::Row, offset: chrono::FixedOffset) -> rusqlite::Result<ReportEntry> {
    let kind: String = r.get(1)?;
    let quarter: u32 = r.get(2)?;
    Ok(ReportEntry {
        id: r.get(0)?,
        kind: ReportKind::from_db(&kind, quarter).unwrap_or(ReportKind::Lkjip),
        year: r.get(3)?,
        signer: r.get(4)?,
        signed_at: time_from_db(&r.get::<_, String>(5)?, offset),
        cert_fingerprint: r.get(6)?,
        pdf_sha256: r.get(7)?,
        size: r.get::<_, i64>(8)? as usize,
    })
}

/// Why `kind` cannot be signed for `year` now, if it cannot.
fn ready(conn: &Connection, kind: ReportKind, year: i32, today: chrono::NaiveDate) -> Result<()> {
    let refuse = |s: String| Err(StoreError::Invalid(s));
    let signed: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM report_archive WHERE kind = ?1 AND year = ?2 AND quarter = ?3)",
        params![kind.code(), year, kind.quarter_number()],
        |r| r.get(0),
    )?;
    if signed {
        return refuse(format!(
            "{} tahun {year} sudah ditandatangani.",
            kind.title()
        ));
    }
    if kind == ReportKind::RencanaAksi {
        if load_plan_rows(conn, year, None)?.is_empty() {
            return refuse(format!("Rencana Aksi tahun {year} belum dimulai."));
        }
        let problems = plan_problems(conn, year)?;
        if let Some(first) = problems.first() {
            return refuse(format!(
                "Rencana Aksi belum lengkap: {} baris bermasalah, mis. {} — {}: {}",
                problems.len(),
                first.unit,
                first.indikator,
                first.problems[0].1
            ));
        }
        return Ok(());
    }
    if !plan_signed(conn, year)? {
        return refuse(format!("Rencana Aksi tahun {year} belum ditandatangani."));
    }
    let q = kind.upto();
    if today <= q.last_day(year) {
        return refuse(format!(
            "{} {year} baru dapat ditandatangani sesudah triwulan itu berakhir ({}).",
            kind.title(),
            crate::domain::indo::date(q.last_day(year))
        ));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT u.name FROM units u WHERE u.id IN (SELECT unit_id FROM plan_rows WHERE year = ?1)
           AND NOT EXISTS (SELECT 1 FROM realisation_submissions s WHERE s.year = ?1 AND s.quarter = ?2 AND s.unit_id = u.id)
         ORDER BY u.sort_order",
    )?;
    let missing: Vec<String> = stmt
        .query_map(params![year, q.number()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if !missing.is_empty() {
        return refuse(format!(
            "Realisasi {} belum dilaporkan oleh: {}.",
            q.short(),
            missing.join(", ")
        ));
    }
    Ok(())
}

impl Store {
    pub fn report_entries(&self, year: Option<i32>) -> Result<Vec<ReportEntry>> {
        let offset = self.settings()?.offset();
        let mut stmt = self.conn.prepare(&format!(
            "{ENTRY_SQL} WHERE ?1 IS NULL OR year = ?1 ORDER BY year DESC, kind, quarter"
        ))?;
        Ok(stmt
            .query_map([year], |r| entry_from(r, offset))?
            .collect::<rusqlite::Result<_>>()?)
    }

    pub fn report_entry(&self, kind: ReportKind, year: i32) -> Result<Option<ReportEntry>> {
        let offset = self.settings()?.offset();
        Ok(self
            .conn
            .query_row(
                &format!("{ENTRY_SQL} WHERE kind = ?1 AND year = ?2 AND quarter = ?3"),
                params![kind.code(), year, kind.quarter_number()],
                |r| entry_from(r, offset),
            )
            .optional()?)
    }

    /// The signed report's file, byte for byte.
    pub fn report_pdf(&self, kind: ReportKind, year: i32) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT pdf FROM report_archive WHERE kind = ?1 AND year = ?2 AND quarter = ?3",
                params![kind.code(), year, kind.quarter_number()],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The signed report that is byte for byte `bytes`, if any (its SHA-256 names it; the bytes
    /// compared leave no doubt).
    pub fn find_report(&self, bytes: &[u8]) -> Result<Option<ReportEntry>> {
        let offset = self.settings()?.offset();
        let sha = crate::domain::seal::sha256_hex(bytes);
        let found = self
            .conn
            .query_row(&format!("{ENTRY_SQL} WHERE pdf_sha256 = ?1"), [&sha], |r| {
                entry_from(r, offset)
            })
            .optional()?;
        match found {
            Some(e) if self.report_pdf(e.kind, e.year)?.as_deref() == Some(bytes) => Ok(Some(e)),
            _ => Ok(None),
        }
    }

    /// Why the report cannot be signed now (None: it can).
    pub fn report_blocker(
        &self,
        kind: ReportKind,
        year: i32,
        today: chrono::NaiveDate,
    ) -> Result<Option<String>> {
        match ready(&self.conn, kind, year, today) {
            Ok(()) => Ok(None),
            Err(StoreError::Invalid(s)) => Ok(Some(s)),
            Err(e) => Err(e),
        }
    }

    /// The head (an official of the signing lane, with the key their passphrase opened) signs
    /// a report, made now by `render` from the figures of this transaction; stored with its
    /// audit row in one transaction.
    #[allow(clippy::too_many_arguments)]
    pub fn sign_report(
        &mut self,
        sop: &Sop,
        kind: ReportKind,
        year: i32,
        key: &UnlockedKey,
        who: &Identity,
        now: NaiveDateTime,
        render: &RenderReport<'_>,
    ) -> Result<ReportEntry> {
        key.check_owner(who)?;
        let settings = self.settings()?;
        let official = self
            .official(who.official_id())?
            .ok_or_else(|| StoreError::Invalid("Pejabat tidak ditemukan.".into()))?;
        self.write(now, |w| {
            let actor = authority::in_lane_of(w, sop, Requirement::Signed, who)?;
            ready(w, kind, year, now.date())?;
            let summary = summarise(&facts(w, w.offset(), year)?, kind.upto());
            let audit_head = audit_chain::head_text(w)?;
            let head =
                HeadSigning::of(&official, &settings.office, key, now, audit_head.as_deref());
            let title = kind.title();
            let signed = render(
                &ReportFacts {
                    kind,
                    year,
                    summary: &summary,
                    head,
                },
                &head.signature_facts(&format!("{title} tahun {year}")),
            )?;
            let sha = crate::domain::seal::sha256_hex(&signed);
            w.execute(
                "INSERT INTO report_archive (kind, year, quarter, official_id, signer, signed_at, cert_fingerprint, audit_head, pdf, pdf_sha256)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    kind.code(),
                    year,
                    kind.quarter_number(),
                    official.id,
                    official.name,
                    w.time(),
                    key.fingerprint(),
                    audit_head,
                    signed,
                    sha
                ],
            )?;
            w.audit(
                &actor,
                Some(year),
                "laporan.tandatangan",
                &format!("{title} tahun {year} (SHA-256 {sha})"),
            )
        })?;
        self.report_entry(kind, year)?
            .ok_or_else(|| StoreError::Invalid("Laporan tidak tersimpan.".into()))
    }
}
