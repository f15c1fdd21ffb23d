//! Slow work beside the window, as the program runs it: the window keeps drawing and says what
//! runs, a second change waits its turn, and the outcome is shown when the work is done.

use std::time::{Duration, Instant};

use crate::common::*;
use egui_kittest::kittest::Queryable;
use sop_rkt::app::{ActCmd, Command, FileCmd, Flash, Page, ViewCmd};
use sop_rkt::store::Store;

#[test]
fn compiling_runs_beside_the_window_and_a_second_change_waits() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rkt.db");
    {
        let mut store = Store::open(&db).unwrap();
        let sop = sop_rkt::domain::sop::Sop::embedded();
        store.fill_demo(&sop, 2026, 40, fixed_now()).unwrap();
        // Every unit submitted, version 1 compiled; the window compiles version 2.
        let tim = person(&mut store, "Siti Rahmah");
        store
            .submit_all_and_compile(&sop, 2026, &tim, fixed_now())
            .unwrap();
    }
    let mut h = harness_beside(Store::open(&db).unwrap(), dir.path().join("data"));
    h.run();
    let tim = person(&mut Store::open(&db).unwrap(), "Siti Rahmah").official_id();
    let app = h.state_mut().running_mut().unwrap();
    // Signing in is slow work too (argon2): it runs beside the window.
    app.apply(Command::sign_in(tim, TEST_PIN));
    let wait_done = |h: &mut egui_kittest::Harness<'static, sop_rkt::app::App>| {
        let t0 = Instant::now();
        while running(h).busy().is_some() {
            assert!(
                t0.elapsed() < Duration::from_secs(60),
                "the work never ended"
            );
            std::thread::sleep(Duration::from_millis(20));
            h.step();
        }
        h.run();
    };
    wait_done(&mut h);
    assert_eq!(
        running(&h).acting_id(),
        Some(tim),
        "{:?}",
        running(&h).flash()
    );

    let app = h.state_mut().running_mut().unwrap();
    app.apply(Command::View(ViewCmd::Navigate(Page::FormatRkt)));
    app.apply(Command::Act(ActCmd::Compile));
    assert!(running(&h).busy().is_some(), "started, not done");
    h.step();
    h.get_by_label_contains("Menyusun Draft RKT…");
    // Another change while it runs is refused, and says why; moving around is not.
    let app = h.state_mut().running_mut().unwrap();
    app.apply(Command::Act(ActCmd::Compile));
    assert!(
        matches!(running(&h).flash(), Some(Flash::Err(m)) if m.contains("Tunggu sebentar")),
        "{:?}",
        running(&h).flash()
    );
    let app = h.state_mut().running_mut().unwrap();
    app.apply(Command::View(ViewCmd::Navigate(Page::Beranda)));
    assert_eq!(running(&h).page(), Page::Beranda);
    wait_done(&mut h);
    assert!(
        matches!(running(&h).flash(), Some(Flash::Ok(m)) if m.contains("Draft RKT versi 2 tersusun")),
        "{:?}",
        running(&h).flash()
    );
    assert!(h.query_by_label_contains("Menyusun Draft RKT…").is_none());
    // One version: the second click did not compile again.
    assert_eq!(running(&h).store().drafts(2026).unwrap().len(), 2);
}

/// An Excel file out, read back and imported, each beside the window: the preview comes back
/// to the page, and the import lands in one transaction.
#[test]
fn a_template_is_written_previewed_and_imported_beside_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rkt.db");
    let budi = {
        let mut store = Store::open(&db).unwrap();
        store
            .fill_demo(
                &sop_rkt::domain::sop::Sop::embedded(),
                2026,
                21,
                fixed_now(),
            )
            .unwrap();
        person(&mut store, "Budi Santoso").official_id()
    };
    let mut h = harness_beside(Store::open(&db).unwrap(), dir.path().join("data"));
    h.run();
    let run = |h: &mut egui_kittest::Harness<'static, sop_rkt::app::App>, cmd: Command| {
        h.state_mut().running_mut().unwrap().apply(cmd);
        let t0 = Instant::now();
        while running(h).busy().is_some() {
            assert!(
                t0.elapsed() < Duration::from_secs(60),
                "the work never ended"
            );
            std::thread::sleep(Duration::from_millis(20));
            h.step();
        }
        h.run();
        running(h).flash().cloned()
    };
    run(&mut h, Command::sign_in(budi, TEST_PIN));
    run(&mut h, Command::View(ViewCmd::Navigate(Page::FormatRkt)));
    let unit = running(&h).unit().unwrap();
    let before = rows_of(running(&h).store(), unit);
    let file = dir.path().join("FORMAT RKT.xlsx");
    let said = run(&mut h, Command::File(FileCmd::ExportTemplate(file.clone())));
    assert!(
        matches!(&said, Some(Flash::Ok(m)) if m.contains("Templat Excel")),
        "{said:?}"
    );
    let said = run(&mut h, Command::File(FileCmd::PreviewImport(file)));
    assert!(
        matches!(&said, Some(Flash::Ok(m)) if m.contains("baris terbaca")),
        "{said:?}"
    );
    h.get_by_label_contains(&format!("Impor {} baris", before.len()));
    let said = run(&mut h, Command::File(FileCmd::ConfirmImport(true)));
    assert!(
        matches!(&said, Some(Flash::Ok(m)) if m.contains("diimpor")),
        "{said:?}"
    );
    assert_eq!(rows_of(running(&h).store(), unit), before);
    assert!(
        running(&h)
            .store()
            .audit_for_year(Some(2026), 5)
            .unwrap()
            .iter()
            .any(|a| a.action == "rkt.impor")
    );
}
