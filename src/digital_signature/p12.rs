//! A signer's private key as a standard PKCS#12 (.p12) file under a passphrase: what OpenSSL,
//! Python's cryptography, Windows and Adobe read and write. Written here on RustCrypto's pieces
//! (pkcs12's ASN.1 types and KDF, PBKDF2, AES-CBC, HMAC): the p12-keystore crate always checks
//! the MAC, which would double the cost of every open.
//!
//! What is written: PFX v3 whose authSafe holds (a) a `data` ContentInfo with the key as a
//! pkcs8ShroudedKeyBag (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC, random salt and IV) named by
//! friendlyName and localKeyId, and (b) the signer's certificate and its chain as certBags in a
//! plain `data` ContentInfo (certificates are public), the signer's with the key's localKeyId;
//! then an HMAC-SHA256 MAC keyed by the PKCS#12 KDF (OpenSSL 3's default MAC) at twice the
//! key bag's count (`mac_iterations`).
//!
//! Passwords are encoded as OpenSSL 3 does: PBES2 takes the passphrase's UTF-8 bytes, the
//! PKCS#12 KDF (the MAC's key) its BMPString (UTF-16BE, two zero bytes after).

use std::fmt;

use aes::cipher::block_padding::Pkcs7;
use aes::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use cms::content_info::ContentInfo;
use cms::encrypted_data::EncryptedData;
use hmac::{Hmac, Mac};
use p256::ecdsa::SigningKey;
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use pkcs5::pbes2;
use pkcs8::SecretDocument;
use pkcs12::cert_type::CertBag;
use pkcs12::digest_info::DigestInfo;
use pkcs12::mac_data::MacData;
use pkcs12::pbe_params::{EncryptedPrivateKeyInfo, Pkcs12PbeParams};
use pkcs12::pfx::{Pfx, Version};
use pkcs12::safe_bag::SafeBag;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::attr::{Attribute, Attributes};
use x509_cert::der::asn1::{Any, AnyRef, BmpString, ObjectIdentifier, OctetString, SetOfVec};
use x509_cert::der::{Decode, Encode, Header, Reader, SliceReader, Tag, TagNumber};
use x509_cert::spki::AlgorithmIdentifierOwned;
use zeroize::Zeroizing;

/// PBKDF2-HMAC-SHA256 iterations of the key bag: one derivation takes about a second on the
/// 2-core build machine (Xeon with SHA-NI) in a release build. benches/p12.rs, shared and
/// loaded machine: PBKDF2 alone 0.90–1.07 s (7.5–8.9 M iterations/s), `open` 1.1–1.3 s,
/// `write` 2.1–2.4 s (the MAC too). An office PC without the SHA extensions takes a few times
/// longer. Every guess of an attacker with a copy of the file costs this much on a CPU core
/// (for OpenSSL 3.0, verifying the MAC as well: `openssl pkcs12` takes 3.4 s, Python 2.2 s).
pub const ITERATIONS: u32 = 8_000_000;

/// Beyond this a file's PBKDF2 count is damage or a trap (minutes of work per open), not a key
/// (RFC 8018's own ceiling; ~12× ITERATIONS).
const MAX_OPEN_ITERATIONS: u32 = 100_000_000;

const SALT_LEN: usize = 16;
const MAC_SALT_LEN: usize = 32;

const DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ENCRYPTED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.6");
const FRIENDLY_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.20");
const LOCAL_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.21");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const PKCS12_PBE_PREFIX: &str = "1.2.840.113549.1.12.1.";
const PKCS5_PBES1_PREFIX: &str = "1.2.840.113549.1.5.";
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const PRIME256V1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");

/// Why a .p12 could not be written or opened. Shown to officials: Indonesian sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum P12Error {
    /// Not a PKCS#12 file at all, or one damaged beyond reading.
    NotP12,
    /// The passphrase does not decrypt the key (or the encrypted part was changed).
    WrongPassphrase,
    /// A readable .p12 protected by a scheme this program does not open (its words).
    UnsupportedScheme(String),
    /// A key of another algorithm than ECDSA P-256 (its words, e.g. "RSA 2048 bit").
    UnsupportedKey(String),
    /// No private key inside (certificates only).
    NoKey,
    /// More than one private key: which one signs would be a guess.
    SeveralKeys(usize),
    /// A PBKDF2 iteration count far beyond any real key's.
    TooCostly(u32),
    /// The first certificate given to `write` is not the key's.
    CertificateNotOfKey,
    /// Writing failed (encoding; should not happen).
    Write(String),
}

impl fmt::Display for P12Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            P12Error::NotP12 => f.write_str("Berkas itu bukan berkas kunci .p12 yang bisa dibaca."),
            P12Error::WrongPassphrase => f.write_str("Kata sandi kunci salah."),
            P12Error::UnsupportedScheme(what) => write!(
                f,
                "Berkas .p12 itu dilindungi dengan {what}, yang tidak dibuka program ini. Ekspor ulang kuncinya dengan AES-256 (misalnya dengan OpenSSL 3: openssl pkcs12 -legacy -in lama.p12 -nodes | openssl pkcs12 -export -out baru.p12)."
            ),
            P12Error::UnsupportedKey(what) => write!(
                f,
                "Program ini baru bisa menandatangani dengan kunci ECDSA P-256; kunci di berkas itu {what}."
            ),
            P12Error::NoKey => {
                f.write_str("Berkas .p12 itu tidak berisi kunci privat, hanya sertifikat.")
            }
            P12Error::SeveralKeys(n) => write!(
                f,
                "Berkas .p12 itu berisi {n} kunci privat; program ini hanya menerima berkas dengan satu kunci."
            ),
            P12Error::TooCostly(n) => write!(
                f,
                "Berkas .p12 itu meminta {n} putaran PBKDF2, jauh di atas kewajaran; berkas tidak dibuka."
            ),
            P12Error::CertificateNotOfKey => f.write_str(
                "Sertifikat pertama bukan sertifikat kunci ini; berkas .p12 tidak dibuat.",
            ),
            P12Error::Write(why) => write!(f, "Berkas kunci .p12 tidak bisa dibuat: {why}."),
        }
    }
}

impl std::error::Error for P12Error {}

fn not_p12<E>(_: E) -> P12Error {
    P12Error::NotP12
}

fn write_err(e: impl fmt::Display) -> P12Error {
    P12Error::Write(e.to_string())
}

/// An opened .p12 with a P-256 key: the key, and the certificates, the key's own first (the
/// one whose public key is the key's, else the one sharing its localKeyId), then the others in
/// the file's order.
pub struct Opened {
    pub key: SigningKey,
    pub certs: Vec<Vec<u8>>,
}

impl fmt::Debug for Opened {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Opened {{ key: .., certs: {} }}", self.certs.len())
    }
}

/// An opened .p12 whatever its key: the decrypted PKCS#8 PrivateKeyInfo (wiped when dropped),
/// for keys `open` does not take yet (RSA), and the certificates, ordered by localKeyId.
pub struct OpenedPkcs8 {
    pub pkcs8: SecretDocument,
    pub certs: Vec<Vec<u8>>,
}

impl fmt::Debug for OpenedPkcs8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "OpenedPkcs8 {{ pkcs8: .., certs: {} }}",
            self.certs.len()
        )
    }
}

/// PBKDF2's pseudo-random function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prf {
    HmacSha1,
    HmacSha224,
    HmacSha256,
    HmacSha384,
    HmacSha512,
}

/// How a .p12's key bag turns a passphrase into its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyKdf {
    /// PBES2 with PBKDF2.
    Pbkdf2 { prf: Prf, iterations: u32 },
    /// PBES2 with scrypt (not opened here).
    Scrypt,
    /// The old PKCS#12 PBE schemes (SHA-1 KDF with 3DES, RC2 or RC4; not opened here).
    Pkcs12Legacy { oid: String, iterations: u32 },
    /// Another scheme (its OID).
    Other(String),
    /// A key bag stored without encryption.
    Unencrypted,
}

/// A .p12's cost parameters, read without the passphrase: what one guess costs an attacker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KdfParams {
    /// The first key bag visible without the passphrase (None: none, or all inside
    /// encryptedData).
    pub key: Option<KeyKdf>,
    /// The MAC's PKCS#12 KDF iteration count (None: no MAC).
    pub mac_iterations: Option<u32>,
}

/// The MAC's PKCS#12 KDF count for a key bag of `iterations` PBKDF2-HMAC-SHA256 iterations.
/// One PBKDF2-HMAC iteration is two SHA-256 compressions (inner and outer hash, the padded key
/// blocks precomputed), one PKCS#12 KDF iteration one: at twice the count the MAC costs a
/// guesser as much as the key bag, and is not the cheaper way to test a passphrase.
pub fn mac_iterations(iterations: u32) -> u32 {
    iterations.saturating_mul(2).min(i32::MAX as u32)
}

/// The passphrase as the PKCS#12 KDF takes it: UTF-16BE with a terminating zero (RFC 7292
/// B.1; characters beyond the BMP as surrogate pairs, as OpenSSL's OPENSSL_utf82uni does).
fn bmp_password(passphrase: &str) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(passphrase.len() * 2 + 2));
    for unit in passphrase.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out.extend_from_slice(&[0, 0]);
    out
}

fn random<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    OsRng.fill_bytes(&mut b);
    b
}

/// localKeyId: the first 20 bytes of SHA-256 of the public key (SEC1, uncompressed). It pairs
/// the key bag with its certificate, and stays the same whether the certificate is there yet.
fn local_key_id(key: &SigningKey) -> Vec<u8> {
    let point = key.verifying_key().to_encoded_point(false);
    Sha256::digest(point.as_bytes())[..20].to_vec()
}

fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute, P12Error> {
    let values = SetOfVec::try_from(vec![value]).map_err(write_err)?;
    Ok(Attribute { oid, values })
}

fn bag_attributes(friendly_name: &str, key_id: &[u8]) -> Result<Attributes, P12Error> {
    let mut attrs = Vec::new();
    if !friendly_name.is_empty() {
        // BMPString holds the Basic Multilingual Plane only: anything beyond becomes '?'.
        let name: String = friendly_name
            .chars()
            .map(|c| if (c as u32) > 0xFFFF { '?' } else { c })
            .collect();
        let bmp = BmpString::from_utf8(&name).map_err(write_err)?;
        attrs.push(attribute(
            FRIENDLY_NAME,
            Any::encode_from(&bmp).map_err(write_err)?,
        )?);
    }
    let id = OctetString::new(key_id).map_err(write_err)?;
    attrs.push(attribute(
        LOCAL_KEY_ID,
        Any::encode_from(&id).map_err(write_err)?,
    )?);
    SetOfVec::try_from(attrs).map_err(write_err)
}

fn data_content_info(content: Vec<u8>) -> Result<ContentInfo, P12Error> {
    let octets = OctetString::new(content).map_err(write_err)?;
    Ok(ContentInfo {
        content_type: DATA,
        content: Any::encode_from(&octets).map_err(write_err)?,
    })
}

/// The DER of a certificate's SubjectPublicKeyInfo's key bits, to match a key with it.
fn cert_public_key(cert: &[u8]) -> Option<Vec<u8>> {
    let c = Certificate::from_der(cert).ok()?;
    c.tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .as_bytes()
        .map(<[u8]>::to_vec)
}

/// A key and its certificates as a .p12 under `passphrase`: the key bag under PBES2
/// (PBKDF2-HMAC-SHA256 × `iterations`, AES-256-CBC), the certificates (`certs[0]` the key's
/// own, then its chain; none for a key still waiting for its certificate) in the clear, the MAC
/// at `mac_iterations(iterations)`. The caller checks the passphrase's strength first.
pub fn write(
    key: &SigningKey,
    certs: &[Vec<u8>],
    passphrase: &str,
    iterations: u32,
    friendly_name: &str,
) -> Result<Vec<u8>, P12Error> {
    let mac_iter = mac_iterations(iterations);
    write_at(
        key,
        certs,
        passphrase,
        (iterations, mac_iter),
        friendly_name,
    )
}

/// `write` with the MAC's count apart (tests: ITERATIONS in the key bag without a debug
/// build's ten seconds of MAC).
fn write_at(
    key: &SigningKey,
    certs: &[Vec<u8>],
    passphrase: &str,
    (iterations, mac_iter): (u32, u32),
    friendly_name: &str,
) -> Result<Vec<u8>, P12Error> {
    if passphrase.is_empty() {
        // OpenSSL reads an empty password two ways (none, or ""): a file no one could rely on.
        return Err(P12Error::Write("kata sandi kosong".into()));
    }
    if iterations == 0 || iterations > MAX_OPEN_ITERATIONS {
        return Err(P12Error::Write(format!(
            "jumlah putaran {iterations} di luar 1–{MAX_OPEN_ITERATIONS}"
        )));
    }
    let key_id = local_key_id(key);
    if let Some(first) = certs.first() {
        let own = key.verifying_key().to_encoded_point(false);
        if cert_public_key(first).as_deref() != Some(own.as_bytes()) {
            return Err(P12Error::CertificateNotOfKey);
        }
    }

    // (a) The key: PKCS#8 under PBES2.
    let pkcs8 = key.to_pkcs8_der().map_err(write_err)?;
    let salt: [u8; SALT_LEN] = random();
    let iv: [u8; 16] = random();
    let mut aes_key = Zeroizing::new([0u8; 32]);
    pbkdf2::pbkdf2_hmac::<Sha256>(passphrase.as_bytes(), &salt, iterations, &mut aes_key[..]);
    let plain = pkcs8.as_bytes();
    let mut ct = vec![0u8; (plain.len() / 16 + 1) * 16];
    let ct_len = cbc::Encryptor::<aes::Aes256>::new(aes_key.as_ref().into(), &iv.into())
        .encrypt_padded_b2b_mut::<Pkcs7>(plain, &mut ct)
        .map_err(write_err)?
        .len();
    ct.truncate(ct_len);
    let params = pbes2::Parameters {
        kdf: pbes2::Pbkdf2Params {
            salt: &salt,
            iteration_count: iterations,
            key_length: None,
            prf: pbes2::Pbkdf2Prf::HmacWithSha256,
        }
        .into(),
        encryption: pbes2::EncryptionScheme::Aes256Cbc { iv: &iv },
    };
    let epki = EncryptedPrivateKeyInfo {
        encryption_algorithm: AlgorithmIdentifierOwned {
            oid: pbes2::PBES2_OID,
            parameters: Some(Any::encode_from(&params).map_err(write_err)?),
        },
        encrypted_data: OctetString::new(ct).map_err(write_err)?,
    };
    let key_bag = SafeBag {
        bag_id: pkcs12::PKCS_12_PKCS8_KEY_BAG_OID,
        bag_value: epki.to_der().map_err(write_err)?,
        bag_attributes: Some(bag_attributes(friendly_name, &key_id)?),
    };
    let mut auth_safe = vec![data_content_info(
        vec![key_bag].to_der().map_err(write_err)?,
    )?];

    // (b) The certificates, in the clear.
    if !certs.is_empty() {
        let mut bags = Vec::with_capacity(certs.len());
        for (i, cert) in certs.iter().enumerate() {
            let bag = CertBag {
                cert_id: pkcs12::PKCS_12_X509_CERT_OID,
                cert_value: OctetString::new(cert.as_slice()).map_err(write_err)?,
            };
            bags.push(SafeBag {
                bag_id: pkcs12::PKCS_12_CERT_BAG_OID,
                bag_value: bag.to_der().map_err(write_err)?,
                bag_attributes: match i {
                    0 => Some(bag_attributes(friendly_name, &key_id)?),
                    _ => None,
                },
            });
        }
        auth_safe.push(data_content_info(bags.to_der().map_err(write_err)?)?);
    }
    let auth_safe = auth_safe.to_der().map_err(write_err)?;

    // The MAC over the authSafe's content, for the other tools that check it.
    let mac_salt: [u8; MAC_SALT_LEN] = random();
    let digest = hmac_sha256(passphrase, &mac_salt, mac_iter, &auth_safe)?;
    let pfx = Pfx {
        version: Version::V3,
        auth_safe: data_content_info(auth_safe)?,
        mac_data: Some(MacData {
            mac: DigestInfo {
                algorithm: AlgorithmIdentifierOwned {
                    oid: SHA256,
                    parameters: Some(Any::null()),
                },
                digest: OctetString::new(digest).map_err(write_err)?,
            },
            mac_salt: OctetString::new(mac_salt.to_vec()).map_err(write_err)?,
            iterations: mac_iter as i32,
        }),
    };
    pfx.to_der().map_err(write_err)
}

fn hmac_sha256(
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
    content: &[u8],
) -> Result<Vec<u8>, P12Error> {
    let mac_key = Zeroizing::new(pkcs12::kdf::derive_key::<Sha256>(
        &bmp_password(passphrase),
        salt,
        pkcs12::kdf::Pkcs12KeyType::Mac,
        i32::try_from(iterations).map_err(write_err)?,
        32,
    ));
    let mut mac = Hmac::<Sha256>::new_from_slice(&mac_key).map_err(write_err)?;
    mac.update(content);
    Ok(mac.finalize().into_bytes().to_vec())
}

/// The authSafe's ContentInfos.
fn auth_safe(pfx: &Pfx) -> Result<Vec<ContentInfo>, P12Error> {
    if pfx.auth_safe.content_type != DATA {
        // signedData: the public-key integrity mode, which nothing in this setting writes.
        return Err(P12Error::UnsupportedScheme(
            "tanda tangan kunci publik (mode integritas signedData)".into(),
        ));
    }
    let octets: OctetString = pfx.auth_safe.content.decode_as().map_err(not_p12)?;
    Vec::<ContentInfo>::from_der(octets.as_bytes()).map_err(not_p12)
}

fn safe_contents_of_data(ci: &ContentInfo) -> Result<Vec<SafeBag>, P12Error> {
    let octets: OctetString = ci.content.decode_as().map_err(not_p12)?;
    Vec::<SafeBag>::from_der(octets.as_bytes()).map_err(not_p12)
}

/// A bag's value without the `[0] EXPLICIT` around it (pkcs12 0.1 keeps it when it decodes,
/// and adds it when it encodes).
fn bag_inner(value: &[u8]) -> Result<&[u8], P12Error> {
    let mut r = SliceReader::new(value).map_err(not_p12)?;
    let header = Header::decode(&mut r).map_err(not_p12)?;
    if header.tag
        != (Tag::ContextSpecific {
            constructed: true,
            number: TagNumber::N0,
        })
    {
        return Ok(value);
    }
    let inner = r.read_slice(header.length).map_err(not_p12)?;
    r.finish(inner).map_err(not_p12)
}

fn oid_kdf(alg: &AlgorithmIdentifierOwned) -> Result<KeyKdf, P12Error> {
    if alg.oid == pbes2::PBES2_OID {
        let params = pbes2_params(alg)?;
        return Ok(match params.kdf {
            pbes2::Kdf::Pbkdf2(p) => KeyKdf::Pbkdf2 {
                prf: prf_of(p.prf),
                iterations: p.iteration_count,
            },
            pbes2::Kdf::Scrypt(_) => KeyKdf::Scrypt,
            _ => KeyKdf::Other(pbes2::PBES2_OID.to_string()),
        });
    }
    let oid = alg.oid.to_string();
    if oid.starts_with(PKCS12_PBE_PREFIX) {
        let iterations = alg
            .parameters
            .as_ref()
            .and_then(|p| p.decode_as::<Pkcs12PbeParams>().ok())
            .and_then(|p| u32::try_from(p.iterations).ok())
            .unwrap_or(0);
        return Ok(KeyKdf::Pkcs12Legacy { oid, iterations });
    }
    Ok(KeyKdf::Other(oid))
}

fn prf_of(prf: pbes2::Pbkdf2Prf) -> Prf {
    match prf {
        pbes2::Pbkdf2Prf::HmacWithSha1 => Prf::HmacSha1,
        pbes2::Pbkdf2Prf::HmacWithSha224 => Prf::HmacSha224,
        pbes2::Pbkdf2Prf::HmacWithSha256 => Prf::HmacSha256,
        pbes2::Pbkdf2Prf::HmacWithSha384 => Prf::HmacSha384,
        pbes2::Pbkdf2Prf::HmacWithSha512 => Prf::HmacSha512,
        // Non-exhaustive upstream; none other exists in pkcs5 0.7.
        _ => Prf::HmacSha1,
    }
}

fn pbes2_params(alg: &AlgorithmIdentifierOwned) -> Result<pbes2::Parameters<'_>, P12Error> {
    let any = alg.parameters.as_ref().ok_or(P12Error::NotP12)?;
    pbes2::Parameters::try_from(AnyRef::from(any)).map_err(not_p12)
}

/// The cost parameters of a .p12, without its passphrase.
pub fn kdf_params(der: &[u8]) -> Result<KdfParams, P12Error> {
    let pfx = Pfx::from_der(der).map_err(not_p12)?;
    let mac_iterations = pfx
        .mac_data
        .as_ref()
        .map(|m| u32::try_from(m.iterations).map_err(not_p12))
        .transpose()?;
    let mut key = None;
    'outer: for ci in auth_safe(&pfx)? {
        if ci.content_type != DATA {
            continue;
        }
        for bag in safe_contents_of_data(&ci)? {
            if bag.bag_id == pkcs12::PKCS_12_PKCS8_KEY_BAG_OID {
                let epki = EncryptedPrivateKeyInfo::from_der(bag_inner(&bag.bag_value)?)
                    .map_err(not_p12)?;
                key = Some(oid_kdf(&epki.encryption_algorithm)?);
                break 'outer;
            }
            if bag.bag_id == pkcs12::PKCS_12_KEY_BAG_OID {
                key = Some(KeyKdf::Unencrypted);
                break 'outer;
            }
        }
    }
    Ok(KdfParams {
        key,
        mac_iterations,
    })
}

/// Decrypts what `alg` encrypted under the passphrase: PBES2 with PBKDF2 (HMAC-SHA1 or SHA-2)
/// and AES-CBC. The old PKCS#12 schemes (3DES, RC2) are refused with words saying so: their
/// ciphers are not among this program's dependencies.
fn decrypt(
    alg: &AlgorithmIdentifierOwned,
    ciphertext: &[u8],
    passphrase: &str,
) -> Result<Zeroizing<Vec<u8>>, P12Error> {
    match oid_kdf(alg)? {
        KeyKdf::Pbkdf2 { .. } => {}
        KeyKdf::Scrypt => return Err(P12Error::UnsupportedScheme("scrypt".into())),
        KeyKdf::Pkcs12Legacy { .. } => {
            return Err(P12Error::UnsupportedScheme(
                "enkripsi PKCS#12 lama (3DES atau RC2 dengan SHA-1)".into(),
            ));
        }
        KeyKdf::Other(oid) if oid.starts_with(PKCS5_PBES1_PREFIX) => {
            return Err(P12Error::UnsupportedScheme(
                "enkripsi PBES1 lama (DES atau RC2)".into(),
            ));
        }
        KeyKdf::Other(oid) => {
            return Err(P12Error::UnsupportedScheme(format!(
                "skema enkripsi yang tidak dikenal ({oid})"
            )));
        }
        // Not said by oid_kdf; here only for the match to be whole.
        KeyKdf::Unencrypted => return Err(P12Error::NotP12),
    }
    let params = pbes2_params(alg)?;
    let pbes2::Kdf::Pbkdf2(kdf) = params.kdf else {
        return Err(P12Error::UnsupportedScheme("scrypt".into()));
    };
    let (key_len, iv) = match params.encryption {
        pbes2::EncryptionScheme::Aes128Cbc { iv } => (16, iv),
        pbes2::EncryptionScheme::Aes192Cbc { iv } => (24, iv),
        pbes2::EncryptionScheme::Aes256Cbc { iv } => (32, iv),
        other => {
            return Err(P12Error::UnsupportedScheme(format!(
                "sandi {}",
                other.oid()
            )));
        }
    };
    if kdf.key_length.is_some_and(|l| usize::from(l) != key_len) {
        return Err(P12Error::NotP12);
    }
    if kdf.iteration_count == 0 {
        return Err(P12Error::NotP12);
    }
    if kdf.iteration_count > MAX_OPEN_ITERATIONS {
        return Err(P12Error::TooCostly(kdf.iteration_count));
    }
    if ciphertext.is_empty() || !ciphertext.len().is_multiple_of(16) {
        return Err(P12Error::NotP12);
    }
    let mut key = Zeroizing::new([0u8; 32]);
    let (pass, salt, n) = (passphrase.as_bytes(), kdf.salt, kdf.iteration_count);
    let out = &mut key[..key_len];
    match kdf.prf {
        pbes2::Pbkdf2Prf::HmacWithSha1 => pbkdf2::pbkdf2_hmac::<sha1::Sha1>(pass, salt, n, out),
        pbes2::Pbkdf2Prf::HmacWithSha224 => pbkdf2::pbkdf2_hmac::<sha2::Sha224>(pass, salt, n, out),
        pbes2::Pbkdf2Prf::HmacWithSha256 => pbkdf2::pbkdf2_hmac::<Sha256>(pass, salt, n, out),
        pbes2::Pbkdf2Prf::HmacWithSha384 => pbkdf2::pbkdf2_hmac::<sha2::Sha384>(pass, salt, n, out),
        pbes2::Pbkdf2Prf::HmacWithSha512 => pbkdf2::pbkdf2_hmac::<sha2::Sha512>(pass, salt, n, out),
        _ => return Err(P12Error::UnsupportedScheme("PRF PBKDF2 lain".into())),
    }
    let mut buf = Zeroizing::new(ciphertext.to_vec());
    let key = &key[..key_len];
    let len = match key_len {
        16 => cbc::Decryptor::<aes::Aes128>::new_from_slices(key, iv)
            .map_err(not_p12)?
            .decrypt_padded_mut::<Pkcs7>(&mut buf)
            .map(|p| p.len()),
        24 => cbc::Decryptor::<aes::Aes192>::new_from_slices(key, iv)
            .map_err(not_p12)?
            .decrypt_padded_mut::<Pkcs7>(&mut buf)
            .map(|p| p.len()),
        _ => cbc::Decryptor::<aes::Aes256>::new_from_slices(key, iv)
            .map_err(not_p12)?
            .decrypt_padded_mut::<Pkcs7>(&mut buf)
            .map(|p| p.len()),
    }
    // Bad padding: the wrong key, all but certainly.
    .map_err(|_| P12Error::WrongPassphrase)?;
    buf.truncate(len);
    Ok(buf)
}

/// What the bags of a .p12 hold.
#[derive(Default)]
struct Found {
    /// Each key's PKCS#8 and localKeyId.
    keys: Vec<(SecretDocument, Option<Vec<u8>>)>,
    /// Each certificate and its localKeyId.
    certs: Vec<(Vec<u8>, Option<Vec<u8>>)>,
}

fn local_key_id_of(bag: &SafeBag) -> Option<Vec<u8>> {
    let attrs = bag.bag_attributes.as_ref()?;
    let a = attrs.iter().find(|a| a.oid == LOCAL_KEY_ID)?;
    let v = a.values.iter().next()?;
    v.decode_as::<OctetString>().ok().map(|o| o.into_bytes())
}

/// A decrypted PKCS#8 document, if it is one: anything else was decrypted with the wrong key.
fn pkcs8_document(plain: &[u8]) -> Result<SecretDocument, P12Error> {
    pkcs8::PrivateKeyInfo::try_from(plain).map_err(|_| P12Error::WrongPassphrase)?;
    SecretDocument::try_from(plain).map_err(|_| P12Error::WrongPassphrase)
}

fn visit(
    bags: Vec<SafeBag>,
    passphrase: &str,
    found: &mut Found,
    depth: u8,
) -> Result<(), P12Error> {
    for bag in bags {
        let inner = bag_inner(&bag.bag_value)?;
        if bag.bag_id == pkcs12::PKCS_12_PKCS8_KEY_BAG_OID {
            let epki = EncryptedPrivateKeyInfo::from_der(inner).map_err(not_p12)?;
            let plain = decrypt(
                &epki.encryption_algorithm,
                epki.encrypted_data.as_bytes(),
                passphrase,
            )?;
            found
                .keys
                .push((pkcs8_document(&plain)?, local_key_id_of(&bag)));
        } else if bag.bag_id == pkcs12::PKCS_12_KEY_BAG_OID {
            let doc = pkcs8_document(inner).map_err(not_p12)?;
            found.keys.push((doc, local_key_id_of(&bag)));
        } else if bag.bag_id == pkcs12::PKCS_12_CERT_BAG_OID {
            let cert = CertBag::from_der(inner).map_err(not_p12)?;
            if cert.cert_id == pkcs12::PKCS_12_X509_CERT_OID {
                found
                    .certs
                    .push((cert.cert_value.into_bytes(), local_key_id_of(&bag)));
            }
        } else if bag.bag_id == pkcs12::PKCS_12_SAFE_CONTENTS_BAG_OID && depth < 4 {
            let nested = Vec::<SafeBag>::from_der(inner).map_err(not_p12)?;
            visit(nested, passphrase, found, depth + 1)?;
        }
        // CRL and secret bags: nothing a signer needs.
    }
    Ok(())
}

/// Opens a .p12 whatever its key type: its one private key as PKCS#8 and its certificates.
///
/// The MAC is NOT checked. A guesser would test a passphrase on whichever of key bag and MAC is
/// cheaper, so checking it protects nothing, and it would double the cost of every open. Nor
/// is it a stronger check than the key itself: the caller compares the key with the
/// certificate or public key it expects, and a changed key bag fails to decrypt or to parse.
pub fn open_pkcs8(der: &[u8], passphrase: &str) -> Result<OpenedPkcs8, P12Error> {
    let pfx = Pfx::from_der(der).map_err(not_p12)?;
    let contents = auth_safe(&pfx)?;
    let mut found = Found::default();
    // Plain `data` first: the key bag is there in all common files, so a wrong passphrase is
    // told after one key derivation, before any encrypted certificates are decrypted.
    let mut encrypted = Vec::new();
    for ci in &contents {
        if ci.content_type == DATA {
            visit(safe_contents_of_data(ci)?, passphrase, &mut found, 0)?;
        } else if ci.content_type == ENCRYPTED_DATA {
            encrypted.push(ci);
        }
    }
    for ci in encrypted {
        let ed: EncryptedData = ci.content.decode_as().map_err(not_p12)?;
        let info = ed.enc_content_info;
        let Some(ct) = info.encrypted_content else {
            continue;
        };
        let plain = decrypt(&info.content_enc_alg, ct.as_bytes(), passphrase)?;
        let bags = Vec::<SafeBag>::from_der(&plain).map_err(|_| P12Error::WrongPassphrase)?;
        visit(bags, passphrase, &mut found, 0)?;
    }
    let mut keys = found.keys.into_iter();
    let (pkcs8, key_id) = match (keys.next(), keys.len()) {
        (None, _) => return Err(P12Error::NoKey),
        (Some(k), 0) => k,
        (Some(_), more) => return Err(P12Error::SeveralKeys(more + 1)),
    };
    // The key's own certificate first (same localKeyId), the rest in the file's order.
    let mut certs = found.certs;
    if let Some(id) = key_id
        && let Some(i) = certs.iter().position(|(_, c)| c.as_ref() == Some(&id))
    {
        let own = certs.remove(i);
        certs.insert(0, own);
    }
    Ok(OpenedPkcs8 {
        pkcs8,
        certs: certs.into_iter().map(|(c, _)| c).collect(),
    })
}

/// Opens a .p12 holding an ECDSA P-256 key. See `open_pkcs8` on why the MAC is not checked.
pub fn open(der: &[u8], passphrase: &str) -> Result<Opened, P12Error> {
    let opened = open_pkcs8(der, passphrase)?;
    let key = p256_key(&opened.pkcs8)?;
    let own = key.verifying_key().to_encoded_point(false);
    let mut certs = opened.certs;
    if let Some(i) = certs
        .iter()
        .position(|c| cert_public_key(c).as_deref() == Some(own.as_bytes()))
    {
        let cert = certs.remove(i);
        certs.insert(0, cert);
    }
    Ok(Opened { key, certs })
}

/// The P-256 signing key of a PKCS#8 document, or words on what key it is instead.
pub fn p256_key(pkcs8: &SecretDocument) -> Result<SigningKey, P12Error> {
    let info = pkcs8::PrivateKeyInfo::try_from(pkcs8.as_bytes()).map_err(not_p12)?;
    let alg = info.algorithm;
    if alg.oid == EC_PUBLIC_KEY {
        let curve = alg.parameters_oid().ok();
        if curve == Some(PRIME256V1) {
            return SigningKey::from_pkcs8_der(pkcs8.as_bytes()).map_err(not_p12);
        }
        let name = match curve.map(|c| c.to_string()).as_deref() {
            Some("1.3.132.0.34") => "ECDSA P-384".to_string(),
            Some("1.3.132.0.35") => "ECDSA P-521".to_string(),
            Some("1.3.132.0.10") => "ECDSA secp256k1".to_string(),
            Some(other) => format!("ECDSA kurva {other}"),
            None => "ECDSA dengan kurva yang tidak disebut".to_string(),
        };
        return Err(P12Error::UnsupportedKey(name));
    }
    if alg.oid == RSA_ENCRYPTION || alg.oid == RSA_PSS {
        return Err(P12Error::UnsupportedKey(match rsa_bits(info.private_key) {
            Some(bits) => format!("RSA {bits} bit"),
            None => "RSA".to_string(),
        }));
    }
    let name = match alg.oid.to_string().as_str() {
        "1.3.101.112" => "Ed25519".to_string(),
        "1.3.101.113" => "Ed448".to_string(),
        "1.2.840.10040.4.1" => "DSA".to_string(),
        other => format!("algoritme {other}"),
    };
    Err(P12Error::UnsupportedKey(name))
}

/// An RSAPrivateKey's modulus size in bits (RFC 8017 A.1.2: version, then the modulus).
fn rsa_bits(private_key: &[u8]) -> Option<usize> {
    use x509_cert::der::asn1::UintRef;
    let any = AnyRef::from_der(private_key).ok()?;
    let n = any
        .sequence(|r| {
            UintRef::decode(r)?;
            let n = UintRef::decode(r)?;
            let rest = r.remaining_len();
            r.read_slice(rest)?;
            Ok(n.as_bytes().to_vec())
        })
        .ok()?;
    let first = *n.first()?;
    Some((n.len() - 1) * 8 + (8 - first.leading_zeros() as usize))
}

#[cfg(test)]
mod tests;
