//! The W3C test vectors of `eddsa-jcs-2022` ("Data Integrity EdDSA Cryptosuites v1.0"), checked
//! step by step: the key, the canonical document, the proof configuration and its canonical
//! form, both hashes, their concatenation, the signature in hex and base58btc, and the signed
//! document. The vectors are copied in `tests/vectors/` (see its NOTICE.md).

use certificates::keys::{IssuerKey, PublicKey};
use certificates::proof::{
    self, ProofOptions, VerifyError, canonicalize, decode_proof_value, encode_proof_value, hash_data,
    proof_configuration,
};
use serde_json::Value;
use sha2::{Digest, Sha256};

const UNSIGNED: &str = include_str!("vectors/unsigned.json");
const KEY_PAIR: &str = include_str!("vectors/keyPair.json");
const SPEC_KEYS: &str = include_str!("vectors/spec-keys.json");
const CANON_DOC: &str = include_str!("vectors/eddsa-jcs-2022/canonDocJCS.txt");
const PROOF_CONFIG: &str = include_str!("vectors/eddsa-jcs-2022/proofConfigJCS.json");
const PROOF_CANON: &str = include_str!("vectors/eddsa-jcs-2022/proofCanonJCS.txt");
const DOC_HASH: &str = include_str!("vectors/eddsa-jcs-2022/docHashJCS.txt");
const PROOF_HASH: &str = include_str!("vectors/eddsa-jcs-2022/proofHashJCS.txt");
const COMBINED_HASH: &str = include_str!("vectors/eddsa-jcs-2022/combinedHashJCS.txt");
const SIG_HEX: &str = include_str!("vectors/eddsa-jcs-2022/sigHexJCS.txt");
const SIG_BTC58: &str = include_str!("vectors/eddsa-jcs-2022/sigBTC58JCS.txt");
const SIGNED: &str = include_str!("vectors/eddsa-jcs-2022/signedJCS.json");

const VERIFICATION_METHOD: &str =
    "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("test vector is JSON")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn key() -> IssuerKey {
    let pair = json(KEY_PAIR);
    IssuerKey::from_secret_multibase(pair["privateKeyMultibase"].as_str().unwrap()).unwrap()
}

fn options() -> ProofOptions {
    let config = json(PROOF_CONFIG);
    ProofOptions {
        verification_method: config["verificationMethod"].as_str().unwrap().to_string(),
        created: config["created"].as_str().unwrap().to_string(),
        proof_purpose: config["proofPurpose"].as_str().unwrap().to_string(),
    }
}

#[test]
fn step_0_the_key_pair() {
    let pair = json(KEY_PAIR);
    let key = key();
    assert_eq!(key.public_multibase(), pair["publicKeyMultibase"].as_str().unwrap());
    assert_eq!(key.secret_multibase(), pair["privateKeyMultibase"].as_str().unwrap());
    let spec_keys = json(SPEC_KEYS);
    let published = &spec_keys[0];
    assert_eq!(PublicKey::from_multikey_document(published).unwrap(), key.public_key());
    let ours = key.multikey_document(
        published["controller"].as_str().unwrap(),
        published["id"].as_str().unwrap(),
    );
    for field in ["id", "type", "controller", "publicKeyMultibase"] {
        assert_eq!(ours[field], published[field], "{field}");
    }
}

#[test]
fn step_1_canonical_document() {
    assert_eq!(canonicalize(&json(UNSIGNED)).unwrap(), CANON_DOC.trim_end());
}

#[test]
fn step_2_proof_configuration_and_its_canonical_form() {
    let config = proof_configuration(&json(UNSIGNED), &options()).unwrap();
    assert_eq!(config, json(PROOF_CONFIG));
    assert_eq!(canonicalize(&config).unwrap(), PROOF_CANON.trim_end());
}

#[test]
fn step_3_both_hashes_and_their_concatenation() {
    let doc_hash = Sha256::digest(CANON_DOC.trim_end().as_bytes());
    assert_eq!(hex(&doc_hash), DOC_HASH.trim());
    let proof_hash = Sha256::digest(PROOF_CANON.trim_end().as_bytes());
    assert_eq!(hex(&proof_hash), PROOF_HASH.trim());
    let combined = hash_data(PROOF_CANON.trim_end(), CANON_DOC.trim_end());
    assert_eq!(hex(&combined), COMBINED_HASH.trim());
    // The proof configuration's hash comes first.
    assert_eq!(hex(&combined[..32]), PROOF_HASH.trim());
}

#[test]
fn step_4_signature_hex_and_base58btc() {
    let combined = hash_data(PROOF_CANON.trim_end(), CANON_DOC.trim_end());
    let signature = key().sign(&combined);
    assert_eq!(hex(&signature), SIG_HEX.trim());
    assert_eq!(encode_proof_value(&signature), SIG_BTC58.trim());
    assert_eq!(decode_proof_value(SIG_BTC58.trim()).unwrap(), signature);
    assert!(key().public_key().verify(&combined, &signature));
}

#[test]
fn step_5_signed_document_byte_for_byte_after_canonicalization() {
    let signed = proof::sign(&json(UNSIGNED), &options(), &key()).unwrap();
    assert_eq!(signed["proof"]["proofValue"], SIG_BTC58.trim());
    assert_eq!(canonicalize(&signed).unwrap(), canonicalize(&json(SIGNED)).unwrap());
    assert_eq!(signed, json(SIGNED));
}

#[test]
fn step_6_the_vector_verifies_and_its_tampered_copies_do_not() {
    let public = key().public_key();
    let resolve = |id: &str| (id == VERIFICATION_METHOD).then_some(public);
    let verified = proof::verify(&json(SIGNED), resolve).unwrap();
    assert_eq!(verified.verification_method, VERIFICATION_METHOD);
    assert_eq!(verified.created.as_deref(), Some("2023-02-24T23:36:38Z"));
    assert_eq!(verified.proof_purpose, "assertionMethod");

    let mut tampered = json(SIGNED);
    tampered["credentialSubject"]["alumniOf"] = "The School of Forgeries".into();
    assert_eq!(proof::verify(&tampered, resolve), Err(VerifyError::BadSignature));

    let other = IssuerKey::from_secret_bytes([5; 32]).public_key();
    assert_eq!(
        proof::verify(&json(SIGNED), |_| Some(other)),
        Err(VerifyError::BadSignature)
    );
}
