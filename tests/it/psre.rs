//! A PSrE's certificate (#25): a signer's key and certificate issued under an intermediate CA
//! (root CA → intermediate → signer), its .p12 as OpenSSL exports it, and `verify` following
//! the chain up to the one root this PC trusts, as poppler's `pdfsig` does.

use std::path::Path;
use std::process::Command;
use std::str::FromStr;

use crate::common::*;
use lopdf::{Dictionary, Document, Object};
use p256::ecdsa::{DerSignature, SigningKey};
use sop_rkt::digital_signature::{check_pdf, cms, crl, keys, p12};
use sop_rkt::pdf::pades;
use x509_cert::Certificate;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::der::asn1::UtcTime;
use x509_cert::der::{Decode, DecodePem, Encode};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::{Time, Validity};

/// A one-page PDF to sign.
fn tiny_pdf() -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages = doc.new_object_id();
    let page = doc.add_object(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Page".to_vec())),
        ("Parent", Object::Reference(pages)),
        (
            "MediaBox",
            Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]),
        ),
    ]));
    doc.objects.insert(
        pages,
        Object::Dictionary(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Pages".to_vec())),
            ("Kids", Object::Array(vec![Object::Reference(page)])),
            ("Count", Object::Integer(1)),
        ])),
    );
    let catalog = doc.add_object(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Catalog".to_vec())),
        ("Pages", Object::Reference(pages)),
    ]));
    doc.trailer.set("Root", Object::Reference(catalog));
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// The PDF signed as the program signs (export/sign.rs), a minute from now (office time): the
/// signer's certificate and `chain` in the CMS.
fn signed(key: &SigningKey, cert: &[u8], chain: &[Vec<u8>]) -> Vec<u8> {
    let at =
        chrono::Utc::now().naive_utc() + chrono::Duration::hours(8) + chrono::Duration::minutes(1);
    let facts = pades::SigningFacts {
        name: "Drs. H. Rusdi Hamdani, M.Si.",
        reason: "Menyetujui RKT tahun 2026 versi 1",
        location: "Paringin",
        at,
    };
    let p = pades::prepare(&tiny_pdf(), &facts).unwrap();
    let cms = cms::sign_detached(&p.digest(), key, cert, chain).unwrap();
    p.finish(&cms).unwrap()
}

/// poppler's `pdfsig` on a PC whose NSS database trusts `root` (DER) alone, if given. OCSP
/// stays on: none of these certificates names a responder, and poppler 22.12 with `-no-ocsp`
/// answers "Unknown issue with Certificate" even for a genuine chain.
fn pdfsig(pdf: &[u8], root: Option<&[u8]>) -> String {
    let dir = tempfile::tempdir().unwrap();
    let nss = format!("sql:{}", dir.path().display());
    let ok = |c: &mut Command| {
        let out = c.output().expect("certutil (libnss3-tools) is installed");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    ok(Command::new("certutil").args(["-N", "--empty-password", "-d", &nss]));
    if let Some(root) = root {
        let cer = dir.path().join("root.cer");
        std::fs::write(&cer, root).unwrap();
        ok(Command::new("certutil")
            .args(["-A", "-n", "Root CA", "-t", "CT,C,C", "-d", &nss, "-i"])
            .arg(&cer));
    }
    let path = dir.path().join("rkt.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdfsig")
        .args(["-nssdir", &nss])
        .arg(&path)
        .output()
        .expect("pdfsig (poppler-utils) is installed");
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn utc(t: std::time::SystemTime) -> Time {
    let d = t.duration_since(std::time::UNIX_EPOCH).unwrap();
    Time::UtcTime(UtcTime::from_unix_duration(d).unwrap())
}

/// An intermediate CA (CA:TRUE, pathLen 0, keyCertSign and cRLSign) for a new key, issued by
/// `root_key` (certificate `root`), valid from an hour ago for ten years.
fn intermediate(root_key: &SigningKey, root: &[u8]) -> (SigningKey, Vec<u8>) {
    let key = keys::new_key();
    let now = std::time::SystemTime::now();
    let hour = std::time::Duration::from_secs(3600);
    let validity = Validity {
        not_before: utc(now - hour),
        not_after: utc(now + 10 * 365 * 24 * hour),
    };
    let issuer = Certificate::from_der(root).unwrap().tbs_certificate.subject;
    let cert = CertificateBuilder::new(
        Profile::SubCA {
            issuer,
            path_len_constraint: Some(0),
        },
        SerialNumber::from(7u32),
        validity,
        Name::from_str("CN=Contoh Intermediate CA,O=Contoh PSrE,C=ID").unwrap(),
        SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).unwrap(),
        root_key,
    )
    .unwrap()
    .build::<DerSignature>()
    .unwrap();
    (key, cert.to_der().unwrap())
}

/// The 3-level chain made with the crate: `verify`'s check and pdfsig both hold it valid with
/// only the root trusted, and neither without the intermediate in the signature.
#[test]
fn a_chain_made_with_the_crate_holds_for_verify_and_pdfsig() {
    let (root_key, root) = keys::new_office_root("Contoh PSrE").unwrap();
    let (int_key, int) = intermediate(&root_key, &root);
    let who = keys::SignerName {
        name: "Drs. H. Rusdi Hamdani, M.Si.",
        nip: "197104152000031007",
        position: "Kepala Satuan Polisi Pamong Praja",
        office: "Satuan Polisi Pamong Praja Kabupaten Balangan",
    };
    let (key, cert) = keys::new_signer(&who, &int_key, &int).unwrap();
    let pdf = signed(&key, &cert, std::slice::from_ref(&int));
    let roots = std::slice::from_ref(&root);
    let c = check_pdf(&pdf, roots, &[]).unwrap().unwrap();
    assert_eq!(c.chain, vec![int.clone()]);
    assert_eq!(c.root_fingerprint, keys::fingerprint(&root));
    let said = pdfsig(&pdf, Some(&root));
    println!("pdfsig, only the root trusted:\n{said}");
    assert!(said.contains("Signature is Valid"), "{said}");
    assert!(said.contains("Certificate is Trusted"), "{said}");
    // Nothing trusted: the signature itself holds, its certificate is not trusted.
    let said = pdfsig(&pdf, None);
    assert!(said.contains("Signature is Valid"), "{said}");
    assert!(!said.contains("Certificate is Trusted"), "{said}");
    // Without the intermediate in the signature: both refuse the certificate.
    let bare = signed(&key, &cert, &[]);
    assert_eq!(
        check_pdf(&bare, roots, &[]),
        Some(Err(cms::CheckError::UnknownSigner))
    );
    let said = pdfsig(&bare, Some(&root));
    assert!(!said.contains("Certificate is Trusted"), "{said}");
}

/// `openssl args…` in `dir`; fails the test with what it said when it fails.
fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("openssl is installed");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A PSrE as OpenSSL runs one: its config for `openssl ca` at the intermediate.
const CA_CNF: &str = "[ca]
default_ca = int
[int]
dir = .
database = index.txt
new_certs_dir = .
serial = serial
crlnumber = crlnumber
certificate = int.pem
private_key = int.key
default_md = sha256
default_days = 730
default_crl_days = 30
policy = anything
unique_subject = no
[anything]
commonName = supplied
serialNumber = optional
title = optional
organizationName = optional
countryName = optional
[v3_int]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[v3_signer]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
";

const P12_PASS: &str = "rahasia-psre-2026";

fn der_of_pem(path: &Path) -> Vec<u8> {
    Certificate::from_pem(std::fs::read(path).unwrap())
        .unwrap()
        .to_der()
        .unwrap()
}

/// A chain made by OpenSSL (req, x509, ca; P-256): root CA → intermediate (pathlen 0) →
/// the head's certificate, exported as the PSrE hands it out (pkcs12 -export with -certfile
/// the chain). `p12::open` gives the key and the certificates, the signer's first; signed with
/// them, the PDF holds for the program's check and for pdfsig with only the root trusted, and
/// the intermediate's CRL (openssl ca -gencrl) revoking the head undoes it.
#[test]
fn a_psre_p12_made_by_openssl_opens_signs_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("ca.cnf"), CA_CNF).unwrap();
    std::fs::write(d.join("index.txt"), "").unwrap();
    std::fs::write(d.join("serial"), "1000\n").unwrap();
    std::fs::write(d.join("crlnumber"), "01\n").unwrap();
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
    ];
    openssl(
        d,
        &[
            &["req", "-x509", "-new"][..],
            &ec,
            &[
                "-keyout",
                "root.key",
                "-out",
                "root.pem",
                "-days",
                "3650",
                "-sha256",
                "-subj",
                "/C=ID/O=Contoh PSrE/CN=Contoh Root CA",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
            ],
        ]
        .concat(),
    );
    openssl(
        d,
        &[
            &["req", "-new"][..],
            &ec,
            &[
                "-keyout",
                "int.key",
                "-out",
                "int.csr",
                "-subj",
                "/C=ID/O=Contoh PSrE/CN=Contoh Intermediate CA",
            ],
        ]
        .concat(),
    );
    openssl(
        d,
        &[
            "x509",
            "-req",
            "-in",
            "int.csr",
            "-CA",
            "root.pem",
            "-CAkey",
            "root.key",
            "-CAcreateserial",
            "-out",
            "int.pem",
            "-days",
            "3650",
            "-sha256",
            "-extfile",
            "ca.cnf",
            "-extensions",
            "v3_int",
        ],
    );
    openssl(
        d,
        &[
            &["req", "-new"][..],
            &ec,
            &[
                "-keyout", "signer.key", "-out", "signer.csr",
                "-subj", "/C=ID/O=Satuan Polisi Pamong Praja Kabupaten Balangan/title=Kepala Satuan/serialNumber=197104152000031007/CN=Drs. H. Rusdi Hamdani, M.Si.",
            ],
        ]
        .concat(),
    );
    openssl(
        d,
        &[
            "ca",
            "-batch",
            "-config",
            "ca.cnf",
            "-extensions",
            "v3_signer",
            "-notext",
            "-in",
            "signer.csr",
            "-out",
            "signer.pem",
        ],
    );
    let chain_pem = [
        std::fs::read(d.join("int.pem")).unwrap(),
        std::fs::read(d.join("root.pem")).unwrap(),
    ]
    .concat();
    std::fs::write(d.join("chain.pem"), chain_pem).unwrap();
    openssl(
        d,
        &[
            "pkcs12",
            "-export",
            "-inkey",
            "signer.key",
            "-in",
            "signer.pem",
            "-certfile",
            "chain.pem",
            "-name",
            "Rusdi Hamdani",
            "-out",
            "signer.p12",
            "-passout",
            &format!("pass:{P12_PASS}"),
        ],
    );
    let (root, int, cert) = (
        der_of_pem(&d.join("root.pem")),
        der_of_pem(&d.join("int.pem")),
        der_of_pem(&d.join("signer.pem")),
    );

    let opened = p12::open(&std::fs::read(d.join("signer.p12")).unwrap(), P12_PASS).unwrap();
    let names: Vec<String> = opened
        .certs
        .iter()
        .map(|c| {
            Certificate::from_der(c)
                .unwrap()
                .tbs_certificate
                .subject
                .to_string()
        })
        .collect();
    println!("p12::open, the certificates in order: {names:#?}");
    // The signer's own first, then the -certfile chain as given: issuer first, root last.
    assert_eq!(opened.certs, vec![cert.clone(), int.clone(), root.clone()]);
    assert_eq!(
        keys::public_key_der(&opened.key).unwrap(),
        keys::certificate_public_key(&cert).unwrap()
    );

    // Signed with the key and the chain the .p12 gave, as export/sign.rs does.
    let pdf = signed(&opened.key, &opened.certs[0], &opened.certs[1..]);
    let roots = std::slice::from_ref(&root);
    let c = check_pdf(&pdf, roots, &[]).unwrap().unwrap();
    assert_eq!(c.name, "Drs. H. Rusdi Hamdani, M.Si.");
    assert_eq!(c.nip, "197104152000031007");
    assert_eq!(c.chain, vec![int.clone()]);
    assert!(
        c.notes.iter().any(|n| n.contains("tidak dapat diperiksa")),
        "{:?}",
        c.notes
    );
    let said = pdfsig(&pdf, Some(&root));
    println!("pdfsig, the OpenSSL chain, only its root trusted:\n{said}");
    assert!(said.contains("Signature is Valid"), "{said}");
    assert!(said.contains("Certificate is Trusted"), "{said}");

    // The intermediate's CRL, before and after it revokes the head (keyCompromise).
    openssl(
        d,
        &["ca", "-config", "ca.cnf", "-gencrl", "-out", "before.crl"],
    );
    let before = std::fs::read(d.join("before.crl")).unwrap();
    let c = check_pdf(&pdf, roots, std::slice::from_ref(&before))
        .unwrap()
        .unwrap();
    assert!(
        c.notes
            .iter()
            .any(|n| n.starts_with("Pencabutan diperiksa dengan CRL nomor 1")),
        "{:?}",
        c.notes
    );
    openssl(
        d,
        &[
            "ca",
            "-config",
            "ca.cnf",
            "-revoke",
            "signer.pem",
            "-crl_reason",
            "keyCompromise",
        ],
    );
    openssl(
        d,
        &["ca", "-config", "ca.cnf", "-gencrl", "-out", "after.crl"],
    );
    let after = std::fs::read(d.join("after.crl")).unwrap();
    let err = check_pdf(&pdf, roots, &[before, after.clone()])
        .unwrap()
        .unwrap_err();
    assert!(
        matches!(
            err,
            cms::CheckError::Revoked {
                reason: crl::Reason::KeyCompromise,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("sertifikat penanda tangan dicabut: kuncinya dinyatakan bocor sejak"),
        "{err}"
    );

    // `verify` on a PC that trusts the PSrE's root (trust-certificate): ASLI, with the chain
    // and the revocation note said.
    let pc = tempfile::tempdir().unwrap();
    let db = pc.path().join("rkt.db");
    let run = |args: &[&str]| {
        let out = run_cli(pc.path(), &db, args);
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!said.contains("panicked"), "{said}");
        (out.status.code(), said)
    };
    let (code, said) = run(&["trust-certificate", d.join("root.pem").to_str().unwrap()]);
    assert_eq!(code, Some(0), "{said}");
    let file = pc.path().join("RKT PSrE.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let (code, said) = run(&["verify", file.to_str().unwrap()]);
    println!("verify, the PSrE-signed file:\n{said}");
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("Contoh Intermediate CA"), "{said}");
}
