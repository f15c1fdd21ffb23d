//! One program per database: a second copy on the same file is told so and does not write.
//!
//! The lock is an OS file lock on `<db>.lock`, released by the OS when the process ends, so a
//! crash or a kill never leaves the database locked.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// Held for as long as the program runs.
#[derive(Debug)]
pub struct InstanceLock {
    /// `None` where no lock file can be made (a write-protected folder, a full disk): there
    /// the database cannot be written either, so two windows cannot overwrite each other.
    _file: Option<File>,
    pub path: PathBuf,
}

#[derive(Debug)]
pub enum LockError {
    /// Another copy of the program has this database open.
    InUse(PathBuf),
    Io(std::io::Error),
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::InUse(db) => write!(
                f,
                "Basis data \"{}\" sedang dibuka oleh program SOP RKT lain di komputer ini. Tutup jendela yang lain itu dulu, lalu buka lagi; dua jendela pada satu berkas dapat saling menimpa pekerjaan.",
                db.display()
            ),
            LockError::Io(e) => write!(
                f,
                "Berkas kunci basis data tidak bisa dibuat: {}",
                crate::domain::io_words::explain(e)
            ),
        }
    }
}

pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    db.with_file_name(name)
}

/// Takes the lock of `db`, or says that another copy holds it.
pub fn acquire(db: &Path) -> Result<InstanceLock, LockError> {
    let path = lock_path(db);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(LockError::Io)?;
    }
    let file = match OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if cannot_write_here(&e) => {
            log::warn!(
                "kunci {} tidak bisa dibuat ({e}); basis data hanya dibaca",
                path.display()
            );
            return Ok(InstanceLock { _file: None, path });
        }
        Err(e) => return Err(LockError::Io(e)),
    };
    match file.try_lock() {
        Ok(()) => Ok(InstanceLock {
            _file: Some(file),
            path,
        }),
        Err(TryLockError::WouldBlock) => Err(LockError::InUse(db.to_path_buf())),
        Err(TryLockError::Error(e)) => Err(LockError::Io(e)),
    }
}

fn cannot_write_here(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        PermissionDenied | ReadOnlyFilesystem | StorageFull
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_copy_is_refused_until_the_first_ends() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("Data RKT Ñ").join("sop-rkt.db");
        let first = acquire(&db).unwrap();
        assert!(first.path.ends_with("sop-rkt.db.lock"));
        let err = acquire(&db).unwrap_err();
        assert!(matches!(err, LockError::InUse(_)));
        assert!(
            err.to_string()
                .contains("sedang dibuka oleh program SOP RKT lain")
        );
        drop(first);
        assert!(acquire(&db).is_ok());
    }

    #[test]
    fn different_databases_do_not_block_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let _a = acquire(&dir.path().join("a.db")).unwrap();
        assert!(acquire(&dir.path().join("b.db")).is_ok());
    }
}
