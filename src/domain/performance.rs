//! A year's performance as the reports, the charts and the table print it: each indikator of
//! the Rencana Aksi with its targets, realisation and capaian by quarter, the year so far, last
//! year's realisation and the Renstra's end-of-period target; the budget per program and per
//! unit with its serapan; the evidence with each file's SHA-256. Made from plain facts the store
//! reads (`Facts`), so the reports, the window and the benchmark compute it the one way.

use std::collections::BTreeMap;

use super::action_plan::{PlanValues, parse_realisation};
use super::capaian::CategoryScale;
use super::measure::{Reached, by_category, reached, serapan};
use super::quarter::Quarter;
use super::rkt::parents;

/// One Rencana Aksi row and what its unit reported for it.
#[derive(Debug, Clone, PartialEq)]
pub struct IndikatorFacts {
    pub unit: String,
    pub values: PlanValues,
    /// The realisation typed per quarter (blank: not reported).
    pub realisasi: [String; 4],
    pub kendala: [String; 4],
    pub tindak_lanjut: [String; 4],
}

/// A unit's sub kegiatan in the signed RKT: its pagu, and the budget realised per quarter.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetFacts {
    pub unit: String,
    pub code: String,
    pub pagu: i64,
    pub realised: [Option<i64>; 4],
}

/// An evidence file as reported.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceLine {
    pub quarter: Quarter,
    pub unit: String,
    pub indikator: String,
    pub name: String,
    pub size: u64,
    pub sha256: String,
}

/// Everything a year's summary is made from.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub year: i32,
    pub indikator: Vec<IndikatorFacts>,
    pub budget: Vec<BudgetFacts>,
    /// Program and sub kegiatan names by code.
    pub code_names: BTreeMap<String, String>,
    /// Last year's realisation of the year by indikator text.
    /// Keyed by (unit, indikator): the same indikator answered by two units is two lines.
    pub last_year: BTreeMap<(String, String), f64>,
    /// The Renstra's end-of-period target by indikator text: (the period's last year, target).
    pub renstra_end: BTreeMap<String, (i32, String)>,
    pub evidence: Vec<EvidenceLine>,
    pub scale: CategoryScale,
}

/// One indikator measured up to a quarter.
#[derive(Debug, Clone, PartialEq)]
pub struct IndikatorLine {
    pub sasaran: String,
    pub indikator: String,
    pub satuan: String,
    pub unit: String,
    pub year_target: String,
    pub targets: [String; 4],
    pub realisasi: [Option<f64>; 4],
    /// Why a realisation could not be read (typed text that is not a number), per quarter.
    pub unreadable: [Option<String>; 4],
    pub kendala: [String; 4],
    pub tindak_lanjut: [String; 4],
    /// `None` when the row's plan does not read (its problems are in the table).
    pub reached: Option<Reached>,
    pub arah: String,
    /// The Rencana Aksi's own columns, as typed: sifat, the sub kegiatan codes, the action.
    pub sifat: String,
    pub sub_kegiatan: String,
    pub aksi: String,
    pub last_year: Option<f64>,
    pub renstra_end: Option<(i32, String)>,
}

/// The budget of a program (or a unit) up to a quarter.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetLine {
    pub code: String,
    pub name: String,
    pub pagu: i64,
    pub realised: i64,
    pub serapan: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub year: i32,
    pub upto: Quarter,
    pub indikator: Vec<IndikatorLine>,
    pub programs: Vec<BudgetLine>,
    pub units: Vec<BudgetLine>,
    pub total: BudgetLine,
    /// How many indikator fall in each band this year so far.
    pub categories: Vec<(String, usize)>,
    pub evidence: Vec<EvidenceLine>,
    pub scale: CategoryScale,
}

/// The year measured up to `upto` (the quarter a report is for; TW IV for the LKjIP).
pub fn summarise(facts: &Facts, upto: Quarter) -> Summary {
    let indikator: Vec<IndikatorLine> = facts
        .indikator
        .iter()
        .map(|f| indikator_line(f, facts, upto))
        .collect();
    let categories = by_category(
        indikator.iter().filter_map(|l| l.reached.as_ref()),
        &facts.scale,
    );
    let name = |c: &str| facts.code_names.get(c).cloned().unwrap_or_default();
    let mut programs: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut units: Vec<(String, i64, i64)> = Vec::new();
    for b in &facts.budget {
        let real: i64 = b.realised[..upto.number() as usize].iter().flatten().sum();
        let (program, _) = parents(b.code.trim());
        let p = programs.entry(program).or_default();
        p.0 += b.pagu;
        p.1 += real;
        match units.iter_mut().find(|u| u.0 == b.unit) {
            Some(u) => {
                u.1 += b.pagu;
                u.2 += real;
            }
            None => units.push((b.unit.clone(), b.pagu, real)),
        }
    }
    let line = |code: String, name: String, pagu: i64, realised: i64| BudgetLine {
        serapan: serapan(pagu, realised),
        code,
        name,
        pagu,
        realised,
    };
    let programs: Vec<BudgetLine> = programs
        .into_iter()
        .map(|(code, (pagu, real))| line(code.clone(), name(&code), pagu, real))
        .collect();
    let (pagu, real) = programs
        .iter()
        .fold((0, 0), |(p, r), b| (p + b.pagu, r + b.realised));
    Summary {
        year: facts.year,
        upto,
        indikator,
        units: units
            .into_iter()
            .map(|(u, p, r)| line(String::new(), u, p, r))
            .collect(),
        total: line(String::new(), "JUMLAH".into(), pagu, real),
        programs,
        categories,
        evidence: facts
            .evidence
            .iter()
            .filter(|e| e.quarter <= upto)
            .cloned()
            .collect(),
        scale: facts.scale.clone(),
    }
}

fn indikator_line(f: &IndikatorFacts, facts: &Facts, upto: Quarter) -> IndikatorLine {
    let read = f.realisasi.clone().map(|s| parse_realisation(&s));
    let realisasi = read.clone().map(|r| r.ok().flatten());
    let unreadable = read.map(|r| r.err());
    let v = &f.values;
    let reached = v
        .plan()
        .ok()
        .map(|plan| reached(&plan, &realisasi, upto, &facts.scale));
    IndikatorLine {
        sasaran: v.sasaran.clone(),
        indikator: v.indikator.clone(),
        satuan: v.satuan.clone(),
        unit: f.unit.clone(),
        year_target: v.target.clone(),
        targets: v.tw.clone(),
        realisasi,
        unreadable,
        kendala: f.kendala.clone(),
        tindak_lanjut: f.tindak_lanjut.clone(),
        reached,
        arah: v.arah.clone(),
        sifat: v.sifat.clone(),
        sub_kegiatan: v.sub_kegiatan.clone(),
        aksi: v.aksi.clone(),
        last_year: facts
            .last_year
            .get(&(f.unit.clone(), v.indikator.trim().to_string()))
            .copied(),
        renstra_end: facts.renstra_end.get(v.indikator.trim()).cloned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::measure::Measured;

    fn plan(indikator: &str, arah: &str, sifat: &str, year: &str, tw: [&str; 4]) -> PlanValues {
        PlanValues {
            sasaran: "S".into(),
            indikator: indikator.into(),
            satuan: "%".into(),
            target: year.into(),
            arah: arah.into(),
            sifat: sifat.into(),
            tw: tw.map(String::from),
            sub_kegiatan: "1.05.02.2.01.0001".into(),
            aksi: "a".into(),
        }
    }

    fn facts() -> Facts {
        let real = |r: [&str; 4]| IndikatorFacts {
            unit: "Bidang A".into(),
            values: plan(
                "Cakupan",
                "Naik",
                "Kumulatif",
                "80",
                ["20", "40", "60", "80"],
            ),
            realisasi: r.map(String::from),
            kendala: Default::default(),
            tindak_lanjut: Default::default(),
        };
        let mut lower = real(["5", "4", "", ""]);
        lower.values = plan("Pelanggaran", "Turun", "Per Triwulan", "40", ["10"; 4]);
        Facts {
            year: 2027,
            indikator: vec![real(["25", "38", "lima", ""]), lower],
            budget: vec![
                BudgetFacts {
                    unit: "Bidang A".into(),
                    code: "1.05.02.2.01.0001".into(),
                    pagu: 100,
                    realised: [Some(10), Some(20), Some(30), None],
                },
                BudgetFacts {
                    unit: "Bidang B".into(),
                    code: "1.05.03.2.01.0001".into(),
                    pagu: 300,
                    realised: [Some(30), None, None, None],
                },
            ],
            code_names: [("1.05.02".to_string(), "Program P".to_string())].into(),
            last_year: [(("Bidang A".to_string(), "Cakupan".to_string()), 70.0)].into(),
            renstra_end: [("Cakupan".to_string(), (2031, "95".to_string()))].into(),
            evidence: vec![],
            scale: CategoryScale::default(),
        }
    }

    #[test]
    fn the_year_is_measured_up_to_the_quarter_asked() {
        let s = summarise(&facts(), Quarter::new(2).unwrap());
        let a = &s.indikator[0];
        let r = a.reached.as_ref().unwrap();
        assert_eq!(r.quarters[0].percent(), Some(125.0));
        assert_eq!(r.quarters[1].percent(), Some(95.0));
        assert_eq!(r.year.percent(), Some(38.0 / 80.0 * 100.0));
        assert_eq!(a.last_year, Some(70.0));
        assert_eq!(a.renstra_end, Some((2031, "95".into())));
        // Lower is better, per quarter: 9 violations of 40 for the year so far.
        let b = s.indikator[1].reached.as_ref().unwrap();
        assert_eq!(b.quarters[0].percent(), Some(150.0));
        assert_eq!(b.year_realisation, Some(9.0));
        let s3 = summarise(&facts(), Quarter::new(3).unwrap());
        assert!(s3.indikator[0].unreadable[2].is_some());
        assert_eq!(
            s3.indikator[0].reached.as_ref().unwrap().quarters[2],
            Measured::NotReported
        );
    }

    #[test]
    fn budget_adds_up_per_program_and_per_unit_to_the_quarter() {
        let s = summarise(&facts(), Quarter::new(2).unwrap());
        assert_eq!(s.programs.len(), 2);
        assert_eq!(s.programs[0].name, "Program P");
        assert_eq!((s.programs[0].pagu, s.programs[0].realised), (100, 30));
        assert_eq!(s.programs[0].serapan, Some(30.0));
        assert_eq!(s.units[1].name, "Bidang B");
        assert_eq!((s.total.pagu, s.total.realised), (400, 60));
        assert_eq!(s.total.serapan, Some(15.0));
    }
}
