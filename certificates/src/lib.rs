//! Kamlang's certificates: the credential document, its signature, the PDF and the QR code
//! (DESIGN.md section 7).
//!
//! A certificate is a W3C Verifiable Credential 2.0 that is an Open Badges 3.0
//! `OpenBadgeCredential`, secured with a Data Integrity proof of the cryptosuite
//! `eddsa-jcs-2022`, so that any standard verifier of that cryptosuite checks it offline given
//! the issuer's public key. The paper (PDF) form shows the same facts in Khmer and English with a
//! QR code that carries the verification URL and the signed core facts.
//!
//! - [`keys`]: one Ed25519 key per provider; Multikey documents (`z6Mk…`) and key files.
//! - [`proof`]: `eddsa-jcs-2022` signing and verification, step by step (tested against the W3C
//!   test vectors).
//! - [`credential`]: [`CertificateFacts`] and the credential built from them;
//!   [`verify_credential`] adds the issuer and purpose checks to the proof's.
//! - [`qr`]: the compact signed QR payload and its modules.
//! - [`pdf`]: the deterministic bilingual PDF and its SHA-256.
//!
//! Issuing one certificate:
//!
//! ```
//! # use certificates::*;
//! # let facts = certificates::sample_facts();
//! let key = IssuerKey::from_secret_bytes([1; 32]); // the provider's key, from its key file
//! let key_id = format!("{}#key-2025", facts.issuer.id);
//! let credential = build_credential(&facts)?;
//! let signed = sign(&credential, &ProofOptions::assertion(&key_id, "2025-06-30T09:00:00Z"), &key)?;
//! let qr_text = compact_payload(&facts, &key, &key_id)?;
//! let pdf = render(&facts, &qr_text)?;
//! let stored_hash = sha256_hex(&pdf);
//!
//! let public = key.public_key();
//! let resolve = |id: &str| (id == key_id).then_some(public);
//! assert!(verify_credential(&signed, resolve).is_ok());
//! assert_eq!(verify_compact(&qr_text, resolve)?.facts.serial, facts.serial);
//! # assert_eq!(stored_hash.len(), 64);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The crate is pure: no IO, no clock, no network. Times (`created`) and keys come from the
//! caller, and every output is a function of its inputs.

pub mod credential;
pub mod keys;
pub mod pdf;
pub mod proof;
pub mod qr;

pub use credential::{
    CertificateFacts, Holder, Issuer, Qualification, Signatory, StatusListEntry, VerifiedCredential, build_credential,
    verify_credential,
};
pub use keys::{IssuerKey, KeyError, PublicKey};
pub use pdf::{PdfError, render, sha256_hex};
pub use proof::{ProofError, ProofOptions, VerifiedProof, VerifyError, sign, verify};
pub use qr::{CompactFacts, QrError, VerifiedCompact, compact_payload, qr_modules, verify_compact};

/// A complete, valid set of facts for examples, tests and the sample PDF: a TVC 1 in social work
/// issued by NISA to សុខ ស្រីមុំ (Sok Sreymom).
pub fn sample_facts() -> CertificateFacts {
    CertificateFacts {
        serial: "KML-2025-000123".into(),
        issuer: Issuer {
            id: "did:web:kamlang.example.gov.kh:providers:nisa".into(),
            name_en: "National Institute of Social Affairs".into(),
            name_km: "វិទ្យាស្ថានជាតិសង្គមកិច្ច".into(),
        },
        holder: Holder {
            family_km: "សុខ".into(),
            given_km: "ស្រីមុំ".into(),
            family_latin: "Sok".into(),
            given_latin: "Sreymom".into(),
            registry_number: "W-2025-004217".into(),
        },
        qualification: Qualification {
            id: "https://kamlang.example.gov.kh/api/v1/qualifications/tvc1-social-work".into(),
            title_en: "Technical and Vocational Certificate 1 in Social Work".into(),
            title_km: "វិញ្ញាបនបត្របច្ចេកទេស និងវិជ្ជាជីវៈ ១ ផ្នែកការងារសង្គម".into(),
            cqf_level: Some(domain::CqfLevel::new(2).expect("2 is a CQF level")),
            credits: domain::Credits::from_whole(30),
            field_of_study_en: "Social Work".into(),
            field_of_study_km: "ការងារសង្គម".into(),
        },
        issue_date: "2025-06-30".into(),
        signatories: vec![
            Signatory {
                name: "ចាន់ ដារ៉ា · Chan Dara".into(),
                title_en: "Director, National Institute of Social Affairs".into(),
                title_km: "នាយកវិទ្យាស្ថានជាតិសង្គមកិច្ច".into(),
            },
            Signatory {
                name: "ព្រហ្ម សុភាព · Prum Sopheap".into(),
                title_en: "Head of Training and Certification".into(),
                title_km: "ប្រធានការិយាល័យបណ្តុះបណ្តាល និងវិញ្ញាបនបត្រ".into(),
            },
        ],
        verification_url: "https://kamlang.example.gov.kh/verify/KML-2025-000123".into(),
        status: Some(StatusListEntry {
            status_list_credential: "https://kamlang.example.gov.kh/api/v1/status-lists/nisa-1".into(),
            index: 94567,
        }),
        supersedes: None,
    }
}
