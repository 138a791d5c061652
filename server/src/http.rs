//! The HTTP application: routes (pages, server functions, REST, health, metrics, service
//! worker, API docs) and the layers around them (sessions, CSRF, rate limits, security
//! headers, compression, request ids, body limits, tracing).

use crate::ServerConfig;
use app::ssr::AppState;
use app::ssr::session_store::SeaOrmSessionStore;
use app::ui::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_sessions::cookie::{Key, SameSite};
use tower_sessions::{Expiry, SessionManagerLayer};
use tracing::Level;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// Forms and JSON bodies are small; uploads get their own routes and limits later.
const BODY_LIMIT_BYTES: usize = 1024 * 1024;

pub fn router(state: AppState, config: &ServerConfig) -> Router {
    let routes = generate_route_list(App);
    let auth_limit = AuthRateLimit::new(config);

    let session_layer = SessionManagerLayer::new(SeaOrmSessionStore::new(state.db.clone()))
        .with_name("koprogo_session")
        .with_secure(state.settings.secure)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_expiry(Expiry::OnInactivity(time::Duration::seconds(
            state.settings.session_idle.num_seconds(),
        )))
        .with_signed(Key::from(&config.session_key));

    let context_state = state.clone();
    let context = move || provide_context(context_state.clone());

    // leptos_routes registers every server function under its own path (`/sfn/...`).
    let pages = Router::new()
        .nest("/api/v1", crate::rest::router())
        .route(
            "/buildings/{id}/import",
            axum::routing::post(crate::rest::import_form),
        )
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(middleware::from_fn_with_state(state.clone(), csrf_guard))
        .layer(middleware::from_fn(page_csp))
        .layer(session_layer)
        .layer(middleware::from_fn_with_state(auth_limit, rate_limit_auth));

    let hsts = state.settings.secure.then(|| {
        SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        )
    });

    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(crate::metrics::render))
        .route("/sw.js", get(service_worker))
        .route("/api/docs", get(api_docs))
        .route("/api/v1/openapi.json", get(crate::rest::openapi_json))
        .merge(pages)
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(|request: &Request<Body>| {
                            let request_id = request
                                .headers()
                                .get(REQUEST_ID)
                                .and_then(|v| v.to_str().ok())
                                .unwrap_or_default();
                            tracing::info_span!(
                                "request",
                                request_id,
                                method = %request.method(),
                                path = %request.uri().path(),
                            )
                        })
                        .on_response(DefaultOnResponse::new().level(Level::INFO)),
                )
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(middleware::from_fn(crate::metrics::track))
                .layer(CompressionLayer::new())
                .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
                .option_layer(hsts)
                .layer(security_header(
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; frame-ancestors 'none'",
                ))
                .layer(security_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                .layer(security_header(header::X_FRAME_OPTIONS, "DENY"))
                .layer(security_header(
                    header::REFERRER_POLICY,
                    "strict-origin-when-cross-origin",
                ))
                .layer(security_header(
                    HeaderName::from_static("permissions-policy"),
                    "camera=(), microphone=(), geolocation=(), interest-cohort=()",
                ))
                .layer(security_header(
                    HeaderName::from_static("cross-origin-opener-policy"),
                    "same-origin",
                )),
        )
        .with_state(state)
}

fn security_header(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready").into_response(),
        Err(err) => {
            tracing::warn!(%err, "database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}

/// Refuses state-changing requests whose Origin (or Referer) is another site. SameSite=Lax
/// already keeps the session cookie off cross-site POSTs in current browsers; this is the
/// second, independent check OWASP recommends ("Verifying Origin With Standard Headers").
async fn csrf_guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let uses_cookies = request.headers().contains_key(header::COOKIE);
    if safe || !uses_cookies {
        return next.run(request).await;
    }
    let headers = request.headers();
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok())
        .and_then(authority_of);
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let public = authority_of(&state.settings.public_url);
    let allowed = match source {
        // Browsers send Origin on every cross-site POST; no header means a same-site or
        // non-browser client (curl, integrations).
        None => headers
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .is_none_or(|site| site != "cross-site"),
        Some(ref source) => Some(source.as_str()) == host || Some(source) == public.as_ref(),
    };
    if allowed {
        next.run(request).await
    } else {
        tracing::warn!(?source, ?host, "cross-site request refused");
        crate::rest::ApiError(app::domain::AppError::Forbidden).into_response()
    }
}

/// Pages get a CSP that admits exactly their own scripts, by the nonce the shell rendered.
async fn page_csp(mut request: Request, next: Next) -> Response {
    let slot = app::ssr::CspNonce::default();
    request.extensions_mut().insert(slot.clone());
    let mut response = next.run(request).await;
    if let Some(nonce) = slot.0.get()
        && let Ok(value) = HeaderValue::from_str(&app::ui::content_security_policy(nonce))
    {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
}

fn authority_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    Some(rest.split('/').next()?.to_owned())
}

/// Per-IP limit on the endpoints that check passwords or send mail (login, password reset,
/// invitation acceptance): a burst of `per_minute`, refilled evenly over a minute. Over it:
/// 429 with Retry-After. Account lockout (in the service) is the second, per-account line.
#[derive(Clone)]
pub struct AuthRateLimit {
    limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    trust_proxy: bool,
}

impl AuthRateLimit {
    fn new(config: &ServerConfig) -> Self {
        let per_minute = NonZeroU32::new(config.auth_rate_per_minute.max(1)).expect("positive");
        let quota = Quota::per_minute(per_minute).allow_burst(per_minute);
        AuthRateLimit {
            limiter: Arc::new(RateLimiter::keyed(quota)),
            trust_proxy: config.trust_proxy,
        }
    }

    fn applies_to(path: &str) -> bool {
        path.starts_with("/sfn/auth/") || path == "/api/v1/auth/login"
    }

    /// The client: the TCP peer, or the first X-Forwarded-For hop behind a trusted proxy.
    fn client_ip(&self, request: &Request) -> Option<IpAddr> {
        let forwarded = self
            .trust_proxy
            .then(|| {
                request
                    .headers()
                    .get("x-forwarded-for")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.split(',').next())
                    .and_then(|v| v.trim().parse::<IpAddr>().ok())
            })
            .flatten();
        forwarded.or_else(|| {
            request
                .extensions()
                .get::<ConnectInfo<SocketAddr>>()
                .map(|info| info.0.ip())
        })
    }
}

async fn rate_limit_auth(
    State(limit): State<AuthRateLimit>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::POST || !AuthRateLimit::applies_to(request.uri().path()) {
        return next.run(request).await;
    }
    let Some(ip) = limit.client_ip(&request) else {
        return next.run(request).await;
    };
    // Forget idle clients now and then so the table stays small.
    if limit.limiter.len() > 10_000 {
        limit.limiter.retain_recent();
    }
    match limit.limiter.check_key(&ip) {
        Ok(()) => next.run(request).await,
        Err(not_until) => {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            let retry_after_secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            tracing::warn!(%ip, retry_after_secs, "auth rate limit reached");
            crate::rest::ApiError(app::domain::AppError::RateLimited { retry_after_secs })
                .into_response()
        }
    }
}

/// The service worker names this build's files so a new release replaces the cache.
async fn service_worker(State(state): State<AppState>) -> Response {
    let version = build_version(&state.leptos_options.site_root);
    let body = include_str!("sw.js").replace("__CACHE_VERSION__", &version);
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
            // A worker script's CSP governs the worker: it must be allowed to fetch the site.
            (header::CONTENT_SECURITY_POLICY, "default-src 'self'"),
        ],
        body,
    )
        .into_response()
}

fn build_version(site_root: &str) -> String {
    let wasm = std::path::Path::new(site_root).join("pkg/koprogo.wasm");
    let stamp = std::fs::metadata(&wasm)
        .ok()
        .and_then(|m| {
            let modified = m.modified().ok()?;
            let secs = modified
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?
                .as_secs();
            Some(format!("{secs:x}-{:x}", m.len()))
        })
        .unwrap_or_else(|| "dev".into());
    format!("{}-{stamp}", env!("CARGO_PKG_VERSION"))
}

/// Swagger UI, served from this server (vendored from npm's swagger-ui-dist at build), so
/// the docs work offline and under a strict CSP. Swagger UI sets inline styles, hence
/// `style-src 'unsafe-inline'` on this page only.
async fn api_docs() -> Response {
    (
        [(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
             img-src 'self' data:; frame-ancestors 'none'",
        )],
        Html(include_str!("api_docs.html")),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::authority_of;

    #[test]
    fn authorities() {
        assert_eq!(
            authority_of("http://127.0.0.1:3000/x").as_deref(),
            Some("127.0.0.1:3000")
        );
        assert_eq!(
            authority_of("https://app.koprogo.be").as_deref(),
            Some("app.koprogo.be")
        );
        assert_eq!(authority_of("garbage"), None);
    }
}
