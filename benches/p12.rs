//! A signing key's .p12: what one passphrase try costs here, for `p12::ITERATIONS` and the
//! reference rates in `search_cost`. `cargo bench --bench p12`.
//!
//! Prints the medians of: PBKDF2-HMAC-SHA256 and the PKCS#12 KDF (SHA-256) at ITERATIONS,
//! writing and opening a .p12 at ITERATIONS, and argon2id at the PIN hash's parameters and at
//! the sealed key's (what a six-digit PIN guess costs).

use std::time::Instant;

use sha2::Sha256;
use sop_rkt::digital_signature::{keys, p12};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Median seconds of `runs` calls of `f`.
fn time(runs: usize, mut f: impl FnMut()) -> f64 {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64()
            })
            .collect(),
    )
}

fn argon2id(m_kib: u32, t: u32) -> f64 {
    let params = argon2::Params::new(m_kib, t, 1, Some(32)).unwrap();
    let a = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut out = [0u8; 32];
    time(7, || {
        a.hash_password_into(b"480213", b"0123456789abcdef", &mut out)
            .unwrap()
    })
}

fn main() {
    let n = p12::ITERATIONS;
    let pass = "kopi-hitam-di-tepi-sungai-barito";

    let pbkdf2 = time(5, || {
        let mut k = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<Sha256>(pass.as_bytes(), &[7u8; 16], n, &mut k);
    });
    let mac_n = p12::mac_iterations(n);
    let pkcs12_kdf = time(5, || {
        pkcs12::kdf::derive_key_utf8::<Sha256>(
            pass,
            &[7u8; 32],
            pkcs12::kdf::Pkcs12KeyType::Mac,
            mac_n as i32,
            32,
        )
        .unwrap();
    });
    println!(
        "PBKDF2-HMAC-SHA256 × {n}: {:.0} ms ({:.2} juta putaran/detik)",
        pbkdf2 * 1e3,
        f64::from(n) / pbkdf2 / 1e6
    );
    println!(
        "KDF PKCS#12 SHA-256 (MAC) × {mac_n}: {:.0} ms ({:.2} juta putaran/detik)",
        pkcs12_kdf * 1e3,
        f64::from(mac_n) / pkcs12_kdf / 1e6
    );

    let key = keys::new_key();
    let mut file = Vec::new();
    let write = time(5, || {
        file = p12::write(&key, &[], pass, n, "Kepala").unwrap();
    });
    let open = time(5, || {
        p12::open(&file, pass).unwrap();
    });
    println!(
        "p12::write pada ITERATIONS (PBKDF2 + MAC): {:.0} ms; p12::open (PBKDF2, tanpa MAC): {:.0} ms",
        write * 1e3,
        open * 1e3
    );

    let pin = argon2id(19 * 1024, 2);
    let seal = argon2id(256 * 1024, 4);
    println!(
        "argon2id m=19456 t=2 p=1 (hash PIN): {:.1} ms; m=262144 t=4 p=1 (kunci tersegel): {:.0} ms",
        pin * 1e3,
        seal * 1e3
    );
}
