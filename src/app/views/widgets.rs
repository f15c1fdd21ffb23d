//! Small pieces shared by the pages.

use egui::{RichText, Ui};

use crate::app::theme;
use crate::domain::workflow::StepState;

/// "✔ Selesai", coloured: the icon and the word carry the meaning, the colour repeats it.
pub fn state_badge_ui(ui: &mut Ui, state: StepState) {
    ui.label(
        RichText::new(format!("{} {}", theme::state_icon(state), state.label()))
            .color(theme::state_color(state))
            .strong(),
    );
}

/// The last command's message where it was asked for (a card, a dialog), if it is for `place`:
/// "✔ …" or "⚠ …", wrapped.
pub fn message_ui(ui: &mut Ui, ctx: &crate::app::ViewCtx, place: crate::app::Place) {
    let Some(flash) = ctx.message(place) else {
        return;
    };
    let (text, color) = match flash {
        crate::app::Flash::Ok(t) => (format!("✔ {t}"), theme::OK),
        crate::app::Flash::Err(t) => (format!("⚠ {t}"), theme::ERROR),
    };
    ui.add(egui::Label::new(RichText::new(text).color(color).strong()).wrap());
}

/// Each indikator the newest Draft RKT (the one signed, once signed) gives two targets, named
/// with both under `title`, in the colour of a warning; nothing when there is none.
pub fn target_conflicts_ui(ui: &mut Ui, ctx: &crate::app::ViewCtx, title: &str) {
    let conflicts = &ctx.data.target_conflicts;
    if conflicts.is_empty() {
        return;
    }
    ui.label(
        RichText::new(format!("⚠ {title}"))
            .color(theme::ERROR)
            .strong(),
    );
    for c in conflicts {
        ui.add(
            egui::Label::new(RichText::new(format!("• {}", c.sentence())).color(theme::ERROR))
                .wrap(),
        );
    }
}

/// A section title inside a page.
pub fn section_title_ui(ui: &mut Ui, text: &str) {
    ui.label(
        RichText::new(text)
            .family(theme::bold_family())
            .size(15.5)
            .color(theme::ACCENT),
    );
}

/// A muted explanatory line.
pub fn hint_ui(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).color(theme::MUTED));
}

/// A bordered card filling the width it is given, its content laid out left-aligned (not
/// justified, which would stretch buttons and space out wrapped words).
pub fn card_ui<R>(ui: &mut Ui, add_contents: impl FnOnce(&mut Ui) -> R) -> R {
    theme::card()
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.with_layout(egui::Layout::top_down(egui::Align::Min), add_contents)
                .inner
        })
        .inner
}

/// At the top of a scroll area that scrolls sideways too (a page, for whatever is still wider
/// than the window rather than cut at its edge; a table): its content is laid out a little
/// narrower than the area, so that a layout filling the width exactly (two columns of cards,
/// a table's last column, each rounded to whole pixels) is not taken for one too wide, which
/// showed a sideways bar on every page.
pub fn fit_page_width(ui: &mut Ui) {
    ui.set_max_width(ui.available_width() - theme::ROUNDING_ROOM);
}

/// A list inside a card, with a scroll bar of its own: most of the window's visible height, and
/// at least `theme::LIST_MIN_ROWS` lines of `style` text, wherever on the page it stands (by
/// default a scroll area inside a scrolled page is as tall as the room left below it on screen,
/// which made the code list three lines tall).
pub fn card_list(ui: &Ui, id_salt: &str, style: egui::TextStyle) -> egui::ScrollArea {
    let line = ui.text_style_height(&style) + ui.spacing().item_spacing.y;
    let height = (ui.clip_rect().height() * theme::LIST_SHARE).max(theme::LIST_MIN_ROWS * line);
    egui::ScrollArea::vertical()
        .id_salt(id_salt)
        .max_height(height)
        .min_scrolled_height(height)
}

/// What stands above a page's table (its tools, notices, previews): at most `share` of the
/// room left (never less than `theme::TOOLS_MIN_HEIGHT`), scrolling within it when longer, so
/// the table keeps the rest and nothing above it is pushed below the window's edge.
pub fn above_table_ui<R>(
    ui: &mut Ui,
    id: &str,
    share: f32,
    add_contents: impl FnOnce(&mut Ui) -> R,
) -> R {
    let above = (ui.available_height() * share).max(theme::TOOLS_MIN_HEIGHT);
    egui::ScrollArea::vertical()
        .id_salt(id)
        .max_height(above)
        .auto_shrink([false, true])
        .show(ui, add_contents)
        .inner
}

/// The height from the cursor to the foot of what is seen of this part of the page, less a
/// margin, and at least `theme::LIST_MIN_HEIGHT`: a list as the last thing of a bounded part
/// (the import preview above the table) ends in view.
pub fn room_below(ui: &Ui) -> f32 {
    (ui.clip_rect().bottom() - ui.cursor().top() - theme::SPACE_L).max(theme::LIST_MIN_HEIGHT)
}

/// The width a row of buttons with these labels takes, their spacing included.
pub fn buttons_width(ui: &Ui, labels: &[&str]) -> f32 {
    let pad = 2.0 * ui.spacing().button_padding.x + ui.spacing().item_spacing.x;
    labels
        .iter()
        .map(|t| {
            let galley = egui::WidgetText::from(*t).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Button,
            );
            galley.size().x + pad
        })
        .sum()
}

/// Text in at most `rows` lines at the width available: a longer text ends in "…" (never a
/// line sliced by its cell) and is read whole on hover.
pub fn clamped_label_ui(ui: &mut Ui, text: &str, rows: usize) -> egui::Response {
    let job = clamped_job(
        text,
        egui::TextStyle::Body.resolve(ui.style()),
        ui.visuals().text_color(),
        ui.available_width().max(20.0),
        rows,
    );
    let galley = ui.painter().layout_job(job);
    let elided = galley.elided;
    let resp = ui.add(egui::Label::new(galley));
    if elided {
        resp.on_hover_text(text)
    } else {
        resp
    }
}

/// `text` laid out in at most `rows` lines of `width`, ending in "…" when it does not fit (the
/// galley says so in `elided`).
pub fn clamped_job(
    text: &str,
    font: egui::FontId,
    color: egui::Color32,
    width: f32,
    rows: usize,
) -> egui::text::LayoutJob {
    let mut job = egui::text::LayoutJob::simple(text.to_owned(), font, color, width);
    job.wrap.max_rows = rows;
    job.wrap.overflow_character = Some('…');
    job
}

/// What a save dialog offers to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Excel,
}

/// A masked PIN field after its label (named by it for screen readers and tests). Returns the
/// field's response and whether Enter was pressed in it, to act as its button does.
pub fn pin_field_ui(
    ui: &mut Ui,
    label: &str,
    pin: &mut String,
    width: f32,
    salt: impl egui::AsIdSalt,
) -> (egui::Response, bool) {
    let label_id = ui.label(label).id;
    let r = ui
        .add(
            egui::TextEdit::singleline(pin)
                .password(true)
                .desired_width(width)
                .char_limit(12)
                .id_salt(salt),
        )
        .labelled_by(label_id);
    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    (r, enter)
}

/// A passphrase field (masked, long enough for a sentence), labelled for screen readers.
pub fn passphrase_field_ui(
    ui: &mut Ui,
    label: &str,
    pass: &mut String,
    salt: impl egui::AsIdSalt,
) -> (egui::Response, bool) {
    let label_id = ui.label(label).id;
    let r = ui
        .add(
            egui::TextEdit::singleline(pass)
                .password(true)
                .desired_width(theme::FIELD_WIDE)
                .char_limit(200)
                .id_salt(salt),
        )
        .labelled_by(label_id);
    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    (r, enter)
}

/// A label and its text field, linked so screen readers (and tests) find the field by its label.
pub fn labelled_edit(ui: &mut Ui, label: &str, value: &mut String) -> egui::Response {
    let label_id = ui.label(label).id;
    let r = ui
        .add(
            egui::TextEdit::singleline(value)
                .desired_width(f32::INFINITY)
                .id_salt(label),
        )
        .labelled_by(label_id);
    ui.end_row();
    r
}

/// A labelled field of a set width, for a row that has a button after it.
pub fn labelled_field(ui: &mut Ui, label: &str, value: &mut String) -> egui::Response {
    let label_id = ui.label(label).id;
    ui.add(
        egui::TextEdit::singleline(value)
            .desired_width(theme::FIELD_WIDE)
            .id_salt(label),
    )
    .labelled_by(label_id)
}

/// A fingerprint as it is read aloud: on two lines, in groups of four bytes.
pub fn fingerprint_ui(ui: &mut Ui, fp: &str) {
    ui.label(RichText::new(fingerprint_lines(fp)).monospace());
}

/// "AB:CD:…" (32 bytes) in groups of four bytes, four groups a line: two lines narrow enough
/// for the settings column of a 1280-pixel screen. Anything else is shown as it is.
pub fn fingerprint_lines(fp: &str) -> String {
    let bytes: Vec<&str> = fp.split(':').collect();
    if bytes.len() < 2 {
        return fp.to_string();
    }
    let groups: Vec<String> = bytes.chunks(4).map(|g| g.join(":")).collect();
    groups
        .chunks(4)
        .map(|line| line.join("  "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod fingerprint_tests {
    #[test]
    fn a_fingerprint_reads_in_two_lines_of_groups() {
        let fp: Vec<String> = (0..32).map(|i| format!("{i:02X}")).collect();
        let lines = super::fingerprint_lines(&fp.join(":"));
        assert_eq!(
            lines,
            "00:01:02:03  04:05:06:07  08:09:0A:0B  0C:0D:0E:0F\n10:11:12:13  14:15:16:17  18:19:1A:1B  1C:1D:1E:1F"
        );
        assert_eq!(super::fingerprint_lines("tanpa"), "tanpa");
    }
}
