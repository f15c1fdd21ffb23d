//! The Rencana Aksi and a quarter's realisation through Excel, as a unit's clerk uses them
//! (#26): the template out of the program, filled in LibreOffice Calc by typing and pasting
//! (live, headless, by tests/data/isi-rencana-aksi-dengan-libreoffice.py), taken back in through
//! the session's command. A file with a mistake changes nothing; a good one is stored whole.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use sop_rkt::domain::action_plan::{PlanValues, RealValues, validate_plan};
use sop_rkt::domain::sop::Sop;
use sop_rkt::paths::SopSource;
use sop_rkt::session::{Command, FileCmd, Session, SessionInit};

/// Monday 5 January 2026, 09:00: the demo's 2025 RKT and PK are signed, 2025's quarters open.
fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 1, 5)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

/// The demo office with its 2025 Rencana Aksi started from the signed PK, and a session on it
/// in 2025 signed in as the official of the unit with the most indikator.
struct Office {
    session: Session,
    unit: i64,
    name: String,
    /// The unit's sub kegiatan of the signed RKT, in the drop-down's order.
    codes: Vec<String>,
    dir: tempfile::TempDir,
}

fn office() -> Office {
    let mut store = crate::common::plan::office_with_plan(now());
    let unit = store
        .units()
        .unwrap()
        .into_iter()
        .max_by_key(|u| store.plan_rows(2025, Some(u.id)).unwrap().len())
        .unwrap();
    assert!(store.plan_rows(2025, Some(unit.id)).unwrap().len() >= 2);
    let codes: Vec<String> = store
        .signed_sub_kegiatan(2025)
        .unwrap()
        .into_iter()
        .filter(|(u, _, _)| *u == unit.name)
        .map(|(_, c, _)| c)
        .collect();
    // Their first PIN, the demo's.
    let own = store
        .demo_sign_in(|o| o.unit_id == Some(unit.id), now())
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut session = Session::new(SessionInit {
        store,
        sop: Sop::embedded(),
        sop_source: SopSource::Embedded,
        data_dir: dir.path().to_path_buf(),
        clock: Box::new(now),
    });
    session.choose_year(2025);
    session
        .apply(Command::sign_in(
            own.official_id(),
            sop_rkt::store::DEMO_PIN,
        ))
        .unwrap();
    Office {
        session,
        unit: unit.id,
        name: unit.name,
        codes,
        dir,
    }
}

impl Office {
    fn plan(&self) -> Vec<PlanValues> {
        self.session
            .store()
            .plan_rows(2025, Some(self.unit))
            .unwrap()
            .into_iter()
            .map(|r| r.values)
            .collect()
    }

    fn file(&mut self, cmd: FileCmd) -> Result<String, String> {
        self.session
            .apply(Command::File(cmd))
            .map(|m| m.unwrap_or_default())
            .map_err(|e| e.to_string())
    }
}

/// A Python that has LibreOffice's uno (Debian's own, beside a pyenv one).
fn python_with_uno() -> &'static str {
    ["/usr/bin/python3", "python3"]
        .into_iter()
        .find(|p| {
            std::process::Command::new(p)
                .args(["-c", "import uno"])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("LibreOffice Calc with Python's uno is needed: apt-get install libreoffice-calc-nogui python3-uno")
}

/// The template filled in Calc: (the good file, the same with mistakes).
fn fill_in_calc(kind: &str, template: &Path) -> (PathBuf, PathBuf) {
    let dir = template.parent().unwrap();
    let [good, bad] = ["benar", "salah"].map(|variant| {
        let out = dir.join(format!("{variant}.xlsx"));
        calc(kind, variant, template, &out);
        out
    });
    (good, bad)
}

/// One Calc at a time in this test binary: headless Calc 7.4 has aborted (signal 6) now and
/// then with two running side by side on a loaded two-core machine.
static CALC: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// One Calc filling `template` into `out` (tests/data/isi-rencana-aksi-dengan-libreoffice.py).
/// A Calc that crashes (its own fatal signal, before the file is written) is started once more
/// with a fresh profile; what it writes is checked as any other.
fn calc(kind: &str, variant: &str, template: &Path, out: &Path) {
    let _one = CALC.lock().unwrap_or_else(|e| e.into_inner());
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let run_once = |attempt: u32| {
        // Its own port and profile: other tests (or people) may run a Calc beside it.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let profile = template
            .parent()
            .unwrap()
            .join(format!("profil-{variant}-{attempt}"));
        let run = std::process::Command::new(python_with_uno())
            .arg(data.join("isi-rencana-aksi-dengan-libreoffice.py"))
            .args([kind, variant])
            .args([template, out])
            .env("SOP_RKT_CALC_PORT", port.to_string())
            .env("SOP_RKT_CALC_PROFILE", profile)
            .output()
            .unwrap();
        let said = format!(
            "{}\n{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
        (run.status.success(), said)
    };
    let (mut ok, mut said) = run_once(1);
    if !ok && !out.exists() && said.contains("Fatal exception: Signal") {
        (ok, said) = run_once(2);
    }
    assert!(ok, "{said}");
    assert!(out.exists(), "{said}");
}

#[test]
fn a_rencana_aksi_filled_in_libreoffice_comes_in_whole_or_not_at_all() {
    let mut o = office();
    let before = o.plan();
    let template = o.dir.path().join("rencana-aksi.xlsx");
    let said = o
        .file(FileCmd::ExportPlanTemplate {
            unit: o.unit,
            path: template.clone(),
        })
        .unwrap();
    assert!(
        said.starts_with(&format!(
            "Templat Excel Rencana Aksi {} tahun 2025 disimpan ke",
            o.name
        )),
        "{said}"
    );
    let (good, bad) = fill_in_calc("rencana", &template);

    // "1/2" typed as a target (Calc made it a date) and "ke atas" for Arah: named, nothing stored.
    let refused = o
        .file(FileCmd::ImportPlan {
            unit: o.unit,
            path: bad,
        })
        .unwrap_err();
    assert!(
        refused.contains("2 masalah di berkas; tidak ada yang diubah."),
        "{refused}"
    );
    assert!(
        refused.contains(
            "Baris 6, kolom Target TW II: terbaca sebagai tanggal (2 Januari 2026), bukan angka."
        ),
        "{refused}"
    );
    assert!(
        refused.contains("Baris 7, kolom Arah: \"ke atas\" tidak ada di daftar (Naik, Turun)."),
        "{refused}"
    );
    assert_eq!(o.plan(), before, "nothing changed");

    let said = o
        .file(FileCmd::ImportPlan {
            unit: o.unit,
            path: good,
        })
        .unwrap();
    assert_eq!(
        said,
        format!(
            "Rencana Aksi {}: {} baris diubah dari Excel.",
            o.name,
            before.len()
        )
    );
    let rows = o.plan();
    // The PK's columns stay as they were.
    for (r, b) in rows.iter().zip(&before) {
        assert_eq!(
            (&r.sasaran, &r.indikator, &r.satuan, &r.target),
            (&b.sasaran, &b.indikator, &b.satuan, &b.target)
        );
    }
    // Typed "naik", 25 and 50 as numbers, "12,5" as text; codes pasted as the drop-down shows
    // them, one per line; the actions pasted with a no-break space and a line break.
    let first = &rows[0];
    assert_eq!(
        (first.arah.as_str(), first.sifat.as_str()),
        ("Naik", "Kumulatif")
    );
    assert_eq!(first.tw, ["25", "50", "12,5", "100"]);
    assert_eq!(
        first.codes(),
        o.codes.iter().take(2).cloned().collect::<Vec<_>>()
    );
    assert_eq!(first.aksi, "Patroli rutin dan pembinaan\nPenertiban PKL");
    // "turun" and "per triwulan" in lower case, a range, the code typed bare.
    let second = &rows[1];
    assert_eq!(
        (second.arah.as_str(), second.sifat.as_str()),
        ("Turun", "Per Triwulan")
    );
    assert_eq!(second.tw, ["5", "4", "3", "75 - 85"]);
    assert_eq!(second.sub_kegiatan, o.codes[0]);
    assert_eq!(second.aksi, "Razia gabungan");
    // Every row now passes the checks before signing.
    let known = |c: &str| o.codes.iter().any(|k| k == c);
    for r in &rows {
        assert_eq!(validate_plan(r, &known), [], "{r:?}");
    }
}

#[test]
fn a_quarter_filled_in_libreoffice_is_refused_for_a_word_and_stored_when_numbers() {
    let mut o = office();
    // The unit's Rencana Aksi filled (through its template) and signed.
    let filled: Vec<PlanValues> = o
        .plan()
        .into_iter()
        .map(|v| PlanValues {
            arah: "Naik".into(),
            sifat: "Kumulatif".into(),
            tw: ["10".into(), "20".into(), "30".into(), "40".into()],
            aksi: "Patroli".into(),
            ..v
        })
        .collect();
    let names: Vec<(String, String)> = o.codes.iter().map(|c| (c.clone(), String::new())).collect();
    let plan_file = o.dir.path().join("rencana-aksi-terisi.xlsx");
    let book = sop_rkt::xlsx::plan::template(&sop_rkt::xlsx::plan::PlanTemplate {
        year: 2025,
        unit_id: o.unit,
        unit_name: &o.name,
        rows: &filled,
        sub_kegiatan: &names,
    })
    .unwrap();
    std::fs::write(&plan_file, book).unwrap();
    o.file(FileCmd::ImportPlan {
        unit: o.unit,
        path: plan_file,
    })
    .unwrap();
    assert_eq!(o.plan(), filled);
    crate::common::plan::mark_plan_signed(o.session.store());

    let template = o.dir.path().join("realisasi-tw2.xlsx");
    let said = o
        .file(FileCmd::ExportRealTemplate {
            q: 2,
            unit: o.unit,
            path: template.clone(),
        })
        .unwrap();
    assert!(
        said.starts_with(&format!(
            "Templat Excel realisasi TW II tahun 2025 {} disimpan ke",
            o.name
        )),
        "{said}"
    );
    let (good, bad) = fill_in_calc("realisasi", &template);
    let store_now = |o: &Office| {
        let s = o.session.store();
        (
            s.real_rows(2025, 2, Some(o.unit))
                .unwrap()
                .into_iter()
                .map(|r| r.values)
                .collect::<Vec<_>>(),
            s.budget_rows(2025, 2, o.unit)
                .unwrap()
                .into_iter()
                .map(|b| b.amount)
                .collect::<Vec<_>>(),
        )
    };
    let before = store_now(&o);
    assert!(before.0.iter().all(|v| *v == RealValues::default()));

    let refused = o
        .file(FileCmd::ImportReal {
            q: 2,
            unit: o.unit,
            path: bad,
        })
        .unwrap_err();
    assert!(
        refused.contains("Baris 6, kolom Realisasi TW II: Realisasi \"delapan\" bukan angka; tulis seperti 87,5 (koma untuk desimal)."),
        "{refused}"
    );
    assert_eq!(store_now(&o), before, "nothing changed");

    let said = o
        .file(FileCmd::ImportReal {
            q: 2,
            unit: o.unit,
            path: good,
        })
        .unwrap();
    let (values, amounts) = store_now(&o);
    assert_eq!(
        said,
        format!(
            "Realisasi TW II tahun 2025 {}: {} indikator dan {} sub kegiatan disimpan dari Excel.",
            o.name,
            values.len(),
            amounts.len()
        )
    );
    // "37,5" typed (text in Calc's English locale), 12 a number; kendala pasted over two lines.
    assert_eq!(
        values[0],
        RealValues {
            realisasi: "37,5".into(),
            kendala: "Personel terbatas\ndi kecamatan jauh".into(),
            tindak_lanjut: "Tambah patroli malam".into(),
        }
    );
    assert_eq!(
        (values[1].realisasi.as_str(), values[1].kendala.as_str()),
        ("12", "-")
    );
    assert!(values[2..].iter().all(|v| v.realisasi == "10"));
    // 12500000 typed as a number, "7.250.000" as text: both rupiah.
    assert_eq!(amounts[0], "Rp 12.500.000");
    if amounts.len() > 1 {
        assert_eq!(amounts[1], "Rp 7.250.000");
    }
}

/// What the window may send wrong — another unit's file, another template, an unsigned plan,
/// a file already there, nobody signed in — is answered in words and changes nothing.
#[test]
fn wrong_files_and_moments_are_answered_in_words_and_change_nothing() {
    let mut o = office();
    let before = o.plan();
    let store = o.session.store();
    let other = store
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.id != o.unit && !store.plan_rows(2025, Some(u.id)).unwrap().is_empty())
        .unwrap();
    let dir = o.dir.path().to_path_buf();
    let theirs = dir.join("unit-lain.xlsx");
    o.file(FileCmd::ExportPlanTemplate {
        unit: other.id,
        path: theirs.clone(),
    })
    .unwrap();
    assert_eq!(
        o.file(FileCmd::ImportPlan {
            unit: o.unit,
            path: theirs.clone(),
        })
        .unwrap_err(),
        format!(
            "Berkas ini Rencana Aksi {0} tahun 2025, bukan {1} tahun 2025 yang dipilih. Pilih unit dan tahun berkas itu, atau ekspor templat {1} tahun 2025.",
            other.name, o.name
        )
    );
    // The template is never written over.
    let kept = std::fs::read(&theirs).unwrap();
    assert!(
        o.file(FileCmd::ExportPlanTemplate {
            unit: o.unit,
            path: theirs.clone(),
        })
        .unwrap_err()
        .contains("sudah ada; pilih nama lain")
    );
    assert_eq!(std::fs::read(&theirs).unwrap(), kept);

    let quarter = dir.join("tw1.xlsx");
    o.file(FileCmd::ExportRealTemplate {
        q: 1,
        unit: o.unit,
        path: quarter.clone(),
    })
    .unwrap();
    assert_eq!(
        o.file(FileCmd::ImportPlan {
            unit: o.unit,
            path: quarter.clone(),
        })
        .unwrap_err(),
        "Berkas ini templat realisasi triwulan, bukan templat Rencana Aksi."
    );
    // A quarter's file whose plan the head has not signed yet: the store says so.
    let unsigned = o
        .file(FileCmd::ImportReal {
            q: 1,
            unit: o.unit,
            path: quarter.clone(),
        })
        .unwrap_err();
    assert!(
        unsigned.starts_with("Rencana Aksi tahun 2025 belum ditandatangani"),
        "{unsigned}"
    );
    assert!(
        o.file(FileCmd::ImportReal {
            q: 2,
            unit: o.unit,
            path: quarter.clone(),
        })
        .unwrap_err()
        .starts_with("Berkas ini realisasi TW I, bukan TW II yang dipilih.")
    );
    assert_eq!(
        o.file(FileCmd::ExportPlanTemplate {
            unit: 999,
            path: dir.join("x.xlsx"),
        })
        .unwrap_err(),
        "Unit itu tidak ditemukan."
    );
    o.session
        .apply(Command::Office(sop_rkt::session::OfficeCmd::SignOut))
        .unwrap();
    assert_eq!(
        o.file(FileCmd::ImportPlan {
            unit: o.unit,
            path: theirs,
        })
        .unwrap_err(),
        sop_rkt::session::SIGN_IN_FIRST
    );
    assert_eq!(o.plan(), before);
}
