//! Messages said where they belong (#24, 8 and 12): a refusal in the dialog or card that asked,
//! not only in the bar at the foot; a message about another page, year or unit gone when that
//! one is no longer shown; a file dialog that cannot open replaced by a field to type the path
//! in, and the answer to "Periksa Keaslian PDF..." in its card.

use crate::common::*;
use egui_kittest::kittest::Queryable;
use sop_rkt::app::{ActCmd, Command, Flash, OfficeCmd, Page, Place, ViewCmd};
use sop_rkt::store::OfficialInput;

type H = egui_kittest::Harness<'static, sop_rkt::app::App>;

fn apply(h: &mut H, cmd: Command) {
    h.state_mut().running_mut().unwrap().apply(cmd);
    h.run();
}

/// The bar at the foot of the window shows a message (its close button is there).
fn bar_shown(h: &H) -> bool {
    h.query_by_label("Tutup pesan").is_some()
}

#[test]
fn a_wrong_pin_is_said_in_the_sign_in_dialog_and_goes_with_it() {
    let mut h = harness(office_store());
    h.run();
    choose(&mut h, "Hj. Nurul");
    type_into(&mut h, "PIN", "000000");
    h.get_by_label("Masuk").click();
    h.run();
    // In the dialog, where the PIN is typed again; not in the bar.
    h.get_by_label("⚠ PIN salah. Sisa percobaan: 4.");
    assert!(!bar_shown(&h), "the refusal stands in the bar too");
    assert_eq!(running(&h).message().map(|m| m.place), Some(Place::SignIn));
    // Closing the dialog closes what it said.
    h.get_by_label("Batal").click();
    h.run();
    assert_eq!(running(&h).flash(), None);
    assert!(h.query_by_label_contains("PIN salah").is_none());
}

#[test]
fn a_message_goes_when_its_year_or_page_is_no_longer_shown() {
    let mut h = open_format(demo_store());
    // 2027's table is empty: submitting it is refused, and said.
    apply(&mut h, Command::View(ViewCmd::SelectYear(2027)));
    apply(&mut h, Command::Act(ActCmd::Submit));
    assert!(
        matches!(running(&h).flash(), Some(Flash::Err(m)) if m.contains("masih kosong")),
        "{:?}",
        running(&h).flash()
    );
    assert!(bar_shown(&h));
    // Back to 2026: that message is not about the table now shown.
    apply(&mut h, Command::View(ViewCmd::SelectYear(2026)));
    assert_eq!(running(&h).flash(), None);
    assert!(!bar_shown(&h));

    // An official saved in Pengaturan: said there, and gone on the Format RKT page.
    apply(&mut h, Command::View(ViewCmd::Navigate(Page::Pengaturan)));
    let budi = running(&h)
        .store()
        .officials()
        .unwrap()
        .into_iter()
        .find(|o| o.name.starts_with("Budi Santoso"))
        .unwrap();
    let input = OfficialInput::from_official(&budi);
    apply(
        &mut h,
        Command::Office(OfficeCmd::SaveOfficial {
            id: Some(budi.id),
            input,
        }),
    );
    assert!(
        matches!(running(&h).flash(), Some(Flash::Ok(m)) if m.contains("Data pejabat Budi Santoso")),
        "{:?}",
        running(&h).flash()
    );
    h.get_by_label(Page::FormatRkt.label()).click();
    h.run();
    assert_eq!(running(&h).flash(), None);
    assert!(h.query_by_label_contains("Data pejabat").is_none());
}

/// Without a desktop file-dialog service (no xdg-desktop-portal, no zenity: a bare window
/// manager, a kiosk) "Periksa Keaslian PDF..." used to do nothing. It now says so and asks for
/// the path; the answer, ASLI or TIDAK ASLI, stands in the archive card.
#[test]
fn without_a_file_dialog_the_authenticity_check_asks_for_the_path() {
    if sop_rkt::viewer::file_dialogs() {
        eprintln!("this computer has a file dialog: the case without one is not tried here");
        return;
    }
    // The demo office, last year's RKT signed and archived.
    let mut store = sop_rkt::store::Store::open_in_memory().unwrap();
    let sop = sop_rkt::domain::sop::Sop::embedded();
    sop_rkt::export::fill_demo(&mut store, &sop, 2026, 40, fixed_now()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let archived = {
        let e = store.archive_entries().unwrap().remove(0);
        let bytes = store.archived_pdf(e.id).unwrap().unwrap();
        let p = dir.path().join("RKT 2025.pdf");
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let other = dir.path().join("lain.pdf");
    std::fs::write(&other, b"%PDF-1.4 bukan RKT").unwrap();
    let mut h = harness(store);
    h.run();
    h.get_by_label(Page::TandaTanganArsip.label()).click();
    h.run();
    h.get_by_label("Periksa Keaslian PDF...").click();
    h.run();
    h.get_by_label_contains("Jendela pilih berkas tidak bisa dibuka di komputer ini");
    let check = |h: &mut H, path: &std::path::Path| {
        h.get_by_label("Letak berkas").click();
        h.run();
        h.get_by_label("Letak berkas")
            .type_text(&path.display().to_string());
        h.run();
        h.get_by_label("Periksa Berkas Ini").click();
        h.run();
    };
    check(&mut h, &other);
    // The answer in the card, not in the bar; the field closed.
    h.get_by_label_contains("⚠ TIDAK ASLI:");
    assert!(!bar_shown(&h));
    assert!(h.query_by_label("Letak berkas").is_none());
    h.get_by_label("Periksa Keaslian PDF...").click();
    h.run();
    check(&mut h, &archived);
    h.get_by_label_contains("✔ ASLI:");
    assert!(!bar_shown(&h));
    // The answer is the archive's: it goes with the page.
    h.get_by_label(Page::Beranda.label()).click();
    h.run();
    assert_eq!(running(&h).flash(), None);
}
