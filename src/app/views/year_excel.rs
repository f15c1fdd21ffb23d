//! Excel on the Rencana Aksi and Realisasi pages: the chosen unit's template out (for a unit
//! that fills it in Excel and sends it back) and a filled one in, checked whole before anything
//! is stored (session/plan_files.rs; the store refuses what may not be changed now).

use egui::Ui;

use super::file_dialog;
use super::widgets::FileKind;
use crate::app::{Command, FileCmd, ViewCtx};
use crate::domain::quarter::Quarter;

mod text {
    pub const EXPORT: &str = "Ekspor Templat Excel...";
    pub const IMPORT: &str = "Impor dari Excel...";
}

/// The chosen unit, with its name for the file.
fn unit<'a>(view: &'a ViewCtx) -> Option<(i64, &'a str)> {
    let id = view.unit?;
    let u = view.data.units.iter().find(|u| u.id == id)?;
    Some((id, u.name.as_str()))
}

/// Both buttons, `export` and `import` making the command from the chosen path.
fn buttons_ui(
    ui: &mut Ui,
    view: &ViewCtx,
    file: &str,
    export: impl FnOnce(std::path::PathBuf) -> FileCmd,
    import: impl FnOnce(std::path::PathBuf) -> FileCmd,
    out: &mut Vec<Command>,
) {
    if ui.button(text::EXPORT).clicked()
        && let Some(p) = file_dialog::save_kind(view.data_dir, file, FileKind::Excel)
    {
        out.push(Command::File(export(p)));
    }
    if ui.button(text::IMPORT).clicked()
        && let Some(p) = file_dialog::open(view.data_dir, "Excel", &["xlsx"])
    {
        out.push(Command::File(import(p)));
    }
}

/// The chosen unit's Rencana Aksi template out and in.
pub fn plan_excel_ui(ui: &mut Ui, view: &ViewCtx, out: &mut Vec<Command>) {
    let Some((unit, name)) = unit(view) else {
        return;
    };
    let file = format!("Rencana Aksi {} {name}.xlsx", view.year);
    buttons_ui(
        ui,
        view,
        &file,
        |path| FileCmd::ExportPlanTemplate { unit, path },
        |path| FileCmd::ImportPlan { unit, path },
        out,
    );
}

/// The chosen unit's report of quarter `q` out and in.
pub fn real_excel_ui(ui: &mut Ui, view: &ViewCtx, q: Quarter, out: &mut Vec<Command>) {
    let Some((unit, name)) = unit(view) else {
        return;
    };
    let file = format!("Realisasi {} {} {name}.xlsx", q.short(), view.year);
    let n = q.number();
    buttons_ui(
        ui,
        view,
        &file,
        |path| FileCmd::ExportRealTemplate { q: n, unit, path },
        |path| FileCmd::ImportReal { q: n, unit, path },
        out,
    );
}
