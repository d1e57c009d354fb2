//! W3C Bitstring Status List v1.0: a provider's revocation list, one bit per certificate
//! (index 0 is the most significant bit of the first byte), GZIP-compressed and multibase
//! base64url-encoded (`u…`), published as a `BitstringStatusListCredential` signed like the
//! certificates.

use std::io::Write;

use base64::Engine;
use serde_json::{Value, json};

/// The smallest list the specification allows: 16 KiB, 131,072 entries (group privacy).
pub const MIN_ENTRIES: u64 = 131_072;

/// The bitstring with the bits at `revoked` set, at least [`MIN_ENTRIES`] long and grown by
/// whole 16 KiB steps to hold `highest_index`.
pub fn bitstring(revoked: &[u64], highest_index: u64) -> Vec<u8> {
    let entries = (highest_index / MIN_ENTRIES + 1) * MIN_ENTRIES;
    let mut bits = vec![0u8; (entries / 8) as usize];
    for &i in revoked {
        if let Some(byte) = bits.get_mut((i / 8) as usize) {
            *byte |= 0x80 >> (i % 8);
        }
    }
    bits
}

/// `encodedList`: GZIP, then base64url without padding, with the multibase prefix `u`.
pub fn encode(bits: &[u8]) -> String {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bits).expect("writing to memory");
    let compressed = gz.finish().expect("writing to memory");
    format!(
        "u{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(compressed)
    )
}

/// Reads an `encodedList` back into its bits (for tests and for verifiers).
pub fn decode(encoded: &str) -> Option<Vec<u8>> {
    use std::io::Read;
    let compressed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(encoded.strip_prefix('u')?)
        .ok()?;
    let mut bits = Vec::new();
    flate2::read::GzDecoder::new(&compressed[..])
        .read_to_end(&mut bits)
        .ok()?;
    Some(bits)
}

/// Whether the bit at `index` is set.
pub fn is_set(bits: &[u8], index: u64) -> bool {
    bits.get((index / 8) as usize)
        .is_some_and(|byte| byte & (0x80 >> (index % 8)) != 0)
}

/// The unsigned status list credential of a provider.
pub fn credential(list_url: &str, issuer: &str, valid_from: &str, encoded_list: &str) -> Value {
    json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": valid_from,
        "credentialSubject": {
            "id": format!("{list_url}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_list,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revoked_indexes_are_set_bits_and_the_list_is_at_least_16_kib() {
        let bits = bitstring(&[0, 9, 131_071], 131_071);
        assert_eq!(bits.len(), 16 * 1024);
        assert_eq!(bits[0], 0x80);
        assert_eq!(bits[1], 0x40);
        let decoded = decode(&encode(&bits)).unwrap();
        assert_eq!(decoded, bits);
        assert!(is_set(&decoded, 0) && is_set(&decoded, 9) && is_set(&decoded, 131_071));
        assert!(!is_set(&decoded, 1) && !is_set(&decoded, 8));
        assert_eq!(bitstring(&[], 131_072).len(), 32 * 1024, "grown in whole steps");
    }

    #[test]
    fn the_w3c_example_list_decodes_to_131072_zero_bits() {
        // From the Bitstring Status List v1.0 specification's example.
        let bits = decode("uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA").unwrap();
        assert_eq!(bits.len(), 16 * 1024);
        assert!(bits.iter().all(|b| *b == 0));
    }
}
