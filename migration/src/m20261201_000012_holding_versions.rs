//! Holdings and mandataries carry a version and an updated-at like every row that changes
//! (the offline owner app syncs from them; a concurrent edit is detected by them). Existing
//! rows start at version 1, updated when they were created.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["ownerships", "lot_representatives"] {
            // SQLite adds one column per statement, with a constant default.
            for mut column in [
                integer(Alias::new("version")).default(1).to_owned(),
                timestamp_with_time_zone_null(Alias::new("updated_at")),
            ] {
                manager
                    .alter_table(
                        Table::alter()
                            .table(Alias::new(table))
                            .add_column(&mut column)
                            .to_owned(),
                    )
                    .await?;
            }
            manager
                .get_connection()
                .execute_unprepared(&format!("UPDATE {table} SET updated_at = created_at"))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["ownerships", "lot_representatives"] {
            for column in ["version", "updated_at"] {
                manager
                    .alter_table(
                        Table::alter()
                            .table(Alias::new(table))
                            .drop_column(Alias::new(column))
                            .to_owned(),
                    )
                    .await?;
            }
        }
        Ok(())
    }
}
