//! The session side of authentication: what a logged-in session holds, how it starts and
//! ends, and how a request finds its user. Credentials are checked in `services::accounts`.

use super::services::{accounts, second_factor};
use super::state::AppState;
use crate::domain::second_factor::{
    Assurance, AuthMethod, PENDING_LOGIN_SECS, REMEMBER_DEVICE_DAYS, SessionInfo,
};
use crate::domain::{AppError, CurrentUser};
use chrono::Utc;
use tower_sessions::Session;
use uuid::Uuid;

pub const USER_ID_KEY: &str = "user_id";
const ORGANIZATION_KEY: &str = "organization_id";
const AUTHENTICATED_AT_KEY: &str = "authenticated_at";
const TOUCHED_AT_KEY: &str = "touched_at";
/// How the session authenticated (`Assurance`), and the browser it did it from.
const ASSURANCE_KEY: &str = "assurance";
const LABEL_KEY: &str = "device";
/// Between a right password and its second factor: who, and since when.
const PENDING_USER_KEY: &str = "pending_user_id";
const PENDING_AT_KEY: &str = "pending_at";
/// The cookie of a device remembered after a second factor (`second_factor::remember_device`).
pub const DEVICE_COOKIE: &str = "koprogo_device";

fn session_error(err: tower_sessions::session::Error) -> AppError {
    tracing::error!(%err, "session store error");
    AppError::Internal
}

/// A new session id and nothing in it: whoever held the old id (fixation) gets nothing of
/// what comes next.
async fn renew(session: &Session) -> Result<(), AppError> {
    session.cycle_id().await.map_err(session_error)?;
    session.clear().await;
    Ok(())
}

/// Log a user in: a fresh session id (no fixation), the user, the login time, how they
/// proved who they are and from which browser.
pub async fn start_session(
    session: &Session,
    user_id: Uuid,
    organization_id: Option<Uuid>,
    assurance: &Assurance,
    label: &str,
) -> Result<(), AppError> {
    renew(session).await?;
    session
        .insert(USER_ID_KEY, user_id)
        .await
        .map_err(session_error)?;
    session
        .insert(AUTHENTICATED_AT_KEY, Utc::now().timestamp())
        .await
        .map_err(session_error)?;
    session
        .insert(ASSURANCE_KEY, assurance)
        .await
        .map_err(session_error)?;
    session
        .insert(LABEL_KEY, crate::domain::second_factor::device_label(label))
        .await
        .map_err(session_error)?;
    if let Some(id) = organization_id {
        remember_organization(session, id).await?;
    }
    Ok(())
}

/// Where a right password leads.
pub enum LoginStep {
    Done(CurrentUser),
    /// The account has a second factor: the session waits for its code.
    SecondFactor,
}

/// After a right password: logged in, unless the account has a second factor and this is
/// not a device the user chose to remember; then the session only remembers who is logging
/// in, for `PENDING_LOGIN_SECS`.
pub async fn after_password(
    state: &AppState,
    session: &Session,
    user: CurrentUser,
    device: Option<&str>,
    label: &str,
) -> Result<LoginStep, AppError> {
    let now = state.clock.now_ms() / 1000;
    let mut methods = vec![AuthMethod::Password];
    if user.second_factor {
        let known = match device {
            Some(token) => second_factor::device_known(&state.db, user.id, token).await?,
            None => false,
        };
        if !known {
            renew(session).await?;
            session
                .insert(PENDING_USER_KEY, user.id)
                .await
                .map_err(session_error)?;
            session
                .insert(PENDING_AT_KEY, now)
                .await
                .map_err(session_error)?;
            return Ok(LoginStep::SecondFactor);
        }
        methods.push(AuthMethod::RememberedDevice);
    }
    let assurance = Assurance::login(methods, now);
    start_session(
        session,
        user.id,
        user.active_organization_id,
        &assurance,
        label,
    )
    .await?;
    Ok(LoginStep::Done(user))
}

/// The second step of a login: the code of the user whose password the session holds.
/// Returns the user, and the cookie secret of this device when asked to remember it.
pub async fn second_step(
    state: &AppState,
    session: &Session,
    client: Option<std::net::IpAddr>,
    code: &str,
    remember: bool,
    label: &str,
) -> Result<(CurrentUser, Option<String>), AppError> {
    let now = state.clock.now_ms() / 1000;
    let pending = session
        .get::<Uuid>(PENDING_USER_KEY)
        .await
        .map_err(session_error)?;
    let since = session
        .get::<i64>(PENDING_AT_KEY)
        .await
        .map_err(session_error)?
        .unwrap_or_default();
    let Some(user_id) = pending else {
        return Err(AppError::Conflict("second_factor.login_expired".into()));
    };
    if now - since > PENDING_LOGIN_SECS {
        session.clear().await;
        return Err(AppError::Conflict("second_factor.login_expired".into()));
    }
    let Some(mut user) = accounts::current_user(&state.db, user_id, None).await? else {
        session.clear().await;
        return Err(AppError::Unauthorized);
    };
    let method = second_factor::verify(
        &state.db,
        &state.settings.data_key,
        state.check(client),
        user.id,
        &user.email,
        code,
    )
    .await?;
    let device = if remember {
        Some(second_factor::remember_device(&state.db, user.id, label).await?)
    } else {
        None
    };
    let assurance = Assurance::login(vec![AuthMethod::Password, method], now);
    start_session(
        session,
        user.id,
        user.active_organization_id,
        &assurance,
        label,
    )
    .await?;
    // The user as `session_user` would read them now, without reading them again.
    user.recently_verified = true;
    user.assurance = Some(assurance);
    Ok((user, device))
}

/// A step-up: the user proves again who they are, with their second factor if they have
/// one, else their password; sensitive changes are then allowed for `STEP_UP_WINDOW_SECS`.
pub async fn step_up(
    state: &AppState,
    session: &Session,
    client: Option<std::net::IpAddr>,
    user: &CurrentUser,
    code: &str,
    password: &str,
) -> Result<(), AppError> {
    if user.via_token {
        return Err(AppError::Forbidden);
    }
    let check = state.check(client);
    let method = if user.second_factor {
        second_factor::verify(
            &state.db,
            &state.settings.data_key,
            check,
            user.id,
            &user.email,
            code,
        )
        .await?
    } else {
        if password.is_empty() {
            return Err(AppError::field("password", "password.required"));
        }
        use sea_orm::EntityTrait;
        let found = entity::user::Entity::find_by_id(user.id)
            .one(&state.db)
            .await?
            .ok_or(AppError::Unauthorized)?;
        if !accounts::check_password(&state.db, check, &found, password).await? {
            super::services::audit::record(
                &state.db,
                super::services::audit::Entry::new("auth.step_up_failed", "user", user.id)
                    .actor(user.id),
            )
            .await?;
            return Err(AppError::field("password", "password.wrong_current"));
        }
        AuthMethod::Password
    };
    let now = check.now_ms / 1000;
    let mut assurance = assurance_of(session).await?;
    assurance.verified_again(method, now);
    session
        .insert(ASSURANCE_KEY, &assurance)
        .await
        .map_err(session_error)?;
    super::services::audit::record(
        &state.db,
        super::services::audit::Entry::new("auth.step_up", "user", user.id).actor(user.id),
    )
    .await?;
    Ok(())
}

/// The session's assurance; a session from before it was recorded logged in by password.
async fn assurance_of(session: &Session) -> Result<Assurance, AppError> {
    if let Some(assurance) = session
        .get::<Assurance>(ASSURANCE_KEY)
        .await
        .map_err(session_error)?
    {
        return Ok(assurance);
    }
    let at = session
        .get::<i64>(AUTHENTICATED_AT_KEY)
        .await
        .map_err(session_error)?
        .unwrap_or_default();
    Ok(Assurance::login(vec![AuthMethod::Password], at))
}

/// The `Set-Cookie` value that remembers this device.
pub fn device_cookie(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{DEVICE_COOKIE}={token}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{secure}",
        REMEMBER_DEVICE_DAYS * 86_400
    )
}

/// The remembered device's secret in a request's cookies.
pub fn device_of(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| crate::domain::locale::cookie_value(c, DEVICE_COOKIE))
        .map(str::to_owned)
}

/// The public handle of a session: never its id, which is the cookie's secret.
fn handle(session_id: &str) -> String {
    super::crypto::sha256_hex(&format!("session-handle|{session_id}"))[..32].to_owned()
}

/// The user's open sessions, newest first (at most 100).
pub async fn sessions(
    state: &AppState,
    session: &Session,
    user: &CurrentUser,
) -> Result<Vec<SessionInfo>, AppError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    let current = session.id().map(|id| id.to_string());
    let rows = entity::session::Entity::find()
        .filter(entity::session::Column::UserId.eq(user.id))
        .filter(entity::session::Column::ExpiresAt.gt(Utc::now()))
        .order_by_desc(entity::session::Column::ExpiresAt)
        .limit(100)
        .all(&state.db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let data: std::collections::HashMap<String, serde_json::Value> =
                serde_json::from_slice(&row.data).unwrap_or_default();
            let assurance = data
                .get(ASSURANCE_KEY)
                .and_then(|v| serde_json::from_value::<Assurance>(v.clone()).ok());
            let label = data
                .get(LABEL_KEY)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned();
            SessionInfo {
                id: handle(&row.id),
                current: current.as_deref() == Some(row.id.as_str()),
                label,
                assurance,
                expires_at: row.expires_at,
            }
        })
        .collect())
}

/// Ends one of the user's sessions by its handle; another user's is not found.
pub async fn revoke_session(
    state: &AppState,
    user: &CurrentUser,
    handle_given: &str,
) -> Result<(), AppError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let ids: Vec<String> = entity::session::Entity::find()
        .select_only()
        .column(entity::session::Column::Id)
        .filter(entity::session::Column::UserId.eq(user.id))
        .limit(1000)
        .into_tuple()
        .all(&state.db)
        .await?;
    let Some(id) = ids.into_iter().find(|id| handle(id) == handle_given) else {
        return Err(AppError::NotFound);
    };
    entity::session::Entity::delete_many()
        .filter(entity::session::Column::Id.eq(id.clone()))
        .filter(entity::session::Column::UserId.eq(user.id))
        .exec(&state.db)
        .await?;
    super::identity::changed(&super::identity::Change::Session(id));
    super::services::audit::record(
        &state.db,
        super::services::audit::Entry::new("auth.session_revoked", "user", user.id).actor(user.id),
    )
    .await?;
    Ok(())
}

pub async fn remember_organization(
    session: &Session,
    organization_id: Uuid,
) -> Result<(), AppError> {
    session
        .insert(ORGANIZATION_KEY, organization_id)
        .await
        .map_err(session_error)
}

pub async fn end_session(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(session_error)
}

/// An active session's record is written again at most this often, to slide its idle
/// expiry (and the cookie's): a write per request would cost a statement each time.
const TOUCH_EVERY_SECS: i64 = 300;

/// Whether a session last written at `touched_at` is written again now (both Unix seconds).
fn due_for_touch(now: i64, touched_at: i64) -> bool {
    now - touched_at >= TOUCH_EVERY_SECS
}

/// The session's user, if the session is logged in and within its absolute lifetime. Read
/// from the in-process cache when it holds them (`identity`): no statement at all.
pub async fn session_user(
    state: &AppState,
    session: &Session,
) -> Result<Option<CurrentUser>, AppError> {
    let Some(user_id) = session
        .get::<Uuid>(USER_ID_KEY)
        .await
        .map_err(session_error)?
    else {
        return Ok(None);
    };
    let now = Utc::now().timestamp();
    let authenticated_at = session
        .get::<i64>(AUTHENTICATED_AT_KEY)
        .await
        .map_err(session_error)?
        .unwrap_or_default();
    if now - authenticated_at > state.settings.session_absolute.num_seconds() {
        end_session(session).await?;
        return Ok(None);
    }
    let touched_at = session
        .get::<i64>(TOUCHED_AT_KEY)
        .await
        .map_err(session_error)?
        .unwrap_or(authenticated_at);
    if due_for_touch(now, touched_at) {
        // Marks the session modified: the session layer saves it with a new idle expiry.
        session
            .insert(TOUCHED_AT_KEY, now)
            .await
            .map_err(session_error)?;
    }
    let remembered = session
        .get::<Uuid>(ORGANIZATION_KEY)
        .await
        .map_err(session_error)?;
    let assurance = assurance_of(session).await?;
    match user(state, user_id).await? {
        Some(mut user) => {
            user.active_organization_id =
                CurrentUser::choose_active(&user.memberships, remembered, user.is_superadmin);
            user.recently_verified = assurance.recently_verified(state.clock.now_ms() / 1000);
            user.assurance = Some(assurance);
            Ok(Some(user))
        }
        // The account was deleted while logged in.
        None => {
            end_session(session).await?;
            Ok(None)
        }
    }
}

/// A user with their memberships, from the cache or the database.
async fn user(state: &AppState, user_id: Uuid) -> Result<Option<CurrentUser>, AppError> {
    use super::identity::Cached;
    let generation = match state.identity.user(user_id) {
        Cached::Hit(user) => return Ok(Some(CurrentUser::clone(&user))),
        Cached::Miss(generation) => generation,
    };
    let found = accounts::current_user(&state.db, user_id, None).await?;
    if let Some(user) = &found {
        state.identity.store_user(generation, user.clone());
    }
    Ok(found)
}

/// What a server function acting for a logged-in user works with.
pub struct Acting {
    pub state: AppState,
    pub session: Session,
    pub user: CurrentUser,
    /// Built by the one rule, `Actor::for_organization`, as for REST.
    pub actor: crate::domain::Actor,
}

/// The one wrapper of server functions that act for a logged-in user: it finds the user
/// (else 401), builds the actor, runs `f`, and gives a failure the HTTP status and headers
/// REST gives the same error (`respond`, over `AppError::status` and `retry_after`, the
/// mapping `ApiError` uses too).
pub async fn acting<T, F, Fut>(f: F) -> Result<T, AppError>
where
    F: FnOnce(Acting) -> Fut,
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    let outcome = async {
        let (state, session, user) = require_user().await?;
        let actor = user.actor();
        f(Acting {
            state,
            session,
            user,
            actor,
        })
        .await
    }
    .await;
    respond(outcome)
}

/// For server functions: the state, the session and the logged-in user, or `Unauthorized`.
pub async fn require_user() -> Result<(AppState, Session, CurrentUser), AppError> {
    let (state, session) = state_and_session().await?;
    let user = session_user(&state, &session)
        .await?
        .ok_or(AppError::Unauthorized)?;
    Ok((state, session, user))
}

pub async fn state_and_session() -> Result<(AppState, Session), AppError> {
    let state = leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })?;
    let session: Session = leptos_axum::extract().await.map_err(|err| {
        tracing::error!(%err, "no session layer on this route");
        AppError::Internal
    })?;
    Ok((state, session))
}

/// After logout the browser drops what it cached of this site (pages, the service worker's
/// caches): the next person on a shared computer must not find the last one's data.
pub const CLEAR_SITE_DATA: &str = "\"cache\"";

pub fn clear_site_data() {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            axum::http::HeaderName::from_static("clear-site-data"),
            axum::http::HeaderValue::from_static(CLEAR_SITE_DATA),
        );
    }
}

/// The request's headers, for a server function.
pub fn request_headers() -> axum::http::HeaderMap {
    leptos::prelude::use_context::<axum::http::request::Parts>()
        .map(|parts| parts.headers)
        .unwrap_or_default()
}

/// The browser's User-Agent, for the sessions list.
pub fn user_agent(headers: &axum::http::HeaderMap) -> String {
    headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// Sets a cookie on a server function's response.
pub fn set_cookie(value: &str) {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
        && let Ok(value) = axum::http::HeaderValue::from_str(value)
    {
        response.append_header(axum::http::header::SET_COOKIE, value);
    }
}

/// The client's address, as the HTTP layer determined it, for a server function.
pub fn client_addr() -> Option<std::net::IpAddr> {
    leptos::prelude::use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<super::ClientAddr>().map(|c| c.0))
}

/// The language of the current request: the remembered cookie, else the browser's.
pub async fn request_locale() -> crate::domain::Locale {
    use crate::domain::{
        Locale,
        locale::{LOCALE_COOKIE, cookie_value},
    };
    let headers: axum::http::HeaderMap = leptos_axum::extract().await.unwrap_or_default();
    let cookie = headers
        .get(axum::http::header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|c| cookie_value(c, LOCALE_COOKIE));
    let accept = headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    Locale::resolve(cookie, accept)
}

/// Remembers the language for a year in a cookie readable by the page (it is no secret).
pub fn set_locale_cookie(locale: crate::domain::Locale, secure: bool) {
    use crate::domain::locale::LOCALE_COOKIE;
    let secure = if secure { "; Secure" } else { "" };
    set_cookie(&format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        locale.as_str()
    ));
}

/// Gives a failed server function the HTTP status of its error (and Retry-After when rate
/// limited), so that clients and tests see 401/403/404/422 rather than a generic 500. A form
/// posted without JavaScript is sent back to its page instead, with the error in the query
/// string (`?form=<server fn path>&error=<json>`) for the page to show.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    let Err(err) = &result else { return result };
    let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() else {
        return result;
    };
    let parts = leptos::prelude::use_context::<axum::http::request::Parts>();
    let header = |name| {
        parts
            .as_ref()
            .and_then(|p| p.headers.get(name))
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let plain_form = header(axum::http::header::ACCEPT).is_some_and(|a| a.contains("text/html"));
    if plain_form {
        if let (Some(referer), Some(parts)) = (header(axum::http::header::REFERER), &parts) {
            let page = referer.split(['?', '#']).next().unwrap_or_default();
            let query = form_urlencoded::Serializer::new(String::new())
                .append_pair("form", parts.uri.path())
                .append_pair("error", &serde_json::to_string(err).unwrap_or_default())
                .finish();
            if let Ok(location) = axum::http::HeaderValue::from_str(&format!("{page}?{query}")) {
                response.insert_header(axum::http::header::LOCATION, location);
                response.set_status(axum::http::StatusCode::SEE_OTHER);
            }
        }
        return result;
    }
    // A page that redirects (the shell sends a user who must set up a second factor to the
    // account page) keeps its redirect, whatever its data loads answered meanwhile.
    let redirecting = response
        .0
        .read()
        .map(|parts| parts.status.is_some_and(|s| s.is_redirection()))
        .unwrap_or(false);
    if let Ok(status) = axum::http::StatusCode::from_u16(err.status())
        && !redirecting
    {
        response.set_status(status);
    }
    if let Some(secs) = err.retry_after() {
        response.insert_header(
            axum::http::header::RETRY_AFTER,
            axum::http::HeaderValue::from(secs),
        );
    }
    result
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_active_session_is_written_again_every_five_minutes_not_every_request() {
        let login = 1_000_000;
        assert!(!super::due_for_touch(login + 1, login));
        assert!(!super::due_for_touch(login + 299, login));
        assert!(super::due_for_touch(login + 300, login));
        // A clock that went backwards never writes on every request either.
        assert!(!super::due_for_touch(login - 10, login));
    }
}

/// The OpenID Connect login on its way to the provider (`oidc::Pending`).
const OIDC_PENDING_KEY: &str = "oidc_pending";

/// Starts a login, a link or a step-up at a provider: the browser goes to the returned URL.
/// A link and a step-up are for the logged-in user only; a login is for anyone, but it
/// cannot replace a session silently (the callback starts a fresh one).
pub async fn oidc_begin(
    state: &AppState,
    session: &Session,
    provider: &str,
    intent: super::oidc::Intent,
    return_to: Option<&str>,
    locale: crate::domain::Locale,
) -> Result<String, AppError> {
    use super::oidc::Intent;
    let user = session_user(state, session).await?;
    let user_id = match intent {
        Intent::Login => None,
        Intent::Link | Intent::StepUp => {
            let user = user.as_ref().ok_or(AppError::Unauthorized)?;
            if user.via_token {
                return Err(AppError::Forbidden);
            }
            if intent == Intent::Link {
                // Linking adds a way in: the session proves who it is first.
                user.require_recent_proof()?;
            }
            Some(user.id)
        }
    };
    let return_to = super::oidc::local_path(return_to, intent.default_return());
    let now = state.clock.now_ms() / 1000;
    match state
        .oidc
        .begin(provider, intent, return_to, locale, user_id, now)
        .await
    {
        Ok((url, pending)) => {
            session
                .insert(OIDC_PENDING_KEY, &pending)
                .await
                .map_err(session_error)?;
            Ok(url)
        }
        Err(super::oidc::OidcFailure::UnknownProvider) => Err(AppError::NotFound),
        Err(failure) => {
            oidc_failed(state, provider, user_id, &failure).await?;
            Err(AppError::Conflict(failure.code().into()))
        }
    }
}

/// Where a browser goes when a start is refused: back to the page it came from (the login
/// page for a login, or when the session is gone), with the message key as `oidc_error`,
/// as the callback does, so that one banner shows both.
pub fn oidc_start_refused(
    intent: super::oidc::Intent,
    return_to: Option<&str>,
    error: &AppError,
) -> String {
    use super::oidc::Intent;
    let back = match (intent, error) {
        (Intent::Login, _) | (_, AppError::Unauthorized) => "/login".to_owned(),
        _ => super::oidc::local_path(return_to, intent.default_return()),
    };
    with_query(&back, "oidc_error", &error.message_key())
}

/// What the callback's query may hold.
#[derive(Debug, Default, serde::Deserialize)]
pub struct CallbackParams {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
}

/// The provider sent the browser back: the pending login it belongs to is taken out of the
/// session (once: a replayed callback finds nothing), the code exchanged and the token
/// checked, then the login, the link or the step-up done. Returns where the browser goes
/// next: on failure, the page it came from with `?oidc_error=<code>`.
pub async fn oidc_callback(
    state: &AppState,
    session: &Session,
    params: CallbackParams,
    user_agent: &str,
) -> String {
    let pending = session
        .remove::<super::oidc::Pending>(OIDC_PENDING_KEY)
        .await
        .ok()
        .flatten();
    let fallback = |pending: Option<&super::oidc::Pending>| match pending {
        Some(p) if p.intent != super::oidc::Intent::Login => p.return_to.clone(),
        _ => "/login".to_owned(),
    };
    let outcome = oidc_finish(state, session, pending.as_ref(), params, user_agent).await;
    match outcome {
        Ok(location) => location,
        Err(code) => with_query(&fallback(pending.as_ref()), "oidc_error", &code),
    }
}

async fn oidc_finish(
    state: &AppState,
    session: &Session,
    pending: Option<&super::oidc::Pending>,
    params: CallbackParams,
    user_agent: &str,
) -> Result<String, String> {
    use super::oidc::{Intent, OidcFailure};
    let now = state.clock.now_ms() / 1000;
    let fail = |failure: OidcFailure| async move {
        let user = pending.and_then(|p| p.user_id);
        if let Err(err) = oidc_failed(state, &provider_or_unknown(pending), user, &failure).await {
            tracing::error!(?err, "could not audit an OpenID Connect failure");
        }
        failure.code().to_owned()
    };
    let Some(pending) = pending else {
        return Err(fail(OidcFailure::NoPendingLogin).await);
    };
    let given_state = params.state.unwrap_or_default();
    if now - pending.at > super::oidc::PENDING_SECS
        || !super::oidc::same_state(&given_state, &pending.state)
    {
        return Err(fail(OidcFailure::NoPendingLogin).await);
    }
    if let Some(error) = params.error {
        let failure = if error == "access_denied" {
            OidcFailure::Cancelled
        } else {
            OidcFailure::Refused(error.chars().take(64).collect())
        };
        return Err(fail(failure).await);
    }
    let code = params.code.unwrap_or_default();
    let verified = match state.oidc.complete(pending, &code).await {
        Ok(verified) => verified,
        Err(failure) => return Err(fail(failure).await),
    };
    let method = if verified.multi_factor {
        AuthMethod::StrongIdentity
    } else {
        AuthMethod::Identity
    };
    let internal = |err: AppError| match err {
        AppError::Conflict(code) => code,
        AppError::Unauthorized => "oidc.expired".to_owned(),
        _ => "error.internal".to_owned(),
    };
    match pending.intent {
        Intent::Login => {
            let user_id = super::services::identities::user_of(&state.db, &verified)
                .await
                .map_err(internal)?
                .ok_or_else(|| "oidc.not_linked".to_owned());
            let user_id = match user_id {
                Ok(id) => id,
                Err(code) => {
                    audit_oidc(
                        state,
                        "auth.oidc_unknown_identity",
                        None,
                        &verified.provider,
                    )
                    .await;
                    return Err(code);
                }
            };
            let user = accounts::current_user(&state.db, user_id, None)
                .await
                .map_err(internal)?
                .ok_or_else(|| "oidc.not_linked".to_owned())?;
            let roles: Vec<_> = user
                .memberships
                .iter()
                .flat_map(|m| m.roles.clone())
                .collect();
            if !state
                .oidc
                .allows(&verified.provider, user.is_superadmin, &roles)
            {
                audit_oidc(
                    state,
                    "auth.oidc_role_refused",
                    Some(user.id),
                    &verified.provider,
                )
                .await;
                return Err("oidc.role_not_allowed".to_owned());
            }
            let assurance =
                Assurance::identity(method, &verified.provider, verified.acr.clone(), now);
            start_session(
                session,
                user.id,
                user.active_organization_id,
                &assurance,
                user_agent,
            )
            .await
            .map_err(internal)?;
            audit_oidc(state, "auth.login", Some(user.id), &verified.provider).await;
            Ok(pending.return_to.clone())
        }
        Intent::Link => {
            let user = started_by(state, session, pending)
                .await
                .map_err(internal)?;
            super::services::identities::link(&state.db, &user, &verified)
                .await
                .map_err(internal)?;
            Ok(pending.return_to.clone())
        }
        Intent::StepUp => {
            let user = started_by(state, session, pending)
                .await
                .map_err(internal)?;
            if !super::services::identities::belongs_to(&state.db, user.id, &verified)
                .await
                .map_err(internal)?
            {
                audit_oidc(
                    state,
                    "auth.step_up_failed",
                    Some(user.id),
                    &verified.provider,
                )
                .await;
                return Err("oidc.not_your_identity".to_owned());
            }
            let mut assurance = assurance_of(session).await.map_err(internal)?;
            assurance.verified_again(method, now);
            assurance.provider = Some(verified.provider.clone());
            assurance.acr = verified.acr.clone();
            session
                .insert(ASSURANCE_KEY, &assurance)
                .await
                .map_err(|e| internal(session_error(e)))?;
            audit_oidc(state, "auth.step_up", Some(user.id), &verified.provider).await;
            Ok(pending.return_to.clone())
        }
    }
}

/// The logged-in user a link or a step-up came back to: the one who started it, or
/// `Unauthorized` (the session ended or changed hands meanwhile).
async fn started_by(
    state: &AppState,
    session: &Session,
    pending: &super::oidc::Pending,
) -> Result<CurrentUser, AppError> {
    session_user(state, session)
        .await?
        .filter(|u| Some(u.id) == pending.user_id)
        .ok_or(AppError::Unauthorized)
}

fn provider_or_unknown(pending: Option<&super::oidc::Pending>) -> String {
    pending
        .map(|p| p.provider.clone())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// A failure with a provider: logged (without any token or code) and audited.
async fn oidc_failed(
    state: &AppState,
    provider: &str,
    user: Option<Uuid>,
    failure: &super::oidc::OidcFailure,
) -> Result<(), AppError> {
    tracing::warn!(provider, reason = %failure.reason(), "OpenID Connect login failed");
    super::services::audit::record(
        &state.db,
        super::services::audit::Entry::new("auth.oidc_failed", "user", user.unwrap_or_default())
            .actor(user)
            .after(serde_json::json!({ "provider": provider, "reason": failure.reason() })),
    )
    .await
}

async fn audit_oidc(state: &AppState, action: &str, user: Option<Uuid>, provider: &str) {
    let entry = super::services::audit::Entry::new(action, "user", user.unwrap_or_default())
        .actor(user)
        .after(serde_json::json!({ "provider": provider, "method": "oidc" }));
    if let Err(err) = super::services::audit::record(&state.db, entry).await {
        tracing::error!(?err, "could not audit an OpenID Connect login");
    }
}

/// `path` with `key=value` added to its query (before any fragment).
fn with_query(path: &str, key: &str, value: &str) -> String {
    let (base, fragment) = match path.split_once('#') {
        Some((base, fragment)) => (base, format!("#{fragment}")),
        None => (path, String::new()),
    };
    let separator = if base.contains('?') { '&' } else { '?' };
    let value: String = form_urlencoded::byte_serialize(value.as_bytes()).collect();
    format!("{base}{separator}{key}={value}{fragment}")
}
