//! The embedded SQLite store: one file per table, numbered migrations, schema checked on open.
//!
//! Every write is one transaction that also appends its audit row, so a change and its record
//! are committed together or not at all.

mod archive;
mod audit;
mod audit_chain;
mod authority;
mod carry;
mod cycles;
mod demo;
mod demo_year;
mod drafts;
mod evidence;
mod holidays;
mod identity;
mod key_requests;
mod master;
mod master_import;
mod measure;
pub(crate) mod migrations;
mod notes;
mod officials;
mod pk;
mod plan;
mod realisation;
mod reports;
mod rkt_rows;
mod sealed_keys;
mod secrets;
mod settings;
mod signer_keys;
mod signing;
#[cfg(test)]
pub(crate) mod test_support;
mod trusted;
mod units;
mod unwritable;
mod write;
#[cfg(test)]
mod year_after_tests;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use crate::digital_signature::audit_head::{
    head_text, parse_head, short_head, signed_audit_head,
};
pub use archive::ArchiveEntry;
pub use audit::{AuditEntry, action_label};
pub use audit_chain::ChainReport;
pub use carry::Carried;
pub use cycles::CycleRow;
pub use demo::{DEMO_BUPATI, DEMO_PASSPHRASE, DEMO_PIN, DemoReport};
pub use drafts::{Correction, DraftInfo};
pub use evidence::EvidenceEntry;
pub use holidays::Holiday;
pub use identity::{Identity, PinState, SignIn};
pub use key_requests::{CRL_DAYS, CRL_RENEW_DAYS, CrlNeed, IssuedCert, KeyRequest};
pub use master::{BudgetCode, Indikator, MasterData, RenstraPeriod, Sasaran};
pub use master_import::MasterPlan;
pub use measure::{DUE_DAYS_DEFAULT, DUE_DAYS_RANGE};
pub use migrations::latest as latest_schema_version;
pub use notes::Note;
pub use officials::{Official, OfficialInput};
pub use pk::{PkEntry, PkFacts, RenderPk};
pub use plan::{PlanProblem, PlanRow};
pub use realisation::{BudgetRow, RealRow, RealStatus, RealSubmission};
pub use reports::{RenderReport, ReportEntry, ReportFacts, ReportKind};
pub use rkt_rows::{RktRow, Submission, UnitStatus};
pub use sealed_keys::{KeyPlace, fast_keys_for_tests};
pub use secrets::StoredSecret;
pub use settings::{IDLE_MINUTES, OfficeSettings, Settings};
pub use signer_keys::{OfficeRoot, SignerKey, UnlockedKey};
pub use signing::{
    HeadSigning, ImageRole, MAX_IMAGE_BYTES, RenderSigned, SealedImages, Signature, SignatureFacts,
    ToSign,
};
pub use trusted::TrustedRoot;
pub use units::Unit;
pub use unwritable::Unwritable;
use unwritable::{cannot_write, disk_full, is_io_error, open_unwritable, wal_pending};

use crate::domain::io_words::{explain, failed, own_message};
use crate::domain::workflow::WorkflowError;

/// Marks our databases (`PRAGMA application_id`): "SOPR".
pub const APPLICATION_ID: i32 = 0x534F_5052;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

const READ_ONLY: &str = "Basis data hanya bisa dibaca (read-only): berkasnya bertanda hanya-baca atau foldernya tidak bisa ditulisi. Perubahan tidak disimpan.";

const DISK_FULL_AT_OPEN: &str = "Disk penuh: basis data tidak bisa dibuka karena perubahan terakhirnya belum selesai ditulis dan tidak ada ruang untuk menyelesaikannya. Kosongkan ruang disk (hapus atau pindahkan berkas yang tidak perlu), lalu buka lagi program ini; tidak ada data yang hilang.";

const READ_ONLY_OLD: &str = "Basis data ini dibuat oleh versi program yang lebih lama dan perlu diperbarui, tetapi berkasnya hanya bisa dibaca (read-only). Hilangkan tanda hanya-baca pada berkas atau foldernya, lalu buka lagi; berkas tidak diubah.";

#[derive(Debug)]
pub enum StoreError {
    /// The file exists and is not one of our databases; it was not touched.
    NotOurs(PathBuf),
    /// Written by a newer version of the program; it was not touched.
    TooNew {
        found: i64,
        supported: i64,
    },
    /// Input that breaks a rule; nothing was written.
    Invalid(String),
    /// "Periksa keaslian": the file is not a signed RKT of the archive (not a failure of the
    /// check itself; the command line exits 1 for it, 2 for an error).
    NotAuthentic(String),
    Workflow(WorkflowError),
    /// The database was opened for reading only; refused before SQLite is asked.
    Unwritable(Unwritable),
    Sqlite(rusqlite::Error),
    Io(std::io::Error),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::NotOurs(p) => write!(
                f,
                "Berkas \"{}\" bukan basis data SOP RKT. Berkas itu tidak diubah; pilih berkas lain atau biarkan program membuat yang baru.",
                p.display()
            ),
            StoreError::TooNew { found, supported } => write!(
                f,
                "Basis data ini dibuat oleh versi program yang lebih baru (skema {found}, program ini mengenal sampai {supported}). Pasang versi terbaru program; berkas tidak diubah."
            ),
            StoreError::Invalid(msg) | StoreError::NotAuthentic(msg) => f.write_str(msg),
            StoreError::Workflow(e) => write!(f, "{e}"),
            StoreError::Unwritable(Unwritable::Protected) => f.write_str(READ_ONLY),
            StoreError::Unwritable(Unwritable::DiskFull) => f.write_str(
                "Disk penuh sejak program dibuka, jadi basis data hanya bisa dibaca; perubahan ini tidak disimpan. Kosongkan ruang disk, lalu tutup dan buka lagi program.",
            ),
            StoreError::Sqlite(e) => match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                    f.write_str("Basis data sedang dipakai program lain; coba lagi sebentar lagi.")
                }
                Some(rusqlite::ErrorCode::ReadOnly) => f.write_str(READ_ONLY),
                Some(rusqlite::ErrorCode::DiskFull) => f.write_str(
                    "Disk penuh; perubahan tidak disimpan. Kosongkan ruang disk lalu ulangi.",
                ),
                Some(rusqlite::ErrorCode::SystemIoFailure) => f.write_str(
                    "Disk tidak bisa ditulisi atau dibaca (disk penuh, flash disk tercabut, atau disk rusak); perubahan tidak disimpan. Periksa ruang disk lalu ulangi.",
                ),
                Some(rusqlite::ErrorCode::CannotOpen) => f.write_str(
                    "Berkas basis data tidak bisa dibuka (foldernya tidak ada atau akses ditolak).",
                ),
                Some(
                    rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase,
                ) => f.write_str(
                    "Basis data rusak. Pulihkan salinan terakhir di Pengaturan → Cadangan Data.",
                ),
                Some(rusqlite::ErrorCode::ConstraintViolation) => f.write_str(
                    "Data ini bertentangan dengan data yang sudah tersimpan; tidak disimpan.",
                ),
                Some(rusqlite::ErrorCode::TooBig) => {
                    f.write_str("Data terlalu besar untuk disimpan; tidak disimpan.")
                }
                Some(rusqlite::ErrorCode::OutOfMemory) => {
                    f.write_str("Memori komputer tidak cukup; perubahan tidak disimpan.")
                }
                // What no user can act on: said plainly, SQLite's words kept for the IT staff.
                _ => write!(
                    f,
                    "Kesalahan basis data yang tidak terduga. (Rincian untuk petugas TI: {e})"
                ),
            },
            // Our own messages (a file that exists, one too large) say everything already.
            StoreError::Io(e) => match own_message(e) {
                Some(message) => f.write_str(&message),
                None => write!(f, "Kesalahan berkas: {}", explain(e)),
            },
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::Io(e)
    }
}

impl From<WorkflowError> for StoreError {
    fn from(e: WorkflowError) -> Self {
        StoreError::Workflow(e)
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

pub struct Store {
    conn: Connection,
    unwritable: Option<Unwritable>,
}

impl Store {
    /// Opens (or creates) the database at `path`. A file that is not ours, or that a newer
    /// version wrote, is refused before anything is written to it.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_checking(path, true)
    }

    /// Another connection to the database this process already has open (and checked with
    /// `open`), for slow work beside the window. The file is not read again with an ordinary
    /// file handle: on Linux and macOS closing any handle to a file drops every lock the process
    /// holds on it, SQLite's included, and a script reading the file beside the window would
    /// then checkpoint and remove the WAL from under the window's connection.
    pub fn open_again(path: &Path) -> Result<Store> {
        Store::open_checking(path, false)
    }

    fn open_checking(path: &Path, check: bool) -> Result<Store> {
        let existing = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if existing > 0 {
            if check {
                check_foreign(path)?;
            }
        } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| failed(e, format!("Folder {} tidak bisa dibuat", dir.display())))?;
        }
        let opened = Connection::open(path).and_then(|c| {
            // WAL's shared-memory file is only looked for at the first read.
            c.query_row("PRAGMA schema_version", [], |_| Ok(()))?;
            Ok(c)
        });
        let (conn, cause) = match opened {
            Ok(c) => {
                let cause = c
                    .is_readonly(rusqlite::MAIN_DB)
                    .unwrap_or(false)
                    .then_some(Unwritable::Protected);
                (c, cause)
            }
            Err(e) if cannot_write(&e) => (open_unwritable(path)?, Some(Unwritable::Protected)),
            // A full disk cannot even hold WAL's small files: shown read-only, unless a WAL
            // with commits not yet in the file is there (reading past it would show old data).
            Err(e) if is_io_error(&e) && disk_full(path) && !wal_pending(path) => {
                (open_unwritable(path)?, Some(Unwritable::DiskFull))
            }
            Err(e) if is_io_error(&e) && disk_full(path) => {
                return Err(StoreError::Invalid(DISK_FULL_AT_OPEN.into()));
            }
            Err(e) => return Err(e.into()),
        };
        let mut store = Store::init(conn)?;
        store.unwritable = cause;
        Ok(store)
    }

    /// Why nothing can be saved, when the file could be opened for reading only.
    pub fn unwritable(&self) -> Option<Unwritable> {
        self.unwritable
    }

    /// Checks that a file is a database of ours that this version can open, without writing.
    pub fn check_file(path: &Path) -> Result<()> {
        check_foreign(path)
    }

    /// The file this store writes, `None` in memory.
    pub fn path(&self) -> Option<PathBuf> {
        self.conn
            .path()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
    }

    /// A consistent copy of the whole database into a new file (`VACUUM INTO`), written while
    /// the program goes on; an existing file is never overwritten.
    pub fn copy_to(&self, path: &Path) -> Result<()> {
        if path.exists() {
            return Err(StoreError::Invalid(format!(
                "Berkas {} sudah ada; pilih nama lain.",
                path.display()
            )));
        }
        let target = path.to_str().ok_or_else(|| {
            StoreError::Invalid(format!(
                "Nama berkas {} tidak bisa dipakai.",
                path.display()
            ))
        })?;
        if let Err(e) = self.conn.execute("VACUUM INTO ?1", [target]) {
            // The path did not exist: whatever the failed copy left there is ours, and a
            // half-written or empty "backup" must not pass for one.
            for leftover in [path.to_path_buf(), sidecar(path, "-journal")] {
                let _ = std::fs::remove_file(leftover);
            }
            if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) {
                return Err(StoreError::Invalid(format!(
                    "Disk tujuan penuh: cadangan {} tidak dibuat. Pilih disk lain atau kosongkan ruang, lalu ulangi.",
                    path.display()
                )));
            }
            return Err(e.into());
        }
        Ok(())
    }

    /// `PRAGMA integrity_check`: "ok", or what is wrong.
    pub fn integrity(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    /// A private database in memory, for tests and trials.
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?)
    }

    /// Runs `f` on a copy of this database in memory and, when it succeeds, puts the copy back
    /// in one step: all of it lands or none of it does, however many transactions `f` makes
    /// (the demo data: officials, master data, rows, a walked cycle, a signature, an archive).
    pub fn all_or_nothing<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        // Not `write`: `f` makes its own writes on the copy; this puts the whole copy back.
        use rusqlite::backup::{Backup, StepResult};
        if let Some(cause) = self.unwritable {
            return Err(StoreError::Unwritable(cause));
        }
        let mut copy = Store::open_in_memory()?;
        let whole = |from: &Connection, to: &mut Connection| -> Result<()> {
            // One step of every page: the destination changes in a single transaction.
            match Backup::new(from, to)?.step(-1)? {
                StepResult::Done => Ok(()),
                _ => Err(StoreError::Invalid(
                    "Basis data sedang dipakai program lain; coba lagi sebentar lagi.".into(),
                )),
            }
        };
        whole(&self.conn, &mut copy.conn)?;
        let value = f(&mut copy)?;
        whole(&copy.conn, &mut self.conn)?;
        Ok(value)
    }

    fn init(conn: Connection) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let read_only = conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false);
        if !read_only {
            // WAL keeps readers and the writer apart and survives a kill at any moment.
            conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
        }
        // FULL: a commit waits for the disk, so a step, a signature or an import survives a
        // power cut once reported. Cell edits, many a minute, use NORMAL (`light_write`).
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")?;
        let mut store = Store {
            conn,
            unwritable: None,
        };
        if read_only {
            // Shown as it is; a file that needs upgrading cannot be, and says so.
            if store.schema_version()? < migrations::latest() {
                return Err(StoreError::Invalid(READ_ONLY_OLD.into()));
            }
        } else {
            store.migrate()?;
        }
        Ok(store)
    }

    fn migrate(&mut self) -> Result<()> {
        let version = self.schema_version()?;
        let latest = migrations::latest();
        if version > latest {
            return Err(StoreError::TooNew {
                found: version,
                supported: latest,
            });
        }
        for (i, sql) in migrations::MIGRATIONS
            .iter()
            .enumerate()
            .skip(version as usize)
        {
            // Its own transaction, not `write`: a migration runs at open, before anyone acts,
            // and records no audit row.
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute_batch(sql)?;
            migrations::after(i as i64 + 1, &tx)?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// `PRAGMA integrity_check` says "ok".
    pub fn integrity_ok(&self) -> Result<bool> {
        let s: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(s == "ok")
    }

    fn write_tx(&mut self) -> Result<rusqlite::Transaction<'_>> {
        if let Some(cause) = self.unwritable {
            return Err(StoreError::Unwritable(cause));
        }
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// `f` in one write transaction, committed when it succeeds (rolled back when it fails).
    /// Under every write: a change with its audit row goes through `write` (write.rs); only
    /// writes without time or audit row (a row's place, the window's last choice) call it
    /// directly.
    fn in_write_tx<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self.write_tx()?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// `f`'s reads as one read transaction: one consistent snapshot, and one shared lock for
    /// all of them rather than a lock taken and given back per query (a page's or a document's
    /// dozens of queries). Inside a transaction already, `f` just runs in it. `f` keeps its own
    /// error type, so an export reads through it as well.
    pub fn read<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce() -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let began = self.begin_read()?;
        let value = f();
        self.end_read(began, value.is_ok())?;
        value
    }

    /// Starts a read transaction unless one is open; says whether it did (for `end_read`).
    pub fn begin_read(&self) -> Result<bool> {
        if !self.conn.is_autocommit() {
            return Ok(false);
        }
        self.conn.execute_batch("BEGIN DEFERRED")?;
        Ok(true)
    }

    /// Ends the read transaction `begin_read` started (nothing was written in it).
    pub fn end_read(&self, began: bool, ok: bool) -> Result<()> {
        if began && !self.conn.is_autocommit() {
            self.conn
                .execute_batch(if ok { "COMMIT" } else { "ROLLBACK" })?;
        }
        Ok(())
    }

    /// A small frequent write (a cell typed or left): committed without waiting for the disk.
    /// With WAL that still survives a killed program (tests/it/kill.rs); against a power cut it
    /// is made durable by the next ordinary commit, which syncs the whole log.
    fn light_write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        let result = self.in_write_tx(f);
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        result
    }

    /// Raw access for tests that must prove what the schema refuses.
    #[doc(hidden)]
    pub fn raw_connection(&self) -> &Connection {
        &self.conn
    }
}

/// A file SQLite keeps beside the database `db`: its `-wal`, `-shm` or `-journal`.
pub(crate) fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Refuses, without writing, a file that is not a database of ours or is from a newer version.
fn check_foreign(path: &Path) -> Result<()> {
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path)
        .map_err(|e| failed(e, format!("Berkas {} tidak bisa dibuka", path.display())))?;
    if file.read_exact(&mut header).is_err() || &header != SQLITE_MAGIC {
        return Err(StoreError::NotOurs(path.to_path_buf()));
    }
    drop(file);
    let app_id = |c: &Connection| c.query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0));
    let ro = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let (ro, app_id) = match app_id(&ro) {
        Ok(id) => (ro, id),
        Err(e) if cannot_write(&e) || is_io_error(&e) => {
            let ro = open_unwritable(path)?;
            let id = app_id(&ro)?;
            (ro, id)
        }
        Err(e) => return Err(e.into()),
    };
    let version: i64 = ro.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: i64 = ro.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    if app_id != APPLICATION_ID && (app_id != 0 || tables > 0) {
        return Err(StoreError::NotOurs(path.to_path_buf()));
    }
    if version > migrations::latest() {
        return Err(StoreError::TooNew {
            found: version,
            supported: migrations::latest(),
        });
    }
    Ok(())
}

/// Times are stored as RFC 3339 text with the office's offset ("2026-02-02T08:00:00+08:00").
pub(crate) fn time_to_db(t: NaiveDateTime, offset: FixedOffset) -> String {
    offset
        .from_local_datetime(&t)
        .single()
        .map(|d| d.to_rfc3339())
        .unwrap_or_else(|| t.format("%Y-%m-%dT%H:%M:%S").to_string())
}

pub(crate) fn time_from_db(s: &str, offset: FixedOffset) -> NaiveDateTime {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&offset).naive_local())
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_run_on_an_empty_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kosong.db");
        std::fs::write(&path, b"").unwrap();
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), migrations::latest());
        assert!(store.integrity_ok().unwrap());
        let units = store.units().unwrap();
        assert_eq!(units.len(), 7);
        let journal: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(journal, "wal");
        let fk: i64 = store
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let sync = |s: &Store| -> i64 {
            s.conn
                .query_row("PRAGMA synchronous", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(
            sync(&store),
            2,
            "FULL: reported commits survive a power cut"
        );
        drop(store);
        // Reopening does not migrate again.
        let store = Store::open(&path).unwrap();
        assert_eq!(store.units().unwrap().len(), 7);
    }

    #[test]
    fn a_text_file_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catatan.db");
        let bytes = b"Ini catatan rapat, bukan basis data.\n".repeat(50);
        std::fs::write(&path, &bytes).unwrap();
        let err = Store::open(&path).err().expect("refused");
        assert!(matches!(err, StoreError::NotOurs(_)));
        assert!(err.to_string().contains("bukan basis data SOP RKT"));
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
        assert!(!dir.path().join("catatan.db-wal").exists());
    }

    #[test]
    fn another_programs_database_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lain.db");
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch("CREATE TABLE pegawai (nama TEXT); INSERT INTO pegawai VALUES ('x');")
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        assert!(matches!(Store::open(&path), Err(StoreError::NotOurs(_))));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_newer_database_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baru.db");
        drop(Store::open(&path).unwrap());
        {
            let c = Connection::open(&path).unwrap();
            c.pragma_update(None, "user_version", migrations::latest() + 1)
                .unwrap();
            c.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).err().expect("refused");
        assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
        assert!(err.to_string().contains("versi program yang lebih baru"));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn times_round_trip_with_the_office_offset() {
        let off = crate::domain::calendar::wita();
        let t = chrono::NaiveDate::from_ymd_opt(2026, 2, 2)
            .unwrap()
            .and_hms_opt(8, 15, 0)
            .unwrap();
        let s = time_to_db(t, off);
        assert_eq!(s, "2026-02-02T08:15:00+08:00");
        assert_eq!(time_from_db(&s, off), t);
        // A time written elsewhere (UTC) reads back in office time.
        assert_eq!(time_from_db("2026-02-02T00:15:00+00:00", off), t);
    }
}
