//! The window as a person uses it: click by label, type, and check the database.

use crate::common::*;
use chrono::NaiveDate;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sop_rkt::app::{App, Flash, Page};
use sop_rkt::domain::sop::Sop;
use sop_rkt::domain::workflow::Intent;
use sop_rkt::store::Store;

#[test]
fn each_page_is_reached_by_clicking_its_name() {
    let mut h = harness(Store::open_in_memory().unwrap());
    h.run();
    assert_eq!(running(&h).page(), Page::Beranda);
    h.get_by_label_contains("belum dimulai");
    for (page, marker) in [
        (Page::AlurSop, "Uraian Prosedur"),
        (Page::FormatRkt, "Isi Format"),
        (Page::TandaTanganArsip, "Arsip RKT yang Ditandatangani"),
        (Page::Pengaturan, "Hari Libur dan Cuti Bersama"),
        (Page::Beranda, "Kemajuan langkah SOP"),
    ] {
        h.get_by_label(page.label()).click();
        h.run();
        assert_eq!(running(&h).page(), page);
        h.get_by_label(marker);
    }
}

/// Starting is step 1's act: someone of another column sees the button but cannot press it,
/// and reads whose it is.
#[test]
fn only_step_ones_column_may_press_mulai_siklus() {
    use egui_kittest::kittest::NodeT;
    let mut h = harness(office_store());
    h.run();
    act_as(&mut h, "Budi");
    let start = "▶ Mulai Siklus RKT 2026";
    assert!(
        h.get_by_label(start).accesskit_node().is_disabled(),
        "not the Kasubag's"
    );
    assert!(
        h.query_all_by_label_contains("Ditekan oleh SEKRETARIS: Hj. Nurul Aini")
            .next()
            .is_some()
    );
    act_as(&mut h, "Hj. Nurul Aini");
    assert!(!h.get_by_label(start).accesskit_node().is_disabled());
}

#[test]
fn the_sekretaris_starts_the_cycle_and_completes_step_one() {
    let mut h = harness(office_store());
    h.run();
    act_as(&mut h, "Hj. Nurul Aini");
    h.get_by_label("▶ Mulai Siklus RKT 2026").click();
    h.run();
    assert_eq!(active_step(&h), Some(1));
    type_into(&mut h, "Catatan (boleh kosong)", "Disposisi nomor 005/12");
    h.get_by_label("✔ Selesaikan Langkah 1").click();
    h.run();
    assert_eq!(active_step(&h), Some(2));
    let audit = running(&h).store().audit_for_year(Some(2026), 10).unwrap();
    assert_eq!(audit[0].action, "langkah.selesai");
    assert_eq!(audit[0].actor_name, "Hj. Nurul Aini");
    assert!(audit[0].detail.contains("Disposisi nomor 005/12"));
    // Step 2 belongs to the Kasubag: the Sekretaris is told so and gets no button.
    h.get_by_label_contains("dikerjakan oleh KASUBAG PERENCANAAN DAN PELAPORAN");
    assert!(h.query_by_label("✔ Selesaikan Langkah 2").is_none());
    // The Riwayat shows both rows.
    h.get_by_label("Memulai siklus RKT");
}

#[test]
fn a_return_without_a_reason_is_refused_in_the_window() {
    let mut store = office_store();
    walk(&mut store, 9, fixed_now());
    let mut h = harness(store);
    h.run();
    act_as(&mut h, "Drs. Ahmad Fauzi");
    h.get_by_label("↩ Kembalikan untuk Koreksi").click();
    h.run();
    assert_eq!(active_step(&h), Some(10));
    assert!(
        matches!(running(&h).flash(), Some(Flash::Err(m)) if m.contains("Alasan pengembalian wajib diisi"))
    );

    type_into(
        &mut h,
        "Catatan, atau alasan bila dikembalikan",
        "Target indikator Linmas belum sesuai Renstra",
    );
    h.get_by_label("↩ Kembalikan untuk Koreksi").click();
    h.run();
    assert_eq!(active_step(&h), Some(8));
    let audit = running(&h).store().audit_for_year(Some(2026), 1).unwrap();
    assert_eq!(audit[0].action, "langkah.kembali");
    assert!(audit[0].detail.contains("belum sesuai Renstra"));
    // The next round shows who returned it and why, where the work is.
    h.get_by_label_contains(
        "Dikembalikan oleh Drs. Ahmad Fauzi pada Rabu, 4 Februari 2026 10.00 WITA: Target indikator Linmas belum sesuai Renstra",
    );
    // The Riwayat reads as Indonesian, never as the store's codes.
    h.get_by_label("Mengembalikan untuk koreksi");
    assert!(h.query_by_label_contains("langkah.kembali").is_none());
}

#[test]
fn going_on_without_every_unit_asks_its_own_reason() {
    let mut store = office_store();
    walk(&mut store, 4, fixed_now());
    let mut h = harness(store);
    h.run();
    act_as(&mut h, "Budi Santoso");
    assert_eq!(active_step(&h), Some(5));
    // The note is this button's reason, and says so; an empty one is refused in its own words.
    h.get_by_label("Catatan (wajib bila melanjutkan tanpa menunggu semua unit)");
    assert!(h.query_by_label("Catatan (boleh kosong)").is_none());
    h.get_by_label("Lanjutkan tanpa menunggu semua unit")
        .click();
    h.run();
    assert_eq!(active_step(&h), Some(5));
    let said = match running(&h).flash() {
        Some(Flash::Err(m)) => m.clone(),
        other => panic!("{other:?}"),
    };
    assert!(
        said.starts_with("Alasan melanjutkan tanpa menunggu wajib diisi"),
        "{said}"
    );
    assert!(!said.contains("pengembalian"), "{said}");
    type_into(
        &mut h,
        "Catatan (wajib bila melanjutkan tanpa menunggu semua unit)",
        "Bidang Linmas menyusul lewat surel",
    );
    h.get_by_label("Lanjutkan tanpa menunggu semua unit")
        .click();
    h.run();
    assert_eq!(active_step(&h), Some(6));
    let audit = running(&h).store().audit_for_year(Some(2026), 1).unwrap();
    assert!(
        audit[0]
            .detail
            .contains("Bidang Linmas menyusul lewat surel")
    );
}

#[test]
fn the_comparison_follows_the_version_shown_when_a_correction_saves_the_next() {
    use sop_rkt::app::{ActCmd, Command, ViewCmd};
    use sop_rkt::domain::rkt::Col;
    use sop_rkt::store::Correction;
    let mut store = office_store();
    walk(&mut store, 6, fixed_now());
    let who = in_lane_of(&mut store, 7);
    let draft = store.drafts(2026).unwrap()[0].id;
    let key = store.draft_rows(draft).unwrap()[0].key.clone();
    let correction = |value: &str| Correction {
        key: key.clone(),
        col: Col::Keterangan,
        value: value.into(),
    };
    let sop = Sop::embedded();
    for value in ["koreksi pertama", "koreksi kedua"] {
        let master = store.master_data(2026).unwrap();
        store
            .correct_draft(&sop, 2026, &correction(value), &master, &who, fixed_now())
            .unwrap();
    }
    let mut h = harness(store);
    h.run();
    h.get_by_label("Format RKT").click();
    h.run();
    h.get_by_label("Draft RKT").click();
    h.run();
    let app = h.state_mut().running_mut().unwrap();
    app.apply(Command::sign_in(who.official_id(), TEST_PIN));
    app.apply(Command::View(ViewCmd::CompareDrafts(Some(1))));
    h.run();
    h.get_by_label_contains("Versi 1 → versi 3");
    // Version 4 is saved: the comparison is now with it, not with the version it replaced.
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::Act(ActCmd::Correct(correction("koreksi ketiga"))));
    h.run();
    assert_eq!(running(&h).store().drafts(2026).unwrap()[0].version, 4);
    h.get_by_label_contains("Versi 1 → versi 4");
    assert!(h.query_by_label_contains("Versi 1 → versi 3").is_none());
}

#[test]
fn an_official_is_added_from_pengaturan_and_a_bad_nip_changes_nothing() {
    let mut h = harness(Store::open_in_memory().unwrap());
    h.run();
    h.get_by_label("Pengaturan").click();
    h.run();
    type_into(&mut h, "Nama", "Rina Marlina");
    // Tab moves to the NIP field.
    h.key_press(egui::Key::Tab);
    h.run();
    h.get_by_label("NIP").type_text("1985");
    h.run();
    h.get_by_label_contains("NIP harus 18 angka");
    h.get_by_label("Tambah Pejabat").click();
    h.run();
    assert!(running(&h).store().officials().unwrap().is_empty());

    type_into(&mut h, "NIP", "0612 201001 2 005");
    h.get_by_label("TIM").click();
    h.run();
    h.get_by_label("Tambah Pejabat").click();
    h.run();
    let officials = running(&h).store().officials().unwrap();
    assert_eq!(officials.len(), 1);
    assert_eq!(officials[0].name, "Rina Marlina");
    assert_eq!(officials[0].nip.as_deref(), Some("198506122010012005"));
    assert_eq!(officials[0].lanes, ["tim"]);
}

#[test]
fn snapshot_of_beranda_with_a_cycle_in_progress() {
    let mut store = office_store();
    let sop = Sop::embedded();
    let monday = NaiveDate::from_ymd_opt(2026, 1, 26)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    let who = in_lane_of(&mut store, 1);
    store
        .transition(&sop, 2026, &Intent::Start, &who, monday)
        .unwrap();
    for (step, hours) in [(1, 0), (2, 1), (3, 26)] {
        let who = in_lane_of(&mut store, step);
        store
            .transition(
                &sop,
                2026,
                &Intent::Complete {
                    step,
                    note: String::new(),
                },
                &who,
                monday + chrono::Duration::hours(hours),
            )
            .unwrap();
    }
    let mut h = harness(store);
    h.run();
    // Step 4 (3 hari from Tuesday 27 Jan 10:00) is late on 4 Feb.
    h.get_by_label_contains("Mengisi Format RKT kegiatan: lewat batas");
    h.snapshot("beranda_siklus_berjalan");
}

#[test]
fn a_startup_failure_fills_the_window_with_its_reason() {
    let mut h = Harness::builder()
        .with_size([1000.0, 600.0])
        .with_theme(egui::Theme::Light)
        .build_eframe(|cc| {
            App::failed(
                &cc.egui_ctx,
                "SOP tidak bisa dibaca",
                "baris 12: simbol \"wajik\" tidak dikenal",
            )
        });
    h.run();
    h.get_by_label("⚠ SOP tidak bisa dibaca");
    h.get_by_label_contains("baris 12");
    h.get_by_label("Keluar");
    assert!(h.state().running().is_none());
}

#[test]
fn the_office_address_is_saved_when_the_field_is_left() {
    let mut h = harness(office_store());
    h.run();
    // Office settings are the pengelola's.
    act_as(&mut h, "Hj. Nurul");
    h.get_by_label("Pengaturan").click();
    h.run();
    h.get_by_label("Alamat").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Alamat")
        .type_text("Jl. A. Yani Km. 1, Paringin");
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    let office = running(&h).store().settings().unwrap().office;
    assert_eq!(office.address, "Jl. A. Yani Km. 1, Paringin");
    // A bad working hour typed and left changes nothing and says why.
    h.get_by_label("Jam pulang").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Jam pulang").type_text("06.00");
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    assert!(
        matches!(running(&h).flash(), Some(Flash::Err(m)) if m.contains("jam pulang harus sesudah jam masuk"))
    );
    let hours = running(&h).store().settings().unwrap().hours;
    assert_eq!(sop_rkt::domain::indo::time(hours.end), "16.00");
}

/// #24 (14): one Kabid closed step 4 while six of seven units had not submitted, unwarned. The
/// window now names the units still out and asks for a yes before closing the step.
#[test]
fn closing_step_4_names_the_units_not_submitted_and_asks_first() {
    let mut store = demo_store();
    let units = store.units().unwrap();
    let linmas = units.last().unwrap().id;
    let rina = unit_official(&mut store, linmas);
    let master = store.master_data(2026).unwrap();
    store
        .submit_unit(2026, linmas, &master, &rina, fixed_now())
        .unwrap();
    steps_by_lane(&mut store, 2026, 3);
    let mut h = harness(store);
    h.run();
    act_as(&mut h, "Rina Marlina");
    assert_eq!(active_step(&h), Some(4));
    h.get_by_label("✔ Selesaikan Langkah 4").click();
    h.run();
    assert_eq!(active_step(&h), Some(4), "not closed without a yes");
    h.get_by_label_contains(&format!(
        "Belum semua unit mengumpulkan FORMAT RKT ({} dari {} unit belum)",
        units.len() - 1,
        units.len()
    ));
    for u in &units[..units.len() - 1] {
        h.get_by_label(&format!("• {}", u.name));
    }
    assert!(
        h.query_by_label(&format!("• {}", units.last().unwrap().name))
            .is_none()
    );
    h.get_by_label("Batal").click();
    h.run();
    assert!(h.query_by_label_contains("Belum semua unit").is_none());
    assert_eq!(active_step(&h), Some(4));
    h.get_by_label("✔ Selesaikan Langkah 4").click();
    h.run();
    h.get_by_label("Ya, Tetap Selesaikan Langkah 4").click();
    h.run();
    assert_eq!(active_step(&h), Some(5));
}

/// #24 (16): "Bertindak sebagai" gives each person's roles as roles are written, not the SOP's
/// column names in capitals.
#[test]
fn acting_as_lists_roles_in_title_case() {
    let mut h = harness(demo_store());
    h.run();
    h.get_by_label("Bertindak sebagai").click();
    h.run();
    h.get_by_label("Budi Santoso, S.T. (Tim, Kasubag Perencanaan dan Pelaporan)");
    h.get_by_label("Drs. H. Rusdi Hamdani, M.Si. (Kepala Dinas)");
    h.get_by_label("Rina Marlina, S.Sos. (Kabid/Kasubag/JF Penyetaraan)");
}
