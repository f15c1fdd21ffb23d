//! Pengaturan → Pejabat: the officials, their lanes, unit and role, added and edited by a
//! pengelola (the first of an empty office by whoever installs the program).

use egui::{RichText, Ui};

use super::pengaturan_form::{OfficialForm, PengaturanForm, Section, scroll_if_sent, text};
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
    scroll_if_sent(ui, Section::Officials);
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
                    let unit = o
                        .unit_id
                        .and_then(|u| ctx.data.all_units.iter().find(|x| x.id == u));
                    if let Some(unit) = unit {
                        ui.label(RichText::new(format!("Unit: {}", unit.name)).small());
                    }
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
            // Checked while typing, on one line of its own that is always there: what it says
            // changes, the fields below stay where they are.
            ui.label("");
            let (said, color) = if input.nip.trim().is_empty() {
                (text::NIP_HINT.to_string(), theme::MUTED)
            } else {
                match Nip::parse(&input.nip) {
                    Ok(nip) => (format!("NIP. {}", nip.grouped()), theme::MUTED),
                    Err(e) => (format!("⚠ {e}"), theme::ERROR),
                }
            };
            ui.add(egui::Label::new(RichText::new(said).small().color(color)).truncate());
            ui.end_row();
            labelled_edit(ui, text::RANK, &mut input.rank);
            labelled_edit(ui, text::POSITION, &mut input.position);
            unit_picker_ui(ui, ctx, &mut input.unit_id);
        });
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
    if ctx.data.officials.is_empty() {
        // The store makes the first official pengelola whatever the box says: it says so.
        ui.add_enabled(false, egui::Checkbox::new(&mut true, text::PENGELOLA));
        ui.add(egui::Label::new(RichText::new(text::FIRST_PENGELOLA).color(theme::ACCENT)).wrap());
    } else {
        ui.checkbox(&mut input.pengelola, text::PENGELOLA);
    }
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

/// The official's bidang or sub bagian (units in use), or none.
fn unit_picker_ui(ui: &mut Ui, ctx: &ViewCtx, unit_id: &mut Option<i64>) {
    let label_id = ui.label(text::UNIT).id;
    let name_of = |id: Option<i64>| {
        id.and_then(|u| ctx.data.all_units.iter().find(|x| x.id == u))
            .map_or(text::NO_UNIT, |u| u.name.as_str())
    };
    egui::ComboBox::from_id_salt("unit_pejabat")
        .selected_text(name_of(*unit_id))
        .width(ui.available_width().min(360.0))
        .height(theme::LIST_HEIGHT)
        .show_ui(ui, |ui| {
            ui.selectable_value(unit_id, None, text::NO_UNIT);
            for u in ctx.data.all_units.iter().filter(|u| u.active) {
                ui.selectable_value(unit_id, Some(u.id), &u.name);
            }
        })
        .response
        .labelled_by(label_id);
    ui.end_row();
}
