//! Council members (and, later, other roles) can be limited to some buildings of their
//! organisation: the co-ownership council is elected per association (art. 3.90 Civil Code),
//! so a council member of one building has no business in another's register.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MembershipBuildings::Table)
                    .if_not_exists()
                    .col(pk_uuid(MembershipBuildings::Id))
                    .col(uuid(MembershipBuildings::OrganizationId))
                    .col(uuid(MembershipBuildings::UserId))
                    .col(uuid(MembershipBuildings::BuildingId))
                    .col(timestamp_with_time_zone(MembershipBuildings::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                MembershipBuildings::Table,
                                MembershipBuildings::OrganizationId,
                            )
                            .to(Organizations::Table, Organizations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MembershipBuildings::Table, MembershipBuildings::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MembershipBuildings::Table, MembershipBuildings::BuildingId)
                            .to(Buildings::Table, Buildings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_membership_buildings_user_building")
                    .table(MembershipBuildings::Table)
                    .col(MembershipBuildings::UserId)
                    .col(MembershipBuildings::BuildingId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(MembershipBuildings::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum MembershipBuildings {
    Table,
    Id,
    OrganizationId,
    UserId,
    BuildingId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Buildings {
    Table,
    Id,
}
