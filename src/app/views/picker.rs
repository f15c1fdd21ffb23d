//! A pick-list cell that a person can work from the keyboard alone, as in Excel's drop-downs:
//! Space, Enter or ↓ open it, typing finds (the list narrows to what contains the letters),
//! ↑/↓ move, Enter picks, Escape closes, Tab takes the highlighted item and goes on; the focus
//! stays on the cell throughout. (egui's ComboBox keeps its list open after a pick, lets Tab wander
//! inside the list and drops the focus on Escape.)

use egui::{Event, EventFilter, Id, Key, Response, Sense, Ui};

mod text {
    pub const FIND: &str = "Cari:";
    pub const NONE_FOUND: &str = "Tidak ada yang cocok.";
}

/// The list's own height before it scrolls.
const LIST_MAX_HEIGHT: f32 = 260.0;

/// What an open list remembers between frames.
#[derive(Clone, Debug, Default)]
struct ListState {
    open: bool,
    /// Index into the filtered options.
    highlight: usize,
    query: String,
    /// The person moved or typed since opening: Tab then takes the highlighted item.
    moved: bool,
}

fn filtered<'a>(options: &'a [String], query: &str) -> Vec<&'a String> {
    let q = query.to_lowercase();
    options
        .iter()
        .filter(|o| q.is_empty() || o.to_lowercase().contains(&q))
        .collect()
}

/// One picker: `value` is shown (or `placeholder` when empty); returns the widget's response
/// and the option picked this frame, if any. `name` is what a screen reader (and the end-to-end
/// walk) calls it.
pub fn picker_ui(
    ui: &mut Ui,
    id: Id,
    value: &str,
    placeholder: &str,
    options: &[String],
    name: &str,
) -> (Response, Option<String>) {
    picker_lines_ui(ui, id, value, placeholder, options, name, 1)
}

/// A picker whose value wraps over `lines` lines (a table cell with long sentences) and ends in
/// "…" when it runs longer.
// Long: the pick-list's keyboard contract (type to filter, arrows, Enter, Escape) in one place.
pub fn picker_lines_ui(
    ui: &mut Ui,
    id: Id,
    value: &str,
    placeholder: &str,
    options: &[String],
    name: &str,
    lines: usize,
) -> (Response, Option<String>) {
    let width = ui.available_width().max(60.0);
    let font = egui::TextStyle::Button.resolve(ui.style());
    let line_h = ui.fonts_mut(|f| f.row_height(&font));
    let height = ui
        .spacing()
        .interact_size
        .y
        .max(line_h * lines as f32 + 2.0 * ui.spacing().button_padding.y);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, height), Sense::hover());
    // The caller's id, not an automatic one: focus asked for by id lands on this cell.
    // Tab gives the focus away as the cell is made (egui moves it on in `interact`); the list
    // still takes that Tab, so whether the cell had the focus is read first.
    let had_focus = ui.memory(|m| m.has_focus(id));
    let resp = ui.interact(rect, id, Sense::click());
    let mut state: ListState = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    let mut picked = None;

    // The mouse only: Space and Enter on the focused cell are read as keys below (egui also
    // reports them as a click).
    let mouse = resp.clicked_by(egui::PointerButton::Primary);
    if mouse {
        resp.request_focus();
        state = if state.open {
            ListState::default()
        } else {
            open_at(options, value)
        };
    }
    let tabbed_away = had_focus && !resp.has_focus();
    if resp.has_focus() || tabbed_away {
        // The arrows, Escape and (while open) typing belong to the picker, not to egui's focus
        // movement.
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                resp.id,
                EventFilter {
                    vertical_arrows: true,
                    escape: true,
                    ..Default::default()
                },
            )
        });
        let events = ui.input(|i| i.events.clone());
        for e in events {
            match e {
                Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } if !modifiers.command => {
                    keyboard(key, options, value, &mut state, &mut picked);
                }
                // Typed after a Tab in the same frame: the letters are the next cell's.
                Event::Text(t)
                    if !tabbed_away
                        && (!t.trim().is_empty() || (state.open && !state.query.is_empty())) =>
                {
                    if !state.open {
                        state = open_at(options, value);
                    }
                    state.query.push_str(&t);
                    state.highlight = 0;
                    state.moved = true;
                }
                _ => {}
            }
        }
    } else if state.open && !mouse {
        // Focus went elsewhere (a click, Tab handled above): the list goes with it.
        state.open = false;
    }

    paint_ui(ui, rect, &resp, value, placeholder, lines);
    if state.open {
        list_ui(ui, id, rect, options, &mut state, &mut picked, &resp);
    }
    if picked.is_some() {
        state.open = false;
        if !tabbed_away {
            resp.request_focus();
        }
    }
    ui.data_mut(|d| d.insert_temp(id, state));
    let shown = if value.is_empty() { placeholder } else { value };
    resp.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::ComboBox, true, name);
        info.current_text_value = Some(shown.to_string());
        info
    });
    (resp, picked)
}

/// A list opened with the current value highlighted.
fn open_at(options: &[String], value: &str) -> ListState {
    ListState {
        open: true,
        highlight: options.iter().position(|o| o == value).unwrap_or(0),
        query: String::new(),
        moved: false,
    }
}

fn keyboard(
    key: Key,
    options: &[String],
    value: &str,
    state: &mut ListState,
    picked: &mut Option<String>,
) {
    let shown = filtered(options, &state.query);
    if !state.open {
        if matches!(key, Key::Space | Key::Enter | Key::ArrowDown | Key::F4) {
            *state = open_at(options, value);
        }
        return;
    }
    match key {
        Key::ArrowDown => {
            state.highlight = (state.highlight + 1).min(shown.len().saturating_sub(1));
            state.moved = true;
        }
        Key::ArrowUp => {
            state.highlight = state.highlight.saturating_sub(1);
            state.moved = true;
        }
        Key::Home => state.highlight = 0,
        Key::End => state.highlight = shown.len().saturating_sub(1),
        Key::Enter => {
            *picked = shown.get(state.highlight).map(|s| s.to_string());
            state.open = false;
        }
        // Tab goes on to the next cell (egui moves the focus); what was chosen goes with it.
        Key::Tab => {
            if state.moved {
                *picked = shown.get(state.highlight).map(|s| s.to_string());
            }
            state.open = false;
        }
        Key::Escape => state.open = false,
        Key::Backspace => {
            state.query.pop();
            state.highlight = 0;
        }
        _ => {}
    }
}

fn paint_ui(
    ui: &Ui,
    rect: egui::Rect,
    resp: &Response,
    value: &str,
    placeholder: &str,
    lines: usize,
) {
    let visuals = ui.style().interact(resp);
    let painter = ui.painter();
    painter.rect(
        rect,
        visuals.corner_radius,
        visuals.weak_bg_fill,
        visuals.bg_stroke,
        egui::StrokeKind::Inside,
    );
    if resp.has_focus() {
        painter.rect_stroke(
            rect,
            visuals.corner_radius,
            egui::Stroke::new(2.0, crate::app::theme::ACCENT),
            egui::StrokeKind::Inside,
        );
    }
    let pad = ui.spacing().button_padding.x;
    let arrow_w = 14.0;
    let (text, color) = if value.is_empty() {
        (placeholder, ui.visuals().weak_text_color())
    } else {
        (value, visuals.text_color())
    };
    let job = super::widgets::clamped_job(
        text,
        egui::TextStyle::Button.resolve(ui.style()),
        color,
        (rect.width() - 2.0 * pad - arrow_w).max(10.0),
        lines,
    );
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    let pos = egui::pos2(rect.left() + pad, rect.center().y - galley.size().y / 2.0);
    let elided = galley.elided;
    painter.galley(pos, galley, color);
    let c = egui::pos2(rect.right() - pad - arrow_w / 2.0, rect.center().y);
    painter.add(egui::Shape::convex_polygon(
        vec![
            c + egui::vec2(-4.0, -2.0),
            c + egui::vec2(4.0, -2.0),
            c + egui::vec2(0.0, 3.0),
        ],
        visuals.fg_stroke.color,
        egui::Stroke::NONE,
    ));
    // A cut text is read whole on hover.
    if elided {
        resp.clone().on_hover_text(text);
    }
}

fn list_ui(
    ui: &Ui,
    id: Id,
    rect: egui::Rect,
    options: &[String],
    state: &mut ListState,
    picked: &mut Option<String>,
    owner: &Response,
) {
    let shown = filtered(options, &state.query);
    // Below the cell, or above it where the screen has no room below: never over the cell,
    // which egui's keeping of an area on screen would otherwise do near the bottom edge.
    let room_below = ui.ctx().content_rect().bottom() - rect.bottom();
    let (pivot, at) = if room_below < LIST_MAX_HEIGHT + 60.0 {
        (egui::Align2::LEFT_BOTTOM, rect.left_top())
    } else {
        (egui::Align2::LEFT_TOP, rect.left_bottom())
    };
    let area = egui::Area::new(id.with("daftar"))
        .order(egui::Order::Foreground)
        .pivot(pivot)
        .fixed_pos(at)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_min_width(rect.width().max(320.0));
                ui.set_max_width(rect.width().max(520.0));
                if !state.query.is_empty() {
                    ui.label(
                        egui::RichText::new(format!("{} {}", text::FIND, state.query)).italics(),
                    );
                }
                if shown.is_empty() {
                    ui.label(text::NONE_FOUND);
                }
                egui::ScrollArea::vertical()
                    .id_salt(id.with("gulir"))
                    .max_height(LIST_MAX_HEIGHT)
                    .show(ui, |ui| {
                        for (i, o) in shown.iter().enumerate() {
                            // Clicked, never focused: Tab goes on to the next cell, not
                            // into this list (where Enter would then pick what it lands on).
                            let item = egui::Button::selectable(i == state.highlight, o.as_str())
                                .sense(Sense::CLICK);
                            let r = ui.add(item);
                            if i == state.highlight && state.moved {
                                r.scroll_to_me(None);
                            }
                            if r.clicked() {
                                *picked = Some(o.to_string());
                                // The click took the focus from the cell (egui gives it up on a
                                // click elsewhere); the keyboard goes on from the cell, as after
                                // Enter.
                                owner.request_focus();
                            }
                        }
                    });
            });
        });
    // A click outside the list and its cell closes it, changing nothing.
    let clicked_elsewhere = ui.input(|i| i.pointer.any_click())
        && !area.response.contains_pointer()
        && !owner.contains_pointer();
    if clicked_elsewhere {
        state.open = false;
    }
}
