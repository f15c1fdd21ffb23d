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
];

/// The schema version this build writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}
