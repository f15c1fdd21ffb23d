//! `holidays`: national holidays and cuti bersama, edited by the user; they are not working days.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;

use super::identity::{self, Identity};
use super::{Result, Store, StoreError};
use crate::domain::calendar::WorkCalendar;
use crate::domain::indo;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub day: NaiveDate,
    pub name: String,
}

impl Store {
    pub fn holidays(&self) -> Result<Vec<Holiday>> {
        let mut stmt = self
            .conn
            .prepare("SELECT day, name FROM holidays ORDER BY day")?;
        let rows = stmt.query_map([], |r| {
            let day: String = r.get(0)?;
            Ok((day, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (day, name) = row?;
            if let Ok(day) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") {
                out.push(Holiday { day, name });
            }
        }
        Ok(out)
    }

    pub fn holiday_set(&self) -> Result<BTreeSet<NaiveDate>> {
        Ok(self.holidays()?.into_iter().map(|h| h.day).collect())
    }

    /// The working calendar the due dates are counted in: hours from the settings, holidays
    /// from this table.
    pub fn work_calendar(&self) -> Result<WorkCalendar> {
        let settings = self.settings()?;
        Ok(WorkCalendar {
            offset: settings.offset(),
            hours: settings.hours,
            holidays: self.holiday_set()?,
        })
    }

    /// Adds a holiday typed by the user ("2026-08-17" or "17-08-2026").
    pub fn add_holiday(
        &mut self,
        day: &str,
        name: &str,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<NaiveDate> {
        let date = indo::parse_date(day).ok_or_else(|| {
            StoreError::Invalid(format!(
                "Tanggal \"{}\" tidak dikenali; tulis seperti 17-08-2026.",
                day.trim()
            ))
        })?;
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("Nama hari libur wajib diisi.".into()));
        }
        self.write(now, |w| {
            let actor = identity::pengelola(w, who)?;
            let inserted = w.execute(
                "INSERT OR IGNORE INTO holidays (day, name) VALUES (?1, ?2)",
                params![date.format("%Y-%m-%d").to_string(), name],
            )?;
            if inserted == 0 {
                return Err(StoreError::Invalid(format!(
                    "{} sudah tercatat sebagai hari libur.",
                    indo::date(date)
                )));
            }
            w.audit(
                &actor,
                None,
                "libur.tambah",
                &format!("{} — {name}", indo::date(date)),
            )
        })?;
        Ok(date)
    }

    pub fn remove_holiday(
        &mut self,
        day: NaiveDate,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<()> {
        self.write(now, |w| {
            let actor = identity::pengelola(w, who)?;
            let removed = w.execute(
                "DELETE FROM holidays WHERE day = ?1",
                [day.format("%Y-%m-%d").to_string()],
            )?;
            if removed > 0 {
                w.audit(&actor, None, "libur.hapus", &indo::date(day))?;
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::{at, pengelola};

    #[test]
    fn add_list_remove() {
        let mut store = Store::open_in_memory().unwrap();
        let op = pengelola(&mut store);
        let d = store
            .add_holiday("17-08-2026", "Hari Kemerdekaan", &op, at(1, 5, 9))
            .unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2026, 8, 17).unwrap());
        assert!(store.holiday_set().unwrap().contains(&d));
        let dup = store
            .add_holiday("2026-08-17", "Lagi", &op, at(1, 5, 9))
            .unwrap_err();
        assert!(dup.to_string().contains("sudah tercatat"));
        store.remove_holiday(d, &op, at(1, 5, 9)).unwrap();
        assert!(store.holidays().unwrap().is_empty());
        let actions: Vec<_> = store
            .audit_for_year(None, 10)
            .unwrap()
            .into_iter()
            .map(|a| a.action)
            .collect();
        assert_eq!(actions[..2], ["libur.hapus", "libur.tambah"]);
    }

    #[test]
    fn bad_input_changes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let op = pengelola(&mut store);
        let before = store.audit_count().unwrap();
        assert!(
            store
                .add_holiday("31-02-2026", "x", &op, at(1, 5, 9))
                .is_err()
        );
        assert!(
            store
                .add_holiday("2026-08-17", " ", &op, at(1, 5, 9))
                .is_err()
        );
        assert!(store.holidays().unwrap().is_empty());
        assert_eq!(store.audit_count().unwrap(), before);
    }
}
