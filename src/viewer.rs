//! Opening a file in the system's own viewer (the office's PDF reader), and where our
//! temporary copies go.

use std::path::{Path, PathBuf};

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

/// Starts the system's viewer for `path` and returns at once.
pub fn open(path: &Path) -> std::io::Result<()> {
    let mut cmd = if cfg!(windows) {
        // Explorer opens a file with the program registered for it, with no console window.
        let mut c = std::process::Command::new("explorer");
        c.arg(path);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = std::process::Command::new("open");
        c.arg(path);
        c
    } else {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(path);
        c
    };
    cmd.spawn().map(|_| ()).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "program pembuka berkas tidak ditemukan".to_string(),
            std::io::ErrorKind::PermissionDenied => "tidak diizinkan menjalankannya".to_string(),
            _ => crate::domain::io_words::explain(&e),
        };
        std::io::Error::new(
            e.kind(),
            format!(
                "Penampil PDF tidak bisa dibuka ({why}). Berkasnya ada di {}.",
                path.display()
            ),
        )
    })
}
