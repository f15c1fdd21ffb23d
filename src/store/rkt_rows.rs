//! `rkt_rows` and `rkt_submissions`: each unit's FORMAT RKT, every cell committed when it is
//! left, and the unit's submission that locks it.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};

use super::authority;
use super::identity::Identity;
use super::master::MasterData;
use super::units::unit_name;
use super::{Result, Store, StoreError, Unit, time_from_db};
use crate::domain::rkt::{Col, RowValues, parse_rupiah, validate_row};
use crate::domain::sop::{Requirement, Sop};
use crate::domain::workflow::Actor;

#[derive(Debug, Clone, PartialEq)]
pub struct RktRow {
    pub id: i64,
    pub unit_id: i64,
    pub position: f64,
    pub values: RowValues,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub submitted_by: String,
    pub submitted_at: NaiveDateTime,
}

/// How far a unit is: belum diisi / sedang diisi / dikumpulkan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitStatus {
    pub unit: Unit,
    pub rows: usize,
    pub pagu: i64,
    pub submission: Option<Submission>,
}

impl UnitStatus {
    pub fn label(&self) -> &'static str {
        match (&self.submission, self.rows) {
            (Some(_), _) => "Dikumpulkan",
            (None, 0) => "Belum diisi",
            (None, _) => "Sedang diisi",
        }
    }
}

const COLUMNS: &str = "id, unit_id, position, sasaran, indikator, satuan, target, code, pagu, sumber_dana, penanggung_jawab, keterangan";

fn row_from(r: &rusqlite::Row) -> rusqlite::Result<RktRow> {
    Ok(RktRow {
        id: r.get(0)?,
        unit_id: r.get(1)?,
        position: r.get(2)?,
        values: row_values(r, 3, r.get(8)?)?,
    })
}

/// The values of a FORMAT RKT or draft row, read from the columns sasaran, indikator, satuan,
/// target, code, pagu, sumber_dana, penanggung_jawab, keterangan starting at `first`; the pagu
/// as the row shows it (typed text, or a draft's integer written in rupiah) is given.
pub(super) fn row_values(
    r: &rusqlite::Row,
    first: usize,
    pagu: String,
) -> rusqlite::Result<RowValues> {
    Ok(RowValues {
        sasaran: r.get(first)?,
        indikator: r.get(first + 1)?,
        satuan: r.get(first + 2)?,
        target: r.get(first + 3)?,
        code: r.get(first + 4)?,
        pagu,
        sumber_dana: r.get(first + 6)?,
        penanggung_jawab: r.get(first + 7)?,
        keterangan: r.get(first + 8)?,
    })
}

pub(crate) fn load_rows(conn: &Connection, year: i32, unit_id: i64) -> Result<Vec<RktRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM rkt_rows WHERE year = ?1 AND unit_id = ?2 AND deleted = 0 ORDER BY position, id"
    ))?;
    Ok(stmt
        .query_map(params![year, unit_id], row_from)?
        .collect::<rusqlite::Result<_>>()?)
}

/// Appends `rows` at the end of a unit's format, in order; returns their ids. (An import,
/// a year started from the last one.)
pub(super) fn append_rows<'a>(
    conn: &Connection,
    year: i32,
    unit_id: i64,
    rows: impl IntoIterator<Item = &'a RowValues>,
) -> Result<Vec<i64>> {
    let start = end_position(conn, year, unit_id)?;
    let mut ids = Vec::new();
    for (i, v) in rows.into_iter().enumerate() {
        ids.push(insert_at(conn, year, unit_id, start + i as f64, v)?);
    }
    Ok(ids)
}

/// The position after every row of a unit's format (deleted ones included: an undone delete
/// comes back where it was).
fn end_position(conn: &Connection, year: i32, unit_id: i64) -> Result<f64> {
    Ok(conn.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM rkt_rows WHERE year = ?1 AND unit_id = ?2",
        params![year, unit_id],
        |r| r.get(0),
    )?)
}

fn insert_at(
    conn: &Connection,
    year: i32,
    unit_id: i64,
    position: f64,
    v: &RowValues,
) -> Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO rkt_rows (year, unit_id, position, sasaran, indikator, satuan, target, code, pagu, sumber_dana, penanggung_jawab, keterangan)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    stmt.execute(params![
        year,
        unit_id,
        position,
        v.sasaran,
        v.indikator,
        v.satuan,
        v.target,
        v.code,
        v.pagu,
        v.sumber_dana,
        v.penanggung_jawab,
        v.keterangan
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The year and unit of a row, refusing rows of a submitted (locked) format.
/// A row that may be changed now, and who changes it: its unit's format is not submitted, and
/// `who` edits that unit (`authority::unit_editor`).
fn editable_row(conn: &Connection, row_id: i64, who: &Identity) -> Result<(i32, Actor)> {
    let (year, unit_id) = open_row(conn, row_id)?;
    Ok((year, authority::unit_editor(conn, year, unit_id, who)?))
}

/// The unit's format is open for edits, and who edits it.
fn editable_unit(conn: &Connection, year: i32, unit_id: i64, who: &Identity) -> Result<Actor> {
    ensure_open(conn, year, unit_id)?;
    authority::unit_editor(conn, year, unit_id, who)
}

fn open_row(conn: &Connection, row_id: i64) -> Result<(i32, i64)> {
    let (year, unit_id): (i32, i64) = conn
        .query_row(
            "SELECT year, unit_id FROM rkt_rows WHERE id = ?1",
            [row_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| StoreError::Invalid("Baris itu tidak ditemukan.".into()))?;
    ensure_open(conn, year, unit_id)?;
    Ok((year, unit_id))
}

/// A row as the Riwayat names it: its unit, its number in the table and what it is about.
fn row_words(conn: &Connection, row_id: i64) -> Result<String> {
    let (unit, position, indikator, code): (String, f64, String, String) = conn.query_row(
        "SELECT u.name, r.position, r.indikator, r.code FROM rkt_rows r JOIN units u ON u.id = r.unit_id WHERE r.id = ?1",
        [row_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let number: i64 = conn.query_row(
        "SELECT count(*) FROM rkt_rows WHERE (year, unit_id) = (SELECT year, unit_id FROM rkt_rows WHERE id = ?1) AND deleted = 0 AND position < ?2",
        params![row_id, position],
        |r| r.get(0),
    )?;
    let about = [indikator.as_str(), code.as_str()]
        .iter()
        .filter(|s| !s.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    Ok(if about.is_empty() {
        format!("{unit}, baris {} (kosong)", number + 1)
    } else {
        format!("{unit}, baris {}: {about}", number + 1)
    })
}

fn ensure_open(conn: &Connection, year: i32, unit_id: i64) -> Result<()> {
    let by: Option<String> = conn
        .query_row(
            "SELECT submitted_by FROM rkt_submissions WHERE year = ?1 AND unit_id = ?2",
            params![year, unit_id],
            |r| r.get(0),
        )
        .optional()?;
    match by {
        Some(by) => Err(StoreError::Invalid(format!(
            "Format RKT unit ini sudah dikumpulkan oleh {by} dan terkunci; TIM dapat membukanya kembali dengan alasan."
        ))),
        None => Ok(()),
    }
}

impl Store {
    pub fn rkt_rows(&self, year: i32, unit_id: i64) -> Result<Vec<RktRow>> {
        load_rows(&self.conn, year, unit_id)
    }

    /// A new row after `after` (a position), or at the end; returns its id.
    pub fn insert_row(
        &mut self,
        year: i32,
        unit_id: i64,
        after: Option<f64>,
        values: &RowValues,
        who: &Identity,
    ) -> Result<i64> {
        // Like a typed cell (`set_cell`), without an audit row and so without a time.
        self.in_write_tx(|tx| {
            editable_unit(tx, year, unit_id, who)?;
            let position: f64 = match after {
                Some(p) => {
                    let next: Option<f64> = tx.query_row(
                        "SELECT min(position) FROM rkt_rows WHERE year = ?1 AND unit_id = ?2 AND deleted = 0 AND position > ?3",
                        params![year, unit_id, p],
                        |r| r.get(0),
                    )?;
                    next.map_or(p + 1.0, |n| (p + n) / 2.0)
                }
                None => end_position(tx, year, unit_id)?,
            };
            insert_at(tx, year, unit_id, position, values)
        })
    }

    /// An Excel import: the unit's rows replaced by `rows`, all or nothing. The rows replaced
    /// stay in the database, marked deleted. Returns how many were replaced.
    pub fn import_rows(
        &mut self,
        year: i32,
        unit_id: i64,
        rows: &[RowValues],
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<usize> {
        self.write(now, |w| {
            let actor = editable_unit(w, year, unit_id, who)?;
            let replaced = w.execute(
                "UPDATE rkt_rows SET deleted = 1 WHERE year = ?1 AND unit_id = ?2 AND deleted = 0",
                params![year, unit_id],
            )?;
            append_rows(w, year, unit_id, rows)?;
            let name = unit_name(w, unit_id)?;
            w.audit(
                &actor,
                Some(year),
                "rkt.impor",
                &format!(
                    "{name}: {} baris dari Excel (menggantikan {replaced} baris)",
                    rows.len()
                ),
            )?;
            Ok(replaced)
        })
    }

    /// Commits one cell exactly as typed.
    pub fn set_cell(&mut self, row_id: i64, col: Col, value: &str, who: &Identity) -> Result<()> {
        self.light_write(|tx| {
            editable_row(tx, row_id, who)?;
            tx.execute(
                &format!("UPDATE rkt_rows SET {} = ?1 WHERE id = ?2", col.db_name()),
                params![value, row_id],
            )?;
            Ok(())
        })
    }

    /// Deletes (or, for undo, restores) a row; the row stays in the database, marked.
    pub fn set_row_deleted(
        &mut self,
        row_id: i64,
        deleted: bool,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<()> {
        self.write(now, |w| {
            let (year, actor) = editable_row(w, row_id, who)?;
            w.execute(
                "UPDATE rkt_rows SET deleted = ?1 WHERE id = ?2",
                params![deleted, row_id],
            )?;
            w.audit(
                &actor,
                Some(year),
                if deleted {
                    "rkt.hapus_baris"
                } else {
                    "rkt.pulihkan_baris"
                },
                &row_words(w, row_id)?,
            )
        })
    }

    /// Puts a row at `position` (reordering, and undoing a reorder).
    pub fn set_row_position(&mut self, row_id: i64, position: f64, who: &Identity) -> Result<()> {
        self.in_write_tx(|tx| {
            editable_row(tx, row_id, who)?;
            tx.execute(
                "UPDATE rkt_rows SET position = ?1 WHERE id = ?2",
                params![position, row_id],
            )?;
            Ok(())
        })
    }

    pub fn submission(&self, year: i32, unit_id: i64) -> Result<Option<Submission>> {
        let offset = self.settings()?.offset();
        Ok(self
            .conn
            .query_row(
                "SELECT submitted_by, submitted_at FROM rkt_submissions WHERE year = ?1 AND unit_id = ?2",
                params![year, unit_id],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
            )
            .optional()?
            .map(|(by, at)| Submission {
                submitted_by: by,
                submitted_at: time_from_db(&at, offset),
            }))
    }

    /// Submits a unit's format (step 4 -> 5): refused while any row has a problem.
    pub fn submit_unit(
        &mut self,
        year: i32,
        unit_id: i64,
        master: &MasterData,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<()> {
        self.write(now, |w| {
            let actor = editable_unit(w, year, unit_id, who)?;
            let rows = load_rows(w, year, unit_id)?;
            if rows.is_empty() {
                return Err(StoreError::Invalid(
                    "Format RKT unit ini masih kosong; isi sedikitnya satu baris sebelum dikumpulkan."
                        .into(),
                ));
            }
            let known = |c: &str| master.is_sub_kegiatan(c);
            let bad: usize = rows
                .iter()
                .filter(|r| !validate_row(&r.values, &known).is_empty())
                .count();
            if bad > 0 {
                return Err(StoreError::Invalid(format!(
                    "Belum bisa dikumpulkan: {bad} baris masih bermasalah (sel bertanda merah). Perbaiki dulu."
                )));
            }
            w.execute(
                "INSERT INTO rkt_submissions (year, unit_id, submitted_by, submitted_at) VALUES (?1, ?2, ?3, ?4)",
                params![year, unit_id, actor.name, w.time()],
            )?;
            let unit = unit_name(w, unit_id)?;
            w.audit(
                &actor,
                Some(year),
                "rkt.kumpulkan",
                &format!("{unit}: {} baris", rows.len()),
            )
        })
    }

    /// Reopens a submitted format: the TIM's act (the lane collecting the formats); the reason
    /// is required and kept in the audit log.
    pub fn reopen_unit(
        &mut self,
        sop: &Sop,
        year: i32,
        unit_id: i64,
        reason: &str,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid(
                "Alasan membuka kembali wajib diisi.".into(),
            ));
        }
        self.write(now, |w| {
            let actor = authority::in_lane_of(w, sop, Requirement::FormatsSubmitted, who)?;
            let n = w.execute(
                "DELETE FROM rkt_submissions WHERE year = ?1 AND unit_id = ?2",
                params![year, unit_id],
            )?;
            if n == 0 {
                return Err(StoreError::Invalid(
                    "Format unit ini belum dikumpulkan.".into(),
                ));
            }
            let unit = unit_name(w, unit_id)?;
            w.audit(
                &actor,
                Some(year),
                "rkt.buka_kembali",
                &format!("{unit} — alasan: {}", reason.trim()),
            )
        })
    }

    /// Every unit with its row count, pagu and submission.
    pub fn unit_statuses(&self, year: i32) -> Result<Vec<UnitStatus>> {
        let mut out = Vec::new();
        for unit in self.units()? {
            let rows = self.rkt_rows(year, unit.id)?;
            let pagu = rows
                .iter()
                .filter_map(|r| parse_rupiah(&r.values.pagu).ok())
                .sum();
            out.push(UnitStatus {
                rows: rows.len(),
                pagu,
                submission: self.submission(year, unit.id)?,
                unit,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::{at, official, pengelola};

    fn valid() -> RowValues {
        RowValues {
            sasaran: "S".into(),
            indikator: "I".into(),
            satuan: "%".into(),
            target: "87,5".into(),
            code: "1.05.02.2.01.0001".into(),
            pagu: "1.250.000".into(),
            sumber_dana: "DAU".into(),
            penanggung_jawab: "Kabid".into(),
            keterangan: String::new(),
        }
    }

    /// A store with a budget code, its pengelola (in the TIM lane, of no unit), the `n`-th
    /// unit and an official of that unit, signed in.
    fn store_with_code(n: usize) -> (Store, Identity, i64, Identity) {
        let mut s = Store::open_in_memory().unwrap();
        let op = pengelola(&mut s);
        s.save_code("1.05.02.2.01.0001", "Penanganan", &op, at(1, 5, 9))
            .unwrap();
        let unit = s.units().unwrap()[n].id;
        let me = official(&mut s, Some(&op), "Kabid Uji", &["kabid"], Some(unit));
        (s, op, unit, me)
    }

    #[test]
    fn rows_insert_edit_reorder_delete_restore() {
        let (mut s, _, unit, me) = store_with_code(3);
        let a = s.insert_row(2026, unit, None, &valid(), &me).unwrap();
        let c = s
            .insert_row(2026, unit, None, &RowValues::default(), &me)
            .unwrap();
        let b = s
            .insert_row(2026, unit, Some(1.0), &RowValues::default(), &me)
            .unwrap();
        let ids: Vec<i64> = s
            .rkt_rows(2026, unit)
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(ids, [a, b, c]);
        s.set_cell(b, Col::Keterangan, "Catatan “apa adanya” — ✓ 数字", &me)
            .unwrap();
        assert_eq!(
            s.rkt_rows(2026, unit).unwrap()[1].values.keterangan,
            "Catatan “apa adanya” — ✓ 数字"
        );
        s.set_row_position(c, 0.5, &me).unwrap();
        assert_eq!(s.rkt_rows(2026, unit).unwrap()[0].id, c);
        s.set_row_deleted(a, true, &me, at(1, 5, 9)).unwrap();
        assert_eq!(s.rkt_rows(2026, unit).unwrap().len(), 2);
        s.set_row_deleted(a, false, &me, at(1, 5, 9)).unwrap();
        assert_eq!(s.rkt_rows(2026, unit).unwrap().len(), 3);
    }

    #[test]
    fn a_cell_commits_light_and_the_connection_stays_durable() {
        let (mut s, _, unit, me) = store_with_code(3);
        let a = s.insert_row(2026, unit, None, &valid(), &me).unwrap();
        let sync = |s: &Store| -> i64 {
            s.conn
                .query_row("PRAGMA synchronous", [], |r| r.get(0))
                .unwrap()
        };
        s.set_cell(a, Col::Target, "90", &me).unwrap();
        assert_eq!(sync(&s), 2, "back to FULL after a cell");
        assert!(s.set_cell(a + 100, Col::Target, "90", &me).is_err());
        assert_eq!(sync(&s), 2, "back to FULL after a refused cell");
        assert_eq!(s.rkt_rows(2026, unit).unwrap()[0].values.target, "90");
    }

    #[test]
    fn a_unit_s_format_is_its_own_officials_or_the_tim_s_with_a_reason() {
        let (mut s, op, unit, me) = store_with_code(3);
        let sop = Sop::embedded();
        let row = s.insert_row(2026, unit, None, &valid(), &me).unwrap();
        // An official of another unit changes nothing in this one, by any way in.
        let other_unit = s.units().unwrap()[4].id;
        let other = official(
            &mut s,
            Some(&op),
            "Kabid Lain",
            &["kabid"],
            Some(other_unit),
        );
        let m = s.master_data(2026).unwrap();
        let refused = |e: StoreError| assert!(e.to_string().contains("sendiri"), "{e}");
        refused(s.set_cell(row, Col::Target, "1", &other).unwrap_err());
        refused(
            s.insert_row(2026, unit, None, &valid(), &other)
                .unwrap_err(),
        );
        refused(
            s.set_row_deleted(row, true, &other, at(1, 5, 9))
                .unwrap_err(),
        );
        refused(s.set_row_position(row, 9.0, &other).unwrap_err());
        refused(
            s.import_rows(2026, unit, &[valid()], &other, at(1, 5, 9))
                .unwrap_err(),
        );
        refused(
            s.submit_unit(2026, unit, &m, &other, at(1, 5, 9))
                .unwrap_err(),
        );
        // The TIM neither, until it records why; then it may.
        refused(s.set_cell(row, Col::Target, "1", &op).unwrap_err());
        assert!(
            s.act_for_unit(&sop, 2026, unit, " ", &op, at(1, 5, 9))
                .is_err()
        );
        // Recording a reason is the TIM's: another unit's official may not.
        assert!(
            s.act_for_unit(&sop, 2026, unit, "ingin membantu", &other, at(1, 5, 9))
                .unwrap_err()
                .to_string()
                .contains("Hanya TIM")
        );
        s.act_for_unit(
            &sop,
            2026,
            unit,
            "berkas Excel dikirim lewat surel",
            &op,
            at(1, 5, 9),
        )
        .unwrap();
        s.set_cell(row, Col::Target, "91", &op).unwrap();
        s.submit_unit(2026, unit, &m, &op, at(1, 5, 10)).unwrap();
        assert_eq!(s.rkt_rows(2026, unit).unwrap()[0].values.target, "91");
        // The reason is in the audit log, and only for that year.
        assert!(
            s.audit_for_year(Some(2026), 10)
                .unwrap()
                .iter()
                .any(|a| a.action == "rkt.atas_nama" && a.detail.contains("surel"))
        );
        assert_eq!(s.unit_proxy(2027, unit, op.official_id()).unwrap(), None);
    }

    #[test]
    fn submission_needs_valid_rows_and_locks() {
        let (mut s, op, unit, me) = store_with_code(4);
        let sop = Sop::embedded();
        let m = s.master_data(2026).unwrap();
        assert!(
            s.submit_unit(2026, unit, &m, &me, at(1, 5, 9))
                .unwrap_err()
                .to_string()
                .contains("kosong")
        );
        let mut bad = valid();
        bad.target = "8O".into();
        let row = s.insert_row(2026, unit, None, &bad, &me).unwrap();
        let err = s.submit_unit(2026, unit, &m, &me, at(1, 5, 9)).unwrap_err();
        assert!(
            err.to_string().contains("1 baris masih bermasalah"),
            "{err}"
        );
        s.set_cell(row, Col::Target, "87,5", &me).unwrap();
        s.submit_unit(2026, unit, &m, &me, at(1, 5, 10)).unwrap();
        assert_eq!(
            s.submission(2026, unit).unwrap().unwrap().submitted_by,
            "Kabid Uji"
        );
        // Locked: no edit, no new row, no delete.
        assert!(
            s.set_cell(row, Col::Target, "90", &me)
                .unwrap_err()
                .to_string()
                .contains("terkunci")
        );
        assert!(s.insert_row(2026, unit, None, &valid(), &me).is_err());
        assert!(s.set_row_deleted(row, true, &me, at(1, 5, 10)).is_err());
        let st = s.unit_statuses(2026).unwrap();
        let mine = st.iter().find(|u| u.unit.id == unit).unwrap();
        assert_eq!(
            (mine.label(), mine.rows, mine.pagu),
            ("Dikumpulkan", 1, 1_250_000)
        );
        // Reopening is the TIM's (the unit's own Kabid may not), and needs a reason.
        assert!(
            s.reopen_unit(&sop, 2026, unit, "ubah", &me, at(1, 5, 11))
                .unwrap_err()
                .to_string()
                .contains("Hanya TIM")
        );
        assert!(
            s.reopen_unit(&sop, 2026, unit, " ", &op, at(1, 5, 11))
                .is_err()
        );
        s.reopen_unit(
            &sop,
            2026,
            unit,
            "Target belum sesuai Renstra",
            &op,
            at(1, 5, 11),
        )
        .unwrap();
        s.set_cell(row, Col::Target, "90", &me).unwrap();
    }
}
