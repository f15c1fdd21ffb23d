//! Revocation (#25): an office's revocation list (CRL) handed out beside its certificate, taken
//! in on another computer, and `verify` refusing a signature whose certificate it lists, as a
//! verifier runs the program.

use crate::common::*;
use sop_rkt::digital_signature::crl::{self, Reason, Revoked};
use sop_rkt::digital_signature::{check_pdf, cms, keys};
use sop_rkt::domain::sop::Sop;
use sop_rkt::pdf::pades;
use sop_rkt::store::Store;

/// Seconds since 1970 now.
fn now_unix() -> i64 {
    chrono::Utc::now().timestamp()
}

const DAY: i64 = 24 * 3600;

/// A computer with the program and its own data folder and database.
struct Pc {
    dir: tempfile::TempDir,
}

impl Pc {
    fn new() -> Pc {
        Pc {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    /// `sop-rkt args --db …`: the exit code and everything it said.
    fn run(&self, args: &[&str]) -> (Option<i32>, String) {
        let out = run_cli(self.dir.path(), &self.path("rkt.db"), args);
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!said.contains("panicked"), "{said}");
        (out.status.code(), said)
    }

    fn verify(&self, pdf: &[u8]) -> (Option<i32>, String) {
        let file = self.path("RKT diterima.pdf");
        std::fs::write(&file, pdf).unwrap();
        self.run(&["verify", file.to_str().unwrap()])
    }
}

/// Another office made with the library: its root (key and certificate), the head's
/// certificate, and a PDF the head signed now.
struct Office {
    root_key: p256::ecdsa::SigningKey,
    root: Vec<u8>,
    cert: Vec<u8>,
    signed: Vec<u8>,
}

fn office() -> Office {
    let who = keys::SignerName {
        name: "Kepala Kantor Lain",
        nip: "",
        position: "Kepala",
        office: "Kantor Lain",
    };
    let (root_key, root) = keys::new_office_root(who.office).unwrap();
    let (key, cert) = keys::new_signer(&who, &root_key, &root).unwrap();
    let pdf = sop_rkt::export::sop_pdf(
        &Store::open_in_memory().unwrap(),
        &Sop::embedded(),
        fixed_now(),
    )
    .unwrap();
    let at = chrono::Utc::now().naive_utc() + chrono::Duration::hours(8);
    let p = pades::prepare(
        &pdf,
        &pades::SigningFacts {
            name: who.name,
            reason: "Menyetujui RKT",
            location: "Paringin",
            at,
        },
    )
    .unwrap();
    let cms = cms::sign_detached(&p.digest(), &key, &cert, std::slice::from_ref(&root)).unwrap();
    Office {
        root_key,
        root,
        cert,
        signed: p.finish(&cms).unwrap(),
    }
}

impl Office {
    /// A list numbered `number` naming the head's certificate, revoked at `at` for `reason`.
    fn crl(&self, number: u64, reason: Reason, at: i64) -> Vec<u8> {
        crl::issue(
            &self.root_key,
            &self.root,
            number,
            now_unix() - DAY,
            now_unix() + 30 * DAY,
            &[Revoked {
                serial: crl::serial(&self.cert).unwrap(),
                at_unix: at,
                reason,
            }],
        )
        .unwrap()
    }
}

#[test]
fn verify_refuses_a_signature_whose_certificate_the_office_revoked() {
    let o = office();
    let pc = Pc::new();
    let cer = pc.path("Sertifikat Kantor Lain.cer");
    std::fs::write(&cer, keys::certificate_pem(&o.root).unwrap()).unwrap();
    let (code, said) = pc.run(&["trust-certificate", cer.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{said}");
    assert!(!said.contains("CRL"), "{said}");
    // No list yet: genuine, and it says revocation could not be checked and how to get it.
    let (code, said) = pc.verify(&o.signed);
    println!("verify, no CRL:\n{said}");
    assert_eq!(code, Some(0), "{said}");
    assert!(said.starts_with("ASLI"), "{said}");
    assert!(
        said.contains("Pencabutan sertifikat tidak dapat diperiksa"),
        "{said}"
    );
    assert!(said.contains("export-crl"), "{said}");
    assert!(said.contains("trust-certificate"), "{said}");
    // The office declares the head's key leaked (a list alone, DER, as any tool saves it).
    let leaked = pc.path("Kantor Lain.crl");
    std::fs::write(&leaked, o.crl(2, Reason::KeyCompromise, now_unix())).unwrap();
    let (code, said) = pc.run(&["trust-certificate", leaked.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("CRL nomor 2"), "{said}");
    assert!(said.contains("1 sertifikat dicabut"), "{said}");
    let (code, said) = pc.verify(&o.signed);
    println!("verify, key compromised:\n{said}");
    assert_eq!(code, Some(1), "{said}");
    assert!(said.starts_with("TIDAK ASLI"), "{said}");
    assert!(
        said.contains("sertifikat penanda tangan dicabut: kuncinya dinyatakan bocor sejak"),
        "{said}"
    );
    // The same list again: nothing new. An older one (it would undo the revocation): refused.
    let (code, said) = pc.run(&["trust-certificate", leaked.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("sudah ada di komputer ini"), "{said}");
    let older = pc.path("lama.crl");
    std::fs::write(&older, crl::pem(&o.crl(1, Reason::Superseded, now_unix()))).unwrap();
    let (code, said) = pc.run(&["trust-certificate", older.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("lebih lama"), "{said}");
    assert_eq!(pc.verify(&o.signed).0, Some(1));
}

#[test]
fn a_certificate_replaced_after_signing_still_verifies_and_the_crl_comes_beside_it() {
    let o = office();
    let pc = Pc::new();
    // Handed out as export-certificate does: the certificate, and its list beside it.
    let cer = pc.path("Sertifikat Kantor Lain.cer");
    std::fs::write(&cer, keys::certificate_pem(&o.root).unwrap()).unwrap();
    let replaced = o.crl(5, Reason::Superseded, now_unix() + 3600);
    std::fs::write(pc.path("Sertifikat Kantor Lain.crl"), crl::pem(&replaced)).unwrap();
    let (code, said) = pc.run(&["trust-certificate", cer.to_str().unwrap()]);
    println!("trust-certificate with its CRL:\n{said}");
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("Sertifikat kantor dipercaya"), "{said}");
    assert!(said.contains("CRL nomor 5"), "{said}");
    let (code, said) = pc.verify(&o.signed);
    println!("verify, replaced after signing:\n{said}");
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains("diganti dengan sertifikat baru pada"),
        "{said}"
    );
    assert!(said.contains("tetap sah"), "{said}");
    // A newer list under the office's name declaring the key leaked, signed by another key
    // (the insider's forgery): refused in words, and it revokes nothing.
    let (other_key, _) = keys::new_office_root("Kantor Lain").unwrap();
    let forged = pc.path("palsu.crl");
    std::fs::write(
        &forged,
        resign(&o.crl(9, Reason::KeyCompromise, now_unix()), &other_key),
    )
    .unwrap();
    let (code, said) = pc.run(&["trust-certificate", forged.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("tanda tangan CRL tidak sah"), "{said}");
    assert_eq!(pc.verify(&o.signed).0, Some(0));
    // Replaced before the signing (a newer list says so): not genuine.
    let before = pc.path("baru.crl");
    std::fs::write(&before, o.crl(6, Reason::Superseded, now_unix() - DAY)).unwrap();
    assert_eq!(
        pc.run(&["trust-certificate", before.to_str().unwrap()]).0,
        Some(0)
    );
    let (code, said) = pc.verify(&o.signed);
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("sertifikat sudah dicabut/diganti sebelum dokumen ditandatangani"),
        "{said}"
    );
}

/// `der` (a CRL) with its signature made again by `key`.
fn resign(der: &[u8], key: &p256::ecdsa::SigningKey) -> Vec<u8> {
    use p256::ecdsa::signature::Signer;
    use x509_cert::der::{Decode, Encode};
    let mut list = x509_cert::crl::CertificateList::from_der(der).unwrap();
    let sig: p256::ecdsa::DerSignature = key.sign(&list.tbs_cert_list.to_der().unwrap());
    list.signature = x509_cert::der::asn1::BitString::from_bytes(sig.as_bytes()).unwrap();
    list.to_der().unwrap()
}

/// The office's own list: `export-crl`, and `export-certificate` writing it beside the
/// certificate (never over a file); taken in elsewhere with the certificate, it makes the
/// revoked head's signed RKT not genuine there, and at the office too.
#[test]
fn the_office_hands_out_its_crl_beside_its_certificate() {
    use chrono::Datelike;
    let office = Pc::new();
    let (code, said) = office.run(&["demo", "--rows", "14"]);
    assert_eq!(code, Some(0), "{said}");
    let year = (chrono::Local::now().year() - 1).to_string();
    let pdf = office.path("RKT.pdf");
    let (code, said) = office.run(&[
        "export-pdf",
        "--year",
        &year,
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{said}");
    let pdf = std::fs::read(&pdf).unwrap();
    // The office's list so far: number 1 made with the root, number 2 with the head's
    // approval, number 3 issued as the demo was made (current); nothing revoked.
    let out = office.path("kantor.crl");
    let first = office.path("awal.crl");
    let (code, said) = office.run(&["export-crl", "--out", first.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("CRL nomor 3"), "{said}");

    // The root's holder revokes the head's certificate (the key code's work; here by hand,
    // the root key opened from its .p12 with the demo's passphrase, as the database keeps it).
    let db = office.path("rkt.db");
    let mut store = Store::open(&db).unwrap();
    let root = store.office_root().unwrap().unwrap();
    let p12: Vec<u8> = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT p12 FROM office_roots WHERE retired_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let root_key = sop_rkt::digital_signature::p12::open(&p12, TEST_PASS)
        .unwrap()
        .key;
    let checked = check_pdf(&pdf, std::slice::from_ref(&root.cert), &[])
        .unwrap()
        .unwrap();
    let list = crl::issue(
        &root_key,
        &root.cert,
        4,
        now_unix(),
        now_unix() + 30 * DAY,
        &[Revoked {
            serial: crl::serial(&checked.signer_cert).unwrap(),
            at_unix: now_unix(),
            reason: Reason::KeyCompromise,
        }],
    )
    .unwrap();
    assert!(!store.add_crl(&list, None, fixed_now()).unwrap().already);
    drop(store);

    let (code, said) = office.run(&["export-crl", "--out", out.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("CRL nomor 4"), "{said}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("-----BEGIN X509 CRL-----"), "{text}");
    assert_eq!(crl::read(text.as_bytes(), &root.cert).unwrap().number, 4);
    let (code, said) = office.run(&["export-crl", "--out", out.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("sudah ada"), "{said}");
    // A file by that name beside the certificate is someone else's: nothing is written.
    let cer = office.path("Sertifikat kantor.cer");
    std::fs::write(office.path("Sertifikat kantor.crl"), b"catatan lain").unwrap();
    let (code, said) = office.run(&["export-certificate", "--out", cer.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("sudah ada"), "{said}");
    assert!(!cer.exists());
    assert_eq!(
        std::fs::read(office.path("Sertifikat kantor.crl")).unwrap(),
        b"catatan lain"
    );
    let cer = office.path("Sertifikat kantor Balangan.cer");
    let (code, said) = office.run(&["export-certificate", "--out", cer.to_str().unwrap()]);
    println!("export-certificate with a CRL:\n{said}");
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("CRL nomor 4"), "{said}");
    assert!(said.contains("Sertifikat kantor Balangan.crl"), "{said}");

    // Elsewhere: the certificate and the list beside it, then the revoked head's RKT.
    let elsewhere = Pc::new();
    for name in [
        "Sertifikat kantor Balangan.cer",
        "Sertifikat kantor Balangan.crl",
    ] {
        std::fs::copy(office.path(name), elsewhere.path(name)).unwrap();
    }
    let cer = elsewhere.path("Sertifikat kantor Balangan.cer");
    let (code, said) = elsewhere.run(&["trust-certificate", cer.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("CRL nomor 4"), "{said}");
    let (code, said) = elsewhere.verify(&pdf);
    println!("verify elsewhere, the head's key declared leaked:\n{said}");
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("kuncinya dinyatakan bocor sejak"), "{said}");
    // And at the office itself.
    let (code, said) = office.verify(&pdf);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("kuncinya dinyatakan bocor sejak"), "{said}");
}
