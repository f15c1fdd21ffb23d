//! Who acts: each official's personal PIN (argon2id hash only), signing in with it, changing it
//! with the old one, a pengelola's one-time reset, and the lanes, unit and role the store reads
//! for itself whenever someone acts. Nothing here believes what a caller says about a person.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};

use super::sealed_keys::retire_keys_in;
use super::{Result, Store, StoreError, time_from_db, time_to_db};
use crate::domain::indo;
use crate::domain::pin;
use crate::domain::workflow::Actor;

/// Proof that an official typed their own PIN in this run of the program. Only
/// `Store::sign_in` makes one, so no caller can name someone else; the store still reads the
/// person's lanes, unit and role from the database each time it is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    official_id: i64,
    name: String,
}

impl Identity {
    /// Only for officials the store has just created itself with a PIN it knows (the demo
    /// data): vouched for by that creation, not by a caller.
    pub(super) fn vouched(official_id: i64, name: &str) -> Identity {
        Identity {
            official_id,
            name: name.into(),
        }
    }

    pub fn official_id(&self) -> i64 {
        self.official_id
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

/// The answer to a sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignIn {
    /// The PIN was right. `notice` is said once (a first PIN made, a reset PIN replaced).
    In {
        identity: Identity,
        notice: Option<String>,
    },
    /// A new PIN must be chosen first (none yet, or a one-time PIN from a pengelola): sign in
    /// again with `new_pin`. The text says why.
    NewPinNeeded(String),
}

/// Where an official's PIN stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinState {
    /// Never set (an official from before personal PINs, or just added).
    None,
    Set,
    /// A one-time PIN from a pengelola, to be changed at first use.
    MustChange,
}

/// The acting person as the database has them now.
pub(super) struct Acting {
    pub actor: Actor,
    pub unit_id: Option<i64>,
    pub pengelola: bool,
}

struct PinRow {
    hash: String,
    failures: u32,
    last_failure: Option<String>,
    must_change: bool,
    reset_by: Option<String>,
    reset_at: Option<String>,
}

fn pin_row(conn: &Connection, official_id: i64) -> Result<Option<PinRow>> {
    Ok(conn
        .query_row(
            "SELECT hash, failures, last_failure, must_change, reset_by, reset_at
             FROM signing_pins WHERE official_id = ?1",
            [official_id],
            |r| {
                Ok(PinRow {
                    hash: r.get(0)?,
                    failures: r.get(1)?,
                    last_failure: r.get(2)?,
                    must_change: r.get(3)?,
                    reset_by: r.get(4)?,
                    reset_at: r.get(5)?,
                })
            },
        )
        .optional()?)
}

/// The person behind `who`, read now: refused when no longer active (or the database was
/// replaced under a signed-in window and the id names someone else).
pub(super) fn acting(conn: &Connection, who: &Identity) -> Result<Acting> {
    let row: Option<(String, bool, Option<i64>, bool)> = conn
        .query_row(
            "SELECT name, active, unit_id, pengelola FROM officials WHERE id = ?1",
            [who.official_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((name, active, unit_id, pengelola)) = row.filter(|r| r.0 == who.name) else {
        return Err(StoreError::Invalid(format!(
            "{} tidak ada lagi di daftar pejabat; masuk lagi dengan nama dan PIN.",
            who.name
        )));
    };
    if !active {
        return Err(StoreError::Invalid(format!(
            "{name} tidak aktif lagi; perubahan ditolak."
        )));
    }
    let mut stmt = conn
        .prepare_cached("SELECT lane FROM official_lanes WHERE official_id = ?1 ORDER BY lane")?;
    let lanes = stmt
        .query_map([who.official_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Acting {
        actor: Actor {
            id: who.official_id,
            name,
            lanes,
        },
        unit_id,
        pengelola,
    })
}

/// Office settings, officials, holidays and master data: a pengelola's work.
pub(super) fn pengelola(conn: &Connection, who: &Identity) -> Result<Actor> {
    let a = acting(conn, who)?;
    if !a.pengelola {
        return Err(StoreError::Invalid(format!(
            "Hanya pengelola yang boleh mengubah data kantor, pejabat, hari libur dan data induk; {} bukan pengelola.",
            a.actor.name
        )));
    }
    Ok(a.actor)
}

impl Store {
    /// Refuses unless `who` is an active pengelola now: for what replaces the whole database
    /// (a restore), checked before it is replaced.
    pub fn require_pengelola(&self, who: &Identity) -> Result<()> {
        pengelola(&self.conn, who).map(|_| ())
    }

    pub fn pin_state(&self, official_id: i64) -> Result<PinState> {
        Ok(match pin_row(&self.conn, official_id)? {
            None => PinState::None,
            Some(r) if r.must_change => PinState::MustChange,
            Some(_) => PinState::Set,
        })
    }

    /// Signs an active official in with their PIN. Without a PIN yet, `new_pin` becomes it (the
    /// first use after this version, or after being added); with a one-time PIN, the right one
    /// must come with `new_pin`, which replaces it.
    /// No key is made or certified at a sign-in: that is done on purpose, with a passphrase
    /// (`signer_keys`, `key_requests`).
    pub fn sign_in(
        &mut self,
        official_id: i64,
        pin_text: &str,
        new_pin: Option<&str>,
        now: NaiveDateTime,
    ) -> Result<SignIn> {
        let offset = self.settings()?.offset();
        let official = self
            .official(official_id)?
            .filter(|o| o.active)
            .ok_or_else(|| StoreError::Invalid("Pejabat itu tidak ada atau tidak aktif.".into()))?;
        let identity = Identity {
            official_id,
            name: official.name.clone(),
        };
        let new_pin = new_pin.filter(|p| !p.is_empty());
        let Some(row) = pin_row(&self.conn, official_id)? else {
            let first_pin_self: bool = self.conn.query_row(
                "SELECT first_pin_self FROM officials WHERE id = ?1",
                [official_id],
                |r| r.get(0),
            )?;
            if !first_pin_self {
                return Err(StoreError::Invalid(format!(
                    "{} belum diberi PIN sementara. Minta pengelola mengaturnya di Pengaturan → \"Atur ulang PIN pejabat lain\"; PIN itu lalu Anda ganti saat masuk.",
                    official.name
                )));
            }
            let Some(new_pin) = new_pin else {
                return Ok(SignIn::NewPinNeeded(format!(
                    "{} belum punya PIN pribadi. Buat PIN 6 angka sekarang; PIN ini dipakai setiap kali bertindak (dan oleh Kepala untuk menandatangani).",
                    official.name
                )));
            };
            pin::check_new(new_pin).map_err(StoreError::Invalid)?;
            let hash = pin::hash(new_pin);
            self.write(now, |w| {
                w.execute(
                    "INSERT INTO signing_pins (official_id, hash, failures, last_failure, set_at)
                 VALUES (?1, ?2, 0, NULL, ?3)",
                    params![official_id, hash, w.time()],
                )?;
                w.audit(
                    &acting(w, &identity)?.actor,
                    None,
                    "pin.pertama",
                    &format!("{} membuat PIN pribadinya", official.name),
                )
            })?;
            return Ok(SignIn::In {
                identity,
                notice: Some("PIN pribadi Anda tersimpan. Ingat baik-baik; jangan diberitahukan kepada siapa pun.".into()),
            });
        };
        self.check_pin(official_id, pin_text, now)?;
        if !row.must_change {
            return Ok(SignIn::In {
                identity,
                notice: None,
            });
        }
        let by = row.reset_by.unwrap_or_else(|| "pengelola".into());
        let at = row
            .reset_at
            .map(|t| indo::datetime(time_from_db(&t, offset)))
            .unwrap_or_default();
        // Someone who never had a PIN of their own (just added) was given a first one, not
        // had theirs reset: they are told so.
        let had_own: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM audit_log WHERE actor_id = ?1
             AND action IN ('pin.pertama', 'pin.ganti'))",
            [official_id],
            |r| r.get(0),
        )?;
        let Some(new_pin) = new_pin else {
            return Ok(SignIn::NewPinNeeded(if had_own {
                format!(
                    "PIN Anda diatur ulang oleh {by} pada {at}. Buat PIN baru 6 angka untuk menggantikan PIN sementara itu."
                )
            } else {
                format!(
                    "Selamat datang. {by} memberi Anda PIN sementara pada {at}. Buat sekarang PIN pribadi Anda (6 angka, bukan angka sama semua atau berurutan) untuk menggantikannya; PIN ini dipakai setiap kali Anda bertindak."
                )
            }));
        };
        self.replace_pin(&identity, new_pin, pin_text, now, "pin.ganti")?;
        Ok(SignIn::In {
            identity,
            notice: Some(if had_own {
                format!("PIN Anda diatur ulang oleh {by} pada {at}; PIN baru Anda tersimpan.")
            } else {
                "PIN pribadi Anda tersimpan. Ingat baik-baik; jangan diberitahukan kepada siapa pun."
                    .into()
            }),
        })
    }

    /// The signed-in person replaces their own PIN; the old one must be right (a wrong one
    /// counts toward the lock).
    pub fn change_pin(
        &mut self,
        who: &Identity,
        old: &str,
        new_pin: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        pin::check_new(new_pin).map_err(StoreError::Invalid)?;
        acting(&self.conn, who)?;
        if pin_row(&self.conn, who.official_id)?.is_none() {
            return Err(StoreError::Invalid("Belum ada PIN untuk diganti.".into()));
        }
        self.check_pin(who.official_id, old, now)?;
        self.replace_pin(who, new_pin, old, now, "pin.ganti")
    }

    fn replace_pin(
        &mut self,
        who: &Identity,
        new_pin: &str,
        old: &str,
        now: NaiveDateTime,
        action: &str,
    ) -> Result<()> {
        pin::check_new(new_pin).map_err(StoreError::Invalid)?;
        if new_pin == old {
            return Err(StoreError::Invalid(
                "PIN baru harus berbeda dari PIN lama.".into(),
            ));
        }
        let hash = pin::hash(new_pin);
        self.write(now, |w| {
            let actor = acting(w, who)?.actor;
            w.execute(
                "UPDATE signing_pins SET hash = ?2, failures = 0, last_failure = NULL, set_at = ?3,
                 must_change = 0, reset_by = NULL, reset_at = NULL
             WHERE official_id = ?1",
                params![who.official_id, hash, w.time()],
            )?;
            w.audit(
                &actor,
                None,
                action,
                &format!("{} mengganti PIN pribadinya", actor.name),
            )
        })
    }

    /// A pengelola gives `official_id` a one-time PIN, to be changed at first use. The count of
    /// wrong tries stays: a reset never lifts a lock.
    pub fn reset_pin(
        &mut self,
        who: &Identity,
        official_id: i64,
        one_time: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        pin::check_new(one_time).map_err(StoreError::Invalid)?;
        if official_id == who.official_id {
            return Err(StoreError::Invalid(
                "PIN Anda sendiri diganti dengan PIN lama (Ganti PIN saya), bukan diatur ulang."
                    .into(),
            ));
        }
        let hash = pin::hash(one_time);
        self.write(now, |w| {
            let actor = pengelola(w, who)?;
            let name: String = w
                .query_row(
                    "SELECT name FROM officials WHERE id = ?1",
                    [official_id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| StoreError::Invalid("Pejabat tidak ditemukan.".into()))?;
            w.execute(
                "INSERT INTO signing_pins (official_id, hash, failures, last_failure, set_at,
                 must_change, reset_by, reset_at)
             VALUES (?1, ?2, 0, NULL, ?3, 1, ?4, ?3)
             ON CONFLICT (official_id) DO UPDATE SET hash = ?2, set_at = ?3, must_change = 1,
                 reset_by = ?4, reset_at = ?3",
                params![official_id, hash, w.time(), actor.name],
            )?;
            w.audit(
                &actor,
                None,
                "pin.atur_ulang",
                &format!("PIN {name} diatur ulang (PIN sementara, wajib diganti saat masuk)"),
            )?;
            retire_keys_in(w, official_id, &actor)
        })
    }

    /// Verifies a PIN, counting failures (committed even though the action fails): five wrong
    /// tries lock that person for five minutes.
    pub(super) fn check_pin(
        &mut self,
        official_id: i64,
        pin_text: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        self.guarded(official_id, now, "PIN", |hash| {
            Ok(pin::verify(pin_text, hash).then_some(()))
        })
    }

    /// Tries a secret of `official_id`'s (`what`: "PIN", or their key's passphrase) under the
    /// one count of wrong tries they have: locked after five, for five minutes. `try_it` gets
    /// the PIN's hash and says `Ok(None)` for a wrong secret (counted, committed even though the
    /// action fails); its other errors (a missing flash disk) count nothing.
    pub(super) fn guarded<T>(
        &mut self,
        official_id: i64,
        now: NaiveDateTime,
        what: &str,
        try_it: impl FnOnce(&str) -> Result<Option<T>>,
    ) -> Result<T> {
        let offset = self.settings()?.offset();
        let Some(row) = pin_row(&self.conn, official_id)? else {
            return Err(StoreError::Invalid(
                "PIN belum dibuat; masuk dulu lewat \"Bertindak sebagai\" untuk membuatnya.".into(),
            ));
        };
        let last = row.last_failure.as_deref().map(|t| time_from_db(t, offset));
        if let Some(until) = pin::locked_until(row.failures, last, now) {
            return Err(StoreError::Invalid(format!(
                "{what} terkunci sampai pukul {} karena {} kali salah.",
                indo::time(until.time()),
                pin::MAX_TRIES
            )));
        }
        // After a lock has run out, counting starts again.
        let failures = if row.failures >= pin::MAX_TRIES {
            0
        } else {
            row.failures
        };
        if let Some(done) = try_it(&row.hash)? {
            // Written only when there is a count to clear: a database opened read-only (a
            // protected file, a full disk) still lets people sign in to view and export.
            if row.failures > 0 || row.last_failure.is_some() {
                self.conn.execute(
                    "UPDATE signing_pins SET failures = 0, last_failure = NULL WHERE official_id = ?1",
                    [official_id],
                )?;
            }
            return Ok(done);
        }
        let failures = failures + 1;
        self.conn.execute(
            "UPDATE signing_pins SET failures = ?2, last_failure = ?3 WHERE official_id = ?1",
            params![official_id, failures, time_to_db(now, offset)],
        )?;
        Err(StoreError::Invalid(if failures >= pin::MAX_TRIES {
            format!("{what} salah. Dikunci {} menit.", pin::LOCK_MINUTES)
        } else {
            format!(
                "{what} salah. Sisa percobaan: {}.",
                pin::MAX_TRIES - failures
            )
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sop::Sop;
    use crate::domain::workflow::Intent;
    use crate::store::OfficialInput;
    use crate::store::test_support::{PIN, at, official, pengelola, sign_in};

    fn signed(r: SignIn) -> Identity {
        match r {
            SignIn::In { identity, .. } => identity,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_first_pin_is_made_at_first_sign_in_and_weak_ones_are_refused() {
        // The office's first official: nobody could have given them a PIN.
        let mut s = Store::open_in_memory().unwrap();
        let input = OfficialInput {
            name: "Baru".into(),
            active: true,
            ..Default::default()
        };
        let id = s
            .save_official(None, &input, &Sop::embedded(), None, at(1, 5, 9))
            .unwrap();
        assert_eq!(s.pin_state(id).unwrap(), PinState::None);
        let r = s.sign_in(id, "", None, at(1, 5, 9)).unwrap();
        assert!(matches!(r, SignIn::NewPinNeeded(ref why) if why.contains("belum punya PIN")));
        for weak in ["111111", "123456", "654321", "12345", "abcdef"] {
            assert!(
                s.sign_in(id, "", Some(weak), at(1, 5, 9)).is_err(),
                "{weak}"
            );
        }
        assert_eq!(s.pin_state(id).unwrap(), PinState::None);
        let who = signed(s.sign_in(id, "", Some("480213"), at(1, 5, 9)).unwrap());
        assert_eq!(who.name(), "Baru");
        // Only the hash is kept.
        let hash: String = s
            .conn
            .query_row(
                "SELECT hash FROM signing_pins WHERE official_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert!(hash.starts_with("$argon2id$") && !hash.contains("480213"));
        // From now on the PIN is asked, and a "new PIN" cannot stand in for it.
        assert!(
            s.sign_in(id, "999999", Some("480214"), at(1, 5, 9))
                .is_err()
        );
        signed(s.sign_in(id, "480213", None, at(1, 5, 9)).unwrap());
    }

    #[test]
    fn a_pin_changes_only_with_the_old_one() {
        let mut s = Store::open_in_memory().unwrap();
        let op = pengelola(&mut s);
        let err = s
            .change_pin(&op, "000000", "480213", at(1, 5, 9))
            .unwrap_err();
        assert!(err.to_string().contains("PIN salah"), "{err}");
        s.change_pin(&op, PIN, "480213", at(1, 5, 9)).unwrap();
        assert!(s.sign_in(op.official_id(), PIN, None, at(1, 5, 9)).is_err());
        signed(
            s.sign_in(op.official_id(), "480213", None, at(1, 5, 9))
                .unwrap(),
        );
    }

    #[test]
    fn a_new_official_s_first_one_time_pin_is_not_called_a_reset() {
        let mut s = Store::open_in_memory().unwrap();
        let op = pengelola(&mut s);
        let input = OfficialInput {
            name: "Rahmat Baru".into(),
            active: true,
            ..Default::default()
        };
        let id = s
            .save_official(None, &input, &Sop::embedded(), Some(&op), at(1, 5, 9))
            .unwrap();
        s.reset_pin(&op, id, "480213", at(1, 5, 10)).unwrap();
        let r = s.sign_in(id, "480213", None, at(1, 6, 9)).unwrap();
        let SignIn::NewPinNeeded(why) = r else {
            panic!("{r:?}")
        };
        assert!(!why.contains("diatur ulang"), "{why}");
        assert!(
            why.contains("Pengelola Uji memberi Anda PIN sementara pada")
                && why.contains("Buat sekarang PIN pribadi Anda"),
            "{why}"
        );
        let r = s
            .sign_in(id, "480213", Some("715302"), at(1, 6, 9))
            .unwrap();
        assert!(
            matches!(r, SignIn::In { notice: Some(ref n), .. }
                if n.contains("PIN pribadi Anda tersimpan") && !n.contains("diatur ulang")),
            "{r:?}"
        );
    }

    #[test]
    fn a_reset_is_a_pengelola_s_one_time_pin_that_must_be_changed() {
        let mut s = Store::open_in_memory().unwrap();
        let op = pengelola(&mut s);
        let kabid = official(&mut s, Some(&op), "Kabid", &["kabid"], None);
        let other = official(&mut s, Some(&op), "Lain", &["kabid"], None);
        // Not by someone who is not a pengelola.
        let err = s
            .reset_pin(&kabid, other.official_id(), "480213", at(1, 5, 9))
            .unwrap_err();
        assert!(err.to_string().contains("bukan pengelola"), "{err}");
        s.reset_pin(&op, kabid.official_id(), "480213", at(1, 6, 10))
            .unwrap();
        assert_eq!(
            s.pin_state(kabid.official_id()).unwrap(),
            PinState::MustChange
        );
        // The old PIN is gone; the one-time PIN asks for a new one, naming who reset it.
        assert!(
            s.sign_in(kabid.official_id(), PIN, None, at(1, 7, 9))
                .is_err()
        );
        let r = s
            .sign_in(kabid.official_id(), "480213", None, at(1, 7, 9))
            .unwrap();
        assert!(
            matches!(r, SignIn::NewPinNeeded(ref why)
                if why.contains("PIN Anda diatur ulang oleh Pengelola Uji pada")),
            "{r:?}"
        );
        assert!(
            s.sign_in(kabid.official_id(), "480213", Some("480213"), at(1, 7, 9))
                .is_err(),
            "the one-time PIN cannot be kept"
        );
        let r = s
            .sign_in(kabid.official_id(), "480213", Some("715302"), at(1, 7, 9))
            .unwrap();
        assert!(matches!(r, SignIn::In { notice: Some(ref n), .. } if n.contains("diatur ulang")));
        assert_eq!(s.pin_state(kabid.official_id()).unwrap(), PinState::Set);
        let actions: Vec<String> = s
            .audit_for_year(None, 20)
            .unwrap()
            .into_iter()
            .map(|a| a.action)
            .collect();
        assert!(actions.contains(&"pin.atur_ulang".to_string()));
        assert_eq!(actions[0], "pin.ganti");
    }

    #[test]
    fn five_wrong_pins_lock_and_no_reset_lifts_it() {
        let mut s = Store::open_in_memory().unwrap();
        let op = pengelola(&mut s);
        let kabid = official(&mut s, Some(&op), "Kabid", &["kabid"], None);
        let id = kabid.official_id();
        for _ in 0..pin::MAX_TRIES {
            assert!(s.sign_in(id, "000000", None, at(2, 2, 9)).is_err());
        }
        let locked = s.sign_in(id, PIN, None, at(2, 2, 9)).unwrap_err();
        assert!(locked.to_string().contains("terkunci"), "{locked}");
        // A pengelola's reset does not clear someone else's count.
        s.reset_pin(&op, id, "480213", at(2, 2, 9)).unwrap();
        let still = s
            .sign_in(id, "480213", Some("715302"), at(2, 2, 9))
            .unwrap_err();
        assert!(still.to_string().contains("terkunci"), "{still}");
        // After five minutes the one-time PIN works.
        let later = at(2, 2, 9) + chrono::Duration::minutes(pin::LOCK_MINUTES);
        signed(s.sign_in(id, "480213", Some("715302"), later).unwrap());
    }

    #[test]
    fn the_store_reads_lanes_and_activity_itself() {
        let sop = Sop::embedded();
        let mut s = Store::open_in_memory().unwrap();
        let op = pengelola(&mut s);
        let sek = official(&mut s, Some(&op), "Sekretaris", &["sekretaris"], None);
        // Signed in while in the lane; the lane taken away afterwards: refused.
        let o = s.official(sek.official_id()).unwrap().unwrap();
        let mut input = OfficialInput::from_official(&o);
        input.lanes = vec!["kabid".into()];
        s.save_official(Some(o.id), &input, &sop, Some(&op), at(1, 5, 9))
            .unwrap();
        let err = s
            .transition(&sop, 2026, &Intent::Start, &sek, at(1, 5, 10))
            .unwrap_err();
        assert!(err.to_string().contains("SEKRETARIS"), "{err}");
        // Made inactive: nothing at all.
        input.active = false;
        s.save_official(Some(o.id), &input, &sop, Some(&op), at(1, 5, 9))
            .unwrap();
        let err = s.change_pin(&sek, PIN, "480213", at(1, 5, 9)).unwrap_err();
        assert!(err.to_string().contains("tidak aktif"), "{err}");
        assert!(s.sign_in(o.id, PIN, None, at(1, 5, 9)).is_err());
        // Settings are a pengelola's: a non-pengelola is refused inside the store.
        let kabid = official(&mut s, Some(&op), "Kabid", &["kabid"], None);
        for err in [
            s.save_paper("F4", &kabid, at(1, 5, 9)).unwrap_err(),
            s.add_holiday("17-08-2026", "HUT RI", &kabid, at(1, 5, 9))
                .unwrap_err(),
            s.add_funding_source("DAK", &kabid, at(1, 5, 9))
                .unwrap_err(),
            s.save_idle_minutes("5", &kabid, at(1, 5, 9)).unwrap_err(),
        ] {
            assert!(err.to_string().contains("Hanya pengelola"), "{err}");
        }
        let _ = sign_in(&mut s, op.official_id());
    }

    /// A database written before personal PINs (schema 4): it opens, the first official is the
    /// pengelola, the head's signing PIN signs them in, others make theirs at first use, and the
    /// stored signature stays byte for byte.
    #[test]
    fn a_database_from_before_migrates_and_keeps_its_signatures() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lama.db");
        {
            let c = crate::store::test_support::database_at(&path, 4);
            c.execute_batch(
                "INSERT INTO officials (id, name, nip, active) VALUES (1, 'Kepala Lama', '197001012000031001', 1), (2, 'Kasubag Lama', NULL, 1);
                 INSERT INTO official_lanes VALUES (1, 'kepala'), (2, 'kasubag_pp');
                 INSERT INTO drafts (id, year, version, created_at, created_by) VALUES (1, 2025, 1, '2025-01-02 09:00:00', 'x');",
            )
            .unwrap();
            c.execute(
                "INSERT INTO signing_pins (official_id, hash, set_at) VALUES (1, ?1, '2025-01-02 09:00:00')",
                [pin::hash("480213")],
            )
            .unwrap();
            c.execute_batch(
                "INSERT INTO signatures (year, draft_id, official_id, name, position, rank, nip, signed_at, content_sha256)
                 VALUES (2025, 1, 1, 'Kepala Lama', 'Kepala', 'IV/c', '197001012000031001', '2025-01-03 10:00:00',
                         '0000000000000000000000000000000000000000000000000000000000000000');",
            )
            .unwrap();
        }
        let signature_row = |c: &Connection| -> Vec<u8> {
            c.query_row(
                "SELECT CAST(year || name || nip || signed_at || content_sha256 AS BLOB) FROM signatures",
                [],
                |r| r.get(0),
            )
            .unwrap()
        };
        let before = signature_row(&Connection::open(&path).unwrap());
        let mut s = Store::open(&path).unwrap();
        assert_eq!(
            s.schema_version().unwrap(),
            crate::store::latest_schema_version()
        );
        assert!(s.official(1).unwrap().unwrap().pengelola);
        assert!(!s.official(2).unwrap().unwrap().pengelola);
        assert_eq!(signature_row(s.raw_connection()), before);
        signed(s.sign_in(1, "480213", None, at(1, 5, 9)).unwrap());
        assert!(matches!(
            s.sign_in(2, "", None, at(1, 5, 9)).unwrap(),
            SignIn::NewPinNeeded(_)
        ));
        signed(s.sign_in(2, "", Some("715302"), at(1, 5, 9)).unwrap());
    }
}
