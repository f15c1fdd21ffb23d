//! The office's root certificate and each signer's key and certificate (ECDSA P-256, what
//! Adobe, poppler and OpenSSL verify), and a signer's private key kept only encrypted under a
//! key derived from their PIN (argon2id, then AES-256-GCM).

use std::str::FromStr;
use std::time::{Duration, SystemTime};

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use p256::ecdsa::{DerSignature, SigningKey};
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::der::asn1::{GeneralizedTime, UtcTime};
use x509_cert::der::{Decode, Encode};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::{Time, Validity};

/// A certificate's lifetime: the office root outlives many heads; a signer's covers a term.
const ROOT_YEARS: u64 = 30;
const SIGNER_YEARS: u64 = 10;

/// Why a key or certificate could not be made or opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// The PIN does not open the key (or the sealed key was changed).
    WrongPin,
    /// Stored data that is not a key or certificate of ours.
    Damaged(String),
    /// A certificate offered as an office certificate that may not issue certificates.
    NotIssuer(String),
    /// Well-formed, but refused (a request not signed by its own key, a list signed by another
    /// key): the sentence says why.
    Refused(String),
}

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyError::WrongPin => f.write_str("PIN tidak membuka kunci tanda tangan."),
            KeyError::Damaged(why) => write!(f, "Kunci atau sertifikat rusak: {why}."),
            KeyError::NotIssuer(subject) => write!(
                f,
                "{subject} tidak boleh menerbitkan sertifikat (tanpa CA:TRUE dan keyCertSign); mungkin itu sertifikat penanda tangan, bukan sertifikat kantor."
            ),
            KeyError::Refused(why) => f.write_str(why),
        }
    }
}

fn damaged(e: impl std::fmt::Display) -> KeyError {
    KeyError::Damaged(e.to_string())
}

/// Who a signer certificate names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerName<'a> {
    pub name: &'a str,
    /// 18 digits, or empty.
    pub nip: &'a str,
    pub position: &'a str,
    pub office: &'a str,
}

/// A value for an RFC 4514 name string: its special characters escaped.
fn rdn_value(v: &str) -> String {
    let mut out = String::new();
    for (i, c) in v.trim().chars().enumerate() {
        if matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';' | '=') || (i == 0 && c == '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// RFC 5280 ub-common-name and ub-organization-name: at most 64 characters.
const UB_NAME: usize = 64;

/// `v` trimmed and cut to at most `max` characters (never inside a character).
fn at_most(v: &str, max: usize) -> String {
    v.trim().chars().take(max).collect::<String>().trim_end().to_string()
}

/// A name of just a common name (cut to 64 characters): what a certification request names.
pub(crate) fn common_name(cn: &str) -> Result<Name, KeyError> {
    name(&[("CN", &at_most(cn, UB_NAME))])
}

/// The office root's common name: "Sertifikat Kantor <office>", the office's name cut so the
/// whole stays within 64 characters (RFC 5280 ub-common-name; longer, strict verifiers refuse
/// the certificate). The full name, up to 64 characters too, is its O=.
fn root_common_name(office: &str) -> String {
    const PREFIX: &str = "Sertifikat Kantor ";
    at_most(
        &format!(
            "{PREFIX}{}",
            at_most(office, UB_NAME - PREFIX.chars().count())
        ),
        UB_NAME,
    )
}

fn name(parts: &[(&str, &str)]) -> Result<Name, KeyError> {
    let text = parts
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", rdn_value(v)))
        .collect::<Vec<_>>()
        .join(",");
    Name::from_str(&text).map_err(damaged)
}

/// A random positive serial number (RFC 5280: unique per issuer, at most 20 octets).
fn serial() -> Result<SerialNumber, KeyError> {
    let mut b = [0u8; 16];
    OsRng.fill_bytes(&mut b);
    b[0] &= 0x7f;
    b[0] |= 0x01;
    SerialNumber::new(&b).map_err(damaged)
}

fn spki(key: &SigningKey) -> Result<SubjectPublicKeyInfoOwned, KeyError> {
    SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).map_err(damaged)
}

/// When a certificate is issued: its validity starts then. The store's moment (office time and
/// its offset), so that a signature the store dates at that moment or later falls within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IssuedAt {
    /// Seconds since 1970 (UTC).
    unix: u64,
}

impl IssuedAt {
    pub fn new(at: chrono::NaiveDateTime, offset: chrono::FixedOffset) -> Result<Self, KeyError> {
        let unix = at
            .and_utc()
            .timestamp()
            .checked_sub(i64::from(offset.local_minus_utc()))
            .and_then(|s| u64::try_from(s).ok())
            .ok_or_else(|| damaged("waktu terbit sebelum 1970"))?;
        Ok(IssuedAt { unix })
    }

    /// This computer's clock.
    pub fn now() -> Result<Self, KeyError> {
        let unix = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_err(damaged)?
            .as_secs();
        Ok(IssuedAt { unix })
    }
}

/// RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime after.
fn x509_time(unix: u64) -> Result<Time, KeyError> {
    let d = Duration::from_secs(unix);
    UtcTime::from_unix_duration(d)
        .map(Time::UtcTime)
        .or_else(|_| GeneralizedTime::from_unix_duration(d).map(Time::GeneralTime))
        .map_err(damaged)
}

fn years(from: IssuedAt, n: u64) -> Result<Validity, KeyError> {
    let until = n
        .checked_mul(365 * 24 * 3600)
        .and_then(|d| from.unix.checked_add(d))
        .ok_or_else(|| damaged("masa berlaku terlalu panjang"))?;
    Ok(Validity {
        not_before: x509_time(from.unix)?,
        not_after: x509_time(until)?,
    })
}

/// The office's own root: a new key and its self-signed CA certificate (DER), valid from now.
pub fn new_office_root(office: &str) -> Result<(SigningKey, Vec<u8>), KeyError> {
    new_office_root_at(office, IssuedAt::now()?)
}

/// The office's own root, valid from `issued`.
pub fn new_office_root_at(
    office: &str,
    issued: IssuedAt,
) -> Result<(SigningKey, Vec<u8>), KeyError> {
    let key = SigningKey::random(&mut OsRng);
    let subject = name(&[
        ("CN", &root_common_name(office)),
        ("O", &at_most(office, UB_NAME)),
        ("C", "ID"),
    ])?;
    let builder = CertificateBuilder::new(
        Profile::Root,
        serial()?,
        years(issued, ROOT_YEARS)?,
        subject,
        spki(&key)?,
        &key,
    )
    .map_err(damaged)?;
    let cert = builder.build::<DerSignature>().map_err(damaged)?;
    Ok((key, cert.to_der().map_err(damaged)?))
}

/// A new key for a signer and its certificate, issued by the office root.
pub fn new_signer(
    who: &SignerName<'_>,
    root_key: &SigningKey,
    root_cert: &[u8],
) -> Result<(SigningKey, Vec<u8>), KeyError> {
    let key = SigningKey::random(&mut OsRng);
    let cert = issue(who, &public_key_der(&key)?, root_key, root_cert)?;
    Ok((key, cert))
}

/// A new private key for a signer, its certificate to be issued (`issue`) from its public half.
pub fn new_key() -> SigningKey {
    SigningKey::random(&mut OsRng)
}

/// The public half of a key (SubjectPublicKeyInfo, DER): what a certificate is issued for.
pub fn public_key_der(key: &SigningKey) -> Result<Vec<u8>, KeyError> {
    spki(key)?.to_der().map_err(damaged)
}

/// The certificate of a signer's public key (SubjectPublicKeyInfo DER), issued by the office
/// root, valid from now.
pub fn issue(
    who: &SignerName<'_>,
    public_key: &[u8],
    root_key: &SigningKey,
    root_cert: &[u8],
) -> Result<Vec<u8>, KeyError> {
    issue_at(who, public_key, root_key, root_cert, IssuedAt::now()?)
}

/// The certificate of a signer's public key, issued by the office root, valid from `issued`.
pub fn issue_at(
    who: &SignerName<'_>,
    public_key: &[u8],
    root_key: &SigningKey,
    root_cert: &[u8],
    issued: IssuedAt,
) -> Result<Vec<u8>, KeyError> {
    let root = Certificate::from_der(root_cert).map_err(damaged)?;
    let spki = SubjectPublicKeyInfoOwned::from_der(public_key).map_err(damaged)?;
    // serialNumber (2.5.4.5) carries the NIP; title (2.5.4.12) the position.
    let subject = name(&[
        ("CN", who.name),
        ("2.5.4.5", who.nip),
        ("2.5.4.12", who.position),
        ("O", who.office),
        ("C", "ID"),
    ])?;
    let builder = CertificateBuilder::new(
        Profile::Leaf {
            issuer: root.tbs_certificate.subject.clone(),
            enable_key_agreement: false,
            enable_key_encipherment: false,
        },
        serial()?,
        years(issued, SIGNER_YEARS)?,
        subject,
        spki,
        root_key,
    )
    .map_err(damaged)?;
    let cert = builder.build::<DerSignature>().map_err(damaged)?;
    cert.to_der().map_err(damaged)
}

/// The certificate as PEM text (what "Sertifikat kantor ….cer" holds: Windows and OpenSSL
/// open it).
pub fn certificate_pem(cert_der: &[u8]) -> Result<String, KeyError> {
    use x509_cert::der::EncodePem;
    Certificate::from_der(cert_der)
        .map_err(damaged)?
        .to_pem(x509_cert::der::pem::LineEnding::CRLF)
        .map_err(damaged)
}

/// An office certificate from a file, DER or PEM: its DER and its subject. Refused unless it
/// may issue certificates (CA:TRUE and keyCertSign): trusting a signer's own certificate as an
/// office's would let its key vouch for any name.
pub fn read_certificate(file: &[u8]) -> Result<(Vec<u8>, String), KeyError> {
    use x509_cert::der::DecodePem;
    let cert = if file.starts_with(b"-----BEGIN") {
        Certificate::from_pem(file).map_err(damaged)?
    } else {
        Certificate::from_der(file).map_err(damaged)?
    };
    let uses = super::profile::uses(&cert).map_err(damaged)?;
    if !uses.issues_certificates() {
        return Err(KeyError::NotIssuer(format!(
            "Sertifikat \"{}\"",
            cert.tbs_certificate.subject
        )));
    }
    Ok((
        cert.to_der().map_err(damaged)?,
        cert.tbs_certificate.subject.to_string(),
    ))
}

/// SHA-256 of a certificate, as "AB:CD:…" (what Windows and OpenSSL show as its fingerprint).
pub fn fingerprint(cert_der: &[u8]) -> String {
    Sha256::digest(cert_der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// A certificate's public key (SubjectPublicKeyInfo DER): what a key opened from a .p12 must
/// match before it is used as that certificate's key.
pub fn certificate_public_key(cert_der: &[u8]) -> Result<Vec<u8>, KeyError> {
    let cert = Certificate::from_der(cert_der).map_err(damaged)?;
    cert.tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(damaged)
}

/// A private key as stored: encrypted, never in the clear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedKey {
    /// `SEAL_MAGIC`, argon2id memory (KiB) and passes (u32 LE each), salt (16 bytes), AES-GCM
    /// nonce (12 bytes), then the ciphertext. Keys sealed before the header (#14's first
    /// version) have none and used `LEGACY_COST`.
    pub bytes: Vec<u8>,
}

/// The argon2id cost of the key that seals a private key: far heavier than the PIN check, as a
/// six-digit PIN is what an attacker with a copy of the database would try (10^6 PINs × this
/// cost). Measured (benches/pdf.rs): about a second on the 2-core build machine. Kept in each
/// sealed key, so raising it later still opens the keys sealed before.
const SEAL_COST: (u32, u32) = (256 * 1024, 4);
const LEGACY_COST: (u32, u32) = (64 * 1024, 3);
const SEAL_MAGIC: &[u8; 4] = b"SRK2";
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 12;

fn pin_key(pin: &str, salt: &[u8], (memory_kib, passes): (u32, u32)) -> Result<[u8; 32], KeyError> {
    let params = argon2::Params::new(memory_kib, passes, 1, Some(32)).map_err(damaged)?;
    let a = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut out = [0u8; 32];
    a.hash_password_into(pin.as_bytes(), salt, &mut out)
        .map_err(damaged)?;
    Ok(out)
}

pub fn seal(key: &SigningKey, pin: &str) -> Result<SealedKey, KeyError> {
    let pkcs8 = key.to_pkcs8_der().map_err(damaged)?;
    let mut salt = [0u8; SALT_LEN];
    let mut nonce = [0u8; NONCE_LEN];
    OsRng.fill_bytes(&mut salt);
    OsRng.fill_bytes(&mut nonce);
    let aead = Aes256Gcm::new_from_slice(&pin_key(pin, &salt, SEAL_COST)?).map_err(damaged)?;
    let ct = aead
        .encrypt(Nonce::from_slice(&nonce), pkcs8.as_bytes())
        .map_err(damaged)?;
    let (memory_kib, passes) = SEAL_COST;
    Ok(SealedKey {
        bytes: [
            &SEAL_MAGIC[..],
            &memory_kib.to_le_bytes(),
            &passes.to_le_bytes(),
            &salt,
            &nonce,
            &ct,
        ]
        .concat(),
    })
}

/// The cost a sealed key was made with, and the rest of its bytes.
fn seal_header(bytes: &[u8]) -> Result<((u32, u32), &[u8]), KeyError> {
    let Some(rest) = bytes.strip_prefix(&SEAL_MAGIC[..]) else {
        return Ok((LEGACY_COST, bytes));
    };
    if rest.len() < 8 {
        return Err(KeyError::Damaged("kunci tersimpan terlalu pendek".into()));
    }
    let word = |i: usize| u32::from_le_bytes([rest[i], rest[i + 1], rest[i + 2], rest[i + 3]]);
    let cost = (word(0), word(4));
    // A damaged header must not make the program ask for gigabytes.
    if cost.0 > 4 * 1024 * 1024 || cost.1 > 64 {
        return Err(KeyError::Damaged("biaya argon2 kunci tidak wajar".into()));
    }
    Ok((cost, &rest[8..]))
}

pub fn open(sealed: &SealedKey, pin: &str) -> Result<SigningKey, KeyError> {
    let (cost, body) = seal_header(&sealed.bytes)?;
    if body.len() < SALT_LEN + NONCE_LEN + 16 {
        return Err(KeyError::Damaged("kunci tersimpan terlalu pendek".into()));
    }
    let (salt, rest) = body.split_at(SALT_LEN);
    let (nonce, ct) = rest.split_at(NONCE_LEN);
    let aead = Aes256Gcm::new_from_slice(&pin_key(pin, salt, cost)?).map_err(damaged)?;
    let plain = aead
        .decrypt(Nonce::from_slice(nonce), ct)
        .map_err(|_| KeyError::WrongPin)?;
    SigningKey::from_pkcs8_der(&plain).map_err(damaged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::ecdsa::signature::Verifier;
    use p256::ecdsa::{DerSignature, VerifyingKey};
    use p256::pkcs8::DecodePublicKey;
    use x509_cert::der::asn1::ObjectIdentifier;

    fn head() -> SignerName<'static> {
        SignerName {
            name: "Drs. H. Rusdi Hamdani, M.Si.",
            nip: "197104152000031007",
            position: "Kepala Satuan Polisi Pamong Praja",
            office: "Satuan Polisi Pamong Praja Kabupaten Balangan",
        }
    }

    /// The signer's certificate carries their name (comma and all), NIP and position, is signed
    /// by the office root, and holds the public half of the key.
    #[test]
    fn a_signer_certificate_is_issued_by_the_office_root() {
        let (root_key, root_der) = new_office_root(head().office).unwrap();
        let (key, cert_der) = new_signer(&head(), &root_key, &root_der).unwrap();
        let root = Certificate::from_der(&root_der).unwrap();
        let cert = Certificate::from_der(&cert_der).unwrap();
        let subject = cert.tbs_certificate.subject.to_string();
        assert!(subject.contains("Rusdi Hamdani\\, M.Si."), "{subject}");
        assert!(subject.contains("197104152000031007"), "{subject}");
        assert_eq!(cert.tbs_certificate.issuer, root.tbs_certificate.subject);
        // The root's key signed the signer's certificate.
        let root_pub = VerifyingKey::from_public_key_der(
            &root
                .tbs_certificate
                .subject_public_key_info
                .to_der()
                .unwrap(),
        )
        .unwrap();
        let sig = DerSignature::try_from(cert.signature.raw_bytes()).unwrap();
        root_pub
            .verify(&cert.tbs_certificate.to_der().unwrap(), &sig)
            .unwrap();
        // And the certificate holds the signer's public key.
        let signer_pub = VerifyingKey::from_public_key_der(
            &cert
                .tbs_certificate
                .subject_public_key_info
                .to_der()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(&signer_pub, key.verifying_key());
        // OpenSSL, as another computer would, accepts the chain.
        let dir = tempfile::tempdir().unwrap();
        let pem = |der: &[u8]| {
            use x509_cert::der::EncodePem;
            Certificate::from_der(der)
                .unwrap()
                .to_pem(x509_cert::der::pem::LineEnding::LF)
                .unwrap()
        };
        std::fs::write(dir.path().join("root.pem"), pem(&root_der)).unwrap();
        std::fs::write(dir.path().join("head.pem"), pem(&cert_der)).unwrap();
        let out = std::process::Command::new("openssl")
            .args(["verify", "-CAfile"])
            .arg(dir.path().join("root.pem"))
            .arg(dir.path().join("head.pem"))
            .output()
            .expect("openssl is installed");
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(fingerprint(&root_der).len(), 32 * 3 - 1);
    }

    /// The root may sign certificates and revocation lists (keyCertSign, cRLSign), and its
    /// names stay within RFC 5280's 64 characters, cut on a character, whatever the office's
    /// name is.
    #[test]
    fn the_office_root_signs_crls_and_its_names_fit_64_characters() {
        let (_, root) = new_office_root(head().office).unwrap();
        let cert = Certificate::from_der(&root).unwrap();
        let ku = super::super::profile::uses(&cert)
            .unwrap()
            .key_usage
            .unwrap();
        assert!(ku.key_cert_sign() && ku.crl_sign());
        let cn = |cert: &Certificate| {
            cert.tbs_certificate
                .subject
                .0
                .iter()
                .flat_map(|rdn| rdn.0.iter())
                .find(|a| a.oid == ObjectIdentifier::new_unwrap("2.5.4.3"))
                .map(|a| String::from_utf8(a.value.value().to_vec()).unwrap())
                .unwrap()
        };
        assert_eq!(
            cn(&cert),
            "Sertifikat Kantor Satuan Polisi Pamong Praja Kabupaten Balangan"
        );
        assert!(cn(&cert).chars().count() <= 64);
        // Long names, multi-byte letters at the cut, characters a name string escapes.
        for office in [
            "Satuan Polisi Pamong Praja dan Pemadam Kebakaran Kabupaten Hulu Sungai Tengah",
            &"é".repeat(100),
            &"Kantor, \"Contoh\" + ; = < > # ".repeat(5),
            "  ",
            "",
        ] {
            let (_, root) = new_office_root(office).unwrap();
            let cert = Certificate::from_der(&root).unwrap();
            let name = cn(&cert);
            assert!(name.chars().count() <= 64, "{name}");
            assert!(name.starts_with("Sertifikat Kantor"), "{name}");
            for atv in cert.tbs_certificate.subject.0.iter().flat_map(|r| r.0.iter()) {
                let v = std::str::from_utf8(atv.value.value()).unwrap();
                assert!(v.chars().count() <= 64, "{v}");
            }
        }
        for n in 0..80 {
            let cut = at_most(&"ñ".repeat(n), 64);
            assert_eq!(cut.chars().count(), n.min(64));
        }
    }

    #[test]
    fn a_sealed_key_opens_only_with_its_pin() {
        let key = SigningKey::random(&mut OsRng);
        let sealed = seal(&key, "480213").unwrap();
        // The key is not in the stored bytes.
        let plain = key.to_pkcs8_der().unwrap();
        assert!(
            !sealed
                .bytes
                .windows(32)
                .any(|w| plain.as_bytes().windows(32).any(|p| p == w))
        );
        assert_eq!(open(&sealed, "480214"), Err(KeyError::WrongPin));
        assert_eq!(open(&sealed, "480213").unwrap(), key);
        let mut changed = sealed.clone();
        let last = changed.bytes.len() - 1;
        changed.bytes[last] ^= 1;
        assert_eq!(open(&changed, "480213"), Err(KeyError::WrongPin));
    }

    /// A key sealed by #14's first version (no header, the lighter cost) still opens, and a
    /// new seal names its cost.
    #[test]
    fn a_key_sealed_before_the_cost_header_still_opens() {
        let key = SigningKey::random(&mut OsRng);
        let (salt, nonce) = ([7u8; SALT_LEN], [9u8; NONCE_LEN]);
        let aead =
            Aes256Gcm::new_from_slice(&pin_key("480213", &salt, LEGACY_COST).unwrap()).unwrap();
        let ct = aead
            .encrypt(
                Nonce::from_slice(&nonce),
                key.to_pkcs8_der().unwrap().as_bytes(),
            )
            .unwrap();
        let legacy = SealedKey {
            bytes: [&salt[..], &nonce, &ct].concat(),
        };
        assert_eq!(open(&legacy, "480213").unwrap(), key);
        assert_eq!(open(&legacy, "480214"), Err(KeyError::WrongPin));

        let sealed = seal(&key, "480213").unwrap();
        assert_eq!(seal_header(&sealed.bytes).unwrap().0, SEAL_COST);
        let mut greedy = sealed.clone();
        greedy.bytes[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(open(&greedy, "480213"), Err(KeyError::Damaged(_))));
    }

    /// `trust-certificate` reads with this: only a certificate that may issue certificates
    /// (CA:TRUE and keyCertSign) is an office certificate.
    #[test]
    fn only_a_ca_certificate_that_signs_certificates_is_read_as_an_office_s() {
        use crate::digital_signature::test_certs as t;
        use x509_cert::der::EncodePem;
        let (root_key, root) = new_office_root(head().office).unwrap();
        let (_, cert) = new_signer(&head(), &root_key, &root).unwrap();
        assert_eq!(read_certificate(&root).unwrap().0, root);
        let pem = Certificate::from_der(&root)
            .unwrap()
            .to_pem(x509_cert::der::pem::LineEnding::CRLF)
            .unwrap();
        assert_eq!(read_certificate(pem.as_bytes()).unwrap().0, root);
        // The head's own certificate, as a careless or crafty verifier might be handed.
        let err = read_certificate(&cert).unwrap_err();
        assert!(matches!(err, KeyError::NotIssuer(_)), "{err:?}");
        assert!(err.to_string().contains("Rusdi Hamdani"), "{err}");
        assert!(err.to_string().contains("CA:TRUE dan keyCertSign"), "{err}");
        // CA:TRUE without keyCertSign, and keyCertSign without CA:TRUE.
        let ku = x509_cert::ext::pkix::KeyUsage(x509_cert::ext::pkix::KeyUsages::CRLSign.into());
        let no_cert_sign = t::resigned(&root, &root_key, |tbs| {
            t::set_extension(tbs, t::KEY_USAGE, true, Some(ku.to_der().unwrap()))
        });
        assert!(matches!(
            read_certificate(&no_cert_sign),
            Err(KeyError::NotIssuer(_))
        ));
        let not_ca = t::resigned(&root, &root_key, |tbs| {
            t::set_extension(tbs, t::BASIC_CONSTRAINTS, true, None)
        });
        assert!(matches!(
            read_certificate(&not_ca),
            Err(KeyError::NotIssuer(_))
        ));
        assert!(matches!(
            read_certificate(b"bukan sertifikat"),
            Err(KeyError::Damaged(_))
        ));
    }

    /// A certificate is valid from the store's moment it is issued at (office time), written
    /// as RFC 5280 wants: UTCTime through 2049, GeneralizedTime after.
    #[test]
    fn a_certificate_is_valid_from_the_moment_it_is_issued() {
        let local = crate::test_time::moment(2025, 1, 20, 9, 0);
        let issued = IssuedAt::new(local, crate::domain::calendar::wita()).unwrap();
        let (root_key, root) = new_office_root_at(head().office, issued).unwrap();
        let key = new_key();
        let cert = issue_at(
            &head(),
            &public_key_der(&key).unwrap(),
            &root_key,
            &root,
            issued,
        )
        .unwrap();
        let utc = local.and_utc().timestamp() - 8 * 3600;
        let root = Certificate::from_der(&root).unwrap();
        let cert = Certificate::from_der(&cert).unwrap();
        let year = 365 * 24 * 3600;
        assert_eq!(
            super::super::profile::validity(&cert),
            (utc, utc + 10 * year)
        );
        assert_eq!(
            super::super::profile::validity(&root),
            (utc, utc + 30 * year)
        );
        assert!(matches!(
            cert.tbs_certificate.validity.not_before,
            Time::UtcTime(_)
        ));
        assert!(matches!(
            root.tbs_certificate.validity.not_after,
            Time::GeneralTime(_)
        ));
        assert!(
            IssuedAt::new(
                crate::test_time::moment(1969, 12, 31, 0, 0),
                crate::domain::calendar::wita()
            )
            .is_err()
        );
    }
}
