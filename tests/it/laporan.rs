//! The reports after the Perjanjian Kinerja, as the program writes them from the command line:
//! the Rencana Aksi, the Laporan Capaian Kinerja TW I and the LKjIP tables of a measured year,
//! each the signed file of the archive, read back by pdftotext (the figures, the evidence with
//! its SHA-256), its signature checked by `verify` and pdfsig, archival for PDFBox Preflight;
//! before a report is signed, a copy marked DRAF; a quarter that does not exist refused in words.

use std::path::Path;

use sop_rkt::domain::quarter::Quarter;
use sop_rkt::store::ReportKind;

use crate::arsip::pdf_pages;
use crate::common::reports::{MeasuredYear, YEAR, measured_year};
use crate::common::*;
use crate::pades::{pdfsig, preflight};

fn year_at(dir: &Path) -> (MeasuredYear, std::path::PathBuf, std::path::PathBuf) {
    let (data, db) = (dir.join("data"), dir.join("rkt.db"));
    std::fs::create_dir_all(&data).unwrap();
    let year = measured_year(&db, dir, fixed_now());
    (year, data, db)
}

/// pdftotext's words of a file, joined by single spaces (the layout's columns apart).
fn words(pdf: &[u8]) -> String {
    pdf_pages(pdf)
        .join("\n")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `run_cli`, with the program at `SOP_RKT_BIN` when set: worktrees sharing one target
/// folder overwrite each other's `target/debug/sop-rkt`.
fn run_cli(data: &Path, db: &Path, args: &[&str]) -> std::process::Output {
    let Some(bin) = std::env::var_os("SOP_RKT_BIN") else {
        return crate::common::run_cli(data, db, args);
    };
    std::process::Command::new(bin)
        .env("SOP_RKT_DATA_DIR", data)
        .env("SOP_RKT_FAST_KEYS", "1")
        .args(args)
        .arg("--db")
        .arg(db)
        .output()
        .unwrap()
}

fn export(data: &Path, db: &Path, args: &[&str]) -> std::process::Output {
    let out = run_cli(data, db, args);
    assert!(out.status.success(), "{args:?}: {out:?}");
    out
}

#[test]
fn the_signed_reports_come_out_of_the_program_with_their_figures_and_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let (year, data, db) = year_at(dir.path());
    let MeasuredYear {
        store,
        evidence,
        lower,
    } = year;
    let y = YEAR.to_string();
    let files = [
        ("export-rencana-aksi", None, ReportKind::RencanaAksi),
        (
            "export-capaian",
            Some("1"),
            ReportKind::Capaian(Quarter::ALL[0]),
        ),
        ("export-lkjip", None, ReportKind::Lkjip),
    ];
    let mut texts = Vec::new();
    for (task, tw, kind) in files {
        let out_file = dir.path().join(format!("{task}.pdf"));
        let mut args = vec![task, "--year", &y, "--out", out_file.to_str().unwrap()];
        if let Some(tw) = tw {
            args.extend(["--tw", tw]);
        }
        let out = export(&data, &db, &args);
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(said.contains("ditandatangani"), "{said}");
        let pdf = std::fs::read(&out_file).unwrap();
        assert_eq!(
            Some(&pdf),
            store.report_pdf(kind, YEAR).unwrap().as_ref(),
            "{task}: the archived file, byte for byte"
        );
        // The program's own check of the signature, as another office runs it.
        let verified = run_cli(&data, &db, &["verify", out_file.to_str().unwrap()]);
        assert_eq!(verified.status.code(), Some(0), "{task}: {verified:?}");
        // And byte for byte the report this PC's archive keeps, as for a signed RKT.
        let said = String::from_utf8_lossy(&verified.stdout);
        let same = format!("sama persis dengan {} tahun {YEAR}", kind.title());
        assert!(said.contains(&same), "{task}: {said}");
        let sig = pdfsig(&pdf);
        assert!(sig.contains("Signature is Valid"), "{task}: {sig}");
        texts.push(words(&pdf));
    }
    let head = store
        .report_entry(ReportKind::Lkjip, YEAR)
        .unwrap()
        .unwrap()
        .signer;
    let rows = store.plan_rows(YEAR, None).unwrap();
    let [plan, capaian, lkjip] = [&texts[0], &texts[1], &texts[2]];
    for said in [
        "RENCANA AKSI",
        "TAHUN 2025",
        "Kumulatif",
        "Per Triwulan",
        "Turun",
        "Rencana aksi 1",
    ] {
        assert!(plan.contains(said), "Rencana Aksi: {said} missing:\n{plan}");
    }
    let first = rows[0]
        .values
        .indikator
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>();
    assert!(plan.contains(&first.join(" ")), "{plan}");
    assert!(
        lkjip.contains(
            &lower
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        )
    );
    for said in [
        "LAPORAN CAPAIAN KINERJA",
        "TRIWULAN I TAHUN 2025",
        "SERAPAN ANGGARAN PER UNIT",
        "≥ 91 %: Sangat Baik",
        "Personel terbatas",
        "GRAFIK CAPAIAN PER INDIKATOR TW I",
        "Rantai log audit",
        "Ditandatangani secara elektronik",
    ] {
        assert!(
            capaian.contains(said),
            "Capaian: {said} missing:\n{capaian}"
        );
    }
    for said in [
        "Tabel 3.1 Pengukuran Kinerja Tahun 2025",
        "Realisasi 2024",
        "Target Akhir Renstra",
        "Tabel 3.5 Realisasi Anggaran per Program",
        "JUMLAH",
        "Sangat Baik",
        "Grafik Serapan Anggaran per Unit",
    ] {
        assert!(lkjip.contains(said), "LKjIP: {said} missing:\n{lkjip}");
    }
    // Every evidence file with its SHA-256 whole, so a reader can check the files they receive.
    assert!(!evidence.is_empty());
    for e in &evidence {
        for (name, text) in [("Capaian", capaian), ("LKjIP", lkjip)] {
            assert!(
                text.contains(&e.sha256),
                "{name}: {} missing:\n{text}",
                e.sha256
            );
            assert!(text.contains(&e.name), "{name}: {}", e.name);
        }
    }
    let upper = head.to_uppercase();
    assert!(lkjip.contains(&upper) || lkjip.contains(&head), "{head}");
    // Archival, as the RKT and the PK.
    for kind in [ReportKind::Capaian(Quarter::ALL[0]), ReportKind::Lkjip] {
        let said = preflight(&store.report_pdf(kind, YEAR).unwrap().unwrap());
        assert!(
            said.contains("is a valid PDF/A-1b file"),
            "{kind:?}: {said}"
        );
    }
}

#[test]
fn before_signing_a_draft_and_a_quarter_that_does_not_exist_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let (_, data, db) = year_at(dir.path());
    let y = YEAR.to_string();
    let out_file = dir.path().join("capaian tw2.pdf");
    let out = export(
        &data,
        &db,
        &[
            "export-capaian",
            "--year",
            &y,
            "--tw",
            "2",
            "--out",
            out_file.to_str().unwrap(),
        ],
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("DRAF"),
        "{out:?}"
    );
    let text = words(&std::fs::read(&out_file).unwrap());
    assert!(text.contains("DRAF — belum ditandatangani"), "{text}");
    assert!(text.contains("TRIWULAN II TAHUN 2025"), "{text}");
    assert!(
        !text.contains("Rantai log audit"),
        "no signature block on a draft"
    );
    // A draft is no signed document.
    let verified = run_cli(&data, &db, &["verify", out_file.to_str().unwrap()]);
    assert_ne!(verified.status.code(), Some(0), "{verified:?}");
    for bad in ["5", "dua"] {
        let file = dir.path().join(format!("tw{bad}.pdf"));
        let out = run_cli(
            &data,
            &db,
            &[
                "export-capaian",
                "--year",
                &y,
                "--tw",
                bad,
                "--out",
                file.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("bukan triwulan"), "{said}");
        assert!(!file.exists());
    }
    // A year without a Rencana Aksi has no report yet, and says why.
    let none = dir.path().join("ra 2026.pdf");
    let out = run_cli(
        &data,
        &db,
        &[
            "export-rencana-aksi",
            "--year",
            "2026",
            "--out",
            none.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("Rencana Aksi tahun 2026 belum dimulai"),
        "{said}"
    );
    assert!(!none.exists());
    // A file that is not a PDF of ours is never written over.
    let theirs = dir.path().join("catatan.pdf");
    std::fs::write(&theirs, "catatan pribadi").unwrap();
    let out = run_cli(
        &data,
        &db,
        &[
            "export-lkjip",
            "--year",
            &y,
            "--out",
            theirs.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("bukan PDF buatan program ini"));
    assert_eq!(std::fs::read_to_string(&theirs).unwrap(), "catatan pribadi");
}

/// Not a test of its own: `.ci/pdfa-check.sh` runs it with `SOP_RKT_MEASURED_DB` set to get a
/// database with signed reports for the program to export (the demo has none).
#[test]
#[ignore = "run by .ci/pdfa-check.sh"]
fn a_measured_year_for_the_archival_check() {
    let Some(path) = std::env::var_os("SOP_RKT_MEASURED_DB") else {
        panic!("SOP_RKT_MEASURED_DB names the database to make");
    };
    let path = std::path::PathBuf::from(path);
    let dir = tempfile::tempdir().unwrap();
    let year = measured_year(&path, dir.path(), fixed_now());
    assert!(
        year.store
            .report_entry(ReportKind::Lkjip, YEAR)
            .unwrap()
            .is_some()
    );
}
