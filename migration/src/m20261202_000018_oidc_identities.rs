//! Strong identities linked to accounts (issue 11): an OpenID Connect provider's subject
//! (issuer + `sub`) that logs the user in. One per provider and user: itsme's pairwise `sub`
//! can change, and re-binding replaces the subject in place. A subject belongs to one user.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OidcIdentities::Table)
                    .col(uuid(OidcIdentities::Id).primary_key())
                    .col(uuid(OidcIdentities::UserId))
                    .col(string_len(OidcIdentities::Provider, 32))
                    .col(string_len(OidcIdentities::Issuer, 255))
                    .col(string_len(OidcIdentities::Subject, 255))
                    .col(timestamp_with_time_zone(OidcIdentities::LinkedAt))
                    .col(timestamp_with_time_zone_null(OidcIdentities::LastUsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OidcIdentities::Table, OidcIdentities::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_oidc_identities_subject")
                    .table(OidcIdentities::Table)
                    .col(OidcIdentities::Issuer)
                    .col(OidcIdentities::Subject)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_oidc_identities_user_provider")
                    .table(OidcIdentities::Table)
                    .col(OidcIdentities::UserId)
                    .col(OidcIdentities::Provider)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OidcIdentities::Table).to_owned())
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum OidcIdentities {
    Table,
    Id,
    UserId,
    Provider,
    Issuer,
    Subject,
    LinkedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
