//! The Perjanjian Kinerja as the office's letter, portrait, in the form of PermenPAN-RB 53/2014:
//! the agreement page (the two parties, the statement, place and date, both signature blocks)
//! and its annex (sasaran strategis, indikator kinerja, target; program / kegiatan / sub
//! kegiatan with anggaran and the total), made from the signed RKT of the year.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDateTime;

use super::fonts::{Face, Metrics};
use super::page::{GROUP_FILL, MM, Page, Paper};
use super::rkt_doc::{
    Letterhead, columns, letterhead, rupiah, signer_lines, summary_rows, under_parents,
};
use super::table::{Align, Cell, Flow, Row};
use crate::domain::indo;
use crate::domain::rkt::DraftRow;

/// One party of the agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub name: String,
    /// In full: "Kepala Satuan Polisi Pamong Praja Kabupaten Balangan", "Bupati Balangan".
    pub position: String,
    pub rank: String,
    pub nip: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PkDocument {
    pub year: i32,
    /// The signed RKT it is made from: its version and verification code.
    pub rkt_version: i64,
    pub rkt_code: String,
    pub letterhead: Letterhead,
    pub rows: Vec<DraftRow>,
    pub code_names: HashMap<String, String>,
    /// The head of the office.
    pub first: Party,
    /// The Bupati.
    pub second: Party,
    /// When the head signed it digitally; `None`: a copy to sign by hand, the date left open.
    pub signed_at: Option<NaiveDateTime>,
    pub certificate: Option<String>,
    /// The audit log chain's head when the head signed ("<id>:<hex>"), printed under the block.
    pub audit_head: Option<String>,
    pub paper: Paper,
    pub has_logo: bool,
}

pub const TEXT_SIZE: f32 = 11.0;
const MARGINS: [f32; 4] = [15.0 * MM, 20.0 * MM, 22.0 * MM, 25.0 * MM];

/// The paper upright: a letter, not a landscape table.
pub fn page_size(paper: Paper) -> (f32, f32) {
    let (w, h) = paper.size();
    (w.min(h), w.max(h))
}

pub fn layout(doc: &PkDocument, m: &Metrics) -> Vec<Page> {
    let size = page_size(doc.paper);
    let mut f = Flow::new(m, size, MARGINS, 9.5);
    letterhead(&mut f, &doc.letterhead, doc.has_logo);
    agreement(&mut f, doc);
    f.new_page();
    annex(&mut f, doc);
    let mut pages = f.pages;
    footers(&mut pages, doc, m, size);
    pages
}

fn title(f: &mut Flow, lines: &[&str]) {
    let (l, r) = (f.left, f.right);
    for t in lines {
        f.paragraph(l, r, Face::SansBold, 12.5, Align::Center, t);
    }
    f.y += 10.0;
}

fn body(f: &mut Flow, text: &str) {
    let (l, r) = (f.left, f.right);
    f.paragraph(l, r, Face::Sans, TEXT_SIZE, Align::Left, text);
    f.y += 6.0;
}

/// "Nama : …" and "Jabatan : …" of a party, indented, the values wrapping under themselves.
fn identity_lines(f: &mut Flow, p: &Party) {
    let (l, r) = (f.left + 8.0 * MM, f.right);
    for (label, value) in [("Nama", p.name.as_str()), ("Jabatan", p.position.as_str())] {
        let y0 = f.y;
        f.paragraph(l, l + 25.0 * MM, Face::Sans, TEXT_SIZE, Align::Left, label);
        let after_label = f.y;
        f.y = y0;
        f.paragraph(
            l + 25.0 * MM,
            l + 28.0 * MM,
            Face::Sans,
            TEXT_SIZE,
            Align::Left,
            ":",
        );
        f.y = y0;
        f.paragraph(l + 29.0 * MM, r, Face::Sans, TEXT_SIZE, Align::Left, value);
        f.y = f.y.max(after_label);
    }
    f.y += 4.0;
}

fn agreement(f: &mut Flow, doc: &PkDocument) {
    let year = doc.year;
    title(f, &[&format!("PERJANJIAN KINERJA TAHUN {year}")]);
    body(
        f,
        "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan, dan akuntabel serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:",
    );
    identity_lines(f, &doc.first);
    body(f, "selanjutnya disebut PIHAK PERTAMA.");
    identity_lines(f, &doc.second);
    body(
        f,
        "selaku atasan PIHAK PERTAMA, selanjutnya disebut PIHAK KEDUA.",
    );
    body(
        f,
        "PIHAK PERTAMA berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen perencanaan (Renstra dan RKT). Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab PIHAK PERTAMA.",
    );
    body(
        f,
        "PIHAK KEDUA akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan dan sanksi.",
    );
    signatures(f, doc);
}

fn annex(f: &mut Flow, doc: &PkDocument) {
    let upper = doc.letterhead.perangkat_daerah.to_uppercase();
    title(
        f,
        &[
            &format!("LAMPIRAN PERJANJIAN KINERJA TAHUN {}", doc.year),
            &upper,
        ],
    );
    let (l, r) = (f.left, f.right);
    f.paragraph(
        l,
        r,
        Face::SansBold,
        10.0,
        Align::Left,
        "A. SASARAN STRATEGIS, INDIKATOR KINERJA DAN TARGET",
    );
    f.y += 4.0;
    let cols = columns(
        f.width(),
        &[
            ("No", 0.06, Align::Center),
            ("Sasaran Strategis", 0.34, Align::Left),
            ("Indikator Kinerja", 0.38, Align::Left),
            ("Satuan", 0.10, Align::Center),
            ("Target", 0.12, Align::Center),
        ],
    );
    f.table(&cols, &summary_rows(&doc.rows));
    f.y += 12.0;
    f.ensure(60.0);
    let (l, r) = (f.left, f.right);
    f.paragraph(
        l,
        r,
        Face::SansBold,
        10.0,
        Align::Left,
        "B. PROGRAM, KEGIATAN, SUB KEGIATAN DAN ANGGARAN",
    );
    f.y += 4.0;
    let cols = columns(
        f.width(),
        &[
            ("No", 0.06, Align::Center),
            ("Kode", 0.20, Align::Left),
            ("Program / Kegiatan / Sub Kegiatan", 0.50, Align::Left),
            ("Anggaran (Rp)", 0.24, Align::Right),
        ],
    );
    f.table(&cols, &budget_rows(&doc.rows, &doc.code_names));
    signatures(f, doc);
}

/// Program and kegiatan with their subtotals, each sub kegiatan once with its rows' pagu
/// together, and the total.
pub fn budget_rows(rows: &[DraftRow], names: &HashMap<String, String>) -> Vec<Row> {
    let mut by_code: BTreeMap<&str, i64> = BTreeMap::new();
    for r in rows {
        *by_code.entry(r.values.code.trim()).or_default() += r.pagu;
    }
    let name = |c: &str| names.get(c).cloned().unwrap_or_default();
    let leaves: Vec<(&str, i64)> = by_code.into_iter().collect();
    let group = |code: &str, subtotal: i64, _program: bool| Row {
        cells: vec![
            Cell::plain(""),
            Cell::bold(code),
            Cell::bold(name(code)),
            Cell::bold(rupiah(subtotal)),
        ],
        fill: Some(GROUP_FILL),
        ..Default::default()
    };
    let mut out = under_parents(&leaves, group, |i| {
        let (code, pagu) = leaves[i];
        Row {
            cells: vec![
                Cell::plain((i + 1).to_string()),
                Cell::plain(code),
                Cell::plain(name(code)),
                Cell::plain(rupiah(pagu)),
            ],
            ..Default::default()
        }
    });
    let total: i64 = leaves.iter().map(|(_, p)| p).sum();
    out.push(Row {
        cells: vec![
            Cell::plain(""),
            Cell::plain(""),
            Cell::bold("JUMLAH"),
            Cell::bold(rupiah(total)),
        ],
        fill: Some(GROUP_FILL),
        ..Default::default()
    });
    out
}

/// The two blocks side by side, kept on one page: PIHAK KEDUA at the left, PIHAK PERTAMA at
/// the right under the place and date.
fn signatures(f: &mut Flow, doc: &PkDocument) {
    let m = f.m;
    let half = (f.right - f.left) / 2.0;
    let size = 10.5;
    let lh = f.line_height(size);
    let upper = |p: &Party| format!("{},", p.position.to_uppercase());
    let lines =
        |p: &Party| super::wrap::wrap(m, Face::Sans, size, half - 6.0 * MM, &upper(p)).len();
    let space = 24.0 * MM;
    let widest = lines(&doc.first).max(lines(&doc.second));
    let head_line = usize::from(doc.audit_head.is_some());
    let height = lh * (3 + widest + 3 + head_line) as f32 + space;
    f.y += 14.0;
    f.ensure(height);
    let (l, r) = (f.left, f.right);
    let date = match doc.signed_at {
        Some(at) => indo::date(at.date()),
        None => format!("……………………… {}", doc.year),
    };
    f.paragraph(
        l + half,
        r,
        Face::Sans,
        size,
        Align::Center,
        &format!("{}, {date}", doc.letterhead.city),
    );
    let top = f.y;
    let mut bottom = top;
    for (x0, label, p, digital) in [
        (l, "PIHAK KEDUA,", &doc.second, false),
        (
            l + half,
            "PIHAK PERTAMA,",
            &doc.first,
            doc.certificate.is_some(),
        ),
    ] {
        f.y = top;
        let x1 = x0 + half;
        f.paragraph(x0, x1, Face::Sans, size, Align::Center, label);
        f.paragraph(x0, x1, Face::Sans, size, Align::Center, &upper(p));
        // Both names on one line, under the taller of the two positions.
        f.y = top + lh * (1 + widest) as f32 + space;
        let name = if p.name.trim().is_empty() {
            "(………………………………)".to_string()
        } else {
            indo::name_in_capitals(&p.name)
        };
        signer_lines(
            f,
            (x0, x1),
            size,
            &name,
            &p.rank,
            p.nip.as_deref(),
            doc.certificate.as_deref().filter(|_| digital),
        );
        if let Some(head) = doc.audit_head.as_ref().filter(|_| digital) {
            let line = super::rkt_doc::audit_head_line(head);
            f.paragraph(x0, x1, Face::Sans, 7.5, Align::Center, &line);
        }
        bottom = bottom.max(f.y);
    }
    f.y = bottom;
}

fn footers(pages: &mut [Page], doc: &PkDocument, m: &Metrics, (pw, ph): (f32, f32)) {
    let n = pages.len();
    let [_, _, bottom, left] = MARGINS;
    let base = ph - bottom + 14.0;
    for (i, page) in pages.iter_mut().enumerate() {
        let label = format!("Halaman {} dari {}", i + 1, n);
        let w = m.width(Face::Sans, 8.5, &label);
        page.text(pw - MARGINS[1] - w, base, 8.5, Face::Sans, label);
        page.text(
            left,
            base,
            8.0,
            Face::Sans,
            format!(
                "Perjanjian Kinerja {} · dari RKT {} versi {} (kode verifikasi {})",
                doc.year, doc.year, doc.rkt_version, doc.rkt_code
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rkt::RowValues;

    fn row(code: &str, indikator: &str, pagu: i64) -> DraftRow {
        DraftRow {
            key: code.into(),
            unit: "U".into(),
            values: RowValues {
                sasaran: "Meningkatnya ketenteraman".into(),
                indikator: indikator.into(),
                satuan: "%".into(),
                target: "85".into(),
                code: code.into(),
                ..Default::default()
            },
            pagu,
        }
    }

    #[test]
    fn the_budget_groups_program_and_kegiatan_and_adds_up() {
        let rows = [
            row("1.05.02.2.01.0001", "A", 100),
            row("1.05.02.2.01.0001", "B", 50),
            row("1.05.02.2.02.0003", "A", 25),
        ];
        let names: HashMap<String, String> = [
            ("1.05.02", "Program P"),
            ("1.05.02.2.01", "Kegiatan K1"),
            ("1.05.02.2.01.0001", "Sub S1"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let out = budget_rows(&rows, &names);
        let text: Vec<Vec<&str>> = out
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(text[0], ["", "1.05.02", "Program P", "175"]);
        assert_eq!(text[1], ["", "1.05.02.2.01", "Kegiatan K1", "150"]);
        assert_eq!(text[2], ["1", "1.05.02.2.01.0001", "Sub S1", "150"]);
        assert_eq!(text[3][1], "1.05.02.2.02");
        assert_eq!(text[4], ["2", "1.05.02.2.02.0003", "", "25"]);
        assert_eq!(text[5], ["", "", "JUMLAH", "175"]);
    }
}
