//! The keys of the digital signature as the office lives with them: a PIN reset makes a new
//! key and certificate (and the audit log says so), a PIN change keeps the key, a key on a
//! flash disk signs only with the disk present, the office certificate's holder losing their
//! PIN retires it without making old signatures doubtful.

use crate::common::*;
use crate::pades::pdfsig;
use sop_rkt::digital_signature::check_pdf;
use sop_rkt::domain::sop::Sop;
use sop_rkt::export;
use sop_rkt::store::Store;

/// The office at step 10, its head signed in and ready to sign.
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

#[test]
fn a_pin_reset_makes_a_new_key_and_certificate_that_sign_validly() {
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
        "the old key is retired with the PIN that sealed it"
    );
    // The head replaces the one-time PIN at sign-in; their new key waits for the certificate
    // holder (the pengelola), whose next sign-in issues it.
    store
        .sign_in(head.official_id(), "715302", Some("739164"), fixed_now())
        .unwrap();
    let err = export::sign_year(&mut store, &sop, 2026, "739164", false, &head, fixed_now())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("belum diterbitkan") && err.contains("Hj. Nurul Aini"),
        "{err}"
    );
    assert!(store.signature(2026).unwrap().is_none());
    pengelola(&mut store);
    let sig =
        export::sign_year(&mut store, &sop, 2026, "739164", false, &head, fixed_now()).unwrap();
    let after = sig.cert_fingerprint.clone().unwrap();
    assert_ne!(after, before, "a new certificate");
    let pdf = export::rkt_pdf(&store, 2026, fixed_now()).unwrap();
    let checked = check_pdf(&pdf, &trusted(&store), &[]).unwrap().unwrap();
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
    ] {
        assert!(
            log.iter().any(|a| a.starts_with(wanted)),
            "{wanted} in {log:#?}"
        );
    }
}

#[test]
fn a_pin_change_keeps_the_key_sealed_under_the_new_pin() {
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
    assert!(
        export::sign_year(&mut store, &sop, 2026, TEST_PIN, false, &head, fixed_now()).is_err()
    );
    let sig =
        export::sign_year(&mut store, &sop, 2026, "739164", false, &head, fixed_now()).unwrap();
    assert_eq!(sig.cert_fingerprint, before.fingerprint);
}

#[test]
fn a_key_on_a_flash_disk_signs_only_with_the_disk_present() {
    let (mut store, head) = at_signing();
    let sop = Sop::embedded();
    let disk = tempfile::tempdir().unwrap();
    let file = disk.path().join("kunci Kepala.sopkey");
    // A wrong PIN moves nothing.
    assert!(
        store
            .move_key_to_file(&head, "000000", &file, fixed_now())
            .is_err()
    );
    assert!(!file.exists());
    store
        .move_key_to_file(&head, TEST_PIN, &file, fixed_now())
        .unwrap();
    let key = store.signer_key(head.official_id()).unwrap().unwrap();
    assert_eq!(key.key_file.as_deref(), Some(file.to_str().unwrap()));
    // The file holds the key sealed, not in the clear; a file of someone else's is refused.
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("SOP-RKT kunci tanda tangan"));
    let other = disk.path().join("lain.sopkey");
    std::fs::write(&other, "bukan kunci").unwrap();
    assert!(
        store
            .move_key_to_file(&head, TEST_PIN, &other, fixed_now())
            .is_err()
    );
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "bukan kunci");
    // The disk is taken out: a clear message, nothing signed, the step still waits.
    let away = disk.path().join("di laci");
    std::fs::rename(&file, &away).unwrap();
    let err = export::sign_year(&mut store, &sop, 2026, TEST_PIN, false, &head, fixed_now())
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
    export::sign_year(&mut store, &sop, 2026, TEST_PIN, false, &head, fixed_now()).unwrap();
    let pdf = export::rkt_pdf(&store, 2026, fixed_now()).unwrap();
    assert!(check_pdf(&pdf, &trusted(&store), &[]).unwrap().is_ok());
}

/// The office certificate's holder loses their PIN: that certificate issues nothing more but
/// stays trusted for what it issued; the next pengelola sign-in makes a new one.
#[test]
fn the_holders_pin_reset_retires_the_office_certificate_not_its_signatures() {
    let (mut store, head) = at_signing();
    let sop = Sop::embedded();
    export::sign_year(&mut store, &sop, 2026, TEST_PIN, false, &head, fixed_now()).unwrap();
    let signed = export::rkt_pdf(&store, 2026, fixed_now()).unwrap();
    let old_root = store.office_root().unwrap().unwrap();
    assert_eq!(old_root.holder, "Hj. Nurul Aini");
    // Another pengelola resets the holder's PIN.
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
    let roots = store.office_roots().unwrap();
    assert!(roots.iter().all(|r| r.retired_at.is_some()), "{roots:?}");
    // Budi is a pengelola: his next sign-in makes the new office certificate.
    person(&mut store, "Budi");
    let new_root = store.office_root().unwrap().unwrap();
    assert_ne!(new_root.fingerprint, old_root.fingerprint);
    assert_eq!(new_root.holder, "Budi Santoso");
    // What the old one issued still checks.
    assert!(check_pdf(&signed, &trusted(&store), &[]).unwrap().is_ok());
    assert_eq!(store.trusted_roots().unwrap().len(), 2);
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
