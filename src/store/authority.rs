//! Who may do what, checked inside the transaction that does it, from what the database holds
//! (the person's lanes, unit and role; the cycle's active step). The SOP's own rules come from
//! `domain::sop` and `domain::workflow`; this file reads the facts they are applied to.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};

use super::cycles::load_events;
use super::identity::{self, Identity};
use super::units::unit_name;
use super::{Result, Store, StoreError};
use crate::domain::calendar::WorkCalendar;
use crate::domain::sop::{Requirement, Sop};
use crate::domain::workflow::{Actor, CycleState};

/// The acting person, who must stand in a lane of the step that carries `req` (the TIM
/// collecting at step 5, compiling at step 6).
pub(super) fn in_lane_of(
    conn: &Connection,
    sop: &Sop,
    req: Requirement,
    who: &Identity,
) -> Result<Actor> {
    let actor = identity::acting(conn, who)?.actor;
    sop.require_lane_of(req, &actor.lanes)
        .map_err(StoreError::Invalid)?;
    Ok(actor)
}

/// The acting person, whose turn it is to correct the draft: the active step lies between the
/// compilation and the head's decision, and the person stands in its lanes.
pub(super) fn correction_turn(
    conn: &Connection,
    cal: &WorkCalendar,
    sop: &Sop,
    year: i32,
    who: &Identity,
) -> Result<Actor> {
    let actor = identity::acting(conn, who)?.actor;
    let cycle_id: Option<i64> = conn
        .query_row("SELECT id FROM cycles WHERE year = ?1", [year], |r| {
            r.get(0)
        })
        .optional()?;
    let events = match cycle_id {
        Some(id) => load_events(conn, id, cal.offset)?,
        None => Vec::new(),
    };
    let state = CycleState::replay(sop, cal, &events)?;
    state
        .require_correction_turn(sop, &actor.lanes)
        .map_err(StoreError::Invalid)?;
    Ok(actor)
}

/// The acting person, who may edit and submit this unit's FORMAT RKT: one of its own
/// officials, or someone who recorded why they act for it (`Store::act_for_unit`).
pub(super) fn unit_editor(
    conn: &Connection,
    year: i32,
    unit_id: i64,
    who: &Identity,
) -> Result<Actor> {
    let acting = identity::acting(conn, who)?;
    if acting.unit_id == Some(unit_id) {
        return Ok(acting.actor);
    }
    let proxy: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM unit_proxies WHERE year = ?1 AND unit_id = ?2 AND official_id = ?3)",
        params![year, unit_id, who.official_id()],
        |r| r.get(0),
    )?;
    if proxy {
        return Ok(acting.actor);
    }
    let unit = unit_name(conn, unit_id)?;
    Err(StoreError::Invalid(format!(
        "FORMAT RKT {unit} diisi dan dikumpulkan oleh pejabat {unit} sendiri. TIM dapat mengisinya atas nama unit dengan mencatat alasannya (\"Isi atas nama unit\")."
    )))
}

impl Store {
    /// The TIM (the lane collecting the formats) records why it acts for a unit this year, e.g.
    /// "berkas Excel dikirim Bidang X lewat surel"; from then on it may edit and submit that
    /// unit's FORMAT RKT.
    pub fn act_for_unit(
        &mut self,
        sop: &Sop,
        year: i32,
        unit_id: i64,
        reason: &str,
        who: &Identity,
        now: NaiveDateTime,
    ) -> Result<()> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::Invalid(
                "Alasan mengisi atas nama unit wajib diisi.".into(),
            ));
        }
        self.write(now, |w| {
            let actor = in_lane_of(w, sop, Requirement::FormatsSubmitted, who)?;
            let unit = unit_name(w, unit_id)?;
            w.execute(
                "INSERT INTO unit_proxies (year, unit_id, official_id, reason, at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (year, unit_id, official_id) DO UPDATE SET reason = ?4, at = ?5",
                params![year, unit_id, who.official_id(), reason, w.time()],
            )?;
            w.audit(
                &actor,
                Some(year),
                "rkt.atas_nama",
                &format!("{unit} — alasan: {reason}"),
            )
        })
    }

    /// Why `official_id` acts for this unit this year, if recorded.
    pub fn unit_proxy(&self, year: i32, unit_id: i64, official_id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT reason FROM unit_proxies WHERE year = ?1 AND unit_id = ?2 AND official_id = ?3",
                params![year, unit_id, official_id],
                |r| r.get(0),
            )
            .optional()?)
    }
}
