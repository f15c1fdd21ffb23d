//! The Perjanjian Kinerja that follows the signed RKT: its text as another office reads it
//! (parties, year, every indikator and target, the total), a valid PDF/A-1b with the head's
//! digital signature, signed in the window with the head's PIN, written by `export-pk`.

use egui_kittest::kittest::Queryable;
use sop_rkt::app::Page;
use sop_rkt::domain::rkt::format_rupiah;
use sop_rkt::domain::sop::Sop;
use sop_rkt::export;
use sop_rkt::store::{DEMO_BUPATI, Store};

use crate::arsip::pdf_pages;
use crate::common::*;
use crate::pades::{pdfsig, preflight};

/// The demo office: 2025 signed, archived and followed by its PK; 2026 being filled.
fn office() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    export::fill_demo(&mut store, &Sop::embedded(), 2026, 40, fixed_now()).unwrap();
    store
}

/// 2026 through step 11: compiled by the TIM, walked by lane, signed by the head, archived.
fn archive_2026(store: &mut Store) {
    let sop = Sop::embedded();
    let tim = person(store, "Siti Rahmah");
    store
        .submit_all_and_compile(&sop, 2026, &tim, fixed_now())
        .unwrap();
    steps_by_lane(store, 2026, 9);
    let head = person(store, "Drs. H. Rusdi");
    export::sign_year(store, &sop, 2026, TEST_PASS, true, &head, fixed_now()).unwrap();
    let archiver = in_lane_of(store, 11);
    export::archive_year(store, &sop, 2026, &archiver, fixed_now()).unwrap();
}

#[test]
fn the_pk_reads_as_the_agreement_with_its_annex_and_is_signed() {
    let store = office();
    let entry = store
        .pk_entry(2025)
        .unwrap()
        .expect("the demo's PK of 2025");
    assert_eq!(entry.bupati, DEMO_BUPATI);
    let pdf = store.pk_pdf(2025).unwrap().unwrap();
    assert_eq!(
        export::pk_pdf(&store, 2025, fixed_now()).unwrap(),
        pdf,
        "the archived file, byte for byte"
    );
    let pages = pdf_pages(&pdf);
    assert!(pages.len() >= 2, "agreement and annex");
    let all = pages.join("\n");
    let rkt = store.signature(2025).unwrap().unwrap();
    for said in [
        "PERJANJIAN KINERJA TAHUN 2025",
        "PIHAK PERTAMA",
        "PIHAK KEDUA",
        rkt.name.as_str(),
        DEMO_BUPATI,
        "BUPATI BALANGAN",
        "LAMPIRAN PERJANJIAN KINERJA TAHUN 2025",
        "Paringin,",
        "Ditandatangani secara elektronik",
    ] {
        let upper = said.to_uppercase();
        assert!(
            all.contains(said) || all.contains(&upper),
            "{said} missing:\n{all}"
        );
    }
    assert!(pages[0].contains("Nama") && pages[0].contains("Jabatan"));
    // Every indikator with its target, and the total of the signed RKT.
    let rows = store.draft_rows(rkt.draft_id).unwrap();
    let flat = all.split_whitespace().collect::<Vec<_>>().join(" ");
    for r in &rows {
        let words = r.values.indikator.split_whitespace().collect::<Vec<_>>();
        assert!(
            flat.contains(&words[..words.len().min(3)].join(" ")),
            "{}",
            r.values.indikator
        );
        assert!(flat.contains(r.values.target.trim()), "{}", r.values.target);
    }
    let total: i64 = rows.iter().map(|r| r.pagu).sum();
    let total = format_rupiah(total);
    assert!(
        flat.contains(total.trim_start_matches("Rp ")),
        "total {total}"
    );
    let sig = pdfsig(&pdf);
    assert!(sig.contains("Signature is Valid"), "{sig}");
    assert!(sig.contains(&rkt.name), "{sig}");
    let said = preflight(&pdf);
    assert!(said.contains("is a valid PDF/A-1b file"), "{said}");
}

#[test]
fn the_head_signs_the_pk_in_the_window_after_the_archive() {
    let mut store = office();
    archive_2026(&mut store);
    assert!(store.pk_entry(2026).unwrap().is_none());
    let mut h = harness(store);
    h.get_by_label(Page::TandaTanganArsip.label()).click();
    h.run();
    act_as(&mut h, "Drs. H. Rusdi");
    h.get_by_label("Perjanjian Kinerja Tahun 2026");
    // A wrong PIN, sent with Enter as at step 10, signs nothing and says why.
    type_into(&mut h, "Kata sandi kunci Kepala", "bukan-kata-sandi-kepala");
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label_contains("Kata sandi kunci salah");
    assert!(running(&h).store().pk_entry(2026).unwrap().is_none());
    type_into(&mut h, "Kata sandi kunci Kepala", TEST_PASS);
    h.get_by_label("Tandatangani Perjanjian Kinerja").click();
    h.run();
    let e = running(&h)
        .store()
        .pk_entry(2026)
        .unwrap()
        .unwrap_or_else(|| panic!("{:?}", running(&h).flash()));
    assert!(e.signer.starts_with("Drs. H. Rusdi"));
    h.get_by_label_contains(&format!("pihak kedua: {DEMO_BUPATI} Tersimpan di arsip"));
    let audit = running(&h).store().audit_for_year(Some(2026), 5).unwrap();
    assert!(audit.iter().any(|a| a.action == "pk.tandatangan"));
    snapshot_with_signed_sizes(&mut h, "perjanjian_kinerja");
}

#[test]
fn export_pk_writes_the_signed_one_and_refuses_an_unsigned_year() {
    let dir = tempfile::tempdir().unwrap();
    let (data, db) = (dir.path().join("data"), dir.path().join("rkt.db"));
    let out = run_cli(&data, &db, &["demo"]);
    assert!(out.status.success(), "{out:?}");
    let file = dir.path().join("PK 2025.pdf");
    let out = run_cli(
        &data,
        &db,
        &[
            "export-pk",
            "--year",
            "2025",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let store = Store::open(&db).unwrap();
    assert_eq!(
        std::fs::read(&file).unwrap(),
        store.pk_pdf(2025).unwrap().unwrap()
    );
    let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    let unsigned = dir.path().join("PK belum.pdf");
    let out = run_cli(
        &data,
        &db,
        &[
            "export-pk",
            "--year",
            &(year + 5).to_string(),
            "--out",
            unsigned.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("belum ditandatangani"));
    assert!(!unsigned.exists());
}

/// The window open on the office's file while a script exports beside it (as the walk does):
/// signing the PK goes on without a word about a damaged database. (Found by the walk: a
/// connection forked for slow work read the file's header with an ordinary file handle, and
/// closing it dropped every SQLite lock the process held, so the script's exit checkpointed and
/// removed the WAL under the window: "database disk image is malformed".)
#[test]
fn the_pk_is_signed_in_the_window_while_a_script_exported_beside_it() {
    use sop_rkt::app::{ActCmd, Command, Flash};
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let (data, db) = (dir.path().join("data"), dir.path().join("rkt.db"));
    {
        let mut store = Store::open(&db).unwrap();
        export::fill_demo(&mut store, &Sop::embedded(), 2026, 21, fixed_now()).unwrap();
        archive_2026(&mut store);
    }
    let head = Store::open(&db)
        .unwrap()
        .officials()
        .unwrap()
        .into_iter()
        .find(|o| o.name.starts_with("Drs. H. Rusdi"))
        .unwrap()
        .id;
    let mut h = harness_beside(Store::open(&db).unwrap(), data.clone());
    h.run();
    let run = |h: &mut egui_kittest::Harness<'static, sop_rkt::app::App>, cmd: Command| {
        h.state_mut().running_mut().unwrap().apply(cmd);
        let t0 = Instant::now();
        while running(h).busy().is_some() {
            assert!(t0.elapsed() < Duration::from_secs(60));
            std::thread::sleep(Duration::from_millis(20));
            h.step();
        }
        h.run();
        running(h).flash().cloned()
    };
    // Work beside the window first (signing in forks a connection of its own), then a script
    // reads the same file and ends: the window's own connection must keep its locks through
    // both, or the script's exit takes the log of commits from under it.
    let signed_in = run(&mut h, Command::sign_in(head, TEST_PIN));
    assert!(matches!(signed_in, Some(Flash::Ok(_))), "{signed_in:?}");
    let out = run_cli(
        &data,
        &db,
        &[
            "export-pdf",
            "--year",
            "2026",
            "--out",
            dir.path().join("r.pdf").to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let out = run_cli(
        &data,
        &db,
        &["verify", dir.path().join("r.pdf").to_str().unwrap()],
    );
    assert!(out.status.success(), "{out:?}");
    let signed = run(
        &mut h,
        Command::Act(ActCmd::SignPk {
            pass: TEST_PASS.into(),
        }),
    );
    assert!(matches!(signed, Some(Flash::Ok(_))), "{signed:?}");
    assert!(running(&h).store().pk_entry(2026).unwrap().is_some());
}

/// #24 (9): only the one who signs (the head, in the column that signs the RKT) is offered a
/// PIN field for the Perjanjian Kinerja; a TIM member reads who signs it. The store's refusal,
/// should anyone else try, names that column (not a "lajur").
#[test]
fn only_the_head_is_offered_to_sign_the_pk_and_others_read_who_signs() {
    let mut store = office();
    archive_2026(&mut store);
    let tim = person(&mut store, "Siti Rahmah");
    let err = export::sign_pk(
        &mut store,
        &Sop::embedded(),
        2026,
        TEST_PASS,
        &tim,
        fixed_now(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("kolom pelaksana KEPALA DINAS (langkah 10)") && !err.contains("lajur"),
        "{err}"
    );
    assert!(store.pk_entry(2026).unwrap().is_none());
    let mut h = harness(store);
    h.get_by_label(Page::TandaTanganArsip.label()).click();
    h.run();
    act_as(&mut h, "Siti Rahmah");
    h.get_by_label("Perjanjian Kinerja Tahun 2026");
    assert!(h.query_by_label("Kata sandi kunci Kepala").is_none());
    assert!(
        h.query_by_label("Tandatangani Perjanjian Kinerja")
            .is_none()
    );
    h.get_by_label_contains("Yang menandatangani: Drs. H. Rusdi Hamdani, M.Si. (Kepala Dinas)");
    // The head is offered the field.
    act_as(&mut h, "Drs. H. Rusdi");
    h.get_by_label("Kata sandi kunci Kepala");
}

/// #24 (10): an indikator listed with two targets (two units wrote 156 and 160) is named with
/// both before the head signs the Perjanjian Kinerja made from it.
#[test]
fn the_pk_card_warns_of_an_indikator_with_two_targets() {
    let mut store = office();
    let (indikator, first, second) = two_targets(&mut store);
    archive_2026(&mut store);
    let mut h = harness(store);
    h.get_by_label(Page::TandaTanganArsip.label()).click();
    h.run();
    act_as(&mut h, "Drs. H. Rusdi");
    h.get_by_label_contains("Periksa target sebelum menandatangani Perjanjian Kinerja");
    h.get_by_label_contains(&format!(
        "Indikator \"{indikator}\" tercantum dengan target berbeda: {first} dan {second}"
    ));
}
