//! Files in and out: PDFs and Excel written or opened, the authenticity check, the Excel
//! import, backups and restore, and the demo data.

use super::{FileCmd, Session, undo};
use crate::backup;
use crate::export;
use crate::store::StoreError;

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

impl Session {
    // Long: one short arm per command, the one place where files are read and written.
    pub(super) fn files(&mut self, cmd: FileCmd) -> Result<Option<String>, StoreError> {
        use FileCmd as C;
        let now = self.now();
        let year = self.year;
        Ok(Some(match cmd {
            C::ExportRkt(path) => {
                let bytes = export::rkt_pdf(&self.store, year, now)?;
                export::write_file(&path, &bytes)?;
                format!("PDF RKT {year} disimpan ke {}.", path.display())
            }
            C::ExportPk(path) => {
                let bytes = export::pk_pdf(&self.store, year, now)?;
                export::write_file(&path, &bytes)?;
                format!(
                    "PDF Perjanjian Kinerja {year} disimpan ke {}.",
                    path.display()
                )
            }
            C::OpenPk { year, print } => {
                let bytes = export::pk_pdf(&self.store, year, now)?;
                open_copy(&format!("Perjanjian Kinerja {year}.pdf"), &bytes, print)?
            }
            C::ExportSop(path) => {
                let bytes = export::sop_pdf(&self.store, &self.sop, now)?;
                export::write_file(&path, &bytes)?;
                format!("PDF dokumen SOP disimpan ke {}.", path.display())
            }
            C::OpenRkt { print } => {
                let bytes = export::rkt_pdf(&self.store, year, now)?;
                open_copy(&format!("RKT {year}.pdf"), &bytes, print)?
            }
            C::OpenArchived { id, print } => {
                let bytes = self.archived(id)?;
                let year = self
                    .data
                    .archive
                    .iter()
                    .find(|e| e.id == id)
                    .map_or(0, |e| e.year);
                open_copy(&format!("RKT {year} (arsip).pdf"), &bytes, print)?
            }
            C::SaveArchived { id, path } => {
                let bytes = self.archived(id)?;
                export::write_file(&path, &bytes)?;
                format!("Salinan arsip disimpan ke {}.", path.display())
            }
            C::OpenReport { kind, year, print } => {
                let bytes = self.report(kind, year)?;
                open_copy(&format!("{} {year}.pdf", kind.title()), &bytes, print)?
            }
            C::SaveReport { kind, year, path } => {
                let bytes = self.report(kind, year)?;
                export::write_file(&path, &bytes)?;
                format!("{} {year} disimpan ke {}.", kind.title(), path.display())
            }
            C::Verify(path) => return self.verify(&path).map(Some),
            C::TrustCertificate(path) => {
                let bytes = export::read_bounded(&path, 64 * 1024)?;
                let who = self.who().ok().cloned();
                let r = self.store.trust_root(&bytes, who.as_ref(), now)?;
                format!(
                    "Sertifikat kantor dipercaya di komputer ini: {} (sidik {}).",
                    r.subject, r.fingerprint
                )
            }
            C::ExportCertificate(path) => {
                let root = self.store.office_root()?.ok_or_else(|| {
                    StoreError::Invalid(
                        "Belum ada sertifikat kantor: seorang pengelola membuatnya di Pengaturan → Tanda Tangan Digital.".into(),
                    )
                })?;
                let pem = crate::digital_signature::keys::certificate_pem(&root.cert)
                    .map_err(|e| StoreError::Invalid(e.to_string()))?;
                export::write_new(&path, pem.as_bytes())?;
                format!(
                    "Sertifikat kantor disimpan ke {} (sidik jari {}). Berikan kepada kantor yang memeriksa RKT; cocokkan sidik jarinya dengan mereka lewat jalur lain (telepon, surat).",
                    path.display(),
                    root.fingerprint
                )
            }
            C::MoveKeyToFile(path) => {
                let who = self.who()?.clone();
                self.store.move_key_to_file(&who, &path, now)?;
                format!(
                    "Kunci tanda tangan Anda sekarang hanya ada di {}. Saat menandatangani, flash disk itu harus terpasang.",
                    path.display()
                )
            }
            C::ExportTemplate(path) => {
                let unit = self
                    .unit
                    .and_then(|u| self.data.units.iter().find(|x| x.id == u))
                    .ok_or_else(|| StoreError::Invalid("Pilih dulu unitnya.".into()))?;
                let bytes = export::template_xlsx(&self.store, year, unit)?;
                export::write_new(&path, &bytes)?;
                format!(
                    "Templat Excel {} tahun {year} disimpan ke {}.",
                    unit.name,
                    path.display()
                )
            }
            C::ExportRktXlsx(path) => {
                let bytes = export::rkt_xlsx(&self.store, year)?;
                export::write_new(&path, &bytes)?;
                format!("Excel RKT {year} disimpan ke {}.", path.display())
            }
            C::ExportPlanTemplate { unit, path } => self.export_plan_template(unit, &path)?,
            C::ImportPlan { unit, path } => self.import_plan_file(unit, &path)?,
            C::ExportRealTemplate { q, unit, path } => self.export_real_template(q, unit, &path)?,
            C::ImportReal { q, unit, path } => self.import_real_file(q, unit, &path)?,
            C::BackupTo(path) => {
                self.store.copy_to(&path)?;
                format!("Cadangan ditulis ke {}.", path.display())
            }
            C::PreviewImport(path) => return self.preview_import(path),
            C::ConfirmImport(yes) => return self.confirm_import(yes),
            C::Restore(from) => {
                // Everything is replaced: only a pengelola, checked before.
                let who = self.who()?.clone();
                let keep = backup::restore(
                    &mut self.store,
                    &from,
                    &backup::dir(&self.data_dir),
                    &who,
                    now,
                )?;
                // The officials may be others now: everyone signs in again.
                self.signed_out();
                self.draft_choice = None;
                self.compare = None;
                self.refresh_backups();
                self.reload()?;
                backup::restored(&from, &keep)
            }
            C::FillDemo { rows } => {
                let r = export::fill_demo(&mut self.store, &self.sop, year, rows, now)?;
                self.reload()?;
                r.sentence(self.sop.document())
            }
            C::AddEvidence { row_id, q, path } => {
                let who = self.who()?.clone();
                let e = self.store.add_evidence(row_id, q, &path, &who, now)?;
                self.reload()?;
                format!(
                    "Bukti \"{}\" ({}) tersimpan; SHA-256 {}.",
                    e.name,
                    crate::domain::evidence::size_words(e.size),
                    e.sha256
                )
            }
            C::OpenEvidence { id } => {
                let e = self
                    .store
                    .evidence_entry(id)?
                    .ok_or_else(|| StoreError::Invalid("Bukti itu tidak ditemukan.".into()))?;
                let mut bytes = Vec::with_capacity(e.size as usize);
                self.store.copy_evidence(id, &mut bytes)?;
                let path = crate::viewer::temp_file(&e.name)?;
                export::write_file(&path, &bytes)?;
                crate::viewer::open(&path)?;
                format!("Bukti \"{}\" dibuka.", e.name)
            }
            C::RemoveEvidence { id } => {
                let who = self.who()?.clone();
                self.store.remove_evidence(id, &who, now)?;
                self.reload()?;
                "Bukti dihapus dari realisasi ini (tetap tercatat di Riwayat).".into()
            }
        }))
    }

    /// "Periksa keaslian": the file's digital signature, checked against the office
    /// certificates trusted here; and whether it is byte for byte a signed RKT of this PC's
    /// archive. A file with neither is not shown as genuine.
    fn verify(&self, path: &std::path::Path) -> Result<String, StoreError> {
        let bytes = export::read_candidate(path)?;
        let archived = self.store.find_archived(&bytes)?;
        let in_archive = match archived {
            Some(e) => Some(format!(
                "sama persis dengan RKT tahun {} versi {}, ditandatangani {} pada {} (kode {})",
                e.year,
                e.version,
                e.signer,
                crate::domain::indo::datetime(e.signed_at),
                e.code
            )),
            // A signed report of the year after the PK, kept as signed.
            None => self.store.find_report(&bytes)?.map(|e| {
                format!(
                    "sama persis dengan {} tahun {} yang ditandatangani {} pada {} (SHA-256 {})",
                    e.kind.title(),
                    e.year,
                    e.signer,
                    crate::domain::indo::datetime(e.signed_at),
                    e.pdf_sha256
                )
            }),
        };
        let roots: Vec<Vec<u8>> = self
            .store
            .trusted_roots()?
            .into_iter()
            .map(|r| r.cert)
            .collect();
        let shown = path.display();
        let crls = self.store.crls()?;
        match crate::digital_signature::check_pdf(&bytes, &roots, &crls) {
            Some(Ok(c)) => Ok(format!(
                "ASLI: {shown} bertanda tangan digital yang sah: {}{}{}{}, dengan sertifikat kantor bersidik {}.{}{}",
                c.name,
                if c.nip.is_empty() {
                    String::new()
                } else {
                    format!(", NIP {}", crate::domain::nip::format_grouped(&c.nip))
                },
                c.signed_at.map_or(String::new(), |t| format!(
                    ", pada {}",
                    crate::domain::indo::datetime(t)
                )),
                c.reason
                    .as_ref()
                    .map_or(String::new(), |r| format!(" ({r})")),
                c.root_fingerprint,
                in_archive.map_or(String::new(), |a| format!(
                    " Berkas ini juga {a} di arsip komputer ini."
                )),
                c.notes.iter().map(|n| format!("\n{n}")).collect::<String>()
            )),
            Some(Err(e)) => Err(StoreError::NotAuthentic(format!(
                "TIDAK ASLI: {shown}: {e}."
            ))),
            None => match in_archive {
                Some(a) => Ok(format!("ASLI: {shown} {a}.")),
                None => Err(StoreError::NotAuthentic(format!(
                    "TIDAK ASLI: {shown} tidak bertanda tangan digital dan tidak sama dengan RKT atau laporan mana pun di arsip (satu bita pun berbeda sudah cukup)."
                ))),
            },
        }
    }

    fn archived(&self, id: i64) -> Result<Vec<u8>, StoreError> {
        self.store
            .archived_pdf(id)?
            .ok_or_else(|| StoreError::Invalid("Arsip tidak ditemukan.".into()))
    }

    /// A signed report's PDF from the archive, byte for byte.
    fn report(&self, kind: crate::store::ReportKind, year: i32) -> Result<Vec<u8>, StoreError> {
        self.store.report_pdf(kind, year)?.ok_or_else(|| {
            StoreError::Invalid(format!(
                "{} tahun {year} belum ditandatangani; belum ada di arsip.",
                kind.title()
            ))
        })
    }

    /// A filled template read and checked; its rows shown over the table they would replace.
    fn preview_import(&mut self, path: std::path::PathBuf) -> Result<Option<String>, StoreError> {
        let bytes = export::read_bounded(&path, crate::xlsx::import::MAX_FILE_BYTES)?;
        let master = &self.data.master;
        let store = &self.store;
        // Sumber dana, sasaran and indikator as the lists of the file's own year write them.
        let lists = |year: i32| {
            store
                .master_data(year)
                .map(|m| m.pick_lists())
                .map_err(|e| e.to_string())
        };
        let mut preview =
            crate::xlsx::import::read_for(&bytes, &|c| master.is_sub_kegiatan(c), &lists)
                .map_err(StoreError::Invalid)?;
        // Each row against the unit's rows now: what changes, cell by cell.
        let now: Vec<_> = self
            .store
            .rkt_rows(preview.year, preview.unit_id)?
            .into_iter()
            .map(|r| r.values)
            .collect();
        preview.changes = crate::domain::rkt_changes::compare(&now, &preview.rows);
        let problems = preview.problems.len();
        let msg = format!(
            "{} baris terbaca untuk {} tahun {}. Periksa, lalu pilih \"Impor\".",
            preview.rows.len(),
            preview.unit_name,
            preview.year
        );
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
        Ok(Some(msg))
    }

    fn confirm_import(&mut self, yes: bool) -> Result<Option<String>, StoreError> {
        let Some((path, preview)) = self.data.import.take() else {
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
        let who = match self.who() {
            Ok(w) => w.clone(),
            Err(e) => {
                // Kept open: signing in and pressing "Impor" again must not need the file again.
                self.data.import = Some((path, preview));
                return Err(e);
            }
        };
        self.auto_backup(backup::Reason::BeforeImport)?;
        let replaced = self.store.import_rows(
            preview.year,
            preview.unit_id,
            &preview.rows,
            &who,
            self.now(),
        )?;
        self.undo = undo::History::default();
        self.reload()?;
        Ok(Some(format!(
            "{} baris diimpor ke {} tahun {} (menggantikan {replaced} baris; salinan data sebelum impor tersimpan).",
            preview.rows.len(),
            preview.unit_name,
            preview.year
        )))
    }
}
