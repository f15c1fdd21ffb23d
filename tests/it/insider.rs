//! Issue #25 from outside: the office insider — the office PC, the program, a copy of
//! `sop-rkt.db` and its backups, plain `sqlite3` and `openssl`, but not another official's
//! secret — tries to forge the head's signature. Each attack runs the real binary on a demo
//! office, changes the database from outside exactly as `sqlite3` would (triggers dropped where
//! they stand in the way), and is judged by three validators that must agree:
//!
//! - our `sop-rkt verify` on a second data folder that trusts the office certificate (and its
//!   CRL) through `trust-certificate`, as another PC does;
//! - poppler's `pdfsig`, trusting the office certificate through an NSS database (certutil,
//!   and the CRL through crlutil where the case needs it);
//! - pyHanko (tests/pades/pyhanko_check.py), given the office certificate, and the CRL where
//!   the case needs it.
//!
//! What each validator said is printed (`--nocapture`): the test output is the evidence.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{Datelike, NaiveDateTime};
use p256::ecdsa::SigningKey;
use sop_rkt::digital_signature::{cms, csr, keys, search_cost};
use sop_rkt::domain::sop::Sop;
use sop_rkt::pdf::pades;
use sop_rkt::store::{DEMO_PASSPHRASE, DEMO_PIN, Identity, SignIn, Store};

// ---- The office, the other PC, and the insider's tools ----

/// Office time (WITA) now.
fn now_wita() -> NaiveDateTime {
    chrono::Utc::now().naive_utc() + chrono::Duration::hours(8)
}

/// The year the demo signed (last year).
fn signed_year() -> i32 {
    chrono::Local::now().year() - 1
}

/// `sop-rkt args --db db` with its data folder `data`; `fast`: keys written at 2,048 PBKDF2
/// iterations (SOP_RKT_FAST_KEYS), else at the real count. The exit code and everything said;
/// a panic (exit 101) fails the test whatever the case expects.
fn cli(data: &Path, db: &Path, args: &[&str], fast: bool) -> (Option<i32>, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sop-rkt"));
    c.env("SOP_RKT_DATA_DIR", data);
    if fast {
        c.env("SOP_RKT_FAST_KEYS", "1");
    } else {
        c.env_remove("SOP_RKT_FAST_KEYS");
    }
    let out = c.args(args).arg("--db").arg(db).output().unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !said.contains("panicked") && out.status.code() != Some(101),
        "sop-rkt {args:?} crashed:\n{said}"
    );
    (out.status.code(), said)
}

/// A demo office on disk: `sop-rkt demo` made its officials, its root and the head's key
/// (each a .p12 under the demo passphrase), and last year's RKT and PK, signed.
struct Office {
    dir: tempfile::TempDir,
}

impl Office {
    fn demo() -> Office {
        Office::demo_keys(true)
    }

    fn demo_keys(fast: bool) -> Office {
        let o = Office {
            dir: tempfile::tempdir().unwrap(),
        };
        let (code, said) = cli(o.dir.path(), &o.db(), &["demo", "--rows", "14"], fast);
        assert_eq!(code, Some(0), "{said}");
        o
    }

    fn db(&self) -> PathBuf {
        self.path("sop-rkt.db")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> (Option<i32>, String) {
        cli(self.dir.path(), &self.db(), args, true)
    }

    /// The insider's `sqlite3 sop-rkt.db`.
    fn sqlite(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.db()).unwrap()
    }

    /// The signed RKT of last year, as `export-pdf` hands it out.
    fn signed_rkt(&self) -> Vec<u8> {
        let out = self.path("RKT bertanda tangan.pdf");
        let (code, said) = self.run(&[
            "export-pdf",
            "--year",
            &signed_year().to_string(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, Some(0), "{said}");
        std::fs::read(out).unwrap()
    }

    /// The office certificate (`export-certificate`), with its newest CRL beside it.
    fn certificate(&self, name: &str) -> (PathBuf, PathBuf) {
        let cer = self.path(&format!("{name}.cer"));
        let (code, said) = self.run(&["export-certificate", "--out", cer.to_str().unwrap()]);
        assert_eq!(code, Some(0), "{said}");
        (cer.clone(), cer.with_extension("crl"))
    }

    fn official_id(&self, starts: &str) -> i64 {
        self.sqlite()
            .query_row(
                "SELECT id FROM officials WHERE name LIKE ?1 || '%'",
                [starts],
                |r| r.get(0),
            )
            .unwrap()
    }

    /// The pengelola who holds the office root (in the demo: Budi Santoso).
    fn root_holder_id(&self) -> i64 {
        self.sqlite()
            .query_row(
                "SELECT holder_id FROM office_roots WHERE retired_at IS NULL",
                [],
                |r| r.get(0),
            )
            .unwrap()
    }

    fn root_cert(&self) -> Vec<u8> {
        self.sqlite()
            .query_row(
                "SELECT cert FROM office_roots WHERE retired_at IS NULL",
                [],
                |r| r.get(0),
            )
            .unwrap()
    }
}

/// Signs `official_id` in with the demo PIN (every demo official's; a real insider could as
/// well have copied their own PIN hash into the row: `signing_pins` is theirs to write).
fn sign_in(store: &mut Store, official_id: i64, at: NaiveDateTime) -> Identity {
    match store.sign_in(official_id, DEMO_PIN, None, at).unwrap() {
        SignIn::In { identity, .. } => identity,
        SignIn::NewPinNeeded(why) => panic!("{why}"),
    }
}

/// Another PC: the program with its own data folder, trusting the office certificate handed
/// to it (and the CRL beside it, when there is one) through `trust-certificate`.
struct Elsewhere {
    dir: tempfile::TempDir,
}

impl Elsewhere {
    fn trusting(cer: &Path) -> Elsewhere {
        let e = Elsewhere {
            dir: tempfile::tempdir().unwrap(),
        };
        let name = cer.file_name().unwrap();
        std::fs::copy(cer, e.dir.path().join(name)).unwrap();
        let crl = cer.with_extension("crl");
        if crl.is_file() {
            std::fs::copy(&crl, e.dir.path().join(name).with_extension("crl")).unwrap();
        }
        let (code, said) = e.run(&[
            "trust-certificate",
            e.dir.path().join(name).to_str().unwrap(),
        ]);
        assert_eq!(code, Some(0), "{said}");
        e
    }

    fn run(&self, args: &[&str]) -> (Option<i32>, String) {
        cli(self.dir.path(), &self.dir.path().join("rkt.db"), args, true)
    }

    fn verify(&self, pdf: &[u8]) -> (Option<i32>, String) {
        let file = self.dir.path().join("RKT diterima.pdf");
        std::fs::write(&file, pdf).unwrap();
        self.run(&["verify", file.to_str().unwrap()])
    }
}

/// poppler's `pdfsig` on another PC whose NSS database trusts `cer` (certutil -A -t "CT,C,C"),
/// with `crl` imported (crlutil -I) when given. OCSP stays on: none of these certificates
/// names a responder, and `-no-ocsp` makes poppler 22.12 answer "Unknown issue with
/// Certificate" even for the genuine RKT (NSS's classic policy without OCSP).
fn pdfsig(pdf: &[u8], cer: &Path, crl: Option<&Path>) -> String {
    let dir = tempfile::tempdir().unwrap();
    let nss = format!("sql:{}", dir.path().display());
    let ok = |c: &mut Command| {
        let out = c
            .output()
            .expect("certutil, crlutil (libnss3-tools) are installed");
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
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
        .arg(cer));
    if let Some(crl) = crl {
        // crlutil takes DER.
        let der = dir.path().join("kantor.crl.der");
        let text = std::fs::read(crl).unwrap();
        std::fs::write(
            &der,
            sop_rkt::digital_signature::crl::der_of(&text).unwrap(),
        )
        .unwrap();
        ok(Command::new("crlutil")
            .args(["-I", "-t", "1", "-d", &nss, "-i"])
            .arg(&der));
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

/// pdfsig's report of signature `n` (1-based).
fn pdfsig_sig(report: &str, n: usize) -> String {
    let start = report
        .find(&format!("Signature #{n}:"))
        .unwrap_or_else(|| panic!("pdfsig names no signature #{n}:\n{report}"));
    let rest = &report[start..];
    let end = rest[1..].find("Signature #").map_or(rest.len(), |e| e + 1);
    rest[..end].to_string()
}

/// One signature as pyHanko judged it: a flat JSON object (tests/pades/pyhanko_check.py).
struct PySig(String);

impl PySig {
    /// A field's value as text (`None` for null or absent).
    fn get(&self, key: &str) -> Option<String> {
        let pat = format!("\"{key}\": ");
        let rest = &self.0[self.0.find(&pat)? + pat.len()..];
        if let Some(s) = rest.strip_prefix('"') {
            let mut out = String::new();
            let mut chars = s.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => out.push(chars.next()?),
                    '"' => return Some(out),
                    c => out.push(c),
                }
            }
            return None;
        }
        let v = rest[..rest.find([',', '}']).unwrap_or(rest.len())].trim();
        (v != "null").then(|| v.to_string())
    }

    fn is(&self, key: &str) -> bool {
        self.get(key).as_deref() == Some("true")
    }
}

/// pyHanko's verdict on each signature of `pdf`, trusting `cer`, with `crl` when given, at
/// validation time `at` ("now", "signing": the time the signature claims, or ISO 8601).
fn pyhanko(pdf: &[u8], cer: &Path, crl: Option<&Path>, at: &str) -> Vec<PySig> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rkt.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut c = Command::new("python3");
    c.arg(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/pades/pyhanko_check.py"
    ))
    .arg(&path)
    .arg("--root")
    .arg(cer)
    .args(["--at", at]);
    if let Some(crl) = crl {
        c.arg("--crl").arg(crl);
    }
    let out = c.output().expect("python3 is installed");
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "pyhanko_check.py failed (pip install pyhanko pyhanko-certvalidator):\n{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    said.lines().map(|l| PySig(l.to_string())).collect()
}

/// What the three said, printed as the evidence.
fn evidence(case: &str, verify: &(Option<i32>, String), pdfsig: &str, pyhanko: &[PySig]) {
    println!("===== {case} =====");
    println!(
        "--- sop-rkt verify: exit {:?}\n{}",
        verify.0,
        verify.1.trim_end()
    );
    println!("--- pdfsig:\n{}", pdfsig.trim_end());
    println!("--- pyHanko:");
    for s in pyhanko {
        println!("{}", s.0);
    }
}

/// The insider's edit of the audit log, with the triggers that keep it append-only dropped
/// first (as `sqlite3` lets anyone holding the file do).
fn insider(conn: &rusqlite::Connection, sql: &str) {
    conn.execute_batch(&format!(
        "PRAGMA foreign_keys = OFF;
         DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
         DROP TRIGGER audit_chain_no_update; DROP TRIGGER audit_chain_no_delete;
         {sql}"
    ))
    .unwrap();
}

/// `openssl args…` in `dir`, its stdout.
fn openssl(dir: &Path, args: &[&str]) -> Vec<u8> {
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
    out.stdout
}

/// The insider's own key pair, made with OpenSSL: the key (PEM), its public half (SPKI DER),
/// a PKCS#10 request in the head's name signed by it, and a .p12 under the insider's own
/// passphrase (OpenSSL 3's defaults: PBES2, AES-256-CBC, PBKDF2-HMAC-SHA256 at 2,048).
struct Attacker {
    key: SigningKey,
    spki: Vec<u8>,
    csr: Vec<u8>,
    p12: Vec<u8>,
}

const ATTACKER_PASS: &str = "penyusup-kantor-sebelah-77";

fn attacker_key(dir: &Path, cn: &str) -> Attacker {
    openssl(
        dir,
        &[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-out",
            "penyusup.pem",
        ],
    );
    openssl(
        dir,
        &[
            "pkey",
            "-in",
            "penyusup.pem",
            "-pubout",
            "-outform",
            "DER",
            "-out",
            "penyusup.pub",
        ],
    );
    openssl(
        dir,
        &[
            "req",
            "-new",
            "-key",
            "penyusup.pem",
            "-subj",
            &format!("/CN={cn}"),
            "-outform",
            "DER",
            "-out",
            "penyusup.csr",
        ],
    );
    openssl(
        dir,
        &[
            "pkcs12",
            "-export",
            "-nocerts",
            "-inkey",
            "penyusup.pem",
            "-passout",
            &format!("pass:{ATTACKER_PASS}"),
            "-out",
            "penyusup.p12",
        ],
    );
    let pem = std::fs::read_to_string(dir.join("penyusup.pem")).unwrap();
    use p256::pkcs8::DecodePrivateKey;
    Attacker {
        key: SigningKey::from_pkcs8_pem(&pem).unwrap(),
        spki: std::fs::read(dir.join("penyusup.pub")).unwrap(),
        csr: std::fs::read(dir.join("penyusup.csr")).unwrap(),
        p12: std::fs::read(dir.join("penyusup.p12")).unwrap(),
    }
}

/// `pdf` signed as our signer does (PAdES, the library's pades and cms), with any key and
/// certificate, dated `at` (the signature dictionary's /M: the signer's own word).
fn sign_with(
    pdf: &[u8],
    key: &SigningKey,
    cert: &[u8],
    root: &[u8],
    name: &str,
    at: NaiveDateTime,
) -> Vec<u8> {
    let p = pades::prepare(
        pdf,
        &pades::SigningFacts {
            name,
            reason: &format!("Menyetujui RKT tahun {} versi 1", signed_year()),
            location: "Paringin",
            at,
        },
    )
    .unwrap();
    let cms = cms::sign_detached(&p.digest(), key, cert, &[root.to_vec()]).unwrap();
    p.finish(&cms).unwrap()
}

/// Last year's RKT drawn again from the database, without a signature: what a forger signs.
fn unsigned_rkt(office: &Office) -> Vec<u8> {
    let store = Store::open(&office.db()).unwrap();
    let (doc, images) = sop_rkt::export::rkt_document(&store, signed_year()).unwrap();
    sop_rkt::pdf::rkt_pdf(&doc, &images, now_wita()).unwrap()
}

/// The signer certificate inside a signed PDF (the first signature's).
fn signer_cert_of(pdf: &[u8], root: &[u8]) -> Vec<u8> {
    let e = pades::embedded(pdf).unwrap();
    cms::check_detached(&e.cms, &e.digest, std::slice::from_ref(&root.to_vec()))
        .unwrap()
        .signer_cert
}

fn subject_der(cert: &[u8]) -> Vec<u8> {
    use x509_cert::der::{Decode, Encode};
    x509_cert::Certificate::from_der(cert)
        .unwrap()
        .tbs_certificate
        .subject
        .to_der()
        .unwrap()
}

// ---- 1. A key swapped into the database ----

/// The insider puts a key of their own (made with OpenSSL) into the head's live row, with a
/// request in the head's name signed by it, the certificate cleared. The root holder's next
/// sign-in certifies nothing; the head's own screen cannot show the key's fingerprint (their
/// passphrase does not open it); approving with the fingerprint the head knows is refused.
/// Only a root holder who approves a request nobody present asked for, reading the
/// fingerprint off the request list instead of the signer's screen, certifies it: then all
/// three validators call the forgery genuine. That step is the office's to refuse.
#[test]
fn a_key_swapped_into_the_database_is_certified_only_by_the_root_holder_s_approval() {
    let office = Office::demo();
    let head = office.official_id("Drs. H. Rusdi");
    let holder = office.root_holder_id();
    let genuine_fp: String = office
        .sqlite()
        .query_row(
            "SELECT key_fingerprint FROM signer_keys WHERE official_id = ?1 AND retired_at IS NULL",
            [head],
            |r| r.get(0),
        )
        .unwrap();
    let a = attacker_key(office.dir.path(), "Drs. H. Rusdi Hamdani, M.Si.");
    let attacker_fp = csr::key_fingerprint(&a.spki);
    office
        .sqlite()
        .execute(
            "UPDATE signer_keys SET public_key = ?2, key_fingerprint = ?3, p12 = ?4, csr = ?5,
                 cert = NULL, fingerprint = NULL, root_id = NULL, approved_by = NULL,
                 approved_at = NULL
             WHERE official_id = ?1 AND retired_at IS NULL",
            rusqlite::params![head, a.spki, attacker_fp, a.p12, a.csr],
        )
        .unwrap();

    let now = now_wita();
    let mut store = Store::open(&office.db()).unwrap();
    // The root holder signs in: nothing is certified by it.
    let root_holder = sign_in(&mut store, holder, now);
    let key = store.signer_key(head).unwrap().unwrap();
    assert_eq!(key.fingerprint, None, "certified at a sign-in");
    let requests = store.key_requests().unwrap();
    println!("waiting requests after the swap: {requests:?}");
    let request = requests
        .iter()
        .find(|r| r.key_fingerprint == attacker_fp)
        .expect("the swapped key waits as a request");
    // The head's own screen: their passphrase does not open the key in their row.
    let head_id = sign_in(&mut store, head, now);
    let said = store
        .my_key_fingerprint(&head_id, DEMO_PASSPHRASE, now)
        .unwrap_err()
        .to_string();
    println!("the head's screen, asked for their key's fingerprint: {said}");
    // The root holder, comparing with the fingerprint the head knows: refused.
    let said = store
        .approve_key_request(
            &root_holder,
            request.key_id,
            &genuine_fp,
            DEMO_PASSPHRASE,
            now,
        )
        .unwrap_err()
        .to_string();
    println!("approval with the head's own fingerprint: {said}");
    assert!(
        said.contains("Sidik jari yang dicocokkan tidak sama"),
        "{said}"
    );
    assert_eq!(store.signer_key(head).unwrap().unwrap().fingerprint, None);
    drop(store);
    // check-audit sees a key no `kunci.baru` row records; the request list, and the
    // fingerprint read from the signer's own screen, are the control before approval.
    let (code, said) = office.run(&["check-audit"]);
    println!("check-audit after the swap: exit {code:?}\n{said}");
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("tanpa catatan pembuatannya di log audit") && said.contains(&attacker_fp),
        "{said}"
    );

    // The root holder fooled: approves with the fingerprint the request itself shows.
    let mut store = Store::open(&office.db()).unwrap();
    let root_holder = sign_in(&mut store, holder, now);
    let issued = store
        .approve_key_request(
            &root_holder,
            request.key_id,
            &attacker_fp,
            DEMO_PASSPHRASE,
            now,
        )
        .unwrap();
    println!("approved by a fooled root holder: certificate {issued}");
    let cert: Vec<u8> = store
        .raw_connection()
        .query_row(
            "SELECT cert FROM signer_keys WHERE official_id = ?1 AND retired_at IS NULL",
            [head],
            |r| r.get(0),
        )
        .unwrap();
    drop(store);
    let root = office.root_cert();
    let forged = sign_with(
        &unsigned_rkt(&office),
        &a.key,
        &cert,
        &root,
        "Drs. H. Rusdi Hamdani, M.Si.",
        now,
    );
    let (cer, _) = office.certificate("Sertifikat kantor");
    let v = Elsewhere::trusting(&cer).verify(&forged);
    let p = pdfsig(&forged, &cer, None);
    let h = pyhanko(&forged, &cer, None, "now");
    evidence(
        "1. swapped key, approved by a fooled root holder",
        &v,
        &p,
        &h,
    );
    // All three agree: a certificate the office root issued is genuine. What holds is the
    // approval step; the audit log names who approved, and when.
    assert_eq!(v.0, Some(0), "{}", v.1);
    assert!(
        p.contains("Signature is Valid") && p.contains("Certificate is Trusted"),
        "{p}"
    );
    assert!(
        h[0].is("intact") && h[0].is("valid") && h[0].is("trusted"),
        "{}",
        h[0].0
    );
    // The approval is on record: who approved which key, when; and the key still has no
    // record of being made, which check-audit keeps saying.
    let (code, said) = office.run(&["check-audit"]);
    println!("check-audit after the approval: exit {code:?}\n{said}");
    assert_eq!(code, Some(1), "{said}");
    let approvals: i64 = office
        .sqlite()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'sertifikat.terbit'
             AND instr(detail, ?1) > 0 AND actor_id = ?2",
            rusqlite::params![attacker_fp, holder],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(approvals, 1);
}

/// The head's live row keeps its certificate but gets the insider's key and .p12: the store
/// checks the certificate on record is of the key opened, and signs nothing.
#[test]
fn a_certificate_left_beside_a_swapped_key_signs_nothing() {
    let office = Office::demo();
    let head = office.official_id("Drs. H. Rusdi");
    let a = attacker_key(office.dir.path(), "Drs. H. Rusdi Hamdani, M.Si.");
    office
        .sqlite()
        .execute(
            "UPDATE signer_keys SET public_key = ?2, key_fingerprint = ?3, p12 = ?4, csr = ?5
             WHERE official_id = ?1 AND retired_at IS NULL",
            rusqlite::params![head, a.spki, csr::key_fingerprint(&a.spki), a.p12, a.csr],
        )
        .unwrap();
    let now = now_wita();
    let mut store = Store::open(&office.db()).unwrap();
    let who = sign_in(&mut store, head, now);
    // Step 10 through the library (the window's path: no sign command on the command line),
    // with the insider's passphrase, which opens the insider's .p12.
    let said = sop_rkt::export::sign_year(
        &mut store,
        &Sop::embedded(),
        signed_year() + 1,
        ATTACKER_PASS,
        false,
        &who,
        now,
    )
    .unwrap_err()
    .to_string();
    println!("signing with a swapped key under the head's certificate: {said}");
    assert!(
        said.contains("Sertifikat yang tercatat bukan sertifikat kunci Anda"),
        "{said}"
    );
    assert_eq!(store.signature(signed_year() + 1).unwrap(), None);
}

// ---- 2. A fake CA with the office root's exact name ----

/// The insider makes a root with the office certificate's exact subject (byte for byte) and
/// issues under it a certificate with the head's exact subject, then signs last year's RKT
/// with the same date as the genuine one. Every validator that trusts only the office's
/// certificate refuses it.
#[test]
fn a_fake_ca_with_the_office_root_s_name_is_not_trusted() {
    let office = Office::demo();
    let genuine = office.signed_rkt();
    let root = office.root_cert();
    let head_cert = signer_cert_of(&genuine, &root);
    let store = Store::open(&office.db()).unwrap();
    let office_name = store.settings().unwrap().office.name;
    let signed = store.signature(signed_year()).unwrap().unwrap();
    let head = store
        .official(office.official_id("Drs. H. Rusdi"))
        .unwrap()
        .unwrap();
    drop(store);
    // Valid from the day before the genuine signature, so the date is no give-away.
    let issued = keys::IssuedAt::new(
        signed.signed_at - chrono::Duration::days(1),
        chrono::FixedOffset::east_opt(8 * 3600).unwrap(),
    )
    .unwrap();
    let (fake_root_key, fake_root) = keys::new_office_root_at(&office_name, issued).unwrap();
    assert_eq!(subject_der(&fake_root), subject_der(&root), "the same name");
    let key = keys::new_key();
    let fake_cert = keys::issue_at(
        &keys::SignerName {
            name: &head.name,
            nip: head.nip.as_deref().unwrap_or(""),
            position: &head.position,
            office: &office_name,
        },
        &keys::public_key_der(&key).unwrap(),
        &fake_root_key,
        &fake_root,
        issued,
    )
    .unwrap();
    assert_eq!(
        subject_der(&fake_cert),
        subject_der(&head_cert),
        "the head's name"
    );
    let forged = sign_with(
        &unsigned_rkt(&office),
        &key,
        &fake_cert,
        &fake_root,
        &head.name,
        signed.signed_at,
    );
    // The CRL goes with the certificate to `verify` (trust-certificate takes it from beside
    // it); pdfsig and pyHanko are given the certificate only: revocation is case 6's.
    let (cer, _) = office.certificate("Sertifikat kantor");
    let v = Elsewhere::trusting(&cer).verify(&forged);
    let p = pdfsig(&forged, &cer, None);
    let h = pyhanko(&forged, &cer, None, "now");
    evidence("2. fake CA with the office root's name", &v, &p, &h);
    assert_eq!(v.0, Some(1), "{}", v.1);
    assert!(v.1.starts_with("TIDAK ASLI"), "{}", v.1);
    assert!(
        v.1.contains("tidak diterbitkan sertifikat kantor yang dipercaya"),
        "{}",
        v.1
    );
    // pdfsig: the signature over the bytes is sound, its certificate is not trusted.
    assert!(p.contains("Signature is Valid"), "{p}");
    assert!(!p.contains("Certificate is Trusted"), "{p}");
    assert_eq!(h.len(), 1);
    assert!(h[0].is("intact") && h[0].is("valid"), "{}", h[0].0);
    assert!(!h[0].is("trusted") && !h[0].is("bottom_line"), "{}", h[0].0);
}

// ---- 3. An incremental update with a second signature that redraws page 1 ----

/// A lopdf object as PDF syntax (strings as hex: no escaping to get wrong).
fn pdf_syntax(o: &lopdf::Object) -> String {
    use lopdf::Object as O;
    match o {
        O::Null => "null".into(),
        O::Boolean(b) => b.to_string(),
        O::Integer(i) => i.to_string(),
        O::Real(r) => format!("{r}"),
        O::Name(n) => pdf_name(n),
        O::String(s, _) => format!(
            "<{}>",
            s.iter().map(|b| format!("{b:02X}")).collect::<String>()
        ),
        O::Array(a) => format!(
            "[{}]",
            a.iter().map(pdf_syntax).collect::<Vec<_>>().join(" ")
        ),
        O::Dictionary(d) => dict_syntax(d),
        O::Reference((id, generation)) => format!("{id} {generation} R"),
        O::Stream(_) => panic!("a stream where a direct object was expected"),
    }
}

fn pdf_name(n: &[u8]) -> String {
    let mut out = String::from("/");
    for &b in n {
        if b.is_ascii_graphic() && !b"()<>[]{}/%#".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("#{b:02X}"));
        }
    }
    out
}

fn dict_syntax(d: &lopdf::Dictionary) -> String {
    let body: Vec<String> = d
        .iter()
        .map(|(k, v)| format!("{} {}", pdf_name(k), pdf_syntax(v)))
        .collect();
    format!("<< {} >>", body.join(" "))
}

/// `pdf` with one incremental update appended, as another signing tool would add it: page 1
/// redrawn (its content replaced by a white page with a red bar), a second signature field on
/// it, the catalog's AcroForm listing both fields; signed over the whole new file with `key`.
fn redrawn_and_signed_again(
    pdf: &[u8],
    key: &SigningKey,
    cert: &[u8],
    root: &[u8],
    at: NaiveDateTime,
) -> Vec<u8> {
    use lopdf::{Dictionary, Object};
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let root_id = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let mut catalog = doc.get_dictionary(root_id).unwrap().clone();
    let page1 = *doc.get_pages().get(&1).unwrap();
    let mut page = doc.get_dictionary(page1).unwrap().clone();
    let size = doc.trailer.get(b"Size").unwrap().as_i64().unwrap() as u32;
    let next = size.max(doc.max_id + 1);
    let (content, sig, widget) = (next, next + 1, next + 2);

    page.set("Contents", Object::Reference((content, 0)));
    let mut annots = match page.get(b"Annots") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(Object::Reference(r)) => doc.get_object(*r).unwrap().as_array().unwrap().clone(),
        _ => Vec::new(),
    };
    annots.push(Object::Reference((widget, 0)));
    page.set("Annots", Object::Array(annots));
    let mut form = match catalog.get(b"AcroForm") {
        Ok(Object::Dictionary(d)) => d.clone(),
        Ok(Object::Reference(r)) => doc.get_dictionary(*r).unwrap().clone(),
        _ => Dictionary::new(),
    };
    let mut fields = match form.get(b"Fields") {
        Ok(Object::Array(a)) => a.clone(),
        _ => Vec::new(),
    };
    fields.push(Object::Reference((widget, 0)));
    form.set("Fields", Object::Array(fields));
    form.set("SigFlags", Object::Integer(3));
    catalog.set("AcroForm", Object::Dictionary(form));

    let drawing = b"q 1 1 1 rg 0 0 2000 2000 re f 0.8 0 0 rg 60 500 470 120 re f Q\n";
    let wide = "[0 9999999999 9999999999 9999999999]";
    let zeros = "0".repeat(16384);
    let objects: Vec<(u32, u16, String)> = vec![
        (page1.0, page1.1, dict_syntax(&page)),
        (root_id.0, root_id.1, dict_syntax(&catalog)),
        (
            content,
            0,
            format!(
                "<< /Length {} >>\nstream\n{}endstream",
                drawing.len(),
                String::from_utf8_lossy(drawing)
            ),
        ),
        (
            sig,
            0,
            format!(
                "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange {wide} /Contents <{zeros}> /Reason (Perubahan pagu) /M (D:{}+08'00') >>",
                at.format("%Y%m%d%H%M%S")
            ),
        ),
        (
            widget,
            0,
            format!(
                "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Tanda tangan kedua) /V {sig} 0 R /F 4 /Rect [0 0 0 0] /P {} {} R >>",
                page1.0, page1.1
            ),
        ),
    ];
    let text = String::from_utf8_lossy(pdf);
    let prev: u64 = text[text.rfind("startxref").unwrap() + 9..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let mut out = pdf.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut at_of: Vec<(u32, u16, usize)> = Vec::new();
    for (id, generation, body) in &objects {
        at_of.push((*id, *generation, out.len()));
        out.extend(format!("{id} {generation} obj\n{body}\nendobj\n").as_bytes());
    }
    at_of.sort();
    let xref_at = out.len();
    let mut xref = String::from("xref\n0 1\n0000000000 65535 f \n");
    for (id, generation, offset) in &at_of {
        xref.push_str(&format!("{id} 1\n{offset:010} {generation:05} n \n"));
    }
    let id = doc
        .trailer
        .get(b"ID")
        .map(|i| format!(" /ID {}", pdf_syntax(i)))
        .unwrap_or_default();
    out.extend(
        format!(
            "{xref}trailer\n<< /Size {} /Root {} {} R /Prev {prev}{id} >>\nstartxref\n{xref_at}\n%%EOF\n",
            widget + 1,
            root_id.0,
            root_id.1
        )
        .as_bytes(),
    );
    // The ByteRange of the whole new file but the new /Contents, then the CMS over it.
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).rposition(|w| w == needle);
    let open = find(&out, format!("<{zeros}>").as_bytes()).unwrap();
    let close = open + zeros.len() + 2;
    let range = format!("[0 {open} {close} {}]", out.len() - close);
    let w = find(&out, wide.as_bytes()).unwrap();
    out[w..w + wide.len()].copy_from_slice(format!("{range:<36}").as_bytes());
    let digest: [u8; 32] = {
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        h.update(&out[..open]);
        h.update(&out[close..]);
        h.finalize().into()
    };
    let der = cms::sign_detached(&digest, key, cert, &[root.to_vec()]).unwrap();
    let hex: String = der.iter().map(|b| format!("{b:02X}")).collect();
    out[open + 1..open + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    out
}

fn page1_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-f", "1", "-l", "1"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn an_incremental_update_that_redraws_page_1_under_a_second_signature_is_refused() {
    let office = Office::demo();
    let genuine = office.signed_rkt();
    // The insider's self-made root and a certificate in the head's name under it.
    let (attacker_root_key, attacker_root) = keys::new_office_root("Kantor Penyusup").unwrap();
    let (key, cert) = keys::new_signer(
        &keys::SignerName {
            name: "Drs. H. Rusdi Hamdani, M.Si.",
            nip: "197104152000031007",
            position: "Kepala Satuan Polisi Pamong Praja",
            office: "Kantor Penyusup",
        },
        &attacker_root_key,
        &attacker_root,
    )
    .unwrap();
    let attacked = redrawn_and_signed_again(&genuine, &key, &cert, &attacker_root, now_wita());
    let before = page1_text(&genuine);
    let after = page1_text(&attacked);
    println!(
        "page 1 text: {} characters in the genuine file, {} after the update",
        before.trim().len(),
        after.trim().len()
    );
    assert!(
        !before.trim().is_empty() && after.trim().is_empty(),
        "page 1 redrawn"
    );

    let (cer, _) = office.certificate("Sertifikat kantor");
    let v = Elsewhere::trusting(&cer).verify(&attacked);
    let p = pdfsig(&attacked, &cer, None);
    let h = pyhanko(&attacked, &cer, None, "now");
    evidence(
        "3. incremental update redrawing page 1, second signature",
        &v,
        &p,
        &h,
    );
    // verify: not genuine; both signatures reported with the revision each covers.
    assert_eq!(v.0, Some(1), "{}", v.1);
    assert!(v.1.starts_with("TIDAK ASLI"), "{}", v.1);
    assert!(
        v.1.contains("tanda tangan 2 dari 2: ditandatangani dengan kunci yang tidak diterbitkan"),
        "{}",
        v.1
    );
    assert!(
        v.1.contains("Berkas ini 2 revisi, 2 tanda tangan:"),
        "{}",
        v.1
    );
    assert!(v.1.contains("1. mencakup revisi 1 dari 2"), "{}", v.1);
    assert!(
        v.1.contains("2. mencakup revisi 2 dari 2, sampai akhir berkas."),
        "{}",
        v.1
    );
    // pdfsig: the head's signature does not cover the file; the second is not trusted.
    let (one, two) = (pdfsig_sig(&p, 1), pdfsig_sig(&p, 2));
    assert!(one.contains("Not total document signed"), "{one}");
    assert!(
        two.contains("Total document signed") && !two.contains("Not total"),
        "{two}"
    );
    assert!(!two.contains("Certificate is Trusted"), "{two}");
    // pyHanko: the same two facts, and the change after the first signature found.
    assert_eq!(h.len(), 2, "two signatures");
    assert!(h[0].is("intact") && h[0].is("trusted"), "{}", h[0].0);
    assert_ne!(
        h[0].get("coverage").as_deref(),
        Some("ENTIRE_FILE"),
        "{}",
        h[0].0
    );
    assert!(!h[0].is("bottom_line"), "{}", h[0].0);
    assert_eq!(
        h[1].get("coverage").as_deref(),
        Some("ENTIRE_FILE"),
        "{}",
        h[1].0
    );
    assert!(!h[1].is("trusted"), "{}", h[1].0);
}

// ---- 4. The /ByteRange comment that crashed verify ----

#[test]
fn a_trailing_byterange_comment_is_a_change_in_words_not_a_crash() {
    let office = Office::demo();
    let genuine = office.signed_rkt();
    let e = pades::embedded(&genuine).unwrap();
    assert!(e.covers_whole_file);
    let text = String::from_utf8_lossy(&genuine).into_owned();
    let at = text.rfind("/ByteRange").unwrap();
    let nums: Vec<&str> = text[at..]
        .split(['[', ']'])
        .nth(1)
        .unwrap()
        .split_whitespace()
        .collect();
    let attacked = [
        &genuine[..],
        format!(
            "%/ByteRange [0 {} {} 18446744073709551615]",
            nums[1], nums[2]
        )
        .as_bytes(),
    ]
    .concat();
    let (cer, _) = office.certificate("Sertifikat kantor");
    let v = Elsewhere::trusting(&cer).verify(&attacked);
    let p = pdfsig(&attacked, &cer, None);
    let h = pyhanko(&attacked, &cer, None, "now");
    evidence("4. %/ByteRange [0 A B 2^64-1] appended", &v, &p, &h);
    assert!(matches!(v.0, Some(1) | Some(2)), "{}", v.1);
    assert!(
        v.1.contains("ada perubahan sesudah tanda tangan"),
        "{}",
        v.1
    );
    // Neither says the signature covers the file. (The digest of the ranges it does cover
    // still matches: pdfsig's "Signature is Valid" and pyHanko's `intact` speak only of them.)
    assert!(p.contains("Not total document signed"), "{p}");
    assert_eq!(h.len(), 1);
    assert_ne!(
        h[0].get("coverage").as_deref(),
        Some("ENTIRE_FILE"),
        "{}",
        h[0].0
    );
}

// ---- 5. The offline search cost, from the stored parameters ----

/// The argon2id parameters of a PHC string, read here by hand.
fn phc_params(phc: &str) -> (u32, u32, u32) {
    let parts: Vec<&str> = phc.split('$').collect();
    assert_eq!(parts[1], "argon2id", "{phc}");
    let mut m = (0, 0, 0);
    for kv in parts[3].split(',') {
        let (k, v) = kv.split_once('=').unwrap();
        let v: u32 = v.parse().unwrap();
        match k {
            "m" => m.0 = v,
            "t" => m.1 = v,
            "p" => m.2 = v,
            _ => panic!("{phc}"),
        }
    }
    m
}

/// What `openssl pkcs12 -info` says of a .p12: the key bag's PBKDF2 iterations (and PRF) and
/// the MAC's iterations.
fn openssl_p12_params(dir: &Path, p12: &[u8], pass: &str) -> (u32, u32, String) {
    let file = dir.join("kunci.p12");
    std::fs::write(&file, p12).unwrap();
    let out = Command::new("openssl")
        .args(["pkcs12", "-info", "-noout", "-passin"])
        .arg(format!("pass:{pass}"))
        .arg("-in")
        .arg(&file)
        .output()
        .unwrap();
    // -info writes its lines to stderr.
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{said}");
    let number_after = |line: &str, word: &str| -> u32 {
        let at = line.find(word).unwrap() + word.len();
        line[at..]
            .trim_start()
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let mac = said.lines().find(|l| l.starts_with("MAC:")).unwrap();
    let bag = said
        .lines()
        .find(|l| l.starts_with("Shrouded Keybag:"))
        .unwrap_or_else(|| panic!("{said}"));
    assert!(
        bag.contains("PBKDF2") && bag.contains("hmacWithSHA256"),
        "{bag}"
    );
    (
        number_after(bag, "Iteration"),
        number_after(mac, "Iteration"),
        said,
    )
}

/// One CPU core's and one GPU's seconds per guess, computed here from the parameters and the
/// reference rates `search_cost` states (the model: PBKDF2 costs its iterations; argon2id its
/// m × t on a core, and (3t − 1) × m KiB of memory traffic on a GPU).
fn per_guess_pbkdf2(iterations: u32) -> (f64, f64) {
    let n = f64::from(iterations);
    (
        n / search_cost::PBKDF2_SHA256_ITERATIONS_PER_SECOND_CPU_CORE,
        n / search_cost::PBKDF2_SHA256_ITERATIONS_PER_SECOND_GPU,
    )
}

fn per_guess_argon2id(m_kib: u32, t: u32) -> (f64, f64) {
    let (m, t) = (f64::from(m_kib), f64::from(t));
    (
        m * t / search_cost::ARGON2ID_KIB_PASSES_PER_SECOND_CPU_CORE,
        (3.0 * t - 1.0) * m * 1024.0 / search_cost::GPU_MEMORY_BYTES_PER_SECOND,
    )
}

/// The report's sentence for a secret whose guess costs `cpu` and `gpu` seconds, over
/// 10^`log10` guesses.
fn cost_sentence(cpu: f64, gpu: f64, log10: f64) -> String {
    let n = 10f64.powf(log10);
    let d = search_cost::duration;
    format!(
        "Satu tebakan: {} pada satu inti CPU, {} pada satu GPU (RTX 4090). Mencoba semuanya: {} pada satu inti CPU, {} pada satu GPU.",
        d(cpu),
        d(gpu),
        d(n * cpu),
        d(n * gpu)
    )
}

/// The demo made as the office's program makes keys (no SOP_RKT_FAST_KEYS: the real PBKDF2
/// count, in this debug build too), then `security-report`; every figure is computed again
/// here from the parameters read out of the database independently: the argon2 PHC strings of
/// `signing_pins`, and each .p12 as OpenSSL reads it.
#[test]
fn the_search_cost_report_matches_the_stored_parameters() {
    let office = Office::demo_keys(false);
    let (code, report) = cli(office.dir.path(), &office.db(), &["security-report"], false);
    println!("security-report:\n{report}");
    assert_eq!(code, Some(0), "{report}");
    let line_of = |what: &str| -> String {
        report
            .lines()
            .find(|l| l.starts_with(&format!("- {what}:")))
            .unwrap_or_else(|| panic!("no line for {what}:\n{report}"))
            .to_string()
    };
    let conn = office.sqlite();
    let pins: Vec<(String, String)> = conn
        .prepare(
            "SELECT o.name, p.hash FROM signing_pins p JOIN officials o ON o.id = p.official_id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(pins.len() >= 5, "{pins:?}");
    for (name, phc) in &pins {
        let (m, t, p) = phc_params(phc);
        let (cpu, gpu) = per_guess_argon2id(m, t);
        let line = line_of(&format!("PIN {name}"));
        assert!(
            line.contains(&format!("argon2id m={m} KiB t={t} p={p}")),
            "{line}"
        );
        let expected = cost_sentence(cpu, gpu, search_cost::SIX_DIGIT_PIN.log10_guesses);
        assert!(line.ends_with(&expected), "{line}\nexpected: {expected}");
        println!("PIN {name}: m={m} t={t} p={p}: {cpu:.4} s/guess CPU, {gpu:.2e} s/guess GPU");
    }
    let keys: Vec<(String, Vec<u8>)> = conn
        .prepare(
            "SELECT 'Kunci sertifikat kantor', p12 FROM office_roots WHERE retired_at IS NULL
             UNION ALL
             SELECT 'Kunci tanda tangan ' || o.name, k.p12 FROM signer_keys k
             JOIN officials o ON o.id = k.official_id WHERE k.retired_at IS NULL",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(keys.len(), 2, "the root's and the head's");
    for (what, p12) in &keys {
        let (iterations, mac, said) = openssl_p12_params(office.dir.path(), p12, DEMO_PASSPHRASE);
        println!("{what}, openssl pkcs12 -info:\n{}", said.trim_end());
        // The real count was written, and the MAC at twice it.
        assert_eq!(
            iterations,
            sop_rkt::digital_signature::p12::ITERATIONS,
            "{said}"
        );
        assert_eq!(mac, 2 * iterations, "{said}");
        // The cheaper way in for a guesser: the key bag, or the MAC (one PKCS#12 KDF round is
        // half a PBKDF2-HMAC round's work).
        let cheapest = iterations.min(mac / 2);
        let (cpu, gpu) = per_guess_pbkdf2(cheapest);
        let line = line_of(what);
        assert!(
            line.contains(&format!(
                "PBKDF2-HMAC-SHA256 {iterations} iterasi, MAC {mac} iterasi"
            )),
            "{line}"
        );
        let expected = cost_sentence(cpu, gpu, search_cost::MIN_PASSPHRASE.log10_guesses);
        assert!(line.ends_with(&expected), "{line}\nexpected: {expected}");
        println!("{what}: {cheapest} iterations: {cpu:.3} s/guess CPU, {gpu:.2e} s/guess GPU");
    }
}

// ---- 6. A certificate revoked, and the old key from an old backup ----

/// The head's PIN reset by the pengelola (their certificate retired, reason superseded), the
/// CRL issued by the root holder and handed out with the certificate. The insider takes the
/// head's old .p12 out of a backup made before the reset and signs with it.
#[test]
fn a_key_from_an_old_backup_is_revoked_after_the_pin_reset() {
    let office = Office::demo();
    let genuine = office.signed_rkt();
    let backup = office.path("cadangan lama.db");
    let (code, said) = office.run(&["backup", "--out", backup.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{said}");

    // The reset, two hours ago, and the CRL issued then by the root holder.
    let reset_at = now_wita() - chrono::Duration::hours(2);
    let head = office.official_id("Drs. H. Rusdi");
    let mut store = Store::open(&office.db()).unwrap();
    let holder = sign_in(&mut store, office.root_holder_id(), reset_at);
    store.reset_pin(&holder, head, "582914", reset_at).unwrap();
    let number = store.issue_crl(&holder, DEMO_PASSPHRASE, reset_at).unwrap();
    println!("CRL number {number} issued after the reset");
    drop(store);
    let (cer, crl) = office.certificate("Sertifikat kantor");
    let crl_text = String::from_utf8_lossy(&openssl(
        office.dir.path(),
        &["crl", "-noout", "-text", "-in", crl.to_str().unwrap()],
    ))
    .into_owned();
    println!("the office's CRL (openssl crl -text):\n{crl_text}");
    assert!(crl_text.contains("Superseded"), "{crl_text}");

    // The insider's forgery: the old key out of the old backup (it opens with the head's
    // passphrase — here the published demo one: see attack 5 for a real passphrase's cost).
    let old = rusqlite::Connection::open(&backup).unwrap();
    let (p12, cert): (Vec<u8>, Vec<u8>) = old
        .query_row(
            "SELECT p12, cert FROM signer_keys WHERE official_id = ?1 AND retired_at IS NULL",
            [head],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    std::fs::write(office.path("lama.p12"), &p12).unwrap();
    let pem = openssl(
        office.dir.path(),
        &[
            "pkcs12",
            "-in",
            "lama.p12",
            "-nocerts",
            "-nodes",
            "-passin",
            &format!("pass:{DEMO_PASSPHRASE}"),
        ],
    );
    let pem = String::from_utf8(pem).unwrap();
    let pem = &pem[pem.find("-----BEGIN PRIVATE KEY-----").unwrap()..];
    use p256::pkcs8::DecodePrivateKey;
    let old_key = SigningKey::from_pkcs8_pem(pem).unwrap();
    let root = office.root_cert();
    let name = "Drs. H. Rusdi Hamdani, M.Si.";
    let unsigned = unsigned_rkt(&office);
    let after = sign_with(
        &unsigned,
        &old_key,
        &cert,
        &root,
        name,
        reset_at + chrono::Duration::hours(1),
    );
    let signed_at = Store::open(&backup)
        .unwrap()
        .signature(signed_year())
        .unwrap()
        .unwrap()
        .signed_at;
    let backdated = sign_with(
        &unsigned,
        &old_key,
        &cert,
        &root,
        name,
        signed_at + chrono::Duration::days(1),
    );

    let elsewhere = Elsewhere::trusting(&cer);
    let nss_without_crl = pdfsig(&after, &cer, None);
    println!("pdfsig without the CRL, forged after the revocation:\n{nss_without_crl}");
    // Without the list, nothing tells pdfsig the certificate was retired.
    assert!(
        nss_without_crl.contains("Certificate is Trusted"),
        "{nss_without_crl}"
    );

    // The forgery dated after the revocation: refused by all three.
    let v = elsewhere.verify(&after);
    let p = pdfsig(&after, &cer, Some(&crl));
    let h = pyhanko(&after, &cer, Some(&crl), "signing");
    evidence(
        "6a. old key from an old backup, signed after the revocation",
        &v,
        &p,
        &h,
    );
    assert_eq!(v.0, Some(1), "{}", v.1);
    assert!(
        v.1.contains("sertifikat sudah dicabut/diganti sebelum dokumen ditandatangani"),
        "{}",
        v.1
    );
    assert!(
        h[0].is("intact") && h[0].is("valid") && h[0].is("revoked"),
        "{}",
        h[0].0
    );
    assert!(!h[0].is("bottom_line"), "{}", h[0].0);
    // pdfsig (poppler 22.12, NSS) checks the imported CRL, at the present moment.
    assert!(p.contains("Certificate has been Revoked"), "{p}");

    // The genuine RKT, signed before the revocation: genuine for verify (superseded keeps
    // what was signed before it), and for pyHanko validating at its signing time.
    let v = elsewhere.verify(&genuine);
    let p = pdfsig(&genuine, &cer, Some(&crl));
    let h = pyhanko(&genuine, &cer, Some(&crl), "signing");
    let h_now = pyhanko(&genuine, &cer, Some(&crl), "now");
    evidence(
        "6b. the genuine RKT signed before the revocation",
        &v,
        &p,
        &h,
    );
    println!("--- pyHanko, validated now:\n{}", h_now[0].0);
    assert_eq!(v.0, Some(0), "{}", v.1);
    assert!(v.1.contains("tetap sah"), "{}", v.1);
    assert!(
        h[0].is("trusted") && !h[0].is("revoked") && h[0].is("bottom_line"),
        "{}",
        h[0].0
    );
    // Validated at the present moment, pyHanko and pdfsig call it revoked: neither weighs the
    // reason (superseded) against the signing time the signature claims — and without a
    // timestamp that time is only the signer's word.
    assert!(h_now[0].is("revoked"), "{}", h_now[0].0);
    assert!(p.contains("Certificate has been Revoked"), "{p}");

    // The same old key, the forgery backdated to before the revocation: the claimed time is
    // the signer's own word (no timestamp), so verify, and pyHanko at the claimed time, call it
    // genuine. What holds is the passphrase on the old .p12 (attack 5); the office keeps old
    // backups locked away, and revokes a key suspected leaked as keyCompromise.
    let v = elsewhere.verify(&backdated);
    let p = pdfsig(&backdated, &cer, Some(&crl));
    let h = pyhanko(&backdated, &cer, Some(&crl), "signing");
    evidence(
        "6c. old key from an old backup, backdated before the revocation",
        &v,
        &p,
        &h,
    );
    assert_eq!(v.0, Some(0), "{}", v.1);
    assert!(h[0].is("trusted") && !h[0].is("revoked"), "{}", h[0].0);
    assert!(p.contains("Certificate has been Revoked"), "{p}");

    // The office learns the old backup left its hands: the root holder declares that key
    // leaked. The new CRL lists it as keyCompromise, and the backdated forgery falls for all
    // three — as does every signature of that key, the genuine RKT included (to be signed
    // again with the new key).
    let mut store = Store::open(&office.db()).unwrap();
    let holder = sign_in(&mut store, office.root_holder_id(), now_wita());
    let old_key_id = store
        .issued_certificates()
        .unwrap()
        .into_iter()
        .find(|c| c.fingerprint == sop_rkt::digital_signature::keys::fingerprint(&cert))
        .expect("the old certificate, issued by the office root")
        .key_id;
    let number = store
        .declare_key_compromised(
            &holder,
            old_key_id,
            "cadangan lama keluar dari kantor",
            DEMO_PASSPHRASE,
            now_wita(),
        )
        .unwrap();
    println!("CRL number {number}: the old key declared leaked");
    drop(store);
    let (cer, crl) = office.certificate("Sertifikat kantor sesudah bocor");
    let elsewhere = Elsewhere::trusting(&cer);
    let v = elsewhere.verify(&backdated);
    let p = pdfsig(&backdated, &cer, Some(&crl));
    let h = pyhanko(&backdated, &cer, Some(&crl), "signing");
    evidence(
        "6d. the same backdated forgery, after the key was declared leaked",
        &v,
        &p,
        &h,
    );
    assert_eq!(v.0, Some(1), "{}", v.1);
    assert!(v.1.contains("kuncinya dinyatakan bocor"), "{}", v.1);
    assert!(h[0].is("revoked"), "{}", h[0].0);
    assert!(p.contains("Certificate has been Revoked"), "{p}");
}

// ---- 7. The audit log rewritten, a root slipped into trusted_roots ----

#[test]
fn audit_rows_deleted_behind_the_program_s_back_are_reported() {
    let office = Office::demo();
    let (code, said) = office.run(&["check-audit"]);
    assert_eq!(code, Some(0), "{said}");
    insider(
        &office.sqlite(),
        "DELETE FROM audit_log WHERE id = 3;
         DELETE FROM audit_chain WHERE audit_id IN (7, 8); DELETE FROM audit_log WHERE id IN (7, 8);",
    );
    let (code, said) = office.run(&["check-audit"]);
    println!("check-audit after audit rows were deleted: exit {code:?}\n{said}");
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("RANTAI LOG AUDIT RUSAK"), "{said}");
    assert!(
        said.contains("mata rantai #3 tanpa baris log audit — baris #3 dihapus"),
        "{said}"
    );
    assert!(
        said.contains("baris log audit #7–#8 hilang bersama mata rantainya — dihapus"),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "riwayat sebelum penandatanganan RKT {} telah diubah sesudahnya",
            signed_year()
        )),
        "{said}"
    );
}

/// The chain's link as the program computes it (src/store/audit_chain.rs, public): what an
/// insider who reads the source computes too. SHA-256 of the previous link and each field,
/// tagged by type and length-prefixed.
fn chain_link(prev: &[u8], fields: &[rusqlite::types::Value]) -> Vec<u8> {
    use rusqlite::types::Value;
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    h.update(prev);
    for v in fields {
        match v {
            Value::Null => h.update([0u8]),
            Value::Integer(i) => {
                h.update([1u8]);
                h.update(i.to_be_bytes());
            }
            Value::Text(s) => {
                h.update([2u8]);
                h.update((s.len() as u64).to_be_bytes());
                h.update(s.as_bytes());
            }
            Value::Real(f) => {
                h.update([3u8]);
                h.update(f.to_bits().to_be_bytes());
            }
            Value::Blob(b) => {
                h.update([4u8]);
                h.update((b.len() as u64).to_be_bytes());
                h.update(b);
            }
        }
    }
    h.finalize().to_vec()
}

/// A fake office root slipped into `trusted_roots` with plain SQL: `check-audit` names it,
/// and `verify` on that PC trusts it (a forgery under it is "ASLI" there), while pdfsig and
/// pyHanko, trusting the office certificate they were handed, refuse the same file. Then the
/// insider also appends an audit row for it, chained as the program chains: `check-audit`
/// no longer sees anything. The office must compare the trusted certificates' fingerprints
/// (Pengaturan, `trust-certificate`'s words) with the ones it was given on paper.
#[test]
fn a_root_inserted_into_trusted_roots_is_reported_until_its_audit_row_is_forged_too() {
    let office = Office::demo();
    let (cer, _) = office.certificate("Sertifikat kantor");
    let (fake_root_key, fake_root) =
        keys::new_office_root("Satuan Polisi Pamong Praja Kabupaten Balangan").unwrap();
    let (key, cert) = keys::new_signer(
        &keys::SignerName {
            name: "Drs. H. Rusdi Hamdani, M.Si.",
            nip: "197104152000031007",
            position: "Kepala Satuan Polisi Pamong Praja",
            office: "Satuan Polisi Pamong Praja Kabupaten Balangan",
        },
        &fake_root_key,
        &fake_root,
    )
    .unwrap();
    let forged = sign_with(
        &unsigned_rkt(&office),
        &key,
        &cert,
        &fake_root,
        "Drs. H. Rusdi Hamdani, M.Si.",
        now_wita(),
    );
    let fingerprint = keys::fingerprint(&fake_root);
    let subject = keys::read_certificate(&fake_root).unwrap().1;
    office
        .sqlite()
        .execute(
            "INSERT INTO trusted_roots (fingerprint, cert, subject, imported_at, imported_by)
             VALUES (?1, ?2, ?3, '2025-01-06T09:00:00+08:00', 'Budi Santoso, S.T.')",
            rusqlite::params![fingerprint, fake_root, subject],
        )
        .unwrap();
    let (code, said) = office.run(&["check-audit"]);
    println!("check-audit after a root was inserted: exit {code:?}\n{said}");
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains(&format!(
            "sertifikat dipercaya tanpa catatan di log audit: {subject} {fingerprint}"
        )),
        "{said}"
    );
    // verify on the office PC now trusts the fake root; the other validators do not.
    let file = office.path("RKT palsu.pdf");
    std::fs::write(&file, &forged).unwrap();
    let v = office.run(&["verify", file.to_str().unwrap()]);
    let p = pdfsig(&forged, &cer, None);
    let h = pyhanko(&forged, &cer, None, "now");
    evidence(
        "7b. a fake root inserted into the office's trusted_roots",
        &v,
        &p,
        &h,
    );
    assert_eq!(v.0, Some(0), "{}", v.1);
    assert!(v.1.starts_with("ASLI"), "{}", v.1);
    assert!(!p.contains("Certificate is Trusted"), "{p}");
    assert!(!h[0].is("trusted"), "{}", h[0].0);
    // Elsewhere, trusting only the certificate it was handed: refused.
    let (code, said) = Elsewhere::trusting(&cer).verify(&forged);
    assert_eq!(code, Some(1), "{said}");

    // The insider appends the audit row a genuine trust would have written, with its link.
    // (An INSERT: no trigger stands in the way of appending.)
    // The row as `trust_root` writes it (src/store/trusted.rs), by the pengelola.
    let conn = office.sqlite();
    conn.execute(
        "INSERT INTO audit_log (at, year, actor_id, actor_name, action, step, detail)
         SELECT ?1, NULL, id, name, 'sertifikat.percaya', NULL, ?2 FROM officials WHERE id = ?3",
        rusqlite::params![
            now_wita().format("%Y-%m-%dT%H:%M:%S%.9f+08:00").to_string(),
            format!("{subject} (sidik {fingerprint})"),
            office.root_holder_id()
        ],
    )
    .unwrap();
    let id = conn.last_insert_rowid();
    let fields: Vec<rusqlite::types::Value> = conn
        .query_row(
            "SELECT id, at, year, actor_id, actor_name, action, step, detail FROM audit_log WHERE id = ?1",
            [id],
            |r| (0..8).map(|i| r.get(i)).collect(),
        )
        .unwrap();
    let prev: Vec<u8> = conn
        .query_row(
            "SELECT hash FROM audit_chain WHERE audit_id < ?1 ORDER BY audit_id DESC LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute(
        "INSERT INTO audit_chain (audit_id, hash) VALUES (?1, ?2)",
        rusqlite::params![id, chain_link(&prev, &fields)],
    )
    .unwrap();
    drop(conn);
    let (code, said) = office.run(&["check-audit"]);
    println!("check-audit after the insider forged the audit row too: exit {code:?}\n{said}");
    // The chain has no secret: rows appended after the last signed document, chained as the
    // program chains them, are indistinguishable from the program's own.
    assert_eq!(code, Some(0), "{said}");
}

// ---- The validators' one disagreement on a genuine file ----

/// The demo's office hands out a current CRL (issued when the demo was made): the genuine RKT
/// is genuine for all three, pyHanko required to check the list included.
#[test]
fn the_demo_s_current_crl_lets_all_three_trust_the_genuine_rkt() {
    let office = Office::demo();
    let genuine = office.signed_rkt();
    let (cer, crl) = office.certificate("Sertifikat kantor");
    let v = Elsewhere::trusting(&cer).verify(&genuine);
    let p = pdfsig(&genuine, &cer, Some(&crl));
    let h = pyhanko(&genuine, &cer, Some(&crl), "now");
    evidence("the genuine RKT with the demo's current CRL", &v, &p, &h);
    assert_eq!(v.0, Some(0), "{}", v.1);
    assert!(!v.1.contains("sudah lewat masa berlakunya"), "{}", v.1);
    assert!(v.1.contains("tidak dicabut"), "{}", v.1);
    assert!(p.contains("Certificate is Trusted"), "{p}");
    assert!(
        h[0].is("intact") && h[0].is("valid") && h[0].is("trusted") && h[0].is("bottom_line"),
        "{}",
        h[0].0
    );
}
