//! What a verifier is handed: the bytes as a credential JSON (certificates::verify_credential,
//! with a fixed key that every verification method resolves to, so that the fuzzer reaches the
//! signature check), and as a QR code's text (certificates::verify_compact).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kamlang_fuzz::verify_bytes(data);
});
