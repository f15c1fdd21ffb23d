//! The binary as a script or a support person would start it (no window needed).

use std::process::Command;

use crate::common::run_cli;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sop-rkt"))
}

/// The program started as by a double click, with data folder `data`, to its first frame.
fn start_window(data: &std::path::Path, args: &[&std::ffi::OsStr]) -> std::process::Output {
    bin()
        .env("SOP_RKT_DATA_DIR", data)
        .args(args)
        .arg("--exit-after-first-frame")
        .output()
        .unwrap()
}

#[test]
fn help_and_version() {
    let out = bin().arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("--exit-after-first-frame"), "{text}");
    assert!(text.contains("Pemakaian"), "{text}");

    let out = bin().arg("--version").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("sop-rkt "));
}

#[test]
fn an_unknown_flag_is_refused_in_indonesian() {
    let out = bin().arg("--hapus-semua").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tidak dikenal"));
}

#[test]
fn a_broken_sop_file_in_the_data_folder_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let sop = sop_rkt::domain::sop::EMBEDDED_SOP.replace("tidak = 8", "tidak = 99");
    std::fs::write(dir.path().join("sop.toml"), sop).unwrap();
    let out = start_window(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("SOP tidak bisa dibaca"), "{err}");
    assert!(err.contains("baris "), "{err}");
    assert!(err.contains("tidak ada langkah 99"), "{err}");
    // The log in the data folder says the same.
    let log = std::fs::read_to_string(dir.path().join("sop-rkt.log")).unwrap();
    assert!(log.contains("tidak ada langkah 99"), "{log}");
}

#[test]
fn a_foreign_file_given_as_database_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Laporan Keuangan 2025.xlsx");
    let bytes = b"PK\x03\x04 not a database".to_vec();
    std::fs::write(&path, &bytes).unwrap();
    let out = start_window(dir.path(), &["--db".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bukan basis data SOP RKT"));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_second_copy_on_the_same_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sop-rkt.db");
    // The running first copy, as far as the lock goes.
    let _first = sop_rkt::instance::acquire(&db).unwrap();
    let out = start_window(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("sedang dibuka oleh program SOP RKT lain"),
        "{err}"
    );
    assert!(
        !db.exists(),
        "the second copy must not create or write the database"
    );
}

#[test]
fn demo_fills_an_empty_database_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("Data RKT Ñ").join("demo.db");
    let out = bin()
        .env("SOP_RKT_DATA_DIR", dir.path())
        .args(["demo", "--rows", "120", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("120 baris FORMAT RKT"));
    let store = sop_rkt::store::Store::open(&db).unwrap();
    let rows: usize = store
        .units()
        .unwrap()
        .iter()
        .map(|u| {
            use chrono::Datelike;
            store
                .rkt_rows(chrono::Local::now().year(), u.id)
                .unwrap()
                .len()
        })
        .sum();
    assert_eq!(rows, 120);
    drop(store);
    let again = bin()
        .env("SOP_RKT_DATA_DIR", dir.path())
        .args(["demo", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("masih kosong"));
}

#[test]
fn a_units_template_is_written_once_and_reads_back() {
    use chrono::Datelike;
    let office = Office::demo("30");
    let (db, run) = (&office.db, |args: &[&str]| office.run(args));
    let year = chrono::Local::now().year().to_string();
    let out = office.dir.path().join("Templat Bidang Ñ.xlsx");
    let out_s = out.to_str().unwrap();

    let unknown = run(&[
        "export-template",
        "--year",
        &year,
        "--unit",
        "99",
        "--out",
        out_s,
    ]);
    assert_eq!(unknown.status.code(), Some(2));
    let err = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        err.contains("tidak dikenal") && err.contains("  1 "),
        "{err}"
    );
    assert!(!out.exists());

    let ok = run(&[
        "export-template",
        "--year",
        &year,
        "--unit",
        "2",
        "--out",
        out_s,
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let store = sop_rkt::store::Store::open(db).unwrap();
    let unit = store.units().unwrap()[1].clone();
    assert!(String::from_utf8_lossy(&ok.stdout).contains(&unit.name));
    let master = store.master_data(2026).unwrap();
    let preview = sop_rkt::xlsx::import::read(&std::fs::read(&out).unwrap(), &|c| {
        master.is_sub_kegiatan(c)
    })
    .unwrap();
    let rows: Vec<_> = store
        .rkt_rows(year.parse().unwrap(), unit.id)
        .unwrap()
        .into_iter()
        .map(|r| r.values)
        .collect();
    assert_eq!(preview.unit_id, unit.id);
    assert_eq!(preview.rows, rows);
    drop(store);

    // The same name again: refused, the first file kept.
    let before = std::fs::read(&out).unwrap();
    let again = run(&[
        "export-template",
        "--year",
        &year,
        "--unit",
        &unit.name.to_uppercase(),
        "--out",
        out_s,
    ]);
    refused_over(&again, &out, &before);
}

#[test]
fn a_backup_is_a_whole_copy_and_never_replaces_a_file() {
    let office = Office::demo("25");
    let (db, run) = (&office.db, |args: &[&str]| office.run(args));
    let copy = office.dir.path().join("Flash Disk Ñ").join("cadangan.db");
    std::fs::create_dir(copy.parent().unwrap()).unwrap();
    let out = run(&["backup", "--out", copy.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let original = sop_rkt::store::Store::open(db).unwrap();
    let backup = sop_rkt::store::Store::open(&copy).unwrap();
    assert!(backup.integrity_ok().unwrap());
    let units = original.units().unwrap();
    for u in &units {
        use chrono::Datelike;
        let year = chrono::Local::now().year();
        assert_eq!(
            backup.rkt_rows(year, u.id).unwrap().len(),
            original.rkt_rows(year, u.id).unwrap().len()
        );
    }
    drop((original, backup));
    let before = std::fs::read(&copy).unwrap();
    let again = run(&["backup", "--out", copy.to_str().unwrap()]);
    refused_over(&again, &copy, &before);
}

#[test]
fn a_restore_brings_back_the_backup_and_keeps_the_present_first() {
    use chrono::Datelike;
    let office = Office::demo("10");
    let (db, dir, run) = (&office.db, office.dir.path(), |args: &[&str]| {
        office.run(args)
    });
    let copy = dir.join("cadangan kemarin.db");
    assert!(
        run(&["backup", "--out", copy.to_str().unwrap()])
            .status
            .success()
    );

    // Work goes on after the backup.
    let year = chrono::Local::now().year();
    let row = {
        let mut store = sop_rkt::store::Store::open(db).unwrap();
        let unit = store.units().unwrap()[0].id;
        let row = store.rkt_rows(year, unit).unwrap()[0].clone();
        let own = crate::common::unit_official(&mut store, unit);
        store
            .set_cell(
                row.id,
                sop_rkt::domain::rkt::Col::Keterangan,
                "ditulis sesudah cadangan",
                &own,
            )
            .unwrap();
        row
    };
    let keterangan = |path: &std::path::Path| {
        let store = sop_rkt::store::Store::open(path).unwrap();
        let rows = store.rkt_rows(year, row.unit_id).unwrap();
        rows.iter()
            .find(|r| r.id == row.id)
            .unwrap()
            .values
            .keterangan
            .clone()
    };

    // A file that is not ours is refused; nothing changes.
    let stranger = dir.join("catatan.db");
    std::fs::write(&stranger, "bukan basis data").unwrap();
    let out = run(&["restore", "--from", stranger.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bukan basis data SOP RKT"));
    assert_eq!(keterangan(db), "ditulis sesudah cadangan");

    // From a script (no terminal) nobody can prove they are a pengelola: refused, and it says
    // how to do it instead.
    let out = run(&["restore", "--from", copy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("PIN seorang pengelola yang diketik di terminal"),
        "{err}"
    );
    assert_eq!(keterangan(db), "ditulis sesudah cadangan");

    // At a terminal, a name that is not a pengelola's is refused before any PIN is asked
    // (a wrong PIN there would count toward locking that person out), and a wrong PIN is too.
    let at_terminal =
        |typed: &str| office.at_terminal(&["restore", "--from", copy.to_str().unwrap()], typed);
    let out = at_terminal("Rina Marlina\n246810\n");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("Tidak ada pengelola aktif bernama") && !said.contains("PIN:"),
        "{said}"
    );
    let out = at_terminal("Budi Santoso\n000000\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("PIN salah"));
    assert_eq!(keterangan(db), "ditulis sesudah cadangan");

    // The pengelola types their name and PIN (the PIN is not echoed).
    let out = at_terminal("Budi Santoso\n246810\n");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(!said.contains("246810"), "the PIN is not shown: {said}");
    assert!(said.contains("Data dipulihkan dari"), "{said}");
    assert_eq!(
        keterangan(db),
        row.values.keterangan,
        "the backup's text is back"
    );
    // The state before the restore is a backup of its own, with the later text.
    let kept = sop_rkt::backup::list(&sop_rkt::backup::dir(dir));
    let kept = kept
        .iter()
        .find(|b| b.reason == sop_rkt::backup::Reason::BeforeRestore)
        .expect("a copy of the state before");
    assert_eq!(keterangan(&kept.path), "ditulis sesudah cadangan");
    assert!(said.contains(&kept.path.display().to_string()), "{said}");
}

/// A data folder holding a demo office, and the program run on it.
struct Office {
    dir: tempfile::TempDir,
    db: std::path::PathBuf,
}

impl Office {
    fn demo(rows: &str) -> Office {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("kantor.db");
        let office = Office { dir, db };
        assert!(office.run(&["demo", "--rows", rows]).status.success());
        office
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        run_cli(self.dir.path(), &self.db, args)
    }

    /// The program at a terminal (a pseudo-terminal made by util-linux's `script`), `typed`
    /// as a person types it; stdout carries everything the terminal showed.
    fn at_terminal(&self, args: &[&str], typed: &str) -> std::process::Output {
        use std::io::Write;
        let quote = |a: &str| format!("'{}'", a.replace('\'', "'\\''"));
        let mut line: Vec<String> = vec![quote(env!("CARGO_BIN_EXE_sop-rkt"))];
        line.extend(args.iter().map(|a| quote(a)));
        line.push("--db".into());
        line.push(quote(self.db.to_str().unwrap()));
        let mut child = Command::new("script")
            .args(["-qec", &line.join(" "), "/dev/null"])
            .env("SOP_RKT_DATA_DIR", self.dir.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("util-linux script is installed");
        // Each line is typed when its question is on the screen, as a person does (typed
        // earlier, the terminal would echo even the PIN before the program hides it).
        let mut stdin = child.stdin.take().unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut shown = Vec::new();
        for (answer, question) in typed.lines().zip(["pengelola: ", "PIN: "]) {
            while !String::from_utf8_lossy(&shown).ends_with(question) {
                let mut b = [0u8; 256];
                let n = std::io::Read::read(&mut stdout, &mut b).unwrap();
                if n == 0 {
                    break;
                }
                shown.extend_from_slice(&b[..n]);
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
            // The program may have ended already (a refusal): nothing more to type.
            let _ = stdin.write_all(format!("{answer}\n").as_bytes());
        }
        drop(stdin);
        std::io::Read::read_to_end(&mut stdout, &mut shown).unwrap();
        let mut out = child.wait_with_output().unwrap();
        out.stdout = shown;
        out
    }
}

/// A second write to `file` is refused (exit 2, "sudah ada") and leaves it byte for byte.
fn refused_over(out: &std::process::Output, file: &std::path::Path, before: &[u8]) {
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("sudah ada"));
    assert_eq!(std::fs::read(file).unwrap(), before);
}

#[test]
fn reading_and_exporting_work_beside_an_open_window_and_writing_does_not() {
    use chrono::Datelike;
    let office = Office::demo("14");
    // The window on the same database, as far as the lock goes.
    let _window = sop_rkt::instance::acquire(&office.db).unwrap();
    let year = (chrono::Local::now().year() - 1).to_string();
    let dir = office.dir.path();
    let pdf = dir.join("RKT arsip.pdf");
    let sop_pdf = dir.join("SOP.pdf");
    let xlsx = dir.join("Templat.xlsx");
    for args in [
        vec![
            "export-pdf",
            "--year",
            &year,
            "--out",
            pdf.to_str().unwrap(),
        ],
        vec!["export-sop-pdf", "--out", sop_pdf.to_str().unwrap()],
        vec!["verify", pdf.to_str().unwrap()],
        vec![
            "export-template",
            "--year",
            &year,
            "--unit",
            "1",
            "--out",
            xlsx.to_str().unwrap(),
        ],
    ] {
        let out = office.run(&args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Changing the database while the window has it is still refused, saying why.
    let backup = dir.join("cadangan.db");
    assert!(
        office
            .run(&["backup", "--out", backup.to_str().unwrap()])
            .status
            .success()
    );
    let out = office.run(&["restore", "--from", backup.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("sedang dibuka oleh program SOP RKT lain"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
