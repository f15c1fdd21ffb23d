//! The documents the office prints: the RKT and the SOP. Layout in points (no egui), rendered by
//! printpdf and made PDF/A-1b.

pub mod fonts;
pub mod pades;
pub mod page;
pub mod pdfa;
pub mod pk_doc;
pub mod render;
pub mod report_doc;
pub mod report_rows;
#[cfg(test)]
mod report_tests;
pub mod rkt_doc;
pub mod sop_doc;
pub mod table;
pub mod wrap;

pub use pdfa::Meta;
pub use render::{Images, RenderError};
pub use rkt_doc::RktDocument;

/// The RKT as a PDF: laid out, rendered and made archival.
pub fn rkt_pdf(
    doc: &RktDocument,
    images: &Images,
    created: chrono::NaiveDateTime,
) -> Result<Vec<u8>, RenderError> {
    let m = fonts::Metrics::shared();
    let pages = rkt_doc::layout(doc, m);
    let title = format!("Rencana Kinerja Tahunan (RKT) Tahun {}", doc.year);
    let subject = match &doc.signer {
        Some(s) => format!(
            "RKT {} versi {}, ditandatangani {}",
            doc.year, doc.version, s.name
        ),
        None => format!("DRAFT RKT {} versi {}", doc.year, doc.version),
    };
    let used: Images = images
        .iter()
        .filter(|(k, _)| {
            pages
                .iter()
                .flat_map(|p| &p.items)
                .any(|i| matches!(i, page::Item::Image { which, .. } if which == *k))
        })
        .map(|(k, v)| (*k, v.clone()))
        .collect();
    render::render(
        &pages,
        doc.paper.size(),
        &used,
        &Meta {
            title: &title,
            author: &doc.letterhead.perangkat_daerah,
            subject: &subject,
            created,
            audit_head: doc.signer.as_ref().and_then(|s| s.audit_head.as_deref()),
        },
    )
}

/// The Perjanjian Kinerja as a PDF (upright, the office's letter), archival like the RKT.
pub fn pk_pdf(
    doc: &pk_doc::PkDocument,
    logo: Option<&[u8]>,
    created: chrono::NaiveDateTime,
) -> Result<Vec<u8>, RenderError> {
    let pages = pk_doc::layout(doc, fonts::Metrics::shared());
    let mut images = Images::new();
    if let (Some(png), true) = (logo, doc.has_logo) {
        images.insert(page::ImageRef::Logo, png.to_vec());
    }
    render::render(
        &pages,
        pk_doc::page_size(doc.paper),
        &images,
        &Meta {
            title: &format!("Perjanjian Kinerja Tahun {}", doc.year),
            author: &doc.letterhead.perangkat_daerah,
            subject: &format!(
                "Perjanjian Kinerja {} antara {} dan {}",
                doc.year, doc.first.position, doc.second.position
            ),
            created,
            audit_head: doc.audit_head.as_deref(),
        },
    )
}

/// The SOP document as a PDF: identity page, then the flowchart over as many pages as it needs.
pub fn sop_pdf(
    sop: &crate::domain::sop::Sop,
    paper: page::Paper,
    certificate: Option<&str>,
    created: chrono::NaiveDateTime,
) -> Result<Vec<u8>, RenderError> {
    let (pages, _) = sop_doc::layout(sop, paper, certificate, fonts::Metrics::shared());
    let subject = format!("{} Nomor {}", sop.identity.name, sop.identity.number);
    render::render(
        &pages,
        paper.size(),
        &Images::new(),
        &Meta {
            title: &sop.identity.name,
            author: &sop.identity.agency,
            subject: &subject,
            created,
            audit_head: None,
        },
    )
}
