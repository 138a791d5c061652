//! The second factor, step-up, sessions and the organisation's security policy (issue 11),
//! over HTTP on both backends. Codes are computed as an authenticator app would, from the
//! enrolment's secret at the test server's stopped clock.

use crate::common::{
    Authenticator, Backend, Options, PASSWORD, TestApp, building_form, client, field_codes,
    link_in, spawn, spawn_with,
};
use app::domain::{Locale, Role};
use serde_json::{Value, json};
use std::time::Duration;

on_both_backends!(
    an_authenticator_app_guards_the_login_and_recovery_codes_work_once,
    a_waiting_login_expires_and_wrong_codes_are_throttled,
    a_remembered_device_skips_the_code_until_forgotten,
    sensitive_changes_ask_for_a_recent_proof,
    the_security_policy_binds_syndics_and_accountants,
    the_platform_administrator_has_no_right_without_a_second_factor,
    sessions_are_listed_with_their_assurance_and_can_be_ended,
    an_operator_resets_a_lost_second_factor,
    a_new_email_address_needs_a_recent_proof_and_a_link_to_it,
);

/// A conflict's message is the English text of its code.
fn conflict(body: &Value) -> String {
    body["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn text(code: &str) -> String {
    app::i18n::translate(Locale::En, code)
}

async fn password_login(app: &TestApp, email: &str) -> (reqwest::Client, u16, Value) {
    let client = client();
    let (status, body) = app
        .post_json(
            &client,
            "/api/v1/auth/login",
            &json!({"email": email, "password": PASSWORD}),
        )
        .await;
    (client, status.as_u16(), body)
}

async fn verify(app: &TestApp, client: &reqwest::Client, code: &str) -> (u16, Value) {
    let (status, body) = app
        .post_json(
            client,
            "/api/v1/auth/second-factor/verify",
            &json!({"code": code}),
        )
        .await;
    (status.as_u16(), body)
}

async fn an_authenticator_app_guards_the_login_and_recovery_codes_work_once(backend: Backend) {
    let app = spawn(backend).await;
    let a = app.tenant("alpha").await;
    let syndic = app.login(&a.syndic).await;
    let (_, status) = app.get_json(&syndic, "/api/v1/auth/second-factor").await;
    assert_eq!(status["enrolled"], false);

    // Enrolment: the secret, the otpauth URI and its QR code; a wrong first code is refused.
    let (status, enrolment) = app
        .post_json(&syndic, "/api/v1/auth/second-factor/totp", &json!({}))
        .await;
    assert_eq!(status, 200);
    let uri = enrolment["uri"].as_str().unwrap();
    assert!(
        uri.starts_with("otpauth://totp/KoproGo:syndic%40alpha.be?secret="),
        "{uri}"
    );
    assert!(enrolment["qr_svg"].as_str().unwrap().contains("<svg"));
    let phone = Authenticator::from_enrolment(&enrolment);
    let wrong = if phone.code(&app) == "000000" {
        "111111"
    } else {
        "000000"
    };
    let (status, body) = app
        .post_json(
            &syndic,
            "/api/v1/auth/second-factor/totp/confirm",
            &json!({"code": wrong}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(field_codes(&body, "code"), ["second_factor.code_wrong"]);
    let (status, me) = app.get_json(&syndic, "/api/v1/auth/me").await;
    assert_eq!(
        (status.as_u16(), &me["second_factor"]),
        (200, &json!(false))
    );
    let first_code = phone.code(&app);
    let (status, codes) = app
        .post_json(
            &syndic,
            "/api/v1/auth/second-factor/totp/confirm",
            &json!({"code": first_code}),
        )
        .await;
    assert_eq!(status, 200, "{codes}");
    let codes: Vec<String> = codes["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(codes.len(), 10);
    assert!(
        codes
            .iter()
            .all(|c| c.len() == 19 && c.matches('-').count() == 3)
    );
    let (_, me) = app.get_json(&syndic, "/api/v1/auth/me").await;
    assert_eq!(me["second_factor"], true);
    // A second enrolment over a confirmed one is refused.
    let (status, body) = app
        .post_json(&syndic, "/api/v1/auth/second-factor/totp", &json!({}))
        .await;
    assert_eq!(status, 409);
    assert_eq!(conflict(&body), text("second_factor.already_enrolled"));

    // The secret is sealed: the database holds neither it nor its base32.
    let sealed: Vec<u8> = {
        use sea_orm::{EntityTrait, QuerySelect};
        entity::totp_credential::Entity::find()
            .select_only()
            .column(entity::totp_credential::Column::SecretSealed)
            .into_tuple()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
    };
    assert!(
        !sealed
            .windows(phone.secret().len())
            .any(|w| w == phone.secret())
    );
    assert!(!String::from_utf8_lossy(&sealed).contains(enrolment["secret"].as_str().unwrap()));

    // The password alone only leads to the code; the half-logged-in session is no session.
    let (waiting, status, body) = password_login(&app, &a.syndic).await;
    assert_eq!((status, &body["status"]), (202, &json!("second_factor")));
    let (status, _) = app.get_json(&waiting, "/api/v1/auth/me").await;
    assert_eq!(status, 401);
    let (status, _) = app.get_json(&waiting, "/api/v1/buildings").await;
    assert_eq!(status, 401);
    // The code that confirmed the enrolment is spent, even within its 30 seconds.
    let (status, body) = verify(&app, &waiting, &first_code).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "code"), ["second_factor.code_used"]);
    app.next_step();
    let (status, body) = verify(&app, &waiting, "12345").await;
    assert_eq!(
        (status, field_codes(&body, "code")),
        (422, vec!["second_factor.code_invalid".to_owned()])
    );
    let (status, me) = verify(&app, &waiting, &phone.code(&app)).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["assurance"]["methods"], json!(["password", "totp"]));
    let (status, _) = app.get_json(&waiting, "/api/v1/buildings").await;
    assert_eq!(status, 200);

    // A recovery code works once, typed in lower case and without its dashes too.
    let typed = codes[3].replace('-', "").to_lowercase();
    let (other, status, _) = password_login(&app, &a.syndic).await;
    assert_eq!(status, 202);
    let (status, me) = verify(&app, &other, &typed).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(
        me["assurance"]["methods"],
        json!(["password", "recovery_code"])
    );
    let (again, status, _) = password_login(&app, &a.syndic).await;
    assert_eq!(status, 202);
    let (status, body) = verify(&app, &again, &codes[3]).await;
    assert_eq!(
        (status, field_codes(&body, "code")),
        (422, vec!["second_factor.recovery_code_wrong".to_owned()])
    );
    let (_, status) = app.get_json(&waiting, "/api/v1/auth/second-factor").await;
    assert_eq!(status["recovery_codes_left"], 9);

    // New recovery codes replace the old ones.
    let (status, renewed) = app
        .post_json(
            &waiting,
            "/api/v1/auth/second-factor/recovery-codes",
            &json!({}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, body) = verify(&app, &again, &codes[4]).await;
    assert_eq!(
        (status, field_codes(&body, "code")),
        (422, vec!["second_factor.recovery_code_wrong".to_owned()])
    );
    let (status, _) = verify(&app, &again, renewed["codes"][0].as_str().unwrap()).await;
    assert_eq!(status, 200);

    // Every step is in the audit log, and no code or secret is.
    let actions: Vec<String> = {
        use sea_orm::{EntityTrait, QuerySelect};
        entity::audit_log::Entity::find()
            .select_only()
            .column(entity::audit_log::Column::Action)
            .into_tuple()
            .all(&app.db)
            .await
            .unwrap()
    };
    for action in [
        "second_factor.enrolment_failed",
        "second_factor.enrolled",
        "second_factor.failed",
        "second_factor.verified",
        "second_factor.recovery_code_used",
        "second_factor.recovery_codes_renewed",
    ] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} in {actions:?}"
        );
    }
}

async fn a_waiting_login_expires_and_wrong_codes_are_throttled(backend: Backend) {
    let app = spawn(backend).await;
    let a = app.tenant("alpha").await;
    let syndic = app.login(&a.syndic).await;
    let (phone, _) = app.enrol(&syndic).await;

    let (waiting, status, _) = password_login(&app, &a.syndic).await;
    assert_eq!(status, 202);
    app.state.clock.advance(Duration::from_secs(6 * 60));
    let (status, body) = verify(&app, &waiting, &phone.code(&app)).await;
    assert_eq!(status, 409);
    assert_eq!(conflict(&body), text("second_factor.login_expired"));
    // Without a password first there is nothing to complete.
    let (status, _) = verify(&app, &client(), &phone.code(&app)).await;
    assert_eq!(status, 409);

    // Wrong codes meet the password's throttle, under their own key.
    let (guessing, status, _) = password_login(&app, &a.syndic).await;
    assert_eq!(status, 202);
    let right = phone.code(&app);
    let wrong: String = right
        .chars()
        .map(|c| {
            if c == '9' {
                '0'
            } else {
                char::from(c as u8 + 1)
            }
        })
        .collect();
    let mut statuses = Vec::new();
    for _ in 0..8 {
        statuses.push(verify(&app, &guessing, &wrong).await.0);
    }
    assert!(statuses.contains(&429), "{statuses:?}");
    assert_eq!(statuses[0], 422);
    // Refused while the wait runs, even with the right code; accepted after it.
    let (status, _) = verify(&app, &guessing, &right).await;
    assert_eq!(status, 429);
    // The password itself is not locked by wrong codes.
    let (_, status, _) = password_login(&app, &a.syndic).await;
    assert_eq!(status, 202);
}

async fn a_remembered_device_skips_the_code_until_forgotten(backend: Backend) {
    let app = spawn(backend).await;
    let a = app.tenant("alpha").await;
    let syndic = app.login(&a.syndic).await;
    let (phone, _) = app.enrol(&syndic).await;
    let (_, cookie) = app.login_remembered(&a.syndic, &phone).await;
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert!(cookie.contains("Max-Age=2592000"), "{cookie}");
    let device = cookie.split(';').next().unwrap().to_owned();

    // A new browser with that cookie: the password is enough.
    let login = |cookie: String| {
        let app = &app;
        let email = a.syndic.clone();
        async move {
            let client = client();
            let response = client
                .post(app.url("/api/v1/auth/login"))
                .header("cookie", cookie)
                .json(&json!({"email": email, "password": PASSWORD}))
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            (status, response.json::<Value>().await.unwrap())
        }
    };
    let (status, me) = login(device.clone()).await;
    assert_eq!(status, 200, "{me}");
    assert!(me["id"].is_string());
    // A forged or another user's cookie is no device.
    let (status, _) = login("koprogo_device=kpd_forged".into()).await;
    assert_eq!(status, 202);

    let (_, status_body) = app.get_json(&syndic, "/api/v1/auth/second-factor").await;
    let devices = status_body["remembered_devices"].as_array().unwrap();
    assert_eq!(devices.len(), 1);
    let id = devices[0]["id"].as_str().unwrap();
    // Someone else cannot forget it; its owner can.
    let other = app.tenant("beta").await;
    let intruder = app.login(&other.syndic).await;
    let (status, _) = app
        .delete(
            &intruder,
            &format!("/api/v1/auth/second-factor/devices/{id}"),
        )
        .await;
    assert_eq!(status, 404);
    let (status, _) = app
        .delete(&syndic, &format!("/api/v1/auth/second-factor/devices/{id}"))
        .await;
    assert_eq!(status, 204);
    let (status, _) = login(device).await;
    assert_eq!(status, 202);
}

async fn sensitive_changes_ask_for_a_recent_proof(backend: Backend) {
    let app = spawn(backend).await;
    let a = app.tenant("alpha").await;
    let syndic = app.login(&a.syndic).await;
    let (status, building) = app
        .post_json(&syndic, "/api/v1/buildings", &building_form("A1"))
        .await;
    assert_eq!(status, 201);
    let accounts = format!(
        "/api/v1/buildings/{}/bank-accounts",
        building["id"].as_str().unwrap()
    );
    let account = |iban: &str| json!({"iban": iban, "purpose": "working_capital", "label": "Current", "holder_name": "ACP A1"});
    // Just logged in: allowed.
    let (status, body) = app
        .post_json(&syndic, &accounts, &account("BE68 5390 0754 7034"))
        .await;
    assert_eq!(status, 201, "{body}");

    // Sixteen minutes later the session still works, but not for the owners' money.
    app.state.clock.advance(Duration::from_secs(16 * 60));
    let (status, _) = app.get_json(&syndic, "/api/v1/buildings").await;
    assert_eq!(status, 200);
    let (status, body) = app
        .post_json(&syndic, &accounts, &account("BE71 0961 2345 6769"))
        .await;
    assert_eq!(status, 403);
    assert_eq!(body["error"]["code"], "step_up_required");
    let (status, body) = app
        .post_json(&syndic, "/api/v1/auth/tokens", &json!({"name": "later"}))
        .await;
    assert_eq!(
        (status.as_u16(), body["error"]["code"].as_str()),
        (403, Some("step_up_required"))
    );
    let (status, body) = app
        .post_json(
            &syndic,
            "/api/v1/auth/step-up",
            &json!({"password": "wrong horse battery"}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(field_codes(&body, "password"), ["password.wrong_current"]);
    let (status, _) = app
        .post_json(
            &syndic,
            "/api/v1/auth/step-up",
            &json!({"password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 204);
    let (status, body) = app
        .post_json(&syndic, &accounts, &account("BE71 0961 2345 6769"))
        .await;
    assert_eq!(status, 201, "{body}");
    let (status, token) = app
        .post_json(
            &syndic,
            "/api/v1/auth/tokens",
            &json!({"name": "integration"}),
        )
        .await;
    assert_eq!(status, 201);

    // An API token never counts as a recent proof, and cannot step up.
    let bearer = client();
    let secret = token["secret"].as_str().unwrap();
    let response = bearer
        .post(app.url(&accounts))
        .bearer_auth(secret)
        .json(&account("BE62 5100 0754 7061"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let response = bearer
        .post(app.url("/api/v1/auth/step-up"))
        .bearer_auth(secret)
        .json(&json!({"password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);

    // With a second factor, the step-up asks for its code, not the password.
    let (phone, _) = app.enrol(&syndic).await;
    app.state.clock.advance(Duration::from_secs(16 * 60));
    let (status, body) = app
        .post_json(
            &syndic,
            "/api/v1/auth/step-up",
            &json!({"password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(field_codes(&body, "code"), ["second_factor.code_required"]);
    let (status, _) = app
        .post_json(
            &syndic,
            "/api/v1/auth/step-up",
            &json!({"code": phone.code(&app)}),
        )
        .await;
    assert_eq!(status, 204);
    let (_, me) = app.get_json(&syndic, "/api/v1/auth/me").await;
    assert_eq!(me["recently_verified"], true);
    assert_eq!(me["assurance"]["methods"], json!(["password", "totp"]));
}

async fn the_security_policy_binds_syndics_and_accountants(backend: Backend) {
    let app = spawn(backend).await;
    let a = app.tenant("alpha").await;
    let accountant = app
        .user("accountant@alpha.be", a.organization_id, Role::Accountant)
        .await;
    let syndic = app.login(&a.syndic).await;
    let security = format!("/api/v1/organizations/{}/security", a.organization_id);
    let (status, policy) = app.get_json(&syndic, &security).await;
    assert_eq!(
        (status.as_u16(), &policy["second_factor_required"]),
        (200, &json!(false))
    );
    // Who turns it on must have one.
    let (status, body) = app
        .put_json(&syndic, &security, &json!({"second_factor_required": true}))
        .await;
    assert_eq!(status, 409);
    assert_eq!(conflict(&body), text("second_factor.enrol_first"));
    app.enrol(&syndic).await;
    let (status, _) = app
        .put_json(&syndic, &security, &json!({"second_factor_required": true}))
        .await;
    assert_eq!(status, 200);
    // An owner may not change it; another organisation does not see it.
    let owner = app.login(&a.owner).await;
    let (status, _) = app
        .put_json(&owner, &security, &json!({"second_factor_required": false}))
        .await;
    assert_eq!(status, 403);
    let b = app.tenant("beta").await;
    let outsider = app.login(&b.syndic).await;
    let (status, _) = app.get_json(&outsider, &security).await;
    assert_eq!(status, 404);

    // The accountant without one logs in, but may do nothing until enrolled.
    let books = app.login(&accountant).await;
    let (status, me) = app.get_json(&books, "/api/v1/auth/me").await;
    assert_eq!(
        (status.as_u16(), &me["second_factor"]),
        (200, &json!(false))
    );
    let (status, body) = app.get_json(&books, "/api/v1/buildings").await;
    assert_eq!(status, 403);
    assert_eq!(body["error"]["code"], "second_factor_required");
    // The owner is not bound by it.
    let (status, _) = app.get_json(&owner, "/api/v1/me/lots").await;
    assert_eq!(status, 200);
    app.enrol(&books).await;
    let (status, _) = app.get_json(&books, "/api/v1/buildings").await;
    assert_eq!(status, 200);
    // Nor can a bound user turn theirs off.
    let (status, body) = app.delete(&books, "/api/v1/auth/second-factor").await;
    assert_eq!(status, 409);
    assert_eq!(conflict(&body), text("second_factor.required_by_policy"));

    // Once the policy is lifted, a user may turn theirs off (after a recent proof).
    let (status, _) = app
        .put_json(
            &syndic,
            &security,
            &json!({"second_factor_required": false}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = app.delete(&books, "/api/v1/auth/second-factor").await;
    assert_eq!(status, 204);
    let (_, status, _) = password_login(&app, &accountant).await;
    assert_eq!(
        status, 200,
        "without a second factor the password logs in again"
    );
}

async fn the_platform_administrator_has_no_right_without_a_second_factor(backend: Backend) {
    let app = spawn(backend).await;
    app::ssr::services::accounts::create_user(
        &app.db,
        &app.state.work,
        app::ssr::services::accounts::NewUser {
            email: "root@koprogo.test",
            password: PASSWORD,
            display_name: "Root",
            locale: Locale::En,
            is_superadmin: true,
        },
        None,
    )
    .await
    .unwrap();
    let admin = app.login("root@koprogo.test").await;
    let new_org = json!({"slug": "gamma", "name": "Gamma", "kind": "syndic_firm"});
    let (status, body) = app
        .post_json(&admin, "/api/v1/organizations", &new_org)
        .await;
    assert_eq!(status, 403);
    assert_eq!(body["error"]["code"], "second_factor_required");
    let (phone, _) = app.enrol(&admin).await;
    let (status, _) = app
        .post_json(&admin, "/api/v1/organizations", &new_org)
        .await;
    assert_eq!(status, 201);
    // From now on the code is asked at every login, and cannot be turned off.
    let admin = app.login_with_code("root@koprogo.test", &phone).await;
    let (status, _) = app.delete(&admin, "/api/v1/auth/second-factor").await;
    assert_eq!(status, 409);
}

async fn sessions_are_listed_with_their_assurance_and_can_be_ended(backend: Backend) {
    let app = spawn(backend).await;
    let a = app.tenant("alpha").await;
    let laptop = app.login(&a.syndic).await;
    let phone = app.login(&a.syndic).await;
    let (status, list) = app.get_json(&laptop, "/api/v1/auth/sessions").await;
    assert_eq!(status, 200);
    let list = list.as_array().unwrap().clone();
    assert_eq!(list.len(), 2);
    assert_eq!(list.iter().filter(|s| s["current"] == true).count(), 1);
    assert!(
        list.iter()
            .all(|s| s["assurance"]["methods"] == json!(["password"]))
    );
    let other = list.iter().find(|s| s["current"] == false).unwrap();
    let handle = other["id"].as_str().unwrap();
    // The handle is not the cookie's secret.
    assert_eq!(handle.len(), 32);
    // Someone else's session is not found for an intruder.
    let b = app.tenant("beta").await;
    let intruder = app.login(&b.syndic).await;
    let (status, _) = app
        .delete(&intruder, &format!("/api/v1/auth/sessions/{handle}"))
        .await;
    assert_eq!(status, 404);
    let (status, _) = app.get_json(&phone, "/api/v1/auth/me").await;
    assert_eq!(status, 200);
    let (status, _) = app
        .delete(&laptop, &format!("/api/v1/auth/sessions/{handle}"))
        .await;
    assert_eq!(status, 204);
    let (status, _) = app.get_json(&phone, "/api/v1/auth/me").await;
    assert_eq!(status, 401);
    let (_, list) = app.get_json(&laptop, "/api/v1/auth/sessions").await;
    assert_eq!(list.as_array().unwrap().len(), 1);
}

async fn an_operator_resets_a_lost_second_factor(backend: Backend) {
    let app = spawn(backend).await;
    let a = app.tenant("alpha").await;
    let syndic = app.login(&a.syndic).await;
    let (phone, _) = app.enrol(&syndic).await;
    let logged_in = app.login_with_code(&a.syndic, &phone).await;
    let user_id = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        entity::user::Entity::find()
            .filter(entity::user::Column::Email.eq(a.syndic.clone()))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    // What `koprogo reset-second-factor` does.
    app::ssr::services::second_factor::reset(&app.db, user_id)
        .await
        .unwrap();
    // Every session ended; the password alone logs in; nothing of the old factor is left.
    let (status, _) = app.get_json(&logged_in, "/api/v1/auth/me").await;
    assert_eq!(status, 401);
    let (client, status, me) = password_login(&app, &a.syndic).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["second_factor"], false);
    for table in ["totp_credentials", "recovery_codes", "remembered_devices"] {
        assert_eq!(app.count(table).await, 0, "{table}");
    }
    // And a new app can be set up.
    app.enrol(&client).await;
}

async fn a_new_email_address_needs_a_recent_proof_and_a_link_to_it(backend: Backend) {
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
    let new = json!({"email": "sophie.new@alpha.be"});
    // Taken, unchanged and malformed addresses are refused before anything is sent.
    let (status, body) = app
        .post_json(&syndic, "/api/v1/auth/email", &json!({"email": a.owner}))
        .await;
    assert_eq!(status, 409);
    assert_eq!(conflict(&body), text("conflict.email_taken"));
    let (status, body) = app
        .post_json(&syndic, "/api/v1/auth/email", &json!({"email": a.syndic}))
        .await;
    assert_eq!(
        (status.as_u16(), field_codes(&body, "email")),
        (422, vec!["email.unchanged".to_owned()])
    );
    let (status, _) = app
        .post_json(
            &syndic,
            "/api/v1/auth/email",
            &json!({"email": "not an address"}),
        )
        .await;
    assert_eq!(status, 422);
    // A session that logged in long ago proves itself again first.
    app.state.clock.advance(Duration::from_secs(16 * 60));
    let (status, body) = app.post_json(&syndic, "/api/v1/auth/email", &new).await;
    assert_eq!(
        (status.as_u16(), body["error"]["code"].as_str()),
        (403, Some("step_up_required"))
    );
    let (status, _) = app
        .post_json(
            &syndic,
            "/api/v1/auth/step-up",
            &json!({"password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 204);
    let (status, _) = app.post_json(&syndic, "/api/v1/auth/email", &new).await;
    assert_eq!(status, 202);

    // The link goes to the new address, a notice to the old one; nothing changed yet.
    let mails = app.wait_for_mails(2).await;
    let to_new = mails
        .iter()
        .find(|m| m.0.contains("sophie.new@alpha.be"))
        .expect("a mail to the new address");
    assert!(
        mails
            .iter()
            .any(|m| m.0.contains(&a.syndic) && m.2.contains("sophie.new@alpha.be"))
    );
    let (_, me) = app.get_json(&syndic, "/api/v1/auth/me").await;
    assert_eq!(me["email"], a.syndic);
    let link = link_in(&to_new.2, &app.url("/confirm-email/"));
    let token = link.rsplit('/').next().unwrap().to_owned();
    // A wrong link is refused; the right one works once, from any browser.
    let (status, body) = app
        .post_json(
            &client(),
            "/api/v1/auth/email/confirm",
            &json!({"token": "forged"}),
        )
        .await;
    assert_eq!(
        (status.as_u16(), field_codes(&body, "token")),
        (422, vec!["email_change.invalid_link".to_owned()])
    );
    let (status, _) = app
        .post_json(
            &client(),
            "/api/v1/auth/email/confirm",
            &json!({"token": token}),
        )
        .await;
    assert_eq!(status, 204);
    let (status, _) = app
        .post_json(
            &client(),
            "/api/v1/auth/email/confirm",
            &json!({"token": token}),
        )
        .await;
    assert_eq!(status, 422);
    // The open session sees the new address; logins use it, not the old one.
    let (_, me) = app.get_json(&syndic, "/api/v1/auth/me").await;
    assert_eq!(me["email"], "sophie.new@alpha.be");
    let (_, status, _) = password_login(&app, "sophie.new@alpha.be").await;
    assert_eq!(status, 200);
    let (_, status, _) = password_login(&app, &a.syndic).await;
    assert_eq!(status, 401);
    // An API token cannot start it.
    let (status, token) = app
        .post_json(&syndic, "/api/v1/auth/tokens", &json!({"name": "t"}))
        .await;
    assert_eq!(status, 201);
    let response = client()
        .post(app.url("/api/v1/auth/email"))
        .bearer_auth(token["secret"].as_str().unwrap())
        .json(&json!({"email": "elsewhere@alpha.be"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
}
