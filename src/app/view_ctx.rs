//! What a view reads for one frame: the session's state, borrowed, never written.

use std::cell::Cell;

use chrono::NaiveDateTime;

use super::message::{Flash, Place};
use crate::domain::sop::Sop;
use crate::domain::workflow::StepView;
use crate::paths::SopSource;
use crate::session::{Data, NewPinWanted, Session};
use crate::store::Official;

/// Read-only state handed to a view for one frame.
pub struct ViewCtx<'a> {
    pub sop: &'a Sop,
    pub sop_source: &'a SopSource,
    pub db_label: &'a str,
    pub data_dir: &'a std::path::Path,
    /// The database file opened for reading only: shown, and nothing can be saved.
    pub read_only: Option<crate::store::Unwritable>,
    pub data: &'a Data,
    pub year: i32,
    /// The unit chosen on the Format RKT page.
    pub unit: Option<i64>,
    /// The quarter chosen on the Realisasi page (1 to 4).
    pub quarter: u32,
    /// The official signed in with their PIN; `None` while only viewing.
    pub acting: Option<&'a Official>,
    /// A sign-in waiting for a new PIN (none yet, or a one-time PIN to replace).
    pub new_pin_wanted: Option<&'a NewPinWanted>,
    pub now: NaiveDateTime,
    /// Every step of the SOP with its state at `now` (projected when the cycle is not started).
    pub steps: Vec<StepView>,
    /// Whether the table of the page shown has an edit to undo, and one to redo.
    pub undo_redo: (bool, bool),
    /// The last command's message when a dialog or card says it (not the bar).
    placed: Option<(Place, Flash)>,
    /// Whether a view said that message this frame.
    shown: Cell<bool>,
}

impl ViewCtx<'_> {
    /// The message to say at `place`, if it is for there (noted as said).
    pub fn message(&self, place: Place) -> Option<&Flash> {
        let (at, flash) = self.placed.as_ref()?;
        (*at == place).then(|| {
            self.shown.set(true);
            flash
        })
    }

    /// Did a view say the placed message this frame?
    pub fn message_shown(&self) -> bool {
        self.shown.get()
    }

    /// The active step when it is one where the draft is corrected.
    pub fn correction_step(&self) -> Option<&crate::domain::sop::Step> {
        self.data.cycle.as_ref()?.1.correction_step(self.sop)
    }
}

/// What the views read this frame (borrowing the session, not the forms they write).
pub(super) fn view_ctx<'a>(
    s: &'a Session,
    db_label: &'a str,
    placed: Option<(Place, Flash)>,
) -> ViewCtx<'a> {
    ViewCtx {
        sop: s.sop(),
        sop_source: s.sop_source(),
        db_label,
        data_dir: s.data_dir(),
        read_only: s.store().unwritable(),
        data: s.data(),
        year: s.year(),
        unit: s.unit(),
        quarter: s.quarter(),
        acting: s.acting(),
        new_pin_wanted: s.new_pin_wanted(),
        now: s.now(),
        steps: s.steps(),
        undo_redo: s.can_undo_redo(),
        placed,
        shown: Cell::new(false),
    }
}
