//! The demo's year after the PK: the Rencana Aksi filled as the units would (each unit's own
//! official, or the TIM acting for a unit without one, with its reason), a quarter's
//! realisation with kendala, tindak lanjut, budget and a photo as evidence — some indikator
//! above target, some below, one lower-is-better — and the year before as history. Signing is
//! export's (it makes the PDFs); this file writes only what units type.

use chrono::NaiveDateTime;
use rusqlite::params;

use super::plan::insert_plan_row;
use super::{Identity, Result, Store, StoreError};
use crate::domain::action_plan::{
    PlanCol, PlanValues, RealCol, accumulation_word, direction_word, parse_accumulation,
    parse_direction,
};
use crate::domain::capaian::{Direction, Target};
use crate::domain::indo::decimal;
use crate::domain::quarter::{Accumulation, Quarter};
use crate::domain::sop::{Requirement, Sop};

/// How each row does against its target, in turn: above, below, on, well below, far above.
const PERFORMANCE: [f64; 6] = [1.08, 0.93, 1.0, 0.72, 1.15, 0.86];
/// Share of a sub kegiatan's pagu spent in each quarter.
const SPENT: [f64; 4] = [0.17, 0.24, 0.27, 0.24];
const AKSI: [&str; 4] = [
    "Patroli dan pengawasan terjadwal di tiap kecamatan",
    "Sosialisasi Perda kepada masyarakat dan pelaku usaha",
    "Pelatihan dan bimbingan teknis personel",
    "Penyusunan, pemantauan dan evaluasi dokumen kinerja",
];

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The demo's way for an indikator: counts of incidents that recur are better low.
fn direction_of(indikator: &str) -> Direction {
    if indikator.to_lowercase().contains("berulang") {
        Direction::Lower
    } else {
        Direction::Higher
    }
}

/// Shares and indices are states (cumulative); counts add up over the quarters.
fn accumulation_of(satuan: &str) -> Accumulation {
    match satuan.trim() {
        "kali" | "kasus" | "orang" => Accumulation::PerQuarter,
        _ => Accumulation::Cumulative,
    }
}

/// Counts are whole: 30 kasus a year are 8, 8, 8 and 6 a quarter, not 7,5 each.
fn quarter_targets(year_target: f64, acc: Accumulation) -> [f64; 4] {
    match acc {
        Accumulation::Cumulative => [1.0, 2.0, 3.0, 4.0].map(|q| round1(year_target * q / 4.0)),
        Accumulation::PerQuarter => {
            let each = (year_target / 4.0).round();
            [each, each, each, (year_target - 3.0 * each).max(0.0)]
        }
    }
}

impl Store {
    /// Who types a unit's figures in the demo: its own official, else the TIM acting for it
    /// with the reason recorded.
    fn demo_unit_hand(
        &mut self,
        sop: &Sop,
        year: i32,
        unit_id: i64,
        now: NaiveDateTime,
    ) -> Result<Identity> {
        if let Ok(own) = self.demo_identity(|o| o.unit_id == Some(unit_id)) {
            return Ok(own);
        }
        let step = sop
            .step_requiring(Requirement::FormatsSubmitted)
            .ok_or_else(|| StoreError::Invalid("data contoh: SOP tanpa pengumpulan".into()))?
            .clone();
        let tim = self.demo_identity(|o| sop.admits(&step, &o.lanes))?;
        if self.unit_proxy(year, unit_id, tim.official_id())?.is_none() {
            self.act_for_unit(
                sop,
                year,
                unit_id,
                "data contoh: laporan unit diterima lewat surel",
                &tim,
                now,
            )?;
        }
        Ok(tim)
    }

    /// Starts and fills the year's Rencana Aksi (to be signed by the head afterwards).
    pub fn demo_plan(&mut self, sop: &Sop, year: i32, now: NaiveDateTime) -> Result<usize> {
        let step = sop
            .step_requiring(Requirement::FormatsSubmitted)
            .ok_or_else(|| StoreError::Invalid("data contoh: SOP tanpa pengumpulan".into()))?
            .clone();
        let tim = self.demo_identity(|o| sop.admits(&step, &o.lanes))?;
        let n = self.start_plan(sop, year, &tim, now)?;
        for (i, row) in self.plan_rows(year, None)?.into_iter().enumerate() {
            let who = self.demo_unit_hand(sop, year, row.unit_id, now)?;
            let v = &row.values;
            let dir = direction_of(&v.indikator);
            let acc = accumulation_of(&v.satuan);
            let target = match Target::parse(&v.target) {
                Ok(Target::Single(t)) => t,
                Ok(Target::Range(lo, _)) => lo,
                Err(_) => continue,
            };
            let tw = quarter_targets(target, acc);
            let cells = [
                (PlanCol::Arah, direction_word(dir).to_string()),
                (PlanCol::Sifat, accumulation_word(acc).to_string()),
                (PlanCol::Tw1, decimal(tw[0])),
                (PlanCol::Tw2, decimal(tw[1])),
                (PlanCol::Tw3, decimal(tw[2])),
                (PlanCol::Tw4, decimal(tw[3])),
                (PlanCol::Aksi, AKSI[i % AKSI.len()].to_string()),
            ];
            for (col, value) in cells {
                self.set_plan_cell(row.id, col, &value, &who)?;
            }
        }
        Ok(n)
    }

    /// Each unit reports quarter `q` of `year` at `now`: figures, a kendala and tindak lanjut
    /// where a row falls short, its budget, a photo as evidence; submitted unless the unit is
    /// `leave_unit` (still filling: the late one). `evidence`: a picture file to attach.
    pub fn demo_realisation(
        &mut self,
        sop: &Sop,
        year: i32,
        q: u32,
        leave_unit: Option<i64>,
        evidence: Option<&std::path::Path>,
        now: NaiveDateTime,
    ) -> Result<()> {
        let rows = self.real_rows(year, q, None)?;
        let mut units: Vec<i64> = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            let unit = r.plan.unit_id;
            if !units.contains(&unit) {
                units.push(unit);
            }
            if Some(unit) == leave_unit && i % 2 == 0 {
                continue;
            }
            let who = self.demo_unit_hand(sop, year, unit, now)?;
            let v = &r.plan.values;
            let (Some(dir), Some(_)) = (parse_direction(&v.arah), parse_accumulation(&v.sifat))
            else {
                continue;
            };
            let Ok(Target::Single(target)) = Target::parse(&v.tw[q as usize - 1]) else {
                continue;
            };
            // Lower is better: doing well means fewer than the target.
            let f = PERFORMANCE[(i + q as usize) % PERFORMANCE.len()];
            let f = match dir {
                Direction::Higher => f,
                Direction::Lower => 2.0 - f,
            };
            let mut real = round1(target * f);
            if v.satuan.trim() == "%" {
                real = real.min(100.0);
            }
            if accumulation_of(&v.satuan) == Accumulation::PerQuarter {
                real = real.round();
            }
            self.set_real_cell(r.plan.id, q, RealCol::Realisasi, &decimal(real), &who, now)?;
            let short = match dir {
                Direction::Higher => real < target,
                Direction::Lower => real > target,
            };
            if short {
                self.set_real_cell(
                    r.plan.id,
                    q,
                    RealCol::Kendala,
                    "Personel dan kendaraan operasional terbatas pada triwulan ini",
                    &who,
                    now,
                )?;
                self.set_real_cell(
                    r.plan.id,
                    q,
                    RealCol::TindakLanjut,
                    "Jadwal kegiatan digeser dan dipadukan dengan kecamatan",
                    &who,
                    now,
                )?;
            }
            if let Some(path) = evidence {
                self.add_evidence(r.plan.id, q, path, &who, now)?;
            }
        }
        for unit in units {
            if Some(unit) == leave_unit {
                continue;
            }
            let who = self.demo_unit_hand(sop, year, unit, now)?;
            for (j, b) in self.budget_rows(year, q, unit)?.into_iter().enumerate() {
                let share = SPENT[q as usize - 1] * (0.86 + 0.04 * (j % 4) as f64);
                let amount = (b.pagu as f64 * share / 1000.0).round() as i64 * 1000;
                self.set_budget_real(year, q, unit, &b.code, &amount.to_string(), &who, now)?;
            }
            self.submit_realisation(year, q, unit, &who, now)?;
        }
        Ok(())
    }

    /// The year before `year` as history: its Rencana Aksi rows and four quarters' figures
    /// as the office's last LKjIP reported them, so this year's tables compare with it. Written
    /// as data (no signatures): that year was reported before this program.
    pub fn demo_history(&mut self, year: i32, now: NaiveDateTime) -> Result<()> {
        let rows = self.plan_rows(year, None)?;
        let op = self.demo_identity(|o| o.pengelola)?;
        self.write(now, |tx| {
            let actor = super::identity::acting(tx, &op)?.actor;
            for (i, r) in rows.iter().enumerate() {
                let v = &r.values;
                let Ok(Target::Single(target)) = Target::parse(&v.target) else {
                    continue;
                };
                let acc = parse_accumulation(&v.sifat).unwrap_or(Accumulation::Cumulative);
                let f = 0.9 + 0.03 * (i % 5) as f64;
                let tw = quarter_targets(target, acc);
                let history = PlanValues {
                    tw: tw.map(decimal),
                    ..v.clone()
                };
                let id = insert_plan_row(tx, year - 1, r.unit_id, r.position, &history)?;
                let per = quarter_targets(target * 0.95, acc);
                for q in Quarter::ALL {
                    let mut real = round1(per[q.number() as usize - 1] * f);
                    if acc == Accumulation::PerQuarter {
                        real = real.round();
                    }
                    tx.execute(
                        "INSERT INTO plan_realisations (plan_row_id, quarter, realisasi) VALUES (?1, ?2, ?3)",
                        params![id, q.number(), decimal(real)],
                    )?;
                }
            }
            tx.audit(
                &actor,
                Some(year - 1),
                "rencana_aksi.riwayat",
                &format!("data contoh: realisasi {} indikator tahun {} sebagai riwayat", rows.len(), year - 1),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_split_a_state_by_its_share_and_a_count_evenly() {
        assert_eq!(
            quarter_targets(80.0, Accumulation::Cumulative),
            [20.0, 40.0, 60.0, 80.0]
        );
        assert_eq!(
            quarter_targets(30.0, Accumulation::PerQuarter),
            [8.0, 8.0, 8.0, 6.0]
        );
        assert_eq!(
            direction_of("Jumlah pelanggaran Perda yang berulang"),
            Direction::Lower
        );
        assert_eq!(accumulation_of("orang"), Accumulation::PerQuarter);
    }
}
