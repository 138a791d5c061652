//! Connecting to the database and migrating it.

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, DbErr,
};
use std::time::Duration;

pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        // A ping before every checkout would double the round trips of each statement; a
        // connection idle for a while is pinged, and a broken one fails its statement.
        .test_before_acquire_if_idle_for(Duration::from_secs(30))
        .sqlx_logging(false);
    let db = Database::connect(options).await?;
    if db.get_database_backend() == DatabaseBackend::Sqlite {
        // WAL lets readers proceed while one writer writes; the setting is stored in the file.
        db.execute_unprepared("PRAGMA journal_mode=WAL").await?;
    }
    Ok(db)
}

/// A key no other application in the same PostgreSQL cluster is likely to use.
const MIGRATION_LOCK_KEY: i64 = 0x4b50_474f_4d49_4752; // "KPGOMIGR"

/// Applies pending migrations. On PostgreSQL a session-level advisory lock, taken on a
/// dedicated connection, makes concurrent starts (several pods, a Job) wait for each other.
pub async fn migrate(url: &str) -> Result<(), DbErr> {
    let db = connect(url, 1).await?;
    let postgres = db.get_database_backend() == DatabaseBackend::Postgres;
    if postgres {
        db.execute_unprepared(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})"))
            .await?;
    }
    let result = Migrator::up(&db, None).await;
    if postgres {
        db.execute_unprepared(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"))
            .await?;
    }
    db.close().await?;
    result
}
