//! Points, rectangles and segments in chart space (points, y down).

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Pt {
    pub x: f32,
    pub y: f32,
}

impl Pt {
    pub const fn new(x: f32, y: f32) -> Pt {
        Pt { x, y }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }

    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    pub fn center(&self) -> Pt {
        Pt::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    pub fn contains(&self, p: Pt) -> bool {
        p.x >= self.x && p.x <= self.right() && p.y >= self.y && p.y <= self.bottom()
    }

    /// `other` lies within this rectangle (edges may touch).
    pub fn encloses(&self, other: &Rect) -> bool {
        const E: f32 = 1e-3;
        other.x >= self.x - E
            && other.y >= self.y - E
            && other.right() <= self.right() + E
            && other.bottom() <= self.bottom() + E
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub a: Pt,
    pub b: Pt,
}

impl Segment {
    pub const fn new(a: Pt, b: Pt) -> Segment {
        Segment { a, b }
    }

    pub fn is_horizontal(&self) -> bool {
        (self.a.y - self.b.y).abs() < 1e-3
    }

    pub fn is_vertical(&self) -> bool {
        (self.a.x - self.b.x).abs() < 1e-3
    }

    pub fn len(&self) -> f32 {
        (self.b.x - self.a.x).abs() + (self.b.y - self.a.y).abs()
    }

    /// Two axis-aligned segments lie on the same line and share a stretch of positive length.
    pub fn overlaps(&self, other: &Segment) -> bool {
        const E: f32 = 0.01;
        let shared = |a1: f32, a2: f32, b1: f32, b2: f32| {
            let (lo, hi) = (a1.min(a2).max(b1.min(b2)), a1.max(a2).min(b1.max(b2)));
            hi - lo > E
        };
        if self.is_horizontal() && other.is_horizontal() {
            (self.a.y - other.a.y).abs() < E && shared(self.a.x, self.b.x, other.a.x, other.b.x)
        } else if self.is_vertical() && other.is_vertical() {
            (self.a.x - other.a.x).abs() < E && shared(self.a.y, self.b.y, other.a.y, other.b.y)
        } else {
            false
        }
    }

    /// Points along the segment, `step` apart (for tests against shapes).
    pub fn samples(&self, step: f32) -> impl Iterator<Item = Pt> + '_ {
        let n = (self.len() / step).ceil().max(1.0) as usize;
        (0..=n).map(move |i| {
            let t = i as f32 / n as f32;
            Pt::new(
                self.a.x + (self.b.x - self.a.x) * t,
                self.a.y + (self.b.y - self.a.y) * t,
            )
        })
    }
}
