//! The three tables typed like a spreadsheet — the FORMAT RKT, the Rencana Aksi and a quarter's
//! realisation — named by one column type, so one grid, one typing command and one undo serve
//! them all.

use crate::domain::action_plan::{PlanCol, RealCol};
use crate::domain::rkt::{Col, normalized, tidy};

/// A typed column of one of the tables; a realisation's column carries its quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SheetCol {
    Rkt(Col),
    Plan(PlanCol),
    Real(u32, RealCol),
}

/// Which table an edit belongs to, without its column (undo stays within the table shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    Rkt,
    Plan,
    Real,
}

impl SheetCol {
    pub fn sheet(self) -> Sheet {
        match self {
            SheetCol::Rkt(_) => Sheet::Rkt,
            SheetCol::Plan(_) => Sheet::Plan,
            SheetCol::Real(..) => Sheet::Real,
        }
    }

    /// The column's heading, as a person calls the cell ("Target TW I baris 2").
    pub fn title(self) -> &'static str {
        match self {
            SheetCol::Rkt(c) => c.title(),
            SheetCol::Plan(c) => c.title(),
            SheetCol::Real(_, c) => c.title(),
        }
    }

    /// Free text that runs long keeps to the row's two lines (Shift+Enter for a new line).
    pub fn two_lines(self) -> bool {
        matches!(
            self,
            SheetCol::Rkt(Col::PenanggungJawab | Col::Keterangan)
                | SheetCol::Plan(PlanCol::Aksi)
                | SheetCol::Real(_, RealCol::Kendala | RealCol::TindakLanjut)
        )
    }

    /// Numbers stand at the right, as in a spreadsheet.
    pub fn right_aligned(self) -> bool {
        matches!(
            self,
            SheetCol::Rkt(Col::Pagu | Col::Target)
                | SheetCol::Plan(PlanCol::Tw1 | PlanCol::Tw2 | PlanCol::Tw3 | PlanCol::Tw4)
                | SheetCol::Real(_, RealCol::Realisasi)
        )
    }

    /// What a typed text is kept as when its cell is left.
    pub fn normalized(self, typed: &str) -> String {
        match self {
            SheetCol::Rkt(c) => normalized(c, typed),
            _ => tidy(typed),
        }
    }
}
