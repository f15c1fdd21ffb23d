//! A quarter's realisation reported as the office would: typed in the table with the FORMAT
//! RKT's keys, a figure that is not a number refused in words and not stored, the capaian
//! beside it, submitting refused while a figure is missing, evidence added from a file and
//! listed with its SHA-256, a file too large or of another kind refused in words.

use crate::common::*;
use crate::rencana_aksi::{first_unit_rows, open_2025, plan_store};
use crate::tabel::{flash, key, text};
use eframe::egui;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sop_rkt::app::App;
use sop_rkt::domain::action_plan::PlanCol;
use sop_rkt::store::Store;

/// The Rencana Aksi 2025 of the first unit filled (targets 20/40/60/80, higher is better,
/// cumulative) and signed.
fn signed_plan() -> Store {
    let mut store = plan_store();
    let unit = store.units().unwrap()[0].id;
    let who = unit_official(&mut store, unit);
    for r in first_unit_rows(&store) {
        for (col, v) in [
            (PlanCol::Arah, "Naik"),
            (PlanCol::Sifat, "Kumulatif"),
            (PlanCol::Tw1, "20"),
            (PlanCol::Tw2, "40"),
            (PlanCol::Tw3, "60"),
            (PlanCol::Tw4, "80"),
            (PlanCol::Aksi, "Penyusunan dan pelaporan tepat waktu"),
        ] {
            store.set_plan_cell(r.id, col, v, &who).unwrap();
        }
    }
    crate::common::plan::mark_plan_signed(&store);
    store
}

fn realisasi(h: &Harness<'_, App>, row: usize) -> String {
    let store = running(h).store();
    let id = first_unit_rows(store)[row].id;
    store
        .real_rows(2025, 4, None)
        .unwrap()
        .into_iter()
        .find(|r| r.plan.id == id)
        .unwrap()
        .values
        .realisasi
}

fn type_realisation(h: &mut Harness<'static, App>, row: usize, value: &str) {
    h.get_by_label(&format!("Realisasi baris {row}")).click();
    h.run();
    text(h, value);
    key(h, Key::Enter);
}

#[test]
fn a_realisation_that_is_not_a_number_is_refused_in_words_and_not_stored() {
    let mut h = open_2025(signed_plan(), "Realisasi");
    type_realisation(&mut h, 1, "72");
    assert_eq!(realisasi(&h, 0), "72");
    // 72 against the TW IV target 80: 90 % beside it.
    h.get_by_label("90 %");

    h.get_by_label("Realisasi baris 1").click();
    h.run();
    // Half typed it is no number yet: nothing is written, and nothing said while typing.
    text(&mut h, "tujuh puluh");
    assert_eq!(realisasi(&h, 0), "72", "the stored figure unchanged");
    assert!(!flash(&h).contains("bukan angka"), "not said while typing");
    key(&mut h, Key::Tab);
    let said = flash(&h);
    assert!(
        said.contains("Realisasi \"tujuh puluh\" bukan angka; tulis seperti 87,5"),
        "said when the cell is left: {said}"
    );
    assert_eq!(realisasi(&h, 0), "72", "nor when the cell is left");
    assert_eq!(running(&h).unsaved_cells(), 1, "kept on screen, framed red");
    // Esc on the cell puts back what it had, and nothing waits any more.
    h.get_by_label("Realisasi baris 1").click();
    h.run();
    key(&mut h, Key::F2);
    key(&mut h, Key::Escape);
    assert_eq!(realisasi(&h, 0), "72");
    assert_eq!(running(&h).unsaved_cells(), 0);
}

#[test]
fn a_quarter_not_yet_ended_says_when_it_opens() {
    // February 2026: the page opens at TW I of 2026, which has not ended.
    let mut h = harness(signed_plan());
    h.run();
    act_as(&mut h, "Budi Santoso");
    h.get_by_label("Realisasi").click();
    h.run();
    h.get_by_label_contains(
        "Triwulan I 2026 belum berakhir; realisasinya dapat diisi mulai 1 April 2026.",
    );
    assert!(h.query_by_label("Realisasi baris 1").is_none());
}

#[test]
fn submitting_waits_for_every_figure_then_locks_the_quarter() {
    let mut h = open_2025(signed_plan(), "Realisasi");
    let unit = running(&h).store().units().unwrap()[0].id;
    type_realisation(&mut h, 1, "85");
    h.get_by_label("✉ Laporkan Realisasi TW IV").click();
    h.run();
    let said = flash(&h);
    assert!(
        said.contains("Belum bisa dilaporkan: realisasi 1 indikator belum diisi angka."),
        "{said}"
    );
    assert!(!reported(&h, unit));
    type_realisation(&mut h, 2, "95");
    // The budget of a sub kegiatan, typed as a plain number, kept as rupiah with its serapan.
    let code = "1.05.01.2.01.0001";
    let field = format!("Realisasi Anggaran TW IV {code}");
    h.get_by_label(&field).click();
    h.run();
    h.get_by_label(&field).type_text("232500000");
    h.run();
    key(&mut h, Key::Tab);
    let budget = running(&h).store().budget_rows(2025, 4, unit).unwrap();
    let row = budget.iter().find(|b| b.code == code).unwrap();
    assert_eq!(row.amount, "Rp 232.500.000", "{}", flash(&h));
    // Pagu Rp 465.000.000: half absorbed; 85 against 80 is 106,25 %.
    h.get_by_label("50 %");
    h.get_by_label("106,25 %");
    h.snapshot("realisasi_terisi");
    // A word typed over a figure, then the report pressed: the cell is refused, and the report
    // does not go with the figure the database still holds.
    h.get_by_label("Realisasi baris 2").click();
    h.run();
    text(&mut h, "sembilan lima");
    h.get_by_label("✉ Laporkan Realisasi TW IV").click();
    h.run();
    assert!(!reported(&h, unit), "sent with a refused cell on screen");
    assert!(
        flash(&h).contains("masih ada sel berbingkai merah"),
        "{}",
        flash(&h)
    );
    h.get_by_label("Realisasi baris 2").click();
    h.run();
    key(&mut h, Key::F2);
    key(&mut h, Key::Escape);
    assert_eq!(running(&h).unsaved_cells(), 0);
    h.get_by_label("✉ Laporkan Realisasi TW IV").click();
    h.run();
    assert!(reported(&h, unit), "{}", flash(&h));
    h.get_by_label_contains("Dilaporkan oleh Budi Santoso");
    // Locked: the figures are shown, no longer cells; the TIM may reopen with a reason.
    assert!(h.query_by_label("Realisasi baris 1").is_none());
    h.get_by_label("Alasan membuka kembali").click();
    h.run();
    h.get_by_label("Alasan membuka kembali")
        .type_text("angka TW IV salah ketik");
    h.run();
    h.get_by_label("Buka Kembali").click();
    h.run();
    assert!(!reported(&h, unit));
    assert!(h.query_by_label("Realisasi baris 1").is_some());
}

fn reported(h: &Harness<'_, App>, unit: i64) -> bool {
    let store = running(h).store();
    store.real_submission(2025, 4, unit).unwrap().is_some()
}

/// A file of `bytes` named `name` in a folder of its own.
fn file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = own_data_dir();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn evidence_is_added_from_a_file_listed_with_its_sha256_and_removed() {
    let png = file(
        "foto patroli.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR bukti dukung",
    );
    sop_rkt::app::views::file_dialog::answer_dialogs_for_tests(move |asked| {
        // Offered as the kinds the store takes.
        assert!(asked.filter.1.contains(&"png".to_string()));
        Some(png.clone())
    });
    let mut h = open_2025(signed_plan(), "Realisasi");
    let row = first_unit_rows(running(&h).store())[0].id;
    // The evidence below follows the row chosen.
    h.get_by_label("Realisasi baris 1").click();
    h.run();
    h.get_by_label("Tambah Bukti…").click();
    h.run();
    let listed = running(&h).store().evidence(row, 4).unwrap();
    assert_eq!(listed.len(), 1, "{}", flash(&h));
    let sha = &listed[0].sha256;
    assert_eq!(sha.len(), 64);
    h.get_by_label(&format!("SHA-256 {}…", &sha[..16]));
    h.get_by_label("foto patroli.png");
    h.run();
    assert!(flash(&h).contains(sha.as_str()), "{}", flash(&h));
    h.snapshot("realisasi_bukti");
    // Removed from the list (the Riwayat keeps that it was there).
    h.get_by_label("Hapus").click();
    h.run();
    assert!(running(&h).store().evidence(row, 4).unwrap().is_empty());
    assert!(h.query_by_label("foto patroli.png").is_none());
}

#[test]
fn a_file_too_large_or_of_another_kind_is_refused_in_words() {
    let big = own_data_dir().join("pindaian besar.pdf");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(30 * 1024 * 1024)
        .unwrap();
    let wrong = file("catatan.png", b"bukan gambar sama sekali");
    let answers = std::rc::Rc::new(std::cell::RefCell::new(vec![wrong, big]));
    let queue = answers.clone();
    sop_rkt::app::views::file_dialog::answer_dialogs_for_tests(move |_| queue.borrow_mut().pop());
    let mut h = open_2025(signed_plan(), "Realisasi");
    let row = first_unit_rows(running(&h).store())[0].id;
    h.get_by_label("Realisasi baris 1").click();
    h.run();
    for words in ["terlalu besar", "bukan PDF, JPG, PNG, atau XLSX"] {
        h.get_by_label("Tambah Bukti…").click();
        h.run();
        let said = flash(&h);
        assert!(said.contains(words), "{said}");
    }
    assert!(running(&h).store().evidence(row, 4).unwrap().is_empty());
}

#[test]
fn a_signed_rencana_aksi_is_shown_read_only_with_who_signed_it() {
    let h = open_2025(signed_plan(), "Rencana Aksi");
    h.get_by_label_contains("Ditandatangani oleh x pada");
    assert!(h.query_by_label("Target TW I baris 1").is_none());
    assert!(h.query_by_label("Arah baris 1").is_none());
    assert_eq!(
        h.query_all_by_label("Naik").count(),
        2,
        "each row's Arah shown"
    );
}

#[test]
fn enter_on_the_last_row_keeps_its_cell_selected() {
    let mut h = open_2025(signed_plan(), "Realisasi");
    type_realisation(&mut h, 2, "64");
    assert_eq!(realisasi(&h, 1), "64");
    assert!(h.get_by_label("Realisasi baris 2").is_focused());
}

#[test]
fn the_tim_reports_for_another_unit_after_saying_why() {
    let mut h = open_2025(signed_plan(), "Realisasi");
    h.get_by_label("Unit").click();
    h.run();
    h.get(
        egui_kittest::kittest::By::new()
            .label_contains("Bidang Penegakan")
            .role(egui::accesskit::Role::Button),
    )
    .click();
    h.run();
    // Not Budi's unit: shown, with the TIM's way in.
    h.get_by_label_contains("Realisasi Bidang Penegakan Perundang-undangan Daerah diisi");
    assert!(h.query_by_label("Realisasi baris 1").is_none());
    type_into(
        &mut h,
        "Alasan mengisi atas nama unit",
        "laporan dikirim lewat surel",
    );
    h.get_by_label("Isi atas nama unit").click();
    h.run();
    type_realisation(&mut h, 1, "45");
    let unit = running(&h).unit().unwrap();
    let rows = running(&h).store().real_rows(2025, 4, Some(unit)).unwrap();
    assert_eq!(rows[0].values.realisasi, "45", "{}", flash(&h));
}
