//! What a certificate may be used for and when, read as a PKI reads it (RFC 5280 §4.2, §6.1):
//! basicConstraints and keyUsage, each at most once, no critical extension this check does not
//! understand, and the validity period at a given moment.

use x509_cert::Certificate;
use x509_cert::der::Decode;
use x509_cert::der::asn1::ObjectIdentifier;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage};

const BASIC_CONSTRAINTS: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.19");
const KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.15");

/// The uses a certificate states.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Uses {
    /// basicConstraints CA:TRUE.
    pub ca: bool,
    /// keyUsage, when the certificate has one.
    pub key_usage: Option<KeyUsage>,
    /// basicConstraints pathLenConstraint: how many CAs may stand below this one in a chain
    /// (`None`: no limit).
    pub path_len: Option<u8>,
}

impl Uses {
    /// May issue certificates: CA:TRUE and keyCertSign.
    pub fn issues_certificates(&self) -> bool {
        self.ca && self.key_usage.is_some_and(|k| k.key_cert_sign())
    }

    /// May sign documents: digitalSignature or nonRepudiation.
    pub fn signs_documents(&self) -> bool {
        self.key_usage
            .is_some_and(|k| k.digital_signature() || k.non_repudiation())
    }
}

/// The certificate's stated uses, or why they cannot be relied on.
pub fn uses(cert: &Certificate) -> Result<Uses, String> {
    let mut out = Uses::default();
    let mut seen: Vec<ObjectIdentifier> = Vec::new();
    for ext in cert.tbs_certificate.extensions.iter().flatten() {
        if seen.contains(&ext.extn_id) {
            return Err(format!("ekstensi {} ada dua kali", ext.extn_id));
        }
        seen.push(ext.extn_id);
        let value = ext.extn_value.as_bytes();
        match ext.extn_id {
            BASIC_CONSTRAINTS => {
                let bc = BasicConstraints::from_der(value)
                    .map_err(|e| format!("basicConstraints tidak terbaca: {e}"))?;
                out.ca = bc.ca;
                out.path_len = bc.path_len_constraint;
            }
            KEY_USAGE => {
                out.key_usage = Some(
                    KeyUsage::from_der(value)
                        .map_err(|e| format!("keyUsage tidak terbaca: {e}"))?,
                );
            }
            // A critical extension restricts the certificate in a way this check cannot see.
            other if ext.critical => {
                return Err(format!("ekstensi kritis {other} tidak dikenal"));
            }
            _ => {}
        }
    }
    Ok(out)
}

/// notBefore and notAfter, as seconds since 1970.
pub fn validity(cert: &Certificate) -> (i64, i64) {
    let v = &cert.tbs_certificate.validity;
    let secs = |t: &x509_cert::time::Time| {
        i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
    };
    (secs(&v.not_before), secs(&v.not_after))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digital_signature::keys::{SignerName, new_office_root, new_signer};

    #[test]
    fn our_root_issues_and_our_signer_signs() {
        let who = SignerName {
            name: "Kepala",
            nip: "",
            position: "Kepala Satuan",
            office: "Kantor Contoh",
        };
        let (root_key, root) = new_office_root(who.office).unwrap();
        let (_, cert) = new_signer(&who, &root_key, &root).unwrap();
        let root = uses(&Certificate::from_der(&root).unwrap()).unwrap();
        let cert = uses(&Certificate::from_der(&cert).unwrap()).unwrap();
        assert!(root.issues_certificates() && !root.signs_documents());
        assert!(cert.signs_documents() && !cert.issues_certificates());
        // No keyUsage at all: neither.
        let bare = Uses {
            ca: true,
            key_usage: None,
            path_len: None,
        };
        assert!(!bare.issues_certificates() && !bare.signs_documents());
    }
}
