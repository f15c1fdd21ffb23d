//! The documents, assembled from the database: the RKT of a year (signed, or the latest draft
//! marked DRAFT) and the SOP. Used by the window and by the headless commands alike.

mod demo_year;
mod pk;
mod reports;
mod sign;

use std::collections::HashMap;

use chrono::NaiveDateTime;

use crate::domain::io_words::failed;
use crate::domain::sop::Sop;
use crate::pdf::page::{ImageRef, Paper};
use crate::pdf::rkt_doc::{Letterhead, Signer};
use crate::pdf::{self, Images, RktDocument};
use crate::store::{
    ArchiveEntry, Identity, ImageRole, SealedImages, Signature, SignatureFacts, Store, StoreError,
    ToSign,
};

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

pub use pk::{pk_pdf, sign_pk};
pub use reports::{report_of, report_pdf, report_pdf_unsigned, sign_report};

/// What every RKT document of this office shares: the letterhead, paper and logo.
struct DocumentBase {
    letterhead: Letterhead,
    paper: Paper,
    logo: Option<Vec<u8>>,
}

fn document_base(store: &Store) -> Result<DocumentBase> {
    let settings = store.settings()?;
    let office = &settings.office;
    Ok(DocumentBase {
        letterhead: Letterhead::from_office(&office.name, &office.address, &office.city),
        paper: Paper::from_setting(&settings.paper),
        // Without the regency's logo set in Pengaturan the letterhead carries none (a stand-in
        // shape would be printed on an official document).
        logo: store.office_image(ImageRole::Logo)?,
    })
}

/// A version's rows as the document, signed (with the images sealed with the signature) or a
/// draft.
fn assemble(
    base: &DocumentBase,
    year: i32,
    version: i64,
    rows: Vec<crate::domain::rkt::DraftRow>,
    code_names: HashMap<String, String>,
    signed: Option<(&Signature, &SealedImages)>,
) -> (RktDocument, Images) {
    let mut images = Images::new();
    if let Some(logo) = &base.logo {
        images.insert(ImageRef::Logo, logo.clone());
    }
    let signer = signed.map(|(s, sealed)| {
        if let Some(png) = &sealed.signature {
            images.insert(ImageRef::Signature, png.clone());
        }
        if let Some(png) = &sealed.stamp {
            images.insert(ImageRef::Stamp, png.clone());
        }
        Signer {
            at: s.signed_at,
            position: s.position.clone(),
            name: s.name.clone(),
            rank: s.rank.clone(),
            nip: Some(s.nip.clone()),
            has_signature_image: sealed.signature.is_some(),
            has_stamp: sealed.stamp.is_some(),
            certificate: s.cert_fingerprint.clone(),
            audit_head: s.audit_head.clone(),
        }
    });
    let doc = RktDocument {
        year,
        version,
        letterhead: base.letterhead.clone(),
        rows,
        code_names,
        verification: signed.map(|(s, _)| s.code()),
        signer,
        paper: base.paper,
        has_logo: base.logo.is_some(),
    };
    (doc, images)
}

/// The year's RKT as a document: the signed version when there is one, else the newest draft.
pub fn rkt_document(store: &Store, year: i32) -> Result<(RktDocument, Images)> {
    let base = document_base(store)?;
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
    let code_names = store.draft_code_names(draft_id)?;
    let sealed = match &signature {
        Some(_) => store.signature_images(year)?,
        None => Default::default(),
    };
    Ok(assemble(
        &base,
        year,
        version,
        rows,
        code_names,
        signature.as_ref().map(|s| (s, &sealed)),
    ))
}

/// The PDF of the year's RKT: once signed, the digitally signed file itself (so that it
/// verifies byte for byte); else the draft, made now. A signature from before the digital
/// signature keeps its archived file, or is drawn again.
pub fn rkt_pdf(store: &Store, year: i32, now: NaiveDateTime) -> Result<Vec<u8>> {
    store.read(|| {
        if let Some(bytes) = store.signed_pdf(year)? {
            return Ok(bytes);
        }
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
    })
}

/// Step 10: the head's key opened with its passphrase, the newest version sealed, its PDF made and
/// signed digitally (PAdES), the step accepted: one transaction in the store. A wrong PIN is
/// counted before anything else.
pub fn sign_year(
    store: &mut Store,
    sop: &Sop,
    year: i32,
    pass: &str,
    use_images: bool,
    who: &Identity,
    now: NaiveDateTime,
) -> Result<Signature> {
    let key = store.unlock_signing_key(who, pass, sop, now)?;
    let base = document_base(store)?;
    let render = |t: &ToSign<'_>, facts: &SignatureFacts| {
        let (doc, images) = assemble(
            &base,
            t.signature.year,
            t.signature.version,
            t.rows.to_vec(),
            t.code_names.clone(),
            Some((t.signature, t.images)),
        );
        let pdf = pdf::rkt_pdf(&doc, &images, t.signature.signed_at)
            .map_err(|e| StoreError::Invalid(e.0))?;
        sign::sign_as(&key, &pdf, facts)
    };
    Ok(store.sign(sop, year, &key, use_images, who, now, &render)?)
}

/// Step 11: the signed RKT's PDF (the digitally signed file of step 10) stored with the step's
/// completion.
pub fn archive_year(
    store: &mut Store,
    sop: &Sop,
    year: i32,
    who: &Identity,
    now: NaiveDateTime,
) -> Result<ArchiveEntry> {
    if store.signature(year)?.is_none() {
        return Err(ExportError::Nothing(format!(
            "RKT tahun {year} belum ditandatangani."
        )));
    }
    let paper = Paper::from_setting(&store.settings()?.paper).setting();
    let bytes = rkt_pdf(store, year, now)?;
    Ok(store.archive_signed(sop, year, &bytes, paper, who, now)?)
}

/// The SOP document (identity page and flowchart).
pub fn sop_pdf(store: &Store, sop: &Sop, now: NaiveDateTime) -> Result<Vec<u8>> {
    store.read(|| {
        let paper = Paper::from_setting(&store.settings()?.paper);
        let root = store.office_root()?;
        Ok(pdf::sop_pdf(
            sop,
            paper,
            root.as_ref().map(|r| r.fingerprint.as_str()),
            now,
        )?)
    })
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

/// How far the demo takes last year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoDepth {
    /// Its RKT signed and archived, its Perjanjian Kinerja signed: the year after not begun
    /// (for tests that make the Rencana Aksi themselves).
    Pk,
    /// On through its Rencana Aksi and the quarters ended by `now` (`sop-rkt demo`, the
    /// Beranda button).
    MeasuredYear,
}

/// Demo data (`sop-rkt demo`, the Beranda button): the store's demo data, and last year's signed
/// RKT archived as the TIM would at step 11, so the archive shows a real entry, with its PK and
/// its measured year.
pub fn fill_demo(
    store: &mut Store,
    sop: &Sop,
    year: i32,
    rows: usize,
    now: NaiveDateTime,
) -> Result<crate::store::DemoReport> {
    fill_demo_to(store, sop, year, rows, now, DemoDepth::MeasuredYear)
}

/// `fill_demo`, taking last year only as far as `depth`.
pub fn fill_demo_to(
    store: &mut Store,
    sop: &Sop,
    year: i32,
    rows: usize,
    now: NaiveDateTime,
    depth: DemoDepth,
) -> Result<crate::store::DemoReport> {
    // All or nothing: a demo that fails half way leaves the database as empty as it was.
    Ok(store.all_or_nothing(|store| {
        fill_demo_now(store, sop, year, rows, now, depth).map_err(Into::into)
    })?)
}

fn fill_demo_now(
    store: &mut Store,
    sop: &Sop,
    year: i32,
    rows: usize,
    now: NaiveDateTime,
    depth: DemoDepth,
) -> Result<crate::store::DemoReport> {
    let mut report = store.fill_demo(sop, year, rows, now)?;
    if let (Some(signed), Some(sign_at)) = (report.signed_year, report.sign_at) {
        use crate::domain::sop::Requirement;
        use crate::store::{DEMO_PASSPHRASE, KeyPlace};
        // As the office would: the pengelola makes the office root, the head makes a key and
        // reads its fingerprint out, the root's holder approves it; then the head signs.
        let pengelola = demo_sign_in(store, |o| o.pengelola, sign_at)?;
        store.create_office_root(&pengelola, DEMO_PASSPHRASE, &KeyPlace::Program, sign_at)?;
        let head = demo_official(store, sop, Requirement::Signed, sign_at)?;
        let fingerprint =
            store.create_signer_key(&head, DEMO_PASSPHRASE, &KeyPlace::Program, sop, sign_at)?;
        let request = store
            .key_requests()?
            .into_iter()
            .find(|r| r.key_fingerprint == fingerprint)
            .ok_or_else(|| ExportError::Nothing("data contoh: permintaan sertifikat".into()))?;
        store.approve_key_request(
            &pengelola,
            request.key_id,
            &fingerprint,
            DEMO_PASSPHRASE,
            sign_at,
        )?;
        sign_year(store, sop, signed, DEMO_PASSPHRASE, true, &head, sign_at)?;
        report.signed = true;
        let mut at = sign_at + chrono::Duration::days(1);
        // Archived (and then its Perjanjian Kinerja) only where the SOP has that step.
        if sop.step_requiring(Requirement::Archived).is_some() {
            let archiver = demo_official(store, sop, Requirement::Archived, at)?;
            archive_year(store, sop, signed, &archiver, at)?;
            report.archived = true;
            // The head follows the signed RKT with its Perjanjian Kinerja, early in the year.
            at += chrono::Duration::days(1);
            let head = demo_official(store, sop, Requirement::Signed, at)?;
            sign_pk(store, sop, signed, DEMO_PASSPHRASE, &head, at)?;
            report.pk_signed = true;
            // The year after its PK: Rencana Aksi, the quarters that have ended, reports.
            if depth == DemoDepth::MeasuredYear {
                let from = at + chrono::Duration::days(1);
                let measured = demo_year::measured_year(store, sop, signed, from, now)?;
                report.quarters_reported = measured.quarters;
                report.reports_signed = measured.reports;
            }
        }
        // The office's revocation list as of today (the one of last January has lapsed).
        let pengelola = demo_sign_in(store, |o| o.pengelola, now)?;
        store.issue_crl(&pengelola, DEMO_PASSPHRASE, now.max(at))?;
    }
    Ok(report)
}

/// The first active demo official in the lane of the step with `requirement`, signed in with
/// the demo PIN.
fn demo_official(
    store: &mut Store,
    sop: &Sop,
    requirement: crate::domain::sop::Requirement,
    at: NaiveDateTime,
) -> Result<Identity> {
    let step = sop.step_requiring(requirement);
    demo_sign_in(store, |o| step.is_none_or(|s| sop.admits(s, &o.lanes)), at)
}

/// The first active demo official `fits`, signed in with the demo PIN.
fn demo_sign_in(
    store: &mut Store,
    fits: impl Fn(&crate::store::Official) -> bool,
    at: NaiveDateTime,
) -> Result<Identity> {
    let official = store
        .officials()?
        .into_iter()
        .find(|o| o.active && fits(o))
        .ok_or_else(|| ExportError::Nothing("data contoh: kolom pelaksana tanpa pejabat".into()))?;
    match store.sign_in(official.id, crate::store::DEMO_PIN, None, at)? {
        crate::store::SignIn::In { identity, .. } => Ok(identity),
        crate::store::SignIn::NewPinNeeded(why) => Err(ExportError::Nothing(why)),
    }
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
    store.read(|| {
        let master = store.master_data(year)?;
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
            sasaran: &master.sasaran_order(),
            indicators: &indicators,
            sub_kegiatan: &sub_kegiatan,
            funding: &master.funding,
        })
        .map_err(ExportError::Render)
    })
}

/// The year's RKT as a workbook: the signed version, or the newest draft.
pub fn rkt_xlsx(store: &Store, year: i32) -> Result<Vec<u8>> {
    store.read(|| {
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
    })
}
