//! The head's signing PIN, the office's images (logo, scanned signature, stamp) and the
//! signatures that freeze a year's final draft version.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};

use super::audit_chain;
use super::cycles::transition_in;
use super::drafts::{code_names, load_draft_rows};
use super::identity::{self, Identity};
use super::settings::OfficeSettings;
use super::signer_keys::UnlockedKey;
use super::{Result, Store, StoreError, time_from_db};
use crate::domain::seal::{self, SealedSigner};
use crate::domain::sop::Sop;
use crate::domain::workflow::Intent;

/// The images the office can set in Pengaturan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageRole {
    Logo,
    Signature,
    Stamp,
}

impl ImageRole {
    pub const ALL: [ImageRole; 3] = [ImageRole::Logo, ImageRole::Signature, ImageRole::Stamp];

    fn db(self) -> &'static str {
        match self {
            ImageRole::Logo => "logo",
            ImageRole::Signature => "tanda_tangan",
            ImageRole::Stamp => "stempel",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ImageRole::Logo => "Logo kabupaten",
            ImageRole::Signature => "Pindaian tanda tangan",
            ImageRole::Stamp => "Stempel",
        }
    }
}

/// A signature as stored: who, when, what version, and the hash of what was sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub id: i64,
    pub year: i32,
    pub draft_id: i64,
    pub version: i64,
    pub name: String,
    pub position: String,
    pub rank: String,
    pub nip: String,
    pub signed_at: NaiveDateTime,
    pub content_sha256: String,
    /// The signer certificate's fingerprint, for a digitally signed PDF (signatures made before
    /// the digital signature have none).
    pub cert_fingerprint: Option<String>,
    /// The audit log chain's head when it was signed ("<id>:<hex>", `audit_chain::head_text`),
    /// printed in the signed PDF (signatures made before the chain have none).
    pub audit_head: Option<String>,
}

/// What the signed RKT's PDF is made from, inside the signing transaction: the signature as it
/// will be stored (its `id` not yet assigned), the rows of the version signed, the images.
pub struct ToSign<'a> {
    pub signature: &'a Signature,
    pub rows: &'a [crate::domain::rkt::DraftRow],
    /// The names of its codes, as the version keeps them.
    pub code_names: &'a std::collections::HashMap<String, String>,
    pub images: &'a SealedImages,
}

/// What a digital signature records beside the bytes it signs (the PDF's signature
/// dictionary): who signs, why, where, and when (office time). Decided by the store, inside the
/// transaction that stores the signed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureFacts {
    pub name: String,
    pub reason: String,
    pub location: String,
    pub at: NaiveDateTime,
}

/// The head signing a document after the RKT (its Perjanjian Kinerja, a report) now, as the
/// document prints it: who (name, position, rank, NIP), the office (its city before the date),
/// the moment, the key's certificate and the audit chain's head the signature vouches for.
#[derive(Debug, Clone, Copy)]
pub struct HeadSigning<'a> {
    pub name: &'a str,
    pub position: &'a str,
    pub rank: &'a str,
    pub nip: &'a str,
    pub office: &'a OfficeSettings,
    pub signed_at: NaiveDateTime,
    pub certificate: &'a str,
    /// "<id>:<hex>", read before the PDF is made.
    pub audit_head: Option<&'a str>,
}

impl<'a> HeadSigning<'a> {
    /// `official` signing now with `key`, the chain's head `audit_head`.
    pub(super) fn of(
        official: &'a super::Official,
        office: &'a OfficeSettings,
        key: &'a UnlockedKey,
        at: NaiveDateTime,
        audit_head: Option<&'a str>,
    ) -> Self {
        HeadSigning {
            name: &official.name,
            position: &official.position,
            rank: &official.rank,
            nip: official.nip.as_deref().unwrap_or(""),
            office,
            signed_at: at,
            certificate: key.fingerprint(),
            audit_head,
        }
    }

    /// What the signature records when the head signs `what` ("Perjanjian Kinerja tahun
    /// 2026"): in the office's city, now.
    pub(super) fn signature_facts(&self, what: &str) -> SignatureFacts {
        SignatureFacts {
            name: self.name.to_string(),
            reason: format!("Menandatangani {what}"),
            location: self.office.city.clone(),
            at: self.signed_at,
        }
    }
}

/// Makes the PDF of what is being signed and signs it digitally with the facts given; the
/// store keeps the signed bytes it returns.
pub type RenderSigned<'a> = dyn Fn(&ToSign<'_>, &SignatureFacts) -> Result<Vec<u8>> + 'a;

/// The PNGs sealed with a signature (either may be absent).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SealedImages {
    pub signature: Option<Vec<u8>>,
    pub stamp: Option<Vec<u8>>,
}

impl Signature {
    pub fn code(&self) -> String {
        seal::short_code(&self.content_sha256)
    }
}

const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";
/// Scans of a signature or a logo are small; anything bigger is a mistake.
pub const MAX_IMAGE_BYTES: usize = 4 * 1024 * 1024;

impl Store {
    /// Officials with a signing PIN.
    pub fn officials_with_pin(&self) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT official_id FROM signing_pins ORDER BY 1")?;
        let ids = stmt.query_map([], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// Which office images are set, without reading them.
    pub fn office_images_set(&self) -> Result<Vec<ImageRole>> {
        let mut stmt = self.conn.prepare("SELECT role FROM office_images")?;
        let roles: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ImageRole::ALL
            .into_iter()
            .filter(|r| roles.iter().any(|x| x == r.db()))
            .collect())
    }

    pub fn has_pin(&self, official_id: i64) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM signing_pins WHERE official_id = ?1)",
            [official_id],
            |r| r.get(0),
        )?)
    }

    pub fn office_image(&self, role: ImageRole) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT png FROM office_images WHERE role = ?1",
                [role.db()],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Sets an image from a PNG file's bytes (`None` removes it).
    pub fn set_office_image(
        &mut self,
        role: ImageRole,
        png: Option<&[u8]>,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<()> {
        if let Some(bytes) = png {
            check_png(bytes)?;
        }
        self.write(now, |w| {
            let actor = identity::pengelola(w, who)?;
            match png {
                Some(bytes) => w.execute(
                    "INSERT INTO office_images (role, png, set_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (role) DO UPDATE SET png = ?2, set_at = ?3",
                    params![role.db(), bytes, w.time()],
                )?,
                None => w.execute("DELETE FROM office_images WHERE role = ?1", [role.db()])?,
            };
            let what = if png.is_some() { "diganti" } else { "dihapus" };
            w.audit(
                &actor,
                None,
                "kantor.gambar",
                &format!("{} {what}", role.label()),
            )
        })
    }

    /// The scanned signature and stamp sealed with the year's signature, if any (read only for
    /// the PDF: the page shows the signature without them).
    pub fn signature_images(&self, year: i32) -> Result<SealedImages> {
        Ok(self
            .conn
            .query_row(
                "SELECT signature_png, stamp_png FROM signatures WHERE year = ?1",
                [year],
                |r| {
                    Ok(SealedImages {
                        signature: r.get(0)?,
                        stamp: r.get(1)?,
                    })
                },
            )
            .optional()?
            .unwrap_or_default())
    }

    pub fn signature(&self, year: i32) -> Result<Option<Signature>> {
        let offset = self.settings()?.offset();
        load_signature(&self.conn, year, offset)
    }

    /// The digitally signed PDF made at step 10, byte for byte (none for a signature made
    /// before the digital signature).
    pub fn signed_pdf(&self, year: i32) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT signed_pdf FROM signatures WHERE year = ?1",
                [year],
                |r| r.get(0),
            )
            .optional()?
            .flatten())
    }

    /// Step 10, "Setujui dan Tandatangani", with the head's key opened by their PIN
    /// (`unlock_signing_key`): seals the newest draft version with the head's name, position,
    /// rank, NIP and the time, has `render` make its PDF and sign it digitally (PAdES) with the
    /// facts decided here, stores the signed file and accepts the step, all in one transaction.
    // Long: the checks, the sealed content, the PDF and its signature, the step, in order.
    #[allow(clippy::too_many_arguments)]
    pub fn sign(
        &mut self,
        sop: &Sop,
        year: i32,
        key: &UnlockedKey,
        use_images: bool,
        who: &Identity,
        now: NaiveDateTime,
        render: &RenderSigned<'_>,
    ) -> Result<Signature> {
        key.check_owner(who)?;
        let official_id = who.official_id();
        let official = self
            .official(official_id)?
            .ok_or_else(|| StoreError::Invalid("Pejabat tidak ditemukan.".into()))?;
        let nip = official.nip.clone().ok_or_else(|| {
            StoreError::Invalid(format!(
                "{} belum punya NIP; lengkapi di Pengaturan sebelum menandatangani.",
                official.name
            ))
        })?;
        let cal = self.work_calendar()?;
        let city = self.settings()?.office.city;
        let images = if use_images {
            SealedImages {
                signature: self.office_image(ImageRole::Signature)?,
                stamp: self.office_image(ImageRole::Stamp)?,
            }
        } else {
            SealedImages::default()
        };
        self.write(now, |w| {
            let actor = identity::acting(w, who)?.actor;
            let (draft_id, version): (i64, i64) = w
                .query_row(
                    "SELECT id, version FROM drafts WHERE year = ?1 ORDER BY version DESC LIMIT 1",
                    [year],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| {
                    StoreError::Invalid("Belum ada Draft RKT untuk ditandatangani.".into())
                })?;
            let rows = load_draft_rows(w, draft_id)?;
            let signed_at = w.time();
            let content = seal::canonical(
                year,
                version,
                &rows,
                &SealedSigner {
                    name: &official.name,
                    position: &official.position,
                    rank: &official.rank,
                    nip: &nip,
                    signed_at: &signed_at,
                },
            );
            let sha = seal::sha256_hex(content.as_bytes());
            // The history the signature vouches for: the chain as it stands before this
            // signing's own rows, read before its PDF is made.
            let audit_head = audit_chain::head_text(w)?;
            let signature = Signature {
                id: 0,
                year,
                draft_id,
                version,
                name: official.name.clone(),
                position: official.position.clone(),
                rank: official.rank.clone(),
                nip: nip.clone(),
                signed_at: time_from_db(&signed_at, w.offset()),
                content_sha256: sha.clone(),
                cert_fingerprint: Some(key.fingerprint().to_string()),
                audit_head: audit_head.clone(),
            };
            let code_names = code_names(w, draft_id)?;
            let signed_pdf = render(
                &ToSign {
                    signature: &signature,
                    rows: &rows,
                    code_names: &code_names,
                    images: &images,
                },
                &SignatureFacts {
                    name: official.name.clone(),
                    reason: format!("Menyetujui RKT tahun {year} versi {version}"),
                    location: city,
                    at: now,
                },
            )?;
            w.execute(
                "INSERT INTO signatures (year, draft_id, official_id, name, position, rank, nip,
                signed_at, content_sha256, signature_png, stamp_png, signed_pdf, cert_fingerprint,
                audit_head)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                params![
                    year,
                    draft_id,
                    official_id,
                    official.name,
                    official.position,
                    official.rank,
                    nip,
                    signed_at,
                    sha,
                    images.signature,
                    images.stamp,
                    signed_pdf,
                    key.fingerprint(),
                    audit_head
                ],
            )?;
            let step = sop
                .step_requiring(crate::domain::sop::Requirement::Signed)
                .map(|s| s.no)
                .ok_or_else(|| {
                    StoreError::Invalid("SOP tidak punya langkah tanda tangan.".into())
                })?;
            transition_in(
                w,
                &cal,
                sop,
                year,
                &Intent::Accept {
                    step,
                    note: format!(
                        "Ditandatangani: versi {version}, kode {}, sertifikat {}",
                        seal::short_code(&sha),
                        key.fingerprint()
                    ),
                },
                &actor,
            )?;
            Ok(())
        })?;
        self.signature(year)?
            .ok_or_else(|| StoreError::Invalid("Tanda tangan tidak tersimpan.".into()))
    }
}

fn check_png(bytes: &[u8]) -> Result<()> {
    if !bytes.starts_with(PNG_MAGIC) {
        return Err(StoreError::Invalid("Berkas itu bukan gambar PNG.".into()));
    }
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(StoreError::Invalid(format!(
            "Gambar terlalu besar ({} KB); paling besar {} KB.",
            bytes.len() / 1024,
            MAX_IMAGE_BYTES / 1024
        )));
    }
    Ok(())
}

pub(super) fn load_signature(
    conn: &Connection,
    year: i32,
    offset: chrono::FixedOffset,
) -> Result<Option<Signature>> {
    Ok(conn
        .query_row(
            "SELECT s.id, s.year, s.draft_id, d.version, s.name, s.position, s.rank, s.nip,
                    s.signed_at, s.content_sha256, s.cert_fingerprint, s.audit_head
             FROM signatures s JOIN drafts d ON d.id = s.draft_id WHERE s.year = ?1",
            [year],
            |r| {
                Ok(Signature {
                    id: r.get(0)?,
                    year: r.get(1)?,
                    draft_id: r.get(2)?,
                    version: r.get(3)?,
                    name: r.get(4)?,
                    position: r.get(5)?,
                    rank: r.get(6)?,
                    nip: r.get(7)?,
                    signed_at: time_from_db(&r.get::<_, String>(8)?, offset),
                    content_sha256: r.get(9)?,
                    cert_fingerprint: r.get(10)?,
                    audit_head: r.get(11)?,
                })
            },
        )
        .optional()?)
}
