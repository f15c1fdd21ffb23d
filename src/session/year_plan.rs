//! What the Rencana Aksi and Realisasi pages show of the chosen year, unit and quarter, read
//! with the rest of the data (one snapshot).

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::{Data, Page, Session, Sheet};
use crate::domain::action_plan::{PlanCol, validate_plan};
use crate::domain::capaian::CategoryScale;
use crate::domain::quarter::Quarter;
use crate::store::{
    BudgetRow, EvidenceEntry, PlanRow, RealRow, RealStatus, RealSubmission, ReportEntry,
    ReportKind, Store, StoreError,
};

/// The chosen unit's Rencana Aksi and its realisation of the chosen quarter.
#[derive(Debug, Default)]
pub struct PlanData {
    /// Any unit has rows this year ("Mulai Rencana Aksi" is done).
    pub started: bool,
    /// The year's Perjanjian Kinerja is signed (the Rencana Aksi is made from it).
    pub pk_signed: bool,
    /// The head signed the year's Rencana Aksi: it no longer changes.
    pub signed: Option<ReportEntry>,
    pub rows: Vec<PlanRow>,
    /// Each row's problems (validate_plan), kept up to date on load and per keystroke.
    pub problems: Vec<Vec<(PlanCol, String)>>,
    /// The unit's sub kegiatan in the year's signed RKT: (code, name).
    pub subs: Vec<(String, String)>,
    pub real_rows: Vec<RealRow>,
    pub budget: Vec<BudgetRow>,
    /// The evidence of the unit's rows in the quarter.
    pub evidence: Vec<EvidenceEntry>,
    pub statuses: Vec<RealStatus>,
    pub submission: Option<RealSubmission>,
    pub due: Option<NaiveDate>,
    pub scale: CategoryScale,
}

impl PlanData {
    /// The problems of a row whose values changed.
    pub(super) fn recheck(&mut self, i: usize) {
        let subs = &self.subs;
        let known = |c: &str| subs.iter().any(|(s, _)| s == c);
        if let (Some(r), Some(p)) = (self.rows.get(i), self.problems.get_mut(i)) {
            *p = validate_plan(&r.values, &known);
        }
    }
}

/// The quarter the Realisasi page opens at: the last one ended in `year` (the first while
/// none has; the fourth for a past year).
pub fn default_quarter(year: i32, now: NaiveDateTime) -> u32 {
    match year.cmp(&now.year()) {
        std::cmp::Ordering::Less => 4,
        std::cmp::Ordering::Greater => 1,
        std::cmp::Ordering::Equal => (Quarter::of(now.date()).number() - 1).max(1),
    }
}

pub(super) fn read(
    s: &Store,
    year: i32,
    q: u32,
    unit: Option<i64>,
    data: &Data,
    now: NaiveDateTime,
) -> Result<PlanData, StoreError> {
    let mut out = PlanData {
        started: !s.plan_rows(year, None)?.is_empty(),
        pk_signed: data.pk.iter().any(|e| e.year == year),
        signed: s.report_entry(ReportKind::RencanaAksi, year)?,
        statuses: s.real_statuses(year, q, now.date())?,
        due: Some(s.realisation_due(year, q)?),
        scale: s.category_scale()?,
        ..Default::default()
    };
    let Some(unit) = unit else {
        return Ok(out);
    };
    let unit_name = data
        .units
        .iter()
        .find(|u| u.id == unit)
        .map(|u| u.name.clone())
        .unwrap_or_default();
    out.subs = s
        .signed_sub_kegiatan(year)?
        .into_iter()
        .filter(|(u, _, _)| *u == unit_name)
        .map(|(_, code, _)| {
            let name = data
                .master
                .code(&code)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            (code, name)
        })
        .collect();
    out.rows = s.plan_rows(year, Some(unit))?;
    out.problems = vec![Vec::new(); out.rows.len()];
    for i in 0..out.rows.len() {
        out.recheck(i);
    }
    out.real_rows = s.real_rows(year, q, Some(unit))?;
    out.budget = s.budget_rows(year, q, unit)?;
    for r in &out.real_rows {
        out.evidence.extend(s.evidence(r.plan.id, q)?);
    }
    out.submission = s.real_submission(year, q, unit)?;
    Ok(out)
}

impl Session {
    /// The typed table of the page shown (undo and redo stay within it).
    pub(super) fn sheet_shown(&self) -> Sheet {
        match self.page {
            Page::RencanaAksi => Sheet::Plan,
            Page::Realisasi => Sheet::Real,
            _ => Sheet::Rkt,
        }
    }

    /// A row's place in its table as shown, to name it ("baris 3").
    pub(super) fn row_no(&self, sheet: Sheet, id: i64) -> Option<usize> {
        let d = &self.data;
        match sheet {
            Sheet::Rkt => d.rows.iter().position(|r| r.id == id),
            Sheet::Plan => d.plan.rows.iter().position(|r| r.id == id),
            Sheet::Real => d.plan.real_rows.iter().position(|r| r.plan.id == id),
        }
    }
}
