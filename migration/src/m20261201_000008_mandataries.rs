//! The mandatary of a co-held lot (art. 3.87 §1): the date the syndic received the written
//! designation and a reference to that document. Existing rows are taken as received on the
//! day they took effect. Rows that an earlier defect left ending before they start (a new
//! designation dated before the one it replaced) are closed on their first day: they were
//! never in force.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement, with a constant default.
        for mut column in [
            date(LotRepresentatives::ReceivedOn)
                .default("1970-01-01")
                .to_owned(),
            string_null(LotRepresentatives::DocumentRef),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(LotRepresentatives::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        db.execute_unprepared("UPDATE lot_representatives SET received_on = valid_from")
            .await?;
        db.execute_unprepared(
            "UPDATE lot_representatives SET valid_to = valid_from WHERE valid_to < valid_from",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            LotRepresentatives::ReceivedOn,
            LotRepresentatives::DocumentRef,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(LotRepresentatives::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum LotRepresentatives {
    Table,
    ReceivedOn,
    DocumentRef,
}
