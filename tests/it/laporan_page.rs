//! The Capaian & Laporan page: per quarter each unit's report in words (a late one marked),
//! and for each report of the year why it cannot be signed yet, in the store's own sentence.

use chrono::{NaiveDate, NaiveDateTime};
use egui_kittest::kittest::Queryable;
use sop_rkt::app::Page;
use sop_rkt::domain::action_plan::{PlanCol, RealCol};
use sop_rkt::domain::quarter::Quarter;
use sop_rkt::store::{ReportKind, Store};

use crate::common::plan::{mark_plan_signed, office_with_plan};
use crate::common::*;

/// Each unit's official completes its Rencana Aksi rows: higher is better, targets per
/// quarter of 10, an action.
pub(crate) fn plan_filled(store: &mut Store, at: NaiveDateTime) {
    for (unit, _) in plan_units(store) {
        let who = store
            .demo_sign_in(|o| o.active && o.unit_id == Some(unit), at)
            .unwrap();
        for r in store.real_rows(2025, 1, Some(unit)).unwrap() {
            for (col, value) in [
                (PlanCol::Arah, "Naik"),
                (PlanCol::Sifat, "Per Triwulan"),
                (PlanCol::Tw1, "10"),
                (PlanCol::Tw2, "10"),
                (PlanCol::Tw3, "10"),
                (PlanCol::Tw4, "10"),
                (PlanCol::Aksi, "Patroli terpadu"),
            ] {
                store.set_plan_cell(r.plan.id, col, value, &who).unwrap();
            }
        }
    }
}

/// The units with indikator in 2025's Rencana Aksi: (id, name).
pub(crate) fn plan_units(store: &Store) -> Vec<(i64, String)> {
    store
        .real_statuses(2025, 1, fixed_now().date())
        .unwrap()
        .into_iter()
        .map(|s| (s.unit.id, s.unit.name))
        .collect()
}

/// The unit's own official fills `rows` of its realisation of quarter `q` (all when `None`),
/// and reports it when `submit`.
pub(crate) fn report(
    store: &mut Store,
    unit: i64,
    q: u32,
    rows: Option<usize>,
    submit: bool,
    at: NaiveDateTime,
) {
    let who = store
        .demo_sign_in(|o| o.active && o.unit_id == Some(unit), at)
        .unwrap();
    let mine = store.real_rows(2025, q, Some(unit)).unwrap();
    for r in mine.iter().take(rows.unwrap_or(mine.len())) {
        store
            .set_real_cell(r.plan.id, q, RealCol::Realisasi, "10", &who, at)
            .unwrap();
    }
    if submit {
        store.submit_realisation(2025, q, unit, &who, at).unwrap();
    }
}

/// 09:00 WITA on a day of October 2025 (TW III ended on the 30th of September).
pub(crate) fn october(day: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 10, day)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

/// Monday 6 October 2025: TW III has ended, its reports not yet due.
fn early_october() -> NaiveDateTime {
    october(6)
}

#[test]
fn each_unit_s_report_stands_in_words_and_a_late_one_is_marked() {
    let mut store = office_with_plan(fixed_now());
    mark_plan_signed(&store);
    let units = plan_units(&store);
    assert!(units.len() >= 2, "the demo's plan has several units");
    let (first, second) = (units[0].clone(), units[1].clone());
    let at = early_october();
    // TW I: the first unit reported; the others never did (late by October).
    report(&mut store, first.0, 1, None, true, at);
    // TW III: the first unit has begun, the second has not.
    report(&mut store, first.0, 3, Some(1), false, at);
    let mut h = harness_with(store, own_data_dir(), at);
    h.run();
    h.get_by_label(Page::Laporan.label()).click();
    h.run();
    assert_eq!(running(&h).page(), Page::Laporan);
    let count = |h: &egui_kittest::Harness<'_, _>, s: &str| h.get_all_by_label(s).count();
    // Reported in October for a quarter due in April: the lateness stays said.
    assert_eq!(
        count(&h, "✔ Dilaporkan terlambat"),
        1,
        "the first unit's TW I"
    );
    // TW I and TW II past their due dates: every unit but one of TW I's is late.
    assert_eq!(count(&h, "⚠ Terlambat"), 2 * units.len() - 1);
    assert_eq!(count(&h, "Sedang diisi"), 1, "the first unit's TW III");
    // TW III's other units and all of TW IV's (not begun) wait.
    assert_eq!(count(&h, "Belum diisi"), 2 * units.len() - 1);
    assert!(count(&h, &second.1) >= 4, "each quarter names each unit");
    // TW I cannot be signed until every unit reported: the store's sentence, naming them.
    let today = at.date();
    let why = running(&h)
        .store()
        .report_blocker(ReportKind::Capaian(Quarter::ALL[0]), 2025, today)
        .unwrap()
        .expect("TW I waits for its units");
    assert!(why.contains(&second.1), "{why}");
    h.get_by_label(&why);
    let due = running(&h).store().realisation_due(2025, 3).unwrap();
    h.get_by_label_contains(&sop_rkt::domain::indo::date_with_day(due));
    h.snapshot("laporan_triwulan");
}

#[test]
fn before_the_plan_is_signed_each_report_says_why_it_waits() {
    let store = office_with_plan(fixed_now());
    let today = fixed_now().date();
    let blocker = |kind| store.report_blocker(kind, 2025, today).unwrap().unwrap();
    let plan = blocker(ReportKind::RencanaAksi);
    let waits = blocker(ReportKind::Capaian(Quarter::ALL[0]));
    assert_eq!(waits, "Rencana Aksi tahun 2025 belum ditandatangani.");
    let mut h = harness(store);
    h.run();
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(sop_rkt::app::Command::View(
            sop_rkt::app::ViewCmd::SelectYear(2025),
        ));
    h.get_by_label(Page::Laporan.label()).click();
    h.run();
    h.get_by_label(&plan);
    // TW I–IV and the LKjIP all wait for the signed plan.
    assert_eq!(h.get_all_by_label(&waits).count(), 5);
    // Not even the head is offered to sign what cannot be signed yet.
    act_as(&mut h, "Drs. H. Rusdi");
    h.get_by_label(&plan);
    assert!(h.query_by_label_contains("Tandatangani").is_none());
}

#[test]
fn the_capaian_is_counted_by_category_and_charted() {
    let mut store = office_with_plan(fixed_now());
    let at = early_october();
    plan_filled(&mut store, at);
    mark_plan_signed(&store);
    // The first unit reports TW I: 12 of 10 on its first indikator (120 %), 7 on the others.
    let (unit, _) = plan_units(&store)[0].clone();
    let who = store
        .demo_sign_in(|o| o.active && o.unit_id == Some(unit), at)
        .unwrap();
    let rows = store.real_rows(2025, 1, Some(unit)).unwrap();
    for (i, r) in rows.iter().enumerate() {
        let v = if i == 0 { "12" } else { "7" };
        store
            .set_real_cell(r.plan.id, 1, RealCol::Realisasi, v, &who, at)
            .unwrap();
    }
    for b in store.budget_rows(2025, 1, unit).unwrap() {
        let half = (b.pagu / 2).to_string();
        store
            .set_budget_real(2025, 1, unit, &b.code, &half, &who, at)
            .unwrap();
    }
    store.submit_realisation(2025, 1, unit, &who, at).unwrap();
    let summary = store.performance(2025, 1).unwrap();
    let said: Vec<String> = summary
        .categories
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(c, n)| format!("{c} {n}"))
        .collect();
    assert!(!said.is_empty(), "the unit's capaian is measured");
    let mut h = harness_sized(store, own_data_dir(), at, [1366.0, 2000.0]);
    h.run();
    h.get_by_label(Page::Laporan.label()).click();
    h.run();
    // TW I's figures stand in every quarter from TW I on, nothing having been added since.
    let counted = format!(
        "Capaian terhadap target tahun, s.d. triwulan ini: {}",
        said.join(" · ")
    );
    assert_eq!(h.get_all_by_label(&counted).count(), 4);
    h.get_by_label("Capaian per indikator, TW I–IV (%)");
    h.get_by_label("Serapan anggaran per unit s.d. TW IV (%)");
    h.snapshot("laporan_grafik");
}

#[test]
fn the_head_signs_a_ready_report_with_the_key_s_passphrase() {
    let mut store = office_with_plan(fixed_now());
    let at = early_october();
    plan_filled(&mut store, at);
    assert_eq!(
        store
            .report_blocker(ReportKind::RencanaAksi, 2025, at.date())
            .unwrap(),
        None,
        "the complete plan can be signed"
    );
    let mut h = harness_with(store, own_data_dir(), at);
    h.run();
    h.get_by_label(Page::Laporan.label()).click();
    h.run();
    // Anyone else reads who signs; the head gets the button, then the passphrase field.
    h.get_by_label_contains("Yang menandatangani: Drs. H. Rusdi");
    act_as(&mut h, "Drs. H. Rusdi");
    h.get_by_label("Tandatangani Rencana Aksi").click();
    h.run();
    h.get_by_label("Kata sandi kunci Kepala").click();
    h.run();
    h.get_by_label("Kata sandi kunci Kepala")
        .type_text(TEST_PASS);
    h.run();
    h.get_by_label("Tandatangani").click();
    h.run();
    match running(&h).flash() {
        // This tree's stand-in for export::sign_report refuses, said in the report's row.
        Some(sop_rkt::app::Flash::Err(e)) => {
            assert_eq!(
                running(&h).message().unwrap().place,
                sop_rkt::app::Place::Laporan
            );
            h.get_by_label(&format!("⚠ {e}"));
        }
        // The real signing (after the merge) archives it.
        _ => {
            h.get_by_label_contains("✔ Ditandatangani oleh Drs. H. Rusdi");
        }
    }
}

/// "Simpan PDF…" writes the archived report byte for byte (here, where no file dialog can be
/// shown, to the path typed in the report's row); a report not signed is refused in words.
#[test]
fn a_signed_report_is_saved_from_the_archive_byte_for_byte() {
    if sop_rkt::viewer::file_dialogs() {
        eprintln!("this computer has a file dialog: the typed path is not tried here");
        return;
    }
    let store = office_with_plan(fixed_now());
    mark_plan_signed(&store);
    let archived = store
        .report_pdf(ReportKind::RencanaAksi, 2025)
        .unwrap()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Rencana Aksi 2025.pdf");
    let mut h = harness_with(store, own_data_dir(), early_october());
    h.run();
    h.get_by_label(Page::Laporan.label()).click();
    h.run();
    h.get_by_label("Simpan PDF…").click();
    h.run();
    h.get_by_label("Letak berkas").click();
    h.run();
    h.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::A);
    h.get_by_label("Letak berkas")
        .type_text(&path.display().to_string());
    h.run();
    h.get_by_label("Simpan ke Sini").click();
    h.run();
    assert_eq!(std::fs::read(&path).unwrap(), archived);
    h.get_by_label_contains("✔ Rencana Aksi 2025 disimpan ke");
    // The LKjIP is not signed: nothing to open.
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(sop_rkt::app::Command::File(
            sop_rkt::app::FileCmd::OpenReport {
                kind: ReportKind::Lkjip,
                year: 2025,
                print: false,
            },
        ));
    assert_eq!(
        running(&h).flash(),
        Some(&sop_rkt::app::Flash::Err(
            "Tabel Capaian Kinerja LKjIP tahun 2025 belum ditandatangani; belum ada di arsip."
                .into()
        ))
    );
}

/// A quarter not begun lists no unit as behind: it says when its figures open.
#[test]
fn a_quarter_not_begun_says_when_it_opens() {
    let store = office_with_plan(fixed_now());
    mark_plan_signed(&store);
    let units = plan_units(&store).len();
    let august = NaiveDate::from_ymd_opt(2025, 8, 4)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let mut h = harness_with(store, own_data_dir(), august);
    h.run();
    h.get_by_label(Page::Laporan.label()).click();
    h.run();
    h.get_by_label("Triwulan ini belum dimulai; realisasinya diisi mulai 1 Oktober 2025.");
    // TW III under way: every unit still to fill; TW I and II late.
    assert_eq!(h.get_all_by_label("Belum diisi").count(), units);
    assert_eq!(h.get_all_by_label("⚠ Terlambat").count(), 2 * units);
}
