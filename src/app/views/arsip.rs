//! Tanda Tangan & Arsip: the head accepts and signs (or returns) the final draft at the SOP's
//! signing step, the TIM archives the signed PDF at its archiving step; the archive of signed
//! RKTs; authenticity checks. Each part is there when the SOP in force has its step, and names
//! that step by the SOP's own number.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::app::{Command, FileCmd, Place, ViewCtx, theme};
use crate::domain::indo;
use crate::domain::rkt::format_rupiah;
use crate::domain::sop::{Requirement, Sop};

use super::file_path::{Purpose, TypedPath, ask, typed_path_ui};
use super::step_actions::{ActionForm, step_actions_ui};
use super::widgets::FileKind::{Excel, Pdf};
use super::widgets::{card_ui, hint_ui, message_ui, section_title_ui};

mod text {
    /// The SOP's document between these: "Belum ada Draft RKT tahun ini. …".
    pub const NO_DRAFT: &str = "Belum ada Draft";
    pub const NO_DRAFT_END: &str = "tahun ini. Draft disusun di halaman Format RKT";
    pub const DRAFT: &str = "Draft";
    pub const OPEN_NOTES: &str = "Catatan koreksi yang belum selesai";
    pub const NO_OPEN_NOTES: &str = "Tidak ada catatan koreksi yang terbuka.";
    pub const VIEW_PDF: &str = "Lihat PDF";
    pub const PRINT: &str = "Cetak";
    pub const SAVE_PDF: &str = "Simpan PDF RKT...";
    pub const SAVE_XLSX: &str = "Simpan Excel RKT...";
    pub const SAVE_SOP: &str = "Simpan PDF Dokumen SOP...";
    pub const VERIFY: &str = "Periksa Keaslian PDF...";
    pub const VERIFY_HINT: &str = "Pilih berkas PDF mana saja: program memeriksa tanda tangan digitalnya (siapa yang menandatangani, dengan sertifikat kantor yang dipercaya, dan apakah berkas berubah sesudahnya) dan apakah sama persis dengan RKT di arsip.";
    pub const OPEN: &str = "Buka";
    pub const SAVE_COPY: &str = "Simpan salinan...";
    pub const PK: &str = "Perjanjian Kinerja";
    pub const COLUMNS: [&str; 7] = [
        "Tahun",
        "Versi",
        "Penandatangan",
        "Ditandatangani",
        "Kode verifikasi",
        "Ukuran",
        "",
    ];
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ArsipForm {
    pub action: ActionForm,
    /// The head's PIN for the Perjanjian Kinerja, being typed.
    pub pk_pin: String,
    /// A file's path typed by hand where no file dialog could be shown.
    pub typed: Option<TypedPath>,
}

pub fn arsip_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut ArsipForm, out: &mut Vec<Command>) {
    egui::ScrollArea::both()
        .id_salt("arsip_gulir")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            super::widgets::fit_page_width(ui);
            sign_card_ui(ui, ctx, form, out);
            ui.add_space(theme::SPACE);
            super::arsip_pk::pk_card_ui(ui, ctx, &mut form.pk_pin, &mut form.typed, out);
            ui.add_space(theme::SPACE);
            archive_card_ui(ui, ctx, &mut form.typed, out);
        });
}

// Long: the signing card as it stands on the page, field by field; who may sign is decided by the store.
fn sign_card_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut ArsipForm, out: &mut Vec<Command>) {
    let sop = ctx.sop;
    let signing = sop.step_requiring(Requirement::Signed);
    card_ui(ui, |ui| {
        let Some(signing) = signing else {
            // No step of the SOP signs: the draft's files only, and why nothing is signed.
            section_title_ui(
                ui,
                &format!("{} {} Tahun {}", text::DRAFT, sop.document(), ctx.year),
            );
            hint_ui(ui, &without_step(sop, "penandatanganan"));
            draft_files_ui(ui, ctx, form, out);
            return;
        };
        section_title_ui(
            ui,
            &format!("Tanda Tangan {} Tahun {}", sop.document(), ctx.year),
        );
        let data = ctx.data;
        match (&data.signature, data.drafts.first()) {
            (Some(s), _) => {
                ui.label(
                    RichText::new(format!(
                        "✔ Ditandatangani oleh {} ({}) pada {}.",
                        s.name,
                        s.position,
                        indo::datetime(s.signed_at)
                    ))
                    .color(theme::OK)
                    .strong(),
                );
                ui.label(format!(
                    "Versi {} dibekukan. Kode verifikasi: {}",
                    s.version,
                    s.code()
                ));
            }
            (None, Some(d)) => {
                ui.label(format!(
                    "Versi terakhir {} {}: versi {} — {} baris, pagu {}, disusun {} oleh {}",
                    text::DRAFT,
                    ctx.sop.document(),
                    d.version,
                    d.rows,
                    format_rupiah(d.pagu),
                    indo::datetime(d.created_at),
                    indo::sentence_end(&d.created_by)
                ));
                let open: Vec<_> = data.notes.iter().filter(|n| n.resolved.is_none()).collect();
                if open.is_empty() {
                    hint_ui(ui, text::NO_OPEN_NOTES);
                } else {
                    ui.label(
                        RichText::new(format!("{} ({}):", text::OPEN_NOTES, open.len())).strong(),
                    );
                    for n in open.iter().take(8) {
                        ui.label(format!("• {} — {}", n.author, n.text));
                    }
                }
            }
            (None, None) => hint_ui(ui, &no_draft(sop)),
        }
        ui.add_space(theme::SPACE_M);
        // The step actions here are those of steps 10 and 11 only, when one of them is active.
        let active = ctx
            .data
            .cycle
            .as_ref()
            .and_then(|(_, st)| st.active)
            .and_then(|n| ctx.sop.step(n));
        match active {
            Some(step)
                if matches!(
                    step.requirement,
                    Some(Requirement::Signed | Requirement::Archived)
                ) =>
            {
                ui.label(RichText::new(format!("Langkah {}: {}", step.no, step.text)).strong());
                step_actions_ui(ui, ctx, step, &mut form.action, out);
            }
            Some(step) => hint_ui(
                ui,
                &format!(
                    "Sekarang langkah {} ({}). Penandatanganan dilakukan di langkah {} ({}, oleh {}).",
                    step.no,
                    step.text,
                    signing.no,
                    signing.text,
                    sop.lane_names(signing)
                ),
            ),
            None => {}
        }
        draft_files_ui(ui, ctx, form, out);
    });
}

fn no_draft_words(sop: &Sop) -> String {
    format!(
        "{} {} {}",
        text::NO_DRAFT,
        sop.document(),
        text::NO_DRAFT_END
    )
}

/// "Belum ada Draft RKT tahun ini. Draft disusun di halaman Format RKT (langkah 7)."
fn no_draft(sop: &Sop) -> String {
    match sop.step_requiring(Requirement::DraftCompiled) {
        Some(step) => format!("{} (langkah {}).", no_draft_words(sop), step.no),
        None => format!("{}.", no_draft_words(sop)),
    }
}

/// The SOP in force has no step of `what` ("penandatanganan"): said by its name.
fn without_step(sop: &Sop, what: &str) -> String {
    format!(
        "{} tidak memuat langkah {what}; bagian ini mengikuti SOP yang berlaku.",
        sop.name()
    )
}

/// The year's draft as files: viewed, printed, saved as PDF or Excel; the SOP's own document.
fn draft_files_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut ArsipForm, out: &mut Vec<Command>) {
    let data = ctx.data;
    if !data.drafts.is_empty() {
        ui.add_space(theme::SPACE_M);
        ui.horizontal(|ui| {
            if ui.button(text::VIEW_PDF).clicked() {
                out.push(Command::File(FileCmd::OpenRkt { print: false }));
            }
            if ui.button(text::PRINT).clicked() {
                out.push(Command::File(FileCmd::OpenRkt { print: true }));
            }
            let files = [
                (
                    text::SAVE_PDF,
                    Purpose::ExportRkt,
                    format!("RKT {}.pdf", ctx.year),
                    Pdf,
                ),
                (
                    text::SAVE_XLSX,
                    Purpose::ExportRktXlsx,
                    format!("RKT {}.xlsx", ctx.year),
                    Excel,
                ),
                (
                    text::SAVE_SOP,
                    Purpose::ExportSop,
                    format!("{}.pdf", ctx.sop.name()),
                    Pdf,
                ),
            ];
            for (label, purpose, name, kind) in files {
                if ui.button(label).clicked() {
                    ask(
                        ctx.data_dir,
                        purpose,
                        Some((&name, kind)),
                        &mut form.typed,
                        out,
                    );
                }
            }
        });
        typed_path_ui(ui, &mut form.typed, Place::RktFiles, out);
        // The viewer that did not open, the file saved or not: said under its buttons.
        message_ui(ui, ctx, Place::RktFiles);
    }
}

// Long: the archive table drawn row by row as the page shows it.
fn archive_card_ui(
    ui: &mut Ui,
    ctx: &ViewCtx,
    typed: &mut Option<TypedPath>,
    out: &mut Vec<Command>,
) {
    card_ui(ui, |ui| {
        let sop = ctx.sop;
        section_title_ui(ui, &format!("Arsip {} yang Ditandatangani", sop.document()));
        if ui
            .button(text::VERIFY)
            .on_hover_text(text::VERIFY_HINT)
            .clicked()
        {
            ask(ctx.data_dir, Purpose::Verify, None, typed, out);
        }
        hint_ui(ui, text::VERIFY_HINT);
        typed_path_ui(ui, typed, Place::Verify, out);
        // ASLI or TIDAK ASLI, and why: here, under the button that asked.
        message_ui(ui, ctx, Place::Verify);
        ui.add_space(theme::SPACE_M);
        // An archived file opened, printed or copied (or why not): over the table.
        typed_path_ui(ui, typed, Place::Archive, out);
        message_ui(ui, ctx, Place::Archive);
        let entries = &ctx.data.archive;
        if entries.is_empty() {
            let empty = match sop.step_requiring(Requirement::Archived) {
                Some(step) => format!(
                    "Arsip masih kosong. {} masuk arsip di langkah {}, setelah ditandatangani.",
                    sop.document(),
                    step.no
                ),
                None => format!("Arsip masih kosong. {}", without_step(sop, "pengarsipan")),
            };
            hint_ui(ui, &empty);
            return;
        }
        // The files' buttons on one line beside the other columns when they fit, else over two
        // lines (at 125 % on a 1366-pixel screen they ran past the window's edge).
        let widths = [50.0, 45.0, 200.0, 150.0, 160.0, 70.0];
        let room = ui.available_width()
            - widths.iter().sum::<f32>()
            - widths.len() as f32 * ui.spacing().item_spacing.x;
        let need = super::widgets::buttons_width(
            ui,
            &[text::OPEN, text::PRINT, text::SAVE_COPY, text::PK],
        );
        let row_h = if need <= room { 26.0 } else { 52.0 };
        let mut table = TableBuilder::new(ui).id_salt("arsip").striped(true);
        for w in widths {
            table = table.column(Column::exact(w).clip(true));
        }
        table
            .column(Column::remainder())
            .header(22.0, |mut h| {
                for t in text::COLUMNS {
                    h.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            .body(|mut body| {
                for e in entries {
                    body.row(row_h, |mut row| {
                        row.col(|ui| {
                            ui.label(e.year.to_string());
                        });
                        row.col(|ui| {
                            ui.label(e.version.to_string());
                        });
                        row.col(|ui| {
                            ui.label(&e.signer);
                        });
                        row.col(|ui| {
                            ui.label(indo::datetime_short(e.signed_at));
                        });
                        row.col(|ui| {
                            ui.monospace(&e.code);
                        });
                        row.col(|ui| {
                            ui.label(format!("{} KB", e.size.div_ceil(1024)));
                        });
                        row.col(|ui| {
                            ui.horizontal_wrapped(|ui| {
                                if ui.small_button(text::OPEN).clicked() {
                                    out.push(Command::File(FileCmd::OpenArchived {
                                        id: e.id,
                                        print: false,
                                    }));
                                }
                                if ui.small_button(text::PRINT).clicked() {
                                    out.push(Command::File(FileCmd::OpenArchived {
                                        id: e.id,
                                        print: true,
                                    }));
                                }
                                if ui.small_button(text::SAVE_COPY).clicked() {
                                    let name = format!("RKT {} (arsip).pdf", e.year);
                                    let purpose = Purpose::SaveArchived(e.id);
                                    ask(ctx.data_dir, purpose, Some((&name, Pdf)), typed, out);
                                }
                                // Its Perjanjian Kinerja, kept beside it once signed.
                                if ctx.data.pk.iter().any(|p| p.year == e.year)
                                    && ui.small_button(text::PK).clicked()
                                {
                                    out.push(Command::File(FileCmd::OpenPk {
                                        year: e.year,
                                        print: false,
                                    }));
                                }
                            });
                        });
                    });
                }
            });
    });
}
