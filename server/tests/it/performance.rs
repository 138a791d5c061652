//! The work a request costs, counted exactly (statements per request: a later feature that
//! adds a query to a hot path fails here), and the price of caching who a request is: a
//! logout, a password change or a removed role reaches a second server process at once.
//! Times are measured by `make bench`, never asserted here.

use crate::common::{Backend, PASSWORD, TestApp, building_form, person, send, spawn};
use app::domain::Role;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// A syndic's organisation with two buildings of four lots, each lot held.
async fn organisation(app: &TestApp) -> (reqwest::Client, String, String) {
    let tenant = app.tenant("perf").await;
    let syndic = app.login(&tenant.syndic).await;
    let mut first = None;
    let mut first_lot = None;
    for name in ["Résidence A", "Résidence B"] {
        let (status, building) = send(
            syndic
                .post(app.url("/api/v1/buildings"))
                .json(&building_form(name)),
        )
        .await;
        assert_eq!(status, 201, "{building}");
        let id = building["id"].as_str().unwrap().to_owned();
        let (status, owner) = send(
            syndic
                .post(app.url("/api/v1/owners"))
                .json(&person("Ann", name, "")),
        )
        .await;
        assert_eq!(status, 201, "{owner}");
        for number in ["1", "2", "3", "4"] {
            let (status, lot) = send(
                syndic
                    .post(app.url(&format!("/api/v1/buildings/{id}/lots")))
                    .json(&json!({"number": number, "kind": "apartment", "quota": "100"})),
            )
            .await;
            assert_eq!(status, 201, "{lot}");
            let lot_id = lot["id"].as_str().unwrap().to_owned();
            let (status, record) = send(
                syndic
                    .post(app.url(&format!("/api/v1/lots/{lot_id}/holders")))
                    .json(&json!({"valid_from": "2020-01-01", "holders": [
                        {"owner_id": owner["id"], "share": "1/1"}
                    ]})),
            )
            .await;
            assert_eq!(status, 201, "{record}");
            first_lot.get_or_insert(lot_id);
        }
        first.get_or_insert(id);
    }
    (syndic, first.unwrap(), first_lot.unwrap())
}

/// The statements one GET costs once the caches are warm: the same count twice in a row.
/// The database announces the setup's writes a little later (SQLite's change table is read
/// every half second, later on a loaded machine), and an announcement evicts what the warm-up
/// cached; the steady count is the one a regression would change.
async fn statements_of(app: &TestApp, client: &reqwest::Client, path: &str) -> u64 {
    let once = || async {
        let before = app.statements();
        let response = client.get(app.url(path)).send().await.unwrap();
        let status = response.status();
        let body = response.bytes().await.unwrap();
        assert_eq!(status, 200, "{path}: {}", String::from_utf8_lossy(&body));
        app.statements() - before
    };
    let mut last = once().await;
    for _ in 0..20 {
        let next = once().await;
        if next == last {
            return next;
        }
        last = next;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{path} never cost the same twice in a row (last {last})");
}

async fn hot_paths_run_a_known_number_of_statements(backend: Backend) {
    let app = spawn(backend).await;
    let (syndic, building, lot) = organisation(&app).await;
    let (_, list) = send(syndic.get(app.url("/api/v1/buildings"))).await;
    assert_eq!(list.as_array().map(Vec::len), Some(2), "{list}");
    assert_eq!(list[0]["lot_count"], 4, "{list}");
    assert_eq!(list[0]["counted_lot_count"], 4, "{list}");
    assert_eq!(list[0]["owner_count"], 1, "{list}");
    assert_eq!(list[0]["assigned_quota"], 400, "{list}");

    let counts = [
        (
            "/api/v1/auth/me",
            statements_of(&app, &syndic, "/api/v1/auth/me").await,
        ),
        (
            "/api/v1/buildings",
            statements_of(&app, &syndic, "/api/v1/buildings").await,
        ),
        ("/ (dashboard)", statements_of(&app, &syndic, "/").await),
        (
            "/buildings/{id}",
            statements_of(&app, &syndic, &format!("/buildings/{building}")).await,
        ),
        (
            "/lots/{id}",
            statements_of(&app, &syndic, &format!("/lots/{lot}")).await,
        ),
    ];
    let expected = [
        ("/api/v1/auth/me", 0),
        // Cached after the first request; evicted when the register changes (below).
        ("/api/v1/buildings", 0),
        ("/ (dashboard)", 3),
        // The lots' quotes-parts are dated periods of their own table (and the building's
        // total with them): one statement beside the holdings; the lot page also reads the
        // notary's requests about the lot; for the syndic, the lots a deed could convey with
        // it (the other lots of each recorded deed are read only when it has transfers).
        ("/buildings/{id}", 7),
        ("/lots/{id}", 8),
    ];
    assert_eq!(counts, expected, "statements per request ({backend:?})");
}

/// The figures of the list, in order of the buildings.
async fn lot_counts_and_quotas(app: &TestApp, client: &reqwest::Client) -> Vec<(i64, i64)> {
    let (status, list) = send(client.get(app.url("/api/v1/buildings"))).await;
    assert_eq!(status, 200, "{list}");
    list.as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["lot_count"].as_i64().unwrap(),
                b["assigned_quota"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// The cached list of buildings follows every change to the register: at once for a change
/// this server makes, within the bound for one made elsewhere (another replica, the CLI,
/// an operator in a SQL shell), which only the database's announcement can tell it of.
async fn the_cached_list_follows_every_change_to_the_register(backend: Backend) {
    let app = spawn(backend).await;
    let (syndic, building, lot) = organisation(&app).await;
    // The setup's own writes are announced a little later (SQLite's change table is read
    // every half second, later on a loaded machine) and each announcement evicts the list:
    // once they have all arrived, a second list costs nothing.
    let started = Instant::now();
    loop {
        assert_eq!(
            lot_counts_and_quotas(&app, &syndic).await,
            [(4, 400), (4, 400)]
        );
        let before = app.statements();
        assert_eq!(
            lot_counts_and_quotas(&app, &syndic).await,
            [(4, 400), (4, 400)]
        );
        if app.statements() == before {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the second list was read again after {:?}",
            started.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let (status, created) = send(
        syndic
            .post(app.url(&format!("/api/v1/buildings/{building}/lots")))
            .json(&json!({"number": "5", "kind": "cellar", "quota": "7"})),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(
        lot_counts_and_quotas(&app, &syndic).await,
        [(5, 407), (4, 400)]
    );

    // As another process would: straight to the database, past this server's services.
    use sea_orm::sea_query::{Expr, ExprTrait};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let lot_id: uuid::Uuid = lot.parse().unwrap();
    entity::quota_period::Entity::update_many()
        .col_expr(
            entity::quota_period::Column::Quota,
            Expr::col(entity::quota_period::Column::Quota).add(1),
        )
        .filter(entity::quota_period::Column::LotId.eq(lot_id))
        .exec(&app.db)
        .await
        .unwrap();
    let started = Instant::now();
    while lot_counts_and_quotas(&app, &syndic).await != [(5, 408), (4, 400)] {
        assert!(
            started.elapsed() < REVOCATION_BOUND,
            "a change made outside the server was not seen after {:?}",
            started.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    eprintln!(
        "a change made outside the server reached its list after {:?} ({backend:?})",
        started.elapsed()
    );
}

/// A second server process on the same database, as a second replica runs.
struct Replica {
    child: std::process::Child,
    base: String,
    data_dir: std::path::PathBuf,
}

impl Replica {
    async fn start(database_url: &str) -> Replica {
        let data_dir =
            std::env::temp_dir().join(format!("koprogo-replica-{}", uuid::Uuid::now_v7()));
        let port = crate::common::free_port();
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_koprogo"))
            .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
            .env("KOPROGO_DATA_DIR", &data_dir)
            .env("DATABASE_URL", database_url)
            .env("KOPROGO_AUTO_MIGRATE", "false")
            .env("KOPROGO_AUTH_RATE_PER_MINUTE", "1000")
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        loop {
            if let Ok(r) = reqwest::get(format!("{base}/readyz")).await
                && r.status() == 200
            {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "replica did not start"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Replica {
            child,
            base,
            data_dir,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn login(&self, email: &str) -> reqwest::Client {
        crate::common::login_at(&self.base, email).await
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

/// The bound the README states: a change reaches every replica within it.
const REVOCATION_BOUND: Duration = Duration::from_secs(2);

/// Asks until the answer is `refused`; fails if that takes longer than the bound.
async fn refused_within_bound(client: &reqwest::Client, url: &str, refused: u16) -> Duration {
    let started = Instant::now();
    loop {
        let status = client.get(url).send().await.unwrap().status().as_u16();
        if status == refused {
            return started.elapsed();
        }
        assert_eq!(status, 200, "{url}: neither allowed nor refused");
        assert!(
            started.elapsed() < REVOCATION_BOUND,
            "{url} still allowed {:?} after the change",
            started.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revocations_reach_a_second_server_process_within_the_bound() {
    let app = spawn(Backend::Postgres).await;
    let tenant = app.tenant("replicas").await;
    let accountant = app
        .user(
            "accountant@replicas.be",
            tenant.organization_id,
            Role::Accountant,
        )
        .await;
    let replica = Replica::start(&app.postgres_url().unwrap()).await;
    let members = format!("/api/v1/organizations/{}/members", tenant.organization_id);

    // The owner's session lives on the replica, which has cached it and its user.
    let owner_on_replica = replica.login(&tenant.owner).await;
    let me = replica.url("/api/v1/auth/me");
    for _ in 0..3 {
        assert_eq!(
            owner_on_replica.get(&me).send().await.unwrap().status(),
            200
        );
    }
    // The owner changes their password through the first server: every other session ends.
    let owner_here = app.login(&tenant.owner).await;
    let changed = crate::common::server_fn(
        &owner_here,
        &app,
        "/sfn/account/password",
        &[
            ("current_password", PASSWORD),
            ("new_password", "another long passphrase"),
        ],
    )
    .await;
    assert!(changed.status().is_success(), "{}", changed.status());
    let took = refused_within_bound(&owner_on_replica, &me, 401).await;
    eprintln!("a session ended on the first server was refused by the replica after {took:?}");

    // The accountant reads the members on the replica; the syndic removes them on the first.
    let accountant_on_replica = replica.login(&accountant).await;
    let members_on_replica = replica.url(&members);
    for _ in 0..3 {
        let status = accountant_on_replica
            .get(&members_on_replica)
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(status, 200);
    }
    let syndic = app.login(&tenant.syndic).await;
    let (_, list): (_, Value) = app.get_json(&syndic, &members).await;
    let accountant_id = list
        .as_array()
        .or_else(|| list["items"].as_array())
        .and_then(|members| {
            members
                .iter()
                .find(|m| m["email"] == accountant.as_str())
                .map(|m| m["user_id"].as_str().unwrap().to_owned())
        })
        .unwrap_or_else(|| panic!("accountant not listed: {list}"));
    let (status, body) = app
        .send_json(
            &syndic,
            reqwest::Method::DELETE,
            &format!("{members}/{accountant_id}"),
            None,
        )
        .await;
    assert!(status.is_success(), "{status} {body}");
    let took = refused_within_bound(&accountant_on_replica, &members_on_replica, 404).await;
    eprintln!("a removed role was refused by the replica after {took:?}");
}

on_both_backends!(
    hot_paths_run_a_known_number_of_statements,
    the_cached_list_follows_every_change_to_the_register,
);

/// Build files are served compressed ahead of time, outside the session layer: no cookie
/// set, no statement run, and a cache policy fit for their names.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn build_files_are_served_precompressed_without_a_session() {
    let app = spawn(Backend::Sqlite).await;
    let pkg = app.data_dir.join("site/pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("koprogo.wasm"), vec![0_u8; 4096]).unwrap();
    std::fs::write(pkg.join("koprogo.wasm.br"), b"brotli bytes").unwrap();
    let tenant = app.tenant("files").await;
    let client = app.login(&tenant.syndic).await;
    let before = app.statements();
    let response = client
        .get(app.url("/pkg/koprogo.wasm"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-encoding"], "br");
    // Plain names (this build has no hashes) are revalidated; hashed ones are immutable.
    assert_eq!(headers["cache-control"], "no-cache");
    assert!(headers.get("set-cookie").is_none(), "{headers:?}");
    assert_eq!(response.bytes().await.unwrap().as_ref(), b"brotli bytes");
    assert_eq!(app.statements(), before, "a build file ran SQL");
    let missing = client.get(app.url("/pkg/nothing.js")).send().await.unwrap();
    assert_eq!(missing.status(), 404);
    assert!(
        missing
            .headers()
            .get("cache-control")
            .is_none_or(|v| v != "no-cache")
    );
}
