//! `units`: the bidang and sub bagian that each fill a FORMAT RKT (seeded by migration 1),
//! added, renamed and retired by a pengelola. A unit keeps its id for life: a renamed unit
//! keeps its rows (the old name stays in the Riwayat and in every signed draft, which holds
//! names as text); a retired unit is left out of new years but keeps its past rows.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};

use super::identity::{self, Identity};
use super::{Result, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub id: i64,
    /// "bidang" or "sub_bagian".
    pub kind: String,
    pub name: String,
    /// False once retired ("tidak dipakai lagi").
    pub active: bool,
}

/// The kinds a unit may be, as stored.
pub const UNIT_KINDS: [&str; 2] = ["bidang", "sub_bagian"];

impl Unit {
    /// "Bidang" or "Sub Bagian".
    pub fn kind_label(&self) -> &'static str {
        kind_label(&self.kind)
    }
}

/// "Bidang" or "Sub Bagian" for a stored kind.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "sub_bagian" => "Sub Bagian",
        _ => "Bidang",
    }
}

/// A unit's name; a unit that does not exist is refused in words.
pub(super) fn unit_name(conn: &Connection, unit_id: i64) -> Result<String> {
    conn.query_row("SELECT name FROM units WHERE id = ?1", [unit_id], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| StoreError::Invalid("Unit itu tidak ditemukan.".into()))
}

/// A unit an official may be given: one that exists and is still in use.
pub(super) fn assignable(conn: &Connection, unit_id: i64) -> Result<String> {
    let row: Option<(String, bool)> = conn
        .query_row(
            "SELECT name, active FROM units WHERE id = ?1",
            [unit_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match row {
        None => Err(StoreError::Invalid("Unit itu tidak ditemukan.".into())),
        Some((name, false)) => Err(StoreError::Invalid(format!(
            "{name} sudah tidak dipakai lagi; pilih unit lain."
        ))),
        Some((name, true)) => Ok(name),
    }
}

/// A unit's name as typed: spaces trimmed and runs of spaces made one (so "Bidang  A" and
/// "Bidang A" are one name); empty or overlong names refused.
fn clean_name(name: &str) -> Result<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(StoreError::Invalid("Nama unit wajib diisi.".into()));
    }
    if name.chars().count() > 120 {
        return Err(StoreError::Invalid(
            "Nama unit terlalu panjang (paling banyak 120 huruf).".into(),
        ));
    }
    Ok(name)
}

/// Refuses a name another unit (in use or retired) already has, in any letter case: two units
/// of one name could not be told apart in the pickers, the Riwayat or the RKT.
fn refuse_duplicate(conn: &Connection, name: &str, except: Option<i64>) -> Result<()> {
    let other: Option<(String, bool)> = conn
        .query_row(
            "SELECT name, active FROM units WHERE lower(name) = lower(?1) AND id IS NOT ?2",
            params![name, except],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match other {
        None => Ok(()),
        Some((other, true)) => Err(StoreError::Invalid(format!(
            "Unit \"{other}\" sudah ada; nama unit tidak boleh kembar."
        ))),
        Some((other, false)) => Err(StoreError::Invalid(format!(
            "Nama \"{other}\" dipakai unit yang sudah tidak dipakai lagi (riwayatnya tetap tersimpan); pilih nama lain."
        ))),
    }
}

fn read_unit(r: &rusqlite::Row<'_>) -> rusqlite::Result<Unit> {
    Ok(Unit {
        id: r.get(0)?,
        kind: r.get(1)?,
        name: r.get(2)?,
        active: r.get(3)?,
    })
}

impl Store {
    /// The units in use, in the office's order.
    pub fn units(&self) -> Result<Vec<Unit>> {
        self.units_where("active = 1", None)
    }

    /// Every unit, those in use first, then the retired ones.
    pub fn all_units(&self) -> Result<Vec<Unit>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, kind, name, active FROM units ORDER BY active DESC, sort_order, id",
        )?;
        let rows = stmt.query_map([], read_unit)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The units of a year's FORMAT RKT: those in use, and a retired unit that has rows or a
    /// submission in that year (its past stays readable).
    pub fn units_for_year(&self, year: i32) -> Result<Vec<Unit>> {
        self.units_where(
            "active = 1
             OR EXISTS (SELECT 1 FROM rkt_rows r WHERE r.unit_id = u.id AND r.year = ?1 AND r.deleted = 0)
             OR EXISTS (SELECT 1 FROM rkt_submissions s WHERE s.unit_id = u.id AND s.year = ?1)",
            Some(year),
        )
    }

    fn units_where(&self, filter: &str, year: Option<i32>) -> Result<Vec<Unit>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, kind, name, active FROM units u WHERE {filter} ORDER BY sort_order, id"
        ))?;
        let rows = match year {
            Some(y) => stmt.query_map([y], read_unit)?,
            None => stmt.query_map([], read_unit)?,
        };
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A new bidang or sub bagian, after the others; a pengelola's work.
    pub fn add_unit(
        &mut self,
        kind: &str,
        name: &str,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<i64> {
        if !UNIT_KINDS.contains(&kind) {
            return Err(StoreError::Invalid(
                "Pilih jenis unit: Bidang atau Sub Bagian.".into(),
            ));
        }
        let name = clean_name(name)?;
        self.write(now, |w| {
            let actor = identity::pengelola(w, who)?;
            refuse_duplicate(w, &name, None)?;
            w.execute(
                "INSERT INTO units (kind, name, sort_order)
                 VALUES (?1, ?2, (SELECT coalesce(max(sort_order), 0) + 1 FROM units))",
                params![kind, name],
            )?;
            let id = w.last_insert_rowid();
            w.audit(
                &actor,
                None,
                "pengaturan.kantor",
                &format!("Unit baru: {name} ({})", kind_label(kind)),
            )?;
            Ok(id)
        })
    }

    /// Renames a unit in use: its id, rows and officials stay; the old name is kept in the
    /// Riwayat (and in every draft and signed RKT made before, which hold names as text).
    pub fn rename_unit(
        &mut self,
        unit_id: i64,
        name: &str,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<()> {
        let name = clean_name(name)?;
        self.write(now, |w| {
            let actor = identity::pengelola(w, who)?;
            let old = assignable(w, unit_id)?;
            if old == name {
                return Err(StoreError::Invalid(format!(
                    "Nama baru sama dengan nama sekarang ({old})."
                )));
            }
            refuse_duplicate(w, &name, Some(unit_id))?;
            w.execute(
                "UPDATE units SET name = ?1 WHERE id = ?2",
                params![name, unit_id],
            )?;
            w.audit(
                &actor,
                None,
                "pengaturan.kantor",
                &format!("Nama unit diubah: {old} → {name}"),
            )
        })
    }

    /// Retires a unit: new years leave it out (no FORMAT RKT to fill or collect), its past rows
    /// and archives stay. Refused while an official still belongs to it, or while it has rows
    /// in a year whose RKT is not signed yet (that work would vanish from the collection).
    pub fn retire_unit(&mut self, unit_id: i64, who: &Identity, now: NaiveDateTime) -> Result<()> {
        self.write(now, |w| {
            let actor = identity::pengelola(w, who)?;
            let name = assignable(w, unit_id).map_err(|e| match e {
                StoreError::Invalid(m) if m.contains("tidak dipakai") => {
                    StoreError::Invalid("Unit itu sudah tidak dipakai lagi.".into())
                }
                e => e,
            })?;
            let members: Vec<String> = {
                let mut stmt = w.prepare(
                    "SELECT name FROM officials WHERE unit_id = ?1 ORDER BY active DESC, name",
                )?;
                stmt.query_map([unit_id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?
            };
            if !members.is_empty() {
                return Err(StoreError::Invalid(format!(
                    "{name} masih menjadi unit pejabat: {}. Pindahkan mereka ke unit lain atau kosongkan unitnya dulu (Pengaturan → Pejabat → Ubah).",
                    members.join(", ")
                )));
            }
            let open_years: Vec<i32> = {
                let mut stmt = w.prepare(
                    "SELECT year FROM rkt_rows WHERE unit_id = ?1 AND deleted = 0
                     UNION SELECT year FROM rkt_submissions WHERE unit_id = ?1
                     EXCEPT SELECT year FROM signatures
                     ORDER BY 1",
                )?;
                stmt.query_map([unit_id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?
            };
            if !open_years.is_empty() {
                let years: Vec<String> = open_years.iter().map(i32::to_string).collect();
                return Err(StoreError::Invalid(format!(
                    "{name} masih punya FORMAT RKT tahun {} yang belum ditandatangani. Unit ini bisa tidak dipakai lagi sesudah RKT tahun itu ditandatangani, atau sesudah barisnya dihapus.",
                    years.join(", ")
                )));
            }
            let left: i64 = w.query_row(
                "SELECT count(*) FROM units WHERE active = 1 AND id <> ?1",
                [unit_id],
                |r| r.get(0),
            )?;
            if left == 0 {
                return Err(StoreError::Invalid(
                    "Harus tetap ada sedikitnya satu unit yang dipakai.".into(),
                ));
            }
            w.execute("UPDATE units SET active = 0 WHERE id = ?1", [unit_id])?;
            w.audit(
                &actor,
                None,
                "pengaturan.kantor",
                &format!("Unit tidak dipakai lagi: {name} (baris dan arsip tahun lalu tetap)"),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rkt::RowValues;
    use crate::store::test_support::{at, official, pengelola};

    #[test]
    fn seeded_with_the_organisation() {
        let store = Store::open_in_memory().unwrap();
        let units = store.units().unwrap();
        let names: Vec<_> = units.iter().map(|u| u.name.as_str()).collect();
        assert!(names.contains(&"Sub Bagian Perencanaan dan Pelaporan"));
        assert!(names.contains(&"Bidang Perlindungan Masyarakat"));
        assert_eq!(units.iter().filter(|u| u.kind == "bidang").count(), 4);
        assert_eq!(units.iter().filter(|u| u.kind == "sub_bagian").count(), 3);
        assert!(units.iter().all(|u| u.active));
    }

    /// Everything a refusal must leave as it was: the units and the audit trail.
    fn state(store: &Store) -> (Vec<Unit>, i64) {
        (store.all_units().unwrap(), store.audit_count().unwrap())
    }

    #[test]
    fn a_pengelola_adds_a_unit_and_duplicates_or_bad_input_change_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let op = pengelola(&mut store);
        let id = store
            .add_unit("bidang", "  Bidang   Pengamanan Aset ", &op, at(1, 5, 9))
            .unwrap();
        let units = store.units().unwrap();
        let added = units.last().unwrap();
        assert_eq!(
            (added.id, added.name.as_str()),
            (id, "Bidang Pengamanan Aset")
        );
        assert_eq!(added.kind_label(), "Bidang");
        let audit = store.audit_for_year(None, 1).unwrap();
        assert!(
            audit[0]
                .detail
                .contains("Unit baru: Bidang Pengamanan Aset")
        );

        let kabid = official(&mut store, Some(&op), "Kabid", &["kabid"], Some(id));
        let before = state(&store);
        for (kind, name, needle) in [
            ("bidang", "bidang pengamanan aset", "sudah ada"),
            ("sub_bagian", "Sub Bagian Keuangan", "sudah ada"),
            ("bidang", "   ", "wajib diisi"),
            ("seksi", "Seksi Baru", "Bidang atau Sub Bagian"),
            ("bidang", &"x".repeat(121), "terlalu panjang"),
        ] {
            let err = store.add_unit(kind, name, &op, at(1, 5, 9)).unwrap_err();
            assert!(err.to_string().contains(needle), "{name}: {err}");
        }
        // Nor anyone who is not a pengelola.
        let err = store
            .add_unit("bidang", "Bidang Lain", &kabid, at(1, 5, 9))
            .unwrap_err();
        assert!(err.to_string().contains("bukan pengelola"), "{err}");
        assert_eq!(state(&store), before);
    }

    #[test]
    fn a_renamed_unit_keeps_its_id_rows_and_officials_and_the_old_name_is_in_the_riwayat() {
        let mut store = Store::open_in_memory().unwrap();
        let op = pengelola(&mut store);
        let unit = store.units().unwrap()[6].clone();
        let kabid = official(&mut store, Some(&op), "Kabid", &["kabid"], Some(unit.id));
        store
            .insert_row(2026, unit.id, None, &RowValues::default(), &kabid)
            .unwrap();
        store
            .rename_unit(unit.id, "Bidang Linmas dan Damkar", &op, at(1, 5, 10))
            .unwrap();
        let renamed = store.units().unwrap()[6].clone();
        assert_eq!(renamed.id, unit.id);
        assert_eq!(renamed.name, "Bidang Linmas dan Damkar");
        assert_eq!(store.rkt_rows(2026, unit.id).unwrap().len(), 1);
        let k = store.official(kabid.official_id()).unwrap().unwrap();
        assert_eq!(k.unit_id, Some(unit.id));
        let audit = store.audit_for_year(None, 1).unwrap();
        assert_eq!(
            audit[0].detail,
            format!("Nama unit diubah: {} → Bidang Linmas dan Damkar", unit.name)
        );

        let before = state(&store);
        let other = store.units().unwrap()[0].name.clone();
        for (name, needle) in [
            (other.as_str(), "sudah ada"),
            ("Bidang Linmas dan Damkar", "sama dengan nama sekarang"),
            ("", "wajib diisi"),
        ] {
            let err = store
                .rename_unit(unit.id, name, &op, at(1, 5, 11))
                .unwrap_err();
            assert!(err.to_string().contains(needle), "{name}: {err}");
        }
        let err = store
            .rename_unit(unit.id, "Oleh Kabid", &kabid, at(1, 5, 11))
            .unwrap_err();
        assert!(err.to_string().contains("bukan pengelola"), "{err}");
        let err = store
            .rename_unit(9999, "Tidak Ada", &op, at(1, 5, 11))
            .unwrap_err();
        assert!(err.to_string().contains("tidak ditemukan"), "{err}");
        assert_eq!(state(&store), before);
    }

    #[test]
    fn retiring_waits_for_its_officials_and_open_years_and_keeps_the_past() {
        let mut store = Store::open_in_memory().unwrap();
        let op = pengelola(&mut store);
        let unit = store.units().unwrap()[5].clone();
        let kabid = official(
            &mut store,
            Some(&op),
            "Kabid Uji",
            &["kabid"],
            Some(unit.id),
        );
        store
            .insert_row(2026, unit.id, None, &RowValues::default(), &kabid)
            .unwrap();
        let before = state(&store);

        // An official still belongs to it: named, and nothing changes.
        let err = store.retire_unit(unit.id, &op, at(1, 5, 10)).unwrap_err();
        assert!(
            err.to_string()
                .contains("masih menjadi unit pejabat: Kabid Uji"),
            "{err}"
        );
        assert_eq!(state(&store), before);

        // Moved away, the unit still has rows in 2026, whose RKT is not signed.
        let mut input = crate::store::OfficialInput::from_official(
            &store.official(kabid.official_id()).unwrap().unwrap(),
        );
        input.unit_id = None;
        store
            .save_official(
                Some(kabid.official_id()),
                &input,
                &crate::domain::sop::Sop::embedded(),
                Some(&op),
                at(1, 5, 10),
            )
            .unwrap();
        let before = state(&store);
        let err = store.retire_unit(unit.id, &op, at(1, 5, 10)).unwrap_err();
        assert!(
            err.to_string()
                .contains("FORMAT RKT tahun 2026 yang belum ditandatangani"),
            "{err}"
        );
        // Nor does a Kabid retire anything.
        let err = store
            .retire_unit(unit.id, &kabid, at(1, 5, 10))
            .unwrap_err();
        assert!(err.to_string().contains("bukan pengelola"), "{err}");
        assert_eq!(state(&store), before);

        // With its rows deleted it is retired: gone from the pickers of every year it has no
        // rows in, listed last among all units.
        let row = store.rkt_rows(2026, unit.id).unwrap()[0].id;
        let sop = crate::domain::sop::Sop::embedded();
        store
            .act_for_unit(
                &sop,
                2026,
                unit.id,
                "Uji: baris salah unit",
                &op,
                at(1, 5, 11),
            )
            .unwrap();
        store.set_row_deleted(row, true, &op, at(1, 5, 11)).unwrap();
        store.retire_unit(unit.id, &op, at(1, 5, 12)).unwrap();
        assert!(!store.units().unwrap().iter().any(|u| u.id == unit.id));
        assert!(
            !store
                .units_for_year(2027)
                .unwrap()
                .iter()
                .any(|u| u.id == unit.id)
        );
        let all = store.all_units().unwrap();
        let retired = all.iter().find(|u| u.id == unit.id).unwrap();
        assert!(!retired.active);
        assert_eq!(all.last().unwrap().id, unit.id, "the retired come last");
        let audit = store.audit_for_year(None, 1).unwrap();
        assert!(
            audit[0].detail.contains("Unit tidak dipakai lagi"),
            "{}",
            audit[0].detail
        );

        // Once retired: no official may be given it, it is not renamed or retired again, and
        // its name is not taken by a new unit.
        let before = state(&store);
        let mut input = crate::store::OfficialInput::from_official(
            &store.official(kabid.official_id()).unwrap().unwrap(),
        );
        input.unit_id = Some(unit.id);
        let err = store
            .save_official(
                Some(kabid.official_id()),
                &input,
                &crate::domain::sop::Sop::embedded(),
                Some(&op),
                at(1, 5, 13),
            )
            .unwrap_err();
        assert!(
            err.to_string().contains("sudah tidak dipakai lagi"),
            "{err}"
        );
        let err = store.retire_unit(unit.id, &op, at(1, 5, 13)).unwrap_err();
        assert!(err.to_string().contains("sudah tidak dipakai"), "{err}");
        let err = store
            .rename_unit(unit.id, "Nama Baru", &op, at(1, 5, 13))
            .unwrap_err();
        assert!(err.to_string().contains("sudah tidak dipakai"), "{err}");
        let err = store
            .add_unit("bidang", &unit.name, &op, at(1, 5, 13))
            .unwrap_err();
        assert!(
            err.to_string().contains("sudah tidak dipakai lagi"),
            "{err}"
        );
        assert_eq!(state(&store), before);
    }

    #[test]
    fn a_retired_unit_keeps_its_rows_in_a_signed_year() {
        let mut store = Store::open_in_memory().unwrap();
        let op = pengelola(&mut store);
        let unit = store.units().unwrap()[3].clone();
        let kabid = official(
            &mut store,
            Some(&op),
            "Kabid Lama",
            &["kabid"],
            Some(unit.id),
        );
        store
            .insert_row(2025, unit.id, None, &RowValues::default(), &kabid)
            .unwrap();
        // 2025's RKT signed (its rows are the past from then on).
        store
            .raw_connection()
            .execute_batch(
                "INSERT INTO drafts (id, year, version, created_at, created_by) VALUES (1, 2025, 1, 't', 'x');
                 INSERT INTO signatures (year, draft_id, name, position, rank, nip, signed_at, content_sha256)
                 VALUES (2025, 1, 'x', 'x', 'x', 'x', 't', printf('%064d', 0));",
            )
            .unwrap();
        let mut input = crate::store::OfficialInput::from_official(
            &store.official(kabid.official_id()).unwrap().unwrap(),
        );
        input.unit_id = None;
        store
            .save_official(
                Some(kabid.official_id()),
                &input,
                &crate::domain::sop::Sop::embedded(),
                Some(&op),
                at(1, 5, 10),
            )
            .unwrap();
        store.retire_unit(unit.id, &op, at(1, 5, 11)).unwrap();
        assert_eq!(store.rkt_rows(2025, unit.id).unwrap().len(), 1, "kept");
        let of_2025 = store.units_for_year(2025).unwrap();
        assert!(of_2025.iter().any(|u| u.id == unit.id && !u.active));
        assert!(
            !store
                .units_for_year(2026)
                .unwrap()
                .iter()
                .any(|u| u.id == unit.id)
        );
    }

    #[test]
    fn the_last_unit_in_use_stays() {
        let mut store = Store::open_in_memory().unwrap();
        let op = pengelola(&mut store);
        let units = store.units().unwrap();
        for u in &units[1..] {
            store.retire_unit(u.id, &op, at(1, 5, 9)).unwrap();
        }
        let err = store
            .retire_unit(units[0].id, &op, at(1, 5, 9))
            .unwrap_err();
        assert!(err.to_string().contains("sedikitnya satu unit"), "{err}");
        assert_eq!(store.units().unwrap().len(), 1);
    }
}
