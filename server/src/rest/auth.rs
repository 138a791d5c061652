use super::extract::{ApiJson, ApiPath, ApiUser};
use super::{ApiError, ErrorBody};
use app::domain::CurrentUser;
use app::domain::second_factor::{RecoveryCodes, SecondFactorStatus, SessionInfo, TotpEnrolment};
use app::domain::token::{ApiTokenInfo, CreatedApiToken};
use app::ssr::services::{accounts, second_factor, tokens};
use app::ssr::{AppState, auth};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    #[schema(example = "syndic@demo.koprogo.be")]
    pub email: String,
    pub password: String,
}

/// The answer to a right password when the account has a second factor.
#[derive(Debug, Serialize, ToSchema)]
pub struct SecondFactorNeeded {
    /// Always `second_factor`: send a code to `POST /auth/second-factor/verify`.
    #[schema(example = "second_factor")]
    pub status: &'static str,
}

fn client_of(client: Option<axum::Extension<app::ssr::ClientAddr>>) -> Option<std::net::IpAddr> {
    client.map(|c| c.0.0)
}

/// Starts a cookie session, or its first step when the account has a second factor.
#[utoipa::path(
    post, path = "/auth/login", tag = "auth",
    request_body = LoginRequest,
    security(()),
    responses(
        (status = 200, description = "Logged in; the session cookie is set", body = CurrentUser),
        (status = 202, description = "Right password; the account has a second factor: send its code within 5 minutes with the same cookie", body = SecondFactorNeeded),
        (status = 401, description = "Wrong e-mail or password", body = ErrorBody),
        (status = 422, description = "Missing fields", body = ErrorBody),
        (status = 429, description = "Too many attempts from this address, or on this account; see Retry-After", body = ErrorBody),
        (status = 503, description = "Too many password checks at once; see Retry-After", body = ErrorBody),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    session: Session,
    client: Option<axum::Extension<app::ssr::ClientAddr>>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<LoginRequest>,
) -> Result<Response, ApiError> {
    let check = state.check(client_of(client));
    let user = accounts::login(&state.db, check, &body.email, &body.password).await?;
    let device = auth::device_of(&headers);
    let label = auth::user_agent(&headers);
    Ok(
        match auth::after_password(&state, &session, user, device.as_deref(), &label).await? {
            auth::LoginStep::Done(user) => Json(user).into_response(),
            auth::LoginStep::SecondFactor => (
                StatusCode::ACCEPTED,
                Json(SecondFactorNeeded {
                    status: "second_factor",
                }),
            )
                .into_response(),
        },
    )
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SecondFactorRequest {
    /// Six digits of the authenticator app, or a recovery code (`ABCD-EFGH-JKMN-PQRS`).
    #[schema(example = "123456")]
    pub code: String,
    /// Skip the second factor on this device for 30 days (a cookie).
    #[serde(default)]
    pub remember_device: bool,
}

/// The second step of a login: the code, with the cookie of the first step.
#[utoipa::path(
    post, path = "/auth/second-factor/verify", tag = "auth",
    request_body = SecondFactorRequest,
    security(()),
    responses(
        (status = 200, description = "Logged in", body = CurrentUser),
        (status = 409, description = "No login waiting for a code (`second_factor.login_expired`): log in again", body = ErrorBody),
        (status = 422, description = "Wrong, used or malformed code (`fields.code`)", body = ErrorBody),
        (status = 429, description = "Too many attempts; see Retry-After", body = ErrorBody),
    )
)]
pub async fn verify_second_factor(
    State(state): State<AppState>,
    session: Session,
    client: Option<axum::Extension<app::ssr::ClientAddr>>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<SecondFactorRequest>,
) -> Result<Response, ApiError> {
    let label = auth::user_agent(&headers);
    let (user, device) = auth::second_step(
        &state,
        &session,
        client_of(client),
        &body.code,
        body.remember_device,
        &label,
    )
    .await?;
    let mut response = Json(user).into_response();
    if let Some(token) = device
        && let Ok(value) =
            HeaderValue::from_str(&auth::device_cookie(&token, state.settings.secure))
    {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct StepUpRequest {
    /// For a user with a second factor: a code of the app or a recovery code.
    #[serde(default)]
    pub code: String,
    /// For a user without one: their password.
    #[serde(default)]
    pub password: String,
}

/// Proves again who the caller is; sensitive changes (bank accounts, the security policy,
/// the second factor, API tokens) are then allowed for 15 minutes.
#[utoipa::path(
    post, path = "/auth/step-up", tag = "auth",
    request_body = StepUpRequest,
    responses(
        (status = 204, description = "Verified"),
        (status = 401, body = ErrorBody),
        (status = 403, description = "An API token cannot step up", body = ErrorBody),
        (status = 422, description = "Wrong code or password", body = ErrorBody),
        (status = 429, body = ErrorBody),
    )
)]
pub async fn step_up(
    State(state): State<AppState>,
    session: Session,
    client: Option<axum::Extension<app::ssr::ClientAddr>>,
    ApiUser(user): ApiUser,
    ApiJson(body): ApiJson<StepUpRequest>,
) -> Result<StatusCode, ApiError> {
    auth::step_up(
        &state,
        &session,
        client_of(client),
        &user,
        &body.code,
        &body.password,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's second factor: enrolled or not, recovery codes left, remembered devices.
#[utoipa::path(
    get, path = "/auth/second-factor", tag = "auth",
    responses((status = 200, body = SecondFactorStatus), (status = 401, body = ErrorBody))
)]
pub async fn second_factor_status(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<SecondFactorStatus>, ApiError> {
    Ok(Json(second_factor::status(&state.db, &user).await?))
}

/// Removes the caller's second factor (after a step-up), unless a policy requires one.
#[utoipa::path(
    delete, path = "/auth/second-factor", tag = "auth",
    responses(
        (status = 204),
        (status = 403, description = "`step_up_required`", body = ErrorBody),
        (status = 409, description = "`second_factor.required_by_policy`", body = ErrorBody),
    )
)]
pub async fn disable_second_factor(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<StatusCode, ApiError> {
    second_factor::disable(&state.db, &user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Starts enrolling an authenticator app: its secret, `otpauth://` URI and QR code (SVG).
#[utoipa::path(
    post, path = "/auth/second-factor/totp", tag = "auth",
    responses(
        (status = 200, body = TotpEnrolment),
        (status = 403, description = "`step_up_required`", body = ErrorBody),
        (status = 409, description = "`second_factor.already_enrolled`", body = ErrorBody),
    )
)]
pub async fn begin_totp(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<TotpEnrolment>, ApiError> {
    Ok(Json(
        second_factor::begin_enrolment(&state.db, &state.settings.data_key, &user).await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CodeRequest {
    #[schema(example = "123456")]
    pub code: String,
}

/// Confirms the enrolment with a first code; answers the ten recovery codes, shown once.
#[utoipa::path(
    post, path = "/auth/second-factor/totp/confirm", tag = "auth",
    request_body = CodeRequest,
    responses(
        (status = 200, body = RecoveryCodes),
        (status = 409, description = "`second_factor.no_enrolment`", body = ErrorBody),
        (status = 422, description = "Wrong code (`fields.code`)", body = ErrorBody),
        (status = 429, body = ErrorBody),
    )
)]
pub async fn confirm_totp(
    State(state): State<AppState>,
    client: Option<axum::Extension<app::ssr::ClientAddr>>,
    ApiUser(user): ApiUser,
    ApiJson(body): ApiJson<CodeRequest>,
) -> Result<Json<RecoveryCodes>, ApiError> {
    Ok(Json(
        second_factor::confirm_enrolment(
            &state.db,
            &state.settings.data_key,
            state.check(client_of(client)),
            &user,
            &body.code,
        )
        .await?,
    ))
}

/// Ten new recovery codes (after a step-up); the old ones stop working.
#[utoipa::path(
    post, path = "/auth/second-factor/recovery-codes", tag = "auth",
    responses(
        (status = 200, body = RecoveryCodes),
        (status = 403, description = "`step_up_required`", body = ErrorBody),
        (status = 409, description = "`second_factor.not_enrolled`", body = ErrorBody),
    )
)]
pub async fn regenerate_recovery_codes(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<RecoveryCodes>, ApiError> {
    Ok(Json(
        second_factor::regenerate_recovery_codes(&state.db, &user).await?,
    ))
}

/// Forgets one of the caller's remembered devices.
#[utoipa::path(
    delete, path = "/auth/second-factor/devices/{id}", tag = "auth",
    params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ErrorBody))
)]
pub async fn forget_device(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, ApiError> {
    second_factor::forget_device(&state.db, &user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's open sessions, with how each authenticated.
#[utoipa::path(
    get, path = "/auth/sessions", tag = "auth",
    responses((status = 200, body = Vec<SessionInfo>), (status = 401, body = ErrorBody))
)]
pub async fn list_sessions(
    State(state): State<AppState>,
    session: Session,
    ApiUser(user): ApiUser,
) -> Result<Json<Vec<SessionInfo>>, ApiError> {
    Ok(Json(auth::sessions(&state, &session, &user).await?))
}

/// Ends one of the caller's sessions (its `id` from the list).
#[utoipa::path(
    delete, path = "/auth/sessions/{id}", tag = "auth",
    params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody))
)]
pub async fn revoke_session(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    auth::revoke_session(&state, &user, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends the cookie session.
#[utoipa::path(
    post, path = "/auth/logout", tag = "auth",
    responses((status = 204, description = "Logged out"))
)]
pub async fn logout(session: Session) -> Result<impl axum::response::IntoResponse, ApiError> {
    app::ssr::auth::end_session(&session).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [("clear-site-data", app::ssr::auth::CLEAR_SITE_DATA)],
    ))
}

/// The authenticated user with their organisations and roles.
#[utoipa::path(
    get, path = "/auth/me", tag = "auth",
    responses(
        (status = 200, body = CurrentUser),
        (status = 401, body = ErrorBody),
    )
)]
pub async fn me(ApiUser(user): ApiUser) -> Json<CurrentUser> {
    Json(user)
}

/// The caller's active API tokens (never their secrets).
#[utoipa::path(
    get, path = "/auth/tokens", tag = "auth",
    responses((status = 200, body = Vec<ApiTokenInfo>), (status = 401, body = ErrorBody))
)]
pub async fn list_tokens(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Vec<ApiTokenInfo>>, ApiError> {
    Ok(Json(tokens::list(&state.db, &user).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateTokenRequest {
    #[schema(example = "Accounting export")]
    pub name: String,
    /// 1 to 730; omit for a token that does not expire.
    pub expires_in_days: Option<u32>,
    /// Platform administrators only: the token keeps their platform rights. Otherwise a
    /// token acts with the caller's roles in their current organisation only.
    #[serde(default)]
    pub platform: bool,
}

/// Creates a token acting in the caller's current organisation. The secret is in this
/// response only. Needs a session: a token cannot create tokens (403).
#[utoipa::path(
    post, path = "/auth/tokens", tag = "auth",
    request_body = CreateTokenRequest,
    responses(
        (status = 201, body = CreatedApiToken),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn create_token(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(body): ApiJson<CreateTokenRequest>,
) -> Result<(StatusCode, Json<CreatedApiToken>), ApiError> {
    let days = body
        .expires_in_days
        .map(|d| d.to_string())
        .unwrap_or_default();
    let created = tokens::create(&state.db, &user, &body.name, &days, body.platform).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Revokes one of the caller's tokens.
#[utoipa::path(
    delete, path = "/auth/tokens/{id}", tag = "auth",
    params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ErrorBody))
)]
pub async fn revoke_token(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, ApiError> {
    tokens::revoke(&state.db, &user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct EmailChangeRequest {
    #[schema(example = "sophie.dupont@example.be")]
    pub email: String,
}

/// Starts changing the caller's e-mail address (after a step-up): a link goes to the new
/// address, a notice to the old one. The address changes when the link is opened.
#[utoipa::path(
    post, path = "/auth/email", tag = "auth",
    request_body = EmailChangeRequest,
    responses(
        (status = 202, description = "The link was sent to the new address"),
        (status = 403, description = "`step_up_required`", body = ErrorBody),
        (status = 409, description = "`conflict.email_taken`", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn request_email_change(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(body): ApiJson<EmailChangeRequest>,
) -> Result<StatusCode, ApiError> {
    accounts::request_email_change(
        &state.db,
        &state.outbox,
        &state.settings,
        &user,
        &body.email,
    )
    .await?;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct EmailConfirmation {
    /// The secret of the link sent to the new address.
    pub token: String,
}

/// Confirms a new e-mail address with the secret of its link; no session needed.
#[utoipa::path(
    post, path = "/auth/email/confirm", tag = "auth",
    request_body = EmailConfirmation,
    security(()),
    responses(
        (status = 204, description = "The account now uses the new address"),
        (status = 409, description = "`conflict.email_taken`", body = ErrorBody),
        (status = 422, description = "Unknown, used or expired link (`fields.token`)", body = ErrorBody),
    )
)]
pub async fn confirm_email_change(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<EmailConfirmation>,
) -> Result<StatusCode, ApiError> {
    accounts::confirm_email_change(&state.db, &body.token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The OpenID Connect providers one can log in with (public: the login page lists them).
#[utoipa::path(
    get, path = "/auth/providers", tag = "auth",
    security(()),
    responses((status = 200, body = Vec<app::domain::second_factor::ProviderInfo>))
)]
pub async fn providers(
    State(state): State<AppState>,
) -> Json<Vec<app::domain::second_factor::ProviderInfo>> {
    Json(state.oidc.providers())
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct OidcStart {
    /// `login` (the default), `link` (to the logged-in account, after a step-up) or
    /// `step_up`.
    pub intent: Option<String>,
    /// A path on this site to come back to.
    pub return_to: Option<String>,
}

/// The language of a request: the remembered choice, else the browser's.
fn request_locale(headers: &HeaderMap) -> app::domain::Locale {
    let remembered = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| app::domain::locale::cookie_value(c, app::domain::locale::LOCALE_COOKIE));
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    app::domain::Locale::resolve(remembered, accept)
}

/// Sends the browser to the provider (303) for a login, a link or a step-up, with PKCE,
/// `state`, `nonce`, the configured `acr_values` and `ui_locales` in the user's language.
#[utoipa::path(
    get, path = "/auth/oidc/{provider}/start", tag = "auth",
    params(("provider" = String, Path), OidcStart),
    security(()),
    responses(
        (status = 303, description = "To the provider's authorization endpoint"),
        (status = 422, description = "Unknown intent", body = ErrorBody),
        (status = 401, description = "A link or step-up without a session", body = ErrorBody),
        (status = 403, description = "`step_up_required` before a link", body = ErrorBody),
        (status = 404, description = "No provider of that id is configured", body = ErrorBody),
        (status = 409, description = "`oidc.unknown_provider`, or `oidc.unavailable` (the provider is down or answers nonsense; password login still works)", body = ErrorBody),
    ),
    description = "A browser (`Accept: text/html`) is sent back instead of given an error: to the login page for a login, else to `return_to`, with `oidc_error=<message key>`."
)]
pub async fn oidc_start(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    ApiPath(provider): ApiPath<String>,
    super::extract::ApiQuery(query): super::extract::ApiQuery<OidcStart>,
) -> Result<Response, ApiError> {
    let intent = match query.intent.as_deref() {
        None => app::ssr::oidc::Intent::Login,
        Some(raw) => app::ssr::oidc::Intent::parse(raw)
            .ok_or_else(|| app::domain::AppError::field("intent", "oidc.unknown_intent"))?,
    };
    let started = auth::oidc_begin(
        &state,
        &session,
        &provider,
        intent,
        query.return_to.as_deref(),
        request_locale(&headers),
    )
    .await;
    match started {
        Ok(url) => Ok(see_other(&url)),
        // A browser following a "Sign in with…" link gets a page, not a JSON body.
        Err(error) if wants_page(&headers) => Ok(see_other(&auth::oidc_start_refused(
            intent,
            query.return_to.as_deref(),
            &error,
        ))),
        Err(error) => Err(error.into()),
    }
}

/// A browser's navigation (it asks for HTML), as opposed to an API client.
fn wants_page(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

fn see_other(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => (StatusCode::SEE_OTHER, [(header::LOCATION, value)]).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct OidcCallback {
    pub code: Option<String>,
    pub state: Option<String>,
    /// The provider's refusal (`access_denied` when the user cancelled).
    pub error: Option<String>,
}

/// Where providers send the browser back (the one redirect URI to register). Always a
/// redirect: to where the user was going, or back with `?oidc_error=<code>`.
#[utoipa::path(
    get, path = "/auth/oidc/callback", tag = "auth",
    params(OidcCallback),
    security(()),
    responses((status = 303, description = "Logged in, linked or stepped up; or back with `oidc_error`"))
)]
pub async fn oidc_callback(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    super::extract::ApiQuery(query): super::extract::ApiQuery<OidcCallback>,
) -> Response {
    let label = auth::user_agent(&headers);
    let location = auth::oidc_callback(
        &state,
        &session,
        auth::CallbackParams {
            code: query.code,
            state: query.state,
            error: query.error,
        },
        &label,
    )
    .await;
    see_other(&location)
}

/// The caller's linked identities, and the providers they could link.
#[utoipa::path(
    get, path = "/auth/identities", tag = "auth",
    responses((status = 200, body = app::domain::second_factor::Identities), (status = 401, body = ErrorBody))
)]
pub async fn identities(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<app::domain::second_factor::Identities>, ApiError> {
    Ok(Json(app::domain::second_factor::Identities {
        linked: app::ssr::services::identities::list(&state.db, &state.oidc, user.id).await?,
        providers: state.oidc.providers(),
    }))
}

/// Unlinks one of the caller's identities (after a step-up; audited).
#[utoipa::path(
    delete, path = "/auth/identities/{id}", tag = "auth",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204),
        (status = 403, description = "`step_up_required`", body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn unlink_identity(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, ApiError> {
    app::ssr::services::identities::unlink(&state.db, &user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
