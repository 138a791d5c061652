//! Test harness: a real server on 127.0.0.1:0 over a fresh database (PostgreSQL: a new
//! database per test cloned from a migrated template; SQLite: a new file), an HTTP client
//! with a cookie jar, and — when a test needs mail — a real SMTP server (aiosmtpd).
#![allow(dead_code)]

use app::domain::{Actor, Role};
use app::ssr::services::{accounts, organizations};
use koprogo::ServerConfig;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;
use tokio::sync::OnceCell;
use uuid::Uuid;

pub const PASSWORD: &str = "correct horse battery";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Generates one `#[tokio::test]` per backend for each listed `async fn name(Backend)`.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::common::Backend::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name($crate::common::Backend::Postgres).await
                }
            }
        )*
    };
}

pub fn pg_admin_url() -> String {
    std::env::var("KOPROGO_TEST_PG_URL").expect(
        "KOPROGO_TEST_PG_URL must point at a PostgreSQL server (run `make test`, which starts one)",
    )
}

pub fn with_database(admin_url: &str, name: &str) -> String {
    let (base, _) = admin_url
        .rsplit_once('/')
        .expect("URL with a database name");
    format!("{base}/{name}")
}

/// The migrated template, created once per test process.
async fn pg_template() -> &'static str {
    static TEMPLATE: OnceCell<String> = OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let admin_url = pg_admin_url();
            let admin = koprogo::db::connect(&admin_url, 2)
                .await
                .expect("PostgreSQL reachable");
            let name = format!("koprogo_tpl_{}", std::process::id());
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
                .await
                .unwrap();
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            koprogo::db::migrate(&with_database(&admin_url, &name))
                .await
                .expect("migrations apply on PostgreSQL");
            admin.close().await.unwrap();
            name
        })
        .await
}

pub struct TestApp {
    pub backend: Backend,
    pub base: String,
    pub db: DatabaseConnection,
    pub data_dir: PathBuf,
    pub state: app::ssr::AppState,
    db_name: Option<String>,
    smtp: Option<Smtp>,
    jobs: Vec<tokio::task::JoinHandle<()>>,
    /// The loopback OpenID Connect provider, with `Options::oidc`.
    pub provider: Option<OidcProvider>,
}

pub struct Options {
    pub auth_rate_per_minute: u32,
    pub with_smtp: bool,
    pub trusted_proxy_hops: usize,
    pub password_hash_permits: usize,
    pub busy_wait: Duration,
    pub request_timeout: Duration,
    pub metrics_token: Option<String>,
    /// An SMTP URL that accepts no connection, to see mail fail and be retried.
    pub smtp_url: Option<String>,
    /// The public URL (`https://…` turns on Secure cookies and HSTS); the server's own
    /// address when `None`.
    pub public_url: Option<String>,
    /// A real OpenID Connect provider on loopback (`scripts/oidc-provider.mjs`), configured
    /// as `itsme`, and `down`, a provider nothing answers for.
    pub oidc: bool,
    /// The bounds of documents (the defaults: 256 MiB a file, 20 GiB an organisation).
    pub document_limits: app::ssr::services::documents::Limits,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            auth_rate_per_minute: 1000,
            with_smtp: false,
            trusted_proxy_hops: 0,
            password_hash_permits: 2,
            busy_wait: Duration::from_secs(20),
            request_timeout: Duration::from_secs(60),
            metrics_token: None,
            smtp_url: None,
            public_url: None,
            oidc: false,
            document_limits: Default::default(),
        }
    }
}

pub async fn spawn(backend: Backend) -> TestApp {
    spawn_with(backend, Options::default()).await
}

/// The runtime every test server runs on, for the whole test process: a server process has
/// one runtime, and Leptos's executor (`any_spawner`) and reactive arena are process-wide, so
/// a server must not live on a test's own runtime, which ends with the test while other
/// tests' servers go on (their tasks would be spawned or woken on runtimes that are gone).
fn server_runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("test-servers")
            .enable_all()
            .build()
            .expect("the test servers' runtime")
    })
}

pub async fn spawn_with(backend: Backend, options: Options) -> TestApp {
    server_runtime()
        .spawn(spawn_on_server_runtime(backend, options))
        .await
        .expect("the test server started")
}

async fn spawn_on_server_runtime(backend: Backend, options: Options) -> TestApp {
    koprogo::metrics::init();
    let data_dir = std::env::temp_dir().join(format!("koprogo-test-{}", Uuid::now_v7()));
    std::fs::create_dir_all(&data_dir).unwrap();
    let (url, db_name) = match backend {
        Backend::Sqlite => {
            let url = format!("sqlite://{}?mode=rwc", data_dir.join("test.db").display());
            koprogo::db::migrate(&url)
                .await
                .expect("migrations apply on SQLite");
            (url, None)
        }
        Backend::Postgres => {
            let template = pg_template().await;
            let name = format!("koprogo_t_{}", Uuid::now_v7().simple());
            let admin = koprogo::db::connect(&pg_admin_url(), 1).await.unwrap();
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
                .await
                .expect("database cloned from the template");
            admin.close().await.unwrap();
            (with_database(&pg_admin_url(), &name), Some(name))
        }
    };
    let db = koprogo::db::connect(&url, 5).await.unwrap();
    let smtp = if options.with_smtp {
        Some(Smtp::start(&data_dir).await)
    } else {
        None
    };

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let public_url = options
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"));
    // The provider learns the client's key set and redirect URI at start; the server is
    // reached by them once it serves, below.
    let provider = options
        .oidc
        .then(|| OidcProvider::start(&format!("http://{addr}")));
    let oidc = match &provider {
        Some(provider) => app::ssr::oidc::Oidc::new(
            provider.configs(),
            Some(app::ssr::oidc::ClientKeys::generate().unwrap()),
            &public_url,
        )
        .unwrap(),
        None => app::ssr::oidc::Oidc::none(),
    };
    let config = ServerConfig {
        addr,
        site_root: data_dir.join("site").display().to_string(),
        public_url,
        data_dir: data_dir.clone(),
        smtp_url: options.smtp_url.clone().or_else(|| {
            smtp.as_ref()
                .map(|s| format!("smtp://127.0.0.1:{}", s.port))
        }),
        mail_from: "KoproGo <no-reply@koprogo.test>".into(),
        session_key: vec![7; 64],
        data_key: app::ssr::crypto::DataKey::random(),
        auth_rate_per_minute: options.auth_rate_per_minute,
        trusted_proxy_hops: options.trusted_proxy_hops,
        password_hash_permits: options.password_hash_permits,
        busy_wait: options.busy_wait,
        lower_work_priority: false,
        request_timeout: options.request_timeout,
        metrics_token: options.metrics_token.clone(),
        // Throttle waits elapse when a test says so (`TestApp::clock`), never by the
        // machine being slow.
        clock: app::ssr::clock::Clock::stopped(),
        oidc,
        storage: app::ssr::storage::StorageConfig::Local(data_dir.join("files")),
        document_limits: options.document_limits,
    };
    let state = koprogo::build_state(db.clone(), &config).unwrap();
    let jobs = koprogo::start_jobs(&state);
    // Until the identity listener hears the database, nothing is cached: wait for it, so
    // that statement counts are those of a running server.
    assert!(
        state.identity.wait_listening(Duration::from_secs(20)).await,
        "identity listener did not start"
    );
    let router = koprogo::http::router(state.clone(), &config);
    let mut jobs = jobs;
    jobs.push(tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    }));
    TestApp {
        backend,
        base: format!("http://{addr}"),
        db,
        data_dir,
        state,
        db_name,
        smtp,
        jobs,
        provider,
    }
}

/// itsme's two levels.
pub const ACR_BASIC: &str = "http://itsme.services/v2/claim/acr_basic";
pub const ACR_ADVANCED: &str = "http://itsme.services/v2/claim/acr_advanced";

/// The npm `oidc-provider` on loopback (`scripts/oidc-provider.mjs`): PKCE required,
/// `private_key_jwt`, ID tokens signed then encrypted, itsme's two acr values.
pub struct OidcProvider {
    pub issuer: String,
    child: std::process::Child,
}

impl OidcProvider {
    fn start(client_base: &str) -> OidcProvider {
        use std::io::BufRead;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut child = std::process::Command::new("node")
            .arg(root.join("scripts/oidc-provider.mjs"))
            .args(["--port", "0", "--client-id", "koprogo"])
            .arg("--redirect-uri")
            .arg(format!("{client_base}{}", app::ssr::oidc::CALLBACK_PATH))
            .arg("--client-jwks-uri")
            .arg(format!("{client_base}/oidc/jwks.json"))
            .current_dir(&root)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .spawn()
            .expect("node runs scripts/oidc-provider.mjs (npm ci installed oidc-provider)");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                if let Some(issuer) = line.strip_prefix("ready ") {
                    let _ = tx.send(issuer.to_owned());
                }
            }
        });
        let issuer = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the OpenID Connect provider printed `ready`");
        OidcProvider { issuer, child }
    }

    fn configs(&self) -> Vec<app::ssr::oidc::ProviderConfig> {
        let provider = |id: &str, name: &str, issuer: String| app::ssr::oidc::ProviderConfig {
            id: id.into(),
            name: name.into(),
            issuer,
            client_id: "koprogo".into(),
            client_auth: app::ssr::oidc::ClientAuth::PrivateKeyJwt,
            client_secret_file: None,
            scopes: vec!["openid".into(), "service:KOPROGO_TEST".into()],
            acr_values: vec![ACR_BASIC.into(), ACR_ADVANCED.into()],
            multi_factor: true,
            roles: Vec::new(),
            encrypted_id_token: true,
            timeout_secs: 2,
        };
        vec![
            provider("itsme", "itsme®", self.issuer.clone()),
            provider("down", "Down", format!("http://127.0.0.1:{}", free_port())),
        ]
    }

    /// The next token request answers an ID token built to be refused (see the script).
    pub async fn next_token(&self, mode: &str) {
        let response = reqwest::Client::new()
            .post(format!("{}/__test/next-token", self.issuer))
            .body(serde_json::json!({ "mode": mode }).to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for TestApp {
    /// The server and its jobs stop with the test (the runtime they run on does not).
    fn drop(&mut self) {
        for job in self.jobs.drain(..) {
            job.abort();
        }
        if let Some(name) = self.db_name.take() {
            // Best effort, on a thread of its own: Drop cannot be async.
            let admin_url = pg_admin_url();
            std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                runtime.block_on(async {
                    if let Ok(admin) = koprogo::db::connect(&admin_url, 1).await {
                        let _ = admin
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            ))
                            .await;
                    }
                });
            })
            .join()
            .ok();
        }
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

/// A browser-like client: keeps cookies, does not follow redirects.
/// A TCP port nothing listens on now, for a server process a test starts.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A client logged in through the REST API of the server at `base` (this test's or another
/// process's).
pub async fn login_at(base: &str, email: &str) -> reqwest::Client {
    let client = client();
    let response = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": email, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "login of {email} at {base}");
    client
}

/// A redirect's target.
/// The form of a page that submits itself (`document.forms[0].submit()`): its action and
/// hidden fields, as the provider writes them.
fn auto_submitted_form(html: &str) -> Option<(String, Vec<(String, String)>)> {
    if !html.contains("document.forms[0].submit()") {
        return None;
    }
    let attribute = |tag: &str, name: &str| {
        let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
        Some(tag[start..].split('"').next()?.to_owned())
    };
    let form = html.split("<form").nth(1)?;
    let action = attribute(form.split('>').next()?, "action")?;
    let fields = form
        .split("<input")
        .skip(1)
        .filter_map(|tag| {
            let tag = tag.split('>').next()?;
            Some((attribute(tag, "name")?, attribute(tag, "value")?))
        })
        .collect();
    Some((action, fields))
}

pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .expect("a Location header")
        .to_owned()
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        // A response that never ends (a server-rendered page whose stream stalls, seen
        // under the full suite) fails its test with "operation timed out" instead of
        // holding the whole suite until CI gives up.
        .timeout(Duration::from_secs(90))
        .build()
        .unwrap()
}

pub struct Tenant {
    pub organization_id: Uuid,
    pub syndic: String,
    pub owner: String,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// SQL statements run for requests so far.
    pub fn statements(&self) -> u64 {
        self.state.statements.count()
    }

    /// The PostgreSQL database of this server, for a second server process to share.
    pub fn postgres_url(&self) -> Option<String> {
        self.db_name
            .as_ref()
            .map(|name| with_database(&pg_admin_url(), name))
    }

    /// An organisation with a syndic and an owner, all with `PASSWORD`.
    pub async fn tenant(&self, slug: &str) -> Tenant {
        let org = organizations::create(
            &self.db,
            &Actor::system(),
            slug,
            &format!("Org {slug}"),
            "syndic_firm",
        )
        .await
        .unwrap();
        let syndic = self
            .user(&format!("syndic@{slug}.be"), org.id, Role::Syndic)
            .await;
        let owner = self
            .user(&format!("owner@{slug}.be"), org.id, Role::Owner)
            .await;
        Tenant {
            organization_id: org.id,
            syndic,
            owner,
        }
    }

    pub async fn user(&self, email: &str, organization_id: Uuid, role: Role) -> String {
        let user = accounts::create_user(
            &self.db,
            &self.state.work,
            accounts::NewUser {
                email,
                password: PASSWORD,
                display_name: email.split('@').next().unwrap(),
                locale: app::domain::Locale::En,
                is_superadmin: false,
            },
            None,
        )
        .await
        .unwrap();
        organizations::grant(&self.db, None, organization_id, user.id, role)
            .await
            .unwrap();
        email.to_owned()
    }

    /// A client logged in through the REST API.
    pub async fn login(&self, email: &str) -> reqwest::Client {
        login_at(&self.base, email).await
    }

    /// Invites `email` into `organization_id` through the REST API; returns the invitation.
    pub async fn invite(
        &self,
        client: &reqwest::Client,
        organization_id: Uuid,
        email: &str,
        role: &str,
    ) -> serde_json::Value {
        let response = client
            .post(self.url(&format!(
                "/api/v1/organizations/{organization_id}/invitations"
            )))
            .json(&serde_json::json!({ "email": email, "role": role }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201, "invitation of {email}");
        response.json().await.unwrap()
    }

    /// The user id of the member with `email`, as a syndic of the organisation sees it.
    pub async fn member_id(
        &self,
        client: &reqwest::Client,
        organization_id: Uuid,
        email: &str,
    ) -> String {
        let members: serde_json::Value = client
            .get(self.url(&format!("/api/v1/organizations/{organization_id}/members")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        members
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["email"] == email)
            .unwrap_or_else(|| panic!("{email} is not a member"))["user_id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Messages the SMTP server received, decoded: (to, subject, body).
    pub async fn mails(&self) -> Vec<(String, String, String)> {
        let smtp = self.smtp.as_ref().expect("spawned with_smtp");
        smtp.messages().await
    }

    /// The messages once at least `count` arrived (mail leaves through the outbox, after
    /// the request answered), waiting up to ten seconds.
    pub async fn wait_for_mails(&self, count: usize) -> Vec<(String, String, String)> {
        for _ in 0..200 {
            let mails = self.mails().await;
            if mails.len() >= count {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("fewer than {count} mails arrived: {:?}", self.mails().await);
    }

    /// Rows of a table, to prove a refused request wrote nothing.
    pub async fn count(&self, table: &str) -> i64 {
        use sea_orm::{ConnectionTrait, Statement};
        let row = self
            .db
            .query_one_raw(Statement::from_string(
                self.db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    }

    /// Sends a JSON request as `client`; the status and the body (`Null` when empty).
    pub async fn send_json(
        &self,
        client: &reqwest::Client,
        method: reqwest::Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> (reqwest::StatusCode, serde_json::Value) {
        let mut request = client.request(method, self.url(path));
        if let Some(body) = body {
            request = request.json(body);
        }
        let (status, value) = send(request).await;
        (reqwest::StatusCode::from_u16(status).unwrap(), value)
    }

    pub async fn get_json(
        &self,
        client: &reqwest::Client,
        path: &str,
    ) -> (reqwest::StatusCode, serde_json::Value) {
        self.send_json(client, reqwest::Method::GET, path, None)
            .await
    }

    pub async fn post_json(
        &self,
        client: &reqwest::Client,
        path: &str,
        body: &serde_json::Value,
    ) -> (reqwest::StatusCode, serde_json::Value) {
        self.send_json(client, reqwest::Method::POST, path, Some(body))
            .await
    }

    pub async fn put_json(
        &self,
        client: &reqwest::Client,
        path: &str,
        body: &serde_json::Value,
    ) -> (reqwest::StatusCode, serde_json::Value) {
        self.send_json(client, reqwest::Method::PUT, path, Some(body))
            .await
    }

    pub async fn delete(
        &self,
        client: &reqwest::Client,
        path: &str,
    ) -> (reqwest::StatusCode, serde_json::Value) {
        self.send_json(client, reqwest::Method::DELETE, path, None)
            .await
    }
}

/// The codes of a validation error's field, in order.
pub fn field_codes(body: &serde_json::Value, field: &str) -> Vec<String> {
    body["error"]["fields"][field]
        .as_array()
        .map(|codes| {
            codes
                .iter()
                .map(|c| c["code"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Calls a server function the way a form without JavaScript does.
pub async fn server_fn(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(app.url(path))
        .header("Accept", "application/json")
        .form(form)
        .send()
        .await
        .unwrap()
}

pub struct Smtp {
    pub port: u16,
    dir: PathBuf,
    child: tokio::process::Child,
}

impl Smtp {
    async fn start(data_dir: &std::path::Path) -> Smtp {
        let port = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            probe.local_addr().unwrap().port()
        };
        let dir = data_dir.join("maildir");
        let child = tokio::process::Command::new("python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
                dir.to_str().unwrap(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("python3 with aiosmtpd (pip install aiosmtpd)");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Smtp { port, dir, child };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("aiosmtpd did not start on port {port}");
    }

    async fn messages(&self) -> Vec<(String, String, String)> {
        let new = self.dir.join("new");
        let mut out = Vec::new();
        let Ok(entries) = std::fs::read_dir(&new) else {
            return out;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let raw = std::fs::read(&path).unwrap();
            let parsed = mailparse::parse_mail(&raw).unwrap();
            let header = |name: &str| {
                parsed
                    .headers
                    .iter()
                    .find(|h| h.get_key().eq_ignore_ascii_case(name))
                    .map(|h| h.get_value())
                    .unwrap_or_default()
            };
            out.push((header("To"), header("Subject"), parsed.get_body().unwrap()));
        }
        let _ = &self.child;
        out
    }
}

/// The first link in a text that starts with `prefix`.
pub fn link_in(body: &str, prefix: &str) -> String {
    body.split_whitespace()
        .find(|word| word.starts_with(prefix))
        .unwrap_or_else(|| panic!("no link starting with {prefix} in:\n{body}"))
        .to_owned()
}

/// Sends a request; the status and the JSON body (`Null` when there is none).
pub async fn send(request: reqwest::RequestBuilder) -> (u16, serde_json::Value) {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let body = response.json().await.unwrap_or(serde_json::Value::Null);
    (status, body)
}

/// An owner form for a person in Brussels.
pub fn person(first: &str, last: &str, email: &str) -> serde_json::Value {
    serde_json::json!({
        "first_name": first, "last_name": last, "street": "Rue Haute 1",
        "postal_code": "1000", "city": "Bruxelles", "email": email, "locale": "fr",
    })
}

/// A building form with 1000 quotes-parts.
pub fn building_form(name: &str) -> serde_json::Value {
    serde_json::json!({
        "name": name, "street": "Rue Haute 1", "postal_code": "1000",
        "city": "Bruxelles", "total_quota": "1000",
    })
}

/// A test's authenticator app: the secret of an enrolment, and its codes at the test
/// server's stopped clock.
pub struct Authenticator {
    secret: Vec<u8>,
}

impl Authenticator {
    /// From the answer of `POST /api/v1/auth/second-factor/totp`.
    pub fn from_enrolment(enrolment: &serde_json::Value) -> Self {
        let base32 = enrolment["secret"].as_str().expect("an enrolment secret");
        let secret = totp_rs::Secret::Encoded(base32.to_owned())
            .to_bytes()
            .expect("base32");
        Authenticator { secret }
    }

    pub fn secret(&self) -> &[u8] {
        &self.secret
    }

    /// The code the app shows now.
    pub fn code(&self, app: &TestApp) -> String {
        let step = u64::try_from(app.state.clock.now_ms() / 1000).unwrap() / 30;
        app::ssr::totp::code_at(&self.secret, step).unwrap()
    }
}

impl TestApp {
    /// Enrols the user of `client` (logged in less than 15 minutes ago): their app, and the
    /// ten recovery codes.
    /// Through the loopback provider as the user would: from our start URL to the provider's
    /// login page, who logs in (`sub`) at which level, and back to our callback. Returns
    /// where our callback sends the browser.
    pub async fn via_provider(
        &self,
        client: &reqwest::Client,
        intent: &str,
        sub: &str,
        acr: &str,
    ) -> String {
        let start = client
            .get(self.url(&format!("/api/v1/auth/oidc/itsme/start?intent={intent}")))
            .send()
            .await
            .unwrap();
        assert_eq!(
            start.status(),
            303,
            "start: {}",
            start.text().await.unwrap()
        );
        let callback = self
            .provider_answer(client, &location(&start), sub, acr)
            .await;
        self.callback(client, &callback).await
    }

    /// Our callback, given the URL the provider sent the browser to.
    pub async fn callback(&self, client: &reqwest::Client, callback: &str) -> String {
        let back = client.get(callback).send().await.unwrap();
        assert_eq!(back.status(), 303, "callback");
        location(&back)
    }

    /// At the provider: the login form filled in; the URL of our callback it redirects to.
    pub async fn provider_answer(
        &self,
        client: &reqwest::Client,
        authorize: &str,
        sub: &str,
        acr: &str,
    ) -> String {
        let issuer = self
            .provider
            .as_ref()
            .expect("Options::oidc")
            .issuer
            .clone();
        let absolute = |l: &str| {
            if l.starts_with('/') {
                format!("{issuer}{l}")
            } else {
                l.to_owned()
            }
        };
        let mut url = authorize.to_owned();
        for _ in 0..10 {
            if url.starts_with(&self.base) {
                return url;
            }
            let response = client.get(&url).send().await.unwrap();
            if response.status().is_redirection() {
                url = absolute(&location(&response));
                continue;
            }
            let status = response.status();
            let path = url::Url::parse(&url).unwrap().path().to_owned();
            if status != 200 || !path.starts_with("/interaction/") {
                let body = response.text().await.unwrap_or_default();
                // Another person's session at the provider: it ends it first, with a form
                // a browser submits by itself.
                if let Some((action, fields)) = auto_submitted_form(&body) {
                    let submitted = client.post(&action).form(&fields).send().await.unwrap();
                    assert!(submitted.status().is_redirection(), "{action}");
                    url = absolute(&location(&submitted));
                    continue;
                }
                panic!("not the provider's login page: {status} {url}\n{body}");
            }
            let submitted = client
                .post(format!("{issuer}{path}/login"))
                .form(&[("sub", sub), ("acr", acr)])
                .send()
                .await
                .unwrap();
            assert!(submitted.status().is_redirection(), "login at the provider");
            url = absolute(&location(&submitted));
        }
        panic!("the provider never sent the browser back");
    }

    pub async fn enrol(&self, client: &reqwest::Client) -> (Authenticator, Vec<String>) {
        let (status, enrolment) = self
            .post_json(
                client,
                "/api/v1/auth/second-factor/totp",
                &serde_json::json!({}),
            )
            .await;
        assert_eq!(status, 200, "{enrolment}");
        let app = Authenticator::from_enrolment(&enrolment);
        let (status, codes) = self
            .post_json(
                client,
                "/api/v1/auth/second-factor/totp/confirm",
                &serde_json::json!({ "code": app.code(self) }),
            )
            .await;
        assert_eq!(status, 200, "{codes}");
        let codes = codes["codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_owned())
            .collect();
        // The code just used is spent: the next one is 30 seconds away.
        self.next_step();
        (app, codes)
    }

    /// Moves the stopped clock to the authenticator's next code.
    pub fn next_step(&self) {
        self.state.clock.advance(Duration::from_secs(30));
    }

    /// Logs in with the password, then the app's code.
    pub async fn login_with_code(&self, email: &str, app: &Authenticator) -> reqwest::Client {
        self.two_step_login(email, app, false).await.0
    }

    /// Logs in with the password, then the app's code, asking to remember the device: the
    /// client and the device's cookie (`koprogo_device=…`).
    pub async fn login_remembered(
        &self,
        email: &str,
        app: &Authenticator,
    ) -> (reqwest::Client, String) {
        let (client, response) = self.two_step_login(email, app, true).await;
        let cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|c| c.starts_with("koprogo_device="))
            .expect("the device cookie");
        (client, cookie)
    }

    async fn two_step_login(
        &self,
        email: &str,
        app: &Authenticator,
        remember: bool,
    ) -> (reqwest::Client, reqwest::Response) {
        let client = client();
        let (status, body) = self
            .post_json(
                &client,
                "/api/v1/auth/login",
                &serde_json::json!({ "email": email, "password": PASSWORD }),
            )
            .await;
        assert_eq!(status, 202, "{body}");
        let response = client
            .post(self.url("/api/v1/auth/second-factor/verify"))
            .json(&serde_json::json!({ "code": app.code(self), "remember_device": remember }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        self.next_step();
        (client, response)
    }
}
