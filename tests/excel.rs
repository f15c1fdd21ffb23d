//! Excel as a bidang uses it: the template out, filled elsewhere, read back as a preview,
//! stored only on a yes, all rows or none.

mod common;

use common::*;
use sop_rkt::app::Command;
use sop_rkt::domain::rkt::RowValues;
use sop_rkt::domain::sop::Sop;
use sop_rkt::store::Store;

fn demo() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store
        .fill_demo(&Sop::embedded(), 2026, 14, fixed_now())
        .unwrap();
    store
}

#[test]
fn template_out_preview_in_and_stored_only_on_yes() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo();
    let unit = store.units().unwrap()[0].clone();
    let before: Vec<RowValues> = store
        .rkt_rows(2026, unit.id)
        .unwrap()
        .into_iter()
        .map(|r| r.values)
        .collect();
    // The template carries the unit's rows; "filling" it here: one row more, written as the
    // template writes rows.
    let mut filled = before.clone();
    let mut extra = before[0].clone();
    extra.keterangan = "=1+1 ditulis sebagai teks".into();
    filled.push(extra);
    let master = store.master_data().unwrap();
    let indicators: Vec<String> = master
        .renstra
        .iter()
        .flat_map(|s| s.indikator.iter().map(|i| i.text.clone()))
        .collect();
    let bytes = sop_rkt::xlsx::export::template(&sop_rkt::xlsx::export::TemplateInput {
        year: 2026,
        unit_id: unit.id,
        unit_name: &unit.name,
        rows: &filled,
        indicators: &indicators,
        sub_kegiatan: &[],
        funding: &master.funding,
    })
    .unwrap();
    let path = dir.path().join("FORMAT RKT terisi.xlsx");
    std::fs::write(&path, &bytes).unwrap();

    let mut h = harness(store);
    h.run();
    // The program's own template export writes a new file and never replaces one.
    let out = dir.path().join("templat.xlsx");
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::ExportTemplate(out.clone()));
    assert!(std::fs::metadata(&out).unwrap().len() > 0);
    std::fs::write(&out, b"isi lain").unwrap();
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::ExportTemplate(out.clone()));
    assert_eq!(std::fs::read(&out).unwrap(), b"isi lain");

    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::PreviewImport(path.clone()));
    h.run();
    let rows_now = |h: &egui_kittest::Harness<'_, sop_rkt::app::App>| -> Vec<RowValues> {
        running(h)
            .store()
            .rkt_rows(2026, unit.id)
            .unwrap()
            .into_iter()
            .map(|r| r.values)
            .collect()
    };
    assert_eq!(rows_now(&h), before, "a preview writes nothing");
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::ConfirmImport(true));
    h.run();
    assert_eq!(rows_now(&h), filled);

    // A file with a problem is shown, and cannot be imported.
    let mut bad = filled.clone();
    bad[0].target = "8O".into();
    let bad_bytes = sop_rkt::xlsx::export::template(&sop_rkt::xlsx::export::TemplateInput {
        year: 2026,
        unit_id: unit.id,
        unit_name: &unit.name,
        rows: &bad,
        indicators: &indicators,
        sub_kegiatan: &[],
        funding: &master.funding,
    })
    .unwrap();
    let bad_path = dir.path().join("salah.xlsx");
    std::fs::write(&bad_path, bad_bytes).unwrap();
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::PreviewImport(bad_path));
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::Navigate(sop_rkt::app::Page::FormatRkt));
    h.run();
    egui_kittest::kittest::Queryable::get_by_label_contains(&h, "Baris 2, kolom Target:");
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::ConfirmImport(true));
    assert_eq!(rows_now(&h), filled, "nothing from a file with problems");
    assert!(format!("{:?}", running(&h).flash()).contains("bermasalah"));
}
