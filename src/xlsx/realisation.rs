//! A unit's quarter in Excel: a template with its Rencana Aksi indikator (target of the
//! quarter shown, realisation, kendala and tindak lanjut typed) and, on a second sheet, its sub
//! kegiatan with their pagu and the budget realised; and its reading back with the checks of
//! the other imports (plan.rs): a realisation is a number or blank, an amount rupiah, the file
//! the chosen year, quarter and unit's. Nothing is stored here.

use calamine::Data;
use rust_xlsxwriter::Workbook;

use super::export::{err, excel_text, fitted_height_of, meta_sheet};
use super::import::{cell_text, checked, contained, meta_value, open_ours};
use super::plan::{
    body, look, same_target, text_of, top, typed_codes, unreadable_cell, write_number_or_text,
    write_rupiah,
};
use crate::domain::action_plan::{RealCol, RealValues, parse_budget, parse_realisation};
use crate::domain::pick::{code_choice, pick};
use crate::domain::quarter::Quarter;
use crate::domain::rkt::format_rupiah;

/// Marks our quarter templates (in the hidden sheet).
pub const MARKER: &str = super::REAL_MARKER;
pub const SHEET: &str = "REALISASI";
pub const BUDGET_SHEET: &str = "ANGGARAN";

/// One indikator of the unit as the template shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RealLine {
    pub indikator: String,
    pub satuan: String,
    /// The quarter's target from the Rencana Aksi.
    pub target: String,
    pub values: RealValues,
}

/// One sub kegiatan of the unit: its code and name, pagu, and the amount realised (as stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLine {
    pub code: String,
    pub name: String,
    pub pagu: i64,
    pub amount: String,
}

pub struct RealTemplate<'a> {
    pub year: i32,
    pub quarter: Quarter,
    pub unit_id: i64,
    pub unit_name: &'a str,
    pub rows: &'a [RealLine],
    pub budget: &'a [BudgetLine],
}

/// What a file is checked against: the year, quarter and unit chosen, the unit's indikator (as
/// stored) and its sub kegiatan codes.
pub struct RealExpect<'a> {
    pub year: i32,
    pub quarter: Quarter,
    pub unit_id: i64,
    pub unit_name: &'a str,
    pub indikator: &'a [String],
    pub codes: &'a [String],
}

/// A filled quarter template read: (indikator as stored, values), (code, amount written as
/// rupiah or blank), and the problems by sheet, row and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RealRead {
    pub rows: Vec<(String, RealValues)>,
    pub budget: Vec<(String, String)>,
    pub problems: Vec<String>,
    /// What was read in a way worth saying (a merged cell carried down).
    pub notes: Vec<String>,
}

fn titles(q: Quarter) -> [String; 6] {
    [
        "Indikator Kinerja".into(),
        "Satuan".into(),
        format!("Target {}", q.short()),
        format!("Realisasi {}", q.short()),
        RealCol::Kendala.title().into(),
        RealCol::TindakLanjut.title().into(),
    ]
}

fn budget_titles(q: Quarter) -> [String; 3] {
    [
        "Sub Kegiatan".into(),
        "Pagu (Rp)".into(),
        format!("Realisasi Anggaran {} (Rp)", q.short()),
    ]
}

const WIDTHS: [f64; 6] = [45.0, 10.0, 12.0, 12.0, 40.0, 40.0];
const BUDGET_WIDTHS: [f64; 3] = [60.0, 18.0, 22.0];

/// A unit's quarter as a template to fill in Excel or LibreOffice.
pub fn template(input: &RealTemplate) -> Result<Vec<u8>, String> {
    let q = input.quarter;
    let mut wb = Workbook::new();
    let l = look();
    meta_sheet(
        &mut wb,
        &[
            ("penanda", MARKER.to_string()),
            ("tahun", input.year.to_string()),
            ("triwulan", q.number().to_string()),
            ("unit_id", input.unit_id.to_string()),
            ("unit", input.unit_name.to_string()),
        ],
    )?;
    let title = format!(
        "REALISASI {} TAHUN {} — {}",
        q.short(),
        input.year,
        input.unit_name.to_uppercase()
    );
    {
        let ws = wb.add_worksheet();
        ws.set_name(SHEET).map_err(err)?;
        ws.set_active(true);
        let t = titles(q);
        let columns: Vec<(&str, f64)> = t.iter().map(String::as_str).zip(WIDTHS).collect();
        top(
            ws,
            &title,
            &[
                "Isi hanya sel putih. Indikator, satuan, dan target diambil dari Rencana Aksi yang ditandatangani.",
                "Realisasi: angka saja (87,5), atau kosong bila belum ada. Kendala dan tindak lanjut: teks bebas (Alt+Enter untuk baris baru).",
                "Realisasi anggaran sub kegiatan di lembar ANGGARAN. Jangan menambah, menghapus, atau memindah baris dan kolom; lalu impor berkas ini di program.",
            ],
            &columns,
            &l,
        )?;
        for (r, line) in input.rows.iter().enumerate() {
            let row = super::plan::HEAD_ROW + 1 + r as u32;
            ws.write_string_with_format(row, 0, excel_text(&line.indikator), &l.given)
                .map_err(err)?;
            ws.write_string_with_format(row, 1, excel_text(&line.satuan), &l.given)
                .map_err(err)?;
            write_number_or_text(ws, row, 2, &line.target, &l.given_number, &l.given)?;
            let v = &line.values;
            write_number_or_text(ws, row, 3, &v.realisasi, &l.typed_number, &l.typed)?;
            ws.write_string_with_format(row, 4, excel_text(&v.kendala), &l.typed)
                .map_err(err)?;
            ws.write_string_with_format(row, 5, excel_text(&v.tindak_lanjut), &l.typed)
                .map_err(err)?;
            let cells = [
                line.indikator.as_str(),
                "",
                "",
                "",
                v.kendala.as_str(),
                v.tindak_lanjut.as_str(),
            ];
            if let Some(h) = fitted_height_of(cells.into_iter().zip(WIDTHS)) {
                ws.set_row_height(row, h).map_err(err)?;
            }
        }
        ws.protect();
    }
    let ws = wb.add_worksheet();
    ws.set_name(BUDGET_SHEET).map_err(err)?;
    let t = budget_titles(q);
    let columns: Vec<(&str, f64)> = t.iter().map(String::as_str).zip(BUDGET_WIDTHS).collect();
    top(
        ws,
        &format!("REALISASI ANGGARAN {} TAHUN {}", q.short(), input.year),
        &[
            "Sub kegiatan dan pagu diambil dari RKT yang ditandatangani.",
            "Realisasi anggaran: jumlah rupiah (12.500.000), atau kosong bila belum ada.",
        ],
        &columns,
        &l,
    )?;
    for (r, b) in input.budget.iter().enumerate() {
        let row = super::plan::HEAD_ROW + 1 + r as u32;
        let shown = code_choice(&b.code, &b.name);
        ws.write_string_with_format(row, 0, excel_text(&shown), &l.given)
            .map_err(err)?;
        ws.write_number_with_format(row, 1, b.pagu as f64, &l.given_rupiah)
            .map_err(err)?;
        write_rupiah(ws, row, 2, &b.amount, &l.typed_rupiah, &l.typed)?;
        if let Some(h) = fitted_height_of(std::iter::once((shown.as_str(), BUDGET_WIDTHS[0]))) {
            ws.set_row_height(row, h).map_err(err)?;
        }
    }
    ws.protect();
    wb.save_to_buffer().map_err(err)
}

/// Reads a filled quarter template against what was chosen. `Err` when the file cannot be
/// read as that template at all (another kind, year, quarter or unit; damaged; too large).
pub fn read(bytes: &[u8], expect: &RealExpect) -> Result<RealRead, String> {
    checked(bytes)?;
    contained(|| parse(bytes, expect))
}

fn parse(bytes: &[u8], expect: &RealExpect) -> Result<RealRead, String> {
    let q = expect.quarter;
    let (mut wb, meta) = open_ours(bytes, MARKER, "templat realisasi triwulan", None)?;
    same_target(
        &meta,
        "realisasi",
        expect.year,
        expect.unit_id,
        expect.unit_name,
    )?;
    let file_q = meta_value(&meta, "triwulan");
    if file_q != q.number().to_string() {
        let shown = file_q
            .parse::<u32>()
            .ok()
            .and_then(|n| Quarter::new(n).ok())
            .map_or(file_q.clone(), |f| f.short().to_string());
        return Err(format!(
            "Berkas ini realisasi {shown}, bukan {} yang dipilih. Pilih {shown}, atau ekspor templat {}.",
            q.short(),
            q.short()
        ));
    }
    let t = titles(q);
    let refs: Vec<&str> = t.iter().map(String::as_str).collect();
    let mut rows: Vec<(String, RealValues)> = Vec::new();
    let mut lines: Vec<usize> = Vec::new();
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    for (line, r) in body(&mut wb, SHEET, &refs, &mut notes)? {
        let cell = |c: usize| r.get(c).unwrap_or(&Data::Empty);
        let at = |c: usize| format!("Baris {line}, kolom {}", t[c]);
        let typed = cell_text(cell(0)).trim().to_string();
        let indikator = match pick(expect.indikator, &typed) {
            Some(stored) => {
                if let Some(k) = rows.iter().position(|(i, _)| i == stored) {
                    problems.push(format!(
                        "{}: indikator yang sama sudah ada di baris {}.",
                        at(0),
                        lines[k]
                    ));
                }
                stored.to_string()
            }
            None => {
                problems.push(format!(
                    "{}: indikator \"{typed}\" tidak ada dalam Rencana Aksi {} tahun {}.",
                    at(0),
                    expect.unit_name,
                    expect.year
                ));
                typed
            }
        };
        let mut v = RealValues::default();
        for (c, col) in [
            (3, RealCol::Realisasi),
            (4, RealCol::Kendala),
            (5, RealCol::TindakLanjut),
        ] {
            let number = col == RealCol::Realisasi;
            if let Some(p) = unreadable_cell(cell(c), number) {
                problems.push(format!("{}: {p}", at(c)));
                continue;
            }
            let text = text_of(cell(c));
            if number && let Err(e) = parse_realisation(&text) {
                problems.push(format!("{}: {e}", at(c)));
            }
            v.set(col, text);
        }
        rows.push((indikator, v));
        lines.push(line);
    }
    let bt = budget_titles(q);
    let refs: Vec<&str> = bt.iter().map(String::as_str).collect();
    let mut budget: Vec<(String, String)> = Vec::new();
    let mut budget_lines: Vec<usize> = Vec::new();
    for (line, r) in body(&mut wb, BUDGET_SHEET, &refs, &mut notes)? {
        let cell = |c: usize| r.get(c).unwrap_or(&Data::Empty);
        let at = |c: usize| format!("Lembar {BUDGET_SHEET} baris {line}, kolom {}", bt[c]);
        let code = typed_codes(&cell_text(cell(0)))
            .into_iter()
            .next()
            .unwrap_or_default();
        if !expect.codes.contains(&code) {
            problems.push(format!(
                "{}: sub kegiatan \"{code}\" bukan sub kegiatan {} dalam RKT {} yang ditandatangani.",
                at(0),
                expect.unit_name,
                expect.year
            ));
        } else if let Some(k) = budget.iter().position(|(c, _)| *c == code) {
            problems.push(format!(
                "{}: sub kegiatan yang sama sudah ada di baris {}.",
                at(0),
                budget_lines[k]
            ));
        }
        let amount = match unreadable_cell(cell(2), true) {
            Some(p) => {
                problems.push(format!("{}: {p}", at(2)));
                String::new()
            }
            None => {
                let text = text_of(cell(2));
                match parse_budget(&text) {
                    Ok(Some(n)) => format_rupiah(n),
                    Ok(None) => String::new(),
                    Err(e) => {
                        problems.push(format!("{}: {e}", at(2)));
                        text
                    }
                }
            }
        };
        budget.push((code, amount));
        budget_lines.push(line);
    }
    if rows.is_empty() {
        problems.push("Templat ini belum berisi indikator apa pun.".into());
    }
    Ok(RealRead {
        rows,
        budget,
        problems,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xlsx::plan::tests::{C, book};

    const SUB1: &str = "1.05.02.2.01.0001";
    const SUB2: &str = "1.05.02.2.01.0002";
    const IND: [&str; 2] = ["Persentase penegakan perda", "Jumlah pelanggaran perda"];

    fn q2() -> Quarter {
        Quarter::new(2).unwrap()
    }

    fn line(indikator: &str, realisasi: &str) -> RealLine {
        RealLine {
            indikator: indikator.into(),
            satuan: "%".into(),
            target: "40".into(),
            values: RealValues {
                realisasi: realisasi.into(),
                kendala: "Personel terbatas".into(),
                tindak_lanjut: "Tambah patroli\nmalam".into(),
            },
        }
    }

    fn budget() -> Vec<BudgetLine> {
        vec![
            BudgetLine {
                code: SUB1.into(),
                name: "Penegakan Peraturan Daerah".into(),
                pagu: 150_000_000,
                amount: "Rp 12.500.000".into(),
            },
            BudgetLine {
                code: SUB2.into(),
                name: "Pembinaan".into(),
                pagu: 90_000_000,
                amount: String::new(),
            },
        ]
    }

    fn made(rows: &[RealLine]) -> Vec<u8> {
        template(&RealTemplate {
            year: 2025,
            quarter: q2(),
            unit_id: 3,
            unit_name: "Bidang Penegakan Perda",
            rows,
            budget: &budget(),
        })
        .unwrap()
    }

    fn read_as(bytes: &[u8], year: i32, q: u32, unit_id: i64) -> Result<RealRead, String> {
        let indikator: Vec<String> = IND.iter().map(|s| s.to_string()).collect();
        read(
            bytes,
            &RealExpect {
                year,
                quarter: Quarter::new(q).unwrap(),
                unit_id,
                unit_name: "Bidang Penegakan Perda",
                indikator: &indikator,
                codes: &[SUB1.to_string(), SUB2.to_string()],
            },
        )
    }

    fn meta(q: &str) -> Vec<(&'static str, String)> {
        vec![
            ("penanda", MARKER.into()),
            ("tahun", "2025".into()),
            ("triwulan", q.into()),
            ("unit_id", "3".into()),
            ("unit", "Bidang Penegakan Perda".into()),
        ]
    }

    fn filled(rows: Vec<Vec<C>>, amounts: Vec<Vec<C>>) -> Vec<u8> {
        book(
            &meta("2"),
            &[
                (SHEET, titles(q2()).to_vec(), rows),
                (BUDGET_SHEET, budget_titles(q2()).to_vec(), amounts),
            ],
        )
    }

    #[test]
    fn a_quarter_template_round_trips() {
        let rows = [line(IND[0], "37,5"), line(IND[1], "")];
        let bytes = made(&rows);
        let strings = crate::xlsx::part(&bytes, "xl/sharedStrings.xml");
        assert!(strings.contains("Realisasi TW II"), "{strings}");
        assert!(strings.contains("Realisasi Anggaran TW II (Rp)"));
        assert!(strings.contains("1.05.02.2.01.0001 — Penegakan Peraturan Daerah"));
        let p = read_as(&bytes, 2025, 2, 3).unwrap();
        assert_eq!(p.problems, Vec::<String>::new());
        let back: Vec<(String, RealValues)> = rows
            .iter()
            .map(|r| (r.indikator.clone(), r.values.clone()))
            .collect();
        assert_eq!(p.rows, back);
        assert_eq!(
            p.budget,
            [
                (SUB1.to_string(), "Rp 12.500.000".to_string()),
                (SUB2.to_string(), String::new())
            ]
        );
    }

    #[test]
    fn numbers_come_typed_either_way_and_anything_else_is_named() {
        let given = |ind: &'static str| vec![C::T(ind), C::T("%"), C::N(40.0)];
        let with = |ind: &'static str, rest: [C; 3]| {
            let mut r = given(ind);
            r.extend(rest);
            r
        };
        let good = filled(
            vec![
                with(IND[0], [C::N(38.25), C::T(""), C::T("")]),
                with(
                    "jumlah  pelanggaran PERDA",
                    [C::T("12"), C::T("-"), C::T("")],
                ),
            ],
            vec![
                vec![
                    C::T("1.05.02.2.01.0001 — Penegakan"),
                    C::N(1.5e8),
                    C::N(12_500_000.0),
                ],
                vec![C::T(SUB2), C::N(9e7), C::T("Rp 7.250.000")],
            ],
        );
        let p = read_as(&good, 2025, 2, 3).unwrap();
        assert_eq!(p.problems, Vec::<String>::new());
        assert_eq!(p.rows[0].1.realisasi, "38,25");
        assert_eq!(p.rows[1].0, IND[1], "the indikator as stored");
        assert_eq!(p.rows[1].1.realisasi, "12");
        assert_eq!(
            p.budget,
            [
                (SUB1.to_string(), "Rp 12.500.000".to_string()),
                (SUB2.to_string(), "Rp 7.250.000".to_string())
            ]
        );

        let bad = filled(
            vec![
                with(IND[0], [C::T("delapan"), C::T(""), C::T("")]),
                with(IND[1], [C::D, C::T(""), C::T("")]),
                with(IND[1], [C::N(3.0), C::T(""), C::T("")]),
                with("Indikator lain", [C::N(3.0), C::T(""), C::T("")]),
            ],
            vec![
                vec![C::T(SUB1), C::N(1.5e8), C::T("dua juta")],
                vec![C::T("1.05.02.2.01.0009 — Lain"), C::N(1.0), C::N(-5.0)],
                vec![C::T(SUB1), C::N(1.5e8), C::D],
            ],
        );
        let p = read_as(&bad, 2025, 2, 3).unwrap();
        assert_eq!(
            p.problems,
            [
                "Baris 6, kolom Realisasi TW II: Realisasi \"delapan\" bukan angka; tulis seperti 87,5 (koma untuk desimal).",
                "Baris 7, kolom Realisasi TW II: terbaca sebagai tanggal (2 Januari 2026), bukan angka. Ubah format sel menjadi Angka atau Teks, lalu ketik ulang angkanya.",
                "Baris 8, kolom Indikator Kinerja: indikator yang sama sudah ada di baris 7.",
                "Baris 9, kolom Indikator Kinerja: indikator \"Indikator lain\" tidak ada dalam Rencana Aksi Bidang Penegakan Perda tahun 2025.",
                "Lembar ANGGARAN baris 6, kolom Realisasi Anggaran TW II (Rp): Realisasi anggaran \"dua juta\" bukan jumlah rupiah; tulis seperti 12.500.000.",
                "Lembar ANGGARAN baris 7, kolom Sub Kegiatan: sub kegiatan \"1.05.02.2.01.0009\" bukan sub kegiatan Bidang Penegakan Perda dalam RKT 2025 yang ditandatangani.",
                "Lembar ANGGARAN baris 7, kolom Realisasi Anggaran TW II (Rp): Realisasi anggaran \"-5\" bukan jumlah rupiah; tulis seperti 12.500.000.",
                "Lembar ANGGARAN baris 8, kolom Sub Kegiatan: sub kegiatan yang sama sudah ada di baris 6.",
                "Lembar ANGGARAN baris 8, kolom Realisasi Anggaran TW II (Rp): terbaca sebagai tanggal (2 Januari 2026), bukan angka. Ubah format sel menjadi Angka atau Teks, lalu ketik ulang angkanya.",
            ]
        );
    }

    #[test]
    fn a_file_of_another_quarter_unit_or_kind_is_refused_in_words() {
        let bytes = made(&[line(IND[0], "1")]);
        assert_eq!(
            read_as(&bytes, 2025, 3, 3).unwrap_err(),
            "Berkas ini realisasi TW II, bukan TW III yang dipilih. Pilih TW II, atau ekspor templat TW III."
        );
        assert_eq!(
            read_as(&bytes, 2025, 2, 9).unwrap_err(),
            "Berkas ini realisasi Bidang Penegakan Perda tahun 2025, bukan Bidang Penegakan Perda tahun 2025 yang dipilih. Pilih unit dan tahun berkas itu, atau ekspor templat Bidang Penegakan Perda tahun 2025."
        );
        let plan = crate::xlsx::plan::template(&crate::xlsx::plan::PlanTemplate {
            year: 2025,
            unit_id: 3,
            unit_name: "x",
            rows: &[],
            sub_kegiatan: &[],
        })
        .unwrap();
        assert_eq!(
            read_as(&plan, 2025, 2, 3).unwrap_err(),
            "Berkas ini templat Rencana Aksi, bukan templat realisasi triwulan."
        );
        // The budget sheet gone.
        let bytes = book(&meta("2"), &[(SHEET, titles(q2()).to_vec(), vec![])]);
        assert_eq!(
            read_as(&bytes, 2025, 2, 3).unwrap_err(),
            "Lembar \"ANGGARAN\" tidak ada di berkas ini."
        );
    }
}
