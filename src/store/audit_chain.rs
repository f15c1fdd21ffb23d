//! The audit log's hash chain (#25): each row's link (`audit_chain`) is SHA-256 of the link
//! before it (32 zero bytes for the first) and the row's fields, written with the row in its
//! transaction. A row changed, deleted, or slipped in behind the program's back no longer fits
//! its link; and the chain's head at each signing is printed into the signed PDF, so a chain
//! recomputed whole after a rewrite no longer matches what was signed.
//!
//! Limits, said plainly: the chain has no secret (whoever has the file can compute links), so
//! rows added at the end with links computed by hand, or the last rows cut off together with
//! their links, show only against a head signed after them. What a signed head covers cannot be
//! rewritten unseen.

use std::collections::{BTreeMap, HashSet};

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::{Result, Store};
use crate::digital_signature::audit_head::{parse_head, short_head, signed_audit_head};

/// The link before the first row.
const GENESIS: [u8; 32] = [0; 32];

/// The columns a link covers, in this order.
const ROW_COLUMNS: &str = "id, at, year, actor_id, actor_name, action, step, detail";

/// Where the chain is unbroken and where it is not (`Store::audit_chain_check`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    /// Rows of the audit log.
    pub rows: usize,
    /// The newest link: what the next row chains from, and what a signature made now records.
    pub head: Option<(i64, [u8; 32])>,
    /// Each break, in Indonesian; empty when the chain is whole.
    pub problems: Vec<String>,
}

impl ChainReport {
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }

    /// The report as the command line prints it.
    pub fn summary(&self) -> String {
        let head = self
            .head
            .map(|(id, h)| format!(", kepala rantai {}", short_head(id, &h)))
            .unwrap_or_default();
        if self.is_intact() {
            return format!(
                "Rantai log audit utuh: {} baris{head}; cocok dengan setiap dokumen yang ditandatangani.",
                self.rows
            );
        }
        let mut out = format!(
            "RANTAI LOG AUDIT RUSAK: {} masalah ({} baris{head}). Basis data ini diubah di luar program:",
            self.problems.len(),
            self.rows
        );
        for p in &self.problems {
            out.push_str("\n- ");
            out.push_str(p);
        }
        out
    }
}

/// The link of a row: SHA-256(previous link || each field, tagged by its type and
/// length-prefixed, so no two rows encode alike and NULL differs from "" and from 0).
fn link(prev: &[u8; 32], fields: &[Value]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(prev);
    for v in fields {
        match v {
            Value::Null => h.update([0u8]),
            Value::Integer(i) => {
                h.update([1u8]);
                h.update(i.to_be_bytes());
            }
            Value::Text(s) => {
                h.update([2u8]);
                h.update((s.len() as u64).to_be_bytes());
                h.update(s.as_bytes());
            }
            Value::Real(f) => {
                h.update([3u8]);
                h.update(f.to_bits().to_be_bytes());
            }
            Value::Blob(b) => {
                h.update([4u8]);
                h.update((b.len() as u64).to_be_bytes());
                h.update(b);
            }
        }
    }
    h.finalize().into()
}

fn fields(r: &rusqlite::Row, from: usize) -> rusqlite::Result<Vec<Value>> {
    (from..from + 8).map(|i| r.get::<_, Value>(i)).collect()
}

fn as_hash(bytes: Option<Vec<u8>>) -> Option<[u8; 32]> {
    bytes.and_then(|b| b.try_into().ok())
}

/// Writes the link of audit row `id`, just appended, in the append's transaction: chained
/// from the newest link before it, the row read back as stored (so the check hashes the very
/// same values).
pub(super) fn link_row(conn: &Connection, id: i64) -> Result<()> {
    let row = conn.query_row(
        &format!("SELECT {ROW_COLUMNS} FROM audit_log WHERE id = ?1"),
        [id],
        |r| fields(r, 0),
    )?;
    let prev = as_hash(
        conn.query_row(
            "SELECT hash FROM audit_chain WHERE audit_id < ?1 ORDER BY audit_id DESC LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .optional()?,
    )
    .unwrap_or(GENESIS);
    conn.execute(
        "INSERT INTO audit_chain (audit_id, hash) VALUES (?1, ?2)",
        params![id, &link(&prev, &row)[..]],
    )?;
    Ok(())
}

/// The newest link, read inside a signing's transaction before its PDF is made.
pub(super) fn head(conn: &Connection) -> Result<Option<(i64, [u8; 32])>> {
    let newest: Option<(i64, Vec<u8>)> = conn
        .query_row(
            "SELECT audit_id, hash FROM audit_chain ORDER BY audit_id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(newest.and_then(|(id, h)| Some((id, as_hash(Some(h))?))))
}

/// The chain's head as a signed document prints it ("<id>:<hex>"): the history a signature
/// vouches for, read before its PDF is made.
pub(super) fn head_text(conn: &Connection) -> Result<Option<String>> {
    Ok(head(conn)?.map(|(id, h)| crate::digital_signature::audit_head::head_text(id, &h)))
}

/// Migration 10's second half: links for every row the log held before the chain existed, in
/// the migration's transaction. Runs once, when the schema reaches 10, and never again: filling
/// the links of rows found without one at a later open would launder rows slipped in behind
/// the program's back into the chain.
pub(super) fn link_rows_of_before(tx: &Connection) -> Result<()> {
    let mut stmt = tx.prepare(&format!("SELECT {ROW_COLUMNS} FROM audit_log ORDER BY id"))?;
    let mut insert = tx.prepare("INSERT INTO audit_chain (audit_id, hash) VALUES (?1, ?2)")?;
    let mut prev = GENESIS;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let row = fields(r, 0)?;
        let id: i64 = r.get(0)?;
        prev = link(&prev, &row);
        insert.execute(params![id, &prev[..]])?;
    }
    Ok(())
}

/// Problems of one kind, said one by one up to a bound, the rest counted: a rewritten log must
/// not bury the Riwayat under thousands of lines.
struct Said {
    lines: Vec<String>,
    more: usize,
}

const SAID_PER_KIND: usize = 10;

impl Said {
    fn new() -> Said {
        Said {
            lines: Vec::new(),
            more: 0,
        }
    }

    fn push(&mut self, line: String) {
        if self.lines.len() < SAID_PER_KIND {
            self.lines.push(line);
        } else {
            self.more += 1;
        }
    }

    fn into_lines(mut self, more: &str) -> Vec<String> {
        if self.more > 0 {
            self.lines.push(format!("… dan {} {more}", self.more));
        }
        self.lines
    }
}

/// A signed document's head, and where it was found.
struct SignedHead {
    /// "RKT 2026", "Perjanjian Kinerja 2026".
    what: String,
    /// The head printed in its PDF.
    head: (i64, [u8; 32]),
}

impl Store {
    /// Walks the audit log with its chain and every signed document the program keeps, and
    /// says (in Indonesian) each sign of a change made behind the program's back: rows without
    /// a link, links that do not fit, links without rows, ids missing, trusted certificates
    /// never recorded, and signed documents whose head no longer matches the history before
    /// them. Reads only.
    pub fn audit_chain_check(&self) -> Result<ChainReport> {
        self.read(|| {
            let mut problems = Vec::new();
            let heads = signed_heads(&self.conn, &mut problems)?;
            let wanted: HashSet<i64> = heads.iter().map(|h| h.head.0).collect();
            let walk = walk(&self.conn, &wanted)?;
            let mut report = ChainReport {
                rows: walk.rows,
                head: walk.head,
                problems: walk.problems,
            };
            for h in heads {
                let (id, hash) = h.head;
                if walk.recomputed.get(&id) != Some(&hash) {
                    report.problems.push(format!(
                        "riwayat sebelum penandatanganan {} telah diubah sesudahnya (kepala rantai di PDF-nya {} tidak cocok lagi dengan log audit)",
                        h.what,
                        short_head(id, &hash)
                    ));
                }
            }
            report.problems.extend(problems);
            report.problems.extend(unrecorded_roots(&self.conn)?);
            report.problems.extend(unrecorded_keys(&self.conn)?);
            report.problems.dedup();
            Ok(report)
        })
    }
}

/// What walking the log found.
struct Walk {
    rows: usize,
    /// Rows with a link.
    linked: usize,
    head: Option<(i64, [u8; 32])>,
    problems: Vec<String>,
    /// The chain recomputed from the rows as they are now, at the ids signed documents name.
    recomputed: BTreeMap<i64, [u8; 32]>,
}

/// Each row with its link, in order: (id, link, whether the row exists, its fields).
const ROWS: &str = "SELECT l.id, c.hash, 1, l.id, l.at, l.year, l.actor_id, l.actor_name, l.action,
        l.step, l.detail
     FROM audit_log l LEFT JOIN audit_chain c ON c.audit_id = l.id ORDER BY l.id";

/// The same, with the links whose row is gone among them: read only when there are such.
const ROWS_AND_ORPHANS: &str = "SELECT ids.id, c.hash, l.id IS NOT NULL,
        l.id, l.at, l.year, l.actor_id, l.actor_name, l.action, l.step, l.detail
     FROM (SELECT id FROM audit_log UNION SELECT audit_id FROM audit_chain) ids
     LEFT JOIN audit_log l ON l.id = ids.id
     LEFT JOIN audit_chain c ON c.audit_id = ids.id
     ORDER BY ids.id";

fn walk(conn: &Connection, wanted: &HashSet<i64>) -> Result<Walk> {
    let walk = walk_with(conn, ROWS, wanted)?;
    let links: i64 = conn.query_row("SELECT count(*) FROM audit_chain", [], |r| r.get(0))?;
    if links as usize == walk.linked {
        return Ok(walk);
    }
    walk_with(conn, ROWS_AND_ORPHANS, wanted)
}

/// Every id of the log (and of the chain, with `ROWS_AND_ORPHANS`), in order. Each row is
/// checked against the stored link before it (as `link_row` chained it), which points at the
/// row that broke; beside that the chain is recomputed from the rows alone, which a consistent
/// rewrite of every link cannot hide from a signed head.
fn walk_with(conn: &Connection, sql: &str, wanted: &HashSet<i64>) -> Result<Walk> {
    let mut stmt = conn.prepare(sql)?;
    let mut unlinked = Said::new();
    let mut mismatched = Said::new();
    let mut orphans = Said::new();
    let mut missing = Said::new();
    let mut out = Walk {
        rows: 0,
        linked: 0,
        head: None,
        problems: Vec::new(),
        recomputed: BTreeMap::new(),
    };
    let mut stored_prev = GENESIS;
    let mut recomputed = GENESIS;
    let mut last_id = 0i64;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let stored = as_hash(r.get(1)?);
        let has_row: bool = r.get(2)?;
        // Ids are handed out one after another and never taken back: a gap is a deletion.
        if id > last_id + 1 {
            let (a, b) = (last_id + 1, id - 1);
            missing.push(match a == b {
                true => format!("baris log audit #{a} hilang bersama mata rantainya — dihapus"),
                false => {
                    format!("baris log audit #{a}–#{b} hilang bersama mata rantainya — dihapus")
                }
            });
        }
        last_id = id;
        if has_row {
            out.rows += 1;
        }
        match (has_row, stored) {
            (true, None) => unlinked.push(format!(
                "baris log audit #{id} tidak punya mata rantai — ditambahkan di luar program"
            )),
            (true, Some(stored)) => {
                out.linked += 1;
                let row = fields(r, 3)?;
                let fits = link(&stored_prev, &row);
                if fits != stored {
                    mismatched.push(format!(
                        "mata rantai baris log audit #{id} tidak cocok — baris #{id} diubah, atau baris sebelumnya dihapus"
                    ));
                }
                // While the two agree (an intact log: all the way) one hash serves both.
                recomputed = match recomputed == stored_prev {
                    true => fits,
                    false => link(&recomputed, &row),
                };
                if wanted.contains(&id) {
                    out.recomputed.insert(id, recomputed);
                }
                stored_prev = stored;
                out.head = Some((id, stored));
            }
            (false, Some(stored)) => {
                orphans.push(format!(
                    "mata rantai #{id} tanpa baris log audit — baris #{id} dihapus"
                ));
                stored_prev = stored;
                out.head = Some((id, stored));
            }
            (false, None) => {}
        }
    }
    for (said, more) in [
        (mismatched, "mata rantai lain tidak cocok"),
        (orphans, "baris lain dihapus"),
        (missing, "rentang baris lain hilang"),
        (unlinked, "baris lain tanpa mata rantai"),
    ] {
        out.problems.extend(said.into_lines(more));
    }
    Ok(out)
}

/// The heads printed in the signed documents the program keeps (the RKT of each year, its
/// archived file, each Perjanjian Kinerja, each signed report), each read from the bytes its digital signature
/// covers. Said on the way: a signature that no longer holds, a head stored beside a signature
/// that its PDF does not carry.
fn signed_heads(conn: &Connection, problems: &mut Vec<String>) -> Result<Vec<SignedHead>> {
    let roots: Vec<Vec<u8>> = conn
        .prepare("SELECT cert FROM trusted_roots")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // (what, the PDF, the head stored beside it, whether it can only be there signed
    // digitally: all but an archived copy of an RKT signed before the digital signature)
    type Kept = (String, Option<Vec<u8>>, Option<String>, bool);
    let mut kept: Vec<Kept> = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT s.year, s.signed_pdf, s.audit_head, a.pdf FROM signatures s
         LEFT JOIN archive a ON a.signature_id = s.id ORDER BY s.year",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let year: i32 = r.get(0)?;
        let signed: Option<Vec<u8>> = r.get(1)?;
        let archived: Option<Vec<u8>> = r.get(3)?;
        // The archive keeps the signed file itself: checked once when it is the same.
        if archived.is_some() && archived != signed {
            kept.push((format!("arsip RKT {year}"), archived, None, false));
        }
        kept.push((format!("RKT {year}"), signed, r.get(2)?, true));
    }
    let mut stmt = conn.prepare("SELECT year, pdf, audit_head FROM pk_archive ORDER BY year")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let year: i32 = r.get(0)?;
        kept.push((
            format!("Perjanjian Kinerja {year}"),
            r.get(1)?,
            r.get(2)?,
            true,
        ));
    }
    // The reports of the year after the PK (Rencana Aksi, Laporan Capaian, LKjIP).
    // Each signed with the audit row that records its SHA-256 (`laporan.tandatangan`): a row
    // slipped into the archive without one would make a plan "signed" behind the head's back.
    let mut stmt = conn.prepare(
        "SELECT kind, quarter, year, pdf, audit_head, pdf_sha256,
                EXISTS (SELECT 1 FROM audit_log WHERE action = 'laporan.tandatangan'
                        AND instr(detail, report_archive.pdf_sha256) > 0)
         FROM report_archive ORDER BY year, kind, quarter",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (kind, quarter, year): (String, u32, i32) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let what = match (kind.as_str(), crate::domain::quarter::Quarter::new(quarter)) {
            ("capaian", Ok(q)) => format!("Laporan Capaian Kinerja {} {year}", q.short()),
            ("lkjip", _) => format!("Tabel LKjIP {year}"),
            _ => format!("Rencana Aksi {year}"),
        };
        if !r.get::<_, bool>(6)? {
            problems.push(format!(
                "{what} di arsip laporan tidak tercatat ditandatangani di log audit (SHA-256 {})",
                r.get::<_, String>(5)?
            ));
        }
        kept.push((what, r.get(3)?, r.get(4)?, true));
    }
    let mut heads = Vec::new();
    for (what, pdf, stored, digital) in kept {
        let Some(pdf) = pdf else {
            if stored.is_some() {
                problems.push(format!(
                    "PDF {what} yang ditandatangani tidak ada lagi di basis data"
                ));
            }
            continue;
        };
        // Without revocation lists: a certificate replaced since (a PIN reset) is history, not
        // tampering; what counts here is that the stored file is still the one signed.
        match crate::digital_signature::check_pdf(&pdf, &roots, &[]) {
            Some(Err(e)) => problems.push(format!(
                "tanda tangan digital {what} yang tersimpan tidak sah lagi: {e}"
            )),
            None if digital => problems.push(format!(
                "PDF {what} yang tersimpan tidak bertanda tangan digital"
            )),
            _ => {}
        }
        let printed = signed_audit_head(&pdf);
        match (&stored, printed) {
            (Some(s), None) => problems.push(format!(
                "PDF {what} yang ditandatangani tidak memuat kepala rantai log audit yang tercatat untuknya ({s})"
            )),
            (Some(s), Some((id, h))) if parse_head(s) != Some((id, h)) => problems.push(format!(
                "kepala rantai log audit yang tercatat untuk {what} berbeda dengan yang ada di PDF-nya"
            )),
            _ => {}
        }
        if let Some(head) = printed {
            heads.push(SignedHead { what, head });
        }
    }
    Ok(heads)
}

/// Trusted office certificates no audit row records: trusting one (`sertifikat.percaya`) and
/// making the office's own (`sertifikat.kantor`) both write its fingerprint in the detail.
fn unrecorded_roots(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT subject, fingerprint FROM trusted_roots t
         WHERE NOT EXISTS (SELECT 1 FROM audit_log a
                           WHERE a.action LIKE 'sertifikat.%' AND instr(a.detail, t.fingerprint) > 0)
         ORDER BY imported_at",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(format!(
            "sertifikat dipercaya tanpa catatan di log audit: {} {}",
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Live keys and certificates no audit row records: a key swapped into `signer_keys` (its
/// fingerprint in no `kunci.baru`), a certificate no approval issued (in no `sertifikat.terbit`),
/// an office root made outside the program (in no `sertifikat.kantor`). A PSrE's key is
/// recorded by its certificate (`kunci.psre`).
fn unrecorded_keys(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT 'kunci tanda tangan ' || o.name || ' tanpa catatan pembuatannya di log audit (sidik jari kunci ' || k.key_fingerprint || ')'
         FROM signer_keys k JOIN officials o ON o.id = k.official_id
         WHERE k.retired_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'kunci.baru'
                           AND instr(a.detail, k.key_fingerprint) > 0)
           AND NOT (k.fingerprint IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log a
                    WHERE a.action = 'kunci.psre' AND instr(a.detail, k.fingerprint) > 0))
         UNION ALL
         SELECT 'sertifikat tanda tangan ' || o.name || ' tanpa persetujuan di log audit (sidik jari ' || k.fingerprint || ')'
         FROM signer_keys k JOIN officials o ON o.id = k.official_id
         WHERE k.retired_at IS NULL AND k.fingerprint IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM audit_log a
                           WHERE a.action IN ('sertifikat.terbit', 'kunci.psre')
                           AND instr(a.detail, k.fingerprint) > 0)
         UNION ALL
         SELECT 'sertifikat kantor tanpa catatan pembuatannya di log audit (sidik jari ' || r.fingerprint || ')'
         FROM office_roots r
         WHERE r.retired_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'sertifikat.kantor'
                           AND instr(a.detail, r.fingerprint) > 0)",
    )?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::digital_signature::audit_head::head_text;
    use crate::domain::sop::Sop;
    use crate::store::audit::{NewAudit, append};
    use crate::store::test_support::{at, database_at, pengelola};

    /// A demo office in a file: RKT 2025 signed, archived, and its Perjanjian Kinerja signed.
    fn demo(dir: &Path) -> PathBuf {
        let path = dir.join("demo.db");
        let mut s = Store::open(&path).unwrap();
        crate::export::fill_demo(&mut s, &Sop::embedded(), 2026, 5, at(1, 5, 9)).unwrap();
        path
    }

    /// A copy of `db` changed by an insider with plain SQLite (triggers dropped first), then
    /// opened by the program and checked.
    fn tampered(db: &Path, name: &str, sql: &str) -> ChainReport {
        let copy = db.with_file_name(format!("{name}.db"));
        Store::open(db).unwrap().copy_to(&copy).unwrap();
        insider(&copy, sql);
        Store::open(&copy).unwrap().audit_chain_check().unwrap()
    }

    fn insider(db: &Path, sql: &str) {
        let c = Connection::open(db).unwrap();
        c.execute_batch(
            "PRAGMA foreign_keys = OFF;
             DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
             DROP TRIGGER audit_chain_no_update; DROP TRIGGER audit_chain_no_delete;",
        )
        .unwrap();
        c.execute_batch(sql).unwrap();
    }

    fn has(r: &ChainReport, words: &str) -> bool {
        r.problems.iter().any(|p| p.contains(words))
    }

    /// The head of the year's signed RKT and of its Perjanjian Kinerja, as stored.
    fn signed_heads_of(s: &Store, year: i32) -> ((i64, [u8; 32]), (i64, [u8; 32])) {
        let rkt = s.signature(year).unwrap().unwrap().audit_head.unwrap();
        let pk: String = s
            .conn
            .query_row(
                "SELECT audit_head FROM pk_archive WHERE year = ?1",
                [year],
                |r| r.get(0),
            )
            .unwrap();
        (parse_head(&rkt).unwrap(), parse_head(&pk).unwrap())
    }

    #[test]
    fn the_encoding_tells_null_empty_zero_and_shifted_fields_apart() {
        let one = |v: Value| link(&GENESIS, &[v]);
        let null = one(Value::Null);
        let empty = one(Value::Text(String::new()));
        let zero = one(Value::Integer(0));
        assert!(null != empty && empty != zero && null != zero);
        let two =
            |a: &str, b: &str| link(&GENESIS, &[Value::Text(a.into()), Value::Text(b.into())]);
        assert_ne!(two("ab", "c"), two("a", "bc"));
        let prev = [1u8; 32];
        assert_ne!(link(&prev, &[Value::Null]), null, "the link before counts");
        assert_eq!(parse_head(&head_text(42, &prev)), Some((42, prev)));
        assert_eq!(parse_head("0:00"), None);
    }

    #[test]
    fn every_row_the_program_writes_is_chained() {
        let mut s = Store::open_in_memory().unwrap();
        let op = pengelola(&mut s);
        s.trust_root(
            &crate::digital_signature::keys::new_office_root("Kantor Lain")
                .unwrap()
                .1,
            Some(&op),
            at(1, 5, 9),
        )
        .unwrap();
        let r = s.audit_chain_check().unwrap();
        assert!(r.is_intact(), "{:?}", r.problems);
        assert!(r.rows >= 3, "{}", r.rows);
        assert_eq!(r.rows as i64, s.audit_count().unwrap());
        let (links, last): (i64, i64) = s
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM audit_chain), (SELECT max(id) FROM audit_log)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(links as usize, r.rows);
        assert_eq!(r.head.map(|h| h.0), Some(last));
        assert!(
            r.summary().starts_with("Rantai log audit utuh"),
            "{}",
            r.summary()
        );
        // A link is written with its row or not at all: the chain table takes no updates.
        let upd = s
            .conn
            .execute("UPDATE audit_chain SET hash = zeroblob(32)", []);
        assert!(
            upd.unwrap_err()
                .to_string()
                .contains("hanya boleh ditambah")
        );
    }

    #[test]
    fn an_insider_s_changes_are_each_reported() {
        let dir = tempfile::tempdir().unwrap();
        let db = demo(dir.path());
        let s = Store::open(&db).unwrap();
        let r = s.audit_chain_check().unwrap();
        assert!(r.is_intact(), "{:?}", r.problems);

        // The head is printed into each signed PDF, inside what its signature covers, the same
        // as stored beside the signature; and where a reader sees it, under the signature.
        let (rkt, pk) = signed_heads_of(&s, 2025);
        assert!(rkt.0 > 3 && pk.0 > rkt.0, "{rkt:?} {pk:?}");
        let pdf = s.signed_pdf(2025).unwrap().unwrap();
        assert_eq!(signed_audit_head(&pdf), Some(rkt));
        assert_eq!(
            signed_audit_head(&s.pk_pdf(2025).unwrap().unwrap()),
            Some(pk)
        );
        let (doc, _) = crate::export::rkt_document(&s, 2025).unwrap();
        let pages = crate::pdf::rkt_doc::layout(&doc, crate::pdf::fonts::Metrics::shared());
        let line = format!("Rantai log audit: {}", short_head(rkt.0, &rkt.1));
        assert!(pages.iter().any(|p| p.texts().any(|t| t == line)), "{line}");
        let last: i64 = s
            .conn
            .query_row("SELECT max(id) FROM audit_log", [], |r| r.get(0))
            .unwrap();
        assert!(last > pk.0);
        drop(s);

        // A row deleted with its link, before the signatures.
        let r = tampered(
            &db,
            "hapus",
            "DELETE FROM audit_chain WHERE audit_id = 3; DELETE FROM audit_log WHERE id = 3;",
        );
        assert!(
            has(&r, "baris log audit #3 hilang bersama mata rantainya"),
            "{:?}",
            r.problems
        );
        assert!(
            has(&r, "mata rantai baris log audit #4 tidak cocok"),
            "{:?}",
            r.problems
        );
        assert!(has(
            &r,
            "riwayat sebelum penandatanganan RKT 2025 telah diubah sesudahnya"
        ));
        assert!(has(
            &r,
            "riwayat sebelum penandatanganan Perjanjian Kinerja 2025"
        ));
        assert!(!r.is_intact());

        // A row deleted, its link left.
        let r = tampered(&db, "hapus_baris", "DELETE FROM audit_log WHERE id = 3;");
        assert!(
            has(
                &r,
                "mata rantai #3 tanpa baris log audit — baris #3 dihapus"
            ),
            "{:?}",
            r.problems
        );
        assert!(
            !has(&r, "mata rantai baris log audit"),
            "the rows after still fit: {:?}",
            r.problems
        );

        // The detail of the newest row changed (after every signature): only that row.
        let r = tampered(
            &db,
            "ubah_akhir",
            &format!("UPDATE audit_log SET detail = detail || ' (diralat)' WHERE id = {last};"),
        );
        assert_eq!(
            r.problems,
            [format!(
                "mata rantai baris log audit #{last} tidak cocok — baris #{last} diubah, atau baris sebelumnya dihapus"
            )]
        );

        // A detail before the signatures changed: the signed documents no longer match.
        let r = tampered(
            &db,
            "ubah_awal",
            "UPDATE audit_log SET actor_name = 'Orang Lain' WHERE id = 2;",
        );
        assert!(
            has(&r, "mata rantai baris log audit #2 tidak cocok"),
            "{:?}",
            r.problems
        );
        assert!(has(
            &r,
            "riwayat sebelum penandatanganan RKT 2025 telah diubah sesudahnya"
        ));

        // A row slipped in without a link.
        let r = tampered(
            &db,
            "sisip",
            "INSERT INTO audit_log (at, year, actor_id, actor_name, action, step, detail)
             VALUES ('2026-01-05T09:00:00+08:00', NULL, NULL, 'Operator', 'pengaturan.kantor', NULL, '');",
        );
        assert_eq!(
            r.problems,
            [format!(
                "baris log audit #{} tidak punya mata rantai — ditambahkan di luar program",
                last + 1
            )]
        );
        // The program's next row chains past it; the foreign row is not laundered at the next
        // open.
        let mut s = Store::open(&db.with_file_name("sisip.db")).unwrap();
        append(
            &s.conn,
            crate::domain::calendar::wita(),
            NewAudit {
                at: at(1, 6, 9),
                year: None,
                actor_id: None,
                actor_name: "Uji",
                action: "pengaturan.kantor",
                step: None,
                detail: "sesudah sisipan",
            },
        )
        .unwrap();
        drop(s);
        s = Store::open(&db.with_file_name("sisip.db")).unwrap();
        let r = s.audit_chain_check().unwrap();
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert!(has(&r, &format!("#{} tidak punya mata rantai", last + 1)));
        assert_eq!(r.head.map(|h| h.0), Some(last + 2));
        drop(s);

        // A trusted root inserted behind the program's back.
        let (_, cert) = crate::digital_signature::keys::new_office_root("Kantor Palsu").unwrap();
        let fp = crate::digital_signature::keys::fingerprint(&cert);
        let subject = crate::digital_signature::keys::read_certificate(&cert)
            .unwrap()
            .1;
        let copy = db.with_file_name("akar.db");
        Store::open(&db).unwrap().copy_to(&copy).unwrap();
        Connection::open(&copy)
            .unwrap()
            .execute(
                "INSERT INTO trusted_roots (fingerprint, cert, subject, imported_at, imported_by)
                 VALUES (?1, ?2, ?3, '2026-01-05T09:00:00+08:00', 'Pengelola')",
                params![fp, cert, subject],
            )
            .unwrap();
        let r = Store::open(&copy).unwrap().audit_chain_check().unwrap();
        assert_eq!(
            r.problems,
            [format!(
                "sertifikat dipercaya tanpa catatan di log audit: {subject} {fp}"
            )]
        );
    }

    /// Every link recomputed by the insider after a row before the signatures was changed: the
    /// chain fits itself again, and only the heads in the signed PDFs show what happened.
    #[test]
    fn a_signed_report_s_head_is_checked_as_the_rkt_s() {
        let dir = tempfile::tempdir().unwrap();
        let db = demo(dir.path());
        let s = Store::open(&db).unwrap();
        assert!(s.audit_chain_check().unwrap().is_intact());
        let stored: String = s
            .conn
            .query_row(
                "SELECT audit_head FROM report_archive WHERE kind = 'capaian' AND quarter = 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let pdf = s
            .report_pdf(
                crate::store::ReportKind::Capaian(crate::domain::quarter::Quarter::ALL[0]),
                2025,
            )
            .unwrap()
            .unwrap();
        assert_eq!(
            signed_audit_head(&pdf),
            parse_head(&stored),
            "printed inside the signature"
        );
        drop(s);
        // The head stored beside the report moved (to launder a rewritten history): said.
        let r = tampered(
            &db,
            "kepala_laporan",
            "DROP TRIGGER report_archive_no_update; UPDATE report_archive SET audit_head = '1:' || substr(audit_head, instr(audit_head, ':') + 1) WHERE kind = 'capaian' AND quarter = 1;",
        );
        assert!(
            has(
                &r,
                "kepala rantai log audit yang tercatat untuk Laporan Capaian Kinerja TW I 2025 berbeda"
            ),
            "{:?}",
            r.problems
        );
        // A report row slipped into the archive to make a quarter look signed: no signature,
        // no audit row.
        let r = tampered(
            &db,
            "laporan_palsu",
            &format!(
                "INSERT INTO report_archive (kind, year, quarter, signer, signed_at, cert_fingerprint, pdf, pdf_sha256)
                 VALUES ('capaian', 2025, 3, 'x', '2026-01-05T08:00:00+08:00', 'x', x'00', '{}');",
                "ab".repeat(32)
            ),
        );
        assert!(
            has(
                &r,
                "Laporan Capaian Kinerja TW III 2025 di arsip laporan tidak tercatat ditandatangani di log audit"
            ),
            "{:?}",
            r.problems
        );
        assert!(
            has(
                &r,
                "PDF Laporan Capaian Kinerja TW III 2025 yang tersimpan tidak bertanda tangan digital"
            ),
            "{:?}",
            r.problems
        );
        // A report's PDF changed in the database: its signature no longer holds.
        let r = tampered(
            &db,
            "pdf_laporan",
            "DROP TRIGGER report_archive_no_update; UPDATE report_archive SET pdf = CAST(substr(pdf, 1, 2000) || x'20' || substr(pdf, 2002) AS BLOB) WHERE kind = 'capaian' AND quarter = 1;",
        );
        assert!(!r.is_intact(), "{:?}", r.problems);
    }

    #[test]
    fn a_chain_rewritten_whole_is_caught_by_the_signed_head() {
        let dir = tempfile::tempdir().unwrap();
        let db = demo(dir.path());
        let copy = db.with_file_name("tulis_ulang.db");
        Store::open(&db).unwrap().copy_to(&copy).unwrap();
        insider(
            &copy,
            "UPDATE audit_log SET detail = 'tidak pernah terjadi' WHERE id = 2;
             DELETE FROM audit_chain;",
        );
        {
            let c = Connection::open(&copy).unwrap();
            link_rows_of_before(&c).unwrap();
        }
        let s = Store::open(&copy).unwrap();
        let r = s.audit_chain_check().unwrap();
        // The RKT, its PK, and the demo's signed reports (Rencana Aksi, Laporan Capaian TW I, II).
        assert_eq!(
            r.problems.len(),
            5,
            "only the signed heads tell: {:?}",
            r.problems
        );
        let said = [
            "riwayat sebelum penandatanganan RKT 2025 telah diubah sesudahnya",
            "riwayat sebelum penandatanganan Perjanjian Kinerja 2025 telah diubah sesudahnya",
            "riwayat sebelum penandatanganan Laporan Capaian Kinerja TW I 2025 telah diubah sesudahnya",
            "riwayat sebelum penandatanganan Laporan Capaian Kinerja TW II 2025 telah diubah sesudahnya",
            "riwayat sebelum penandatanganan Rencana Aksi 2025 telah diubah sesudahnya",
        ];
        for (got, want) in r.problems.iter().zip(said) {
            assert!(got.starts_with(want), "{got}");
        }

        // And the head in the stored PDF rewritten to match: its signature no longer holds.
        let (rkt, _) = signed_heads_of(&s, 2025);
        let forged = audit_head_now(&s, rkt.0);
        let pdf = s.signed_pdf(2025).unwrap().unwrap();
        drop(s);
        let (old, new) = (head_text(rkt.0, &rkt.1), head_text(rkt.0, &forged));
        let text = pdf
            .windows(old.len())
            .position(|w| w == old.as_bytes())
            .unwrap();
        let mut changed = pdf.clone();
        changed[text..text + new.len()].copy_from_slice(new.as_bytes());
        let c = Connection::open(&copy).unwrap();
        c.execute_batch("DROP TRIGGER signatures_no_update")
            .unwrap();
        c.execute(
            "UPDATE signatures SET signed_pdf = ?1, audit_head = ?2 WHERE year = 2025",
            params![changed, new],
        )
        .unwrap();
        drop(c);
        let r = Store::open(&copy).unwrap().audit_chain_check().unwrap();
        assert!(
            has(
                &r,
                "tanda tangan digital RKT 2025 yang tersimpan tidak sah lagi"
            ),
            "{:?}",
            r.problems
        );
    }

    /// The recomputed chain's link at `id`, as the insider made it.
    fn audit_head_now(s: &Store, id: i64) -> [u8; 32] {
        as_hash(
            s.conn
                .query_row(
                    "SELECT hash FROM audit_chain WHERE audit_id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .optional()
                .unwrap(),
        )
        .unwrap()
    }

    /// A database of schema 9 with its audit rows: opened, the rows of before get their links
    /// and the chain is whole; a row slipped in afterwards is not linked at a later open.
    #[test]
    fn the_rows_of_before_are_chained_once_at_the_migration() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lama.db");
        {
            let c = database_at(&path, 9);
            c.execute_batch(
                "INSERT INTO audit_log (at, year, actor_id, actor_name, action, step, detail) VALUES
                 ('2025-01-02T08:00:00+08:00', 2025, NULL, 'Operator', 'siklus.mulai', NULL, ''),
                 ('2025-01-03T08:00:00+08:00', 2025, NULL, 'Operator', 'langkah.selesai', 1, 'Selesai'),
                 ('2025-01-04T08:00:00+08:00', NULL, NULL, 'Operator', 'pengaturan.kantor', NULL, 'Nama kantor');",
            )
            .unwrap();
        }
        let s = Store::open(&path).unwrap();
        assert_eq!(
            s.schema_version().unwrap(),
            crate::store::migrations::latest()
        );
        let r = s.audit_chain_check().unwrap();
        assert!(r.is_intact(), "{:?}", r.problems);
        assert_eq!(r.rows, 3);
        assert_eq!(r.head.map(|h| h.0), Some(3));
        // The first link by hand: SHA-256(32 zero bytes || the row's fields).
        let first: Vec<u8> = s
            .conn
            .query_row("SELECT hash FROM audit_chain WHERE audit_id = 1", [], |r| {
                r.get(0)
            })
            .unwrap();
        let fields = [
            Value::Integer(1),
            Value::Text("2025-01-02T08:00:00+08:00".into()),
            Value::Integer(2025),
            Value::Null,
            Value::Text("Operator".into()),
            Value::Text("siklus.mulai".into()),
            Value::Null,
            Value::Text(String::new()),
        ];
        assert_eq!(first, link(&GENESIS, &fields));
        drop(s);
        Connection::open(&path)
            .unwrap()
            .execute(
                "INSERT INTO audit_log (at, actor_name, action) VALUES ('2025-01-05T08:00:00+08:00', 'X', 'pejabat.tambah')",
                [],
            )
            .unwrap();
        drop(Store::open(&path).unwrap());
        let r = Store::open(&path).unwrap().audit_chain_check().unwrap();
        assert_eq!(
            r.problems,
            ["baris log audit #4 tidak punya mata rantai — ditambahkan di luar program"]
        );
    }
}
