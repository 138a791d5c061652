//! Documents (issue 12): the metadata of the files kept in the storage. The bytes are in the
//! object store under `storage_key` (content-addressed: two documents with the same bytes
//! share one object); a row is written only once its object is complete. Versions of one
//! document share `series_id` (the first version's id). Deletion is soft, and refused while
//! `retain_until` (the law's keeping period) has not passed.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Documents::Table)
                    .col(uuid(Documents::Id).primary_key())
                    .col(uuid(Documents::OrganizationId))
                    .col(uuid_null(Documents::BuildingId))
                    .col(uuid(Documents::SeriesId))
                    .col(integer(Documents::Version))
                    .col(string_len(Documents::Title, 200))
                    .col(string_len(Documents::Category, 32))
                    .col(string_len(Documents::Visibility, 16))
                    .col(uuid_null(Documents::OwnerId))
                    .col(date_null(Documents::DocumentDate))
                    .col(string_len(Documents::FileName, 255))
                    .col(string_len(Documents::FileType, 16))
                    .col(big_integer(Documents::Size))
                    .col(string_len(Documents::Sha256, 64))
                    .col(string_len(Documents::StorageKey, 160))
                    .col(timestamp_with_time_zone(Documents::UploadedAt))
                    .col(uuid_null(Documents::UploadedBy))
                    .col(date_null(Documents::RetainUntil))
                    .col(timestamp_with_time_zone_null(Documents::DeletedAt))
                    .col(uuid_null(Documents::DeletedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Documents::Table, Documents::OrganizationId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Documents::Table, Documents::BuildingId)
                            .to(Buildings::Table, Buildings::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Documents::Table, Documents::OwnerId)
                            .to(Owners::Table, Owners::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_documents_building")
                    .table(Documents::Table)
                    .col(Documents::OrganizationId)
                    .col(Documents::BuildingId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_documents_series_version")
                    .table(Documents::Table)
                    .col(Documents::SeriesId)
                    .col(Documents::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // The sweep asks which keys rows still name.
        manager
            .create_index(
                Index::create()
                    .name("ix_documents_storage_key")
                    .table(Documents::Table)
                    .col(Documents::StorageKey)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Documents::Table).to_owned())
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Documents {
    Table,
    Id,
    OrganizationId,
    BuildingId,
    SeriesId,
    Version,
    Title,
    Category,
    Visibility,
    OwnerId,
    DocumentDate,
    FileName,
    FileType,
    Size,
    Sha256,
    StorageKey,
    UploadedAt,
    UploadedBy,
    RetainUntil,
    DeletedAt,
    DeletedBy,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Buildings {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Owners {
    Table,
    Id,
}
