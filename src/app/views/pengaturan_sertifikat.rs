//! Pengaturan → Tanda Tangan Digital: the office certificate (made by a pengelola with a
//! passphrase; its fingerprint, to read out to whoever checks, and its file to hand out), its
//! revocation list, and the keys waiting for its holder's approval. The signed-in person's own
//! key is `pengaturan_kunci`.

use egui::{RichText, Ui};

use super::pengaturan_form::{KeyForm, Section, scroll_if_sent};
use super::pengaturan_kunci::{new_key_fields_ui, own_key_ui, take_new_key};
use super::widgets::{card_ui, hint_ui, labelled_field, message_ui, passphrase_field_ui};
use super::widgets::{fingerprint_lines, fingerprint_ui, section_title_ui};
use crate::app::{Command, FileCmd, KeyCmd, Place, ViewCtx, theme};
use crate::domain::indo;
use crate::store::CrlNeed;

mod text {
    pub const TITLE: &str = "Tanda Tangan Digital";
    pub const NO_ROOT: &str = "Belum ada sertifikat kantor. Seorang pengelola membuatnya di sini, dengan kata sandi yang hanya ia ketahui.";
    pub const NEW_ROOT: &str = "Buat Sertifikat Kantor";
    pub const NEW_ROOT_HINT: &str = "Sertifikat kantor menerbitkan sertifikat tanda tangan Kepala. Kuncinya dikunci dengan kata sandi Anda (bukan PIN): tanpa kata sandi itu tidak ada sertifikat yang bisa disetujui.";
    pub const ROOT: &str = "Sertifikat kantor";
    pub const RETIRED: &str =
        "Sertifikat kantor sebelumnya (tetap dipercaya untuk yang sudah ditandatangani)";
    pub const SAVE_ROOT: &str = "Simpan Sertifikat Kantor...";
    pub const ROOT_HINT: &str = "Berikan berkas sertifikat kantor (dan CRL di sampingnya) kepada kantor yang memeriksa RKT (Bupati, Inspektorat, Bappeda) dan cocokkan sidik jarinya lewat telepon atau surat.";
    pub const FINGERPRINT: &str = "Sidik jari sertifikat (untuk dicocokkan lewat telepon):";
    pub const FINGERPRINT_HOVER: &str = "SHA-256 dari sertifikat kantor. Yang memeriksa membacakan sidik jari di komputernya; harus sama persis dengan ini.";
    pub const ROOT_PASS: &str = "Kata sandi sertifikat kantor";
    pub const ISSUE_CRL: &str = "Terbitkan CRL";
    pub const REQUESTS: &str = "Permintaan sertifikat tanda tangan";
    pub const REQUEST_HINT: &str = "Setujui hanya di hadapan pemilik kunci: ia menekan \"Tampilkan Sidik Jari Kunci Saya\" di layarnya sendiri dan membacakannya; sidik jari di bawah harus sama persis.";
    pub const MATCHED: &str = "Sidik jari sama dengan yang dibacakan pemiliknya dari layarnya";
    pub const APPROVE: &str = "Setujui";
    pub const REASON: &str = "Alasan penolakan";
    pub const REFUSE: &str = "Tolak";
    pub const NOT_HOLDER: &str = "Disetujui oleh pemegang sertifikat kantor.";
    pub const ISSUED: &str = "Sertifikat yang diterbitkan (nyatakan kunci bocor)";
    pub const LEAK_HINT: &str = "Bila flash disk kunci hilang, kata sandinya diketahui orang lain, atau cadangan lama keluar dari kantor: nyatakan kuncinya bocor. CRL lalu mencantumkannya dan tidak ada tanda tangannya yang dianggap sah lagi, bertanggal kapan pun — termasuk yang asli, yang perlu ditandatangani ulang dengan kunci baru.";
    pub const LEAK_WHY: &str = "Mengapa bocor";
    pub const LEAK: &str = "Nyatakan Kunci Bocor";
}

pub(super) fn certificates_ui(
    ui: &mut Ui,
    ctx: &ViewCtx,
    form: &mut KeyForm,
    out: &mut Vec<Command>,
) {
    card_ui(ui, |ui| {
        scroll_if_sent(ui, Section::Signature);
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
                    && let Some(path) = super::file_dialog::save(
                        ctx.data_dir,
                        &format!("Sertifikat kantor {}.cer", ctx.data.settings.office.name),
                        "Sertifikat",
                        &["cer"],
                    )
                {
                    out.push(Command::File(FileCmd::ExportCertificate(path)));
                }
                hint_ui(ui, text::ROOT_HINT);
                let holder = ctx.acting.is_some_and(|o| o.name == root.holder);
                crl_ui(ui, ctx, form, holder, out);
                requests_ui(ui, ctx, form, holder, out);
                if holder {
                    issued_ui(ui, ctx, form, out);
                }
            }
            None if ctx.acting.is_some_and(|o| o.pengelola) => {
                hint_ui(ui, text::NEW_ROOT_HINT);
                if let Some(place) = new_key_fields_ui(ui, ctx, form, "kunci_kantor")
                    && ui.button(text::NEW_ROOT).clicked()
                {
                    out.push(take_new_key(form, place, true));
                }
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
        // Said here, between the office's part and one's own: next to what was just done.
        message_ui(ui, ctx, Place::Keys);
        own_key_ui(ui, ctx, form, out);
    });
}

/// The CRL's state, and (for the root's holder) issuing it when it is wanted.
fn crl_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut KeyForm, holder: bool, out: &mut Vec<Command>) {
    let said = match &ctx.data.crl_need {
        Some(CrlNeed::Retired(n)) => format!(
            "{n} sertifikat dicabut sejak CRL terakhir: pemegang sertifikat kantor perlu menerbitkan CRL baru."
        ),
        Some(CrlNeed::Lapsing(Some(at))) => format!(
            "CRL berlaku sampai {}: pemegang sertifikat kantor perlu memperbaruinya.",
            indo::datetime_short(*at)
        ),
        Some(CrlNeed::Lapsing(None)) => {
            "Belum ada CRL (daftar pencabutan sertifikat): pemegang sertifikat kantor menerbitkannya.".into()
        }
        Some(CrlNeed::None) | None => return,
    };
    ui.label(RichText::new(said).color(theme::ERROR));
    if holder {
        ui.horizontal(|ui| {
            passphrase_field_ui(ui, text::ROOT_PASS, &mut form.root_pass, "kunci_crl");
            if ui.button(text::ISSUE_CRL).clicked() && !form.root_pass.is_empty() {
                out.push(Command::Key(KeyCmd::IssueCrl {
                    root_pass: std::mem::take(&mut form.root_pass).into(),
                }));
            }
        });
    }
}

/// The keys waiting for a certificate: each with the name, NIP, position and the key's
/// fingerprint; the root's holder approves (after comparing it), a pengelola may refuse.
fn requests_ui(
    ui: &mut Ui,
    ctx: &ViewCtx,
    form: &mut KeyForm,
    holder: bool,
    out: &mut Vec<Command>,
) {
    let pengelola = ctx.acting.is_some_and(|o| o.pengelola);
    if ctx.data.key_requests.is_empty() || !(holder || pengelola) {
        return;
    }
    ui.add_space(theme::SPACE_M);
    ui.label(RichText::new(text::REQUESTS).strong());
    hint_ui(ui, text::REQUEST_HINT);
    for r in &ctx.data.key_requests {
        ui.separator();
        ui.label(format!(
            "{} — NIP {} — {} (sejak {})",
            r.name,
            r.nip.as_deref().unwrap_or("-"),
            r.position,
            indo::datetime_short(r.created_at)
        ));
        fingerprint_ui(ui, &r.key_fingerprint);
        let chosen = form.request == Some(r.key_id);
        let mut matched = chosen && form.fingerprint == r.key_fingerprint;
        if !holder {
            hint_ui(ui, text::NOT_HOLDER);
        } else if ui.checkbox(&mut matched, text::MATCHED).changed() {
            form.request = Some(r.key_id);
            form.fingerprint = if matched {
                r.key_fingerprint.clone()
            } else {
                String::new()
            };
        }
        if holder && matched {
            ui.horizontal(|ui| {
                passphrase_field_ui(
                    ui,
                    text::ROOT_PASS,
                    &mut form.root_pass,
                    ("setuju", r.key_id),
                );
                if ui.button(text::APPROVE).clicked() && !form.root_pass.is_empty() {
                    out.push(Command::Key(KeyCmd::Approve {
                        key_id: r.key_id,
                        fingerprint: std::mem::take(&mut form.fingerprint),
                        root_pass: std::mem::take(&mut form.root_pass).into(),
                    }));
                    form.request = None;
                }
            });
        }
        ui.horizontal(|ui| {
            ui.push_id(("tolak", r.key_id), |ui| {
                if form.request != Some(r.key_id) {
                    let mut reason = String::new();
                    if !labelled_field(ui, text::REASON, &mut reason).changed() {
                        return;
                    }
                    form.request = Some(r.key_id);
                    form.reason = reason;
                    return;
                }
                labelled_field(ui, text::REASON, &mut form.reason);
                if ui.button(text::REFUSE).clicked() && !form.reason.trim().is_empty() {
                    out.push(Command::Key(KeyCmd::Refuse {
                        key_id: r.key_id,
                        reason: std::mem::take(&mut form.reason),
                    }));
                    form.request = None;
                }
            });
        });
    }
}

/// The certificates the root issued; the holder may declare one's key leaked.
fn issued_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut KeyForm, out: &mut Vec<Command>) {
    if ctx.data.issued.is_empty() {
        return;
    }
    ui.collapsing(text::ISSUED, |ui| {
        hint_ui(ui, text::LEAK_HINT);
        for c in &ctx.data.issued {
            ui.separator();
            let state = match (&c.retired_at, c.reason.as_deref()) {
                (_, Some("keyCompromise")) => "dinyatakan bocor".to_string(),
                (Some(at), _) => format!("dicabut {}", indo::datetime_short(*at)),
                (None, _) => "berlaku".to_string(),
            };
            ui.label(format!("{} — {state}", c.name));
            fingerprint_ui(ui, &c.fingerprint);
            if c.reason.as_deref() == Some("keyCompromise") {
                continue;
            }
            ui.push_id(("bocor", c.key_id), |ui| {
                let chosen = form.leak == Some(c.key_id);
                let mut why = if chosen {
                    form.leak_why.clone()
                } else {
                    String::new()
                };
                if labelled_field(ui, text::LEAK_WHY, &mut why).changed() {
                    form.leak = Some(c.key_id);
                    form.leak_why = why;
                }
                if chosen {
                    ui.horizontal(|ui| {
                        passphrase_field_ui(
                            ui,
                            text::ROOT_PASS,
                            &mut form.root_pass,
                            "bocor_sandi",
                        );
                        if ui.button(text::LEAK).clicked()
                            && !form.root_pass.is_empty()
                            && !form.leak_why.trim().is_empty()
                        {
                            out.push(Command::Key(KeyCmd::DeclareLeaked {
                                key_id: c.key_id,
                                why: std::mem::take(&mut form.leak_why),
                                root_pass: std::mem::take(&mut form.root_pass).into(),
                            }));
                            form.leak = None;
                        }
                    });
                }
            });
        }
    });
}
