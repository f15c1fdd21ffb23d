//! What the views ask for. Views never write; the shell applies these in one place.

use chrono::NaiveDate;

use super::Page;
use crate::domain::workflow::Intent;
use crate::renderer::RendererChoice;
use crate::store::{OfficeSettings, OfficialInput};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Navigate(Page),
    SelectYear(i32),
    ActAs(Option<i64>),
    /// A workflow transition of the selected year, by the official acting.
    Workflow(Intent),
    SaveOffice(OfficeSettings),
    SaveWorkingHours {
        start: String,
        end: String,
    },
    SaveOfficial {
        id: Option<i64>,
        input: OfficialInput,
    },
    AddHoliday {
        day: String,
        name: String,
    },
    RemoveHoliday(NaiveDate),
    /// The renderer to try first from the next start (`None`: automatic).
    SetRenderer(Option<RendererChoice>),
}
