//! The chart's promises, checked on the office's SOP and on made-up ones.

use super::route::strictly_inside;
use super::sample::{Rng, made_up};
use super::*;

fn check(sop: &Sop, page_width: f32, zoom: f32, what: &str) -> Chart {
    let chart = layout(sop, page_width, Style::scaled(zoom), &ApproxMeasure, None);
    let lanes: Vec<&Column> = (0..sop.lanes.len())
        .map(|i| chart.lane_column(i).expect("lane column"))
        .collect();

    // Lane order is the SOP's.
    for w in lanes.windows(2) {
        assert!(w[0].x < w[1].x, "{what}: lanes out of order");
    }
    // Every step has one symbol per lane, inside its lane and its row.
    for (step, row) in sop.steps.iter().zip(&chart.rows) {
        let syms: Vec<_> = chart.symbols.iter().filter(|s| s.step == step.no).collect();
        assert_eq!(
            syms.len(),
            step.lanes.len(),
            "{what}: symbols of step {}",
            step.no
        );
        for s in syms {
            let lane = lanes[s.lane];
            let cell = Rect::new(lane.x, row.y, lane.w, row.h);
            assert!(
                cell.encloses(&s.rect),
                "{what}: step {} symbol outside its cell",
                step.no
            );
            assert!(step.lanes.contains(&s.lane));
        }
    }
    // Every text cell lies in the table.
    let table = Rect::new(0.0, 0.0, chart.width, chart.height);
    for c in chart.cells.iter().chain(&chart.header) {
        assert!(table.encloses(&c.rect), "{what}: cell outside the table");
    }
    let lane_left = lanes[0].x;
    let lane_right = lanes.last().map(|c| c.x + c.w).unwrap();
    for a in &chart.arrows {
        assert!(
            a.points.len() >= 2,
            "{what}: arrow {}->{} has no run",
            a.from,
            a.to
        );
        for seg in a.segments() {
            assert!(
                seg.is_horizontal() ^ seg.is_vertical(),
                "{what}: arrow {}->{} has a slanted or empty segment {seg:?}",
                a.from,
                a.to
            );
            // Arrows stay in the lanes, below the header.
            for p in [seg.a, seg.b] {
                assert!(
                    p.x > lane_left
                        && p.x < lane_right
                        && p.y > chart.header_h
                        && p.y < chart.height,
                    "{what}: arrow {}->{} leaves the lanes at {p:?}",
                    a.from,
                    a.to
                );
            }
            // No arrow passes through a symbol.
            for s in &chart.symbols {
                for p in seg.samples(0.5) {
                    assert!(
                        !strictly_inside(s, p),
                        "{what}: arrow {}->{} passes through the symbol of step {} at {p:?}",
                        a.from,
                        a.to,
                        s.step
                    );
                }
            }
        }
        // It starts on its source symbol and ends on its target's.
        let touches = |step: StepNo, p: Pt| {
            chart.symbols.iter().any(|s| {
                s.step == step && {
                    let r = s.rect;
                    Rect::new(r.x - 0.5, r.y - 0.5, r.w + 1.0, r.h + 1.0).contains(p)
                }
            })
        };
        assert!(
            touches(a.from, a.points[0]),
            "{what}: arrow {}->{} starts away from {}",
            a.from,
            a.to,
            a.from
        );
        assert!(
            touches(a.to, *a.points.last().unwrap()),
            "{what}: arrow {}->{} ends away from {}",
            a.from,
            a.to,
            a.to
        );
    }
    // "Ya"/"Tidak" never sit on a symbol.
    for a in &chart.arrows {
        if let Some((t, at)) = a.label {
            let w = ApproxMeasure.width(t, chart.style.font, true);
            let h = chart.style.font * 1.25;
            let label = Rect::new(at.x, at.y, w, h);
            for s in &chart.symbols {
                for fx in [0.0, 0.25, 0.5, 0.75, 1.0] {
                    for fy in [0.0, 0.5, 1.0] {
                        let p = Pt::new(label.x + label.w * fx, label.y + label.h * fy);
                        assert!(
                            !strictly_inside(s, p),
                            "{what}: label {t} of {}->{} lies on step {}",
                            a.from,
                            a.to,
                            s.step
                        );
                    }
                }
            }
        }
    }
    // "Tidak" stands where its path leaves the diamond: right of the side vertex, just above
    // the stretch out of it, in the decision's own row; no arrow and no table rule crosses a
    // label.
    for a in chart.arrows.iter().filter(|a| a.kind == ArrowKind::No) {
        let (t, at) = a.label.expect("Tidak has its label");
        let w = ApproxMeasure.width(t, chart.style.font, true);
        let h = chart.style.font * 1.25;
        let exit = a.points[0];
        assert!(
            at.x > exit.x && at.y + h <= exit.y && at.y + h > exit.y - chart.style.track,
            "{what}: Tidak of {}->{} at {at:?}, its exit at {exit:?}",
            a.from,
            a.to
        );
        let row = chart.rows.iter().find(|r| r.step == a.from).unwrap();
        assert!(at.y >= row.y, "{what}: Tidak of {} above its row", a.from);
        let label = Rect::new(at.x + 0.5, at.y + 0.5, w - 1.0, h - 1.0);
        for b in &chart.arrows {
            for seg in b.segments() {
                assert!(
                    !seg.samples(0.5).any(|p| label.contains(p)),
                    "{what}: arrow {}->{} crosses the Tidak of {}->{} at {at:?}",
                    b.from,
                    b.to,
                    a.from,
                    a.to
                );
            }
        }
        for rule in chart.rules.iter().filter(|r| r.is_vertical()) {
            assert!(
                !rule.samples(0.5).any(|p| label.contains(p)),
                "{what}: a rule crosses the Tidak of {}->{}",
                a.from,
                a.to
            );
        }
    }
    // No two arrows share a stretch.
    for (i, a) in chart.arrows.iter().enumerate() {
        for b in &chart.arrows[i + 1..] {
            for sa in a.segments() {
                for sb in b.segments() {
                    assert!(
                        !sa.overlaps(&sb),
                        "{what}: arrows {}->{} and {}->{} overlap: {sa:?} {sb:?}",
                        a.from,
                        a.to,
                        b.from,
                        b.to
                    );
                }
            }
        }
    }
    chart
}

#[test]
fn the_offices_sop_draws_as_the_seed_lays_it() {
    let sop = Sop::embedded();
    let chart = check(&sop, 1250.0, 1.0, "seed");
    assert_eq!(chart.rows.len(), 11);
    assert_eq!(chart.symbols.len(), 12, "step 8 stands in two lanes");
    assert_eq!(chart.joins.len(), 1);
    // Headers: the five lanes in order, and the two-row groups.
    let header: Vec<&str> = chart.header.iter().map(|c| c.text.as_str()).collect();
    for t in [
        "No",
        "Uraian Prosedur",
        "Pelaksana",
        "Mutu Baku",
        "Keterangan",
        "TIM",
        "KEPALA DINAS",
        "Kelengkapan dan Peralatan",
        "Waktu",
        "Output",
    ] {
        assert!(header.contains(&t), "header {t}");
    }
    // Start and end capsules.
    let first = chart.symbols.iter().find(|s| s.step == 1).unwrap();
    assert_eq!((first.shape, first.label), (Shape::Capsule, Some("Mulai")));
    let last = chart.symbols.iter().find(|s| s.step == 11).unwrap();
    assert_eq!(last.label, Some("Selesai"));
    // The decision: "Ya" down to 11, "Tidak" out of its side back to 8.
    let yes = chart
        .arrows
        .iter()
        .find(|a| a.kind == ArrowKind::Yes)
        .unwrap();
    let no = chart
        .arrows
        .iter()
        .find(|a| a.kind == ArrowKind::No)
        .unwrap();
    let diamond = chart.symbols.iter().find(|s| s.step == 10).unwrap();
    assert_eq!((yes.from, yes.to), (10, 11));
    assert_eq!((no.from, no.to), (10, 8));
    assert!(yes.points[1].y > yes.points[0].y, "Ya leaves downwards");
    assert!(
        (yes.points[0].x - diamond.rect.center().x).abs() < 0.01,
        "from the bottom vertex"
    );
    assert!(no.points[1].x > no.points[0].x, "Tidak leaves sideways");
    assert!(
        (no.points[0].y - diamond.rect.center().y).abs() < 0.01,
        "from the side vertex"
    );
    assert_eq!(yes.label.map(|l| l.0), Some("Ya"));
    assert_eq!(no.label.map(|l| l.0), Some("Tidak"));
    assert_eq!(chart.arrows.len(), 11);
}

#[test]
fn holds_at_every_zoom_and_page_width() {
    let sop = Sop::embedded();
    for (w, z) in [
        (700.0, 0.5),
        (1000.0, 0.8),
        (1366.0, 1.0),
        (2000.0, 1.6),
        (3000.0, 2.5),
    ] {
        check(&sop, w * z, z, &format!("seed at {w}/{z}"));
    }
}

#[test]
fn holds_for_made_up_sops() {
    let mut seen_back = 0;
    let mut seen_skip = 0;
    for seed in 0..300u64 {
        let mut rng = Rng(seed * 7919 + 13);
        let steps = 3 + rng.below(28);
        let lanes = 2 + rng.below(7);
        let sop = made_up(seed, steps, lanes);
        let width = 700.0 + rng.below(1000) as f32;
        let chart = check(
            &sop,
            width,
            1.0,
            &format!("seed {seed} ({steps} steps, {lanes} lanes)"),
        );
        seen_back += chart.arrows.iter().filter(|a| a.to <= a.from).count();
        seen_skip += chart.arrows.iter().filter(|a| a.to > a.from + 1).count();
    }
    assert!(
        seen_back > 50 && seen_skip > 20,
        "the generator exercises returns and skips"
    );
}

#[test]
fn six_lanes_and_a_second_decision_draw_without_code_change() {
    let text = crate::domain::sop::EMBEDDED_SOP
        .replace(
            "[[langkah]]\nno = 1\n",
            "[[pelaksana]]\nid = \"inspektorat\"\nnama = \"INSPEKTORAT\"\n\n[[langkah]]\nno = 1\n",
        )
        .replace(
            "pelaksana = [\"sekretaris\"]\nsimbol = \"proses\"\nkelengkapan = \"Draft RKT\"\nwaktu = { jumlah = 1, satuan = \"minggu\" }",
            "pelaksana = [\"inspektorat\"]\nsimbol = \"keputusan\"\nkelengkapan = \"Draft RKT\"\nwaktu = { jumlah = 1, satuan = \"minggu\" }\nya = 10\ntidak = 7",
        );
    let sop = Sop::parse(&text).expect("a valid six-lane SOP");
    assert_eq!(sop.lanes.len(), 6);
    let chart = check(&sop, 1250.0, 1.0, "six lanes");
    assert_eq!(
        chart
            .arrows
            .iter()
            .filter(|a| a.kind == ArrowKind::No)
            .count(),
        2
    );
    assert!(chart.header.iter().any(|c| c.text == "INSPEKTORAT"));
}

#[test]
fn rows_grow_with_long_texts() {
    let mut sop = Sop::embedded();
    sop.steps[2].text = "Rapat sosialisasi ".repeat(40);
    let short = layout(
        &Sop::embedded(),
        1250.0,
        Style::scaled(1.0),
        &ApproxMeasure,
        None,
    );
    let long = layout(&sop, 1250.0, Style::scaled(1.0), &ApproxMeasure, None);
    assert!(long.rows[2].h > short.rows[2].h * 3.0);
    check(&sop, 1250.0, 1.0, "long text");
}

#[test]
fn clicks_find_their_step() {
    let chart = layout(
        &Sop::embedded(),
        1250.0,
        Style::scaled(1.0),
        &ApproxMeasure,
        None,
    );
    let r = chart.rows[4];
    assert_eq!(chart.step_at(Pt::new(10.0, r.y + r.h / 2.0)), Some(5));
    assert_eq!(chart.step_at(Pt::new(10.0, 1.0)), None);
}

#[test]
fn a_status_column_is_added_on_request() {
    let sop = Sop::embedded();
    let status: Vec<String> = (1..=11).map(|i| format!("Menunggu {i}")).collect();
    let chart = layout(
        &sop,
        1400.0,
        Style::scaled(1.0),
        &ApproxMeasure,
        Some(&status),
    );
    assert!(chart.columns.iter().any(|c| c.kind == ColumnKind::Status));
    assert!(chart.cells.iter().any(|c| c.text == "Menunggu 11"));
    assert!(chart.header.iter().any(|c| c.text == text::STATUS));
}

#[test]
fn lane_titles_are_set_smaller_rather_than_broken_inside_a_word() {
    let mut sop = Sop::embedded();
    sop.lanes[1].name = "SUB BAGIAN PERENCANAAN DAN PELAPORAN".into();
    sop.lanes.push(crate::domain::sop::Lane {
        id: "inspektorat".into(),
        name: "INSPEKTORAT".into(),
    });
    let style = Style::scaled(0.9);
    // Narrow: six lanes on a portrait page.
    let chart = layout(&sop, 520.0, style, &ApproxMeasure, None);
    for lane in &sop.lanes {
        let cell = chart
            .header
            .iter()
            .find(|c| c.text == lane.name)
            .expect("the lane's title");
        let room = cell.rect.w - 2.0 * style.pad;
        // Words, and the parts of a slashed word ("KABID/KASUBAG/JF"), which may break.
        for word in lane
            .name
            .split_whitespace()
            .flat_map(|w| w.split_inclusive('/'))
        {
            let w = ApproxMeasure.width(word, cell.size, true);
            assert!(
                w <= room + 0.01 || cell.size <= style.header_font * 0.6 + 0.01,
                "{word} ({w:.1}) in {room:.1} at {:.1}",
                cell.size
            );
        }
    }
    // A title that fits keeps the header's size.
    let wide = layout(&Sop::embedded(), 1250.0, style, &ApproxMeasure, None);
    let tim = wide.header.iter().find(|c| c.text == "TIM").unwrap();
    assert_eq!(tim.size, style.header_font);
}

#[test]
fn tidak_stands_beside_the_side_vertex_not_over_the_diamond() {
    // The head's decision in the last lane (the office's SOP), and another office's: the
    // Kasubag's check in the second lane, the head's signature in the last.
    let revised =
        Sop::parse(include_str!("../../tests/data/sop-revisi.toml")).expect("a valid SOP");
    for (sop, decisions) in [(Sop::embedded(), vec![10]), (revised, vec![5, 9])] {
        let chart = check(&sop, 1250.0, 1.0, "Tidak");
        for step in decisions {
            let diamond = chart.symbols.iter().find(|s| s.step == step).unwrap();
            let no = chart
                .arrows
                .iter()
                .find(|a| a.from == step && a.kind == ArrowKind::No)
                .unwrap();
            let (_, at) = no.label.unwrap();
            // Right of the side vertex, never over the diamond, where the arrow coming in
            // (at the top vertex) would claim it.
            assert!(
                at.x >= diamond.rect.right(),
                "step {step}: Tidak at {at:?}, diamond {:?}",
                diamond.rect
            );
            // Before the arrow turns: the word sits over its own stretch.
            assert!(
                at.x + ApproxMeasure.width("Tidak", chart.style.font, true) < no.points[1].x,
                "step {step}: {:?}",
                no.points
            );
        }
    }
}
