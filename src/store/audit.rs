//! `audit_log`: append-only (triggers refuse UPDATE and DELETE). Every write of the program
//! appends its row inside the transaction that makes the change.

use chrono::{FixedOffset, NaiveDateTime};
use rusqlite::{Connection, params};

use super::{Result, Store, time_from_db, time_to_db};
use crate::domain::workflow::Actor;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: NaiveDateTime,
    pub year: Option<i32>,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub action: String,
    pub step: Option<u32>,
    pub detail: String,
}

/// What a new audit row says; `append` stamps it.
pub(crate) struct NewAudit<'a> {
    pub at: NaiveDateTime,
    pub year: Option<i32>,
    pub actor_id: Option<i64>,
    pub actor_name: &'a str,
    pub action: &'a str,
    pub step: Option<u32>,
    pub detail: &'a str,
}

pub(crate) fn append(conn: &Connection, offset: FixedOffset, a: NewAudit) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_log (at, year, actor_id, actor_name, action, step, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            time_to_db(a.at, offset),
            a.year,
            a.actor_id,
            a.actor_name,
            a.action,
            a.step,
            a.detail
        ],
    )?;
    // Its link in the same transaction: every row, whoever writes it, is chained.
    super::audit_chain::link_row(conn, conn.last_insert_rowid())
}

/// Appends the audit row of a change made by `actor` outside the workflow (no step): to a
/// year's FORMAT RKT or draft (`year`), or to the office's data (`None`).
pub(crate) fn append_by(
    conn: &Connection,
    offset: FixedOffset,
    actor: &Actor,
    now: NaiveDateTime,
    year: Option<i32>,
    action: &str,
    detail: &str,
) -> Result<()> {
    append(
        conn,
        offset,
        NewAudit {
            at: now,
            year,
            actor_id: actor.official_id(),
            actor_name: &actor.name,
            action,
            step: None,
            detail,
        },
    )
}

/// How the Riwayat names an action code.
pub fn action_label(code: &str) -> &str {
    ACTIONS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("Perubahan data", |(_, label)| label)
}

/// Every action the store records, with what the Riwayat calls it. A code missing here would
/// show as "Perubahan data"; the test below reads the store's sources so none is missed.
const ACTIONS: &[(&str, &str)] = &[
    ("siklus.mulai", "Memulai siklus RKT"),
    ("langkah.selesai", "Menyelesaikan langkah"),
    ("langkah.terima", "Menerima dan menandatangani"),
    ("langkah.ya", "Memutuskan: Ya"),
    ("langkah.kembali", "Mengembalikan untuk koreksi"),
    ("pengaturan.kantor", "Mengubah data kantor"),
    ("pengaturan.jam_kerja", "Mengubah jam kerja"),
    ("pengaturan.kertas", "Mengubah kertas cetak"),
    ("pejabat.tambah", "Menambah pejabat"),
    ("pejabat.ubah", "Mengubah data pejabat"),
    ("libur.tambah", "Menambah hari libur"),
    ("libur.hapus", "Menghapus hari libur"),
    ("ttd.pin", "Mengatur PIN tanda tangan"),
    ("pin.pertama", "Membuat PIN pribadi"),
    ("pin.ganti", "Mengganti PIN pribadi"),
    ("pin.atur_ulang", "Mengatur ulang PIN pejabat"),
    ("pengaturan.menit_diam", "Mengubah batas keluar otomatis"),
    ("rkt.atas_nama", "Mengisi FORMAT RKT atas nama unit"),
    ("sertifikat.percaya", "Mempercayai sertifikat kantor"),
    ("kantor.gambar", "Mengganti gambar kantor"),
    ("rkt.impor", "Mengimpor FORMAT RKT dari Excel"),
    ("rkt.hapus_baris", "Menghapus baris FORMAT RKT"),
    ("rkt.pulihkan_baris", "Mengembalikan baris FORMAT RKT"),
    ("rkt.kumpulkan", "Mengumpulkan FORMAT RKT"),
    ("rkt.buka_kembali", "Membuka kembali FORMAT RKT"),
    ("rkt.mulai_dari", "Memulai FORMAT RKT dari tahun lalu"),
    (
        "rkt.mulai_dari_batal",
        "Membatalkan FORMAT RKT yang dibawa dari tahun lalu",
    ),
    (
        "rkt.mulai_dari_ulang",
        "Mengulang FORMAT RKT yang dibawa dari tahun lalu",
    ),
    ("draf.kompilasi", "Menyusun Draft RKT"),
    ("draf.koreksi", "Mengoreksi Draft RKT"),
    ("renstra.tambah", "Menambah indikator Renstra"),
    ("renstra.periode", "Menambah periode Renstra"),
    ("kode.simpan", "Menyimpan kode program/kegiatan"),
    ("kode.impor", "Mengimpor daftar kode dari Excel"),
    ("pk.tandatangan", "Menandatangani Perjanjian Kinerja"),
    (
        "rencana_aksi.mulai",
        "Memulai Rencana Aksi dari Perjanjian Kinerja",
    ),
    ("rencana_aksi.impor", "Mengimpor Rencana Aksi dari Excel"),
    (
        "rencana_aksi.riwayat",
        "Mencatat realisasi tahun sebelumnya",
    ),
    ("realisasi.impor", "Mengimpor realisasi triwulan dari Excel"),
    ("realisasi.lapor", "Melaporkan realisasi triwulan"),
    (
        "realisasi.buka_kembali",
        "Membuka kembali realisasi triwulan",
    ),
    ("bukti.tambah", "Menambah bukti dukung"),
    ("laporan.tandatangan", "Menandatangani laporan kinerja"),
    ("bukti.hapus", "Menghapus bukti dukung"),
    (
        "pengaturan.batas_realisasi",
        "Mengubah batas laporan realisasi",
    ),
    (
        "pengaturan.skala_capaian",
        "Mengubah skala kategori capaian",
    ),
    ("renstra.impor", "Mengimpor Renstra dari Excel"),
    ("sumber_dana.tambah", "Menambah sumber dana"),
    ("crl.terima", "Menerima daftar pencabutan sertifikat (CRL)"),
    (
        "crl.terbit",
        "Menerbitkan daftar pencabutan sertifikat (CRL)",
    ),
    ("sertifikat.kantor", "Membuat sertifikat kantor"),
    ("sertifikat.terbit", "Menyetujui sertifikat tanda tangan"),
    ("kunci.baru", "Membuat kunci tanda tangan"),
    ("kunci.dicabut", "Mencabut kunci tanda tangan"),
    (
        "kunci.flashdisk",
        "Memindah kunci tanda tangan ke flash disk",
    ),
];

impl Store {
    /// The audit rows of a year (and the year-less ones, such as settings, when `year` is None),
    /// newest first.
    pub fn audit_for_year(&self, year: Option<i32>, limit: usize) -> Result<Vec<AuditEntry>> {
        self.audit_where("year IS ?1", year, limit)
    }

    /// What the Riwayat of `year` lists, newest first: the year's rows, and the office's
    /// changes to the data its FORMAT RKT picks from (Renstra, codes, sumber dana: imports and
    /// edits), which belong to no one year.
    pub fn riwayat(&self, year: i32, limit: usize) -> Result<Vec<AuditEntry>> {
        self.audit_where(
            "year IS ?1 OR (year IS NULL AND (action LIKE 'renstra.%'
                   OR action LIKE 'kode.%' OR action LIKE 'sumber_dana.%'))",
            Some(year),
            limit,
        )
    }

    /// Audit rows matching `filter` (an SQL condition on ?1 = `year`), newest first.
    fn audit_where(
        &self,
        filter: &str,
        year: Option<i32>,
        limit: usize,
    ) -> Result<Vec<AuditEntry>> {
        let offset = self.settings()?.offset();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, at, year, actor_id, actor_name, action, step, detail FROM audit_log
             WHERE {filter} ORDER BY id DESC LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![year, limit as i64], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: time_from_db(&r.get::<_, String>(1)?, offset),
                year: r.get(2)?,
                actor_id: r.get(3)?,
                actor_name: r.get(4)?,
                action: r.get(5)?,
                step: r.get(6)?,
                detail: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn audit_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_recorded_action_reads_as_indonesian_in_the_riwayat() {
        let sources = [
            include_str!("cycles.rs"),
            include_str!("drafts.rs"),
            include_str!("holidays.rs"),
            include_str!("master.rs"),
            include_str!("officials.rs"),
            include_str!("rkt_rows.rs"),
            include_str!("settings.rs"),
            include_str!("signing.rs"),
            include_str!("archive.rs"),
            include_str!("trusted.rs"),
        ];
        let mut seen = 0;
        for src in sources {
            // The code is the literal of the shape "word.word" in each call that records
            // (`Write::audit`).
            for call in src.split(".audit(").skip(1) {
                let call = &call[..call.find(")?;").unwrap_or(call.len())];
                for lit in call.split('"').skip(1).step_by(2) {
                    let parts = lit.split('.').collect::<Vec<_>>();
                    let is_code = parts.len() == 2
                        && parts.iter().all(|p| {
                            !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                        });
                    if is_code {
                        seen += 1;
                        assert!(
                            ACTIONS.iter().any(|(c, _)| *c == lit),
                            "{lit} has no Indonesian label"
                        );
                    }
                }
            }
        }
        assert!(seen >= 15, "the scan found the codes ({seen})");
        for (_, label) in ACTIONS {
            assert!(!label.contains('.') && !label.contains('_'), "{label}");
        }
    }

    #[test]
    fn the_audit_log_is_append_only() {
        let store = Store::open_in_memory().unwrap();
        let t = chrono::NaiveDate::from_ymd_opt(2026, 2, 2)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap();
        append(
            &store.conn,
            crate::domain::calendar::wita(),
            NewAudit {
                at: t,
                year: Some(2026),
                actor_id: None,
                actor_name: "Uji",
                action: "siklus.mulai",
                step: None,
                detail: "",
            },
        )
        .unwrap();
        let upd = store
            .conn
            .execute("UPDATE audit_log SET actor_name = 'Lain'", []);
        assert!(
            upd.unwrap_err()
                .to_string()
                .contains("hanya boleh ditambah")
        );
        let del = store.conn.execute("DELETE FROM audit_log", []);
        assert!(
            del.unwrap_err()
                .to_string()
                .contains("hanya boleh ditambah")
        );
        let rows = store.audit_for_year(Some(2026), 10).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].actor_name, "Uji");
        assert_eq!(rows[0].at, t);
    }
}
