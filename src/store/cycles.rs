//! `cycles` and `step_events`: one RKT cycle per year and its history. The state of a cycle is
//! replayed from its events; a transition is checked against that state and stored with its
//! audit row in one transaction.

use chrono::FixedOffset;
use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};

use super::audit::{self, NewAudit};
use super::identity::{self, Identity};
use super::notes::insert_note;
use super::write::Write;
use super::{Result, Store, StoreError, time_from_db, time_to_db};
use crate::domain::calendar::WorkCalendar;
use crate::domain::sop::{Requirement, Sop};
use crate::domain::workflow::{Actor, CycleState, EventKind, Intent, StepEvent};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CycleRow {
    pub id: i64,
    pub year: i32,
    pub sop_number: String,
    pub created_at: NaiveDateTime,
}

fn check_year(year: i32) -> Result<()> {
    crate::domain::check_year(year)
        .map(|_| ())
        .map_err(StoreError::Invalid)
}

impl Store {
    pub fn cycle(&self, year: i32) -> Result<Option<CycleRow>> {
        let offset = self.settings()?.offset();
        Ok(self
            .conn
            .query_row(
                "SELECT id, year, sop_number, created_at FROM cycles WHERE year = ?1",
                [year],
                |r| {
                    Ok(CycleRow {
                        id: r.get(0)?,
                        year: r.get(1)?,
                        sop_number: r.get(2)?,
                        created_at: time_from_db(&r.get::<_, String>(3)?, offset),
                    })
                },
            )
            .optional()?)
    }

    /// Years that have a cycle, newest first.
    pub fn cycle_years(&self) -> Result<Vec<i32>> {
        let mut stmt = self
            .conn
            .prepare("SELECT year FROM cycles ORDER BY year DESC")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn step_events(&self, cycle_id: i64) -> Result<Vec<StepEvent>> {
        load_events(&self.conn, cycle_id, self.settings()?.offset())
    }

    /// The year's cycle and its replayed state, if the cycle was started.
    pub fn cycle_state(&self, sop: &Sop, year: i32) -> Result<Option<(CycleRow, CycleState)>> {
        let Some(row) = self.cycle(year)? else {
            return Ok(None);
        };
        let events = self.step_events(row.id)?;
        let state = CycleState::replay(sop, &self.work_calendar()?, &events)?;
        Ok(Some((row, state)))
    }

    /// Checks and stores one transition of the year's cycle, with its audit row, atomically.
    pub fn transition(
        &mut self,
        sop: &Sop,
        year: i32,
        intent: &Intent,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<StepEvent> {
        check_year(year)?;
        let cal = self.work_calendar()?;
        self.write(now, |w| {
            // The lanes are read here, inside the transaction: never taken from the caller.
            let actor = identity::acting(w, who)?.actor;
            transition_in(w, &cal, sop, year, intent, &actor)
        })
    }
}

/// A transition inside a caller's transaction (at its time), so that signing or archiving and
/// the step they complete are stored together or not at all.
pub(super) fn transition_in(
    w: &Write,
    cal: &WorkCalendar,
    sop: &Sop,
    year: i32,
    intent: &Intent,
    actor: &Actor,
) -> Result<StepEvent> {
    // Read inside the write transaction: a second window cannot slip an event in between.
    let cycle_id: Option<i64> = w
        .query_row("SELECT id FROM cycles WHERE year = ?1", [year], |r| {
            r.get(0)
        })
        .optional()?;
    let events = match cycle_id {
        Some(id) => load_events(w, id, w.offset())?,
        None => Vec::new(),
    };
    let state = CycleState::replay(sop, cal, &events)?;
    check_requirement(w, sop, year, intent)?;
    let event = state.check(sop, intent, actor, w.now())?;
    let cycle_id = match cycle_id {
        Some(id) => id,
        None => {
            w.execute(
                "INSERT INTO cycles (year, sop_number, created_at) VALUES (?1, ?2, ?3)",
                params![year, sop.identity.number, w.time()],
            )?;
            w.last_insert_rowid()
        }
    };
    w.execute(
        "INSERT INTO step_events (cycle_id, step, kind, actor_id, actor_name, at, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            cycle_id,
            event.step,
            event.kind.code(),
            event.actor_id,
            event.actor_name,
            time_to_db(event.at, w.offset()),
            event.note
        ],
    )?;
    if event.kind == EventKind::Returned {
        insert_note(
            w,
            year,
            None,
            Some(event.step),
            &event.actor_name,
            &format!(
                "Dikembalikan {}: {}",
                returned_by(sop, event.step),
                event.note
            ),
            &w.time(),
        )?;
    }
    let action = match event.kind {
        EventKind::Started => "siklus.mulai",
        EventKind::Completed => "langkah.selesai",
        // A "Ya" is a signature only at the signing step.
        EventKind::Accepted if sop.step(event.step).is_some_and(|s| s.signs()) => "langkah.terima",
        EventKind::Accepted => "langkah.ya",
        EventKind::Returned => "langkah.kembali",
    };
    let step_text = sop.step(event.step).map(|s| s.text.as_str()).unwrap_or("");
    let detail = match event.kind {
        EventKind::Started => format!(
            "Siklus {} tahun {year} (SOP {})",
            sop.document(),
            sop.identity.number
        ),
        _ if event.note.is_empty() => step_text.to_string(),
        EventKind::Returned => format!("{step_text} — alasan: {}", event.note),
        _ => format!("{step_text} — catatan: {}", event.note),
    };
    // The workflow's own row: it names the step (`Write::audit` records changes without one).
    audit::append(
        w,
        w.offset(),
        NewAudit {
            at: w.now(),
            year: Some(year),
            actor_id: actor.official_id(),
            actor_name: &actor.name,
            action,
            step: (event.kind != EventKind::Started).then_some(event.step),
            detail: &detail,
        },
    )?;
    Ok(event)
}

/// Who returns at `step`, as a role in a sentence ("Kepala Dinas"): its lanes.
fn returned_by(sop: &Sop, step: u32) -> String {
    let ids: Vec<String> = sop
        .step(step)
        .map(|s| s.lanes.iter().map(|&i| sop.lanes[i].id.clone()).collect())
        .unwrap_or_default();
    sop.lane_roles_of(&ids).join(" / ")
}

/// A step's requirement (sop.toml `syarat`) must hold before it is completed; only "all
/// formats submitted" may be passed over, with a reason.
fn check_requirement(conn: &Connection, sop: &Sop, year: i32, intent: &Intent) -> Result<()> {
    let (step, anyway) = match intent {
        Intent::Complete { step, .. } => (*step, false),
        Intent::CompleteAnyway { step, .. } => (*step, true),
        Intent::Accept { step, .. } => (*step, false),
        _ => return Ok(()),
    };
    let Some(req) = sop.step(step).and_then(|s| s.requirement) else {
        return if anyway {
            Err(StoreError::Invalid(format!(
                "Langkah {step} tidak punya syarat yang perlu dilewati."
            )))
        } else {
            Ok(())
        };
    };
    match req {
        Requirement::FormatsSubmitted => {
            let missing: Vec<String> = {
                let mut stmt = conn.prepare(
                    "SELECT name FROM units WHERE active = 1 AND id NOT IN
                     (SELECT unit_id FROM rkt_submissions WHERE year = ?1) ORDER BY sort_order",
                )?;
                stmt.query_map([year], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?
            };
            if missing.is_empty() || anyway {
                Ok(())
            } else {
                Err(StoreError::Invalid(format!(
                    "Belum semua unit mengumpulkan FORMAT RKT: {}. Tunggu, atau isi alasan untuk melanjutkan tanpa menunggu.",
                    missing.join(", ")
                )))
            }
        }
        Requirement::DraftCompiled => {
            let drafts: i64 =
                conn.query_row("SELECT count(*) FROM drafts WHERE year = ?1", [year], |r| {
                    r.get(0)
                })?;
            match (drafts, anyway) {
                (_, true) => Err(StoreError::Invalid(
                    "Syarat Draft RKT tidak bisa dilewati: kompilasi dulu di halaman Format RKT."
                        .into(),
                )),
                (0, false) => Err(StoreError::Invalid(
                    "Draft RKT belum dikompilasi; kompilasi dulu di halaman Format RKT.".into(),
                )),
                _ => Ok(()),
            }
        }
        Requirement::Signed => holds_or(
            is_signed(conn, year)?,
            anyway,
            "Menerima RKT berarti menandatanganinya: gunakan \"Setujui dan Tandatangani\" dengan kata sandi kunci tanda tangan Anda di halaman Tanda Tangan & Arsip.",
        ),
        Requirement::Archived => holds_or(
            conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM archive a JOIN signatures s ON s.id = a.signature_id
             WHERE s.year = ?1)",
                [year],
                |r| r.get(0),
            )?,
            anyway,
            "RKT yang ditandatangani belum diarsipkan: gunakan \"Arsipkan RKT\" di halaman Tanda Tangan & Arsip.",
        ),
    }
}

/// A requirement that cannot be passed over: it must hold, else `message`.
fn holds_or(holds: bool, anyway: bool, message: &str) -> Result<()> {
    if holds && !anyway {
        Ok(())
    } else {
        Err(StoreError::Invalid(message.into()))
    }
}

/// Whether the year's RKT is signed (step 10's requirement; a signed year's draft is final and
/// nothing is carried into it).
pub(super) fn is_signed(conn: &Connection, year: i32) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM signatures WHERE year = ?1)",
        [year],
        |r| r.get(0),
    )?)
}

pub(super) fn load_events(
    conn: &Connection,
    cycle_id: i64,
    offset: FixedOffset,
) -> Result<Vec<StepEvent>> {
    let mut stmt = conn.prepare(
        "SELECT step, kind, actor_id, actor_name, at, note FROM step_events
         WHERE cycle_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([cycle_id], |r| {
        Ok((
            r.get::<_, u32>(0)?,
            r.get::<_, String>(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get::<_, String>(4)?,
            r.get(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (step, kind, actor_id, actor_name, at, note) = row?;
        let kind = EventKind::from_code(&kind).ok_or_else(|| {
            StoreError::Invalid(format!("Jenis peristiwa \"{kind}\" tidak dikenal."))
        })?;
        out.push(StepEvent {
            step,
            kind,
            actor_id,
            actor_name,
            at: time_from_db(&at, offset),
            note,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::workflow::StepState;
    use crate::store::test_support::everyone;

    use crate::test_time::feb as at;

    fn complete(step: u32) -> Intent {
        Intent::Complete {
            step,
            note: String::new(),
        }
    }

    /// Starts 2026 and completes steps 1 to 9: the head's decision (step 10) is active.
    /// Step 5 goes on without every unit (with a reason); step 6 has a compiled draft.
    fn walk_to_the_decision(store: &mut Store, sop: &Sop, who: &Identity) {
        store
            .seed_minimal_draft(sop, 2026, who, who, at(2, 7))
            .unwrap();
        store
            .transition(sop, 2026, &Intent::Start, who, at(2, 8))
            .unwrap();
        for step in 1..=9 {
            let intent = if step == 5 {
                Intent::CompleteAnyway {
                    step,
                    reason: "Uji: satu unit cukup".into(),
                }
            } else {
                complete(step)
            };
            store.transition(sop, 2026, &intent, who, at(3, 9)).unwrap();
        }
    }

    /// Another office's SOP: step 5 is the Kasubag's completeness check (ya 6, tidak 4), a
    /// decision that does not sign.
    #[test]
    fn a_plain_decision_is_answered_in_the_stores_transaction() {
        let sop = Sop::parse(include_str!("../../tests/data/sop-revisi.toml")).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let who = everyone(&mut store);
        store
            .transition(&sop, 2026, &Intent::Start, &who, at(2, 8))
            .unwrap();
        for step in 1..=4 {
            let intent = if step == 4 {
                Intent::CompleteAnyway {
                    step,
                    reason: "Uji".into(),
                }
            } else {
                complete(step)
            };
            store
                .transition(&sop, 2026, &intent, &who, at(2, 9))
                .unwrap();
        }
        // No reason, no return; a plain decision is not completed like a process step.
        let no = |reason: &str| Intent::Return {
            step: 5,
            reason: reason.into(),
        };
        assert!(
            store
                .transition(&sop, 2026, &no(""), &who, at(2, 9))
                .is_err()
        );
        assert!(
            store
                .transition(&sop, 2026, &complete(5), &who, at(2, 9))
                .is_err()
        );
        store
            .transition(&sop, 2026, &no("Format Linmas kurang"), &who, at(2, 10))
            .unwrap();
        let audit = store.audit_for_year(Some(2026), 1).unwrap();
        assert_eq!(audit[0].action, "langkah.kembali");
        let notes = store.notes(2026).unwrap();
        assert!(
            notes.iter().any(|n| n.text
                == "Dikembalikan Kasubag Perencanaan dan Pelaporan: Format Linmas kurang"),
            "{notes:?}"
        );
        let anyway = Intent::CompleteAnyway {
            step: 4,
            reason: "Uji".into(),
        };
        store
            .transition(&sop, 2026, &anyway, &who, at(2, 11))
            .unwrap();
        // "Ya" needs no signature here: the next step follows, recorded as a decision.
        let yes = Intent::Accept {
            step: 5,
            note: String::new(),
        };
        store.transition(&sop, 2026, &yes, &who, at(2, 12)).unwrap();
        let (_, state) = store.cycle_state(&sop, 2026).unwrap().unwrap();
        assert_eq!(state.active, Some(6));
        let audit = store.audit_for_year(Some(2026), 1).unwrap();
        assert_eq!(audit[0].action, "langkah.ya");
        assert_eq!(crate::store::action_label("langkah.ya"), "Memutuskan: Ya");
    }

    #[test]
    fn step_five_waits_for_every_unit_unless_a_reason_is_given() {
        let sop = Sop::embedded();
        let mut store = Store::open_in_memory().unwrap();
        let who = everyone(&mut store);
        store
            .transition(&sop, 2026, &Intent::Start, &who, at(2, 8))
            .unwrap();
        for step in 1..=4 {
            store
                .transition(&sop, 2026, &complete(step), &who, at(2, 9))
                .unwrap();
        }
        let err = store
            .transition(&sop, 2026, &complete(5), &who, at(2, 9))
            .unwrap_err();
        assert!(err.to_string().contains("Belum semua unit"), "{err}");
        let empty = Intent::CompleteAnyway {
            step: 5,
            reason: " ".into(),
        };
        // Its own words: the reason for going on, not a return's.
        let err = store
            .transition(&sop, 2026, &empty, &who, at(2, 9))
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("Alasan melanjutkan tanpa menunggu wajib diisi"),
            "{err}"
        );
        let anyway = Intent::CompleteAnyway {
            step: 5,
            reason: "Bidang Linmas menyusul".into(),
        };
        store
            .transition(&sop, 2026, &anyway, &who, at(2, 9))
            .unwrap();
        let audit = store.audit_for_year(Some(2026), 1).unwrap();
        assert!(audit[0].detail.contains("Bidang Linmas menyusul"));
        // Step 6 cannot be passed over: it needs a compiled draft.
        let err = store
            .transition(&sop, 2026, &complete(6), &who, at(2, 9))
            .unwrap_err();
        assert!(err.to_string().contains("belum dikompilasi"), "{err}");
        let skip6 = Intent::CompleteAnyway {
            step: 6,
            reason: "x".into(),
        };
        assert!(
            store
                .transition(&sop, 2026, &skip6, &who, at(2, 9))
                .is_err()
        );
    }

    #[test]
    fn every_transition_writes_an_event_and_an_audit_row() {
        let sop = Sop::embedded();
        let mut store = Store::open_in_memory().unwrap();
        let who = everyone(&mut store);
        walk_to_the_decision(&mut store, &sop, &who);
        store
            .transition(
                &sop,
                2026,
                &Intent::Return {
                    step: 10,
                    reason: "Pagu bidang Linmas belum sesuai DPA".into(),
                },
                &who,
                at(4, 9),
            )
            .unwrap();
        let (_, state) = store.cycle_state(&sop, 2026).unwrap().unwrap();
        assert_eq!(state.active, Some(8));
        let events = store
            .step_events(store.cycle(2026).unwrap().unwrap().id)
            .unwrap();
        assert_eq!(events.len(), 11);
        let audit: Vec<_> = store
            .audit_for_year(Some(2026), 100)
            .unwrap()
            .into_iter()
            .filter(|a| a.action.starts_with("siklus") || a.action.starts_with("langkah"))
            .collect();
        assert_eq!(audit.len(), 11);
        assert_eq!(audit[0].action, "langkah.kembali");
        assert!(audit[0].detail.contains("Pagu bidang Linmas"));
        assert_eq!(audit.last().unwrap().action, "siklus.mulai");
        // The head's reason waits as an open note for the next round.
        let notes = store.notes(2026).unwrap();
        assert!(notes[0].text.contains("Pagu bidang Linmas") && notes[0].resolved.is_none());
        assert!(audit.iter().all(|a| a.actor_name == "Siti Aminah"));
    }

    #[test]
    fn a_refused_transition_writes_nothing() {
        let sop = Sop::embedded();
        let mut store = Store::open_in_memory().unwrap();
        let who = everyone(&mut store);
        walk_to_the_decision(&mut store, &sop, &who);
        let not_mine = crate::store::test_support::official(
            &mut store,
            Some(&who),
            "Tim Saja",
            &["tim"],
            None,
        );
        let before = store.audit_count().unwrap();
        let err = store
            .transition(
                &sop,
                2026,
                &Intent::Return {
                    step: 10,
                    reason: "  ".into(),
                },
                &who,
                at(4, 9),
            )
            .unwrap_err();
        assert!(err.to_string().contains("Alasan pengembalian wajib diisi"));
        assert!(
            store
                .transition(
                    &sop,
                    2026,
                    &Intent::Accept {
                        step: 10,
                        note: String::new()
                    },
                    &not_mine,
                    at(4, 9)
                )
                .is_err()
        );
        assert_eq!(store.audit_count().unwrap(), before);
        let (_, state) = store.cycle_state(&sop, 2026).unwrap().unwrap();
        assert_eq!(state.active, Some(10));
    }

    #[test]
    fn the_database_itself_refuses_edits_of_history_and_reasonless_returns() {
        let sop = Sop::embedded();
        let mut store = Store::open_in_memory().unwrap();
        let who = everyone(&mut store);
        store
            .transition(&sop, 2026, &Intent::Start, &who, at(2, 8))
            .unwrap();
        let c = store.raw_connection();
        assert!(c.execute("UPDATE step_events SET note = 'x'", []).is_err());
        assert!(c.execute("DELETE FROM step_events", []).is_err());
        let id = store.cycle(2026).unwrap().unwrap().id;
        assert!(c
            .execute(
                "INSERT INTO step_events (cycle_id, step, kind, actor_name, at, note) VALUES (?1, 10, 'kembali', 'x', 't', ' ')",
                [id],
            )
            .is_err());
    }

    #[test]
    fn due_dates_use_the_holidays_of_the_table() {
        let sop = Sop::embedded();
        let mut store = Store::open_in_memory().unwrap();
        let who = everyone(&mut store);
        // Monday 9 Feb 2026 as a holiday: step 3 (1 hari) started Friday 6 Feb 10:00 ends Tuesday.
        store
            .add_holiday("2026-02-09", "Libur uji", &who, at(2, 8))
            .unwrap();
        store
            .transition(&sop, 2026, &Intent::Start, &who, at(6, 8))
            .unwrap();
        store
            .transition(&sop, 2026, &complete(1), &who, at(6, 9))
            .unwrap();
        store
            .transition(&sop, 2026, &complete(2), &who, at(6, 10))
            .unwrap();
        let (_, state) = store.cycle_state(&sop, 2026).unwrap().unwrap();
        let views = state.step_views(&sop, &store.work_calendar().unwrap(), at(6, 11));
        assert_eq!(views[2].state, StepState::Active);
        assert_eq!(views[2].due, Some(at(10, 10)));
        let late = state.step_views(&sop, &store.work_calendar().unwrap(), at(10, 11));
        assert_eq!(late[2].state, StepState::Late);
    }
}
