//! The acts of the SOP: FORMAT RKT edits and submission, the draft's compilation and
//! corrections, the steps themselves, signing and archiving. Each is done by the signed-in
//! official; the store checks that the SOP names them for it.

use super::{ActCmd, Session, SheetCol, undo};
use crate::backup;
use crate::domain::action_plan::{RealCol, parse_realisation};
use crate::domain::rkt::format_rupiah;
use crate::domain::sop::Exit;
use crate::domain::workflow::Intent;
use crate::store::StoreError;

impl Session {
    // Long: one short arm per command, the one place where these acts are applied.
    pub(super) fn act(&mut self, cmd: ActCmd) -> Result<Option<String>, StoreError> {
        use ActCmd as C;
        let now = self.now();
        let who = self.who()?.clone();
        let (year, unit) = (self.year, self.unit.unwrap_or_default());
        let msg = match cmd {
            // A keystroke is saved without reading everything again.
            C::Typing { row_id, col, text } => return self.typing(row_id, col, text),
            C::SetCell {
                row_id,
                col,
                old,
                new,
            } => {
                let op = undo::apply_cell(&mut self.store, row_id, col, (old, new), &who, now)?;
                if let Some(op) = op {
                    self.undo.push(op);
                }
                None
            }
            C::StartPlan => {
                let n = self.store.start_plan(&self.sop, year, &who, now)?;
                Some(format!(
                    "Rencana Aksi {year} dimulai: {n} baris indikator dari Perjanjian Kinerja. Tiap unit mengisi arah, sifat, target triwulan, sub kegiatan, dan rencana aksinya."
                ))
            }
            C::SubmitRealisation => {
                let q = self.quarter;
                self.store.submit_realisation(year, q, unit, &who, now)?;
                self.undo = undo::History::default();
                Some(format!(
                    "Realisasi {} dilaporkan dan dikunci.",
                    crate::domain::quarter::Quarter::new(q).map_or("", |x| x.short())
                ))
            }
            C::ReopenRealisation { reason } => {
                self.store.reopen_realisation(
                    &self.sop,
                    year,
                    self.quarter,
                    unit,
                    &reason,
                    &who,
                    now,
                )?;
                Some("Realisasi dibuka kembali; alasannya tercatat.".into())
            }
            C::SetBudget { code, amount } => {
                self.store
                    .set_budget_real(year, self.quarter, unit, &code, &amount, &who, now)?;
                None
            }
            C::Rkt(edit) => {
                if let Some(op) = undo::apply_edit(&mut self.store, year, unit, edit, &who, now)? {
                    self.undo.push(op);
                }
                None
            }
            C::PreviewCarry => {
                self.data.carry = Some(self.store.carry_plan(year)?);
                None
            }
            C::CancelCarry => {
                self.data.carry = None;
                None
            }
            C::Carry { keep_problems } => {
                let done = self
                    .store
                    .carry_year(&self.sop, year, keep_problems, &who, now)?;
                let from = self.data.carry.take().map(|p| p.source).unwrap_or_default();
                self.undo.push(undo::Op::Carry {
                    year,
                    row_ids: done.row_ids.clone(),
                });
                Some(format!(
                    "{} baris dibawa dari {from} ke {} unit{}. Urungkan (Ctrl+Z) membatalkan semuanya.",
                    done.row_ids.len(),
                    done.units,
                    if done.left_out > 0 {
                        format!("; {} baris bermasalah ditinggalkan", done.left_out)
                    } else {
                        String::new()
                    }
                ))
            }
            // Each says which cell it changed, so nobody has to look for it.
            C::Undo | C::Redo => {
                let (sheet, back) = (self.sheet_shown(), matches!(cmd, C::Undo));
                let done = if back {
                    self.undo
                        .undo(sheet, &mut self.store, &self.sop, &who, now)?
                } else {
                    self.undo
                        .redo(sheet, &mut self.store, &self.sop, &who, now)?
                };
                let row_no = |id| self.row_no(sheet, id);
                Some(match (done, back) {
                    (Some(op), true) => format!("Diurungkan — {}.", op.describe(&row_no, false)),
                    (Some(op), false) => format!("Diulangi — {}.", op.describe(&row_no, true)),
                    (None, true) => "Tidak ada yang bisa diurungkan.".into(),
                    (None, false) => "Tidak ada yang bisa diulangi.".into(),
                })
            }
            C::ActForUnit { reason } => {
                self.store
                    .act_for_unit(&self.sop, year, unit, &reason, &who, now)?;
                // One reason serves the unit's year: its FORMAT RKT, Rencana Aksi and realisation.
                Some("Alasan tercatat; Anda dapat mengisi FORMAT RKT, Rencana Aksi, dan realisasi unit ini atas namanya.".into())
            }
            C::Submit => {
                let master = self.store.master_data(year)?;
                self.store.submit_unit(year, unit, &master, &who, now)?;
                self.undo = undo::History::default();
                Some("FORMAT RKT dikumpulkan dan dikunci.".into())
            }
            C::Reopen { reason } => {
                self.store
                    .reopen_unit(&self.sop, year, unit, &reason, &who, now)?;
                Some("FORMAT RKT dibuka kembali; alasannya tercatat.".into())
            }
            C::Compile => {
                self.auto_backup(backup::Reason::BeforeCompile)?;
                let master = self.store.master_data(year)?;
                let d = self
                    .store
                    .compile_draft(&self.sop, year, &master, &who, now)?;
                self.draft_choice = None;
                // An indikator given two targets by two units is said now, at compilation.
                let rows = self.store.draft_rows(d.id)?;
                let conflicts =
                    crate::domain::rkt::target_conflicts(rows.iter().map(|r| &r.values));
                let warn = conflicts
                    .iter()
                    .map(|c| format!(" Perhatian: {}", c.sentence()))
                    .collect::<String>();
                Some(format!(
                    "Draft {} versi {} tersusun: {} baris, pagu {}.{warn}",
                    self.sop.document(),
                    d.version,
                    d.rows,
                    format_rupiah(d.pagu)
                ))
            }
            C::Correct(c) => {
                let master = self.store.master_data(year)?;
                let v = self
                    .store
                    .correct_draft(&self.sop, year, &c, &master, &who, now)?;
                self.draft_choice = None;
                Some(format!(
                    "Koreksi tersimpan sebagai Draft {} versi {v}.",
                    self.sop.document()
                ))
            }
            C::AddNote { row_key, text } => {
                let step = self.data.cycle.as_ref().and_then(|(_, c)| c.active);
                self.store
                    .add_note(year, row_key.as_deref(), step, &text, &who, now)?;
                Some("Catatan koreksi ditambahkan.".into())
            }
            C::ResolveNote(id) => {
                self.store.resolve_note(id, &who, now)?;
                Some("Catatan ditandai selesai.".into())
            }
            C::Workflow(intent) => {
                let e = self.store.transition(&self.sop, year, &intent, &who, now)?;
                let exit = self.sop.step(e.step).map(|s| s.exit);
                Some(match intent {
                    Intent::Start => {
                        format!("Siklus {} tahun {year} dimulai.", self.sop.document())
                    }
                    Intent::Return { .. } => match exit {
                        Some(Exit::Decision { no, .. }) => format!(
                            "Langkah {} dikembalikan ke langkah {no}; alasannya tercatat.",
                            e.step
                        ),
                        _ => format!(
                            "Langkah {} dikembalikan untuk koreksi; alasannya tercatat.",
                            e.step
                        ),
                    },
                    // A plain decision's "Ya" (signing is its own command, `Sign`).
                    Intent::Accept { .. } => match exit {
                        Some(Exit::Decision { yes, .. }) => {
                            format!("Langkah {}: Ya — lanjut ke langkah {yes}.", e.step)
                        }
                        _ => format!("Langkah {} selesai dan tercatat.", e.step),
                    },
                    _ => format!("Langkah {} selesai dan tercatat.", e.step),
                })
            }
            C::Sign { pass, use_images } => {
                self.auto_backup(backup::Reason::BeforeSign)?;
                let sig = crate::export::sign_year(
                    &mut self.store,
                    &self.sop,
                    year,
                    pass.as_str(),
                    use_images,
                    &who,
                    now,
                )?;
                Some(format!(
                    "{} {} versi {} ditandatangani oleh {} Kode verifikasi {}; tanda tangan digital dengan sertifikat {}.{}",
                    self.sop.document(),
                    sig.year,
                    sig.version,
                    crate::domain::indo::sentence_end(&sig.name),
                    sig.code(),
                    sig.cert_fingerprint
                        .as_deref()
                        .map(crate::pdf::rkt_doc::short_fingerprint)
                        .unwrap_or_default(),
                    // The next step, by the SOP's own number, when it archives.
                    self.sop
                        .step_requiring(crate::domain::sop::Requirement::Archived)
                        .map(|s| format!(" Langkah berikutnya: arsipkan (langkah {}).", s.no))
                        .unwrap_or_default()
                ))
            }
            C::SignPk { pass } => {
                let e = crate::export::sign_pk(
                    &mut self.store,
                    &self.sop,
                    year,
                    pass.as_str(),
                    &who,
                    now,
                )?;
                Some(format!(
                    "Perjanjian Kinerja {} ditandatangani oleh {} dan diarsipkan; tanda tangan Bupati ({}) dibubuhkan pada cetakannya.",
                    e.year, e.signer, e.bupati
                ))
            }
            C::SignReport { kind, pass } => {
                self.auto_backup(backup::Reason::BeforeSign)?;
                let e = crate::export::sign_report(
                    &mut self.store,
                    &self.sop,
                    kind,
                    year,
                    pass.as_str(),
                    &who,
                    now,
                )?;
                Some(format!(
                    "{} tahun {} ditandatangani oleh {} dan diarsipkan (halaman Capaian & Laporan).",
                    kind.title(),
                    e.year,
                    e.signer
                ))
            }
            C::Archive => {
                let e = crate::export::archive_year(&mut self.store, &self.sop, year, &who, now)?;
                let doc = self.sop.document();
                Some(format!(
                    "{doc} {} diarsipkan: PDF {} KB, ada di daftar Arsip {doc} (halaman Tanda Tangan & Arsip).",
                    e.year,
                    e.size.div_ceil(1024),
                ))
            }
        };
        self.reload()?;
        Ok(msg)
    }

    /// A cell's text while it is typed: saved at once, without a reload per keystroke (the row
    /// in memory follows the database).
    fn typing(
        &mut self,
        row_id: i64,
        col: SheetCol,
        text: String,
    ) -> Result<Option<String>, StoreError> {
        let who = self.who()?.clone();
        let now = self.now();
        // A figure half typed ("70,") is no number yet: nothing is written or said until the
        // cell is left, when the store refuses what is still not a number, in words.
        if let SheetCol::Real(_, RealCol::Realisasi) = col
            && parse_realisation(&text).is_err()
        {
            return Ok(None);
        }
        undo::set_cell(&mut self.store, row_id, col, &text, &who, now)?;
        let at = self.row_no(col.sheet(), row_id);
        let data = &mut self.data;
        match (col, at) {
            (SheetCol::Rkt(c), Some(i)) => {
                let old = data.rows[i].values.clone();
                data.rows[i].values.set(c, text);
                let known = |c: &str| data.master.is_sub_kegiatan(c);
                data.rows_check
                    .update(i, &old, &data.rows[i].values, &known);
            }
            (SheetCol::Plan(c), Some(i)) => {
                data.plan.rows[i].values.set(c, text);
                data.plan.recheck(i);
            }
            (SheetCol::Real(_, c), Some(i)) => data.plan.real_rows[i].values.set(c, text),
            (_, None) => {}
        }
        self.touch();
        Ok(None)
    }
}
