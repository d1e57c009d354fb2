//! The credential: its shape, signing and verification, tampering, wrong keys, rotation.

use certificates::credential::{OB_CONTEXT, SUPERSEDES_IRI, VC_CONTEXT};
use certificates::{
    IssuerKey, ProofOptions, PublicKey, VerifyError, build_credential, sample_facts, sign, verify_credential,
};
use domain::{CqfLevel, Credits, DeliveryMode};
use serde_json::{Value, json};

const CREATED: &str = "2025-06-30T09:00:00+07:00";

fn key_id(name: &str) -> String {
    format!("{}#{name}", sample_facts().issuer.id)
}

fn signed_with(key: &IssuerKey, key_name: &str) -> Value {
    let credential = build_credential(&sample_facts()).unwrap();
    sign(&credential, &ProofOptions::assertion(key_id(key_name), CREATED), key).unwrap()
}

fn resolver(keys: Vec<(String, PublicKey)>) -> impl Fn(&str) -> Option<PublicKey> {
    move |id: &str| keys.iter().find(|(known, _)| known == id).map(|(_, key)| *key)
}

#[test]
fn the_credential_is_a_vc2_open_badge() {
    let facts = sample_facts();
    let credential = build_credential(&facts).unwrap();
    assert_eq!(credential["@context"], json!([VC_CONTEXT, OB_CONTEXT]));
    assert_eq!(
        credential["type"],
        json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    assert_eq!(credential["id"], facts.verification_url);
    assert_eq!(credential["issuer"]["id"], facts.issuer.id);
    assert_eq!(credential["issuer"]["type"], json!(["Profile"]));
    assert_eq!(
        credential["issuer"]["name"],
        json!([
            {"@value": "វិទ្យាស្ថានជាតិសង្គមកិច្ច", "@language": "km"},
            {"@value": "National Institute of Social Affairs", "@language": "en"},
        ])
    );
    assert_eq!(credential["validFrom"], "2025-06-30T00:00:00+07:00");

    let subject = &credential["credentialSubject"];
    assert_eq!(subject["type"], json!(["AchievementSubject"]));
    let identities: Vec<&str> = subject["identifier"]
        .as_array()
        .unwrap()
        .iter()
        .map(|identity| identity["identityHash"].as_str().unwrap())
        .collect();
    assert_eq!(identities, ["សុខ ស្រីមុំ", "Sok Sreymom", "W-2025-004217"]);
    assert_eq!(subject["creditsEarned"], 30);

    let achievement = &subject["achievement"];
    assert_eq!(achievement["type"], json!(["Achievement"]));
    assert_eq!(achievement["achievementType"], "Certificate");
    assert_eq!(achievement["id"], facts.qualification.id);
    assert_eq!(achievement["creditsAvailable"], 30);
    assert_eq!(achievement["name"][0]["@language"], "km");
    assert_eq!(achievement["name"][1]["@value"], facts.qualification.title_en);
    assert_eq!(achievement["fieldOfStudy"][1]["@value"], "Social Work");
    assert!(
        achievement["criteria"]["narrative"][1]["@value"]
            .as_str()
            .unwrap()
            .contains("30 credits")
    );
    let alignment = &achievement["alignment"][0];
    assert_eq!(alignment["targetCode"], "2");
    assert_eq!(alignment["targetFramework"], "Cambodia Qualifications Framework (CQF)");
    assert_eq!(
        alignment["targetUrl"],
        "https://kamlang.example.gov.kh/api/v1/reference/cqf-levels#level-2"
    );

    assert_eq!(
        credential["credentialStatus"],
        json!({
            "id": "https://kamlang.example.gov.kh/api/v1/status-lists/nisa-1#94567",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "94567",
            "statusListCredential": "https://kamlang.example.gov.kh/api/v1/status-lists/nisa-1",
        })
    );
    assert!(credential.get("supersedes").is_none());
    assert_eq!(build_credential(&facts).unwrap(), credential, "deterministic");
}

/// Every property is a term of the VC 2.0 or OB 3.0.3 context (or the inline `supersedes`), so
/// JSON-LD processors see no undefined term.
#[test]
fn every_property_is_a_defined_term() {
    const TERMS: &[&str] = &[
        // JSON-LD keywords.
        "@context",
        "@value",
        "@language",
        "id",
        "type",
        // VC 2.0.
        "issuer",
        "validFrom",
        "name",
        "description",
        "credentialSubject",
        "credentialStatus",
        "proof",
        "statusPurpose",
        "statusListIndex",
        "statusListCredential",
        // Data Integrity (in the VC 2.0 context).
        "cryptosuite",
        "created",
        "verificationMethod",
        "proofPurpose",
        "proofValue",
        // Open Badges 3.0.3.
        "achievement",
        "identifier",
        "identityType",
        "hashed",
        "identityHash",
        "creditsEarned",
        "achievementType",
        "criteria",
        "narrative",
        "creditsAvailable",
        "fieldOfStudy",
        "alignment",
        "targetType",
        "targetFramework",
        "targetCode",
        "targetName",
        "targetUrl",
        // The inline context of a replacement.
        "supersedes",
    ];
    fn walk(value: &Value, path: &str) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    if !path.contains("/@context") {
                        assert!(TERMS.contains(&key.as_str()), "undefined term {key:?} at {path}");
                    }
                    walk(child, &format!("{path}/{key}"));
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, path)),
            _ => {}
        }
    }
    let mut facts = sample_facts();
    facts.supersedes = Some("KML-2024-000001".into());
    let key = IssuerKey::from_secret_bytes([1; 32]);
    let credential = build_credential(&facts).unwrap();
    let signed = sign(&credential, &ProofOptions::assertion(key_id("key-1"), CREATED), &key).unwrap();
    walk(&signed, "");
}

#[test]
fn a_replacement_defines_supersedes_in_an_inline_context() {
    let mut facts = sample_facts();
    facts.supersedes = Some("KML-2024-000001".into());
    let credential = build_credential(&facts).unwrap();
    assert_eq!(
        credential["@context"][2],
        json!({"supersedes": {"@id": SUPERSEDES_IRI}})
    );
    assert_eq!(credential["supersedes"], "KML-2024-000001");
}

#[test]
fn the_allied_workers_certificate_has_no_cqf_alignment() {
    let mut facts = sample_facts();
    facts.qualification.cqf_level = None;
    facts.qualification.credits = Credits::from_hours(DeliveryMode::Instruction, 100);
    let credential = build_credential(&facts).unwrap();
    let achievement = &credential["credentialSubject"]["achievement"];
    assert!(achievement.get("alignment").is_none());
    // 100 hours of instruction are 6.66… credits: written rounded down, as shown.
    assert_eq!(achievement["creditsAvailable"], json!(6.6));
    assert!(
        achievement["description"][1]["@value"]
            .as_str()
            .unwrap()
            .contains("not a CQF level")
    );
}

#[test]
fn bad_facts_name_their_field() {
    type Breaker = fn(&mut certificates::CertificateFacts);
    let cases: Vec<(&str, Breaker)> = vec![
        ("serial", |f| f.serial = " ".into()),
        ("serial", |f| f.serial = "KML 1".into()),
        ("issuer.id", |f| f.issuer.id = "nisa".into()),
        ("holder.given_km", |f| f.holder.given_km = String::new()),
        ("qualification.credits", |f| f.qualification.credits = Credits::ZERO),
        ("issue_date", |f| f.issue_date = "2025-02-30".into()),
        ("issue_date", |f| f.issue_date = "30/06/2025".into()),
        ("signatories", |f| f.signatories.clear()),
        ("signatories", |f| f.signatories = vec![f.signatories[0].clone(); 3]),
        ("verification_url", |f| f.verification_url.push_str("#x")),
        ("verification_url", |f| f.verification_url = "kamlang/verify/1".into()),
        ("supersedes", |f| f.supersedes = Some(f.serial.clone())),
    ];
    for (field, break_it) in cases {
        let mut facts = sample_facts();
        break_it(&mut facts);
        let error = build_credential(&facts).unwrap_err();
        assert_eq!(error.field, field, "{error}");
    }
    let mut facts = sample_facts();
    facts.qualification.cqf_level = Some(CqfLevel::new(4).unwrap());
    facts.holder.family_km = String::new();
    assert!(build_credential(&facts).is_ok(), "a single name is allowed");
}

#[test]
fn sign_then_verify_round_trips_through_storage() {
    let key = IssuerKey::from_secret_bytes([1; 32]);
    let signed = signed_with(&key, "key-2025");
    assert_eq!(signed["proof"]["type"], "DataIntegrityProof");
    assert_eq!(signed["proof"]["cryptosuite"], "eddsa-jcs-2022");
    assert_eq!(signed["proof"]["@context"], signed["@context"]);
    let stored = serde_json::to_string_pretty(&signed).unwrap();
    let read: Value = serde_json::from_str(&stored).unwrap();
    let verified = verify_credential(&read, resolver(vec![(key_id("key-2025"), key.public_key())])).unwrap();
    assert_eq!(verified.issuer, sample_facts().issuer.id);
    assert_eq!(verified.proof.verification_method, key_id("key-2025"));
    assert_eq!(verified.proof.created.as_deref(), Some(CREATED));
    assert_eq!(signed_with(&key, "key-2025"), signed, "signing is deterministic");
}

#[test]
fn a_tampered_credential_fails() {
    let key = IssuerKey::from_secret_bytes([1; 32]);
    let signed = signed_with(&key, "key-2025");
    let resolve = resolver(vec![(key_id("key-2025"), key.public_key())]);
    let tamperings: [fn(&mut Value); 7] = [
        |c| c["credentialSubject"]["identifier"][1]["identityHash"] = "Sok Sreymon".into(),
        |c| c["credentialSubject"]["identifier"][0]["identityHash"] = "សុខ ស្រីមុំា".into(),
        |c| c["credentialSubject"]["achievement"]["creditsAvailable"] = 60.into(),
        |c| c["credentialSubject"]["creditsEarned"] = 30.5.into(),
        |c| c["validFrom"] = "2024-06-30T00:00:00+07:00".into(),
        |c| {
            c.as_object_mut().unwrap().remove("credentialStatus");
        },
        |c| c["extra"] = true.into(),
    ];
    for tamper in tamperings {
        let mut copy = signed.clone();
        tamper(&mut copy);
        assert_eq!(
            verify_credential(&copy, &resolve).unwrap_err(),
            VerifyError::BadSignature
        );
    }
}

#[test]
fn a_credential_signed_by_key_a_does_not_verify_with_key_b() {
    let a = IssuerKey::from_secret_bytes([1; 32]);
    let b = IssuerKey::from_secret_bytes([2; 32]);
    let signed = signed_with(&a, "key-2025");
    let with_b = resolver(vec![(key_id("key-2025"), b.public_key())]);
    assert_eq!(
        verify_credential(&signed, with_b).unwrap_err(),
        VerifyError::BadSignature
    );
    let unknown = resolver(vec![(key_id("key-2024"), a.public_key())]);
    assert_eq!(
        verify_credential(&signed, unknown).unwrap_err(),
        VerifyError::UnknownKey(key_id("key-2025"))
    );
}

#[test]
fn after_a_rotation_old_and_new_credentials_verify() {
    let old = IssuerKey::from_secret_bytes([1; 32]);
    let new = IssuerKey::from_secret_bytes([2; 32]);
    let before = signed_with(&old, "key-2024");
    let after = signed_with(&new, "key-2025");
    let both = resolver(vec![
        (key_id("key-2024"), old.public_key()),
        (key_id("key-2025"), new.public_key()),
    ]);
    assert_eq!(
        verify_credential(&before, &both).unwrap().proof.verification_method,
        key_id("key-2024")
    );
    assert_eq!(
        verify_credential(&after, &both).unwrap().proof.verification_method,
        key_id("key-2025")
    );
    // A resolver that dropped the old key (say, revoked) no longer verifies the old credential.
    let only_new = resolver(vec![(key_id("key-2025"), new.public_key())]);
    assert!(matches!(
        verify_credential(&before, &only_new),
        Err(VerifyError::UnknownKey(_))
    ));
    assert!(verify_credential(&after, &only_new).is_ok());
}

#[test]
fn another_providers_key_cannot_sign_for_the_issuer() {
    let other = IssuerKey::from_secret_bytes([3; 32]);
    let other_id = "did:web:kamlang.example.gov.kh:providers:ssc#key-1";
    let credential = build_credential(&sample_facts()).unwrap();
    let signed = sign(&credential, &ProofOptions::assertion(other_id, CREATED), &other).unwrap();
    let resolve = resolver(vec![(other_id.to_string(), other.public_key())]);
    assert!(
        certificates::verify(&signed, &resolve).is_ok(),
        "the signature itself is fine"
    );
    assert_eq!(
        verify_credential(&signed, &resolve).unwrap_err(),
        VerifyError::IssuerMismatch {
            verification_method: other_id.into(),
            issuer: sample_facts().issuer.id,
        }
    );
}

#[test]
fn purpose_and_context_are_checked() {
    let key = IssuerKey::from_secret_bytes([1; 32]);
    let resolve = resolver(vec![(key_id("key-1"), key.public_key())]);
    let credential = build_credential(&sample_facts()).unwrap();
    let mut options = ProofOptions::assertion(key_id("key-1"), CREATED);
    options.proof_purpose = "authentication".into();
    let signed = sign(&credential, &options, &key).unwrap();
    assert_eq!(
        verify_credential(&signed, &resolve).unwrap_err(),
        VerifyError::WrongPurpose {
            found: "authentication".into(),
            expected: "assertionMethod"
        }
    );

    let signed = signed_with(&key, "key-1");
    let mut extended = signed.clone();
    extended["@context"]
        .as_array_mut()
        .unwrap()
        .push("https://example.org/ctx".into());
    assert!(
        certificates::verify(&extended, &resolve).is_ok(),
        "the cryptosuite allows it"
    );
    assert_eq!(
        verify_credential(&extended, &resolve).unwrap_err(),
        VerifyError::ContextMismatch
    );

    let mut no_proof = signed.clone();
    no_proof.as_object_mut().unwrap().remove("proof");
    assert_eq!(
        verify_credential(&no_proof, &resolve).unwrap_err(),
        VerifyError::NoProof
    );
}
