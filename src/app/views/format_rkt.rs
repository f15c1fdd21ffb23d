//! Format RKT: each unit fills its FORMAT RKT, the TIM collects, compiles and corrects the
//! Draft RKT (in the built-in SOP steps 4, 5, 6-9). Keyboard first; every cell committed when it
//! is left. An SOP in force without those steps is said at the top.

use egui::Ui;

use crate::app::{Command, ViewCtx};

use super::draft;
use super::format_form::{FormatForm, FormatTab, text};
use super::widgets::{hint_ui, section_title_ui};
use crate::domain::sop::Requirement;

pub fn format_ui(ui: &mut Ui, view: &ViewCtx, form: &mut FormatForm, out: &mut Vec<Command>) {
    if form.tab_year != Some(view.year) {
        if form.tab_year.is_some() {
            form.tab = FormatTab::Fill;
        }
        form.tab_year = Some(view.year);
    }
    ui.horizontal(|ui| {
        section_title_ui(ui, &format!("FORMAT RKT Tahun {}", view.year));
        ui.separator();
        let draft = format!("{} {}", text::TAB_DRAFT, view.sop.document());
        for (tab, label) in [
            (FormatTab::Fill, text::TAB_FILL),
            (FormatTab::Collect, text::TAB_COLLECT),
            (FormatTab::Draft, draft.as_str()),
        ] {
            if ui.selectable_label(form.tab == tab, label).clicked() && form.tab != tab {
                // A correction still open on the Draft RKT is kept, not dropped with its tab.
                out.extend(form.draft.pending());
                form.tab = tab;
            }
        }
    });
    ui.separator();
    let sop = view.sop;
    if sop.step_requiring(Requirement::FormatsSubmitted).is_none()
        && sop.step_requiring(Requirement::DraftCompiled).is_none()
    {
        hint_ui(
            ui,
            &format!(
                "{} tidak memuat langkah pengumpulan FORMAT RKT maupun kompilasi Draft {}: isian di halaman ini tidak menjadi syarat langkah mana pun.",
                sop.name(),
                sop.document()
            ),
        );
    }
    match form.tab {
        FormatTab::Fill => super::format_fill::fill_ui(ui, view, form, out),
        FormatTab::Collect => {
            egui::ScrollArea::both()
                .id_salt("pengumpulan_gulir")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    super::widgets::fit_page_width(ui);
                    super::format_collect::collect_ui(ui, view);
                });
        }
        FormatTab::Draft => draft::draft_ui(ui, view, &mut form.draft, out),
    }
}
