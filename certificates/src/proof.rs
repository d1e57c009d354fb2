//! Data Integrity proofs with the cryptosuite `eddsa-jcs-2022` (W3C "Data Integrity EdDSA
//! Cryptosuites v1.0", section 3.3): Ed25519 over RFC 8785 (JCS) canonical JSON.
//!
//! Signing ([`sign`]):
//! 1. the proof configuration is `{type: "DataIntegrityProof", cryptosuite: "eddsa-jcs-2022",
//!    created, verificationMethod, proofPurpose}`, plus the document's `@context` when it has one;
//! 2. both the configuration and the unsecured document are canonicalized with JCS;
//! 3. `hashData = SHA-256(canonical configuration) || SHA-256(canonical document)` (64 bytes);
//! 4. the Ed25519 signature of `hashData` becomes `proofValue`, multibase base58btc (`z...`);
//! 5. the secured document is the unsecured one with the configuration and `proofValue` added as
//!    `proof`.
//!
//! Verifying ([`verify`]) undoes it: the proof minus `proofValue` is the configuration, the
//! document minus `proof` is the unsecured document (whose `@context` must start with the proof's
//! `@context`, which then replaces it), the hashes are recomputed and the signature checked with
//! the key that the caller's resolver returns for the proof's `verificationMethod`. Old keys stay
//! in the resolver after a rotation, so old credentials keep verifying.
//!
//! The building blocks ([`canonicalize`], [`proof_configuration`], [`hash_data`]) are public so
//! that the W3C test vectors can check every intermediate value.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::keys::{IssuerKey, PublicKey};

/// The proof type.
pub const PROOF_TYPE: &str = "DataIntegrityProof";
/// The cryptosuite this module implements.
pub const CRYPTOSUITE: &str = "eddsa-jcs-2022";
/// The proof purpose of a credential's proof.
pub const ASSERTION_METHOD: &str = "assertionMethod";

/// What the signer says about its proof. Nothing here is read from a clock: `created` is supplied
/// by the caller, so the same inputs always give the same proof.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofOptions {
    /// The id of the verification method (key) that signs, e.g. `did:web:example.org#key-2025`.
    pub verification_method: String,
    /// When the proof was made, an XML Schema `dateTimeStamp` with a time zone, e.g.
    /// `2025-06-30T09:00:00Z`.
    pub created: String,
    /// Why it was signed; `assertionMethod` for a credential.
    pub proof_purpose: String,
}

impl ProofOptions {
    /// Options for an `assertionMethod` proof, the purpose of credentials.
    pub fn assertion(verification_method: impl Into<String>, created: impl Into<String>) -> ProofOptions {
        ProofOptions {
            verification_method: verification_method.into(),
            created: created.into(),
            proof_purpose: ASSERTION_METHOD.to_string(),
        }
    }
}

/// Why a document could not be signed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ProofError {
    /// Only a JSON object can be secured.
    #[error("only a JSON object can be signed")]
    NotAnObject,
    /// The document already has a proof (proof sets and chains are not made here).
    #[error("the document already has a proof")]
    AlreadySigned,
    /// `created` is not a `dateTimeStamp` with a time zone.
    #[error("created must be an XML Schema dateTimeStamp with a time zone, not {0:?}")]
    InvalidCreated(String),
    /// The verification method or proof purpose is empty.
    #[error("{0} must not be empty")]
    Empty(&'static str),
    /// The document cannot be canonicalized (JCS refuses, e.g., numbers out of range).
    #[error("the document cannot be canonicalized: {0}")]
    Canonicalization(String),
}

/// Why a secured document does not verify. Each failure has its own variant so that a verifier
/// can tell a forgery from a document it cannot check.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VerifyError {
    /// The document has no `proof`.
    #[error("the document has no proof")]
    NoProof,
    /// The proof is not a `DataIntegrityProof` with the `eddsa-jcs-2022` cryptosuite.
    #[error("unsupported proof: {0}")]
    WrongCryptosuite(String),
    /// The resolver does not know the key the proof names.
    #[error("unknown verification method {0:?}")]
    UnknownKey(String),
    /// The signature does not match: the document or its proof was changed, or another key
    /// signed it.
    #[error("the signature does not match the document")]
    BadSignature,
    /// The proof's `@context` is not the start of the document's `@context`.
    #[error("the proof's @context does not match the document's")]
    ContextMismatch,
    /// The proof or document is not well formed (missing or mistyped fields, bad encodings).
    #[error("malformed: {0}")]
    Malformed(String),
    /// The proof is valid but its key does not belong to the credential's issuer.
    #[error("verification method {verification_method:?} is not controlled by the issuer {issuer:?}")]
    IssuerMismatch {
        /// The verification method the proof names.
        verification_method: String,
        /// The credential's issuer id.
        issuer: String,
    },
    /// The proof is valid but was made for another purpose than the one expected.
    #[error("proof purpose {found:?}, expected {expected:?}")]
    WrongPurpose {
        /// The purpose the proof states.
        found: String,
        /// The purpose the verifier expected.
        expected: &'static str,
    },
}

/// What a valid proof says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedProof {
    /// The verification method (key id) whose key verified the signature.
    pub verification_method: String,
    /// The proof's `created`, when it has one.
    pub created: Option<String>,
    /// The proof's purpose, e.g. `assertionMethod`.
    pub proof_purpose: String,
}

/// RFC 8785 (JCS) canonical form of `value`.
pub fn canonicalize(value: &Value) -> Result<String, ProofError> {
    serde_json_canonicalizer::to_string(value).map_err(|error| ProofError::Canonicalization(error.to_string()))
}

/// The proof configuration for signing `unsecured` with `options` (spec 3.3.5): the proof without
/// its value, with the document's `@context` when the document has one.
pub fn proof_configuration(unsecured: &Value, options: &ProofOptions) -> Result<Value, ProofError> {
    let document = unsecured.as_object().ok_or(ProofError::NotAnObject)?;
    if options.verification_method.trim().is_empty() {
        return Err(ProofError::Empty("verification_method"));
    }
    if options.proof_purpose.trim().is_empty() {
        return Err(ProofError::Empty("proof_purpose"));
    }
    if !is_date_time_stamp(&options.created) {
        return Err(ProofError::InvalidCreated(options.created.clone()));
    }
    let mut config = Map::new();
    config.insert("type".into(), PROOF_TYPE.into());
    config.insert("cryptosuite".into(), CRYPTOSUITE.into());
    config.insert("created".into(), options.created.clone().into());
    config.insert("verificationMethod".into(), options.verification_method.clone().into());
    config.insert("proofPurpose".into(), options.proof_purpose.clone().into());
    if let Some(context) = document.get("@context") {
        config.insert("@context".into(), context.clone());
    }
    Ok(Value::Object(config))
}

/// `SHA-256(canonical proof configuration) || SHA-256(canonical document)`, the 64 bytes that are
/// signed (spec 3.3.4).
pub fn hash_data(canonical_proof_config: &str, canonical_document: &str) -> [u8; 64] {
    let mut data = [0u8; 64];
    data[..32].copy_from_slice(&Sha256::digest(canonical_proof_config.as_bytes()));
    data[32..].copy_from_slice(&Sha256::digest(canonical_document.as_bytes()));
    data
}

/// Multibase base58btc of a signature: `z` + base58.
pub fn encode_proof_value(signature: &[u8; 64]) -> String {
    format!("z{}", bs58::encode(signature).into_string())
}

/// The signature in a `proofValue`.
pub fn decode_proof_value(proof_value: &str) -> Result<[u8; 64], VerifyError> {
    let base58 = proof_value
        .strip_prefix('z')
        .ok_or_else(|| VerifyError::Malformed("proofValue is not multibase base58btc (no leading 'z')".into()))?;
    let bytes = bs58::decode(base58)
        .into_vec()
        .map_err(|error| VerifyError::Malformed(format!("proofValue: {error}")))?;
    <[u8; 64]>::try_from(bytes.as_slice())
        .map_err(|_| VerifyError::Malformed(format!("proofValue has {} bytes, not 64", bytes.len())))
}

/// Secures `unsecured` with an `eddsa-jcs-2022` Data Integrity proof made by `key`.
pub fn sign(unsecured: &Value, options: &ProofOptions, key: &IssuerKey) -> Result<Value, ProofError> {
    if unsecured.get("proof").is_some() {
        return Err(ProofError::AlreadySigned);
    }
    let mut proof = proof_configuration(unsecured, options)?;
    let data = hash_data(&canonicalize(&proof)?, &canonicalize(unsecured)?);
    let signature = key.sign(&data);
    proof["proofValue"] = Value::String(encode_proof_value(&signature));
    let mut secured = unsecured.clone();
    secured["proof"] = proof;
    Ok(secured)
}

/// Verifies the `eddsa-jcs-2022` proof of `secured`, with `resolve` giving the public key of a
/// verification method id (or `None` when it does not know it).
///
/// This checks the cryptography only; [`crate::credential::verify_credential`] also checks that
/// the key belongs to the credential's issuer and that the purpose is `assertionMethod`.
pub fn verify(secured: &Value, resolve: impl Fn(&str) -> Option<PublicKey>) -> Result<VerifiedProof, VerifyError> {
    let document = secured
        .as_object()
        .ok_or_else(|| VerifyError::Malformed("the document is not a JSON object".into()))?;
    let proof = match document.get("proof") {
        None => return Err(VerifyError::NoProof),
        Some(Value::Object(proof)) => proof,
        // A set of one proof is the same as that proof; larger sets are not issued here.
        Some(Value::Array(proofs)) if proofs.len() == 1 && proofs[0].is_object() => {
            proofs[0].as_object().expect("checked above")
        }
        Some(Value::Array(proofs)) if proofs.is_empty() => return Err(VerifyError::NoProof),
        Some(_) => return Err(VerifyError::Malformed("proof must be one object".into())),
    };

    let proof_type = proof.get("type").and_then(Value::as_str).unwrap_or("");
    let cryptosuite = proof.get("cryptosuite").and_then(Value::as_str).unwrap_or("");
    if proof_type != PROOF_TYPE || cryptosuite != CRYPTOSUITE {
        return Err(VerifyError::WrongCryptosuite(format!(
            "type {proof_type:?}, cryptosuite {cryptosuite:?} (expected {PROOF_TYPE}, {CRYPTOSUITE})"
        )));
    }
    let text = |name: &str| -> Result<&str, VerifyError> {
        proof
            .get(name)
            .and_then(Value::as_str)
            .ok_or_else(|| VerifyError::Malformed(format!("proof.{name} must be a string")))
    };
    let verification_method = text("verificationMethod")?;
    let proof_purpose = text("proofPurpose")?;
    let signature = decode_proof_value(text("proofValue")?)?;
    let created = match proof.get("created") {
        None => None,
        Some(Value::String(created)) if is_date_time_stamp(created) => Some(created.clone()),
        Some(other) => {
            return Err(VerifyError::Malformed(format!(
                "proof.created is not a dateTimeStamp: {other}"
            )));
        }
    };

    let mut config = proof.clone();
    config.remove("proofValue");
    let mut unsecured = document.clone();
    unsecured.remove("proof");
    if let Some(proof_context) = config.get("@context") {
        if !context_starts_with(unsecured.get("@context"), proof_context) {
            return Err(VerifyError::ContextMismatch);
        }
        unsecured.insert("@context".into(), proof_context.clone());
    }

    let key = resolve(verification_method).ok_or_else(|| VerifyError::UnknownKey(verification_method.to_string()))?;
    let canonical = |value: Value| canonicalize(&value).map_err(|error| VerifyError::Malformed(error.to_string()));
    let data = hash_data(
        &canonical(Value::Object(config))?,
        &canonical(Value::Object(unsecured))?,
    );
    if !key.verify(&data, &signature) {
        return Err(VerifyError::BadSignature);
    }
    Ok(VerifiedProof {
        verification_method: verification_method.to_string(),
        created,
        proof_purpose: proof_purpose.to_string(),
    })
}

/// Whether the document's `@context` starts with all of the proof's contexts, in order.
fn context_starts_with(document_context: Option<&Value>, proof_context: &Value) -> bool {
    fn as_list(value: &Value) -> Vec<&Value> {
        match value {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        }
    }
    let Some(document_context) = document_context else {
        return false;
    };
    let document = as_list(document_context);
    let proof = as_list(proof_context);
    proof.len() <= document.len() && proof.iter().zip(&document).all(|(a, b)| a == b)
}

/// Whether `text` is an XML Schema `dateTimeStamp`: `YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)`.
pub fn is_date_time_stamp(text: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(text).is_ok()
        && text.as_bytes().get(10) == Some(&b'T')
        && text.len() >= 20
        && !text.contains(' ')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn key() -> IssuerKey {
        IssuerKey::from_secret_bytes([42; 32])
    }

    fn options() -> ProofOptions {
        ProofOptions::assertion("did:web:example.org#key-1", "2025-06-30T09:00:00Z")
    }

    #[test]
    fn created_must_have_a_time_zone() {
        for good in [
            "2025-06-30T09:00:00Z",
            "2025-06-30T09:00:00+07:00",
            "2025-06-30T09:00:00.123Z",
        ] {
            assert!(is_date_time_stamp(good), "{good}");
        }
        for bad in [
            "2025-06-30",
            "2025-06-30T09:00:00",
            "2025-06-30 09:00:00Z",
            "yesterday",
            "",
        ] {
            assert!(!is_date_time_stamp(bad), "{bad}");
        }
        let error = sign(&json!({}), &ProofOptions::assertion("k", "2025-06-30"), &key()).unwrap_err();
        assert_eq!(error, ProofError::InvalidCreated("2025-06-30".into()));
    }

    #[test]
    fn signing_refuses_non_objects_and_signed_documents() {
        assert_eq!(
            sign(&json!([1]), &options(), &key()).unwrap_err(),
            ProofError::NotAnObject
        );
        let signed = sign(&json!({"a": 1}), &options(), &key()).unwrap();
        assert_eq!(
            sign(&signed, &options(), &key()).unwrap_err(),
            ProofError::AlreadySigned
        );
        let empty = ProofOptions::assertion(" ", "2025-06-30T09:00:00Z");
        assert_eq!(
            sign(&json!({}), &empty, &key()).unwrap_err(),
            ProofError::Empty("verification_method")
        );
    }

    #[test]
    fn documents_without_context_sign_and_verify() {
        let signed = sign(&json!({"a": [1, 2.5, "x"]}), &options(), &key()).unwrap();
        assert!(signed["proof"].get("@context").is_none());
        let public = key().public_key();
        let verified = verify(&signed, |_| Some(public)).unwrap();
        assert_eq!(verified.created.as_deref(), Some("2025-06-30T09:00:00Z"));
    }

    #[test]
    fn each_failure_has_its_own_error() {
        let public = key().public_key();
        let resolve = |id: &str| (id == "did:web:example.org#key-1").then_some(public);
        let signed = sign(
            &json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "a": 1}),
            &options(),
            &key(),
        )
        .unwrap();
        assert!(verify(&signed, resolve).is_ok());

        assert_eq!(verify(&json!({"a": 1}), resolve), Err(VerifyError::NoProof));

        let mut other_suite = signed.clone();
        other_suite["proof"]["cryptosuite"] = "eddsa-rdfc-2022".into();
        assert!(matches!(
            verify(&other_suite, resolve),
            Err(VerifyError::WrongCryptosuite(_))
        ));

        let mut unknown = signed.clone();
        unknown["proof"]["verificationMethod"] = "did:web:example.org#key-9".into();
        assert_eq!(
            verify(&unknown, resolve),
            Err(VerifyError::UnknownKey("did:web:example.org#key-9".into()))
        );

        let mut tampered = signed.clone();
        tampered["a"] = 2.into();
        assert_eq!(verify(&tampered, resolve), Err(VerifyError::BadSignature));

        let mut tampered_proof = signed.clone();
        tampered_proof["proof"]["created"] = "2025-07-01T09:00:00Z".into();
        assert_eq!(verify(&tampered_proof, resolve), Err(VerifyError::BadSignature));

        let mut context = signed.clone();
        context["@context"] = json!(["https://example.org/other"]);
        assert_eq!(verify(&context, resolve), Err(VerifyError::ContextMismatch));

        let mut no_z = signed.clone();
        no_z["proof"]["proofValue"] = "abc".into();
        assert!(matches!(verify(&no_z, resolve), Err(VerifyError::Malformed(_))));

        let mut short = signed.clone();
        short["proof"]["proofValue"] = "z3yQ".into();
        assert!(matches!(verify(&short, resolve), Err(VerifyError::Malformed(_))));

        let mut missing = signed.clone();
        missing["proof"].as_object_mut().unwrap().remove("verificationMethod");
        assert!(matches!(verify(&missing, resolve), Err(VerifyError::Malformed(_))));
    }

    #[test]
    fn a_set_of_one_proof_verifies_and_extra_contexts_are_allowed() {
        let public = key().public_key();
        let signed = sign(
            &json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "a": 1}),
            &options(),
            &key(),
        )
        .unwrap();
        let mut set = signed.clone();
        set["proof"] = json!([signed["proof"].clone()]);
        assert!(verify(&set, |_| Some(public)).is_ok());
        // A document context that extends the proof's is accepted and replaced by the proof's
        // (spec 3.3.2 step 4), so the signature still covers what was signed.
        let mut extended = signed.clone();
        extended["@context"] = json!(["https://www.w3.org/ns/credentials/v2", "https://example.org/extra"]);
        assert!(verify(&extended, |_| Some(public)).is_ok());
    }
}
