//! Command-line arguments. Few enough to read by hand.

use std::path::PathBuf;

use crate::renderer::RendererChoice;

/// A headless task instead of the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Task {
    /// Fill an empty database with demo data: `sop-rkt demo --db PATH [--rows N]`.
    Demo { rows: usize },
    /// `sop-rkt export-pdf --year Y --out F`: the year's RKT (signed, or the draft marked DRAFT).
    ExportPdf {
        year: Option<i32>,
        out: Option<PathBuf>,
    },
    /// `sop-rkt export-sop-pdf --out F`: the SOP document.
    ExportSopPdf { out: Option<PathBuf> },
    /// `sop-rkt export-template --year Y --unit U --out F.xlsx`: a unit's FORMAT RKT template
    /// (U: the unit's number in the list, or its name), for sending to a bidang by e-mail.
    ExportTemplate {
        year: Option<i32>,
        unit: Option<String>,
        out: Option<PathBuf>,
    },
    /// `sop-rkt backup --out F`: a consistent copy of the database (never over a file).
    Backup { out: Option<PathBuf> },
    /// `sop-rkt restore --from F`: the database replaced by the backup F, the present state
    /// kept as a backup first (for when the window cannot be used).
    Restore { from: Option<PathBuf> },
    /// `sop-rkt verify F`: exit 0 when F is a signed RKT of the archive, 1 when not, 2 on error.
    Verify { file: Option<PathBuf> },
}

impl Task {
    /// Tasks that change the database and so must not run beside an open window. Reading and
    /// exporting need no exclusive use: SQLite lets them read beside the window's writes.
    pub fn writes(&self) -> bool {
        matches!(self, Task::Demo { .. } | Task::Restore { .. })
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
           sop-rkt export-sop-pdf --out BERKAS.pdf  dokumen SOP (identitas dan bagan alir)
           sop-rkt export-template --year TAHUN --unit UNIT --out BERKAS.xlsx
                                                  templat Excel FORMAT RKT sebuah unit
                                                  (UNIT: nomor urut atau nama)
           sop-rkt backup --out BERKAS.db [--db BERKAS]
                                                  salinan utuh basis data (mis. ke flash disk)
           sop-rkt restore --from BERKAS.db [--db BERKAS]
                                                  pulihkan basis data dari cadangan (keadaan
                                                  sekarang disimpan dulu sebagai cadangan)
           sop-rkt verify BERKAS.pdf [--db BERKAS]  periksa keaslian: kode keluar 0 asli,
                                                  1 tidak asli, 2 galat

Pilihan:
  --db BERKAS                 pakai basis data BERKAS (bawaan: folder data pengguna)
  --renderer wgpu|glow        renderer yang dicoba pertama (juga: SOP_RKT_RENDERER)
  --exit-after-first-frame    cetak milidetik sampai bingkai pertama, lalu keluar
  --version                   cetak versi program
  --help                      tampilkan bantuan ini
";

pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let mut out = Args::default();
    let mut it = args.into_iter().peekable();
    match it.peek().map(String::as_str) {
        Some("demo") => out.task = Some(Task::Demo { rows: 40 }),
        Some("export-pdf") => {
            out.task = Some(Task::ExportPdf {
                year: None,
                out: None,
            })
        }
        Some("export-sop-pdf") => out.task = Some(Task::ExportSopPdf { out: None }),
        Some("export-template") => {
            out.task = Some(Task::ExportTemplate {
                year: None,
                unit: None,
                out: None,
            })
        }
        Some("backup") => out.task = Some(Task::Backup { out: None }),
        Some("restore") => out.task = Some(Task::Restore { from: None }),
        Some("verify") => out.task = Some(Task::Verify { file: None }),
        _ => {}
    }
    if out.task.is_some() {
        it.next();
    }
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
        match flag.as_str() {
            "--db" => out.db = Some(PathBuf::from(value("--db")?)),
            "--renderer" => {
                let v = value("--renderer")?;
                out.renderer = Some(RendererChoice::parse(&v).ok_or_else(|| {
                    format!("renderer \"{v}\" tidak dikenal; pilih wgpu atau glow")
                })?);
            }
            "--exit-after-first-frame" => out.exit_after_first_frame = true,
            "--year"
                if matches!(
                    out.task,
                    Some(Task::ExportPdf { .. } | Task::ExportTemplate { .. })
                ) =>
            {
                let v = value("--year")?;
                let y = v
                    .parse::<i32>()
                    .ok()
                    .filter(|y| (2000..=2100).contains(y))
                    .ok_or_else(|| format!("--year \"{v}\" harus tahun 2000 sampai 2100"))?;
                if let Some(Task::ExportPdf { year, .. } | Task::ExportTemplate { year, .. }) =
                    &mut out.task
                {
                    *year = Some(y);
                }
            }
            "--out"
                if matches!(
                    out.task,
                    Some(
                        Task::ExportPdf { .. }
                            | Task::ExportSopPdf { .. }
                            | Task::ExportTemplate { .. }
                            | Task::Backup { .. }
                    )
                ) =>
            {
                let v = PathBuf::from(value("--out")?);
                match &mut out.task {
                    Some(
                        Task::ExportPdf { out, .. }
                        | Task::ExportSopPdf { out }
                        | Task::ExportTemplate { out, .. }
                        | Task::Backup { out },
                    ) => *out = Some(v),
                    _ => unreachable!(),
                }
            }
            f if !f.starts_with('-') && matches!(out.task, Some(Task::Verify { file: None })) => {
                out.task = Some(Task::Verify {
                    file: Some(PathBuf::from(f)),
                });
            }
            "--from" if matches!(out.task, Some(Task::Restore { .. })) => {
                out.task = Some(Task::Restore {
                    from: Some(PathBuf::from(value("--from")?)),
                });
            }
            "--rows" if matches!(out.task, Some(Task::Demo { .. })) => {
                let v = value("--rows")?;
                let rows = v
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=1_000_000).contains(n))
                    .ok_or_else(|| format!("--rows \"{v}\" harus bilangan 1 sampai 1000000"))?;
                out.task = Some(Task::Demo { rows });
            }
            "--unit" if matches!(out.task, Some(Task::ExportTemplate { .. })) => {
                let v = value("--unit")?;
                if let Some(Task::ExportTemplate { unit, .. }) = &mut out.task {
                    *unit = Some(v);
                }
            }
            "--help" | "-h" => out.help = true,
            "--version" | "-V" => out.version = true,
            other => return Err(format!("pilihan \"{other}\" tidak dikenal\n\n{USAGE}")),
        }
    }
    match &out.task {
        Some(Task::ExportPdf { year: None, .. }) => Err("export-pdf butuh --year TAHUN".into()),
        Some(Task::ExportTemplate { year: None, .. }) => {
            Err("export-template butuh --year TAHUN".into())
        }
        Some(Task::ExportTemplate { unit: None, .. }) => {
            Err("export-template butuh --unit (nomor urut atau nama unit)".into())
        }
        Some(Task::ExportPdf { out: None, .. } | Task::ExportSopPdf { out: None }) => {
            Err("butuh --out BERKAS.pdf".into())
        }
        Some(Task::ExportTemplate { out: None, .. }) => Err("butuh --out BERKAS.xlsx".into()),
        Some(Task::Backup { out: None }) => Err("backup butuh --out BERKAS.db".into()),
        Some(Task::Restore { from: None }) => Err("restore butuh --from BERKAS.db".into()),
        Some(Task::Verify { file: None }) => Err("verify butuh nama berkas PDF".into()),
        _ => Ok(out),
    }
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
                year: Some(2027),
                out: Some(PathBuf::from("C:\\Arsip RKT\\rkt 2027.pdf"))
            })
        );
        assert!(
            p(&["export-pdf", "--out", "x.pdf"])
                .unwrap_err()
                .contains("--year")
        );
        assert!(p(&["export-pdf", "--year", "27", "--out", "x.pdf"]).is_err());
        assert!(p(&["export-sop-pdf"]).unwrap_err().contains("--out"));
        assert_eq!(
            p(&["verify", "rkt.pdf", "--db", "a.db"]).unwrap().task,
            Some(Task::Verify {
                file: Some(PathBuf::from("rkt.pdf"))
            })
        );
        assert!(p(&["verify"]).is_err());
        assert_eq!(
            p(&["backup", "--out", "E:\\cadangan.db"]).unwrap().task,
            Some(Task::Backup {
                out: Some(PathBuf::from("E:\\cadangan.db"))
            })
        );
        assert!(p(&["backup"]).unwrap_err().contains("--out"));
        assert_eq!(
            p(&["restore", "--from", "E:\\cadangan.db"]).unwrap().task,
            Some(Task::Restore {
                from: Some(PathBuf::from("E:\\cadangan.db"))
            })
        );
        assert!(p(&["restore"]).unwrap_err().contains("--from"));
        assert!(p(&["restore", "--out", "x.db"]).is_err());
        assert!(
            p(&["--year", "2027"]).is_err(),
            "--year belongs to export-pdf"
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
                year: Some(2027),
                unit: Some("Bidang Trantibum".into()),
                out: Some(PathBuf::from("templat.xlsx"))
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
