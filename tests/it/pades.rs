//! The RKT PDF with a real digital signature (PAdES B-B), as another office would check it:
//! poppler's `pdfsig` says it is valid and names the signer, and invalid once one byte changes;
//! PDFBox Preflight still finds a valid PDF/A-1b file.

use std::process::Command;

use crate::common::*;
use sop_rkt::digital_signature::{cms, keys};
use sop_rkt::pdf::pades;
use sop_rkt::store::Store;

/// The demo office's signed RKT of last year, signed digitally by a key of its head.
fn signed_pdf() -> (Vec<u8>, Vec<u8>) {
    let mut store = Store::open_in_memory().unwrap();
    store
        .fill_demo(
            &sop_rkt::domain::sop::Sop::embedded(),
            2026,
            21,
            fixed_now(),
        )
        .unwrap();
    let pdf = sop_rkt::export::rkt_pdf(&store, 2025, fixed_now()).unwrap();
    let who = keys::SignerName {
        name: "Drs. H. Rusdi Hamdani, M.Si.",
        nip: "197104152000031007",
        position: "Kepala Satuan Polisi Pamong Praja",
        office: "Satuan Polisi Pamong Praja Kabupaten Balangan",
    };
    let (root_key, root) = keys::new_office_root(who.office).unwrap();
    let (key, cert) = keys::new_signer(&who, &root_key, &root).unwrap();
    let prepared = pades::prepare(
        &pdf,
        &pades::SigningFacts {
            name: who.name,
            reason: "Menyetujui dan menandatangani RKT 2025 versi 1",
            location: "Paringin",
            at: fixed_now(),
        },
    )
    .unwrap();
    let signature = cms::sign_detached(&prepared.digest(), &key, &cert, &root).unwrap();
    (prepared.finish(&signature).unwrap(), root)
}

fn pdfsig(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rkt.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdfsig")
        .arg(&path)
        .output()
        .expect("pdfsig (poppler-utils) is installed");
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn pdfsig_finds_the_signature_valid_and_a_changed_byte_invalid() {
    let (pdf, root) = signed_pdf();
    let said = pdfsig(&pdf);
    println!("pdfsig, the signed file:\n{said}");
    assert!(said.contains("Signature is Valid"), "{said}");
    assert!(said.contains("Rusdi Hamdani"), "{said}");
    assert!(said.contains("ETSI.CAdES.detached"), "{said}");
    // Read back by the program: the whole file but the signature is covered, and it checks.
    let e = pades::embedded(&pdf).unwrap();
    assert!(e.covers_whole_file);
    cms::check_detached(&e.cms, &e.digest, std::slice::from_ref(&root)).unwrap();
    // One byte changed anywhere in the signed part: invalid for pdfsig and for the program.
    for at in [pdf.len() / 3, pdf.len() - 10] {
        let mut changed = pdf.clone();
        changed[at] ^= 0x01;
        let said = pdfsig(&changed);
        println!("pdfsig, byte {at} changed:\n{said}");
        assert!(!said.contains("Signature is Valid"), "byte {at}: {said}");
        let e = pades::embedded(&changed).unwrap();
        assert_eq!(
            cms::check_detached(&e.cms, &e.digest, std::slice::from_ref(&root)),
            Err(cms::CheckError::Changed),
            "byte {at}"
        );
    }
}

#[test]
fn the_signed_pdf_stays_pdf_a_1b() {
    let (pdf, _) = signed_pdf();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rkt.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let cp = [
        "preflight.jar",
        "pdfbox2.jar",
        "fontbox2.jar",
        "xmpbox.jar",
        "commons-logging.jar",
        "javax.activation.jar",
        "jaxb-api.jar",
    ]
    .map(|j| format!("/usr/share/java/{j}"))
    .join(":");
    let out = Command::new("java")
        .args(["-cp", &cp, "org.apache.pdfbox.preflight.Validator_A1b"])
        .arg(&path)
        .output()
        .expect("java and PDFBox Preflight are installed");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("is a valid PDF/A-1b file"), "{said}");
}

/// Another computer with only the program and the office certificate it was handed: `verify`
/// says genuine (and who signed), not genuine once a byte changes, and "unknown key" before the
/// certificate is trusted; a PDF with no signature that is not in its archive is not genuine.
#[test]
fn verify_on_another_computer_that_trusts_only_the_office_certificate() {
    let (pdf, root) = signed_pdf();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("komputer lain.db");
    let file = dir.path().join("RKT 2025 bertanda tangan.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let run = |args: &[&str]| run_cli(dir.path(), &db, args);
    let said = |o: &std::process::Output| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    };
    // Before it trusts the office: a valid signature by an unknown key is not genuine here.
    let out = run(&["verify", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    assert!(said(&out).contains("tidak diterbitkan sertifikat kantor yang dipercaya"));
    // The office's certificate, as the office hands it out.
    let cer = dir.path().join("Sertifikat kantor Satpol PP Balangan.cer");
    std::fs::write(&cer, &root).unwrap();
    let out = run(&["trust-certificate", cer.to_str().unwrap()]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(said(&out).contains(&sop_rkt::digital_signature::keys::fingerprint(&root)));
    let out = run(&["verify", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    let text = said(&out);
    assert!(text.starts_with("ASLI"), "{text}");
    assert!(
        text.contains("Drs. H. Rusdi Hamdani, M.Si., NIP 19710415 200003 1 007"),
        "{text}"
    );
    // One byte changed: not genuine, and why.
    let mut changed = pdf.clone();
    changed[pdf.len() / 2] ^= 0x01;
    let bad = dir.path().join("RKT diubah.pdf");
    std::fs::write(&bad, &changed).unwrap();
    let out = run(&["verify", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    assert!(
        said(&out).contains("berubah sesudah ditandatangani"),
        "{}",
        said(&out)
    );
    // A PDF without a signature, not in this PC's archive.
    let plain = dir.path().join("tanpa tanda tangan.pdf");
    let mut store = Store::open_in_memory().unwrap();
    store
        .fill_demo(&sop_rkt::domain::sop::Sop::embedded(), 2026, 7, fixed_now())
        .unwrap();
    std::fs::write(
        &plain,
        sop_rkt::export::rkt_pdf(&store, 2025, fixed_now()).unwrap(),
    )
    .unwrap();
    let out = run(&["verify", plain.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    assert!(
        said(&out).contains("tidak bertanda tangan digital"),
        "{}",
        said(&out)
    );
}
