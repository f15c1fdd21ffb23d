//! Signing in: the name chosen in "Bertindak sebagai" asks for that person's PIN (and for a new
//! one when they have none yet or were given a one-time PIN).

use egui::{RichText, Ui};

use super::widgets::pin_field_ui;
use crate::app::{Command, OfficeCmd, Place, ViewCtx, theme};

mod text {
    pub const TITLE: &str = "Masuk dengan PIN";
    pub const AS: &str = "Masuk sebagai";
    pub const PIN: &str = "PIN";
    pub const ONE_TIME: &str = "PIN sementara";
    pub const NEW_PIN: &str = "PIN baru (6 angka)";
    pub const AGAIN: &str = "Ulangi PIN baru";
    pub const SIGN_IN: &str = "Masuk";
    pub const CANCEL: &str = "Batal";
    pub const FIRST: &str = "belum punya PIN pribadi. Buat PIN 6 angka sekarang (bukan angka sama semua atau berurutan); PIN ini dipakai setiap kali bertindak.";
    pub const ASK: &str = "belum diberi PIN sementara. Minta pengelola mengaturnya di Pengaturan → \"Atur ulang PIN pejabat lain\", lalu masuk dengan PIN itu dan ganti dengan PIN Anda sendiri.";
    pub const HINT: &str = "Melihat tidak perlu PIN; setiap perubahan dicatat atas nama orang yang masuk. Lima kali PIN salah mengunci lima menit.";
}

/// The sign-in being typed: whose, and the PINs (masked).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MasukForm {
    /// The official chosen in "Bertindak sebagai", waiting for their PIN.
    pub candidate: Option<i64>,
    pub pin: String,
    pub new_pin: String,
    pub again: String,
    /// The official who acted last on this PC: offered first.
    pub remembered: Option<i64>,
    /// The fields the first field was focused for: focus goes to the first field once when
    /// the dialog opens, and again when its fields change (a one-time PIN accepted asks for a
    /// new one: three fields where one was), so that what is typed next is not lost.
    focused: Option<Fields>,
}

/// Which fields the dialog shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fields {
    pin: bool,
    new_pin: bool,
}

impl MasukForm {
    /// Closes the dialog and forgets what was typed (who acted last on this PC stays first).
    pub fn close(&mut self) {
        *self = MasukForm {
            remembered: self.remembered,
            ..Default::default()
        };
    }

    /// Opens the dialog for `id`.
    pub fn choose(&mut self, id: i64) {
        *self = MasukForm {
            candidate: Some(id),
            remembered: self.remembered,
            ..Default::default()
        };
    }
}

// Long: the dialog's fields in the order a person fills them.
pub fn masuk_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut MasukForm, out: &mut Vec<Command>) {
    let Some(id) = form.candidate else { return };
    if ctx.acting.is_some_and(|o| o.id == id) {
        form.candidate = None;
        return;
    }
    let Some(official) = ctx.data.officials.iter().find(|o| o.id == id) else {
        form.candidate = None;
        return;
    };
    let has_pin = ctx.data.pins.contains(&id);
    // Added by a pengelola and given no one-time PIN yet: nothing to type, only who to ask.
    let waits_for_pin = !has_pin && !official.makes_own_first_pin;
    let wanted = ctx.new_pin_wanted.filter(|w| w.official_id == id);
    let mut open = true;
    let mut submit = false;
    let mut cancel = false;
    egui::Window::new(text::TITLE)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 120.0])
        .open(&mut open)
        .show(ui.ctx(), |ui| {
            ui.set_max_width(420.0);
            ui.label(RichText::new(format!("{} {}", text::AS, official.name)).strong());
            let why = match wanted {
                Some(w) => Some(w.why.clone()),
                None if waits_for_pin => Some(format!("{} {}", official.name, text::ASK)),
                None if !has_pin => Some(format!("{} {}", official.name, text::FIRST)),
                None => None,
            };
            if let Some(why) = why {
                ui.add(egui::Label::new(RichText::new(why).color(theme::ACCENT)).wrap());
            }
            // A wrong PIN, the lock, a weak new PIN: said here, where the PIN is typed again.
            super::widgets::message_ui(ui, ctx, Place::SignIn);
            let shape = Fields {
                pin: has_pin,
                new_pin: (wanted.is_some() || !has_pin) && !waits_for_pin,
            };
            let mut fields: Vec<(&str, &mut String)> = Vec::new();
            if has_pin {
                // After a reset, the PIN to type is the one-time PIN the pengelola gave.
                let label = if wanted.is_some() {
                    text::ONE_TIME
                } else {
                    text::PIN
                };
                fields.push((label, &mut form.pin));
            }
            if shape.new_pin {
                fields.push((text::NEW_PIN, &mut form.new_pin));
                fields.push((text::AGAIN, &mut form.again));
            }
            egui::Grid::new("masuk_pin").num_columns(2).show(ui, |ui| {
                for (i, (label, value)) in fields.into_iter().enumerate() {
                    let (r, enter) = pin_field_ui(ui, label, value, 110.0, ("masuk", label));
                    if i == 0 && form.focused != Some(shape) {
                        r.request_focus();
                        form.focused = Some(shape);
                    }
                    submit |= enter;
                    ui.end_row();
                }
            });
            ui.horizontal(|ui| {
                if !waits_for_pin {
                    submit |= ui.button(text::SIGN_IN).clicked();
                }
                cancel = ui.button(text::CANCEL).clicked();
            });
            ui.add(egui::Label::new(RichText::new(text::HINT).color(theme::MUTED).small()).wrap());
        });
    if submit {
        out.push(Command::Office(OfficeCmd::SignIn {
            official_id: id,
            pin: std::mem::take(&mut form.pin).into(),
            new_pin: std::mem::take(&mut form.new_pin).into(),
            again: std::mem::take(&mut form.again).into(),
        }));
        // After a refusal the first field takes the next try.
        form.focused = None;
    }
    if cancel || !open {
        form.close();
    }
}
