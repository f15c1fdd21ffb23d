//! Who may fill the chosen unit's FORMAT RKT: its own officials, or the TIM after recording why
//! it acts for the unit. Nobody signed in only views. (The store enforces this; the page says
//! it before anyone types.)

use egui::{RichText, Ui};

use crate::app::{ActCmd, Command, ViewCtx, theme};
use crate::domain::sop::Requirement;

mod text {
    pub const SIGN_IN: &str = "Hanya melihat. Untuk mengisi, pilih nama Anda di \"Bertindak sebagai\" lalu ketik PIN Anda.";
    pub const REASON: &str = "Alasan mengisi atas nama unit";
    pub const ACT_FOR: &str = "Isi atas nama unit";
    pub const HINT: &str =
        "Mis. \"berkas Excel dikirim Bidang lewat surel\". Alasan dicatat di Riwayat.";
}

/// Draws why the table is read-only, if it is, and offers the TIM its way in; true when the
/// signed-in person may edit the unit's rows.
pub fn unit_gate_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    reason: &mut String,
    out: &mut Vec<Command>,
) -> bool {
    let Some(me) = view.acting else {
        theme::notice(theme::LOCKED_FILL).show(ui, |ui| ui.label(text::SIGN_IN));
        return false;
    };
    if me.unit_id.is_some() && me.unit_id == view.unit || view.data.proxy.is_some() {
        if let Some(why) = &view.data.proxy {
            ui.label(
                RichText::new(format!("Diisi atas nama unit — alasan: {why}")).color(theme::MUTED),
            );
        }
        return true;
    }
    let unit = view
        .data
        .units
        .iter()
        .find(|u| Some(u.id) == view.unit)
        .map_or("", |u| u.name.as_str());
    let collecting = view.sop.step_requiring(Requirement::FormatsSubmitted);
    theme::notice(theme::LOCKED_FILL).show(ui, |ui| {
        ui.label(format!(
            "FORMAT RKT {unit} diisi dan dikumpulkan oleh pejabat {unit} sendiri; {} hanya melihat.",
            me.name
        ));
        if collecting.is_some_and(|s| view.sop.admits(s, &me.lanes)) {
            ui.horizontal(|ui| {
                let id = ui.label(text::REASON).id;
                ui.add(egui::TextEdit::singleline(reason).desired_width(320.0))
                    .labelled_by(id);
                if ui.button(text::ACT_FOR).clicked() {
                    out.push(Command::Act(ActCmd::ActForUnit {
                        reason: std::mem::take(reason),
                    }));
                }
            });
            ui.label(RichText::new(text::HINT).small().color(theme::MUTED));
        }
    });
    false
}
