//! Flowchart figures: layout of the office's SOP and of a 30-step, 8-lane SOP, and one frame
//! of the Alur SOP page. Run with `cargo bench --bench chart`; prints microseconds/ms.

use std::hint::black_box;
use std::time::Instant;

use sop_rkt::chart::{ApproxMeasure, Style, layout, sample::made_up};
use sop_rkt::domain::sop::Sop;

fn time<R>(label: &str, iterations: u32, mut f: impl FnMut() -> R) {
    for _ in 0..iterations / 10 {
        black_box(f());
    }
    let t0 = Instant::now();
    for _ in 0..iterations {
        black_box(f());
    }
    let per = t0.elapsed().as_secs_f64() / iterations as f64;
    println!("{label}: {:.1} µs", per * 1e6);
}

fn main() {
    let seed = Sop::embedded();
    time("layout, SOP kantor (11 langkah, 5 pelaksana)", 2000, || {
        layout(&seed, 1300.0, Style::scaled(1.0), &ApproxMeasure, None)
    });
    let big = made_up(7, 30, 8);
    time("layout, SOP 30 langkah, 8 pelaksana", 500, || {
        layout(&big, 1300.0, Style::scaled(1.0), &ApproxMeasure, None)
    });
    frame_bench();
}

/// CPU time of one frame of the Alur SOP page (layout cached, painting and tessellation).
fn frame_bench() {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use sop_rkt::app::{App, AppInit};
    use sop_rkt::paths::SopSource;
    use sop_rkt::store::Store;

    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(|cc| {
            App::new(
                &cc.egui_ctx,
                AppInit {
                    store: Store::open_in_memory().unwrap(),
                    sop: Sop::embedded(),
                    sop_source: SopSource::Embedded,
                    db_label: ":memory:".into(),
                    data_dir: std::env::temp_dir(),
                    clock: sop_rkt::app::system_clock(),
                    exit_after_first_frame: None,
                    slow_work_beside: false,
                },
            )
        });
    h.run();
    h.get_by_label("Alur SOP").click();
    h.run();
    let n = 60;
    let t0 = Instant::now();
    for _ in 0..n {
        h.step();
    }
    println!(
        "satu bingkai halaman Alur SOP (CPU, tanpa GPU): {:.2} ms",
        t0.elapsed().as_secs_f64() * 1e3 / n as f64
    );
}
