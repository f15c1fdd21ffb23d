//! Slow work beside the window: signing and signing in (argon2), compiling, archiving and
//! writing PDFs, Excel files and backups, the demo data. Such a command runs on a fork of the
//! session (its own connection to the same database file) in a thread; the window keeps
//! drawing, says what runs, and refuses a second change until it is done. A database in memory
//! (tests, trials) cannot be shared between connections: there the command runs at once. A
//! job hands back its outcome and what it changed of the session (`Changes`), nothing else.

use std::path::PathBuf;
use std::thread::JoinHandle;
use std::time::Instant;

use chrono::NaiveDateTime;

use super::{ActCmd, Command, FileCmd, MasterCmd, MasterPreview, NewPinWanted, OfficeCmd, Session};
use super::{ViewCmd, undo};
use crate::domain::carry::CarryPlan;
use crate::store::{Identity, Store, StoreError};
use crate::xlsx::import::Preview;

type Outcome = Result<Option<String>, StoreError>;

pub(super) struct Job {
    busy: Busy,
    handle: JoinHandle<(Outcome, Changes)>,
}

/// What runs now, for the window's progress note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Busy {
    /// "Menandatangani RKT…".
    pub what: &'static str,
    pub since: Instant,
}

/// The progress note of a slow command; `None` for a quick one.
fn slow(cmd: &Command) -> Option<&'static str> {
    Some(match cmd {
        Command::Office(c) => match c {
            OfficeCmd::SignIn { .. } => "Memeriksa PIN…",
            OfficeCmd::ChangePin { .. } | OfficeCmd::ResetPin { .. } => "Menyimpan PIN…",
            _ => return None,
        },
        Command::Act(c) => match c {
            ActCmd::Sign { .. } => "Menandatangani RKT…",
            ActCmd::Archive => "Membuat PDF arsip dan mengarsipkan…",
            ActCmd::SignPk { .. } => "Menandatangani Perjanjian Kinerja…",
            ActCmd::Compile => "Menyusun Draft RKT…",
            _ => return None,
        },
        Command::File(c) => match c {
            FileCmd::ExportPk(_) | FileCmd::OpenPk { .. } => "Membuat PDF Perjanjian Kinerja…",
            FileCmd::ExportRkt(_) | FileCmd::OpenRkt { .. } => "Membuat PDF RKT…",
            FileCmd::ExportSop(_) => "Membuat PDF dokumen SOP…",
            FileCmd::ExportRktXlsx(_) | FileCmd::ExportTemplate(_) => "Membuat berkas Excel…",
            FileCmd::Verify(_) => "Memeriksa keaslian berkas…",
            FileCmd::BackupTo(_) => "Menyalin basis data…",
            FileCmd::SaveArchived { .. } | FileCmd::OpenArchived { .. } => "Menyalin PDF arsip…",
            FileCmd::FillDemo { .. } => "Mengisi data contoh…",
            FileCmd::MoveKeyToFile { .. } => "Memindahkan kunci tanda tangan…",
            FileCmd::PreviewImport(_) => "Membaca berkas Excel…",
            FileCmd::ConfirmImport(true) => "Mengimpor baris FORMAT RKT…",
            _ => return None,
        },
        Command::Master(c) => match c {
            MasterCmd::PreviewMasterImport(_) => "Membaca berkas Excel…",
            MasterCmd::ConfirmMasterImport(true) => "Mengimpor data induk…",
            _ => return None,
        },
        Command::View(_) => return None,
    })
}

/// Commands that change nothing: they may go on while slow work runs.
fn harmless(cmd: &Command) -> bool {
    matches!(
        cmd,
        Command::View(ViewCmd::Navigate(_) | ViewCmd::ShowDraft(_) | ViewCmd::CompareDrafts(_))
    )
}

/// The part of a session besides the database that a command may change: who is signed in,
/// what is chosen, what waits for the user's yes.
#[derive(Clone, PartialEq)]
struct Snapshot {
    signed_in: Option<(Identity, NaiveDateTime)>,
    new_pin_wanted: Option<NewPinWanted>,
    year: i32,
    unit: Option<i64>,
    draft_choice: Option<i64>,
    import: Option<(PathBuf, Preview)>,
    master_import: Option<MasterPreview>,
    carry: Option<CarryPlan>,
}

/// What a slow job changed of its snapshot: only that is applied to the window's session, so
/// whatever happened there meanwhile (an idle sign-out, another year chosen) is kept where the
/// job did not touch it.
#[derive(Default)]
pub(super) struct Changes {
    signed_in: Option<Option<(Identity, NaiveDateTime)>>,
    new_pin_wanted: Option<Option<NewPinWanted>>,
    year: Option<i32>,
    unit: Option<Option<i64>>,
    draft_choice: Option<Option<i64>>,
    import: Option<Option<(PathBuf, Preview)>>,
    master_import: Option<Option<MasterPreview>>,
    carry: Option<Option<CarryPlan>>,
}

/// A changed field's new value put in place.
fn set<T>(field: &mut T, new: Option<T>) {
    if let Some(v) = new {
        *field = v;
    }
}

/// `Some(after)` where it differs from `before`.
fn changed<T: PartialEq>(before: T, after: T) -> Option<T> {
    (before != after).then_some(after)
}

impl Changes {
    fn between(before: Snapshot, after: Snapshot) -> Changes {
        // Destructured whole: a field added to the snapshot must be handled here.
        let Snapshot {
            signed_in,
            new_pin_wanted,
            year,
            unit,
            draft_choice,
            import,
            master_import,
            carry,
        } = after;
        Changes {
            signed_in: changed(before.signed_in, signed_in),
            new_pin_wanted: changed(before.new_pin_wanted, new_pin_wanted),
            year: changed(before.year, year),
            unit: changed(before.unit, unit),
            draft_choice: changed(before.draft_choice, draft_choice),
            import: changed(before.import, import),
            master_import: changed(before.master_import, master_import),
            carry: changed(before.carry, carry),
        }
    }
}

impl Session {
    /// What the window does with a command: a quick one is applied now; a slow one starts
    /// beside the window (its outcome comes from `poll`). `Ok(None)` while it runs.
    pub fn submit(&mut self, cmd: Command) -> Outcome {
        if let Some(job) = &self.job {
            if harmless(&cmd) {
                return self.apply(cmd);
            }
            return Err(StoreError::Invalid(format!(
                "Tunggu sebentar: {} Perintah ini tidak dijalankan; ulangi sesudahnya.",
                job.busy.what
            )));
        }
        let (Some(what), Some(mut fork)) = (slow(&cmd), self.fork()) else {
            return self.apply(cmd);
        };
        let handle = std::thread::Builder::new()
            .name("pekerjaan".into())
            .spawn(move || {
                let before = fork.snapshot();
                // The fork reads what the command may need (units, officials, the archive).
                let out = fork.reload().and_then(|()| fork.apply(cmd));
                (out, Changes::between(before, fork.snapshot()))
            })
            .map_err(StoreError::Io)?;
        self.job = Some(Job {
            busy: Busy {
                what,
                since: Instant::now(),
            },
            handle,
        });
        Ok(None)
    }

    /// What runs beside the window now.
    pub fn busy(&self) -> Option<&Busy> {
        self.job.as_ref().map(|j| &j.busy)
    }

    /// The outcome of the slow work, once it is done (the data shown is read again).
    pub fn poll(&mut self) -> Option<Outcome> {
        if !self.job.as_ref()?.handle.is_finished() {
            return None;
        }
        let job = self.job.take()?;
        let (out, changes) = match job.handle.join() {
            Ok(done) => done,
            Err(_) => {
                return Some(Err(StoreError::Invalid(format!(
                    "Pekerjaan \"{}\" berhenti karena kesalahan program; tidak ada yang berubah setengah jalan (setiap perubahan satu transaksi). Coba lagi.",
                    job.busy.what
                ))));
            }
        };
        self.take(changes);
        self.refresh_backups();
        if let Err(e) = self.reload() {
            return Some(Err(e));
        }
        Some(out)
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            signed_in: self.signed_in.clone(),
            new_pin_wanted: self.new_pin_wanted.clone(),
            year: self.year,
            unit: self.unit,
            draft_choice: self.draft_choice,
            import: self.data.import.clone(),
            master_import: self.data.master_import.clone(),
            carry: self.data.carry.clone(),
        }
    }

    /// A job's changes applied; another person, year or unit starts a new undo history.
    fn take(&mut self, c: Changes) {
        if c.signed_in.is_some() || c.year.is_some() || c.unit.is_some() {
            self.undo = undo::History::default();
        }
        set(&mut self.signed_in, c.signed_in);
        set(&mut self.new_pin_wanted, c.new_pin_wanted);
        set(&mut self.year, c.year);
        set(&mut self.unit, c.unit);
        set(&mut self.draft_choice, c.draft_choice);
        set(&mut self.data.import, c.import);
        set(&mut self.data.master_import, c.master_import);
        set(&mut self.data.carry, c.carry);
    }

    /// The same session on a connection of its own, with the time frozen at the fork (the
    /// work is one moment of the office's day). None for a database in memory.
    fn fork(&self) -> Option<Session> {
        if !self.beside {
            return None;
        }
        let path = self.store.path()?;
        let store = Store::open_again(&path).ok()?;
        let now = self.now();
        Some(Session {
            store,
            sop: self.sop.clone(),
            sop_source: self.sop_source.clone(),
            data_dir: self.data_dir.clone(),
            clock: Box::new(move || now),
            page: self.page,
            year: self.year,
            unit: self.unit,
            signed_in: self.signed_in.clone(),
            new_pin_wanted: self.new_pin_wanted.clone(),
            // Read in the thread, before the command (`submit`); the import waiting for its
            // yes is the window's, not the database's.
            data: super::Data {
                import: self.data.import.clone(),
                master_import: self.data.master_import.clone(),
                carry: self.data.carry.clone(),
                ..Default::default()
            },
            undo: undo::History::default(),
            draft_choice: self.draft_choice,
            compare: self.compare,
            job: None,
            beside: false,
            remember: self.remember,
        })
    }
}
