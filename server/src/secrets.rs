//! Secrets generated on first run and kept in the data directory, so a new user has nothing
//! to configure and restarts keep sessions valid.

use std::io::Write;
use std::path::Path;

const SESSION_KEY_FILE: &str = "session.key";
const DATA_KEY_FILE: &str = "data.key";

/// The session-signing key: from the environment if given (hex, 64 bytes), else from the
/// data directory, created there (mode 0600) on first run.
pub fn session_key(given: Option<&str>, data_dir: &Path) -> Result<Vec<u8>, String> {
    kept_key(given, data_dir, SESSION_KEY_FILE, "KOPROGO_SESSION_KEY", 64)
}

/// The key that seals second factors' secrets (`app::ssr::crypto::DataKey`): 32 bytes, from
/// the environment or the data directory like the session key.
pub fn data_key(given: Option<&str>, data_dir: &Path) -> Result<app::ssr::crypto::DataKey, String> {
    let bytes = kept_key(given, data_dir, DATA_KEY_FILE, "KOPROGO_DATA_KEY", 32)?;
    let key: [u8; 32] = bytes[..32]
        .try_into()
        .map_err(|_| "KOPROGO_DATA_KEY: too short")?;
    Ok(app::ssr::crypto::DataKey::from_bytes(key))
}

fn kept_key(
    given: Option<&str>,
    data_dir: &Path,
    file: &str,
    variable: &str,
    len: usize,
) -> Result<Vec<u8>, String> {
    if let Some(hex_key) = given {
        return parse(hex_key.trim(), len).map_err(|e| format!("{variable}: {e}"));
    }
    let path = data_dir.join(file);
    if let Ok(existing) = std::fs::read_to_string(&path) {
        return parse(existing.trim(), len).map_err(|e| format!("{}: {e}", path.display()));
    }
    let mut key = vec![0u8; len];
    rand::Rng::fill(&mut rand::thread_rng(), &mut key[..]);
    std::fs::create_dir_all(data_dir).map_err(|e| e.to_string())?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(&path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.write_all(hex::encode(&key).as_bytes())
        .map_err(|e| e.to_string())?;
    tracing::info!(path = %path.display(), "generated a new key");
    Ok(key)
}

fn parse(hex_key: &str, len: usize) -> Result<Vec<u8>, String> {
    let bytes = hex::decode(hex_key).map_err(|e| format!("not hex: {e}"))?;
    if bytes.len() < len {
        return Err(format!("needs {len} bytes, got {}", bytes.len()));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_once_then_reused() {
        let dir = std::env::temp_dir().join(format!("koprogo-key-{}", uuid::Uuid::now_v7()));
        let first = session_key(None, &dir).unwrap();
        let second = session_key(None, &dir).unwrap();
        assert_eq!(first.len(), 64);
        assert_eq!(first, second);
        let data = data_key(None, &dir).unwrap();
        let sealed = app::ssr::crypto::seal(&data, b"x", b"y").unwrap();
        let again = data_key(None, &dir).unwrap();
        assert_eq!(app::ssr::crypto::open(&again, b"x", &sealed).unwrap(), b"y");
        assert!(data_key(Some("ab"), &dir).is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn given_keys_must_be_long_hex() {
        assert!(session_key(Some("zz"), Path::new("/nonexistent")).is_err());
        assert!(session_key(Some(&"ab".repeat(32)), Path::new("/nonexistent")).is_err());
        assert_eq!(
            session_key(Some(&"ab".repeat(64)), Path::new("/nonexistent"))
                .unwrap()
                .len(),
            64
        );
    }
}
