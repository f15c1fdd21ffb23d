//! The second year's figures: 5,000 FORMAT RKT rows carried into a new year (the plan, then the
//! write in one transaction), and a 5,000-code list read from its workbook, planned and stored.
//! `cargo bench --bench second_year`.

use std::time::Instant;

use chrono::NaiveDate;
use sop_rkt::domain::sop::Sop;
use sop_rkt::store::Store;
use sop_rkt::xlsx::master::{self, MasterBook};

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let now = NaiveDate::from_ymd_opt(2026, 12, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let sop = Sop::embedded();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
    store.fill_demo(&sop, 2026, 5000, now).unwrap();
    let tim = store
        .demo_sign_in(|o| o.lanes.iter().any(|l| l == "tim") && !o.pengelola, now)
        .unwrap();
    store.submit_all_and_compile(&sop, 2026, &tim, now).unwrap();

    // Carry 2026's 5,000 rows into 2027, then take them away again (undo), five times.
    let (mut plans, mut carries) = (Vec::new(), Vec::new());
    let mut rows = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let plan = store.carry_plan(2027).unwrap();
        plans.push(ms(t));
        let t = Instant::now();
        let done = store.carry_year(&sop, 2027, true, &tim, now).unwrap();
        carries.push(ms(t));
        rows = done.row_ids.len();
        assert_eq!(rows, plan.rows_written(true));
        store
            .set_carried_deleted(&sop, 2027, &done.row_ids, true, &tim, now)
            .unwrap();
    }
    println!(
        "membawa {rows} baris ke tahun baru: pratinjau median {:.0} ms; bawa (hitung ulang + tulis, satu transaksi) median {:.0} ms",
        median(plans),
        median(carries)
    );

    // A code list of about 5,000 codes: ten programs, ten kegiatan each, 49 sub kegiatan each.
    let mut codes = Vec::new();
    for p in 1..=10 {
        codes.push((format!("1.05.{p:02}"), format!("Program {p}")));
        for k in 1..=10 {
            codes.push((format!("1.05.{p:02}.2.{k:02}"), format!("Kegiatan {p}.{k}")));
            for s in 1..=49 {
                codes.push((
                    format!("1.05.{p:02}.2.{k:02}.{s:04}"),
                    format!("Sub kegiatan {p}.{k}.{s} dengan nama sepanjang nomenklatur"),
                ));
            }
        }
    }
    // The office's own codes stay (in use), so the list is the new one plus those.
    let kept: Vec<(String, String)> = store
        .master_data(2026)
        .unwrap()
        .codes
        .into_iter()
        .map(|c| (c.code, c.name))
        .collect();
    for k in kept {
        if !codes.iter().any(|(c, _)| *c == k.0) {
            codes.push(k);
        }
    }
    let book = master::codes_template(&codes).unwrap();
    let op = store.demo_sign_in(|o| o.pengelola, now).unwrap();
    let (mut reads, mut imports) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        let t = Instant::now();
        let read = master::read(&book).unwrap();
        let plan = store.plan_master_import(&read.book).unwrap();
        reads.push(ms(t));
        assert!(
            read.problems.is_empty() && plan.problems.is_empty(),
            "{:?} {:?}",
            read.problems.first(),
            plan.problems.first()
        );
        let t = Instant::now();
        store.import_master(&read.book, &op, now).unwrap();
        imports.push(ms(t));
        assert!(matches!(read.book, MasterBook::Codes(ref c) if c.len() == codes.len()));
    }
    println!(
        "impor daftar {} kode: baca + periksa + pratinjau median {:.0} ms; simpan (satu transaksi) median {:.0} ms",
        codes.len(),
        median(reads),
        median(imports)
    );
}
