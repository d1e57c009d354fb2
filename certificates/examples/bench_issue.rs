//! Times issuing one certificate (build the credential, sign it, make the QR payload, render the
//! PDF) and prints the median over 50 runs. Informational only; run it in release mode:
//!
//! ```text
//! cargo run --release -p certificates --example bench_issue
//! ```

use std::time::{Duration, Instant};

use certificates::{IssuerKey, ProofOptions, build_credential, compact_payload, render, sample_facts, sign};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = IssuerKey::from_secret_bytes([7; 32]);
    let mut facts = sample_facts();
    let key_id = format!("{}#key-2025", facts.issuer.id);
    let options = ProofOptions::assertion(&key_id, "2025-06-30T09:00:00+07:00");
    let mut times: Vec<(Duration, Duration)> = Vec::new();
    let mut size = 0;
    for i in 0..50 {
        facts.serial = format!("KML-2025-{i:06}");
        let start = Instant::now();
        let credential = build_credential(&facts)?;
        let signed = sign(&credential, &options, &key)?;
        let qr_text = compact_payload(&facts, &key, &key_id)?;
        let signed_at = start.elapsed();
        let pdf = render(&facts, &qr_text)?;
        times.push((signed_at, start.elapsed()));
        assert!(signed.get("proof").is_some());
        size = pdf.len();
    }
    let median = |mut values: Vec<Duration>| {
        values.sort();
        values[values.len() / 2]
    };
    let signing = median(times.iter().map(|t| t.0).collect());
    let total = median(times.iter().map(|t| t.1).collect());
    println!(
        "median over {} runs: build+sign+QR {signing:?}, with the PDF {total:?} (PDF {size} bytes)",
        times.len()
    );
    Ok(())
}
