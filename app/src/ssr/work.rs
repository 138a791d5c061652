//! Bounded CPU- and memory-heavy work (argon2 password hashes, spreadsheet parsing).
//!
//! Each such job holds a permit of one semaphore sized to the machine while it runs on a
//! blocking thread. Without the bound, 64 concurrent logins ran 64 argon2 hashes of 19 MiB
//! each at once and took the server to gigabytes of memory; with it, at most `permits` run,
//! the others wait a short while, and a request that would wait longer is refused with 503
//! and `Retry-After` instead of piling up.

use crate::domain::AppError;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::Semaphore;

#[derive(Clone, Debug)]
pub struct Work {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    semaphore: Semaphore,
    max_wait: Duration,
    running: AtomicUsize,
    peak: AtomicUsize,
    refused: AtomicUsize,
}

impl Default for Work {
    /// One permit per core, and a wait of up to two seconds.
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Work::new(cores, Duration::from_secs(2))
    }
}

impl Work {
    pub fn new(permits: usize, max_wait: Duration) -> Self {
        Work {
            inner: Arc::new(Inner {
                semaphore: Semaphore::new(permits.max(1)),
                max_wait,
                running: AtomicUsize::new(0),
                peak: AtomicUsize::new(0),
                refused: AtomicUsize::new(0),
            }),
        }
    }

    /// Runs `job` on a blocking thread once a permit is free; `Unavailable` if none frees up
    /// within the wait. A panic in the job is logged and becomes `Internal`.
    pub async fn run<T, F>(&self, job: F) -> Result<T, AppError>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let inner = &self.inner;
        let permit = match tokio::time::timeout(inner.max_wait, inner.semaphore.acquire()).await {
            Ok(Ok(permit)) => permit,
            Ok(Err(_)) => return Err(AppError::Internal),
            Err(_) => {
                inner.refused.fetch_add(1, Ordering::Relaxed);
                tracing::warn!("blocking work at capacity: request refused");
                return Err(AppError::Unavailable {
                    retry_after_secs: inner.max_wait.as_secs().max(1),
                });
            }
        };
        let now = inner.running.fetch_add(1, Ordering::SeqCst) + 1;
        inner.peak.fetch_max(now, Ordering::SeqCst);
        let outcome = tokio::task::spawn_blocking(job).await;
        inner.running.fetch_sub(1, Ordering::SeqCst);
        drop(permit);
        outcome.map_err(|err| {
            tracing::error!(%err, "blocking job failed");
            AppError::Internal
        })
    }

    /// The most jobs that ever ran at once (for tests and metrics).
    pub fn peak(&self) -> usize {
        self.inner.peak.load(Ordering::SeqCst)
    }

    /// Requests refused because the work was at capacity.
    pub fn refused(&self) -> usize {
        self.inner.refused.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn at_most_permits_run_and_the_rest_wait_or_are_refused() {
        let work = Work::new(2, Duration::from_millis(150));
        let jobs: Vec<_> = (0..8)
            .map(|_| {
                let work = work.clone();
                tokio::spawn(async move {
                    work.run(|| std::thread::sleep(Duration::from_millis(100)))
                        .await
                })
            })
            .collect();
        let mut done = 0;
        let mut refused = 0;
        for job in jobs {
            match job.await.unwrap() {
                Ok(()) => done += 1,
                Err(AppError::Unavailable { retry_after_secs }) => {
                    assert_eq!(retry_after_secs, 1);
                    refused += 1
                }
                Err(other) => panic!("{other:?}"),
            }
        }
        assert_eq!(work.peak(), 2);
        assert!(done >= 2 && refused >= 1, "done {done}, refused {refused}");
        assert_eq!(work.refused(), refused);
    }

    #[tokio::test]
    async fn a_panicking_job_is_an_internal_error() {
        let work = Work::new(1, Duration::from_secs(1));
        let outcome: Result<(), _> = work.run(|| panic!("boom")).await;
        assert_eq!(outcome, Err(AppError::Internal));
        assert_eq!(work.run(|| 7).await, Ok(7), "the permit was given back");
    }
}
