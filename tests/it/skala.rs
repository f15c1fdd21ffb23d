//! Every page as office laptops show it: Windows at 125 % on a 1366×768 screen (1093×614 points
//! at 1.25 pixels a point) and at 150 % on a 1920×1080 one (1280×720 points at 1.5). Each page
//! and sub-tab fits the window or scrolls to what it holds: its buttons and fields are reached
//! by scrolling, nothing is cut at the right edge, and a snapshot of each was looked at
//! (tests/snapshots/skala_*.png).

use crate::common::*;
use eframe::egui::{self, Rect};
use egui_kittest::kittest::{By, NodeT, Queryable};
use egui_kittest::{Harness, SnapshotResults};
use sop_rkt::app::{App, Page};
use sop_rkt::domain::sop::Sop;
use sop_rkt::export;
use sop_rkt::store::Store;

#[derive(Clone, Copy)]
struct Scale {
    percent: u32,
    /// The window in points: the screen's pixels divided by the scale.
    size: [f32; 2],
    ppp: f32,
}

const SCALES: [Scale; 2] = [
    Scale {
        percent: 125,
        size: [1093.0, 614.0],
        ppp: 1.25,
    },
    Scale {
        percent: 150,
        size: [1280.0, 720.0],
        ppp: 1.5,
    },
];

fn window(store: Store, s: Scale) -> Harness<'static, App> {
    let mut h = harness_scaled(store, s.size, s.ppp);
    h.run();
    h
}

/// The window's image, compared with tests/snapshots/skala_<percent>_<name>.png; a difference
/// is reported with the test's others at its end (after every assert has run).
fn snapshot(h: &mut Harness<'static, App>, s: Scale, name: &str, shots: &mut SnapshotResults) {
    h.snapshot(format!("skala_{}_{name}", s.percent));
    shots.extend_harness(h);
}

/// Paints over what differs from run to run on Pengaturan: a key's fingerprint (keys are made
/// afresh by each test) and the test's own data folder.
fn mask_changing(h: &mut Harness<'static, App>) {
    let fingerprint = |t: &str| {
        t.len() > 12 && t.as_bytes()[2] == b':' && t.as_bytes()[5] == b':' && t.contains("  ")
    };
    let right = screen(h).right() - 24.0;
    let rects: Vec<Rect> = h
        .query_all(By::new())
        .filter_map(|n| {
            let t = name_of(&n.accesskit_node())?;
            let r = n.rect();
            // The folder's name is as long as chance makes it, and moves its button: the row
            // to the card's edge.
            (fingerprint(&t) || t.starts_with("Folder data:"))
                .then(|| r.with_max_x(r.max.x.max(right)))
        })
        .collect();
    for r in rects {
        h.mask(r);
    }
}

/// As `snapshot`, for a page that shows the sizes of signed PDFs (their digits may differ).
fn snapshot_signed(
    h: &mut Harness<'static, App>,
    s: Scale,
    name: &str,
    shots: &mut SnapshotResults,
) {
    snapshot_with_signed_sizes(h, &format!("skala_{}_{name}", s.percent));
    shots.extend_harness(h);
}

fn screen(h: &Harness<'_, App>) -> Rect {
    h.ctx.content_rect()
}

/// Where the page is seen: the window above the message bar at its foot, when one is shown
/// (a widget behind the bar is neither seen nor clicked).
fn in_view(h: &Harness<'_, App>) -> Rect {
    let mut r = screen(h);
    if let Some(close) = h.query_by_label("Tutup pesan") {
        // The bar's own margin above its close button.
        r.max.y = close.rect().top() - 8.0;
    }
    r
}

fn open(h: &mut Harness<'_, App>, page: Page) {
    h.get_by_label(page.label()).click();
    h.run();
    assert_eq!(running(h).page(), page);
}

fn click(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// The widget called `label` (or the only one whose label starts with it), scrolled to as a
/// person would: then wholly inside the window.
fn reach(h: &mut Harness<'_, App>, label: &str) -> Rect {
    let named = move |n: &egui_kittest::kittest::AccessKitNode<'_>| {
        name_of(n).is_some_and(|l| l.starts_with(label))
    };
    // A field and the label naming it: the field.
    let field = h
        .query_all(By::new().predicate(named))
        .any(|n| n.accesskit_node().role() != egui::accesskit::Role::Label);
    let by = || {
        By::new()
            .predicate(move |n| named(n) && (!field || n.role() != egui::accesskit::Role::Label))
    };
    let found = h.query_all(by()).count();
    assert_eq!(found, 1, "«{label}»: {found} widgets of that name");
    h.get(by()).scroll_to_me();
    // A grid laid out again at its new place takes a few frames to settle.
    if h.try_run().is_err() {
        h.run();
    }
    let r = h.get(by()).rect();
    let s = in_view(h);
    assert!(
        s.expand(0.5).contains_rect(r),
        "«{label}» at {r:?} is not in view ({s:?}) after scrolling to it"
    );
    r
}

/// What a node is called: a label's text, or the name of a button or field.
fn name_of(n: &egui_kittest::kittest::AccessKitNode<'_>) -> Option<String> {
    if n.role() == egui::accesskit::Role::Label {
        n.value()
    } else {
        n.label()
    }
}

/// Nothing ends past the window's right edge on a page that does not scroll sideways: what
/// does is cut, unreadable and unreachable.
fn nothing_cut_at_the_right(h: &Harness<'_, App>, what: &str) {
    let right = screen(h).right() + 0.5;
    let cut: Vec<String> = h
        .query_all(By::new())
        .filter(|n| n.accesskit_node().bounding_box().is_some())
        .filter(|n| n.rect().right() > right && n.rect().width() < 4000.0)
        .filter_map(|n| {
            let a = n.accesskit_node();
            let name = a.label().or(a.value())?;
            Some(format!(
                "{:?} «{name}» right edge {}",
                a.role(),
                n.rect().right()
            ))
        })
        .collect();
    assert!(
        cut.is_empty(),
        "{what}: cut at the right edge ({right}):\n{}",
        cut.join("\n")
    );
    // Nor is anything just wider than the page, which a sideways scroll bar would say.
    let sideways: Vec<Rect> = h
        .query_all(By::new().role(egui::accesskit::Role::ScrollBar))
        .map(|n| n.rect())
        .filter(|r| r.width() > r.height())
        .collect();
    if !sideways.is_empty() {
        let mut wide: Vec<(f32, String)> = h
            .query_all(By::new())
            .filter(|n| n.accesskit_node().bounding_box().is_some())
            .map(|n| {
                let a = n.accesskit_node();
                let name = name_of(&a).unwrap_or_default();
                (n.rect().right(), format!("{:?} «{name}»", a.role()))
            })
            .collect();
        wide.sort_by(|a, b| b.0.total_cmp(&a.0));
        wide.truncate(6);
        panic!("{what}: the page scrolls sideways ({sideways:?}); the widest: {wide:?}");
    }
}

/// The demo office as "Isi data contoh" makes it, 2026 walked to step 3 (step 4 is active).
fn demo_office() -> Store {
    demo_office_of(40)
}

/// As `demo_office`, with `rows` FORMAT RKT rows in all (a unit has about a seventh of them).
fn demo_office_of(rows: usize) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    export::fill_demo(&mut store, &Sop::embedded(), 2026, rows, fixed_now()).unwrap();
    steps_by_lane(&mut store, 2026, 3);
    store
}

#[test]
fn beranda_on_the_first_day_and_with_a_cycle_at_both_scales() {
    let mut shots = SnapshotResults::new();
    for s in SCALES {
        let mut h = window(Store::open_in_memory().unwrap(), s);
        nothing_cut_at_the_right(&h, "Beranda, hari pertama");
        snapshot(&mut h, s, "beranda_hari_pertama", &mut shots);
        reach(&mut h, "Isi data contoh");
        reach(&mut h, "Riwayat");

        let mut h = window(demo_office(), s);
        act_as(&mut h, "Siti Rahmah");
        nothing_cut_at_the_right(&h, "Beranda, siklus berjalan");
        snapshot(&mut h, s, "beranda_siklus_berjalan", &mut shots);
        reach(&mut h, "Riwayat");
        reach(&mut h, "Kemajuan langkah SOP");
    }
}

#[test]
fn alur_sop_and_its_tabs_at_both_scales() {
    let mut shots = SnapshotResults::new();
    for s in SCALES {
        let mut h = window(demo_office(), s);
        act_as(&mut h, "Siti Rahmah");
        open(&mut h, Page::AlurSop);
        reach(&mut h, "↔ Sesuaikan lebar");
        reach(&mut h, "+ Perbesar");
        // The active step's row opens its details beside the chart, its action in reach.
        h.get_by_label_contains("Langkah 4 (").click();
        h.run();
        reach(&mut h, "Tutup rincian");
        reach(&mut h, "Riwayat langkah ini");
        snapshot(&mut h, s, "alur_diagram_rincian", &mut shots);
        click(&mut h, "Tutup rincian");
        click(&mut h, "Identitas SOP");
        nothing_cut_at_the_right(&h, "Identitas SOP");
        snapshot(&mut h, s, "alur_identitas", &mut shots);
        click(&mut h, "Linimasa");
        snapshot(&mut h, s, "alur_linimasa", &mut shots);
    }
}

/// The number buttons of the table's rows wholly in the window.
fn rows_in_view(h: &Harness<'_, App>, rows: usize) -> usize {
    // Above the sideways scroll bar at the table's foot.
    let mut s = in_view(h).expand(0.5);
    s.max.y = table_bottom(h) - bar_height(h);
    (1..=rows)
        .filter(|i| {
            let label = i.to_string();
            h.query_all(By::new().label(&label).role(egui::accesskit::Role::Button))
                .any(|n| s.contains_rect(n.rect()))
        })
        .count()
}

#[test]
fn format_rkt_shows_its_rows_under_compact_toolbars_at_both_scales() {
    let mut shots = SnapshotResults::new();
    // About four rows showed at 125 % under toolbars of six lines.
    for (s, least) in SCALES.into_iter().zip([6, 8]) {
        let mut h = window(demo_office_of(120), s);
        act_as(&mut h, "Budi Santoso");
        open(&mut h, Page::FormatRkt);
        let rows = unit_rows(&h).len();
        let seen = rows_in_view(&h, rows);
        assert!(
            seen >= least.min(rows),
            "{}%: {seen} of {rows} rows in view",
            s.percent
        );
        for label in [
            "+ Tambah Baris",
            "✉ Kumpulkan Format",
            "Ekspor Templat Excel...",
            "Impor dari Excel...",
        ] {
            reach(&mut h, label);
        }
        snapshot(&mut h, s, "format_isi", &mut shots);
        // The last column, by the scroll bar at the table's foot: dragged to its right end.
        if keterangan_by_the_scroll_bar(&mut h, s) {
            snapshot(&mut h, s, "format_isi_keterangan", &mut shots);
        }
    }
}

/// The table's horizontal scroll bar is solid (it takes its own room and shows without
/// hovering), and dragging it to the right brings the Keterangan column whole into view (when
/// the table is wider than the window; then true).
fn keterangan_by_the_scroll_bar(h: &mut Harness<'_, App>, s: Scale) -> bool {
    let style = h.ctx.style_of(egui::Theme::Light);
    assert!(
        !style.spacing.scroll.floating && style.spacing.scroll.bar_width >= 8.0,
        "scroll bars are solid and wide enough to grab: {:?}",
        style.spacing.scroll
    );
    // The first row's Keterangan cell, its whole width.
    let header = || By::new().label("Keterangan baris 1");
    let screen = screen(h);
    if screen.expand(0.5).contains_rect(h.get(header()).rect()) {
        // The whole table fits this window.
        return false;
    }
    // The bar lies along the table's foot, its handle at the left end while nothing is
    // scrolled.
    let bar_y = table_bottom(h) - bar_height(h) / 2.0;
    let from = egui::pos2(screen.left() + 40.0, bar_y);
    let to = egui::pos2(screen.right() - 10.0, bar_y);
    h.event(egui::Event::PointerMoved(from));
    h.step();
    h.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();
    for k in 1..=10 {
        h.event(egui::Event::PointerMoved(from.lerp(to, k as f32 / 10.0)));
        h.step();
    }
    h.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    h.event(egui::Event::PointerGone);
    h.run();
    let r = h.get(header()).rect();
    assert!(
        screen.expand(0.5).contains_rect(r),
        "{}%: after dragging the bar Keterangan is at {r:?}, the window {screen:?}",
        s.percent
    );
    true
}

/// The foot of the table's area: the window's bottom less the page's margin (no message bar
/// below the page here).
fn table_bottom(h: &Harness<'_, App>) -> f32 {
    in_view(h).bottom() - 8.0
}

/// The room a scroll bar takes across the table's foot.
fn bar_height(h: &Harness<'_, App>) -> f32 {
    h.ctx
        .style_of(egui::Theme::Light)
        .spacing
        .scroll
        .allocated_width()
}

/// A filled template of the first unit's own rows, written as the program's export writes it.
fn template_of_first_unit(store: &Store, dir: &std::path::Path) -> (std::path::PathBuf, usize) {
    let unit = store.units().unwrap()[0].clone();
    // Twelve rows (the unit's, again): a file longer than the preview's list shows at once.
    let rows: Vec<_> = rows_of(store, unit.id)
        .into_iter()
        .cycle()
        .take(12)
        .collect();
    let master = store.master_data(2026).unwrap();
    let indicators: Vec<String> = master
        .renstra
        .iter()
        .flat_map(|s| s.indikator.iter().map(|i| i.text.clone()))
        .collect();
    let bytes = sop_rkt::xlsx::export::template(&sop_rkt::xlsx::export::TemplateInput {
        year: 2026,
        unit_id: unit.id,
        unit_name: &unit.name,
        rows: &rows,
        sasaran: &[],
        indicators: &indicators,
        sub_kegiatan: &[],
        funding: &master.funding,
    })
    .unwrap();
    let path = dir.join("FORMAT RKT terisi.xlsx");
    std::fs::write(&path, bytes).unwrap();
    (path, rows.len())
}

#[test]
fn format_rkt_import_preview_keeps_its_buttons_in_reach_at_both_scales() {
    let mut shots = SnapshotResults::new();
    use sop_rkt::app::{Command, FileCmd};
    let dir = tempfile::tempdir().unwrap();
    for s in SCALES {
        let store = demo_office();
        let (file, rows) = template_of_first_unit(&store, dir.path());
        let mut h = window(store, s);
        act_as(&mut h, "Budi Santoso");
        open(&mut h, Page::FormatRkt);
        h.state_mut()
            .running_mut()
            .unwrap()
            .apply(Command::File(FileCmd::PreviewImport(file)));
        h.run();
        let import = format!("Impor {rows} baris");
        // The rows are open as the preview comes, and the page is theirs while it waits: a
        // good part of the file is read without scrolling a box of one row (each row's No at
        // the list's left edge).
        let view = in_view(&h);
        let shown = (1..=rows)
            .filter(|n| {
                h.query_all_by_label(&n.to_string())
                    // The list's box ends above the window's foot by its sideways bar and
                    // the message line: a row counts when it is clear of both.
                    .any(|x| x.rect().left() < 60.0 && x.rect().bottom() < view.bottom() - 40.0)
            })
            .count();
        assert!(
            shown >= 4,
            "{}%: {shown} rows of the file in view",
            s.percent
        );
        for label in [import.as_str(), "Batal Impor"] {
            // In view as the preview opens, without scrolling for them.
            let r = h.get_by_label(label).rect();
            assert!(
                in_view(&h).contains_rect(r),
                "{}%: «{label}» at {r:?} is not in view ({:?})",
                s.percent,
                in_view(&h)
            );
        }
        snapshot(&mut h, s, "format_impor_pratinjau", &mut shots);
        click(&mut h, "Batal Impor");
        assert!(h.query_by_label(&import).is_none(), "the preview is gone");
        assert!(
            h.query_by_label("Target baris 1").is_some(),
            "the unit's table is back"
        );
    }
}

#[test]
fn format_rkt_collect_and_draft_tabs_at_both_scales() {
    let mut shots = SnapshotResults::new();
    let sop = Sop::embedded();
    for s in SCALES {
        let mut store = Store::open_in_memory().unwrap();
        export::fill_demo(&mut store, &sop, 2026, 40, fixed_now()).unwrap();
        let tim = person(&mut store, "Siti Rahmah");
        store
            .submit_all_and_compile(&sop, 2026, &tim, fixed_now())
            .unwrap();
        steps_by_lane(&mut store, 2026, 6);
        let mut h = window(store, s);
        act_as(&mut h, "Siti Rahmah");
        open(&mut h, Page::FormatRkt);
        click(&mut h, "Pengumpulan");
        reach(&mut h, "Jumlah");
        nothing_cut_at_the_right(&h, "Pengumpulan");
        snapshot(&mut h, s, "format_pengumpulan", &mut shots);
        click(&mut h, "Draft RKT");
        reach(&mut h, "⚙ Kompilasi Draft RKT");
        // Its explanation wraps beside it, whole.
        reach(&mut h, "Kompilasi menyusun versi baru");
        reach(&mut h, "Bandingkan dengan versi");
        snapshot(&mut h, s, "format_draft", &mut shots);
    }
}

/// The Pengaturan of the demo office for its pengelola (who holds the office certificate).
fn pengaturan_of_the_pengelola(s: Scale) -> Harness<'static, App> {
    let mut store = Store::open_in_memory().unwrap();
    export::fill_demo(&mut store, &Sop::embedded(), 2026, 40, fixed_now()).unwrap();
    let mut h = window(store, s);
    act_as(&mut h, "Budi Santoso");
    open(&mut h, Page::Pengaturan);
    h
}

#[test]
fn pengaturan_fits_the_width_and_scrolls_through_its_cards_at_both_scales() {
    let mut shots = SnapshotResults::new();
    for s in SCALES {
        let mut h = pengaturan_of_the_pengelola(s);
        nothing_cut_at_the_right(&h, "Pengaturan");
        snapshot(&mut h, s, "pengaturan_atas", &mut shots);
        // The office certificate's fingerprint, read aloud over the phone: whole.
        let fp = running(&h)
            .store()
            .office_root()
            .unwrap()
            .expect("the demo's office certificate")
            .fingerprint;
        let lines = sop_rkt::app::views::widgets::fingerprint_lines(&fp);
        reach(&mut h, &lines);
        reach(&mut h, "Ekspor Templat Renstra...");
        reach(&mut h, "PIN disimpan tersandi");
        let code = reach(&mut h, "Kode (mis. 1.05.02.2.01.0001)");
        nothing_cut_at_the_right(&h, "Pengaturan, kartu kode");
        // The code list shows a good part of its codes at once, not three lines of them.
        let codes = running(&h).store().master_data(2026).unwrap().codes.clone();
        assert!(codes.len() >= 12, "{}", codes.len());
        let line = |i: usize| {
            let c = &codes[i];
            h.get_by_label(&format!("{}  {}", c.code, c.name)).rect()
        };
        let pitch = line(1).top() - line(0).top();
        let first = line(0).top();
        assert!(
            code.top() - first >= 12.0 * pitch,
            "{}%: the code list is {} lines tall",
            s.percent,
            (code.top() - first) / pitch
        );
        h.get_by_label_contains(&codes[0].name).scroll_to_me();
        h.run();
        mask_changing(&mut h);
        snapshot(&mut h, s, "pengaturan_kode", &mut shots);
        reach(&mut h, &lines);
        mask_changing(&mut h);
        snapshot(&mut h, s, "pengaturan_tanda_tangan", &mut shots);
        reach(&mut h, "Cara menggambar jendela");
        reach(&mut h, "Cadangkan ke...");
    }
}

#[test]
fn pengaturan_on_the_first_day_at_both_scales() {
    let mut shots = SnapshotResults::new();
    for s in SCALES {
        let mut h = window(Store::open_in_memory().unwrap(), s);
        open(&mut h, Page::Pengaturan);
        nothing_cut_at_the_right(&h, "Pengaturan, hari pertama");
        reach(&mut h, "Tambah Pejabat");
        reach(&mut h, "Simpan Data Kantor");
        snapshot(&mut h, s, "pengaturan_hari_pertama", &mut shots);
    }
}

#[test]
fn tanda_tangan_and_arsip_with_the_perjanjian_kinerja_at_both_scales() {
    let mut shots = SnapshotResults::new();
    let sop = Sop::embedded();
    for s in SCALES {
        // Step 10: the head signs.
        let mut store = Store::open_in_memory().unwrap();
        export::fill_demo(&mut store, &sop, 2026, 40, fixed_now()).unwrap();
        let tim = person(&mut store, "Siti Rahmah");
        store
            .submit_all_and_compile(&sop, 2026, &tim, fixed_now())
            .unwrap();
        steps_by_lane(&mut store, 2026, 9);
        let mut h = window(store, s);
        act_as(&mut h, "Drs. H. Rusdi");
        open(&mut h, Page::TandaTanganArsip);
        snapshot_signed(&mut h, s, "arsip_tanda_tangan", &mut shots);
        nothing_cut_at_the_right(&h, "Tanda Tangan & Arsip, langkah 10");
        reach(&mut h, "✔ Setujui dan Tandatangani");
        reach(&mut h, "Periksa Keaslian PDF...");

        // After step 11: the Perjanjian Kinerja waits for the head's signature.
        let mut store = Store::open_in_memory().unwrap();
        export::fill_demo(&mut store, &sop, 2026, 40, fixed_now()).unwrap();
        let tim = person(&mut store, "Siti Rahmah");
        store
            .submit_all_and_compile(&sop, 2026, &tim, fixed_now())
            .unwrap();
        steps_by_lane(&mut store, 2026, 9);
        let head = person(&mut store, "Drs. H. Rusdi");
        export::sign_year(&mut store, &sop, 2026, TEST_PASS, true, &head, fixed_now()).unwrap();
        let archiver = in_lane_of(&mut store, 11);
        export::archive_year(&mut store, &sop, 2026, &archiver, fixed_now()).unwrap();
        let mut h = window(store, s);
        act_as(&mut h, "Drs. H. Rusdi");
        open(&mut h, Page::TandaTanganArsip);
        nothing_cut_at_the_right(&h, "Tanda Tangan & Arsip, Perjanjian Kinerja");
        reach(&mut h, "Tandatangani Perjanjian Kinerja");
        reach(&mut h, "Kata sandi kunci Kepala");
        // The archive's rows below it, their buttons on two lines at 125 %.
        reach(&mut h, "Arsip RKT yang Ditandatangani");
        snapshot_signed(&mut h, s, "arsip_perjanjian_kinerja", &mut shots);
    }
}
