//! The Draft RKT (steps 6-9): compile, read any version, correct the newest one cell by cell
//! (each correction is the next version), and compare two versions.

use egui::{RichText, Ui};

use crate::app::{ActCmd, Command, ViewCmd, ViewCtx, theme};
use crate::domain::indo;
use crate::domain::rkt::format_rupiah;

use super::draft_form::{DraftForm, text};
use super::widgets::{card_ui, hint_ui, section_title_ui};

/// The Draft RKT tab: its header (at most part of the page, scrolling within it when a long
/// comparison or notes make it longer) and the version's rows below.
pub fn draft_ui(ui: &mut Ui, view: &ViewCtx, form: &mut DraftForm, out: &mut Vec<Command>) {
    let rows = super::widgets::above_table_ui(ui, "draf_alat", theme::TOOLS_SHARE, |ui| {
        head_ui(ui, view, form, out)
    });
    if let Some(can_correct) = rows {
        super::draft_table::rows_ui(ui, view, form, out, can_correct);
    }
}

// Long: the Draft RKT tab's header in page order; the rows are draft_table's.
/// Whether the version shown may be corrected, or None when there is none to show.
fn head_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    form: &mut DraftForm,
    out: &mut Vec<Command>,
) -> Option<bool> {
    let doc = view.sop.document();
    section_title_ui(ui, &format!("{} {doc}", text::TITLE));
    ui.horizontal_wrapped(|ui| {
        let compile = format!("{} {doc}", text::COMPILE);
        if ui.button(RichText::new(compile).strong()).clicked() {
            out.push(Command::Act(ActCmd::Compile));
        }
        hint_ui(ui, text::COMPILE_HINT);
    });
    let Some(shown) = &view.data.draft_shown else {
        hint_ui(ui, &format!("{} {doc} {}", text::NONE, text::NONE_END));
        return None;
    };
    let newest = view.data.drafts.first().map(|d| d.version) == Some(shown.version);
    // The newest version's indikator with two targets, to settle before it is signed.
    if newest {
        super::widgets::target_conflicts_ui(ui, view, text::TARGETS);
    }
    ui.horizontal_wrapped(|ui| {
        let id = ui.label(text::VERSION).id;
        egui::ComboBox::from_id_salt("versi_draf")
            .selected_text(format!("{}", shown.version))
            .show_ui(ui, |ui| {
                for d in &view.data.drafts {
                    if ui
                        .selectable_label(
                            d.version == shown.version,
                            format!("Versi {} — {}", d.version, d.note),
                        )
                        .clicked()
                    {
                        out.push(Command::View(ViewCmd::ShowDraft(Some(d.version))));
                    }
                }
            })
            .response
            .labelled_by(id);
        ui.label(
            RichText::new(format!(
                "{} · {} · {} baris · {}",
                shown.created_by,
                indo::datetime_short(shown.created_at),
                shown.rows,
                format_rupiah(shown.pagu)
            ))
            .color(theme::MUTED),
        );
        ui.separator();
        let id = ui.label(text::COMPARE).id;
        let current = view.data.compared.as_ref().map(|(a, b, _)| (*a, *b));
        egui::ComboBox::from_id_salt("bandingkan")
            .selected_text(match current {
                Some((a, b)) => format!("{a} ↔ {b}"),
                None => text::NO_COMPARE.into(),
            })
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(current.is_none(), text::NO_COMPARE)
                    .clicked()
                {
                    out.push(Command::View(ViewCmd::CompareDrafts(None)));
                }
                for d in view
                    .data
                    .drafts
                    .iter()
                    .filter(|d| d.version != shown.version)
                {
                    if ui
                        .selectable_label(false, format!("Versi {}", d.version))
                        .clicked()
                    {
                        out.push(Command::View(ViewCmd::CompareDrafts(Some(d.version))));
                    }
                }
            })
            .response
            .labelled_by(id);
    });
    if let Some((a, b, diff)) = &view.data.compared {
        card_ui(ui, |ui| {
            ui.label(
                RichText::new(format!(
                    "Versi {a} → versi {b}: {} ditambah, {} dihapus, {} diubah",
                    diff.added.len(),
                    diff.removed.len(),
                    diff.changed.len()
                ))
                .strong(),
            );
            if diff.added.is_empty() && diff.removed.is_empty() && diff.changed.is_empty() {
                hint_ui(ui, text::SAME);
            }
            for r in &diff.added {
                ui.label(
                    RichText::new(format!(
                        "+ {} — {} ({})",
                        r.unit, r.values.indikator, r.values.code
                    ))
                    .color(theme::OK),
                );
            }
            for r in &diff.removed {
                ui.label(
                    RichText::new(format!(
                        "− {} — {} ({})",
                        r.unit, r.values.indikator, r.values.code
                    ))
                    .color(theme::ERROR),
                );
            }
            for (before, after, cols) in &diff.changed {
                for c in cols {
                    ui.label(format!(
                        "✎ {} — {}: {}: \"{}\" → \"{}\"",
                        after.unit,
                        after.values.indikator,
                        c.title(),
                        before.values.get(*c),
                        after.values.get(*c)
                    ));
                }
            }
        });
    }
    notes_ui(ui, view, form, out);
    let can_correct = newest
        && view
            .correction_step()
            .is_some_and(|step| super::step_actions::may_act(view, step));
    hint_ui(
        ui,
        if can_correct {
            text::CAN_CORRECT
        } else {
            text::READ_ONLY
        },
    );
    Some(can_correct)
}

/// Correction notes: open ones with their row, a form to add one, "done" to resolve.
fn notes_ui(ui: &mut Ui, view: &ViewCtx, form: &mut DraftForm, out: &mut Vec<Command>) {
    let open: Vec<_> = view
        .data
        .notes
        .iter()
        .filter(|n| n.resolved.is_none())
        .collect();
    let row_name = |key: &str| {
        view.data
            .draft_rows
            .iter()
            .position(|r| r.key == key)
            .map(|i| {
                format!(
                    "baris {} ({})",
                    i + 1,
                    view.data.draft_rows[i].values.indikator
                )
            })
            .unwrap_or_else(|| "baris yang sudah dihapus".into())
    };
    egui::CollapsingHeader::new(format!("{} ({} terbuka)", text::NOTES, open.len()))
        .default_open(!open.is_empty())
        .show(ui, |ui| {
            for n in &open {
                ui.horizontal_wrapped(|ui| {
                    let about = n
                        .row_key
                        .as_deref()
                        .map_or_else(|| "seluruh draft".to_string(), row_name);
                    ui.label(format!(
                        "✎ {} — {}{}: {}",
                        n.author,
                        about,
                        n.step.map(|s| format!(", langkah {s}")).unwrap_or_default(),
                        n.text
                    ));
                    if ui.small_button(text::RESOLVE).clicked() {
                        out.push(Command::Act(ActCmd::ResolveNote(n.id)));
                    }
                });
            }
            let resolved = view.data.notes.len() - open.len();
            if resolved > 0 {
                hint_ui(ui, &format!("{resolved} catatan sudah selesai."));
            }
            ui.horizontal(|ui| {
                let about = form
                    .note_row
                    .as_deref()
                    .map_or_else(|| "seluruh draft".to_string(), row_name);
                let id = ui.label(format!("Catatan untuk {about}")).id;
                ui.add(egui::TextEdit::singleline(&mut form.note).desired_width(360.0))
                    .labelled_by(id);
                if ui.button(text::ADD_NOTE).clicked() {
                    out.push(Command::Act(ActCmd::AddNote {
                        row_key: form.note_row.clone(),
                        text: form.note.clone(),
                    }));
                }
            });
            hint_ui(ui, text::NOTE_HINT);
        });
}
