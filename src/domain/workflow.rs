//! The workflow engine: a year's cycle replayed from its step events.
//!
//! The events are the truth; the state is derived. A new transition is checked against the state
//! replayed from the stored events, by the same `apply` that replays them, so what was accepted
//! once always replays the same way.

use std::fmt;

use chrono::NaiveDateTime;

use super::calendar::WorkCalendar;
use super::sop::{Exit, Requirement, Sop, Step, StepNo, Symbol};

pub type OfficialId = i64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// The year's cycle is opened; the first step becomes active.
    Started,
    /// A start or process step is done.
    Completed,
    /// The decision says "Ya".
    Accepted,
    /// The decision says "Tidak": back to the step the SOP names, with a reason.
    Returned,
}

impl EventKind {
    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            EventKind::Started => "mulai",
            EventKind::Completed => "selesai",
            EventKind::Accepted => "terima",
            EventKind::Returned => "kembali",
        }
    }

    pub fn from_code(code: &str) -> Option<EventKind> {
        [
            EventKind::Started,
            EventKind::Completed,
            EventKind::Accepted,
            EventKind::Returned,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }

    /// How the Riwayat writes it.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Started => "Memulai siklus",
            EventKind::Completed => "Menyelesaikan langkah",
            EventKind::Accepted => "Menerima dan menandatangani",
            EventKind::Returned => "Mengembalikan untuk koreksi",
        }
    }

    /// How the Riwayat writes it at `step`: a "Ya" is a signature only at the signing step.
    pub fn label_at(self, step: Option<&Step>) -> &'static str {
        match self {
            EventKind::Accepted if !step.is_some_and(Step::signs) => "Memutuskan: Ya",
            other => other.label(),
        }
    }
}

/// Who acts: an official and the SOP lanes they belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: OfficialId,
    pub name: String,
    pub lanes: Vec<String>,
}

impl Actor {
    /// Whoever sits at the keyboard before choosing an official: may edit settings, never
    /// act in a lane.
    pub fn operator() -> Actor {
        Actor {
            id: 0,
            name: "Operator".into(),
            lanes: Vec::new(),
        }
    }

    /// The official's row id, `None` for the operator.
    pub fn official_id(&self) -> Option<OfficialId> {
        (self.id > 0).then_some(self.id)
    }
}

/// One stored event of a cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepEvent {
    pub step: StepNo,
    pub kind: EventKind,
    pub actor_id: Option<OfficialId>,
    pub actor_name: String,
    /// Office local time.
    pub at: NaiveDateTime,
    pub note: String,
}

/// What a user asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    Start,
    Complete {
        step: StepNo,
        note: String,
    },
    /// Complete a step whose requirement is not met, with the reason (kept in the history).
    CompleteAnyway {
        step: StepNo,
        reason: String,
    },
    Accept {
        step: StepNo,
        note: String,
    },
    Return {
        step: StepNo,
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkflowError {
    AlreadyStarted,
    NotStarted,
    Finished,
    NotActive {
        step: StepNo,
        active: Option<StepNo>,
    },
    NotADecision {
        step: StepNo,
    },
    IsADecision {
        step: StepNo,
    },
    ReasonRequired,
    /// Going on without a step's requirement met needs its reason.
    AnywayReasonRequired,
    NotYourLane {
        step: StepNo,
        lanes: String,
    },
    UnknownStep {
        step: StepNo,
    },
}

impl fmt::Display for WorkflowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkflowError::AlreadyStarted => write!(f, "Siklus tahun ini sudah dimulai."),
            WorkflowError::NotStarted => write!(f, "Siklus tahun ini belum dimulai."),
            WorkflowError::Finished => write!(f, "Siklus tahun ini sudah selesai."),
            WorkflowError::NotActive { step, active } => match active {
                Some(a) => write!(
                    f,
                    "Langkah {step} tidak sedang aktif; yang aktif langkah {a}."
                ),
                None => write!(f, "Langkah {step} tidak sedang aktif."),
            },
            WorkflowError::NotADecision { step } => {
                write!(f, "Langkah {step} bukan langkah keputusan.")
            }
            WorkflowError::IsADecision { step } => write!(
                f,
                "Langkah {step} adalah keputusan: pilih diterima atau dikembalikan."
            ),
            WorkflowError::ReasonRequired => write!(
                f,
                "Alasan pengembalian wajib diisi agar tim tahu apa yang harus dikoreksi."
            ),
            WorkflowError::AnywayReasonRequired => write!(
                f,
                "Alasan melanjutkan tanpa menunggu wajib diisi di kolom catatan; alasan itu tercatat di riwayat."
            ),
            WorkflowError::NotYourLane { step, lanes } => write!(
                f,
                "Langkah {step} dikerjakan oleh {lanes}; yang sedang masuk tidak termasuk pelaksana itu."
            ),
            WorkflowError::UnknownStep { step } => write!(f, "Langkah {step} tidak ada di SOP."),
        }
    }
}

impl std::error::Error for WorkflowError {}

/// One time a step was active.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub step: StepNo,
    /// 1 for the first pass, 2 after the first return, ...
    pub round: u32,
    pub activated: NaiveDateTime,
    pub due: NaiveDateTime,
    /// The event that ended the visit.
    pub ended: Option<StepEvent>,
}

/// What a step looks like now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    Done,
    Active,
    Waiting,
    /// Active and past its due time.
    Late,
}

impl StepState {
    pub fn label(self) -> &'static str {
        match self {
            StepState::Done => "Selesai",
            StepState::Active => "Aktif",
            StepState::Waiting => "Menunggu",
            StepState::Late => "Terlambat",
        }
    }
}

/// A step with its state and dates, for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepView {
    pub step: StepNo,
    pub state: StepState,
    /// Actual activation for done and active steps; projected for waiting ones.
    pub start: Option<NaiveDateTime>,
    /// Due time (planned end).
    pub due: Option<NaiveDateTime>,
    /// The event that completed the step (done steps).
    pub done: Option<StepEvent>,
    /// Done after its due time.
    pub done_late: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CycleState {
    pub started: Option<NaiveDateTime>,
    pub visits: Vec<Visit>,
    /// The step now waiting for its executor; `None` before the start and after the end.
    pub active: Option<StepNo>,
    pub finished: Option<NaiveDateTime>,
    pub returns: u32,
    /// Per step (index `no - 1`), the visit that counts now; cleared for the steps a return
    /// sends back into the loop.
    current: Vec<Option<usize>>,
}

/// Closing `step` while units have not submitted their FORMAT RKT: their names, to warn the
/// person closing it and ask them to confirm. Only for the step where the units fill their
/// formats (the one leading to their collection); empty for any other step, or when every
/// unit (`units`: name, submitted) has submitted.
pub fn unsubmitted_at_close<'a>(
    sop: &Sop,
    step: &Step,
    units: impl IntoIterator<Item = (&'a str, bool)>,
) -> Vec<&'a str> {
    let fills = step.requirement.is_none()
        && matches!(step.exit, Exit::Next(Some(next))
            if sop.step(next).is_some_and(|n| n.requirement == Some(Requirement::FormatsSubmitted)));
    if !fills {
        return Vec::new();
    }
    units
        .into_iter()
        .filter(|(_, submitted)| !submitted)
        .map(|(name, _)| name)
        .collect()
}

impl CycleState {
    /// The active step when it is one where the draft is corrected: after the step that needs
    /// a compiled draft and before the first decision after it (a decision before the
    /// compilation, such as a check of the formats, has no draft to correct).
    pub fn correction_step<'a>(&self, sop: &'a Sop) -> Option<&'a Step> {
        let active = self.active?;
        let compile = sop.step_requiring(Requirement::DraftCompiled)?.no;
        let decision = sop
            .steps
            .iter()
            .find(|s| s.no > compile && s.symbol == Symbol::Decision)
            .map_or(StepNo::MAX, |s| s.no);
        (active > compile && active < decision)
            .then(|| sop.step(active))
            .flatten()
    }

    /// Is it the turn of someone in `lanes` to correct the draft? The error says whose it is.
    pub fn require_correction_turn(&self, sop: &Sop, lanes: &[String]) -> Result<(), String> {
        match self.correction_step(sop) {
            Some(step) if sop.admits(step, lanes) => Ok(()),
            Some(step) => Err(format!(
                "Koreksi Draft RKT pada langkah {} dilakukan oleh {}.",
                step.no,
                sop.lane_names(step)
            )),
            None => Err(
                "Draft RKT hanya dikoreksi saat langkah koreksi (sesudah kompilasi, sebelum keputusan berikutnya) sedang aktif.".into(),
            ),
        }
    }

    /// The latest return at a decision (who, when, and the reason), while the cycle is in the
    /// correction round it started.
    pub fn last_return(&self) -> Option<&StepEvent> {
        if self.returns == 0 || self.finished.is_some() {
            return None;
        }
        self.visits
            .iter()
            .rev()
            .filter_map(|v| v.ended.as_ref())
            .find(|e| e.kind == EventKind::Returned)
    }

    /// Replays stored events. A stored history that the SOP no longer accepts is an error
    /// (e.g. `sop.toml` was changed under a running cycle).
    pub fn replay(
        sop: &Sop,
        cal: &WorkCalendar,
        events: &[StepEvent],
    ) -> Result<CycleState, WorkflowError> {
        let mut state = CycleState {
            current: vec![None; sop.steps.len()],
            ..CycleState::default()
        };
        for e in events {
            state.apply(sop, cal, e)?;
        }
        Ok(state)
    }

    /// Checks an intent for an actor and turns it into the event to store.
    pub fn check(
        &self,
        sop: &Sop,
        intent: &Intent,
        actor: &Actor,
        at: NaiveDateTime,
    ) -> Result<StepEvent, WorkflowError> {
        let (step, kind, note) = match intent {
            Intent::Start => (sop.first_step(), EventKind::Started, String::new()),
            Intent::Complete { step, note } => (*step, EventKind::Completed, note.trim().into()),
            Intent::CompleteAnyway { step, reason } => {
                if reason.trim().is_empty() {
                    return Err(WorkflowError::AnywayReasonRequired);
                }
                (
                    *step,
                    EventKind::Completed,
                    format!("Dilanjutkan tanpa menunggu syarat: {}", reason.trim()),
                )
            }
            Intent::Accept { step, note } => (*step, EventKind::Accepted, note.trim().into()),
            Intent::Return { step, reason } => (*step, EventKind::Returned, reason.trim().into()),
        };
        let event = StepEvent {
            step,
            kind,
            actor_id: Some(actor.id),
            actor_name: actor.name.clone(),
            at,
            note,
        };
        self.validate(sop, &event)?;
        // Starting the cycle is the first step's executor's act, as every other is its own.
        {
            let s = sop.step(step).ok_or(WorkflowError::UnknownStep { step })?;
            if !sop.admits(s, &actor.lanes) {
                return Err(WorkflowError::NotYourLane {
                    step,
                    lanes: sop.lane_names(s),
                });
            }
        }
        Ok(event)
    }

    /// The rules of the SOP, checked for every event (new or replayed).
    fn validate(&self, sop: &Sop, e: &StepEvent) -> Result<(), WorkflowError> {
        if e.kind == EventKind::Started {
            return if self.started.is_some() {
                Err(WorkflowError::AlreadyStarted)
            } else {
                Ok(())
            };
        }
        if self.started.is_none() {
            return Err(WorkflowError::NotStarted);
        }
        if self.finished.is_some() {
            return Err(WorkflowError::Finished);
        }
        let step = sop
            .step(e.step)
            .ok_or(WorkflowError::UnknownStep { step: e.step })?;
        if self.active != Some(e.step) {
            return Err(WorkflowError::NotActive {
                step: e.step,
                active: self.active,
            });
        }
        match (e.kind, step.symbol) {
            (EventKind::Completed, Symbol::Decision) => {
                Err(WorkflowError::IsADecision { step: e.step })
            }
            (EventKind::Accepted | EventKind::Returned, s) if s != Symbol::Decision => {
                Err(WorkflowError::NotADecision { step: e.step })
            }
            (EventKind::Returned, _) if e.note.trim().is_empty() => {
                Err(WorkflowError::ReasonRequired)
            }
            _ => Ok(()),
        }
    }

    /// Applies one event after validating it.
    pub fn apply(
        &mut self,
        sop: &Sop,
        cal: &WorkCalendar,
        e: &StepEvent,
    ) -> Result<(), WorkflowError> {
        self.validate(sop, e)?;
        if e.kind == EventKind::Started {
            self.started = Some(e.at);
            self.activate(sop, cal, sop.first_step(), e.at);
            return Ok(());
        }
        let step = sop.step(e.step).expect("validated");
        if let Some(&Some(v)) = self.current.get(e.step as usize - 1) {
            self.visits[v].ended = Some(e.clone());
        }
        let next = match (e.kind, step.exit) {
            (EventKind::Returned, Exit::Decision { no, .. }) => {
                self.returns += 1;
                // The loop from the target back to this decision runs again.
                let (lo, hi) = (no.min(e.step), no.max(e.step));
                if no <= e.step {
                    for n in lo..=hi {
                        self.current[n as usize - 1] = None;
                    }
                }
                Some(no)
            }
            (EventKind::Accepted, Exit::Decision { yes, .. }) => Some(yes),
            (_, Exit::Next(next)) => next,
            (_, Exit::Decision { yes, .. }) => Some(yes),
        };
        match next {
            Some(n) => self.activate(sop, cal, n, e.at),
            None => {
                self.active = None;
                self.finished = Some(e.at);
            }
        }
        Ok(())
    }

    fn activate(&mut self, sop: &Sop, cal: &WorkCalendar, no: StepNo, at: NaiveDateTime) {
        let step = sop
            .step(no)
            .expect("exits are validated when the SOP is parsed");
        self.visits.push(Visit {
            step: no,
            round: self.returns + 1,
            activated: at,
            due: cal.add(at, step.duration),
            ended: None,
        });
        self.current[no as usize - 1] = Some(self.visits.len() - 1);
        self.active = Some(no);
    }

    /// Every step of the SOP with its state at `now`. Waiting steps get projected dates along
    /// the default ("Ya") path from the active step (or from `now` before the start).
    pub fn step_views(&self, sop: &Sop, cal: &WorkCalendar, now: NaiveDateTime) -> Vec<StepView> {
        let mut views: Vec<StepView> = sop
            .steps
            .iter()
            .map(|s| {
                let visit = self
                    .current
                    .get(s.no as usize - 1)
                    .copied()
                    .flatten()
                    .map(|i| &self.visits[i]);
                match visit {
                    Some(v) => match &v.ended {
                        Some(end) => StepView {
                            step: s.no,
                            state: StepState::Done,
                            start: Some(v.activated),
                            due: Some(v.due),
                            done: Some(end.clone()),
                            done_late: end.at > v.due,
                        },
                        None => StepView {
                            step: s.no,
                            state: if now > v.due {
                                StepState::Late
                            } else {
                                StepState::Active
                            },
                            start: Some(v.activated),
                            due: Some(v.due),
                            done: None,
                            done_late: false,
                        },
                    },
                    None => StepView {
                        step: s.no,
                        state: StepState::Waiting,
                        start: None,
                        due: None,
                        done: None,
                        done_late: false,
                    },
                }
            })
            .collect();

        // Project the waiting steps.
        if self.finished.is_some() {
            return views;
        }
        let (mut cursor, mut t) = match self.active {
            Some(a) => {
                let due = views[a as usize - 1].due.expect("active has a due");
                (sop.default_next(a), due.max(now))
            }
            None => (Some(sop.first_step()), now),
        };
        let mut guard = 0;
        while let Some(no) = cursor {
            let view = &mut views[no as usize - 1];
            if view.state != StepState::Waiting || guard > sop.steps.len() {
                break;
            }
            let start = cal.clamp_to_working(t);
            let end = cal.add(start, sop.step(no).expect("valid").duration);
            view.start = Some(start);
            view.due = Some(end);
            t = end;
            cursor = sop.default_next(no);
            guard += 1;
        }
        views
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_time::feb as at;

    #[test]
    fn closing_the_filling_step_names_the_units_not_submitted() {
        let sop = Sop::embedded();
        let units = [
            ("Sub Bagian Keuangan", true),
            ("Bidang Linmas", false),
            ("Bidang SDA", false),
        ];
        // Step 4 (the units fill their formats; step 5 collects them).
        assert_eq!(
            unsubmitted_at_close(&sop, sop.step(4).unwrap(), units),
            ["Bidang Linmas", "Bidang SDA"]
        );
        // Everyone in: nothing to warn of.
        assert!(unsubmitted_at_close(&sop, sop.step(4).unwrap(), [("A", true)]).is_empty());
        // Step 5 asks its own reason (it requires every format); other steps never warn.
        for no in [3, 5, 6, 9] {
            assert!(
                unsubmitted_at_close(&sop, sop.step(no).unwrap(), units).is_empty(),
                "{no}"
            );
        }
    }

    fn actor(lanes: &[&str]) -> Actor {
        Actor {
            id: 1,
            name: "Uji".into(),
            lanes: lanes.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Everyone, for tests that are about the flow, not the lanes.
    fn all() -> Actor {
        actor(&["tim", "kasubag_pp", "kabid", "sekretaris", "kepala"])
    }

    struct Run {
        sop: Sop,
        cal: WorkCalendar,
        state: CycleState,
        events: Vec<StepEvent>,
    }

    impl Run {
        fn new() -> Run {
            let sop = Sop::embedded();
            let cal = WorkCalendar::default();
            let state = CycleState::replay(&sop, &cal, &[]).unwrap();
            Run {
                sop,
                cal,
                state,
                events: vec![],
            }
        }

        fn act(
            &mut self,
            intent: Intent,
            who: &Actor,
            t: NaiveDateTime,
        ) -> Result<(), WorkflowError> {
            let e = self.state.check(&self.sop, &intent, who, t)?;
            self.state.apply(&self.sop, &self.cal, &e)?;
            self.events.push(e);
            Ok(())
        }

        fn complete(&mut self, step: StepNo) {
            self.act(
                Intent::Complete {
                    step,
                    note: String::new(),
                },
                &all(),
                at(4, 9),
            )
            .unwrap();
        }
    }

    /// Another office's SOP (tests/data/sop-revisi.toml): the Kasubag's completeness check
    /// (step 5, ya 6, tidak 4) is a decision that does not sign; the draft is compiled at 7,
    /// corrected at 8, signed at 9.
    fn revised() -> Run {
        let sop = Sop::parse(include_str!("../../tests/data/sop-revisi.toml")).unwrap();
        let cal = WorkCalendar::default();
        let state = CycleState::replay(&sop, &cal, &[]).unwrap();
        Run {
            sop,
            cal,
            state,
            events: vec![],
        }
    }

    #[test]
    fn a_plain_decision_says_yes_or_no_and_the_draft_is_corrected_after_the_compilation() {
        let mut r = revised();
        r.act(Intent::Start, &all(), at(2, 8)).unwrap();
        for step in 1..=4 {
            r.complete(step);
        }
        assert_eq!(r.state.active, Some(5));
        let step5 = r.sop.step(5).unwrap();
        assert!(!step5.signs() && r.sop.step(9).unwrap().signs());
        assert_eq!(EventKind::Accepted.label_at(Some(step5)), "Memutuskan: Ya");
        assert_eq!(
            EventKind::Accepted.label_at(r.sop.step(9)),
            "Menerima dan menandatangani"
        );
        // Only the Kasubag decides; "Tidak" needs its reason and goes back to step 4.
        let no = |reason: &str| Intent::Return {
            step: 5,
            reason: reason.into(),
        };
        assert!(matches!(
            r.act(no("kurang"), &actor(&["tim"]), at(4, 10)),
            Err(WorkflowError::NotYourLane { step: 5, .. })
        ));
        assert_eq!(
            r.act(no(" "), &actor(&["kasubag_pp"]), at(4, 10)),
            Err(WorkflowError::ReasonRequired)
        );
        r.act(
            no("Format Linmas kurang"),
            &actor(&["kasubag_pp"]),
            at(4, 10),
        )
        .unwrap();
        assert_eq!(r.state.active, Some(4));
        r.complete(4);
        r.act(
            Intent::Accept {
                step: 5,
                note: String::new(),
            },
            &actor(&["kasubag_pp"]),
            at(5, 9),
        )
        .unwrap();
        assert_eq!(r.state.active, Some(6));
        // No draft to correct before it is compiled, though a decision came before.
        assert!(r.state.correction_step(&r.sop).is_none());
        r.complete(6);
        r.complete(7);
        assert_eq!(r.state.correction_step(&r.sop).map(|s| s.no), Some(8));
        assert!(
            r.state
                .require_correction_turn(&r.sop, &["sekretaris".into()])
                .is_ok()
        );
        r.complete(8);
        assert_eq!(r.state.active, Some(9));
        assert!(r.state.correction_step(&r.sop).is_none());
    }

    #[test]
    fn walks_from_one_to_eleven() {
        let mut r = Run::new();
        // Starting is the first step's executor's act (the Sekretaris's disposition).
        assert_eq!(
            r.act(Intent::Start, &actor(&["tim"]), at(2, 8)),
            Err(WorkflowError::NotYourLane {
                step: 1,
                lanes: "SEKRETARIS".into()
            })
        );
        r.act(Intent::Start, &actor(&["sekretaris"]), at(2, 8))
            .unwrap();
        assert_eq!(r.state.active, Some(1));
        for step in 1..=9 {
            assert_eq!(r.state.active, Some(step));
            r.complete(step);
        }
        assert_eq!(r.state.active, Some(10));
        r.act(
            Intent::Accept {
                step: 10,
                note: String::new(),
            },
            &actor(&["kepala"]),
            at(5, 9),
        )
        .unwrap();
        assert_eq!(r.state.active, Some(11));
        r.complete(11);
        assert_eq!(r.state.active, None);
        assert!(r.state.finished.is_some());
        let views = r.state.step_views(&r.sop, &r.cal, at(6, 9));
        assert!(views.iter().all(|v| v.state == StepState::Done));
        assert_eq!(
            r.act(
                Intent::Complete {
                    step: 11,
                    note: String::new()
                },
                &all(),
                at(6, 9)
            ),
            Err(WorkflowError::Finished)
        );
    }

    #[test]
    fn a_return_loops_ten_eight_nine_ten() {
        let mut r = Run::new();
        r.act(Intent::Start, &all(), at(2, 8)).unwrap();
        for step in 1..=9 {
            r.complete(step);
        }
        r.act(
            Intent::Return {
                step: 10,
                reason: "Target IKU 2 belum sesuai Renstra".into(),
            },
            &actor(&["kepala"]),
            at(5, 10),
        )
        .unwrap();
        assert_eq!(r.state.active, Some(8));
        assert_eq!(r.state.returns, 1);
        // The reason stays in view for the round it opened.
        let back = r.state.last_return().expect("the return");
        assert_eq!(back.note, "Target IKU 2 belum sesuai Renstra");
        assert_eq!(back.step, 10);
        let views = r.state.step_views(&r.sop, &r.cal, at(5, 11));
        for v in &views {
            let expected = match v.step {
                1..=7 => StepState::Done,
                8 => StepState::Active,
                _ => StepState::Waiting,
            };
            assert_eq!(v.state, expected, "step {}", v.step);
        }
        r.complete(8);
        r.complete(9);
        assert_eq!(r.state.active, Some(10));
        let round: Vec<_> = r.state.visits.iter().map(|v| (v.step, v.round)).collect();
        assert_eq!(&round[round.len() - 3..], &[(8, 2), (9, 2), (10, 2)]);
        r.act(
            Intent::Accept {
                step: 10,
                note: String::new(),
            },
            &actor(&["kepala"]),
            at(6, 9),
        )
        .unwrap();
        assert_eq!(r.state.active, Some(11));

        // Replaying the stored events gives the same state.
        let replayed = CycleState::replay(&r.sop, &r.cal, &r.events).unwrap();
        assert_eq!(replayed, r.state);
    }

    #[test]
    fn a_return_without_a_reason_is_refused() {
        let mut r = Run::new();
        r.act(Intent::Start, &all(), at(2, 8)).unwrap();
        for step in 1..=9 {
            r.complete(step);
        }
        for reason in ["", "   \n"] {
            assert_eq!(
                r.act(
                    Intent::Return {
                        step: 10,
                        reason: reason.into()
                    },
                    &actor(&["kepala"]),
                    at(5, 10)
                ),
                Err(WorkflowError::ReasonRequired)
            );
        }
        assert_eq!(r.state.active, Some(10));
    }

    #[test]
    fn only_the_steps_lane_may_act() {
        let mut r = Run::new();
        r.act(Intent::Start, &actor(&["sekretaris"]), at(2, 8))
            .unwrap();
        let err = r
            .act(
                Intent::Complete {
                    step: 1,
                    note: String::new(),
                },
                &actor(&["tim"]),
                at(2, 9),
            )
            .unwrap_err();
        assert!(matches!(err, WorkflowError::NotYourLane { step: 1, .. }));
        assert!(err.to_string().contains("SEKRETARIS"), "{err}");
        r.act(
            Intent::Complete {
                step: 1,
                note: "Disposisi".into(),
            },
            &actor(&["sekretaris"]),
            at(2, 9),
        )
        .unwrap();
        for step in 2..=7 {
            r.complete(step);
        }
        // Step 8 has two lanes: either may complete it.
        r.act(
            Intent::Complete {
                step: 8,
                note: String::new(),
            },
            &actor(&["kasubag_pp"]),
            at(4, 9),
        )
        .unwrap();
        assert_eq!(r.state.active, Some(9));
    }

    #[test]
    fn wrong_steps_and_kinds_are_refused() {
        let mut r = Run::new();
        assert_eq!(
            r.act(
                Intent::Complete {
                    step: 1,
                    note: String::new()
                },
                &all(),
                at(2, 8)
            ),
            Err(WorkflowError::NotStarted)
        );
        r.act(Intent::Start, &all(), at(2, 8)).unwrap();
        assert_eq!(
            r.act(Intent::Start, &all(), at(2, 8)),
            Err(WorkflowError::AlreadyStarted)
        );
        assert_eq!(
            r.act(
                Intent::Complete {
                    step: 3,
                    note: String::new()
                },
                &all(),
                at(2, 8)
            ),
            Err(WorkflowError::NotActive {
                step: 3,
                active: Some(1)
            })
        );
        assert_eq!(
            r.act(
                Intent::Accept {
                    step: 1,
                    note: String::new()
                },
                &all(),
                at(2, 8)
            ),
            Err(WorkflowError::NotADecision { step: 1 })
        );
        for step in 1..=9 {
            r.complete(step);
        }
        assert_eq!(
            r.act(
                Intent::Complete {
                    step: 10,
                    note: String::new()
                },
                &all(),
                at(2, 8)
            ),
            Err(WorkflowError::IsADecision { step: 10 })
        );
        assert_eq!(r.events.len(), 10);
    }

    #[test]
    fn due_dates_and_lateness() {
        let mut r = Run::new();
        // Monday 2 Feb 2026 08:00: step 1 (15 menit) due 08:15.
        r.act(Intent::Start, &all(), at(2, 8)).unwrap();
        let views = r.state.step_views(&r.sop, &r.cal, at(2, 8));
        assert_eq!(views[0].state, StepState::Active);
        assert_eq!(views[0].due, Some(at(2, 8) + chrono::Duration::minutes(15)));
        // Projection: step 2 (30 menit) then step 3 (1 hari) ...
        assert_eq!(views[1].due, Some(at(2, 8) + chrono::Duration::minutes(45)));
        assert_eq!(views[2].due, Some(at(3, 8) + chrono::Duration::minutes(45)));
        assert!(
            views.iter().all(|v| v.due.is_some()),
            "every step projected"
        );
        // At 09:00 step 1 is late.
        let late = r.state.step_views(&r.sop, &r.cal, at(2, 9));
        assert_eq!(late[0].state, StepState::Late);
        // Done late is remembered.
        r.complete(1); // at 4 Feb 09:00
        let views = r.state.step_views(&r.sop, &r.cal, at(4, 9));
        assert_eq!(views[0].state, StepState::Done);
        assert!(views[0].done_late);
        assert_eq!(views[1].state, StepState::Active);
    }

    #[test]
    fn replay_refuses_a_history_the_sop_does_not_allow() {
        let sop = Sop::embedded();
        let cal = WorkCalendar::default();
        let e = |step, kind| StepEvent {
            step,
            kind,
            actor_id: None,
            actor_name: String::new(),
            at: at(2, 8),
            note: String::new(),
        };
        let events = [e(1, EventKind::Started), e(2, EventKind::Completed)];
        assert!(matches!(
            CycleState::replay(&sop, &cal, &events),
            Err(WorkflowError::NotActive { step: 2, .. })
        ));
    }

    #[test]
    fn event_codes_round_trip() {
        for k in [
            EventKind::Started,
            EventKind::Completed,
            EventKind::Accepted,
            EventKind::Returned,
        ] {
            assert_eq!(EventKind::from_code(k.code()), Some(k));
        }
        assert_eq!(EventKind::from_code("x"), None);
    }
}
