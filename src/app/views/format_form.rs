//! The Format RKT page's form state and words, shared by the page (format_rkt.rs) and its
//! parts (fill, table, cell, collect).

use std::collections::HashMap;

use egui::Ui;

use super::draft_form::DraftForm;
use crate::app::{ActCmd, Command, RktEdit};
use crate::domain::rkt::{Col, normalized};
use crate::store::RktRow;

pub(super) mod text {
    pub const TAB_FILL: &str = "Isi Format";
    pub const TAB_COLLECT: &str = "Pengumpulan";
    /// Followed by the SOP's document ("Draft RKT").
    pub const TAB_DRAFT: &str = "Draft";
    pub const UNIT: &str = "Unit";
    pub const ADD: &str = "+ Tambah Baris";
    pub const INSERT: &str = "Sisipkan di Atas";
    pub const DUPLICATE: &str = "Duplikat";
    pub const DELETE: &str = "Hapus Baris";
    pub const UP: &str = "▲ Naik";
    pub const DOWN: &str = "▼ Turun";
    pub const UNDO: &str = "↶ Urungkan";
    pub const REDO: &str = "↷ Ulangi";
    pub const SUBMIT: &str = "Kumpulkan Format";
    pub const REOPEN: &str = "Buka Kembali";
    pub const REOPEN_REASON: &str = "Alasan membuka kembali";
    pub const TOTAL: &str = "Jumlah pagu unit";
    pub const EMPTY: &str = "Belum ada baris. Tekan \"Tambah Baris\" untuk mulai mengisi.";
    pub const EMPTY_VIEW: &str = "Belum ada baris.";
    pub const KEYS: &str = "Seperti di Excel: Tab/Shift+Tab dan panah pindah sel · mengetik mengganti isi sel · F2, Enter atau klik ganda mengubah isi (kursor di akhir) · Esc mengembalikan isi semula · Enter: baris berikut (di baris terakhir: baris baru) · Ctrl+Z/Ctrl+Y: urungkan/ulangi. Setiap ketikan langsung tersimpan.";
    /// The keys' help in a few words; `KEYS` whole on hover.
    pub const KEYS_SHORT: &str = "⌨ Tombol seperti di Excel";
    pub const PICK: &str = "— pilih —";
    pub const NO_MASTER: &str = "Daftar Renstra, kode, atau sumber dana masih kosong: isi di Pengaturan (atau \"Isi data contoh\" di Beranda).";
    pub const INVALID: &str = "baris bermasalah";
    /// Followed by the units' names.
    pub const UNSAVED_ELSEWHERE: &str = "sel belum tersimpan di tabel";
    pub const UNSAVED_ELSEWHERE_HINT: &str = "(dicoba lagi setiap kali unit berganti)";
    pub const UNSAVED: &str = "sel belum tersimpan (berbingkai merah): tinggalkan sel itu lagi untuk menyimpan setelah masalahnya diatasi";
    pub const UNSAVED_CELL: &str = "Belum tersimpan: basis data menolak perubahan ini (lihat pesan di atas). Teks tetap di sini; tinggalkan sel ini lagi untuk menyimpan.";
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
    /// The current row (index in the unit's rows).
    pub selected: Option<usize>,
    /// Cells being typed in: the value before typing (for undo) and the text now. The text is
    /// saved as it is typed; leaving the cell records the undoable edit.
    pub(super) buffers: HashMap<(i64, Col), (String, String)>,
    /// Cells whose text the database refused (full disk, read-only file): kept in `buffers`,
    /// shown as typed with a red frame, and saved again when the cell is next left. With the
    /// unit whose table was open when it was first refused.
    pub(super) unsaved: HashMap<(i64, Col), Option<i64>>,
    /// Move the keyboard focus to this cell on the next frame.
    pub(super) focus: Option<(usize, Col)>,
    /// The cell being edited (a selected cell only shows its value): keys typed go into it,
    /// and Ctrl+Z undoes the typing there rather than the last committed change.
    pub(super) editing: Option<(i64, Col)>,
    pub reopen_reason: String,
    /// "Mulai dari tahun lalu": bring the rows that no longer fit the master data too.
    pub carry_keep: bool,
    /// Why the TIM fills this unit's format for it, being typed.
    pub proxy_reason: String,
    pub draft: DraftForm,
    /// A cell just reached from the keyboard, to bring into view sideways on the next frame (the
    /// table's own vertical scroll area takes a widget's request in both directions, so the
    /// sideways one is made here), and where the sideways scroll stood.
    pub(super) reveal: Option<egui::Rangef>,
    pub(super) sideways: Option<(f32, egui::Rangef)>,
}

impl FormatForm {
    /// After a cell's edit reached the database (`saved`) or was refused: a refused text is
    /// kept as typed rather than lost. `unit` is the unit whose table is open.
    pub fn settle(&mut self, cmd: &Command, saved: bool, unit: Option<i64>) {
        let (key, old, new) = match cmd {
            Command::Act(ActCmd::Rkt(RktEdit::SetCell {
                row_id,
                col,
                old,
                new,
            })) => ((*row_id, *col), old, new),
            Command::Act(ActCmd::RktTyping { row_id, col, text }) => ((*row_id, *col), text, text),
            _ => return,
        };
        if saved {
            // Typing saved a keystroke: the cell may still be refused when it is left.
            if matches!(cmd, Command::Act(ActCmd::Rkt(_))) {
                self.unsaved.remove(&key);
            }
        } else {
            // A retry from another unit's page keeps the unit it was typed in.
            self.unsaved.entry(key).or_insert(unit);
            if matches!(cmd, Command::Act(ActCmd::Rkt(_))) {
                self.buffers
                    .entry(key)
                    .or_insert_with(|| (old.clone(), new.clone()));
            }
        }
    }

    /// Cells whose text is not in the database yet, in any unit's table.
    pub fn unsaved(&self) -> usize {
        self.unsaved.len()
    }

    /// Refused cells in the table on screen, and the units of those in other tables.
    pub(super) fn unsaved_split(&self, rows: &[RktRow]) -> (usize, Vec<Option<i64>>) {
        let (here, elsewhere): (Vec<_>, Vec<_>) = self
            .unsaved
            .iter()
            .partition(|((id, _), _)| rows.iter().any(|r| r.id == *id));
        let mut units: Vec<Option<i64>> = elsewhere.into_iter().map(|(_, u)| *u).collect();
        units.sort_unstable();
        (here.len(), units)
    }

    /// Commits of the cells still being typed in `rows` (the unit is left, submitted, or the
    /// window closes), and of every refused cell, whichever unit it is in: a refused text is
    /// tried again rather than dropped, and kept again if it is refused again.
    pub fn pending(&mut self, rows: &[RktRow]) -> Vec<Command> {
        let unsaved = &self.unsaved;
        self.buffers
            .drain()
            .filter(|(key, _)| unsaved.contains_key(key) || rows.iter().any(|r| r.id == key.0))
            .filter_map(|((row_id, col), (old, typed))| {
                let new = normalized(col, &typed);
                (old != new).then_some(Command::Act(ActCmd::Rkt(RktEdit::SetCell {
                    row_id,
                    col,
                    old,
                    new,
                })))
            })
            .collect()
    }
}

/// A cell reached from the keyboard (Tab, the arrows, Enter) comes into view, at once and
/// sideways too; one reached with the mouse is in view already.
pub(super) fn reveal(ui: &Ui, resp: &egui::Response, form: &mut FormatForm) {
    if ui.input(|i| i.pointer.any_pressed() || i.pointer.any_released()) {
        return;
    }
    resp.scroll_to_me_animation(None, egui::style::ScrollAnimation::none());
    form.reveal = Some(resp.rect.x_range());
    ui.ctx().request_repaint();
}
