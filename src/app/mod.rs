//! The window: a thin shell that holds the forms, draws the page, and hands the views'
//! commands to the session (`crate::session`), which decides and stores.

mod forms;
mod message;
mod running;
pub mod theme;
mod view_ctx;
pub mod views;

pub use forms::Forms;
pub use message::{Flash, Message, Place};
pub use running::{ALL_CELLS_SAVED, Running};
pub use view_ctx::ViewCtx;

use std::time::Instant;

pub use crate::session::{
    ActCmd, Clock, Command, Data, FileCmd, KeyCmd, MasterCmd, OfficeCmd, Page, RktEdit, ViewCmd,
    system_clock,
};

use crate::domain::sop::Sop;
use crate::paths::SopSource;
use crate::store::Store;

/// The window's title when no SOP could be read.
pub const WINDOW_TITLE: &str = "SOP Penyusunan RKT — Satpol PP Kabupaten Balangan";

/// The window's title: the name of the SOP in force, and the office.
pub fn window_title(sop: &Sop) -> String {
    format!("{} — Satpol PP Kabupaten Balangan", sop.name())
}

/// Everything the running program needs.
pub struct AppInit {
    pub store: Store,
    pub sop: Sop,
    pub sop_source: SopSource,
    pub db_label: String,
    /// The data folder (logs, renderer memory, an overriding sop.toml).
    pub data_dir: std::path::PathBuf,
    pub clock: Clock,
    /// When set: print the milliseconds from this instant to the first painted frame, and exit.
    pub exit_after_first_frame: Option<Instant>,
    /// Slow work (signing, PDFs, compiling, backups) in a thread beside the window; tests that
    /// step the window frame by frame run it at once instead.
    pub slow_work_beside: bool,
}

/// The program's window: running, or showing why it could not start.
pub enum App {
    Running(Box<Running>),
    Failed { title: String, message: String },
}

impl App {
    pub fn new(ctx: &egui::Context, init: AppInit) -> App {
        match Running::new(ctx, init) {
            Ok(r) => App::Running(Box::new(r)),
            Err(e) => App::Failed {
                title: "Basis data tidak bisa dibaca".into(),
                message: e.to_string(),
            },
        }
    }

    /// A window that only explains why the program cannot run (broken sop.toml, foreign DB).
    pub fn failed(ctx: &egui::Context, title: &str, message: &str) -> App {
        theme::apply(ctx);
        App::Failed {
            title: title.into(),
            message: message.into(),
        }
    }

    /// For tests: the running state, to send a command as a view would.
    #[doc(hidden)]
    pub fn running_mut(&mut self) -> Option<&mut Running> {
        match self {
            App::Running(r) => Some(r),
            App::Failed { .. } => None,
        }
    }

    /// For tests: the running state.
    pub fn running(&self) -> Option<&Running> {
        match self {
            App::Running(r) => Some(r),
            App::Failed { .. } => None,
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        match self {
            App::Running(r) => {
                r.ui(ui);
                r.frames += 1;
                if let Some(t0) = r.exit_after_first_frame {
                    // `ui` runs before its frame is painted: on the second call the first one
                    // has been presented.
                    if r.frames >= 2 {
                        r.exit_after_first_frame = None;
                        let ms = t0.elapsed().as_millis();
                        println!("{ms}");
                        log::info!("bingkai pertama setelah {ms} ms");
                        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                    } else {
                        ui.ctx().request_repaint();
                    }
                }
            }
            App::Failed { title, message } => views::shell::failed_ui(ui, title, message),
        }
    }
}
