//! What an offline search of a stored secret costs: someone with a copy of the database or of
//! a .p12 file tries every PIN or likely passphrase against it, on CPU cores or GPUs. Computed
//! from the secret's KDF parameters and reference rates (each constant says where it comes
//! from); for the README and a command-line report.

/// A key derivation function and its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kdf {
    Argon2id { m_kib: u32, t: u32, p: u32 },
    Pbkdf2Sha256 { iterations: u32 },
}

/// The guesses an attacker must try to be sure to find the secret.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Space {
    pub log10_guesses: f64,
    pub what: &'static str,
}

/// Six digits: 10^6 PINs (`domain::pin` refuses a handful of them; that changes nothing here).
pub const SIX_DIGIT_PIN: Space = Space {
    log10_guesses: 6.0,
    what: "PIN 6 angka",
};

/// The weakest passphrase `domain::passphrase::check` admits: 10^12 guesses by its estimate
/// (zxcvbn's model of an attacker who knows the patterns: dictionaries, names, dates, keyboard
/// runs, with Indonesian words added). Most admitted passphrases need far more; this is the
/// floor.
pub const MIN_PASSPHRASE: Space = Space {
    log10_guesses: crate::domain::passphrase::MIN_GUESSES_LOG10,
    what: "kata sandi terlemah yang diterima (10^12 tebakan)",
};

/// PBKDF2-HMAC-SHA256 iterations per second on one core of the 2-core build machine (Xeon with
/// SHA-NI; RustCrypto pbkdf2 0.12, release build): benches/p12.rs, best of several runs,
/// 8.9 M/s (p12::ITERATIONS = 8 M took 0.90 s). An attacker's tuned code is no faster per core:
/// the SHA extensions are the ceiling.
pub const PBKDF2_SHA256_ITERATIONS_PER_SECOND_CPU_CORE: f64 = 8.9e6;

/// The same on one RTX 4090: hashcat 6.2.6 mode 10900 (PBKDF2-HMAC-SHA256) benchmarks
/// 8865.7 kH/s at 999 iterations (Chick3nman's published RTX 4090 benchmark, stock clocks),
/// i.e. 8865.7e3 × 999 ≈ 8.86e9 iterations per second. (The RTX 5090 does 11157.2 kH/s there,
/// 1.26× more.)
pub const PBKDF2_SHA256_ITERATIONS_PER_SECOND_GPU: f64 = 8865.7e3 * 999.0;

/// argon2id work per second on one core of the build machine, in KiB × passes: m=19456 KiB,
/// t=2, p=1 (the PIN hash of `domain::pin`) took 21.3 ms (benches/p12.rs, best run; the argon2
/// crate 0.5, release), so 19456 × 2 / 0.0213. Larger memory runs slower per KiB here
/// (m=256 MiB, t=4 — the sealed key's cost — took 0.85 s, 1.24e6 KiB·passes/s): the
/// faster figure is taken, as an attacker would pick the faster machine.
pub const ARGON2ID_KIB_PASSES_PER_SECOND_CPU_CORE: f64 = 19456.0 * 2.0 / 0.0213;

/// argon2id on a GPU is bound by memory bandwidth, not arithmetic: each guess writes every
/// block once per pass and reads a reference block (and, after the first pass, the old block),
/// ≈ (3t − 1) × m KiB of traffic (the model behind tobtu.com's argon2 minimums). Assumed: an
/// RTX 4090 moving its full 1008 GB/s (NVIDIA's specification) to that end and nothing lost to
/// latency — an upper bound on the attacker's rate, so a lower bound on the cost. For the PIN
/// hash that is ~10^4 guesses per second, ~200× one CPU core: memory-hardness caps the GPU's
/// advantage near its bandwidth ratio, it does not remove it.
pub const GPU_MEMORY_BYTES_PER_SECOND: f64 = 1008e9;

/// What searching a space costs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cost {
    pub seconds_per_guess_cpu_core: f64,
    pub seconds_per_guess_gpu: f64,
    /// The whole space on one CPU core (on average half of it finds the secret).
    pub worst_case_cpu_core_seconds: f64,
    /// The whole space on one GPU.
    pub worst_case_gpu_seconds: f64,
}

/// Seconds per guess of `kdf` on one CPU core and one GPU.
pub fn per_guess(kdf: Kdf) -> (f64, f64) {
    match kdf {
        Kdf::Pbkdf2Sha256 { iterations } => {
            let n = f64::from(iterations);
            (
                n / PBKDF2_SHA256_ITERATIONS_PER_SECOND_CPU_CORE,
                n / PBKDF2_SHA256_ITERATIONS_PER_SECOND_GPU,
            )
        }
        // p lanes share the m KiB: the total work and traffic do not depend on p, only how
        // many cores one guess can use, and an attacker keeps every core busy anyway.
        Kdf::Argon2id { m_kib, t, p: _ } => {
            let (m, t) = (f64::from(m_kib), f64::from(t));
            let traffic = (3.0 * t - 1.0).max(1.0) * m * 1024.0;
            (
                m * t / ARGON2ID_KIB_PASSES_PER_SECOND_CPU_CORE,
                traffic / GPU_MEMORY_BYTES_PER_SECOND,
            )
        }
    }
}

/// The cost of trying all of `space` against a secret kept under `kdf`.
pub fn cost(kdf: Kdf, space: Space) -> Cost {
    let (cpu, gpu) = per_guess(kdf);
    let guesses = 10f64.powf(space.log10_guesses);
    Cost {
        seconds_per_guess_cpu_core: cpu,
        seconds_per_guess_gpu: gpu,
        worst_case_cpu_core_seconds: guesses * cpu,
        worst_case_gpu_seconds: guesses * gpu,
    }
}

/// A number the Indonesian way with two significant digits at most: 0,9 · 12 · 1.300.
fn number(v: f64) -> String {
    if v >= 100.0 {
        let digits = format!("{}", v.round() as u64);
        let keep = 2.min(digits.len());
        let rounded: u64 = format!("{}{}", &digits[..keep], "0".repeat(digits.len() - keep))
            .parse()
            .unwrap_or(0);
        let s = rounded.to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push('.');
            }
            out.push(c);
        }
        return out;
    }
    let decimals = if v >= 10.0 { 0 } else { 1 };
    let s = format!("{v:.decimals$}");
    s.strip_suffix(".0").unwrap_or(&s).replace('.', ",")
}

/// A duration in human units: mikrodetik, milidetik, detik, menit, jam, hari, tahun (and
/// ribu/juta/miliar tahun).
pub fn duration(seconds: f64) -> String {
    const MINUTE: f64 = 60.0;
    const HOUR: f64 = 3600.0;
    const DAY: f64 = 86_400.0;
    const YEAR: f64 = 365.25 * DAY;
    if !seconds.is_finite() {
        return "tak terhingga".into();
    }
    let (v, unit) = match seconds {
        s if s < 1e-3 => (s * 1e6, "mikrodetik"),
        s if s < 1.0 => (s * 1e3, "milidetik"),
        s if s < MINUTE => (s, "detik"),
        s if s < HOUR => (s / MINUTE, "menit"),
        s if s < DAY => (s / HOUR, "jam"),
        s if s < YEAR => (s / DAY, "hari"),
        s if s < 1e3 * YEAR => (s / YEAR, "tahun"),
        s if s < 1e6 * YEAR => (s / YEAR / 1e3, "ribu tahun"),
        s if s < 1e9 * YEAR => (s / YEAR / 1e6, "juta tahun"),
        s => (s / YEAR / 1e9, "miliar tahun"),
    };
    format!("{} {unit}", number(v))
}

/// The cost in Indonesian: per guess and for the whole space, on one CPU core and one GPU.
pub fn describe(cost: &Cost) -> String {
    format!(
        "Satu tebakan: {} pada satu inti CPU, {} pada satu GPU (RTX 4090). Mencoba semuanya: {} pada satu inti CPU, {} pada satu GPU.",
        duration(cost.seconds_per_guess_cpu_core),
        duration(cost.seconds_per_guess_gpu),
        duration(cost.worst_case_cpu_core_seconds),
        duration(cost.worst_case_gpu_seconds),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const PIN_HASH: Kdf = Kdf::Argon2id {
        m_kib: 19 * 1024,
        t: 2,
        p: 1,
    };

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
    }

    #[test]
    fn a_six_digit_pin_costs_a_million_guesses() {
        let c = cost(PIN_HASH, SIX_DIGIT_PIN);
        assert!(close(c.seconds_per_guess_cpu_core, 0.0213));
        assert!(close(
            c.worst_case_cpu_core_seconds,
            1e6 * c.seconds_per_guess_cpu_core
        ));
        // (3·2 − 1) × 19456 KiB at 1008 GB/s.
        let gpu = 5.0 * 19456.0 * 1024.0 / 1008e9;
        assert!(close(c.seconds_per_guess_gpu, gpu));
        assert!(close(c.worst_case_gpu_seconds, 1e6 * gpu));
        // Lanes change nothing of the total.
        assert_eq!(
            per_guess(Kdf::Argon2id {
                m_kib: 19 * 1024,
                t: 2,
                p: 4
            }),
            per_guess(PIN_HASH)
        );
    }

    #[test]
    fn a_passphrase_under_pbkdf2_costs_its_iterations_per_guess() {
        let n = crate::digital_signature::p12::ITERATIONS;
        let c = cost(Kdf::Pbkdf2Sha256 { iterations: n }, MIN_PASSPHRASE);
        assert!(close(c.seconds_per_guess_cpu_core, f64::from(n) / 8.9e6));
        assert!(close(
            c.seconds_per_guess_gpu,
            f64::from(n) / (8865.7e3 * 999.0)
        ));
        assert!(close(
            c.worst_case_gpu_seconds,
            1e12 * c.seconds_per_guess_gpu
        ));
        // The floor passphrase on one GPU takes longer than the whole PIN space did.
        assert!(
            c.worst_case_gpu_seconds > 100.0 * cost(PIN_HASH, SIX_DIGIT_PIN).worst_case_gpu_seconds
        );
    }

    #[test]
    fn durations_are_said_in_human_units() {
        assert_eq!(duration(0.0213), "21 milidetik");
        assert_eq!(duration(9.03e-4), "900 mikrodetik");
        assert_eq!(duration(0.5), "500 milidetik");
        assert_eq!(duration(1.5), "1,5 detik");
        assert_eq!(duration(90.0), "1,5 menit");
        assert_eq!(duration(5.0 * 3600.0), "5 jam");
        assert_eq!(duration(36.0 * 3600.0), "1,5 hari");
        assert_eq!(duration(3.0 * 365.25 * 86400.0), "3 tahun");
        assert_eq!(duration(1234.0 * 365.25 * 86400.0), "1,2 ribu tahun");
        assert_eq!(duration(2.5e6 * 365.25 * 86400.0), "2,5 juta tahun");
        assert_eq!(duration(400.0 * 86400.0), "1,1 tahun");
        assert_eq!(duration(250.0 * 86400.0), "250 hari");
        assert_eq!(duration(12_345.0 * 86400.0), "34 tahun");
    }

    #[test]
    fn the_description_names_both_machines() {
        let c = Cost {
            seconds_per_guess_cpu_core: 0.9,
            seconds_per_guess_gpu: 0.0009,
            worst_case_cpu_core_seconds: 0.9e8,
            worst_case_gpu_seconds: 0.9e5,
        };
        assert_eq!(
            describe(&c),
            "Satu tebakan: 900 milidetik pada satu inti CPU, 900 mikrodetik pada satu GPU (RTX 4090). Mencoba semuanya: 2,9 tahun pada satu inti CPU, 1 hari pada satu GPU."
        );
    }
}
