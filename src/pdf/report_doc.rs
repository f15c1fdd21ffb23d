//! The reports after the Perjanjian Kinerja, landscape like the RKT and archival like it: the
//! Rencana Aksi of a year, the Laporan Capaian Kinerja of a quarter and the LKjIP's Bab III
//! tables; with the category scale, the charts, the evidence with each file's SHA-256, the
//! head's signature block and, before it is signed, the DRAF mark on every page.

use chrono::NaiveDateTime;

use super::fonts::{Face, Metrics};
use super::page::{DRAFT_RED, Item, MM, Page, Paper, Rgb};
use super::render::{Images, RenderError};
use super::report_rows as rows;
use super::rkt_doc::{Letterhead, Signer, letterhead, section, signature_block, signature_height};
use super::table::{Align, Flow, Row};
use crate::chart::bars::{self, Anchor, Chart};
use crate::domain::performance::Summary;
use crate::domain::quarter::Quarter;

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Report {
    RencanaAksi,
    Capaian(Quarter),
    Lkjip,
}

impl Report {
    /// The title's two lines, in capitals.
    fn title(self, year: i32) -> [String; 2] {
        match self {
            Report::RencanaAksi => ["RENCANA AKSI".into(), format!("TAHUN {year}")],
            Report::Capaian(q) => [
                "LAPORAN CAPAIAN KINERJA".into(),
                format!("{} TAHUN {year}", q.long().to_uppercase()),
            ],
            Report::Lkjip => [
                "TABEL CAPAIAN KINERJA (BAB III LKjIP)".into(),
                format!("TAHUN {year}"),
            ],
        }
    }

    /// As the footer and the PDF's title name it.
    pub fn name(self, year: i32) -> String {
        match self {
            Report::RencanaAksi => format!("Rencana Aksi Tahun {year}"),
            Report::Capaian(q) => format!("Laporan Capaian Kinerja {} Tahun {year}", q.short()),
            Report::Lkjip => format!("Tabel Capaian Kinerja LKjIP Tahun {year}"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ReportDocument<'a> {
    pub report: Report,
    pub year: i32,
    pub letterhead: Letterhead,
    /// The year measured up to the report's quarter (TW IV for the Rencana Aksi and LKjIP).
    pub summary: &'a Summary,
    /// `None`: a draft, marked on every page.
    pub signer: Option<Signer>,
    pub paper: Paper,
    pub has_logo: bool,
}

pub const TABLE_SIZE: f32 = 8.0;
/// The evidence list's size: a SHA-256 in full stays on one line.
const EVIDENCE_SIZE: f32 = 7.0;
const MARGINS: [f32; 4] = [15.0 * MM, 15.0 * MM, 24.0 * MM, 20.0 * MM];
/// Indikator per capaian chart: more would make the bars too thin to read.
const PER_CHART: usize = 10;
const CHART_HEIGHT: f32 = 62.0 * MM;
pub const DRAFT_LINE: &str = "DRAF — belum ditandatangani";

pub fn layout(doc: &ReportDocument<'_>, m: &Metrics) -> Vec<Page> {
    let size = doc.paper.size();
    let mut f = Flow::new(m, size, MARGINS, TABLE_SIZE);
    letterhead(&mut f, &doc.letterhead, doc.has_logo);
    let (l, r) = (f.left, f.right);
    for line in doc.report.title(doc.year) {
        f.paragraph(l, r, Face::SansBold, 13.0, Align::Center, &line);
    }
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
    let s = doc.summary;
    match doc.report {
        Report::RencanaAksi => rencana_aksi(&mut f, s),
        Report::Capaian(q) => capaian(&mut f, s, q),
        Report::Lkjip => lkjip(&mut f, s),
    }
    if doc.report != Report::RencanaAksi {
        evidence(&mut f, doc);
    }
    if let Some(signer) = &doc.signer {
        signature_block(&mut f, &doc.letterhead, signer);
    }
    let mut pages = f.pages;
    footers(&mut pages, doc, m, size);
    pages
}

/// The signature block's height, for the last table to keep its last rows with it.
fn after(doc: &ReportDocument<'_>, m: &Metrics) -> f32 {
    doc.signer
        .as_ref()
        .map_or(0.0, |s| signature_height(m, &doc.letterhead, s))
}

/// A short table kept whole on one page.
fn whole(mut rows: Vec<Row>) -> Vec<Row> {
    for r in &mut rows {
        r.keep_with_next = true;
    }
    rows
}

/// The last rows of a table come with what follows it on its page.
fn tied(mut rows: Vec<Row>) -> Vec<Row> {
    if let Some(last) = rows.last_mut() {
        last.keep_with_next = true;
    }
    rows
}

fn rencana_aksi(f: &mut Flow, s: &Summary) {
    section(
        f,
        "RENCANA AKSI PER INDIKATOR KINERJA",
        &[
            ("No", 0.03, Align::Center),
            ("Sasaran", 0.11, Align::Left),
            ("Indikator Kinerja", 0.14, Align::Left),
            ("Satuan", 0.05, Align::Center),
            ("Target Tahun", 0.05, Align::Center),
            ("Arah", 0.05, Align::Center),
            ("Sifat", 0.07, Align::Center),
            ("TW I", 0.045, Align::Center),
            ("TW II", 0.045, Align::Center),
            ("TW III", 0.045, Align::Center),
            ("TW IV", 0.045, Align::Center),
            ("Unit", 0.09, Align::Left),
            ("Sub Kegiatan", 0.10, Align::Left),
            ("Rencana Aksi", 0.14, Align::Left),
        ],
        &tied(rows::plan_rows(s)),
        0.0,
    );
}

fn capaian(f: &mut Flow, s: &Summary, q: Quarter) {
    let tw = q.short();
    let (t, re, ca, ka) = (
        format!("Target {tw}"),
        format!("Realisasi {tw}"),
        format!("Capaian {tw} (%)"),
        format!("Kategori {tw}"),
    );
    let (rs, cs) = (
        format!("Realisasi s.d. {tw}"),
        format!("Capaian s.d. {tw} thd Target Tahun (%)"),
    );
    section(
        f,
        &format!("A. CAPAIAN INDIKATOR KINERJA {}", q.long().to_uppercase()),
        &[
            ("No", 0.03, Align::Center),
            ("Sasaran", 0.10, Align::Left),
            ("Indikator Kinerja", 0.13, Align::Left),
            ("Satuan", 0.05, Align::Center),
            (&t, 0.055, Align::Center),
            (&re, 0.06, Align::Center),
            (&ca, 0.06, Align::Center),
            (&ka, 0.06, Align::Center),
            ("Target Tahun", 0.05, Align::Center),
            (&rs, 0.06, Align::Center),
            (&cs, 0.07, Align::Center),
            ("Unit", 0.075, Align::Left),
            ("Kendala / Hambatan", 0.095, Align::Left),
            ("Tindak Lanjut", 0.095, Align::Left),
        ],
        &rows::capaian_rows(s, q),
        0.0,
    );
    f.y += 12.0;
    budget_tables(f, s, &format!("s.d. {tw}"), ["B", "C"]);
    legend(f, s, "D");
    charts(f, s, "E");
}

fn lkjip(f: &mut Flow, s: &Summary) {
    let y = s.year;
    section(
        f,
        &format!("Tabel 3.1 Pengukuran Kinerja Tahun {y}"),
        &[
            ("No", 0.04, Align::Center),
            ("Sasaran", 0.22, Align::Left),
            ("Indikator Kinerja", 0.26, Align::Left),
            ("Satuan", 0.07, Align::Center),
            ("Target", 0.08, Align::Center),
            ("Realisasi", 0.08, Align::Center),
            ("Capaian (%)", 0.08, Align::Center),
            ("Kategori", 0.08, Align::Center),
            ("Unit", 0.09, Align::Left),
        ],
        &rows::lkjip_year_rows(s),
        0.0,
    );
    f.y += 12.0;
    let (last, now) = (format!("Realisasi {}", y - 1), format!("Realisasi {y}"));
    section(
        f,
        &format!(
            "Tabel 3.2 Perbandingan Realisasi Tahun {y} dengan Tahun {}",
            y - 1
        ),
        &[
            ("No", 0.04, Align::Center),
            ("Indikator Kinerja", 0.50, Align::Left),
            ("Satuan", 0.10, Align::Center),
            (&last, 0.12, Align::Center),
            (&now, 0.12, Align::Center),
            ("Perubahan", 0.12, Align::Center),
        ],
        &rows::lkjip_last_year_rows(s),
        0.0,
    );
    f.y += 12.0;
    section(
        f,
        &format!("Tabel 3.3 Perbandingan Realisasi Tahun {y} dengan Target Akhir Renstra"),
        &[
            ("No", 0.04, Align::Center),
            ("Indikator Kinerja", 0.44, Align::Left),
            ("Satuan", 0.08, Align::Center),
            (&now, 0.11, Align::Center),
            ("Target Akhir Renstra", 0.11, Align::Center),
            ("Tahun Akhir Renstra", 0.10, Align::Center),
            ("Capaian thd Target Akhir (%)", 0.12, Align::Center),
        ],
        &rows::lkjip_renstra_rows(s),
        0.0,
    );
    f.y += 12.0;
    section(
        f,
        &format!("Tabel 3.4 Jumlah Indikator per Kategori Capaian Tahun {y}"),
        &[
            ("Kategori", 0.30, Align::Left),
            ("Rentang Capaian", 0.30, Align::Center),
            ("Jumlah Indikator", 0.20, Align::Center),
        ],
        &whole(rows::category_rows(s)),
        0.0,
    );
    f.y += 12.0;
    section(
        f,
        &format!("Tabel 3.5 Realisasi Anggaran per Program Tahun {y}"),
        &program_columns("Realisasi (Rp)"),
        &rows::program_rows(s),
        0.0,
    );
    f.y += 12.0;
    legend(f, s, "");
    charts(f, s, "");
}

fn program_columns(real: &str) -> Vec<(&str, f32, Align)> {
    vec![
        ("No", 0.04, Align::Center),
        ("Kode", 0.12, Align::Left),
        ("Program", 0.40, Align::Left),
        ("Pagu (Rp)", 0.15, Align::Right),
        (real, 0.15, Align::Right),
        ("Serapan (%)", 0.14, Align::Center),
    ]
}

/// Serapan anggaran per unit and per program up to the report's quarter.
fn budget_tables(f: &mut Flow, s: &Summary, upto: &str, letters: [&str; 2]) {
    let real = format!("Realisasi {upto} (Rp)");
    section(
        f,
        &format!("{}. SERAPAN ANGGARAN PER UNIT", letters[0]),
        &[
            ("No", 0.04, Align::Center),
            ("Unit", 0.52, Align::Left),
            ("Pagu (Rp)", 0.15, Align::Right),
            (&real, 0.15, Align::Right),
            ("Serapan (%)", 0.14, Align::Center),
        ],
        &rows::unit_rows(s),
        0.0,
    );
    f.y += 12.0;
    section(
        f,
        &format!("{}. SERAPAN ANGGARAN PER PROGRAM", letters[1]),
        &program_columns(&real),
        &rows::program_rows(s),
        0.0,
    );
    f.y += 12.0;
}

fn heading(f: &mut Flow, letter: &str, title: &str, keep: f32) {
    let text = if letter.is_empty() {
        title.to_string()
    } else {
        format!("{letter}. {}", title.to_uppercase())
    };
    f.ensure(f.line_height(10.0) + 4.0 + keep);
    let (l, r) = (f.left, f.right);
    f.paragraph(l, r, Face::SansBold, 10.0, Align::Left, &text);
    f.y += 4.0;
}

/// The category scale the capaian are judged by (a setting), one band a line.
fn legend(f: &mut Flow, s: &Summary, letter: &str) {
    let lines = s.scale.legend();
    let lh = f.line_height(9.0);
    heading(f, letter, "Skala Kategori Capaian", lh * lines.len() as f32);
    let (l, r) = (f.left + 4.0 * MM, f.right);
    for line in &lines {
        f.paragraph(l, r, Face::Sans, 9.0, Align::Left, line);
    }
    f.y += 12.0;
}

/// The capaian per indikator by quarter (ten indikator a chart) and the serapan per unit.
fn charts(f: &mut Flow, s: &Summary, letter: &str) {
    let series = rows::capaian_series(s);
    let upto = s.upto.short();
    let title = if upto == "TW I" {
        "Grafik Capaian per Indikator TW I (%)".to_string()
    } else {
        format!("Grafik Capaian per Indikator TW I–{} (%)", &upto[3..])
    };
    heading(f, letter, &title, CHART_HEIGHT);
    let w = f.width();
    let chunks: Vec<&[bars::CapaianLine]> = if series.is_empty() {
        vec![&[]]
    } else {
        series.chunks(PER_CHART).collect()
    };
    for chunk in chunks {
        draw(f, &bars::capaian_bars(chunk, w, CHART_HEIGHT));
        f.y += 8.0;
    }
    f.y += 6.0;
    let units = rows::serapan_series(s);
    let h = (units.len() as f32 * 18.0 + 24.0).clamp(40.0, 140.0 * MM);
    heading(
        f,
        "",
        &format!("Grafik Serapan Anggaran per Unit s.d. {upto} (%)"),
        h,
    );
    draw(f, &bars::serapan_bars(&units, w, h));
    f.y += 12.0;
}

fn colour((r, g, b): bars::Rgb) -> Rgb {
    Rgb(
        f32::from(r) / 255.0,
        f32::from(g) / 255.0,
        f32::from(b) / 255.0,
    )
}

/// A chart's geometry drawn at the flow's place, kept whole on one page.
fn draw(f: &mut Flow, c: &Chart) {
    f.ensure(c.height);
    let (x0, y0) = (f.left, f.y);
    let m = f.m;
    let page = f.page();
    for r in &c.rects {
        page.items.push(Item::Rect {
            x: x0 + r.x,
            y: y0 + r.y,
            w: r.w,
            h: r.h,
            fill: Some(colour(r.fill)),
            stroke: None,
        });
    }
    for l in &c.lines {
        page.items.push(Item::Line {
            from: (x0 + l.from.0, y0 + l.from.1),
            to: (x0 + l.to.0, y0 + l.to.1),
            width: l.width,
            color: colour(l.color),
        });
    }
    for t in &c.texts {
        let w = m.width(Face::Sans, t.size, &t.text);
        let x = match t.anchor {
            Anchor::Start => t.x,
            Anchor::Middle => t.x - w / 2.0,
            Anchor::End => t.x - w,
        };
        page.items.push(Item::Text {
            x: x0 + x,
            // From the text's middle to its baseline.
            y: y0 + t.y + t.size * 0.35,
            size: t.size,
            face: Face::Sans,
            text: t.text.clone(),
            color: colour(t.color),
            underline: false,
        });
    }
    f.y += c.height;
}

/// The evidence behind the figures, each file with its SHA-256 in full: a reader who receives
/// the files can check they are the ones reported.
fn evidence(f: &mut Flow, doc: &ReportDocument<'_>) {
    let s = doc.summary;
    let title = "Daftar Bukti Dukung (SHA-256)";
    let letter = match doc.report {
        Report::Capaian(_) => "F",
        _ => "",
    };
    if s.evidence.is_empty() {
        heading(f, letter, title, 0.0);
        let (l, r) = (f.left, f.right);
        f.paragraph(
            l,
            r,
            Face::Sans,
            9.0,
            Align::Left,
            "Tidak ada bukti dukung yang dilaporkan.",
        );
        return;
    }
    let text = if letter.is_empty() {
        title.to_string()
    } else {
        format!("{letter}. {}", "DAFTAR BUKTI DUKUNG (SHA-256)")
    };
    let size = f.size;
    f.size = EVIDENCE_SIZE;
    section(
        f,
        &text,
        &[
            ("No", 0.03, Align::Center),
            ("TW", 0.04, Align::Center),
            ("Unit", 0.10, Align::Left),
            ("Indikator Kinerja", 0.19, Align::Left),
            ("Berkas", 0.14, Align::Left),
            ("Ukuran", 0.06, Align::Right),
            ("SHA-256", 0.44, Align::Left),
        ],
        &tied(rows::evidence_rows(&s.evidence)),
        after(doc, f.m),
    );
    f.size = size;
}

fn footers(pages: &mut [Page], doc: &ReportDocument<'_>, m: &Metrics, (pw, ph): (f32, f32)) {
    let n = pages.len();
    let [_, _, bottom, left] = MARGINS;
    let base = ph - bottom + 14.0;
    let name = doc.report.name(doc.year);
    for (i, page) in pages.iter_mut().enumerate() {
        let label = format!("Halaman {} dari {}", i + 1, n);
        let w = m.width(Face::Sans, 8.5, &label);
        page.text((pw - w) / 2.0, base, 8.5, Face::Sans, label);
        let (said, color) = match &doc.signer {
            Some(s) => (
                format!("{name} · ditandatangani secara elektronik oleh {}", s.name),
                super::page::BLACK,
            ),
            None => (
                format!("{name} · {DRAFT_LINE}, bukan dokumen sah"),
                DRAFT_RED,
            ),
        };
        page.items.push(Item::Text {
            x: left,
            y: base + 11.0,
            size: 8.0,
            face: Face::Sans,
            text: said,
            color,
            underline: false,
        });
        if doc.signer.is_none() {
            super::rkt_doc::boxed_mark(page, m, pw, "DRAF");
        }
    }
}

/// The report as a PDF/A-1b, like the RKT; `created`: the signing moment (or now for a draft).
pub fn pdf(
    doc: &ReportDocument<'_>,
    logo: Option<&[u8]>,
    created: NaiveDateTime,
) -> Result<Vec<u8>, RenderError> {
    let pages = layout(doc, Metrics::shared());
    let mut images = Images::new();
    if let (Some(png), true) = (logo, doc.has_logo) {
        images.insert(super::page::ImageRef::Logo, png.to_vec());
    }
    let title = doc.report.name(doc.year);
    let subject = match &doc.signer {
        Some(s) => format!("{title}, ditandatangani {}", s.name),
        None => format!("{title} — {DRAFT_LINE}"),
    };
    super::render::render(
        &pages,
        doc.paper.size(),
        &images,
        &super::pdfa::Meta {
            title: &title,
            author: &doc.letterhead.perangkat_daerah,
            subject: &subject,
            created,
            audit_head: doc.signer.as_ref().and_then(|s| s.audit_head.as_deref()),
        },
    )
}
