//! Colours, spacing and text styles, defined once.

use std::sync::Arc;

use egui::{Color32, CornerRadius, FontFamily, FontId, Margin, Stroke, TextStyle, Theme};

use crate::domain::workflow::StepState;

/// Vertical spacing, from a hair between two lines of one item to the gap above a page's
/// title block; `SPACE` is the default gap between items.
pub const SPACE_XS: f32 = 2.0;
pub const SPACE_S: f32 = 4.0;
pub const SPACE_M: f32 = 6.0;
pub const SPACE: f32 = 8.0;
pub const SPACE_L: f32 = 12.0;
pub const SPACE_XL: f32 = 20.0;
pub const SPACE_XXL: f32 = 24.0;
pub const CARD_MARGIN: i8 = 12;
/// The width of a scroll bar (its handle; the bar takes a few points more).
pub const SCROLL_BAR_WIDTH: f32 = 10.0;

/// Satpol PP's dark khaki-green, for headings and the selected page.
pub const ACCENT: Color32 = Color32::from_rgb(0x3B, 0x5B, 0x2E);
pub const MUTED: Color32 = Color32::from_rgb(0x5F, 0x63, 0x68);
pub const ERROR: Color32 = Color32::from_rgb(0xB0, 0x1E, 0x1E);
pub const OK: Color32 = Color32::from_rgb(0x1E, 0x6B, 0x32);
pub const CARD_FILL: Color32 = Color32::from_rgb(0xFA, 0xFA, 0xF7);
pub const CARD_STROKE: Color32 = Color32::from_rgb(0xD5, 0xD8, 0xCF);
/// Behind a notice that something is locked (a submitted format).
pub const LOCKED_FILL: Color32 = Color32::from_rgb(0xFF, 0xF4, 0xD6);
/// Behind a notice waiting for the user's decision (an import preview).
pub const PENDING_FILL: Color32 = Color32::from_rgb(0xEE, 0xF4, 0xFF);

/// Colour of a step state. Never used alone: `state_icon` and the state's word go with it.
pub fn state_color(state: StepState) -> Color32 {
    match state {
        StepState::Done => Color32::from_rgb(0x1E, 0x6B, 0x32),
        StepState::Active => Color32::from_rgb(0x1F, 0x5F, 0xA8),
        StepState::Waiting => Color32::from_rgb(0x6B, 0x6F, 0x76),
        StepState::Late => Color32::from_rgb(0xB0, 0x1E, 0x1E),
    }
}

pub fn state_icon(state: StepState) -> &'static str {
    match state {
        StepState::Done => "✔",
        StepState::Active => "▶",
        StepState::Waiting => "◻",
        StepState::Late => "⚠",
    }
}

/// The bold face, for headings and section titles.
pub fn bold_family() -> FontFamily {
    FontFamily::Name("bold".into())
}

/// DejaVu Sans (shipped in assets/, so the .exe needs no system fonts): a regular weight that
/// reads well on office screens and has the symbols the states use (✔ ▶ ◻ ⚠ ↩).
fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "DejaVuSans".into(),
        Arc::new(egui::FontData::from_static(include_bytes!(
            "../../assets/fonts/DejaVuSans.ttf"
        ))),
    );
    fonts.font_data.insert(
        "DejaVuSans-Bold".into(),
        Arc::new(egui::FontData::from_static(include_bytes!(
            "../../assets/fonts/DejaVuSans-Bold.ttf"
        ))),
    );
    if let Some(list) = fonts.families.get_mut(&FontFamily::Proportional) {
        list.insert(0, "DejaVuSans".into());
    }
    if let Some(list) = fonts.families.get_mut(&FontFamily::Monospace) {
        list.push("DejaVuSans".into());
    }
    fonts.families.insert(
        bold_family(),
        vec!["DejaVuSans-Bold".into(), "DejaVuSans".into()],
    );
    ctx.set_fonts(fonts);
}

/// Light visuals with larger text: the office reads on a 1366×768 screen.
pub fn apply(ctx: &egui::Context) {
    install_fonts(ctx);
    ctx.set_theme(Theme::Light);
    ctx.style_mut_of(Theme::Light, |style| {
        style.text_styles = [
            (TextStyle::Heading, FontId::new(20.0, bold_family())),
            (TextStyle::Body, FontId::new(13.5, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(13.5, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(11.5, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(13.5, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(SPACE, SPACE_M);
        // Scroll bars that are always drawn and take their own room, wide enough to grab, as
        // on Windows: egui's floating ones are a thin line until hovered, and a clerk did not
        // find the Format RKT table's sideways bar at all.
        style.spacing.scroll = egui::style::ScrollStyle {
            bar_width: SCROLL_BAR_WIDTH,
            ..egui::style::ScrollStyle::solid()
        };
        style.spacing.button_padding = egui::vec2(10.0, 4.0);
        style.visuals.selection.bg_fill = ACCENT;
        style.visuals.selection.stroke = Stroke::new(1.0, Color32::WHITE);
    });
}

/// A bordered card for one topic of a page.
pub fn card() -> egui::Frame {
    egui::Frame::new()
        .fill(CARD_FILL)
        .stroke(Stroke::new(1.0, CARD_STROKE))
        .corner_radius(CornerRadius::same(6))
        .inner_margin(Margin::same(CARD_MARGIN))
}

/// A tinted box for a notice across the page (locked, waiting for a decision).
pub fn notice(fill: Color32) -> egui::Frame {
    egui::Frame::new().fill(fill).inner_margin(8)
}

/// How tall a drop-down list may grow before it scrolls: a whole office's officials or units
/// in view at once.
pub const LIST_HEIGHT: f32 = 480.0;
/// The part of a page above its table (tools, notices, a preview) takes at most this share of
/// the page's height, and scrolls within it when longer: the table keeps the rest.
pub const TOOLS_SHARE: f32 = 0.6;
/// ... but never less than this, on a very low window.
pub const TOOLS_MIN_HEIGHT: f32 = 120.0;
/// A list placed in the room left below (`widgets::room_below`) is at least this tall.
pub const LIST_MIN_HEIGHT: f32 = 100.0;
/// A list inside a card (the codes) takes this share of the window's visible height...
pub const LIST_SHARE: f32 = 0.7;
/// ... and shows at least this many lines before it scrolls.
pub const LIST_MIN_ROWS: f32 = 12.0;
/// Points a page's content leaves free at its right edge, for its layout's rounding to pixels.
pub const ROUNDING_ROOM: f32 = 2.0;
/// A field for a sentence (a passphrase, a path).
pub const FIELD_WIDE: f32 = 260.0;

/// The bars of TW I–IV in the capaian chart, light to dark in the accent's green.
pub const QUARTER_BARS: [Color32; 4] = [
    Color32::from_rgb(0xA9, 0xC2, 0x8F),
    Color32::from_rgb(0x7D, 0xA0, 0x5F),
    Color32::from_rgb(0x55, 0x7D, 0x3C),
    Color32::from_rgb(0x2F, 0x4C, 0x22),
];
/// The bars of budget absorbed (serapan) per unit.
pub const SERAPAN_BAR: Color32 = Color32::from_rgb(0x1F, 0x5F, 0xA8);
/// The 100 % line of the charts, and their axis.
pub const CHART_RULE: Color32 = Color32::from_rgb(0x9A, 0x9A, 0x9A);
