//! Grouped horizontal bars painted with egui's painter from plain figures: capaian per
//! indikator by quarter, serapan per unit. Horizontal, so an indikator's long name reads on
//! its own line above its bars. The scale is worked out here for now; it moves to the shared
//! geometry (`crate::chart::bars`) when that lands, and this file then only paints.

use egui::{Align2, Color32, FontId, Rect, RichText, Sense, Stroke, Ui, pos2, vec2};

use crate::app::theme;
use crate::domain::indo;
use crate::domain::quarter::Quarter;

/// A bar's thickness, and the room kept at its right for its figure.
const BAR_HEIGHT: f32 = 11.0;
const FIGURE_WIDTH: f32 = 64.0;
/// Capaian far above target would flatten every other bar: the scale stops here, and a bar
/// beyond it ends in an arrow with its true figure written.
const SCALE_CAP: f64 = 200.0;

/// Capaian (%) of each indikator in TW I–IV; `None` where none is measured.
pub fn capaian_bars_ui(ui: &mut Ui, rows: &[(String, [Option<f64>; 4])]) {
    let names = Quarter::ALL.map(|q| q.short());
    legend_ui(ui, &names, &theme::QUARTER_BARS);
    let rows: Vec<(&str, &[Option<f64>])> =
        rows.iter().map(|(l, v)| (l.as_str(), &v[..])).collect();
    bars_ui(ui, &rows, &theme::QUARTER_BARS, &names);
}

/// Serapan anggaran (%) of each unit; `None` where it has no pagu.
pub fn serapan_bars_ui(ui: &mut Ui, rows: &[(String, Option<f64>)]) {
    let rows: Vec<(&str, &[Option<f64>])> = rows
        .iter()
        .map(|(l, v)| (l.as_str(), std::slice::from_ref(v)))
        .collect();
    bars_ui(ui, &rows, &[theme::SERAPAN_BAR], &["Serapan"]);
}

/// Each series' colour and name in one line.
fn legend_ui(ui: &mut Ui, names: &[&str], colours: &[Color32]) {
    ui.horizontal(|ui| {
        for (name, colour) in names.iter().zip(colours) {
            let (rect, _) = ui.allocate_exact_size(vec2(BAR_HEIGHT, BAR_HEIGHT), Sense::hover());
            ui.painter().rect_filled(rect, 2.0, *colour);
            ui.label(RichText::new(*name).small());
        }
    });
}

/// The scale's end: 100 % at least, else the largest figure rounded up to ten, at most the cap.
fn scale_end(rows: &[(&str, &[Option<f64>])]) -> f64 {
    let top = rows
        .iter()
        .flat_map(|(_, v)| v.iter().flatten())
        .fold(100.0_f64, |a, &b| a.max(b));
    ((top / 10.0).ceil() * 10.0).min(SCALE_CAP)
}

/// One group of bars per row under its label, a rule at 100 %, each bar's figure after it.
fn bars_ui(ui: &mut Ui, rows: &[(&str, &[Option<f64>])], colours: &[Color32], names: &[&str]) {
    let end = scale_end(rows);
    let font = FontId::proportional(11.0);
    for (label, values) in rows {
        ui.add(egui::Label::new(RichText::new(*label).small()).wrap());
        ui.scope(|ui| {
            ui.spacing_mut().item_spacing.y = theme::SPACE_XS;
            for (i, v) in values.iter().enumerate() {
                let width = ui.available_width().max(FIGURE_WIDTH * 2.0);
                let (rect, response) =
                    ui.allocate_exact_size(vec2(width, BAR_HEIGHT), Sense::hover());
                let span = rect.width() - FIGURE_WIDTH;
                let x = |p: f64| rect.left() + span * (p.clamp(0.0, end) / end) as f32;
                let painter = ui.painter();
                let hundred = x(100.0);
                painter.line_segment(
                    [pos2(hundred, rect.top()), pos2(hundred, rect.bottom())],
                    Stroke::new(1.0, theme::CHART_RULE),
                );
                let figure = match v {
                    Some(p) => {
                        let bar = Rect::from_min_max(rect.min, pos2(x(*p), rect.bottom()));
                        painter.rect_filled(bar, 1.0, colours[i % colours.len()]);
                        let over = if *p > end { " ▸" } else { "" };
                        format!("{} %{over}", indo::decimal((p * 10.0).round() / 10.0))
                    }
                    None => "—".to_string(),
                };
                let at = pos2(x(end.min(v.unwrap_or(0.0))) + 4.0, rect.center().y);
                painter.text(at, Align2::LEFT_CENTER, &figure, font.clone(), theme::MUTED);
                response.on_hover_text(format!("{label} — {}: {figure}", names[i % names.len()]));
            }
        });
        ui.add_space(theme::SPACE_S);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_shows_100_and_stops_at_its_cap() {
        let end = |v: &[Option<f64>]| scale_end(&[("a", v)]);
        assert_eq!(end(&[None, Some(40.0)]), 100.0, "100 % always in view");
        assert_eq!(end(&[Some(123.4), None]), 130.0, "rounded up to ten");
        assert_eq!(end(&[Some(950.0)]), SCALE_CAP, "one far above target");
        assert_eq!(end(&[]), 100.0);
    }
}
