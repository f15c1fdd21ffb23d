//! The Draft RKT tab's form state and words, shared by the tab (draft.rs) and its table
//! (draft_table.rs).

use crate::app::{ActCmd, Command};
use crate::domain::rkt::Col;
use crate::store::Correction;

pub(super) mod text {
    /// Followed by the SOP's document ("Draft RKT").
    pub const TITLE: &str = "Draft";
    pub const COMPILE: &str = "⚙ Kompilasi Draft";
    pub const COMPILE_HINT: &str = "Kompilasi menyusun versi baru dari semua format yang sudah dikumpulkan, dikelompokkan menurut sasaran, program, kegiatan dan sub kegiatan.";
    pub const NONE: &str = "Belum ada Draft";
    pub const NONE_END: &str = "tahun ini. Kumpulkan format unit, lalu kompilasi.";
    pub const VERSION: &str = "Versi";
    pub const COMPARE: &str = "Bandingkan dengan versi";
    pub const NO_COMPARE: &str = "— tidak membandingkan —";
    pub const CAN_CORRECT: &str =
        "Klik ganda sel pada versi terbaru untuk mengoreksinya; setiap koreksi menjadi versi baru.";
    pub const READ_ONLY: &str =
        "Versi ini hanya baca. Koreksi dilakukan pada versi terbaru saat langkah koreksi aktif.";
    pub const SAME: &str = "Kedua versi sama.";
    pub const UNIT: &str = "Unit";
    pub const NOTES: &str = "Catatan koreksi";
    pub const RESOLVE: &str = "Tandai selesai";
    pub const ADD_NOTE: &str = "Tambah Catatan";
    pub const TARGETS: &str = "Indikator dengan target berbeda di draf ini (samakan lewat koreksi sebelum ditandatangani):";
    pub const NOTE_HINT: &str = "Klik nomor baris untuk memberi catatan pada baris itu; klik lagi untuk catatan seluruh draft. Catatan pengembalian dari Kepala muncul di sini pada putaran berikutnya.";
}

/// A cell of the newest version being corrected.
#[derive(Debug)]
pub(super) struct Editing {
    pub(super) key: String,
    pub(super) col: Col,
    pub(super) text: String,
    /// The text before typing: an unchanged cell makes no new version.
    pub(super) before: String,
    /// Focus is asked for once, when the cell opens: asked every frame, it would be taken back
    /// from Enter, Tab or a click elsewhere, and the correction could never be left.
    pub(super) focused: bool,
}

#[derive(Debug, Default)]
pub struct DraftForm {
    pub(super) editing: Option<Editing>,
    /// The row a new note is about (None: the whole draft).
    pub note_row: Option<String>,
    pub note: String,
}

impl DraftForm {
    /// Opens a cell for correction; one still open elsewhere is committed first.
    pub(super) fn pending_then_open(
        &mut self,
        out: &mut Vec<Command>,
        key: &str,
        col: Col,
        value: &str,
    ) {
        out.extend(self.pending());
        self.editing = Some(Editing {
            key: key.to_string(),
            col,
            text: value.to_string(),
            before: value.to_string(),
            focused: false,
        });
    }

    /// The correction being typed, committed because its table is left (another tab, page or
    /// year, or the window closes) rather than lost.
    pub fn pending(&mut self) -> Option<Command> {
        let e = self.editing.take()?;
        let changed = e.text != e.before;
        changed.then_some(Command::Act(ActCmd::Correct(Correction {
            key: e.key,
            col: e.col,
            value: e.text,
        })))
    }
}
