//! Master data of the FORMAT RKT: the Renstra (sasaran, indikator, satuan, target per year), the
//! budget codes and the funding sources. Rows pick from these instead of free typing.

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, params};

use super::audit;
use super::identity::{self, Identity};
use super::{Result, Store, StoreError};
use crate::domain::rkt::{CodeLevel, code_level};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indikator {
    pub id: i64,
    pub text: String,
    pub satuan: String,
    /// (year, target)
    pub targets: Vec<(i32, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sasaran {
    pub id: i64,
    pub text: String,
    pub indikator: Vec<Indikator>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetCode {
    pub code: String,
    pub name: String,
    pub level: CodeLevel,
}

/// The master data in one piece, as the Format RKT page reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MasterData {
    pub renstra: Vec<Sasaran>,
    pub codes: Vec<BudgetCode>,
    pub funding: Vec<String>,
}

impl MasterData {
    pub fn code(&self, code: &str) -> Option<&BudgetCode> {
        self.codes.iter().find(|c| c.code == code.trim())
    }

    pub fn is_sub_kegiatan(&self, code: &str) -> bool {
        self.code(code)
            .is_some_and(|c| c.level == CodeLevel::SubKegiatan)
    }

    pub fn sasaran_order(&self) -> Vec<String> {
        self.renstra.iter().map(|s| s.text.clone()).collect()
    }

    pub fn indikator_of(&self, sasaran: &str) -> &[Indikator] {
        self.renstra
            .iter()
            .find(|s| s.text == sasaran)
            .map_or(&[], |s| s.indikator.as_slice())
    }
}

impl Store {
    pub fn master_data(&self) -> Result<MasterData> {
        let mut renstra = Vec::new();
        let mut ss = self
            .conn
            .prepare("SELECT id, text FROM renstra_sasaran ORDER BY sort_order, id")?;
        let sasaran: Vec<(i64, String)> = ss
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut si = self.conn.prepare(
            "SELECT id, text, satuan FROM renstra_indikator WHERE sasaran_id = ?1 ORDER BY sort_order, id",
        )?;
        let mut st = self.conn.prepare(
            "SELECT year, target FROM renstra_target WHERE indikator_id = ?1 ORDER BY year",
        )?;
        for (id, text) in sasaran {
            let mut indikator = Vec::new();
            let rows: Vec<(i64, String, String)> = si
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (iid, itext, satuan) in rows {
                let targets = st
                    .query_map([iid], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?;
                indikator.push(Indikator {
                    id: iid,
                    text: itext,
                    satuan,
                    targets,
                });
            }
            renstra.push(Sasaran {
                id,
                text,
                indikator,
            });
        }
        let mut sc = self
            .conn
            .prepare("SELECT code, name FROM budget_codes ORDER BY code")?;
        let codes = sc
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter_map(|(code, name)| {
                code_level(&code)
                    .ok()
                    .map(|level| BudgetCode { code, name, level })
            })
            .collect();
        let mut sf = self
            .conn
            .prepare("SELECT name FROM funding_sources ORDER BY sort_order, name")?;
        let funding = sf
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(MasterData {
            renstra,
            codes,
            funding,
        })
    }

    /// Adds a sasaran (or finds it), an indikator under it, and its targets per year.
    pub fn add_indikator(
        &mut self,
        sasaran: &str,
        indikator: &str,
        satuan: &str,
        targets: &[(i32, String)],
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<i64> {
        let (sasaran, indikator, satuan) = (sasaran.trim(), indikator.trim(), satuan.trim());
        if sasaran.is_empty() || indikator.is_empty() || satuan.is_empty() {
            return Err(StoreError::Invalid(
                "Sasaran, indikator dan satuan wajib diisi.".into(),
            ));
        }
        for (year, t) in targets {
            crate::domain::rkt::parse_target(t)
                .map_err(|e| StoreError::Invalid(format!("Target {year}: {e}.")))?;
        }
        let offset = self.settings()?.offset();
        let tx = self.write_tx()?;
        let actor = identity::pengelola(&tx, who)?;
        let sid: Option<i64> = tx
            .query_row(
                "SELECT id FROM renstra_sasaran WHERE text = ?1",
                [sasaran],
                |r| r.get(0),
            )
            .optional()?;
        let sid = match sid {
            Some(id) => id,
            None => {
                tx.execute(
                    "INSERT INTO renstra_sasaran (text, sort_order)
                     VALUES (?1, (SELECT coalesce(max(sort_order), 0) + 1 FROM renstra_sasaran))",
                    [sasaran],
                )?;
                tx.last_insert_rowid()
            }
        };
        tx.execute(
            "INSERT INTO renstra_indikator (sasaran_id, text, satuan, sort_order)
             VALUES (?1, ?2, ?3, (SELECT coalesce(max(sort_order), 0) + 1 FROM renstra_indikator))",
            params![sid, indikator, satuan],
        )
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::Invalid(format!(
                "Indikator \"{indikator}\" sudah ada di sasaran itu."
            )),
            _ => e.into(),
        })?;
        let iid = tx.last_insert_rowid();
        for (year, t) in targets {
            tx.execute(
                "INSERT INTO renstra_target (indikator_id, year, target) VALUES (?1, ?2, ?3)",
                params![iid, year, t.trim()],
            )?;
        }
        audit::append_by(
            &tx,
            offset,
            &actor,
            now,
            None,
            "renstra.tambah",
            &format!("{sasaran} — {indikator} ({satuan})"),
        )?;
        tx.commit()?;
        Ok(iid)
    }

    /// Adds or renames a budget code after checking its shape.
    pub fn save_code(
        &mut self,
        code: &str,
        name: &str,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<()> {
        let code = code.trim();
        code_level(code).map_err(|e| StoreError::Invalid(format!("Kode: {e}.")))?;
        if name.trim().is_empty() {
            return Err(StoreError::Invalid(
                "Nama program/kegiatan/sub kegiatan wajib diisi.".into(),
            ));
        }
        let offset = self.settings()?.offset();
        let tx = self.write_tx()?;
        let actor = identity::pengelola(&tx, who)?;
        tx.execute(
            "INSERT INTO budget_codes (code, name) VALUES (?1, ?2)
             ON CONFLICT(code) DO UPDATE SET name = excluded.name",
            params![code, name.trim()],
        )?;
        audit::append_by(
            &tx,
            offset,
            &actor,
            now,
            None,
            "kode.simpan",
            &format!("{code} {}", name.trim()),
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn add_funding_source(
        &mut self,
        name: &str,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<()> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("Nama sumber dana wajib diisi.".into()));
        }
        let offset = self.settings()?.offset();
        let tx = self.write_tx()?;
        let actor = identity::pengelola(&tx, who)?;
        let n = tx.execute(
            "INSERT OR IGNORE INTO funding_sources (name, sort_order)
             VALUES (?1, (SELECT coalesce(max(sort_order), 0) + 1 FROM funding_sources))",
            [name],
        )?;
        if n == 0 {
            return Err(StoreError::Invalid(format!(
                "Sumber dana \"{name}\" sudah ada."
            )));
        }
        audit::append_by(&tx, offset, &actor, now, None, "sumber_dana.tambah", name)?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::{at, pengelola};

    #[test]
    fn renstra_codes_and_funding() {
        let mut s = Store::open_in_memory().unwrap();
        let op = pengelola(&mut s);
        s.add_indikator(
            "Meningkatnya ketenteraman dan ketertiban umum",
            "Persentase gangguan trantibum yang diselesaikan",
            "%",
            &[(2026, "87,5".into()), (2027, "90".into())],
            &op,
            at(1, 5, 9),
        )
        .unwrap();
        let err = s
            .add_indikator("S", "I", "%", &[(2026, "8O".into())], &op, at(1, 5, 9))
            .unwrap_err();
        assert!(err.to_string().contains("bukan angka"));
        s.save_code("1.05.02.2.01.0001", "Penanganan gangguan", &op, at(1, 5, 9))
            .unwrap();
        assert!(s.save_code("1.5.2", "x", &op, at(1, 5, 9)).is_err());
        s.add_funding_source("DAU", &op, at(1, 5, 9)).unwrap();
        assert!(s.add_funding_source("DAU", &op, at(1, 5, 9)).is_err());
        let m = s.master_data().unwrap();
        assert_eq!(m.renstra.len(), 1);
        assert_eq!(m.renstra[0].indikator[0].targets[1], (2027, "90".into()));
        assert!(m.is_sub_kegiatan("1.05.02.2.01.0001"));
        assert_eq!(m.funding, ["DAU"]);
    }
}
