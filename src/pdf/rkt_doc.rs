//! The RKT as the office prints it: letterhead, title, the summary of Sasaran and Indikator, the
//! detail of Program / Kegiatan / Sub Kegiatan with pagu, the signature block, and on every page
//! "Halaman X dari Y" and the verification code with its QR (or the DRAFT mark).

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::fonts::{Face, Metrics};
use super::page::{DRAFT_RED, GROUP_FILL, ImageRef, Item, MM, Page, Paper, Rgb};
use super::table::{Align, Cell, Column, Flow, Row};
use crate::domain::indo;
use crate::domain::nip::format_grouped;
use crate::domain::rkt::{DraftRow, format_rupiah, parents};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letterhead {
    /// "PEMERINTAH KABUPATEN BALANGAN"
    pub government: String,
    /// "SATUAN POLISI PAMONG PRAJA"
    pub office: String,
    pub address: String,
    /// "Satuan Polisi Pamong Praja Kabupaten Balangan", after "Perangkat Daerah:".
    pub perangkat_daerah: String,
    /// "Kabupaten Balangan": completes the signer's position when it names only the office.
    pub region: String,
    pub city: String,
}

impl Letterhead {
    /// From the office's full name ("Satuan Polisi Pamong Praja Kabupaten Balangan"): the
    /// government line names the regency, the office line the rest.
    pub fn from_office(name: &str, address: &str, city: &str) -> Letterhead {
        let (office, region) = match name.find(" Kabupaten ").or_else(|| name.find(" Kota ")) {
            Some(i) => (&name[..i], name[i + 1..].to_string()),
            None => (name, "Kabupaten".to_string()),
        };
        Letterhead {
            government: format!("PEMERINTAH {}", region.to_uppercase()),
            office: office.to_uppercase(),
            address: address.to_string(),
            perangkat_daerah: name.to_string(),
            city: city.to_string(),
            region,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    /// When it was signed (office time): the date in the signature block, and the PDF's own
    /// creation time, so the same signature always makes the same document.
    pub at: NaiveDateTime,
    /// "Kepala Satuan Polisi Pamong Praja Kabupaten Balangan"
    pub position: String,
    pub name: String,
    pub rank: String,
    pub nip: Option<String>,
    pub has_signature_image: bool,
    pub has_stamp: bool,
    /// The fingerprint of the certificate of the digital signature the file carries.
    pub certificate: Option<String>,
    /// The audit log chain's head when it was signed ("<id>:<hex>"), printed under the block.
    pub audit_head: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RktDocument {
    pub year: i32,
    pub version: i64,
    pub letterhead: Letterhead,
    pub rows: Vec<DraftRow>,
    /// Names of program, kegiatan and sub kegiatan codes.
    pub code_names: HashMap<String, String>,
    /// `None`: a draft, marked DRAFT on every page.
    pub signer: Option<Signer>,
    /// Short verification code, on every page of a signed RKT.
    pub verification: Option<String>,
    pub paper: Paper,
    pub has_logo: bool,
}

pub const TABLE_SIZE: f32 = 9.0;
const MARGINS: [f32; 4] = [15.0 * MM, 15.0 * MM, 24.0 * MM, 20.0 * MM];

pub fn layout(doc: &RktDocument, m: &Metrics) -> Vec<Page> {
    let (pw, ph) = doc.paper.size();
    let mut f = Flow::new(m, (pw, ph), MARGINS, TABLE_SIZE);
    letterhead(&mut f, &doc.letterhead, doc.has_logo);
    let (l, r) = (f.left, f.right);
    f.paragraph(
        l,
        r,
        Face::SansBold,
        13.0,
        Align::Center,
        "RENCANA KINERJA TAHUNAN (RKT)",
    );
    f.paragraph(
        l,
        r,
        Face::SansBold,
        13.0,
        Align::Center,
        &format!("TAHUN {}", doc.year),
    );
    f.y += 8.0;
    f.paragraph(
        l,
        r,
        Face::Sans,
        10.0,
        Align::Left,
        &format!("Perangkat Daerah : {}", doc.letterhead.perangkat_daerah),
    );
    f.y += 6.0;

    section(
        &mut f,
        "A. SASARAN DAN INDIKATOR KINERJA",
        &[
            ("No", 0.05, Align::Center),
            ("Sasaran", 0.35, Align::Left),
            ("Indikator Kinerja", 0.40, Align::Left),
            ("Satuan", 0.10, Align::Center),
            ("Target", 0.10, Align::Center),
        ],
        &summary_rows(&doc.rows),
        0.0,
    );
    f.y += 12.0;
    // The signature block shares its page with the last rows: never a page of its own.
    let after = doc
        .signer
        .as_ref()
        .map_or(0.0, |s| signature_height(m, &doc.letterhead, s));
    section(
        &mut f,
        "B. PROGRAM, KEGIATAN, SUB KEGIATAN DAN PAGU ANGGARAN",
        &[
            ("No", 0.035, Align::Center),
            ("Kode", 0.11, Align::Left),
            ("Program / Kegiatan / Sub Kegiatan", 0.18, Align::Left),
            ("Indikator Kinerja", 0.18, Align::Left),
            ("Target", 0.06, Align::Center),
            ("Satuan", 0.06, Align::Center),
            ("Pagu (Rp)", 0.10, Align::Right),
            ("Sumber Dana", 0.07, Align::Center),
            // What each unit wrote in its FORMAT RKT stays in the signed document, as on the
            // paper form: who answers for the sub kegiatan, and the unit's remark.
            ("Penanggung Jawab", 0.11, Align::Left),
            ("Keterangan", 0.095, Align::Left),
        ],
        &detail_rows(&doc.rows, &doc.code_names),
        after,
    );

    if let Some(s) = &doc.signer {
        signature_block(&mut f, &doc.letterhead, s);
    }
    let mut pages = f.pages;
    footers(&mut pages, doc, m, (pw, ph));
    pages
}

/// A titled table: the title stays with the table's header and first rows; `after`: the block
/// that must follow the table's last rows on their page.
pub(super) fn section(
    f: &mut Flow,
    title: &str,
    spec: &[(&str, f32, Align)],
    rows: &[Row],
    after: f32,
) {
    let cols = columns(f.width(), spec);
    let title_h = f.line_height(10.0) + 4.0;
    f.ensure(title_h + f.table_lead(&cols, rows, after));
    let (l, r) = (f.left, f.right);
    f.paragraph(l, r, Face::SansBold, 10.0, Align::Left, title);
    f.y += 4.0;
    f.table_then(&cols, rows, after);
}

pub(super) fn columns(width: f32, spec: &[(&str, f32, Align)]) -> Vec<Column> {
    spec.iter()
        .map(|(t, frac, align)| Column {
            title: t.to_string(),
            width: width * frac,
            align: *align,
        })
        .collect()
}

/// The letterhead of the office's letters: logo, government, office, address, double rule.
pub(super) fn letterhead(f: &mut Flow, lh: &Letterhead, has_logo: bool) {
    let (l, r) = (f.left, f.right);
    let top = f.y;
    let logo = 22.0 * MM;
    if has_logo {
        f.page().items.push(Item::Image {
            which: ImageRef::Logo,
            x: l + 4.0 * MM,
            y: top,
            w: logo * 0.82,
            h: logo,
        });
    }
    f.paragraph(l, r, Face::SerifBold, 14.0, Align::Center, &lh.government);
    f.paragraph(l, r, Face::SerifBold, 17.0, Align::Center, &lh.office);
    f.paragraph(
        l + logo,
        r - logo,
        Face::Sans,
        9.5,
        Align::Center,
        &lh.address,
    );
    f.y = f.y.max(top + logo) + 3.0;
    // The double rule of an Indonesian letterhead: thick, then thin.
    let y = f.y;
    f.page().line((l, y), (r, y), 2.0);
    f.page().line((l, y + 2.5), (r, y + 2.5), 0.6);
    f.y += 12.0;
}

/// One line per distinct Sasaran / Indikator / Satuan / Target, in the draft's order.
pub(super) fn summary_rows(rows: &[DraftRow]) -> Vec<Row> {
    let mut seen = Vec::new();
    for r in rows {
        let v = &r.values;
        let key = (
            v.sasaran.trim(),
            v.indikator.trim(),
            v.satuan.trim(),
            v.target.trim(),
        );
        if !seen.contains(&key) {
            seen.push(key);
        }
    }
    let mut last_sasaran = "";
    let mut no = 0;
    seen.iter()
        .map(|(s, i, u, t)| {
            // The sasaran is written once for its group, as on the paper form.
            let first = *s != last_sasaran;
            if first {
                no += 1;
                last_sasaran = s;
            }
            Row {
                cells: vec![
                    Cell::plain(if first { no.to_string() } else { String::new() }),
                    Cell::plain(if first { *s } else { "" }),
                    Cell::plain(*i),
                    Cell::plain(*u),
                    Cell::plain(*t),
                ],
                fill: None,
                continues: if first { 0 } else { 2 },
                keep_with_next: false,
            }
        })
        .collect()
}

pub(super) fn rupiah(amount: i64) -> String {
    format_rupiah(amount).trim_start_matches("Rp ").to_string()
}

/// Program and kegiatan rows with their subtotals, then the sub kegiatan rows, then the total.
fn detail_rows(rows: &[DraftRow], names: &HashMap<String, String>) -> Vec<Row> {
    let mut sorted: Vec<&DraftRow> = rows.iter().collect();
    sorted.sort_by(|a, b| a.values.code.trim().cmp(b.values.code.trim()));
    let name = |c: &str| names.get(c).cloned().unwrap_or_default();
    let leaves: Vec<(&str, i64)> = sorted
        .iter()
        .map(|r| (r.values.code.trim(), r.pagu))
        .collect();
    let group = |code: &str, total: i64, program: bool| Row {
        cells: vec![
            Cell::plain(""),
            Cell::bold(code),
            Cell::bold(name(code)),
            Cell::plain(""),
            Cell::plain(""),
            Cell::plain(""),
            Cell::bold(rupiah(total)),
            Cell::plain(""),
            Cell::plain(""),
            Cell::plain(""),
        ],
        fill: Some(if program {
            GROUP_FILL
        } else {
            Rgb(0.98, 0.98, 0.98)
        }),
        ..Default::default()
    };
    let mut out = under_parents(&leaves, group, |i| {
        let (r, code) = (sorted[i], leaves[i].0);
        let v = &r.values;
        Row {
            cells: vec![
                Cell::plain((i + 1).to_string()),
                Cell::plain(code),
                Cell::plain(name(code)),
                Cell::plain(v.indikator.trim()),
                Cell::plain(v.target.trim()),
                Cell::plain(v.satuan.trim()),
                Cell::plain(rupiah(r.pagu)),
                Cell::plain(v.sumber_dana.trim()),
                Cell::plain(v.penanggung_jawab.trim()),
                Cell::plain(v.keterangan.trim()),
            ],
            fill: None,
            ..Default::default()
        }
    });
    let total: i64 = rows.iter().map(|r| r.pagu).sum();
    // The last sub kegiatan stays with the total, and the total with the signature after it.
    if let Some(last) = out.last_mut() {
        last.keep_with_next = true;
    }
    out.push(Row {
        keep_with_next: true,
        cells: vec![
            Cell::plain(""),
            Cell::plain(""),
            Cell::bold("JUMLAH"),
            Cell::plain(""),
            Cell::plain(""),
            Cell::plain(""),
            Cell::bold(rupiah(total)),
            Cell::plain(""),
            Cell::plain(""),
            Cell::plain(""),
        ],
        fill: Some(GROUP_FILL),
        ..Default::default()
    });
    out
}

/// Rows in code order under their program and kegiatan: before the first leaf of each, its
/// header row `group(code, subtotal, is_program)`, the subtotal summing the leaves whose code
/// starts with it; then `leaf(i)` for each leaf. `leaves`: (code, pagu), sorted by code.
pub(super) fn under_parents(
    leaves: &[(&str, i64)],
    group: impl Fn(&str, i64, bool) -> Row,
    leaf: impl Fn(usize) -> Row,
) -> Vec<Row> {
    let sum = |prefix: &str| -> i64 {
        leaves
            .iter()
            .filter(|(c, _)| c.starts_with(prefix))
            .map(|(_, p)| p)
            .sum()
    };
    let mut out = Vec::new();
    let (mut program, mut kegiatan) = (String::new(), String::new());
    for (i, (code, _)) in leaves.iter().enumerate() {
        let (p, k) = parents(code);
        // A heading never ends a page: it keeps with the row under it.
        if p != program {
            out.push(Row {
                keep_with_next: true,
                ..group(&p, sum(&p), true)
            });
            program = p;
            kegiatan.clear();
        }
        if k != kegiatan {
            out.push(Row {
                keep_with_next: true,
                ..group(&k, sum(&k), false)
            });
            kegiatan = k;
        }
        out.push(leaf(i));
    }
    out
}

/// A position as a signature names it: completed with the region when it names only the office
/// ("Kepala Satuan Polisi Pamong Praja" → "… Kabupaten Balangan").
pub fn full_position(position: &str, region: &str) -> String {
    if position.to_lowercase().contains(&region.to_lowercase()) {
        position.trim().to_string()
    } else {
        format!("{} {region}", position.trim())
    }
}

const SIGNATURE_WIDTH: f32 = 95.0 * MM;
/// The room left for the wet or scanned signature and the stamp.
const SIGNATURE_SPACE: f32 = 24.0 * MM;
/// Between the table and the signature block.
const SIGNATURE_GAP: f32 = 10.0;

/// "KEPALA SATUAN POLISI PAMONG PRAJA KABUPATEN BALANGAN," as on the paper.
fn signer_position(lh: &Letterhead, s: &Signer) -> String {
    let full = full_position(&s.position, &lh.region);
    format!("{},", full.to_uppercase())
}

/// The signature block's height with the gap above it: kept whole on one page.
pub(super) fn signature_height(m: &Metrics, lh: &Letterhead, s: &Signer) -> f32 {
    let position = signer_position(lh, s);
    let lines = super::wrap::wrap(m, Face::Sans, 10.0, SIGNATURE_WIDTH, &position).len();
    let digital = usize::from(s.certificate.is_some()) + usize::from(s.audit_head.is_some());
    SIGNATURE_GAP + 12.0 * (1 + lines + digital) as f32 + SIGNATURE_SPACE + 3.0 * 12.0 + 6.0
}

/// The signature block at the right, kept whole on one page.
pub(super) fn signature_block(f: &mut Flow, lh: &Letterhead, s: &Signer) {
    let block_w = SIGNATURE_WIDTH;
    let x0 = f.right - block_w;
    let position = signer_position(lh, s);
    let space = SIGNATURE_SPACE;
    let height = signature_height(f.m, lh, s) - SIGNATURE_GAP;
    f.y += SIGNATURE_GAP;
    f.ensure(height);
    let x1 = f.right;
    f.paragraph(
        x0,
        x1,
        Face::Sans,
        10.0,
        Align::Center,
        &format!("{}, {}", lh.city, indo::date(s.at.date())),
    );
    f.paragraph(x0, x1, Face::Sans, 10.0, Align::Center, &position);
    let top = f.y + 2.0;
    let mid = x0 + block_w / 2.0;
    if s.has_stamp {
        // The stamp overlaps the left of the signature, as a wet stamp does, and stays within
        // the space above the name: the name and rank below are never crossed.
        let side = space - 2.0 * MM;
        f.page().items.push(Item::Image {
            which: ImageRef::Stamp,
            x: mid - 30.0 * MM,
            y: top,
            w: side,
            h: side,
        });
    }
    if s.has_signature_image {
        f.page().items.push(Item::Image {
            which: ImageRef::Signature,
            x: mid - 22.0 * MM,
            y: top + 1.0 * MM,
            w: 44.0 * MM,
            h: 22.0 * MM,
        });
    }
    f.y += space;
    signer_lines(
        f,
        (x0, x1),
        10.0,
        &indo::name_in_capitals(&s.name),
        &s.rank,
        s.nip.as_deref(),
        s.certificate.as_deref(),
    );
    if let Some(head) = &s.audit_head {
        f.paragraph(
            x0,
            x1,
            Face::Sans,
            7.5,
            Align::Center,
            &audit_head_line(head),
        );
    }
}

/// The line under a signature that ties the document to the audit log as it stood when it was
/// signed: the chain's head ("<id>:<hex>", the whole of it in the PDF's info dictionary).
pub(super) fn audit_head_line(head: &str) -> String {
    let (id, hash) = head.split_once(':').unwrap_or(("?", head));
    format!(
        "Rantai log audit: #{id} {}…",
        hash.get(..16).unwrap_or(hash)
    )
}

/// Under the space for the signature, centred in [x0, x1]: the name underlined, then the rank,
/// the NIP and the line tying the block to the digital signature in the file.
pub(super) fn signer_lines(
    f: &mut Flow,
    (x0, x1): (f32, f32),
    size: f32,
    name: &str,
    rank: &str,
    nip: Option<&str>,
    certificate: Option<&str>,
) {
    let w = f.m.width(Face::SansBold, size, name);
    f.y += f.line_height(size);
    let base = f.y - 2.5;
    f.page().items.push(Item::Text {
        x: (x0 + x1 - w) / 2.0,
        y: base,
        size,
        face: Face::SansBold,
        text: name.to_string(),
        color: super::page::BLACK,
        underline: true,
    });
    if !rank.trim().is_empty() {
        f.paragraph(x0, x1, Face::Sans, size, Align::Center, rank.trim());
    }
    if let Some(nip) = nip.filter(|n| !n.trim().is_empty()) {
        f.paragraph(
            x0,
            x1,
            Face::Sans,
            size,
            Align::Center,
            &format!("NIP. {}", format_grouped(nip)),
        );
    }
    if let Some(fp) = certificate {
        f.paragraph(
            x0,
            x1,
            Face::Sans,
            7.5,
            Align::Center,
            &format!(
                "Ditandatangani secara elektronik · sertifikat {}",
                short_fingerprint(fp)
            ),
        );
    }
}

/// The first eight bytes of a fingerprint, enough to tell certificates apart by eye.
pub fn short_fingerprint(fp: &str) -> String {
    let parts: Vec<&str> = fp.split(':').collect();
    if parts.len() > 8 {
        format!("{}…", parts[..8].join(":"))
    } else {
        fp.to_string()
    }
}

fn footers(pages: &mut [Page], doc: &RktDocument, m: &Metrics, (pw, ph): (f32, f32)) {
    let n = pages.len();
    let [_, right, bottom, left] = MARGINS;
    let base = ph - bottom + 14.0;
    let qr = doc
        .verification
        .as_ref()
        .map(|code| qr_modules(&qr_payload(doc, code)));
    for (i, page) in pages.iter_mut().enumerate() {
        let label = format!("Halaman {} dari {}", i + 1, n);
        let w = m.width(Face::Sans, 8.5, &label);
        page.text((pw - w) / 2.0, base, 8.5, Face::Sans, label);
        match (&doc.verification, &qr) {
            (Some(code), Some(dark)) => {
                page.text(
                    left,
                    base,
                    8.0,
                    Face::Sans,
                    format!(
                        "RKT {} versi {} · Kode verifikasi: {code}",
                        doc.year, doc.version
                    ),
                );
                let size = 17.0 * MM;
                let module = size / dark.len() as f32;
                page.items.push(Item::Qr {
                    x: pw - right - size,
                    y: ph - bottom + 3.0 * MM,
                    module,
                    dark: dark.clone(),
                });
            }
            _ => draft_mark(page, doc, m, (pw, ph)),
        }
    }
}

/// The boxed red word at the top right of a page not yet signed ("DRAFT", "DRAF").
pub(super) fn boxed_mark(page: &mut Page, m: &Metrics, pw: f32, label: &str) {
    let [top, right, _, _] = MARGINS;
    let w = m.width(Face::SansBold, 14.0, label);
    let (bx, by) = (pw - right - w - 12.0, top - 10.0 * MM);
    page.items.push(Item::Rect {
        x: bx,
        y: by,
        w: w + 12.0,
        h: 22.0,
        fill: None,
        stroke: Some(1.5),
    });
    page.items.push(Item::Text {
        x: bx + 6.0,
        y: by + 16.0,
        size: 14.0,
        face: Face::SansBold,
        text: label.into(),
        color: DRAFT_RED,
        underline: false,
    });
}

fn draft_mark(page: &mut Page, doc: &RktDocument, m: &Metrics, (pw, ph): (f32, f32)) {
    let [_, _, bottom, left] = MARGINS;
    boxed_mark(page, m, pw, "DRAFT");
    page.items.push(Item::Text {
        x: left,
        y: ph - bottom + 14.0,
        size: 8.0,
        face: Face::Sans,
        text: format!(
            "DRAFT versi {} — belum ditandatangani, bukan dokumen sah",
            doc.version
        ),
        color: DRAFT_RED,
        underline: false,
    });
}

/// What the QR code says: enough to find the RKT in the archive by eye or by scanner.
pub fn qr_payload(doc: &RktDocument, code: &str) -> String {
    let mut text = format!(
        "RKT {} versi {} | {} | kode {}",
        doc.year, doc.version, doc.letterhead.perangkat_daerah, code
    );
    // The signer certificate's SHA-256: a QR made by anyone else cannot name it.
    if let Some(fp) = doc.signer.as_ref().and_then(|s| s.certificate.as_ref()) {
        text.push_str(&format!(" | sertifikat SHA-256 {}", fp.replace(':', "")));
    }
    text
}

pub fn qr_modules(text: &str) -> Vec<Vec<bool>> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
        .expect("short payload fits a QR code");
    let w = code.width();
    let colors = code.to_colors();
    (0..w)
        .map(|y| {
            (0..w)
                .map(|x| colors[y * w + x] == qrcode::Color::Dark)
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rkt::RowValues;

    /// The head of an invented office, signing on 4 January 2027, without images.
    fn signer() -> Signer {
        Signer {
            at: chrono::NaiveDate::from_ymd_opt(2027, 1, 4)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
            position: "Kepala Satuan Polisi Pamong Praja".into(),
            name: "Drs. Contoh Nama".into(),
            rank: "Pembina Utama Muda (IV/c)".into(),
            nip: Some("197003122000031004".into()),
            has_signature_image: false,
            has_stamp: false,
            certificate: None,
            audit_head: None,
        }
    }

    fn doc(rows: Vec<DraftRow>, signer: Option<Signer>) -> RktDocument {
        RktDocument {
            year: 2027,
            version: 2,
            letterhead: Letterhead::from_office(
                "Satuan Polisi Pamong Praja Kabupaten Balangan",
                "Jl. Contoh No. 1, Paringin",
                "Paringin",
            ),
            rows,
            code_names: HashMap::new(),
            signer,
            verification: None,
            paper: Paper::A4,
            has_logo: false,
        }
    }

    /// The QR names the signer certificate (a QR anyone could make cannot), and the signature
    /// block says the file is signed electronically, with the start of that fingerprint.
    #[test]
    fn the_qr_and_the_block_name_the_signer_certificate() {
        let fp = (0..32)
            .map(|i| format!("{i:02X}"))
            .collect::<Vec<_>>()
            .join(":");
        let signed = Signer {
            certificate: Some(fp.clone()),
            ..signer()
        };
        let d = doc(vec![row("Indikator")], Some(signed));
        let payload = qr_payload(&d, "45BC-0000-1111-2222");
        assert!(payload.contains("kode 45BC-0000-1111-2222"), "{payload}");
        assert!(payload.contains(&fp.replace(':', "")), "{payload}");
        assert!(!qr_payload(&doc(vec![], Some(signer())), "X").contains("sertifikat"));
        let pages = layout(&d, &Metrics::new());
        let texts: Vec<&str> = pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        let line = format!(
            "Ditandatangani secara elektronik · sertifikat {}",
            short_fingerprint(&fp)
        );
        assert!(
            texts
                .iter()
                .any(|t| t.contains("Ditandatangani secara elektronik")),
            "{texts:?}"
        );
        assert!(line.contains("00:01:02:03:04:05:06:07…"), "{line}");
    }

    fn row(indikator: &str) -> DraftRow {
        DraftRow {
            key: "k".into(),
            unit: "u".into(),
            values: RowValues {
                sasaran: "Sasaran".into(),
                indikator: indikator.into(),
                satuan: "%".into(),
                target: "87,5".into(),
                code: "1.05.02.2.01.0001".into(),
                pagu: "1.000".into(),
                ..Default::default()
            },
            pagu: 1000,
        }
    }

    #[test]
    fn letterhead_from_the_office_name() {
        let l = Letterhead::from_office(
            "Satuan Polisi Pamong Praja Kabupaten Balangan",
            "a",
            "Paringin",
        );
        assert_eq!(l.government, "PEMERINTAH KABUPATEN BALANGAN");
        assert_eq!(l.office, "SATUAN POLISI PAMONG PRAJA");
        assert_eq!(l.region, "Kabupaten Balangan");
    }

    #[test]
    fn a_2000_character_indicator_wraps_at_the_table_size() {
        let long = "Persentase penyelesaian pelanggaran ketenteraman umum ".repeat(40);
        assert!(long.len() >= 2000);
        let m = Metrics::new();
        let pages = layout(&doc(vec![row(&long)], None), &m);
        let texts: Vec<(&str, f32)> = pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|i| match i {
                Item::Text { text, size, .. } => Some((text.as_str(), *size)),
                _ => None,
            })
            .collect();
        let lines: Vec<_> = texts
            .iter()
            .filter(|(t, _)| t.contains("penyelesaian"))
            .collect();
        // Over many lines, in both tables, every one at the table's size: never shrunk.
        assert!(lines.len() > 20, "{} lines", lines.len());
        assert!(lines.iter().all(|(_, s)| *s == TABLE_SIZE));
        let words: usize = lines
            .iter()
            .map(|(t, _)| t.matches("penyelesaian").count())
            .sum();
        assert_eq!(words, 80, "every word in both tables, none lost");
    }

    #[test]
    fn the_stamp_stays_above_the_name_written_with_its_degrees() {
        let m = Metrics::new();
        let signer = Signer {
            name: "Drs. Contoh Nama, M.Si.".into(),
            has_signature_image: true,
            has_stamp: true,
            ..signer()
        };
        let pages = layout(&doc(vec![row("Indikator")], Some(signer)), &m);
        let items: Vec<&Item> = pages.iter().flat_map(|p| &p.items).collect();
        let stamp_bottom = items
            .iter()
            .find_map(|i| match i {
                Item::Image {
                    which: ImageRef::Stamp,
                    y,
                    h,
                    ..
                } => Some(y + h),
                _ => None,
            })
            .expect("the stamp");
        let name_top = items
            .iter()
            .find_map(|i| match i {
                Item::Text { text, y, size, .. } if text == "Drs. CONTOH NAMA, M.Si." => {
                    Some(y - size)
                }
                _ => None,
            })
            .expect("the name, its degrees as written");
        assert!(stamp_bottom <= name_top, "{stamp_bottom} > {name_top}");
    }

    /// The signature block never stands alone on the last page: the last sub kegiatan and the
    /// total come with it, whatever the number of rows and the paper.
    #[test]
    fn the_signature_block_shares_its_page_with_the_last_rows() {
        let m = Metrics::new();
        for paper in [Paper::A4, Paper::F4] {
            for n in 1..=60 {
                let rows = (0..n).map(|i| row(&format!("Indikator {i}"))).collect();
                let d = RktDocument {
                    paper,
                    ..doc(rows, Some(signer()))
                };
                let pages = layout(&d, &m);
                let last = pages.last().expect("a page");
                assert!(
                    last.texts().any(|t| t.contains("Paringin, 4 Januari 2027")),
                    "{n} rows on {paper:?}: the block is on the last page"
                );
                // A sub kegiatan row of the detail table (only it prints the code) and the total.
                assert!(
                    last.texts().any(|t| t == "1.05.02.2.01.0001"),
                    "{n} rows on {paper:?}: no row beside the signature"
                );
                assert!(last.texts().any(|t| t == "JUMLAH"), "{n} rows on {paper:?}");
            }
        }
    }

    #[test]
    fn the_signature_block_stays_on_one_page_with_name_rank_and_nip() {
        let m = Metrics::new();
        let signer = signer();
        // From 1 to 40 rows the block moves, but always whole.
        for n in [1, 12, 17, 25, 40] {
            let rows = (0..n).map(|i| row(&format!("Indikator {i}"))).collect();
            let pages = layout(&doc(rows, Some(signer.clone())), &m);
            let page_of = |needle: &str| {
                pages
                    .iter()
                    .position(|p| p.texts().any(|t| t.contains(needle)))
                    .unwrap_or_else(|| panic!("{needle} missing with {n} rows"))
            };
            let at = page_of("Paringin, 4 Januari 2027");
            assert_eq!(page_of("KEPALA SATUAN POLISI PAMONG PRAJA"), at);
            // In capitals, the title before it as written.
            assert_eq!(page_of("Drs. CONTOH NAMA"), at);
            assert_eq!(page_of("Pembina Utama Muda (IV/c)"), at);
            assert_eq!(page_of("NIP. 19700312 200003 1 004"), at);
        }
    }
}
