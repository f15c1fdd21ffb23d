//! The RKT PDF with a real digital signature (PAdES B-B), as another office would check it:
//! poppler's `pdfsig` says it is valid and names the signer, and invalid once one byte changes;
//! PDFBox Preflight still finds a valid PDF/A-1b file.

use std::process::Command;

use crate::common::*;
use sop_rkt::digital_signature::{cms, keys};
use sop_rkt::domain::sop::Sop;
use sop_rkt::pdf::pades;
use sop_rkt::store::Store;

/// The demo office's signed RKT of last year as step 10 made it: signed digitally with its
/// head's key, issued by the office certificate; and that certificate.
fn signed_pdf() -> (Vec<u8>, Vec<u8>) {
    let mut store = Store::open_in_memory().unwrap();
    let (pdf, root) = demo_office(&mut store);
    (pdf, root)
}

/// Fills `store` with the demo office: its 2025 RKT signed digitally (PDF and office
/// certificate returned).
fn demo_office(store: &mut Store) -> (Vec<u8>, Vec<u8>) {
    sop_rkt::export::fill_demo(store, &Sop::embedded(), 2026, 21, fixed_now()).unwrap();
    let pdf = sop_rkt::export::rkt_pdf(store, 2025, fixed_now()).unwrap();
    let root = store
        .office_root()
        .unwrap()
        .expect("the office certificate");
    assert_eq!(root.fingerprint, keys::fingerprint(&root.cert));
    (pdf, root.cert)
}

pub(crate) fn pdfsig(pdf: &[u8]) -> String {
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
    let checked = cms::check_detached(&e.cms, &e.digest, std::slice::from_ref(&root)).unwrap();
    // The visible block names the same certificate the signature carries.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rkt.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let text = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap()
        .stdout;
    let text = String::from_utf8_lossy(&text);
    let short = sop_rkt::pdf::rkt_doc::short_fingerprint(&keys::fingerprint(&checked.signer_cert));
    assert!(
        text.contains(&format!(
            "Ditandatangani secara elektronik · sertifikat {short}"
        )),
        "{text}"
    );
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

/// Another computer's poppler that trusts the office certificate (imported into its NSS
/// database, as a PC or Adobe imports a .cer): the signature is valid and its certificate
/// trusted, all the way from the head to the office.
#[test]
fn pdfsig_trusts_the_chain_once_the_office_certificate_is_imported() {
    let (pdf, root) = signed_pdf();
    let dir = tempfile::tempdir().unwrap();
    let nss = format!("sql:{}", dir.path().display());
    let cer = dir.path().join("kantor.cer");
    std::fs::write(&cer, &root).unwrap();
    let ok = |c: &mut Command| {
        let out = c.output().expect("certutil (libnss3-tools) is installed");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    ok(Command::new("certutil").args(["-N", "--empty-password", "-d", &nss]));
    ok(Command::new("certutil")
        .args([
            "-A",
            "-n",
            "Sertifikat kantor",
            "-t",
            "CT,C,C",
            "-d",
            &nss,
            "-i",
        ])
        .arg(&cer));
    let path = dir.path().join("rkt.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let out = Command::new("pdfsig")
        .args(["-nssdir", &nss])
        .arg(&path)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    println!("pdfsig with the office certificate trusted:\n{said}");
    assert!(said.contains("Signature is Valid"), "{said}");
    assert!(said.contains("Certificate is Trusted"), "{said}");
}

#[test]
fn the_signed_pdf_stays_pdf_a_1b() {
    let (pdf, _) = signed_pdf();
    let said = preflight(&pdf);
    assert!(said.contains("is a valid PDF/A-1b file"), "{said}");
}

/// What PDFBox Preflight says of a PDF (PDF/A-1b).
pub(crate) fn preflight(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
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
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Another computer with only the program and the office certificate it was handed (saved by
/// `export-certificate` at the office): `verify` says genuine (who signed, the version), not
/// genuine once a byte changes, and "unknown key" before the certificate is trusted; a copy of
/// the RKT drawn without the signature is not genuine.
#[test]
fn verify_on_another_computer_that_trusts_only_the_office_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let office_dir = dir.path().join("kantor");
    let elsewhere = dir.path().join("komputer lain");
    std::fs::create_dir_all(&office_dir).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    let office_db = office_dir.join("rkt.db");
    let mut store = Store::open(&office_db).unwrap();
    let (pdf, root) = demo_office(&mut store);
    let fingerprint = keys::fingerprint(&root);
    drop(store);
    let said = |o: &std::process::Output| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    };
    // The office saves its certificate to hand out; never over an existing file.
    let cer = office_dir.join("Sertifikat kantor Satpol PP Balangan.cer");
    let out = run_cli(
        &office_dir,
        &office_db,
        &["export-certificate", "--out", cer.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", said(&out));
    assert!(said(&out).contains(&fingerprint), "{}", said(&out));
    assert!(
        std::fs::read_to_string(&cer)
            .unwrap()
            .starts_with("-----BEGIN CERTIFICATE-----")
    );
    let again = run_cli(
        &office_dir,
        &office_db,
        &["export-certificate", "--out", cer.to_str().unwrap()],
    );
    assert_eq!(again.status.code(), Some(2), "{}", said(&again));
    // OpenSSL reads it as the office's CA certificate, with the same fingerprint.
    let x = Command::new("openssl")
        .args(["x509", "-noout", "-fingerprint", "-sha256", "-in"])
        .arg(&cer)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&x.stdout).contains(&fingerprint));

    let db = elsewhere.join("rkt.db");
    let file = elsewhere.join("RKT 2025 bertanda tangan.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let run = |args: &[&str]| run_cli(&elsewhere, &db, args);
    // Before it trusts the office: a valid signature by an unknown key is not genuine here.
    let out = run(&["verify", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    assert!(said(&out).contains("tidak diterbitkan sertifikat kantor yang dipercaya"));
    let out = run(&["trust-certificate", cer.to_str().unwrap()]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(said(&out).contains(&fingerprint));
    let out = run(&["verify", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    let text = said(&out);
    println!("verify, the signed file elsewhere:\n{text}");
    assert!(text.starts_with("ASLI"), "{text}");
    assert!(
        text.contains("Drs. H. Rusdi Hamdani, M.Si., NIP 19710415 200003 1 007"),
        "{text}"
    );
    // When and which version, read from the signed part of the file.
    assert!(
        text.contains("pada Senin, 20 Januari 2025 09.00 WITA (Menyetujui RKT tahun 2025 versi 1)"),
        "{text}"
    );
    // One byte changed: not genuine, and why.
    let mut changed = pdf.clone();
    changed[pdf.len() / 2] ^= 0x01;
    let bad = elsewhere.join("RKT diubah.pdf");
    std::fs::write(&bad, &changed).unwrap();
    let out = run(&["verify", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    println!("verify, one byte changed:\n{}", said(&out));
    assert!(
        said(&out).contains("berubah sesudah ditandatangani"),
        "{}",
        said(&out)
    );
    // The same RKT drawn again without the digital signature (what a forger could print).
    let plain = elsewhere.join("tanpa tanda tangan.pdf");
    let store = Store::open(&office_db).unwrap();
    let (doc, images) = sop_rkt::export::rkt_document(&store, 2025).unwrap();
    std::fs::write(
        &plain,
        sop_rkt::pdf::rkt_pdf(&doc, &images, fixed_now()).unwrap(),
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
