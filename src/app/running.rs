//! The running window: draws the page from the session's state, and hands the views'
//! commands to the session, which decides and stores. Forms settle after their command.

use std::time::Instant;

use super::message::{Flash, Message, Place};
use super::view_ctx::view_ctx;
use super::{AppInit, Forms, theme, views};
use crate::session::{Command, Page, Session, SessionInit};
use crate::store::{Store, StoreError};

/// Said when the last cell the database had refused is saved.
pub const ALL_CELLS_SAVED: &str = "Sel yang tadi tertunda sudah tersimpan semua.";
/// A submission while a refused cell still holds what was typed: it would go out with the
/// cell's old value.
pub const REFUSED_BEFORE_SUBMIT: &str = "Belum dikirim: masih ada sel berbingkai merah yang ditolak dan belum tersimpan. Perbaiki isinya (atau tekan Esc di sel itu untuk mengembalikannya) dulu.";

pub struct Running {
    session: Session,
    /// The slow command running beside the window: its forms are settled when it is done.
    running_cmd: Option<Command>,
    db_label: String,
    /// The last command's message, where it is said and what it is about.
    message: Option<Message>,
    /// Whether the message's dialog or card was on screen in the last frame: if not, the bar
    /// says it, so that it is never lost.
    message_seen: bool,
    /// Messages said so far: those said within one frame are about what that frame ends on.
    said: u64,
    forms: Forms,
    pub(super) frames: u64,
    pub(super) exit_after_first_frame: Option<Instant>,
}

impl Running {
    /// The session opened on `init`'s database, whoever acted last on this PC offered again
    /// (their PIN is asked) at their unit.
    pub(super) fn new(ctx: &egui::Context, init: AppInit) -> Result<Running, StoreError> {
        theme::apply(ctx);
        let mut session = Session::new(SessionInit {
            store: init.store,
            sop: init.sop,
            sop_source: init.sop_source,
            data_dir: init.data_dir,
            clock: init.clock,
        });
        session.set_slow_work_beside(init.slow_work_beside);
        session.set_remember_sign_in(true);
        let remembered = session.offer_last_acting();
        session.reload()?;
        let mut forms = Forms {
            pengaturan: views::pengaturan_form::PengaturanForm::from_data(session.data()),
            ..Default::default()
        };
        forms.masuk.remembered = remembered;
        Ok(Running {
            session,
            running_cmd: None,
            db_label: init.db_label,
            message: None,
            message_seen: true,
            said: 0,
            forms,
            frames: 0,
            exit_after_first_frame: init.exit_after_first_frame,
        })
    }

    pub fn store(&self) -> &Store {
        self.session.store()
    }

    pub fn page(&self) -> Page {
        self.session.page()
    }

    pub fn year(&self) -> i32 {
        self.session.year()
    }

    /// The unit chosen on the Format RKT page.
    pub fn unit(&self) -> Option<i64> {
        self.session.unit()
    }

    /// The official signed in.
    pub fn acting_id(&self) -> Option<i64> {
        self.session.acting().map(|o| o.id)
    }

    /// For tests: cells whose text is on screen but not in the database.
    #[doc(hidden)]
    pub fn unsaved_cells(&self) -> usize {
        self.forms.unsaved()
    }

    pub fn flash(&self) -> Option<&Flash> {
        self.message.as_ref().map(|m| &m.flash)
    }

    /// The message and where it is said.
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// Slow work running beside the window, if any.
    pub fn busy(&self) -> Option<&crate::session::Busy> {
        self.session.busy()
    }

    /// Applies one command; the result is shown in the flash line.
    pub fn apply(&mut self, cmd: Command) {
        let waiting = self.forms.unsaved();
        if waiting > 0 && cmd.submits() {
            self.show(
                Err(StoreError::Invalid(REFUSED_BEFORE_SUBMIT.into())),
                Some(&cmd),
            );
            return;
        }
        let kept = cmd.clone();
        let result = self.session.submit(cmd);
        if self.session.busy().is_some() && self.running_cmd.is_none() {
            // Started beside the window: settled when `finish_ui` sees it done.
            self.running_cmd = Some(kept);
            return;
        }
        if result.is_ok() {
            self.forms.after(&kept, self.session.data());
        }
        // A cell's text the database refuses (full disk, read-only file) stays on screen.
        self.forms
            .settle(&kept, result.is_ok(), self.session.unit());
        // The last refused cell is in: the disk-full message above no longer holds.
        let result = match result {
            Ok(None) if waiting > 0 && self.forms.unsaved() == 0 => {
                Ok(Some(ALL_CELLS_SAVED.into()))
            }
            other => other,
        };
        self.show(result, Some(&kept));
    }

    /// A command's outcome where it was asked for: what was done, or why nothing was.
    fn show(&mut self, result: Result<Option<String>, StoreError>, cmd: Option<&Command>) {
        let place = |ok| cmd.map_or(Place::Bar, |c| Place::of(c, ok, self.session.year()));
        match result {
            Ok(Some(msg)) => self.say(Flash::Ok(msg), place(true)),
            Ok(None) => {}
            Err(e) => {
                // SQLite's own words go to the log for the IT staff; the user reads ours.
                match &e {
                    StoreError::Sqlite(inner) => log::warn!("ditolak: {e} ({inner})"),
                    _ => log::warn!("ditolak: {e}"),
                }
                self.say(Flash::Err(e.to_string()), place(false));
            }
        }
    }

    /// A message about what is on screen now (the page, year and unit it goes with).
    fn say(&mut self, flash: Flash, place: Place) {
        self.message = Some(Message {
            flash,
            place,
            page: self.session.page(),
            year: self.session.year(),
            unit: self.session.unit(),
        });
        self.message_seen = true;
        self.said += 1;
    }

    /// A message no longer about what is shown (another page, year or unit), or left in a
    /// dialog that was closed, goes.
    fn forget_stale_message(&mut self) {
        let (page, year, unit) = (
            self.session.page(),
            self.session.year(),
            self.session.unit(),
        );
        let closed = |m: &Message| m.place == Place::SignIn && self.forms.masuk.candidate.is_none();
        if self
            .message
            .as_ref()
            .is_some_and(|m| !m.holds(page, year, unit) || closed(m))
        {
            self.message = None;
        }
    }

    /// Slow work done beside the window: its message, and its forms settled.
    fn finish_ui(&mut self, ui: &egui::Ui) {
        let Some(result) = self.session.poll() else {
            if self.session.busy().is_some() {
                // Looked at again soon: the thread does not wake the window itself.
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(100));
            }
            return;
        };
        if let (Ok(_), Some(cmd)) = (&result, &self.running_cmd) {
            self.forms.after(cmd, self.session.data());
        }
        let cmd = self.running_cmd.take();
        self.show(result, cmd.as_ref());
    }

    pub(super) fn ui(&mut self, ui: &mut egui::Ui) {
        let said = self.said;
        if self.frames == 1
            && let Some(e) = self.session.after_first_frame()
        {
            self.say(Flash::Err(e), Place::Bar);
        }
        self.finish_ui(ui);
        let mut commands = Vec::new();
        let tick = self.session.tick(ui.input(|i| !i.events.is_empty()));
        if let Some(msg) = tick.signed_out {
            commands.extend(self.forms.pending(self.session.data()));
            self.forms.masuk.close();
            self.say(Flash::Ok(msg), Place::Bar);
        }
        if let Some(wake) = tick.wake_in {
            ui.ctx().request_repaint_after(wake);
        }
        // Closing the window: what is being typed in a cell or a correction is committed first.
        if ui.input(|i| i.viewport().close_requested()) {
            commands.extend(self.forms.pending(self.session.data()));
        }
        self.page_ui(ui, &mut commands);
        if commands.iter().any(Command::leaves_table) {
            let first = self.forms.pending(self.session.data());
            commands.splice(0..0, first);
        }
        for cmd in commands {
            self.apply(cmd);
        }
        // Said in this frame (a cell refused again while its table is left for another unit):
        // about where the frame ends, not where its first command found it.
        if self.said != said
            && let Some(m) = &mut self.message
        {
            (m.page, m.year, m.unit) = (
                self.session.page(),
                self.session.year(),
                self.session.unit(),
            );
        }
        self.forget_stale_message();
    }

    /// The bars, the sign-in dialog and the page chosen.
    fn page_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        self.forget_stale_message();
        let placed = self
            .message
            .as_ref()
            .filter(|m| m.place != Place::Bar)
            .map(|m| (m.place, m.flash.clone()));
        let ctx = view_ctx(&self.session, &self.db_label, placed);
        let page = self.session.page();
        views::shell::top_bar_ui(ui, &ctx, page, &mut self.forms.masuk, commands);
        views::shell::read_only_ui(ui, &ctx);
        views::shell::busy_ui(ui, self.session.busy());
        // In the bar: a message of the bar's own, or one whose card was not on screen.
        let in_bar = self
            .message
            .as_ref()
            .is_some_and(|m| m.place == Place::Bar || !self.message_seen);
        if in_bar && views::shell::flash_ui(ui, self.message.as_ref().map(|m| &m.flash)) {
            self.message = None;
        }
        views::masuk::masuk_ui(ui, &ctx, &mut self.forms.masuk, commands);
        let forms = &mut self.forms;
        egui::CentralPanel::default().show(ui, |ui| match page {
            Page::Beranda => views::beranda::beranda_ui(ui, &ctx, &mut forms.beranda, commands),
            Page::AlurSop => views::alur::alur_ui(ui, &ctx, &mut forms.alur, commands),
            Page::FormatRkt => views::format_rkt::format_ui(ui, &ctx, &mut forms.format, commands),
            Page::TandaTanganArsip => views::arsip::arsip_ui(ui, &ctx, &mut forms.arsip, commands),
            Page::Laporan => views::laporan::laporan_ui(ui, &ctx, &mut forms.laporan, commands),
            Page::RencanaAksi => {
                views::rencana_aksi::rencana_ui(ui, &ctx, &mut forms.rencana, commands)
            }
            Page::Realisasi => {
                views::realisasi::realisasi_ui(ui, &ctx, &mut forms.realisasi, commands)
            }
            Page::Pengaturan => {
                views::pengaturan::pengaturan_ui(ui, &ctx, &mut forms.pengaturan, commands)
            }
        });
        // A card that said the message keeps it there; one that was not drawn hands it to the
        // bar from the next frame.
        if self.message.as_ref().is_some_and(|m| m.place != Place::Bar) {
            let seen = ctx.message_shown();
            if !seen && self.message_seen {
                ui.ctx().request_repaint();
            }
            self.message_seen = seen;
        }
    }
}
