//! The office's root certificate and each signer's key and certificate (ECDSA P-256, what
//! Adobe, poppler and OpenSSL verify). The keys are kept as .p12 files under a passphrase
//! (`p12`), never under a PIN.

use std::str::FromStr;
use std::time::{Duration, SystemTime};

use argon2::password_hash::rand_core::{OsRng, RngCore};
use p256::ecdsa::{DerSignature, SigningKey};
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
    v.trim()
        .chars()
        .take(max)
        .collect::<String>()
        .trim_end()
        .to_string()
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

/// Certificates (DER) as one PEM text, the way a chain is kept.
pub fn chain_pem(certs: &[Vec<u8>]) -> Result<String, KeyError> {
    certs.iter().map(|c| certificate_pem(c)).collect()
}

/// A PEM chain read back (DER each, in order).
pub fn pem_chain(pem: &[u8]) -> Result<Vec<Vec<u8>>, KeyError> {
    if pem.is_empty() {
        return Ok(Vec::new());
    }
    Certificate::load_pem_chain(pem)
        .map_err(damaged)?
        .iter()
        .map(|c| c.to_der().map_err(damaged))
        .collect()
}

/// Whether `issuer` signed `cert` (its issuer name and signature; ECDSA P-256 only).
pub fn issued_by(cert: &[u8], issuer: &[u8]) -> bool {
    use p256::ecdsa::signature::Verifier;
    use p256::pkcs8::DecodePublicKey;
    let (Ok(c), Ok(i)) = (Certificate::from_der(cert), Certificate::from_der(issuer)) else {
        return false;
    };
    if c.tbs_certificate.issuer != i.tbs_certificate.subject {
        return false;
    }
    let (Ok(tbs), Ok(spki)) = (
        c.tbs_certificate.to_der(),
        i.tbs_certificate.subject_public_key_info.to_der(),
    ) else {
        return false;
    };
    let Ok(key) = p256::ecdsa::VerifyingKey::from_public_key_der(&spki) else {
        return false;
    };
    let Ok(sig) = p256::ecdsa::DerSignature::try_from(c.signature.raw_bytes()) else {
        return false;
    };
    key.verify(&tbs, &sig).is_ok()
}

/// A certificate's notBefore (seconds since 1970).
pub fn certificate_not_before(cert_der: &[u8]) -> Result<i64, KeyError> {
    let cert = Certificate::from_der(cert_der).map_err(damaged)?;
    Ok(super::profile::validity(&cert).0)
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

#[cfg(test)]
mod tests {
    use super::*;
    use p256::ecdsa::signature::Verifier;
    use p256::ecdsa::{DerSignature, VerifyingKey};
    use p256::pkcs8::DecodePublicKey;
    use x509_cert::der::asn1::ObjectIdentifier;

    use crate::digital_signature::test_certs::head;

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
            for atv in cert
                .tbs_certificate
                .subject
                .0
                .iter()
                .flat_map(|r| r.0.iter())
            {
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
