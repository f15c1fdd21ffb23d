//! FORMAT RKT figures: one cell commit (p50/p99), compiling 5,000 rows into a version, and the
//! CPU time of a frame of a 5,000-row table while it scrolls. `cargo bench --bench format_rkt`.

use std::time::Instant;

use chrono::NaiveDate;
use sop_rkt::domain::rkt::Col;
use sop_rkt::domain::sop::Sop;
use sop_rkt::store::Store;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.db");
    let now = NaiveDate::from_ymd_opt(2026, 2, 2)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let mut store = Store::open(&path).unwrap();
    let t0 = Instant::now();
    store.fill_demo(&Sop::embedded(), 2026, 5000, now).unwrap();
    println!(
        "data contoh 5.000 baris: {:.0} ms",
        t0.elapsed().as_secs_f64() * 1e3
    );

    // One cell edit, committed in its own transaction, as the table does when a cell is left.
    let unit = store.units().unwrap()[0].id;
    let ids: Vec<i64> = store
        .rkt_rows(2026, unit)
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    let own = store
        .demo_sign_in(|o| o.unit_id == Some(unit), now)
        .unwrap();
    let mut times = Vec::new();
    for i in 0..1000 {
        let t = Instant::now();
        store
            .set_cell(
                ids[i % ids.len()],
                Col::Keterangan,
                &format!("catatan {i}"),
                &own,
            )
            .unwrap();
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "simpan satu sel (file, WAL): p50 {:.3} ms, p99 {:.3} ms, maks {:.3} ms",
        times[500], times[990], times[999]
    );

    // What the page reads again after a cell is left: the unit's rows and every unit's status.
    let mut reads = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let rows = store.rkt_rows(2026, unit).unwrap();
        let statuses = store.unit_statuses(2026).unwrap();
        reads.push(t.elapsed().as_secs_f64() * 1e3);
        assert!(!rows.is_empty() && !statuses.is_empty());
    }
    reads.sort_by(f64::total_cmp);
    println!(
        "baca ulang baris unit + status semua unit: median {:.1} ms, maks {:.1} ms",
        reads[10], reads[19]
    );

    // Compilation of every unit's rows (5,000) into Draft RKT version 1.
    let master = store.master_data(2026).unwrap();
    for u in store.units().unwrap() {
        let own = store
            .demo_sign_in(|o| o.unit_id == Some(u.id), now)
            .unwrap();
        store.submit_unit(2026, u.id, &master, &own, now).unwrap();
    }
    let tim = store
        .demo_sign_in(|o| o.lanes.iter().any(|l| l == "tim"), now)
        .unwrap();
    let t = Instant::now();
    let d = store
        .compile_draft(&Sop::embedded(), 2026, &master, &tim, now)
        .unwrap();
    println!(
        "kompilasi {} baris menjadi versi {}: {:.0} ms",
        d.rows,
        d.version,
        t.elapsed().as_secs_f64() * 1e3
    );
    drop(store);
    // The same page with 50 rows: what a frame costs apart from the table's length.
    frame_bench(now, 50);
    frame_bench(now, 5000);
}

/// A unit with `rows` rows on screen, scrolled a little every frame.
fn frame_bench(now: chrono::NaiveDateTime, rows: usize) {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use sop_rkt::app::{App, AppInit};
    use sop_rkt::domain::rkt::RowValues;
    use sop_rkt::paths::SopSource;

    let mut store = Store::open_in_memory().unwrap();
    store.fill_demo(&Sop::embedded(), 2026, 7, now).unwrap();
    let unit = store.units().unwrap()[0].id;
    let template: RowValues = store.rkt_rows(2026, unit).unwrap()[0].values.clone();
    let own = store
        .demo_sign_in(|o| o.unit_id == Some(unit), now)
        .unwrap();
    for _ in 0..rows {
        store.insert_row(2026, unit, None, &template, &own).unwrap();
    }
    let own_id = own.official_id();
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(move |cc| {
            App::new(
                &cc.egui_ctx,
                AppInit {
                    store,
                    sop: Sop::embedded(),
                    sop_source: SopSource::Embedded,
                    db_label: ":memory:".into(),
                    data_dir: std::env::temp_dir(),
                    clock: Box::new(move || now),
                    exit_after_first_frame: None,
                    slow_work_beside: false,
                },
            )
        });
    h.run();
    // The unit's own official, signed in: the table is editable, as it is for who fills it.
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(sop_rkt::app::Command::sign_in(
            own_id,
            sop_rkt::store::DEMO_PIN,
        ));
    h.get_by_label("Format RKT").click();
    h.run();
    let n = 120;
    let mut times = Vec::new();
    for i in 0..n {
        // Down, then back up over 400 points: every frame scrolls, in both tables alike, as when
        // a user reviews a part of the table.
        let dy = if (i / 10) % 2 == 0 { -40.0 } else { 40.0 };
        h.event(eframe::egui::Event::MouseWheel {
            unit: eframe::egui::MouseWheelUnit::Point,
            delta: eframe::egui::vec2(0.0, dy),
            modifiers: Default::default(),
            phase: eframe::egui::TouchPhase::Move,
            source: eframe::egui::MouseWheelSource::Wheel,
        });
        let t = Instant::now();
        h.step();
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "bingkai tabel {rows} baris sambil digulir (CPU, tanpa GPU): median {:.2} ms, p95 {:.2} ms",
        times[n / 2],
        times[n * 95 / 100]
    );
}
