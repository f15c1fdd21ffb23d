//! One file per page. A view reads a `ViewCtx`, keeps its own form state, and pushes `Command`s.

pub mod alur;
pub mod arsip;
pub mod beranda;
pub mod chart_paint;
pub mod draft;
pub mod draft_table;
pub mod format_carry;
mod format_cell;
pub mod format_collect;
pub mod format_excel;
pub mod format_fill;
pub mod format_rkt;
pub mod format_table;
pub mod identitas;
pub mod linimasa;
pub mod masuk;
pub mod pengaturan;
pub mod pengaturan_induk;
pub mod pengaturan_pejabat;
pub mod pengaturan_sertifikat;
pub mod pengaturan_sistem;
pub mod picker;
pub mod pin_forms;
pub mod shell;
pub mod step_actions;
pub mod unit_gate;
pub mod widgets;
