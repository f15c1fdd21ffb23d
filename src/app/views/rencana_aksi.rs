//! Rencana Aksi: after the Perjanjian Kinerja is signed, each unit sets for its indikator which
//! way is better, how the quarters add up, the target of each quarter, the sub kegiatan that
//! serve it and its actions, in a table typed as the FORMAT RKT is (grid_cell.rs).

use egui::{RichText, Ui};

use crate::app::{ActCmd, Command, ViewCtx, theme};
use crate::domain::indo;

use super::rencana_aksi_form::{RencanaForm, text};
use super::widgets::{hint_ui, section_title_ui};

pub fn rencana_ui(ui: &mut Ui, view: &ViewCtx, form: &mut RencanaForm, out: &mut Vec<Command>) {
    let plan = &view.data.plan;
    ui.horizontal(|ui| {
        section_title_ui(ui, &format!("Rencana Aksi Tahun {}", view.year));
        toolbar_extra_ui(ui, view, out);
    });
    ui.separator();
    if !plan.started {
        start_ui(ui, view, out);
        return;
    }
    let share = if plan.rows.is_empty() {
        1.0
    } else {
        theme::TOOLS_SHARE
    };
    let locked = super::widgets::above_table_ui(ui, "rencana_alat", share, |ui| {
        tools_ui(ui, view, form, out)
    });
    if !plan.rows.is_empty() {
        super::rencana_aksi_table::table_ui(ui, view, form, out, locked);
    }
}

/// The place for the Rencana Aksi's own files and signing (Excel template out and in, the
/// head's signature, the PDF): added beside the title by the work that makes them.
/// Beside the title: the chosen unit's Excel template out and in, once the rows exist.
fn toolbar_extra_ui(ui: &mut Ui, view: &ViewCtx, out: &mut Vec<Command>) {
    if view.data.plan.started {
        ui.separator();
        super::year_excel::plan_excel_ui(ui, view, out);
    }
}

/// Before the year's rows exist: what comes first, or the TIM's button to make them.
fn start_ui(ui: &mut Ui, view: &ViewCtx, out: &mut Vec<Command>) {
    let year = view.year;
    if !view.data.plan.pk_signed {
        hint_ui(
            ui,
            &format!(
                "Rencana Aksi {year} disusun dari Perjanjian Kinerja {year} yang sudah ditandatangani. Perjanjian Kinerja {year} belum ditandatangani: RKT {year} ditandatangani dan diarsipkan dulu, lalu Kepala menandatangani Perjanjian Kinerja di halaman Tanda Tangan & Arsip."
            ),
        );
        return;
    }
    ui.label(format!(
        "Perjanjian Kinerja {year} sudah ditandatangani. Rencana Aksi dibuat darinya: satu baris untuk tiap indikator PK dan unit yang menanggungnya."
    ));
    if super::unit_gate::in_tim(view) {
        if ui
            .button(RichText::new(format!("▶ {}", text::START)).strong())
            .clicked()
        {
            out.push(Command::Act(ActCmd::StartPlan));
        }
    } else {
        hint_ui(
            ui,
            &format!(
                "Rencana Aksi dimulai oleh {} (\"{}\"); setelah itu tiap unit mengisi barisnya.",
                super::unit_gate::tim_words(view),
                text::START
            ),
        );
    }
}

/// Everything above the table; whether the table is read-only.
fn tools_ui(ui: &mut Ui, view: &ViewCtx, form: &mut RencanaForm, out: &mut Vec<Command>) -> bool {
    let plan = &view.data.plan;
    ui.horizontal_wrapped(|ui| {
        let rows = &plan.rows;
        let grid = &mut form.grid;
        let mut leaving = || grid.pending(&|id| rows.iter().any(|r| r.id == id));
        if super::unit_gate::unit_picker_ui(
            ui,
            view,
            "unit_rencana",
            &|_| String::new(),
            &mut leaving,
            out,
        ) {
            form.grid.selected = None;
        }
        ui.label(format!("· {} indikator", plan.rows.len()));
        let invalid = plan.problems.iter().filter(|p| !p.is_empty()).count();
        if invalid > 0 {
            ui.label(RichText::new(format!("· ⚠ {invalid} {}", text::INVALID)).color(theme::ERROR));
        }
        ui.label(RichText::new(text::KEYS_SHORT).color(theme::MUTED))
            .on_hover_text(text::KEYS);
    });
    if let Some(signed) = &plan.signed {
        theme::notice(theme::LOCKED_FILL).show(ui, |ui| {
            ui.label(
                RichText::new(format!(
                    "Ditandatangani oleh {} pada {}. Rencana Aksi ini terkunci (hanya baca).",
                    signed.signer,
                    indo::datetime(signed.signed_at)
                ))
                .strong(),
            );
        });
        return true;
    }
    if plan.rows.is_empty() {
        hint_ui(ui, text::NO_ROWS_UNIT);
        return true;
    }
    let may_edit = super::grid_table::gate_and_undo_ui(
        ui,
        view,
        "Rencana Aksi",
        (&mut form.proxy_reason, &form.grid),
        out,
        |_| false,
    )
    .is_some();
    if may_edit {
        ui.label(
            RichText::new(format!("{} {}", text::FROM_PK, text::SUB_HINT)).color(theme::MUTED),
        );
    }
    !may_edit
}
