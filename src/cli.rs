//! Command-line arguments. Few enough to read by hand.

use std::path::PathBuf;

use crate::renderer::RendererChoice;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Args {
    pub db: Option<PathBuf>,
    pub exit_after_first_frame: bool,
    pub renderer: Option<RendererChoice>,
    pub help: bool,
    pub version: bool,
}

pub const USAGE: &str = "\
sop-rkt — SOP Penyusunan RKT, Satpol PP Kabupaten Balangan

Pemakaian: sop-rkt [PILIHAN]

Pilihan:
  --db BERKAS                 pakai basis data BERKAS (bawaan: folder data pengguna)
  --renderer wgpu|glow        renderer yang dicoba pertama (juga: SOP_RKT_RENDERER)
  --exit-after-first-frame    cetak milidetik sampai bingkai pertama, lalu keluar
  --version                   cetak versi program
  --help                      tampilkan bantuan ini
";

pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let mut out = Args::default();
    let mut it = args.into_iter();
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
            "--help" | "-h" => out.help = true,
            "--version" | "-V" => out.version = true,
            other => return Err(format!("pilihan \"{other}\" tidak dikenal\n\n{USAGE}")),
        }
    }
    Ok(out)
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
