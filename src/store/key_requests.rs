//! Certificates only on approval. A signer's new key waits with its request (PKCS#10, signed by
//! that key: proof of possession); the root holder sees the name, NIP, position and the key's
//! fingerprint — which the signer reads from their own screen — and approves with the root's
//! passphrase (and disk). The same opening of the root renews its revocation list (CRL):
//! retired certificates are listed at once, and a list about to lapse is issued again.

use chrono::{Duration, NaiveDateTime};
use p256::ecdsa::SigningKey;
use rusqlite::{OptionalExtension, params};
use zeroize::Zeroizing;

use super::identity::{self, Identity};
use super::sealed_keys::retire_key_in;
use super::sealed_keys::{LiveRoot, WRONG, key_error, live_root, open_expected, p12_of};
use super::write::Write;
use super::{Result, Store, StoreError, time_from_db};
use crate::digital_signature::crl::{self, Reason, Revoked};
use crate::digital_signature::{csr, keys};
use crate::domain::workflow::Actor;

/// How long an issued CRL is valid; renewed when less than `CRL_RENEW_DAYS` remain.
pub const CRL_DAYS: i64 = 90;
pub const CRL_RENEW_DAYS: i64 = 30;

/// A key waiting for its certificate, as the root holder sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRequest {
    pub key_id: i64,
    pub name: String,
    pub nip: Option<String>,
    pub position: String,
    pub key_fingerprint: String,
    pub created_at: NaiveDateTime,
}

/// A certificate the live root issued, as its holder sees it (to declare its key leaked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedCert {
    pub key_id: i64,
    pub name: String,
    pub fingerprint: String,
    pub retired_at: Option<NaiveDateTime>,
    /// 'superseded', 'keyCompromise', … once retired.
    pub reason: Option<String>,
}

/// Whether the office root's CRL needs its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrlNeed {
    /// No live root, or the list is current.
    None,
    /// Certificates retired since the last list (how many).
    Retired(usize),
    /// The list lapses on this date (or has lapsed), or there has never been one.
    Lapsing(Option<NaiveDateTime>),
}

/// The root's key, opened with its holder's passphrase (checked against its certificate).
/// `Ok(None)`: the passphrase is wrong.
fn open_root(root: &LiveRoot, pass: &str) -> Result<Option<SigningKey>> {
    let bytes = Zeroizing::new(p12_of(&root.p12, &root.key_file)?);
    let cert_key = keys::certificate_public_key(&root.cert).map_err(key_error)?;
    Ok(open_expected(&bytes, pass, &cert_key)?.map(|o| o.key))
}

/// Issues the root's next CRL: every certificate it issued that is retired, with its reason.
/// In the caller's transaction (the root key is open only there).
pub(super) fn issue_crl_in(
    w: &Write,
    root: &LiveRoot,
    key: &SigningKey,
    actor: &Actor,
) -> Result<u64> {
    let retired: Vec<(Vec<u8>, String, String)> = w
        .prepare(
            "SELECT cert, retired_at, retire_reason FROM signer_keys
             WHERE root_id = ?1 AND retired_at IS NOT NULL AND cert IS NOT NULL ORDER BY id",
        )?
        .query_map([root.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let offset = w.offset();
    let mut revoked = Vec::new();
    for (cert, at, reason) in retired {
        let reason = Reason::from_db(&reason).unwrap_or(Reason::Superseded);
        // A key declared leaked is listed from its certificate's first day: when it leaked is
        // not known, and validators that weigh the date against a signature's claimed time
        // (pyHanko) then refuse every signature of it, as `verify` does.
        let at_unix = if reason == Reason::KeyCompromise {
            keys::certificate_not_before(&cert).map_err(key_error)?
        } else {
            unix(time_from_db(&at, offset), w)?
        };
        revoked.push(Revoked {
            serial: crl::serial(&cert).map_err(key_error)?,
            at_unix,
            reason,
        });
    }
    let number: u64 = w.query_row(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM crls WHERE issuer_fingerprint = ?1",
        [&root.fingerprint],
        |r| r.get::<_, i64>(0),
    )? as u64;
    let this = w.now();
    let next = this + Duration::days(CRL_DAYS);
    let (this_unix, next_unix) = (unix(this, w)?, unix(next, w)?);
    let der =
        crl::issue(key, &root.cert, number, this_unix, next_unix, &revoked).map_err(key_error)?;
    Store::store_issued_crl(w, &root.fingerprint, &der, number, this_unix, next_unix)?;
    w.audit(
        actor,
        None,
        "crl.terbit",
        &format!(
            "Daftar pencabutan sertifikat (CRL) nomor {number} diterbitkan: {} sertifikat dicabut, berlaku sampai {}",
            revoked.len(),
            next.format("%d-%m-%Y")
        ),
    )?;
    Ok(number)
}

fn unix(t: NaiveDateTime, w: &Write) -> Result<i64> {
    use chrono::TimeZone;
    w.offset()
        .from_local_datetime(&t)
        .single()
        .map(|d| d.timestamp())
        .ok_or_else(|| StoreError::Invalid("Waktu tidak jelas.".into()))
}

/// A waiting key as approval reads it: public key, request, key fingerprint, and the
/// official's name, NIP and position.
type WaitingRow = (
    Vec<u8>,
    Option<Vec<u8>>,
    String,
    String,
    Option<String>,
    String,
);

/// Inside the write: the live root is still the one opened, and `who` holds it.
fn root_in_hand(w: &Write, who: &Identity, opened_id: i64) -> Result<(LiveRoot, Actor)> {
    let actor = identity::acting(w, who)?.actor;
    let root = live_root(w)?
        .filter(|r| r.id == opened_id && r.holder_id == who.official_id())
        .ok_or_else(|| StoreError::Invalid("Sertifikat kantor berubah; ulangi.".into()))?;
    Ok((root, actor))
}

impl Store {
    /// The root holder's passphrase opens the live root's key (a wrong one counts toward their
    /// lock), before the transaction that uses it.
    fn open_live_root(
        &mut self,
        who: &Identity,
        pass: &str,
        now: NaiveDateTime,
    ) -> Result<(i64, SigningKey)> {
        let root = live_root(&self.conn)?.ok_or_else(|| {
            StoreError::Invalid(
                "Belum ada sertifikat kantor; seorang pengelola membuatnya lebih dulu.".into(),
            )
        })?;
        if root.holder_id != who.official_id() {
            return Err(StoreError::Invalid(format!(
                "Hanya pemegang sertifikat kantor yang menyetujui sertifikat dan menerbitkan CRL; {} bukan pemegangnya.",
                who.name()
            )));
        }
        let key = self.guarded(who.official_id(), now, WRONG, |_| open_root(&root, pass))?;
        Ok((root.id, key))
    }

    /// The keys waiting for their certificate.
    pub fn key_requests(&self) -> Result<Vec<KeyRequest>> {
        let offset = self.settings()?.offset();
        let mut stmt = self.conn.prepare(
            "SELECT k.id, o.name, o.nip, o.position, k.key_fingerprint, k.created_at
             FROM signer_keys k JOIN officials o ON o.id = k.official_id
             WHERE k.retired_at IS NULL AND k.cert IS NULL ORDER BY k.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(KeyRequest {
                key_id: r.get(0)?,
                name: r.get(1)?,
                nip: r.get(2)?,
                position: r.get(3)?,
                key_fingerprint: r.get(4)?,
                created_at: time_from_db(&r.get::<_, String>(5)?, offset),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The root holder approves a waiting key: its request must be signed by the key the row
    /// names (proof of possession), and the fingerprint the holder confirmed must be that
    /// key's. The certificate names the official as the database has them now. The CRL is
    /// renewed in the same step. Returns the certificate's fingerprint.
    pub fn approve_key_request(
        &mut self,
        who: &Identity,
        key_id: i64,
        confirmed_fingerprint: &str,
        root_pass: &str,
        now: NaiveDateTime,
    ) -> Result<String> {
        let office = self.settings()?.office.name;
        let (root_id, root_key) = self.open_live_root(who, root_pass, now)?;
        self.write(now, |w| {
            let (root, actor) = root_in_hand(w, who, root_id)?;
            let row: Option<WaitingRow> = w
                .query_row(
                    "SELECT k.public_key, k.csr, k.key_fingerprint, o.name, o.nip, o.position
                     FROM signer_keys k JOIN officials o ON o.id = k.official_id
                     WHERE k.id = ?1 AND k.retired_at IS NULL AND k.cert IS NULL AND o.active",
                    [key_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
                )
                .optional()?;
            let Some((public_key, request, key_fingerprint, name, nip, position)) = row else {
                return Err(StoreError::Invalid(
                    "Permintaan sertifikat itu tidak ada lagi (sudah disetujui atau dibatalkan)."
                        .into(),
                ));
            };
            let requested = request
                .as_deref()
                .ok_or_else(|| StoreError::Invalid("Permintaan sertifikat tidak ada.".into()))
                .and_then(|r| csr::check_request(r).map_err(key_error))?;
            // The row's key, its request's key and the key the signer read out must be one.
            let actual = csr::key_fingerprint(&requested);
            if requested != public_key || actual != key_fingerprint {
                return Err(StoreError::Invalid(format!(
                    "Permintaan sertifikat {name} tidak ditandatangani oleh kunci yang tercatat; ditolak. Minta {name} membuat kunci baru."
                )));
            }
            if normalize(confirmed_fingerprint) != normalize(&actual) {
                return Err(StoreError::Invalid(format!(
                    "Sidik jari yang dicocokkan tidak sama dengan sidik jari kunci {name}; tidak disetujui. Minta {name} membaca sidik jari dari layarnya sendiri (Pengaturan → Tanda Tangan Digital → Tampilkan sidik jari kunci saya)."
                )));
            }
            let signer = keys::SignerName {
                name: &name,
                nip: nip.as_deref().unwrap_or(""),
                position: &position,
                office: &office,
            };
            let issued = keys::IssuedAt::new(w.now(), w.offset()).map_err(key_error)?;
            let cert = keys::issue_at(&signer, &public_key, &root_key, &root.cert, issued)
                .map_err(key_error)?;
            let fingerprint = keys::fingerprint(&cert);
            w.execute(
                "UPDATE signer_keys SET cert = ?2, root_id = ?3, fingerprint = ?4,
                     approved_by = ?5, approved_at = ?6
                 WHERE id = ?1",
                params![key_id, cert, root.id, fingerprint, who.official_id(), w.time()],
            )?;
            w.audit(
                &actor,
                None,
                "sertifikat.terbit",
                &format!(
                    "Sertifikat tanda tangan {name} disetujui {} (sidik jari kunci {actual}; sertifikat {fingerprint})",
                    actor.name
                ),
            )?;
            issue_crl_in(w, &root, &root_key, &actor)?;
            Ok(fingerprint)
        })
    }

    /// A waiting key refused (the root holder, or a pengelola): retired, with the reason.
    pub fn refuse_key_request(
        &mut self,
        who: &Identity,
        key_id: i64,
        reason: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::Invalid(
                "Tulis alasan penolakan permintaan sertifikat.".into(),
            ));
        }
        self.write(now, |w| {
            let acting = identity::acting(w, who)?;
            let holder = live_root(w)?.is_some_and(|r| r.holder_id == who.official_id());
            if !holder && !acting.pengelola {
                return Err(StoreError::Invalid(
                    "Hanya pemegang sertifikat kantor atau pengelola yang menolak permintaan sertifikat."
                        .into(),
                ));
            }
            let official: Option<i64> = w
                .query_row(
                    "SELECT official_id FROM signer_keys
                     WHERE id = ?1 AND retired_at IS NULL AND cert IS NULL",
                    [key_id],
                    |r| r.get(0),
                )
                .optional()?;
            let official = official.ok_or_else(|| {
                StoreError::Invalid("Permintaan sertifikat itu tidak ada lagi.".into())
            })?;
            retire_key_in(
                w,
                official,
                Reason::Superseded,
                &acting.actor,
                &format!("permintaan sertifikatnya ditolak: {reason}"),
            )?;
            Ok(())
        })
    }

    /// The certificates the live root issued, newest first.
    pub fn issued_certificates(&self) -> Result<Vec<IssuedCert>> {
        let Some(root) = live_root(&self.conn)? else {
            return Ok(Vec::new());
        };
        let offset = self.settings()?.offset();
        let mut stmt = self.conn.prepare(
            "SELECT k.id, o.name, k.fingerprint, k.retired_at, k.retire_reason
             FROM signer_keys k JOIN officials o ON o.id = k.official_id
             WHERE k.root_id = ?1 AND k.cert IS NOT NULL ORDER BY k.id DESC",
        )?;
        let rows = stmt.query_map([root.id], |r| {
            Ok(IssuedCert {
                key_id: r.get(0)?,
                name: r.get(1)?,
                fingerprint: r.get(2)?,
                retired_at: r
                    .get::<_, Option<String>>(3)?
                    .map(|t| time_from_db(&t, offset)),
                reason: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The root holder declares a certificate's key leaked (a lost flash disk, a passphrase
    /// told, old backups out of the office's hands): it goes on the CRL as keyCompromise, so no
    /// signature made with it counts, whatever date it claims; a live key is retired with it.
    /// The CRL is issued at once. Returns its number.
    pub fn declare_key_compromised(
        &mut self,
        who: &Identity,
        key_id: i64,
        why: &str,
        root_pass: &str,
        now: NaiveDateTime,
    ) -> Result<u64> {
        let why = why.trim();
        if why.is_empty() {
            return Err(StoreError::Invalid(
                "Tulis mengapa kunci itu dinyatakan bocor (mis. flash disk hilang).".into(),
            ));
        }
        let (root_id, key) = self.open_live_root(who, root_pass, now)?;
        self.write(now, |w| {
            let (root, actor) = root_in_hand(w, who, root_id)?;
            let name: String = w
                .query_row(
                    "SELECT o.name FROM signer_keys k JOIN officials o ON o.id = k.official_id
                     WHERE k.id = ?1 AND k.root_id = ?2 AND k.cert IS NOT NULL",
                    params![key_id, root.id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| {
                    StoreError::Invalid(
                        "Sertifikat itu tidak diterbitkan sertifikat kantor ini.".into(),
                    )
                })?;
            w.execute(
                "UPDATE signer_keys SET retire_reason = 'keyCompromise',
                     retired_at = COALESCE(retired_at, ?2), p12 = NULL
                 WHERE id = ?1",
                params![key_id, w.time()],
            )?;
            w.audit(
                &actor,
                None,
                "kunci.bocor",
                &format!("Kunci tanda tangan {name} dinyatakan bocor: {why}"),
            )?;
            issue_crl_in(w, &root, &key, &actor)
        })
    }

    /// The root holder issues the root's CRL now (after a retirement, or before it lapses).
    pub fn issue_crl(
        &mut self,
        who: &Identity,
        root_pass: &str,
        now: NaiveDateTime,
    ) -> Result<u64> {
        let (root_id, key) = self.open_live_root(who, root_pass, now)?;
        self.write(now, |w| {
            let (root, actor) = root_in_hand(w, who, root_id)?;
            issue_crl_in(w, &root, &key, &actor)
        })
    }

    /// Whether the live root's CRL needs its holder now.
    pub fn crl_need(&self, now: NaiveDateTime) -> Result<CrlNeed> {
        let Some(root) = live_root(&self.conn)? else {
            return Ok(CrlNeed::None);
        };
        let offset = self.settings()?.offset();
        let last: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT this_update, next_update FROM crls WHERE issuer_fingerprint = ?1
                 ORDER BY number DESC LIMIT 1",
                [&root.fingerprint],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((_, next)) = last else {
            return Ok(CrlNeed::Lapsing(None));
        };
        let next = time_from_db(&next, offset);
        // Retired certificates of this root that its newest list does not name yet.
        let listed: Vec<Vec<u8>> = self
            .newest_crl(&root.fingerprint)?
            .and_then(|der| crl::read(&der, &root.cert).ok())
            .map(|c| c.revoked.into_iter().map(|r| r.serial).collect())
            .unwrap_or_default();
        let retired: Vec<Vec<u8>> = self
            .conn
            .prepare(
                "SELECT cert FROM signer_keys
                 WHERE root_id = ?1 AND retired_at IS NOT NULL AND cert IS NOT NULL",
            )?
            .query_map([root.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let newer = retired
            .iter()
            .filter_map(|c| crl::serial(c).ok())
            .filter(|s| !listed.contains(s))
            .count();
        Ok(if newer > 0 {
            CrlNeed::Retired(newer)
        } else if next - now < Duration::days(CRL_RENEW_DAYS) {
            CrlNeed::Lapsing(Some(next))
        } else {
            CrlNeed::None
        })
    }
}

/// A fingerprint as typed or read: hex digits only, upper case.
fn normalize(f: &str) -> String {
    f.chars()
        .filter(char::is_ascii_hexdigit)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}
