//! The core the window and the command line both go through, without egui: it holds who is
//! signed in, which year, unit and page are chosen, what the database says (`Data`), and
//! applies each `Command` through the store, which checks every rule inside its transaction.

mod acts;
mod command;
mod files;
mod jobs;
mod keys;
pub mod laporan;
mod master_files;
mod office;
mod plan_files;
pub mod setup;
pub mod sheet;
pub mod undo;
mod year_plan;

use chrono::{Datelike, NaiveDateTime};

pub use command::{ActCmd, Command, FileCmd, KeyCmd, MasterCmd, OfficeCmd, RktEdit, ViewCmd};
pub use jobs::Busy;
pub use sheet::{Sheet, SheetCol};

use crate::backup;
use crate::domain::calendar::WorkCalendar;
use crate::domain::rkt::{Diff, DraftRow, TableCheck};
use crate::domain::sop::Sop;
use crate::domain::workflow::{CycleState, StepView};
use crate::paths::SopSource;
use crate::store::{
    AuditEntry, CycleRow, DraftInfo, Holiday, Identity, MasterData, Note, Official, RktRow,
    Settings, Store, StoreError, Unit, UnitStatus,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Beranda,
    AlurSop,
    FormatRkt,
    TandaTanganArsip,
    RencanaAksi,
    Realisasi,
    Laporan,
    Pengaturan,
}

impl Page {
    pub const ALL: [Page; 8] = [
        Page::Beranda,
        Page::AlurSop,
        Page::FormatRkt,
        Page::TandaTanganArsip,
        Page::RencanaAksi,
        Page::Realisasi,
        Page::Laporan,
        Page::Pengaturan,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Page::Beranda => "Beranda",
            Page::AlurSop => "Alur SOP",
            Page::FormatRkt => "Format RKT",
            Page::TandaTanganArsip => "Tanda Tangan & Arsip",
            Page::RencanaAksi => "Rencana Aksi",
            Page::Realisasi => "Realisasi",
            Page::Laporan => "Capaian & Laporan",
            Page::Pengaturan => "Pengaturan",
        }
    }
}

/// The office's clock (local WITA time); tests pass a fixed one. `Send`: a session may be
/// forked to do slow work beside the window.
pub type Clock = Box<dyn Fn() -> NaiveDateTime + Send>;

/// The real clock in the office's time zone.
pub fn system_clock() -> Clock {
    Box::new(|| {
        chrono::Utc::now()
            .with_timezone(&crate::domain::calendar::wita())
            .naive_local()
    })
}

/// What the database says, loaded after each change rather than every frame.
#[derive(Default)]
pub struct Data {
    pub settings: Settings,
    pub officials: Vec<Official>,
    pub holidays: Vec<Holiday>,
    /// The units of the selected year's FORMAT RKT (those in use, and a retired one that has
    /// rows in that year).
    pub units: Vec<Unit>,
    /// Every unit, retired ones last (Pengaturan).
    pub all_units: Vec<Unit>,
    pub years: Vec<i32>,
    pub cycle: Option<(CycleRow, CycleState)>,
    /// Without a cycle (not started, or its history does not fit the SOP): an empty one, so
    /// the steps can show who acts and the due dates they would have. Replayed on reload.
    pub projected_cycle: Option<CycleState>,
    /// A stored history the SOP no longer accepts (e.g. sop.toml changed mid-cycle).
    pub cycle_error: Option<String>,
    pub audit: Vec<AuditEntry>,
    /// What the audit log's chain check found broken (empty: intact), shown atop the Riwayat.
    pub chain_problems: Vec<String>,
    pub calendar: WorkCalendar,
    pub master: MasterData,
    pub periods: Vec<crate::store::RenstraPeriod>,
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
    /// Officials with a PIN set.
    pub pins: Vec<i64>,
    /// Which office images are set (logo, signature scan, stamp).
    pub images: Vec<crate::store::ImageRole>,
    /// The backups in the data folder, newest first.
    pub backups: Vec<backup::Backup>,
    /// "Mulai dari RKT tahun …" previewed, waiting for the user's yes.
    pub carry: Option<crate::domain::carry::CarryPlan>,
    /// A master-data workbook read and planned, waiting for the user's yes.
    pub master_import: Option<MasterPreview>,
    /// An Excel file read for import, waiting for the user's yes.
    pub import: Option<(std::path::PathBuf, crate::xlsx::import::Preview)>,
    /// Why the signed-in official acts for the chosen unit, when it is not their own.
    pub proxy: Option<String>,
    /// The Perjanjian Kinerja in the archive, newest year first.
    pub pk: Vec<crate::store::PkEntry>,
    /// The office certificates this database made, the live one first.
    pub office_roots: Vec<crate::store::OfficeRoot>,
    /// The signed-in official's signing key, if they have one.
    pub own_key: Option<crate::store::SignerKey>,
    /// Keys waiting for the office root holder's approval.
    pub key_requests: Vec<crate::store::KeyRequest>,
    /// Whether the office root's CRL needs its holder.
    pub crl_need: Option<crate::store::CrlNeed>,
    /// The certificates the live office root issued.
    pub issued: Vec<crate::store::IssuedCert>,
    /// Each indikator the newest draft version (the one signed, once signed) lists with more
    /// than one target: warned of before it is signed, and before the Perjanjian Kinerja.
    pub target_conflicts: Vec<crate::domain::rkt::TargetConflict>,
    /// The year's pengukuran kinerja: quarters, units, capaian, reports (Laporan, Beranda).
    pub measures: laporan::Measures,
    /// The Rencana Aksi and the chosen quarter's realisation of the chosen unit (year_plan.rs).
    pub plan: year_plan::PlanData,
}

impl Data {
    pub fn unit_status(&self, unit_id: i64) -> Option<&UnitStatus> {
        self.unit_statuses.iter().find(|u| u.unit.id == unit_id)
    }
}

/// A master-data workbook (Renstra or code list) read, and what importing it would do.
#[derive(Debug, Clone, PartialEq)]
pub struct MasterPreview {
    pub path: std::path::PathBuf,
    pub read: crate::xlsx::master::MasterRead,
    pub plan: crate::store::MasterPlan,
}

/// What a frame's `tick` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    /// The idle sign-out happened: what to say.
    pub signed_out: Option<String>,
    /// When the idle sign-out falls due.
    pub wake_in: Option<std::time::Duration>,
}

/// A sign-in that waits for a new PIN (none yet, or a one-time PIN to replace): who, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPinWanted {
    pub official_id: i64,
    pub why: String,
}

/// Everything a session starts from.
pub struct SessionInit {
    pub store: Store,
    pub sop: Sop,
    pub sop_source: SopSource,
    /// The data folder (backups, renderer memory, an overriding sop.toml).
    pub data_dir: std::path::PathBuf,
    pub clock: Clock,
}

pub struct Session {
    store: Store,
    sop: Sop,
    sop_source: SopSource,
    data_dir: std::path::PathBuf,
    clock: Clock,
    page: Page,
    year: i32,
    unit: Option<i64>,
    /// The quarter chosen on the Realisasi page (1 to 4).
    quarter: u32,
    /// Who proved themselves with their PIN, and their last input (for the idle sign-out).
    signed_in: Option<(Identity, NaiveDateTime)>,
    new_pin_wanted: Option<NewPinWanted>,
    data: Data,
    undo: undo::History,
    /// Draft version chosen for display (None: the newest), and the pair compared.
    draft_choice: Option<i64>,
    compare: Option<i64>,
    /// Slow work running beside the window, if any.
    job: Option<jobs::Job>,
    /// Whether slow work may run in a thread (the window) or runs at once (tests, CLI).
    beside: bool,
    /// Whether a sign-in is remembered for the next start (the window's convenience; the
    /// command line changes nothing it was not asked to).
    remember: bool,
}

/// Said when nobody is signed in and a change is asked for.
pub const SIGN_IN_FIRST: &str =
    "Masuk dulu: pilih nama Anda di \"Bertindak sebagai\" lalu ketik PIN Anda.";

impl Session {
    /// A session viewing `init`'s database; nobody is signed in. The data is not loaded yet:
    /// `reload` does that, after the first frame when there is a window.
    pub fn new(init: SessionInit) -> Session {
        let now = (init.clock)();
        let year = now.year();
        Session {
            store: init.store,
            sop: init.sop,
            sop_source: init.sop_source,
            data_dir: init.data_dir,
            clock: init.clock,
            page: Page::Beranda,
            year,
            unit: None,
            quarter: year_plan::default_quarter(year, now),
            signed_in: None,
            new_pin_wanted: None,
            data: Data::default(),
            undo: undo::History::default(),
            draft_choice: None,
            compare: None,
            job: None,
            beside: false,
            remember: false,
        }
    }

    /// Lets slow work run in a thread beside the window (`submit`).
    pub fn set_slow_work_beside(&mut self, on: bool) {
        self.beside = on;
    }

    /// Remembers who signed in on this PC, to offer them first at the next start.
    pub fn set_remember_sign_in(&mut self, on: bool) {
        self.remember = on;
    }

    pub fn store(&self) -> &Store {
        &self.store
    }
    pub fn sop(&self) -> &Sop {
        &self.sop
    }
    pub fn sop_source(&self) -> &SopSource {
        &self.sop_source
    }
    pub fn data_dir(&self) -> &std::path::Path {
        &self.data_dir
    }
    pub fn data(&self) -> &Data {
        &self.data
    }
    pub fn page(&self) -> Page {
        self.page
    }
    pub fn year(&self) -> i32 {
        self.year
    }
    /// Whether the table of the page shown has an edit to undo, and one to redo.
    pub fn can_undo_redo(&self) -> (bool, bool) {
        self.undo.can(self.sheet_shown())
    }

    /// The quarter chosen on the Realisasi page.
    pub fn quarter(&self) -> u32 {
        self.quarter
    }

    /// The unit chosen on the Format RKT page.
    pub fn unit(&self) -> Option<i64> {
        self.unit
    }
    pub fn now(&self) -> NaiveDateTime {
        (self.clock)()
    }
    /// The official signed in, as the database has them.
    pub fn acting(&self) -> Option<&Official> {
        let id = self.signed_in.as_ref()?.0.official_id();
        self.data.officials.iter().find(|o| o.id == id)
    }
    pub fn new_pin_wanted(&self) -> Option<&NewPinWanted> {
        self.new_pin_wanted.as_ref()
    }
    /// The year a command-line task works on, chosen without reading anything: the task reads
    /// what it needs itself (the window's `SelectYear` reads what its pages show).
    pub fn choose_year(&mut self, year: i32) {
        self.year = year;
    }

    /// Whoever acted last on this PC, to offer first (their PIN is still asked); the Format
    /// RKT page opens at their unit.
    pub fn offer_last_acting(&mut self) -> Option<i64> {
        let id = self.store.remembered_acting().ok().flatten()?;
        self.unit = self
            .store
            .official(id)
            .ok()
            .flatten()
            .and_then(|o| o.unit_id);
        Some(id)
    }

    /// The proof of who acts, required for every change.
    fn who(&self) -> Result<&Identity, StoreError> {
        self.signed_in
            .as_ref()
            .map(|(i, _)| i)
            .ok_or_else(|| StoreError::Invalid(SIGN_IN_FIRST.into()))
    }

    /// Every step of the SOP with its state now: done, active, late, or (before the cycle
    /// starts) the due dates it would have.
    pub fn steps(&self) -> Vec<StepView> {
        let data = &self.data;
        data.cycle
            .as_ref()
            .map(|(_, state)| state)
            .or(data.projected_cycle.as_ref())
            .map(|c| c.step_views(&self.sop, &data.calendar, self.now()))
            .unwrap_or_default()
    }

    /// Once a frame: any input restarts the idle clock; past the idle time the person is
    /// signed out (said in `signed_out`); `wake_in` is when to look again.
    pub fn tick(&mut self, input: bool) -> Tick {
        if input {
            self.touch();
        }
        let signed_out = self.sign_out_if_idle();
        let wake_in = self.idle_deadline().map(|deadline| {
            let left = (deadline - self.now()).num_milliseconds().max(0) as u64;
            std::time::Duration::from_millis(left + 50)
        });
        Tick {
            signed_out,
            wake_in,
        }
    }

    /// After the window's first frame is on screen (nothing it does not need runs before it):
    /// the first start of the day keeps a copy of yesterday's state, before any input is
    /// applied. The message to show when that fails.
    pub fn after_first_frame(&mut self) -> Option<String> {
        let failed = self.auto_backup(backup::Reason::Daily).err().map(|e| {
            log::error!("cadangan harian gagal: {e}");
            format!("Cadangan harian gagal: {e}")
        });
        self.refresh_backups();
        failed
    }

    /// Input from the person at the keyboard: the idle clock starts again.
    fn touch(&mut self) {
        let now = self.now();
        if let Some((_, last)) = &mut self.signed_in {
            *last = now;
        }
    }

    /// Signs the person out after the idle time set in Pengaturan; returns the message to show
    /// when it happens.
    fn sign_out_if_idle(&mut self) -> Option<String> {
        let (who, last) = self.signed_in.as_ref()?;
        let minutes = self.data.settings.idle_minutes;
        if self.now() - *last < chrono::Duration::minutes(i64::from(minutes)) {
            return None;
        }
        let name = who.name().to_string();
        self.signed_out();
        Some(format!(
            "{name} keluar otomatis setelah {minutes} menit tanpa kegiatan; layar kembali hanya untuk melihat."
        ))
    }

    /// When the idle sign-out is due (for the window to wake then).
    fn idle_deadline(&self) -> Option<NaiveDateTime> {
        let (_, last) = self.signed_in.as_ref()?;
        Some(*last + chrono::Duration::minutes(i64::from(self.data.settings.idle_minutes)))
    }

    fn signed_out(&mut self) {
        self.signed_in = None;
        self.new_pin_wanted = None;
        self.undo = undo::History::default();
        self.data.proxy = None;
        self.data.own_key = None;
    }

    /// Applies one command through the handler of its kind, which reloads what it changed.
    /// Returns the message to show.
    pub fn apply(&mut self, cmd: Command) -> Result<Option<String>, StoreError> {
        match cmd {
            Command::View(c) => self.view(c),
            Command::Office(c) => self.office(c),
            Command::Act(c) => self.act(c),
            Command::File(c) => self.files(c),
            Command::Master(c) => self.master_files(c),
            Command::Key(c) => self.keys(c),
        }
    }

    /// What is shown; all but another page read the database again.
    fn view(&mut self, cmd: ViewCmd) -> Result<Option<String>, StoreError> {
        match cmd {
            ViewCmd::Navigate(page) => {
                self.page = page;
                return Ok(None);
            }
            ViewCmd::SelectYear(year) => {
                self.year = year;
                self.quarter = year_plan::default_quarter(year, self.now());
                self.undo = undo::History::default();
                self.data.carry = None;
            }
            ViewCmd::SelectQuarter(q) => {
                crate::domain::quarter::Quarter::new(q).map_err(StoreError::Invalid)?;
                self.quarter = q;
                self.undo = undo::History::default();
            }
            ViewCmd::SelectUnit(unit) => {
                self.unit = Some(unit);
                self.undo = undo::History::default();
            }
            ViewCmd::ShowDraft(version) => self.draft_choice = version,
            ViewCmd::CompareDrafts(other) => self.compare = other,
        }
        self.reload()?;
        Ok(None)
    }

    /// A backup of the database file before a risky step (none for a database in memory).
    /// The daily one only when today has none.
    pub fn auto_backup(&mut self, reason: backup::Reason) -> Result<(), StoreError> {
        if self.store.path().is_none() {
            return Ok(());
        }
        let dir = backup::dir(&self.data_dir);
        let now = self.now();
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
    pub fn refresh_backups(&mut self) {
        self.data.backups = backup::list(&backup::dir(&self.data_dir));
    }

    /// Everything the pages show, read again from the database, as one snapshot.
    pub fn reload(&mut self) -> Result<(), StoreError> {
        let began = self.store.begin_read()?;
        let read = self.read_all();
        self.store.end_read(began, read.is_ok())?;
        read
    }

    fn read_all(&mut self) -> Result<(), StoreError> {
        let s = &self.store;
        self.data.settings = s.settings()?;
        self.data.officials = s.officials()?;
        self.data.holidays = s.holidays()?;
        self.data.units = s.units_for_year(self.year)?;
        self.data.all_units = s.all_units()?;
        self.data.years = s.cycle_years()?;
        self.data.calendar = s.work_calendar()?;
        self.data.audit = s.riwayat(self.year, 500)?;
        self.data.chain_problems = s.audit_chain_check().map_or_else(
            |e| vec![format!("Rantai log audit tidak dapat diperiksa: {e}")],
            |r| r.problems,
        );
        self.data.master = s.master_data(self.year)?;
        self.data.periods = s.renstra_periods()?;
        self.data.unit_statuses = s.unit_statuses(self.year)?;
        self.data.drafts = s.drafts(self.year)?;
        self.data.empty_office = s.is_empty_office()?;
        self.data.signature = s.signature(self.year)?;
        self.data.archive = s.archive_entries()?;
        self.data.pk = s.pk_entries()?;
        self.data.pins = s.officials_with_pin()?;
        self.data.images = s.office_images_set()?;
        self.data.office_roots = s.office_roots()?;
        self.data.key_requests = s.key_requests()?;
        self.data.crl_need = Some(s.crl_need(self.now())?);
        self.data.issued = s.issued_certificates()?;
        self.data.measures = laporan::read(s, self.year, self.now().date())?;
        self.data.own_key = match &self.signed_in {
            Some((who, _)) => s.signer_key(who.official_id())?,
            None => None,
        };
        // None chosen yet, or the one chosen retired and without rows this year.
        if !self.data.units.iter().any(|u| Some(u.id) == self.unit) {
            self.unit = self.data.units.first().map(|u| u.id);
        }
        self.data.rows = match self.unit {
            Some(u) => s.rkt_rows(self.year, u)?,
            None => Vec::new(),
        };
        let known = |c: &str| self.data.master.is_sub_kegiatan(c);
        self.data.rows_check = TableCheck::of(self.data.rows.iter().map(|r| &r.values), &known);
        self.data.proxy = match (&self.signed_in, self.unit) {
            (Some((who, _)), Some(u)) => s.unit_proxy(self.year, u, who.official_id())?,
            _ => None,
        };
        self.reload_drafts()?;
        self.reload_cycle()?;
        self.data.plan = year_plan::read(
            &self.store,
            self.year,
            self.quarter,
            self.unit,
            &self.data,
            self.now(),
        )?;
        // Someone made inactive (or gone with a restore) is no longer signed in.
        if let Some(id) = self.signed_in.as_ref().map(|(w, _)| w.official_id())
            && !self.data.officials.iter().any(|o| o.id == id && o.active)
        {
            self.signed_out();
        }
        Ok(())
    }

    fn reload_drafts(&mut self) -> Result<(), StoreError> {
        let s = &self.store;
        let shown = self
            .draft_choice
            .and_then(|v| self.data.drafts.iter().find(|d| d.version == v))
            .or(self.data.drafts.first())
            .cloned();
        self.data.draft_rows = match &shown {
            Some(d) => s.draft_rows(d.id)?,
            None => Vec::new(),
        };
        // The newest version's rows: those shown, or read for this when an older one is shown.
        let newest = self.data.drafts.first();
        let newest_rows = match (newest, &shown) {
            (Some(n), Some(d)) if n.id == d.id => None,
            (Some(n), _) => Some(s.draft_rows(n.id)?),
            (None, _) => Some(Vec::new()),
        };
        let rows = newest_rows.as_ref().unwrap_or(&self.data.draft_rows);
        self.data.target_conflicts =
            crate::domain::rkt::target_conflicts(rows.iter().map(|r| &r.values));
        self.data.draft_shown = shown;
        self.data.notes = s.notes(self.year)?;
        let id = |v: i64| {
            self.data
                .drafts
                .iter()
                .find(|d| d.version == v)
                .map(|d| d.id)
        };
        let shown = self.data.draft_shown.as_ref().map(|d| d.version);
        let pair = self
            .compare
            .zip(shown)
            .filter(|(a, b)| a != b)
            .map(|(a, b)| (a.min(b), a.max(b)));
        self.data.compared = match pair {
            Some((a, b)) => match (id(a), id(b)) {
                (Some(x), Some(y)) => Some((
                    a,
                    b,
                    crate::domain::rkt::diff(&s.draft_rows(x)?, &s.draft_rows(y)?),
                )),
                _ => None,
            },
            None => None,
        };
        Ok(())
    }

    fn reload_cycle(&mut self) -> Result<(), StoreError> {
        match self.store.cycle_state(&self.sop, self.year) {
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
        self.data.projected_cycle = match self.data.cycle {
            Some(_) => None,
            None => CycleState::replay(&self.sop, &self.data.calendar, &[]).ok(),
        };
        Ok(())
    }
}
