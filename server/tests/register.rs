//! The co-ownership register over REST, on PostgreSQL and SQLite: buildings.

mod common;

use common::{Backend, spawn};
use serde_json::{Value, json};

on_both_backends!(buildings_are_validated_versioned_and_tenant_scoped);

fn tilleuls() -> Value {
    json!({
        "name": "Résidence Les Tilleuls",
        "street": "Avenue Louise 123",
        "postal_code": "1050",
        "city": "Ixelles",
        "enterprise_number": "BE 0123.456.749",
        "total_quota": "1000",
        "construction_year": "1968",
        "basic_deed_date": "1967-05-12",
        "fiscal_year_start": "01-01"
    })
}

async fn buildings_are_validated_versioned_and_tenant_scoped(backend: Backend) {
    let app = spawn(backend).await;
    let a = app.tenant("alpha").await;
    let b = app.tenant("bravo").await;
    let syndic = app.login(&a.syndic).await;

    let created = syndic
        .post(app.url("/api/v1/buildings"))
        .json(&tilleuls())
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let building: Value = created.json().await.unwrap();
    let id = building["id"].as_str().unwrap().to_owned();
    assert_eq!(building["enterprise_number"], "0123.456.749");
    assert_eq!(building["total_quota"], 1000);
    assert_eq!(building["assigned_quota"], 0);
    assert_eq!(building["version"], 1);

    // Every invalid field is named, and nothing is written.
    let bad = syndic
        .post(app.url("/api/v1/buildings"))
        .json(&json!({
            "name": "", "street": "Rue X 1", "postal_code": "999", "city": "Liège",
            "enterprise_number": "0123.456.748", "total_quota": "0",
            "basic_deed_date": "2099-01-01"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let body: Value = bad.json().await.unwrap();
    let fields = &body["error"]["fields"];
    assert_eq!(fields["name"][0]["code"], "name.required");
    assert_eq!(fields["postal_code"][0]["code"], "postal_code.invalid");
    assert_eq!(
        fields["enterprise_number"][0]["code"],
        "enterprise_number.check_digits"
    );
    assert_eq!(fields["total_quota"][0]["code"], "total_quota.out_of_range");
    assert_eq!(
        fields["basic_deed_date"][0]["code"],
        "basic_deed_date.future"
    );
    let listed: Value = syndic
        .get(app.url("/api/v1/buildings"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);

    // Edits carry the version they started from.
    let mut edit = tilleuls();
    edit["name"] = json!("Les Tilleuls");
    edit["version"] = json!(1);
    let updated = syndic
        .put(app.url(&format!("/api/v1/buildings/{id}")))
        .json(&edit)
        .send()
        .await
        .unwrap();
    assert_eq!(updated.status(), 200);
    let updated: Value = updated.json().await.unwrap();
    assert_eq!(updated["version"], 2);
    let stale = syndic
        .put(app.url(&format!("/api/v1/buildings/{id}")))
        .json(&edit)
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 409);

    // Another organisation does not see it; an owner cannot register buildings.
    let syndic_b = app.login(&b.syndic).await;
    for response in [
        syndic_b
            .get(app.url(&format!("/api/v1/buildings/{id}")))
            .send()
            .await
            .unwrap(),
        syndic_b
            .put(app.url(&format!("/api/v1/buildings/{id}")))
            .json(&edit)
            .send()
            .await
            .unwrap(),
        syndic_b
            .post(app.url(&format!("/api/v1/buildings/{id}/archive")))
            .send()
            .await
            .unwrap(),
    ] {
        assert_eq!(response.status(), 404);
    }
    let theirs: Value = syndic_b
        .get(app.url("/api/v1/buildings"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(theirs.as_array().unwrap().len(), 0);
    let owner = app.login(&a.owner).await;
    let forbidden = owner
        .post(app.url("/api/v1/buildings"))
        .json(&tilleuls())
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), 403);

    // Archived, not deleted.
    let archived = syndic
        .post(app.url(&format!("/api/v1/buildings/{id}/archive")))
        .send()
        .await
        .unwrap();
    assert_eq!(archived.status(), 204);
    let active: Value = syndic
        .get(app.url("/api/v1/buildings"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(active.as_array().unwrap().len(), 0);
    let all: Value = syndic
        .get(app.url("/api/v1/buildings?archived=true"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(all[0]["archived"], true);

    let log: Value = syndic
        .get(app.url(&format!(
            "/api/v1/organizations/{}/audit-log",
            a.organization_id
        )))
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
    assert_eq!(
        &actions[..3],
        ["building.archived", "building.updated", "building.created"]
    );
    assert_eq!(log[1]["before"]["name"], "Résidence Les Tilleuls");
    assert_eq!(log[1]["after"]["name"], "Les Tilleuls");
}
