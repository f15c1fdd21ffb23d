//! The detached CMS SignedData a PDF signature holds (PAdES baseline B-B, ETSI EN 319 142-1):
//! over the SHA-256 of the signed bytes, with the content-type, message-digest and
//! signing-certificate-v2 attributes, carrying the signer's and the office root's certificates.
//! And its check: the digest, the signature, and the chain up to a trusted office root.

use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::ContentInfo;
use cms::signed_data::{EncapsulatedContentInfo, SignedData, SignerIdentifier};
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{DerSignature, SigningKey, VerifyingKey};
use p256::pkcs8::DecodePublicKey;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::attr::{Attribute, AttributeValue};
use x509_cert::der::asn1::{ObjectIdentifier, OctetString, SetOfVec};
use x509_cert::der::{Any, Decode, Encode};
use x509_cert::spki::AlgorithmIdentifierOwned;

use super::keys::KeyError;

/// id-aa-signingCertificateV2 (RFC 5035): binds the signature to the signer's certificate.
const SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");

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
pub fn sign_detached(
    digest: &[u8; 32],
    key: &SigningKey,
    cert_der: &[u8],
    root_der: &[u8],
) -> Result<Vec<u8>, KeyError> {
    let cert = Certificate::from_der(cert_der).map_err(damaged)?;
    let root = Certificate::from_der(root_der).map_err(damaged)?;
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
    let info = SignedDataBuilder::new(&content)
        .add_digest_algorithm(sha256)
        .map_err(damaged)?
        .add_certificate(CertificateChoices::Certificate(cert))
        .map_err(damaged)?
        .add_certificate(CertificateChoices::Certificate(root))
        .map_err(damaged)?
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
    /// The fingerprint of the office certificate that issued it.
    pub root_fingerprint: String,
    /// From a PDF's signature dictionary (inside the signed ranges): why and when it was
    /// signed, e.g. "Menyetujui RKT tahun 2026 versi 2".
    pub reason: Option<String>,
    pub signed_at: Option<chrono::NaiveDateTime>,
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

/// Why a signature does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckError {
    /// The signed bytes are not the ones the signature was made over.
    Changed,
    /// The signature itself does not verify (it, or its attributes, were altered).
    BadSignature,
    /// Signed by a certificate no trusted office root issued.
    UnknownSigner,
    /// Not a signature this program can read.
    Unreadable(String),
}

impl std::fmt::Display for CheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CheckError::Changed => f.write_str("isi berkas berubah sesudah ditandatangani"),
            CheckError::BadSignature => f.write_str("tanda tangan digitalnya tidak sah (diubah)"),
            CheckError::UnknownSigner => f.write_str(
                "ditandatangani dengan kunci yang tidak diterbitkan sertifikat kantor yang dipercaya",
            ),
            CheckError::Unreadable(why) => write!(f, "tanda tangan tidak terbaca ({why})"),
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

/// Checks a detached CMS against the digest of the signed bytes and the trusted office roots
/// (DER certificates).
pub fn check_detached(
    cms_der: &[u8],
    digest: &[u8; 32],
    trusted_roots: &[Vec<u8>],
) -> Result<Checked, CheckError> {
    let info = ContentInfo::from_der(cms_der).map_err(unreadable)?;
    let signed: SignedData = info.content.decode_as().map_err(unreadable)?;
    let signer = signed
        .signer_infos
        .0
        .iter()
        .next()
        .ok_or_else(|| unreadable("tanpa penanda tangan"))?;
    let SignerIdentifier::IssuerAndSerialNumber(sid) = &signer.sid else {
        return Err(unreadable("penanda tangan tanpa penerbit dan nomor seri"));
    };
    let certs: Vec<Certificate> = signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect();
    let cert = certs
        .iter()
        .find(|c| {
            c.tbs_certificate.issuer == sid.issuer
                && c.tbs_certificate.serial_number == sid.serial_number
        })
        .ok_or_else(|| unreadable("sertifikat penanda tangan tidak ada"))?;
    let attrs = signer
        .signed_attrs
        .as_ref()
        .ok_or_else(|| unreadable("tanpa atribut bertanda tangan"))?;
    let md = attrs
        .iter()
        .find(|a| a.oid == MESSAGE_DIGEST)
        .and_then(|a| a.values.iter().next())
        .ok_or_else(|| unreadable("tanpa message-digest"))?;
    let md: AttributeValue = md.clone();
    let md = OctetString::from_der(&md.to_der().map_err(unreadable)?).map_err(unreadable)?;
    // The signature over the attributes (DER as a SET), with the signer's key.
    let attrs_der = attrs.to_der().map_err(unreadable)?;
    let sig = DerSignature::try_from(signer.signature.as_bytes()).map_err(unreadable)?;
    public_key(cert)?
        .verify(&attrs_der, &sig)
        .map_err(|_| CheckError::BadSignature)?;
    if md.as_bytes() != digest {
        return Err(CheckError::Changed);
    }
    // The signer's certificate was issued by a root this PC trusts.
    let tbs = cert.tbs_certificate.to_der().map_err(unreadable)?;
    let cert_sig = DerSignature::try_from(cert.signature.raw_bytes())
        .map_err(|_| CheckError::UnknownSigner)?;
    let issuer = trusted_roots
        .iter()
        .find(|root| {
            Certificate::from_der(root).is_ok_and(|r| {
                r.tbs_certificate.subject == cert.tbs_certificate.issuer
                    && public_key(&r).is_ok_and(|k| k.verify(&tbs, &cert_sig).is_ok())
            })
        })
        .ok_or(CheckError::UnknownSigner)?;
    let subject = &cert.tbs_certificate.subject;
    Ok(Checked {
        signer_cert: cert.to_der().map_err(unreadable)?,
        subject: subject.to_string(),
        name: name_part(subject, ObjectIdentifier::new_unwrap("2.5.4.3")),
        nip: name_part(subject, ObjectIdentifier::new_unwrap("2.5.4.5")),
        root_fingerprint: super::keys::fingerprint(issuer),
        reason: None,
        signed_at: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digital_signature::keys::{SignerName, new_office_root, new_signer};

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
            sign_detached(&digest, &key, &cert, &root).unwrap(),
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
}
