//! Numbered migrations. Migration N brings the schema to `user_version` N; each runs in the
//! same transaction as the bump of `user_version`, so a crash leaves the old or the new schema.
//! Never edit a migration that has shipped: add the next one.

pub const MIGRATIONS: &[&str] = &[
    // 1: the foundation.
    r#"
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE units (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('bidang', 'sub_bagian')),
    name       TEXT NOT NULL UNIQUE,
    sort_order INTEGER NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

INSERT INTO units (kind, name, sort_order) VALUES
    ('sub_bagian', 'Sub Bagian Perencanaan dan Pelaporan', 1),
    ('sub_bagian', 'Sub Bagian Keuangan', 2),
    ('sub_bagian', 'Sub Bagian Umum dan Kepegawaian', 3),
    ('bidang', 'Bidang Penegakan Perundang-undangan Daerah', 4),
    ('bidang', 'Bidang Ketertiban Umum dan Ketenteraman Masyarakat', 5),
    ('bidang', 'Bidang Sumber Daya Aparatur', 6),
    ('bidang', 'Bidang Perlindungan Masyarakat', 7);

CREATE TABLE officials (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL CHECK (length(trim(name)) > 0),
    nip      TEXT CHECK (nip IS NULL OR (length(nip) = 18 AND nip NOT GLOB '*[^0-9]*')),
    rank     TEXT NOT NULL DEFAULT '',
    position TEXT NOT NULL DEFAULT '',
    unit_id  INTEGER REFERENCES units(id),
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX officials_nip ON officials(nip) WHERE nip IS NOT NULL;

-- The SOP lanes (sop.toml ids) an official acts in.
CREATE TABLE official_lanes (
    official_id INTEGER NOT NULL REFERENCES officials(id) ON DELETE CASCADE,
    lane        TEXT NOT NULL,
    PRIMARY KEY (official_id, lane)
) STRICT;

CREATE TABLE cycles (
    id         INTEGER PRIMARY KEY,
    year       INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2200),
    sop_number TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- The history of a cycle; its state is replayed from these rows.
CREATE TABLE step_events (
    id         INTEGER PRIMARY KEY,
    cycle_id   INTEGER NOT NULL REFERENCES cycles(id),
    step       INTEGER NOT NULL CHECK (step >= 1),
    kind       TEXT NOT NULL CHECK (kind IN ('mulai', 'selesai', 'terima', 'kembali')),
    actor_id   INTEGER REFERENCES officials(id),
    actor_name TEXT NOT NULL,
    at         TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    CHECK (kind <> 'kembali' OR length(trim(note)) > 0)
) STRICT;
CREATE INDEX step_events_cycle ON step_events(cycle_id, id);
CREATE TRIGGER step_events_no_update BEFORE UPDATE ON step_events
BEGIN SELECT RAISE(ABORT, 'riwayat langkah tidak boleh diubah'); END;
CREATE TRIGGER step_events_no_delete BEFORE DELETE ON step_events
BEGIN SELECT RAISE(ABORT, 'riwayat langkah tidak boleh dihapus'); END;

CREATE TABLE holidays (
    day  TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    name TEXT NOT NULL
) STRICT;

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    year       INTEGER,
    actor_id   INTEGER,
    actor_name TEXT NOT NULL,
    action     TEXT NOT NULL,
    step       INTEGER,
    detail     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_log_year ON audit_log(year, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'log audit hanya boleh ditambah, tidak boleh diubah'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'log audit hanya boleh ditambah, tidak boleh dihapus'); END;
"#,
    // 2: the FORMAT RKT: master data, the units' rows, submissions, compiled drafts.
    r#"
CREATE TABLE renstra_sasaran (
    id         INTEGER PRIMARY KEY,
    text       TEXT NOT NULL UNIQUE CHECK (length(trim(text)) > 0),
    sort_order INTEGER NOT NULL
) STRICT;

CREATE TABLE renstra_indikator (
    id         INTEGER PRIMARY KEY,
    sasaran_id INTEGER NOT NULL REFERENCES renstra_sasaran(id) ON DELETE CASCADE,
    text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
    satuan     TEXT NOT NULL,
    sort_order INTEGER NOT NULL,
    UNIQUE (sasaran_id, text)
) STRICT;

CREATE TABLE renstra_target (
    indikator_id INTEGER NOT NULL REFERENCES renstra_indikator(id) ON DELETE CASCADE,
    year         INTEGER NOT NULL,
    target       TEXT NOT NULL,
    PRIMARY KEY (indikator_id, year)
) STRICT;

-- Program, kegiatan and sub kegiatan codes (level follows from the code's shape).
CREATE TABLE budget_codes (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
) STRICT;

CREATE TABLE funding_sources (
    name       TEXT PRIMARY KEY,
    sort_order INTEGER NOT NULL
) STRICT;

-- A unit's FORMAT RKT rows, every cell as typed. Deleting only marks, so undo can restore.
CREATE TABLE rkt_rows (
    id               INTEGER PRIMARY KEY,
    year             INTEGER NOT NULL,
    unit_id          INTEGER NOT NULL REFERENCES units(id),
    position         REAL NOT NULL,
    sasaran          TEXT NOT NULL DEFAULT '',
    indikator        TEXT NOT NULL DEFAULT '',
    satuan           TEXT NOT NULL DEFAULT '',
    target           TEXT NOT NULL DEFAULT '',
    code             TEXT NOT NULL DEFAULT '',
    pagu             TEXT NOT NULL DEFAULT '',
    sumber_dana      TEXT NOT NULL DEFAULT '',
    penanggung_jawab TEXT NOT NULL DEFAULT '',
    keterangan       TEXT NOT NULL DEFAULT '',
    deleted          INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX rkt_rows_unit ON rkt_rows(year, unit_id, deleted, position);

CREATE TABLE rkt_submissions (
    year         INTEGER NOT NULL,
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    submitted_by TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    PRIMARY KEY (year, unit_id)
) STRICT;

-- Compiled drafts: each version an immutable snapshot.
CREATE TABLE drafts (
    id         INTEGER PRIMARY KEY,
    year       INTEGER NOT NULL,
    version    INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    step       INTEGER,
    note       TEXT NOT NULL DEFAULT '',
    UNIQUE (year, version)
) STRICT;

CREATE TABLE draft_rows (
    draft_id         INTEGER NOT NULL REFERENCES drafts(id),
    position         INTEGER NOT NULL,
    row_key          TEXT NOT NULL,
    unit             TEXT NOT NULL,
    sasaran          TEXT NOT NULL,
    indikator        TEXT NOT NULL,
    satuan           TEXT NOT NULL,
    target           TEXT NOT NULL,
    code             TEXT NOT NULL,
    pagu             INTEGER NOT NULL CHECK (pagu >= 0),
    sumber_dana      TEXT NOT NULL,
    penanggung_jawab TEXT NOT NULL,
    keterangan       TEXT NOT NULL,
    PRIMARY KEY (draft_id, position),
    UNIQUE (draft_id, row_key)
) STRICT;
CREATE TRIGGER drafts_no_update BEFORE UPDATE ON drafts
BEGIN SELECT RAISE(ABORT, 'versi draf tidak boleh diubah; buat versi baru'); END;
CREATE TRIGGER drafts_no_delete BEFORE DELETE ON drafts
BEGIN SELECT RAISE(ABORT, 'versi draf tidak boleh dihapus'); END;
CREATE TRIGGER draft_rows_no_update BEFORE UPDATE ON draft_rows
BEGIN SELECT RAISE(ABORT, 'versi draf tidak boleh diubah; buat versi baru'); END;
CREATE TRIGGER draft_rows_no_delete BEFORE DELETE ON draft_rows
BEGIN SELECT RAISE(ABORT, 'versi draf tidak boleh dihapus'); END;
"#,
    // 3: correction notes on the draft (a row's, or the whole draft's), marked resolved.
    r#"
CREATE TABLE draft_notes (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL,
    row_key     TEXT,
    step        INTEGER,
    author      TEXT NOT NULL,
    text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
    created_at  TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by TEXT
) STRICT;
CREATE INDEX draft_notes_year ON draft_notes(year, id);
"#,
    // 4: signing (the head's PIN as an argon2id hash, office images, signatures that freeze a
    // version) and the archive of signed PDFs. All append-only.
    r#"
CREATE TABLE signing_pins (
    official_id  INTEGER PRIMARY KEY REFERENCES officials(id),
    hash         TEXT NOT NULL CHECK (hash LIKE '$argon2id$%'),
    failures     INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    last_failure TEXT,
    set_at       TEXT NOT NULL
) STRICT;

CREATE TABLE office_images (
    role   TEXT PRIMARY KEY CHECK (role IN ('logo', 'tanda_tangan', 'stempel')),
    png    BLOB NOT NULL,
    set_at TEXT NOT NULL
) STRICT;

CREATE TABLE signatures (
    id             INTEGER PRIMARY KEY,
    year           INTEGER NOT NULL UNIQUE,
    draft_id       INTEGER NOT NULL UNIQUE REFERENCES drafts(id),
    official_id    INTEGER REFERENCES officials(id),
    name           TEXT NOT NULL,
    position       TEXT NOT NULL,
    rank           TEXT NOT NULL,
    nip            TEXT NOT NULL,
    signed_at      TEXT NOT NULL,
    content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
    signature_png  BLOB,
    stamp_png      BLOB
) STRICT;
CREATE TRIGGER signatures_no_update BEFORE UPDATE ON signatures
BEGIN SELECT RAISE(ABORT, 'tanda tangan RKT tidak boleh diubah'); END;
CREATE TRIGGER signatures_no_delete BEFORE DELETE ON signatures
BEGIN SELECT RAISE(ABORT, 'tanda tangan RKT tidak boleh dihapus'); END;
-- A signed year takes no further draft version, and a signed version no further rows.
CREATE TRIGGER drafts_closed_when_signed BEFORE INSERT ON drafts
WHEN EXISTS (SELECT 1 FROM signatures WHERE year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'RKT tahun ini sudah ditandatangani; versi baru tidak dapat dibuat'); END;
CREATE TRIGGER draft_rows_closed_when_signed BEFORE INSERT ON draft_rows
WHEN EXISTS (SELECT 1 FROM signatures WHERE draft_id = NEW.draft_id)
BEGIN SELECT RAISE(ABORT, 'versi yang sudah ditandatangani tidak boleh diubah'); END;

CREATE TABLE archive (
    id           INTEGER PRIMARY KEY,
    signature_id INTEGER NOT NULL UNIQUE REFERENCES signatures(id),
    pdf          BLOB NOT NULL,
    pdf_sha256   TEXT NOT NULL UNIQUE CHECK (length(pdf_sha256) = 64),
    paper        TEXT NOT NULL,
    archived_at  TEXT NOT NULL,
    archived_by  TEXT NOT NULL
) STRICT;
CREATE TRIGGER archive_no_update BEFORE UPDATE ON archive
BEGIN SELECT RAISE(ABORT, 'arsip RKT tidak boleh diubah'); END;
CREATE TRIGGER archive_no_delete BEFORE DELETE ON archive
BEGIN SELECT RAISE(ABORT, 'arsip RKT tidak boleh dihapus'); END;
"#,
    // 5: people who prove who they are. The signing PIN becomes each official's personal PIN
    // (the head's stays as it was); a pengelola (the first official) manages the office's data
    // and may give a one-time PIN, which must be changed at first use; the officials from
    // before make their own PIN at first use (`first_pin_self`), those added later get a
    // one-time PIN from a pengelola; the TIM acting for a unit records why.
    r#"
ALTER TABLE officials ADD COLUMN pengelola INTEGER NOT NULL DEFAULT 0 CHECK (pengelola IN (0, 1));
UPDATE officials SET pengelola = 1
WHERE id = (SELECT id FROM officials ORDER BY active DESC, id LIMIT 1);
ALTER TABLE officials ADD COLUMN first_pin_self INTEGER NOT NULL DEFAULT 0 CHECK (first_pin_self IN (0, 1));
UPDATE officials SET first_pin_self = 1;

ALTER TABLE signing_pins ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0 CHECK (must_change IN (0, 1));
ALTER TABLE signing_pins ADD COLUMN reset_by TEXT;
ALTER TABLE signing_pins ADD COLUMN reset_at TEXT;

CREATE TABLE unit_proxies (
    year        INTEGER NOT NULL,
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    official_id INTEGER NOT NULL REFERENCES officials(id),
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    at          TEXT NOT NULL,
    PRIMARY KEY (year, unit_id, official_id)
) STRICT;
"#,
    // 6: office certificates this PC trusts, to check digitally signed RKT PDFs (its own office's,
    // or another office's handed out as a file). Kept, never changed.
    r#"
CREATE TABLE trusted_roots (
    fingerprint TEXT PRIMARY KEY CHECK (length(fingerprint) = 95),
    cert        BLOB NOT NULL,
    subject     TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
) STRICT;
CREATE TRIGGER trusted_roots_no_update BEFORE UPDATE ON trusted_roots
BEGIN SELECT RAISE(ABORT, 'sertifikat kantor yang dipercaya tidak diubah'); END;
"#,
    // 7: keys of the digital signature. The office root's key is sealed under its holder's PIN
    // (a pengelola; cleared when that PIN is reset: the root is retired, its certificate stays
    // trusted for what it issued). A signer's key is sealed under their own PIN, in the database
    // or in a file on their flash disk; its certificate is issued by the live root, at once or
    // when the holder next signs in. A signature keeps the signed PDF it made.
    r#"
CREATE TABLE office_roots (
    id          INTEGER PRIMARY KEY,
    cert        BLOB NOT NULL,
    fingerprint TEXT NOT NULL UNIQUE CHECK (length(fingerprint) = 95),
    sealed_key  BLOB,
    holder_id   INTEGER NOT NULL REFERENCES officials(id),
    created_at  TEXT NOT NULL,
    retired_at  TEXT,
    CHECK ((sealed_key IS NULL) = (retired_at IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX office_roots_live ON office_roots((1)) WHERE retired_at IS NULL;

CREATE TABLE signer_keys (
    id          INTEGER PRIMARY KEY,
    official_id INTEGER NOT NULL REFERENCES officials(id),
    public_key  BLOB NOT NULL,
    sealed_key  BLOB,
    key_file    TEXT,
    cert        BLOB,
    root_id     INTEGER REFERENCES office_roots(id),
    fingerprint TEXT CHECK (fingerprint IS NULL OR length(fingerprint) = 95),
    created_at  TEXT NOT NULL,
    retired_at  TEXT,
    CHECK ((cert IS NULL) = (root_id IS NULL)),
    CHECK (sealed_key IS NOT NULL OR key_file IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX signer_keys_live ON signer_keys(official_id) WHERE retired_at IS NULL;

ALTER TABLE signatures ADD COLUMN signed_pdf BLOB;
ALTER TABLE signatures ADD COLUMN cert_fingerprint TEXT;
"#,
    // 8: the second year. Renstra periods: a year belongs to the period that covers it, and an
    // indikator to the periods that list it (the same sasaran and indikator often go on into
    // the next period, with targets of their own years). The indikator of before form one
    // period over their target years. A draft keeps the names of the codes it was made with,
    // so a code list imported later never renames a signed RKT underneath it.
    r#"
CREATE TABLE renstra_periods (
    id         INTEGER PRIMARY KEY,
    first_year INTEGER NOT NULL UNIQUE CHECK (first_year BETWEEN 2000 AND 2200),
    last_year  INTEGER NOT NULL,
    CHECK (last_year >= first_year AND last_year - first_year < 10)
) STRICT;

CREATE TABLE renstra_period_indikator (
    period_id    INTEGER NOT NULL REFERENCES renstra_periods(id) ON DELETE CASCADE,
    indikator_id INTEGER NOT NULL REFERENCES renstra_indikator(id) ON DELETE CASCADE,
    sort_order   INTEGER NOT NULL,
    PRIMARY KEY (period_id, indikator_id)
) STRICT;

INSERT INTO renstra_periods (first_year, last_year)
SELECT min(year), min(max(year), min(year) + 9) FROM renstra_target HAVING count(*) > 0;
INSERT INTO renstra_period_indikator (period_id, indikator_id, sort_order)
SELECT p.id, i.id, s.sort_order * 10000 + i.sort_order
FROM renstra_periods p, renstra_indikator i JOIN renstra_sasaran s ON s.id = i.sasaran_id;

CREATE TABLE draft_code_names (
    draft_id INTEGER NOT NULL REFERENCES drafts(id),
    code     TEXT NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (draft_id, code)
) STRICT;
CREATE TRIGGER draft_code_names_no_update BEFORE UPDATE ON draft_code_names
BEGIN SELECT RAISE(ABORT, 'nama kode sebuah versi draf tidak boleh diubah'); END;
CREATE TRIGGER draft_code_names_no_delete BEFORE DELETE ON draft_code_names
BEGIN SELECT RAISE(ABORT, 'nama kode sebuah versi draf tidak boleh dihapus'); END;
INSERT INTO draft_code_names (draft_id, code, name)
SELECT DISTINCT r.draft_id, b.code, b.name
FROM draft_rows r JOIN budget_codes b ON r.code = b.code OR r.code LIKE b.code || '.%';
"#,
    // 9: the Perjanjian Kinerja of a year, made from its signed RKT and signed by the head:
    // kept beside the RKT's archive, append-only like it.
    r#"
CREATE TABLE pk_archive (
    id               INTEGER PRIMARY KEY,
    year             INTEGER NOT NULL UNIQUE,
    signature_id     INTEGER NOT NULL REFERENCES signatures(id),
    official_id      INTEGER REFERENCES officials(id),
    signer           TEXT NOT NULL,
    bupati           TEXT NOT NULL,
    signed_at        TEXT NOT NULL,
    cert_fingerprint TEXT NOT NULL,
    pdf              BLOB NOT NULL,
    pdf_sha256       TEXT NOT NULL UNIQUE CHECK (length(pdf_sha256) = 64)
) STRICT;
CREATE TRIGGER pk_archive_no_update BEFORE UPDATE ON pk_archive
BEGIN SELECT RAISE(ABORT, 'Perjanjian Kinerja yang diarsipkan tidak boleh diubah'); END;
CREATE TRIGGER pk_archive_no_delete BEFORE DELETE ON pk_archive
BEGIN SELECT RAISE(ABORT, 'Perjanjian Kinerja yang diarsipkan tidak boleh dihapus'); END;
"#,
    // 10: what makes forgery evident (#25). Certificate revocation lists: issued here by the
    // office root, or taken in with a trusted root. The audit log is chained: each row's hash
    // covers the one before (`audit_chain`, filled for the rows of before by
    // `migrations::after`); a signature keeps the chain's head it was made at.
    r#"
-- Certificate revocation lists: issued here by the office root, or taken in with a trusted
-- root (`trust-certificate`). The newest of an issuer is the one that counts.
CREATE TABLE crls (
    id                 INTEGER PRIMARY KEY,
    issuer_fingerprint TEXT NOT NULL CHECK (length(issuer_fingerprint) = 95),
    number             INTEGER NOT NULL,
    this_update        TEXT NOT NULL,
    next_update        TEXT NOT NULL,
    crl                BLOB NOT NULL,
    added_at           TEXT NOT NULL,
    UNIQUE (issuer_fingerprint, number)
) STRICT;
CREATE TRIGGER crls_no_update BEFORE UPDATE ON crls
BEGIN SELECT RAISE(ABORT, 'CRL yang tersimpan tidak diubah'); END;
CREATE TRIGGER crls_no_delete BEFORE DELETE ON crls
BEGIN SELECT RAISE(ABORT, 'CRL yang tersimpan tidak dihapus'); END;

-- The audit log's chain: hash = SHA-256(previous hash || the row's fields).
CREATE TABLE audit_chain (
    audit_id INTEGER PRIMARY KEY REFERENCES audit_log(id),
    hash     BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT;
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'rantai log audit hanya boleh ditambah'); END;
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'rantai log audit hanya boleh ditambah'); END;
CREATE TRIGGER trusted_roots_no_delete BEFORE DELETE ON trusted_roots
BEGIN SELECT RAISE(ABORT, 'sertifikat kantor yang dipercaya tidak dihapus'); END;

ALTER TABLE signatures ADD COLUMN audit_head TEXT;
ALTER TABLE pk_archive ADD COLUMN audit_head TEXT;
"#,
    // 11: signing keys beyond a PIN (#25). A key sealed under a 6-digit PIN was within reach of
    // a search of every PIN: those keys are wiped and retired here, and their roots stop
    // issuing. A key is now a PKCS#12 file under a passphrase (kept here, or on its holder's
    // flash disk); a signer's certificate is issued only when the root holder approves its
    // request (PKCS#10, signed by the key); retired certificates go on the root's CRL.
    r#"
CREATE TABLE office_roots_v10 (
    id          INTEGER PRIMARY KEY,
    cert        BLOB NOT NULL,
    fingerprint TEXT NOT NULL UNIQUE CHECK (length(fingerprint) = 95),
    p12         BLOB,
    key_file    TEXT,
    holder_id   INTEGER NOT NULL REFERENCES officials(id),
    created_at  TEXT NOT NULL,
    retired_at  TEXT,
    CHECK (retired_at IS NOT NULL OR p12 IS NOT NULL OR key_file IS NOT NULL),
    CHECK (retired_at IS NULL OR p12 IS NULL)
) STRICT;
INSERT INTO office_roots_v10 (id, cert, fingerprint, holder_id, created_at, retired_at)
SELECT id, cert, fingerprint, holder_id, created_at,
       COALESCE(retired_at, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'))
FROM office_roots;

CREATE TABLE signer_keys_v10 (
    id              INTEGER PRIMARY KEY,
    official_id     INTEGER NOT NULL REFERENCES officials(id),
    public_key      BLOB NOT NULL,
    key_fingerprint TEXT NOT NULL CHECK (length(key_fingerprint) = 95),
    p12             BLOB,
    key_file        TEXT,
    csr             BLOB,
    cert            BLOB,
    chain           BLOB,
    root_id         INTEGER REFERENCES office_roots_v10(id),
    fingerprint     TEXT CHECK (fingerprint IS NULL OR length(fingerprint) = 95),
    approved_by     INTEGER REFERENCES officials(id),
    created_at      TEXT NOT NULL,
    approved_at     TEXT,
    retired_at      TEXT,
    retire_reason   TEXT CHECK (retire_reason IN ('superseded', 'keyCompromise', 'affiliationChanged', 'cessationOfOperation')),
    CHECK (retired_at IS NOT NULL OR p12 IS NOT NULL OR key_file IS NOT NULL),
    CHECK (retired_at IS NULL OR p12 IS NULL),
    CHECK ((retired_at IS NULL) = (retire_reason IS NULL)),
    CHECK ((cert IS NULL) = (fingerprint IS NULL)),
    CHECK (root_id IS NULL OR cert IS NOT NULL)
) STRICT;
-- The keys of before: wiped, retired ('superseded'), kept for their certificates' history.
INSERT INTO signer_keys_v10 (id, official_id, public_key, key_fingerprint, cert, root_id,
    fingerprint, created_at, retired_at, retire_reason)
SELECT id, official_id, public_key, printf('%095d', 0), cert, root_id, fingerprint, created_at,
       COALESCE(retired_at, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')), 'superseded'
FROM signer_keys;
DROP TABLE signer_keys;
DROP TABLE office_roots;
ALTER TABLE office_roots_v10 RENAME TO office_roots;
ALTER TABLE signer_keys_v10 RENAME TO signer_keys;
CREATE UNIQUE INDEX office_roots_live ON office_roots((1)) WHERE retired_at IS NULL;
CREATE UNIQUE INDEX signer_keys_live ON signer_keys(official_id) WHERE retired_at IS NULL;

"#,
    // 12: the year after the PK (#26). The Rencana Aksi (one row per PK indikator and the unit
    // that answers for it; cells kept as typed, like the FORMAT RKT's), each quarter's
    // realisation of it and of the units' sub kegiatan budget, the units' quarterly
    // submissions, the evidence files (in the database: a file and its record commit together,
    // and a backup holds both), and the signed reports (append-only).
    r#"
CREATE TABLE plan_rows (
    id           INTEGER PRIMARY KEY,
    year         INTEGER NOT NULL,
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    position     REAL NOT NULL,
    sasaran      TEXT NOT NULL DEFAULT '',
    indikator    TEXT NOT NULL DEFAULT '',
    satuan       TEXT NOT NULL DEFAULT '',
    target       TEXT NOT NULL DEFAULT '',
    arah         TEXT NOT NULL DEFAULT '',
    sifat        TEXT NOT NULL DEFAULT '',
    tw1          TEXT NOT NULL DEFAULT '',
    tw2          TEXT NOT NULL DEFAULT '',
    tw3          TEXT NOT NULL DEFAULT '',
    tw4          TEXT NOT NULL DEFAULT '',
    sub_kegiatan TEXT NOT NULL DEFAULT '',
    aksi         TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX plan_rows_unit ON plan_rows(year, unit_id, position);

CREATE TABLE plan_realisations (
    plan_row_id   INTEGER NOT NULL REFERENCES plan_rows(id),
    quarter       INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    realisasi     TEXT NOT NULL DEFAULT '',
    kendala       TEXT NOT NULL DEFAULT '',
    tindak_lanjut TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (plan_row_id, quarter)
) STRICT;

-- A unit's sub kegiatan (from the signed RKT) realised in a quarter, in rupiah as typed.
CREATE TABLE budget_realisations (
    year    INTEGER NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    code    TEXT NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    amount  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (year, unit_id, code, quarter)
) STRICT;

CREATE TABLE realisation_submissions (
    year         INTEGER NOT NULL,
    quarter      INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    submitted_by TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    PRIMARY KEY (year, quarter, unit_id)
) STRICT;

CREATE TABLE evidence (
    id          INTEGER PRIMARY KEY,
    plan_row_id INTEGER NOT NULL REFERENCES plan_rows(id),
    quarter     INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind        TEXT NOT NULL CHECK (kind IN ('pdf', 'jpg', 'png', 'xlsx')),
    size        INTEGER NOT NULL CHECK (size > 0),
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    content     BLOB NOT NULL,
    added_by    TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    removed     INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1))
) STRICT;
CREATE INDEX evidence_row ON evidence(plan_row_id, quarter, removed);

-- Rencana Aksi ('rencana_aksi', quarter 0), Laporan Capaian Kinerja per quarter ('capaian')
-- and the LKjIP's tables ('lkjip', quarter 0), signed by the head.
CREATE TABLE report_archive (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('rencana_aksi', 'capaian', 'lkjip')),
    year             INTEGER NOT NULL,
    quarter          INTEGER NOT NULL CHECK (quarter BETWEEN 0 AND 4),
    official_id      INTEGER REFERENCES officials(id),
    signer           TEXT NOT NULL,
    signed_at        TEXT NOT NULL,
    cert_fingerprint TEXT NOT NULL,
    audit_head       TEXT,
    pdf              BLOB NOT NULL,
    pdf_sha256       TEXT NOT NULL UNIQUE CHECK (length(pdf_sha256) = 64),
    UNIQUE (kind, year, quarter)
) STRICT;
CREATE TRIGGER report_archive_no_update BEFORE UPDATE ON report_archive
BEGIN SELECT RAISE(ABORT, 'laporan yang ditandatangani tidak boleh diubah'); END;
CREATE TRIGGER report_archive_no_delete BEFORE DELETE ON report_archive
BEGIN SELECT RAISE(ABORT, 'laporan yang ditandatangani tidak boleh dihapus'); END;
"#,
];
/// What a migration needs beyond SQL, run right after migration `version`'s SQL in its
/// transaction. 10: the links of the audit rows of before (`audit_chain`). Only ever at that
/// migration: links are never filled again at a later open (that would launder rows slipped in
/// behind the program's back).
pub fn after(version: i64, tx: &rusqlite::Transaction) -> super::Result<()> {
    if version == 10 {
        super::audit_chain::link_rows_of_before(tx)?;
    }
    Ok(())
}

/// The schema version this build writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}
