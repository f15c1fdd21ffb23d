//! Excel and backup figures: a 5,000-row FORMAT RKT template written and read back (checked
//! row by row), and one backup of a database holding ten years of rows. `cargo bench --bench excel`.

use std::time::Instant;

use chrono::NaiveDate;
use sop_rkt::domain::rkt::RowValues;
use sop_rkt::domain::sop::Sop;
use sop_rkt::store::Store;
use sop_rkt::xlsx;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let now = NaiveDate::from_ymd_opt(2026, 2, 2)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
    store.fill_demo(&Sop::embedded(), 2026, 5000, now).unwrap();
    let master = store.master_data(2026).unwrap();
    let rows: Vec<RowValues> = store
        .units()
        .unwrap()
        .iter()
        .flat_map(|u| store.rkt_rows(2026, u.id).unwrap())
        .map(|r| r.values)
        .collect();
    let indicators: Vec<String> = master
        .renstra
        .iter()
        .flat_map(|s| s.indikator.iter().map(|i| i.text.clone()))
        .collect();
    let t = Instant::now();
    let bytes = xlsx::export::template(&xlsx::export::TemplateInput {
        year: 2026,
        unit_id: 1,
        unit_name: "Semua unit",
        rows: &rows,
        sasaran: &[],
        indicators: &indicators,
        sub_kegiatan: &[],
        funding: &master.funding,
    })
    .unwrap();
    println!(
        "ekspor templat {} baris: {:.0} ms, {} KB",
        rows.len(),
        ms(t),
        bytes.len() / 1024
    );
    let t = Instant::now();
    let p = xlsx::import::read(&bytes, &|c| master.is_sub_kegiatan(c)).unwrap();
    println!(
        "impor (baca + periksa) {} baris: {:.0} ms, {} masalah",
        p.rows.len(),
        ms(t),
        p.problems.len()
    );
    let own = store.demo_sign_in(|o| o.unit_id == Some(1), now).unwrap();
    let t = Instant::now();
    store.import_rows(2026, 1, &p.rows, &own, now).unwrap();
    println!(
        "simpan impor {} baris (satu transaksi): {:.0} ms",
        p.rows.len(),
        ms(t)
    );

    // Ten years: the 5,000 rows copied into 2017-2025 as well.
    for year in 2017..2026 {
        store
            .raw_connection()
            .execute(
                "INSERT INTO rkt_rows (year, unit_id, position, sasaran, indikator, satuan, target,
                    code, pagu, sumber_dana, penanggung_jawab, keterangan)
                 SELECT ?1, unit_id, position, sasaran, indikator, satuan, target, code, pagu,
                    sumber_dana, penanggung_jawab, keterangan FROM rkt_rows WHERE year = 2026",
                [year],
            )
            .unwrap();
    }
    let backups = dir.path().join("cadangan");
    let t = Instant::now();
    let b = sop_rkt::backup::make(&store, &backups, sop_rkt::backup::Reason::Daily, now).unwrap();
    println!(
        "satu cadangan (VACUUM INTO) basis data 10 tahun: {:.0} ms, {} KB",
        ms(t),
        b.size / 1024
    );
}
