//! Pengukuran kinerja figures (#26): a year of 500 indikator × 4 quarters summarised (goal
//! ≤ 50 ms), and the LKjIP tables of that year as a PDF/A-1b, laid out and made archival
//! without the digital signature (goal ≤ 300 ms). `cargo bench --bench capaian`.

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::NaiveDate;
use sop_rkt::domain::action_plan::PlanValues;
use sop_rkt::domain::capaian::CategoryScale;
use sop_rkt::domain::indo::decimal;
use sop_rkt::domain::performance::{BudgetFacts, EvidenceLine, Facts, IndikatorFacts, summarise};
use sop_rkt::domain::quarter::Quarter;
use sop_rkt::pdf::page::Paper;
use sop_rkt::pdf::report_doc::{self, Report, ReportDocument};
use sop_rkt::pdf::rkt_doc::{Letterhead, Signer};

const INDIKATOR: usize = 500;
const UNITS: usize = 10;

/// A made-up year: 25 sasaran of 20 indikator over 10 units, every seventh lower-is-better
/// and per quarter, realisation typed as people type it, some above target and some below;
/// 200 sub kegiatan with their budget per quarter; an evidence file per indikator.
fn facts() -> Facts {
    let indikator = (0..INDIKATOR)
        .map(|i| {
            let turun = i % 7 == 0;
            let year = 40.0 + (i % 50) as f64;
            let tw: [String; 4] = if turun {
                std::array::from_fn(|_| decimal(year / 4.0))
            } else {
                [0.25, 0.5, 0.75, 1.0].map(|f| decimal(year * f))
            };
            let factor = [1.12, 0.97, 0.81, 0.55, 1.6][i % 5];
            let realisasi: [String; 4] = std::array::from_fn(|q| {
                let t = if turun {
                    year / 4.0
                } else {
                    year * (q + 1) as f64 / 4.0
                };
                decimal((t * factor * 100.0).round() / 100.0)
            });
            IndikatorFacts {
                unit: format!("Bidang {}", i % UNITS + 1),
                values: PlanValues {
                    sasaran: format!("Sasaran strategis nomor {} kabupaten", i / 20 + 1),
                    indikator: format!("Persentase capaian indikator kinerja nomor {i}"),
                    satuan: "%".into(),
                    target: decimal(year),
                    arah: if turun { "Turun" } else { "Naik" }.into(),
                    sifat: if turun { "Per Triwulan" } else { "Kumulatif" }.into(),
                    tw,
                    sub_kegiatan: format!("1.05.0{}.2.01.{:04}", i % 3 + 1, i % 40 + 1),
                    aksi: "Pelaksanaan kegiatan sesuai jadwal".into(),
                },
                realisasi,
                kendala: std::array::from_fn(|_| {
                    if factor < 1.0 {
                        "Anggaran terbatas".into()
                    } else {
                        String::new()
                    }
                }),
                tindak_lanjut: std::array::from_fn(|_| String::new()),
            }
        })
        .collect();
    let budget = (0..200)
        .map(|b| BudgetFacts {
            unit: format!("Bidang {}", b % UNITS + 1),
            code: format!("1.05.0{}.2.01.{:04}", b % 3 + 1, b + 1),
            pagu: 50_000_000 + (b as i64) * 1_000_000,
            realised: std::array::from_fn(|q| Some(10_000_000 + (q as i64) * 2_500_000)),
        })
        .collect();
    let code_names: BTreeMap<String, String> = (1..=3)
        .map(|p| (format!("1.05.0{p}"), format!("Program nomor {p}")))
        .collect();
    let last_year = (0..INDIKATOR)
        .map(|i| {
            (
                (
                    format!("Bidang {}", i % UNITS + 1),
                    format!("Persentase capaian indikator kinerja nomor {i}"),
                ),
                50.0,
            )
        })
        .collect();
    let renstra_end = (0..INDIKATOR)
        .map(|i| {
            (
                format!("Persentase capaian indikator kinerja nomor {i}"),
                (2026, "95".to_string()),
            )
        })
        .collect();
    let evidence = (0..INDIKATOR)
        .map(|i| EvidenceLine {
            quarter: Quarter::ALL[i % 4],
            unit: format!("Bidang {}", i % UNITS + 1),
            indikator: format!("Persentase capaian indikator kinerja nomor {i}"),
            name: format!("bukti-dukung-{i}.pdf"),
            size: 250_000 + i as u64,
            sha256: sop_rkt::domain::seal::sha256_hex(&i.to_le_bytes()),
        })
        .collect();
    Facts {
        year: 2025,
        indikator,
        budget,
        code_names,
        last_year,
        renstra_end,
        evidence,
        scale: CategoryScale::default(),
    }
}

fn spread(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[0], v[v.len() - 1])
}

fn main() {
    let facts = facts();
    let mut times = Vec::new();
    let mut summary = None;
    for _ in 0..30 {
        let t = Instant::now();
        let s = summarise(&facts, Quarter::ALL[3]);
        times.push(t.elapsed().as_secs_f64() * 1e3);
        summary = Some(s);
    }
    let summary = summary.unwrap();
    assert_eq!(summary.indikator.len(), INDIKATOR);
    let counted: usize = summary.categories.iter().map(|(_, n)| n).sum();
    let (med, min, max) = spread(times);
    println!(
        "ringkasan {INDIKATOR} indikator × 4 triwulan (capaian, kategori, anggaran, bukti): median {med:.2} ms, min {min:.2} ms, maks {max:.2} ms (sasaran ≤ 50 ms); {counted} indikator berkategori"
    );

    let now = NaiveDate::from_ymd_opt(2026, 1, 20)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let doc = ReportDocument {
        report: Report::Lkjip,
        year: 2025,
        letterhead: Letterhead::from_office(
            "Satuan Polisi Pamong Praja Kabupaten Balangan",
            "Jl. A. Yani, Paringin",
            "Paringin",
        ),
        summary: &summary,
        signer: Some(Signer {
            at: now,
            position: "Kepala Satuan Polisi Pamong Praja".into(),
            name: "Kepala Rekaan".into(),
            rank: "Pembina (IV/a)".into(),
            nip: Some("197104152000031007".into()),
            has_signature_image: false,
            has_stamp: false,
            certificate: Some("AA:BB".into()),
            audit_head: Some("1:00ff".into()),
        }),
        paper: Paper::A4,
        has_logo: false,
    };
    let (mut whole, mut lay) = (Vec::new(), Vec::new());
    let mut bytes = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        let pages = report_doc::layout(&doc, sop_rkt::pdf::fonts::Metrics::shared());
        lay.push(t.elapsed().as_secs_f64() * 1e3);
        assert!(!pages.is_empty());
        let t = Instant::now();
        bytes = report_doc::pdf(&doc, None, now).unwrap();
        whole.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let pages = lopdf::Document::load_mem(&bytes).unwrap().get_pages().len();
    let (med, min, max) = spread(whole);
    let (lay_med, _, _) = spread(lay);
    println!(
        "PDF tabel LKjIP {INDIKATOR} indikator (tata letak + PDF/A-1b, tanpa tanda tangan digital): median {med:.0} ms, min {min:.0} ms, maks {max:.0} ms (sasaran ≤ 300 ms); di antaranya tata letak {lay_med:.1} ms; {pages} halaman, {} KB",
        bytes.len() / 1024
    );
}
