//! `trusted_roots`: the office certificates this PC trusts when it checks a digitally signed
//! RKT PDF. Adding one decides whose signatures count here: a pengelola's act, except on a PC
//! whose database has no officials at all (a verifier elsewhere, with only the program).

use chrono::NaiveDateTime;
use rusqlite::params;

use super::identity::{self, Identity};
use super::{Result, Store, StoreError};
use crate::digital_signature::keys;
use crate::domain::workflow::Actor;

/// A trusted office certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedRoot {
    pub fingerprint: String,
    pub subject: String,
    pub cert: Vec<u8>,
}

impl Store {
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
        // Only the office's own certificate, made at the pengelola's sign-in, is trusted yet.
        let own = s.office_root().unwrap().unwrap();
        let trusted = s.trusted_roots().unwrap();
        assert_eq!(trusted.len(), 1);
        assert_eq!(trusted[0].fingerprint, own.fingerprint);
        s.trust_root(&root, Some(&op), at(1, 5, 9)).unwrap();
        assert_eq!(s.trusted_roots().unwrap().len(), 2);
    }
}
