//! Linimasa: the year's cycle on a calendar of working days: the plan made at the start against
//! what happened, returns as the loop they caused, today as a line.

use chrono::{Datelike, NaiveDateTime};
use egui::{Color32, Pos2, Rect, RichText, Sense, Stroke, StrokeKind, Ui, Vec2};

use crate::app::{ViewCtx, theme};
use crate::domain::indo;
use crate::domain::workflow::{CycleState, EventKind, StepState, StepView};

use super::chart_paint::font;
use super::widgets::hint_ui;

mod text {
    pub const NOT_STARTED: &str = "Siklus tahun ini belum dimulai. Linimasa menampilkan rencana bila siklus dimulai sekarang.";
    pub const PLAN: &str = "Rencana awal";
    pub const ACTUAL: &str = "Pelaksanaan";
    pub const TODAY: &str = "Hari ini";
    pub const LOOP: &str = "Dikembalikan";
    pub const HINT: &str = "Sumbu mendatar hanya memuat hari kerja; arahkan tetikus ke batang untuk tanggal dan pelaksananya.";
}

const LABEL_W: f32 = 250.0;
const ROW_H: f32 = 30.0;
const AXIS_H: f32 = 34.0;

// Long: the chart's painter code (axes, bars, today's line) shares one coordinate frame; the geometry is computed outside egui.
pub fn timeline_ui(ui: &mut Ui, view: &ViewCtx) {
    let cal = &view.data.calendar;
    let state = view.data.cycle.as_ref().map(|(_, s)| s);
    // The plan as it stood when the cycle started: only the start event, projected.
    let start = state.and_then(|s| s.started).unwrap_or(view.now);
    let plan: Vec<StepView> = match state {
        Some(s) => {
            let first: Vec<_> = s
                .visits
                .first()
                .map(|v| crate::domain::workflow::StepEvent {
                    step: v.step,
                    kind: EventKind::Started,
                    actor_id: None,
                    actor_name: String::new(),
                    at: v.activated,
                    note: String::new(),
                })
                .into_iter()
                .collect();
            CycleState::replay(view.sop, cal, &first)
                .map(|b| b.step_views(view.sop, cal, start))
                .unwrap_or_default()
        }
        None => view.steps.clone(),
    };
    if state.is_none() {
        hint_ui(ui, text::NOT_STARTED);
    }
    hint_ui(ui, text::HINT);
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("▭ {}", text::PLAN)).color(theme::MUTED));
        ui.label(
            RichText::new(format!("▬ {}", text::ACTUAL)).color(theme::state_color(StepState::Done)),
        );
        ui.label(
            RichText::new(format!("▬ {}", StepState::Late.label()))
                .color(theme::state_color(StepState::Late)),
        );
        ui.label(RichText::new(format!("│ {}", text::TODAY)).color(theme::ERROR));
    });

    let origin = start.date();
    let mut last = plan
        .iter()
        .filter_map(|v| v.due)
        .chain(view.steps.iter().filter_map(|v| v.due))
        .fold(view.now, NaiveDateTime::max);
    if let Some(s) = state {
        for v in &s.visits {
            last = last.max(v.ended.as_ref().map_or(view.now, |e| e.at));
        }
    }
    let days = (cal.working_offset(origin, last).ceil() as usize + 2).max(5);
    let day_w = ((ui.available_width() - LABEL_W - 20.0) / days as f32).max(26.0);
    let width = LABEL_W + day_w * days as f32;
    // Below the rows: room for the "Hari ini" label, clear of the month names above.
    let height = AXIS_H + ROW_H * view.sop.steps.len() as f32 + 18.0;

    egui::ScrollArea::both()
        .id_salt("alur_linimasa")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let (rect, _) = ui.allocate_exact_size(Vec2::new(width, height), Sense::hover());
            let p = ui.painter_at(rect);
            let x_of =
                |t: NaiveDateTime| rect.left() + LABEL_W + cal.working_offset(origin, t) * day_w;
            let row_y = |i: usize| rect.top() + AXIS_H + i as f32 * ROW_H;
            p.rect_filled(rect, 0.0, Color32::WHITE);
            // Axis: one column per working day.
            let working = cal.working_days_from(origin, days);
            for (i, d) in working.iter().enumerate() {
                let x = rect.left() + LABEL_W + i as f32 * day_w;
                let weekday_start = d.weekday() == chrono::Weekday::Mon;
                p.line_segment(
                    [
                        Pos2::new(x, rect.top() + AXIS_H - 4.0),
                        Pos2::new(x, rect.bottom()),
                    ],
                    Stroke::new(
                        if weekday_start { 1.0 } else { 0.5 },
                        Color32::from_gray(if weekday_start { 170 } else { 220 }),
                    ),
                );
                p.text(
                    Pos2::new(x + day_w / 2.0, rect.top() + AXIS_H - 6.0),
                    egui::Align2::CENTER_BOTTOM,
                    d.day().to_string(),
                    font(10.0, false),
                    theme::MUTED,
                );
                // A month is named at its first working day (the 1st may be a Sunday).
                if i == 0 || working[i - 1].month() != d.month() {
                    p.text(
                        Pos2::new(x + 2.0, rect.top() + 2.0),
                        egui::Align2::LEFT_TOP,
                        format!("{} {}", indo::month_name(d.month()), d.year()),
                        font(10.5, true),
                        theme::ACCENT,
                    );
                }
            }
            for (i, step) in view.sop.steps.iter().enumerate() {
                let y = row_y(i);
                if i % 2 == 0 {
                    p.rect_filled(
                        Rect::from_min_size(Pos2::new(rect.left(), y), Vec2::new(width, ROW_H)),
                        0.0,
                        Color32::from_black_alpha(8),
                    );
                }
                // Two lines at most; a longer title ends in "…" and is read whole on hover.
                let label = format!("{}. {}", step.no, step.text);
                let job = super::widgets::clamped_job(
                    &label,
                    font(11.0, false),
                    Color32::from_gray(40),
                    LABEL_W - 10.0,
                    2,
                );
                let galley = p.layout_job(job);
                let label_rect = Rect::from_min_size(
                    Pos2::new(rect.left() + 4.0, y),
                    Vec2::new(LABEL_W - 8.0, ROW_H),
                );
                let elided = galley.elided;
                p.galley(
                    Pos2::new(rect.left() + 4.0, y + 2.0),
                    galley,
                    Color32::BLACK,
                );
                if elided {
                    ui.interact(label_rect, ui.scope_id().with(("judul", i)), Sense::hover())
                        .on_hover_text(label);
                }
                // Planned (outline) ...
                if let (Some(s), Some(e)) = (plan[i].start, plan[i].due) {
                    let r = Rect::from_min_max(
                        Pos2::new(x_of(s), y + 4.0),
                        Pos2::new(x_of(e).max(x_of(s) + 3.0), y + 12.0),
                    );
                    p.rect_stroke(r, 2.0, Stroke::new(1.0, theme::MUTED), StrokeKind::Inside);
                    ui.interact(r, ui.scope_id().with(("rencana", i)), Sense::hover())
                        .on_hover_text(format!(
                            "{} — langkah {}\n{} s.d. {}\nPelaksana: {}",
                            text::PLAN,
                            step.no,
                            indo::datetime(s),
                            indo::datetime(e),
                            view.sop.lane_names(step)
                        ));
                }
            }
            // ... against what happened, one bar per time a step was active.
            if let Some(s) = state {
                for (vi, v) in s.visits.iter().enumerate() {
                    let i = v.step as usize - 1;
                    let y = row_y(i);
                    let end = v.ended.as_ref().map_or(view.now, |e| e.at);
                    let late = end > v.due;
                    let st = match (&v.ended, late) {
                        (Some(_), _) => StepState::Done,
                        (None, true) => StepState::Late,
                        (None, false) => StepState::Active,
                    };
                    let color = if late && v.ended.is_some() {
                        theme::state_color(StepState::Late)
                    } else {
                        theme::state_color(st)
                    };
                    let r = Rect::from_min_max(
                        Pos2::new(x_of(v.activated), y + 15.0),
                        Pos2::new(x_of(end).max(x_of(v.activated) + 3.0), y + 25.0),
                    );
                    p.rect_filled(r, 2.0, color);
                    let step = &view.sop.steps[i];
                    let mut tip = format!(
                        "{} — langkah {} (putaran {})\nAktif {}\nBatas {}\nPelaksana: {}",
                        text::ACTUAL,
                        step.no,
                        v.round,
                        indo::datetime(v.activated),
                        indo::datetime(v.due),
                        view.sop.lane_names(step)
                    );
                    if let Some(e) = &v.ended {
                        tip.push_str(&format!(
                            "\n{} oleh {}, {}{}",
                            e.kind.label_at(Some(step)),
                            e.actor_name,
                            indo::datetime(e.at),
                            if late { " (terlambat)" } else { "" }
                        ));
                    }
                    ui.interact(r, ui.scope_id().with(("kunjungan", vi)), Sense::hover())
                        .on_hover_text(tip);
                    // A return: the loop back to the step it sent the draft to.
                    if let Some(e) = &v.ended
                        && e.kind == EventKind::Returned
                        && let Some(next) = s.visits.get(vi + 1)
                    {
                        let from = Pos2::new(r.right(), r.center().y);
                        let ty = row_y(next.step as usize - 1) + 20.0;
                        let to = Pos2::new(x_of(next.activated), ty);
                        let red = theme::state_color(StepState::Late);
                        let mid_x = from.x + 8.0;
                        p.line_segment([from, Pos2::new(mid_x, from.y)], Stroke::new(1.5, red));
                        p.line_segment(
                            [Pos2::new(mid_x, from.y), Pos2::new(mid_x, ty - 8.0)],
                            Stroke::new(1.5, red),
                        );
                        p.line_segment(
                            [Pos2::new(mid_x, ty - 8.0), Pos2::new(to.x, ty - 8.0)],
                            Stroke::new(1.5, red),
                        );
                        p.arrow(
                            Pos2::new(to.x, ty - 8.0),
                            Vec2::new(0.0, 5.0),
                            Stroke::new(1.5, red),
                        );
                        p.text(
                            Pos2::new(mid_x + 3.0, (from.y + ty) / 2.0),
                            egui::Align2::LEFT_CENTER,
                            format!("↩ {}: {}", text::LOOP, e.note),
                            font(10.0, false),
                            red,
                        );
                    }
                }
            }
            // Today.
            let xt = x_of(view.now);
            p.line_segment(
                [
                    Pos2::new(xt, rect.top() + AXIS_H - 2.0),
                    Pos2::new(xt, rect.bottom()),
                ],
                Stroke::new(1.5, theme::ERROR),
            );
            p.text(
                Pos2::new(xt + 3.0, rect.bottom() - 1.0),
                egui::Align2::LEFT_BOTTOM,
                text::TODAY,
                font(10.0, true),
                theme::ERROR,
            );
        });
}
