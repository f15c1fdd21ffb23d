//! The rows of the reports' tables (Rencana Aksi, Laporan Capaian Kinerja, LKjIP Bab III), made
//! from a year's summary: plain cells, the figures written the Indonesian way.

use super::page::GROUP_FILL;
use super::rkt_doc::rupiah;
use super::table::{Cell, Row};
use crate::domain::action_plan::{parse_direction, split_codes};
use crate::domain::capaian::{Direction, Target, capaian};
use crate::domain::indo::decimal;
use crate::domain::measure::Measured;
use crate::domain::performance::{BudgetLine, EvidenceLine, IndikatorLine, Summary};
use crate::domain::quarter::Quarter;

/// What a cell with no figure says.
pub const NONE: &str = "–";

/// A percentage to two decimals at most: 87.456 → "87,46".
pub fn pct(p: f64) -> String {
    decimal((p * 100.0).round() / 100.0)
}

fn figure(v: Option<f64>) -> String {
    v.map_or(NONE.to_string(), decimal)
}

/// A capaian as its cell says it.
pub fn measured(m: &Measured) -> String {
    match m {
        Measured::Capaian { percent, .. } => pct(*percent),
        Measured::NotReported => NONE.into(),
        Measured::NoTarget => "tanpa target".into(),
        Measured::Unmeasurable(_) => "tak terhitung".into(),
    }
}

fn category(m: &Measured) -> String {
    match m {
        Measured::Capaian { category, .. } => category.clone(),
        _ => NONE.into(),
    }
}

/// The realisation of quarter `i` as reported (text that is not a number says so).
fn reported(l: &IndikatorLine, i: usize) -> String {
    match (&l.realisasi[i], &l.unreadable[i]) {
        (Some(v), _) => decimal(*v),
        (None, Some(_)) => "tidak terbaca".into(),
        (None, None) => NONE.into(),
    }
}

/// The quarter's capaian (`i` from 0), or "–" when the row's plan does not read.
fn quarter_measured(l: &IndikatorLine, i: usize) -> Measured {
    l.reached
        .as_ref()
        .map_or(Measured::NotReported, |r| r.quarters[i].clone())
}

fn year_measured(l: &IndikatorLine) -> Measured {
    l.reached
        .as_ref()
        .map_or(Measured::NotReported, |r| r.year.clone())
}

fn year_realisation(l: &IndikatorLine) -> Option<f64> {
    l.reached.as_ref().and_then(|r| r.year_realisation)
}

/// One row per indikator under its sasaran (the sasaran in the order they first come, the
/// indikator of each in theirs): the number and sasaran written once for the group (merged as
/// on the paper form), then `rest`.
fn by_sasaran(lines: &[IndikatorLine], rest: impl Fn(&IndikatorLine) -> Vec<Cell>) -> Vec<Row> {
    let mut order: Vec<&str> = Vec::new();
    for l in lines {
        if !order.contains(&l.sasaran.trim()) {
            order.push(l.sasaran.trim());
        }
    }
    let mut sorted: Vec<&IndikatorLine> = lines.iter().collect();
    sorted.sort_by_key(|l| order.iter().position(|s| *s == l.sasaran.trim()));
    let mut last: Option<&str> = None;
    let mut no = 0;
    sorted
        .into_iter()
        .map(|l| {
            let first = last != Some(l.sasaran.trim());
            if first {
                no += 1;
                last = Some(l.sasaran.trim());
            }
            let mut cells = vec![
                Cell::plain(if first { no.to_string() } else { String::new() }),
                Cell::plain(if first { l.sasaran.trim() } else { "" }),
            ];
            cells.extend(rest(l));
            Row {
                cells,
                continues: if first { 0 } else { 2 },
                ..Default::default()
            }
        })
        .collect()
}

/// Rencana Aksi: indikator, satuan, year target, arah, sifat, TW I–IV, unit, sub kegiatan,
/// the action.
pub fn plan_rows(s: &Summary) -> Vec<Row> {
    by_sasaran(&s.indikator, |l| {
        let mut c = vec![
            Cell::plain(l.indikator.trim()),
            Cell::plain(l.satuan.trim()),
            Cell::plain(l.year_target.trim()),
            Cell::plain(l.arah.trim()),
            Cell::plain(l.sifat.trim()),
        ];
        c.extend(l.targets.iter().map(|t| Cell::plain(t.trim())));
        c.push(Cell::plain(l.unit.trim()));
        c.push(Cell::plain(split_codes(&l.sub_kegiatan).join("\n")));
        c.push(Cell::plain(l.aksi.trim()));
        c
    })
}

/// Laporan Capaian Kinerja of quarter `q`: the quarter's target, realisation, capaian and
/// category; the year so far against the year's target; the unit, kendala, tindak lanjut.
pub fn capaian_rows(s: &Summary, q: Quarter) -> Vec<Row> {
    let i = q.number() as usize - 1;
    by_sasaran(&s.indikator, |l| {
        let m = quarter_measured(l, i);
        vec![
            Cell::plain(l.indikator.trim()),
            Cell::plain(l.satuan.trim()),
            Cell::plain(l.targets[i].trim()),
            Cell::plain(reported(l, i)),
            Cell::plain(measured(&m)),
            Cell::plain(category(&m)),
            Cell::plain(l.year_target.trim()),
            Cell::plain(figure(year_realisation(l))),
            Cell::plain(measured(&year_measured(l))),
            Cell::plain(l.unit.trim()),
            Cell::plain(l.kendala[i].trim()),
            Cell::plain(l.tindak_lanjut[i].trim()),
        ]
    })
}

/// LKjIP Tabel 3.1: the year's target, realisation, capaian and category per indikator.
pub fn lkjip_year_rows(s: &Summary) -> Vec<Row> {
    by_sasaran(&s.indikator, |l| {
        let m = year_measured(l);
        vec![
            Cell::plain(l.indikator.trim()),
            Cell::plain(l.satuan.trim()),
            Cell::plain(l.year_target.trim()),
            Cell::plain(figure(year_realisation(l))),
            Cell::plain(measured(&m)),
            Cell::plain(category(&m)),
            Cell::plain(l.unit.trim()),
        ]
    })
}

/// LKjIP Tabel 3.2: this year's realisation beside last year's.
pub fn lkjip_last_year_rows(s: &Summary) -> Vec<Row> {
    numbered(&s.indikator, |l| {
        let now = year_realisation(l);
        let change = match (l.last_year, now) {
            (Some(a), Some(b)) => {
                let d = b - a;
                format!("{}{}", if d > 0.0 { "+" } else { "" }, decimal(d))
            }
            _ => NONE.into(),
        };
        vec![
            Cell::plain(l.indikator.trim()),
            Cell::plain(l.satuan.trim()),
            Cell::plain(figure(l.last_year)),
            Cell::plain(figure(now)),
            Cell::plain(change),
        ]
    })
}

/// The capaian of the year's realisation against the Renstra's end-of-period target.
pub fn renstra_capaian(l: &IndikatorLine) -> Option<f64> {
    let (_, target) = l.renstra_end.as_ref()?;
    let direction = parse_direction(&l.arah).unwrap_or(Direction::Higher);
    capaian(Target::parse(target).ok()?, year_realisation(l)?, direction).ok()
}

/// LKjIP Tabel 3.3: the year's realisation against the Renstra's end-of-period target.
pub fn lkjip_renstra_rows(s: &Summary) -> Vec<Row> {
    numbered(&s.indikator, |l| {
        let (year, target) = match &l.renstra_end {
            Some((y, t)) => (y.to_string(), t.trim().to_string()),
            None => (NONE.into(), NONE.into()),
        };
        vec![
            Cell::plain(l.indikator.trim()),
            Cell::plain(l.satuan.trim()),
            Cell::plain(figure(year_realisation(l))),
            Cell::plain(target),
            Cell::plain(year),
            Cell::plain(renstra_capaian(l).map_or(NONE.into(), pct)),
        ]
    })
}

/// LKjIP Tabel 3.4: how many indikator fall in each band, with the band's range.
pub fn category_rows(s: &Summary) -> Vec<Row> {
    let legend = s.scale.legend();
    let mut rows: Vec<Row> = s
        .categories
        .iter()
        .zip(&legend)
        .map(|((label, n), line)| {
            let range = line.split_once(':').map_or(line.as_str(), |(r, _)| r);
            Row {
                cells: vec![
                    Cell::plain(label.as_str()),
                    Cell::plain(range),
                    Cell::plain(n.to_string()),
                ],
                ..Default::default()
            }
        })
        .collect();
    let counted: usize = s.categories.iter().map(|(_, n)| n).sum();
    let others = s.indikator.len().saturating_sub(counted);
    if others > 0 {
        rows.push(Row {
            cells: vec![
                Cell::plain("Belum terukur"),
                Cell::plain(NONE),
                Cell::plain(others.to_string()),
            ],
            ..Default::default()
        });
    }
    rows.push(Row {
        cells: vec![
            Cell::bold("JUMLAH"),
            Cell::plain(""),
            Cell::bold(s.indikator.len().to_string()),
        ],
        fill: Some(GROUP_FILL),
        ..Default::default()
    });
    rows
}

fn numbered(lines: &[IndikatorLine], rest: impl Fn(&IndikatorLine) -> Vec<Cell>) -> Vec<Row> {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut cells = vec![Cell::plain((i + 1).to_string())];
            cells.extend(rest(l));
            Row {
                cells,
                ..Default::default()
            }
        })
        .collect()
}

fn budget_cells(b: &BudgetLine, bold: bool) -> [Cell; 3] {
    let c = |t: String| if bold { Cell::bold(t) } else { Cell::plain(t) };
    [
        c(rupiah(b.pagu)),
        c(rupiah(b.realised)),
        c(b.serapan.map_or(NONE.into(), pct)),
    ]
}

fn total_row(total: &BudgetLine, lead: usize) -> Row {
    let mut cells: Vec<Cell> = (0..lead).map(|_| Cell::plain("")).collect();
    cells.push(Cell::bold("JUMLAH"));
    cells.extend(budget_cells(total, true));
    Row {
        cells,
        fill: Some(GROUP_FILL),
        ..Default::default()
    }
}

/// Budget per program: code, name, pagu, realisation, serapan; then the total.
pub fn program_rows(s: &Summary) -> Vec<Row> {
    budget_rows(&s.programs, &s.total, true)
}

/// Budget per unit: name, pagu, realisation, serapan; then the total.
pub fn unit_rows(s: &Summary) -> Vec<Row> {
    budget_rows(&s.units, &s.total, false)
}

/// Numbered budget lines (with their code when `coded`), then the total.
fn budget_rows(lines: &[BudgetLine], total: &BudgetLine, coded: bool) -> Vec<Row> {
    let mut rows: Vec<Row> = lines
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let mut cells = vec![Cell::plain((i + 1).to_string())];
            if coded {
                cells.push(Cell::plain(b.code.as_str()));
            }
            cells.push(Cell::plain(b.name.as_str()));
            cells.extend(budget_cells(b, false));
            Row {
                cells,
                ..Default::default()
            }
        })
        .collect();
    rows.push(total_row(total, if coded { 2 } else { 1 }));
    rows
}

/// The evidence: quarter, unit, indikator, file, size, and its SHA-256 in full.
pub fn evidence_rows(evidence: &[EvidenceLine]) -> Vec<Row> {
    evidence
        .iter()
        .enumerate()
        .map(|(i, e)| Row {
            cells: vec![
                Cell::plain((i + 1).to_string()),
                Cell::plain(e.quarter.short()),
                Cell::plain(e.unit.as_str()),
                Cell::plain(e.indikator.as_str()),
                Cell::plain(e.name.as_str()),
                Cell::plain(crate::domain::evidence::size_words(e.size)),
                Cell::plain(e.sha256.as_str()),
            ],
            ..Default::default()
        })
        .collect()
}

/// The series of the capaian chart: each indikator's capaian per quarter up to `upto`; an
/// indikator with no figure yet takes no room (nor a chart of its own when ten have none).
pub fn capaian_series(s: &Summary) -> Vec<crate::chart::bars::CapaianLine> {
    s.indikator
        .iter()
        .map(|l| {
            let q = Quarter::ALL.map(|q| {
                (q <= s.upto)
                    .then(|| quarter_measured(l, q.number() as usize - 1).percent())
                    .flatten()
            });
            (l.indikator.trim().to_string(), q)
        })
        .filter(|(_, q)| q.iter().any(Option::is_some))
        .collect()
}

/// The series of the serapan chart: each unit's serapan so far.
pub fn serapan_series(s: &Summary) -> Vec<(String, Option<f64>)> {
    s.units
        .iter()
        .map(|u| (u.name.clone(), u.serapan))
        .collect()
}
