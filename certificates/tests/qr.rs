//! The QR payload: round trip, size, tampering, and that the modules decode to the payload.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use certificates::qr::{CompactFacts, qr_version};
use certificates::{IssuerKey, PublicKey, VerifyError, compact_payload, qr_modules, sample_facts, verify_compact};
use serde_json::Value;

fn key_id() -> String {
    format!("{}#key-2025", sample_facts().issuer.id)
}

fn key() -> IssuerKey {
    IssuerKey::from_secret_bytes([11; 32])
}

fn resolve(id: &str) -> Option<PublicKey> {
    (id == key_id()).then(|| key().public_key())
}

fn payload() -> String {
    compact_payload(&sample_facts(), &key(), &key_id()).unwrap()
}

#[test]
fn the_payload_round_trips() {
    let facts = sample_facts();
    let payload = payload();
    assert!(payload.starts_with(&format!("{}#", facts.verification_url)));
    assert!(payload.is_ascii(), "Khmer travels base64url-encoded");
    let verified = verify_compact(&payload, resolve).unwrap();
    assert_eq!(verified.verification_url, facts.verification_url);
    assert_eq!(verified.facts, CompactFacts::from_facts(&facts, &key_id()));
    assert_eq!(verified.facts.holder_km, "សុខ ស្រីមុំ");
    assert_eq!(verified.facts.holder_latin, "Sok Sreymom");
    assert_eq!(verified.facts.cqf_level, Some(2));
    assert_eq!(verified.facts.credits(), facts.qualification.credits);
    assert_eq!(verified.facts.credits().display_rounded(), "30");
    assert_eq!(verified.facts.issuer(), facts.issuer.id);
    assert_eq!(payload, self::payload(), "deterministic");
}

#[test]
fn the_payload_is_small_enough_for_paper() {
    let payload = payload();
    assert!(payload.len() < 600, "{} bytes", payload.len());
    let version = qr_version(&payload).unwrap();
    assert!(version <= 20, "version {version}");
    println!("QR payload: {} bytes, version {version}", payload.len());

    let mut allied = sample_facts();
    allied.qualification.cqf_level = None;
    let payload = compact_payload(&allied, &key(), &key_id()).unwrap();
    let verified = verify_compact(&payload, resolve).unwrap();
    assert_eq!(verified.facts.cqf_level, None);
    let json = URL_SAFE_NO_PAD
        .decode(payload.split_once('#').unwrap().1.split_once('.').unwrap().0)
        .unwrap();
    let json: Value = serde_json::from_slice(&json).unwrap();
    assert!(json.get("l").is_none(), "no level key when there is no level");
}

/// Re-encodes the payload's facts after `change`, keeping the old signature.
fn with_changed_facts(payload: &str, change: impl Fn(&mut Value)) -> String {
    let (url, rest) = payload.split_once('#').unwrap();
    let (facts, signature) = rest.split_once('.').unwrap();
    let mut json: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(facts).unwrap()).unwrap();
    change(&mut json);
    let facts = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&json).unwrap());
    format!("{url}#{facts}.{signature}")
}

#[test]
fn a_tampered_payload_fails() {
    let payload = payload();
    let changes: [fn(&mut Value); 5] = [
        |f| f["hl"] = "Sok Sreymon".into(),
        |f| f["hk"] = "សុខ ស្រីមុំា".into(),
        |f| f["c"] = 5400.into(),
        |f| f["l"] = 4.into(),
        |f| f["d"] = "2024-06-30".into(),
    ];
    for change in changes {
        let forged = with_changed_facts(&payload, change);
        assert_eq!(verify_compact(&forged, resolve).unwrap_err(), VerifyError::BadSignature);
    }
    let other_url = payload.replace("kamlang.example.gov.kh", "kamlang.example.com");
    assert_eq!(
        verify_compact(&other_url, resolve).unwrap_err(),
        VerifyError::BadSignature
    );

    let other_key = IssuerKey::from_secret_bytes([12; 32]).public_key();
    assert_eq!(
        verify_compact(&payload, |_| Some(other_key)).unwrap_err(),
        VerifyError::BadSignature
    );
    assert_eq!(
        verify_compact(&payload, |_| None).unwrap_err(),
        VerifyError::UnknownKey(key_id())
    );
    for garbage in [
        "",
        "https://x/verify/1",
        "https://x/verify/1#abc",
        "https://x/verify/1#abc.def",
    ] {
        assert!(
            matches!(verify_compact(garbage, resolve), Err(VerifyError::Malformed(_))),
            "{garbage:?}"
        );
    }
    let newer = with_changed_facts(&payload, |f| f["v"] = 2.into());
    assert!(matches!(
        verify_compact(&newer, resolve),
        Err(VerifyError::WrongCryptosuite(_))
    ));
}

/// Decodes `modules` with an independent QR reader (rqrr), drawn 4 pixels a module.
fn decode(modules: &[Vec<bool>]) -> String {
    const SCALE: usize = 4;
    const QUIET: usize = 4;
    let size = (modules.len() + 2 * QUIET) * SCALE;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| {
        let (mx, my) = ((x / SCALE).wrapping_sub(QUIET), (y / SCALE).wrapping_sub(QUIET));
        let dark = modules.get(my).and_then(|row| row.get(mx)).copied().unwrap_or(false);
        if dark { 0 } else { 255 }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1);
    grids[0].decode().unwrap().1
}

#[test]
fn the_modules_decode_to_the_payload() {
    let payload = payload();
    let modules = qr_modules(&payload).unwrap();
    assert_eq!(modules.len(), (qr_version(&payload).unwrap() as usize) * 4 + 17);
    assert!(modules.iter().all(|row| row.len() == modules.len()));
    assert_eq!(decode(&modules), payload);
}

#[test]
fn text_too_long_for_a_qr_code_is_refused() {
    assert!(qr_modules(&"x".repeat(5000)).is_err());
}
