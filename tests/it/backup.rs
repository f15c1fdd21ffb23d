//! Backups as the office meets them: one a day on the first start, one before each compile,
//! restored from Pengaturan after a confirmation, the current state kept first.

use std::path::Path;

use crate::common::*;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sop_rkt::app::{ActCmd, App, Command, FileCmd, OfficeCmd, Page};
use sop_rkt::backup::{self, Reason};
use sop_rkt::domain::sop::Sop;
use sop_rkt::store::{OfficeSettings, Store};

/// An office on `db` whose only official is its pengelola, "Hj. Nurul Aini".
fn office_on(db: &Path) {
    let mut store = Store::open(db).unwrap();
    add_official(
        &mut store,
        "Hj. Nurul Aini",
        "",
        "Sekretaris",
        &["sekretaris"],
    );
}

fn app_on(db: &Path, data: &Path, hour: u32) -> Harness<'static, App> {
    let at = fixed_now().date().and_hms_opt(hour, 0, 0).unwrap();
    harness_with(Store::open(db).unwrap(), data.to_path_buf(), at)
}

fn office_name(h: &Harness<'_, App>) -> String {
    running(h).store().settings().unwrap().office.name
}

#[test]
fn a_daily_copy_on_first_start_and_a_restore_that_keeps_the_present() {
    let dir = tempfile::tempdir().unwrap();
    let (db, data) = (dir.path().join("sop-rkt.db"), dir.path().join("data"));
    let copies = || backup::list(&backup::dir(&data));
    office_on(&db);
    {
        let mut h = app_on(&db, &data, 8);
        h.run();
        assert_eq!(copies().len(), 1);
        assert_eq!(copies()[0].reason, Reason::Daily);
    }
    // A second start the same day makes no second daily copy.
    let mut h = app_on(&db, &data, 9);
    h.run();
    assert_eq!(copies().len(), 1);

    // A change after the copy, by the pengelola...
    act_as(&mut h, "Hj. Nurul");
    let before = office_name(&h);
    let wrong = OfficeSettings {
        name: "Nama Kantor Keliru".into(),
        ..running(&h).store().settings().unwrap().office
    };
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::Office(OfficeCmd::SaveOffice(wrong)));
    h.run();
    assert_eq!(office_name(&h), "Nama Kantor Keliru");

    // ...undone by restoring the morning's copy from Pengaturan, with a confirmation.
    h.get_by_label(Page::Pengaturan.label()).click();
    h.run();
    h.get_by_label("Pulihkan").scroll_to_me();
    h.run();
    h.get_by_label("Pulihkan").click();
    h.run();
    assert_eq!(
        office_name(&h),
        "Nama Kantor Keliru",
        "nothing before the confirmation"
    );
    h.get_by_label("Ya, pulihkan").scroll_to_me();
    h.run();
    h.get_by_label("Ya, pulihkan").click();
    h.run();
    assert_eq!(office_name(&h), before, "{:?}", running(&h).flash());
    let kept = copies();
    assert_eq!(kept.len(), 2);
    assert_eq!(kept[0].reason, Reason::BeforeRestore);
    // The state replaced is in that copy, and the restored database is sound.
    let old = Store::open(&kept[0].path).unwrap();
    assert_eq!(old.settings().unwrap().office.name, "Nama Kantor Keliru");
    assert_eq!(running(&h).store().integrity().unwrap(), "ok");
}

#[test]
fn compiling_keeps_a_copy_first_and_a_chosen_copy_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let (db, data) = (dir.path().join("sop-rkt.db"), dir.path().join("data"));
    {
        let mut store = Store::open(&db).unwrap();
        store
            .fill_demo(&Sop::embedded(), 2026, 14, fixed_now())
            .unwrap();
        let master = store.master_data(2026).unwrap();
        // Each unit submits its own format.
        for u in store.units().unwrap() {
            let who = unit_official(&mut store, u.id);
            store
                .submit_unit(2026, u.id, &master, &who, fixed_now())
                .unwrap();
        }
    }
    let mut h = app_on(&db, &data, 10);
    h.run();
    // Siti Rahmah (TIM) compiles.
    let siti = running(&h)
        .store()
        .officials()
        .unwrap()
        .into_iter()
        .find(|o| o.name.starts_with("Siti"))
        .unwrap()
        .id;
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::sign_in(siti, TEST_PIN));
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::Act(ActCmd::Compile));
    h.run();
    let copies = backup::list(&backup::dir(&data));
    assert!(
        copies.iter().any(|b| b.reason == Reason::BeforeCompile),
        "{copies:?} {:?}",
        running(&h).flash()
    );
    // The copy holds the state before the compilation: no draft of 2026 yet.
    let before = copies
        .iter()
        .find(|b| b.reason == Reason::BeforeCompile)
        .unwrap();
    assert!(
        Store::open(&before.path)
            .unwrap()
            .drafts(2026)
            .unwrap()
            .is_empty()
    );
    assert_eq!(running(&h).store().drafts(2026).unwrap().len(), 1);

    // "Cadangkan ke...": a new file is written; an existing file is left alone.
    let usb = dir.path().join("flashdisk");
    std::fs::create_dir_all(&usb).unwrap();
    let target = usb.join("cadangan kantor.db");
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::File(FileCmd::BackupTo(target.clone())));
    assert!(Store::open(&target).unwrap().drafts(2026).unwrap().len() == 1);
    let other = usb.join("laporan.docx");
    std::fs::write(&other, b"bukan milik program").unwrap();
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::File(FileCmd::BackupTo(other.clone())));
    assert_eq!(std::fs::read(&other).unwrap(), b"bukan milik program");
}

/// After a restore the Pengaturan form shows what the restored database holds: a form kept from
/// before would write its old values back over the restored ones when a field is left.
#[test]
fn after_a_restore_the_office_form_shows_the_restored_values() {
    let dir = tempfile::tempdir().unwrap();
    let (db, data) = (dir.path().join("sop-rkt.db"), dir.path().join("data"));
    office_on(&db);
    let mut h = app_on(&db, &data, 8);
    h.run();
    act_as(&mut h, "Hj. Nurul");
    let before = office_name(&h);
    let morning = backup::list(&backup::dir(&data))[0].path.clone();
    h.get_by_label(Page::Pengaturan.label()).click();
    h.run();
    // The name changed in the form, saved when the field is left.
    h.get_by_label("Nama kantor").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Nama kantor")
        .type_text("Nama Kantor Keliru");
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    assert_eq!(office_name(&h), "Nama Kantor Keliru");
    // Restored (as "Ya, pulihkan" does): the form follows the database...
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::File(FileCmd::Restore(morning)));
    h.run();
    assert_eq!(office_name(&h), before);
    assert_eq!(
        h.get_by_label("Nama kantor").value().as_deref(),
        Some(before.as_str())
    );
    // ...and leaving its field writes nothing old back (signed in again: a restore signs
    // everyone out, as the officials may differ).
    assert_eq!(running(&h).acting_id(), None);
    act_as(&mut h, "Hj. Nurul");
    h.get_by_label("Nama kantor").click();
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    assert_eq!(office_name(&h), before);
}
