//! Choosing a file on a computer that may have no file dialog: the desktop's dialog where there
//! is one; where there is none, or it could not open, a field to type the file's path in, and
//! the window says why. (rfd answers "nothing chosen" both when the person cancels and when no
//! dialog could be shown.)

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{RichText, Ui};

use super::widgets::{FileKind, card_ui, hint_ui};
use crate::app::{Command, FileCmd, Place, theme};

mod text {
    pub const NO_DIALOG: &str = "Jendela pilih berkas tidak bisa dibuka di komputer ini (tidak ada layanan dialog berkas desktop: xdg-desktop-portal atau zenity). Ketik atau tempel letak berkasnya di sini.";
    pub const PATH: &str = "Letak berkas";
    pub const CHECK: &str = "Periksa Berkas Ini";
    pub const SAVE: &str = "Simpan ke Sini";
    pub const CANCEL: &str = "Batal";
    pub const EXAMPLE: &str = "Misalnya: C:\\Users\\Nama\\Documents\\RKT 2026.pdf";
}

/// A dialog that ends sooner than this without a file did not open: nobody cancels that fast.
const TOO_QUICK: Duration = Duration::from_millis(300);

/// What a dialog gave.
pub enum Picked {
    Path(PathBuf),
    Cancelled,
    /// No dialog could be shown: a path is to be typed.
    Unavailable,
}

/// What a typed path is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    Verify,
    ExportRkt,
    ExportRktXlsx,
    ExportSop,
    ExportPk,
    SaveArchived(i64),
    /// A signed report of the Capaian & Laporan page.
    SaveReport(crate::store::ReportKind, i32),
}

impl Purpose {
    fn command(&self, path: PathBuf) -> Command {
        Command::File(match self {
            Purpose::Verify => FileCmd::Verify(path),
            Purpose::ExportRkt => FileCmd::ExportRkt(path),
            Purpose::ExportRktXlsx => FileCmd::ExportRktXlsx(path),
            Purpose::ExportSop => FileCmd::ExportSop(path),
            Purpose::ExportPk => FileCmd::ExportPk(path),
            Purpose::SaveArchived(id) => FileCmd::SaveArchived { id: *id, path },
            Purpose::SaveReport(kind, year) => FileCmd::SaveReport {
                kind: *kind,
                year: *year,
                path,
            },
        })
    }

    /// The card where it was asked for.
    fn place(&self) -> Place {
        match self {
            Purpose::Verify => Place::Verify,
            Purpose::ExportRkt | Purpose::ExportRktXlsx | Purpose::ExportSop => Place::RktFiles,
            Purpose::ExportPk => Place::Pk,
            Purpose::SaveArchived(_) => Place::Archive,
            Purpose::SaveReport(..) => Place::Laporan,
        }
    }
}

/// A path being typed because no dialog could be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedPath {
    pub purpose: Purpose,
    pub text: String,
}

/// Asks for the file `purpose` needs: the command at once when a dialog gave a path, the field
/// to type it in (`typed`) when no dialog could be shown, nothing when the person cancelled.
/// `save`: the name proposed and the kind of a file to write; `None` opens a PDF.
pub fn ask(
    data_dir: &std::path::Path,
    purpose: Purpose,
    save: Option<(&str, FileKind)>,
    typed: &mut Option<TypedPath>,
    out: &mut Vec<Command>,
) {
    use super::file_dialog;
    let picked = match &save {
        Some((name, kind)) => dialog(|| file_dialog::save_kind(data_dir, name, *kind)),
        None => dialog(|| file_dialog::open(data_dir, "PDF", &["pdf"])),
    };
    match picked {
        Picked::Path(p) => out.push(purpose.command(p)),
        Picked::Cancelled => {}
        Picked::Unavailable => {
            // A file to write starts where a dialog would have (the folder last used, else
            // Documents), with the name proposed.
            let text = save
                .map(|(name, _)| {
                    crate::dialog_folder::start_folder(data_dir)
                        .map_or(PathBuf::from(name), |d| d.join(name))
                        .display()
                        .to_string()
                })
                .unwrap_or_default();
            *typed = Some(TypedPath { purpose, text });
        }
    }
}

/// The dialog `show`, or none where the desktop cannot show one.
fn dialog(show: impl FnOnce() -> Option<PathBuf>) -> Picked {
    if !crate::viewer::file_dialogs() {
        return Picked::Unavailable;
    }
    let since = Instant::now();
    match show() {
        Some(p) => Picked::Path(p),
        None if since.elapsed() < TOO_QUICK => Picked::Unavailable,
        None => Picked::Cancelled,
    }
}

/// The field for a path typed by hand, in the card `place` when it was asked for there.
pub fn typed_path_ui(
    ui: &mut Ui,
    typed: &mut Option<TypedPath>,
    place: Place,
    out: &mut Vec<Command>,
) {
    let Some(t) = typed.as_mut().filter(|t| t.purpose.place() == place) else {
        return;
    };
    let mut done = false;
    card_ui(ui, |ui| {
        ui.add(egui::Label::new(RichText::new(text::NO_DIALOG).color(theme::ERROR)).wrap());
        ui.horizontal(|ui| {
            let id = ui.label(text::PATH).id;
            let r = ui
                .add(egui::TextEdit::singleline(&mut t.text).desired_width(420.0))
                .labelled_by(id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let go = if t.purpose == Purpose::Verify {
                text::CHECK
            } else {
                text::SAVE
            };
            let path = t.text.trim().trim_matches('"');
            if (ui.button(go).clicked() || enter) && !path.is_empty() {
                out.push(t.purpose.command(PathBuf::from(path)));
                done = true;
            }
            if ui.button(text::CANCEL).clicked() {
                done = true;
            }
        });
        if t.purpose == Purpose::Verify {
            hint_ui(ui, text::EXAMPLE);
        }
    });
    if done {
        *typed = None;
    }
}
