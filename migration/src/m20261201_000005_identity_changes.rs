//! Who a request is (its session, its user's roles and buildings) is cached in each server
//! process. The database itself announces every change to those rows, whoever makes it (a
//! replica, the CLI, an operator in psql), so no cache can outlive a logout, a password change
//! or a removed role:
//! - PostgreSQL: row triggers `NOTIFY koprogo_identity` with the changed key; NOTIFY is
//!   transactional, so a listener hears of a change exactly when it commits.
//! - SQLite (one server, perhaps a CLI beside it): the same triggers append to
//!   `identity_changes`, which the server reads every half second.
//!
//! Payloads: `s:<session id>`, `u:<user id>`, `*` (an organisation changed: its name is part
//! of every member's memberships, so everything is dropped).

use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `(table, trigger events, payload from the row)`; `ROW` is replaced by NEW or OLD.
const WATCHED: &[(&str, &str, Watched)] = &[
    ("sessions", "UPDATE OR DELETE", Watched::Session),
    ("users", "UPDATE OR DELETE", Watched::User("id")),
    (
        "memberships",
        "INSERT OR UPDATE OR DELETE",
        Watched::User("user_id"),
    ),
    (
        "membership_buildings",
        "INSERT OR UPDATE OR DELETE",
        Watched::User("user_id"),
    ),
    ("organizations", "UPDATE OR DELETE", Watched::Everything),
];

#[derive(Clone, Copy)]
enum Watched {
    Session,
    User(&'static str),
    Everything,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                for (table, events, watched) in WATCHED {
                    let payload = |row: &str| match watched {
                        Watched::Session => format!("'s:' || {row}.id"),
                        Watched::User(column) => format!("'u:' || {row}.{column}::text"),
                        Watched::Everything => "'*'".to_owned(),
                    };
                    // INSERT has no OLD, DELETE no NEW; an UPDATE that moves a row to another
                    // key (never done, but possible) announces both.
                    let body = format!(
                        "CREATE OR REPLACE FUNCTION koprogo_identity_{table}() RETURNS trigger \
                         LANGUAGE plpgsql AS $$ BEGIN \
                           IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('koprogo_identity', {old}); END IF; \
                           IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('koprogo_identity', {new}); END IF; \
                           RETURN NULL; \
                         END $$",
                        old = payload("OLD"),
                        new = payload("NEW"),
                    );
                    db.execute_unprepared(&body).await?;
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER koprogo_identity AFTER {events} ON {table} \
                         FOR EACH ROW EXECUTE FUNCTION koprogo_identity_{table}()"
                    ))
                    .await?;
                }
            }
            DatabaseBackend::Sqlite => {
                manager
                    .create_table(
                        Table::create()
                            .table(IdentityChanges::Table)
                            .if_not_exists()
                            .col(
                                big_integer(IdentityChanges::Id)
                                    .primary_key()
                                    .auto_increment(),
                            )
                            .col(text_null(IdentityChanges::SessionId))
                            .col(uuid_null(IdentityChanges::UserId))
                            .col(boolean(IdentityChanges::Everything).default(false))
                            .col(
                                timestamp_with_time_zone(IdentityChanges::CreatedAt)
                                    .default(Expr::current_timestamp()),
                            )
                            .to_owned(),
                    )
                    .await?;
                for (table, events, watched) in WATCHED {
                    // SQLite triggers take one event each.
                    for event in events.split(" OR ") {
                        let rows: &[&str] = match event {
                            "INSERT" => &["NEW"],
                            "DELETE" => &["OLD"],
                            _ => &["OLD", "NEW"],
                        };
                        let inserts: String = rows
                            .iter()
                            .map(|row| {
                                let (columns, values) = match watched {
                                    Watched::Session => ("session_id", format!("{row}.id")),
                                    Watched::User(column) => ("user_id", format!("{row}.{column}")),
                                    Watched::Everything => ("everything", "1".to_owned()),
                                };
                                format!(
                                    "INSERT INTO identity_changes ({columns}) VALUES ({values}); "
                                )
                            })
                            .collect();
                        let name = format!("koprogo_identity_{table}_{}", event.to_lowercase());
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW \
                             BEGIN {inserts}END"
                        ))
                        .await?;
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                for (table, _, _) in WATCHED {
                    db.execute_unprepared(&format!(
                        "DROP TRIGGER IF EXISTS koprogo_identity ON {table}"
                    ))
                    .await?;
                    db.execute_unprepared(&format!(
                        "DROP FUNCTION IF EXISTS koprogo_identity_{table}()"
                    ))
                    .await?;
                }
            }
            DatabaseBackend::Sqlite => {
                for (table, events, _) in WATCHED {
                    for event in events.split(" OR ") {
                        db.execute_unprepared(&format!(
                            "DROP TRIGGER IF EXISTS koprogo_identity_{table}_{}",
                            event.to_lowercase()
                        ))
                        .await?;
                    }
                }
                manager
                    .drop_table(Table::drop().table(IdentityChanges::Table).to_owned())
                    .await?;
            }
            _ => {}
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum IdentityChanges {
    Table,
    Id,
    SessionId,
    UserId,
    Everything,
    CreatedAt,
}
