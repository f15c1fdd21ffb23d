//! Helpers shared by the window tests: an office with invented officials, a harness on an
//! in-memory database with a fixed clock, and the gestures of a person.
#![allow(dead_code)]

pub mod plan;
pub mod reports;

use chrono::{NaiveDate, NaiveDateTime};
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sop_rkt::app::{App, AppInit};
use sop_rkt::domain::sop::Sop;
use sop_rkt::store::{Identity, KeyPlace, OfficialInput, Store};

/// Wednesday 4 February 2026, 10:00 WITA.
pub fn fixed_now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 2, 4)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

/// The PIN of every official in these tests: the demo data's, so one `act_as` serves both.
pub const TEST_PIN: &str = sop_rkt::store::DEMO_PIN;

/// The passphrase of every key in these tests: the demo data's.
pub const TEST_PASS: &str = sop_rkt::store::DEMO_PASSPHRASE;

/// Signs an official in with `TEST_PIN` (their first PIN when they have none yet).
pub fn sign_in(store: &mut Store, id: i64) -> Identity {
    store.demo_sign_in(|o| o.id == id, fixed_now()).unwrap()
}

/// The (first active) official of the unit `unit_id`, signed in.
pub fn unit_official(store: &mut Store, unit_id: i64) -> Identity {
    store
        .demo_sign_in(|o| o.unit_id == Some(unit_id), fixed_now())
        .unwrap()
}

/// The office's pengelola (its first official), signed in.
pub fn pengelola(store: &mut Store) -> Identity {
    let id = store
        .officials()
        .unwrap()
        .into_iter()
        .find(|o| o.pengelola && o.active)
        .expect("a pengelola")
        .id;
    sign_in(store, id)
}

/// The first active official whose name starts with `starts`, signed in.
pub fn person(store: &mut Store, starts: &str) -> Identity {
    let id = store
        .officials()
        .unwrap()
        .into_iter()
        .find(|o| o.active && o.name.starts_with(starts))
        .unwrap_or_else(|| panic!("no official {starts}"))
        .id;
    sign_in(store, id)
}

/// Adds an official (the first of an empty office becomes its pengelola; the others are added
/// by the pengelola) whose PIN is `TEST_PIN`.
pub fn add_official(
    store: &mut Store,
    name: &str,
    nip: &str,
    position: &str,
    lanes: &[&str],
) -> i64 {
    let by = (!store.officials().unwrap().is_empty()).then(|| pengelola(store));
    let id = store
        .save_official(
            None,
            &OfficialInput {
                name: name.into(),
                nip: nip.into(),
                rank: "Penata (III/c)".into(),
                position: position.into(),
                active: true,
                lanes: lanes.iter().map(|s| s.to_string()).collect(),
                unit_id: None,
                pengelola: false,
            },
            &Sop::embedded(),
            by.as_ref(),
            fixed_now(),
        )
        .unwrap();
    // Added by the pengelola: a one-time PIN from them, replaced at the first sign-in.
    if let Some(by) = &by {
        store.reset_pin(by, id, "975310", fixed_now()).unwrap();
        store
            .sign_in(id, "975310", Some(TEST_PIN), fixed_now())
            .unwrap();
    }
    sign_in(store, id);
    id
}

/// An office with invented officials: a Sekretaris (the pengelola), the Kasubag Perencanaan dan
/// Pelaporan (also in the TIM) and the head, whose key is certified.
pub fn office_store() -> Store {
    let mut store = office_store_without_keys();
    let head = person(&mut store, "Drs. Ahmad");
    keys_ready(&mut store, &head);
    store
}

/// The same office before anyone has made a key or the office certificate.
pub fn office_store_without_keys() -> Store {
    sop_rkt::store::fast_keys_for_tests();
    let mut store = Store::open_in_memory().unwrap();
    add_official(
        &mut store,
        "Hj. Nurul Aini",
        "197804122005012003",
        "Sekretaris",
        &["sekretaris"],
    );
    add_official(
        &mut store,
        "Budi Santoso",
        "198203152009031002",
        "Kasubag Perencanaan dan Pelaporan",
        &["kasubag_pp", "tim"],
    );
    add_official(
        &mut store,
        "Drs. Ahmad Fauzi",
        "197001011995031001",
        "Kepala Satuan",
        &["kepala"],
    );
    store
}

/// The office root made by the pengelola under `TEST_PASS` (when there is none yet).
pub fn office_root_ready(store: &mut Store) {
    sop_rkt::store::fast_keys_for_tests();
    if store.office_root().unwrap().is_none() {
        let holder = pengelola(store);
        store
            .create_office_root(&holder, TEST_PASS, &KeyPlace::Program, fixed_now())
            .unwrap();
    }
}

/// The head's signing key made and its certificate approved, as the office does it: the
/// pengelola makes the office root, the head makes their key, the root's holder approves it
/// with the fingerprint the head reads out. All under `TEST_PASS`.
pub fn keys_ready(store: &mut Store, head: &Identity) {
    office_root_ready(store);
    let holder = pengelola(store);
    let fingerprint = store
        .create_signer_key(
            head,
            TEST_PASS,
            &KeyPlace::Program,
            &Sop::embedded(),
            fixed_now(),
        )
        .unwrap();
    let request = store
        .key_requests()
        .unwrap()
        .into_iter()
        .find(|r| r.key_fingerprint == fingerprint)
        .expect("the head's request waits");
    store
        .approve_key_request(
            &holder,
            request.key_id,
            &fingerprint,
            TEST_PASS,
            fixed_now(),
        )
        .unwrap();
    let key = store.signer_key(head.official_id()).unwrap().unwrap();
    assert!(
        key.fingerprint.is_some(),
        "the head's certificate is issued"
    );
}

/// Someone of each lane a step names, signed in (an invented Kabid is added when the office has
/// none, as the walk through step 4 needs one).
pub fn in_lane_of(store: &mut Store, step: u32) -> Identity {
    let sop = Sop::embedded();
    let s = sop.step(step).unwrap();
    let found = store
        .officials()
        .unwrap()
        .into_iter()
        .find(|o| o.active && sop.admits(s, &o.lanes));
    match found {
        Some(o) => sign_in(store, o.id),
        None => {
            let lanes: Vec<&str> = s.lanes.iter().map(|&i| sop.lanes[i].id.as_str()).collect();
            let id = add_official(store, "Kabid Uji", "", "Kepala Bidang", &lanes);
            sign_in(store, id)
        }
    }
}

pub fn harness(store: Store) -> Harness<'static, App> {
    harness_with(store, own_data_dir(), fixed_now())
}

/// A data folder of one window's own: a folder shared between tests showed one test the
/// backups another had made, and a snapshot then depended on which test ran first. Kept under
/// Cargo's target/tmp, which a later build reuses.
pub fn own_data_dir() -> std::path::PathBuf {
    tempfile::Builder::new()
        .prefix("ui-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("a data folder under target/tmp")
        .keep()
}

/// The window on `store`, with its data folder and a clock stopped at `at`.
pub fn harness_with(
    store: Store,
    data_dir: std::path::PathBuf,
    at: NaiveDateTime,
) -> Harness<'static, App> {
    harness_sized(store, data_dir, at, [1366.0, 768.0])
}

/// The window on `store` with a clock the test moves (to let minutes pass).
pub fn harness_with_clock(store: Store) -> (Harness<'static, App>, TestClock) {
    let clock = TestClock(std::sync::Arc::new(std::sync::Mutex::new(fixed_now())));
    let read = clock.clone();
    let h = harness_clocked(
        store,
        own_data_dir(),
        Box::new(move || read.get()),
        [1366.0, 768.0],
    );
    (h, clock)
}

/// A clock the test sets.
#[derive(Clone)]
pub struct TestClock(std::sync::Arc<std::sync::Mutex<NaiveDateTime>>);

impl TestClock {
    pub fn get(&self) -> NaiveDateTime {
        *self.0.lock().unwrap()
    }
    pub fn set(&self, t: NaiveDateTime) {
        *self.0.lock().unwrap() = t;
    }
}

/// The window at another size (a small laptop screen: 1024×600).
pub fn harness_sized(
    store: Store,
    data_dir: std::path::PathBuf,
    at: NaiveDateTime,
    size: [f32; 2],
) -> Harness<'static, App> {
    harness_clocked(store, data_dir, Box::new(move || at), size)
}

fn harness_clocked(
    store: Store,
    data_dir: std::path::PathBuf,
    clock: sop_rkt::app::Clock,
    size: [f32; 2],
) -> Harness<'static, App> {
    harness_full(store, data_dir, clock, size, false)
}

/// The window as the program opens it: slow work runs in a thread beside it (the test steps
/// frames itself while it runs).
pub fn harness_beside(store: Store, data_dir: std::path::PathBuf) -> Harness<'static, App> {
    harness_full(store, data_dir, Box::new(fixed_now), [1366.0, 768.0], true)
}

fn harness_full(
    store: Store,
    data_dir: std::path::PathBuf,
    clock: sop_rkt::app::Clock,
    size: [f32; 2],
    slow_work_beside: bool,
) -> Harness<'static, App> {
    harness_full_ppp(store, data_dir, clock, size, slow_work_beside, 1.0)
}

/// The window as Windows shows it at a display scale: `size` in points (1366×768 pixels at
/// 125 % is 1093×614 points) and `ppp` pixels per point (1.25).
pub fn harness_scaled(store: Store, size: [f32; 2], ppp: f32) -> Harness<'static, App> {
    harness_full_ppp(store, own_data_dir(), Box::new(fixed_now), size, false, ppp)
}

fn harness_full_ppp(
    store: Store,
    data_dir: std::path::PathBuf,
    clock: sop_rkt::app::Clock,
    size: [f32; 2],
    slow_work_beside: bool,
    ppp: f32,
) -> Harness<'static, App> {
    sop_rkt::store::fast_keys_for_tests();
    let db_label = store
        .path()
        .map_or(":memory:".to_string(), |p| p.display().to_string());
    // As the program loads it: the data folder's own sop.toml when there is one.
    let (sop, sop_source) = sop_rkt::paths::load_sop(&data_dir).expect("a valid sop.toml");
    Harness::builder()
        .with_size(size)
        .with_pixels_per_point(ppp)
        .with_theme(egui::Theme::Light)
        .build_eframe(move |cc| {
            App::new(
                &cc.egui_ctx,
                AppInit {
                    store,
                    sop,
                    sop_source,
                    db_label,
                    data_dir,
                    clock,
                    exit_after_first_frame: None,
                    slow_work_beside,
                },
            )
        })
}

/// The revised SOP an office may place in its data folder: another name and document
/// ("Renja"), a decision that is not the signing, a step of three lanes, other step numbers.
pub const REVISED_SOP: &str = include_str!("../../data/sop-revisi.toml");

/// A data folder of one window's own, holding the office's own `sop.toml` (`text`).
pub fn data_dir_with_sop(text: &str) -> std::path::PathBuf {
    let dir = own_data_dir();
    std::fs::write(dir.join("sop.toml"), text).unwrap();
    dir
}

/// Delivers `events` within one frame, as a real mouse or keyboard does when a hand is quick
/// (kittest's own gestures give each event a frame of its own, a quarter second apart: too slow
/// for a double click).
pub fn in_one_frame(h: &mut Harness<'_, App>, events: Vec<egui::Event>) {
    // Clicks long ago: the next one is a first click, not the third of a series.
    h.step();
    h.step();
    h.input_mut().events.extend(events);
    h.step();
    h.run();
}

/// A double click on the widget called `label`, both clicks in one frame.
pub fn double_click(h: &mut Harness<'_, App>, label: &str) {
    let pos = h.get_by_label(label).rect().center();
    let mut events = vec![egui::Event::PointerMoved(pos)];
    for _ in 0..2 {
        for pressed in [true, false] {
            events.push(egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::NONE,
            });
        }
    }
    in_one_frame(h, events);
}

/// A shortcut pressed quickly (Ctrl down, Z down, Z up, Ctrl up before the next frame): the
/// frame sees the key events carrying Ctrl, while its own modifiers say none are held.
pub fn quick_shortcut(h: &mut Harness<'_, App>, modifiers: egui::Modifiers, key: egui::Key) {
    let events = [true, false]
        .into_iter()
        .map(|pressed| egui::Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers,
        })
        .collect();
    in_one_frame(h, events);
}

/// Demo data for 2026 (40 FORMAT RKT rows) in memory.
pub fn demo_store() -> Store {
    sop_rkt::store::fast_keys_for_tests();
    let mut store = Store::open_in_memory().unwrap();
    store
        .fill_demo(&Sop::embedded(), 2026, 40, fixed_now())
        .unwrap();
    store
}

/// The window on `store`, on the Format RKT page, signed in as the official of the first unit
/// (in the demo office: Budi Santoso, Sub Bagian Perencanaan dan Pelaporan).
pub fn open_format(store: Store) -> Harness<'static, App> {
    let mut h = harness(store);
    h.run();
    act_as(&mut h, "Budi Santoso");
    h.get_by_label("Format RKT").click();
    h.run();
    assert_eq!(running(&h).page(), sop_rkt::app::Page::FormatRkt);
    h
}

/// The first unit's FORMAT RKT rows for 2026, as stored.
pub fn unit_rows(h: &Harness<'_, App>) -> Vec<sop_rkt::domain::rkt::RowValues> {
    let store = running(h).store();
    rows_of(store, store.units().unwrap()[0].id)
}

/// The FORMAT RKT rows of a unit for 2026, as stored.
pub fn rows_of(store: &Store, unit_id: i64) -> Vec<sop_rkt::domain::rkt::RowValues> {
    store
        .rkt_rows(2026, unit_id)
        .unwrap()
        .into_iter()
        .map(|r| r.values)
        .collect()
}

/// The program as a script runs it: `args`, then `--db db`, with its data folder at `data`.
pub fn run_cli(
    data: &std::path::Path,
    db: &std::path::Path,
    args: &[&str],
) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_sop-rkt"))
        .env("SOP_RKT_DATA_DIR", data)
        .env("SOP_RKT_FAST_KEYS", "1")
        .args(args)
        .arg("--db")
        .arg(db)
        .output()
        .unwrap()
}

pub fn running<'a>(h: &'a Harness<'_, App>) -> &'a sop_rkt::app::Running {
    h.state().running().expect("the app is running")
}

pub fn active_step(h: &Harness<'_, App>) -> Option<u32> {
    let r = running(h);
    r.store()
        .cycle_state(&Sop::embedded(), r.year())
        .unwrap()
        .and_then(|(_, s)| s.active)
}

/// Clicks into the field named `label` and types, as a person would.
pub fn type_into(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Opens "Bertindak sebagai" and picks the official: the PIN dialog opens.
pub fn choose(h: &mut Harness<'_, App>, name_starts: &str) {
    h.get_by_label("Bertindak sebagai").click();
    h.run();
    // An item of the open list (the same name may stand elsewhere on the page).
    h.get(
        egui_kittest::kittest::By::new()
            .label_contains(name_starts)
            .role(egui::accesskit::Role::Button),
    )
    .click();
    h.run();
}

/// "Bertindak sebagai": chooses the official and signs in with `TEST_PIN`, as a person would
/// (whoever was signed in finishes first with "Selesai").
pub fn act_as(h: &mut Harness<'_, App>, name_starts: &str) {
    if running(h).acting_id().is_some() {
        h.get_by_label("Selesai").click();
        h.run();
    }
    choose(h, name_starts);
    type_into(h, "PIN", TEST_PIN);
    h.get_by_label("Masuk").click();
    h.run();
    assert!(
        running(h).acting_id().is_some(),
        "signed in as {name_starts}: {:?}",
        running(h).flash()
    );
}

/// Starts 2026 and completes steps 1 to `last`, each by an official of its lane (step 5 with a
/// reason to go on, step 6 on a minimal compiled draft by the TIM).
pub fn walk(store: &mut Store, last: u32, at: NaiveDateTime) {
    let sop = Sop::embedded();
    if last >= 5 {
        let tim = in_lane_of(store, 6);
        let op = pengelola(store);
        store.seed_minimal_draft(&sop, 2026, &tim, &op, at).unwrap();
    }
    steps_at(store, 2026, last, at);
}

/// Starts `year` and completes steps 1 to `last` at `fixed_now()`, each by an official of its
/// lane (the formats submitted and the draft compiled by the caller; step 5 with a reason when
/// a unit has not submitted).
pub fn steps_by_lane(store: &mut Store, year: i32, last: u32) {
    steps_at(store, year, last, fixed_now());
}

fn steps_at(store: &mut Store, year: i32, last: u32, at: NaiveDateTime) {
    // The office of these tests may lack a Kabid (step 4): one is added.
    if last >= 4 {
        in_lane_of(store, 4);
    }
    store.demo_steps(&Sop::embedded(), year, last, at).unwrap();
}

/// A snapshot of a page that shows the sizes of digitally signed PDFs: each signature is made
/// with a fresh random key, whose DER signature and QR code change the file by a few hundred
/// bytes, so the last digit of a "118 KB" may differ from the stored image. Up to this many
/// pixels (a few digits) may differ; nothing else may. Other snapshots match exactly.
pub const SIGNED_SIZE_PIXELS: usize = 200;

pub fn snapshot_with_signed_sizes(h: &mut Harness<'static, App>, name: &str) {
    h.snapshot_options(
        name,
        &egui_kittest::SnapshotOptions::new().max_failed_pixels(SIGNED_SIZE_PIXELS),
    );
}

/// One indikator given two targets in 2026 (as two units once wrote 156 and 160): the second
/// FORMAT RKT row that repeats an indikator gets the target "999", by its unit's own official.
/// Returns the indikator and both targets.
pub fn two_targets(store: &mut Store) -> (String, String, String) {
    let units = store.units().unwrap();
    let rows: Vec<(i64, sop_rkt::store::RktRow)> = units
        .iter()
        .flat_map(|u| store.rkt_rows(2026, u.id).unwrap())
        .map(|r| (r.unit_id, r))
        .collect();
    let (first, (unit, second)) = rows
        .iter()
        .enumerate()
        .find_map(|(i, (_, a))| {
            rows[i + 1..]
                .iter()
                .find(|(_, b)| b.values.indikator == a.values.indikator)
                .map(|b| (a, b))
        })
        .expect("an indikator on two rows");
    let who = unit_official(store, *unit);
    store
        .set_cell(second.id, sop_rkt::domain::rkt::Col::Target, "999", &who)
        .unwrap();
    (
        first.values.indikator.clone(),
        first.values.target.clone(),
        "999".to_string(),
    )
}
