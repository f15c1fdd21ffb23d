//! `plan_rows`: the Rencana Aksi of a year, made from its signed Perjanjian Kinerja (one row
//! per PK indikator and each unit whose RKT rows carry it), every cell as typed, edited by the
//! unit's own officials (or the TIM acting for it), frozen once the head signed it.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};

use super::authority;
use super::drafts::load_draft_rows;
use super::identity::Identity;
use super::units::unit_name;
use super::{Result, Store, StoreError};
use crate::domain::action_plan::{PlanCol, PlanValues, validate_plan};
use crate::domain::sop::{Requirement, Sop};
use crate::domain::workflow::Actor;

#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    pub id: i64,
    pub unit_id: i64,
    pub unit: String,
    pub position: f64,
    pub values: PlanValues,
}

/// A row that keeps the Rencana Aksi from being signed, with what is wrong in it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanProblem {
    pub unit: String,
    pub indikator: String,
    pub problems: Vec<(PlanCol, String)>,
}

const COLUMNS: &str = "p.id, p.unit_id, u.name, p.position, p.sasaran, p.indikator, p.satuan, p.target, p.arah, p.sifat, p.tw1, p.tw2, p.tw3, p.tw4, p.sub_kegiatan, p.aksi";

fn row_from(r: &rusqlite::Row) -> rusqlite::Result<PlanRow> {
    Ok(PlanRow {
        id: r.get(0)?,
        unit_id: r.get(1)?,
        unit: r.get(2)?,
        position: r.get(3)?,
        values: PlanValues {
            sasaran: r.get(4)?,
            indikator: r.get(5)?,
            satuan: r.get(6)?,
            target: r.get(7)?,
            arah: r.get(8)?,
            sifat: r.get(9)?,
            tw: [r.get(10)?, r.get(11)?, r.get(12)?, r.get(13)?],
            sub_kegiatan: r.get(14)?,
            aksi: r.get(15)?,
        },
    })
}

/// The year's rows, of one unit or (None) all, units in their order.
pub(super) fn load_plan_rows(
    conn: &Connection,
    year: i32,
    unit_id: Option<i64>,
) -> Result<Vec<PlanRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM plan_rows p JOIN units u ON u.id = p.unit_id
         WHERE p.year = ?1 AND (?2 IS NULL OR p.unit_id = ?2)
         ORDER BY u.sort_order, p.position"
    ))?;
    Ok(stmt
        .query_map(params![year, unit_id], row_from)?
        .collect::<rusqlite::Result<_>>()?)
}

pub(super) fn plan_row(conn: &Connection, row_id: i64) -> Result<(i32, PlanRow)> {
    conn.query_row(
        &format!(
            "SELECT {COLUMNS}, p.year FROM plan_rows p JOIN units u ON u.id = p.unit_id WHERE p.id = ?1"
        ),
        [row_id],
        |r| Ok((r.get(16)?, row_from(r)?)),
    )
    .optional()?
    .ok_or_else(|| StoreError::Invalid("Baris Rencana Aksi itu tidak ditemukan.".into()))
}

/// The Rencana Aksi of `year` has been signed (and so no longer changes).
pub(super) fn plan_signed(conn: &Connection, year: i32) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM report_archive WHERE kind = 'rencana_aksi' AND year = ?1)",
        [year],
        |r| r.get(0),
    )?)
}

/// Who may change a unit's Rencana Aksi rows now: one of its officials (or whoever acts for
/// it), while the head has not signed it.
fn plan_editor(conn: &Connection, year: i32, unit_id: i64, who: &Identity) -> Result<Actor> {
    if plan_signed(conn, year)? {
        return Err(StoreError::Invalid(format!(
            "Rencana Aksi tahun {year} sudah ditandatangani dan tidak bisa diubah lagi."
        )));
    }
    authority::unit_editor(conn, year, unit_id, who).map_err(|e| match e {
        StoreError::Invalid(_) => {
            let unit = unit_name(conn, unit_id).unwrap_or_default();
            StoreError::Invalid(format!(
                "Rencana Aksi {unit} diisi oleh pejabat {unit} sendiri. TIM dapat mengisinya atas nama unit dengan mencatat alasannya (\"Isi atas nama unit\")."
            ))
        }
        e => e,
    })
}

/// The sub kegiatan codes of the year's signed RKT, per unit name.
pub(super) fn signed_sub_kegiatan(
    conn: &Connection,
    year: i32,
) -> Result<Vec<(String, String, i64)>> {
    let draft: Option<i64> = conn
        .query_row(
            "SELECT draft_id FROM signatures WHERE year = ?1",
            [year],
            |r| r.get(0),
        )
        .optional()?;
    let Some(draft) = draft else {
        return Ok(Vec::new());
    };
    let mut out: Vec<(String, String, i64)> = Vec::new();
    for r in load_draft_rows(conn, draft)? {
        let code = r.values.code.trim().to_string();
        match out.iter_mut().find(|(u, c, _)| *u == r.unit && *c == code) {
            Some(e) => e.2 += r.pagu,
            None => out.push((r.unit.clone(), code, r.pagu)),
        }
    }
    Ok(out)
}

impl Store {
    pub fn plan_rows(&self, year: i32, unit_id: Option<i64>) -> Result<Vec<PlanRow>> {
        load_plan_rows(&self.conn, year, unit_id)
    }

    pub fn plan_is_signed(&self, year: i32) -> Result<bool> {
        plan_signed(&self.conn, year)
    }

    /// The sub kegiatan of the year's signed RKT: (unit name, code, pagu), each unit's code once.
    pub fn signed_sub_kegiatan(&self, year: i32) -> Result<Vec<(String, String, i64)>> {
        signed_sub_kegiatan(&self.conn, year)
    }

    /// "Mulai Rencana Aksi": after the PK is signed, the TIM makes the year's rows from it — one
    /// per PK indikator and unit whose RKT rows carry it, with that unit's sub kegiatan for it;
    /// Arah and Sifat come from last year's Rencana Aksi where the indikator was in it. Once.
    pub fn start_plan(
        &mut self,
        sop: &Sop,
        year: i32,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<usize> {
        self.write(now, |w| {
            let actor = authority::in_lane_of(w, sop, Requirement::FormatsSubmitted, who)?;
            let pk: Option<i64> = w
                .query_row(
                    "SELECT signature_id FROM pk_archive WHERE year = ?1",
                    [year],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(signature_id) = pk else {
                return Err(StoreError::Invalid(format!(
                    "Perjanjian Kinerja tahun {year} belum ditandatangani; Rencana Aksi disusun dari PK yang ditandatangani."
                )));
            };
            let exists: bool = w.query_row(
                "SELECT EXISTS (SELECT 1 FROM plan_rows WHERE year = ?1)",
                [year],
                |r| r.get(0),
            )?;
            if exists {
                return Err(StoreError::Invalid(format!(
                    "Rencana Aksi tahun {year} sudah dimulai."
                )));
            }
            let draft: i64 = w.query_row(
                "SELECT draft_id FROM signatures WHERE id = ?1",
                [signature_id],
                |r| r.get(0),
            )?;
            let rows = load_draft_rows(w, draft)?;
            let made = plan_from_rows(w, year, &rows)?;
            w.audit(
                &actor,
                Some(year),
                "rencana_aksi.mulai",
                &format!("{made} indikator dari Perjanjian Kinerja {year}"),
            )?;
            Ok(made)
        })
    }

    /// Commits one Rencana Aksi cell as typed; the PK's own columns are not typed over.
    pub fn set_plan_cell(
        &mut self,
        row_id: i64,
        col: PlanCol,
        value: &str,
        who: &Identity,
    ) -> Result<()> {
        if col.from_pk() {
            return Err(StoreError::Invalid(format!(
                "Kolom {} diambil dari Perjanjian Kinerja dan tidak diubah di sini.",
                col.title()
            )));
        }
        self.light_write(|tx| {
            let (year, row) = plan_row(tx, row_id)?;
            plan_editor(tx, year, row.unit_id, who)?;
            tx.execute(
                &format!("UPDATE plan_rows SET {} = ?1 WHERE id = ?2", col.db_name()),
                params![value, row_id],
            )?;
            Ok(())
        })
    }

    /// A unit's Rencana Aksi from Excel: each row matched to the unit's row of the same
    /// indikator, its typed columns replaced, all or nothing. Returns how many rows changed.
    pub fn import_plan(
        &mut self,
        year: i32,
        unit_id: i64,
        rows: &[PlanValues],
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<usize> {
        self.write(now, |w| {
            let actor = plan_editor(w, year, unit_id, who)?;
            let mine = load_plan_rows(w, year, Some(unit_id))?;
            let mut changed = 0;
            for (i, v) in rows.iter().enumerate() {
                let Some(row) = mine
                    .iter()
                    .find(|r| r.values.indikator.trim() == v.indikator.trim())
                else {
                    return Err(StoreError::Invalid(format!(
                        "Baris {}: indikator \"{}\" tidak ada dalam Rencana Aksi unit ini.",
                        i + 1,
                        v.indikator.trim()
                    )));
                };
                let mut next = row.values.clone();
                for c in PlanCol::ALL.into_iter().filter(|c| !c.from_pk()) {
                    next.set(c, v.get(c).trim().to_string());
                }
                if next != row.values {
                    write_values(w, row.id, &next)?;
                    changed += 1;
                }
            }
            let unit = unit_name(w, unit_id)?;
            w.audit(
                &actor,
                Some(year),
                "rencana_aksi.impor",
                &format!("{unit}: {changed} baris diubah dari Excel"),
            )?;
            Ok(changed)
        })
    }

    /// What keeps the year's Rencana Aksi from being signed, row by row: (unit, indikator,
    /// problems).
    pub fn plan_problems(&self, year: i32) -> Result<Vec<PlanProblem>> {
        plan_problems(&self.conn, year)
    }
}

pub(super) fn plan_problems(conn: &Connection, year: i32) -> Result<Vec<PlanProblem>> {
    let subs = signed_sub_kegiatan(conn, year)?;
    Ok(load_plan_rows(conn, year, None)?
        .into_iter()
        .filter_map(|r| {
            let known = |c: &str| subs.iter().any(|(u, s, _)| *u == r.unit && s == c);
            let p = validate_plan(&r.values, &known);
            (!p.is_empty()).then_some(PlanProblem {
                unit: r.unit,
                indikator: r.values.indikator,
                problems: p,
            })
        })
        .collect())
}

fn write_values(conn: &Connection, row_id: i64, v: &PlanValues) -> Result<()> {
    conn.execute(
        "UPDATE plan_rows SET arah = ?1, sifat = ?2, tw1 = ?3, tw2 = ?4, tw3 = ?5, tw4 = ?6, sub_kegiatan = ?7, aksi = ?8 WHERE id = ?9",
        params![
            v.arah,
            v.sifat,
            v.tw[0],
            v.tw[1],
            v.tw[2],
            v.tw[3],
            v.sub_kegiatan,
            v.aksi,
            row_id
        ],
    )?;
    Ok(())
}

/// The rows made from the signed RKT's draft rows: per (indikator, unit) in the draft's order.
fn plan_from_rows(
    conn: &Connection,
    year: i32,
    rows: &[crate::domain::rkt::DraftRow],
) -> Result<usize> {
    struct Made {
        unit_id: i64,
        values: PlanValues,
    }
    let mut made: Vec<Made> = Vec::new();
    for r in rows {
        let unit_id: Option<i64> = conn
            .query_row("SELECT id FROM units WHERE name = ?1", [&r.unit], |x| {
                x.get(0)
            })
            .optional()?;
        let Some(unit_id) = unit_id else { continue };
        let v = &r.values;
        let code = v.code.trim();
        match made
            .iter_mut()
            .find(|m| m.unit_id == unit_id && m.values.indikator.trim() == v.indikator.trim())
        {
            Some(m) => {
                if !m.values.codes().iter().any(|c| c == code) {
                    m.values.sub_kegiatan.push('\n');
                    m.values.sub_kegiatan.push_str(code);
                }
            }
            None => {
                let last: Option<(String, String)> = conn
                    .query_row(
                        "SELECT arah, sifat FROM plan_rows WHERE year = ?1 AND indikator = ?2 ORDER BY id LIMIT 1",
                        params![year - 1, v.indikator.trim()],
                        |x| Ok((x.get(0)?, x.get(1)?)),
                    )
                    .optional()?;
                let (arah, sifat) = last.unwrap_or_default();
                made.push(Made {
                    unit_id,
                    values: PlanValues {
                        sasaran: v.sasaran.trim().into(),
                        indikator: v.indikator.trim().into(),
                        satuan: v.satuan.trim().into(),
                        target: v.target.trim().into(),
                        arah,
                        sifat,
                        sub_kegiatan: code.into(),
                        ..Default::default()
                    },
                });
            }
        }
    }
    for (i, m) in made.iter().enumerate() {
        insert_plan_row(conn, year, m.unit_id, (i + 1) as f64, &m.values)?;
    }
    Ok(made.len())
}

/// A Rencana Aksi row of `year` and `unit_id` with every cell of `v`; returns its id.
pub(super) fn insert_plan_row(
    conn: &Connection,
    year: i32,
    unit_id: i64,
    position: f64,
    v: &PlanValues,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO plan_rows (year, unit_id, position, sasaran, indikator, satuan, target, arah, sifat, tw1, tw2, tw3, tw4, sub_kegiatan, aksi)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            year,
            unit_id,
            position,
            v.sasaran,
            v.indikator,
            v.satuan,
            v.target,
            v.arah,
            v.sifat,
            v.tw[0],
            v.tw[1],
            v.tw[2],
            v.tw[3],
            v.sub_kegiatan,
            v.aksi
        ],
    )?;
    Ok(conn.last_insert_rowid())
}
