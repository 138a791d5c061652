//! Time-based one-time passwords (RFC 6238) through the `totp-rs` crate: the parameters
//! every authenticator app reads (SHA-1, six digits, 30-second steps; Google Authenticator
//! ignores any other algorithm in the URI), a 160-bit secret (RFC 4226 §4 recommends 160),
//! and the enrolment's QR code drawn as SVG by the `qrcode` crate.

use crate::domain::AppError;
use crate::domain::second_factor::TotpEnrolment;
use totp_rs::{Algorithm, TOTP};

pub const ISSUER: &str = "KoproGo";
pub const STEP_SECS: u64 = 30;
const DIGITS: usize = 6;
const SECRET_BYTES: usize = 20;
/// Steps accepted either side of now: a phone's clock a little off, or a code typed as it
/// changed (RFC 6238 §5.2 recommends at most one step of delay).
const SKEW_STEPS: u64 = 1;

pub fn new_secret() -> Vec<u8> {
    let mut secret = vec![0u8; SECRET_BYTES];
    rand::Rng::fill(&mut rand::thread_rng(), &mut secret[..]);
    secret
}

fn totp_with(
    algorithm: Algorithm,
    digits: usize,
    secret: Vec<u8>,
    account: &str,
) -> Result<TOTP, AppError> {
    // An account name may not hold ':' (the URI's label separator); e-mail addresses don't,
    // but nothing else should reach here either.
    let account = account.replace(':', " ");
    // Skew 0: the steps around now are tried one by one below, to learn which one matched.
    TOTP::new(
        algorithm,
        digits,
        0,
        STEP_SECS,
        secret,
        Some(ISSUER.to_owned()),
        account,
    )
    .map_err(|err| {
        tracing::error!(%err, "cannot build a TOTP");
        AppError::Internal
    })
}

fn totp(secret: &[u8], account: &str) -> Result<TOTP, AppError> {
    totp_with(Algorithm::SHA1, DIGITS, secret.to_vec(), account)
}

/// The code of a 30-second step (tests, and the seed's documentation).
pub fn code_at(secret: &[u8], step: u64) -> Result<String, AppError> {
    Ok(totp(secret, "")?.generate(step * STEP_SECS))
}

/// The step `code` belongs to, among those around `now` (Unix seconds), compared in constant
/// time; `None` if it matches none. The caller refuses a step already used (a code is good
/// once: RFC 6238 §5.2).
pub fn matching_step(secret: &[u8], code: &str, now: u64) -> Result<Option<u64>, AppError> {
    let totp = totp(secret, "")?;
    let current = now / STEP_SECS;
    Ok((current.saturating_sub(SKEW_STEPS)..=current + SKEW_STEPS)
        .find(|step| totp.check(code, step * STEP_SECS)))
}

/// What the user's app needs: the secret in base32, the `otpauth://` URI and its QR code.
pub fn enrolment(secret: &[u8], account: &str) -> Result<TotpEnrolment, AppError> {
    let totp = totp(secret, account)?;
    let uri = totp.get_url();
    let qr = qrcode::QrCode::with_error_correction_level(uri.as_bytes(), qrcode::EcLevel::M)
        .map_err(|err| {
            tracing::error!(%err, "cannot draw the enrolment QR code");
            AppError::Internal
        })?;
    let qr_svg = qr
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(220, 220)
        .quiet_zone(true)
        .build();
    Ok(TotpEnrolment {
        secret: totp.get_secret_base32(),
        uri,
        qr_svg,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B: (time, SHA-1, SHA-256, SHA-512), eight digits, with the seeds
    /// the RFC gives for each algorithm.
    const VECTORS: &[(u64, &str, &str, &str)] = &[
        (59, "94287082", "46119246", "90693936"),
        (1_111_111_109, "07081804", "68084774", "25091201"),
        (1_111_111_111, "14050471", "67062674", "99943326"),
        (1_234_567_890, "89005924", "91819424", "93441116"),
        (2_000_000_000, "69279037", "90698825", "38618901"),
        (20_000_000_000, "65353130", "77737706", "47863826"),
    ];
    const SEED_SHA1: &[u8] = b"12345678901234567890";
    const SEED_SHA256: &[u8] = b"12345678901234567890123456789012";
    const SEED_SHA512: &[u8] = b"1234567890123456789012345678901234567890123456789012345678901234";

    #[test]
    fn the_rfc_6238_test_vectors() {
        for (time, sha1, sha256, sha512) in VECTORS {
            for (algorithm, seed, expected) in [
                (Algorithm::SHA1, SEED_SHA1, sha1),
                (Algorithm::SHA256, SEED_SHA256, sha256),
                (Algorithm::SHA512, SEED_SHA512, sha512),
            ] {
                let totp = totp_with(algorithm, 8, seed.to_vec(), "t").unwrap();
                assert_eq!(totp.generate(*time), *expected, "{algorithm:?} at {time}");
            }
            // The app's six digits are the same value modulo 10⁶.
            assert_eq!(
                code_at(SEED_SHA1, time / STEP_SECS).unwrap(),
                sha1[2..],
                "six digits at {time}"
            );
        }
    }

    #[test]
    fn codes_match_their_step_and_its_neighbours_only() {
        assert_eq!(new_secret().len(), 20);
        assert_ne!(new_secret(), new_secret());
        // A fixed secret and time: the codes two steps away are known not to collide with
        // the three accepted ones, so their refusal is a fact, not a likelihood.
        let secret = SEED_SHA1;
        let now = 1_700_000_015;
        let step = now / STEP_SECS;
        for (offset, accepted) in [(-2i64, false), (-1, true), (0, true), (1, true), (2, false)] {
            let at = step.checked_add_signed(offset).unwrap();
            let code = code_at(secret, at).unwrap();
            let found = matching_step(secret, &code, now).unwrap();
            assert_eq!(found, accepted.then_some(at), "offset {offset}");
        }
        assert_eq!(matching_step(secret, "abcdef", now).unwrap(), None);
        assert_eq!(matching_step(secret, "", now).unwrap(), None);
    }

    #[test]
    fn the_enrolment_carries_the_secret_the_uri_and_a_qr_code() {
        let secret = SEED_SHA1.to_vec();
        let e = enrolment(&secret, "sophie@example.be").unwrap();
        assert_eq!(e.secret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(
            e.uri,
            "otpauth://totp/KoproGo:sophie%40example.be?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=KoproGo"
        );
        assert!(e.qr_svg.contains("<svg") && e.qr_svg.contains("</svg>"));
        // A ':' in the name cannot break the label.
        assert!(enrolment(&secret, "a:b").is_ok());
    }
}
