//! Workbooks out: a unit's FORMAT RKT template (header locked, drop-down lists of the Renstra's
//! indicators and the sub kegiatan codes, number formats) and a draft or signed RKT.
//! Every text is written as text: a value starting with = + - @ never becomes a formula.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, FormatAlign, FormatBorder, Formula, Workbook,
    Worksheet, XlsxError,
};

use super::{LIST_SHEET, MARKER, META_SHEET, SHEET, TEMPLATE_ROWS};
use crate::domain::pick::code_choice;
use crate::domain::rkt::{Col, DraftRow, RowValues, parse_rupiah, parse_target};

/// What a template is made from.
pub struct TemplateInput<'a> {
    pub year: i32,
    pub unit_id: i64,
    pub unit_name: &'a str,
    pub rows: &'a [RowValues],
    /// The Renstra's sasaran of the year (the Sasaran drop-down).
    pub sasaran: &'a [String],
    pub indicators: &'a [String],
    /// (code, name): the drop-down offers "code — name".
    pub sub_kegiatan: &'a [(String, String)],
    pub funding: &'a [String],
}

pub(super) fn err(e: XlsxError) -> String {
    format!("berkas Excel tidak bisa dibuat: {e}")
}

fn width(c: Col) -> f64 {
    match c {
        Col::Sasaran | Col::Indikator => 40.0,
        // Room for the drop-down's "code — name" to show its name's start.
        Col::Code => 30.0,
        Col::Pagu => 18.0,
        Col::Satuan | Col::Target => 10.0,
        Col::SumberDana => 14.0,
        Col::PenanggungJawab | Col::Keterangan => 28.0,
    }
}

/// The height a row needs so that every wrapped cell shows all its lines: spreadsheets do not
/// grow rows written by another program (LibreOffice showed only a sasaran's last line).
/// `None` when one line fits.
fn fitted_height(values: &RowValues) -> Option<f64> {
    fitted_height_of(Col::ALL.iter().map(|c| (values.get(*c), width(*c))))
}

/// The same for any row: each cell's text with its column's width.
pub(super) fn fitted_height_of<'a>(cells: impl Iterator<Item = (&'a str, f64)>) -> Option<f64> {
    const LINE_PT: f64 = 15.0;
    // A width unit holds one digit; running text averages a little more per unit.
    const CHARS_PER_UNIT: f64 = 1.1;
    let lines = cells
        .map(|(text, width)| {
            let per_line = (width * CHARS_PER_UNIT).floor().max(1.0);
            text.split('\n')
                .map(|l| (l.chars().count() as f64 / per_line).ceil().max(1.0))
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    // Excel's limit for a row is 409 points.
    (lines > 1.0).then(|| (lines * LINE_PT).min(409.0))
}

/// A cell's text as it goes into a workbook: control characters other than tab and line
/// break are left out. No one types them in a spreadsheet, and rust_xlsxwriter's encoding of
/// them can merge with a literal "_x" before them into another character (found by fuzzing,
/// `.ci/fuzz` target xlsx_cells): dropped, everything else comes back exactly.
pub fn excel_text(v: &str) -> std::borrow::Cow<'_, str> {
    let kept = |c: char| !c.is_control() || matches!(c, '\t' | '\n');
    if v.chars().all(kept) {
        std::borrow::Cow::Borrowed(v)
    } else {
        std::borrow::Cow::Owned(v.chars().filter(|&c| kept(c)).collect())
    }
}

/// The largest amount a spreadsheet number holds exactly (15 significant digits).
const EXACT: i64 = 1_000_000_000_000_000;

/// A number where the cell holds one (target, pagu), else the text as typed.
fn write_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    c: Col,
    v: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    match c {
        Col::Target if !v.trim().is_empty() => match parse_target(v) {
            Ok(n) => ws
                .write_number_with_format(row, col, n, &f.target)
                .map(|_| ()),
            Err(_) => ws
                .write_string_with_format(row, col, excel_text(v), &f.text)
                .map(|_| ()),
        },
        // Excel keeps 15 significant digits: a larger amount goes as text, exactly.
        Col::Pagu if !v.trim().is_empty() => match parse_rupiah(v).ok().filter(|n| n.abs() < EXACT)
        {
            Some(n) => ws
                .write_number_with_format(row, col, n as f64, &f.rupiah)
                .map(|_| ()),
            None => ws
                .write_string_with_format(row, col, excel_text(v), &f.text)
                .map(|_| ()),
        },
        _ => ws
            .write_string_with_format(row, col, excel_text(v), &f.text)
            .map(|_| ()),
    }
}

pub(super) struct Formats {
    pub header: Format,
    pub text: Format,
    pub target: Format,
    pub rupiah: Format,
}

pub(super) fn formats(unlocked: bool) -> Formats {
    let cell = |f: Format| {
        // Top-aligned: a row made tall for a long sasaran reads from its first line.
        let f = f
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        if unlocked { f.set_unlocked() } else { f }
    };
    Formats {
        header: Format::new()
            .set_bold()
            .set_locked()
            .set_background_color("#DDDDDD")
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_text_wrap(),
        text: cell(Format::new()),
        // Shown with the PC's own decimal separator (a comma on an Indonesian Windows); General,
        // not "0.##", which Excel shows as "80." for a whole number.
        target: cell(Format::new().set_num_format("General")),
        rupiah: cell(Format::new().set_num_format("#,##0")),
    }
}

/// A unit's FORMAT RKT as a template to fill in Excel or LibreOffice.
/// The hidden, protected sheet that says what a workbook of ours is: a key and a value a row.
pub(super) fn meta_sheet(wb: &mut Workbook, pairs: &[(&str, String)]) -> Result<(), String> {
    let ws = wb.add_worksheet();
    ws.set_name(META_SHEET).map_err(err)?;
    for (i, (k, v)) in pairs.iter().enumerate() {
        ws.write_string(i as u32, 0, *k).map_err(err)?;
        ws.write_string(i as u32, 1, v).map_err(err)?;
    }
    ws.set_hidden(true);
    ws.protect();
    Ok(())
}

/// A template's header row, frozen: each column's title over a column of that width whose
/// cells are text.
pub(super) fn header_row(
    ws: &mut Worksheet,
    columns: &[(&str, f64)],
    f: &Formats,
) -> Result<(), String> {
    for (i, (title, width)) in columns.iter().enumerate() {
        let col = i as u16;
        ws.set_column_width(col, *width).map_err(err)?;
        ws.set_column_format(col, &f.text).map_err(err)?;
        ws.write_string_with_format(0, col, *title, &f.header)
            .map_err(err)?;
    }
    ws.set_row_height(0, 30).map_err(err)?;
    ws.set_freeze_panes(1, 0).map_err(err)?;
    Ok(())
}

pub fn template(input: &TemplateInput) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let f = formats(true);
    // The lists the drop-downs read, in their own sheet: A indikator, B and C the codes with
    // their names, D sumber dana, E sasaran, F the codes as the drop-down offers them.
    let choices: Vec<String> = input
        .sub_kegiatan
        .iter()
        .map(|(code, name)| code_choice(code, name))
        .collect();
    {
        let ws = wb.add_worksheet();
        ws.set_name(LIST_SHEET).map_err(err)?;
        let h = Format::new().set_bold();
        let columns: [(&str, &[String], f64); 4] = [
            ("Indikator Kinerja (Renstra)", input.indicators, 60.0),
            ("Sumber Dana", input.funding, 14.0),
            ("Sasaran (Renstra)", input.sasaran, 60.0),
            ("Pilihan Kode", &choices, 80.0),
        ];
        for ((title, values, w), col) in columns.iter().zip([0u16, 3, 4, 5]) {
            ws.write_string_with_format(0, col, *title, &h)
                .map_err(err)?;
            for (i, v) in values.iter().enumerate() {
                ws.write_string(i as u32 + 1, col, excel_text(v))
                    .map_err(err)?;
            }
            ws.set_column_width(col, *w).map_err(err)?;
        }
        ws.write_string_with_format(0, 1, "Kode Sub Kegiatan", &h)
            .map_err(err)?;
        ws.write_string_with_format(0, 2, "Nomenklatur", &h)
            .map_err(err)?;
        for (i, (code, name)) in input.sub_kegiatan.iter().enumerate() {
            ws.write_string(i as u32 + 1, 1, code).map_err(err)?;
            ws.write_string(i as u32 + 1, 2, name).map_err(err)?;
        }
        ws.set_column_width(1, 22).map_err(err)?;
        ws.set_column_width(2, 60).map_err(err)?;
        ws.protect();
    }
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
    let columns: Vec<(&str, f64)> = Col::ALL.iter().map(|c| (c.title(), width(*c))).collect();
    header_row(ws, &columns, &f)?;
    let col_of = |c: Col| Col::ALL.iter().position(|x| *x == c).unwrap_or(0) as u16;
    // A number typed in a new row shows as the rows above it do (125.000.000, 87,5).
    ws.set_column_format(col_of(Col::Pagu), &f.rupiah)
        .map_err(err)?;
    ws.set_column_format(col_of(Col::Target), &f.target)
        .map_err(err)?;
    for (r, values) in input.rows.iter().enumerate() {
        for (i, c) in Col::ALL.iter().enumerate() {
            write_value(ws, r as u32 + 1, i as u16, *c, values.get(*c), &f).map_err(err)?;
        }
        if let Some(h) = fitted_height(values) {
            ws.set_row_height(r as u32 + 1, h).map_err(err)?;
        }
    }
    let last = TEMPLATE_ROWS.max(input.rows.len() as u32 + 1);
    let list = |col: &str, n: usize| {
        Formula::new(format!("={LIST_SHEET}!${col}$2:${col}${}", n.max(1) + 1))
    };
    for (c, col, n) in [
        (Col::Sasaran, "E", input.sasaran.len()),
        (Col::Indikator, "A", input.indicators.len()),
        (Col::Code, "F", choices.len()),
        (Col::SumberDana, "D", input.funding.len()),
    ] {
        if n == 0 {
            continue;
        }
        let dv = DataValidation::new()
            .allow_list_formula(list(col, n))
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title("Pilih dari daftar")
            .map_err(err)?
            .set_error_message("Nilai ini tidak ada di daftar Renstra / kode kantor.")
            .map_err(err)?;
        ws.add_data_validation(1, col_of(c), last, col_of(c), &dv)
            .map_err(err)?;
    }
    ws.protect();
    wb.save_to_buffer().map_err(err)
}

/// A draft or signed RKT as a workbook, one row per draft row.
pub fn draft(
    year: i32,
    version: i64,
    signed: Option<&str>,
    rows: &[DraftRow],
) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let f = formats(false);
    let ws = wb.add_worksheet();
    ws.set_name(format!("RKT {year}")).map_err(err)?;
    let title = match signed {
        Some(by) => format!("RKT tahun {year}, versi {version}, ditandatangani {by}"),
        None => format!("DRAFT RKT tahun {year}, versi {version} (belum ditandatangani)"),
    };
    ws.write_string_with_format(0, 0, &title, &Format::new().set_bold())
        .map_err(err)?;
    ws.write_string_with_format(2, 0, "Unit", &f.header)
        .map_err(err)?;
    ws.set_column_width(0, 30).map_err(err)?;
    for (i, c) in Col::ALL.iter().enumerate() {
        ws.write_string_with_format(2, i as u16 + 1, c.title(), &f.header)
            .map_err(err)?;
        ws.set_column_width(i as u16 + 1, width(*c)).map_err(err)?;
    }
    ws.set_freeze_panes(3, 0).map_err(err)?;
    for (r, d) in rows.iter().enumerate() {
        let row = r as u32 + 3;
        ws.write_string_with_format(row, 0, &d.unit, &f.text)
            .map_err(err)?;
        for (i, c) in Col::ALL.iter().enumerate() {
            write_value(ws, row, i as u16 + 1, *c, d.values.get(*c), &f).map_err(err)?;
        }
        if let Some(h) = fitted_height(&d.values) {
            ws.set_row_height(row, h).map_err(err)?;
        }
    }
    wb.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_grow_to_show_every_wrapped_line() {
        let mut v = RowValues {
            sasaran: "Meningkatnya kinerja".into(),
            target: "87,5".into(),
            ..RowValues::default()
        };
        assert_eq!(fitted_height(&v), None, "one line fits");
        // Sasaran is 40 units wide: 44 characters a line, so 100 characters take 3 lines.
        v.sasaran = "x".repeat(100);
        assert_eq!(fitted_height(&v), Some(45.0));
        // Lines typed with Alt+Enter count on their own.
        v.keterangan = "a\nb\nc\nd".into();
        assert_eq!(fitted_height(&v), Some(60.0));
        v.keterangan = "kata ".repeat(5000);
        assert_eq!(fitted_height(&v), Some(409.0), "Excel's highest row");
    }

    #[test]
    fn an_amount_beyond_excels_precision_goes_as_text() {
        let row = |pagu: &str| RowValues {
            pagu: pagu.into(),
            ..RowValues::default()
        };
        let bytes = template(&TemplateInput {
            year: 2027,
            unit_id: 1,
            unit_name: "Uji",
            rows: &[row("0000100000000000000001"), row("Rp 999.999.999.999.999")],
            sasaran: &[],
            indicators: &[],
            sub_kegiatan: &[],
            funding: &[],
        })
        .unwrap();
        let p = crate::xlsx::import::read(&bytes, &|_| true).unwrap();
        assert_eq!(parse_rupiah(&p.rows[0].pagu), Ok(100_000_000_000_000_001));
        assert_eq!(parse_rupiah(&p.rows[1].pagu), Ok(999_999_999_999_999));
    }

    #[test]
    fn drop_downs_offer_sasaran_and_codes_with_names_and_new_rows_format_numbers() {
        let bytes = template(&TemplateInput {
            year: 2027,
            unit_id: 1,
            unit_name: "Uji",
            rows: &[],
            sasaran: &["Meningkatnya ketenteraman".into()],
            indicators: &["Persentase gangguan".into()],
            sub_kegiatan: &[("1.05.02.2.01.0001".into(), "Patroli".into())],
            funding: &["DAU".into()],
        })
        .unwrap();
        let part = |n: &str| crate::xlsx::part(&bytes, n);
        let lists = part("xl/sharedStrings.xml");
        assert!(lists.contains("1.05.02.2.01.0001 — Patroli"), "{lists}");
        let sheet = part("xl/worksheets/sheet3.xml");
        for (range, list) in [
            ("A2:A1001", "Daftar!$E$2:$E$2"),
            ("B2:B1001", "Daftar!$A$2:$A$2"),
            ("E2:E1001", "Daftar!$F$2:$F$2"),
            ("G2:G1001", "Daftar!$D$2:$D$2"),
        ] {
            let at = sheet.find(&format!("sqref=\"{range}\"")).expect(range);
            assert!(
                sheet[at..].starts_with(&format!("sqref=\"{range}\"><formula1>{list}</formula1>"))
            );
        }
        // The Pagu and Target columns (F, D) carry their number formats down every empty
        // row: #,##0 and General.
        let styles = part("xl/styles.xml");
        let format_of = |col: u16| -> String {
            let tag = format!("<col min=\"{col}\" max=\"{col}\"");
            let at = sheet.find(&tag).expect("column");
            let attr = |text: &str, name: &str| -> String {
                let v = text.split(&format!("{name}=\"")).nth(1).expect(name);
                v.split('"').next().unwrap_or_default().to_string()
            };
            let style: usize = attr(&sheet[at..], "style").parse().unwrap();
            let xfs = styles.split("<cellXfs").nth(1).unwrap();
            let id = attr(xfs.split("<xf ").nth(style + 1).unwrap(), "numFmtId");
            let fmt = format!("<numFmt numFmtId=\"{id}\" formatCode=\"");
            match styles.find(&fmt) {
                Some(i) => attr(&styles[i..], "formatCode"),
                None => format!("bawaan {id}"),
            }
        };
        assert_eq!(format_of(6), "#,##0");
        assert_eq!(format_of(4), "General");
    }

    #[test]
    fn control_characters_stay_out_of_workbooks() {
        assert_eq!(excel_text("Baris 1\nBaris 2\tx"), "Baris 1\nBaris 2\tx");
        assert_eq!(excel_text("s_xA255\u{e}\u{1}_x"), "s_xA255_x");
        assert!(matches!(excel_text("biasa"), std::borrow::Cow::Borrowed(_)));
    }
}
