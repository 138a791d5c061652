//! `/api/v1`: the JSON API for integrators. Handlers are thin adapters over the same services
//! as the UI; this layer adds only HTTP shape (status codes, error bodies, OpenAPI).

mod auth;
mod buildings;
mod documents;
mod error;
mod extract;
mod organizations;
mod register;

pub use error::{ApiError, ErrorBody};
pub use register::import_form;

use app::ssr::AppState;
use axum::Router;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The API's routes and its OpenAPI document, from one declaration per handler: a handler
/// is served only through `routes!`, which also documents it, so no route can be served
/// undocumented (and the document cannot list a route that is not served).
pub fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let v1 = OpenApiRouter::<AppState>::default()
        .routes(routes!(auth::login))
        .routes(routes!(auth::verify_second_factor))
        .routes(routes!(auth::step_up))
        .routes(routes!(auth::request_email_change))
        .routes(routes!(auth::confirm_email_change))
        .routes(routes!(
            auth::second_factor_status,
            auth::disable_second_factor
        ))
        .routes(routes!(auth::begin_totp))
        .routes(routes!(auth::confirm_totp))
        .routes(routes!(auth::regenerate_recovery_codes))
        .routes(routes!(auth::forget_device))
        .routes(routes!(auth::list_sessions))
        .routes(routes!(auth::providers))
        .routes(routes!(auth::oidc_start))
        .routes(routes!(auth::oidc_callback))
        .routes(routes!(auth::identities))
        .routes(routes!(auth::unlink_identity))
        .routes(routes!(auth::revoke_session))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me))
        .routes(routes!(auth::list_tokens, auth::create_token))
        .routes(routes!(auth::revoke_token))
        .routes(routes!(organizations::list_mine, organizations::create))
        .routes(routes!(organizations::get_one))
        .routes(routes!(organizations::members))
        .routes(routes!(organizations::remove_member))
        .routes(routes!(organizations::set_member_buildings))
        .routes(routes!(organizations::invitations, organizations::invite))
        .routes(routes!(organizations::revoke_invitation))
        .routes(routes!(organizations::audit_log))
        .routes(routes!(
            organizations::security_policy,
            organizations::set_security_policy
        ))
        .routes(routes!(buildings::list, buildings::create))
        .routes(routes!(buildings::get_one, buildings::update))
        .routes(routes!(buildings::archive))
        .routes(routes!(buildings::quotas))
        .routes(routes!(buildings::change_total))
        .routes(routes!(buildings::association))
        .routes(routes!(buildings::add_mandate))
        .routes(routes!(buildings::set_rules))
        .routes(routes!(register::change_quota))
        .routes(routes!(register::divide_lot))
        .routes(routes!(register::merge_lots))
        .routes(routes!(register::notify_transfer))
        .routes(routes!(register::void_transfer))
        .routes(routes!(register::record_notary_request))
        .routes(routes!(register::answer_notary_request))
        .routes(routes!(register::give_consent))
        .routes(routes!(register::withdraw_consent))
        .routes(routes!(register::appoint_agent))
        .routes(routes!(register::end_agent))
        .routes(routes!(register::list_lots, register::create_lot))
        .routes(routes!(register::list_accounts, register::add_account))
        .routes(routes!(register::close_account))
        .routes(routes!(register::history))
        .routes(routes!(register::import))
        .routes(routes!(register::export))
        .routes(routes!(
            register::get_lot,
            register::update_lot,
            register::delete_lot
        ))
        .routes(routes!(register::register_holders))
        .routes(routes!(register::transfer))
        .routes(routes!(register::designate_representative))
        .routes(routes!(register::list_owners, register::create_owner))
        .routes(routes!(register::get_owner, register::update_owner))
        .routes(routes!(register::my_lots))
        .routes(routes!(documents::list, documents::upload))
        .routes(routes!(documents::get_one, documents::delete))
        .routes(routes!(documents::content))
        .routes(routes!(documents::set_visibility));
    let (router, openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api/v1", v1)
        .split_for_parts();
    // Anything else under /api/v1 answers in the API's error shape.
    let router = router.route(
        "/api/v1/{*rest}",
        axum::routing::any(|| async { ApiError(app::domain::AppError::NotFound) }),
    );
    (router, openapi)
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "KoproGo API",
        description = "Co-ownership management. Authenticate with a session cookie \
                       (POST /api/v1/auth/login) or a personal API token \
                       (`Authorization: Bearer kpg_…`). Errors share one shape: \
                       `{\"error\": {\"code\", \"message\", \"fields\"}}`."
    ),
    // Declared once: every operation needs a token or a session unless it says otherwise.
    security(("bearer" = []), ("session" = [])),
    modifiers(&SecuritySchemes),
    tags(
        (name = "auth", description = "Sessions, the current user and API tokens"),
        (name = "organizations", description = "Organisations, members and invitations"),
        (name = "register", description = "The co-ownership register: buildings, lots, owners, holders over time, transfers"),
        (name = "documents", description = "Documents of buildings: upload (streamed), list, download, delete"),
    )
)]
pub struct ApiDoc;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("kpg_…")
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("koprogo_session"))),
        );
    }
}

/// The document `api()` built, serialised once.
pub fn openapi_json(openapi: &utoipa::openapi::OpenApi) -> axum::routing::MethodRouter<AppState> {
    let body = openapi.to_json().expect("the OpenAPI document serialises");
    axum::routing::get(move || {
        let body = body.clone();
        async move {
            (
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                body,
            )
        }
    })
}
