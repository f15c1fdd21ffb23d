// A release build on Windows opens no console window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;
use std::time::Instant;

use std::path::{Path, PathBuf};

use sop_rkt::app::{App, AppInit, WINDOW_TITLE, system_clock, window_title};
use sop_rkt::cli;
use sop_rkt::domain::io_words::explain;
use sop_rkt::instance::{self, InstanceLock};
use sop_rkt::renderer::{RENDERER_ENV, RendererChoice, RendererMemory};
use sop_rkt::session::SessionInit;
use sop_rkt::{logging, paths, store::Store};

fn main() -> ExitCode {
    let t0 = Instant::now();
    let args = match cli::parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if args.help {
        print!("{}", cli::USAGE);
        return ExitCode::SUCCESS;
    }
    if args.version {
        println!("sop-rkt {}", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }

    let data_dir = paths::data_dir();
    if let Err(e) = std::fs::create_dir_all(&data_dir) {
        eprintln!(
            "Folder data {} tidak bisa dibuat: {}",
            data_dir.display(),
            explain(&e)
        );
    }
    if let Err(e) = logging::init(&paths::log_file(&data_dir)) {
        eprintln!("Berkas log tidak bisa dibuka: {}", explain(&e));
    }
    log::info!(
        "sop-rkt {} mulai; folder data {}",
        env!("CARGO_PKG_VERSION"),
        data_dir.display()
    );

    let db_path = args
        .db
        .clone()
        .unwrap_or_else(|| paths::default_db(&data_dir));
    if let Some(task) = &args.task {
        return run_task(task, &data_dir, &db_path);
    }
    // Held until the process ends: a second copy on this database is refused.
    let mut _lock: Option<InstanceLock> = None;
    // What the window shows: the running program, or why it cannot run.
    let startup: Result<AppInit, (String, String)> = paths::load_sop(&data_dir)
        .map_err(|e| ("SOP tidak bisa dibaca".to_string(), e.to_string()))
        .and_then(|(sop, sop_source)| {
            _lock = Some(
                instance::acquire(&db_path)
                    .map_err(|e| ("Basis data sedang dipakai".to_string(), e.to_string()))?,
            );
            let store = Store::open(&db_path)
                .map_err(|e| ("Basis data tidak bisa dibuka".to_string(), e.to_string()))?;
            Ok(AppInit {
                store,
                sop,
                sop_source,
                db_label: db_path.display().to_string(),
                data_dir: data_dir.clone(),
                clock: system_clock(),
                exit_after_first_frame: args.exit_after_first_frame.then_some(t0),
                slow_work_beside: true,
            })
        });
    if let Err((title, message)) = &startup {
        log::error!("{title}: {message}");
        eprintln!("{title}:\n{message}");
        if args.exit_after_first_frame {
            return ExitCode::FAILURE;
        }
    }

    // The window is named by the SOP in force (the built-in name when none could be read).
    let title = startup
        .as_ref()
        .map_or_else(|_| WINDOW_TITLE.to_string(), |init| window_title(&init.sop));
    let memory = RendererMemory::load(&data_dir);
    let first = memory.first(args.renderer, std::env::var(RENDERER_ENV).ok().as_deref());
    run_window(startup, first, &data_dir, memory, &title)
}

/// Headless work for scripts and tests, through the same session core as the window; exit
/// code 0 on success, 2 on error (and for `verify`, 1 when the file is not authentic).
fn run_task(task: &cli::Task, data_dir: &Path, db_path: &Path) -> ExitCode {
    let result = (|| -> Result<cli::Outcome, String> {
        let (sop, sop_source) = paths::load_sop(data_dir).map_err(|e| e.to_string())?;
        let _lock = if task.writes() {
            Some(instance::acquire(db_path).map_err(|e| e.to_string())?)
        } else {
            None
        };
        let store = Store::open(db_path).map_err(|e| e.to_string())?;
        let init = SessionInit {
            store,
            sop,
            sop_source,
            data_dir: data_dir.to_path_buf(),
            clock: system_clock(),
        };
        cli::run(task, init, &mut cli::Terminal).map_err(|e| e.to_string())
    })();
    match result {
        Ok(o) => {
            println!("{}", o.message);
            ExitCode::from(o.code)
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

/// Opens the window with the first renderer, and with the other when the first cannot.
fn run_window(
    startup: Result<AppInit, (String, String)>,
    first: RendererChoice,
    data_dir: &Path,
    memory: RendererMemory,
    title: &str,
) -> ExitCode {
    // The creator runs once per attempt; what it did not take stays for the next one.
    let slot = std::rc::Rc::new(std::cell::RefCell::new(Some(startup)));
    let mut failures = Vec::new();
    for choice in first.order() {
        let Some(_) = slot.borrow().as_ref() else {
            break;
        };
        let options = eframe::NativeOptions {
            renderer: match choice {
                RendererChoice::Wgpu => eframe::Renderer::Wgpu,
                RendererChoice::Glow => eframe::Renderer::Glow,
            },
            viewport: egui::ViewportBuilder::default()
                .with_title(title)
                .with_inner_size([1280.0, 720.0])
                .with_min_inner_size([900.0, 560.0])
                .with_icon(window_icon()),
            ..Default::default()
        };
        let slot_for_app = slot.clone();
        let data_dir: PathBuf = data_dir.to_path_buf();
        log::info!("membuka jendela dengan renderer {}", choice.name());
        let result = eframe::run_native(
            "sop-rkt",
            options,
            Box::new(move |cc| {
                // The window exists: this renderer works on this machine.
                if memory.last_worked != Some(choice) {
                    let worked = RendererMemory {
                        last_worked: Some(choice),
                        ..memory
                    };
                    if let Err(e) = worked.save(&data_dir) {
                        log::warn!("pilihan renderer tidak tersimpan: {e}");
                    }
                }
                let startup = slot_for_app
                    .borrow_mut()
                    .take()
                    .expect("the window is created once per attempt");
                Ok(Box::new(match startup {
                    Ok(init) => App::new(&cc.egui_ctx, init),
                    Err((title, message)) => App::failed(&cc.egui_ctx, &title, &message),
                }))
            }),
        );
        match result {
            Ok(()) => return ExitCode::SUCCESS,
            Err(e) => {
                log::error!("renderer {} gagal: {e}", choice.name());
                failures.push(format!("{}: {e}", choice.name()));
                if slot.borrow().is_none() {
                    // The app was created and then failed: its database handle is gone.
                    break;
                }
            }
        }
    }
    let message = format!(
        "Jendela program tidak bisa dibuka.\n\n{}\n\nCatatan lengkap ada di {}.",
        failures.join("\n"),
        paths::log_file(&paths::data_dir()).display()
    );
    eprintln!("{message}");
    rfd::MessageDialog::new()
        .set_title(title)
        .set_description(&message)
        .set_level(rfd::MessageLevel::Error)
        .show();
    ExitCode::FAILURE
}

fn window_icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon-256.png")).unwrap_or_default()
}
