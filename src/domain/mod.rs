//! Everything that decides something, without any GUI: the SOP, working time, the workflow,
//! Indonesian formats. The views only draw what these compute.

pub mod calendar;
pub mod duration;
pub mod indo;
pub mod io_words;
pub mod nip;
pub mod pin;
pub mod rkt;
pub mod seal;
pub mod sop;
mod toml_words;
pub mod workflow;
