//! `officials` and `official_lanes`: the people who act, and the SOP lanes they act in.

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, params};

use super::identity::{self, Identity};
use super::{Result, Store, StoreError};
use crate::domain::nip::{self, Nip};
use crate::domain::sop::Sop;
use crate::domain::workflow::Actor;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Official {
    pub id: i64,
    pub name: String,
    /// 18 digits, or `None` for staff without a NIP.
    pub nip: Option<String>,
    /// Pangkat/golongan, e.g. "Pembina Utama Muda (IV/c)".
    pub rank: String,
    /// Jabatan, e.g. "Kepala Satuan Polisi Pamong Praja".
    pub position: String,
    pub active: bool,
    /// Lane ids of sop.toml.
    pub lanes: Vec<String>,
    /// The bidang or sub bagian the official belongs to (its FORMAT RKT is theirs).
    pub unit_id: Option<i64>,
    /// Manages the office's data (settings, officials, holidays, master data) and may give a
    /// one-time PIN.
    pub pengelola: bool,
    /// Makes their own first PIN at first sign-in (the office's first official, and those from
    /// before personal PINs); anyone else needs a one-time PIN from a pengelola first.
    pub makes_own_first_pin: bool,
}

impl Official {
    pub fn actor(&self) -> Actor {
        Actor {
            id: self.id,
            name: self.name.clone(),
            lanes: self.lanes.clone(),
        }
    }

    /// "19700312 199503 1 004", or "" without a NIP.
    pub fn nip_grouped(&self) -> String {
        self.nip
            .as_deref()
            .map(nip::format_grouped)
            .unwrap_or_default()
    }
}

/// An official as typed in the form; checked by `Store::save_official`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfficialInput {
    pub name: String,
    pub nip: String,
    pub rank: String,
    pub position: String,
    pub active: bool,
    pub lanes: Vec<String>,
    pub unit_id: Option<i64>,
    pub pengelola: bool,
}

impl OfficialInput {
    pub fn from_official(o: &Official) -> Self {
        Self {
            name: o.name.clone(),
            nip: o.nip_grouped(),
            rank: o.rank.clone(),
            position: o.position.clone(),
            active: o.active,
            lanes: o.lanes.clone(),
            unit_id: o.unit_id,
            pengelola: o.pengelola,
        }
    }

    /// The checked values: name, NIP digits, lanes known to the SOP.
    fn check(&self, sop: &Sop) -> Result<(String, Option<String>)> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("Nama pejabat wajib diisi.".into()));
        }
        let nip = if self.nip.trim().is_empty() {
            None
        } else {
            Some(
                Nip::parse(&self.nip)
                    .map_err(|e| StoreError::Invalid(format!("{e}.")))?
                    .digits()
                    .to_string(),
            )
        };
        for lane in &self.lanes {
            if sop.lane_index(lane).is_none() {
                return Err(StoreError::Invalid(format!(
                    "Kolom pelaksana \"{lane}\" tidak ada di SOP."
                )));
            }
        }
        Ok((name.to_string(), nip))
    }
}

impl Store {
    pub fn officials(&self) -> Result<Vec<Official>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name, nip, rank, position, active, unit_id, pengelola, first_pin_self
             FROM officials ORDER BY active DESC, name",
        )?;
        let mut out: Vec<Official> = stmt
            .query_map([], |r| {
                Ok(Official {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    nip: r.get(2)?,
                    rank: r.get(3)?,
                    position: r.get(4)?,
                    active: r.get(5)?,
                    lanes: Vec::new(),
                    unit_id: r.get(6)?,
                    pengelola: r.get(7)?,
                    makes_own_first_pin: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut lanes = self
            .conn
            .prepare("SELECT lane FROM official_lanes WHERE official_id = ?1 ORDER BY lane")?;
        for o in &mut out {
            o.lanes = lanes
                .query_map([o.id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(out)
    }

    pub fn official(&self, id: i64) -> Result<Option<Official>> {
        Ok(self.officials()?.into_iter().find(|o| o.id == id))
    }

    /// Adds (`id` None) or updates an official, with its lanes, in one transaction: a
    /// pengelola's work, except the very first official of an empty office (`who` None), who
    /// becomes its first pengelola.
    pub fn save_official(
        &mut self,
        id: Option<i64>,
        input: &OfficialInput,
        sop: &Sop,
        who: Option<&Identity>,
        now: NaiveDateTime,
    ) -> Result<i64> {
        let (name, nip) = input.check(sop)?;
        self.write(now, |w| {
            let first: bool = w.query_row("SELECT NOT EXISTS (SELECT 1 FROM officials)", [], |r| {
                r.get(0)
            })?;
            let actor = match who {
                Some(who) => identity::pengelola(w, who)?,
                None if first && id.is_none() => Actor::operator(),
                None => {
                    return Err(StoreError::Invalid(
                        "Data pejabat diubah oleh pengelola: masuk dulu lewat \"Bertindak sebagai\"."
                            .into(),
                    ));
                }
            };
            let pengelola = input.pengelola || first;
            // A unit that exists and is still in use (its FORMAT RKT becomes theirs to fill).
            let unit = match input.unit_id {
                Some(u) => Some(super::units::assignable(w, u)?),
                None => None,
            };
            if let Some(nip) = &nip {
                let other: Option<String> = w
                    .query_row(
                        "SELECT name FROM officials WHERE nip = ?1 AND id IS NOT ?2",
                        params![nip, id],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(other) = other {
                    return Err(StoreError::Invalid(format!(
                        "NIP {} sudah dipakai oleh {}",
                        nip::format_grouped(nip),
                        crate::domain::indo::sentence_end(&other)
                    )));
                }
            }
            let (official_id, action) = match id {
                None => {
                    // The office's very first official makes their own PIN at first sign-in
                    // (nobody could give them one); anyone added later gets a one-time PIN from
                    // a pengelola.
                    w.execute(
                        "INSERT INTO officials (name, nip, rank, position, active, unit_id, pengelola,
                         first_pin_self)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        params![
                            name,
                            nip,
                            input.rank.trim(),
                            input.position.trim(),
                            input.active,
                            input.unit_id,
                            pengelola,
                            first
                        ],
                    )?;
                    (w.last_insert_rowid(), "pejabat.tambah")
                }
                Some(id) => {
                    let n = w.execute(
                        "UPDATE officials SET name = ?1, nip = ?2, rank = ?3, position = ?4, active = ?5,
                         unit_id = ?6, pengelola = ?7 WHERE id = ?8",
                        params![name, nip, input.rank.trim(), input.position.trim(), input.active, input.unit_id, pengelola, id],
                    )?;
                    if n == 0 {
                        return Err(StoreError::Invalid("Pejabat itu tidak ditemukan.".into()));
                    }
                    w.execute("DELETE FROM official_lanes WHERE official_id = ?1", [id])?;
                    (id, "pejabat.ubah")
                }
            };
            // Someone must still be able to manage the office.
            let managers: i64 = w.query_row(
                "SELECT count(*) FROM officials WHERE pengelola = 1 AND active = 1",
                [],
                |r| r.get(0),
            )?;
            if managers == 0 {
                return Err(StoreError::Invalid(
                    "Harus tetap ada sedikitnya satu pengelola yang aktif.".into(),
                ));
            }
            for lane in &input.lanes {
                w.execute(
                    "INSERT OR IGNORE INTO official_lanes (official_id, lane) VALUES (?1, ?2)",
                    params![official_id, lane],
                )?;
            }
            let lane_names = sop.lane_names_of(&input.lanes);
            let nip_text = nip
                .as_deref()
                .map(|n| format!(", NIP {}", nip::format_grouped(n)))
                .unwrap_or_default();
            let lanes_text = if lane_names.is_empty() {
                String::new()
            } else {
                format!(" — {}", lane_names.join(", "))
            };
            let role_text = if pengelola { " (pengelola)" } else { "" };
            let unit_text = unit.map(|u| format!(", {u}")).unwrap_or_default();
            w.audit(
                &actor,
                None,
                action,
                &format!("{name}{nip_text}{unit_text}{lanes_text}{role_text}"),
            )?;
            Ok(official_id)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::{at, official, pengelola};

    fn input(name: &str, nip: &str, lanes: &[&str]) -> OfficialInput {
        OfficialInput {
            name: name.into(),
            nip: nip.into(),
            rank: "Pembina (IV/a)".into(),
            position: "Sekretaris".into(),
            active: true,
            lanes: lanes.iter().map(|s| s.to_string()).collect(),
            unit_id: None,
            pengelola: false,
        }
    }

    #[test]
    fn add_and_update_with_lanes() {
        let sop = Sop::embedded();
        let mut store = Store::open_in_memory().unwrap();
        let op = pengelola(&mut store);
        let before = store.audit_count().unwrap();
        let id = store
            .save_official(
                None,
                &input("Rahmat Hidayat", "19750101 200003 1 002", &["sekretaris"]),
                &sop,
                Some(&op),
                at(1, 5, 9),
            )
            .unwrap();
        let o = store.official(id).unwrap().unwrap();
        assert_eq!(o.nip.as_deref(), Some("197501012000031002"));
        assert_eq!(o.nip_grouped(), "19750101 200003 1 002");
        assert_eq!(o.lanes, ["sekretaris"]);
        let mut changed = OfficialInput::from_official(&o);
        changed.lanes = vec!["tim".into(), "kasubag_pp".into()];
        store
            .save_official(Some(id), &changed, &sop, Some(&op), at(1, 5, 9))
            .unwrap();
        let o = store.official(id).unwrap().unwrap();
        assert_eq!(o.lanes, ["kasubag_pp", "tim"]);
        assert_eq!(store.audit_count().unwrap(), before + 2);
    }

    #[test]
    fn bad_input_is_refused_and_changes_nothing() {
        let sop = Sop::embedded();
        let mut store = Store::open_in_memory().unwrap();
        let op = pengelola(&mut store);
        store
            .save_official(
                None,
                &input("A", "197501012000031002", &[]),
                &sop,
                Some(&op),
                at(1, 5, 9),
            )
            .unwrap();
        for (inp, needle) in [
            (input(" ", "", &[]), "Nama"),
            (input("B", "1975", &[]), "18 angka"),
            (input("B", "197501012000031002", &[]), "sudah dipakai"),
            (input("B", "", &["bendahara"]), "tidak ada di SOP"),
        ] {
            let err = store
                .save_official(None, &inp, &sop, Some(&op), at(1, 5, 9))
                .unwrap_err();
            assert!(err.to_string().contains(needle), "{err}");
        }
        assert_eq!(store.officials().unwrap().len(), 2);
        assert_eq!(
            store.audit_count().unwrap(),
            3,
            "the pengelola, their PIN, A (no key is made at a sign-in)"
        );
    }

    #[test]
    fn an_official_is_given_a_unit_whose_format_rkt_becomes_theirs() {
        use crate::domain::rkt::RowValues;
        let sop = Sop::embedded();
        let mut store = Store::open_in_memory().unwrap();
        let op = pengelola(&mut store);
        let units = store.units().unwrap();
        let kabid = official(&mut store, Some(&op), "Kabid Tanpa Unit", &["kabid"], None);
        // Without a unit, no unit's FORMAT RKT is theirs.
        let err = store
            .insert_row(2026, units[4].id, None, &RowValues::default(), &kabid)
            .unwrap_err();
        assert!(err.to_string().contains("sendiri"), "{err}");
        // Given the unit (by the pengelola): shown, recorded with its name, and theirs to fill.
        let mut me =
            OfficialInput::from_official(&store.official(kabid.official_id()).unwrap().unwrap());
        me.unit_id = Some(units[4].id);
        store
            .save_official(Some(kabid.official_id()), &me, &sop, Some(&op), at(1, 5, 9))
            .unwrap();
        let o = store.official(kabid.official_id()).unwrap().unwrap();
        assert_eq!(o.unit_id, Some(units[4].id));
        assert_eq!(OfficialInput::from_official(&o).unit_id, Some(units[4].id));
        let audit = store.audit_for_year(None, 1).unwrap();
        assert!(
            audit[0].detail.contains(&units[4].name),
            "{}",
            audit[0].detail
        );
        store
            .insert_row(2026, units[4].id, None, &RowValues::default(), &kabid)
            .unwrap();
        // Another unit's stays closed to them.
        assert!(
            store
                .insert_row(2026, units[5].id, None, &RowValues::default(), &kabid)
                .is_err()
        );

        // A unit that does not exist is refused, and nothing changes.
        let before = (store.officials().unwrap(), store.audit_count().unwrap());
        me.unit_id = Some(9999);
        let err = store
            .save_official(Some(kabid.official_id()), &me, &sop, Some(&op), at(1, 5, 9))
            .unwrap_err();
        assert!(err.to_string().contains("tidak ditemukan"), "{err}");
        let mut new = input("Baru", "", &["kabid"]);
        new.unit_id = Some(9999);
        assert!(
            store
                .save_official(None, &new, &sop, Some(&op), at(1, 5, 9))
                .is_err()
        );
        assert_eq!(
            (store.officials().unwrap(), store.audit_count().unwrap()),
            before
        );
    }

    #[test]
    fn officials_are_managed_by_a_pengelola_and_one_always_stays() {
        let sop = Sop::embedded();
        let mut store = Store::open_in_memory().unwrap();
        // The first official of an empty office needs nobody, and is the pengelola.
        let op = pengelola(&mut store);
        let first = store.official(op.official_id()).unwrap().unwrap();
        assert!(first.pengelola);
        // After that, nobody without a proven identity adds one, nor does a non-pengelola.
        let err = store
            .save_official(None, &input("B", "", &[]), &sop, None, at(1, 5, 9))
            .unwrap_err();
        assert!(err.to_string().contains("pengelola"), "{err}");
        let kabid = official(&mut store, Some(&op), "Kabid", &["kabid"], None);
        let err = store
            .save_official(None, &input("C", "", &[]), &sop, Some(&kabid), at(1, 5, 9))
            .unwrap_err();
        assert!(err.to_string().contains("bukan pengelola"), "{err}");
        // Nor may a Kabid make themselves pengelola.
        let mut me =
            OfficialInput::from_official(&store.official(kabid.official_id()).unwrap().unwrap());
        me.pengelola = true;
        assert!(
            store
                .save_official(
                    Some(kabid.official_id()),
                    &me,
                    &sop,
                    Some(&kabid),
                    at(1, 5, 9)
                )
                .is_err()
        );
        // The last pengelola cannot give the role up (or be made inactive).
        let mut mine = OfficialInput::from_official(&first);
        mine.pengelola = false;
        let err = store
            .save_official(Some(first.id), &mine, &sop, Some(&op), at(1, 5, 9))
            .unwrap_err();
        assert!(
            err.to_string().contains("sedikitnya satu pengelola"),
            "{err}"
        );
        // With a second one, it can; and then the first can no longer manage.
        store
            .save_official(Some(kabid.official_id()), &me, &sop, Some(&op), at(1, 5, 9))
            .unwrap();
        store
            .save_official(Some(first.id), &mine, &sop, Some(&op), at(1, 5, 9))
            .unwrap();
        assert!(
            store
                .save_official(None, &input("D", "", &[]), &sop, Some(&op), at(1, 5, 9))
                .is_err()
        );
    }
}
