//! A full disk and a read-only database file: a message on screen, never a crash, nothing
//! changed, and nothing the user typed thrown away.
//!
//! The full disk is SQLite's own: `PRAGMA max_page_count` at the size the file has makes every
//! write that needs a new page fail with SQLITE_FULL, the error a full disk gives. The read-only
//! file is a real one: the test binary runs itself as the child (`FAULT_CHILD` set), as the user
//! `nobody` when the tests run as root (root may write any file).

use std::path::Path;
use std::process::Command as Process;

use crate::common::*;
use eframe::egui;
use egui_kittest::kittest::Queryable;
use sop_rkt::app::{Command, FileCmd, Flash, Page};
use sop_rkt::domain::rkt::RowValues;
use sop_rkt::domain::sop::Sop;
use sop_rkt::store::Store;

#[test]
fn a_refused_cell_is_kept_while_another_unit_is_open_and_saved_when_space_returns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rkt.db");
    demo_file(&path);
    let mut h = harness_with(
        Store::open(&path).unwrap(),
        dir.path().join("data"),
        fixed_now(),
    );
    h.run();
    act_as(&mut h, "Budi Santoso");
    h.get_by_label("Format RKT").click();
    h.run();
    let other = running(&h).store().units().unwrap()[1].name.clone();
    let before = first_unit_rows(running(&h).store());

    fill_disk(running(&h).store());
    // (No space at its end: a cell is kept tidied, rkt::tidy.)
    let long = "Catatan yang ditolak karena disk penuh. "
        .repeat(200)
        .trim_end()
        .to_string();
    type_cell(&mut h, "Keterangan baris 1", &long);
    assert_eq!(unsaved_cells(&h), 1);

    // Another unit: its table is clean, and the page says a cell elsewhere waits.
    choose_unit(&mut h, &other);
    assert!(
        error_text(&h).contains("Disk penuh"),
        "tried again, refused again"
    );
    assert_eq!(unsaved_cells(&h), 1, "the refused text is still kept");
    let first = running(&h).store().units().unwrap()[0].name.clone();
    assert!(
        h.query_by_label_contains(&format!(
            "1 sel belum tersimpan di tabel {first} (dicoba lagi"
        ))
        .is_some(),
        "the page names the unit where the cell waits"
    );
    assert!(
        h.query_by_label_contains("sel belum tersimpan (berbingkai merah)")
            .is_none(),
        "no red cell in this unit's table"
    );
    assert_eq!(first_unit_rows(running(&h).store()), before);

    // Space is freed; moving on from this unit tries the kept text again, and it is saved.
    running(&h)
        .store()
        .raw_connection()
        .pragma_update(None, "max_page_count", 1_073_741_823i64)
        .unwrap();
    choose_unit(&mut h, &first);
    assert_eq!(first_unit_rows(running(&h).store())[0].keterangan, long);
    assert_eq!(unsaved_cells(&h), 0);
    assert!(h.query_by_label_contains("sel belum tersimpan").is_none());
    // The disk-full message gives way: what it warned of is saved now.
    assert_eq!(
        running(&h).flash(),
        Some(&Flash::Ok(sop_rkt::app::ALL_CELLS_SAVED.into()))
    );
    assert_eq!(running(&h).store().integrity().unwrap(), "ok");
}

/// Picks a unit in the page's "Unit" list, as a person does.
fn choose_unit(h: &mut egui_kittest::Harness<'_, sop_rkt::app::App>, name: &str) {
    h.get_by_label("Unit").click();
    h.run();
    h.get_by_label_contains(&format!("{name} — ")).click();
    h.run();
}

fn demo_file(path: &Path) {
    let mut store = Store::open(path).unwrap();
    store
        .fill_demo(&Sop::embedded(), 2026, 14, fixed_now())
        .unwrap();
}

fn first_unit_rows(store: &Store) -> Vec<RowValues> {
    rows_of(store, store.units().unwrap()[0].id)
}

/// The disk fills: from now on no page can be added to the database file.
fn fill_disk(store: &Store) {
    let conn = store.raw_connection();
    conn.execute_batch("VACUUM").unwrap();
    let pages: i64 = conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    conn.pragma_update(None, "max_page_count", pages).unwrap();
}

fn error_text(h: &egui_kittest::Harness<'_, sop_rkt::app::App>) -> String {
    match running(h).flash() {
        Some(Flash::Err(e)) => e.clone(),
        other => panic!("an error message was expected, found {other:?}"),
    }
}

/// Types `text` into a cell of the first unit's table and leaves it with Tab.
fn type_cell(h: &mut egui_kittest::Harness<'_, sop_rkt::app::App>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
}

fn unsaved_cells(h: &egui_kittest::Harness<'_, sop_rkt::app::App>) -> usize {
    running(h).unsaved_cells()
}

#[test]
fn a_full_disk_keeps_the_typed_text_on_screen_and_the_database_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rkt.db");
    demo_file(&path);
    let data_dir = dir.path().join("data");
    let mut h = harness_with(Store::open(&path).unwrap(), data_dir, fixed_now());
    h.run();
    act_as(&mut h, "Budi Santoso");
    h.get_by_label("Format RKT").click();
    h.run();
    assert_eq!(running(&h).page(), Page::FormatRkt);
    assert!(
        h.query_by_label_contains("Basis data hanya bisa dibaca")
            .is_none()
    );
    let before = first_unit_rows(running(&h).store());

    fill_disk(running(&h).store());

    // A long note needs new pages: refused, said, and still on screen.
    let long = "Catatan panjang yang tidak muat lagi di disk. "
        .repeat(200)
        .trim_end()
        .to_string();
    type_cell(&mut h, "Keterangan baris 1", &long);
    let msg = error_text(&h);
    assert!(msg.contains("Disk penuh"), "{msg}");
    assert_eq!(first_unit_rows(running(&h).store()), before);
    assert_eq!(unsaved_cells(&h), 1);
    assert!(
        h.query_by_label_contains("sel belum tersimpan").is_some(),
        "the page says a cell is not saved"
    );
    assert_eq!(
        h.get_by_label("Keterangan baris 1").value().as_deref(),
        Some(long.as_str()),
        "the typed text stays in its cell"
    );

    // A whole import is refused the same way; the table is unchanged.
    let rows_before_import = first_unit_rows(running(&h).store());
    let xlsx = dir.path().join("isian.xlsx");
    {
        let store = running(&h).store();
        let unit = store.units().unwrap()[0].clone();
        let mut rows = before.clone();
        for i in 0..500 {
            let mut r = before[0].clone();
            r.keterangan = format!("Baris impor {i}");
            rows.push(r);
        }
        let master = store.master_data(2026).unwrap();
        let bytes = sop_rkt::xlsx::export::template(&sop_rkt::xlsx::export::TemplateInput {
            year: 2026,
            unit_id: unit.id,
            unit_name: &unit.name,
            rows: &rows,
            sasaran: &[],
            indicators: &[],
            sub_kegiatan: &[],
            funding: &master.funding,
        })
        .unwrap();
        std::fs::write(&xlsx, bytes).unwrap();
    }
    let app = h.state_mut().running_mut().unwrap();
    app.apply(Command::File(FileCmd::PreviewImport(xlsx)));
    app.apply(Command::File(FileCmd::ConfirmImport(true)));
    h.run();
    assert!(error_text(&h).contains("Disk penuh"), "{}", error_text(&h));
    assert_eq!(first_unit_rows(running(&h).store()), rows_before_import);
    assert_eq!(running(&h).store().integrity().unwrap(), "ok");

    // Space is freed: leaving the cell again saves what stayed on screen.
    running(&h)
        .store()
        .raw_connection()
        .pragma_update(None, "max_page_count", 1_073_741_823i64)
        .unwrap();
    h.get_by_label("Keterangan baris 1").click();
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    assert_eq!(first_unit_rows(running(&h).store())[0].keterangan, long);
    assert_eq!(unsaved_cells(&h), 0);
    assert!(h.query_by_label_contains("sel belum tersimpan").is_none());

    // Full again: new rows are refused (one may still fit in a page's free space).
    fill_disk(running(&h).store());
    let rows_full = first_unit_rows(running(&h).store()).len();
    h.get_by_label("Tutup pesan").click();
    h.run();
    assert!(running(&h).flash().is_none());
    let mut added = 0;
    while running(&h).flash().is_none() {
        h.get_by_label("+ Tambah Baris").click();
        h.run();
        added += 1;
        assert!(added < 2000, "the full file kept taking rows");
    }
    assert!(error_text(&h).contains("Disk penuh"), "{}", error_text(&h));
    assert_eq!(
        first_unit_rows(running(&h).store()).len(),
        rows_full + added - 1
    );
    assert_eq!(running(&h).store().integrity().unwrap(), "ok");
    drop(h);
    let reopened = Store::open(&path).unwrap();
    assert_eq!(first_unit_rows(&reopened)[0].keterangan, long);
    assert!(reopened.integrity_ok().unwrap());
}

/// What the child reports, one '@'-prefixed line each (libtest may print before them).
fn child(db: &Path, data_dir: &Path) {
    // As the program starts: the one-window lock first (beside the database).
    let lock = sop_rkt::instance::acquire(db);
    println!(
        "@lock {}",
        lock.as_ref()
            .map_or_else(|e| e.to_string(), |_| "ok".into())
    );
    let store = match Store::open(db) {
        Ok(s) => s,
        Err(e) => {
            println!("@open-failed {e}");
            return;
        }
    };
    println!("@read-only {:?}", store.unwritable());
    let mut h = harness_with(store, data_dir.to_path_buf(), fixed_now());
    h.run();
    println!(
        "@banner {}",
        h.query_by_label_contains("Basis data hanya bisa dibaca")
            .is_some()
    );
    // Signing in needs no write: a read-only database is still viewed by someone.
    act_as(&mut h, "Budi Santoso");
    h.get_by_label("Format RKT").click();
    h.run();
    type_cell(&mut h, "Keterangan baris 1", "Tidak bisa disimpan");
    match running(&h).flash() {
        Some(Flash::Err(e)) => println!("@typed-error {e}"),
        other => println!("@typed-other {other:?}"),
    }
    println!("@unsaved {}", unsaved_cells(&h));
    println!(
        "@cell {}",
        h.get_by_label("Keterangan baris 1")
            .value()
            .unwrap_or_default()
    );
    // Reading still works: the RKT of the signed demo year as a PDF.
    let pdf = sop_rkt::export::rkt_pdf(running(&h).store(), 2025, fixed_now());
    println!(
        "@pdf {}",
        pdf.map(|b| b.starts_with(b"%PDF")).unwrap_or(false)
    );
}

fn run_child(db: &Path, data_dir: &Path, as_nobody: bool) -> Vec<String> {
    let exe = std::env::current_exe().unwrap();
    let mut cmd = if as_nobody {
        // A copy in the open temp folder: the build folder may not be readable by nobody.
        let copy = data_dir.parent().unwrap().join("faults-child");
        std::fs::copy(&exe, &copy).unwrap();
        Process::new(copy)
    } else {
        Process::new(exe)
    };
    cmd.args([
        "--exact",
        "faults::a_read_only_database_shows_why_and_saves_nothing",
        "--nocapture",
        "--test-threads=1",
    ])
    .env("FAULT_CHILD", db)
    .env("FAULT_DATA", data_dir)
    .env("HOME", data_dir)
    .current_dir(data_dir);
    if as_nobody {
        use std::os::unix::process::CommandExt;
        cmd.uid(65534).gid(65534);
    }
    let out = cmd.output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "child failed:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text.lines()
        .filter_map(|l| l.find('@').map(|i| l[i + 1..].to_string()))
        .collect()
}

fn line<'a>(lines: &'a [String], key: &str) -> &'a str {
    lines
        .iter()
        .find_map(|l| l.strip_prefix(key).map(str::trim))
        .unwrap_or_else(|| panic!("no {key} in {lines:?}"))
}

#[test]
fn a_read_only_database_shows_why_and_saves_nothing() {
    if let (Some(db), Some(data)) = (
        std::env::var_os("FAULT_CHILD"),
        std::env::var_os("FAULT_DATA"),
    ) {
        child(Path::new(&db), Path::new(&data));
        return;
    }
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let as_nobody = std::fs::metadata(dir.path()).unwrap().uid() == 0;

    // Two ways a file is read-only: the file itself (the Windows "Read-only" box), and a
    // folder that cannot be written either (a CD, a write-protected flash disk).
    for (case, folder_writable) in [("berkas", true), ("folder", false)] {
        let base = dir.path().join(case);
        let data = base.join("data");
        std::fs::create_dir_all(&data).unwrap();
        let db_dir = base.join("db");
        std::fs::create_dir(&db_dir).unwrap();
        let db = db_dir.join("rkt.db");
        demo_file(&db);
        let before = std::fs::read(&db).unwrap();
        let mode = |p: &Path, m: u32| {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap()
        };
        mode(&db, 0o444);
        mode(&db_dir, if folder_writable { 0o777 } else { 0o555 });
        mode(&base, 0o755);
        mode(&data, 0o777);

        let lines = run_child(&db, &data, as_nobody);
        assert_eq!(
            line(&lines, "read-only"),
            "Some(Protected)",
            "{case}: {lines:?}"
        );
        assert_eq!(line(&lines, "lock"), "ok", "{case}: {lines:?}");
        assert_eq!(line(&lines, "banner"), "true", "{case}: {lines:?}");
        assert!(
            line(&lines, "typed-error").contains("hanya bisa dibaca"),
            "{case}: {lines:?}"
        );
        assert_eq!(line(&lines, "unsaved"), "1", "{case}: {lines:?}");
        assert_eq!(line(&lines, "cell"), "Tidak bisa disimpan", "{case}");
        assert_eq!(line(&lines, "pdf"), "true", "{case}: reading still works");

        mode(&db_dir, 0o755);
        mode(&db, 0o644);
        assert_eq!(
            std::fs::read(&db).unwrap(),
            before,
            "{case}: file unchanged"
        );
        let store = Store::open(&db).unwrap();
        assert!(store.integrity_ok().unwrap());
        assert_ne!(first_unit_rows(&store)[0].keterangan, "Tidak bisa disimpan");
    }
}
