//! Where a file dialog opens: the folder a file was last saved to or opened from (remembered in
//! one small file in the data folder, for the whole program), else the user's Documents folder,
//! else the home folder. Never the file system's root.

use std::path::{Path, PathBuf};

const FILE: &str = "folder-terakhir.txt";

pub fn memory_path(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE)
}

/// The folder a dialog starts in now.
pub fn start_folder(data_dir: &Path) -> Option<PathBuf> {
    choose(remembered(data_dir), documents(), dirs::home_dir())
}

/// The first of the folders that is there now: a flash disk taken out, or a folder since
/// deleted, is passed over.
pub fn choose(
    last: Option<PathBuf>,
    documents: Option<PathBuf>,
    home: Option<PathBuf>,
) -> Option<PathBuf> {
    [last, documents, home]
        .into_iter()
        .flatten()
        .find(|d| d.is_dir())
}

/// Documents: Windows' known folder and Linux's XDG documents folder (as `dirs` asks the
/// system), else ~/Documents.
fn documents() -> Option<PathBuf> {
    dirs::document_dir().or_else(|| dirs::home_dir().map(|h| h.join("Documents")))
}

/// The folder remembered, if any.
pub fn remembered(data_dir: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(memory_path(data_dir)).ok()?;
    let dir = text.trim_end_matches(['\r', '\n']);
    (!dir.is_empty()).then(|| PathBuf::from(dir))
}

/// Remembers the folder of a file a dialog gave.
pub fn remember(data_dir: &Path, chosen: &Path) -> std::io::Result<()> {
    let Some(dir) = chosen.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return Ok(());
    };
    std::fs::create_dir_all(data_dir)?;
    std::fs::write(memory_path(data_dir), dir.to_string_lossy().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_folder_used_then_documents_then_home() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = |n: &str| {
            let d = tmp.path().join(n);
            std::fs::create_dir_all(&d).unwrap();
            d
        };
        let (last, docs, home) = (dir("flashdisk"), dir("Documents"), dir("home"));
        let gone = tmp.path().join("dicabut");
        assert_eq!(
            choose(Some(last.clone()), Some(docs.clone()), Some(home.clone())),
            Some(last.clone())
        );
        // The folder remembered is gone (the flash disk taken out): Documents.
        assert_eq!(
            choose(Some(gone.clone()), Some(docs.clone()), Some(home.clone())),
            Some(docs.clone())
        );
        assert_eq!(
            choose(None, Some(gone.clone()), Some(home.clone())),
            Some(home)
        );
        assert_eq!(choose(None, None, None), None);
    }

    #[test]
    fn a_chosen_files_folder_is_remembered_in_the_data_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("SOP-RKT");
        assert_eq!(remembered(&data), None);
        let chosen = tmp.path().join("Dokumen RKT").join("Templat.xlsx");
        std::fs::create_dir_all(chosen.parent().unwrap()).unwrap();
        remember(&data, &chosen).unwrap();
        assert_eq!(remembered(&data), chosen.parent().map(Path::to_path_buf));
        assert_eq!(start_folder(&data), chosen.parent().map(Path::to_path_buf));
        // A bare name (no folder) changes nothing.
        remember(&data, Path::new("x.xlsx")).unwrap();
        assert_eq!(start_folder(&data), chosen.parent().map(Path::to_path_buf));
    }
}
