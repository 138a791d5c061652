//! Quotes-parts and lots over time (art. 3.85 §1 and 3.88 Civil Code): a lot's quote-part and
//! a building's total become dated periods with their basis (deed, decision, judgment) in
//! `quota_periods` (a row without `lot_id` is the building's total), and lots get a life
//! (`valid_from`, `valid_to`) and a lineage through `lot_events` (divisions, mergers).
//!
//! Existing figures become the first period, in force since the basic deed; each keeps the
//! id of its lot or building, which is unique and spares the migration a UUID generator
//! that SQLite lacks. `lots.quota` and `buildings.total_quota` go: a figure kept twice would
//! be wrong on the day a dated change takes effect.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Read by the lists of buildings: announced like lots (migration 000006).
const WATCHED: &[&str] = &["quota_periods", "lot_events"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LotEvents::Table)
                    .col(uuid(LotEvents::Id).primary_key())
                    .col(uuid(LotEvents::OrganizationId))
                    .col(uuid(LotEvents::BuildingId))
                    .col(string_len(LotEvents::Kind, 20))
                    .col(date(LotEvents::OccurredOn))
                    .col(string_len(LotEvents::Basis, 20))
                    .col(string_len(LotEvents::Reference, 200))
                    .col(date(LotEvents::BasisDate))
                    .col(uuid_null(LotEvents::CreatedBy))
                    .col(integer(LotEvents::Version).default(1))
                    .col(timestamp_with_time_zone(LotEvents::CreatedAt))
                    .col(timestamp_with_time_zone(LotEvents::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(LotEvents::Table, LotEvents::BuildingId)
                            .to(Buildings::Table, Buildings::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(QuotaPeriods::Table)
                    .col(uuid(QuotaPeriods::Id).primary_key())
                    .col(uuid(QuotaPeriods::OrganizationId))
                    .col(uuid(QuotaPeriods::BuildingId))
                    .col(uuid_null(QuotaPeriods::LotId))
                    .col(big_integer(QuotaPeriods::Quota))
                    .col(date_null(QuotaPeriods::ValidFrom))
                    .col(date_null(QuotaPeriods::ValidTo))
                    .col(string_len(QuotaPeriods::Basis, 20))
                    .col(string_len_null(QuotaPeriods::Reference, 200))
                    .col(date_null(QuotaPeriods::BasisDate))
                    .col(uuid_null(QuotaPeriods::CreatedBy))
                    .col(integer(QuotaPeriods::Version).default(1))
                    .col(timestamp_with_time_zone(QuotaPeriods::CreatedAt))
                    .col(timestamp_with_time_zone(QuotaPeriods::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(QuotaPeriods::Table, QuotaPeriods::BuildingId)
                            .to(Buildings::Table, Buildings::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(QuotaPeriods::Table, QuotaPeriods::LotId)
                            .to(Lots::Table, Lots::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_quota_periods_building")
                    .table(QuotaPeriods::Table)
                    .col(QuotaPeriods::BuildingId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_quota_periods_lot")
                    .table(QuotaPeriods::Table)
                    .col(QuotaPeriods::LotId)
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per statement.
        for mut column in [
            date_null(Lots::ValidFrom),
            date_null(Lots::ValidTo),
            uuid_null(Lots::OriginEventId),
            uuid_null(Lots::EndEventId),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Lots::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO quota_periods (id, organization_id, building_id, lot_id, quota, \
             valid_from, valid_to, basis, reference, basis_date, version, created_at, updated_at) \
             SELECT id, organization_id, id, NULL, total_quota, NULL, NULL, 'deed', NULL, \
             basic_deed_date, 1, created_at, updated_at FROM buildings",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO quota_periods (id, organization_id, building_id, lot_id, quota, \
             valid_from, valid_to, basis, reference, basis_date, version, created_at, updated_at) \
             SELECT id, organization_id, building_id, id, quota, NULL, NULL, 'deed', NULL, \
             (SELECT basic_deed_date FROM buildings WHERE buildings.id = lots.building_id), \
             1, created_at, updated_at FROM lots",
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Lots::Table)
                    .drop_column(Lots::Quota)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Buildings::Table)
                    .drop_column(Buildings::TotalQuota)
                    .to_owned(),
            )
            .await?;
        crate::register_watch::watch(manager, WATCHED).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for (table, column) in [("lots", "quota"), ("buildings", "total_quota")] {
            db.execute_unprepared(&format!(
                "ALTER TABLE {table} ADD COLUMN {column} BIGINT NOT NULL DEFAULT 0"
            ))
            .await?;
        }
        // Back to the figures in force today; the history is lost by going down.
        for (table, link) in [("lots", "lot_id"), ("buildings", "building_id")] {
            let column = if table == "lots" {
                "quota"
            } else {
                "total_quota"
            };
            let total_only = if table == "buildings" {
                " AND q.lot_id IS NULL"
            } else {
                ""
            };
            db.execute_unprepared(&format!(
                "UPDATE {table} SET {column} = COALESCE((SELECT q.quota FROM quota_periods q \
                 WHERE q.{link} = {table}.id AND q.valid_to IS NULL{total_only} \
                 ORDER BY q.valid_from DESC LIMIT 1), 0)"
            ))
            .await?;
        }
        for column in [
            Lots::ValidFrom,
            Lots::ValidTo,
            Lots::OriginEventId,
            Lots::EndEventId,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Lots::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        crate::register_watch::unwatch(manager, WATCHED).await?;
        manager
            .drop_table(Table::drop().table(QuotaPeriods::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(LotEvents::Table).to_owned())
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum LotEvents {
    Table,
    Id,
    OrganizationId,
    BuildingId,
    Kind,
    OccurredOn,
    Basis,
    Reference,
    BasisDate,
    CreatedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum QuotaPeriods {
    Table,
    Id,
    OrganizationId,
    BuildingId,
    LotId,
    Quota,
    ValidFrom,
    ValidTo,
    Basis,
    Reference,
    BasisDate,
    CreatedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Lots {
    Table,
    Id,
    Quota,
    ValidFrom,
    ValidTo,
    OriginEventId,
    EndEventId,
}

#[derive(DeriveIden)]
enum Buildings {
    Table,
    Id,
    TotalQuota,
}
