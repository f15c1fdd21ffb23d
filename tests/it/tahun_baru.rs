//! The second year: a year's FORMAT RKT started from the last signed RKT, in the window, with
//! its preview, its undo and the units' Excel templates made from the carried rows.

use chrono::Datelike;
use eframe::egui;
use egui_kittest::kittest::Queryable;
use sop_rkt::app::{Command, FileCmd};
use sop_rkt::domain::sop::Sop;
use sop_rkt::export;
use sop_rkt::store::Store;

use crate::common::*;

/// The demo office: 2025 signed and archived, 2026 being filled.
fn office() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    export::fill_demo(&mut store, &Sop::embedded(), 2026, 40, fixed_now()).unwrap();
    store
}

fn rows_in(store: &Store, year: i32) -> Vec<(i64, sop_rkt::domain::rkt::RowValues)> {
    store
        .units()
        .unwrap()
        .iter()
        .flat_map(|u| {
            store
                .rkt_rows(year, u.id)
                .unwrap()
                .into_iter()
                .map(move |r| (u.id, r.values))
        })
        .collect()
}

#[test]
fn a_new_year_starts_from_the_signed_rkt_in_a_few_clicks() {
    let store = office();
    let signed = store.signature(2025).unwrap().expect("2025 signed");
    let source = store.draft_rows(signed.draft_id).unwrap();
    let master = store.master_data(2027).unwrap();
    let mut h = harness(store);
    h.run();
    // A TIM member (not a pengelola) starts the year.
    act_as(&mut h, "Siti Rahmah");
    h.get_by_label("Format RKT").click();
    h.run();
    // Last on the Draft RKT tab (as after the corrections): another year opens at Isi Format.
    h.get_by_label("Draft RKT").click();
    h.run();
    h.get_by_label("Tahun RKT").click();
    h.run();
    h.get_by_label("2027").click();
    h.run();
    assert_eq!(running(&h).year(), 2027);
    h.get_by_label("Mulai dari RKT Tahun Lalu...").click();
    h.run();
    h.get_by_label_contains("Dasar: RKT 2025 yang ditandatangani. Ke FORMAT RKT 2027.");
    assert!(
        rows_in(running(&h).store(), 2027).is_empty(),
        "a preview writes nothing"
    );
    h.get_by_label("Rincian").click();
    h.run();
    // Targets old → new, read from the Renstra 2027–2031.
    let first = &source[0].values;
    let new_target = &master
        .indikator(&first.sasaran, &first.indikator)
        .unwrap()
        .targets
        .iter()
        .find(|(y, _)| *y == 2027)
        .unwrap()
        .1;
    if *new_target != first.target {
        let line = format!(
            "Target {}: {} → {new_target}",
            first.indikator, first.target
        );
        assert!(
            h.query_all_by_label_contains(&line).next().is_some(),
            "{line}"
        );
    }
    h.snapshot("mulai_dari_tahun_lalu");
    h.get_by_label(&format!("Bawa {} Baris", source.len()))
        .click();
    h.run();
    let carried = rows_in(running(&h).store(), 2027);
    assert_eq!(carried.len(), source.len(), "{:?}", running(&h).flash());
    for (_, v) in &carried {
        let i = master.indikator(&v.sasaran, &v.indikator).unwrap();
        let t = &i.targets.iter().find(|(y, _)| *y == 2027).unwrap().1;
        assert_eq!(&v.target, t, "the new year's target from the Renstra");
        assert!(
            source
                .iter()
                .any(|s| s.values.code == v.code && s.values.pagu == v.pagu),
            "pagu kept for the unit to revise"
        );
    }
    let audit = running(&h).store().audit_for_year(Some(2027), 5).unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.action == "rkt.mulai_dari" && a.actor_name.starts_with("Siti Rahmah")),
        "{audit:?}"
    );
    // Ctrl+Z as a keyboard sends it: the whole carry goes.
    quick_shortcut(&mut h, egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(rows_in(running(&h).store(), 2027).is_empty());
    quick_shortcut(&mut h, egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert_eq!(rows_in(running(&h).store(), 2027).len(), source.len());

    // A unit's Excel template is made from its carried rows: the bidang revises, not retypes.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("format-2027.xlsx");
    let unit = running(&h).unit().unwrap();
    let of_unit = carried.iter().filter(|(u, _)| *u == unit).count();
    assert!(of_unit > 0);
    let app = h.state_mut().running_mut().unwrap();
    app.apply(Command::File(FileCmd::ExportTemplate(file.clone())));
    app.apply(Command::File(FileCmd::PreviewImport(file)));
    h.run();
    h.run();
    h.get_by_label_contains(&format!("tahun 2027 — {of_unit} baris, 0 masalah"));
    assert_eq!(fixed_now().year(), 2026);
}
