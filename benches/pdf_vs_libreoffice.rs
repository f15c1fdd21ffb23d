//! The 500-row Draft RKT to PDF as the office would get it, whole processes side by side:
//! `sop-rkt export-pdf` against LibreOffice turning the same rows (as CSV) into a PDF, alternated,
//! medians. Needs the release binary (`cargo build --release`) and LibreOffice Calc
//! (`apt-get install libreoffice-calc-nogui`). `cargo bench --bench pdf_vs_libreoffice`.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use chrono::NaiveDate;
use sop_rkt::domain::sop::Sop;
use sop_rkt::export;
use sop_rkt::store::Store;

const ROUNDS: usize = 9;
const YEAR: i32 = 2028;

fn main() {
    let program = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/sop-rkt");
    if !program.exists() {
        eprintln!("build the release binary first: cargo build --release");
        return;
    }
    let soffice = ["soffice", "libreoffice"]
        .into_iter()
        .find(|p| Command::new(p).arg("--version").output().is_ok());
    let Some(soffice) = soffice else {
        eprintln!("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kantor.db");
    let now = NaiveDate::from_ymd_opt(2027, 1, 4)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let rows = {
        let sop = Sop::embedded();
        let mut store = Store::open(&db).unwrap();
        export::fill_demo(&mut store, &sop, YEAR, 500, now).unwrap();
        let tim = store
            .demo_sign_in(|o| o.lanes.iter().any(|l| l == "tim"), now)
            .unwrap();
        store.submit_all_and_compile(&sop, YEAR, &tim, now).unwrap();
        let draft = store.drafts(YEAR).unwrap()[0].id;
        store.draft_rows(draft).unwrap()
    };
    // The same rows for LibreOffice, one line each, the RKT's columns.
    let csv = dir.path().join("rkt.csv");
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut text = String::from(
        "No,Sasaran,Indikator,Target,Satuan,Kode,Sumber Dana,Pagu,Penanggung Jawab,Keterangan\n",
    );
    for (i, r) in rows.iter().enumerate() {
        let v = &r.values;
        let cells = [
            &v.sasaran,
            &v.indikator,
            &v.target,
            &v.satuan,
            &v.code,
            &v.sumber_dana,
            &v.pagu,
            &v.penanggung_jawab,
            &v.keterangan,
        ];
        let line: Vec<String> = cells.iter().map(|c| quote(c)).collect();
        text.push_str(&format!("{},{}\n", i + 1, line.join(",")));
    }
    std::fs::write(&csv, text).unwrap();
    let profile = format!("file://{}", dir.path().join("lo-profile").display());
    let libreoffice = || {
        let mut c = Command::new(soffice);
        c.arg(format!("-env:UserInstallation={profile}"))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(&csv);
        c
    };
    let ours = |i: usize| {
        let mut c = Command::new(&program);
        c.args(["export-pdf", "--year", &YEAR.to_string(), "--db"])
            .arg(&db)
            .arg("--out")
            .arg(dir.path().join(format!("rkt-{i}.pdf")))
            .env("SOP_RKT_DATA_DIR", dir.path());
        c
    };
    // LibreOffice's first start makes its profile: not counted.
    run(libreoffice());
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for i in 0..ROUNDS {
        a.push(run(ours(i)));
        b.push(run(libreoffice()));
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (ours_ms, lo_ms) = (median(&mut a), median(&mut b));
    // Both PDFs kept beside the build, to be looked at.
    let kept = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::copy(
        dir.path().join("rkt-0.pdf"),
        kept.join("rkt-500-sop-rkt.pdf"),
    )
    .unwrap();
    std::fs::copy(
        dir.path().join("rkt.pdf"),
        kept.join("rkt-500-libreoffice.pdf"),
    )
    .unwrap();
    let pages = lopdf::Document::load(dir.path().join("rkt-0.pdf"))
        .unwrap()
        .get_pages()
        .len();
    println!(
        "Draft RKT {} baris ({pages} halaman) ke PDF, proses utuh, median {ROUNDS} kali: sop-rkt {ours_ms:.0} ms (min {:.0}), LibreOffice dari CSV {lo_ms:.0} ms (min {:.0}) = {:.1}× lebih cepat",
        rows.len(),
        a[0],
        b[0],
        lo_ms / ours_ms
    );
}

/// Milliseconds of one whole process, which must succeed.
fn run(mut cmd: Command) -> f64 {
    let t = Instant::now();
    let out = cmd.output().unwrap();
    let ms = t.elapsed().as_secs_f64() * 1e3;
    assert!(
        out.status.success(),
        "{:?}: {}",
        cmd,
        String::from_utf8_lossy(&out.stderr)
    );
    ms
}
