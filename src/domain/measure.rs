//! Pengukuran kinerja: an indikator's plan over the quarters (rencana aksi) and its reported
//! realisation make its capaian by quarter and for the year so far, with the category of the
//! office's scale. The table in the window and the reports print what this computes.

use super::capaian::{CategoryScale, Direction, NoCapaian, Target, capaian};
use super::quarter::{Accumulation, Quarter};

/// One indikator as its rencana aksi sets it.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub direction: Direction,
    pub accumulation: Accumulation,
    /// The year's target (the PK's).
    pub year_target: Target,
    /// The target of each quarter (cumulative or the quarter's own, as `accumulation` says);
    /// `None` where the rencana aksi sets none for that quarter.
    pub quarters: [Option<Target>; 4],
}

/// The capaian of one figure, or why it has none.
#[derive(Debug, Clone, PartialEq)]
pub enum Measured {
    /// Nothing reported yet.
    NotReported,
    /// No target for it in the rencana aksi.
    NoTarget,
    Capaian {
        percent: f64,
        category: String,
    },
    Unmeasurable(NoCapaian),
}

impl Measured {
    pub fn percent(&self) -> Option<f64> {
        match self {
            Measured::Capaian { percent, .. } => Some(*percent),
            _ => None,
        }
    }
}

/// What one indikator reached: each quarter's capaian against its quarter's target, and the
/// year so far against the year's.
#[derive(Debug, Clone, PartialEq)]
pub struct Reached {
    pub quarters: [Measured; 4],
    /// The figure of the year so far (the last state or the sum, as the plan says).
    pub year_realisation: Option<f64>,
    pub year: Measured,
}

fn measure(
    target: Option<Target>,
    real: Option<f64>,
    plan: &Plan,
    scale: &CategoryScale,
) -> Measured {
    match (target, real) {
        (_, None) => Measured::NotReported,
        (None, Some(_)) => Measured::NoTarget,
        (Some(t), Some(r)) => match capaian(t, r, plan.direction) {
            Ok(percent) => Measured::Capaian {
                percent,
                category: scale.category(percent).to_string(),
            },
            Err(e) => Measured::Unmeasurable(e),
        },
    }
}

/// The capaian of `plan` given the realisation reported per quarter, up to quarter `upto`
/// (later quarters are not yet measured even when a figure is there).
pub fn reached(
    plan: &Plan,
    realisation: &[Option<f64>; 4],
    upto: Quarter,
    scale: &CategoryScale,
) -> Reached {
    let quarters = Quarter::ALL.map(|q| {
        if q > upto {
            return Measured::NotReported;
        }
        let i = q.number() as usize - 1;
        measure(plan.quarters[i], realisation[i], plan, scale)
    });
    let year_realisation = plan.accumulation.to_date(realisation, upto);
    let year = measure(Some(plan.year_target), year_realisation, plan, scale);
    Reached {
        quarters,
        year_realisation,
        year,
    }
}

/// How many indikator fall in each band of the scale this year so far (the LKjIP's summary
/// line, "7 indikator Sangat Baik, 2 Baik, …"), in the scale's order; bands with none kept.
pub fn by_category<'a>(
    reached: impl IntoIterator<Item = &'a Reached>,
    scale: &CategoryScale,
) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> =
        scale.bands().iter().map(|b| (b.label.clone(), 0)).collect();
    for r in reached {
        if let Measured::Capaian { category, .. } = &r.year
            && let Some(c) = counts.iter_mut().find(|(l, _)| l == category)
        {
            c.1 += 1;
        }
    }
    counts
}

/// Budget absorption (serapan) in percent of the pagu; `None` for a pagu of zero.
pub fn serapan(pagu: i64, realisation: i64) -> Option<f64> {
    (pagu > 0).then(|| realisation as f64 / pagu as f64 * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(direction: Direction, accumulation: Accumulation, year: f64, q: [f64; 4]) -> Plan {
        Plan {
            direction,
            accumulation,
            year_target: Target::Single(year),
            quarters: q.map(|t| Some(Target::Single(t))),
        }
    }

    fn q(n: u32) -> Quarter {
        Quarter::new(n).unwrap()
    }

    #[test]
    fn a_cumulative_indikator_measures_each_quarter_and_the_year_by_its_last_state() {
        let p = plan(
            Direction::Higher,
            Accumulation::Cumulative,
            100.0,
            [25.0, 50.0, 75.0, 100.0],
        );
        let r = reached(
            &p,
            &[Some(30.0), Some(45.0), None, None],
            q(2),
            &CategoryScale::default(),
        );
        assert_eq!(r.quarters[0].percent(), Some(120.0));
        assert_eq!(r.quarters[1].percent(), Some(90.0));
        assert_eq!(r.quarters[2], Measured::NotReported);
        assert_eq!(r.year_realisation, Some(45.0));
        assert_eq!(
            r.year,
            Measured::Capaian {
                percent: 45.0,
                category: "Sangat Kurang".into()
            }
        );
    }

    #[test]
    fn a_per_quarter_indikator_sums_the_year_and_a_later_figure_waits_for_its_quarter() {
        let p = plan(Direction::Lower, Accumulation::PerQuarter, 40.0, [10.0; 4]);
        let real = [Some(8.0), Some(12.0), Some(5.0), Some(9.0)];
        let r = reached(&p, &real, q(3), &CategoryScale::default());
        assert_eq!(r.quarters[0].percent(), Some(120.0));
        assert_eq!(r.quarters[1].percent(), Some(80.0));
        assert_eq!(
            r.quarters[3],
            Measured::NotReported,
            "TW IV not yet measured"
        );
        assert_eq!(r.year_realisation, Some(25.0));
        // 25 violations against 40 for the year: (1 + (1 − 0.625)) × 100.
        assert_eq!(r.year.percent(), Some(137.5));
    }

    #[test]
    fn a_quarter_without_target_or_with_target_zero_says_so() {
        let mut p = plan(
            Direction::Higher,
            Accumulation::Cumulative,
            10.0,
            [0.0, 5.0, 8.0, 10.0],
        );
        p.quarters[2] = None;
        let r = reached(
            &p,
            &[Some(1.0), Some(5.0), Some(8.0), None],
            q(4),
            &CategoryScale::default(),
        );
        assert_eq!(r.quarters[0], Measured::Unmeasurable(NoCapaian::ZeroTarget));
        assert_eq!(r.quarters[2], Measured::NoTarget);
        assert_eq!(r.quarters[3], Measured::NotReported);
        assert_eq!(r.year.percent(), Some(80.0), "the last reported state");
    }

    #[test]
    fn indikator_are_counted_per_band_in_the_scales_order() {
        let scale = CategoryScale::default();
        let p = plan(
            Direction::Higher,
            Accumulation::Cumulative,
            100.0,
            [100.0; 4],
        );
        let all: Vec<Reached> = [95.0, 80.0, 92.0, 10.0]
            .into_iter()
            .map(|v| reached(&p, &[Some(v), None, None, None], q(1), &scale))
            .collect();
        let counts = by_category(&all, &scale);
        assert_eq!(
            counts,
            [
                ("Sangat Baik".to_string(), 2),
                ("Baik".to_string(), 1),
                ("Cukup".to_string(), 0),
                ("Kurang".to_string(), 0),
                ("Sangat Kurang".to_string(), 1),
            ]
        );
    }

    #[test]
    fn serapan_is_a_share_of_the_pagu() {
        assert_eq!(serapan(200_000_000, 150_000_000), Some(75.0));
        assert_eq!(serapan(0, 5), None);
    }
}
