//! Beranda's reminder of the digital signature's own chores, for whoever they fall to: the
//! office root's holder (requests waiting, a CRL to issue or renew) and the signer (a key to
//! make, or one waiting for approval). The work itself is in Pengaturan → Tanda Tangan Digital.

use egui::{RichText, Ui};

use super::widgets::card_ui;
use crate::app::{Command, Page, ViewCmd, ViewCtx, theme};
use crate::domain::indo;
use crate::domain::sop::Requirement;
use crate::store::CrlNeed;

mod text {
    pub const TITLE: &str = "Tanda tangan digital";
    pub const GO: &str = "Buka Pengaturan → Tanda Tangan Digital";
    pub const NO_ROOT: &str =
        "Belum ada sertifikat kantor: sebagai pengelola, buat sebelum Kepala menandatangani";
    pub const NO_KEY: &str = "Anda menandatangani RKT tetapi belum punya kunci tanda tangan.";
    pub const WAITING: &str = "Sertifikat tanda tangan Anda menunggu persetujuan pemegang sertifikat kantor (di hadapan Anda).";
}

/// What falls to the signed-in official now, if anything.
fn chores(ctx: &ViewCtx) -> Vec<String> {
    let Some(me) = ctx.acting else {
        return Vec::new();
    };
    let mut said = Vec::new();
    let live_root = ctx.data.office_roots.iter().any(|r| r.retired_at.is_none());
    // Only where the SOP in force signs, and by its own step number.
    let signing = ctx
        .sop
        .step_requiring(crate::domain::sop::Requirement::Signed);
    if let Some(step) = signing.filter(|_| me.pengelola && !live_root) {
        said.push(format!("{} (langkah {}).", text::NO_ROOT, step.no));
    }
    let holder = ctx
        .data
        .office_roots
        .first()
        .is_some_and(|r| r.retired_at.is_none() && r.holder == me.name);
    if holder {
        let waiting = ctx.data.key_requests.len();
        if waiting > 0 {
            said.push(format!(
                "{waiting} permintaan sertifikat tanda tangan menunggu persetujuan Anda."
            ));
        }
        match &ctx.data.crl_need {
            Some(CrlNeed::Retired(n)) => said.push(format!(
                "{n} sertifikat dicabut sejak daftar pencabutan (CRL) terakhir: terbitkan CRL baru."
            )),
            Some(CrlNeed::Lapsing(Some(at))) => said.push(format!(
                "Daftar pencabutan (CRL) berlaku sampai {}: perbarui sebelum itu.",
                indo::datetime_short(*at)
            )),
            Some(CrlNeed::Lapsing(None)) => said
                .push("Sertifikat kantor belum punya daftar pencabutan (CRL): terbitkan.".into()),
            Some(CrlNeed::None) | None => {}
        }
    }
    let signs = ctx
        .sop
        .step_requiring(Requirement::Signed)
        .is_some_and(|s| ctx.sop.admits(s, &me.lanes));
    match &ctx.data.own_key {
        None if signs => said.push(text::NO_KEY.into()),
        Some(k) if k.fingerprint.is_none() => said.push(text::WAITING.into()),
        _ => {}
    }
    said
}

pub(super) fn signing_chores_ui(ui: &mut Ui, ctx: &ViewCtx, out: &mut Vec<Command>) {
    let said = chores(ctx);
    if said.is_empty() {
        return;
    }
    card_ui(ui, |ui| {
        ui.label(RichText::new(text::TITLE).strong().color(theme::ACCENT));
        for s in &said {
            ui.label(RichText::new(s).color(theme::ERROR));
        }
        if ui.button(text::GO).clicked() {
            // Opened at the card, not at Pengaturan's top three screens above it.
            super::pengaturan_form::send_to(ui.ctx(), super::pengaturan_form::Section::Signature);
            out.push(Command::View(ViewCmd::Navigate(Page::Pengaturan)));
        }
    });
    ui.add_space(theme::SPACE);
}
