//! Bar charts of a year's performance as plain geometry: capaian per indikator by quarter
//! (grouped bars TW I–IV with the 100 % line) and serapan anggaran per unit (horizontal bars).
//! Rectangles, lines and texts in a box `w` × `h` (origin top left, y down, units of the
//! caller: points in the PDF, pixels in the window), so the reports and the window draw the
//! same chart. No egui, no PDF here.

/// An indikator's name and its capaian (%) in TW I–IV (`None`: no figure).
pub type CapaianLine = (String, [Option<f64>; 4]);

/// A colour as red, green, blue.
pub type Rgb = (u8, u8, u8);

/// The size texts are set at, in the box's units.
pub const TEXT_SIZE: f32 = 7.0;

/// Capaian above this is drawn at this height (its label still says the real figure).
pub const CAPAIAN_MAX: f64 = 150.0;
/// Serapan above this is drawn at this length.
pub const SERAPAN_MAX: f64 = 100.0;

/// What an empty chart says.
pub const NO_DATA: &str = "Belum ada data";

/// The colours of TW I–IV.
pub const QUARTER_COLOURS: [Rgb; 4] = [
    (31, 119, 180),
    (255, 127, 14),
    (44, 160, 44),
    (148, 103, 189),
];
pub const SERAPAN_COLOUR: Rgb = (31, 119, 180);
/// The 100 % line: the target.
pub const TARGET_COLOUR: Rgb = (214, 39, 40);
pub const AXIS_COLOUR: Rgb = (90, 90, 90);
pub const GRID_COLOUR: Rgb = (215, 215, 215);
pub const TEXT_COLOUR: Rgb = (0, 0, 0);

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BarRect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub fill: Rgb,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BarLine {
    pub from: (f32, f32),
    pub to: (f32, f32),
    pub width: f32,
    pub color: Rgb,
}

/// Where a text stands against its point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The text starts at `x`.
    Start,
    /// The text is centred on `x`.
    Middle,
    /// The text ends at `x`.
    End,
}

/// A line of text; `y` is its vertical middle.
#[derive(Debug, Clone, PartialEq)]
pub struct BarText {
    pub x: f32,
    pub y: f32,
    pub text: String,
    pub size: f32,
    pub anchor: Anchor,
    pub color: Rgb,
}

/// A chart ready to paint: fills first, then lines, then texts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Chart {
    pub width: f32,
    pub height: f32,
    pub rects: Vec<BarRect>,
    pub lines: Vec<BarLine>,
    pub texts: Vec<BarText>,
}

impl Chart {
    fn new(w: f32, h: f32) -> Chart {
        Chart {
            width: w,
            height: h,
            ..Default::default()
        }
    }

    fn text(&mut self, x: f32, y: f32, text: impl Into<String>, anchor: Anchor) {
        self.texts.push(BarText {
            x,
            y,
            text: text.into(),
            size: TEXT_SIZE,
            anchor,
            color: TEXT_COLOUR,
        });
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, color: Rgb) {
        self.lines.push(BarLine {
            from,
            to,
            width,
            color,
        });
    }

    /// "Belum ada data" in the middle of the box.
    fn empty(w: f32, h: f32) -> Chart {
        let mut c = Chart::new(w, h);
        c.text(w / 2.0, h / 2.0, NO_DATA, Anchor::Middle);
        c
    }

    /// Is this the chart of nothing?
    pub fn is_empty(&self) -> bool {
        self.rects.is_empty() && self.texts.iter().any(|t| t.text == NO_DATA)
    }
}

/// A percentage as a label: one decimal at most, decimal comma ("87,5 %").
pub fn percent_label(v: f64) -> String {
    format!(
        "{} %",
        crate::domain::indo::decimal((v * 10.0).round() / 10.0)
    )
}

/// How many characters fit in `width` at the text size (an average glyph of a sans face is a
/// little over half the size wide).
fn chars_in(width: f32) -> usize {
    ((width / (TEXT_SIZE * 0.56)).floor() as usize).max(2)
}

/// `text` on at most two lines of `width`, broken between words, the rest cut with "…".
fn two_lines(text: &str, width: f32) -> Vec<String> {
    let max = chars_in(width);
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut first = String::new();
    let mut used = 0;
    for word in &words {
        let len = first.chars().count() + usize::from(!first.is_empty()) + word.chars().count();
        if len > max {
            break;
        }
        if !first.is_empty() {
            first.push(' ');
        }
        first.push_str(word);
        used += 1;
    }
    if used == 0 {
        return vec![fitted(text, width)];
    }
    let rest = words[used..].join(" ");
    if rest.is_empty() {
        vec![first]
    } else {
        vec![first, fitted(&rest, width)]
    }
}

/// `text` cut to about `width`, with "…" where it was cut.
fn fitted(text: &str, width: f32) -> String {
    let max = chars_in(width);
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Capaian (%) per indikator by quarter: a group of bars per indikator (TW I up to the last
/// quarter any indikator has a figure for; quarters without a figure left out), a grid every
/// 50 %, the 100 % line, each bar labelled with its figure (a bar above `CAPAIAN_MAX` stops
/// there, its label says the real figure), the indikator's name under its group on two lines
/// at most, and the quarters' legend on top.
pub fn capaian_bars(lines: &[CapaianLine], w: f32, h: f32) -> Chart {
    if lines.iter().all(|(_, q)| q.iter().all(Option::is_none)) {
        return Chart::empty(w, h);
    }
    let mut c = Chart::new(w, h);
    let lh = TEXT_SIZE * 1.4;
    let (axis_w, top, bottom) = (34.0, 2.0 * lh + 2.0, 2.6 * lh);
    // The quarters shown: up to the last with a figure.
    let slots = lines
        .iter()
        .filter_map(|(_, q)| q.iter().rposition(Option::is_some))
        .max()
        .map_or(1, |i| i + 1);
    let (x0, x1) = (axis_w, w - 4.0);
    let (y0, y1) = (top, h - bottom);
    let plot_h = (y1 - y0).max(1.0);
    let y_of = |v: f64| y1 - (v.clamp(0.0, CAPAIAN_MAX) / CAPAIAN_MAX) as f32 * plot_h;
    // The legend: a square and the quarter's name, side by side.
    let mut lx = x0;
    for (i, colour) in QUARTER_COLOURS.iter().enumerate().take(slots) {
        c.rects.push(BarRect {
            x: lx,
            y: lh / 2.0 - 3.0,
            w: 6.0,
            h: 6.0,
            fill: *colour,
        });
        c.text(
            lx + 9.0,
            lh / 2.0,
            ["TW I", "TW II", "TW III", "TW IV"][i],
            Anchor::Start,
        );
        lx += 42.0;
    }
    c.line(
        (lx + 4.0, lh / 2.0),
        (lx + 22.0, lh / 2.0),
        1.2,
        TARGET_COLOUR,
    );
    c.text(lx + 26.0, lh / 2.0, "target (100 %)", Anchor::Start);
    for tick in [0.0, 50.0, 100.0, 150.0] {
        let y = y_of(tick);
        if tick > 0.0 && tick != 100.0 {
            c.line((x0, y), (x1, y), 0.4, GRID_COLOUR);
        }
        c.text(x0 - 3.0, y, percent_label(tick), Anchor::End);
    }
    c.line((x0, y0), (x0, y1), 0.6, AXIS_COLOUR);
    c.line((x0, y1), (x1, y1), 0.6, AXIS_COLOUR);
    let group = (x1 - x0) / lines.len() as f32;
    // Bars no wider than an eighth of the box, however few the indikator.
    let bar = (group * 0.8 / slots as f32).min((x1 - x0) / 8.0);
    for (g, (name, quarters)) in lines.iter().enumerate() {
        let gx = x0 + (g as f32 + 0.5) * group - bar * slots as f32 / 2.0;
        for (q, v) in quarters.iter().enumerate() {
            let Some(v) = *v else { continue };
            let x = gx + q as f32 * bar;
            let y = y_of(v);
            c.rects.push(BarRect {
                x: x + bar * 0.05,
                y,
                w: bar * 0.9,
                h: y1 - y,
                fill: QUARTER_COLOURS[q],
            });
            let label = crate::domain::indo::decimal(v.round());
            c.text(x + bar / 2.0, y - TEXT_SIZE * 0.7, label, Anchor::Middle);
        }
        let mid = x0 + (g as f32 + 0.5) * group;
        for (k, line) in two_lines(name, group - 6.0).into_iter().enumerate() {
            c.text(mid, y1 + lh * (0.7 + k as f32), line, Anchor::Middle);
        }
    }
    // The target line over the bars, so it is seen across them.
    let y = y_of(100.0);
    c.line((x0, y), (x1, y), 1.2, TARGET_COLOUR);
    c
}

/// Serapan anggaran (%) per unit: one horizontal bar per unit, its name at the left and its
/// figure at the bar's end (a unit without a pagu says so); grid at 25 % steps to
/// `SERAPAN_MAX`.
pub fn serapan_bars(units: &[(String, Option<f64>)], w: f32, h: f32) -> Chart {
    if units.iter().all(|(_, v)| v.is_none()) {
        return Chart::empty(w, h);
    }
    let mut c = Chart::new(w, h);
    let lh = TEXT_SIZE * 1.4;
    let label_w = (w * 0.3).min(170.0);
    let (x0, x1) = (label_w + 4.0, w - 42.0);
    let (y0, y1) = (2.0, h - lh - 2.0);
    let plot_w = (x1 - x0).max(1.0);
    let x_of = |v: f64| x0 + (v.clamp(0.0, SERAPAN_MAX) / SERAPAN_MAX) as f32 * plot_w;
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let x = x_of(tick);
        if tick > 0.0 {
            c.line((x, y0), (x, y1), 0.4, GRID_COLOUR);
        }
        c.text(x, y1 + lh * 0.6, percent_label(tick), Anchor::Middle);
    }
    c.line((x0, y0), (x0, y1), 0.6, AXIS_COLOUR);
    c.line((x0, y1), (x1, y1), 0.6, AXIS_COLOUR);
    let row = ((y1 - y0) / units.len() as f32).min(22.0);
    for (i, (name, v)) in units.iter().enumerate() {
        let mid = y0 + (i as f32 + 0.5) * row;
        c.text(x0 - 4.0, mid, fitted(name, label_w - 4.0), Anchor::End);
        match *v {
            Some(v) => {
                let end = x_of(v);
                c.rects.push(BarRect {
                    x: x0,
                    y: mid - row * 0.35,
                    w: end - x0,
                    h: row * 0.7,
                    fill: SERAPAN_COLOUR,
                });
                c.text(end + 3.0, mid, percent_label(v), Anchor::Start);
            }
            None => c.text(x0 + 3.0, mid, "tanpa pagu", Anchor::Start),
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capaian_bars_are_proportional_and_share_a_baseline() {
        let c = capaian_bars(
            &[
                ("Cakupan".into(), [Some(50.0), Some(100.0), None, None]),
                ("Pelanggaran".into(), [Some(75.0), None, None, None]),
            ],
            400.0,
            200.0,
        );
        let tw1: Vec<BarRect> = c
            .rects
            .iter()
            .filter(|r| r.fill == QUARTER_COLOURS[0] && r.w > 6.0)
            .copied()
            .collect();
        assert_eq!(tw1.len(), 2, "TW I of both indikator");
        let tw2: Vec<&BarRect> = c
            .rects
            .iter()
            .filter(|r| r.fill == QUARTER_COLOURS[1] && r.y > 20.0)
            .collect();
        assert_eq!(
            tw2.len(),
            1,
            "TW II of the first only; no bar without a figure"
        );
        assert!((tw2[0].h / tw1[0].h - 2.0).abs() < 1e-3, "100 % twice 50 %");
        assert!((tw1[1].h / tw1[0].h - 1.5).abs() < 1e-3);
        let base = tw1[0].y + tw1[0].h;
        assert!((tw1[1].y + tw1[1].h - base).abs() < 1e-3);
        assert!((tw2[0].y + tw2[0].h - base).abs() < 1e-3);
        // The 100 % line runs at the top of the 100 % bar, in the target's colour.
        let target = c.lines.last().expect("the 100 % line, drawn last");
        assert_eq!(target.color, TARGET_COLOUR);
        assert!((target.from.1 - tw2[0].y).abs() < 1e-3);
        for label in ["50", "100", "75", "Cakupan", "Pelanggaran", "TW I", "100 %"] {
            assert!(c.texts.iter().any(|t| t.text == label), "{label}");
        }
        assert!(
            c.rects
                .iter()
                .all(|r| r.x >= 0.0 && r.x + r.w <= 400.0 && r.y >= 0.0 && r.y + r.h <= 200.0)
        );
    }

    #[test]
    fn capaian_beyond_the_scale_is_clamped_but_labelled() {
        let c = capaian_bars(
            &[(
                "A".into(),
                [Some(0.0), Some(150.0), Some(312.4), Some(-5.0)],
            )],
            300.0,
            150.0,
        );
        let h = |q: usize| {
            c.rects
                .iter()
                .find(|r| r.fill == QUARTER_COLOURS[q] && r.y > 20.0)
                .map_or(-1.0, |r| r.h)
        };
        assert_eq!(h(0), 0.0, "0 %: no height");
        assert!(h(1) > 0.0);
        assert_eq!(h(2), h(1), "312 % drawn as 150 %");
        assert_eq!(h(3), 0.0, "below zero drawn as zero");
        assert!(c.texts.iter().any(|t| t.text == "312"), "{:?}", c.texts);
        assert!(c.texts.iter().any(|t| t.text == "0"));
        assert!(!c.is_empty());
    }

    #[test]
    fn serapan_bars_are_proportional_and_clamped() {
        let c = serapan_bars(
            &[
                ("Sekretariat".into(), Some(25.0)),
                ("Bidang Trantibum".into(), Some(50.0)),
                ("Bidang Damkar".into(), Some(180.0)),
                ("Bidang Baru".into(), None),
            ],
            400.0,
            120.0,
        );
        let bars: Vec<&BarRect> = c
            .rects
            .iter()
            .filter(|r| r.fill == SERAPAN_COLOUR)
            .collect();
        assert_eq!(bars.len(), 3);
        assert!((bars[1].w / bars[0].w - 2.0).abs() < 1e-3);
        assert!(
            (bars[2].w / bars[0].w - 4.0).abs() < 1e-3,
            "180 % drawn as 100 %"
        );
        assert!(
            bars.windows(2).all(|b| b[1].y > b[0].y),
            "one row a unit, in order"
        );
        for label in ["25 %", "50 %", "180 %", "tanpa pagu", "Sekretariat"] {
            assert!(c.texts.iter().any(|t| t.text == label), "{label}");
        }
        assert!(bars.iter().all(|r| r.x + r.w <= 400.0));
    }

    #[test]
    fn no_data_says_so() {
        for c in [
            capaian_bars(&[], 300.0, 100.0),
            capaian_bars(&[("A".into(), [None; 4])], 300.0, 100.0),
            serapan_bars(&[], 300.0, 100.0),
            serapan_bars(&[("Unit".into(), None)], 300.0, 100.0),
        ] {
            assert!(c.is_empty());
            assert_eq!(c.texts.len(), 1);
            assert_eq!(c.texts[0].text, NO_DATA);
            assert_eq!((c.texts[0].x, c.texts[0].y), (150.0, 50.0));
        }
    }

    #[test]
    fn long_names_are_cut_to_their_group() {
        let long = "Persentase penegakan peraturan daerah dan peraturan kepala daerah ".repeat(3);
        let c = capaian_bars(
            &[
                (long.clone(), [Some(90.0); 4]),
                ("B".into(), [Some(1.0); 4]),
            ],
            200.0,
            120.0,
        );
        let label: Vec<&BarText> = c
            .texts
            .iter()
            .filter(|t| t.y > 100.0 && t.x < 100.0)
            .collect();
        assert_eq!(label.len(), 2, "two lines under the group: {label:?}");
        assert_eq!(label[0].text, "Persentase");
        assert!(label[1].text.starts_with("penegakan") && label[1].text.ends_with('…'));
        let fits = |l: &&BarText| l.text.chars().count() as f32 * TEXT_SIZE * 0.56 <= 94.0;
        assert!(label.iter().all(fits), "{label:?}");
        assert_eq!(percent_label(87.46), "87,5 %");
    }
}
