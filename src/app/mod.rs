//! The window: a thin shell that holds the state, draws the page, and applies the views'
//! commands through the store.

mod command;
pub mod theme;
mod undo;
pub mod views;

use std::time::Instant;

use chrono::{Datelike, NaiveDateTime};

pub use command::{Command, RktEdit};

use crate::backup;
use crate::domain::calendar::WorkCalendar;
use crate::domain::rkt::{Diff, DraftRow, TableCheck};
use crate::domain::sop::Sop;
use crate::domain::workflow::{Actor, CycleState, Intent, StepView};
use crate::export;
use crate::paths::SopSource;
use crate::renderer::RendererMemory;
use crate::store::{
    AuditEntry, CycleRow, DraftInfo, Holiday, MasterData, Note, Official, RktRow, Settings, Store,
    StoreError, Unit, UnitStatus,
};

pub const WINDOW_TITLE: &str = "SOP Penyusunan RKT — Satpol PP Kabupaten Balangan";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Beranda,
    AlurSop,
    FormatRkt,
    TandaTanganArsip,
    Pengaturan,
}

impl Page {
    pub const ALL: [Page; 5] = [
        Page::Beranda,
        Page::AlurSop,
        Page::FormatRkt,
        Page::TandaTanganArsip,
        Page::Pengaturan,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Page::Beranda => "Beranda",
            Page::AlurSop => "Alur SOP",
            Page::FormatRkt => "Format RKT",
            Page::TandaTanganArsip => "Tanda Tangan & Arsip",
            Page::Pengaturan => "Pengaturan",
        }
    }
}

/// The office's clock (local WITA time); tests pass a fixed one.
pub type Clock = Box<dyn Fn() -> NaiveDateTime>;

/// The real clock in the office's time zone.
pub fn system_clock() -> Clock {
    Box::new(|| {
        chrono::Utc::now()
            .with_timezone(&crate::domain::calendar::wita())
            .naive_local()
    })
}

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
}

/// What the database says, loaded after each change rather than every frame.
#[derive(Default)]
pub struct Data {
    pub settings: Settings,
    pub officials: Vec<Official>,
    pub holidays: Vec<Holiday>,
    pub units: Vec<Unit>,
    pub years: Vec<i32>,
    pub cycle: Option<(CycleRow, CycleState)>,
    /// A stored history the SOP no longer accepts (e.g. sop.toml changed mid-cycle).
    pub cycle_error: Option<String>,
    pub audit: Vec<AuditEntry>,
    pub calendar: WorkCalendar,
    pub master: MasterData,
    /// The FORMAT RKT rows of the unit chosen on the Format RKT page.
    pub rows: Vec<RktRow>,
    /// Of those rows: each one's problems, how many have one, and their pagu (kept up to date on
    /// load and per keystroke, never computed per frame).
    pub rows_check: TableCheck,
    pub unit_statuses: Vec<UnitStatus>,
    pub drafts: Vec<DraftInfo>,
    /// True while nothing has been entered: Beranda offers the demo data.
    pub empty_office: bool,
    /// The draft version shown on the Draft RKT tab (the newest unless one is chosen).
    pub draft_shown: Option<DraftInfo>,
    pub draft_rows: Vec<DraftRow>,
    /// The two versions compared, older first, and what changed.
    pub compared: Option<(i64, i64, Diff)>,
    pub notes: Vec<Note>,
    /// The selected year's signature, if signed.
    pub signature: Option<crate::store::Signature>,
    pub archive: Vec<crate::store::ArchiveEntry>,
    /// Officials with a signing PIN set.
    pub pins: Vec<i64>,
    /// Which office images are set (logo, signature scan, stamp).
    pub images: Vec<crate::store::ImageRole>,
    /// The backups in the data folder, newest first.
    pub backups: Vec<backup::Backup>,
    /// An Excel file read for import, waiting for the user's yes.
    pub import: Option<(std::path::PathBuf, crate::xlsx::import::Preview)>,
}

impl Data {
    pub fn unit_status(&self, unit_id: i64) -> Option<&UnitStatus> {
        self.unit_statuses.iter().find(|u| u.unit.id == unit_id)
    }
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
    pub acting: Option<&'a Official>,
    pub now: NaiveDateTime,
    /// Every step of the SOP with its state at `now` (projected when the cycle is not started).
    pub steps: Vec<StepView>,
}

/// The forms of the views, kept between frames.
#[derive(Default)]
pub struct Forms {
    pub arsip: views::arsip::ArsipForm,
    pub beranda: views::beranda::BerandaForm,
    pub alur: views::alur::AlurForm,
    pub format: views::format_rkt::FormatForm,
    pub pengaturan: views::pengaturan::PengaturanForm,
}

impl Forms {
    /// What is still being typed, as the commands that keep it: an open draft correction, then
    /// the cells of the unit's table (`rows`). Taken when the window closes or its page, year or
    /// acting official changes.
    fn pending(&mut self, rows: &[RktRow]) -> Vec<Command> {
        let mut out: Vec<Command> = self.format.draft.pending().into_iter().collect();
        out.extend(self.format.pending(rows));
        out
    }
}

/// The model: what the views read during a frame.
pub struct Core {
    store: Store,
    sop: Sop,
    sop_source: SopSource,
    db_label: String,
    data_dir: std::path::PathBuf,
    clock: Clock,
    page: Page,
    year: i32,
    unit: Option<i64>,
    acting_as: Option<i64>,
    data: Data,
    undo: undo::History,
    /// Draft version chosen for display (None: the newest), and the pair compared.
    draft_choice: Option<i64>,
    compare: Option<(i64, i64)>,
}

pub struct Running {
    core: Core,
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
        let year = (init.clock)().year();
        let mut running = Running {
            core: Core {
                store: init.store,
                sop: init.sop,
                sop_source: init.sop_source,
                db_label: init.db_label,
                data_dir: init.data_dir,
                clock: init.clock,
                page: Page::Beranda,
                year,
                unit: None,
                acting_as: None,
                data: Data::default(),
                undo: undo::History::default(),
                draft_choice: None,
                compare: None,
            },
            flash: None,
            forms: Forms::default(),
            frames: 0,
            exit_after_first_frame: init.exit_after_first_frame,
        };
        // The first start of the day keeps a copy of yesterday's state.
        if let Err(e) = running.core.auto_backup(backup::Reason::Daily) {
            log::error!("cadangan harian gagal: {e}");
            running.flash = Some(Flash::Err(format!("Cadangan harian gagal: {e}")));
        }
        running.core.refresh_backups();
        // Whoever acted last on this PC is chosen again, at their own unit, before the one
        // load of the data (which drops an official no longer active).
        if let Ok(Some(id)) = running.core.store.remembered_acting() {
            running.core.acting_as = Some(id);
            running.core.unit = running
                .core
                .store
                .official(id)
                .ok()
                .flatten()
                .and_then(|o| o.unit_id);
        }
        if let Err(e) = running.core.reload() {
            return App::Failed {
                title: "Basis data tidak bisa dibaca".into(),
                message: e.to_string(),
            };
        }
        running.forms.pengaturan = views::pengaturan::PengaturanForm::from_data(&running.core.data);
        App::Running(Box::new(running))
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
        &self.core.store
    }

    pub fn page(&self) -> Page {
        self.core.page
    }

    pub fn year(&self) -> i32 {
        self.core.year
    }

    /// The unit chosen on the Format RKT page.
    pub fn unit(&self) -> Option<i64> {
        self.core.unit
    }

    /// The official chosen in "Bertindak sebagai".
    pub fn acting_id(&self) -> Option<i64> {
        self.core.acting_as
    }

    /// For tests: cells whose text is on screen but not in the database.
    #[doc(hidden)]
    pub fn unsaved_cells(&self) -> usize {
        self.forms.format.unsaved()
    }

    pub fn flash(&self) -> Option<&Flash> {
        self.flash.as_ref()
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
        // A restore or the demo data changes the database under the forms: they show what it
        // holds afterwards (a form kept from before would write its old values back).
        let replaces = matches!(cmd, Command::Restore(_) | Command::FillDemo);
        let result = self.core.apply(cmd, &mut self.forms);
        if replaces && result.is_ok() {
            self.forms.pengaturan = views::pengaturan::PengaturanForm::from_data(&self.core.data);
        }
        if let Some(c) = &cell {
            self.forms.format.settle(c, result.is_ok(), self.core.unit);
        }
        match result {
            Ok(Some(msg)) => self.flash = Some(Flash::Ok(msg)),
            // The last refused cell is in: the disk-full message above no longer holds.
            Ok(None) if waiting > 0 && self.forms.format.unsaved() == 0 => {
                self.flash = Some(Flash::Ok(ALL_CELLS_SAVED.into()));
            }
            Ok(None) => {}
            Err(e) => {
                log::warn!("ditolak: {e}");
                self.flash = Some(Flash::Err(e.to_string()));
            }
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui) {
        let mut commands = Vec::new();
        // Closing the window: what is being typed in a cell or a correction is committed first.
        if ui.input(|i| i.viewport().close_requested()) {
            commands.extend(self.forms.pending(&self.core.data.rows));
        }
        {
            let ctx = self.core.view_ctx();
            views::shell::top_bar_ui(ui, &ctx, self.core.page, &mut commands);
            views::shell::read_only_ui(ui, &ctx);
            views::shell::flash_ui(ui, &mut self.flash);
            egui::CentralPanel::default().show(ui, |ui| match self.core.page {
                Page::Beranda => {
                    views::beranda::beranda_ui(ui, &ctx, &mut self.forms.beranda, &mut commands)
                }
                Page::AlurSop => {
                    views::alur::alur_ui(ui, &ctx, &mut self.forms.alur, &mut commands)
                }
                Page::FormatRkt => {
                    views::format_rkt::format_ui(ui, &ctx, &mut self.forms.format, &mut commands)
                }
                Page::TandaTanganArsip => {
                    views::arsip::arsip_ui(ui, &ctx, &mut self.forms.arsip, &mut commands)
                }
                Page::Pengaturan => views::pengaturan::pengaturan_ui(
                    ui,
                    &ctx,
                    &mut self.forms.pengaturan,
                    &mut commands,
                ),
            });
        }
        // Leaving the page, the year, the acting official (and with them the unit) commits what
        // is still being typed first: an open draft correction, a cell of the unit's table.
        let leaving = commands.iter().any(|c| {
            matches!(
                c,
                Command::Navigate(_) | Command::SelectYear(_) | Command::ActAs(_)
            )
        });
        if leaving {
            let first = self.forms.pending(&self.core.data.rows);
            commands.splice(0..0, first);
        }
        for cmd in commands {
            self.apply(cmd);
        }
    }
}

/// Writes our copy of a PDF to our temporary folder and opens it in the system's viewer.
fn open_copy(name: &str, bytes: &[u8], print: bool) -> Result<String, StoreError> {
    let path = crate::viewer::temp_file(name)?;
    export::write_file(&path, bytes)?;
    crate::viewer::open(&path)?;
    Ok(if print {
        format!("{name} dibuka di penampil PDF; tekan Ctrl+P untuk mencetak.")
    } else {
        format!("{name} dibuka di penampil PDF.")
    })
}

impl Core {
    /// A backup of the database file before a risky step (none for a database in memory).
    /// The daily one only when today has none.
    fn auto_backup(&mut self, reason: backup::Reason) -> Result<(), StoreError> {
        if self.store.path().is_none() {
            return Ok(());
        }
        let dir = backup::dir(&self.data_dir);
        let now = (self.clock)();
        let made = match reason {
            backup::Reason::Daily => backup::daily(&self.store, &dir, now)?,
            other => Some(backup::make(&self.store, &dir, other, now)?),
        };
        if let Some(b) = made {
            log::info!("cadangan {} dibuat: {}", b.reason.label(), b.path.display());
            self.refresh_backups();
        }
        Ok(())
    }

    /// The backup folder is read when a copy is made or restored, not after every edit.
    fn refresh_backups(&mut self) {
        self.data.backups = backup::list(&backup::dir(&self.data_dir));
    }

    /// Replaces the database with a backup, keeping the current state as a backup first.
    fn restore(&mut self, from: &std::path::Path) -> Result<String, StoreError> {
        let keep = backup::restore(
            &mut self.store,
            from,
            &backup::dir(&self.data_dir),
            (self.clock)(),
        )?;
        self.undo = undo::History::default();
        self.draft_choice = None;
        self.compare = None;
        self.refresh_backups();
        Ok(backup::restored(from, &keep))
    }

    fn reload(&mut self) -> Result<(), StoreError> {
        let s = &self.store;
        self.data.settings = s.settings()?;
        self.data.officials = s.officials()?;
        self.data.holidays = s.holidays()?;
        self.data.units = s.units()?;
        self.data.years = s.cycle_years()?;
        self.data.calendar = s.work_calendar()?;
        self.data.audit = s.audit_for_year(Some(self.year), 500)?;
        self.data.master = s.master_data()?;
        self.data.unit_statuses = s.unit_statuses(self.year)?;
        self.data.drafts = s.drafts(self.year)?;
        self.data.empty_office = s.is_empty_office()?;
        self.data.signature = s.signature(self.year)?;
        self.data.archive = s.archive_entries()?;
        self.data.pins = s.officials_with_pin()?;
        self.data.images = s.office_images_set()?;
        if self.unit.is_none() {
            self.unit = self.data.units.first().map(|u| u.id);
        }
        self.data.rows = match self.unit {
            Some(u) => s.rkt_rows(self.year, u)?,
            None => Vec::new(),
        };
        let known = |c: &str| self.data.master.is_sub_kegiatan(c);
        self.data.rows_check = TableCheck::of(self.data.rows.iter().map(|r| &r.values), &known);
        let shown = self
            .draft_choice
            .and_then(|v| self.data.drafts.iter().find(|d| d.version == v))
            .or(self.data.drafts.first())
            .cloned();
        self.data.draft_rows = match &shown {
            Some(d) => s.draft_rows(d.id)?,
            None => Vec::new(),
        };
        self.data.draft_shown = shown;
        self.data.notes = s.notes(self.year)?;
        self.data.compared = match self.compare {
            Some((a, b)) => {
                let id = |v: i64| {
                    self.data
                        .drafts
                        .iter()
                        .find(|d| d.version == v)
                        .map(|d| d.id)
                };
                match (id(a.min(b)), id(a.max(b))) {
                    (Some(x), Some(y)) => Some((
                        a.min(b),
                        a.max(b),
                        crate::domain::rkt::diff(&s.draft_rows(x)?, &s.draft_rows(y)?),
                    )),
                    _ => None,
                }
            }
            None => None,
        };
        match s.cycle_state(&self.sop, self.year) {
            Ok(cycle) => {
                self.data.cycle = cycle;
                self.data.cycle_error = None;
            }
            Err(StoreError::Workflow(e)) => {
                self.data.cycle = None;
                self.data.cycle_error = Some(format!(
                    "Riwayat siklus {} tidak cocok dengan SOP yang dipakai ({}): {e}",
                    self.year,
                    self.sop_source.describe()
                ));
            }
            Err(e) => return Err(e),
        }
        if let Some(id) = self.acting_as
            && !self.data.officials.iter().any(|o| o.id == id && o.active)
        {
            self.acting_as = None;
        }
        Ok(())
    }

    fn acting(&self) -> Option<&Official> {
        let id = self.acting_as?;
        self.data.officials.iter().find(|o| o.id == id)
    }

    /// The actor of a settings change: the official chosen, or the operator when none is.
    fn actor_or_operator(&self) -> Actor {
        self.acting()
            .map(Official::actor)
            .unwrap_or_else(Actor::operator)
    }

    /// The official chosen in "Bertindak sebagai", required for acts that carry a name.
    fn acting_actor(&self) -> Result<Actor, StoreError> {
        self.acting().map(Official::actor).ok_or_else(|| {
            StoreError::Invalid("Pilih dulu pejabat di \"Bertindak sebagai\".".into())
        })
    }

    /// The actor must stand in a lane of the step that has `req` (e.g. the TIM for step 5).
    fn require_lane_of(
        &self,
        req: crate::domain::sop::Requirement,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let Some(step) = self.sop.step_requiring(req) else {
            return Ok(());
        };
        if self.sop.admits(step, &actor.lanes) {
            Ok(())
        } else {
            Err(StoreError::Invalid(format!(
                "Hanya {} (pelaksana langkah {}) yang boleh melakukan ini.",
                self.sop.lane_names(step),
                step.no
            )))
        }
    }

    /// Corrections belong to the steps between the compilation and the head's decision, to
    /// the lanes of the step that is active then.
    fn require_correction_turn(&self, actor: &Actor) -> Result<(), StoreError> {
        match correction_step(&self.sop, &self.data) {
            Some(step) if self.sop.admits(step, &actor.lanes) => Ok(()),
            Some(step) => Err(StoreError::Invalid(format!(
                "Koreksi Draft RKT pada langkah {} dilakukan oleh {}.",
                step.no,
                self.sop.lane_names(step)
            ))),
            None => Err(StoreError::Invalid(
                "Draft RKT hanya dikoreksi saat langkah koreksi (sesudah kompilasi, sebelum keputusan Kepala) sedang aktif.".into(),
            )),
        }
    }

    fn view_ctx(&self) -> ViewCtx<'_> {
        let now = (self.clock)();
        let steps = match &self.data.cycle {
            Some((_, state)) => state.step_views(&self.sop, &self.data.calendar, now),
            None => CycleState::replay(&self.sop, &self.data.calendar, &[])
                .map(|s| s.step_views(&self.sop, &self.data.calendar, now))
                .unwrap_or_default(),
        };
        ViewCtx {
            sop: &self.sop,
            sop_source: &self.sop_source,
            db_label: &self.db_label,
            data_dir: &self.data_dir,
            read_only: self.store.unwritable(),
            data: &self.data,
            year: self.year,
            unit: self.unit,
            acting: self.acting(),
            now,
            steps,
        }
    }

    /// Applies one command and reloads what it changed. Returns the message to show.
    fn apply(&mut self, cmd: Command, forms: &mut Forms) -> Result<Option<String>, StoreError> {
        let now = (self.clock)();
        let msg = match cmd {
            Command::Navigate(page) => {
                self.page = page;
                return Ok(None);
            }
            Command::ActAs(id) => {
                self.acting_as = id;
                // Remembered for the next start; a database that cannot be written only
                // forgets it.
                if let Err(e) = self.store.remember_acting(id) {
                    log::warn!("pilihan \"Bertindak sebagai\" tidak tersimpan: {e}");
                }
                // The Format RKT page opens at the official's own unit.
                if let Some(unit) = self.acting().and_then(|o| o.unit_id)
                    && self.unit != Some(unit)
                {
                    self.unit = Some(unit);
                    self.undo = undo::History::default();
                } else {
                    return Ok(None);
                }
                None
            }
            Command::SelectYear(year) => {
                self.year = year;
                self.undo = undo::History::default();
                None
            }
            Command::SelectUnit(unit) => {
                self.unit = Some(unit);
                self.undo = undo::History::default();
                None
            }
            Command::AddIndikator {
                sasaran,
                indikator,
                satuan,
                target,
            } => {
                let actor = self.actor_or_operator();
                let targets = vec![(self.year, target)];
                self.store
                    .add_indikator(&sasaran, &indikator, &satuan, &targets, &actor, now)?;
                forms.pengaturan.master = Default::default();
                Some(format!(
                    "Indikator \"{}\" ditambahkan ke Renstra.",
                    indikator.trim()
                ))
            }
            Command::SaveCode { code, name } => {
                let actor = self.actor_or_operator();
                self.store.save_code(&code, &name, &actor, now)?;
                forms.pengaturan.master = Default::default();
                Some(format!("Kode {} disimpan.", code.trim()))
            }
            Command::AddFunding(name) => {
                let actor = self.actor_or_operator();
                self.store.add_funding_source(&name, &actor, now)?;
                forms.pengaturan.master = Default::default();
                Some(format!("Sumber dana {} ditambahkan.", name.trim()))
            }
            Command::FillDemo => {
                let r = crate::export::fill_demo(&mut self.store, &self.sop, self.year, 40, now)?;
                Some(format!(
                    "Data contoh diisikan: {} pejabat, {} baris FORMAT RKT (pagu {}), dan RKT {} yang sudah ditandatangani di Arsip (PIN contoh Kepala: {}). Semua nama dan NIP rekaan.",
                    r.officials,
                    r.rows,
                    crate::domain::rkt::format_rupiah(r.pagu),
                    r.signed_year.as_ref().map_or(0, |s| s.0),
                    r.signed_year.as_ref().map_or("", |s| s.1.as_str()),
                ))
            }
            Command::Rkt(edit) => {
                let actor = self.actor_or_operator();
                let (year, unit) = (self.year, self.unit.unwrap_or_default());
                let op = undo::apply_edit(&mut self.store, year, unit, edit, &actor, now)?;
                if let Some(op) = op {
                    self.undo.push(op);
                }
                None
            }
            Command::AddNote { row_key, text } => {
                let actor = self.acting_actor()?;
                let step = self.data.cycle.as_ref().and_then(|(_, c)| c.active);
                self.store
                    .add_note(self.year, row_key.as_deref(), step, &text, &actor, now)?;
                forms.format.draft.note.clear();
                Some("Catatan koreksi ditambahkan.".into())
            }
            Command::ResolveNote(id) => {
                let actor = self.acting_actor()?;
                self.store.resolve_note(id, &actor, now)?;
                Some("Catatan ditandai selesai.".into())
            }
            Command::ShowDraft(version) => {
                self.draft_choice = version;
                None
            }
            Command::CompareDrafts(pair) => {
                self.compare = pair;
                None
            }
            Command::Sign { pin, use_images } => {
                let actor = self.acting_actor()?;
                self.auto_backup(backup::Reason::BeforeSign)?;
                let sig = self
                    .store
                    .sign(&self.sop, self.year, &pin, use_images, &actor, now)?;
                Some(format!(
                    "RKT {} versi {} ditandatangani oleh {} Kode verifikasi {}. Langkah berikutnya: arsipkan.",
                    sig.year,
                    sig.version,
                    crate::domain::indo::sentence_end(&sig.name),
                    sig.code()
                ))
            }
            Command::Archive => {
                let actor = self.acting_actor()?;
                let e = export::archive_year(&mut self.store, &self.sop, self.year, &actor, now)?;
                Some(format!(
                    "RKT {} diarsipkan: PDF {} KB, ada di daftar Arsip RKT (halaman Tanda Tangan & Arsip).",
                    e.year,
                    e.size.div_ceil(1024),
                ))
            }
            Command::ExportRkt(path) => {
                let bytes = export::rkt_pdf(&self.store, self.year, now)?;
                export::write_file(&path, &bytes)?;
                Some(format!(
                    "PDF RKT {} disimpan ke {}.",
                    self.year,
                    path.display()
                ))
            }
            Command::ExportSop(path) => {
                let bytes = export::sop_pdf(&self.store, &self.sop, now)?;
                export::write_file(&path, &bytes)?;
                Some(format!("PDF dokumen SOP disimpan ke {}.", path.display()))
            }
            Command::OpenRkt { print } => {
                let bytes = export::rkt_pdf(&self.store, self.year, now)?;
                let name = format!("RKT {}.pdf", self.year);
                Some(open_copy(&name, &bytes, print)?)
            }
            Command::OpenArchived { id, print } => {
                let bytes = self
                    .store
                    .archived_pdf(id)?
                    .ok_or_else(|| StoreError::Invalid("Arsip tidak ditemukan.".into()))?;
                let year = self
                    .data
                    .archive
                    .iter()
                    .find(|e| e.id == id)
                    .map_or(0, |e| e.year);
                Some(open_copy(
                    &format!("RKT {year} (arsip).pdf"),
                    &bytes,
                    print,
                )?)
            }
            Command::SaveArchived { id, path } => {
                let bytes = self
                    .store
                    .archived_pdf(id)?
                    .ok_or_else(|| StoreError::Invalid("Arsip tidak ditemukan.".into()))?;
                export::write_file(&path, &bytes)?;
                Some(format!("Salinan arsip disimpan ke {}.", path.display()))
            }
            Command::Verify(path) => {
                let bytes = export::read_candidate(&path)?;
                match self.store.find_archived(&bytes)? {
                    Some(e) => Some(format!(
                        "ASLI: {} sama persis dengan RKT tahun {} versi {}, ditandatangani {} pada {} (kode {}).",
                        path.display(),
                        e.year,
                        e.version,
                        e.signer,
                        crate::domain::indo::datetime(e.signed_at),
                        e.code
                    )),
                    None => {
                        return Err(StoreError::Invalid(format!(
                            "TIDAK ASLI: {} tidak sama dengan RKT mana pun di arsip (satu bita pun berbeda sudah cukup).",
                            path.display()
                        )));
                    }
                }
            }
            Command::SetPin {
                official_id,
                old,
                pin,
                again,
            } => {
                if pin != again {
                    return Err(StoreError::Invalid(
                        "PIN dan ulangannya tidak sama; ketik ulang keduanya.".into(),
                    ));
                }
                let actor = self.actor_or_operator();
                self.store
                    .set_pin(official_id, Some(&old), &pin, &actor, now)?;
                forms.pengaturan.pin = Default::default();
                Some("PIN tanda tangan disimpan (tersandi: PIN itu sendiri tidak disimpan).".into())
            }
            Command::SetImage { role, path } => {
                let bytes = match &path {
                    Some(p) => Some(export::read_image(p)?),
                    None => None,
                };
                let actor = self.actor_or_operator();
                self.store
                    .set_office_image(role, bytes.as_deref(), &actor, now)?;
                Some(match path {
                    Some(_) => format!("{} disimpan.", role.label()),
                    None => format!("{} dihapus.", role.label()),
                })
            }
            Command::ExportTemplate(path) => {
                let unit = self
                    .unit
                    .and_then(|u| self.data.units.iter().find(|x| x.id == u))
                    .ok_or_else(|| StoreError::Invalid("Pilih dulu unitnya.".into()))?;
                let bytes = export::template_xlsx(&self.store, self.year, unit)?;
                export::write_new(&path, &bytes)?;
                Some(format!(
                    "Templat Excel {} tahun {} disimpan ke {}.",
                    unit.name,
                    self.year,
                    path.display()
                ))
            }
            Command::PreviewImport(path) => {
                let bytes = export::read_bounded(&path, crate::xlsx::import::MAX_FILE_BYTES)?;
                let master = &self.data.master;
                let preview = crate::xlsx::import::read(&bytes, &|c| master.is_sub_kegiatan(c))
                    .map_err(StoreError::Invalid)?;
                let problems = preview.problems.len();
                let msg = format!(
                    "{} baris terbaca untuk {} tahun {}. Periksa, lalu pilih \"Impor\".",
                    preview.rows.len(),
                    preview.unit_name,
                    preview.year
                );
                // The table under the preview is the one the import would replace.
                let (unit, year) = (preview.unit_id, preview.year);
                if self.data.units.iter().any(|u| u.id == unit)
                    && (self.unit != Some(unit) || self.year != year)
                {
                    self.unit = Some(unit);
                    self.year = year;
                    self.undo = undo::History::default();
                    self.reload()?;
                }
                self.data.import = Some((path, preview));
                if problems > 0 {
                    // Shown as a warning: the preview stays open with each problem listed.
                    return Err(StoreError::Invalid(format!(
                        "{problems} masalah di berkas; perbaiki di Excel lalu impor lagi. Belum ada yang disimpan."
                    )));
                }
                return Ok(Some(msg));
            }
            Command::ConfirmImport(yes) => {
                let Some((_, preview)) = self.data.import.take() else {
                    return Ok(None);
                };
                if !yes {
                    return Ok(Some("Impor dibatalkan; tidak ada yang disimpan.".into()));
                }
                if !preview.problems.is_empty() {
                    return Err(StoreError::Invalid(
                        "Berkas masih bermasalah; tidak ada yang disimpan.".into(),
                    ));
                }
                let actor = self.actor_or_operator();
                self.auto_backup(backup::Reason::BeforeImport)?;
                let replaced = self.store.import_rows(
                    preview.year,
                    preview.unit_id,
                    &preview.rows,
                    &actor,
                    now,
                )?;
                self.undo = undo::History::default();
                Some(format!(
                    "{} baris diimpor ke {} tahun {} (menggantikan {replaced} baris; salinan data sebelum impor tersimpan).",
                    preview.rows.len(),
                    preview.unit_name,
                    preview.year
                ))
            }
            Command::ExportRktXlsx(path) => {
                let bytes = export::rkt_xlsx(&self.store, self.year)?;
                export::write_new(&path, &bytes)?;
                Some(format!(
                    "Excel RKT {} disimpan ke {}.",
                    self.year,
                    path.display()
                ))
            }
            Command::BackupTo(path) => {
                self.store.copy_to(&path)?;
                Some(format!("Cadangan ditulis ke {}.", path.display()))
            }
            Command::Restore(path) => Some(self.restore(&path)?),
            Command::SetPaper(paper) => {
                let actor = self.actor_or_operator();
                self.store.save_paper(&paper, &actor, now)?;
                Some(format!("Kertas cetak RKT: {paper}."))
            }
            Command::RktTyping { row_id, col, text } => {
                self.store.set_cell(row_id, col, &text)?;
                // No reload per keystroke: the row in memory follows the database.
                let data = &mut self.data;
                if let Some(i) = data.rows.iter().position(|r| r.id == row_id) {
                    let old = data.rows[i].values.clone();
                    data.rows[i].values.set(col, text);
                    let known = |c: &str| data.master.is_sub_kegiatan(c);
                    data.rows_check
                        .update(i, &old, &data.rows[i].values, &known);
                }
                return Ok(None);
            }
            Command::Undo => {
                let actor = self.actor_or_operator();
                match self.undo.undo(&mut self.store, &actor, now)? {
                    true => Some("Perubahan terakhir diurungkan.".into()),
                    false => Some("Tidak ada yang bisa diurungkan.".into()),
                }
            }
            Command::Redo => {
                let actor = self.actor_or_operator();
                match self.undo.redo(&mut self.store, &actor, now)? {
                    true => Some("Perubahan diulangi.".into()),
                    false => Some("Tidak ada yang bisa diulangi.".into()),
                }
            }
            Command::Submit => {
                let actor = self.acting_actor()?;
                let unit = self.unit.unwrap_or_default();
                let master = self.store.master_data()?;
                self.store
                    .submit_unit(self.year, unit, &master, &actor, now)?;
                self.undo = undo::History::default();
                Some("FORMAT RKT dikumpulkan dan dikunci.".into())
            }
            Command::Reopen { reason } => {
                let actor = self.acting_actor()?;
                self.require_lane_of(crate::domain::sop::Requirement::FormatsSubmitted, &actor)?;
                let unit = self.unit.unwrap_or_default();
                self.store
                    .reopen_unit(self.year, unit, &reason, &actor, now)?;
                Some("FORMAT RKT dibuka kembali; alasannya tercatat.".into())
            }
            Command::Compile => {
                let actor = self.acting_actor()?;
                self.require_lane_of(crate::domain::sop::Requirement::DraftCompiled, &actor)?;
                self.auto_backup(backup::Reason::BeforeCompile)?;
                let master = self.store.master_data()?;
                let d = self.store.compile_draft(self.year, &master, &actor, now)?;
                self.draft_choice = None;
                Some(format!(
                    "Draft RKT versi {} tersusun: {} baris, pagu {}.",
                    d.version,
                    d.rows,
                    crate::domain::rkt::format_rupiah(d.pagu)
                ))
            }
            Command::Correct(c) => {
                let actor = self.acting_actor()?;
                let master = self.store.master_data()?;
                self.require_correction_turn(&actor)?;
                let v = self
                    .store
                    .correct_draft(self.year, &c, &master, &actor, now)?;
                self.draft_choice = None;
                Some(format!("Koreksi tersimpan sebagai Draft RKT versi {v}."))
            }
            Command::Workflow(intent) => {
                let actor = self.acting().map(Official::actor).ok_or_else(|| {
                    StoreError::Invalid("Pilih dulu pejabat di \"Bertindak sebagai\".".into())
                })?;
                let e = self
                    .store
                    .transition(&self.sop, self.year, &intent, &actor, now)?;
                forms.beranda = Default::default();
                forms.alur.action = Default::default();
                Some(match intent {
                    Intent::Start => format!("Siklus RKT tahun {} dimulai.", self.year),
                    Intent::Return { .. } => format!(
                        "Langkah {} dikembalikan untuk koreksi; alasannya tercatat.",
                        e.step
                    ),
                    _ => format!("Langkah {} selesai dan tercatat.", e.step),
                })
            }
            Command::SaveOffice(office) => {
                let actor = self.actor_or_operator();
                self.store.save_office(&office, &actor, now)?;
                Some("Data kantor disimpan.".into())
            }
            Command::SaveWorkingHours { start, end } => {
                let actor = self.actor_or_operator();
                self.store.save_working_hours(&start, &end, &actor, now)?;
                Some("Jam kerja disimpan.".into())
            }
            Command::SaveOfficial { id, input } => {
                let actor = self.actor_or_operator();
                self.store
                    .save_official(id, &input, &self.sop, &actor, now)?;
                forms.pengaturan.official = Default::default();
                Some(format!("Data pejabat {} disimpan.", input.name.trim()))
            }
            Command::AddHoliday { day, name } => {
                let actor = self.actor_or_operator();
                let d = self.store.add_holiday(&day, &name, &actor, now)?;
                forms.pengaturan.holiday = Default::default();
                Some(format!(
                    "{} dicatat sebagai hari libur.",
                    crate::domain::indo::date(d)
                ))
            }
            Command::SetRenderer(choice) => {
                let mut memory = RendererMemory::load(&self.data_dir);
                memory.setting = choice;
                memory.save(&self.data_dir)?;
                Some(format!(
                    "Cara menggambar jendela {} dipakai mulai program dibuka lagi.",
                    choice.map(|c| c.name()).unwrap_or("otomatis")
                ))
            }
            Command::RemoveHoliday(day) => {
                let actor = self.actor_or_operator();
                self.store.remove_holiday(day, &actor, now)?;
                Some("Hari libur dihapus.".into())
            }
        };
        self.reload()?;
        Ok(msg)
    }
}

/// The active step when it is one where the draft is corrected: after the step that needs a
/// compiled draft and before the first decision.
pub fn correction_step<'a>(sop: &'a Sop, data: &Data) -> Option<&'a crate::domain::sop::Step> {
    let active = data.cycle.as_ref()?.1.active?;
    let compile = sop
        .step_requiring(crate::domain::sop::Requirement::DraftCompiled)?
        .no;
    let decision = sop
        .steps
        .iter()
        .find(|s| s.symbol == crate::domain::sop::Symbol::Decision)
        .map_or(u32::MAX, |s| s.no);
    (active > compile && active < decision)
        .then(|| sop.step(active))
        .flatten()
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
