//! What an insider holding a copy of this database (or a key's file) must spend to find each
//! secret kept here by trying every guess offline: computed from each secret's own stored
//! parameters (`sop-rkt security-report`, and the README's table).

use rusqlite::OptionalExtension;

use super::{Result, Store};
use crate::digital_signature::p12::{self, KeyKdf, Prf};
use crate::digital_signature::search_cost::{self, Kdf, MIN_PASSPHRASE, SIX_DIGIT_PIN, Space};

/// One secret as stored, and what searching it costs.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSecret {
    /// "PIN Hj. Nurul Aini", "Kunci sertifikat kantor", "Kunci tanda tangan Drs. …".
    pub what: String,
    /// The parameters as read ("argon2id m=19456 KiB t=2 p=1").
    pub params: String,
    /// The search's cost; `None` where it cannot be read (a key on an absent flash disk).
    pub cost: Option<search_cost::Cost>,
}

/// argon2's PHC string: "$argon2id$v=19$m=19456,t=2,p=1$salt$hash".
fn argon2_params(phc: &str) -> Option<Kdf> {
    let parts: Vec<&str> = phc.split('$').collect();
    if parts.get(1) != Some(&"argon2id") {
        return None;
    }
    let (mut m, mut t, mut p) = (None, None, None);
    for kv in parts.iter().find(|s| s.starts_with("m="))?.split(',') {
        let (k, v) = kv.split_once('=')?;
        let v: u32 = v.parse().ok()?;
        match k {
            "m" => m = Some(v),
            "t" => t = Some(v),
            "p" => p = Some(v),
            _ => {}
        }
    }
    Some(Kdf::Argon2id {
        m_kib: m?,
        t: t?,
        p: p?,
    })
}

/// A .p12's cheapest way in for a guesser: its key bag's PBKDF2, or its MAC (one PKCS#12 KDF
/// iteration is half a PBKDF2-HMAC iteration's work), as PBKDF2-HMAC-SHA256 iterations.
fn p12_params(bytes: &[u8]) -> (String, Option<Kdf>) {
    let Ok(params) = p12::kdf_params(bytes) else {
        return ("berkas .p12 tidak terbaca".into(), None);
    };
    let key = match params.key {
        Some(KeyKdf::Pbkdf2 {
            prf: Prf::HmacSha256,
            iterations,
        }) => Some(iterations),
        _ => None,
    };
    let mac = params.mac_iterations.map(|m| m / 2);
    let cheapest = match (key, mac) {
        (Some(k), Some(m)) => Some(k.min(m)),
        (k, m) => k.or(m),
    };
    let said = format!(
        "PBKDF2-HMAC-SHA256 {} iterasi, MAC {} iterasi",
        key.map_or("?".into(), |k| k.to_string()),
        params
            .mac_iterations
            .map_or("tanpa".into(), |m| m.to_string())
    );
    (
        said,
        cheapest.map(|iterations| Kdf::Pbkdf2Sha256 { iterations }),
    )
}

fn secret(what: String, params: String, kdf: Option<Kdf>, space: Space) -> StoredSecret {
    StoredSecret {
        what,
        params,
        cost: kdf.map(|k| search_cost::cost(k, space)),
    }
}

/// A key kept in the database, or in a file (read if present).
fn key_secret(what: String, p12: Option<Vec<u8>>, file: Option<String>) -> StoredSecret {
    let bytes = p12.or_else(|| file.as_ref().and_then(|f| std::fs::read(f).ok()));
    match bytes {
        Some(b) => {
            let (params, kdf) = p12_params(&b);
            let place = file.map_or(String::new(), |f| format!(" (flash disk: {f})"));
            secret(format!("{what}{place}"), params, kdf, MIN_PASSPHRASE)
        }
        None => StoredSecret {
            what,
            params: format!(
                "di flash disk ({}), tidak ada di basis data",
                file.unwrap_or_default()
            ),
            cost: None,
        },
    }
}

impl Store {
    /// Every secret this database keeps (PIN hashes, the live keys' .p12), with the cost of
    /// an offline search of each.
    pub fn stored_secrets(&self) -> Result<Vec<StoredSecret>> {
        let mut out = Vec::new();
        let mut pins = self.conn.prepare(
            "SELECT o.name, p.hash FROM signing_pins p JOIN officials o ON o.id = p.official_id
             ORDER BY o.id",
        )?;
        for row in pins.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (name, hash) = row?;
            let kdf = argon2_params(&hash);
            let params = match kdf {
                Some(Kdf::Argon2id { m_kib, t, p }) => {
                    format!("argon2id m={m_kib} KiB t={t} p={p}")
                }
                _ => "bukan argon2id".into(),
            };
            out.push(secret(format!("PIN {name}"), params, kdf, SIX_DIGIT_PIN));
        }
        let root: Option<(Option<Vec<u8>>, Option<String>)> = self
            .conn
            .query_row(
                "SELECT p12, key_file FROM office_roots WHERE retired_at IS NULL",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((p12, file)) = root {
            out.push(key_secret("Kunci sertifikat kantor".into(), p12, file));
        }
        let mut keys = self.conn.prepare(
            "SELECT o.name, k.p12, k.key_file FROM signer_keys k
             JOIN officials o ON o.id = k.official_id
             WHERE k.retired_at IS NULL ORDER BY k.id",
        )?;
        for row in keys.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))? {
            let (name, p12, file) = row?;
            out.push(key_secret(format!("Kunci tanda tangan {name}"), p12, file));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_hash_s_parameters_are_read_from_its_phc_string() {
        let phc = crate::domain::pin::hash("135799");
        assert_eq!(
            argon2_params(&phc),
            Some(Kdf::Argon2id {
                m_kib: 19456,
                t: 2,
                p: 1
            })
        );
        assert_eq!(argon2_params("$2b$12$bcrypt"), None);
    }

    #[test]
    fn every_stored_secret_is_listed_with_its_own_parameters() {
        let mut s = Store::open_in_memory().unwrap();
        let op = crate::store::test_support::pengelola(&mut s);
        crate::store::test_support::office_root(&mut s, &op);
        let found = s.stored_secrets().unwrap();
        assert!(found[0].what.starts_with("PIN Pengelola Uji"), "{found:?}");
        assert!(found[0].params.contains("m=19456"), "{found:?}");
        let root = found
            .iter()
            .find(|x| x.what == "Kunci sertifikat kantor")
            .unwrap();
        // The tests write keys at 2,048 iterations; the MAC at twice that.
        assert!(
            root.params.contains("2048 iterasi, MAC 4096 iterasi"),
            "{root:?}"
        );
        let cost = root.cost.unwrap();
        let (cpu, _) = search_cost::per_guess(Kdf::Pbkdf2Sha256 { iterations: 2048 });
        assert!((cost.seconds_per_guess_cpu_core - cpu).abs() < 1e-12);
    }
}
