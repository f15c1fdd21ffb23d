//! The program killed at any moment (SIGKILL) while typing, importing, compiling or signing: each time,
//! what was committed is there and the database passes `PRAGMA integrity_check`.
//!
//! The test binary runs itself as the child (`KILL_CHILD` set): the same store code as the
//! program, in a process that is really killed.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{TEST_PASS as PASS, fixed_now, person, steps_by_lane, unit_official};
use sop_rkt::domain::rkt::{Col, RowValues};
use sop_rkt::domain::sop::Sop;
use sop_rkt::store::{Identity, Store};

/// The demo official of the `n`-th unit, signed in.
fn own_official(store: &mut Store, n: usize) -> Identity {
    let unit = store.units().unwrap()[n].id;
    unit_official(store, unit)
}

/// 2026 submitted and at step 10; 2027 with rows open for typing.
fn template(path: &Path) {
    let sop = Sop::embedded();
    let mut store = Store::open(path).unwrap();
    store.fill_demo(&sop, 2026, 21, fixed_now()).unwrap();
    let tim = person(&mut store, "Siti Rahmah");
    store
        .submit_all_and_compile(&sop, 2026, &tim, fixed_now())
        .unwrap();
    steps_by_lane(&mut store, 2026, 9);
    // The head's key and the office certificate exist before the child signs.
    let head = person(&mut store, "Drs. H. Rusdi");
    crate::common::keys_ready(&mut store, &head);
    let unit = store.units().unwrap()[0].id;
    let own = own_official(&mut store, 0);
    for _ in 0..5 {
        store
            .insert_row(2027, unit, None, &RowValues::default(), &own)
            .unwrap();
    }
}

/// The child: works until killed, printing what each commit made durable.
fn child(task: &str, db: &Path) {
    let sop = Sop::embedded();
    let mut store = Store::open(db).unwrap();
    // Each task by the one the SOP names for it, signed in before the work starts.
    let actor = match task {
        "ketik" => own_official(&mut store, 0),
        "impor" => own_official(&mut store, 1),
        "kompilasi" => person(&mut store, "Siti Rahmah"),
        _ => person(&mut store, "Drs. H. Rusdi"),
    };
    println!("@siap");
    match task {
        "ketik" => {
            let unit = store.units().unwrap()[0].id;
            let rows: Vec<i64> = store
                .rkt_rows(2027, unit)
                .unwrap()
                .iter()
                .map(|r| r.id)
                .collect();
            for n in 0.. {
                let row = rows[n % rows.len()];
                store
                    .set_cell(row, Col::Keterangan, &format!("{n:08}"), &actor)
                    .unwrap();
                println!("@sel {row} {n}");
            }
        }
        "impor" => {
            // Alternately 300 and 301 rows replace unit 2's 2027 rows, as an Excel import does.
            let unit = store.units().unwrap()[1].id;
            for n in 0.. {
                let rows = vec![RowValues::default(); 300 + n % 2];
                store
                    .import_rows(2027, unit, &rows, &actor, fixed_now())
                    .unwrap();
                println!("@impor {}", rows.len());
            }
        }
        "kompilasi" => {
            let master = store.master_data(2026).unwrap();
            loop {
                let d = store
                    .compile_draft(&sop, 2026, &master, &actor, fixed_now())
                    .unwrap();
                println!("@versi {} {}", d.version, d.rows);
            }
        }
        _ => {
            let sig = sop_rkt::export::sign_year(
                &mut store,
                &sop,
                2026,
                PASS,
                false,
                &actor,
                fixed_now(),
            )
            .unwrap();
            println!("@tanda-tangan {}", sig.version);
            std::thread::sleep(Duration::from_secs(60));
        }
    }
}

/// A repeatable sequence of numbers below `n` (a test's own, so each run kills at the same
/// moments).
pub(crate) fn seeded(mut seed: u64) -> impl FnMut(u64) -> u64 {
    move |n| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    }
}

/// Runs this test binary's test `test` as a child with `env`, waits up to `start` for its
/// "@siap", lets it work `millis` milliseconds, kills it (SIGKILL) and returns the lines it printed after an '@'
/// (what it saw committed); `None` when it never said it was ready.
pub(crate) fn killed_child(
    test: &str,
    env: &[(&str, &std::ffi::OsStr)],
    start: Duration,
    millis: u64,
) -> Option<Vec<String>> {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", test, "--nocapture", "--test-threads=1", "-q"])
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = BufReader::new(child.stdout.take().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        // The child's own lines start with '@' (the test harness may print before them).
        for line in out.lines().map_while(Result::ok) {
            let Some(at) = line.find('@') else { continue };
            if tx.send(line[at + 1..].to_string()).is_err() {
                break;
            }
        }
    });
    let mut lines: Vec<String> = Vec::new();
    // Wait until the child has opened the database, then let it work its while.
    let began = Instant::now();
    while !lines.iter().any(|l| l == "siap") && began.elapsed() < start {
        if let Ok(l) = rx.recv_timeout(Duration::from_millis(50)) {
            lines.push(l);
        }
    }
    let ready = lines.iter().any(|l| l == "siap");
    let until = Instant::now() + Duration::from_millis(millis);
    while ready && Instant::now() < until {
        if let Ok(l) = rx.recv_timeout(Duration::from_millis(1)) {
            lines.push(l);
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    reader.join().unwrap();
    lines.extend(rx.try_iter());
    ready.then_some(lines)
}

#[test]
fn killed_a_hundred_times_at_random_moments_nothing_committed_is_lost() {
    if let (Ok(task), Ok(db)) = (std::env::var("KILL_CHILD"), std::env::var("KILL_DB")) {
        child(&task, Path::new(&db));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("template.db");
    template(&base);
    let mut random = seeded(0x5EED_2026);
    let mut tally = Vec::new();
    for i in 0..100 {
        let task = ["ketik", "kompilasi", "tanda-tangan", "impor"][i % 4];
        let db = dir.path().join(format!("run-{i}.db"));
        std::fs::copy(&base, &db).unwrap();
        // Signing opens the head's key (its .p12, written at the tests' low iteration count)
        // and makes the signed PDF before its commit: a few hundred milliseconds here.
        let lines = killed_child(
            "kill::killed_a_hundred_times_at_random_moments_nothing_committed_is_lost",
            &[("KILL_CHILD", task.as_ref()), ("KILL_DB", db.as_os_str())],
            Duration::from_secs(20),
            1 + random(250),
        )
        .unwrap_or_else(|| panic!("run {i}: the child did not start"));
        let committed = lines.iter().filter(|l| *l != "siap").count();
        tally.push((task, committed));
        check(&db, task, &lines, i);
    }
    // The kills must land both before and after commits, or the test proves little.
    for task in ["ketik", "kompilasi", "tanda-tangan", "impor"] {
        let runs: Vec<usize> = tally.iter().filter(|t| t.0 == task).map(|t| t.1).collect();
        eprintln!("{task}: {} runs, commits seen per run {runs:?}", runs.len());
        // Typing and compiling commit back to back, so their kills land inside or between
        // transactions; signing spends most of its time opening the key and making the PDF
        // before its commit.
        assert!(
            task != "tanda-tangan" || runs.contains(&0),
            "{task}: no kill landed before the first commit"
        );
        assert!(
            runs.iter().any(|&n| n > 0),
            "{task}: no kill landed after a commit"
        );
    }
}

/// After the kill: the database is sound and holds everything the child saw committed.
fn check(db: &Path, task: &str, lines: &[String], i: usize) {
    let store = Store::open(db).unwrap();
    assert_eq!(store.integrity().unwrap(), "ok", "run {i} ({task})");
    match task {
        "ketik" => {
            let unit = store.units().unwrap()[0].id;
            let now: std::collections::HashMap<i64, u64> = store
                .rkt_rows(2027, unit)
                .unwrap()
                .iter()
                .map(|r| (r.id, r.values.keterangan.parse().unwrap_or(0)))
                .collect();
            for l in lines.iter().filter(|l| l.starts_with("sel ")) {
                let p: Vec<&str> = l.split(' ').collect();
                let (row, n): (i64, u64) = (p[1].parse().unwrap(), p[2].parse().unwrap());
                assert!(
                    now[&row] >= n,
                    "run {i}: row {row} lost value {n} (has {})",
                    now[&row]
                );
            }
        }
        "kompilasi" => {
            let drafts = store.drafts(2026).unwrap();
            for l in lines.iter().filter(|l| l.starts_with("versi ")) {
                let v: i64 = l.split(' ').nth(1).unwrap().parse().unwrap();
                assert!(
                    drafts.iter().any(|d| d.version == v),
                    "run {i}: version {v} lost"
                );
            }
            // Every version is whole: as many rows as the first.
            let sizes: Vec<usize> = drafts
                .iter()
                .map(|d| store.draft_rows(d.id).unwrap().len())
                .collect();
            assert!(sizes.windows(2).all(|w| w[0] == w[1]), "run {i}: {sizes:?}");
        }
        "impor" => {
            // All rows of one import or of none: 0 (before any), 300 or 301, never a part.
            let unit = store.units().unwrap()[1].id;
            let n = store.rkt_rows(2027, unit).unwrap().len();
            assert!(
                [0, 300, 301].contains(&n),
                "run {i}: {n} rows after a killed import"
            );
            if let Some(last) = lines.iter().rev().find(|l| l.starts_with("impor ")) {
                assert!(n > 0, "run {i}: a reported import ({last}) is missing");
            }
        }
        _ => {
            let signed = store.signature(2026).unwrap().is_some();
            let accepted = store
                .cycle_state(&Sop::embedded(), 2026)
                .unwrap()
                .and_then(|(_, s)| s.active)
                == Some(11);
            // Signature and step together, or neither.
            assert_eq!(
                signed, accepted,
                "run {i}: signature without its step or back"
            );
            if lines.iter().any(|l| l.starts_with("tanda-tangan")) {
                assert!(signed, "run {i}: a reported signature is missing");
            }
        }
    }
}
