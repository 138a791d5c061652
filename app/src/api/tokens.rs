use crate::domain::AppError;
use crate::domain::token::{ApiTokenInfo, CreatedApiToken};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::ssr::{auth, services::tokens};

#[server(prefix = "/sfn", endpoint = "tokens/list")]
pub async fn list_api_tokens() -> Result<Vec<ApiTokenInfo>, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, user, .. } = cx;
        tokens::list(&state.db, &user).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "tokens/create")]
pub async fn create_api_token(
    name: String,
    expires_in_days: String,
) -> Result<CreatedApiToken, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, user, .. } = cx;
        tokens::create(&state.db, &user, &name, &expires_in_days, false).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "tokens/revoke")]
pub async fn revoke_api_token(id: String) -> Result<(), AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, user, .. } = cx;
        let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
        tokens::revoke(&state.db, &user, id).await
    })
    .await
}
