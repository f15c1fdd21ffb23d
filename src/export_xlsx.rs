//! A unit's Rencana Aksi and quarterly realisation as Excel templates made from the store, and
//! filled files read against it: the xlsx module reads, this module says what to expect (the
//! unit's indikator, its sub kegiatan of the signed RKT). Storing stays with the store's
//! imports (all or nothing). Used by the session; no egui.

use crate::domain::quarter::Quarter;
use crate::export::{ExportError, Result};
use crate::store::{Store, StoreError, Unit};
use crate::xlsx::plan::{PlanExpect, PlanRead, PlanTemplate};
use crate::xlsx::realisation::{BudgetLine, RealExpect, RealLine, RealRead, RealTemplate};

/// How many problems a refusal lists; the rest are counted.
pub const PROBLEMS_SHOWN: usize = 10;

/// A unit by its id, retired ones included (a past year's plan may be theirs).
pub fn unit_of(store: &Store, unit_id: i64) -> std::result::Result<Unit, StoreError> {
    store
        .all_units()?
        .into_iter()
        .find(|u| u.id == unit_id)
        .ok_or_else(|| StoreError::Invalid("Unit itu tidak ditemukan.".into()))
}

/// The unit's sub kegiatan of the year's signed RKT: (code, name, pagu), named as the RKT was
/// signed (else as the master data names them now).
fn unit_sub_kegiatan(
    store: &Store,
    year: i32,
    unit: &Unit,
) -> std::result::Result<Vec<(String, String, i64)>, StoreError> {
    let signed = match store.signature(year)? {
        Some(s) => store.draft_code_names(s.draft_id)?,
        None => Default::default(),
    };
    let master = store.master_data(year)?;
    Ok(store
        .signed_sub_kegiatan(year)?
        .into_iter()
        .filter(|(u, _, _)| *u == unit.name)
        .map(|(_, code, pagu)| {
            let name = signed
                .get(&code)
                .cloned()
                .or_else(|| master.code(&code).map(|c| c.name.clone()))
                .unwrap_or_default();
            (code, name, pagu)
        })
        .collect())
}

fn no_plan(year: i32, unit: &Unit) -> String {
    format!(
        "{} tidak punya indikator dalam Rencana Aksi tahun {year} (Rencana Aksi belum dimulai dari Perjanjian Kinerja, atau unit ini tidak memegang indikator).",
        unit.name
    )
}

/// A unit's Rencana Aksi as an Excel template: its rows as they stand, the drop-downs of Arah,
/// Sifat and the unit's signed sub kegiatan.
pub fn plan_template_xlsx(store: &Store, year: i32, unit_id: i64) -> Result<Vec<u8>> {
    store.read(|| {
        let unit = unit_of(store, unit_id)?;
        let rows: Vec<_> = store
            .plan_rows(year, Some(unit_id))?
            .into_iter()
            .map(|r| r.values)
            .collect();
        if rows.is_empty() {
            return Err(ExportError::Nothing(no_plan(year, &unit)));
        }
        let sub: Vec<(String, String)> = unit_sub_kegiatan(store, year, &unit)?
            .into_iter()
            .map(|(c, n, _)| (c, n))
            .collect();
        crate::xlsx::plan::template(&PlanTemplate {
            year,
            unit_id,
            unit_name: &unit.name,
            rows: &rows,
            sub_kegiatan: &sub,
        })
        .map_err(ExportError::Render)
    })
}

/// A unit's quarter `q` as an Excel template: its indikator with the quarter's target and what
/// is reported so far, and its sub kegiatan with pagu and budget realised.
pub fn realisation_template_xlsx(
    store: &Store,
    year: i32,
    q: u32,
    unit_id: i64,
) -> Result<Vec<u8>> {
    let quarter = Quarter::new(q).map_err(ExportError::Nothing)?;
    store.read(|| {
        let unit = unit_of(store, unit_id)?;
        let rows: Vec<RealLine> = store
            .real_rows(year, q, Some(unit_id))?
            .into_iter()
            .map(|r| RealLine {
                indikator: r.plan.values.indikator.clone(),
                satuan: r.plan.values.satuan.clone(),
                target: r.plan.values.tw[q as usize - 1].clone(),
                values: r.values,
            })
            .collect();
        if rows.is_empty() {
            return Err(ExportError::Nothing(no_plan(year, &unit)));
        }
        let names = unit_sub_kegiatan(store, year, &unit)?;
        let budget: Vec<BudgetLine> = store
            .budget_rows(year, q, unit_id)?
            .into_iter()
            .map(|b| BudgetLine {
                name: names
                    .iter()
                    .find(|(c, _, _)| *c == b.code)
                    .map(|(_, n, _)| n.clone())
                    .unwrap_or_default(),
                code: b.code,
                pagu: b.pagu,
                amount: b.amount,
            })
            .collect();
        crate::xlsx::realisation::template(&RealTemplate {
            year,
            quarter,
            unit_id,
            unit_name: &unit.name,
            rows: &rows,
            budget: &budget,
        })
        .map_err(ExportError::Render)
    })
}

/// What a unit's file is read against: the unit, its indikator in the year's Rencana Aksi
/// (refused in words when it has none), its sub kegiatan codes in the signed RKT.
type Expected = (crate::store::Unit, Vec<String>, Vec<String>);

fn expected(store: &Store, year: i32, unit_id: i64) -> std::result::Result<Expected, StoreError> {
    let unit = unit_of(store, unit_id)?;
    let indikator: Vec<String> = store
        .plan_rows(year, Some(unit_id))?
        .into_iter()
        .map(|r| r.values.indikator)
        .collect();
    if indikator.is_empty() {
        return Err(StoreError::Invalid(no_plan(year, &unit)));
    }
    let codes: Vec<String> = unit_sub_kegiatan(store, year, &unit)?
        .into_iter()
        .map(|(c, _, _)| c)
        .collect();
    Ok((unit, indikator, codes))
}

/// A filled Rencana Aksi template read against the unit's rows of `year`. `Err`: the file is
/// not that template at all; its problems are in the answer.
pub fn read_plan_xlsx(
    store: &Store,
    year: i32,
    unit_id: i64,
    bytes: &[u8],
) -> std::result::Result<PlanRead, StoreError> {
    store.read(|| {
        let (unit, indikator, sub) = expected(store, year, unit_id)?;
        crate::xlsx::plan::read(
            bytes,
            &PlanExpect {
                year,
                unit_id,
                unit_name: &unit.name,
                indikator: &indikator,
                sub_kegiatan: &sub,
            },
        )
        .map_err(StoreError::Invalid)
    })
}

/// A filled quarter template read against the unit's indikator and sub kegiatan.
pub fn read_realisation_xlsx(
    store: &Store,
    year: i32,
    q: u32,
    unit_id: i64,
    bytes: &[u8],
) -> std::result::Result<RealRead, StoreError> {
    let quarter = Quarter::new(q).map_err(StoreError::Invalid)?;
    store.read(|| {
        let (unit, indikator, codes) = expected(store, year, unit_id)?;
        crate::xlsx::realisation::read(
            bytes,
            &RealExpect {
                year,
                quarter,
                unit_id,
                unit_name: &unit.name,
                indikator: &indikator,
                codes: &codes,
            },
        )
        .map_err(StoreError::Invalid)
    })
}

/// A file with problems refused: the first of them by row and column, the rest counted.
pub fn refusal(problems: &[String]) -> Option<StoreError> {
    if problems.is_empty() {
        return None;
    }
    let mut text = format!(
        "{} masalah di berkas; tidak ada yang diubah. Perbaiki di Excel lalu impor lagi:",
        problems.len()
    );
    for p in problems.iter().take(PROBLEMS_SHOWN) {
        text.push_str("\n• ");
        text.push_str(p);
    }
    if problems.len() > PROBLEMS_SHOWN {
        text.push_str(&format!(
            "\n… dan {} masalah lainnya.",
            problems.len() - PROBLEMS_SHOWN
        ));
    }
    Some(StoreError::Invalid(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_lists_the_first_problems_and_counts_the_rest() {
        assert!(refusal(&[]).is_none());
        let problems: Vec<String> = (6..20)
            .map(|r| format!("Baris {r}, kolom Arah: \"x\" tidak ada di daftar (Naik, Turun)."))
            .collect();
        let text = refusal(&problems).unwrap().to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "14 masalah di berkas; tidak ada yang diubah. Perbaiki di Excel lalu impor lagi:"
        );
        assert_eq!(lines[1], format!("• {}", problems[0]));
        assert_eq!(
            lines[PROBLEMS_SHOWN],
            format!("• {}", problems[PROBLEMS_SHOWN - 1])
        );
        assert_eq!(lines[PROBLEMS_SHOWN + 1], "… dan 4 masalah lainnya.");
        assert_eq!(lines.len(), PROBLEMS_SHOWN + 2);
    }
}
