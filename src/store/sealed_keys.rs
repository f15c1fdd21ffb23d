//! The signing keys as kept: the live office root and each signer's key, each a PKCS#12 file
//! under its holder's passphrase — in the database, or on their flash disk — retired (and
//! wiped from the database) when replaced or when a pengelola resets the signer's PIN. Below
//! the people who act (`identity`), the keys' own work (`signer_keys`) and the approvals
//! (`key_requests`).

use std::cell::Cell;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use super::write::Write;
use super::{Result, StoreError};
use crate::digital_signature::crl::Reason;
use crate::digital_signature::keys::KeyError;
use crate::digital_signature::p12::{self, Opened, P12Error};
use crate::domain::workflow::Actor;

/// PBKDF2 iterations of the .p12 files this program writes: `p12::ITERATIONS` (about a second
/// a guess), lowered only by the test suites (`fast_keys_for_tests`; for the program they run,
/// `SOP_RKT_FAST_KEYS` in a debug build) — never in a release build, what the office runs.
static ITERATIONS: std::sync::atomic::AtomicU32 =
    std::sync::atomic::AtomicU32::new(p12::ITERATIONS);

pub(super) fn iterations() -> u32 {
    #[cfg(debug_assertions)]
    if std::env::var_os("SOP_RKT_FAST_KEYS").is_some() {
        return FAST;
    }
    ITERATIONS.load(std::sync::atomic::Ordering::Relaxed)
}

const FAST: u32 = 2048;

/// Tests make many keys: each at 2,048 iterations instead of a second's worth. Not reachable
/// from the window or the command line.
#[doc(hidden)]
pub fn fast_keys_for_tests() {
    ITERATIONS.store(FAST, std::sync::atomic::Ordering::Relaxed);
}

pub(super) fn key_error(e: KeyError) -> StoreError {
    StoreError::Invalid(e.to_string())
}

pub(super) fn p12_error(e: P12Error) -> StoreError {
    StoreError::Invalid(e.to_string())
}

/// What a wrong passphrase is called in the count of wrong tries.
pub(super) const WRONG: &str = "Kata sandi kunci";

/// Where a new key's .p12 goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyPlace {
    /// Kept in the database, under the passphrase.
    Program,
    /// A file on the holder's flash disk: without the disk nothing is signed.
    File(std::path::PathBuf),
}

/// The office root that issues certificates now.
pub(super) struct LiveRoot {
    pub id: i64,
    pub cert: Vec<u8>,
    pub fingerprint: String,
    pub p12: Option<Vec<u8>>,
    pub key_file: Option<String>,
    pub holder_id: i64,
}

pub(super) fn live_root(conn: &Connection) -> Result<Option<LiveRoot>> {
    Ok(conn
        .query_row(
            "SELECT id, cert, fingerprint, p12, key_file, holder_id
             FROM office_roots WHERE retired_at IS NULL",
            [],
            |r| {
                Ok(LiveRoot {
                    id: r.get(0)?,
                    cert: r.get(1)?,
                    fingerprint: r.get(2)?,
                    p12: r.get(3)?,
                    key_file: r.get(4)?,
                    holder_id: r.get(5)?,
                })
            },
        )
        .optional()?)
}

/// A signer's live key (its certificate `None` while the request waits for approval).
pub(super) struct LiveKey {
    pub id: i64,
    pub public_key: Vec<u8>,
    pub key_fingerprint: String,
    pub p12: Option<Vec<u8>>,
    pub key_file: Option<String>,
    pub cert: Option<Vec<u8>>,
    pub chain: Option<Vec<u8>>,
    pub root_id: Option<i64>,
    pub fingerprint: Option<String>,
    pub created_at: String,
}

pub(super) fn live_key(conn: &Connection, official_id: i64) -> Result<Option<LiveKey>> {
    Ok(conn
        .query_row(
            "SELECT id, public_key, key_fingerprint, p12, key_file, cert, chain, root_id,
                    fingerprint, created_at
             FROM signer_keys WHERE official_id = ?1 AND retired_at IS NULL",
            [official_id],
            |r| {
                Ok(LiveKey {
                    id: r.get(0)?,
                    public_key: r.get(1)?,
                    key_fingerprint: r.get(2)?,
                    p12: r.get(3)?,
                    key_file: r.get(4)?,
                    cert: r.get(5)?,
                    chain: r.get(6)?,
                    root_id: r.get(7)?,
                    fingerprint: r.get(8)?,
                    created_at: r.get(9)?,
                })
            },
        )
        .optional()?)
}

/// Reads a key file; an absent disk is said plainly, and nothing is signed.
fn read_key_file(path: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|_| {
        StoreError::Invalid(format!(
            "Kunci tanda tangan disimpan di flash disk ({path}), dan berkas itu tidak ditemukan. Pasang flash disk itu lalu coba lagi; tidak ada yang ditandatangani."
        ))
    })
}

/// The .p12 of a key: from the database, or from its file.
pub(super) fn p12_of(p12: &Option<Vec<u8>>, key_file: &Option<String>) -> Result<Vec<u8>> {
    match (p12, key_file) {
        (Some(bytes), _) => Ok(bytes.clone()),
        (None, Some(path)) => read_key_file(path),
        (None, None) => Err(StoreError::Invalid(
            "Kunci tanda tangan tidak ada lagi (sudah tidak berlaku).".into(),
        )),
    }
}

/// Opens a .p12 with its passphrase and checks that it holds the key expected (`public_key`,
/// SubjectPublicKeyInfo DER): a file swapped on the disk opens nothing. `Ok(None)`: the
/// passphrase is wrong (the caller counts it).
pub(super) fn open_expected(
    bytes: &[u8],
    passphrase: &str,
    public_key: &[u8],
) -> Result<Option<Opened>> {
    let opened = match p12::open(bytes, passphrase) {
        Ok(o) => o,
        Err(P12Error::WrongPassphrase) => return Ok(None),
        Err(e) => return Err(p12_error(e)),
    };
    let spki = crate::digital_signature::keys::public_key_der(&opened.key).map_err(key_error)?;
    if spki != public_key {
        return Err(StoreError::Invalid(
            "Berkas kunci itu bukan kunci yang tercatat di program ini.".into(),
        ));
    }
    Ok(Some(opened))
}

/// Writes a .p12 file whole (a temporary file, then its name). A file already there is never
/// replaced: it may be another key, or not ours at all.
pub(super) fn write_key_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let shown = path.display();
    if path.exists() {
        return Err(StoreError::Invalid(format!(
            "Berkas {shown} sudah ada; pilih nama lain (berkas yang ada tidak ditimpa)."
        )));
    }
    let tmp = path.with_extension("tmp-kunci");
    let written = (|| {
        use std::io::Write;
        let mut f = std::fs::File::create_new(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        StoreError::Invalid(format!("Kunci tidak bisa ditulis ke {shown}: {e}."))
    })
}

/// Puts a new .p12 where its holder chose: the bytes for the database (`None` when on a
/// disk) and the file's path. A file is written before the transaction commits; `written` says
/// so to `KeyPlace::settle`, which removes it when the commit fails.
pub(super) fn place_p12(
    place: &KeyPlace,
    bytes: Vec<u8>,
    written: &Cell<bool>,
) -> Result<(Option<Vec<u8>>, Option<String>)> {
    match place {
        KeyPlace::Program => Ok((Some(bytes), None)),
        KeyPlace::File(path) => {
            write_key_file(path, &bytes)?;
            written.set(true);
            Ok((None, Some(path.to_string_lossy().to_string())))
        }
    }
}

impl KeyPlace {
    /// After the transaction that may have written this place's new file (`place_p12` sets
    /// `written`): when it failed after the file was written, the file goes again (it was new:
    /// nothing else is lost; a file that was there before is never written, so never removed).
    pub(super) fn settle<T>(&self, done: Result<T>, written: &Cell<bool>) -> Result<T> {
        if done.is_err()
            && written.get()
            && let KeyPlace::File(path) = self
        {
            let _ = std::fs::remove_file(path);
        }
        done
    }
}

/// Retires a signer's live key: wiped from the database, its certificate (if any) on the
/// office root's next CRL with `reason`. In the caller's transaction.
pub(super) fn retire_key_in(
    w: &Write,
    official_id: i64,
    reason: Reason,
    actor: &Actor,
    why: &str,
) -> Result<bool> {
    let name: String = w.query_row(
        "SELECT name FROM officials WHERE id = ?1",
        [official_id],
        |r| r.get(0),
    )?;
    let retired = w.execute(
        "UPDATE signer_keys SET retired_at = ?2, retire_reason = ?3, p12 = NULL
         WHERE official_id = ?1 AND retired_at IS NULL",
        params![official_id, w.time(), reason.as_db()],
    )?;
    if retired > 0 {
        w.audit(
            actor,
            None,
            "kunci.dicabut",
            &format!("Kunci dan sertifikat tanda tangan {name} tidak berlaku lagi: {why}"),
        )?;
    }
    Ok(retired > 0)
}

/// A PIN reset: the signer's certificate is retired (the person who forgot a PIN may have
/// lost more); a new key needs them present and the root holder's approval. The office root
/// is kept: its key is under its holder's passphrase, not the PIN.
pub(super) fn retire_keys_in(w: &Write, official_id: i64, actor: &Actor) -> Result<()> {
    retire_key_in(
        w,
        official_id,
        Reason::Superseded,
        actor,
        "PIN-nya diatur ulang; kunci baru dibuat oleh pemiliknya dan disetujui pemegang sertifikat kantor",
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use crate::store::Store;
    use crate::store::test_support::database_at;

    /// A database of before (schema 10) whose keys were sealed under PINs: they are wiped and
    /// retired at open (their certificates kept for history), their root stops issuing, and a
    /// pengelola makes the new root with a passphrase.
    #[test]
    fn keys_sealed_under_a_pin_are_wiped_and_retired_by_the_upgrade() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lama.db");
        {
            let c = database_at(&path, 10);
            c.execute_batch(
                "INSERT INTO officials (id, name, nip, active, pengelola) VALUES (1, 'Pengelola Lama', NULL, 1, 1), (2, 'Kepala Lama', NULL, 1, 0);
                 INSERT INTO official_lanes VALUES (1, 'tim'), (2, 'kepala');
                 INSERT INTO office_roots (id, cert, fingerprint, sealed_key, holder_id, created_at)
                 VALUES (1, x'3000', printf('%095d', 1), x'53524B32', 1, '2025-01-02T09:00:00+08:00');
                 INSERT INTO signer_keys (id, official_id, public_key, sealed_key, cert, root_id, fingerprint, created_at)
                 VALUES (1, 2, x'3000', x'53524B32', x'3000', 1, printf('%095d', 2), '2025-01-02T09:00:00+08:00');",
            )
            .unwrap();
        }
        let s = Store::open(&path).unwrap();
        let c = Connection::open(&path).unwrap();
        let (retired, reason, p12): (Option<String>, Option<String>, Option<Vec<u8>>) = c
            .query_row(
                "SELECT retired_at, retire_reason, p12 FROM signer_keys WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert!(retired.is_some());
        assert_eq!(reason.as_deref(), Some("superseded"));
        assert_eq!(p12, None);
        // No column keeps a sealed key any more.
        let sealed_columns: i64 = c
            .query_row(
                "SELECT (SELECT count(*) FROM pragma_table_info('signer_keys') WHERE name = 'sealed_key')
                      + (SELECT count(*) FROM pragma_table_info('office_roots') WHERE name = 'sealed_key')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(sealed_columns, 0);
        assert!(
            s.office_root().unwrap().is_none(),
            "the old root issues nothing"
        );
        assert!(s.signer_key(2).unwrap().is_none());
        assert_eq!(s.office_roots().unwrap().len(), 1, "kept as history");
    }
}
