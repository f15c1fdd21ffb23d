//! Whatever a bidang types, through our template and back: the input is cut into cell texts,
//! written into a template, read again. Text columns must come back exactly as written (less
//! the control characters no workbook carries), and target and pagu as the same numbers: an
//! import never changes what was typed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sop_rkt::domain::rkt::{Col, RowValues, parse_rupiah, parse_target};
use sop_rkt::xlsx::export::{TemplateInput, excel_text, template};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let cells: Vec<&str> = text.split('\u{1f}').collect();
    let rows: Vec<RowValues> = cells
        .chunks(Col::ALL.len())
        .take(50)
        .map(|chunk| {
            let mut v = RowValues::default();
            for (c, s) in Col::ALL.iter().zip(chunk) {
                v.set(*c, (*s).to_string());
            }
            v
        })
        .collect();
    let Ok(bytes) = template(&TemplateInput {
        year: 2027,
        unit_id: 3,
        unit_name: "Bidang Contoh",
        rows: &rows,
        sasaran: &[],
        indicators: &[],
        sub_kegiatan: &[],
        funding: &[],
    }) else {
        return; // refused by the writer (e.g. a cell beyond Excel's 32,767 characters)
    };
    let preview = sop_rkt::xlsx::import::read(&bytes, &|_| true).expect("our own template reads");
    assert_eq!((preview.year, preview.unit_id), (2027, 3));
    // What a workbook can hold: the text without control characters (excel_text).
    let sanitized: Vec<RowValues> = rows
        .iter()
        .map(|r| {
            let mut v = RowValues::default();
            for c in Col::ALL {
                v.set(c, excel_text(r.get(c)).into_owned());
            }
            v
        })
        .collect();
    let written: Vec<&RowValues> = sanitized.iter().filter(|r| !r.is_blank()).collect();
    assert_eq!(preview.rows.len(), written.len(), "rows lost or added");
    for (w, r) in written.iter().zip(&preview.rows) {
        for c in Col::ALL {
            let (a, b) = (w.get(c), r.get(c));
            match c {
                Col::Target if parse_target(a).is_ok() && !a.trim().is_empty() => {
                    let (x, y) = (parse_target(a).unwrap(), parse_target(b).expect("target reads back"));
                    assert!((x - y).abs() <= 1e-6 * x.abs().max(1.0), "{c:?}: {a:?} -> {b:?}");
                }
                Col::Pagu if parse_rupiah(a).is_ok() && !a.trim().is_empty() => {
                    assert_eq!(parse_rupiah(a), parse_rupiah(b), "{c:?}: {a:?} -> {b:?}");
                }
                _ => assert_eq!(a, b, "{c:?} changed"),
            }
        }
    }
});
