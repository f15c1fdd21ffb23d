//! Flowing blocks down pages, and tables whose header row is repeated on every page they reach.
//! A row is never split across pages unless it is taller than a whole page; text is wrapped at
//! the font's real widths and never shrunk.

use super::fonts::{Face, Metrics};
use super::page::{BLACK, HEADER_FILL, Item, Page, Rgb};
use super::wrap::wrap;

pub const PAD: f32 = 3.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub width: f32,
    pub align: Align,
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub face: Face,
}

impl Cell {
    pub fn plain(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            face: Face::Sans,
        }
    }

    pub fn bold(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            face: Face::SansBold,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub fill: Option<Rgb>,
    /// How many leading cells continue the cell above (a merged "Sasaran" spanning its
    /// indicators): no rule between them, as on the paper form.
    pub continues: usize,
}

/// The cursor of a document: the pages so far and where the next block goes.
pub struct Flow<'a> {
    pub m: &'a Metrics,
    pub pages: Vec<Page>,
    pub y: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
    pub size: f32,
}

impl<'a> Flow<'a> {
    pub fn new(m: &'a Metrics, page: (f32, f32), margins: [f32; 4], size: f32) -> Flow<'a> {
        let [top, right, bottom, left] = margins;
        Flow {
            m,
            pages: vec![Page::default()],
            y: top,
            left,
            right: page.0 - right,
            top,
            bottom: page.1 - bottom,
            size,
        }
    }

    pub fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page")
    }

    pub fn width(&self) -> f32 {
        self.right - self.left
    }

    pub fn line_height(&self, size: f32) -> f32 {
        size * 1.2
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.top;
    }

    /// Room for `h` points on this page, or a new page.
    pub fn ensure(&mut self, h: f32) {
        if self.y + h > self.bottom && self.y > self.top {
            self.new_page();
        }
    }

    /// A paragraph of wrapped text, left, centred or right within [x0, x1].
    pub fn paragraph(&mut self, x0: f32, x1: f32, face: Face, size: f32, align: Align, text: &str) {
        let lh = self.line_height(size);
        for line in wrap(self.m, face, size, x1 - x0, text) {
            self.ensure(lh);
            let w = self.m.width(face, size, &line);
            let x = match align {
                Align::Left => x0,
                Align::Center => x0 + (x1 - x0 - w) / 2.0,
                Align::Right => x1 - w,
            };
            self.y += lh;
            let y = self.y - size * 0.25;
            self.page().text(x, y, size, face, line);
        }
    }

    /// A table: header row on every page it reaches.
    pub fn table(&mut self, columns: &[Column], rows: &[Row]) {
        let size = self.size;
        let lh = self.line_height(size);
        let header: Vec<Vec<String>> = columns
            .iter()
            .map(|c| wrap(self.m, Face::SansBold, size, c.width - 2.0 * PAD, &c.title))
            .collect();
        let header_h = header.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * PAD;
        let body_h = self.bottom - self.top - header_h;
        let mut header_on_page = false;
        let mut header_just_drawn = false;
        for row in rows {
            let cells: Vec<Vec<String>> = columns
                .iter()
                .zip(&row.cells)
                .map(|(c, cell)| wrap(self.m, cell.face, size, c.width - 2.0 * PAD, &cell.text))
                .collect();
            let n_lines = cells.iter().map(Vec::len).max().unwrap_or(1);
            let h = n_lines as f32 * lh + 2.0 * PAD;
            // A row taller than a page is split by lines; any other row moves whole.
            let mut from = 0;
            while from < n_lines {
                let need = if h <= body_h { h } else { lh + 2.0 * PAD };
                if !header_on_page || self.y + need > self.bottom {
                    if header_on_page || self.y + header_h + need > self.bottom {
                        if header_on_page {
                            self.close_table(columns);
                        }
                        self.new_page();
                    }
                    self.header_row(columns, &header, header_h);
                    header_on_page = true;
                    header_just_drawn = true;
                }
                let room = ((self.bottom - self.y - 2.0 * PAD) / lh).floor().max(1.0) as usize;
                let to = if h <= body_h {
                    n_lines
                } else {
                    (from + room).min(n_lines)
                };
                // A merged cell continues only on the page where its first part is.
                let joined = if header_just_drawn { 0 } else { row.continues };
                self.row_part(columns, row, &cells, from, to, joined);
                header_just_drawn = false;
                from = to;
                if from < n_lines {
                    header_on_page = false;
                    self.close_table(columns);
                    self.new_page();
                }
            }
        }
        if header_on_page {
            self.close_table(columns);
        }
    }

    /// The rule under the last row of a table on this page.
    fn close_table(&mut self, columns: &[Column]) {
        let w: f32 = columns.iter().map(|c| c.width).sum();
        let (x, y) = (self.left, self.y);
        self.page().line((x, y), (x + w, y), 0.5);
    }

    fn header_row(&mut self, columns: &[Column], header: &[Vec<String>], h: f32) {
        let (size, lh, y0) = (self.size, self.line_height(self.size), self.y);
        let mut x = self.left;
        for (c, lines) in columns.iter().zip(header) {
            self.page().items.push(Item::Rect {
                x,
                y: y0,
                w: c.width,
                h,
                fill: Some(HEADER_FILL),
                stroke: Some(0.6),
            });
            // Vertically centred, each line centred.
            let top = y0 + (h - lines.len() as f32 * lh) / 2.0;
            for (i, l) in lines.iter().enumerate() {
                let w = self.m.width(Face::SansBold, size, l);
                let base = top + (i as f32 + 1.0) * lh - size * 0.25;
                let tx = x + (c.width - w) / 2.0;
                self.page().text(tx, base, size, Face::SansBold, l.clone());
            }
            x += c.width;
        }
        self.y += h;
    }

    fn row_part(
        &mut self,
        columns: &[Column],
        row: &Row,
        cells: &[Vec<String>],
        from: usize,
        to: usize,
        joined: usize,
    ) {
        let (size, lh, y0) = (self.size, self.line_height(self.size), self.y);
        let h = (to - from) as f32 * lh + 2.0 * PAD;
        // The cells' left edges, and the table's right edge.
        let edges: Vec<f32> = std::iter::once(self.left)
            .chain(columns.iter().scan(self.left, |x, c| {
                *x += c.width;
                Some(*x)
            }))
            .collect();
        let right = edges[edges.len() - 1];
        // Fills and rules first, then the texts: the rules never touch a text (it is padded),
        // and the texts follow each other in one text object.
        if let Some(fill) = row.fill {
            for (c, &x) in columns.iter().zip(&edges) {
                self.page().items.push(Item::Rect {
                    x,
                    y: y0,
                    w: c.width,
                    h,
                    fill: Some(fill),
                    stroke: None,
                });
            }
        }
        // The top rule, over every cell but those that continue the one above; each edge.
        if let Some(&x) = edges.get(joined).filter(|&&x| x < right) {
            self.page().line((x, y0), (right, y0), 0.5);
        }
        for &x in &edges {
            self.page().line((x, y0), (x, y0 + h), 0.5);
        }
        for (((c, lines), cell), &x) in columns.iter().zip(cells).zip(&row.cells).zip(&edges) {
            for (i, l) in lines.iter().enumerate().take(to).skip(from) {
                let w = self.m.width(cell.face, size, l);
                let tx = match c.align {
                    Align::Left => x + PAD,
                    Align::Center => x + (c.width - w) / 2.0,
                    Align::Right => x + c.width - PAD - w,
                };
                let base = y0 + PAD + ((i - from) as f32 + 1.0) * lh - size * 0.25;
                self.page().items.push(Item::Text {
                    x: tx,
                    y: base,
                    size,
                    face: cell.face,
                    text: l.clone(),
                    color: BLACK,
                    underline: false,
                });
            }
        }
        self.y += h;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::page::Paper;

    fn columns() -> Vec<Column> {
        ["No", "Indikator Kinerja", "Target"]
            .iter()
            .zip([30.0, 300.0, 60.0])
            .map(|(t, w)| Column {
                title: t.to_string(),
                width: w,
                align: Align::Left,
            })
            .collect()
    }

    fn row(i: usize, text: &str) -> Row {
        Row {
            cells: vec![
                Cell::plain(i.to_string()),
                Cell::plain(text),
                Cell::plain("87,5"),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn header_repeats_on_every_page_and_rows_stay_whole() {
        let m = Metrics::new();
        let mut f = Flow::new(&m, Paper::A4.size(), [40.0; 4], 9.0);
        let rows: Vec<Row> = (1..=300)
            .map(|i| row(i, &format!("Indikator {i}")))
            .collect();
        f.table(&columns(), &rows);
        assert!(f.pages.len() > 3);
        for p in &f.pages {
            assert_eq!(p.texts().filter(|t| *t == "Indikator Kinerja").count(), 1);
            // Nothing below the bottom margin.
            for it in &p.items {
                if let Item::Line { from, to, .. } = it {
                    assert!(from.1.max(to.1) <= f.bottom + 0.01);
                }
            }
        }
        // Every row number appears exactly once: no row split, none lost.
        let all: Vec<&str> = f.pages.iter().flat_map(|p| p.texts()).collect();
        for i in 1..=300 {
            let label = format!("Indikator {i}");
            assert_eq!(all.iter().filter(|t| **t == label).count(), 1, "{label}");
        }
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_at_the_same_size() {
        let m = Metrics::new();
        let mut f = Flow::new(&m, Paper::A4.size(), [40.0; 4], 9.0);
        let long = "kata panjang sekali ".repeat(700);
        f.table(&columns(), &[row(1, &long)]);
        assert!(f.pages.len() >= 2);
        let sizes: Vec<f32> = f
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|i| match i {
                Item::Text { size, .. } => Some(*size),
                _ => None,
            })
            .collect();
        assert!(sizes.iter().all(|s| *s == 9.0));
        let words: usize = f
            .pages
            .iter()
            .flat_map(|p| p.texts())
            .map(|t| t.matches("panjang").count())
            .sum();
        assert_eq!(words, 700);
    }
}
