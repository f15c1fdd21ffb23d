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

// ---- Issue #25, part 3: `verify` checks what a PKI checks, and says so in words. ----

/// The demo office, made once for the attacks below: its signed RKT, the same RKT unsigned,
/// and its office certificate.
struct Demo {
    signed: Vec<u8>,
    unsigned: Vec<u8>,
    root: Vec<u8>,
}

fn demo() -> &'static Demo {
    static DEMO: std::sync::OnceLock<Demo> = std::sync::OnceLock::new();
    DEMO.get_or_init(|| {
        let mut store = Store::open_in_memory().unwrap();
        let (signed, root) = demo_office(&mut store);
        let (doc, images) = sop_rkt::export::rkt_document(&store, 2025).unwrap();
        let unsigned = sop_rkt::pdf::rkt_pdf(&doc, &images, fixed_now()).unwrap();
        Demo {
            signed,
            unsigned,
            root,
        }
    })
}

/// Another computer with the program and an empty data folder that trusts `roots` (each
/// through `trust-certificate`, as its user would).
struct Elsewhere {
    dir: tempfile::TempDir,
}

impl Elsewhere {
    fn trusting(roots: &[&[u8]]) -> Elsewhere {
        let e = Elsewhere {
            dir: tempfile::tempdir().unwrap(),
        };
        for (i, root) in roots.iter().enumerate() {
            let cer = e.dir.path().join(format!("kantor {i}.cer"));
            std::fs::write(&cer, root).unwrap();
            let (code, said) = e.run(&["trust-certificate", cer.to_str().unwrap()]);
            assert_eq!(code, Some(0), "{said}");
        }
        e
    }

    fn run(&self, args: &[&str]) -> (Option<i32>, String) {
        let out = run_cli(self.dir.path(), &self.dir.path().join("rkt.db"), args);
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!said.contains("panicked"), "{said}");
        (out.status.code(), said)
    }

    /// `sop-rkt verify` on `pdf`: the exit code and what it said.
    fn verify(&self, pdf: &[u8]) -> (Option<i32>, String) {
        let file = self.dir.path().join("RKT diterima.pdf");
        std::fs::write(&file, pdf).unwrap();
        let said = self.run(&["verify", file.to_str().unwrap()]);
        println!("verify: {}\n{}", said.0.unwrap_or(-1), said.1);
        said
    }
}

/// A new office: its root, and a signer's key and certificate issued now.
fn another_office(
    name: &str,
) -> (
    p256::ecdsa::SigningKey,
    Vec<u8>,
    p256::ecdsa::SigningKey,
    Vec<u8>,
) {
    let who = keys::SignerName {
        name,
        nip: "",
        position: "Sekretaris",
        office: "Kantor Lain",
    };
    let (root_key, root) = keys::new_office_root(who.office).unwrap();
    let (key, cert) = keys::new_signer(&who, &root_key, &root).unwrap();
    (root_key, root, key, cert)
}

fn facts(at: chrono::NaiveDateTime) -> pades::SigningFacts<'static> {
    pades::SigningFacts {
        name: "Penanda tangan",
        reason: "Menyetujui RKT tahun 2025 versi 1",
        location: "Paringin",
        at,
    }
}

/// `pdf` signed as our signer does, with any key and certificate, dated `at`.
fn signed_with(
    pdf: &[u8],
    key: &p256::ecdsa::SigningKey,
    cert: &[u8],
    root: &[u8],
    at: chrono::NaiveDateTime,
) -> Vec<u8> {
    let p = pades::prepare(pdf, &facts(at)).unwrap();
    let cms = cms::sign_detached(&p.digest(), key, cert, &[root.to_vec()]).unwrap();
    p.finish(&cms).unwrap()
}

fn now_wita() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc() + chrono::Duration::hours(8)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// `pdf` with an incremental update appended, as another signing program adds a signature
/// later: a signature dictionary, an xref section for it and a trailer pointing back. With
/// `key`, it is signed over the whole new file; with `range`, its ByteRange is that text.
fn updated(
    pdf: &[u8],
    signer: Option<(&p256::ecdsa::SigningKey, &[u8], &[u8])>,
    range: Option<&str>,
) -> Vec<u8> {
    let text = String::from_utf8_lossy(pdf).into_owned();
    let numbers_after = |key: &str| -> Vec<String> {
        let at = text.rfind(key).unwrap() + key.len();
        let run: String = text[at..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || c.is_ascii_whitespace())
            .collect();
        run.split_whitespace().map(str::to_string).collect()
    };
    let prev = numbers_after("startxref")[0].clone();
    let root = numbers_after("/Root")[..2].join(" ");
    let id: u32 = numbers_after("/Size")[0].parse().unwrap();
    let wide = "[0 9999999999 9999999999 9999999999]";
    let zeros = "0".repeat(16384);
    let mut out = pdf.to_vec();
    out.push(b'\n');
    let object_at = out.len();
    out.extend(
        format!(
            "{id} 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange {} /Contents <{zeros}> /M (D:{}+08'00') >>\nendobj\n",
            range.unwrap_or(wide),
            now_wita().format("%Y%m%d%H%M%S")
        )
        .as_bytes(),
    );
    let xref_at = out.len();
    out.extend(
        format!(
            "xref\n0 1\n0000000000 65535 f \n{id} 1\n{object_at:010} 00000 n \ntrailer\n<< /Size {} /Root {root} R /Prev {prev} >>\nstartxref\n{xref_at}\n%%EOF\n",
            id + 1
        )
        .as_bytes(),
    );
    let Some((key, cert, root)) = signer else {
        return out;
    };
    let open = find(&out, format!("<{zeros}>").as_bytes()).unwrap();
    let close = open + zeros.len() + 2;
    let real = format!("[0 {open} {close} {}]", out.len() - close);
    let at = find(&out, wide.as_bytes()).unwrap();
    out[at..at + wide.len()].copy_from_slice(format!("{real:<36}").as_bytes());
    let digest: [u8; 32] = {
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        h.update(&out[..open]);
        h.update(&out[close..]);
        h.finalize().into()
    };
    let cms = cms::sign_detached(&digest, key, cert, &[root.to_vec()]).unwrap();
    let hex: String = cms.iter().map(|b| format!("{b:02X}")).collect();
    out[open + 1..open + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    out
}

/// Our own signed RKT still verifies, and `verify` says which revision its signature covers.
#[test]
fn verify_says_which_revision_our_signature_covers() {
    let d = demo();
    let here = Elsewhere::trusting(&[&d.root]);
    let (code, said) = here.verify(&d.signed);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.starts_with("ASLI"), "{said}");
    assert!(
        said.contains("Berkas ini 1 revisi, 1 tanda tangan:"),
        "{said}"
    );
    assert!(
        said.contains(
            "1. Drs. H. Rusdi Hamdani, M.Si.: mencakup revisi 1 dari 1, sampai akhir berkas."
        ),
        "{said}"
    );
    // poppler agrees.
    assert!(pdfsig(&d.signed).contains("Signature is Valid"));
}

/// The insider's crash: a trailing comment naming the file's own ranges and 2^64 - 1. Before,
/// an unchecked addition panicked (exit 101); now it is bytes after the signed revision.
#[test]
fn verify_a_trailing_byterange_comment_with_2_64_minus_1_is_a_change_not_a_crash() {
    let d = demo();
    let e = pades::embedded(&d.signed).unwrap();
    assert!(e.covers_whole_file);
    let text = String::from_utf8_lossy(&d.signed).into_owned();
    let at = text.rfind("/ByteRange").unwrap();
    let nums: Vec<&str> = text[at..]
        .split(['[', ']'])
        .nth(1)
        .unwrap()
        .split_whitespace()
        .collect();
    let (a, b) = (nums[1], nums[2]);
    let attacked = [
        &d.signed[..],
        format!("%/ByteRange [0 {a} {b} 18446744073709551615]").as_bytes(),
    ]
    .concat();
    let here = Elsewhere::trusting(&[&d.root]);
    let (code, said) = here.verify(&attacked);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.starts_with("TIDAK ASLI"), "{said}");
    assert!(
        said.contains("ada perubahan sesudah tanda tangan"),
        "{said}"
    );
    assert!(said.contains("mencakup revisi 1 dari 2"), "{said}");
    // The same numbers in a real signature dictionary of an appended revision: an error, in
    // words, exit 2.
    let range = format!("[0 {a} {b} 18446744073709551615]");
    let (code, said) = here.verify(&updated(&d.signed, None, Some(&range)));
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("tidak dapat diperiksa"), "{said}");
    assert!(said.contains("/ByteRange"), "{said}");
}

/// A revision appended after the signature (an incremental update that changes the
/// document), unsigned: reported, refused.
#[test]
fn verify_refuses_an_unsigned_revision_after_the_signature() {
    let d = demo();
    let mut changed = d.signed.clone();
    changed.extend_from_slice(
        b"\n9999 0 obj\n<< /Type /Annot /Subtype /FreeText /Contents (Pagu diubah) >>\nendobj\n%%EOF\n",
    );
    let (code, said) = Elsewhere::trusting(&[&d.root]).verify(&changed);
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains(
            "ada perubahan sesudah tanda tangan: tanda tangan terakhir mencakup revisi 1 dari 2"
        ),
        "{said}"
    );
}

/// A second signature after an incremental update: before, only the last was checked and the
/// first went unreported. Now each is checked and named with the revision it covers.
#[test]
fn verify_checks_and_reports_every_signature_of_every_revision() {
    let d = demo();
    let (_, root2, key2, cert2) = another_office("Sekretaris Rekaan");
    let twice = updated(&d.signed, Some((&key2, &cert2, &root2)), None);
    // Both offices trusted: genuine, both named.
    let (code, said) = Elsewhere::trusting(&[&d.root, &root2]).verify(&twice);
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains("Berkas ini 2 revisi, 2 tanda tangan:"),
        "{said}"
    );
    assert!(
        said.contains("1. Drs. H. Rusdi Hamdani, M.Si.: mencakup revisi 1 dari 2, "),
        "{said}"
    );
    assert!(
        said.contains("2. Sekretaris Rekaan: mencakup revisi 2 dari 2, sampai akhir berkas."),
        "{said}"
    );
    // Only the head's office trusted: the later signature is refused, by its number.
    let (code, said) = Elsewhere::trusting(&[&d.root]).verify(&twice);
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("tanda tangan 2 dari 2: ditandatangani dengan kunci yang tidak diterbitkan"),
        "{said}"
    );
    // Only the second office trusted: the head's signature is the one refused.
    let (code, said) = Elsewhere::trusting(&[&root2]).verify(&twice);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("tanda tangan 1 dari 2: "), "{said}");
}

/// Data hidden in /Contents after the signature (outside the signed ranges, so the digest
/// still matches): refused.
#[test]
fn verify_refuses_data_hidden_in_the_signature_padding() {
    let d = demo();
    let e = pades::embedded(&d.signed).unwrap();
    let hex: String = e.cms.iter().map(|b| format!("{b:02X}")).collect();
    let at = find(&d.signed, hex.as_bytes()).unwrap() + hex.len();
    let mut hidden = d.signed.clone();
    hidden[at + 10..at + 20].copy_from_slice(b"DEADBEEF42");
    assert!(
        cms::check_detached(
            &e.cms,
            &pades::embedded(&hidden).unwrap().digest,
            std::slice::from_ref(&d.root)
        )
        .is_ok()
    );
    let (code, said) = Elsewhere::trusting(&[&d.root]).verify(&hidden);
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("berisi data lain sesudah tanda tangannya"),
        "{said}"
    );
}

/// The insider holding the office certificate's key signs an RKT with it directly, instead of
/// the head's key: the office certificate is for issuing certificates, not for signing.
#[test]
fn verify_refuses_a_document_signed_with_the_office_certificate_itself() {
    let d = demo();
    let (root_key, root, _, _) = another_office("Kepala");
    let by_root = signed_with(&d.unsigned, &root_key, &root, &root, now_wita());
    let (code, said) = Elsewhere::trusting(&[&root]).verify(&by_root);
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("sertifikat penanda tangan tidak untuk menandatangani"),
        "{said}"
    );
}

/// The insider issues a second certificate for the head's key under another name and swaps
/// it into the signature: signing-certificate-v2 names the first, so the swap is refused.
#[test]
fn verify_refuses_a_certificate_swapped_under_the_signature() {
    use x509_cert::der::{Decode, Encode};
    let d = demo();
    let (root_key, root, key, cert) = another_office("Drs. H. Rusdi Hamdani, M.Si.");
    let genuine = signed_with(&d.unsigned, &key, &cert, &root, now_wita());
    let here = Elsewhere::trusting(&[&root]);
    assert_eq!(here.verify(&genuine).0, Some(0));
    let forged_cert = keys::issue(
        &keys::SignerName {
            name: "Bupati Rekaan",
            nip: "",
            position: "Bupati",
            office: "Kantor Lain",
        },
        &keys::public_key_der(&key).unwrap(),
        &root_key,
        &root,
    )
    .unwrap();
    let e = pades::embedded(&genuine).unwrap();
    let info = ::cms::content_info::ContentInfo::from_der(&e.cms).unwrap();
    let mut sd: ::cms::signed_data::SignedData = info.content.decode_as().unwrap();
    let fc = x509_cert::Certificate::from_der(&forged_cert).unwrap();
    let mut si = sd.signer_infos.0.iter().next().unwrap().clone();
    si.sid = ::cms::signed_data::SignerIdentifier::IssuerAndSerialNumber(
        ::cms::cert::IssuerAndSerialNumber {
            issuer: fc.tbs_certificate.issuer.clone(),
            serial_number: fc.tbs_certificate.serial_number.clone(),
        },
    );
    sd.signer_infos = ::cms::signed_data::SignerInfos(
        x509_cert::der::asn1::SetOfVec::try_from(vec![si]).unwrap(),
    );
    sd.certificates = Some(::cms::signed_data::CertificateSet(
        x509_cert::der::asn1::SetOfVec::try_from(vec![
            ::cms::cert::CertificateChoices::Certificate(fc),
        ])
        .unwrap(),
    ));
    let swapped = ::cms::content_info::ContentInfo {
        content_type: info.content_type,
        content: x509_cert::der::Any::encode_from(&sd).unwrap(),
    }
    .to_der()
    .unwrap();
    // Written into /Contents in place of the genuine one: outside the signed ranges.
    let old: String = e.cms.iter().map(|b| format!("{b:02X}")).collect();
    let new: String = swapped.iter().map(|b| format!("{b:02X}")).collect();
    let at = find(&genuine, old.as_bytes()).unwrap();
    let mut forged = genuine.clone();
    forged[at..at + old.len()].fill(b'0');
    forged[at..at + new.len()].copy_from_slice(new.as_bytes());
    let (code, said) = here.verify(&forged);
    assert_eq!(code, Some(1), "{said}");
    assert!(!said.contains("Bupati Rekaan, "), "{said}");
    assert!(
        said.contains("signing-certificate-v2 tidak menunjuk sertifikat penanda tangan"),
        "{said}"
    );
}

/// A signature dated before its certificate existed (a new key after a PIN reset, used to sign
/// "last year"): refused, with both dates.
#[test]
fn verify_refuses_a_signature_dated_before_its_certificate() {
    let d = demo();
    let (_, root, key, cert) = another_office("Drs. H. Rusdi Hamdani, M.Si.");
    let backdated = signed_with(
        &d.unsigned,
        &key,
        &cert,
        &root,
        chrono::NaiveDate::from_ymd_opt(2024, 12, 30)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    );
    let (code, said) = Elsewhere::trusting(&[&root]).verify(&backdated);
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("tanda tangan bertanggal Senin, 30 Desember 2024 09.00 WITA, sebelum sertifikat penanda tangan berlaku"),
        "{said}"
    );
}

/// `trust-certificate` takes only a certificate that may issue certificates: the head's own
/// certificate (taken out of a signed RKT) is refused, in words, and nothing is trusted.
#[test]
fn trust_certificate_refuses_a_certificate_that_is_not_a_ca() {
    let d = demo();
    let e = pades::embedded(&d.signed).unwrap();
    let head = cms::check_detached(&e.cms, &e.digest, std::slice::from_ref(&d.root))
        .unwrap()
        .signer_cert;
    let here = Elsewhere::trusting(&[]);
    let cer = here.dir.path().join("kepala.cer");
    std::fs::write(&cer, &head).unwrap();
    let (code, said) = here.run(&["trust-certificate", cer.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("bukan sertifikat kantor"), "{said}");
    assert!(said.contains("CA:TRUE dan keyCertSign"), "{said}");
    let (code, said) = here.verify(&d.signed);
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("tidak diterbitkan sertifikat kantor yang dipercaya"),
        "{said}"
    );
}
