//! The master data in Excel: the Renstra of a period (sasaran, indikator, satuan, a target per
//! year) and the list of program / kegiatan / sub kegiatan codes. Templates out (filled with
//! what the office has, so it is revised rather than retyped) and filled workbooks read back
//! with the same checks as the FORMAT RKT import. Nothing is stored here.

use calamine::{Data, Xlsx, open_workbook_from_rs};
use rust_xlsxwriter::Workbook;

use super::export::{err, excel_text, fitted_height_of, formats, header_row, meta_sheet};
use super::import::{
    as_date, carry_merged_down, cell_text, checked, contained, grid, meta_value, too_many_rows,
    unreadable,
};
use super::{MAX_ROWS, META_SHEET};
use crate::domain::pick::key;
use crate::domain::rkt::{code_level, parse_target, tidy};

/// Marks our master-data templates (in the hidden sheet), apart from the FORMAT RKT's.
pub const MARKER: &str = super::MASTER_MARKER;
pub const RENSTRA_SHEET: &str = "Renstra";
pub const CODES_SHEET: &str = "Kode";
const RENSTRA_HEAD: [&str; 3] = ["Sasaran Strategis", "Indikator Kinerja", "Satuan"];
const CODES_HEAD: [&str; 2] = ["Kode", "Nomenklatur"];
/// The most codes a list may hold (Kepmendagri's whole nomenclature is some 20,000).
pub const MAX_CODES: usize = 30_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenstraRow {
    pub sasaran: String,
    pub indikator: String,
    pub satuan: String,
    /// The years with a target, in order.
    pub targets: Vec<(i32, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MasterBook {
    Renstra {
        first_year: i32,
        last_year: i32,
        rows: Vec<RenstraRow>,
    },
    /// (code, name), in the file's order.
    Codes(Vec<(String, String)>),
}

impl MasterBook {
    pub fn label(&self) -> String {
        match self {
            MasterBook::Renstra {
                first_year,
                last_year,
                rows,
            } => format!("Renstra {first_year}–{last_year}: {} indikator", rows.len()),
            MasterBook::Codes(c) => format!("Daftar kode: {} kode", c.len()),
        }
    }
}

/// A master-data workbook read: what it holds, "Baris N, kolom X: …" problems, notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MasterRead {
    pub book: MasterBook,
    pub problems: Vec<String>,
    pub notes: Vec<String>,
}

/// The Renstra sheet's column titles: sasaran, indikator, satuan, then a target per year.
fn renstra_titles(first_year: i32, last_year: i32) -> Vec<String> {
    RENSTRA_HEAD
        .iter()
        .map(|s| s.to_string())
        .chain((first_year..=last_year).map(|y| format!("Target {y}")))
        .collect()
}

/// The Renstra of a period as a template: the rows the office has (none for a new period).
pub fn renstra_template(
    first_year: i32,
    last_year: i32,
    rows: &[RenstraRow],
) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    meta_sheet(
        &mut wb,
        &[
            ("penanda", MARKER.into()),
            ("jenis", "renstra".into()),
            ("periode_awal", first_year.to_string()),
            ("periode_akhir", last_year.to_string()),
        ],
    )?;
    let f = formats(true);
    let ws = wb.add_worksheet();
    ws.set_name(RENSTRA_SHEET).map_err(err)?;
    ws.set_active(true);
    let years: Vec<i32> = (first_year..=last_year).collect();
    let titles = renstra_titles(first_year, last_year);
    let columns: Vec<(&str, f64)> = titles
        .iter()
        .zip(
            [45.0, 45.0, 12.0]
                .into_iter()
                .chain(std::iter::repeat(11.0)),
        )
        .map(|(t, w)| (t.as_str(), w))
        .collect();
    header_row(ws, &columns, &f)?;
    // A target typed in a new row shows as those above it do.
    for col in 3..columns.len() as u16 {
        ws.set_column_format(col, &f.target).map_err(err)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        // Tall enough for every line of a long sasaran or indikator (wrapped in its cell).
        let texts = [&row.sasaran, &row.indikator, &row.satuan];
        let cells = texts
            .iter()
            .zip(&columns)
            .map(|(t, (_, w))| (t.as_str(), *w));
        if let Some(h) = fitted_height_of(cells) {
            ws.set_row_height(r, h).map_err(err)?;
        }
        for (c, v) in [&row.sasaran, &row.indikator, &row.satuan]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(r, c as u16, excel_text(v), &f.text)
                .map_err(err)?;
        }
        for (i, y) in years.iter().enumerate() {
            let col = 3 + i as u16;
            match row.targets.iter().find(|(ty, _)| ty == y) {
                Some((_, t)) => match parse_target(t) {
                    Ok(n) => ws.write_number_with_format(r, col, n, &f.target),
                    Err(_) => ws.write_string_with_format(r, col, excel_text(t), &f.text),
                }
                .map_err(err)?,
                None => ws.write_blank(r, col, &f.text).map_err(err)?,
            };
        }
    }
    ws.protect();
    wb.save_to_buffer().map_err(err)
}

/// The code list as a template: the codes the office has, program, kegiatan and sub kegiatan.
pub fn codes_template(codes: &[(String, String)]) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    meta_sheet(
        &mut wb,
        &[("penanda", MARKER.into()), ("jenis", "kode".into())],
    )?;
    let f = formats(true);
    let ws = wb.add_worksheet();
    ws.set_name(CODES_SHEET).map_err(err)?;
    ws.set_active(true);
    header_row(ws, &[(CODES_HEAD[0], 22.0), (CODES_HEAD[1], 80.0)], &f)?;
    for (r, (code, name)) in codes.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string_with_format(r, 0, excel_text(code), &f.text)
            .map_err(err)?;
        ws.write_string_with_format(r, 1, excel_text(name), &f.text)
            .map_err(err)?;
    }
    ws.protect();
    wb.save_to_buffer().map_err(err)
}

/// Reads a filled master-data template. `Err` when the file cannot be one of ours at all.
pub fn read(bytes: &[u8]) -> Result<MasterRead, String> {
    checked(bytes)?;
    contained(|| parse(bytes))
}

const NOT_OURS: &str = "Berkas ini bukan templat data induk (Renstra atau daftar kode) dari program ini. Ekspor templatnya dari Pengaturan → Data Induk, isi, lalu impor berkas itu.";

fn parse(bytes: &[u8]) -> Result<MasterRead, String> {
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).map_err(unreadable)?;
    let meta = grid(&mut wb, META_SHEET, 2).map_err(|e| e.unwrap_or_else(|| NOT_OURS.into()))?;
    let value = |k: &str| meta_value(&meta, k);
    if value("penanda") != MARKER {
        return Err(if value("penanda") == super::MARKER {
            "Berkas ini templat FORMAT RKT, bukan templat data induk; impor di halaman Format RKT."
                .into()
        } else {
            NOT_OURS.into()
        });
    }
    match value("jenis").as_str() {
        "renstra" => {
            let year = |k: &str| value(k).parse::<i32>().ok();
            match (year("periode_awal"), year("periode_akhir")) {
                (Some(first), Some(last)) if crate::domain::check_period(first, last).is_ok() => {
                    parse_renstra(&mut wb, first, last)
                }
                _ => Err("Templat Renstra tanpa periode yang sah.".into()),
            }
        }
        "kode" => parse_codes(&mut wb),
        _ => Err(NOT_OURS.into()),
    }
}

type Sheet = Vec<Vec<Data>>;

/// The sheet's rows after its header, checked against `titles`, merged cells carried down.
fn body<RS: std::io::Read + std::io::Seek>(
    wb: &mut Xlsx<RS>,
    name: &str,
    titles: &[String],
) -> Result<(Sheet, Vec<String>), String> {
    let mut sheet = grid(wb, name, titles.len())
        .map_err(|e| e.unwrap_or_else(|| format!("Lembar \"{name}\" tidak ada di berkas ini.")))?;
    let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
    let merged = wb.merge_cells_by_sheet_name(name).unwrap_or_default();
    let notes = carry_merged_down(&mut sheet, &merged, &refs);
    let head: Vec<String> = sheet
        .first()
        .map(|r| r.iter().map(cell_text).collect())
        .unwrap_or_default();
    for (i, t) in titles.iter().enumerate() {
        let found = head.get(i).map(|h| h.trim()).unwrap_or("");
        if found != t {
            return Err(format!(
                "Kolom {} templat berubah (diharapkan \"{t}\", tertulis \"{found}\"). Jangan menambah, menghapus, atau memindah kolom.",
                i + 1
            ));
        }
    }
    if sheet.is_empty() {
        return Ok((sheet, notes));
    }
    sheet.remove(0);
    Ok((sheet, notes))
}

/// A cell as text, a number written the Indonesian way; an Excel error or a date is a problem.
fn text_of(cell: &Data, at: &str, problems: &mut Vec<String>) -> String {
    if let Data::Error(e) = cell {
        problems.push(format!("{at}: sel berisi galat Excel ({e:?})."));
        return String::new();
    }
    if let Some(date) = as_date(cell) {
        problems.push(format!(
            "{at}: terbaca sebagai tanggal ({date}), bukan angka atau teks. Ubah format sel menjadi Teks, lalu ketik ulang."
        ));
        return String::new();
    }
    tidy(&match cell {
        Data::Float(f) => crate::domain::indo::decimal(*f),
        other => cell_text(other),
    })
}

fn parse_renstra<RS: std::io::Read + std::io::Seek>(
    wb: &mut Xlsx<RS>,
    first: i32,
    last: i32,
) -> Result<MasterRead, String> {
    let years: Vec<i32> = (first..=last).collect();
    let titles = renstra_titles(first, last);
    let (sheet, notes) = body(wb, RENSTRA_SHEET, &titles)?;
    let mut rows: Vec<RenstraRow> = Vec::new();
    let mut problems = Vec::new();
    // (sasaran, indikator) → the line it first stood on.
    let mut seen: std::collections::HashMap<(String, String), usize> =
        std::collections::HashMap::new();
    for (i, r) in sheet.iter().enumerate() {
        let line = i + 2;
        let cell = |c: usize| r.get(c).unwrap_or(&Data::Empty);
        let at = |c: usize| format!("Baris {line}, kolom {}", titles[c]);
        let mut texts: Vec<String> = (0..titles.len())
            .map(|c| text_of(cell(c), &at(c), &mut problems))
            .collect();
        if texts.iter().all(|t| t.is_empty()) {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(too_many_rows());
        }
        for (c, t) in texts.iter().enumerate().take(3) {
            if t.is_empty() {
                problems.push(format!("{}: wajib diisi.", at(c)));
            }
        }
        let mut targets = Vec::new();
        for (k, y) in years.iter().enumerate() {
            let t = std::mem::take(&mut texts[3 + k]);
            if t.is_empty() {
                continue;
            }
            match parse_target(&t) {
                Ok(_) => targets.push((*y, t)),
                Err(e) => problems.push(format!("{}: {e}.", at(3 + k))),
            }
        }
        if targets.is_empty() && !texts[1].is_empty() {
            problems.push(format!(
                "Baris {line}: isi target untuk minimal satu tahun periode ini."
            ));
        }
        let (sasaran, indikator, satuan) = (
            std::mem::take(&mut texts[0]),
            std::mem::take(&mut texts[1]),
            std::mem::take(&mut texts[2]),
        );
        if !indikator.is_empty() {
            // The same whatever its case and spacing: a pick-list holds it once.
            match seen.entry((key(&sasaran), key(&indikator))) {
                std::collections::hash_map::Entry::Occupied(before) => problems.push(format!(
                    "{}: indikator yang sama dengan baris {} di sasaran yang sama.",
                    at(1),
                    before.get()
                )),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(line);
                }
            }
        }
        rows.push(RenstraRow {
            sasaran,
            indikator,
            satuan,
            targets,
        });
    }
    if rows.is_empty() {
        problems.push("Templat ini belum berisi baris apa pun.".into());
    }
    Ok(MasterRead {
        book: MasterBook::Renstra {
            first_year: first,
            last_year: last,
            rows,
        },
        problems,
        notes,
    })
}

fn parse_codes<RS: std::io::Read + std::io::Seek>(wb: &mut Xlsx<RS>) -> Result<MasterRead, String> {
    let titles: Vec<String> = CODES_HEAD.iter().map(|s| s.to_string()).collect();
    let (sheet, notes) = body(wb, CODES_SHEET, &titles)?;
    let mut codes: Vec<(String, String)> = Vec::new();
    let mut lines: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut problems = Vec::new();
    for (i, r) in sheet.iter().enumerate() {
        let line = i + 2;
        let cell = |c: usize| r.get(c).unwrap_or(&Data::Empty);
        let at = |c: usize| format!("Baris {line}, kolom {}", titles[c]);
        let code_cell = cell(0);
        let code = text_of(code_cell, &at(0), &mut problems);
        let name = text_of(cell(1), &at(1), &mut problems);
        if code.is_empty() && name.is_empty() {
            continue;
        }
        if codes.len() >= MAX_CODES {
            return Err(format!(
                "Berkas berisi lebih dari {MAX_CODES} kode; periksa isinya."
            ));
        }
        // "1.05" typed into a number cell becomes the number 1,05: not a code any more.
        if matches!(code_cell, Data::Float(_) | Data::Int(_)) {
            problems.push(format!(
                "{}: terbaca sebagai angka ({code}); ubah format sel menjadi Teks lalu ketik ulang kodenya.",
                at(0)
            ));
        } else if code.is_empty() {
            problems.push(format!("{}: wajib diisi.", at(0)));
        } else if let Err(e) = code_level(&code) {
            problems.push(format!("{}: {e}.", at(0)));
        }
        if name.is_empty() {
            problems.push(format!("{}: wajib diisi.", at(1)));
        }
        if let Some(before) = lines.get(&code) {
            problems.push(format!(
                "{}: kode {code} sudah ada di baris {before}.",
                at(0)
            ));
        } else {
            lines.insert(code.clone(), line);
        }
        codes.push((code, name));
    }
    if codes.is_empty() {
        problems.push("Templat ini belum berisi kode apa pun.".into());
    }
    Ok(MasterRead {
        book: MasterBook::Codes(codes),
        problems,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn renstra_rows() -> Vec<RenstraRow> {
        vec![
            RenstraRow {
                sasaran: "Meningkatnya ketenteraman".into(),
                indikator: "Persentase gangguan yang diselesaikan".into(),
                satuan: "%".into(),
                targets: vec![(2027, "87,5".into()), (2028, "90".into())],
            },
            RenstraRow {
                sasaran: "Meningkatnya ketenteraman".into(),
                indikator: "=Jumlah patroli".into(),
                satuan: "kali".into(),
                targets: vec![(2031, "150".into())],
            },
        ]
    }

    #[test]
    fn a_renstra_template_round_trips() {
        let rows = renstra_rows();
        let book = renstra_template(2027, 2031, &rows).unwrap();
        let read = read(&book).unwrap();
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        assert_eq!(
            read.book,
            MasterBook::Renstra {
                first_year: 2027,
                last_year: 2031,
                rows
            }
        );
    }

    #[test]
    fn a_long_indikator_gets_a_row_tall_enough_and_case_makes_no_other_indikator() {
        let mut rows = renstra_rows();
        // 45 units wide: 49 characters a line, so 150 characters take four lines.
        rows[0].indikator = "Persentase ".repeat(14);
        let book = renstra_template(2027, 2031, &rows).unwrap();
        let sheet = crate::xlsx::part(&book, "xl/worksheets/sheet2.xml");
        assert!(
            sheet.contains(r#"<row r="2" spans="1:8" ht="60" customHeight="1""#),
            "{sheet}"
        );
        assert!(!sheet.contains(r#"<row r="3" ht="#), "one line: as it is");
        let mut rows = renstra_rows();
        rows.push(RenstraRow {
            sasaran: "meningkatnya  KETENTERAMAN".into(),
            indikator: "persentase gangguan yang diselesaikan".into(),
            ..rows[0].clone()
        });
        let read = read(&renstra_template(2027, 2031, &rows).unwrap()).unwrap();
        assert_eq!(
            read.problems,
            [
                "Baris 4, kolom Indikator Kinerja: indikator yang sama dengan baris 2 di sasaran yang sama."
            ]
        );
    }

    #[test]
    fn a_code_list_round_trips() {
        let codes = vec![
            ("1.05.02".to_string(), "Program Ketenteraman".to_string()),
            ("1.05.02.2.01".into(), "Penanganan Gangguan".into()),
            ("1.05.02.2.01.0001".into(), "Patroli".into()),
        ];
        let read = read(&codes_template(&codes).unwrap()).unwrap();
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        assert_eq!(read.book, MasterBook::Codes(codes));
    }

    #[test]
    fn problems_name_the_row_and_column() {
        let mut rows = renstra_rows();
        rows[1].targets = vec![(2029, "banyak".into())];
        rows.push(rows[0].clone());
        let read = read(&renstra_template(2027, 2031, &rows).unwrap()).unwrap();
        assert!(
            read.problems
                .iter()
                .any(|p| p.starts_with("Baris 3, kolom Target 2029:")),
            "{:?}",
            read.problems
        );
        assert!(
            read.problems.iter().any(|p| p
                == "Baris 4, kolom Indikator Kinerja: indikator yang sama dengan baris 2 di sasaran yang sama."),
            "{:?}",
            read.problems
        );
        let codes = vec![
            ("1.05.02".to_string(), "A".to_string()),
            ("1.05.02".into(), "B".into()),
            ("1.5".into(), "C".into()),
            ("1.05.02.2.01".into(), String::new()),
        ];
        let read = super::read(&codes_template(&codes).unwrap()).unwrap();
        let p = &read.problems;
        assert!(
            p.iter()
                .any(|m| m == "Baris 3, kolom Kode: kode 1.05.02 sudah ada di baris 2."),
            "{p:?}"
        );
        assert!(
            p.iter().any(|m| m.starts_with("Baris 4, kolom Kode:")),
            "{p:?}"
        );
        assert!(
            p.iter()
                .any(|m| m == "Baris 5, kolom Nomenklatur: wajib diisi."),
            "{p:?}"
        );
    }

    #[test]
    fn a_moved_column_an_empty_sheet_and_an_oversized_file_are_refused() {
        // A column inserted before the targets: the header no longer matches.
        let mut wb = Workbook::new();
        meta_sheet(
            &mut wb,
            &[
                ("penanda", MARKER.into()),
                ("jenis", "renstra".into()),
                ("periode_awal", "2027".into()),
                ("periode_akhir", "2028".into()),
            ],
        )
        .unwrap();
        let ws = wb.add_worksheet();
        ws.set_name(RENSTRA_SHEET).unwrap();
        for (i, t) in [
            "Sasaran Strategis",
            "Indikator Kinerja",
            "Catatan",
            "Satuan",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(0, i as u16, *t).unwrap();
        }
        let moved = read(&wb.save_to_buffer().unwrap()).unwrap_err();
        assert!(
            moved.starts_with(
                "Kolom 3 templat berubah (diharapkan \"Satuan\", tertulis \"Catatan\")"
            ),
            "{moved}"
        );
        let empty = read(&codes_template(&[]).unwrap()).unwrap();
        assert_eq!(empty.problems, ["Templat ini belum berisi kode apa pun."]);
        let huge = vec![b'P'; crate::xlsx::import::MAX_FILE_BYTES as usize + 1];
        assert!(read(&huge).unwrap_err().contains("terlalu besar"));
        // A period longer than a Renstra's ten years in the hidden sheet.
        let long = renstra_template(2027, 2040, &[]).unwrap();
        assert_eq!(
            read(&long).unwrap_err(),
            "Templat Renstra tanpa periode yang sah."
        );
    }

    #[test]
    fn other_workbooks_are_refused_in_words() {
        let rkt = crate::xlsx::export::template(&crate::xlsx::export::TemplateInput {
            year: 2027,
            unit_id: 1,
            unit_name: "U",
            rows: &[],
            sasaran: &[],
            indicators: &[],
            sub_kegiatan: &[],
            funding: &[],
        })
        .unwrap();
        assert!(
            read(&rkt)
                .unwrap_err()
                .contains("templat FORMAT RKT, bukan")
        );
        let mut other = Workbook::new();
        other.add_worksheet().write_string(0, 0, "Kode").unwrap();
        let other = other.save_to_buffer().unwrap();
        assert_eq!(read(&other).unwrap_err(), NOT_OURS);
        assert!(
            read(b"Kode;Nama")
                .unwrap_err()
                .contains("bukan berkas Excel")
        );
    }
}
