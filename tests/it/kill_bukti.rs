//! The program killed (SIGKILL) in the middle of taking evidence files in: every file it saw
//! committed is there whole, with the SHA-256 it was stored under; no file is there in part;
//! nothing is written beside the database. The test binary runs itself as the child, as in
//! kill.rs.

use std::path::Path;
use std::time::Duration;

use crate::common::{TEST_PASS as PASS, fixed_now, person, unit_official};
use sop_rkt::domain::sop::Sop;
use sop_rkt::store::{ReportKind, Store};

const TEST: &str = "kill_bukti::killed_while_taking_evidence_in_no_file_is_half_there";

/// 2025's PK signed (the demo), its Rencana Aksi filled and signed.
fn template(path: &Path) {
    let sop = Sop::embedded();
    let mut store = Store::open(path).unwrap();
    let pk = sop_rkt::export::DemoDepth::Pk;
    sop_rkt::export::fill_demo_to(&mut store, &sop, 2026, 20, fixed_now(), pk).unwrap();
    store.demo_plan(&sop, 2025, fixed_now()).unwrap();
    let head = person(&mut store, "Drs. H. Rusdi");
    let key = store
        .unlock_signing_key(&head, PASS, &sop, fixed_now())
        .unwrap();
    store
        .sign_report(
            &sop,
            ReportKind::RencanaAksi,
            2025,
            &key,
            &head,
            fixed_now(),
            &|_, _| Ok(b"%PDF-1.4 uji".to_vec()),
        )
        .unwrap();
}

/// The first plan row of a unit that has its own official, and that official.
fn row_and_hand(store: &mut Store) -> (i64, sop_rkt::store::Identity) {
    let officials = store.officials().unwrap();
    let row = store
        .plan_rows(2025, None)
        .unwrap()
        .into_iter()
        .find(|r| officials.iter().any(|o| o.unit_id == Some(r.unit_id)))
        .unwrap();
    let who = unit_official(store, row.unit_id);
    (row.id, who)
}

fn child(db: &Path, file: &Path) {
    let mut store = Store::open(db).unwrap();
    let (row, who) = row_and_hand(&mut store);
    println!("@siap");
    loop {
        let e = store.add_evidence(row, 1, file, &who, fixed_now()).unwrap();
        println!("@bukti {} {}", e.id, e.sha256);
    }
}

#[test]
fn killed_while_taking_evidence_in_no_file_is_half_there() {
    if let (Ok(db), Ok(file)) = (std::env::var("KILL_DB"), std::env::var("KILL_FILE")) {
        child(Path::new(&db), Path::new(&file));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("template.db");
    template(&base);
    // A 6 MB scan: about a tenth of a second to take in, so kills land inside and between.
    let file = dir.path().join("pindaian.pdf");
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..6_000_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8));
    std::fs::write(&file, &bytes).unwrap();
    let sha = sop_rkt::domain::seal::sha256_hex(&bytes);
    let mut random = crate::kill::seeded(0xB0C7_2026);
    let (mut before_first, mut after_some) = (false, false);
    for i in 0..24 {
        let run = dir.path().join(format!("run-{i}"));
        std::fs::create_dir_all(&run).unwrap();
        let db = run.join("sop-rkt.db");
        std::fs::copy(&base, &db).unwrap();
        let env = [("KILL_DB", db.as_os_str()), ("KILL_FILE", file.as_os_str())];
        let lines = crate::kill::killed_child(TEST, &env, Duration::from_secs(30), 1 + random(600))
            .unwrap_or_else(|| panic!("run {i}: the child did not start"));
        let reported: Vec<i64> = lines
            .iter()
            .filter_map(|l| l.strip_prefix("bukti "))
            .map(|l| {
                let (id, s) = l.split_once(' ').unwrap();
                assert_eq!(s, sha, "run {i}: reported under its own hash");
                id.parse().unwrap()
            })
            .collect();
        before_first |= reported.is_empty();
        after_some |= !reported.is_empty();

        let store = Store::open(&db).unwrap();
        assert_eq!(store.integrity().unwrap(), "ok", "run {i}");
        let ids: Vec<i64> = {
            let conn = store.raw_connection();
            let mut stmt = conn.prepare("SELECT id FROM evidence ORDER BY id").unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        for id in &reported {
            assert!(
                ids.contains(id),
                "run {i}: evidence {id} was committed and is gone"
            );
        }
        // Whatever is there is whole: its bytes are the file's, under the file's hash.
        for id in ids {
            let e = store.evidence_entry(id).unwrap().unwrap();
            assert_eq!(e.sha256, sha, "run {i}: evidence {id}'s recorded hash");
            let mut back = Vec::new();
            store.copy_evidence(id, &mut back).unwrap();
            assert!(
                back == bytes,
                "run {i}: evidence {id} is not the whole file"
            );
        }
        // Nothing beside the database but SQLite's own files.
        for entry in std::fs::read_dir(&run).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                name.starts_with("sop-rkt.db"),
                "run {i}: {name} left beside the database"
            );
        }
    }
    assert!(before_first, "no kill landed before the first commit");
    assert!(after_some, "no kill landed after a commit");
}
