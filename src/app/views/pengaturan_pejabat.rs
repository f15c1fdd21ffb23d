//! Pengaturan → Pejabat: the officials, their lanes, unit and role, added and edited by a
//! pengelola (the first of an empty office by whoever installs the program).

use egui::{RichText, Ui};

use super::pengaturan_form::{OfficialForm, PengaturanForm, text};
use super::widgets::labelled_edit;
use super::widgets::{card_ui, hint_ui, section_title_ui};
use crate::app::{Command, OfficeCmd, ViewCtx, theme};
use crate::domain::nip::Nip;
use crate::store::OfficialInput;

pub(super) fn officials_ui(
    ui: &mut Ui,
    ctx: &ViewCtx,
    form: &mut PengaturanForm,
    out: &mut Vec<Command>,
) {
    card_ui(ui, |ui| {
        section_title_ui(ui, text::OFFICIALS);
        if ctx.data.officials.is_empty() {
            hint_ui(ui, text::NO_OFFICIALS);
        }
        for o in &ctx.data.officials {
            ui.horizontal_top(|ui| {
                if ui.small_button(text::EDIT).clicked() {
                    form.official = OfficialForm {
                        editing: Some(o.id),
                        input: OfficialInput::from_official(o),
                    };
                }
                ui.vertical(|ui| {
                    let role = if o.pengelola { " · pengelola" } else { "" };
                    let name = if o.active {
                        RichText::new(format!("{}{role}", o.name)).strong()
                    } else {
                        RichText::new(format!("{} (nonaktif)", o.name)).color(theme::MUTED)
                    };
                    ui.label(name);
                    let mut line = o.position.clone();
                    if let Some(nip) = o.nip.as_ref().map(|_| o.nip_grouped()) {
                        line = format!("{line} · NIP. {nip}");
                    }
                    ui.label(RichText::new(line).small());
                    ui.label(
                        RichText::new(ctx.sop.lane_names_of(&o.lanes).join(", "))
                            .small()
                            .color(theme::ACCENT),
                    );
                });
            });
            ui.add_space(theme::SPACE_S);
        }
        ui.separator();
        official_form_ui(ui, ctx, &mut form.official, out);
    });
}

pub(super) fn official_form_ui(
    ui: &mut Ui,
    ctx: &ViewCtx,
    form: &mut OfficialForm,
    out: &mut Vec<Command>,
) {
    let input = &mut form.input;
    egui::Grid::new("pejabat_baru")
        .num_columns(2)
        .show(ui, |ui| {
            labelled_edit(ui, text::NAME, &mut input.name);
            labelled_edit(ui, text::NIP, &mut input.nip);
            labelled_edit(ui, text::RANK, &mut input.rank);
            labelled_edit(ui, text::POSITION, &mut input.position);
        });
    // Checked while typing, so the mistake is seen before saving.
    if !input.nip.trim().is_empty() {
        match Nip::parse(&input.nip) {
            Ok(nip) => hint_ui(ui, &format!("NIP. {}", nip.grouped())),
            Err(e) => {
                ui.label(RichText::new(format!("⚠ {e}")).color(theme::ERROR));
            }
        }
    }
    ui.label(text::LANES);
    for lane in &ctx.sop.lanes {
        let mut on = input.lanes.contains(&lane.id);
        if ui.checkbox(&mut on, &lane.name).changed() {
            if on {
                input.lanes.push(lane.id.clone());
            } else {
                input.lanes.retain(|l| l != &lane.id);
            }
        }
    }
    ui.checkbox(&mut input.active, text::ACTIVE);
    ui.checkbox(&mut input.pengelola, text::PENGELOLA);
    if form.editing.is_none() && !ctx.data.officials.is_empty() {
        hint_ui(ui, text::NEW_OFFICIAL_PIN);
    }
    ui.horizontal(|ui| {
        let label = if form.editing.is_some() {
            text::SAVE_OFFICIAL
        } else {
            text::ADD_OFFICIAL
        };
        if ui.button(RichText::new(label).strong()).clicked() {
            out.push(Command::Office(OfficeCmd::SaveOfficial {
                id: form.editing,
                input: form.input.clone(),
            }));
        }
        if form.editing.is_some() && ui.button(text::CANCEL).clicked() {
            *form = OfficialForm::default();
        }
    });
}
