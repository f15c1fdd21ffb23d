//! The forms of the views, kept between frames: what is being typed, and how each form starts
//! again after its command.

use super::{ActCmd, Command, Data, FileCmd, OfficeCmd, views};
use crate::session::Sheet;

/// The forms of the views, kept between frames.
#[derive(Default)]
pub struct Forms {
    pub arsip: views::arsip::ArsipForm,
    pub beranda: views::beranda::BerandaForm,
    pub alur: views::alur::AlurForm,
    pub format: views::format_form::FormatForm,
    pub rencana: views::rencana_aksi_form::RencanaForm,
    pub realisasi: views::realisasi_form::RealisasiForm,
    pub pengaturan: views::pengaturan_form::PengaturanForm,
    pub masuk: views::masuk::MasukForm,
    pub laporan: views::laporan_form::LaporanForm,
}

impl Forms {
    /// What is still being typed, as the commands that keep it: an open draft correction, then
    /// the cells of the unit's tables. Taken when the window closes or its page, year or acting
    /// official changes.
    pub(super) fn pending(&mut self, data: &Data) -> Vec<Command> {
        let mut out: Vec<Command> = self.format.draft.pending().into_iter().collect();
        out.extend(self.format.pending(&data.rows));
        let plan = &data.plan;
        out.extend(
            self.rencana
                .grid
                .pending(&|id| plan.rows.iter().any(|r| r.id == id)),
        );
        out.extend(
            self.realisasi
                .grid
                .pending(&|id| plan.real_rows.iter().any(|r| r.plan.id == id)),
        );
        out
    }

    /// After a cell's edit reached the database or was refused: a refused text stays on screen
    /// in its table.
    pub(super) fn settle(&mut self, cmd: &Command, saved: bool, unit: Option<i64>) {
        self.format.grid.settle(Sheet::Rkt, cmd, saved, unit);
        self.rencana.grid.settle(Sheet::Plan, cmd, saved, unit);
        self.realisasi.grid.settle(Sheet::Real, cmd, saved, unit);
    }

    /// Cells whose text is not in the database yet, in any table.
    pub(super) fn unsaved(&self) -> usize {
        self.format.grid.unsaved() + self.rencana.grid.unsaved() + self.realisasi.grid.unsaved()
    }

    /// A form whose command succeeded starts empty again; after a restore or the demo data,
    /// the settings form shows what the database holds now (a form kept from before would
    /// write its old values back).
    pub(super) fn after(&mut self, cmd: &Command, data: &Data) {
        match cmd {
            Command::Office(
                OfficeCmd::AddIndikator { .. }
                | OfficeCmd::SaveCode { .. }
                | OfficeCmd::AddFunding(_),
            ) => self.pengaturan.master = Default::default(),
            Command::Act(ActCmd::AddNote { .. }) => self.format.draft.note.clear(),
            Command::Office(OfficeCmd::ChangePin { .. } | OfficeCmd::ResetPin { .. }) => {
                self.pengaturan.pin = Default::default()
            }
            Command::Office(OfficeCmd::SaveOfficial { .. }) => {
                self.pengaturan.official = Default::default()
            }
            Command::Act(ActCmd::SignReport { .. }) => self.laporan = Default::default(),
            // The saved value as the store wrote it; the other field keeps what is typed.
            Command::Office(OfficeCmd::SaveDueDays(_)) => {
                self.pengaturan.measure.due_days = data.measures.due_days.to_string()
            }
            Command::Office(OfficeCmd::SaveCategoryScale(_)) => {
                self.pengaturan.measure.scale = data.measures.scale.to_text()
            }
            Command::Office(OfficeCmd::AddHoliday { .. }) => {
                self.pengaturan.holiday = Default::default()
            }
            Command::Act(ActCmd::Workflow(_)) => {
                self.beranda = Default::default();
                self.alur.action = Default::default();
            }
            // A sign-in that asks for a new PIN keeps its dialog; one that succeeds closes it
            // itself (masuk_ui sees the person signed in).
            Command::Office(OfficeCmd::SignOut) => self.masuk.close(),
            Command::File(FileCmd::Restore(_) | FileCmd::FillDemo { .. }) => {
                self.pengaturan = views::pengaturan_form::PengaturanForm::from_data(data);
            }
            _ => {}
        }
    }
}
