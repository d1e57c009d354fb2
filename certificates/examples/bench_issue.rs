//! Times issuing one certificate: build the credential, sign it, make the QR payload ("build+sign"),
//! then render the PDF ("build+sign+render"). After a warm-up it prints the median and the 90th
//! percentile over the timed runs (`RUNS`, default 300), of the wall-clock time and, on 64-bit
//! Linux, of the time the thread was actually on a CPU (`CLOCK_THREAD_CPUTIME_ID`), which stays
//! meaningful when other processes share the core. Every run issues a different certificate (its
//! serial, and the holder's names from a small list). Informational only; run it in release mode,
//! pinned to one core, as the performance target is stated:
//!
//! ```text
//! cargo build --release -p certificates --example bench_issue
//! taskset -c 0 target/release/examples/bench_issue
//! RUNS=1000 taskset -c 0 target/release/examples/bench_issue
//! ```

use std::time::{Duration, Instant};

use certificates::{IssuerKey, ProofOptions, build_credential, compact_payload, render, sample_facts, sign};

const WARM_UP: usize = 20;

/// Holders' names (Khmer family, given; Latin family, given), taken in turn.
const HOLDERS: [(&str, &str, &str, &str); 4] = [
    ("សុខ", "ស្រីមុំ", "Sok", "Sreymom"),
    ("ព្រហ្ម", "សុវណ្ណារី", "Prum", "Sovannary"),
    ("ចាន់", "វិចិត្រ", "Chan", "Vichet"),
    ("គឹម", "ស្រីល័ក្ខ", "Kim", "Sreyleak"),
];

/// The time this thread has spent on a CPU, where the C library says (64-bit Linux):
/// `clock_gettime(CLOCK_THREAD_CPUTIME_ID)`.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn cpu_time() -> Option<Duration> {
    #[repr(C)]
    struct Timespec {
        seconds: i64,
        nanoseconds: i64,
    }
    unsafe extern "C" {
        fn clock_gettime(clock: i32, time: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut time = Timespec {
        seconds: 0,
        nanoseconds: 0,
    };
    // SAFETY: `time` is a valid, writable `struct timespec` for the duration of the call.
    let status = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut time) };
    (status == 0).then(|| Duration::new(time.seconds as u64, time.nanoseconds as u32))
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn cpu_time() -> Option<Duration> {
    None
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let runs: usize = match std::env::var("RUNS") {
        Ok(runs) => runs.parse()?,
        Err(_) => 300,
    };
    let key = IssuerKey::from_secret_bytes([7; 32]);
    let mut facts = sample_facts();
    let key_id = format!("{}#key-2025", facts.issuer.id);
    let options = ProofOptions::assertion(&key_id, "2025-06-30T09:00:00+07:00");
    // Wall-clock and on-CPU times of build+sign and of build+sign+render.
    let mut times: [Vec<Duration>; 4] = Default::default();
    let mut on_cpu = true;
    let mut size = 0;
    for i in 0..WARM_UP + runs {
        facts.serial = format!("KML-2025-{i:06}");
        facts.verification_url = format!("https://kamlang.example.gov.kh/verify/{}", facts.serial);
        let (family_km, given_km, family_latin, given_latin) = HOLDERS[i % HOLDERS.len()];
        facts.holder.family_km = family_km.into();
        facts.holder.given_km = given_km.into();
        facts.holder.family_latin = family_latin.into();
        facts.holder.given_latin = given_latin.into();
        let (start, start_cpu) = (Instant::now(), cpu_time());
        let credential = build_credential(&facts)?;
        let signed = sign(&credential, &options, &key)?;
        let qr_text = compact_payload(&facts, &key, &key_id)?;
        let (signed_at, signed_cpu) = (start.elapsed(), cpu_time());
        let pdf = render(&facts, &qr_text)?;
        let (rendered_at, rendered_cpu) = (start.elapsed(), cpu_time());
        assert!(signed.get("proof").is_some());
        size = pdf.len();
        if i >= WARM_UP {
            times[0].push(signed_at);
            times[1].push(rendered_at);
            match (start_cpu, signed_cpu, rendered_cpu) {
                (Some(start), Some(signed), Some(rendered)) => {
                    times[2].push(signed - start);
                    times[3].push(rendered - start);
                }
                _ => on_cpu = false,
            }
        }
    }
    let [signing, total, signing_cpu, total_cpu] = times;
    println!("{runs} runs after {WARM_UP} warm-up runs (last PDF {size} bytes):");
    for (name, wall, cpu) in [
        ("build+sign", signing, signing_cpu),
        ("build+sign+render", total, total_cpu),
    ] {
        let (median, p90) = percentiles(wall);
        print!("  {name:<18} median {:>7.3} ms  p90 {:>7.3} ms", ms(median), ms(p90));
        if on_cpu {
            let (median, p90) = percentiles(cpu);
            print!("   (on CPU: median {:>7.3} ms  p90 {:>7.3} ms)", ms(median), ms(p90));
        }
        println!();
    }
    Ok(())
}

/// The median and the 90th percentile (nearest rank).
fn percentiles(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    let rank = |p: usize| times[(times.len() * p).div_ceil(100).saturating_sub(1)];
    (rank(50), rank(90))
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
