//! What the Laporan page and Beranda's reminder read of the selected year's pengukuran
//! kinerja: each quarter's due date and units, the capaian so far, and the signed reports or
//! why each cannot be signed yet. Read with everything else, in the same snapshot.

use chrono::NaiveDate;

use crate::domain::capaian::CategoryScale;
use crate::domain::performance::{Summary, summarise};
use crate::domain::quarter::Quarter;
use crate::store::{RealStatus, ReportEntry, ReportKind, Store, StoreError};

/// One quarter of the year: when its reports are due, how far each unit is, and the count of
/// indikator per category up to it.
#[derive(Debug, Clone, PartialEq)]
pub struct QuarterMeasure {
    pub quarter: Quarter,
    pub due: NaiveDate,
    pub statuses: Vec<RealStatus>,
    pub categories: Vec<(String, usize)>,
}

impl QuarterMeasure {
    /// The units past the due date without their report.
    pub fn late(&self) -> impl Iterator<Item = &RealStatus> {
        self.statuses.iter().filter(|s| s.late)
    }
}

/// A report of the year: signed (in the archive), or why it cannot be signed now (`None`
/// with no entry: it can).
#[derive(Debug, Clone, PartialEq)]
pub struct ReportState {
    pub kind: ReportKind,
    pub entry: Option<ReportEntry>,
    pub blocker: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Measures {
    pub year: i32,
    /// The Rencana Aksi has rows for the year.
    pub plan_started: bool,
    pub plan_signed: bool,
    /// TW I–IV.
    pub quarters: Vec<QuarterMeasure>,
    /// Rencana Aksi, Laporan Capaian TW I–IV, LKjIP, in that order.
    pub reports: Vec<ReportState>,
    /// The whole year as reported so far (for the charts).
    pub summary: Option<Summary>,
    pub due_days: u32,
    pub scale: CategoryScale,
}

impl Measures {
    /// The quarter whose reports are being made now: the last one of the year already ended,
    /// or TW I while none has.
    pub fn reported_now(&self, today: NaiveDate) -> Option<&QuarterMeasure> {
        self.quarters
            .iter()
            .rev()
            .find(|q| today > q.quarter.last_day(self.year))
            .or(self.quarters.first())
    }

    pub fn report(&self, kind: ReportKind) -> Option<&ReportState> {
        self.reports.iter().find(|r| r.kind == kind)
    }
}

/// Every report of a year, in the order the page lists them.
pub fn report_kinds() -> Vec<ReportKind> {
    let mut kinds = vec![ReportKind::RencanaAksi];
    kinds.extend(Quarter::ALL.map(ReportKind::Capaian));
    kinds.push(ReportKind::Lkjip);
    kinds
}

/// The year's measures as the database holds them on `today`.
pub fn read(store: &Store, year: i32, today: NaiveDate) -> Result<Measures, StoreError> {
    let facts = store.performance_facts(year)?;
    let mut quarters = Vec::with_capacity(4);
    // The year up to TW IV is the last quarter's summary: the charts take it as it is.
    let mut summary = None;
    for q in Quarter::ALL {
        let s = summarise(&facts, q);
        quarters.push(QuarterMeasure {
            quarter: q,
            due: store.realisation_due(year, q.number())?,
            statuses: store.real_statuses(year, q.number(), today)?,
            categories: s.categories.clone(),
        });
        summary = Some(s);
    }
    let mut reports = Vec::new();
    for kind in report_kinds() {
        let entry = store.report_entry(kind, year)?;
        let blocker = match entry {
            Some(_) => None,
            None => store.report_blocker(kind, year, today)?,
        };
        reports.push(ReportState {
            kind,
            entry,
            blocker,
        });
    }
    Ok(Measures {
        year,
        plan_started: !facts.indikator.is_empty(),
        plan_signed: store.plan_is_signed(year)?,
        quarters,
        reports,
        summary: summary.filter(|_| !facts.indikator.is_empty()),
        due_days: store.realisation_due_days()?,
        scale: store.category_scale()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year_2025() -> Measures {
        let quarters = Quarter::ALL
            .map(|quarter| QuarterMeasure {
                quarter,
                due: quarter.last_day(2025) + chrono::Days::new(14),
                statuses: Vec::new(),
                categories: Vec::new(),
            })
            .to_vec();
        Measures {
            year: 2025,
            quarters,
            ..Default::default()
        }
    }

    fn day(m: u32, d: u32, y: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_quarter_reported_now_is_the_last_one_ended() {
        let m = year_2025();
        let now = |d| m.reported_now(d).map(|q| q.quarter.number());
        assert_eq!(now(day(2, 10, 2025)), Some(1), "none ended: TW I is next");
        assert_eq!(now(day(3, 31, 2025)), Some(1));
        assert_eq!(now(day(4, 1, 2025)), Some(1), "TW I ended");
        assert_eq!(now(day(10, 6, 2025)), Some(3));
        assert_eq!(now(day(2, 4, 2026)), Some(4), "the year over: TW IV");
        assert_eq!(Measures::default().reported_now(day(1, 1, 2025)), None);
    }
}
