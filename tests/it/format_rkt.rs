//! The Format RKT page as a person uses it: type, Tab, undo, submit.

use crate::common::*;
use eframe::egui;
use egui_kittest::kittest::Queryable;
use sop_rkt::app::Flash;
use sop_rkt::domain::sop::Sop;
use sop_rkt::store::Store;

#[test]
fn a_typed_cell_is_in_the_database_after_tab_and_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rkt.db");
    {
        let mut store = Store::open(&path).unwrap();
        store
            .fill_demo(&Sop::embedded(), 2026, 14, fixed_now())
            .unwrap();
    }
    {
        let mut h = open_format(Store::open(&path).unwrap());
        h.get_by_label("Keterangan baris 1").click();
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.get_by_label("Keterangan baris 1")
            .type_text("Diketik lalu Tab — ✓");
        h.run();
        h.key_press(egui::Key::Tab);
        h.run();
        assert_eq!(unit_rows(&h)[0].keterangan, "Diketik lalu Tab — ✓");
    }
    let reopened = Store::open(&path).unwrap();
    let unit = reopened.units().unwrap()[0].id;
    assert_eq!(
        reopened.rkt_rows(2026, unit).unwrap()[0].values.keterangan,
        "Diketik lalu Tab — ✓"
    );
}

#[test]
fn an_invalid_target_is_flagged_and_blocks_submission() {
    let mut h = open_format(demo_store());
    act_as(&mut h, "Budi Santoso");
    h.get_by_label("Target baris 2").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Target baris 2").type_text("8O");
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    assert_eq!(unit_rows(&h)[1].target, "8O", "kept as typed");
    h.get_by_label_contains("1 baris bermasalah");
    h.get_by_label("✉ Kumpulkan Format").click();
    h.run();
    assert!(matches!(running(&h).flash(), Some(Flash::Err(m)) if m.contains("masih bermasalah")));
    let store = running(&h).store();
    assert!(
        store
            .submission(2026, store.units().unwrap()[0].id)
            .unwrap()
            .is_none()
    );
}

#[test]
fn a_submitted_units_table_cannot_be_edited() {
    let mut store = demo_store();
    let master = store.master_data(2026).unwrap();
    let unit = store.units().unwrap()[0].id;
    let own = unit_official(&mut store, unit);
    store
        .submit_unit(2026, unit, &master, &own, fixed_now())
        .unwrap();
    let h = open_format(store);
    h.get_by_label_contains("terkunci");
    assert!(
        h.query_by_label("Target baris 1").is_none(),
        "no text field in a locked table"
    );
    assert!(h.query_by_label("+ Tambah Baris").is_none());
}

#[test]
fn undo_restores_a_deleted_row_in_the_database() {
    let mut h = open_format(demo_store());
    let before = unit_rows(&h).len();
    h.get_by_label("1").click();
    h.run();
    h.get_by_label("Hapus Baris").click();
    h.run();
    assert_eq!(unit_rows(&h).len(), before - 1);
    h.get_by_label("↶ Urungkan").click();
    h.run();
    assert_eq!(unit_rows(&h).len(), before);
    h.get_by_label("↷ Ulangi").click();
    h.run();
    assert_eq!(unit_rows(&h).len(), before - 1);
    // And from the keyboard, outside a cell, pressed as quickly as people press it (Ctrl
    // released within the frame): Ctrl+Z and Ctrl+Y were ignored so.
    quick_shortcut(&mut h, egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(unit_rows(&h).len(), before, "undone");
    quick_shortcut(&mut h, egui::Modifiers::COMMAND, egui::Key::Y);
    assert_eq!(unit_rows(&h).len(), before - 1, "redone");
}

#[test]
fn enter_on_the_last_row_starts_a_new_one() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .fill_demo(&Sop::embedded(), 2026, 7, fixed_now())
        .unwrap();
    let mut h = open_format(store);
    assert_eq!(unit_rows(&h).len(), 1);
    h.get_by_label("Penanggung Jawab baris 1").click();
    h.run();
    // Enter edits the selected cell, as in a spreadsheet; Enter again leaves it downwards.
    h.key_press(egui::Key::Enter);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    assert_eq!(
        unit_rows(&h).len(),
        2,
        "a new row, ready to fill from the keyboard"
    );
}

#[test]
fn snapshot_of_a_filled_table() {
    let mut h = open_format(demo_store());
    h.run();
    h.snapshot("format_rkt_terisi");
}

#[test]
fn master_data_is_kept_from_pengaturan_and_bad_codes_are_refused() {
    let mut h = harness(office_store());
    h.run();
    // Master data is the pengelola's.
    act_as(&mut h, "Hj. Nurul");
    h.get_by_label("Pengaturan").click();
    h.run();
    let code = "Kode (mis. 1.05.02.2.01.0001)";
    h.get_by_label(code).scroll_to_me();
    h.run();
    h.get_by_label(code).click();
    h.run();
    h.get_by_label(code).type_text("1.5.02");
    h.get_by_label("Nomenklatur").click();
    h.run();
    h.get_by_label("Nomenklatur").type_text("Penegakan Perda");
    h.run();
    h.get_by_label("Simpan Kode").click();
    h.run();
    assert!(
        matches!(running(&h).flash(), Some(Flash::Err(m)) if m.contains("tidak sesuai bentuk"))
    );
    assert!(
        running(&h)
            .store()
            .master_data(2026)
            .unwrap()
            .codes
            .is_empty()
    );
    h.get_by_label(code).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(code).type_text("1.05.02.2.02.0001");
    h.run();
    h.get_by_label("Simpan Kode").click();
    h.run();
    let m = running(&h).store().master_data(2026).unwrap();
    assert_eq!(m.codes.len(), 1);
    assert!(m.is_sub_kegiatan("1.05.02.2.02.0001"));
}

#[test]
fn a_correction_note_on_a_draft_row_is_kept_and_resolved() {
    let mut store = demo_store();
    let tim = person(&mut store, "Siti Rahmah");
    store
        .submit_all_and_compile(&Sop::embedded(), 2026, &tim, fixed_now())
        .unwrap();
    let mut h = open_format(store);
    act_as(&mut h, "Budi Santoso");
    h.get_by_label("Draft RKT").click();
    h.run();
    h.get_by_label_contains("Catatan koreksi (0 terbuka)")
        .click();
    h.run();
    h.get_by_label("1").click();
    h.run();
    let field = h.get_by_label_contains("Catatan untuk baris 1");
    field.click();
    h.run();
    h.get_by_label_contains("Catatan untuk baris 1")
        .type_text("Target IPKKU disesuaikan dengan Renstra");
    h.run();
    h.get_by_label("Tambah Catatan").click();
    h.run();
    let notes = running(&h).store().notes(2026).unwrap();
    assert_eq!(notes.len(), 1);
    assert!(notes[0].row_key.is_some());
    assert_eq!(notes[0].author, "Budi Santoso, S.T.");
    h.get_by_label("Tandai selesai").click();
    h.run();
    assert!(
        running(&h).store().notes(2026).unwrap()[0]
            .resolved
            .is_some()
    );
}

#[test]
fn typed_text_is_in_the_database_before_the_cell_is_left() {
    let mut h = open_format(demo_store());
    h.get_by_label("Keterangan baris 2").click();
    h.run();
    h.get_by_label("Keterangan baris 2")
        .type_text("Belum ditinggalkan");
    h.run();
    // Nothing left the cell: a program killed now would still have this in its database.
    assert_eq!(unit_rows(&h)[1].keterangan, "Belum ditinggalkan");
    // Leaving the cell makes one undoable edit of the whole typing.
    h.key_press(egui::Key::Tab);
    h.run();
    h.get_by_label("↶ Urungkan").click();
    h.run();
    assert_eq!(unit_rows(&h)[1].keterangan, "");
}

/// #24 (10): compiling a draft in which one indikator has two targets says so at once, naming
/// the indikator and both targets; the Draft RKT tab keeps saying it for the newest version.
#[test]
fn compiling_warns_of_an_indikator_with_two_targets() {
    let mut store = demo_store();
    let (indikator, first, second) = two_targets(&mut store);
    let tim = person(&mut store, "Siti Rahmah");
    store
        .submit_all_and_compile(&Sop::embedded(), 2026, &tim, fixed_now())
        .unwrap();
    let mut h = harness(store);
    h.run();
    act_as(&mut h, "Siti Rahmah");
    h.get_by_label("Format RKT").click();
    h.run();
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(sop_rkt::app::Command::Act(sop_rkt::app::ActCmd::Compile));
    h.run();
    let said =
        format!("Indikator \"{indikator}\" tercantum dengan target berbeda: {first} dan {second}");
    assert!(
        matches!(running(&h).flash(), Some(Flash::Ok(m))
            if m.contains("Draft RKT versi 2 tersusun") && m.contains(&format!("Perhatian: {said}"))),
        "{:?}",
        running(&h).flash()
    );
    h.get_by_label("Draft RKT").click();
    h.run();
    h.get_by_label_contains("Indikator dengan target berbeda di draf ini");
    h.get_by_label_contains(&format!("• {said}"));
}
