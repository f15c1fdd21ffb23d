//! Demo data: invented officials (never real names or NIPs), a Renstra, budget codes and
//! plausible FORMAT RKT rows, so a first look shows a full table.

use chrono::{Datelike, NaiveDateTime};

use super::identity::Identity;
use super::{ImageRole, Official, OfficialInput, Result, Store, StoreError};
use crate::domain::rkt::{RowValues, format_rupiah};
use crate::domain::sop::Sop;

/// (name, NIP, rank, position, lanes, unit by its place in the list from 1): all invented.
type DemoOfficial = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    Option<usize>,
);

const OFFICIALS: &[DemoOfficial] = &[
    (
        "Drs. H. Rusdi Hamdani, M.Si.",
        "197104152000031007",
        "Pembina Utama Muda (IV/c)",
        "Kepala Satuan Polisi Pamong Praja",
        &["kepala"],
        None,
    ),
    (
        "Hj. Nurul Aini, S.E.",
        "197804122005012003",
        "Pembina (IV/a)",
        "Sekretaris",
        &["sekretaris"],
        None,
    ),
    (
        "Budi Santoso, S.T.",
        "198203152009031002",
        "Penata Tk. I (III/d)",
        "Kasubag Perencanaan dan Pelaporan",
        &["kasubag_pp", "tim"],
        Some(1),
    ),
    (
        "Siti Rahmah, S.Kom.",
        "199001232015032001",
        "Penata Muda Tk. I (III/b)",
        "Analis Perencanaan (Tim RKT)",
        &["tim"],
        Some(1),
    ),
    (
        "Ahmad Fadillah, A.Md.",
        "199305112019031004",
        "Pengatur Tk. I (II/d)",
        "Pengelola Data (Tim RKT)",
        &["tim"],
        Some(1),
    ),
    (
        "Rina Marlina, S.Sos.",
        "198506122010012005",
        "Penata (III/c)",
        "Kabid Perlindungan Masyarakat",
        &["kabid"],
        Some(7),
    ),
    (
        "Muhammad Yusuf, S.H.",
        "198011052006041003",
        "Penata Tk. I (III/d)",
        "Kabid Penegakan Perundang-undangan Daerah",
        &["kabid"],
        Some(4),
    ),
    (
        "Dedi Kurniawan, S.IP.",
        "198307222008011002",
        "Penata Tk. I (III/d)",
        "Kabid Ketertiban Umum dan Ketenteraman Masyarakat",
        &["kabid"],
        Some(5),
    ),
    (
        "Lina Marlina, S.E.",
        "198709182011012004",
        "Penata (III/c)",
        "Kasubag Keuangan",
        &["kabid"],
        Some(2),
    ),
    (
        "Hendra Gunawan, S.AP.",
        "198409142010011006",
        "Penata (III/c)",
        "Kasubag Umum dan Kepegawaian",
        &["kabid"],
        Some(3),
    ),
    (
        "Yuliana Safitri, S.Psi.",
        "198812042012122003",
        "Penata (III/c)",
        "Kabid Sumber Daya Aparatur",
        &["kabid"],
        Some(6),
    ),
];

/// (indikator, satuan, target in 2021, yearly step): targets rise over the Renstra period.
type DemoIndikator = (&'static str, &'static str, f64, f64);

/// Sasaran with their indikator.
const RENSTRA: &[(&str, &[DemoIndikator])] = &[
    (
        "Meningkatnya ketenteraman dan ketertiban umum",
        &[
            (
                "Persentase gangguan trantibum yang diselesaikan",
                "%",
                80.0,
                1.5,
            ),
            (
                "Indeks Penyelenggaraan Ketenteraman dan Ketertiban Umum (IPKKU)",
                "indeks",
                2.9,
                0.07,
            ),
            (
                "Jumlah patroli wilayah yang dilaksanakan",
                "kali",
                96.0,
                12.0,
            ),
        ],
    ),
    (
        "Meningkatnya penegakan Perda dan Perkada",
        &[
            (
                "Persentase Perda dan Perkada yang ditegakkan",
                "%",
                82.0,
                2.0,
            ),
            (
                "Persentase Pol PP dan PPNS yang ditingkatkan kompetensinya",
                "%",
                55.0,
                5.0,
            ),
            // Lower is better: the demo's indikator measured the other way (Rencana Aksi: Turun).
            (
                "Jumlah pelanggaran Perda yang berulang",
                "kasus",
                30.0,
                -2.0,
            ),
        ],
    ),
    (
        "Meningkatnya perlindungan masyarakat",
        &[
            ("Persentase cakupan perlindungan masyarakat", "%", 65.0, 3.0),
            (
                "Jumlah anggota Satlinmas yang dilatih",
                "orang",
                120.0,
                30.0,
            ),
        ],
    ),
    (
        "Meningkatnya kualitas perencanaan dan pelaporan kinerja",
        &[
            ("Nilai SAKIP perangkat daerah", "nilai", 62.5, 2.0),
            (
                "Persentase dokumen perencanaan dan pelaporan yang tepat waktu",
                "%",
                85.0,
                3.0,
            ),
        ],
    ),
];

/// An indikator's target for `year`, written the Indonesian way ("87,5").
fn target_of(ind: &DemoIndikator, year: i32) -> String {
    let t = ind.2 + ind.3 * f64::from((year - 2021).clamp(0, 10));
    // A share never passes a hundred percent, however many years the demo runs.
    let t = if ind.1 == "%" { t.min(100.0) } else { t };
    crate::domain::indo::decimal(t)
}

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

/// National holidays on the same date every year (day, month, name).
const FIXED_HOLIDAYS: &[(u32, u32, &str)] = &[
    (1, 1, "Tahun Baru Masehi"),
    (1, 5, "Hari Buruh Internasional"),
    (1, 6, "Hari Lahir Pancasila"),
    (17, 8, "Hari Kemerdekaan Republik Indonesia"),
    (25, 12, "Hari Raya Natal"),
];

/// Holidays that move with the calendars (the SKB of the year), for the years the demo meets
/// most often.
const MOVING_HOLIDAYS: &[(&str, &str)] = &[
    ("2025-01-27", "Isra Mikraj Nabi Muhammad SAW"),
    ("2025-01-29", "Tahun Baru Imlek"),
    ("2025-03-29", "Hari Suci Nyepi"),
    ("2025-03-31", "Hari Raya Idul Fitri"),
    ("2025-04-01", "Hari Raya Idul Fitri"),
    ("2025-04-18", "Wafat Yesus Kristus"),
    ("2025-05-12", "Hari Raya Waisak"),
    ("2025-05-29", "Kenaikan Yesus Kristus"),
    ("2025-06-06", "Hari Raya Idul Adha"),
    ("2025-06-27", "Tahun Baru Islam"),
    ("2025-09-05", "Maulid Nabi Muhammad SAW"),
    ("2025-12-26", "Cuti bersama Hari Raya Natal"),
    ("2026-01-16", "Isra Mikraj Nabi Muhammad SAW"),
    ("2026-02-17", "Tahun Baru Imlek"),
    ("2026-03-19", "Hari Suci Nyepi"),
    ("2026-03-20", "Hari Raya Idul Fitri"),
    ("2026-03-21", "Hari Raya Idul Fitri"),
    ("2026-04-03", "Wafat Yesus Kristus"),
    ("2026-05-14", "Kenaikan Yesus Kristus"),
    ("2026-05-27", "Hari Raya Idul Adha"),
    ("2026-05-31", "Hari Raya Waisak"),
    ("2026-06-16", "Tahun Baru Islam"),
    ("2026-08-25", "Maulid Nabi Muhammad SAW"),
    ("2026-12-24", "Cuti bersama Hari Raya Natal"),
];

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
/// What a unit writes in Keterangan, now and then.
const NOTES: &[&str] = &[
    "Lanjutan kegiatan tahun sebelumnya",
    "Dilaksanakan triwulan II dan III",
    "Bekerja sama dengan kecamatan",
    "Menunggu penetapan DPA",
    "Termasuk pengadaan seragam dan perlengkapan",
];

const UNIT_WORK: &[DemoWork] = &[
    (&["1.05.01.2.01.0001", "1.05.01.2.01.0006"], &[3]),
    (&["1.05.01.2.02.0001"], &[3]),
    (&["1.05.01.2.06.0002"], &[3, 0]),
    (&["1.05.02.2.02.0001", "1.05.02.2.02.0002"], &[1]),
    (&["1.05.02.2.01.0001", "1.05.02.2.01.0002"], &[0, 2]),
    (&["1.05.02.2.03.0001"], &[1, 2]),
    (&["1.05.02.2.01.0001", "1.05.02.2.01.0002"], &[2, 0]),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoReport {
    pub officials: usize,
    pub rows: usize,
    pub pagu: i64,
    /// The previous year, walked through the SOP up to the head's signature, and the invented
    /// PIN it is signed with (printed by the demo command). The signature itself, with its
    /// PDF, is the caller's (`export::fill_demo`).
    pub signed_year: Option<i32>,
    /// When the head signs it: the working day after the last step.
    pub sign_at: Option<NaiveDateTime>,
    /// What was made of that year (set by `export::fill_demo`): the office's keys and the
    /// head's signature, its archiving, its Perjanjian Kinerja. The message says only these.
    pub signed: bool,
    pub archived: bool,
    pub pk_signed: bool,
    /// That year's quarters reported after its Rencana Aksi, and the reports the head signed
    /// (the Rencana Aksi, the first Laporan Capaian); set by `export::fill_demo`.
    pub quarters_reported: u32,
    pub reports_signed: usize,
}

impl DemoReport {
    /// What the demo made, in one message: only what is really there (an SOP without a
    /// signing step leaves last year unsigned, and the archive empty).
    pub fn sentence(&self, document: &str) -> String {
        let mut made = format!(
            "Data contoh diisikan: {} pejabat, {} baris FORMAT RKT (pagu {})",
            self.officials,
            self.rows,
            format_rupiah(self.pagu)
        );
        match self.signed_year {
            Some(y) if self.signed && self.archived => made.push_str(&format!(
                ", dan {document} tahun {y} yang sudah ditandatangani di Arsip{}",
                if self.pk_signed {
                    " beserta Perjanjian Kinerjanya"
                } else {
                    ""
                }
            )),
            Some(y) if self.signed => made.push_str(&format!(
                ", dan {document} tahun {y} yang sudah ditandatangani"
            )),
            _ => {}
        }
        if let (Some(y), true) = (self.signed_year, self.reports_signed > 0) {
            made.push_str(&format!(
                "; Rencana Aksi {y} yang ditandatangani dengan realisasi {} triwulan{}",
                self.quarters_reported,
                match self.reports_signed - 1 {
                    0 => String::new(),
                    n => format!(" dan {n} Laporan Capaian Kinerja yang ditandatangani"),
                }
            ));
        }
        made.push_str(&format!(". PIN contoh setiap pejabat: {DEMO_PIN}"));
        if self.signed {
            made.push_str(&format!(
                "; kata sandi contoh kunci tanda tangan Kepala dan sertifikat kantor: {DEMO_PASSPHRASE}"
            ));
        }
        made.push_str(". Semua nama dan NIP rekaan.");
        made
    }
}

const DEMO_SIGNATURE: &[u8] = include_bytes!("../../assets/demo-signature.png");
const DEMO_STAMP: &[u8] = include_bytes!("../../assets/demo-stamp.png");

/// The demo's Bupati, the second party of its Perjanjian Kinerja (invented).
pub const DEMO_BUPATI: &str = "H. Syahrani Maulana, S.H., M.H.";

/// The invented PIN of every demo official (published: demo data only).
pub const DEMO_PIN: &str = "246810";

/// The invented passphrase of the demo's office root and its head's signing key (published:
/// demo data only — a real key's passphrase is its holder's alone).
pub const DEMO_PASSPHRASE: &str = "pelangi-senja-di-hulu-sungai";

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
        let units = self.units()?;
        // The first official is the office's pengelola and adds the others.
        let mut op: Option<Identity> = None;
        for (name, nip, rank, position, lanes, unit) in OFFICIALS {
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
                unit_id: unit.and_then(|u| units.get(u - 1)).map(|u| u.id),
                // The planning sub bagian keeps the program's data, beside the first official.
                pengelola: lanes.contains(&"kasubag_pp"),
            };
            let id = self.save_official(None, &input, sop, op.as_ref(), now)?;
            op.get_or_insert_with(|| Identity::vouched(id, name));
        }
        let op = op.ok_or_else(|| StoreError::Invalid("data contoh tanpa pejabat".into()))?;
        // Another office's sop.toml may have lanes of its own: each gets an invented official,
        // so that the demo can walk any valid SOP.
        let covered: Vec<String> = self
            .officials()?
            .into_iter()
            .flat_map(|o| o.lanes)
            .collect();
        for lane in sop.lanes.iter().filter(|l| !covered.contains(&l.id)) {
            let input = OfficialInput {
                name: format!("Petugas {} (contoh)", lane.name),
                active: true,
                lanes: vec![lane.id.clone()],
                ..Default::default()
            };
            self.save_official(None, &input, sop, Some(&op), now)?;
        }
        self.give_demo_pins(now)?;
        // The second party of the Perjanjian Kinerja (an invented name, like every demo official).
        let office = super::OfficeSettings {
            bupati_name: DEMO_BUPATI.into(),
            ..self.settings()?.office
        };
        self.save_office(&office, &op, now)?;
        // The Renstra 2021–2026, then five-year periods up to the year after the demo's.
        let mut last = 2026;
        self.add_renstra_period(2021, last, &op, now)?;
        while last < year + 1 {
            self.add_renstra_period(last + 1, last + 5, &op, now)?;
            last += 5;
        }
        for (sasaran, indikator) in RENSTRA {
            for ind in *indikator {
                let (text, satuan) = (ind.0, ind.1);
                let targets: Vec<(i32, String)> =
                    (2021..=last).map(|y| (y, target_of(ind, y))).collect();
                self.add_indikator(sasaran, text, satuan, &targets, &op, now)?;
            }
        }
        for (code, name) in CODES {
            self.save_code(code, name, &op, now)?;
        }
        for f in FUNDING {
            self.add_funding_source(f, &op, now)?;
        }
        // Without holidays the plan would count 25 December and 1 January as working days.
        for y in year - 1..=year + 1 {
            for (d, m, name) in FIXED_HOLIDAYS {
                self.add_holiday(&format!("{d:02}-{m:02}-{y}"), name, &op, now)?;
            }
        }
        for (day, name) in MOVING_HOLIDAYS {
            if (year - 1..=year + 1).any(|y| day.starts_with(&y.to_string())) {
                self.add_holiday(day, name, &op, now)?;
            }
        }
        let total = self.demo_rows(year, rows)?;
        // Last year's RKT, smaller, so the archive has an entry on a first look.
        self.demo_rows(year - 1, rows.min(24))?;
        self.set_office_image(ImageRole::Signature, Some(DEMO_SIGNATURE), &op, now)?;
        self.set_office_image(ImageRole::Stamp, Some(DEMO_STAMP), &op, now)?;
        let sign_at = self.demo_cycle_to_signing(sop, year - 1)?;
        Ok(DemoReport {
            officials: self.officials()?.len(),
            rows,
            pagu: total,
            signed_year: sign_at.map(|_| year - 1),
            sign_at,
            signed: false,
            archived: false,
            pk_signed: false,
            quarters_reported: 0,
            reports_signed: 0,
        })
    }

    /// Every demo official gets the demo PIN (one hash: the PIN is the same and published).
    fn give_demo_pins(&mut self, now: NaiveDateTime) -> Result<()> {
        let hash = crate::domain::pin::hash(DEMO_PIN);
        self.write(now, |w| {
            w.execute(
                "INSERT INTO signing_pins (official_id, hash, failures, last_failure, set_at)
             SELECT id, ?1, 0, NULL, ?2 FROM officials",
                rusqlite::params![hash, w.time()],
            )?;
            Ok(())
        })
    }

    /// The demo officials, signed in by the store that made them (their PIN is the demo's).
    pub(super) fn demo_identity(&self, pick: impl Fn(&Official) -> bool) -> Result<Identity> {
        self.officials()?
            .iter()
            .find(|o| o.active && pick(o))
            .map(|o| Identity::vouched(o.id, &o.name))
            .ok_or_else(|| StoreError::Invalid("data contoh: kolom pelaksana tanpa pejabat".into()))
    }

    fn demo_rows(&mut self, year: i32, rows: usize) -> Result<i64> {
        let units = self.units()?;
        let mut total = 0;
        for i in 0..rows {
            let u = i % units.len();
            // The n-th row of its unit: each unit moves through its sasaran, indikator and codes.
            let n = i / units.len();
            let (codes, renstra_idx) = UNIT_WORK[u % UNIT_WORK.len()];
            let (sasaran, indikator) = RENSTRA[renstra_idx[n % renstra_idx.len()]];
            let ind = &indikator[(n / renstra_idx.len() + u) % indikator.len()];
            // Budgets of hundreds of millions to a few billion rupiah a year, spread over rows.
            let pagu = 25_000_000 + ((i as i64 * 7_919) % 180) * 2_500_000;
            total += pagu;
            let values = RowValues {
                sasaran: sasaran.into(),
                indikator: ind.0.into(),
                satuan: ind.1.into(),
                target: target_of(ind, year),
                code: codes[n % codes.len()].into(),
                pagu: format_rupiah(pagu),
                sumber_dana: FUNDING[(i + n) % 3].into(),
                penanggung_jawab: HEADS[u % HEADS.len()].into(),
                keterangan: if (i + u) % 3 == 0 {
                    NOTES[(i / 3) % NOTES.len()].into()
                } else {
                    String::new()
                },
            };
            let own = self.demo_identity(|o| o.unit_id == Some(units[u].id))?;
            self.insert_row(year, units[u].id, None, &values, &own)?;
        }
        Ok(total)
    }

    /// Walks `year`'s cycle through every step up to the signature, each by an official of its
    /// lane, a working day apart in January (a decision on the way says yes); returns when the
    /// head signs. Signing and archiving (the PDF) are left to the caller. An SOP without a
    /// signing step is not walked: `None`.
    fn demo_cycle_to_signing(&mut self, sop: &Sop, year: i32) -> Result<Option<NaiveDateTime>> {
        use crate::domain::sop::{Requirement, Symbol};
        use crate::domain::workflow::Intent;
        if sop.step_requiring(Requirement::Signed).is_none() {
            return Ok(None);
        }
        let in_lanes = |store: &Store, step: &crate::domain::sop::Step| {
            store.demo_identity(|o| sop.admits(step, &o.lanes))
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
        let starter = in_lanes(self, first)?;
        self.transition(sop, year, &Intent::Start, &starter, at(&mut day))?;
        for step in &sop.steps {
            let now = at(&mut day);
            if step.requirement == Some(Requirement::Signed) {
                return Ok(Some(now));
            }
            let actor = in_lanes(self, step)?;
            let mut all_in = true;
            if step.requirement == Some(Requirement::FormatsSubmitted) {
                let compiler = sop
                    .step_requiring(Requirement::DraftCompiled)
                    .map_or(Ok(actor.clone()), |s| in_lanes(self, s))?;
                self.demo_submit_and_compile(sop, year, &compiler, now)?;
                // A small demo (`demo --rows 3`) leaves units without rows, which submit
                // nothing: the collection goes on with its reason, as the office's would.
                all_in = self
                    .unit_statuses(year)?
                    .iter()
                    .all(|u| u.submission.is_some());
            }
            let intent = if !all_in {
                Intent::CompleteAnyway {
                    step: step.no,
                    reason: "Data contoh: unit tanpa baris tidak mengumpulkan.".into(),
                }
            } else if step.symbol == Symbol::Decision {
                Intent::Accept {
                    step: step.no,
                    note: String::new(),
                }
            } else {
                Intent::Complete {
                    step: step.no,
                    note: String::new(),
                }
            };
            self.transition(sop, year, &intent, &actor, now)?;
        }
        Ok(None)
    }

    /// The units with rows that have not submitted them yet.
    fn units_waiting(&self, year: i32) -> Result<Vec<i64>> {
        let mut out = Vec::new();
        for unit in self.units()? {
            if self.submission(year, unit.id)?.is_none()
                && !self.rkt_rows(year, unit.id)?.is_empty()
            {
                out.push(unit.id);
            }
        }
        Ok(out)
    }

    /// The demo's units each submit their own format; the compiling lane compiles.
    fn demo_submit_and_compile(
        &mut self,
        sop: &Sop,
        year: i32,
        compiler: &Identity,
        now: NaiveDateTime,
    ) -> Result<()> {
        let master = self.master_data(year)?;
        for unit in self.units_waiting(year)? {
            let own = self.demo_identity(|o| o.unit_id == Some(unit))?;
            self.submit_unit(year, unit, &master, &own, now)?;
        }
        self.compile_draft(sop, year, &master, compiler, now)?;
        Ok(())
    }

    /// For tests and trials: the TIM member `who` submits every unit's format on the units'
    /// behalf (recording why, as the TIM must) and compiles the next Draft RKT version.
    #[doc(hidden)]
    pub fn submit_all_and_compile(
        &mut self,
        sop: &Sop,
        year: i32,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<()> {
        let master = self.master_data(year)?;
        for unit in self.units_waiting(year)? {
            self.act_for_unit(sop, year, unit, "dikumpulkan bersama oleh TIM", who, now)?;
            self.submit_unit(year, unit, &master, who, now)?;
        }
        self.compile_draft(sop, year, &master, who, now)?;
        Ok(())
    }
}

impl Store {
    /// For tests, trials and benchmarks: the first active official `pick` chooses, signed in
    /// with the demo PIN (made their first PIN when they have none yet).
    #[doc(hidden)]
    pub fn demo_sign_in(
        &mut self,
        pick: impl Fn(&Official) -> bool,
        now: NaiveDateTime,
    ) -> Result<Identity> {
        let id = self
            .officials()?
            .into_iter()
            .find(|o| o.active && pick(o))
            .ok_or_else(|| StoreError::Invalid("tidak ada pejabat seperti itu".into()))?
            .id;
        let r = match self.sign_in(id, DEMO_PIN, None, now)? {
            super::SignIn::NewPinNeeded(_) => self.sign_in(id, "", Some(DEMO_PIN), now)?,
            done => done,
        };
        match r {
            super::SignIn::In { identity, .. } => Ok(identity),
            super::SignIn::NewPinNeeded(why) => Err(StoreError::Invalid(why)),
        }
    }

    /// For tests, trials and benchmarks: starts `year` and completes steps 1 to `last` at
    /// `now`, each by an official of its lane (signed in with the demo PIN). The formats and
    /// the draft are the caller's; step 5 goes on with a reason when a unit has not submitted.
    #[doc(hidden)]
    pub fn demo_steps(
        &mut self,
        sop: &Sop,
        year: i32,
        last: u32,
        now: NaiveDateTime,
    ) -> Result<()> {
        use crate::domain::sop::Requirement;
        use crate::domain::workflow::Intent;
        let in_lane = |s: &mut Store, no: u32| {
            let step = sop
                .step(no)
                .ok_or_else(|| StoreError::Invalid("langkah tidak ada".into()))?;
            s.demo_sign_in(|o| sop.admits(step, &o.lanes), now)
        };
        let first = in_lane(self, sop.first_step())?;
        self.transition(sop, year, &Intent::Start, &first, now)?;
        let all_in = self
            .unit_statuses(year)?
            .iter()
            .all(|u| u.submission.is_some());
        for step in sop.steps.iter().take_while(|s| s.no <= last) {
            let intent = if step.requirement == Some(Requirement::FormatsSubmitted) && !all_in {
                Intent::CompleteAnyway {
                    step: step.no,
                    reason: "Uji".into(),
                }
            } else {
                Intent::Complete {
                    step: step.no,
                    note: String::new(),
                }
            };
            let who = in_lane(self, step.no)?;
            self.transition(sop, year, &intent, &who, now)?;
        }
        Ok(())
    }

    /// For tests: one valid, submitted row in the first unit and a compiled draft, so a walk
    /// through the SOP can pass steps 5 (with a reason) and 6.
    #[doc(hidden)]
    pub fn seed_minimal_draft(
        &mut self,
        sop: &Sop,
        year: i32,
        who: &Identity,
        pengelola: &Identity,
        now: NaiveDateTime,
    ) -> Result<()> {
        self.save_code(CODES[2].0, CODES[2].1, pengelola, now)?;
        let unit = self.units()?[0].id;
        let values = RowValues {
            sasaran: RENSTRA[3].0.into(),
            indikator: RENSTRA[3].1[0].0.into(),
            satuan: RENSTRA[3].1[0].1.into(),
            target: target_of(&RENSTRA[3].1[0], year),
            code: CODES[2].0.into(),
            pagu: "Rp 150.000.000".into(),
            sumber_dana: "DAU".into(),
            penanggung_jawab: "Kasubag Perencanaan dan Pelaporan".into(),
            keterangan: String::new(),
        };
        self.act_for_unit(sop, year, unit, "data uji", who, now)?;
        self.insert_row(year, unit, None, &values, who)?;
        self.submit_all_and_compile(sop, year, who, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rkt::validate_row;
    use crate::store::test_support::at;

    /// Another office's valid SOP: a sixth lane, and a decision in the middle (its review
    /// returns the draft to step 7).
    pub(crate) fn six_lane_sop() -> Sop {
        let text = crate::domain::sop::EMBEDDED_SOP
            .replacen(
                "[[langkah]]",
                "[[pelaksana]]\nid = \"inspektorat\"\nnama = \"INSPEKTORAT\"\n\n[[langkah]]",
                1,
            )
            .replace(
                "uraian = \"Koreksi Draf RKT\"\npelaksana = [\"sekretaris\"]\nsimbol = \"proses\"",
                "uraian = \"Reviu Draf RKT\"\npelaksana = [\"inspektorat\"]\nsimbol = \"keputusan\"\nya = 10\ntidak = 7",
            );
        let sop = Sop::parse(&text).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(sop.lanes.len(), 6);
        assert_eq!(
            sop.step(9).unwrap().symbol,
            crate::domain::sop::Symbol::Decision
        );
        sop
    }

    #[test]
    fn the_demo_walks_any_valid_sop() {
        let sop = six_lane_sop();
        let mut s = Store::open_in_memory().unwrap();
        // Through export: the head's digital signature needs the PDF.
        let report = crate::export::fill_demo(&mut s, &sop, 2026, 20, at(1, 5, 9)).unwrap();
        assert_eq!(report.signed_year, Some(2025));
        assert!(report.signed && report.archived && report.pk_signed);
        // The year after its PK, up to 5 January: three quarters reported, the Rencana Aksi and
        // two Laporan Capaian signed; the third waits for the head.
        assert_eq!((report.quarters_reported, report.reports_signed), (3, 3));
        assert!(s.plan_is_signed(2025).unwrap());
        let tw3 = crate::domain::quarter::Quarter::ALL[2];
        let today = at(1, 5, 9).date();
        assert_eq!(
            s.report_blocker(crate::store::ReportKind::Capaian(tw3), 2025, today)
                .unwrap(),
            None
        );
        let sum = s.performance(2025, 3).unwrap();
        assert!(
            sum.indikator.iter().any(|l| l.arah == "Turun"),
            "one lower-is-better"
        );
        let pct: Vec<f64> = sum
            .indikator
            .iter()
            .filter_map(|l| l.reached.as_ref()?.quarters[2].percent())
            .collect();
        assert!(
            pct.iter().any(|p| *p > 100.0) && pct.iter().any(|p| *p < 100.0),
            "{pct:?}"
        );
        assert!(!sum.evidence.is_empty());
        assert!(
            s.performance_facts(2025).unwrap().last_year.len() > 3,
            "last year as history"
        );
        let sig = s.signature(2025).unwrap().unwrap();
        assert!(sig.cert_fingerprint.is_some(), "signed digitally");
        assert!(s.signed_pdf(2025).unwrap().is_some());
        assert_eq!(s.archive_entries().unwrap().len(), 1);
        // The sixth lane has an (invented) official of its own.
        let officials = s.officials().unwrap();
        assert!(officials.iter().any(|o| o.lanes == ["inspektorat"]));
    }

    #[test]
    fn the_demos_message_says_only_what_was_made() {
        let report = |signed, archived, pk_signed| DemoReport {
            officials: 11,
            rows: 40,
            pagu: 1_500_000,
            signed_year: Some(2025),
            sign_at: None,
            signed,
            archived,
            pk_signed,
            quarters_reported: 0,
            reports_signed: 0,
        };
        let measured = DemoReport {
            quarters_reported: 4,
            reports_signed: 3,
            ..report(true, true, true)
        }
        .sentence("RKT");
        assert!(
            measured.contains("Perjanjian Kinerjanya; Rencana Aksi 2025 yang ditandatangani dengan realisasi 4 triwulan dan 2 Laporan Capaian Kinerja yang ditandatangani. PIN"),
            "{measured}"
        );
        let all = report(true, true, true).sentence("RKT");
        assert!(
            all.contains("dan RKT tahun 2025 yang sudah ditandatangani di Arsip beserta Perjanjian Kinerjanya."),
            "{all}"
        );
        assert!(all.contains(DEMO_PASSPHRASE), "{all}");
        let signed = report(true, false, false).sentence("Renja");
        assert!(
            signed.contains("dan Renja tahun 2025 yang sudah ditandatangani. PIN"),
            "{signed}"
        );
        assert!(!signed.contains("Arsip"), "{signed}");
        // An SOP without a signing step: nothing signed, no key made, no year 0.
        let none = DemoReport {
            signed_year: None,
            ..report(false, false, false)
        }
        .sentence("Renja");
        assert_eq!(
            none,
            format!(
                "Data contoh diisikan: 11 pejabat, 40 baris FORMAT RKT (pagu Rp 1.500.000). PIN contoh setiap pejabat: {DEMO_PIN}. Semua nama dan NIP rekaan."
            )
        );
    }

    #[test]
    fn a_failed_batch_leaves_the_database_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kosong.db");
        let mut s = Store::open(&path).unwrap();
        let err = s.all_or_nothing(|copy| {
            copy.fill_demo(&Sop::embedded(), 2026, 10, at(1, 5, 9))?;
            assert!(!copy.is_empty_office()?);
            Err::<(), _>(StoreError::Invalid("gagal di tengah jalan".into()))
        });
        assert!(err.is_err());
        assert!(s.is_empty_office().unwrap());
        drop(s);
        assert!(Store::open(&path).unwrap().is_empty_office().unwrap());
        // And a batch that succeeds lands whole.
        let mut s = Store::open(&path).unwrap();
        s.all_or_nothing(|copy| copy.fill_demo(&Sop::embedded(), 2026, 10, at(1, 5, 9)))
            .unwrap();
        drop(s);
        let s = Store::open(&path).unwrap();
        assert!(
            !s.drafts(2025).unwrap().is_empty(),
            "last year walked to its signature"
        );
        assert_eq!(s.officials().unwrap().len(), OFFICIALS.len());
    }

    #[test]
    fn a_demo_with_fewer_rows_than_units_still_walks_last_year_to_the_signature() {
        // `demo --rows 1` stopped at the collection: units without rows submit nothing.
        let mut s = Store::open_in_memory().unwrap();
        let report = s.fill_demo(&Sop::embedded(), 2026, 1, at(1, 5, 9)).unwrap();
        assert_eq!(report.rows, 1);
        assert!(
            report.sign_at.is_some(),
            "last year walked up to the head's signature"
        );
    }

    #[test]
    fn demo_rows_are_all_valid_and_spread_over_the_units() {
        let mut s = Store::open_in_memory().unwrap();
        let report = s
            .fill_demo(&Sop::embedded(), 2026, 40, at(1, 5, 9))
            .unwrap();
        assert_eq!(report.rows, 40);
        let m = s.master_data(2026).unwrap();
        let known = |c: &str| m.is_sub_kegiatan(c);
        for unit in s.units().unwrap() {
            let rows = s.rkt_rows(2026, unit.id).unwrap();
            assert!(rows.len() >= 5, "{} has {} rows", unit.name, rows.len());
            for r in rows {
                assert!(validate_row(&r.values, &known).is_empty(), "{:?}", r.values);
            }
        }
        assert!(report.pagu > 1_000_000_000, "a plausible office budget");
        // Varied as an office's would be: several sasaran, indikator and targets.
        let all: Vec<RowValues> = s
            .units()
            .unwrap()
            .iter()
            .flat_map(|u| s.rkt_rows(2026, u.id).unwrap())
            .map(|r| r.values)
            .collect();
        let distinct = |f: fn(&RowValues) -> &str| {
            all.iter()
                .map(f)
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        };
        assert!(distinct(|v| &v.sasaran) >= 4);
        assert!(distinct(|v| &v.indikator) >= 8);
        assert!(distinct(|v| &v.target) >= 8);
        assert!(distinct(|v| &v.keterangan) >= 4);
        // Holidays of the year, so the plan does not count them as working days.
        let holidays = s.holidays().unwrap();
        for day in ["2026-01-01", "2026-12-25", "2027-01-01"] {
            assert!(holidays.iter().any(|h| h.day.to_string() == day), "{day}");
        }
        // Every unit has an official of its own.
        let officials = s.officials().unwrap();
        for unit in s.units().unwrap() {
            assert!(
                officials.iter().any(|o| o.unit_id == Some(unit.id)),
                "{}",
                unit.name
            );
        }
        // Only on an empty database.
        assert!(
            s.fill_demo(&Sop::embedded(), 2026, 40, at(1, 5, 9))
                .is_err()
        );
        let tim = crate::store::test_support::official(
            &mut s,
            Some(&Identity::vouched(1, "Drs. H. Rusdi Hamdani, M.Si.")),
            "Tim Uji",
            &["tim"],
            None,
        );
        s.submit_all_and_compile(&Sop::embedded(), 2026, &tim, at(1, 6, 9))
            .unwrap();
        assert_eq!(s.drafts(2026).unwrap()[0].rows, 40);
    }
}
