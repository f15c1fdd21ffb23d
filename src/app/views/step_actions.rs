//! The actions an official may take on the active step. Beranda uses it now, the flowchart's
//! side panel later: one code path for every transition.

use egui::{RichText, Ui};

use crate::app::{ActCmd, Command, Place, ViewCtx, theme};
use crate::domain::sop::{Exit, Requirement, Step, Symbol};
use crate::domain::workflow::{Intent, unsubmitted_at_close};

use super::widgets::{card_ui, hint_ui, message_ui, passphrase_field_ui, target_conflicts_ui};

mod text {
    pub const NOTE: &str = "Catatan (boleh kosong)";
    /// Where "Lanjutkan tanpa menunggu semua unit" is offered: the note is its reason.
    pub const NOTE_OR_ANYWAY: &str = "Catatan (wajib bila melanjutkan tanpa menunggu semua unit)";
    pub const NOTE_OR_REASON: &str = "Catatan, atau alasan bila dikembalikan";
    pub const ACCEPT: &str = "Setujui dan Tandatangani";
    pub const PASS: &str = "Kata sandi kunci tanda tangan";
    pub const USE_IMAGES: &str =
        "Bubuhkan pindaian tanda tangan dan stempel (bila diatur di Pengaturan)";
    pub const SIGN_HINT: &str = "Menandatangani membekukan versi Draft RKT terakhir (tidak bisa diubah lagi) dan membubuhkan tanda tangan digital Anda pada PDF-nya; bila kunci Anda di flash disk, pasang dulu.";
    pub const ARCHIVE: &str = "Arsipkan RKT (PDF bertanda tangan)";
    pub const REASON_HINT: &str = "Alasan wajib diisi bila dikembalikan.";
    pub const RETURN: &str = "Kembalikan untuk Koreksi";
    pub const ANYWAY: &str = "Lanjutkan tanpa menunggu semua unit";
    pub const ANYWAY_HINT: &str = "Tulis alasannya di catatan; alasan itu tercatat di riwayat.";
    pub const PICK_OFFICIAL: &str = "Masuk lewat \"Bertindak sebagai\" (di atas): pilih nama Anda lalu ketik PIN Anda untuk mencatat langkah ini.";
    pub const NOT_ALL_IN: &str = "Belum semua unit mengumpulkan FORMAT RKT";
    pub const NOT_ALL_IN_HINT: &str = "Langkah berikutnya mengumpulkan format semua unit; unit yang belum mengumpulkan tertinggal kecuali TIM mencatat alasannya. Tetap selesaikan langkah ini sekarang?";
    pub const CLOSE_ANYWAY: &str = "Ya, Tetap Selesaikan";
    pub const CANCEL: &str = "Batal";
    pub const TARGETS: &str = "Periksa target sebelum menandatangani:";
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ActionForm {
    pub note: String,
    /// Typed for one click only: cleared whatever the outcome.
    pub pin: String,
    pub use_images: bool,
    /// Closing the step while units have not submitted was asked: the list waits for a yes.
    pub confirm_close: bool,
}

/// May the official acting now act on `step`?
pub fn may_act(ctx: &ViewCtx, step: &Step) -> bool {
    ctx.acting.is_some_and(|o| ctx.sop.admits(step, &o.lanes))
}

// Long: the actions of a step as the panel lists them; who may act is the store's decision.
pub fn step_actions_ui(
    ui: &mut Ui,
    ctx: &ViewCtx,
    step: &Step,
    form: &mut ActionForm,
    out: &mut Vec<Command>,
) {
    if ctx.acting.is_none() {
        hint_ui(ui, text::PICK_OFFICIAL);
        return;
    }
    if !may_act(ctx, step) {
        hint_ui(
            ui,
            &format!(
                "Langkah ini dikerjakan oleh {}. Yang sedang masuk bukan pelaksananya; pelaksananya masuk dengan PIN-nya sendiri (tekan \"Selesai\" dulu).",
                ctx.sop.lane_names(step)
            ),
        );
        return;
    }
    let decision = step.symbol == Symbol::Decision;
    // Going on without every unit needs a reason, written in the note.
    let anyway = !decision && step.requirement == Some(Requirement::FormatsSubmitted);
    let label_id = ui
        .label(if decision {
            text::NOTE_OR_REASON
        } else if anyway {
            text::NOTE_OR_ANYWAY
        } else {
            text::NOTE
        })
        .id;
    ui.add(
        egui::TextEdit::multiline(&mut form.note)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label_id);
    let signs = step.signs();
    if signs {
        sign_ui(ui, ctx, form, out);
    }
    // The units that have not submitted their format, when this step closes their filling.
    let statuses = &ctx.data.unit_statuses;
    let left = unsubmitted_at_close(
        ctx.sop,
        step,
        statuses
            .iter()
            .filter(|u| u.unit.active)
            .map(|u| (u.unit.name.as_str(), u.submission.is_some())),
    );
    if form.confirm_close && !left.is_empty() {
        confirm_close_ui(
            ui,
            step,
            &left,
            statuses.iter().filter(|u| u.unit.active).count(),
            form,
            out,
        );
        return;
    }
    // Wrapped: two long answers ("Tidak — kembali ke langkah 4") fit a narrow panel.
    ui.horizontal_wrapped(|ui| {
        if decision {
            // A decision that signs has its button above; any other answers its own question
            // with "Ya" or "Tidak", each saying where the cycle goes.
            let (yes, no) = choices(step);
            if !signs
                && ui
                    .button(RichText::new(format!("✔ {yes}")).color(theme::OK))
                    .clicked()
            {
                out.push(Command::Act(ActCmd::Workflow(Intent::Accept {
                    step: step.no,
                    note: form.note.clone(),
                })));
            }
            let back = if signs { text::RETURN.to_string() } else { no };
            if ui
                .button(RichText::new(format!("↩ {back}")).color(theme::ERROR))
                .clicked()
            {
                out.push(Command::Act(ActCmd::Workflow(Intent::Return {
                    step: step.no,
                    reason: form.note.clone(),
                })));
            }
        } else if step.requirement == Some(Requirement::Archived) {
            if ui
                .button(
                    RichText::new(format!("✔ {} — Langkah {}", text::ARCHIVE, step.no)).strong(),
                )
                .clicked()
            {
                out.push(Command::Act(ActCmd::Archive));
            }
        } else {
            if ui
                .button(RichText::new(format!("✔ Selesaikan Langkah {}", step.no)).strong())
                .clicked()
            {
                // Not yet: first the units that have not submitted, and a yes.
                if left.is_empty() {
                    out.push(complete(step, form));
                } else {
                    form.confirm_close = true;
                }
            }
            if anyway
                && ui
                    .button(text::ANYWAY)
                    .on_hover_text(text::ANYWAY_HINT)
                    .clicked()
            {
                out.push(Command::Act(ActCmd::Workflow(Intent::CompleteAnyway {
                    step: step.no,
                    reason: form.note.clone(),
                })));
            }
        }
    });
}

/// A plain decision's two answers, named by where each sends the cycle: "Ya — lanjut ke
/// langkah 6", "Tidak — kembali ke langkah 4".
pub fn choices(step: &Step) -> (String, String) {
    match step.exit {
        Exit::Decision { yes, no } => (
            format!("Ya — lanjut ke langkah {yes}"),
            format!(
                "Tidak — {} ke langkah {no}",
                if no < step.no { "kembali" } else { "lanjut" }
            ),
        ),
        Exit::Next(_) => ("Ya".into(), "Tidak".into()),
    }
}

fn complete(step: &Step, form: &ActionForm) -> Command {
    Command::Act(ActCmd::Workflow(Intent::Complete {
        step: step.no,
        note: form.note.clone(),
    }))
}

/// Closing the step where the units fill their formats while some have not submitted: which
/// ones, and a yes or no.
fn confirm_close_ui(
    ui: &mut Ui,
    step: &Step,
    left: &[&str],
    units: usize,
    form: &mut ActionForm,
    out: &mut Vec<Command>,
) {
    card_ui(ui, |ui| {
        ui.label(
            RichText::new(format!(
                "⚠ {} ({} dari {units} unit belum):",
                text::NOT_ALL_IN,
                left.len()
            ))
            .color(theme::ERROR)
            .strong(),
        );
        for name in left {
            ui.label(format!("• {name}"));
        }
        hint_ui(ui, text::NOT_ALL_IN_HINT);
        ui.horizontal(|ui| {
            if ui
                .button(format!("{} Langkah {}", text::CLOSE_ANYWAY, step.no))
                .clicked()
            {
                out.push(complete(step, form));
                form.confirm_close = false;
            }
            if ui.button(text::CANCEL).clicked() {
                form.confirm_close = false;
            }
        });
    });
}

/// The head's signature: an indikator given two targets first, then the key's passphrase
/// (masked), the scanned images or not, and the button; a wrong passphrase is said under it.
fn sign_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut ActionForm, out: &mut Vec<Command>) {
    target_conflicts_ui(ui, ctx, text::TARGETS);
    ui.vertical(|ui| {
        // The passphrase on its own row, the button under it: a sentence-long field and the
        // button do not fit the half-width card side by side.
        let enter = ui
            .horizontal(|ui| {
                passphrase_field_ui(ui, text::PASS, &mut form.pin, "kata_sandi_tanda_tangan").1
            })
            .inner;
        if ui
            .button(
                RichText::new(format!("✔ {}", text::ACCEPT))
                    .color(theme::OK)
                    .strong(),
            )
            .clicked()
            || (enter && !form.pin.is_empty())
        {
            out.push(Command::Act(ActCmd::Sign {
                pass: std::mem::take(&mut form.pin).into(),
                use_images: form.use_images,
            }));
        }
        message_ui(ui, ctx, Place::Sign);
        ui.checkbox(&mut form.use_images, text::USE_IMAGES);
        hint_ui(ui, text::SIGN_HINT);
    });
    ui.add_space(theme::SPACE_S);
    hint_ui(ui, text::REASON_HINT);
}
