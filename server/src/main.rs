use app::domain::{Locale, Role, Slug};
use app::ssr::services::{accounts, organizations};
use axum::serve::ListenerExt;
use clap::Parser;
use koprogo::config::{Cli, Command, CommonArgs, CreateUserArgs, ServeArgs};
use koprogo::{ServerConfig, db, http, metrics, secrets, seed, telemetry};
use sea_orm::{DatabaseBackend, DatabaseConnection};
use std::io::Read;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init(cli.common.log_format);
    let result = match cli.command {
        None => serve(&cli.common, ServeArgs::parse_default()).await,
        Some(Command::Serve(args)) => serve(&cli.common, *args).await,
        Some(Command::Migrate) => migrate(&cli.common).await,
        Some(Command::SeedDemo { force }) => seed_demo(&cli.common, force).await,
        Some(Command::CreateUser(args)) => create_user(&cli.common, args).await,
        Some(Command::ResetSecondFactor { email }) => {
            reset_second_factor(&cli.common, &email).await
        }
        Some(Command::SeedBench { buildings, lots }) => {
            seed_bench(&cli.common, buildings, lots).await
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!("{err}");
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn open(common: &CommonArgs) -> Result<DatabaseConnection, String> {
    if common.database_url.is_none() {
        std::fs::create_dir_all(&common.data_dir)
            .map_err(|e| format!("{}: {e}", common.data_dir.display()))?;
    }
    db::connect(&common.database_url(), common.db_max_connections)
        .await
        .map_err(|e| format!("cannot connect to the database: {e}"))
}

async fn migrate(common: &CommonArgs) -> Result<(), String> {
    open(common)
        .await?
        .close()
        .await
        .map_err(|e| e.to_string())?;
    db::migrate(&common.database_url())
        .await
        .map_err(|e| format!("migration failed: {e}"))?;
    tracing::info!("migrations applied");
    Ok(())
}

async fn seed_demo(common: &CommonArgs, force: bool) -> Result<(), String> {
    let db = open(common).await?;
    seed::run(&db, force)
        .await
        .map_err(|e| format!("seeding failed: {e}"))?;
    println!("Demo data ready.");
    Ok(())
}

async fn seed_bench(common: &CommonArgs, buildings: usize, lots: usize) -> Result<(), String> {
    let db = open(common).await?;
    seed::bench(&db, buildings, lots)
        .await
        .map_err(|e| format!("seeding failed: {e:?}"))?;
    println!(
        "Benchmark organisation ready: {buildings} buildings × {lots} lots; log in as {}.",
        seed::BENCH_SYNDIC
    );
    Ok(())
}

async fn reset_second_factor(common: &CommonArgs, email: &str) -> Result<(), String> {
    let db = open(common).await?;
    let parsed = app::domain::Email::parse(email).map_err(|_| format!("invalid e-mail {email}"))?;
    let user = accounts::find_by_email(&db, &parsed)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no account has the e-mail {email}"))?;
    app::ssr::services::second_factor::reset(&db, user.id)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "Second factor of {} removed; their sessions ended.",
        user.email
    );
    Ok(())
}

async fn create_user(common: &CommonArgs, args: CreateUserArgs) -> Result<(), String> {
    let db = open(common).await?;
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .map_err(|e| format!("cannot read the password: {e}"))?;
    let password = password.trim_end_matches(['\r', '\n']);
    let role = Role::parse(&args.role).map_err(|_| format!("unknown role {}", args.role))?;
    let locale =
        Locale::parse(&args.locale).map_err(|_| format!("unknown locale {}", args.locale))?;
    let organization = match (&args.organization, role) {
        (_, Role::SuperAdmin) => None,
        (Some(slug), _) => {
            let slug =
                Slug::parse(slug).map_err(|_| format!("invalid organisation slug {slug}"))?;
            Some(
                organizations::find_by_slug(&db, &slug)
                    .await
                    .map_err(|e| e.to_string())?
                    .ok_or_else(|| format!("no organisation {slug}"))?,
            )
        }
        (None, _) => return Err("--organization is required for organisation roles".into()),
    };
    let user = accounts::create_user(
        &db,
        &app::ssr::work::Work::default(),
        accounts::NewUser {
            email: &args.email,
            password,
            display_name: &args.name,
            locale,
            is_superadmin: role == Role::SuperAdmin,
        },
        None,
    )
    .await
    .map_err(|e| match e {
        app::domain::AppError::Validation(fields) => format!("invalid input: {fields:?}"),
        other => other.to_string(),
    })?;
    if let Some(org) = organization {
        organizations::grant(&db, None, org.id, user.id, role)
            .await
            .map_err(|e| e.to_string())?;
    }
    println!("Created {} ({role}).", user.email);
    Ok(())
}

async fn serve(common: &CommonArgs, args: ServeArgs) -> Result<(), String> {
    metrics::init();
    let db = open(common).await?;
    let sqlite = db.get_database_backend() == DatabaseBackend::Sqlite;
    if args.auto_migrate.unwrap_or(sqlite) {
        db::migrate(&common.database_url())
            .await
            .map_err(|e| format!("migration failed: {e}"))?;
    }
    if args.seed_demo {
        seed::run(&db, false)
            .await
            .map_err(|e| format!("seeding failed: {e}"))?;
    }
    let public_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", args.addr));
    let providers = match &args.oidc_providers {
        Some(path) => app::ssr::oidc::read_providers(path)?,
        None => Vec::new(),
    };
    let oidc_keys = if providers.is_empty() {
        None
    } else {
        let path = args
            .oidc_keys
            .clone()
            .unwrap_or_else(|| common.data_dir.join("oidc-client-keys.json"));
        Some(app::ssr::oidc::ClientKeys::load_or_generate(&path)?)
    };
    let oidc = app::ssr::oidc::Oidc::new(providers, oidc_keys, &public_url)?;
    let storage = match args.storage.as_str() {
        "local" => app::ssr::storage::StorageConfig::Local(common.data_dir.join("files")),
        other => match other.strip_prefix("s3://") {
            Some(bucket) if !bucket.is_empty() && !bucket.contains('/') => {
                app::ssr::storage::StorageConfig::S3 {
                    bucket: bucket.to_owned(),
                    endpoint: args.s3_endpoint.clone(),
                    region: None,
                    access_key_id: None,
                    secret_access_key: None,
                }
            }
            _ => return Err(format!("--storage {other:?}: `local` or `s3://<bucket>`")),
        },
    };
    let document_limits = app::ssr::services::documents::Limits {
        max_file_bytes: args.document_max_mib.saturating_mul(1024 * 1024),
        quota_bytes: args.document_quota_mib.saturating_mul(1024 * 1024),
    };
    let config = ServerConfig {
        storage,
        document_limits,
        oidc,
        addr: args.addr,
        site_root: args.site_root.clone(),
        public_url: public_url.clone(),
        data_dir: common.data_dir.clone(),
        smtp_url: args.smtp_url.clone(),
        mail_from: args.mail_from.clone(),
        session_key: secrets::session_key(args.session_key.as_deref(), &common.data_dir)?,
        data_key: secrets::data_key(args.data_key.as_deref(), &common.data_dir)?,
        auth_rate_per_minute: args.auth_rate_per_minute,
        trusted_proxy_hops: args.trusted_proxy_hops,
        password_hash_permits: args
            .hash_concurrency
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())),
        busy_wait: Duration::from_secs(2),
        lower_work_priority: true,
        request_timeout: Duration::from_secs(args.request_timeout_secs.max(1)),
        metrics_token: args.metrics_token.clone(),
        clock: app::ssr::clock::Clock::system(),
    };
    let state = koprogo::build_state(db.clone(), &config)?;
    let jobs = koprogo::start_jobs(&state);
    let router = http::router(state, &config);

    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
    tracing::info!(addr = %args.addr, "listening");
    if args.seed_demo {
        seed::print_logins(&public_url);
    }
    // Answers are written whole; Nagle's delay would only hold back their last segment.
    let listener = listener.tap_io(|tcp| {
        if let Err(err) = tcp.set_nodelay(true) {
            tracing::debug!(%err, "cannot set TCP_NODELAY");
        }
    });
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| e.to_string())?;
    for job in jobs {
        job.abort();
    }
    tracing::info!("in-flight requests done; closing the database pool");
    db.close().await.map_err(|e| e.to_string())?;
    Ok(())
}

/// SIGTERM (Kubernetes) or Ctrl-C: stop accepting, let in-flight requests finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown signal received");
}
