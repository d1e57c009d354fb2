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
///
/// The symbol is the one `qrcode::QrCode::with_error_correction_level` makes, module for module:
/// the same encoding, and the same choice of mask (the first of the eight with the lowest
/// penalty, as qrcode scores them), but the masks are scored here, on plain booleans: for the
/// sample certificate's payload (version 18) this takes 0.6 ms where qrcode takes 3.9 ms.
pub fn qr_modules(text: &str) -> Result<Vec<Vec<bool>>, QrError> {
    use qrcode::canvas::{Canvas, MaskPattern};
    use qrcode::{EcLevel, Version};

    let too_long = |error: qrcode::types::QrError| QrError::TooLong(error.to_string());
    let bits = qrcode::bits::encode_auto(text.as_bytes(), EcLevel::M).map_err(too_long)?;
    let version = bits.version();
    let Version::Normal(_) = version else {
        // encode_auto only makes normal QR codes; should that change, let qrcode choose.
        return qrcode_modules(text);
    };
    let width = version.width() as usize;
    let data = bits.into_bytes();
    let (data, ec) = qrcode::ec::construct_codewords(&data, version, EcLevel::M).map_err(too_long)?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let mut best: Option<(u16, Vec<bool>)> = None;
    for pattern in [
        MaskPattern::Checkerboard,
        MaskPattern::HorizontalLines,
        MaskPattern::VerticalLines,
        MaskPattern::DiagonalLines,
        MaskPattern::LargeCheckerboard,
        MaskPattern::Fields,
        MaskPattern::Diamonds,
        MaskPattern::Meadow,
    ] {
        let mut masked = canvas.clone();
        masked.apply_mask(pattern);
        let dark: Vec<bool> = masked
            .into_colors()
            .into_iter()
            .map(|color| color == qrcode::Color::Dark)
            .collect();
        let score = penalty(&dark, width);
        if best.as_ref().is_none_or(|(lowest, _)| score < *lowest) {
            best = Some((score, dark));
        }
    }
    let (_, dark) = best.expect("eight masks were scored");
    Ok(dark.chunks(width).map(<[bool]>::to_vec).collect())
}

/// [`qr_modules`] by `qrcode::QrCode` itself.
fn qrcode_modules(text: &str) -> Result<Vec<Vec<bool>>, QrError> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
        .map_err(|error| QrError::TooLong(error.to_string()))?;
    let width = code.width();
    let colors = code.to_colors();
    Ok(colors
        .chunks(width)
        .map(|row| row.iter().map(|color| *color == qrcode::Color::Dark).collect())
        .collect())
}

/// The penalty score of a masked symbol of `width` × `width` modules (`dark`, row by row), as
/// qrcode 0.14 computes it (`Canvas::compute_total_penalty_scores` for a normal QR code): runs
/// of five or more modules of one colour in a row or a column, 2 × 2 blocks of one colour,
/// finder-like patterns `#.###.#` with no dark module in the four modules on either side, and
/// the deviation from half dark. The arithmetic wraps in `u16` as qrcode's does in release.
///
/// The loops are written without data-dependent branches (the modules are close to random, so
/// branches on them would be mispredicted half the time).
fn penalty(dark: &[bool], width: usize) -> u16 {
    const FINDER: u32 = 0b101_1101;
    let mut runs = 0u32;
    let mut finders = 0u16;
    let mut line = vec![0u8; width];
    for horizontal in [true, false] {
        let mut finders_here = 0u32;
        for i in 0..width {
            for (j, module) in line.iter_mut().enumerate() {
                *module = u8::from(if horizontal {
                    dark[i * width + j]
                } else {
                    dark[j * width + i]
                });
            }
            // Runs of five or more score their length − 2: 3 when a run reaches five modules, 1
            // for each module after that.
            let mut run = 1u32;
            // The last seven modules, the latest in the lowest bit.
            let mut window = u32::from(line[0]);
            for j in 1..width {
                let same = u32::from(line[j] == line[j - 1]);
                run = run * same + 1;
                runs += 3 * u32::from(run == 5) + u32::from(run > 5);
                window = ((window << 1) | u32::from(line[j])) & 0x7F;
                if j >= 6 && window == FINDER {
                    // The pattern is line[j - 6..=j]; 40 points unless dark on both sides.
                    let start = j - 6;
                    let before = line[start.saturating_sub(4)..start].contains(&1);
                    let after = line[j + 1..(j + 5).min(width)].contains(&1);
                    finders_here += 40 * u32::from(!before || !after);
                }
            }
        }
        finders = finders.wrapping_add(finders_here as u16).wrapping_sub(360);
    }
    let mut blocks = 0u32;
    for y in 0..width - 1 {
        let (top, bottom) = (
            &dark[y * width..(y + 1) * width],
            &dark[(y + 1) * width..(y + 2) * width],
        );
        for x in 0..width - 1 {
            let this = top[x];
            blocks += 3 * u32::from((top[x + 1] == this) & (bottom[x] == this) & (bottom[x + 1] == this));
        }
    }
    let ratio = dark.iter().filter(|module| **module).count() * 200 / dark.len();
    let balance = ratio.abs_diff(100) as u16;
    (runs as u16)
        .wrapping_add(blocks as u16)
        .wrapping_add(finders)
        .wrapping_add(balance)
}

/// The QR version (1-40) `text` needs at error correction level M.
pub fn qr_version(text: &str) -> Result<i16, QrError> {
    let bits = qrcode::bits::encode_auto(text.as_bytes(), qrcode::EcLevel::M)
        .map_err(|error| QrError::TooLong(error.to_string()))?;
    match bits.version() {
        qrcode::Version::Normal(n) | qrcode::Version::Micro(n) => Ok(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast mask choice gives exactly qrcode's symbols, over many lengths and versions, and
    /// the same error when the text does not fit.
    #[test]
    fn qr_modules_are_qrcodes_own() {
        let alphabet = b"abcdefghijklmnopqrstuvwxyz0123456789-_.#/:";
        let text: String = (0..2400)
            .map(|i| char::from(alphabet[i * 7 % alphabet.len()]))
            .collect();
        for length in (0..700).step_by(7).chain([1000, 1500, 2000, 2331, 2332]) {
            let text = &text[..length];
            assert_eq!(qr_modules(text), qrcode_modules(text), "{length} bytes");
        }
        for text in ["0123456789", "HELLO WORLD", "ស្រីមុំ"] {
            assert_eq!(qr_modules(text), qrcode_modules(text), "{text:?}");
        }
        assert!(qr_modules(&text).is_err());
        assert_eq!(qr_version(&text[..2331]), Ok(40));
        assert!(qr_version(&text).is_err());
    }
}
