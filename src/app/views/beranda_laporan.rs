//! Beranda's reminder of the year after the Perjanjian Kinerja: once the Rencana Aksi is
//! signed, the quarter being reported — its due date, the units late by name, or that all
//! have reported; before that, that the Rencana Aksi is still to be made or signed.

use egui::{RichText, Ui};

use crate::app::{Command, Page, ViewCmd, ViewCtx, theme};
use crate::domain::indo;
use crate::domain::workflow::StepState;
use crate::store::ReportKind;

use super::widgets::{card_ui, hint_ui, section_title_ui};

mod text {
    pub const ALL_REPORTED: &str = "✔ Semua unit sudah melapor.";
    /// Followed by the names.
    pub const LATE: &str = "⚠ Terlambat melapor:";
    pub const WAITING: &str = "Belum melapor (batas belum lewat):";
    pub const NOT_MADE: &str = "Rencana Aksi belum disusun: TIM memulainya dari Perjanjian Kinerja yang sudah ditandatangani, lalu Kepala menandatanganinya.";
    pub const NOT_SIGNED: &str =
        "Rencana Aksi belum ditandatangani: realisasi triwulan baru dapat dilaporkan sesudahnya.";
    pub const OPEN: &str = "Buka Capaian & Laporan";
    pub const OPEN_PLAN: &str = "Buka Rencana Aksi";
    pub const OPEN_REAL: &str = "Isi Realisasi";
}

pub(super) fn report_reminder_ui(ui: &mut Ui, ctx: &ViewCtx, out: &mut Vec<Command>) {
    let m = &ctx.data.measures;
    let pk_signed = ctx.data.pk.iter().any(|e| e.year == ctx.year);
    if !m.plan_signed && !pk_signed {
        return;
    }
    card_ui(ui, |ui| {
        ui.set_width(ui.available_width());
        if !m.plan_signed {
            section_title_ui(ui, &format!("Rencana Aksi Tahun {}", ctx.year));
            let (said, why) = if m.plan_started {
                let why = m
                    .report(ReportKind::RencanaAksi)
                    .and_then(|r| r.blocker.as_deref());
                (text::NOT_SIGNED, why)
            } else {
                (text::NOT_MADE, None)
            };
            ui.label(RichText::new(said).strong());
            if let Some(why) = why {
                hint_ui(ui, why);
            }
        } else if let Some(q) = m.reported_now(ctx.now.date()) {
            section_title_ui(
                ui,
                &format!("Laporan Realisasi {} {}", q.quarter.short(), ctx.year),
            );
            ui.label(format!("Batas laporan: {}", indo::date_with_day(q.due)));
            let late: Vec<&str> = q.late().map(|s| s.unit.name.as_str()).collect();
            let waiting: Vec<&str> = q
                .statuses
                .iter()
                .filter(|s| s.submission.is_none() && !s.late)
                .map(|s| s.unit.name.as_str())
                .collect();
            if !late.is_empty() {
                ui.label(
                    RichText::new(format!("{} {}.", text::LATE, late.join(", ")))
                        .color(theme::state_color(StepState::Late))
                        .strong(),
                );
            }
            if !waiting.is_empty() {
                ui.label(format!("{} {}.", text::WAITING, waiting.join(", ")));
            }
            if late.is_empty() && waiting.is_empty() {
                ui.label(RichText::new(text::ALL_REPORTED).color(theme::OK).strong());
            }
        }
        ui.horizontal_wrapped(|ui| {
            let pages: &[(&str, Page)] = if m.plan_signed {
                &[
                    (text::OPEN_REAL, Page::Realisasi),
                    (text::OPEN, Page::Laporan),
                ]
            } else {
                &[(text::OPEN_PLAN, Page::RencanaAksi)]
            };
            for (label, page) in pages {
                if ui.button(*label).clicked() {
                    out.push(Command::View(ViewCmd::Navigate(*page)));
                }
            }
        });
    });
    ui.add_space(theme::SPACE);
}
