//! A filled FORMAT RKT template read back: bounded in size (and against zip bombs), recognised
//! by the marker of our templates, checked row by row. Nothing is written here: the preview
//! goes to the user, and only a confirmed, problem-free preview is stored (in one transaction).

use std::io::{Cursor, Read};

use calamine::{Data, Xlsx, open_workbook_from_rs};

use super::{MARKER, MAX_ROWS, META_SHEET, SHEET, sheet_limits};
use crate::domain::pick::Lists;
use crate::domain::rkt::{Col, RowValues, format_rupiah, parse_rupiah, validate_row};
use crate::domain::rkt_changes::RowChanges;

/// The largest file taken (a full template of 10,000 rows is a few MB).
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// What its parts may unpack to, in all, and at what ratio: beyond is a zip bomb.
pub const MAX_UNPACKED_BYTES: u64 = 200 * 1024 * 1024;
pub const MAX_RATIO: u64 = 200;
const MAX_ENTRIES: usize = 500;

#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub year: i32,
    pub unit_id: i64,
    pub unit_name: String,
    pub rows: Vec<RowValues>,
    /// The rows' pagu in all (rows whose pagu does not read as rupiah count 0; they are
    /// among the problems).
    pub pagu: i64,
    /// "Baris 12 (No 11), kolom Target: ..." (the sheet's row, and the preview's No) — the
    /// import waits until there are none.
    pub problems: Vec<String>,
    /// What was read in a way worth saying (a merged cell's value carried to the rows below).
    pub notes: Vec<String>,
    /// The rows against the unit's rows now (empty until the session compares them).
    pub changes: RowChanges,
}

/// Reads a filled template, every cell as typed (tidied): no pick-list is matched, a code's
/// name is not taken off. `Err` when the file cannot be a template of ours at all.
pub fn read(bytes: &[u8], known_code: &dyn Fn(&str) -> bool) -> Result<Preview, String> {
    checked(bytes)?;
    contained(|| parse(bytes, known_code, None))
}

/// Reads a filled template, its pick-list cells matched to the lists of the template's year
/// (`lists`): kept as the lists write them, or named among the problems.
pub fn read_for(
    bytes: &[u8],
    known_code: &dyn Fn(&str) -> bool,
    lists: &dyn Fn(i32) -> Result<Lists, String>,
) -> Result<Preview, String> {
    checked(bytes)?;
    contained(|| parse(bytes, known_code, Some(lists)))
}

/// What every workbook taken in passes first: its size, that it is an .xlsx at all, and the
/// zip checks (bombs, dishonest sizes, what the reader would allocate).
pub(super) fn checked(bytes: &[u8]) -> Result<(), String> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "Berkas terlalu besar ({} MB); paling besar {} MB.",
            bytes.len() / 1024 / 1024,
            MAX_FILE_BYTES / 1024 / 1024
        ));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err("Berkas ini bukan berkas Excel .xlsx (mungkin .xls lama, CSV, atau berkas lain). Simpan sebagai \"Excel Workbook (.xlsx)\".".into());
    }
    check_zip(bytes)
}

/// sheet_limits keeps calamine within bounds; should it still panic on something no one
/// foresaw (its arithmetic is unchecked), the file is refused and the program goes on.
pub(super) fn contained<T>(read: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .unwrap_or_else(|_| Err(unreadable("isinya tidak terduga")))
}

/// The value under `key` in a template's hidden sheet of keys and values.
pub(super) fn meta_value(meta: &[Vec<Data>], key: &str) -> String {
    meta.iter()
        .find(|r| r.first().map(cell_text).as_deref() == Some(key))
        .and_then(|r| r.get(1).map(cell_text))
        .unwrap_or_default()
}

/// A workbook opened, and its hidden sheet of keys and values.
pub(super) type Opened<'a> = (Xlsx<Cursor<&'a [u8]>>, Vec<Vec<Data>>);

/// Opens a workbook that passed `checked` and reads its hidden sheet; refuses a file that is
/// not a template of kind `wanted` (with `marker`), naming another template of ours (a Rencana
/// Aksi dropped where a FORMAT RKT goes) for what it is. `not_ours`: what is said of a file
/// without our hidden sheet, and of one with another's marker; a sentence of its own when
/// `None`.
pub(super) fn open_ours<'a>(
    bytes: &'a [u8],
    marker: &str,
    wanted: &str,
    not_ours: Option<[&str; 2]>,
) -> Result<Opened<'a>, String> {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let said = |i: usize| {
        not_ours.map_or_else(
            || format!(
                "Berkas ini bukan {wanted} dari program ini. Ekspor templatnya dari program, isi, lalu impor berkas itu."
            ),
            |m| m[i].to_string(),
        )
    };
    let meta = grid(&mut wb, META_SHEET, 2).map_err(|e| e.unwrap_or_else(|| said(0)))?;
    let found = meta_value(&meta, "penanda");
    if found != marker {
        return Err(match super::kind_of_marker(&found) {
            Some(kind) => format!("Berkas ini {kind}, bukan {wanted}."),
            None => said(1),
        });
    }
    Ok((wb, meta))
}

/// The workbook read by calamine, after the checks of `read`.
fn parse(
    bytes: &[u8],
    known_code: &dyn Fn(&str) -> bool,
    lists: Option<&dyn Fn(i32) -> Result<Lists, String>>,
) -> Result<Preview, String> {
    let (mut wb, meta) = open_ours(
        bytes,
        MARKER,
        "templat FORMAT RKT",
        Some([
            "Berkas ini bukan templat FORMAT RKT dari program ini. Ekspor templat dari halaman Format RKT, isi, lalu impor berkas itu.",
            "Berkas ini bukan templat FORMAT RKT dari program ini (penandanya tidak cocok).",
        ]),
    )?;
    let value = |key: &str| meta_value(&meta, key);
    let year: i32 = value("tahun")
        .parse()
        .map_err(|_| "Templat tanpa tahun yang sah.".to_string())?;
    let unit_id: i64 = value("unit_id")
        .parse()
        .map_err(|_| "Templat tanpa unit yang sah.".to_string())?;
    let lists = lists.map(|l| l(year)).transpose()?;
    let mut sheet = grid(&mut wb, SHEET, Col::ALL.len())
        .map_err(|e| e.unwrap_or_else(|| format!("Lembar \"{SHEET}\" tidak ada di berkas ini.")))?;
    // A sasaran merged over several rows (a common layout) holds its value in the top cell
    // only: it belongs to every row of the merge.
    let merged = wb.merge_cells_by_sheet_name(SHEET).unwrap_or_default();
    let titles: Vec<&str> = Col::ALL.iter().map(|c| c.title()).collect();
    let notes = carry_merged_down(&mut sheet, &merged, &titles);
    let mut rows_iter = sheet.iter();
    let header: Vec<String> = rows_iter
        .next()
        .map(|r| r.iter().map(cell_text).collect())
        .unwrap_or_default();
    for (i, c) in Col::ALL.iter().enumerate() {
        if header.get(i).map(|h| h.trim()) != Some(c.title()) {
            return Err(format!(
                "Kolom {} templat berubah (diharapkan \"{}\", tertulis \"{}\"). Jangan menambah, menghapus, atau memindah kolom.",
                i + 1,
                c.title(),
                header.get(i).map(String::as_str).unwrap_or("")
            ));
        }
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (i, r) in rows_iter.enumerate() {
        // The sheet's row, and the No the preview gives it (blank rows are left out).
        let at = format!("Baris {} (No {})", i + 2, rows.len() + 1);
        let mut v = RowValues::default();
        for (j, c) in Col::ALL.iter().enumerate() {
            let cell = r.get(j).unwrap_or(&Data::Empty);
            if let Data::Error(e) = cell {
                problems.push(format!(
                    "{at}, kolom {}: sel berisi galat Excel ({e:?}).",
                    c.title()
                ));
            }
            // Excel and Calc turn "1/2" typed into a number column into a date; its serial
            // number (46024) would pass for a target or a pagu.
            if matches!(c, Col::Target | Col::Pagu)
                && let Some(date) = as_date(cell)
            {
                problems.push(format!(
                    "{at}, kolom {}: terbaca sebagai tanggal ({date}), bukan angka. Ubah format sel menjadi Angka atau Teks, lalu ketik ulang angkanya.",
                    c.title()
                ));
            }
            v.set(
                *c,
                crate::domain::rkt::normalized(*c, &cell_value(*c, cell)),
            );
        }
        if v.is_blank() {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(too_many_rows());
        }
        for (c, p) in lists.as_ref().map(|l| l.settle(&mut v)).unwrap_or_default() {
            problems.push(format!("{at}, kolom {}: {p}", c.title()));
        }
        for (c, p) in validate_row(&v, known_code) {
            problems.push(format!("{at}, kolom {}: {p}", c.title()));
        }
        rows.push(v);
    }
    if rows.is_empty() {
        problems.push("Templat ini belum berisi baris apa pun.".into());
    }
    let pagu = rows
        .iter()
        .filter_map(|r| parse_rupiah(&r.pagu).ok())
        .fold(0i64, i64::saturating_add);
    Ok(Preview {
        year,
        unit_id,
        unit_name: value("unit"),
        rows,
        pagu,
        problems,
        notes,
        changes: RowChanges::default(),
    })
}

/// A date-typed cell as the date it shows ("2 Januari 2026").
pub(super) fn as_date(d: &Data) -> Option<String> {
    match d {
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|t| crate::domain::indo::date(t.date()))
            .or_else(|| Some(dt.as_f64().to_string())),
        Data::DateTimeIso(s) => Some(s.clone()),
        _ => None,
    }
}

/// Copies each merged region's top value into the rows below it that hold anything else (a
/// merge reaching past the filled rows adds no row). Says which rows took it.
pub(super) fn carry_merged_down(
    sheet: &mut [Vec<Data>],
    merged: &[calamine::Dimensions],
    titles: &[&str],
) -> Vec<String> {
    let mut notes = Vec::new();
    let cols = titles.len();
    for m in merged {
        let ((r0, c0), (r1, c1)) = (
            (m.start.0 as usize, m.start.1 as usize),
            (m.end.0 as usize, m.end.1 as usize),
        );
        // The header row, and regions outside our columns, are not ours to fill.
        if r0 == 0 || c0 >= cols || r1 <= r0 {
            continue;
        }
        let Some(top) = sheet.get(r0).and_then(|r| r.get(c0)).cloned() else {
            continue;
        };
        if top == Data::Empty {
            continue;
        }
        let below = r1 - r0;
        let mut filled = Vec::new();
        for (r, row) in sheet.iter_mut().enumerate().skip(r0 + 1).take(below) {
            if row.iter().all(|d| *d == Data::Empty) {
                continue;
            }
            for c in c0..=c1.min(cols - 1) {
                if row.len() <= c {
                    row.resize(c + 1, Data::Empty);
                }
                if row[c] == Data::Empty {
                    row[c] = top.clone();
                }
            }
            filled.push(r + 1);
        }
        if let (Some(first), Some(end)) = (filled.first(), filled.last()) {
            let range = if first == end {
                first.to_string()
            } else {
                format!("{first}–{end}")
            };
            notes.push(format!(
                "Kolom {} baris {range}: sel gabungan dengan baris {}; isinya dipakai untuk setiap baris itu.",
                titles[c0],
                r0 + 1
            ));
        }
    }
    notes
}

/// A sheet's valued cells, streamed into rows from A1 of at most `cols` columns: nothing is
/// allocated for what a file claims (calamine's own grid spans the cells' bounding box, which a
/// damaged file can make gigabytes). `Err(None)`: the sheet cannot be read; `Err(Some)`: why.
pub(super) fn grid<RS: std::io::Read + std::io::Seek>(
    wb: &mut Xlsx<RS>,
    name: &str,
    cols: usize,
) -> Result<Vec<Vec<Data>>, Option<String>> {
    let mut cells = wb.worksheet_cells_reader(name).map_err(|_| None)?;
    let mut rows: Vec<Vec<Data>> = Vec::new();
    while let Some(cell) = cells.next_cell().map_err(|e| Some(unreadable(e)))? {
        let (r, c) = cell.get_position();
        let (r, c) = (r as usize, c as usize);
        let value = Data::from(cell.get_value().clone());
        if value == Data::Empty || c >= cols {
            continue;
        }
        // Far below: refused before a row vector is grown that far (rows are counted in parse).
        if r > MAX_ROWS + 1 {
            return Err(Some(too_many_rows()));
        }
        if rows.len() <= r {
            rows.resize(r + 1, Vec::new());
        }
        let row = &mut rows[r];
        if row.len() <= c {
            row.resize(c + 1, Data::Empty);
        }
        row[c] = value;
    }
    Ok(rows)
}

/// A workbook calamine could not read, with its reason.
pub(super) fn unreadable(e: impl std::fmt::Display) -> String {
    format!("Berkas Excel rusak dan tidak bisa dibaca ({e}).")
}

pub(super) fn too_many_rows() -> String {
    format!("Berkas berisi lebih dari {MAX_ROWS} baris; bagi menjadi beberapa berkas.")
}

/// Refuses archives that unpack to far more than they weigh, or hold too many parts.
fn check_zip(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| "Berkas Excel rusak (isi arsipnya tidak terbaca).".to_string())?;
    if zip.len() > MAX_ENTRIES {
        return Err("Berkas Excel ini tidak wajar (terlalu banyak bagian).".into());
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip
            .by_index(i)
            .map_err(|_| "Berkas Excel rusak (sebuah bagian tidak terbaca).".to_string())?;
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        total = total.saturating_add(size);
        if total > MAX_UNPACKED_BYTES || size / packed > MAX_RATIO {
            return Err(
                "Berkas ini ditolak: isinya mengembang jauh melebihi ukurannya (bom zip).".into(),
            );
        }
        // The declared sizes can lie: a part is read to one byte past what it declares (the
        // total of declarations is bounded above). Every part is then scanned for what the
        // reader would allocate (sheet_limits): a sheet may be stored under any name.
        let mut content = Vec::new();
        entry
            .take(size.saturating_add(1))
            .read_to_end(&mut content)
            .map_err(|_| "Berkas Excel rusak (sebuah bagian tidak bisa dibuka).".to_string())?;
        if content.len() as u64 > size {
            return Err("Berkas ini ditolak: ukuran bagiannya tidak jujur (bom zip).".into());
        }
        sheet_limits::check_part(&content)?;
    }
    Ok(())
}

pub(super) fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// A cell as the table keeps it: numbers written the Indonesian way (87,5; Rp 1.250.000).
fn cell_value(col: Col, d: &Data) -> String {
    let number = match d {
        Data::Int(i) => Some(*i as f64),
        Data::Float(f) => Some(*f),
        _ => None,
    };
    match (col, number) {
        (Col::Pagu, Some(n)) if n >= 0.0 && n.fract() == 0.0 && n < 9.0e15 => {
            format_rupiah(n as i64)
        }
        (Col::Target, Some(n)) => crate::domain::indo::decimal(n),
        (_, Some(n)) if n.fract() == 0.0 && n.abs() < 9.0e15 => format!("{}", n as i64),
        _ => cell_text(d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xlsx::export::{TemplateInput, template};

    fn known(c: &str) -> bool {
        c == "1.05.02.2.01.0001"
    }

    fn row(target: &str, pagu: &str) -> RowValues {
        RowValues {
            sasaran: "Meningkatnya ketenteraman".into(),
            indikator: "Persentase gangguan trantibum yang diselesaikan".into(),
            satuan: "%".into(),
            target: target.into(),
            code: "1.05.02.2.01.0001".into(),
            pagu: pagu.into(),
            sumber_dana: "DAU".into(),
            penanggung_jawab: "=HYPERLINK(\"http://x\")".into(),
            keterangan: "+62 812 — “kutipan”, ümlaut".into(),
        }
    }

    fn book(rows: &[RowValues]) -> Vec<u8> {
        template(&TemplateInput {
            year: 2027,
            unit_id: 4,
            unit_name: "Bidang Trantibum",
            rows,
            sasaran: &[],
            indicators: &["Persentase gangguan trantibum yang diselesaikan".into()],
            sub_kegiatan: &[("1.05.02.2.01.0001".into(), "Penanganan Gangguan".into())],
            funding: &["DAU".into(), "PAD".into()],
        })
        .unwrap()
    }

    #[test]
    fn a_template_round_trips_exactly_and_formulas_stay_text() {
        let rows = vec![row("87,5", "Rp 1.250.000"), row("100", "Rp 0")];
        let p = read(&book(&rows), &known).unwrap();
        assert_eq!(
            (p.year, p.unit_id, p.unit_name.as_str()),
            (2027, 4, "Bidang Trantibum")
        );
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.rows, rows);
    }

    /// Calc in an English locale keeps "175.000.000" as text: it comes in as the table writes a
    /// pagu, not as a second way of writing it.
    #[test]
    fn a_pagu_typed_as_text_is_kept_as_the_table_writes_it() {
        let p = read(
            &book(&[row("80", "175.000.000"), row("80", "Rp25.000")]),
            &known,
        )
        .unwrap();
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let pagu: Vec<&str> = p.rows.iter().map(|r| r.pagu.as_str()).collect();
        assert_eq!(pagu, ["Rp 175.000.000", "Rp 25.000"]);
    }

    #[test]
    fn problems_name_the_row_and_column() {
        let p = read(
            &book(&[row("87,5", "Rp 1.000"), row("8O", "satu juta")]),
            &known,
        )
        .unwrap();
        assert!(
            p.problems
                .iter()
                .any(|m| m.starts_with("Baris 3 (No 2), kolom Target:")
                    && m.contains("\"8O\" bukan angka")),
            "{:?}",
            p.problems
        );
        assert!(
            p.problems
                .iter()
                .any(|m| m.starts_with("Baris 3 (No 2), kolom Pagu (Rp):")),
            "{:?}",
            p.problems
        );
        assert!(!p.problems.iter().any(|m| m.starts_with("Baris 2")));
    }

    #[test]
    fn pick_list_values_come_in_as_the_lists_write_them_or_are_named() {
        let lists = |year: i32| {
            assert_eq!(year, 2027, "the lists of the template's year");
            Ok(Lists {
                renstra: vec![(
                    "Meningkatnya ketenteraman".into(),
                    vec![(
                        "Persentase gangguan trantibum yang diselesaikan".into(),
                        "%".into(),
                    )],
                )],
                renstra_name: "Renstra 2027–2031".into(),
                funding: vec!["DAU".into(), "PAD".into()],
            })
        };
        let mut typed = row("80", "Rp 1.000");
        typed.sasaran = " meningkatnya  KETENTERAMAN".into();
        typed.indikator = "persentase gangguan trantibum yang  diselesaikan".into();
        typed.sumber_dana = "dau".into();
        typed.code = "1.05.02.2.01.0001 — Penanganan Gangguan".into();
        let mut wrong = row("80", "Rp 1.000");
        wrong.sumber_dana = "APBN".into();
        // A blank row between them: the sheet's row and the preview's No differ.
        let p = read_for(&book(&[typed, RowValues::default(), wrong]), &known, &lists).unwrap();
        assert_eq!(p.rows[0], row("80", "Rp 1.000"));
        assert_eq!(
            p.problems,
            [
                "Baris 4 (No 2), kolom Sumber Dana: sumber dana \"APBN\" tidak ada di daftar (DAU, PAD)"
            ]
        );
        // Read without lists: every cell as typed.
        let mut typed = row("80", "Rp 1");
        typed.sumber_dana = "dau".into();
        let p = read(&book(std::slice::from_ref(&typed)), &|_| true).unwrap();
        assert_eq!(p.rows, [typed]);
    }

    #[test]
    fn files_that_are_not_our_templates_are_refused() {
        let not_xlsx = read(b"No,Sasaran\n1,x\n", &known).unwrap_err();
        assert!(not_xlsx.contains("bukan berkas Excel .xlsx"), "{not_xlsx}");
        let mut damaged = book(&[row("1", "1")]);
        damaged.truncate(damaged.len() / 2);
        assert!(read(&damaged, &known).unwrap_err().contains("rusak"));
        // Another workbook: no marker sheet.
        let mut other = rust_xlsxwriter::Workbook::new();
        other.add_worksheet().write_string(0, 0, "Sasaran").unwrap();
        let other = other.save_to_buffer().unwrap();
        assert!(
            read(&other, &known)
                .unwrap_err()
                .contains("bukan templat FORMAT RKT")
        );
        let huge = vec![0u8; MAX_FILE_BYTES as usize + 1];
        assert!(read(&huge, &known).unwrap_err().contains("terlalu besar"));
    }

    #[test]
    fn a_panic_inside_the_reader_refuses_the_file_and_the_program_goes_on() {
        // What calamine's unchecked arithmetic does in a debug build.
        let refused: Result<Preview, String> = contained(|| panic!("attempt to add with overflow"));
        assert_eq!(
            refused.unwrap_err(),
            "Berkas Excel rusak dan tidak bisa dibaca (isinya tidak terduga)."
        );
    }

    #[test]
    fn a_zip_bomb_is_refused_before_it_is_unpacked() {
        use std::io::Write;
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            z.start_file("xl/workbook.xml", opts).unwrap();
            let zeros = vec![0u8; 1024 * 1024];
            for _ in 0..64 {
                z.write_all(&zeros).unwrap();
            }
            z.finish().unwrap();
        }
        let bytes = buf.into_inner();
        assert!(bytes.len() < 1024 * 1024);
        assert!(read(&bytes, &known).unwrap_err().contains("bom zip"));
    }
}
