//! Where the program keeps its files, and which SOP it runs on.

use std::path::{Path, PathBuf};

use crate::domain::sop::{EMBEDDED_SOP, Sop, SopErrors};

/// The folder name under the per-user data folder (%APPDATA%\SOP-RKT on Windows).
pub const APP_DIR: &str = "SOP-RKT";
/// Overrides the data folder (portable use, tests).
pub const DATA_DIR_ENV: &str = "SOP_RKT_DATA_DIR";

/// The per-user data folder: %APPDATA%\SOP-RKT on Windows, $XDG_DATA_HOME/SOP-RKT on Linux.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_DIR)
}

pub fn default_db(data_dir: &Path) -> PathBuf {
    data_dir.join("sop-rkt.db")
}

pub fn log_file(data_dir: &Path) -> PathBuf {
    data_dir.join("sop-rkt.log")
}

/// A `sop.toml` here replaces the SOP embedded in the program.
pub fn sop_override(data_dir: &Path) -> PathBuf {
    data_dir.join("sop.toml")
}

/// Which SOP file is in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SopSource {
    Embedded,
    File(PathBuf),
}

impl SopSource {
    pub fn describe(&self) -> String {
        match self {
            SopSource::Embedded => "SOP bawaan program".into(),
            SopSource::File(p) => format!("berkas {}", p.display()),
        }
    }
}

/// Why the SOP could not be loaded: shown to the user, never silently replaced by the embedded one.
#[derive(Debug)]
pub struct SopLoadError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for SopLoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Berkas SOP \"{}\" tidak bisa dipakai:\n{}",
            self.path.display(),
            self.message
        )
    }
}

/// The SOP of the data folder when there is one, else the embedded SOP.
pub fn load_sop(data_dir: &Path) -> Result<(Sop, SopSource), SopLoadError> {
    let path = sop_override(data_dir);
    match std::fs::read(&path) {
        Ok(bytes) => {
            let text = String::from_utf8(bytes).map_err(|_| SopLoadError {
                path: path.clone(),
                message: "berkas bukan teks UTF-8; simpan ulang sebagai UTF-8".into(),
            })?;
            Sop::parse(&text)
                .map(|sop| (sop, SopSource::File(path.clone())))
                .map_err(|e: SopErrors| SopLoadError {
                    path,
                    message: e.to_string(),
                })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((
            Sop::parse(EMBEDDED_SOP).map_err(|e| SopLoadError {
                path: PathBuf::from("sop.toml (bawaan)"),
                message: e.to_string(),
            })?,
            SopSource::Embedded,
        )),
        Err(e) => Err(SopLoadError {
            path,
            message: format!(
                "tidak bisa dibaca: {}",
                crate::domain::io_words::explain(&e)
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_unless_the_data_folder_has_one() {
        let dir = tempfile::tempdir().unwrap();
        let (sop, src) = load_sop(dir.path()).unwrap();
        assert_eq!(src, SopSource::Embedded);
        assert_eq!(sop.steps.len(), 11);

        // An override with a different return target is used as is.
        let custom = EMBEDDED_SOP.replace("tidak = 8", "tidak = 6");
        std::fs::write(sop_override(dir.path()), custom).unwrap();
        let (sop, src) = load_sop(dir.path()).unwrap();
        assert!(matches!(src, SopSource::File(_)));
        assert_eq!(
            sop.step(10).unwrap().exit,
            crate::domain::sop::Exit::Decision { yes: 11, no: 6 }
        );
    }

    #[test]
    fn a_file_saved_by_notepad_is_read_as_written() {
        let dir = tempfile::tempdir().unwrap();
        // Notepad (Windows 10 before 1903) starts UTF-8 with a byte order mark, and saves
        // lines with CR LF.
        let notepad = format!(
            "\u{feff}{}",
            EMBEDDED_SOP
                .replace("tidak = 8", "tidak = 6")
                .replace('\n', "\r\n")
        );
        std::fs::write(sop_override(dir.path()), notepad).unwrap();
        let (sop, _) = load_sop(dir.path()).unwrap();
        assert_eq!(
            sop.step(10).unwrap().exit,
            crate::domain::sop::Exit::Decision { yes: 11, no: 6 }
        );
        // "Unicode" in Notepad's list is UTF-16: said plainly.
        let utf16: Vec<u8> = EMBEDDED_SOP
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        std::fs::write(
            sop_override(dir.path()),
            [&[0xFF, 0xFE][..], &utf16].concat(),
        )
        .unwrap();
        let err = load_sop(dir.path()).unwrap_err().to_string();
        assert!(err.contains("simpan ulang sebagai UTF-8"), "{err}");
    }

    #[test]
    fn a_broken_override_is_an_error_with_its_line_not_a_fallback() {
        let dir = tempfile::tempdir().unwrap();
        let broken = EMBEDDED_SOP.replace("simbol = \"keputusan\"", "simbol = \"wajik\"");
        std::fs::write(sop_override(dir.path()), broken).unwrap();
        let err = load_sop(dir.path()).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("baris "), "{text}");
        assert!(text.contains("wajik"), "{text}");
    }

    #[test]
    fn the_data_folder_can_be_moved_by_environment() {
        // Only checks the naming; the variable itself is read by `data_dir`.
        let d = PathBuf::from("C:\\Users\\Operator Ñoño\\AppData\\Roaming\\SOP-RKT");
        assert!(default_db(&d).ends_with("sop-rkt.db"));
        assert!(log_file(&d).ends_with("sop-rkt.log"));
    }
}
