//! The actions an official may take on the active step. Beranda uses it now, the flowchart's
//! side panel later: one code path for every transition.

use egui::{RichText, Ui};

use crate::app::{ActCmd, Command, ViewCtx, theme};
use crate::domain::sop::{Requirement, Step, Symbol};
use crate::domain::workflow::Intent;

use super::widgets::{hint_ui, pin_field_ui};

mod text {
    pub const NOTE: &str = "Catatan (boleh kosong)";
    /// Where "Lanjutkan tanpa menunggu semua unit" is offered: the note is its reason.
    pub const NOTE_OR_ANYWAY: &str = "Catatan (wajib bila melanjutkan tanpa menunggu semua unit)";
    pub const NOTE_OR_REASON: &str = "Catatan, atau alasan bila dikembalikan";
    pub const ACCEPT: &str = "Setujui dan Tandatangani";
    pub const PIN: &str = "PIN tanda tangan";
    pub const USE_IMAGES: &str =
        "Bubuhkan pindaian tanda tangan dan stempel (bila diatur di Pengaturan)";
    pub const SIGN_HINT: &str = "Menandatangani membekukan versi Draft RKT terakhir (tidak bisa diubah lagi) dan membubuhkan tanda tangan digital Anda pada PDF-nya; bila kunci Anda di flash disk, pasang dulu.";
    pub const ARCHIVE: &str = "Arsipkan RKT (PDF bertanda tangan)";
    pub const REASON_HINT: &str = "Alasan wajib diisi bila dikembalikan.";
    pub const RETURN: &str = "Kembalikan untuk Koreksi";
    pub const ANYWAY: &str = "Lanjutkan tanpa menunggu semua unit";
    pub const ANYWAY_HINT: &str = "Tulis alasannya di catatan; alasan itu tercatat di riwayat.";
    pub const PICK_OFFICIAL: &str = "Masuk lewat \"Bertindak sebagai\" (di atas): pilih nama Anda lalu ketik PIN Anda untuk mencatat langkah ini.";
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ActionForm {
    pub note: String,
    /// Typed for one click only: cleared whatever the outcome.
    pub pin: String,
    pub use_images: bool,
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
    let signs = decision && step.requirement == Some(Requirement::Signed);
    if signs {
        sign_ui(ui, form, out);
    }
    ui.horizontal(|ui| {
        if decision {
            // A decision that signs has its button above; the plain accept is for the others.
            if !signs
                && ui
                    .button(RichText::new(format!("✔ {}", text::ACCEPT)).color(theme::OK))
                    .clicked()
            {
                out.push(Command::Act(ActCmd::Workflow(Intent::Accept {
                    step: step.no,
                    note: form.note.clone(),
                })));
            }
            if ui
                .button(RichText::new(format!("↩ {}", text::RETURN)).color(theme::ERROR))
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
                out.push(Command::Act(ActCmd::Workflow(Intent::Complete {
                    step: step.no,
                    note: form.note.clone(),
                })));
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

/// The head's signature: PIN (masked), the scanned images or not, and the button.
fn sign_ui(ui: &mut Ui, form: &mut ActionForm, out: &mut Vec<Command>) {
    ui.vertical(|ui| {
        ui.horizontal(|ui| {
            let (_, enter) = pin_field_ui(ui, text::PIN, &mut form.pin, 90.0, "pin_tanda_tangan");
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
                    pin: std::mem::take(&mut form.pin),
                    use_images: form.use_images,
                }));
            }
        });
        ui.checkbox(&mut form.use_images, text::USE_IMAGES);
        hint_ui(ui, text::SIGN_HINT);
    });
    ui.add_space(theme::SPACE_S);
    hint_ui(ui, text::REASON_HINT);
}
