//! `plan_realisations`, `budget_realisations`, `realisation_submissions`: what each unit reports
//! after a quarter — each Rencana Aksi indikator's realisation, kendala and tindak lanjut, its
//! sub kegiatan's budget realised — and its submission, which locks the quarter for it. Only a
//! quarter that has begun takes figures, only from a signed Rencana Aksi, only numbers.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, params};

use super::authority;
use super::identity::Identity;
use super::plan::{PlanRow, load_plan_rows, plan_row, plan_signed, signed_sub_kegiatan};
use super::units::unit_name;
use super::{Result, Store, StoreError, Unit, time_from_db};
use crate::domain::action_plan::{
    RealCol, RealValues, parse_budget, parse_realisation, validate_real,
};
use crate::domain::quarter::Quarter;
use crate::domain::sop::{Requirement, Sop};
use crate::domain::workflow::Actor;

/// A Rencana Aksi row with its realisation of one quarter and how many evidence files it has.
#[derive(Debug, Clone, PartialEq)]
pub struct RealRow {
    pub plan: PlanRow,
    pub values: RealValues,
    pub evidence: usize,
}

/// A unit's sub kegiatan with its pagu and the amount realised in the quarter, as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetRow {
    pub code: String,
    pub pagu: i64,
    pub amount: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RealSubmission {
    pub submitted_by: String,
    pub submitted_at: NaiveDateTime,
}

/// How far a unit is with a quarter's report.
#[derive(Debug, Clone, PartialEq)]
pub struct RealStatus {
    pub unit: Unit,
    pub rows: usize,
    /// Rows with a realisation figure.
    pub filled: usize,
    pub submission: Option<RealSubmission>,
    /// Past the due date and not submitted.
    pub late: bool,
    /// The day the quarter's reports were due.
    pub due: NaiveDate,
}

impl RealStatus {
    pub fn label(&self) -> &'static str {
        match (&self.submission, self.filled, self.late) {
            // Reported after the due date: said, so a late report leaves its trace.
            (Some(s), _, _) if s.submitted_at.date() > self.due => "Dilaporkan terlambat",
            (Some(_), _, _) => "Dilaporkan",
            (None, _, true) => "Terlambat",
            (None, 0, _) => "Belum diisi",
            (None, _, _) => "Sedang diisi",
        }
    }
}

fn quarter(n: u32) -> Result<Quarter> {
    Quarter::new(n).map_err(StoreError::Invalid)
}

/// The quarter has begun, the Rencana Aksi it is measured by is signed, the unit's report for
/// it is not submitted and no signed report holds it; the person acts for the unit.
pub(super) fn real_editor(
    conn: &Connection,
    year: i32,
    q: Quarter,
    unit_id: i64,
    who: &Identity,
    today: NaiveDate,
) -> Result<Actor> {
    q.open_on(year, today).map_err(StoreError::Invalid)?;
    if !plan_signed(conn, year)? {
        return Err(StoreError::Invalid(format!(
            "Rencana Aksi tahun {year} belum ditandatangani; realisasi diukur terhadap Rencana Aksi yang ditandatangani."
        )));
    }
    let signed: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM report_archive WHERE year = ?1 AND ((kind = 'capaian' AND quarter = ?2) OR kind = 'lkjip'))",
        params![year, q.number()],
        |r| r.get(0),
    )?;
    if signed {
        return Err(StoreError::Invalid(format!(
            "Laporan capaian {} {year} sudah ditandatangani; realisasinya tidak bisa diubah lagi.",
            q.short()
        )));
    }
    let by: Option<String> = conn
        .query_row(
            "SELECT submitted_by FROM realisation_submissions WHERE year = ?1 AND quarter = ?2 AND unit_id = ?3",
            params![year, q.number(), unit_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(by) = by {
        return Err(StoreError::Invalid(format!(
            "Realisasi {} unit ini sudah dilaporkan oleh {by} dan terkunci; TIM dapat membukanya kembali dengan alasan.",
            q.short()
        )));
    }
    authority::unit_editor(conn, year, unit_id, who).map_err(|e| match e {
        StoreError::Invalid(_) => {
            let unit = unit_name(conn, unit_id).unwrap_or_default();
            StoreError::Invalid(format!(
                "Realisasi {unit} dilaporkan oleh pejabat {unit} sendiri. TIM dapat mengisinya atas nama unit dengan mencatat alasannya (\"Isi atas nama unit\")."
            ))
        }
        e => e,
    })
}

pub(super) fn load_real_rows(
    conn: &Connection,
    year: i32,
    q: Quarter,
    unit_id: Option<i64>,
) -> Result<Vec<RealRow>> {
    let plans = load_plan_rows(conn, year, unit_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT realisasi, kendala, tindak_lanjut FROM plan_realisations WHERE plan_row_id = ?1 AND quarter = ?2",
    )?;
    let mut count = conn.prepare_cached(
        "SELECT count(*) FROM evidence WHERE plan_row_id = ?1 AND quarter = ?2 AND removed = 0",
    )?;
    let mut out = Vec::with_capacity(plans.len());
    for plan in plans {
        let values = stmt
            .query_row(params![plan.id, q.number()], |r| {
                Ok(RealValues {
                    realisasi: r.get(0)?,
                    kendala: r.get(1)?,
                    tindak_lanjut: r.get(2)?,
                })
            })
            .optional()?
            .unwrap_or_default();
        let evidence: i64 = count.query_row(params![plan.id, q.number()], |r| r.get(0))?;
        out.push(RealRow {
            plan,
            values,
            evidence: evidence as usize,
        });
    }
    Ok(out)
}

pub(super) fn load_budget_rows(
    conn: &Connection,
    year: i32,
    q: Quarter,
    unit_id: i64,
) -> Result<Vec<BudgetRow>> {
    let unit = unit_name(conn, unit_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT amount FROM budget_realisations WHERE year = ?1 AND unit_id = ?2 AND code = ?3 AND quarter = ?4",
    )?;
    let mut out = Vec::new();
    for (u, code, pagu) in signed_sub_kegiatan(conn, year)? {
        if u != unit {
            continue;
        }
        let amount: Option<String> = stmt
            .query_row(params![year, unit_id, code, q.number()], |r| r.get(0))
            .optional()?;
        out.push(BudgetRow {
            code,
            pagu,
            amount: amount.unwrap_or_default(),
        });
    }
    Ok(out)
}

fn put_real(conn: &Connection, row_id: i64, q: Quarter, col: RealCol, value: &str) -> Result<()> {
    conn.execute(
        &format!(
            "INSERT INTO plan_realisations (plan_row_id, quarter, {0}) VALUES (?1, ?2, ?3)
             ON CONFLICT (plan_row_id, quarter) DO UPDATE SET {0} = excluded.{0}",
            col.db_name()
        ),
        params![row_id, q.number(), value],
    )?;
    Ok(())
}

fn put_budget(
    conn: &Connection,
    year: i32,
    unit_id: i64,
    code: &str,
    q: Quarter,
    amount: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO budget_realisations (year, unit_id, code, quarter, amount) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (year, unit_id, code, quarter) DO UPDATE SET amount = excluded.amount",
        params![year, unit_id, code, q.number(), amount],
    )?;
    Ok(())
}

/// A realisation figure is blank or a number; anything else is refused in words.
fn checked(col: RealCol, value: &str) -> Result<String> {
    let v = crate::domain::rkt::tidy(value);
    if col == RealCol::Realisasi {
        parse_realisation(&v).map_err(StoreError::Invalid)?;
    }
    Ok(v)
}

/// The pagu of the unit's sub kegiatan `code` in the signed RKT; refused in words when the
/// code is not one of the unit's.
fn unit_pagu(conn: &Connection, year: i32, unit_id: i64, code: &str) -> Result<i64> {
    let unit = unit_name(conn, unit_id)?;
    signed_sub_kegiatan(conn, year)?
        .into_iter()
        .find(|(u, c, _)| *u == unit && c == code)
        .map(|(_, _, pagu)| pagu)
        .ok_or_else(|| {
            StoreError::Invalid(format!(
                "Sub kegiatan {code} bukan sub kegiatan {unit} dalam RKT {year} yang ditandatangani."
            ))
        })
}

/// A budget realisation of quarter `q` that, with the unit's other quarters, stays within the
/// sub kegiatan's pagu: more than the pagu is refused in words (a typo of a digit, usually).
fn within_pagu(
    conn: &Connection,
    year: i32,
    unit_id: i64,
    code: &str,
    q: Quarter,
    amount: Option<i64>,
) -> Result<()> {
    let pagu = unit_pagu(conn, year, unit_id, code)?;
    let Some(amount) = amount else {
        return Ok(());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT amount FROM budget_realisations WHERE year = ?1 AND unit_id = ?2 AND code = ?3 AND quarter <> ?4",
    )?;
    let others: i64 = stmt
        .query_map(params![year, unit_id, code, q.number()], |r| {
            r.get::<_, String>(0)
        })?
        .filter_map(|a| parse_budget(&a.ok()?).ok().flatten())
        .sum();
    if others + amount > pagu {
        let f = crate::domain::rkt::format_rupiah;
        return Err(StoreError::Invalid(format!(
            "Realisasi anggaran {code} sepanjang tahun menjadi {} (triwulan lain {} + {} {}), melebihi pagunya {}. Periksa angkanya.",
            f(others + amount),
            f(others),
            q.short(),
            f(amount),
            f(pagu)
        )));
    }
    Ok(())
}

impl Store {
    pub fn real_rows(&self, year: i32, q: u32, unit_id: Option<i64>) -> Result<Vec<RealRow>> {
        load_real_rows(&self.conn, year, quarter(q)?, unit_id)
    }

    pub fn budget_rows(&self, year: i32, q: u32, unit_id: i64) -> Result<Vec<BudgetRow>> {
        load_budget_rows(&self.conn, year, quarter(q)?, unit_id)
    }

    /// Commits one realisation cell of quarter `q`; a realisation that is not a number is
    /// refused and nothing changes.
    pub fn set_real_cell(
        &mut self,
        row_id: i64,
        q: u32,
        col: RealCol,
        value: &str,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<()> {
        let q = quarter(q)?;
        let value = checked(col, value)?;
        self.light_write(|tx| {
            let (year, row) = plan_row(tx, row_id)?;
            real_editor(tx, year, q, row.unit_id, who, now.date())?;
            put_real(tx, row_id, q, col, &value)
        })
    }

    /// Commits the budget realised by a unit's sub kegiatan in quarter `q` (rupiah, or blank).
    #[allow(clippy::too_many_arguments)]
    pub fn set_budget_real(
        &mut self,
        year: i32,
        q: u32,
        unit_id: i64,
        code: &str,
        amount: &str,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<()> {
        let q = quarter(q)?;
        let figure = parse_budget(amount).map_err(StoreError::Invalid)?;
        let amount = figure
            .map(crate::domain::rkt::format_rupiah)
            .unwrap_or_default();
        self.light_write(|tx| {
            real_editor(tx, year, q, unit_id, who, now.date())?;
            within_pagu(tx, year, unit_id, code, q, figure)?;
            put_budget(tx, year, unit_id, code, q, &amount)
        })
    }

    /// A unit's quarter from Excel: (indikator, values) and (sub kegiatan code, amount), every
    /// figure checked first; all or nothing.
    #[allow(clippy::too_many_arguments)]
    pub fn import_realisation(
        &mut self,
        year: i32,
        q: u32,
        unit_id: i64,
        rows: &[(String, RealValues)],
        budget: &[(String, String)],
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<usize> {
        let q = quarter(q)?;
        self.write(now, |w| {
            let actor = real_editor(w, year, q, unit_id, who, now.date())?;
            let mine = load_plan_rows(w, year, Some(unit_id))?;
            for (i, (indikator, v)) in rows.iter().enumerate() {
                let row = mine
                    .iter()
                    .find(|r| r.values.indikator.trim() == indikator.trim())
                    .ok_or_else(|| {
                        StoreError::Invalid(format!(
                            "Baris {}: indikator \"{}\" tidak ada dalam Rencana Aksi unit ini.",
                            i + 1,
                            indikator.trim()
                        ))
                    })?;
                for col in RealCol::ALL {
                    let value = checked(col, v.get(col))
                        .map_err(|e| StoreError::Invalid(format!("Baris {}: {e}", i + 1)))?;
                    put_real(w, row.id, q, col, &value)?;
                }
            }
            for (code, amount) in budget {
                let figure = parse_budget(amount).map_err(StoreError::Invalid)?;
                within_pagu(w, year, unit_id, code.trim(), q, figure)?;
                let amount = figure
                    .map(crate::domain::rkt::format_rupiah)
                    .unwrap_or_default();
                put_budget(w, year, unit_id, code.trim(), q, &amount)?;
            }
            let unit = unit_name(w, unit_id)?;
            w.audit(
                &actor,
                Some(year),
                "realisasi.impor",
                &format!(
                    "{unit} {}: {} indikator, {} sub kegiatan dari Excel",
                    q.short(),
                    rows.len(),
                    budget.len()
                ),
            )?;
            Ok(rows.len())
        })
    }

    /// A unit reports its quarter: every indikator has its realisation (a number).
    pub fn submit_realisation(
        &mut self,
        year: i32,
        q: u32,
        unit_id: i64,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<()> {
        let q = quarter(q)?;
        self.write(now, |w| {
            let actor = real_editor(w, year, q, unit_id, who, now.date())?;
            let rows = load_real_rows(w, year, q, Some(unit_id))?;
            if rows.is_empty() {
                return Err(StoreError::Invalid(
                    "Unit ini tidak punya indikator dalam Rencana Aksi; tidak ada yang dilaporkan."
                        .into(),
                ));
            }
            let bad = rows
                .iter()
                .filter(|r| !validate_real(&r.values).is_empty())
                .count();
            if bad > 0 {
                return Err(StoreError::Invalid(format!(
                    "Belum bisa dilaporkan: realisasi {bad} indikator belum diisi angka."
                )));
            }
            for b in load_budget_rows(w, year, q, unit_id)? {
                parse_budget(&b.amount).map_err(StoreError::Invalid)?;
            }
            w.execute(
                "INSERT INTO realisation_submissions (year, quarter, unit_id, submitted_by, submitted_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![year, q.number(), unit_id, actor.name, w.time()],
            )?;
            let unit = unit_name(w, unit_id)?;
            w.audit(
                &actor,
                Some(year),
                "realisasi.lapor",
                &format!("{unit} {}: {} indikator", q.short(), rows.len()),
            )
        })
    }

    /// The TIM reopens a unit's reported quarter, with its reason.
    #[allow(clippy::too_many_arguments)]
    pub fn reopen_realisation(
        &mut self,
        sop: &Sop,
        year: i32,
        q: u32,
        unit_id: i64,
        reason: &str,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<()> {
        let q = quarter(q)?;
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid(
                "Alasan membuka kembali wajib diisi.".into(),
            ));
        }
        self.write(now, |w| {
            let actor = authority::in_lane_of(w, sop, Requirement::FormatsSubmitted, who)?;
            let n = w.execute(
                "DELETE FROM realisation_submissions WHERE year = ?1 AND quarter = ?2 AND unit_id = ?3",
                params![year, q.number(), unit_id],
            )?;
            if n == 0 {
                return Err(StoreError::Invalid(format!(
                    "Realisasi {} unit ini belum dilaporkan.",
                    q.short()
                )));
            }
            let unit = unit_name(w, unit_id)?;
            w.audit(
                &actor,
                Some(year),
                "realisasi.buka_kembali",
                &format!("{unit} {} — alasan: {}", q.short(), reason.trim()),
            )
        })
    }

    pub fn real_submission(
        &self,
        year: i32,
        q: u32,
        unit_id: i64,
    ) -> Result<Option<RealSubmission>> {
        let offset = self.settings()?.offset();
        Ok(self
            .conn
            .query_row(
                "SELECT submitted_by, submitted_at FROM realisation_submissions WHERE year = ?1 AND quarter = ?2 AND unit_id = ?3",
                params![year, q, unit_id],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
            )
            .optional()?
            .map(|(by, at)| RealSubmission {
                submitted_by: by,
                submitted_at: time_from_db(&at, offset),
            }))
    }

    /// The day quarter `q`'s reports are due: the nth working day after it (a setting),
    /// holidays counted.
    pub fn realisation_due(&self, year: i32, q: u32) -> Result<NaiveDate> {
        let q = quarter(q)?;
        let nth = self.realisation_due_days()?;
        let cal = self.work_calendar()?;
        Ok(q.report_due(year, nth, &cal))
    }

    /// Every unit with indikator in the Rencana Aksi and how far its quarter's report is.
    pub fn real_statuses(&self, year: i32, q: u32, today: NaiveDate) -> Result<Vec<RealStatus>> {
        let due = self.realisation_due(year, q)?;
        let rows = self.real_rows(year, q, None)?;
        let mut out = Vec::new();
        for unit in self.all_units()? {
            let mine: Vec<&RealRow> = rows.iter().filter(|r| r.plan.unit_id == unit.id).collect();
            if mine.is_empty() {
                continue;
            }
            let filled = mine
                .iter()
                .filter(|r| matches!(r.values.figure(), Ok(Some(_))))
                .count();
            let submission = self.real_submission(year, q, unit.id)?;
            out.push(RealStatus {
                late: submission.is_none() && today > due,
                due,
                rows: mine.len(),
                filled,
                submission,
                unit,
            });
        }
        Ok(out)
    }
}
