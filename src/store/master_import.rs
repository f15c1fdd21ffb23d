//! The master data from a workbook (`xlsx::master`): the Renstra of a period or the code list,
//! stored in one transaction. The preview is the same work rolled back, so what it says is
//! what "Impor" does. Codes and indikator still used by a FORMAT RKT (or a signed RKT) are kept
//! and named; a signed version keeps the code names it was made with (`draft_code_names`).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};

use super::identity::{self, Identity};
use super::master::{self, RenstraPeriod, insert_period, renstra_of, sasaran_id};
use super::{Result, Store, StoreError};
use crate::domain::rkt::parents;
use crate::xlsx::master::{MasterBook, RenstraRow};

/// What an import does (or did): counts and names, and the problems that stop it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MasterPlan {
    pub label: String,
    /// What is new, one line each ("1.05.02.2.03 Pembinaan PPNS", an indikator's text).
    pub added: Vec<String>,
    /// What changes, one line each ("1.05.02: «lama» → «baru»"; "Indikator: Satuan: % →
    /// orang; Target 2028: 80 → 85").
    pub changed: Vec<String>,
    /// Taken off the list (in use nowhere).
    pub removed: Vec<String>,
    /// Not in the file but in use: kept, named.
    pub kept: Vec<String>,
    pub problems: Vec<String>,
}

impl MasterPlan {
    /// "3 baru, 1 berubah, 0 dihapus, 0 tetap karena dipakai".
    pub fn counts(&self) -> String {
        format!(
            "{} baru, {} berubah, {} dihapus, {} tetap karena dipakai",
            self.added.len(),
            self.changed.len(),
            self.removed.len(),
            self.kept.len()
        )
    }

    /// The Riwayat's detail: what was imported, the counts, and the first new items by name.
    fn summary(&self) -> String {
        const NAMED: usize = 5;
        let mut s = format!("{} dari Excel: {}", self.label, self.counts());
        if !self.added.is_empty() {
            let names: Vec<&str> = self.added.iter().take(NAMED).map(String::as_str).collect();
            s.push_str(&format!("; baru: {}", names.join(", ")));
            if self.added.len() > NAMED {
                s.push_str(&format!(" dan {} lain", self.added.len() - NAMED));
            }
        }
        s
    }
}

/// Codes in use: by a FORMAT RKT row, or by a signed RKT; with their program and kegiatan.
fn codes_in_use(conn: &Connection) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT trim(code) FROM rkt_rows WHERE deleted = 0
         UNION SELECT DISTINCT trim(r.code) FROM draft_rows r JOIN signatures s ON s.draft_id = r.draft_id",
    )?;
    let mut used = HashSet::new();
    for code in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let code = code?;
        let (program, kegiatan) = parents(&code);
        used.extend([program, kegiatan, code]);
    }
    Ok(used)
}

fn apply_codes(conn: &Connection, codes: &[(String, String)]) -> Result<MasterPlan> {
    let mut plan = MasterPlan {
        label: format!("Daftar kode ({} kode)", codes.len()),
        ..Default::default()
    };
    let existing: HashMap<String, String> = conn
        .prepare("SELECT code, name FROM budget_codes")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let used = codes_in_use(conn)?;
    let in_file: HashSet<&str> = codes.iter().map(|(c, _)| c.as_str()).collect();
    let mut absent: Vec<&String> = existing
        .keys()
        .filter(|c| !in_file.contains(c.as_str()))
        .collect();
    absent.sort();
    let mut remove = conn.prepare_cached("DELETE FROM budget_codes WHERE code = ?1")?;
    let mut listed: HashSet<&str> = in_file.clone();
    for code in absent {
        if used.contains(code) {
            plan.kept.push(format!("{code} {}", existing[code]));
            listed.insert(code);
        } else {
            remove.execute([code])?;
            plan.removed.push(format!("{code} {}", existing[code]));
        }
    }
    let mut upsert = conn.prepare_cached(
        "INSERT INTO budget_codes (code, name) VALUES (?1, ?2)
         ON CONFLICT(code) DO UPDATE SET name = excluded.name",
    )?;
    for (code, name) in codes {
        match existing.get(code) {
            None => plan.added.push(format!("{code} {name}")),
            Some(old) if old != name => plan.changed.push(format!("{code}: «{old}» → «{name}»")),
            Some(_) => {}
        }
        upsert.execute(params![code, name])?;
        // A kegiatan or sub kegiatan stands under its program (and kegiatan) in the list.
        let (program, kegiatan) = parents(code);
        for parent in [program, kegiatan] {
            if parent != *code && !listed.contains(parent.as_str()) {
                plan.problems.push(format!(
                    "Kode {code}: induknya {parent} tidak ada di berkas; tambahkan barisnya."
                ));
                break;
            }
        }
    }
    Ok(plan)
}

/// The period named by the workbook: the one stored with exactly these years, else a new one
/// (refused when it overlaps another).
fn period(conn: &Connection, first: i32, last: i32) -> Result<(RenstraPeriod, bool)> {
    let found = conn
        .query_row(
            "SELECT id FROM renstra_periods WHERE first_year = ?1 AND last_year = ?2",
            params![first, last],
            |r| r.get::<_, i64>(0),
        )
        .optional()?;
    Ok(match found {
        Some(id) => (
            RenstraPeriod {
                id,
                first_year: first,
                last_year: last,
            },
            false,
        ),
        None => (insert_period(conn, first, last)?, true),
    })
}

/// An indikator as the workbook has it: one of the period, or a row of the file, its satuan
/// brought up to the file's.
fn indikator_id(conn: &Connection, sasaran: i64, row: &RenstraRow) -> Result<i64> {
    let (id, new) = master::indikator_id(conn, sasaran, &row.indikator, &row.satuan)?;
    if !new {
        conn.execute(
            "UPDATE renstra_indikator SET satuan = ?1 WHERE id = ?2",
            params![row.satuan, id],
        )?;
    }
    Ok(id)
}

/// What a row of the file changes in an indikator of the period: its satuan, and each year's
/// target ("Target 2028: 80 → 85"; "(kosong)" for a year without one).
fn renstra_changes(b: &master::Indikator, row: &RenstraRow, first: i32, last: i32) -> Vec<String> {
    let mut what = Vec::new();
    if b.satuan != row.satuan {
        what.push(format!("Satuan: {} → {}", b.satuan, row.satuan));
    }
    let of = |targets: &[(i32, String)], y: i32| {
        targets
            .iter()
            .find(|(ty, _)| *ty == y)
            .map_or("(kosong)".to_string(), |(_, t)| t.clone())
    };
    for y in first..=last {
        let (old, new) = (of(&b.targets, y), of(&row.targets, y));
        if old != new {
            what.push(format!("Target {y}: {old} → {new}"));
        }
    }
    what
}

fn apply_renstra(
    conn: &Connection,
    first: i32,
    last: i32,
    rows: &[RenstraRow],
) -> Result<MasterPlan> {
    let mut plan = MasterPlan {
        label: format!("Renstra {first}–{last} ({} indikator)", rows.len()),
        ..Default::default()
    };
    let (p, new_period) = match period(conn, first, last) {
        Ok(p) => p,
        Err(StoreError::Invalid(m)) => {
            plan.problems.push(m);
            return Ok(plan);
        }
        Err(e) => return Err(e),
    };
    if new_period {
        plan.changed
            .push(format!("Periode Renstra baru {}", p.label()));
    }
    // The period's indikator before the file, each with its sasaran's text.
    let before: Vec<(String, master::Indikator)> = renstra_of(conn, &p)?
        .into_iter()
        .flat_map(|s| {
            let sasaran = s.text;
            s.indikator.into_iter().map(move |i| (sasaran.clone(), i))
        })
        .collect();
    conn.execute(
        "DELETE FROM renstra_period_indikator WHERE period_id = ?1",
        [p.id],
    )?;
    let mut link = conn.prepare_cached(
        "INSERT INTO renstra_period_indikator (period_id, indikator_id, sort_order) VALUES (?1, ?2, ?3)",
    )?;
    let mut clear = conn.prepare_cached(
        "DELETE FROM renstra_target WHERE indikator_id = ?1 AND year BETWEEN ?2 AND ?3",
    )?;
    let mut target = conn.prepare_cached(
        "INSERT INTO renstra_target (indikator_id, year, target) VALUES (?1, ?2, ?3)",
    )?;
    let mut kept_ids = HashSet::new();
    for (i, row) in rows.iter().enumerate() {
        let sid = sasaran_id(conn, &row.sasaran)?;
        let iid = indikator_id(conn, sid, row)?;
        match before.iter().map(|(_, b)| b).find(|b| b.id == iid) {
            None => plan
                .added
                .push(format!("{} ({})", row.indikator, row.sasaran)),
            Some(b) => {
                let what = renstra_changes(b, row, first, last);
                if !what.is_empty() {
                    plan.changed
                        .push(format!("{}: {}", row.indikator, what.join("; ")));
                }
            }
        }
        kept_ids.insert(iid);
        link.execute(params![p.id, iid, i as i64 + 1])?;
        clear.execute(params![iid, first, last])?;
        for (year, t) in &row.targets {
            target.execute(params![iid, year, t])?;
        }
    }
    let mut in_use = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM rkt_rows WHERE deleted = 0 AND year BETWEEN ?1 AND ?2
                        AND trim(sasaran) = ?3 AND trim(indikator) = ?4)",
    )?;
    let mut order = rows.len() as i64;
    for (sasaran, b) in before.iter().filter(|(_, b)| !kept_ids.contains(&b.id)) {
        let used: bool = in_use.query_row(params![first, last, sasaran, b.text], |r| r.get(0))?;
        if used {
            order += 1;
            link.execute(params![p.id, b.id, order])?;
            plan.kept.push(b.text.clone());
        } else {
            plan.removed.push(b.text.clone());
        }
    }
    Ok(plan)
}

fn apply(conn: &Connection, book: &MasterBook) -> Result<MasterPlan> {
    match book {
        MasterBook::Renstra {
            first_year,
            last_year,
            rows,
        } => apply_renstra(conn, *first_year, *last_year, rows),
        MasterBook::Codes(codes) => apply_codes(conn, codes),
    }
}

impl Store {
    /// What importing `book` would do; nothing is stored (the work is rolled back).
    pub fn plan_master_import(&mut self, book: &MasterBook) -> Result<MasterPlan> {
        // Not `write`: a preview, always rolled back, and allowed on a read-only database.
        let tx = self.conn.unchecked_transaction()?;
        let plan = apply(&tx, book);
        tx.rollback()?;
        plan
    }

    /// Stores `book` (a pengelola's work) in one transaction with its audit row; refused, with
    /// nothing changed, while the plan has a problem.
    pub fn import_master(
        &mut self,
        book: &MasterBook,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<MasterPlan> {
        self.write(now, |w| {
            let actor = identity::pengelola(w, who)?;
            let plan = apply(w, book)?;
            if let Some(first) = plan.problems.first() {
                return Err(StoreError::Invalid(format!(
                    "Tidak diimpor ({} masalah): {first}",
                    plan.problems.len()
                )));
            }
            let action = match book {
                MasterBook::Renstra { .. } => "renstra.impor",
                MasterBook::Codes(_) => "kode.impor",
            };
            w.audit(&actor, None, action, &plan.summary())?;
            Ok(plan)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::at;
    use crate::xlsx::master::RenstraRow;

    fn demo() -> (Store, Identity) {
        let mut store = Store::open_in_memory().unwrap();
        let sop = crate::domain::sop::Sop::embedded();
        store.fill_demo(&sop, 2026, 30, at(1, 2, 8)).unwrap();
        let op = store.demo_sign_in(|o| o.pengelola, at(1, 2, 8)).unwrap();
        (store, op)
    }

    fn codes(store: &Store) -> Vec<(String, String)> {
        store.master_data(2026).unwrap().code_list()
    }

    #[test]
    fn a_code_list_replaces_the_list_but_keeps_codes_in_use() {
        let (mut store, op) = demo();
        let before = codes(&store);
        let used = store.rkt_rows(2026, store.units().unwrap()[0].id).unwrap()[0]
            .values
            .code
            .clone();
        // The new list: one code renamed, the used one and an unused one left out, one new.
        let unused = before
            .iter()
            .find(|(c, _)| {
                c.split('.').count() == 6
                    && !store.units().unwrap().iter().any(|u| {
                        store
                            .rkt_rows(2026, u.id)
                            .unwrap()
                            .iter()
                            .chain(store.rkt_rows(2025, u.id).unwrap().iter())
                            .any(|r| r.values.code == *c)
                    })
            })
            .map(|(c, _)| c.clone());
        let mut list: Vec<(String, String)> = before
            .iter()
            .filter(|(c, _)| *c != used && Some(c) != unused.as_ref())
            .cloned()
            .collect();
        list[0].1 = "Nama Baru".into();
        list.push(("1.05.02.2.01.0099".into(), "Sub kegiatan baru".into()));
        let book = MasterBook::Codes(list.clone());
        let plan = store.plan_master_import(&book).unwrap();
        assert_eq!(codes(&store), before, "a preview stores nothing");
        assert_eq!(plan.added, ["1.05.02.2.01.0099 Sub kegiatan baru"]);
        assert_eq!(plan.changed.len(), 1, "{:?}", plan.changed);
        assert!(
            plan.changed[0].ends_with("» → «Nama Baru»"),
            "{:?}",
            plan.changed
        );
        assert!(
            plan.kept.iter().any(|k| k.starts_with(&used)),
            "{:?}",
            plan.kept
        );
        if let Some(u) = &unused {
            assert!(plan.removed.iter().any(|r| r.starts_with(u.as_str())));
        }
        assert!(plan.problems.is_empty(), "{:?}", plan.problems);
        store.import_master(&book, &op, at(12, 1, 9)).unwrap();
        let after = codes(&store);
        assert!(after.iter().any(|(c, _)| *c == used), "in use: kept");
        assert!(
            after
                .iter()
                .any(|(c, n)| *c == list[0].0 && n == "Nama Baru")
        );
        let audit = store.audit_for_year(None, 5).unwrap();
        assert!(audit.iter().any(|a| a.action == "kode.impor"));
        // The Riwayat of a year lists it, and a code edited by hand, each saying what.
        store
            .save_code(&list[0].0, "Nama Lain", &op, at(12, 1, 10))
            .unwrap();
        let riwayat = store.riwayat(2026, 500).unwrap();
        let said = |action: &str| {
            riwayat
                .iter()
                .find(|a| a.action == action)
                .map(|a| (crate::store::action_label(&a.action), a.detail.clone()))
                .unwrap()
        };
        assert_eq!(
            said("kode.simpan"),
            (
                "Menyimpan kode program/kegiatan",
                format!("{}: «Nama Baru» → «Nama Lain»", list[0].0)
            )
        );
        let (label, detail) = said("kode.impor");
        assert_eq!(label, "Mengimpor daftar kode dari Excel");
        assert!(
            detail.contains("; baru: 1.05.02.2.01.0099 Sub kegiatan baru"),
            "{detail}"
        );
    }

    #[test]
    fn a_code_renamed_later_leaves_a_compiled_version_its_names() {
        let (mut store, op) = demo();
        let sop = crate::domain::sop::Sop::embedded();
        let tim = store
            .demo_sign_in(
                |o| o.lanes.iter().any(|l| l == "tim") && !o.pengelola,
                at(1, 2, 8),
            )
            .unwrap();
        store
            .submit_all_and_compile(&sop, 2026, &tim, at(2, 1, 9))
            .unwrap();
        let draft = store.drafts(2026).unwrap()[0].id;
        let code = store.draft_rows(draft).unwrap()[0].values.code.clone();
        let before = store.draft_code_names(draft).unwrap()[&code].clone();
        let list: Vec<(String, String)> = codes(&store)
            .into_iter()
            .map(|(c, n)| {
                if c == code {
                    (c, "Nama Baru".into())
                } else {
                    (c, n)
                }
            })
            .collect();
        store
            .import_master(&MasterBook::Codes(list), &op, at(12, 1, 9))
            .unwrap();
        assert_eq!(
            store.master_data(2026).unwrap().code(&code).unwrap().name,
            "Nama Baru"
        );
        assert_eq!(store.draft_code_names(draft).unwrap()[&code], before);
    }

    #[test]
    fn a_sub_kegiatan_without_its_kegiatan_is_refused_and_nothing_changes() {
        let (mut store, op) = demo();
        let before = codes(&store);
        let mut list = before.clone();
        list.push(("1.05.09.2.01.0001".into(), "Tanpa induk".into()));
        let book = MasterBook::Codes(list);
        let plan = store.plan_master_import(&book).unwrap();
        assert_eq!(
            plan.problems,
            ["Kode 1.05.09.2.01.0001: induknya 1.05.09 tidak ada di berkas; tambahkan barisnya."]
        );
        let err = store.import_master(&book, &op, at(12, 1, 9)).unwrap_err();
        assert!(
            err.to_string().contains("Tidak diimpor (1 masalah)"),
            "{err}"
        );
        assert_eq!(codes(&store), before);
    }

    #[test]
    fn a_new_renstra_period_comes_from_one_workbook() {
        let (mut store, op) = demo();
        let row = |i: &str, t: &str| RenstraRow {
            sasaran: "Meningkatnya kualitas layanan".into(),
            indikator: i.into(),
            satuan: "%".into(),
            targets: vec![(2032, t.into()), (2036, "99".into())],
        };
        let book = MasterBook::Renstra {
            first_year: 2032,
            last_year: 2036,
            rows: vec![row("Indeks A", "80"), row("Indeks B", "70")],
        };
        let plan = store.plan_master_import(&book).unwrap();
        assert_eq!(
            plan.added,
            [
                "Indeks A (Meningkatnya kualitas layanan)",
                "Indeks B (Meningkatnya kualitas layanan)"
            ]
        );
        assert!(store.master_data(2032).unwrap().period.is_none(), "preview");
        store.import_master(&book, &op, at(12, 1, 9)).unwrap();
        let riwayat = store.riwayat(2032, 5).unwrap();
        assert_eq!(riwayat[0].action, "renstra.impor");
        assert_eq!(
            riwayat[0].detail,
            "Renstra 2032–2036 (2 indikator) dari Excel: 2 baru, 1 berubah, 0 dihapus, 0 tetap karena dipakai; baru: Indeks A (Meningkatnya kualitas layanan), Indeks B (Meningkatnya kualitas layanan)"
        );
        let m = store.master_data(2032).unwrap();
        assert_eq!(m.period.unwrap().label(), "2032–2036");
        let a = m
            .indikator("Meningkatnya kualitas layanan", "Indeks A")
            .unwrap();
        assert_eq!(
            a.targets,
            [(2032, "80".to_string()), (2036, "99".to_string())]
        );
        // Overlapping another period: refused in words.
        let overlap = MasterBook::Renstra {
            first_year: 2030,
            last_year: 2034,
            rows: vec![row("Indeks A", "80")],
        };
        let plan = store.plan_master_import(&overlap).unwrap();
        assert!(
            plan.problems[0].contains("bertumpang tindih"),
            "{:?}",
            plan.problems
        );
    }

    #[test]
    fn a_changed_indikator_says_which_year_and_what_it_was() {
        let (mut store, _) = demo();
        let m = store.master_data(2026).unwrap();
        let p = m.period.unwrap();
        let mut rows = m.renstra_rows();
        let old = rows[0].clone();
        rows[0].satuan = "orang".into();
        let was = old
            .targets
            .iter()
            .find(|(y, _)| *y == 2026)
            .unwrap()
            .1
            .clone();
        for (y, t) in &mut rows[0].targets {
            if *y == 2026 {
                *t = "99".into();
            }
        }
        rows[0].targets.retain(|(y, _)| *y != 2025);
        let book = MasterBook::Renstra {
            first_year: p.first_year,
            last_year: p.last_year,
            rows,
        };
        let plan = store.plan_master_import(&book).unwrap();
        let was_2025 = old
            .targets
            .iter()
            .find(|(y, _)| *y == 2025)
            .unwrap()
            .1
            .clone();
        assert_eq!(
            plan.changed,
            [format!(
                "{}: Satuan: {} → orang; Target 2025: {was_2025} → (kosong); Target 2026: {was} → 99",
                old.indikator, old.satuan
            )]
        );
    }

    #[test]
    fn an_indikator_in_use_stays_in_its_period() {
        let (mut store, op) = demo();
        let m = store.master_data(2026).unwrap();
        let used = store.rkt_rows(2026, store.units().unwrap()[0].id).unwrap()[0]
            .values
            .clone();
        let p = m.period.unwrap();
        // The period's list without the used indikator.
        let rows: Vec<RenstraRow> = m
            .renstra_rows()
            .into_iter()
            .filter(|r| r.indikator != used.indikator)
            .collect();
        let book = MasterBook::Renstra {
            first_year: p.first_year,
            last_year: p.last_year,
            rows,
        };
        let plan = store.import_master(&book, &op, at(12, 1, 9)).unwrap();
        assert_eq!(plan.kept, std::slice::from_ref(&used.indikator));
        assert!(plan.added.is_empty(), "{:?}", plan.added);
        assert!(plan.changed.is_empty(), "{:?}", plan.changed);
        let after = store.master_data(2026).unwrap();
        assert!(after.indikator(&used.sasaran, &used.indikator).is_some());
    }
}
