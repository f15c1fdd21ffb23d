//! Signing in and out, PINs, and the office's own data (settings, officials, holidays, master
//! data, images). The store decides who may; this file says what happened.

use super::{NewPinWanted, OfficeCmd, Session, undo};
use crate::domain::indo;
use crate::renderer::RendererMemory;
use crate::store::{SignIn, StoreError};

/// Two typings of a new PIN must agree before anything is asked of the store.
fn same_twice(pin: &str, again: &str) -> Result<(), StoreError> {
    if pin == again {
        Ok(())
    } else {
        Err(StoreError::Invalid(
            "PIN baru dan ulangannya tidak sama; ketik ulang keduanya.".into(),
        ))
    }
}

impl Session {
    // Long: one short arm per command, the one place where office data is changed.
    pub(super) fn office(&mut self, cmd: OfficeCmd) -> Result<Option<String>, StoreError> {
        use OfficeCmd as C;
        let now = self.now();
        let msg = match cmd {
            C::SignIn {
                official_id,
                pin,
                new_pin,
                again,
            } => self.sign_in(official_id, pin.as_str(), new_pin.as_str(), again.as_str())?,
            C::SignOut => {
                let name = self.who().map(|w| w.name().to_string()).ok();
                self.signed_out();
                name.map(|n| format!("{n} selesai; layar kembali hanya untuk melihat."))
            }
            C::ChangePin { old, pin, again } => {
                same_twice(pin.as_str(), again.as_str())?;
                let who = self.who()?.clone();
                self.store
                    .change_pin(&who, old.as_str(), pin.as_str(), now)?;
                Some("PIN Anda diganti (tersandi: PIN itu sendiri tidak disimpan).".into())
            }
            C::ResetPin {
                official_id,
                pin,
                again,
            } => {
                same_twice(pin.as_str(), again.as_str())?;
                let who = self.who()?.clone();
                self.store.reset_pin(&who, official_id, pin.as_str(), now)?;
                let name = self
                    .data
                    .officials
                    .iter()
                    .find(|o| o.id == official_id)
                    .map_or(String::new(), |o| o.name.clone());
                Some(format!(
                    "PIN sementara untuk {name} tersimpan. Berikan kepadanya secara langsung; ia wajib menggantinya saat masuk."
                ))
            }
            C::SaveIdleMinutes(text) => {
                let who = self.who()?.clone();
                let m = self.store.save_idle_minutes(&text, &who, now)?;
                Some(format!("Keluar otomatis setelah {m} menit tanpa kegiatan."))
            }
            C::SaveDueDays(text) => {
                let who = self.who()?.clone();
                let d = self.store.save_realisation_due_days(&text, &who, now)?;
                Some(format!(
                    "Laporan realisasi jatuh tempo pada hari kerja ke-{d} sesudah triwulan berakhir."
                ))
            }
            C::SaveCategoryScale(text) => {
                let who = self.who()?.clone();
                let scale = self.store.save_category_scale(&text, &who, now)?;
                Some(format!(
                    "Skala kategori capaian disimpan: {}.",
                    scale.to_text()
                ))
            }
            C::SaveOffice(office) => {
                let who = self.who()?.clone();
                self.store.save_office(&office, &who, now)?;
                Some("Data kantor disimpan.".into())
            }
            C::SaveWorkingHours { start, end } => {
                let who = self.who()?.clone();
                self.store.save_working_hours(&start, &end, &who, now)?;
                Some("Jam kerja disimpan.".into())
            }
            C::SaveOfficial { id, input } => {
                // The very first official of an empty office is added before anyone can sign in.
                let who = self.who().ok().cloned();
                self.store
                    .save_official(id, &input, &self.sop, who.as_ref(), now)?;
                Some(format!("Data pejabat {} disimpan.", input.name.trim()))
            }
            C::AddUnit { kind, name } => {
                let who = self.who()?.clone();
                self.store.add_unit(&kind, &name, &who, now)?;
                Some(format!(
                    "Unit {} ditambahkan. Pilih unit ini di kolom Unit pada data pejabatnya.",
                    name.split_whitespace().collect::<Vec<_>>().join(" ")
                ))
            }
            C::RenameUnit { unit_id, name } => {
                let who = self.who()?.clone();
                let old = self.unit_name(unit_id);
                self.store.rename_unit(unit_id, &name, &who, now)?;
                Some(format!(
                    "{old} sekarang bernama {}; baris dan pejabatnya tetap, nama lama tercatat di Riwayat.",
                    name.split_whitespace().collect::<Vec<_>>().join(" ")
                ))
            }
            C::RetireUnit(unit_id) => {
                let who = self.who()?.clone();
                let unit = self.unit_name(unit_id);
                self.store.retire_unit(unit_id, &who, now)?;
                Some(format!(
                    "{unit} tidak dipakai lagi; baris dan arsip tahun-tahun lalunya tetap tersimpan."
                ))
            }
            C::AddHoliday { day, name } => {
                let who = self.who()?.clone();
                let d = self.store.add_holiday(&day, &name, &who, now)?;
                Some(format!("{} dicatat sebagai hari libur.", indo::date(d)))
            }
            C::RemoveHoliday(day) => {
                let who = self.who()?.clone();
                self.store.remove_holiday(day, &who, now)?;
                Some("Hari libur dihapus.".into())
            }
            C::AddIndikator {
                sasaran,
                indikator,
                satuan,
                target,
            } => {
                let who = self.who()?.clone();
                let targets = vec![(self.year, target)];
                self.store
                    .add_indikator(&sasaran, &indikator, &satuan, &targets, &who, now)?;
                Some(format!(
                    "Indikator \"{}\" ditambahkan ke Renstra.",
                    indikator.trim()
                ))
            }
            C::SaveCode { code, name } => {
                let who = self.who()?.clone();
                self.store.save_code(&code, &name, &who, now)?;
                Some(format!("Kode {} disimpan.", code.trim()))
            }
            C::AddFunding(name) => {
                let who = self.who()?.clone();
                self.store.add_funding_source(&name, &who, now)?;
                Some(format!("Sumber dana {} ditambahkan.", name.trim()))
            }
            C::AddRenstraPeriod {
                first_year,
                last_year,
            } => {
                let who = self.who()?.clone();
                let (first, last) = super::master_files::period_years(&first_year, &last_year)?;
                let p = self.store.add_renstra_period(first, last, &who, now)?;
                Some(format!(
                    "Periode Renstra {} ditambahkan. Isi indikatornya satu per satu atau lewat templat Excel.",
                    p.label()
                ))
            }
            C::SetImage { role, path } => {
                let bytes = match &path {
                    Some(p) => Some(crate::export::read_image(p)?),
                    None => None,
                };
                let who = self.who()?.clone();
                self.store
                    .set_office_image(role, bytes.as_deref(), &who, now)?;
                Some(match path {
                    Some(_) => format!("{} disimpan.", role.label()),
                    None => format!("{} dihapus.", role.label()),
                })
            }
            C::SetPaper(paper) => {
                let who = self.who()?.clone();
                self.store.save_paper(&paper, &who, now)?;
                Some(format!("Kertas cetak RKT: {paper}."))
            }
            C::SetRenderer(choice) => {
                // How this PC draws the window: its own file, not office data.
                let mut memory = RendererMemory::load(&self.data_dir);
                memory.setting = choice;
                memory.save(&self.data_dir)?;
                // In plain words; the technical names (wgpu, glow) stay in the hover.
                let plain = match choice {
                    None => "otomatis",
                    Some(crate::renderer::RendererChoice::Wgpu) => "cara utama (kartu grafis)",
                    Some(crate::renderer::RendererChoice::Glow) => "cara cadangan (untuk PC lama)",
                };
                Some(format!(
                    "Cara menggambar jendela: {plain}. Dipakai mulai program dibuka lagi."
                ))
            }
        };
        self.reload()?;
        Ok(msg)
    }

    /// A unit's name as loaded, for the message after a change to it.
    fn unit_name(&self, unit_id: i64) -> String {
        self.data
            .all_units
            .iter()
            .find(|u| u.id == unit_id)
            .map_or_else(|| "Unit".into(), |u| u.name.clone())
    }

    fn sign_in(
        &mut self,
        official_id: i64,
        pin: &str,
        new_pin: &str,
        again: &str,
    ) -> Result<Option<String>, StoreError> {
        if !new_pin.is_empty() {
            same_twice(new_pin, again)?;
        }
        let now = self.now();
        let new = (!new_pin.is_empty()).then_some(new_pin);
        match self.store.sign_in(official_id, pin, new, now)? {
            SignIn::NewPinNeeded(why) => {
                self.new_pin_wanted = Some(NewPinWanted { official_id, why });
                Ok(None)
            }
            SignIn::In { identity, notice } => {
                let name = identity.name().to_string();
                self.signed_in = Some((identity, now));
                self.new_pin_wanted = None;
                self.undo = undo::History::default();
                // Remembered for the next start (the name is offered again; the PIN is not).
                if self.remember
                    && let Err(e) = self.store.remember_acting(Some(official_id))
                {
                    log::warn!("pilihan \"Bertindak sebagai\" tidak tersimpan: {e}");
                }
                // The Format RKT page opens at the official's own unit.
                if let Some(unit) = self.store.official(official_id)?.and_then(|o| o.unit_id) {
                    self.unit = Some(unit);
                }
                let said = indo::sentence_end(&format!("Masuk sebagai {name}"));
                Ok(Some(
                    std::iter::once(said)
                        .chain(notice)
                        .collect::<Vec<_>>()
                        .join(" "),
                ))
            }
        }
    }
}
