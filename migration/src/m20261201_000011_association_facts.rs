//! The association's facts (art. 3.86, 3.89–3.91 Civil Code): the mandates of its syndic,
//! council and auditor, and on the building the rules of procedure convening needs, the
//! provisional acceptance of the common parts and the chosen accounting regime.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AssociationMandates::Table)
                    .col(uuid(AssociationMandates::Id).primary_key())
                    .col(uuid(AssociationMandates::OrganizationId))
                    .col(uuid(AssociationMandates::BuildingId))
                    .col(string_len(AssociationMandates::Role, 20))
                    .col(string_len(AssociationMandates::HolderName, 200))
                    .col(uuid_null(AssociationMandates::OwnerId))
                    .col(date(AssociationMandates::StartsOn))
                    .col(date(AssociationMandates::EndsOn))
                    .col(date_null(AssociationMandates::DecidedOn))
                    .col(integer_null(AssociationMandates::FiscalYear))
                    .col(uuid_null(AssociationMandates::CreatedBy))
                    .col(integer(AssociationMandates::Version).default(1))
                    .col(timestamp_with_time_zone(AssociationMandates::CreatedAt))
                    .col(timestamp_with_time_zone(AssociationMandates::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AssociationMandates::Table, AssociationMandates::BuildingId)
                            .to(Buildings::Table, Buildings::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_association_mandates_building")
                    .table(AssociationMandates::Table)
                    .col(AssociationMandates::BuildingId)
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per statement, with a constant default.
        for mut column in [
            string_len_null(Buildings::AssemblyWindowStart, 5),
            integer_null(Buildings::NoticeDays),
            boolean(Buildings::RemoteParticipation)
                .default(false)
                .to_owned(),
            string_len_null(Buildings::AccountsRegime, 20),
            date_null(Buildings::ProvisionalAcceptanceOn),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Buildings::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AssociationMandates::Table).to_owned())
            .await?;
        for column in [
            Buildings::AssemblyWindowStart,
            Buildings::NoticeDays,
            Buildings::RemoteParticipation,
            Buildings::AccountsRegime,
            Buildings::ProvisionalAcceptanceOn,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Buildings::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum AssociationMandates {
    Table,
    Id,
    OrganizationId,
    BuildingId,
    Role,
    HolderName,
    OwnerId,
    StartsOn,
    EndsOn,
    DecidedOn,
    FiscalYear,
    CreatedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Buildings {
    Table,
    Id,
    AssemblyWindowStart,
    NoticeDays,
    RemoteParticipation,
    AccountsRegime,
    ProvisionalAcceptanceOn,
}
