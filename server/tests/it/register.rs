//! The co-ownership register over REST, on PostgreSQL and SQLite: buildings.

use crate::common::{Backend, TestApp, field_codes, person, send, spawn};
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

on_both_backends!(
    lots_are_validated_counted_and_paginated,
    owners_are_linked_by_email_and_companies_checked,
    holders_make_a_whole_and_co_held_lots_need_a_representative,
    a_transfer_closes_and_opens_holdings_without_rewriting_history,
    bare_ownership_and_usufruct_and_the_directory_search,
    owners_see_only_their_own_lots,
    bank_accounts_are_checked_closed_not_deleted_and_one_iban_per_association,
    another_organisation_sees_none_of_the_register,
    the_building_history_tells_what_happened,
    quotes_parts_change_by_dated_deeds_and_never_exceed_the_total,
    lots_are_divided_and_merged_and_the_register_reads_on_any_date,
    transfers_count_from_their_notification_and_are_voided_not_deleted,
    notary_requests_are_answered_within_their_legal_deadline,
    the_association_s_mandates_and_rules_follow_the_code,
    split_rights_add_up_per_side,
    consent_to_e_mail_is_a_history_per_association_and_address,
    owners_act_through_agents_and_the_mail_follows,
    owners_and_my_lots_read_on_a_date_as_the_syndic_knew_them,
    one_deed_conveys_several_lots_all_or_nothing,
);

/// A building with six lots (1000 quotes-parts) and three owners — Alice (the tenant's
/// owner account, linked by e-mail), Bob and Carla — set up by the syndic.
struct Register {
    app: TestApp,
    tenant: crate::common::Tenant,
    syndic: reqwest::Client,
    building_id: String,
    lots: Vec<String>,
    alice: String,
    bob: String,
    carla: String,
}

impl Register {
    async fn new(backend: Backend) -> Register {
        let app = spawn(backend).await;
        let tenant = app.tenant("alpha").await;
        let syndic = app.login(&tenant.syndic).await;
        let (status, building) =
            send(syndic.post(app.url("/api/v1/buildings")).json(&tilleuls())).await;
        assert_eq!(status, 201);
        let building_id = building["id"].as_str().unwrap().to_owned();
        let mut lots = Vec::new();
        for (number, kind, quota) in [
            ("A1", "apartment", "300"),
            ("A2", "apartment", "250"),
            ("A3", "apartment", "250"),
            ("C1", "commercial", "150"),
            ("P1", "parking", "30"),
            ("K1", "cellar", "20"),
        ] {
            let (status, lot) = send(
                syndic
                    .post(app.url(&format!("/api/v1/buildings/{building_id}/lots")))
                    .json(&json!({
                        "number": number, "kind": kind, "quota": quota, "area_m2": "42,5", "floor": "1"
                    })),
            )
            .await;
            assert_eq!(status, 201, "{lot}");
            assert_eq!(lot["area_m2"], "42.5");
            lots.push(lot["id"].as_str().unwrap().to_owned());
        }
        let mut ids = Vec::new();
        for (first, last, email) in [
            ("Alice", "Martin", tenant.owner.as_str()),
            ("Bob", "Leroy", "bob@example.be"),
            ("Carla", "Smet", ""),
        ] {
            let (status, owner) = send(
                syndic
                    .post(app.url("/api/v1/owners"))
                    .json(&person(first, last, email)),
            )
            .await;
            assert_eq!(status, 201, "{owner}");
            ids.push(owner["id"].as_str().unwrap().to_owned());
        }
        let [alice, bob, carla] = ids.try_into().unwrap();
        Register {
            app,
            tenant,
            syndic,
            building_id,
            lots,
            alice,
            bob,
            carla,
        }
    }

    fn url(&self, path: &str) -> String {
        self.app.url(path)
    }

    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        send(self.syndic.post(self.url(path)).json(&body)).await
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        send(self.syndic.get(self.url(path))).await
    }

    /// Alice and Bob hold A1 50/50 from 2020, Alice speaks for the lot.
    async fn a1_held_by_alice_and_bob(&self) -> Value {
        let (status, record) = self
            .post(
                &format!("/api/v1/lots/{}/holders", self.lots[0]),
                json!({"valid_from": "2020-01-01", "holders": [
                    {"owner_id": self.alice, "share": "1/2"}, {"owner_id": self.bob, "share": "50%"}
                ]}),
            )
            .await;
        assert_eq!(status, 201, "{record}");
        record
    }

    /// Bob sells his half of A1 to Carla on 30 June 2024.
    async fn bob_sells_to_carla(&self) -> Value {
        let (status, record) = self
            .post(
                &format!("/api/v1/lots/{}/transfers", self.lots[0]),
                json!({
                    "kind": "sale", "deed_date": "2024-06-30", "notary": "Me Dubois",
                    "sellers": [self.bob], "acquirers": [{"owner_id": self.carla, "share": "1/2"}]
                }),
            )
            .await;
        assert_eq!(status, 201, "{record}");
        record
    }
}

async fn lots_are_validated_counted_and_paginated(backend: Backend) {
    let r = Register::new(backend).await;
    let (_, building) = r.get(&format!("/api/v1/buildings/{}", r.building_id)).await;
    assert_eq!(building["lot_count"], 6);
    assert_eq!(
        building["counted_lot_count"], 4,
        "cellars and parking do not count"
    );
    assert_eq!(building["assigned_quota"], 1000);
    let lots = format!("/api/v1/buildings/{}/lots", r.building_id);
    let (status, body) = r
        .post(
            &lots,
            json!({"number": "A1", "kind": "apartment", "quota": "10"}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        body["error"]["fields"]["number"][0]["code"],
        "lot_number.taken"
    );
    let (status, body) = r
        .post(
            &lots,
            json!({"number": "Z9", "kind": "castle", "quota": "1001"}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        body["error"]["fields"]["kind"][0]["code"],
        "lot_kind.invalid"
    );
    assert_eq!(
        body["error"]["fields"]["quota"][0]["code"],
        "quota.over_total"
    );
    let (_, page) = r.get(&format!("{lots}?per_page=4&page=2")).await;
    assert_eq!(page["total"], 6);
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    let (_, parking) = r.get(&format!("{lots}?kind=parking")).await;
    assert_eq!(parking["total"], 1);
}

async fn owners_are_linked_by_email_and_companies_checked(backend: Backend) {
    let r = Register::new(backend).await;
    let (_, alice) = r.get(&format!("/api/v1/owners/{}", r.alice)).await;
    assert!(
        alice["user_id"].is_string(),
        "linked to the owner account: {alice}"
    );
    let (_, carla) = r.get(&format!("/api/v1/owners/{}", r.carla)).await;
    assert!(carla["user_id"].is_null());
    let (status, body) = r
        .post(
            "/api/v1/owners",
            json!({
                "kind": "legal", "last_name": "Immo SRL", "company_number": "0123.456.748",
                "street": "Rue 1", "postal_code": "1000", "city": "Bruxelles", "locale": "fr"
            }),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        body["error"]["fields"]["company_number"][0]["code"],
        "enterprise_number.check_digits"
    );
}

async fn holders_make_a_whole_and_co_held_lots_need_a_representative(backend: Backend) {
    let r = Register::new(backend).await;
    let holders = format!("/api/v1/lots/{}/holders", r.lots[0]);
    let (status, body) = r
        .post(
            &holders,
            json!({"valid_from": "2020-01-01", "holders": [
                {"owner_id": r.alice, "share": "1/2"}, {"owner_id": r.bob, "share": "1/3"}
            ]}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        body["error"]["fields"]["holders"][0]["code"],
        "holders.not_whole"
    );
    let record = r.a1_held_by_alice_and_bob().await;
    assert_eq!(record["lot"]["holders"].as_array().unwrap().len(), 2);
    assert_eq!(record["lot"]["needs_representative"], true);
    let representative = r.url(&format!("/api/v1/lots/{}/representative", r.lots[0]));
    let designate = |body: Value| {
        let request = r.syndic.put(&representative).json(&body);
        async move { send(request).await }
    };
    let (status, record) =
        designate(json!({"owner_id": r.alice, "received_on": "2021-01-01"})).await;
    assert_eq!(status, 200, "{record}");
    assert_eq!(record["lot"]["needs_representative"], false);
    assert_eq!(record["lot"]["representative_id"], r.alice.as_str());
    // A third person of the directory may be the mandatary (art. 3.87 §1); it replaces the
    // designation in force from its own date.
    let (status, record) = designate(json!({"owner_id": r.carla, "received_on": "2022-01-10",
                                            "valid_from": "2022-02-01", "document": "designation-2022.pdf"}))
        .await;
    assert_eq!(status, 200, "{record}");
    assert_eq!(record["lot"]["representative_id"], r.carla.as_str());
    assert!(
        record["lot"]["representative_name"]
            .as_str()
            .unwrap()
            .contains("Carla"),
        "{record}"
    );
    // Refused: dated before the designation it would replace (the old code closed that one
    // before it started), acting before it was received, dated in the future, nobody known.
    for (body, field, code) in [
        (
            json!({"owner_id": r.bob, "received_on": "2021-06-01"}),
            "valid_from",
            "mandatary.not_after_previous",
        ),
        (
            json!({"owner_id": r.bob, "received_on": "2023-03-01", "valid_from": "2023-02-01"}),
            "valid_from",
            "mandatary.before_received",
        ),
        (
            json!({"owner_id": r.bob, "received_on": "2099-01-01"}),
            "received_on",
            "date.future",
        ),
        (
            json!({"owner_id": uuid::Uuid::now_v7().to_string(), "received_on": "2023-01-01"}),
            "owner_id",
            "owner.not_found",
        ),
        (
            json!({"owner_id": r.bob, "received_on": "2019-01-01"}),
            "valid_from",
            "mandatary.lot_not_held",
        ),
    ] {
        let (status, body) = designate(body).await;
        assert_eq!(status, 422, "{code}: {body}");
        assert_eq!(body["error"]["fields"][field][0]["code"], code, "{body}");
    }
    let (status, body) = designate(json!({"owner_id": r.bob})).await;
    assert_eq!(status, 422);
    assert_eq!(
        body["error"]["fields"]["received_on"][0]["code"],
        "date.required"
    );
}

async fn a_transfer_closes_and_opens_holdings_without_rewriting_history(backend: Backend) {
    let r = Register::new(backend).await;
    r.a1_held_by_alice_and_bob().await;
    let representative = r.url(&format!("/api/v1/lots/{}/representative", r.lots[0]));
    let (status, _) = send(
        r.syndic
            .put(&representative)
            .json(&json!({"owner_id": r.alice, "received_on": "2021-01-01"})),
    )
    .await;
    assert_eq!(status, 200);
    let transfers = format!("/api/v1/lots/{}/transfers", r.lots[0]);
    let (status, body) = r
        .post(
            &transfers,
            json!({"kind": "sale", "deed_date": "2019-06-30", "sellers": [r.bob],
                   "acquirers": [{"owner_id": r.carla, "share": "1/2"}]}),
        )
        .await;
    assert_eq!(status, 422, "a deed before the seller's acquisition");
    assert_eq!(
        body["error"]["fields"]["sellers"][0]["code"],
        "transfer.seller_holds_nothing"
    );
    let (status, body) = r
        .post(
            &transfers,
            json!({"kind": "sale", "deed_date": "2024-06-30", "sellers": [r.bob],
                   "acquirers": [{"owner_id": r.carla, "share": "1"}]}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        body["error"]["fields"]["acquirers"][0]["code"],
        "transfer.shares_not_whole"
    );
    let record = r.bob_sells_to_carla().await;
    let history = record["history"].as_array().unwrap();
    assert_eq!(history.len(), 3, "nothing is overwritten");
    let bobs = history
        .iter()
        .find(|h| h["owner_id"] == r.bob.as_str())
        .unwrap();
    assert_eq!(bobs["valid_from"], "2020-01-01");
    assert_eq!(bobs["valid_to"], "2024-06-30");
    assert_eq!(record["transfers"][0]["notary"], "Me Dubois");
    // The mandatary the former co-holders chose no longer speaks for the lot.
    assert_eq!(record["lot"]["needs_representative"], true);
    // A designation recorded now but dated before the sale ends on the sale: it cannot
    // outlive the holding of the seller who made it (a defect of the first version).
    let (status, record) = send(
        r.syndic
            .put(&representative)
            .json(&json!({"owner_id": r.alice, "received_on": "2023-01-01"})),
    )
    .await;
    assert_eq!(status, 200, "{record}");
    assert_eq!(record["lot"]["needs_representative"], true, "{record}");
}

async fn bare_ownership_and_usufruct_and_the_directory_search(backend: Backend) {
    let r = Register::new(backend).await;
    r.a1_held_by_alice_and_bob().await;
    let (status, record) = r
        .post(
            &format!("/api/v1/lots/{}/holders", r.lots[1]),
            json!({"valid_from": "2021-09-01", "holders": [
                {"owner_id": r.bob, "right": "usufruct", "share": "1"},
                {"owner_id": r.alice, "right": "bare_ownership", "share": "1"}
            ]}),
        )
        .await;
    assert_eq!(status, 201, "{record}");
    for (q, expected) in [("mart", 1), ("example.be", 1), ("A1", 2), ("nobody", 0)] {
        let (_, page) = r.get(&format!("/api/v1/owners?q={q}")).await;
        assert_eq!(page["total"], expected, "q={q}: {page}");
    }
}

async fn owners_see_only_their_own_lots(backend: Backend) {
    let r = Register::new(backend).await;
    r.a1_held_by_alice_and_bob().await;
    r.bob_sells_to_carla().await;
    r.post(
        &format!("/api/v1/lots/{}/holders", r.lots[1]),
        json!({"valid_from": "2021-09-01", "holders": [{"owner_id": r.alice, "share": "1"}]}),
    )
    .await;
    let owner = r.app.login(&r.tenant.owner).await;
    let (status, mine) = send(owner.get(r.url("/api/v1/me/lots"))).await;
    assert_eq!(status, 200);
    let numbers: Vec<&str> = mine
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["A1", "A2"]);
    assert_eq!(mine[0]["co_holders"], json!(["Smet Carla"]));
    for path in [
        format!("/api/v1/lots/{}", r.lots[0]),
        "/api/v1/owners".into(),
    ] {
        let (status, _) = send(owner.get(r.url(&path))).await;
        assert_eq!(status, 403, "{path}");
    }
}

async fn bank_accounts_are_checked_closed_not_deleted_and_one_iban_per_association(
    backend: Backend,
) {
    let r = Register::new(backend).await;
    let accounts = format!("/api/v1/buildings/{}/bank-accounts", r.building_id);
    let account = |iban: &str, purpose: &str| {
        json!({"iban": iban, "purpose": purpose, "holder_name": "ACP Les Tilleuls",
               "bic": "GEBABEBB", "opened_on": "2020-01-15"})
    };
    let (status, body) = r
        .post(
            &accounts,
            json!({"iban": "BE68 5390 0754 7035", "bic": "GEBA", "purpose": ""}),
        )
        .await;
    assert_eq!(status, 422);
    let fields = &body["error"]["fields"];
    assert_eq!(fields["iban"][0]["code"], "iban.invalid");
    assert_eq!(fields["bic"][0]["code"], "bic.invalid");
    assert_eq!(
        fields["purpose"][0]["code"],
        "bank_account.purpose_required"
    );
    assert_eq!(
        fields["holder_name"][0]["code"],
        "bank_account.holder_required"
    );

    // No account yet: the list reports both funds missing.
    let missing = || async {
        let (_, list) = r.get("/api/v1/buildings").await;
        list[0]["missing_accounts"].clone()
    };
    assert_eq!(missing().await, json!(["working_capital", "reserve"]));
    // Several accounts for one fund are allowed (art. 3.86 §3).
    let (status, reserve) = r
        .post(&accounts, account("BE68 5390 0754 7034", "reserve"))
        .await;
    assert_eq!(status, 201, "{reserve}");
    assert_eq!(reserve["holder_name"], "ACP Les Tilleuls");
    assert_eq!(reserve["bic"], "GEBABEBB");
    let (status, _) = r
        .post(&accounts, account("BE21 0012 3456 7803", "reserve"))
        .await;
    assert_eq!(status, 201);
    assert_eq!(missing().await, json!(["working_capital"]));
    let (status, working) = r
        .post(&accounts, account("BE71 0961 2345 6769", "working_capital"))
        .await;
    assert_eq!(status, 201);
    assert_eq!(missing().await, json!([]));

    // Closing: not before the opening, not twice, not from a stale read; then kept, closed.
    let close = format!("{accounts}/{}/close", working["id"].as_str().unwrap());
    let (status, body) = r
        .post(&close, json!({"closed_on": "2019-12-31", "version": 1}))
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        body["error"]["fields"]["closed_on"][0]["code"],
        "bank_account.closed_before_opened"
    );
    let (status, _) = r
        .post(&close, json!({"closed_on": "2024-06-30", "version": 7}))
        .await;
    assert_eq!(status, 409);
    let (status, closed) = r
        .post(&close, json!({"closed_on": "2024-06-30", "version": 1}))
        .await;
    assert_eq!(status, 200, "{closed}");
    assert_eq!(closed["closed_on"], "2024-06-30");
    let (status, _) = r
        .post(&close, json!({"closed_on": "2024-06-30", "version": 2}))
        .await;
    assert_eq!(status, 409);
    let (_, listed) = r.get(&accounts).await;
    assert_eq!(listed.as_array().unwrap().len(), 3, "closed, not deleted");
    assert_eq!(missing().await, json!(["working_capital"]));
    let delete = r
        .syndic
        .delete(r.url(&format!("{accounts}/{}", working["id"].as_str().unwrap())))
        .send()
        .await
        .unwrap();
    assert!(delete.status().is_client_error(), "{}", delete.status());

    // One real account belongs to one association: another organisation cannot register it.
    let b = r.app.tenant("bravo").await;
    let other = r.app.login(&b.syndic).await;
    let (_, theirs) = send(
        other
            .post(r.url("/api/v1/buildings"))
            .json(&crate::common::building_form("Bravo")),
    )
    .await;
    let (status, body) = send(
        other
            .post(r.url(&format!(
                "/api/v1/buildings/{}/bank-accounts",
                theirs["id"].as_str().unwrap()
            )))
            .json(&account("BE68 5390 0754 7034", "reserve")),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        body["error"]["fields"]["iban"][0]["code"],
        "bank_account.iban_taken"
    );
}

async fn another_organisation_sees_none_of_the_register(backend: Backend) {
    let r = Register::new(backend).await;
    r.a1_held_by_alice_and_bob().await;
    let b = r.app.tenant("bravo").await;
    let other = r.app.login(&b.syndic).await;
    for path in [
        format!("/api/v1/lots/{}", r.lots[0]),
        format!("/api/v1/owners/{}", r.alice),
        format!("/api/v1/buildings/{}/lots", r.building_id),
        format!("/api/v1/buildings/{}/bank-accounts", r.building_id),
        format!("/api/v1/buildings/{}/history", r.building_id),
    ] {
        let (status, _) = send(other.get(r.url(&path))).await;
        assert_eq!(status, 404, "{path}");
    }
    let (status, _) = send(
        other
            .post(r.url(&format!("/api/v1/lots/{}/transfers", r.lots[0])))
            .json(
                &json!({"kind": "sale", "deed_date": "2025-01-01", "sellers": [r.alice],
                          "acquirers": [{"owner_id": r.carla, "share": "1/2"}]}),
            ),
    )
    .await;
    assert_eq!(status, 404);
    let (_, theirs) = send(other.get(r.url("/api/v1/owners"))).await;
    assert_eq!(theirs["total"], 0);
}

async fn the_building_history_tells_what_happened(backend: Backend) {
    let r = Register::new(backend).await;
    r.a1_held_by_alice_and_bob().await;
    send(
        r.syndic
            .put(r.url(&format!("/api/v1/lots/{}/representative", r.lots[0])))
            .json(&json!({"owner_id": r.alice, "received_on": "2021-01-01"})),
    )
    .await;
    r.bob_sells_to_carla().await;
    r.post(
        &format!("/api/v1/buildings/{}/bank-accounts", r.building_id),
        json!({"iban": "BE68 5390 0754 7034", "purpose": "reserve", "holder_name": "ACP"}),
    )
    .await;
    let (_, events) = r
        .get(&format!("/api/v1/buildings/{}/history", r.building_id))
        .await;
    let actions: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for action in [
        "lot.transferred",
        "lot.holders_registered",
        "lot.representative_designated",
        "lot.created",
        "bank_account.added",
        "building.created",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
}

on_both_backends!(import_checks_every_row_and_writes_all_or_nothing);

const HEADER: &str = "lot_number;lot_kind;floor;area_m2;quota;first_name;last_name;street;postal_code;city;email;locale;right;share;valid_from";

async fn import_checks_every_row_and_writes_all_or_nothing(backend: Backend) {
    let app = spawn(backend).await;
    let a = app.tenant("alpha").await;
    let syndic = app.login(&a.syndic).await;
    let (_, building) = send(syndic.post(app.url("/api/v1/buildings")).json(&tilleuls())).await;
    let id = building["id"].as_str().unwrap().to_owned();
    let import_url = app.url(&format!("/api/v1/buildings/{id}/import"));

    // A malformed file: bad quota, a share that does not make a whole, a bad date, an unknown
    // kind. Every problem comes back with its line; nothing is written, even asked to apply.
    let bad = format!(
        "{HEADER}\n\
         A1;apartment;1;80;500;Jan;Peeters;Meir 1;2000;Antwerpen;jan@example.be;nl;;1/2;2020-01-01\n\
         A1;apartment;1;80;500;Els;Maes;Meir 1;2000;Antwerpen;;nl;;1/3;2020-01-01\n\
         A2;castle;2;80;many;Tom;Claes;Meir 2;2000;Antwerpen;;nl;;1;2020-13-01\n"
    );
    let (status, body) = send(syndic.post(format!("{import_url}?apply=true")).body(bad)).await;
    assert_eq!(status, 422, "{body}");
    let fields = &body["error"]["fields"];
    assert_eq!(
        fields["line.2.share"][0]["code"], "holders.not_whole",
        "{fields}"
    );
    assert_eq!(fields["line.4.lot_kind"][0]["code"], "lot_kind.invalid");
    assert_eq!(fields["line.4.quota"][0]["code"], "quota.invalid");
    assert_eq!(fields["line.4.valid_from"][0]["code"], "date.invalid");
    let (_, lots) = send(syndic.get(app.url(&format!("/api/v1/buildings/{id}/lots")))).await;
    assert_eq!(lots["total"], 0);
    let (_, owners) = send(syndic.get(app.url("/api/v1/owners"))).await;
    assert_eq!(owners["total"], 0);
    let (status, body) = send(syndic.post(&import_url).body("name,city\nx,y\n")).await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["fields"]["file"][0]["code"], "import.columns");

    // A clean file: checked, then applied in one go.
    let good = format!(
        "{HEADER}\n\
         A1;apartment;1;80,5;500;Jan;Peeters;Meir 1;2000;Antwerpen;jan@example.be;nl;;1/2;2020-01-01\n\
         A1;apartment;1;80,5;500;Els;Maes;Meir 1;2000;Antwerpen;;nl;;1/2;2020-01-01\n\
         A2;apartment;2;70;450;Jan;Peeters;Meir 1;2000;Antwerpen;jan@example.be;nl;usufruct;1;2021-05-05\n\
         A2;apartment;2;70;450;Tom;Claes;Meir 2;2000;Antwerpen;;nl;bare_ownership;1;2021-05-05\n\
         K1;cellar;-1;;50;;;;;;;;;;\n"
    );
    let (status, report) = send(syndic.post(&import_url).body(good.clone())).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["applied"], false);
    assert_eq!(
        (report["lots"].as_u64(), report["new_owners"].as_u64()),
        (Some(3), Some(3))
    );
    let (_, lots) = send(syndic.get(app.url(&format!("/api/v1/buildings/{id}/lots")))).await;
    assert_eq!(lots["total"], 0, "a check writes nothing");
    let (status, report) = send(
        syndic
            .post(format!("{import_url}?apply=true"))
            .body(good.clone()),
    )
    .await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["applied"], true);
    let (_, building) = send(syndic.get(app.url(&format!("/api/v1/buildings/{id}")))).await;
    assert_eq!(building["lot_count"], 3);
    assert_eq!(building["assigned_quota"], 1000);
    assert_eq!(building["owner_count"], 3);
    // Importing the same lots again is refused: they exist.
    let (status, body) = send(syndic.post(format!("{import_url}?apply=true")).body(good)).await;
    assert_eq!(status, 422);
    assert_eq!(
        body["error"]["fields"]["line.2.lot_number"][0]["code"],
        "import.lot_exists"
    );

    // The export has the same columns and one row per holder; it imports into another building.
    let export = syndic
        .get(app.url(&format!("/api/v1/buildings/{id}/export.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(export.status(), 200);
    assert!(
        export.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = export.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("lot_number,lot_kind,floor,area_m2,quota"));
    assert_eq!(lines.len(), 1 + 5, "{csv}");
    assert!(csv.contains("A1,apartment,1,80.50,500"), "{csv}");
    let mut copy = tilleuls();
    copy["name"] = json!("Copy");
    let (_, other) = send(syndic.post(app.url("/api/v1/buildings")).json(&copy)).await;
    let other_id = other["id"].as_str().unwrap();
    let (status, report) = send(
        syndic
            .post(app.url(&format!("/api/v1/buildings/{other_id}/import?apply=true")))
            .body(csv),
    )
    .await;
    assert_eq!(status, 200, "{report}");
    // Owners with an e-mail are recognised; the two without one share only a name with
    // someone in the directory, which never merges two people: created, and reported.
    assert_eq!(report["new_owners"], 2, "{report}");
    assert_eq!(report["same_names"], 2, "{report}");

    // XLSX, as spreadsheets save it (numbers and dates as cells).
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, name) in [
        "lot_number",
        "lot_kind",
        "quota",
        "first_name",
        "last_name",
        "street",
        "postal_code",
        "city",
        "locale",
        "share",
        "valid_from",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, col as u16, *name).unwrap();
    }
    sheet.write_string(1, 0, "B1").unwrap();
    sheet.write_string(1, 1, "office").unwrap();
    sheet.write_number(1, 2, 300).unwrap();
    for (col, value) in ["Ann", "Smet", "Rue 1", "1000", "Bruxelles", "fr", "1"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, 3 + col as u16, *value).unwrap();
    }
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2022, 3, 1).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    sheet
        .write_datetime_with_format(1, 10, &date, &format)
        .unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let (_, third) = send(syndic.post(app.url("/api/v1/buildings")).json(&json!({
        "name": "Xlsx", "street": "Rue 1", "postal_code": "1000", "city": "Bruxelles", "total_quota": "300"
    }))).await;
    let (status, report) = send(
        syndic
            .post(app.url(&format!(
                "/api/v1/buildings/{}/import?apply=true",
                third["id"].as_str().unwrap()
            )))
            .body(bytes),
    )
    .await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["holders"], 1);

    // Another organisation can neither import into nor export the building.
    let b = app.tenant("bravo").await;
    let other = app.login(&b.syndic).await;
    let (status, _) = send(other.get(app.url(&format!("/api/v1/buildings/{id}/export.csv")))).await;
    assert_eq!(status, 404);
    let (status, _) = send(
        other
            .post(&import_url)
            .body("lot_number,lot_kind,quota\nZ,cellar,1\n"),
    )
    .await;
    assert_eq!(status, 404);
}

on_both_backends!(council_members_see_only_their_buildings);

async fn council_members_see_only_their_buildings(backend: Backend) {
    let app = spawn(backend).await;
    let a = app.tenant("alpha").await;
    let council_email = app
        .user(
            "council@alpha.be",
            a.organization_id,
            app::domain::Role::BoardMember,
        )
        .await;
    let syndic = app.login(&a.syndic).await;
    let mut ids = Vec::new();
    for name in ["Alpha One", "Alpha Two"] {
        let mut form = tilleuls();
        form["name"] = json!(name);
        let (_, b) = send(syndic.post(app.url("/api/v1/buildings")).json(&form)).await;
        let id = b["id"].as_str().unwrap().to_owned();
        let (_, lot) = send(
            syndic
                .post(app.url(&format!("/api/v1/buildings/{id}/lots")))
                .json(&json!({"number": "1", "kind": "apartment", "quota": "1000"})),
        )
        .await;
        let (_, owner) = send(
            syndic
                .post(app.url("/api/v1/owners"))
                .json(&person("Owner", name, "")),
        )
        .await;
        let (status, _) = send(
            syndic
                .post(app.url(&format!("/api/v1/lots/{}/holders", lot["id"].as_str().unwrap())))
                .json(&json!({"valid_from": "2020-01-01", "holders": [{"owner_id": owner["id"], "share": "1"}]})),
        )
        .await;
        assert_eq!(status, 201);
        ids.push((id, owner["id"].as_str().unwrap().to_owned()));
    }
    let (_, me) = send(
        app.login(&council_email)
            .await
            .get(app.url("/api/v1/auth/me")),
    )
    .await;
    let council_id = me["id"].as_str().unwrap().to_owned();

    // Not yet on any council: nothing of the register.
    let council = app.login(&council_email).await;
    let (_, list) = send(council.get(app.url("/api/v1/buildings"))).await;
    assert_eq!(list.as_array().unwrap().len(), 0);

    // Only syndics assign councils; buildings of another organisation are refused.
    let url = app.url(&format!(
        "/api/v1/organizations/{}/members/{council_id}/buildings",
        a.organization_id
    ));
    let (status, _) = send(council.put(&url).json(&json!({"building_ids": [ids[0].0]}))).await;
    assert_eq!(status, 403);
    let (status, body) = send(
        syndic
            .put(&url)
            .json(&json!({"building_ids": [uuid::Uuid::now_v7()]})),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        body["error"]["fields"]["building_ids"][0]["code"],
        "building.not_found"
    );
    let (status, _) = send(syndic.put(&url).json(&json!({"building_ids": [ids[0].0]}))).await;
    assert_eq!(status, 200);

    let council = app.login(&council_email).await;
    let (_, list) = send(council.get(app.url("/api/v1/buildings"))).await;
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Alpha One"]);
    let (status, _) =
        send(council.get(app.url(&format!("/api/v1/buildings/{}/lots", ids[0].0)))).await;
    assert_eq!(status, 200);
    for path in [
        format!("/api/v1/buildings/{}", ids[1].0),
        format!("/api/v1/buildings/{}/lots", ids[1].0),
        format!("/api/v1/owners/{}", ids[1].1),
    ] {
        let (status, _) = send(council.get(app.url(&path))).await;
        assert_eq!(status, 404, "{path}");
    }
    let (_, owners) = send(council.get(app.url("/api/v1/owners"))).await;
    assert_eq!(owners["total"], 1);
    assert_eq!(owners["items"][0]["id"], ids[0].1.as_str());
    // Council members read; they do not change the register.
    let (status, _) = send(
        council
            .post(app.url(&format!("/api/v1/buildings/{}/lots", ids[0].0)))
            .json(&json!({"number": "2", "kind": "cellar", "quota": "1"})),
    )
    .await;
    assert_eq!(status, 403);
}

fn basis(kind: &str, reference: &str, date: &str) -> Value {
    json!({"kind": kind, "reference": reference, "date": date})
}

async fn quotes_parts_change_by_dated_deeds_and_never_exceed_the_total(backend: Backend) {
    let r = Register::new(backend).await;
    let (building, a1, a2, c1) = (&r.building_id, &r.lots[0], &r.lots[1], &r.lots[3]);
    // An edit of the lot or the building cannot overwrite a figure.
    let (_, lot) = r.get(&format!("/api/v1/lots/{a1}")).await;
    let version = lot["lot"]["version"].clone();
    let (status, body) = send(
        r.syndic
            .put(r.url(&format!("/api/v1/lots/{a1}")))
            .json(&json!({
                "version": version, "number": "A1", "kind": "apartment", "quota": "310",
            })),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "quota"), ["quota.needs_basis"]);
    let (_, b) = r.get(&format!("/api/v1/buildings/{building}")).await;
    let mut edit = tilleuls();
    edit["version"] = b["version"].clone();
    edit["total_quota"] = json!("1100");
    let (status, body) = send(
        r.syndic
            .put(r.url(&format!("/api/v1/buildings/{building}")))
            .json(&edit),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        field_codes(&body, "total_quota"),
        ["total_quota.needs_basis"]
    );

    // A change without its basis is refused, field by field.
    let (status, body) = r
        .post(
            &format!("/api/v1/lots/{a1}/quota"),
            json!({"quota": "310", "valid_from": "2025-01-01"}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "basis.kind"), ["quota_basis.required"]);
    assert_eq!(
        field_codes(&body, "basis.reference"),
        ["quota_basis.reference_required"]
    );
    assert_eq!(field_codes(&body, "basis.date"), ["date.required"]);

    // The lots hold 1000: the total cannot fall to 900, on any date.
    let (status, body) = r
        .post(
            &format!("/api/v1/buildings/{building}/total"),
            json!({"quota": "900", "valid_from": "2025-01-01", "basis": basis("deed", "Me Dubois, rép. 12", "2024-12-15")}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "quota"), ["quota.exceeds_total"]);
    // Raised to 1100 from 2025 by a decision.
    let (status, overview) = r
        .post(
            &format!("/api/v1/buildings/{building}/total"),
            json!({"quota": "1100", "valid_from": "2025-01-01", "basis": basis("decision", "AG 2024-11-20, point 4", "2024-11-20")}),
        )
        .await;
    assert_eq!(status, 200, "{overview}");
    assert_eq!(overview["total"], 1100);
    assert_eq!(
        overview["balance"],
        json!({"status": "missing", "difference": 100})
    );
    assert_eq!(overview["quorum_base"], 1100);
    assert_eq!(overview["totals"].as_array().unwrap().len(), 2);
    let (_, before) = r
        .get(&format!(
            "/api/v1/buildings/{building}/quotas?as_of=2024-12-31"
        ))
        .await;
    assert_eq!(
        (before["total"].clone(), before["balance"]["status"].clone()),
        (json!(1000), json!("balanced"))
    );
    let (_, b) = r
        .get(&format!("/api/v1/buildings/{building}?as_of=2024-12-31"))
        .await;
    assert_eq!(
        (
            b["total_quota"].clone(),
            b["assigned_quota"].clone(),
            b["as_of"].clone()
        ),
        (json!(1000), json!(1000), json!("2024-12-31"))
    );

    // A2 gets 350 from 2025-03-01 by judgment; the past keeps 250.
    let (status, record) = r
        .post(
            &format!("/api/v1/lots/{a2}/quota"),
            json!({"quota": "350", "valid_from": "2025-03-01", "basis": basis("judgment", "J.P. Ixelles, RG 24/123", "2025-02-10")}),
        )
        .await;
    assert_eq!(status, 200, "{record}");
    assert_eq!(record["lot"]["quota"], 350);
    let history = record["quota_history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(
        (history[0]["quota"].clone(), history[0]["basis"].clone()),
        (json!(350), json!("judgment"))
    );
    assert_eq!(
        (history[1]["quota"].clone(), history[1]["valid_to"].clone()),
        (json!(250), json!("2025-03-01"))
    );
    let (_, then) = r.get(&format!("/api/v1/lots/{a2}?as_of=2025-02-28")).await;
    assert_eq!(then["lot"]["quota"], 250);
    // A change dated before the last one would rewrite the past.
    let (status, body) = r
        .post(
            &format!("/api/v1/lots/{a2}/quota"),
            json!({"quota": "260", "valid_from": "2025-02-01", "basis": basis("deed", "Me X", "2025-01-10")}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        field_codes(&body, "valid_from"),
        ["quota.change_not_after_last"]
    );
    // C1 to 400 would make 1350 of 1100.
    let (status, body) = r
        .post(
            &format!("/api/v1/lots/{c1}/quota"),
            json!({"quota": "400", "valid_from": "2025-06-01", "basis": basis("deed", "Me X", "2025-05-10")}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "quota"), ["quota.exceeds_total"]);
    // Nor may the total then drop below the 1100 assigned since March.
    let (status, body) = r
        .post(
            &format!("/api/v1/buildings/{building}/total"),
            json!({"quota": "1050", "valid_from": "2025-06-01", "basis": basis("deed", "Me X", "2025-05-10")}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "quota"), ["quota.exceeds_total"]);
    let (status, body) = r
        .get(&format!("/api/v1/buildings/{building}?as_of=31-12-2024"))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "as_of"), ["date.invalid"]);

    // The history says each change.
    let (_, history) = r
        .get(&format!("/api/v1/buildings/{building}/history"))
        .await;
    let actions: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert!(
        actions.contains(&"building.total_changed") && actions.contains(&"lot.quota_changed"),
        "{actions:?}"
    );
    no_period_ends_before_it_starts(&r).await;
}

/// The invariant every write keeps, read straight from the tables.
async fn no_period_ends_before_it_starts(r: &Register) {
    use sea_orm::{ConnectionTrait, Statement};
    for (table, from) in [
        ("quota_periods", "valid_from"),
        ("lots", "valid_from"),
        ("ownerships", "valid_from"),
        ("lot_representatives", "valid_from"),
    ] {
        let sql = format!(
            "SELECT COUNT(*) AS n FROM {table} WHERE valid_to IS NOT NULL AND {from} IS NOT NULL AND valid_to < {from}"
        );
        let row = r
            .app
            .db
            .query_one_raw(Statement::from_string(r.app.db.get_database_backend(), sql))
            .await
            .unwrap()
            .unwrap();
        let n: i64 = row.try_get("", "n").unwrap();
        assert_eq!(n, 0, "{table} has periods ending before they start");
    }
    // Every row that changes carries its version and updated-at; a closed holding was
    // updated at least once.
    for sql in [
        "SELECT COUNT(*) AS n FROM ownerships WHERE updated_at IS NULL OR version < 1",
        "SELECT COUNT(*) AS n FROM lot_representatives WHERE updated_at IS NULL OR version < 1",
        "SELECT COUNT(*) AS n FROM ownerships WHERE valid_to IS NOT NULL AND version < 2",
    ] {
        let row = r
            .app
            .db
            .query_one_raw(Statement::from_string(
                r.app.db.get_database_backend(),
                sql.to_owned(),
            ))
            .await
            .unwrap()
            .unwrap();
        let n: i64 = row.try_get("", "n").unwrap();
        assert_eq!(n, 0, "{sql}");
    }
}

async fn lots_are_divided_and_merged_and_the_register_reads_on_any_date(backend: Backend) {
    let r = Register::new(backend).await;
    let (building, a1, a2, c1) = (&r.building_id, &r.lots[0], &r.lots[1], &r.lots[3]);
    r.a1_held_by_alice_and_bob().await;
    r.bob_sells_to_carla().await;
    let deed = basis("deed", "Me Dubois, rép. 2025/77", "2025-02-20");
    let division = |date: &str, numbers: [(&str, &str); 2]| json!({"date": date, "basis": deed, "successors": numbers.iter().map(|(n, q)| json!({"number": n, "kind": "apartment", "quota": q})).collect::<Vec<_>>()});
    // Before the sale of June 2024 it would rewrite the sale.
    let (status, body) = r
        .post(
            &format!("/api/v1/lots/{a1}/division"),
            division("2024-01-01", [("A1a", "200"), ("A1b", "100")]),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "date"), ["lot.later_history_exists"]);
    // A successor cannot take a number in use, nor the lots exceed the total.
    let (status, body) = r
        .post(
            &format!("/api/v1/lots/{a1}/division"),
            division("2025-03-01", [("A2", "200"), ("A1b", "100")]),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        field_codes(&body, "successors.0.number"),
        ["lot_number.taken"]
    );
    let (status, body) = r
        .post(
            &format!("/api/v1/lots/{a1}/division"),
            division("2025-03-01", [("A1a", "250"), ("A1b", "100")]),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "successors"), ["quota.exceeds_total"]);

    let (status, record) = r
        .post(
            &format!("/api/v1/lots/{a1}/division"),
            division("2025-03-01", [("A1a", "200"), ("A1b", "100")]),
        )
        .await;
    assert_eq!(status, 201, "{record}");
    assert_eq!(record["lot"]["valid_to"], "2025-03-01");
    assert_eq!(record["end"]["kind"], "division");
    let successors: Vec<String> = record["end"]["lots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        record["end"]["lots"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["number"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["A1a", "A1b"]
    );
    // The lot's holders end with it; each successor is held by the same people.
    assert!(
        record["history"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| !h["valid_to"].is_null())
    );
    let (_, a1a) = r.get(&format!("/api/v1/lots/{}", successors[0])).await;
    let mut holders: Vec<(String, String)> = a1a["lot"]["holders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["owner_id"].as_str().unwrap().to_owned(),
                h["share"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    holders.sort();
    let mut expected = vec![
        (r.alice.clone(), "1/2".to_owned()),
        (r.carla.clone(), "1/2".to_owned()),
    ];
    expected.sort();
    assert_eq!(holders, expected);
    assert_eq!(
        (
            a1a["lot"]["quota"].clone(),
            a1a["lot"]["valid_from"].clone()
        ),
        (json!(200), json!("2025-03-01"))
    );
    assert_eq!(a1a["origin"]["lots"][0]["number"], "A1");
    assert_eq!(
        a1a["quota_history"][0]["reference"],
        "Me Dubois, rép. 2025/77"
    );

    // The register on a date lists the lots that existed then, with their figures then.
    let numbers = |page: &Value| {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| format!("{}:{}", l["number"].as_str().unwrap(), l["quota"]))
            .collect::<Vec<_>>()
    };
    let (_, before) = r
        .get(&format!(
            "/api/v1/buildings/{building}/lots?as_of=2025-02-28"
        ))
        .await;
    assert_eq!(
        numbers(&before),
        ["A1:300", "A2:250", "A3:250", "C1:150", "K1:20", "P1:30"]
    );
    let (_, after) = r
        .get(&format!(
            "/api/v1/buildings/{building}/lots?as_of=2025-03-01"
        ))
        .await;
    assert_eq!(
        numbers(&after),
        [
            "A1a:200", "A1b:100", "A2:250", "A3:250", "C1:150", "K1:20", "P1:30"
        ]
    );
    let (_, b) = r
        .get(&format!("/api/v1/buildings/{building}?as_of=2025-02-28"))
        .await;
    assert_eq!(
        (b["lot_count"].clone(), b["assigned_quota"].clone()),
        (json!(6), json!(1000))
    );
    let (_, b) = r.get(&format!("/api/v1/buildings/{building}")).await;
    assert_eq!(
        (b["lot_count"].clone(), b["assigned_quota"].clone()),
        (json!(7), json!(1000))
    );
    // In 2022 Bob still held his half of the lot.
    let (_, old) = r.get(&format!("/api/v1/lots/{a1}?as_of=2022-01-01")).await;
    assert!(
        old["lot"]["holders"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["owner_id"] == json!(r.bob))
    );

    // An ended lot takes no more changes and stays in the history.
    let (status, body) = r
        .post(
            &format!("/api/v1/lots/{a1}/division"),
            division("2025-06-01", [("A1c", "200"), ("A1d", "100")]),
        )
        .await;
    assert_eq!(status, 409, "{body}");
    let (status, _) = send(r.syndic.delete(r.url(&format!("/api/v1/lots/{a1}")))).await;
    assert_eq!(status, 409);
    let (status, body) = r
        .post(
            &format!("/api/v1/lots/{a1}/transfers"),
            json!({"kind": "sale", "deed_date": "2025-06-01", "sellers": [r.alice], "acquirers": [{"owner_id": r.bob, "share": "1/2"}]}),
        )
        .await;
    assert_eq!(status, 422, "{body}");

    // Merged back by deed: the same holders carry over; lots of other holders cannot join.
    let merger = |others: Vec<&String>, number: &str| json!({"date": "2025-09-01", "basis": deed, "others": others, "successor": {"number": number, "kind": "apartment", "quota": "300"}});
    let (status, body) = r
        .post(
            &format!("/api/v1/lots/{}/merger", successors[0]),
            merger(vec![&successors[1]], "A1"),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "successor.number"), ["lot_number.taken"]);
    let (status, body) = r
        .post(
            &format!("/api/v1/lots/{}/merger", successors[0]),
            merger(vec![a2], "A1z"),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "others"), ["merger.holders_differ"]);
    let (status, merged) = r
        .post(
            &format!("/api/v1/lots/{}/merger", successors[0]),
            merger(vec![&successors[1]], "A1ab"),
        )
        .await;
    assert_eq!(status, 201, "{merged}");
    assert_eq!(merged["end"]["kind"], "merger");
    let new_id = merged["end"]["lots"][0]["id"].as_str().unwrap().to_owned();
    let (_, ab) = r.get(&format!("/api/v1/lots/{new_id}")).await;
    assert_eq!(ab["origin"]["lots"].as_array().unwrap().len(), 2);
    assert_eq!(ab["lot"]["holders"].as_array().unwrap().len(), 2);
    // Someone else's lot cannot be merged in.
    let other = r.app.tenant("beta").await;
    let beta = r.app.login(&other.syndic).await;
    let (_, b2) = send(beta.post(r.url("/api/v1/buildings")).json(&tilleuls())).await;
    let (_, foreign) = send(
        beta.post(r.url(&format!(
            "/api/v1/buildings/{}/lots",
            b2["id"].as_str().unwrap()
        )))
        .json(&json!({"number": "X1", "kind": "apartment", "quota": "10"})),
    )
    .await;
    let foreign = foreign["id"].as_str().unwrap().to_owned();
    let (status, body) = r
        .post(
            &format!("/api/v1/lots/{c1}/merger"),
            merger(vec![&foreign], "CX"),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "others"), ["lot.unknown"]);
    let (status, _) =
        send(beta.get(r.url(&format!("/api/v1/lots/{new_id}?as_of=2025-01-01")))).await;
    assert_eq!(status, 404);
    no_period_ends_before_it_starts(&r).await;
}

fn holder_ids(holders: &Value) -> Vec<String> {
    let mut ids: Vec<String> = holders
        .as_array()
        .map(|h| {
            h.iter()
                .map(|h| h["owner_id"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default();
    ids.sort();
    ids
}

async fn transfers_count_from_their_notification_and_are_voided_not_deleted(backend: Backend) {
    let r = Register::new(backend).await;
    let a1 = &r.lots[0];
    r.a1_held_by_alice_and_bob().await;
    let sold = r.bob_sells_to_carla().await;
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let transfer = sold["transfers"][0].clone();
    let transfer_id = transfer["id"].as_str().unwrap().to_owned();
    assert_eq!(
        (
            transfer["enjoyment_date"].clone(),
            transfer["notified_on"].clone()
        ),
        (json!("2024-06-30"), Value::Null)
    );
    // In law Carla holds; the association, not notified, still knows Bob.
    assert_eq!(
        holder_ids(&sold["lot"]["holders"]),
        sorted(vec![r.alice.clone(), r.carla.clone()])
    );
    assert_eq!(
        holder_ids(&sold["known_holders"]),
        sorted(vec![r.alice.clone(), r.bob.clone()])
    );

    let notify = |date: &str, version: i64| json!({"notified_on": date, "version": version});
    let path = format!("/api/v1/lots/{a1}/transfers/{transfer_id}/notification");
    let (status, body) = r.post(&path, notify("2024-06-01", 1)).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        field_codes(&body, "notified_on"),
        ["transfer.notified_before_deed"]
    );
    let (status, record) = r.post(&path, notify("2024-07-10", 1)).await;
    assert_eq!(status, 200, "{record}");
    assert_eq!(record["known_holders"], Value::Null);
    let (status, _) = r.post(&path, notify("2024-07-11", 1)).await;
    assert_eq!(status, 409, "an edit from a stale version");
    let (_, before) = r.get(&format!("/api/v1/lots/{a1}?as_of=2024-07-09")).await;
    assert_eq!(
        holder_ids(&before["known_holders"]),
        sorted(vec![r.alice.clone(), r.bob.clone()])
    );
    let (_, after) = r.get(&format!("/api/v1/lots/{a1}?as_of=2024-07-10")).await;
    assert_eq!(after["known_holders"], Value::Null);

    // Voided with a reason: Bob holds again, the transfer stays in the register as voided.
    let void = format!("/api/v1/lots/{a1}/transfers/{transfer_id}/void");
    let (status, body) = r.post(&void, json!({"reason": " ", "version": 2})).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        field_codes(&body, "reason"),
        ["transfer.void_reason_required"]
    );
    let (status, record) = r
        .post(
            &void,
            json!({"reason": "Deed of lot A2, typed on A1", "version": 2}),
        )
        .await;
    assert_eq!(status, 200, "{record}");
    assert_eq!(
        holder_ids(&record["lot"]["holders"]),
        sorted(vec![r.alice.clone(), r.bob.clone()])
    );
    assert_eq!(
        record["transfers"][0]["void_reason"],
        "Deed of lot A2, typed on A1"
    );
    assert!(
        record["history"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["valid_to"].is_null())
    );
    let (status, _) = r
        .post(&void, json!({"reason": "again", "version": 3}))
        .await;
    assert_eq!(status, 404, "a voided transfer is not voided twice");

    // Recorded again, rightly; then a later sale makes the first one part of history.
    let resold = r.bob_sells_to_carla().await;
    let first = resold["transfers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["void_reason"].is_null())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, body) = r
        .post(
            &format!("/api/v1/lots/{a1}/transfers"),
            json!({"kind": "donation", "deed_date": "2025-02-01", "notified_on": "2025-02-03",
                   "enjoyment_date": "2025-03-01", "seller_address": "Rue Neuve 2, 1000 Bruxelles",
                   "sellers": [r.carla], "acquirers": [{"owner_id": r.alice, "share": "1/2"}]}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let latest = &body["transfers"][0];
    assert_eq!(
        (
            latest["enjoyment_date"].clone(),
            latest["notified_on"].clone(),
            latest["seller_address"].clone()
        ),
        (
            json!("2025-03-01"),
            json!("2025-02-03"),
            json!("Rue Neuve 2, 1000 Bruxelles")
        )
    );
    let (status, body) = r
        .post(
            &format!("/api/v1/lots/{a1}/transfers/{first}/void"),
            json!({"reason": "late regret", "version": 1}),
        )
        .await;
    assert_eq!(status, 409, "{body}");
    let (_, history) = r
        .get(&format!("/api/v1/buildings/{}/history", r.building_id))
        .await;
    let actions: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert!(
        actions.contains(&"lot.transfer_voided") && actions.contains(&"lot.transfer_notified"),
        "{actions:?}"
    );
    no_period_ends_before_it_starts(&r).await;
}

async fn notary_requests_are_answered_within_their_legal_deadline(backend: Backend) {
    let r = Register::new(backend).await;
    let a1 = &r.lots[0];
    let path = format!("/api/v1/lots/{a1}/notary-requests");
    let (status, body) = r
        .post(&path, json!({"kind": "soon", "received_on": "2099-01-01"}))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "kind"), ["notary_request.kind_invalid"]);
    assert_eq!(field_codes(&body, "received_on"), ["date.future"]);
    assert_eq!(field_codes(&body, "notary"), ["notary.required"]);
    let (status, record) = r
        .post(&path, json!({"kind": "before_agreement", "received_on": "2026-03-02", "notary": "Me Lambert", "reference": "Dossier 26/114"}))
        .await;
    assert_eq!(status, 201, "{record}");
    let request = &record["notary_requests"][0];
    assert_eq!(
        request["due_on"], "2026-03-17",
        "15 days before the sale agreement"
    );
    assert_eq!(request["state"]["state"], "overdue");
    let (_, record) = r
        .post(
            &path,
            json!({"kind": "before_deed", "received_on": "2026-03-02", "notary": "Me Lambert"}),
        )
        .await;
    let deed = record["notary_requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["kind"] == "before_deed")
        .unwrap()
        .clone();
    assert_eq!(deed["due_on"], "2026-04-01", "30 days before the deed");
    let answer = format!("{path}/{}/answer", deed["id"].as_str().unwrap());
    let (status, body) = r
        .post(&answer, json!({"answered_on": "2026-03-01", "version": 1}))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        field_codes(&body, "answered_on"),
        ["notary_request.answer_before_request"]
    );
    let (status, record) = r
        .post(&answer, json!({"answered_on": "2026-03-20", "version": 1}))
        .await;
    assert_eq!(status, 200, "{record}");
    let deed = record["notary_requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["kind"] == "before_deed")
        .unwrap()
        .clone();
    assert_eq!(deed["state"], json!({"state": "answered", "late": false}));
    let (status, _) = r
        .post(&answer, json!({"answered_on": "2026-03-21", "version": 1}))
        .await;
    assert_eq!(status, 409);
    // Another organisation's syndic reaches none of it.
    let other = r.app.tenant("beta").await;
    let beta = r.app.login(&other.syndic).await;
    let (status, _) = send(
        beta.post(r.url(&answer))
            .json(&json!({"answered_on": "2026-03-22", "version": 2})),
    )
    .await;
    assert_eq!(status, 404);
}

async fn the_association_s_mandates_and_rules_follow_the_code(backend: Backend) {
    let r = Register::new(backend).await;
    let building = &r.building_id;
    r.a1_held_by_alice_and_bob().await;
    let mandates = format!("/api/v1/buildings/{building}/mandates");
    let syndic = |starts: &str, ends: &str| json!({"role": "syndic", "holder_name": "Syndic Dupont SRL", "starts_on": starts, "ends_on": ends, "decided_on": starts});
    // Three years at most (art. 3.89 §1): four are refused, three are accepted.
    let (status, body) = r.post(&mandates, syndic("2024-01-01", "2027-12-31")).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        field_codes(&body, "ends_on"),
        ["mandate.syndic_over_three_years"]
    );
    let (status, body) = r.post(&mandates, syndic("2024-01-01", "2027-01-01")).await;
    assert_eq!(status, 422, "one day over three years: {body}");
    let (status, facts) = r.post(&mandates, syndic("2024-01-01", "2026-12-31")).await;
    assert_eq!(status, 200, "{facts}");
    // One syndic at a time.
    let (status, body) = r.post(&mandates, syndic("2026-06-01", "2027-05-31")).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "starts_on"), ["mandate.overlaps"]);
    // The council is made of co-owners: Carla holds nothing in this building.
    let member = |owner: &str| json!({"role": "council_member", "owner_id": owner, "starts_on": "2024-06-01", "ends_on": "2025-05-31"});
    let (status, body) = r.post(&mandates, member(&r.carla)).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        field_codes(&body, "owner_id"),
        ["mandate.council_not_owner"]
    );
    let (status, facts) = r.post(&mandates, member(&r.alice)).await;
    assert_eq!(status, 200, "{facts}");
    assert!(
        facts["mandates"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["holder_name"] == "Martin Alice")
    );
    // The auditor is designated per fiscal year.
    let auditor = json!({"role": "auditor", "holder_name": "Bob Leroy", "fiscal_year": "2026", "starts_on": "2026-01-01", "ends_on": "2026-12-31"});
    let (status, _) = r.post(&mandates, auditor.clone()).await;
    assert_eq!(status, 200);
    let (status, body) = r.post(&mandates, auditor).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        field_codes(&body, "fiscal_year"),
        ["mandate.auditor_exists"]
    );

    // On a date in 2025: the syndic in office, the council member, no auditor for 2025.
    let (_, on) = r
        .get(&format!(
            "/api/v1/buildings/{building}/association?as_of=2025-03-01"
        ))
        .await;
    assert_eq!(on["alerts"], json!(["no_auditor"]));
    assert_eq!(on["accounts_regime"], "simplified");
    assert_eq!(on["notice_days"], 15);
    // In 2027 nobody is syndic.
    let (_, later) = r
        .get(&format!(
            "/api/v1/buildings/{building}/association?as_of=2027-02-01"
        ))
        .await;
    assert!(
        later["alerts"]
            .as_array()
            .unwrap()
            .contains(&json!("no_syndic")),
        "{later}"
    );

    // Rules: a notice shorter than the law's 15 days is refused; the reserve fund becomes
    // mandatory 5 years after the provisional acceptance.
    let rules = format!("/api/v1/buildings/{building}/rules");
    let version = on["version"].clone();
    let (status, body) = send(
        r.syndic
            .put(r.url(&rules))
            .json(&json!({"notice_days": "10", "version": version})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        field_codes(&body, "notice_days"),
        ["notice_days.below_legal"]
    );
    let (status, facts) = send(r.syndic.put(r.url(&rules)).json(&json!({
        "assembly_window_start": "05-15", "notice_days": "21", "remote_participation": true,
        "accounts_regime": "full", "provisional_acceptance_on": "2019-03-01", "version": version,
    })))
    .await;
    assert_eq!(status, 200, "{facts}");
    assert_eq!(
        (
            facts["notice_days"].clone(),
            facts["assembly_window_start"].clone(),
            facts["remote_participation"].clone()
        ),
        (json!(21), json!("05-15"), json!(true))
    );
    assert_eq!(
        facts["accounts_regime"], "full",
        "a small association may choose full accounts"
    );
    assert_eq!(facts["reserve_fund_mandatory_from"], "2024-03-01");
    assert!(
        facts["alerts"]
            .as_array()
            .unwrap()
            .contains(&json!("reserve_fund_required")),
        "no reserve account: {facts}"
    );
    let (status, _) = send(
        r.syndic
            .put(r.url(&rules))
            .json(&json!({"notice_days": "30", "version": version})),
    )
    .await;
    assert_eq!(status, 409, "a stale edit");
    // Another organisation reaches none of it.
    let other = r.app.tenant("beta").await;
    let beta = r.app.login(&other.syndic).await;
    let (status, _) =
        send(beta.get(r.url(&format!("/api/v1/buildings/{building}/association")))).await;
    assert_eq!(status, 404);
}

async fn split_rights_add_up_per_side(backend: Backend) {
    let r = Register::new(backend).await;
    let holders = |rows: Value| json!({"valid_from": "2019-05-01", "holders": rows});
    // An emphyteutic lease over the whole lot: the owner keeps the bare ownership.
    let (status, record) = r
        .post(
            &format!("/api/v1/lots/{}/holders", r.lots[1]),
            holders(json!([
                {"owner_id": r.alice, "right": "bare_ownership", "share": "1"},
                {"owner_id": r.bob, "right": "emphyteusis", "share": "1"},
            ])),
        )
        .await;
    assert_eq!(status, 201, "{record}");
    let rights: Vec<&str> = record["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["right"].as_str().unwrap())
        .collect();
    assert!(rights.contains(&"emphyteusis"), "{record}");
    // A right of habitation on top of the lease enjoys the lot twice: refused.
    let (status, body) = r
        .post(
            &format!("/api/v1/lots/{}/holders", r.lots[2]),
            holders(json!([
                {"owner_id": r.alice, "right": "bare_ownership", "share": "1"},
                {"owner_id": r.bob, "right": "building_right", "share": "1"},
                {"owner_id": r.carla, "right": "right_of_habitation", "share": "1"},
            ])),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "holders"), ["holders.not_whole"]);
    let (status, body) = r
        .post(
            &format!("/api/v1/lots/{}/holders", r.lots[2]),
            holders(json!([{"owner_id": r.alice, "right": "lease", "share": "1"}])),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "holders.0.right"), ["right.invalid"]);
}

async fn consent_to_e_mail_is_a_history_per_association_and_address(backend: Backend) {
    let r = Register::new(backend).await;
    r.a1_held_by_alice_and_bob().await;
    let consents = format!("/api/v1/owners/{}/consents", r.bob);
    let consent = |given_on: &str| {
        json!({"building_id": r.building_id, "given_on": given_on,
               "evidence": "Signed form, filed under 2024/17"})
    };
    let (status, owner) = r.post(&consents, consent("2024-03-01")).await;
    assert_eq!(status, 201, "{owner}");
    assert_eq!(owner["consents"][0]["address"], "bob@example.be");
    assert_eq!(owner["consents"][0]["given_on"], "2024-03-01");
    assert_eq!(owner["consents"][0]["ended_on"], Value::Null);
    let consent_id = owner["consents"][0]["id"].as_str().unwrap().to_owned();

    // One in force per association; every refusal names its field.
    let (status, body) = r.post(&consents, consent("2024-04-01")).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "building_id"), ["consent.already_given"]);
    let (status, body) = r
        .post(
            &consents,
            json!({"building_id": r.building_id, "given_on": "2100-01-01", "evidence": " "}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "given_on"), ["date.future"]);
    assert_eq!(
        field_codes(&body, "evidence"),
        ["consent.evidence_required"]
    );
    // Carla has no address to consent to; nobody consents to an association of which they
    // hold nothing.
    let (status, body) = r
        .post(
            &format!("/api/v1/owners/{}/consents", r.carla),
            consent("2024-03-01"),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "given_on"), ["consent.needs_email"]);
    let (_, other) = r
        .post("/api/v1/buildings", crate::common::building_form("Other"))
        .await;
    let (status, body) = r
        .post(
            &consents,
            json!({"building_id": other["id"], "given_on": "2024-03-01", "evidence": "form"}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "building_id"), ["consent.not_an_owner"]);

    // The export says since when the association may write by e-mail.
    let csv = r
        .syndic
        .get(r.url(&format!("/api/v1/buildings/{}/export.csv", r.building_id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let bob_row = csv.lines().find(|l| l.contains("bob@example.be")).unwrap();
    assert!(bob_row.contains(",2024-03-01,"), "{bob_row}");

    // A withdrawal is dated, after the consent, once.
    let withdrawal = format!("{consents}/{consent_id}/withdrawal");
    let (status, body) = r
        .post(
            &withdrawal,
            json!({"withdrawn_on": "2024-02-01", "version": 1}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        field_codes(&body, "withdrawn_on"),
        ["consent.withdrawn_before_given"]
    );
    let (status, owner) = r
        .post(
            &withdrawal,
            json!({"withdrawn_on": "2025-06-30", "version": 1}),
        )
        .await;
    assert_eq!(status, 200, "{owner}");
    assert_eq!(owner["consents"][0]["ended_on"], "2025-06-30");
    assert_eq!(owner["consents"][0]["end_reason"], "withdrawn");
    let (status, _) = r
        .post(
            &withdrawal,
            json!({"withdrawn_on": "2025-07-01", "version": 2}),
        )
        .await;
    assert_eq!(status, 409);

    // Given again, then the address changes: the consent named the old one and ends today.
    let (status, owner) = r.post(&consents, consent("2025-09-01")).await;
    assert_eq!(status, 201, "{owner}");
    let mut form = crate::common::person("Bob", "Leroy", "bob.leroy@example.be");
    form["version"] = owner["version"].clone();
    let (status, owner) = send(
        r.syndic
            .put(r.url(&format!("/api/v1/owners/{}", r.bob)))
            .json(&form),
    )
    .await;
    assert_eq!(status, 200, "{owner}");
    let history = owner["consents"].as_array().unwrap();
    assert_eq!(history.len(), 2, "{owner}");
    assert_eq!(history[0]["end_reason"], "address_changed");
    assert_eq!(
        history[0]["ended_on"],
        app::domain::calendar::today().to_string()
    );
    assert_eq!(history[0]["address"], "bob@example.be");
    // A consent for the new address can be recorded (once the owner gives it).
    let (status, owner) = r
        .post(
            &consents,
            consent(&app::domain::calendar::today().to_string()),
        )
        .await;
    assert_eq!(status, 201, "{owner}");
    assert_eq!(owner["consents"][0]["address"], "bob.leroy@example.be");
    // An import into another association records the consent dated in the file, for the
    // owner it recognises by address and name.
    let csv = "lot_number,lot_kind,quota,first_name,last_name,street,postal_code,city,email,locale,email_consent,share,valid_from\n\
               Z1,apartment,100,Bob,Leroy,Rue Haute 1,1000,Bruxelles,bob.leroy@example.be,fr,2025-10-01,1,2025-10-01\n";
    let (status, report) = send(
        r.syndic
            .post(r.url(&format!(
                "/api/v1/buildings/{}/import?apply=true",
                other["id"].as_str().unwrap()
            )))
            .body(csv),
    )
    .await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["new_owners"], 0, "{report}");
    let (_, owner) = r.get(&format!("/api/v1/owners/{}", r.bob)).await;
    let imported = owner["consents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["building_id"] == other["id"])
        .unwrap_or_else(|| panic!("{owner}"));
    assert_eq!(imported["given_on"], "2025-10-01");
    assert_eq!(imported["address"], "bob.leroy@example.be");
    // The audit log keeps who recorded what.
    let (_, log) = r
        .get(&format!(
            "/api/v1/organizations/{}/audit-log",
            r.tenant.organization_id
        ))
        .await;
    let actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"owner.consent_withdrawn"), "{actions:?}");
    assert_eq!(
        actions
            .iter()
            .filter(|a| **a == "owner.consent_given")
            .count(),
        4,
        "three on the owner's page, one by the import"
    );
}

async fn owners_act_through_agents_and_the_mail_follows(backend: Backend) {
    let r = Register::new(backend).await;
    let (status, company) = r
        .post(
            "/api/v1/owners",
            json!({
                "kind": "legal", "last_name": "Immo SRL", "company_number": "0123.456.749",
                "street": "Rue 1", "postal_code": "1000", "city": "Bruxelles", "locale": "fr"
            }),
        )
        .await;
    assert_eq!(status, 201, "{company}");
    let company_id = company["id"].as_str().unwrap().to_owned();
    let agents = format!("/api/v1/owners/{company_id}/agents");
    let agent = |who: &str, capacity: &str, from: &str, mail: bool| {
        json!({"agent_id": who, "capacity": capacity, "valid_from": from,
               "document": "Moniteur belge 2021-05-03", "receives_mail": mail})
    };
    let (status, owner) = r
        .post(&agents, agent(&r.carla, "organ", "2021-05-03", true))
        .await;
    assert_eq!(status, 201, "{owner}");
    assert_eq!(owner["agents"][0]["agent_name"], "Smet Carla");
    assert_eq!(owner["agents"][0]["capacity"], "organ");
    assert_eq!(owner["agents"][0]["receives_mail"], true);
    let carla_agency = owner["agents"][0].clone();

    // The mail goes to one agent at a time; the refusals name their field.
    let (status, body) = r
        .post(&agents, agent(&r.bob, "attorney", "2022-01-01", true))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "receives_mail"), ["agent.mail_taken"]);
    let (status, body) = r
        .post(&agents, agent(&r.bob, "parent", "2022-01-01", false))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        field_codes(&body, "capacity"),
        ["agent.capacity_for_persons"]
    );
    let (status, body) = r
        .post(&agents, agent(&company_id, "organ", "2022-01-01", false))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "agent_id"), ["agent.self"]);
    let (status, body) = r
        .post(
            &agents,
            json!({"agent_id": r.bob, "capacity": "attorney", "valid_from": "2022-01-01"}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "document"), ["agent.document_required"]);
    // A minor has parents, not organs.
    let (status, body) = r
        .post(
            &format!("/api/v1/owners/{}/agents", r.alice),
            agent(&r.bob, "organ", "2022-01-01", false),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        field_codes(&body, "capacity"),
        ["agent.capacity_for_companies"]
    );
    // A person of another organisation's directory is not found.
    let beta = r.app.tenant("beta").await;
    let beta_syndic = r.app.login(&beta.syndic).await;
    let (_, stranger) = send(
        beta_syndic
            .post(r.url("/api/v1/owners"))
            .json(&person("Sam", "Stranger", "")),
    )
    .await;
    let (status, body) = r
        .post(
            &agents,
            agent(
                stranger["id"].as_str().unwrap(),
                "attorney",
                "2022-01-01",
                false,
            ),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "agent_id"), ["owner.not_found"]);
    // Two agents at once, one of them receiving the mail.
    let (status, owner) = r
        .post(&agents, agent(&r.bob, "attorney", "2022-01-01", false))
        .await;
    assert_eq!(status, 201, "{owner}");
    assert_eq!(owner["agents"].as_array().unwrap().len(), 2);

    // Carla's agency ends: not before it starts, once, at the version read.
    let end = format!(
        "/api/v1/owners/{company_id}/agents/{}/end",
        carla_agency["id"].as_str().unwrap()
    );
    let (status, body) = r
        .post(&end, json!({"ended_on": "2021-05-03", "version": 1}))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "ended_on"), ["agent.ends_before_start"]);
    let (status, owner) = r
        .post(&end, json!({"ended_on": "2024-01-01", "version": 1}))
        .await;
    assert_eq!(status, 200, "{owner}");
    let carla_now = owner["agents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == carla_agency["id"])
        .unwrap()
        .clone();
    assert_eq!(carla_now["valid_to"], "2024-01-01");
    assert_eq!(carla_now["version"], 2);
    let (status, body) = r
        .post(&end, json!({"ended_on": "2023-01-01", "version": 1}))
        .await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Someone else changed this"),
        "{body}"
    );
    let (status, body) = r
        .post(&end, json!({"ended_on": "2024-01-01", "version": 2}))
        .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(
        body["error"]["message"],
        "This agency already ends on that date."
    );
    // From then on, Bob may receive the mail.
    let (status, owner) = r
        .post(&agents, agent(&r.bob, "organ", "2024-01-01", true))
        .await;
    assert_eq!(status, 201, "{owner}");

    // An owner account sees nothing of it; the audit log tells what happened.
    let alice = r.app.login(&r.tenant.owner).await;
    let (status, _) = send(alice.post(r.url(&agents)).json(&agent(
        &r.bob,
        "attorney",
        "2025-01-01",
        false,
    )))
    .await;
    assert_eq!(status, 403);
    let (_, log) = r
        .get(&format!(
            "/api/v1/organizations/{}/audit-log",
            r.tenant.organization_id
        ))
        .await;
    let actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .filter(|a| a.starts_with("owner.agent_"))
        .collect();
    assert_eq!(actions.len(), 4, "three appointed, one ended: {actions:?}");
}

async fn owners_and_my_lots_read_on_a_date_as_the_syndic_knew_them(backend: Backend) {
    let r = Register::new(backend).await;
    let (status, _) = r
        .post(
            &format!("/api/v1/lots/{}/holders", r.lots[1]),
            json!({"valid_from": "2020-01-01", "holders": [{"owner_id": r.alice, "share": "1"}]}),
        )
        .await;
    assert_eq!(status, 201);
    // Alice sells A2 to Bob on 1 June 2023; the syndic learns of it on 1 July.
    let (status, body) = r
        .post(
            &format!("/api/v1/lots/{}/transfers", r.lots[1]),
            json!({"kind": "sale", "deed_date": "2023-06-01", "notified_on": "2023-07-01",
                   "sellers": [r.alice],
                   "acquirers": [{"owner_id": r.bob, "right": "full_ownership", "share": "1"}]}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let standing = |owner: &Value| -> Vec<(String, bool, bool)> {
        owner["lots"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                (
                    l["number"].as_str().unwrap().to_owned(),
                    l["held"].as_bool().unwrap(),
                    l["known_to_syndic"].as_bool().unwrap(),
                )
            })
            .collect()
    };
    let on = |who: &str, date: &str| format!("/api/v1/owners/{who}?as_of={date}");
    let (_, alice) = r.get(&on(&r.alice, "2023-05-31")).await;
    assert_eq!(standing(&alice), [("A2".into(), true, true)]);
    // Between the deed and the notification: Bob holds it, the syndic still counts Alice.
    let (_, alice) = r.get(&on(&r.alice, "2023-06-15")).await;
    assert_eq!(standing(&alice), [("A2".into(), false, true)]);
    let (_, bob) = r.get(&on(&r.bob, "2023-06-15")).await;
    assert_eq!(standing(&bob), [("A2".into(), true, false)]);
    let (_, alice) = r.get(&on(&r.alice, "2023-07-01")).await;
    assert_eq!(standing(&alice), []);
    let (_, bob) = r.get(&on(&r.bob, "2023-07-01")).await;
    assert_eq!(standing(&bob), [("A2".into(), true, true)]);
    let (_, alice) = r.get(&on(&r.alice, "2019-12-31")).await;
    assert_eq!(standing(&alice), []);
    let (status, body) = r.get(&on(&r.alice, "2023-02-30")).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "as_of"), ["date.invalid"]);

    // The directory of the building on a date lists who held a lot then.
    let directory =
        |date: &str| format!("/api/v1/owners?building_id={}&as_of={date}", r.building_id);
    let names = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let (_, page) = r.get(&directory("2022-01-01")).await;
    assert_eq!(names(&page), ["Martin Alice"]);
    let (_, page) = r.get(&directory("2024-01-01")).await;
    assert_eq!(names(&page), ["Leroy Bob"]);
    let (status, _) = r.get("/api/v1/owners?as_of=yesterday").await;
    assert_eq!(status, 422);

    // Alice's own view on her phone, on a date.
    let owner = r.app.login(&r.tenant.owner).await;
    let (status, mine) = send(owner.get(r.url("/api/v1/me/lots?as_of=2023-06-15"))).await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(mine[0]["number"], "A2");
    assert_eq!(mine[0]["held"], false);
    assert_eq!(mine[0]["known_to_syndic"], true);
    let (_, mine) = send(owner.get(r.url("/api/v1/me/lots"))).await;
    assert_eq!(mine, json!([]));
}

async fn one_deed_conveys_several_lots_all_or_nothing(backend: Backend) {
    let r = Register::new(backend).await;
    // Alice holds A2, its parking P1 and its cellar K1.
    for lot in [1, 4, 5] {
        let (status, body) = r
            .post(
                &format!("/api/v1/lots/{}/holders", r.lots[lot]),
                json!({"valid_from": "2020-01-01", "holders": [{"owner_id": r.alice, "share": "1"}]}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
    }
    let (status, page) = r.get(&format!("/api/v1/lots/{}", r.lots[1])).await;
    assert_eq!(status, 200);
    assert_eq!(page["transfers"], json!([]));
    let sale = |others: Vec<&str>| {
        json!({"kind": "sale", "deed_date": "2024-05-02", "notary": "Me Dupont",
               "sellers": [r.alice], "other_lots": others,
               "acquirers": [{"owner_id": r.bob, "right": "full_ownership", "share": "1"}]})
    };
    let transfers = format!("/api/v1/lots/{}/transfers", r.lots[1]);

    // Carla's commercial lot C1 is not Alice's: the whole deed is refused, nothing written.
    let (status, body) = r
        .post(
            &format!("/api/v1/lots/{}/holders", r.lots[3]),
            json!({"valid_from": "2020-01-01", "holders": [{"owner_id": r.carla, "share": "1"}]}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let (status, body) = r.post(&transfers, sale(vec![&r.lots[4], &r.lots[3]])).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        field_codes(&body, &format!("other_lots.{}", r.lots[3])),
        ["transfer.seller_holds_nothing"]
    );
    for lot in [1, 4] {
        let (_, page) = r.get(&format!("/api/v1/lots/{}", r.lots[lot])).await;
        assert_eq!(page["transfers"], json!([]), "lot {lot} untouched");
        assert_eq!(page["lot"]["holders"][0]["owner_id"], r.alice.as_str());
    }
    // Another organisation's lot, a lot of another building, a bad id, the lot itself.
    let beta = r.app.tenant("beta").await;
    let beta_syndic = r.app.login(&beta.syndic).await;
    let (_, beta_building) = send(
        beta_syndic
            .post(r.url("/api/v1/buildings"))
            .json(&crate::common::building_form("Beta")),
    )
    .await;
    let (_, beta_lot) = send(
        beta_syndic
            .post(r.url(&format!(
                "/api/v1/buildings/{}/lots",
                beta_building["id"].as_str().unwrap()
            )))
            .json(&json!({"number": "1", "kind": "apartment", "quota": "100"})),
    )
    .await;
    let beta_lot = beta_lot["id"].as_str().unwrap().to_owned();
    let (status, body) = r.post(&transfers, sale(vec![&beta_lot])).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        field_codes(&body, &format!("other_lots.{beta_lot}")),
        ["lot.unknown"]
    );
    let (_, other_building) = r
        .post("/api/v1/buildings", crate::common::building_form("Annexe"))
        .await;
    let (_, annex_lot) = r
        .post(
            &format!(
                "/api/v1/buildings/{}/lots",
                other_building["id"].as_str().unwrap()
            ),
            json!({"number": "X1", "kind": "apartment", "quota": "100"}),
        )
        .await;
    let annex_lot = annex_lot["id"].as_str().unwrap().to_owned();
    let (status, body) = r.post(&transfers, sale(vec![&annex_lot])).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        field_codes(&body, &format!("other_lots.{annex_lot}")),
        ["transfer.other_building"]
    );
    let (status, body) = r.post(&transfers, sale(vec!["not-a-lot"])).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "other_lots"), ["lot.unknown"]);
    let (status, body) = r.post(&transfers, sale(vec![&r.lots[1]])).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        field_codes(&body, &format!("other_lots.{}", r.lots[1])),
        ["transfer.same_lot"]
    );
    let many: Vec<String> = (0..50).map(|_| uuid::Uuid::now_v7().to_string()).collect();
    let (status, body) = r
        .post(&transfers, sale(many.iter().map(String::as_str).collect()))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "other_lots"), ["transfer.too_many_lots"]);

    // The deed over A2, P1 and K1 (K1 listed twice counts once), not notified yet.
    let (status, page) = r
        .post(&transfers, sale(vec![&r.lots[4], &r.lots[5], &r.lots[5]]))
        .await;
    assert_eq!(status, 201, "{page}");
    let deed_lots = |page: &Value| -> Vec<String> {
        let mut numbers: Vec<String> = page["transfers"][0]["deed_lots"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["number"].as_str().unwrap().to_owned())
            .collect();
        numbers.sort();
        numbers
    };
    assert_eq!(deed_lots(&page), ["K1", "P1"]);
    for lot in [4, 5] {
        let (_, other) = r.get(&format!("/api/v1/lots/{}", r.lots[lot])).await;
        assert_eq!(other["lot"]["holders"][0]["owner_id"], r.bob.as_str());
        assert_eq!(other["transfers"][0]["deed_date"], "2024-05-02");
        assert_eq!(other["transfers"][0]["notified_on"], Value::Null);
        assert_eq!(deed_lots(&other).len(), 2);
    }
    // Notified once for the deed: it counts for the three lots.
    let transfer_id = page["transfers"][0]["id"].as_str().unwrap();
    let (status, body) = r
        .post(
            &format!(
                "/api/v1/lots/{}/transfers/{transfer_id}/notification",
                r.lots[1]
            ),
            json!({"notified_on": "2024-05-10", "version": 1}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    for lot in [4, 5] {
        let (_, other) = r.get(&format!("/api/v1/lots/{}", r.lots[lot])).await;
        assert_eq!(other["transfers"][0]["notified_on"], "2024-05-10");
        assert_eq!(other["transfers"][0]["version"], 2);
    }
    // Voiding the deed's transfer of one lot (recorded by mistake) leaves the others.
    let (_, k1) = r.get(&format!("/api/v1/lots/{}", r.lots[5])).await;
    let k1_transfer = k1["transfers"][0]["id"].as_str().unwrap();
    let (status, body) = r
        .post(
            &format!("/api/v1/lots/{}/transfers/{k1_transfer}/void", r.lots[5]),
            json!({"reason": "The cellar was not in the deed", "version": 2}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["lot"]["holders"][0]["owner_id"], r.alice.as_str());
    let (_, a2) = r.get(&format!("/api/v1/lots/{}", r.lots[1])).await;
    assert_eq!(deed_lots(&a2), ["P1"]);
}
