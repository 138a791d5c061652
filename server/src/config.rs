//! Command line and environment: every setting can come from a flag or an env var (clap).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "koprogo", version, about = "KoproGo — co-ownership management")]
pub struct Cli {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    /// Where the embedded database, generated secrets and dev mail live.
    #[arg(
        long,
        env = "KOPROGO_DATA_DIR",
        default_value = "./data",
        global = true
    )]
    pub data_dir: PathBuf,
    /// `postgres://…` in production; defaults to a SQLite file in the data directory.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Largest number of pooled database connections.
    #[arg(
        long,
        env = "KOPROGO_DB_MAX_CONNECTIONS",
        default_value_t = 10,
        global = true
    )]
    pub db_max_connections: u32,
    #[arg(long, env = "KOPROGO_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app and the API (the default).
    Serve(Box<ServeArgs>),
    /// Apply pending migrations (holds a PostgreSQL advisory lock) and exit.
    Migrate,
    /// Create or complete the demo organisations and users (idempotent). Refuses a database
    /// that holds other organisations unless `--force`.
    SeedDemo {
        /// Add the demo organisations beside real ones (never the demo administrator).
        #[arg(long)]
        force: bool,
    },
    /// Create a user, reading the password from standard input.
    CreateUser(CreateUserArgs),
    /// Remove the second factor of a user who lost both their phone and their recovery codes
    /// (after checking who they are, out of band); their sessions end, and they log in with
    /// their password and set up a new app.
    ResetSecondFactor {
        #[arg(long)]
        email: String,
    },
    /// Create the benchmark organisation (`make bench`): a syndic firm with this many
    /// buildings and lots per building, each lot held; its syndic logs in as
    /// bench@koprogo.invalid with the demo password.
    SeedBench {
        #[arg(long, default_value_t = 30)]
        buildings: usize,
        #[arg(long, default_value_t = 40)]
        lots: usize,
    },
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    /// The directory cargo-leptos built the site into (`pkg/`, icons, manifest).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,
    /// Run migrations at start-up. Defaults to on for SQLite, off for PostgreSQL (where a
    /// `koprogo migrate` job does it).
    #[arg(long, env = "KOPROGO_AUTO_MIGRATE")]
    pub auto_migrate: Option<bool>,
    /// Seed the demo data at start-up (idempotent).
    #[arg(long, env = "KOPROGO_SEED_DEMO", default_value_t = false)]
    pub seed_demo: bool,
    /// The address users reach the app at, for links in e-mails. `https://` turns on
    /// Secure cookies and HSTS.
    #[arg(long, env = "KOPROGO_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// `smtp://host:port`; without it, mails are written to `<data dir>/mail/`.
    #[arg(long, env = "KOPROGO_SMTP_URL")]
    pub smtp_url: Option<String>,
    #[arg(
        long,
        env = "KOPROGO_MAIL_FROM",
        default_value = "KoproGo <no-reply@koprogo.localhost>"
    )]
    pub mail_from: String,
    /// 64 random bytes as hex, to sign session cookies; generated into the data directory
    /// on first run when absent.
    #[arg(long, env = "KOPROGO_SESSION_KEY", hide_env_values = true)]
    pub session_key: Option<String>,
    /// 32 random bytes as hex, to seal the second factors' secrets in the database;
    /// generated into the data directory on first run when absent. Every replica needs the
    /// same; losing it means every user sets up their authenticator app again.
    #[arg(long, env = "KOPROGO_DATA_KEY", hide_env_values = true)]
    pub data_key: Option<String>,
    /// A TOML file of OpenID Connect providers (`[[provider]]`, see the README): itsme®,
    /// the eID's federations, a company's own. None: password login only.
    #[arg(long, env = "KOPROGO_OIDC_PROVIDERS")]
    pub oidc_providers: Option<PathBuf>,
    /// The client's private keys for those providers (JWK set, generated on first run).
    /// Defaults to `<data dir>/oidc-client-keys.json`; every replica needs the same file.
    #[arg(long, env = "KOPROGO_OIDC_KEYS")]
    pub oidc_keys: Option<PathBuf>,
    /// Where documents are stored: `local` (under `<data dir>/files`, the default) or
    /// `s3://<bucket>` (S3-compatible; see `--s3-endpoint`, and the usual `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`).
    #[arg(long, env = "KOPROGO_STORAGE", default_value = "local")]
    pub storage: String,
    /// The S3 endpoint for a store other than AWS (`https://s3.gra.io.cloud.ovh.net`,
    /// `http://minio:9000`); path-style requests.
    #[arg(long, env = "KOPROGO_S3_ENDPOINT")]
    pub s3_endpoint: Option<String>,
    /// Largest document accepted, in MiB.
    #[arg(long, env = "KOPROGO_DOCUMENT_MAX_MIB", default_value_t = 256)]
    pub document_max_mib: u64,
    /// What one organisation's documents may take in all, in MiB.
    #[arg(long, env = "KOPROGO_DOCUMENT_QUOTA_MIB", default_value_t = 20 * 1024)]
    pub document_quota_mib: u64,
    /// Login and password-reset requests allowed per client IP per minute.
    #[arg(long, env = "KOPROGO_AUTH_RATE_PER_MINUTE", default_value_t = 20)]
    pub auth_rate_per_minute: u32,
    /// How many reverse proxies you run in front of the server that append the client's
    /// address to X-Forwarded-For (Traefik alone: 1; a CDN then Traefik: 2). The client is
    /// the entry that many places from the right; entries further left were written by the
    /// client and are ignored. 0 (the default): the TCP peer is the client.
    #[arg(long, env = "KOPROGO_TRUSTED_PROXY_HOPS", default_value_t = 0)]
    pub trusted_proxy_hops: usize,
    /// Password hashes (and file parses) that may run at once; each argon2 hash takes
    /// 19 MiB. Defaults to the number of cores.
    #[arg(long, env = "KOPROGO_HASH_CONCURRENCY")]
    pub hash_concurrency: Option<usize>,
    /// Seconds a request answers within, or gets 503.
    #[arg(long, env = "KOPROGO_REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    pub request_timeout_secs: u64,
    /// Bearer token Prometheus sends to `/metrics`. Without it, `/metrics` answers only
    /// clients on the loopback interface.
    #[arg(long, env = "KOPROGO_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct CreateUserArgs {
    #[arg(long)]
    pub email: String,
    /// Read the password from standard input (required: passwords never go on a command line).
    #[arg(long, required = true)]
    pub password_stdin: bool,
    #[arg(long, default_value = "Administrator")]
    pub name: String,
    /// superadmin, syndic, accountant, board_member, owner or contractor.
    #[arg(long)]
    pub role: String,
    /// Slug of the organisation to grant the role in (required for organisation roles).
    #[arg(long)]
    pub organization: Option<String>,
    #[arg(long, default_value = "fr")]
    pub locale: String,
}

impl ServeArgs {
    /// `koprogo` with no subcommand serves, with every serve setting from env or defaults.
    pub fn parse_default() -> Self {
        #[derive(Parser)]
        struct Defaults {
            #[command(flatten)]
            serve: ServeArgs,
        }
        Defaults::parse_from(["koprogo"]).serve
    }
}

impl CommonArgs {
    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| {
            format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("koprogo.db").display()
            )
        })
    }
}
