//! Consent to e-mail as a history per owner and association (art. 3.87 §3 Civil Code): the
//! date of the written consent, its evidence, the address it names, its end (withdrawn, or the
//! address changed). It replaces `owners.email_consent_at`, a flag for every association at
//! once that forgot what a withdrawal or a new address undid.
//!
//! An owner who had the flag gets one consent per building where they hold or held a lot, for
//! their address of today, dated the day the flag was set (its UTC date: the flag kept no
//! time zone), with evidence saying where it came from; the ids are made here, in Rust,
//! because SQLite has no UUID generator.

use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

pub const MIGRATED_EVIDENCE: &str = "Consent recorded before the consent history (migration 13)";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EmailConsents::Table)
                    .col(uuid(EmailConsents::Id).primary_key())
                    .col(uuid(EmailConsents::OrganizationId))
                    .col(uuid(EmailConsents::OwnerId))
                    .col(uuid(EmailConsents::BuildingId))
                    .col(string_len(EmailConsents::Address, 254))
                    .col(date(EmailConsents::GivenOn))
                    .col(string_len(EmailConsents::Evidence, 500))
                    .col(date_null(EmailConsents::EndedOn))
                    .col(string_len_null(EmailConsents::EndReason, 20))
                    .col(uuid_null(EmailConsents::CreatedBy))
                    .col(integer(EmailConsents::Version).default(1))
                    .col(timestamp_with_time_zone(EmailConsents::CreatedAt))
                    .col(timestamp_with_time_zone(EmailConsents::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EmailConsents::Table, EmailConsents::OwnerId)
                            .to(Owners::Table, Owners::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EmailConsents::Table, EmailConsents::BuildingId)
                            .to(Buildings::Table, Buildings::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_email_consents_owner")
                    .table(EmailConsents::Table)
                    .col(EmailConsents::OwnerId)
                    .col(EmailConsents::BuildingId)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        // One consent in force per owner and association: a second while one is open is a
        // mistake (the same syntax on both backends; sea-query has no partial index).
        db.execute_unprepared(
            "CREATE UNIQUE INDEX ux_email_consents_open ON email_consents (owner_id, building_id) \
             WHERE ended_on IS NULL",
        )
        .await?;
        let backend = manager.get_database_backend();
        let flagged = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT DISTINCT o.id AS owner_id, o.organization_id, o.email, \
                 o.email_consent_at, l.building_id FROM owners o \
                 JOIN ownerships s ON s.owner_id = o.id JOIN lots l ON l.id = s.lot_id \
                 WHERE o.email_consent_at IS NOT NULL AND o.email IS NOT NULL",
            ))
            .await?;
        for row in flagged {
            let since: chrono::DateTime<chrono::Utc> = row.try_get("", "email_consent_at")?;
            let insert = Query::insert()
                .into_table(EmailConsents::Table)
                .columns([
                    EmailConsents::Id,
                    EmailConsents::OrganizationId,
                    EmailConsents::OwnerId,
                    EmailConsents::BuildingId,
                    EmailConsents::Address,
                    EmailConsents::GivenOn,
                    EmailConsents::Evidence,
                    EmailConsents::Version,
                    EmailConsents::CreatedAt,
                    EmailConsents::UpdatedAt,
                ])
                .values_panic([
                    uuid::Uuid::now_v7().into(),
                    row.try_get::<uuid::Uuid>("", "organization_id")?.into(),
                    row.try_get::<uuid::Uuid>("", "owner_id")?.into(),
                    row.try_get::<uuid::Uuid>("", "building_id")?.into(),
                    row.try_get::<String>("", "email")?.into(),
                    since.date_naive().into(),
                    MIGRATED_EVIDENCE.into(),
                    1.into(),
                    since.into(),
                    since.into(),
                ])
                .to_owned();
            manager.exec_stmt(insert).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Owners::Table)
                    .drop_column(Owners::EmailConsentAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Owners::Table)
                    .add_column(timestamp_with_time_zone_null(Owners::EmailConsentAt))
                    .to_owned(),
            )
            .await?;
        // Back to one flag: set when any consent is in force, from the earliest of them.
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE owners SET email_consent_at = (SELECT MIN(c.created_at) \
                 FROM email_consents c WHERE c.owner_id = owners.id AND c.ended_on IS NULL)",
            )
            .await?;
        manager
            .drop_table(Table::drop().table(EmailConsents::Table).to_owned())
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum EmailConsents {
    Table,
    Id,
    OrganizationId,
    OwnerId,
    BuildingId,
    Address,
    GivenOn,
    Evidence,
    EndedOn,
    EndReason,
    CreatedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Owners {
    Table,
    Id,
    EmailConsentAt,
}

#[derive(DeriveIden)]
enum Buildings {
    Table,
    Id,
}
