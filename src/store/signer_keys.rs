//! Keys of the digital signature (PP 71/2019 Pasal 59: the signing data belong to the signer
//! alone and are in their sole control). The office root's key is sealed under its holder's PIN
//! (the pengelola who first signed in); a signer's key is made when they sign in with their own
//! PIN, sealed under it, in the database or in a file on their flash disk; the live root
//! issues its certificate at once when the signer holds the root, else when the holder next
//! signs in. A PIN reset retires the keys it sealed: the next sign-in makes new ones.

use chrono::NaiveDateTime;
use p256::ecdsa::SigningKey;
use rusqlite::{Connection, OptionalExtension, params};

use super::identity::{self, Identity};
use super::{Result, Store, StoreError, audit, time_from_db, time_to_db};
use crate::digital_signature::keys::{self, KeyError, SealedKey, SignerName};
use crate::domain::sop::{Requirement, Sop};
use crate::pdf::pades;

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

    /// `pdf` signed (PAdES): a detached CMS over its signed ranges, in the signature field.
    pub(super) fn sign_pdf(&self, pdf: &[u8], facts: &pades::SigningFacts) -> Result<Vec<u8>> {
        let prepared = pades::prepare(pdf, facts).map_err(StoreError::Invalid)?;
        let cms = crate::digital_signature::cms::sign_detached(
            &prepared.digest(),
            &self.key,
            &self.cert,
            &self.root,
        )
        .map_err(key_error)?;
        prepared.finish(&cms).map_err(StoreError::Invalid)
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

fn key_error(e: KeyError) -> StoreError {
    StoreError::Invalid(e.to_string())
}

/// What a key file on a flash disk starts with, then the sealed key in hex.
const KEY_FILE_MAGIC: &str = "SOP-RKT kunci tanda tangan (terenkripsi dengan PIN)\n";

struct LiveRoot {
    id: i64,
    cert: Vec<u8>,
    sealed: Option<Vec<u8>>,
    holder_id: i64,
}

fn live_root(conn: &Connection) -> Result<Option<LiveRoot>> {
    Ok(conn
        .query_row(
            "SELECT id, cert, sealed_key, holder_id FROM office_roots WHERE retired_at IS NULL",
            [],
            |r| {
                Ok(LiveRoot {
                    id: r.get(0)?,
                    cert: r.get(1)?,
                    sealed: r.get(2)?,
                    holder_id: r.get(3)?,
                })
            },
        )
        .optional()?)
}

struct LiveKey {
    id: i64,
    public_key: Vec<u8>,
    sealed: Option<Vec<u8>>,
    key_file: Option<String>,
    cert: Option<Vec<u8>>,
    root_id: Option<i64>,
    fingerprint: Option<String>,
    created_at: String,
}

fn live_key(conn: &Connection, official_id: i64) -> Result<Option<LiveKey>> {
    Ok(conn
        .query_row(
            "SELECT id, public_key, sealed_key, key_file, cert, root_id, fingerprint, created_at
             FROM signer_keys WHERE official_id = ?1 AND retired_at IS NULL",
            [official_id],
            |r| {
                Ok(LiveKey {
                    id: r.get(0)?,
                    public_key: r.get(1)?,
                    sealed: r.get(2)?,
                    key_file: r.get(3)?,
                    cert: r.get(4)?,
                    root_id: r.get(5)?,
                    fingerprint: r.get(6)?,
                    created_at: r.get(7)?,
                })
            },
        )
        .optional()?)
}

/// Whether `lanes` are the signing step's.
fn signs(sop: &Sop, lanes: &[String]) -> bool {
    sop.step_requiring(Requirement::Signed)
        .is_some_and(|s| sop.admits(s, lanes))
}

/// Reads a key file; an absent disk is said plainly, and nothing is signed.
fn read_key_file(path: &str) -> Result<SealedKey> {
    let text = std::fs::read_to_string(path).map_err(|_| {
        StoreError::Invalid(format!(
            "Kunci tanda tangan Anda disimpan di flash disk ({path}), dan berkas itu tidak ditemukan. Pasang flash disk itu lalu coba lagi; tidak ada yang ditandatangani."
        ))
    })?;
    let hex = text
        .strip_prefix(KEY_FILE_MAGIC)
        .map(str::trim)
        .filter(|h| h.len() % 2 == 0 && h.bytes().all(|b| b.is_ascii_hexdigit()))
        .ok_or_else(|| {
            StoreError::Invalid(format!(
                "Berkas {path} bukan kunci tanda tangan program ini."
            ))
        })?;
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0))
        .collect();
    Ok(SealedKey { bytes })
}

/// Writes a key file whole (a temporary file, then its name); an existing file is never
/// replaced unless `replace` (the same key, sealed again).
fn write_key_file(path: &str, sealed: &SealedKey, replace: bool) -> Result<()> {
    let p = std::path::Path::new(path);
    if p.exists() && !replace {
        return Err(StoreError::Invalid(format!(
            "Berkas {path} sudah ada; pilih nama lain."
        )));
    }
    let hex: String = sealed.bytes.iter().map(|b| format!("{b:02x}")).collect();
    let tmp = p.with_extension("tmp-kunci");
    let written = (|| {
        use std::io::Write;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(KEY_FILE_MAGIC.as_bytes())?;
        f.write_all(hex.as_bytes())?;
        f.write_all(b"\n")?;
        f.sync_all()?;
        std::fs::rename(&tmp, p)
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        StoreError::Invalid(format!("Kunci tidak bisa ditulis ke {path}: {e}."))
    })
}

/// The sealed key of a live key row: from the database or its file.
fn sealed_of(k: &LiveKey) -> Result<SealedKey> {
    match (&k.sealed, &k.key_file) {
        (Some(bytes), _) => Ok(SealedKey {
            bytes: bytes.clone(),
        }),
        (None, Some(path)) => read_key_file(path),
        (None, None) => Err(StoreError::Invalid("Kunci tanda tangan hilang.".into())),
    }
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
        let settings = self.settings()?;
        let (offset, office) = (settings.offset(), settings.office.name);
        let at = time_to_db(now, offset);
        let tx = self.write_tx()?;
        let acting = identity::acting(&tx, who)?;
        let actor = acting.actor.clone();
        let mut notices = Vec::new();
        let mut root = live_root(&tx)?;
        if root.is_none() && acting.pengelola {
            let (key, cert) = keys::new_office_root(&office).map_err(key_error)?;
            let sealed = keys::seal(&key, pin).map_err(key_error)?;
            let fingerprint = keys::fingerprint(&cert);
            tx.execute(
                "INSERT INTO office_roots (cert, fingerprint, sealed_key, holder_id, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![cert, fingerprint, sealed.bytes, who.official_id(), at],
            )?;
            let subject = keys::read_certificate(&cert)
                .map(|(_, s)| s)
                .map_err(key_error)?;
            // The office's own root is trusted here from the start.
            tx.execute(
                "INSERT OR IGNORE INTO trusted_roots (fingerprint, cert, subject, imported_at, imported_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![fingerprint, cert, subject, at, actor.name],
            )?;
            audit::append_by(
                &tx,
                offset,
                &actor,
                now,
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
            root = live_root(&tx)?;
        }
        if sop.is_some_and(|sop| signs(sop, &actor.lanes))
            && live_key(&tx, who.official_id())?.is_none()
        {
            let key = keys::new_key();
            let sealed = keys::seal(&key, pin).map_err(key_error)?;
            tx.execute(
                "INSERT INTO signer_keys (official_id, public_key, sealed_key, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    who.official_id(),
                    keys::public_key_der(&key).map_err(key_error)?,
                    sealed.bytes,
                    at
                ],
            )?;
            audit::append_by(
                &tx,
                offset,
                &actor,
                now,
                None,
                "kunci.baru",
                &format!("Kunci tanda tangan digital baru untuk {}", actor.name),
            )?;
            notices
                .push("Kunci tanda tangan digital Anda dibuat dan dikunci dengan PIN Anda.".into());
        }
        if let Some(root) = root.filter(|r| r.holder_id == who.official_id()) {
            notices.extend(issue_waiting(
                &tx, &root, pin, &office, &actor, offset, now,
            )?);
        }
        tx.commit()?;
        Ok(notices)
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
            StoreError::Invalid(format!(
                "{} tidak punya kunci tanda tangan: hanya pejabat lajur penandatangan yang punya.",
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
        let offset = self.settings()?.offset();
        let path = path.to_string_lossy().to_string();
        let tx = self.write_tx()?;
        let actor = identity::acting(&tx, who)?.actor;
        let k = live_key(&tx, who.official_id())?
            .ok_or_else(|| StoreError::Invalid("Anda belum punya kunci tanda tangan.".into()))?;
        let sealed = sealed_of(&k)?;
        write_key_file(&path, &sealed, false)?;
        tx.execute(
            "UPDATE signer_keys SET sealed_key = NULL, key_file = ?2 WHERE id = ?1",
            params![k.id, path],
        )?;
        audit::append_by(
            &tx,
            offset,
            &actor,
            now,
            None,
            "kunci.flashdisk",
            &format!("Kunci tanda tangan {} dipindah ke {path}", actor.name),
        )?;
        if let Err(e) = tx.commit() {
            let _ = std::fs::remove_file(&path);
            return Err(e.into());
        }
        Ok(())
    }
}

/// Issues the certificates waiting for the live root, opened with its holder's PIN.
fn issue_waiting(
    tx: &Connection,
    root: &LiveRoot,
    pin: &str,
    office: &str,
    actor: &crate::domain::workflow::Actor,
    offset: chrono::FixedOffset,
    now: NaiveDateTime,
) -> Result<Vec<String>> {
    // (key id, public key, name, NIP, position) of each key waiting for its certificate.
    type Waiting = (i64, Vec<u8>, String, Option<String>, String);
    let waiting: Vec<Waiting> = tx
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
        let cert = keys::issue(&who, &public_key, &root_key, &root.cert).map_err(key_error)?;
        let fingerprint = keys::fingerprint(&cert);
        tx.execute(
            "UPDATE signer_keys SET cert = ?2, root_id = ?3, fingerprint = ?4 WHERE id = ?1",
            params![id, cert, root.id, fingerprint],
        )?;
        audit::append_by(
            tx,
            offset,
            actor,
            now,
            None,
            "sertifikat.terbit",
            &format!("Sertifikat tanda tangan {name} diterbitkan (sidik jari {fingerprint})"),
        )?;
        notices.push(format!("Sertifikat tanda tangan {name} diterbitkan."));
    }
    Ok(notices)
}

/// A PIN reset: the keys sealed under the old PIN cannot be opened any more and are retired
/// (the next sign-in makes new ones, with a new certificate). In the reset's transaction.
pub(super) fn retire_keys_in(
    tx: &Connection,
    official_id: i64,
    name: &str,
    actor: &crate::domain::workflow::Actor,
    offset: chrono::FixedOffset,
    now: NaiveDateTime,
) -> Result<()> {
    let at = time_to_db(now, offset);
    let keys_retired = tx.execute(
        "UPDATE signer_keys SET retired_at = ?2 WHERE official_id = ?1 AND retired_at IS NULL",
        params![official_id, at],
    )?;
    if keys_retired > 0 {
        audit::append_by(
            tx,
            offset,
            actor,
            now,
            None,
            "kunci.dicabut",
            &format!(
                "Kunci tanda tangan {name} tidak berlaku lagi karena PIN diatur ulang; kunci dan sertifikat baru dibuat saat masuk berikutnya"
            ),
        )?;
    }
    let roots_retired = tx.execute(
        "UPDATE office_roots SET retired_at = ?2, sealed_key = NULL
         WHERE holder_id = ?1 AND retired_at IS NULL",
        params![official_id, at],
    )?;
    if roots_retired > 0 {
        audit::append_by(
            tx,
            offset,
            actor,
            now,
            None,
            "sertifikat.kantor",
            &format!(
                "Sertifikat kantor yang dipegang {name} tidak lagi menerbitkan (PIN diatur ulang); tetap dipercaya untuk yang sudah ditandatangani"
            ),
        )?;
    }
    Ok(())
}

/// A PIN change: the person's live keys sealed again under the new PIN, in the change's
/// transaction (a key on a flash disk needs the disk).
pub(super) fn reseal_in(tx: &Connection, official_id: i64, old: &str, new_pin: &str) -> Result<()> {
    if let Some(root) = live_root(tx)?.filter(|r| r.holder_id == official_id)
        && let Some(bytes) = root.sealed
    {
        let key = keys::open(&SealedKey { bytes }, old).map_err(key_error)?;
        let sealed = keys::seal(&key, new_pin).map_err(key_error)?;
        tx.execute(
            "UPDATE office_roots SET sealed_key = ?2 WHERE id = ?1",
            params![root.id, sealed.bytes],
        )?;
    }
    if let Some(k) = live_key(tx, official_id)? {
        let key = keys::open(&sealed_of(&k)?, old).map_err(key_error)?;
        let sealed = keys::seal(&key, new_pin).map_err(key_error)?;
        match &k.key_file {
            Some(path) if k.sealed.is_none() => write_key_file(path, &sealed, true)?,
            _ => {
                tx.execute(
                    "UPDATE signer_keys SET sealed_key = ?2 WHERE id = ?1",
                    params![k.id, sealed.bytes],
                )?;
            }
        }
    }
    Ok(())
}
