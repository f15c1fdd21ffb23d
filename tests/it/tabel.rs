//! The FORMAT RKT table worked as a spreadsheet user works Excel or Calc: a cell reached by Tab,
//! the arrows or Enter is selected; typing replaces it; F2, Enter or a double click edit it with
//! the caret at the end; Esc puts back what it held; Ctrl+Z inside a cell undoes its typing
//! only, outside it undoes the last committed change and says which; the code is chosen from a
//! list by keyboard.

use crate::common::*;
use eframe::egui;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use sop_rkt::app::Flash;

pub(crate) fn text(h: &mut egui_kittest::Harness<'_, sop_rkt::app::App>, s: &str) {
    frame(h, vec![egui::Event::Text(s.into())]);
}

pub(crate) fn key(h: &mut egui_kittest::Harness<'_, sop_rkt::app::App>, k: Key) {
    frame(h, tap(k));
}

/// A key pressed and released.
fn tap(key: Key) -> Vec<egui::Event> {
    [true, false]
        .into_iter()
        .map(|pressed| egui::Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers: Modifiers::NONE,
        })
        .collect()
}

fn typed(s: &str) -> Vec<egui::Event> {
    vec![egui::Event::Text(s.into())]
}

/// `events` within one frame, then frames enough for a sideways scroll to the cell to settle
/// (kittest's `run` gives up on an animation).
fn frame(h: &mut egui_kittest::Harness<'_, sop_rkt::app::App>, events: Vec<egui::Event>) {
    h.step();
    h.input_mut().events.extend(events);
    for _ in 0..12 {
        h.step();
    }
}

pub(crate) fn flash(h: &egui_kittest::Harness<'_, sop_rkt::app::App>) -> String {
    match running(h).flash() {
        Some(Flash::Ok(m) | Flash::Err(m)) => m.clone(),
        None => String::new(),
    }
}

#[test]
fn typing_into_a_cell_reached_by_tab_replaces_what_it_held() {
    let mut h = open_format(demo_store());
    let before = unit_rows(&h);
    assert!(!before[0].target.is_empty(), "the demo's target is filled");
    // Tab from the Satuan into the filled Target, as the newcomer did, and type 7.
    h.get_by_label("Satuan baris 1").click();
    h.run();
    key(&mut h, Key::Tab);
    assert!(h.get_by_label("Target baris 1").is_focused());
    text(&mut h, "7");
    key(&mut h, Key::Tab);
    assert_eq!(unit_rows(&h)[0].target, "7", "replaced, not appended");
    // ↓ into a filled Pagu and type: the digits replace the amount.
    h.get_by_label("Pagu (Rp) baris 1").click();
    h.run();
    key(&mut h, Key::ArrowDown);
    assert!(h.get_by_label("Pagu (Rp) baris 2").is_focused());
    text(&mut h, "1500000");
    key(&mut h, Key::Enter);
    let after = unit_rows(&h);
    assert_eq!(after[1].pagu, "Rp 1.500.000");
    // Enter leaves the cell for the one below, selected and not being edited: the row below is
    // untouched and its next letter would replace it.
    assert!(h.get_by_label("Pagu (Rp) baris 3").is_focused());
    assert_eq!(after[2].pagu, before[2].pagu);
}

#[test]
fn f2_enter_and_a_double_click_edit_with_the_caret_at_the_end() {
    let mut h = open_format(demo_store());
    let before = unit_rows(&h)[0].keterangan.clone();
    h.get_by_label("Keterangan baris 1").click();
    h.run();
    key(&mut h, Key::F2);
    text(&mut h, " (F2)");
    key(&mut h, Key::Tab);
    let now = unit_rows(&h)[0].keterangan.clone();
    assert_eq!(now, format!("{before} (F2)").trim());

    h.get_by_label("Satuan baris 2").click();
    h.run();
    let satuan = unit_rows(&h)[1].satuan.clone();
    key(&mut h, Key::Enter);
    text(&mut h, "x");
    key(&mut h, Key::Tab);
    assert_eq!(unit_rows(&h)[1].satuan, format!("{satuan}x"));

    let target = unit_rows(&h)[2].target.clone();
    double_click(&mut h, "Target baris 3");
    text(&mut h, "5");
    key(&mut h, Key::Tab);
    assert_eq!(unit_rows(&h)[2].target, format!("{target}5"));
}

#[test]
fn escape_puts_back_the_value_the_cell_had() {
    let mut h = open_format(demo_store());
    let before = unit_rows(&h)[0].clone();
    h.get_by_label("Target baris 1").click();
    h.run();
    text(&mut h, "999");
    // Saved as typed, so nothing is lost if the window dies now…
    assert_eq!(unit_rows(&h)[0].target, "999");
    key(&mut h, Key::Escape);
    // …and Esc takes it back, in the database too; the cell stays selected.
    assert_eq!(unit_rows(&h)[0].target, before.target);
    assert!(h.get_by_label("Target baris 1").is_focused());
    key(&mut h, Key::Tab);
    assert_eq!(unit_rows(&h)[0], before, "nothing else changed");
    // No edit was recorded: there is nothing to undo, and the button says so by being grey.
    assert!(h.get_by_label("↶ Urungkan").accesskit_node().is_disabled());
}

#[test]
fn ctrl_z_inside_a_cell_undoes_its_typing_and_outside_the_last_change_it_names() {
    let mut h = open_format(demo_store());
    let before = unit_rows(&h)[0].clone();
    // Target → 95, Tab; Satuan → "persen", Tab (the issue's own steps).
    h.get_by_label("Target baris 1").click();
    h.run();
    text(&mut h, "95");
    key(&mut h, Key::Tab);
    h.get_by_label("Satuan baris 1").click();
    h.run();
    text(&mut h, "persen");
    key(&mut h, Key::Tab);
    assert_eq!(unit_rows(&h)[0].satuan, "persen");
    // Now on the Target again, selected, not editing: Ctrl+Z undoes the last change — the
    // Satuan — and says so; the Target keeps 95.
    assert!(h.get_by_label("Target baris 1").is_focused());
    quick_shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    let rows = unit_rows(&h);
    assert_eq!(rows[0].satuan, before.satuan);
    assert_eq!(rows[0].target, "95");
    let said = flash(&h);
    assert!(said.contains("Satuan baris 1"), "{said}");

    // Inside a cell being edited Ctrl+Z undoes the typing there, and only there.
    h.get_by_label("Keterangan baris 1").click();
    h.run();
    text(&mut h, "salah ketik");
    quick_shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    key(&mut h, Key::Tab);
    let rows = unit_rows(&h);
    assert_eq!(rows[0].keterangan, before.keterangan);
    assert_eq!(rows[0].target, "95", "the other cell untouched");
    assert_eq!(rows[0].satuan, before.satuan);

    // On a pick-list cell Ctrl+Z undoes the last change too.
    h.get_by_label("Sumber Dana baris 1").click();
    h.run();
    quick_shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(unit_rows(&h)[0].target, before.target);
    let said = flash(&h);
    assert!(said.contains("Target baris 1"), "{said}");
}

#[test]
fn the_code_is_chosen_by_keyboard_and_a_search_never_becomes_the_code() {
    let mut h = open_format(demo_store());
    let store = running(&h).store();
    let master = store.master_data(2026).unwrap();
    let sub = master
        .codes
        .iter()
        .filter(|c| c.level == sop_rkt::domain::rkt::CodeLevel::SubKegiatan)
        .find(|c| c.code != unit_rows(&h)[0].code)
        .expect("a sub kegiatan other than the first row's")
        .clone();
    let word = sub
        .name
        .split_whitespace()
        .max_by_key(|w| w.len())
        .unwrap()
        .to_lowercase();
    let before = unit_rows(&h)[0].code.clone();
    let name = "Program / Kegiatan / Sub Kegiatan baris 1";
    // A search typed, then Tab without choosing: the code stays what it was.
    h.get_by_label(name).click();
    h.run();
    key(&mut h, Key::Escape);
    text(&mut h, &word);
    key(&mut h, Key::Escape);
    key(&mut h, Key::Tab);
    assert_eq!(unit_rows(&h)[0].code, before, "a search is not a code");
    // Typed, ↓ to the one meant, Enter: that code.
    h.get_by_label(name).click();
    h.run();
    key(&mut h, Key::Escape);
    text(&mut h, &sub.code);
    key(&mut h, Key::ArrowDown);
    key(&mut h, Key::ArrowUp);
    key(&mut h, Key::Enter);
    assert_eq!(unit_rows(&h)[0].code, sub.code);
    assert!(
        h.get_by_label(name).is_focused(),
        "the focus stays on the cell"
    );
    // Typed and Tab, as one goes on through a row: the item found is taken, the focus goes on.
    let other = unit_rows(&h)[1].code.clone();
    let chosen = if other == sub.code {
        &before
    } else {
        &sub.code
    };
    h.get_by_label("Program / Kegiatan / Sub Kegiatan baris 2")
        .click();
    h.run();
    key(&mut h, Key::Escape);
    text(&mut h, chosen);
    key(&mut h, Key::Tab);
    assert_eq!(&unit_rows(&h)[1].code, chosen);
    assert!(h.get_by_label("Pagu (Rp) baris 2").is_focused());
}

#[test]
fn a_row_is_typed_through_from_a_pick_list_into_the_text_cells() {
    let mut h = open_format(demo_store());
    h.get_by_label("Sumber Dana baris 1").click();
    h.run();
    key(&mut h, Key::Escape);
    text(&mut h, "PAD");
    key(&mut h, Key::Enter);
    key(&mut h, Key::Tab);
    assert!(h.get_by_label("Penanggung Jawab baris 1").is_focused());
    for c in ["K", "a", "b", "i", "d", " ", "X"] {
        text(&mut h, c);
    }
    key(&mut h, Key::Tab);
    text(&mut h, "Catatan");
    key(&mut h, Key::Tab);
    let row = &unit_rows(&h)[0];
    assert_eq!(
        (
            row.sumber_dana.as_str(),
            row.penanggung_jawab.as_str(),
            row.keterangan.as_str()
        ),
        ("PAD", "Kabid X", "Catatan")
    );
}

/// A quick hand on a busy PC: a frame holds Enter, Tab and the next cell's first letters (the
/// end-to-end walk met it: the Tab went into the open list, whose Enter then picked another
/// item, and the letters were lost or went to the cell before).
#[test]
fn keys_that_arrive_in_one_frame_go_to_the_cells_they_were_typed_for() {
    let mut h = open_format(demo_store());
    h.get_by_label("Sumber Dana baris 1").click();
    h.run();
    key(&mut h, Key::Escape);
    frame(&mut h, [typed("P"), typed("AD")].concat());
    frame(
        &mut h,
        [tap(Key::Enter), tap(Key::Tab), typed("K")].concat(),
    );
    frame(
        &mut h,
        [typed("abid"), tap(Key::Space), typed(" X")].concat(),
    );
    frame(&mut h, [tap(Key::Tab), typed("Cat")].concat());
    frame(&mut h, [typed("atan"), tap(Key::Tab)].concat());
    let row = &unit_rows(&h)[0];
    assert_eq!(
        (
            row.sumber_dana.as_str(),
            row.penanggung_jawab.as_str(),
            row.keterangan.as_str()
        ),
        ("PAD", "Kabid X", "Catatan")
    );
    assert_eq!(running(&h).page(), sop_rkt::app::Page::FormatRkt);
}

/// The selected cell is seen: its frame is drawn in the theme's accent (egui's selection colour,
/// white here, left the keyboard's place invisible).
#[test]
fn the_selected_cell_is_framed_where_the_eye_sees_it() {
    let mut h = open_format(demo_store());
    h.get_by_label("Satuan baris 1").click();
    h.run();
    key(&mut h, Key::Tab);
    let rect = h.get_by_label("Target baris 1").rect();
    let image = h.render().expect("rendered");
    let scale = image.width() as f32 / h.ctx.content_rect().width();
    let accent = sop_rkt::app::theme::ACCENT;
    let framed = (rect.left() as u32..rect.right() as u32).any(|x| {
        let y = (rect.top() + 1.0) * scale;
        let p = image.get_pixel((x as f32 * scale) as u32, y as u32);
        p[0] == accent.r() && p[1] == accent.g() && p[2] == accent.b()
    });
    assert!(
        framed,
        "the selected cell's top edge is drawn in the accent colour"
    );
}

/// A real mouse: moved onto `label`, pressed, and released a frame later (a hand's click).
fn mouse_click(h: &mut egui_kittest::Harness<'_, sop_rkt::app::App>, label: &str) {
    let pos = h.get_by_label(label).rect().center();
    h.input_mut().events.push(egui::Event::PointerMoved(pos));
    h.step();
    for pressed in [true, false] {
        h.input_mut().events.push(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run();
}

#[test]
fn a_code_found_by_typing_is_picked_with_the_mouse() {
    let mut h = open_format(demo_store());
    let store = running(&h).store();
    let master = store.master_data(2026).unwrap();
    let before = unit_rows(&h)[0].code.clone();
    let sub = master
        .codes
        .iter()
        .filter(|c| c.level == sop_rkt::domain::rkt::CodeLevel::SubKegiatan)
        .find(|c| c.code != before)
        .expect("a sub kegiatan other than the first row's")
        .clone();
    // Half the code typed (its kegiatan), as a clerk starts: several suggestions show.
    let kegiatan = sub.code.rsplit_once('.').unwrap().0.to_string();
    let name = "Program / Kegiatan / Sub Kegiatan baris 1";
    h.get_by_label(name).click();
    h.run();
    key(&mut h, Key::Escape);
    text(&mut h, &kegiatan);
    let item = format!("{}  {}", sub.code, sub.name);
    mouse_click(&mut h, &item);
    assert_eq!(unit_rows(&h)[0].code, sub.code, "the code clicked is taken");
    assert!(
        h.query_by_label(&item).is_none(),
        "the list closes after the pick"
    );
    // The keyboard goes on from the cell, as after a pick by Enter.
    assert!(
        h.get_by_label(name).is_focused(),
        "the focus stays on the cell"
    );
    key(&mut h, Key::Tab);
    assert!(h.get_by_label("Pagu (Rp) baris 1").is_focused());
}
