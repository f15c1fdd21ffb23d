//! What the spreadsheet reader (calamine) would allocate, checked before it runs.
//!
//! calamine builds a sheet as one grid over the bounding box of its cells and reserves the
//! shared strings a file announces: a damaged or hostile file with one cell in A1 and one in
//! XFD1048576, or `uniqueCount="4000000000"`, asks for gigabytes and ends the program. Found by
//! fuzzing (`.ci/fuzz`, target xlsx_parts), as was an overflow on an over-long cell reference.
//! Every XML part of the file is scanned once here for cell and row positions, sheet
//! dimensions and string counts; anything beyond a FORMAT RKT's reach is refused.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::MAX_ROWS;

/// The furthest row a template may use: header, the rows taken, and blank formatted rows.
pub const MAX_SHEET_ROW: u64 = MAX_ROWS as u64 + 1_001;
/// The furthest column (BL): the template has nine, a user may note things beside them.
pub const MAX_SHEET_COL: u64 = 64;
/// Strings a file may announce (each takes memory when reserved).
pub const MAX_SHARED_STRINGS: u64 = 1_000_000;

/// Checks one XML part of the workbook.
///
/// The part is read by quick-xml with calamine's own settings (`xlsx::xml_reader` in calamine
/// 0.38), so the tags and attribute values checked here are the ones calamine will act on: an
/// earlier scanner of our own split tags differently (a stray quote hid a tag from it; fifth
/// fuzzing finding). Where quick-xml stops with an error, calamine stops there too.
pub fn check_part(xml: &[u8]) -> Result<(), String> {
    let mut reader = Reader::from_reader(xml);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    // Where calamine's cell reader stands (0-based), counted as it counts: a row without a
    // number follows the last one, a cell without a reference the cell before it.
    let (mut row, mut col) = (0u64, 0u64);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let tag = match reader.read_event_into(&mut buf) {
            Ok(Event::Start(tag)) => tag,
            Ok(Event::End(end)) => {
                if end.local_name().as_ref() == "row" {
                    row = row.saturating_add(1);
                    col = 0;
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => continue,
        };
        let attrs = tag.attributes_raw();
        match tag.local_name().as_ref() {
            "row" => {
                for v in values(attrs, "r")? {
                    row = digits(v).filter(|&r| r > 0).ok_or_else(damaged)? - 1;
                    within(row, 0)?;
                }
            }
            "c" => {
                let mut at = None;
                for v in values(attrs, "r")? {
                    let (c, r) = reference(v).ok_or_else(damaged)?;
                    let (c, r) = c
                        .zip(r)
                        .filter(|&(c, r)| c > 0 && r > 0)
                        .ok_or_else(damaged)?;
                    within(r - 1, c - 1)?;
                    at = Some((r - 1, c - 1));
                }
                let (r, c) = at.unwrap_or((row, col));
                within(r, c)?;
                col = c.saturating_add(1);
            }
            "dimension" => {
                for v in values(attrs, "ref")? {
                    let parts = v
                        .split(':')
                        .map(reference)
                        .collect::<Option<Vec<_>>>()
                        .ok_or_else(damaged)?;
                    // A range that ends before it starts: calamine subtracts the two.
                    if let [(Some(c1), Some(r1)), (Some(c2), Some(r2))] = parts[..]
                        && (c2 < c1 || r2 < r1)
                    {
                        return Err(damaged());
                    }
                }
            }
            "sst" => {
                for key in ["count", "uniqueCount"] {
                    for v in values(attrs, key)? {
                        if digits(v).is_none_or(|n| n > MAX_SHARED_STRINGS) {
                            return Err(too_big());
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// Every value of attribute `key` in a tag's attribute text; a tag may repeat one (calamine
/// keeps the first of some, the last of others), so each is checked. Attributes are split as
/// calamine splits them (`attrs.rs`): a key up to `=`, then a value in `"` or `'`. Text it
/// would call malformed is damage.
fn values<'a>(attrs: &'a str, key: &str) -> Result<Vec<&'a str>, String> {
    let mut found = Vec::new();
    let mut rest = attrs.trim_start();
    while !rest.is_empty() {
        let (k, after) = rest.split_once('=').ok_or_else(damaged)?;
        let after = after.trim_start();
        let quote = after.chars().next().filter(|q| matches!(q, '"' | '\''));
        let quote = quote.ok_or_else(damaged)?;
        let value_and_more = &after[1..];
        let (v, more) = value_and_more
            .split_once(quote)
            .unwrap_or((value_and_more, ""));
        if k.trim_end() == key {
            found.push(v);
        }
        rest = more.trim_start();
    }
    Ok(found)
}

fn damaged() -> String {
    "Berkas Excel rusak (alamat sel di dalamnya tidak sah).".into()
}

fn too_big() -> String {
    format!(
        "Berkas Excel ini terlalu besar untuk FORMAT RKT (isi atau format sel sampai di luar baris {MAX_SHEET_ROW} atau kolom BL). Hapus isi di luar tabel, simpan, lalu impor lagi."
    )
}

/// A 0-based position inside what a FORMAT RKT may use.
fn within(row: u64, col: u64) -> Result<(), String> {
    if row >= MAX_SHEET_ROW || col >= MAX_SHEET_COL {
        return Err(too_big());
    }
    Ok(())
}

/// A row number: 1 to 7 digits.
fn digits(v: &str) -> Option<u64> {
    let v = v.as_bytes();
    if v.is_empty() || v.len() > 7 || !v.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(v.iter().fold(0, |n, d| n * 10 + u64::from(d - b'0')))
}

/// A cell reference ("B12", "$B$12", "B", "12"): its column and row, 1-based, each optional;
/// at most three letters and seven digits, as in any real sheet.
fn reference(v: &str) -> Option<(Option<u64>, Option<u64>)> {
    let v: Vec<u8> = v.bytes().filter(|&b| b != b'$').collect();
    let letters = v.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters > 3 || v.is_empty() {
        return None;
    }
    let col = (letters > 0).then(|| {
        v[..letters].iter().fold(0u64, |n, c| {
            n * 26 + u64::from(c.to_ascii_uppercase() - b'A') + 1
        })
    });
    let row = if letters == v.len() {
        None
    } else {
        Some(digits(std::str::from_utf8(&v[letters..]).ok()?)?)
    };
    Some((col, row))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(cells: &str) -> Vec<u8> {
        format!(
            r#"<?xml version="1.0"?><worksheet xmlns="x"><dimension ref="A1:I4"/><sheetData>{cells}</sheetData></worksheet>"#
        )
        .into_bytes()
    }

    #[test]
    fn a_table_of_our_size_passes() {
        let xml = sheet(
            r#"<row r="1" spans="1:9"><c r="A1" s="1" t="s"><v>0</v></c><c r="I1"/></row><row r="1001"><c r="BL1001" t="s"><v>1</v></c></row>"#,
        );
        assert_eq!(check_part(&xml), Ok(()));
        // Positions may be left out: they count on from the last one.
        let xml = sheet(r#"<row><c><v>1</v></c><c><v>2</v></c></row><row><c/></row>"#);
        assert_eq!(check_part(&xml), Ok(()));
    }

    #[test]
    fn cells_far_out_are_refused_before_a_grid_is_built() {
        let far = sheet(r#"<row r="1"><c r="A1"><v>1</v></c><c r="XFD1048576"><v>2</v></c></row>"#);
        assert!(check_part(&far).unwrap_err().contains("terlalu besar"));
        let far_row = sheet(r#"<row r="999999"><c r="A999999"><v>1</v></c></row>"#);
        assert!(check_part(&far_row).unwrap_err().contains("terlalu besar"));
        // Many cells without positions reach as far.
        let wide = sheet(&format!("<row>{}</row>", "<c><v>1</v></c>".repeat(65)));
        assert!(check_part(&wide).is_err());
        let long = "<row><c/></row>".repeat(MAX_SHEET_ROW as usize + 1);
        assert!(check_part(&sheet(&long)).is_err());
    }

    #[test]
    fn over_long_references_are_damage() {
        // The fuzzer's case: calamine's u32 arithmetic overflowed on this.
        let xml = br#"<worksheet><dimension ref="rrrrrrrrrrrrrrrrrrrrrrrrrA1:I4"/></worksheet>"#;
        assert!(check_part(xml).unwrap_err().contains("rusak"));
        let xml = sheet(r#"<row r="12345678901"><c r="A1"/></row>"#);
        assert!(check_part(&xml).unwrap_err().contains("rusak"));
        let xml = sheet(r#"<row r="1"><c r="A1B"/></row>"#);
        assert!(check_part(&xml).unwrap_err().contains("rusak"));
        // The fuzzer's second case: a range that ends before it starts ("LA1:I4").
        let xml = br#"<worksheet><dimension ref="lA1:I4"/></worksheet>"#;
        assert!(check_part(xml).unwrap_err().contains("rusak"));
        let xml = br#"<worksheet><dimension ref="A4:I1"/></worksheet>"#;
        assert!(check_part(xml).is_err());
        // The third: a cell that says where it is twice; the reader believes the last.
        let xml =
            sheet(r#"<row r="1"><c r="F1" r="ocument/2006/relationships"><v>1</v></c></row>"#);
        assert!(check_part(&xml).unwrap_err().contains("rusak"));
        let xml = sheet(r#"<row r="1"><c r="A1" r="XFD1"><v>1</v></c></row>"#);
        assert!(check_part(&xml).unwrap_err().contains("terlalu besar"));
        // The fourth: a value may hold a ">", so a tag ends at the first one outside quotes.
        let xml = sheet(r#"<row r="1"><c r="irget=read><sheetData><r="><v>1</v></c></row>"#);
        assert!(check_part(&xml).unwrap_err().contains("rusak"));
    }

    #[test]
    fn announced_strings_are_bounded() {
        let ok = br#"<sst xmlns="x" count="120" uniqueCount="52"><si><t>a</t></si></sst>"#;
        assert_eq!(check_part(ok), Ok(()));
        let huge = br#"<sst xmlns="x" count="5" uniqueCount="4000000000"></sst>"#;
        assert!(check_part(huge).is_err());
        let twice = br#"<sst xmlns="x" uniqueCount="5" uniqueCount="4000000"></sst>"#;
        assert!(check_part(twice).is_err());
    }

    #[test]
    fn prefixed_and_single_quoted_tags_are_read_too() {
        let xml = br#"<x:worksheet><x:sheetData><x:row r='1'><x:c r='XFD1'/></x:row></x:sheetData></x:worksheet>"#;
        assert!(check_part(xml).is_err());
        // An attribute that only ends in "r" is not a position.
        let xml = sheet(r#"<row r="1"><c r="A1" xr="XFD9"/></row>"#);
        assert_eq!(check_part(&xml), Ok(()));
    }
}
