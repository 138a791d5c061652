use crate::config::LogFormat;
use tracing_subscriber::{EnvFilter, fmt, prelude::*};

/// Logs to stdout; `RUST_LOG` filters (default: info, quiet SQL). In JSON every line carries
/// the fields of its spans, so the request id reaches every line logged while serving it.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,tower_sessions=warn"));
    let registry = tracing_subscriber::registry().with(filter);
    let result = match format {
        LogFormat::Json => registry
            .with(
                fmt::layer()
                    .json()
                    // The whole list: a line logged inside a library's span (the session
                    // layer's) still carries the request's id from the outer one.
                    .with_current_span(false)
                    .with_span_list(true),
            )
            .try_init(),
        LogFormat::Text => registry.with(fmt::layer().compact()).try_init(),
    };
    // A second init (tests start several servers in one process) keeps the first.
    let _ = result;
}
