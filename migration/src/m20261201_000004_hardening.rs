//! Hardening: login throttles keyed by account and client address (instead of a lockout that
//! anyone could trigger), and an outbox for mail so that no transaction waits on an SMTP relay.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LoginThrottles::Table)
                    .if_not_exists()
                    .col(string_len(LoginThrottles::Key, 64).primary_key())
                    .col(integer(LoginThrottles::Failures).default(0))
                    // Unix milliseconds: compared and computed in one portable SQL statement.
                    .col(big_integer(LoginThrottles::BlockedUntil).default(0))
                    .col(big_integer_null(LoginThrottles::SucceededAt))
                    .col(big_integer(LoginThrottles::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_login_throttles_updated_at")
                    .table(LoginThrottles::Table)
                    .col(LoginThrottles::UpdatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MailOutbox::Table)
                    .if_not_exists()
                    .col(pk_uuid(MailOutbox::Id))
                    .col(uuid_null(MailOutbox::OrganizationId))
                    .col(string_len_null(MailOutbox::RelatedType, 32))
                    .col(uuid_null(MailOutbox::RelatedId))
                    .col(string(MailOutbox::Recipient))
                    .col(string(MailOutbox::Subject))
                    .col(text(MailOutbox::Body))
                    .col(string_len(MailOutbox::Status, 16))
                    .col(integer(MailOutbox::Attempts).default(0))
                    .col(text_null(MailOutbox::LastError))
                    .col(timestamp_with_time_zone(MailOutbox::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(MailOutbox::ClaimedUntil))
                    .col(timestamp_with_time_zone(MailOutbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(MailOutbox::SentAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MailOutbox::Table, MailOutbox::OrganizationId)
                            .to(Organizations::Table, Organizations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_mail_outbox_due")
                    .table(MailOutbox::Table)
                    .col(MailOutbox::Status)
                    .col(MailOutbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_mail_outbox_related")
                    .table(MailOutbox::Table)
                    .col(MailOutbox::RelatedId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ApiTokens::Table)
                    .add_column(boolean(ApiTokens::Platform).default(false))
                    .to_owned(),
            )
            .await?;
        // The per-account lockout is replaced by the throttles above. SQLite takes one
        // column per ALTER TABLE.
        for column in [Users::FailedLogins, Users::LockedUntil] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ApiTokens::Table)
                    .drop_column(ApiTokens::Platform)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(integer(Users::FailedLogins).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(timestamp_with_time_zone_null(Users::LockedUntil))
                    .to_owned(),
            )
            .await?;
        for table in [
            MailOutbox::Table.into_iden(),
            LoginThrottles::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum LoginThrottles {
    Table,
    Key,
    Failures,
    BlockedUntil,
    SucceededAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    Id,
    OrganizationId,
    RelatedType,
    RelatedId,
    Recipient,
    Subject,
    Body,
    Status,
    Attempts,
    LastError,
    NextAttemptAt,
    ClaimedUntil,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    FailedLogins,
    LockedUntil,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Platform,
}
