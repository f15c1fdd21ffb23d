//! The year after the PK as its tests start it: the demo office up to 2025's signed
//! Perjanjian Kinerja, its Rencana Aksi started by the TIM, and (for realisation) marked signed.

use chrono::NaiveDateTime;
use sop_rkt::domain::sop::{Requirement, Sop};
use sop_rkt::export::DemoDepth;
use sop_rkt::store::Store;

/// The demo office of 2026 at `now`: its RKT and Perjanjian Kinerja of 2025 signed, the year
/// after not begun.
pub fn demo_to_pk(now: NaiveDateTime) -> Store {
    sop_rkt::store::fast_keys_for_tests();
    let mut store = Store::open_in_memory().unwrap();
    sop_rkt::export::fill_demo_to(&mut store, &Sop::embedded(), 2026, 20, now, DemoDepth::Pk)
        .unwrap();
    store
}

/// ... with 2025's Rencana Aksi started by the TIM.
pub fn office_with_plan(now: NaiveDateTime) -> Store {
    let mut store = demo_to_pk(now);
    let sop = Sop::embedded();
    let step = sop
        .step_requiring(Requirement::FormatsSubmitted)
        .unwrap()
        .clone();
    let tim = store
        .demo_sign_in(|o| o.active && sop.admits(&step, &o.lanes), now)
        .unwrap();
    assert!(store.start_plan(&sop, 2025, &tim, now).unwrap() > 0);
    store
}

/// Marks 2025's Rencana Aksi signed. Tests only: its archive row put in straight (the head's
/// signing makes a PDF, which is not what these tests are about); the store reads the row as
/// "signed".
pub fn mark_plan_signed(store: &Store) {
    store
        .raw_connection()
        .execute(
            "INSERT INTO report_archive (kind, year, quarter, signer, signed_at, cert_fingerprint, pdf, pdf_sha256)
             VALUES ('rencana_aksi', 2025, 0, 'x', '2026-01-05T08:00:00+08:00', 'x', x'00', ?1)",
            ["ab".repeat(32)],
        )
        .unwrap();
    assert!(store.plan_is_signed(2025).unwrap());
}
