//! For the unit tests: certificates changed the way a forger or a careless issuer would (an
//! extension dropped or replaced, another validity) and signed again by a given key, and CMS
//! signatures made by hand from any list of signed attributes.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{DerSignature, SigningKey};
use sha2::{Digest, Sha256};
use x509_cert::attr::Attribute;
use x509_cert::der::asn1::{BitString, ObjectIdentifier, OctetString, SetOfVec, UtcTime};
use x509_cert::der::{Any, Decode, Encode};
use x509_cert::ext::Extension;
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_cert::time::Time;
use x509_cert::{Certificate, TbsCertificate};

/// The invented head every signature test signs as.
pub fn head() -> super::keys::SignerName<'static> {
    super::keys::SignerName {
        name: "Drs. H. Rusdi Hamdani, M.Si.",
        nip: "197104152000031007",
        position: "Kepala Satuan Polisi Pamong Praja",
        office: "Satuan Polisi Pamong Praja Kabupaten Balangan",
    }
}

pub const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
pub const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
pub const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
pub const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
pub const CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
pub const MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
pub const SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
pub const BASIC_CONSTRAINTS: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.19");
pub const KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.15");

/// `cert` with its TBS changed by `change`, signed again by `key`.
pub fn resigned(
    cert_der: &[u8],
    key: &SigningKey,
    change: impl FnOnce(&mut TbsCertificate),
) -> Vec<u8> {
    let mut cert = Certificate::from_der(cert_der).unwrap();
    change(&mut cert.tbs_certificate);
    let sig: DerSignature = key.sign(&cert.tbs_certificate.to_der().unwrap());
    cert.signature = BitString::from_bytes(sig.as_bytes()).unwrap();
    cert.to_der().unwrap()
}

/// The extension `oid` given `value` (its DER; `None`: removed), marked critical or not.
pub fn set_extension(
    tbs: &mut TbsCertificate,
    oid: ObjectIdentifier,
    critical: bool,
    value: Option<Vec<u8>>,
) {
    let exts = tbs.extensions.get_or_insert_with(Vec::new);
    exts.retain(|e| e.extn_id != oid);
    if let Some(v) = value {
        exts.push(Extension {
            extn_id: oid,
            critical,
            extn_value: OctetString::new(v).unwrap(),
        });
    }
}

/// A moment as a certificate or signingTime writes it.
pub fn time(unix: u64) -> Time {
    Time::UtcTime(UtcTime::from_unix_duration(std::time::Duration::from_secs(unix)).unwrap())
}

pub fn attribute(oid: ObjectIdentifier, value_der: &[u8]) -> Attribute {
    Attribute {
        oid,
        values: SetOfVec::try_from(vec![Any::from_der(value_der).unwrap()]).unwrap(),
    }
}

pub fn content_type(oid: ObjectIdentifier) -> Attribute {
    attribute(CONTENT_TYPE, &oid.to_der().unwrap())
}

pub fn message_digest(digest: &[u8]) -> Attribute {
    attribute(
        MESSAGE_DIGEST,
        &OctetString::new(digest).unwrap().to_der().unwrap(),
    )
}

pub fn signing_time(unix: u64) -> Attribute {
    attribute(SIGNING_TIME, &time(unix).to_der().unwrap())
}

/// DER of a definite length (test sizes).
fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
    let len = body.len();
    let head: Vec<u8> = match len {
        0..=127 => vec![tag, len as u8],
        128..=255 => vec![tag, 0x81, len as u8],
        _ => vec![tag, 0x82, (len >> 8) as u8, len as u8],
    };
    [head, body.to_vec()].concat()
}

/// signing-certificate-v2 naming `cert_der` by its SHA-256.
pub fn signing_certificate_v2(cert_der: &[u8]) -> Attribute {
    let id = tlv(0x30, &tlv(0x04, &Sha256::digest(cert_der)));
    attribute(
        ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47"),
        &tlv(0x30, &tlv(0x30, &id)),
    )
}

/// A detached CMS over data whose signed attributes are exactly `attrs`, signed by `key`,
/// naming `signer_der` as the signer and carrying `certs`.
pub fn hand_signed(
    attrs: Vec<Attribute>,
    key: &SigningKey,
    signer_der: &[u8],
    certs: &[&[u8]],
) -> Vec<u8> {
    let signer = Certificate::from_der(signer_der).unwrap();
    let signed_attrs = SetOfVec::try_from(attrs).unwrap();
    let sig: DerSignature = key.sign(&signed_attrs.to_der().unwrap());
    let alg = |oid| AlgorithmIdentifierOwned {
        oid,
        parameters: None,
    };
    let info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: signer.tbs_certificate.issuer.clone(),
            serial_number: signer.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: alg(SHA256),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: alg(ECDSA_WITH_SHA256),
        signature: OctetString::new(sig.as_bytes()).unwrap(),
        unsigned_attrs: None,
    };
    let certificates = certs
        .iter()
        .map(|c| CertificateChoices::Certificate(Certificate::from_der(c).unwrap()))
        .collect::<Vec<_>>();
    let signed = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![alg(SHA256)]).unwrap(),
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(SetOfVec::try_from(certificates).unwrap())),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![info]).unwrap()),
    };
    ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&signed).unwrap(),
    }
    .to_der()
    .unwrap()
}
