//! Pengaturan → Tanda Tangan Digital, the signed-in person's part: a new key under a
//! passphrase (its strength shown while typed), in the program or on a flash disk; their own
//! key's fingerprint computed from the key itself, to read out to the root holder; moving the
//! key to a flash disk.

use egui::{RichText, Ui};

use super::pengaturan_form::KeyForm;
use super::widgets::{fingerprint_ui, hint_ui, labelled_field, passphrase_field_ui};
use crate::app::{Command, FileCmd, KeyCmd, ViewCtx, theme};
use crate::domain::passphrase;
use crate::store::KeyPlace;

mod text {
    pub const PASS: &str = "Kata sandi kunci (minimal 12 karakter)";
    pub const AGAIN: &str = "Ketik ulang kata sandi";
    pub const ON_DISK: &str = "Simpan kunci di flash disk (dianjurkan)";
    pub const DISK_PATH: &str = "Berkas kunci di flash disk (.p12)";
    pub const STRENGTH: &str = "Kekuatan:";
    pub const PICK: &str = "Pilih...";
    pub const PASS_HINT: &str = "Pakai kalimat yang hanya Anda tahu, misalnya empat kata atau lebih dengan tanda hubung. Jangan nama, NIP, nama kantor, atau kata umum. Tidak ada yang bisa memulihkan kata sandi yang lupa: kunci baru harus dibuat dan disetujui lagi.";
    pub const OWN_KEY: &str = "Kunci tanda tangan Anda";
    pub const WAITING: &str = "Menunggu persetujuan pemegang sertifikat kantor. Bacakan sidik jari kunci Anda kepadanya (tombol di bawah menghitungnya dari kunci Anda sendiri).";
    pub const KEY_FINGERPRINT: &str = "Sidik jari kunci:";
    pub const CERT_FINGERPRINT: &str = "Sidik jari sertifikat Anda:";
    pub const FROM_PSRE: &str = "Sertifikat dari PSrE (bukan dari sertifikat kantor).";
    pub const SHOW_PASS: &str = "Kata sandi kunci Anda";
    pub const SHOW: &str = "Tampilkan Sidik Jari Kunci Saya";
    pub const IN_DB: &str = "Kunci tersimpan di program, terkunci dengan kata sandi Anda.";
    pub const MOVE_KEY: &str = "Pindahkan Kunci ke Flash Disk...";
    pub const MOVE_HINT: &str = "Sesudah dipindah, kunci hanya ada di flash disk itu (tetap terkunci dengan kata sandi); menandatangani butuh flash disk terpasang.";
    pub const NEW_KEY: &str = "Buat Kunci Tanda Tangan";
    pub const REPLACE_KEY: &str = "Ganti Kunci (kunci lama dicabut)";
    pub const PSRE: &str = "Pakai Sertifikat dari PSrE (mis. BSrE)";
    pub const PSRE_PATH: &str = "Berkas .p12 dari PSrE";
    pub const PSRE_PASS: &str = "Kata sandi berkas .p12 itu";
    pub const PSRE_USE: &str = "Pakai Sertifikat Ini";
    pub const PSRE_HINT: &str = "Tanda tangan dengan sertifikat PSrE adalah tanda tangan elektronik tersertifikasi (PP 71/2019 Pasal 60). Berkasnya tetap di flash disk Anda dan tidak disalin ke program; yang memeriksa perlu mempercayai sertifikat induk PSrE itu.";
    pub const NEW_KEY_HINT: &str = "Anda menandatangani RKT. Buat kunci tanda tangan Anda sendiri; sertifikatnya terbit setelah pemegang sertifikat kantor menyetujuinya di hadapan Anda.";
}

/// The passphrase typed twice, its strength, and where the key goes. Returns the place when
/// the fields are ready (a path typed when on a disk).
pub(super) fn new_key_fields_ui(
    ui: &mut Ui,
    ctx: &ViewCtx,
    form: &mut KeyForm,
    salt: &str,
) -> Option<KeyPlace> {
    passphrase_field_ui(ui, text::PASS, &mut form.pass, (salt, "kata_sandi"));
    passphrase_field_ui(ui, text::AGAIN, &mut form.again, (salt, "ulang"));
    if !form.pass.is_empty() {
        let personal: Vec<&str> = ctx
            .acting
            .map(|o| vec![o.name.as_str(), o.position.as_str()])
            .unwrap_or_default();
        let office = ctx.data.settings.office.name.as_str();
        let personal: Vec<&str> = personal.into_iter().chain([office]).collect();
        let verdict = passphrase::check(&form.pass, &personal);
        ui.horizontal_wrapped(|ui| {
            ui.label(text::STRENGTH);
            match &verdict {
                Ok(s) => {
                    ui.label(RichText::new(s.label).color(theme::OK));
                }
                Err(why) => {
                    ui.label(RichText::new(why).color(theme::ERROR));
                }
            }
        });
    }
    hint_ui(ui, text::PASS_HINT);
    ui.checkbox(&mut form.on_disk, text::ON_DISK);
    if form.on_disk {
        ui.horizontal(|ui| {
            labelled_field(ui, text::DISK_PATH, &mut form.path);
            if ui.button(text::PICK).clicked()
                && crate::viewer::file_dialogs()
                && let Some(p) = super::file_dialog::save(
                    ctx.data_dir,
                    "kunci-tanda-tangan.p12",
                    "Kunci PKCS#12",
                    &["p12", "pfx"],
                )
            {
                form.path = p.display().to_string();
            }
        });
        let path = form.path.trim();
        (!path.is_empty()).then(|| KeyPlace::File(path.into()))
    } else {
        Some(KeyPlace::Program)
    }
}

/// The command of a new key, its secrets taken out of the form.
pub(super) fn take_new_key(form: &mut KeyForm, place: KeyPlace, root: bool) -> Command {
    let pass = std::mem::take(&mut form.pass).into();
    let again = std::mem::take(&mut form.again).into();
    Command::Key(if root {
        KeyCmd::CreateOfficeRoot { pass, again, place }
    } else {
        KeyCmd::CreateSignerKey { pass, again, place }
    })
}

/// The signed-in signer's own key: make one, show its fingerprint, move it to a disk.
pub(super) fn own_key_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut KeyForm, out: &mut Vec<Command>) {
    let Some(acting) = ctx.acting else {
        return;
    };
    let signs = ctx
        .sop
        .step_requiring(crate::domain::sop::Requirement::Signed)
        .is_some_and(|s| ctx.sop.admits(s, &acting.lanes));
    if !signs && ctx.data.own_key.is_none() {
        return;
    }
    ui.add_space(theme::SPACE_M);
    ui.label(RichText::new(text::OWN_KEY).strong());
    let Some(key) = &ctx.data.own_key else {
        hint_ui(ui, text::NEW_KEY_HINT);
        if let Some(place) = new_key_fields_ui(ui, ctx, form, "kunci_baru")
            && ui.button(text::NEW_KEY).clicked()
        {
            out.push(take_new_key(form, place, false));
        }
        psre_ui(ui, ctx.data_dir, form, out);
        return;
    };
    ui.label(text::KEY_FINGERPRINT);
    fingerprint_ui(ui, &key.key_fingerprint);
    match &key.fingerprint {
        Some(fp) => {
            ui.label(text::CERT_FINGERPRINT);
            fingerprint_ui(ui, fp);
            if key.external {
                hint_ui(ui, text::FROM_PSRE);
            }
        }
        None => {
            ui.label(RichText::new(text::WAITING).color(theme::ACCENT));
        }
    }
    // The field on its row, the button under it: side by side they overflow the column.
    ui.horizontal(|ui| {
        passphrase_field_ui(ui, text::SHOW_PASS, &mut form.show_pass, "kunci_tampil");
    });
    if ui.button(text::SHOW).clicked() && !form.show_pass.is_empty() {
        out.push(Command::Key(KeyCmd::ShowMyKeyFingerprint {
            pass: std::mem::take(&mut form.show_pass).into(),
        }));
    }
    match &key.key_file {
        Some(path) => {
            ui.label(format!("Kunci di flash disk: {path}"));
        }
        None => {
            ui.label(text::IN_DB);
            if ui.button(text::MOVE_KEY).clicked()
                && let Some(path) = super::file_dialog::save(
                    ctx.data_dir,
                    "kunci-tanda-tangan.p12",
                    "Kunci PKCS#12",
                    &["p12", "pfx"],
                )
            {
                out.push(Command::File(FileCmd::MoveKeyToFile(path)));
            }
            hint_ui(ui, text::MOVE_HINT);
        }
    }
    psre_ui(ui, ctx.data_dir, form, out);
    ui.collapsing(text::REPLACE_KEY, |ui| {
        if let Some(place) = new_key_fields_ui(ui, ctx, form, "kunci_ganti")
            && ui.button(text::NEW_KEY).clicked()
        {
            out.push(take_new_key(form, place, false));
        }
    });
}

/// A PSrE's .p12 registered instead of a key of the office's: its file and its password.
fn psre_ui(ui: &mut Ui, data_dir: &std::path::Path, form: &mut KeyForm, out: &mut Vec<Command>) {
    ui.collapsing(text::PSRE, |ui| {
        hint_ui(ui, text::PSRE_HINT);
        ui.horizontal(|ui| {
            labelled_field(ui, text::PSRE_PATH, &mut form.psre_path);
            if ui.button(text::PICK).clicked()
                && crate::viewer::file_dialogs()
                && let Some(p) =
                    super::file_dialog::open(data_dir, "Kunci PKCS#12", &["p12", "pfx"])
            {
                form.psre_path = p.display().to_string();
            }
        });
        passphrase_field_ui(ui, text::PSRE_PASS, &mut form.psre_pass, "psre_sandi");
        let path = form.psre_path.trim().trim_matches('"').to_string();
        if ui.button(text::PSRE_USE).clicked() && !path.is_empty() {
            out.push(Command::Key(KeyCmd::UsePsre {
                path: path.into(),
                pass: std::mem::take(&mut form.psre_pass).into(),
            }));
        }
    });
}
