//! OpenID Connect (issue 11) against a real provider on loopback: the npm `oidc-provider`
//! configured as itsme® is (PKCE, `private_key_jwt`, ID tokens signed then encrypted with
//! RSA-OAEP/A128CBC-HS256, two acr values), on both backends. The tokens to refuse are
//! built by the provider's script for the code it was given (`OidcProvider::next_token`).

use crate::common::{
    ACR_ADVANCED, ACR_BASIC, Backend, Options, TestApp, client, location, spawn_with,
};
use app::domain::Role;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;
use std::time::Duration;

on_both_backends!(
    an_owner_links_itsme_then_logs_in_with_it,
    tokens_that_fail_a_check_are_refused_and_a_rotated_key_is_fetched,
    a_provider_that_is_down_leaves_password_login_working,
    a_changed_subject_is_rebound_only_from_a_second_factor_session,
    a_step_up_through_the_provider_and_the_policy_it_meets,
);

async fn with_provider(backend: Backend) -> TestApp {
    spawn_with(
        backend,
        Options {
            oidc: true,
            ..Options::default()
        },
    )
    .await
}

async fn audited(app: &TestApp, action: &str) -> u64 {
    entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Action.eq(action))
        .count(&app.db)
        .await
        .unwrap()
}

/// A login started at the loopback provider from `browser`: our 303 to it.
async fn start_login(app: &TestApp, browser: &reqwest::Client) -> reqwest::Response {
    browser
        .get(app.url("/api/v1/auth/oidc/itsme/start"))
        .send()
        .await
        .unwrap()
}

/// One parameter of a URL's query.
fn query_value(url: &str, key: &str) -> String {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == key)
        .unwrap_or_else(|| panic!("no {key} in {url}"))
        .1
        .into_owned()
}

fn refused_with(location: &str, code: &str) -> bool {
    location.contains(&format!("oidc_error={code}"))
}

async fn an_owner_links_itsme_then_logs_in_with_it(backend: Backend) {
    let app = with_provider(backend).await;
    let a = app.tenant("alpha").await;
    let owner = app.login(&a.owner).await;
    let (status, identities) = app.get_json(&owner, "/api/v1/auth/identities").await;
    assert_eq!(status, 200);
    assert_eq!(identities["linked"], json!([]));
    assert_eq!(identities["providers"][0]["name"], "itsme®");
    let (_, providers) = app.get_json(&client(), "/api/v1/auth/providers").await;
    assert_eq!(providers.as_array().unwrap().len(), 2);

    // Nobody is linked to this subject yet: the login is refused with a message.
    let stranger = client();
    let back = app
        .via_provider(&stranger, "login", "sub-lea", ACR_ADVANCED)
        .await;
    assert!(refused_with(&back, "oidc.not_linked"), "{back}");
    assert_eq!(app.get_json(&stranger, "/api/v1/auth/me").await.0, 401);

    // Linked from the account…
    let back = app
        .via_provider(&owner, "link", "sub-lea", ACR_ADVANCED)
        .await;
    assert_eq!(back, "/settings#identities");
    let (_, identities) = app.get_json(&owner, "/api/v1/auth/identities").await;
    assert_eq!(identities["linked"][0]["provider"], "itsme");
    assert_eq!(audited(&app, "auth.identity_linked").await, 1);

    // …then "Log in with itsme" works from a browser that has no session.
    let phone = client();
    let back = app
        .via_provider(&phone, "login", "sub-lea", ACR_ADVANCED)
        .await;
    assert_eq!(back, "/");
    let (status, me) = app.get_json(&phone, "/api/v1/auth/me").await;
    assert_eq!(status, 200);
    assert_eq!(me["email"], a.owner.as_str());
    assert_eq!(me["assurance"]["methods"], json!(["strong_identity"]));
    assert_eq!(me["assurance"]["provider"], "itsme");
    assert_eq!(me["assurance"]["acr"], ACR_ADVANCED);
    let (_, sessions) = app.get_json(&phone, "/api/v1/auth/sessions").await;
    let current = sessions
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["current"] == true)
        .unwrap();
    assert_eq!(current["assurance"]["acr"], ACR_ADVANCED);
    // The basic level is a level too, recorded as such.
    let other = client();
    app.via_provider(&other, "login", "sub-lea", ACR_BASIC)
        .await;
    let (_, me) = app.get_json(&other, "/api/v1/auth/me").await;
    assert_eq!(me["assurance"]["acr"], ACR_BASIC);

    // A callback replayed finds no pending login; a code replayed is refused by the
    // provider, even with a fresh state.
    let browser = client();
    let start = start_login(&app, &browser).await;
    let callback = app
        .provider_answer(&browser, &location(&start), "sub-lea", ACR_ADVANCED)
        .await;
    assert_eq!(app.callback(&browser, &callback).await, "/");
    let again = app.callback(&browser, &callback).await;
    assert!(refused_with(&again, "oidc.expired"), "{again}");
    let code = query_value(&callback, "code");
    let restart = start_login(&app, &browser).await;
    let fresh_state = query_value(&location(&restart), "state");
    let forged = app.url(&format!(
        "{}?code={code}&state={fresh_state}",
        app::ssr::oidc::CALLBACK_PATH
    ));
    let replayed = app.callback(&browser, &forged).await;
    assert!(refused_with(&replayed, "oidc.refused"), "{replayed}");
    // A state that is not the pending one is refused before the provider is asked.
    let restart = start_login(&app, &browser).await;
    assert_eq!(restart.status(), 303);
    let wrong_state = app.url(&format!(
        "{}?code=whatever&state=not-the-one",
        app::ssr::oidc::CALLBACK_PATH
    ));
    assert!(refused_with(
        &app.callback(&browser, &wrong_state).await,
        "oidc.expired"
    ));
    // The user cancelled at the provider.
    let restart = start_login(&app, &browser).await;
    let state = query_value(&location(&restart), "state");
    let cancelled = app.url(&format!(
        "{}?error=access_denied&state={state}",
        app::ssr::oidc::CALLBACK_PATH
    ));
    assert!(refused_with(
        &app.callback(&browser, &cancelled).await,
        "oidc.cancelled"
    ));

    // An unknown provider or intent is a clear 4xx.
    let response = browser
        .get(app.url("/api/v1/auth/oidc/nobody/start"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let response = browser
        .get(app.url("/api/v1/auth/oidc/itsme/start?intent=steal"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    // A link needs a session.
    let response = client()
        .get(app.url("/api/v1/auth/oidc/itsme/start?intent=link"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    // The client's public keys, without their private half.
    let jwks: serde_json::Value = reqwest::get(app.url("/oidc/jwks.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(jwks["keys"].as_array().unwrap().len(), 2);
    assert!(jwks["keys"][0].get("d").is_none());
}

async fn tokens_that_fail_a_check_are_refused_and_a_rotated_key_is_fetched(backend: Backend) {
    let app = with_provider(backend).await;
    let a = app.tenant("alpha").await;
    let owner = app.login(&a.owner).await;
    app.via_provider(&owner, "link", "sub-owner", ACR_ADVANCED)
        .await;
    let provider = app.provider.as_ref().unwrap();
    let cases = [
        ("wrong_aud", "oidc.refused"),
        ("wrong_nonce", "oidc.refused"),
        ("wrong_issuer", "oidc.refused"),
        ("expired", "oidc.refused"),
        ("tampered_signature", "oidc.refused"),
        ("unknown_kid", "oidc.refused"),
        ("plain", "oidc.refused"),
        ("nonsense", "oidc.unavailable"),
        ("slow", "oidc.unavailable"),
    ];
    for (mode, code) in cases {
        provider.next_token(mode).await;
        let browser = client();
        let back = app
            .via_provider(&browser, "login", "sub-owner", ACR_ADVANCED)
            .await;
        assert!(refused_with(&back, code), "{mode}: {back}");
        assert!(back.starts_with("/login?"), "{mode}: {back}");
        assert_eq!(
            app.get_json(&browser, "/api/v1/auth/me").await.0,
            401,
            "{mode} logged in"
        );
    }
    assert_eq!(audited(&app, "auth.oidc_failed").await, cases.len() as u64);
    // The provider rotated its signing key: the new key set is fetched, the login goes on.
    provider.next_token("rotated").await;
    let browser = client();
    assert_eq!(
        app.via_provider(&browser, "login", "sub-owner", ACR_ADVANCED)
            .await,
        "/"
    );
    // The log never holds a token: failures are audited with a reason only.
    let rows = entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Action.eq("auth.oidc_failed"))
        .all(&app.db)
        .await
        .unwrap();
    for row in rows {
        let text = format!("{:?}", row.after);
        assert!(!text.contains("eyJ"), "a token in the audit: {text}");
    }
}

async fn a_provider_that_is_down_leaves_password_login_working(backend: Backend) {
    let app = with_provider(backend).await;
    let a = app.tenant("alpha").await;
    let browser = client();
    let (status, body) = app.get_json(&browser, "/api/v1/auth/oidc/down/start").await;
    assert_eq!(status, 409);
    assert_eq!(body["error"]["code"], "conflict");
    assert_eq!(
        body["error"]["message"],
        app::i18n::translate(app::domain::Locale::En, "oidc.unavailable")
    );
    assert_eq!(audited(&app, "auth.oidc_failed").await, 1);
    // A browser following the login page's button is sent back to it with the message.
    let page = browser
        .get(app.url("/api/v1/auth/oidc/down/start"))
        .header("accept", "text/html,application/xhtml+xml")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 303);
    assert_eq!(location(&page), "/login?oidc_error=oidc.unavailable");
    // A link refused for want of a recent proof goes back to the account page, which offers
    // the step-up; no session at all goes to the login page.
    let page = client()
        .get(app.url("/api/v1/auth/oidc/itsme/start?intent=link"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(location(&page), "/login?oidc_error=error.unauthorized");
    // Password login is untouched.
    let (status, _) = app
        .post_json(
            &browser,
            "/api/v1/auth/login",
            &json!({"email": a.syndic, "password": crate::common::PASSWORD}),
        )
        .await;
    assert_eq!(status, 200);
}

async fn a_changed_subject_is_rebound_only_from_a_second_factor_session(backend: Backend) {
    let app = with_provider(backend).await;
    let a = app.tenant("alpha").await;
    // An owner with a password only links, and may not re-bind to another subject.
    let owner = app.login(&a.owner).await;
    app.via_provider(&owner, "link", "sub-first", ACR_ADVANCED)
        .await;
    let back = app
        .via_provider(&owner, "link", "sub-second", ACR_ADVANCED)
        .await;
    assert!(
        refused_with(&back, "oidc.rebind_needs_second_factor"),
        "{back}"
    );
    assert!(
        back.starts_with("/settings?") && back.ends_with("#identities"),
        "{back}"
    );
    // A subject is one user's: the syndic cannot link the owner's.
    let syndic = app.login(&a.syndic).await;
    let back = app
        .via_provider(&syndic, "link", "sub-first", ACR_ADVANCED)
        .await;
    assert!(refused_with(&back, "oidc.identity_taken"), "{back}");

    // The syndic with a second factor re-binds after a password + code login.
    let (phone, _) = app.enrol(&syndic).await;
    let syndic = app.login_with_code(&a.syndic, &phone).await;
    app.via_provider(&syndic, "link", "sub-syndic-old", ACR_ADVANCED)
        .await;
    let back = app
        .via_provider(&syndic, "link", "sub-syndic-new", ACR_ADVANCED)
        .await;
    assert_eq!(back, "/settings#identities");
    assert_eq!(audited(&app, "auth.identity_rebound").await, 1);
    let old = app
        .via_provider(&client(), "login", "sub-syndic-old", ACR_ADVANCED)
        .await;
    assert!(refused_with(&old, "oidc.not_linked"), "{old}");
    assert_eq!(
        app.via_provider(&client(), "login", "sub-syndic-new", ACR_ADVANCED)
            .await,
        "/"
    );

    // Unlinking needs a recent proof, is audited, and another user's identity is not found.
    let (_, identities) = app.get_json(&owner, "/api/v1/auth/identities").await;
    let owners_identity = identities["linked"][0]["id"].as_str().unwrap().to_owned();
    let (status, _) = app
        .delete(
            &syndic,
            &format!("/api/v1/auth/identities/{owners_identity}"),
        )
        .await;
    assert_eq!(status, 404);
    app.state.clock.advance(Duration::from_secs(16 * 60));
    let (status, body) = app
        .delete(
            &owner,
            &format!("/api/v1/auth/identities/{owners_identity}"),
        )
        .await;
    assert_eq!(
        (status.as_u16(), body["error"]["code"].as_str()),
        (403, Some("step_up_required"))
    );
    let owner = app.login(&a.owner).await;
    let (status, _) = app
        .delete(
            &owner,
            &format!("/api/v1/auth/identities/{owners_identity}"),
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(audited(&app, "auth.identity_unlinked").await, 1);
    let gone = app
        .via_provider(&client(), "login", "sub-first", ACR_ADVANCED)
        .await;
    assert!(refused_with(&gone, "oidc.not_linked"), "{gone}");
}

async fn a_step_up_through_the_provider_and_the_policy_it_meets(backend: Backend) {
    let app = with_provider(backend).await;
    let a = app.tenant("alpha").await;
    let syndic = app.login(&a.syndic).await;
    app.via_provider(&syndic, "link", "sub-syndic", ACR_ADVANCED)
        .await;
    app.state.clock.advance(Duration::from_secs(16 * 60));
    let (status, body) = app
        .post_json(&syndic, "/api/v1/auth/tokens", &json!({"name": "books"}))
        .await;
    assert_eq!(
        (status.as_u16(), body["error"]["code"].as_str()),
        (403, Some("step_up_required"))
    );
    // Someone else's identity proves nothing for this account.
    let back = app
        .via_provider(&syndic, "step_up", "sub-someone", ACR_ADVANCED)
        .await;
    assert!(refused_with(&back, "oidc.not_your_identity"), "{back}");
    let back = app
        .via_provider(&syndic, "step_up", "sub-syndic", ACR_ADVANCED)
        .await;
    assert_eq!(back, "/settings");
    let (status, _) = app
        .post_json(&syndic, "/api/v1/auth/tokens", &json!({"name": "books"}))
        .await;
    assert_eq!(status, 201);
    let (_, me) = app.get_json(&syndic, "/api/v1/auth/me").await;
    assert_eq!(
        me["assurance"]["methods"],
        json!(["password", "strong_identity"])
    );

    // An organisation that requires a second factor of its syndics: a login through a
    // provider that is more than a password meets it; a password alone does not.
    let accountant = app
        .user("accountant@alpha.be", a.organization_id, Role::Accountant)
        .await;
    let books = app.login(&accountant).await;
    app.via_provider(&books, "link", "sub-books", ACR_ADVANCED)
        .await;
    let (phone, _) = app.enrol(&syndic).await;
    let syndic = app.login_with_code(&a.syndic, &phone).await;
    let security = format!("/api/v1/organizations/{}/security", a.organization_id);
    let (status, _) = app
        .put_json(&syndic, &security, &json!({"second_factor_required": true}))
        .await;
    assert_eq!(status, 200);
    let books = app.login(&accountant).await;
    let (status, body) = app.get_json(&books, "/api/v1/buildings").await;
    assert_eq!(
        (status.as_u16(), body["error"]["code"].as_str()),
        (403, Some("second_factor_required"))
    );
    let itsme = client();
    app.via_provider(&itsme, "login", "sub-books", ACR_ADVANCED)
        .await;
    let (status, _) = app.get_json(&itsme, "/api/v1/buildings").await;
    assert_eq!(status, 200);
}
