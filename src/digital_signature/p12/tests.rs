use std::path::Path;
use std::process::Command;

use p256::pkcs8::DecodePrivateKey;

use super::*;
use crate::digital_signature::keys;

/// Small enough for debug-build tests; the file records it, so opening is no different.
const FAST: u32 = 2048;
const PASS: &str = "kopi-hitam-di-tepi-sungai-barito";

use crate::digital_signature::test_certs::head;

/// A signer's key, its certificate and the office root above it.
fn signer() -> (SigningKey, Vec<u8>, Vec<u8>) {
    let (root_key, root) = keys::new_office_root(head().office).unwrap();
    let (key, cert) = keys::new_signer(&head(), &root_key, &root).unwrap();
    (key, cert, root)
}

fn same_key(a: &SigningKey, b: &SigningKey) -> bool {
    a.to_bytes() == b.to_bytes()
}

#[test]
fn a_key_alone_and_a_key_with_its_chain_open_again() {
    let (key, cert, root) = signer();
    let alone = write(&key, &[], PASS, FAST, "Kepala").unwrap();
    let opened = open(&alone, PASS).unwrap();
    assert!(same_key(&opened.key, &key));
    assert!(opened.certs.is_empty());

    let chain = write(&key, &[cert.clone(), root.clone()], PASS, FAST, "Kepala").unwrap();
    let opened = open(&chain, PASS).unwrap();
    assert!(same_key(&opened.key, &key));
    assert_eq!(opened.certs, vec![cert, root]);
    // Each file has its own salts and IV.
    assert_ne!(write(&key, &[], PASS, FAST, "Kepala").unwrap(), alone);
}

#[test]
fn the_first_certificate_must_be_the_keys() {
    let (key, _, root) = signer();
    assert_eq!(
        write(&key, &[root], PASS, FAST, "x").unwrap_err(),
        P12Error::CertificateNotOfKey
    );
    assert!(matches!(
        write(&key, &[], "", FAST, "x"),
        Err(P12Error::Write(_))
    ));
}

#[test]
fn a_wrong_passphrase_is_said_so() {
    let (key, cert, root) = signer();
    let file = write(&key, &[cert, root], PASS, FAST, "Kepala").unwrap();
    for wrong in [
        "kopi-hitam-di-tepi-sungai-barit0",
        "KOPI-HITAM-DI-TEPI-SUNGAI-BARITO",
        "x",
        "rahasia123456",
        "kopi-hitam-di-tepi-sungai-barito ",
    ] {
        let e = open(&file, wrong).unwrap_err();
        assert_eq!(e, P12Error::WrongPassphrase, "{wrong}");
        assert_eq!(e.to_string(), "Kata sandi kunci salah.");
    }
}

#[test]
fn garbage_and_every_truncation_are_refused_without_a_panic() {
    let (key, cert, root) = signer();
    let file = write(&key, &[cert, root], PASS, FAST, "Kepala").unwrap();
    for len in 0..file.len() {
        let e = open(&file[..len], PASS).unwrap_err();
        assert_eq!(e, P12Error::NotP12, "truncated to {len}");
        assert!(kdf_params(&file[..len]).is_err(), "truncated to {len}");
    }
    for garbage in [
        &b""[..],
        b"hello",
        b"%PDF-1.7\n",
        &[0x30, 0x80, 0, 0],
        &[0x30; 64],
    ] {
        let e = open(garbage, PASS).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Berkas itu bukan berkas kunci .p12 yang bisa dibaca."
        );
    }
    // Every byte flipped in turn: an error, or (a flip in the MAC, a salt of the MAC, an
    // attribute) the same key again; never a panic, never another key.
    for i in 0..file.len() {
        let mut bad = file.clone();
        bad[i] ^= 0xA5;
        if let Ok(o) = open(&bad, PASS) {
            assert!(same_key(&o.key, &key), "byte {i}");
        }
    }
}

/// Seven seconds of a debug build: PBKDF2 at ITERATIONS, once.
#[test]
fn the_file_records_its_cost_and_the_mac_costs_as_much() {
    let key = keys::new_key();
    let file = write_at(&key, &[], PASS, (ITERATIONS, FAST), "Kepala").unwrap();
    let p = kdf_params(&file).unwrap();
    assert_eq!(
        p.key,
        Some(KeyKdf::Pbkdf2 {
            prf: Prf::HmacSha256,
            iterations: ITERATIONS
        })
    );
    // `write` keys the MAC at twice the key bag's count.
    let file = write(&key, &[], PASS, FAST, "Kepala").unwrap();
    assert_eq!(kdf_params(&file).unwrap().mac_iterations, Some(2 * FAST));
    assert_eq!(mac_iterations(ITERATIONS), 2 * ITERATIONS);
    assert_eq!(mac_iterations(u32::MAX), i32::MAX as u32);
}

#[test]
fn only_p256_keys_sign_and_others_are_named() {
    // An RSA PKCS#8 key (what a PSrE such as BSrE issues) stored as a plain keyBag.
    let rsa = rsa_pkcs8_2048();
    let doc = SecretDocument::try_from(rsa.as_slice()).unwrap();
    let e = p256_key(&doc).unwrap_err();
    assert_eq!(e, P12Error::UnsupportedKey("RSA 2048 bit".into()));
    assert_eq!(
        e.to_string(),
        "Program ini baru bisa menandatangani dengan kunci ECDSA P-256; kunci di berkas itu RSA 2048 bit."
    );
}

/// A fixed RSA-2048 PKCS#8 header followed by a modulus: enough for `rsa_bits`, which reads
/// only the version and the modulus.
fn rsa_pkcs8_2048() -> Vec<u8> {
    use x509_cert::der::asn1::{Null, UintRef};
    let mut modulus = vec![0xC5u8; 256];
    modulus[255] = 0x01;
    let rsa_key = (|| -> x509_cert::der::Result<Vec<u8>> {
        let seq = [
            UintRef::new(&[0])?.to_der()?,
            UintRef::new(&modulus)?.to_der()?,
            UintRef::new(&[1, 0, 1])?.to_der()?,
        ]
        .concat();
        let mut out = Header::new(Tag::Sequence, seq.len())?.to_der()?;
        out.extend(seq);
        Ok(out)
    })()
    .unwrap();
    let info = pkcs8::PrivateKeyInfo {
        algorithm: pkcs8::AlgorithmIdentifierRef {
            oid: RSA_ENCRYPTION,
            parameters: Some(AnyRef::from(Null)),
        },
        private_key: &rsa_key,
        public_key: None,
    };
    info.to_der().unwrap()
}

// --- Interoperability with OpenSSL and Python's cryptography --------------------------------

fn have(tool: &str, arg: &str) -> bool {
    let ok = Command::new(tool)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        println!("CATATAN: {tool} tidak ada; uji interoperabilitas dengan {tool} dilewati.");
    }
    ok
}

fn openssl(dir: &Path, args: &[&str]) -> std::process::Output {
    let out = Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A P-256 key and self-signed certificate made by OpenSSL in `dir` (key.pem, cert.pem).
fn openssl_key_and_cert(dir: &Path, algorithm: &[&str]) -> Vec<u8> {
    let mut args = vec!["genpkey"];
    args.extend_from_slice(algorithm);
    args.extend_from_slice(&["-out", "key.pem"]);
    openssl(dir, &args);
    openssl(
        dir,
        &[
            "req", "-new", "-x509", "-key", "key.pem", "-subj", "/CN=Uji", "-days", "2", "-out",
            "cert.pem",
        ],
    );
    openssl(
        dir,
        &[
            "x509", "-in", "cert.pem", "-outform", "DER", "-out", "cert.der",
        ],
    );
    std::fs::read(dir.join("cert.der")).unwrap()
}

const P256: [&str; 4] = ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"];

#[test]
fn files_written_by_openssl_open_with_the_same_key() {
    if !have("openssl", "version") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cert = openssl_key_and_cert(d, &P256);
    let pem = std::fs::read_to_string(d.join("key.pem")).unwrap();
    let key = SigningKey::from_pkcs8_pem(&pem).unwrap();
    // Non-ASCII: PBES2 takes UTF-8 bytes and the MAC BMPString, as OpenSSL does.
    let pass = "kopi-hitam-é-barito";
    let passout = format!("pass:{pass}");
    let export = |name: &str, extra: &[&str]| {
        let mut args = vec![
            "pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-name", "Uji", "-out",
            name, "-passout", &passout,
        ];
        args.extend_from_slice(extra);
        openssl(d, &args);
        std::fs::read(d.join(name)).unwrap()
    };
    let aes = export(
        "aes.p12",
        &[
            "-keypbe",
            "AES-256-CBC",
            "-certpbe",
            "AES-256-CBC",
            "-macalg",
            "sha256",
        ],
    );
    let default = export("default.p12", &[]);
    let aes128 = export(
        "aes128.p12",
        &["-keypbe", "AES-128-CBC", "-certpbe", "NONE"],
    );
    for (what, file) in [("aes", &aes), ("default", &default), ("aes128", &aes128)] {
        let o = open(file, pass).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(same_key(&o.key, &key), "{what}");
        assert_eq!(o.certs, vec![cert.clone()], "{what}");
        assert_eq!(open(file, "salah").unwrap_err(), P12Error::WrongPassphrase);
        assert!(matches!(
            kdf_params(file).unwrap().key,
            Some(KeyKdf::Pbkdf2 {
                prf: Prf::HmacSha256,
                ..
            })
        ));
    }

    // PBKDF2-HMAC-SHA1 with AES-128 (older tools' PBES2), as OpenSSL's pkcs8 writes it.
    openssl(
        d,
        &[
            "pkcs8",
            "-topk8",
            "-in",
            "key.pem",
            "-v2",
            "aes-128-cbc",
            "-v2prf",
            "hmacWithSHA1",
            "-iter",
            "1000",
            "-outform",
            "DER",
            "-out",
            "sha1.der",
            "-passout",
            &passout,
        ],
    );
    let epki =
        EncryptedPrivateKeyInfo::from_der(&std::fs::read(d.join("sha1.der")).unwrap()).unwrap();
    assert_eq!(
        oid_kdf(&epki.encryption_algorithm).unwrap(),
        KeyKdf::Pbkdf2 {
            prf: Prf::HmacSha1,
            iterations: 1000
        }
    );
    let plain = decrypt(
        &epki.encryption_algorithm,
        epki.encrypted_data.as_bytes(),
        pass,
    )
    .unwrap();
    let doc = pkcs8_document(&plain).unwrap();
    assert!(same_key(&p256_key(&doc).unwrap(), &key));

    // The old PKCS#12 3DES scheme (older Windows and CA exports): refused with words.
    let legacy = export(
        "legacy.p12",
        &[
            "-keypbe",
            "PBE-SHA1-3DES",
            "-certpbe",
            "PBE-SHA1-3DES",
            "-macalg",
            "sha1",
        ],
    );
    let e = open(&legacy, pass).unwrap_err();
    assert!(matches!(e, P12Error::UnsupportedScheme(_)), "{e:?}");
    assert!(e.to_string().contains("3DES"), "{e}");
    assert!(matches!(
        kdf_params(&legacy).unwrap().key,
        Some(KeyKdf::Pkcs12Legacy {
            iterations: 2048,
            ..
        })
    ));

    // An RSA key: named, and its PKCS#8 still there for a later RSA signer.
    let rsa_dir = tempfile::tempdir().unwrap();
    openssl_key_and_cert(
        rsa_dir.path(),
        &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
    );
    openssl(
        rsa_dir.path(),
        &[
            "pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-out", "rsa.p12",
            "-passout", &passout,
        ],
    );
    let rsa = std::fs::read(rsa_dir.path().join("rsa.p12")).unwrap();
    let e = open(&rsa, pass).unwrap_err();
    assert_eq!(e, P12Error::UnsupportedKey("RSA 2048 bit".into()));
    let any = open_pkcs8(&rsa, pass).unwrap();
    assert_eq!(any.certs.len(), 1);
    assert!(pkcs8::PrivateKeyInfo::try_from(any.pkcs8.as_bytes()).is_ok());
}

#[test]
fn openssl_reads_our_file_and_checks_its_mac() {
    if !have("openssl", "version") {
        return;
    }
    let (key, cert, root) = signer();
    let pass = "kopi-hitam-é-barito";
    let file = write(&key, &[cert, root], pass, FAST, "Kepala Satpol PP").unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ours.p12"), &file).unwrap();
    let out = openssl(
        dir.path(),
        &[
            "pkcs12",
            "-in",
            "ours.p12",
            "-info",
            "-nodes",
            "-passin",
            &format!("pass:{pass}"),
        ],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let info = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("-----BEGIN PRIVATE KEY-----"), "{text}");
    assert_eq!(text.matches("-----BEGIN CERTIFICATE-----").count(), 2);
    assert!(text.contains("friendlyName: Kepala Satpol PP"), "{text}");
    assert!(info.contains("MAC: sha256, Iteration 4096"), "{info}");
    assert!(
        info.contains(
            "Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256"
        ),
        "{info}"
    );
    // The key OpenSSL printed is ours.
    let start = text.find("-----BEGIN PRIVATE KEY-----").unwrap();
    let end = text.find("-----END PRIVATE KEY-----").unwrap() + 25;
    let printed = SigningKey::from_pkcs8_pem(&text[start..end]).unwrap();
    assert!(same_key(&printed, &key));
    // A wrong passphrase fails OpenSSL's MAC check: the MAC is right, not just present.
    let wrong = Command::new("openssl")
        .current_dir(dir.path())
        .args([
            "pkcs12",
            "-in",
            "ours.p12",
            "-nodes",
            "-passin",
            "pass:salah",
        ])
        .output()
        .unwrap();
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("Mac verify error"));
}

#[test]
fn python_cryptography_reads_our_file() {
    if !have("python3", "--version") {
        return;
    }
    let probe = Command::new("python3")
        .args([
            "-c",
            "import cryptography.hazmat.primitives.serialization.pkcs12",
        ])
        .output()
        .unwrap();
    if !probe.status.success() {
        println!("CATATAN: modul cryptography Python tidak ada; uji dilewati.");
        return;
    }
    let (key, cert, root) = signer();
    let pass = "kopi-hitam-é-barito";
    let file = write(&key, &[cert.clone(), root], pass, FAST, "Kepala").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ours.p12");
    std::fs::write(&path, &file).unwrap();
    let script = r#"
import sys
from cryptography.hazmat.primitives.serialization import pkcs12, Encoding, PublicFormat
data = open(sys.argv[1], 'rb').read()
key, cert, extra = pkcs12.load_key_and_certificates(data, sys.argv[2].encode('utf-8'))
print(key.curve.name)
print(key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint).hex())
print(cert.public_bytes(Encoding.DER).hex())
print(len(extra))
"#;
    let out = Command::new("python3")
        .args(["-c", script, path.to_str().unwrap(), pass])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    assert_eq!(lines[0], "secp256r1");
    assert_eq!(
        lines[1],
        hex(key.verifying_key().to_encoded_point(false).as_bytes())
    );
    assert_eq!(lines[2], hex(&cert));
    assert_eq!(lines[3], "1");
}
