//! The Rencana Aksi and a quarter's realisation through Excel (routed from files.rs): a unit's
//! template written, a filled one read and checked, then stored all or nothing. A file with any
//! problem changes nothing and is answered with its first problems by row and column.

use std::path::Path;

use super::Session;
use crate::store::StoreError;
use crate::{backup, export, export_xlsx};

impl Session {
    pub(super) fn export_plan_template(
        &mut self,
        unit: i64,
        path: &Path,
    ) -> Result<String, StoreError> {
        let year = self.year;
        let name = export_xlsx::unit_of(&self.store, unit)?.name;
        let bytes = export_xlsx::plan_template_xlsx(&self.store, year, unit)?;
        export::write_new(path, &bytes)?;
        Ok(format!(
            "Templat Excel Rencana Aksi {name} tahun {year} disimpan ke {}.",
            path.display()
        ))
    }

    pub(super) fn import_plan_file(
        &mut self,
        unit: i64,
        path: &Path,
    ) -> Result<String, StoreError> {
        let year = self.year;
        let who = self.who()?.clone();
        let bytes = export::read_bounded(path, crate::xlsx::import::MAX_FILE_BYTES)?;
        let read = export_xlsx::read_plan_xlsx(&self.store, year, unit, &bytes)?;
        if let Some(refused) = export_xlsx::refusal(&read.problems) {
            return Err(refused);
        }
        self.auto_backup(backup::Reason::BeforeImport)?;
        let changed = self
            .store
            .import_plan(year, unit, &read.rows, &who, self.now())?;
        self.reload()?;
        let name = export_xlsx::unit_of(&self.store, unit)?.name;
        Ok(with_notes(
            format!("Rencana Aksi {name}: {changed} baris diubah dari Excel."),
            &read.notes,
        ))
    }

    pub(super) fn export_real_template(
        &mut self,
        q: u32,
        unit: i64,
        path: &Path,
    ) -> Result<String, StoreError> {
        let year = self.year;
        let name = export_xlsx::unit_of(&self.store, unit)?.name;
        let bytes = export_xlsx::realisation_template_xlsx(&self.store, year, q, unit)?;
        export::write_new(path, &bytes)?;
        Ok(format!(
            "Templat Excel realisasi {} tahun {year} {name} disimpan ke {}.",
            tw(q)?,
            path.display()
        ))
    }

    pub(super) fn import_real_file(
        &mut self,
        q: u32,
        unit: i64,
        path: &Path,
    ) -> Result<String, StoreError> {
        let year = self.year;
        let who = self.who()?.clone();
        let bytes = export::read_bounded(path, crate::xlsx::import::MAX_FILE_BYTES)?;
        let read = export_xlsx::read_realisation_xlsx(&self.store, year, q, unit, &bytes)?;
        if let Some(refused) = export_xlsx::refusal(&read.problems) {
            return Err(refused);
        }
        self.auto_backup(backup::Reason::BeforeImport)?;
        let rows = self.store.import_realisation(
            year,
            q,
            unit,
            &read.rows,
            &read.budget,
            &who,
            self.now(),
        )?;
        self.reload()?;
        let name = export_xlsx::unit_of(&self.store, unit)?.name;
        let said = format!(
            "Realisasi {} tahun {year} {name}: {rows} indikator dan {} sub kegiatan disimpan dari Excel.",
            tw(q)?,
            read.budget.len()
        );
        Ok(with_notes(said, &read.notes))
    }
}

/// The answer, and after it what was read in a way worth saying.
fn with_notes(said: String, notes: &[String]) -> String {
    std::iter::once(said)
        .chain(notes.iter().cloned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// "TW II" for quarter 2; a quarter that is none is refused in words.
fn tw(q: u32) -> Result<&'static str, StoreError> {
    crate::domain::quarter::Quarter::new(q)
        .map(|q| q.short())
        .map_err(StoreError::Invalid)
}
