//! Demo data: invented officials (never real names or NIPs), a Renstra, budget codes and
//! plausible FORMAT RKT rows, so a first look shows a full table.

use chrono::{Datelike, NaiveDateTime};

use super::{ImageRole, OfficialInput, Result, Store, StoreError};
use crate::domain::rkt::{RowValues, format_rupiah};
use crate::domain::sop::Sop;
use crate::domain::workflow::Actor;

/// (name, NIP, rank, position, lanes): all invented.
type DemoOfficial = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);

const OFFICIALS: &[DemoOfficial] = &[
    (
        "Drs. H. Rusdi Hamdani, M.Si.",
        "197104152000031007",
        "Pembina Utama Muda (IV/c)",
        "Kepala Satuan Polisi Pamong Praja",
        &["kepala"],
    ),
    (
        "Hj. Nurul Aini, S.E.",
        "197804122005012003",
        "Pembina (IV/a)",
        "Sekretaris",
        &["sekretaris"],
    ),
    (
        "Budi Santoso, S.T.",
        "198203152009031002",
        "Penata Tk. I (III/d)",
        "Kasubag Perencanaan dan Pelaporan",
        &["kasubag_pp", "tim"],
    ),
    (
        "Siti Rahmah, S.Kom.",
        "199001232015032001",
        "Penata Muda Tk. I (III/b)",
        "Analis Perencanaan (Tim RKT)",
        &["tim"],
    ),
    (
        "Ahmad Fadillah, A.Md.",
        "199305112019031004",
        "Pengatur Tk. I (II/d)",
        "Pengelola Data (Tim RKT)",
        &["tim"],
    ),
    (
        "Rina Marlina, S.Sos.",
        "198506122010012005",
        "Penata (III/c)",
        "Kabid Perlindungan Masyarakat",
        &["kabid"],
    ),
    (
        "Muhammad Yusuf, S.H.",
        "198011052006041003",
        "Penata Tk. I (III/d)",
        "Kabid Penegakan Perundang-undangan Daerah",
        &["kabid"],
    ),
    (
        "Dedi Kurniawan, S.IP.",
        "198307222008011002",
        "Penata Tk. I (III/d)",
        "Kabid Ketertiban Umum dan Ketenteraman Masyarakat",
        &["kabid"],
    ),
    (
        "Lina Marlina, S.E.",
        "198709182011012004",
        "Penata (III/c)",
        "Kasubag Keuangan",
        &["kabid"],
    ),
];

/// (indikator, satuan, target of the year)
type DemoIndikator = (&'static str, &'static str, &'static str);

/// Sasaran with their indikator.
const RENSTRA: &[(&str, &[DemoIndikator])] = &[
    (
        "Meningkatnya ketenteraman dan ketertiban umum",
        &[
            (
                "Persentase gangguan trantibum yang diselesaikan",
                "%",
                "87,5",
            ),
            (
                "Indeks Penyelenggaraan Ketenteraman dan Ketertiban Umum (IPKKU)",
                "indeks",
                "3,25",
            ),
        ],
    ),
    (
        "Meningkatnya penegakan Perda dan Perkada",
        &[
            ("Persentase Perda dan Perkada yang ditegakkan", "%", "90"),
            (
                "Persentase Pol PP dan PPNS yang ditingkatkan kompetensinya",
                "%",
                "75",
            ),
        ],
    ),
    (
        "Meningkatnya perlindungan masyarakat",
        &[("Persentase cakupan perlindungan masyarakat", "%", "80")],
    ),
    (
        "Meningkatnya kualitas perencanaan dan pelaporan kinerja",
        &[("Nilai SAKIP perangkat daerah", "nilai", "72,5")],
    ),
];

const CODES: &[(&str, &str)] = &[
    (
        "1.05.01",
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
    ),
    (
        "1.05.01.2.01",
        "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
    ),
    (
        "1.05.01.2.01.0001",
        "Penyusunan Dokumen Perencanaan Perangkat Daerah",
    ),
    (
        "1.05.01.2.01.0006",
        "Koordinasi dan Penyusunan Laporan Capaian Kinerja",
    ),
    ("1.05.01.2.02", "Administrasi Keuangan Perangkat Daerah"),
    ("1.05.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN"),
    ("1.05.01.2.06", "Administrasi Umum Perangkat Daerah"),
    (
        "1.05.01.2.06.0002",
        "Penyediaan Peralatan dan Perlengkapan Kantor",
    ),
    (
        "1.05.02",
        "Program Peningkatan Ketenteraman dan Ketertiban Umum",
    ),
    (
        "1.05.02.2.01",
        "Penanganan Gangguan Ketenteraman dan Ketertiban Umum",
    ),
    (
        "1.05.02.2.01.0001",
        "Penanganan Gangguan Ketenteraman dan Ketertiban Umum dalam 1 (Satu) Daerah Kabupaten/Kota",
    ),
    (
        "1.05.02.2.01.0002",
        "Penyediaan Sarana dan Prasarana Ketenteraman dan Ketertiban Umum",
    ),
    ("1.05.02.2.02", "Penegakan Perda dan Perkada"),
    (
        "1.05.02.2.02.0001",
        "Penegakan Peraturan Daerah dan Peraturan Kepala Daerah",
    ),
    (
        "1.05.02.2.02.0002",
        "Pengawasan atas Kepatuhan terhadap Perda dan Perkada",
    ),
    (
        "1.05.02.2.03",
        "Pembinaan Penyidik Pegawai Negeri Sipil (PPNS)",
    ),
    (
        "1.05.02.2.03.0001",
        "Peningkatan Kapasitas PPNS Kabupaten/Kota",
    ),
];

const FUNDING: &[&str] = &["DAU", "PAD", "DAK", "DBH"];

/// The head of each seeded unit, as "Penanggung Jawab".
const HEADS: &[&str] = &[
    "Kasubag Perencanaan dan Pelaporan",
    "Kasubag Keuangan",
    "Kasubag Umum dan Kepegawaian",
    "Kabid Penegakan Perundang-undangan Daerah",
    "Kabid Ketertiban Umum dan Ketenteraman Masyarakat",
    "Kabid Sumber Daya Aparatur",
    "Kabid Perlindungan Masyarakat",
];

/// (sub kegiatan codes, Renstra sasaran indices) a unit usually fills.
type DemoWork = (&'static [&'static str], &'static [usize]);

/// Which sub kegiatan and which Renstra row each unit (by seeded order) usually fills.
const UNIT_WORK: &[DemoWork] = &[
    (&["1.05.01.2.01.0001", "1.05.01.2.01.0006"], &[3]),
    (&["1.05.01.2.02.0001"], &[3]),
    (&["1.05.01.2.06.0002"], &[3]),
    (&["1.05.02.2.02.0001", "1.05.02.2.02.0002"], &[1]),
    (&["1.05.02.2.01.0001", "1.05.02.2.01.0002"], &[0]),
    (&["1.05.02.2.03.0001"], &[1]),
    (&["1.05.02.2.01.0001"], &[2]),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoReport {
    pub officials: usize,
    pub rows: usize,
    pub pagu: i64,
    /// The previous year, walked through the SOP up to the head's signature, and the invented
    /// PIN it was signed with (printed by the demo command).
    pub signed_year: Option<(i32, String)>,
}

const DEMO_SIGNATURE: &[u8] = include_bytes!("../../assets/demo-signature.png");
const DEMO_STAMP: &[u8] = include_bytes!("../../assets/demo-stamp.png");

/// The demo head's invented signing PIN.
pub const DEMO_PIN: &str = "246810";

impl Store {
    /// True when nobody has entered anything yet (no officials, no rows, no cycle).
    pub fn is_empty_office(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM officials) + (SELECT count(*) FROM rkt_rows) + (SELECT count(*) FROM cycles)",
            [],
            |r| r.get(0),
        )?;
        Ok(n == 0)
    }

    /// Fills an empty database with demo data for `year`: about `rows` FORMAT RKT rows.
    pub fn fill_demo(
        &mut self,
        sop: &Sop,
        year: i32,
        rows: usize,
        now: NaiveDateTime,
    ) -> Result<DemoReport> {
        if !self.is_empty_office()? {
            return Err(StoreError::Invalid(
                "Data contoh hanya diisikan ke basis data yang masih kosong.".into(),
            ));
        }
        let op = Actor::operator();
        for (name, nip, rank, position, lanes) in OFFICIALS {
            let input = OfficialInput {
                name: (*name).into(),
                nip: (*nip).into(),
                rank: (*rank).into(),
                position: (*position).into(),
                active: true,
                lanes: lanes
                    .iter()
                    .filter(|l| sop.lane_index(l).is_some())
                    .map(|l| l.to_string())
                    .collect(),
            };
            self.save_official(None, &input, sop, &op, now)?;
        }
        for (sasaran, indikator) in RENSTRA {
            for (text, satuan, target) in *indikator {
                let targets: Vec<(i32, String)> = (2021..=2026)
                    .chain([year])
                    .map(|y| (y, (*target).to_string()))
                    .collect::<std::collections::BTreeMap<_, _>>()
                    .into_iter()
                    .collect();
                self.add_indikator(sasaran, text, satuan, &targets, &op, now)?;
            }
        }
        for (code, name) in CODES {
            self.save_code(code, name, &op, now)?;
        }
        for f in FUNDING {
            self.add_funding_source(f, &op, now)?;
        }
        let total = self.demo_rows(year, rows)?;
        // Last year's RKT, smaller, so the archive has an entry on a first look.
        self.demo_rows(year - 1, rows.min(24))?;
        self.demo_signed_cycle(sop, year - 1)?;
        Ok(DemoReport {
            officials: OFFICIALS.len(),
            rows,
            pagu: total,
            signed_year: Some((year - 1, DEMO_PIN.to_string())),
        })
    }

    fn demo_rows(&mut self, year: i32, rows: usize) -> Result<i64> {
        let units = self.units()?;
        let mut total = 0;
        for i in 0..rows {
            let u = i % units.len();
            let (codes, renstra_idx) = UNIT_WORK[u % UNIT_WORK.len()];
            let (sasaran, indikator) = RENSTRA[renstra_idx[i % renstra_idx.len()]];
            let (ind, satuan, target) = indikator[(i / units.len()) % indikator.len()];
            // Budgets of hundreds of millions to a few billion rupiah a year, spread over rows.
            let pagu = 25_000_000 + ((i as i64 * 7_919) % 180) * 2_500_000;
            total += pagu;
            let values = RowValues {
                sasaran: sasaran.into(),
                indikator: ind.into(),
                satuan: satuan.into(),
                target: target.into(),
                code: codes[(i / units.len()) % codes.len()].into(),
                pagu: format_rupiah(pagu),
                sumber_dana: FUNDING[i % 2].into(),
                penanggung_jawab: HEADS[u % HEADS.len()].into(),
                keterangan: if i % 9 == 0 {
                    "Lanjutan kegiatan tahun sebelumnya".into()
                } else {
                    String::new()
                },
            };
            self.insert_row(year, units[u].id, None, &values)?;
        }
        Ok(total)
    }

    /// Walks `year`'s cycle through every step up to the decision, each by an official of its
    /// lane, a working day apart in January, and signs with the demo PIN. Archiving (the PDF)
    /// is left to the caller.
    fn demo_signed_cycle(&mut self, sop: &Sop, year: i32) -> Result<()> {
        use crate::domain::sop::Requirement;
        use crate::domain::workflow::Intent;
        let officials = self.officials()?;
        let in_lanes = |lanes: &[usize]| -> Result<Actor> {
            officials
                .iter()
                .find(|o| {
                    lanes
                        .iter()
                        .any(|&l| o.lanes.iter().any(|id| sop.lane_index(id) == Some(l)))
                })
                .map(|o| o.actor())
                .ok_or_else(|| StoreError::Invalid("data contoh: lajur tanpa pejabat".into()))
        };
        let mut day = chrono::NaiveDate::from_ymd_opt(year, 1, 5).expect("a date");
        let at = |d: &mut chrono::NaiveDate| {
            while matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun) {
                *d = d.succ_opt().expect("a date");
            }
            let t = d.and_hms_opt(9, 0, 0).expect("a time");
            *d = d.succ_opt().expect("a date");
            t
        };
        let first = sop
            .steps
            .first()
            .ok_or_else(|| StoreError::Invalid("SOP kosong".into()))?;
        self.transition(
            sop,
            year,
            &Intent::Start,
            &in_lanes(&first.lanes)?,
            at(&mut day),
        )?;
        for step in &sop.steps {
            let actor = in_lanes(&step.lanes)?;
            let now = at(&mut day);
            match step.requirement {
                Some(Requirement::Signed) => {
                    self.set_pin(actor.id, DEMO_PIN, &actor, now)?;
                    // An invented scan and stamp, clearly marked as such.
                    self.set_office_image(ImageRole::Signature, Some(DEMO_SIGNATURE), &actor, now)?;
                    self.set_office_image(ImageRole::Stamp, Some(DEMO_STAMP), &actor, now)?;
                    self.sign(sop, year, DEMO_PIN, true, &actor, now)?;
                    return Ok(());
                }
                Some(Requirement::FormatsSubmitted) => {
                    self.submit_all_and_compile(year, &actor, now)?;
                }
                _ => {}
            }
            let intent = Intent::Complete {
                step: step.no,
                note: String::new(),
            };
            self.transition(sop, year, &intent, &actor, now)?;
        }
        Ok(())
    }

    /// For tests and trials: submits every unit's format and compiles Draft RKT version 1.
    #[doc(hidden)]
    pub fn submit_all_and_compile(
        &mut self,
        year: i32,
        actor: &Actor,
        now: NaiveDateTime,
    ) -> Result<()> {
        let master = self.master_data()?;
        for unit in self.units()? {
            if self.submission(year, unit.id)?.is_none()
                && !self.rkt_rows(year, unit.id)?.is_empty()
            {
                self.submit_unit(year, unit.id, &master, actor, now)?;
            }
        }
        self.compile_draft(year, &master, actor, now)?;
        Ok(())
    }
}

impl Store {
    /// For tests: one valid, submitted row in the first unit and a compiled draft, so a walk
    /// through the SOP can pass steps 5 (with a reason) and 6.
    #[doc(hidden)]
    pub fn seed_minimal_draft(&mut self, year: i32, now: NaiveDateTime) -> Result<()> {
        let op = Actor::operator();
        self.save_code(CODES[2].0, CODES[2].1, &op, now)?;
        let unit = self.units()?[0].id;
        let values = RowValues {
            sasaran: RENSTRA[3].0.into(),
            indikator: RENSTRA[3].1[0].0.into(),
            satuan: RENSTRA[3].1[0].1.into(),
            target: RENSTRA[3].1[0].2.into(),
            code: CODES[2].0.into(),
            pagu: "Rp 150.000.000".into(),
            sumber_dana: "DAU".into(),
            penanggung_jawab: "Kasubag Perencanaan dan Pelaporan".into(),
            keterangan: String::new(),
        };
        self.insert_row(year, unit, None, &values)?;
        self.submit_all_and_compile(year, &op, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rkt::validate_row;
    use crate::store::test_support::at;

    #[test]
    fn demo_rows_are_all_valid_and_spread_over_the_units() {
        let mut s = Store::open_in_memory().unwrap();
        let report = s
            .fill_demo(&Sop::embedded(), 2026, 40, at(1, 5, 9))
            .unwrap();
        assert_eq!(report.rows, 40);
        let m = s.master_data().unwrap();
        let known = |c: &str| m.is_sub_kegiatan(c);
        for unit in s.units().unwrap() {
            let rows = s.rkt_rows(2026, unit.id).unwrap();
            assert!(rows.len() >= 5, "{} has {} rows", unit.name, rows.len());
            for r in rows {
                assert!(validate_row(&r.values, &known).is_empty(), "{:?}", r.values);
            }
        }
        assert!(report.pagu > 1_000_000_000, "a plausible office budget");
        // Only on an empty database.
        assert!(
            s.fill_demo(&Sop::embedded(), 2026, 40, at(1, 5, 9))
                .is_err()
        );
        s.submit_all_and_compile(2026, &Actor::operator(), at(1, 6, 9))
            .unwrap();
        assert_eq!(s.drafts(2026).unwrap()[0].rows, 40);
    }
}
