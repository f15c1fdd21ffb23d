//! Pengaturan → Bidang dan Sub Bagian: the units that fill a FORMAT RKT each, with the officials
//! who belong to them; added, renamed and retired by a pengelola (the store decides what may).

use egui::{RichText, Ui};

use super::pengaturan_form::{Section, UnitForm, scroll_if_sent, text};
use super::widgets::{card_ui, hint_ui, section_title_ui};
use crate::app::{Command, OfficeCmd, ViewCtx, theme};
use crate::store::Unit;

pub(super) fn units_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut UnitForm, out: &mut Vec<Command>) {
    settle(ctx, form);
    scroll_if_sent(ui, Section::Units);
    card_ui(ui, |ui| {
        section_title_ui(ui, text::UNITS);
        hint_ui(ui, text::UNITS_HINT);
        for unit in &ctx.data.all_units {
            unit_row_ui(ui, ctx, unit, form, out);
        }
        ui.separator();
        add_ui(ui, ctx.data.all_units.len(), form, out);
    });
}

/// A unit, its officials, and (while in use) its rename and retire buttons.
fn unit_row_ui(
    ui: &mut Ui,
    ctx: &ViewCtx,
    unit: &Unit,
    form: &mut UnitForm,
    out: &mut Vec<Command>,
) {
    if !unit.active {
        ui.label(RichText::new(format!("{} ({})", unit.name, text::RETIRED)).color(theme::MUTED));
        return;
    }
    ui.horizontal_top(|ui| {
        // Each row's buttons are named with their unit, for screen readers and tests.
        let rename = format!("{}: {}", text::RENAME, unit.name);
        if named_button(ui, text::RENAME, &rename).clicked() {
            form.renaming = Some((unit.id, unit.name.clone(), unit.name.clone()));
            form.retiring = None;
        }
        let retire = format!("{}: {}", text::RETIRE, unit.name);
        if named_button(ui, text::RETIRE, &retire).clicked() {
            form.retiring = Some(unit.id);
            form.renaming = None;
        }
        ui.vertical(|ui| {
            ui.label(RichText::new(&unit.name).strong());
            let heads: Vec<&str> = ctx
                .data
                .officials
                .iter()
                .filter(|o| o.active && o.unit_id == Some(unit.id))
                .map(|o| o.name.as_str())
                .collect();
            if heads.is_empty() {
                ui.label(RichText::new(text::NO_HEAD).small().color(theme::ERROR));
            } else {
                ui.label(RichText::new(heads.join(", ")).small().color(theme::ACCENT));
            }
        });
    });
    if let Some((id, _, name)) = &mut form.renaming
        && *id == unit.id
    {
        let cancel = ui
            .horizontal(|ui| {
                let label = ui.label(text::NEW_NAME).id;
                ui.add(egui::TextEdit::singleline(name).desired_width(320.0))
                    .labelled_by(label);
                if ui.button(text::SAVE_NAME).clicked() {
                    out.push(Command::Office(OfficeCmd::RenameUnit {
                        unit_id: unit.id,
                        name: name.clone(),
                    }));
                }
                ui.button(text::CANCEL).clicked()
            })
            .inner;
        if cancel {
            form.renaming = None;
        }
    }
    if form.retiring == Some(unit.id) {
        theme::notice(theme::LOCKED_FILL).show(ui, |ui| {
            ui.label(format!(
                "{} tidak muncul lagi di tahun-tahun berikutnya; baris dan arsip tahun lalunya tetap.",
                unit.name
            ));
            ui.horizontal(|ui| {
                if ui
                    .button(RichText::new(text::RETIRE_CONFIRM).color(theme::ERROR))
                    .clicked()
                {
                    out.push(Command::Office(OfficeCmd::RetireUnit(unit.id)));
                    // A refusal says why in the message line; the question is not asked again.
                    form.retiring = None;
                }
                if ui.button(text::CANCEL).clicked() {
                    form.retiring = None;
                }
            });
        });
    }
}

fn add_ui(ui: &mut Ui, count: usize, form: &mut UnitForm, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let kind = if form.kind.is_empty() {
            "bidang"
        } else {
            form.kind.as_str()
        };
        let mut chosen = kind.to_string();
        ui.radio_value(&mut chosen, "bidang".into(), text::UNIT_KIND_BIDANG);
        ui.radio_value(&mut chosen, "sub_bagian".into(), text::UNIT_KIND_SUB);
        form.kind = chosen;
    });
    ui.horizontal(|ui| {
        let label = ui.label(text::UNIT_NEW).id;
        ui.add(egui::TextEdit::singleline(&mut form.name).desired_width(300.0))
            .labelled_by(label);
    });
    if ui.button(text::ADD_UNIT).clicked() {
        form.adding_from = Some(count);
        out.push(Command::Office(OfficeCmd::AddUnit {
            kind: if form.kind.is_empty() {
                "bidang".into()
            } else {
                form.kind.clone()
            },
            name: form.name.clone(),
        }));
    }
}

/// A form whose command the database took starts again; a refused one keeps what was typed.
fn settle(ctx: &ViewCtx, form: &mut UnitForm) {
    if form
        .adding_from
        .is_some_and(|n| ctx.data.all_units.len() > n)
    {
        form.name.clear();
        form.adding_from = None;
    }
    // Renamed (the stored name is no longer the one the field opened with), or retired.
    if let Some((id, from, _)) = &form.renaming {
        let stored = ctx.data.all_units.iter().find(|u| u.id == *id);
        if stored.is_none_or(|u| !u.active || &u.name != from) {
            form.renaming = None;
        }
    }
}

/// A small button showing `visible`, named `name` for screen readers.
fn named_button(ui: &mut Ui, visible: &str, name: &str) -> egui::Response {
    let r = ui.small_button(visible);
    let enabled = ui.is_enabled();
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, name));
    r
}
