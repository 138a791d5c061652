//! Prometheus metrics: request counts and latency histograms by route and status, and the
//! database pool's usage, rendered at `/metrics`.

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock, RwLock};
use std::time::Instant;

/// The `metrics` facade has one recorder per process by design; tests start several servers
/// in one process, so it is installed once and shared.
fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        PrometheusBuilder::new()
            .set_buckets_for_metric(
                Matcher::Full("http_request_duration_seconds".into()),
                &[
                    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                ],
            )
            .expect("valid buckets")
            .install_recorder()
            .expect("the metrics recorder is installed once")
    })
}

pub fn init() {
    let _ = handle();
}

/// Records every request under its route template (`/api/v1/organizations/{id}`), never the
/// raw path, so the number of series stays bounded. The counter and histogram of each
/// (route, method, status) are registered once and kept: a request allocates no label.
pub async fn track(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().cloned();
    let method = method_label(request.method());
    let started = Instant::now();
    let response = next.run(request).await;
    let route = match &route {
        Some(path) => path.as_str(),
        None if response.status() == axum::http::StatusCode::NOT_FOUND => "unmatched",
        // The fallback serves pages and files without a route template.
        None => "fallback",
    };
    let (counter, histogram) = series(route, method, response.status().as_u16());
    counter.increment(1);
    histogram.record(started.elapsed().as_secs_f64());
    response
}

type Series = (metrics::Counter, metrics::Histogram);

/// Route → (method, status) → its series. Routes and methods are bounded (templates and
/// `method_label`), statuses by HTTP.
type ByRoute = HashMap<String, Vec<(&'static str, u16, Series)>>;
static SERIES: LazyLock<RwLock<ByRoute>> = LazyLock::new(Default::default);

fn series(route: &str, method: &'static str, status: u16) -> Series {
    let find = |map: &ByRoute| {
        map.get(route)?
            .iter()
            .find(|(m, s, _)| *m == method && *s == status)
            .map(|(_, _, series)| series.clone())
    };
    if let Some(found) = find(&SERIES.read().unwrap_or_else(|e| e.into_inner())) {
        return found;
    }
    let mut map = SERIES.write().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = find(&map) {
        return found;
    }
    let labels = [
        ("method", method.to_owned()),
        ("route", route.to_owned()),
        ("status", status.to_string()),
    ];
    let made = (
        metrics::counter!("http_requests_total", &labels),
        metrics::histogram!("http_request_duration_seconds", &labels),
    );
    map.entry(route.to_owned())
        .or_default()
        .push((method, status, made.clone()));
    made
}

/// A client may send any method name; only the standard ones become label values.
fn method_label(method: &axum::http::Method) -> &'static str {
    use axum::http::Method;
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Drains the histograms' buffers; without it they grow with every request between scrapes.
pub fn upkeep() {
    handle().run_upkeep();
}

pub async fn render(State(state): State<app::ssr::AppState>) -> impl IntoResponse {
    metrics::gauge!("blocking_work_peak").set(state.work.peak() as f64);
    metrics::gauge!("blocking_work_refused").set(state.work.refused() as f64);
    metrics::counter!("db_statements_total").absolute(state.statements.count());
    metrics::gauge!("identity_cache_listening")
        .set(f64::from(u8::from(state.identity.is_listening())));
    let (size, idle) = pool_usage(&state.db);
    metrics::gauge!("db_pool_connections").set(size as f64);
    metrics::gauge!("db_pool_idle_connections").set(idle as f64);
    metrics::gauge!("db_pool_in_use_connections").set(size.saturating_sub(idle) as f64);
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        handle().render(),
    )
}

fn pool_usage(db: &sea_orm::DatabaseConnection) -> (u32, u32) {
    use sea_orm::DatabaseBackend;
    match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle() as u32)
        }
        DatabaseBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle() as u32)
        }
        _ => (0, 0),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn method_labels_are_bounded() {
        let custom = axum::http::Method::from_bytes(b"X-ANYTHING-GOES").unwrap();
        assert_eq!(super::method_label(&custom), "other");
        assert_eq!(super::method_label(&axum::http::Method::GET), "GET");
    }
}
