//! Steps 10 and 11 as the office does them: the head signs with a PIN, the version freezes, the
//! TIM archives the PDF; the PDF read back as text; authenticity of files.

use std::process::Command;

use crate::common::*;
use egui_kittest::kittest::Queryable;
use sop_rkt::app::Page;
use sop_rkt::domain::sop::Sop;
use sop_rkt::export;
use sop_rkt::store::{Correction, Store};

/// The head's personal PIN, which is also the one they sign with.
const HEAD_PIN: &str = TEST_PIN;
const HEAD_PASS: &str = TEST_PASS;

/// An office whose 2026 cycle waits at step 10, and its head ("Drs. Ahmad Fauzi") signed in.
fn at_the_decision_with_head() -> (Store, sop_rkt::store::Identity) {
    let mut store = office_store();
    walk(&mut store, 9, fixed_now());
    let head = person(&mut store, "Drs. Ahmad");
    (store, head)
}

fn at_the_decision() -> Store {
    at_the_decision_with_head().0
}

/// The text of a PDF, page by page, as poppler's pdftotext reads it.
pub(crate) fn pdf_pages(bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rkt.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext failed on our PDF");
    String::from_utf8(out.stdout)
        .unwrap()
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn a_wrong_passphrase_does_not_sign_and_five_lock_signing() {
    let (mut store, head) = at_the_decision_with_head();
    let sop = Sop::embedded();
    let err = sop_rkt::export::sign_year(
        &mut store,
        &sop,
        2026,
        "bukan-kata-sandi-kepala",
        false,
        &head,
        fixed_now(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("Kata sandi kunci salah") && err.contains("Sisa percobaan: 4"),
        "{err}"
    );
    assert!(store.signature(2026).unwrap().is_none());
    assert_eq!(active_step_of(&store), Some(10));
    for _ in 0..4 {
        assert!(
            sop_rkt::export::sign_year(
                &mut store,
                &sop,
                2026,
                "salah-lagi-kata-sandinya",
                false,
                &head,
                fixed_now()
            )
            .is_err()
        );
    }
    // Locked: even the right PIN is refused for five minutes.
    let t = fixed_now() + chrono::Duration::minutes(4);
    let err = sop_rkt::export::sign_year(&mut store, &sop, 2026, HEAD_PASS, false, &head, t)
        .unwrap_err()
        .to_string();
    assert!(err.contains("terkunci sampai pukul"), "{err}");
    assert!(store.signature(2026).unwrap().is_none());
    let t = fixed_now() + chrono::Duration::minutes(6);
    sop_rkt::export::sign_year(&mut store, &sop, 2026, HEAD_PASS, false, &head, t).unwrap();
    assert!(store.signature(2026).unwrap().is_some());
}

/// Nobody replaces the head's PIN without the PIN in force (before, anyone acting in Pengaturan
/// could, and that also cleared the count of wrong tries); a wrong old PIN counts and locks.
#[test]
fn a_pin_is_replaced_only_with_the_old_one_and_wrong_old_pins_lock() {
    let (mut store, head) = at_the_decision_with_head();
    let sop = Sop::embedded();
    for _ in 0..5 {
        let err = store
            .change_pin(&head, "000000", "739164", fixed_now())
            .unwrap_err()
            .to_string();
        assert!(err.contains("PIN salah"), "{err}");
    }
    // Locked now: the right old PIN is refused too, and so is signing; the PIN is unchanged.
    let t = fixed_now() + chrono::Duration::minutes(2);
    let err = store
        .change_pin(&head, HEAD_PIN, "739164", t)
        .unwrap_err()
        .to_string();
    assert!(err.contains("terkunci sampai pukul"), "{err}");
    assert!(
        sop_rkt::export::sign_year(&mut store, &sop, 2026, HEAD_PASS, false, &head, t).is_err()
    );
    // Nor can a pengelola's reset get anyone past the lock.
    let op = pengelola(&mut store);
    store
        .reset_pin(&op, head.official_id(), "715302", t)
        .unwrap();
    // The reset retired the head's certificate: a new key, approved by the root's holder
    // (tests/it/kunci.rs follows that through), is what signs again.
    let t = fixed_now() + chrono::Duration::minutes(6);
    store
        .sign_in(head.official_id(), "715302", Some("739164"), t)
        .unwrap();
    let err = sop_rkt::export::sign_year(&mut store, &sop, 2026, HEAD_PASS, false, &head, t)
        .unwrap_err()
        .to_string();
    assert!(err.contains("belum punya kunci"), "{err}");
    keys_ready(&mut store, &head);
    sop_rkt::export::sign_year(&mut store, &sop, 2026, HEAD_PASS, false, &head, t).unwrap();
    let audit = store.audit_for_year(None, 20).unwrap();
    assert!(
        audit.iter().any(|a| a.action == "pin.atur_ulang"),
        "the reset is in the audit log"
    );
}

fn active_step_of(store: &Store) -> Option<u32> {
    store
        .cycle_state(&Sop::embedded(), 2026)
        .unwrap()
        .and_then(|(_, s)| s.active)
}

#[test]
fn a_signed_version_is_frozen_by_the_database() {
    let (mut store, head) = at_the_decision_with_head();
    let sop = Sop::embedded();
    // Accepting without signing is refused.
    let err = store
        .transition(
            &sop,
            2026,
            &sop_rkt::domain::workflow::Intent::Accept {
                step: 10,
                note: String::new(),
            },
            &head,
            fixed_now(),
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("Setujui dan Tandatangani"), "{err}");
    let sig =
        sop_rkt::export::sign_year(&mut store, &sop, 2026, HEAD_PASS, false, &head, fixed_now())
            .unwrap();
    assert_eq!(sig.name, "Drs. Ahmad Fauzi");
    assert_eq!(sig.nip, "197001011995031001");
    assert_eq!(sig.code().len(), 19);
    assert_eq!(active_step_of(&store), Some(11));

    let conn = store.raw_connection();
    for sql in [
        "UPDATE draft_rows SET target = '1' WHERE draft_id = (SELECT draft_id FROM signatures)",
        "INSERT INTO draft_rows SELECT draft_id, position + 100, row_key || 'x', unit, sasaran,
            indikator, satuan, target, code, pagu, sumber_dana, penanggung_jawab, keterangan
         FROM draft_rows WHERE draft_id = (SELECT draft_id FROM signatures)",
        "INSERT INTO drafts (year, version, created_at, created_by) VALUES (2026, 99, 'x', 'x')",
        "UPDATE signatures SET name = 'Orang Lain'",
        "DELETE FROM signatures",
    ] {
        assert!(
            conn.execute(sql, []).is_err(),
            "the database let through: {sql}"
        );
    }
    // Nor does the program make a new version of a signed year.
    let sekretaris = person(&mut store, "Hj. Nurul");
    let master = store.master_data(2026).unwrap();
    let key = store.draft_rows(sig.draft_id).unwrap()[0].key.clone();
    let err = store
        .correct_draft(
            &sop,
            2026,
            &Correction {
                key,
                col: sop_rkt::domain::rkt::Col::Target,
                value: "99".into(),
            },
            &master,
            &sekretaris,
            fixed_now(),
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("sudah ditandatangani"), "{err}");
}

#[test]
fn the_signed_pdf_reads_as_the_office_document() {
    let (mut store, head) = at_the_decision_with_head();
    let sop = Sop::embedded();
    sop_rkt::export::sign_year(&mut store, &sop, 2026, HEAD_PASS, false, &head, fixed_now())
        .unwrap();
    let bytes = export::rkt_pdf(&store, 2026, fixed_now()).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.4"));
    let pages = pdf_pages(&bytes);
    let all = pages.join("\n");
    for needle in [
        "PEMERINTAH KABUPATEN BALANGAN",
        "SATUAN POLISI PAMONG PRAJA",
        "RENCANA KINERJA TAHUNAN (RKT)",
        "TAHUN 2026",
        "Perangkat Daerah : Satuan Polisi Pamong Praja Kabupaten Balangan",
        "Drs. AHMAD FAUZI",
        "NIP. 19700101 199503 1 001",
        "Paringin, 4 Februari 2026",
    ] {
        assert!(all.contains(needle), "{needle} missing from:\n{all}");
    }
    let sig = store.signature(2026).unwrap().unwrap();
    for row in store.draft_rows(sig.draft_id).unwrap() {
        assert!(
            all.contains(row.values.indikator.trim()),
            "{}",
            row.values.indikator
        );
    }
    // What the units wrote for each sub kegiatan is in the signed document too.
    assert!(all.contains("Penanggung") && all.contains("Keterangan"));
    for row in store.draft_rows(sig.draft_id).unwrap() {
        let pj = row.values.penanggung_jawab.trim();
        let first_word = pj.split_whitespace().next().unwrap_or_default();
        assert!(all.contains(first_word), "{pj}");
    }
    // No logo set in Pengaturan: none in the letterhead (no stand-in shape either).
    let (doc, images) = export::rkt_document(&store, 2026).unwrap();
    assert!(!doc.has_logo);
    assert!(!images.contains_key(&sop_rkt::pdf::page::ImageRef::Logo));
    for (i, p) in pages.iter().enumerate() {
        assert!(p.contains(&format!("Halaman {} dari {}", i + 1, pages.len())));
        assert!(
            p.contains(&sig.code()),
            "page {} without the verification code",
            i + 1
        );
        assert!(!p.contains("DRAFT"));
    }
}

#[test]
fn a_500_row_draft_repeats_its_header_on_every_page_and_says_draft() {
    let mut store = Store::open_in_memory().unwrap();
    let sop = Sop::embedded();
    store.fill_demo(&sop, 2027, 500, fixed_now()).unwrap();
    let tim = person(&mut store, "Siti Rahmah");
    store
        .submit_all_and_compile(&sop, 2027, &tim, fixed_now())
        .unwrap();
    let bytes = export::rkt_pdf(&store, 2027, fixed_now()).unwrap();
    let pages = pdf_pages(&bytes);
    assert!(pages.len() > 20, "{} pages", pages.len());
    for (i, p) in pages.iter().enumerate() {
        assert!(
            p.contains("Indikator Kinerja"),
            "page {} without header row",
            i + 1
        );
        assert!(p.contains(&format!("Halaman {} dari {}", i + 1, pages.len())));
        assert!(p.contains("DRAFT"), "page {} not marked DRAFT", i + 1);
        assert!(!p.contains("Kode verifikasi"));
    }
    assert!(pages.last().unwrap().contains("JUMLAH"));
}

#[test]
fn the_head_signs_in_the_window_and_the_team_archives() {
    let mut h = harness(at_the_decision());
    h.get_by_label(Page::TandaTanganArsip.label()).click();
    h.run();
    act_as(&mut h, "Drs. Ahmad");
    type_into(
        &mut h,
        "Kata sandi kunci tanda tangan",
        "bukan-kata-sandi-kepala",
    );
    h.get_by_label_contains("Setujui dan Tandatangani").click();
    h.run();
    assert!(running(&h).store().signature(2026).unwrap().is_none());
    h.get_by_label_contains("Kata sandi kunci salah");

    type_into(&mut h, "Kata sandi kunci tanda tangan", HEAD_PASS);
    h.get_by_label_contains("Setujui dan Tandatangani").click();
    h.run();
    let sig = running(&h)
        .store()
        .signature(2026)
        .unwrap()
        .expect("signed");
    assert!(
        h.get_all_by_label_contains(&sig.code()).count() >= 2,
        "flash and card show the code"
    );
    assert_eq!(active_step(&h), Some(11));

    act_as(&mut h, "Budi");
    h.get_by_label_contains("Arsipkan RKT").click();
    h.run();
    let archive = running(&h).store().archive_entries().unwrap();
    assert_eq!(archive.len(), 1);
    assert_eq!(archive[0].year, 2026);
    assert_eq!(active_step(&h), None, "the cycle is finished");
    // The archived file is the one the program verifies as authentic.
    let pdf = running(&h)
        .store()
        .archived_pdf(archive[0].id)
        .unwrap()
        .unwrap();
    assert_eq!(
        running(&h)
            .store()
            .find_archived(&pdf)
            .unwrap()
            .map(|e| e.year),
        Some(2026)
    );
    h.get_by_label("Arsip RKT yang Ditandatangani");
}

#[test]
fn verify_from_the_command_line_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data rkt.db");
    let run = |args: &[&str]| run_cli(dir.path(), &db, args);
    let out = run(&["demo"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let demo = String::from_utf8_lossy(&out.stdout);
    assert!(demo.contains("PIN contoh setiap pejabat"), "{demo}");

    let now = chrono::Utc::now().with_timezone(&sop_rkt::domain::calendar::wita());
    let signed_year = chrono::Datelike::year(&now) - 1;
    let pdf = dir.path().join("RKT arsip.pdf");
    let out = run(&[
        "export-pdf",
        "--year",
        &signed_year.to_string(),
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["verify", pdf.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ASLI"));

    let mut bytes = std::fs::read(&pdf).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x01;
    let changed = dir.path().join("RKT diubah.pdf");
    std::fs::write(&changed, &bytes).unwrap();
    let out = run(&["verify", changed.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("TIDAK ASLI"));

    let out = run(&["verify", dir.path().join("tidak ada.pdf").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));

    // A file that is not ours is never overwritten by an export.
    let mine = dir.path().join("surat.pdf");
    std::fs::write(&mine, b"bukan PDF program ini").unwrap();
    let out = run(&["export-sop-pdf", "--out", mine.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&mine).unwrap(), b"bukan PDF program ini");
    let sop_pdf = dir.path().join("SOP.pdf");
    let out = run(&["export-sop-pdf", "--out", sop_pdf.to_str().unwrap()]);
    assert!(out.status.success());
    let text = pdf_pages(&std::fs::read(&sop_pdf).unwrap()).join("\n");
    assert!(text.contains("800/13/Satpol PP-BLG/2023") && text.contains("Mengarsipkan RKT"));
}

#[test]
fn snapshot_of_the_signing_page_with_last_years_archive() {
    // The demo office: last year's RKT signed and archived; this year's walked to step 10.
    let sop = Sop::embedded();
    let mut store = Store::open_in_memory().unwrap();
    export::fill_demo(&mut store, &sop, 2026, 40, fixed_now()).unwrap();
    let tim = person(&mut store, "Siti Rahmah");
    store
        .submit_all_and_compile(&sop, 2026, &tim, fixed_now())
        .unwrap();
    steps_by_lane(&mut store, 2026, 9);
    let mut h = harness(store);
    h.get_by_label(Page::TandaTanganArsip.label()).click();
    h.run();
    act_as(&mut h, "Rusdi Hamdani, M.Si. (");
    h.get_by_label_contains("Setujui dan Tandatangani");
    let code = running(&h).store().archive_entries().unwrap()[0]
        .code
        .clone();
    h.get_by_label(&code);
    // The size shown is the signed file's own (its digits may differ from the stored image:
    // `snapshot_with_signed_sizes`).
    let size = running(&h).store().archive_entries().unwrap()[0].size;
    h.get_by_label(&format!("{} KB", size.div_ceil(1024)));
    snapshot_with_signed_sizes(&mut h, "arsip_tanda_tangan");
}

/// In Pengaturan: the signed-in head's own PIN is replaced only with the PIN in force.
#[test]
fn pengaturan_asks_for_the_old_pin_before_replacing_it() {
    let mut h = harness(at_the_decision());
    h.run();
    act_as(&mut h, "Drs. Ahmad");
    h.get_by_label(Page::Pengaturan.label()).click();
    h.run();
    let type_in =
        |h: &mut egui_kittest::Harness<'static, sop_rkt::app::App>, label: &str, t: &str| {
            h.get_by_label(label).focus();
            h.run();
            h.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::A);
            h.run();
            h.get_by_label(label).type_text(t);
            h.run();
            assert!(h.get_by_label(label).is_focused(), "{label}");
        };
    // The old PIN, the new one twice, then "Ganti PIN".
    let save = |h: &mut egui_kittest::Harness<'static, sop_rkt::app::App>, old: &str| {
        type_in(h, "PIN lama", old);
        type_in(h, "PIN baru (6 angka)", "739164");
        type_in(h, "Ulangi PIN baru", "739164");
        h.get_by_label("Ganti PIN").scroll_to_me();
        h.run();
        h.get_by_label("Ganti PIN").click();
        h.run();
        running(h).flash().cloned()
    };
    let refused = save(&mut h, "000000");
    assert!(
        matches!(&refused, Some(sop_rkt::app::Flash::Err(m)) if m.contains("PIN salah")),
        "{refused:?}"
    );
    let saved = save(&mut h, HEAD_PIN);
    assert!(
        matches!(saved, Some(sop_rkt::app::Flash::Ok(_))),
        "{saved:?}"
    );
}

/// #24 (10): at step 10 the head reads, above the PIN, each indikator the draft gives two
/// targets, with both.
#[test]
fn the_head_is_warned_of_an_indikator_with_two_targets_before_signing() {
    let sop = Sop::embedded();
    let mut store = Store::open_in_memory().unwrap();
    export::fill_demo(&mut store, &sop, 2026, 40, fixed_now()).unwrap();
    let (indikator, first, second) = two_targets(&mut store);
    let tim = person(&mut store, "Siti Rahmah");
    store
        .submit_all_and_compile(&sop, 2026, &tim, fixed_now())
        .unwrap();
    steps_by_lane(&mut store, 2026, 9);
    let mut h = harness(store);
    h.get_by_label(Page::TandaTanganArsip.label()).click();
    h.run();
    act_as(&mut h, "Rusdi Hamdani, M.Si. (");
    h.get_by_label_contains("Periksa target sebelum menandatangani:");
    h.get_by_label_contains(&format!(
        "Indikator \"{indikator}\" tercantum dengan target berbeda: {first} dan {second}"
    ));
    h.get_by_label("Kata sandi kunci tanda tangan");
}
