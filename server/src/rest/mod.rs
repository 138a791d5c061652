//! `/api/v1`: the JSON API for integrators. Handlers are thin adapters over the same services
//! as the UI; this layer adds only HTTP shape (status codes, error bodies, OpenAPI).

mod auth;
mod buildings;
mod error;
mod extract;
mod organizations;
mod register;

pub use error::{ApiError, ErrorBody};
pub use register::import_form;

use app::ssr::AppState;
use axum::Json;
use axum::Router;
use axum::routing::{delete, get, post, put};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/me", get(auth::me))
        .route(
            "/auth/tokens",
            get(auth::list_tokens).post(auth::create_token),
        )
        .route("/auth/tokens/{id}", delete(auth::revoke_token))
        .route(
            "/organizations",
            get(organizations::list_mine).post(organizations::create),
        )
        .route("/organizations/{id}", get(organizations::get_one))
        .route("/organizations/{id}/members", get(organizations::members))
        .route(
            "/organizations/{id}/members/{user_id}",
            delete(organizations::remove_member),
        )
        .route(
            "/organizations/{id}/members/{user_id}/buildings",
            put(organizations::set_member_buildings),
        )
        .route(
            "/organizations/{id}/invitations",
            get(organizations::invitations).post(organizations::invite),
        )
        .route(
            "/organizations/{id}/invitations/{invitation_id}",
            delete(organizations::revoke_invitation),
        )
        .route(
            "/organizations/{id}/audit-log",
            get(organizations::audit_log),
        )
        .route("/buildings", get(buildings::list).post(buildings::create))
        .route(
            "/buildings/{id}",
            get(buildings::get_one).put(buildings::update),
        )
        .route("/buildings/{id}/archive", post(buildings::archive))
        .route(
            "/buildings/{id}/lots",
            get(register::list_lots).post(register::create_lot),
        )
        .route(
            "/buildings/{id}/bank-accounts",
            get(register::list_accounts).post(register::add_account),
        )
        .route(
            "/buildings/{id}/bank-accounts/{account_id}",
            delete(register::remove_account),
        )
        .route("/buildings/{id}/history", get(register::history))
        .route("/buildings/{id}/import", post(register::import))
        .route("/buildings/{id}/export.csv", get(register::export))
        .route(
            "/lots/{id}",
            get(register::get_lot)
                .put(register::update_lot)
                .delete(register::delete_lot),
        )
        .route("/lots/{id}/holders", post(register::register_holders))
        .route("/lots/{id}/transfers", post(register::transfer))
        .route(
            "/lots/{id}/representative",
            put(register::designate_representative),
        )
        .route(
            "/owners",
            get(register::list_owners).post(register::create_owner),
        )
        .route(
            "/owners/{id}",
            get(register::get_owner).put(register::update_owner),
        )
        .route("/me/lots", get(register::my_lots))
        .fallback(|| async { ApiError(app::domain::AppError::NotFound) })
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
    paths(
        auth::login,
        auth::logout,
        auth::me,
        auth::list_tokens,
        auth::create_token,
        auth::revoke_token,
        organizations::list_mine,
        organizations::create,
        organizations::get_one,
        organizations::members,
        organizations::remove_member,
        organizations::set_member_buildings,
        organizations::invitations,
        organizations::invite,
        organizations::revoke_invitation,
        organizations::audit_log,
        buildings::list,
        buildings::create,
        buildings::get_one,
        buildings::update,
        buildings::archive,
        register::list_lots,
        register::create_lot,
        register::get_lot,
        register::update_lot,
        register::delete_lot,
        register::register_holders,
        register::transfer,
        register::designate_representative,
        register::list_owners,
        register::create_owner,
        register::get_owner,
        register::update_owner,
        register::my_lots,
        register::list_accounts,
        register::add_account,
        register::remove_account,
        register::history,
        register::import,
        register::export,
    ),
    modifiers(&SecuritySchemes),
    tags(
        (name = "auth", description = "Sessions, the current user and API tokens"),
        (name = "organizations", description = "Organisations, members and invitations"),
        (name = "register", description = "The co-ownership register: buildings, lots, owners, holders over time, transfers"),
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

pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
