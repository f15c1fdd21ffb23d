//! The Perjanjian Kinerja of the year, after step 11: the head signs it with their PIN (it goes
//! into the archive beside the RKT); before that, a copy from the signed RKT to sign by hand.

use egui::{RichText, Ui};

use crate::app::{ActCmd, Command, FileCmd, Place, ViewCtx, theme};
use crate::domain::indo;
use crate::domain::sop::Requirement;

use super::file_path::{Purpose, TypedPath, ask, typed_path_ui};
use super::widgets::{FileKind, card_ui, hint_ui, passphrase_field_ui, section_title_ui};
use super::widgets::{message_ui, target_conflicts_ui};

mod text {
    pub const TITLE: &str = "Perjanjian Kinerja";
    pub const WAIT: &str =
        "Perjanjian Kinerja dibuat dari RKT yang ditandatangani, setelah RKT diarsipkan";
    pub const HINT: &str = "Dibuat dari RKT yang ditandatangani: halaman perjanjian (Kepala sebagai pihak pertama, Bupati sebagai pihak kedua) dan lampiran sasaran, indikator, target, serta program/kegiatan/sub kegiatan dengan anggaran. Kepala menandatanganinya secara digital dengan kata sandi kuncinya; Bupati menandatangani cetakannya. Nama Bupati diatur di Pengaturan → Kantor.";
    pub const PASS: &str = "Kata sandi kunci Kepala";
    pub const SIGN: &str = "Tandatangani Perjanjian Kinerja";
    pub const VIEW: &str = "Lihat PDF Perjanjian Kinerja";
    pub const PRINT: &str = "Cetak Perjanjian Kinerja";
    pub const SAVE: &str = "Simpan PDF Perjanjian Kinerja...";
    pub const TARGETS: &str = "Periksa target sebelum menandatangani Perjanjian Kinerja:";
    pub const NO_SIGNER: &str = "Belum ada pejabat aktif di kolom pelaksana penanda tangan RKT; tambahkan di Pengaturan → Pejabat.";
}

pub(super) fn pk_card_ui(
    ui: &mut Ui,
    ctx: &ViewCtx,
    pin: &mut String,
    typed: &mut Option<TypedPath>,
    out: &mut Vec<Command>,
) {
    let data = ctx.data;
    if data.signature.is_none() {
        return;
    }
    card_ui(ui, |ui| {
        section_title_ui(ui, &format!("{} Tahun {}", text::TITLE, ctx.year));
        let archived = data.archive.iter().any(|e| e.year == ctx.year);
        if !archived {
            // The archiving step by the SOP's own number.
            let wait = match ctx.sop.step_requiring(Requirement::Archived) {
                Some(step) => format!("{} (langkah {}).", text::WAIT, step.no),
                None => format!("{}.", text::WAIT),
            };
            hint_ui(ui, &wait);
            return;
        }
        match data.pk.iter().find(|e| e.year == ctx.year) {
            Some(e) => {
                ui.label(
                    RichText::new(format!(
                        "✔ Ditandatangani oleh {} pada {}; pihak kedua: {} Tersimpan di arsip ({} KB).",
                        e.signer,
                        indo::datetime(e.signed_at),
                        indo::sentence_end(&e.bupati),
                        e.size.div_ceil(1024)
                    ))
                    .color(theme::OK)
                    .strong(),
                );
            }
            None => {
                hint_ui(ui, text::HINT);
                target_conflicts_ui(ui, ctx, text::TARGETS);
                signer_ui(ui, ctx, pin, out);
            }
        }
        message_ui(ui, ctx, Place::Pk);
        ui.horizontal(|ui| {
            if ui.button(text::VIEW).clicked() {
                out.push(Command::File(FileCmd::OpenPk {
                    year: ctx.year,
                    print: false,
                }));
            }
            if ui.button(text::PRINT).clicked() {
                out.push(Command::File(FileCmd::OpenPk {
                    year: ctx.year,
                    print: true,
                }));
            }
            if ui.button(text::SAVE).clicked() {
                let name = format!("Perjanjian Kinerja {}.pdf", ctx.year);
                ask(
                    ctx.data_dir,
                    Purpose::ExportPk,
                    Some((&name, FileKind::Pdf)),
                    typed,
                    out,
                );
            }
        });
        typed_path_ui(ui, typed, Place::Pk, out);
    });
}

/// The signing field, for the one who signs (an official of the column that signs the RKT);
/// anyone else reads who will sign, and how.
fn signer_ui(ui: &mut Ui, ctx: &ViewCtx, pin: &mut String, out: &mut Vec<Command>) {
    if is_signer(ctx) {
        ui.horizontal(|ui| {
            let (_, enter) = passphrase_field_ui(ui, text::PASS, pin, "kata_sandi_pk");
            if ui.button(text::SIGN).clicked() || (enter && !pin.is_empty()) {
                out.push(Command::Act(ActCmd::SignPk {
                    pass: std::mem::take(pin).into(),
                }));
            }
        });
        return;
    }
    who_signs_ui(ui, ctx);
}

/// Whether the official acting is in the column that signs (the head): the RKT, the PK and
/// the year's reports alike.
pub(super) fn is_signer(ctx: &ViewCtx) -> bool {
    ctx.sop
        .step_requiring(Requirement::Signed)
        .is_some_and(|step| ctx.acting.is_some_and(|o| ctx.sop.admits(step, &o.lanes)))
}

/// Who will sign, and how, for anyone else.
pub(super) fn who_signs_ui(ui: &mut Ui, ctx: &ViewCtx) {
    let Some(step) = ctx.sop.step_requiring(Requirement::Signed) else {
        return;
    };
    let signers: Vec<&str> = ctx
        .data
        .officials
        .iter()
        .filter(|o| o.active && ctx.sop.admits(step, &o.lanes))
        .map(|o| o.name.as_str())
        .collect();
    if signers.is_empty() {
        hint_ui(ui, text::NO_SIGNER);
        return;
    }
    let role = step
        .lanes
        .iter()
        .map(|&i| indo::title_case(&ctx.sop.lanes[i].name))
        .collect::<Vec<_>>()
        .join(" / ");
    ui.label(
        RichText::new(format!(
            "Yang menandatangani: {} ({role}), dengan kata sandi kunci tanda tangannya sendiri setelah masuk lewat \"Bertindak sebagai\".",
            signers.join(" atau ")
        ))
        .strong(),
    );
}
