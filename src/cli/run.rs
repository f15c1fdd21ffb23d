//! The command line's tasks, each mapped onto the same session core as the window: the same
//! commands, the same rules, the same messages. Reading and exporting need no identity; a
//! restore replaces everything and so asks a pengelola's PIN on the terminal.

use super::Task;
use crate::session::{Command, FileCmd, Session, SessionInit, ViewCmd};
use crate::store::StoreError;
use std::io::IsTerminal;

/// How a task ended: the message, and the exit code (0 done; 1 "not authentic", or the audit
/// log's chain broken; 2 error).
pub struct Outcome {
    pub message: String,
    pub code: u8,
}

/// Asks on the terminal who restores and their PIN (`None`: there is no terminal).
pub trait Prompt {
    fn ask(&mut self, question: &str, secret: bool) -> Option<String>;
}

/// The real terminal: the PIN is typed without echo.
pub struct Terminal;

impl Prompt for Terminal {
    fn ask(&mut self, question: &str, secret: bool) -> Option<String> {
        if !std::io::stdin().is_terminal() {
            return None;
        }
        if secret {
            return rpassword::prompt_password(question).ok();
        }
        eprint!("{question}");
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).ok()?;
        Some(line.trim().to_string())
    }
}

const NO_TERMINAL: &str = "restore mengganti seluruh basis data, jadi butuh PIN seorang pengelola yang diketik di terminal. Jalankan perintah ini dari Command Prompt (Windows) atau terminal, bukan dari skrip; atau pulihkan lewat jendela program: Pengaturan → Cadangan Data.";

pub fn run(
    task: &Task,
    session: SessionInit,
    prompt: &mut dyn Prompt,
) -> Result<Outcome, StoreError> {
    // Nothing is read up front: each task reads what it needs (an export only its document).
    let mut s = Session::new(session);
    let done = |message: Option<String>| Outcome {
        message: message.unwrap_or_default(),
        code: 0,
    };
    match task {
        Task::Demo { rows } => Ok(done(
            s.apply(Command::File(FileCmd::FillDemo { rows: *rows }))?,
        )),
        Task::ExportPdf { year, out } => {
            s.choose_year(*year);
            Ok(done(
                s.apply(Command::File(FileCmd::ExportRkt(out.clone())))?,
            ))
        }
        Task::ExportPk { year, out } => {
            s.choose_year(*year);
            Ok(done(
                s.apply(Command::File(FileCmd::ExportPk(out.clone())))?,
            ))
        }
        Task::ExportSopPdf { out } => Ok(done(
            s.apply(Command::File(FileCmd::ExportSop(out.clone())))?,
        )),
        Task::ExportTemplate { year, unit, out } => {
            s.reload()?;
            let id = crate::export::find_unit(&s.data().units, unit)
                .map_err(StoreError::Invalid)?
                .id;
            s.apply(Command::View(ViewCmd::SelectYear(*year)))?;
            s.apply(Command::View(ViewCmd::SelectUnit(id)))?;
            Ok(done(s.apply(Command::File(FileCmd::ExportTemplate(
                out.clone(),
            )))?))
        }
        Task::Backup { out } => Ok(done(
            s.apply(Command::File(FileCmd::BackupTo(out.clone())))?,
        )),
        Task::Verify { file } => verify(&mut s, file),
        Task::CheckAudit => {
            let report = s.store().audit_chain_check()?;
            Ok(Outcome {
                message: report.summary(),
                code: if report.is_intact() { 0 } else { 1 },
            })
        }
        Task::ExportCertificate { out } => Ok(done(
            s.apply(Command::File(FileCmd::ExportCertificate(out.clone())))?,
        )),
        Task::TrustCertificate { file } => Ok(done(
            s.apply(Command::File(FileCmd::TrustCertificate(file.clone())))?,
        )),
        Task::Restore { from } => {
            // A file that is not a backup of ours is refused before anyone is asked for a PIN.
            crate::store::Store::check_file(from)?;
            s.reload()?;
            sign_in_pengelola(&mut s, prompt)?;
            Ok(done(
                s.apply(Command::File(FileCmd::Restore(from.clone())))?,
            ))
        }
    }
}

/// `verify`: the session's verdict (0 genuine, 1 not), with each signature and the revision it
/// covers said beside it (its signer named only when genuine: a refused signature's names are
/// the forger's). Signatures that cannot be read at all are an error (2), in words.
fn verify(s: &mut Session, file: &std::path::Path) -> Result<Outcome, StoreError> {
    let bytes = crate::export::read_candidate(file)?;
    let coverage = |names| {
        crate::digital_signature::coverage(&bytes, names).map_err(|why| {
            StoreError::Invalid(format!(
                "GALAT: {} tidak dapat diperiksa: {why}.",
                file.display()
            ))
        })
    };
    let unnamed = coverage(false)?;
    let beside = |m: String, c: Option<String>| match c {
        Some(c) => format!("{m}\n{c}"),
        None => m,
    };
    match s.apply(Command::File(FileCmd::Verify(file.to_path_buf()))) {
        Ok(m) => Ok(Outcome {
            message: beside(m.unwrap_or_default(), coverage(true)?),
            code: 0,
        }),
        Err(StoreError::NotAuthentic(m)) => Ok(Outcome {
            message: beside(m, unnamed),
            code: 1,
        }),
        Err(e) => Err(e),
    }
}

/// The active official named by NIP, full name, or the start of a name only one has.
fn find_official(s: &Session, typed: &str) -> Result<i64, StoreError> {
    let typed = typed.trim();
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    let active = || s.data().officials.iter().filter(|o| o.active);
    let lower = typed.to_lowercase();
    let exact = active().find(|o| {
        o.name.to_lowercase() == lower
            || (digits.len() == 18 && o.nip.as_deref() == Some(digits.as_str()))
    });
    let starting: Vec<_> = active()
        .filter(|o| !lower.is_empty() && o.name.to_lowercase().starts_with(&lower))
        .collect();
    match (exact, starting.as_slice()) {
        (Some(o), _) => Ok(o.id),
        (None, [o]) => Ok(o.id),
        (None, []) => Err(StoreError::Invalid(format!(
            "Tidak ada pejabat aktif bernama atau ber-NIP \"{typed}\"."
        ))),
        (None, _) => Err(StoreError::Invalid(format!(
            "Lebih dari satu pejabat bernama \"{typed}…\"; ketik nama lengkap atau NIP."
        ))),
    }
}

/// A pengelola, named by name or NIP, signs in with their PIN typed on the terminal.
fn sign_in_pengelola(s: &mut Session, prompt: &mut dyn Prompt) -> Result<(), StoreError> {
    let who = prompt
        .ask("Nama atau NIP pengelola: ", false)
        .ok_or_else(|| StoreError::Invalid(NO_TERMINAL.into()))?;
    let official = find_official(s, &who)?;
    let pin = prompt
        .ask("PIN: ", true)
        .ok_or_else(|| StoreError::Invalid(NO_TERMINAL.into()))?;
    s.apply(Command::sign_in(official, &pin))?;
    if s.acting().is_none() {
        // A first or one-time PIN is made in the window, not here.
        return Err(StoreError::Invalid(
            "PIN ini harus diganti dulu: masuk lewat jendela program, lalu ulangi.".into(),
        ));
    }
    Ok(())
}
