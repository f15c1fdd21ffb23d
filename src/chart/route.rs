//! Arrow routing: orthogonal polylines that never pass through a symbol and never share a
//! stretch with another arrow.
//!
//! The table gives every row one step, so the only free space is known in advance:
//! - the gap between two rows (below one row's symbols, above the next row's): horizontal
//!   runs, each arrow in a gap on its own height ("slot");
//! - the outer strips of the first and last lane (the "gutters"), which no symbol reaches:
//!   vertical runs past other rows, each arrow on its own x where their spans overlap;
//! - the band of a row to the right of its rightmost symbol: side exits and entries.
//!
//! Four kinds of arrow follow from that:
//! 1. to the next row: down from the bottom, across the gap, down into the top;
//! 2. forward past other rows: down, across to the left gutter, down it, across, into the top;
//! 3. a decision's "Tidak" forward: out of the right side, down the right gutter, into the top;
//! 4. backwards (a return): out of the right side, up the right gutter, into the target's side.

use super::geom::Pt;
use super::{Arrow, ArrowKind, Measure, Row, Shape, Style, SymbolBox, text};
use crate::domain::sop::{Exit, Sop};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Adjacent,
    Skip,
    SideForward,
    Back,
}

#[derive(Debug, Clone)]
pub(super) struct Edge {
    from: usize,
    to: usize,
    arrow: ArrowKind,
    kind: Kind,
    /// Gutter slot for kinds with a vertical run.
    track: usize,
}

#[derive(Debug, Clone)]
pub(super) struct Plan {
    edges: Vec<Edge>,
    pub left_tracks: usize,
    pub right_tracks: usize,
    /// Per gap `g` (above row `g`): the edges with a horizontal run there, top to bottom.
    gaps: Vec<Vec<usize>>,
}

impl Plan {
    /// Horizontal slots in the gap above row `g`.
    pub fn gap_slots(&self, g: usize) -> usize {
        self.gaps.get(g).map_or(0, Vec::len)
    }
}

/// Spans in half-row units: row `r`'s centre is `2r + 1`, the gap above it `2r`.
fn span(e: &Edge) -> (usize, usize) {
    match e.kind {
        Kind::Adjacent => (2 * e.to, 2 * e.to),
        Kind::Skip => (2 * e.from + 2, 2 * e.to),
        Kind::SideForward => (2 * e.from + 1, 2 * e.to),
        Kind::Back => (2 * e.to + 1, 2 * e.from + 1),
    }
}

/// Gives each edge of one gutter the innermost slot free over its whole span; shorter spans
/// first, so loops nest instead of crossing.
fn assign_tracks(edges: &mut [Edge], which: &[usize]) -> usize {
    let mut order: Vec<usize> = which.to_vec();
    order.sort_by_key(|&i| {
        let (a, b) = span(&edges[i]);
        (b - a, a)
    });
    let mut taken: Vec<Vec<(usize, usize)>> = Vec::new();
    for i in order {
        let (a, b) = span(&edges[i]);
        let slot = (0..)
            .find(|&k| {
                taken.get(k).is_none_or(|spans: &Vec<(usize, usize)>| {
                    spans.iter().all(|&(c, d)| b < c || d < a)
                })
            })
            .expect("a free slot exists");
        if slot == taken.len() {
            taken.push(Vec::new());
        }
        taken[slot].push((a, b));
        edges[i].track = slot;
    }
    taken.len()
}

pub(super) fn plan(sop: &Sop) -> Plan {
    let mut edges = Vec::new();
    for (from, step) in sop.steps.iter().enumerate() {
        let targets: Vec<(usize, ArrowKind)> = match step.exit {
            Exit::Next(Some(t)) => vec![(t as usize - 1, ArrowKind::Next)],
            Exit::Next(None) => vec![],
            Exit::Decision { yes, no } => vec![
                (yes as usize - 1, ArrowKind::Yes),
                (no as usize - 1, ArrowKind::No),
            ],
        };
        for (to, arrow) in targets {
            let kind = if to <= from {
                Kind::Back
            } else if arrow == ArrowKind::No {
                Kind::SideForward
            } else if to == from + 1 {
                Kind::Adjacent
            } else {
                Kind::Skip
            };
            edges.push(Edge {
                from,
                to,
                arrow,
                kind,
                track: 0,
            });
        }
    }
    let left: Vec<usize> = (0..edges.len())
        .filter(|&i| edges[i].kind == Kind::Skip)
        .collect();
    let right: Vec<usize> = (0..edges.len())
        .filter(|&i| matches!(edges[i].kind, Kind::SideForward | Kind::Back))
        .collect();
    let left_tracks = assign_tracks(&mut edges, &left);
    let right_tracks = assign_tracks(&mut edges, &right);

    // Gap slots, top to bottom: runs leaving the row above, then the direct arrow, then runs
    // entering the row below. An arrow's vertical stub then never meets another's.
    let n = sop.steps.len();
    let mut gaps = vec![Vec::new(); n + 1];
    for (i, e) in edges.iter().enumerate() {
        if e.kind == Kind::Skip {
            gaps[e.from + 1].push((0, i));
        }
        if e.kind == Kind::Adjacent {
            gaps[e.to].push((1, i));
        }
        if matches!(e.kind, Kind::Skip | Kind::SideForward) {
            gaps[e.to].push((2, i));
        }
    }
    let gaps = gaps
        .into_iter()
        .map(|mut g| {
            g.sort();
            g.into_iter().map(|(_, i)| i).collect()
        })
        .collect();
    Plan {
        edges,
        left_tracks,
        right_tracks,
        gaps,
    }
}

/// Where a horizontal line at height `y` meets the right side of a symbol.
fn right_at(s: &SymbolBox, y: f32) -> f32 {
    let r = s.rect;
    let c = r.center();
    let dy = (y - c.y).abs().min(r.h / 2.0);
    match s.shape {
        Shape::Process => r.right(),
        Shape::Decision => c.x + r.w / 2.0 * (1.0 - dy / (r.h / 2.0)),
        Shape::Capsule => {
            let rad = r.h / 2.0;
            r.right() - rad + (rad * rad - dy * dy).max(0.0).sqrt()
        }
    }
}

/// Where a vertical line at `x` meets the top (or, with `bottom`, the bottom) of a symbol.
fn top_at(s: &SymbolBox, x: f32, bottom: bool) -> f32 {
    let r = s.rect;
    let c = r.center();
    let dx = (x - c.x).abs().min(r.w / 2.0);
    let half = match s.shape {
        Shape::Process => r.h / 2.0,
        Shape::Decision => r.h / 2.0 * (1.0 - dx / (r.w / 2.0)),
        Shape::Capsule => {
            let rad = r.h / 2.0;
            let flat = r.w / 2.0 - rad;
            if dx <= flat {
                rad
            } else {
                (rad * rad - (dx - flat).powi(2)).max(0.0).sqrt()
            }
        }
    };
    if bottom { c.y + half } else { c.y - half }
}

/// Offsets of `n` ports spread around 0, `step` apart.
fn spread(k: usize, n: usize, step: f32) -> f32 {
    (k as f32 - (n as f32 - 1.0) / 2.0) * step
}

/// Removes repeated points and the middle of three points on one line.
fn simplify(points: Vec<Pt>) -> Vec<Pt> {
    let mut out: Vec<Pt> = Vec::with_capacity(points.len());
    for p in points {
        if out
            .last()
            .is_some_and(|q| (q.x - p.x).abs() < 1e-3 && (q.y - p.y).abs() < 1e-3)
        {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let same_x = (a.x - b.x).abs() < 1e-3 && (b.x - p.x).abs() < 1e-3;
            let same_y = (a.y - b.y).abs() < 1e-3 && (b.y - p.y).abs() < 1e-3;
            if same_x || same_y {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// Where the lanes stand: the lane area's edges, the width of a lane (the last may be wider on
/// its right), and the strip beside the symbols in each lane where the gutters' runs go.
#[derive(Debug, Clone, Copy)]
pub(super) struct Lanes {
    pub left: f32,
    pub right: f32,
    pub w: f32,
    pub strip: f32,
}

pub(super) fn route(
    plan: &Plan,
    sop: &Sop,
    rows: &[Row],
    symbols: &[SymbolBox],
    lanes: Lanes,
    style: Style,
    measure: &dyn Measure,
) -> Vec<Arrow> {
    let of_step = |row: usize| -> Vec<&SymbolBox> {
        let no = sop.steps[row].no;
        symbols.iter().filter(|s| s.step == no).collect()
    };
    let leftmost = |row: usize| *of_step(row).first().expect("every step has a symbol");
    let rightmost = |row: usize| *of_step(row).last().expect("every step has a symbol");
    let nearest = |row: usize, x: f32| {
        *of_step(row)
            .iter()
            .min_by(|a, b| {
                (a.rect.center().x - x)
                    .abs()
                    .total_cmp(&(b.rect.center().x - x).abs())
            })
            .expect("every step has a symbol")
    };
    // Symbols of one row share their height: the gap between rows is the same for all lanes.
    let band = |row: usize| {
        let s = leftmost(row);
        (s.rect.y, s.rect.bottom())
    };
    let gap_y = |g: usize, edge: usize| {
        let top = band(g - 1).1;
        let bottom = band(g).0;
        let slots = &plan.gaps[g];
        let k = slots
            .iter()
            .position(|&i| i == edge)
            .expect("edge has a slot");
        top + (bottom - top) * (k as f32 + 1.0) / (slots.len() as f32 + 1.0)
    };
    let (lanes_left, lanes_right, lane_w, gutter) = (lanes.left, lanes.right, lanes.w, lanes.strip);
    let left_x = |track: usize| lanes_left + gutter - (track as f32 + 1.0) * style.track;
    let right_x = |track: usize| lanes_right - gutter + (track as f32 + 1.0) * style.track;

    // Which symbol each edge leaves and enters.
    let ends: Vec<(&SymbolBox, &SymbolBox)> = plan
        .edges
        .iter()
        .map(|e| match e.kind {
            Kind::Adjacent => {
                let s = nearest(e.from, rightmost(e.to).rect.center().x);
                (s, nearest(e.to, s.rect.center().x))
            }
            Kind::Skip => (leftmost(e.from), leftmost(e.to)),
            Kind::SideForward | Kind::Back => (rightmost(e.from), rightmost(e.to)),
        })
        .collect();

    // Top entry ports, left to right by where the arrow comes from.
    let mut top_port = vec![0.0f32; plan.edges.len()];
    let mut side_port = vec![(0.0f32, 0.0f32); plan.edges.len()]; // (exit dy, entry dy)
    for row in 0..rows.len() {
        for sym in of_step(row) {
            let mut entering: Vec<(f32, usize)> = plan
                .edges
                .iter()
                .enumerate()
                .filter(|(i, e)| {
                    e.to == row && e.kind != Kind::Back && std::ptr::eq(ends[*i].1, sym)
                })
                .map(|(i, e)| {
                    let from_x = match e.kind {
                        Kind::Skip => f32::MIN,
                        Kind::SideForward => f32::MAX,
                        _ => ends[i].0.rect.center().x,
                    };
                    (from_x, i)
                })
                .collect();
            entering.sort_by(|a, b| a.0.total_cmp(&b.0));
            let step = (sym.rect.w * 0.6 / entering.len().max(1) as f32).min(style.track * 1.5);
            for (k, (_, i)) in entering.iter().enumerate() {
                top_port[*i] = sym.rect.center().x + spread(k, entering.len(), step);
            }
        }
        // Right side: the row's own exit (if any) and returns entering it share the band.
        let mut side: Vec<(bool, usize)> = Vec::new();
        for (i, e) in plan.edges.iter().enumerate() {
            if e.from == row && matches!(e.kind, Kind::SideForward | Kind::Back) {
                side.push((false, i));
            }
            if e.to == row && e.kind == Kind::Back {
                side.push((true, i));
            }
        }
        let sh = leftmost(row).rect.h;
        let step = (sh * 0.7 / side.len().max(1) as f32).min(style.track * 1.2);
        // Returns from further down enter lower, so their runs do not cross.
        side.sort_by_key(|&(entry, i)| (entry, plan.edges[i].from));
        for (k, &(entry, i)) in side.iter().enumerate() {
            let dy = spread(k, side.len(), step);
            if entry {
                side_port[i].1 = dy;
            } else {
                side_port[i].0 = dy;
            }
        }
    }

    plan.edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let (s, t) = ends[i];
            let sc = s.rect.center();
            let tc = t.rect.center();
            let points = match e.kind {
                Kind::Adjacent => {
                    let gy = gap_y(e.to, i);
                    let tx = top_port[i];
                    let sx = if (tx - sc.x).abs() < s.rect.w * 0.3 && s.shape != Shape::Decision {
                        tx
                    } else {
                        sc.x
                    };
                    vec![
                        Pt::new(sx, top_at(s, sx, true)),
                        Pt::new(sx, gy),
                        Pt::new(tx, gy),
                        Pt::new(tx, top_at(t, tx, false)),
                    ]
                }
                Kind::Skip => {
                    let g1 = gap_y(e.from + 1, i);
                    let g2 = gap_y(e.to, i);
                    let lx = left_x(e.track);
                    let tx = top_port[i];
                    vec![
                        Pt::new(sc.x, top_at(s, sc.x, true)),
                        Pt::new(sc.x, g1),
                        Pt::new(lx, g1),
                        Pt::new(lx, g2),
                        Pt::new(tx, g2),
                        Pt::new(tx, top_at(t, tx, false)),
                    ]
                }
                Kind::SideForward => {
                    let sy = sc.y + side_port[i].0;
                    let rx = right_x(e.track);
                    let g2 = gap_y(e.to, i);
                    let tx = top_port[i];
                    vec![
                        Pt::new(right_at(s, sy), sy),
                        Pt::new(rx, sy),
                        Pt::new(rx, g2),
                        Pt::new(tx, g2),
                        Pt::new(tx, top_at(t, tx, false)),
                    ]
                }
                Kind::Back => {
                    let sy = sc.y + side_port[i].0;
                    let ty = tc.y + side_port[i].1;
                    let rx = right_x(e.track);
                    vec![
                        Pt::new(right_at(s, sy), sy),
                        Pt::new(rx, sy),
                        Pt::new(rx, ty),
                        Pt::new(right_at(t, ty), ty),
                    ]
                }
            };
            let points = simplify(points);
            let label = match e.arrow {
                ArrowKind::Next => None,
                ArrowKind::Yes => {
                    let p = points[0];
                    Some((text::YES, Pt::new(p.x + 3.0, p.y + 1.0)))
                }
                ArrowKind::No => {
                    // The right edge of the lane the path leaves from (the last lane's is the
                    // lane area's: it is wider, for this label).
                    let lane_end = if s.lane + 1 == sop.lanes.len() {
                        lanes_right
                    } else {
                        lanes_left + lane_w * (s.lane as f32 + 1.0)
                    };
                    Some((
                        text::NO_EXIT,
                        no_label_at(points[0], lane_end, style, measure),
                    ))
                }
            };
            Arrow {
                from: sop.steps[e.from].no,
                to: sop.steps[e.to].no,
                kind: e.arrow,
                points,
                label,
            }
        })
        .collect()
}

/// "Tidak": on the side its path leaves, just above the stretch out of the side vertex (the
/// diamond's top stays for the arrow coming in). Where the lane ends too soon after the vertex
/// for the word, it stands just past the lane's edge, still above that stretch: the layout
/// keeps room before the gutter's run in the last lane.
fn no_label_at(exit: Pt, lane_end: f32, style: Style, measure: &dyn Measure) -> Pt {
    let size = style.font;
    let w = measure.width(text::NO_EXIT, size, true);
    let h = size * 1.25;
    let x = if exit.x + 2.0 + w <= lane_end - 1.0 {
        exit.x + 2.0
    } else {
        lane_end + 2.0
    };
    Pt::new(x, exit.y - 2.0 - h)
}

/// `p` lies inside the symbol's own shape (not merely its bounding box), for tests.
#[cfg(test)]
pub(super) fn strictly_inside(s: &SymbolBox, p: Pt) -> bool {
    const E: f32 = 0.05;
    let r = s.rect;
    let c = r.center();
    let (dx, dy) = ((p.x - c.x).abs(), (p.y - c.y).abs());
    match s.shape {
        Shape::Process => dx < r.w / 2.0 - E && dy < r.h / 2.0 - E,
        Shape::Decision => dx / (r.w / 2.0) + dy / (r.h / 2.0) < 1.0 - E / r.h,
        Shape::Capsule => {
            let rad = r.h / 2.0;
            let flat = r.w / 2.0 - rad;
            if dx <= flat {
                dy < rad - E
            } else {
                (dx - flat).powi(2) + dy * dy < (rad - E).powi(2)
            }
        }
    }
}
