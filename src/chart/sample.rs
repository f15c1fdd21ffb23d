//! Made-up SOPs of any size, for the geometry tests and the benchmarks.

use crate::domain::duration::{DurationUnit, WorkDuration};
use crate::domain::sop::{Exit, Identity, Lane, Sop, Step, Symbol};

/// A small deterministic generator (xorshift), so failures can be replayed by seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// A made-up SOP: `steps` steps over `lanes` lanes, some steps in two lanes, decisions that
/// send work back (and some forward), and some steps that skip ahead.
pub fn made_up(seed: u64, steps: usize, lanes: usize) -> Sop {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let lanes_v: Vec<Lane> = (0..lanes)
        .map(|i| Lane {
            id: format!("l{i}"),
            name: format!("PELAKSANA NOMOR {} DENGAN NAMA PANJANG", i + 1),
        })
        .collect();
    let mut out = Vec::new();
    for i in 0..steps {
        let no = i as u32 + 1;
        let last = i + 1 == steps;
        let symbol = if i == 0 {
            Symbol::Start
        } else if last {
            Symbol::End
        } else if i >= 2 && rng.below(4) == 0 {
            Symbol::Decision
        } else {
            Symbol::Process
        };
        let mut step_lanes = vec![rng.below(lanes)];
        if rng.below(5) == 0 {
            let other = rng.below(lanes);
            if !step_lanes.contains(&other) {
                step_lanes.push(other);
            }
        }
        step_lanes.sort_unstable();
        let exit = match symbol {
            Symbol::End => Exit::Next(None),
            Symbol::Decision => {
                let no_target = if rng.below(4) == 0 && i + 3 < steps {
                    no + 2 + rng.below(steps - i - 2) as u32
                } else {
                    1 + rng.below(i) as u32
                };
                let yes = if rng.below(5) == 0 && i + 3 < steps {
                    no + 2
                } else {
                    no + 1
                };
                Exit::Decision {
                    yes,
                    no: if no_target == yes { no + 1 } else { no_target },
                }
            }
            _ if rng.below(8) == 0 && i + 3 < steps => Exit::Next(Some(no + 2)),
            _ => Exit::Next(Some(no + 1)),
        };
        let text = "Uraian langkah yang cukup panjang untuk dibungkus ke beberapa baris "
            .repeat(1 + rng.below(3));
        out.push(Step {
            no,
            text,
            lanes: step_lanes,
            symbol,
            equipment: "Draft RKT".into(),
            duration: WorkDuration::new(3, DurationUnit::Days),
            output: "Dokumen".into(),
            remark: String::new(),
            exit,
            requirement: None,
        });
    }
    // A decision whose exits coincide is not a decision; make it plain.
    for s in &mut out {
        if let Exit::Decision { yes, no } = s.exit
            && yes == no
        {
            s.exit = Exit::Next(Some(yes));
            s.symbol = Symbol::Process;
        }
    }
    Sop {
        identity: Identity::default(),
        lanes: lanes_v,
        steps: out,
    }
}
