//! The Realisasi page's form state and words, shared by the page (realisasi.rs) and its parts
//! (the indikator table, the budget table, the evidence).

use std::collections::HashMap;

use super::grid_form::GridState;

pub(super) mod text {
    pub const QUARTER: &str = "Triwulan";
    pub const SUBMIT: &str = "Laporkan Realisasi";
    pub const REOPEN: &str = "Buka Kembali";
    pub const REOPEN_REASON: &str = "Alasan membuka kembali";
    pub const DUE: &str = "Batas pelaporan";
    pub const NOT_SIGNED: &str = "Rencana Aksi tahun ini belum ditandatangani; realisasi diisi setelah Rencana Aksi ditandatangani Kepala (halaman Rencana Aksi).";
    pub const NO_ROWS: &str =
        "Unit ini tidak punya indikator dalam Rencana Aksi tahun ini; tidak ada yang dilaporkan.";
    pub const BUDGET: &str = "Realisasi Anggaran";
    pub const NO_BUDGET: &str = "Unit ini tidak punya sub kegiatan dalam RKT yang ditandatangani.";
    pub const EVIDENCE: &str = "Bukti Dukung";
    pub const CHOOSE_ROW: &str = "Pilih satu baris indikator (klik nomornya atau selnya) untuk melihat dan menambah buktinya.";
    pub const NO_EVIDENCE: &str = "Belum ada bukti untuk indikator ini.";
    pub const ADD: &str = "Tambah Bukti…";
    pub const OPEN: &str = "Buka";
    pub const REMOVE: &str = "Hapus";
    pub const FILTER: &str = "Bukti (PDF, JPG, PNG, XLSX)";
    pub const KEYS_SHORT: &str = "⌨ Tombol seperti di Excel";
    pub const KEYS: &str = "Seperti di Excel: Tab/Shift+Tab dan panah pindah sel · mengetik mengganti isi sel · F2, Enter atau klik ganda mengubah isi · Esc mengembalikan isi semula · Ctrl+Z/Ctrl+Y: urungkan/ulangi. Setiap ketikan langsung tersimpan; realisasi harus angka (mis. 87,5).";
}

#[derive(Debug, Default)]
pub struct RealisasiForm {
    /// The indikator table's current row, cells being typed, refused and focused.
    pub grid: GridState,
    /// Budget realisations being typed, by sub kegiatan code (saved when the field is left).
    pub budget: HashMap<String, String>,
    pub reopen_reason: String,
    /// Why the TIM fills this unit's realisation for it, being typed.
    pub proxy_reason: String,
}
