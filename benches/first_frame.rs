//! The program's first frame and peak memory against a bare eframe window with the same
//! renderer, each a whole process started from nothing, alternated, on the display at hand
//! (Xvfb here and in CI). Needs the release binary: `cargo build --release`, then
//! `cargo bench --bench first_frame`. The program opens the demo office (as after "Isi data
//! contoh"); the bare window paints one empty panel.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

const ROUNDS: usize = 9;
const BARE: &str = "--jendela-polos";

/// `glow` unless FIRST_FRAME_RENDERER=wgpu: the same renderer for both processes.
fn renderer() -> String {
    std::env::var("FIRST_FRAME_RENDERER").unwrap_or_else(|_| "glow".into())
}

fn main() {
    let t0 = Instant::now();
    if std::env::args().any(|a| a == BARE) {
        bare_window(t0);
        return;
    }
    let program = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/sop-rkt");
    if !program.exists() {
        eprintln!("build the release binary first: cargo build --release");
        return;
    }
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!("no display: run under Xvfb (xvfb-run -a cargo bench --bench first_frame)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kantor.db");
    let demo = Command::new(&program)
        .args(["demo", "--db"])
        .arg(&db)
        .env("SOP_RKT_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let me = std::env::current_exe().unwrap();
    let (mut ours, mut bare) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let mut p = Command::new(&program);
        p.args([
            "--renderer",
            &renderer(),
            "--exit-after-first-frame",
            "--db",
        ])
        .arg(&db)
        .env("SOP_RKT_DATA_DIR", dir.path());
        ours.push(measure(p));
        let mut b = Command::new(&me);
        b.arg(BARE);
        bare.push(measure(b));
    }
    let median = |v: &[(f64, f64)], i: usize| {
        let mut x: Vec<f64> = v.iter().map(|m| if i == 0 { m.0 } else { m.1 }).collect();
        x.sort_by(f64::total_cmp);
        x[x.len() / 2]
    };
    let (of, bf) = (median(&ours, 0), median(&bare, 0));
    let (om, bm) = (median(&ours, 1), median(&bare, 1));
    println!(
        "bingkai pertama ({}, median {ROUNDS} kali): program {of:.0} ms, jendela polos {bf:.0} ms = {:.2}×",
        renderer(),
        of / bf
    );
    println!(
        "memori puncak (RSS maks): program {:.0} MB, jendela polos {:.0} MB = {:.2}×",
        om / 1024.0,
        bm / 1024.0,
        om / bm
    );
}

/// Runs one process under GNU time: (milliseconds to its first frame, peak RSS in KB).
fn measure(cmd: Command) -> (f64, f64) {
    let args: Vec<String> = std::iter::once(cmd.get_program().to_string_lossy().into_owned())
        .chain(cmd.get_args().map(|a| a.to_string_lossy().into_owned()))
        .collect();
    let mut timed = Command::new("/usr/bin/time");
    timed.args(["-f", "@maxrss %M"]).args(&args);
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            timed.env(k, v);
        }
    }
    let out = timed
        .output()
        .expect("GNU time (/usr/bin/time) is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ms: f64 = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .next_back()
        .expect("milliseconds printed");
    let rss: f64 = String::from_utf8_lossy(&out.stderr)
        .lines()
        .find_map(|l| {
            l.strip_prefix("@maxrss ")
                .and_then(|v| v.trim().parse().ok())
        })
        .expect("peak RSS printed");
    (ms, rss)
}

/// An eframe window with the program's renderer and nothing in it: prints the milliseconds
/// from process start to its first painted frame, then closes.
fn bare_window(t0: Instant) {
    struct Bare {
        t0: Instant,
        frames: u32,
    }
    impl eframe::App for Bare {
        fn ui(&mut self, ui: &mut eframe::egui::Ui, _frame: &mut eframe::Frame) {
            eframe::egui::CentralPanel::default().show(ui, |ui| ui.label("SOP Penyusunan RKT"));
            self.frames += 1;
            // As the program counts: on the second call the first frame has been presented.
            if self.frames >= 2 {
                println!("{}", self.t0.elapsed().as_millis());
                ui.ctx()
                    .send_viewport_cmd(eframe::egui::ViewportCommand::Close);
            } else {
                ui.ctx().request_repaint();
            }
        }
    }
    let options = eframe::NativeOptions {
        renderer: if renderer() == "wgpu" {
            eframe::Renderer::Wgpu
        } else {
            eframe::Renderer::Glow
        },
        viewport: eframe::egui::ViewportBuilder::default().with_inner_size([1280.0, 720.0]),
        ..Default::default()
    };
    eframe::run_native(
        "jendela polos",
        options,
        Box::new(move |_| Ok(Box::new(Bare { t0, frames: 0 }))),
    )
    .unwrap();
}
