//! Databases that cannot be written: a write-protected file or folder (opened read-only, or
//! `immutable` when SQLite cannot even make WAL's shared-memory file), and a disk that is full
//! when the program starts. The store shows them and refuses every write with the cause.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::Result;

/// Why a database was opened for reading only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unwritable {
    /// A write-protected file or folder (the Windows "Read-only" box, a CD, a locked flash disk).
    Protected,
    /// No space was left on the disk when the program started.
    DiskFull,
}

/// A WAL database in a folder that cannot be written cannot make its shared-memory file, and
/// SQLite then refuses even to read it.
pub(super) fn cannot_write(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen)
    )
}

pub(super) fn is_io_error(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::SystemIoFailure | rusqlite::ErrorCode::DiskFull)
    )
}

/// Whether the disk holding `path` has no room: a small file of our own is tried beside it
/// (created new, never someone else's) and removed.
pub(super) fn disk_full(path: &Path) -> bool {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let probe = dir.join(format!(".sop-rkt-ruang-{}", std::process::id()));
    let result = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .and_then(|mut f| {
            f.write_all(&[0u8; 64 * 1024])?;
            f.sync_all()
        });
    let full = matches!(&result, Err(e) if e.kind() == std::io::ErrorKind::StorageFull);
    if !matches!(&result, Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists) {
        let _ = std::fs::remove_file(&probe);
    }
    full
}

/// A WAL file with content: commits that are not yet in the database file itself.
pub(super) fn wal_pending(path: &Path) -> bool {
    std::fs::metadata(super::sidecar(path, "-wal"))
        .map(|m| m.len() > 0)
        .unwrap_or(false)
}

/// Opens a file nobody can write as it lies on disk (`immutable=1`: no journal, no WAL, no
/// locks), so a database on a write-protected flash disk or CD can still be read.
pub(super) fn open_unwritable(path: &Path) -> Result<Connection> {
    Ok(Connection::open_with_flags(
        immutable_uri(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?)
}

/// `file:` URI of a path (RFC 3986 escapes for the characters SQLite's URI parser treats
/// specially; Windows paths as `file:///C:/...`).
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    let mut text = path.to_string_lossy().into_owned();
    if cfg!(windows) {
        text = text.replace('\\', "/");
    }
    if !text.starts_with('/') {
        uri.push_str("///");
    } else {
        uri.push_str("//");
    }
    for ch in text.chars() {
        match ch {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3F"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn unwritable_files_are_opened_by_uri_with_their_special_characters() {
        assert_eq!(
            immutable_uri(Path::new("/media/flash/RKT #2 50%?.db")),
            "file:///media/flash/RKT %232 50%25%3F.db?immutable=1"
        );
        #[cfg(windows)]
        assert_eq!(
            immutable_uri(Path::new("E:\\Arsip RKT\\rkt.db")),
            "file:///E:/Arsip RKT/rkt.db?immutable=1"
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Data #1 100%");
        std::fs::create_dir(&path).unwrap();
        let db = path.join("rkt?.db");
        drop(Store::open(&db).unwrap());
        let c = open_unwritable(&db).unwrap();
        assert!(c.is_readonly(rusqlite::MAIN_DB).unwrap());
        let units: i64 = c
            .query_row("SELECT count(*) FROM units", [], |r| r.get(0))
            .unwrap();
        assert_eq!(units, 7);
    }
}
