//! The Rencana Aksi: each Perjanjian Kinerja indikator with the unit that answers for it, its
//! target over the four quarters, which way is better, how the quarters add up, and the sub
//! kegiatan that serve it; and a quarter's realisation of it. Cells are kept as typed, like the
//! FORMAT RKT's; this module reads and checks them.

use super::capaian::{Direction, Target};
use super::measure::Plan;
use super::quarter::{Accumulation, Quarter};
use super::rkt::{CodeLevel, code_level, parse_rupiah, parse_target};

/// The columns of the Rencana Aksi table, in the order of the form. The first four come from
/// the signed PK and are not edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanCol {
    Sasaran,
    Indikator,
    Satuan,
    Target,
    Arah,
    Sifat,
    Tw1,
    Tw2,
    Tw3,
    Tw4,
    SubKegiatan,
    Aksi,
}

impl PlanCol {
    pub const ALL: [PlanCol; 12] = [
        PlanCol::Sasaran,
        PlanCol::Indikator,
        PlanCol::Satuan,
        PlanCol::Target,
        PlanCol::Arah,
        PlanCol::Sifat,
        PlanCol::Tw1,
        PlanCol::Tw2,
        PlanCol::Tw3,
        PlanCol::Tw4,
        PlanCol::SubKegiatan,
        PlanCol::Aksi,
    ];

    pub fn title(self) -> &'static str {
        match self {
            PlanCol::Sasaran => "Sasaran",
            PlanCol::Indikator => "Indikator Kinerja",
            PlanCol::Satuan => "Satuan",
            PlanCol::Target => "Target Tahun",
            PlanCol::Arah => "Arah",
            PlanCol::Sifat => "Sifat Triwulan",
            PlanCol::Tw1 => "Target TW I",
            PlanCol::Tw2 => "Target TW II",
            PlanCol::Tw3 => "Target TW III",
            PlanCol::Tw4 => "Target TW IV",
            PlanCol::SubKegiatan => "Sub Kegiatan",
            PlanCol::Aksi => "Rencana Aksi",
        }
    }

    pub fn db_name(self) -> &'static str {
        match self {
            PlanCol::Sasaran => "sasaran",
            PlanCol::Indikator => "indikator",
            PlanCol::Satuan => "satuan",
            PlanCol::Target => "target",
            PlanCol::Arah => "arah",
            PlanCol::Sifat => "sifat",
            PlanCol::Tw1 => "tw1",
            PlanCol::Tw2 => "tw2",
            PlanCol::Tw3 => "tw3",
            PlanCol::Tw4 => "tw4",
            PlanCol::SubKegiatan => "sub_kegiatan",
            PlanCol::Aksi => "aksi",
        }
    }

    /// Taken from the signed PK: shown, never typed over.
    pub fn from_pk(self) -> bool {
        matches!(
            self,
            PlanCol::Sasaran | PlanCol::Indikator | PlanCol::Satuan | PlanCol::Target
        )
    }

    /// The quarter whose target the column holds.
    pub fn quarter(self) -> Option<Quarter> {
        let n = match self {
            PlanCol::Tw1 => 1,
            PlanCol::Tw2 => 2,
            PlanCol::Tw3 => 3,
            PlanCol::Tw4 => 4,
            _ => return None,
        };
        Quarter::new(n).ok()
    }

    pub fn of_quarter(q: Quarter) -> PlanCol {
        [PlanCol::Tw1, PlanCol::Tw2, PlanCol::Tw3, PlanCol::Tw4][q.number() as usize - 1]
    }
}

/// The words the Arah and Sifat cells offer (and a workbook's drop-downs).
pub const ARAH_WORDS: [&str; 2] = ["Naik", "Turun"];
pub const SIFAT_WORDS: [&str; 2] = ["Kumulatif", "Per Triwulan"];

pub fn direction_word(d: Direction) -> &'static str {
    match d {
        Direction::Higher => ARAH_WORDS[0],
        Direction::Lower => ARAH_WORDS[1],
    }
}

pub fn accumulation_word(a: Accumulation) -> &'static str {
    match a {
        Accumulation::Cumulative => SIFAT_WORDS[0],
        Accumulation::PerQuarter => SIFAT_WORDS[1],
    }
}

/// "naik", "Naik", "makin tinggi makin baik" … as typed or picked.
pub fn parse_direction(s: &str) -> Option<Direction> {
    let s = s.trim().to_lowercase();
    match s.as_str() {
        "naik" | "makin tinggi makin baik" | "tinggi" => Some(Direction::Higher),
        "turun" | "makin rendah makin baik" | "rendah" => Some(Direction::Lower),
        _ => None,
    }
}

pub fn parse_accumulation(s: &str) -> Option<Accumulation> {
    let s = s.trim().to_lowercase().replace(['_', '-'], " ");
    match s.as_str() {
        "kumulatif" => Some(Accumulation::Cumulative),
        "per triwulan" | "pertriwulan" | "non kumulatif" => Some(Accumulation::PerQuarter),
        _ => None,
    }
}

/// A Rencana Aksi row as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanValues {
    pub sasaran: String,
    pub indikator: String,
    pub satuan: String,
    pub target: String,
    pub arah: String,
    pub sifat: String,
    pub tw: [String; 4],
    /// Sub kegiatan codes, one per line (or separated by ";" or ",").
    pub sub_kegiatan: String,
    pub aksi: String,
}

impl PlanValues {
    pub fn get(&self, c: PlanCol) -> &str {
        match c {
            PlanCol::Sasaran => &self.sasaran,
            PlanCol::Indikator => &self.indikator,
            PlanCol::Satuan => &self.satuan,
            PlanCol::Target => &self.target,
            PlanCol::Arah => &self.arah,
            PlanCol::Sifat => &self.sifat,
            PlanCol::Tw1 => &self.tw[0],
            PlanCol::Tw2 => &self.tw[1],
            PlanCol::Tw3 => &self.tw[2],
            PlanCol::Tw4 => &self.tw[3],
            PlanCol::SubKegiatan => &self.sub_kegiatan,
            PlanCol::Aksi => &self.aksi,
        }
    }

    pub fn set(&mut self, c: PlanCol, v: String) {
        let slot = match c {
            PlanCol::Sasaran => &mut self.sasaran,
            PlanCol::Indikator => &mut self.indikator,
            PlanCol::Satuan => &mut self.satuan,
            PlanCol::Target => &mut self.target,
            PlanCol::Arah => &mut self.arah,
            PlanCol::Sifat => &mut self.sifat,
            PlanCol::Tw1 => &mut self.tw[0],
            PlanCol::Tw2 => &mut self.tw[1],
            PlanCol::Tw3 => &mut self.tw[2],
            PlanCol::Tw4 => &mut self.tw[3],
            PlanCol::SubKegiatan => &mut self.sub_kegiatan,
            PlanCol::Aksi => &mut self.aksi,
        };
        *slot = v;
    }

    /// The codes of the Sub Kegiatan cell, in order, each once.
    pub fn codes(&self) -> Vec<String> {
        split_codes(&self.sub_kegiatan)
    }

    /// The plan the capaian is measured by, when every cell that decides it reads.
    pub fn plan(&self) -> Result<Plan, Vec<(PlanCol, String)>> {
        let problems = validate_plan(self, &|_| true);
        if !problems.is_empty() {
            return Err(problems);
        }
        let q = |i: usize| Target::parse(&self.tw[i]).ok();
        Ok(Plan {
            direction: parse_direction(&self.arah).unwrap_or(Direction::Higher),
            accumulation: parse_accumulation(&self.sifat).unwrap_or(Accumulation::Cumulative),
            year_target: Target::parse(&self.target).map_err(|e| vec![(PlanCol::Target, e)])?,
            quarters: [q(0), q(1), q(2), q(3)],
        })
    }
}

/// Codes separated by new lines, ";" or ",", each taken as "code — name" or bare.
pub fn split_codes(cell: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in cell.split(['\n', ';', ',']) {
        let code = part
            .split(['—', '–'])
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        if !code.is_empty() && !out.contains(&code) {
            out.push(code);
        }
    }
    out
}

/// What keeps a row from the signed Rencana Aksi, column by column: Arah and Sifat from their
/// words, every quarter's target a number or a range, the year's target (the PK's) read, the
/// sub kegiatan codes those of the year's signed RKT (`known_sub`), the actions written.
pub fn validate_plan(v: &PlanValues, known_sub: &dyn Fn(&str) -> bool) -> Vec<(PlanCol, String)> {
    let mut out = Vec::new();
    if parse_direction(&v.arah).is_none() {
        out.push((
            PlanCol::Arah,
            "Arah belum dipilih: Naik (makin tinggi makin baik) atau Turun (makin rendah makin baik).".into(),
        ));
    }
    if parse_accumulation(&v.sifat).is_none() {
        out.push((
            PlanCol::Sifat,
            "Sifat triwulan belum dipilih: Kumulatif atau Per Triwulan.".into(),
        ));
    }
    if let Err(e) = Target::parse(&v.target) {
        out.push((PlanCol::Target, format!("Target tahun dari PK: {e}.")));
    }
    for q in Quarter::ALL {
        let col = PlanCol::of_quarter(q);
        let cell = v.get(col);
        if let Err(e) = Target::parse(cell) {
            out.push((col, format!("{}: {e}.", q.short())));
        }
    }
    let codes = v.codes();
    if codes.is_empty() {
        out.push((
            PlanCol::SubKegiatan,
            "Sub kegiatan yang mendukung indikator belum diisi.".into(),
        ));
    }
    for c in &codes {
        match code_level(c) {
            Ok(CodeLevel::SubKegiatan) if known_sub(c) => {}
            Ok(CodeLevel::SubKegiatan) => out.push((
                PlanCol::SubKegiatan,
                format!("Sub kegiatan {c} tidak ada dalam RKT yang ditandatangani."),
            )),
            _ => out.push((
                PlanCol::SubKegiatan,
                format!("\"{c}\" bukan kode sub kegiatan (mis. 1.05.02.2.01.0001)."),
            )),
        }
    }
    if v.aksi.trim().is_empty() {
        out.push((PlanCol::Aksi, "Rencana aksi belum diisi.".into()));
    }
    out
}

/// The columns of a quarter's realisation table that are typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RealCol {
    Realisasi,
    Kendala,
    TindakLanjut,
}

impl RealCol {
    pub const ALL: [RealCol; 3] = [RealCol::Realisasi, RealCol::Kendala, RealCol::TindakLanjut];

    pub fn title(self) -> &'static str {
        match self {
            RealCol::Realisasi => "Realisasi",
            RealCol::Kendala => "Kendala / Hambatan",
            RealCol::TindakLanjut => "Tindak Lanjut",
        }
    }

    pub fn db_name(self) -> &'static str {
        match self {
            RealCol::Realisasi => "realisasi",
            RealCol::Kendala => "kendala",
            RealCol::TindakLanjut => "tindak_lanjut",
        }
    }
}

/// A quarter's realisation of one indikator, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RealValues {
    pub realisasi: String,
    pub kendala: String,
    pub tindak_lanjut: String,
}

impl RealValues {
    pub fn get(&self, c: RealCol) -> &str {
        match c {
            RealCol::Realisasi => &self.realisasi,
            RealCol::Kendala => &self.kendala,
            RealCol::TindakLanjut => &self.tindak_lanjut,
        }
    }

    pub fn set(&mut self, c: RealCol, v: String) {
        match c {
            RealCol::Realisasi => self.realisasi = v,
            RealCol::Kendala => self.kendala = v,
            RealCol::TindakLanjut => self.tindak_lanjut = v,
        }
    }

    /// The realisation as a number; `None` while blank.
    pub fn figure(&self) -> Result<Option<f64>, String> {
        parse_realisation(&self.realisasi)
    }
}

/// A realisation typed: blank (not yet) or a number written the Indonesian way ("87,5").
pub fn parse_realisation(s: &str) -> Result<Option<f64>, String> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    parse_target(s).map(Some).map_err(|_| {
        format!(
            "Realisasi \"{}\" bukan angka; tulis seperti 87,5 (koma untuk desimal).",
            s.trim()
        )
    })
}

/// A budget realisation typed: blank, or rupiah ("Rp 12.500.000", "12500000").
pub fn parse_budget(s: &str) -> Result<Option<i64>, String> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    parse_rupiah(s).map(Some).map_err(|_| {
        format!(
            "Realisasi anggaran \"{}\" bukan jumlah rupiah; tulis seperti 12.500.000.",
            s.trim()
        )
    })
}

/// What keeps a quarter's realisation from being submitted: a figure that is not a number, or
/// a figure missing.
pub fn validate_real(v: &RealValues) -> Vec<(RealCol, String)> {
    match v.figure() {
        Ok(Some(_)) => Vec::new(),
        Ok(None) => vec![(RealCol::Realisasi, "Realisasi belum diisi.".into())],
        Err(e) => vec![(RealCol::Realisasi, e)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> PlanValues {
        PlanValues {
            sasaran: "Meningkatnya ketertiban".into(),
            indikator: "Persentase penegakan perda".into(),
            satuan: "%".into(),
            target: "80".into(),
            arah: "Naik".into(),
            sifat: "Kumulatif".into(),
            tw: ["20".into(), "40".into(), "60".into(), "80".into()],
            sub_kegiatan: "1.05.02.2.01.0001 — Penegakan Perda\n1.05.02.2.01.0002".into(),
            aksi: "Patroli dan pembinaan".into(),
        }
    }

    #[test]
    fn a_filled_row_reads_as_a_plan() {
        let v = filled();
        assert!(validate_plan(&v, &|_| true).is_empty());
        let p = v.plan().unwrap();
        assert_eq!(p.direction, Direction::Higher);
        assert_eq!(p.accumulation, Accumulation::Cumulative);
        assert_eq!(p.quarters[3], Some(Target::Single(80.0)));
        assert_eq!(v.codes(), ["1.05.02.2.01.0001", "1.05.02.2.01.0002"]);
    }

    #[test]
    fn every_problem_is_named_by_its_column_in_indonesian() {
        let mut v = filled();
        v.arah = "ke atas".into();
        v.sifat.clear();
        v.tw[1] = "empat puluh".into();
        v.sub_kegiatan = "1.05.02; 1.05.02.2.01.0009".into();
        v.aksi = "  ".into();
        let p = validate_plan(&v, &|c| c != "1.05.02.2.01.0009");
        let cols: Vec<PlanCol> = p.iter().map(|(c, _)| *c).collect();
        assert_eq!(
            cols,
            [
                PlanCol::Arah,
                PlanCol::Sifat,
                PlanCol::Tw2,
                PlanCol::SubKegiatan,
                PlanCol::SubKegiatan,
                PlanCol::Aksi
            ]
        );
        assert!(
            p[2].1
                .starts_with("TW II: target \"empat puluh\" bukan angka")
        );
        assert!(p[3].1.contains("bukan kode sub kegiatan"));
        assert!(p[4].1.contains("tidak ada dalam RKT"));
        assert!(v.plan().is_err());
    }

    #[test]
    fn words_are_read_whatever_their_case_and_ranges_are_targets() {
        assert_eq!(parse_direction(" TURUN "), Some(Direction::Lower));
        assert_eq!(
            parse_accumulation("per_triwulan"),
            Some(Accumulation::PerQuarter)
        );
        assert_eq!(
            parse_accumulation("Per Triwulan"),
            Some(Accumulation::PerQuarter)
        );
        let mut v = filled();
        v.tw[3] = "75 – 85".into();
        assert_eq!(
            v.plan().unwrap().quarters[3],
            Some(Target::Range(75.0, 85.0))
        );
    }

    #[test]
    fn a_realisation_is_blank_or_a_number_and_the_budget_rupiah() {
        assert_eq!(parse_realisation(""), Ok(None));
        assert_eq!(parse_realisation("87,5"), Ok(Some(87.5)));
        assert_eq!(
            parse_realisation("delapan").unwrap_err(),
            "Realisasi \"delapan\" bukan angka; tulis seperti 87,5 (koma untuk desimal)."
        );
        assert_eq!(parse_budget("Rp 12.500.000"), Ok(Some(12_500_000)));
        assert!(
            parse_budget("dua juta")
                .unwrap_err()
                .contains("bukan jumlah rupiah")
        );
        let v = RealValues::default();
        assert_eq!(validate_real(&v)[0].1, "Realisasi belum diisi.");
    }
}
