//! Bank accounts as the law and the banks see them: held in the association's name (the
//! holder name), with a BIC, opened and closed on dates — closed, never deleted, since past
//! statements and charges name them. An IBAN is one real account: it cannot belong to two
//! associations, so it is unique across the platform (not per building any more). The
//! accounts join the register's announced tables (a building's list shows the kinds it
//! lacks).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        let columns = [
            string(BankAccounts::HolderName).default("").to_owned(),
            string_len_null(BankAccounts::Bic, 11),
            date_null(BankAccounts::OpenedOn),
            date_null(BankAccounts::ClosedOn),
            integer(BankAccounts::Version).default(1).to_owned(),
            // A constant default (SQLite refuses CURRENT_TIMESTAMP here); every row gets its
            // creation time just below.
            timestamp_with_time_zone(BankAccounts::UpdatedAt)
                .default("1970-01-01 00:00:00+00:00")
                .to_owned(),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(BankAccounts::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        db.execute_unprepared("UPDATE bank_accounts SET updated_at = created_at")
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ux_bank_accounts_building_iban")
                    .table(BankAccounts::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_bank_accounts_iban")
                    .table(BankAccounts::Table)
                    .col(BankAccounts::Iban)
                    .unique()
                    .to_owned(),
            )
            .await?;
        crate::register_watch::watch(manager, &["bank_accounts"]).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::register_watch::unwatch(manager, &["bank_accounts"]).await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ux_bank_accounts_iban")
                    .table(BankAccounts::Table)
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
        for column in [
            BankAccounts::HolderName,
            BankAccounts::Bic,
            BankAccounts::OpenedOn,
            BankAccounts::ClosedOn,
            BankAccounts::Version,
            BankAccounts::UpdatedAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(BankAccounts::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum BankAccounts {
    Table,
    BuildingId,
    Iban,
    HolderName,
    Bic,
    OpenedOn,
    ClosedOn,
    Version,
    UpdatedAt,
}
