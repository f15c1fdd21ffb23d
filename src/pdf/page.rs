//! A page as the layout leaves it: positioned text, lines, boxes and images, in points with the
//! origin at the top left (the renderer flips to PDF's bottom-left origin).

use super::fonts::Face;

pub const MM: f32 = 72.0 / 25.4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// A4 landscape, 297 × 210 mm.
    #[default]
    A4,
    /// F4 (folio) landscape, 330 × 215 mm, common in Indonesian offices.
    F4,
}

impl Paper {
    /// Width and height in points, landscape.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (297.0 * MM, 210.0 * MM),
            Paper::F4 => (330.0 * MM, 215.0 * MM),
        }
    }

    pub fn from_setting(s: &str) -> Paper {
        match s {
            "F4" => Paper::F4,
            _ => Paper::A4,
        }
    }

    pub fn setting(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::F4 => "F4",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

pub const BLACK: Rgb = Rgb(0.0, 0.0, 0.0);
pub const HEADER_FILL: Rgb = Rgb(0.88, 0.88, 0.88);
pub const GROUP_FILL: Rgb = Rgb(0.95, 0.95, 0.95);
pub const DRAFT_RED: Rgb = Rgb(0.75, 0.1, 0.1);
/// Table rules of the flowchart: grey, so the black arrows that run along them stay visible.
pub const RULE_GREY: Rgb = Rgb(0.55, 0.55, 0.55);

/// Images a page can show; their pixels travel beside the pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ImageRef {
    Logo,
    Signature,
    Stamp,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        text: String,
        color: Rgb,
        underline: bool,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        color: Rgb,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<f32>,
    },
    /// A closed outline (diamonds, pentagons, capsules approximated), stroked and filled white.
    Polygon {
        points: Vec<(f32, f32)>,
        fill: Option<Rgb>,
        stroke: f32,
    },
    Image {
        which: ImageRef,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    /// Dark modules of a QR code, `module` points each, top-left at (x, y).
    Qr {
        x: f32,
        y: f32,
        module: f32,
        dark: Vec<Vec<bool>>,
    },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub items: Vec<Item>,
}

impl Page {
    pub fn text(&mut self, x: f32, y: f32, size: f32, face: Face, text: impl Into<String>) {
        self.items.push(Item::Text {
            x,
            y,
            size,
            face,
            text: text.into(),
            color: BLACK,
            underline: false,
        });
    }

    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32) {
        self.items.push(Item::Line {
            from,
            to,
            width,
            color: BLACK,
        });
    }

    pub fn rule(&mut self, from: (f32, f32), to: (f32, f32), width: f32) {
        self.items.push(Item::Line {
            from,
            to,
            width,
            color: RULE_GREY,
        });
    }

    /// All text of the page in drawing order (for tests).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.items.iter().filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }
}
