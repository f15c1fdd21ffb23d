//! One file per page. A view reads a `ViewCtx`, keeps its own form state, and pushes `Command`s.

pub mod alur;
pub mod arsip;
pub mod beranda;
pub mod chart_paint;
pub mod draft;
pub mod format_excel;
pub mod format_rkt;
pub mod identitas;
pub mod linimasa;
pub mod masuk;
pub mod pengaturan;
pub mod picker;
pub mod pin_forms;
pub mod shell;
pub mod step_actions;
pub mod unit_gate;
pub mod widgets;
