//! The co-ownership register: buildings (associations of co-owners), their bank accounts,
//! lots, owners, ownerships over time, transfers and each lot's voting representative.
//! Every row carries `organization_id` so services filter by tenant without joins.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn org_fk(table: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Organizations::Table, Organizations::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Buildings::Table)
                    .if_not_exists()
                    .col(pk_uuid(Buildings::Id))
                    .col(uuid(Buildings::OrganizationId))
                    .col(string(Buildings::Name))
                    .col(string(Buildings::Street))
                    .col(string_len(Buildings::PostalCode, 4))
                    .col(string(Buildings::City))
                    .col(string_len_null(Buildings::EnterpriseNumber, 10))
                    .col(big_integer(Buildings::TotalQuota))
                    .col(integer_null(Buildings::ConstructionYear))
                    .col(date_null(Buildings::BasicDeedDate))
                    .col(small_integer(Buildings::FiscalYearStartMonth).default(1))
                    .col(small_integer(Buildings::FiscalYearStartDay).default(1))
                    .col(timestamp_with_time_zone_null(Buildings::ArchivedAt))
                    // Optimistic concurrency: offline edits carry the version they started from.
                    .col(integer(Buildings::Version).default(1))
                    .col(timestamp_with_time_zone(Buildings::CreatedAt))
                    .col(timestamp_with_time_zone(Buildings::UpdatedAt))
                    .foreign_key(&mut org_fk(Buildings::Table, Buildings::OrganizationId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_buildings_org")
                    .table(Buildings::Table)
                    .col(Buildings::OrganizationId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BankAccounts::Table)
                    .if_not_exists()
                    .col(pk_uuid(BankAccounts::Id))
                    .col(uuid(BankAccounts::OrganizationId))
                    .col(uuid(BankAccounts::BuildingId))
                    .col(string_len(BankAccounts::Iban, 34))
                    .col(string(BankAccounts::Purpose))
                    .col(string_null(BankAccounts::Label))
                    .col(timestamp_with_time_zone(BankAccounts::CreatedAt))
                    .foreign_key(&mut org_fk(
                        BankAccounts::Table,
                        BankAccounts::OrganizationId,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(BankAccounts::Table, BankAccounts::BuildingId)
                            .to(Buildings::Table, Buildings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_bank_accounts_building_iban")
                    .table(BankAccounts::Table)
                    .col(BankAccounts::BuildingId)
                    .col(BankAccounts::Iban)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Lots::Table)
                    .if_not_exists()
                    .col(pk_uuid(Lots::Id))
                    .col(uuid(Lots::OrganizationId))
                    .col(uuid(Lots::BuildingId))
                    .col(string_len(Lots::Number, 20))
                    .col(string(Lots::Kind))
                    .col(string_len_null(Lots::Floor, 20))
                    // Square metres in hundredths, so areas stay exact integers.
                    .col(big_integer_null(Lots::AreaCm2))
                    .col(big_integer(Lots::Quota))
                    .col(text_null(Lots::Notes))
                    .col(integer(Lots::Version).default(1))
                    .col(timestamp_with_time_zone(Lots::CreatedAt))
                    .col(timestamp_with_time_zone(Lots::UpdatedAt))
                    .foreign_key(&mut org_fk(Lots::Table, Lots::OrganizationId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Lots::Table, Lots::BuildingId)
                            .to(Buildings::Table, Buildings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_lots_building_number")
                    .table(Lots::Table)
                    .col(Lots::BuildingId)
                    .col(Lots::Number)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Owners::Table)
                    .if_not_exists()
                    .col(pk_uuid(Owners::Id))
                    .col(uuid(Owners::OrganizationId))
                    .col(string(Owners::Kind))
                    .col(string_null(Owners::FirstName))
                    .col(string(Owners::LastName))
                    .col(string_len_null(Owners::CompanyNumber, 10))
                    .col(string(Owners::Street))
                    .col(string(Owners::PostalCode))
                    .col(string(Owners::City))
                    .col(string_len(Owners::Country, 2).default("BE"))
                    .col(string_null(Owners::Email))
                    .col(string_null(Owners::Phone))
                    .col(string_len(Owners::Locale, 5))
                    // Consent to receive convocations by e-mail instead of registered letters.
                    .col(timestamp_with_time_zone_null(Owners::EmailConsentAt))
                    .col(uuid_null(Owners::UserId))
                    .col(integer(Owners::Version).default(1))
                    .col(timestamp_with_time_zone(Owners::CreatedAt))
                    .col(timestamp_with_time_zone(Owners::UpdatedAt))
                    .foreign_key(&mut org_fk(Owners::Table, Owners::OrganizationId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Owners::Table, Owners::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_owners_org_last_name")
                    .table(Owners::Table)
                    .col(Owners::OrganizationId)
                    .col(Owners::LastName)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Transfers::Table)
                    .if_not_exists()
                    .col(pk_uuid(Transfers::Id))
                    .col(uuid(Transfers::OrganizationId))
                    .col(uuid(Transfers::LotId))
                    .col(string(Transfers::Kind))
                    .col(date(Transfers::DeedDate))
                    .col(string_null(Transfers::Notary))
                    .col(uuid_null(Transfers::CreatedBy))
                    .col(timestamp_with_time_zone(Transfers::CreatedAt))
                    .foreign_key(&mut org_fk(Transfers::Table, Transfers::OrganizationId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Transfers::Table, Transfers::LotId)
                            .to(Lots::Table, Lots::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Ownerships::Table)
                    .if_not_exists()
                    .col(pk_uuid(Ownerships::Id))
                    .col(uuid(Ownerships::OrganizationId))
                    .col(uuid(Ownerships::LotId))
                    .col(uuid(Ownerships::OwnerId))
                    .col(string(Ownerships::Right))
                    .col(big_integer(Ownerships::ShareNumerator))
                    .col(big_integer(Ownerships::ShareDenominator))
                    .col(date(Ownerships::ValidFrom))
                    .col(date_null(Ownerships::ValidTo))
                    .col(uuid_null(Ownerships::OpenedBy))
                    .col(uuid_null(Ownerships::ClosedBy))
                    .col(timestamp_with_time_zone(Ownerships::CreatedAt))
                    .foreign_key(&mut org_fk(Ownerships::Table, Ownerships::OrganizationId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Ownerships::Table, Ownerships::LotId)
                            .to(Lots::Table, Lots::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Ownerships::Table, Ownerships::OwnerId)
                            .to(Owners::Table, Owners::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_ownerships_lot_dates")
                    .table(Ownerships::Table)
                    .col(Ownerships::LotId)
                    .col(Ownerships::ValidFrom)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_ownerships_owner")
                    .table(Ownerships::Table)
                    .col(Ownerships::OwnerId)
                    .to_owned(),
            )
            .await?;

        // Co-holders of a lot vote through one representative they designate in writing.
        manager
            .create_table(
                Table::create()
                    .table(LotRepresentatives::Table)
                    .if_not_exists()
                    .col(pk_uuid(LotRepresentatives::Id))
                    .col(uuid(LotRepresentatives::OrganizationId))
                    .col(uuid(LotRepresentatives::LotId))
                    .col(uuid(LotRepresentatives::OwnerId))
                    .col(date(LotRepresentatives::ValidFrom))
                    .col(date_null(LotRepresentatives::ValidTo))
                    .col(timestamp_with_time_zone(LotRepresentatives::CreatedAt))
                    .foreign_key(&mut org_fk(
                        LotRepresentatives::Table,
                        LotRepresentatives::OrganizationId,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(LotRepresentatives::Table, LotRepresentatives::LotId)
                            .to(Lots::Table, Lots::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(LotRepresentatives::Table, LotRepresentatives::OwnerId)
                            .to(Owners::Table, Owners::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            LotRepresentatives::Table.into_iden(),
            Ownerships::Table.into_iden(),
            Transfers::Table.into_iden(),
            Owners::Table.into_iden(),
            Lots::Table.into_iden(),
            BankAccounts::Table.into_iden(),
            Buildings::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
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
    OrganizationId,
    Name,
    Street,
    PostalCode,
    City,
    EnterpriseNumber,
    TotalQuota,
    ConstructionYear,
    BasicDeedDate,
    FiscalYearStartMonth,
    FiscalYearStartDay,
    ArchivedAt,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum BankAccounts {
    Table,
    Id,
    OrganizationId,
    BuildingId,
    Iban,
    Purpose,
    Label,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Lots {
    Table,
    Id,
    OrganizationId,
    BuildingId,
    Number,
    Kind,
    Floor,
    AreaCm2,
    Quota,
    Notes,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Owners {
    Table,
    Id,
    OrganizationId,
    Kind,
    FirstName,
    LastName,
    CompanyNumber,
    Street,
    PostalCode,
    City,
    Country,
    Email,
    Phone,
    Locale,
    EmailConsentAt,
    UserId,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Transfers {
    Table,
    Id,
    OrganizationId,
    LotId,
    Kind,
    DeedDate,
    Notary,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Ownerships {
    Table,
    Id,
    OrganizationId,
    LotId,
    OwnerId,
    Right,
    ShareNumerator,
    ShareDenominator,
    ValidFrom,
    ValidTo,
    OpenedBy,
    ClosedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LotRepresentatives {
    Table,
    Id,
    OrganizationId,
    LotId,
    OwnerId,
    ValidFrom,
    ValidTo,
    CreatedAt,
}
