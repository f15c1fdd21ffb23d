//! The Rencana Aksi page's form state and words, shared by the page (rencana_aksi.rs) and its
//! table (rencana_aksi_table.rs).

use super::grid_form::GridState;

pub(super) mod text {
    pub const START: &str = "Mulai Rencana Aksi dari Perjanjian Kinerja";
    pub const NO_ROWS_UNIT: &str = "Unit ini tidak punya indikator dalam Rencana Aksi tahun ini (tidak ada baris RKT-nya yang masuk Perjanjian Kinerja).";
    pub const KEYS_SHORT: &str = "⌨ Tombol seperti di Excel";
    pub const KEYS: &str = "Seperti di Excel: Tab/Shift+Tab dan panah pindah sel · mengetik mengganti isi sel · F2, Enter atau klik ganda mengubah isi (kursor di akhir) · Esc mengembalikan isi semula · Enter: baris berikut · daftar pilihan: Spasi/Enter membuka, ketik untuk mencari · Ctrl+Z/Ctrl+Y: urungkan/ulangi. Setiap ketikan langsung tersimpan.";
    pub const FROM_PK: &str = "Sasaran, indikator, satuan, dan target tahun diambil dari Perjanjian Kinerja (tidak diubah di sini).";
    pub const SUB_HINT: &str =
        "Sub Kegiatan: pilih dari daftar untuk menambah; pilih yang bertanda ✔ untuk melepasnya.";
    pub const INVALID: &str =
        "baris belum lengkap (berbingkai merah; arahkan tetikus untuk melihat sebabnya)";
}

#[derive(Debug, Default)]
pub struct RencanaForm {
    /// The table's current row, cells being typed, refused and focused.
    pub grid: GridState,
    /// Why the TIM fills this unit's Rencana Aksi for it, being typed.
    pub proxy_reason: String,
}
