//! Pengaturan: the office's data, working hours, officials and holidays.

use egui::{RichText, Ui};

use super::pin_forms::PinForm;
use crate::app::{Command, Data, ViewCtx, theme};
use crate::domain::{indo, nip::Nip};
use crate::renderer::{RendererChoice, RendererMemory};
use crate::store::{OfficeSettings, OfficialInput};

use super::widgets::{card_ui, hint_ui, section_title_ui};

mod text {
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
    pub const PENGELOLA: &str =
        "Pengelola (mengubah data kantor, pejabat, hari libur, data induk; mengatur ulang PIN)";
    pub const ADD_OFFICIAL: &str = "Tambah Pejabat";
    pub const SAVE_OFFICIAL: &str = "Simpan Perubahan Pejabat";
    pub const CANCEL: &str = "Batal";
    pub const EDIT: &str = "Ubah";
    pub const NO_OFFICIALS: &str =
        "Belum ada pejabat. Tambahkan pejabat, lalu pilih kolom pelaksana SOP-nya.";
    pub const HOLIDAYS: &str = "Hari Libur dan Cuti Bersama";
    pub const HOLIDAY_DATE: &str = "Tanggal (HH-BB-TTTT)";
    pub const HOLIDAY_NAME: &str = "Keterangan libur";
    pub const ADD_HOLIDAY: &str = "Tambah Hari Libur";
    pub const REMOVE: &str = "Hapus";
    pub const NO_HOLIDAYS: &str = "Belum ada hari libur tercatat.";
    pub const RENSTRA: &str = "Renstra 2021–2026: Sasaran dan Indikator";
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
            ui.columns(2, |cols| {
                office_ui(&mut cols[0], ctx, form, out);
                cols[0].add_space(theme::SPACE);
                hours_ui(&mut cols[0], ctx, form, out);
                cols[0].add_space(theme::SPACE);
                holidays_ui(&mut cols[0], ctx, form, out);
                cols[0].add_space(theme::SPACE);
                backups_ui(&mut cols[0], ctx, &mut form.restore, out);
                officials_ui(&mut cols[1], ctx, form, out);
                cols[1].add_space(theme::SPACE);
                master_ui(&mut cols[1], ctx, &mut form.master, out);
                cols[1].add_space(theme::SPACE);
                signing_ui(&mut cols[1], ctx, &mut form.pin, out);
                cols[1].add_space(theme::SPACE);
                system_ui(&mut cols[1], ctx, out);
            });
        });
}

/// A label and its text field, linked so screen readers (and tests) find the field by its label.
fn labelled_edit(ui: &mut Ui, label: &str, value: &mut String) -> egui::Response {
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

fn officials_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut PengaturanForm, out: &mut Vec<Command>) {
    card_ui(ui, |ui| {
        section_title_ui(ui, text::OFFICIALS);
        if ctx.data.officials.is_empty() {
            hint_ui(ui, text::NO_OFFICIALS);
        }
        for o in &ctx.data.officials {
            ui.horizontal_top(|ui| {
                if ui.small_button(text::EDIT).clicked() {
                    form.official = OfficialForm {
                        editing: Some(o.id),
                        input: OfficialInput::from_official(o),
                    };
                }
                ui.vertical(|ui| {
                    let role = if o.pengelola { " · pengelola" } else { "" };
                    let name = if o.active {
                        RichText::new(format!("{}{role}", o.name)).strong()
                    } else {
                        RichText::new(format!("{} (nonaktif)", o.name)).color(theme::MUTED)
                    };
                    ui.label(name);
                    let mut line = o.position.clone();
                    if let Some(nip) = o.nip.as_ref().map(|_| o.nip_grouped()) {
                        line = format!("{line} · NIP. {nip}");
                    }
                    ui.label(RichText::new(line).small());
                    ui.label(
                        RichText::new(ctx.sop.lane_names_of(&o.lanes).join(", "))
                            .small()
                            .color(theme::ACCENT),
                    );
                });
            });
            ui.add_space(4.0);
        }
        ui.separator();
        official_form_ui(ui, ctx, &mut form.official, out);
    });
}

fn official_form_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut OfficialForm, out: &mut Vec<Command>) {
    let input = &mut form.input;
    egui::Grid::new("pejabat_baru")
        .num_columns(2)
        .show(ui, |ui| {
            labelled_edit(ui, text::NAME, &mut input.name);
            labelled_edit(ui, text::NIP, &mut input.nip);
            labelled_edit(ui, text::RANK, &mut input.rank);
            labelled_edit(ui, text::POSITION, &mut input.position);
        });
    // Checked while typing, so the mistake is seen before saving.
    if !input.nip.trim().is_empty() {
        match Nip::parse(&input.nip) {
            Ok(nip) => hint_ui(ui, &format!("NIP. {}", nip.grouped())),
            Err(e) => {
                ui.label(RichText::new(format!("⚠ {e}")).color(theme::ERROR));
            }
        }
    }
    ui.label(text::LANES);
    for lane in &ctx.sop.lanes {
        let mut on = input.lanes.contains(&lane.id);
        if ui.checkbox(&mut on, &lane.name).changed() {
            if on {
                input.lanes.push(lane.id.clone());
            } else {
                input.lanes.retain(|l| l != &lane.id);
            }
        }
    }
    ui.checkbox(&mut input.active, text::ACTIVE);
    ui.checkbox(&mut input.pengelola, text::PENGELOLA);
    ui.horizontal(|ui| {
        let label = if form.editing.is_some() {
            text::SAVE_OFFICIAL
        } else {
            text::ADD_OFFICIAL
        };
        if ui.button(RichText::new(label).strong()).clicked() {
            out.push(Command::SaveOfficial {
                id: form.editing,
                input: form.input.clone(),
            });
        }
        if form.editing.is_some() && ui.button(text::CANCEL).clicked() {
            *form = OfficialForm::default();
        }
    });
}

/// The Renstra, budget codes and funding sources the FORMAT RKT picks from.
fn master_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut MasterForm, out: &mut Vec<Command>) {
    let m = &ctx.data.master;
    card_ui(ui, |ui| {
        section_title_ui(ui, text::RENSTRA);
        for s in &m.renstra {
            ui.label(RichText::new(&s.text).strong());
            for i in &s.indikator {
                let t = i
                    .targets
                    .iter()
                    .find(|(y, _)| *y == ctx.year)
                    .map(|(_, t)| format!("target {}: {t} {}", ctx.year, i.satuan))
                    .unwrap_or_else(|| format!("satuan {}", i.satuan));
                ui.label(RichText::new(format!("   • {} ({t})", i.text)).small());
            }
        }
        egui::Grid::new("renstra_baru")
            .num_columns(2)
            .show(ui, |ui| {
                labelled_edit(ui, text::SASARAN, &mut form.sasaran);
                labelled_edit(ui, text::INDIKATOR, &mut form.indikator);
                labelled_edit(ui, text::SATUAN, &mut form.satuan);
                labelled_edit(ui, &format!("Target {}", ctx.year), &mut form.target);
            });
        if ui.button(text::ADD_INDIKATOR).clicked() {
            out.push(Command::AddIndikator {
                sasaran: form.sasaran.clone(),
                indikator: form.indikator.clone(),
                satuan: form.satuan.clone(),
                target: form.target.clone(),
            });
        }
    });
    ui.add_space(theme::SPACE);
    card_ui(ui, |ui| {
        section_title_ui(ui, text::CODES);
        egui::ScrollArea::vertical()
            .id_salt("kode_list")
            .max_height(180.0)
            .show(ui, |ui| {
                for c in &m.codes {
                    ui.label(RichText::new(format!("{}  {}", c.code, c.name)).small());
                }
            });
        egui::Grid::new("kode_baru").num_columns(2).show(ui, |ui| {
            labelled_edit(ui, text::CODE, &mut form.code);
            labelled_edit(ui, text::CODE_NAME, &mut form.code_name);
        });
        if ui.button(text::SAVE_CODE).clicked() {
            out.push(Command::SaveCode {
                code: form.code.clone(),
                name: form.code_name.clone(),
            });
        }
        ui.separator();
        section_title_ui(ui, text::FUNDING);
        ui.label(m.funding.join(", "));
        ui.horizontal(|ui| {
            let id = ui.label(text::FUNDING_NEW).id;
            ui.add(egui::TextEdit::singleline(&mut form.funding).desired_width(160.0))
                .labelled_by(id);
            if ui.button(text::ADD_FUNDING).clicked() {
                out.push(Command::AddFunding(form.funding.clone()));
            }
        });
    });
}

fn system_ui(ui: &mut Ui, ctx: &ViewCtx, out: &mut Vec<Command>) {
    card_ui(ui, |ui| {
        section_title_ui(ui, text::SYSTEM);
        ui.label(format!("Basis data: {}", ctx.db_label));
        ui.label(format!("Folder data: {}", ctx.data_dir.display()));
        ui.label(format!("SOP: {}", ctx.sop_source.describe()));
        ui.label(format!("Versi program: {}", env!("CARGO_PKG_VERSION")));
        ui.add_space(6.0);
        let memory = RendererMemory::load(ctx.data_dir);
        let name = |c: Option<RendererChoice>| match c {
            None => text::RENDERER_AUTO,
            Some(RendererChoice::Wgpu) => "wgpu (DirectX/Vulkan)",
            Some(RendererChoice::Glow) => "glow (OpenGL)",
        };
        ui.horizontal(|ui| {
            let label_id = ui.label(text::RENDERER).id;
            egui::ComboBox::from_id_salt("renderer")
                .selected_text(name(memory.setting))
                .show_ui(ui, |ui| {
                    for c in [None, Some(RendererChoice::Wgpu), Some(RendererChoice::Glow)] {
                        if ui.selectable_label(c == memory.setting, name(c)).clicked()
                            && c != memory.setting
                        {
                            out.push(Command::SetRenderer(c));
                        }
                    }
                })
                .response
                .labelled_by(label_id);
        });
        hint_ui(ui, text::RENDERER_HINT);
    });
}

fn signing_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut PinForm, out: &mut Vec<Command>) {
    use crate::store::ImageRole;
    card_ui(ui, |ui| super::pin_forms::pins_ui(ui, ctx, form, out));
    card_ui(ui, |ui| {
        section_title_ui(ui, text::SIGNING);
        for role in ImageRole::ALL {
            ui.horizontal(|ui| {
                let set = ctx.data.images.contains(&role);
                ui.label(format!(
                    "{}: {}",
                    role.label(),
                    if set {
                        text::IMAGE_SET
                    } else {
                        text::IMAGE_UNSET
                    }
                ));
                if ui.small_button(text::CHOOSE_PNG).clicked()
                    && let Some(path) = rfd::FileDialog::new()
                        .add_filter("PNG", &["png"])
                        .pick_file()
                {
                    out.push(Command::SetImage {
                        role,
                        path: Some(path),
                    });
                }
                if set && ui.small_button(text::REMOVE).clicked() {
                    out.push(Command::SetImage { role, path: None });
                }
            });
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let label_id = ui.label(text::PAPER).id;
            let current = ctx.data.settings.paper.clone();
            egui::ComboBox::from_id_salt("kertas")
                .selected_text(paper_name(&current))
                .show_ui(ui, |ui| {
                    for p in ["A4", "F4"] {
                        if ui.selectable_label(current == p, paper_name(p)).clicked()
                            && current != p
                        {
                            out.push(Command::SetPaper(p.into()));
                        }
                    }
                })
                .response
                .labelled_by(label_id);
        });
    });
}

fn paper_name(p: &str) -> &'static str {
    match p {
        "F4" => "F4 / folio, melintang (330 × 215 mm)",
        _ => "A4, melintang (297 × 210 mm)",
    }
}

fn backups_ui(
    ui: &mut Ui,
    ctx: &ViewCtx,
    confirm: &mut Option<std::path::PathBuf>,
    out: &mut Vec<Command>,
) {
    card_ui(ui, |ui| {
        section_title_ui(ui, text::BACKUPS);
        if ui.button(text::BACKUP_TO).clicked()
            && let Some(path) = rfd::FileDialog::new()
                .set_file_name(format!("sop-rkt-cadangan-{}.db", ctx.now.format("%Y%m%d")))
                .add_filter("Basis data SOP RKT", &["db"])
                .save_file()
        {
            out.push(Command::BackupTo(path));
        }
        hint_ui(ui, text::BACKUP_HINT);
        if ctx.data.backups.is_empty() {
            hint_ui(ui, text::NO_BACKUPS);
        }
        egui::Grid::new("cadangan")
            .num_columns(3)
            .striped(true)
            .show(ui, |ui| {
                for b in &ctx.data.backups {
                    ui.label(indo::datetime_short(b.at));
                    ui.label(format!(
                        "{} · {} KB",
                        b.reason.label(),
                        b.size.div_ceil(1024)
                    ));
                    if ui.small_button(text::RESTORE).clicked() {
                        *confirm = Some(b.path.clone());
                    }
                    ui.end_row();
                }
            });
        // The restore waits for a second, explicit yes.
        let chosen = confirm
            .as_ref()
            .and_then(|p| ctx.data.backups.iter().find(|b| &b.path == p));
        if let Some(b) = chosen {
            ui.label(
                RichText::new(format!(
                    "Data sekarang diganti dengan salinan {} ({}); keadaan sekarang disimpan dulu sebagai cadangan.",
                    indo::datetime_short(b.at),
                    b.reason.label()
                ))
                .color(theme::ERROR),
            );
            ui.horizontal(|ui| {
                if ui
                    .button(RichText::new(text::RESTORE_CONFIRM).color(theme::ERROR))
                    .clicked()
                {
                    out.push(Command::Restore(b.path.clone()));
                    *confirm = None;
                }
                if ui.button(text::CANCEL).clicked() {
                    *confirm = None;
                }
            });
        }
    });
}
