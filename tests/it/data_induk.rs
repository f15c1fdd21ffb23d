//! The master data from Excel, as the pengelola brings it in: the Renstra of a new period and
//! the code list, each a template filled in LibreOffice Calc (tests/data), previewed, refused
//! with its problems named, and stored only on "Impor".

use eframe::egui;
use egui_kittest::kittest::Queryable;
use sop_rkt::app::{Command, MasterCmd, Page};
use sop_rkt::domain::sop::Sop;
use sop_rkt::store::Store;

use crate::common::*;

fn data(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn office() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store
        .fill_demo(&Sop::embedded(), 2026, 14, fixed_now())
        .unwrap();
    store
}

/// The demo office's Pengaturan, its pengelola (the Kasubag PP) signed in.
fn pengaturan() -> egui_kittest::Harness<'static, sop_rkt::app::App> {
    let mut h = harness(office());
    h.run();
    act_as(&mut h, "Budi Santoso");
    h.get_by_label(Page::Pengaturan.label()).click();
    h.run();
    h
}

fn preview(h: &mut egui_kittest::Harness<'static, sop_rkt::app::App>, file: &str) {
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::Master(MasterCmd::PreviewMasterImport(data(file))));
    h.run();
}

fn press_import(h: &mut egui_kittest::Harness<'static, sop_rkt::app::App>) {
    h.get_by_label("Impor").scroll_to_me();
    h.run();
    h.get_by_label("Impor").click();
    h.run();
}

/// Whether the Renstra period of 2032 is stored.
fn has_2032(h: &egui_kittest::Harness<'static, sop_rkt::app::App>) -> bool {
    running(h)
        .store()
        .master_data(2032)
        .unwrap()
        .period
        .is_some()
}

fn codes(h: &egui_kittest::Harness<'static, sop_rkt::app::App>) -> Vec<(String, String)> {
    running(h).store().master_data(2026).unwrap().code_list()
}

#[test]
fn a_new_renstra_period_comes_in_from_one_workbook_filled_in_libreoffice() {
    let mut h = pengaturan();

    // A period typed in the form, as the pengelola adds the next Renstra by hand: "Periode
    // baru…" chosen first.
    choose_period(&mut h, "Periode baru…");
    type_into(&mut h, "Tahun awal", "2037");
    type_into(&mut h, "Tahun akhir", "2041");
    h.get_by_label("Tambah Periode").click();
    h.run();
    let periods = running(&h).store().renstra_periods().unwrap();
    assert!(
        periods.iter().any(|p| p.label() == "2037–2041"),
        "{:?}",
        running(&h).flash()
    );

    // A date typed where a target goes: named by row and column, nothing stored.
    preview(&mut h, "renstra-2032-libreoffice-salah.xlsx");
    h.get_by_label_contains("Baris 4, kolom Target 2033: terbaca sebagai tanggal");
    press_import(&mut h);
    assert!(!has_2032(&h), "a refused file stores nothing");
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::Master(MasterCmd::ConfirmMasterImport(true)));
    assert!(
        !has_2032(&h),
        "Impor forced on a refused file stores nothing"
    );

    // The page at its top (Data Kantor), the Data Induk card far below the window's edge.
    h.get_by_label("Data Kantor").scroll_to_me();
    h.run();
    preview(&mut h, "renstra-2032-libreoffice.xlsx");
    // It opens where the pengelola looks: brought into the window (1366×768, under the top
    // bar) by itself.
    let head = h.get_by_label_contains("Renstra 2032–2036: 3 indikator — 3 baru, 1 berubah");
    let window = egui::Rect::from_min_max(egui::pos2(0.0, 100.0), egui::pos2(1366.0, 768.0));
    assert!(window.contains_rect(head.rect()), "{:?}", head.rect());
    // Each new indikator named, with its sasaran.
    h.get_by_label(
        "Persentase penegakan Perda yang dituntaskan (Meningkatnya ketenteraman dan ketertiban umum)",
    );
    h.snapshot("data_induk_pratinjau");
    // The merged sasaran (A2:A3) belongs to both rows; the preview says so.
    h.get_by_label_contains("sel gabungan dengan baris 2");
    assert!(!has_2032(&h), "a preview stores nothing");
    press_import(&mut h);
    let m = running(&h).store().master_data(2032).unwrap();
    assert_eq!(m.period.map(|p| p.label()), Some("2032–2036".into()));
    let sasaran = "Meningkatnya ketenteraman dan ketertiban umum";
    let perda = m
        .indikator(sasaran, "Persentase penegakan Perda yang dituntaskan")
        .unwrap();
    // "82,5" typed as text and 87.5 typed as a number both read the Indonesian way.
    let t = |y: i32, v: &str| (y, v.to_string());
    assert_eq!(
        perda.targets,
        [
            t(2032, "80"),
            t(2033, "82,5"),
            t(2034, "85"),
            t(2035, "87,5"),
            t(2036, "90")
        ]
    );
    assert!(
        m.indikator(sasaran, "Persentase gangguan trantibum yang ditangani")
            .is_some(),
        "the merged cell's sasaran"
    );
    let patroli = m
        .indikator(
            "Meningkatnya perlindungan masyarakat",
            "Jumlah patroli wilayah yang dilaksanakan",
        )
        .unwrap();
    assert_eq!(patroli.targets[1], t(2033, "160"), "the formula's value");
    assert_eq!(patroli.satuan, "kali");
    let audit = running(&h).store().audit_for_year(None, 5).unwrap();
    assert!(audit.iter().any(|a| a.action == "renstra.impor"));
    // The Riwayat says it, with the period and the counts.
    riwayat_says(
        &mut h,
        "Mengimpor Renstra dari Excel",
        "Renstra 2032–2036 (3 indikator) dari Excel: 3 baru",
    );
    // The year 2032 now reads its own period; 2026 still the Renstra 2021–2026.
    assert_eq!(
        running(&h)
            .store()
            .master_data(2026)
            .unwrap()
            .period
            .map(|p| p.label()),
        Some("2021–2026".into())
    );
}

#[test]
fn the_code_list_comes_in_from_libreoffice_and_a_missing_program_is_refused() {
    let mut h = pengaturan();
    let before = codes(&h);

    preview(&mut h, "kode-libreoffice-salah.xlsx");
    h.get_by_label_contains(
        "Kode 1.05.09.2.01.0001: induknya 1.05.09 tidak ada di berkas; tambahkan barisnya.",
    );
    press_import(&mut h);
    assert_eq!(codes(&h), before, "a refused file changes nothing");

    preview(&mut h, "kode-libreoffice.xlsx");
    h.get_by_label_contains("3 baru, 0 berubah, 0 dihapus");
    press_import(&mut h);
    let after = codes(&h);
    assert_eq!(after.len(), before.len() + 3, "{:?}", running(&h).flash());
    // Pasted with no-break spaces around it; its name made by a formula in Calc.
    assert!(after.contains(&(
        "1.05.03.2.01.0001".to_string(),
        "Sosialisasi, Komunikasi, Informasi dan Edukasi Rawan Bencana".to_string()
    )));
    let audit = running(&h).store().audit_for_year(None, 5).unwrap();
    assert!(audit.iter().any(|a| a.action == "kode.impor"));
    riwayat_says(
        &mut h,
        "Mengimpor daftar kode dari Excel",
        "3 baru, 0 berubah, 0 dihapus, 0 tetap karena dipakai; baru: 1.05.03 Program Penanggulangan Bencana",
    );

    // A code renamed by hand: the Riwayat names it, old → new.
    h.get_by_label(Page::Pengaturan.label()).click();
    h.run();
    h.get_by_label("Simpan Kode").scroll_to_me();
    h.run();
    type_into(&mut h, "Kode (mis. 1.05.02.2.01.0001)", "1.05.03");
    type_into(
        &mut h,
        "Nomenklatur",
        "Program Penanggulangan Bencana Daerah",
    );
    h.get_by_label("Simpan Kode").click();
    h.run();
    riwayat_says(
        &mut h,
        "Menyimpan kode program/kegiatan",
        "1.05.03: «Program Penanggulangan Bencana» → «Program Penanggulangan Bencana Daerah»",
    );
}

/// Beranda's Riwayat of the year shows a row with `label` whose detail holds `detail`.
fn riwayat_says(
    h: &mut egui_kittest::Harness<'static, sop_rkt::app::App>,
    label: &str,
    detail: &str,
) {
    h.get_by_label(Page::Beranda.label()).click();
    h.run();
    // The table lays out only the rows in view: its card brought up first.
    h.get_by_label_contains("Riwayat 2026").scroll_to_me();
    h.run();
    // The detail on the row of the label (the demo's own master data stands below it).
    let row = h.get_by_label_contains(detail).rect().top();
    assert!(
        h.get_all_by_label(label)
            .any(|n| (n.rect().top() - row).abs() < 4.0),
        "{label}: {detail} at {row}: {:?}",
        h.get_all_by_label(label)
            .map(|n| n.rect())
            .collect::<Vec<_>>()
    );
}

/// Chooses the period of the Renstra template from its list.
fn choose_period(h: &mut egui_kittest::Harness<'static, sop_rkt::app::App>, period: &str) {
    h.get_by_label("Periode templat Renstra").scroll_to_me();
    h.run();
    h.get_by_label("Periode templat Renstra").click();
    h.run();
    h.get_by_label(period).click();
    h.run();
}

/// The period is chosen before the save dialog: a new one whose years are wrong is refused
/// with no dialog opened; the dialog then proposes the period's name, and opens in the folder
/// the last file went to.
#[test]
fn the_renstra_template_asks_its_period_first_and_the_dialog_names_it() {
    use std::sync::{Arc, Mutex};
    let dir = tempfile::tempdir().unwrap();
    let asked: Arc<Mutex<Vec<sop_rkt::app::views::file_dialog::Asked>>> = Arc::default();
    let (seen, to) = (asked.clone(), dir.path().to_path_buf());
    sop_rkt::app::views::file_dialog::answer_dialogs_for_tests(move |a| {
        seen.lock().unwrap().push(a.clone());
        a.save_as.as_ref().map(|n| to.join(n))
    });
    let mut h = pengaturan();
    choose_period(&mut h, "Periode baru…");
    type_into(&mut h, "Tahun awal", "2031");
    type_into(&mut h, "Tahun akhir", "2027");
    h.get_by_label("Ekspor Templat Renstra...").click();
    h.run();
    h.get_by_label_contains("Periode 2031–2027 tidak sah");
    assert!(
        asked.lock().unwrap().is_empty(),
        "no dialog for a wrong period"
    );
    let clear =
        |h: &mut egui_kittest::Harness<'static, sop_rkt::app::App>, label: &str, text: &str| {
            h.get_by_label(label).click();
            h.run();
            h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
            h.run();
            h.get_by_label(label).type_text(text);
            h.run();
        };
    // Overlapping the office's Renstra 2021–2026: refused before any dialog too.
    clear(&mut h, "Tahun awal", "2025");
    clear(&mut h, "Tahun akhir", "2029");
    h.get_by_label("Ekspor Templat Renstra...").click();
    h.run();
    h.get_by_label_contains("bertumpang tindih dengan periode Renstra 2021–2026");
    assert!(asked.lock().unwrap().is_empty());

    clear(&mut h, "Tahun awal", "2037");
    clear(&mut h, "Tahun akhir", "2041");
    h.get_by_label("Ekspor Templat Renstra...").click();
    h.run();
    let first = asked.lock().unwrap()[0].clone();
    assert_eq!(
        first.save_as.as_deref(),
        Some("Templat Renstra 2037-2041.xlsx")
    );
    assert!(
        dir.path().join("Templat Renstra 2037-2041.xlsx").is_file(),
        "{:?}",
        running(&h).flash()
    );
    // The period comes into being elsewhere (the filled template imported): the choice follows
    // it, its year fields gone.
    h.state_mut().running_mut().unwrap().apply(Command::Office(
        sop_rkt::app::OfficeCmd::AddRenstraPeriod {
            first_year: "2037".into(),
            last_year: "2041".into(),
        },
    ));
    h.run();
    assert!(
        h.query_by_label("Tahun awal").is_none(),
        "the new period is chosen as itself"
    );
    assert_eq!(
        h.get_by_label("Periode templat Renstra").value().as_deref(),
        Some("2037–2041")
    );

    // A period of the list: named for it, and the dialog opens where the last file went.
    choose_period(&mut h, "2021–2026");
    h.get_by_label("Ekspor Templat Renstra...").click();
    h.run();
    let second = asked.lock().unwrap()[1].clone();
    assert_eq!(
        second.save_as.as_deref(),
        Some("Templat Renstra 2021-2026.xlsx")
    );
    assert_eq!(second.start.as_deref(), Some(dir.path()));
    let read = sop_rkt::xlsx::master::read(
        &std::fs::read(dir.path().join("Templat Renstra 2021-2026.xlsx")).unwrap(),
    )
    .unwrap();
    assert!(
        read.book.label().starts_with("Renstra 2021–2026: "),
        "{}",
        read.book.label()
    );
}
