//! The "Pengumpulan" tab: which unit has submitted, when and by whom, and its pagu.

use egui::{RichText, Ui};

use crate::app::{ViewCtx, theme};
use crate::domain::indo;
use crate::domain::rkt::format_rupiah;
use crate::domain::sop::Requirement;

use super::format_form::text;
use super::widgets::{card_ui, hint_ui, section_title_ui};

pub(super) fn collect_ui(ui: &mut Ui, view: &ViewCtx) {
    // The collecting step by the SOP's own number, when it has one.
    match view.sop.step_requiring(Requirement::FormatsSubmitted) {
        Some(step) => {
            section_title_ui(
                ui,
                &format!("{} (langkah {})", text::COLLECT_TITLE, step.no),
            );
            hint_ui(ui, &format!("Langkah {} {}", step.no, text::COLLECT_HINT));
        }
        None => section_title_ui(ui, text::COLLECT_TITLE),
    }
    card_ui(ui, |ui| {
        egui::Grid::new("pengumpulan")
            .num_columns(5)
            .striped(true)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                for h in ["Unit", "Status", "Baris", "Pagu", "Dikumpulkan"] {
                    ui.strong(h);
                }
                ui.end_row();
                for s in &view.data.unit_statuses {
                    ui.label(&s.unit.name);
                    let (icon, color) = match (&s.submission, s.rows) {
                        (Some(_), _) => ("✔", theme::OK),
                        (None, 0) => ("◻", theme::MUTED),
                        (None, _) => (
                            "✎",
                            theme::state_color(crate::domain::workflow::StepState::Active),
                        ),
                    };
                    ui.label(RichText::new(format!("{icon} {}", s.label())).color(color));
                    ui.label(s.rows.to_string());
                    ui.label(format_rupiah(s.pagu));
                    ui.label(
                        s.submission
                            .as_ref()
                            .map(|x| {
                                format!(
                                    "{} · {}",
                                    x.submitted_by,
                                    indo::datetime_short(x.submitted_at)
                                )
                            })
                            .unwrap_or_default(),
                    );
                    ui.end_row();
                }
                let done = view
                    .data
                    .unit_statuses
                    .iter()
                    .filter(|s| s.submission.is_some())
                    .count();
                let pagu: i64 = view.data.unit_statuses.iter().map(|s| s.pagu).sum();
                let rows: usize = view.data.unit_statuses.iter().map(|s| s.rows).sum();
                ui.strong("Jumlah");
                ui.strong(format!(
                    "{done} dari {} dikumpulkan",
                    view.data.unit_statuses.len()
                ));
                ui.strong(rows.to_string());
                ui.strong(format_rupiah(pagu));
                ui.end_row();
            });
    });
}
