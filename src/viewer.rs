//! Opening a file in the system's own viewer (the office's PDF reader), and where our
//! temporary copies go.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Our own folder inside the system's temporary folder: files there are ours to replace.
pub fn temp_file(name: &str) -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join("SOP-RKT");
    std::fs::create_dir_all(&dir).map_err(|e| {
        crate::domain::io_words::failed(
            e,
            format!("Folder sementara {} tidak bisa dibuat", dir.display()),
        )
    })?;
    Ok(dir.join(name))
}

/// How long an opener is watched for a failure: xdg-open and open end within moments, once
/// they have started the viewer; one still running after this is taken to be showing the file.
const WATCH: Duration = Duration::from_secs(3);

/// Starts the system's viewer for `path` and returns once it has started. A viewer that does
/// not start (no opener, no program for the file, the opener failing) is an error that says
/// where the file is, so that it can be opened by hand: never "opened" when nothing was.
pub fn open(path: &Path) -> std::io::Result<()> {
    let opener = if cfg!(windows) {
        // Explorer opens a file with the program registered for it, with no console window.
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    open_with(opener, path)
}

/// `open` with the opener `program`.
pub fn open_with(program: &str, path: &Path) -> std::io::Result<()> {
    let mut child = std::process::Command::new(program)
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| {
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => {
                    format!("program pembuka berkas ({program}) tidak ditemukan")
                }
                std::io::ErrorKind::PermissionDenied => "tidak diizinkan menjalankannya".into(),
                _ => crate::domain::io_words::explain(&e),
            };
            not_opened(e.kind(), &why, path)
        })?;
    // Explorer's exit code says nothing (1 even when it opened the file): started is all.
    if cfg!(windows) {
        std::thread::spawn(move || child.wait());
        return Ok(());
    }
    let since = Instant::now();
    loop {
        match child.try_wait()? {
            Some(status) if status.success() => return Ok(()),
            Some(status) => {
                // xdg-open's own codes (xdg-utils): 3 no program for the file, 4 it failed.
                let why = match status.code() {
                    Some(3) => "tidak ada program untuk membukanya di komputer ini".into(),
                    Some(4) => "program pembuka berkas gagal membukanya".into(),
                    Some(code) => format!("{program} berhenti dengan kode {code}"),
                    None => format!("{program} dihentikan"),
                };
                return Err(not_opened(std::io::ErrorKind::Other, &why, path));
            }
            None if since.elapsed() >= WATCH => {
                // Still running: the viewer itself (some openers wait for it). Reaped aside.
                std::thread::spawn(move || child.wait());
                return Ok(());
            }
            None => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// "Penampil PDF tidak bisa dibuka (…)", with where the file is and its folder.
fn not_opened(kind: std::io::ErrorKind, why: &str, path: &Path) -> std::io::Error {
    // The same opener shows a folder (Pengaturan's data folder): said as what it is.
    if path.is_dir() {
        return std::io::Error::new(
            kind,
            format!(
                "Folder tidak bisa dibuka ({why}). Letaknya: {}",
                path.display()
            ),
        );
    }
    let folder = path.parent().unwrap_or(path);
    std::io::Error::new(
        kind,
        format!(
            "Penampil PDF tidak bisa dibuka ({why}). Berkasnya ada di {}: buka folder {} di File Explorer lalu klik ganda berkasnya, atau salin berkas itu ke komputer yang punya pembaca PDF.",
            path.display(),
            folder.display()
        ),
    )
}

/// Can this computer show a file dialog? On Linux the dialogs come from the desktop's portal
/// (xdg-desktop-portal, over the session's D-Bus) or, failing that, zenity; a window manager
/// alone has neither, and the dialog then returns nothing as if cancelled.
pub fn file_dialogs() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    on_path("zenity") || portal()
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|dir| dir.join(program).is_file()))
}

/// A session bus, and on it a running desktop portal or one it can start.
fn portal() -> bool {
    let runtime = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from);
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || runtime.is_some_and(|r| r.join("bus").exists());
    if !bus {
        return false;
    }
    let service = "dbus-1/services/org.freedesktop.portal.Desktop.service";
    let data_dirs = std::env::var_os("XDG_DATA_DIRS")
        .map(|d| std::env::split_paths(&d).collect::<Vec<_>>())
        .unwrap_or_else(|| vec!["/usr/local/share".into(), "/usr/share".into()]);
    let startable = data_dirs
        .iter()
        .chain(dirs::data_dir().as_ref())
        .any(|d| d.join(service).is_file());
    startable || running("xdg-desktop-portal")
}

/// A process of that name is running (Linux's /proc).
fn running(name: &str) -> bool {
    std::fs::read_dir("/proc").is_ok_and(|procs| {
        procs
            .flatten()
            .any(|p| std::fs::read_to_string(p.path().join("comm")).is_ok_and(|c| c.trim() == name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_viewer_that_does_not_open_says_so_and_where_the_file_is() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("RKT 2026.pdf");
        std::fs::write(&pdf, b"%PDF-1.7").unwrap();
        // An opener that ends in failure (as xdg-open with no program for PDFs).
        let err = open_with("false", &pdf).unwrap_err().to_string();
        assert!(err.starts_with("Penampil PDF tidak bisa dibuka"), "{err}");
        assert!(err.contains(&pdf.display().to_string()), "{err}");
        assert!(err.contains(&dir.path().display().to_string()), "{err}");
        // No opener at all.
        let err = open_with("sop-rkt-tidak-ada-pembuka", &pdf)
            .unwrap_err()
            .to_string();
        assert!(err.contains("tidak ditemukan"), "{err}");
        // One that succeeds.
        open_with("true", &pdf).unwrap();
    }
}
