//! Pengaturan → Tanda Tangan Digital: the office certificate (its fingerprint, to read out to
//! whoever checks, and its file to hand out), the signed-in signer's own key and certificate,
//! and moving that key to a flash disk.

use egui::{RichText, Ui};

use super::pengaturan_form::KeyForm;
use super::widgets::{card_ui, hint_ui, pin_field_ui, section_title_ui};
use crate::app::{Command, FileCmd, ViewCtx, theme};
use crate::domain::indo;

mod text {
    pub const TITLE: &str = "Tanda Tangan Digital";
    pub const NO_ROOT: &str = "Belum ada sertifikat kantor. Sertifikat dibuat saat seorang pengelola masuk dengan PIN-nya.";
    pub const ROOT: &str = "Sertifikat kantor";
    pub const RETIRED: &str =
        "Sertifikat kantor sebelumnya (tetap dipercaya untuk yang sudah ditandatangani)";
    pub const SAVE_ROOT: &str = "Simpan Sertifikat Kantor...";
    pub const ROOT_HINT: &str = "Berikan berkas sertifikat kantor kepada kantor yang memeriksa RKT (Bupati, Inspektorat, Bappeda) dan cocokkan sidik jarinya lewat telepon atau surat.";
    pub const OWN_KEY: &str = "Kunci tanda tangan Anda";
    pub const WAITING: &str =
        "menunggu diterbitkan: pemegang sertifikat kantor perlu masuk sekali dengan PIN-nya";
    pub const IN_DB: &str = "tersimpan terenkripsi di basis data";
    pub const KEY_PIN: &str = "PIN Anda (untuk memindah kunci)";
    pub const MOVE_KEY: &str = "Pindahkan Kunci ke Flash Disk...";
    pub const FINGERPRINT: &str = "Sidik jari sertifikat (untuk dicocokkan lewat telepon):";
    pub const FINGERPRINT_HOVER: &str = "SHA-256 dari sertifikat kantor. Yang memeriksa membacakan sidik jari di komputernya; harus sama persis dengan ini.";
    pub const OWN_FINGERPRINT: &str = "Sidik jari sertifikat Anda:";
    pub const MOVE_HINT: &str = "Sesudah dipindah, kunci hanya ada di flash disk itu (tetap terenkripsi dengan PIN); menandatangani butuh flash disk terpasang dan PIN.";
}

pub(super) fn certificates_ui(
    ui: &mut Ui,
    ctx: &ViewCtx,
    form: &mut KeyForm,
    out: &mut Vec<Command>,
) {
    card_ui(ui, |ui| {
        section_title_ui(ui, text::TITLE);
        let mut roots = ctx.data.office_roots.iter();
        match roots.next().filter(|r| r.retired_at.is_none()) {
            Some(root) => {
                ui.label(RichText::new(text::ROOT).strong());
                ui.label(format!(
                    "Dipegang {} sejak {}",
                    root.holder,
                    indo::datetime_short(root.created_at)
                ));
                ui.label(text::FINGERPRINT)
                    .on_hover_text(text::FINGERPRINT_HOVER);
                fingerprint_ui(ui, &root.fingerprint);
                if ui.button(text::SAVE_ROOT).clicked()
                    && let Some(path) = rfd::FileDialog::new()
                        .set_file_name(format!(
                            "Sertifikat kantor {}.cer",
                            ctx.data.settings.office.name
                        ))
                        .add_filter("Sertifikat", &["cer"])
                        .save_file()
                {
                    out.push(Command::File(FileCmd::ExportCertificate(path)));
                }
                hint_ui(ui, text::ROOT_HINT);
            }
            None => hint_ui(ui, text::NO_ROOT),
        }
        let retired: Vec<_> = ctx
            .data
            .office_roots
            .iter()
            .filter(|r| r.retired_at.is_some())
            .collect();
        if !retired.is_empty() {
            ui.add_space(theme::SPACE_S);
            ui.label(text::RETIRED);
            for r in retired {
                ui.label(
                    RichText::new(fingerprint_lines(&r.fingerprint))
                        .monospace()
                        .small(),
                );
            }
        }
        let Some(key) = &ctx.data.own_key else {
            return;
        };
        ui.add_space(theme::SPACE_M);
        ui.label(RichText::new(text::OWN_KEY).strong());
        match &key.fingerprint {
            Some(fp) => {
                ui.label(text::OWN_FINGERPRINT);
                fingerprint_ui(ui, fp);
            }
            None => {
                ui.label(RichText::new(text::WAITING).color(theme::ERROR));
            }
        }
        match &key.key_file {
            Some(path) => {
                ui.label(format!("Kunci di flash disk: {path}"));
            }
            None => {
                ui.label(text::IN_DB);
                ui.horizontal(|ui| {
                    pin_field_ui(ui, text::KEY_PIN, &mut form.pin, 80.0, "pin_kunci");
                    if ui.button(text::MOVE_KEY).clicked()
                        && let Some(path) = rfd::FileDialog::new()
                            .set_file_name("kunci-tanda-tangan.sopkey")
                            .save_file()
                    {
                        out.push(Command::File(FileCmd::MoveKeyToFile {
                            pin: std::mem::take(&mut form.pin),
                            path,
                        }));
                    }
                });
                hint_ui(ui, text::MOVE_HINT);
            }
        }
    });
}

/// A fingerprint as it is read aloud: on two lines, in groups of four bytes.
fn fingerprint_ui(ui: &mut Ui, fp: &str) {
    ui.label(RichText::new(fingerprint_lines(fp)).monospace());
}

/// "AB:CD:…" (32 bytes) in groups of four bytes, four groups a line: two lines narrow enough
/// for the settings column of a 1280-pixel screen. Anything else is shown as it is.
fn fingerprint_lines(fp: &str) -> String {
    let bytes: Vec<&str> = fp.split(':').collect();
    if bytes.len() < 2 {
        return fp.to_string();
    }
    let groups: Vec<String> = bytes.chunks(4).map(|g| g.join(":")).collect();
    groups
        .chunks(4)
        .map(|line| line.join("  "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_fingerprint_reads_in_two_lines_of_groups() {
        let fp: Vec<String> = (0..32).map(|i| format!("{i:02X}")).collect();
        let lines = super::fingerprint_lines(&fp.join(":"));
        assert_eq!(
            lines,
            "00:01:02:03  04:05:06:07  08:09:0A:0B  0C:0D:0E:0F\n10:11:12:13  14:15:16:17  18:19:1A:1B  1C:1D:1E:1F"
        );
        assert_eq!(super::fingerprint_lines("tanpa"), "tanpa");
    }
}
