//! Beranda: where the year's cycle stands, who must act, what is late, and what happened.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::app::{ActCmd, Command, FileCmd, ViewCtx, theme};
use crate::domain::indo;
use crate::domain::workflow::{Intent, StepState};
use crate::session::setup::actors_of;
use crate::store::action_label;

use super::beranda_setup::{SetupForm, setup_ui, who_starts};
use super::step_actions::{ActionForm, step_actions_ui};
use super::widgets::{card_ui, hint_ui, section_title_ui, state_badge_ui};

mod text {
    pub const ACTIVE_STEP: &str = "Langkah aktif";
    pub const EXECUTOR: &str = "Pelaksana";
    pub const DUE: &str = "Batas waktu";
    pub const SINCE: &str = "Aktif sejak";
    pub const LATE_TITLE: &str = "Langkah terlambat";
    pub const NONE_LATE: &str = "Tidak ada langkah yang terlambat.";
    pub const PROGRESS: &str = "Kemajuan langkah SOP";
    pub const HISTORY: &str = "Riwayat";
    pub const NO_HISTORY: &str = "Belum ada riwayat untuk tahun ini.";
    pub const CHAIN_BROKEN: &str = "Log audit basis data ini diubah di luar program: riwayat di bawah ini tidak sepenuhnya dapat dipercaya. Laporkan kepada pengelola.";
    pub const COL_TIME: &str = "Waktu";
    pub const COL_WHO: &str = "Oleh";
    pub const COL_WHAT: &str = "Tindakan";
    pub const COL_STEP: &str = "Langkah";
    pub const COL_DETAIL: &str = "Keterangan";
    pub const DEMO_TITLE: &str = "Basis data masih kosong";
    pub const DEMO_BODY: &str = "Untuk mencoba program, isi dengan data contoh: pejabat rekaan (nama dan NIP bukan orang sungguhan), Renstra, kode program/kegiatan, dan sekitar 40 baris FORMAT RKT. Untuk pemakaian sungguhan, ikuti langkah persiapan di bawah.";
    pub const DEMO: &str = "Isi data contoh";
    pub const NEED_OFFICIAL: &str = "Masuk lewat \"Bertindak sebagai\" (nama dan PIN Anda) untuk memulai siklus; yang memulai tercatat di riwayat.";
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BerandaForm {
    pub action: ActionForm,
    /// The first-run checklist's own state (its sign-in dialog, the scroll to the start).
    pub setup: SetupForm,
}

pub fn beranda_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut BerandaForm, out: &mut Vec<Command>) {
    egui::ScrollArea::both()
        .id_salt("beranda_gulir")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            super::widgets::fit_page_width(ui);
            if ctx.data.empty_office {
                card_ui(ui, |ui| {
                    section_title_ui(ui, text::DEMO_TITLE);
                    hint_ui(ui, text::DEMO_BODY);
                    if ui.button(RichText::new(text::DEMO).strong()).clicked() {
                        out.push(Command::File(FileCmd::FillDemo { rows: 40 }));
                    }
                });
                ui.add_space(theme::SPACE);
            }
            super::beranda_kunci::signing_chores_ui(ui, ctx, out);
            super::beranda_laporan::report_reminder_ui(ui, ctx, out);
            // Until the office's first cycle starts, Beranda leads through the setup.
            if ctx.data.years.is_empty() {
                setup_ui(ui, ctx, &mut form.setup, out);
                ui.add_space(theme::SPACE);
            }
            ui.columns(2, |cols| {
                cycle_card_ui(&mut cols[0], ctx, form, out);
                cols[0].add_space(theme::SPACE);
                late_card_ui(&mut cols[0], ctx);
                progress_card_ui(&mut cols[1], ctx);
            });
            ui.add_space(theme::SPACE);
            history_card_ui(ui, ctx);
        });
}

// Long: the cycle card as the page shows it, line by line; the state it reads is the domain's.
fn cycle_card_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut BerandaForm, out: &mut Vec<Command>) {
    // The checklist's last step brings this card, with its start button, into view.
    if std::mem::take(&mut form.setup.to_start) {
        let at = egui::Rect::from_min_size(ui.cursor().min, egui::vec2(1.0, 1.0));
        ui.scroll_to_rect(at, Some(egui::Align::TOP));
    }
    card_ui(ui, |ui| {
        let doc = ctx.sop.document();
        section_title_ui(ui, &format!("Siklus {doc} Tahun {}", ctx.year));
        if let Some(err) = &ctx.data.cycle_error {
            ui.label(RichText::new(err).color(theme::ERROR));
            return;
        }
        let Some((_, state)) = &ctx.data.cycle else {
            ui.label(format!("Siklus {doc} tahun {} belum dimulai.", ctx.year));
            if let Some(end) = ctx.steps.last().and_then(|v| v.due) {
                hint_ui(
                    ui,
                    &format!(
                        "Bila dimulai sekarang, semua {} langkah selesai paling lambat {}.",
                        ctx.sop.steps.len(),
                        indo::datetime(end)
                    ),
                );
            }
            ui.add_space(theme::SPACE_M);
            // Only step 1's column may start (the store refuses anyone else): the button says
            // so before it is pressed, and whose it is beside it.
            let first = ctx.sop.step(ctx.sop.first_step());
            let may_start = ctx
                .acting
                .is_some_and(|o| first.is_some_and(|s| ctx.sop.admits(s, &o.lanes)));
            let start = ui
                .add_enabled(
                    may_start,
                    egui::Button::new(
                        RichText::new(format!("▶ Mulai Siklus {doc} {}", ctx.year)).strong(),
                    ),
                )
                .on_disabled_hover_text(who_starts(ctx));
            if start.clicked() {
                out.push(Command::Act(ActCmd::Workflow(Intent::Start)));
            }
            // Starting is step 1's act: who may press the button, by name.
            ui.label(RichText::new(who_starts(ctx)).color(theme::ACCENT));
            if ctx.acting.is_none() {
                hint_ui(ui, text::NEED_OFFICIAL);
            }
            return;
        };
        if let Some(done) = state.finished {
            ui.label(
                RichText::new(format!(
                    "✔ Siklus {doc} tahun {} selesai pada {}.",
                    ctx.year,
                    indo::datetime(done)
                ))
                .color(theme::OK)
                .strong(),
            );
            if state.returns > 0 {
                hint_ui(
                    ui,
                    &format!("Dikembalikan untuk koreksi {} kali.", state.returns),
                );
            }
            return;
        }
        let Some(active) = state.active.and_then(|n| ctx.sop.step(n)) else {
            return;
        };
        let view = &ctx.steps[active.no as usize - 1];
        ui.horizontal(|ui| {
            ui.label(format!(
                "{}: {} dari {}",
                text::ACTIVE_STEP,
                active.no,
                ctx.sop.steps.len()
            ));
            state_badge_ui(ui, view.state);
            if state.returns > 0 {
                ui.label(
                    RichText::new(format!("putaran koreksi ke-{}", state.returns + 1))
                        .color(theme::MUTED),
                );
            }
        });
        ui.label(RichText::new(&active.text).size(17.0).strong());
        if let Some(back) = state.last_return() {
            // The head's reason is what this round must fix: shown where the work is.
            theme::notice(theme::LOCKED_FILL).show(ui, |ui| {
                ui.add(
                    egui::Label::new(
                        RichText::new(format!(
                            "↩ Dikembalikan oleh {} pada {}: {}",
                            back.actor_name,
                            indo::datetime(back.at),
                            back.note.trim()
                        ))
                        .color(theme::ERROR),
                    )
                    .wrap(),
                );
            });
        }
        egui::Grid::new("aktif").num_columns(2).show(ui, |ui| {
            ui.label(text::EXECUTOR);
            ui.label(ctx.sop.lane_names(active));
            ui.end_row();
            if let Some(since) = view.start {
                ui.label(text::SINCE);
                ui.label(indo::datetime(since));
                ui.end_row();
            }
            if let Some(due) = view.due {
                ui.label(text::DUE);
                let duration = active.duration.to_string().to_lowercase();
                let due_text = RichText::new(format!("{} · {duration}", indo::datetime(due)));
                ui.label(if view.state == StepState::Late {
                    due_text.color(theme::ERROR).strong()
                } else {
                    due_text
                });
                ui.end_row();
            }
        });
        ui.add_space(theme::SPACE_M);
        step_actions_ui(ui, ctx, active, &mut form.action, out);
    });
}

fn late_card_ui(ui: &mut Ui, ctx: &ViewCtx) {
    card_ui(ui, |ui| {
        section_title_ui(ui, text::LATE_TITLE);
        let late: Vec<_> = ctx
            .steps
            .iter()
            .filter(|v| v.state == StepState::Late)
            .collect();
        if late.is_empty() {
            hint_ui(ui, text::NONE_LATE);
        }
        for v in late {
            let step = ctx.sop.step(v.step).expect("views follow the SOP");
            ui.label(
                RichText::new(format!(
                    "⚠ Langkah {} — {}: lewat batas {}",
                    step.no,
                    step.text,
                    v.due.map(indo::datetime).unwrap_or_default()
                ))
                .color(theme::ERROR),
            );
        }
    });
}

fn progress_card_ui(ui: &mut Ui, ctx: &ViewCtx) {
    card_ui(ui, |ui| {
        section_title_ui(ui, text::PROGRESS);
        for v in &ctx.steps {
            let step = ctx.sop.step(v.step).expect("views follow the SOP");
            let when = match (&v.done, v.state) {
                (Some(done), _) => format!(
                    "oleh {} · {}{}",
                    done.actor_name,
                    indo::datetime_short(done.at),
                    if v.done_late { " (terlambat)" } else { "" }
                ),
                // Before the cycle starts: who will act, and when it would be done.
                (None, StepState::Waiting) if ctx.data.cycle.is_none() => {
                    let who = actors_of(&ctx.data.officials, ctx.sop, step.no)
                        .iter()
                        .map(|o| o.name.as_str())
                        .collect::<Vec<_>>();
                    let who = if who.is_empty() {
                        format!("{} (belum ada pejabat)", ctx.sop.lane_names(step))
                    } else {
                        format!("{}: {}", ctx.sop.lane_names(step), who.join(", "))
                    };
                    let plan = v
                        .due
                        .map(|d| format!(" · rencana selesai {}", indo::datetime_short(d)))
                        .unwrap_or_default();
                    format!("oleh {who}{plan}")
                }
                (None, StepState::Waiting) => v
                    .due
                    .map(|d| format!("rencana selesai {}", indo::datetime_short(d)))
                    .unwrap_or_default(),
                (None, _) => v
                    .due
                    .map(|d| format!("batas {}", indo::datetime_short(d)))
                    .unwrap_or_default(),
            };
            ui.horizontal_top(|ui| {
                ui.allocate_ui_with_layout(
                    egui::vec2(STATE_WIDTH, 0.0),
                    egui::Layout::top_down(egui::Align::Min),
                    |ui| {
                        ui.set_min_width(STATE_WIDTH);
                        state_badge_ui(ui, v.state);
                    },
                );
                ui.vertical(|ui| {
                    ui.add(egui::Label::new(format!("{}. {}", step.no, step.text)).wrap());
                    ui.label(RichText::new(when).small().color(theme::MUTED));
                });
            });
        }
    });
}

/// Room for the widest state word ("⚠ Terlambat").
const STATE_WIDTH: f32 = 112.0;

fn history_card_ui(ui: &mut Ui, ctx: &ViewCtx) {
    card_ui(ui, |ui| {
        section_title_ui(ui, &format!("{} {}", text::HISTORY, ctx.year));
        chain_problems_ui(ui, &ctx.data.chain_problems);
        if ctx.data.audit.is_empty() {
            hint_ui(ui, text::NO_HISTORY);
            return;
        }
        TableBuilder::new(ui)
            .id_salt("riwayat")
            .striped(true)
            .column(Column::exact(150.0))
            .column(Column::exact(170.0))
            .column(Column::exact(210.0))
            .column(Column::exact(70.0))
            .column(Column::remainder())
            .header(24.0, |mut h| {
                for t in [
                    text::COL_TIME,
                    text::COL_WHO,
                    text::COL_WHAT,
                    text::COL_STEP,
                    text::COL_DETAIL,
                ] {
                    h.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            // Only the rows in view are laid out (a year's history holds hundreds).
            .body(|body| {
                body.rows(22.0, ctx.data.audit.len(), |mut row| {
                    let a = &ctx.data.audit[row.index()];
                    row.col(|ui| {
                        ui.label(indo::datetime_short(a.at));
                    });
                    row.col(|ui| {
                        ui.label(&a.actor_name);
                    });
                    row.col(|ui| {
                        // The cycle begun is the SOP's own document's ("Memulai siklus Renja").
                        if a.action == "siklus.mulai" {
                            ui.label(format!("Memulai siklus {}", ctx.sop.document()));
                        } else {
                            ui.label(action_label(&a.action));
                        }
                    });
                    row.col(|ui| {
                        ui.label(a.step.map(|s| s.to_string()).unwrap_or_default());
                    });
                    row.col(|ui| {
                        ui.label(&a.detail).on_hover_text(&a.detail);
                    });
                });
            });
    });
}

/// The audit log's chain broken (rows changed, deleted or slipped in behind the program's
/// back): a red box with each problem, above the history it puts in doubt.
fn chain_problems_ui(ui: &mut Ui, problems: &[String]) {
    if problems.is_empty() {
        return;
    }
    theme::notice(egui::Color32::from_rgb(0xFD, 0xEC, 0xEC))
        .stroke(egui::Stroke::new(1.0, theme::ERROR))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(text::CHAIN_BROKEN)
                    .color(theme::ERROR)
                    .strong(),
            );
            for p in problems {
                ui.label(RichText::new(format!("• {p}")).color(theme::ERROR));
            }
        });
    ui.add_space(theme::SPACE);
}
