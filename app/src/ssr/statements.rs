//! Counts the SQL statements run for requests. A count is exact where a time is noisy: tests
//! assert the statements of hot paths, so a feature that adds a query to one fails CI, and
//! `/metrics` exposes the total for benchmarks and dashboards.

use sea_orm::DatabaseConnection;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

tokio::task_local! {
    /// Set for background jobs (outbox, sweeps, the identity poller): not requests' work.
    static BACKGROUND: ();
}

#[derive(Clone, Default)]
pub struct Statements(Arc<AtomicU64>);

impl Statements {
    /// Counts every statement `db` (and its clones made from now on) runs outside
    /// background jobs.
    pub fn install(db: &mut DatabaseConnection) -> Statements {
        let statements = Statements::default();
        let counter = statements.0.clone();
        db.set_metric_callback(move |info| {
            if BACKGROUND.try_with(|_| ()).is_err() {
                counter.fetch_add(1, Ordering::Relaxed);
                // `RUST_LOG=koprogo::sql=trace` lists a request's statements.
                tracing::trace!(target: "koprogo::sql", sql = %info.statement.sql);
            }
        });
        statements
    }

    pub fn count(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Runs a background job: its statements are not counted as requests'.
pub async fn in_background<F: std::future::Future>(job: F) -> F::Output {
    BACKGROUND.scope((), job).await
}
