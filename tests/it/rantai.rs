//! The audit log's hash chain (#25) as an insider would meet it: a copy of the database changed
//! with plain SQLite, behind the program's back, then checked from the command line and seen
//! in the Riwayat.

use chrono::Datelike;
use egui_kittest::kittest::Queryable;

use crate::common::{demo_store, harness, run_cli};

/// The insider's tools: the triggers that keep the log append-only dropped first.
fn insider(conn: &rusqlite::Connection, sql: &str) {
    conn.execute_batch(&format!(
        "PRAGMA foreign_keys = OFF;
         DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
         DROP TRIGGER audit_chain_no_update; DROP TRIGGER audit_chain_no_delete;
         {sql}"
    ))
    .unwrap();
}

#[test]
fn check_audit_exits_0_on_the_demo_and_1_with_the_words_once_history_is_changed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kantor.db");
    let run = |args: &[&str]| run_cli(dir.path(), &db, args);
    assert!(run(&["demo", "--rows", "5"]).status.success());
    let signed = chrono::Local::now().year() - 1;

    let out = run(&["check-audit"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("Rantai log audit utuh"), "{said}");

    // A detail changed before the signature, and a row deleted with its link.
    insider(
        &rusqlite::Connection::open(&db).unwrap(),
        "UPDATE audit_log SET detail = 'tidak pernah terjadi' WHERE id = 2;
         DELETE FROM audit_chain WHERE audit_id = 5; DELETE FROM audit_log WHERE id = 5;",
    );
    let out = run(&["check-audit"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{said}");
    for words in [
        "RANTAI LOG AUDIT RUSAK",
        "mata rantai baris log audit #2 tidak cocok — baris #2 diubah",
        "baris log audit #5 hilang bersama mata rantainya — dihapus",
        &format!("riwayat sebelum penandatanganan RKT {signed} telah diubah sesudahnya"),
        &format!("riwayat sebelum penandatanganan Perjanjian Kinerja {signed} telah diubah"),
    ] {
        assert!(said.contains(words), "{words}: {said}");
    }
}

/// The Riwayat says it in red, above the history it puts in doubt.
#[test]
fn the_riwayat_shows_a_broken_chain() {
    let store = demo_store();
    insider(
        store.raw_connection(),
        "INSERT INTO audit_log (at, year, actor_name, action, detail)
         VALUES ('2026-01-05T09:00:00+08:00', 2026, 'Orang Lain', 'rkt.impor', 'sisipan');",
    );
    let id: i64 = store
        .raw_connection()
        .query_row("SELECT max(id) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    let h = harness(store);
    h.get_by_label_contains("Log audit basis data ini diubah di luar program");
    h.get_by_label_contains(&format!(
        "baris log audit #{id} tidak punya mata rantai — ditambahkan di luar program"
    ));
}
