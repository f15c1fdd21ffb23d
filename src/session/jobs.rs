//! Slow work beside the window: signing and signing in (argon2), compiling, archiving and
//! writing PDFs, Excel files and backups, the demo data. Such a command runs on a fork of the
//! session (its own connection to the same database file) in a thread; the window keeps
//! drawing, says what runs, and refuses a second change until it is done. A database in memory
//! (tests, trials) cannot be shared between connections: there the command runs at once.

use std::thread::JoinHandle;
use std::time::Instant;

use super::{Command, Session, undo};
use crate::store::{Store, StoreError};

type Outcome = Result<Option<String>, StoreError>;

pub(super) struct Job {
    busy: Busy,
    /// What runs: its outcome decides what the window's session takes from the fork.
    cmd: Command,
    handle: JoinHandle<(Session, Outcome)>,
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
    use Command as C;
    Some(match cmd {
        C::SignIn { .. } => "Memeriksa PIN…",
        C::Sign { .. } => "Menandatangani RKT…",
        C::Archive => "Membuat PDF arsip dan mengarsipkan…",
        C::SignPk { .. } => "Menandatangani Perjanjian Kinerja…",
        C::ExportPk(_) | C::OpenPk { .. } => "Membuat PDF Perjanjian Kinerja…",
        C::Compile => "Menyusun Draft RKT…",
        C::ExportRkt(_) | C::OpenRkt { .. } => "Membuat PDF RKT…",
        C::ExportSop(_) => "Membuat PDF dokumen SOP…",
        C::ExportRktXlsx(_) | C::ExportTemplate(_) => "Membuat berkas Excel…",
        C::Verify(_) => "Memeriksa keaslian berkas…",
        C::BackupTo(_) => "Menyalin basis data…",
        C::SaveArchived { .. } | C::OpenArchived { .. } => "Menyalin PDF arsip…",
        C::FillDemo { .. } => "Mengisi data contoh…",
        C::ChangePin { .. } | C::ResetPin { .. } => "Menyimpan PIN…",
        C::MoveKeyToFile { .. } => "Memindahkan kunci tanda tangan…",
        C::PreviewImport(_) | C::PreviewMasterImport(_) => "Membaca berkas Excel…",
        C::ConfirmImport(true) => "Mengimpor baris FORMAT RKT…",
        C::ConfirmMasterImport(true) => "Mengimpor data induk…",
        _ => return None,
    })
}

/// Commands that change nothing: they may go on while slow work runs.
fn harmless(cmd: &Command) -> bool {
    use Command as C;
    matches!(cmd, C::Navigate(_) | C::ShowDraft(_) | C::CompareDrafts(_))
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
        let kept = cmd.clone();
        let handle = std::thread::Builder::new()
            .name("pekerjaan".into())
            .spawn(move || {
                // The fork reads what the command may need (units, officials, the archive).
                let out = fork.reload().and_then(|()| fork.apply(cmd));
                (fork, out)
            })
            .map_err(StoreError::Io)?;
        self.job = Some(Job {
            busy: Busy {
                what,
                since: Instant::now(),
            },
            cmd: kept,
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
        let (fork, out) = match job.handle.join() {
            Ok(done) => done,
            Err(_) => {
                return Some(Err(StoreError::Invalid(format!(
                    "Pekerjaan \"{}\" berhenti karena kesalahan program; tidak ada yang berubah setengah jalan (setiap perubahan satu transaksi). Coba lagi.",
                    job.busy.what
                ))));
            }
        };
        // Only what the command itself changes is taken from the fork: who signed in (a
        // sign-in; an idle sign-out meanwhile is not undone by another job), the year and unit
        // an import's file turned to, the draft shown after a compilation.
        use Command as C;
        match &job.cmd {
            C::SignIn { .. } => {
                if out.is_ok() {
                    self.signed_in = fork.signed_in.clone();
                    self.unit = fork.unit;
                    self.undo = undo::History::default();
                }
                self.new_pin_wanted = fork.new_pin_wanted.clone();
            }
            C::PreviewImport(_) => {
                self.unit = fork.unit;
                self.year = fork.year;
            }
            C::Compile => self.draft_choice = fork.draft_choice,
            _ => {}
        }
        // An import's preview is what the fork read (a file with problems is shown too, with
        // its refusal); after a confirmed import there is none.
        self.data.import = fork.data.import.clone();
        self.data.master_import = fork.data.master_import.clone();
        self.refresh_backups();
        if let Err(e) = self.reload() {
            return Some(Err(e));
        }
        Some(out)
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
