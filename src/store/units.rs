//! `units`: the bidang and sub bagian that each fill a FORMAT RKT (seeded by migration 1).

use rusqlite::{Connection, OptionalExtension};

use super::{Result, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub id: i64,
    /// "bidang" or "sub_bagian".
    pub kind: String,
    pub name: String,
}

/// A unit's name; a unit that does not exist is refused in words.
pub(super) fn unit_name(conn: &Connection, unit_id: i64) -> Result<String> {
    conn.query_row("SELECT name FROM units WHERE id = ?1", [unit_id], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| StoreError::Invalid("Unit itu tidak ditemukan.".into()))
}

impl Store {
    pub fn units(&self) -> Result<Vec<Unit>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, kind, name FROM units WHERE active = 1 ORDER BY sort_order, id")?;
        let rows = stmt.query_map([], |r| {
            Ok(Unit {
                id: r.get(0)?,
                kind: r.get(1)?,
                name: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_with_the_organisation() {
        let store = Store::open_in_memory().unwrap();
        let units = store.units().unwrap();
        let names: Vec<_> = units.iter().map(|u| u.name.as_str()).collect();
        assert!(names.contains(&"Sub Bagian Perencanaan dan Pelaporan"));
        assert!(names.contains(&"Bidang Perlindungan Masyarakat"));
        assert_eq!(units.iter().filter(|u| u.kind == "bidang").count(), 4);
        assert_eq!(units.iter().filter(|u| u.kind == "sub_bagian").count(), 3);
    }
}
