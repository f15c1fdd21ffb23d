//! The master data through Excel: the Renstra of a period and the code list as templates, and
//! a filled one read, planned (shown), and stored after a backup.

use super::{MasterCmd, MasterPreview, Session};
use crate::backup;
use crate::export;
use crate::store::StoreError;
use crate::xlsx::master::{self, MasterBook, RenstraRow};

/// A period's first and last year as typed ("2027", "2031"), checked (`domain::parse_period`).
pub(super) fn period_years(first: &str, last: &str) -> Result<(i32, i32), StoreError> {
    crate::domain::parse_period(first, last).map_err(StoreError::Invalid)
}

impl Session {
    pub(super) fn master_files(&mut self, cmd: MasterCmd) -> Result<Option<String>, StoreError> {
        use MasterCmd as C;
        Ok(Some(match cmd {
            C::ExportRenstraTemplate {
                first_year,
                last_year,
                path,
            } => {
                let (first, last) = (first_year, last_year);
                crate::domain::check_period(first, last).map_err(StoreError::Invalid)?;
                let rows = self.renstra_rows(first, last)?;
                let bytes =
                    master::renstra_template(first, last, &rows).map_err(StoreError::Invalid)?;
                export::write_new(&path, &bytes)?;
                format!(
                    "Templat Renstra {first}–{last} ({} indikator) disimpan ke {}.",
                    rows.len(),
                    path.display()
                )
            }
            C::ExportCodesTemplate(path) => {
                let codes = self.data.master.code_list();
                let bytes = master::codes_template(&codes).map_err(StoreError::Invalid)?;
                export::write_new(&path, &bytes)?;
                format!(
                    "Templat daftar kode ({} kode) disimpan ke {}.",
                    codes.len(),
                    path.display()
                )
            }
            C::PreviewMasterImport(path) => return self.preview_master(path),
            C::ConfirmMasterImport(yes) => return self.confirm_master(yes),
        }))
    }

    /// The indikator of the period stored with exactly these years (none for a new period).
    fn renstra_rows(&self, first: i32, last: i32) -> Result<Vec<RenstraRow>, StoreError> {
        let m = self.store.master_data(first)?;
        if m.period.map(|p| (p.first_year, p.last_year)) != Some((first, last)) {
            return Ok(Vec::new());
        }
        Ok(m.renstra_rows())
    }

    fn preview_master(&mut self, path: std::path::PathBuf) -> Result<Option<String>, StoreError> {
        self.data.master_import = None;
        let bytes = export::read_bounded(&path, crate::xlsx::import::MAX_FILE_BYTES)?;
        let read = master::read(&bytes).map_err(StoreError::Invalid)?;
        let mut plan = self.store.plan_master_import(&read.book)?;
        // The file's own problems first (by row and column), then those against the database.
        let mut problems = read.problems.clone();
        problems.append(&mut plan.problems);
        plan.problems = problems;
        let n = plan.problems.len();
        let label = read.book.label();
        self.data.master_import = Some(MasterPreview { path, read, plan });
        if n > 0 {
            return Err(StoreError::Invalid(format!(
                "{n} masalah di berkas; perbaiki di Excel lalu impor lagi. Belum ada yang disimpan."
            )));
        }
        Ok(Some(format!(
            "{label} terbaca. Periksa pratinjaunya, lalu pilih \"Impor\"."
        )))
    }

    fn confirm_master(&mut self, yes: bool) -> Result<Option<String>, StoreError> {
        let Some(preview) = self.data.master_import.take() else {
            return Ok(None);
        };
        if !yes {
            return Ok(Some("Impor dibatalkan; tidak ada yang disimpan.".into()));
        }
        if !preview.plan.problems.is_empty() {
            return Err(StoreError::Invalid(
                "Berkas masih bermasalah; tidak ada yang disimpan.".into(),
            ));
        }
        let who = match self.who() {
            Ok(w) => w.clone(),
            Err(e) => {
                self.data.master_import = Some(preview);
                return Err(e);
            }
        };
        self.auto_backup(backup::Reason::BeforeImport)?;
        let done = self
            .store
            .import_master(&preview.read.book, &who, self.now())?;
        self.reload()?;
        let what = match &preview.read.book {
            MasterBook::Renstra { .. } => "Renstra",
            MasterBook::Codes(_) => "Daftar kode",
        };
        Ok(Some(format!(
            "{what} diimpor: {} (salinan data sebelum impor tersimpan).",
            done.counts()
        )))
    }
}
