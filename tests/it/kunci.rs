//! The keys of the digital signature as the office lives with them: each key a .p12 under its
//! holder's passphrase (never a PIN); a certificate only when the office root's holder approves
//! it, comparing the key's fingerprint; a PIN reset retires the signer's certificate (and the
//! CRL lists it); a key on a flash disk signs only with the disk present; nothing is made or
//! certified at a sign-in.

use crate::common::*;
use crate::pades::pdfsig;
use eframe::egui;
use egui_kittest::kittest::Queryable;
use sop_rkt::digital_signature::check_pdf;
use sop_rkt::domain::sop::Sop;
use sop_rkt::export;
use sop_rkt::store::{CrlNeed, KeyPlace, Store};

/// The office at step 10, its head signed in, their key certified and ready to sign.
fn at_signing() -> (Store, sop_rkt::store::Identity) {
    let mut store = office_store();
    walk(&mut store, 9, fixed_now());
    let head = person(&mut store, "Drs. Ahmad");
    (store, head)
}

fn trusted(store: &Store) -> Vec<Vec<u8>> {
    store
        .trusted_roots()
        .unwrap()
        .into_iter()
        .map(|r| r.cert)
        .collect()
}

fn actions(store: &Store) -> Vec<String> {
    store
        .audit_for_year(None, 200)
        .unwrap()
        .into_iter()
        .map(|a| format!("{} {}", a.action, a.detail))
        .collect()
}

const NEW_PASS: &str = "angin-timur-membawa-hujan-ke-halong";

#[test]
fn a_pin_reset_retires_the_certificate_and_a_new_one_needs_the_holders_approval() {
    let (mut store, head) = at_signing();
    let sop = Sop::embedded();
    let before = store
        .signer_key(head.official_id())
        .unwrap()
        .unwrap()
        .fingerprint
        .unwrap();
    // The head forgot the PIN: the pengelola gives a one-time PIN.
    let op = pengelola(&mut store);
    store
        .reset_pin(&op, head.official_id(), "715302", fixed_now())
        .unwrap();
    assert!(
        store.signer_key(head.official_id()).unwrap().is_none(),
        "the certificate is retired with the reset"
    );
    assert_eq!(store.crl_need(fixed_now()).unwrap(), CrlNeed::Retired(1));
    // Signing in makes nothing: no key, no certificate.
    store
        .sign_in(head.official_id(), "715302", Some("739164"), fixed_now())
        .unwrap();
    assert!(store.signer_key(head.official_id()).unwrap().is_none());
    let err = export::sign_year(&mut store, &sop, 2026, TEST_PASS, false, &head, fixed_now())
        .unwrap_err()
        .to_string();
    assert!(err.contains("belum punya kunci"), "{err}");
    // The head makes a new key; it waits for the holder, and signing says so.
    let fingerprint = store
        .create_signer_key(&head, NEW_PASS, &KeyPlace::Program, &sop, fixed_now())
        .unwrap();
    let err = export::sign_year(&mut store, &sop, 2026, NEW_PASS, false, &head, fixed_now())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("belum disetujui") && err.contains("Hj. Nurul Aini"),
        "{err}"
    );
    // The holder signing in approves nothing by itself.
    let holder = pengelola(&mut store);
    assert!(
        store
            .signer_key(head.official_id())
            .unwrap()
            .unwrap()
            .fingerprint
            .is_none()
    );
    let request = store.key_requests().unwrap().remove(0);
    assert_eq!(request.key_fingerprint, fingerprint);
    assert_eq!(request.name, "Drs. Ahmad Fauzi");
    // The wrong root passphrase, or a fingerprint that is not the key's, approves nothing.
    assert!(
        store
            .approve_key_request(&holder, request.key_id, &fingerprint, NEW_PASS, fixed_now())
            .is_err()
    );
    let other = fingerprint.replace(&fingerprint[..2], "00");
    let err = store
        .approve_key_request(&holder, request.key_id, &other, TEST_PASS, fixed_now())
        .unwrap_err()
        .to_string();
    assert!(err.contains("Sidik jari"), "{err}");
    // Only the holder approves: the head cannot approve their own request.
    assert!(
        store
            .approve_key_request(&head, request.key_id, &fingerprint, TEST_PASS, fixed_now())
            .is_err()
    );
    store
        .approve_key_request(
            &holder,
            request.key_id,
            &fingerprint,
            TEST_PASS,
            fixed_now(),
        )
        .unwrap();
    assert_eq!(store.crl_need(fixed_now()).unwrap(), CrlNeed::None);
    let sig =
        export::sign_year(&mut store, &sop, 2026, NEW_PASS, false, &head, fixed_now()).unwrap();
    let after = sig.cert_fingerprint.clone().unwrap();
    assert_ne!(after, before, "a new certificate");
    let pdf = export::rkt_pdf(&store, 2026, fixed_now()).unwrap();
    let checked = check_pdf(&pdf, &trusted(&store), &store.crls().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(
        sop_rkt::digital_signature::keys::fingerprint(&checked.signer_cert),
        after
    );
    let said = pdfsig(&pdf);
    assert!(said.contains("Signature is Valid"), "{said}");
    assert!(said.contains("Ahmad Fauzi"), "{said}");
    let log = actions(&store);
    for wanted in [
        "pin.atur_ulang",
        "kunci.dicabut",
        "kunci.baru",
        "sertifikat.terbit",
        "crl.terbit",
    ] {
        assert!(
            log.iter().any(|a| a.starts_with(wanted)),
            "{wanted} in {log:#?}"
        );
    }
}

#[test]
fn a_passphrase_that_a_guesser_tries_first_is_refused() {
    let (mut store, head) = at_signing();
    let sop = Sop::embedded();
    for weak in [
        "rahasia123",
        "Ahmad Fauzi 2026",
        "satpolppbalangan",
        "aaaaaaaaaaaaaaaa",
    ] {
        let err = store
            .create_signer_key(&head, weak, &KeyPlace::Program, &sop, fixed_now())
            .unwrap_err()
            .to_string();
        assert!(!err.is_empty(), "{weak}");
    }
    // The key in use is untouched by the refusals.
    assert!(
        store
            .signer_key(head.official_id())
            .unwrap()
            .unwrap()
            .fingerprint
            .is_some()
    );
}

#[test]
fn the_key_fingerprint_shown_comes_from_the_key_itself() {
    let (mut store, head) = at_signing();
    let key = store.signer_key(head.official_id()).unwrap().unwrap();
    assert_eq!(
        store
            .my_key_fingerprint(&head, TEST_PASS, fixed_now())
            .unwrap(),
        key.key_fingerprint
    );
    let err = store
        .my_key_fingerprint(&head, "bukan-kata-sandinya-sama-sekali", fixed_now())
        .unwrap_err();
    assert!(err.to_string().contains("salah"), "{err}");
}

#[test]
fn a_pin_change_leaves_the_key_which_the_pin_never_opened() {
    let (mut store, head) = at_signing();
    let sop = Sop::embedded();
    let before = store.signer_key(head.official_id()).unwrap().unwrap();
    store
        .change_pin(&head, TEST_PIN, "739164", fixed_now())
        .unwrap();
    assert_eq!(
        store.signer_key(head.official_id()).unwrap().unwrap(),
        before
    );
    // The PIN signs nothing; the passphrase does.
    assert!(
        export::sign_year(&mut store, &sop, 2026, "739164", false, &head, fixed_now()).is_err()
    );
    let sig =
        export::sign_year(&mut store, &sop, 2026, TEST_PASS, false, &head, fixed_now()).unwrap();
    assert_eq!(sig.cert_fingerprint, before.fingerprint);
}

#[test]
fn a_key_on_a_flash_disk_signs_only_with_the_disk_present() {
    let (mut store, head) = at_signing();
    let sop = Sop::embedded();
    let disk = tempfile::tempdir().unwrap();
    let file = disk.path().join("kunci Kepala.p12");
    // A file already there (someone else's) is never overwritten.
    let other = disk.path().join("lain.p12");
    std::fs::write(&other, "bukan kunci").unwrap();
    assert!(store.move_key_to_file(&head, &other, fixed_now()).is_err());
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "bukan kunci");
    store.move_key_to_file(&head, &file, fixed_now()).unwrap();
    let key = store.signer_key(head.official_id()).unwrap().unwrap();
    assert_eq!(key.key_file.as_deref(), Some(file.to_str().unwrap()));
    // The file is a standard .p12 that OpenSSL opens with the passphrase, and only with it.
    let openssl = |pass: &str| {
        std::process::Command::new("openssl")
            .args(["pkcs12", "-in"])
            .arg(&file)
            .args(["-nocerts", "-nodes", "-passin"])
            .arg(format!("pass:{pass}"))
            .output()
            .unwrap()
    };
    let out = openssl(TEST_PASS);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("PRIVATE KEY"));
    assert!(!openssl("salah-sama-sekali-kata-sandinya").status.success());
    // The disk is taken out: a clear message, nothing signed, the step still waits.
    let away = disk.path().join("di laci");
    std::fs::rename(&file, &away).unwrap();
    let err = export::sign_year(&mut store, &sop, 2026, TEST_PASS, false, &head, fixed_now())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("flash disk") && err.contains("tidak ditemukan"),
        "{err}"
    );
    assert!(store.signature(2026).unwrap().is_none());
    assert_eq!(
        store
            .cycle_state(&sop, 2026)
            .unwrap()
            .and_then(|(_, s)| s.active),
        Some(10)
    );
    // Put back: it signs, and the signature checks.
    std::fs::rename(&away, &file).unwrap();
    export::sign_year(&mut store, &sop, 2026, TEST_PASS, false, &head, fixed_now()).unwrap();
    let pdf = export::rkt_pdf(&store, 2026, fixed_now()).unwrap();
    assert!(
        check_pdf(&pdf, &trusted(&store), &store.crls().unwrap())
            .unwrap()
            .is_ok()
    );
}

/// The office certificate's holder loses their PIN: the root stays (its key is under their
/// passphrase, not the PIN), and so do the signatures it certified.
#[test]
fn the_holders_pin_reset_keeps_the_office_certificate() {
    let (mut store, head) = at_signing();
    let sop = Sop::embedded();
    export::sign_year(&mut store, &sop, 2026, TEST_PASS, false, &head, fixed_now()).unwrap();
    let signed = export::rkt_pdf(&store, 2026, fixed_now()).unwrap();
    let root = store.office_root().unwrap().unwrap();
    assert_eq!(root.holder, "Hj. Nurul Aini");
    let op = pengelola(&mut store);
    let budi = store
        .officials()
        .unwrap()
        .into_iter()
        .find(|o| o.name.starts_with("Budi"))
        .unwrap();
    let mut input = sop_rkt::store::OfficialInput::from_official(&budi);
    input.pengelola = true;
    store
        .save_official(Some(budi.id), &input, &sop, Some(&op), fixed_now())
        .unwrap();
    let budi_in = person(&mut store, "Budi");
    store
        .reset_pin(&budi_in, op.official_id(), "715302", fixed_now())
        .unwrap();
    assert_eq!(store.office_root().unwrap().unwrap(), root);
    // A second office root is refused while one lives.
    assert!(
        store
            .create_office_root(&budi_in, NEW_PASS, &KeyPlace::Program, fixed_now())
            .is_err()
    );
    assert!(
        check_pdf(&signed, &trusted(&store), &store.crls().unwrap())
            .unwrap()
            .is_ok()
    );
}

/// The SOP document's identity page prints the office certificate's fingerprint, for whoever
/// compares it with the .cer file they were handed.
#[test]
fn the_sop_identity_page_prints_the_office_certificate() {
    let store = office_store();
    let root = store.office_root().unwrap().unwrap();
    let pdf = export::sop_pdf(&store, &Sop::embedded(), fixed_now()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sop.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-f", "1", "-l", "1"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    // The fingerprint may wrap in its cell: compare without spaces and line breaks.
    let text: String = String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(
        text.contains("Sertifikatkantor(tandatangandigitalRKT)"),
        "{text}"
    );
    assert!(text.contains(&root.fingerprint), "{text}");
}

/// A field of the Tanda Tangan Digital card (far down Pengaturan), scrolled to and typed in.
fn fill(h: &mut egui_kittest::Harness<'static, sop_rkt::app::App>, label: &str, text: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    type_into(h, label, text);
}

/// A button or box of that card, scrolled to and clicked.
fn press(h: &mut egui_kittest::Harness<'static, sop_rkt::app::App>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
    h.run();
}

/// The whole set-up in the window, as an office does it the first time: the pengelola makes
/// the office certificate (a weak passphrase first: refused, nothing made), the head makes a
/// key, reads its fingerprint from their own screen, the holder approves it after comparing;
/// then the head signs at step 10 with the passphrase.
#[test]
fn the_office_sets_up_its_signature_in_the_window() {
    let mut store = office_store_without_keys();
    walk(&mut store, 9, fixed_now());
    let mut h = harness(store);
    let pengaturan = sop_rkt::app::Page::Pengaturan.label();
    act_as(&mut h, "Hj. Nurul");
    h.get_by_label(pengaturan).click();
    h.run();
    // Too short: said in the card, nothing made.
    fill(&mut h, "Kata sandi kunci (minimal 12 karakter)", "rahasia");
    fill(&mut h, "Ketik ulang kata sandi", "rahasia");
    h.get_by_label_contains("terlalu pendek");
    press(&mut h, "Buat Sertifikat Kantor");
    h.run();
    assert!(running(&h).store().office_root().unwrap().is_none());
    // Typed over with a good one.
    let root_pass = "kabut-pagi-menyelimuti-bukit-halau";
    for label in [
        "Kata sandi kunci (minimal 12 karakter)",
        "Ketik ulang kata sandi",
    ] {
        press(&mut h, label);
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.get_by_label(label).type_text(root_pass);
        h.run();
    }
    press(&mut h, "Buat Sertifikat Kantor");
    h.run();
    let root = running(&h).store().office_root().unwrap().expect("made");
    assert_eq!(root.holder, "Hj. Nurul Aini");
    h.get_by_label_contains("Sertifikat kantor dibuat");

    // The head makes a key and reads its fingerprint from the card.
    act_as(&mut h, "Drs. Ahmad");
    h.get_by_label(pengaturan).click();
    h.run();
    fill(&mut h, "Kata sandi kunci (minimal 12 karakter)", TEST_PASS);
    fill(&mut h, "Ketik ulang kata sandi", TEST_PASS);
    press(&mut h, "Buat Kunci Tanda Tangan");
    h.run();
    let head = running(&h).acting_id().unwrap();
    let key = running(&h).store().signer_key(head).unwrap().expect("made");
    assert!(key.fingerprint.is_none(), "waits for the approval");
    h.get_by_label_contains(&format!("Sidik jari kunci Anda: {}", key.key_fingerprint));
    if let Ok(dir) = std::env::var("SOP_RKT_LOOK") {
        h.render()
            .unwrap()
            .save(format!("{dir}/kunci-dibuat.png"))
            .unwrap();
    }
    // Signing now says what is missing.
    h.get_by_label(sop_rkt::app::Page::TandaTanganArsip.label())
        .click();
    h.run();
    fill(&mut h, "Kata sandi kunci tanda tangan", TEST_PASS);
    h.get_by_label_contains("Setujui dan Tandatangani").click();
    h.run();
    h.get_by_label_contains("belum disetujui");
    assert!(running(&h).store().signature(2026).unwrap().is_none());

    // The holder compares the fingerprint and approves with the root's passphrase.
    act_as(&mut h, "Hj. Nurul");
    h.get_by_label(pengaturan).click();
    h.run();
    press(
        &mut h,
        "Sidik jari sama dengan yang dibacakan pemiliknya dari layarnya",
    );
    h.run();
    fill(&mut h, "Kata sandi sertifikat kantor", root_pass);
    if let Ok(dir) = std::env::var("SOP_RKT_LOOK") {
        h.render()
            .unwrap()
            .save(format!("{dir}/setujui.png"))
            .unwrap();
    }
    press(&mut h, "Setujui");
    h.run();
    let key = running(&h).store().signer_key(head).unwrap().unwrap();
    assert!(key.fingerprint.is_some(), "{:?}", running(&h).flash());

    // The head signs.
    act_as(&mut h, "Drs. Ahmad");
    h.get_by_label(sop_rkt::app::Page::TandaTanganArsip.label())
        .click();
    h.run();
    fill(&mut h, "Kata sandi kunci tanda tangan", TEST_PASS);
    h.get_by_label_contains("Setujui dan Tandatangani").click();
    h.run();
    let sig = running(&h).store().signature(2026).unwrap();
    assert_eq!(sig.map(|s| s.cert_fingerprint), Some(key.fingerprint));
}

/// Beranda reminds the head without a key, and its button opens Pengaturan at the card — not
/// at the page's top, three screens above it.
#[test]
fn beranda_s_reminder_opens_pengaturan_at_the_signature_card() {
    let mut h = harness(office_store_without_keys());
    act_as(&mut h, "Drs. Ahmad");
    h.get_by_label_contains("belum punya kunci tanda tangan");
    h.get_by_label("Buka Pengaturan → Tanda Tangan Digital")
        .click();
    h.run();
    h.run();
    let card = h.get_by_label("Tanda Tangan Digital").rect();
    assert!(card.top() >= 0.0 && card.bottom() <= 768.0, "{card:?}");
    h.get_by_label("Buat Kunci Tanda Tangan");
}
