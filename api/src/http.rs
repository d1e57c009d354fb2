//! The HTTP application: the versioned API (with its OpenAPI document generated from the
//! handlers), the operations endpoints, the browser UI, and the middleware every request passes:
//! request ids, tracing, panic catching, security headers, CSRF protection, body limits, metrics.

use std::time::Duration;

use axum::{
    Router,
    body::Body,
    extract::{DefaultBodyLimit, Request},
    http::{HeaderName, HeaderValue, Method, StatusCode, header},
    middleware,
    response::{IntoResponse, Response},
    routing::get,
};
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer,
    csrf::{CsrfLayer, ProtectionError},
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    timeout::TimeoutLayer,
    trace::TraceLayer,
};
use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

use crate::{
    audit, auth, certificates, error::AppError, geo, mail, ops, organizations, reference, registry, state::AppState,
    training, ui, users,
};

/// The largest JSON body accepted (imports of files get their own, larger limit).
pub const JSON_BODY_LIMIT: usize = 1024 * 1024;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kamlang",
        description = "The national registry of Cambodia's social service workforce and the credential system of its training.\n\nErrors are `{\"error\": {\"code\", \"message\", \"fields\"}}`. Lists use keyset pagination (`limit`, `cursor`).",
        license(name = "Apache-2.0")
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Sign in, refresh, sign out"),
        (name = "reference", description = "CQF levels, workforce categories, delivery modes (public)"),
        (name = "geo", description = "The 2025 gazetteer of administrative units (public)"),
        (name = "organizations", description = "Employers and training providers"),
        (name = "users", description = "User accounts"),
        (name = "audit", description = "The hash-chained audit log"),
        (name = "workers", description = "The worker registry: workers, categories, postings, duplicates"),
        (name = "imports", description = "Bulk import of workers from CSV or XLSX"),
        (name = "email", description = "The email outbox"),
        (name = "training", description = "Accreditations, modules, qualifications, the credit ledger, transcripts and progress"),
        (name = "certificates", description = "Issuing, batch issuance, revocation and reissue of signed certificates; issuers and keys"),
        (name = "planning", description = "Indicators by admin unit (JSON, CSV, DHIS2), population figures, plan targets: aggregates only"),
        (name = "licensing", description = "Licence types, applications, decisions and their timeline, CPD, roster checks, employer alerts"),
        (name = "verification", description = "Public verification of certificates, status lists, keys and DID documents (rate limited)"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The OpenAPI document, generated from the handlers' annotations.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = api_router().split_for_parts().1;
    doc.merge(public_api_router().split_for_parts().1);
    doc
}

/// The public endpoints, which need no account and are rate limited per client.
fn public_api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(certificates::public_router())
        .merge(crate::licensing::public_router())
}

fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(auth::router())
        .merge(reference::router())
        .merge(geo::router())
        .merge(organizations::router())
        .merge(users::router())
        .merge(audit::router())
        .merge(registry::router())
        .merge(mail::router())
        .merge(training::router())
        .merge(certificates::router())
        .merge(crate::licensing::router())
        .merge(crate::planning::router())
}

pub fn app(state: AppState) -> Router {
    let (api, mut openapi) = api_router().split_for_parts();
    let api = api.layer(DefaultBodyLimit::max(JSON_BODY_LIMIT));
    let (public, public_doc) = public_api_router().split_for_parts();
    openapi.merge(public_doc);
    let limiter = crate::ratelimit::RateLimiter::new(state.config.public_rate_limit_per_minute);
    let public = public
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
        .layer(middleware::from_fn_with_state(limiter.clone(), crate::ratelimit::limit));

    let ops = Router::new()
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics));

    let request_id = HeaderName::from_static("x-request-id");
    Router::new()
        .merge(api)
        .merge(public)
        .merge(SwaggerUi::new("/api/docs").url("/api/v1/openapi.json", openapi))
        .merge(ops)
        .merge(ui::router(state.clone()))
        .merge(
            ui::verify_router()
                .merge(ui::register_router())
                .layer(middleware::from_fn_with_state(limiter, crate::ratelimit::limit)),
        )
        .route_layer(middleware::from_fn(ops::track))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
                    let id = req
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
                }))
                .layer(PropagateRequestIdLayer::new(request_id))
                .layer(CatchPanicLayer::custom(|_| {
                    AppError::internal("a handler panicked").into_response()
                }))
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::SERVICE_UNAVAILABLE,
                    Duration::from_secs(60),
                ))
                .layer(middleware::map_response(security_headers))
                .layer(CsrfLayer::new().with_rejection_response(csrf_rejection)),
        )
        .with_state(state)
}

fn csrf_rejection(_: ProtectionError) -> Response<Body> {
    AppError::forbidden("cross-site requests are refused: submit the form from a Kamlang page").into_response()
}

/// Security headers on every response (a handler may set its own first).
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    let defaults: [(HeaderName, &str); 5] = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; \
             object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=()",
        ),
    ];
    for (name, value) in defaults {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    response
}

async fn not_found(method: Method, req: Request) -> Response {
    let path = req.uri().path().to_owned();
    if path.starts_with("/api/") || method != Method::GET {
        AppError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("There is nothing at {method} {path}."),
        )
        .into_response()
    } else {
        ui::html_error(
            StatusCode::NOT_FOUND,
            web::Lang::default(),
            "error-not-found-title",
            "error-not-found-message",
            &path,
        )
    }
}

async fn method_not_allowed(method: Method, req: Request) -> Response {
    AppError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("{method} is not allowed on {}.", req.uri().path()),
    )
    .into_response()
}
