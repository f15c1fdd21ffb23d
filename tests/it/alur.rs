//! The Alur SOP page as a person uses it: read the chart, click a step, act on it.

use crate::common::*;
use egui_kittest::kittest::Queryable;
use sop_rkt::app::{Flash, Page};
use sop_rkt::domain::sop::Sop;
use sop_rkt::store::Store;

fn open_alur(store: Store) -> egui_kittest::Harness<'static, sop_rkt::app::App> {
    let mut h = harness(store);
    h.run();
    h.get_by_label("Alur SOP").click();
    h.run();
    assert_eq!(running(&h).page(), Page::AlurSop);
    h
}

#[test]
fn the_chart_shows_every_step_and_every_lane() {
    let h = open_alur(Store::open_in_memory().unwrap());
    let sop = Sop::embedded();
    for step in &sop.steps {
        h.get_by_label_contains(&format!("Langkah {} (", step.no));
        h.get_by_label_contains(&step.text);
    }
    for lane in &sop.lanes {
        h.get_by_label(&lane.name);
    }
    for header in [
        "Uraian Prosedur",
        "Mutu Baku",
        "Kelengkapan dan Peralatan",
        "Output",
    ] {
        h.get_by_label(header);
    }
}

#[test]
fn the_sekretaris_completes_step_one_from_the_chart() {
    let mut store = office_store();
    let sop = Sop::embedded();
    let sekretaris = person(&mut store, "Hj. Nurul");
    store
        .transition(
            &sop,
            2026,
            &sop_rkt::domain::workflow::Intent::Start,
            &sekretaris,
            fixed_now(),
        )
        .unwrap();
    let mut h = open_alur(store);
    act_as(&mut h, "Hj. Nurul Aini");
    h.get_by_label_contains("Langkah 1 (Aktif)").click();
    h.run();
    type_into(&mut h, "Catatan (boleh kosong)", "Disposisi dari chart");
    h.get_by_label("✔ Selesaikan Langkah 1").click();
    h.run();
    assert_eq!(active_step(&h), Some(2));
    // The chart says so too.
    h.get_by_label_contains("Langkah 1 (Selesai)");
    h.get_by_label_contains("Langkah 2 (Aktif)");
    let audit = running(&h).store().audit_for_year(Some(2026), 1).unwrap();
    assert!(audit[0].detail.contains("Disposisi dari chart"));
}

#[test]
fn a_return_without_a_reason_is_refused_from_the_chart() {
    let mut store = office_store();
    walk(&mut store, 9, fixed_now());
    let mut h = open_alur(store);
    act_as(&mut h, "Drs. Ahmad Fauzi");
    h.get_by_label_contains("Langkah 10 (").scroll_to_me();
    h.run();
    h.get_by_label_contains("Langkah 10 (").click();
    h.run();
    h.get_by_label("↩ Kembalikan untuk Koreksi").scroll_to_me();
    h.run();
    h.get_by_label("↩ Kembalikan untuk Koreksi").click();
    h.run();
    assert_eq!(active_step(&h), Some(10));
    assert!(
        matches!(running(&h).flash(), Some(Flash::Err(m)) if m.contains("Alasan pengembalian wajib diisi"))
    );
}

#[test]
fn identity_and_timeline_tabs() {
    let mut store = office_store();
    walk(&mut store, 3, fixed_now());
    let mut h = open_alur(store);
    h.get_by_label("Identitas SOP").click();
    h.run();
    h.get_by_label(": 800/13/Satpol PP-BLG/2023");
    h.get_by_label("Dasar Hukum:");
    h.get_by_label("Pencatatan dan Pendataan:");
    assert_eq!(
        h.get_all_by_label(": 3 Januari 2023").count(),
        2,
        "dibuat dan disahkan"
    );
    h.get_by_label("Linimasa").click();
    h.run();
    h.get_by_label_contains("Sumbu mendatar hanya memuat hari kerja");
}

#[test]
fn snapshot_of_the_chart_with_a_cycle_in_progress() {
    let mut store = office_store();
    walk(&mut store, 4, fixed_now() - chrono::Duration::days(2));
    let mut h = open_alur(store);
    h.run();
    h.snapshot("alur_sop_siklus_berjalan");
}

/// The Linimasa of a cycle with a return: "Hari ini" below the rows, clear of the month names;
/// long step titles ending in "…" (looked at: tests/snapshots/linimasa_putaran_koreksi.png).
#[test]
fn snapshot_of_the_timeline_after_a_return() {
    let mut store = office_store();
    walk(&mut store, 9, fixed_now() - chrono::Duration::days(20));
    let kepala = person(&mut store, "Drs. Ahmad");
    store
        .transition(
            &Sop::embedded(),
            2026,
            &sop_rkt::domain::workflow::Intent::Return {
                step: 10,
                reason: "Target Linmas belum sesuai Renstra".into(),
            },
            &kepala,
            fixed_now() - chrono::Duration::days(1),
        )
        .unwrap();
    let mut h = open_alur(store);
    h.get_by_label("Linimasa").click();
    h.run();
    h.snapshot("linimasa_putaran_koreksi");
}
