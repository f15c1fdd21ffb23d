//! Paints a laid-out `Chart` with the live state of the steps. Nothing is decided here: the
//! geometry comes from `crate::chart`, the states from the workflow.

use egui::epaint::{PathShape, PathStroke};
use egui::text::LayoutJob;
use egui::{Align, Color32, FontFamily, FontId, Painter, Pos2, Rect, Stroke, StrokeKind, Vec2};

use crate::app::theme;
use crate::chart::{self, Chart, Measure, Shape};
use crate::domain::sop::StepNo;
use crate::domain::workflow::{StepState, StepView};

const INK: Color32 = Color32::from_rgb(0x22, 0x22, 0x22);
const RULE: Color32 = Color32::from_rgb(0x9A, 0x9A, 0x9A);
const PAPER: Color32 = Color32::WHITE;
const HEADER_FILL: Color32 = Color32::from_rgb(0xEE, 0xF1, 0xE8);

pub fn font(size: f32, bold: bool) -> FontId {
    if bold {
        FontId::new(size, theme::bold_family())
    } else {
        FontId::new(size, FontFamily::Proportional)
    }
}

/// Text measured with the fonts the window draws with, so wrapped cells fit exactly.
pub struct EguiMeasure<'a>(pub &'a egui::Context);

impl Measure for EguiMeasure<'_> {
    fn height(&self, text: &str, width: f32, size: f32, bold: bool) -> f32 {
        self.0.fonts_mut(|f| {
            f.layout(text.to_owned(), font(size, bold), INK, width)
                .size()
                .y
        })
    }

    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.0.fonts_mut(|f| {
            f.layout_no_wrap(text.to_owned(), font(size, bold), INK)
                .size()
                .x
        })
    }
}

fn to_screen(origin: Pos2, p: chart::Pt) -> Pos2 {
    origin + Vec2::new(p.x, p.y)
}

fn rect_to_screen(origin: Pos2, r: chart::Rect) -> Rect {
    Rect::from_min_size(origin + Vec2::new(r.x, r.y), Vec2::new(r.w, r.h))
}

/// A light tint of a state's colour, for fills.
pub fn tint(state: StepState) -> Color32 {
    let c = theme::state_color(state);
    let mix = |v: u8| (v as f32 * 0.18 + 255.0 * 0.82) as u8;
    Color32::from_rgb(mix(c.r()), mix(c.g()), mix(c.b()))
}

fn text_cell(painter: &Painter, origin: Pos2, cell: &chart::TextCell, color: Color32) {
    let rect = rect_to_screen(origin, cell.rect);
    let mut job = LayoutJob::simple(
        cell.text.clone(),
        font(cell.size, cell.bold),
        color,
        rect.width().max(1.0),
    );
    let centered = cell.align == chart::Align::Center;
    if centered {
        job.halign = Align::Center;
    }
    let galley = painter.layout_job(job);
    let x = if centered {
        rect.center().x
    } else {
        rect.left()
    };
    let y = if cell.bold {
        rect.center().y - galley.size().y / 2.0
    } else {
        rect.top()
    };
    painter.galley(Pos2::new(x, y), galley, color);
}

fn symbol(painter: &Painter, origin: Pos2, s: &chart::SymbolBox, state: StepState, selected: bool) {
    let r = rect_to_screen(origin, s.rect);
    let stroke = Stroke::new(
        if selected { 2.5 } else { 1.3 },
        if selected { theme::ACCENT } else { INK },
    );
    let fill = tint(state);
    match s.shape {
        Shape::Process => {
            painter.rect_filled(r, 0.0, fill);
            painter.rect_stroke(r, 0.0, stroke, StrokeKind::Middle);
        }
        Shape::Capsule => {
            let rad = r.height() / 2.0;
            painter.rect_filled(r, rad, fill);
            painter.rect_stroke(r, rad, stroke, StrokeKind::Middle);
        }
        Shape::Decision => {
            let c = r.center();
            let pts = vec![
                Pos2::new(c.x, r.top()),
                Pos2::new(r.right(), c.y),
                Pos2::new(c.x, r.bottom()),
                Pos2::new(r.left(), c.y),
            ];
            painter.add(PathShape::convex_polygon(pts, fill, stroke));
        }
    }
    // The state's icon always, so colour is never the only sign.
    let icon = theme::state_icon(state);
    let text = match s.label {
        Some(l) => format!("{icon} {l}"),
        None => icon.to_string(),
    };
    // The label fits the symbol's width ("✔ Selesai" in a narrow lane).
    let chars = text.chars().count() as f32;
    let size = (r.height() * 0.42)
        .min(r.width() * 0.8 / (chars * 0.62))
        .clamp(5.0, 40.0);
    painter.text(
        r.center(),
        egui::Align2::CENTER_CENTER,
        text,
        font(size, false),
        theme::state_color(state),
    );
}

fn arrow(painter: &Painter, origin: Pos2, a: &chart::Arrow, head: f32, label_size: f32) {
    let pts: Vec<Pos2> = a.points.iter().map(|p| to_screen(origin, *p)).collect();
    painter.add(PathShape::line(pts.clone(), PathStroke::new(1.2, INK)));
    if let [.., p, q] = pts.as_slice() {
        let dir = (*q - *p).normalized();
        let side = Vec2::new(-dir.y, dir.x) * head * 0.45;
        let base = *q - dir * head;
        painter.add(PathShape::convex_polygon(
            vec![*q, base + side, base - side],
            INK,
            Stroke::NONE,
        ));
    }
    if let Some((text, at)) = a.label {
        painter.text(
            to_screen(origin, at),
            egui::Align2::LEFT_TOP,
            text,
            font(label_size, true),
            INK,
        );
    }
}

/// Paints the chart with its top-left corner at `origin`.
pub fn paint(
    painter: &Painter,
    origin: Pos2,
    chart: &Chart,
    states: &[StepView],
    selected: Option<StepNo>,
) {
    let state_of = |step: StepNo| {
        states
            .iter()
            .find(|v| v.step == step)
            .map_or(StepState::Waiting, |v| v.state)
    };
    let page = Rect::from_min_size(origin, Vec2::new(chart.width, chart.height));
    painter.rect_filled(page, 0.0, PAPER);
    painter.rect_filled(
        Rect::from_min_size(origin, Vec2::new(chart.width, chart.header_h)),
        0.0,
        HEADER_FILL,
    );
    // The row of the active (or late) step and the selected one stand out.
    for row in &chart.rows {
        let state = state_of(row.step);
        let r = Rect::from_min_size(
            origin + Vec2::new(0.0, row.y),
            Vec2::new(chart.width, row.h),
        );
        if matches!(state, StepState::Active | StepState::Late) {
            painter.rect_filled(r, 0.0, tint(state));
        }
        if selected == Some(row.step) {
            painter.rect_stroke(
                r.shrink(1.0),
                0.0,
                Stroke::new(2.0, theme::ACCENT),
                StrokeKind::Inside,
            );
        }
    }
    for rule in &chart.rules {
        painter.line_segment(
            [to_screen(origin, rule.a), to_screen(origin, rule.b)],
            Stroke::new(1.0, RULE),
        );
    }
    for cell in &chart.header {
        text_cell(painter, origin, cell, INK);
    }
    for cell in &chart.cells {
        text_cell(painter, origin, cell, INK);
    }
    for j in &chart.joins {
        painter.line_segment(
            [to_screen(origin, j.a), to_screen(origin, j.b)],
            Stroke::new(1.3, INK),
        );
    }
    for a in &chart.arrows {
        arrow(
            painter,
            origin,
            a,
            chart.style.track * 1.1,
            chart.style.font,
        );
    }
    for s in &chart.symbols {
        symbol(
            painter,
            origin,
            s,
            state_of(s.step),
            selected == Some(s.step),
        );
    }
}
