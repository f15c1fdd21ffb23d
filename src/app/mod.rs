//! The window: a thin shell that holds the forms, draws the page, and hands the views'
//! commands to the session (`crate::session`), which decides and stores.

mod forms;
pub mod theme;
pub mod views;

pub use forms::Forms;

use std::time::Instant;

use chrono::NaiveDateTime;

pub use crate::session::{Clock, Command, Data, Page, RktEdit, system_clock};

use crate::backup;
use crate::domain::sop::Sop;
use crate::domain::workflow::{CycleState, StepView};
use crate::paths::SopSource;
use crate::session::{NewPinWanted, Session, SessionInit};
use crate::store::{Official, Store};

pub const WINDOW_TITLE: &str = "SOP Penyusunan RKT — Satpol PP Kabupaten Balangan";

/// Everything the running program needs.
pub struct AppInit {
    pub store: Store,
    pub sop: Sop,
    pub sop_source: SopSource,
    pub db_label: String,
    /// The data folder (logs, renderer memory, an overriding sop.toml).
    pub data_dir: std::path::PathBuf,
    pub clock: Clock,
    /// When set: print the milliseconds from this instant to the first painted frame, and exit.
    pub exit_after_first_frame: Option<Instant>,
    /// Slow work (signing, PDFs, compiling, backups) in a thread beside the window; tests that
    /// step the window frame by frame run it at once instead.
    pub slow_work_beside: bool,
}

/// Said when the last cell the database had refused is saved.
pub const ALL_CELLS_SAVED: &str = "Sel yang tadi tertunda sudah tersimpan semua.";

/// A message after an action: what was done, or why nothing was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flash {
    Ok(String),
    Err(String),
}

/// Read-only state handed to a view for one frame.
pub struct ViewCtx<'a> {
    pub sop: &'a Sop,
    pub sop_source: &'a SopSource,
    pub db_label: &'a str,
    pub data_dir: &'a std::path::Path,
    /// The database file opened for reading only: shown, and nothing can be saved.
    pub read_only: Option<crate::store::Unwritable>,
    pub data: &'a Data,
    pub year: i32,
    /// The unit chosen on the Format RKT page.
    pub unit: Option<i64>,
    /// The official signed in with their PIN; `None` while only viewing.
    pub acting: Option<&'a Official>,
    /// A sign-in waiting for a new PIN (none yet, or a one-time PIN to replace).
    pub new_pin_wanted: Option<&'a NewPinWanted>,
    pub now: NaiveDateTime,
    /// Every step of the SOP with its state at `now` (projected when the cycle is not started).
    pub steps: Vec<StepView>,
}

impl ViewCtx<'_> {
    /// The active step when it is one where the draft is corrected.
    pub fn correction_step(&self) -> Option<&crate::domain::sop::Step> {
        self.data.cycle.as_ref()?.1.correction_step(self.sop)
    }
}

pub struct Running {
    session: Session,
    /// The slow command running beside the window: its forms are settled when it is done.
    running_cmd: Option<Command>,
    db_label: String,
    /// Written by the views: their own form state and the dismissible message line.
    flash: Option<Flash>,
    forms: Forms,
    frames: u64,
    exit_after_first_frame: Option<Instant>,
}

/// The program's window: running, or showing why it could not start.
pub enum App {
    Running(Box<Running>),
    Failed { title: String, message: String },
}

impl App {
    pub fn new(ctx: &egui::Context, init: AppInit) -> App {
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
        let flash = None;
        // Whoever acted last on this PC is offered again (their PIN is asked), at their unit.
        let mut masuk = views::masuk::MasukForm::default();
        if let Ok(Some(id)) = session.store().remembered_acting() {
            masuk.remembered = Some(id);
            let unit = session
                .store()
                .official(id)
                .ok()
                .flatten()
                .and_then(|o| o.unit_id);
            session.preselect_unit(unit);
        }
        if let Err(e) = session.reload() {
            return App::Failed {
                title: "Basis data tidak bisa dibaca".into(),
                message: e.to_string(),
            };
        }
        let forms = Forms {
            pengaturan: views::pengaturan::PengaturanForm::from_data(session.data()),
            masuk,
            ..Default::default()
        };
        App::Running(Box::new(Running {
            session,
            running_cmd: None,
            db_label: init.db_label,
            flash,
            forms,
            frames: 0,
            exit_after_first_frame: init.exit_after_first_frame,
        }))
    }

    /// A window that only explains why the program cannot run (broken sop.toml, foreign DB).
    pub fn failed(ctx: &egui::Context, title: &str, message: &str) -> App {
        theme::apply(ctx);
        App::Failed {
            title: title.into(),
            message: message.into(),
        }
    }

    /// For tests: the running state, to send a command as a view would.
    #[doc(hidden)]
    pub fn running_mut(&mut self) -> Option<&mut Running> {
        match self {
            App::Running(r) => Some(r),
            App::Failed { .. } => None,
        }
    }

    /// For tests: the running state.
    pub fn running(&self) -> Option<&Running> {
        match self {
            App::Running(r) => Some(r),
            App::Failed { .. } => None,
        }
    }
}

impl Running {
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
        self.forms.format.unsaved()
    }

    pub fn flash(&self) -> Option<&Flash> {
        self.flash.as_ref()
    }

    /// Slow work running beside the window, if any.
    pub fn busy(&self) -> Option<&crate::session::Busy> {
        self.session.busy()
    }

    /// Applies one command; the result is shown in the flash line.
    pub fn apply(&mut self, cmd: Command) {
        // A cell's text the database refuses (full disk, read-only file) stays on screen.
        let cell = matches!(
            cmd,
            Command::Rkt(RktEdit::SetCell { .. }) | Command::RktTyping { .. }
        )
        .then(|| cmd.clone());
        let waiting = self.forms.format.unsaved();
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
        if let Some(c) = &cell {
            self.forms
                .format
                .settle(c, result.is_ok(), self.session.unit());
        }
        // The last refused cell is in: the disk-full message above no longer holds.
        let result = match result {
            Ok(None) if waiting > 0 && self.forms.format.unsaved() == 0 => {
                Ok(Some(ALL_CELLS_SAVED.into()))
            }
            other => other,
        };
        self.show(result);
    }

    /// A command's outcome in the message line: what was done, or why nothing was.
    fn show(&mut self, result: Result<Option<String>, crate::store::StoreError>) {
        match result {
            Ok(Some(msg)) => self.flash = Some(Flash::Ok(msg)),
            Ok(None) => {}
            Err(e) => {
                // SQLite's own words go to the log for the IT staff; the user reads ours.
                match &e {
                    crate::store::StoreError::Sqlite(inner) => {
                        log::warn!("ditolak: {e} ({inner})")
                    }
                    _ => log::warn!("ditolak: {e}"),
                }
                self.flash = Some(Flash::Err(e.to_string()));
            }
        }
    }
}

/// What the views read this frame (borrowing the session, not the forms they write).
fn view_ctx<'a>(s: &'a Session, db_label: &'a str) -> ViewCtx<'a> {
    {
        let now = s.now();
        let data = s.data();
        let steps = match &data.cycle {
            Some((_, state)) => state.step_views(s.sop(), &data.calendar, now),
            None => CycleState::replay(s.sop(), &data.calendar, &[])
                .map(|st| st.step_views(s.sop(), &data.calendar, now))
                .unwrap_or_default(),
        };
        ViewCtx {
            sop: s.sop(),
            sop_source: s.sop_source(),
            db_label,
            data_dir: s.data_dir(),
            read_only: s.store().unwritable(),
            data,
            year: s.year(),
            unit: s.unit(),
            acting: s.acting(),
            new_pin_wanted: s.new_pin_wanted(),
            now,
            steps,
        }
    }
}

impl Running {
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
        self.running_cmd = None;
        self.show(result);
    }

    /// After the first frame is on screen (nothing it does not need runs before it): the first
    /// start of the day keeps a copy of yesterday's state, before any input is applied.
    fn after_first_frame(&mut self) {
        if let Err(e) = self.session.auto_backup(backup::Reason::Daily) {
            log::error!("cadangan harian gagal: {e}");
            self.flash = Some(Flash::Err(format!("Cadangan harian gagal: {e}")));
        }
        self.session.refresh_backups();
    }

    fn ui(&mut self, ui: &mut egui::Ui) {
        if self.frames == 1 {
            self.after_first_frame();
        }
        self.finish_ui(ui);
        let mut commands = Vec::new();
        // Any input restarts the idle clock; past the idle time the person is signed out.
        if ui.input(|i| !i.events.is_empty()) {
            self.session.touch();
        }
        if let Some(msg) = self.session.sign_out_if_idle() {
            commands.extend(self.forms.pending(&self.session.data().rows));
            self.flash = Some(Flash::Ok(msg));
            self.forms.masuk.close();
        }
        if let Some(deadline) = self.session.idle_deadline() {
            let left = (deadline - self.session.now()).num_milliseconds().max(0) as u64;
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(left + 50));
        }
        // Closing the window: what is being typed in a cell or a correction is committed first.
        if ui.input(|i| i.viewport().close_requested()) {
            commands.extend(self.forms.pending(&self.session.data().rows));
        }
        {
            let ctx = view_ctx(&self.session, &self.db_label);
            let page = self.session.page();
            views::shell::top_bar_ui(ui, &ctx, page, &mut self.forms.masuk, &mut commands);
            views::shell::read_only_ui(ui, &ctx);
            views::shell::busy_ui(ui, self.session.busy());
            views::shell::flash_ui(ui, &mut self.flash);
            views::masuk::masuk_ui(ui, &ctx, &mut self.forms.masuk, &mut commands);
            let forms = &mut self.forms;
            egui::CentralPanel::default().show(ui, |ui| match page {
                Page::Beranda => {
                    views::beranda::beranda_ui(ui, &ctx, &mut forms.beranda, &mut commands)
                }
                Page::AlurSop => views::alur::alur_ui(ui, &ctx, &mut forms.alur, &mut commands),
                Page::FormatRkt => {
                    views::format_rkt::format_ui(ui, &ctx, &mut forms.format, &mut commands)
                }
                Page::TandaTanganArsip => {
                    views::arsip::arsip_ui(ui, &ctx, &mut forms.arsip, &mut commands)
                }
                Page::Pengaturan => {
                    views::pengaturan::pengaturan_ui(ui, &ctx, &mut forms.pengaturan, &mut commands)
                }
            });
        }
        // Leaving the page, the year, or the person (and with them the unit) commits what is
        // still being typed first: an open draft correction, a cell of the unit's table.
        let leaving = commands.iter().any(|c| {
            matches!(
                c,
                Command::Navigate(_)
                    | Command::SelectYear(_)
                    | Command::SignIn { .. }
                    | Command::SignOut
            )
        });
        if leaving {
            let first = self.forms.pending(&self.session.data().rows);
            commands.splice(0..0, first);
        }
        for cmd in commands {
            self.apply(cmd);
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        match self {
            App::Running(r) => {
                r.ui(ui);
                r.frames += 1;
                if let Some(t0) = r.exit_after_first_frame {
                    // `ui` runs before its frame is painted: on the second call the first one
                    // has been presented.
                    if r.frames >= 2 {
                        r.exit_after_first_frame = None;
                        let ms = t0.elapsed().as_millis();
                        println!("{ms}");
                        log::info!("bingkai pertama setelah {ms} ms");
                        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                    } else {
                        ui.ctx().request_repaint();
                    }
                }
            }
            App::Failed { title, message } => views::shell::failed_ui(ui, title, message),
        }
    }
}
