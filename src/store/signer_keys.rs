//! Keys of the digital signature (PP 71/2019 Pasal 59: the signing data belong to the signer
//! alone and are in their sole control). Each key is a PKCS#12 file under a passphrase of its
//! holder's (never a 6-digit PIN: a PIN is searched in hours from a copy of the database), in
//! the database or on the holder's flash disk. A pengelola makes the office root when they
//! choose to; a signer makes their own key, which asks for a certificate (`key_requests`): it
//! is issued only when the root holder approves it. Nothing here happens at a sign-in.

use std::cell::Cell;

use chrono::NaiveDateTime;
use p256::ecdsa::SigningKey;
use rusqlite::params;
use zeroize::Zeroizing;

use super::identity::{self, Identity};
use super::sealed_keys::{
    KeyPlace, WRONG, iterations, key_error, live_key, live_root, open_expected, p12_error, p12_of,
    place_p12, retire_key_in,
};
use super::{Result, Store, StoreError, time_from_db};
use crate::digital_signature::crl::Reason;
use crate::digital_signature::{csr, keys, p12};
use crate::domain::passphrase;
use crate::domain::sop::{Requirement, Sop};
use crate::domain::workflow::Actor;

/// The office's root certificate (the live one, or one retired).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeRoot {
    pub fingerprint: String,
    pub subject: String,
    pub cert: Vec<u8>,
    pub holder: String,
    /// Where the root's key lives when it is on its holder's flash disk.
    pub key_file: Option<String>,
    pub created_at: NaiveDateTime,
    pub retired_at: Option<NaiveDateTime>,
}

/// A signer's live key, as Pengaturan shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerKey {
    /// SHA-256 of the public key: what the signer reads from their screen and the root
    /// holder compares before approving.
    pub key_fingerprint: String,
    /// The certificate's fingerprint; `None` while the request waits for approval.
    pub fingerprint: Option<String>,
    /// Where the key lives when it is on a flash disk.
    pub key_file: Option<String>,
    /// Issued by a PSrE (not by the office root).
    pub external: bool,
    pub created_at: NaiveDateTime,
}

/// A signer's key opened with its passphrase, with its certificate and the certificate that
/// issued it. Only `Store::unlock_signing_key` makes one.
pub struct UnlockedKey {
    pub(super) official_id: i64,
    key: SigningKey,
    cert: Vec<u8>,
    chain: Vec<Vec<u8>>,
    fingerprint: String,
}

impl UnlockedKey {
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Refuses a key that is not the acting official's own.
    pub(super) fn check_owner(&self, who: &Identity) -> Result<()> {
        if self.official_id != who.official_id() {
            return Err(StoreError::Invalid(
                "Kunci tanda tangan itu bukan milik yang sedang bertindak.".into(),
            ));
        }
        Ok(())
    }

    /// The private key, for the signature made outside the store (`export::sign`); never
    /// stored or shown open. (`SigningKey` zeroizes itself when dropped.)
    pub(crate) fn signing_key(&self) -> &SigningKey {
        &self.key
    }

    /// The signer's certificate (DER).
    pub(crate) fn cert(&self) -> &[u8] {
        &self.cert
    }

    /// The certificates above it (DER), its issuer first: the office root, or a PSrE's
    /// intermediate CAs.
    pub(crate) fn chain(&self) -> &[Vec<u8>] {
        &self.chain
    }
}

impl std::fmt::Debug for UnlockedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The private key is never printed.
        f.debug_struct("UnlockedKey")
            .field("official_id", &self.official_id)
            .field("fingerprint", &self.fingerprint)
            .finish_non_exhaustive()
    }
}

/// Whether `lanes` are the signing step's.
fn signs(sop: &Sop, lanes: &[String]) -> bool {
    sop.step_requiring(Requirement::Signed)
        .is_some_and(|s| sop.admits(s, lanes))
}

/// `who`, acting, in the signing step's column: only they keep a signing key.
fn signer(conn: &rusqlite::Connection, who: &Identity, sop: &Sop) -> Result<Actor> {
    let actor = identity::acting(conn, who)?.actor;
    if !signs(sop, &actor.lanes) {
        return Err(StoreError::Invalid(format!(
            "{} tidak menandatangani RKT, jadi tidak perlu kunci tanda tangan.",
            actor.name
        )));
    }
    Ok(actor)
}

/// The passphrase checked against what a guesser would try first: the person's own name,
/// NIP and position, and the office's name.
fn check_passphrase(store: &Store, who: &Identity, pass: &str) -> Result<()> {
    let office = store.settings()?.office.name;
    let o = store
        .official(who.official_id())?
        .ok_or_else(|| StoreError::Invalid("Pejabat tidak ditemukan.".into()))?;
    let nip = o.nip.clone().unwrap_or_default();
    passphrase::check(pass, &[&o.name, &nip, &o.position, &office])
        .map(|_| ())
        .map_err(StoreError::Invalid)
}

impl Store {
    /// Every office root this database has made, the live one first.
    pub fn office_roots(&self) -> Result<Vec<OfficeRoot>> {
        let offset = self.settings()?.offset();
        let mut stmt = self.conn.prepare(
            "SELECT r.fingerprint, r.cert, o.name, r.key_file, r.created_at, r.retired_at
             FROM office_roots r JOIN officials o ON o.id = r.holder_id
             ORDER BY r.retired_at IS NOT NULL, r.id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            let cert: Vec<u8> = r.get(1)?;
            Ok(OfficeRoot {
                fingerprint: r.get(0)?,
                subject: keys::read_certificate(&cert)
                    .map(|(_, s)| s)
                    .unwrap_or_default(),
                cert,
                holder: r.get(2)?,
                key_file: r.get(3)?,
                created_at: time_from_db(&r.get::<_, String>(4)?, offset),
                retired_at: r
                    .get::<_, Option<String>>(5)?
                    .map(|t| time_from_db(&t, offset)),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The live office root, if one has been made.
    pub fn office_root(&self) -> Result<Option<OfficeRoot>> {
        Ok(self
            .office_roots()?
            .into_iter()
            .find(|r| r.retired_at.is_none()))
    }

    pub fn signer_key(&self, official_id: i64) -> Result<Option<SignerKey>> {
        let offset = self.settings()?.offset();
        Ok(live_key(&self.conn, official_id)?.map(|k| SignerKey {
            external: k.cert.is_some() && k.root_id.is_none(),
            key_fingerprint: k.key_fingerprint,
            fingerprint: k.fingerprint,
            key_file: k.key_file,
            created_at: time_from_db(&k.created_at, offset),
        }))
    }

    /// A pengelola makes the office root: its key a .p12 under `pass` (a passphrase of at
    /// least 12 characters that is not common words), in the program or on their flash disk.
    /// Its certificate is trusted on this PC from the start. Returns its fingerprint.
    pub fn create_office_root(
        &mut self,
        who: &Identity,
        pass: &str,
        place: &KeyPlace,
        now: NaiveDateTime,
    ) -> Result<String> {
        check_passphrase(self, who, pass)?;
        let office = self.settings()?.office.name;
        let written = Cell::new(false);
        let done = self.write(now, |w| {
            let actor = identity::pengelola(w, who)?;
            if live_root(w)?.is_some() {
                return Err(StoreError::Invalid(
                    "Sertifikat kantor sudah ada; yang baru dibuat hanya setelah yang lama tidak berlaku."
                        .into(),
                ));
            }
            // Valid from the store's moment: what the office's signatures are dated with.
            let issued = keys::IssuedAt::new(w.now(), w.offset()).map_err(key_error)?;
            let (key, cert) = keys::new_office_root_at(&office, issued).map_err(key_error)?;
            let bytes = p12::write(
                &key,
                std::slice::from_ref(&cert),
                pass,
                iterations(),
                "Sertifikat kantor",
            )
            .map_err(p12_error)?;
            let (p12, key_file) = place_p12(place, bytes, &written)?;
            let fingerprint = keys::fingerprint(&cert);
            let at = w.time();
            w.execute(
                "INSERT INTO office_roots (cert, fingerprint, p12, key_file, holder_id, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![cert, fingerprint, p12, key_file, who.official_id(), at],
            )?;
            let subject = keys::read_certificate(&cert)
                .map(|(_, s)| s)
                .map_err(key_error)?;
            w.execute(
                "INSERT OR IGNORE INTO trusted_roots (fingerprint, cert, subject, imported_at, imported_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![fingerprint, cert, subject, at, actor.name],
            )?;
            w.audit(
                &actor,
                None,
                "sertifikat.kantor",
                &format!(
                    "Sertifikat kantor dibuat, dipegang {} (sidik jari {fingerprint})",
                    actor.name
                ),
            )?;
            // Its first (empty) revocation list at once: a checker can tell "nothing revoked"
            // from "not checked" from the first signature on.
            let root = live_root(w)?
                .ok_or_else(|| StoreError::Invalid("Sertifikat kantor tidak tersimpan.".into()))?;
            super::key_requests::issue_crl_in(w, &root, &key, &actor)?;
            Ok(fingerprint)
        });
        place.settle(done, &written)
    }

    /// A signer (of the signing step's column) makes their own key: a .p12 under `pass`, in
    /// the program or on their flash disk, and a request for its certificate (PKCS#10, signed
    /// by the key). A key they had is retired. Returns the new key's fingerprint, computed
    /// from the key itself, for them to read out to the root holder.
    pub fn create_signer_key(
        &mut self,
        who: &Identity,
        pass: &str,
        place: &KeyPlace,
        sop: &Sop,
        now: NaiveDateTime,
    ) -> Result<String> {
        check_passphrase(self, who, pass)?;
        let written = Cell::new(false);
        let done = self.write(now, |w| {
            let actor = signer(w, who, sop)?;
            let key = keys::new_key();
            let public_key = keys::public_key_der(&key).map_err(key_error)?;
            let key_fingerprint = csr::key_fingerprint(&public_key);
            let request = csr::make_request(&key, &actor.name).map_err(key_error)?;
            let bytes = p12::write(&key, &[], pass, iterations(), &actor.name);
            let bytes = bytes.map_err(p12_error)?;
            retire_key_in(
                w,
                who.official_id(),
                Reason::Superseded,
                &actor,
                "diganti dengan kunci baru oleh pemiliknya",
            )?;
            let (p12, key_file) = place_p12(place, bytes, &written)?;
            w.execute(
                "INSERT INTO signer_keys (official_id, public_key, key_fingerprint, p12, key_file,
                     csr, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    who.official_id(),
                    public_key,
                    key_fingerprint,
                    p12,
                    key_file,
                    request,
                    w.time()
                ],
            )?;
            w.audit(
                &actor,
                None,
                "kunci.baru",
                &format!(
                    "Kunci tanda tangan baru untuk {}, menunggu persetujuan sertifikat (sidik jari kunci {key_fingerprint})",
                    actor.name
                ),
            )?;
            Ok(key_fingerprint)
        });
        place.settle(done, &written)
    }

    /// The fingerprint of the acting signer's key, computed from the key opened with its
    /// passphrase — not read from the database, which an insider could have changed. A wrong
    /// passphrase counts toward the person's lock.
    pub fn my_key_fingerprint(
        &mut self,
        who: &Identity,
        pass: &str,
        now: NaiveDateTime,
    ) -> Result<String> {
        let k = live_key(&self.conn, who.official_id())?
            .ok_or_else(|| StoreError::Invalid("Anda belum punya kunci tanda tangan.".into()))?;
        let bytes = Zeroizing::new(p12_of(&k.p12, &k.key_file)?);
        let opened = self.guarded(who.official_id(), now, WRONG, |_| {
            open_expected(&bytes, pass, &k.public_key)
        })?;
        let spki = keys::public_key_der(&opened.key).map_err(key_error)?;
        Ok(csr::key_fingerprint(&spki))
    }

    /// Opens the acting person's signing key with its passphrase. The person was proven by
    /// their PIN at sign-in; the key is proven by the passphrase (and the disk).
    pub fn unlock_signing_key(
        &mut self,
        who: &Identity,
        pass: &str,
        sop: &Sop,
        now: NaiveDateTime,
    ) -> Result<UnlockedKey> {
        // A one-time PIN from a pengelola opens the sign-in that replaces it, nothing else.
        if self.pin_state(who.official_id())? == super::PinState::MustChange {
            return Err(StoreError::Invalid(
                "PIN sementara dari pengelola tidak bisa dipakai menandatangani; masuk dulu lewat \"Bertindak sebagai\" dan ganti PIN itu.".into(),
            ));
        }
        let signer = sop
            .step_requiring(Requirement::Signed)
            .map_or("penanda tangan RKT".to_string(), |s| {
                format!("{} (langkah {})", sop.lane_names(s), s.no)
            });
        let lanes = identity::acting(&self.conn, who)?.actor.lanes;
        if !signs(sop, &lanes) {
            return Err(StoreError::Invalid(format!(
                "{} tidak menandatangani: yang menandatangani hanya pejabat di kolom pelaksana {signer}.",
                who.name()
            )));
        }
        let k = live_key(&self.conn, who.official_id())?.ok_or_else(|| {
            StoreError::Invalid(format!(
                "{} belum punya kunci tanda tangan. Buat di Pengaturan → Tanda Tangan Digital.",
                who.name()
            ))
        })?;
        let (Some(cert), Some(fingerprint)) = (k.cert.clone(), k.fingerprint.clone()) else {
            let holder = self.root_holder_name()?;
            return Err(StoreError::Invalid(match holder {
                Some(h) => format!(
                    "Sertifikat tanda tangan Anda belum disetujui. {h}, pemegang sertifikat kantor, menyetujuinya di Pengaturan → Tanda Tangan Digital dengan kata sandi sertifikat kantor, di hadapan Anda (cocokkan sidik jari kunci {})."
                    , k.key_fingerprint
                ),
                None => "Belum ada sertifikat kantor. Seorang pengelola membuatnya di Pengaturan → Tanda Tangan Digital; lalu sertifikat Anda disetujui.".into(),
            }));
        };
        let bytes = Zeroizing::new(p12_of(&k.p12, &k.key_file)?);
        let opened = self.guarded(who.official_id(), now, WRONG, |_| {
            open_expected(&bytes, pass, &k.public_key)
        })?;
        // The certificate on record must be of this very key (a row changed behind the
        // program's back would otherwise sign with one key under another's name).
        if keys::certificate_public_key(&cert).map_err(key_error)? != k.public_key {
            return Err(StoreError::Invalid(
                "Sertifikat yang tercatat bukan sertifikat kunci Anda; tidak ada yang ditandatangani. Periksa riwayat (log audit).".into(),
            ));
        }
        let chain: Vec<Vec<u8>> = match (k.root_id, &k.chain) {
            (Some(root_id), _) => vec![self.conn.query_row(
                "SELECT cert FROM office_roots WHERE id = ?1",
                [root_id],
                |r| r.get(0),
            )?],
            (None, Some(pem)) => keys::pem_chain(pem).map_err(key_error)?,
            (None, None) => {
                return Err(StoreError::Invalid(
                    "Sertifikat penerbit kunci ini tidak tercatat.".into(),
                ));
            }
        };
        Ok(UnlockedKey {
            official_id: who.official_id(),
            key: opened.key,
            cert,
            chain,
            fingerprint,
        })
    }

    /// A signer registers a key a PSrE (e.g. BSrE) issued: its .p12 stays where it is (their
    /// flash disk; never copied here, its password being the PSrE's), its certificate and the
    /// CAs above it are recorded. No approval: the PSrE certified it. Returns what to tell
    /// them (whether this PC trusts the PSrE's root).
    pub fn use_psre_key(
        &mut self,
        who: &Identity,
        path: &std::path::Path,
        pass: &str,
        sop: &Sop,
        now: NaiveDateTime,
    ) -> Result<String> {
        let bytes = Zeroizing::new(std::fs::read(path).map_err(|_| {
            StoreError::Invalid(format!("Berkas {} tidak bisa dibaca.", path.display()))
        })?);
        let opened = self.guarded(who.official_id(), now, WRONG, |_| {
            match p12::open(&bytes, pass) {
                Ok(o) => Ok(Some(o)),
                Err(p12::P12Error::WrongPassphrase) => Ok(None),
                Err(e) => Err(p12_error(e)),
            }
        })?;
        let public_key = keys::public_key_der(&opened.key).map_err(key_error)?;
        let Some(cert) = opened.certs.first().cloned() else {
            return Err(StoreError::Invalid(
                "Berkas .p12 itu tidak memuat sertifikat; minta berkas lengkap dari PSrE.".into(),
            ));
        };
        if keys::certificate_public_key(&cert).map_err(key_error)? != public_key {
            return Err(StoreError::Invalid(
                "Sertifikat pertama di berkas .p12 itu bukan sertifikat kuncinya.".into(),
            ));
        }
        let chain = &opened.certs[1..];
        let trusted = self.trusted_roots()?;
        let anchored = chain.iter().chain(std::iter::once(&cert)).any(|c| {
            trusted
                .iter()
                .any(|t| t.cert == *c || keys::issued_by(c, &t.cert))
        });
        let chain_pem = keys::chain_pem(chain).map_err(key_error)?;
        let path_text = path.to_string_lossy().to_string();
        self.write(now, |w| {
            let actor = signer(w, who, sop)?;
            retire_key_in(
                w,
                who.official_id(),
                Reason::Superseded,
                &actor,
                "diganti dengan kunci dari PSrE",
            )?;
            let fingerprint = keys::fingerprint(&cert);
            w.execute(
                "INSERT INTO signer_keys (official_id, public_key, key_fingerprint, key_file, cert,
                     chain, fingerprint, created_at, approved_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![
                    who.official_id(),
                    public_key,
                    csr::key_fingerprint(&public_key),
                    path_text,
                    cert,
                    chain_pem.as_bytes(),
                    fingerprint,
                    w.time()
                ],
            )?;
            w.audit(
                &actor,
                None,
                "kunci.psre",
                &format!(
                    "{} memakai sertifikat dari PSrE (sidik jari {fingerprint}), kunci di {path_text}",
                    actor.name
                ),
            )
        })?;
        Ok(if anchored {
            "Sertifikat PSrE Anda dipakai untuk menandatangani; sertifikat induknya dipercaya di komputer ini.".into()
        } else {
            "Sertifikat PSrE Anda dipakai untuk menandatangani. Sertifikat induk (root) PSrE itu belum dipercaya di komputer ini: percayai dulu (Percayai Sertifikat…, atau sop-rkt trust-certificate), agar tanda tangan dapat diperiksa.".into()
        })
    }

    /// The name of the live root's holder, if there is a live root.
    pub(super) fn root_holder_name(&self) -> Result<Option<String>> {
        live_root(&self.conn)?
            .map(|r| {
                self.conn
                    .query_row(
                        "SELECT name FROM officials WHERE id = ?1",
                        [r.holder_id],
                        |row| row.get::<_, String>(0),
                    )
                    .map_err(StoreError::from)
            })
            .transpose()
    }

    /// Moves the acting person's key from the database to a file (their flash disk): signing
    /// then needs that disk and the passphrase. The .p12 is moved as it is (still under its
    /// passphrase); the database keeps none.
    pub fn move_key_to_file(
        &mut self,
        who: &Identity,
        path: &std::path::Path,
        now: NaiveDateTime,
    ) -> Result<()> {
        let place = KeyPlace::File(path.to_path_buf());
        let written = Cell::new(false);
        let done = self.write(now, |w| {
            let actor = identity::acting(w, who)?.actor;
            let k = live_key(w, who.official_id())?.ok_or_else(|| {
                StoreError::Invalid("Anda belum punya kunci tanda tangan.".into())
            })?;
            let Some(bytes) = k.p12 else {
                return Err(StoreError::Invalid(
                    "Kunci Anda sudah di flash disk, tidak di program.".into(),
                ));
            };
            let (_, key_file) = place_p12(&place, bytes, &written)?;
            w.execute(
                "UPDATE signer_keys SET p12 = NULL, key_file = ?2 WHERE id = ?1",
                params![k.id, key_file],
            )?;
            w.audit(
                &actor,
                None,
                "kunci.flashdisk",
                &format!(
                    "Kunci tanda tangan {} dipindah ke {}",
                    actor.name,
                    path.display()
                ),
            )
        });
        place.settle(done, &written)
    }
}
