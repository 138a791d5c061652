//! The OpenAPI document describes every REST route, and the docs page is served locally.

use crate::common::{Backend, client, spawn};
use serde_json::Value;

#[tokio::test]
async fn openapi_document_lists_every_operation() {
    let app = spawn(Backend::Sqlite).await;
    let doc: Value = client()
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/api/v1/auth/login", "post"),
        ("/api/v1/auth/logout", "post"),
        ("/api/v1/auth/me", "get"),
        ("/api/v1/auth/tokens", "get"),
        ("/api/v1/auth/tokens", "post"),
        ("/api/v1/auth/tokens/{id}", "delete"),
        ("/api/v1/organizations", "get"),
        ("/api/v1/organizations", "post"),
        ("/api/v1/organizations/{id}", "get"),
        ("/api/v1/organizations/{id}/members", "get"),
        ("/api/v1/organizations/{id}/members/{user_id}", "delete"),
        ("/api/v1/organizations/{id}/invitations", "get"),
        ("/api/v1/organizations/{id}/invitations", "post"),
        (
            "/api/v1/organizations/{id}/invitations/{invitation_id}",
            "delete",
        ),
        ("/api/v1/organizations/{id}/audit-log", "get"),
        ("/api/v1/auth/providers", "get"),
        ("/api/v1/auth/oidc/{provider}/start", "get"),
        ("/api/v1/auth/oidc/callback", "get"),
        ("/api/v1/auth/identities", "get"),
        ("/api/v1/auth/identities/{id}", "delete"),
    ] {
        let operation = &paths[path][method];
        assert!(operation.is_object(), "{method} {path} is documented");
        assert!(operation["responses"].is_object());
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for name in [
        "CurrentUser",
        "ErrorBody",
        "LoginRequest",
        "Member",
        "CreatedApiToken",
    ] {
        assert!(schemas.contains_key(name), "schema {name}");
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());

    let docs = client().get(app.url("/api/docs")).send().await.unwrap();
    assert_eq!(docs.status(), 200);
    let html = docs.text().await.unwrap();
    assert!(html.contains("/vendor/swagger-ui/swagger-ui-bundle.js"));
    assert!(!html.contains("cdn"), "no third-party CDN");
}
