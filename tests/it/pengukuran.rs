//! Pengukuran kinerja in the window: Pengaturan's card saves the category scale and the due
//! working day, and refuses bad input in the store's words, changing nothing; Beranda names
//! the units late with the quarter's report.

use egui_kittest::kittest::Queryable;
use sop_rkt::app::{Flash, Page};
use sop_rkt::domain::capaian::CategoryScale;

use crate::common::plan::{demo_to_pk, mark_plan_signed, office_with_plan};
use crate::common::*;
use crate::laporan_page::{october, plan_units, report};

/// Replaces the text of the field `label` as a person would: click, select all, type.
fn retype(h: &mut egui_kittest::Harness<'_, sop_rkt::app::App>, label: &str, text: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Brings the button into view and presses it.
fn press(h: &mut egui_kittest::Harness<'_, sop_rkt::app::App>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
    h.run();
}

#[test]
fn the_scale_is_saved_and_a_line_without_colon_is_refused_in_words() {
    let mut h = harness(office_with_plan(fixed_now()));
    h.run();
    act_as(&mut h, "Budi Santoso");
    h.get_by_label(Page::Pengaturan.label()).click();
    h.run();
    let scale = "90: Sangat Baik; 70: Baik; 50: Cukup; 0: Kurang";
    retype(&mut h, "Skala kategori capaian", scale);
    // The legend the reports would print, before saving.
    h.get_by_label("• ≥ 90 %: Sangat Baik");
    press(&mut h, "Simpan Skala Kategori");
    let saved = running(&h).store().category_scale().unwrap();
    assert_eq!(saved.to_text(), scale, "{:?}", running(&h).flash());
    // No colon: the store's sentence, and the scale as it was.
    retype(&mut h, "Skala kategori capaian", "91 Sangat Baik");
    press(&mut h, "Simpan Skala Kategori");
    let why = CategoryScale::parse("91 Sangat Baik").unwrap_err();
    assert_eq!(
        running(&h).flash(),
        Some(&Flash::Err(format!("Skala kategori: {why}")))
    );
    assert_eq!(running(&h).store().category_scale().unwrap(), saved);
    // The due working day: a new one saved, one out of range refused in words.
    retype(&mut h, "Batas laporan realisasi (hari kerja ke-)", "12");
    press(&mut h, "Simpan Batas Laporan");
    assert_eq!(running(&h).store().realisation_due_days().unwrap(), 12);
    retype(&mut h, "Batas laporan realisasi (hari kerja ke-)", "0");
    press(&mut h, "Simpan Batas Laporan");
    assert!(
        matches!(running(&h).flash(), Some(Flash::Err(e)) if e.contains("Batas laporan \"0\" tidak sah")),
        "{:?}",
        running(&h).flash()
    );
    assert_eq!(running(&h).store().realisation_due_days().unwrap(), 12);
}

#[test]
fn beranda_names_the_units_late_with_the_quarter_s_report() {
    let mut store = office_with_plan(fixed_now());
    mark_plan_signed(&store);
    let units = plan_units(&store);
    // Monday 20 October 2025: TW III's reports were due the week before.
    let at = october(20);
    report(&mut store, units[0].0, 3, None, true, at);
    let due = store.realisation_due(2025, 3).unwrap();
    assert!(due < at.date(), "TW III is late by {at}");
    let mut h = harness_with(store, own_data_dir(), at);
    h.run();
    h.get_by_label("Laporan Realisasi TW III 2025");
    // The units late by name, the one that reported not among them.
    let late: Vec<&str> = units[1..].iter().map(|(_, n)| n.as_str()).collect();
    h.get_by_label(&format!("⚠ Terlambat melapor: {}.", late.join(", ")));
    h.snapshot("beranda_laporan_terlambat");
    // Both pages of the quarter's work are a click away.
    h.get_by_label("Buka Capaian & Laporan");
    h.get_by_label("Isi Realisasi").click();
    h.run();
    assert_eq!(running(&h).page(), Page::Realisasi);
}

/// After the PK is signed and before the Rencana Aksi is, Beranda says which step it waits
/// for: made by the TIM, then signed by the head.
#[test]
fn beranda_says_the_rencana_aksi_is_still_to_be_made_then_signed() {
    let mut h = harness_with(office_with_plan(fixed_now()), own_data_dir(), october(6));
    h.run();
    h.get_by_label("Rencana Aksi Tahun 2025");
    h.get_by_label_contains("Rencana Aksi belum ditandatangani:");
    // An office whose PK is signed and whose plan is not yet started.
    let store = demo_to_pk(fixed_now());
    let mut h = harness_with(store, own_data_dir(), october(6));
    h.run();
    h.get_by_label_contains("Rencana Aksi belum disusun:");
    h.get_by_label("Buka Rencana Aksi").click();
    h.run();
    assert_eq!(running(&h).page(), Page::RencanaAksi);
    // Before any PK, no reminder at all.
    let mut h = harness_with(demo_store(), own_data_dir(), fixed_now());
    h.run();
    assert!(h.query_by_label("Buka Capaian & Laporan").is_none());
    assert!(h.query_by_label("Buka Rencana Aksi").is_none());
}
