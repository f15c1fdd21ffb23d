//! Copies of the database: on the first start of each day, before compiling, signing and
//! importing, and on request to a place the user chooses. Kept: the last 10, and one per month.
//! Only files named by this module are ever deleted; a restore first keeps the current state.

use std::path::{Path, PathBuf};

use chrono::{NaiveDateTime, Timelike};

use crate::domain::io_words::failed;
use crate::store::{Store, StoreError};

const PREFIX: &str = "sop-rkt-";
const SUFFIX: &str = ".db";
pub const KEEP_LAST: usize = 10;

/// Why a copy was made; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Daily,
    BeforeCompile,
    BeforeSign,
    BeforeImport,
    BeforeRestore,
}

impl Reason {
    fn slug(self) -> &'static str {
        match self {
            Reason::Daily => "harian",
            Reason::BeforeCompile => "sebelum-kompilasi",
            Reason::BeforeSign => "sebelum-tanda-tangan",
            Reason::BeforeImport => "sebelum-impor",
            Reason::BeforeRestore => "sebelum-pemulihan",
        }
    }

    fn from_slug(s: &str) -> Option<Reason> {
        [
            Reason::Daily,
            Reason::BeforeCompile,
            Reason::BeforeSign,
            Reason::BeforeImport,
            Reason::BeforeRestore,
        ]
        .into_iter()
        .find(|r| r.slug() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Reason::Daily => "harian",
            Reason::BeforeCompile => "sebelum kompilasi",
            Reason::BeforeSign => "sebelum tanda tangan",
            Reason::BeforeImport => "sebelum impor Excel",
            Reason::BeforeRestore => "sebelum pemulihan",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    pub at: NaiveDateTime,
    pub reason: Reason,
    pub size: u64,
}

pub fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join("cadangan")
}

fn file_name(at: NaiveDateTime, reason: Reason) -> String {
    format!(
        "{PREFIX}{}-{}{SUFFIX}",
        at.format("%Y%m%d-%H%M%S"),
        reason.slug()
    )
}

/// Our backup's time and reason from its name; `None` for any other file.
fn parse_name(name: &str) -> Option<(NaiveDateTime, Reason)> {
    let core = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (stamp, slug) = (core.get(..15)?, core.get(16..)?);
    let at = NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").ok()?;
    Some((at, Reason::from_slug(slug)?))
}

/// Every backup in `dir`, newest first.
pub fn list(dir: &Path) -> Vec<Backup> {
    let mut out: Vec<Backup> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let (at, reason) = parse_name(&name)?;
            Some(Backup {
                path: e.path(),
                at,
                reason,
                size: e.metadata().ok()?.len(),
            })
        })
        .collect();
    out.sort_by_key(|b| std::cmp::Reverse(b.at));
    out
}

/// A consistent copy of the database into `dir`, then the old copies thinned out.
pub fn make(
    store: &Store,
    dir: &Path,
    reason: Reason,
    now: NaiveDateTime,
) -> Result<Backup, StoreError> {
    std::fs::create_dir_all(dir).map_err(|e| {
        failed(
            e,
            format!("Folder cadangan {} tidak bisa dibuat", dir.display()),
        )
    })?;
    let mut at = now.with_nanosecond(0).unwrap_or(now);
    // Two copies in one second get distinct names.
    while dir.join(file_name(at, reason)).exists() {
        at += chrono::Duration::seconds(1);
    }
    let path = dir.join(file_name(at, reason));
    store.copy_to(&path)?;
    prune(dir);
    let size = std::fs::metadata(&path)?.len();
    Ok(Backup {
        path,
        at,
        reason,
        size,
    })
}

/// The daily copy, when today has none yet.
pub fn daily(store: &Store, dir: &Path, now: NaiveDateTime) -> Result<Option<Backup>, StoreError> {
    if list(dir).iter().any(|b| b.at.date() == now.date()) {
        return Ok(None);
    }
    make(store, dir, Reason::Daily, now).map(Some)
}

/// Which backups to keep: the `KEEP_LAST` newest, and the newest of every month.
pub fn to_delete(backups: &[Backup]) -> Vec<PathBuf> {
    let mut months_seen = std::collections::BTreeSet::new();
    backups
        .iter()
        .enumerate()
        .filter(|(i, b)| {
            let first_of_month = months_seen.insert(b.at.format("%Y-%m").to_string());
            *i >= KEEP_LAST && !first_of_month
        })
        .map(|(_, b)| b.path.clone())
        .collect()
}

fn prune(dir: &Path) {
    for path in to_delete(&list(dir)) {
        if let Err(e) = std::fs::remove_file(&path) {
            log::warn!("cadangan lama {} tidak terhapus: {e}", path.display());
        }
    }
}

/// Replaces the database of `store` with the backup `from`. The current state is kept as a
/// backup in `dir` first (nothing happens if that fails); then the database is closed, the copy
/// put in its place, and the database opened again, whether or not the copy could be put.
/// Returns the copy of the state before.
pub fn restore(
    store: &mut Store,
    from: &Path,
    dir: &Path,
    who: &crate::store::Identity,
    now: NaiveDateTime,
) -> Result<Backup, StoreError> {
    // Everything is replaced: a pengelola's act, whoever calls.
    store.require_pengelola(who)?;
    let db = store.path().ok_or_else(|| {
        StoreError::Invalid("Basis data ini hanya di memori; tidak ada yang dipulihkan.".into())
    })?;
    // A write-protected database stays as it is; a disk full since the start has no room.
    if let Some(why) = store.unwritable() {
        return Err(StoreError::Unwritable(why));
    }
    // Only a database of ours is put in place.
    Store::check_file(from)?;
    let keep = make(store, dir, Reason::BeforeRestore, now)?;
    drop(std::mem::replace(store, Store::open_in_memory()?));
    let put = restore_file(from, &db);
    *store = Store::open(&db)?;
    put?;
    Ok(keep)
}

/// What a restore says when done.
pub fn restored(from: &Path, keep: &Backup) -> String {
    format!(
        "Data dipulihkan dari {}. Keadaan sebelumnya tersimpan sebagai {}.",
        from.display(),
        keep.path.display()
    )
}

/// Puts the backup `from` in place of the closed database file `db`.
fn restore_file(from: &Path, db: &Path) -> Result<(), StoreError> {
    let tmp = db.with_extension("db.pulih");
    if let Err(e) = std::fs::copy(from, &tmp) {
        // A full disk: the half copy is ours to remove; the database was not touched.
        let _ = std::fs::remove_file(&tmp);
        return Err(StoreError::Invalid(format!(
            "Cadangan tidak bisa dipulihkan: {}. Basis data tidak diubah; keadaan sekarang tetap dipakai.",
            crate::domain::io_words::explain(&e)
        )));
    }
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(crate::store::sidecar(db, side));
    }
    std::fs::rename(&tmp, db)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn names_round_trip_and_others_are_ignored() {
        let name = file_name(t(2027, 1, 4, 9), Reason::BeforeSign);
        assert_eq!(name, "sop-rkt-20270104-090000-sebelum-tanda-tangan.db");
        assert_eq!(
            parse_name(&name),
            Some((t(2027, 1, 4, 9), Reason::BeforeSign))
        );
        for other in [
            "sop-rkt.db",
            "sop-rkt-2027.db",
            "catatan.txt",
            "sop-rkt-20270104-090000-x.db",
        ] {
            assert_eq!(parse_name(other), None, "{other}");
        }
    }

    /// `n` daily copies `every` days apart from 1 January, newest first (as `list` gives them).
    fn copies(n: i64, every: i64) -> Vec<Backup> {
        (0..n)
            .rev()
            .map(|i| {
                let at = t(2027, 1, 1, 8) + chrono::Duration::days(i * every);
                Backup {
                    path: PathBuf::from(file_name(at, Reason::Daily)),
                    at,
                    reason: Reason::Daily,
                    size: 1,
                }
            })
            .collect()
    }

    #[test]
    fn keeps_the_last_ten_and_one_per_month() {
        let backups = copies(40, 1);
        let gone = to_delete(&backups);
        let kept: Vec<&Backup> = backups.iter().filter(|b| !gone.contains(&b.path)).collect();
        // The 10 newest (9 Feb back to 31 Jan) and the newest of January that is not among them?
        // January's newest is 31 Jan, already kept: so 10 in all.
        assert_eq!(kept.len(), 10);
        assert_eq!(kept[0].at, t(2027, 2, 9, 8));
        // With copies over three months, each month keeps one.
        let spread = copies(30, 3);
        let gone = to_delete(&spread);
        let kept: Vec<&Backup> = spread.iter().filter(|b| !gone.contains(&b.path)).collect();
        let months: std::collections::BTreeSet<String> = spread
            .iter()
            .map(|b| b.at.format("%Y-%m").to_string())
            .collect();
        for m in &months {
            assert!(
                kept.iter().any(|b| b.at.format("%Y-%m").to_string() == *m),
                "{m}"
            );
        }
        assert_eq!(
            kept.len(),
            10 + months.len() - 1,
            "10 newest + older months' newest"
        );
    }
}
