//! Keys of the digital signature (PP 71/2019 Pasal 59: the signing data belong to the signer
//! alone and are in their sole control). The office root's key is sealed under its holder's PIN
//! (the pengelola who first signed in); a signer's key is made when they sign in with their own
//! PIN, sealed under it, in the database or in a file on their flash disk; the live root
//! issues its certificate at once when the signer holds the root, else when the holder next
//! signs in. A PIN reset retires the keys it sealed: the next sign-in makes new ones.

use chrono::NaiveDateTime;
use p256::ecdsa::SigningKey;
use rusqlite::params;

use super::identity::{self, Identity};
use super::sealed_keys::{LiveRoot, key_error, live_key, live_root, sealed_of, write_key_file};
use super::write::Write;
use super::{Result, Store, StoreError, time_from_db};
use crate::digital_signature::keys::{self, SealedKey, SignerName};
use crate::domain::sop::{Requirement, Sop};
use crate::domain::workflow::Actor;

/// The office's root certificate (the live one, or one retired by its holder's PIN reset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeRoot {
    pub fingerprint: String,
    pub subject: String,
    pub cert: Vec<u8>,
    pub holder: String,
    pub created_at: NaiveDateTime,
    pub retired_at: Option<NaiveDateTime>,
}

/// A signer's live key, as Pengaturan shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerKey {
    /// The certificate's fingerprint; `None` while it waits for the root holder.
    pub fingerprint: Option<String>,
    /// Where the key lives when it is on a flash disk.
    pub key_file: Option<String>,
    pub created_at: NaiveDateTime,
}

/// A signer's key opened with their PIN, with its certificate and the root that issued it.
/// Only `Store::unlock_signing_key` makes one.
pub struct UnlockedKey {
    pub(super) official_id: i64,
    key: SigningKey,
    cert: Vec<u8>,
    root: Vec<u8>,
    fingerprint: String,
}

impl UnlockedKey {
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Refuses a key that is not the acting official's own.
    pub(super) fn check_owner(&self, who: &Identity) -> Result<()> {
        if self.official_id != who.official_id() {
            return Err(StoreError::Invalid(
                "Kunci tanda tangan itu bukan milik yang sedang bertindak.".into(),
            ));
        }
        Ok(())
    }

    /// The private key, for the signature made outside the store (`export::sign`); never
    /// stored or shown open.
    pub(crate) fn signing_key(&self) -> &SigningKey {
        &self.key
    }

    /// The signer's certificate (DER).
    pub(crate) fn cert(&self) -> &[u8] {
        &self.cert
    }

    /// The office root that issued the certificate (DER).
    pub(crate) fn root(&self) -> &[u8] {
        &self.root
    }
}

impl std::fmt::Debug for UnlockedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The private key is never printed.
        f.debug_struct("UnlockedKey")
            .field("official_id", &self.official_id)
            .field("fingerprint", &self.fingerprint)
            .finish_non_exhaustive()
    }
}

/// Whether `lanes` are the signing step's.
fn signs(sop: &Sop, lanes: &[String]) -> bool {
    sop.step_requiring(Requirement::Signed)
        .is_some_and(|s| sop.admits(s, lanes))
}

impl Store {
    /// Every office root this database has made, the live one first.
    pub fn office_roots(&self) -> Result<Vec<OfficeRoot>> {
        let offset = self.settings()?.offset();
        let mut stmt = self.conn.prepare(
            "SELECT r.fingerprint, r.cert, o.name, r.created_at, r.retired_at
             FROM office_roots r JOIN officials o ON o.id = r.holder_id
             ORDER BY r.retired_at IS NOT NULL, r.id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            let cert: Vec<u8> = r.get(1)?;
            Ok(OfficeRoot {
                fingerprint: r.get(0)?,
                subject: keys::read_certificate(&cert)
                    .map(|(_, s)| s)
                    .unwrap_or_default(),
                cert,
                holder: r.get(2)?,
                created_at: time_from_db(&r.get::<_, String>(3)?, offset),
                retired_at: r
                    .get::<_, Option<String>>(4)?
                    .map(|t| time_from_db(&t, offset)),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The live office root, if one has been made.
    pub fn office_root(&self) -> Result<Option<OfficeRoot>> {
        Ok(self
            .office_roots()?
            .into_iter()
            .find(|r| r.retired_at.is_none()))
    }

    pub fn signer_key(&self, official_id: i64) -> Result<Option<SignerKey>> {
        let offset = self.settings()?.offset();
        Ok(live_key(&self.conn, official_id)?.map(|k| SignerKey {
            fingerprint: k.fingerprint,
            key_file: k.key_file,
            created_at: time_from_db(&k.created_at, offset),
        }))
    }

    /// With a person's PIN in hand (at sign-in, or before signing): makes the office root when
    /// there is none and they are a pengelola; makes their own key when they are of the
    /// `sop`'s signing lane and have none; issues waiting certificates when they hold the root.
    /// Returns what to tell them.
    pub fn ensure_keys(
        &mut self,
        who: &Identity,
        pin: &str,
        sop: Option<&Sop>,
        now: NaiveDateTime,
    ) -> Result<Vec<String>> {
        if !self.keys_wanted(who, sop)? {
            return Ok(Vec::new());
        }
        self.check_pin(who.official_id(), pin, now)?;
        let office = self.settings()?.office.name;
        self.write(now, |w| {
            let at = w.time();
            let acting = identity::acting(w, who)?;
            let actor = acting.actor.clone();
            let mut notices = Vec::new();
            let mut root = live_root(w)?;
            if root.is_none() && acting.pengelola {
                // Valid from the store's moment: what the office's signatures are dated with.
                let issued = keys::IssuedAt::new(w.now(), w.offset()).map_err(key_error)?;
                let (key, cert) = keys::new_office_root_at(&office, issued).map_err(key_error)?;
                let sealed = keys::seal(&key, pin).map_err(key_error)?;
                let fingerprint = keys::fingerprint(&cert);
                w.execute(
                    "INSERT INTO office_roots (cert, fingerprint, sealed_key, holder_id, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![cert, fingerprint, sealed.bytes, who.official_id(), at],
                )?;
                let subject = keys::read_certificate(&cert)
                    .map(|(_, s)| s)
                    .map_err(key_error)?;
                // The office's own root is trusted here from the start.
                w.execute(
                    "INSERT OR IGNORE INTO trusted_roots (fingerprint, cert, subject, imported_at, imported_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![fingerprint, cert, subject, at, actor.name],
                )?;
                w.audit(
                    &actor,
                    None,
                    "sertifikat.kantor",
                    &format!(
                        "Sertifikat kantor dibuat, dipegang {} (sidik jari {fingerprint})",
                        actor.name
                    ),
                )?;
                notices.push(
                    "Sertifikat kantor dibuat (sidik jarinya ada di Pengaturan → Tanda Tangan Digital); kuncinya hanya terbuka dengan PIN Anda.".into(),
                );
                root = live_root(w)?;
            }
            if sop.is_some_and(|sop| signs(sop, &actor.lanes))
                && live_key(w, who.official_id())?.is_none()
            {
                let key = keys::new_key();
                let sealed = keys::seal(&key, pin).map_err(key_error)?;
                w.execute(
                    "INSERT INTO signer_keys (official_id, public_key, sealed_key, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
                    params![
                        who.official_id(),
                        keys::public_key_der(&key).map_err(key_error)?,
                        sealed.bytes,
                        at
                    ],
                )?;
                w.audit(
                    &actor,
                    None,
                    "kunci.baru",
                    &format!("Kunci tanda tangan digital baru untuk {}", actor.name),
                )?;
                notices.push(
                    "Kunci tanda tangan digital Anda dibuat dan dikunci dengan PIN Anda.".into(),
                );
            }
            if let Some(root) = root.filter(|r| r.holder_id == who.official_id()) {
                notices.extend(issue_waiting(w, &root, pin, &office, &actor)?);
            }
            Ok(notices)
        })
    }

    /// Whether `ensure_keys` has something to do for `who` (read only: a sign-in on a
    /// read-only database writes nothing when nothing is wanted).
    fn keys_wanted(&self, who: &Identity, sop: Option<&Sop>) -> Result<bool> {
        let acting = identity::acting(&self.conn, who)?;
        let root = live_root(&self.conn)?;
        let me = who.official_id();
        Ok(match &root {
            None => acting.pengelola,
            Some(r) => {
                r.holder_id == me
                    && self.conn.query_row(
                        "SELECT EXISTS (SELECT 1 FROM signer_keys
                         WHERE retired_at IS NULL AND cert IS NULL)",
                        [],
                        |row| row.get(0),
                    )?
            }
        } || (sop.is_some_and(|sop| signs(sop, &acting.actor.lanes))
            && live_key(&self.conn, me)?.is_none()))
    }

    /// Opens the acting person's signing key with their PIN (a wrong one counts toward the
    /// lock), making it or its certificate first where `ensure_keys` can.
    pub fn unlock_signing_key(
        &mut self,
        who: &Identity,
        pin: &str,
        sop: &Sop,
        now: NaiveDateTime,
    ) -> Result<UnlockedKey> {
        self.check_pin(who.official_id(), pin, now)?;
        // A one-time PIN from a pengelola opens the sign-in that replaces it, nothing else.
        if self.pin_state(who.official_id())? == super::PinState::MustChange {
            return Err(StoreError::Invalid(
                "PIN sementara dari pengelola tidak bisa dipakai menandatangani; masuk dulu lewat \"Bertindak sebagai\" dan ganti PIN itu.".into(),
            ));
        }
        let ready = live_key(&self.conn, who.official_id())?.is_some_and(|k| k.cert.is_some());
        if !ready {
            self.ensure_keys(who, pin, Some(sop), now)?;
        }
        let k = live_key(&self.conn, who.official_id())?.ok_or_else(|| {
            let signer = sop
                .step_requiring(crate::domain::sop::Requirement::Signed)
                .map_or("penanda tangan RKT".to_string(), |s| {
                    format!("{} (langkah {})", sop.lane_names(s), s.no)
                });
            StoreError::Invalid(format!(
                "{} tidak punya kunci tanda tangan: yang menandatangani hanya pejabat di kolom pelaksana {signer}.",
                who.name()
            ))
        })?;
        let (Some(cert), Some(root_id), Some(fingerprint)) =
            (k.cert.clone(), k.root_id, k.fingerprint.clone())
        else {
            let holder = live_root(&self.conn)?
                .map(|r| {
                    self.conn.query_row(
                        "SELECT name FROM officials WHERE id = ?1",
                        [r.holder_id],
                        |row| row.get::<_, String>(0),
                    )
                })
                .transpose()?;
            return Err(StoreError::Invalid(match holder {
                Some(h) => format!(
                    "Sertifikat tanda tangan Anda belum diterbitkan. {h}, pemegang sertifikat kantor, perlu masuk sekali dengan PIN-nya agar sertifikat terbit; lalu tanda tangani lagi."
                ),
                None => "Belum ada sertifikat kantor. Seorang pengelola perlu masuk sekali dengan PIN-nya agar sertifikat kantor dibuat; lalu tanda tangani lagi.".into(),
            }));
        };
        let key = keys::open(&sealed_of(&k)?, pin).map_err(key_error)?;
        if keys::public_key_der(&key).map_err(key_error)? != k.public_key {
            return Err(StoreError::Invalid(
                "Berkas kunci itu bukan kunci Anda yang berlaku.".into(),
            ));
        }
        let root: Vec<u8> = self.conn.query_row(
            "SELECT cert FROM office_roots WHERE id = ?1",
            [root_id],
            |r| r.get(0),
        )?;
        Ok(UnlockedKey {
            official_id: who.official_id(),
            key,
            cert,
            root,
            fingerprint,
        })
    }

    /// Moves the acting person's key from the database to a file (their flash disk): signing
    /// then needs that disk and the PIN. The key in the file stays sealed under the PIN.
    pub fn move_key_to_file(
        &mut self,
        who: &Identity,
        pin: &str,
        path: &std::path::Path,
        now: NaiveDateTime,
    ) -> Result<()> {
        self.check_pin(who.official_id(), pin, now)?;
        let path = path.to_string_lossy().to_string();
        // Set once all but the commit is done: only a failed commit takes the file back.
        let mut to_commit = false;
        let written = self.write(now, |w| {
            let actor = identity::acting(w, who)?.actor;
            let k = live_key(w, who.official_id())?.ok_or_else(|| {
                StoreError::Invalid("Anda belum punya kunci tanda tangan.".into())
            })?;
            let sealed = sealed_of(&k)?;
            write_key_file(&path, &sealed, false)?;
            w.execute(
                "UPDATE signer_keys SET sealed_key = NULL, key_file = ?2 WHERE id = ?1",
                params![k.id, path],
            )?;
            w.audit(
                &actor,
                None,
                "kunci.flashdisk",
                &format!("Kunci tanda tangan {} dipindah ke {path}", actor.name),
            )?;
            to_commit = true;
            Ok(())
        });
        if written.is_err() && to_commit {
            let _ = std::fs::remove_file(&path);
        }
        written
    }
}

/// Issues the certificates waiting for the live root, opened with its holder's PIN.
fn issue_waiting(
    w: &Write,
    root: &LiveRoot,
    pin: &str,
    office: &str,
    actor: &Actor,
) -> Result<Vec<String>> {
    // (key id, public key, name, NIP, position) of each key waiting for its certificate.
    type Waiting = (i64, Vec<u8>, String, Option<String>, String);
    let waiting: Vec<Waiting> = w
        .prepare(
            "SELECT k.id, k.public_key, o.name, o.nip, o.position
             FROM signer_keys k JOIN officials o ON o.id = k.official_id
             WHERE k.retired_at IS NULL AND k.cert IS NULL",
        )?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    if waiting.is_empty() {
        return Ok(Vec::new());
    }
    let sealed = SealedKey {
        bytes: root.sealed.clone().ok_or_else(|| {
            StoreError::Invalid("Kunci sertifikat kantor sudah tidak berlaku.".into())
        })?,
    };
    let root_key = keys::open(&sealed, pin).map_err(key_error)?;
    let mut notices = Vec::new();
    for (id, public_key, name, nip, position) in waiting {
        let who = SignerName {
            name: &name,
            nip: nip.as_deref().unwrap_or(""),
            position: &position,
            office,
        };
        let issued = keys::IssuedAt::new(w.now(), w.offset()).map_err(key_error)?;
        let cert =
            keys::issue_at(&who, &public_key, &root_key, &root.cert, issued).map_err(key_error)?;
        let fingerprint = keys::fingerprint(&cert);
        w.execute(
            "UPDATE signer_keys SET cert = ?2, root_id = ?3, fingerprint = ?4 WHERE id = ?1",
            params![id, cert, root.id, fingerprint],
        )?;
        w.audit(
            actor,
            None,
            "sertifikat.terbit",
            &format!("Sertifikat tanda tangan {name} diterbitkan (sidik jari {fingerprint})"),
        )?;
        notices.push(format!("Sertifikat tanda tangan {name} diterbitkan."));
    }
    Ok(notices)
}
