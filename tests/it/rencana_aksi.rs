//! The Rencana Aksi worked as the FORMAT RKT is: started from the signed Perjanjian Kinerja by
//! the TIM, each unit's rows typed with the same keys (Tab into a filled target and type over
//! it, Esc puts it back, Ctrl+Z inside a cell and outside it), Arah picked from its words by
//! keyboard, problems framed until the row is whole.

use crate::common::*;
use crate::tabel::{flash, key, text};
use eframe::egui;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sop_rkt::app::{App, Command, ViewCmd};
use sop_rkt::domain::action_plan::PlanCol;
use sop_rkt::store::{PlanRow, Store};

/// The demo office of 2026 (its RKT and Perjanjian Kinerja of 2025 signed), on a clock in
/// February 2026: every quarter of 2025 has ended.
pub(crate) fn demo_2025() -> Store {
    crate::common::plan::demo_to_pk(fixed_now())
}

/// ... with the Rencana Aksi 2025 started by the TIM.
pub(crate) fn plan_store() -> Store {
    crate::common::plan::office_with_plan(fixed_now())
}

/// The first unit (Sub Bagian Perencanaan dan Pelaporan, Budi Santoso's) and its 2025 rows.
pub(crate) fn first_unit_rows(store: &Store) -> Vec<PlanRow> {
    let unit = store.units().unwrap()[0].id;
    store.plan_rows(2025, Some(unit)).unwrap()
}

/// The window at 2025's `page`, signed in as Budi Santoso (the first unit's official, and of
/// the TIM).
pub(crate) fn open_2025(store: Store, page: &str) -> Harness<'static, App> {
    let mut h = harness(store);
    h.run();
    act_as(&mut h, "Budi Santoso");
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::View(ViewCmd::SelectYear(2025)));
    h.run();
    h.get_by_label(page).click();
    h.run();
    h
}

fn cell(h: &Harness<'_, App>, row: usize, col: PlanCol) -> String {
    first_unit_rows(running(h).store())[row]
        .values
        .get(col)
        .to_string()
}

/// The first row's TW I target already filled, by the unit's own official.
fn with_tw1(value: &str) -> Store {
    let mut store = plan_store();
    let unit = store.units().unwrap()[0].id;
    let who = unit_official(&mut store, unit);
    let row = first_unit_rows(&store)[0].id;
    store.set_plan_cell(row, PlanCol::Tw1, value, &who).unwrap();
    store
}

#[test]
fn the_tim_starts_the_plan_from_the_signed_pk_and_a_year_without_one_says_what_comes_first() {
    let mut h = open_2025(demo_2025(), "Rencana Aksi");
    h.get_by_label("▶ Mulai Rencana Aksi dari Perjanjian Kinerja")
        .click();
    h.run();
    let rows = first_unit_rows(running(&h).store());
    assert_eq!(rows.len(), 2, "{}", flash(&h));
    assert_eq!(rows[0].values.target, "70,5", "the PK's target");
    // The PK's columns are shown, not typed; the unit's own are cells.
    assert!(h.query_by_label("Target Tahun baris 1").is_none());
    assert!(h.query_by_label("Target TW I baris 1").is_some());
    // 2026's PK is not signed: the page says what comes first, and offers no start.
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::View(ViewCmd::SelectYear(2026)));
    h.run();
    h.get_by_label_contains("Perjanjian Kinerja 2026 belum ditandatangani");
    assert!(
        h.query_by_label("▶ Mulai Rencana Aksi dari Perjanjian Kinerja")
            .is_none()
    );
}

#[test]
fn someone_outside_the_tim_is_told_who_starts_it() {
    let mut h = harness(demo_2025());
    h.run();
    act_as(&mut h, "Dedi Kurniawan");
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::View(ViewCmd::SelectYear(2025)));
    h.run();
    h.get_by_label("Rencana Aksi").click();
    h.run();
    h.get_by_label_contains("Rencana Aksi dimulai oleh");
    assert!(
        h.query_by_label("▶ Mulai Rencana Aksi dari Perjanjian Kinerja")
            .is_none()
    );
}

#[test]
fn typing_into_a_filled_target_reached_by_tab_replaces_it_and_esc_puts_it_back() {
    let mut h = open_2025(with_tw1("20"), "Rencana Aksi");
    // From Sifat, Tab goes into the filled TW I target; typing replaces what it held.
    h.get_by_label("Sifat Triwulan baris 1").click();
    h.run();
    key(&mut h, Key::Escape);
    key(&mut h, Key::Tab);
    assert!(h.get_by_label("Target TW I baris 1").is_focused());
    text(&mut h, "25");
    key(&mut h, Key::Tab);
    assert_eq!(cell(&h, 0, PlanCol::Tw1), "25", "replaced, not appended");
    assert!(h.get_by_label("Target TW II baris 1").is_focused());

    // Typed and saved at once; Esc takes it back, in the database too.
    h.get_by_label("Target TW I baris 1").click();
    h.run();
    text(&mut h, "999");
    assert_eq!(cell(&h, 0, PlanCol::Tw1), "999");
    key(&mut h, Key::Escape);
    assert_eq!(cell(&h, 0, PlanCol::Tw1), "25");
    assert!(h.get_by_label("Target TW I baris 1").is_focused());
}

#[test]
fn ctrl_z_inside_a_cell_undoes_its_typing_and_outside_the_last_plan_edit() {
    let mut h = open_2025(with_tw1("20"), "Rencana Aksi");
    h.get_by_label("Target TW I baris 1").click();
    h.run();
    text(&mut h, "30");
    key(&mut h, Key::Tab);
    assert_eq!(cell(&h, 0, PlanCol::Tw1), "30");

    // Inside a cell being edited: only its typing goes.
    h.get_by_label("Rencana Aksi baris 1").click();
    h.run();
    text(&mut h, "salah ketik");
    quick_shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    key(&mut h, Key::Tab);
    assert_eq!(cell(&h, 0, PlanCol::Aksi), "");
    assert_eq!(cell(&h, 0, PlanCol::Tw1), "30", "the other cell untouched");

    // On a selected cell: the last edit of this table, named.
    h.get_by_label("Target TW II baris 1").click();
    h.run();
    quick_shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(cell(&h, 0, PlanCol::Tw1), "20");
    let said = flash(&h);
    assert!(said.contains("Target TW I baris 1"), "{said}");
    // And again: redone.
    quick_shortcut(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(cell(&h, 0, PlanCol::Tw1), "30");
}

#[test]
fn arah_is_picked_by_keyboard_and_its_problem_goes() {
    let mut h = open_2025(plan_store(), "Rencana Aksi");
    let problems = |h: &Harness<'_, App>| {
        running(h)
            .store()
            .plan_problems(2025)
            .unwrap()
            .into_iter()
            .filter(|p| {
                p.unit == "Sub Bagian Perencanaan dan Pelaporan"
                    && p.indikator == first_unit_rows(running(h).store())[0].values.indikator
            })
            .flat_map(|p| p.problems.into_iter().map(|(c, _)| c))
            .collect::<Vec<_>>()
    };
    assert!(problems(&h).contains(&PlanCol::Arah));
    h.get_by_label("Arah baris 1").click();
    h.run();
    key(&mut h, Key::Escape);
    text(&mut h, "tur");
    key(&mut h, Key::Enter);
    assert_eq!(cell(&h, 0, PlanCol::Arah), "Turun");
    assert!(!problems(&h).contains(&PlanCol::Arah));
    // Tab goes on to Sifat, picked the same way.
    key(&mut h, Key::Tab);
    assert!(h.get_by_label("Sifat Triwulan baris 1").is_focused());
    key(&mut h, Key::Enter);
    key(&mut h, Key::ArrowDown);
    key(&mut h, Key::Enter);
    assert_eq!(cell(&h, 0, PlanCol::Sifat), "Per Triwulan");
}

#[test]
fn snapshot_of_the_rencana_aksi_being_filled() {
    let mut h = open_2025(with_tw1("20"), "Rencana Aksi");
    h.get_by_label("Arah baris 1").click();
    h.run();
    key(&mut h, Key::Escape);
    key(&mut h, Key::Enter);
    key(&mut h, Key::Enter);
    h.run();
    h.snapshot("rencana_aksi_diisi");
}

#[test]
fn a_sub_kegiatan_is_added_and_taken_off_from_the_units_own_list() {
    let mut h = open_2025(plan_store(), "Rencana Aksi");
    assert_eq!(cell(&h, 0, PlanCol::SubKegiatan), "1.05.01.2.01.0001");
    let pick = |h: &mut Harness<'static, App>, find: &str| {
        h.get_by_label("Sub Kegiatan baris 1").click();
        h.run();
        key(h, Key::Escape);
        text(h, find);
        key(h, Key::Enter);
    };
    // Another of the unit's sub kegiatan in the signed RKT: added on a line of its own.
    pick(&mut h, "0006");
    assert_eq!(
        cell(&h, 0, PlanCol::SubKegiatan),
        "1.05.01.2.01.0001\n1.05.01.2.01.0006"
    );
    // One it has (marked ✔): taken off.
    pick(&mut h, "0001");
    assert_eq!(cell(&h, 0, PlanCol::SubKegiatan), "1.05.01.2.01.0006");
}
