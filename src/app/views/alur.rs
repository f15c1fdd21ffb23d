//! Alur SOP: the SOP AP flowchart drawn from sop.toml with this year's state, the SOP's
//! identity page, and the timeline of the year's cycle.

use egui::{RichText, Sense, Ui, Vec2, WidgetInfo};

use crate::app::{Command, ViewCtx, theme};
use crate::chart::{self, Chart, Pt, Style};
use crate::domain::indo;
use crate::domain::sop::StepNo;
use crate::domain::workflow::{StepState, StepView};

use super::chart_paint::{self, EguiMeasure};
use super::step_actions::{ActionForm, step_actions_ui};
use super::widgets::{hint_ui, section_title_ui, state_badge_ui};
use super::{identitas, linimasa};

mod text {
    pub const TAB_CHART: &str = "Diagram Alir";
    pub const TAB_IDENTITY: &str = "Identitas SOP";
    pub const TAB_TIMELINE: &str = "Linimasa";
    pub const ZOOM_OUT: &str = "Perkecil";
    pub const ZOOM_IN: &str = "Perbesar";
    pub const FIT: &str = "Sesuaikan lebar";
    pub const LEGEND: &str = "Keterangan warna:";
    pub const HINT: &str =
        "Klik baris langkah untuk rinciannya. Ctrl + roda tetikus untuk memperbesar.";
    pub const CLOSE: &str = "Tutup rincian";
    pub const EXECUTOR: &str = "Pelaksana";
    pub const EQUIPMENT: &str = "Kelengkapan dan Peralatan";
    pub const DURATION: &str = "Waktu";
    pub const OUTPUT: &str = "Output";
    pub const REMARK: &str = "Keterangan";
    pub const HISTORY: &str = "Riwayat langkah ini";
    pub const NO_HISTORY: &str = "Langkah ini belum pernah aktif pada tahun ini.";
    pub const NOT_ACTIVE: &str =
        "Langkah ini tidak sedang aktif; tindakan hanya untuk langkah yang aktif.";
}

/// The chart's page width at 100 %: a 1366-pixel office screen less the window's margins.
const BASE_WIDTH: f32 = 1300.0;
const MIN_ZOOM: f32 = 0.4;
const MAX_ZOOM: f32 = 3.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AlurTab {
    #[default]
    Chart,
    Identity,
    Timeline,
}

struct ChartCache {
    zoom: f32,
    status: Vec<String>,
    chart: Chart,
}

pub struct AlurForm {
    pub tab: AlurTab,
    pub zoom: f32,
    /// Fit the chart to the window's width on the next frame.
    pub fit: bool,
    pub selected: Option<StepNo>,
    pub action: ActionForm,
    cache: Option<ChartCache>,
}

impl Default for AlurForm {
    fn default() -> Self {
        Self {
            tab: AlurTab::Chart,
            zoom: 1.0,
            fit: true,
            selected: None,
            action: ActionForm::default(),
            cache: None,
        }
    }
}

impl AlurForm {
    /// The chart for this zoom and these states, laid out again only when either changed.
    fn chart(&mut self, ctx: &egui::Context, view: &ViewCtx, status: Vec<String>) -> &Chart {
        let stale = self
            .cache
            .as_ref()
            .is_none_or(|c| c.zoom != self.zoom || c.status != status);
        if stale {
            let chart = chart::layout(
                view.sop,
                BASE_WIDTH * self.zoom,
                Style::scaled(self.zoom),
                &EguiMeasure(ctx),
                Some(&status),
            );
            self.cache = Some(ChartCache {
                zoom: self.zoom,
                status,
                chart,
            });
        }
        &self.cache.as_ref().expect("just filled").chart
    }
}

/// The status column's text of each step: the state's icon and word, then who and when, or
/// the due date.
pub fn status_texts(view: &ViewCtx) -> Vec<String> {
    view.steps
        .iter()
        .map(|v| {
            let head = format!("{} {}", theme::state_icon(v.state), v.state.label());
            match (&v.done, v.state) {
                (Some(d), _) => format!(
                    "{head}\n{}\n{}{}",
                    d.actor_name,
                    indo::datetime_short(d.at),
                    if v.done_late { " (terlambat)" } else { "" }
                ),
                (None, StepState::Waiting) => match v.due {
                    Some(due) => format!("{head}\nrencana s.d. {}", indo::datetime_short(due)),
                    None => head,
                },
                (None, _) => match v.due {
                    Some(due) => format!("{head}\nbatas {}", indo::datetime_short(due)),
                    None => head,
                },
            }
        })
        .collect()
}

pub fn alur_ui(ui: &mut Ui, view: &ViewCtx, form: &mut AlurForm, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        section_title_ui(
            ui,
            &format!(
                "{} — Nomor {}",
                view.sop.identity.name, view.sop.identity.number
            ),
        );
        ui.separator();
        for (tab, label) in [
            (AlurTab::Chart, text::TAB_CHART),
            (AlurTab::Identity, text::TAB_IDENTITY),
            (AlurTab::Timeline, text::TAB_TIMELINE),
        ] {
            if ui.selectable_label(form.tab == tab, label).clicked() {
                form.tab = tab;
            }
        }
    });
    ui.separator();
    match form.tab {
        AlurTab::Chart => chart_tab_ui(ui, view, form, out),
        AlurTab::Identity => identitas::identity_ui(ui, view),
        AlurTab::Timeline => linimasa::timeline_ui(ui, view),
    }
}

fn toolbar_ui(ui: &mut Ui, form: &mut AlurForm) {
    ui.horizontal_wrapped(|ui| {
        if ui.button(format!("− {}", text::ZOOM_OUT)).clicked() {
            form.zoom = (form.zoom / 1.2).max(MIN_ZOOM);
        }
        ui.label(format!("{:.0} %", form.zoom * 100.0));
        if ui.button(format!("+ {}", text::ZOOM_IN)).clicked() {
            form.zoom = (form.zoom * 1.2).min(MAX_ZOOM);
        }
        if ui.button(format!("↔ {}", text::FIT)).clicked() {
            form.fit = true;
        }
        ui.separator();
        ui.label(text::LEGEND);
        for s in [
            StepState::Done,
            StepState::Active,
            StepState::Late,
            StepState::Waiting,
        ] {
            egui::Frame::new()
                .fill(chart_paint::tint(s))
                .inner_margin(egui::Margin::symmetric(6, 2))
                .corner_radius(4)
                .show(ui, |ui| state_badge_ui(ui, s));
        }
    });
    hint_ui(ui, text::HINT);
}

fn chart_tab_ui(ui: &mut Ui, view: &ViewCtx, form: &mut AlurForm, out: &mut Vec<Command>) {
    toolbar_ui(ui, form);
    if let Some(step) = form.selected {
        egui::Panel::right("alur_rincian")
            .default_size(340.0)
            .resizable(true)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("alur_rincian")
                    .show(ui, |ui| detail_ui(ui, view, step, form, out));
            });
    }
    if form.fit {
        // The width at 100 % decides the zoom that fills the room there is.
        let at_one = chart::layout(
            view.sop,
            BASE_WIDTH,
            Style::scaled(1.0),
            &EguiMeasure(ui.ctx()),
            Some(&status_texts(view)),
        );
        let room = ui.available_width() - 16.0;
        form.zoom = (room / at_one.width).clamp(MIN_ZOOM, MAX_ZOOM);
        form.fit = false;
    }
    let status = status_texts(view);
    let ctx = ui.ctx().clone();
    let selected = form.selected;
    egui::ScrollArea::both()
        .id_salt("alur_diagram")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let chart = form.chart(&ctx, view, status);
            let (rect, response) =
                ui.allocate_exact_size(Vec2::new(chart.width, chart.height), Sense::click());
            chart_paint::paint(ui.painter(), rect.min, chart, &view.steps, selected);
            let mut clicked = None;
            // Every row is a button for the keyboard, screen readers and tests.
            for row in &chart.rows {
                let r = egui::Rect::from_min_size(
                    rect.min + Vec2::new(0.0, row.y),
                    Vec2::new(chart.width, row.h),
                );
                let resp =
                    ui.interact(r, ui.scope_id().with(("langkah", row.step)), Sense::click());
                let label = row_label(view, row.step);
                resp.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &label));
                if resp.clicked() {
                    clicked = Some(row.step);
                }
            }
            for (i, cell) in chart.header.iter().enumerate() {
                let r = egui::Rect::from_min_size(
                    rect.min + Vec2::new(cell.rect.x, cell.rect.y),
                    Vec2::new(cell.rect.w, cell.rect.h),
                );
                let resp = ui.interact(r, ui.scope_id().with(("kepala", i)), Sense::hover());
                resp.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, &cell.text));
            }
            if clicked.is_none()
                && response.clicked()
                && let Some(pos) = response.interact_pointer_pos()
            {
                let p = pos - rect.min;
                clicked = chart.step_at(Pt::new(p.x, p.y));
            }
            if let Some(step) = clicked {
                if form.selected != Some(step) {
                    form.action = ActionForm::default();
                }
                form.selected = Some(step);
            }
            if ui.rect_contains_pointer(rect) {
                let zoom = ui.input(|i| i.zoom_delta());
                if zoom != 1.0 {
                    form.zoom = (form.zoom * zoom).clamp(MIN_ZOOM, MAX_ZOOM);
                }
            }
        });
}

/// One field of the step panel: its name in a column `key_w` wide, its value wrapping beside it.
fn field_ui(ui: &mut Ui, key_w: f32, key: &str, value: &str) {
    ui.horizontal_top(|ui| {
        let column = egui::Layout::top_down(egui::Align::Min);
        ui.allocate_ui_with_layout(Vec2::new(key_w, 0.0), column, |ui| {
            ui.set_width(key_w);
            ui.add(egui::Label::new(RichText::new(key).color(theme::MUTED)).wrap());
        });
        ui.add(egui::Label::new(value).wrap());
    });
}

/// "Langkah 2 (Aktif): Perencanaan Kegiatan Penyusunan RKT"
fn row_label(view: &ViewCtx, step: StepNo) -> String {
    let state = view
        .steps
        .iter()
        .find(|v| v.step == step)
        .map_or(StepState::Waiting, |v| v.state);
    let text = view.sop.step(step).map_or("", |s| s.text.as_str());
    format!("Langkah {step} ({}): {text}", state.label())
}

// Long: the step's details read top to bottom as the panel shows them; what they say is computed in the domain.
fn detail_ui(ui: &mut Ui, view: &ViewCtx, no: StepNo, form: &mut AlurForm, out: &mut Vec<Command>) {
    let Some(step) = view.sop.step(no) else {
        return;
    };
    let sv: Option<&StepView> = view.steps.iter().find(|v| v.step == no);
    ui.horizontal(|ui| {
        section_title_ui(ui, &format!("Langkah {no}"));
        if let Some(v) = sv {
            state_badge_ui(ui, v.state);
        }
    });
    ui.add(egui::Label::new(RichText::new(&step.text).size(15.0).strong()).wrap());
    // Each executor on a line of its own; every value wraps in what the panel leaves it, so the
    // panel keeps its width whatever the SOP writes.
    let bullet = if step.lanes.len() > 1 { "• " } else { "" };
    let lanes: Vec<String> = step
        .lanes
        .iter()
        .map(|&i| format!("{bullet}{}", view.sop.lanes[i].name))
        .collect();
    let mut fields = vec![
        (text::EXECUTOR, lanes.join("\n")),
        (text::EQUIPMENT, step.equipment.clone()),
        (text::DURATION, step.duration.to_string()),
        (text::OUTPUT, step.output.clone()),
        (text::REMARK, step.remark.clone()),
    ];
    if let Some(v) = sv {
        fields.extend(v.start.map(|t| ("Mulai", indo::datetime(t))));
        fields.extend(v.due.map(|t| ("Batas waktu", indo::datetime(t))));
    }
    let key_w = (ui.available_width() * 0.36).clamp(80.0, 170.0);
    for (k, v) in fields {
        field_ui(ui, key_w, k, &v);
    }
    ui.add_space(theme::SPACE_M);
    section_title_ui(ui, text::HISTORY);
    let visits: Vec<_> = view
        .data
        .cycle
        .as_ref()
        .map(|(_, s)| s.visits.iter().filter(|v| v.step == no).collect())
        .unwrap_or_default();
    if visits.is_empty() {
        hint_ui(ui, text::NO_HISTORY);
    }
    for v in visits {
        let mut line = format!(
            "Putaran {}: aktif {}",
            v.round,
            indo::datetime_short(v.activated)
        );
        if let Some(e) = &v.ended {
            line.push_str(&format!(
                "\n{} oleh {}, {}",
                e.kind.label_at(Some(step)),
                e.actor_name,
                indo::datetime_short(e.at)
            ));
            if !e.note.is_empty() {
                line.push_str(&format!("\n“{}”", e.note));
            }
        }
        ui.add(egui::Label::new(RichText::new(line).small()).wrap());
        ui.add_space(theme::SPACE_XS);
    }
    ui.add_space(theme::SPACE_M);
    let active = view.data.cycle.as_ref().and_then(|(_, s)| s.active) == Some(no);
    if active {
        step_actions_ui(ui, view, step, &mut form.action, out);
    } else {
        hint_ui(ui, text::NOT_ACTIVE);
    }
    ui.add_space(theme::SPACE_M);
    if ui.button(text::CLOSE).clicked() {
        form.selected = None;
    }
}
