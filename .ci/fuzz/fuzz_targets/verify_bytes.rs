//! Any bytes as a PDF handed to `verify`: every signature dictionary and revision read, each
//! signature checked against the office certificate that signed the seed (so mutations get
//! past the trust step). Refused in words or accepted, never a panic (debug assertions are
//! on: an unchecked offset overflows), a hang or runaway memory; and the two passes `verify`
//! makes over a file (the verdict, then what each signature covers) agree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sop_rkt::digital_signature::{check_pdf, cms::CheckError, coverage, keys};

/// The demo office's certificate, saved by `export-certificate` beside the seed it signed.
const OFFICE: &[u8] = include_bytes!("../seeds/verify_bytes_kantor.cer");

fn office() -> &'static [Vec<u8>] {
    static ROOTS: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    ROOTS.get_or_init(|| vec![keys::read_certificate(OFFICE).expect("the seed's office").0])
}

fuzz_target!(|data: &[u8]| {
    let verdict = check_pdf(data, office(), &[]);
    let said = coverage(data, true);
    match (&verdict, &said) {
        (None, Ok(None)) => {}
        (Some(Ok(c)), Ok(Some(words))) => {
            assert!(!c.name.is_empty() || !c.subject.is_empty());
            assert!(words.ends_with("sampai akhir berkas."), "{words}");
        }
        // A file whose signatures cannot be read is an error for both passes.
        (Some(Err(CheckError::Unreadable(why))), Err(words)) => {
            assert!(!why.is_empty() && !words.is_empty());
        }
        (Some(Err(e)), _) => assert!(!e.to_string().is_empty()),
        _ => panic!("the passes disagree: {verdict:?} / {said:?}"),
    }
});
