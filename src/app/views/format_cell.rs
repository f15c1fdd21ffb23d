//! A typed cell of the FORMAT RKT table: committed when left, kept on screen when refused.

use egui::{Key, Stroke, Ui};

use crate::app::{ActCmd, Command, RktEdit, ViewCtx, theme};
use crate::domain::rkt::{Col, RowValues};
use crate::store::RktRow;

use super::format_form::{FormatForm, normalized, text};

// Long: one typed cell's whole keyboard contract (typing saved at once, Enter/Tab/arrows, Escape, a refused text kept) in one place, so no key is handled twice.
pub(super) fn text_cell_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    form: &mut FormatForm,
    out: &mut Vec<Command>,
    i: usize,
    r: &RktRow,
    col: Col,
) {
    let rows = &view.data.rows;
    let key = (r.id, col);
    let value = r.values.get(col);
    let mut text = form
        .buffers
        .get(&key)
        .map_or_else(|| value.to_string(), |b| b.1.clone());
    let id = ui.make_persistent_id(("sel", r.id, col.db_name()));
    // Free text that runs long wraps over the row's two lines rather than being cut mid-word;
    // Enter still goes to the next row (Shift+Enter starts a new line).
    let two_lines = matches!(col, Col::PenanggungJawab | Col::Keterangan);
    // Not being edited, a long text keeps to the row's two lines and ends in "…" (the cell
    // stays the row's height); being edited, it shows whole.
    let editing = ui.memory(|m| m.has_focus(id));
    let mut clamp = |ui: &Ui, buf: &dyn egui::TextBuffer, wrap_width: f32| {
        let job = super::widgets::clamped_job(
            buf.as_str(),
            egui::TextStyle::Body.resolve(ui.style()),
            ui.visuals().text_color(),
            wrap_width,
            2,
        );
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let edit = if two_lines {
        let edit = egui::TextEdit::multiline(&mut text)
            .desired_rows(2)
            .return_key(egui::KeyboardShortcut::new(
                egui::Modifiers::SHIFT,
                Key::Enter,
            ));
        if editing {
            edit
        } else {
            edit.layouter(&mut clamp)
        }
    } else {
        egui::TextEdit::singleline(&mut text)
    };
    let resp = ui.add(edit.id(id).desired_width(f32::INFINITY).align(
        if matches!(col, Col::Pagu | Col::Target) {
            egui::Align2::RIGHT_CENTER
        } else {
            egui::Align2::LEFT_TOP
        },
    ));
    resp.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::TextInput,
            true,
            format!("{} baris {}", col.title(), i + 1),
        )
    });
    if form.unsaved.contains_key(&key) {
        ui.painter().rect_stroke(
            resp.rect,
            2.0,
            Stroke::new(2.0, theme::ERROR),
            egui::StrokeKind::Inside,
        );
        resp.clone().on_hover_text(text::UNSAVED_CELL);
    }
    if form.focus == Some((i, col)) {
        resp.request_focus();
        form.focus = None;
    }
    if resp.gained_focus() {
        form.selected = Some(i);
        super::format_form::reveal(ui, &resp, form);
    }
    if resp.changed() {
        let original = form
            .buffers
            .get(&key)
            .map_or_else(|| value.to_string(), |b| b.0.clone());
        form.buffers.insert(key, (original, text.clone()));
        out.push(Command::Act(ActCmd::RktTyping {
            row_id: r.id,
            col,
            text: text.clone(),
        }));
    }
    // A two-line cell keeps the focus on Enter: it is left here as a one-line cell is.
    let enter_here = two_lines
        && resp.has_focus()
        && ui.input_mut(|inp| inp.consume_key(egui::Modifiers::NONE, Key::Enter));
    if enter_here {
        resp.surrender_focus();
    }
    let enter = enter_here || ui.input(|inp| inp.key_pressed(Key::Enter));
    let left = resp.lost_focus() || enter_here;
    // The arrow is taken from the frame's input: the row below gets the focus in this same
    // frame and would otherwise see the same key and move on, down to the last row.
    let (up, down) = if resp.has_focus() {
        ui.input_mut(|inp| {
            (
                inp.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
                inp.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
            )
        })
    } else {
        (false, false)
    };
    if up || down {
        let target = if up {
            i.checked_sub(1)
        } else {
            Some(i + 1).filter(|&n| n < rows.len())
        };
        if let Some(t) = target {
            form.focus = Some((t, col));
            form.selected = Some(t);
        }
    }
    if left {
        if let Some((original, typed)) = form.buffers.remove(&key) {
            let new = normalized(col, &typed);
            if new != original {
                out.push(Command::Act(ActCmd::Rkt(RktEdit::SetCell {
                    row_id: r.id,
                    col,
                    old: original,
                    new,
                })));
            }
        }
        if enter {
            if i + 1 < rows.len() {
                form.focus = Some((i + 1, col));
                form.selected = Some(i + 1);
            } else {
                // Enter on the last row starts a new one, so a whole table fills from the keys.
                out.push(Command::Act(ActCmd::Rkt(RktEdit::Add {
                    after: Some(r.position),
                    values: RowValues::default(),
                })));
                form.focus = Some((i + 1, Col::Sasaran));
                form.selected = Some(i + 1);
            }
        }
    }
    // Type-to-search for the sub kegiatan code.
    if col == Col::Code && resp.has_focus() {
        let query = text.trim().to_lowercase();
        let matches: Vec<_> = view
            .data
            .master
            .codes
            .iter()
            .filter(|c| c.level == crate::domain::rkt::CodeLevel::SubKegiatan)
            .filter(|c| {
                query.is_empty()
                    || c.code.starts_with(&query)
                    || c.name.to_lowercase().contains(&query)
            })
            .take(8)
            .collect();
        if !matches.is_empty() {
            egui::Area::new(id.with("saran"))
                .order(egui::Order::Foreground)
                .fixed_pos(resp.rect.left_bottom())
                .show(ui.ctx(), |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        for c in matches {
                            if ui
                                .selectable_label(false, format!("{}  {}", c.code, c.name))
                                .clicked()
                            {
                                form.buffers.remove(&key);
                                out.push(Command::Act(ActCmd::Rkt(RktEdit::SetCell {
                                    row_id: r.id,
                                    col,
                                    old: value.to_string(),
                                    new: c.code.clone(),
                                })));
                            }
                        }
                    });
                });
        }
    }
}
