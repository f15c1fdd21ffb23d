//! An office's first run, from an EMPTY database (never the demo): Beranda's checklist leads
//! from the first official (the pengelola) and their PIN to the office data and the officials
//! with their units; each step ticks when it is done, wherever it was done. A unit is added in
//! Pengaturan, an official is given it, the list shows it, and that official fills the unit's
//! FORMAT RKT. Pengaturan fits a 1280×720 screen, and typing a NIP moves nothing below it.

use crate::common::*;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use sop_rkt::app::{App, Page};
use sop_rkt::store::Store;

fn flash(h: &Harness<'static, App>) -> String {
    format!("{:?}", running(h).flash())
}

/// The checklist line of step `n`: ticked or not.
fn ticked(h: &Harness<'static, App>, n: usize, title: &str) -> bool {
    if h.query_by_label(&format!("✔ {n}. {title}")).is_some() {
        return true;
    }
    assert!(
        h.query_by_label(&format!("◻ {n}. {title}")).is_some(),
        "no checklist line {n}. {title}"
    );
    false
}

/// Clicks a button of the open page after scrolling it into view.
fn press(h: &mut Harness<'static, App>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
    h.run();
}

/// Clicks a field of the open page (scrolled into view) and types.
fn fill(h: &mut Harness<'static, App>, label: &str, text: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    type_into(h, label, text);
}

/// The TIM box of the official form (the name stands elsewhere on the page too).
fn tim() -> By<'static> {
    By::new().label("TIM").role(egui::accesskit::Role::CheckBox)
}

const FIRST: &str = "Pejabat pertama (menjadi pengelola)";
const SIGN_IN: &str = "Masuk dengan PIN pengelola";
const OFFICE: &str = "Data kantor";
const LANES: &str = "Pejabat di setiap kolom pelaksana SOP";
const UNITS: &str = "Pejabat setiap bidang dan sub bagian";
const START: &str = "Mulai Siklus RKT 2026";
const NEW_UNIT: &str = "Bidang Pengamanan Aset";

#[test]
fn an_empty_office_is_led_step_by_step_and_an_official_with_a_unit_fills_its_format() {
    let mut h = harness(Store::open_in_memory().unwrap());
    h.run();
    // Nothing done; who starts the cycle is said before anyone exists.
    for (n, title) in [
        (1, FIRST),
        (2, SIGN_IN),
        (3, OFFICE),
        (4, LANES),
        (5, UNITS),
    ] {
        assert!(!ticked(&h, n, title), "{title}");
    }
    assert!(!ticked(&h, 8, START));
    // In the checklist, and under the start button itself.
    let said = "Ditekan oleh SEKRETARIS; belum ada pejabat aktif";
    assert_eq!(h.query_all_by_label_contains(said).count(), 2);

    // 1. The first official: the form says they become pengelola, and how they sign in.
    h.get_by_label("Ke Pengaturan: Pejabat Pertama").click();
    h.run();
    assert_eq!(running(&h).page(), Page::Pengaturan);
    h.get_by_label_contains("Pejabat pertama otomatis menjadi pengelola");
    fill(&mut h, "Nama", "Siti Rahmawati");
    press(&mut h, "TIM");
    press(&mut h, "Tambah Pejabat");
    let first = running(&h).store().officials().unwrap();
    assert_eq!(first.len(), 1, "{}", flash(&h));
    assert!(first[0].pengelola);

    // 2. Back on Beranda: step 1 ticked; the sign-in opens from the checklist itself.
    h.get_by_label("Beranda").click();
    h.run();
    assert!(ticked(&h, 1, FIRST));
    assert!(!ticked(&h, 2, SIGN_IN));
    h.get_by_label("Buka Masuk Pengelola").click();
    h.run();
    h.get_by_label("Masuk sebagai Siti Rahmawati");
    type_into(&mut h, "PIN baru (6 angka)", TEST_PIN);
    type_into(&mut h, "Ulangi PIN baru", TEST_PIN);
    h.get_by_label("Masuk").click();
    h.run();
    assert_eq!(running(&h).acting_id(), Some(first[0].id), "{}", flash(&h));
    assert!(ticked(&h, 2, SIGN_IN));
    assert!(!ticked(&h, 3, OFFICE));

    // 3. Office data: the Bupati's name is what an empty office lacks.
    h.get_by_label("Ke Pengaturan: Data Kantor").click();
    h.run();
    fill(
        &mut h,
        "Nama Bupati (Perjanjian Kinerja)",
        "H. Bupati Rekaan, S.E.",
    );
    press(&mut h, "Simpan Data Kantor");
    assert_eq!(
        running(&h).store().settings().unwrap().office.bupati_name,
        "H. Bupati Rekaan, S.E."
    );

    // A unit added in Pengaturan; a duplicate name is refused and stays to be corrected.
    let units_before = running(&h).store().units().unwrap().len();
    fill(&mut h, "Nama unit baru", "bidang perlindungan masyarakat");
    press(&mut h, "Tambah Unit");
    assert!(flash(&h).contains("sudah ada"), "{}", flash(&h));
    assert_eq!(running(&h).store().units().unwrap().len(), units_before);
    h.get_by_label("Nama unit baru").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("Nama unit baru").type_text(NEW_UNIT);
    h.run();
    press(&mut h, "Tambah Unit");
    let unit = running(&h)
        .store()
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.name == NEW_UNIT)
        .unwrap_or_else(|| panic!("added: {}", flash(&h)));
    assert_eq!(unit.kind, "bidang");
    let field = h.get_by_label("Nama unit baru").accesskit_node().value();
    assert!(
        field.unwrap_or_default().is_empty(),
        "the field starts again"
    );
    h.get_by_label(&format!("Ubah Nama: {NEW_UNIT}"));
    h.get_by_label(&format!("Tidak Dipakai Lagi: {NEW_UNIT}"));

    // An official of that unit, through the same form: the unit picked from its list.
    fill(&mut h, "Nama", "Rahmat Hidayat");
    press(&mut h, "KABID/KASUBAG/JF PENYETARAAN");
    press(&mut h, "Unit");
    h.get(
        By::new()
            .label(NEW_UNIT)
            .role(egui::accesskit::Role::Button),
    )
    .click();
    h.run();
    press(&mut h, "Tambah Pejabat");
    let kabid = running(&h)
        .store()
        .officials()
        .unwrap()
        .into_iter()
        .find(|o| o.name == "Rahmat Hidayat")
        .unwrap_or_else(|| panic!("added: {}", flash(&h)));
    assert_eq!(kabid.unit_id, Some(unit.id));
    // The list shows each official's unit.
    h.get_by_label(&format!("Unit: {NEW_UNIT}"));

    // Beranda ticks the office data; the units still lack officials, the columns too.
    h.get_by_label("Beranda").click();
    h.run();
    assert!(ticked(&h, 3, OFFICE));
    assert!(!ticked(&h, 4, LANES));
    assert!(!ticked(&h, 5, UNITS));
    h.get_by_label_contains(&format!("{} unit belum punya pejabat", units_before));
    assert!(
        h.query_by_label_contains(&format!("pejabat: {NEW_UNIT}"))
            .is_none(),
        "the new unit has its official"
    );

    // The pengelola gives Rahmat a one-time PIN; he makes his own and fills his unit's format.
    h.get_by_label(Page::Pengaturan.label()).click();
    h.run();
    press(&mut h, "PIN untuk");
    h.get(
        By::new()
            .label_contains("Rahmat Hidayat")
            .role(egui::accesskit::Role::Button),
    )
    .click();
    h.run();
    type_into(&mut h, "PIN sementara (6 angka)", "715302");
    type_into(&mut h, "Ulangi PIN sementara", "715302");
    press(&mut h, "Atur Ulang PIN");
    h.get_by_label("Selesai").click();
    h.run();
    choose(&mut h, "Rahmat Hidayat");
    h.get_by_label("PIN").type_text("715302");
    h.run();
    h.get_by_label("Masuk").click();
    h.run();
    type_into(&mut h, "PIN sementara", "715302");
    type_into(&mut h, "PIN baru (6 angka)", "580146");
    type_into(&mut h, "Ulangi PIN baru", "580146");
    h.get_by_label("Masuk").click();
    h.run();
    assert_eq!(running(&h).acting_id(), Some(kabid.id), "{}", flash(&h));
    h.get_by_label("Format RKT").click();
    h.run();
    assert_eq!(running(&h).unit(), Some(unit.id), "his own unit opens");
    assert!(
        h.query_by_label_contains("hanya melihat").is_none(),
        "his own unit's format is his to fill"
    );
    h.get_by_label("+ Tambah Baris").click();
    h.run();
    assert_eq!(
        rows_of(running(&h).store(), unit.id).len(),
        1,
        "{}",
        flash(&h)
    );
}

/// At 1280×720 the settings' right column stays inside the window: the office certificate's
/// fingerprint (read aloud over the phone) in two lines, the data folder by its short name.
#[test]
fn pengaturan_fits_a_1280_screen_and_typing_a_nip_moves_nothing() {
    let mut store = demo_store();
    office_root_ready(&mut store);
    let mut h = harness_sized(store, own_data_dir(), fixed_now(), [1280.0, 720.0]);
    h.run();
    act_as(&mut h, "Budi Santoso");
    h.get_by_label(Page::Pengaturan.label()).click();
    h.run();
    let fp = running(&h)
        .store()
        .office_root()
        .unwrap()
        .expect("made by the pengelola")
        .fingerprint;
    let label = "Sidik jari sertifikat (untuk dicocokkan lewat telepon):";
    h.get_by_label(label).scroll_to_me();
    h.run();
    let printed = h.get_by_label_contains(&fp[..11]);
    let rect = printed.rect();
    assert!(rect.right() <= 1280.0, "{rect:?}");
    let node = printed.accesskit_node();
    let text = node.label().or(node.value()).unwrap_or_default();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert_eq!(text.replace('\n', ":").replace("  ", ":"), fp);
    // Nothing on the page (laid out, scrolled into view or not) reaches past the window.
    for role in [
        egui::accesskit::Role::Button,
        egui::accesskit::Role::Label,
        egui::accesskit::Role::TextInput,
        egui::accesskit::Role::CheckBox,
        egui::accesskit::Role::ComboBox,
    ] {
        for n in h.get_all_by_role(role) {
            let node = n.accesskit_node();
            let r = n.rect();
            assert!(
                r.right() <= 1280.0,
                "{:?} ends at {r:?}",
                node.label().or(node.value())
            );
        }
    }
    h.get_by_label("Buka Folder Data");
    assert!(
        h.query_by_label_contains("wgpu").is_none(),
        "plain words for the renderer"
    );

    // The NIP's line is always there: typing one moves none of the boxes below it.
    h.get(tim()).scroll_to_me();
    h.run();
    let before = h.get(tim()).rect();
    type_into(&mut h, "NIP", "1985");
    h.get_by_label_contains("NIP harus 18 angka");
    assert_eq!(h.get(tim()).rect(), before);
    type_into(&mut h, "NIP", "06122010012005");
    h.get_by_label("NIP. 19850612 201001 2 005");
    assert_eq!(h.get(tim()).rect(), before);
}
