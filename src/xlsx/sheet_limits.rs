//! What the spreadsheet reader (calamine) would allocate, checked before it runs.
//!
//! calamine builds a sheet as one grid over the bounding box of its cells and reserves the
//! shared strings a file announces: a damaged or hostile file with one cell in A1 and one in
//! XFD1048576, or `uniqueCount="4000000000"`, asks for gigabytes and ends the program. Found by
//! fuzzing (`.ci/fuzz`, target xlsx_parts), as was an overflow on an over-long cell reference.
//! Every XML part of the file is scanned once here for cell and row positions, sheet
//! dimensions and string counts; anything beyond a FORMAT RKT's reach is refused.

use super::MAX_ROWS;

/// The furthest row a template may use: header, the rows taken, and blank formatted rows.
pub const MAX_SHEET_ROW: u64 = MAX_ROWS as u64 + 1_001;
/// The furthest column (BL): the template has nine, a user may note things beside them.
pub const MAX_SHEET_COL: u64 = 64;
/// Strings a file may announce (each takes memory when reserved).
pub const MAX_SHARED_STRINGS: u64 = 1_000_000;

/// Checks one XML part of the workbook.
pub fn check_part(xml: &[u8]) -> Result<(), String> {
    let mut row: u64 = 0;
    let mut col: u64 = 0;
    let mut at = 0;
    while let Some(offset) = xml[at..].iter().position(|&b| b == b'<') {
        let start = at + offset + 1;
        let end = tag_end(&xml[start..]).map_or(xml.len(), |e| start + e);
        let tag = &xml[start..end];
        at = end;
        let name_len = tag
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(tag.len());
        let name = tag[..name_len]
            .rsplit(|&b| b == b':')
            .next()
            .unwrap_or_default();
        match name {
            b"row" => {
                if !all_sound(tag, b"r", |v| digits(v).is_some()) {
                    return Err(damaged());
                }
                row = match attr(tag, b"r") {
                    Some(v) => digits(v).ok_or_else(damaged)?,
                    None => row + 1,
                };
                col = 0;
                within(row, col)?;
            }
            b"c" => {
                if !all_sound(tag, b"r", |v| reference(v).is_some()) {
                    return Err(damaged());
                }
                (row, col) = match attr(tag, b"r") {
                    Some(v) => {
                        let (c, r) = reference(v).ok_or_else(damaged)?;
                        (r.unwrap_or(row), c.unwrap_or(col + 1))
                    }
                    None => (row, col + 1),
                };
                within(row, col)?;
            }
            b"dimension" => {
                if !all_sound(tag, b"ref", |v| {
                    v.split(|&b| b == b':').all(|p| reference(p).is_some())
                }) {
                    return Err(damaged());
                }
                let v = attr(tag, b"ref").ok_or_else(damaged)?;
                let parts = v
                    .split(|&b| b == b':')
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
            b"sst" => {
                for key in [&b"count"[..], b"uniqueCount"] {
                    if !all_sound(tag, key, |v| {
                        digits(v).is_some_and(|n| n <= MAX_SHARED_STRINGS)
                    }) {
                        return Err(too_big());
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Where a tag ends: the first `>` outside quotes (an attribute value may hold one).
fn tag_end(rest: &[u8]) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in rest.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn damaged() -> String {
    "Berkas Excel rusak (alamat sel di dalamnya tidak sah).".into()
}

fn too_big() -> String {
    format!(
        "Berkas Excel ini terlalu besar untuk FORMAT RKT (isi atau format sel sampai di luar baris {MAX_SHEET_ROW} atau kolom BL). Hapus isi di luar tabel, simpan, lalu impor lagi."
    )
}

fn within(row: u64, col: u64) -> Result<(), String> {
    if row > MAX_SHEET_ROW || col > MAX_SHEET_COL {
        return Err(too_big());
    }
    Ok(())
}

/// The value of attribute `name` in a tag's text (`name="v"` or `name='v'`). A tag may repeat
/// an attribute; the reader takes the last, and every one must be sound (`all_sound`).
fn attr<'a>(tag: &'a [u8], name: &'a [u8]) -> Option<&'a [u8]> {
    attrs(tag, name).last()
}

fn attrs<'a>(tag: &'a [u8], name: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i + name.len() < tag.len() {
            let at = i;
            i += 1;
            let before = at == 0 || tag[at - 1].is_ascii_whitespace();
            if !(before && tag[at..].starts_with(name)) {
                continue;
            }
            let mut j = at + name.len();
            while tag.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            if tag.get(j) != Some(&b'=') {
                continue;
            }
            j += 1;
            while tag.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            let quote = *tag.get(j)?;
            if quote != b'"' && quote != b'\'' {
                continue;
            }
            let rest = &tag[j + 1..];
            let len = rest.iter().position(|&b| b == quote)?;
            i = j + 1 + len;
            return Some(&rest[..len]);
        }
        None
    })
}

/// Every value of a repeated attribute passes `check`.
fn all_sound(tag: &[u8], name: &[u8], check: impl Fn(&[u8]) -> bool) -> bool {
    attrs(tag, name).all(check)
}

/// A row number: 1 to 7 digits.
fn digits(v: &[u8]) -> Option<u64> {
    if v.is_empty() || v.len() > 7 || !v.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(v.iter().fold(0, |n, d| n * 10 + u64::from(d - b'0')))
}

/// A cell reference ("B12", "$B$12", "B", "12"): its column and row, 1-based, each optional;
/// at most three letters and seven digits, as in any real sheet.
fn reference(v: &[u8]) -> Option<(Option<u64>, Option<u64>)> {
    let v: Vec<u8> = v.iter().copied().filter(|&b| b != b'$').collect();
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
        Some(digits(&v[letters..])?)
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
