//! Slow work beside the window: signing and signing in (argon2), compiling, archiving and
//! writing PDFs, Excel files and backups, the demo data. Such a command runs on a fork of the
//! session (its own connection to the same database file) in a thread; the window keeps
//! drawing, says what runs, and refuses a second change until it is done. A database in memory
//! (tests, trials) cannot be shared between connections: there the command runs at once. A
//! job hands back its outcome and the session's snapshot before and after it: only what it
//! changed is taken.

use std::path::PathBuf;
use std::thread::JoinHandle;
use std::time::Instant;

use chrono::NaiveDateTime;

use super::Session;
use super::{ActCmd, Command, FileCmd, KeyCmd, MasterCmd, MasterPreview, NewPinWanted, OfficeCmd};
use super::{ViewCmd, undo};
use crate::domain::carry::CarryPlan;
use crate::store::{Identity, Store, StoreError};
use crate::xlsx::import::Preview;

type Outcome = Result<Option<String>, StoreError>;

pub(super) struct Job {
    busy: Busy,
    /// The outcome, and the session's snapshot before and after the command.
    handle: JoinHandle<(Outcome, Snapshot, Snapshot)>,
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
            ActCmd::SignReport { .. } => "Membuat dan menandatangani laporan…",
            ActCmd::Compile => "Menyusun Draft RKT…",
            _ => return None,
        },
        Command::File(c) => match c {
            FileCmd::ExportPk(_) | FileCmd::OpenPk { .. } => "Membuat PDF Perjanjian Kinerja…",
            FileCmd::ExportRkt(_) | FileCmd::OpenRkt { .. } => "Membuat PDF RKT…",
            FileCmd::ExportSop(_) => "Membuat PDF dokumen SOP…",
            FileCmd::ExportRktXlsx(_)
            | FileCmd::ExportTemplate(_)
            | FileCmd::ExportPlanTemplate { .. }
            | FileCmd::ExportRealTemplate { .. } => "Membuat berkas Excel…",
            FileCmd::ImportPlan { .. } => "Mengimpor Rencana Aksi dari Excel…",
            FileCmd::ImportReal { .. } => "Mengimpor realisasi dari Excel…",
            FileCmd::Verify(_) => "Memeriksa keaslian berkas…",
            FileCmd::BackupTo(_) => "Menyalin basis data…",
            FileCmd::SaveArchived { .. } | FileCmd::OpenArchived { .. } => "Menyalin PDF arsip…",
            FileCmd::SaveReport { .. } | FileCmd::OpenReport { .. } => "Menyalin PDF laporan…",
            FileCmd::FillDemo { .. } => "Mengisi data contoh…",
            FileCmd::MoveKeyToFile(_) => "Memindahkan kunci tanda tangan…",
            FileCmd::PreviewImport(_) => "Membaca berkas Excel…",
            FileCmd::ConfirmImport(true) => "Mengimpor baris FORMAT RKT…",
            FileCmd::AddEvidence { .. } => "Menyimpan berkas bukti…",
            _ => return None,
        },
        Command::Master(c) => match c {
            MasterCmd::PreviewMasterImport(_) => "Membaca berkas Excel…",
            MasterCmd::ConfirmMasterImport(true) => "Mengimpor data induk…",
            _ => return None,
        },
        Command::Key(c) => match c {
            KeyCmd::CreateOfficeRoot { .. } => "Membuat sertifikat kantor…",
            KeyCmd::CreateSignerKey { .. } => "Membuat kunci tanda tangan…",
            KeyCmd::ShowMyKeyFingerprint { .. } => "Membuka kunci tanda tangan…",
            KeyCmd::Approve { .. } => "Menerbitkan sertifikat…",
            KeyCmd::IssueCrl { .. } => "Menerbitkan daftar pencabutan sertifikat…",
            KeyCmd::UsePsre { .. } => "Membuka berkas kunci PSrE…",
            KeyCmd::DeclareLeaked { .. } => "Menerbitkan daftar pencabutan sertifikat…",
            KeyCmd::Refuse { .. } => return None,
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
pub(super) struct Snapshot {
    signed_in: Option<(Identity, NaiveDateTime)>,
    new_pin_wanted: Option<NewPinWanted>,
    year: i32,
    unit: Option<i64>,
    draft_choice: Option<i64>,
    import: Option<(PathBuf, Preview)>,
    master_import: Option<MasterPreview>,
    carry: Option<CarryPlan>,
}

/// `after` put in `field` where the job changed it.
fn adopt<T: PartialEq>(field: &mut T, before: T, after: T) {
    if before != after {
        *field = after;
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
                let after = fork.snapshot();
                (out, before, after)
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
        let (out, before, after) = match job.handle.join() {
            Ok(done) => done,
            Err(_) => {
                return Some(Err(StoreError::Invalid(format!(
                    "Pekerjaan \"{}\" berhenti karena kesalahan program; tidak ada yang berubah setengah jalan (setiap perubahan satu transaksi). Coba lagi.",
                    job.busy.what
                ))));
            }
        };
        self.take(before, after);
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

    /// What the job changed of the session, and only that, applied to the window's: whatever
    /// happened here meanwhile (an idle sign-out, another year chosen) stands where the job did
    /// not touch it. Another person, year or unit starts a new undo history.
    fn take(&mut self, before: Snapshot, after: Snapshot) {
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
        if signed_in != before.signed_in || year != before.year || unit != before.unit {
            self.undo = undo::History::default();
        }
        adopt(&mut self.signed_in, before.signed_in, signed_in);
        adopt(
            &mut self.new_pin_wanted,
            before.new_pin_wanted,
            new_pin_wanted,
        );
        adopt(&mut self.year, before.year, year);
        adopt(&mut self.unit, before.unit, unit);
        adopt(&mut self.draft_choice, before.draft_choice, draft_choice);
        adopt(&mut self.data.import, before.import, import);
        adopt(
            &mut self.data.master_import,
            before.master_import,
            master_import,
        );
        adopt(&mut self.data.carry, before.carry, carry);
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
            quarter: self.quarter,
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
