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
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, Predicate, SizeAbove};
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_sessions::cookie::{Key, SameSite};
use tower_sessions::{Expiry, SessionManagerLayer};
use tracing::Level;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// Forms and JSON bodies are small; document uploads stream under their own limits.
const BODY_LIMIT_BYTES: usize = 1024 * 1024;
/// A 256 MiB plan from a slow phone line takes a while.
const UPLOAD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// A document upload: its body streams to storage under the per-file and per-organisation
/// limits, not the JSON limit, and it may take longer than a request usually may.
fn is_upload(request: &Request) -> bool {
    let path = request.uri().path();
    request.method() == Method::POST
        && path.starts_with("/api/v1/buildings/")
        && path.ends_with("/documents")
        && path.matches('/').count() == 5
}

/// The body limit of every request but document uploads: a declared length over it is
/// refused at once, and an undeclared body stops being read there (413 either way).
async fn limit_body(request: Request, next: Next) -> Response {
    if is_upload(&request) {
        return next.run(request).await;
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT_BYTES) {
        return crate::rest::ApiError::field_with_status(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body",
            "request.too_large",
        );
    }
    let request =
        request.map(|body| Body::new(http_body_util::Limited::new(body, BODY_LIMIT_BYTES)));
    next.run(request).await
}

/// Responses that serve byte ranges (documents) are sent as stored: compressing them would
/// make their ranges and lengths wrong.
#[derive(Clone, Copy)]
struct NotRanged;

impl Predicate for NotRanged {
    fn should_compress<B>(&self, response: &axum::http::Response<B>) -> bool
    where
        B: axum::body::HttpBody,
    {
        !response.headers().contains_key(header::ACCEPT_RANGES)
    }
}

pub fn router(state: AppState, config: &ServerConfig) -> Router {
    let routes = generate_route_list(App);
    let auth_limit = AuthRateLimit::new(config);
    let client_addr = ClientAddrRule {
        trusted_proxy_hops: config.trusted_proxy_hops,
    };
    let timeout = config.request_timeout;
    let metrics_access = MetricsAccess {
        token_hash: config
            .metrics_token
            .as_deref()
            .map(app::ssr::crypto::sha256_hex),
    };

    let session_layer = SessionManagerLayer::new(SeaOrmSessionStore::new(
        state.db.clone(),
        state.identity.clone(),
    ))
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

    let (api, openapi) = crate::rest::api();
    // leptos_routes registers every server function under its own path (`/sfn/...`).
    let pages = Router::new()
        .merge(api)
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
        .layer(middleware::from_fn(no_store_when_authenticated))
        .layer(session_layer)
        .layer(middleware::from_fn_with_state(auth_limit, rate_limit_auth));

    let hsts = state.settings.secure.then(|| {
        SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        )
    });

    let stacked = Router::new()
        .route("/readyz", get(readyz))
        .route(
            "/metrics",
            get(crate::metrics::render).layer(middleware::from_fn_with_state(
                metrics_access,
                guard_metrics,
            )),
        )
        .route("/sw.js", get(service_worker))
        .route("/oidc/jwks.json", get(client_jwks))
        .route("/offline.html", get(offline_page))
        .nest_service("/pkg", build_files(&state.leptos_options))
        .route("/api/docs", get(api_docs))
        .route("/api/v1/openapi.json", crate::rest::openapi_json(&openapi))
        .merge(pages)
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID, RequestIds::default()))
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
                                path = %loggable_path(request.uri().path()),
                            )
                        })
                        // One line per request is for debugging; failures are logged (WARN and
                        // up) inside the span, with its request id.
                        .on_response(DefaultOnResponse::new().level(Level::DEBUG)),
                )
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(middleware::from_fn(crate::metrics::track))
                .layer(CatchPanicLayer::custom(panic_response))
                .layer(middleware::from_fn(move |request: Request, next| {
                    let limit = if is_upload(&request) {
                        UPLOAD_TIMEOUT
                    } else {
                        timeout
                    };
                    within(limit, request, next)
                }))
                .layer(middleware::from_fn(scope_request_id))
                .layer(middleware::from_fn_with_state(
                    client_addr,
                    find_client_addr,
                ))
                .layer(
                    CompressionLayer::new().compress_when(
                        // Below a kilobyte compression saves less than it costs.
                        DefaultPredicate::new()
                            .and(SizeAbove::new(1024))
                            .and(NotRanged),
                    ),
                )
                .layer(middleware::from_fn(limit_body))
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
        .with_state(state);
    // Liveness is answered before the stack: a probe every few seconds from every kubelet
    // needs no request id, span, metric, timeout or headers, and must answer even when
    // something in the stack is what hangs. Readiness (`/readyz`) goes through all of it.
    Router::new().route("/healthz", get(healthz)).merge(stacked)
}

/// Request ids unique within the process (a random prefix per start, then a counter): as
/// good as a UUID for following a request through the logs, without a random draw each.
#[derive(Clone)]
struct RequestIds {
    prefix: Arc<str>,
    next: Arc<std::sync::atomic::AtomicU64>,
}

impl Default for RequestIds {
    fn default() -> Self {
        RequestIds {
            prefix: uuid::Uuid::new_v4().simple().to_string()[..12].into(),
            next: Default::default(),
        }
    }
}

impl MakeRequestId for RequestIds {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        HeaderValue::from_str(&format!("{}-{n:x}", self.prefix))
            .ok()
            .map(RequestId::new)
    }
}

/// This build's files (`/pkg`): compressed once at build time (`cargo leptos build
/// --precompress` writes `.br` and `.gz` beside each) and served outside the session and
/// CSRF layers, which have nothing to do with them. Their names carry a hash of their
/// content when the build hashed them, so they can be cached forever; else browsers
/// revalidate them (Last-Modified).
fn build_files(options: &leptos::config::LeptosOptions) -> Router {
    let dir = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let cache = if options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    Router::new()
        .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            move |response: &Response| {
                response
                    .status()
                    .is_success()
                    .then_some(HeaderValue::from_static(cache))
            },
        ))
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

/// Refuses state-changing requests whose Origin (or Referer) is another site — whether or
/// not they carry a cookie: a cross-site form posted to the login would otherwise log the
/// victim into the attacker's account (login CSRF). SameSite=Lax keeps the session cookie off
/// cross-site POSTs; this is the second, independent check OWASP recommends ("Verifying
/// Origin With Standard Headers"). Calls authenticated by a bearer token carry no ambient
/// credential and are exempt.
async fn csrf_guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let headers = request.headers();
    let bearer = !headers.contains_key(header::COOKIE)
        && headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("Bearer "));
    if safe || bearer || same_site(headers, &state.settings.public_url) {
        next.run(request).await
    } else {
        tracing::warn!(
            origin = ?headers.get(header::ORIGIN),
            host = ?headers.get(header::HOST),
            "cross-site request refused"
        );
        crate::rest::ApiError(app::domain::AppError::Forbidden).into_response()
    }
}

/// Whether a request comes from this site: its Origin (else Referer) names this host or the
/// public URL. A request with neither header comes from a client that is not a browser
/// (browsers send Origin on every cross-site POST, and Sec-Fetch-Site with it); an Origin
/// that is not a URL (`null`, from sandboxed frames and some redirects) is not this site.
fn same_site(headers: &axum::http::HeaderMap, public_url: &str) -> bool {
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER));
    let Some(source) = source else {
        return headers
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .is_none_or(|site| site == "same-origin" || site == "none");
    };
    let Some(source) = source.to_str().ok().and_then(authority_of) else {
        return false;
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    Some(source.as_str()) == host || Some(source) == authority_of(public_url)
}

/// A request path fit for the logs: the secret of a reset or invitation link is masked.
pub fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    for prefix in ["/reset-password/", "/invitations/"] {
        if let Some(rest) = path.strip_prefix(prefix)
            && !rest.is_empty()
        {
            return format!("{prefix}…").into();
        }
    }
    path.into()
}

/// Authenticated answers are personal: no cache (the browser's, a proxy's or the service
/// worker's) may keep them. The browser sends the session cookie with every request of the
/// site, build files included, so what is personal is told by what the answer is: pages,
/// JSON and CSV. This build's files, icons and styles stay cacheable.
async fn no_store_when_authenticated(request: Request, next: Next) -> Response {
    let personal = request.headers().contains_key(header::COOKIE)
        || request.headers().contains_key(header::AUTHORIZATION)
        || request.uri().path().starts_with("/api/v1/");
    let mut response = next.run(request).await;
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let data = content_type.is_empty()
        || ["text/html", "application/json", "text/csv", "text/plain"]
            .iter()
            .any(|t| content_type.starts_with(t));
    if personal && data && !response.headers().contains_key(header::CACHE_CONTROL) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// A request that takes longer than the limit is abandoned with 503 (its transaction, if
/// any, rolls back when dropped).
async fn within(limit: std::time::Duration, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(?limit, "request timed out");
            crate::rest::ApiError(app::domain::AppError::Unavailable {
                retry_after_secs: 5,
            })
            .into_response()
        }
    }
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    crate::rest::ApiError(app::domain::AppError::Internal).into_response()
}

/// The audit log records the request id of what it logs: the id travels with the request's
/// task.
async fn scope_request_id(request: Request, next: Next) -> Response {
    let id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    match id {
        Some(id) => app::ssr::REQUEST_ID.scope(id, next.run(request)).await,
        None => next.run(request).await,
    }
}

/// Who the client is, decided once per request (rate limits, throttles and logs read it).
#[derive(Clone, Copy)]
struct ClientAddrRule {
    trusted_proxy_hops: usize,
}

impl ClientAddrRule {
    /// The TCP peer, or behind `n` trusted proxies the n-th X-Forwarded-For entry from the
    /// right: the address the outermost trusted proxy saw. Entries left of it were written
    /// by the client and prove nothing.
    fn client(&self, peer: Option<IpAddr>, forwarded_for: &[&str]) -> Option<IpAddr> {
        if self.trusted_proxy_hops == 0 {
            return peer;
        }
        let hops: Vec<&str> = forwarded_for
            .iter()
            .flat_map(|h| h.split(','))
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .collect();
        if hops.len() < self.trusted_proxy_hops {
            // Fewer entries than proxies: the request did not come through all of them.
            return peer;
        }
        hops[hops.len() - self.trusted_proxy_hops]
            .parse::<IpAddr>()
            .ok()
            .or(peer)
    }
}

async fn find_client_addr(
    State(rule): State<ClientAddrRule>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    let forwarded: Vec<&str> = request
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    if let Some(ip) = rule.client(peer, &forwarded) {
        request.extensions_mut().insert(app::ssr::ClientAddr(ip));
    }
    next.run(request).await
}

#[derive(Clone)]
struct MetricsAccess {
    /// Hashes are compared, not the token, so the comparison leaks no prefix of it.
    token_hash: Option<String>,
}

/// `/metrics` tells a lot about the installation: Prometheus sends the configured bearer
/// token; without one, only loopback clients (a sidecar, an SSH tunnel) may read it.
async fn guard_metrics(
    State(access): State<MetricsAccess>,
    request: Request,
    next: Next,
) -> Response {
    let allowed = match &access.token_hash {
        Some(expected) => request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|sent| app::ssr::crypto::sha256_hex(sent) == *expected),
        None => request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .is_some_and(|info| info.0.ip().is_loopback()),
    };
    if allowed {
        next.run(request).await
    } else {
        crate::rest::ApiError(app::domain::AppError::NotFound).into_response()
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

/// Per-IP limit on the endpoints that check passwords or send mail (login, password reset
/// and change, invitation acceptance): a burst of `per_minute`, refilled evenly over a
/// minute. Over it: 429 with Retry-After. The throttles in the service are the second line,
/// per account and address.
#[derive(Clone)]
pub struct AuthRateLimit {
    limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
}

impl AuthRateLimit {
    fn new(config: &ServerConfig) -> Self {
        let per_minute = NonZeroU32::new(config.auth_rate_per_minute.max(1)).expect("positive");
        let quota = Quota::per_minute(per_minute).allow_burst(per_minute);
        AuthRateLimit {
            limiter: Arc::new(RateLimiter::keyed(quota)),
        }
    }

    fn applies_to(method: &Method, path: &str) -> bool {
        // An OpenID Connect start writes a session and a callback calls the provider: both
        // are GETs (browser redirects), limited like the POSTs that check credentials.
        if method == Method::GET {
            return path.starts_with("/api/v1/auth/oidc/");
        }
        method == Method::POST && Self::checks_credentials(path)
    }

    fn checks_credentials(path: &str) -> bool {
        path.starts_with("/sfn/auth/")
            || path == "/sfn/account/password"
            || path == "/sfn/account/second-factor/confirm"
            || path == "/api/v1/auth/login"
            || path == "/api/v1/auth/second-factor/verify"
            || path == "/api/v1/auth/second-factor/totp/confirm"
            || path == "/api/v1/auth/step-up"
            || path == "/api/v1/auth/email/confirm"
    }
}

async fn rate_limit_auth(
    State(limit): State<AuthRateLimit>,
    request: Request,
    next: Next,
) -> Response {
    if !AuthRateLimit::applies_to(request.method(), request.uri().path()) {
        return next.run(request).await;
    }
    let Some(app::ssr::ClientAddr(ip)) = request.extensions().get().copied() else {
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

/// The client's public keys, which providers fetch to check its assertions
/// (`private_key_jwt`) and to encrypt ID tokens to it.
async fn client_jwks(State(state): State<AppState>) -> Response {
    (
        [(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=300"),
        )],
        axum::Json(state.oidc.public_jwks()),
    )
        .into_response()
}

/// The service worker names this build's files so a new release replaces the cache.
async fn service_worker(State(state): State<AppState>) -> Response {
    static BODY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let body = BODY.get_or_init(|| {
        let files = crate::BuildFiles::current();
        // Hashed names change with the content; plain ones (a build without hashes) are
        // told apart by the wasm file's time and size.
        let stamp = if files.hashed {
            String::new()
        } else {
            let wasm = std::path::Path::new(state.leptos_options.site_root.as_ref())
                .join("pkg/koprogo.wasm");
            std::fs::metadata(&wasm)
                .ok()
                .and_then(|m| {
                    let secs = m
                        .modified()
                        .ok()?
                        .duration_since(std::time::UNIX_EPOCH)
                        .ok()?;
                    Some(format!("{:x}-{:x}", secs.as_secs(), m.len()))
                })
                .unwrap_or_else(|| "dev".into())
        };
        let names =
            app::ssr::crypto::sha256_hex(&format!("{}{}{}", files.js, files.wasm, files.css));
        let version = format!(
            "{}-{}{stamp}",
            env!("CARGO_PKG_VERSION"),
            names.get(..12).unwrap_or_default()
        );
        include_str!("sw.js")
            .replace("__CACHE_VERSION__", &version)
            .replace("__PKG_JS__", &files.js)
            .replace("__PKG_WASM__", &files.wasm)
            .replace("__PKG_CSS__", &files.css)
    });
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
            // A worker script's CSP governs the worker: it must be allowed to fetch the site.
            (header::CONTENT_SECURITY_POLICY, "default-src 'self'"),
        ],
        body.as_str(),
    )
        .into_response()
}

/// The page the service worker shows offline, linking this build's stylesheet.
async fn offline_page(State(state): State<AppState>) -> Response {
    static BODY: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let body = BODY.get_or_init(|| {
        let path =
            std::path::Path::new(state.leptos_options.site_root.as_ref()).join("offline.html");
        std::fs::read_to_string(path)
            .ok()
            .map(|page| page.replace("/pkg/koprogo.css", &crate::BuildFiles::current().css))
    });
    match body {
        Some(body) => ([(header::CACHE_CONTROL, "no-cache")], Html(body.clone())).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
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
    use super::*;

    #[test]
    fn the_client_is_what_the_outermost_trusted_proxy_saw() {
        let peer: Option<IpAddr> = "10.0.0.2".parse().ok();
        let ip = |s: &str| s.parse::<IpAddr>().ok();
        let direct = ClientAddrRule {
            trusted_proxy_hops: 0,
        };
        assert_eq!(
            direct.client(peer, &["6.6.6.6"]),
            peer,
            "no proxy: header ignored"
        );
        let one = ClientAddrRule {
            trusted_proxy_hops: 1,
        };
        // The client wrote "6.6.6.6"; Traefik appended the address it saw.
        assert_eq!(
            one.client(peer, &["6.6.6.6, 203.0.113.7"]),
            ip("203.0.113.7")
        );
        assert_eq!(
            one.client(peer, &["6.6.6.6", "203.0.113.7"]),
            ip("203.0.113.7")
        );
        assert_eq!(one.client(peer, &[]), peer);
        assert_eq!(one.client(peer, &["garbage"]), peer);
        let two = ClientAddrRule {
            trusted_proxy_hops: 2,
        };
        assert_eq!(
            two.client(peer, &["6.6.6.6, 198.51.100.1, 192.0.2.9"]),
            ip("198.51.100.1")
        );
        assert_eq!(two.client(peer, &["192.0.2.9"]), peer);
    }

    #[tokio::test]
    async fn a_panic_is_a_500_and_a_slow_request_a_503() {
        use tower::ServiceExt;
        let app = Router::new()
            .route(
                "/panic",
                get(|| async {
                    panic!("a bug");
                    #[allow(unreachable_code)]
                    ""
                }),
            )
            .route(
                "/slow",
                get(|| async {
                    tokio::time::sleep(std::time::Duration::from_secs(5)).await;
                    "late"
                }),
            )
            .layer(CatchPanicLayer::custom(panic_response))
            .layer(middleware::from_fn(|request, next| {
                within(std::time::Duration::from_millis(50), request, next)
            }));
        let call = |path: &'static str| {
            let app = app.clone();
            async move {
                app.oneshot(Request::get(path).body(Body::empty()).unwrap())
                    .await
                    .unwrap()
            }
        };
        let panicked = call("/panic").await;
        assert_eq!(panicked.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let slow = call("/slow").await;
        assert_eq!(slow.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(slow.headers().contains_key(header::RETRY_AFTER));
    }

    #[test]
    fn link_secrets_are_masked_in_logs() {
        assert_eq!(
            loggable_path("/reset-password/abcDEF123"),
            "/reset-password/…"
        );
        assert_eq!(loggable_path("/invitations/abcDEF123"), "/invitations/…");
        assert_eq!(loggable_path("/buildings/1"), "/buildings/1");
        assert_eq!(loggable_path("/reset-password/"), "/reset-password/");
    }

    #[test]
    fn same_site_requires_a_matching_origin() {
        let public = "https://app.koprogo.be";
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut h = axum::http::HeaderMap::new();
            for (k, v) in pairs {
                h.insert(*k, HeaderValue::from_static(v));
            }
            h
        };
        assert!(same_site(
            &headers(&[("origin", "https://app.koprogo.be")]),
            public
        ));
        assert!(same_site(
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ]),
            public
        ));
        assert!(!same_site(
            &headers(&[("origin", "https://evil.example")]),
            public
        ));
        assert!(!same_site(&headers(&[("origin", "null")]), public));
        assert!(!same_site(
            &headers(&[("sec-fetch-site", "cross-site")]),
            public
        ));
        assert!(same_site(&headers(&[]), public), "not a browser");
    }

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
