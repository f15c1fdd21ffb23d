//! SOP Penyusunan RKT — Satuan Polisi Pamong Praja Kabupaten Balangan.
//!
//! `domain` decides, `store` keeps and checks who may, `session` applies what a person asks
//! (from the window or the command line), `app` draws and sends intents.

#[cfg(feature = "gui")]
pub mod app;
pub mod backup;
pub mod chart;
pub mod cli;
pub mod dialog_folder;
pub mod digital_signature;
pub mod domain;
pub mod export;
pub mod export_xlsx;
pub mod instance;
pub mod logging;
pub mod paths;
pub mod pdf;
pub mod renderer;
pub mod session;
pub mod store;
#[cfg(test)]
mod test_time;
pub mod viewer;
pub mod xlsx;
