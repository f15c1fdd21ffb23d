//! A year after its Perjanjian Kinerja, as an office lives it: the demo's 2025 (RKT signed and
//! archived, PK signed), its Rencana Aksi started by the TIM, filled by each unit and signed by
//! the head; every quarter's realisation reported by each unit's own official with budget and
//! an evidence file; the Laporan Capaian TW I and the LKjIP tables signed. For the report tests
//! and anyone who needs a measured year.

use std::path::Path;

use chrono::NaiveDateTime;
use sop_rkt::domain::action_plan::{PlanCol, RealCol};
use sop_rkt::domain::capaian::Target;
use sop_rkt::domain::quarter::Quarter;
use sop_rkt::domain::sop::{Requirement, Sop};
use sop_rkt::export;
use sop_rkt::store::{DEMO_PASSPHRASE, Identity, ReportKind, Store};

/// The measured year.
pub const YEAR: i32 = 2025;

/// An evidence file as reported: its name and SHA-256.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub name: String,
    pub sha256: String,
}

/// What was made, for the tests to look for.
pub struct MeasuredYear {
    pub store: Store,
    pub evidence: Vec<Evidence>,
    /// The indikator measured lower-is-better.
    pub lower: String,
}

/// The first active official in the lane of the step with `req`, signed in.
pub fn in_lane(store: &mut Store, sop: &Sop, req: Requirement, now: NaiveDateTime) -> Identity {
    let step = sop.step_requiring(req).expect("the SOP has the step");
    store
        .demo_sign_in(|o| o.active && sop.admits(step, &o.lanes), now)
        .unwrap()
}

/// A quarter's target: the year's spread over the quarters (cumulative), or a quarter of it
/// each (per quarter); a range target is kept as it is.
fn quarter_targets(year_target: &str, cumulative: bool) -> [String; 4] {
    let d = sop_rkt::domain::indo::decimal;
    match Target::parse(year_target) {
        Ok(Target::Single(v)) if cumulative => [0.25, 0.5, 0.75, 1.0].map(|f| d(v * f)),
        Ok(Target::Single(v)) => std::array::from_fn(|_| d(v / 4.0)),
        _ => std::array::from_fn(|_| year_target.trim().to_string()),
    }
}

/// The year measured, in the database at `path` (a file, so the program can read it too);
/// `dir` takes the evidence files before they are imported.
pub fn measured_year(path: &Path, dir: &Path, now: NaiveDateTime) -> MeasuredYear {
    sop_rkt::store::fast_keys_for_tests();
    let sop = Sop::embedded();
    let mut store = Store::open(path).unwrap();
    export::fill_demo_to(
        &mut store,
        &sop,
        YEAR + 1,
        20,
        now,
        sop_rkt::export::DemoDepth::Pk,
    )
    .unwrap();
    let tim = in_lane(&mut store, &sop, Requirement::FormatsSubmitted, now);
    assert!(store.start_plan(&sop, YEAR, &tim, now).unwrap() > 0);
    let rows = store.plan_rows(YEAR, None).unwrap();
    let mut lower = String::new();
    for (i, row) in rows.iter().enumerate() {
        let who = store
            .demo_sign_in(|o| o.active && o.unit_id == Some(row.unit_id), now)
            .unwrap();
        // One indikator where lower is better, counted per quarter.
        let turun = i == 1;
        if turun {
            lower = row.values.indikator.clone();
        }
        let tw = quarter_targets(&row.values.target, !turun);
        let set = |c: PlanCol, v: &str, s: &mut Store| s.set_plan_cell(row.id, c, v, &who).unwrap();
        set(
            PlanCol::Arah,
            if turun { "Turun" } else { "Naik" },
            &mut store,
        );
        set(
            PlanCol::Sifat,
            if turun { "Per Triwulan" } else { "Kumulatif" },
            &mut store,
        );
        for (q, t) in Quarter::ALL.iter().zip(&tw) {
            set(PlanCol::of_quarter(*q), t, &mut store);
        }
        set(
            PlanCol::Aksi,
            &format!("Rencana aksi {}", i + 1),
            &mut store,
        );
    }
    let head = in_lane(&mut store, &sop, Requirement::Signed, now);
    export::sign_report(
        &mut store,
        &sop,
        ReportKind::RencanaAksi,
        YEAR,
        DEMO_PASSPHRASE,
        &head,
        now,
    )
    .unwrap();
    let rows = store.plan_rows(YEAR, None).unwrap();
    let mut units: Vec<i64> = rows.iter().map(|r| r.unit_id).collect();
    units.sort_unstable();
    units.dedup();
    let mut evidence = Vec::new();
    for &unit in &units {
        let who = store
            .demo_sign_in(|o| o.active && o.unit_id == Some(unit), now)
            .unwrap();
        for q in 1..=4u32 {
            for (i, row) in rows.iter().enumerate().filter(|(_, r)| r.unit_id == unit) {
                let targets = &store.plan_rows(YEAR, Some(unit)).unwrap();
                let plan = targets.iter().find(|p| p.id == row.id).unwrap();
                // Some indikator above their target, some below.
                let factor = [1.1, 0.95, 0.7, 0.4][i % 4];
                let t = Target::parse(&plan.values.tw[q as usize - 1]);
                let real = match t {
                    Ok(Target::Single(v)) => (v * factor * 100.0).round() / 100.0,
                    _ => 1.0,
                };
                let real = sop_rkt::domain::indo::decimal(real);
                store
                    .set_real_cell(row.id, q, RealCol::Realisasi, &real, &who, now)
                    .unwrap();
                if factor < 1.0 {
                    store
                        .set_real_cell(row.id, q, RealCol::Kendala, "Personel terbatas", &who, now)
                        .unwrap();
                    store
                        .set_real_cell(
                            row.id,
                            q,
                            RealCol::TindakLanjut,
                            "Penjadwalan ulang",
                            &who,
                            now,
                        )
                        .unwrap();
                }
            }
            for b in store.budget_rows(YEAR, q, unit).unwrap() {
                let amount = b.pagu / 5;
                store
                    .set_budget_real(YEAR, q, unit, &b.code, &amount.to_string(), &who, now)
                    .unwrap();
            }
            if q == 1 {
                let first = rows.iter().find(|r| r.unit_id == unit).unwrap();
                let name = format!("bukti-unit{unit}-tw{q}.pdf");
                let file = dir.join(&name);
                let body = format!("%PDF-1.4\n% bukti dukung unit {unit} triwulan {q}\n%%EOF\n");
                std::fs::write(&file, &body).unwrap();
                store.add_evidence(first.id, q, &file, &who, now).unwrap();
                evidence.push(Evidence {
                    name,
                    sha256: sop_rkt::domain::seal::sha256_hex(body.as_bytes()),
                });
            }
            store.submit_realisation(YEAR, q, unit, &who, now).unwrap();
        }
    }
    let head = in_lane(&mut store, &sop, Requirement::Signed, now);
    for kind in [ReportKind::Capaian(Quarter::ALL[0]), ReportKind::Lkjip] {
        export::sign_report(&mut store, &sop, kind, YEAR, DEMO_PASSPHRASE, &head, now).unwrap();
    }
    MeasuredYear {
        store,
        evidence,
        lower,
    }
}
