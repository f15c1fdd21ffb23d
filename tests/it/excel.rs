//! Excel as a bidang uses it: the template out, filled elsewhere, read back as a preview,
//! stored only on a yes, all rows or none.

use crate::common::*;
use eframe::egui;
use sop_rkt::app::{Command, FileCmd, ViewCmd};
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
    let master = store.master_data(2026).unwrap();
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
        sasaran: &[],
        indicators: &indicators,
        sub_kegiatan: &[],
        funding: &master.funding,
    })
    .unwrap();
    let path = dir.path().join("FORMAT RKT terisi.xlsx");
    std::fs::write(&path, &bytes).unwrap();

    let mut h = harness(store);
    h.run();
    act_as(&mut h, "Budi Santoso");
    // The program's own template export writes a new file and never replaces one.
    let out = dir.path().join("templat.xlsx");
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::File(FileCmd::ExportTemplate(out.clone())));
    assert!(std::fs::metadata(&out).unwrap().len() > 0);
    std::fs::write(&out, b"isi lain").unwrap();
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::File(FileCmd::ExportTemplate(out.clone())));
    assert_eq!(std::fs::read(&out).unwrap(), b"isi lain");

    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::File(FileCmd::PreviewImport(path.clone())));
    h.run();
    let rows_now =
        |h: &egui_kittest::Harness<'_, sop_rkt::app::App>| rows_of(running(h).store(), unit.id);
    assert_eq!(rows_now(&h), before, "a preview writes nothing");
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::File(FileCmd::ConfirmImport(true)));
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
        sasaran: &[],
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
        .apply(Command::File(FileCmd::PreviewImport(bad_path)));
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::View(ViewCmd::Navigate(
            sop_rkt::app::Page::FormatRkt,
        )));
    h.run();
    egui_kittest::kittest::Queryable::get_by_label_contains(&h, "Baris 2 (No 1), kolom Target:");
    h.state_mut()
        .running_mut()
        .unwrap()
        .apply(Command::File(FileCmd::ConfirmImport(true)));
    assert_eq!(rows_now(&h), filled, "nothing from a file with problems");
    assert!(format!("{:?}", running(&h).flash()).contains("bermasalah"));
}

/// A file dropped on the window, as egui-winit hands it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// The round trip as a new user made it (see tests/data/README.md): our template, filled in
/// LibreOffice Calc by typing (a typo "8O" in the first save, corrected in the second), each
/// file dropped on the window.
#[test]
fn a_template_filled_in_libreoffice_is_dropped_previewed_corrected_and_imported() {
    use egui_kittest::kittest::Queryable;
    use sop_rkt::domain::rkt::parse_rupiah;
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    // The sasaran the clerk typed in the new rows, made one of the Renstra's (a sasaran that
    // is not is refused, as the table offers only the Renstra's).
    let mut store = demo();
    let op = pengelola(&mut store);
    store
        .add_indikator(
            "Meningkatnya kualitas pelayanan administrasi perkantoran",
            "Nilai SAKIP perangkat daerah",
            "nilai",
            &[(2026, "80".into())],
            &op,
            fixed_now(),
        )
        .unwrap();
    let mut h = harness(store);
    h.run();
    // The Kasubag Umum dan Kepegawaian imports the file of her own sub bagian.
    act_as(&mut h, "Hendra Gunawan");
    h.get_by_label("Format RKT").click();
    h.run();
    let unit = running(&h).store().units().unwrap()[2].clone();
    let unit_rows =
        |h: &egui_kittest::Harness<'_, sop_rkt::app::App>| rows_of(running(h).store(), unit.id);
    let before = unit_rows(&h);
    let drop = |h: &mut egui_kittest::Harness<'_, sop_rkt::app::App>, name: &str| {
        h.input_mut()
            .dropped_files
            .push(std::sync::Arc::new(Dropped(data.join(name))));
        h.run();
        h.run();
    };

    // Looking at another unit and year when the file comes: the page turns to the file's.
    let app = h.state_mut().running_mut().unwrap();
    app.apply(Command::View(ViewCmd::SelectYear(2027)));
    app.apply(Command::View(ViewCmd::SelectUnit(unit.id - 1)));
    h.run();
    drop(&mut h, "format-rkt-libreoffice-salah-ketik.xlsx");
    assert_eq!(
        (running(&h).year(), running(&h).unit()),
        (2026, Some(unit.id)),
        "{:?}",
        running(&h).flash()
    );
    h.get_by_label_contains(&format!("{} tahun 2026 — 5 baris, 1 masalah", unit.name));
    h.get_by_label_contains("Baris 6 (No 5), kolom Target: target \"8O\" bukan angka");
    h.get_by_label("Impor 5 baris").click();
    h.run();
    assert_eq!(
        unit_rows(&h),
        before,
        "a file with a problem changes nothing"
    );

    drop(&mut h, "format-rkt-libreoffice.xlsx");
    h.get_by_label_contains("5 baris, 0 masalah");
    // The preview shows what the file holds before anything is stored.
    h.get_by_label_contains("Jumlah pagu di berkas: Rp");
    // Open as the preview comes: the rows are what is decided on.
    h.get_by_label("Baris yang akan diimpor (5)");
    h.get_by_label("Pengadaan ATK");
    // As the table will show it, whatever way it was typed.
    h.get_by_label("Rp 75.000.000");
    h.snapshot("impor_pratinjau");
    assert_eq!(unit_rows(&h), before, "a preview writes nothing");
    h.get_by_label("Impor 5 baris").click();
    h.run();
    let rows = unit_rows(&h);
    assert_eq!(rows.len(), 5);
    // The three rows the template carried come back whole, the wrapped sasaran included.
    assert!(
        rows[..3]
            .iter()
            .all(|r| r.sasaran.ends_with("kinerja") && r.sasaran.len() > 20)
    );
    let typed = &rows[3];
    assert_eq!(
        typed.sasaran,
        "Meningkatnya kualitas pelayanan administrasi perkantoran"
    );
    assert_eq!(typed.indikator, "Nilai SAKIP perangkat daerah");
    assert_eq!(
        (typed.target.as_str(), typed.code.as_str()),
        ("80", "1.05.01.2.06.0002")
    );
    assert_eq!(parse_rupiah(&typed.pagu), Ok(150_000_000));
    // "Kasubag Umum" was typed; Calc's AutoInput completed it from the rows above, as it
    // does for every user, and the file holds what Calc showed.
    assert_eq!(
        (
            typed.sumber_dana.as_str(),
            typed.penanggung_jawab.as_str(),
            typed.keterangan.as_str()
        ),
        ("DAU", "Kasubag Umum dan Kepegawaian", "-")
    );
    // Typed with the dots of an Indonesian amount; Calc in English kept it as text.
    assert_eq!(parse_rupiah(&rows[4].pagu), Ok(75_000_000));
    assert_eq!(rows[4].keterangan, "Pengadaan ATK");
    assert!(format!("{:?}", running(&h).flash()).contains("5 baris"));
}

#[test]
fn a_dropped_file_that_is_not_a_template_is_refused_with_its_reason() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("surat.pdf");
    std::fs::write(&pdf, b"%PDF-1.4 bukan excel").unwrap();
    let mut h = harness(demo());
    h.run();
    h.get_by_label("Format RKT").click();
    h.run();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(pdf)));
    h.run();
    h.run();
    let flash = format!("{:?}", running(&h).flash());
    assert!(flash.contains("bukan berkas Excel .xlsx"), "{flash}");
}

/// Filled in LibreOffice Calc through its own input line (tests/data/isi-dengan-libreoffice.py):
/// a sasaran merged over three new rows, a target typed "1/2" (Calc made it a date), a code
/// pasted with no-break spaces around it.
#[test]
fn a_date_typed_target_is_refused_merged_sasaran_carried_down_and_pasted_spaces_tidied() {
    let store = demo();
    let master = store.master_data(2026).unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/format-rkt-libreoffice-gabung-tanggal.xlsx");
    let bytes = std::fs::read(path).unwrap();
    let p = sop_rkt::xlsx::import::read(&bytes, &|c| master.is_sub_kegiatan(c)).unwrap();
    // Rows 8-10 of the sheet are the new ones (after the six the template carried).
    let new = &p.rows[p.rows.len() - 3..];
    let sasaran = "Meningkatnya kualitas perencanaan dan pelaporan kinerja";
    for r in new {
        assert_eq!(
            r.sasaran, sasaran,
            "the merged value, on every row of the merge"
        );
    }
    assert_eq!(
        p.notes,
        [
            "Kolom Sasaran baris 9–10: sel gabungan dengan baris 8; isinya dipakai untuk setiap baris itu."
        ]
    );
    assert_eq!(new[2].code, "1.05.01.2.06.0002", "no-break spaces gone");
    assert_eq!(
        p.problems,
        [
            "Baris 9 (No 8), kolom Target: terbaca sebagai tanggal (2 Januari 2026), bukan angka. Ubah format sel menjadi Angka atau Teks, lalu ketik ulang angkanya."
        ]
    );
}

/// Filled in LibreOffice Calc (tests/data/isi-pilihan-dengan-libreoffice.py) as the clerk of
/// issue 27 did: "dau" and " pad ", a sasaran in lower case with doubled spaces, "Nilai", the
/// code as the drop-down offers it ("code — name"). The values come in as the lists write them;
/// a sumber dana the list does not hold is named by row and column, and nothing is stored.
#[test]
fn pick_list_values_typed_in_libreoffice_come_in_as_the_lists_write_them() {
    use egui_kittest::kittest::Queryable;
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut h = harness(demo());
    h.run();
    act_as(&mut h, "Hendra Gunawan");
    h.get_by_label("Format RKT").click();
    h.run();
    let unit = running(&h).store().units().unwrap()[2].clone();
    let before = rows_of(running(&h).store(), unit.id);
    let drop = |h: &mut egui_kittest::Harness<'_, sop_rkt::app::App>, name: &str| {
        h.input_mut()
            .dropped_files
            .push(std::sync::Arc::new(Dropped(data.join(name))));
        h.run();
        h.run();
    };
    drop(&mut h, "format-rkt-libreoffice-pilihan-salah.xlsx");
    h.get_by_label_contains("4 baris, 1 masalah");
    h.get_by_label_contains(
        "Baris 5 (No 4), kolom Sumber Dana: sumber dana \"APBN\" tidak ada di daftar (DAU, PAD, DAK, DBH)",
    );
    h.get_by_label("Impor 4 baris").click();
    h.run();
    assert_eq!(
        rows_of(running(&h).store(), unit.id),
        before,
        "nothing stored"
    );

    drop(&mut h, "format-rkt-libreoffice-pilihan.xlsx");
    h.get_by_label_contains("4 baris, 0 masalah");
    h.get_by_label_contains("Dibanding baris unit sekarang: 2 baru, 0 berubah, 2 tetap, 0 hilang");
    h.get_by_label("Impor 4 baris").click();
    h.run();
    let rows = rows_of(running(&h).store(), unit.id);
    assert_eq!(rows[..2], before[..], "{:?}", running(&h).flash());
    for (r, funding) in rows[2..].iter().zip(["DAU", "PAD"]) {
        assert_eq!(
            r.sasaran,
            "Meningkatnya kualitas perencanaan dan pelaporan kinerja"
        );
        assert_eq!(r.indikator, "Nilai SAKIP perangkat daerah");
        assert_eq!(r.satuan, "nilai");
        assert_eq!(
            r.code, "1.05.01.2.06.0002",
            "the name the drop-down showed, left off"
        );
        assert_eq!(r.sumber_dana, funding);
    }
    // Typed into rows below the data: Calc gave the pagu the column's thousands format.
    assert_eq!(rows[2].pagu, "Rp 125.000.000");
    assert_eq!(rows[3].target, "82,5");
}

/// The preview against the unit's rows now: a changed pagu and target each "old → new", a new
/// row marked, a row the file no longer holds listed under its No.
#[test]
fn the_import_preview_marks_each_changed_cell_against_the_rows_now() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let store = demo();
    let unit = store.units().unwrap()[0].clone();
    let now = rows_of(&store, unit.id);
    assert!(now.len() >= 2, "{}", now.len());
    let master = store.master_data(2026).unwrap();
    let mut file = now.clone();
    file[0].pagu = "Rp 30.000.000".into();
    file[0].target = "95".into();
    let gone = file.remove(1);
    let mut fresh = now[0].clone();
    fresh.code = "1.05.02.2.03.0001".into();
    fresh.pagu = "Rp 7.000.000".into();
    fresh.keterangan = "Baris baru".into();
    fresh.penanggung_jawab = "Orang lain".into();
    fresh.sumber_dana = "DBH".into();
    fresh.target = "1".into();
    file.push(fresh);
    let bytes = sop_rkt::xlsx::export::template(&sop_rkt::xlsx::export::TemplateInput {
        year: 2026,
        unit_id: unit.id,
        unit_name: &unit.name,
        rows: &file,
        sasaran: &master.sasaran_order(),
        indicators: &[],
        sub_kegiatan: &[],
        funding: &master.funding,
    })
    .unwrap();
    let path = dir.path().join("berubah.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let mut h = harness(store);
    h.run();
    act_as(&mut h, "Budi Santoso");
    let app = h.state_mut().running_mut().unwrap();
    app.apply(Command::View(ViewCmd::Navigate(
        sop_rkt::app::Page::FormatRkt,
    )));
    app.apply(Command::File(FileCmd::PreviewImport(path)));
    h.run();
    h.get_by_label_contains(&format!(
        "Dibanding baris unit sekarang: 1 baru, 1 berubah, {} tetap, 1 hilang",
        now.len() - 2
    ));
    let rows = format!("Baris yang akan diimpor ({})", file.len());
    h.get_by_label(&rows).scroll_to_me();
    h.run();
    h.get_by_label(&format!("{} → Rp 30.000.000", now[0].pagu));
    h.get_by_label(&format!("{} → 95", now[0].target));
    h.get_by_label("berubah");
    h.get_by_label("baru");
    let gone_header = "Baris sekarang yang tidak ada di berkas (akan terhapus) (1)";
    h.get_by_label(gone_header).scroll_to_me();
    h.run();
    h.get_by_label(gone_header).click();
    h.run();
    h.get_by_label("No sekarang");
    h.get_by_label(&gone.pagu);
}
