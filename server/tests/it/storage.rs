//! The documents' storage (issue 12), one suite run on both stores: the local filesystem
//! and a real S3-compatible server on loopback (`moto` in server mode, from PyPI, which
//! `make test` installs).

use app::ssr::storage::{ByteRange, Storage, StorageConfig, StorageError};
use bytes::Bytes;
use futures::StreamExt;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::time::Duration;
use uuid::Uuid;

macro_rules! on_both_stores {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn local() {
                    let (store, _guard) = super::Store::local();
                    super::$name(store).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn s3() {
                    let (store, _guard) = super::Store::s3().await;
                    super::$name(store).await
                }
            }
        )*
    };
}

on_both_stores!(
    a_large_file_streams_in_parts_and_reads_back_whole_and_by_range,
    a_file_over_the_limit_or_cut_off_leaves_nothing,
    the_sweep_removes_only_what_no_row_names,
);

/// What a test's store needs kept alive: its directory, or its S3 server.
enum Guard {
    Dir(std::path::PathBuf),
    Moto(std::process::Child),
}

impl Drop for Guard {
    fn drop(&mut self) {
        match self {
            Guard::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Guard::Moto(child) => {
                let _ = child.kill();
                let _ = child.wait();
            }
        }
    }
}

struct Store;

impl Store {
    fn local() -> (Storage, Guard) {
        let dir = std::env::temp_dir().join(format!("koprogo-store-{}", Uuid::new_v4()));
        let storage = Storage::open(&StorageConfig::Local(dir.clone())).unwrap();
        (storage, Guard::Dir(dir))
    }

    async fn s3() -> (Storage, Guard) {
        let port = crate::common::free_port();
        let child = std::process::Command::new("python3")
            .args([
                "-m",
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("python3 -m moto.server (make test installs moto[server])");
        let guard = Guard::Moto(child);
        let endpoint = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        let mut ready = false;
        for _ in 0..100 {
            if http.get(&endpoint).send().await.is_ok() {
                ready = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(ready, "moto did not start on {endpoint}");
        // moto accepts an unsigned bucket creation.
        let created = http
            .put(format!("{endpoint}/documents"))
            .send()
            .await
            .unwrap();
        assert!(created.status().is_success(), "{}", created.status());
        let storage = Storage::open(&StorageConfig::S3 {
            bucket: "documents".into(),
            endpoint: Some(endpoint),
            region: Some("eu-west-1".into()),
            access_key_id: Some("test".into()),
            secret_access_key: Some("test".into()),
        })
        .unwrap();
        (storage, guard)
    }
}

/// `size` bytes of a repeatable pattern, in `chunk`-sized pieces, as a request body arrives.
fn body(
    size: usize,
    chunk: usize,
) -> impl futures::Stream<Item = Result<Bytes, std::io::Error>> + Unpin {
    let data: Vec<u8> = (0..size).map(|i| (i * 31 % 251) as u8).collect();
    let pieces: Vec<Result<Bytes, std::io::Error>> = data
        .chunks(chunk)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    futures::stream::iter(pieces)
}

async fn read_all(storage: &Storage, key: &str, range: Option<ByteRange>) -> (u64, Vec<u8>) {
    let download = storage.get(key, range).await.unwrap();
    let total = download.total;
    let mut bytes = Vec::new();
    let mut body = download.body;
    while let Some(chunk) = body.next().await {
        bytes.extend_from_slice(&chunk.unwrap());
    }
    (total, bytes)
}

async fn a_large_file_streams_in_parts_and_reads_back_whole_and_by_range(storage: Storage) {
    let organization = Uuid::new_v4();
    // Larger than two parts, not a multiple of one.
    let size = 2 * app::ssr::storage::PART_BYTES + 12_345;
    let expected: Vec<u8> = (0..size).map(|i| (i * 31 % 251) as u8).collect();
    let stored = storage
        .put_stream(organization, body(size, 64 * 1024), 64 * 1024 * 1024)
        .await
        .unwrap();
    assert_eq!(stored.size, size as u64);
    assert_eq!(stored.sha256, hex::encode(Sha256::digest(&expected)));
    assert_eq!(stored.key, Storage::key_for(organization, &stored.sha256));
    assert!(storage.exists(&stored.key).await.unwrap());

    let (total, whole) = read_all(&storage, &stored.key, None).await;
    assert_eq!(total, size as u64);
    assert!(whole == expected, "the content read back differs");
    let (_, part) = read_all(&storage, &stored.key, Some(ByteRange::Bounded(100, 199))).await;
    assert_eq!(part, expected[100..200]);
    let (_, tail) = read_all(&storage, &stored.key, Some(ByteRange::Suffix(10))).await;
    assert_eq!(tail, expected[size - 10..]);
    let (_, from) = read_all(
        &storage,
        &stored.key,
        Some(ByteRange::From(size as u64 - 3)),
    )
    .await;
    assert_eq!(from, expected[size - 3..]);

    // The same content again is the same object.
    let again = storage
        .put_stream(organization, body(size, 1024 * 1024), 64 * 1024 * 1024)
        .await
        .unwrap();
    assert_eq!(again, stored);
    // Under another organisation, another object.
    let other = storage
        .put_stream(Uuid::new_v4(), body(1000, 100), 1 << 20)
        .await
        .unwrap();
    assert_ne!(other.key, stored.key);
    assert!(matches!(
        storage.get("org/nobody/none", None).await.err(),
        Some(StorageError::NotFound)
    ));
}

async fn a_file_over_the_limit_or_cut_off_leaves_nothing(storage: Storage) {
    let organization = Uuid::new_v4();
    let refused = storage
        .put_stream(organization, body(3 * 1024 * 1024, 64 * 1024), 1024 * 1024)
        .await;
    assert!(
        matches!(refused, Err(StorageError::TooLarge { limit: 1_048_576 })),
        "{:?}",
        refused.err()
    );
    // A body that breaks off half-way (the client went away).
    let cut = futures::stream::iter(vec![
        Ok(Bytes::from_static(b"the first part")),
        Err(std::io::Error::other("connection reset")),
    ]);
    let interrupted = storage.put_stream(organization, cut, 1 << 20).await;
    assert!(matches!(interrupted, Err(StorageError::Interrupted(_))));
    // Nothing is left, not even in staging: the sweep finds nothing to delete.
    let swept = storage
        .sweep(Duration::ZERO, |_| async { Ok(HashSet::new()) })
        .await
        .unwrap();
    assert_eq!(swept, 0);
}

async fn the_sweep_removes_only_what_no_row_names(storage: Storage) {
    let organization = Uuid::new_v4();
    let kept = storage
        .put_stream(organization, body(5000, 1000), 1 << 20)
        .await
        .unwrap();
    let orphan = storage
        .put_stream(organization, body(7000, 1000), 1 << 20)
        .await
        .unwrap();
    // Within the grace period nothing goes, named or not (an upload between object and row).
    let named = HashSet::from([kept.key.clone()]);
    let swept = storage
        .sweep(Duration::from_secs(3600), |_| {
            let named = named.clone();
            async move { Ok(named) }
        })
        .await
        .unwrap();
    assert_eq!(swept, 0);
    assert!(storage.exists(&orphan.key).await.unwrap());
    let swept = storage
        .sweep(Duration::ZERO, |keys: Vec<String>| {
            let named = named.clone();
            async move { Ok(keys.into_iter().filter(|k| named.contains(k)).collect()) }
        })
        .await
        .unwrap();
    assert_eq!(swept, 1);
    assert!(storage.exists(&kept.key).await.unwrap());
    assert!(!storage.exists(&orphan.key).await.unwrap());
}
