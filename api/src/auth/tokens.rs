//! Access tokens (short-lived JWTs) and refresh tokens (opaque, stored only as a SHA-256 hash).

use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::store::app_settings;

pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    pub access_ttl: Duration,
    pub refresh_ttl: Duration,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct AccessClaims {
    pub sub: Uuid,
    pub role: String,
    pub iat: i64,
    pub exp: i64,
    pub typ: String,
}

impl TokenKeys {
    pub fn new(secret: &[u8], access_ttl: Duration, refresh_ttl: Duration) -> TokenKeys {
        TokenKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            access_ttl,
            refresh_ttl,
        }
    }

    /// Uses the configured secret, else the one kept in the database (generated on first use).
    pub async fn load(
        db: &DatabaseConnection,
        configured: Option<&str>,
        access_ttl: Duration,
        refresh_ttl: Duration,
    ) -> anyhow::Result<TokenKeys> {
        let secret = match configured {
            Some(s) => s.to_owned(),
            None => stored_secret(db).await?,
        };
        anyhow::ensure!(secret.len() >= 32, "the JWT secret must be at least 32 characters long");
        Ok(TokenKeys::new(secret.as_bytes(), access_ttl, refresh_ttl))
    }

    pub fn issue_access(&self, user_id: Uuid, role: &str, now: DateTime<Utc>) -> String {
        let claims = AccessClaims {
            sub: user_id,
            role: role.to_owned(),
            iat: now.timestamp(),
            exp: (now + self.access_ttl).timestamp(),
            typ: "access".to_owned(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .expect("HS256 signing cannot fail")
    }

    /// The claims of a valid, unexpired access token.
    pub fn verify_access(&self, token: &str) -> Option<AccessClaims> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "sub"]);
        let data = jsonwebtoken::decode::<AccessClaims>(token, &self.decoding, &validation).ok()?;
        (data.claims.typ == "access").then_some(data.claims)
    }
}

const SECRET_KEY: &str = "jwt_secret";

async fn stored_secret(db: &DatabaseConnection) -> anyhow::Result<String> {
    if let Some(row) = app_settings::Entity::find_by_id(SECRET_KEY).one(db).await? {
        return Ok(row.value);
    }
    let fresh = hex::encode(random_bytes::<32>());
    // Another instance may have written one meanwhile: keep whichever landed first.
    let _ = app_settings::ActiveModel {
        key: Set(SECRET_KEY.to_owned()),
        value: Set(fresh),
    }
    .insert(db)
    .await;
    let row = app_settings::Entity::find_by_id(SECRET_KEY)
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("could not store the JWT secret"))?;
    Ok(row.value)
}

pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    rand::rng().fill_bytes(&mut buf);
    buf
}

/// A new opaque refresh token: what the client keeps, and what the database keeps.
pub fn new_refresh_token() -> (String, String) {
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<32>());
    let hash = hash_refresh_token(&token);
    (token, hash)
}

pub fn hash_refresh_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_tokens_round_trip_and_expire() {
        let keys = TokenKeys::new(&[7u8; 32], Duration::minutes(15), Duration::days(30));
        let id = Uuid::new_v4();
        let now = Utc::now();
        let token = keys.issue_access(id, "admin", now);
        assert_eq!(keys.verify_access(&token).unwrap().sub, id);
        let old = keys.issue_access(id, "admin", now - Duration::hours(1));
        assert!(keys.verify_access(&old).is_none());
        let other = TokenKeys::new(&[8u8; 32], Duration::minutes(15), Duration::days(30));
        assert!(other.verify_access(&token).is_none());
    }
}
