//! Pengaturan → data induk: the Renstra's sasaran and indikator, the budget codes and the
//! funding sources the FORMAT RKT picks from.

use egui::{RichText, Ui};

use super::pengaturan_form::{MasterForm, text};
use super::widgets::labelled_edit;
use super::widgets::{card_ui, section_title_ui};
use crate::app::{Command, OfficeCmd, ViewCtx, theme};

/// The Renstra, budget codes and funding sources the FORMAT RKT picks from.
pub(super) fn master_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut MasterForm, out: &mut Vec<Command>) {
    let m = &ctx.data.master;
    card_ui(ui, |ui| {
        section_title_ui(
            ui,
            &match m.period {
                Some(p) => format!("{} {}", text::RENSTRA, p.label()),
                None => format!("{} — tahun {} {}", text::RENSTRA, ctx.year, text::NO_PERIOD),
            },
        );
        for s in &m.renstra {
            ui.label(RichText::new(&s.text).strong());
            for i in &s.indikator {
                let t = i
                    .target(ctx.year)
                    .map(|t| format!("target {}: {t} {}", ctx.year, i.satuan))
                    .unwrap_or_else(|| format!("satuan {}", i.satuan));
                ui.label(RichText::new(format!("   • {} ({t})", i.text)).small());
            }
        }
        egui::Grid::new("renstra_baru")
            .num_columns(2)
            .show(ui, |ui| {
                labelled_edit(ui, text::SASARAN, &mut form.sasaran);
                labelled_edit(ui, text::INDIKATOR, &mut form.indikator);
                labelled_edit(ui, text::SATUAN, &mut form.satuan);
                labelled_edit(ui, &format!("Target {}", ctx.year), &mut form.target);
            });
        if ui.button(text::ADD_INDIKATOR).clicked() {
            out.push(Command::Office(OfficeCmd::AddIndikator {
                sasaran: form.sasaran.clone(),
                indikator: form.indikator.clone(),
                satuan: form.satuan.clone(),
                target: form.target.clone(),
            }));
        }
    });
    ui.add_space(theme::SPACE);
    super::pengaturan_excel::master_excel_ui(ui, ctx, form, out);
    ui.add_space(theme::SPACE);
    card_ui(ui, |ui| {
        section_title_ui(ui, text::CODES);
        super::widgets::card_list(ui, "kode_list", egui::TextStyle::Small).show(ui, |ui| {
            for c in &m.codes {
                ui.label(RichText::new(format!("{}  {}", c.code, c.name)).small());
            }
        });
        egui::Grid::new("kode_baru").num_columns(2).show(ui, |ui| {
            labelled_edit(ui, text::CODE, &mut form.code);
            labelled_edit(ui, text::CODE_NAME, &mut form.code_name);
        });
        if ui.button(text::SAVE_CODE).clicked() {
            out.push(Command::Office(OfficeCmd::SaveCode {
                code: form.code.clone(),
                name: form.code_name.clone(),
            }));
        }
        ui.separator();
        section_title_ui(ui, text::FUNDING);
        ui.label(m.funding.join(", "));
        ui.horizontal(|ui| {
            let id = ui.label(text::FUNDING_NEW).id;
            ui.add(egui::TextEdit::singleline(&mut form.funding).desired_width(160.0))
                .labelled_by(id);
            if ui.button(text::ADD_FUNDING).clicked() {
                out.push(Command::Office(OfficeCmd::AddFunding(form.funding.clone())));
            }
        });
    });
}
