//! Transfers as the association sees them (art. 3.94 Civil Code): the day the buyer enjoys
//! the lot, the day the syndic was notified, the seller's new address, and voiding (a
//! transfer recorded by mistake is voided with its reason, never deleted); the notary's
//! requests with the syndic's answers. Existing transfers were recorded by the syndic, who
//! therefore knew of them: notified and enjoyed on their deed date.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement, with a constant default.
        for mut column in [
            date_null(Transfers::EnjoymentDate),
            date_null(Transfers::NotifiedOn),
            string_len_null(Transfers::SellerAddress, 300),
            timestamp_with_time_zone_null(Transfers::VoidedAt),
            uuid_null(Transfers::VoidedBy),
            string_len_null(Transfers::VoidReason, 500),
            integer(Transfers::Version).default(1).to_owned(),
            timestamp_with_time_zone_null(Transfers::UpdatedAt),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Transfers::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE transfers SET enjoyment_date = deed_date, notified_on = deed_date, \
                 updated_at = created_at",
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NotaryRequests::Table)
                    .col(uuid(NotaryRequests::Id).primary_key())
                    .col(uuid(NotaryRequests::OrganizationId))
                    .col(uuid(NotaryRequests::LotId))
                    .col(string_len(NotaryRequests::Kind, 20))
                    .col(date(NotaryRequests::ReceivedOn))
                    .col(string_len(NotaryRequests::Notary, 200))
                    .col(string_len_null(NotaryRequests::Reference, 200))
                    .col(date_null(NotaryRequests::AnsweredOn))
                    .col(uuid_null(NotaryRequests::CreatedBy))
                    .col(integer(NotaryRequests::Version).default(1))
                    .col(timestamp_with_time_zone(NotaryRequests::CreatedAt))
                    .col(timestamp_with_time_zone(NotaryRequests::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(NotaryRequests::Table, NotaryRequests::LotId)
                            .to(Lots::Table, Lots::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_notary_requests_lot")
                    .table(NotaryRequests::Table)
                    .col(NotaryRequests::LotId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(NotaryRequests::Table).to_owned())
            .await?;
        for column in [
            Transfers::EnjoymentDate,
            Transfers::NotifiedOn,
            Transfers::SellerAddress,
            Transfers::VoidedAt,
            Transfers::VoidedBy,
            Transfers::VoidReason,
            Transfers::Version,
            Transfers::UpdatedAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Transfers::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Transfers {
    Table,
    EnjoymentDate,
    NotifiedOn,
    SellerAddress,
    VoidedAt,
    VoidedBy,
    VoidReason,
    Version,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum NotaryRequests {
    Table,
    Id,
    OrganizationId,
    LotId,
    Kind,
    ReceivedOn,
    Notary,
    Reference,
    AnsweredOn,
    CreatedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Lots {
    Table,
    Id,
}
