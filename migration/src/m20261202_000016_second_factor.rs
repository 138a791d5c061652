//! The second factor (issue 11): a TOTP credential per user (RFC 6238; its secret encrypted
//! with the server's data key, since the server must read it back), ten one-time recovery
//! codes (only their SHA-256: 80 random bits each, nothing to brute-force), the devices a
//! user chose to remember for 30 days (only the hash of their cookie), and the
//! organisation's policy that its syndics and accountants must use a second factor.
//!
//! `users.second_factor_at` says that a confirmed credential exists: it is read with the user
//! (no extra statement per request) and the users trigger of migration 5 announces its
//! changes to every replica's cache. The policy column is on `organizations`, whose trigger
//! announces everything.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TotpCredentials::Table)
                    .col(uuid(TotpCredentials::UserId).primary_key())
                    // Nonce and AES-256-GCM ciphertext of the raw secret.
                    .col(blob(TotpCredentials::SecretSealed))
                    .col(timestamp_with_time_zone_null(TotpCredentials::ConfirmedAt))
                    // The last 30-second step a code was accepted for: a code is used once.
                    .col(big_integer(TotpCredentials::LastStep).default(0))
                    .col(timestamp_with_time_zone(TotpCredentials::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(TotpCredentials::Table, TotpCredentials::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RecoveryCodes::Table)
                    .col(uuid(RecoveryCodes::Id).primary_key())
                    .col(uuid(RecoveryCodes::UserId))
                    .col(string_len(RecoveryCodes::CodeHash, 64).unique_key())
                    .col(timestamp_with_time_zone_null(RecoveryCodes::UsedAt))
                    .col(timestamp_with_time_zone(RecoveryCodes::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RecoveryCodes::Table, RecoveryCodes::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RememberedDevices::Table)
                    .col(uuid(RememberedDevices::Id).primary_key())
                    .col(uuid(RememberedDevices::UserId))
                    .col(string_len(RememberedDevices::TokenHash, 64).unique_key())
                    .col(string_len(RememberedDevices::Label, 200))
                    .col(timestamp_with_time_zone(RememberedDevices::CreatedAt))
                    .col(timestamp_with_time_zone(RememberedDevices::ExpiresAt))
                    .col(timestamp_with_time_zone_null(RememberedDevices::LastUsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RememberedDevices::Table, RememberedDevices::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, table, column) in [
            (
                "ix_recovery_codes_user",
                RecoveryCodes::Table.into_iden(),
                RecoveryCodes::UserId.into_iden(),
            ),
            (
                "ix_remembered_devices_user",
                RememberedDevices::Table.into_iden(),
                RememberedDevices::UserId.into_iden(),
            ),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(timestamp_with_time_zone_null(Users::SecondFactorAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Organizations::Table)
                    .add_column(boolean(Organizations::SecondFactorRequired).default(false))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Organizations::Table)
                    .drop_column(Organizations::SecondFactorRequired)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::SecondFactorAt)
                    .to_owned(),
            )
            .await?;
        for table in [
            RememberedDevices::Table.into_iden(),
            RecoveryCodes::Table.into_iden(),
            TotpCredentials::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum TotpCredentials {
    Table,
    UserId,
    SecretSealed,
    ConfirmedAt,
    LastStep,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RecoveryCodes {
    Table,
    Id,
    UserId,
    CodeHash,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RememberedDevices {
    Table,
    Id,
    UserId,
    TokenHash,
    Label,
    CreatedAt,
    ExpiresAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    SecondFactorAt,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    SecondFactorRequired,
}
