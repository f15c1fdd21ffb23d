//! The settings of pengukuran kinerja (the working day the quarter's reports are due, the
//! category scale) and the facts of a year's performance (`domain::performance::Facts`) read
//! in one snapshot, for the table, the charts, the reports and the command line alike.

use std::collections::BTreeMap;

use chrono::{FixedOffset, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension};

use super::drafts::code_names;
use super::evidence::year_evidence;
use super::identity::{self, Identity};
use super::master::{period_of, renstra_of};
use super::plan::{load_plan_rows, signed_sub_kegiatan};
use super::settings::put;
use super::signing::load_signature;
use super::{Result, Store, StoreError};
use crate::domain::action_plan::{parse_accumulation, parse_budget, parse_realisation};
use crate::domain::capaian::CategoryScale;
use crate::domain::performance::{BudgetFacts, EvidenceLine, Facts, IndikatorFacts, summarise};
use crate::domain::quarter::Accumulation;
use crate::domain::quarter::Quarter;

const DUE_DAYS: &str = "realisasi.hari_kerja_batas";
const SCALE: &str = "capaian.skala";
fn scale_of(conn: &Connection) -> Result<CategoryScale> {
    let typed: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [SCALE], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(typed
        .and_then(|v| CategoryScale::parse(&v).ok())
        .unwrap_or_default())
}

/// The working day after a quarter its reports are due when none is set (domain.md).
pub const DUE_DAYS_DEFAULT: u32 = 10;
pub const DUE_DAYS_RANGE: std::ops::RangeInclusive<u32> = 1..=30;

impl Store {
    pub fn realisation_due_days(&self) -> Result<u32> {
        Ok(self
            .setting(DUE_DAYS)?
            .and_then(|v| v.parse().ok())
            .filter(|d| DUE_DAYS_RANGE.contains(d))
            .unwrap_or(DUE_DAYS_DEFAULT))
    }

    pub fn category_scale(&self) -> Result<CategoryScale> {
        scale_of(&self.conn)
    }

    /// The working day after each quarter its reports are due, typed ("10"); a pengelola's.
    pub fn save_realisation_due_days(
        &mut self,
        typed: &str,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<u32> {
        let days: u32 = typed
            .trim()
            .parse()
            .ok()
            .filter(|d| DUE_DAYS_RANGE.contains(d))
            .ok_or_else(|| {
                StoreError::Invalid(format!(
                    "Batas laporan \"{}\" tidak sah; tulis hari kerja ke berapa sesudah triwulan berakhir, {}–{}.",
                    typed.trim(),
                    DUE_DAYS_RANGE.start(),
                    DUE_DAYS_RANGE.end()
                ))
            })?;
        self.write(now, |w| {
            let actor = identity::pengelola(w, who)?;
            put(w, DUE_DAYS, &days.to_string())?;
            w.audit(
                &actor,
                None,
                "pengaturan.batas_realisasi",
                &format!("hari kerja ke-{days} sesudah triwulan"),
            )
        })?;
        Ok(days)
    }

    /// The category scale typed as "91: Sangat Baik; 76: Baik; …"; a pengelola's.
    pub fn save_category_scale(
        &mut self,
        typed: &str,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<CategoryScale> {
        let scale = CategoryScale::parse(typed)
            .map_err(|e| StoreError::Invalid(format!("Skala kategori: {e}")))?;
        self.write(now, |w| {
            let actor = identity::pengelola(w, who)?;
            put(w, SCALE, &scale.to_text())?;
            w.audit(&actor, None, "pengaturan.skala_capaian", &scale.to_text())
        })?;
        Ok(scale)
    }

    /// Everything the year's summary is made from, read in one snapshot.
    pub fn performance_facts(&self, year: i32) -> Result<Facts> {
        let offset = self.settings()?.offset();
        self.read(|| facts(&self.conn, offset, year))
    }

    /// The year measured up to quarter `upto`.
    pub fn performance(&self, year: i32, upto: u32) -> Result<crate::domain::performance::Summary> {
        let q = Quarter::new(upto).map_err(StoreError::Invalid)?;
        Ok(summarise(&self.performance_facts(year)?, q))
    }
}

/// The facts of `year` read through `conn` (inside a signing's transaction too).
pub(super) fn facts(conn: &Connection, offset: FixedOffset, year: i32) -> Result<Facts> {
    let plans = load_plan_rows(conn, year, None)?;
    let mut real = conn.prepare_cached(
        "SELECT quarter, realisasi, kendala, tindak_lanjut FROM plan_realisations WHERE plan_row_id = ?1",
    )?;
    let mut indikator = Vec::with_capacity(plans.len());
    for p in &plans {
        let mut f = IndikatorFacts {
            unit: p.unit.clone(),
            values: p.values.clone(),
            realisasi: Default::default(),
            kendala: Default::default(),
            tindak_lanjut: Default::default(),
        };
        let rows = real.query_map([p.id], |r| {
            Ok((
                r.get::<_, u32>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (q, a, b, c) = row?;
            let i = (q as usize).clamp(1, 4) - 1;
            f.realisasi[i] = a;
            f.kendala[i] = b;
            f.tindak_lanjut[i] = c;
        }
        indikator.push(f);
    }
    let mut amount = conn.prepare_cached(
        "SELECT b.quarter, b.amount FROM budget_realisations b JOIN units u ON u.id = b.unit_id
         WHERE b.year = ?1 AND u.name = ?2 AND b.code = ?3",
    )?;
    let mut budget = Vec::new();
    for (unit, code, pagu) in signed_sub_kegiatan(conn, year)? {
        let mut realised = [None; 4];
        let rows = amount.query_map(rusqlite::params![year, unit, code], |r| {
            Ok((r.get::<_, u32>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (q, a) = row?;
            realised[(q as usize).clamp(1, 4) - 1] = parse_budget(&a).ok().flatten();
        }
        budget.push(BudgetFacts {
            unit,
            code,
            pagu,
            realised,
        });
    }
    let code_names = match load_signature(conn, year, offset)? {
        Some(s) => code_names(conn, s.draft_id)?.into_iter().collect(),
        None => BTreeMap::new(),
    };
    // Last year's figure of each (unit, indikator): its quarters made one as its Sifat says,
    // whether or not last year's plan was complete.
    let mut last_year = BTreeMap::new();
    for l in load_last_year(conn, year - 1)? {
        let acc = parse_accumulation(&l.values.sifat).unwrap_or(Accumulation::Cumulative);
        let figures = l.realisasi.map(|r| parse_realisation(&r).ok().flatten());
        if let Some(v) = acc.to_date(&figures, Quarter::ALL[3]) {
            last_year
                .entry((l.unit, l.values.indikator.trim().to_string()))
                .or_insert(v);
        }
    }
    let mut renstra_end = BTreeMap::new();
    if let Some(p) = period_of(conn, year)? {
        for s in renstra_of(conn, &p)? {
            for i in s.indikator {
                if let Some(t) = i.target(p.last_year) {
                    renstra_end.insert(i.text.trim().to_string(), (p.last_year, t.to_string()));
                }
            }
        }
    }
    let evidence = year_evidence(conn, offset, year, 4)?
        .into_iter()
        .filter_map(|e| {
            let p = plans.iter().find(|p| p.id == e.plan_row_id)?;
            Some(EvidenceLine {
                quarter: Quarter::new(e.quarter).ok()?,
                unit: p.unit.clone(),
                indikator: p.values.indikator.clone(),
                name: e.name,
                size: e.size,
                sha256: e.sha256,
            })
        })
        .collect();
    Ok(Facts {
        year,
        indikator,
        budget,
        code_names,
        last_year,
        renstra_end,
        evidence,
        scale: scale_of(conn)?,
    })
}

/// Last year's indikator with their realisation (no budget, no evidence: only the figures).
fn load_last_year(conn: &Connection, year: i32) -> Result<Vec<IndikatorFacts>> {
    let plans = load_plan_rows(conn, year, None)?;
    let mut real = conn.prepare_cached(
        "SELECT quarter, realisasi FROM plan_realisations WHERE plan_row_id = ?1",
    )?;
    let mut out = Vec::with_capacity(plans.len());
    for p in plans {
        let mut realisasi: [String; 4] = Default::default();
        for row in real.query_map([p.id], |r| {
            Ok((r.get::<_, u32>(0)?, r.get::<_, String>(1)?))
        })? {
            let (q, a) = row?;
            realisasi[(q as usize).clamp(1, 4) - 1] = a;
        }
        out.push(IndikatorFacts {
            unit: p.unit,
            values: p.values,
            realisasi,
            kendala: Default::default(),
            tindak_lanjut: Default::default(),
        });
    }
    Ok(out)
}
