//! Any text as sop.toml: parsed and checked; a file that passes is laid out as the SOP PDF's
//! flowchart pages (the geometry the window and the PDF draw). Neither may panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sop_rkt::domain::sop::Sop;
use sop_rkt::pdf::{fonts::Metrics, page::Paper, sop_doc};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Sop::parse(text) {
        Ok(sop) => {
            let (pages, _) = sop_doc::layout(&sop, Paper::A4, Metrics::shared());
            assert!(!pages.is_empty(), "a valid SOP lays out on at least one page");
        }
        // Every refusal says where and what, in words.
        Err(errors) => assert!(!errors.0.is_empty() && errors.0.iter().all(|e| !e.message.is_empty())),
    }
});
