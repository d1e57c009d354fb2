//! One error type for the service, mapped once to HTTP.
//!
//! Every error leaves as `{"error": {"code", "message", "fields"}}` with the status of DESIGN.md
//! section 6. Database messages never reach a client: they are logged and replaced by a sentence.

use std::collections::BTreeMap;

use axum::{
    Json,
    extract::{FromRequest, FromRequestParts, Request, rejection::BytesRejection},
    http::{HeaderValue, StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};
use bytes::Bytes;
use serde::{Serialize, de::DeserializeOwned};
use utoipa::ToSchema;

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// A stable snake_case code a client can branch on.
    #[schema(example = "validation_failed")]
    pub code: String,
    /// A human sentence.
    pub message: String,
    /// For input errors: each offending field and the rule it broke.
    pub fields: BTreeMap<String, String>,
}

#[derive(Debug)]
pub struct AppError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub fields: BTreeMap<String, String>,
    /// The rule each field broke (for translating field errors in the UI).
    pub field_rules: BTreeMap<String, &'static str>,
    pub retry_after_secs: Option<u64>,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            fields: BTreeMap::new(),
            field_rules: BTreeMap::new(),
            retry_after_secs: None,
        }
    }

    pub fn with_field(mut self, field: impl Into<String>, why: impl Into<String>) -> Self {
        self.fields.insert(field.into(), why.into());
        self
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// Input that parsed but broke a field rule: 400 naming each field.
    pub fn invalid(errors: impl IntoIterator<Item = domain::FieldError>) -> Self {
        let mut e = Self::bad_request("validation_failed", "Some fields are not valid.");
        for fe in errors {
            e.fields.insert(fe.field.clone(), fe.message.clone());
            e.field_rules.insert(fe.field.clone(), fe.rule);
        }
        if e.fields.len() == 1 {
            let (field, why) = e.fields.iter().next().expect("one field");
            e.message = format!("The field {field} is not valid: it {why}.");
        }
        e
    }

    pub fn unauthenticated(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, code, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", format!("No {what} was found here."))
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, code, message)
    }

    pub fn stale_version(current: i32) -> Self {
        Self::conflict(
            "stale_version",
            format!(
                "This record was changed by someone else (it is now at version {current}). Reload it and apply your change again."
            ),
        )
        .with_field("version", format!("must be the current version, {current}"))
    }

    pub fn unprocessable(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }

    /// A rule of the domain refused it: 422 naming the field, with the rule as the code.
    pub fn unprocessable_field(e: domain::FieldError) -> Self {
        Self::unprocessable(e.rule, format!("The field {} is refused: it {}.", e.field, e.message))
            .with_field(e.field, e.message)
    }

    pub fn rate_limited(code: &'static str, message: impl Into<String>, retry_after_secs: u64) -> Self {
        let mut e = Self::new(StatusCode::TOO_MANY_REQUESTS, code, message);
        e.retry_after_secs = Some(retry_after_secs.max(1));
        e
    }

    pub fn unavailable() -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "The service cannot reach its database right now. Try again in a moment.",
        )
    }

    pub fn internal(context: impl std::fmt::Display) -> Self {
        tracing::error!(error = %context, "internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "Something went wrong on our side. It has been logged.",
        )
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code.to_owned(),
                message: self.message.clone(),
                fields: self.fields.clone(),
            },
        }
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.status.as_u16(), self.code, self.message)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let retry_after = self.retry_after_secs;
        let mut response = (self.status, Json(self.body())).into_response();
        if let Some(secs) = retry_after
            && let Ok(v) = HeaderValue::from_str(&secs.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        response
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        use sea_orm::DbErr;
        match &err {
            DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => {
                tracing::warn!(error = %err, "database unavailable");
                AppError::unavailable()
            }
            // A connection that broke under a statement (the server restarted or the network
            // went): the database is unavailable, not the request wrong.
            DbErr::Query(sea_orm::RuntimeErr::SqlxError(e)) | DbErr::Exec(sea_orm::RuntimeErr::SqlxError(e))
                if connection_lost(e) =>
            {
                tracing::warn!(error = %err, "database connection lost");
                AppError::unavailable()
            }
            _ => AppError::internal(err),
        }
    }
}

/// Whether a database client error means the connection or the server is gone (as opposed to a
/// statement the server refused).
pub fn connection_lost(e: &sea_orm::sqlx::Error) -> bool {
    use sea_orm::sqlx::Error;
    match e {
        Error::Io(_)
        | Error::Tls(_)
        | Error::Protocol(_)
        | Error::PoolTimedOut
        | Error::PoolClosed
        | Error::WorkerCrashed => true,
        // SQLSTATE class 08 (connection exception) and 57 (operator intervention: the server is
        // shutting down or restarting).
        Error::Database(db) => db.code().is_some_and(|c| c.starts_with("08") || c.starts_with("57")),
        _ => false,
    }
}

impl From<domain::FieldError> for AppError {
    fn from(err: domain::FieldError) -> Self {
        AppError::invalid([err])
    }
}

impl<E: std::fmt::Display> From<sea_orm::TransactionError<E>> for AppError
where
    AppError: From<E>,
{
    fn from(err: sea_orm::TransactionError<E>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(e) => e.into(),
        }
    }
}

/// A JSON body extractor whose every rejection is an [`AppError`] naming the field and the rule:
/// malformed JSON, a wrong type, a missing or unknown field, a wrong content type, a body too large.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|m| {
                let m = m.trim().to_ascii_lowercase();
                m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))
            })
            .unwrap_or(false);
        if !is_json {
            return Err(AppError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "The request body must be JSON, sent with the header Content-Type: application/json.",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(body_rejection)?;
        parse_json(&bytes).map(ApiJson)
    }
}

pub fn body_rejection(rejection: BytesRejection) -> AppError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            "The request body is larger than this endpoint accepts.",
        )
    } else {
        AppError::bad_request("unreadable_body", "The request body could not be read.")
    }
}

/// Parses JSON with the path of the first error, so the message names the field.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(v) => {
            de.end().map_err(|e| malformed(&e))?;
            Ok(v)
        }
        Err(err) => {
            let path = err.path().to_string();
            let inner = err.into_inner();
            match inner.classify() {
                serde_json::error::Category::Data => {
                    let text = strip_position(&inner.to_string());
                    let at_root = path == ".";
                    // serde_path_to_error's path already ends at an unknown field, but stops at
                    // the parent of a missing one.
                    let field = match (unknown_field_name(&text), missing_field_name(&text)) {
                        (Some(name), _) if at_root => name,
                        (_, Some(name)) if at_root => name,
                        (_, Some(name)) => format!("{path}.{name}"),
                        _ if at_root => "body".to_owned(),
                        _ => path,
                    };
                    Err(
                        AppError::bad_request("invalid_json_value", format!("The field {field} is not valid: {text}."))
                            .with_field(field, text),
                    )
                }
                _ => Err(malformed(&inner)),
            }
        }
    }
}

fn malformed(err: &serde_json::Error) -> AppError {
    AppError::bad_request(
        "malformed_json",
        format!(
            "The request body is not valid JSON (line {}, column {}).",
            err.line(),
            err.column()
        ),
    )
}

fn strip_position(text: &str) -> String {
    match text.find(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text.to_owned(),
    }
}

fn between_backticks(text: &str, prefix: &str) -> Option<String> {
    let rest = text.strip_prefix(prefix)?;
    let end = rest.find('`')?;
    Some(rest[..end].to_owned())
}

fn unknown_field_name(text: &str) -> Option<String> {
    between_backticks(text, "unknown field `")
}

fn missing_field_name(text: &str) -> Option<String> {
    between_backticks(text, "missing field `")
}

/// Query-string extractor with rejections in the service's error format.
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de).map(ApiQuery).map_err(|err| {
            let path = err.path().to_string();
            let text = err.into_inner().to_string();
            let field = unknown_field_name(&text)
                .or_else(|| missing_field_name(&text))
                .unwrap_or(if path == "." { "query".to_owned() } else { path });
            AppError::bad_request(
                "invalid_query",
                format!("The query parameter {field} is not valid: {text}."),
            )
            .with_field(field, text)
        })
    }
}

/// Path extractor with rejections in the service's error format.
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| ApiPath(p.0))
            .map_err(|rejection| {
                AppError::bad_request(
                    "invalid_path",
                    format!("The address is not valid: {}.", rejection.body_text()),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Login {
        email: String,
        remember: Option<bool>,
    }

    #[test]
    fn names_the_field_of_a_wrong_type() {
        let err = parse_json::<Login>(br#"{"email": 42}"#).unwrap_err();
        assert_eq!(err.status, StatusCode::BAD_REQUEST);
        assert!(err.fields.contains_key("email"), "{err:?}");
    }

    #[test]
    fn names_an_unknown_field() {
        let err = parse_json::<Login>(br#"{"email": "a@b.c", "pasword": "x"}"#).unwrap_err();
        assert!(err.fields.contains_key("pasword"), "{err:?}");
    }

    #[test]
    fn names_a_missing_field() {
        let err = parse_json::<Login>(br#"{}"#).unwrap_err();
        assert!(err.fields.contains_key("email"), "{err:?}");
    }

    #[test]
    fn malformed_json_is_400_with_position() {
        let err = parse_json::<Login>(br#"{"email": "#).unwrap_err();
        assert_eq!(err.code, "malformed_json");
        let err = parse_json::<Login>(br#"{"email": "a@b.c"} trailing"#).unwrap_err();
        assert_eq!(err.code, "malformed_json");
    }
}
