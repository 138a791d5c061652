//! Several lots sold in one deed (an apartment with its cellar and parking): the transfers
//! recorded from one deed share a `deed_id`, so that the register shows them together and a
//! notification of the deed counts for all of them. Each earlier transfer was its own deed.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Transfers::Table)
                    .add_column(uuid_null(Transfers::DeedId))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("UPDATE transfers SET deed_id = id")
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_transfers_deed")
                    .table(Transfers::Table)
                    .col(Transfers::DeedId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_transfers_deed")
                    .table(Transfers::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Transfers::Table)
                    .drop_column(Transfers::DeedId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Transfers {
    Table,
    DeedId,
}
