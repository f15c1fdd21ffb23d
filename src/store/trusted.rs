//! `trusted_roots`: the office certificates this PC trusts when it checks a digitally signed
//! RKT PDF. Adding one decides whose signatures count here: a pengelola's act, except on a PC
//! whose database has no officials at all (a verifier elsewhere, with only the program).
//! `crls`: the revocation lists of those offices (and of this office's own root), each taken
//! in only when its root's key signed it; the newest of each root is what `verify` reads.

use chrono::{FixedOffset, NaiveDateTime};
use rusqlite::{OptionalExtension, params};

use super::identity::{self, Identity};
use super::write::Write;
use super::{Result, Store, StoreError};
use crate::digital_signature::{crl, keys};
use crate::domain::workflow::Actor;

/// A trusted office certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedRoot {
    pub fingerprint: String,
    pub subject: String,
    pub cert: Vec<u8>,
}

/// A revocation list taken in (`Store::add_crl`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrlAdded {
    /// The office certificate that issued it: its fingerprint and subject.
    pub issuer_fingerprint: String,
    pub issuer_subject: String,
    pub number: u64,
    /// How many certificates it lists as revoked.
    pub revoked: usize,
    /// nextUpdate, seconds since 1970.
    pub next_update: i64,
    /// The same list was stored already: nothing was written.
    pub already: bool,
}

/// A moment (seconds since 1970) as the database stores times: office time with its offset.
fn unix_to_db(unix: i64, offset: FixedOffset) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.with_timezone(&offset).to_rfc3339())
        .unwrap_or_else(|| unix.to_string())
}

/// Stores a list of `issuer` numbered `number` (DER), refusing one not newer than what is
/// stored: a list's number only grows (RFC 5280 §5.2.3), so an older or a second list of one
/// number is a mistake or an attempt to undo a revocation.
fn insert_crl(
    w: &Write<'_>,
    issuer: &str,
    der: &[u8],
    number: u64,
    this_update: i64,
    next_update: i64,
) -> Result<()> {
    let number = i64::try_from(number)
        .map_err(|_| StoreError::Invalid(format!("Nomor CRL {number} terlalu besar.")))?;
    let newest: Option<i64> = w.query_row(
        "SELECT max(number) FROM crls WHERE issuer_fingerprint = ?1",
        [issuer],
        |r| r.get(0),
    )?;
    match newest {
        Some(n) if n > number => {
            return Err(StoreError::Invalid(format!(
                "CRL nomor {number} lebih lama daripada yang sudah tersimpan untuk sertifikat kantor itu (nomor {n}); tidak diterima."
            )));
        }
        Some(n) if n == number => {
            return Err(StoreError::Invalid(format!(
                "CRL nomor {number} sudah tersimpan dengan isi lain; sertifikat kantor yang sah tidak menerbitkan dua CRL bernomor sama. Tidak diterima."
            )));
        }
        _ => {}
    }
    let offset = w.offset();
    w.execute(
        "INSERT INTO crls (issuer_fingerprint, number, this_update, next_update, crl, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            issuer,
            number,
            unix_to_db(this_update, offset),
            unix_to_db(next_update, offset),
            der,
            w.time()
        ],
    )?;
    Ok(())
}

impl Store {
    /// Takes in a revocation list (DER or PEM, e.g. "Sertifikat kantor ….crl"): accepted only
    /// when a trusted office certificate, or this office's own live one, signed it. Anyone may
    /// (`who`: the official signed in, else the operator): a list can only withdraw trust its
    /// own office gave, never add any. The same list again is ignored; an older one refused.
    pub fn add_crl(
        &mut self,
        file: &[u8],
        who: Option<&Identity>,
        now: NaiveDateTime,
    ) -> Result<CrlAdded> {
        let invalid = |why: String| StoreError::Invalid(format!("CRL tidak diterima: {why}."));
        let der = crl::der_of(file).map_err(invalid)?;
        let mut issuers: Vec<(Vec<u8>, String)> = self
            .trusted_roots()?
            .into_iter()
            .map(|r| (r.cert, r.subject))
            .collect();
        if let Some(own) = self.office_root()?
            && !issuers.iter().any(|(c, _)| *c == own.cert)
        {
            issuers.push((own.cert, own.subject));
        }
        let certs: Vec<Vec<u8>> = issuers.iter().map(|(c, _)| c.clone()).collect();
        let (list, i) = crl::read_from(&der, &certs).map_err(invalid)?;
        let subject = issuers[i].1.clone();
        let fingerprint = list.issuer_fingerprint.clone();
        let already = self.write(now, |w| {
            let same: bool = w.query_row(
                "SELECT EXISTS (SELECT 1 FROM crls WHERE issuer_fingerprint = ?1 AND crl = ?2)",
                params![fingerprint, der],
                |r| r.get(0),
            )?;
            if same {
                return Ok(true);
            }
            let actor = match who {
                Some(who) => identity::acting(w, who)?.actor,
                None => Actor::operator(),
            };
            insert_crl(
                w,
                &fingerprint,
                &der,
                list.number,
                list.this_update,
                list.next_update,
            )?;
            let until = chrono::DateTime::from_timestamp(list.next_update, 0)
                .map(|t| crate::domain::indo::datetime(t.with_timezone(&w.offset()).naive_local()))
                .unwrap_or_default();
            w.audit(
                &actor,
                None,
                "crl.terima",
                &format!(
                    "CRL nomor {} dari {subject} (sidik {fingerprint}): {} sertifikat dicabut, berlaku sampai {until}",
                    list.number,
                    list.revoked.len()
                ),
            )?;
            Ok(false)
        })?;
        Ok(CrlAdded {
            issuer_fingerprint: fingerprint,
            issuer_subject: subject,
            number: list.number,
            revoked: list.revoked.len(),
            next_update: list.next_update,
            already,
        })
    }

    /// The revocation lists known here (DER): the newest of each issuer.
    pub fn crls(&self) -> Result<Vec<Vec<u8>>> {
        let mut stmt = self.conn.prepare(
            "SELECT crl FROM crls c
             WHERE number = (SELECT max(number) FROM crls d
                             WHERE d.issuer_fingerprint = c.issuer_fingerprint)
             ORDER BY issuer_fingerprint",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest revocation list (DER) of the office certificate `issuer_fingerprint`.
    pub fn newest_crl(&self, issuer_fingerprint: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT crl FROM crls WHERE issuer_fingerprint = ?1 ORDER BY number DESC LIMIT 1",
                [issuer_fingerprint],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Stores a list this office's root has just issued, inside the caller's transaction (the
    /// caller records the audit row): refused unless its number is higher than any stored for
    /// that root. Times in seconds since 1970.
    pub(super) fn store_issued_crl(
        w: &Write<'_>,
        issuer_fingerprint: &str,
        crl_der: &[u8],
        number: u64,
        this_update: i64,
        next_update: i64,
    ) -> Result<()> {
        insert_crl(
            w,
            issuer_fingerprint,
            crl_der,
            number,
            this_update,
            next_update,
        )
    }

    /// Trusts an office certificate (DER or PEM, e.g. "Sertifikat kantor ….cer"); returns it.
    pub fn trust_root(
        &mut self,
        file: &[u8],
        who: Option<&Identity>,
        now: NaiveDateTime,
    ) -> Result<TrustedRoot> {
        let (cert, subject) = keys::read_certificate(file)
            .map_err(|e| StoreError::Invalid(format!("Berkas itu bukan sertifikat kantor: {e}")))?;
        let fingerprint = keys::fingerprint(&cert);
        self.write(now, |w| {
            let nobody: bool =
                w.query_row("SELECT NOT EXISTS (SELECT 1 FROM officials)", [], |r| {
                    r.get(0)
                })?;
            let actor = match who {
                Some(who) => identity::pengelola(w, who)?,
                None if nobody => Actor::operator(),
                None => {
                    return Err(StoreError::Invalid(
                        "Sertifikat kantor yang dipercaya ditambahkan oleh pengelola: masuk dulu."
                            .into(),
                    ));
                }
            };
            let added = w.execute(
                "INSERT OR IGNORE INTO trusted_roots (fingerprint, cert, subject, imported_at, imported_by)
             VALUES (?1, ?2, ?3, ?4, ?5)",
                params![fingerprint, cert, subject, w.time(), actor.name],
            )?;
            if added > 0 {
                w.audit(
                    &actor,
                    None,
                    "sertifikat.percaya",
                    &format!("{subject} (sidik {fingerprint})"),
                )?;
            }
            Ok(())
        })?;
        Ok(TrustedRoot {
            fingerprint,
            subject,
            cert,
        })
    }

    /// The office certificates this PC trusts (DER).
    pub fn trusted_roots(&self) -> Result<Vec<TrustedRoot>> {
        let mut stmt = self
            .conn
            .prepare("SELECT fingerprint, subject, cert FROM trusted_roots ORDER BY imported_at")?;
        let rows = stmt.query_map([], |r| {
            Ok(TrustedRoot {
                fingerprint: r.get(0)?,
                subject: r.get(1)?,
                cert: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::{at, official, pengelola};

    #[test]
    fn trusting_an_office_certificate_is_a_pengelola_s_act_once_there_are_officials() {
        let (_, root) = keys::new_office_root("Kantor Contoh").unwrap();
        // A verifier's PC: no officials at all.
        let mut empty = Store::open_in_memory().unwrap();
        let r = empty.trust_root(&root, None, at(1, 5, 9)).unwrap();
        assert_eq!(r.fingerprint, keys::fingerprint(&root));
        assert_eq!(empty.trusted_roots().unwrap().len(), 1);
        // Not a certificate: refused.
        let err = empty
            .trust_root(b"bukan sertifikat", None, at(1, 5, 9))
            .unwrap_err();
        assert!(err.to_string().contains("bukan sertifikat kantor"), "{err}");
        // The office's PC: only a pengelola.
        let mut s = Store::open_in_memory().unwrap();
        let op = pengelola(&mut s);
        let kabid = official(&mut s, Some(&op), "Kabid", &["kabid"], None);
        assert!(s.trust_root(&root, None, at(1, 5, 9)).is_err());
        let err = s.trust_root(&root, Some(&kabid), at(1, 5, 9)).unwrap_err();
        assert!(err.to_string().contains("bukan pengelola"), "{err}");
        // Only the office's own certificate, made by the pengelola, is trusted yet.
        crate::store::test_support::office_root(&mut s, &op);
        let own = s.office_root().unwrap().unwrap();
        let trusted = s.trusted_roots().unwrap();
        assert_eq!(trusted.len(), 1);
        assert_eq!(trusted[0].fingerprint, own.fingerprint);
        s.trust_root(&root, Some(&op), at(1, 5, 9)).unwrap();
        assert_eq!(s.trusted_roots().unwrap().len(), 2);
    }

    /// 20 January 2025 01.00 UTC.
    const T0: i64 = 1_737_334_800;
    const DAY: i64 = 24 * 3600;

    fn revoked(serial: u8, reason: crl::Reason) -> crl::Revoked {
        crl::Revoked {
            serial: vec![serial],
            at_unix: T0,
            reason,
        }
    }

    #[test]
    fn a_crl_is_taken_in_only_from_a_trusted_root_and_only_forward() {
        let (root_key, root) = keys::new_office_root("Kantor Contoh").unwrap();
        let issue = |n: u64, r: &[crl::Revoked]| {
            crl::issue(&root_key, &root, n, T0, T0 + 30 * DAY, r).unwrap()
        };
        let mut s = Store::open_in_memory().unwrap();
        // Its root not trusted yet: refused, saying which office to trust first.
        let first = issue(2, &[revoked(5, crl::Reason::Superseded)]);
        let err = s.add_crl(&first, None, at(1, 5, 9)).unwrap_err();
        assert!(
            err.to_string().contains("tidak dipercaya di komputer ini"),
            "{err}"
        );
        assert!(s.crls().unwrap().is_empty());
        s.trust_root(&root, None, at(1, 5, 9)).unwrap();
        let pem = crl::pem(&first);
        let added = s.add_crl(pem.as_bytes(), None, at(1, 5, 10)).unwrap();
        assert_eq!(
            added,
            CrlAdded {
                issuer_fingerprint: keys::fingerprint(&root),
                issuer_subject: keys::read_certificate(&root).unwrap().1,
                number: 2,
                revoked: 1,
                next_update: T0 + 30 * DAY,
                already: false,
            }
        );
        // Stored as DER; the same list again (DER this time) is ignored, not recorded twice.
        assert_eq!(s.crls().unwrap(), vec![first.clone()]);
        assert!(s.add_crl(&first, None, at(1, 5, 11)).unwrap().already);
        let recorded = |s: &Store| {
            s.audit_for_year(None, 100)
                .unwrap()
                .into_iter()
                .filter(|e| e.action == "crl.terima")
                .collect::<Vec<_>>()
        };
        let rows = recorded(&s);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].actor_name, "Operator");
        assert!(
            rows[0].detail.starts_with("CRL nomor 2 dari "),
            "{}",
            rows[0].detail
        );
        assert!(
            rows[0].detail.contains("1 sertifikat dicabut"),
            "{}",
            rows[0].detail
        );
        // An older list (it would undo a revocation): refused; another list of the same number too.
        let err = s.add_crl(&issue(1, &[]), None, at(1, 5, 12)).unwrap_err();
        assert!(err.to_string().contains("lebih lama"), "{err}");
        let err = s.add_crl(&issue(2, &[]), None, at(1, 5, 12)).unwrap_err();
        assert!(
            err.to_string().contains("sudah tersimpan dengan isi lain"),
            "{err}"
        );
        // A newer one: the newest of the issuer is what is read.
        let newer = issue(
            3,
            &[
                revoked(5, crl::Reason::Superseded),
                revoked(6, crl::Reason::KeyCompromise),
            ],
        );
        s.add_crl(&newer, None, at(1, 6, 9)).unwrap();
        assert_eq!(s.crls().unwrap(), vec![newer.clone()]);
        assert_eq!(
            s.newest_crl(&keys::fingerprint(&root)).unwrap(),
            Some(newer)
        );
        assert_eq!(recorded(&s).len(), 2);
        // Another trusted office's list sits beside it.
        let (k2, r2) = keys::new_office_root("Kantor Lain").unwrap();
        s.trust_root(&r2, None, at(1, 6, 9)).unwrap();
        s.add_crl(
            &crl::issue(&k2, &r2, 1, T0, T0 + DAY, &[]).unwrap(),
            None,
            at(1, 6, 9),
        )
        .unwrap();
        assert_eq!(s.crls().unwrap().len(), 2);
        // Not a CRL; a list whose signature fails.
        let err = s.add_crl(b"bukan CRL", None, at(1, 6, 9)).unwrap_err();
        assert!(err.to_string().starts_with("CRL tidak diterima: "), "{err}");
        let mut changed = issue(4, &[]);
        let last = changed.len() - 3;
        changed[last] ^= 1;
        assert!(s.add_crl(&changed, None, at(1, 6, 9)).is_err());
    }

    /// The office's own live root: its lists are accepted, and the key code stores the ones it
    /// issues inside its own transaction, only forward.
    #[test]
    fn the_office_s_own_lists_are_stored_forward_only() {
        let mut s = Store::open_in_memory().unwrap();
        let op = pengelola(&mut s);
        let (root_key, _) = crate::store::test_support::office_root(&mut s, &op);
        let own = s.office_root().unwrap().unwrap();
        // Made with the root: its first list, number 1, empty.
        assert!(s.newest_crl(&own.fingerprint).unwrap().is_some());
        let issue = |n: u64| crl::issue(&root_key, &own.cert, n, T0, T0 + DAY, &[]).unwrap();
        let two = issue(2);
        s.write(at(1, 5, 9), |w| {
            Store::store_issued_crl(w, &own.fingerprint, &two, 2, T0, T0 + DAY)
        })
        .unwrap();
        assert_eq!(s.newest_crl(&own.fingerprint).unwrap(), Some(two.clone()));
        let err = s
            .write(at(1, 5, 9), |w| {
                Store::store_issued_crl(w, &own.fingerprint, &issue(2), 2, T0, T0 + DAY)
            })
            .unwrap_err();
        assert!(err.to_string().contains("isi lain"), "{err}");
        // Taken in by a signed-in official: recorded under their name.
        let added = s.add_crl(&issue(3), Some(&op), at(1, 5, 10)).unwrap();
        assert_eq!((added.number, added.already), (3, false));
        let row = s.audit_for_year(None, 1).unwrap().remove(0);
        assert_eq!(row.action, "crl.terima");
        assert_eq!(row.actor_name, op.name());
        // ECDSA here is deterministic (RFC 6979): the same list is the same bytes.
        assert_eq!(s.crls().unwrap(), vec![issue(3)]);
    }
}
