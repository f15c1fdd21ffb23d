//! Certificate revocation lists (X.509 v2 CRL, RFC 5280 §5): the office root says which signer
//! certificates it no longer stands behind, and since when. Issued here by the root's key; read
//! back only when its signature holds under the root that issued it. `standing` is what
//! `verify` asks of them for one signature.

use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{DerSignature, SigningKey, VerifyingKey};
use p256::pkcs8::DecodePublicKey;
use x509_cert::Certificate;
use x509_cert::crl::{CertificateList, RevokedCert, TbsCertList};
use x509_cert::der::asn1::{BitString, GeneralizedTime, ObjectIdentifier, OctetString, UtcTime};
use x509_cert::der::referenced::OwnedToRef;
use x509_cert::der::{Decode, Encode};
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::crl::{CrlNumber, CrlReason};
use x509_cert::ext::pkix::{AuthorityKeyIdentifier, SubjectKeyIdentifier};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_cert::time::Time;

use super::keys::{self, KeyError};
use super::moment::office_time;
use super::profile;

const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const SUBJECT_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.14");
const CRL_NUMBER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.20");
const REASON_CODE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.21");
const AUTHORITY_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.35");
const PEM_LABEL: &str = "X509 CRL";

/// A CRL file larger than this is not one of an office's (each entry is ~40 bytes).
pub const MAX_BYTES: u64 = 1024 * 1024;

/// Why a signer certificate was revoked (RFC 5280 §5.3.1 reasonCode, the four an office uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Replaced by a new certificate (a new key, a new name or position).
    Superseded,
    /// The private key is, or may be, in someone else's hands: every signature is doubtful.
    KeyCompromise,
    /// The holder left the office or the position.
    AffiliationChanged,
    /// No longer used.
    CessationOfOperation,
}

impl Reason {
    /// As stored in the database (RFC 5280's names).
    pub fn as_db(self) -> &'static str {
        match self {
            Reason::Superseded => "superseded",
            Reason::KeyCompromise => "keyCompromise",
            Reason::AffiliationChanged => "affiliationChanged",
            Reason::CessationOfOperation => "cessationOfOperation",
        }
    }

    pub fn from_db(s: &str) -> Option<Reason> {
        [
            Reason::Superseded,
            Reason::KeyCompromise,
            Reason::AffiliationChanged,
            Reason::CessationOfOperation,
        ]
        .into_iter()
        .find(|r| r.as_db() == s)
    }

    /// In a sentence: "sertifikat ini {words}".
    pub fn words(self) -> &'static str {
        match self {
            Reason::Superseded => "diganti dengan sertifikat baru",
            Reason::KeyCompromise => "dicabut karena kuncinya bocor",
            Reason::AffiliationChanged => "dicabut karena pemegangnya pindah jabatan atau tugas",
            Reason::CessationOfOperation => "dicabut karena tidak dipakai lagi",
        }
    }

    fn code(self) -> CrlReason {
        match self {
            Reason::Superseded => CrlReason::Superseded,
            Reason::KeyCompromise => CrlReason::KeyCompromise,
            Reason::AffiliationChanged => CrlReason::AffiliationChanged,
            Reason::CessationOfOperation => CrlReason::CessationOfOperation,
        }
    }

    /// A code another issuer may write, read the way that errs on the side of the signature
    /// being doubted: a compromised issuer as a compromised key; the rest (none, unspecified,
    /// on hold, privilege withdrawn) as revoked from the time given.
    fn of_code(code: Option<CrlReason>) -> Reason {
        match code {
            Some(CrlReason::Superseded) => Reason::Superseded,
            Some(CrlReason::AffiliationChanged) => Reason::AffiliationChanged,
            Some(CrlReason::KeyCompromise | CrlReason::CaCompromise | CrlReason::AaCompromise) => {
                Reason::KeyCompromise
            }
            _ => Reason::CessationOfOperation,
        }
    }
}

/// One revoked certificate: its serial number (as the certificate writes it), since when, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revoked {
    pub serial: Vec<u8>,
    /// Seconds since 1970 (UTC).
    pub at_unix: i64,
    pub reason: Reason,
}

/// A CRL read and checked against its issuer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crl {
    /// cRLNumber: a later list of the same issuer has a higher one.
    pub number: u64,
    /// thisUpdate and nextUpdate, seconds since 1970.
    pub this_update: i64,
    pub next_update: i64,
    /// `keys::fingerprint` of the issuer's certificate.
    pub issuer_fingerprint: String,
    pub revoked: Vec<Revoked>,
}

fn damaged(e: impl std::fmt::Display) -> KeyError {
    KeyError::Damaged(e.to_string())
}

/// RFC 5280 §5.1.2.4: UTCTime through 2049, GeneralizedTime after.
fn x509_time(unix: i64) -> Result<Time, KeyError> {
    let secs = u64::try_from(unix).map_err(|_| damaged("waktu CRL sebelum 1970"))?;
    let d = std::time::Duration::from_secs(secs);
    UtcTime::from_unix_duration(d)
        .map(Time::UtcTime)
        .or_else(|_| GeneralizedTime::from_unix_duration(d).map(Time::GeneralTime))
        .map_err(damaged)
}

fn unix(t: &Time) -> i64 {
    i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
}

fn extension(oid: ObjectIdentifier, value: &impl Encode) -> Result<Extension, KeyError> {
    Ok(Extension {
        extn_id: oid,
        critical: false,
        extn_value: OctetString::new(value.to_der().map_err(damaged)?).map_err(damaged)?,
    })
}

/// The certificate's subjectKeyIdentifier, else the one RFC 5280 §4.2.1.2 (1) derives from its
/// key (what our builder writes).
fn key_id(cert: &Certificate) -> Option<Vec<u8>> {
    let written = cert
        .tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == SUBJECT_KEY_ID)
        .map(|e| {
            SubjectKeyIdentifier::from_der(e.extn_value.as_bytes())
                .ok()
                .map(|s| s.0.as_bytes().to_vec())
        });
    match written {
        Some(id) => id,
        None => SubjectKeyIdentifier::try_from(
            cert.tbs_certificate.subject_public_key_info.owned_to_ref(),
        )
        .ok()
        .map(|s| s.0.as_bytes().to_vec()),
    }
}

/// A certificate's serial number (DER), for `Revoked::serial`.
pub fn serial(cert_der: &[u8]) -> Result<Vec<u8>, KeyError> {
    Ok(Certificate::from_der(cert_der)
        .map_err(damaged)?
        .tbs_certificate
        .serial_number
        .as_bytes()
        .to_vec())
}

/// The same serial number, however many leading zero octets either carries.
fn same_serial(a: &[u8], b: &[u8]) -> bool {
    let strip = |s: &[u8]| -> Vec<u8> { s.iter().copied().skip_while(|&x| x == 0).collect() };
    strip(a) == strip(b)
}

/// A CRL (DER) numbered `number`, valid from `this_update_unix` until `next_update_unix`,
/// listing `revoked`, signed by the office root's key (ECDSA P-256 with SHA-256): with the
/// authorityKeyIdentifier of the root and the cRLNumber, and each entry's reasonCode.
pub fn issue(
    root_key: &SigningKey,
    root_cert: &[u8],
    number: u64,
    this_update_unix: i64,
    next_update_unix: i64,
    revoked: &[Revoked],
) -> Result<Vec<u8>, KeyError> {
    let root = Certificate::from_der(root_cert).map_err(damaged)?;
    let root_spki = root
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(damaged)?;
    if keys::public_key_der(root_key)? != root_spki {
        return Err(KeyError::Refused(
            "Kunci itu bukan kunci sertifikat kantor yang menerbitkan daftar pencabutan ini."
                .into(),
        ));
    }
    if next_update_unix < this_update_unix {
        return Err(KeyError::Refused(
            "Daftar pencabutan berakhir sebelum terbit.".into(),
        ));
    }
    let entries = revoked
        .iter()
        .map(|r| {
            Ok(RevokedCert {
                serial_number: SerialNumber::new(&r.serial).map_err(|e| {
                    KeyError::Refused(format!(
                        "Nomor seri sertifikat yang dicabut tidak sah: {e}."
                    ))
                })?,
                revocation_date: x509_time(r.at_unix)?,
                crl_entry_extensions: Some(vec![extension(REASON_CODE, &r.reason.code())?]),
            })
        })
        .collect::<Result<Vec<_>, KeyError>>()?;
    let aki = AuthorityKeyIdentifier {
        key_identifier: key_id(&root)
            .map(OctetString::new)
            .transpose()
            .map_err(damaged)?,
        ..Default::default()
    };
    let number =
        CrlNumber(x509_cert::der::asn1::Uint::new(&number.to_be_bytes()).map_err(damaged)?);
    let algorithm = AlgorithmIdentifierOwned {
        oid: ECDSA_WITH_SHA256,
        parameters: None,
    };
    let tbs = TbsCertList {
        version: x509_cert::Version::V2,
        signature: algorithm.clone(),
        issuer: root.tbs_certificate.subject.clone(),
        this_update: x509_time(this_update_unix)?,
        next_update: Some(x509_time(next_update_unix)?),
        // RFC 5280 §5.1.2.6: absent, not empty, when nothing is revoked.
        revoked_certificates: (!entries.is_empty()).then_some(entries),
        crl_extensions: Some(vec![
            extension(AUTHORITY_KEY_ID, &aki)?,
            extension(CRL_NUMBER, &number)?,
        ]),
    };
    let sig: DerSignature = root_key.sign(&tbs.to_der().map_err(damaged)?);
    CertificateList {
        tbs_cert_list: tbs,
        signature_algorithm: algorithm,
        signature: BitString::from_bytes(sig.as_bytes()).map_err(damaged)?,
    }
    .to_der()
    .map_err(damaged)
}

/// A CRL as PEM text ("-----BEGIN X509 CRL-----", what OpenSSL and Windows open).
pub fn pem(der: &[u8]) -> String {
    x509_cert::der::pem::encode_string(PEM_LABEL, x509_cert::der::pem::LineEnding::CRLF, der)
        .unwrap_or_default()
}

/// The DER of a CRL file, DER or PEM ("X509 CRL"), not yet checked: what is stored.
pub fn der_of(file: &[u8]) -> Result<Vec<u8>, String> {
    if file.len() as u64 > MAX_BYTES {
        return Err("berkas terlalu besar untuk daftar pencabutan sertifikat".into());
    }
    let trimmed = file.trim_ascii_start();
    if !trimmed.starts_with(b"-----BEGIN") {
        return Ok(file.to_vec());
    }
    let (label, der) = x509_cert::der::pem::decode_vec(trimmed).map_err(|e| not_a_crl(&e))?;
    if label != PEM_LABEL {
        return Err(format!(
            "berkas itu berisi \"{label}\", bukan daftar pencabutan sertifikat (X509 CRL)"
        ));
    }
    Ok(der)
}

fn not_a_crl(e: &dyn std::fmt::Display) -> String {
    format!("berkas itu bukan daftar pencabutan sertifikat (CRL) yang terbaca ({e})")
}

/// The list in a file, DER or PEM, not yet checked.
fn parse(file: &[u8]) -> Result<CertificateList, String> {
    CertificateList::from_der(&der_of(file)?).map_err(|e| not_a_crl(&e))
}

/// The authorityKeyIdentifier's key id a list names, if any.
fn authority_key_id(list: &CertificateList) -> Option<Vec<u8>> {
    list.tbs_cert_list
        .crl_extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == AUTHORITY_KEY_ID)
        .and_then(|e| AuthorityKeyIdentifier::from_der(e.extn_value.as_bytes()).ok())
        .and_then(|a| a.key_identifier)
        .map(|k| k.as_bytes().to_vec())
}

/// The list says it is `issuer`'s: the same name, and the same key id when both give one (an
/// office may have had several roots of one name; only the key tells them apart).
fn claims(list: &CertificateList, issuer: &Certificate) -> bool {
    list.tbs_cert_list.issuer == issuer.tbs_certificate.subject
        && match (authority_key_id(list), key_id(issuer)) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
}

/// The list checked against `issuer` (whose DER is `issuer_der`): its signature under the
/// issuer's key, which must be allowed to sign CRLs; its number, dates and entries read.
fn verified(
    list: &CertificateList,
    issuer: &Certificate,
    issuer_der: &[u8],
) -> Result<Crl, String> {
    let tbs = &list.tbs_cert_list;
    if tbs.issuer != issuer.tbs_certificate.subject {
        return Err(format!(
            "CRL ini diterbitkan oleh \"{}\", bukan oleh \"{}\"",
            tbs.issuer, issuer.tbs_certificate.subject
        ));
    }
    if tbs.version != x509_cert::Version::V2 {
        return Err("CRL ini bukan versi 2".into());
    }
    if list.signature_algorithm.oid != ECDSA_WITH_SHA256
        || list.signature_algorithm.parameters.is_some()
        || tbs.signature != list.signature_algorithm
    {
        return Err("CRL ini ditandatangani dengan algoritme selain ECDSA dengan SHA-256".into());
    }
    let uses = profile::uses(issuer).map_err(|why| format!("sertifikat kantor: {why}"))?;
    if !(uses.ca && uses.key_usage.is_some_and(|k| k.crl_sign())) {
        return Err(format!(
            "sertifikat \"{}\" tidak boleh menandatangani CRL (tanpa CA:TRUE dan cRLSign)",
            issuer.tbs_certificate.subject
        ));
    }
    let spki = issuer
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(|e| e.to_string())?;
    let key = VerifyingKey::from_public_key_der(&spki)
        .map_err(|_| "kunci sertifikat kantor bukan ECDSA P-256".to_string())?;
    let sig = list
        .signature
        .as_bytes()
        .and_then(|b| DerSignature::try_from(b).ok())
        .ok_or("tanda tangan CRL tidak terbaca")?;
    let signed = tbs.to_der().map_err(|e| e.to_string())?;
    key.verify(&signed, &sig).map_err(|_| {
        "tanda tangan CRL tidak sah: bukan dibuat dengan kunci sertifikat kantor itu, atau isinya diubah"
            .to_string()
    })?;
    let mut number = None;
    let mut seen: Vec<ObjectIdentifier> = Vec::new();
    for e in tbs.crl_extensions.iter().flatten() {
        if seen.contains(&e.extn_id) {
            return Err(format!("ekstensi CRL {} ada dua kali", e.extn_id));
        }
        seen.push(e.extn_id);
        match e.extn_id {
            CRL_NUMBER => {
                let n = CrlNumber::from_der(e.extn_value.as_bytes())
                    .map_err(|e| format!("nomor CRL tidak terbaca ({e})"))?;
                let bytes = n.0.as_bytes();
                if bytes.len() > 8 {
                    return Err("nomor CRL terlalu besar".into());
                }
                number = Some(bytes.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)));
            }
            AUTHORITY_KEY_ID => {}
            // A critical extension (a delta CRL, a partial list) changes what the list means
            // in a way this reader cannot see (RFC 5280 §5.2).
            other if e.critical => {
                return Err(format!("ekstensi kritis CRL {other} tidak dikenal"));
            }
            _ => {}
        }
    }
    let number = number.ok_or("CRL ini tanpa nomor (cRLNumber)")?;
    let next_update = tbs
        .next_update
        .as_ref()
        .map(unix)
        .ok_or("CRL ini tanpa tanggal pembaruan berikutnya (nextUpdate)")?;
    let mut revoked = Vec::new();
    for entry in tbs.revoked_certificates.iter().flatten() {
        let mut code = None;
        for e in entry.crl_entry_extensions.iter().flatten() {
            match e.extn_id {
                REASON_CODE => {
                    code = Some(
                        CrlReason::from_der(e.extn_value.as_bytes())
                            .map_err(|e| format!("alasan pencabutan tidak terbaca ({e})"))?,
                    );
                }
                other if e.critical => {
                    return Err(format!("ekstensi kritis entri CRL {other} tidak dikenal"));
                }
                _ => {}
            }
        }
        revoked.push(Revoked {
            serial: entry.serial_number.as_bytes().to_vec(),
            at_unix: unix(&entry.revocation_date),
            reason: Reason::of_code(code),
        });
    }
    Ok(Crl {
        number,
        this_update: unix(&tbs.this_update),
        next_update,
        issuer_fingerprint: keys::fingerprint(issuer_der),
        revoked,
    })
}

/// A CRL file (DER or PEM "X509 CRL") checked against the certificate said to issue it: its
/// issuer's name and its signature under that certificate's key. Refusals in words.
pub fn read(crl_der_or_pem: &[u8], issuer_cert: &[u8]) -> Result<Crl, String> {
    let list = parse(crl_der_or_pem)?;
    let issuer = Certificate::from_der(issuer_cert)
        .map_err(|e| format!("sertifikat kantor tidak terbaca ({e})"))?;
    verified(&list, &issuer, issuer_cert)
}

/// A CRL file checked against whichever of `issuers` (certificates, DER) it names: the list
/// and the index of its issuer. Refused in words when none of them issued it.
pub fn read_from(file: &[u8], issuers: &[Vec<u8>]) -> Result<(Crl, usize), String> {
    let list = parse(file)?;
    let mut refusal = None;
    for (i, der) in issuers.iter().enumerate() {
        let Ok(issuer) = Certificate::from_der(der) else {
            continue;
        };
        if !claims(&list, &issuer) {
            continue;
        }
        match verified(&list, &issuer, der) {
            Ok(crl) => return Ok((crl, i)),
            Err(why) => {
                refusal.get_or_insert(why);
            }
        }
    }
    Err(refusal.unwrap_or_else(|| {
        format!(
            "CRL ini diterbitkan oleh \"{}\", yang sertifikat kantornya tidak dipercaya di komputer ini; percayai dulu sertifikat kantornya (trust-certificate)",
            list.tbs_cert_list.issuer
        )
    }))
}

/// Why `standing` refuses a signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// On the list: key compromised (whenever), or revoked at or before `signed`.
    Revoked {
        reason: Reason,
        at: i64,
        signed: i64,
    },
    /// The root certificate itself could not be read.
    Unreadable(String),
}

/// Where a signature stands against the CRLs known here: the signer's certificate (serial
/// `serial`) issued by `root_der`, the signature made at `signed`, checked `now` (seconds since
/// 1970). The newest list of that root (highest number) that verifies counts; lists that claim
/// the root but do not verify are set aside with a note. `Err`: the signature does not stand
/// (a compromised key, or revoked at or before the signing). `Ok`: what to say beside it.
pub fn standing(
    serial: &[u8],
    root_der: &[u8],
    signed: i64,
    crls: &[Vec<u8>],
    now: i64,
) -> Result<Vec<String>, Refusal> {
    let root = Certificate::from_der(root_der)
        .map_err(|e| Refusal::Unreadable(format!("sertifikat kantor: {e}")))?;
    let fingerprint = keys::fingerprint(root_der);
    let mut notes = Vec::new();
    let mut newest: Option<Crl> = None;
    for file in crls {
        let Ok(list) = parse(file) else {
            continue;
        };
        if !claims(&list, &root) {
            continue;
        }
        match verified(&list, &root, root_der) {
            Ok(crl) if newest.as_ref().is_none_or(|n| crl.number > n.number) => {
                newest = Some(crl);
            }
            Ok(_) => {}
            Err(why) => notes.push(format!(
                "Sebuah daftar pencabutan (CRL) atas nama sertifikat kantor itu diabaikan: {why}."
            )),
        }
    }
    let Some(crl) = newest else {
        notes.push(format!(
            "Pencabutan sertifikat tidak dapat diperiksa: komputer ini belum punya daftar pencabutan (CRL) dari sertifikat kantor bersidik {fingerprint}. Minta kantor itu menjalankan \"sop-rkt export-crl --out BERKAS.crl\" (atau export-certificate, yang menyimpan CRL di samping sertifikatnya), lalu di sini \"sop-rkt trust-certificate BERKAS.crl\"."
        ));
        return Ok(notes);
    };
    if crl.next_update < now {
        notes.push(format!(
            "Daftar pencabutan (CRL nomor {}) sudah lewat masa berlakunya ({}): pencabutan sesudah itu belum terlihat di sini. Minta CRL terbaru dari kantor penerbitnya (export-crl).",
            crl.number,
            office_time(crl.next_update)
        ));
    }
    match crl.revoked.iter().find(|r| same_serial(&r.serial, serial)) {
        None => notes.push(format!(
            "Pencabutan diperiksa dengan CRL nomor {} (terbit {}): sertifikat penanda tangan tidak dicabut.",
            crl.number,
            office_time(crl.this_update)
        )),
        Some(r) if r.reason == Reason::KeyCompromise || r.at_unix <= signed => {
            return Err(Refusal::Revoked {
                reason: r.reason,
                at: r.at_unix,
                signed,
            });
        }
        Some(r) => notes.push(format!(
            "Sertifikat penanda tangan ini {} pada {}; tanda tangan yang dibuat sebelum itu, seperti yang ini, tetap sah.",
            r.reason.words(),
            office_time(r.at_unix)
        )),
    }
    Ok(notes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digital_signature::keys::{new_office_root, new_signer};

    use crate::digital_signature::test_certs::head;

    /// 20 January 2025 01.00 UTC (09.00 WITA).
    const T0: i64 = 1_737_334_800;
    const DAY: i64 = 24 * 3600;

    struct Office {
        root_key: SigningKey,
        root: Vec<u8>,
        cert: Vec<u8>,
    }

    fn office() -> Office {
        let (root_key, root) = new_office_root(head().office).unwrap();
        let (_, cert) = new_signer(&head(), &root_key, &root).unwrap();
        Office {
            root_key,
            root,
            cert,
        }
    }

    impl Office {
        fn crl(&self, number: u64, revoked: &[Revoked]) -> Vec<u8> {
            issue(
                &self.root_key,
                &self.root,
                number,
                T0,
                T0 + 30 * DAY,
                revoked,
            )
            .unwrap()
        }

        fn revoked(&self, reason: Reason, at: i64) -> Revoked {
            Revoked {
                serial: serial(&self.cert).unwrap(),
                at_unix: at,
                reason,
            }
        }
    }

    #[test]
    fn a_crl_reads_back_as_issued() {
        let o = office();
        let entries = [
            o.revoked(Reason::KeyCompromise, T0 - DAY),
            Revoked {
                serial: vec![0x01, 0x02, 0x03],
                at_unix: T0 - 2 * DAY,
                reason: Reason::Superseded,
            },
            Revoked {
                serial: vec![0x7f; 16],
                at_unix: 2_600_000_000, // 2052: GeneralizedTime
                reason: Reason::AffiliationChanged,
            },
            Revoked {
                serial: vec![0x05],
                at_unix: T0,
                reason: Reason::CessationOfOperation,
            },
        ];
        let der = o.crl(7, &entries);
        let crl = read(&der, &o.root).unwrap();
        assert_eq!(
            crl,
            Crl {
                number: 7,
                this_update: T0,
                next_update: T0 + 30 * DAY,
                issuer_fingerprint: keys::fingerprint(&o.root),
                revoked: entries.to_vec(),
            }
        );
        // PEM too, with the label OpenSSL writes.
        let text = pem(&der);
        assert!(text.starts_with("-----BEGIN X509 CRL-----\r\n"), "{text}");
        assert_eq!(read(text.as_bytes(), &o.root).unwrap(), crl);
        // An empty list: no revokedCertificates at all.
        let empty = read(&o.crl(0, &[]), &o.root).unwrap();
        assert!(empty.revoked.is_empty());
        assert_eq!(empty.number, 0);
        let big = issue(&o.root_key, &o.root, u64::MAX, T0, T0, &[]).unwrap();
        assert_eq!(read(&big, &o.root).unwrap().number, u64::MAX);
        // The authorityKeyIdentifier is the root's subjectKeyIdentifier.
        let list = CertificateList::from_der(&der).unwrap();
        let root = Certificate::from_der(&o.root).unwrap();
        assert!(key_id(&root).is_some());
        assert_eq!(authority_key_id(&list), key_id(&root));
        for r in [
            Reason::Superseded,
            Reason::KeyCompromise,
            Reason::AffiliationChanged,
            Reason::CessationOfOperation,
        ] {
            assert_eq!(Reason::from_db(r.as_db()), Some(r));
        }
        assert_eq!(Reason::from_db("unspecified"), None);
    }

    #[test]
    fn a_crl_signed_by_another_key_or_changed_is_refused() {
        let o = office();
        let der = o.crl(3, &[o.revoked(Reason::Superseded, T0)]);
        // Another office's root of the same name: the name matches, the key does not.
        let (other_key, other_root) = new_office_root(head().office).unwrap();
        let err = read(&der, &other_root).unwrap_err();
        assert!(err.contains("tanda tangan CRL tidak sah"), "{err}");
        // Our root's list re-signed by the other key (the insider's forgery).
        let mut list = CertificateList::from_der(&der).unwrap();
        let sig: DerSignature = other_key.sign(&list.tbs_cert_list.to_der().unwrap());
        list.signature = BitString::from_bytes(sig.as_bytes()).unwrap();
        let forged = list.to_der().unwrap();
        let err = read(&forged, &o.root).unwrap_err();
        assert!(err.contains("tanda tangan CRL tidak sah"), "{err}");
        // An entry removed after signing.
        let mut list = CertificateList::from_der(&der).unwrap();
        list.tbs_cert_list.revoked_certificates = None;
        assert!(read(&list.to_der().unwrap(), &o.root).is_err());
        // Another office by name.
        let (_, stranger) = new_office_root("Kantor Lain").unwrap();
        let err = read(&der, &stranger).unwrap_err();
        assert!(err.contains("bukan oleh"), "{err}");
        // Issuing with a key that is not the root's is refused before anything is signed.
        assert!(matches!(
            issue(&other_key, &o.root, 1, T0, T0 + DAY, &[]),
            Err(KeyError::Refused(_))
        ));
        assert!(issue(&o.root_key, &o.root, 1, T0, T0 - 1, &[]).is_err());
        assert!(issue(&o.root_key, &o.root, 1, -5, T0, &[]).is_err());
        // Not a CRL; a certificate in PEM.
        let err = read(b"bukan CRL", &o.root).unwrap_err();
        assert!(err.contains("bukan daftar pencabutan"), "{err}");
        let cert_pem = keys::certificate_pem(&o.root).unwrap();
        let err = read(cert_pem.as_bytes(), &o.root).unwrap_err();
        assert!(err.contains("\"CERTIFICATE\""), "{err}");
        // read_from picks the issuer among several, and says when none is trusted.
        let (crl, i) = read_from(&der, &[stranger.clone(), o.root.clone()]).unwrap();
        assert_eq!((crl.number, i), (3, 1));
        let err = read_from(&der, std::slice::from_ref(&stranger)).unwrap_err();
        assert!(err.contains("tidak dipercaya di komputer ini"), "{err}");
    }

    /// Cut anywhere, or one byte changed anywhere: refused in words or read, never a panic;
    /// a changed byte never reads as the same list with other content.
    #[test]
    fn truncated_or_changed_crls_never_panic() {
        let o = office();
        let der = o.crl(9, &[o.revoked(Reason::KeyCompromise, T0)]);
        let good = read(&der, &o.root).unwrap();
        for n in 0..der.len() {
            assert!(read(&der[..n], &o.root).is_err(), "cut at {n}");
            let text = pem(&der[..n]);
            let _ = read(&text.as_bytes()[..text.len() / 2], &o.root);
        }
        for i in 0..der.len() {
            let mut changed = der.clone();
            changed[i] ^= 0x01;
            if let Ok(crl) = read(&changed, &o.root) {
                assert_eq!(crl, good, "byte {i}");
            }
        }
        let _ = standing(&[1], &o.root, T0, &[der[..10].to_vec(), vec![]], T0);
    }

    /// OpenSSL, as another office's tool would, verifies our list under our root and reads
    /// its reason codes.
    #[test]
    fn openssl_accepts_our_crl() {
        let Ok(v) = std::process::Command::new("openssl")
            .arg("version")
            .output()
        else {
            eprintln!("openssl is not installed: skipped");
            return;
        };
        assert!(v.status.success());
        let o = office();
        let der = o.crl(
            12,
            &[
                o.revoked(Reason::KeyCompromise, T0),
                Revoked {
                    serial: vec![0x42],
                    at_unix: T0 + DAY,
                    reason: Reason::Superseded,
                },
            ],
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("kantor.crl"), &der).unwrap();
        std::fs::write(
            dir.path().join("root.pem"),
            keys::certificate_pem(&o.root).unwrap(),
        )
        .unwrap();
        let out = std::process::Command::new("openssl")
            .args(["crl", "-inform", "DER", "-noout", "-text", "-in"])
            .arg(dir.path().join("kantor.crl"))
            .arg("-CAfile")
            .arg(dir.path().join("root.pem"))
            .output()
            .unwrap();
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "{said}");
        assert!(said.contains("verify OK"), "{said}");
        assert!(said.contains("Key Compromise"), "{said}");
        assert!(said.contains("Superseded"), "{said}");
        assert!(said.contains("X509v3 CRL Number"), "{said}");
        assert!(said.contains("X509v3 Authority Key Identifier"), "{said}");
        // And the PEM form.
        std::fs::write(dir.path().join("kantor.pem"), pem(&der)).unwrap();
        let out = std::process::Command::new("openssl")
            .args(["crl", "-noout", "-in"])
            .arg(dir.path().join("kantor.pem"))
            .arg("-CAfile")
            .arg(dir.path().join("root.pem"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    #[test]
    fn the_newest_crl_of_the_signer_s_root_decides() {
        let o = office();
        let serial = serial(&o.cert).unwrap();
        let signed = T0 + 5 * DAY;
        let now = T0 + DAY;
        let stand = |crls: &[Vec<u8>], now: i64| standing(&serial, &o.root, signed, crls, now);
        // No list: stands, and says how to get one.
        let notes = stand(&[], now).unwrap();
        assert!(notes[0].contains("tidak dapat diperiksa"), "{notes:?}");
        assert!(notes[0].contains("export-crl"), "{notes:?}");
        // Not on the list: stands, checked.
        let clean = o.crl(1, &[]);
        let notes = stand(std::slice::from_ref(&clean), now).unwrap();
        assert!(notes[0].contains("tidak dicabut"), "{notes:?}");
        // Replaced after the signing: stands, said so.
        let later = o.crl(2, &[o.revoked(Reason::Superseded, signed + DAY)]);
        let notes = stand(&[clean.clone(), later.clone()], now).unwrap();
        assert!(
            notes[0].contains("diganti dengan sertifikat baru pada"),
            "{notes:?}"
        );
        assert!(notes[0].contains("tetap sah"), "{notes:?}");
        // Replaced at or before it: does not.
        let before = o.crl(3, &[o.revoked(Reason::Superseded, signed)]);
        let err = stand(&[later.clone(), before.clone()], now).unwrap_err();
        assert!(
            super::super::cms::CheckError::from(err.clone())
                .to_string()
                .contains("sertifikat sudah dicabut/diganti sebelum dokumen ditandatangani"),
            "{err:?}"
        );
        // A compromised key, even declared after the signing: does not.
        let leaked = o.crl(4, &[o.revoked(Reason::KeyCompromise, signed + DAY)]);
        let err = stand(&[leaked.clone(), clean.clone()], now).unwrap_err();
        assert!(
            super::super::cms::CheckError::from(err.clone())
                .to_string()
                .contains("sertifikat penanda tangan dicabut: kuncinya dinyatakan bocor sejak"),
            "{err:?}"
        );
        // The highest number counts, whatever the order; an older list does not undo it.
        assert!(stand(&[leaked.clone(), later.clone()], now).is_err());
        // A list the root did not sign is set aside with a note (and cannot revoke).
        let (other_key, _) = new_office_root(head().office).unwrap();
        let mut list =
            CertificateList::from_der(&o.crl(99, &[o.revoked(Reason::KeyCompromise, T0)])).unwrap();
        let sig: DerSignature = other_key.sign(&list.tbs_cert_list.to_der().unwrap());
        list.signature = BitString::from_bytes(sig.as_bytes()).unwrap();
        let notes = stand(&[list.to_der().unwrap(), clean.clone()], now).unwrap();
        assert!(notes.iter().any(|n| n.contains("diabaikan")), "{notes:?}");
        assert!(
            notes.iter().any(|n| n.contains("tidak dicabut")),
            "{notes:?}"
        );
        // Another root's list (another office) is not this root's: not even a note.
        let (k2, r2) = new_office_root("Kantor Lain").unwrap();
        let theirs = issue(&k2, &r2, 50, T0, T0 + DAY, &[]).unwrap();
        assert_eq!(stand(&[theirs], now).unwrap().len(), 1);
        // Past its nextUpdate: still used, said to be stale.
        let notes = stand(std::slice::from_ref(&later), T0 + 31 * DAY).unwrap();
        assert!(
            notes.iter().any(|n| n.contains("lewat masa berlakunya")),
            "{notes:?}"
        );
        assert!(stand(std::slice::from_ref(&before), T0 + 31 * DAY).is_err());
    }
}
