//! Bad input, as a catalogue: each case gives a clear message in Indonesian and changes
//! nothing (the whole database is compared before and after; files too).

use std::path::Path;

use crate::common::{fixed_now, person};
use sop_rkt::domain::rkt::{Col, RowValues};
use sop_rkt::domain::sop::Sop;
use sop_rkt::domain::workflow::Intent;
use sop_rkt::export;
use sop_rkt::store::{Correction, OfficeSettings, OfficialInput, Store};
use sop_rkt::xlsx;

/// Every row of every table, as text: equal before and after means nothing changed.
fn fingerprint(store: &Store) -> String {
    let conn = store.raw_connection();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = String::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            out.push_str(&t);
            for i in 0..n {
                out.push_str(&format!("|{:?}", r.get_ref(i).unwrap()));
            }
            out.push('\n');
        }
    }
    out
}

/// The demo office: 2026 rows (the first unit submitted by its own official and compiled into
/// a draft by the TIM), 2025 signed.
fn office() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let sop = Sop::embedded();
    export::fill_demo(&mut store, &sop, 2026, 21, fixed_now()).unwrap();
    let master = store.master_data(2026).unwrap();
    let unit = store.units().unwrap()[0].id;
    let own = own_official(&mut store, 0);
    store
        .submit_unit(2026, unit, &master, &own, fixed_now())
        .unwrap();
    let tim = person(&mut store, "Siti Rahmah");
    store
        .compile_draft(&sop, 2026, &master, &tim, fixed_now())
        .unwrap();
    store
}

/// The demo official of the `n`-th unit, signed in.
fn own_official(s: &mut Store, n: usize) -> sop_rkt::store::Identity {
    let unit = s.units().unwrap()[n].id;
    crate::common::unit_official(s, unit)
}

type Case = (
    &'static str,
    &'static str,
    fn(&mut Store) -> Result<(), String>,
);

fn e<T, E: std::fmt::Display>(r: Result<T, E>) -> Result<(), String> {
    r.map(|_| ()).map_err(|e| e.to_string())
}

fn good_row() -> RowValues {
    RowValues {
        sasaran: "Meningkatnya ketenteraman".into(),
        indikator: "Persentase gangguan trantibum yang diselesaikan".into(),
        satuan: "%".into(),
        target: "87,5".into(),
        code: "1.05.02.2.01.0001".into(),
        pagu: "Rp 1.000.000".into(),
        sumber_dana: "DAU".into(),
        penanggung_jawab: "Kabid".into(),
        keterangan: String::new(),
    }
}

fn template_with(rows: &[RowValues]) -> Vec<u8> {
    xlsx::export::template(&xlsx::export::TemplateInput {
        year: 2026,
        unit_id: 2,
        unit_name: "Sub Bagian Keuangan",
        rows,
        sasaran: &[],
        indicators: &[],
        sub_kegiatan: &[],
        funding: &[],
    })
    .unwrap()
}

/// Our template packed again, each part (index, name, bytes) passed through `edit`: a damaged
/// or hostile file.
fn template_repacked(edit: impl Fn(usize, &str, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    use std::io::{Read, Write};
    let bytes = template_with(&[good_row()]);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        let content = edit(i, &name, content);
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Our template with the text of one part rewritten.
fn template_edited(part: &str, edit: fn(String) -> String) -> Vec<u8> {
    template_repacked(|_, name, content| {
        let text = String::from_utf8(content).unwrap();
        if name == part { edit(text) } else { text }.into_bytes()
    })
}

/// Our template with its part number `pick` (modulo their count) replaced by `body`, as the
/// fuzz target xlsx_parts builds it.
fn template_part_replaced(pick: usize, body: &[u8]) -> Vec<u8> {
    let parts = zip::ZipArchive::new(std::io::Cursor::new(template_with(&[good_row()])))
        .unwrap()
        .len();
    template_repacked(|i, _, content| {
        if i == pick % parts {
            body.to_vec()
        } else {
            content
        }
    })
}

const SHEET_XML: &str = "xl/worksheets/sheet3.xml";

const CASES: &[Case] = &[
    // The table and the workflow.
    ("sel unit yang sudah dikumpulkan", "terkunci", |s| {
        let unit = s.units().unwrap()[0].id;
        let row = s.rkt_rows(2026, unit).unwrap()[0].id;
        let own = own_official(s, 0);
        e(s.set_cell(row, Col::Target, "90", &own))
    }),
    // Who may: the store refuses, whoever calls it.
    ("sel unit lain", "diisi dan dikumpulkan oleh pejabat", |s| {
        let unit = s.units().unwrap()[1].id;
        let row = s.rkt_rows(2026, unit).unwrap()[0].id;
        let other = own_official(s, 2);
        e(s.set_cell(row, Col::Target, "90", &other))
    }),
    (
        "kumpulkan format unit lain",
        "diisi dan dikumpulkan oleh pejabat",
        |s| {
            let m = s.master_data(2026).unwrap();
            let unit = s.units().unwrap()[1].id;
            let other = own_official(s, 2);
            e(s.submit_unit(2026, unit, &m, &other, fixed_now()))
        },
    ),
    (
        "TIM mengisi atas nama unit tanpa alasan",
        "diisi dan dikumpulkan oleh pejabat",
        |s| {
            let unit = s.units().unwrap()[1].id;
            let row = s.rkt_rows(2026, unit).unwrap()[0].id;
            let tim = person(s, "Siti Rahmah");
            e(s.set_cell(row, Col::Target, "90", &tim))
        },
    ),
    (
        "langkah oleh lajur yang bukan lajurnya",
        "dikerjakan oleh SEKRETARIS",
        |s| {
            let kabid = own_official(s, 3);
            e(s.transition(&Sop::embedded(), 2026, &Intent::Start, &kabid, fixed_now()))
        },
    ),
    ("kompilasi oleh yang bukan TIM", "Hanya TIM", |s| {
        let m = s.master_data(2026).unwrap();
        let head = person(s, "Drs. H. Rusdi");
        e(s.compile_draft(&Sop::embedded(), 2026, &m, &head, fixed_now()))
    }),
    ("buka kembali oleh yang bukan TIM", "Hanya TIM", |s| {
        let unit = s.units().unwrap()[0].id;
        let own = own_official(s, 3);
        e(s.reopen_unit(
            &Sop::embedded(),
            2026,
            unit,
            "salah ketik",
            &own,
            fixed_now(),
        ))
    }),
    (
        "pengaturan oleh yang bukan pengelola",
        "Hanya pengelola",
        |s| {
            let kabid = own_official(s, 3);
            e(s.save_paper("F4", &kabid, fixed_now()))
        },
    ),
    (
        "atur ulang PIN oleh yang bukan pengelola",
        "bukan pengelola",
        |s| {
            let kabid = own_official(s, 3);
            let head = person(s, "Drs. H. Rusdi");
            e(s.reset_pin(&kabid, head.official_id(), "715302", fixed_now()))
        },
    ),
    ("kumpulkan dengan target bukan angka", "bermasalah", |s| {
        let unit = s.units().unwrap()[1].id;
        let first = s.rkt_rows(2026, unit).unwrap().remove(0);
        let row = first.id;
        s.raw_connection()
            .execute("UPDATE rkt_rows SET target = '8O' WHERE id = ?1", [row])
            .unwrap();
        let before = fingerprint(s);
        let m = s.master_data(2026).unwrap();
        let own = own_official(s, 1);
        let r = e(s.submit_unit(2026, unit, &m, &own, fixed_now()));
        assert_eq!(before, fingerprint(s));
        s.raw_connection()
            .execute(
                "UPDATE rkt_rows SET target = ?1 WHERE id = ?2",
                rusqlite::params![first.values.target, row],
            )
            .unwrap();
        r
    }),
    ("kumpulkan unit kosong", "masih kosong", |s| {
        let m = s.master_data(2026).unwrap();
        let unit = s.units().unwrap()[1].id;
        let own = own_official(s, 1);
        e(s.submit_unit(2031, unit, &m, &own, fixed_now()))
    }),
    ("buka kembali tanpa alasan", "wajib diisi", |s| {
        let unit = s.units().unwrap()[0].id;
        let tim = person(s, "Siti Rahmah");
        e(s.reopen_unit(&Sop::embedded(), 2026, unit, "  ", &tim, fixed_now()))
    }),
    ("kompilasi tanpa unit terkumpul", "", |s| {
        let m = s.master_data(2026).unwrap();
        let tim = person(s, "Siti Rahmah");
        e(s.compile_draft(&Sop::embedded(), 2031, &m, &tim, fixed_now()))
    }),
    (
        "koreksi draf di luar langkah koreksi",
        "hanya dikoreksi saat langkah koreksi",
        |s| {
            let m = s.master_data(2026).unwrap();
            let d = s.drafts(2026).unwrap()[0].id;
            let key = s.draft_rows(d).unwrap()[0].key.clone();
            let c = Correction {
                key,
                col: Col::Pagu,
                value: "satu juta".into(),
            };
            let kasubag = person(s, "Budi Santoso");
            e(s.correct_draft(&Sop::embedded(), 2026, &c, &m, &kasubag, fixed_now()))
        },
    ),
    (
        "koreksi draf yang sudah ditandatangani",
        "ditandatangani",
        |s| {
            let m = s.master_data(2026).unwrap();
            let d = s.drafts(2025).unwrap()[0].id;
            let key = s.draft_rows(d).unwrap()[0].key.clone();
            let c = Correction {
                key,
                col: Col::Target,
                value: "99".into(),
            };
            let kasubag = person(s, "Budi Santoso");
            e(s.correct_draft(&Sop::embedded(), 2025, &c, &m, &kasubag, fixed_now()))
        },
    ),
    (
        "kembalikan siklus yang belum dimulai",
        "belum dimulai",
        |s| {
            let head = person(s, "Drs. H. Rusdi");
            let i = Intent::Return {
                step: 10,
                reason: " ".into(),
            };
            e(s.transition(&Sop::embedded(), 2026, &i, &head, fixed_now()))
        },
    ),
    ("catatan koreksi kosong", "", |s| {
        let kasubag = person(s, "Budi Santoso");
        e(s.add_note(2026, None, Some(7), "   ", &kasubag, fixed_now()))
    }),
    // Master data and settings.
    ("kode anggaran salah bentuk", "", |s| {
        let op = person(s, "Budi Santoso");
        e(s.save_code("1.5.2", "Program", &op, fixed_now()))
    }),
    ("indikator tanpa nama", "", |s| {
        let op = person(s, "Budi Santoso");
        e(s.add_indikator("Sasaran", " ", "%", &[], &op, fixed_now()))
    }),
    ("tanggal libur mustahil", "", |s| {
        let op = person(s, "Budi Santoso");
        e(s.add_holiday("31-02-2027", "Libur", &op, fixed_now()))
    }),
    ("jam kerja bukan jam", "tidak dikenali", |s| {
        let op = person(s, "Budi Santoso");
        e(s.save_working_hours("25.00", "16.00", &op, fixed_now()))
    }),
    ("jam pulang sebelum jam masuk", "", |s| {
        let op = person(s, "Budi Santoso");
        e(s.save_working_hours("16.00", "07.30", &op, fixed_now()))
    }),
    ("NIP 17 angka", "NIP", |s| {
        let input = OfficialInput {
            name: "Nama Rekaan".into(),
            nip: "19700312199503100".into(),
            active: true,
            ..Default::default()
        };
        let op = person(s, "Budi Santoso");
        e(s.save_official(None, &input, &Sop::embedded(), Some(&op), fixed_now()))
    }),
    ("NIP berhuruf", "NIP", |s| {
        let input = OfficialInput {
            name: "Nama Rekaan".into(),
            nip: "1970031219950310O4".into(),
            active: true,
            ..Default::default()
        };
        let op = person(s, "Budi Santoso");
        e(s.save_official(None, &input, &Sop::embedded(), Some(&op), fixed_now()))
    }),
    ("nama kantor kosong", "wajib diisi", |s| {
        let o = OfficeSettings {
            name: " ".into(),
            ..Default::default()
        };
        let op = person(s, "Budi Santoso");
        e(s.save_office(&o, &op, fixed_now()))
    }),
    ("kertas tidak dikenal", "A4 atau F4", |s| {
        let op = person(s, "Budi Santoso");
        e(s.save_paper("A3", &op, fixed_now()))
    }),
    ("gambar bukan PNG", "bukan gambar PNG", |s| {
        let op = person(s, "Budi Santoso");
        e(s.set_office_image(
            sop_rkt::store::ImageRole::Logo,
            Some(b"GIF89a...."),
            &op,
            fixed_now(),
        ))
    }),
    // The PIN.
    ("PIN 5 angka", "6 angka", |s| {
        let head = person(s, "Drs. H. Rusdi");
        e(s.change_pin(&head, crate::common::TEST_PIN, "12345", fixed_now()))
    }),
    ("PIN berurutan", "berurutan", |s| {
        let head = person(s, "Drs. H. Rusdi");
        e(s.change_pin(&head, crate::common::TEST_PIN, "123456", fixed_now()))
    }),
    ("PIN angka sama", "sama semua", |s| {
        let head = person(s, "Drs. H. Rusdi");
        e(s.change_pin(&head, crate::common::TEST_PIN, "111111", fixed_now()))
    }),
    ("PIN baru sama dengan yang lama", "berbeda", |s| {
        let head = person(s, "Drs. H. Rusdi");
        e(s.change_pin(
            &head,
            crate::common::TEST_PIN,
            crate::common::TEST_PIN,
            fixed_now(),
        ))
    }),
    ("tanda tangan oleh yang bukan Kepala", "", |s| {
        let sek = person(s, "Hj. Nurul");
        e(sop_rkt::export::sign_year(
            s,
            &Sop::embedded(),
            2026,
            crate::common::TEST_PASS,
            false,
            &sek,
            fixed_now(),
        )
        .map_err(sop_rkt::store::StoreError::from))
    }),
    // Excel files.
    ("impor CSV", "bukan berkas Excel", |_| {
        e(xlsx::import::read(b"No;Sasaran\n1;x\n", &|_| true))
    }),
    ("impor xlsx rusak", "rusak", |_| {
        let mut b = template_with(&[good_row()]);
        b.truncate(b.len() / 3);
        e(xlsx::import::read(&b, &|_| true))
    }),
    ("impor buku kerja lain", "bukan templat", |_| {
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet().write_string(0, 0, "Anggaran").unwrap();
        e(xlsx::import::read(&wb.save_to_buffer().unwrap(), &|_| true))
    }),
    (
        "impor: sel di XFD1048576 (kisi raksasa)",
        "terlalu besar",
        |_| {
            let b = template_edited(SHEET_XML, |x| {
                x.replace(
                    "</sheetData>",
                    r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>"#,
                )
            });
            e(xlsx::import::read(&b, &|_| true))
        },
    ),
    (
        "impor: alamat sel kepanjangan (temuan fuzzing)",
        "rusak",
        |_| {
            let b = template_edited(SHEET_XML, |x| {
                x.replacen("ref=\"A1", "ref=\"rrrrrrrrrrrrA1", 1)
            });
            e(xlsx::import::read(&b, &|_| true))
        },
    ),
    (
        "impor: rentang lembar terbalik (temuan fuzzing)",
        "rusak",
        |_| {
            let b = template_edited(SHEET_XML, |x| x.replacen("ref=\"A1", "ref=\"LA1", 1));
            e(xlsx::import::read(&b, &|_| true))
        },
    ),
    (
        // Once caught only by catch_unwind; since the parts are checked with calamine's own
        // tokenizer, refused before calamine reads them.
        "impor: bagian yang membuat calamine panik (temuan fuzzing ke-5)",
        "alamat sel di dalamnya tidak sah",
        |_| {
            // As the fuzz target xlsx_parts builds it: the first byte picks the part it replaces.
            let data = std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/data/fuzz-xlsx-parts-temuan-5.bin"
            ))
            .unwrap();
            let b = template_part_replaced(data[0] as usize, &data[1..]);
            e(xlsx::import::read(&b, &|_| true))
        },
    ),
    ("impor: jumlah teks mustahil", "terlalu besar", |_| {
        let b = template_edited("xl/sharedStrings.xml", |x| {
            x.replacen("uniqueCount=\"", "uniqueCount=\"4000000000", 1)
        });
        e(xlsx::import::read(&b, &|_| true))
    }),
    ("impor berkas raksasa", "terlalu besar", |_| {
        e(xlsx::import::read(&vec![b'P'; 21 * 1024 * 1024], &|_| true))
    }),
    (
        "impor dengan target 8O: ditampilkan, tidak disimpan",
        "bukan angka",
        |s| {
            let mut r = good_row();
            r.target = "8O".into();
            let p =
                xlsx::import::read(&template_with(&[r]), &|_| true).map_err(|e| e.to_string())?;
            let _ = s;
            Err(p.problems.join("; "))
        },
    ),
    // sop.toml.
    ("sop.toml: simbol tak dikenal", "baris", |_| {
        let t = sop_rkt::domain::sop::EMBEDDED_SOP.replacen(
            "simbol = \"proses\"",
            "simbol = \"kotak\"",
            1,
        );
        e(Sop::parse(&t))
    }),
    ("sop.toml: syarat tak dikenal", "tidak dikenal", |_| {
        let t = sop_rkt::domain::sop::EMBEDDED_SOP.replacen(
            "syarat = \"rkt_diarsipkan\"",
            "syarat = \"arsip\"",
            1,
        );
        e(Sop::parse(&t))
    }),
    ("sop.toml: bukan TOML", "baris", |_| {
        e(Sop::parse("no = = 1"))
    }),
];

#[test]
fn every_bad_input_is_explained_in_indonesian_and_changes_nothing() {
    assert!(CASES.len() >= 25, "{} cases", CASES.len());
    let mut store = office();
    for (name, needle, case) in CASES {
        let before = fingerprint(&store);
        let message = match case(&mut store) {
            Ok(()) => panic!("{name}: accepted"),
            Err(m) => m,
        };
        assert!(!message.trim().is_empty(), "{name}: no message");
        assert!(message.contains(needle), "{name}: {message}");
        // Indonesian, not an English library error.
        for english in ["error", "Error", "failed", "invalid", "constraint"] {
            assert!(!message.contains(english), "{name}: {message}");
        }
        assert_eq!(before, fingerprint(&store), "{name}: the database changed");
    }
}

#[test]
fn files_that_are_not_ours_are_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("Laporan Keuangan.xlsx");
    std::fs::write(&doc, b"PK\x03\x04 bukan milik program").unwrap();
    // Opened as a database: refused, untouched.
    let err = Store::open(&doc).err().expect("refused").to_string();
    assert!(err.contains("bukan basis data SOP RKT"), "{err}");
    // Written to by an export: refused, untouched.
    let err = export::write_file(&doc, b"%PDF-1.4")
        .unwrap_err()
        .to_string();
    assert!(err.contains("bukan PDF buatan program ini"), "{err}");
    let err = export::write_new(&doc, b"x").unwrap_err().to_string();
    assert!(err.contains("sudah ada"), "{err}");
    assert_eq!(
        std::fs::read(&doc).unwrap(),
        b"PK\x03\x04 bukan milik program"
    );
    let missing = export::read_candidate(Path::new("/tidak/ada.pdf")).unwrap_err();
    assert!(
        missing.to_string().contains("tidak bisa dibaca"),
        "{missing}"
    );
}
