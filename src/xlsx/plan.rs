//! A unit's Rencana Aksi in Excel: a template with one row per the unit's plan rows (the
//! Perjanjian Kinerja's columns grey and locked, Arah, Sifat and Sub Kegiatan with drop-downs)
//! and its reading back, checked as the FORMAT RKT import checks: the same size and zip-bomb
//! checks, pick-list words whatever their case, codes bare or as "code — name", numbers typed
//! as numbers or text, dates where a number belongs refused, each problem named by the sheet's
//! row and column. Nothing is stored here. Shared with `realisation.rs`: the title and
//! instruction rows above the header, the grey and white cells, which template a file is.

use std::io::Cursor;

use calamine::{Data, Xlsx};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, FormatAlign, FormatBorder, Formula, Workbook,
    Worksheet,
};

use super::export::{err, excel_text, fitted_height_of, meta_sheet};
use super::import::{
    as_date, carry_merged_down, cell_text, checked, contained, grid, meta_value, open_ours,
    too_many_rows,
};
use super::{LIST_SHEET, MAX_ROWS};
use crate::domain::action_plan::{
    ARAH_WORDS, PlanCol, PlanValues, SIFAT_WORDS, accumulation_word, direction_word,
    parse_accumulation, parse_direction, validate_plan,
};
use crate::domain::pick::{code_choice, code_of, pick};
use crate::domain::rkt::{parse_rupiah, parse_target, tidy};

/// Marks our Rencana Aksi templates (in the hidden sheet).
pub const MARKER: &str = super::PLAN_MARKER;
pub const SHEET: &str = "RENCANA AKSI";
/// The 0-based row of the column titles: a title and instructions stand above them.
pub const HEAD_ROW: u32 = 4;

/// What a Rencana Aksi template is made from.
pub struct PlanTemplate<'a> {
    pub year: i32,
    pub unit_id: i64,
    pub unit_name: &'a str,
    /// The unit's plan rows, as stored.
    pub rows: &'a [PlanValues],
    /// The unit's sub kegiatan of the signed RKT, (code, name): the drop-down offers
    /// "code — name".
    pub sub_kegiatan: &'a [(String, String)],
}

/// What a file is checked against: the year and unit chosen, the unit's indikator in its
/// Rencana Aksi (as stored) and its sub kegiatan codes of the signed RKT.
pub struct PlanExpect<'a> {
    pub year: i32,
    pub unit_id: i64,
    pub unit_name: &'a str,
    pub indikator: &'a [String],
    pub sub_kegiatan: &'a [String],
}

/// A filled template read: its rows (pick-list words as the lists write them, codes bare, one
/// per line, the indikator as stored) and "Baris 8, kolom Target TW II: …" problems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRead {
    pub rows: Vec<PlanValues>,
    pub problems: Vec<String>,
    /// What was read in a way worth saying (a merged cell's value carried to the rows below).
    pub notes: Vec<String>,
}

/// The grey cells that are shown and the white ones that are typed.
pub(super) struct Look {
    pub title: Format,
    pub note: Format,
    pub header: Format,
    pub given: Format,
    pub given_number: Format,
    pub given_rupiah: Format,
    pub typed: Format,
    pub typed_number: Format,
    pub typed_rupiah: Format,
}

pub(super) fn look() -> Look {
    let cell = |f: Format| {
        f.set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::Top)
    };
    let given = |f: Format| cell(f).set_locked().set_background_color("#E7E6E6");
    let typed = |f: Format| cell(f).set_unlocked();
    // General, not "0.##": shown with the PC's own decimal separator, and "80" not "80.".
    let number = || Format::new().set_num_format("General");
    let rupiah = || Format::new().set_num_format("#,##0");
    Look {
        title: Format::new().set_bold().set_font_size(13),
        note: Format::new().set_italic(),
        header: Format::new()
            .set_bold()
            .set_locked()
            .set_background_color("#BDD7EE")
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_text_wrap(),
        given: given(Format::new()),
        given_number: given(number()),
        given_rupiah: given(rupiah()),
        typed: typed(Format::new()),
        typed_number: typed(number()),
        typed_rupiah: typed(rupiah()),
    }
}

/// The title, the instruction lines under it, the column titles at `HEAD_ROW` (frozen), and
/// the page set up for printing.
pub(super) fn top(
    ws: &mut Worksheet,
    title: &str,
    notes: &[&str],
    columns: &[(&str, f64)],
    l: &Look,
) -> Result<(), String> {
    ws.write_string_with_format(0, 0, title, &l.title)
        .map_err(err)?;
    for (i, n) in notes.iter().enumerate().take(HEAD_ROW as usize - 1) {
        ws.write_string_with_format(i as u32 + 1, 0, *n, &l.note)
            .map_err(err)?;
    }
    for (i, (t, w)) in columns.iter().enumerate() {
        ws.set_column_width(i as u16, *w).map_err(err)?;
        ws.write_string_with_format(HEAD_ROW, i as u16, *t, &l.header)
            .map_err(err)?;
    }
    ws.set_row_height(HEAD_ROW, 30).map_err(err)?;
    ws.set_freeze_panes(HEAD_ROW + 1, 0).map_err(err)?;
    // Printed (for a signature on paper) as wide as the page, titles on every page.
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(HEAD_ROW, HEAD_ROW).map_err(err)?;
    Ok(())
}

/// A number where the text reads as one (so the cell shows it the PC's way), else the text;
/// a blank cell keeps the number format, for what is typed into it later.
pub(super) fn write_number_or_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: &str,
    number: &Format,
    text: &Format,
) -> Result<(), String> {
    match parse_target(v) {
        _ if v.trim().is_empty() => ws.write_blank(row, col, number),
        Ok(n) => ws.write_number_with_format(row, col, n, number),
        _ => ws.write_string_with_format(row, col, excel_text(v), text),
    }
    .map(|_| ())
    .map_err(err)
}

/// An amount as a number where a spreadsheet holds it exactly, else as typed (blank: the
/// rupiah format kept).
pub(super) fn write_rupiah(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: &str,
    number: &Format,
    text: &Format,
) -> Result<(), String> {
    const EXACT: i64 = 1_000_000_000_000_000;
    match parse_rupiah(v).ok().filter(|n| n.abs() < EXACT) {
        _ if v.trim().is_empty() => ws.write_blank(row, col, number),
        Some(n) => ws.write_number_with_format(row, col, n as f64, number),
        _ => ws.write_string_with_format(row, col, excel_text(v), text),
    }
    .map(|_| ())
    .map_err(err)
}

/// A drop-down over rows `first..=last` of column `col`: the list in `LIST_SHEET`'s column
/// `list_col` (`n` entries from its second row). A value not in the list is warned about, not
/// refused: the reader matches it whatever its case, or names it.
#[allow(clippy::too_many_arguments)]
pub(super) fn drop_down(
    ws: &mut Worksheet,
    first: u32,
    last: u32,
    col: u16,
    list_col: &str,
    n: usize,
    style: DataValidationErrorStyle,
    message: &str,
) -> Result<(), String> {
    if n == 0 || last < first {
        return Ok(());
    }
    let dv = DataValidation::new()
        .allow_list_formula(Formula::new(format!(
            "={LIST_SHEET}!${list_col}$2:${list_col}${}",
            n + 1
        )))
        .set_error_style(style)
        .set_error_title("Pilih dari daftar")
        .map_err(err)?
        .set_error_message(message)
        .map_err(err)?;
    ws.add_data_validation(first, col, last, col, &dv)
        .map_err(err)?;
    Ok(())
}

/// The lists sheet: each list in a column (title in the first row), protected.
pub(super) fn lists_sheet(wb: &mut Workbook, lists: &[(&str, Vec<String>)]) -> Result<(), String> {
    let ws = wb.add_worksheet();
    ws.set_name(LIST_SHEET).map_err(err)?;
    let bold = Format::new().set_bold();
    for (c, (title, values)) in lists.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, *title, &bold)
            .map_err(err)?;
        for (i, v) in values.iter().enumerate() {
            ws.write_string(i as u32 + 1, c, excel_text(v))
                .map_err(err)?;
        }
        ws.set_column_width(c, 60).map_err(err)?;
    }
    ws.protect();
    Ok(())
}

fn width(c: PlanCol) -> f64 {
    match c {
        PlanCol::Sasaran | PlanCol::Indikator => 36.0,
        PlanCol::Satuan | PlanCol::Arah => 10.0,
        PlanCol::Target | PlanCol::Tw1 | PlanCol::Tw2 | PlanCol::Tw3 | PlanCol::Tw4 => 11.0,
        PlanCol::Sifat => 14.0,
        PlanCol::SubKegiatan => 42.0,
        PlanCol::Aksi => 40.0,
    }
}

/// The codes of a stored Sub Kegiatan cell as the drop-down offers them, one per line.
fn codes_shown(cell: &str, names: &[(String, String)]) -> String {
    crate::domain::action_plan::split_codes(cell)
        .iter()
        .map(|c| match names.iter().find(|(code, _)| code == c) {
            Some((code, name)) => code_choice(code, name),
            None => c.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A unit's Rencana Aksi as a template to fill in Excel or LibreOffice.
pub fn template(input: &PlanTemplate) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let l = look();
    let choices: Vec<String> = input
        .sub_kegiatan
        .iter()
        .map(|(c, n)| code_choice(c, n))
        .collect();
    let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    // A: Arah, B: Sifat, C: the sub kegiatan as "code — name".
    lists_sheet(
        &mut wb,
        &[
            ("Arah", words(&ARAH_WORDS)),
            ("Sifat Triwulan", words(&SIFAT_WORDS)),
            ("Sub Kegiatan (RKT yang ditandatangani)", choices.clone()),
        ],
    )?;
    meta_sheet(
        &mut wb,
        &[
            ("penanda", MARKER.to_string()),
            ("tahun", input.year.to_string()),
            ("unit_id", input.unit_id.to_string()),
            ("unit", input.unit_name.to_string()),
        ],
    )?;
    let ws = wb.add_worksheet();
    ws.set_name(SHEET).map_err(err)?;
    ws.set_active(true);
    let columns: Vec<(&str, f64)> = PlanCol::ALL
        .iter()
        .map(|c| (c.title(), width(*c)))
        .collect();
    top(
        ws,
        &format!(
            "RENCANA AKSI TAHUN {} — {}",
            input.year,
            input.unit_name.to_uppercase()
        ),
        &[
            "Isi hanya sel putih. Sel abu-abu (Sasaran, Indikator, Satuan, Target Tahun) diambil dari Perjanjian Kinerja yang ditandatangani dan tidak diubah di sini.",
            "Arah: Naik (makin tinggi makin baik) atau Turun. Sifat Triwulan: Kumulatif atau Per Triwulan. Target TW I–IV: angka (87,5) atau rentang (75 – 85).",
            "Sub Kegiatan: pilih dari daftar; lebih dari satu, satu per baris (Alt+Enter). Jangan menambah, menghapus, atau memindah baris dan kolom; lalu impor berkas ini di program.",
        ],
        &columns,
        &l,
    )?;
    for (r, v) in input.rows.iter().enumerate() {
        let row = HEAD_ROW + 1 + r as u32;
        for (i, c) in PlanCol::ALL.iter().enumerate() {
            let col = i as u16;
            let value = v.get(*c);
            match c {
                PlanCol::Target => {
                    write_number_or_text(ws, row, col, value, &l.given_number, &l.given)?
                }
                _ if c.from_pk() => {
                    ws.write_string_with_format(row, col, excel_text(value), &l.given)
                        .map_err(err)?;
                }
                PlanCol::Tw1 | PlanCol::Tw2 | PlanCol::Tw3 | PlanCol::Tw4 => {
                    write_number_or_text(ws, row, col, value, &l.typed_number, &l.typed)?
                }
                PlanCol::SubKegiatan => {
                    let shown = codes_shown(value, input.sub_kegiatan);
                    ws.write_string_with_format(row, col, excel_text(&shown), &l.typed)
                        .map_err(err)?;
                }
                _ => {
                    ws.write_string_with_format(row, col, excel_text(value), &l.typed)
                        .map_err(err)?;
                }
            }
        }
        let shown = codes_shown(&v.sub_kegiatan, input.sub_kegiatan);
        let cells = PlanCol::ALL.iter().map(|c| match c {
            PlanCol::SubKegiatan => (shown.as_str(), width(*c)),
            _ => (v.get(*c), width(*c)),
        });
        if let Some(h) = fitted_height_of(cells) {
            ws.set_row_height(row, h).map_err(err)?;
        }
    }
    let (first, last) = (HEAD_ROW + 1, HEAD_ROW + input.rows.len() as u32);
    let col_of = |c: PlanCol| PlanCol::ALL.iter().position(|x| *x == c).unwrap_or(0) as u16;
    drop_down(
        ws,
        first,
        last,
        col_of(PlanCol::Arah),
        "A",
        ARAH_WORDS.len(),
        DataValidationErrorStyle::Warning,
        "Arah: Naik atau Turun.",
    )?;
    drop_down(
        ws,
        first,
        last,
        col_of(PlanCol::Sifat),
        "B",
        SIFAT_WORDS.len(),
        DataValidationErrorStyle::Warning,
        "Sifat triwulan: Kumulatif atau Per Triwulan.",
    )?;
    // Information only: a cell may hold several codes, one per line, which no list holds.
    drop_down(
        ws,
        first,
        last,
        col_of(PlanCol::SubKegiatan),
        "C",
        choices.len(),
        DataValidationErrorStyle::Information,
        "Kode ini tidak ada di daftar sub kegiatan unit. Beberapa kode boleh, satu per baris.",
    )?;
    ws.protect();
    wb.save_to_buffer().map_err(err)
}

/// The rows below the header of sheet `name`, each with its row number in the sheet; the
/// header checked against `titles`; wholly empty rows left out; a cell merged over rows below
/// the header carried down to each (said in the notes).
pub(super) fn body(
    wb: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    titles: &[&str],
    notes: &mut Vec<String>,
) -> Result<Vec<(usize, Vec<Data>)>, String> {
    let mut sheet = grid(wb, name, titles.len())
        .map_err(|e| e.unwrap_or_else(|| format!("Lembar \"{name}\" tidak ada di berkas ini.")))?;
    // Merges in the title and instruction rows are not the table's.
    let merged: Vec<_> = wb
        .merge_cells_by_sheet_name(name)
        .unwrap_or_default()
        .into_iter()
        .filter(|m| m.start.0 > HEAD_ROW)
        .collect();
    notes.extend(carry_merged_down(&mut sheet, &merged, titles));
    let head: Vec<String> = sheet
        .get(HEAD_ROW as usize)
        .map(|r| r.iter().map(cell_text).collect())
        .unwrap_or_default();
    for (i, t) in titles.iter().enumerate() {
        let found = head.get(i).map(|h| h.trim()).unwrap_or("");
        if found != *t {
            return Err(format!(
                "Kolom {} lembar \"{name}\" berubah (diharapkan \"{t}\", tertulis \"{found}\"). Jangan menambah, menghapus, atau memindah kolom.",
                i + 1
            ));
        }
    }
    let mut rows = Vec::new();
    for (i, r) in sheet.into_iter().enumerate().skip(HEAD_ROW as usize + 1) {
        if r.iter().all(|d| *d == Data::Empty) {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(too_many_rows());
        }
        rows.push((i + 1, r));
    }
    Ok(rows)
}

/// A cell as text, a number written the Indonesian way (87,5).
pub(super) fn text_of(d: &Data) -> String {
    match d {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => format!("{}", *f as i64),
        Data::Float(f) => crate::domain::indo::decimal(*f),
        other => tidy(&cell_text(other)),
    }
}

/// What keeps a cell from being read at all: an Excel error, or (where a number belongs) a
/// date — "1/2" typed becomes a date whose serial number would pass for a number.
pub(super) fn unreadable_cell(d: &Data, number: bool) -> Option<String> {
    if let Data::Error(e) = d {
        return Some(format!("sel berisi galat Excel ({e:?})."));
    }
    if number && let Some(date) = as_date(d) {
        return Some(format!(
            "terbaca sebagai tanggal ({date}), bukan angka. Ubah format sel menjadi Angka atau Teks, lalu ketik ulang angkanya."
        ));
    }
    None
}

/// The codes of a typed Sub Kegiatan cell: one per line (or ";"), each bare or "code — name";
/// bare codes may also stand on one line between commas (a name may hold a comma).
pub fn typed_codes(cell: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in cell.split(['\n', ';']) {
        let head = part.split(['—', '–']).next().unwrap_or("");
        let codes: Vec<String> = if head.contains(',') {
            head.split(',').map(code_of).collect()
        } else {
            vec![code_of(part)]
        };
        for c in codes {
            if !c.is_empty() && !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

/// The file's year and unit against those chosen, in words.
pub(super) fn same_target(
    meta: &[Vec<Data>],
    what: &str,
    year: i32,
    unit_id: i64,
    unit_name: &str,
) -> Result<(), String> {
    let file_year = meta_value(meta, "tahun");
    let file_unit = meta_value(meta, "unit_id");
    if file_year == year.to_string() && file_unit == unit_id.to_string() {
        return Ok(());
    }
    Err(format!(
        "Berkas ini {what} {} tahun {file_year}, bukan {unit_name} tahun {year} yang dipilih. Pilih unit dan tahun berkas itu, atau ekspor templat {unit_name} tahun {year}.",
        meta_value(meta, "unit"),
    ))
}

/// Reads a filled Rencana Aksi template against what was chosen. `Err` when the file cannot
/// be read as that template at all (another kind, another unit or year, damaged, too large);
/// otherwise its rows and every problem.
pub fn read(bytes: &[u8], expect: &PlanExpect) -> Result<PlanRead, String> {
    checked(bytes)?;
    contained(|| parse(bytes, expect))
}

fn parse(bytes: &[u8], expect: &PlanExpect) -> Result<PlanRead, String> {
    let (mut wb, meta) = open_ours(bytes, MARKER, "templat Rencana Aksi", None)?;
    same_target(
        &meta,
        "Rencana Aksi",
        expect.year,
        expect.unit_id,
        expect.unit_name,
    )?;
    let titles: Vec<&str> = PlanCol::ALL.iter().map(|c| c.title()).collect();
    let mut rows: Vec<PlanValues> = Vec::new();
    let mut lines: Vec<usize> = Vec::new();
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    for (line, r) in body(&mut wb, SHEET, &titles, &mut notes)? {
        let at = |c: PlanCol| format!("Baris {line}, kolom {}", c.title());
        let mut v = PlanValues::default();
        // Columns already named among the problems: the checks below would only repeat them.
        let mut named: Vec<PlanCol> = Vec::new();
        for (j, c) in PlanCol::ALL.iter().enumerate() {
            let cell = r.get(j).unwrap_or(&Data::Empty);
            let number = c.quarter().is_some() || *c == PlanCol::Target;
            if let Some(p) = unreadable_cell(cell, number) {
                problems.push(format!("{}: {p}", at(*c)));
                named.push(*c);
                continue;
            }
            let text = match c {
                // As the PK wrote them: the indikator is matched below.
                PlanCol::Sasaran | PlanCol::Indikator | PlanCol::Satuan => {
                    cell_text(cell).trim().to_string()
                }
                _ => text_of(cell),
            };
            v.set(*c, text);
        }
        settle_word(&mut v, PlanCol::Arah, &mut problems, &mut named, &at);
        settle_word(&mut v, PlanCol::Sifat, &mut problems, &mut named, &at);
        v.sub_kegiatan = typed_codes(&v.sub_kegiatan).join("\n");
        match pick(expect.indikator, &v.indikator) {
            Some(stored) => {
                if let Some(k) = rows.iter().position(|x| x.indikator == stored) {
                    problems.push(format!(
                        "{}: indikator yang sama sudah ada di baris {}.",
                        at(PlanCol::Indikator),
                        lines[k]
                    ));
                }
                v.indikator = stored.to_string();
            }
            None => problems.push(format!(
                "{}: indikator \"{}\" tidak ada dalam Rencana Aksi {} tahun {}.",
                at(PlanCol::Indikator),
                v.indikator,
                expect.unit_name,
                expect.year
            )),
        }
        let known = |c: &str| expect.sub_kegiatan.iter().any(|s| s == c);
        for (c, p) in validate_plan(&v, &known) {
            // The PK's own columns are not the clerk's to mend here (the signing check names
            // them); a cell named already is not named twice.
            if named.contains(&c) || c.from_pk() {
                continue;
            }
            // validate_plan names the quarter itself ("TW II: …"); the column says it here.
            let p = match c.quarter() {
                Some(q) => p
                    .strip_prefix(&format!("{}: ", q.short()))
                    .map(str::to_string)
                    .unwrap_or(p),
                None => p,
            };
            problems.push(format!("{}: {p}", at(c)));
        }
        rows.push(v);
        lines.push(line);
    }
    if rows.is_empty() {
        problems.push("Templat ini belum berisi baris apa pun.".into());
    }
    Ok(PlanRead {
        rows,
        problems,
        notes,
    })
}

/// Arah or Sifat as its list writes it, whatever the case typed ("turun" is Turun); a word
/// the list does not hold is named.
fn settle_word(
    v: &mut PlanValues,
    col: PlanCol,
    problems: &mut Vec<String>,
    named: &mut Vec<PlanCol>,
    at: &dyn Fn(PlanCol) -> String,
) {
    let typed = v.get(col).to_string();
    if typed.is_empty() || named.contains(&col) {
        return;
    }
    let (words, settled) = match col {
        PlanCol::Arah => (
            &ARAH_WORDS,
            pick(&ARAH_WORDS, &typed)
                .or_else(|| parse_direction(&typed).map(direction_word))
                .map(str::to_string),
        ),
        _ => (
            &SIFAT_WORDS,
            pick(&SIFAT_WORDS, &typed)
                .or_else(|| parse_accumulation(&typed).map(accumulation_word))
                .map(str::to_string),
        ),
    };
    match settled {
        Some(w) => v.set(col, w),
        None => {
            problems.push(format!(
                "{}: \"{typed}\" tidak ada di daftar ({}).",
                at(col),
                words.join(", ")
            ));
            named.push(col);
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use rust_xlsxwriter::ExcelDateTime;

    /// A cell as a user leaves it.
    pub(in crate::xlsx) enum C {
        T(&'static str),
        N(f64),
        /// A date (typed "1/2", made a date by the spreadsheet): 2 January 2026.
        D,
    }

    /// A sheet of a test workbook: its name, column titles and rows.
    pub(in crate::xlsx) type Sheet<'a> = (&'a str, Vec<String>, Vec<Vec<C>>);

    /// A workbook like a filled template, built cell by cell: the hidden sheet's pairs, then
    /// each sheet with its column titles at `HEAD_ROW` and rows under them.
    pub(in crate::xlsx) fn book(meta: &[(&str, String)], sheets: &[Sheet<'_>]) -> Vec<u8> {
        let mut wb = Workbook::new();
        meta_sheet(&mut wb, meta).unwrap();
        for (name, titles, rows) in sheets {
            let ws = wb.add_worksheet();
            ws.set_name(*name).unwrap();
            ws.write_string(0, 0, "judul").unwrap();
            for (i, t) in titles.iter().enumerate() {
                ws.write_string(HEAD_ROW, i as u16, t).unwrap();
            }
            let date = Format::new().set_num_format("mm/dd/yy");
            for (r, row) in rows.iter().enumerate() {
                let r = HEAD_ROW + 1 + r as u32;
                for (c, v) in row.iter().enumerate() {
                    let c = c as u16;
                    match v {
                        C::T("") => {}
                        C::T(t) => {
                            ws.write_string(r, c, *t).unwrap();
                        }
                        C::N(n) => {
                            ws.write_number(r, c, *n).unwrap();
                        }
                        C::D => {
                            let d = ExcelDateTime::from_ymd(2026, 1, 2).unwrap();
                            ws.write_datetime_with_format(r, c, &d, &date).unwrap();
                        }
                    }
                }
            }
        }
        wb.save_to_buffer().unwrap()
    }

    const SUB1: &str = "1.05.02.2.01.0001";
    const SUB2: &str = "1.05.02.2.01.0002";

    fn pk_row(indikator: &str) -> PlanValues {
        PlanValues {
            sasaran: "Meningkatnya ketertiban umum".into(),
            indikator: indikator.into(),
            satuan: "%".into(),
            target: "80".into(),
            sub_kegiatan: SUB1.into(),
            ..Default::default()
        }
    }

    fn filled(indikator: &str) -> PlanValues {
        PlanValues {
            arah: "Naik".into(),
            sifat: "Kumulatif".into(),
            tw: ["20".into(), "40".into(), "60,5".into(), "75 – 85".into()],
            sub_kegiatan: format!("{SUB1}\n{SUB2}"),
            aksi: "Patroli rutin\nPembinaan PKL".into(),
            ..pk_row(indikator)
        }
    }

    const IND: [&str; 2] = ["Persentase penegakan perda", "Jumlah pelanggaran  perda"];

    fn names() -> Vec<(String, String)> {
        vec![
            (SUB1.into(), "Penegakan Peraturan Daerah".into()),
            (SUB2.into(), "Pembinaan, Pengawasan dan Penyuluhan".into()),
        ]
    }

    fn made(rows: &[PlanValues]) -> Vec<u8> {
        template(&PlanTemplate {
            year: 2025,
            unit_id: 3,
            unit_name: "Bidang Penegakan Perda",
            rows,
            sub_kegiatan: &names(),
        })
        .unwrap()
    }

    fn read_as(bytes: &[u8], year: i32, unit_id: i64) -> Result<PlanRead, String> {
        let indikator: Vec<String> = IND.iter().map(|s| s.to_string()).collect();
        read(
            bytes,
            &PlanExpect {
                year,
                unit_id,
                unit_name: "Bidang Penegakan Perda",
                indikator: &indikator,
                sub_kegiatan: &[SUB1.to_string(), SUB2.to_string()],
            },
        )
    }

    fn meta() -> Vec<(&'static str, String)> {
        vec![
            ("penanda", MARKER.into()),
            ("tahun", "2025".into()),
            ("unit_id", "3".into()),
            ("unit", "Bidang Penegakan Perda".into()),
        ]
    }

    fn titles() -> Vec<String> {
        PlanCol::ALL.iter().map(|c| c.title().to_string()).collect()
    }

    /// A row as typed: the PK's cells as the template wrote them, then the typed ones.
    fn typed(indikator: &'static str, rest: [C; 8]) -> Vec<C> {
        let mut row = vec![
            C::T("Meningkatnya ketertiban umum"),
            C::T(indikator),
            C::T("%"),
            C::N(80.0),
        ];
        row.extend(rest);
        row
    }

    #[test]
    fn a_template_round_trips_with_codes_shown_by_name() {
        let rows = [filled(IND[0]), filled(IND[1])];
        let bytes = made(&rows);
        let strings = crate::xlsx::part(&bytes, "xl/sharedStrings.xml");
        assert!(strings.contains("1.05.02.2.01.0001 — Penegakan Peraturan Daerah\n1.05.02.2.01.0002 — Pembinaan, Pengawasan dan Penyuluhan"), "{strings}");
        assert!(strings.contains("RENCANA AKSI TAHUN 2025 — BIDANG PENEGAKAN PERDA"));
        let p = read_as(&bytes, 2025, 3).unwrap();
        assert_eq!(p.problems, Vec::<String>::new());
        assert_eq!(p.rows, rows);
        // The drop-downs: Arah, Sifat and the codes, over the unit's rows only.
        let sheet = crate::xlsx::part(&bytes, "xl/worksheets/sheet3.xml");
        for (range, list) in [
            ("E6:E7", "Daftar!$A$2:$A$3"),
            ("F6:F7", "Daftar!$B$2:$B$3"),
            ("K6:K7", "Daftar!$C$2:$C$3"),
        ] {
            let at = sheet.find(&format!("sqref=\"{range}\"")).expect(range);
            assert!(
                sheet[at..].starts_with(&format!("sqref=\"{range}\"><formula1>{list}</formula1>")),
                "{range}"
            );
        }
    }

    #[test]
    fn words_in_any_case_codes_bare_or_named_and_numbers_either_way_are_read() {
        let bytes = book(
            &meta(),
            &[(
                SHEET,
                titles(),
                vec![
                    typed(
                        IND[0],
                        [
                            C::T(" naik"),
                            C::T("PER TRIWULAN"),
                            C::N(20.5),
                            C::T("40"),
                            C::T("60,5"),
                            C::T("75 - 85"),
                            C::T("1.05.02.2.01.0001 — Penegakan\n1.05.02.2.01.0002"),
                            C::T("  Patroli\u{a0} rutin "),
                        ],
                    ),
                    // Pasted with its spaces doubled: the indikator is still the unit's.
                    typed(
                        "jumlah pelanggaran perda",
                        [
                            C::T("turun"),
                            C::T("kumulatif"),
                            C::N(5.0),
                            C::N(10.0),
                            C::N(15.0),
                            C::N(20.0),
                            C::T("1.05.02.2.01.0001, 1.05.02.2.01.0002"),
                            C::T("Razia"),
                        ],
                    ),
                ],
            )],
        );
        let p = read_as(&bytes, 2025, 3).unwrap();
        assert_eq!(p.problems, Vec::<String>::new());
        let a = &p.rows[0];
        assert_eq!(
            (a.arah.as_str(), a.sifat.as_str()),
            ("Naik", "Per Triwulan")
        );
        assert_eq!(a.tw, ["20,5", "40", "60,5", "75 - 85"]);
        assert_eq!(a.sub_kegiatan, format!("{SUB1}\n{SUB2}"));
        assert_eq!(a.aksi, "Patroli rutin");
        let b = &p.rows[1];
        assert_eq!(b.indikator, IND[1], "as stored, spaces and all");
        assert_eq!((b.arah.as_str(), b.sifat.as_str()), ("Turun", "Kumulatif"));
        assert_eq!(b.tw, ["5", "10", "15", "20"]);
        assert_eq!(b.codes(), [SUB1, SUB2]);
    }

    #[test]
    fn every_bad_cell_is_named_by_its_row_and_column() {
        let bytes = book(
            &meta(),
            &[(
                SHEET,
                titles(),
                vec![
                    typed(
                        IND[0],
                        [
                            C::T("ke atas"),
                            C::T("Kumulatif"),
                            C::N(20.0),
                            C::D,
                            C::T("empat puluh"),
                            C::N(80.0),
                            C::T("1.05.02.2.01.0009 — Lain"),
                            C::T(""),
                        ],
                    ),
                    typed(
                        "Indikator bidang lain",
                        [
                            C::T("Naik"),
                            C::T("Kumulatif"),
                            C::N(1.0),
                            C::N(2.0),
                            C::N(3.0),
                            C::N(4.0),
                            C::T("1.05.02"),
                            C::T("x"),
                        ],
                    ),
                    typed(
                        IND[0],
                        [
                            C::T("Naik"),
                            C::T("Kumulatif"),
                            C::N(1.0),
                            C::N(2.0),
                            C::N(3.0),
                            C::N(4.0),
                            C::T(""),
                            C::T("x"),
                        ],
                    ),
                ],
            )],
        );
        let p = read_as(&bytes, 2025, 3).unwrap();
        assert_eq!(
            p.problems,
            [
                "Baris 6, kolom Target TW II: terbaca sebagai tanggal (2 Januari 2026), bukan angka. Ubah format sel menjadi Angka atau Teks, lalu ketik ulang angkanya.",
                "Baris 6, kolom Arah: \"ke atas\" tidak ada di daftar (Naik, Turun).",
                "Baris 6, kolom Target TW III: target \"empat puluh\" bukan angka; tulis seperti 87,5 (koma untuk desimal).",
                "Baris 6, kolom Sub Kegiatan: Sub kegiatan 1.05.02.2.01.0009 tidak ada dalam RKT yang ditandatangani.",
                "Baris 6, kolom Rencana Aksi: Rencana aksi belum diisi.",
                "Baris 7, kolom Indikator Kinerja: indikator \"Indikator bidang lain\" tidak ada dalam Rencana Aksi Bidang Penegakan Perda tahun 2025.",
                "Baris 7, kolom Sub Kegiatan: \"1.05.02\" bukan kode sub kegiatan (mis. 1.05.02.2.01.0001).",
                "Baris 8, kolom Indikator Kinerja: indikator yang sama sudah ada di baris 6.",
                "Baris 8, kolom Sub Kegiatan: Sub kegiatan yang mendukung indikator belum diisi.",
            ]
        );
    }

    #[test]
    fn a_file_for_another_unit_or_year_or_of_another_kind_is_refused_in_words() {
        let bytes = made(&[filled(IND[0])]);
        assert_eq!(
            read_as(&bytes, 2026, 3).unwrap_err(),
            "Berkas ini Rencana Aksi Bidang Penegakan Perda tahun 2025, bukan Bidang Penegakan Perda tahun 2026 yang dipilih. Pilih unit dan tahun berkas itu, atau ekspor templat Bidang Penegakan Perda tahun 2026."
        );
        assert!(
            read_as(&bytes, 2025, 4)
                .unwrap_err()
                .starts_with("Berkas ini Rencana Aksi Bidang Penegakan Perda tahun 2025, bukan")
        );
        let rkt = crate::xlsx::export::template(&crate::xlsx::export::TemplateInput {
            year: 2025,
            unit_id: 3,
            unit_name: "x",
            rows: &[],
            sasaran: &[],
            indicators: &[],
            sub_kegiatan: &[],
            funding: &[],
        })
        .unwrap();
        assert_eq!(
            read_as(&rkt, 2025, 3).unwrap_err(),
            "Berkas ini templat FORMAT RKT, bukan templat Rencana Aksi."
        );
        // And the other way round: the FORMAT RKT import names a Rencana Aksi for what it is.
        assert_eq!(
            crate::xlsx::import::read(&bytes, &|_| true).unwrap_err(),
            "Berkas ini templat Rencana Aksi, bukan templat FORMAT RKT."
        );
        let mut other = Workbook::new();
        other
            .add_worksheet()
            .write_string(0, 0, "Indikator")
            .unwrap();
        assert!(
            read_as(&other.save_to_buffer().unwrap(), 2025, 3)
                .unwrap_err()
                .starts_with("Berkas ini bukan templat Rencana Aksi dari program ini.")
        );
        assert!(
            read_as(b"Indikator;Arah\n", 2025, 3)
                .unwrap_err()
                .contains("bukan berkas Excel .xlsx")
        );
        // A column moved.
        let mut moved = titles();
        moved.swap(4, 5);
        let bytes = book(&meta(), &[(SHEET, moved, vec![])]);
        assert!(
            read_as(&bytes, 2025, 3)
                .unwrap_err()
                .starts_with("Kolom 5 lembar \"RENCANA AKSI\" berubah")
        );
        // Nothing filled at all.
        let bytes = book(&meta(), &[(SHEET, titles(), vec![])]);
        assert_eq!(
            read_as(&bytes, 2025, 3).unwrap().problems,
            ["Templat ini belum berisi baris apa pun."]
        );
    }

    #[test]
    fn the_size_checks_of_every_import_come_first() {
        // A cell far out (the reader would build a grid to it).
        let mut wb = Workbook::new();
        meta_sheet(&mut wb, &meta()).unwrap();
        let ws = wb.add_worksheet();
        ws.set_name(SHEET).unwrap();
        ws.write_string(0, 0, "x").unwrap();
        ws.write_string(1_048_000, 16_000, "jauh").unwrap();
        let far = wb.save_to_buffer().unwrap();
        assert!(
            read_as(&far, 2025, 3)
                .unwrap_err()
                .contains("terlalu besar")
        );
        let huge = vec![0u8; crate::xlsx::import::MAX_FILE_BYTES as usize + 1];
        assert!(
            read_as(&huge, 2025, 3)
                .unwrap_err()
                .contains("terlalu besar")
        );
        assert_eq!(
            unreadable_cell(&Data::Error(calamine::CellErrorType::Div0), false),
            Some("sel berisi galat Excel (Div0).".to_string())
        );
    }

    #[test]
    fn the_pks_own_cells_are_not_the_imports_problem() {
        let mut odd = filled(IND[0]);
        odd.target = "≥ 80".into();
        let p = read_as(&made(&[odd.clone()]), 2025, 3).unwrap();
        assert_eq!(p.problems, Vec::<String>::new());
        assert_eq!(p.rows, [odd]);
    }

    #[test]
    fn an_action_merged_over_two_rows_is_each_rows_and_said() {
        let mut wb = Workbook::new();
        meta_sheet(&mut wb, &meta()).unwrap();
        let ws = wb.add_worksheet();
        ws.set_name(SHEET).unwrap();
        // A title merged over the columns is not the table's.
        ws.merge_range(0, 0, 0, 11, "RENCANA AKSI", &Format::new())
            .unwrap();
        for (i, t) in titles().iter().enumerate() {
            ws.write_string(HEAD_ROW, i as u16, t).unwrap();
        }
        for (r, ind) in IND.iter().enumerate() {
            let r = HEAD_ROW + 1 + r as u32;
            let cells = [
                "Meningkatnya ketertiban umum",
                ind,
                "%",
                "80",
                "Naik",
                "Kumulatif",
                "1",
                "2",
                "3",
                "4",
                SUB1,
            ];
            for (c, v) in cells.iter().enumerate() {
                ws.write_string(r, c as u16, *v).unwrap();
            }
        }
        ws.merge_range(
            HEAD_ROW + 1,
            11,
            HEAD_ROW + 2,
            11,
            "Patroli bersama",
            &Format::new(),
        )
        .unwrap();
        let p = read_as(&wb.save_to_buffer().unwrap(), 2025, 3).unwrap();
        assert_eq!(p.problems, Vec::<String>::new());
        assert!(p.rows.iter().all(|r| r.aksi == "Patroli bersama"));
        assert_eq!(
            p.notes,
            [
                "Kolom Rencana Aksi baris 7: sel gabungan dengan baris 6; isinya dipakai untuk setiap baris itu."
            ]
        );
    }

    #[test]
    fn typed_codes_take_names_off_and_split_lines() {
        assert_eq!(
            typed_codes("1.05.02.2.01.0001 — Penegakan, Pembinaan\n 1.05.02.2.01.0002"),
            [SUB1, SUB2]
        );
        assert_eq!(
            typed_codes("1.05.02.2.01.0001;1.05.02.2.01.0002;1.05.02.2.01.0001"),
            [SUB1, SUB2]
        );
        assert_eq!(typed_codes("1.05.02.2.01.0001 - Penegakan"), [SUB1]);
        assert_eq!(typed_codes(""), Vec::<String>::new());
    }
}
