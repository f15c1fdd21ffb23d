//! The documents, assembled from the database: the RKT of a year (signed, or the latest draft
//! marked DRAFT) and the SOP. Used by the window and by the headless commands alike.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use crate::domain::io_words::failed;
use crate::domain::sop::Sop;
use crate::pdf::page::{ImageRef, Paper};
use crate::pdf::rkt_doc::{Letterhead, Signer};
use crate::pdf::{self, Images, RktDocument};
use crate::store::{ArchiveEntry, Identity, ImageRole, Store, StoreError};

#[derive(Debug)]
pub enum ExportError {
    Store(StoreError),
    Nothing(String),
    Render(String),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Store(e) => write!(f, "{e}"),
            ExportError::Nothing(m) | ExportError::Render(m) => f.write_str(m),
        }
    }
}

impl From<StoreError> for ExportError {
    fn from(e: StoreError) -> Self {
        ExportError::Store(e)
    }
}

impl From<pdf::RenderError> for ExportError {
    fn from(e: pdf::RenderError) -> Self {
        ExportError::Render(e.0)
    }
}

pub type Result<T> = std::result::Result<T, ExportError>;

/// The year's RKT as a document: the signed version when there is one, else the newest draft.
pub fn rkt_document(store: &Store, year: i32) -> Result<(RktDocument, Images)> {
    let settings = store.settings()?;
    let office = &settings.office;
    let signature = store.signature(year)?;
    let (draft_id, version) = match &signature {
        Some(s) => (s.draft_id, s.version),
        None => {
            let newest = store.drafts(year)?.into_iter().next().ok_or_else(|| {
                ExportError::Nothing(format!(
                    "Belum ada Draft RKT tahun {year}; kompilasi dulu di halaman Format RKT."
                ))
            })?;
            (newest.id, newest.version)
        }
    };
    let rows = store.draft_rows(draft_id)?;
    let code_names: HashMap<String, String> = store
        .master_data()?
        .codes
        .into_iter()
        .map(|c| (c.code, c.name))
        .collect();
    let mut images = Images::new();
    // Without the regency's logo set in Pengaturan the letterhead carries none (a stand-in
    // shape would be printed on an official document).
    let has_logo = match store.office_image(ImageRole::Logo)? {
        Some(logo) => {
            images.insert(ImageRef::Logo, logo);
            true
        }
        None => false,
    };
    let sealed = match &signature {
        Some(_) => store.signature_images(year)?,
        None => Default::default(),
    };
    let signer = signature.as_ref().map(|s| Signer {
        at: s.signed_at,
        position: s.position.clone(),
        name: s.name.clone(),
        rank: s.rank.clone(),
        nip: Some(s.nip.clone()),
        has_signature_image: sealed.signature.is_some(),
        has_stamp: sealed.stamp.is_some(),
    });
    if let Some(png) = sealed.signature {
        images.insert(ImageRef::Signature, png);
    }
    if let Some(png) = sealed.stamp {
        images.insert(ImageRef::Stamp, png);
    }
    let doc = RktDocument {
        year,
        version,
        letterhead: Letterhead::from_office(&office.name, &office.address, &office.city),
        rows,
        code_names,
        verification: signature.as_ref().map(|s| s.code()),
        signer,
        paper: Paper::from_setting(&settings.paper),
        has_logo,
    };
    Ok((doc, images))
}

/// The PDF of the year's RKT: the archived file itself once archived (so that it verifies byte
/// for byte), else made now (signed, or DRAFT).
pub fn rkt_pdf(store: &Store, year: i32, now: NaiveDateTime) -> Result<Vec<u8>> {
    if let Some(e) = store
        .archive_entries()?
        .into_iter()
        .find(|e| e.year == year)
        && let Some(bytes) = store.archived_pdf(e.id)?
    {
        return Ok(bytes);
    }
    let (doc, images) = rkt_document(store, year)?;
    let created = doc.signer.as_ref().map_or(now, |s| s.at);
    Ok(pdf::rkt_pdf(&doc, &images, created)?)
}

/// Step 11: the signed RKT made into its archival PDF and stored with the step's completion.
pub fn archive_year(
    store: &mut Store,
    sop: &Sop,
    year: i32,
    who: &Identity,
    now: NaiveDateTime,
) -> Result<ArchiveEntry> {
    let (doc, images) = rkt_document(store, year)?;
    let signed_at =
        doc.signer.as_ref().map(|s| s.at).ok_or_else(|| {
            ExportError::Nothing(format!("RKT tahun {year} belum ditandatangani."))
        })?;
    let bytes = pdf::rkt_pdf(&doc, &images, signed_at)?;
    let paper = doc.paper.setting();
    Ok(store.archive_signed(sop, year, &bytes, paper, who, now)?)
}

/// The SOP document (identity page and flowchart).
pub fn sop_pdf(store: &Store, sop: &Sop, now: NaiveDateTime) -> Result<Vec<u8>> {
    let paper = Paper::from_setting(&store.settings()?.paper);
    Ok(pdf::sop_pdf(sop, paper, now)?)
}

/// Largest file "Periksa keaslian" reads: far above any RKT, far below a memory problem.
pub const MAX_VERIFY_BYTES: u64 = 200 * 1024 * 1024;

/// Reads a file to check its authenticity.
pub fn read_candidate(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    read_bounded(path, MAX_VERIFY_BYTES)
}

/// Writes a PDF we made. An existing file is replaced only when it is a PDF of ours; anything
/// else is left alone. The bytes go to a temporary file beside it first, then take its name,
/// so a crash never leaves half a PDF under the real name.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    if path.exists() {
        let old = std::fs::read(path).unwrap_or_default();
        let ours = old.starts_with(b"%PDF-") && contains(&old, pdf::pdfa::PRODUCER_MARK);
        if !ours {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!(
                    "Berkas {} sudah ada dan bukan PDF buatan program ini; pilih nama lain.",
                    path.display()
                ),
            ));
        }
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("rkt.pdf");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        use std::io::Write;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| failed(e, format!("Berkas {} tidak bisa ditulis", path.display())))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Demo data (`sop-rkt demo`, the Beranda button): the store's demo data, and last year's signed
/// RKT archived as the TIM would at step 11, so the archive shows a real entry.
pub fn fill_demo(
    store: &mut Store,
    sop: &Sop,
    year: i32,
    rows: usize,
    now: NaiveDateTime,
) -> Result<crate::store::DemoReport> {
    // All or nothing: a demo that fails half way leaves the database as empty as it was.
    Ok(store
        .all_or_nothing(|store| fill_demo_now(store, sop, year, rows, now).map_err(Into::into))?)
}

fn fill_demo_now(
    store: &mut Store,
    sop: &Sop,
    year: i32,
    rows: usize,
    now: NaiveDateTime,
) -> Result<crate::store::DemoReport> {
    let report = store.fill_demo(sop, year, rows, now)?;
    if let Some((signed, _)) = &report.signed_year {
        let sig = store
            .signature(*signed)?
            .ok_or_else(|| ExportError::Nothing("data contoh: tanpa tanda tangan".into()))?;
        let at = sig.signed_at + chrono::Duration::days(1);
        // The archiving lane's official signs in with the demo PIN, as the TIM would.
        let step = sop.step_requiring(crate::domain::sop::Requirement::Archived);
        let archiver = store
            .officials()?
            .into_iter()
            .find(|o| o.active && step.is_none_or(|s| sop.admits(s, &o.lanes)))
            .ok_or_else(|| ExportError::Nothing("data contoh: tanpa pengarsip".into()))?;
        let who = match store.sign_in(archiver.id, crate::store::DEMO_PIN, None, at)? {
            crate::store::SignIn::In { identity, .. } => identity,
            crate::store::SignIn::NewPinNeeded(why) => return Err(ExportError::Nothing(why)),
        };
        archive_year(store, sop, *signed, &who, at)?;
    }
    Ok(report)
}

/// In the window every refusal is shown the same way, whichever layer refused.
impl From<ExportError> for StoreError {
    fn from(e: ExportError) -> Self {
        match e {
            ExportError::Store(s) => s,
            other => StoreError::Invalid(other.to_string()),
        }
    }
}

/// Reads a PNG chosen for the letterhead, the signature or the stamp (bounded in size).
pub fn read_image(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    read_bounded(path, crate::store::MAX_IMAGE_BYTES as u64)
}

/// Reads a file chosen by the user, refusing one larger than `max` bytes.
pub fn read_bounded(path: &std::path::Path, max: u64) -> std::io::Result<Vec<u8>> {
    let len = std::fs::metadata(path)
        .map_err(|e| failed(e, format!("Berkas {} tidak bisa dibaca", path.display())))?
        .len();
    if len > max {
        return Err(std::io::Error::other(format!(
            "Berkas {} terlalu besar ({} KB); paling besar {} KB.",
            path.display(),
            len.div_ceil(1024),
            max / 1024
        )));
    }
    std::fs::read(path)
}

/// Writes a new file; an existing one (whoever made it) is left alone.
pub fn write_new(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    if path.exists() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("Berkas {} sudah ada; pilih nama lain.", path.display()),
        ));
    }
    write_file(path, bytes)
}

/// A unit picked on the command line: its number in the list (from 1) or its name, any case.
/// The refusal lists the units to choose from.
pub fn find_unit<'a>(
    units: &'a [crate::store::Unit],
    query: &str,
) -> std::result::Result<&'a crate::store::Unit, String> {
    let q = query.trim();
    let by_number = q
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| units.get(i));
    by_number
        .or_else(|| units.iter().find(|u| u.name.eq_ignore_ascii_case(q)))
        .ok_or_else(|| {
            let list: Vec<String> = units
                .iter()
                .enumerate()
                .map(|(i, u)| format!("  {} {}", i + 1, u.name))
                .collect();
            format!(
                "Unit \"{q}\" tidak dikenal. Pilih nomor atau nama:\n{}",
                list.join("\n")
            )
        })
}

/// A unit's FORMAT RKT as an Excel template with the office's lists.
pub fn template_xlsx(store: &Store, year: i32, unit: &crate::store::Unit) -> Result<Vec<u8>> {
    let master = store.master_data()?;
    let rows: Vec<crate::domain::rkt::RowValues> = store
        .rkt_rows(year, unit.id)?
        .into_iter()
        .map(|r| r.values)
        .collect();
    let indicators: Vec<String> = master
        .renstra
        .iter()
        .flat_map(|s| s.indikator.iter().map(|i| i.text.clone()))
        .collect();
    let sub_kegiatan: Vec<(String, String)> = master
        .codes
        .iter()
        .filter(|c| c.level == crate::domain::rkt::CodeLevel::SubKegiatan)
        .map(|c| (c.code.clone(), c.name.clone()))
        .collect();
    crate::xlsx::export::template(&crate::xlsx::export::TemplateInput {
        year,
        unit_id: unit.id,
        unit_name: &unit.name,
        rows: &rows,
        indicators: &indicators,
        sub_kegiatan: &sub_kegiatan,
        funding: &master.funding,
    })
    .map_err(ExportError::Render)
}

/// The year's RKT as a workbook: the signed version, or the newest draft.
pub fn rkt_xlsx(store: &Store, year: i32) -> Result<Vec<u8>> {
    let sig = store.signature(year)?;
    let (id, version) = match &sig {
        Some(s) => (s.draft_id, s.version),
        None => {
            let d = store.drafts(year)?.into_iter().next().ok_or_else(|| {
                ExportError::Nothing(format!("Belum ada Draft RKT tahun {year}."))
            })?;
            (d.id, d.version)
        }
    };
    let rows = store.draft_rows(id)?;
    crate::xlsx::export::draft(year, version, sig.as_ref().map(|s| s.name.as_str()), &rows)
        .map_err(ExportError::Render)
}
