//! The reports' layout read back as text: what each report says, where the signature block
//! and the DRAF mark go, the SHA-256 of each evidence file whole on one line.

use super::fonts::Metrics;
use super::page::{Item, Page, Paper};
use super::report_doc::{DRAFT_LINE, Report, ReportDocument, layout};
use super::report_rows;
use super::rkt_doc::{Letterhead, Signer};
use crate::domain::action_plan::PlanValues;
use crate::domain::capaian::CategoryScale;
use crate::domain::performance::{
    BudgetFacts, EvidenceLine, Facts, IndikatorFacts, Summary, summarise,
};
use crate::domain::quarter::Quarter;

const SHA: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

fn plan(sasaran: &str, indikator: &str, arah: &str, sifat: &str, tw: [&str; 4]) -> PlanValues {
    PlanValues {
        sasaran: sasaran.into(),
        indikator: indikator.into(),
        satuan: "%".into(),
        target: tw[3].into(),
        arah: arah.into(),
        sifat: sifat.into(),
        tw: tw.map(String::from),
        sub_kegiatan: "1.05.02.2.01.0001\n1.05.02.2.01.0002".into(),
        aksi: "Patroli wilayah rutin".into(),
    }
}

fn facts() -> Facts {
    let row = |values: PlanValues, r: [&str; 4]| IndikatorFacts {
        unit: "Bidang Trantibum".into(),
        values,
        realisasi: r.map(String::from),
        kendala: ["Personel kurang", "Personel kurang", "", ""].map(String::from),
        tindak_lanjut: ["Tambah regu", "Tambah regu", "", ""].map(String::from),
    };
    Facts {
        year: 2027,
        indikator: vec![
            row(
                plan(
                    "Meningkatnya ketertiban",
                    "Cakupan patroli",
                    "Naik",
                    "Kumulatif",
                    ["20", "40", "60", "80"],
                ),
                ["25", "38", "60", "84"],
            ),
            row(
                plan(
                    "Meningkatnya ketertiban",
                    "Pelanggaran perda",
                    "Turun",
                    "Per Triwulan",
                    ["10"; 4],
                ),
                ["5", "12", "", ""],
            ),
        ],
        budget: vec![BudgetFacts {
            unit: "Bidang Trantibum".into(),
            code: "1.05.02.2.01.0001".into(),
            pagu: 200_000_000,
            realised: [Some(50_000_000), Some(30_000_000), None, None],
        }],
        code_names: [("1.05.02".to_string(), "Program Ketenteraman".to_string())].into(),
        last_year: [(
            (
                "Bidang Trantibum".to_string(),
                "Cakupan patroli".to_string(),
            ),
            70.0,
        )]
        .into(),
        renstra_end: [("Cakupan patroli".to_string(), (2031, "95".to_string()))].into(),
        evidence: vec![EvidenceLine {
            quarter: Quarter::new(1).unwrap(),
            unit: "Bidang Trantibum".into(),
            indikator: "Cakupan patroli".into(),
            name: "laporan-patroli-tw1.pdf".into(),
            size: 123_456,
            sha256: SHA.into(),
        }],
        scale: CategoryScale::default(),
    }
}

fn signer() -> Signer {
    Signer {
        at: crate::test_time::moment(2027, 4, 20, 9, 0),
        position: "Kepala Satuan Polisi Pamong Praja".into(),
        name: "Drs. Contoh Kepala".into(),
        rank: "Pembina Utama Muda (IV/c)".into(),
        nip: Some("197003122000031004".into()),
        has_signature_image: false,
        has_stamp: false,
        certificate: Some("AA:BB:CC".into()),
        audit_head: Some("42:00112233445566778899aabbccddeeff".into()),
    }
}

fn pages(report: Report, s: &Summary, signer: Option<Signer>) -> Vec<Page> {
    let doc = ReportDocument {
        report,
        year: 2027,
        letterhead: Letterhead::from_office(
            "Satuan Polisi Pamong Praja Kabupaten Balangan",
            "Jl. Contoh No. 1",
            "Paringin",
        ),
        summary: s,
        signer,
        paper: Paper::A4,
        has_logo: false,
    };
    layout(&doc, &Metrics::new())
}

fn all_text(pages: &[Page]) -> Vec<String> {
    pages
        .iter()
        .flat_map(|p| p.texts().map(str::to_string))
        .collect()
}

fn has(texts: &[String], said: &str) -> bool {
    texts.iter().any(|t| t == said)
}

#[test]
fn the_rencana_aksi_prints_each_indikator_with_its_quarters_and_actions() {
    let s = summarise(&facts(), Quarter::ALL[3]);
    let rows = report_rows::plan_rows(&s);
    let cells: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
        .collect();
    assert_eq!(
        cells[0],
        [
            "1",
            "Meningkatnya ketertiban",
            "Cakupan patroli",
            "%",
            "80",
            "Naik",
            "Kumulatif",
            "20",
            "40",
            "60",
            "80",
            "Bidang Trantibum",
            "1.05.02.2.01.0001\n1.05.02.2.01.0002",
            "Patroli wilayah rutin"
        ]
    );
    // The same sasaran is written once, its cells merged with the row above.
    assert_eq!((cells[1][0], cells[1][1], rows[1].continues), ("", "", 2));
    assert_eq!(cells[1][5], "Turun");
    // A sasaran that comes back later in the plan is grouped with its first rows.
    let mut f = facts();
    f.indikator.insert(1, f.indikator[1].clone());
    f.indikator[1].values.sasaran = "Sasaran lain".into();
    let grouped = report_rows::plan_rows(&summarise(&f, Quarter::ALL[3]));
    let sasaran: Vec<&str> = grouped.iter().map(|r| r.cells[1].text.as_str()).collect();
    assert_eq!(sasaran, ["Meningkatnya ketertiban", "", "Sasaran lain"]);
    let texts = all_text(&pages(Report::RencanaAksi, &s, None));
    for said in [
        "RENCANA AKSI",
        "TAHUN 2027",
        "1.05.02.2.01.0002",
        "Per Triwulan",
        "TW III",
    ] {
        assert!(has(&texts, said), "{said} missing: {texts:?}");
    }
}

#[test]
fn the_quarterly_report_has_the_quarter_the_year_so_far_budget_legend_and_evidence() {
    let s = summarise(&facts(), Quarter::new(2).unwrap());
    let rows = report_rows::capaian_rows(&s, Quarter::new(2).unwrap());
    let a: Vec<&str> = rows[0].cells.iter().map(|c| c.text.as_str()).collect();
    // TW II: 38 of 40 (95 %, Sangat Baik); the year so far 38 of 80 (47,5 %).
    assert_eq!(&a[4..9], ["40", "38", "95", "Sangat Baik", "80"]);
    assert_eq!(&a[9..11], ["38", "47,5"]);
    let b: Vec<&str> = rows[1].cells.iter().map(|c| c.text.as_str()).collect();
    // Lower is better: 12 against 10 is (1 + (1 − 1,2)) × 100 = 80 % (Baik).
    assert_eq!(&b[5..8], ["12", "80", "Baik"]);
    let units = report_rows::unit_rows(&s);
    let u: Vec<&str> = units[0].cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        u,
        ["1", "Bidang Trantibum", "200.000.000", "80.000.000", "40"]
    );
    let texts = all_text(&pages(
        Report::Capaian(Quarter::new(2).unwrap()),
        &s,
        Some(signer()),
    ));
    for said in [
        "LAPORAN CAPAIAN KINERJA",
        "TRIWULAN II TAHUN 2027",
        "Personel kurang",
        "≥ 91 %: Sangat Baik",
        "< 51 %: Sangat Kurang",
        "Program Ketenteraman",
        "laporan-patroli-tw1.pdf",
        "121 KB",
        SHA,
        "Cakupan patroli",
        "target (100 %)",
        "Paringin, 20 April 2027",
        "Drs. CONTOH KEPALA",
    ] {
        assert!(has(&texts, said), "{said} missing: {texts:?}");
    }
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Rantai log audit: #42 0011223344556677"))
    );
    assert!(
        !texts.iter().any(|t| t.contains("DRAF")),
        "signed: no draft mark"
    );
}

#[test]
fn the_lkjip_tables_compare_last_year_and_the_renstra_and_count_categories() {
    let s = summarise(&facts(), Quarter::ALL[3]);
    let last = report_rows::lkjip_last_year_rows(&s);
    let l: Vec<&str> = last[0].cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(&l[3..], ["70", "84", "+14"]);
    let renstra = report_rows::lkjip_renstra_rows(&s);
    let r: Vec<&str> = renstra[0].cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(&r[3..], ["84", "95", "2031", "88,42"]);
    assert_eq!(
        renstra[1].cells[4].text,
        report_rows::NONE,
        "no Renstra target"
    );
    let counted = report_rows::category_rows(&s);
    let c: Vec<Vec<&str>> = counted
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
        .collect();
    // 84 of 80 (105 %): Sangat Baik; lower is better, 5 + 12 against 10: 30 %, Sangat Kurang.
    assert_eq!(c[0], ["Sangat Baik", "≥ 91 %", "1"]);
    assert_eq!(c[1], ["Baik", "76 – < 91 %", "0"]);
    assert_eq!(c[4], ["Sangat Kurang", "< 51 %", "1"]);
    assert_eq!(c.last().unwrap(), &["JUMLAH", "", "2"]);
    let pages = pages(Report::Lkjip, &s, None);
    let texts = all_text(&pages);
    for said in [
        "TABEL CAPAIAN KINERJA (BAB III LKjIP)",
        "Tabel 3.2 Perbandingan Realisasi Tahun 2027 dengan Tahun 2026",
        "Realisasi 2026",
        "Tabel 3.3 Perbandingan Realisasi Tahun 2027 dengan Target Akhir Renstra",
        "JUMLAH",
        "105",
        SHA,
    ] {
        assert!(has(&texts, said), "{said} missing: {texts:?}");
    }
    // The short table of categories stays on one page.
    let page_of = |said: &str| pages.iter().position(|p| p.texts().any(|t| t == said));
    assert_eq!(page_of("< 51 %"), page_of("Rentang Capaian"));
    // A draft: every page marked, no signature block.
    for p in &pages {
        assert!(p.texts().any(|t| t == "DRAF"));
        assert!(p.texts().any(|t| t.contains(DRAFT_LINE)));
    }
    assert!(!texts.iter().any(|t| t.contains("Rantai log audit")));
}

#[test]
fn the_charts_are_drawn_inside_the_page() {
    let s = summarise(&facts(), Quarter::ALL[3]);
    let pages = pages(Report::Lkjip, &s, Some(signer()));
    let (w, h) = Paper::A4.size();
    let rects: Vec<(f32, f32, f32, f32)> = pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Rect {
                x,
                y,
                w,
                h,
                fill: Some(f),
                stroke: None,
            } if f.2 > 0.6 && f.0 < 0.2 => Some((*x, *y, *w, *h)),
            _ => None,
        })
        .collect();
    // The capaian bars of TW I (blue) and the serapan bar.
    assert!(rects.len() >= 3, "{rects:?}");
    assert!(
        rects
            .iter()
            .all(|(x, y, rw, rh)| *x >= 0.0 && x + rw <= w && *y >= 0.0 && y + rh <= h)
    );
    let texts = all_text(&pages);
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Grafik Capaian per Indikator TW I–IV"))
    );
    assert!(has(&texts, "40 %"), "the serapan of the unit: {texts:?}");
}

#[test]
fn an_empty_year_says_there_is_no_data_yet() {
    let f = Facts {
        year: 2027,
        ..Default::default()
    };
    let s = summarise(&f, Quarter::ALL[0]);
    let texts = all_text(&pages(Report::Capaian(Quarter::ALL[0]), &s, None));
    assert_eq!(texts.iter().filter(|t| *t == "Belum ada data").count(), 2);
    assert!(has(&texts, "Tidak ada bukti dukung yang dilaporkan."));
}

/// Many indikator and evidence files: the signature block stands with the last rows, and
/// every SHA-256 is printed whole.
#[test]
fn the_signature_shares_the_last_page_with_the_evidence() {
    let mut f = facts();
    let first = f.indikator[0].clone();
    for i in 0..40 {
        let mut r = first.clone();
        r.values.indikator = format!("Indikator {i}");
        f.indikator.push(r);
        f.evidence.push(EvidenceLine {
            name: format!("bukti-{i}.pdf"),
            ..f.evidence[0].clone()
        });
    }
    let s = summarise(&f, Quarter::ALL[3]);
    let pages = pages(Report::Lkjip, &s, Some(signer()));
    let last = pages.last().unwrap();
    assert!(last.texts().any(|t| t == "Paringin, 20 April 2027"));
    assert!(last.texts().any(|t| t == "bukti-39.pdf"));
    let texts = all_text(&pages);
    assert_eq!(texts.iter().filter(|t| *t == SHA).count(), 41);
}
