//! The Format RKT page's form state and words, shared by the page (format_rkt.rs) and its
//! parts (fill, table, cell, collect).

use super::draft_form::DraftForm;
use super::grid_form::GridState;
use crate::app::Command;
use crate::store::RktRow;

pub(super) mod text {
    pub const TAB_FILL: &str = "Isi Format";
    pub const TAB_COLLECT: &str = "Pengumpulan";
    /// Followed by the SOP's document ("Draft RKT").
    pub const TAB_DRAFT: &str = "Draft";
    pub const ADD: &str = "+ Tambah Baris";
    pub const INSERT: &str = "Sisipkan di Atas";
    pub const DUPLICATE: &str = "Duplikat";
    pub const DELETE: &str = "Hapus Baris";
    pub const UP: &str = "▲ Naik";
    pub const DOWN: &str = "▼ Turun";
    pub const SUBMIT: &str = "Kumpulkan Format";
    pub const REOPEN: &str = "Buka Kembali";
    pub const REOPEN_REASON: &str = "Alasan membuka kembali";
    pub const TOTAL: &str = "Jumlah pagu unit";
    pub const EMPTY: &str = "Belum ada baris. Tekan \"Tambah Baris\" untuk mulai mengisi.";
    pub const EMPTY_VIEW: &str = "Belum ada baris.";
    pub const KEYS: &str = "Seperti di Excel: Tab/Shift+Tab dan panah pindah sel · mengetik mengganti isi sel · F2, Enter atau klik ganda mengubah isi (kursor di akhir) · Esc mengembalikan isi semula · Enter: baris berikut (di baris terakhir: baris baru) · Ctrl+Z/Ctrl+Y: urungkan/ulangi. Setiap ketikan langsung tersimpan.";
    /// The keys' help in a few words; `KEYS` whole on hover.
    pub const KEYS_SHORT: &str = "⌨ Tombol seperti di Excel";
    pub const NO_MASTER: &str = "Daftar Renstra, kode, atau sumber dana masih kosong: isi di Pengaturan (atau \"Isi data contoh\" di Beranda).";
    pub const INVALID: &str = "baris bermasalah";
    /// Followed by the units' names.
    pub const UNSAVED_ELSEWHERE: &str = "sel belum tersimpan di tabel";
    pub const UNSAVED_ELSEWHERE_HINT: &str = "(dicoba lagi setiap kali unit berganti)";
    pub const UNSAVED: &str = "sel belum tersimpan (berbingkai merah): tinggalkan sel itu lagi untuk menyimpan setelah masalahnya diatasi";
    pub const COLLECT_TITLE: &str = "Pengumpulan FORMAT RKT";
    pub const COLLECT_HINT: &str = "dapat diselesaikan bila semua unit sudah mengumpulkan, atau dengan alasan melanjutkan tanpa menunggu (tercatat di riwayat).";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormatTab {
    #[default]
    Fill,
    Collect,
    Draft,
}

#[derive(Debug, Default)]
pub struct FormatForm {
    pub tab: FormatTab,
    /// The year the tab was chosen for: another year opens at "Isi Format", where a year
    /// begins (a newcomer met next year's empty Draft tab and no way to start it).
    pub(super) tab_year: Option<i32>,
    /// The table's current row, cells being typed, refused and focused (grid_form.rs).
    pub grid: GridState,
    pub reopen_reason: String,
    /// "Mulai dari tahun lalu": bring the rows that no longer fit the master data too.
    pub carry_keep: bool,
    /// Why the TIM fills this unit's format for it, being typed.
    pub proxy_reason: String,
    pub draft: DraftForm,
}

impl FormatForm {
    /// Commits of the cells still being typed in `rows` (the unit is left, submitted, or the
    /// window closes), and of every refused cell, whichever unit it is in.
    pub fn pending(&mut self, rows: &[RktRow]) -> Vec<Command> {
        self.grid.pending(&|id| rows.iter().any(|r| r.id == id))
    }
}
