//! Argon2id password hashes, computed off the async runtime.

use argon2::{
    Argon2,
    password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash},
};

use crate::error::AppError;

/// A hash of a password nobody has, verified against when the account does not exist so that a
/// wrong email takes as long as a wrong password.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_now("not a password anyone has").expect("hashing the dummy password"));

fn hash_now(password: &str) -> Result<String, argon2::password_hash::Error> {
    // Argon2id v19 with the crate's default parameters and a random salt, as a PHC string.
    Ok(Argon2::default().hash_password(password.as_bytes())?.to_string())
}

pub async fn hash(password: domain::NewPassword) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_now(password.expose()))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)
}

/// True when `password` matches `stored`; always spends one Argon2 verification.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok()
    })
    .await
    .map_err(AppError::internal)
}

/// A readable random password for accounts created without one (shown once).
pub fn generate() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let chunks: Vec<String> = (0..4)
        .map(|_| {
            (0..5)
                .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
                .collect()
        })
        .collect();
    chunks.join("-")
}
