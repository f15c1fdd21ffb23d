//! What a person asks for, from the window or the command line. The session applies them in
//! one place; views never write.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::Page;
use super::sheet::SheetCol;
use crate::domain::rkt::RowValues;
use crate::domain::secret::Secret;
use crate::domain::workflow::Intent;
use crate::renderer::RendererChoice;
use crate::store::{Correction, ImageRole, KeyPlace, OfficeSettings, OfficialInput, ReportKind};

/// What a person asks for, routed by kind to the one handler of that kind: a new variant
/// without a handler does not compile.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    View(ViewCmd),
    Office(OfficeCmd),
    Act(ActCmd),
    File(FileCmd),
    Master(MasterCmd),
    Key(KeyCmd),
}

/// What is shown: the page, the year, the unit, the draft version; nothing is written.
#[derive(Debug, Clone, PartialEq)]
pub enum ViewCmd {
    Navigate(Page),
    SelectYear(i32),
    SelectUnit(i64),
    /// The quarter of the Realisasi page (1 to 4).
    SelectQuarter(u32),
    /// Show a draft version (None: the newest).
    ShowDraft(Option<i64>),
    /// Compare the version shown with this one (None: stop comparing). It follows the version
    /// shown: after a correction saves the next version, that one is compared.
    CompareDrafts(Option<i64>),
}

impl Command {
    /// A sign-in with the official's PIN (no new PIN chosen).
    pub fn sign_in(official_id: i64, pin: &str) -> Command {
        Command::Office(OfficeCmd::SignIn {
            official_id,
            pin: pin.into(),
            new_pin: Secret::default(),
            again: Secret::default(),
        })
    }

    /// Sends a unit's table on (FORMAT RKT, a quarter's realisation): it goes with what the
    /// database holds.
    pub fn submits(&self) -> bool {
        matches!(
            self,
            Command::Act(ActCmd::Submit | ActCmd::SubmitRealisation)
        )
    }

    /// Leaving the page, the year, or the person (and with them the unit): what is still
    /// being typed is committed before this command.
    pub fn leaves_table(&self) -> bool {
        matches!(
            self,
            Command::View(ViewCmd::Navigate(_) | ViewCmd::SelectYear(_))
                | Command::Office(OfficeCmd::SignIn { .. } | OfficeCmd::SignOut)
        )
    }
}

impl From<ViewCmd> for Command {
    fn from(c: ViewCmd) -> Self {
        Command::View(c)
    }
}

/// Signing in and out, PINs, and the office's own data (office.rs).
#[derive(Debug, Clone, PartialEq)]
pub enum OfficeCmd {
    /// "Bertindak sebagai": an official signs in with their own PIN; `new_pin` (typed twice)
    /// when they have none yet or must replace a one-time PIN.
    SignIn {
        official_id: i64,
        pin: Secret,
        new_pin: Secret,
        again: Secret,
    },
    /// "Selesai": back to viewing only.
    SignOut,
    /// The signed-in official replaces their own PIN (the old one is required).
    ChangePin {
        old: Secret,
        pin: Secret,
        again: Secret,
    },
    /// A pengelola gives a forgotten PIN's owner a one-time PIN, changed at first use.
    ResetPin {
        official_id: i64,
        pin: Secret,
        again: Secret,
    },
    /// Minutes without input after which the window signs the person out.
    SaveIdleMinutes(String),
    SaveOffice(OfficeSettings),
    SaveWorkingHours {
        start: String,
        end: String,
    },
    SaveOfficial {
        id: Option<i64>,
        input: OfficialInput,
    },
    /// A new bidang or sub bagian (`kind`: "bidang" or "sub_bagian").
    AddUnit {
        kind: String,
        name: String,
    },
    /// A unit renamed: its id, rows and officials stay; the old name stays in the Riwayat.
    RenameUnit {
        unit_id: i64,
        name: String,
    },
    /// A unit no longer used from new years on (its past rows and archives stay).
    RetireUnit(i64),
    AddHoliday {
        day: String,
        name: String,
    },
    RemoveHoliday(NaiveDate),
    /// The renderer to try first from the next start (`None`: automatic).
    SetRenderer(Option<RendererChoice>),
    /// Master data: a Renstra indikator (under its sasaran) with this year's target.
    AddIndikator {
        sasaran: String,
        indikator: String,
        satuan: String,
        target: String,
    },
    SaveCode {
        code: String,
        name: String,
    },
    AddFunding(String),
    /// A Renstra period (years as typed).
    AddRenstraPeriod {
        first_year: String,
        last_year: String,
    },
    /// An office image from a PNG file (`None`: remove it).
    SetImage {
        role: ImageRole,
        path: Option<PathBuf>,
    },
    /// Paper of the printed RKT: "A4" or "F4".
    SetPaper(String),
    /// The working day after a quarter its realisation reports are due, as typed ("10").
    SaveDueDays(String),
    /// The capaian category scale as typed: "91: Sangat Baik; 76: Baik; …".
    SaveCategoryScale(String),
}

impl From<OfficeCmd> for Command {
    fn from(c: OfficeCmd) -> Self {
        Command::Office(c)
    }
}

/// The acts of the SOP on the selected year and unit, by the official signed in (acts.rs).
#[derive(Debug, Clone, PartialEq)]
pub enum ActCmd {
    /// The TIM records why it fills (or submits) the chosen unit's FORMAT RKT for it.
    ActForUnit {
        reason: String,
    },
    /// A workflow transition of the selected year, by the official acting.
    Workflow(Intent),
    /// An edit of the chosen unit's FORMAT RKT (undoable).
    Rkt(RktEdit),
    /// A cell's text while it is being typed, in any of the typed tables: saved at once, so a
    /// killed program loses no keystroke; the undoable edit (`SetCell`) follows when the cell
    /// is left.
    Typing {
        row_id: i64,
        col: SheetCol,
        text: String,
    },
    /// A cell's edit, committed and undoable, in any of the typed tables.
    SetCell {
        row_id: i64,
        col: SheetCol,
        old: String,
        new: String,
    },
    /// "Mulai Rencana Aksi": the TIM makes the year's rows from the signed PK.
    StartPlan,
    /// The chosen unit reports the chosen quarter's realisation (locks it).
    SubmitRealisation,
    /// The TIM reopens the chosen unit's reported quarter, with its reason.
    ReopenRealisation {
        reason: String,
    },
    /// The budget a sub kegiatan of the chosen unit realised in the chosen quarter.
    SetBudget {
        code: String,
        amount: String,
    },
    Undo,
    Redo,
    /// "Mulai dari RKT tahun …": what the year would take from the last one, shown first.
    PreviewCarry,
    /// The previewed carry written (recomputed by the store); `keep_problems`: rows whose code
    /// or indikator is gone come along, marked, instead of being left out.
    Carry {
        keep_problems: bool,
    },
    CancelCarry,
    /// Submit the chosen unit's format (step 4 -> 5).
    Submit,
    Reopen {
        reason: String,
    },
    /// Compile the submitted formats into the next Draft RKT version (step 6).
    Compile,
    /// Correct a cell of the latest draft version (steps 7-9).
    Correct(Correction),
    /// A correction note on a draft row (or the whole draft when `row_key` is None).
    AddNote {
        row_key: Option<String>,
        text: String,
    },
    ResolveNote(i64),
    /// Step 10: the acting head accepts and signs the newest draft version with their key's
    /// passphrase.
    Sign {
        pass: Secret,
        use_images: bool,
    },
    /// Step 11: the signed RKT's PDF into the archive, completing the step.
    Archive,
    /// After step 11: the head signs the year's Perjanjian Kinerja with their key's passphrase.
    SignPk {
        pass: Secret,
    },
    /// The head signs one of the selected year's reports (Rencana Aksi, Laporan Capaian TW,
    /// LKjIP) with their key's passphrase, as the Perjanjian Kinerja.
    SignReport {
        kind: ReportKind,
        pass: Secret,
    },
}

impl From<ActCmd> for Command {
    fn from(c: ActCmd) -> Self {
        Command::Act(c)
    }
}

/// Files in and out: PDFs, Excel, certificates, backups, the demo data (files.rs).
#[derive(Debug, Clone, PartialEq)]
pub enum FileCmd {
    /// Demo data into an empty database: about `rows` FORMAT RKT rows.
    FillDemo {
        rows: usize,
    },
    /// The selected year's RKT (signed, or the draft marked DRAFT) written to `path`.
    ExportRkt(PathBuf),
    /// The selected year's Perjanjian Kinerja written to `path` (signed, or a copy to sign by
    /// hand).
    ExportPk(PathBuf),
    /// A year's Perjanjian Kinerja opened in the PDF viewer.
    OpenPk {
        year: i32,
        print: bool,
    },
    /// The SOP document written to `path`.
    ExportSop(PathBuf),
    /// The selected year's RKT opened in the system's PDF viewer (`print`: to print it).
    OpenRkt {
        print: bool,
    },
    /// An archived PDF opened in the system's PDF viewer.
    OpenArchived {
        id: i64,
        print: bool,
    },
    /// A copy of an archived PDF, byte for byte.
    SaveArchived {
        id: i64,
        path: PathBuf,
    },
    /// A signed report of the archive opened in the PDF viewer.
    OpenReport {
        kind: ReportKind,
        year: i32,
        print: bool,
    },
    /// A signed report of the archive copied to `path`, byte for byte.
    SaveReport {
        kind: ReportKind,
        year: i32,
        path: PathBuf,
    },
    /// "Periksa keaslian": does this file carry a valid digital signature from an office this
    /// PC trusts, and is it a signed RKT of the archive?
    Verify(PathBuf),
    /// An office certificate (a .cer file the office hands out) trusted from now on.
    TrustCertificate(PathBuf),
    /// The office's own certificate written to a .cer file, to hand out to those who check.
    ExportCertificate(PathBuf),
    /// The signed-in signer's key moved from the database to a file on their flash disk.
    MoveKeyToFile(PathBuf),
    /// The chosen unit's FORMAT RKT as an Excel template, written to `path`.
    ExportTemplate(PathBuf),
    /// A filled template read and checked; shown as a preview, nothing written yet.
    PreviewImport(PathBuf),
    /// The previewed rows stored (all or none); `false` drops the preview.
    ConfirmImport(bool),
    /// The year's RKT (signed, or the newest draft) as an Excel workbook.
    ExportRktXlsx(PathBuf),
    /// A unit's Rencana Aksi of the selected year as an Excel template, written to `path`.
    ExportPlanTemplate {
        unit: i64,
        path: PathBuf,
    },
    /// A filled Rencana Aksi template read and checked, then stored: all rows or none.
    ImportPlan {
        unit: i64,
        path: PathBuf,
    },
    /// A unit's quarter `q` of the selected year as an Excel template (realisation, budget).
    ExportRealTemplate {
        q: u32,
        unit: i64,
        path: PathBuf,
    },
    /// A filled quarter template read and checked, then stored: all or nothing.
    ImportReal {
        q: u32,
        unit: i64,
        path: PathBuf,
    },
    /// "Cadangkan ke...": a copy of the database to a new file the user chose.
    BackupTo(PathBuf),
    /// Replace the database with a backup (the current state is kept as a backup first).
    Restore(PathBuf),
    /// A file taken as evidence of a realisation row in quarter `q`.
    AddEvidence {
        row_id: i64,
        q: u32,
        path: PathBuf,
    },
    /// An evidence file copied to the temporary folder and opened.
    OpenEvidence {
        id: i64,
    },
    RemoveEvidence {
        id: i64,
    },
}

impl From<FileCmd> for Command {
    fn from(c: FileCmd) -> Self {
        Command::File(c)
    }
}

/// The master data through Excel: templates out, a filled workbook in (master_files.rs).
#[derive(Debug, Clone, PartialEq)]
pub enum MasterCmd {
    /// The Renstra of a period as an Excel template (its indikator, or none for a new period);
    /// the years were checked before the save dialog asked where.
    ExportRenstraTemplate {
        first_year: i32,
        last_year: i32,
        path: PathBuf,
    },
    /// The code list (program / kegiatan / sub kegiatan) as an Excel template.
    ExportCodesTemplate(PathBuf),
    /// A filled master-data workbook read and planned; nothing stored yet.
    PreviewMasterImport(PathBuf),
    /// The previewed master data stored (after a backup); `false` drops the preview.
    ConfirmMasterImport(bool),
}

impl From<MasterCmd> for Command {
    fn from(c: MasterCmd) -> Self {
        Command::Master(c)
    }
}

/// Edits of a unit's FORMAT RKT; each is committed at once and can be undone.
// A new row's values inline: one command at a time, never held in bulk.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum RktEdit {
    /// A new row after the row at `after` (a position), or at the end.
    Add {
        after: Option<f64>,
        values: RowValues,
    },
    Delete {
        row_id: i64,
    },
    Move {
        row_id: i64,
        from: f64,
        to: f64,
    },
}

/// The keys of the digital signature (keys.rs): made with a passphrase, approved by the office
/// root's holder, revoked on its CRL.
#[derive(Debug, Clone, PartialEq)]
pub enum KeyCmd {
    /// A pengelola makes the office root (typed twice).
    CreateOfficeRoot {
        pass: Secret,
        again: Secret,
        place: KeyPlace,
    },
    /// A signer makes their own key and its certificate request (typed twice).
    CreateSignerKey {
        pass: Secret,
        again: Secret,
        place: KeyPlace,
    },
    /// The signer's key fingerprint, computed from the key itself, to read out at approval.
    ShowMyKeyFingerprint { pass: Secret },
    /// The root holder approves a waiting key, having compared its fingerprint.
    Approve {
        key_id: i64,
        fingerprint: String,
        root_pass: Secret,
    },
    /// A waiting key refused, with the reason.
    Refuse { key_id: i64, reason: String },
    /// The root holder issues the office root's CRL now.
    IssueCrl { root_pass: Secret },
    /// The root holder declares a certificate's key leaked (on the CRL as keyCompromise).
    DeclareLeaked {
        key_id: i64,
        why: String,
        root_pass: Secret,
    },
    /// A signer registers a .p12 a PSrE (e.g. BSrE) issued; it stays in its file.
    UsePsre { path: PathBuf, pass: Secret },
}

impl From<KeyCmd> for Command {
    fn from(c: KeyCmd) -> Self {
        Command::Key(c)
    }
}
