//! A user's own e-mail address changes only through a link sent to the new address (it
//! proves the user receives mail there), after a step-up; the old address is told. Only the
//! link's hash is kept, as for password resets.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EmailChanges::Table)
                    .col(uuid(EmailChanges::Id).primary_key())
                    .col(uuid(EmailChanges::UserId))
                    .col(string_len(EmailChanges::NewEmail, 254))
                    .col(string_len(EmailChanges::TokenHash, 64).unique_key())
                    .col(timestamp_with_time_zone(EmailChanges::ExpiresAt))
                    .col(timestamp_with_time_zone_null(EmailChanges::UsedAt))
                    .col(timestamp_with_time_zone(EmailChanges::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EmailChanges::Table, EmailChanges::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_email_changes_user")
                    .table(EmailChanges::Table)
                    .col(EmailChanges::UserId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EmailChanges::Table).to_owned())
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum EmailChanges {
    Table,
    Id,
    UserId,
    NewEmail,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
