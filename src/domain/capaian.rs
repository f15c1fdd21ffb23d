//! Capaian kinerja: how far a realisation reaches its target, by the formulas the LKjIPs use
//! (domain.md, "After the PK"), and the category scale printed with every report.
//!
//! Higher is better: realisasi / target × 100. Lower is better (e.g. "jumlah pelanggaran
//! perda"): (1 + (1 − realisasi / target)) × 100, the SKP guidance of PermenPAN-RB. A target set
//! as a range counts as met inside it; above it the upper bound is the target, below it the
//! lower bound.

use super::rkt::parse_target;

/// Which way an indikator is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Higher,
    Lower,
}

impl Direction {
    pub fn label(self) -> &'static str {
        match self {
            Direction::Higher => "Makin tinggi makin baik",
            Direction::Lower => "Makin rendah makin baik",
        }
    }

    /// The word stored in the database and written in templates.
    pub fn code(self) -> &'static str {
        match self {
            Direction::Higher => "naik",
            Direction::Lower => "turun",
        }
    }

    pub fn from_code(s: &str) -> Option<Direction> {
        match s.trim().to_lowercase().as_str() {
            "naik" => Some(Direction::Higher),
            "turun" => Some(Direction::Lower),
            _ => None,
        }
    }
}

/// A target: one number, or a range ("80 – 90").
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    Single(f64),
    Range(f64, f64),
}

impl Target {
    /// Reads "87,5" or a range "80 – 90" / "80 - 90" / "80 s.d. 90" (each part as a target is
    /// written: a decimal comma). A range's lower bound must be below its upper.
    pub fn parse(input: &str) -> Result<Target, String> {
        let t = input.trim();
        for sep in [" s.d. ", " s/d ", " sampai ", "–", "—", " - "] {
            if let Some((lo, hi)) = t.split_once(sep) {
                let (lo, hi) = (parse_target(lo)?, parse_target(hi)?);
                if lo >= hi {
                    return Err(format!(
                        "rentang target \"{t}\" tidak sah: batas bawah harus lebih kecil dari batas atas"
                    ));
                }
                return Ok(Target::Range(lo, hi));
            }
        }
        parse_target(t).map(Target::Single)
    }

    /// The bound a realisation is measured against (domain.md: the upper bound above the range,
    /// the lower below it); `None` inside the range, where the target is met.
    fn bound_for(self, realisation: f64) -> Option<f64> {
        match self {
            Target::Single(t) => Some(t),
            Target::Range(lo, _) if realisation < lo => Some(lo),
            Target::Range(_, hi) if realisation > hi => Some(hi),
            Target::Range(..) => None,
        }
    }
}

/// Why no capaian can be computed.
#[derive(Debug, Clone, PartialEq)]
pub enum NoCapaian {
    /// A target of zero: a ratio to it means nothing.
    ZeroTarget,
    /// A negative target or realisation: counts and percentages are never below zero.
    Negative,
}

impl NoCapaian {
    pub fn sentence(&self) -> &'static str {
        match self {
            NoCapaian::ZeroTarget => {
                "Capaian tidak dapat dihitung: target 0 (tulis target yang bukan nol, atau rentang)."
            }
            NoCapaian::Negative => "Capaian tidak dapat dihitung: target atau realisasi negatif.",
        }
    }
}

/// Capaian in percent. Lower-is-better capaian is floored at 0 % (a realisation of more than
/// twice the target would otherwise give a negative percentage, which no report prints).
pub fn capaian(target: Target, realisation: f64, direction: Direction) -> Result<f64, NoCapaian> {
    let bounds = match target {
        Target::Single(t) => [t, t],
        Target::Range(lo, hi) => [lo, hi],
    };
    if realisation < 0.0 || bounds.iter().any(|b| *b < 0.0) {
        return Err(NoCapaian::Negative);
    }
    let Some(t) = target.bound_for(realisation) else {
        return Ok(100.0);
    };
    if t == 0.0 {
        return Err(NoCapaian::ZeroTarget);
    }
    let ratio = realisation / t;
    Ok(match direction {
        Direction::Higher => ratio * 100.0,
        Direction::Lower => ((1.0 + (1.0 - ratio)) * 100.0).max(0.0),
    })
}

/// One band of the scale: from `min` percent up (to the next band's minimum).
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub min: f64,
    pub label: String,
}

/// The category scale of an office's LKjIP (a setting): bands by their lower bound.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryScale {
    /// Highest band first; the last band's `min` is 0.
    bands: Vec<Band>,
}

impl Default for CategoryScale {
    /// The five bands many LKjIPs state: ≥ 91 Sangat Baik, 76–90 Baik, 66–75 Cukup,
    /// 51–65 Kurang, ≤ 50 Sangat Kurang.
    fn default() -> Self {
        let bands = [
            (91.0, "Sangat Baik"),
            (76.0, "Baik"),
            (66.0, "Cukup"),
            (51.0, "Kurang"),
            (0.0, "Sangat Kurang"),
        ]
        .into_iter()
        .map(|(min, label)| Band {
            min,
            label: label.to_string(),
        })
        .collect();
        Self { bands }
    }
}

impl CategoryScale {
    /// A scale from bands in any order; refuses one without a band from 0 %, two bands from the
    /// same percentage, or a band without a name.
    pub fn new(mut bands: Vec<Band>) -> Result<CategoryScale, String> {
        if bands.iter().any(|b| b.label.trim().is_empty()) {
            return Err("Setiap kategori harus bernama.".into());
        }
        if bands.iter().any(|b| !b.min.is_finite() || b.min < 0.0) {
            return Err("Batas bawah kategori harus angka 0 atau lebih.".into());
        }
        bands.sort_by(|a, b| b.min.total_cmp(&a.min));
        if bands.windows(2).any(|w| w[0].min == w[1].min) {
            return Err("Dua kategori tidak boleh mulai dari persentase yang sama.".into());
        }
        if bands.last().is_none_or(|b| b.min != 0.0) {
            return Err("Kategori terendah harus mulai dari 0 %.".into());
        }
        Ok(CategoryScale { bands })
    }

    /// The scale as one line, "91: Sangat Baik; 76: Baik; …; 0: Sangat Kurang": how it is
    /// stored and typed in Pengaturan.
    pub fn to_text(&self) -> String {
        self.bands
            .iter()
            .map(|b| format!("{}: {}", super::indo::decimal(b.min), b.label))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Reads `to_text`'s form (bands in any order, a decimal comma allowed) and checks it.
    pub fn parse(text: &str) -> Result<CategoryScale, String> {
        let mut bands = Vec::new();
        for part in text
            .split([';', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let (min, label) = part.split_once(':').ok_or_else(|| {
                format!("\"{part}\": tulis batas bawah lalu titik dua dan nama, mis. \"91: Sangat Baik\".")
            })?;
            let min = parse_target(min).map_err(|_| {
                format!(
                    "\"{}\" bukan persentase; tulis mis. 91 atau 75,5.",
                    min.trim()
                )
            })?;
            bands.push(Band {
                min,
                label: label.trim().to_string(),
            });
        }
        CategoryScale::new(bands)
    }

    pub fn bands(&self) -> &[Band] {
        &self.bands
    }

    /// The band a capaian falls in.
    pub fn category(&self, capaian: f64) -> &str {
        self.bands
            .iter()
            .find(|b| capaian >= b.min)
            .or(self.bands.last())
            .map_or("", |b| b.label.as_str())
    }

    /// The scale as a report prints it, one line a band: "≥ 91 %: Sangat Baik",
    /// "76 – < 91 %: Baik", …, "< 51 %: Sangat Kurang".
    pub fn legend(&self) -> Vec<String> {
        let pct = super::indo::decimal;
        self.bands
            .iter()
            .enumerate()
            .map(|(i, b)| match (i, b.min == 0.0) {
                (0, _) => format!("≥ {} %: {}", pct(b.min), b.label),
                (_, true) => format!("< {} %: {}", pct(self.bands[i - 1].min), b.label),
                _ => format!(
                    "{} – < {} %: {}",
                    pct(b.min),
                    pct(self.bands[i - 1].min),
                    b.label
                ),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scale_is_kept_and_typed_as_one_line() {
        let d = CategoryScale::default();
        assert_eq!(
            d.to_text(),
            "91: Sangat Baik; 76: Baik; 66: Cukup; 51: Kurang; 0: Sangat Kurang"
        );
        assert_eq!(CategoryScale::parse(&d.to_text()), Ok(d));
        let three = CategoryScale::parse("0: Kurang; 85,5: Baik;\n60: Cukup").unwrap();
        assert_eq!(three.category(85.5), "Baik");
        assert!(
            CategoryScale::parse("91 Sangat Baik")
                .unwrap_err()
                .contains("titik dua")
        );
        assert!(
            CategoryScale::parse("x: A; 0: B")
                .unwrap_err()
                .contains("bukan persentase")
        );
        assert!(
            CategoryScale::parse("50: A")
                .unwrap_err()
                .contains("mulai dari 0")
        );
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn higher_is_better_is_realisation_over_target() {
        let c = capaian(Target::Single(80.0), 60.0, Direction::Higher).unwrap();
        assert!(close(c, 75.0), "{c}");
        let c = capaian(Target::Single(80.0), 100.0, Direction::Higher).unwrap();
        assert!(close(c, 125.0), "above target is above 100 %: {c}");
    }

    #[test]
    fn lower_is_better_follows_the_skp_formula_and_stops_at_zero() {
        // 40 violations against a target of 50: (1 + (1 − 0.8)) × 100 = 120 %.
        let c = capaian(Target::Single(50.0), 40.0, Direction::Lower).unwrap();
        assert!(close(c, 120.0), "{c}");
        let c = capaian(Target::Single(50.0), 60.0, Direction::Lower).unwrap();
        assert!(close(c, 80.0), "{c}");
        let c = capaian(Target::Single(50.0), 150.0, Direction::Lower).unwrap();
        assert!(close(c, 0.0), "floored: {c}");
        let c = capaian(Target::Single(50.0), 0.0, Direction::Lower).unwrap();
        assert!(close(c, 200.0), "none at all: {c}");
    }

    #[test]
    fn a_range_is_met_inside_and_measured_against_the_bound_passed() {
        let r = Target::Range(80.0, 90.0);
        assert!(close(capaian(r, 85.0, Direction::Higher).unwrap(), 100.0));
        assert!(close(capaian(r, 80.0, Direction::Higher).unwrap(), 100.0));
        assert!(close(capaian(r, 72.0, Direction::Higher).unwrap(), 90.0));
        assert!(close(capaian(r, 99.0, Direction::Higher).unwrap(), 110.0));
        // Lower is better: above the range is worse than the upper bound.
        assert!(close(capaian(r, 99.0, Direction::Lower).unwrap(), 90.0));
        assert!(close(capaian(r, 72.0, Direction::Lower).unwrap(), 110.0));
    }

    #[test]
    fn a_zero_or_negative_target_has_no_capaian_and_says_why() {
        assert_eq!(
            capaian(Target::Single(0.0), 3.0, Direction::Lower),
            Err(NoCapaian::ZeroTarget)
        );
        assert_eq!(
            capaian(Target::Single(10.0), -1.0, Direction::Higher),
            Err(NoCapaian::Negative)
        );
        // A range from zero: met inside, so nothing divides by zero.
        let r = Target::Range(0.0, 5.0);
        assert!(close(capaian(r, 3.0, Direction::Lower).unwrap(), 100.0));
        assert!(NoCapaian::ZeroTarget.sentence().contains("target 0"));
    }

    #[test]
    fn targets_are_read_as_typed_single_or_range() {
        assert_eq!(Target::parse("87,5"), Ok(Target::Single(87.5)));
        assert_eq!(Target::parse(" 80 – 90 "), Ok(Target::Range(80.0, 90.0)));
        assert_eq!(Target::parse("80 - 90"), Ok(Target::Range(80.0, 90.0)));
        assert_eq!(Target::parse("1,5 s.d. 2,5"), Ok(Target::Range(1.5, 2.5)));
        let e = Target::parse("90 – 80").unwrap_err();
        assert!(e.contains("batas bawah"), "{e}");
        assert!(
            Target::parse("3-4").is_err(),
            "a date-like dash without spaces is refused"
        );
        assert!(Target::parse("banyak").is_err());
    }

    #[test]
    fn the_default_scale_has_the_five_bands_of_the_lkjips() {
        let s = CategoryScale::default();
        assert_eq!(s.category(120.0), "Sangat Baik");
        assert_eq!(s.category(91.0), "Sangat Baik");
        assert_eq!(s.category(90.5), "Baik");
        assert_eq!(s.category(76.0), "Baik");
        assert_eq!(s.category(70.0), "Cukup");
        assert_eq!(s.category(51.0), "Kurang");
        assert_eq!(s.category(50.9), "Sangat Kurang");
        assert_eq!(s.category(0.0), "Sangat Kurang");
        assert_eq!(
            s.legend(),
            [
                "≥ 91 %: Sangat Baik",
                "76 – < 91 %: Baik",
                "66 – < 76 %: Cukup",
                "51 – < 66 %: Kurang",
                "< 51 %: Sangat Kurang",
            ]
        );
    }

    #[test]
    fn a_scale_of_the_offices_own_is_checked() {
        let band = |min: f64, label: &str| Band {
            min,
            label: label.into(),
        };
        let s = CategoryScale::new(vec![band(0.0, "Belum"), band(100.0, "Tercapai")]).unwrap();
        assert_eq!(s.category(99.9), "Belum");
        assert_eq!(s.category(100.0), "Tercapai");
        for (bands, why) in [
            (vec![band(50.0, "A")], "mulai dari 0"),
            (vec![band(0.0, "A"), band(0.0, "B")], "persentase yang sama"),
            (vec![band(0.0, " ")], "bernama"),
            (vec![band(0.0, "A"), band(-5.0, "B")], "0 atau lebih"),
        ] {
            let e = CategoryScale::new(bands).unwrap_err();
            assert!(e.contains(why), "{e}");
        }
    }

    #[test]
    fn directions_are_stored_as_words() {
        for d in [Direction::Higher, Direction::Lower] {
            assert_eq!(Direction::from_code(d.code()), Some(d));
        }
        assert_eq!(Direction::from_code(" Turun "), Some(Direction::Lower));
        assert_eq!(Direction::from_code("kiri"), None);
    }
}
