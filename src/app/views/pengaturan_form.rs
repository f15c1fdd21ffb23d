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
    pub const RENDERER_AUTO_HOVER: &str = "Cara utama dicoba dulu; bila gagal, cara cadangan.";
    pub const RENDERER_MAIN: &str = "Cara utama (kartu grafis)";
    pub const RENDERER_SPARE: &str = "Cara cadangan (untuk PC lama)";
    pub const DATABASE: &str = "Basis data:";
    pub const DATA_DIR: &str = "Folder data:";
    pub const OPEN_DATA_DIR: &str = "Buka Folder Data";
    pub const OPEN_FAILED: &str = "Folder tidak bisa dibuka dari sini; buka lewat Explorer:";
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
    pub const UNIT: &str = "Unit";
    pub const NO_UNIT: &str = "— tanpa unit (mis. Kepala, Sekretaris, TIM) —";
    pub const NIP_HINT: &str = "18 angka, boleh dengan spasi; kosongkan bila tidak ber-NIP.";
    pub const FIRST_PENGELOLA: &str = "Pejabat pertama otomatis menjadi pengelola. Sesudah disimpan, pilih namanya di \"Bertindak sebagai\" (kanan atas) dan buat PIN 6 angka; baru sesudah itu Data Kantor dan data lain bisa diisi.";
    pub const UNITS: &str = "Bidang dan Sub Bagian";
    pub const UNITS_HINT: &str = "Setiap bidang dan sub bagian mengisi FORMAT RKT-nya sendiri, oleh pejabat yang unitnya diatur di data pejabat. Unit yang diganti namanya tetap memakai baris dan pejabatnya (nama lama tercatat di Riwayat); unit yang tidak dipakai lagi hilang dari tahun berikutnya, tetapi baris dan arsip tahun lalunya tetap.";
    pub const UNIT_KIND_BIDANG: &str = "Bidang";
    pub const UNIT_KIND_SUB: &str = "Sub Bagian";
    pub const UNIT_NEW: &str = "Nama unit baru";
    pub const ADD_UNIT: &str = "Tambah Unit";
    pub const RENAME: &str = "Ubah Nama";
    pub const NEW_NAME: &str = "Nama baru";
    pub const SAVE_NAME: &str = "Simpan Nama";
    pub const RETIRE: &str = "Tidak Dipakai Lagi";
    pub const RETIRE_CONFIRM: &str = "Ya, tidak dipakai lagi";
    pub const RETIRED: &str = "tidak dipakai lagi";
    pub const NO_HEAD: &str = "belum ada pejabat";
}

/// A card of Pengaturan another page sends the person to (Beranda's first-run checklist).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Office,
    Officials,
    Units,
    Master,
    Holidays,
    /// Tanda Tangan Digital (Beranda's reminder of the signature's chores).
    Signature,
}

fn section_key() -> egui::Id {
    egui::Id::unique("pengaturan_bagian_dituju")
}

/// Remembers where to scroll when Pengaturan is drawn next.
pub fn send_to(ctx: &egui::Context, section: Section) {
    ctx.data_mut(|d| d.insert_temp(section_key(), section));
}

/// Scrolls the card about to be drawn into view, once, when the person was sent to it.
pub fn scroll_if_sent(ui: &mut egui::Ui, section: Section) {
    let sent = ui.ctx().data(|d| d.get_temp::<Section>(section_key()));
    if sent == Some(section) {
        ui.ctx().data_mut(|d| d.remove::<Section>(section_key()));
        let at = egui::Rect::from_min_size(ui.cursor().min, egui::vec2(1.0, 1.0));
        ui.scroll_to_rect(at, Some(egui::Align::TOP));
    }
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

/// Units being added, renamed or retired.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct UnitForm {
    /// "bidang" or "sub_bagian" (empty: bidang).
    pub kind: String,
    pub name: String,
    /// The number of units when "Tambah Unit" was pressed: one more means it was added, and
    /// the name field empties (a refused name stays to be corrected).
    pub adding_from: Option<usize>,
    /// The unit being renamed: its id, its name when the field opened, and the name typed.
    pub renaming: Option<(i64, String, String)>,
    /// The unit waiting for the second yes before it is retired.
    pub retiring: Option<i64>,
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
    /// The period the Renstra template is for (`None`: the year's period, else a new one).
    pub renstra_choice: Option<RenstraChoice>,
    /// Why the Renstra template was not made: said before any save dialog opens.
    pub renstra_error: Option<String>,
    /// A period asked to be added: chosen for the template once it is in the list.
    pub period_added: Option<(i32, i32)>,
}

/// A Renstra period chosen from the list, or a new one typed in its two year fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenstraChoice {
    Period(i32, i32),
    New,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PengaturanForm {
    pub master: MasterForm,
    pub office: OfficeSettings,
    pub hours_start: String,
    pub hours_end: String,
    pub official: OfficialForm,
    pub unit: UnitForm,
    pub holiday: HolidayForm,
    pub pin: PinForm,
    pub key: KeyForm,
    /// The backup chosen for a restore, waiting for the confirmation.
    pub restore: Option<std::path::PathBuf>,
    pub measure: MeasureForm,
}

/// The Pengukuran Kinerja card: the due working day and the category scale, as typed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MeasureForm {
    pub due_days: String,
    pub scale: String,
}

impl MeasureForm {
    pub fn from_data(data: &Data) -> Self {
        Self {
            due_days: data.measures.due_days.to_string(),
            scale: data.measures.scale.to_text(),
        }
    }
}

impl PengaturanForm {
    pub fn from_data(data: &Data) -> Self {
        Self {
            office: data.settings.office.clone(),
            hours_start: indo::time(data.settings.hours.start),
            hours_end: indo::time(data.settings.hours.end),
            official: OfficialForm::default(),
            unit: UnitForm::default(),
            holiday: HolidayForm::default(),
            master: MasterForm::default(),
            pin: PinForm::default(),
            key: Default::default(),
            restore: None,
            measure: MeasureForm::from_data(data),
        }
    }
}

/// What is typed on the Tanda Tangan Digital card: a new key's passphrase (twice) and where
/// it goes, a passphrase to show one's key fingerprint, and the root holder's approval.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct KeyForm {
    pub pass: String,
    pub again: String,
    /// The new key goes to a file on a flash disk (typed or chosen), not the program.
    pub on_disk: bool,
    pub path: String,
    /// The passphrase that opens one's own key to show its fingerprint.
    pub show_pass: String,
    /// The request being approved or refused, the fingerprint the signer read out, the root's
    /// passphrase, the refusal's reason.
    pub request: Option<i64>,
    pub fingerprint: String,
    pub root_pass: String,
    pub reason: String,
    /// The issued certificate whose key is being declared leaked, and why.
    pub leak: Option<i64>,
    pub leak_why: String,
    /// A PSrE's .p12 and its password.
    pub psre_path: String,
    pub psre_pass: String,
}
