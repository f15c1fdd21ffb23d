//! One report of the year on the Capaian & Laporan page: signed (who, when; open or save its
//! PDF from the archive), or why it cannot be signed yet, or — for the head, once it can — the
//! signing with their key's passphrase, as the Perjanjian Kinerja is signed.

use egui::{RichText, Ui};

use crate::app::{ActCmd, Command, FileCmd, Place, ViewCtx, theme};
use crate::domain::indo;
use crate::session::laporan::ReportState;

use super::arsip_pk::{is_signer, who_signs_ui};
use super::file_path::{Purpose, ask, typed_path_ui};
use super::laporan_form::LaporanForm;
use super::widgets::{FileKind, hint_ui, message_ui, passphrase_field_ui};

mod text {
    pub const OPEN: &str = "Buka";
    pub const SAVE: &str = "Simpan PDF…";
    pub const PASS: &str = "Kata sandi kunci Kepala";
    pub const SIGN: &str = "Tandatangani";
    pub const CANCEL: &str = "Batal";
    pub const READY: &str = "Siap ditandatangani.";
}

pub(super) fn report_ui(
    ui: &mut Ui,
    ctx: &ViewCtx,
    report: &ReportState,
    form: &mut LaporanForm,
    out: &mut Vec<Command>,
) {
    let kind = report.kind;
    let title = kind.title();
    ui.label(RichText::new(&title).strong());
    match (&report.entry, &report.blocker) {
        (Some(e), _) => {
            ui.label(
                RichText::new(format!(
                    "✔ Ditandatangani oleh {} pada {} ({} KB).",
                    e.signer,
                    indo::datetime(e.signed_at),
                    e.size.div_ceil(1024)
                ))
                .color(theme::OK),
            );
            ui.horizontal(|ui| {
                if ui.button(text::OPEN).clicked() {
                    form.asked = Some(kind);
                    out.push(Command::File(FileCmd::OpenReport {
                        kind,
                        year: e.year,
                        print: false,
                    }));
                }
                if ui.button(text::SAVE).clicked() {
                    form.asked = Some(kind);
                    let name = format!("{title} {}.pdf", e.year);
                    let purpose = Purpose::SaveReport(kind, e.year);
                    let save = Some((name.as_str(), FileKind::Pdf));
                    ask(ctx.data_dir, purpose, save, &mut form.typed, out);
                }
            });
        }
        (None, Some(why)) => hint_ui(ui, why),
        (None, None) if is_signer(ctx) => sign_ui(ui, report, form, out),
        (None, None) => {
            hint_ui(ui, text::READY);
            who_signs_ui(ui, ctx);
        }
    }
    if form.asked == Some(kind) {
        message_ui(ui, ctx, Place::Laporan);
        typed_path_ui(ui, &mut form.typed, Place::Laporan, out);
    }
}

/// "Tandatangani …" opens the passphrase field under it; the passphrase goes with the command
/// and is not kept.
fn sign_ui(ui: &mut Ui, report: &ReportState, form: &mut LaporanForm, out: &mut Vec<Command>) {
    let kind = report.kind;
    if form.signing != Some(kind) {
        if ui
            .button(format!("{} {}", text::SIGN, kind.title()))
            .clicked()
        {
            form.signing = Some(kind);
            form.asked = Some(kind);
            form.pass.clear();
        }
        return;
    }
    // Wrapped: in a quarter's half-width card the field and its buttons take two lines.
    ui.horizontal_wrapped(|ui| {
        let salt = ("kata_sandi_laporan", kind.code(), kind.quarter_number());
        let (_, enter) = passphrase_field_ui(ui, text::PASS, &mut form.pass, salt);
        if ui.button(text::SIGN).clicked() || (enter && !form.pass.is_empty()) {
            form.asked = Some(kind);
            out.push(Command::Act(ActCmd::SignReport {
                kind,
                pass: std::mem::take(&mut form.pass).into(),
            }));
        }
        if ui.button(text::CANCEL).clicked() {
            form.signing = None;
            form.pass.clear();
        }
    });
}
