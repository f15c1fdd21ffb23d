//! A signer's request for a certificate (PKCS#10, RFC 2986): made on the signer's side with
//! their own key, so that the root holder issues a certificate only for a key its requester
//! proves to hold (the request is signed by that key), and only after comparing the key's
//! fingerprint, read from the signer's own screen, with the one the request carries.

use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{DerSignature, SigningKey, VerifyingKey};
use p256::pkcs8::DecodePublicKey;
use x509_cert::builder::{Builder, RequestBuilder};
use x509_cert::der::asn1::ObjectIdentifier;
use x509_cert::der::{Decode, DecodePem, Encode};
use x509_cert::request::CertReq;

use super::keys::{self, KeyError};

const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");

/// Requests larger than this are not requests of ours (one P-256 key and a name: ~300 bytes).
const MAX_REQUEST_BYTES: usize = 16 * 1024;

fn refused(why: impl Into<String>) -> KeyError {
    KeyError::Refused(why.into())
}

/// A certification request (DER) for `key`, naming `common_name`, signed by `key` itself
/// (ecdsa-with-SHA256): the proof that whoever sends it holds the private key.
pub fn make_request(key: &SigningKey, common_name: &str) -> Result<Vec<u8>, KeyError> {
    let subject = keys::common_name(common_name)?;
    let builder =
        RequestBuilder::new(subject, key).map_err(|e| KeyError::Damaged(e.to_string()))?;
    let req = builder
        .build::<DerSignature>()
        .map_err(|e| KeyError::Damaged(e.to_string()))?;
    req.to_der().map_err(|e| KeyError::Damaged(e.to_string()))
}

/// The public key (SubjectPublicKeyInfo DER) a request asks a certificate for, once its
/// signature shows it was made with that key's private half. DER or PEM ("CERTIFICATE
/// REQUEST", as `openssl req` writes it). Anything else is refused in words.
pub fn check_request(der: &[u8]) -> Result<Vec<u8>, KeyError> {
    if der.len() > MAX_REQUEST_BYTES {
        return Err(refused(
            "Berkas itu terlalu besar untuk sebuah permintaan sertifikat.",
        ));
    }
    let not_a_request = |e: x509_cert::der::Error| {
        refused(format!(
            "Berkas itu bukan permintaan sertifikat (PKCS#10) yang terbaca: {e}."
        ))
    };
    let req = if der.trim_ascii_start().starts_with(b"-----BEGIN") {
        CertReq::from_pem(der.trim_ascii_start()).map_err(not_a_request)?
    } else {
        CertReq::from_der(der).map_err(not_a_request)?
    };
    if req.algorithm.oid != ECDSA_WITH_SHA256 || req.algorithm.parameters.is_some() {
        return Err(refused(format!(
            "Permintaan sertifikat ditandatangani dengan algoritme {}, bukan ECDSA dengan SHA-256.",
            req.algorithm.oid
        )));
    }
    let spki = req
        .info
        .public_key
        .to_der()
        .map_err(|e| KeyError::Damaged(e.to_string()))?;
    let public = VerifyingKey::from_public_key_der(&spki)
        .map_err(|_| refused("Kunci dalam permintaan sertifikat bukan kunci ECDSA P-256."))?;
    let sig = req
        .signature
        .as_bytes()
        .and_then(|b| DerSignature::try_from(b).ok())
        .ok_or_else(|| refused("Tanda tangan permintaan sertifikat tidak terbaca."))?;
    let info = req
        .info
        .to_der()
        .map_err(|e| KeyError::Damaged(e.to_string()))?;
    public.verify(&info, &sig).map_err(|_| {
        refused(
            "Permintaan sertifikat tidak ditandatangani oleh kunci yang dimintakan sertifikatnya: bukti bahwa pemohon memegang kuncinya tidak ada.",
        )
    })?;
    Ok(spki)
}

/// SHA-256 of a public key (SubjectPublicKeyInfo DER), "AB:CD:…" like `keys::fingerprint`:
/// what the signer reads on their own screen and the root holder compares with the request.
pub fn key_fingerprint(spki_der: &[u8]) -> String {
    keys::fingerprint(spki_der)
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::ecdsa::signature::Signer;
    use x509_cert::der::asn1::BitString;

    #[test]
    fn a_request_proves_its_key_and_names_it() {
        let key = keys::new_key();
        let req = make_request(&key, "Drs. H. Rusdi Hamdani, M.Si.").unwrap();
        let spki = check_request(&req).unwrap();
        assert_eq!(spki, keys::public_key_der(&key).unwrap());
        let parsed = CertReq::from_der(&req).unwrap();
        assert!(
            parsed.info.subject.to_string().contains("Rusdi Hamdani"),
            "{}",
            parsed.info.subject
        );
        let fp = key_fingerprint(&spki);
        assert_eq!(fp.len(), 95);
        assert_ne!(
            fp,
            key_fingerprint(&keys::public_key_der(&keys::new_key()).unwrap())
        );
        // PEM, as a request saved to a file is read.
        let pem = {
            use x509_cert::der::EncodePem;
            parsed
                .to_pem(x509_cert::der::pem::LineEnding::CRLF)
                .unwrap()
        };
        assert_eq!(check_request(pem.as_bytes()).unwrap(), spki);
    }

    /// The insider's request: someone else's public key, signed with the insider's own key.
    #[test]
    fn a_request_signed_by_another_key_is_refused() {
        let victim = keys::new_key();
        let insider = keys::new_key();
        let req = make_request(&victim, "Kepala").unwrap();
        let mut forged = CertReq::from_der(&req).unwrap();
        let sig: DerSignature = insider.sign(&forged.info.to_der().unwrap());
        forged.signature = BitString::from_bytes(sig.as_bytes()).unwrap();
        let err = check_request(&forged.to_der().unwrap()).unwrap_err();
        assert!(matches!(err, KeyError::Refused(_)), "{err:?}");
        assert!(err.to_string().contains("bukti"), "{err}");
        // The name changed after signing: the signature no longer covers it.
        let mut renamed = CertReq::from_der(&req).unwrap();
        renamed.info.subject = keys::common_name("Sekretaris Rekaan").unwrap();
        assert!(check_request(&renamed.to_der().unwrap()).is_err());
        // Not a request at all; and trailing bytes.
        let err = check_request(b"bukan permintaan").unwrap_err();
        assert!(
            err.to_string().contains("bukan permintaan sertifikat"),
            "{err}"
        );
        assert!(check_request(&[&req[..], &[0]].concat()).is_err());
        assert!(check_request(&[]).is_err());
        assert!(check_request(&vec![0x30; MAX_REQUEST_BYTES + 1]).is_err());
    }

    /// A request made by OpenSSL (`openssl req -new -key …`), as a signer's other tool might
    /// make it, is accepted and gives the key's public half.
    #[test]
    fn a_request_made_by_openssl_is_accepted() {
        use p256::pkcs8::{EncodePrivateKey, LineEnding};
        let Ok(v) = std::process::Command::new("openssl")
            .arg("version")
            .output()
        else {
            eprintln!("openssl is not installed: skipped");
            return;
        };
        assert!(v.status.success());
        let dir = tempfile::tempdir().unwrap();
        let key = keys::new_key();
        let key_pem = key.to_pkcs8_pem(LineEnding::LF).unwrap();
        std::fs::write(dir.path().join("kunci.pem"), key_pem.as_bytes()).unwrap();
        for form in ["PEM", "DER"] {
            let out_file = dir.path().join(format!("req.{form}"));
            let out = std::process::Command::new("openssl")
                .args([
                    "req",
                    "-new",
                    "-sha256",
                    "-subj",
                    "/CN=Kepala/O=Kantor/C=ID",
                ])
                .arg("-key")
                .arg(dir.path().join("kunci.pem"))
                .args(["-outform", form, "-out"])
                .arg(&out_file)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let req = std::fs::read(&out_file).unwrap();
            assert_eq!(
                check_request(&req).unwrap(),
                keys::public_key_der(&key).unwrap(),
                "{form}"
            );
        }
        // And OpenSSL accepts ours.
        let ours = dir.path().join("ours.der");
        std::fs::write(&ours, make_request(&key, "Kepala").unwrap()).unwrap();
        let out = std::process::Command::new("openssl")
            .args(["req", "-verify", "-noout", "-inform", "DER", "-in"])
            .arg(&ours)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
