//! The year after the PK through the store: the Rencana Aksi made from the signed PK, its cells
//! and who may type them, signing it, a quarter's realisation (numbers only, quarters begun,
//! the unit's own), evidence streamed in with its SHA-256, the quarter reported and reopened,
//! the facts summarised, and reports refused until their quarter is complete.

use std::io::Write as _;

use chrono::{NaiveDate, NaiveDateTime};

use super::{Identity, ReportKind, Store, StoreError};
use crate::domain::action_plan::{PlanCol, RealCol};
use crate::domain::sop::{Requirement, Sop};

fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn in_lane(s: &mut Store, sop: &Sop, req: Requirement, now: NaiveDateTime) -> Identity {
    let step = sop.step_requiring(req).unwrap().clone();
    s.demo_sign_in(|o| sop.admits(&step, &o.lanes), now)
        .unwrap()
}

fn invalid(r: super::Result<impl std::fmt::Debug>) -> String {
    match r {
        Err(StoreError::Invalid(s)) => s,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// 2025's RKT and PK signed (the demo), its Rencana Aksi started and filled validly.
fn started() -> (Store, Sop, Identity) {
    let sop = Sop::embedded();
    let mut s = Store::open_in_memory().unwrap();
    crate::export::fill_demo_to(
        &mut s,
        &sop,
        2026,
        20,
        at(2026, 1, 5),
        crate::export::DemoDepth::Pk,
    )
    .unwrap();
    let tim = in_lane(&mut s, &sop, Requirement::FormatsSubmitted, at(2026, 1, 20));
    let n = s.start_plan(&sop, 2025, &tim, at(2026, 1, 20)).unwrap();
    assert!(n >= 3, "{n} rows");
    (s, sop, tim)
}

fn fill_plan(s: &mut Store, who_of: impl Fn(&mut Store, i64) -> Identity) {
    for r in s.plan_rows(2025, None).unwrap() {
        let who = who_of(s, r.unit_id);
        for (col, v) in [
            (PlanCol::Arah, "naik"),
            (PlanCol::Sifat, "Kumulatif"),
            (PlanCol::Tw1, "20"),
            (PlanCol::Tw2, "40"),
            (PlanCol::Tw3, "60"),
            (PlanCol::Tw4, "80 – 90"),
            (PlanCol::Aksi, "Patroli terpadu tiap pekan"),
        ] {
            s.set_plan_cell(r.id, col, v, &who).unwrap();
        }
    }
}

fn unit_official(s: &mut Store, unit: i64, now: NaiveDateTime) -> Identity {
    s.demo_sign_in(|o| o.unit_id == Some(unit), now).unwrap()
}

fn sign_plan(s: &mut Store, sop: &Sop, now: NaiveDateTime) {
    let head = in_lane(s, sop, Requirement::Signed, now);
    let key = s
        .unlock_signing_key(&head, super::DEMO_PASSPHRASE, sop, now)
        .unwrap();
    s.sign_report(
        sop,
        ReportKind::RencanaAksi,
        2025,
        &key,
        &head,
        now,
        &|f, _| {
            // Made inside the transaction from the rows as they are now.
            assert_eq!((f.kind, f.year), (ReportKind::RencanaAksi, 2025));
            assert!(f.summary.indikator.iter().all(|l| l.reached.is_some()));
            Ok(b"%PDF-1.4 rencana aksi".to_vec())
        },
    )
    .unwrap();
}

#[test]
fn the_plan_comes_from_the_signed_pk_and_only_its_units_type_it_until_signed() {
    let (mut s, sop, tim) = started();
    let rows = s.plan_rows(2025, None).unwrap();
    let pk = s.signature(2025).unwrap().unwrap();
    let draft = s.draft_rows(pk.draft_id).unwrap();
    // Every indikator of the signed RKT, with each unit that carries it and its sub kegiatan.
    for d in &draft {
        let row = rows
            .iter()
            .find(|r| r.unit == d.unit && r.values.indikator == d.values.indikator)
            .unwrap_or_else(|| panic!("{} {}", d.unit, d.values.indikator));
        assert!(
            row.values
                .codes()
                .contains(&d.values.code.trim().to_string())
        );
        assert_eq!(row.values.target, d.values.target.trim());
    }
    assert!(invalid(s.start_plan(&sop, 2025, &tim, at(2026, 1, 21))).contains("sudah dimulai"));
    let r = &rows[0];
    // The PK's own columns are not typed over.
    let own = unit_official(&mut s, r.unit_id, at(2026, 1, 21));
    assert!(
        invalid(s.set_plan_cell(r.id, PlanCol::Target, "99", &own)).contains("Perjanjian Kinerja")
    );
    // Another unit's official may not type it.
    let other = s
        .demo_sign_in(
            |o| o.unit_id.is_some() && o.unit_id != Some(r.unit_id),
            at(2026, 1, 21),
        )
        .unwrap();
    assert!(
        invalid(s.set_plan_cell(r.id, PlanCol::Tw1, "10", &other)).contains("diisi oleh pejabat")
    );
    // Not signable while rows are empty.
    let today = at(2026, 1, 22).date();
    assert!(
        s.report_blocker(ReportKind::RencanaAksi, 2025, today)
            .unwrap()
            .unwrap()
            .contains("belum lengkap")
    );
    fill_plan(&mut s, |s, u| unit_official(s, u, at(2026, 1, 22)));
    assert_eq!(
        s.report_blocker(ReportKind::RencanaAksi, 2025, today)
            .unwrap(),
        None
    );
    sign_plan(&mut s, &sop, at(2026, 1, 23));
    assert!(s.plan_is_signed(2025).unwrap());
    assert!(
        invalid(s.set_plan_cell(r.id, PlanCol::Tw1, "10", &own)).contains("sudah ditandatangani")
    );
    let e = s
        .report_entry(ReportKind::RencanaAksi, 2025)
        .unwrap()
        .unwrap();
    assert_eq!(
        s.report_pdf(ReportKind::RencanaAksi, 2025)
            .unwrap()
            .unwrap(),
        b"%PDF-1.4 rencana aksi"
    );
    assert_eq!(e.pdf_sha256.len(), 64);
    // The archive keeps it as signed.
    assert!(
        s.raw_connection()
            .execute("DELETE FROM report_archive", [])
            .is_err()
    );
}

#[test]
fn a_quarter_takes_numbers_from_its_unit_once_begun_and_reports_lock_it() {
    let (mut s, sop, _) = started();
    fill_plan(&mut s, |s, u| unit_official(s, u, at(2026, 1, 22)));
    let row = s.plan_rows(2025, None).unwrap()[0].clone();
    let own = unit_official(&mut s, row.unit_id, at(2026, 1, 22));
    // Before the plan is signed, nothing is measured.
    assert!(
        invalid(s.set_real_cell(row.id, 1, RealCol::Realisasi, "10", &own, at(2026, 1, 22)))
            .contains("belum ditandatangani")
    );
    sign_plan(&mut s, &sop, at(2026, 1, 23));
    // A quarter not yet begun.
    assert!(
        invalid(s.set_real_cell(row.id, 4, RealCol::Realisasi, "10", &own, at(2025, 8, 1)))
            .contains("Triwulan IV 2025 belum berakhir")
    );
    // Not a number: words, and nothing changes.
    let now = at(2026, 1, 24);
    s.set_real_cell(row.id, 1, RealCol::Realisasi, "25", &own, now)
        .unwrap();
    let e = invalid(s.set_real_cell(row.id, 1, RealCol::Realisasi, "dua puluh", &own, now));
    assert!(e.contains("bukan angka"), "{e}");
    assert_eq!(
        s.real_rows(2025, 1, Some(row.unit_id)).unwrap()[0]
            .values
            .realisasi,
        "25"
    );
    s.set_real_cell(row.id, 1, RealCol::Kendala, "Hujan deras", &own, now)
        .unwrap();
    // The budget of a sub kegiatan of the unit, in rupiah.
    let budget = s.budget_rows(2025, 1, row.unit_id).unwrap();
    assert!(!budget.is_empty());
    let code = budget[0].code.clone();
    assert!(
        invalid(s.set_budget_real(2025, 1, row.unit_id, &code, "sepuluh juta", &own, now))
            .contains("bukan jumlah rupiah")
    );
    s.set_budget_real(2025, 1, row.unit_id, &code, "12500000", &own, now)
        .unwrap();
    // More than the pagu over the year: a digit too many, refused in words.
    let pagu = crate::domain::rkt::format_rupiah(budget[0].pagu);
    let e = invalid(s.set_budget_real(2025, 2, row.unit_id, &code, &pagu, &own, now));
    assert!(e.contains("melebihi pagunya"), "{e}");
    assert_eq!(
        s.budget_rows(2025, 1, row.unit_id).unwrap()[0].amount,
        "Rp 12.500.000"
    );
    assert!(
        invalid(s.set_budget_real(2025, 1, row.unit_id, "9.99.99.2.01.0001", "1", &own, now))
            .contains("bukan sub kegiatan")
    );
    // Submitted only with every indikator measured.
    let mine = s.real_rows(2025, 1, Some(row.unit_id)).unwrap();
    if mine.len() > 1 {
        assert!(
            invalid(s.submit_realisation(2025, 1, row.unit_id, &own, now)).contains("belum diisi")
        );
    }
    for r in &mine {
        s.set_real_cell(r.plan.id, 1, RealCol::Realisasi, "21,5", &own, now)
            .unwrap();
    }
    s.submit_realisation(2025, 1, row.unit_id, &own, now)
        .unwrap();
    assert!(
        invalid(s.set_real_cell(row.id, 1, RealCol::Realisasi, "30", &own, now))
            .contains("sudah dilaporkan")
    );
    let statuses = s.real_statuses(2025, 1, now.date()).unwrap();
    let st = statuses.iter().find(|u| u.unit.id == row.unit_id).unwrap();
    // Reported in January 2026 for a quarter due in April 2025: its lateness stays said.
    assert_eq!(st.label(), "Dilaporkan terlambat");
    // Others are late: TW I 2025 was due in April 2025.
    assert!(statuses.iter().any(|u| u.label() == "Terlambat"));
    let due = s.realisation_due(2025, 1).unwrap();
    assert!(
        due > NaiveDate::from_ymd_opt(2025, 4, 1).unwrap()
            && due < NaiveDate::from_ymd_opt(2025, 4, 30).unwrap()
    );
    // The capaian report waits for every unit.
    let blocker = s
        .report_blocker(
            ReportKind::Capaian(crate::domain::quarter::Quarter::ALL[0]),
            2025,
            now.date(),
        )
        .unwrap()
        .unwrap();
    assert!(blocker.contains("belum dilaporkan oleh"), "{blocker}");
    // The TIM reopens, with a reason.
    let tim = in_lane(&mut s, &sop, Requirement::FormatsSubmitted, now);
    assert!(
        invalid(s.reopen_realisation(&sop, 2025, 1, row.unit_id, " ", &tim, now))
            .contains("Alasan")
    );
    s.reopen_realisation(&sop, 2025, 1, row.unit_id, "angka salah ketik", &tim, now)
        .unwrap();
    s.set_real_cell(row.id, 1, RealCol::Realisasi, "30", &own, now)
        .unwrap();
    // The summary reads what was typed.
    let sum = s.performance(2025, 1).unwrap();
    let line = sum
        .indikator
        .iter()
        .find(|l| l.unit == row.unit && l.indikator == row.values.indikator)
        .unwrap();
    assert_eq!(line.realisasi[0], Some(30.0));
    assert_eq!(
        line.reached.as_ref().unwrap().quarters[0].percent(),
        Some(150.0)
    );
    assert!(sum.total.realised >= 12_500_000);
}

#[test]
fn evidence_is_streamed_in_with_its_sha256_and_bad_files_change_nothing() {
    let (mut s, sop, _) = started();
    fill_plan(&mut s, |s, u| unit_official(s, u, at(2026, 1, 22)));
    sign_plan(&mut s, &sop, at(2026, 1, 23));
    let row = s.plan_rows(2025, None).unwrap()[0].clone();
    let now = at(2026, 1, 24);
    let own = unit_official(&mut s, row.unit_id, now);
    let dir = std::env::temp_dir().join(format!("sop-rkt-bukti-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A PDF of 300 KB: several chunks.
    let pdf = dir.join("laporan patroli.pdf");
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..300_000u32).map(|i| (i % 251) as u8));
    std::fs::write(&pdf, &bytes).unwrap();
    let e = s.add_evidence(row.id, 1, &pdf, &own, now).unwrap();
    assert_eq!(e.sha256, crate::domain::seal::sha256_hex(&bytes));
    assert_eq!(
        (e.size, e.kind.as_str(), e.name.as_str()),
        (bytes.len() as u64, "pdf", "laporan patroli.pdf")
    );
    let mut back = Vec::new();
    s.copy_evidence(e.id, &mut back).unwrap();
    assert_eq!(back, bytes);
    assert_eq!(
        s.real_rows(2025, 1, Some(row.unit_id)).unwrap()[0].evidence,
        1
    );
    let count = |s: &Store| -> i64 {
        s.raw_connection()
            .query_row("SELECT count(*) FROM evidence", [], |r| r.get(0))
            .unwrap()
    };
    // A renamed file, an empty one, one that is gone: words, nothing stored.
    let fake = dir.join("foto.jpg");
    std::fs::File::create(&fake)
        .unwrap()
        .write_all(b"not a picture at all")
        .unwrap();
    assert!(
        invalid(s.add_evidence(row.id, 1, &fake, &own, now))
            .contains("bukan PDF, JPG, PNG, atau XLSX")
    );
    let empty = dir.join("kosong.png");
    std::fs::write(&empty, b"").unwrap();
    assert!(invalid(s.add_evidence(row.id, 1, &empty, &own, now)).contains("kosong"));
    assert!(
        invalid(s.add_evidence(row.id, 1, &dir.join("tidak ada.pdf"), &own, now))
            .contains("tidak dapat dibaca")
    );
    // Too large: told by its size before a byte is read.
    let big = dir.join("besar.pdf");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(crate::domain::evidence::MAX_BYTES + 1).unwrap();
    assert!(invalid(s.add_evidence(row.id, 1, &big, &own, now)).contains("terlalu besar"));
    // Someone of another unit may not add to it.
    let other = s
        .demo_sign_in(
            |o| o.unit_id.is_some() && o.unit_id != Some(row.unit_id),
            now,
        )
        .unwrap();
    assert!(
        invalid(s.add_evidence(row.id, 1, &pdf, &other, now)).contains("dilaporkan oleh pejabat")
    );
    assert_eq!(count(&s), 1);
    // Removed from the report, kept in the database.
    s.remove_evidence(e.id, &own, now).unwrap();
    assert!(s.evidence(row.id, 1).unwrap().is_empty());
    assert_eq!(count(&s), 1);
    std::fs::remove_dir_all(&dir).ok();
}
