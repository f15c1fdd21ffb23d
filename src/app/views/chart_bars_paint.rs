//! The charts of `crate::chart::bars` painted with egui's painter: the same geometry the PDFs
//! draw (capaian per indikator by quarter, serapan per unit), scaled from its points to the
//! window's pixels, so what a report prints is what the window shows.

use egui::{Align2, Color32, FontId, Rect, Sense, Stroke, Ui, pos2, vec2};

use crate::chart::bars::{self, Anchor, Chart, Rgb};

/// Pixels per point of the geometry: its 7-point labels read at 11 pixels.
const SCALE: f32 = 1.6;
/// The window's font runs wider than the PDF's, for which the geometry cut its names.
const TEXT_FIT: f32 = 0.85;
/// Indikator per capaian chart, as in the PDFs.
const PER_CHART: usize = 10;

fn colour((r, g, b): Rgb) -> Color32 {
    Color32::from_rgb(r, g, b)
}

/// Capaian (%) of each indikator in TW I–IV, ten indikator a chart.
pub fn capaian_bars_ui(ui: &mut Ui, lines: &[bars::CapaianLine]) {
    let w = ui.available_width() / SCALE;
    if lines.is_empty() {
        chart_ui(ui, &bars::capaian_bars(&[], w, 120.0));
    }
    for chunk in lines.chunks(PER_CHART) {
        chart_ui(ui, &bars::capaian_bars(chunk, w, 170.0));
    }
}

/// Serapan anggaran (%) of each unit.
pub fn serapan_bars_ui(ui: &mut Ui, units: &[(String, Option<f64>)]) {
    let w = ui.available_width() / SCALE;
    let h = (units.len() as f32 * 18.0 + 24.0).clamp(40.0, 400.0);
    chart_ui(ui, &bars::serapan_bars(units, w, h));
}

/// One chart in a rect of its own size, scaled.
fn chart_ui(ui: &mut Ui, c: &Chart) {
    let (rect, _) = ui.allocate_exact_size(vec2(c.width, c.height) * SCALE, Sense::hover());
    let p = ui.painter_at(rect);
    let at = |x: f32, y: f32| rect.min + vec2(x, y) * SCALE;
    for r in &c.rects {
        let min = at(r.x, r.y);
        p.rect_filled(
            Rect::from_min_size(min, vec2(r.w, r.h) * SCALE),
            0.0,
            colour(r.fill),
        );
    }
    for l in &c.lines {
        p.line_segment(
            [at(l.from.0, l.from.1), at(l.to.0, l.to.1)],
            Stroke::new(l.width * SCALE, colour(l.color)),
        );
    }
    for t in &c.texts {
        let align = match t.anchor {
            Anchor::Start => Align2::LEFT_CENTER,
            Anchor::Middle => Align2::CENTER_CENTER,
            Anchor::End => Align2::RIGHT_CENTER,
        };
        let pos = at(t.x, t.y);
        p.text(
            pos2(pos.x, pos.y),
            align,
            &t.text,
            FontId::proportional(t.size * SCALE * TEXT_FIT),
            colour(t.color),
        );
    }
}
