//! Who acts for an owner (rules in `app::domain::register::agent`): a company's organ, a
//! minor's parents or guardian, a protected person's administrator, an attorney; for a
//! period, with the document that proves the power, and whether the mail goes to the agent.
//! Agencies are ended, never deleted: a convocation sent on a date must show whom it went to.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OwnerAgents::Table)
                    .col(uuid(OwnerAgents::Id).primary_key())
                    .col(uuid(OwnerAgents::OrganizationId))
                    .col(uuid(OwnerAgents::OwnerId))
                    .col(uuid(OwnerAgents::AgentId))
                    .col(string_len(OwnerAgents::Capacity, 20))
                    .col(date(OwnerAgents::ValidFrom))
                    .col(date_null(OwnerAgents::ValidTo))
                    .col(string_len(OwnerAgents::Document, 500))
                    .col(boolean(OwnerAgents::ReceivesMail).default(false))
                    .col(uuid_null(OwnerAgents::CreatedBy))
                    .col(integer(OwnerAgents::Version).default(1))
                    .col(timestamp_with_time_zone(OwnerAgents::CreatedAt))
                    .col(timestamp_with_time_zone(OwnerAgents::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OwnerAgents::Table, OwnerAgents::OwnerId)
                            .to(Owners::Table, Owners::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OwnerAgents::Table, OwnerAgents::AgentId)
                            .to(Owners::Table, Owners::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("ix_owner_agents_owner", OwnerAgents::OwnerId),
            ("ix_owner_agents_agent", OwnerAgents::AgentId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(OwnerAgents::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OwnerAgents::Table).to_owned())
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum OwnerAgents {
    Table,
    Id,
    OrganizationId,
    OwnerId,
    AgentId,
    Capacity,
    ValidFrom,
    ValidTo,
    Document,
    ReceivesMail,
    CreatedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Owners {
    Table,
    Id,
}
