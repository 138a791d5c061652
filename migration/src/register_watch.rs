//! The register's announced tables (migration 000006): a write to one of them announces its
//! row's organisation (`r:<organization_id>`), so that every server process evicts the
//! cached lists of that organisation. Each migration that adds a table the lists read calls
//! `watch` for it (and `unwatch` going down); the statements are the ones 000006 first ran,
//! kept here once so that every table is announced alike.
//! - PostgreSQL: a row trigger calling `koprogo_register_changed()` (created by 000006).
//! - SQLite: triggers appending the organisation to `identity_changes`.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

const EVENTS: [&str; 3] = ["INSERT", "UPDATE", "DELETE"];

fn sqlite_trigger(table: &str, event: &str) -> String {
    format!("koprogo_register_{table}_{}", event.to_lowercase())
}

pub async fn watch(manager: &SchemaManager<'_>, tables: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for table in tables {
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER koprogo_register AFTER INSERT OR UPDATE OR DELETE \
                     ON {table} FOR EACH ROW EXECUTE FUNCTION koprogo_register_changed()"
                ))
                .await?;
            }
            DatabaseBackend::Sqlite => {
                for event in EVENTS {
                    let rows: &[&str] = match event {
                        "INSERT" => &["NEW"],
                        "DELETE" => &["OLD"],
                        _ => &["OLD", "NEW"],
                    };
                    let inserts: String = rows
                        .iter()
                        .map(|row| {
                            format!(
                                "INSERT INTO identity_changes (organization_id) \
                                 VALUES ({row}.organization_id); "
                            )
                        })
                        .collect();
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {} AFTER {event} ON {table} FOR EACH ROW \
                         BEGIN {inserts}END",
                        sqlite_trigger(table, event)
                    ))
                    .await?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

pub async fn unwatch(manager: &SchemaManager<'_>, tables: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for table in tables {
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(&format!(
                    "DROP TRIGGER IF EXISTS koprogo_register ON {table}"
                ))
                .await?;
            }
            DatabaseBackend::Sqlite => {
                for event in EVENTS {
                    db.execute_unprepared(&format!(
                        "DROP TRIGGER IF EXISTS {}",
                        sqlite_trigger(table, event)
                    ))
                    .await?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}
