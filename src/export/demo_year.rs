//! The demo's year after the Perjanjian Kinerja, as the office would live it: the Rencana Aksi
//! filled by the units and signed by the head, the year before as history, then each quarter
//! that has ended reported by every unit with a photo as evidence — the last quarter with one
//! unit still filling (late) — and the Laporan Capaian of the first two quarters signed. The
//! third is reported and waits for the head's signature (the walk signs it).

use chrono::{Duration, NaiveDateTime};

use super::{Result, demo_official, sign_report};
use crate::domain::quarter::Quarter;
use crate::domain::sop::{Requirement, Sop};
use crate::store::{DEMO_PASSPHRASE, ReportKind, Store, StoreError};

/// The photo every demo row reports as its evidence (an invented picture).
const DEMO_EVIDENCE: &[u8] = include_bytes!("../../assets/demo-bukti.png");

/// What the demo measured: the quarters reported and the reports signed.
pub(super) struct Measured {
    pub quarters: u32,
    pub reports: usize,
}

/// Makes `year`'s measured year from `at` (the day after its PK), up to `now`.
pub(super) fn measured_year(
    store: &mut Store,
    sop: &Sop,
    year: i32,
    at: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<Measured> {
    let mut at = at;
    store.demo_plan(sop, year, at)?;
    at += Duration::days(1);
    let head = demo_official(store, sop, Requirement::Signed, at)?;
    sign_report(
        store,
        sop,
        ReportKind::RencanaAksi,
        year,
        DEMO_PASSPHRASE,
        &head,
        at,
    )?;
    let mut done = Measured {
        quarters: 0,
        reports: 1,
    };
    store.demo_history(year, at)?;
    // The unit that is late with the last quarter: the last in the office's order.
    let late = store.plan_rows(year, None)?.last().map(|r| r.unit_id);
    // A folder of this call's own: two demos at once (tests) never share one.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("sop-rkt-contoh-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(StoreError::from)?;
    let result = (|| -> Result<()> {
        for q in Quarter::ALL {
            // Reported in the first week after the quarter, signed two days later.
            let day = (q.last_day(year) + Duration::days(6))
                .and_hms_opt(9, 0, 0)
                .expect("a time");
            if day > now {
                break;
            }
            let photo = dir.join(format!("Foto kegiatan {}.png", q.short()));
            std::fs::write(&photo, DEMO_EVIDENCE).map_err(StoreError::from)?;
            let leave = (q.number() == 4).then_some(late).flatten();
            store.demo_realisation(sop, year, q.number(), leave, Some(&photo), day)?;
            done.quarters += 1;
            let sign_at = day + Duration::days(2);
            if q.number() <= 2 && sign_at <= now {
                let head = demo_official(store, sop, Requirement::Signed, sign_at)?;
                let kind = ReportKind::Capaian(q);
                sign_report(store, sop, kind, year, DEMO_PASSPHRASE, &head, sign_at)?;
                done.reports += 1;
            }
        }
        Ok(())
    })();
    std::fs::remove_dir_all(&dir).ok();
    result.map(|()| done)
}
