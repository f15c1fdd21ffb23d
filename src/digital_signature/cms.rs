//! The detached CMS SignedData a PDF signature holds (PAdES baseline B-B, ETSI EN 319 142-1):
//! over the SHA-256 of the signed bytes, with the content-type, message-digest and
//! signing-certificate-v2 attributes, carrying the signer's certificate and those above it (the
//! office root, or a PSrE's intermediate CAs). And its check, what a PKI checks: those
//! attributes, the signature, the digest, the chain up to a trusted root, what each certificate
//! may be used for, and when each was valid.

use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::ContentInfo;
use cms::signed_data::{
    EncapsulatedContentInfo, SignedAttributes, SignedData, SignerIdentifier, SignerInfo,
};
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{DerSignature, SigningKey, VerifyingKey};
use p256::pkcs8::DecodePublicKey;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::attr::{Attribute, AttributeValue};
use x509_cert::der::asn1::{ObjectIdentifier, OctetString, SetOfVec};
use x509_cert::der::{Any, Decode, DecodeOwned, Encode, Reader, SliceReader, Tag};
use x509_cert::ext::pkix::name::{GeneralName, GeneralNames};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_cert::time::Time;

use super::keys::KeyError;
use super::moment::office_time;
use super::profile;

/// id-aa-signingCertificateV2 (RFC 5035): binds the signature to the signer's certificate.
const SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const CN: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const SUBJECT_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.14");
const AUTHORITY_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.35");

/// At most this many CAs between a signer's certificate and the trusted root above them (a
/// PSrE's chain has one or two): a longer chain is refused, and the search for it ends.
pub const MAX_CHAIN: usize = 5;

fn damaged(e: impl std::fmt::Display) -> KeyError {
    KeyError::Damaged(e.to_string())
}

/// DER of a definite length.
fn der_len(n: usize) -> Vec<u8> {
    match n {
        0..=127 => vec![n as u8],
        128..=255 => vec![0x81, n as u8],
        _ => vec![0x82, (n >> 8) as u8, n as u8],
    }
}

fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
    [&[tag][..], &der_len(body.len()), body].concat()
}

/// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }, with one ESSCertIDv2
/// holding the SHA-256 of the certificate (SHA-256 is the default algorithm, so not written).
fn signing_certificate_v2(cert_der: &[u8]) -> Result<Attribute, KeyError> {
    let hash = Sha256::digest(cert_der);
    let ess_cert_id = tlv(0x30, &tlv(0x04, &hash));
    let value = tlv(0x30, &tlv(0x30, &ess_cert_id));
    let any = Any::from_der(&value).map_err(damaged)?;
    Ok(Attribute {
        oid: SIGNING_CERTIFICATE_V2,
        values: SetOfVec::try_from(vec![any]).map_err(damaged)?,
    })
}

/// The CMS (DER) for a PDF's /Contents: `digest` is the SHA-256 of the file's signed ranges.
/// It carries the signer's certificate and each of `chain` (the certificates above it, its
/// issuer first: the office root, or a PSrE's intermediate CAs), so a verifier can follow the
/// chain up to a root it trusts.
pub fn sign_detached(
    digest: &[u8; 32],
    key: &SigningKey,
    cert_der: &[u8],
    chain: &[Vec<u8>],
) -> Result<Vec<u8>, KeyError> {
    let cert = Certificate::from_der(cert_der).map_err(damaged)?;
    let content = EncapsulatedContentInfo {
        econtent_type: ID_DATA,
        econtent: None,
    };
    let sha256 = AlgorithmIdentifierOwned {
        oid: SHA256,
        parameters: None,
    };
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: cert.tbs_certificate.issuer.clone(),
        serial_number: cert.tbs_certificate.serial_number.clone(),
    });
    let mut signer = SignerInfoBuilder::new(key, sid, sha256.clone(), &content, Some(&digest[..]))
        .map_err(damaged)?;
    signer
        .add_signed_attribute(signing_certificate_v2(cert_der)?)
        .map_err(damaged)?;
    let mut builder = SignedDataBuilder::new(&content);
    builder
        .add_digest_algorithm(sha256)
        .map_err(damaged)?
        .add_certificate(CertificateChoices::Certificate(cert.clone()))
        .map_err(damaged)?;
    let mut added = vec![cert];
    for der in chain {
        let c = Certificate::from_der(der).map_err(damaged)?;
        // Once only: the builder panics on a set with the same certificate twice.
        if added.contains(&c) {
            continue;
        }
        builder
            .add_certificate(CertificateChoices::Certificate(c.clone()))
            .map_err(damaged)?;
        added.push(c);
    }
    let info = builder
        .add_signer_info::<SigningKey, DerSignature>(signer)
        .map_err(damaged)?
        .build()
        .map_err(damaged)?;
    info.to_der().map_err(damaged)
}

/// What a genuine signature says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The signer's certificate (DER), as carried in the signature.
    pub signer_cert: Vec<u8>,
    /// Its subject, e.g. "C=ID,O=…,title=…,serialNumber=…,CN=…".
    pub subject: String,
    /// The signer's name and NIP (the certificate's CN and serialNumber).
    pub name: String,
    pub nip: String,
    /// The fingerprint of the trusted root it chains to: the office certificate that issued
    /// it, or the root above a PSrE's intermediate CAs.
    pub root_fingerprint: String,
    /// The CAs between the signer's certificate and that root (DER), its issuer first: empty
    /// when the root issued it directly (an office's), the intermediates of a PSrE's chain.
    pub chain: Vec<Vec<u8>>,
    /// From a PDF's signature dictionary (inside the signed ranges): why and when it was
    /// signed, e.g. "Menyetujui RKT tahun 2026 versi 2".
    pub reason: Option<String>,
    pub signed_at: Option<chrono::NaiveDateTime>,
    /// The moment the certificates were checked at (signingTime, else the PDF's /M), seconds
    /// since 1970.
    pub signed_unix: i64,
    /// What to say beside the verdict (revocation checked, or why it could not be), in words.
    pub notes: Vec<String>,
}

/// The text of the first attribute `oid` in a name.
fn name_part(name: &x509_cert::name::Name, oid: ObjectIdentifier) -> String {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == oid)
        .map(|atv| String::from_utf8_lossy(atv.value.value()).into_owned())
        .unwrap_or_default()
}

/// Which certificate a validity refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose {
    Signer,
    /// The trusted root that issued the signer's certificate directly (an office's).
    Issuer,
    /// A CA between the signer's certificate and the trusted root (a PSrE's intermediate).
    Intermediate,
    /// The trusted root above intermediate CAs.
    Root,
}

/// Why a signature does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckError {
    /// The signed bytes are not the ones the signature was made over.
    Changed,
    /// The latest signature leaves bytes after it unsigned: a later revision (incremental
    /// update) or anything else appended. `revision`: the one its ranges end with.
    ChangedAfterSigning {
        revision: Option<usize>,
        revisions: usize,
        unsigned: usize,
    },
    /// The signature itself does not verify (it, or its attributes, were altered).
    BadSignature,
    /// Signed by a certificate no trusted office root issued.
    UnknownSigner,
    /// /Contents holds more than the signature: bytes other than zero after the CMS.
    HiddenData,
    /// A signed attribute PAdES requires is not there.
    MissingAttribute(&'static str),
    /// The content-type attribute is not id-data.
    WrongContentType,
    /// signing-certificate-v2 names another certificate than the one the signature carries.
    WrongCertificate,
    /// The signer's certificate is not for signing (keyUsage).
    NotForSigning,
    /// The certificate that issued the signer's, or one above it, may not issue certificates.
    IssuerNotCa,
    /// More CAs stand below the named CA (its CN) than its pathLenConstraint allows.
    PathTooLong { ca: String },
    /// More than `MAX_CHAIN` CAs between the signer's certificate and a trusted root.
    ChainTooLong,
    /// Neither a signingTime attribute nor the PDF's /M: no time to check the certificates at.
    NoSigningTime,
    /// At the signing time a certificate was not yet, or no longer, valid (seconds since 1970).
    OutsideValidity {
        whose: Whose,
        signed: i64,
        not_before: i64,
        not_after: i64,
    },
    /// Not a signature this program can read.
    Unreadable(String),
    /// The signer's certificate is on its office's revocation list (CRL): its key declared
    /// compromised (whenever), or revoked at or before `signed` (seconds since 1970).
    Revoked {
        reason: super::crl::Reason,
        at: i64,
        signed: i64,
    },
    /// One of a file's several signatures does not hold (`index` from 1).
    InSignature {
        index: usize,
        of: usize,
        error: Box<CheckError>,
    },
}

impl From<super::crl::Refusal> for CheckError {
    fn from(r: super::crl::Refusal) -> Self {
        match r {
            super::crl::Refusal::Revoked { reason, at, signed } => {
                CheckError::Revoked { reason, at, signed }
            }
            super::crl::Refusal::Unreadable(why) => CheckError::Unreadable(why),
        }
    }
}

impl std::fmt::Display for CheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CheckError::Changed => f.write_str("isi berkas berubah sesudah ditandatangani"),
            CheckError::ChangedAfterSigning {
                revision,
                revisions,
                unsigned,
            } => {
                f.write_str("ada perubahan sesudah tanda tangan: tanda tangan terakhir ")?;
                match revision {
                    Some(r) => write!(f, "mencakup revisi {r} dari {revisions}")?,
                    None => write!(f, "berakhir di tengah revisi (berkas {revisions} revisi)")?,
                }
                write!(f, ", {unsigned} bita sesudahnya tidak ditandatangani")
            }
            CheckError::BadSignature => f.write_str("tanda tangan digitalnya tidak sah (diubah)"),
            CheckError::UnknownSigner => f.write_str(
                "ditandatangani dengan kunci yang tidak diterbitkan sertifikat kantor yang dipercaya",
            ),
            CheckError::HiddenData => f.write_str(
                "ruang tanda tangan (/Contents) berisi data lain sesudah tanda tangannya",
            ),
            CheckError::MissingAttribute(a) => {
                write!(f, "tanda tangan tanpa atribut {a} yang diwajibkan PAdES")
            }
            CheckError::WrongContentType => {
                f.write_str("atribut content-type tanda tangan bukan id-data")
            }
            CheckError::WrongCertificate => f.write_str(
                "atribut signing-certificate-v2 tidak menunjuk sertifikat penanda tangan yang dibawa tanda tangan (sertifikatnya ditukar)",
            ),
            CheckError::NotForSigning => f.write_str(
                "sertifikat penanda tangan tidak untuk menandatangani (keyUsage tanpa digitalSignature atau nonRepudiation)",
            ),
            CheckError::IssuerNotCa => f.write_str(
                "sertifikat penerbitnya tidak boleh menerbitkan sertifikat (tanpa CA:TRUE dan keyCertSign)",
            ),
            CheckError::PathTooLong { ca } => write!(
                f,
                "rantai sertifikatnya lebih panjang daripada yang dibolehkan sertifikat CA \"{ca}\" (pathLenConstraint)"
            ),
            CheckError::ChainTooLong => write!(
                f,
                "rantai sertifikatnya lebih dari {MAX_CHAIN} CA sampai ke sertifikat akar yang dipercaya"
            ),
            CheckError::NoSigningTime => {
                f.write_str("tanda tangan tanpa waktu penandatanganan (/M atau signingTime)")
            }
            CheckError::OutsideValidity {
                whose,
                signed,
                not_before,
                not_after,
            } => {
                let cert = match whose {
                    Whose::Signer => "sertifikat penanda tangan",
                    Whose::Issuer => "sertifikat kantor penerbitnya",
                    Whose::Intermediate => "sertifikat CA perantara penerbitnya",
                    Whose::Root => "sertifikat akar di atas penerbitnya",
                };
                if signed < not_before {
                    write!(
                        f,
                        "tanda tangan bertanggal {}, sebelum {cert} berlaku ({})",
                        office_time(*signed),
                        office_time(*not_before)
                    )
                } else {
                    write!(
                        f,
                        "tanda tangan bertanggal {}, sesudah {cert} berakhir ({})",
                        office_time(*signed),
                        office_time(*not_after)
                    )
                }
            }
            CheckError::Unreadable(why) => write!(f, "tanda tangan tidak terbaca ({why})"),
            CheckError::Revoked {
                reason: super::crl::Reason::KeyCompromise,
                at,
                ..
            } => write!(
                f,
                "sertifikat penanda tangan dicabut: kuncinya dinyatakan bocor sejak {}",
                office_time(*at)
            ),
            CheckError::Revoked { reason, at, signed } => write!(
                f,
                "sertifikat sudah dicabut/diganti sebelum dokumen ditandatangani (sertifikat {} pada {}; tanda tangan bertanggal {})",
                reason.words(),
                office_time(*at),
                office_time(*signed)
            ),
            CheckError::InSignature { index, of, error } => {
                write!(f, "tanda tangan {index} dari {of}: {error}")
            }
        }
    }
}

fn unreadable(e: impl std::fmt::Display) -> CheckError {
    CheckError::Unreadable(e.to_string())
}

fn public_key(cert: &Certificate) -> Result<VerifyingKey, CheckError> {
    let spki = cert
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(unreadable)?;
    VerifyingKey::from_public_key_der(&spki).map_err(unreadable)
}

/// A detached CMS SignedData over data: its one signer, the certificate that signer names, and
/// all the certificates it carries (where the chain above the signer's is looked for).
struct Read {
    signer: SignerInfo,
    cert: Certificate,
    carried: Vec<Certificate>,
}

fn read(cms_der: &[u8]) -> Result<Read, CheckError> {
    let info = ContentInfo::from_der(cms_der).map_err(unreadable)?;
    if info.content_type != ID_SIGNED_DATA {
        return Err(unreadable("bukan SignedData"));
    }
    let signed: SignedData = info.content.decode_as().map_err(unreadable)?;
    let encap = &signed.encap_content_info;
    if encap.econtent_type != ID_DATA || encap.econtent.is_some() {
        return Err(unreadable("bukan tanda tangan terpisah atas data"));
    }
    let mut signers = signed.signer_infos.0.iter();
    let (Some(signer), None) = (signers.next(), signers.next()) else {
        return Err(unreadable("harus tepat satu penanda tangan"));
    };
    let SignerIdentifier::IssuerAndSerialNumber(sid) = &signer.sid else {
        return Err(unreadable("penanda tangan tanpa penerbit dan nomor seri"));
    };
    let carried: Vec<Certificate> = signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            _ => None,
        })
        .collect();
    let cert = carried
        .iter()
        .find(|c| {
            c.tbs_certificate.issuer == sid.issuer
                && c.tbs_certificate.serial_number == sid.serial_number
        })
        .cloned()
        .ok_or_else(|| unreadable("sertifikat penanda tangan tidak ada"))?;
    Ok(Read {
        signer: signer.clone(),
        cert,
        carried,
    })
}

/// The signer's name (its certificate's CN) as the CMS carries it, not yet checked: for
/// reports beside a check.
pub fn signer_name(cms_der: &[u8]) -> Result<String, CheckError> {
    let r = read(cms_der)?;
    Ok(name_part(&r.cert.tbs_certificate.subject, CN))
}

/// The one value of the signed attribute `oid`, `None` when absent; refused when the attribute
/// appears twice or has other than one value (RFC 5652 §11).
fn single<'a>(
    attrs: &'a SignedAttributes,
    oid: ObjectIdentifier,
    what: &str,
) -> Result<Option<&'a AttributeValue>, CheckError> {
    let mut found = attrs.iter().filter(|a| a.oid == oid);
    match (found.next(), found.next()) {
        (None, _) => Ok(None),
        (Some(a), None) if a.values.len() == 1 => Ok(a.values.iter().next()),
        _ => Err(unreadable(format!("atribut {what} tidak tunggal"))),
    }
}

fn decode<T: DecodeOwned>(v: &AttributeValue) -> Result<T, CheckError> {
    T::from_der(&v.to_der().map_err(unreadable)?).map_err(unreadable)
}

/// ESSCertIDv2 (RFC 5035), the first of signing-certificate-v2: the one naming the signer.
struct EssCertId {
    hash_algorithm: Option<AlgorithmIdentifierOwned>,
    hash: OctetString,
    issuer_serial: Option<(GeneralNames, SerialNumber)>,
}

/// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies ... OPTIONAL }
/// ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash OCTET STRING,
///                            issuerSerial IssuerSerial OPTIONAL }
fn first_ess_cert_id(v: &AttributeValue) -> Result<EssCertId, CheckError> {
    let der = v.to_der().map_err(unreadable)?;
    let mut r = SliceReader::new(&der).map_err(unreadable)?;
    let id = r
        .sequence(|scv2| {
            let id = scv2.sequence(|certs| {
                let id = certs.sequence(|id| {
                    let hash_algorithm = if id.peek_tag()? == Tag::Sequence {
                        Some(AlgorithmIdentifierOwned::decode(id)?)
                    } else {
                        None
                    };
                    let hash = OctetString::decode(id)?;
                    let issuer_serial = if id.is_finished() {
                        None
                    } else {
                        Some(id.sequence(|is| {
                            Ok((GeneralNames::decode(is)?, SerialNumber::decode(is)?))
                        })?)
                    };
                    Ok(EssCertId {
                        hash_algorithm,
                        hash,
                        issuer_serial,
                    })
                })?;
                // The other certificates of the chain, if listed.
                while !certs.is_finished() {
                    Any::decode(certs)?;
                }
                Ok(id)
            })?;
            while !scv2.is_finished() {
                Any::decode(scv2)?;
            }
            Ok(id)
        })
        .map_err(unreadable)?;
    r.finish(id).map_err(unreadable)
}

/// signing-certificate-v2 names exactly `cert`: its SHA-256, and its issuer and serial number
/// when given.
fn names_certificate(id: &EssCertId, cert: &Certificate) -> Result<bool, CheckError> {
    if id
        .hash_algorithm
        .as_ref()
        .is_some_and(|a| a.oid != SHA256 || a.parameters.as_ref().is_some_and(|p| !p.is_null()))
    {
        return Err(unreadable("signing-certificate-v2 bukan SHA-256"));
    }
    let hash = Sha256::digest(cert.to_der().map_err(unreadable)?);
    let same_issuer = id.issuer_serial.as_ref().is_none_or(|(names, serial)| {
        *serial == cert.tbs_certificate.serial_number
            && names.iter().any(
                |n| matches!(n, GeneralName::DirectoryName(d) if *d == cert.tbs_certificate.issuer),
            )
    });
    Ok(id.hash.as_bytes() == &hash[..] && same_issuer)
}

/// Seconds since 1970 of a certificate or signingTime `Time`.
fn unix(t: &Time) -> i64 {
    i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
}

fn seconds_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::SystemTime::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Checks a detached CMS against the digest of the signed bytes and the trusted office roots
/// (DER certificates), at the time its signingTime attribute gives, else now.
pub fn check_detached(
    cms_der: &[u8],
    digest: &[u8; 32],
    trusted_roots: &[Vec<u8>],
) -> Result<Checked, CheckError> {
    check_detached_at(cms_der, digest, trusted_roots, Some(seconds_now()))
}

/// Checks a detached CMS as a PKI does: the PAdES attributes (content-type id-data,
/// message-digest, signing-certificate-v2 naming the signer's certificate), the signature, the
/// digest, the chain from the certificate up to a trusted root (directly, as an office root
/// issues; or through at most `MAX_CHAIN` intermediate CAs the signature carries, as a PSrE's
/// does), each CA in it allowed to issue (CA:TRUE, keyCertSign) with room for the CAs below it
/// (pathLenConstraint), a certificate for signing (digitalSignature or nonRepudiation), and
/// every certificate valid when it was signed: at its signingTime attribute, else at `claimed`
/// (a PDF's /M, seconds since 1970).
pub fn check_detached_at(
    cms_der: &[u8],
    digest: &[u8; 32],
    trusted_roots: &[Vec<u8>],
    claimed: Option<i64>,
) -> Result<Checked, CheckError> {
    let Read {
        signer,
        cert,
        carried,
    } = read(cms_der)?;
    if signer.digest_alg.oid != SHA256 || signer.signature_algorithm.oid != ECDSA_WITH_SHA256 {
        return Err(unreadable("algoritme selain SHA-256 dengan ECDSA"));
    }
    let attrs = signer
        .signed_attrs
        .as_ref()
        .ok_or(CheckError::MissingAttribute("content-type"))?;
    let content_type = single(attrs, CONTENT_TYPE, "content-type")?
        .ok_or(CheckError::MissingAttribute("content-type"))?;
    if decode::<ObjectIdentifier>(content_type)? != ID_DATA {
        return Err(CheckError::WrongContentType);
    }
    let md = single(attrs, MESSAGE_DIGEST, "message-digest")?
        .ok_or(CheckError::MissingAttribute("message-digest"))?;
    let md: OctetString = decode(md)?;
    let ess = single(attrs, SIGNING_CERTIFICATE_V2, "signing-certificate-v2")?
        .ok_or(CheckError::MissingAttribute("signing-certificate-v2"))?;
    if !names_certificate(&first_ess_cert_id(ess)?, &cert)? {
        return Err(CheckError::WrongCertificate);
    }
    let signed_time = match single(attrs, SIGNING_TIME, "signingTime")? {
        Some(t) => Some(unix(&decode::<Time>(t)?)),
        None => claimed,
    }
    .ok_or(CheckError::NoSigningTime)?;
    // The signature over the attributes (DER as a SET), with the signer's key.
    let attrs_der = attrs.to_der().map_err(unreadable)?;
    let sig = DerSignature::try_from(signer.signature.as_bytes()).map_err(unreadable)?;
    public_key(&cert)?
        .verify(&attrs_der, &sig)
        .map_err(|_| CheckError::BadSignature)?;
    if md.as_bytes() != digest {
        return Err(CheckError::Changed);
    }
    // The chain from the signer's certificate up to a root this PC trusts.
    let Path {
        cas,
        root_der,
        root,
    } = path_to_root(&cert, &carried, trusted_roots)?;
    let through = !cas.is_empty();
    // Every CA above the signer may issue certificates, and allows the CAs below it.
    for (i, ca) in cas.iter().chain(std::iter::once(&root)).enumerate() {
        let label = match (i < cas.len(), through) {
            (true, _) => "sertifikat CA perantara",
            (false, false) => "sertifikat kantor",
            (false, true) => "sertifikat akar",
        };
        let uses = profile::uses(ca).map_err(|why| unreadable(format!("{label}: {why}")))?;
        if !uses.issues_certificates() {
            return Err(CheckError::IssuerNotCa);
        }
        // RFC 5280 §4.2.1.9: self-issued CAs below it do not count.
        let below = cas[..i.min(cas.len())]
            .iter()
            .filter(|c| c.tbs_certificate.subject != c.tbs_certificate.issuer)
            .count();
        if uses.path_len.is_some_and(|max| usize::from(max) < below) {
            return Err(CheckError::PathTooLong {
                ca: name_part(&ca.tbs_certificate.subject, CN),
            });
        }
    }
    let signer_uses = profile::uses(&cert)
        .map_err(|why| unreadable(format!("sertifikat penanda tangan: {why}")))?;
    if !signer_uses.signs_documents() {
        return Err(CheckError::NotForSigning);
    }
    let root_whose = if through { Whose::Root } else { Whose::Issuer };
    let each = std::iter::once((Whose::Signer, &cert))
        .chain(cas.iter().map(|c| (Whose::Intermediate, c)))
        .chain(std::iter::once((root_whose, &root)));
    for (whose, c) in each {
        let (not_before, not_after) = profile::validity(c);
        if signed_time < not_before || signed_time > not_after {
            return Err(CheckError::OutsideValidity {
                whose,
                signed: signed_time,
                not_before,
                not_after,
            });
        }
    }
    let subject = &cert.tbs_certificate.subject;
    Ok(Checked {
        signer_cert: cert.to_der().map_err(unreadable)?,
        subject: subject.to_string(),
        name: name_part(subject, CN),
        nip: name_part(subject, ObjectIdentifier::new_unwrap("2.5.4.5")),
        root_fingerprint: super::keys::fingerprint(root_der),
        chain: cas
            .iter()
            .map(|c| c.to_der().map_err(unreadable))
            .collect::<Result<_, _>>()?,
        reason: None,
        signed_at: None,
        signed_unix: signed_time,
        notes: Vec::new(),
    })
}

/// A certificate's subjectKeyIdentifier, when it writes one.
fn subject_key_id(cert: &Certificate) -> Option<Vec<u8>> {
    let ext = extension(cert, SUBJECT_KEY_ID)?;
    let id = x509_cert::ext::pkix::SubjectKeyIdentifier::from_der(ext).ok()?;
    Some(id.0.as_bytes().to_vec())
}

/// The keyIdentifier of a certificate's authorityKeyIdentifier, when it writes one.
fn authority_key_id(cert: &Certificate) -> Option<Vec<u8>> {
    let ext = extension(cert, AUTHORITY_KEY_ID)?;
    let id = x509_cert::ext::pkix::AuthorityKeyIdentifier::from_der(ext).ok()?;
    Some(id.key_identifier?.as_bytes().to_vec())
}

fn extension(cert: &Certificate, oid: ObjectIdentifier) -> Option<&[u8]> {
    cert.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == oid)
        .map(|e| e.extn_value.as_bytes())
}

/// `issuer` issued `cert`: its subject is the certificate's issuer, their key identifiers agree
/// where both write one, and the certificate's signature (ECDSA with SHA-256) holds under its
/// key. The signature decides: a CA of the same name with another key does not issue.
fn issued_by(cert: &Certificate, issuer: &Certificate) -> bool {
    if issuer.tbs_certificate.subject != cert.tbs_certificate.issuer
        || cert.signature_algorithm.oid != ECDSA_WITH_SHA256
        || cert.tbs_certificate.signature != cert.signature_algorithm
    {
        return false;
    }
    if let (Some(a), Some(s)) = (authority_key_id(cert), subject_key_id(issuer))
        && a != s
    {
        return false;
    }
    let (Ok(tbs), Ok(sig)) = (
        cert.tbs_certificate.to_der(),
        DerSignature::try_from(cert.signature.raw_bytes()),
    ) else {
        return false;
    };
    public_key(issuer).is_ok_and(|k| k.verify(&tbs, &sig).is_ok())
}

/// The chain above a signer's certificate: the CAs carried in the signature that lead up to a
/// trusted root (issuer first), and that root.
struct Path<'a> {
    cas: Vec<Certificate>,
    root_der: &'a [u8],
    root: Certificate,
}

/// From the signer's certificate, each step the certificate that issued the last one: a trusted
/// root if one did (the chain ends there), else one of `carried`, never one already in the
/// chain, at most `MAX_CHAIN` of them. A chain cert with a trusted root's name but another key
/// issues nothing here, so it cannot stand in for the root.
fn path_to_root<'a>(
    cert: &Certificate,
    carried: &[Certificate],
    trusted_roots: &'a [Vec<u8>],
) -> Result<Path<'a>, CheckError> {
    let roots: Vec<(&[u8], Certificate)> = trusted_roots
        .iter()
        .filter_map(|der| Some((der.as_slice(), Certificate::from_der(der).ok()?)))
        .collect();
    let mut cas: Vec<Certificate> = Vec::new();
    let mut last = cert;
    loop {
        if let Some((root_der, root)) = roots.iter().find(|(_, r)| issued_by(last, r)) {
            return Ok(Path {
                cas,
                root_der,
                root: root.clone(),
            });
        }
        let next = carried
            .iter()
            .find(|c| *c != cert && !cas.contains(c) && issued_by(last, c))
            .ok_or(CheckError::UnknownSigner)?;
        if cas.len() == MAX_CHAIN {
            return Err(CheckError::ChainTooLong);
        }
        cas.push(next.clone());
        last = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digital_signature::keys::{
        IssuedAt, SignerName, issue_at, new_office_root, new_office_root_at, new_signer,
        public_key_der,
    };
    use crate::digital_signature::test_certs as t;

    fn signed(data: &[u8]) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
        let who = SignerName {
            name: "Drs. H. Rusdi Hamdani, M.Si.",
            nip: "197104152000031007",
            position: "Kepala Satuan Polisi Pamong Praja",
            office: "Satuan Polisi Pamong Praja Kabupaten Balangan",
        };
        let (root_key, root) = new_office_root(who.office).unwrap();
        let (key, cert) = new_signer(&who, &root_key, &root).unwrap();
        let digest: [u8; 32] = Sha256::digest(data).into();
        (
            sign_detached(&digest, &key, &cert, std::slice::from_ref(&root)).unwrap(),
            cert,
            root,
        )
    }

    #[test]
    fn a_detached_signature_checks_against_its_root_and_only_its_bytes() {
        let data = b"%PDF-1.4 isi RKT 2026";
        let (cms, cert, root) = signed(data);
        let digest: [u8; 32] = Sha256::digest(data).into();
        let ok = check_detached(&cms, &digest, std::slice::from_ref(&root)).unwrap();
        assert_eq!(ok.signer_cert, cert);
        assert!(ok.subject.contains("197104152000031007"), "{}", ok.subject);
        assert_eq!(ok.name, "Drs. H. Rusdi Hamdani, M.Si.");
        assert_eq!(ok.nip, "197104152000031007");
        assert_eq!(
            ok.root_fingerprint,
            crate::digital_signature::keys::fingerprint(&root)
        );
        // One byte changed in the document.
        let other: [u8; 32] = Sha256::digest(b"%PDF-1.4 isi RKT 2027").into();
        assert_eq!(
            check_detached(&cms, &other, std::slice::from_ref(&root)),
            Err(CheckError::Changed)
        );
        // Another office's root does not vouch for this signer.
        let (_, stranger) = new_office_root("Kantor Lain").unwrap();
        assert_eq!(
            check_detached(&cms, &digest, &[stranger]),
            Err(CheckError::UnknownSigner)
        );
        // OpenSSL reads it as a detached CMS signature over the data, chained to the root.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("sig.der"), &cms).unwrap();
        std::fs::write(dir.path().join("data"), data).unwrap();
        let pem = {
            use x509_cert::der::EncodePem;
            Certificate::from_der(&root)
                .unwrap()
                .to_pem(x509_cert::der::pem::LineEnding::LF)
                .unwrap()
        };
        std::fs::write(dir.path().join("root.pem"), pem).unwrap();
        let out = std::process::Command::new("openssl")
            .args([
                "cms", "-verify", "-binary", "-inform", "DER", "-purpose", "any", "-in",
            ])
            .arg(dir.path().join("sig.der"))
            .arg("-content")
            .arg(dir.path().join("data"))
            .arg("-CAfile")
            .arg(dir.path().join("root.pem"))
            .args(["-out", "/dev/null"])
            .output()
            .expect("openssl is installed");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // The signing-certificate-v2 attribute names the signer's certificate.
        let printed = std::process::Command::new("openssl")
            .args(["cms", "-cmsout", "-print", "-inform", "DER", "-in"])
            .arg(dir.path().join("sig.der"))
            .output()
            .unwrap();
        let printed = String::from_utf8_lossy(&printed.stdout);
        assert!(
            printed.contains("id-smime-aa-signingCertificateV2"),
            "{printed}"
        );
    }

    use crate::digital_signature::test_certs::head;

    /// An office root, the head's key and certificate, and a digest to sign.
    struct Office {
        root_key: SigningKey,
        root: Vec<u8>,
        key: SigningKey,
        cert: Vec<u8>,
        digest: [u8; 32],
    }

    fn office() -> Office {
        let (root_key, root) = new_office_root(head().office).unwrap();
        let (key, cert) = new_signer(&head(), &root_key, &root).unwrap();
        Office {
            root_key,
            root,
            key,
            cert,
            digest: Sha256::digest(b"%PDF-1.7 RKT 2026").into(),
        }
    }

    impl Office {
        /// The attributes our signer writes, by hand.
        fn attrs(&self) -> Vec<Attribute> {
            vec![
                t::content_type(ID_DATA),
                t::message_digest(&self.digest),
                t::signing_certificate_v2(&self.cert),
            ]
        }

        fn check(&self, cms: &[u8]) -> Result<Checked, CheckError> {
            check_detached(cms, &self.digest, std::slice::from_ref(&self.root))
        }
    }

    fn without(attrs: Vec<Attribute>, oid: ObjectIdentifier) -> Vec<Attribute> {
        attrs.into_iter().filter(|a| a.oid != oid).collect()
    }

    #[test]
    fn our_signature_carries_content_type_and_signing_certificate_v2() {
        let o = office();
        let cms = sign_detached(&o.digest, &o.key, &o.cert, std::slice::from_ref(&o.root)).unwrap();
        let r = read(&cms).unwrap();
        let attrs = r.signer.signed_attrs.unwrap();
        let ct = single(&attrs, CONTENT_TYPE, "content-type")
            .unwrap()
            .unwrap();
        assert_eq!(decode::<ObjectIdentifier>(ct).unwrap(), ID_DATA);
        let ess = single(&attrs, SIGNING_CERTIFICATE_V2, "ess")
            .unwrap()
            .unwrap();
        assert!(names_certificate(&first_ess_cert_id(ess).unwrap(), &r.cert).unwrap());
        assert!(o.check(&cms).is_ok());
        // The hand signer, with the same attributes, makes what the check accepts.
        let by_hand = t::hand_signed(o.attrs(), &o.key, &o.cert, &[&o.cert, &o.root]);
        assert!(o.check(&by_hand).is_ok());
    }

    #[test]
    fn content_type_and_signing_certificate_v2_are_required() {
        let o = office();
        let certs: [&[u8]; 2] = [&o.cert, &o.root];
        let signed = |attrs| t::hand_signed(attrs, &o.key, &o.cert, &certs);
        assert_eq!(
            o.check(&signed(without(o.attrs(), CONTENT_TYPE))),
            Err(CheckError::MissingAttribute("content-type"))
        );
        assert_eq!(
            o.check(&signed(without(o.attrs(), SIGNING_CERTIFICATE_V2))),
            Err(CheckError::MissingAttribute("signing-certificate-v2"))
        );
        let mut other_type = without(o.attrs(), CONTENT_TYPE);
        other_type.push(t::content_type(ID_SIGNED_DATA));
        assert_eq!(
            o.check(&signed(other_type)),
            Err(CheckError::WrongContentType)
        );
        // signing-certificate-v2 naming the root instead of the signer.
        let mut other_cert = without(o.attrs(), SIGNING_CERTIFICATE_V2);
        other_cert.push(t::signing_certificate_v2(&o.root));
        assert_eq!(
            o.check(&signed(other_cert)),
            Err(CheckError::WrongCertificate)
        );
        // Two message digests: which one was meant cannot be told.
        let mut twice = o.attrs();
        let mut md = t::message_digest(&o.digest);
        md.values
            .insert(Any::from_der(&OctetString::new([0u8; 32]).unwrap().to_der().unwrap()).unwrap())
            .unwrap();
        twice.retain(|a| a.oid != MESSAGE_DIGEST);
        twice.push(md);
        assert!(matches!(
            o.check(&signed(twice)),
            Err(CheckError::Unreadable(w)) if w.contains("message-digest")
        ));
        for e in [
            CheckError::MissingAttribute("signing-certificate-v2"),
            CheckError::WrongCertificate,
            CheckError::WrongContentType,
        ] {
            assert!(!e.to_string().is_empty());
        }
    }

    /// The insider's swap: a second certificate issued for the head's key under another name,
    /// put in the signature in place of the first. signing-certificate-v2 still names the
    /// first, so the swap shows.
    #[test]
    fn a_certificate_swapped_under_the_signature_is_caught() {
        let o = office();
        let other = SignerName {
            name: "Sekretaris Rekaan",
            ..head()
        };
        let forged = issue_at(
            &other,
            &public_key_der(&o.key).unwrap(),
            &o.root_key,
            &o.root,
            IssuedAt::now().unwrap(),
        )
        .unwrap();
        let genuine = t::hand_signed(o.attrs(), &o.key, &o.cert, &[&o.cert, &o.root]);
        assert!(o.check(&genuine).is_ok());
        // Same signed attributes and signature value; another certificate and signer id.
        let info = ContentInfo::from_der(&genuine).unwrap();
        let mut sd: SignedData = info.content.decode_as().unwrap();
        let fc = Certificate::from_der(&forged).unwrap();
        let mut si = sd.signer_infos.0.iter().next().unwrap().clone();
        si.sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: fc.tbs_certificate.issuer.clone(),
            serial_number: fc.tbs_certificate.serial_number.clone(),
        });
        sd.signer_infos = cms::signed_data::SignerInfos(SetOfVec::try_from(vec![si]).unwrap());
        sd.certificates = Some(cms::signed_data::CertificateSet(
            SetOfVec::try_from(vec![CertificateChoices::Certificate(fc)]).unwrap(),
        ));
        let swapped = ContentInfo {
            content_type: ID_SIGNED_DATA,
            content: Any::encode_from(&sd).unwrap(),
        }
        .to_der()
        .unwrap();
        assert_eq!(o.check(&swapped), Err(CheckError::WrongCertificate));
    }

    #[test]
    fn the_signer_certificate_must_be_for_signing() {
        let o = office();
        // The office root's own key signing a document directly (keyCertSign, cRLSign only).
        let attrs = vec![
            t::content_type(ID_DATA),
            t::message_digest(&o.digest),
            t::signing_certificate_v2(&o.root),
        ];
        let by_root = t::hand_signed(attrs, &o.root_key, &o.root, &[&o.root]);
        assert_eq!(o.check(&by_root), Err(CheckError::NotForSigning));
        // A signer certificate for key encipherment only.
        let ku =
            x509_cert::ext::pkix::KeyUsage(x509_cert::ext::pkix::KeyUsages::KeyEncipherment.into());
        let enc = t::resigned(&o.cert, &o.root_key, |tbs| {
            t::set_extension(tbs, t::KEY_USAGE, true, Some(ku.to_der().unwrap()))
        });
        let attrs = vec![
            t::content_type(ID_DATA),
            t::message_digest(&o.digest),
            t::signing_certificate_v2(&enc),
        ];
        let cms = t::hand_signed(attrs, &o.key, &enc, &[&enc]);
        assert_eq!(o.check(&cms), Err(CheckError::NotForSigning));
        // No keyUsage at all.
        let bare = t::resigned(&o.cert, &o.root_key, |tbs| {
            t::set_extension(tbs, t::KEY_USAGE, false, None)
        });
        let attrs = vec![
            t::content_type(ID_DATA),
            t::message_digest(&o.digest),
            t::signing_certificate_v2(&bare),
        ];
        let cms = t::hand_signed(attrs, &o.key, &bare, &[&bare]);
        assert_eq!(o.check(&cms), Err(CheckError::NotForSigning));
        // An extension marked critical that this check does not know.
        let odd = t::resigned(&o.cert, &o.root_key, |tbs| {
            t::set_extension(
                tbs,
                ObjectIdentifier::new_unwrap("1.3.6.1.4.1.99999.1"),
                true,
                Some(vec![0x05, 0x00]),
            )
        });
        let attrs = vec![
            t::content_type(ID_DATA),
            t::message_digest(&o.digest),
            t::signing_certificate_v2(&odd),
        ];
        let cms = t::hand_signed(attrs, &o.key, &odd, &[&odd]);
        assert!(matches!(
            o.check(&cms),
            Err(CheckError::Unreadable(w)) if w.contains("ekstensi kritis")
        ));
    }

    #[test]
    fn the_issuer_must_be_a_ca_that_signs_certificates() {
        let o = office();
        // The head's certificate trusted as if an office's, issuing another for a new key.
        let (key2, cert2) = new_signer(
            &SignerName {
                name: "Bawahan",
                ..head()
            },
            &o.key,
            &o.cert,
        )
        .unwrap();
        let attrs = vec![
            t::content_type(ID_DATA),
            t::message_digest(&o.digest),
            t::signing_certificate_v2(&cert2),
        ];
        let cms = t::hand_signed(attrs, &key2, &cert2, &[&cert2]);
        assert_eq!(
            check_detached(&cms, &o.digest, std::slice::from_ref(&o.cert)),
            Err(CheckError::IssuerNotCa)
        );
        // A root without keyCertSign (cRLSign only), same name and key.
        let ku = x509_cert::ext::pkix::KeyUsage(x509_cert::ext::pkix::KeyUsages::CRLSign.into());
        let no_sign = t::resigned(&o.root, &o.root_key, |tbs| {
            t::set_extension(tbs, t::KEY_USAGE, true, Some(ku.to_der().unwrap()))
        });
        let cms = t::hand_signed(o.attrs(), &o.key, &o.cert, &[&o.cert]);
        assert_eq!(
            check_detached(&cms, &o.digest, std::slice::from_ref(&no_sign)),
            Err(CheckError::IssuerNotCa)
        );
        // CA:FALSE.
        let bc = x509_cert::ext::pkix::BasicConstraints {
            ca: false,
            path_len_constraint: None,
        };
        let not_ca = t::resigned(&o.root, &o.root_key, |tbs| {
            t::set_extension(tbs, t::BASIC_CONSTRAINTS, true, Some(bc.to_der().unwrap()))
        });
        assert_eq!(
            check_detached(&cms, &o.digest, std::slice::from_ref(&not_ca)),
            Err(CheckError::IssuerNotCa)
        );
    }

    #[test]
    fn both_certificates_must_be_valid_when_it_was_signed() {
        // 20 January 2025 09.00 WITA (01.00 UTC): the root and the head's certificate issued.
        let issued_local = crate::test_time::moment(2025, 1, 20, 9, 0);
        let wita = crate::domain::calendar::wita();
        let issued = IssuedAt::new(issued_local, wita).unwrap();
        let at = issued_local.and_utc().timestamp() - 8 * 3600;
        let (root_key, root) = new_office_root_at(head().office, issued).unwrap();
        let key = crate::digital_signature::keys::new_key();
        let cert = issue_at(
            &head(),
            &public_key_der(&key).unwrap(),
            &root_key,
            &root,
            issued,
        )
        .unwrap();
        let digest: [u8; 32] = Sha256::digest(b"RKT").into();
        let attrs = vec![
            t::content_type(ID_DATA),
            t::message_digest(&digest),
            t::signing_certificate_v2(&cert),
        ];
        let cms = t::hand_signed(attrs.clone(), &key, &cert, &[&cert]);
        let roots = std::slice::from_ref(&root);
        let check = |claimed| check_detached_at(&cms, &digest, roots, claimed);
        assert!(check(Some(at)).is_ok());
        assert!(check(Some(at + 3600)).is_ok());
        // Dated a minute before the certificate was issued.
        let early = check(Some(at - 60)).unwrap_err();
        assert_eq!(
            early,
            CheckError::OutsideValidity {
                whose: Whose::Signer,
                signed: at - 60,
                not_before: at,
                not_after: at + 10 * 365 * 24 * 3600,
            }
        );
        let words = early.to_string();
        assert!(
            words.contains("Senin, 20 Januari 2025 08.59 WITA, sebelum sertifikat penanda tangan berlaku (Senin, 20 Januari 2025 09.00 WITA)"),
            "{words}"
        );
        // After its ten years.
        let late = check(Some(at + 11 * 365 * 24 * 3600)).unwrap_err();
        assert!(
            late.to_string()
                .contains("sesudah sertifikat penanda tangan berakhir"),
            "{late}"
        );
        assert_eq!(check(None), Err(CheckError::NoSigningTime));
        // A signingTime attribute inside the signature counts over the file's claim.
        let mut timed = attrs.clone();
        timed.push(t::signing_time(u64::try_from(at - 3600).unwrap()));
        let cms = t::hand_signed(timed, &key, &cert, &[&cert]);
        assert!(matches!(
            check_detached_at(&cms, &digest, roots, Some(at + 60)),
            Err(CheckError::OutsideValidity {
                whose: Whose::Signer,
                ..
            })
        ));
        // A signer certificate issued before its root was: the root is not yet valid then.
        let later_root = t::resigned(&root, &root_key, |tbs| {
            tbs.validity.not_before = t::time(u64::try_from(at + 3600).unwrap());
        });
        assert!(matches!(
            check_detached_at(
                &t::hand_signed(attrs, &key, &cert, &[&cert]),
                &digest,
                std::slice::from_ref(&later_root),
                Some(at + 60),
            ),
            Err(CheckError::OutsideValidity {
                whose: Whose::Issuer,
                ..
            })
        ));
    }
}
