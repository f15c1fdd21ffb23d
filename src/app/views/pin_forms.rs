//! Pengaturan's PIN card: the signed-in person changes their own PIN (with the old one); a
//! pengelola gives someone who forgot theirs a one-time PIN; the idle sign-out time.

use egui::Ui;

use super::widgets::pin_field_ui;
use crate::app::{Command, OfficeCmd, Place, ViewCtx, theme};

mod text {
    pub const TITLE: &str = "PIN Pribadi dan Masuk";
    pub const MINE: &str = "Ganti PIN saya";
    pub const OLD: &str = "PIN lama";
    pub const NEW: &str = "PIN baru (6 angka)";
    pub const AGAIN: &str = "Ulangi PIN baru";
    pub const CHANGE: &str = "Ganti PIN";
    pub const RESET: &str = "Atur ulang PIN pejabat lain";
    pub const RESET_FOR: &str = "PIN untuk";
    pub const PICK: &str = "Pilih pejabat";
    pub const ONE_TIME: &str = "PIN sementara (6 angka)";
    pub const ONE_TIME_AGAIN: &str = "Ulangi PIN sementara";
    pub const DO_RESET: &str = "Atur Ulang PIN";
    pub const CHOOSE_FIRST: &str = "Pilih dulu pejabatnya di \"PIN untuk\".";
    pub const IDLE: &str = "Keluar otomatis setelah (menit)";
    pub const SAVE_IDLE: &str = "Simpan Batas";
    pub const SIGN_IN_FIRST: &str =
        "Masuk dulu lewat \"Bertindak sebagai\" untuk mengganti PIN Anda.";
    pub const HINT: &str = "PIN disimpan tersandi: PIN itu sendiri tidak disimpan di mana pun. PIN yang lupa diatur ulang oleh pengelola; pemiliknya wajib menggantinya saat masuk. Lima kali salah mengunci lima menit, dan pengaturan ulang tidak membuka kunci itu.";
}

/// PINs being typed (masked), and the idle minutes being edited.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PinForm {
    /// Whose PIN a pengelola resets.
    pub official: Option<i64>,
    pub old: String,
    pub pin: String,
    pub again: String,
    pub reset_pin: String,
    pub reset_again: String,
    pub idle: Option<String>,
}

fn pin_fields_ui(ui: &mut Ui, salt: &str, fields: Vec<(&str, &mut String)>) {
    egui::Grid::new(salt).num_columns(2).show(ui, |ui| {
        for (label, value) in fields {
            pin_field_ui(ui, label, value, 100.0, (salt, label));
            ui.end_row();
        }
    });
}

// Long: the PIN card's three forms in page order; every rule is the store's.
pub fn pins_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut PinForm, out: &mut Vec<Command>) {
    super::widgets::section_title_ui(ui, text::TITLE);
    let Some(me) = ctx.acting else {
        super::widgets::hint_ui(ui, text::SIGN_IN_FIRST);
        return;
    };
    // A wrong old PIN, the lock, a weak new PIN, or the PIN saved: said in this card.
    super::widgets::message_ui(ui, ctx, Place::Pins);
    ui.label(text::MINE);
    pin_fields_ui(
        ui,
        "pin_saya",
        vec![
            (text::OLD, &mut form.old),
            (text::NEW, &mut form.pin),
            (text::AGAIN, &mut form.again),
        ],
    );
    if ui.button(text::CHANGE).clicked() {
        out.push(Command::Office(OfficeCmd::ChangePin {
            old: std::mem::take(&mut form.old).into(),
            pin: form.pin.clone().into(),
            again: form.again.clone().into(),
        }));
    }
    if me.pengelola {
        ui.add_space(theme::SPACE_M);
        ui.label(text::RESET);
        let others: Vec<_> = ctx
            .data
            .officials
            .iter()
            .filter(|o| o.active && o.id != me.id)
            .collect();
        let name_of = |id: Option<i64>| {
            others
                .iter()
                .find(|o| Some(o.id) == id)
                .map_or(text::PICK.to_string(), |o| o.name.clone())
        };
        ui.horizontal(|ui| {
            let label_id = ui.label(text::RESET_FOR).id;
            egui::ComboBox::from_id_salt("pin_untuk")
                .selected_text(name_of(form.official))
                // An office has a dozen officials or more: all of them, not six and a scroll.
                .height(theme::LIST_HEIGHT)
                .show_ui(ui, |ui| {
                    for o in &others {
                        ui.selectable_value(&mut form.official, Some(o.id), o.name.as_str());
                    }
                })
                .response
                .labelled_by(label_id);
        });
        pin_fields_ui(
            ui,
            "pin_ulang",
            vec![
                (text::ONE_TIME, &mut form.reset_pin),
                (text::ONE_TIME_AGAIN, &mut form.reset_again),
            ],
        );
        // Nobody chosen yet: the button waits, saying what it needs (pressed, it did nothing).
        let reset = ui
            .add_enabled(form.official.is_some(), egui::Button::new(text::DO_RESET))
            .on_disabled_hover_text(text::CHOOSE_FIRST);
        if reset.clicked()
            && let Some(official_id) = form.official
        {
            out.push(Command::Office(OfficeCmd::ResetPin {
                official_id,
                pin: form.reset_pin.clone().into(),
                again: form.reset_again.clone().into(),
            }));
        }
        ui.add_space(theme::SPACE_M);
        let idle = form
            .idle
            .get_or_insert_with(|| ctx.data.settings.idle_minutes.to_string());
        ui.horizontal(|ui| {
            let id = ui.label(text::IDLE).id;
            ui.add(egui::TextEdit::singleline(idle).desired_width(40.0))
                .labelled_by(id);
            if ui.button(text::SAVE_IDLE).clicked() {
                out.push(Command::Office(OfficeCmd::SaveIdleMinutes(idle.clone())));
            }
        });
    }
    super::widgets::hint_ui(ui, text::HINT);
}
