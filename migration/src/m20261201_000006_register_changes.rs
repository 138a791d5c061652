//! The register's lists (buildings with their figures) are cached in each server process like
//! who a request is (migration `m20261201_000005_identity_changes`), and announced the same
//! way, on the same channel: any change to a building, a lot or a holding, whoever makes it,
//! announces its organisation (`r:<organization id>`).
//! - PostgreSQL: row triggers `NOTIFY koprogo_identity`, heard when the change commits.
//! - SQLite: the triggers append to `identity_changes` (new column `organization_id`).

use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Every table a list of buildings reads; each row names its organisation.
const WATCHED: &[&str] = &["buildings", "lots", "ownerships"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                // One function for the three tables: each has `organization_id`.
                db.execute_unprepared(
                    "CREATE OR REPLACE FUNCTION koprogo_register_changed() RETURNS trigger \
                     LANGUAGE plpgsql AS $$ BEGIN \
                       IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('koprogo_identity', 'r:' || OLD.organization_id::text); END IF; \
                       IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('koprogo_identity', 'r:' || NEW.organization_id::text); END IF; \
                       RETURN NULL; \
                     END $$",
                )
                .await?;
            }
            DatabaseBackend::Sqlite => {
                manager
                    .alter_table(
                        Table::alter()
                            .table(IdentityChanges::Table)
                            .add_column(uuid_null(IdentityChanges::OrganizationId))
                            .to_owned(),
                    )
                    .await?;
            }
            _ => {}
        }
        crate::register_watch::watch(manager, WATCHED).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::register_watch::unwatch(manager, WATCHED).await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared("DROP FUNCTION IF EXISTS koprogo_register_changed()")
                    .await?;
            }
            DatabaseBackend::Sqlite => {
                manager
                    .alter_table(
                        Table::alter()
                            .table(IdentityChanges::Table)
                            .drop_column(IdentityChanges::OrganizationId)
                            .to_owned(),
                    )
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
    OrganizationId,
}
