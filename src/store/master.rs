//! Master data of the FORMAT RKT: the Renstra (sasaran, indikator, satuan, target per year), the
//! budget codes and the funding sources. Rows pick from these instead of free typing.

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, params};

use super::identity::{self, Identity};
use super::{Result, Store, StoreError};
use crate::domain::rkt::{CodeLevel, code_level};
use crate::xlsx::master::RenstraRow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indikator {
    pub id: i64,
    pub text: String,
    pub satuan: String,
    /// (year, target)
    pub targets: Vec<(i32, String)>,
}

impl Indikator {
    /// The Renstra's target for `year` (the stores never keep an empty one).
    pub fn target(&self, year: i32) -> Option<&str> {
        self.targets
            .iter()
            .find(|(y, _)| *y == year)
            .map(|(_, t)| t.as_str())
    }
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

/// A Renstra period (e.g. 2021–2026): the years its targets are set for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenstraPeriod {
    pub id: i64,
    pub first_year: i32,
    pub last_year: i32,
}

impl RenstraPeriod {
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.first_year..=self.last_year
    }

    pub fn label(&self) -> String {
        format!("{}–{}", self.first_year, self.last_year)
    }
}

/// The master data of one year, as its Format RKT reads it: the Renstra of the period that
/// covers the year (none when no period does), the codes, the funding sources.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MasterData {
    pub period: Option<RenstraPeriod>,
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

    /// The code list as (code, name) pairs, in code order.
    pub fn code_list(&self) -> Vec<(String, String)> {
        self.codes
            .iter()
            .map(|c| (c.code.clone(), c.name.clone()))
            .collect()
    }

    /// The Renstra as rows of its workbook: one per indikator, under its sasaran.
    pub fn renstra_rows(&self) -> Vec<RenstraRow> {
        self.renstra
            .iter()
            .flat_map(|s| {
                s.indikator.iter().map(|i| RenstraRow {
                    sasaran: s.text.clone(),
                    indikator: i.text.clone(),
                    satuan: i.satuan.clone(),
                    targets: i.targets.clone(),
                })
            })
            .collect()
    }

    /// The lists a FORMAT RKT of this year picks from, for a file's values to be matched.
    pub fn pick_lists(&self) -> crate::domain::pick::Lists {
        crate::domain::pick::Lists {
            renstra: self
                .renstra
                .iter()
                .map(|s| {
                    let ind = s.indikator.iter();
                    (
                        s.text.clone(),
                        ind.map(|i| (i.text.clone(), i.satuan.clone())).collect(),
                    )
                })
                .collect(),
            renstra_name: self
                .period
                .map(|p| format!("Renstra {}", p.label()))
                .unwrap_or_default(),
            funding: self.funding.clone(),
        }
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

    /// An indikator of this period, by its sasaran and its text.
    pub fn indikator(&self, sasaran: &str, indikator: &str) -> Option<&Indikator> {
        self.indikator_of(sasaran.trim())
            .iter()
            .find(|i| i.text == indikator.trim())
    }
}

const PERIOD_COLUMNS: &str = "id, first_year, last_year";

fn period_row(r: &rusqlite::Row) -> rusqlite::Result<RenstraPeriod> {
    Ok(RenstraPeriod {
        id: r.get(0)?,
        first_year: r.get(1)?,
        last_year: r.get(2)?,
    })
}

/// The period that covers `year`.
pub(super) fn period_of(conn: &rusqlite::Connection, year: i32) -> Result<Option<RenstraPeriod>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {PERIOD_COLUMNS} FROM renstra_periods WHERE ?1 BETWEEN first_year AND last_year"
            ),
            [year],
            period_row,
        )
        .optional()?)
}

/// The sasaran and indikator a period lists, in its order, with their targets of its years.
pub(super) fn renstra_of(conn: &rusqlite::Connection, p: &RenstraPeriod) -> Result<Vec<Sasaran>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.text, i.id, i.text, i.satuan
         FROM renstra_period_indikator pi
         JOIN renstra_indikator i ON i.id = pi.indikator_id
         JOIN renstra_sasaran s ON s.id = i.sasaran_id
         WHERE pi.period_id = ?1 ORDER BY pi.sort_order, i.id",
    )?;
    let listed: Vec<(i64, String, i64, String, String)> = stmt
        .query_map([p.id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut targets = conn.prepare_cached(
        "SELECT year, target FROM renstra_target
         WHERE indikator_id = ?1 AND year BETWEEN ?2 AND ?3 ORDER BY year",
    )?;
    let mut renstra: Vec<Sasaran> = Vec::new();
    for (sid, stext, iid, itext, satuan) in listed {
        let indikator = Indikator {
            id: iid,
            text: itext,
            satuan,
            targets: targets
                .query_map(params![iid, p.first_year, p.last_year], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<rusqlite::Result<_>>()?,
        };
        match renstra.iter_mut().find(|s| s.id == sid) {
            Some(s) => s.indikator.push(indikator),
            None => renstra.push(Sasaran {
                id: sid,
                text: stext,
                indikator: vec![indikator],
            }),
        }
    }
    Ok(renstra)
}

/// The master data the Format RKT of `year` picks from (also read inside a transaction).
pub(super) fn load_master(conn: &rusqlite::Connection, year: i32) -> Result<MasterData> {
    let period = period_of(conn, year)?;
    let renstra = match &period {
        Some(p) => renstra_of(conn, p)?,
        None => Vec::new(),
    };
    let mut sc = conn.prepare_cached("SELECT code, name FROM budget_codes ORDER BY code")?;
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
    let mut sf =
        conn.prepare_cached("SELECT name FROM funding_sources ORDER BY sort_order, name")?;
    let funding = sf
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(MasterData {
        period,
        renstra,
        codes,
        funding,
    })
}

impl Store {
    /// The master data the Format RKT of `year` picks from.
    pub fn master_data(&self, year: i32) -> Result<MasterData> {
        load_master(&self.conn, year)
    }

    pub fn renstra_periods(&self) -> Result<Vec<RenstraPeriod>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {PERIOD_COLUMNS} FROM renstra_periods ORDER BY first_year"
        ))?;
        Ok(stmt
            .query_map([], period_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// A new Renstra period (a pengelola's act): at most ten years, overlapping none.
    pub fn add_renstra_period(
        &mut self,
        first_year: i32,
        last_year: i32,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<RenstraPeriod> {
        self.write(now, |w| {
            let actor = identity::pengelola(w, who)?;
            let p = insert_period(w, first_year, last_year)?;
            w.audit(
                &actor,
                None,
                "renstra.periode",
                &format!("Periode Renstra {}", p.label()),
            )?;
            Ok(p)
        })
    }

    /// Adds a sasaran (or finds it), an indikator under it, and its targets per year; the
    /// indikator joins the period of those years.
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
        if targets.is_empty() {
            return Err(StoreError::Invalid(
                "Isi target indikator untuk minimal satu tahun.".into(),
            ));
        }
        for (year, t) in targets {
            crate::domain::rkt::parse_target(t)
                .map_err(|e| StoreError::Invalid(format!("Target {year}: {e}.")))?;
        }
        self.write(now, |w| {
            let actor = identity::pengelola(w, who)?;
            let mut periods = Vec::new();
            for (year, _) in targets {
                let p = period_of(w, *year)?.ok_or_else(|| no_period(*year))?;
                if !periods.contains(&p) {
                    periods.push(p);
                }
            }
            let sid = sasaran_id(w, sasaran)?;
            let (iid, _) = indikator_id(w, sid, indikator, satuan)?;
            for p in &periods {
                let joined = w.execute(
                    "INSERT OR IGNORE INTO renstra_period_indikator (period_id, indikator_id, sort_order)
                 VALUES (?1, ?2, (SELECT coalesce(max(sort_order), 0) + 1
                                  FROM renstra_period_indikator WHERE period_id = ?1))",
                    params![p.id, iid],
                )?;
                if joined == 0 {
                    return Err(StoreError::Invalid(format!(
                        "Indikator \"{indikator}\" sudah ada di sasaran itu (Renstra {}).",
                        p.label()
                    )));
                }
            }
            for (year, t) in targets {
                w.execute(
                    "INSERT INTO renstra_target (indikator_id, year, target) VALUES (?1, ?2, ?3)
                 ON CONFLICT(indikator_id, year) DO UPDATE SET target = excluded.target",
                    params![iid, year, t.trim()],
                )?;
            }
            w.audit(
                &actor,
                None,
                "renstra.tambah",
                &format!("{sasaran} — {indikator} ({satuan})"),
            )?;
            Ok(iid)
        })
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
        let name = name.trim();
        self.write(now, |w| {
            let actor = identity::pengelola(w, who)?;
            let before: Option<String> = w
                .query_row(
                    "SELECT name FROM budget_codes WHERE code = ?1",
                    [code],
                    |r| r.get(0),
                )
                .optional()?;
            w.execute(
                "INSERT INTO budget_codes (code, name) VALUES (?1, ?2)
             ON CONFLICT(code) DO UPDATE SET name = excluded.name",
                params![code, name],
            )?;
            // Which code, and what it was: a rename reads old → new.
            let detail = match before {
                None => format!("{code} {name} (baru)"),
                Some(old) if old == name => format!("{code} {name} (tidak berubah)"),
                Some(old) => format!("{code}: «{old}» → «{name}»"),
            };
            w.audit(&actor, None, "kode.simpan", &detail)
        })
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
        self.write(now, |w| {
            let actor = identity::pengelola(w, who)?;
            let n = w.execute(
                "INSERT OR IGNORE INTO funding_sources (name, sort_order)
             VALUES (?1, (SELECT coalesce(max(sort_order), 0) + 1 FROM funding_sources))",
                [name],
            )?;
            if n == 0 {
                return Err(StoreError::Invalid(format!(
                    "Sumber dana \"{name}\" sudah ada."
                )));
            }
            w.audit(&actor, None, "sumber_dana.tambah", name)
        })
    }
}

fn no_period(year: i32) -> StoreError {
    StoreError::Invalid(format!(
        "Tahun {year} belum masuk periode Renstra mana pun. Tambahkan periodenya dulu (Pengaturan → Data Induk → Periode Renstra)."
    ))
}

/// A period stored after its checks: at most ten years, overlapping no other.
pub(super) fn insert_period(
    conn: &rusqlite::Connection,
    first_year: i32,
    last_year: i32,
) -> Result<RenstraPeriod> {
    crate::domain::check_period(first_year, last_year).map_err(StoreError::Invalid)?;
    let overlap: Option<RenstraPeriod> = conn
        .query_row(
            &format!(
                "SELECT {PERIOD_COLUMNS} FROM renstra_periods
                 WHERE first_year <= ?2 AND last_year >= ?1"
            ),
            params![first_year, last_year],
            period_row,
        )
        .optional()?;
    if let Some(o) = overlap {
        return Err(StoreError::Invalid(format!(
            "Periode {first_year}–{last_year} bertumpang tindih dengan periode Renstra {} yang sudah ada.",
            o.label()
        )));
    }
    conn.execute(
        "INSERT INTO renstra_periods (first_year, last_year) VALUES (?1, ?2)",
        params![first_year, last_year],
    )?;
    Ok(RenstraPeriod {
        id: conn.last_insert_rowid(),
        first_year,
        last_year,
    })
}

/// The sasaran with this text, added at the end when new.
pub(super) fn sasaran_id(conn: &rusqlite::Connection, text: &str) -> Result<i64> {
    let found: Option<i64> = conn
        .query_row(
            "SELECT id FROM renstra_sasaran WHERE text = ?1",
            [text],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match found {
        Some(id) => id,
        None => {
            conn.execute(
                "INSERT INTO renstra_sasaran (text, sort_order)
                 VALUES (?1, (SELECT coalesce(max(sort_order), 0) + 1 FROM renstra_sasaran))",
                [text],
            )?;
            conn.last_insert_rowid()
        }
    })
}

/// The indikator with this text under the sasaran, added at the end (with `satuan`) when new;
/// whether it was new.
pub(super) fn indikator_id(
    conn: &rusqlite::Connection,
    sasaran_id: i64,
    text: &str,
    satuan: &str,
) -> Result<(i64, bool)> {
    let found: Option<i64> = conn
        .query_row(
            "SELECT id FROM renstra_indikator WHERE sasaran_id = ?1 AND text = ?2",
            params![sasaran_id, text],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = found {
        return Ok((id, false));
    }
    conn.execute(
        "INSERT INTO renstra_indikator (sasaran_id, text, satuan, sort_order)
         VALUES (?1, ?2, ?3, (SELECT coalesce(max(sort_order), 0) + 1 FROM renstra_indikator))",
        params![sasaran_id, text, satuan],
    )?;
    Ok((conn.last_insert_rowid(), true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::{at, pengelola};

    #[test]
    fn renstra_codes_and_funding() {
        let mut s = Store::open_in_memory().unwrap();
        let op = pengelola(&mut s);
        let err = s
            .add_indikator("S", "I", "%", &[(2026, "80".into())], &op, at(1, 5, 9))
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("Tahun 2026 belum masuk periode Renstra mana pun"),
            "{err}"
        );
        s.add_renstra_period(2025, 2029, &op, at(1, 5, 9)).unwrap();
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
        let m = s.master_data(2026).unwrap();
        assert_eq!(m.renstra.len(), 1);
        assert_eq!(m.renstra[0].indikator[0].targets[1], (2027, "90".into()));
        assert!(m.is_sub_kegiatan("1.05.02.2.01.0001"));
        assert_eq!(m.funding, ["DAU"]);
    }

    /// A year reads the Renstra of its period only; the same indikator goes on into the next
    /// period with targets of its own; periods neither overlap nor run past ten years.
    #[test]
    fn each_year_reads_the_renstra_of_its_period() {
        let mut s = Store::open_in_memory().unwrap();
        let op = pengelola(&mut s);
        s.add_renstra_period(2021, 2026, &op, at(1, 5, 9)).unwrap();
        for (first, last, why) in [
            (
                2026,
                2030,
                "bertumpang tindih dengan periode Renstra 2021–2026",
            ),
            (2027, 2037, "terlalu panjang"),
            (
                2031,
                2027,
                "tahun akhir harus sama dengan atau sesudah tahun awal",
            ),
        ] {
            let err = s
                .add_renstra_period(first, last, &op, at(1, 5, 9))
                .unwrap_err();
            assert!(err.to_string().contains(why), "{err}");
        }
        s.add_renstra_period(2027, 2031, &op, at(1, 5, 9)).unwrap();
        let (sasaran, old, kept) = ("Trantibum", "Indikator lama", "Indikator tetap");
        s.add_indikator(sasaran, old, "%", &[(2025, "70".into())], &op, at(1, 5, 9))
            .unwrap();
        s.add_indikator(sasaran, kept, "%", &[(2026, "80".into())], &op, at(1, 5, 9))
            .unwrap();
        s.add_indikator(sasaran, kept, "%", &[(2027, "85".into())], &op, at(1, 5, 9))
            .unwrap();
        let err = s
            .add_indikator(sasaran, kept, "%", &[(2028, "86".into())], &op, at(1, 5, 9))
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("sudah ada di sasaran itu (Renstra 2027–2031)")
        );

        let m2026 = s.master_data(2026).unwrap();
        assert_eq!(m2026.period.unwrap().label(), "2021–2026");
        let texts = |m: &MasterData| -> Vec<String> {
            m.indikator_of(sasaran)
                .iter()
                .map(|i| i.text.clone())
                .collect()
        };
        assert_eq!(texts(&m2026), [old, kept]);
        assert_eq!(
            m2026.indikator(sasaran, kept).unwrap().targets,
            [(2026, "80".into())]
        );
        let m2027 = s.master_data(2027).unwrap();
        assert_eq!(texts(&m2027), [kept]);
        assert_eq!(
            m2027.indikator(sasaran, kept).unwrap().targets,
            [(2027, "85".into())]
        );
        let m2040 = s.master_data(2040).unwrap();
        assert!(m2040.period.is_none() && m2040.renstra.is_empty());
    }

    /// A database from before periods (schema 7): its indikator form one period over their
    /// target years, and its drafts keep the code names of the time.
    #[test]
    fn a_renstra_from_before_periods_becomes_one_period() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lama.db");
        {
            let c = crate::store::test_support::database_at(&path, 7);
            c.execute_batch(
                "INSERT INTO renstra_sasaran VALUES (1, 'S', 1);
                 INSERT INTO renstra_indikator VALUES (1, 1, 'I', '%', 1);
                 INSERT INTO renstra_target VALUES (1, 2022, '70'), (1, 2026, '80');
                 INSERT INTO budget_codes VALUES ('1.05.02', 'Program P'), ('1.05.02.2.01', 'Kegiatan K'),
                        ('1.05.02.2.01.0001', 'Sub S');
                 INSERT INTO drafts (id, year, version, created_at, created_by) VALUES (1, 2026, 1, '2026-01-02 09:00:00', 'x');
                 INSERT INTO draft_rows VALUES (1, 0, 'r1', 'U', 'S', 'I', '%', '80', '1.05.02.2.01.0001', 5, 'DAU', 'x', '');",
            )
            .unwrap();
        }
        let s = Store::open(&path).unwrap();
        let m = s.master_data(2024).unwrap();
        assert_eq!(m.period.unwrap().label(), "2022–2026");
        assert_eq!(m.indikator("S", "I").unwrap().targets.len(), 2);
        let names = s.draft_code_names(1).unwrap();
        assert_eq!(names.len(), 3);
        assert_eq!(names["1.05.02.2.01"], "Kegiatan K");
    }
}
