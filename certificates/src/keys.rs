//! Issuer keys: one Ed25519 key per provider, published as Multikey documents.
//!
//! A public key is written as a Multikey `publicKeyMultibase`: multibase base58btc (`z`) of the
//! multicodec `ed25519-pub` prefix `0xed 0x01` and the 32 key bytes, so it always starts with
//! `z6Mk`. A secret key is written as `secretKeyMultibase`: the same encoding of the `ed25519-priv`
//! prefix `0x80 0x26` and the 32-byte seed (`z3u2...`).
//!
//! The key *file* that the service keeps for each provider is
//! [`IssuerKey::secret_multikey_document`], a Multikey JSON document that carries both halves;
//! [`IssuerKey::from_multikey_document`] reads it back and checks that they belong together.

use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use serde_json::{Value, json};

/// The multicodec prefix of an Ed25519 public key (`ed25519-pub`, 0xed, as an unsigned varint).
pub const ED25519_PUB_PREFIX: [u8; 2] = [0xed, 0x01];
/// The multicodec prefix of an Ed25519 secret key (`ed25519-priv`, 0x1300, as an unsigned varint).
pub const ED25519_PRIV_PREFIX: [u8; 2] = [0x80, 0x26];
/// The JSON-LD context of a standalone Multikey document.
pub const MULTIKEY_CONTEXT: &str = "https://w3id.org/security/multikey/v1";

/// Why a key could not be made or read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeyError {
    /// The text is not multibase base58btc (it must start with `z`).
    #[error("not a multibase base58btc string (expected a leading 'z')")]
    NotBase58btc,
    /// The base58 part does not decode.
    #[error("invalid base58: {0}")]
    BadBase58(String),
    /// The bytes do not start with the expected multicodec prefix.
    #[error("expected the multicodec prefix {expected}")]
    WrongMulticodec {
        /// The prefix that was expected, such as `0xed01 (ed25519-pub)`.
        expected: &'static str,
    },
    /// The key has the wrong number of bytes.
    #[error("an Ed25519 key has 32 bytes, not {0}")]
    WrongLength(usize),
    /// The 32 bytes are not a valid Ed25519 public key (not a curve point, or a weak one).
    #[error("not a valid Ed25519 public key")]
    InvalidPublicKey,
    /// A Multikey document is missing a field or has the wrong type.
    #[error("invalid Multikey document: {0}")]
    BadDocument(String),
    /// A key file's public and secret halves do not belong together.
    #[error("the public key does not match the secret key")]
    Mismatch,
    /// The operating system could not supply randomness.
    #[error("no randomness from the operating system: {0}")]
    Randomness(String),
}

/// An issuer's signing key (Ed25519). Its `Debug` never shows the secret.
#[derive(Clone)]
pub struct IssuerKey {
    signing: SigningKey,
}

impl std::fmt::Debug for IssuerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuerKey")
            .field("public", &self.public_multibase())
            .finish_non_exhaustive()
    }
}

impl IssuerKey {
    /// A new key from the operating system's randomness.
    pub fn generate() -> Result<IssuerKey, KeyError> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|error| KeyError::Randomness(error.to_string()))?;
        let key = IssuerKey::from_secret_bytes(seed);
        seed.fill(0);
        Ok(key)
    }

    /// The key whose 32-byte secret (the Ed25519 seed, RFC 8032) is `seed`: the same seed always
    /// gives the same key, so tests and fixtures can supply their own.
    pub fn from_secret_bytes(seed: [u8; 32]) -> IssuerKey {
        IssuerKey {
            signing: SigningKey::from_bytes(&seed),
        }
    }

    /// The 32-byte secret (seed). Keep it as carefully as the key itself.
    pub fn secret_bytes(&self) -> [u8; 32] {
        self.signing.to_bytes()
    }

    /// The secret as a Multikey `secretKeyMultibase` (`z3u2...`).
    pub fn secret_multibase(&self) -> String {
        encode_multibase(ED25519_PRIV_PREFIX, &self.signing.to_bytes())
    }

    /// Reads a Multikey `secretKeyMultibase`.
    pub fn from_secret_multibase(text: &str) -> Result<IssuerKey, KeyError> {
        let seed = decode_multibase(text, ED25519_PRIV_PREFIX, "0x8026 (ed25519-priv)")?;
        Ok(IssuerKey::from_secret_bytes(seed))
    }

    /// The public half.
    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.signing.verifying_key())
    }

    /// The public key as a Multikey `publicKeyMultibase` (`z6Mk...`).
    pub fn public_multibase(&self) -> String {
        self.public_key().to_multibase()
    }

    /// The public Multikey document to publish (in a DID document or at the issuer's key
    /// endpoint): `{"@context", "id", "type": "Multikey", "controller", "publicKeyMultibase"}`.
    /// `id` is the verification method id that proofs name, conventionally `{controller}#{name}`.
    pub fn multikey_document(&self, controller: &str, id: &str) -> Value {
        self.public_key().multikey_document(controller, id)
    }

    /// The key file: the public Multikey document plus `secretKeyMultibase`. Never publish it;
    /// store it with mode 0600.
    pub fn secret_multikey_document(&self, controller: &str, id: &str) -> Value {
        let mut document = self.multikey_document(controller, id);
        document["secretKeyMultibase"] = Value::String(self.secret_multibase());
        document
    }

    /// Reads a key file written by [`IssuerKey::secret_multikey_document`]; when the document
    /// also has `publicKeyMultibase`, it must match the secret.
    pub fn from_multikey_document(document: &Value) -> Result<IssuerKey, KeyError> {
        check_multikey_type(document)?;
        let secret = document
            .get("secretKeyMultibase")
            .and_then(Value::as_str)
            .ok_or_else(|| KeyError::BadDocument("no secretKeyMultibase string".into()))?;
        let key = IssuerKey::from_secret_multibase(secret)?;
        if let Some(public) = document.get("publicKeyMultibase") {
            let public = public
                .as_str()
                .ok_or_else(|| KeyError::BadDocument("publicKeyMultibase is not a string".into()))?;
            if PublicKey::from_multibase(public)? != key.public_key() {
                return Err(KeyError::Mismatch);
            }
        }
        Ok(key)
    }

    /// Signs `message` (deterministic, RFC 8032).
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }
}

/// An issuer's public key (Ed25519), the thing a verifier resolves a verification method to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("PublicKey").field(&self.to_multibase()).finish()
    }
}

impl PublicKey {
    /// The key from its 32 bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Result<PublicKey, KeyError> {
        let key = VerifyingKey::from_bytes(&bytes).map_err(|_| KeyError::InvalidPublicKey)?;
        if key.is_weak() {
            return Err(KeyError::InvalidPublicKey);
        }
        Ok(PublicKey(key))
    }

    /// The 32 bytes of the key.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// Reads a Multikey `publicKeyMultibase` (`z6Mk...`).
    pub fn from_multibase(text: &str) -> Result<PublicKey, KeyError> {
        PublicKey::from_bytes(decode_multibase(text, ED25519_PUB_PREFIX, "0xed01 (ed25519-pub)")?)
    }

    /// The key as a Multikey `publicKeyMultibase` (`z6Mk...`).
    pub fn to_multibase(&self) -> String {
        encode_multibase(ED25519_PUB_PREFIX, &self.0.to_bytes())
    }

    /// The public Multikey document (see [`IssuerKey::multikey_document`]).
    pub fn multikey_document(&self, controller: &str, id: &str) -> Value {
        json!({
            "@context": MULTIKEY_CONTEXT,
            "id": id,
            "type": "Multikey",
            "controller": controller,
            "publicKeyMultibase": self.to_multibase(),
        })
    }

    /// Reads the public key of a Multikey document (its `publicKeyMultibase`).
    pub fn from_multikey_document(document: &Value) -> Result<PublicKey, KeyError> {
        check_multikey_type(document)?;
        let public = document
            .get("publicKeyMultibase")
            .and_then(Value::as_str)
            .ok_or_else(|| KeyError::BadDocument("no publicKeyMultibase string".into()))?;
        PublicKey::from_multibase(public)
    }

    /// Whether `signature` is this key's signature of `message`. Uses the strict verification
    /// rules (no small-order keys or non-canonical signatures), so one message has one valid
    /// encoding of each signature.
    pub fn verify(&self, message: &[u8], signature: &[u8; 64]) -> bool {
        let signature = ed25519_dalek::Signature::from_bytes(signature);
        self.0.verify_strict(message, &signature).is_ok()
    }
}

fn check_multikey_type(document: &Value) -> Result<(), KeyError> {
    match document.get("type").and_then(Value::as_str) {
        Some("Multikey") => Ok(()),
        _ => Err(KeyError::BadDocument("type must be \"Multikey\"".into())),
    }
}

/// `z` + base58btc(prefix || bytes).
fn encode_multibase(prefix: [u8; 2], bytes: &[u8; 32]) -> String {
    let mut buffer = Vec::with_capacity(34);
    buffer.extend_from_slice(&prefix);
    buffer.extend_from_slice(bytes);
    let text = format!("z{}", bs58::encode(&buffer).into_string());
    buffer.fill(0);
    text
}

/// The 32 key bytes of a `z`-multibase string with the given multicodec prefix.
fn decode_multibase(text: &str, prefix: [u8; 2], expected: &'static str) -> Result<[u8; 32], KeyError> {
    let base58 = text.strip_prefix('z').ok_or(KeyError::NotBase58btc)?;
    let mut bytes = bs58::decode(base58)
        .into_vec()
        .map_err(|error| KeyError::BadBase58(error.to_string()))?;
    let result = if bytes.len() < 2 || bytes[..2] != prefix {
        Err(KeyError::WrongMulticodec { expected })
    } else {
        <[u8; 32]>::try_from(&bytes[2..]).map_err(|_| KeyError::WrongLength(bytes.len() - 2))
    };
    bytes.fill(0);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_multibase_starts_with_z6mk_and_round_trips() {
        let key = IssuerKey::from_secret_bytes([7; 32]);
        let public = key.public_multibase();
        assert!(public.starts_with("z6Mk"), "{public}");
        assert_eq!(PublicKey::from_multibase(&public).unwrap(), key.public_key());
        let secret = key.secret_multibase();
        assert!(secret.starts_with("z3u2"), "{secret}");
        assert_eq!(
            IssuerKey::from_secret_multibase(&secret).unwrap().secret_bytes(),
            [7; 32]
        );
    }

    #[test]
    fn generated_keys_differ() {
        let a = IssuerKey::generate().unwrap();
        let b = IssuerKey::generate().unwrap();
        assert_ne!(a.secret_bytes(), b.secret_bytes());
    }

    #[test]
    fn wrong_prefixes_and_lengths_are_refused() {
        let key = IssuerKey::from_secret_bytes([1; 32]);
        assert_eq!(
            PublicKey::from_multibase(&key.secret_multibase()),
            Err(KeyError::WrongMulticodec {
                expected: "0xed01 (ed25519-pub)"
            })
        );
        assert!(matches!(
            IssuerKey::from_secret_multibase(&key.public_multibase()),
            Err(KeyError::WrongMulticodec { .. })
        ));
        assert_eq!(
            PublicKey::from_multibase(&key.public_multibase()[1..]),
            Err(KeyError::NotBase58btc)
        );
        let short = format!("z{}", bs58::encode([0xed, 0x01, 1, 2, 3]).into_string());
        assert_eq!(PublicKey::from_multibase(&short), Err(KeyError::WrongLength(3)));
        assert!(matches!(
            PublicKey::from_multibase("z0OIl"),
            Err(KeyError::BadBase58(_))
        ));
    }

    #[test]
    fn key_file_round_trips_and_mismatch_is_refused() {
        let key = IssuerKey::from_secret_bytes([3; 32]);
        let file = key.secret_multikey_document("did:web:example.org", "did:web:example.org#key-1");
        assert_eq!(file["type"], "Multikey");
        let read = IssuerKey::from_multikey_document(&file).unwrap();
        assert_eq!(read.public_key(), key.public_key());
        assert_eq!(PublicKey::from_multikey_document(&file).unwrap(), key.public_key());

        let mut tampered = file.clone();
        tampered["publicKeyMultibase"] = IssuerKey::from_secret_bytes([4; 32]).public_multibase().into();
        assert_eq!(
            IssuerKey::from_multikey_document(&tampered).unwrap_err(),
            KeyError::Mismatch
        );

        let public_only = key.multikey_document("did:web:example.org", "did:web:example.org#key-1");
        assert!(public_only.get("secretKeyMultibase").is_none());
        assert!(matches!(
            IssuerKey::from_multikey_document(&public_only),
            Err(KeyError::BadDocument(_))
        ));
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let key = IssuerKey::from_secret_bytes([9; 32]);
        let shown = format!("{key:?}");
        assert!(!shown.contains(&key.secret_multibase()));
        assert!(shown.contains(&key.public_multibase()));
    }
}
