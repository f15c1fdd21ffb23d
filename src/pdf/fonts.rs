//! The PDF's fonts, embedded in the binary (metric-compatible with Arial and Times, so a page
//! looks as it would from Word), and their real glyph widths for wrapping.

use std::collections::HashMap;

use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

pub const SANS: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");
pub const SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf");
pub const SERIF_BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Sans,
    SansBold,
    /// The letterhead's office name, as on the office's paper.
    SerifBold,
}

impl Face {
    pub const ALL: [Face; 3] = [Face::Sans, Face::SansBold, Face::SerifBold];

    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Sans => SANS,
            Face::SansBold => SANS_BOLD,
            Face::SerifBold => SERIF_BOLD,
        }
    }
}

/// Characters up to here are looked up in a plain table (Latin, punctuation, arrows and the
/// symbols the documents use); the rest, rare, in a map. Wrapping a 500-row RKT asks for
/// hundreds of thousands of widths.
const TABLE_CHARS: usize = 0x2200;
/// In the table: the font has no glyph for this character.
const NO_GLYPH: u16 = u16::MAX;

/// Advance widths of one face, in font units, read once from its tables.
struct Widths {
    per_em: f32,
    table: Vec<u16>,
    beyond: HashMap<char, u16>,
    missing: u16,
}

impl Widths {
    /// The advance of `c`'s glyph, `None` when the font has none.
    fn of(&self, c: char) -> Option<u16> {
        match self.table.get(c as usize) {
            Some(&NO_GLYPH) => None,
            Some(&w) => Some(w),
            None => self.beyond.get(&c).copied(),
        }
    }
}

impl Widths {
    fn read(bytes: &[u8]) -> Widths {
        let font = skrifa::FontRef::new(bytes).expect("embedded font parses");
        let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        // A glyph as wide as the sentinel would read as missing: one unit less is invisible.
        let advance =
            |gid| (metrics.advance_width(gid).unwrap_or(0.0).round() as u16).min(NO_GLYPH - 1);
        let mut table = vec![NO_GLYPH; TABLE_CHARS];
        let mut beyond = HashMap::new();
        for (cp, gid) in font.charmap().mappings() {
            match (table.get_mut(cp as usize), char::from_u32(cp)) {
                (Some(slot), _) => *slot = advance(gid),
                (None, Some(c)) => {
                    beyond.insert(c, advance(gid));
                }
                (None, None) => {}
            }
        }
        Widths {
            per_em: f32::from(
                font.metrics(Size::unscaled(), LocationRef::default())
                    .units_per_em,
            ),
            table,
            beyond,
            missing: advance(skrifa::GlyphId::new(0)),
        }
    }
}

/// What the layout needs to know of the fonts: how wide a text is.
pub struct Metrics {
    faces: Vec<(Face, Widths)>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// Read once per process: the fonts are part of the binary.
    pub fn shared() -> &'static Metrics {
        static SHARED: std::sync::OnceLock<Metrics> = std::sync::OnceLock::new();
        SHARED.get_or_init(Metrics::new)
    }

    pub fn new() -> Metrics {
        Metrics {
            faces: Face::ALL
                .iter()
                .map(|&f| (f, Widths::read(f.bytes())))
                .collect(),
        }
    }

    /// Width of `text` in points at `size` points.
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let w = &self.faces.iter().find(|(f, _)| *f == face).expect("face").1;
        let units: u32 = text
            .chars()
            .map(|c| u32::from(w.of(c).unwrap_or(w.missing)))
            .sum();
        units as f32 / w.per_em * size
    }

    pub fn has_glyph(&self, face: Face, c: char) -> bool {
        let w = &self.faces.iter().find(|(f, _)| *f == face).expect("face").1;
        w.of(c).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_the_fonts_own() {
        let m = Metrics::new();
        // Liberation Sans is metric-compatible with Arial: "M" is 833/1000 em, space 278.
        assert!((m.width(Face::Sans, 10.0, "M") - 8.33).abs() < 0.01);
        assert!((m.width(Face::Sans, 10.0, " ") - 2.78).abs() < 0.01);
        assert!(m.width(Face::SansBold, 10.0, "Rp") > m.width(Face::Sans, 10.0, "Rp"));
        assert_eq!(m.width(Face::Sans, 12.0, ""), 0.0);
        assert!(m.has_glyph(Face::Sans, 'é') && !m.has_glyph(Face::Sans, '数'));
        // Both sides of the plain table: an arrow in it, a character the map holds, one the
        // font lacks in the table's range.
        assert!(m.has_glyph(Face::Sans, '→') && m.width(Face::Sans, 10.0, "→") > 0.0);
        assert!(m.has_glyph(Face::Sans, '\u{FB01}'));
        assert!(!m.has_glyph(Face::Sans, '\u{0378}'));
    }
}
