//! `settings`: the office's data and working hours, as key/value rows with typed access.

use chrono::{FixedOffset, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, params};

use super::identity::{self, Identity};
use super::{Result, Store, StoreError};
use crate::domain::calendar::{WorkingHours, wita};
use crate::domain::indo;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeSettings {
    pub name: String,
    pub address: String,
    /// The city written before the date of a signature ("Paringin, 3 Januari 2024").
    pub city: String,
    /// The second party of the Perjanjian Kinerja: the head of the region.
    pub bupati_name: String,
    pub bupati_position: String,
    /// Digits only; usually empty (a regent is elected, not a civil servant).
    pub bupati_nip: String,
}

impl Default for OfficeSettings {
    fn default() -> Self {
        Self {
            name: "Satuan Polisi Pamong Praja Kabupaten Balangan".into(),
            address: "Paringin, Kabupaten Balangan, Kalimantan Selatan".into(),
            city: "Paringin".into(),
            bupati_name: String::new(),
            bupati_position: "Bupati Balangan".into(),
            bupati_nip: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    pub office: OfficeSettings,
    pub hours: WorkingHours,
    /// Paper of the printed RKT: "A4" (default) or "F4".
    pub paper: String,
    /// Minutes without input after which the window signs its person out.
    pub idle_minutes: u32,
}

/// The idle sign-out when none is set, and the range a pengelola may choose from.
pub const IDLE_MINUTES: u32 = 10;
pub const IDLE_RANGE: std::ops::RangeInclusive<u32> = 1..=120;

impl Settings {
    /// The office's time zone (WITA).
    pub fn offset(&self) -> FixedOffset {
        wita()
    }
}

const OFFICE_NAME: &str = "kantor.nama";
const OFFICE_ADDRESS: &str = "kantor.alamat";
const OFFICE_CITY: &str = "kantor.kota";
const BUPATI_NAME: &str = "bupati.nama";
const BUPATI_POSITION: &str = "bupati.jabatan";
const BUPATI_NIP: &str = "bupati.nip";
const WORK_START: &str = "jam_kerja.masuk";
const WORK_END: &str = "jam_kerja.pulang";
const PAPER: &str = "cetak.kertas";
const IDLE: &str = "sesi.menit_diam";
/// Who was chosen in "Bertindak sebagai" when the window last closed (a convenience of this
/// PC, not an office decision: not in the audit log).
const ACTING: &str = "jendela.bertindak_sebagai";

pub(super) fn put(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

impl Store {
    /// The official last chosen in "Bertindak sebagai", if any.
    pub fn remembered_acting(&self) -> Result<Option<i64>> {
        Ok(self.setting(ACTING)?.and_then(|v| v.parse().ok()))
    }

    pub fn remember_acting(&mut self, official: Option<i64>) -> Result<()> {
        self.in_write_tx(|tx| {
            match official {
                Some(id) => put(tx, ACTING, &id.to_string())?,
                None => {
                    tx.execute("DELETE FROM settings WHERE key = ?1", [ACTING])?;
                }
            }
            Ok(())
        })
    }

    pub(super) fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn settings(&self) -> Result<Settings> {
        let d = Settings::default();
        let hours = match (
            self.setting(WORK_START)?.and_then(|s| indo::parse_time(&s)),
            self.setting(WORK_END)?.and_then(|s| indo::parse_time(&s)),
        ) {
            (Some(s), Some(e)) => WorkingHours::new(s, e).unwrap_or(d.hours),
            _ => d.hours,
        };
        Ok(Settings {
            office: OfficeSettings {
                name: self.setting(OFFICE_NAME)?.unwrap_or(d.office.name),
                address: self.setting(OFFICE_ADDRESS)?.unwrap_or(d.office.address),
                city: self.setting(OFFICE_CITY)?.unwrap_or(d.office.city),
                bupati_name: self.setting(BUPATI_NAME)?.unwrap_or(d.office.bupati_name),
                bupati_position: self
                    .setting(BUPATI_POSITION)?
                    .unwrap_or(d.office.bupati_position),
                bupati_nip: self.setting(BUPATI_NIP)?.unwrap_or(d.office.bupati_nip),
            },
            hours,
            paper: self.setting(PAPER)?.unwrap_or_else(|| "A4".into()),
            idle_minutes: self
                .setting(IDLE)?
                .and_then(|v| v.parse().ok())
                .filter(|m| IDLE_RANGE.contains(m))
                .unwrap_or(IDLE_MINUTES),
        })
    }

    /// The paper of the printed RKT: A4 or F4 (folio), both landscape.
    pub fn save_paper(&mut self, paper: &str, who: &Identity, now: NaiveDateTime) -> Result<()> {
        if !matches!(paper, "A4" | "F4") {
            return Err(StoreError::Invalid(format!(
                "Kertas \"{paper}\" tidak dikenal; pilih A4 atau F4."
            )));
        }
        self.write(now, |w| {
            let actor = identity::pengelola(w, who)?;
            put(w, PAPER, paper)?;
            w.audit(&actor, None, "pengaturan.kertas", paper)
        })
    }

    /// Minutes without input before the window signs its person out, typed as a number.
    pub fn save_idle_minutes(
        &mut self,
        minutes: &str,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<u32> {
        let m: u32 = minutes
            .trim()
            .parse()
            .ok()
            .filter(|m| IDLE_RANGE.contains(m))
            .ok_or_else(|| {
                StoreError::Invalid(format!(
                    "Batas diam \"{}\" tidak sah; tulis jumlah menit {} sampai {}.",
                    minutes.trim(),
                    IDLE_RANGE.start(),
                    IDLE_RANGE.end()
                ))
            })?;
        self.write(now, |w| {
            let actor = identity::pengelola(w, who)?;
            put(w, IDLE, &m.to_string())?;
            w.audit(
                &actor,
                None,
                "pengaturan.menit_diam",
                &format!("keluar otomatis setelah {m} menit tanpa kegiatan"),
            )
        })?;
        Ok(m)
    }

    pub fn save_office(
        &mut self,
        office: &OfficeSettings,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<()> {
        let name = office.name.trim();
        let city = office.city.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("Nama kantor wajib diisi.".into()));
        }
        if city.is_empty() {
            return Err(StoreError::Invalid(
                "Kota untuk baris tanda tangan wajib diisi.".into(),
            ));
        }
        let bupati_nip = match office.bupati_nip.trim() {
            "" => String::new(),
            typed => crate::domain::nip::Nip::parse(typed)
                .map_err(|e| StoreError::Invalid(format!("NIP Bupati: {e}.")))?
                .digits()
                .to_string(),
        };
        self.write(now, |w| {
            let actor = identity::pengelola(w, who)?;
            put(w, OFFICE_NAME, name)?;
            put(w, OFFICE_ADDRESS, office.address.trim())?;
            put(w, OFFICE_CITY, city)?;
            put(w, BUPATI_NAME, office.bupati_name.trim())?;
            put(w, BUPATI_POSITION, office.bupati_position.trim())?;
            put(w, BUPATI_NIP, &bupati_nip)?;
            w.audit(
                &actor,
                None,
                "pengaturan.kantor",
                &format!("{name}; {}; {city}", office.address.trim()),
            )
        })
    }

    /// Saves working hours typed as "07:30"/"07.30"; refuses bad times and changes nothing.
    pub fn save_working_hours(
        &mut self,
        start: &str,
        end: &str,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<WorkingHours> {
        let s = indo::parse_time(start).ok_or_else(|| {
            StoreError::Invalid(format!(
                "Jam masuk \"{start}\" tidak dikenali; tulis seperti 07.30."
            ))
        })?;
        let e = indo::parse_time(end).ok_or_else(|| {
            StoreError::Invalid(format!(
                "Jam pulang \"{end}\" tidak dikenali; tulis seperti 16.00."
            ))
        })?;
        let hours = WorkingHours::new(s, e).map_err(|m| StoreError::Invalid(format!("{m}.")))?;
        self.write(now, |w| {
            let actor = identity::pengelola(w, who)?;
            put(w, WORK_START, &indo::time(s))?;
            put(w, WORK_END, &indo::time(e))?;
            w.audit(
                &actor,
                None,
                "pengaturan.jam_kerja",
                &format!("{}–{} WITA", indo::time(s), indo::time(e)),
            )
        })?;
        Ok(hours)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::{at, pengelola};
    use chrono::NaiveTime;

    #[test]
    fn defaults_then_saved_values() {
        let mut store = Store::open_in_memory().unwrap();
        let op = pengelola(&mut store);
        let s = store.settings().unwrap();
        assert_eq!(s.office.city, "Paringin");
        assert_eq!(s.hours, WorkingHours::default());
        store
            .save_working_hours("08.00", "15:30", &op, at(1, 5, 9))
            .unwrap();
        let h = store.settings().unwrap().hours;
        assert_eq!(h.start, NaiveTime::from_hms_opt(8, 0, 0).unwrap());
        assert_eq!(h.end, NaiveTime::from_hms_opt(15, 30, 0).unwrap());
        assert_eq!(
            store.audit_for_year(None, 5).unwrap()[0].action,
            "pengaturan.jam_kerja"
        );
    }

    #[test]
    fn bad_hours_change_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let op = pengelola(&mut store);
        let before = store.audit_count().unwrap();
        for (s, e) in [("16.00", "07.30"), ("7 pagi", "16.00"), ("07.30", "")] {
            let err = store
                .save_working_hours(s, e, &op, at(1, 5, 9))
                .unwrap_err();
            assert!(matches!(err, StoreError::Invalid(_)), "{err}");
        }
        assert_eq!(store.settings().unwrap().hours, WorkingHours::default());
        assert_eq!(store.audit_count().unwrap(), before);
    }

    #[test]
    fn office_name_is_required() {
        let mut store = Store::open_in_memory().unwrap();
        let op = pengelola(&mut store);
        let mut office = OfficeSettings {
            name: "  ".into(),
            ..Default::default()
        };
        assert!(store.save_office(&office, &op, at(1, 5, 9)).is_err());
        office.name = "Satpol PP Balangan".into();
        store.save_office(&office, &op, at(1, 5, 9)).unwrap();
        assert_eq!(store.settings().unwrap().office.name, "Satpol PP Balangan");
    }
}
