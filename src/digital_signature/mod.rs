//! The head's digital signature on the RKT PDF (PAdES baseline B-B; uncertified in the sense of
//! PP 71/2019 Pasal 60 under the office's own root, certified when a PSrE issued the signer's
//! certificate, whose chain `cms` follows up to a root trusted here): the office's root
//! certificate, each signer's key and certificate (`keys`), what a certificate may be used for
//! (`profile`), and the detached CMS signature a PDF carries (`cms`). No GUI, no database: the
//! store keeps what these make.

pub mod audit_head;
pub mod cms;
pub mod crl;
pub mod csr;
pub mod keys;
pub mod moment;
pub mod p12;
pub mod profile;
pub mod search_cost;
#[cfg(test)]
mod test_certs;

use crate::pdf::pades;

/// A PDF's digital signatures checked against the office certificates trusted here and the
/// revocation lists (CRLs) known here: `None` when the file carries no signature at all. Every
/// signature of every revision must hold, and the latest must cover the whole file; what is
/// returned is the latest's, with the notes of all (revocation) beside it.
pub fn check_pdf(
    pdf: &[u8],
    trusted_roots: &[Vec<u8>],
    crls: &[Vec<u8>],
) -> Option<Result<cms::Checked, cms::CheckError>> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::SystemTime::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    check_pdf_at(pdf, trusted_roots, crls, now)
}

/// `check_pdf` with the present moment given (seconds since 1970): a CRL past its nextUpdate
/// by then is still used, and said to be stale.
pub fn check_pdf_at(
    pdf: &[u8],
    trusted_roots: &[Vec<u8>],
    crls: &[Vec<u8>],
    now: i64,
) -> Option<Result<cms::Checked, cms::CheckError>> {
    let survey = match pades::survey(pdf) {
        Ok(s) => s,
        Err(why) => return Some(Err(cms::CheckError::Unreadable(why))),
    };
    let of = survey.signatures.len();
    let mut latest = None;
    let mut notes: Vec<String> = Vec::new();
    for (i, e) in survey.signatures.iter().enumerate() {
        match check_one(e, trusted_roots, crls, now) {
            Ok(c) => {
                for n in &c.notes {
                    if !notes.contains(n) {
                        notes.push(n.clone());
                    }
                }
                latest = Some((c, e));
            }
            Err(error) if of > 1 => {
                return Some(Err(cms::CheckError::InSignature {
                    index: i + 1,
                    of,
                    error: Box::new(error),
                }));
            }
            Err(error) => return Some(Err(error)),
        }
    }
    let (mut checked, e) = latest?;
    checked.notes = notes;
    if !e.covers_whole_file {
        return Some(Err(cms::CheckError::ChangedAfterSigning {
            revision: e.revision,
            revisions: survey.revisions,
            unsigned: e.unsigned_after,
        }));
    }
    Some(Ok(checked))
}

fn check_one(
    e: &pades::Embedded,
    roots: &[Vec<u8>],
    crls: &[Vec<u8>],
    now: i64,
) -> Result<cms::Checked, cms::CheckError> {
    if !e.zero_padded {
        return Err(cms::CheckError::HiddenData);
    }
    let c = cms::check_detached_at(&e.cms, &e.digest, roots, e.signed_at_unix)?;
    // The root the signer's certificate chains to (the check found it among `roots`).
    let root = roots
        .iter()
        .find(|r| keys::fingerprint(r) == c.root_fingerprint)
        .ok_or(cms::CheckError::UnknownSigner)?;
    let serial =
        crl::serial(&c.signer_cert).map_err(|e| cms::CheckError::Unreadable(e.to_string()))?;
    let notes = match c.chain.first() {
        // Issued by the root itself (an office's): its newest CRL.
        None => crl::standing(&serial, root, c.signed_unix, crls, now)?,
        // Through a PSrE's intermediate CAs: the CRLs the signer's direct issuer signed.
        Some(issuer) => through_chain(&serial, issuer, root, c.signed_unix, crls, now)?,
    };
    Ok(cms::Checked {
        notes,
        reason: e.reason.clone(),
        signed_at: e.signed_at,
        ..c
    })
}

/// The notes on a signature whose certificate a CA below the trusted root issued (a PSrE's
/// chain): which CA and root, and its standing on that CA's newest CRL known here, or that
/// revocation cannot be checked without one.
fn through_chain(
    serial: &[u8],
    issuer: &[u8],
    root: &[u8],
    signed: i64,
    crls: &[Vec<u8>],
    now: i64,
) -> Result<Vec<String>, cms::CheckError> {
    let mut notes = vec![format!(
        "Sertifikat penanda tangan diterbitkan oleh \"{}\", di bawah sertifikat akar \"{}\" yang dipercaya di komputer ini.",
        common_name(issuer),
        common_name(root)
    )];
    if crls.iter().any(|list| crl::read(list, issuer).is_ok()) {
        notes.extend(crl::standing(serial, issuer, signed, crls, now)?);
    } else {
        notes.push(format!(
            "Pencabutan sertifikat tidak dapat diperiksa: komputer ini belum punya daftar pencabutan (CRL) dari \"{}\" (sidik {}), penerbit sertifikat penanda tangan. CRL itu disediakan oleh penyelenggara sertifikasi (PSrE) tersebut.",
            common_name(issuer),
            keys::fingerprint(issuer)
        ));
    }
    Ok(notes)
}

/// A certificate's CN (its whole subject when it has none), for words.
fn common_name(cert_der: &[u8]) -> String {
    use x509_cert::der::Decode;
    let Ok(cert) = x509_cert::Certificate::from_der(cert_der) else {
        return String::new();
    };
    let subject = &cert.tbs_certificate.subject;
    subject
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == x509_cert::der::asn1::ObjectIdentifier::new_unwrap("2.5.4.3"))
        .map(|atv| String::from_utf8_lossy(atv.value.value()).into_owned())
        .unwrap_or_else(|| subject.to_string())
}

/// What a file's signatures cover, in words, for beside a verdict: each signature, the
/// revision its ranges end with, and with `names` its signer as the signature names them (not
/// checked here: only for beside a genuine verdict). `Ok(None)`: no signature. `Err`:
/// signatures that cannot be read at all.
pub fn coverage(pdf: &[u8], names: bool) -> Result<Option<String>, String> {
    let survey = pades::survey(pdf)?;
    let of = survey.signatures.len();
    if of == 0 {
        return Ok(None);
    }
    let revisions = survey.revisions;
    let mut lines = vec![format!("Berkas ini {revisions} revisi, {of} tanda tangan:")];
    for (i, e) in survey.signatures.iter().enumerate() {
        let who = cms::signer_name(&e.cms).map_err(|e| e.to_string())?;
        let who: String = match names {
            true => who.chars().filter(|c| !c.is_control()).collect::<String>() + ": ",
            false => String::new(),
        };
        let covers = match e.revision {
            Some(r) => format!("mencakup revisi {r} dari {revisions}"),
            None => "berakhir di tengah revisi".to_string(),
        };
        let rest = if e.covers_whole_file {
            "sampai akhir berkas".to_string()
        } else {
            format!(
                "{} bita sesudahnya di luar tanda tangan ini",
                e.unsigned_after
            )
        };
        lines.push(format!("  {}. {who}{covers}, {rest}.", i + 1));
    }
    Ok(Some(lines.join("\n")))
}

#[cfg(test)]
mod tests {
    use super::cms::{CheckError, Whose};
    use super::keys::{self, IssuedAt};
    use super::*;
    use crate::pdf::pades::testing::{facts, prepare_update, tiny_pdf};
    use p256::ecdsa::SigningKey;

    use crate::digital_signature::test_certs::head;

    /// An office whose root and head's certificate were issued at `issued` (office time).
    struct Office {
        key: SigningKey,
        cert: Vec<u8>,
        root: Vec<u8>,
        root_key: SigningKey,
    }

    fn office(issued: chrono::NaiveDateTime) -> Office {
        let at = IssuedAt::new(issued, crate::domain::calendar::wita()).unwrap();
        let (root_key, root) = keys::new_office_root_at(head().office, at).unwrap();
        let key = keys::new_key();
        let cert = keys::issue_at(
            &head(),
            &keys::public_key_der(&key).unwrap(),
            &root_key,
            &root,
            at,
        )
        .unwrap();
        Office {
            key,
            cert,
            root,
            root_key,
        }
    }

    impl Office {
        fn sign(&self, p: pades::Prepared) -> Vec<u8> {
            let cms = cms::sign_detached(
                &p.digest(),
                &self.key,
                &self.cert,
                std::slice::from_ref(&self.root),
            )
            .unwrap();
            p.finish(&cms).unwrap()
        }

        fn roots(&self) -> Vec<Vec<u8>> {
            vec![self.root.clone()]
        }
    }

    fn moment(day: u32, hour: u32) -> chrono::NaiveDateTime {
        crate::test_time::moment(2025, 1, day, hour, 0)
    }

    #[test]
    fn a_signed_file_holds_and_says_what_it_covers() {
        let o = office(moment(20, 8));
        let pdf = o.sign(pades::prepare(&tiny_pdf(), &facts(moment(20, 9))).unwrap());
        let c = check_pdf(&pdf, &o.roots(), &[]).unwrap().unwrap();
        assert_eq!(c.name, "Drs. H. Rusdi Hamdani, M.Si.");
        assert_eq!(c.signed_at, Some(moment(20, 9)));
        assert_eq!(
            coverage(&pdf, true).unwrap().unwrap(),
            "Berkas ini 1 revisi, 1 tanda tangan:\n  1. Drs. H. Rusdi Hamdani, M.Si.: mencakup revisi 1 dari 1, sampai akhir berkas."
        );
        assert_eq!(check_pdf(&tiny_pdf(), &o.roots(), &[]), None);
        assert_eq!(coverage(&tiny_pdf(), true), Ok(None));
    }

    /// Bytes after the signed revision — the insider's comment, or a whole incremental update
    /// without a signature — are a change after signing, said so.
    #[test]
    fn anything_after_the_latest_signature_is_a_change_after_signing() {
        let o = office(moment(20, 8));
        let pdf = o.sign(pades::prepare(&tiny_pdf(), &facts(moment(20, 9))).unwrap());
        let err = check_pdf(
            &[&pdf[..], b"%/ByteRange [0 1 2 18446744073709551615]\n"].concat(),
            &o.roots(),
            &[],
        )
        .unwrap()
        .unwrap_err();
        assert!(
            matches!(
                err,
                CheckError::ChangedAfterSigning {
                    revision: Some(1),
                    revisions: 2,
                    unsigned: 41
                }
            ),
            "{err:?}"
        );
        assert!(
            err.to_string().starts_with(
                "ada perubahan sesudah tanda tangan: tanda tangan terakhir mencakup revisi 1 dari 2, 41 bita"
            ),
            "{err}"
        );
        let update = b"\n9 0 obj\n<< /Type /Page >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 10 >>\nstartxref\n0\n%%EOF\n";
        let err = check_pdf(&[&pdf[..], update].concat(), &o.roots(), &[])
            .unwrap()
            .unwrap_err();
        assert!(
            matches!(
                err,
                CheckError::ChangedAfterSigning {
                    revision: Some(1),
                    revisions: 2,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn every_signature_of_every_revision_is_checked_and_reported() {
        let o = office(moment(20, 8));
        let pdf = o.sign(pades::prepare(&tiny_pdf(), &facts(moment(20, 9))).unwrap());
        // A second signature by the same office, in an incremental update: both hold.
        let both = o.sign(prepare_update(&pdf, &facts(moment(21, 9))));
        let c = check_pdf(&both, &o.roots(), &[]).unwrap().unwrap();
        assert_eq!(c.signed_at, Some(moment(21, 9)));
        let said = coverage(&both, true).unwrap().unwrap();
        assert!(
            coverage(&both, false)
                .unwrap()
                .unwrap()
                .ends_with("\n  2. mencakup revisi 2 dari 2, sampai akhir berkas.")
        );
        assert!(
            said.starts_with("Berkas ini 2 revisi, 2 tanda tangan:"),
            "{said}"
        );
        assert!(said.contains(": mencakup revisi 1 dari 2, "), "{said}");
        assert!(
            said.contains(
                "2. Drs. H. Rusdi Hamdani, M.Si.: mencakup revisi 2 dari 2, sampai akhir berkas."
            ),
            "{said}"
        );
        // A second signature by a key this PC does not trust: named, and refused.
        let stranger = office(moment(20, 8));
        let foreign = stranger.sign(prepare_update(&pdf, &facts(moment(21, 9))));
        assert_eq!(
            check_pdf(&foreign, &o.roots(), &[]).unwrap(),
            Err(CheckError::InSignature {
                index: 2,
                of: 2,
                error: Box::new(CheckError::UnknownSigner)
            })
        );
        // And the first signature broken under a valid second one.
        let mut broken = both.clone();
        let at = pdf.len() / 2;
        broken[at] ^= 1;
        let err = check_pdf(&broken, &o.roots(), &[]).unwrap().unwrap_err();
        assert!(
            err.to_string().starts_with("tanda tangan 1 dari 2: "),
            "{err}"
        );
    }

    #[test]
    fn data_beside_the_signature_and_a_backdated_signature_are_refused() {
        let o = office(moment(20, 8));
        let pdf = o.sign(pades::prepare(&tiny_pdf(), &facts(moment(20, 9))).unwrap());
        // A non-zero digit in the padding after the CMS (outside the signed ranges).
        let e = pades::embedded(&pdf).unwrap();
        let mut hidden = pdf.clone();
        let text = String::from_utf8_lossy(&pdf).into_owned();
        let hex = hex_of(&e.cms);
        let at = text.find(&hex).unwrap() + hex.len() + 100;
        hidden[at] = b'4';
        assert_eq!(
            check_pdf(&hidden, &o.roots(), &[]),
            Some(Err(CheckError::HiddenData))
        );
        // Dated an hour before the certificate was issued.
        let early = o.sign(pades::prepare(&tiny_pdf(), &facts(moment(20, 7))).unwrap());
        assert!(matches!(
            check_pdf(&early, &o.roots(), &[]),
            Some(Err(CheckError::OutsideValidity {
                whose: Whose::Signer,
                ..
            }))
        ));
        // A ByteRange beyond the file: words, not a panic.
        let text = text.replacen("/ByteRange[0 ", "/ByteRange[9 ", 1);
        assert!(matches!(
            check_pdf(text.as_bytes(), &o.roots(), &[]),
            Some(Err(CheckError::Unreadable(_)))
        ));
    }

    /// Seconds since 1970 of an office (WITA) moment.
    fn unix(t: chrono::NaiveDateTime) -> i64 {
        t.and_utc().timestamp() - 8 * 3600
    }

    /// #25: each signature is checked against the newest revocation list of its root. The head's
    /// certificate replaced between two signatures: the earlier stands (said so), the later
    /// does not; a compromised key undoes both; without a list, a note says how to get one.
    #[test]
    fn each_signature_is_checked_against_the_office_s_revocation_list() {
        use crl::{Reason, Revoked};
        let o = office(moment(20, 8));
        let pdf = o.sign(pades::prepare(&tiny_pdf(), &facts(moment(20, 9))).unwrap());
        let both = o.sign(prepare_update(&pdf, &facts(moment(21, 9))));
        let now = unix(moment(22, 9));
        let list = |number, reason, at| {
            crl::issue(
                &o.root_key,
                &o.root,
                number,
                unix(moment(20, 8)),
                unix(moment(30, 8)),
                &[Revoked {
                    serial: crl::serial(&o.cert).unwrap(),
                    at_unix: at,
                    reason,
                }],
            )
            .unwrap()
        };
        // No list: valid, with the note (said once for both signatures).
        let c = check_pdf_at(&both, &o.roots(), &[], now).unwrap().unwrap();
        assert_eq!(c.notes.len(), 1, "{:?}", c.notes);
        assert!(
            c.notes[0].contains("tidak dapat diperiksa"),
            "{:?}",
            c.notes
        );
        // Replaced on the 20th at noon.
        let replaced = list(1, Reason::Superseded, unix(moment(20, 12)));
        let crls = std::slice::from_ref(&replaced);
        let c = check_pdf_at(&pdf, &o.roots(), crls, now).unwrap().unwrap();
        assert!(
            c.notes[0]
                .contains("diganti dengan sertifikat baru pada Senin, 20 Januari 2025 12.00 WITA"),
            "{:?}",
            c.notes
        );
        let err = check_pdf_at(&both, &o.roots(), crls, now)
            .unwrap()
            .unwrap_err();
        assert!(
            err.to_string().starts_with(
                "tanda tangan 2 dari 2: sertifikat sudah dicabut/diganti sebelum dokumen ditandatangani"
            ),
            "{err}"
        );
        // The key declared compromised after both: neither stands.
        let leaked = list(2, Reason::KeyCompromise, unix(moment(25, 8)));
        let err = check_pdf_at(&pdf, &o.roots(), &[replaced.clone(), leaked], now)
            .unwrap()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "sertifikat penanda tangan dicabut: kuncinya dinyatakan bocor sejak Sabtu, 25 Januari 2025 08.00 WITA"
        );
        // Past its nextUpdate: still used, and said to be stale.
        let c = check_pdf_at(&pdf, &o.roots(), crls, unix(moment(31, 8)))
            .unwrap()
            .unwrap();
        assert!(
            c.notes.iter().any(|n| n.contains("lewat masa berlakunya")),
            "{:?}",
            c.notes
        );
    }

    fn hex_of(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02X}")).collect()
    }
}

/// #25: a PSrE's chain (root CA → intermediate CA → signer), as `verify` follows it.
#[cfg(test)]
mod chain_tests {
    use super::cms::{CheckError, MAX_CHAIN, Whose};
    use super::keys::{self, IssuedAt};
    use super::test_certs as t;
    use super::*;
    use crate::pdf::pades::testing::{facts, tiny_pdf};
    use p256::ecdsa::{DerSignature, SigningKey};
    use std::str::FromStr;
    use x509_cert::builder::{Builder, CertificateBuilder, Profile};
    use x509_cert::der::{Decode, Encode};
    use x509_cert::ext::pkix::{BasicConstraints, KeyUsage, KeyUsages};
    use x509_cert::name::Name;
    use x509_cert::serial_number::SerialNumber;
    use x509_cert::spki::SubjectPublicKeyInfoOwned;
    use x509_cert::time::Validity;

    fn moment(day: u32, hour: u32) -> chrono::NaiveDateTime {
        crate::test_time::moment(2025, 1, day, hour, 0)
    }

    /// Seconds since 1970 of an office (WITA) moment.
    fn unix(t: chrono::NaiveDateTime) -> i64 {
        t.and_utc().timestamp() - 8 * 3600
    }

    const YEAR: u64 = 365 * 24 * 3600;

    fn name(cn: &str) -> Name {
        Name::from_str(&format!("CN={cn},O=Contoh PSrE,C=ID")).unwrap()
    }

    fn subject_of(cert: &[u8]) -> Name {
        x509_cert::Certificate::from_der(cert)
            .unwrap()
            .tbs_certificate
            .subject
    }

    /// A CA certificate for `key`, valid ten years from `from` (seconds since 1970): a root
    /// (self-signed) without `issuer`, else a sub CA signed by the issuer's key.
    fn ca(
        cn: &str,
        key: &SigningKey,
        issuer: Option<(&SigningKey, Name)>,
        path_len: Option<u8>,
        from: u64,
    ) -> Vec<u8> {
        let (profile, signer) = match issuer {
            None => (Profile::Root, key),
            Some((k, issuer)) => (
                Profile::SubCA {
                    issuer,
                    path_len_constraint: path_len,
                },
                k,
            ),
        };
        let serial = SerialNumber::new(&key.verifying_key().to_sec1_bytes()[1..17]).unwrap();
        let validity = Validity {
            not_before: t::time(from),
            not_after: t::time(from + 10 * YEAR),
        };
        let spki = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).unwrap();
        CertificateBuilder::new(profile, serial, validity, name(cn), spki, signer)
            .unwrap()
            .build::<DerSignature>()
            .unwrap()
            .to_der()
            .unwrap()
    }

    use crate::digital_signature::test_certs::head;

    /// A root CA, an intermediate (CA:TRUE, pathLen 0) it issued, and the head's key and
    /// certificate (digitalSignature, nonRepudiation) the intermediate issued; all from the
    /// 20th, 08.00.
    struct Psre {
        root_key: SigningKey,
        root: Vec<u8>,
        int_key: SigningKey,
        int: Vec<u8>,
        key: SigningKey,
        cert: Vec<u8>,
    }

    fn issued() -> IssuedAt {
        IssuedAt::new(moment(20, 8), crate::domain::calendar::wita()).unwrap()
    }

    fn from() -> u64 {
        u64::try_from(unix(moment(20, 8))).unwrap()
    }

    /// The head's certificate for a new key, issued by `issuer_key` (certificate `issuer`).
    fn signer_under(issuer_key: &SigningKey, issuer: &[u8]) -> (SigningKey, Vec<u8>) {
        let key = keys::new_key();
        let cert = keys::issue_at(
            &head(),
            &keys::public_key_der(&key).unwrap(),
            issuer_key,
            issuer,
            issued(),
        )
        .unwrap();
        (key, cert)
    }

    fn psre() -> Psre {
        let root_key = keys::new_key();
        let root = ca("Contoh Root CA", &root_key, None, None, from());
        let int_key = keys::new_key();
        let int = ca(
            "Contoh Intermediate CA",
            &int_key,
            Some((&root_key, subject_of(&root))),
            Some(0),
            from(),
        );
        let (key, cert) = signer_under(&int_key, &int);
        Psre {
            root_key,
            root,
            int_key,
            int,
            key,
            cert,
        }
    }

    /// A tiny PDF signed on the 20th at 09.00 by `key` (certificate `cert`), carrying `chain`.
    fn signed(key: &SigningKey, cert: &[u8], chain: &[Vec<u8>]) -> Vec<u8> {
        let p = pades::prepare(&tiny_pdf(), &facts(moment(20, 9))).unwrap();
        let cms = cms::sign_detached(&p.digest(), key, cert, chain).unwrap();
        p.finish(&cms).unwrap()
    }

    impl Psre {
        fn pdf(&self, chain: &[Vec<u8>]) -> Vec<u8> {
            signed(&self.key, &self.cert, chain)
        }

        fn check(&self, pdf: &[u8], crls: &[Vec<u8>]) -> Result<cms::Checked, CheckError> {
            check_pdf_at(
                pdf,
                std::slice::from_ref(&self.root),
                crls,
                unix(moment(22, 9)),
            )
            .unwrap()
        }
    }

    #[test]
    fn a_psre_chain_holds_when_only_its_root_is_trusted() {
        let p = psre();
        let c = p.check(&p.pdf(std::slice::from_ref(&p.int)), &[]).unwrap();
        assert_eq!(c.name, "Drs. H. Rusdi Hamdani, M.Si.");
        assert_eq!(c.chain, vec![p.int.clone()]);
        assert_eq!(c.root_fingerprint, keys::fingerprint(&p.root));
        assert_eq!(c.notes.len(), 2, "{:?}", c.notes);
        assert_eq!(
            c.notes[0],
            "Sertifikat penanda tangan diterbitkan oleh \"Contoh Intermediate CA\", di bawah sertifikat akar \"Contoh Root CA\" yang dipercaya di komputer ini."
        );
        assert!(
            c.notes[1].starts_with(
                "Pencabutan sertifikat tidak dapat diperiksa: komputer ini belum punya daftar pencabutan (CRL) dari \"Contoh Intermediate CA\""
            ),
            "{:?}",
            c.notes
        );
        // The root carried too (as a .p12's chain often has it): the same.
        let c = p
            .check(&p.pdf(&[p.int.clone(), p.root.clone()]), &[])
            .unwrap();
        assert_eq!(c.chain, vec![p.int.clone()]);
        // Another PC trusting some other root only: unknown.
        let (_, stranger) = keys::new_office_root("Kantor Lain").unwrap();
        let pdf = p.pdf(std::slice::from_ref(&p.int));
        assert_eq!(
            check_pdf(&pdf, &[stranger], &[]),
            Some(Err(CheckError::UnknownSigner))
        );
        // The office's own signatures stay as they were: no chain, the root's CRL note.
        let (root_key, root) = keys::new_office_root_at(head().office, issued()).unwrap();
        let (key, cert) = signer_under(&root_key, &root);
        let c = check_pdf_at(
            &signed(&key, &cert, std::slice::from_ref(&root)),
            std::slice::from_ref(&root),
            &[],
            unix(moment(22, 9)),
        )
        .unwrap()
        .unwrap();
        assert!(c.chain.is_empty());
        assert_eq!(c.notes.len(), 1);
        assert!(
            c.notes[0].contains("sertifikat kantor bersidik"),
            "{:?}",
            c.notes
        );
    }

    #[test]
    fn a_missing_or_fake_intermediate_is_refused() {
        let p = psre();
        // Without the intermediate, or with the root only: no way up to the root.
        assert_eq!(p.check(&p.pdf(&[]), &[]), Err(CheckError::UnknownSigner));
        assert_eq!(
            p.check(&p.pdf(std::slice::from_ref(&p.root)), &[]),
            Err(CheckError::UnknownSigner)
        );
        // A fake intermediate of the same name with another key, genuinely issued by the root
        // even: it did not issue the head's certificate.
        let fake = ca(
            "Contoh Intermediate CA",
            &keys::new_key(),
            Some((&p.root_key, subject_of(&p.root))),
            Some(0),
            from(),
        );
        assert_eq!(
            p.check(&p.pdf(&[fake]), &[]),
            Err(CheckError::UnknownSigner)
        );
        // A forger's whole chain: a root of the trusted root's exact name but another key, an
        // intermediate under it, a certificate in the head's name under that.
        let forged_root_key = keys::new_key();
        let forged_root = ca("Contoh Root CA", &forged_root_key, None, None, from());
        assert_eq!(subject_of(&forged_root), subject_of(&p.root));
        let forged_int_key = keys::new_key();
        let forged_int = ca(
            "Contoh Intermediate CA",
            &forged_int_key,
            Some((&forged_root_key, subject_of(&forged_root))),
            Some(0),
            from(),
        );
        let (key, cert) = signer_under(&forged_int_key, &forged_int);
        let pdf = signed(&key, &cert, &[forged_int, forged_root]);
        assert_eq!(p.check(&pdf, &[]), Err(CheckError::UnknownSigner));
    }

    #[test]
    fn each_ca_in_the_chain_must_issue_and_allow_the_cas_below_it() {
        let p = psre();
        // The intermediate without keyCertSign (cRLSign only), same name and key.
        let ku = KeyUsage(KeyUsages::CRLSign.into());
        let no_sign = t::resigned(&p.int, &p.root_key, |tbs| {
            t::set_extension(tbs, t::KEY_USAGE, true, Some(ku.to_der().unwrap()))
        });
        assert_eq!(
            p.check(&p.pdf(&[no_sign]), &[]),
            Err(CheckError::IssuerNotCa)
        );
        // CA:FALSE.
        let bc = BasicConstraints {
            ca: false,
            path_len_constraint: None,
        };
        let not_ca = t::resigned(&p.int, &p.root_key, |tbs| {
            t::set_extension(tbs, t::BASIC_CONSTRAINTS, true, Some(bc.to_der().unwrap()))
        });
        assert_eq!(
            p.check(&p.pdf(&[not_ca]), &[]),
            Err(CheckError::IssuerNotCa)
        );
        // pathLen 0 on the intermediate, and a further CA inserted below it.
        let sub_key = keys::new_key();
        let sub = ca(
            "Contoh Sub CA",
            &sub_key,
            Some((&p.int_key, subject_of(&p.int))),
            None,
            from(),
        );
        let (key, cert) = signer_under(&sub_key, &sub);
        let deep = signed(&key, &cert, &[sub.clone(), p.int.clone()]);
        let err = p.check(&deep, &[]).unwrap_err();
        assert_eq!(
            err,
            CheckError::PathTooLong {
                ca: "Contoh Intermediate CA".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "rantai sertifikatnya lebih panjang daripada yang dibolehkan sertifikat CA \"Contoh Intermediate CA\" (pathLenConstraint)"
        );
        // The same chain under an intermediate allowing one CA below it: holds.
        let int1 = t::resigned(&p.int, &p.root_key, |tbs| {
            let bc = BasicConstraints {
                ca: true,
                path_len_constraint: Some(1),
            };
            t::set_extension(tbs, t::BASIC_CONSTRAINTS, true, Some(bc.to_der().unwrap()))
        });
        let c = p
            .check(&signed(&key, &cert, &[sub.clone(), int1]), &[])
            .unwrap();
        assert_eq!(c.chain.len(), 2);
    }

    /// At most MAX_CHAIN CAs below the root; a chain that loops ends, refused.
    #[test]
    fn the_chain_is_bounded_and_does_not_loop() {
        let root_key = keys::new_key();
        let root = ca("Contoh Root CA", &root_key, None, None, from());
        let roots = std::slice::from_ref(&root);
        let at = unix(moment(22, 9));
        let (mut key, mut cert) = (root_key, root.clone());
        let mut cas = Vec::new();
        for i in 1..=MAX_CHAIN + 1 {
            let k = keys::new_key();
            let c = ca(
                &format!("CA {i}"),
                &k,
                Some((&key, subject_of(&cert))),
                None,
                from(),
            );
            cas.insert(0, c.clone());
            (key, cert) = (k, c);
            let (sk, sc) = signer_under(&key, &cert);
            let verdict = check_pdf_at(&signed(&sk, &sc, &cas), roots, &[], at).unwrap();
            if i <= MAX_CHAIN {
                assert_eq!(verdict.unwrap().chain.len(), i);
            } else {
                assert_eq!(verdict, Err(CheckError::ChainTooLong));
                assert_eq!(
                    CheckError::ChainTooLong.to_string(),
                    "rantai sertifikatnya lebih dari 5 CA sampai ke sertifikat akar yang dipercaya"
                );
            }
        }
        // A and B each issued the other: the signer's certificate under A leads round.
        let (ka, kb) = (keys::new_key(), keys::new_key());
        let a = ca("CA A", &ka, Some((&kb, name("CA B"))), None, from());
        let b = ca("CA B", &kb, Some((&ka, name("CA A"))), None, from());
        let (sk, sc) = signer_under(&ka, &a);
        assert_eq!(
            check_pdf_at(&signed(&sk, &sc, &[a, b]), roots, &[], at).unwrap(),
            Err(CheckError::UnknownSigner)
        );
    }

    #[test]
    fn every_ca_in_the_chain_must_be_valid_when_it_was_signed() {
        let p = psre();
        // The intermediate valid only from the 21st: the signature (the 20th) came before.
        let later = t::resigned(&p.int, &p.root_key, |tbs| {
            tbs.validity.not_before = t::time(u64::try_from(unix(moment(21, 8))).unwrap());
        });
        let err = p.check(&p.pdf(&[later]), &[]).unwrap_err();
        assert!(
            matches!(
                err,
                CheckError::OutsideValidity {
                    whose: Whose::Intermediate,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(
            err.to_string()
                .contains("sebelum sertifikat CA perantara penerbitnya berlaku"),
            "{err}"
        );
        // The root expired before the signing.
        let old = t::resigned(&p.root, &p.root_key, |tbs| {
            tbs.validity.not_after = t::time(u64::try_from(unix(moment(20, 8))).unwrap());
        });
        let err = check_pdf_at(
            &p.pdf(std::slice::from_ref(&p.int)),
            &[old],
            &[],
            unix(moment(22, 9)),
        )
        .unwrap()
        .unwrap_err();
        assert!(
            matches!(
                err,
                CheckError::OutsideValidity {
                    whose: Whose::Root,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    /// The CRL that counts is the one of the CA that issued the signer's certificate.
    #[test]
    fn the_intermediate_s_crl_revokes_the_signer() {
        use crl::{Reason, Revoked};
        let p = psre();
        let pdf = p.pdf(std::slice::from_ref(&p.int));
        let list = |key: &SigningKey, issuer: &[u8], revoked: Vec<Revoked>| {
            crl::issue(
                key,
                issuer,
                1,
                unix(moment(20, 8)),
                unix(moment(30, 8)),
                &revoked,
            )
            .unwrap()
        };
        let head_revoked = || {
            vec![Revoked {
                serial: crl::serial(&p.cert).unwrap(),
                at_unix: unix(moment(20, 12)),
                reason: Reason::KeyCompromise,
            }]
        };
        let by_int = list(&p.int_key, &p.int, head_revoked());
        assert_eq!(
            p.check(&pdf, std::slice::from_ref(&by_int)),
            Err(CheckError::Revoked {
                reason: Reason::KeyCompromise,
                at: unix(moment(20, 12)),
                signed: unix(moment(20, 9)),
            })
        );
        // The intermediate's list without the head: checked, and said so.
        let clean = list(&p.int_key, &p.int, vec![]);
        let c = p.check(&pdf, std::slice::from_ref(&clean)).unwrap();
        assert!(
            c.notes[1].starts_with("Pencabutan diperiksa dengan CRL nomor 1"),
            "{:?}",
            c.notes
        );
        // The root's list does not speak for the head's certificate (the root lists the CAs it
        // issued), nor does one made with another key in the intermediate's name.
        let by_root = list(&p.root_key, &p.root, head_revoked());
        let fake_key = keys::new_key();
        let fake_int = ca(
            "Contoh Intermediate CA",
            &fake_key,
            Some((&fake_key, subject_of(&p.root))),
            Some(0),
            from(),
        );
        let forged = list(&fake_key, &fake_int, head_revoked());
        let c = p.check(&pdf, &[by_root, forged]).unwrap();
        assert!(
            c.notes[1].contains("tidak dapat diperiksa"),
            "{:?}",
            c.notes
        );
    }
}
