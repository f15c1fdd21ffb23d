//! Beranda before the office's first cycle: the setup, step by step, each ticked from the data
//! (`session::setup`) and each with a button to where it is done.

use egui::{RichText, Ui};

use super::masuk::MasukForm;
use super::pengaturan_form::{Section, send_to};
use super::widgets::{card_ui, hint_ui, section_title_ui};
use crate::app::{Command, Page, ViewCmd, ViewCtx, theme};
use crate::domain::indo;
use crate::session::setup::{OfficeField, Setup, SetupStep, actors_of};

mod text {
    pub const TITLE: &str = "Persiapan sebelum siklus pertama";
    pub const INTRO: &str = "Kerjakan berurutan dari atas. Tanda ✔ muncul sendiri begitu langkahnya dikerjakan; tombol di tiap baris membuka tempat mengerjakannya.";
    pub const FIRST: &str = "Pejabat pertama (menjadi pengelola)";
    pub const SIGN_IN: &str = "Masuk dengan PIN pengelola";
    pub const OFFICE: &str = "Data kantor";
    pub const LANES: &str = "Pejabat di setiap kolom pelaksana SOP";
    pub const UNITS: &str = "Pejabat setiap bidang dan sub bagian";
    pub const MASTER: &str = "Renstra, kode program/kegiatan, dan sumber dana";
    pub const HOLIDAYS: &str = "Hari libur";
    pub const GO_FIRST: &str = "Ke Pengaturan: Pejabat Pertama";
    pub const GO_SIGN_IN: &str = "Buka Masuk Pengelola";
    pub const GO_OFFICE: &str = "Ke Pengaturan: Data Kantor";
    pub const GO_LANES: &str = "Ke Pengaturan: Pejabat";
    pub const GO_UNITS: &str = "Ke Pengaturan: Bidang dan Sub Bagian";
    pub const GO_MASTER: &str = "Ke Pengaturan: Data Induk";
    pub const GO_HOLIDAYS: &str = "Ke Pengaturan: Hari Libur";
    pub const GO_START: &str = "Ke Tombol Mulai Siklus";
    pub const FIRST_TODO: &str =
        "Tambahkan di Pengaturan → Pejabat; pejabat pertama otomatis menjadi pengelola.";
    pub const OFFICE_DONE: &str = "Nama kantor, alamat, kota, dan Bupati terisi.";
    pub const UNITS_DONE: &str =
        "Setiap unit punya pejabat yang mengisi FORMAT RKT-nya (unit diatur di data pejabat).";
    pub const OFFICE_NAME: &str = "nama kantor";
    pub const OFFICE_ADDRESS: &str = "alamat";
    pub const OFFICE_CITY: &str = "kota";
    pub const BUPATI_NAME: &str = "nama Bupati (Perjanjian Kinerja)";
    pub const BUPATI_POSITION: &str = "jabatan Bupati";
}

/// What the checklist keeps between frames: the sign-in it opened, and a request to bring the
/// start button into view.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SetupForm {
    pub masuk: MasukForm,
    pub to_start: bool,
}

pub fn setup_ui(ui: &mut Ui, ctx: &ViewCtx, form: &mut SetupForm, out: &mut Vec<Command>) {
    let setup = Setup::of(ctx.data, ctx.sop, ctx.year);
    card_ui(ui, |ui| {
        section_title_ui(ui, text::TITLE);
        hint_ui(ui, text::INTRO);
        egui::Grid::new("persiapan")
            .num_columns(3)
            .spacing([theme::SPACE_L, theme::SPACE_M])
            .show(ui, |ui| {
                for (i, step) in SetupStep::ALL.into_iter().enumerate() {
                    step_row_ui(ui, ctx, &setup, step, i + 1, form, out);
                    ui.end_row();
                }
            });
    });
    // The sign-in the checklist opened: the same dialog as "Bertindak sebagai".
    super::masuk::masuk_ui(ui, ctx, &mut form.masuk, out);
}

fn step_row_ui(
    ui: &mut Ui,
    ctx: &ViewCtx,
    setup: &Setup,
    step: SetupStep,
    n: usize,
    form: &mut SetupForm,
    out: &mut Vec<Command>,
) {
    let done = setup.is_done(step);
    let (title, go) = words(ctx, step);
    let mark = if done { "✔" } else { "◻" };
    let color = if done {
        theme::OK
    } else if setup.next() == Some(step) {
        theme::ACCENT
    } else {
        theme::MUTED
    };
    ui.label(
        RichText::new(format!("{mark} {n}. {title}"))
            .strong()
            .color(color),
    );
    let enabled = match step {
        // Nothing to open while that pengelola is the one signed in, or before there is one.
        SetupStep::SignIn => {
            setup.pengelola.is_some()
                && ctx.acting.map(|o| o.id) != setup.pengelola.as_ref().map(|p| p.0)
        }
        _ => true,
    };
    if ui.add_enabled(enabled, egui::Button::new(go)).clicked() {
        match step {
            SetupStep::SignIn => {
                if let Some((id, _)) = &setup.pengelola {
                    form.masuk.choose(*id);
                }
            }
            SetupStep::Start => form.to_start = true,
            other => {
                let section = match other {
                    SetupStep::Office => Section::Office,
                    SetupStep::Units => Section::Units,
                    SetupStep::Master => Section::Master,
                    SetupStep::Holidays => Section::Holidays,
                    _ => Section::Officials,
                };
                send_to(ui.ctx(), section);
                out.push(Command::View(ViewCmd::Navigate(Page::Pengaturan)));
            }
        }
    }
    let said = detail(ctx, setup, step, done);
    ui.add(egui::Label::new(RichText::new(&said).small().color(theme::MUTED)).truncate())
        .on_hover_text(said);
}

/// A step's title and its button.
fn words(ctx: &ViewCtx, step: SetupStep) -> (String, &'static str) {
    match step {
        SetupStep::FirstOfficial => (text::FIRST.into(), text::GO_FIRST),
        SetupStep::SignIn => (text::SIGN_IN.into(), text::GO_SIGN_IN),
        SetupStep::Office => (text::OFFICE.into(), text::GO_OFFICE),
        SetupStep::Lanes => (text::LANES.into(), text::GO_LANES),
        SetupStep::Units => (text::UNITS.into(), text::GO_UNITS),
        SetupStep::Master => (text::MASTER.into(), text::GO_MASTER),
        SetupStep::Holidays => (
            format!("{} {}", text::HOLIDAYS, ctx.year),
            text::GO_HOLIDAYS,
        ),
        SetupStep::Start => (
            format!("Mulai Siklus {} {}", ctx.sop.document(), ctx.year),
            text::GO_START,
        ),
    }
}

/// What stands done, or what is still missing, in a line.
fn detail(ctx: &ViewCtx, setup: &Setup, step: SetupStep, done: bool) -> String {
    let pengelola = setup.pengelola.as_ref().map_or("", |p| p.1.as_str());
    match step {
        SetupStep::FirstOfficial if done => format!("{pengelola} adalah pengelola."),
        SetupStep::FirstOfficial => text::FIRST_TODO.into(),
        SetupStep::SignIn if !done && setup.pengelola.is_some() => format!(
            "{pengelola}: pilih nama di \"Bertindak sebagai\" (kanan atas), lalu buat PIN 6 angka. Data kantor dan pejabat lain hanya bisa diubah sesudah pengelola masuk."
        ),
        SetupStep::SignIn if !done => "Tambahkan pejabat pertama dulu.".into(),
        SetupStep::SignIn => match ctx.acting {
            Some(o) if o.pengelola => format!("{} sedang masuk sebagai pengelola.", o.name),
            _ => format!(
                "PIN sudah dibuat. Masuk lagi sebagai {pengelola} untuk mengerjakan langkah berikut."
            ),
        },
        SetupStep::Office if done => text::OFFICE_DONE.into(),
        SetupStep::Office => {
            let missing: Vec<&str> = setup
                .office_missing
                .iter()
                .map(|f| match f {
                    OfficeField::Name => text::OFFICE_NAME,
                    OfficeField::Address => text::OFFICE_ADDRESS,
                    OfficeField::City => text::OFFICE_CITY,
                    OfficeField::BupatiName => text::BUPATI_NAME,
                    OfficeField::BupatiPosition => text::BUPATI_POSITION,
                })
                .collect();
            format!("Belum diisi: {}.", missing.join(", "))
        }
        SetupStep::Lanes if done => format!(
            "Semua {} kolom pelaksana punya pejabat aktif.",
            ctx.sop.lanes.len()
        ),
        SetupStep::Lanes => format!(
            "Belum ada pejabat aktif di kolom: {}.",
            setup.lanes_missing.join(", ")
        ),
        SetupStep::Units if done => text::UNITS_DONE.into(),
        SetupStep::Units => indo::sentence_end(&format!(
            "{} unit belum punya pejabat: {}",
            setup.units_without_official.len(),
            setup.units_without_official.join(", ")
        )),
        SetupStep::Master if done => format!(
            "{} indikator Renstra tahun {}, {} kode sub kegiatan, {} sumber dana.",
            setup.indikator, ctx.year, setup.sub_kegiatan, setup.funding
        ),
        SetupStep::Master => format!(
            "Renstra tahun {}: {} indikator; kode sub kegiatan: {}; sumber dana: {}. Renstra dan kode lewat templat Excel (Data Induk dari Excel); sumber dana di kartu Kode.",
            ctx.year, setup.indikator, setup.sub_kegiatan, setup.funding
        ),
        SetupStep::Holidays if done => format!("{} hari libur tercatat.", setup.holidays),
        SetupStep::Holidays => format!(
            "Belum ada hari libur tahun {}; tanpa itu batas waktu menghitung hari libur sebagai hari kerja.",
            ctx.year
        ),
        SetupStep::Start => who_starts(ctx),
    }
}

/// "Ditekan oleh SEKRETARIS: Hj. Nurul Aini." — who may start the cycle (step 1's lane).
pub fn who_starts(ctx: &ViewCtx) -> String {
    let first = ctx.sop.first_step();
    let lanes = ctx
        .sop
        .step(first)
        .map(|s| ctx.sop.lane_names(s))
        .unwrap_or_default();
    let names: Vec<&str> = actors_of(&ctx.data.officials, ctx.sop, first)
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    if names.is_empty() {
        format!(
            "Ditekan oleh {lanes}; belum ada pejabat aktif di kolom itu (Pengaturan → Pejabat)."
        )
    } else {
        indo::sentence_end(&format!("Ditekan oleh {lanes}: {}", names.join(", ")))
    }
}
