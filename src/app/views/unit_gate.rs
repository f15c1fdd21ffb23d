//! Who may fill the chosen unit's tables (FORMAT RKT, Rencana Aksi, realisation): its own
//! officials, or the TIM after recording why it acts for the unit. Nobody signed in only views.
//! (The store enforces this; the page says it before anyone types.) And the unit chosen.

use egui::{RichText, Ui};

use crate::app::{ActCmd, Command, ViewCmd, ViewCtx, theme};
use crate::domain::sop::Requirement;

mod text {
    pub const SIGN_IN: &str = "Hanya melihat. Untuk mengisi, pilih nama Anda di \"Bertindak sebagai\" lalu ketik PIN Anda.";
    pub const REASON: &str = "Alasan mengisi atas nama unit";
    pub const ACT_FOR: &str = "Isi atas nama unit";
    pub const HINT: &str =
        "Mis. \"berkas Excel dikirim Bidang lewat surel\". Alasan dicatat di Riwayat.";
    pub const UNIT: &str = "Unit";
}

/// Draws why the table is read-only, if it is, and offers the TIM its way in; true when the
/// signed-in person may edit the unit's rows. `what`: the table ("FORMAT RKT").
pub fn unit_gate_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    what: &str,
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
            "{what} {unit} diisi dan dikumpulkan oleh pejabat {unit} sendiri; {} hanya melihat.",
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

/// The unit whose table is shown, chosen from the year's units; each with `status` (its
/// state in this table). `leaving`: what is being typed, committed before another unit is
/// shown. True when another unit was chosen.
pub fn unit_picker_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    id_salt: &str,
    status: &dyn Fn(i64) -> String,
    leaving: &mut dyn FnMut() -> Vec<Command>,
    out: &mut Vec<Command>,
) -> bool {
    let label_id = ui.label(text::UNIT).id;
    let current = view
        .data
        .units
        .iter()
        .find(|u| Some(u.id) == view.unit)
        .map(|u| u.name.clone())
        .unwrap_or_default();
    let mut changed = false;
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(current)
        .width(360.0)
        // Every unit in view at once (egui's default shows about six and hides the rest).
        .height(theme::LIST_HEIGHT)
        .show_ui(ui, |ui| {
            for u in &view.data.units {
                let label = match status(u.id) {
                    s if s.is_empty() => u.name.clone(),
                    s => format!("{} — {s}", u.name),
                };
                if ui
                    .selectable_label(Some(u.id) == view.unit, label)
                    .clicked()
                    && Some(u.id) != view.unit
                {
                    // Whatever is being typed belongs to the unit being left.
                    out.extend(leaving());
                    out.push(Command::View(ViewCmd::SelectUnit(u.id)));
                    changed = true;
                }
            }
        })
        .response
        .labelled_by(label_id);
    changed
}

/// Whether the signed-in official is of the TIM's lane (the step that collects the units'
/// formats): who starts the Rencana Aksi, acts for a unit, and reopens what a unit reported.
pub fn in_tim(view: &ViewCtx) -> bool {
    let step = view.sop.step_requiring(Requirement::FormatsSubmitted);
    view.acting
        .zip(step)
        .is_some_and(|(me, s)| view.sop.admits(s, &me.lanes))
}

/// Who is of the TIM's lane, in words ("Tim Penyusun RKT").
pub fn tim_words(view: &ViewCtx) -> String {
    let Some(step) = view.sop.step_requiring(Requirement::FormatsSubmitted) else {
        return "TIM".into();
    };
    let ids: Vec<String> = step
        .lanes
        .iter()
        .filter_map(|&i| view.sop.lanes.get(i).map(|l| l.id.clone()))
        .collect();
    view.sop.lane_roles_of(&ids).join(" atau ")
}
