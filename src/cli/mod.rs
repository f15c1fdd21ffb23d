//! Command-line arguments. Few enough to read by hand.

mod run;

use std::path::PathBuf;

pub use run::{Outcome, Prompt, Terminal, run};

use crate::renderer::RendererChoice;

/// A headless task instead of the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Task {
    /// Fill an empty database with demo data: `sop-rkt demo --db PATH [--rows N]`.
    Demo { rows: usize },
    /// `sop-rkt export-pdf --year Y --out F`: the year's RKT (signed, or the draft marked DRAFT).
    ExportPdf { year: i32, out: PathBuf },
    /// `sop-rkt export-pk --year Y --out F`: the year's Perjanjian Kinerja (the signed one from
    /// the archive, else a copy from the signed RKT to sign by hand).
    ExportPk { year: i32, out: PathBuf },
    /// `sop-rkt export-rencana-aksi --year Y --out F`, `export-capaian --year Y --tw N --out F`,
    /// `export-lkjip --year Y --out F`: a report after the PK (the signed one from the archive,
    /// else a copy made now marked DRAF).
    ExportReport {
        kind: crate::store::ReportKind,
        year: i32,
        out: PathBuf,
    },
    /// `sop-rkt export-sop-pdf --out F`: the SOP document.
    ExportSopPdf { out: PathBuf },
    /// `sop-rkt export-template --year Y --unit U --out F.xlsx`: a unit's FORMAT RKT template
    /// (U: the unit's number in the list, or its name), for sending to a bidang by e-mail.
    ExportTemplate {
        year: i32,
        unit: String,
        out: PathBuf,
    },
    /// `sop-rkt backup --out F`: a consistent copy of the database (never over a file).
    Backup { out: PathBuf },
    /// `sop-rkt restore --from F`: the database replaced by the backup F, the present state
    /// kept as a backup first (for when the window cannot be used); a pengelola's PIN is asked
    /// on the terminal.
    Restore { from: PathBuf },
    /// `sop-rkt verify F`: exit 0 when F carries a valid digital signature from a trusted
    /// office, or is a signed RKT of the archive; 1 when not; 2 on error.
    Verify { file: PathBuf },
    /// `sop-rkt trust-certificate F.cer`: trust an office certificate on this PC (a pengelola's
    /// act, or anyone's on a database without officials, as a verifier elsewhere has), and its
    /// revocation list F.crl when one lies beside it; `F.crl` alone: only the list.
    TrustCertificate { file: PathBuf },
    /// `sop-rkt export-certificate --out F.cer`: the office's own certificate, to hand out (its
    /// newest revocation list beside it as F.crl, when there is one).
    ExportCertificate { out: PathBuf },
    /// `sop-rkt export-crl --out F.crl`: the newest revocation list of the office's certificate.
    ExportCrl { out: PathBuf },
    /// `sop-rkt check-audit`: the audit log's hash chain and the signed documents' heads
    /// checked; exit 0 when intact, 1 when broken, 2 on error.
    CheckAudit,
    /// `sop-rkt security-report`: each stored secret (PIN hashes, keys' .p12) and what an
    /// offline search of it costs, from its own parameters.
    SecurityReport,
}

impl Task {
    /// Tasks that change the database and so must not run beside an open window. Reading and
    /// exporting need no exclusive use: SQLite lets them read beside the window's writes.
    pub fn writes(&self) -> bool {
        matches!(
            self,
            Task::Demo { .. } | Task::Restore { .. } | Task::TrustCertificate { .. }
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Args {
    pub task: Option<Task>,
    pub db: Option<PathBuf>,
    pub exit_after_first_frame: bool,
    pub renderer: Option<RendererChoice>,
    pub help: bool,
    pub version: bool,
}

pub const USAGE: &str = "\
sop-rkt — SOP Penyusunan RKT, Satpol PP Kabupaten Balangan

Pemakaian: sop-rkt [PILIHAN]
           sop-rkt demo [--db BERKAS] [--rows N]   isi basis data kosong dengan data contoh
           sop-rkt export-pdf --year TAHUN --out BERKAS.pdf [--db BERKAS]
                                                  RKT tahun itu (yang ditandatangani, atau
                                                  Draft RKT terakhir bertanda DRAFT)
           sop-rkt export-pk --year TAHUN --out BERKAS.pdf [--db BERKAS]
                                                  Perjanjian Kinerja tahun itu (yang
                                                  ditandatangani, atau salinan dari RKT yang
                                                  ditandatangani untuk ditandatangani basah)
           sop-rkt export-rencana-aksi --year TAHUN --out BERKAS.pdf [--db BERKAS]
                                                  Rencana Aksi tahun itu
           sop-rkt export-capaian --year TAHUN --tw 1-4 --out BERKAS.pdf [--db BERKAS]
                                                  Laporan Capaian Kinerja triwulan itu
           sop-rkt export-lkjip --year TAHUN --out BERKAS.pdf [--db BERKAS]
                                                  tabel capaian kinerja Bab III LKjIP
                                                  (ketiganya: yang ditandatangani dari arsip,
                                                  atau salinan bertanda DRAF)
           sop-rkt export-sop-pdf --out BERKAS.pdf  dokumen SOP (identitas dan bagan alir)
           sop-rkt export-template --year TAHUN --unit UNIT --out BERKAS.xlsx
                                                  templat Excel FORMAT RKT sebuah unit
                                                  (UNIT: nomor urut atau nama)
           sop-rkt backup --out BERKAS.db [--db BERKAS]
                                                  salinan utuh basis data (mis. ke flash disk)
           sop-rkt restore --from BERKAS.db [--db BERKAS]
                                                  pulihkan basis data dari cadangan (keadaan
                                                  sekarang disimpan dulu sebagai cadangan)
           sop-rkt verify BERKAS.pdf [--db BERKAS]  periksa keaslian (tanda tangan digital,
                                                  atau arsip): kode keluar 0 asli, 1 tidak
                                                  asli, 2 galat
           sop-rkt trust-certificate BERKAS.cer [--db BERKAS]
                                                  percayai sertifikat kantor (untuk memeriksa
                                                  RKT bertanda tangan digital dari kantor itu),
                                                  beserta BERKAS.crl di sampingnya bila ada
           sop-rkt trust-certificate BERKAS.crl [--db BERKAS]
                                                  terima daftar pencabutan sertifikat (CRL)
                                                  dari kantor yang sertifikatnya dipercaya
           sop-rkt export-certificate --out BERKAS.cer [--db BERKAS]
                                                  simpan sertifikat kantor ini untuk diberikan
                                                  kepada yang memeriksa RKT (beserta CRL-nya,
                                                  BERKAS.crl, bila ada)
           sop-rkt export-crl --out BERKAS.crl [--db BERKAS]
                                                  simpan daftar pencabutan sertifikat (CRL)
                                                  terbaru kantor ini
           sop-rkt check-audit [--db BERKAS]      periksa rantai log audit: baris yang
                                                  diubah, dihapus atau disisipkan di luar
                                                  program; kode keluar 0 utuh, 1 rusak,
                                                  2 galat
           sop-rkt security-report [--db BERKAS]  setiap rahasia yang tersimpan (PIN, kunci)
                                                  dan biaya menebaknya di luar program,
                                                  dihitung dari parameternya sendiri

Pilihan:
  --db BERKAS                 pakai basis data BERKAS (bawaan: folder data pengguna)
  --renderer wgpu|glow        renderer yang dicoba pertama (juga: SOP_RKT_RENDERER)
  --exit-after-first-frame    cetak milidetik sampai bingkai pertama, lalu keluar
  --version                   cetak versi program
  --help                      tampilkan bantuan ini
";

/// The values given after a task's name, before they are checked against what it needs.
#[derive(Default)]
struct Given {
    year: Option<i32>,
    out: Option<PathBuf>,
    unit: Option<String>,
    from: Option<PathBuf>,
    file: Option<PathBuf>,
    rows: Option<usize>,
    tw: Option<u32>,
}

/// The flags each task takes (beside the general ones).
fn takes(task: &str, flag: &str) -> bool {
    matches!(
        (task, flag),
        ("demo", "--rows")
            | ("export-pdf" | "export-pk", "--year" | "--out")
            | ("export-rencana-aksi" | "export-lkjip", "--year" | "--out")
            | ("export-capaian", "--year" | "--tw" | "--out")
            | ("export-sop-pdf", "--out")
            | ("export-template", "--year" | "--unit" | "--out")
            | ("backup", "--out")
            | ("restore", "--from")
            | ("export-certificate" | "export-crl", "--out")
    )
}

const TASKS: [&str; 16] = [
    "demo",
    "export-pdf",
    "export-pk",
    "export-rencana-aksi",
    "export-capaian",
    "export-lkjip",
    "export-sop-pdf",
    "export-template",
    "backup",
    "restore",
    "verify",
    "trust-certificate",
    "export-certificate",
    "export-crl",
    "check-audit",
    "security-report",
];

pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let mut out = Args::default();
    let mut it = args.into_iter().peekable();
    let task = it
        .peek()
        .and_then(|a| TASKS.iter().find(|t| **t == a.as_str()))
        .copied();
    if task.is_some() {
        it.next();
    }
    let mut given = Given::default();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{name} butuh nilai"))
        };
        let for_task = task.is_some_and(|t| takes(t, &flag));
        match flag.as_str() {
            "--db" => out.db = Some(PathBuf::from(value("--db")?)),
            "--renderer" => {
                let v = value("--renderer")?;
                out.renderer = Some(RendererChoice::parse(&v).ok_or_else(|| {
                    format!("renderer \"{v}\" tidak dikenal; pilih wgpu atau glow")
                })?);
            }
            "--exit-after-first-frame" => out.exit_after_first_frame = true,
            "--year" if for_task => {
                let v = value("--year")?;
                let y = v
                    .parse::<i32>()
                    .map_err(|_| format!("--year \"{v}\" bukan tahun"))
                    .and_then(|y| {
                        crate::domain::check_year(y).map_err(|e| format!("--year: {e}"))
                    })?;
                given.year = Some(y);
            }
            "--out" if for_task => given.out = Some(PathBuf::from(value("--out")?)),
            "--from" if for_task => given.from = Some(PathBuf::from(value("--from")?)),
            "--unit" if for_task => given.unit = Some(value("--unit")?),
            "--tw" if for_task => given.tw = Some(quarter(&value("--tw")?)?),
            "--rows" if for_task => {
                let v = value("--rows")?;
                given.rows = Some(
                    v.parse::<usize>()
                        .ok()
                        .filter(|n| (1..=1_000_000).contains(n))
                        .ok_or_else(|| format!("--rows \"{v}\" harus bilangan 1 sampai 1000000"))?,
                );
            }
            f if !f.starts_with('-')
                && matches!(task, Some("verify" | "trust-certificate"))
                && given.file.is_none() =>
            {
                given.file = Some(PathBuf::from(f));
            }
            "--help" | "-h" => out.help = true,
            "--version" | "-V" => out.version = true,
            other => return Err(format!("pilihan \"{other}\" tidak dikenal\n\n{USAGE}")),
        }
    }
    if out.help || out.version {
        return Ok(out);
    }
    out.task = match task {
        None => None,
        Some(t) => Some(task_of(t, given)?),
    };
    Ok(out)
}

/// A quarter typed after `--tw`: 1 to 4 (or I to IV, as reports write it).
fn quarter(v: &str) -> Result<u32, String> {
    let t = v.trim().to_uppercase();
    let t = t.strip_prefix("TW").map_or(t.as_str(), str::trim);
    ["1", "2", "3", "4"]
        .iter()
        .position(|d| *d == t)
        .or_else(|| ["I", "II", "III", "IV"].iter().position(|r| *r == t))
        .map(|i| i as u32 + 1)
        .ok_or_else(|| {
            format!("--tw \"{v}\" bukan triwulan; tulis 1, 2, 3 atau 4 (triwulan I sampai IV).")
        })
}

/// The task with everything it needs, or what is missing.
fn task_of(task: &str, g: Given) -> Result<Task, String> {
    let need = |v: Option<PathBuf>, what: &str| v.ok_or_else(|| format!("{task} butuh {what}"));
    let year = || g.year.ok_or_else(|| format!("{task} butuh --year TAHUN"));
    Ok(match task {
        "demo" => Task::Demo {
            rows: g.rows.unwrap_or(40),
        },
        "export-pdf" => Task::ExportPdf {
            year: year()?,
            out: need(g.out, "--out BERKAS.pdf")?,
        },
        "export-pk" => Task::ExportPk {
            year: year()?,
            out: need(g.out, "--out BERKAS.pdf")?,
        },
        "export-rencana-aksi" | "export-capaian" | "export-lkjip" => {
            use crate::store::ReportKind;
            let kind = match task {
                "export-rencana-aksi" => ReportKind::RencanaAksi,
                "export-lkjip" => ReportKind::Lkjip,
                _ => {
                    let n =
                        g.tw.ok_or("export-capaian butuh --tw TRIWULAN (1, 2, 3 atau 4)")?;
                    ReportKind::Capaian(crate::domain::quarter::Quarter::new(n)?)
                }
            };
            Task::ExportReport {
                kind,
                year: year()?,
                out: need(g.out, "--out BERKAS.pdf")?,
            }
        }
        "export-sop-pdf" => Task::ExportSopPdf {
            out: need(g.out, "--out BERKAS.pdf")?,
        },
        "export-template" => Task::ExportTemplate {
            year: year()?,
            unit: g
                .unit
                .ok_or("export-template butuh --unit (nomor urut atau nama unit)")?,
            out: need(g.out, "--out BERKAS.xlsx")?,
        },
        "backup" => Task::Backup {
            out: need(g.out, "--out BERKAS.db")?,
        },
        "restore" => Task::Restore {
            from: need(g.from, "--from BERKAS.db")?,
        },
        "export-certificate" => Task::ExportCertificate {
            out: need(g.out, "--out BERKAS.cer")?,
        },
        "export-crl" => Task::ExportCrl {
            out: need(g.out, "--out BERKAS.crl")?,
        },
        "check-audit" => Task::CheckAudit,
        "security-report" => Task::SecurityReport,
        "trust-certificate" => Task::TrustCertificate {
            file: need(g.file, "nama berkas sertifikat (.cer) atau CRL (.crl)")?,
        },
        _ => Task::Verify {
            file: need(g.file, "nama berkas PDF")?,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Args, String> {
        parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn reads_the_flags() {
        let a = p(&["--db", "D:\\Data RKT\\rkt.db", "--exit-after-first-frame"]).unwrap();
        assert_eq!(a.db, Some(PathBuf::from("D:\\Data RKT\\rkt.db")));
        assert!(a.exit_after_first_frame);
        assert_eq!(
            p(&["--renderer=glow"]).unwrap().renderer,
            Some(RendererChoice::Glow)
        );
        assert_eq!(p(&[]).unwrap(), Args::default());
    }

    #[test]
    fn the_demo_task() {
        let a = p(&["demo", "--db", "x.db", "--rows", "5000"]).unwrap();
        assert_eq!(a.task, Some(Task::Demo { rows: 5000 }));
        assert_eq!(p(&["demo"]).unwrap().task, Some(Task::Demo { rows: 40 }));
        assert!(
            p(&["demo", "--rows", "nol"])
                .unwrap_err()
                .contains("--rows")
        );
        assert!(p(&["--rows", "5"]).is_err(), "--rows belongs to demo");
    }

    #[test]
    fn the_export_and_verify_tasks() {
        let a = p(&[
            "export-pdf",
            "--year",
            "2027",
            "--out",
            "C:\\Arsip RKT\\rkt 2027.pdf",
        ])
        .unwrap();
        assert_eq!(
            a.task,
            Some(Task::ExportPdf {
                year: 2027,
                out: PathBuf::from("C:\\Arsip RKT\\rkt 2027.pdf")
            })
        );
        assert!(
            p(&["export-pdf", "--out", "x.pdf"])
                .unwrap_err()
                .contains("--year")
        );
        assert!(p(&["export-pdf", "--year", "27", "--out", "x.pdf"]).is_err());
        // One year range for the window, the command line and the database.
        assert!(
            p(&["export-pdf", "--year", "2201", "--out", "x.pdf"])
                .unwrap_err()
                .contains("2000–2200")
        );
        assert!(p(&["export-pdf", "--year", "2150", "--out", "x.pdf"]).is_ok());
        assert!(p(&["export-sop-pdf"]).unwrap_err().contains("--out"));
        assert_eq!(
            p(&["verify", "rkt.pdf", "--db", "a.db"]).unwrap().task,
            Some(Task::Verify {
                file: PathBuf::from("rkt.pdf")
            })
        );
        assert!(p(&["verify"]).is_err());
        assert_eq!(
            p(&["backup", "--out", "E:\\cadangan.db"]).unwrap().task,
            Some(Task::Backup {
                out: PathBuf::from("E:\\cadangan.db")
            })
        );
        assert!(p(&["backup"]).unwrap_err().contains("--out"));
        assert_eq!(
            p(&["restore", "--from", "E:\\cadangan.db"]).unwrap().task,
            Some(Task::Restore {
                from: PathBuf::from("E:\\cadangan.db")
            })
        );
        assert!(p(&["restore"]).unwrap_err().contains("--from"));
        assert_eq!(
            p(&["export-crl", "--out", "kantor.crl"]).unwrap().task,
            Some(Task::ExportCrl {
                out: PathBuf::from("kantor.crl")
            })
        );
        assert!(p(&["export-crl"]).unwrap_err().contains("--out BERKAS.crl"));
        assert_eq!(
            p(&["trust-certificate", "kantor.crl"]).unwrap().task,
            Some(Task::TrustCertificate {
                file: PathBuf::from("kantor.crl")
            })
        );
        assert!(p(&["restore", "--out", "x.db"]).is_err());
        assert!(
            p(&["--year", "2027"]).is_err(),
            "--year belongs to export-pdf"
        );
    }

    #[test]
    fn the_report_tasks() {
        use crate::domain::quarter::Quarter;
        use crate::store::ReportKind;
        let a = p(&[
            "export-capaian",
            "--year",
            "2025",
            "--tw",
            "2",
            "--out",
            "c.pdf",
        ])
        .unwrap();
        assert_eq!(
            a.task,
            Some(Task::ExportReport {
                kind: ReportKind::Capaian(Quarter::new(2).unwrap()),
                year: 2025,
                out: PathBuf::from("c.pdf")
            })
        );
        let iv = p(&[
            "export-capaian",
            "--year",
            "2025",
            "--tw",
            "IV",
            "--out",
            "c.pdf",
        ]);
        assert!(matches!(
            iv.unwrap().task,
            Some(Task::ExportReport { kind: ReportKind::Capaian(q), .. }) if q.number() == 4
        ));
        for bad in ["5", "0", "dua", ""] {
            let e = p(&[
                "export-capaian",
                "--year",
                "2025",
                "--tw",
                bad,
                "--out",
                "c.pdf",
            ])
            .unwrap_err();
            assert!(e.contains("bukan triwulan"), "{bad}: {e}");
        }
        assert!(
            p(&["export-capaian", "--year", "2025", "--out", "c.pdf"])
                .unwrap_err()
                .contains("--tw")
        );
        assert!(
            p(&[
                "export-lkjip",
                "--year",
                "2025",
                "--tw",
                "1",
                "--out",
                "l.pdf"
            ])
            .is_err()
        );
        assert_eq!(
            p(&["export-lkjip", "--year", "2025", "--out", "l.pdf"])
                .unwrap()
                .task,
            Some(Task::ExportReport {
                kind: ReportKind::Lkjip,
                year: 2025,
                out: PathBuf::from("l.pdf")
            })
        );
        assert!(matches!(
            p(&["export-rencana-aksi", "--year", "2025", "--out", "r.pdf"])
                .unwrap()
                .task,
            Some(Task::ExportReport {
                kind: ReportKind::RencanaAksi,
                ..
            })
        ));
        assert!(
            !Task::ExportReport {
                kind: ReportKind::Lkjip,
                year: 2025,
                out: "l.pdf".into()
            }
            .writes()
        );
    }

    #[test]
    fn the_template_task() {
        let a = p(&[
            "export-template",
            "--year",
            "2027",
            "--unit",
            "Bidang Trantibum",
            "--out",
            "templat.xlsx",
        ])
        .unwrap();
        assert_eq!(
            a.task,
            Some(Task::ExportTemplate {
                year: 2027,
                unit: "Bidang Trantibum".into(),
                out: PathBuf::from("templat.xlsx")
            })
        );
        assert!(
            p(&["export-template", "--year", "2027", "--out", "t.xlsx"])
                .unwrap_err()
                .contains("--unit")
        );
        assert!(
            p(&["export-template", "--unit", "1", "--out", "t.xlsx"])
                .unwrap_err()
                .contains("--year")
        );
        assert!(
            p(&["export-pdf", "--unit", "1"]).is_err(),
            "--unit belongs to export-template"
        );
    }

    #[test]
    fn the_check_audit_task() {
        let a = p(&["check-audit", "--db", "kantor.db"]).unwrap();
        assert_eq!(a.task, Some(Task::CheckAudit));
        assert!(
            !Task::CheckAudit.writes(),
            "reads only, beside an open window"
        );
        assert!(p(&["check-audit", "--year", "2027"]).is_err());
    }

    #[test]
    fn refuses_unknown_input() {
        assert!(p(&["--db"]).unwrap_err().contains("butuh nilai"));
        assert!(
            p(&["--renderer", "vulkan"])
                .unwrap_err()
                .contains("tidak dikenal")
        );
        assert!(p(&["--hapus-semua"]).unwrap_err().contains("tidak dikenal"));
    }
}
