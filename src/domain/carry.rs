//! Starting a year from the last one: which rows each unit takes, with which target, and which
//! no longer fit the master data. Pure: the store reads the source and the master data, this
//! decides, the store writes (and recomputes inside its transaction).

use super::rkt::{DraftRow, RowValues};

/// What the master data of the new year says about an indikator: its satuan and, where the
/// Renstra sets one, the target of the new year.
pub struct RenstraEntry {
    pub satuan: String,
    pub target: Option<String>,
}

/// The master data of the new year, as the plan asks it.
pub trait NewYear {
    fn code_known(&self, code: &str) -> bool;
    fn renstra(&self, sasaran: &str, indikator: &str) -> Option<RenstraEntry>;
    /// "Renstra 2027–2031", or None when no period covers the year.
    fn period_label(&self) -> Option<String>;
}

/// A unit of the office now: id, name, and whether its format of the new year already has rows
/// or is submitted (it is then left as it is).
pub struct UnitNow {
    pub id: i64,
    pub name: String,
    pub filled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedRow {
    pub values: RowValues,
    /// The target the row had in the source year.
    pub old_target: String,
    /// Why the row no longer fits the master data (empty: it fits).
    pub problems: Vec<String>,
}

impl CarriedRow {
    pub fn target_changed(&self) -> bool {
        self.values.target.trim() != self.old_target.trim()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitPlan {
    pub unit_id: i64,
    pub unit: String,
    pub rows: Vec<CarriedRow>,
    /// The unit's format of the new year is already filled or submitted: nothing is carried.
    pub filled: bool,
}

impl UnitPlan {
    pub fn problems(&self) -> usize {
        self.rows.iter().filter(|r| !r.problems.is_empty()).count()
    }

    pub fn targets_changed(&self) -> usize {
        self.rows.iter().filter(|r| r.target_changed()).count()
    }

    /// The rows written: all, or only those without a problem.
    pub fn rows_written(&self, keep_problems: bool) -> impl Iterator<Item = &CarriedRow> {
        self.rows
            .iter()
            .filter(move |r| !self.filled && (keep_problems || r.problems.is_empty()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarryPlan {
    pub to_year: i32,
    pub from_year: i32,
    /// "RKT 2026 yang ditandatangani" or "Draft RKT 2026 versi 3 (belum ditandatangani)".
    pub source: String,
    pub units: Vec<UnitPlan>,
    /// Units of the source that are no longer in the office: name and rows, left out.
    pub vanished: Vec<(String, usize)>,
    /// No Renstra period covers the new year (every indikator is then a problem).
    pub no_period: bool,
}

impl CarryPlan {
    pub fn rows_written(&self, keep_problems: bool) -> usize {
        self.units
            .iter()
            .map(|u| u.rows_written(keep_problems).count())
            .sum()
    }

    pub fn problems(&self) -> usize {
        self.units
            .iter()
            .filter(|u| !u.filled)
            .map(UnitPlan::problems)
            .sum()
    }
}

/// Plans the carry of `rows` (the source's rows, in order) into `to_year`.
pub fn plan(
    to_year: i32,
    from_year: i32,
    source: String,
    rows: &[DraftRow],
    units: &[UnitNow],
    new: &dyn NewYear,
) -> CarryPlan {
    let mut plans: Vec<UnitPlan> = units
        .iter()
        .map(|u| UnitPlan {
            unit_id: u.id,
            unit: u.name.clone(),
            rows: Vec::new(),
            filled: u.filled,
        })
        .collect();
    let mut vanished: Vec<(String, usize)> = Vec::new();
    let period = new.period_label();
    for r in rows {
        let Some(unit) = plans.iter_mut().find(|p| p.unit == r.unit) else {
            match vanished.iter_mut().find(|(n, _)| *n == r.unit) {
                Some((_, n)) => *n += 1,
                None => vanished.push((r.unit.clone(), 1)),
            }
            continue;
        };
        unit.rows
            .push(carry_row(&r.values, new, period.as_deref(), to_year));
    }
    CarryPlan {
        to_year,
        from_year,
        source,
        units: plans,
        vanished,
        no_period: period.is_none(),
    }
}

fn carry_row(old: &RowValues, new: &dyn NewYear, period: Option<&str>, to_year: i32) -> CarriedRow {
    let mut values = old.clone();
    let mut problems = Vec::new();
    let code = old.code.trim();
    if !code.is_empty() && !new.code_known(code) {
        problems.push(format!(
            "kode sub kegiatan {code} tidak ada lagi di daftar kode"
        ));
    }
    match new.renstra(&old.sasaran, &old.indikator) {
        Some(entry) => {
            values.satuan = entry.satuan;
            if let Some(t) = entry.target {
                values.target = t;
            }
        }
        None => problems.push(match period {
            Some(p) => format!("indikator \"{}\" tidak ada di {p}", old.indikator.trim()),
            None => format!("tahun {to_year} belum masuk periode Renstra mana pun"),
        }),
    }
    CarriedRow {
        values,
        old_target: old.target.clone(),
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Master;

    impl NewYear for Master {
        fn code_known(&self, code: &str) -> bool {
            code == "1.05.02.2.01.0001"
        }
        fn renstra(&self, sasaran: &str, indikator: &str) -> Option<RenstraEntry> {
            match (sasaran, indikator) {
                ("S1", "I1") => Some(RenstraEntry {
                    satuan: "persen".into(),
                    target: Some("90".into()),
                }),
                ("S1", "I2") => Some(RenstraEntry {
                    satuan: "dokumen".into(),
                    target: None,
                }),
                _ => None,
            }
        }
        fn period_label(&self) -> Option<String> {
            Some("Renstra 2027–2031".into())
        }
    }

    fn row(unit: &str, indikator: &str, code: &str, target: &str) -> DraftRow {
        DraftRow {
            key: String::new(),
            unit: unit.into(),
            values: RowValues {
                sasaran: "S1".into(),
                indikator: indikator.into(),
                satuan: "lama".into(),
                target: target.into(),
                code: code.into(),
                pagu: "Rp 1.000.000".into(),
                sumber_dana: "DAU".into(),
                penanggung_jawab: "Kepala Bidang".into(),
                keterangan: "catatan".into(),
            },
            pagu: 1_000_000,
        }
    }

    fn units() -> Vec<UnitNow> {
        vec![
            UnitNow {
                id: 1,
                name: "Bidang A".into(),
                filled: false,
            },
            UnitNow {
                id: 2,
                name: "Bidang B".into(),
                filled: true,
            },
        ]
    }

    #[test]
    fn rows_take_the_new_target_and_keep_the_rest() {
        let code = "1.05.02.2.01.0001";
        let rows = [
            row("Bidang A", "I1", code, "85"),
            row("Bidang A", "I2", code, "4"),
            row("Bidang A", "I9", code, "1"),
            row("Bidang A", "I1", "1.05.02.2.01.0099", "85"),
            row("Bidang B", "I1", code, "85"),
            row("Bidang Lama", "I1", code, "85"),
            row("Bidang Lama", "I2", code, "85"),
        ];
        let p = plan(2027, 2026, "RKT 2026".into(), &rows, &units(), &Master);
        let a = &p.units[0];
        assert_eq!(a.rows.len(), 4);
        assert_eq!(a.rows[0].values.target, "90");
        assert_eq!(a.rows[0].old_target, "85");
        assert_eq!(a.rows[0].values.satuan, "persen");
        assert_eq!(a.rows[0].values.pagu, "Rp 1.000.000", "pagu kept to revise");
        assert_eq!(a.rows[0].values.keterangan, "catatan");
        assert!(a.rows[0].problems.is_empty());
        assert_eq!(
            a.rows[1].values.target, "4",
            "no target in the Renstra: kept"
        );
        assert!(!a.rows[1].target_changed());
        assert_eq!(
            a.rows[2].problems,
            ["indikator \"I9\" tidak ada di Renstra 2027–2031"]
        );
        assert_eq!(
            a.rows[3].problems,
            ["kode sub kegiatan 1.05.02.2.01.0099 tidak ada lagi di daftar kode"]
        );
        assert_eq!(a.targets_changed(), 2);
        assert_eq!(p.vanished, [("Bidang Lama".to_string(), 2)]);
        assert!(p.units[1].filled);
        assert_eq!(p.rows_written(false), 2);
        assert_eq!(p.rows_written(true), 4, "Bidang B is filled: left as it is");
        assert_eq!(p.problems(), 2);
    }

    #[test]
    fn a_year_without_a_period_names_it_on_every_row() {
        struct NoPeriod;
        impl NewYear for NoPeriod {
            fn code_known(&self, _: &str) -> bool {
                true
            }
            fn renstra(&self, _: &str, _: &str) -> Option<RenstraEntry> {
                None
            }
            fn period_label(&self) -> Option<String> {
                None
            }
        }
        let rows = [row("Bidang A", "I1", "x", "85")];
        let p = plan(2040, 2039, "RKT 2039".into(), &rows, &units(), &NoPeriod);
        assert!(p.no_period);
        assert_eq!(
            p.units[0].rows[0].problems,
            ["tahun 2040 belum masuk periode Renstra mana pun"]
        );
        assert_eq!(p.units[0].rows[0].values.target, "85");
    }
}
