//! Pengaturan: the office's data, working hours and holidays, and the page's layout (its other
//! cards in pengaturan_pejabat, pengaturan_induk and pengaturan_sistem).

use egui::Ui;

use super::pin_forms::PinForm;
use crate::app::{Command, Data, ViewCtx, theme};
use crate::domain::indo;
use crate::store::{OfficeSettings, OfficialInput};

use super::widgets::{card_ui, hint_ui, section_title_ui};

pub(super) mod text {
    pub const OFFICE: &str = "Data Kantor";
    pub const OFFICE_NAME: &str = "Nama kantor";
    pub const OFFICE_ADDRESS: &str = "Alamat";
    pub const OFFICE_CITY: &str = "Kota (baris tanda tangan)";
    pub const SAVE_OFFICE: &str = "Simpan Data Kantor";
    pub const SAVED_ON_LEAVE: &str =
        "Perubahan tersimpan begitu kolom ditinggalkan (Tab atau Enter).";
    pub const HOURS: &str = "Jam Kerja (WITA)";
    pub const HOURS_START: &str = "Jam masuk";
    pub const HOURS_END: &str = "Jam pulang";
    pub const SAVE_HOURS: &str = "Simpan Jam Kerja";
    pub const HOURS_HINT: &str = "Batas waktu langkah dihitung dalam hari kerja (Senin–Jumat, di luar hari libur) dan di dalam jam kerja.";
    pub const OFFICIALS: &str = "Pejabat dan Pelaksana";
    pub const NAME: &str = "Nama";
    pub const NIP: &str = "NIP";
    pub const RANK: &str = "Pangkat/Golongan";
    pub const POSITION: &str = "Jabatan";
    pub const LANES: &str = "Kolom pelaksana SOP";
    pub const ACTIVE: &str = "Aktif";
    pub const PENGELOLA_ONLY: &str = "Data kantor, pejabat, hari libur dan data induk diubah oleh pengelola: masuk sebagai pengelola untuk mengubahnya. Melihat tetap bisa.";
    pub const NEW_OFFICIAL_PIN: &str = "Pejabat baru masuk dengan PIN sementara dari pengelola (kartu \"PIN Pribadi dan Masuk\" → Atur ulang PIN pejabat lain), lalu menggantinya dengan PIN sendiri.";
    pub const PENGELOLA: &str =
        "Pengelola (mengubah data kantor, pejabat, hari libur, data induk; mengatur ulang PIN)";
    pub const ADD_OFFICIAL: &str = "Tambah Pejabat";
    pub const SAVE_OFFICIAL: &str = "Simpan Perubahan Pejabat";
    pub const CANCEL: &str = "Batal";
    pub const EDIT: &str = "Ubah";
    pub const NO_OFFICIALS: &str =
        "Belum ada pejabat. Tambahkan pejabat, lalu pilih kolom pelaksana SOP-nya.";
    pub const HOLIDAYS: &str = "Hari Libur dan Cuti Bersama";
    pub const BUPATI_NAME: &str = "Nama Bupati (Perjanjian Kinerja)";
    pub const BUPATI_POSITION: &str = "Jabatan Bupati";
    pub const BUPATI_NIP: &str = "NIP Bupati (bila ada)";
    pub const HOLIDAY_DATE: &str = "Tanggal (HH-BB-TTTT)";
    pub const HOLIDAY_NAME: &str = "Keterangan libur";
    pub const ADD_HOLIDAY: &str = "Tambah Hari Libur";
    pub const REMOVE: &str = "Hapus";
    pub const NO_HOLIDAYS: &str = "Belum ada hari libur tercatat.";
    /// Followed by the period ("2027–2031").
    pub const RENSTRA: &str = "Sasaran dan Indikator Renstra";
    pub const NO_PERIOD: &str = "belum masuk periode Renstra mana pun";
    pub const SASARAN: &str = "Sasaran";
    pub const INDIKATOR: &str = "Indikator kinerja";
    pub const SATUAN: &str = "Satuan";
    pub const ADD_INDIKATOR: &str = "Tambah Indikator";
    pub const CODES: &str = "Kode Program / Kegiatan / Sub Kegiatan";
    pub const CODE: &str = "Kode (mis. 1.05.02.2.01.0001)";
    pub const CODE_NAME: &str = "Nomenklatur";
    pub const SAVE_CODE: &str = "Simpan Kode";
    pub const FUNDING: &str = "Sumber Dana";
    pub const FUNDING_NEW: &str = "Sumber dana baru";
    pub const ADD_FUNDING: &str = "Tambah Sumber Dana";
    pub const SYSTEM: &str = "Berkas Program dan Tampilan";
    pub const RENDERER: &str = "Cara menggambar jendela";
    pub const RENDERER_AUTO: &str = "Otomatis";
    pub const BACKUPS: &str = "Cadangan Data";
    pub const BACKUP_TO: &str = "Cadangkan ke...";
    pub const BACKUP_HINT: &str = "Program menyalin data setiap hari saat pertama dibuka, dan sebelum kompilasi, tanda tangan, dan impor Excel; 10 salinan terakhir dan satu per bulan disimpan.";
    pub const NO_BACKUPS: &str = "Belum ada cadangan.";
    pub const RESTORE: &str = "Pulihkan";
    pub const RESTORE_CONFIRM: &str = "Ya, pulihkan";
    pub const SIGNING: &str = "Tanda Tangan dan Cetak";
    pub const PAPER: &str = "Kertas cetak RKT";
    pub const CHOOSE_PNG: &str = "Pilih PNG...";
    pub const IMAGE_SET: &str = "sudah diatur";
    pub const IMAGE_UNSET: &str = "belum ada";
    pub const RENDERER_HINT: &str = "Ganti hanya bila jendela program tidak tampil dengan benar; berlaku saat program dibuka lagi.";
}

/// An official being added or edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficialForm {
    pub editing: Option<i64>,
    pub input: OfficialInput,
}

impl Default for OfficialForm {
    /// A new official is active unless unticked.
    fn default() -> Self {
        Self {
            editing: None,
            input: OfficialInput {
                active: true,
                ..Default::default()
            },
        }
    }
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct HolidayForm {
    pub day: String,
    pub name: String,
}

/// New master data being typed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MasterForm {
    pub sasaran: String,
    pub indikator: String,
    pub satuan: String,
    pub target: String,
    pub code: String,
    pub code_name: String,
    pub funding: String,
    pub period_first: String,
    pub period_last: String,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PengaturanForm {
    pub master: MasterForm,
    pub office: OfficeSettings,
    pub hours_start: String,
    pub hours_end: String,
    pub official: OfficialForm,
    pub holiday: HolidayForm,
    pub pin: PinForm,
    pub key: super::pengaturan_sertifikat::KeyForm,
    /// The backup chosen for a restore, waiting for the confirmation.
    pub restore: Option<std::path::PathBuf>,
}

impl PengaturanForm {
    pub fn from_data(data: &Data) -> Self {
        Self {
            office: data.settings.office.clone(),
            hours_start: indo::time(data.settings.hours.start),
            hours_end: indo::time(data.settings.hours.end),
            official: OfficialForm::default(),
            holiday: HolidayForm::default(),
            master: MasterForm::default(),
            pin: PinForm::default(),
            key: Default::default(),
            restore: None,
        }
    }
}

pub fn pengaturan_ui(
    ui: &mut Ui,
    ctx: &ViewCtx,
    form: &mut PengaturanForm,
    out: &mut Vec<Command>,
) {
    egui::ScrollArea::vertical()
        .id_salt("pengaturan_gulir")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Office data, officials, holidays and master data are a pengelola's to change
            // (the store refuses anyone else); others see them greyed, with the reason. The
            // very first official of an empty office is added before anyone can sign in.
            let manages = ctx.acting.is_some_and(|o| o.pengelola);
            if !manages {
                hint_ui(ui, text::PENGELOLA_ONLY);
            }
            ui.columns(2, |cols| {
                cols[0].add_enabled_ui(manages, |ui| {
                    office_ui(ui, ctx, form, out);
                    ui.add_space(theme::SPACE);
                    hours_ui(ui, ctx, form, out);
                    ui.add_space(theme::SPACE);
                    holidays_ui(ui, ctx, form, out);
                });
                cols[0].add_space(theme::SPACE);
                super::pengaturan_sistem::backups_ui(&mut cols[0], ctx, &mut form.restore, out);
                let first = ctx.data.officials.is_empty();
                cols[1].add_enabled_ui(manages || first, |ui| {
                    super::pengaturan_pejabat::officials_ui(ui, ctx, form, out);
                });
                cols[1].add_space(theme::SPACE);
                cols[1].add_enabled_ui(manages, |ui| {
                    super::pengaturan_induk::master_ui(ui, ctx, &mut form.master, out);
                });
                cols[1].add_space(theme::SPACE);
                super::pengaturan_sistem::signing_ui(&mut cols[1], ctx, &mut form.pin, out);
                cols[1].add_space(theme::SPACE);
                super::pengaturan_sertifikat::certificates_ui(
                    &mut cols[1],
                    ctx,
                    &mut form.key,
                    out,
                );
                cols[1].add_space(theme::SPACE);
                super::pengaturan_sistem::system_ui(&mut cols[1], ctx, out);
            });
        });
}

/// A label and its text field, linked so screen readers (and tests) find the field by its label.
pub(super) fn labelled_edit(ui: &mut Ui, label: &str, value: &mut String) -> egui::Response {
    let label_id = ui.label(label).id;
    let r = ui
        .add(
            egui::TextEdit::singleline(value)
                .desired_width(f32::INFINITY)
                .id_salt(label),
        )
        .labelled_by(label_id);
    ui.end_row();
    r
}

fn office_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut PengaturanForm, out: &mut Vec<Command>) {
    card_ui(ui, |ui| {
        section_title_ui(ui, text::OFFICE);
        let left = egui::Grid::new("kantor")
            .num_columns(2)
            .show(ui, |ui| {
                labelled_edit(ui, text::OFFICE_NAME, &mut form.office.name).lost_focus()
                    | labelled_edit(ui, text::OFFICE_ADDRESS, &mut form.office.address).lost_focus()
                    | labelled_edit(ui, text::OFFICE_CITY, &mut form.office.city).lost_focus()
                    | labelled_edit(ui, text::BUPATI_NAME, &mut form.office.bupati_name)
                        .lost_focus()
                    | labelled_edit(ui, text::BUPATI_POSITION, &mut form.office.bupati_position)
                        .lost_focus()
                    | labelled_edit(ui, text::BUPATI_NIP, &mut form.office.bupati_nip).lost_focus()
            })
            .inner;
        hint_ui(ui, text::SAVED_ON_LEAVE);
        // Saved when a changed field is left, like a spreadsheet cell, or with the button.
        let changed = form.office != ctx.data.settings.office;
        if ui.button(text::SAVE_OFFICE).clicked() || (left && changed) {
            out.push(Command::SaveOffice(form.office.clone()));
        }
    });
}

fn hours_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut PengaturanForm, out: &mut Vec<Command>) {
    card_ui(ui, |ui| {
        section_title_ui(ui, text::HOURS);
        let left = egui::Grid::new("jam_kerja")
            .num_columns(2)
            .show(ui, |ui| {
                labelled_edit(ui, text::HOURS_START, &mut form.hours_start).lost_focus()
                    | labelled_edit(ui, text::HOURS_END, &mut form.hours_end).lost_focus()
            })
            .inner;
        hint_ui(ui, text::HOURS_HINT);
        let hours = &ctx.data.settings.hours;
        let changed =
            form.hours_start != indo::time(hours.start) || form.hours_end != indo::time(hours.end);
        if ui.button(text::SAVE_HOURS).clicked() || (left && changed) {
            out.push(Command::SaveWorkingHours {
                start: form.hours_start.clone(),
                end: form.hours_end.clone(),
            });
        }
    });
}

fn holidays_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut PengaturanForm, out: &mut Vec<Command>) {
    card_ui(ui, |ui| {
        section_title_ui(ui, text::HOLIDAYS);
        if ctx.data.holidays.is_empty() {
            hint_ui(ui, text::NO_HOLIDAYS);
        }
        egui::Grid::new("libur")
            .num_columns(3)
            .striped(true)
            .show(ui, |ui| {
                for h in &ctx.data.holidays {
                    ui.label(indo::date_with_day(h.day));
                    ui.label(&h.name);
                    if ui.small_button(text::REMOVE).clicked() {
                        out.push(Command::RemoveHoliday(h.day));
                    }
                    ui.end_row();
                }
            });
        ui.separator();
        egui::Grid::new("libur_baru").num_columns(2).show(ui, |ui| {
            labelled_edit(ui, text::HOLIDAY_DATE, &mut form.holiday.day);
            labelled_edit(ui, text::HOLIDAY_NAME, &mut form.holiday.name);
        });
        if ui.button(text::ADD_HOLIDAY).clicked() {
            out.push(Command::AddHoliday {
                day: form.holiday.day.clone(),
                name: form.holiday.name.clone(),
            });
        }
    });
}
