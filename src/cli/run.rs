//! The command line's tasks, each mapped onto the same session core as the window: the same
//! commands, the same rules, the same messages. Reading and exporting need no identity; a
//! restore replaces everything and so asks a pengelola's PIN on the terminal.

use super::Task;
use crate::digital_signature::{crl, moment::office_time};
use crate::session::{Command, FileCmd, Session, SessionInit, ViewCmd};
use crate::store::{Store, StoreError};
use std::io::IsTerminal;
use std::path::Path;

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
    let done = |message: Option<String>| Outcome {
        message: message.unwrap_or_default(),
        code: 0,
    };
    // A certificate with its revocation list beside it: the list needs the certificate trusted
    // first, in the same store, so both are taken in here (nobody signs in on the command line).
    if let Task::TrustCertificate { file } = task {
        let mut session = session;
        let now = (session.clock)();
        return Ok(done(Some(trust(&mut session.store, file, now)?)));
    }
    // Nothing is read up front: each task reads what it needs (an export only its document).
    let mut s = Session::new(session);
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
        Task::ExportReport { kind, year, out } => {
            export_report(s.store(), *kind, *year, out, s.now())
                .map(Some)
                .map(done)
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
        Task::ExportCertificate { out } => export_certificate(&mut s, out).map(Some).map(done),
        Task::ExportCrl { out } => export_crl(s.store(), out).map(Some).map(done),
        Task::TrustCertificate { .. } => unreachable!("taken in above"),
        Task::SecurityReport => Ok(done(Some(security_report(s.store())?))),
        Task::CheckAudit => {
            let report = s.store().audit_chain_check()?;
            Ok(Outcome {
                message: report.summary(),
                code: if report.is_intact() { 0 } else { 1 },
            })
        }
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

/// A report after the PK to `out`: the signed file from the archive, else a copy made now
/// marked DRAF; a file that is not a PDF of ours is never replaced.
fn export_report(
    store: &Store,
    kind: crate::store::ReportKind,
    year: i32,
    out: &Path,
    now: chrono::NaiveDateTime,
) -> Result<String, StoreError> {
    let signed = store.report_entry(kind, year)?;
    let bytes = crate::export::report_pdf(store, kind, year, now)?;
    crate::export::write_file(out, &bytes)?;
    let state = match signed {
        Some(e) => format!(
            "ditandatangani {} pada {}",
            e.signer,
            crate::domain::indo::datetime(e.signed_at)
        ),
        None => "DRAF, belum ditandatangani".to_string(),
    };
    Ok(format!(
        "PDF {} tahun {year} ({state}) disimpan ke {}.",
        kind.title(),
        out.display()
    ))
}

/// Each stored secret and the cost of searching it offline, from its own parameters.
fn security_report(store: &Store) -> Result<String, StoreError> {
    use crate::digital_signature::search_cost::describe;
    let lines: Vec<String> = store
        .stored_secrets()?
        .into_iter()
        .map(|x| match x.cost {
            Some(c) => format!("- {}: {}. {}", x.what, x.params, describe(&c)),
            None => format!("- {}: {}.", x.what, x.params),
        })
        .collect();
    Ok(format!(
        "Rahasia yang tersimpan dan biaya menebaknya di luar program (untuk PIN: semua 10^6 PIN; untuk kata sandi: kata sandi terlemah yang diterima, 10^12 tebakan):\n{}",
        lines.join("\n")
    ))
}

/// The newest revocation list of the office's own live certificate (DER) and its number.
fn own_crl(store: &Store) -> Result<Option<(Vec<u8>, crl::Crl)>, StoreError> {
    let Some(root) = store.office_root()? else {
        return Ok(None);
    };
    let Some(der) = store.newest_crl(&root.fingerprint)? else {
        return Ok(None);
    };
    let read = crl::read(&der, &root.cert)
        .map_err(|why| StoreError::Invalid(format!("CRL kantor yang tersimpan rusak: {why}.")))?;
    Ok(Some((der, read)))
}

/// `export-certificate`: the session's export, and beside it (same name, `.crl`) the newest
/// revocation list when there is one; an existing file is never replaced.
fn export_certificate(s: &mut Session, out: &Path) -> Result<String, StoreError> {
    let list = own_crl(s.store())?;
    let beside = out.with_extension("crl");
    if list.is_some() {
        if beside == out {
            return Err(StoreError::Invalid(
                "Sertifikat kantor disimpan dengan CRL-nya di samping: beri --out nama berakhiran .cer, bukan .crl.".into(),
            ));
        }
        if beside.exists() {
            return Err(StoreError::Invalid(format!(
                "Berkas {} sudah ada; pilih nama lain (CRL kantor disimpan di samping sertifikatnya dengan nama itu).",
                beside.display()
            )));
        }
    }
    let said = s
        .apply(Command::File(FileCmd::ExportCertificate(out.to_path_buf())))?
        .unwrap_or_default();
    let Some((der, read)) = list else {
        return Ok(said);
    };
    crate::export::write_new(&beside, crl::pem(&der).as_bytes())?;
    Ok(format!(
        "{said}\nDaftar pencabutan sertifikat (CRL nomor {}, berlaku sampai {}) disimpan di sampingnya: {}. Berikan keduanya; di komputer pemeriksa: sop-rkt trust-certificate \"{}\".",
        read.number,
        office_time(read.next_update),
        beside.display(),
        out.display()
    ))
}

/// `export-crl`: the newest revocation list of the office's certificate, never over a file.
fn export_crl(store: &Store, out: &Path) -> Result<String, StoreError> {
    if store.office_root()?.is_none() {
        return Err(StoreError::Invalid(
            "Belum ada sertifikat kantor: seorang pengelola membuatnya di Pengaturan → Tanda Tangan Digital.".into(),
        ));
    }
    let (der, read) = own_crl(store)?.ok_or_else(|| {
        StoreError::Invalid(
            "Sertifikat kantor ini belum menerbitkan daftar pencabutan sertifikat (CRL): CRL terbit saat pemegang sertifikat kantor mencabut atau mengganti sertifikat seorang penanda tangan.".into(),
        )
    })?;
    crate::export::write_new(out, crl::pem(&der).as_bytes())?;
    Ok(format!(
        "Daftar pencabutan sertifikat (CRL nomor {}, {} sertifikat dicabut, berlaku sampai {}) disimpan ke {}. Berikan kepada yang memeriksa RKT; di komputer mereka: sop-rkt trust-certificate \"{}\".",
        read.number,
        read.revoked.len(),
        office_time(read.next_update),
        out.display(),
        out.display()
    ))
}

fn is_crl(file: &Path) -> bool {
    file.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("crl"))
}

/// `trust-certificate`: an office certificate (as the window's command trusts it), with its
/// revocation list when one lies beside it (same name, `.crl`); or a `.crl` alone.
fn trust(store: &mut Store, file: &Path, now: chrono::NaiveDateTime) -> Result<String, StoreError> {
    if is_crl(file) {
        return take_crl(store, file, now);
    }
    let bytes = crate::export::read_bounded(file, 64 * 1024)?;
    let r = store.trust_root(&bytes, None, now)?;
    let said = format!(
        "Sertifikat kantor dipercaya di komputer ini: {} (sidik {}).",
        r.subject, r.fingerprint
    );
    let beside = file.with_extension("crl");
    if !beside.is_file() {
        return Ok(said);
    }
    match take_crl(store, &beside, now) {
        Ok(more) => Ok(format!("{said}\n{more}")),
        Err(e) => Err(StoreError::Invalid(format!("{said}\n{e}"))),
    }
}

fn take_crl(
    store: &mut Store,
    file: &Path,
    now: chrono::NaiveDateTime,
) -> Result<String, StoreError> {
    let bytes = crate::export::read_bounded(file, crl::MAX_BYTES)?;
    let a = store.add_crl(&bytes, None, now)?;
    Ok(if a.already {
        format!(
            "Daftar pencabutan sertifikat (CRL nomor {}) dari {} sudah ada di komputer ini.",
            a.number, a.issuer_subject
        )
    } else {
        format!(
            "Daftar pencabutan sertifikat (CRL nomor {}) dari {} diterima: {} sertifikat dicabut, berlaku sampai {}.",
            a.number,
            a.issuer_subject,
            a.revoked,
            office_time(a.next_update)
        )
    })
}

/// The active pengelola named by NIP, full name, or the start of a name only one has. Only a
/// pengelola may restore, so no one else's PIN is ever asked here (a wrong one would count
/// toward locking that person out).
fn find_pengelola(s: &Session, typed: &str) -> Result<i64, StoreError> {
    let typed = typed.trim();
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    let active = || {
        s.data()
            .officials
            .iter()
            .filter(|o| o.active && o.pengelola)
    };
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
            "Tidak ada pengelola aktif bernama atau ber-NIP \"{typed}\"; hanya pengelola yang boleh memulihkan cadangan."
        ))),
        (None, _) => Err(StoreError::Invalid(format!(
            "Lebih dari satu pengelola bernama \"{typed}…\"; ketik nama lengkap atau NIP."
        ))),
    }
}

/// A pengelola, named by name or NIP, signs in with their PIN typed on the terminal.
fn sign_in_pengelola(s: &mut Session, prompt: &mut dyn Prompt) -> Result<(), StoreError> {
    let who = prompt
        .ask("Nama atau NIP pengelola: ", false)
        .ok_or_else(|| StoreError::Invalid(NO_TERMINAL.into()))?;
    let official = find_pengelola(s, &who)?;
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
