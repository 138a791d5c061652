//! Documents over HTTP (issue 12), on both backends: upload streamed past the JSON limit,
//! the type read from the content, quota and size limits, who sees what, downloads with
//! ranges and ETags, deletion and the law's keeping period, and the sweep of objects that no
//! row names.

use crate::common::{Backend, Options, TestApp, building_form, field_codes, person, spawn_with};
use serde_json::{Value, json};

on_both_backends!(
    a_syndic_files_documents_and_each_reader_sees_what_is_meant_for_them,
    a_disguised_or_oversized_file_is_refused_and_leaves_nothing,
    the_quota_of_an_organisation_is_held_and_versions_count,
    deletion_keeps_what_the_law_makes_the_association_keep,
);

struct Building {
    app: TestApp,
    syndic: reqwest::Client,
    owner: reqwest::Client,
    id: String,
    owner_id: String,
}

async fn building_with_an_owner(backend: Backend, options: Options) -> Building {
    let app = spawn_with(backend, options).await;
    let a = app.tenant("alpha").await;
    let syndic = app.login(&a.syndic).await;
    let (status, building) = app
        .post_json(&syndic, "/api/v1/buildings", &building_form("Les Lilas"))
        .await;
    assert_eq!(status, 201, "{building}");
    let id = building["id"].as_str().unwrap().to_owned();
    let (status, lot) = app
        .post_json(
            &syndic,
            &format!("/api/v1/buildings/{id}/lots"),
            &json!({"number": "A1", "kind": "apartment", "quota": "100"}),
        )
        .await;
    assert_eq!(status, 201, "{lot}");
    // The owner record carries the owner's login e-mail: it is theirs.
    let (status, owner) = app
        .post_json(
            &syndic,
            "/api/v1/owners",
            &person("Anna", "Peeters", &a.owner),
        )
        .await;
    assert_eq!(status, 201, "{owner}");
    let owner_id = owner["id"].as_str().unwrap().to_owned();
    let (status, body) = app
        .post_json(
            &syndic,
            &format!("/api/v1/lots/{}/holders", lot["id"].as_str().unwrap()),
            &json!({"valid_from": "2020-01-01", "holders": [{"owner_id": owner_id, "right": "full_ownership", "share": "1"}]}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let owner = app.login(&a.owner).await;
    Building {
        app,
        syndic,
        owner,
        id,
        owner_id,
    }
}

fn pdf(size: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    bytes.extend((0..size.saturating_sub(bytes.len())).map(|i| b"0123456789 obj\n"[i % 15]));
    bytes
}

impl Building {
    async fn upload(&self, query: &str, bytes: Vec<u8>) -> (u16, Value) {
        let response = self
            .syndic
            .post(
                self.app
                    .url(&format!("/api/v1/buildings/{}/documents?{query}", self.id)),
            )
            .header("content-type", "application/octet-stream")
            .body(bytes)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn titles(&self, client: &reqwest::Client) -> Vec<String> {
        let (status, list) = self
            .app
            .get_json(client, &format!("/api/v1/buildings/{}/documents", self.id))
            .await;
        assert_eq!(status, 200, "{list}");
        let mut titles: Vec<String> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["title"].as_str().unwrap().to_owned())
            .collect();
        titles.sort();
        titles
    }

    async fn stored_objects(&self) -> usize {
        let root = self.app.data_dir.join("files");
        walk(&root)
    }
}

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    let path = e.path();
                    if path.is_dir() { walk(&path) } else { 1 }
                })
                .sum()
        })
        .unwrap_or(0)
}

async fn a_syndic_files_documents_and_each_reader_sees_what_is_meant_for_them(backend: Backend) {
    let b = building_with_an_owner(backend, Options::default()).await;
    // Larger than the 1 MiB JSON limit: streamed to storage.
    let minutes = pdf(3 * 1024 * 1024 + 17);
    let (status, pv) = b
        .upload(
            "title=PV%20AG%202026&category=minutes&visibility=owners&document_date=2026-05-12&file_name=PV%20AG%202026.pdf",
            minutes.clone(),
        )
        .await;
    assert_eq!(status, 201, "{pv}");
    assert_eq!(pv["file_type"], "pdf");
    assert_eq!(pv["size"], minutes.len());
    assert_eq!(pv["version"], 1);
    let (status, contract) = b
        .upload(
            "title=Contrat%20ascenseur&category=contract&file_name=contrat.pdf",
            pdf(2000),
        )
        .await;
    assert_eq!(status, 201, "{contract}");
    assert_eq!(contract["visibility"], "office");
    let (status, letter) = b
        .upload(
            &format!("title=Lettre&category=correspondence&visibility=owner&owner_id={}&file_name=lettre.txt", b.owner_id),
            "Chère Madame,\nVotre décompte.\n".as_bytes().to_vec(),
        )
        .await;
    assert_eq!(status, 201, "{letter}");
    assert_eq!(letter["file_type"], "text");

    assert_eq!(
        b.titles(&b.syndic).await,
        ["Contrat ascenseur", "Lettre", "PV AG 2026"]
    );
    // The owner sees the minutes and their own letter; the contract does not exist for them.
    assert_eq!(b.titles(&b.owner).await, ["Lettre", "PV AG 2026"]);
    let contract_id = contract["id"].as_str().unwrap();
    for path in [
        format!("/api/v1/documents/{contract_id}"),
        format!("/api/v1/documents/{contract_id}/content"),
    ] {
        let (status, _) = b.app.get_json(&b.owner, &path).await;
        assert_eq!(status, 404, "{path}");
    }

    // The download: whole, then a range, then unchanged.
    let pv_id = pv["id"].as_str().unwrap();
    let url = b.app.url(&format!("/api/v1/documents/{pv_id}/content"));
    let whole = b.owner.get(&url).send().await.unwrap();
    assert_eq!(whole.status(), 200);
    let headers = whole.headers().clone();
    assert_eq!(headers["content-type"], "application/pdf");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["accept-ranges"], "bytes");
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .starts_with("sandbox")
    );
    assert_eq!(
        headers["content-disposition"],
        "inline; filename=\"PV AG 2026.pdf\"; filename*=UTF-8''PV%20AG%202026.pdf"
    );
    let etag = headers["etag"].to_str().unwrap().to_owned();
    assert_eq!(etag, format!("\"{}\"", pv["sha256"].as_str().unwrap()));
    assert!(
        whole.bytes().await.unwrap() == minutes,
        "the download differs"
    );
    let part = b
        .owner
        .get(&url)
        .header("range", "bytes=100-199")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(
        part.headers()["content-range"],
        format!("bytes 100-199/{}", minutes.len()).as_str()
    );
    assert_eq!(part.bytes().await.unwrap(), minutes[100..200]);
    let outside = b
        .owner
        .get(&url)
        .header("range", format!("bytes={}-", minutes.len() + 5))
        .send()
        .await
        .unwrap();
    assert_eq!(outside.status(), 416);
    let unchanged = b
        .owner
        .get(&url)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(unchanged.status(), 304);
    // Text is never shown inline.
    let letter_url = b.app.url(&format!(
        "/api/v1/documents/{}/content",
        letter["id"].as_str().unwrap()
    ));
    let text = b.owner.get(&letter_url).send().await.unwrap();
    assert!(
        text.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );

    // Uploads and downloads of what is not for every owner are audited.
    let audited = |action: &'static str| {
        let db = b.app.db.clone();
        async move {
            use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
            entity::audit_log::Entity::find()
                .filter(entity::audit_log::Column::Action.eq(action))
                .count(&db)
                .await
                .unwrap()
        }
    };
    assert_eq!(audited("document.uploaded").await, 3);
    assert_eq!(
        audited("document.downloaded").await,
        1,
        "the letter, not the minutes"
    );

    // The syndic opens the contract to the owners: now they see it; the change is audited.
    let (status, opened) = b
        .app
        .put_json(
            &b.syndic,
            &format!("/api/v1/documents/{contract_id}/visibility"),
            &json!({"visibility": "owners"}),
        )
        .await;
    assert_eq!(status, 200, "{opened}");
    assert_eq!(opened["visibility"], "owners");
    assert_eq!(
        b.titles(&b.owner).await,
        ["Contrat ascenseur", "Lettre", "PV AG 2026"]
    );
    assert_eq!(audited("document.visibility_changed").await, 1);
    let (status, body) = b
        .app
        .put_json(
            &b.syndic,
            &format!("/api/v1/documents/{contract_id}/visibility"),
            &json!({"visibility": "owner"}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(field_codes(&body, "owner_id"), ["document.owner_required"]);
    let (status, _) = b
        .app
        .put_json(
            &b.owner,
            &format!("/api/v1/documents/{contract_id}/visibility"),
            &json!({"visibility": "office"}),
        )
        .await;
    assert_eq!(status, 403);

    // Another organisation's syndic finds nothing, not even the building's list.
    let beta = b.app.tenant("beta").await;
    let stranger = b.app.login(&beta.syndic).await;
    let (status, _) = b
        .app
        .get_json(&stranger, &format!("/api/v1/documents/{pv_id}"))
        .await;
    assert_eq!(status, 404);
    let (status, _) = b
        .app
        .get_json(&stranger, &format!("/api/v1/buildings/{}/documents", b.id))
        .await;
    assert_eq!(status, 404);
    // An owner cannot file documents.
    let response = b
        .owner
        .post(b.app.url(&format!(
            "/api/v1/buildings/{}/documents?category=other",
            b.id
        )))
        .body(pdf(100))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
}

async fn a_disguised_or_oversized_file_is_refused_and_leaves_nothing(backend: Backend) {
    let b = building_with_an_owner(
        backend,
        Options {
            document_limits: app::ssr::services::documents::Limits {
                max_file_bytes: 2 * 1024 * 1024,
                quota_bytes: 1 << 30,
            },
            ..Options::default()
        },
    )
    .await;
    let (status, body) = b
        .upload(
            "title=PV&category=minutes&file_name=pv.pdf",
            b"<!DOCTYPE html><html><body><script>fetch('/api/v1/auth/me')</script></body></html>"
                .to_vec(),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(field_codes(&body, "file"), ["document.type_refused"]);
    let (status, body) = b
        .upload("category=minutes&file_name=x.pdf", Vec::new())
        .await;
    assert_eq!(status, 422);
    assert_eq!(field_codes(&body, "file"), ["document.empty"]);
    let (status, body) = b.upload("category=nonsense&file_name=x.pdf", pdf(10)).await;
    assert_eq!(status, 422);
    assert_eq!(
        field_codes(&body, "category"),
        ["document.category_unknown"]
    );
    let (status, _) = b
        .upload("category=minutes&document_date=yesterday", pdf(10))
        .await;
    assert_eq!(status, 422);
    // Over the limit, declared: refused before reading; undeclared (streamed): refused when
    // the limit is reached, and what was written is gone.
    let (status, body) = b
        .upload("category=plan&file_name=plan.pdf", pdf(3 * 1024 * 1024))
        .await;
    assert_eq!(status, 413, "{body}");
    let chunks: Vec<Result<bytes::Bytes, std::io::Error>> = pdf(3 * 1024 * 1024)
        .chunks(256 * 1024)
        .map(|c| Ok(bytes::Bytes::copy_from_slice(c)))
        .collect();
    let response = b
        .syndic
        .post(b.app.url(&format!(
            "/api/v1/buildings/{}/documents?category=plan",
            b.id
        )))
        .body(reqwest::Body::wrap_stream(futures::stream::iter(chunks)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert_eq!(b.app.count("documents").await, 0);
    assert_eq!(b.stored_objects().await, 0, "an object stayed behind");
    // The JSON limit still holds everywhere else.
    let response = b
        .syndic
        .post(b.app.url("/api/v1/buildings"))
        .header("content-type", "application/json")
        .body(vec![b' '; 2 * 1024 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
}

async fn the_quota_of_an_organisation_is_held_and_versions_count(backend: Backend) {
    let b = building_with_an_owner(
        backend,
        Options {
            document_limits: app::ssr::services::documents::Limits {
                max_file_bytes: 1 << 20,
                quota_bytes: 100_000,
            },
            ..Options::default()
        },
    )
    .await;
    let (status, first) = b
        .upload("title=Plan&category=plan&visibility=owners", pdf(60_000))
        .await;
    assert_eq!(status, 201, "{first}");
    // A new version keeps the old one, and counts against the quota.
    let replaces = first["id"].as_str().unwrap();
    let (status, body) = b
        .upload(
            &format!("title=Plan&category=plan&visibility=owners&replaces={replaces}"),
            pdf(50_000),
        )
        .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(
        body["error"]["message"],
        app::i18n::translate(app::domain::Locale::En, "document.quota_exceeded")
    );
    let (status, second) = b
        .upload(
            &format!("title=Plan&category=plan&visibility=owners&replaces={replaces}"),
            pdf(30_000),
        )
        .await;
    assert_eq!(status, 201, "{second}");
    assert_eq!(second["version"], 2);
    assert_eq!(second["series_id"], first["id"]);
    // The list shows the current version only.
    let (_, list) = b
        .app
        .get_json(&b.owner, &format!("/api/v1/buildings/{}/documents", b.id))
        .await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["version"], 2);
    assert_eq!(b.app.count("documents").await, 2);
    assert_eq!(b.stored_objects().await, 2);
}

async fn deletion_keeps_what_the_law_makes_the_association_keep(backend: Backend) {
    let b = building_with_an_owner(backend, Options::default()).await;
    let (status, invoice) = b
        .upload(
            "title=Facture%20chauffage&category=invoice&document_date=2026-01-15",
            pdf(500),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(invoice["retain_until"], "2033-01-15");
    let id = invoice["id"].as_str().unwrap();
    let (status, body) = b
        .app
        .delete(&b.syndic, &format!("/api/v1/documents/{id}"))
        .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(
        body["error"]["message"],
        app::i18n::translate(app::domain::Locale::En, "document.retained")
    );
    let (status, photo) = b
        .upload("title=Façade&category=photo&visibility=owners", pdf(501))
        .await;
    assert_eq!(status, 201);
    let photo_id = photo["id"].as_str().unwrap();
    let (status, _) = b
        .app
        .delete(&b.owner, &format!("/api/v1/documents/{photo_id}"))
        .await;
    assert_eq!(status, 403);
    let (status, _) = b
        .app
        .delete(&b.syndic, &format!("/api/v1/documents/{photo_id}"))
        .await;
    assert_eq!(status, 204);
    let (status, _) = b
        .app
        .get_json(&b.syndic, &format!("/api/v1/documents/{photo_id}"))
        .await;
    assert_eq!(status, 404);
    assert_eq!(b.titles(&b.syndic).await, ["Facture chauffage"]);
    // The deleted document's row stays (soft delete), so the sweep keeps its object; an
    // object that no row names goes.
    let orphan = b.app.data_dir.join("files/org/orphan");
    std::fs::create_dir_all(&orphan).unwrap();
    std::fs::write(orphan.join("0".repeat(64)), b"left by a crash").unwrap();
    let swept = app::ssr::services::documents::sweep(
        &b.app.db,
        &b.app.state.storage,
        std::time::Duration::ZERO,
    )
    .await
    .unwrap();
    assert_eq!(swept, 1);
    assert_eq!(b.stored_objects().await, 2);
}
