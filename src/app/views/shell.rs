//! The frame around the pages: title, page tabs, year and "Bertindak sebagai", messages.

use egui::{RichText, Ui};

use super::masuk::MasukForm;
use crate::app::{Command, Flash, OfficeCmd, Page, ViewCmd, ViewCtx, theme};
use crate::store::Unwritable;

mod text {
    pub const ACTING_AS: &str = "Bertindak sebagai";
    pub const NOBODY: &str = "— pilih nama, lalu ketik PIN —";
    pub const DONE: &str = "Selesai";
    pub const VIEWING: &str = "Hanya melihat";
    pub const NO_OFFICIALS: &str = "Belum ada pejabat: tambahkan di Pengaturan.";
    pub const CLOSE: &str = "Tutup pesan";
    pub const QUIT: &str = "Keluar";
    pub const READ_ONLY: &str = "Basis data hanya bisa dibaca";
    pub const DISK_FULL: &str = "Disk penuh, basis data dibuka hanya untuk dibaca";
    pub const DISK_FULL_WHY: &str = "Data dapat dilihat, dicetak, dan diekspor ke disk lain, tetapi perubahan tidak bisa disimpan. Kosongkan ruang disk (hapus atau pindahkan berkas yang tidak perlu), lalu tutup dan buka lagi program ini.";
    pub const READ_ONLY_WHY: &str = "Data dapat dilihat, dicetak, dan diekspor, tetapi perubahan tidak bisa disimpan. Tutup program, lalu pastikan berkas ini tidak bertanda \"Read-only\" dan foldernya bisa ditulisi (atau salin berkasnya ke folder Anda dan buka salinan itu).";
}

pub fn top_bar_ui(
    ui: &mut Ui,
    ctx: &ViewCtx,
    page: Page,
    masuk: &mut MasukForm,
    out: &mut Vec<Command>,
) {
    egui::Panel::top("top_bar").show(ui, |ui| {
        ui.add_space(theme::SPACE_S);
        ui.horizontal(|ui| {
            // The SOP in force names the window (an office's own sop.toml, or the built-in).
            ui.label(RichText::new(ctx.sop.name()).heading().color(theme::ACCENT));
            ui.label(RichText::new(&ctx.data.settings.office.name).color(theme::MUTED));
        });
        ui.horizontal_wrapped(|ui| {
            for p in Page::ALL {
                if ui
                    .selectable_label(p == page, RichText::new(p.label()).size(15.5))
                    .clicked()
                    && p != page
                {
                    out.push(Command::View(ViewCmd::Navigate(p)));
                }
            }
        });
        ui.horizontal(|ui| {
            year_picker_ui(ui, ctx, out);
            ui.separator();
            acting_as_ui(ui, ctx, masuk, out);
        });
        ui.add_space(theme::SPACE_S);
    });
}

fn year_picker_ui(ui: &mut Ui, ctx: &ViewCtx, out: &mut Vec<Command>) {
    use chrono::Datelike;
    let this_year = ctx.now.year();
    let mut years: Vec<i32> = ctx.data.years.clone();
    years.extend([this_year - 1, this_year, this_year + 1, ctx.year]);
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let label_id = ui.label(format!("Tahun {}", ctx.sop.document())).id;
    egui::ComboBox::from_id_salt("tahun")
        .selected_text(ctx.year.to_string())
        .show_ui(ui, |ui| {
            for y in years {
                if ui.selectable_label(y == ctx.year, y.to_string()).clicked() && y != ctx.year {
                    out.push(Command::View(ViewCmd::SelectYear(y)));
                }
            }
        })
        .response
        .labelled_by(label_id);
}

fn acting_as_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut MasukForm, out: &mut Vec<Command>) {
    let label_id = ui.label(text::ACTING_AS).id;
    if let Some(o) = ctx.acting {
        // Signed in: who, and the way back to viewing.
        ui.label(RichText::new(&o.name).strong())
            .labelled_by(label_id);
        if !o.position.is_empty() {
            ui.label(RichText::new(&o.position).color(theme::MUTED));
        }
        if ui.button(text::DONE).clicked() {
            out.push(Command::Office(OfficeCmd::SignOut));
        }
        return;
    }
    let mut active: Vec<_> = ctx.data.officials.iter().filter(|o| o.active).collect();
    if active.is_empty() {
        ui.label(RichText::new(text::NO_OFFICIALS).color(theme::MUTED));
        return;
    }
    // The one who acted last on this PC first.
    active.sort_by_key(|o| Some(o.id) != form.remembered);
    egui::ComboBox::from_id_salt("bertindak_sebagai")
        .selected_text(text::NOBODY)
        .width(260.0)
        .height(theme::LIST_HEIGHT)
        .show_ui(ui, |ui| {
            for o in active {
                // Roles as a person's, not the SOP's column names in capitals.
                let lanes = ctx.sop.lane_roles_of(&o.lanes);
                let label = if lanes.is_empty() {
                    o.name.clone()
                } else {
                    format!("{} ({})", o.name, lanes.join(", "))
                };
                if ui
                    .selectable_label(form.candidate == Some(o.id), label)
                    .clicked()
                {
                    form.choose(o.id);
                }
            }
        })
        .response
        .labelled_by(label_id);
    ui.label(RichText::new(text::VIEWING).color(theme::MUTED));
}

/// Always in view while the database cannot be written: the user must know before typing.
pub fn read_only_ui(ui: &mut Ui, ctx: &ViewCtx) {
    let Some(cause) = ctx.read_only else {
        return;
    };
    let (title, why) = match cause {
        Unwritable::Protected => (text::READ_ONLY, text::READ_ONLY_WHY),
        Unwritable::DiskFull => (text::DISK_FULL, text::DISK_FULL_WHY),
    };
    egui::Panel::top("read_only")
        .frame(
            egui::Frame::new()
                .fill(theme::LOCKED_FILL)
                .inner_margin(6.0),
        )
        .show(ui, |ui| {
            ui.label(
                RichText::new(format!("⚠ {title}: {}", ctx.db_label))
                    .color(theme::ERROR)
                    .strong(),
            );
            ui.label(why);
        });
}

/// While slow work runs beside the window: what it is, with a spinner, at the foot.
pub fn busy_ui(ui: &mut Ui, busy: Option<&crate::session::Busy>) {
    let Some(b) = busy else { return };
    egui::Panel::bottom("sedang_berjalan").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.add(egui::Spinner::new());
            ui.label(
                RichText::new(format!(
                    "{} ({} detik)",
                    b.what,
                    b.since.elapsed().as_secs()
                ))
                .color(theme::ACCENT),
            );
        });
    });
}

/// The message after the last action, unless its dialog or card says it; stays until closed,
/// replaced, or another page or year is shown. At the foot of the window, so that it appearing
/// or closing moves nothing on the page; a long message wraps, and its close button stays in
/// reach at the right. Returns whether it was closed.
pub fn flash_ui(ui: &mut Ui, flash: Option<&Flash>) -> bool {
    let Some(f) = flash else { return false };
    let (text, color) = match f {
        Flash::Ok(t) => (format!("✔ {t}"), theme::OK),
        Flash::Err(t) => (format!("⚠ {t}"), theme::ERROR),
    };
    let mut close = false;
    egui::Panel::bottom("flash").show(ui, |ui| {
        ui.add_space(theme::SPACE_S);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::TOP), |ui| {
            if ui.button(text::CLOSE).clicked() {
                close = true;
            }
            ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                ui.add(egui::Label::new(RichText::new(text).color(color).strong()).wrap());
            });
        });
        ui.add_space(theme::SPACE_S);
    });
    close
}

/// The whole window when the program cannot run: what is wrong and where.
pub fn failed_ui(ui: &mut Ui, title: &str, message: &str) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.add_space(theme::SPACE_XXL);
        ui.label(
            RichText::new(format!("⚠ {title}"))
                .heading()
                .color(theme::ERROR),
        );
        ui.add_space(theme::SPACE_L);
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.add(egui::Label::new(message).wrap());
        });
        ui.add_space(theme::SPACE_L);
        if ui.button(text::QUIT).clicked() {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    });
}
