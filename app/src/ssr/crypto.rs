//! Password hashing (argon2id, OWASP parameters) and random secrets stored as SHA-256 hashes.

use crate::domain::AppError;
use crate::ssr::work::Work;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::Rng;
use rand::distributions::Alphanumeric;
use sha2::{Digest, Sha256};

/// argon2id with m = 12 MiB, t = 3, p = 1: one of the configurations the OWASP Password
/// Storage Cheat Sheet lists as equivalent ("they only trade CPU for RAM") to its first,
/// m = 19 MiB, t = 2. The same work per hash in two thirds of the memory, so that a server
/// of 64 MiB can run one hash per core. Hashes made with other parameters (the earlier
/// 19 MiB ones) still verify: the parameters are part of each stored hash.
fn argon2() -> Argon2<'static> {
    let params = argon2::Params::new(12 * 1024, 3, 1, None).expect("valid argon2 parameters");
    Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
}

/// How long a password check waits for a free core before the answer is "too many logins
/// now, retry in a second" (429 + Retry-After): past that, a login storm is turned away
/// quickly instead of queueing everyone for seconds.
const PASSWORD_QUEUE_WAIT: std::time::Duration = std::time::Duration::from_millis(750);

/// Runs a password hash in the bounded pool, waiting at most `PASSWORD_QUEUE_WAIT`.
async fn password_work<T, F>(work: &Work, job: F) -> Result<T, AppError>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    work.run_within(PASSWORD_QUEUE_WAIT, job)
        .await
        .map_err(|err| match err {
            AppError::Unavailable { retry_after_secs } => {
                AppError::RateLimited { retry_after_secs }
            }
            other => other,
        })
}

/// Hashing takes ~40 ms of CPU and 12 MiB: it runs in the bounded pool, off the async
/// workers, so that a burst of logins cannot exhaust memory.
pub async fn hash_password(work: &Work, password: String) -> Result<String, AppError> {
    password_work(work, move || {
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
    })
    .await?
    .map_err(|err| {
        tracing::error!(%err, "password hashing failed");
        AppError::Internal
    })
}

pub async fn verify_password(
    work: &Work,
    password: String,
    hash: String,
) -> Result<bool, AppError> {
    password_work(work, move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                argon2()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
}

/// A hash of a password nobody knows, checked when the e-mail is unknown so that a login
/// takes as long for an unknown address as for a wrong password.
/// Its parameters are those of `argon2()`.
pub const DECOY_HASH: &str = "$argon2id$v=19$m=12288,t=3,p=1$c29tZXNhbHRzb21lc2FsdA$Fv1kMwHl2lCuXqp5dq3jM6VQqQbrnF8cY1f0r8rJTqU";

/// A random secret of 40 alphanumeric characters (~238 bits), with a recognisable prefix.
pub fn random_secret(prefix: &str) -> String {
    let body: String = rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(40)
        .map(char::from)
        .collect();
    format!("{prefix}{body}")
}

/// Secrets (API tokens, reset and invitation links) are stored only as this hash. They are
/// long and random, so a fast hash is enough: there is nothing to brute-force.
pub fn sha256_hex(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// The key that seals what the server must read back (TOTP secrets), so that a copy of the
/// database alone (a backup, a dump) does not give away anyone's second factor. 256 bits,
/// from `KOPROGO_DATA_KEY` or generated into the data directory (`server::secrets`).
#[derive(Clone)]
pub struct DataKey([u8; 32]);

impl DataKey {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        DataKey(bytes)
    }

    /// A key nobody else has: what a test server or a throwaway run uses.
    pub fn random() -> Self {
        let mut bytes = [0u8; 32];
        rand::Rng::fill(&mut rand::thread_rng(), &mut bytes[..]);
        DataKey(bytes)
    }
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(…)")
    }
}

const NONCE_LEN: usize = 12;

/// AES-256-GCM with a random nonce, prepended. `context` (the row's id) is authenticated
/// with it: a sealed value copied onto another row does not open there.
pub fn seal(key: &DataKey, context: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, AppError> {
    use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
    let cipher = aes_gcm::Aes256Gcm::new((&key.0).into());
    let nonce = aes_gcm::Aes256Gcm::generate_nonce(&mut OsRng);
    let sealed = cipher
        .encrypt(
            &nonce,
            Payload {
                msg: plaintext,
                aad: context,
            },
        )
        .map_err(|_| {
            tracing::error!("sealing failed");
            AppError::Internal
        })?;
    let mut out = nonce.to_vec();
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Opens what `seal` made with the same key and context; anything else is an internal error
/// (the data key changed, or the row was tampered with), logged without the value.
pub fn open(key: &DataKey, context: &[u8], sealed: &[u8]) -> Result<Vec<u8>, AppError> {
    use aes_gcm::aead::{Aead, KeyInit, Payload};
    if sealed.len() < NONCE_LEN {
        tracing::error!("a sealed value is too short");
        return Err(AppError::Internal);
    }
    let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
    aes_gcm::Aes256Gcm::new((&key.0).into())
        .decrypt(
            aes_gcm::Nonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad: context,
            },
        )
        .map_err(|_| {
            tracing::error!("a sealed value does not open: wrong data key, or tampered");
            AppError::Internal
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_differ_by_salt() {
        let work = &Work::default();
        let a = hash_password(work, "correct horse battery".into())
            .await
            .unwrap();
        let b = hash_password(work, "correct horse battery".into())
            .await
            .unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with("$argon2id$"));
        assert!(
            verify_password(work, "correct horse battery".into(), a.clone())
                .await
                .unwrap()
        );
        assert!(
            !verify_password(work, "wrong horse battery".into(), a)
                .await
                .unwrap()
        );
        assert!(
            !verify_password(work, "x".into(), "not a hash".into())
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn decoy_hash_parses_and_matches_nothing() {
        assert!(PasswordHash::new(DECOY_HASH).is_ok());
        let work = &Work::default();
        assert!(
            !verify_password(work, "".into(), DECOY_HASH.into())
                .await
                .unwrap()
        );
    }

    #[test]
    fn sealed_values_open_only_with_their_key_and_context() {
        let key = DataKey::random();
        let sealed = seal(&key, b"row-1", b"secret").unwrap();
        assert_ne!(seal(&key, b"row-1", b"secret").unwrap(), sealed);
        assert_eq!(open(&key, b"row-1", &sealed).unwrap(), b"secret");
        assert_eq!(open(&key, b"row-2", &sealed), Err(AppError::Internal));
        assert_eq!(
            open(&DataKey::random(), b"row-1", &sealed),
            Err(AppError::Internal)
        );
        let mut tampered = sealed.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert_eq!(open(&key, b"row-1", &tampered), Err(AppError::Internal));
        assert_eq!(open(&key, b"row-1", b"short"), Err(AppError::Internal));
        assert_eq!(format!("{key:?}"), "DataKey(…)");
    }

    #[test]
    fn secrets_are_random_and_hashed() {
        let a = random_secret("kpg_");
        assert!(a.starts_with("kpg_") && a.len() == 44);
        assert_ne!(a, random_secret("kpg_"));
        assert_eq!(sha256_hex("abc").len(), 64);
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
