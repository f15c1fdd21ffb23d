//! What a newcomer met in the real window (issue: the outside-in walk), each pinned at the level
//! where it lived, with the keyboard events a real keyboard sends: press and release in one
//! frame, modifiers released with the key.

use crate::common::*;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sop_rkt::app::App;
use sop_rkt::domain::sop::Sop;
use sop_rkt::store::Store;

/// The newest draft version and the target of its first row.
fn newest_draft(h: &Harness<'_, App>) -> (i64, String) {
    let store = running(h).store();
    let d = store.drafts(2026).unwrap().remove(0);
    let rows = store.draft_rows(d.id).unwrap();
    (d.version, rows[0].values.target.clone())
}

/// A store at step 7 (corrections by the KASUBAG PP), a compiled draft, on the Draft RKT tab
/// acting as the Kasubag.
fn at_correction() -> Harness<'static, App> {
    let mut store = office_store();
    walk(&mut store, 6, fixed_now());
    let mut h = harness(store);
    h.run();
    act_as(&mut h, "Budi Santoso (");
    h.get_by_label("Format RKT").click();
    h.run();
    h.get_by_label("Draft RKT").click();
    h.run();
    h
}

/// Opens the first row's Target of the newest version with a double click.
fn open_target_cell(h: &mut Harness<'static, App>) {
    let (_, target) = newest_draft(h);
    double_click(h, &target);
    assert!(
        h.get_by_label("Koreksi Target baris 1").is_focused(),
        "the cell opens with the focus"
    );
}

/// A key pressed and released within one frame.
fn press(h: &mut Harness<'static, App>, key: egui::Key) {
    quick_shortcut(h, egui::Modifiers::NONE, key);
}

/// Replaces the focused cell's text as a person does: Ctrl+A, then typing.
fn retype(h: &mut Harness<'static, App>, label: &str, text: &str) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

#[test]
fn a_draft_correction_is_saved_by_enter_tab_or_leaving_the_tab_and_escape_cancels() {
    let mut h = at_correction();
    assert_eq!(newest_draft(&h).0, 1);

    // Enter saves: the correction is the next version.
    open_target_cell(&mut h);
    retype(&mut h, "Koreksi Target baris 1", "91");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(newest_draft(&h), (2, "91".into()));
    assert!(
        h.query_by_label("Koreksi Target baris 1").is_none(),
        "closed"
    );

    // Tab saves too.
    open_target_cell(&mut h);
    retype(&mut h, "Koreksi Target baris 1", "92");
    h.key_press(egui::Key::Tab);
    h.run();
    assert_eq!(newest_draft(&h), (3, "92".into()));

    // Escape cancels: no new version, the cell closes.
    open_target_cell(&mut h);
    retype(&mut h, "Koreksi Target baris 1", "99");
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(newest_draft(&h), (3, "92".into()));
    assert!(
        h.query_by_label("Koreksi Target baris 1").is_none(),
        "closed"
    );

    // Leaving the tab with the cell open keeps what was typed.
    open_target_cell(&mut h);
    retype(&mut h, "Koreksi Target baris 1", "93");
    h.get_by_label("Isi Format").click();
    h.run();
    assert_eq!(newest_draft(&h), (4, "93".into()));

    // And leaving the page.
    h.get_by_label("Draft RKT").click();
    h.run();
    open_target_cell(&mut h);
    retype(&mut h, "Koreksi Target baris 1", "94");
    h.get_by_label("Beranda").click();
    h.run();
    assert_eq!(newest_draft(&h), (5, "94".into()));
}

#[test]
fn arrow_down_moves_one_row_from_any_row() {
    let mut h = open_format(demo_store());
    for from in 1..=4 {
        h.get_by_label(&format!("Target baris {from}")).click();
        h.run();
        press(&mut h, egui::Key::ArrowDown);
        let below = format!("Target baris {}", from + 1);
        assert!(
            h.get_by_label(&below).is_focused(),
            "↓ from row {from} lands on row {}",
            from + 1
        );
    }
    press(&mut h, egui::Key::ArrowUp);
    assert!(h.get_by_label("Target baris 4").is_focused());
}

#[test]
fn a_pick_list_is_worked_from_the_keyboard_alone() {
    let mut h = open_format(demo_store());
    let n = unit_rows(&h).len() + 1;
    h.get_by_label("+ Tambah Baris").click();
    h.run();
    h.run();
    let sasaran = format!("Sasaran baris {n}");
    assert!(
        h.get_by_label(&sasaran).is_focused(),
        "a new row starts at its Sasaran"
    );
    let options: Vec<String> = running(&h)
        .store()
        .master_data(2026)
        .unwrap()
        .renstra
        .iter()
        .map(|s| s.text.clone())
        .collect();

    // Space opens, ↓ moves, Enter picks and closes; the focus stays on the cell.
    h.key_press(egui::Key::Space);
    h.run();
    assert!(h.query_by_label(&options[1]).is_some(), "the list is open");
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(unit_rows(&h)[n - 1].sasaran, options[1]);
    assert!(h.query_by_label(&options[2]).is_none(), "the list closed");
    assert!(h.get_by_label(&sasaran).is_focused(), "the focus stayed");

    // Escape closes an open list and keeps the focus; Tab then goes to the next cell.
    h.key_press(egui::Key::Space);
    h.run();
    assert!(h.query_by_label(&options[2]).is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label(&options[2]).is_none());
    assert!(h.get_by_label(&sasaran).is_focused());
    assert_eq!(unit_rows(&h)[n - 1].sasaran, options[1], "unchanged");
    h.key_press(egui::Key::Tab);
    h.run();
    let indikator = format!("Indikator Kinerja baris {n}");
    assert!(h.get_by_label(&indikator).is_focused());

    // Typing finds: the list narrows to what contains the letters; Enter takes the first.
    h.event(egui::Event::Text("kompetensi".into()));
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    let row = &unit_rows(&h)[n - 1];
    assert_eq!(
        row.indikator,
        "Persentase Pol PP dan PPNS yang ditingkatkan kompetensinya"
    );
    assert_eq!(row.satuan, "%", "the Renstra gives the unit");
    assert!(h.get_by_label(&indikator).is_focused());
}

#[test]
fn a_long_message_keeps_its_close_button_in_reach_and_moves_nothing() {
    let mut h = harness(Store::open_in_memory().unwrap());
    h.run();
    let title_before = h.get_by_label("Siklus RKT Tahun 2026").rect();
    assert!(h.query_by_label("Tutup pesan").is_none());
    h.get_by_label("Isi data contoh").click();
    h.run();
    let close = h.get_by_label("Tutup pesan").rect();
    assert!(
        close.right() <= 1366.0 && close.bottom() <= 768.0,
        "{close:?}"
    );
    let msg = h.get_by_label_contains("Data contoh diisikan").rect();
    assert!(
        msg.right() <= close.left(),
        "the message wraps before the button"
    );
    // The demo's own card went away above it: measured from here on, with the message open.
    let with_message = h.get_by_label("Siklus RKT Tahun 2026").rect();
    assert!(with_message.top() < title_before.top());
    h.get_by_label("Tutup pesan").click();
    h.run();
    assert_eq!(
        h.get_by_label("Siklus RKT Tahun 2026").rect(),
        with_message,
        "closing the message moves nothing"
    );
}

#[test]
fn the_acting_official_is_remembered_and_the_format_opens_at_their_unit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kantor.db");
    {
        let mut store = Store::open(&path).unwrap();
        store
            .fill_demo(&Sop::embedded(), 2026, 14, fixed_now())
            .unwrap();
    }
    let rina = {
        let mut h = harness(Store::open(&path).unwrap());
        h.run();
        act_as(&mut h, "Rina Marlina");
        let r = running(&h);
        let rina = r
            .store()
            .officials()
            .unwrap()
            .into_iter()
            .find(|o| o.name.starts_with("Rina Marlina"))
            .unwrap();
        assert_eq!(r.acting_id(), Some(rina.id));
        assert_eq!(r.unit(), rina.unit_id, "her own unit");
        rina
    };
    // After a restart her unit opens and her name comes first in the list, but nobody acts
    // until she types her PIN again.
    let mut h = harness(Store::open(&path).unwrap());
    h.run();
    assert_eq!(running(&h).acting_id(), None, "after a restart");
    assert_eq!(running(&h).unit(), rina.unit_id);
    act_as(&mut h, "Rina Marlina");
    assert_eq!(running(&h).acting_id(), Some(rina.id));
}

#[test]
fn on_a_small_screen_the_last_columns_are_reached_by_scrolling_sideways() {
    let mut h = harness_sized(demo_store(), own_data_dir(), fixed_now(), [1024.0, 600.0]);
    h.run();
    act_as(&mut h, "Budi Santoso");
    h.get_by_label("Format RKT").click();
    h.run();
    let ket = h.get_by_label("Keterangan baris 1").rect();
    assert!(ket.right() > 1024.0, "off screen at first: {ket:?}");
    // Tab from the cell before it: the table scrolls sideways to the focused cell.
    h.get_by_label("Pagu (Rp) baris 1").click();
    h.run();
    // (The scroll is animated: a few frames more than a still page needs.)
    for _ in 0..3 {
        h.key_press(egui::Key::Tab);
        h.run_steps(12);
    }
    let ket = h.get_by_label("Keterangan baris 1");
    assert!(ket.is_focused());
    assert!(ket.rect().right() <= 1024.0 + 0.5, "{:?}", ket.rect());
}
