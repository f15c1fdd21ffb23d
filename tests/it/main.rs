//! The integration tests, one binary: each file below is one part of the program used as a
//! person would (or, for `kill` and `faults`, as a power cut or a full disk would).
//!
//! One binary, not one per file: each test binary links egui, wgpu and SQLite, and a dozen of
//! them made linking the slowest part of CI. `kill` and `faults` run this same binary again as
//! their child process, naming their test by its path (`kill::…`).

mod common;

mod alur;
mod arsip;
mod backup;
mod catalogue;
mod cli;
mod data_induk;
mod excel;
mod excel_aksi;
mod faults;
mod format_rkt;
mod house;
mod insider;
mod jobs;
mod kill;
mod kill_bukti;
mod kunci;
mod laporan;
mod laporan_page;
mod masuk;
mod newcomer;
mod pades;
mod pencabutan;
mod pengukuran;
mod pertama;
mod pesan;
mod pk;
mod psre;
mod rantai;
mod realisasi;
mod rencana_aksi;
mod skala;
mod sop_lain;
mod tabel;
mod tahun_baru;
mod ui;
