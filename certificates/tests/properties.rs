//! Properties: any JSON object signs and verifies (also after a trip through text), and any
//! single-character change of the signature is caught.

use certificates::{
    IssuerKey, ProofOptions, PublicKey, VerifyError, compact_payload, sample_facts, sign, verify, verify_compact,
};
use proptest::prelude::*;
use serde_json::{Map, Value};

const BASE58: &str = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BASE64URL: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn key() -> IssuerKey {
    IssuerKey::from_secret_bytes([31; 32])
}

fn resolve(_: &str) -> Option<PublicKey> {
    Some(key().public_key())
}

fn options() -> ProofOptions {
    ProofOptions::assertion("did:web:example.org#key-1", "2025-06-30T09:00:00Z")
}

/// JSON values: numbers (integers within ±2^53 and finite floats), strings with Khmer and
/// escapes, arrays and objects, three levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-(1i64 << 53)..(1i64 << 53)).prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-z \u{1780}-\u{17FF}\"\\\\\u{0}-\u{1f}é€😀]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
            prop::collection::btree_map("[a-zA-Z@\u{1780}-\u{17FF}]{0,6}", inner, 0..5)
                .prop_map(|map| Value::Object(map.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn json_object() -> impl Strategy<Value = Value> {
    prop::collection::btree_map("[a-zA-Z\u{1780}-\u{17FF}]{1,6}", json_value(), 0..6).prop_map(|map| {
        let mut object: Map<String, Value> = map.into_iter().collect();
        object.remove("proof");
        Value::Object(object)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_json_object_signed_verifies(document in json_object()) {
        let signed = sign(&document, &options(), &key()).unwrap();
        prop_assert!(verify(&signed, resolve).is_ok());
        let text = serde_json::to_string(&signed).unwrap();
        let read: Value = serde_json::from_str(&text).unwrap();
        prop_assert!(verify(&read, resolve).is_ok());
    }

    #[test]
    fn any_single_change_of_the_proof_value_fails(index in 1usize..87, replacement in 0usize..58) {
        let signed = sign(&serde_json::json!({"a": "ស្រីមុំ"}), &options(), &key()).unwrap();
        let value = signed["proof"]["proofValue"].as_str().unwrap().to_string();
        let index = index % value.len();
        let index = if index == 0 { 1 } else { index };
        let new = BASE58.as_bytes()[replacement] as char;
        prop_assume!(value.as_bytes()[index] as char != new);
        let mut changed = value.clone().into_bytes();
        changed[index] = new as u8;
        let mut tampered = signed.clone();
        tampered["proof"]["proofValue"] = String::from_utf8(changed).unwrap().into();
        let result = verify(&tampered, resolve);
        prop_assert!(
            matches!(result, Err(VerifyError::BadSignature) | Err(VerifyError::Malformed(_))),
            "{result:?}"
        );
    }

    #[test]
    fn any_single_change_of_the_qr_payload_fails(index in 0usize..1000, replacement in 0usize..64) {
        let facts = sample_facts();
        let payload = compact_payload(&facts, &key(), "did:web:kamlang.example.gov.kh:providers:nisa#k").unwrap();
        let index = index % payload.len();
        let new = BASE64URL.as_bytes()[replacement];
        prop_assume!(payload.as_bytes()[index] != new);
        let mut changed = payload.clone().into_bytes();
        changed[index] = new;
        let changed = String::from_utf8(changed).unwrap();
        prop_assert!(verify_compact(&changed, resolve).is_err(), "{changed}");
    }
}
