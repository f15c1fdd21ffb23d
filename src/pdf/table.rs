//! Flowing blocks down pages, and tables whose header row is repeated on every page they reach.
//! Pages are filled: a tall row breaks across a page as in a word processor (two lines at least on
//! each side), a short row or a heading moves whole; text is wrapped at the font's real widths
//! and never shrunk.

use super::fonts::{Face, Metrics};
use super::page::{BLACK, HEADER_FILL, Item, Page, Rgb};
use super::wrap::wrap;

pub const PAD: f32 = 3.0;

/// The fewest lines of a row on either side of a page break.
const MIN_LINES: usize = 2;

/// The most of a page left empty to keep a heading with its row.
const LOOSE: f32 = 0.25;

/// May this row break across pages? Only one tall enough to leave `MIN_LINES` on each side, and
/// not one kept with the next (a heading, the last rows with the signature).
fn breakable(row: &Row, n_lines: usize) -> bool {
    !row.keep_with_next && n_lines >= 2 * MIN_LINES
}

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
    /// Kept on one page with the row after it (a program or kegiatan heading with its first
    /// sub kegiatan); on the last row, with what follows the table (`Flow::table_then`).
    pub keep_with_next: bool,
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

/// A table measured before it is laid out.
struct Measured {
    header: Vec<Vec<String>>,
    header_h: f32,
    /// The room for rows under the header on a page of their own.
    body_h: f32,
    wrapped: Vec<Vec<Vec<String>>>,
    /// Per row: the least of it that may start a page (its first lines when it may break).
    start: Vec<f32>,
    /// Per row: its start, or when it keeps with the next, its height and the next's together
    /// (the block after the table for the last row).
    together: Vec<f32>,
    /// The first of the last rows that all keep with the next: tied to the block after.
    tail: usize,
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
        self.table_then(columns, rows, 0.0);
    }

    /// A table followed by a block `after` points tall (a signature block) that must share a
    /// page with the table's end: the last rows that keep with the next go to the next page with
    /// it, rather than the block standing alone on a page of its own.
    ///
    /// Pages are filled as a word processor fills them: a tall row that does not fit breaks
    /// across the page, at least `MIN_LINES` lines on each side (its number and pagu stay on
    /// the first line); a short row, a heading and the rows kept with the end move whole.
    pub fn table_then(&mut self, columns: &[Column], rows: &[Row], after: f32) {
        let lh = self.line_height(self.size);
        let Measured {
            header,
            header_h,
            body_h,
            wrapped,
            start,
            together,
            tail,
        } = self.measure(columns, rows, after);
        let mut header_on_page = false;
        let mut header_just_drawn = false;
        for (i, (row, cells)) in rows.iter().zip(&wrapped).enumerate() {
            let n_lines = cells.iter().map(Vec::len).max().unwrap_or(1);
            // A heading, or the last rows with the signature, go to the next page together
            // when they do not fit here but do there (a header on the page means a row is on it).
            // Decided at the first row of a chain: the rows after it follow it.
            let chained = i > 0 && rows[i - 1].keep_with_next;
            let keep = !chained && self.keeps(i >= tail, together[i], body_h);
            if header_on_page && keep && self.y + together[i] > self.bottom {
                self.close_table(columns);
                self.new_page();
                header_on_page = false;
            }
            let breakable = breakable(row, n_lines);
            let mut from = 0;
            while from < n_lines {
                if !header_on_page {
                    // The header comes with at least what may start the row (or the rows kept
                    // with it) on the same page.
                    let least = match from {
                        0 if keep => together[i],
                        0 => start[i],
                        _ => lh + 2.0 * PAD,
                    };
                    if self.y + header_h + least > self.bottom && self.y > self.top {
                        self.new_page();
                    }
                    self.header_row(columns, &header, header_h);
                    header_on_page = true;
                    header_just_drawn = true;
                }
                let room = ((self.bottom - self.y - 2.0 * PAD) / lh).floor().max(0.0) as usize;
                let left = n_lines - from;
                let fits_a_page = left as f32 * lh + 2.0 * PAD <= body_h;
                let take = room.min(left.saturating_sub(MIN_LINES));
                let to = if left <= room {
                    n_lines
                } else if breakable && take >= MIN_LINES {
                    from + take
                } else if !fits_a_page {
                    // Taller than a whole page: it breaks wherever the page ends.
                    from + room
                } else {
                    // Moves whole to the next page.
                    from
                };
                if to > from {
                    // A merged cell continues only on the page where its first part is.
                    let joined = if header_just_drawn || from > 0 {
                        0
                    } else {
                        row.continues
                    };
                    self.row_part(columns, row, cells, from, to, joined);
                    header_just_drawn = false;
                    from = to;
                }
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

    /// How tall the start of a table is: its header and the first rows that keep together (a
    /// heading with its first row), or one line of its first row when those outgrow a page. A
    /// title before the table asks for this much room, so that it is never left alone.
    pub fn table_lead(&self, columns: &[Column], rows: &[Row], after: f32) -> f32 {
        let m = self.measure(columns, rows, after);
        match (m.start.first(), m.together.first()) {
            (Some(_), Some(t)) if self.keeps(m.tail == 0, *t, m.body_h) => m.header_h + t,
            (Some(s), _) => m.header_h + s,
            _ => m.header_h,
        }
    }

    /// Are rows that keep together (`together` tall) kept so here? Always those tied to the
    /// block after the table; a heading with its row only where that leaves little of the page
    /// empty (below `LOOSE` of it), else a page would go a third empty for one heading.
    fn keeps(&self, tail: bool, together: f32, body_h: f32) -> bool {
        together <= body_h && (tail || self.bottom - self.y <= LOOSE * body_h)
    }

    /// The table's cells wrapped, and the heights a layout needs.
    fn measure(&self, columns: &[Column], rows: &[Row], after: f32) -> Measured {
        let size = self.size;
        let lh = self.line_height(size);
        let header: Vec<Vec<String>> = columns
            .iter()
            .map(|c| wrap(self.m, Face::SansBold, size, c.width - 2.0 * PAD, &c.title))
            .collect();
        let header_h = header.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * PAD;
        let wrapped: Vec<Vec<Vec<String>>> = rows
            .iter()
            .map(|row| {
                columns
                    .iter()
                    .zip(&row.cells)
                    .map(|(c, cell)| wrap(self.m, cell.face, size, c.width - 2.0 * PAD, &cell.text))
                    .collect()
            })
            .collect();
        let heights: Vec<f32> = wrapped
            .iter()
            .map(|cells| cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * PAD)
            .collect();
        // From each row on, the least that must stand on its page with it: the first lines of
        // a row that may break, else the whole row and the rows it keeps with, and after the
        // last row the block that follows the table.
        let body_h = self.bottom - self.top - header_h;
        let start: Vec<f32> = rows
            .iter()
            .zip(&wrapped)
            .zip(&heights)
            .map(|((row, cells), h)| {
                let n_lines = cells.iter().map(Vec::len).max().unwrap_or(1);
                if breakable(row, n_lines) {
                    MIN_LINES as f32 * lh + 2.0 * PAD
                } else if *h > body_h {
                    lh + 2.0 * PAD
                } else {
                    *h
                }
            })
            .collect();
        let mut together = start.clone();
        for i in (0..rows.len()).rev() {
            if rows[i].keep_with_next {
                together[i] = heights[i] + together.get(i + 1).copied().unwrap_or(after);
            }
        }
        let tail = rows.len() - rows.iter().rev().take_while(|r| r.keep_with_next).count();
        Measured {
            header,
            header_h,
            body_h,
            wrapped,
            start,
            together,
            tail,
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

    /// A row of `n` lines named "r{i}l{j}", one per line.
    fn tall(i: usize, n: usize) -> Row {
        let text = (0..n)
            .map(|j| format!("r{i}l{j}"))
            .collect::<Vec<_>>()
            .join("\n");
        row(i, &text)
    }

    /// The lowest text baseline on a page above the bottom margin (the page's last line).
    fn last_line(p: &Page, bottom: f32) -> f32 {
        p.items
            .iter()
            .filter_map(|i| match i {
                Item::Text { y, .. } if *y <= bottom => Some(*y),
                _ => None,
            })
            .fold(0.0, f32::max)
    }

    #[test]
    fn tall_rows_break_across_pages_so_that_every_page_is_filled() {
        let m = Metrics::new();
        let mut f = Flow::new(&m, Paper::A4.size(), [40.0; 4], 9.0);
        let rows: Vec<Row> = (1..=60).map(|i| tall(i, 7)).collect();
        f.table(&columns(), &rows);
        let lh = f.line_height(9.0);
        let n = f.pages.len();
        assert!(n > 3);
        for (k, p) in f.pages.iter().enumerate().take(n - 1) {
            // Less than three lines left empty: a row moved whole would leave up to seven.
            let free = f.bottom - last_line(p, f.bottom);
            assert!(
                free < 3.0 * lh + 2.0 * PAD,
                "page {}: {free} pt empty",
                k + 1
            );
        }
        // Every line once, and at least two lines of a row on each side of a break.
        for i in 1..=60 {
            let per_page: Vec<usize> = f
                .pages
                .iter()
                .map(|p| {
                    p.texts()
                        .filter(|t| t.starts_with(&format!("r{i}l")))
                        .count()
                })
                .filter(|c| *c > 0)
                .collect();
            assert_eq!(per_page.iter().sum::<usize>(), 7, "row {i}");
            assert!(
                per_page.iter().all(|c| *c >= MIN_LINES),
                "row {i}: {per_page:?}"
            );
        }
    }

    #[test]
    fn a_heading_never_ends_a_page_and_short_rows_move_whole() {
        let m = Metrics::new();
        let mut f = Flow::new(&m, Paper::A4.size(), [40.0; 4], 9.0);
        let mut rows = Vec::new();
        for g in 0..30 {
            rows.push(Row {
                keep_with_next: true,
                ..row(0, &format!("Kelompok {g}"))
            });
            rows.extend((0..3).map(|i| tall(g * 10 + i, 3)));
        }
        f.table(&columns(), &rows);
        assert!(f.pages.len() > 3);
        for (k, p) in f.pages.iter().enumerate() {
            let last = p
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text { y, text, .. } if *y <= f.bottom => Some((*y, text.as_str())),
                    _ => None,
                })
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .expect("a line");
            assert!(
                !last.1.starts_with("Kelompok"),
                "page {} ends with {}",
                k + 1,
                last.1
            );
            // Three-line rows are never broken.
            for t in p.texts().filter(|t| t.ends_with("l0")) {
                let r = t.trim_end_matches("l0");
                assert_eq!(
                    p.texts()
                        .filter(|x| x.starts_with(&format!("{r}l")))
                        .count(),
                    3
                );
            }
        }
    }

    #[test]
    fn the_last_rows_go_with_the_block_after_the_table() {
        let m = Metrics::new();
        // Single-line rows; the last two keep with a block of 150 pt after the table. However
        // many rows, the last two and the block share a page.
        for n in 20..80 {
            let mut f = Flow::new(&m, Paper::A4.size(), [40.0; 4], 9.0);
            let mut rows: Vec<Row> = (1..=n).map(|i| row(i, &format!("Baris {i}"))).collect();
            for r in rows.iter_mut().rev().take(2) {
                r.keep_with_next = true;
            }
            f.table_then(&columns(), &rows, 150.0);
            let page = f.pages.len() - 1;
            assert!(
                f.y + 150.0 <= f.bottom + 0.01,
                "{n} rows: no room for the block"
            );
            assert!(f.pages[page].texts().any(|t| t == format!("Baris {n}")));
            assert!(
                f.pages[page]
                    .texts()
                    .any(|t| t == format!("Baris {}", n - 1))
            );
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
