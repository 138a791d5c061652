//! Bounded CPU- and memory-heavy work (argon2 password hashes, spreadsheet parsing).
//!
//! Each such job holds a permit of one semaphore sized to the machine while it runs on a
//! thread of this pool's own, one per permit, at a lower scheduling priority (nice 10) than
//! the threads that answer requests: a login storm uses the idle CPU but never starves the
//! rest of the app. Without the bound, 64 concurrent logins ran 64 argon2 hashes of 19 MiB
//! each at once and took the server to gigabytes of memory; with it, at most `permits` run,
//! the others wait a short while, and a request that would wait longer is refused with 503
//! and `Retry-After` instead of piling up.

use crate::domain::AppError;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::Semaphore;

#[derive(Clone)]
pub struct Work {
    inner: Arc<Inner>,
}

struct Inner {
    pool: rayon::ThreadPool,
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
        Work::with_priority(permits, max_wait, false)
    }

    /// A pool whose threads run at a lower priority than the rest of the process (what the
    /// server does; tests, which load the machine with other tests, keep the default so
    /// that a hash takes the time it takes alone).
    pub fn with_priority(permits: usize, max_wait: Duration, lowered: bool) -> Self {
        let permits = permits.max(1);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(permits)
            .thread_name(|i| format!("koprogo-work-{i}"))
            .start_handler(move |_| {
                if lowered {
                    lower_priority();
                }
            })
            .build()
            .expect("the work pool's threads start");
        Work {
            inner: Arc::new(Inner {
                pool,
                semaphore: Semaphore::new(permits),
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
        self.run_within(self.inner.max_wait, job).await
    }

    /// `run`, waiting at most `max_wait` for a permit (never longer than the pool's own).
    pub async fn run_within<T, F>(&self, max_wait: Duration, job: F) -> Result<T, AppError>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let inner = &self.inner;
        let max_wait = max_wait.min(inner.max_wait);
        let permit = match tokio::time::timeout(max_wait, inner.semaphore.acquire()).await {
            Ok(Ok(permit)) => permit,
            Ok(Err(_)) => return Err(AppError::Internal),
            Err(_) => {
                inner.refused.fetch_add(1, Ordering::Relaxed);
                tracing::warn!("blocking work at capacity: request refused");
                return Err(AppError::Unavailable {
                    retry_after_secs: max_wait.as_secs().max(1),
                });
            }
        };
        let now = inner.running.fetch_add(1, Ordering::SeqCst) + 1;
        inner.peak.fetch_max(now, Ordering::SeqCst);
        let (done, outcome) = tokio::sync::oneshot::channel();
        inner.pool.spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
            let _ = done.send(result);
        });
        let outcome = outcome.await;
        inner.running.fetch_sub(1, Ordering::SeqCst);
        drop(permit);
        match outcome {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(_)) | Err(_) => {
                tracing::error!("blocking job panicked");
                Err(AppError::Internal)
            }
        }
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

impl std::fmt::Debug for Work {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Work")
            .field("max_wait", &self.inner.max_wait)
            .field("peak", &self.peak())
            .finish_non_exhaustive()
    }
}

/// Linux schedules threads one by one: nice 10 applies to the calling thread only.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority has no memory effects; `who = 0` names the calling thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
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
