//! The QR code: the verification URL and, compactly, the signed core facts, so a phone can open
//! the verification page and `kamlang verify` can check a paper certificate with no network.
//!
//! # Payload
//!
//! ```text
//! {verification URL}#{base64url(JCS(facts JSON))}.{base64url(Ed25519 signature)}
//! ```
//!
//! The signature is over the UTF-8 bytes of everything before the last `.`: the URL, the `#`
//! and the encoded facts, so neither the facts nor the URL can be swapped. A phone that opens the
//! URL sends no fragment to the server. The facts JSON has short keys:
//!
//! | key | fact |
//! | --- | --- |
//! | `v` | payload version, `1` |
//! | `s` | serial |
//! | `k` | verification method id of the signing key (`{issuer id}#{key name}`) |
//! | `hk`, `hl` | holder's name in Khmer and Latin script |
//! | `q` | qualification title (English) |
//! | `l` | CQF level, absent when not a CQF level |
//! | `c` | credits, exact, in ninetieths of a credit (`domain::Credits`) |
//! | `d` | issue date `YYYY-MM-DD` |
//! | `p` | provider's name (English) |
//!
//! The sample certificate's payload is 519 bytes: a version-18 QR code (89 modules) at error
//! correction level M, which the PDF prints 41 mm wide with its quiet zone (0.42 mm a module).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use domain::{CqfLevel, Credits};
use serde::{Deserialize, Serialize};

use crate::credential::CertificateFacts;
use crate::keys::{IssuerKey, PublicKey};
use crate::proof::{VerifyError, canonicalize};

/// The payload version this module writes and reads.
pub const PAYLOAD_VERSION: u8 = 1;

/// The signed core facts carried by the QR code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompactFacts {
    /// Payload version.
    #[serde(rename = "v")]
    pub version: u8,
    /// Serial.
    #[serde(rename = "s")]
    pub serial: String,
    /// Verification method id of the signing key.
    #[serde(rename = "k")]
    pub verification_method: String,
    /// Holder's name in Khmer script.
    #[serde(rename = "hk")]
    pub holder_km: String,
    /// Holder's name in Latin script.
    #[serde(rename = "hl")]
    pub holder_latin: String,
    /// Qualification title (English).
    #[serde(rename = "q")]
    pub qualification: String,
    /// CQF level, if any.
    #[serde(rename = "l", default, skip_serializing_if = "Option::is_none")]
    pub cqf_level: Option<u8>,
    /// Credits, exact, in ninetieths of a credit.
    #[serde(rename = "c")]
    pub credits_ninetieths: u64,
    /// Issue date, `YYYY-MM-DD`.
    #[serde(rename = "d")]
    pub issue_date: String,
    /// Provider's name (English).
    #[serde(rename = "p")]
    pub provider: String,
}

impl CompactFacts {
    /// The core facts of `facts`, to be signed with the key `verification_method` names.
    pub fn from_facts(facts: &CertificateFacts, verification_method: &str) -> CompactFacts {
        CompactFacts {
            version: PAYLOAD_VERSION,
            serial: facts.serial.clone(),
            verification_method: verification_method.to_string(),
            holder_km: facts.holder.name_km(),
            holder_latin: facts.holder.name_latin(),
            qualification: facts.qualification.title_en.clone(),
            cqf_level: facts.qualification.cqf_level.map(CqfLevel::get),
            credits_ninetieths: facts.qualification.credits.ninetieths(),
            issue_date: facts.issue_date.clone(),
            provider: facts.issuer.name_en.clone(),
        }
    }

    /// The credits, exact.
    pub fn credits(&self) -> Credits {
        Credits::from_ninetieths(self.credits_ninetieths)
    }

    /// The issuer id: the verification method without its `#fragment`.
    pub fn issuer(&self) -> &str {
        self.verification_method
            .split_once('#')
            .map_or(self.verification_method.as_str(), |(issuer, _)| issuer)
    }
}

/// What a verified QR payload says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedCompact {
    /// The verification URL (the part before `#`).
    pub verification_url: String,
    /// The signed facts.
    pub facts: CompactFacts,
}

/// Why a QR payload could not be made.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum QrError {
    /// The facts do not validate.
    #[error("invalid certificate facts: {0}")]
    Facts(#[from] domain::FieldError),
    /// The text does not fit in a QR code.
    #[error("the text does not fit in a QR code: {0}")]
    TooLong(String),
    /// The facts cannot be canonicalized.
    #[error("cannot encode the facts: {0}")]
    Encoding(String),
}

/// The QR payload for `facts`, signed by `key` whose verification method id is
/// `verification_method` (see the module docs).
pub fn compact_payload(
    facts: &CertificateFacts,
    key: &IssuerKey,
    verification_method: &str,
) -> Result<String, QrError> {
    facts.validate()?;
    let compact = CompactFacts::from_facts(facts, verification_method);
    let json = serde_json::to_value(&compact).map_err(|error| QrError::Encoding(error.to_string()))?;
    let canonical = canonicalize(&json).map_err(|error| QrError::Encoding(error.to_string()))?;
    let signed = format!("{}#{}", facts.verification_url, URL_SAFE_NO_PAD.encode(canonical));
    let signature = key.sign(signed.as_bytes());
    Ok(format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature)))
}

/// Verifies a QR payload with the key `resolve` gives for its verification method (`k`). The
/// resolver decides which keys it trusts; the issuer is [`CompactFacts::issuer`].
pub fn verify_compact(
    payload: &str,
    resolve: impl Fn(&str) -> Option<PublicKey>,
) -> Result<VerifiedCompact, VerifyError> {
    let payload = payload.trim();
    let (url, _) = payload
        .split_once('#')
        .ok_or_else(|| VerifyError::Malformed("no '#' between the URL and the signed facts".into()))?;
    let (signed, signature) = payload
        .rsplit_once('.')
        .filter(|(signed, _)| signed.len() > url.len())
        .ok_or_else(|| VerifyError::Malformed("no '.' before the signature".into()))?;
    let encoded_facts = &signed[url.len() + 1..];
    let json = URL_SAFE_NO_PAD
        .decode(encoded_facts)
        .map_err(|error| VerifyError::Malformed(format!("facts are not base64url: {error}")))?;
    let signature: [u8; 64] = URL_SAFE_NO_PAD
        .decode(signature)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| VerifyError::Malformed("the signature is not 64 bytes of base64url".into()))?;
    let facts: CompactFacts =
        serde_json::from_slice(&json).map_err(|error| VerifyError::Malformed(format!("facts: {error}")))?;
    if facts.version != PAYLOAD_VERSION {
        return Err(VerifyError::WrongCryptosuite(format!(
            "QR payload version {} (expected {PAYLOAD_VERSION})",
            facts.version
        )));
    }
    let key = resolve(&facts.verification_method)
        .ok_or_else(|| VerifyError::UnknownKey(facts.verification_method.clone()))?;
    if !key.verify(signed.as_bytes(), &signature) {
        return Err(VerifyError::BadSignature);
    }
    Ok(VerifiedCompact {
        verification_url: url.to_string(),
        facts,
    })
}

/// The modules of a QR code (error correction level M) for `text`: `rows[y][x]`, `true` for
/// dark, without the quiet zone.
pub fn qr_modules(text: &str) -> Result<Vec<Vec<bool>>, QrError> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
        .map_err(|error| QrError::TooLong(error.to_string()))?;
    let width = code.width();
    let colors = code.to_colors();
    Ok(colors
        .chunks(width)
        .map(|row| row.iter().map(|color| *color == qrcode::Color::Dark).collect())
        .collect())
}

/// The QR version (1-40) `text` needs at error correction level M.
pub fn qr_version(text: &str) -> Result<i16, QrError> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
        .map_err(|error| QrError::TooLong(error.to_string()))?;
    match code.version() {
        qrcode::Version::Normal(n) | qrcode::Version::Micro(n) => Ok(n),
    }
}
