//! The certificate endpoints: thin handlers over [`super::service`], [`super::batch`],
//! [`super::keys`] and [`super::verify`].

use axum::{
    Json,
    body::Body,
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::batch::{self, Issuing, Skipped};
use super::keys;
use super::service::{self, Certificate, IssueRequest, IssuerSettings};
use super::verify::{self, CredentialCheck, VerifiedCertificate};
use crate::{
    auth::CurrentUser,
    error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult, ErrorBody},
    state::AppState,
    store::{certificates as certs, issuance_batches},
};

/// Routes that need an account.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(issue_certificate, list_certificates))
        .routes(routes!(get_certificate))
        .routes(routes!(certificate_pdf))
        .routes(routes!(certificate_credential))
        .routes(routes!(revoke_certificate))
        .routes(routes!(reissue_certificate))
        .routes(routes!(start_batch))
        .routes(routes!(get_batch))
        .routes(routes!(batch_zip))
        .routes(routes!(set_issuer))
        .routes(routes!(rotate_key))
        .routes(routes!(revoke_key))
}

/// Public routes (no account), rate limited by the caller.
pub fn public_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(verify_serial))
        .routes(routes!(verify_credential))
        .routes(routes!(issuer_keys))
        .routes(routes!(status_list))
        .routes(routes!(root_did))
        .routes(routes!(issuer_did))
}

fn issuing(state: &AppState) -> Issuing {
    Issuing::from_state(state)
}

/// Issue one certificate: 201, or 422 listing every reason it cannot be (each under the field
/// it concerns: credits, required_modules, provider, worker_status), or 409 when one is in force.
#[utoipa::path(post, path = "/api/v1/certificates", tag = "certificates", security(("bearer" = [])),
    request_body = IssueRequest,
    responses((status = 201, body = Certificate), (status = 422, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn issue_certificate(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(req): ApiJson<IssueRequest>,
) -> AppResult<(StatusCode, Json<Certificate>)> {
    let issued = service::issue_one(&issuing(&state), &user, req).await?;
    Ok((StatusCode::CREATED, Json(service::view(&state.db, &issued).await?)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct CertificateFilter {
    /// The worker whose certificates to list (a trainee's own by default).
    pub worker_id: Option<Uuid>,
}

/// A worker's certificates, newest first.
#[utoipa::path(get, path = "/api/v1/certificates", tag = "certificates", security(("bearer" = [])), params(CertificateFilter),
    responses((status = 200, body = [Certificate]), (status = 400, body = ErrorBody)))]
pub async fn list_certificates(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(filter): ApiQuery<CertificateFilter>,
) -> AppResult<Json<Vec<Certificate>>> {
    let worker = filter.worker_id.or(user.worker_id).ok_or_else(|| {
        AppError::invalid(vec![domain::FieldError::new(
            "worker_id",
            "required",
            "is required: the worker whose certificates to list",
        )])
    })?;
    let mut out = Vec::new();
    for c in service::of_worker(&state.db, &user, worker).await? {
        out.push(service::view(&state.db, &c).await?);
    }
    Ok(Json(out))
}

/// One certificate.
#[utoipa::path(get, path = "/api/v1/certificates/{serial}", tag = "certificates", security(("bearer" = [])),
    params(("serial" = String, Path)), responses((status = 200, body = Certificate), (status = 404, body = ErrorBody)))]
pub async fn get_certificate(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(serial): ApiPath<String>,
) -> AppResult<Json<Certificate>> {
    let c = service::find_visible(&state.db, &user, &serial).await?;
    Ok(Json(service::view(&state.db, &c).await?))
}

/// The PDF as issued (its SHA-256 is the one the verification shows).
pub async fn pdf_response(state: &AppState, c: &certs::Model) -> AppResult<Response> {
    let pdfs = super::issue::PdfStore::in_data_dir(&state.config.data_dir);
    let bytes = pdfs
        .read(&c.serial)
        .map_err(|e| AppError::internal(format!("the PDF of {}: {e}", c.serial)))?;
    if certificates::sha256_hex(&bytes) != c.pdf_sha256 {
        return Err(AppError::internal(format!(
            "the stored PDF of {} has been altered",
            c.serial
        )));
    }
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}.pdf\"", c.serial),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// The certificate as a PDF.
#[utoipa::path(get, path = "/api/v1/certificates/{serial}/pdf", tag = "certificates", security(("bearer" = [])),
    params(("serial" = String, Path)),
    responses((status = 200, description = "The PDF", content_type = "application/pdf"), (status = 404, body = ErrorBody)))]
pub async fn certificate_pdf(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(serial): ApiPath<String>,
) -> AppResult<Response> {
    let c = service::find_visible(&state.db, &user, &serial).await?;
    pdf_response(&state, &c).await
}

/// The signed credential (W3C VC 2.0 / Open Badges 3.0, eddsa-jcs-2022), exactly as issued.
pub fn credential_response(c: &certs::Model) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/vc+ld+json".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}.json\"", c.serial),
            ),
        ],
        c.credential.clone(),
    )
        .into_response()
}

/// The signed credential JSON.
#[utoipa::path(get, path = "/api/v1/certificates/{serial}/credential", tag = "certificates", security(("bearer" = [])),
    params(("serial" = String, Path)),
    responses((status = 200, description = "The credential", content_type = "application/vc+ld+json"), (status = 404, body = ErrorBody)))]
pub async fn certificate_credential(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(serial): ApiPath<String>,
) -> AppResult<Response> {
    let c = service::find_visible(&state.db, &user, &serial).await?;
    Ok(credential_response(&c))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Reason {
    /// Why: shown to whoever verifies the certificate.
    pub reason: String,
}

/// Revoke a certificate (its provider's registrar, or an administrator).
#[utoipa::path(post, path = "/api/v1/certificates/{serial}/revoke", tag = "certificates", security(("bearer" = [])),
    params(("serial" = String, Path)), request_body = Reason,
    responses((status = 200, body = Certificate), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn revoke_certificate(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(serial): ApiPath<String>,
    ApiJson(req): ApiJson<Reason>,
) -> AppResult<Json<Certificate>> {
    let c = service::revoke(&state.db, &user, &serial, &req.reason).await?;
    Ok(Json(service::view(&state.db, &c).await?))
}

/// Reissue after a correction: a new certificate, with a new serial, supersedes this one.
#[utoipa::path(post, path = "/api/v1/certificates/{serial}/reissue", tag = "certificates", security(("bearer" = [])),
    params(("serial" = String, Path)), request_body = Reason,
    responses((status = 201, body = Certificate), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn reissue_certificate(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(serial): ApiPath<String>,
    ApiJson(req): ApiJson<Reason>,
) -> AppResult<(StatusCode, Json<Certificate>)> {
    let c = service::reissue(&issuing(&state), &user, &serial, &req.reason).await?;
    Ok((StatusCode::CREATED, Json(service::view(&state.db, &c).await?)))
}

/// A batch issuance job and its progress.
#[derive(Debug, Serialize, ToSchema)]
pub struct Batch {
    pub id: Uuid,
    pub cohort_id: Uuid,
    /// queued, running, finished or failed.
    pub state: String,
    pub total: i64,
    pub issued: i64,
    pub skipped: i64,
    pub failed: i64,
    /// Whole percent of the trainees dealt with.
    pub percent: u8,
    /// Who was skipped, and why.
    pub skipped_trainees: Vec<Skipped>,
    pub error: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub finished_at: Option<chrono::DateTime<chrono::Utc>>,
    /// All PDFs of the batch as one zip (when finished).
    pub zip_url: Option<String>,
}

impl From<issuance_batches::Model> for Batch {
    fn from(b: issuance_batches::Model) -> Self {
        let dealt = (b.issued + b.skipped + b.failed).max(0);
        let percent = if b.total > 0 {
            ((dealt * 100) / b.total).clamp(0, 100) as u8
        } else if b.state == "finished" {
            100
        } else {
            0
        };
        Batch {
            zip_url: (b.state == "finished").then(|| format!("/api/v1/certificates/batches/{}/pdfs.zip", b.id)),
            id: b.id,
            cohort_id: b.cohort_id,
            total: b.total,
            issued: b.issued,
            skipped: b.skipped,
            failed: b.failed,
            percent,
            skipped_trainees: serde_json::from_str(&b.report).unwrap_or_default(),
            error: b.error,
            created_at: b.created_at,
            finished_at: b.finished_at,
            state: b.state,
        }
    }
}

/// Issue the certificates of every eligible trainee of a cohort, in the background: 202 with the
/// job; if one is already queued or running for the cohort, 200 with that one.
#[utoipa::path(post, path = "/api/v1/cohorts/{id}/certificates", tag = "certificates", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 202, body = Batch), (status = 200, body = Batch), (status = 404, body = ErrorBody)))]
pub async fn start_batch(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<(StatusCode, Json<Batch>)> {
    let (created, b) = batch::start(&state.db, &user, id).await?;
    let status = if created { StatusCode::ACCEPTED } else { StatusCode::OK };
    Ok((status, Json(b.into())))
}

async fn visible_batch(state: &AppState, user: &CurrentUser, id: Uuid) -> AppResult<issuance_batches::Model> {
    let b = issuance_batches::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("batch"))?;
    crate::training::cohorts::writable(&state.db, user, b.cohort_id).await?;
    Ok(b)
}

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// A batch's progress and report.
#[utoipa::path(get, path = "/api/v1/certificates/batches/{id}", tag = "certificates", security(("bearer" = [])),
    params(("id" = Uuid, Path)), responses((status = 200, body = Batch), (status = 404, body = ErrorBody)))]
pub async fn get_batch(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Batch>> {
    Ok(Json(visible_batch(&state, &user, id).await?.into()))
}

/// Every PDF of a finished batch, as one zip, streamed.
#[utoipa::path(get, path = "/api/v1/certificates/batches/{id}/pdfs.zip", tag = "certificates", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, description = "The zip", content_type = "application/zip"), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn batch_zip(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Response> {
    let b = visible_batch(&state, &user, id).await?;
    if b.state != "finished" {
        return Err(AppError::conflict("batch_not_finished", "The batch is still running."));
    }
    let serials: Vec<String> = certs::Entity::find()
        .filter(certs::Column::BatchId.eq(b.id))
        .order_by_asc(certs::Column::Serial)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|c| c.serial)
        .collect();
    let pdfs = super::issue::PdfStore::in_data_dir(&state.config.data_dir);
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"certificates-{}.zip\"", b.id),
            ),
        ],
        Body::from_stream(zip_stream(pdfs, serials)),
    )
        .into_response())
}

/// Writes the zip on a blocking thread and hands it over in pieces, so that a batch of thousands
/// of PDFs never sits in memory whole.
fn zip_stream(
    pdfs: super::issue::PdfStore,
    serials: Vec<String>,
) -> impl futures_util::Stream<Item = Result<bytes::Bytes, std::io::Error>> {
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<bytes::Bytes, std::io::Error>>(8);
    tokio::task::spawn_blocking(move || {
        struct ChannelWriter(tokio::sync::mpsc::Sender<Result<bytes::Bytes, std::io::Error>>);
        impl std::io::Write for ChannelWriter {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.0
                    .blocking_send(Ok(bytes::Bytes::copy_from_slice(buf)))
                    .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client left"))?;
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let writer = std::io::BufWriter::with_capacity(256 * 1024, ChannelWriter(sender.clone()));
        let mut zip = zip::ZipWriter::new_stream(writer);
        // PDFs are compressed already: stored as they are.
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let result = (|| -> std::io::Result<()> {
            for serial in &serials {
                let bytes = pdfs.read(serial)?;
                zip.start_file(format!("{serial}.pdf"), options)
                    .map_err(std::io::Error::other)?;
                std::io::Write::write_all(&mut zip, &bytes)?;
            }
            let mut inner = zip.finish().map_err(std::io::Error::other)?;
            std::io::Write::flush(&mut inner)?;
            Ok(())
        })();
        if let Err(e) = result {
            let _ = sender.blocking_send(Err(e));
        }
    });
    futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|item| (item, receiver))
    })
}

/// Set a training provider up to issue certificates: serial prefix and signatories
/// (administrators).
#[utoipa::path(put, path = "/api/v1/issuers/{provider}", tag = "certificates", security(("bearer" = [])),
    params(("provider" = Uuid, Path)), request_body = IssuerSettings,
    responses((status = 200, body = IssuerSettings), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn set_issuer(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(provider): ApiPath<Uuid>,
    ApiJson(req): ApiJson<IssuerSettings>,
) -> AppResult<Json<IssuerSettings>> {
    let saved = service::set_issuer(&state.db, &user, provider, req).await?;
    Ok(Json(IssuerSettings {
        serial_prefix: saved.serial_prefix,
        signatories: serde_json::from_str(&saved.signatories).unwrap_or_default(),
    }))
}

fn require_admin(user: &CurrentUser) -> AppResult<()> {
    if user.role == domain::Role::Admin {
        Ok(())
    } else {
        Err(AppError::forbidden("signing keys are managed by an administrator"))
    }
}

/// Generate a provider's next signing key and make it the active one (administrators); the
/// previous key is retired and still verifies what it signed.
#[utoipa::path(post, path = "/api/v1/issuers/{provider}/keys", tag = "certificates", security(("bearer" = [])),
    params(("provider" = Uuid, Path)),
    responses((status = 201, description = "The new key's public Multikey document"), (status = 403, body = ErrorBody)))]
pub async fn rotate_key(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(provider): ApiPath<Uuid>,
) -> AppResult<(StatusCode, Json<Value>)> {
    require_admin(&user)?;
    let files = keys::KeyFiles::in_data_dir(&state.config.data_dir);
    let key = keys::generate(&state.db, &files, &state.config.public_url, provider, &user.actor()).await?;
    Ok((StatusCode::CREATED, Json(keys::public_document(&key))))
}

/// Revoke a provider's key (administrators): its certificates show as signed with a revoked key.
#[utoipa::path(post, path = "/api/v1/issuers/{provider}/keys/{name}/revoke", tag = "certificates", security(("bearer" = [])),
    params(("provider" = Uuid, Path), ("name" = String, Path)), request_body = Reason,
    responses((status = 200, description = "The key's public Multikey document"), (status = 403, body = ErrorBody)))]
pub async fn revoke_key(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((provider, name)): ApiPath<(Uuid, String)>,
    ApiJson(req): ApiJson<Reason>,
) -> AppResult<Json<Value>> {
    require_admin(&user)?;
    let key = keys::revoke(&state.db, provider, &name, &req.reason, &user.actor()).await?;
    Ok(Json(keys::public_document(&key)))
}

/// A provider's public keys as Multikey documents, with their standing (public).
#[utoipa::path(get, path = "/api/v1/issuers/{provider}/keys", tag = "verification",
    params(("provider" = Uuid, Path)), responses((status = 200, description = "Multikey documents")))]
pub async fn issuer_keys(State(state): State<AppState>, ApiPath(provider): ApiPath<Uuid>) -> AppResult<Json<Value>> {
    let list = keys::keys_of(&state.db, provider).await?;
    Ok(Json(Value::Array(list.iter().map(keys::public_document).collect())))
}

/// NISA's DID document (did:web), the national trust anchor (public).
#[utoipa::path(get, path = "/.well-known/did.json", tag = "verification",
    responses((status = 200, description = "The DID document")))]
pub async fn root_did(State(state): State<AppState>) -> AppResult<Json<Value>> {
    let nisa: Uuid = migration::NISA_ID.parse().map_err(AppError::internal)?;
    let list = keys::keys_of(&state.db, nisa).await?;
    Ok(Json(keys::did_document(&state.config.public_url, nisa, &list)))
}

/// A partner provider's DID document (did:web) (public).
#[utoipa::path(get, path = "/issuers/{provider}/did.json", tag = "verification",
    params(("provider" = Uuid, Path)), responses((status = 200, description = "The DID document"), (status = 404, body = ErrorBody)))]
pub async fn issuer_did(State(state): State<AppState>, ApiPath(provider): ApiPath<Uuid>) -> AppResult<Json<Value>> {
    let list = keys::keys_of(&state.db, provider).await?;
    if list.is_empty() {
        return Err(AppError::not_found("issuer"));
    }
    Ok(Json(keys::did_document(&state.config.public_url, provider, &list)))
}

/// A provider's revocation list: a signed W3C BitstringStatusListCredential (public).
#[utoipa::path(get, path = "/api/v1/status-lists/{provider}", tag = "verification",
    params(("provider" = Uuid, Path)), responses((status = 200, description = "The status list credential")))]
pub async fn status_list(State(state): State<AppState>, ApiPath(provider): ApiPath<Uuid>) -> AppResult<Response> {
    let files = keys::KeyFiles::in_data_dir(&state.config.data_dir);
    let list = verify::status_list(&state.db, &files, &state.config.public_url, provider).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/vc+ld+json"),
            (header::CACHE_CONTROL, "public, max-age=60"),
        ],
        list.to_string(),
    )
        .into_response())
}

/// Verify a certificate by its serial (public, rate limited): the holder's names, the
/// qualification, level, credits, provider, issue date, status and the PDF's hash. Counted.
#[utoipa::path(get, path = "/api/v1/verify/{serial}", tag = "verification",
    params(("serial" = String, Path)),
    responses((status = 200, body = VerifiedCertificate), (status = 404, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn verify_serial(
    State(state): State<AppState>,
    ApiPath(serial): ApiPath<String>,
) -> AppResult<Json<VerifiedCertificate>> {
    verify::by_serial(&state.db, &state.verification_reads, &state.verifications, &serial)
        .await?
        .map(Json)
        .ok_or_else(|| AppError::not_found("certificate"))
}

/// Check a credential JSON's proof and status (the credential as downloaded, as the body), or a
/// QR code's text (`{"qr": "…"}`) (public, rate limited).
#[utoipa::path(post, path = "/api/v1/verify", tag = "verification",
    request_body(content = Object, description = "A credential JSON, or {\"qr\": \"the QR code's text\"}"),
    responses((status = 200, body = CredentialCheck), (status = 400, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn verify_credential(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<Value>,
) -> AppResult<Json<CredentialCheck>> {
    let url = &state.config.public_url;
    match body.as_object() {
        Some(o) if o.len() == 1 && o.contains_key("qr") => match o["qr"].as_str() {
            Some(qr) => Ok(Json(
                verify::check_qr(&state.db, &state.verification_reads, &state.verifications, url, qr).await?,
            )),
            None => Err(AppError::invalid(vec![domain::FieldError::new(
                "qr",
                "type",
                "must be the QR code's text",
            )])),
        },
        Some(_) => Ok(Json(
            verify::check_credential(&state.db, &state.verification_reads, &state.verifications, url, &body).await?,
        )),
        None => Err(AppError::invalid(vec![domain::FieldError::new(
            "body",
            "type",
            "must be a credential (a JSON object) or {\"qr\": \"…\"}",
        )])),
    }
}
