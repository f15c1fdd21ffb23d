//! Capaian & Laporan: the year's pengukuran kinerja at a glance — per quarter its due date,
//! each unit's report, the capaian so far by category and its signed Laporan Capaian; the
//! Rencana Aksi and the LKjIP tables; the charts.

use egui::{RichText, Ui};

use crate::app::{Command, ViewCtx, theme};
use crate::domain::indo;
use crate::domain::workflow::StepState;
use crate::session::laporan::{Measures, QuarterMeasure};
use crate::store::{RealStatus, ReportKind};

use super::laporan_form::LaporanForm;
use super::laporan_report::report_ui;
use super::widgets::{card_ui, hint_ui, section_title_ui};

mod text {
    pub const TITLE: &str = "Capaian Kinerja dan Laporan";
    pub const SCALE: &str = "Skala kategori capaian (diatur di Pengaturan → Pengukuran Kinerja):";
    pub const YEAR_REPORTS: &str = "Rencana Aksi dan LKjIP";
    pub const NOT_STARTED: &str = "Rencana Aksi tahun ini belum dimulai: dimulai oleh TIM dari Perjanjian Kinerja yang sudah ditandatangani. Sesudah Rencana Aksi ditandatangani, setiap unit melaporkan realisasinya per triwulan di sini.";
    pub const NOT_SIGNED: &str =
        "Rencana Aksi belum ditandatangani Kepala: realisasi triwulan baru dapat diisi sesudahnya.";
    pub const DUE: &str = "Batas laporan";
    /// Followed by the quarter's first day.
    pub const NOT_BEGUN: &str = "Triwulan ini belum dimulai; realisasinya diisi mulai";
    pub const NO_UNITS: &str = "Belum ada unit dengan indikator di Rencana Aksi.";
    pub const CAPAIAN: &str = "Capaian terhadap target tahun, s.d. triwulan ini:";
    pub const NO_CAPAIAN: &str = "belum ada capaian terukur.";
    pub const CHARTS: &str = "Grafik";
    pub const CHART_CAPAIAN: &str = "Capaian per indikator, TW I–IV (%)";
    pub const CHART_SERAPAN: &str = "Serapan anggaran per unit s.d. TW IV (%)";
    pub const NO_CHART: &str = "Grafik tampil sesudah Rencana Aksi dimulai.";
}

pub fn laporan_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut LaporanForm, out: &mut Vec<Command>) {
    let m = &ctx.data.measures;
    egui::ScrollArea::both()
        .id_salt("laporan_gulir")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            super::widgets::fit_page_width(ui);
            ui.label(
                RichText::new(format!("{} Tahun {}", text::TITLE, ctx.year))
                    .heading()
                    .color(theme::ACCENT),
            );
            if !m.plan_started {
                hint_ui(ui, text::NOT_STARTED);
            } else if !m.plan_signed {
                hint_ui(ui, text::NOT_SIGNED);
            }
            hint_ui(
                ui,
                &format!("{} {}", text::SCALE, m.scale.legend().join(" · ")),
            );
            ui.add_space(theme::SPACE_S);
            card_ui(ui, |ui| {
                section_title_ui(ui, text::YEAR_REPORTS);
                ui.columns(2, |cols| {
                    for (col, kind) in [ReportKind::RencanaAksi, ReportKind::Lkjip]
                        .into_iter()
                        .enumerate()
                    {
                        if let Some(r) = m.report(kind) {
                            report_ui(&mut cols[col], ctx, r, form, out);
                        }
                    }
                });
            });
            ui.add_space(theme::SPACE);
            for pair in m.quarters.chunks(2) {
                ui.columns(2, |cols| {
                    for (col, q) in pair.iter().enumerate() {
                        quarter_card_ui(&mut cols[col], ctx, m, q, form, out);
                    }
                });
                ui.add_space(theme::SPACE);
            }
            charts_ui(ui, m);
        });
}

fn quarter_card_ui(
    ui: &mut Ui,
    ctx: &ViewCtx,
    m: &Measures,
    q: &QuarterMeasure,
    form: &mut LaporanForm,
    out: &mut Vec<Command>,
) {
    card_ui(ui, |ui| {
        ui.set_width(ui.available_width());
        section_title_ui(ui, q.quarter.long());
        ui.label(format!(
            "{}: {} (hari kerja ke-{} sesudah triwulan berakhir)",
            text::DUE,
            indo::date_with_day(q.due),
            m.due_days
        ));
        let begins = q.quarter.first_day(ctx.year);
        if ctx.now.date() < begins {
            // Nothing can be filled yet: no unit is behind.
            hint_ui(ui, &format!("{} {}.", text::NOT_BEGUN, indo::date(begins)));
        } else if q.statuses.is_empty() {
            hint_ui(ui, text::NO_UNITS);
        } else {
            units_ui(ui, q);
        }
        let counts: Vec<String> = q
            .categories
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(c, n)| format!("{c} {n}"))
            .collect();
        let counts = if counts.is_empty() {
            text::NO_CAPAIAN.to_string()
        } else {
            counts.join(" · ")
        };
        ui.label(format!("{} {counts}", text::CAPAIAN));
        ui.separator();
        if let Some(r) = m.report(ReportKind::Capaian(q.quarter)) {
            report_ui(ui, ctx, r, form, out);
        }
    });
}

/// Each unit's report of the quarter: the state first, in a column as wide as its widest
/// word; the name last, where it wraps within the card (a wrapped first column is squeezed to
/// a letter).
fn units_ui(ui: &mut Ui, q: &QuarterMeasure) {
    egui::Grid::new(("unit_triwulan", q.quarter.number()))
        .num_columns(2)
        .min_col_width(STATE_WIDTH)
        .striped(true)
        .show(ui, |ui| {
            for s in &q.statuses {
                ui.label(state_text(s));
                ui.add(egui::Label::new(&s.unit.name).wrap());
                ui.end_row();
            }
        });
}

/// Room for the widest state word ("⚠ Terlambat").
const STATE_WIDTH: f32 = 112.0;

/// A unit's state in words; late in the colour of a late step, reported in the colour of done.
fn state_text(s: &RealStatus) -> RichText {
    let label = s.label();
    if s.late {
        RichText::new(format!("⚠ {label}"))
            .color(theme::state_color(StepState::Late))
            .strong()
    } else if s.submission.is_some() {
        RichText::new(format!("✔ {label}")).color(theme::OK)
    } else {
        RichText::new(label)
    }
}

/// The charts of the year as reported so far: capaian per indikator by quarter, serapan per
/// unit, from the same series and geometry as the reports' PDFs.
fn charts_ui(ui: &mut Ui, m: &Measures) {
    card_ui(ui, |ui| {
        ui.set_width(ui.available_width());
        section_title_ui(ui, text::CHARTS);
        let Some(summary) = &m.summary else {
            hint_ui(ui, text::NO_CHART);
            return;
        };
        let capaian = crate::pdf::report_rows::capaian_series(summary);
        let serapan = crate::pdf::report_rows::serapan_series(summary);
        ui.columns(2, |cols| {
            cols[0].label(RichText::new(text::CHART_CAPAIAN).strong());
            super::chart_bars_paint::capaian_bars_ui(&mut cols[0], &capaian);
            cols[1].label(RichText::new(text::CHART_SERAPAN).strong());
            super::chart_bars_paint::serapan_bars_ui(&mut cols[1], &serapan);
        });
    });
}
