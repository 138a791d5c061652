//! The second factor and how strongly a session proved who it is (issue 11). Pure rules:
//! what a typed code is, who must have a second factor, and when a sensitive change needs
//! the user to prove it again (step-up).
//!
//! - Codes are TOTP (RFC 6238: six digits, 30-second steps, checked on the server) or
//!   recovery codes: 16 characters of Crockford's base32 (80 random bits), shown as four
//!   groups of four. Crockford's alphabet has no I, L, O or U, and its decoding reads O as 0
//!   and I or L as 1, so a code copied from paper by hand still works.

use super::MembershipInfo;
use super::Role;
use serde::{Deserialize, Serialize};

/// A step-up lasts this long: GitHub's "sudo mode" keeps two hours, the ASVS (V3.7.1)
/// asks for re-authentication "before sensitive transactions"; a quarter of an hour covers
/// one task (changing a bank account and checking it) without asking twice.
pub const STEP_UP_WINDOW_SECS: i64 = 15 * 60;
/// Between a right password and its second factor: long enough to find one's phone.
pub const PENDING_LOGIN_SECS: i64 = 5 * 60;
/// A device the user chose to remember skips the second factor for this long (the issue).
pub const REMEMBER_DEVICE_DAYS: i64 = 30;
/// How many recovery codes a user gets at once.
pub const RECOVERY_CODES: usize = 10;
/// Characters of a recovery code, without its dashes.
pub const RECOVERY_CODE_LEN: usize = 16;
/// Crockford's base32 alphabet.
pub const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// How a user proved who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum AuthMethod {
    Password,
    /// A code of the authenticator app.
    Totp,
    /// One of the user's one-time recovery codes.
    RecoveryCode,
    /// A device the user chose to remember after a second factor.
    RememberedDevice,
    /// An OpenID Connect provider configured as one factor (a social or company login).
    Identity,
    /// An OpenID Connect provider configured as more than a password (itsme®: the phone
    /// and its PIN or biometrics), at the `acr` the session records.
    StrongIdentity,
}

impl AuthMethod {
    /// Whether the method is a factor beside the password.
    pub fn is_second_factor(self) -> bool {
        !matches!(self, AuthMethod::Password | AuthMethod::Identity)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            AuthMethod::Password => "auth_method.password",
            AuthMethod::Totp => "auth_method.totp",
            AuthMethod::RecoveryCode => "auth_method.recovery_code",
            AuthMethod::RememberedDevice => "auth_method.remembered_device",
            AuthMethod::Identity => "auth_method.identity",
            AuthMethod::StrongIdentity => "auth_method.strong_identity",
        }
    }
}

/// How a session authenticated: with which methods, when, and when it last proved it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Assurance {
    pub methods: Vec<AuthMethod>,
    /// Unix seconds of the login.
    pub authenticated_at: i64,
    /// Unix seconds of the last proof: the login, or a later step-up.
    pub verified_at: i64,
    /// The provider of an OpenID Connect login or step-up, and the level (`acr`) it vouched
    /// for: what a service that requires a level reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acr: Option<String>,
}

impl Assurance {
    pub fn login(methods: Vec<AuthMethod>, now: i64) -> Self {
        Assurance {
            methods,
            authenticated_at: now,
            verified_at: now,
            provider: None,
            acr: None,
        }
    }

    /// A login through an OpenID Connect provider.
    pub fn identity(method: AuthMethod, provider: &str, acr: Option<String>, now: i64) -> Self {
        Assurance {
            provider: Some(provider.to_owned()),
            acr,
            ..Assurance::login(vec![method], now)
        }
    }

    /// Whether the session reached `acr` at `provider` (the level a service requires, such
    /// as itsme's `acr_advanced` for a remote vote).
    pub fn reached(&self, provider: &str, acr: &str) -> bool {
        self.provider.as_deref() == Some(provider) && self.acr.as_deref() == Some(acr)
    }

    /// The provider and the level it vouched for, as a person reads them: itsme's
    /// `http://itsme.services/v2/claim/acr_advanced` is "itsme: advanced".
    pub fn level(&self) -> Option<String> {
        let provider = self.provider.as_deref()?;
        Some(match self.acr.as_deref() {
            Some(acr) => {
                let last = acr.rsplit(['/', ':']).next().unwrap_or(acr);
                format!("{provider}: {}", last.strip_prefix("acr_").unwrap_or(last))
            }
            None => provider.to_owned(),
        })
    }

    /// More than a password.
    pub fn multi_factor(&self) -> bool {
        self.methods.iter().any(|m| m.is_second_factor())
    }

    /// Whether the last proof is recent enough for a sensitive change. A proof dated in the
    /// future (a clock that went back) does not count for more than the window either.
    pub fn recently_verified(&self, now: i64) -> bool {
        let age = now - self.verified_at;
        (-60..=STEP_UP_WINDOW_SECS).contains(&age)
    }

    /// After a step-up with `method`.
    pub fn verified_again(&mut self, method: AuthMethod, now: i64) {
        self.verified_at = now;
        if !self.methods.contains(&method) {
            self.methods.push(method);
        }
    }
}

/// Who must log in with a second factor: the platform administrator always; in an
/// organisation whose security policy asks for it, its syndics and accountants (they handle
/// other people's money). The rule for the organisation the user acts in.
pub fn second_factor_required(is_superadmin: bool, membership: Option<&MembershipInfo>) -> bool {
    is_superadmin
        || membership.is_some_and(|m| {
            m.second_factor_required
                && m.roles
                    .iter()
                    .any(|r| matches!(r, Role::Syndic | Role::Accountant))
        })
}

/// A code as the user typed it, recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypedCode {
    /// Six digits.
    Totp(String),
    /// A recovery code, normalised: 16 characters of Crockford's alphabet.
    Recovery(String),
}

/// Reads a typed code: spaces and dashes are ignored (apps show `123 456`, paper
/// `ABCD-EFGH-…`), case too.
pub fn parse_code(raw: &str) -> Result<TypedCode, &'static str> {
    let compact: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if compact.is_empty() {
        return Err("second_factor.code_required");
    }
    if compact.len() == 6 && compact.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(TypedCode::Totp(compact));
    }
    if compact.chars().count() == RECOVERY_CODE_LEN {
        let normalised: Option<String> = compact.chars().map(crockford_digit).collect();
        if let Some(code) = normalised {
            return Ok(TypedCode::Recovery(code));
        }
    }
    Err("second_factor.code_invalid")
}

/// A character as Crockford's decoding reads it, or `None` outside the alphabet.
fn crockford_digit(c: char) -> Option<char> {
    let c = c.to_ascii_uppercase();
    let c = match c {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    (c.is_ascii() && CROCKFORD.contains(&(c as u8))).then_some(c)
}

/// A recovery code from random bytes (one character per byte's low five bits), normalised.
pub fn recovery_code_from(random: &[u8; RECOVERY_CODE_LEN]) -> String {
    random
        .iter()
        .map(|b| CROCKFORD[usize::from(b & 0x1f)] as char)
        .collect()
}

/// A normalised recovery code as shown: `ABCD-EFGH-JKMN-PQRS`.
pub fn format_recovery_code(code: &str) -> String {
    in_fours(code, "-")
}

/// Text in groups of four characters (both are ASCII: base32, Crockford's alphabet).
fn in_fours(text: &str, separator: &str) -> String {
    text.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(separator)
}

/// A browser's User-Agent as people name their devices: "Firefox · Android". Only the
/// families that matter for recognising one's own devices; anything else has no name (the
/// full string stays available beside it).
pub fn device_name(user_agent: &str) -> Option<String> {
    let has = |s: &str| user_agent.contains(s);
    // Order matters: Edge and Opera say Chrome too, Chrome says Safari.
    let browser = if has("Edg/") || has("EdgA/") || has("EdgiOS/") {
        "Edge"
    } else if has("OPR/") || has("Opera") {
        "Opera"
    } else if has("Firefox/") || has("FxiOS/") {
        "Firefox"
    } else if has("Chrome/") || has("CriOS/") || has("Chromium/") {
        "Chrome"
    } else if has("Safari/") {
        "Safari"
    } else {
        return None;
    };
    let system = if has("iPhone") {
        "iPhone"
    } else if has("iPad") {
        "iPad"
    } else if has("Android") {
        "Android"
    } else if has("Windows") {
        "Windows"
    } else if has("Mac OS X") || has("Macintosh") {
        "macOS"
    } else if has("CrOS") {
        "ChromeOS"
    } else if has("Linux") {
        "Linux"
    } else {
        return Some(browser.to_owned());
    };
    Some(format!("{browser} · {system}"))
}

/// A base32 key in groups of four, as authenticator apps accept it typed.
pub fn grouped(key: &str) -> String {
    in_fours(key, " ")
}

/// A browser's User-Agent as kept with a session or a remembered device: without control
/// characters, at most 200 of them.
pub fn device_label(user_agent: &str) -> String {
    user_agent
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect()
}

/// What the account page shows of the second factor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SecondFactorStatus {
    /// A confirmed authenticator app.
    pub enrolled: bool,
    pub enrolled_at: Option<chrono::DateTime<chrono::Utc>>,
    pub recovery_codes_left: u32,
    /// The platform, or an organisation the user works for, requires a second factor of them:
    /// it cannot be turned off.
    pub required: bool,
    pub remembered_devices: Vec<RememberedDevice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RememberedDevice {
    pub id: uuid::Uuid,
    /// The browser's description when it was remembered.
    pub label: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub last_used_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// An enrolment under way: the secret in the three forms an authenticator app takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TotpEnrolment {
    /// Base32, for typing into the app by hand.
    pub secret: String,
    /// The `otpauth://` URI the QR code holds.
    pub uri: String,
    /// The QR code as an SVG document.
    pub qr_svg: String,
}

/// Recovery codes, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
}

/// One of the user's open sessions, as the account page lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    /// A handle for revoking it: a hash of the session's id, never the id itself.
    pub id: String,
    /// The session this request came with.
    pub current: bool,
    /// The browser's description at login.
    pub label: String,
    pub assurance: Option<Assurance>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// An organisation's security policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SecurityPolicy {
    /// Its syndics and accountants must log in with a second factor.
    pub second_factor_required: bool,
}

/// An OpenID Connect provider, as the login page and the account page list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProviderInfo {
    pub id: String,
    pub name: String,
    /// A login through it counts as more than a password.
    pub multi_factor: bool,
}

/// A strong identity linked to the user's account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LinkedIdentity {
    pub id: uuid::Uuid,
    /// The provider's id in the configuration.
    pub provider: String,
    /// Its name, or the id when the provider is no longer configured.
    pub provider_name: String,
    pub linked_at: chrono::DateTime<chrono::Utc>,
    pub last_used_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The account page's identities section: what is linked, and what could be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Identities {
    pub linked: Vec<LinkedIdentity>,
    pub providers: Vec<ProviderInfo>,
}

/// The message keys a sign-in through a provider comes back with (`?oidc_error=`). A page
/// shows only these: a crafted link cannot make it print any other text.
pub const OIDC_ERROR_KEYS: &[&str] = &[
    "oidc.unknown_provider",
    "oidc.unavailable",
    "oidc.refused",
    "oidc.cancelled",
    "oidc.level_not_reached",
    "oidc.not_fresh",
    "oidc.expired",
    "oidc.not_linked",
    "oidc.role_not_allowed",
    "oidc.not_your_identity",
    "oidc.identity_taken",
    "oidc.already_linked",
    "oidc.rebind_needs_second_factor",
    "error.not_found",
    "error.unauthorized",
    "error.forbidden",
    "error.validation",
    "error.step_up_required",
    "error.internal",
];

/// The message key for an `oidc_error` query value, if it is one.
pub fn oidc_error_key(raw: &str) -> Option<&'static str> {
    OIDC_ERROR_KEYS.iter().copied().find(|key| *key == raw)
}

/// What a right password leads to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum LoginOutcome {
    /// Logged in; the user's language, so a hydrated page can switch to it at once.
    Done { locale: super::Locale },
    /// The account has a second factor: the code comes next.
    SecondFactor,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{OrganizationKind, OrganizationSummary, Slug};
    use uuid::Uuid;

    #[test]
    fn a_session_reads_its_provider_and_level() {
        let itsme = |acr: Option<&str>| {
            Assurance::identity(AuthMethod::StrongIdentity, "itsme", acr.map(Into::into), 0)
        };
        let advanced = itsme(Some("http://itsme.services/v2/claim/acr_advanced"));
        assert_eq!(advanced.level().as_deref(), Some("itsme: advanced"));
        assert!(advanced.reached("itsme", "http://itsme.services/v2/claim/acr_advanced"));
        assert!(!advanced.reached("itsme", "http://itsme.services/v2/claim/acr_basic"));
        assert!(!advanced.reached("other", "http://itsme.services/v2/claim/acr_advanced"));
        assert_eq!(
            itsme(Some("urn:eid:loa:high")).level().as_deref(),
            Some("itsme: high")
        );
        assert_eq!(itsme(None).level().as_deref(), Some("itsme"));
        assert_eq!(
            Assurance::login(vec![AuthMethod::Password], 0).level(),
            None
        );
        assert!(advanced.multi_factor());
        assert!(!Assurance::identity(AuthMethod::Identity, "google", None, 0).multi_factor());
    }

    #[test]
    fn only_known_refusals_come_back_from_a_provider() {
        assert_eq!(oidc_error_key("oidc.not_linked"), Some("oidc.not_linked"));
        assert_eq!(
            oidc_error_key("error.step_up_required"),
            Some("error.step_up_required")
        );
        for crafted in ["", "login.title", "oidc.", "<script>", "oidc.not_linked "] {
            assert_eq!(oidc_error_key(crafted), None, "{crafted:?}");
        }
    }

    fn membership(required: bool, roles: &[Role]) -> MembershipInfo {
        MembershipInfo {
            organization: OrganizationSummary {
                id: Uuid::from_u128(1),
                slug: Slug::parse("org").unwrap(),
                name: "Org".into(),
                kind: OrganizationKind::SyndicFirm,
            },
            roles: roles.to_vec(),
            buildings: Vec::new(),
            second_factor_required: required,
        }
    }

    #[test]
    fn the_policy_binds_syndics_and_accountants_and_the_platform_administrator_always() {
        use Role::*;
        for role in Role::ORGANIZATION_ROLES {
            let binds = matches!(role, Syndic | Accountant);
            assert_eq!(
                second_factor_required(false, Some(&membership(true, &[role]))),
                binds,
                "{role:?}"
            );
            assert!(!second_factor_required(
                false,
                Some(&membership(false, &[role]))
            ));
            assert!(second_factor_required(
                true,
                Some(&membership(false, &[role]))
            ));
        }
        assert!(second_factor_required(
            false,
            Some(&membership(true, &[Owner, Accountant]))
        ));
        assert!(!second_factor_required(false, None));
        assert!(second_factor_required(true, None));
    }

    #[test]
    fn codes_are_read_as_people_type_them() {
        assert_eq!(parse_code("123456"), Ok(TypedCode::Totp("123456".into())));
        assert_eq!(
            parse_code(" 123 456 "),
            Ok(TypedCode::Totp("123456".into()))
        );
        assert_eq!(parse_code(""), Err("second_factor.code_required"));
        assert_eq!(parse_code("  -- "), Err("second_factor.code_required"));
        assert_eq!(parse_code("12345"), Err("second_factor.code_invalid"));
        assert_eq!(parse_code("1234567"), Err("second_factor.code_invalid"));
        assert_eq!(parse_code("12345a"), Err("second_factor.code_invalid"));
        assert_eq!(
            parse_code("abcd-efgh-jkmn-pqrs"),
            Ok(TypedCode::Recovery("ABCDEFGHJKMNPQRS".into()))
        );
        // O, I and L as Crockford reads them; U is not in the alphabet.
        assert_eq!(
            parse_code("OIL0-0000-0000-0000"),
            Ok(TypedCode::Recovery("0110000000000000".into()))
        );
        assert_eq!(
            parse_code("UUUU-0000-0000-0000"),
            Err("second_factor.code_invalid")
        );
        assert_eq!(
            parse_code("ÀBCD-EFGH-JKMN-PQRS"),
            Err("second_factor.code_invalid")
        );
    }

    #[test]
    fn recovery_codes_round_trip_through_paper() {
        let bytes: [u8; RECOVERY_CODE_LEN] = std::array::from_fn(|i| (i * 37 + 11) as u8);
        let code = recovery_code_from(&bytes);
        assert_eq!(code.len(), RECOVERY_CODE_LEN);
        let shown = format_recovery_code(&code);
        assert_eq!(shown.len(), RECOVERY_CODE_LEN + 3);
        assert_eq!(shown.matches('-').count(), 3);
        assert_eq!(parse_code(&shown), Ok(TypedCode::Recovery(code.clone())));
        assert_eq!(
            parse_code(&shown.to_lowercase()),
            Ok(TypedCode::Recovery(code))
        );
        // Every byte value maps into the alphabet.
        for b in 0..=255u8 {
            let code = recovery_code_from(&[b; RECOVERY_CODE_LEN]);
            assert!(matches!(parse_code(&code), Ok(TypedCode::Recovery(_))));
        }
    }

    #[test]
    fn devices_are_named_as_people_know_them() {
        let cases = [
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/159.0.0.0 Safari/537.36",
                Some("Chrome · Windows"),
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
                Some("Edge · Windows"),
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
                Some("Safari · iPhone"),
            ),
            (
                "Mozilla/5.0 (Android 15; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0",
                Some("Firefox · Android"),
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
                Some("Safari · macOS"),
            ),
            (
                "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
                Some("Firefox · Linux"),
            ),
            ("curl/8.5.0", None),
            ("", None),
        ];
        for (ua, name) in cases {
            assert_eq!(device_name(ua).as_deref(), name, "{ua}");
        }
        assert_eq!(grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
    }

    #[test]
    fn a_step_up_lasts_a_quarter_of_an_hour() {
        let login = 1_000_000;
        let mut a = Assurance::login(vec![AuthMethod::Password], login);
        assert!(!a.multi_factor());
        assert!(a.recently_verified(login));
        assert!(a.recently_verified(login + STEP_UP_WINDOW_SECS));
        assert!(!a.recently_verified(login + STEP_UP_WINDOW_SECS + 1));
        // A clock that went back a little still counts; one far in the past does not.
        assert!(a.recently_verified(login - 30));
        assert!(!a.recently_verified(login - 3600));
        a.verified_again(AuthMethod::Totp, login + 3600);
        assert!(a.recently_verified(login + 3600 + 60));
        assert_eq!(a.authenticated_at, login);
        assert!(a.multi_factor());
        a.verified_again(AuthMethod::Totp, login + 7200);
        assert_eq!(a.methods, vec![AuthMethod::Password, AuthMethod::Totp]);
    }

    #[test]
    fn only_the_password_is_a_first_factor() {
        assert!(!AuthMethod::Password.is_second_factor());
        for m in [
            AuthMethod::Totp,
            AuthMethod::RecoveryCode,
            AuthMethod::RememberedDevice,
        ] {
            assert!(m.is_second_factor());
        }
    }
}
