//! Any bytes as a filled FORMAT RKT (.xlsx): refused with a message or read as a preview,
//! never a panic, a hang or an allocation beyond the bounds of the import.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match sop_rkt::xlsx::import::read(data, &|c| c == "1.05.02.2.01.0001") {
        Ok(p) => assert!(p.rows.len() <= sop_rkt::xlsx::MAX_ROWS),
        Err(message) => assert!(!message.is_empty()),
    }
});
