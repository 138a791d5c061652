//! HTTP-level tests of the REST API, the server functions and the pages, each run against
//! a real server on PostgreSQL and on SQLite.

use crate::common::{Backend, Options, PASSWORD, client, link_in, server_fn, spawn, spawn_with};
use serde_json::{Value, json};

on_both_backends!(
    health_readiness_and_metrics,
    login_me_logout,
    bad_input_gets_clear_errors,
    auth_endpoints_are_rate_limited_per_ip,
    api_tokens_authenticate_and_revoke,
    other_tenants_are_not_found_rest,
    other_tenants_are_not_found_server_fns,
    owners_cannot_do_syndic_work,
    invitation_by_email_creates_a_member,
    password_reset_by_email,
    password_change_ends_other_sessions,
    writes_are_audited,
    cross_site_posts_are_refused,
    pages_render_translated_with_security_headers,
);

async fn health_readiness_and_metrics(backend: Backend) {
    let app = spawn(backend).await;
    let http = client();
    // Liveness answers before the middleware stack; readiness goes through it.
    let health = http.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    assert!(!health.headers().contains_key("x-request-id"));
    let ready = http.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 200);
    assert!(ready.headers().contains_key("x-request-id"));
    let metrics = http
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("http_requests_total"), "{metrics}");
    assert!(metrics.contains("route=\"/readyz\""), "{metrics}");
    assert!(!metrics.contains("route=\"/healthz\""), "{metrics}");
    assert!(metrics.contains("http_request_duration_seconds_bucket"));
    assert!(metrics.contains("db_pool_connections"));

    // Readiness follows the database.
    app.db.clone().close().await.unwrap();
    assert_eq!(
        http.get(app.url("/readyz")).send().await.unwrap().status(),
        503
    );
    assert_eq!(
        http.get(app.url("/healthz")).send().await.unwrap().status(),
        200
    );
}

async fn login_me_logout(backend: Backend) {
    let app = spawn(backend).await;
    let tenant = app.tenant("alpha").await;
    let http = client();
    assert_eq!(
        http.get(app.url("/api/v1/auth/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    let login = http
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({ "email": "  SYNDIC@alpha.be ", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let cookie = login
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("koprogo_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    let me: Value = http
        .get(app.url("/api/v1/auth/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["email"], tenant.syndic);
    assert_eq!(
        me["active_organization_id"],
        tenant.organization_id.to_string()
    );
    assert_eq!(me["memberships"][0]["roles"], json!(["syndic"]));
    assert!(me.get("password_hash").is_none());

    let logout = http
        .post(app.url("/api/v1/auth/logout"))
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), 204);
    assert_eq!(
        http.get(app.url("/api/v1/auth/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
}

async fn bad_input_gets_clear_errors(backend: Backend) {
    let app = spawn(backend).await;
    let tenant = app.tenant("alpha").await;
    let http = client();

    let wrong = http
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({ "email": tenant.syndic, "password": "not the password" }))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    let body: Value = wrong.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthorized");

    let unknown = http
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({ "email": "nobody@alpha.be", "password": "whatever pass" }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        unknown.status(),
        401,
        "unknown e-mail answers like a wrong password"
    );

    let empty = http
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({ "email": "", "password": "" }))
        .send()
        .await
        .unwrap();
    assert_eq!(empty.status(), 422);
    let body: Value = empty.json().await.unwrap();
    assert_eq!(body["error"]["code"], "validation");
    assert_eq!(
        body["error"]["fields"]["email"][0]["code"],
        "email.required"
    );
    assert_eq!(
        body["error"]["fields"]["password"][0]["code"],
        "password.required"
    );
    assert!(
        body["error"]["fields"]["email"][0]["message"]
            .as_str()
            .unwrap()
            .contains("e-mail")
    );

    let malformed = http
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 422);
    let body: Value = malformed.json().await.unwrap();
    assert_eq!(
        body["error"]["fields"]["body"][0]["code"],
        "request.malformed_json"
    );

    let http = app.login(&tenant.syndic).await;
    let bad_invite = http
        .post(app.url(&format!(
            "/api/v1/organizations/{}/invitations",
            tenant.organization_id
        )))
        .json(&json!({ "email": "not-an-email", "role": "janitor" }))
        .send()
        .await
        .unwrap();
    assert_eq!(bad_invite.status(), 422);
    let body: Value = bad_invite.json().await.unwrap();
    assert_eq!(body["error"]["fields"]["email"][0]["code"], "email.invalid");
    assert_eq!(body["error"]["fields"]["role"][0]["code"], "role.invalid");

    let bad_token = http
        .post(app.url("/api/v1/auth/tokens"))
        .json(&json!({ "name": "", "expires_in_days": 9999 }))
        .send()
        .await
        .unwrap();
    assert_eq!(bad_token.status(), 422);
    let body: Value = bad_token.json().await.unwrap();
    assert_eq!(
        body["error"]["fields"]["name"][0]["code"],
        "token_name.required"
    );
    assert_eq!(
        body["error"]["fields"]["expires_in_days"][0]["code"],
        "token_lifetime.invalid"
    );

    let not_a_uuid = http
        .get(app.url("/api/v1/organizations/not-a-uuid"))
        .send()
        .await
        .unwrap();
    assert_eq!(not_a_uuid.status(), 404);
    let unknown_route = http.get(app.url("/api/v1/nope")).send().await.unwrap();
    assert_eq!(unknown_route.status(), 404);
    let body: Value = unknown_route.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
}

async fn auth_endpoints_are_rate_limited_per_ip(backend: Backend) {
    let app = spawn_with(
        backend,
        Options {
            auth_rate_per_minute: 3,
            ..Options::default()
        },
    )
    .await;
    let http = client();
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let response = http
            .post(app.url("/api/v1/auth/login"))
            .json(&json!({ "email": "x@y.be", "password": "whatever pass" }))
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
        if response.status() == 429 {
            assert!(response.headers().contains_key("retry-after"));
        }
    }
    assert_eq!(statuses, vec![401, 401, 401, 429, 429]);
    // The same limiter guards the login server function.
    let response = server_fn(
        &http,
        &app,
        "/sfn/auth/login",
        &[("email", "x@y.be"), ("password", "p")],
    )
    .await;
    assert_eq!(response.status(), 429);
    // Other endpoints are not limited.
    assert_eq!(
        http.get(app.url("/healthz")).send().await.unwrap().status(),
        200
    );
}

async fn api_tokens_authenticate_and_revoke(backend: Backend) {
    let app = spawn(backend).await;
    let tenant = app.tenant("alpha").await;
    let http = app.login(&tenant.syndic).await;
    let created = http
        .post(app.url("/api/v1/auth/tokens"))
        .json(&json!({ "name": "Accounting export", "expires_in_days": 30 }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("kpg_"));
    let id = created["token"]["id"].as_str().unwrap().to_owned();

    let listed: Value = http
        .get(app.url("/api/v1/auth/tokens"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert!(
        !listed.to_string().contains(&secret),
        "the secret is never listed"
    );

    let bearer = client();
    let me: Value = bearer
        .get(app.url("/api/v1/auth/me"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["email"], tenant.syndic);
    let members = bearer
        .get(app.url(&format!(
            "/api/v1/organizations/{}/members",
            tenant.organization_id
        )))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(members.status(), 200);

    let wrong = bearer
        .get(app.url("/api/v1/auth/me"))
        .bearer_auth("kpg_notarealtoken")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);

    let revoked = http
        .delete(app.url(&format!("/api/v1/auth/tokens/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 204);
    let after = bearer
        .get(app.url("/api/v1/auth/me"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 401);
}

async fn other_tenants_are_not_found_rest(backend: Backend) {
    let app = spawn(backend).await;
    let a = app.tenant("alpha").await;
    let b = app.tenant("bravo").await;
    let syndic_b = app.login(&b.syndic).await;
    let invitation = app
        .invite(&syndic_b, b.organization_id, "new@bravo.be", "owner")
        .await;
    let invitation_id = invitation["id"].as_str().unwrap();
    let token: Value = syndic_b
        .post(app.url("/api/v1/auth/tokens"))
        .json(&json!({ "name": "b" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token_id = token["token"]["id"].as_str().unwrap();
    let owner_b_id = app.member_id(&syndic_b, b.organization_id, &b.owner).await;

    let syndic_a = app.login(&a.syndic).await;
    let org_b = b.organization_id;
    let reads = [
        format!("/api/v1/organizations/{org_b}"),
        format!("/api/v1/organizations/{org_b}/members"),
        format!("/api/v1/organizations/{org_b}/invitations"),
        format!("/api/v1/organizations/{org_b}/audit-log"),
    ];
    for path in &reads {
        let response = syndic_a.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 404, "GET {path}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "not_found");
    }
    let writes = [
        (
            format!("/api/v1/organizations/{org_b}/invitations/{invitation_id}"),
            "DELETE",
        ),
        (
            format!("/api/v1/organizations/{org_b}/members/{owner_b_id}"),
            "DELETE",
        ),
        (format!("/api/v1/auth/tokens/{token_id}"), "DELETE"),
    ];
    for (path, _) in &writes {
        let response = syndic_a.delete(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 404, "DELETE {path}");
    }
    let invite = syndic_a
        .post(app.url(&format!("/api/v1/organizations/{org_b}/invitations")))
        .json(&json!({ "email": "spy@alpha.be", "role": "syndic" }))
        .send()
        .await
        .unwrap();
    assert_eq!(invite.status(), 404);
    // A's own organisation, addressed through B's invitation id, does not find it either.
    let cross = syndic_a
        .delete(app.url(&format!(
            "/api/v1/organizations/{}/invitations/{invitation_id}",
            a.organization_id
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(cross.status(), 404);

    // Nothing of B changed.
    let still: Value = syndic_b
        .get(app.url(&format!("/api/v1/organizations/{org_b}/invitations")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(still.as_array().unwrap().len(), 1);
    let members: Value = syndic_b
        .get(app.url(&format!("/api/v1/organizations/{org_b}/members")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(members.as_array().unwrap().len(), 2);
}

async fn other_tenants_are_not_found_server_fns(backend: Backend) {
    let app = spawn(backend).await;
    let a = app.tenant("alpha").await;
    let b = app.tenant("bravo").await;
    let syndic_b = app.login(&b.syndic).await;
    let invitation = app
        .invite(&syndic_b, b.organization_id, "new@bravo.be", "owner")
        .await;
    let invitation_id = invitation["id"].as_str().unwrap();
    let owner_b_id = app.member_id(&syndic_b, b.organization_id, &b.owner).await;

    let syndic_a = app.login(&a.syndic).await;
    let revoke = server_fn(
        &syndic_a,
        &app,
        "/sfn/members/revoke-invitation",
        &[("id", invitation_id)],
    )
    .await;
    assert_eq!(revoke.status(), 404);
    let remove = server_fn(
        &syndic_a,
        &app,
        "/sfn/members/remove",
        &[("user_id", &owner_b_id)],
    )
    .await;
    assert_eq!(remove.status(), 404);
    let switch = server_fn(
        &syndic_a,
        &app,
        "/sfn/account/organization",
        &[("organization_id", &b.organization_id.to_string())],
    )
    .await;
    assert_eq!(switch.status(), 404);
    // A's member list shows only A.
    let list = server_fn(&syndic_a, &app, "/sfn/members/list", &[]).await;
    assert_eq!(list.status(), 200);
    let text = list.text().await.unwrap();
    assert!(
        text.contains(&a.owner) && !text.contains(&b.owner),
        "{text}"
    );

    let still: Value = syndic_b
        .get(app.url(&format!(
            "/api/v1/organizations/{}/invitations",
            b.organization_id
        )))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(still.as_array().unwrap().len(), 1);
}

async fn owners_cannot_do_syndic_work(backend: Backend) {
    let app = spawn(backend).await;
    let a = app.tenant("alpha").await;
    let owner = app.login(&a.owner).await;
    let org = a.organization_id;
    let invite = owner
        .post(app.url(&format!("/api/v1/organizations/{org}/invitations")))
        .json(&json!({ "email": "x@alpha.be", "role": "owner" }))
        .send()
        .await
        .unwrap();
    assert_eq!(invite.status(), 403);
    let body: Value = invite.json().await.unwrap();
    assert_eq!(body["error"]["code"], "forbidden");
    for path in [
        format!("/api/v1/organizations/{org}/members"),
        format!("/api/v1/organizations/{org}/audit-log"),
    ] {
        assert_eq!(
            owner.get(app.url(&path)).send().await.unwrap().status(),
            403,
            "{path}"
        );
    }
    assert_eq!(
        owner
            .get(app.url(&format!("/api/v1/organizations/{org}")))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let create_org = owner
        .post(app.url("/api/v1/organizations"))
        .json(&json!({ "slug": "mine", "name": "Mine", "kind": "self_managed" }))
        .send()
        .await
        .unwrap();
    assert_eq!(create_org.status(), 403);
    let via_fn = server_fn(
        &owner,
        &app,
        "/sfn/members/invite",
        &[("email", "x@alpha.be"), ("role", "owner")],
    )
    .await;
    assert_eq!(via_fn.status(), 403);
}

async fn invitation_by_email_creates_a_member(backend: Backend) {
    let app = spawn_with(
        backend,
        Options {
            with_smtp: true,
            ..Options::default()
        },
    )
    .await;
    let a = app.tenant("alpha").await;
    let syndic = app.login(&a.syndic).await;
    let invite = syndic
        .post(app.url(&format!(
            "/api/v1/organizations/{}/invitations",
            a.organization_id
        )))
        .json(&json!({ "email": "New.Owner@Alpha.be", "role": "board_member", "locale": "nl" }))
        .send()
        .await
        .unwrap();
    assert_eq!(invite.status(), 201);
    let mails = app.wait_for_mails(1).await;
    assert_eq!(mails.len(), 1);
    let (to, subject, body) = &mails[0];
    assert!(to.contains("new.owner@alpha.be"), "{to}");
    assert!(subject.contains("Uitnodiging"), "Dutch subject: {subject}");
    assert!(body.contains("lid van de raad van mede-eigendom"), "{body}");
    let link = link_in(body, &app.url("/invitations/"));
    let token = link.rsplit('/').next().unwrap().to_owned();

    let invitee = client();
    let preview = server_fn(&invitee, &app, "/sfn/auth/invitation", &[("token", &token)]).await;
    assert_eq!(preview.status(), 200);
    let preview: Value = preview.json().await.unwrap();
    assert_eq!(preview["has_account"], false);

    let weak = server_fn(
        &invitee,
        &app,
        "/sfn/auth/accept",
        &[
            ("token", &token),
            ("display_name", ""),
            ("password", "short"),
        ],
    )
    .await;
    assert_eq!(weak.status(), 422);
    let errors: Value = weak.json().await.unwrap();
    assert!(
        errors.to_string().contains("password.too_short"),
        "{errors}"
    );
    assert!(
        errors.to_string().contains("display_name.required"),
        "{errors}"
    );

    let accepted = server_fn(
        &invitee,
        &app,
        "/sfn/auth/accept",
        &[
            ("token", &token),
            ("display_name", "Nina Owner"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert!(
        accepted.status().is_success() || accepted.status().is_redirection(),
        "{}",
        accepted.status()
    );
    let me: Value = invitee
        .get(app.url("/api/v1/auth/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["email"], "new.owner@alpha.be");
    assert_eq!(me["memberships"][0]["roles"], json!(["board_member"]));

    let reused = server_fn(
        &client(),
        &app,
        "/sfn/auth/accept",
        &[
            ("token", &token),
            ("display_name", "X"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(reused.status(), 422, "an invitation is used once");
}

async fn password_reset_by_email(backend: Backend) {
    let app = spawn_with(
        backend,
        Options {
            with_smtp: true,
            ..Options::default()
        },
    )
    .await;
    let a = app.tenant("alpha").await;
    let http = client();
    let unknown = server_fn(
        &http,
        &app,
        "/sfn/auth/forgot",
        &[("email", "ghost@alpha.be")],
    )
    .await;
    assert_eq!(unknown.status(), 200, "same answer for unknown addresses");
    let known = server_fn(&http, &app, "/sfn/auth/forgot", &[("email", &a.syndic)]).await;
    assert_eq!(known.status(), 200);
    let mails = app.wait_for_mails(1).await;
    assert_eq!(mails.len(), 1, "only the existing account gets a mail");
    let link = link_in(&mails[0].2, &app.url("/reset-password/"));
    let token = link.rsplit('/').next().unwrap().to_owned();

    let new_password = "a brand new passphrase";
    let reset = server_fn(
        &http,
        &app,
        "/sfn/auth/reset",
        &[("token", &token), ("new_password", new_password)],
    )
    .await;
    assert!(reset.status().is_success() || reset.status().is_redirection());
    let again = server_fn(
        &http,
        &app,
        "/sfn/auth/reset",
        &[
            ("token", &token),
            ("new_password", "yet another passphrase"),
        ],
    )
    .await;
    assert_eq!(again.status(), 422, "a reset link works once");

    let old = client()
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({ "email": a.syndic, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), 401);
    let new = client()
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({ "email": a.syndic, "password": new_password }))
        .send()
        .await
        .unwrap();
    assert_eq!(new.status(), 200);
}

async fn password_change_ends_other_sessions(backend: Backend) {
    let app = spawn(backend).await;
    let a = app.tenant("alpha").await;
    let laptop = app.login(&a.syndic).await;
    let phone = app.login(&a.syndic).await;
    let wrong = server_fn(
        &laptop,
        &app,
        "/sfn/account/password",
        &[
            ("current_password", "not it at all"),
            ("new_password", "another good passphrase"),
        ],
    )
    .await;
    assert_eq!(wrong.status(), 422);
    let changed = server_fn(
        &laptop,
        &app,
        "/sfn/account/password",
        &[
            ("current_password", PASSWORD),
            ("new_password", "another good passphrase"),
        ],
    )
    .await;
    assert_eq!(changed.status(), 200);
    assert_eq!(
        laptop
            .get(app.url("/api/v1/auth/me"))
            .send()
            .await
            .unwrap()
            .status(),
        200,
        "the session that changed the password stays"
    );
    assert_eq!(
        phone
            .get(app.url("/api/v1/auth/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401,
        "other sessions end"
    );
}

async fn writes_are_audited(backend: Backend) {
    let app = spawn(backend).await;
    let a = app.tenant("alpha").await;
    let syndic = app.login(&a.syndic).await;
    let org = a.organization_id;
    syndic
        .post(app.url(&format!("/api/v1/organizations/{org}/invitations")))
        .json(&json!({ "email": "x@alpha.be", "role": "accountant" }))
        .send()
        .await
        .unwrap();
    let log: Value = syndic
        .get(app.url(&format!("/api/v1/organizations/{org}/audit-log")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions[0], "invitation.created", "{actions:?}");
    assert!(actions.contains(&"membership.granted"));
    assert!(actions.contains(&"organization.created"));
    assert_eq!(log[0]["after"]["email"], "x@alpha.be");
    assert_eq!(log[0]["after"]["role"], "accountant");
}

async fn cross_site_posts_are_refused(backend: Backend) {
    let app = spawn(backend).await;
    let a = app.tenant("alpha").await;
    let syndic = app.login(&a.syndic).await;
    let forged = syndic
        .post(app.url("/sfn/members/invite"))
        .header("Origin", "https://evil.example")
        .form(&[("email", "attacker@evil.example"), ("role", "syndic")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let same_site = syndic
        .post(app.url("/sfn/members/invite"))
        .header("Origin", app.base.clone())
        .header("Accept", "application/json")
        .form(&[("email", "friend@alpha.be"), ("role", "owner")])
        .send()
        .await
        .unwrap();
    assert_eq!(same_site.status(), 200);
}

async fn pages_render_translated_with_security_headers(backend: Backend) {
    let app = spawn(backend).await;
    let a = app.tenant("alpha").await;
    let http = client();
    let home = http
        .get(app.url("/"))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(
        home.status(),
        302,
        "anonymous visitors go to the login page"
    );
    assert_eq!(home.headers()["location"], "/login");

    let login = http
        .get(app.url("/login"))
        .header("Accept-Language", "nl-BE,nl;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let csp = login.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("'nonce-") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(login.headers()["x-content-type-options"], "nosniff");
    assert!(login.headers().contains_key("referrer-policy"));
    let html = login.text().await.unwrap();
    assert!(html.contains("<html lang=\"nl\""), "{html}");
    assert!(html.contains("Aanmelden"), "Dutch login page");

    // The language cookie wins over the browser's preference.
    let french = http
        .get(app.url("/login"))
        .header("Accept-Language", "nl")
        .header("Cookie", "koprogo_lang=fr")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(french.contains("Se connecter"));

    let syndic = app.login(&a.syndic).await;
    let dashboard = syndic
        .get(app.url("/"))
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(dashboard.status(), 200);
    let html = dashboard.text().await.unwrap();
    assert!(html.contains("Org alpha"), "{html}");
    assert!(html.contains("Hello, syndic"), "{html}");

    let missing = http.get(app.url("/no/such/page")).send().await.unwrap();
    assert_eq!(missing.status(), 404);

    let compressed = http
        .get(app.url("/login"))
        .header("Accept-Encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(compressed.headers()["content-encoding"], "br");

    // Announce a 2 MiB body and send none of it: the limit answers from the header alone,
    // so the test does not race the server closing a connection mid-upload.
    let mut stream = tokio::net::TcpStream::connect(app.url("").trim_start_matches("http://"))
        .await
        .unwrap();
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    stream
        .write_all(
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\n\
              Content-Type: application/json\r\nContent-Length: 2097152\r\n\r\n",
        )
        .await
        .unwrap();
    let mut head = [0u8; 12];
    // Bounded: a server that waited for the body instead would hang the suite, not fail it.
    tokio::time::timeout(
        std::time::Duration::from_secs(30),
        stream.read_exact(&mut head),
    )
    .await
    .expect("the 413 comes from the header alone, without waiting for the body")
    .unwrap();
    assert_eq!(&head, b"HTTP/1.1 413", "bodies over 1 MiB are refused");
}
