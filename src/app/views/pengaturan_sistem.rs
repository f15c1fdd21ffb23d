//! Pengaturan → PIN, signature images and paper, the program's files and renderer, and the
//! backups (with their restore).

use egui::{RichText, Ui};

use super::pengaturan_form::text;
use super::pin_forms::PinForm;
use super::widgets::{card_ui, hint_ui, section_title_ui};
use crate::app::{Command, FileCmd, OfficeCmd, ViewCtx, theme};
use crate::domain::indo;
use crate::renderer::{RendererChoice, RendererMemory};

pub(super) fn system_ui(ui: &mut Ui, ctx: &ViewCtx, out: &mut Vec<Command>) {
    card_ui(ui, |ui| {
        section_title_ui(ui, text::SYSTEM);
        // Short names that fit the column; the whole path on hover, the folder one click away.
        let db = std::path::Path::new(ctx.db_label);
        let db_name = db
            .file_name()
            .map_or(ctx.db_label.into(), |n| n.to_string_lossy());
        ui.label(format!("{} {db_name}", text::DATABASE))
            .on_hover_text(ctx.db_label);
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{} {}", text::DATA_DIR, short_dir(ctx.data_dir)))
                .on_hover_text(ctx.data_dir.display().to_string());
            if ui.small_button(text::OPEN_DATA_DIR).clicked()
                && let Err(e) = crate::viewer::open(ctx.data_dir)
            {
                log::warn!("folder data tidak terbuka: {e}");
                ui.ctx().data_mut(|d| {
                    d.insert_temp(open_failed_key(), format!("{}", ctx.data_dir.display()))
                });
            }
        });
        if let Some(dir) = ui.ctx().data(|d| d.get_temp::<String>(open_failed_key())) {
            ui.label(
                RichText::new(format!("{} {dir}", text::OPEN_FAILED))
                    .small()
                    .color(theme::ERROR),
            );
        }
        ui.label(format!("SOP: {}", ctx.sop_source.describe()));
        ui.label(format!("Versi program: {}", env!("CARGO_PKG_VERSION")));
        ui.add_space(theme::SPACE_M);
        let memory = RendererMemory::load(ctx.data_dir);
        let name = |c: Option<RendererChoice>| match c {
            None => text::RENDERER_AUTO,
            Some(RendererChoice::Wgpu) => text::RENDERER_MAIN,
            Some(RendererChoice::Glow) => text::RENDERER_SPARE,
        };
        // The technical names, for whoever supports the PC, only on hover.
        let technical = |c: Option<RendererChoice>| match c {
            None => text::RENDERER_AUTO_HOVER,
            Some(RendererChoice::Wgpu) => "wgpu (DirectX 12 / Vulkan)",
            Some(RendererChoice::Glow) => "glow (OpenGL)",
        };
        ui.horizontal(|ui| {
            let label_id = ui.label(text::RENDERER).id;
            egui::ComboBox::from_id_salt("renderer")
                .selected_text(name(memory.setting))
                .show_ui(ui, |ui| {
                    for c in [None, Some(RendererChoice::Wgpu), Some(RendererChoice::Glow)] {
                        if ui
                            .selectable_label(c == memory.setting, name(c))
                            .on_hover_text(technical(c))
                            .clicked()
                            && c != memory.setting
                        {
                            out.push(Command::Office(OfficeCmd::SetRenderer(c)));
                        }
                    }
                })
                .response
                .labelled_by(label_id)
                .on_hover_text(technical(memory.setting));
        });
        hint_ui(ui, text::RENDERER_HINT);
    });
}

fn open_failed_key() -> egui::Id {
    egui::Id::unique("folder_data_gagal_dibuka")
}

/// The data folder by its last two parts ("…/share/SOP-RKT"): the rest is on hover.
fn short_dir(dir: &std::path::Path) -> String {
    let parts: Vec<String> = dir
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.len() <= 3 {
        return dir.display().to_string();
    }
    let sep = std::path::MAIN_SEPARATOR;
    format!(
        "…{sep}{}{sep}{}",
        parts[parts.len() - 2],
        parts[parts.len() - 1]
    )
}

pub(super) fn signing_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut PinForm, out: &mut Vec<Command>) {
    use crate::store::ImageRole;
    card_ui(ui, |ui| super::pin_forms::pins_ui(ui, ctx, form, out));
    card_ui(ui, |ui| {
        section_title_ui(ui, text::SIGNING);
        for role in ImageRole::ALL {
            ui.horizontal(|ui| {
                let set = ctx.data.images.contains(&role);
                ui.label(format!(
                    "{}: {}",
                    role.label(),
                    if set {
                        text::IMAGE_SET
                    } else {
                        text::IMAGE_UNSET
                    }
                ));
                if ui.small_button(text::CHOOSE_PNG).clicked()
                    && let Some(path) = super::file_dialog::open(ctx.data_dir, "PNG", &["png"])
                {
                    out.push(Command::Office(OfficeCmd::SetImage {
                        role,
                        path: Some(path),
                    }));
                }
                if set && ui.small_button(text::REMOVE).clicked() {
                    out.push(Command::Office(OfficeCmd::SetImage { role, path: None }));
                }
            });
        }
        ui.add_space(theme::SPACE_M);
        ui.horizontal(|ui| {
            let label_id = ui.label(text::PAPER).id;
            let current = ctx.data.settings.paper.clone();
            egui::ComboBox::from_id_salt("kertas")
                .selected_text(paper_name(&current))
                .show_ui(ui, |ui| {
                    for p in ["A4", "F4"] {
                        if ui.selectable_label(current == p, paper_name(p)).clicked()
                            && current != p
                        {
                            out.push(Command::Office(OfficeCmd::SetPaper(p.into())));
                        }
                    }
                })
                .response
                .labelled_by(label_id);
        });
    });
}

fn paper_name(p: &str) -> &'static str {
    match p {
        "F4" => "F4 / folio, melintang (330 × 215 mm)",
        _ => "A4, melintang (297 × 210 mm)",
    }
}

pub(super) fn backups_ui(
    ui: &mut Ui,
    ctx: &ViewCtx,
    confirm: &mut Option<std::path::PathBuf>,
    out: &mut Vec<Command>,
) {
    card_ui(ui, |ui| {
        section_title_ui(ui, text::BACKUPS);
        if ui.button(text::BACKUP_TO).clicked()
            && let Some(path) = super::file_dialog::save(
                ctx.data_dir,
                &format!("sop-rkt-cadangan-{}.db", ctx.now.format("%Y%m%d")),
                "Basis data SOP RKT",
                &["db"],
            )
        {
            out.push(Command::File(FileCmd::BackupTo(path)));
        }
        hint_ui(ui, text::BACKUP_HINT);
        if ctx.data.backups.is_empty() {
            hint_ui(ui, text::NO_BACKUPS);
        }
        egui::Grid::new("cadangan")
            .num_columns(3)
            .striped(true)
            .show(ui, |ui| {
                for b in &ctx.data.backups {
                    ui.label(indo::datetime_short(b.at));
                    ui.label(format!(
                        "{} · {} KB",
                        b.reason.label(),
                        b.size.div_ceil(1024)
                    ));
                    if ui.small_button(text::RESTORE).clicked() {
                        *confirm = Some(b.path.clone());
                    }
                    ui.end_row();
                }
            });
        // The restore waits for a second, explicit yes.
        let chosen = confirm
            .as_ref()
            .and_then(|p| ctx.data.backups.iter().find(|b| &b.path == p));
        if let Some(b) = chosen {
            ui.label(
                RichText::new(format!(
                    "Data sekarang diganti dengan salinan {} ({}); keadaan sekarang disimpan dulu sebagai cadangan.",
                    indo::datetime_short(b.at),
                    b.reason.label()
                ))
                .color(theme::ERROR),
            );
            ui.horizontal(|ui| {
                if ui
                    .button(RichText::new(text::RESTORE_CONFIRM).color(theme::ERROR))
                    .clicked()
                {
                    out.push(Command::File(FileCmd::Restore(b.path.clone())));
                    *confirm = None;
                }
                if ui.button(text::CANCEL).clicked() {
                    *confirm = None;
                }
            });
        }
    });
}
