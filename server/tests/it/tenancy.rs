//! The tenancy matrix, generated from the OpenAPI document: every operation on a path with
//! an id is called, with a valid request, on objects of organisation A by people who must
//! not reach them — each role of organisation B, and inside A a council member outside its
//! buildings, an owner on someone else's lot and a contractor. Every call must be 403 or 404
//! and change nothing (row counts, audit log included). A new endpoint is covered without
//! anyone writing a test; the test fails when an id-bearing operation has no fixture below.

use crate::common::{Backend, TestApp, building_form, person, spawn};
use app::domain::Role;
use sea_orm::ActiveModelTrait;
use serde_json::{Value, json};
use std::collections::BTreeMap;

on_both_backends!(nobody_outside_reaches_another_tenants_objects);

/// Every table, to prove a refused call wrote nothing. Sessions and login throttles change
/// with any request that authenticates and are left out.
const TABLES: &[&str] = &[
    "organizations",
    "users",
    "memberships",
    "membership_buildings",
    "invitations",
    "api_tokens",
    "password_resets",
    "audit_log",
    "buildings",
    "bank_accounts",
    "lots",
    "owners",
    "ownerships",
    "transfers",
    "lot_representatives",
    "quota_periods",
    "lot_events",
    "notary_requests",
    "association_mandates",
    "email_consents",
    "owner_agents",
    "mail_outbox",
    "totp_credentials",
    "recovery_codes",
    "remembered_devices",
    "email_changes",
    "oidc_identities",
    "documents",
];

/// The objects of organisation A that the paths name.
struct Fixture {
    organization: String,
    building: String,
    lot: String,
    owner: String,
    account: String,
    transfer: String,
    request: String,
    consent: String,
    agent: String,
    /// A second owner of A (the buyer), who can act for the first.
    buyer: String,
    member: String,
    invitation: String,
    token: String,
    /// The handle of one of A's syndic's sessions, and a device they remembered.
    session: String,
    device: String,
    /// A strong identity linked to A's syndic.
    identity: String,
    /// A document of A's building, for the office only.
    document: String,
}

impl Fixture {
    /// The path with its ids filled in: `{id}` is the object the first segment names.
    fn fill(&self, template: &str) -> String {
        let path = template.trim_start_matches("/api/v1");
        let id = match path.split('/').nth(1) {
            Some("auth") if path.starts_with("/auth/sessions/") => &self.session,
            Some("auth") if path.starts_with("/auth/second-factor/devices/") => &self.device,
            Some("auth") if path.starts_with("/auth/identities/") => &self.identity,
            Some("buildings") => &self.building,
            Some("lots") => &self.lot,
            Some("owners") => &self.owner,
            Some("organizations") => &self.organization,
            Some("documents") => &self.document,
            Some("auth") => &self.token,
            other => panic!("no fixture for the {{id}} of {other:?} in {template}"),
        };
        template
            .replace("{id}", id)
            .replace("{account_id}", &self.account)
            .replace("{transfer_id}", &self.transfer)
            .replace("{request_id}", &self.request)
            .replace("{consent_id}", &self.consent)
            .replace("{agent_id}", &self.agent)
            .replace("{user_id}", &self.member)
            .replace("{invitation_id}", &self.invitation)
    }

    /// A request that would succeed for someone allowed to make it, so that a refusal comes
    /// from authorisation and not from validation.
    fn body(&self, method: &str, template: &str) -> Option<Body> {
        let lot_input = json!({"number": "Z9", "kind": "apartment", "quota": "10"});
        let owner_input = person("Eve", "Intruder", "");
        let json_body = |value: Value| Some(Body::Json(value));
        match (method, template.trim_start_matches("/api/v1")) {
            ("get" | "delete", _) => Some(Body::None),
            ("put", "/buildings/{id}") => json_body(json!({
                "version": 1, "name": "Taken over", "street": "Rue Haute 1",
                "postal_code": "1000", "city": "Bruxelles", "total_quota": "1000",
            })),
            ("post", "/buildings/{id}/archive") => Some(Body::None),
            ("post", "/buildings/{id}/lots") => json_body(lot_input),
            ("post", "/buildings/{id}/bank-accounts") => json_body(json!({
                "iban": "BE71 0961 2345 6769", "purpose": "working_capital", "label": "x",
                "holder_name": "ACP Taken over",
            })),
            ("post", "/buildings/{id}/bank-accounts/{account_id}/close") => {
                json_body(json!({"closed_on": "2024-01-01", "version": 1}))
            }
            ("put", "/documents/{id}/visibility") => json_body(json!({"visibility": "owners"})),
            ("post", "/buildings/{id}/documents") => {
                Some(Body::Bytes(b"%PDF-1.7\n%intruder\n".to_vec()))
            }
            ("post", "/buildings/{id}/import") => Some(Body::Csv(
                "lot_number,lot_kind,quota\nZ8,cellar,10\n".into(),
            )),
            ("put", "/lots/{id}") => {
                let mut body = lot_input;
                body["version"] = json!(1);
                json_body(body)
            }
            ("post", "/lots/{id}/holders") => json_body(json!({
                "valid_from": "2020-01-01",
                "holders": [{"owner_id": self.owner, "right": "full_ownership", "share": "1"}],
            })),
            ("post", "/lots/{id}/transfers") => json_body(json!({
                "kind": "sale", "deed_date": "2024-01-01", "notary": "Me X",
                "sellers": [self.owner],
                "acquirers": [{"owner_id": self.owner, "right": "full_ownership", "share": "1"}],
            })),
            ("post", "/buildings/{id}/total") | ("post", "/lots/{id}/quota") => json_body(json!({
                "quota": "10", "valid_from": "2030-01-01",
                "basis": {"kind": "deed", "reference": "Me X, rép. 1", "date": "2024-01-01"},
            })),
            ("post", "/lots/{id}/division") => json_body(json!({
                "date": "2030-01-01",
                "basis": {"kind": "deed", "reference": "Me X, rép. 1", "date": "2024-01-01"},
                "successors": [
                    {"number": "Z1a", "kind": "apartment", "quota": "5"},
                    {"number": "Z1b", "kind": "apartment", "quota": "5"},
                ],
            })),
            ("post", "/lots/{id}/merger") => json_body(json!({
                "date": "2030-01-01",
                "basis": {"kind": "deed", "reference": "Me X, rép. 1", "date": "2024-01-01"},
                "others": [self.lot],
                "successor": {"number": "Z1", "kind": "apartment", "quota": "5"},
            })),
            ("post", "/lots/{id}/transfers/{transfer_id}/notification") => {
                json_body(json!({"notified_on": "2024-02-01", "version": 1}))
            }
            ("post", "/lots/{id}/transfers/{transfer_id}/void") => {
                json_body(json!({"reason": "typed on the wrong lot", "version": 1}))
            }
            ("post", "/buildings/{id}/mandates") => json_body(json!({
                "role": "syndic", "holder_name": "Intruder SRL",
                "starts_on": "2030-01-01", "ends_on": "2030-12-31",
            })),
            ("put", "/buildings/{id}/rules") => {
                json_body(json!({"notice_days": "20", "version": 1}))
            }
            ("post", "/lots/{id}/notary-requests") => json_body(json!({
                "kind": "before_deed", "received_on": "2024-01-10", "notary": "Me X",
            })),
            ("post", "/lots/{id}/notary-requests/{request_id}/answer") => {
                json_body(json!({"answered_on": "2024-01-20", "version": 1}))
            }
            ("put", "/lots/{id}/representative") => {
                json_body(json!({"owner_id": self.owner, "received_on": "2024-01-01"}))
            }
            ("post", "/owners/{id}/agents") => json_body(json!({
                "agent_id": self.buyer, "capacity": "attorney", "valid_from": "2024-01-01",
                "document": "Power of attorney",
            })),
            ("post", "/owners/{id}/agents/{agent_id}/end") => {
                json_body(json!({"ended_on": "2025-01-01", "version": 1}))
            }
            ("post", "/owners/{id}/consents") => json_body(json!({
                "building_id": self.building, "given_on": "2022-01-01", "evidence": "form",
            })),
            ("post", "/owners/{id}/consents/{consent_id}/withdrawal") => {
                json_body(json!({"withdrawn_on": "2024-01-01", "version": 1}))
            }
            ("put", "/owners/{id}") => {
                let mut body = owner_input;
                body["version"] = json!(1);
                json_body(body)
            }
            ("put", "/organizations/{id}/members/{user_id}/buildings") => {
                json_body(json!({"building_ids": [self.building]}))
            }
            ("put", "/organizations/{id}/security") => {
                json_body(json!({"second_factor_required": false}))
            }
            ("post", "/organizations/{id}/invitations") => {
                json_body(json!({"email": "intruder@evil.example", "role": "syndic"}))
            }
            _ => None,
        }
    }
}

enum Body {
    None,
    Json(Value),
    Csv(String),
    Bytes(Vec<u8>),
}

/// Calls an operation as `client`; the status.
async fn call(
    app: &TestApp,
    client: &reqwest::Client,
    method: &str,
    path: &str,
    body: &Body,
) -> u16 {
    let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
    let mut request = client.request(method, app.url(path));
    request = match body {
        Body::None => request,
        Body::Json(value) => request.json(value),
        Body::Csv(text) => request
            .header("content-type", "text/csv")
            .body(text.clone()),
        Body::Bytes(bytes) => request
            .header("content-type", "application/pdf")
            .body(bytes.clone()),
    };
    request.send().await.unwrap().status().as_u16()
}

async fn counts(app: &TestApp) -> BTreeMap<&'static str, i64> {
    let mut all = BTreeMap::new();
    for table in TABLES {
        all.insert(*table, app.count(table).await);
    }
    all
}

async fn nobody_outside_reaches_another_tenants_objects(backend: Backend) {
    let app = spawn(backend).await;
    let a = app.tenant("alpha").await;
    let syndic = app.login(&a.syndic).await;

    // Organisation A's objects.
    let post = |path: String, body: Value| {
        let syndic = syndic.clone();
        let url = app.url(&path);
        async move {
            let response = syndic.post(url).json(&body).send().await.unwrap();
            assert!(
                response.status().is_success(),
                "{path}: {}",
                response.status()
            );
            response.json::<Value>().await.unwrap()
        }
    };
    let building = post("/api/v1/buildings".into(), building_form("A1")).await;
    let building_id = building["id"].as_str().unwrap().to_owned();
    let other_building = post("/api/v1/buildings".into(), building_form("A2")).await;
    let lot = post(
        format!("/api/v1/buildings/{building_id}/lots"),
        json!({"number": "1", "kind": "apartment", "quota": "100"}),
    )
    .await;
    let other_lot = post(
        format!(
            "/api/v1/buildings/{}/lots",
            other_building["id"].as_str().unwrap()
        ),
        json!({"number": "1", "kind": "apartment", "quota": "100"}),
    )
    .await;
    let owner = post(
        "/api/v1/owners".into(),
        person("Ann", "Holder", "ann.holder@alpha.be"),
    )
    .await;
    let owner_id = owner["id"].as_str().unwrap().to_owned();
    post(
        format!("/api/v1/lots/{}/holders", lot["id"].as_str().unwrap()),
        json!({"valid_from": "2020-01-01",
               "holders": [{"owner_id": owner_id, "right": "full_ownership", "share": "1"}]}),
    )
    .await;
    let consented = post(
        format!("/api/v1/owners/{owner_id}/consents"),
        json!({"building_id": building_id, "given_on": "2020-02-01", "evidence": "form"}),
    )
    .await;
    let consent_id = consented["consents"][0]["id"].as_str().unwrap().to_owned();
    // A sale to a second owner, not notified yet, and a notary's request about the lot.
    let buyer = post("/api/v1/owners".into(), person("Bea", "Buyer", "")).await;
    let sold = post(
        format!("/api/v1/lots/{}/transfers", lot["id"].as_str().unwrap()),
        json!({"kind": "sale", "deed_date": "2024-01-01", "sellers": [owner_id],
               "acquirers": [{"owner_id": buyer["id"], "right": "full_ownership", "share": "1"}]}),
    )
    .await;
    let transfer_id = sold["transfers"][0]["id"].as_str().unwrap().to_owned();
    let represented = post(
        format!("/api/v1/owners/{owner_id}/agents"),
        json!({"agent_id": buyer["id"], "capacity": "attorney", "valid_from": "2020-01-01",
               "document": "Power of attorney of 2020-01-01"}),
    )
    .await;
    let agent_id = represented["agents"][0]["id"].as_str().unwrap().to_owned();
    let asked = post(
        format!(
            "/api/v1/lots/{}/notary-requests",
            lot["id"].as_str().unwrap()
        ),
        json!({"kind": "before_agreement", "received_on": "2023-12-01", "notary": "Me Y"}),
    )
    .await;
    let request_id = asked["notary_requests"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let account = post(
        format!("/api/v1/buildings/{building_id}/bank-accounts"),
        json!({"iban": "BE68 5390 0754 7034", "purpose": "reserve", "label": "Reserve",
               "holder_name": "ACP A1"}),
    )
    .await;
    let invitation = app
        .invite(&syndic, a.organization_id, "pending@alpha.be", "accountant")
        .await;
    let token = post("/api/v1/auth/tokens".into(), json!({"name": "A's token"})).await;

    // People of A who must not reach these objects: a council member of A2 only, an owner
    // of the other lot, a contractor.
    let council = app
        .user("council@alpha.be", a.organization_id, Role::BoardMember)
        .await;
    let council_id = app.member_id(&syndic, a.organization_id, &council).await;
    let url = format!(
        "/api/v1/organizations/{}/members/{council_id}/buildings",
        a.organization_id
    );
    let (status, _) = app
        .send_json(
            &syndic,
            reqwest::Method::PUT,
            &url,
            Some(&json!({"building_ids": [other_building["id"]]})),
        )
        .await;
    assert_eq!(status, 200);
    let neighbour = app
        .user("neighbour@alpha.be", a.organization_id, Role::Owner)
        .await;
    let neighbour_owner = post(
        "/api/v1/owners".into(),
        person("Ann", "Neighbour", &neighbour),
    )
    .await;
    post(
        format!("/api/v1/lots/{}/holders", other_lot["id"].as_str().unwrap()),
        json!({"valid_from": "2020-01-01",
               "holders": [{"owner_id": neighbour_owner["id"], "right": "full_ownership", "share": "1"}]}),
    )
    .await;
    let contractor = app
        .user("contractor@alpha.be", a.organization_id, Role::Contractor)
        .await;

    // A's syndic has a second factor and remembered a device; a session of theirs to name.
    let (phone, _) = app.enrol(&syndic).await;
    app.login_remembered(&a.syndic, &phone).await;
    let (_, status) = app.get_json(&syndic, "/api/v1/auth/second-factor").await;
    let device = status["remembered_devices"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, sessions) = app.get_json(&syndic, "/api/v1/auth/sessions").await;
    let session = sessions[0]["id"].as_str().unwrap().to_owned();
    // Linked as the callback would (no provider runs in this test: the row is what counts).
    let identity = uuid::Uuid::new_v4();
    let (_, me) = app.get_json(&syndic, "/api/v1/auth/me").await;
    entity::oidc_identity::ActiveModel {
        id: sea_orm::Set(identity),
        user_id: sea_orm::Set(me["id"].as_str().unwrap().parse().unwrap()),
        provider: sea_orm::Set("itsme".into()),
        issuer: sea_orm::Set("https://idp.example".into()),
        subject: sea_orm::Set("syndic-of-alpha".into()),
        linked_at: sea_orm::Set(chrono::Utc::now()),
        last_used_at: sea_orm::Set(None),
    }
    .insert(&app.db)
    .await
    .unwrap();

    let response = syndic
        .post(app.url(&format!(
            "/api/v1/buildings/{building_id}/documents?title=Contrat&category=contract"
        )))
        .body(b"%PDF-1.7\n%the syndic's contract\n".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let document: Value = response.json().await.unwrap();

    let fixture = Fixture {
        session,
        device,
        identity: identity.to_string(),
        document: document["id"].as_str().unwrap().to_owned(),
        organization: a.organization_id.to_string(),
        building: building_id.clone(),
        lot: lot["id"].as_str().unwrap().to_owned(),
        owner: owner_id,
        account: account["id"].as_str().unwrap().to_owned(),
        transfer: transfer_id,
        request: request_id,
        consent: consent_id,
        agent: agent_id,
        buyer: buyer["id"].as_str().unwrap().to_owned(),
        member: council_id,
        invitation: invitation["id"].as_str().unwrap().to_owned(),
        token: token["token"]["id"].as_str().unwrap().to_owned(),
    };

    // Organisation B, one member per role.
    let b = app.tenant("beta").await;
    let mut outsiders = vec![b.syndic.clone(), b.owner.clone()];
    for (email, role) in [
        ("accountant@beta.be", Role::Accountant),
        ("council@beta.be", Role::BoardMember),
        ("contractor@beta.be", Role::Contractor),
    ] {
        outsiders.push(app.user(email, b.organization_id, role).await);
    }
    let insiders = [council, neighbour, contractor];
    let mut sessions = Vec::new();
    for email in outsiders.iter() {
        sessions.push((email.clone(), true, app.login(email).await));
    }
    for email in insiders.iter() {
        sessions.push((email.clone(), false, app.login(email).await));
    }

    let document: Value = reqwest::get(app.url("/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut operations = Vec::new();
    for (template, item) in document["paths"].as_object().unwrap() {
        // `{provider}` names a configured identity provider, no organisation's object.
        if !template.contains('{') || template.starts_with("/api/v1/auth/oidc/") {
            continue;
        }
        for method in ["get", "post", "put", "patch", "delete"] {
            if item.get(method).is_some() {
                let body = fixture.body(method, template).unwrap_or_else(|| {
                    panic!("no request fixture for {method} {template}: add one to tenancy.rs")
                });
                operations.push((method, template.clone(), body));
            }
        }
    }
    assert!(
        operations.len() >= 25,
        "only {} operations",
        operations.len()
    );

    let before = counts(&app).await;
    let mut calls = 0;
    for (email, outsider, session) in &sessions {
        for (method, template, body) in &operations {
            let path = template.trim_start_matches("/api/v1");
            // Inside A, reading the organisation's own pages (members for a council member)
            // is allowed; its register objects and every write are not.
            let organisation_read = *method == "get" && path.starts_with("/organizations/");
            if !outsider && organisation_read {
                continue;
            }
            let status = call(&app, session, method, &fixture.fill(template), body).await;
            calls += 1;
            assert!(
                status == 403 || status == 404,
                "{email} got {status} on {} {template}",
                method.to_uppercase()
            );
        }
    }
    assert!(calls > 150, "{calls} calls");
    assert_eq!(
        counts(&app).await,
        before,
        "a refused call changed something"
    );
    // A's syndic still sees everything as it was.
    let (status, body) = app
        .get_json(&syndic, &format!("/api/v1/buildings/{building_id}"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["name"], "A1");
}
