//! A 20 MB evidence file taken into the database: the time, and the memory it needs at most
//! (the process's peak resident size, reset just before, against its size before; goal ≤ 2× the
//! file). `cargo bench --bench evidence` (Linux: /proc/self/status and clear_refs).

use std::time::Instant;

use chrono::NaiveDate;
use sop_rkt::domain::action_plan::PlanCol;
use sop_rkt::domain::sop::{Requirement, Sop};
use sop_rkt::store::{ReportKind, Store};

fn status_kb(field: &str) -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let at = |m, d| {
        NaiveDate::from_ymd_opt(2026, m, d)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    };
    let sop = Sop::embedded();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
    sop_rkt::export::fill_demo(&mut store, &sop, 2026, 20, at(1, 5)).unwrap();
    store.demo_plan(&sop, 2025, at(1, 20)).unwrap();
    let step = sop.step_requiring(Requirement::Signed).unwrap().clone();
    let head = store
        .demo_sign_in(|o| sop.admits(&step, &o.lanes), at(1, 21))
        .unwrap();
    let key = store
        .unlock_signing_key(&head, sop_rkt::store::DEMO_PASSPHRASE, &sop, at(1, 21))
        .unwrap();
    store
        .sign_report(
            &sop,
            ReportKind::RencanaAksi,
            2025,
            &key,
            &head,
            at(1, 21),
            &|_, _| Ok(b"%PDF-1.4".to_vec()),
        )
        .unwrap();
    let row = store.plan_rows(2025, None).unwrap().remove(0);
    assert!(!row.values.get(PlanCol::Aksi).is_empty());
    let who = store
        .demo_sign_in(|o| o.unit_id == Some(row.unit_id), at(1, 22))
        .or_else(|_| {
            let step = sop
                .step_requiring(Requirement::FormatsSubmitted)
                .unwrap()
                .clone();
            store.demo_sign_in(|o| sop.admits(&step, &o.lanes), at(1, 22))
        })
        .unwrap();

    // A 20 MB scan.
    let size = 20 * 1024 * 1024;
    let path = dir.path().join("pindaian laporan.pdf");
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..size - 9).map(|i: usize| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    std::fs::write(&path, &bytes).unwrap();
    drop(bytes);

    let before = status_kb("VmRSS:");
    // Peak resident size counted from here (Linux ≥ 4.0).
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let t = Instant::now();
    let e = store
        .add_evidence(row.id, 1, &path, &who, at(1, 22))
        .unwrap();
    let took = t.elapsed().as_secs_f64() * 1e3;
    let peak = status_kb("VmHWM:");
    let grew_mb = peak.saturating_sub(before) as f64 / 1024.0;
    println!(
        "bukti 20 MB diimpor dalam {took:.0} ms (SHA-256 {}…); memori puncak naik {grew_mb:.1} MB = {:.2}× ukuran berkas{}",
        &e.sha256[..12],
        grew_mb / 20.0,
        if reset {
            ""
        } else {
            " (puncak tak dapat diatur ulang: angka ini batas atas)"
        }
    );
}
