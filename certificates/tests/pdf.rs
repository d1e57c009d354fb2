//! The PDF: deterministic bytes; and, when poppler-utils is installed, that `pdftotext` returns
//! the Khmer names exactly, `pdffonts` lists embedded fonts, and the QR code on the rendered page
//! scans to the payload.

use std::path::Path;
use std::process::Command;

use certificates::{CertificateFacts, IssuerKey, PdfError, compact_payload, render, sample_facts, sha256_hex};

fn payload(facts: &CertificateFacts) -> String {
    let key = IssuerKey::from_secret_bytes([21; 32]);
    compact_payload(facts, &key, &format!("{}#key-2025", facts.issuer.id)).unwrap()
}

fn pdf(facts: &CertificateFacts) -> Vec<u8> {
    render(facts, &payload(facts)).unwrap()
}

/// A holder whose name needs real shaping: a coeng subscript, a pre-base subscript ro and vowels.
fn brahm_facts() -> CertificateFacts {
    let mut facts = sample_facts();
    facts.serial = "KML-2025-000124".into();
    facts.verification_url = "https://kamlang.example.gov.kh/verify/KML-2025-000124".into();
    facts.holder.family_km = "ព្រហ្ម".into();
    facts.holder.given_km = "សុវណ្ណារី".into();
    facts.holder.family_latin = "Prum".into();
    facts.holder.given_latin = "Sovannary".into();
    facts.qualification.cqf_level = None;
    facts.qualification.title_en = "Allied Worker Certificate in Child Protection".into();
    facts.qualification.title_km = "វិញ្ញាបនបត្របុគ្គលិកសម្ព័ន្ធផ្នែកការការពារកុមារ".into();
    facts.signatories.truncate(1);
    facts.supersedes = Some("KML-2024-000099".into());
    facts
}

/// Runs a poppler tool on `file` with `args` after it, or `None` (with a note) when it is not
/// installed.
fn tool(name: &str, file: &Path, args: &[&str]) -> Option<String> {
    match Command::new(name).arg(file).args(args).output() {
        Ok(output) => {
            assert!(
                output.status.success(),
                "{name} failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            Some(String::from_utf8(output.stdout).expect("poppler writes UTF-8"))
        }
        Err(_) => {
            eprintln!("{name} is not installed: skipping that check");
            None
        }
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn the_same_inputs_render_the_same_bytes() {
    let facts = sample_facts();
    let first = pdf(&facts);
    let second = pdf(&facts);
    assert_eq!(first, second);
    assert_eq!(sha256_hex(&first), sha256_hex(&second));
    assert!(first.starts_with(b"%PDF-1.7"));
    assert!(first.len() < 150_000, "{} bytes", first.len());
    println!("sample PDF: {} bytes, sha256 {}", first.len(), sha256_hex(&first));

    // Nothing in it comes from the clock: its dates are the issue date.
    let text = String::from_utf8_lossy(&first);
    assert!(text.contains("D:20250630000000+07'00'"));
    // The QR code is vector graphics: the file has no image at all.
    assert!(!text.contains("/Image"));

    let mut other = facts.clone();
    other.holder.given_latin = "Sreymon".into();
    assert_ne!(pdf(&other), first, "a changed fact changes the bytes");
}

#[test]
fn characters_no_font_has_are_refused() {
    let mut facts = sample_facts();
    facts.holder.given_latin = "漢字".into();
    assert_eq!(
        render(&facts, &payload(&facts)).unwrap_err(),
        PdfError::UnsupportedCharacter('漢')
    );
    let mut facts = sample_facts();
    facts.issue_date = "soon".into();
    assert!(matches!(render(&facts, "x"), Err(PdfError::Facts(_))));
}

#[test]
fn pdftotext_returns_the_names_exactly() {
    let dir = tempfile::tempdir().unwrap();
    for (facts, khmer, latin) in [
        (sample_facts(), "សុខ ស្រីមុំ", "Sok Sreymom"),
        (brahm_facts(), "ព្រហ្ម សុវណ្ណារី", "Prum Sovannary"),
    ] {
        let path = write(dir.path(), &format!("{}.pdf", facts.serial), &pdf(&facts));
        let Some(text) = tool("pdftotext", &path, &["-"]) else {
            return;
        };
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        assert!(lines.contains(&khmer), "no line {khmer:?} in:\n{text}");
        assert!(lines.contains(&latin), "no line {latin:?} in:\n{text}");
        for expected in [
            facts.qualification.title_km.as_str(),
            facts.qualification.title_en.as_str(),
            facts.issuer.name_km.as_str(),
            "វិញ្ញាបនបត្រ",
            "CERTIFICATE",
            "ព្រះរាជាណាចក្រកម្ពុជា",
            "ជាតិ សាសនា ព្រះមហាក្សត្រ",
        ] {
            assert!(lines.contains(&expected), "no line {expected:?} in:\n{text}");
        }
        assert!(text.contains(&facts.serial));
        assert!(text.contains(&facts.verification_url));
        if let Some(old) = &facts.supersedes {
            assert!(text.contains(old));
        }
    }
}

#[test]
fn pdffonts_lists_the_fonts_as_embedded_subsets() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "sample.pdf", &pdf(&sample_facts()));
    let Some(listing) = tool("pdffonts", &path, &[]) else {
        return;
    };
    let fonts: Vec<&str> = listing.lines().skip(2).collect();
    assert_eq!(fonts.len(), 4, "{listing}");
    for family in [
        "NotoSansKhmer-Regular",
        "NotoSansKhmer-Bold",
        "NotoSans-Regular",
        "NotoSans-Bold",
    ] {
        let line = fonts
            .iter()
            .find(|line| line.split_whitespace().next().unwrap().ends_with(&format!("+{family}")))
            .unwrap_or_else(|| panic!("{family} missing:\n{listing}"));
        let columns: Vec<&str> = line.split_whitespace().collect();
        // name, type (2 words), encoding, emb, sub, uni, object, generation
        assert_eq!(&columns[4..7], ["yes", "yes", "yes"], "{line}");
    }
}

/// Reads a binary PGM (P5) image, as written by `pdftoppm -gray`.
fn read_pgm(bytes: &[u8]) -> (usize, usize, Vec<u8>) {
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).to_string());
    }
    assert_eq!(fields[0], "P5");
    let (width, height): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = bytes[at + 1..].to_vec();
    assert_eq!(pixels.len(), width * height);
    (width, height, pixels)
}

#[test]
fn the_printed_qr_code_scans_to_the_payload() {
    let facts = sample_facts();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "sample.pdf", &pdf(&facts));
    let prefix = dir.path().join("page");
    // The lower right corner of the page at 200 dpi, where the QR code is.
    let status = Command::new("pdftoppm")
        .args([
            "-gray",
            "-r",
            "200",
            "-x",
            "1850",
            "-y",
            "1150",
            "-W",
            "450",
            "-H",
            "450",
            "-singlefile",
        ])
        .arg(&path)
        .arg(&prefix)
        .status();
    let Ok(status) = status else {
        eprintln!("pdftoppm is not installed: skipping");
        return;
    };
    assert!(status.success());
    let (width, height, pixels) = read_pgm(&std::fs::read(prefix.with_extension("pgm")).unwrap());
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| pixels[y * width + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the corner");
    assert_eq!(grids[0].decode().unwrap().1, payload(&facts));
}

#[test]
fn the_pdf_carries_the_qr_text_for_offline_checks() {
    let facts = certificates::sample_facts();
    let key = certificates::IssuerKey::from_secret_bytes([7; 32]);
    let method = format!("{}#key-1", facts.issuer.id);
    let qr = certificates::compact_payload(&facts, &key, &method).unwrap();
    let pdf = certificates::render(&facts, &qr).unwrap();
    assert_eq!(certificates::pdf::qr_payload_of_pdf(&pdf).as_deref(), Some(qr.as_str()));
    assert_eq!(certificates::pdf::qr_payload_of_pdf(b"not a pdf"), None);
}
