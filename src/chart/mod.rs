//! The SOP AP flowchart table, as geometry: columns, header, rows, symbols, arrows, labels.
//!
//! Computed from the SOP, a page width and a text measurer; nothing here knows egui or PDF.
//! The window and (later) the PDF only paint what `layout` returns, so both show the same
//! chart. Units are points; y grows downwards.

pub mod bars;
mod geom;
mod route;
#[doc(hidden)]
pub mod sample;
#[cfg(test)]
mod tests;

pub use geom::{Pt, Rect, Segment};

use crate::domain::sop::{Sop, StepNo, Symbol};

/// Measures wrapped text: the height of `text` set at `size` in a box `width` wide.
pub trait Measure {
    fn height(&self, text: &str, width: f32, size: f32, bold: bool) -> f32;
    /// The width of `text` on one line.
    fn width(&self, text: &str, size: f32, bold: bool) -> f32;
}

/// A rough measurer for tests and benchmarks: average glyph width of a sans face.
pub struct ApproxMeasure;

impl Measure for ApproxMeasure {
    fn height(&self, text: &str, width: f32, size: f32, _bold: bool) -> f32 {
        let per_line = ((width / (size * 0.55)).floor() as usize).max(1);
        let mut lines = 0;
        for para in text.split('\n') {
            let (mut used, mut n) = (0usize, 1usize);
            for word in para.split_whitespace() {
                let mut w = word.chars().count();
                let need = if used == 0 { w } else { used + 1 + w };
                if need <= per_line {
                    used = need;
                    continue;
                }
                if used > 0 {
                    n += 1;
                }
                while w > per_line {
                    n += 1;
                    w -= per_line;
                }
                used = w;
            }
            lines += n;
        }
        lines as f32 * size * 1.25
    }

    fn width(&self, text: &str, size: f32, _bold: bool) -> f32 {
        text.chars().count() as f32 * size * 0.55
    }
}

/// Sizes of the chart, scaled together by the zoom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub font: f32,
    pub header_font: f32,
    pub pad: f32,
    /// Distance between parallel arrows.
    pub track: f32,
    pub symbol_h: f32,
    pub decision_h: f32,
    pub max_symbol_w: f32,
    pub min_lane_w: f32,
}

impl Style {
    pub fn scaled(zoom: f32) -> Style {
        let z = zoom;
        Style {
            font: 10.0 * z,
            header_font: 9.5 * z,
            pad: 5.0 * z,
            track: 7.0 * z,
            symbol_h: 24.0 * z,
            decision_h: 38.0 * z,
            max_symbol_w: 86.0 * z,
            min_lane_w: 64.0 * z,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    No,
    Text,
    Lane(usize),
    Equipment,
    Duration,
    Output,
    Remark,
    /// Not in the SOP document: the live state of each step, on screen only.
    Status,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub kind: ColumnKind,
    pub x: f32,
    pub w: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TextCell {
    pub rect: Rect,
    pub text: String,
    pub size: f32,
    pub bold: bool,
    pub align: Align,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Start and end: a capsule with "Mulai"/"Selesai".
    Capsule,
    Process,
    Decision,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SymbolBox {
    pub step: StepNo,
    pub lane: usize,
    pub rect: Rect,
    pub shape: Shape,
    pub label: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrowKind {
    Next,
    Yes,
    No,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    pub from: StepNo,
    pub to: StepNo,
    pub kind: ArrowKind,
    /// An orthogonal polyline; the head is at the last point.
    pub points: Vec<Pt>,
    /// "Ya"/"Tidak" and where its text starts (top-left).
    pub label: Option<(&'static str, Pt)>,
}

impl Arrow {
    pub fn segments(&self) -> impl Iterator<Item = Segment> + '_ {
        self.points.windows(2).map(|w| Segment::new(w[0], w[1]))
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    pub step: StepNo,
    pub y: f32,
    pub h: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub width: f32,
    pub height: f32,
    pub header_h: f32,
    pub columns: Vec<Column>,
    pub header: Vec<TextCell>,
    pub rows: Vec<Row>,
    pub cells: Vec<TextCell>,
    /// Table rules (horizontal and vertical lines).
    pub rules: Vec<Segment>,
    pub symbols: Vec<SymbolBox>,
    /// Lines joining the symbols of a step done in more than one lane.
    pub joins: Vec<Segment>,
    pub arrows: Vec<Arrow>,
    pub style: Style,
}

impl Chart {
    pub fn lane_column(&self, lane: usize) -> Option<&Column> {
        self.columns
            .iter()
            .find(|c| c.kind == ColumnKind::Lane(lane))
    }

    /// The step whose row contains `p` (for clicks).
    pub fn step_at(&self, p: Pt) -> Option<StepNo> {
        self.rows
            .iter()
            .find(|r| p.y >= r.y && p.y < r.y + r.h && p.x >= 0.0 && p.x <= self.width)
            .map(|r| r.step)
    }
}

/// Header texts of the SOP AP table.
pub mod text {
    pub const NO: &str = "No";
    pub const TEXT: &str = "Uraian Prosedur";
    pub const LANES: &str = "Pelaksana";
    pub const MUTU_BAKU: &str = "Mutu Baku";
    pub const EQUIPMENT: &str = "Kelengkapan dan Peralatan";
    pub const DURATION: &str = "Waktu";
    pub const OUTPUT: &str = "Output";
    pub const REMARK: &str = "Keterangan";
    pub const STATUS: &str = "Status Tahun Ini";
    pub const START: &str = "Mulai";
    pub const END: &str = "Selesai";
    pub const YES: &str = "Ya";
    pub const NO_EXIT: &str = "Tidak";
}

/// Lays out the whole chart for a page `page_width` points wide. With `status` (one text per
/// step) a last column shows the live state of each step.
pub fn layout(
    sop: &Sop,
    page_width: f32,
    style: Style,
    measure: &dyn Measure,
    status: Option<&[String]>,
) -> Chart {
    let lanes = sop.lanes.len().max(1);
    let plan = route::plan(sop);

    // Columns: fixed shares of the page; lanes never narrower than the style allows, and wide
    // enough for the arrow tracks in the outer lanes.
    let no_w = 30.0 * style.font / 10.0;
    let status_w = if status.is_some() {
        150.0 * style.font / 10.0
    } else {
        0.0
    };
    let rest = (page_width - no_w - status_w).max(100.0);
    let mut lane_w = (rest * 0.46 / lanes as f32).max(style.min_lane_w);
    let gutter_need = |tracks: usize| (tracks as f32 + 1.0) * style.track;
    let gutter = gutter_need(plan.left_tracks)
        .max(gutter_need(plan.right_tracks))
        .max(style.track * 1.5);
    let min_symbol_w = 26.0 * style.font / 10.0;
    lane_w = lane_w.max(min_symbol_w + 2.0 * gutter);
    let symbol_w = (lane_w - 2.0 * gutter).min(style.max_symbol_w);
    // The strip of each lane beside its symbols, where the gutters' runs go.
    let strip = (lane_w - symbol_w) / 2.0;
    // A decision in the last lane leaves sideways straight into the right gutter: that lane is
    // made wider on its right (its symbols stay where the others' are) so that "Tidak" stands
    // between the side vertex and the run, on the side the path leaves.
    let no_room = measure.width(text::NO_EXIT, style.font, true) + 4.0;
    let last_lane = lanes - 1;
    let extra = if sop
        .steps
        .iter()
        .any(|s| s.symbol == Symbol::Decision && s.lanes.last() == Some(&last_lane))
    {
        // The runs hug the symbols (`strip`): the innermost one is a track past the vertex.
        (no_room - style.track).max(0.0)
    } else {
        0.0
    };
    let lanes_w = lane_w * lanes as f32 + extra;
    let other = (rest - lanes_w).max(rest * 0.3);
    let shares = [
        (ColumnKind::Text, 0.37),
        (ColumnKind::Equipment, 0.20),
        (ColumnKind::Duration, 0.12),
        (ColumnKind::Output, 0.18),
        (ColumnKind::Remark, 0.13),
    ];
    let mut columns = Vec::new();
    let mut x = 0.0;
    let mut push = |kind, w: f32, columns: &mut Vec<Column>| {
        columns.push(Column { kind, x, w });
        x += w;
    };
    push(ColumnKind::No, no_w, &mut columns);
    push(ColumnKind::Text, other * shares[0].1, &mut columns);
    for lane in 0..lanes {
        let w = if lane == last_lane {
            lane_w + extra
        } else {
            lane_w
        };
        push(ColumnKind::Lane(lane), w, &mut columns);
    }
    for (kind, share) in &shares[1..] {
        push(*kind, other * share, &mut columns);
    }
    if status.is_some() {
        push(ColumnKind::Status, status_w, &mut columns);
    }
    let width = x;
    let col = |kind: ColumnKind| *columns.iter().find(|c| c.kind == kind).expect("column");

    // Header: two rows, the seed's layout.
    let pad = style.pad;
    let hf = style.header_font;
    let cell_h = |text: &str, w: f32, size: f32, bold: bool| {
        measure.height(text, (w - 2.0 * pad).max(1.0), size, bold) + 2.0 * pad
    };
    let mut lower_h = cell_h(text::DURATION, col(ColumnKind::Duration).w, hf, true);
    // A lane title is set smaller rather than broken inside a word ("PERENCANA AN").
    let lane_font: Vec<f32> = sop
        .lanes
        .iter()
        .enumerate()
        .map(|(i, lane)| {
            words_fit(
                measure,
                &lane.name,
                col(ColumnKind::Lane(i)).w - 2.0 * pad,
                hf,
            )
        })
        .collect();
    for (i, lane) in sop.lanes.iter().enumerate() {
        lower_h = lower_h.max(cell_h(
            &lane.name,
            col(ColumnKind::Lane(i)).w,
            lane_font[i],
            true,
        ));
    }
    for kind in [ColumnKind::Equipment, ColumnKind::Output] {
        let t = if kind == ColumnKind::Equipment {
            text::EQUIPMENT
        } else {
            text::OUTPUT
        };
        lower_h = lower_h.max(cell_h(t, col(kind).w, hf, true));
    }
    let upper_h = cell_h(text::LANES, lanes_w, hf, true);
    let header_h = upper_h + lower_h;
    let mut header = Vec::new();
    let hcell = |x: f32, y: f32, w: f32, h: f32, t: &str| TextCell {
        rect: Rect::new(x, y, w, h),
        text: t.to_string(),
        size: hf,
        bold: true,
        align: Align::Center,
    };
    let lanes_x = col(ColumnKind::Lane(0)).x;
    let mutu_x = col(ColumnKind::Equipment).x;
    let mutu_w = col(ColumnKind::Remark).x - mutu_x;
    let mut spanning = vec![
        (ColumnKind::No, text::NO),
        (ColumnKind::Text, text::TEXT),
        (ColumnKind::Remark, text::REMARK),
    ];
    if status.is_some() {
        spanning.push((ColumnKind::Status, text::STATUS));
    }
    for (kind, t) in spanning {
        let c = col(kind);
        header.push(hcell(c.x, 0.0, c.w, header_h, t));
    }
    header.push(hcell(lanes_x, 0.0, lanes_w, upper_h, text::LANES));
    header.push(hcell(mutu_x, 0.0, mutu_w, upper_h, text::MUTU_BAKU));
    for (i, lane) in sop.lanes.iter().enumerate() {
        let c = col(ColumnKind::Lane(i));
        header.push(TextCell {
            size: lane_font[i],
            ..hcell(c.x, upper_h, c.w, lower_h, &lane.name)
        });
    }
    for (kind, t) in [
        (ColumnKind::Equipment, text::EQUIPMENT),
        (ColumnKind::Duration, text::DURATION),
        (ColumnKind::Output, text::OUTPUT),
    ] {
        let c = col(kind);
        header.push(hcell(c.x, upper_h, c.w, lower_h, t));
    }

    // Rows: tall enough for their texts, their symbol, and the arrows that pass between rows.
    let f = style.font;
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    let mut y = header_h;
    for (i, step) in sop.steps.iter().enumerate() {
        let sh = if step.symbol == Symbol::Decision {
            style.decision_h
        } else {
            style.symbol_h
        };
        let mut texts = vec![
            (ColumnKind::No, step.no.to_string(), Align::Center),
            (ColumnKind::Text, step.text.clone(), Align::Left),
            (ColumnKind::Equipment, step.equipment.clone(), Align::Left),
            (
                ColumnKind::Duration,
                step.duration.to_string(),
                Align::Center,
            ),
            (ColumnKind::Output, step.output.clone(), Align::Left),
            (ColumnKind::Remark, step.remark.clone(), Align::Left),
        ];
        if let Some(status) = status {
            let t = status.get(i).cloned().unwrap_or_default();
            texts.push((ColumnKind::Status, t, Align::Left));
        }
        let text_h = texts
            .iter()
            .map(|(k, t, _)| cell_h(t, col(*k).w, f, false))
            .fold(0.0, f32::max);
        // Space above and below the symbol for the arrow slots of the gaps around the row.
        let above = plan.gap_slots(i) as f32 * style.track + style.track * 1.5;
        let below = plan.gap_slots(i + 1) as f32 * style.track + style.track * 1.5;
        let h = text_h.max(sh + 2.0 * above.max(below));
        rows.push(Row {
            step: step.no,
            y,
            h,
        });
        for (kind, t, align) in texts {
            let c = col(kind);
            cells.push(TextCell {
                rect: Rect::new(c.x + pad, y + pad, c.w - 2.0 * pad, h - 2.0 * pad),
                text: t,
                size: f,
                bold: false,
                align,
            });
        }
        y += h;
    }
    let height = y;

    // Table rules.
    let mut rules = vec![
        Segment::new(Pt::new(0.0, 0.0), Pt::new(width, 0.0)),
        Segment::new(
            Pt::new(lanes_x, upper_h),
            Pt::new(lanes_x + lanes_w, upper_h),
        ),
        Segment::new(Pt::new(mutu_x, upper_h), Pt::new(mutu_x + mutu_w, upper_h)),
    ];
    for r in &rows {
        rules.push(Segment::new(Pt::new(0.0, r.y), Pt::new(width, r.y)));
    }
    rules.push(Segment::new(Pt::new(0.0, height), Pt::new(width, height)));
    for c in &columns {
        let top = match c.kind {
            ColumnKind::Lane(i) if i > 0 => upper_h,
            ColumnKind::Duration | ColumnKind::Output => upper_h,
            ColumnKind::Status => 0.0,
            _ => 0.0,
        };
        rules.push(Segment::new(Pt::new(c.x, top), Pt::new(c.x, height)));
    }
    rules.push(Segment::new(Pt::new(width, 0.0), Pt::new(width, height)));

    // Symbols, centred in their lanes and rows.
    let mut symbols = Vec::new();
    let mut joins = Vec::new();
    for (step, row) in sop.steps.iter().zip(&rows) {
        let (shape, label, sh) = match step.symbol {
            Symbol::Start => (Shape::Capsule, Some(text::START), style.symbol_h),
            Symbol::End => (Shape::Capsule, Some(text::END), style.symbol_h),
            Symbol::Process => (Shape::Process, None, style.symbol_h),
            Symbol::Decision => (Shape::Decision, None, style.decision_h),
        };
        let cy = row.y + row.h / 2.0;
        let mut centres = Vec::new();
        for &lane in &step.lanes {
            // Centred in the lane's own width (the last lane's room for "Tidak" is beside it).
            let cx = col(ColumnKind::Lane(lane)).x + lane_w / 2.0;
            centres.push(cx);
            symbols.push(SymbolBox {
                step: step.no,
                lane,
                rect: Rect::new(cx - symbol_w / 2.0, cy - sh / 2.0, symbol_w, sh),
                shape,
                label,
            });
        }
        for w in centres.windows(2) {
            joins.push(Segment::new(
                Pt::new(w[0] + symbol_w / 2.0, cy),
                Pt::new(w[1] - symbol_w / 2.0, cy),
            ));
        }
    }

    let lanes_at = route::Lanes {
        left: lanes_x,
        right: lanes_x + lanes_w,
        w: lane_w,
        strip,
    };
    let arrows = route::route(&plan, sop, &rows, &symbols, lanes_at, style, measure);

    Chart {
        width,
        height,
        header_h,
        columns,
        header,
        rows,
        cells,
        rules,
        symbols,
        joins,
        arrows,
        style,
    }
}

/// The largest size up to `size` at which every word of `text` fits `width` whole (a word may
/// still break after a slash, as "KABID/KASUBAG/JF" does), down to 60 % of `size`: below that
/// a word is broken rather than made unreadable.
fn words_fit(measure: &dyn Measure, text: &str, width: f32, size: f32) -> f32 {
    let widest = text
        .split_whitespace()
        .flat_map(|w| w.split_inclusive('/'))
        .map(|w| measure.width(w, size, true))
        .fold(0.0, f32::max);
    if widest <= width || widest <= 0.0 {
        size
    } else {
        (size * width / widest).max(size * 0.6)
    }
}
