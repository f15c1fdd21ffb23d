//! The SOP as a document: the identity page, then the SOP AP flowchart table drawn from the same
//! geometry as the Alur SOP page, split across pages where it does not fit, each arrow that
//! leaves a page ending in a lettered off-page connector (A, B, ...) that the next page resumes.

use super::fonts::{Face, Metrics};
use super::page::{BLACK, HEADER_FILL, Item, MM, Page, Paper, Rgb};
use super::table::{Align, Cell, Column, Flow, Row};
use super::wrap::wrap;
use crate::chart::{self, ArrowKind, Chart, Measure, Shape};
use crate::domain::indo;
use crate::domain::sop::Sop;

const MARGINS: [f32; 4] = [15.0 * MM, 14.0 * MM, 16.0 * MM, 14.0 * MM];
/// Room above or below the rows of a page for an off-page connector.
const SPACER: f32 = 30.0;
const LINE: f32 = 1.25;

/// Text measured with the PDF's own fonts, so the chart's rows fit the printed text.
pub struct PdfMeasure<'a>(pub &'a Metrics);

fn face(bold: bool) -> Face {
    if bold { Face::SansBold } else { Face::Sans }
}

impl Measure for PdfMeasure<'_> {
    fn height(&self, text: &str, width: f32, size: f32, bold: bool) -> f32 {
        wrap(self.0, face(bold), size, width, text).len() as f32 * size * LINE
    }

    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.0.width(face(bold), size, text)
    }
}

/// Which rows go on which page, and the arrows that cross between pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    /// Row index ranges, one per page.
    pub pages: Vec<std::ops::Range<usize>>,
    /// (arrow index, letter)
    pub connectors: Vec<(usize, char)>,
}

/// `certificate`: the fingerprint of the office certificate that signs the RKTs, printed on the
/// identity page so that a checker can compare it with the file they were handed.
pub fn layout(
    sop: &Sop,
    paper: Paper,
    certificate: Option<&str>,
    m: &Metrics,
) -> (Vec<Page>, Split) {
    let (pw, ph) = paper.size();
    let mut pages = identity_pages(sop, paper, certificate, m);
    let width = pw - MARGINS[1] - MARGINS[3];
    // The office's SOP fits at 90 %; an SOP with many more lanes is set smaller until its
    // table fits the paper's width.
    let chart = [0.9, 0.8, 0.7, 0.6, 0.5]
        .iter()
        .map(|&z| chart::layout(sop, width, chart::Style::scaled(z), &PdfMeasure(m), None))
        .find(|c| c.width <= width + 0.5)
        .unwrap_or_else(|| {
            chart::layout(sop, width, chart::Style::scaled(0.4), &PdfMeasure(m), None)
        });
    let title_h = 22.0;
    let room = ph - MARGINS[0] - MARGINS[2] - title_h - chart.header_h - 2.0 * SPACER;
    let split = split(&chart, room);
    for i in 0..split.pages.len() {
        pages.push(chart_page(sop, &chart, &split, i, m));
    }
    let n = pages.len();
    for (i, p) in pages.iter_mut().enumerate() {
        let label = format!("Halaman {} dari {}", i + 1, n);
        let w = m.width(Face::Sans, 8.5, &label);
        p.text(
            (pw - w) / 2.0,
            ph - MARGINS[2] + 12.0,
            8.5,
            Face::Sans,
            label,
        );
    }
    (pages, split)
}

/// Rows to pages: as many as fit, preferring a break crossed by a single forward arrow (one
/// connector pair) over a break inside a return loop.
pub fn split(chart: &Chart, room: f32) -> Split {
    let rows = &chart.rows;
    let index_of = |step| rows.iter().position(|r| r.step == step);
    let crossing = |b: usize| {
        chart
            .arrows
            .iter()
            .filter(|a| match (index_of(a.from), index_of(a.to)) {
                (Some(f), Some(t)) => f.min(t) < b && f.max(t) >= b,
                _ => false,
            })
            .collect::<Vec<_>>()
    };
    let mut pages = Vec::new();
    let mut start = 0;
    while start < rows.len() {
        let top = rows[start].y;
        let mut end = start + 1;
        while end < rows.len() && rows[end].y + rows[end].h - top <= room {
            end += 1;
        }
        if end < rows.len() {
            // Back off to a clean break if there is one on this page.
            if let Some(b) = (start + 1..=end).rev().find(|&b| {
                let c = crossing(b);
                c.len() == 1 && c[0].kind == ArrowKind::Next
            }) {
                end = b;
            }
        }
        pages.push(start..end);
        start = end;
    }
    let page_of = |row: usize| pages.iter().position(|r| r.contains(&row));
    let mut connectors = Vec::new();
    for (i, a) in chart.arrows.iter().enumerate() {
        if let (Some(f), Some(t)) = (index_of(a.from), index_of(a.to))
            && page_of(f) != page_of(t)
        {
            let letter = (b'A' + connectors.len() as u8 % 26) as char;
            connectors.push((i, letter));
        }
    }
    Split { pages, connectors }
}

fn identity_pages(sop: &Sop, paper: Paper, certificate: Option<&str>, m: &Metrics) -> Vec<Page> {
    let id = &sop.identity;
    let mut f = Flow::new(m, paper.size(), MARGINS, 10.0);
    let (l, r) = (f.left, f.right);
    f.paragraph(
        l,
        r,
        Face::SansBold,
        14.0,
        Align::Center,
        &id.agency.to_uppercase(),
    );
    f.paragraph(
        l,
        r,
        Face::SansBold,
        13.0,
        Align::Center,
        "STANDAR OPERASIONAL PROSEDUR",
    );
    f.y += 10.0;
    let date = |d: Option<chrono::NaiveDate>| d.map(indo::date).unwrap_or_else(|| "-".into());
    let mut kv = vec![
        ("Nomor SOP", id.number.clone()),
        ("Tanggal Pembuatan", date(id.created)),
        ("Tanggal Revisi", date(id.revised)),
        ("Tanggal Pengesahan", date(id.ratified)),
        ("Disahkan oleh", id.ratified_by.clone()),
        ("Nama SOP", id.name.clone()),
    ];
    if let Some(fp) = certificate {
        kv.push((
            "Sertifikat kantor (tanda tangan digital RKT)",
            format!("SHA-256 {fp}"),
        ));
    }
    let w = f.width();
    let cols = [
        Column {
            title: "Identitas".into(),
            width: w * 0.3,
            align: Align::Left,
        },
        Column {
            title: id.place_and_date.clone(),
            width: w * 0.7,
            align: Align::Left,
        },
    ];
    let rows: Vec<Row> = kv
        .iter()
        .map(|(k, v)| Row {
            cells: vec![Cell::bold(*k), Cell::plain(v.as_str())],
            fill: None,
            ..Default::default()
        })
        .collect();
    f.table(&cols, &rows);
    for (left, right) in [
        (
            ("Dasar Hukum", &id.legal_basis),
            ("Kualifikasi Pelaksana", &id.qualifications),
        ),
        (
            ("Keterkaitan", &id.related),
            ("Peralatan/Perlengkapan", &id.equipment),
        ),
        (
            ("Peringatan", &id.warnings),
            ("Pencatatan dan Pendataan", &id.records),
        ),
    ] {
        f.y += 6.0;
        let cols = [left.0, right.0].map(|t| Column {
            title: t.into(),
            width: w / 2.0,
            align: Align::Left,
        });
        let list = |items: &Vec<String>| {
            items
                .iter()
                .enumerate()
                .map(|(i, s)| format!("{}. {s}", i + 1))
                .collect::<Vec<_>>()
                .join("\n")
        };
        f.table(
            &cols,
            &[Row {
                cells: vec![Cell::plain(list(left.1)), Cell::plain(list(right.1))],
                fill: None,
                ..Default::default()
            }],
        );
    }
    f.pages
}

fn chart_page(sop: &Sop, chart: &Chart, split: &Split, index: usize, m: &Metrics) -> Page {
    let mut page = Page::default();
    let range = split.pages[index].clone();
    let (x0, top) = (MARGINS[3], MARGINS[0]);
    let title = format!(
        "{} — Nomor {}{}",
        sop.identity.name,
        sop.identity.number,
        if index > 0 { " (lanjutan)" } else { "" }
    );
    page.text(x0, top + 10.0, 10.0, Face::SansBold, title);
    let table_top = top + 22.0;
    let rows = &chart.rows[range.clone()];
    let first = rows[0];
    let last = *rows.last().expect("a page has rows");
    let index_of = |step| chart.rows.iter().position(|r| r.step == step);
    let on_page = |step| index_of(step).is_some_and(|i| range.contains(&i));
    let entering: Vec<(usize, char)> = split
        .connectors
        .iter()
        .copied()
        .filter(|(a, _)| on_page(chart.arrows[*a].to))
        .collect();
    let leaving: Vec<(usize, char)> = split
        .connectors
        .iter()
        .copied()
        .filter(|(a, _)| on_page(chart.arrows[*a].from))
        .collect();
    let top_space = if entering.is_empty() { 0.0 } else { SPACER };
    let bottom_space = if leaving.is_empty() { 0.0 } else { SPACER };
    let y_lo = first.y - top_space;
    let y_hi = last.y + last.h + bottom_space;
    let header = |y: f32| table_top + y;
    let body = |y: f32| table_top + chart.header_h + top_space + (y - first.y);
    let tr = |p: chart::Pt, hdr: bool| (x0 + p.x, if hdr { header(p.y) } else { body(p.y) });

    page.items.push(Item::Rect {
        x: x0,
        y: table_top,
        w: chart.width,
        h: chart.header_h,
        fill: Some(HEADER_FILL),
        stroke: None,
    });
    for cell in &chart.header {
        text_cell(&mut page, m, cell, x0, header(cell.rect.y) - cell.rect.y);
    }
    // Rules: the header part as it is, the body part clipped to this page's rows.
    for rule in &chart.rules {
        for (lo, hi, hdr) in [(0.0, chart.header_h, true), (y_lo, y_hi, false)] {
            if let Some((a, b)) = clip(rule.a, rule.b, lo, hi) {
                page.rule(tr(a, hdr), tr(b, hdr), 0.6);
            }
        }
    }
    // The spacers' own outer lines.
    let (lx, rx) = (x0, x0 + chart.width);
    page.rule((lx, body(y_lo)), (lx, body(y_hi)), 0.6);
    page.rule((rx, body(y_lo)), (rx, body(y_hi)), 0.6);
    page.rule((lx, body(y_hi)), (rx, body(y_hi)), 0.6);

    for cell in &chart.cells {
        let mid = cell.rect.y + cell.rect.h / 2.0;
        if mid >= first.y && mid <= last.y + last.h {
            text_cell(&mut page, m, cell, x0, body(cell.rect.y) - cell.rect.y);
        }
    }
    for s in chart.symbols.iter().filter(|s| on_page(s.step)) {
        symbol(&mut page, m, s, x0, body(s.rect.y) - s.rect.y);
    }
    for j in &chart.joins {
        if let Some((a, b)) = clip(j.a, j.b, first.y, last.y + last.h) {
            page.line(tr(a, false), tr(b, false), 1.0);
        }
    }
    let style = chart.style;
    for a in chart
        .arrows
        .iter()
        .filter(|a| on_page(a.from) && on_page(a.to))
    {
        let pts: Vec<(f32, f32)> = a.points.iter().map(|p| tr(*p, false)).collect();
        polyline_arrow(&mut page, &pts);
        if let Some((label, at)) = a.label {
            arrow_label(&mut page, style, tr(at, false), label);
        }
    }
    let symbol_of = |step, want_top: bool| {
        chart
            .symbols
            .iter()
            .filter(|s| s.step == step)
            .min_by(|a, b| {
                let key = |s: &chart::SymbolBox| if want_top { s.rect.y } else { -s.rect.bottom() };
                key(a).total_cmp(&key(b))
            })
            .map(|s| s.rect)
    };
    // Connectors side by side never cover each other: one that would is moved over, its line
    // making a short jog in the spacer.
    let mut bottom_taken = Vec::new();
    for (a, letter) in &leaving {
        let arrow = &chart.arrows[*a];
        let ctop = body(last.y + last.h) + 6.0;
        let jog = ctop - 3.0;
        // An arrow that leaves its symbol from the side (a decision's "Tidak") keeps that first
        // stretch and its label, then goes down its own gutter to the connector: it never
        // shares the stretch under the diamond with "Ya".
        let (mut path, want) = if let Some((start, corner)) = side_exit(arrow) {
            let (sx, sy) = tr(start, false);
            let (cx, _) = tr(corner, false);
            if let Some((label, at)) = arrow.label {
                arrow_label(&mut page, style, tr(at, false), label);
            }
            (vec![(sx, sy), (cx, sy), (cx, jog)], cx)
        } else if let Some(r) = symbol_of(arrow.from, false) {
            let x = x0 + r.x + r.w / 2.0;
            (vec![(x, body(r.bottom())), (x, jog)], x)
        } else {
            continue;
        };
        let x = free_x(&mut bottom_taken, want);
        path.extend([(x, jog), (x, ctop)]);
        polyline_arrow(&mut page, &path);
        connector(&mut page, m, x, ctop, *letter);
    }
    let mut top_taken = Vec::new();
    for (a, letter) in &entering {
        let arrow = &chart.arrows[*a];
        let ctop = body(first.y) - SPACER + 4.0;
        let jog = ctop + 22.0;
        // One that enters its symbol from the side comes down its gutter and turns in there.
        let (rest, want) = if let Some((corner, end)) = side_entry(arrow) {
            let (cx, _) = tr(corner, false);
            let (ex, ey) = tr(end, false);
            (vec![(cx, jog), (cx, ey), (ex, ey)], cx)
        } else if let Some(r) = symbol_of(arrow.to, true) {
            let x = x0 + r.x + r.w / 2.0;
            (vec![(x, jog), (x, body(r.y))], x)
        } else {
            continue;
        };
        let x = free_x(&mut top_taken, want);
        connector(&mut page, m, x, ctop, *letter);
        let mut path = vec![(x, ctop + 18.0), (x, jog)];
        path.extend(rest);
        polyline_arrow(&mut page, &path);
    }
    page
}

/// "Ya"/"Tidak" beside its branch, `at` its top-left on the page.
fn arrow_label(page: &mut Page, style: chart::Style, (x, y): (f32, f32), label: &str) {
    page.text(
        x,
        y + style.font * 0.85,
        style.font * 0.9,
        Face::SansBold,
        label,
    );
}

/// Where a connector goes: at `want`, or moved left clear of those already placed on that edge.
fn free_x(taken: &mut Vec<f32>, want: f32) -> f32 {
    const GAP: f32 = 24.0;
    let mut x = want;
    while taken.iter().any(|t| (t - x).abs() < GAP) {
        x -= GAP;
    }
    taken.push(x);
    x
}

/// The first stretch of an arrow that leaves its symbol sideways: (start, where it turns).
fn side_exit(a: &chart::Arrow) -> Option<(chart::Pt, chart::Pt)> {
    let (p0, p1) = (*a.points.first()?, *a.points.get(1)?);
    ((p0.y - p1.y).abs() < 0.01 && (p0.x - p1.x).abs() > 0.01).then_some((p0, p1))
}

/// The last stretch of an arrow that enters its symbol sideways: (where it turns, the head).
fn side_entry(a: &chart::Arrow) -> Option<(chart::Pt, chart::Pt)> {
    let n = a.points.len();
    let (p0, p1) = (*a.points.get(n.checked_sub(2)?)?, *a.points.last()?);
    ((p0.y - p1.y).abs() < 0.01 && (p0.x - p1.x).abs() > 0.01).then_some((p0, p1))
}

/// The part of an axis-aligned segment within [lo, hi] vertically.
fn clip(a: chart::Pt, b: chart::Pt, lo: f32, hi: f32) -> Option<(chart::Pt, chart::Pt)> {
    let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
    let eps = 0.01;
    if y1 < lo - eps || y0 > hi + eps {
        return None;
    }
    if (a.y - b.y).abs() < eps {
        return Some((a, b));
    }
    let c = |p: chart::Pt| chart::Pt {
        x: p.x,
        y: p.y.clamp(lo, hi),
    };
    let (ca, cb) = (c(a), c(b));
    ((ca.y - cb.y).abs() > eps).then_some((ca, cb))
}

fn text_cell(page: &mut Page, m: &Metrics, cell: &chart::TextCell, x0: f32, dy: f32) {
    let f = face(cell.bold);
    let lines = wrap(m, f, cell.size, cell.rect.w.max(1.0), &cell.text);
    let lh = cell.size * LINE;
    let total = lines.len() as f32 * lh;
    let top = if cell.bold {
        cell.rect.y + (cell.rect.h - total) / 2.0
    } else {
        cell.rect.y
    } + dy;
    for (i, l) in lines.into_iter().enumerate() {
        let w = m.width(f, cell.size, &l);
        let x = match cell.align {
            chart::Align::Center => cell.rect.x + (cell.rect.w - w) / 2.0,
            chart::Align::Left => cell.rect.x,
        } + x0;
        page.text(
            x,
            top + (i as f32 + 1.0) * lh - cell.size * 0.3,
            cell.size,
            f,
            l,
        );
    }
}

fn symbol(page: &mut Page, m: &Metrics, s: &chart::SymbolBox, x0: f32, dy: f32) {
    let r = chart::Rect {
        x: s.rect.x + x0,
        y: s.rect.y + dy,
        ..s.rect
    };
    let white = Some(Rgb(1.0, 1.0, 1.0));
    match s.shape {
        Shape::Process => page.items.push(Item::Rect {
            x: r.x,
            y: r.y,
            w: r.w,
            h: r.h,
            fill: white,
            stroke: Some(1.0),
        }),
        Shape::Decision => page.items.push(Item::Polygon {
            points: vec![
                (r.x + r.w / 2.0, r.y),
                (r.x + r.w, r.y + r.h / 2.0),
                (r.x + r.w / 2.0, r.y + r.h),
                (r.x, r.y + r.h / 2.0),
            ],
            fill: white,
            stroke: 1.0,
        }),
        Shape::Capsule => {
            let rad = r.h / 2.0;
            let mut pts = Vec::new();
            for (cx, from) in [(r.x + r.w - rad, -90.0f32), (r.x + rad, 90.0)] {
                for k in 0..=12 {
                    let a = (from + 180.0 * k as f32 / 12.0).to_radians();
                    pts.push((cx + rad * a.cos(), r.y + rad - rad * a.sin()));
                }
            }
            page.items.push(Item::Polygon {
                points: pts,
                fill: white,
                stroke: 1.0,
            });
        }
    }
    if let Some(label) = s.label {
        let size = (r.h * 0.42).min(9.0);
        let w = m.width(Face::Sans, size, label);
        page.text(
            r.x + (r.w - w) / 2.0,
            r.y + r.h / 2.0 + size * 0.35,
            size,
            Face::Sans,
            label,
        );
    }
}

fn polyline_arrow(page: &mut Page, pts: &[(f32, f32)]) {
    for w in pts.windows(2) {
        page.line(w[0], w[1], 0.9);
    }
    if let [.., p, q] = pts {
        let (dx, dy) = (q.0 - p.0, q.1 - p.1);
        let len = (dx * dx + dy * dy).sqrt().max(0.001);
        let (ux, uy) = (dx / len, dy / len);
        let head = 6.0;
        let base = (q.0 - ux * head, q.1 - uy * head);
        let side = (-uy * head * 0.45, ux * head * 0.45);
        page.items.push(Item::Polygon {
            points: vec![
                *q,
                (base.0 + side.0, base.1 + side.1),
                (base.0 - side.0, base.1 - side.1),
            ],
            fill: Some(BLACK),
            stroke: 0.5,
        });
    }
}

/// The SOP AP off-page connector: a pentagon pointing down, lettered.
fn connector(page: &mut Page, m: &Metrics, x: f32, top: f32, letter: char) {
    let (hw, h) = (9.0, 18.0);
    page.items.push(Item::Polygon {
        points: vec![
            (x - hw, top),
            (x + hw, top),
            (x + hw, top + h * 0.6),
            (x, top + h),
            (x - hw, top + h * 0.6),
        ],
        fill: Some(Rgb(1.0, 1.0, 1.0)),
        stroke: 1.0,
    });
    let s = letter.to_string();
    let w = m.width(Face::SansBold, 8.5, &s);
    page.text(x - w / 2.0, top + 9.5, 8.5, Face::SansBold, s);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_sop_splits_with_paired_connectors() {
        let m = Metrics::new();
        let sop = Sop::embedded();
        let (pages, split) = layout(&sop, Paper::A4, None, &m);
        assert_eq!(pages.len(), 1 + split.pages.len(), "identity on one page");
        // Every step on exactly one page, in order.
        let rows: Vec<usize> = split.pages.iter().flat_map(|r| r.clone()).collect();
        assert_eq!(rows, (0..sop.steps.len()).collect::<Vec<_>>());
        // Each connector letter appears once leaving and once entering.
        for (_, letter) in &split.connectors {
            let n: usize = pages
                .iter()
                .flat_map(|p| p.texts())
                .filter(|t| *t == letter.to_string())
                .count();
            assert_eq!(n, 2, "connector {letter}");
        }
        if split.pages.len() > 1 {
            assert!(!split.connectors.is_empty());
        }
        let identity: Vec<&str> = pages[0].texts().collect();
        assert!(
            identity
                .iter()
                .any(|t| t.contains("800/13/Satpol PP-BLG/2023"))
        );
        assert!(identity.contains(&"Dasar Hukum"));
    }

    #[test]
    fn long_made_up_sops_pair_connectors_and_stay_on_paper() {
        let m = Metrics::new();
        let (pw, ph) = Paper::A4.size();
        for seed in 0..20 {
            let sop = crate::chart::sample::made_up(seed, 30, 6);
            let (pages, split) = layout(&sop, Paper::A4, None, &m);
            assert!(split.pages.len() >= 2, "seed {seed}");
            let rows: usize = split.pages.iter().map(|r| r.len()).sum();
            assert_eq!(rows, sop.steps.len());
            let texts: Vec<&str> = pages[1..].iter().flat_map(|p| p.texts()).collect();
            for (_, letter) in &split.connectors {
                let l = letter.to_string();
                assert!(
                    texts.iter().filter(|t| **t == l).count() >= 2,
                    "seed {seed} {l}"
                );
            }
            for p in &pages {
                for it in &p.items {
                    if let Item::Line { from, to, .. } = it {
                        for (x, y) in [from, to] {
                            assert!(
                                (0.0..=pw).contains(x) && (0.0..=ph).contains(y),
                                "seed {seed}: ({x}, {y}) on {pw}×{ph}"
                            );
                        }
                    }
                }
            }
        }
    }

    /// Another office's SOP: six lanes, a review (a decision) at step 9 that returns to step 3
    /// on an earlier page, and the head's return to step 8.
    fn returns_across_pages() -> Sop {
        let text = crate::domain::sop::EMBEDDED_SOP
            .replacen(
                "[[langkah]]",
                "[[pelaksana]]\nid = \"inspektorat\"\nnama = \"INSPEKTORAT\"\n\n[[langkah]]",
                1,
            )
            .replace(
                "pelaksana = [\"sekretaris\"]\nsimbol = \"proses\"\nkelengkapan = \"Draft RKT\"\nwaktu = { jumlah = 1, satuan = \"minggu\" }",
                "pelaksana = [\"inspektorat\"]\nsimbol = \"keputusan\"\nkelengkapan = \"Draft RKT\"\nwaktu = { jumlah = 1, satuan = \"minggu\" }\nya = 10\ntidak = 3",
            );
        Sop::parse(&text).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn a_return_to_an_earlier_page_keeps_its_label_and_its_own_line() {
        let m = Metrics::new();
        let sop = returns_across_pages();
        let (pages, split) = layout(&sop, Paper::A4, None, &m);
        let page_of = |step| {
            let row = sop.steps.iter().position(|s| s.no == step).unwrap();
            1 + split.pages.iter().position(|r| r.contains(&row)).unwrap()
        };
        let (p9, p3) = (page_of(9), page_of(3));
        assert!(p3 < p9, "the return crosses pages");
        // Both decisions on the page say "Tidak" and "Ya", each once per diamond.
        let count = |p: usize, t: &str| pages[p].texts().filter(|x| *x == t).count();
        let decisions = [9, 10].iter().filter(|&&s| page_of(s) == p9).count();
        assert_eq!(count(p9, "Tidak"), decisions);
        assert_eq!(count(p9, "Ya"), decisions);
        // No two connectors on one edge of a page cover each other.
        for page in &pages {
            let tops: Vec<(f32, f32)> = page
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Polygon { points, .. } if points.len() == 5 => {
                        Some((points[3].0, points[0].1))
                    }
                    _ => None,
                })
                .collect();
            for (i, a) in tops.iter().enumerate() {
                for b in &tops[i + 1..] {
                    if (a.1 - b.1).abs() < 1.0 {
                        assert!((a.0 - b.0).abs() >= 18.0, "{tops:?}");
                    }
                }
            }
        }
    }
}
