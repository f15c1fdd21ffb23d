//! Starting a year's FORMAT RKT from the last one: the plan is read from the last signed RKT
//! (else the newest draft) and the new year's master data (`domain::carry` decides), shown to
//! the user, then recomputed and written inside one transaction.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};

use super::authority;
use super::cycles::is_signed;
use super::drafts::load_draft_rows;
use super::identity::{self, Identity};
use super::master::{MasterData, load_master};
use super::rkt_rows::append_rows;
use super::{Result, Store, StoreError};
use crate::domain::carry::{CarryPlan, NewYear, RenstraEntry, UnitNow, plan};
use crate::domain::rkt::CodeLevel;
use crate::domain::sop::{Requirement, Sop};
use crate::domain::workflow::Actor;

/// The new year's master data as the plan asks it (codes looked up in a set: a plan may
/// carry thousands of rows).
struct Master<'a> {
    data: &'a MasterData,
    codes: HashSet<&'a str>,
    year: i32,
}

impl<'a> Master<'a> {
    fn new(data: &'a MasterData, year: i32) -> Self {
        let codes = data
            .codes
            .iter()
            .filter(|c| c.level == CodeLevel::SubKegiatan)
            .map(|c| c.code.as_str())
            .collect();
        Master { data, codes, year }
    }
}

impl NewYear for Master<'_> {
    fn code_known(&self, code: &str) -> bool {
        self.codes.contains(code.trim())
    }

    fn renstra(&self, sasaran: &str, indikator: &str) -> Option<RenstraEntry> {
        let i = self.data.indikator(sasaran, indikator)?;
        Some(RenstraEntry {
            satuan: i.satuan.clone(),
            target: i.target(self.year).map(str::to_string),
        })
    }

    fn period_label(&self) -> Option<String> {
        self.data.period.map(|p| format!("Renstra {}", p.label()))
    }
}

/// The draft a year starts from: the newest signed RKT of an earlier year, else the newest
/// draft version of an earlier year. (year, draft id, words naming it)
fn source(conn: &Connection, to_year: i32) -> Result<Option<(i32, i64, String)>> {
    let signed = conn
        .query_row(
            "SELECT s.year, s.draft_id, d.version FROM signatures s JOIN drafts d ON d.id = s.draft_id
             WHERE s.year < ?1 ORDER BY s.year DESC LIMIT 1",
            [to_year],
            |r| Ok((r.get::<_, i32>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)),
        )
        .optional()?;
    if let Some((year, id, _)) = signed {
        return Ok(Some((year, id, format!("RKT {year} yang ditandatangani"))));
    }
    Ok(conn
        .query_row(
            "SELECT year, id, version FROM drafts WHERE year < ?1 ORDER BY year DESC, version DESC LIMIT 1",
            [to_year],
            |r| Ok((r.get::<_, i32>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)),
        )
        .optional()?
        .map(|(year, id, v)| {
            (
                year,
                id,
                format!("Draft RKT {year} versi {v} (belum ditandatangani)"),
            )
        }))
}

fn units_now(conn: &Connection, year: i32) -> Result<Vec<UnitNow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, u.name,
                EXISTS (SELECT 1 FROM rkt_rows r WHERE r.year = ?1 AND r.unit_id = u.id AND r.deleted = 0)
             OR EXISTS (SELECT 1 FROM rkt_submissions s WHERE s.year = ?1 AND s.unit_id = u.id)
         FROM units u WHERE u.active = 1 ORDER BY u.sort_order, u.id",
    )?;
    Ok(stmt
        .query_map([year], |r| {
            Ok(UnitNow {
                id: r.get(0)?,
                name: r.get(1)?,
                filled: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

fn make_plan(conn: &Connection, to_year: i32) -> Result<CarryPlan> {
    let Some((from_year, draft_id, words)) = source(conn, to_year)? else {
        return Err(StoreError::Invalid(format!(
            "Belum ada RKT tahun sebelum {to_year} (yang ditandatangani atau draf) untuk dijadikan dasar."
        )));
    };
    let rows = load_draft_rows(conn, draft_id)?;
    let master = load_master(conn, to_year)?;
    let units = units_now(conn, to_year)?;
    Ok(plan(
        to_year,
        from_year,
        words,
        &rows,
        &units,
        &Master::new(&master, to_year),
    ))
}

/// Starting a year is the TIM's work (the lane that collects the formats), or a pengelola's.
fn carrier(conn: &Connection, sop: &Sop, who: &Identity) -> Result<Actor> {
    let acting = identity::acting(conn, who)?;
    if acting.pengelola {
        return Ok(acting.actor);
    }
    authority::in_lane_of(conn, sop, Requirement::FormatsSubmitted, who).map_err(|_| {
        StoreError::Invalid(format!(
            "Memulai FORMAT RKT dari tahun lalu adalah tugas TIM atau pengelola; {} bukan keduanya.",
            acting.actor.name
        ))
    })
}

/// What a carry wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carried {
    pub row_ids: Vec<i64>,
    pub units: usize,
    pub left_out: usize,
}

impl Store {
    /// What "Mulai dari RKT tahun …" would write into `to_year`; nothing is written.
    pub fn carry_plan(&self, to_year: i32) -> Result<CarryPlan> {
        make_plan(&self.conn, to_year)
    }

    /// Writes the plan (recomputed now) into the units whose format of `to_year` is empty;
    /// rows with a problem only when `keep_problems`. One transaction with its audit row.
    pub fn carry_year(
        &mut self,
        sop: &Sop,
        to_year: i32,
        keep_problems: bool,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<Carried> {
        self.write(now, |w| {
            let actor = carrier(w, sop, who)?;
            if is_signed(w, to_year)? {
                return Err(StoreError::Invalid(format!(
                    "RKT tahun {to_year} sudah ditandatangani; tidak ada yang dibawa."
                )));
            }
            let plan = make_plan(w, to_year)?;
            let mut row_ids = Vec::new();
            let mut units = 0;
            for u in &plan.units {
                let ids = append_rows(
                    w,
                    to_year,
                    u.unit_id,
                    u.rows_written(keep_problems).map(|r| &r.values),
                )?;
                units += usize::from(!ids.is_empty());
                row_ids.extend(ids);
            }
            if row_ids.is_empty() {
                return Err(StoreError::Invalid(format!(
                    "Tidak ada baris yang dibawa ke {to_year}: setiap unit sudah mengisi FORMAT RKT-nya atau {} tidak punya baris yang cocok.",
                    plan.source
                )));
            }
            let left_out = plan.rows_written(true) - row_ids.len();
            w.audit(
                &actor,
                Some(to_year),
                "rkt.mulai_dari",
                &format!(
                    "Dari {}: {} baris ke {units} unit{}",
                    plan.source,
                    row_ids.len(),
                    if left_out > 0 {
                        format!(", {left_out} baris bermasalah ditinggalkan")
                    } else {
                        String::new()
                    }
                ),
            )?;
            Ok(Carried {
                row_ids,
                units,
                left_out,
            })
        })
    }

    /// Undoes (`deleted`) or redoes a carry: its rows marked deleted or restored together, in
    /// one transaction; refused once a unit has submitted them.
    pub fn set_carried_deleted(
        &mut self,
        sop: &Sop,
        year: i32,
        row_ids: &[i64],
        deleted: bool,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<()> {
        self.write(now, |w| {
            let actor = carrier(w, sop, who)?;
            // Only the units the carry wrote into count: one that filled and submitted the year
            // before the carry was left as it was.
            let submitted = {
                let mut of_row = w.prepare_cached(
                    "SELECT u.name FROM rkt_rows r
                 JOIN rkt_submissions s ON s.year = r.year AND s.unit_id = r.unit_id
                 JOIN units u ON u.id = r.unit_id
                 WHERE r.id = ?1 AND r.year = ?2",
                )?;
                let mut found = None;
                for id in row_ids {
                    found = of_row
                        .query_row(params![id, year], |r| r.get::<_, String>(0))
                        .optional()?;
                    if found.is_some() {
                        break;
                    }
                }
                found
            };
            if let Some(unit) = submitted {
                return Err(StoreError::Invalid(format!(
                    "{unit} sudah mengumpulkan FORMAT RKT {year}; baris yang dibawa tidak bisa dibatalkan lagi."
                )));
            }
            {
                let mut stmt = w.prepare_cached(
                    "UPDATE rkt_rows SET deleted = ?1 WHERE id = ?2 AND year = ?3",
                )?;
                for id in row_ids {
                    stmt.execute(params![deleted, id, year])?;
                }
            }
            w.audit(
                &actor,
                Some(year),
                if deleted {
                    "rkt.mulai_dari_batal"
                } else {
                    "rkt.mulai_dari_ulang"
                },
                &format!("{} baris", row_ids.len()),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::at;

    /// A demo office: 2026 filled, 2025 signed-to-be (its draft compiled), Renstra periods up
    /// to 2031.
    fn demo() -> (Store, Sop) {
        let mut store = Store::open_in_memory().unwrap();
        let sop = Sop::embedded();
        store.fill_demo(&sop, 2026, 70, at(1, 2, 8)).unwrap();
        (store, sop)
    }

    fn tim(store: &mut Store, _sop: &Sop) -> Identity {
        store
            .demo_sign_in(
                |o| o.lanes.iter().any(|l| l == "tim") && !o.pengelola,
                at(1, 2, 8),
            )
            .unwrap()
    }

    #[test]
    fn a_year_starts_from_the_last_draft_with_the_new_targets() {
        let (mut store, sop) = demo();
        // 2026 is compiled but not signed; 2025 is the demo's signed-to-be year (not signed
        // in the store alone): the newest draft is 2026's.
        let who = tim(&mut store, &sop);
        store
            .submit_all_and_compile(&sop, 2026, &who, at(2, 1, 9))
            .unwrap();
        let plan = store.carry_plan(2027).unwrap();
        assert_eq!(plan.from_year, 2026);
        assert!(
            plan.source.starts_with("Draft RKT 2026 versi"),
            "{}",
            plan.source
        );
        let master = store.master_data(2027).unwrap();
        let total: usize = plan.units.iter().map(|u| u.rows.len()).sum();
        assert_eq!(total, 70);
        for u in &plan.units {
            for r in &u.rows {
                let i = master
                    .indikator(&r.values.sasaran, &r.values.indikator)
                    .unwrap();
                assert_eq!(Some(r.values.target.as_str()), i.target(2027));
            }
        }
        let done = store
            .carry_year(&sop, 2027, false, &who, at(12, 1, 9))
            .unwrap();
        assert_eq!(done.row_ids.len(), 70);
        assert_eq!(done.left_out, 0);
        let unit = store.units().unwrap()[0].id;
        let rows = store.rkt_rows(2027, unit).unwrap();
        let old = store.rkt_rows(2026, unit).unwrap();
        assert_eq!(rows.len(), old.len());
        assert_eq!(rows[0].values.pagu, old[0].values.pagu, "pagu kept");
        assert_eq!(rows[0].values.code, old[0].values.code);
        let audit = store.audit_for_year(Some(2027), 10).unwrap();
        assert!(audit.iter().any(|a| a.action == "rkt.mulai_dari"
            && a.actor_name == who.name()
            && a.detail.contains("70 baris")));
        // A second carry finds every unit filled.
        let again = store.carry_year(&sop, 2027, true, &who, at(12, 1, 9));
        assert!(matches!(again, Err(StoreError::Invalid(m)) if m.contains("sudah mengisi")));
        // Undo removes it whole, redo brings it back.
        store
            .set_carried_deleted(&sop, 2027, &done.row_ids, true, &who, at(12, 1, 10))
            .unwrap();
        assert!(store.rkt_rows(2027, unit).unwrap().is_empty());
        store
            .set_carried_deleted(&sop, 2027, &done.row_ids, false, &who, at(12, 1, 10))
            .unwrap();
        assert_eq!(store.rkt_rows(2027, unit).unwrap().len(), old.len());
    }

    #[test]
    fn codes_and_indikator_gone_are_named_and_left_out_or_kept() {
        let (mut store, sop) = demo();
        let who = tim(&mut store, &sop);
        store
            .submit_all_and_compile(&sop, 2026, &who, at(2, 1, 9))
            .unwrap();
        let first = store.rkt_rows(2026, store.units().unwrap()[0].id).unwrap()[0]
            .values
            .clone();
        // The code is taken off the list (as a new code list import would).
        store
            .conn
            .execute(
                "DELETE FROM budget_codes WHERE code = ?1",
                [first.code.trim()],
            )
            .unwrap();
        let plan = store.carry_plan(2027).unwrap();
        let gone = plan.problems();
        assert!(gone > 0);
        let named = plan.units[0]
            .rows
            .iter()
            .find(|r| !r.problems.is_empty())
            .unwrap();
        assert!(
            named.problems[0].contains(first.code.trim()),
            "{:?}",
            named.problems
        );
        let kept = plan.rows_written(true);
        let done = store
            .carry_year(&sop, 2027, false, &who, at(12, 1, 9))
            .unwrap();
        assert_eq!(done.left_out, gone);
        assert_eq!(done.row_ids.len(), kept - gone);
    }

    /// A unit that filled and submitted the new year before the carry was left as it was; the
    /// carry into the others can still be undone. Once a unit submits carried rows, it cannot.
    #[test]
    fn undo_is_refused_only_by_a_unit_that_submitted_carried_rows() {
        let (mut store, sop) = demo();
        let who = tim(&mut store, &sop);
        store
            .submit_all_and_compile(&sop, 2026, &who, at(2, 1, 9))
            .unwrap();
        let units = store.units().unwrap();
        let (early, late) = (units[0].id, units[1].id);
        let row = store.rkt_rows(2026, early).unwrap()[0].values.clone();
        store
            .act_for_unit(&sop, 2027, early, "diisi lebih dulu", &who, at(12, 1, 8))
            .unwrap();
        store.insert_row(2027, early, None, &row, &who).unwrap();
        let master = store.master_data(2027).unwrap();
        store
            .submit_unit(2027, early, &master, &who, at(12, 1, 8))
            .unwrap();

        let done = store
            .carry_year(&sop, 2027, true, &who, at(12, 1, 9))
            .unwrap();
        assert_eq!(
            store.rkt_rows(2027, early).unwrap().len(),
            1,
            "left as it was"
        );
        store
            .set_carried_deleted(&sop, 2027, &done.row_ids, true, &who, at(12, 1, 10))
            .unwrap();
        assert!(store.rkt_rows(2027, late).unwrap().is_empty());
        store
            .set_carried_deleted(&sop, 2027, &done.row_ids, false, &who, at(12, 1, 10))
            .unwrap();

        store
            .act_for_unit(&sop, 2027, late, "dikumpulkan", &who, at(12, 1, 11))
            .unwrap();
        store
            .submit_unit(2027, late, &master, &who, at(12, 1, 11))
            .unwrap();
        let late_name = &units[1].name;
        let r = store.set_carried_deleted(&sop, 2027, &done.row_ids, true, &who, at(12, 1, 12));
        assert!(
            matches!(&r, Err(StoreError::Invalid(m)) if m.starts_with(late_name.as_str())),
            "{r:?}"
        );
        assert!(
            !store.rkt_rows(2027, late).unwrap().is_empty(),
            "nothing undone"
        );
    }

    #[test]
    fn only_the_tim_or_a_pengelola_starts_a_year_and_not_a_signed_one() {
        let (mut store, sop) = demo();
        let tim = tim(&mut store, &sop);
        store
            .submit_all_and_compile(&sop, 2026, &tim, at(2, 1, 9))
            .unwrap();
        let sekretaris = store
            .demo_sign_in(|o| o.lanes == ["sekretaris"] && !o.pengelola, at(1, 2, 8))
            .unwrap();
        let r = store.carry_year(&sop, 2027, true, &sekretaris, at(12, 1, 9));
        assert!(matches!(r, Err(StoreError::Invalid(m)) if m.contains("tugas TIM atau pengelola")));
        assert!(store.carry_plan(2020).is_err(), "nothing before 2020");
        let units = store.units().unwrap();
        assert!(store.rkt_rows(2027, units[0].id).unwrap().is_empty());
    }
}
