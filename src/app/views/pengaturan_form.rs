//! The Pengaturan page's form state and words, shared by the page (pengaturan.rs) and its
//! cards (pejabat, induk, excel, sistem, sertifikat).

use super::pin_forms::PinForm;
use crate::app::Data;
use crate::domain::indo;
use crate::store::{OfficeSettings, OfficialInput};

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
    pub key: KeyForm,
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

/// The PIN typed to move the signer's key.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct KeyForm {
    pub pin: String,
}
