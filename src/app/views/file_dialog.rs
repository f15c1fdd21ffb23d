//! Every file dialog of the window goes through `ask`: it opens in the folder last used (else
//! Documents: `dialog_folder`), proposes the name of a file to write, filters by kind, and
//! remembers the folder of the file chosen.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use super::widgets::FileKind;

/// What a dialog is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    /// The name proposed for a file to write; `None` opens a file.
    pub save_as: Option<String>,
    /// The filter's name and its extensions.
    pub filter: (String, Vec<String>),
    pub start: Option<PathBuf>,
}

type Answer = Box<dyn FnMut(&Asked) -> Option<PathBuf>>;

thread_local! {
    /// Tests answer dialogs here instead of the desktop (the window runs on their thread).
    static ANSWER: RefCell<Option<Answer>> = RefCell::new(None);
}

/// Tests: dialogs on this thread are answered by `answer` (what it returns is "chosen").
#[doc(hidden)]
pub fn answer_dialogs_for_tests(answer: impl FnMut(&Asked) -> Option<PathBuf> + 'static) {
    ANSWER.with(|a| *a.borrow_mut() = Some(Box::new(answer)));
}

/// Asks for a file to write, `name` proposed.
pub fn save(data_dir: &Path, name: &str, filter: &str, extensions: &[&str]) -> Option<PathBuf> {
    ask(data_dir, Some(name), filter, extensions)
}

/// Asks for a file to open.
pub fn open(data_dir: &Path, filter: &str, extensions: &[&str]) -> Option<PathBuf> {
    ask(data_dir, None, filter, extensions)
}

/// Asks for a PDF or Excel file to write.
pub fn save_kind(data_dir: &Path, name: &str, kind: FileKind) -> Option<PathBuf> {
    let (filter, ext) = match kind {
        FileKind::Pdf => ("PDF", "pdf"),
        FileKind::Excel => ("Excel", "xlsx"),
    };
    save(data_dir, name, filter, &[ext])
}

fn ask(
    data_dir: &Path,
    save_as: Option<&str>,
    filter: &str,
    extensions: &[&str],
) -> Option<PathBuf> {
    let asked = Asked {
        save_as: save_as.map(str::to_string),
        filter: (
            filter.to_string(),
            extensions.iter().map(|e| e.to_string()).collect(),
        ),
        start: crate::dialog_folder::start_folder(data_dir),
    };
    let answered = ANSWER.with(|a| a.borrow_mut().as_mut().map(|f| f(&asked)));
    let chosen = answered.unwrap_or_else(|| {
        let mut d = rfd::FileDialog::new().add_filter(filter, extensions);
        if let Some(dir) = &asked.start {
            d = d.set_directory(dir);
        }
        match save_as {
            Some(name) => d.set_file_name(name).save_file(),
            None => d.pick_file(),
        }
    });
    if let Some(p) = &chosen
        && let Err(e) = crate::dialog_folder::remember(data_dir, p)
    {
        log::warn!("folder terakhir tidak tersimpan: {e}");
    }
    chosen
}
