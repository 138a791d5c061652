//! Where documents' bytes live (issue 12): one interface, `object_store`, over the local
//! filesystem under the data directory (the embedded default) and S3-compatible object
//! storage (AWS S3, OVH, MinIO, Garage) for production and for several replicas.
//!
//! Objects are content-addressed: `org/<organization>/<sha256>`. An upload streams into a
//! staging object in parts (`PART_BYTES` at a time, so a 200 MiB plan never sits in memory)
//! while its SHA-256 is computed, then is moved under its hash. The database row that makes
//! a document visible is written only after that, so there is never a row without its
//! object; an object without a row (a crash in between, a refused quota) is swept by
//! `sweep` once it is older than a grace period.

use bytes::Bytes;
use futures::{Stream, StreamExt};
use object_store::path::Path as ObjectPath;
use object_store::{GetOptions, GetRange, ObjectStore, WriteMultipart};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

/// The size of the parts an upload is written in (S3's minimum part is 5 MiB).
pub const PART_BYTES: usize = 8 * 1024 * 1024;
/// Parts in flight at once: with `PART_BYTES`, what one upload may hold in memory.
const PARTS_IN_FLIGHT: usize = 2;
const STAGING: &str = "staging";

/// How to reach the store, from the server's configuration.
#[derive(Debug, Clone)]
pub enum StorageConfig {
    /// A directory (created if missing).
    Local(std::path::PathBuf),
    /// An S3-compatible bucket. Credentials come from the usual `AWS_*` variables when not
    /// given here.
    S3 {
        bucket: String,
        endpoint: Option<String>,
        region: Option<String>,
        access_key_id: Option<String>,
        secret_access_key: Option<String>,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("the file is larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the upload was interrupted: {0}")]
    Interrupted(String),
    #[error("object not found")]
    NotFound,
    #[error("storage: {0}")]
    Store(String),
}

impl From<object_store::Error> for StorageError {
    fn from(err: object_store::Error) -> Self {
        match err {
            object_store::Error::NotFound { .. } => StorageError::NotFound,
            other => StorageError::Store(other.to_string()),
        }
    }
}

/// What was stored: where, how big, and its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub key: String,
    pub size: u64,
    pub sha256: String,
}

/// A download: the bytes of the asked range, and the object's whole size.
pub struct Download {
    pub total: u64,
    pub range: std::ops::Range<u64>,
    pub body: futures::stream::BoxStream<'static, Result<Bytes, StorageError>>,
}

#[derive(Clone)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
    /// `local` or `s3`, for logs and metrics.
    pub kind: &'static str,
}

impl std::fmt::Debug for Storage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Storage({})", self.kind)
    }
}

impl Storage {
    pub fn open(config: &StorageConfig) -> Result<Self, String> {
        match config {
            StorageConfig::Local(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                let store = object_store::local::LocalFileSystem::new_with_prefix(dir)
                    .map_err(|e| format!("{}: {e}", dir.display()))?;
                Ok(Storage {
                    store: Arc::new(store),
                    kind: "local",
                })
            }
            StorageConfig::S3 {
                bucket,
                endpoint,
                region,
                access_key_id,
                secret_access_key,
            } => {
                let mut builder =
                    object_store::aws::AmazonS3Builder::from_env().with_bucket_name(bucket);
                if let Some(endpoint) = endpoint {
                    // MinIO, Garage and the test server speak path-style; plain http only
                    // when the endpoint says so (a server on the same host or network).
                    builder = builder
                        .with_endpoint(endpoint)
                        .with_allow_http(endpoint.starts_with("http://"));
                }
                if let Some(region) = region {
                    builder = builder.with_region(region);
                }
                if let Some(key) = access_key_id {
                    builder = builder.with_access_key_id(key);
                }
                if let Some(secret) = secret_access_key {
                    builder = builder.with_secret_access_key(secret);
                }
                let store = builder
                    .build()
                    .map_err(|e| format!("S3 bucket {bucket}: {e}"))?;
                Ok(Storage {
                    store: Arc::new(store),
                    kind: "s3",
                })
            }
        }
    }

    /// The key a content has under an organisation.
    pub fn key_for(organization: Uuid, sha256: &str) -> String {
        format!("org/{organization}/{sha256}")
    }

    /// Streams `body` into the store for `organization`, refusing it past `limit` bytes
    /// (nothing is left behind then). Returns where it is and its hash.
    pub async fn put_stream<S, E>(
        &self,
        organization: Uuid,
        mut body: S,
        limit: u64,
    ) -> Result<Stored, StorageError>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        let staging = ObjectPath::from(format!("{STAGING}/{}", Uuid::new_v4()));
        let upload = self.store.put_multipart(&staging).await?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, PART_BYTES);
        let mut hasher = Sha256::new();
        let mut size: u64 = 0;
        let outcome: Result<(), StorageError> = async {
            while let Some(chunk) = body.next().await {
                let chunk = chunk.map_err(|e| StorageError::Interrupted(e.to_string()))?;
                size += chunk.len() as u64;
                if size > limit {
                    return Err(StorageError::TooLarge { limit });
                }
                hasher.update(&chunk);
                // Back-pressure: the body is read no faster than parts are written.
                writer.wait_for_capacity(PARTS_IN_FLIGHT).await?;
                writer.put(chunk);
            }
            Ok(())
        }
        .await;
        if let Err(err) = outcome {
            if let Err(abort) = writer.abort().await {
                tracing::warn!(%abort, "could not abort a refused upload");
            }
            return Err(err);
        }
        writer.finish().await?;
        let sha256 = hex::encode(hasher.finalize());
        let key = Self::key_for(organization, &sha256);
        // The same content again lands on the same key: replacing it changes nothing.
        self.store
            .rename(&staging, &ObjectPath::from(key.as_str()))
            .await?;
        Ok(Stored { key, size, sha256 })
    }

    /// Reads `key`, or the `range` of it (HTTP's inclusive `first..=last`, or a suffix).
    pub async fn get(&self, key: &str, range: Option<ByteRange>) -> Result<Download, StorageError> {
        let path = ObjectPath::from(key);
        let options = GetOptions {
            range: range.map(|r| match r {
                ByteRange::From(first) => GetRange::Offset(first),
                ByteRange::Bounded(first, last) => GetRange::Bounded(first..last + 1),
                ByteRange::Suffix(n) => GetRange::Suffix(n),
            }),
            ..Default::default()
        };
        // Callers ask only for ranges inside the object (the handler answers 416 otherwise).
        let result = self.store.get_opts(&path, options).await?;
        let total = result.meta.size;
        let range = result.range.clone();
        let body = result
            .into_stream()
            .map(|chunk| chunk.map_err(StorageError::from))
            .boxed();
        Ok(Download { total, range, body })
    }

    pub async fn exists(&self, key: &str) -> Result<bool, StorageError> {
        match self.store.head(&ObjectPath::from(key)).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    pub async fn delete(&self, key: &str) -> Result<(), StorageError> {
        match self.store.delete(&ObjectPath::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Deletes the objects no row names (`referenced` says which keys rows name), among
    /// those older than `grace`: interrupted uploads in staging, and contents whose last
    /// document is gone or whose row never got written. Returns how many were deleted.
    pub async fn sweep<F, Fut>(&self, grace: Duration, referenced: F) -> Result<u64, StorageError>
    where
        F: Fn(Vec<String>) -> Fut,
        Fut: std::future::Future<Output = Result<std::collections::HashSet<String>, String>>,
    {
        let cutoff = chrono::Utc::now()
            - chrono::Duration::from_std(grace).unwrap_or(chrono::Duration::hours(1));
        let mut deleted = 0;
        let mut listing = self.store.list(None);
        let mut batch = Vec::new();
        while let Some(meta) = listing.next().await {
            let meta = meta?;
            if meta.last_modified < cutoff {
                batch.push(meta.location.to_string());
            }
            if batch.len() >= 500 {
                deleted += self
                    .sweep_batch(std::mem::take(&mut batch), cutoff, &referenced)
                    .await?;
            }
        }
        deleted += self.sweep_batch(batch, cutoff, &referenced).await?;
        Ok(deleted)
    }

    async fn sweep_batch<F, Fut>(
        &self,
        keys: Vec<String>,
        cutoff: chrono::DateTime<chrono::Utc>,
        referenced: &F,
    ) -> Result<u64, StorageError>
    where
        F: Fn(Vec<String>) -> Fut,
        Fut: std::future::Future<Output = Result<std::collections::HashSet<String>, String>>,
    {
        if keys.is_empty() {
            return Ok(0);
        }
        let named = referenced(keys.clone())
            .await
            .map_err(StorageError::Store)?;
        let mut deleted = 0;
        for key in keys {
            if named.contains(&key) {
                continue;
            }
            // An upload of the same bytes may have landed on the key since it was listed
            // (its move renews the object): look again just before deleting. What is left
            // is the moment between this look and the delete.
            let path = ObjectPath::from(key.as_str());
            match self.store.head(&path).await {
                Ok(meta) if meta.last_modified < cutoff => {}
                Ok(_) | Err(object_store::Error::NotFound { .. }) => continue,
                Err(e) => return Err(e.into()),
            }
            self.delete(&key).await?;
            deleted += 1;
        }
        Ok(deleted)
    }
}

/// A byte range asked for by an HTTP `Range` header (one range; several are not served).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteRange {
    /// `bytes=first-`
    From(u64),
    /// `bytes=first-last`, inclusive.
    Bounded(u64, u64),
    /// `bytes=-n`: the last n bytes.
    Suffix(u64),
}

impl ByteRange {
    /// Parses a `Range` header value; `None` for what is not one satisfiable-looking range
    /// (the whole object is then sent, as RFC 9110 §14.2 allows).
    pub fn parse(header: &str) -> Option<Self> {
        let spec = header.trim().strip_prefix("bytes=")?;
        if spec.contains(',') {
            return None;
        }
        let (first, last) = spec.split_once('-')?;
        let (first, last) = (first.trim(), last.trim());
        match (first.is_empty(), last.is_empty()) {
            (true, false) => last.parse().ok().filter(|n| *n > 0).map(ByteRange::Suffix),
            (false, true) => first.parse().ok().map(ByteRange::From),
            (false, false) => {
                let (a, b): (u64, u64) = (first.parse().ok()?, last.parse().ok()?);
                (a <= b).then_some(ByteRange::Bounded(a, b))
            }
            (true, true) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ByteRange;

    #[test]
    fn range_headers() {
        assert_eq!(
            ByteRange::parse("bytes=0-99"),
            Some(ByteRange::Bounded(0, 99))
        );
        assert_eq!(ByteRange::parse("bytes=100-"), Some(ByteRange::From(100)));
        assert_eq!(ByteRange::parse("bytes=-500"), Some(ByteRange::Suffix(500)));
        for bad in [
            "bytes=5-1",
            "bytes=-",
            "bytes=0-1,4-5",
            "items=0-1",
            "bytes=a-b",
            "bytes=-0",
        ] {
            assert_eq!(ByteRange::parse(bad), None, "{bad}");
        }
    }
}
