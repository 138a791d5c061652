//! OpenID Connect login (issue 11): itsme®, the eID's federations or any provider, as
//! configuration. The relying party's half of the authorization code flow:
//!
//! - discovery and the provider's keys from its issuer, cached, the keys fetched again when a
//!   token names one we do not know (rotation), a bounded number of times per window;
//! - PKCE (S256), `state` and `nonce`, `acr_values` and `ui_locales` on the way out;
//! - `private_key_jwt` client authentication (RFC 7523) with the client's own RSA key,
//!   generated into the data directory on first run and published at `/oidc/jwks.json`;
//! - ID tokens signed then encrypted (a nested JWT, OIDC Core §16.14) decrypted by josekit
//!   with the client's encryption key, then checked by openidconnect: signature, issuer,
//!   audience, expiry, nonce; `acr` against the configured values.
//!
//! Every answer from outside is bounded (size, time) and parsed, never trusted: a provider
//! that is down, slow or answers nonsense is an `OidcFailure` with a code the user reads in
//! their language, and password login goes on as before.

use crate::domain::second_factor::ProviderInfo;
use crate::domain::{Locale, Role};
use openidconnect::core::{
    CoreAuthPrompt, CoreAuthenticationFlow, CoreClient, CoreIdToken, CoreIdTokenVerifier,
    CoreJsonWebKeySet, CoreJwsSigningAlgorithm, CoreProviderMetadata,
};
use openidconnect::{
    AuthenticationContextClass, ClientId, CsrfToken, IssuerUrl, LanguageTag, Nonce,
    PkceCodeChallenge, RedirectUrl, Scope,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};
use uuid::Uuid;

/// Discovery is read again after this long.
const METADATA_TTL: Duration = Duration::from_secs(3600);
/// An unknown `kid` refetches the keys, once per `kid` in this window and at most
/// `JWKS_REFETCHES_PER_WINDOW` times in it: a flood of tokens naming unknown keys does not
/// turn into a flood of requests to the provider, and a rotation is never held back by an
/// earlier unknown key.
const JWKS_REFRESH_SECS: u64 = 30;
const JWKS_REFETCHES_PER_WINDOW: usize = 3;
/// Largest discovery document, key set or token response read.
const MAX_DOCUMENT_BYTES: usize = 256 * 1024;
/// Largest ID token accepted (itsme's, encrypted, are about 3 KiB).
const MAX_TOKEN_BYTES: usize = 32 * 1024;
/// A login started at the provider must come back within this.
pub const PENDING_SECS: i64 = 10 * 60;
/// A step-up through a provider must have authenticated the user after it started, give or
/// take this much clock difference.
const CLOCK_SKEW_SECS: i64 = 60;

/// How the client proves itself at the token endpoint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientAuth {
    /// RFC 7523: a JWT signed with the client's key (itsme's recommended method).
    #[default]
    PrivateKeyJwt,
    ClientSecretBasic,
    ClientSecretPost,
}

/// One provider, as configured in the providers file (`[[provider]]`, TOML).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderConfig {
    /// A short id in URLs and the database: `itsme`.
    pub id: String,
    /// What the login button says: `itsme®`.
    pub name: String,
    pub issuer: String,
    pub client_id: String,
    #[serde(default)]
    pub client_auth: ClientAuth,
    /// For the client-secret methods: a file holding the secret (never inline).
    #[serde(default)]
    pub client_secret_file: Option<PathBuf>,
    /// `openid` is always sent; itsme also needs `service:<SERVICE_CODE>`.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// Requested, and the only ones accepted back in `acr` (none: any).
    #[serde(default)]
    pub acr_values: Vec<String>,
    /// A login through this provider is more than a password (itsme: the phone and its PIN
    /// or biometrics): it meets a policy that requires a second factor, and a step-up.
    #[serde(default)]
    pub multi_factor: bool,
    /// The roles that may log in with it (none: everyone).
    #[serde(default)]
    pub roles: Vec<Role>,
    /// The provider was registered to encrypt ID tokens: a plain one is refused.
    #[serde(default)]
    pub encrypted_id_token: bool,
    /// Seconds a request to the provider may take.
    #[serde(default = "default_timeout")]
    pub timeout_secs: u64,
}

fn default_timeout() -> u64 {
    10
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProvidersFile {
    #[serde(default, rename = "provider")]
    providers: Vec<ProviderConfig>,
}

/// Reads the providers file; every mistake is named (which provider, which field).
pub fn read_providers(path: &Path) -> Result<Vec<ProviderConfig>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let file: ProvidersFile =
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut seen = std::collections::HashSet::new();
    for p in &file.providers {
        let valid_id = !p.id.is_empty()
            && p.id.len() <= 32
            && p.id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid_id {
            return Err(format!("provider id {:?}: 1 to 32 of a-z, 0-9 and -", p.id));
        }
        if !seen.insert(p.id.clone()) {
            return Err(format!("provider id {:?} given twice", p.id));
        }
        endpoint_allowed(&p.issuer).map_err(|e| format!("provider {}: issuer {e}", p.id))?;
        if p.client_auth != ClientAuth::PrivateKeyJwt && p.client_secret_file.is_none() {
            return Err(format!("provider {}: client_secret_file is needed", p.id));
        }
    }
    Ok(file.providers)
}

/// Providers are reached over https; plain http only on loopback (a provider in tests or
/// a development machine).
fn endpoint_allowed(url: &str) -> Result<url::Url, String> {
    let parsed = url::Url::parse(url).map_err(|e| format!("{url:?}: {e}"))?;
    let loopback = matches!(
        parsed.host(),
        Some(url::Host::Ipv4(ip)) if ip.is_loopback()
    ) || matches!(parsed.host(), Some(url::Host::Ipv6(ip)) if ip.is_loopback())
        || parsed.host_str() == Some("localhost");
    match parsed.scheme() {
        "https" => Ok(parsed),
        "http" if loopback => Ok(parsed),
        _ => Err(format!("{url:?}: must be https")),
    }
}

/// The client's own keys: one to sign its assertions, one the providers encrypt to.
pub struct ClientKeys {
    signing: josekit::jwk::Jwk,
    encryption: josekit::jwk::Jwk,
}

impl std::fmt::Debug for ClientKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientKeys")
            .field("signing", &self.signing.key_id())
            .field("encryption", &self.encryption.key_id())
            .finish()
    }
}

impl ClientKeys {
    /// Fresh keys (RSA 2048, the size itsme asks for).
    pub fn generate() -> Result<Self, String> {
        let make = |usage: &str, alg: Option<&str>| -> Result<josekit::jwk::Jwk, String> {
            let mut jwk = josekit::jwk::Jwk::generate_rsa_key(2048).map_err(|e| e.to_string())?;
            jwk.set_key_use(usage);
            if let Some(alg) = alg {
                jwk.set_algorithm(alg);
            }
            jwk.set_key_id(format!(
                "{usage}-{}",
                &Uuid::new_v4().simple().to_string()[..12]
            ));
            Ok(jwk)
        };
        Ok(ClientKeys {
            signing: make("sig", Some("RS256"))?,
            // No `alg`: the provider wraps with the algorithm it was registered for
            // (RSA-OAEP for itsme), and the key serves either.
            encryption: make("enc", None)?,
        })
    }

    /// The keys kept in `path` (private JWKs, mode 0600), made there on first run. Every
    /// replica must read the same file (a mounted secret), or providers would reach keys
    /// that a replica does not hold.
    pub fn load_or_generate(path: &Path) -> Result<Self, String> {
        if let Ok(text) = std::fs::read_to_string(path) {
            let set: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            let key = |usage: &str| -> Result<josekit::jwk::Jwk, String> {
                let found = set["keys"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|k| k["use"] == usage)
                    .ok_or_else(|| format!("{}: no {usage} key", path.display()))?;
                let map = found.as_object().cloned().unwrap_or_default();
                josekit::jwk::Jwk::from_map(map).map_err(|e| format!("{}: {e}", path.display()))
            };
            return Ok(ClientKeys {
                signing: key("sig")?,
                encryption: key("enc")?,
            });
        }
        let keys = Self::generate()?;
        let set = serde_json::json!({ "keys": [
            serde_json::Value::Object(keys.signing.as_ref().clone()),
            serde_json::Value::Object(keys.encryption.as_ref().clone()),
        ]});
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options
            .open(path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        std::io::Write::write_all(&mut file, set.to_string().as_bytes())
            .map_err(|e| e.to_string())?;
        tracing::info!(path = %path.display(), "generated the OpenID Connect client keys");
        Ok(keys)
    }

    /// The public half, for `/oidc/jwks.json`.
    pub fn public_jwks(&self) -> serde_json::Value {
        // josekit's public half keeps `use` but not `kid` and `alg`, which providers match
        // the assertion's header against.
        let public = |jwk: &josekit::jwk::Jwk| {
            let Ok(mut public) = jwk.to_public_key() else {
                return serde_json::Value::Null;
            };
            if let Some(kid) = jwk.key_id() {
                public.set_key_id(kid);
            }
            if let Some(alg) = jwk.algorithm() {
                public.set_algorithm(alg);
            }
            serde_json::Value::Object(public.as_ref().clone())
        };
        serde_json::json!({ "keys": [public(&self.signing), public(&self.encryption)] })
    }

    /// The client assertion of RFC 7523 §2.2 for one token request: short-lived, with a
    /// unique `jti` so that it cannot be replayed.
    fn assertion(&self, client_id: &str, audience: &str) -> Result<String, OidcFailure> {
        let mut header = josekit::jws::JwsHeader::new();
        header.set_token_type("JWT");
        if let Some(kid) = self.signing.key_id() {
            header.set_key_id(kid);
        }
        let mut payload = josekit::jwt::JwtPayload::new();
        payload.set_issuer(client_id);
        payload.set_subject(client_id);
        payload.set_audience(vec![audience]);
        payload.set_jwt_id(Uuid::new_v4().to_string());
        let now = SystemTime::now();
        payload.set_issued_at(&now);
        payload.set_expires_at(&(now + Duration::from_secs(60)));
        let signer = josekit::jws::RS256
            .signer_from_jwk(&self.signing)
            .map_err(|e| OidcFailure::internal(&e))?;
        josekit::jwt::encode_with_signer(&payload, &header, &signer)
            .map_err(|e| OidcFailure::internal(&e))
    }

    /// The inner JWS of a nested JWT encrypted to our key. Only the RSA-OAEP key wraps
    /// are accepted, and no compression (a compressed payload could be a bomb).
    fn decrypt(&self, jwe: &str) -> Result<String, OidcFailure> {
        let header_b64 = jwe.split('.').next().unwrap_or_default();
        let header: serde_json::Value =
            base64_json(header_b64).ok_or(OidcFailure::Invalid("unreadable JWE header"))?;
        if header.get("zip").is_some() {
            return Err(OidcFailure::Invalid("compressed JWE"));
        }
        let algorithm = match header["alg"].as_str() {
            Some("RSA-OAEP") => josekit::jwe::RSA_OAEP,
            Some("RSA-OAEP-256") => josekit::jwe::RSA_OAEP_256,
            _ => return Err(OidcFailure::Invalid("JWE key wrap not accepted")),
        };
        let accepted_enc = [
            "A128CBC-HS256",
            "A192CBC-HS384",
            "A256CBC-HS512",
            "A128GCM",
            "A192GCM",
            "A256GCM",
        ];
        if !header["enc"]
            .as_str()
            .is_some_and(|e| accepted_enc.contains(&e))
        {
            return Err(OidcFailure::Invalid("JWE content encryption not accepted"));
        }
        // A `kid` is optional in the header (OIDC Core §10.2); when given it must be ours.
        if let Some(kid) = header.get("kid")
            && kid.as_str() != self.encryption.key_id()
        {
            return Err(OidcFailure::Invalid("JWE for another key"));
        }
        // josekit insists on the header's kid when the key has one: the key without it.
        let mut key = self.encryption.as_ref().clone();
        key.remove("kid");
        let key = josekit::jwk::Jwk::from_map(key).map_err(|e| OidcFailure::internal(&e))?;
        let decrypter = algorithm
            .decrypter_from_jwk(&key)
            .map_err(|e| OidcFailure::internal(&e))?;
        let (payload, _) = josekit::jwe::deserialize_compact(jwe, &decrypter).map_err(|e| {
            tracing::debug!(%e, "JWE does not decrypt");
            OidcFailure::Invalid("JWE does not decrypt")
        })?;
        String::from_utf8(payload).map_err(|_| OidcFailure::Invalid("JWE payload is not text"))
    }
}

fn wall_clock_secs() -> i64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

fn base64_json(part: &str) -> Option<serde_json::Value> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part)
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// What went wrong with a provider. `code()` is what the user reads (translated); the
/// variant and its reason are what the log and the audit keep. Never a token in either.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OidcFailure {
    #[error("unknown provider")]
    UnknownProvider,
    /// Down, slow, or an HTTP error.
    #[error("provider unavailable: {0}")]
    Unavailable(String),
    /// It answered something that is not what the protocol says.
    #[error("provider answered nonsense: {0}")]
    Nonsense(&'static str),
    /// It refused (`error=` on the redirect or at the token endpoint).
    #[error("provider refused: {0}")]
    Refused(String),
    /// The user cancelled at the provider.
    #[error("cancelled at the provider")]
    Cancelled,
    /// The ID token failed a check: signature, issuer, audience, expiry, nonce.
    #[error("ID token refused: {0}")]
    Invalid(&'static str),
    /// The level reached (`acr`) is not one the configuration accepts.
    #[error("assurance level not reached")]
    LevelNotReached,
    /// The login at the provider was not fresh enough for a step-up.
    #[error("authentication not fresh")]
    NotFresh,
    /// The callback does not belong to a login this browser started (or it expired).
    #[error("no pending login")]
    NoPendingLogin,
    #[error("internal: {0}")]
    Internal(String),
}

impl OidcFailure {
    fn internal(err: &dyn std::fmt::Display) -> Self {
        OidcFailure::Internal(err.to_string())
    }

    /// The message key shown to the user.
    pub fn code(&self) -> &'static str {
        match self {
            OidcFailure::UnknownProvider => "oidc.unknown_provider",
            OidcFailure::Unavailable(_) | OidcFailure::Nonsense(_) | OidcFailure::Internal(_) => {
                "oidc.unavailable"
            }
            OidcFailure::Refused(_) | OidcFailure::Invalid(_) => "oidc.refused",
            OidcFailure::Cancelled => "oidc.cancelled",
            OidcFailure::LevelNotReached => "oidc.level_not_reached",
            OidcFailure::NotFresh => "oidc.not_fresh",
            OidcFailure::NoPendingLogin => "oidc.expired",
        }
    }

    /// A short reason for the log and the audit.
    pub fn reason(&self) -> String {
        self.to_string()
    }
}

/// Why the browser goes to the provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    /// Log in with a linked identity.
    Login,
    /// Link (or re-bind) the provider's identity to the logged-in user.
    Link,
    /// Prove again who one is before a sensitive change.
    StepUp,
}

impl Intent {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "login" => Some(Intent::Login),
            "link" => Some(Intent::Link),
            "step_up" => Some(Intent::StepUp),
            _ => None,
        }
    }

    /// Where the browser comes back to when the start gave no (acceptable) path.
    pub fn default_return(self) -> &'static str {
        match self {
            Intent::Login => "/",
            Intent::Link => "/settings#identities",
            Intent::StepUp => "/settings",
        }
    }
}

/// A login on its way to the provider, kept in the browser's session until it comes back.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pending {
    pub provider: String,
    pub state: String,
    pub nonce: String,
    pub verifier: String,
    pub intent: Intent,
    /// A local path to go back to.
    pub return_to: String,
    /// Unix seconds, by the app's clock (the pending login's expiry).
    pub at: i64,
    /// Unix seconds by the system clock, which the provider's `auth_time` is compared with
    /// (as the ID token's `exp` and `iat` are, by openidconnect).
    #[serde(default)]
    pub wall_at: i64,
    /// Who started a link or a step-up: the callback must come to the same user.
    pub user_id: Option<Uuid>,
}

/// What a provider vouched for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub provider: String,
    pub issuer: String,
    pub subject: String,
    pub acr: Option<String>,
    pub amr: Vec<String>,
    pub multi_factor: bool,
}

struct Provider {
    config: ProviderConfig,
    secret: Option<String>,
    discovered: tokio::sync::Mutex<Option<Discovered>>,
}

#[derive(Clone)]
struct Discovered {
    metadata: CoreProviderMetadata,
    jwks: CoreJsonWebKeySet,
    fetched: Instant,
    /// The unknown `kid`s the key set was read again for, and when.
    refetched_for: Vec<(String, Instant)>,
}

/// The configured providers, the client's keys, and what was discovered of each provider.
#[derive(Clone)]
pub struct Oidc {
    inner: Arc<Inner>,
}

struct Inner {
    providers: Vec<Provider>,
    /// None without providers: nothing to sign or decrypt.
    keys: Option<ClientKeys>,
    redirect_url: String,
    http: reqwest::Client,
}

impl std::fmt::Debug for Oidc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Oidc")
            .field("providers", &self.inner.providers.len())
            .finish()
    }
}

/// The one redirect URI registered with every provider.
pub const CALLBACK_PATH: &str = "/api/v1/auth/oidc/callback";

impl Oidc {
    /// `public_url` is where providers send the browser back (`CALLBACK_PATH` under it).
    pub fn new(
        providers: Vec<ProviderConfig>,
        keys: Option<ClientKeys>,
        public_url: &str,
    ) -> Result<Self, String> {
        if !providers.is_empty() && keys.is_none() {
            return Err("OpenID Connect providers need the client's keys".into());
        }
        let http = reqwest::Client::builder()
            // Discovery names the endpoints; a redirect elsewhere is not followed.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(5))
            .user_agent(concat!("KoproGo/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| e.to_string())?;
        let providers = providers
            .into_iter()
            .map(|config| {
                let secret = match &config.client_secret_file {
                    Some(path) => Some(
                        std::fs::read_to_string(path)
                            .map_err(|e| format!("{}: {e}", path.display()))?
                            .trim()
                            .to_owned(),
                    ),
                    None => None,
                };
                Ok(Provider {
                    config,
                    secret,
                    discovered: tokio::sync::Mutex::new(None),
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Oidc {
            inner: Arc::new(Inner {
                providers,
                keys,
                redirect_url: format!("{}{CALLBACK_PATH}", public_url.trim_end_matches('/')),
                http,
            }),
        })
    }

    /// No provider configured: the login page shows no button.
    pub fn none() -> Self {
        Oidc::new(Vec::new(), None, "http://localhost").expect("no providers")
    }

    pub fn public_jwks(&self) -> serde_json::Value {
        match &self.inner.keys {
            Some(keys) => keys.public_jwks(),
            None => serde_json::json!({ "keys": [] }),
        }
    }

    fn keys(&self) -> Result<&ClientKeys, OidcFailure> {
        self.inner
            .keys
            .as_ref()
            .ok_or_else(|| OidcFailure::Internal("no client keys".into()))
    }

    pub fn providers(&self) -> Vec<ProviderInfo> {
        self.inner
            .providers
            .iter()
            .map(|p| ProviderInfo {
                id: p.config.id.clone(),
                name: p.config.name.clone(),
                multi_factor: p.config.multi_factor,
            })
            .collect()
    }

    pub fn provider_name(&self, id: &str) -> Option<String> {
        self.provider(id).ok().map(|p| p.config.name.clone())
    }

    /// Whether `roles` may use the provider (at least one of them is allowed).
    pub fn allows(&self, id: &str, superadmin: bool, roles: &[Role]) -> bool {
        self.provider(id).is_ok_and(|p| {
            p.config.roles.is_empty()
                || superadmin
                || roles.iter().any(|r| p.config.roles.contains(r))
        })
    }

    fn provider(&self, id: &str) -> Result<&Provider, OidcFailure> {
        self.inner
            .providers
            .iter()
            .find(|p| p.config.id == id)
            .ok_or(OidcFailure::UnknownProvider)
    }

    /// Where to send the browser, and what to keep until it comes back.
    pub async fn begin(
        &self,
        provider_id: &str,
        intent: Intent,
        return_to: String,
        locale: Locale,
        user_id: Option<Uuid>,
        now: i64,
    ) -> Result<(String, Pending), OidcFailure> {
        let provider = self.provider(provider_id)?;
        let discovered = self.discovered(provider, None).await?;
        let redirect = RedirectUrl::new(self.inner.redirect_url.clone())
            .map_err(|e| OidcFailure::internal(&e))?;
        let client = CoreClient::from_provider_metadata(
            discovered.metadata.clone(),
            ClientId::new(provider.config.client_id.clone()),
            None,
        )
        .set_redirect_uri(redirect);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge)
            .add_ui_locale(LanguageTag::new(locale.as_str().to_owned()));
        for scope in provider.config.scopes.iter().filter(|s| *s != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        for acr in &provider.config.acr_values {
            request = request.add_auth_context_value(AuthenticationContextClass::new(acr.clone()));
        }
        if intent == Intent::StepUp {
            // A step-up proves who is at the keyboard now, not a session at the provider.
            request = request.add_prompt(CoreAuthPrompt::Login);
        }
        let (url, state, nonce) = request.url();
        Ok((
            url.to_string(),
            Pending {
                provider: provider_id.to_owned(),
                state: state.secret().clone(),
                nonce: nonce.secret().clone(),
                verifier: verifier.secret().clone(),
                intent,
                return_to,
                at: now,
                wall_at: wall_clock_secs(),
                user_id,
            },
        ))
    }

    /// The code exchanged and the ID token checked.
    pub async fn complete(&self, pending: &Pending, code: &str) -> Result<Verified, OidcFailure> {
        let provider = self.provider(&pending.provider)?;
        if code.is_empty() || code.len() > 2048 {
            return Err(OidcFailure::Nonsense("authorization code"));
        }
        let discovered = self.discovered(provider, None).await?;
        let token_endpoint = discovered
            .metadata
            .token_endpoint()
            .ok_or(OidcFailure::Nonsense("no token endpoint"))?
            .url()
            .clone();
        endpoint_allowed(token_endpoint.as_str())
            .map_err(|_| OidcFailure::Nonsense("token endpoint"))?;
        let config = &provider.config;
        let mut form: Vec<(&str, String)> = vec![
            ("grant_type", "authorization_code".into()),
            ("code", code.to_owned()),
            ("redirect_uri", self.inner.redirect_url.clone()),
            ("code_verifier", pending.verifier.clone()),
            ("client_id", config.client_id.clone()),
        ];
        let mut request = self
            .inner
            .http
            .post(token_endpoint.clone())
            .timeout(Duration::from_secs(config.timeout_secs))
            .header(reqwest::header::ACCEPT, "application/json");
        match config.client_auth {
            ClientAuth::PrivateKeyJwt => {
                // RFC 7523 §3: the audience is the token endpoint (itsme checks it so).
                let assertion = self
                    .keys()?
                    .assertion(&config.client_id, token_endpoint.as_str())?;
                form.push((
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".into(),
                ));
                form.push(("client_assertion", assertion));
            }
            ClientAuth::ClientSecretPost => {
                form.push(("client_secret", provider.secret.clone().unwrap_or_default()));
            }
            ClientAuth::ClientSecretBasic => {
                request = request.basic_auth(&config.client_id, provider.secret.as_deref());
            }
        }
        let response = request
            .form(&form)
            .send()
            .await
            .map_err(|e| OidcFailure::Unavailable(without_url(e)))?;
        let status = response.status();
        let body = read_bounded(response, MAX_DOCUMENT_BYTES).await?;
        #[derive(Deserialize)]
        struct TokenResponse {
            id_token: Option<String>,
            error: Option<String>,
            error_description: Option<String>,
        }
        let parsed: Option<TokenResponse> = serde_json::from_slice(&body).ok();
        if !status.is_success() {
            return Err(
                match parsed.and_then(|p| Some((p.error?, p.error_description))) {
                    Some((error, description)) if status.is_client_error() => {
                        OidcFailure::Refused(format!(
                            "{} {}",
                            short(&error),
                            short(&description.unwrap_or_default())
                        ))
                    }
                    _ => OidcFailure::Unavailable(format!("token endpoint answered {status}")),
                },
            );
        }
        let id_token = parsed
            .ok_or(OidcFailure::Nonsense("token response is not JSON"))?
            .id_token
            .ok_or(OidcFailure::Nonsense("no ID token"))?;
        if id_token.len() > MAX_TOKEN_BYTES {
            return Err(OidcFailure::Nonsense("ID token too large"));
        }
        let jws = match id_token.split('.').count() {
            5 => self.keys()?.decrypt(&id_token)?,
            3 if config.encrypted_id_token => {
                return Err(OidcFailure::Invalid("ID token not encrypted"));
            }
            3 => id_token,
            _ => return Err(OidcFailure::Nonsense("ID token is not a JWT")),
        };
        let token = CoreIdToken::from_str(&jws)
            .map_err(|_| OidcFailure::Nonsense("ID token unreadable"))?;
        let nonce = Nonce::new(pending.nonce.clone());
        let verify = |jwks: CoreJsonWebKeySet| -> Result<Verified, ClaimsFailure> {
            let verifier = CoreIdTokenVerifier::new_public_client(
                ClientId::new(config.client_id.clone()),
                IssuerUrl::new(config.issuer.clone())
                    .map_err(|_| ClaimsFailure::Other("issuer"))?,
                jwks,
            )
            .set_allowed_algs([
                CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
                CoreJwsSigningAlgorithm::RsaSsaPssSha256,
                CoreJwsSigningAlgorithm::EcdsaP256Sha256,
            ]);
            let claims = token
                .claims(&verifier, &nonce)
                .map_err(ClaimsFailure::from)?;
            Ok(Verified {
                provider: pending.provider.clone(),
                issuer: claims.issuer().as_str().to_owned(),
                subject: claims.subject().as_str().to_owned(),
                acr: claims.auth_context_ref().map(|a| a.as_str().to_owned()),
                amr: claims
                    .auth_method_refs()
                    .map(|v| v.iter().map(|m| m.as_str().to_owned()).collect())
                    .unwrap_or_default(),
                multi_factor: config.multi_factor,
            })
            .and_then(|v| {
                // auth_time is checked here, where the claims are still at hand.
                if pending.intent == Intent::StepUp
                    && claims
                        .auth_time()
                        .is_some_and(|t| t.timestamp() < pending.wall_at - CLOCK_SKEW_SECS)
                {
                    return Err(ClaimsFailure::NotFresh);
                }
                Ok(v)
            })
        };
        let verified = match verify(discovered.jwks.clone()) {
            Err(ClaimsFailure::UnknownKey) => {
                // The provider may have rotated its keys since we read them.
                let kid = jws
                    .split('.')
                    .next()
                    .and_then(base64_json)
                    .and_then(|header| header["kid"].as_str().map(str::to_owned))
                    .unwrap_or_default();
                let refreshed = self.discovered(provider, Some(&kid)).await?;
                verify(refreshed.jwks)
            }
            other => other,
        }
        .map_err(|failure| failure.into_failure())?;
        if !config.acr_values.is_empty()
            && !verified
                .acr
                .as_ref()
                .is_some_and(|acr| config.acr_values.contains(acr))
        {
            return Err(OidcFailure::LevelNotReached);
        }
        if verified.subject.len() > 255 || verified.issuer.len() > 255 {
            return Err(OidcFailure::Nonsense("subject too long"));
        }
        Ok(verified)
    }

    /// What discovery said, read again when older than `METADATA_TTL`; with `unknown_kid`,
    /// the key set read again (within the bounds of `JWKS_REFETCHES_PER_WINDOW`).
    async fn discovered(
        &self,
        provider: &Provider,
        unknown_kid: Option<&str>,
    ) -> Result<Discovered, OidcFailure> {
        // Held across the fetch: concurrent logins wait for one request, not send many.
        let mut slot = provider.discovered.lock().await;
        let timeout = Duration::from_secs(provider.config.timeout_secs);
        match slot.as_mut() {
            Some(found) if found.fetched.elapsed() < METADATA_TTL => {
                if let Some(kid) = unknown_kid {
                    let window = Duration::from_secs(JWKS_REFRESH_SECS);
                    found.refetched_for.retain(|(_, at)| at.elapsed() < window);
                    let allowed = found.refetched_for.len() < JWKS_REFETCHES_PER_WINDOW
                        && !found.refetched_for.iter().any(|(k, _)| k == kid);
                    if allowed {
                        found.refetched_for.push((kid.to_owned(), Instant::now()));
                        let uri = found.metadata.jwks_uri().url().to_string();
                        found.jwks = self.fetch_json(&uri, timeout).await?;
                    }
                }
                return Ok(found.clone());
            }
            _ => {}
        }
        let issuer = provider.config.issuer.trim_end_matches('/');
        let metadata: CoreProviderMetadata = self
            .fetch_json(
                &format!("{issuer}/.well-known/openid-configuration"),
                timeout,
            )
            .await?;
        // OIDC Discovery §4.3: the document must name the issuer it was fetched for.
        if metadata.issuer().as_str().trim_end_matches('/') != issuer {
            return Err(OidcFailure::Nonsense("discovery names another issuer"));
        }
        let jwks_uri = metadata.jwks_uri().url().to_string();
        endpoint_allowed(&jwks_uri).map_err(|_| OidcFailure::Nonsense("jwks_uri"))?;
        endpoint_allowed(metadata.authorization_endpoint().url().as_str())
            .map_err(|_| OidcFailure::Nonsense("authorization endpoint"))?;
        let jwks: CoreJsonWebKeySet = self.fetch_json(&jwks_uri, timeout).await?;
        let found = Discovered {
            metadata,
            jwks,
            fetched: Instant::now(),
            refetched_for: Vec::new(),
        };
        *slot = Some(found.clone());
        Ok(found)
    }

    async fn fetch_json<T: serde::de::DeserializeOwned>(
        &self,
        url: &str,
        timeout: Duration,
    ) -> Result<T, OidcFailure> {
        endpoint_allowed(url).map_err(|_| OidcFailure::Nonsense("endpoint is not https"))?;
        let response = self
            .inner
            .http
            .get(url)
            .timeout(timeout)
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| OidcFailure::Unavailable(without_url(e)))?;
        if !response.status().is_success() {
            return Err(OidcFailure::Unavailable(format!(
                "{} answered {}",
                short(url),
                response.status()
            )));
        }
        let body = read_bounded(response, MAX_DOCUMENT_BYTES).await?;
        serde_json::from_slice(&body)
            .map_err(|_| OidcFailure::Nonsense("document is not what discovery says"))
    }
}

/// The claims checks, sorted for the caller: an unknown key is retried after a refresh.
enum ClaimsFailure {
    UnknownKey,
    NotFresh,
    Other(&'static str),
}

impl From<openidconnect::ClaimsVerificationError> for ClaimsFailure {
    fn from(err: openidconnect::ClaimsVerificationError) -> Self {
        use openidconnect::{ClaimsVerificationError as E, SignatureVerificationError as S};
        match err {
            E::SignatureVerification(S::NoMatchingKey) => ClaimsFailure::UnknownKey,
            E::SignatureVerification(_) => ClaimsFailure::Other("signature"),
            E::Expired(_) => ClaimsFailure::Other("expired"),
            E::InvalidAudience(_) => ClaimsFailure::Other("audience"),
            E::InvalidIssuer(_) => ClaimsFailure::Other("issuer"),
            E::InvalidNonce(_) => ClaimsFailure::Other("nonce"),
            E::InvalidSubject(_) => ClaimsFailure::Other("subject"),
            E::InvalidAuthTime(_) => ClaimsFailure::NotFresh,
            _ => ClaimsFailure::Other("claims"),
        }
    }
}

impl ClaimsFailure {
    fn into_failure(self) -> OidcFailure {
        match self {
            ClaimsFailure::UnknownKey => OidcFailure::Invalid("unknown signing key"),
            ClaimsFailure::NotFresh => OidcFailure::NotFresh,
            ClaimsFailure::Other(what) => OidcFailure::Invalid(what),
        }
    }
}

/// A transport error without its URL (which can carry a code in its query).
fn without_url(err: reqwest::Error) -> String {
    let kind = if err.is_timeout() {
        "timeout"
    } else if err.is_connect() {
        "connection refused"
    } else {
        "transport error"
    };
    kind.to_owned()
}

/// Text from outside, cut for a log line.
fn short(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_graphic() || *c == ' ')
        .take(100)
        .collect()
}

async fn read_bounded(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Vec<u8>, OidcFailure> {
    if response
        .content_length()
        .is_some_and(|n| n as usize > limit)
    {
        return Err(OidcFailure::Nonsense("answer too large"));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| OidcFailure::Unavailable(without_url(e)))?
    {
        if body.len() + chunk.len() > limit {
            return Err(OidcFailure::Nonsense("answer too large"));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// A `return_to` from the query: a path on this site, or the default. `//host` and
/// `/\host` are other sites to a browser.
pub fn local_path(raw: Option<&str>, default: &str) -> String {
    match raw {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && path.len() <= 512
                && path.chars().all(|c| !c.is_control()) =>
        {
            path.to_owned()
        }
        _ => default.to_owned(),
    }
}

/// The state of a callback and the pending one compared in constant time.
pub fn same_state(given: &str, pending: &str) -> bool {
    use sha2::Digest;
    let a = sha2::Sha256::digest(given.as_bytes());
    let b = sha2::Sha256::digest(pending.as_bytes());
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

/// The providers in use, by id: what an account page shows for each linked identity.
pub fn names(oidc: &Oidc) -> HashMap<String, String> {
    oidc.providers()
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_paths_stay_on_the_site() {
        assert_eq!(local_path(Some("/settings#x"), "/"), "/settings#x");
        for hostile in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "settings",
            "/a\nb",
        ] {
            assert_eq!(local_path(Some(hostile), "/"), "/", "{hostile:?}");
        }
        assert_eq!(local_path(None, "/home"), "/home");
    }

    #[test]
    fn providers_are_https_except_on_loopback() {
        assert!(endpoint_allowed("https://idp.prd.itsme.services/v2").is_ok());
        assert!(endpoint_allowed("http://127.0.0.1:4000").is_ok());
        assert!(endpoint_allowed("http://localhost:4000").is_ok());
        assert!(endpoint_allowed("http://idp.example.be").is_err());
        assert!(endpoint_allowed("file:///etc/passwd").is_err());
    }

    #[test]
    fn states_compare_exactly() {
        assert!(same_state("abc", "abc"));
        assert!(!same_state("abc", "abd"));
        assert!(!same_state("", "abc"));
    }

    #[test]
    fn the_providers_file_names_its_mistakes() {
        let dir = std::env::temp_dir().join(format!("koprogo-oidc-{}", Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("providers.toml");
        let write = |text: &str| std::fs::write(&path, text).unwrap();
        write(
            r#"
[[provider]]
id = "itsme"
name = "itsme®"
issuer = "https://idp.prd.itsme.services/v2"
client_id = "my-client"
scopes = ["openid", "service:KOPROGO_LOGIN"]
acr_values = ["http://itsme.services/v2/claim/acr_advanced"]
multi_factor = true
encrypted_id_token = true
roles = ["owner", "board_member"]
"#,
        );
        let providers = read_providers(&path).unwrap();
        assert_eq!(providers[0].client_auth, ClientAuth::PrivateKeyJwt);
        assert_eq!(providers[0].roles, vec![Role::Owner, Role::BoardMember]);
        write(
            "[[provider]]\nid = \"Bad Id\"\nname = \"x\"\nissuer = \"https://x\"\nclient_id = \"c\"\n",
        );
        assert!(read_providers(&path).unwrap_err().contains("Bad Id"));
        write(
            "[[provider]]\nid = \"x\"\nname = \"x\"\nissuer = \"http://idp.example\"\nclient_id = \"c\"\n",
        );
        assert!(read_providers(&path).unwrap_err().contains("https"));
        write(
            "[[provider]]\nid = \"x\"\nname = \"x\"\nissuer = \"https://x\"\nclient_id = \"c\"\nclient_auth = \"client_secret_post\"\n",
        );
        assert!(
            read_providers(&path)
                .unwrap_err()
                .contains("client_secret_file")
        );
        write(
            "[[provider]]\nid = \"x\"\nname = \"x\"\nissuer = \"https://x\"\nclient_id = \"c\"\nclient_secret = \"inline\"\n",
        );
        assert!(
            read_providers(&path).is_err(),
            "an inline secret is refused"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn client_keys_are_kept_and_published_without_their_private_half() {
        let dir = std::env::temp_dir().join(format!("koprogo-keys-{}", Uuid::new_v4()));
        let path = dir.join("oidc-client-keys.json");
        let first = ClientKeys::load_or_generate(&path).unwrap();
        let again = ClientKeys::load_or_generate(&path).unwrap();
        assert_eq!(first.public_jwks(), again.public_jwks());
        let published = first.public_jwks().to_string();
        for private in ["\"d\"", "\"p\"", "\"q\"", "\"dp\""] {
            assert!(!published.contains(private), "{private} published");
        }
        // What a provider picks a key by: the assertion's `kid`, and each key's use.
        let set = first.public_jwks();
        let signing = &set["keys"][0];
        assert_eq!(signing["use"], "sig");
        assert_eq!(signing["alg"], "RS256");
        assert_eq!(signing["kid"].as_str(), first.signing.key_id());
        assert_eq!(set["keys"][1]["use"], "enc");
        assert!(set["keys"][1]["kid"].is_string());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_encrypted_token_decrypts_only_with_our_key_and_accepted_algorithms() {
        let keys = ClientKeys::generate().unwrap();
        let public = keys.encryption.to_public_key().unwrap();
        let encrypt = |alg: &str, enc: &str, zip: bool| {
            let mut header = josekit::jwe::JweHeader::new();
            header.set_content_encryption(enc);
            if zip {
                header.set_compression("DEF");
            }
            let encrypter: Box<dyn josekit::jwe::JweEncrypter> = match alg {
                "RSA-OAEP" => Box::new(josekit::jwe::RSA_OAEP.encrypter_from_jwk(&public).unwrap()),
                _ => Box::new(
                    josekit::jwe::RSA_OAEP_256
                        .encrypter_from_jwk(&public)
                        .unwrap(),
                ),
            };
            josekit::jwe::serialize_compact(b"a.b.c", &header, &*encrypter).unwrap()
        };
        assert_eq!(
            keys.decrypt(&encrypt("RSA-OAEP", "A128CBC-HS256", false))
                .unwrap(),
            "a.b.c"
        );
        assert_eq!(
            keys.decrypt(&encrypt("RSA-OAEP-256", "A256GCM", false))
                .unwrap(),
            "a.b.c"
        );
        assert!(
            keys.decrypt(&encrypt("RSA-OAEP", "A128CBC-HS256", true))
                .is_err()
        );
        let other = ClientKeys::generate().unwrap();
        assert!(
            other
                .decrypt(&encrypt("RSA-OAEP", "A128CBC-HS256", false))
                .is_err()
        );
    }
}
