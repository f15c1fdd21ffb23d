//! The keys of the digital signature, asked for from Pengaturan: made with a passphrase (never
//! at a sign-in), approved by the office root's holder, revoked on its CRL.

use super::{KeyCmd, Session};
use crate::domain::secret::Secret;
use crate::store::{KeyPlace, StoreError};

/// Two typings of a new passphrase must agree before anything is asked of the store.
fn same(pass: &Secret, again: &Secret) -> Result<(), StoreError> {
    if pass != again {
        return Err(StoreError::Invalid(
            "Kedua ketikan kata sandi tidak sama; ketik ulang.".into(),
        ));
    }
    Ok(())
}

/// Where a key went, in the words of the message.
fn where_kept(place: &KeyPlace) -> String {
    match place {
        KeyPlace::Program => "disimpan di program, terkunci dengan kata sandi Anda".into(),
        KeyPlace::File(p) => format!(
            "ada di {} (flash disk Anda); tanpa flash disk itu tidak ada yang ditandatangani",
            p.display()
        ),
    }
}

impl Session {
    pub(super) fn keys(&mut self, cmd: KeyCmd) -> Result<Option<String>, StoreError> {
        let now = self.now();
        let who = self.who()?.clone();
        let said = match cmd {
            KeyCmd::CreateOfficeRoot { pass, again, place } => {
                same(&pass, &again)?;
                let fingerprint =
                    self.store
                        .create_office_root(&who, pass.as_str(), &place, now)?;
                format!(
                    "Sertifikat kantor dibuat (sidik jari {fingerprint}); kuncinya {}. Simpan kata sandinya baik-baik: tanpa itu tidak ada sertifikat tanda tangan yang bisa disetujui.",
                    where_kept(&place)
                )
            }
            KeyCmd::CreateSignerKey { pass, again, place } => {
                same(&pass, &again)?;
                let fingerprint =
                    self.store
                        .create_signer_key(&who, pass.as_str(), &place, &self.sop, now)?;
                let holder = self.store.office_root()?.map_or(
                    "seorang pengelola (setelah membuat sertifikat kantor)".into(),
                    |r| r.holder,
                );
                format!(
                    "Kunci tanda tangan Anda dibuat; kuncinya {}. Sidik jari kunci Anda: {fingerprint}. Bacakan sidik jari itu kepada {holder}, yang menyetujui sertifikat Anda di hadapan Anda.",
                    where_kept(&place)
                )
            }
            KeyCmd::ShowMyKeyFingerprint { pass } => {
                let fingerprint = self.store.my_key_fingerprint(&who, pass.as_str(), now)?;
                format!(
                    "Sidik jari kunci Anda (dihitung dari kunci Anda sendiri): {fingerprint}. Pemegang sertifikat kantor harus melihat sidik jari yang sama sebelum menyetujui."
                )
            }
            KeyCmd::Approve {
                key_id,
                fingerprint,
                root_pass,
            } => {
                let cert = self.store.approve_key_request(
                    &who,
                    key_id,
                    &fingerprint,
                    root_pass.as_str(),
                    now,
                )?;
                format!(
                    "Sertifikat tanda tangan disetujui (sidik jari sertifikat {cert}); daftar pencabutan sertifikat (CRL) diperbarui."
                )
            }
            KeyCmd::Refuse { key_id, reason } => {
                self.store.refuse_key_request(&who, key_id, &reason, now)?;
                "Permintaan sertifikat ditolak; pemiliknya membuat kunci baru bila perlu.".into()
            }
            KeyCmd::DeclareLeaked {
                key_id,
                why,
                root_pass,
            } => {
                let number = self.store.declare_key_compromised(
                    &who,
                    key_id,
                    &why,
                    root_pass.as_str(),
                    now,
                )?;
                format!(
                    "Kunci itu dinyatakan bocor: CRL nomor {number} mencantumkannya, dan tidak ada tanda tangannya yang dianggap sah lagi. Bagikan CRL ini (Simpan Sertifikat Kantor) kepada yang memeriksa."
                )
            }
            KeyCmd::UsePsre { path, pass } => {
                self.store
                    .use_psre_key(&who, &path, pass.as_str(), &self.sop, now)?
            }
            KeyCmd::IssueCrl { root_pass } => {
                let number = self.store.issue_crl(&who, root_pass.as_str(), now)?;
                format!(
                    "Daftar pencabutan sertifikat (CRL) nomor {number} diterbitkan. Simpan sertifikat kantor lagi (Simpan Sertifikat Kantor) agar CRL-nya ikut, dan berikan kepada yang memeriksa."
                )
            }
        };
        self.reload()?;
        Ok(Some(said))
    }
}
