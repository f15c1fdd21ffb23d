//! Our own template with one of its parts (sheet XML, shared strings, workbook, styles, ...)
//! replaced by the input and packed again: reaches the XML readers behind the zip layer that
//! random bytes (xlsx_bytes) rarely get through.
#![no_main]

use std::io::{Cursor, Read, Write};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sop_rkt::domain::rkt::RowValues;
use sop_rkt::xlsx::export::{TemplateInput, template};

fn parts() -> &'static Vec<(String, Vec<u8>)> {
    static PARTS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    PARTS.get_or_init(|| {
        let row = RowValues {
            sasaran: "Meningkatnya ketenteraman".into(),
            indikator: "Persentase gangguan yang diselesaikan".into(),
            satuan: "%".into(),
            target: "87,5".into(),
            code: "1.05.02.2.01.0001".into(),
            pagu: "Rp 1.250.000".into(),
            sumber_dana: "DAU".into(),
            penanggung_jawab: "Kasi Ops".into(),
            keterangan: "=1+1".into(),
        };
        let bytes = template(&TemplateInput {
            year: 2027,
            unit_id: 1,
            unit_name: "Bidang Contoh",
            rows: &[row],
            sasaran: &[],
            indicators: &["Persentase gangguan yang diselesaikan".into()],
            sub_kegiatan: &[("1.05.02.2.01.0001".into(), "Contoh".into())],
            funding: &["DAU".into()],
        })
        .expect("template");
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("our zip");
        (0..zip.len())
            .map(|i| {
                let mut e = zip.by_index(i).expect("entry");
                let mut v = Vec::new();
                e.read_to_end(&mut v).expect("read");
                (e.name().expect("name").to_string(), v)
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let parts = parts();
    let replaced = pick as usize % parts.len();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    for (i, (name, content)) in parts.iter().enumerate() {
        out.start_file(name.as_str(), opts).unwrap();
        out.write_all(if i == replaced { body } else { content })
            .unwrap();
    }
    let bytes = out.finish().unwrap().into_inner();
    if let Err(message) = sop_rkt::xlsx::import::read(&bytes, &|c| c == "1.05.02.2.01.0001") {
        assert!(!message.is_empty());
    }
});
