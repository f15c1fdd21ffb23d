//! `drafts` and `draft_rows`: the compiled Draft RKT. Each version is an immutable snapshot
//! (triggers refuse changes); a correction makes the next version.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};

use super::authority;
use super::cycles::is_signed;
use super::identity::Identity;
use super::master::MasterData;
use super::rkt_rows::{load_rows, row_values};
use super::{Result, Store, StoreError, time_from_db};
use crate::domain::rkt::{Col, DraftRow, compile, parse_rupiah, validate_row};
use crate::domain::sop::{Requirement, Sop};

/// One cell of the latest draft version to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub key: String,
    pub col: Col,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftInfo {
    pub id: i64,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub created_by: String,
    pub note: String,
    pub rows: usize,
    pub pagu: i64,
}

/// The names of a version's codes and their program and kegiatan, as they are now: the version
/// keeps them whatever the code list becomes.
fn snapshot_code_names(conn: &Connection, draft_id: i64, rows: &[DraftRow]) -> Result<()> {
    let mut codes = std::collections::BTreeSet::new();
    for r in rows {
        let (program, kegiatan) = crate::domain::rkt::parents(r.values.code.trim());
        codes.extend([r.values.code.trim().to_string(), program, kegiatan]);
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO draft_code_names (draft_id, code, name)
         SELECT ?1, code, name FROM budget_codes WHERE code = ?2",
    )?;
    for code in &codes {
        stmt.execute(params![draft_id, code])?;
    }
    Ok(())
}

/// The code names a version was made with.
pub(super) fn code_names(conn: &Connection, draft_id: i64) -> Result<HashMap<String, String>> {
    let mut stmt =
        conn.prepare_cached("SELECT code, name FROM draft_code_names WHERE draft_id = ?1")?;
    Ok(stmt
        .query_map([draft_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

fn insert_version(
    conn: &Connection,
    year: i32,
    rows: &[DraftRow],
    created_by: &str,
    created_at: &str,
    note: &str,
) -> Result<(i64, i64)> {
    let version: i64 = conn.query_row(
        "SELECT coalesce(max(version), 0) + 1 FROM drafts WHERE year = ?1",
        [year],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO drafts (year, version, created_at, created_by, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![year, version, created_at, created_by, note],
    )?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO draft_rows (draft_id, position, row_key, unit, sasaran, indikator, satuan, target, code, pagu, sumber_dana, penanggung_jawab, keterangan)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for (i, r) in rows.iter().enumerate() {
        let v = &r.values;
        stmt.execute(params![
            id,
            i as i64,
            r.key,
            r.unit,
            v.sasaran,
            v.indikator,
            v.satuan,
            v.target,
            v.code,
            r.pagu,
            v.sumber_dana,
            v.penanggung_jawab,
            v.keterangan
        ])?;
    }
    snapshot_code_names(conn, id, rows)?;
    Ok((id, version))
}

/// A signed year's draft is final (the database refuses too; this says it plainly).
fn signed_guard(conn: &Connection, year: i32) -> Result<()> {
    if is_signed(conn, year)? {
        return Err(StoreError::Invalid(format!(
            "RKT tahun {year} sudah ditandatangani; Draft RKT-nya tidak bisa diubah lagi."
        )));
    }
    Ok(())
}

pub(super) fn load_draft_rows(conn: &Connection, draft_id: i64) -> Result<Vec<DraftRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT row_key, unit, sasaran, indikator, satuan, target, code, pagu, sumber_dana, penanggung_jawab, keterangan
         FROM draft_rows WHERE draft_id = ?1 ORDER BY position",
    )?;
    Ok(stmt
        .query_map([draft_id], |r| {
            let pagu: i64 = r.get(7)?;
            Ok(DraftRow {
                key: r.get(0)?,
                unit: r.get(1)?,
                values: row_values(r, 2, crate::domain::rkt::format_rupiah(pagu))?,
                pagu,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Step 6: builds the next Draft RKT version from every submitted unit.
    pub fn compile_draft(
        &mut self,
        sop: &Sop,
        year: i32,
        master: &MasterData,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<DraftInfo> {
        let units = self.units()?;
        let version = self.write(now, |w| {
            let actor = authority::in_lane_of(w, sop, Requirement::DraftCompiled, who)?;
            signed_guard(w, year)?;
            let mut rows = Vec::new();
            let mut from_units = 0;
            for (ui, unit) in units.iter().enumerate() {
                let submitted: bool = w
                    .query_row(
                        "SELECT 1 FROM rkt_submissions WHERE year = ?1 AND unit_id = ?2",
                        params![year, unit.id],
                        |_| Ok(true),
                    )
                    .optional()?
                    .unwrap_or(false);
                if !submitted {
                    continue;
                }
                from_units += 1;
                for (pi, r) in load_rows(w, year, unit.id)?.into_iter().enumerate() {
                    let pagu = parse_rupiah(&r.values.pagu)
                        .map_err(|e| StoreError::Invalid(format!("{}: {e}", unit.name)))?;
                    rows.push((
                        ui,
                        pi,
                        DraftRow {
                            key: format!("r{}", r.id),
                            unit: unit.name.clone(),
                            values: r.values,
                            pagu,
                        },
                    ));
                }
            }
            if from_units == 0 {
                return Err(StoreError::Invalid(
                    "Belum ada format unit yang dikumpulkan; tidak ada yang bisa dikompilasi."
                        .into(),
                ));
            }
            let compiled = compile(rows, &master.sasaran_order());
            let note = format!("Kompilasi dari {from_units} unit");
            let (_, version) = insert_version(w, year, &compiled, &actor.name, &w.time(), &note)?;
            w.audit(
                &actor,
                Some(year),
                "draf.kompilasi",
                &format!(
                    "Draft RKT versi {version}: {} baris dari {from_units} unit",
                    compiled.len()
                ),
            )?;
            Ok(version)
        })?;
        self.drafts(year)?
            .into_iter()
            .find(|d| d.version == version)
            .ok_or_else(|| StoreError::Invalid("versi baru tidak terbaca".into()))
    }

    /// The versions of a year, newest first.
    pub fn drafts(&self, year: i32) -> Result<Vec<DraftInfo>> {
        let offset = self.settings()?.offset();
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.version, d.created_at, d.created_by, d.note,
                    (SELECT count(*) FROM draft_rows r WHERE r.draft_id = d.id),
                    (SELECT coalesce(sum(pagu), 0) FROM draft_rows r WHERE r.draft_id = d.id)
             FROM drafts d WHERE d.year = ?1 ORDER BY d.version DESC",
        )?;
        Ok(stmt
            .query_map([year], |r| {
                Ok(DraftInfo {
                    id: r.get(0)?,
                    version: r.get(1)?,
                    created_at: time_from_db(&r.get::<_, String>(2)?, offset),
                    created_by: r.get(3)?,
                    note: r.get(4)?,
                    rows: r.get::<_, i64>(5)? as usize,
                    pagu: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    pub fn draft_rows(&self, draft_id: i64) -> Result<Vec<DraftRow>> {
        load_draft_rows(&self.conn, draft_id)
    }

    /// The program, kegiatan and sub kegiatan names a version was made with.
    pub fn draft_code_names(&self, draft_id: i64) -> Result<HashMap<String, String>> {
        code_names(&self.conn, draft_id)
    }

    /// A correction (steps 7-9): the latest version with one cell changed becomes the next
    /// version. The new value is checked as in the units' formats.
    pub fn correct_draft(
        &mut self,
        sop: &Sop,
        year: i32,
        correction: &Correction,
        master: &MasterData,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<i64> {
        let Correction { key, col, value } = correction;
        let (col, value) = (*col, value.as_str());
        let cal = self.work_calendar()?;
        self.write(now, |w| {
            let latest: i64 = w
                .query_row(
                    "SELECT id FROM drafts WHERE year = ?1 ORDER BY version DESC LIMIT 1",
                    [year],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| {
                    StoreError::Invalid("Belum ada Draft RKT untuk dikoreksi.".into())
                })?;
            signed_guard(w, year)?;
            let actor = authority::correction_turn(w, &cal, sop, year, who)?;
            let mut rows = load_draft_rows(w, latest)?;
            let row = rows.iter_mut().find(|r| r.key == *key).ok_or_else(|| {
                StoreError::Invalid("Baris Draft RKT itu tidak ditemukan.".into())
            })?;
            let before = row.values.get(col).to_string();
            if before == value {
                return Ok(latest);
            }
            let mut values = row.values.clone();
            values.set(col, value.to_string());
            let known = |c: &str| master.is_sub_kegiatan(c);
            if let Some((_, problem)) = validate_row(&values, &known)
                .into_iter()
                .find(|(c, _)| *c == col)
            {
                return Err(StoreError::Invalid(format!(
                    "{problem}; Draft RKT tidak diubah."
                )));
            }
            row.pagu = parse_rupiah(&values.pagu).unwrap_or(row.pagu);
            row.values = values;
            let note = format!("Koreksi {}: {before} → {value}", col.title());
            let (_, version) = insert_version(w, year, &rows, &actor.name, &w.time(), &note)?;
            w.audit(
                &actor,
                Some(year),
                "draf.koreksi",
                &format!("versi {version}: {note}"),
            )?;
            Ok(version)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rkt::{RowValues, diff};
    use crate::domain::workflow::Intent;
    use crate::store::test_support::{at, everyone, official, pengelola};

    /// Two units' rows submitted (the first unit's by its own official, who stands in every
    /// lane; the fourth's by the same person as the TIM, with a reason).
    fn filled_store() -> (Store, MasterData, Identity) {
        let mut s = Store::open_in_memory().unwrap();
        let op = everyone(&mut s);
        let sop = Sop::embedded();
        for code in ["1.05.02.2.01.0001", "1.05.01.2.01.0001"] {
            s.save_code(code, "x", &op, at(1, 5, 9)).unwrap();
        }
        let m = s.master_data(2026).unwrap();
        let units = s.units().unwrap();
        for (u, code) in [(3, "1.05.02.2.01.0001"), (0, "1.05.01.2.01.0001")] {
            let values = RowValues {
                sasaran: "S".into(),
                indikator: "I".into(),
                satuan: "%".into(),
                target: "100".into(),
                code: code.into(),
                pagu: "2.000.000".into(),
                sumber_dana: "DAU".into(),
                penanggung_jawab: "Kabid".into(),
                keterangan: String::new(),
            };
            s.act_for_unit(&sop, 2026, units[u].id, "uji", &op, at(1, 5, 9))
                .unwrap();
            s.insert_row(2026, units[u].id, None, &values, &op).unwrap();
            s.submit_unit(2026, units[u].id, &m, &op, at(1, 5, 9))
                .unwrap();
        }
        (s, m, op)
    }

    /// The cycle walked to step 7 (corrections), the draft compiled at step 6.
    fn at_step_seven(s: &mut Store, m: &MasterData, who: &Identity) -> DraftInfo {
        let sop = Sop::embedded();
        s.transition(&sop, 2026, &Intent::Start, who, at(1, 6, 8))
            .unwrap();
        for step in 1..=4 {
            let i = Intent::Complete {
                step,
                note: String::new(),
            };
            s.transition(&sop, 2026, &i, who, at(1, 6, 8)).unwrap();
        }
        let anyway = Intent::CompleteAnyway {
            step: 5,
            reason: "uji".into(),
        };
        s.transition(&sop, 2026, &anyway, who, at(1, 6, 8)).unwrap();
        let v1 = s.compile_draft(&sop, 2026, m, who, at(1, 6, 9)).unwrap();
        let i = Intent::Complete {
            step: 6,
            note: String::new(),
        };
        s.transition(&sop, 2026, &i, who, at(1, 6, 9)).unwrap();
        v1
    }

    fn fix(key: &str, pagu: &str) -> Correction {
        Correction {
            key: key.into(),
            col: Col::Pagu,
            value: pagu.into(),
        }
    }

    #[test]
    fn compile_then_correct_makes_versions() {
        let (mut s, m, op) = filled_store();
        let sop = Sop::embedded();
        let v1 = at_step_seven(&mut s, &m, &op);
        assert_eq!((v1.version, v1.rows, v1.pagu), (1, 2, 4_000_000));
        let rows = s.draft_rows(v1.id).unwrap();
        assert_eq!(
            rows[0].values.code, "1.05.01.2.01.0001",
            "grouped by program code"
        );
        let key = rows[1].key.clone();
        let err = s
            .correct_draft(&sop, 2026, &fix(&key, "dua juta"), &m, &op, at(1, 7, 9))
            .unwrap_err();
        assert!(err.to_string().contains("Draft RKT tidak diubah"));
        let v2 = s
            .correct_draft(&sop, 2026, &fix(&key, "2.500.000"), &m, &op, at(1, 7, 9))
            .unwrap();
        assert_eq!(v2, 2);
        let versions = s.drafts(2026).unwrap();
        assert_eq!(versions[0].pagu, 4_500_000);
        let d = diff(
            &s.draft_rows(versions[1].id).unwrap(),
            &s.draft_rows(versions[0].id).unwrap(),
        );
        assert_eq!(d.changed.len(), 1);
        assert_eq!(d.changed[0].2, [Col::Pagu]);
    }

    #[test]
    fn compiling_and_correcting_are_the_named_lanes_at_their_steps() {
        let (mut s, m, op) = filled_store();
        let sop = Sop::embedded();
        let kabid = official(&mut s, Some(&op), "Kabid Saja", &["kabid"], None);
        // Compiling is the TIM's.
        assert!(
            s.compile_draft(&sop, 2026, &m, &kabid, at(1, 6, 9))
                .unwrap_err()
                .to_string()
                .contains("Hanya TIM")
        );
        // Before the correction steps, nobody corrects.
        let v1 = s.compile_draft(&sop, 2026, &m, &op, at(1, 6, 9)).unwrap();
        let key = s.draft_rows(v1.id).unwrap()[0].key.clone();
        let err = s
            .correct_draft(&sop, 2026, &fix(&key, "3.000.000"), &m, &op, at(1, 7, 9))
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("hanya dikoreksi saat langkah koreksi"),
            "{err}"
        );
        // At step 7, only its lane (Kasubag Perencanaan dan Pelaporan).
        at_step_seven(&mut s, &m, &op);
        let err = s
            .correct_draft(&sop, 2026, &fix(&key, "3.000.000"), &m, &kabid, at(1, 7, 9))
            .unwrap_err();
        assert!(
            err.to_string().contains("langkah 7 dilakukan oleh KASUBAG"),
            "{err}"
        );
        assert_eq!(s.drafts(2026).unwrap()[0].version, 2, "nothing added");
    }

    #[test]
    fn versions_are_immutable_in_the_database() {
        let (mut s, m, op) = filled_store();
        s.compile_draft(&Sop::embedded(), 2026, &m, &op, at(1, 6, 9))
            .unwrap();
        let c = s.raw_connection();
        assert!(c.execute("UPDATE draft_rows SET pagu = 1", []).is_err());
        assert!(c.execute("DELETE FROM draft_rows", []).is_err());
        assert!(c.execute("UPDATE drafts SET note = 'x'", []).is_err());
    }

    #[test]
    fn notes_are_added_and_resolved() {
        let (mut s, _, op) = filled_store();
        assert!(
            s.add_note(2026, Some("r1"), Some(7), " ", &op, at(1, 7, 9))
                .is_err()
        );
        let id = s
            .add_note(
                2026,
                Some("r1"),
                Some(7),
                "Target belum sesuai Renstra",
                &op,
                at(1, 7, 9),
            )
            .unwrap();
        s.add_note(2026, None, Some(9), "Cek total pagu", &op, at(1, 7, 10))
            .unwrap();
        s.resolve_note(id, &op, at(1, 8, 9)).unwrap();
        assert!(s.resolve_note(id, &op, at(1, 8, 9)).is_err());
        let notes = s.notes(2026).unwrap();
        assert_eq!(notes[0].text, "Cek total pagu", "open notes first");
        assert!(notes[1].resolved.is_some());
    }

    #[test]
    fn nothing_submitted_nothing_compiled() {
        let mut s = Store::open_in_memory().unwrap();
        let op = pengelola(&mut s);
        let m = s.master_data(2026).unwrap();
        assert!(
            s.compile_draft(&Sop::embedded(), 2026, &m, &op, at(1, 6, 9))
                .is_err()
        );
    }
}
