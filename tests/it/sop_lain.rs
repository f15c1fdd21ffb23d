//! Another office's SOP in force (its own sop.toml in the data folder, tests/data/sop-revisi.toml):
//! the window's words, its decisions and its step numbers follow that SOP, not the built-in one.

use crate::common::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sop_rkt::app::{App, Flash, Page};
use sop_rkt::domain::sop::{Requirement, Sop};
use sop_rkt::store::Store;

fn revised() -> Sop {
    Sop::parse(REVISED_SOP).expect("tests/data/sop-revisi.toml is valid")
}

/// The revised SOP without a signing or an archiving step: its cycle ends at the head's plain
/// decision and a last step that files nothing.
fn without_signing() -> String {
    let text = REVISED_SOP
        .replace("syarat = \"rkt_ditandatangani\"\n", "")
        .replace("syarat = \"rkt_diarsipkan\"\n", "");
    let sop = Sop::parse(&text).unwrap();
    assert!(sop.step_requiring(Requirement::Signed).is_none());
    assert!(sop.step_requiring(Requirement::Archived).is_none());
    text
}

/// The window on `store` with the revised SOP placed in its data folder.
fn window(store: Store, sop_text: &str) -> Harness<'static, App> {
    let mut h = harness_with(store, data_dir_with_sop(sop_text), fixed_now());
    h.run();
    h
}

/// The office of these tests, with a Kabid for step 3.
fn office() -> Store {
    let mut store = office_store_without_keys();
    add_official(
        &mut store,
        "Rina Kabid",
        "198506122010012005",
        "Kabid Perlindungan Masyarakat",
        &["kabid"],
    );
    store
}

fn active(h: &Harness<'_, App>, sop: &Sop) -> Option<u32> {
    let r = running(h);
    r.store()
        .cycle_state(sop, r.year())
        .unwrap()
        .and_then(|(_, s)| s.active)
}

fn flash_text(h: &Harness<'_, App>) -> String {
    match running(h).flash() {
        Some(Flash::Ok(t) | Flash::Err(t)) => t.clone(),
        None => String::new(),
    }
}

#[test]
fn the_window_is_named_by_the_sop_in_force() {
    assert_eq!(
        sop_rkt::app::window_title(&revised()),
        "SOP Penyusunan Renja — Satpol PP Kabupaten Balangan"
    );
    let mut h = window(office(), REVISED_SOP);
    h.get_by_label("SOP Penyusunan Renja");
    h.get_by_label("Tahun Renja");
    h.get_by_label("Siklus Renja Tahun 2026");
    h.get_by_label_contains("Siklus Renja tahun 2026 belum dimulai");
    // The first-run checklist's last step and the button itself.
    h.get_by_label("◻ 8. Mulai Siklus Renja 2026");
    for rkt in ["SOP Penyusunan RKT", "Tahun RKT", "Siklus RKT"] {
        assert!(
            h.query_all_by_label_contains(rkt).next().is_none(),
            "{rkt} is the built-in SOP's word"
        );
    }
    act_as(&mut h, "Hj. Nurul Aini");
    // The pengelola is reminded of the office certificate before the SOP's own signing step.
    h.get_by_label_contains("buat sebelum Kepala menandatangani (langkah 9).");
    h.get_by_label("▶ Mulai Siklus Renja 2026").click();
    h.run();
    assert_eq!(flash_text(&h), "Siklus Renja tahun 2026 dimulai.");
    assert_eq!(active(&h, &revised()), Some(1));
    // The Riwayat says which cycle began.
    h.get_by_label_contains("Siklus Renja tahun 2026 (SOP 800/21/Satpol PP-BLG/2025)");
}

/// Steps 1 to 4 done (step 4 going on without the units, with a reason): the Kasubag's
/// completeness check, step 5, is active.
fn at_the_completeness_check() -> Store {
    let mut store = office();
    store.demo_steps(&revised(), 2026, 4, fixed_now()).unwrap();
    store
}

#[test]
fn a_decision_that_is_not_the_signing_offers_its_own_yes_and_no() {
    let sop = revised();
    let mut h = window(at_the_completeness_check(), REVISED_SOP);
    assert_eq!(active(&h, &sop), Some(5));
    act_as(&mut h, "Budi Santoso");
    assert!(
        h.query_all_by_label_contains("Tandatangani")
            .next()
            .is_none(),
        "no signing at a completeness check"
    );
    h.get_by_label("✔ Ya — lanjut ke langkah 6");
    // "Tidak" needs its reason, said where the choice is made.
    h.get_by_label("↩ Tidak — kembali ke langkah 4").click();
    h.run();
    assert!(
        flash_text(&h).contains("Alasan pengembalian wajib diisi"),
        "{}",
        flash_text(&h)
    );
    assert_eq!(active(&h, &sop), Some(5));
    type_into(
        &mut h,
        "Catatan, atau alasan bila dikembalikan",
        "Format Bidang Linmas belum lengkap",
    );
    h.get_by_label("↩ Tidak — kembali ke langkah 4").click();
    h.run();
    assert_eq!(active(&h, &sop), Some(4), "{}", flash_text(&h));
    assert_eq!(
        flash_text(&h),
        "Langkah 5 dikembalikan ke langkah 4; alasannya tercatat."
    );
    // The TIM (Budi is in it too) collects again; the Kasubag says yes this time.
    type_into(
        &mut h,
        "Catatan (wajib bila melanjutkan tanpa menunggu semua unit)",
        "Linmas sudah melengkapi lewat surel",
    );
    h.get_by_label("Lanjutkan tanpa menunggu semua unit")
        .click();
    h.run();
    assert_eq!(active(&h, &sop), Some(5), "{}", flash_text(&h));
    h.get_by_label("✔ Ya — lanjut ke langkah 6").click();
    h.run();
    assert_eq!(active(&h, &sop), Some(6), "{}", flash_text(&h));
    assert_eq!(flash_text(&h), "Langkah 5: Ya — lanjut ke langkah 6.");
    // The Riwayat names the decision as what it was, not as a signature.
    h.get_by_label("Memutuskan: Ya");
    assert!(
        h.query_all_by_label("Menerima dan menandatangani")
            .next()
            .is_none()
    );
}

#[test]
fn the_signing_page_names_the_sops_own_steps() {
    let mut h = window(at_the_completeness_check(), REVISED_SOP);
    h.get_by_label("Tanda Tangan & Arsip").click();
    h.run();
    assert_eq!(running(&h).page(), Page::TandaTanganArsip);
    h.get_by_label("Tanda Tangan Renja Tahun 2026");
    h.get_by_label(
        "Belum ada Draft Renja tahun ini. Draft disusun di halaman Format RKT (langkah 7).",
    );
    h.get_by_label_contains(
        "Penandatanganan dilakukan di langkah 9 (Menerima dan menandatangani Renja, oleh KEPALA SATUAN).",
    );
    h.get_by_label("Arsip Renja yang Ditandatangani");
    h.get_by_label("Arsip masih kosong. Renja masuk arsip di langkah 10, setelah ditandatangani.");
    for fixed in ["langkah 6)", "langkah 11", "Kepala."] {
        assert!(
            h.query_all_by_label_contains(fixed).next().is_none(),
            "{fixed} is the built-in SOP's"
        );
    }
}

#[test]
fn without_a_signing_step_the_page_has_no_signing_part() {
    let mut h = window(office(), &without_signing());
    h.get_by_label("Tanda Tangan & Arsip").click();
    h.run();
    assert!(
        h.query_all_by_label_contains("Tanda Tangan Renja")
            .next()
            .is_none()
    );
    h.get_by_label_contains("SOP Penyusunan Renja tidak memuat langkah penandatanganan");
    h.get_by_label_contains("tidak memuat langkah pengarsipan");
    // Checking a PDF's authenticity is not a step: it stays.
    h.get_by_label("Periksa Keaslian PDF...");
}

#[test]
fn the_demo_says_only_what_it_made() {
    let mut h = window(Store::open_in_memory().unwrap(), &without_signing());
    h.get_by_label("Isi data contoh").click();
    h.run();
    let said = flash_text(&h);
    assert!(said.starts_with("Data contoh diisikan:"), "{said}");
    assert!(running(&h).store().archive_entries().unwrap().is_empty());
    for never in ["tahun 0", "Arsip", "ditandatangani", "kata sandi contoh"] {
        assert!(!said.contains(never), "{never} in: {said}");
    }
    assert!(said.contains("PIN contoh setiap pejabat"), "{said}");
}

#[test]
fn the_demo_on_the_revised_sop_signs_and_archives_last_year() {
    let mut h = window(Store::open_in_memory().unwrap(), REVISED_SOP);
    h.get_by_label("Isi data contoh").click();
    h.run();
    let said = flash_text(&h);
    assert_eq!(running(&h).store().archive_entries().unwrap().len(), 1);
    assert!(
        said.contains("Renja tahun 2025 yang sudah ditandatangani di Arsip"),
        "{said}"
    );
}

/// An SOP whose steps neither collect the formats nor compile a draft (nor sign).
fn without_formats() -> String {
    let text = without_signing()
        .replace("syarat = \"format_terkumpul\"\n", "")
        .replace("syarat = \"draf_tersusun\"\n", "");
    assert!(Sop::parse(&text).is_ok());
    text
}

#[test]
fn the_format_page_names_the_collecting_step_or_says_there_is_none() {
    let mut h = window(office(), REVISED_SOP);
    h.get_by_label("Format RKT").click();
    h.run();
    h.get_by_label("Pengumpulan").click();
    h.run();
    h.get_by_label("Pengumpulan FORMAT RKT (langkah 4)");
    h.get_by_label_contains("Langkah 4 dapat diselesaikan");
    // The draft is of the SOP's document: its tab, title, button and empty state say so.
    h.get_by_label("Draft Renja").click();
    h.run();
    h.get_by_label("⚙ Kompilasi Draft Renja");
    h.get_by_label("Belum ada Draft Renja tahun ini. Kumpulkan format unit, lalu kompilasi.");
    assert!(
        h.query_all_by_label_contains("tidak memuat langkah")
            .next()
            .is_none()
    );

    let mut h = window(office(), &without_formats());
    h.get_by_label("Format RKT").click();
    h.run();
    h.get_by_label_contains(
        "SOP Penyusunan Renja tidak memuat langkah pengumpulan FORMAT RKT maupun kompilasi Draft Renja",
    );
}

/// Step 2 of the revised SOP (three lanes) active, its panel open for the TIM, in a window of
/// `size` (900×560: the smallest the program opens; 1093×614: 1366×768 at 125 %).
fn step_two_panel(size: [f32; 2]) -> Harness<'static, App> {
    let mut store = office();
    store.demo_steps(&revised(), 2026, 1, fixed_now()).unwrap();
    let mut h = harness_sized(store, data_dir_with_sop(REVISED_SOP), fixed_now(), size);
    h.run();
    act_as(&mut h, "Budi Santoso");
    h.get_by_label("Alur SOP").click();
    h.run();
    h.get_by_label_contains("Langkah 2 (Aktif)").click();
    h.run();
    h
}

#[test]
fn three_executors_stay_inside_the_step_panel() {
    for size in [[900.0, 560.0], [1093.0, 614.0], [1366.0, 768.0]] {
        let mut h = step_two_panel(size);
        let width = h.ctx.content_rect().right();
        // One executor a line, in the SOP's lane order.
        let lanes = "• TIM PENYUSUN RENJA\n• KASUBAG PERENCANAAN DAN PELAPORAN\n• SEKRETARIS";
        let executors = h.get_by_label(lanes).rect();
        let note = h.get_by_label("Catatan (boleh kosong)").rect();
        let left = h.get_by_label("Tutup rincian").rect().left();
        // The panel keeps the width it opens with: what the SOP writes wraps inside it, the
        // chart keeps the rest of the window.
        assert!(
            width - left <= 360.0,
            "{size:?}: the panel grew to {:.0}",
            width - left
        );
        for (what, r) in [("Pelaksana", executors), ("Catatan", note)] {
            assert!(
                r.left() >= left - 1.0 && r.right() <= width,
                "{size:?}: {what} at {r:?}, panel from {left:.0} to {width:.0}"
            );
        }
        if size[0] == 900.0 {
            h.snapshot("sop_lain_tiga_pelaksana");
        }
    }
}
