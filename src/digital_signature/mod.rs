//! The head's digital signature on the RKT PDF (PAdES baseline B-B, an uncertified electronic
//! signature in the sense of PP 71/2019 Pasal 60): the office's root certificate, each signer's
//! key and certificate (`keys`), what a certificate may be used for (`profile`), and the
//! detached CMS signature a PDF carries (`cms`). No GUI, no database: the store keeps what
//! these make.

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
    let notes =
        crl::standing(&serial, root, c.signed_unix, crls, now).map_err(cms::CheckError::from)?;
    Ok(cms::Checked {
        notes,
        reason: e.reason.clone(),
        signed_at: e.signed_at,
        ..c
    })
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
    use super::keys::{self, IssuedAt, SignerName};
    use super::*;
    use crate::pdf::pades::testing::{facts, prepare_update, tiny_pdf};
    use p256::ecdsa::SigningKey;

    fn head() -> SignerName<'static> {
        SignerName {
            name: "Drs. H. Rusdi Hamdani, M.Si.",
            nip: "197104152000031007",
            position: "Kepala Satuan Polisi Pamong Praja",
            office: "Satuan Polisi Pamong Praja Kabupaten Balangan",
        }
    }

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
            let cms = cms::sign_detached(&p.digest(), &self.key, &self.cert, &self.root).unwrap();
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
