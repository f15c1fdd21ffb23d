//! The head's signing PIN: six digits, kept only as an argon2id hash; five wrong tries lock
//! signing for five minutes.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{Duration, NaiveDateTime};

pub const MAX_TRIES: u32 = 5;
pub const LOCK_MINUTES: i64 = 5;

/// A PIN as the head sets it: 6 digits, not all the same, not a plain run.
pub fn check_new(pin: &str) -> Result<(), String> {
    if pin.len() != 6 || !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err("PIN harus 6 angka.".into());
    }
    let d: Vec<u8> = pin.bytes().collect();
    if d.iter().all(|&c| c == d[0]) {
        return Err("PIN tidak boleh angka yang sama semua (mis. 111111).".into());
    }
    let run = |step: i16| {
        d.windows(2)
            .all(|w| i16::from(w[1]) - i16::from(w[0]) == step)
    };
    if run(1) || run(-1) {
        return Err("PIN tidak boleh angka berurutan (mis. 123456).".into());
    }
    Ok(())
}

fn hasher() -> Argon2<'static> {
    // OWASP's argon2id minimum (19 MiB, 2 passes): a fraction of a second on an office PC.
    Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters"),
    )
}

pub fn hash(pin: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(pin.as_bytes(), &salt)
        .expect("argon2 hashes a short PIN")
        .to_string()
}

pub fn verify(pin: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| hasher().verify_password(pin.as_bytes(), &h).is_ok())
        .unwrap_or(false)
}

/// Failed tries so far and when the last one was: is signing locked at `now`, and until when?
pub fn locked_until(
    failures: u32,
    last_failure: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Option<NaiveDateTime> {
    let until = last_failure? + Duration::minutes(LOCK_MINUTES);
    (failures >= MAX_TRIES && now < until).then_some(until)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_argon2id_and_verifies_only_the_pin() {
        let h = hash("482913");
        assert!(h.starts_with("$argon2id$"));
        assert!(!h.contains("482913"));
        assert!(verify("482913", &h));
        assert!(!verify("482914", &h));
        assert!(!verify("482913", "bukan hash"));
        // A new salt each time.
        assert_ne!(h, hash("482913"));
    }

    #[test]
    fn weak_pins_are_refused_in_indonesian() {
        for bad in ["12345", "abcdef", "111111", "123456", "654321", "12 456"] {
            assert!(check_new(bad).is_err(), "{bad}");
        }
        assert!(check_new("482913").is_ok());
    }

    #[test]
    fn five_failures_lock_for_five_minutes() {
        let t = chrono::NaiveDate::from_ymd_opt(2027, 1, 4)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        assert_eq!(locked_until(4, Some(t), t), None);
        assert_eq!(
            locked_until(5, Some(t), t + Duration::minutes(4)),
            Some(t + Duration::minutes(5))
        );
        assert_eq!(locked_until(5, Some(t), t + Duration::minutes(5)), None);
        assert_eq!(locked_until(0, None, t), None);
    }
}
