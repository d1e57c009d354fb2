//! Writes a sample certificate PDF and prints its SHA-256 and QR payload:
//!
//! ```text
//! cargo run -p certificates --example sample_pdf -- /tmp/cert.pdf
//! cargo run -p certificates --example sample_pdf -- /tmp/allied.pdf --allied
//! ```
//!
//! `--allied` renders the allied workers' certificate (no CQF level, one signatory, a replaced
//! certificate) for a holder whose Khmer name needs heavier shaping (ព្រហ្ម សុវណ្ណារី).

use certificates::{IssuerKey, compact_payload, render, sample_facts, sha256_hex};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "certificate.pdf".to_string());
    let allied = args.any(|arg| arg == "--allied");
    let mut facts = sample_facts();
    if allied {
        facts.serial = "KML-2025-000124".into();
        facts.verification_url = "https://kamlang.example.gov.kh/verify/KML-2025-000124".into();
        facts.holder.family_km = "ព្រហ្ម".into();
        facts.holder.given_km = "សុវណ្ណារី".into();
        facts.holder.family_latin = "Prum".into();
        facts.holder.given_latin = "Sovannary".into();
        facts.qualification.cqf_level = None;
        facts.qualification.credits = domain::Credits::from_hours(domain::DeliveryMode::Instruction, 100);
        facts.qualification.title_en = "Allied Worker Certificate in Child Protection".into();
        facts.qualification.title_km = "វិញ្ញាបនបត្របុគ្គលិកសម្ព័ន្ធផ្នែកការការពារកុមារ".into();
        facts.qualification.field_of_study_en = "Child Protection".into();
        facts.qualification.field_of_study_km = "ការការពារកុមារ".into();
        facts.signatories.truncate(1);
        facts.supersedes = Some("KML-2024-000099".into());
    }
    // A fixed key, so the sample is the same every time; a real key comes from the provider's
    // key file.
    let key = IssuerKey::from_secret_bytes([7; 32]);
    let key_id = format!("{}#key-2025", facts.issuer.id);
    let qr_text = compact_payload(&facts, &key, &key_id)?;
    let pdf = render(&facts, &qr_text)?;
    std::fs::write(&path, &pdf)?;
    println!("wrote {path}: {} bytes, sha256 {}", pdf.len(), sha256_hex(&pdf));
    println!("QR payload ({} bytes): {qr_text}", qr_text.len());
    Ok(())
}
