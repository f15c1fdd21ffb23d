//! The signing keys as kept: the live office root and each signer's live key, sealed under its
//! holder's PIN, in the database or in a file on their flash disk; sealed again under a new PIN
//! when the PIN is changed, retired when a pengelola resets it. Below both the people who act
//! (`identity`: a PIN changed or reset) and the keys' own work (`signer_keys`).

use rusqlite::{Connection, OptionalExtension, params};

use super::write::Write;
use super::{Result, StoreError};
use crate::digital_signature::keys::{self, KeyError, SealedKey};
use crate::domain::workflow::Actor;

pub(super) fn key_error(e: KeyError) -> StoreError {
    StoreError::Invalid(e.to_string())
}

/// What a key file on a flash disk starts with, then the sealed key in hex.
const KEY_FILE_MAGIC: &str = "SOP-RKT kunci tanda tangan (terenkripsi dengan PIN)\n";

/// The office root that issues certificates now.
pub(super) struct LiveRoot {
    pub id: i64,
    pub cert: Vec<u8>,
    pub sealed: Option<Vec<u8>>,
    pub holder_id: i64,
}

pub(super) fn live_root(conn: &Connection) -> Result<Option<LiveRoot>> {
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

/// A signer's key in use (its certificate `None` while it waits for the root holder).
pub(super) struct LiveKey {
    pub id: i64,
    pub public_key: Vec<u8>,
    pub sealed: Option<Vec<u8>>,
    pub key_file: Option<String>,
    pub cert: Option<Vec<u8>>,
    pub root_id: Option<i64>,
    pub fingerprint: Option<String>,
    pub created_at: String,
}

pub(super) fn live_key(conn: &Connection, official_id: i64) -> Result<Option<LiveKey>> {
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
pub(super) fn write_key_file(path: &str, sealed: &SealedKey, replace: bool) -> Result<()> {
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
pub(super) fn sealed_of(k: &LiveKey) -> Result<SealedKey> {
    match (&k.sealed, &k.key_file) {
        (Some(bytes), _) => Ok(SealedKey {
            bytes: bytes.clone(),
        }),
        (None, Some(path)) => read_key_file(path),
        (None, None) => Err(StoreError::Invalid("Kunci tanda tangan hilang.".into())),
    }
}

/// A PIN reset: the keys sealed under the old PIN cannot be opened any more and are retired
/// (the next sign-in makes new ones, with a new certificate). In the reset's transaction.
pub(super) fn retire_keys_in(w: &Write, official_id: i64, name: &str, actor: &Actor) -> Result<()> {
    let at = w.time();
    let keys_retired = w.execute(
        "UPDATE signer_keys SET retired_at = ?2 WHERE official_id = ?1 AND retired_at IS NULL",
        params![official_id, at],
    )?;
    if keys_retired > 0 {
        w.audit(
            actor,
            None,
            "kunci.dicabut",
            &format!(
                "Kunci tanda tangan {name} tidak berlaku lagi karena PIN diatur ulang; kunci dan sertifikat baru dibuat saat masuk berikutnya"
            ),
        )?;
    }
    let roots_retired = w.execute(
        "UPDATE office_roots SET retired_at = ?2, sealed_key = NULL
         WHERE holder_id = ?1 AND retired_at IS NULL",
        params![official_id, at],
    )?;
    if roots_retired > 0 {
        w.audit(
            actor,
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
