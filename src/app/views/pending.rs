//! Pages that later work builds; they say so plainly.

use egui::Ui;

use super::widgets::{hint_ui, section_title_ui};

mod text {
    pub const ARSIP_TITLE: &str = "Penandatanganan dan Arsip RKT";
    pub const ARSIP_BODY: &str = "Halaman ini belum tersedia. Tahap berikutnya membangun penandatanganan RKT oleh Kepala Satuan (langkah 10), PDF resmi, dan arsip RKT yang sudah ditandatangani (langkah 11). Sampai saat itu, langkah 10 dan 11 dapat dicatat dari Beranda.";
}

fn pending_ui(ui: &mut Ui, title: &str, body: &str) {
    ui.add_space(12.0);
    section_title_ui(ui, title);
    ui.add_space(6.0);
    hint_ui(ui, body);
}

pub fn arsip_ui(ui: &mut Ui) {
    pending_ui(ui, text::ARSIP_TITLE, text::ARSIP_BODY);
}
